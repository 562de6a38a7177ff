/*
 * rules_test.c: test-rules, the editors' assert scripts
 * (lua/tests/NAME.lua) run against the loaded rules.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <utf8proc.h>

#include "rules/rules_int.h"
#include "core/xalloc.h"

/* {==== test-rules: editors' assert scripts (lua/tests/NAME.lua) */

struct tctx {
	struct rules	*rules;		/* the rules under test */
	struct rules	*host;		/* the test scripts' own state */
	struct diag	*d;
	FILE		*out;
	const char	*file;
	unsigned	 passed;
	unsigned	 failed;
};

static struct tctx *
gettctx(lua_State *L)
{
	return lua_touserdata(L, lua_upvalueindex(1));
}

static void
push_result(lua_State *L, const struct article *a, unsigned errors)
{
	size_t i;

	lua_createtable(L, 0, 5);			/* stack: res */
	rules_push_optstr(L, a->title);
	lua_setfield(L, -2, "title");
	rules_push_strv(L, &a->paragraphs);
	lua_setfield(L, -2, "paragraphs");
	lua_pushinteger(L, errors);
	lua_setfield(L, -2, "errors");
	lua_newtable(L);				/* stack: res, tags */
	for (i = 0; i < a->ntags; i++) {
		if (lua_getfield(L, -1, a->tags[i].kind) == LUA_TNIL) {
			lua_pop(L, 1);
			lua_newtable(L);		/* stack: res, tags, l */
			lua_pushvalue(L, -1);
			lua_setfield(L, -3, a->tags[i].kind);
		}
		lua_pushstring(L, a->tags[i].name);
		lua_rawseti(L, -2, (lua_Integer)luaL_len(L, -2) + 1);
		lua_pop(L, 1);				/* stack: res, tags */
	}
	lua_setfield(L, -2, "tags");			/* stack: res */
	lua_createtable(L, (int)a->nmentions, 0);	/* stack: res, links */
	for (i = 0; i < a->nmentions; i++) {
		lua_createtable(L, 0, 3);
		lua_pushstring(L, a->mentions[i].text);
		lua_setfield(L, -2, "text");
		lua_pushstring(L, a->mentions[i].kind);
		lua_setfield(L, -2, "kind");
		lua_pushstring(L, a->mentions[i].name);
		lua_setfield(L, -2, "name");
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, -2, "links");			/* stack: res */
}

/* run(text [, path]): the article the text makes, with its tags. */
static int
t_run(lua_State *L)
{
	struct tctx *t = gettctx(L);
	struct article *a = NULL;
	struct diag quiet;
	size_t len;
	const char *text = luaL_checklstring(L, 1, &len);
	const char *path = luaL_optstring(L, 2, "test.txt");
	unsigned before = t->d->errors;

	diag_init(&quiet, NULL);
	if (article_parse(&a, &quiet, path, text, len) < 0)
		return luaL_error(L, "the text does not make an article");
	rules_run(t->rules, t->d, a);
	push_result(L, a, t->d->errors - before);
	article_free(a);
	return 1;
}

/* test(name, fn): one named check; an error in fn fails it. */
static int
t_test(lua_State *L)
{
	struct tctx *t = gettctx(L);
	const char *name = luaL_checkstring(L, 1);

	luaL_checktype(L, 2, LUA_TFUNCTION);
	lua_pushcfunction(L, rules_msghandler);
	lua_pushvalue(L, 2);				/* stack: ..., h, fn */
	if (lua_pcall(L, 0, 0, -2) == LUA_OK) {
		fprintf(t->out, "ok %s: %s\n", t->file, name);
		t->passed++;
	} else {
		fprintf(t->out, "FAIL %s: %s: %s\n", t->file, name,
		    lua_tostring(L, -1));
		t->failed++;
	}
	return 0;
}

static const char test_helpers[] =
    "local error, ipairs, concat = ...\n"
    "local function names(res, kind)\n"
    "  return concat((res.tags or {})[kind] or {}, ', ')\n"
    "end\n"
    "local function has(res, kind, name)\n"
    "  for _, n in ipairs((res.tags or {})[kind] or {}) do\n"
    "    if n == name then return true end\n"
    "  end\n"
    "  return false\n"
    "end\n"
    "local function expect_tag(res, kind, name)\n"
    "  if not has(res, kind, name) then\n"
    "    error(kind .. ' \"' .. name .. '\" expected; got: ' ..\n"
    "      names(res, kind), 2)\n"
    "  end\n"
    "end\n"
    "local function expect_no_tag(res, kind, name)\n"
    "  if has(res, kind, name) then\n"
    "    error(kind .. ' \"' .. name .. '\" not expected', 2)\n"
    "  end\n"
    "end\n"
    "local function expect_link(res, text, kind, name)\n"
    "  for _, l in ipairs(res.links or {}) do\n"
    "    if l.text == text and (kind == nil or l.kind == kind) and\n"
    "       (name == nil or l.name == name) then return end\n"
    "  end\n"
    "  error('no link on \"' .. text .. '\"', 2)\n"
    "end\n"
    "return has, expect_tag, expect_no_tag, expect_link\n";

static int
test_env(struct tctx *t, lua_State *L)
{
	static const char *const helpers[] = { "has", "expect_tag",
	    "expect_no_tag", "expect_link" };
	int i;

	rules_push_env(t->host, L);				/* stack: env */
	lua_pushlightuserdata(L, t);
	lua_pushcclosure(L, t_run, 1);
	lua_setfield(L, -2, "run");
	lua_pushlightuserdata(L, t);
	lua_pushcclosure(L, t_test, 1);
	lua_setfield(L, -2, "test");
	if (luaL_loadbufferx(L, test_helpers, sizeof(test_helpers) - 1,
	    "=test-rules", "t") != LUA_OK)
		return -1;
	lua_getglobal(L, "error");
	lua_getglobal(L, "ipairs");
	lua_getglobal(L, "table");
	lua_getfield(L, -1, "concat");
	lua_remove(L, -2);			/* stack: env, f, e, i, c */
	if (lua_pcall(L, 3, 4, 0) != LUA_OK)
		return -1;				/* stack: env, 4 fns */
	for (i = 3; i >= 0; i--)
		lua_setfield(L, -(i + 2), helpers[i]);
	return 0;
}

int
rules_test_file(struct rules *r, struct diag *d, FILE *out,
    const char *path, unsigned *passed, unsigned *failed)
{
	struct strv none = STRV_INIT;
	struct tctx t;
	struct buf src = BUF_INIT, name = BUF_INIT;
	lua_State *L;
	const char *why;
	int rc = -1;

	memset(&t, 0, sizeof(t));
	t.rules = r;
	t.d = d;
	t.out = out;
	t.file = path;
	if (rules_new(&t.host, d, ".", &none) < 0)
		return -1;
	L = t.host->L;
	if (rules_read_rule(NULL, path, &src, &why) < 0) {
		fprintf(out, "FAIL %s: %s\n", path, why);
		goto out;
	}
	buf_printf(&name, "@%s", path);
	if (luaL_loadbufferx(L, src.data, src.len, name.data, "t") != LUA_OK ||
	    test_env(&t, L) < 0) {
		fprintf(out, "FAIL %s: %s\n", path, lua_tostring(L, -1));
		t.failed++;
		goto out;
	}						/* stack: f, env */
	lua_setupvalue(L, -2, 1);			/* stack: f */
	lua_pushcfunction(L, rules_msghandler);
	lua_insert(L, -2);				/* stack: h, f */
	if (lua_pcall(L, 0, 0, -2) != LUA_OK) {
		fprintf(out, "FAIL %s: %s\n", path, lua_tostring(L, -1));
		t.failed++;
	}
	rc = 0;
out:
	*passed += t.passed;
	*failed += t.failed + (rc < 0 ? 1 : 0);
	buf_dispose(&src);
	buf_dispose(&name);
	rules_free(t.host);
	return rc;
}

/* }==== */
