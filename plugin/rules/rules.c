/*
 * rules.c: the Lua state, its sandbox and the rules API (rules.h,
 * docs/rules.md).
 *
 * Layout of the state: each rule file runs with its own environment
 * table, a copy of one sandbox table (safe base functions, read-only
 * proxies of string, table, math, utf8 and a deterministic os); once the
 * file has loaded its environment becomes read-only, so nothing an
 * article function does to globals reaches the next article. Articles
 * are full userdata over the C article (read-only). Declarations go to
 * the C matcher (tagger.c); rule functions run in a watched worker
 * (watch.c), whose results come back as records.
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

#include "rules/rules.h"
#include "rules/tagger.h"
#include "core/watch.h"
#include "core/xalloc.h"

#define ARTICLE_MT	"morgue.article"
#define MAX_TAGS	1000
#define MAX_NAME	200
#define MAX_KIND	32
#define MAX_FILE	(1024 * 1024)
#define TICK_MS		100

/* Record types of the worker's stream (watch.h). */
#define REC_TAG		'T'	/* kind, name, origin */
#define REC_MENTION	'M'	/* text, kind, name, origin */
#define REC_ERROR	'E'	/* step, file, line, message */
#define REC_DONE	'D'
#define REC_RESTART	'R'	/* step: resume after it */

struct rfunc {
	int	 ref;		/* the function, in the registry */
	char	*where;		/* "lua/tags.lua:12", where it is defined */
};

/* A tag or link made for the article being run (worker side). */
struct otag {
	char	*kind;
	char	*name;
	char	*origin;
	char	*text;		/* links only */
};

struct otags {
	struct otag	*v;
	size_t		 n;
	size_t		 cap;
};

/* The article being run, in the worker. */
struct run {
	struct article		*a;
	struct tagger_result	 hits;
	struct otags		 tags;
	struct otags		 links;
	char			*text;		/* title and body, lazily */
	char			*body;
};

struct rules {
	lua_State		*L;
	size_t			 mem_used;
	size_t			 mem_limit;
	char			*root;
	struct strv		 files;
	struct rfunc		*funcs;
	size_t			 nfuncs;
	struct tagger		*tagger;
	struct strv		 link_kinds;
	struct strv		 link_origins;
	struct weight		*weights;
	size_t			 nweights;
	struct strv		 spellings;	/* name, spelling, name, ... */
	int			 loading;	/* declarations allowed */
	int			 sandbox_ref;	/* the sandbox table */
	struct run		*run;		/* the article being run */
	struct watch_progress	*prog;
	struct watch_out	*out;		/* worker: the record stream */
	/* rules_run_all(): the batch and where a new worker resumes. */
	struct article		**v;
	size_t			 n;
	size_t			 next;
	uint64_t		*skip;		/* article << 16 | rule */
	size_t			 nskip;
	/* Per rule: the articles it ran away on, in all runs of this
	 * state; RULES_STRIKES stop it. */
	unsigned		*strikes;
	struct diag		*d;
	int			 failed;
	int			 timed_out;	/* the stop hook fired */
};

/* The worker's SIGALRM handler needs the state it may stop: the only
 * file-scope mutable data, set in the worker process only. */
static lua_State *volatile tick_L;
static struct watch_progress *volatile tick_p;
static volatile uint32_t tick_seq;
static volatile unsigned tick_same;

/* {==== allocator and helpers */

static void *
capped_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct rules *r = ud;
	void *np;

	if (ptr == NULL)
		osize = 0;
	if (nsize == 0) {
		free(ptr);
		r->mem_used -= osize;
		return NULL;
	}
	if (nsize > osize && r->mem_used + (nsize - osize) > r->mem_limit)
		return NULL;
	if ((np = realloc(ptr, nsize)) == NULL)
		return NULL;
	r->mem_used += nsize - osize;
	return np;
}

static struct rules *
getrules(lua_State *L)
{
	return lua_touserdata(L, lua_upvalueindex(1));
}

/* "lua/tags.lua:12" for the Lua function level levels up. */
static void
where(lua_State *L, int level, char *out, size_t outlen)
{
	lua_Debug ar;

	if (lua_getstack(L, level, &ar) && lua_getinfo(L, "Sl", &ar) &&
	    ar.currentline > 0)
		snprintf(out, outlen, "%s:%d", ar.short_src, ar.currentline);
	else
		snprintf(out, outlen, "?");
}

/* Checks a tag name or link text: UTF-8, no control characters. */
static const char *
check_text(lua_State *L, int idx, const char *what)
{
	size_t len, i = 0;
	const char *s = luaL_checklstring(L, idx, &len);
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;

	if (len == 0 || len > MAX_NAME)
		luaL_error(L, "invalid %s: length %d (1 to %d bytes)", what,
		    (int)len, MAX_NAME);
	while (i < len) {
		n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		    (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0 || cp < 0x20 || cp == 0x7f ||
		    (cp >= 0x80 && cp < 0xa0))
			luaL_error(L, "invalid %s: not UTF-8 text", what);
		i += (size_t)n;
	}
	return s;
}

static const char *
check_kind(lua_State *L, int idx)
{
	size_t len, i;
	const char *s = luaL_checklstring(L, idx, &len);

	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (i > 0 &&
		    ((s[i] >= '0' && s[i] <= '9') || s[i] == '-' ||
		    s[i] == '_'))))
			break;
	if (len == 0 || len > MAX_KIND || i < len)
		luaL_error(L, "invalid tag kind '%s' (want [a-z][a-z0-9_-]*)",
		    s);
	return s;
}

static void
loading_only(lua_State *L, const char *fn)
{
	if (!getrules(L)->loading)
		luaL_error(L, "%s: declarations are allowed only while a "
		    "rule file loads", fn);
}

/* }==== */

/* {==== declarations */

/* Adds the spellings in the value at idx (a string or a list of them). */
static void
add_spellings(lua_State *L, int idx, const char *kind, const char *name,
    const char *origin)
{
	struct rules *r = getrules(L);
	lua_Integer i, n;

	if (lua_type(L, idx) == LUA_TSTRING) {
		if (tagger_add(r->tagger, kind, name, check_text(L, idx,
		    "spelling"), origin) < 0)
			luaL_error(L, "spelling without a word");
		strv_push(&r->spellings, name);
		strv_push(&r->spellings, lua_tostring(L, idx));
		return;
	}
	luaL_checktype(L, idx, LUA_TTABLE);
	n = luaL_len(L, idx);
	for (i = 1; i <= n; i++) {
		lua_geti(L, idx, i);			/* stack: s */
		if (tagger_add(r->tagger, kind, name, check_text(L, -1,
		    "spelling"), origin) < 0)
			luaL_error(L, "spelling without a word");
		strv_push(&r->spellings, name);
		strv_push(&r->spellings, lua_tostring(L, -1));
		lua_pop(L, 1);				/* stack: */
	}
}

/* The function a declaration returns: takes the spellings. Upvalues:
 * rules, kind, name, origin. */
static int
l_spellings(lua_State *L)
{
	loading_only(L, "spellings");
	add_spellings(L, 1, lua_tostring(L, lua_upvalueindex(2)),
	    lua_tostring(L, lua_upvalueindex(3)),
	    lua_tostring(L, lua_upvalueindex(4)));
	return 0;
}

static int
declare(lua_State *L, const char *kind, int nameidx)
{
	struct rules *r = getrules(L);
	const char *name = check_text(L, nameidx, "tag name");
	char origin[256];

	loading_only(L, kind);
	where(L, 1, origin, sizeof(origin));
	tagger_add(r->tagger, kind, name, name, origin);
	if (!lua_isnoneornil(L, nameidx + 1)) {
		add_spellings(L, nameidx + 1, kind, name, origin);
		return 0;
	}
	lua_pushlightuserdata(L, r);
	lua_pushstring(L, kind);
	lua_pushstring(L, name);
	lua_pushstring(L, origin);
	lua_pushcclosure(L, l_spellings, 4);		/* stack: fn */
	return 1;
}

/* person "X" { ... }, place, organisation, topic, and the declarers that
 * kind() makes: upvalues rules, kind. */
static int
l_declare_kind(lua_State *L)
{
	return declare(L, lua_tostring(L, lua_upvalueindex(2)), 1);
}

/* tag(kind, name [, spellings]) */
static int
l_tag(lua_State *L)
{
	const char *kind = check_kind(L, 1);

	return declare(L, kind, 2);
}

/* kind "events": a declarer like person for a kind of one's own. */
static int
l_kind(lua_State *L)
{
	lua_pushlightuserdata(L, getrules(L));
	lua_pushstring(L, check_kind(L, 1));
	lua_pushcclosure(L, l_declare_kind, 2);		/* stack: fn */
	return 1;
}

static int
l_link_first_mention(lua_State *L)
{
	struct rules *r = getrules(L);
	char origin[256];
	lua_Integer i, n;

	loading_only(L, "link_first_mention");
	where(L, 1, origin, sizeof(origin));
	luaL_checktype(L, 1, LUA_TTABLE);
	n = luaL_len(L, 1);
	for (i = 1; i <= n; i++) {
		lua_geti(L, 1, i);			/* stack: kind */
		if (strv_find(&r->link_kinds, check_kind(L, -1)) < 0) {
			strv_push(&r->link_kinds, lua_tostring(L, -1));
			strv_push(&r->link_origins, origin);
		}
		lua_pop(L, 1);				/* stack: */
	}
	return 0;
}

static int
l_related_weights(lua_State *L)
{
	struct rules *r = getrules(L);
	const char *key;
	double v;
	size_t i;

	loading_only(L, "related_weights");
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_pushnil(L);					/* stack: nil */
	while (lua_next(L, 1)) {			/* stack: k, v */
		if (lua_type(L, -2) != LUA_TSTRING)
			return luaL_error(L, "related_weights: keys are "
			    "names such as people or threshold");
		key = check_kind(L, -2);
		v = luaL_checknumber(L, -1);
		if (!isfinite(v))
			return luaL_error(L, "related_weights: %s is not "
			    "a finite number", key);
		for (i = 0; i < r->nweights; i++)
			if (strcmp(r->weights[i].key, key) == 0)
				break;
		if (i == r->nweights) {
			r->weights = xreallocarray(r->weights,
			    r->nweights + 1, sizeof(*r->weights));
			r->weights[r->nweights++].key = xstrdup(key);
		}
		r->weights[i].value = v;
		lua_pop(L, 1);				/* stack: k */
	}
	return 0;
}

static void
names_list(lua_State *L, const char *field, enum tagger_list list)
{
	struct rules *r = getrules(L);
	lua_Integer i, n;

	if (lua_getfield(L, 1, field) != LUA_TNIL) {	/* stack: t */
		luaL_checktype(L, -1, LUA_TTABLE);
		n = luaL_len(L, -1);
		for (i = 1; i <= n; i++) {
			lua_geti(L, -1, i);		/* stack: t, w */
			tagger_word(r->tagger, list,
			    check_text(L, -1, "word"));
			lua_pop(L, 1);			/* stack: t */
		}
	}
	lua_pop(L, 1);					/* stack: */
}

/* names { kind = "people", min = 2, max = 4, stop = {...},
 *   titles = {...}, suffixes = { places = { "Republic" }, ... } } */
static int
l_names(lua_State *L)
{
	struct rules *r = getrules(L);
	char origin[256];
	lua_Integer i, n, lo, hi;

	loading_only(L, "names");
	where(L, 1, origin, sizeof(origin));
	if (lua_toboolean(L, 1) == 0) {
		tagger_names(r->tagger, NULL, origin, 0, 0);
		return 0;
	}
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_getfield(L, 1, "kind");			/* stack: kind */
	lua_getfield(L, 1, "min");			/* stack: kind, min */
	lua_getfield(L, 1, "max");		/* stack: kind, min, max */
	lo = luaL_optinteger(L, -2, 2);
	hi = luaL_optinteger(L, -1, 4);
	luaL_argcheck(L, lo >= 1 && lo <= 8 && hi >= lo && hi <= 8, 1,
	    "min and max are 1 to 8 words");
	tagger_names(r->tagger, lua_isnil(L, -3) ? "people" :
	    check_kind(L, -3), origin, (unsigned)lo, (unsigned)hi);
	lua_pop(L, 3);					/* stack: */
	names_list(L, "stop", TAGGER_STOP);
	names_list(L, "titles", TAGGER_TITLE);
	if (lua_getfield(L, 1, "suffixes") != LUA_TNIL) { /* stack: s */
		luaL_checktype(L, -1, LUA_TTABLE);
		lua_pushnil(L);				/* stack: s, nil */
		while (lua_next(L, -2)) {		/* stack: s, k, v */
			check_kind(L, -2);
			luaL_checktype(L, -1, LUA_TTABLE);
			n = luaL_len(L, -1);
			for (i = 1; i <= n; i++) {
				lua_geti(L, -1, i);	/* stack: s, k, v, w */
				tagger_suffix(r->tagger, check_text(L, -1,
				    "word"), lua_tostring(L, -3));
				lua_pop(L, 1);		/* stack: s, k, v */
			}
			lua_pop(L, 1);			/* stack: s, k */
		}
	}
	lua_pop(L, 1);					/* stack: */
	return 0;
}

static void
add_func(struct rules *r, lua_State *L, int idx)
{
	lua_Debug ar;
	char w[256];

	lua_pushvalue(L, idx);				/* stack: f */
	lua_getinfo(L, ">S", &ar);			/* stack: */
	snprintf(w, sizeof(w), "%s:%d", ar.short_src, ar.linedefined);
	lua_pushvalue(L, idx);				/* stack: f */
	r->funcs = xreallocarray(r->funcs, r->nfuncs + 1, sizeof(*r->funcs));
	r->funcs[r->nfuncs].ref = luaL_ref(L, LUA_REGISTRYINDEX);
	r->funcs[r->nfuncs].where = xstrdup(w);
	r->nfuncs++;					/* stack: */
}

/* rule(function(a) ... end): one more article function. */
static int
l_rule(lua_State *L)
{
	loading_only(L, "rule");
	luaL_checktype(L, 1, LUA_TFUNCTION);
	add_func(getrules(L), L, 1);
	return 0;
}

static const luaL_Reg decl_funcs[] = {
	{ "tag",		l_tag },
	{ "kind",		l_kind },
	{ "link_first_mention",	l_link_first_mention },
	{ "related_weights",	l_related_weights },
	{ "names",		l_names },
	{ "rule",		l_rule },
	{ NULL,			NULL }
};

/* }==== */

/* {==== sandbox */

static int
l_readonly(lua_State *L)
{
	return luaL_error(L, "attempt to modify a readonly table");
}

static int
l_readonly_global(lua_State *L)
{
	return luaL_error(L, "attempt to modify a readonly global '%s'",
	    lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "?");
}

/* Pushes a read-only proxy of the table at idx. */
static void
push_readonly(lua_State *L, int idx)
{
	idx = lua_absindex(L, idx);
	lua_newtable(L);				/* stack: p */
	lua_createtable(L, 0, 3);			/* stack: p, mt */
	lua_pushvalue(L, idx);
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, l_readonly);
	lua_setfield(L, -2, "__newindex");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, -2);			/* stack: p */
}

/* tostring() without addresses, so that output never depends on where
 * the allocator put a table (HOSTILE 57). */
static int
l_tostring(lua_State *L)
{
	luaL_checkany(L, 1);
	switch (lua_type(L, 1)) {
	case LUA_TTABLE:
	case LUA_TUSERDATA:
	case LUA_TLIGHTUSERDATA:
	case LUA_TFUNCTION:
	case LUA_TTHREAD:
		if (luaL_getmetafield(L, 1, "__tostring") == LUA_TNIL) {
			lua_pushstring(L, luaL_typename(L, 1));
			return 1;
		}
		lua_pop(L, 1);
		break;
	default:
		break;
	}
	luaL_tolstring(L, 1, NULL);
	return 1;
}

static lua_Integer
epoch(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (s == NULL || *s == '\0')
		return 0;
	errno = 0;
	v = strtoll(s, &end, 10);
	return errno == 0 && *end == '\0' ? (lua_Integer)v : 0;
}

/* os.time() is SOURCE_DATE_EPOCH (or 0), never the clock; upvalue 1 is
 * the real os.time, for os.time{year = ...}. */
static int
l_os_time(lua_State *L)
{
	if (lua_isnoneornil(L, 1)) {
		lua_pushinteger(L, epoch());
		return 1;
	}
	lua_settop(L, 1);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);				/* stack: time, t */
	lua_call(L, 1, 1);
	return 1;
}

/* os.date(fmt [, t]) with t defaulting to SOURCE_DATE_EPOCH. */
static int
l_os_date(lua_State *L)
{
	const char *fmt = luaL_optstring(L, 1, "%c");
	lua_Integer t = luaL_opt(L, luaL_checkinteger, 2, epoch());

	lua_pushvalue(L, lua_upvalueindex(1));		/* stack: date */
	lua_pushstring(L, fmt);
	lua_pushinteger(L, t);
	lua_call(L, 2, 1);				/* stack: s */
	return 1;
}

/* string.find, match, gsub, gmatch and gmatch's iterator: note the
 * caller's line for the watchdog's message, then call the real one
 * (upvalue 2). Upvalue 3 is true for gmatch, whose iterator is wrapped
 * too, since the matching happens there. */
static int
l_guarded(lua_State *L)
{
	struct rules *r = getrules(L);
	int n = lua_gettop(L);

	if (r->prog != NULL && r->prog->busy)
		where(L, 1, r->prog->where, sizeof(r->prog->where));
	lua_pushvalue(L, lua_upvalueindex(2));
	lua_insert(L, 1);				/* stack: f, args */
	lua_call(L, n, LUA_MULTRET);			/* stack: results */
	if (lua_toboolean(L, lua_upvalueindex(3))) {
		lua_pushlightuserdata(L, r);		/* stack: it, r */
		lua_insert(L, -2);			/* stack: r, it */
		lua_pushboolean(L, 0);
		lua_pushcclosure(L, l_guarded, 3);	/* stack: guarded */
	}
	return lua_gettop(L);
}

/* pairs() in a fixed order (numbers, then strings, ...), so that a rule
 * that stops at the first key does the same in every run (HOSTILE 56:
 * Lua's table order changes from run to run). */
static const char sorted_pairs[] =
    "local next, type, sort, getmetatable = next, type, table.sort,\n"
    "  getmetatable\n"
    "local function lt(a, b)\n"
    "  local ta, tb = type(a), type(b)\n"
    "  if ta ~= tb then return ta < tb end\n"
    "  if ta == 'number' or ta == 'string' then return a < b end\n"
    "  if ta == 'boolean' then return (not a) and b end\n"
    "  return false\n"
    "end\n"
    "return function(t)\n"
    "  local mt = getmetatable(t)\n"
    "  if type(mt) == 'table' and mt.__pairs then return mt.__pairs(t) end\n"
    "  local keys, n = {}, 0\n"
    "  for k in next, t do n = n + 1; keys[n] = k end\n"
    "  sort(keys, lt)\n"
    "  local i = 0\n"
    "  return function()\n"
    "    i = i + 1\n"
    "    local k = keys[i]\n"
    "    if k ~= nil then return k, t[k] end\n"
    "  end, t, nil\n"
    "end\n";

static const char *const base_names[] = {
	"assert", "error", "ipairs", "next", "pcall", "select", "tonumber",
	"type", "xpcall", "rawequal", "rawlen", "rawget", "setmetatable",
	"getmetatable", "_VERSION", NULL
};

static void
guard_string(struct rules *r, lua_State *L, int strtab)
{
	static const char *const fns[] = { "find", "match", "gmatch",
	    "gsub", NULL };
	int i;

	for (i = 0; fns[i] != NULL; i++) {
		lua_pushlightuserdata(L, r);
		lua_getfield(L, strtab, fns[i]);
		lua_pushboolean(L, strcmp(fns[i], "gmatch") == 0);
		lua_pushcclosure(L, l_guarded, 3);
		lua_setfield(L, strtab, fns[i]);
	}
	lua_pushnil(L);
	lua_setfield(L, strtab, "dump");
	/* Lock the metatable shared by all strings (LIBRARIES 2, step 4). */
	lua_pushliteral(L, "");
	lua_getmetatable(L, -1);			/* stack: "", mt */
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 2);
}

/* Leaves the os table of the sandbox on the stack; host at index os. */
static void
push_os(lua_State *L, int os)
{
	lua_createtable(L, 0, 3);			/* stack: t */
	lua_getfield(L, os, "time");
	lua_pushcclosure(L, l_os_time, 1);
	lua_setfield(L, -2, "time");
	lua_getfield(L, os, "date");
	lua_pushcclosure(L, l_os_date, 1);
	lua_setfield(L, -2, "date");
	lua_getfield(L, os, "clock");
	lua_setfield(L, -2, "clock");
}

static void
sandbox_libs(struct rules *r, lua_State *L, int sb)
{
	static const char *const libs[] = { "string", "table", "math",
	    "utf8", NULL };
	int i;

	lua_getglobal(L, "math");
	lua_getfield(L, -1, "randomseed");
	lua_pushinteger(L, 1);
	lua_call(L, 1, 0);				/* a fixed seed */
	lua_newtable(L);				/* stack: math, copy */
	lua_pushnil(L);
	while (lua_next(L, -3)) {		/* stack: math, copy, k, v */
		lua_pushvalue(L, -2);
		lua_insert(L, -2);
		lua_rawset(L, -4);
	}
	lua_pushnil(L);
	lua_setfield(L, -2, "randomseed");
	lua_setfield(L, LUA_REGISTRYINDEX, "morgue.math");
	lua_pop(L, 1);					/* stack: */
	lua_getglobal(L, "string");
	guard_string(r, L, lua_gettop(L));
	lua_pop(L, 1);
	for (i = 0; libs[i] != NULL; i++) {
		if (strcmp(libs[i], "math") == 0)
			lua_getfield(L, LUA_REGISTRYINDEX, "morgue.math");
		else
			lua_getglobal(L, libs[i]);
		push_readonly(L, -1);
		lua_setfield(L, sb, libs[i]);
		lua_pop(L, 1);
	}
	lua_getglobal(L, "os");
	push_os(L, lua_gettop(L));
	push_readonly(L, -1);
	lua_setfield(L, sb, "os");
	lua_pop(L, 2);
}

static void
sandbox_api(struct rules *r, lua_State *L, int sb)
{
	static const char *const kinds[][2] = {
		{ "person", "people" }, { "place", "places" },
		{ "organisation", "organisations" },
		{ "organization", "organisations" }, { "topic", "topics" }
	};
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		lua_pushlightuserdata(L, r);
		lua_pushstring(L, kinds[i][1]);
		lua_pushcclosure(L, l_declare_kind, 2);
		lua_setfield(L, sb, kinds[i][0]);
	}
	lua_pushvalue(L, sb);
	lua_pushlightuserdata(L, r);
	luaL_setfuncs(L, decl_funcs, 1);
	lua_pop(L, 1);
}

/* Opens the host libraries and builds the sandbox table (registry). */
static int
sandbox_new(struct rules *r, lua_State *L)
{
	int i, sb;

	luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
	luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
	luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
	luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
	luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
	luaL_requiref(L, LUA_OSLIBNAME, luaopen_os, 1);
	lua_settop(L, 0);
	lua_newtable(L);				/* stack: sb */
	sb = lua_gettop(L);
	for (i = 0; base_names[i] != NULL; i++) {
		lua_getglobal(L, base_names[i]);
		lua_setfield(L, sb, base_names[i]);
	}
	lua_pushcfunction(L, l_tostring);
	lua_setfield(L, sb, "tostring");
	if (luaL_loadbufferx(L, sorted_pairs, sizeof(sorted_pairs) - 1,
	    "=pairs", "t") != LUA_OK || lua_pcall(L, 0, 1, 0) != LUA_OK)
		return -1;
	lua_setfield(L, sb, "pairs");
	sandbox_libs(r, L, sb);
	sandbox_api(r, L, sb);
	r->sandbox_ref = luaL_ref(L, LUA_REGISTRYINDEX);	/* stack: */
	return 0;
}

/* Pushes a new environment for one file: a copy of the sandbox. */
static void
push_env(struct rules *r, lua_State *L)
{
	lua_newtable(L);				/* stack: env */
	lua_rawgeti(L, LUA_REGISTRYINDEX, r->sandbox_ref); /* env, sb */
	lua_pushnil(L);
	while (lua_next(L, -2)) {		/* stack: env, sb, k, v */
		lua_pushvalue(L, -2);
		lua_insert(L, -2);
		lua_rawset(L, -5);		/* stack: env, sb, k */
	}
	lua_pop(L, 1);					/* stack: env */
	lua_pushvalue(L, -1);
	lua_setfield(L, -2, "_G");
	lua_createtable(L, 0, 3);			/* stack: env, mt */
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, -2);			/* stack: env */
}

/* Once its file has loaded, the environment at idx becomes read-only:
 * its contents move to a table it reads through, and new assignments
 * fail, so that an article function cannot leave state behind. */
static void
freeze_env(lua_State *L, int idx)
{
	idx = lua_absindex(L, idx);
	lua_newtable(L);				/* stack: back */
	lua_pushnil(L);
	while (lua_next(L, idx)) {			/* stack: back, k, v */
		lua_pushvalue(L, -2);
		lua_insert(L, -2);			/* stack: back, k, k, v */
		lua_rawset(L, -4);			/* stack: back, k */
	}
	lua_pushnil(L);
	while (lua_next(L, -2)) {			/* stack: back, k, v */
		lua_pop(L, 1);
		lua_pushvalue(L, -1);
		lua_pushnil(L);
		lua_rawset(L, idx);			/* stack: back, k */
	}
	lua_getmetatable(L, idx);			/* stack: back, mt */
	lua_insert(L, -2);				/* stack: mt, back */
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, l_readonly_global);
	lua_setfield(L, -2, "__newindex");
	lua_pop(L, 1);					/* stack: */
}

/* }==== */

/* {==== the article, as rules see it */

struct aref {
	struct rules	*r;
	struct article	*a;	/* borrowed; NULL once its run ends */
};

static struct article *
check_article(lua_State *L, int idx)
{
	struct aref *ar = luaL_checkudata(L, idx, ARTICLE_MT);

	luaL_argcheck(L, ar->a != NULL, idx, "article is no longer valid");
	return ar->a;
}

static void
otags_add(struct otags *t, const char *kind, const char *name,
    const char *origin, const char *text)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->v = xreallocarray(t->v, t->cap, sizeof(*t->v));
	}
	t->v[t->n].kind = xstrdup(kind);
	t->v[t->n].name = xstrdup(name);
	t->v[t->n].origin = xstrdup(origin);
	t->v[t->n].text = text ? xstrdup(text) : NULL;
	t->n++;
}

static long
otags_find(const struct otags *t, const char *kind, const char *name)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->v[i].name, name) == 0 &&
		    strcmp(t->v[i].kind, kind) == 0)
			return (long)i;
	return -1;
}

/* Drops the entries from n on (a rule that failed leaves nothing). */
static void
otags_truncate(struct otags *t, size_t n)
{
	while (t->n > n) {
		t->n--;
		free(t->v[t->n].kind);
		free(t->v[t->n].name);
		free(t->v[t->n].origin);
		free(t->v[t->n].text);
	}
}

static const struct tagger_hit *
find_hit(const struct run *run, const char *kind, const char *name)
{
	size_t i;

	for (i = 0; i < run->hits.n; i++)
		if (strcmp(run->hits.v[i].name, name) == 0 &&
		    strcmp(run->hits.v[i].kind, kind) == 0)
			return &run->hits.v[i];
	return NULL;
}

/* a:tag(kind, name) */
static int
m_tag(lua_State *L)
{
	struct rules *r = getrules(L);
	const char *kind, *name;
	char origin[256];

	check_article(L, 1);
	kind = check_kind(L, 2);
	name = check_text(L, 3, "tag name");
	if (otags_find(&r->run->tags, kind, name) >= 0)
		return 0;
	if (r->run->tags.n >= MAX_TAGS)
		return luaL_error(L, "too many tags (%d)", MAX_TAGS);
	where(L, 1, origin, sizeof(origin));
	otags_add(&r->run->tags, kind, name, origin, NULL);
	return 0;
}

/* a:link(kind, name [, text]): the first mention of text (by default,
 * of the tag as the article first writes it) links to the tag's page. */
static int
m_link(lua_State *L)
{
	struct rules *r = getrules(L);
	const struct tagger_hit *h;
	const char *kind, *name, *text;
	char origin[256];
	struct buf b = BUF_INIT;

	check_article(L, 1);
	kind = check_kind(L, 2);
	name = check_text(L, 3, "tag name");
	text = lua_isnoneornil(L, 4) ? NULL : check_text(L, 4, "link text");
	if (text == NULL && (h = find_hit(r->run, kind, name)) != NULL) {
		buf_put(&b, h->surface, h->surface_len);
		text = b.data;
	}
	if (text == NULL)
		text = name;
	if (r->run->links.n >= MAX_TAGS) {
		buf_dispose(&b);
		return luaL_error(L, "too many links (%d)", MAX_TAGS);
	}
	where(L, 1, origin, sizeof(origin));
	otags_add(&r->run->links, kind, name, origin, text);
	buf_dispose(&b);
	return 0;
}

/* a:has(kind, name) */
static int
m_has(lua_State *L)
{
	struct rules *r = getrules(L);

	check_article(L, 1);
	lua_pushboolean(L, otags_find(&r->run->tags, luaL_checkstring(L, 2),
	    luaL_checkstring(L, 3)) >= 0);
	return 1;
}

/* a:count(kind, name): how often the matcher saw the tag. */
static int
m_count(lua_State *L)
{
	struct rules *r = getrules(L);
	const struct tagger_hit *h;

	check_article(L, 1);
	h = find_hit(r->run, luaL_checkstring(L, 2), luaL_checkstring(L, 3));
	lua_pushinteger(L, h ? (lua_Integer)h->count : 0);
	return 1;
}

/* a:tags(kind): the names of that kind so far, sorted. */
static int
m_tags(lua_State *L)
{
	struct rules *r = getrules(L);
	struct strv names = STRV_INIT;
	const char *kind;
	size_t i;

	check_article(L, 1);
	kind = luaL_checkstring(L, 2);
	for (i = 0; i < r->run->tags.n; i++)
		if (strcmp(r->run->tags.v[i].kind, kind) == 0)
			strv_push(&names, r->run->tags.v[i].name);
	strv_sort(&names);
	lua_createtable(L, (int)names.n, 0);		/* stack: t */
	for (i = 0; i < names.n; i++) {
		lua_pushstring(L, names.v[i]);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	strv_dispose(&names);
	return 1;
}

static const luaL_Reg article_methods[] = {
	{ "tag",	m_tag },
	{ "link",	m_link },
	{ "has",	m_has },
	{ "count",	m_count },
	{ "tags",	m_tags },
	{ NULL,		NULL }
};

static void
push_strv(lua_State *L, const struct strv *sv)
{
	size_t i;

	lua_createtable(L, (int)sv->n, 0);
	for (i = 0; i < sv->n; i++) {
		lua_pushstring(L, sv->v[i]);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
}

/* The body: paragraphs and subheads in order, blank-line separated. */
static char *
make_body(const struct article *a, const char *title)
{
	struct buf b = BUF_INIT;
	size_t i, total = title != NULL ? strlen(title) + 2 : 0;

	/* One allocation: this runs for every article a rule reads. */
	for (i = 0; i < a->nbody; i++)
		total += strlen(a->body[i].text) + 2;
	for (i = 0; a->nbody == 0 && i < a->paragraphs.n; i++)
		total += strlen(a->paragraphs.v[i]) + 2;
	buf_grow(&b, total);
	if (title != NULL && *title != '\0') {
		buf_puts(&b, title);
		BUF_PUTSL(&b, "\n\n");
	}
	if (a->nbody > 0) {
		for (i = 0; i < a->nbody; i++) {
			buf_puts(&b, a->body[i].text);
			BUF_PUTSL(&b, "\n\n");
		}
	} else {
		for (i = 0; i < a->paragraphs.n; i++) {
			buf_puts(&b, a->paragraphs.v[i]);
			BUF_PUTSL(&b, "\n\n");
		}
	}
	if (b.len >= 2)
		b.data[b.len -= 2] = '\0';
	return buf_detach(&b);
}

static void
push_optstr(lua_State *L, const char *s)
{
	if (s != NULL)
		lua_pushstring(L, s);
	else
		lua_pushnil(L);
}

static int
push_field(lua_State *L, struct rules *r, const struct article *a,
    const char *k)
{
	struct run *run = r->run;

	if (strcmp(k, "text") == 0 || strcmp(k, "body") == 0) {
		if (k[0] == 't' && run->text == NULL)
			run->text = make_body(a, a->title);
		if (k[0] == 'b' && run->body == NULL)
			run->body = make_body(a, NULL);
		lua_pushstring(L, k[0] == 't' ? run->text : run->body);
	} else if (strcmp(k, "title") == 0)
		push_optstr(L, a->title);
	else if (strcmp(k, "path") == 0)
		push_optstr(L, a->path);
	else if (strcmp(k, "paragraphs") == 0)
		push_strv(L, &a->paragraphs);
	else if (strcmp(k, "authors") == 0)
		push_strv(L, &a->authors);
	else if (strcmp(k, "subheads") == 0)
		push_strv(L, &a->subheads);
	else if (strcmp(k, "key_points") == 0)
		push_strv(L, &a->key_points);
	else if (strcmp(k, "captions") == 0)
		push_strv(L, &a->captions);
	else if (strcmp(k, "source") == 0)
		push_optstr(L, a->source);
	else if (strcmp(k, "agency") == 0)
		push_optstr(L, a->agency);
	else if (strcmp(k, "date") == 0)
		push_optstr(L, a->date);
	else if (strcmp(k, "dateline") == 0)
		push_optstr(L, a->dateline);
	else if (strcmp(k, "url") == 0)
		push_optstr(L, a->url);
	else if (strcmp(k, "language") == 0)
		push_optstr(L, a->language);
	else if (strcmp(k, "slug") == 0)
		push_optstr(L, a->slug);
	else if (strcmp(k, "word_count") == 0)
		lua_pushinteger(L, (lua_Integer)a->word_count);
	else
		return 0;
	return 1;
}

/* __index: a method (upvalue 2 is the method table) or a field. */
static int
a_index(lua_State *L)
{
	struct article *a = check_article(L, 1);
	const char *k = luaL_checkstring(L, 2);

	if (lua_getfield(L, lua_upvalueindex(2), k) != LUA_TNIL)
		return 1;				/* stack: method */
	lua_pop(L, 1);
	if (!push_field(L, getrules(L), a, k))
		lua_pushnil(L);
	return 1;
}

static int
a_tostring(lua_State *L)
{
	struct aref *ar = luaL_checkudata(L, 1, ARTICLE_MT);

	lua_pushfstring(L, "article: %s", ar->a && ar->a->path ?
	    ar->a->path : "(gone)");
	return 1;
}

static void
article_meta(struct rules *r, lua_State *L)
{
	luaL_newmetatable(L, ARTICLE_MT);		/* stack: mt */
	lua_pushlightuserdata(L, r);
	luaL_newlibtable(L, article_methods);		/* stack: mt, r, m */
	lua_pushlightuserdata(L, r);
	luaL_setfuncs(L, article_methods, 1);
	lua_pushcclosure(L, a_index, 2);		/* stack: mt, index */
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, l_readonly);
	lua_setfield(L, -2, "__newindex");
	lua_pushcfunction(L, a_tostring);
	lua_setfield(L, -2, "__tostring");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 1);					/* stack: */
}

/* }==== */

/* {==== running the rules (in the worker) */

static void
stop_hook(lua_State *L, lua_Debug *ar)
{
	struct rules *r;
	char w[256];

	(void)ar;
	lua_getallocf(L, (void **)&r);
	r->timed_out = 1;
	/* Sticky: the hook stays until the rule's pcall returns, so a
	 * rule's own pcall cannot swallow the timeout for good. */
	where(L, 0, w, sizeof(w));
	lua_pushfstring(L, "%s: rule exceeded %d s", w,
	    RULES_BUDGET_MS / 1000);
	lua_error(L);
}

/* SIGALRM every TICK_MS in the worker: when the same step has run for
 * the budget, install the hook that stops it. A hook set only then costs
 * nothing before (a permanent count hook halves Lua's speed). */
static void
on_tick(int sig)
{
	struct watch_progress *p = tick_p;

	(void)sig;
	if (p == NULL || !p->busy || p->seq != tick_seq) {
		tick_seq = p ? p->seq : 0;
		tick_same = 0;
		return;
	}
	if (++tick_same * TICK_MS >= RULES_BUDGET_MS)
		lua_sethook(tick_L, stop_hook, LUA_MASKCOUNT, 1);
}

static void
tick_start(struct rules *r)
{
	struct sigaction sa;
	struct itimerval it;

	tick_L = r->L;
	tick_p = r->prog;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_tick;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	it.it_interval.tv_sec = 0;
	it.it_interval.tv_usec = TICK_MS * 1000;
	it.it_value = it.it_interval;
	setitimer(ITIMER_REAL, &it, NULL);
}

static int
msghandler(lua_State *L)
{
	if (lua_type(L, 1) == LUA_TSTRING)
		return 1;
	if (luaL_callmeta(L, 1, "__tostring") &&
	    lua_type(L, -1) == LUA_TSTRING)
		return 1;
	lua_pushfstring(L, "(error object is a %s value)",
	    luaL_typename(L, 1));
	return 1;
}

/* Parses "file:NN: rest" or "file:NN" at s. */
static int
parse_where(const char *s, struct buf *file, unsigned *line,
    const char **rest)
{
	const char *p;
	char *end;
	unsigned long n;

	for (p = strchr(s, ':'); p != NULL; p = strchr(p + 1, ':')) {
		if (p == s || p[1] < '0' || p[1] > '9')
			continue;
		n = strtoul(p + 1, &end, 10);
		if (*end != ':' && *end != '\0')
			continue;
		buf_reset(file);
		buf_put(file, s, (size_t)(p - s));
		*line = (unsigned)n;
		*rest = *end == '\0' ? end : end[1] == ' ' ? end + 2 : end + 1;
		return 1;
	}
	return 0;
}

/* Splits "lua/x.lua:12: message" into file, line and message; without
 * such a prefix, the place is fallback ("lua/x.lua:3"). */
static void
split_where(const char *msg, const char *fallback, struct buf *file,
    unsigned *line, const char **text)
{
	const char *dummy;

	if (parse_where(msg, file, line, text))
		return;
	*text = msg;
	if (fallback != NULL && parse_where(fallback, file, line, &dummy))
		return;
	buf_reset(file);
	buf_puts(file, fallback ? fallback : "?");
	*line = 0;
}

/* Reports an error: a record in a worker, a diagnostic otherwise. */
static void
report(struct rules *r, uint32_t item, int step, const char *msg,
    const char *fallback)
{
	struct buf file = BUF_INIT, stepno = BUF_INIT, line = BUF_INIT;
	const char *text, *f[4];
	unsigned ln = 0;
	struct pos pos;

	split_where(msg, fallback, &file, &ln, &text);
	if (r->out != NULL) {
		buf_printf(&stepno, "%d", step);
		buf_printf(&line, "%u", ln);
		f[0] = stepno.data;
		f[1] = file.data;
		f[2] = line.data;
		f[3] = text;
		watch_put(r->out, REC_ERROR, item, 4, f);
	} else {
		pos.file = file.data;
		pos.line = ln;
		diag_err(r->d, &pos, "%s", text);
	}
	buf_dispose(&file);
	buf_dispose(&stepno);
	buf_dispose(&line);
}

/* Runs rule k on the article userdata at the top of the stack. Returns
 * 0, 1 when it erred, 2 when it also left the state suspect (out of
 * memory, stopped by the timeout). */
static int
call_rule(struct rules *r, lua_State *L, uint32_t item, size_t k)
{
	size_t ntags = r->run->tags.n, nlinks = r->run->links.n;
	int base = lua_gettop(L), st, rc = 0;

	r->timed_out = 0;
	lua_pushcfunction(L, msghandler);		/* stack: a, h */
	lua_rawgeti(L, LUA_REGISTRYINDEX, r->funcs[k].ref);
	lua_pushvalue(L, base);				/* stack: a, h, f, a */
	st = lua_pcall(L, 1, 0, base + 1);
	lua_sethook(L, NULL, 0, 0);
	if (st != LUA_OK) {
		rc = st == LUA_ERRMEM || r->timed_out ? 2 : 1;
		otags_truncate(&r->run->tags, ntags);
		otags_truncate(&r->run->links, nlinks);
		if (st == LUA_ERRMEM)
			report(r, item, (int)k, "not enough memory (the "
			    "limit is 64 MiB)", r->funcs[k].where);
		else
			report(r, item, (int)k, lua_tostring(L, -1),
			    r->funcs[k].where);
	}
	lua_settop(L, base);				/* stack: a */
	return rc;
}

static int
cmp_otag(const void *x, const void *y)
{
	const struct otag *a = x, *b = y;
	int c;

	if ((c = strcmp(a->kind, b->kind)) != 0)
		return c;
	if ((c = strcmp(a->name, b->name)) != 0)
		return c;
	return strcmp(a->text ? a->text : "", b->text ? b->text : "");
}

/* link_first_mention: a link for each tag of the listed kinds. */
static void
auto_links(struct rules *r, struct run *run)
{
	const struct tagger_hit *h;
	struct buf text = BUF_INIT;
	size_t i;
	long k;

	for (i = 0; i < run->tags.n; i++) {
		if ((k = strv_find(&r->link_kinds, run->tags.v[i].kind)) < 0)
			continue;
		if (otags_find(&run->links, run->tags.v[i].kind,
		    run->tags.v[i].name) >= 0)
			continue;
		h = find_hit(run, run->tags.v[i].kind, run->tags.v[i].name);
		if (h == NULL || h->in_title)
			continue;
		buf_reset(&text);
		buf_put(&text, h->surface, h->surface_len);
		otags_add(&run->links, run->tags.v[i].kind,
		    run->tags.v[i].name, r->link_origins.v[k], text.data);
	}
	buf_dispose(&text);
}

static void
emit(struct rules *r, uint32_t item, struct run *run)
{
	const char *f[4];
	size_t i;

	sort_array(run->tags.v, run->tags.n, sizeof(*run->tags.v), cmp_otag);
	sort_array(run->links.v, run->links.n, sizeof(*run->links.v), cmp_otag);
	for (i = 0; i < run->tags.n; i++) {
		f[0] = run->tags.v[i].kind;
		f[1] = run->tags.v[i].name;
		f[2] = run->tags.v[i].origin;
		watch_put(r->out, REC_TAG, item, 3, f);
	}
	for (i = 0; i < run->links.n; i++) {
		f[0] = run->links.v[i].text;
		f[1] = run->links.v[i].kind;
		f[2] = run->links.v[i].name;
		f[3] = run->links.v[i].origin;
		watch_put(r->out, REC_MENTION, item, 4, f);
	}
	watch_put(r->out, REC_DONE, item, 0, NULL);
	/* Only whole articles reach the parent, so that a worker killed
	 * later never leaves half of one behind. */
	if (r->out->b.len >= 64 * 1024)
		watch_flush(r->out);
}

static int
skipped(const struct rules *r, size_t item, size_t k)
{
	uint64_t key = (uint64_t)item << 16 | (k & 0xffff);
	size_t i;

	if (k < r->nfuncs && r->strikes != NULL &&
	    r->strikes[k] >= RULES_STRIKES)
		return 1;
	for (i = 0; i < r->nskip; i++)
		if (r->skip[i] == key || r->skip[i] == ((uint64_t)item << 16 |
		    0xffff))
			return 1;
	return 0;
}

static void
scan(struct rules *r, struct run *run)
{
	const struct article *a = run->a;
	const char **texts;
	size_t i, n = 0;

	texts = xcalloc(1 + a->nbody + a->paragraphs.n, sizeof(*texts));
	texts[n++] = a->title;
	if (a->nbody > 0)
		for (i = 0; i < a->nbody; i++)
			texts[n++] = a->body[i].text;
	else
		for (i = 0; i < a->paragraphs.n; i++)
			texts[n++] = a->paragraphs.v[i];
	tagger_scan(r->tagger, &run->hits, texts, n);
	free(texts);
	for (i = 0; i < run->hits.n; i++)
		otags_add(&run->tags, run->hits.v[i].kind,
		    run->hits.v[i].name, run->hits.v[i].origin, NULL);
}

static void
run_dispose(struct run *run)
{
	otags_truncate(&run->tags, 0);
	otags_truncate(&run->links, 0);
	free(run->tags.v);
	free(run->links.v);
	tagger_result_dispose(&run->hits);
	free(run->text);
	free(run->body);
}

/* Runs everything on article item. Returns -1 when the worker must be
 * replaced (out of memory, a timeout: its state is suspect). */
static int
run_one(struct rules *r, lua_State *L, uint32_t item)
{
	struct run run;
	struct aref *ar;
	const char *f[1];
	char stepno[24];
	size_t k;
	int rc = 0;

	memset(&run, 0, sizeof(run));
	run.a = r->v[item];
	r->run = &run;
	if (skipped(r, item, 0xffff)) {
		/* The matcher or the links stopped a worker on this
		 * article: it gets nothing, and the next worker moves on. */
		emit(r, item, &run);
		r->run = NULL;
		return 0;
	}
	watch_mark(r->prog, item, -1, "matcher", 1);
	scan(r, &run);
	ar = lua_newuserdatauv(L, sizeof(*ar), 0);	/* stack: a */
	ar->r = r;
	ar->a = run.a;
	luaL_setmetatable(L, ARTICLE_MT);
	for (k = 0; k < r->nfuncs && rc == 0; k++) {
		if (skipped(r, item, k))
			continue;
		watch_mark(r->prog, item, (int32_t)k, r->funcs[k].where, 1);
		if (call_rule(r, L, item, k) == 2) {
			snprintf(stepno, sizeof(stepno), "%zu", k);
			f[0] = stepno;
			watch_put(r->out, REC_RESTART, item, 1, f);
			rc = -1;
		}
	}
	watch_mark(r->prog, item, -2, "links", 0);
	ar->a = NULL;
	lua_pop(L, 1);					/* stack: */
	if (rc == 0) {
		auto_links(r, &run);
		emit(r, item, &run);
	}
	run_dispose(&run);
	r->run = NULL;
	return rc;
}

static int
worker(void *ctx, struct watch_out *o)
{
	struct rules *r = ctx;
	size_t i;

	r->out = o;
	tick_start(r);
	for (i = r->next; i < r->n; i++)
		if (run_one(r, r->L, (uint32_t)i) < 0)
			return 0;
	return 0;
}

/* }==== */

/* {==== loading */

/* Reads the rule file rel (relative to the site root; with root NULL, a
 * path as the user gave it) into out. */
static int
read_rule(const char *root, const char *rel, struct buf *out,
    const char **why)
{
	struct buf path = BUF_INIT;
	struct stat st;
	ssize_t n;
	int fd = -1, rc = -1;

	*why = "rule files are paths relative to the site, without \"..\"";
	if (root == NULL)
		buf_puts(&path, rel);
	else if (rel[0] == '/' || strcmp(rel, "..") == 0 ||
	    strncmp(rel, "../", 3) == 0 || strstr(rel, "/../") != NULL ||
	    (strlen(rel) >= 3 && strcmp(rel + strlen(rel) - 3, "/..") == 0))
		goto out;
	else
		buf_printf(&path, "%s/%s", root, rel);
	if ((fd = open(path.data, O_RDONLY | O_NOFOLLOW)) < 0) {
		*why = errno == ELOOP ? "a rule file may not be a symlink" :
		    errno == ENOENT ? "no such rule file" :
		    "cannot open the rule file";
		goto out;
	}
	*why = "not a regular file, or larger than 1 MiB";
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > MAX_FILE)
		goto out;
	buf_grow(out, (size_t)st.st_size + 1);
	while ((n = read(fd, out->data + out->len,
	    out->cap - out->len - 1)) > 0) {
		out->len += (size_t)n;
		if (out->len + 1 >= out->cap)
			buf_grow(out, 4096);
	}
	out->data[out->len] = '\0';
	rc = n < 0 ? -1 : 0;
out:
	if (fd >= 0)
		close(fd);
	buf_dispose(&path);
	return rc;
}

/* Loads and runs rule file fi. Returns 0 or -1 (reported). */
static int
load_file(struct rules *r, lua_State *L, size_t fi)
{
	struct buf src = BUF_INIT, name = BUF_INIT, first = BUF_INIT;
	const char *rel = r->files.v[fi], *why;
	int st, rc = -1;

	buf_printf(&first, "%s:1", rel);
	watch_mark(r->prog, 0, (int32_t)fi, first.data, 1);
	if (read_rule(r->root, rel, &src, &why) < 0) {
		report(r, 0, (int)fi, why, rel);
		goto out;
	}
	buf_printf(&name, "@%s", rel);
	r->timed_out = 0;
	if ((st = luaL_loadbufferx(L, src.data, src.len, name.data, "t"))) {
		report(r, 0, (int)fi, st == LUA_ERRMEM ? "not enough memory" :
		    lua_tostring(L, -1), first.data);
		lua_settop(L, 0);
		goto out;
	}						/* stack: f */
	push_env(r, L);					/* stack: f, env */
	lua_pushvalue(L, -1);
	lua_setupvalue(L, -3, 1);			/* stack: f, env */
	lua_insert(L, -2);				/* stack: env, f */
	lua_pushcfunction(L, msghandler);
	lua_insert(L, -2);				/* stack: env, h, f */
	st = lua_pcall(L, 0, 0, -2);
	lua_sethook(L, NULL, 0, 0);
	if (st != LUA_OK) {
		report(r, 0, (int)fi, st == LUA_ERRMEM ? "not enough memory "
		    "(the limit is 64 MiB)" : lua_tostring(L, -1), first.data);
		lua_settop(L, 0);
		goto out;
	}
	lua_pop(L, 1);					/* stack: env */
	freeze_env(L, 1);
	if (lua_getfield(L, 1, "article") == LUA_TFUNCTION)
		add_func(r, L, 2);
	lua_settop(L, 0);				/* stack: */
	rc = 0;
out:
	watch_mark(r->prog, 0, (int32_t)fi, NULL, 0);
	buf_dispose(&src);
	buf_dispose(&name);
	buf_dispose(&first);
	return rc;
}

static int
load_all(struct rules *r)
{
	size_t i;
	int rc = 0;

	r->loading = 1;
	for (i = 0; i < r->files.n && rc == 0; i++)
		rc = load_file(r, r->L, i);
	r->loading = 0;
	return rc;
}

static int
probe_child(void *ctx, struct watch_out *o)
{
	struct rules *r = ctx;

	r->out = o;
	tick_start(r);
	return load_all(r) < 0 ? 1 : 0;
}

static void
probe_record(void *ctx, int type, uint32_t item, size_t nf, char **f)
{
	struct rules *r = ctx;
	struct pos pos;

	(void)item;
	if (type != REC_ERROR || nf != 4)
		return;
	pos.file = f[1];
	pos.line = (unsigned)strtoul(f[2], NULL, 10);
	diag_err(r->d, &pos, "%s", f[3]);
	r->failed = 1;
}

/* Reports how a watched child died, at the place it last marked. */
static void
report_death(struct rules *r, enum watch_end end, int status,
    const char *what, const char *path)
{
	struct buf file = BUF_INIT;
	struct pos pos;
	const char *text;
	unsigned line = 0;

	split_where(r->prog->where, r->prog->where, &file, &line, &text);
	pos.file = file.data;
	pos.line = line;
	if (end == WATCH_KILLED)
		diag_err(r->d, &pos, "%s exceeded %d s%s%s%s", what,
		    RULES_BUDGET_MS / 1000, path ? " (article: " : "",
		    path ? path : "", path ? ")" : "");
	else
		diag_err(r->d, &pos, "%s stopped the rules worker (%s %d)%s%s%s",
		    what, end == WATCH_CRASHED ? "signal" : "status", status,
		    path ? " (article: " : "", path ? path : "",
		    path ? ")" : "");
	r->failed = 1;
	buf_dispose(&file);
}

static int
cmp_weight(const void *x, const void *y)
{
	return strcmp(((const struct weight *)x)->key,
	    ((const struct weight *)y)->key);
}

/* }==== */

/* {==== the API of rules.h */

void
rules_files(struct strv *out, const struct conf *c, const char *root)
{
	struct buf path = BUF_INIT;
	size_t i;

	for (i = 0; i < c->rules.n; i++) {
		buf_reset(&path);
		buf_printf(&path, "%s/%s", root, c->rules.v[i]);
		if (!c->rules_default || access(path.data, F_OK) == 0)
			strv_push(out, c->rules.v[i]);
	}
	buf_dispose(&path);
}

int
rules_new(struct rules **out, struct diag *d, const char *root,
    const struct strv *files)
{
	struct rules *r = xcalloc(1, sizeof(*r));
	enum watch_end end;
	size_t i;
	int status = 0;

	r->d = d;
	r->mem_limit = RULES_MEMORY_MAX;
	r->root = xstrdup(root && *root ? root : ".");
	for (i = 0; i < files->n; i++)
		strv_push(&r->files, files->v[i]);
	r->tagger = tagger_new();
	r->prog = watch_progress_new();
	if ((r->L = lua_newstate(capped_alloc, r)) == NULL ||
	    sandbox_new(r, r->L) < 0) {
		diag_err(d, NULL, "cannot set up the Lua state for the rules");
		goto fail;
	}
	article_meta(r, r->L);
	end = watch_run(r, probe_child, probe_record, r->prog,
	    RULES_BUDGET_MS + 1000, &status);
	if (end != WATCH_EXITED || (status != 0 && !r->failed))
		report_death(r, end, status, "rule file", NULL);
	if (r->failed || load_all(r) < 0)
		goto fail;
	sort_array(r->weights, r->nweights, sizeof(*r->weights), cmp_weight);
	r->strikes = xcalloc(r->nfuncs + 1, sizeof(*r->strikes));
	*out = r;
	return 0;
fail:
	rules_free(r);
	return -1;
}

/* Reports that rule k is stopped for the rest of the run. */
static void
strike_out(struct rules *r, size_t k)
{
	struct buf file = BUF_INIT;
	const char *text;
	struct pos pos;
	unsigned line = 0;

	split_where(r->funcs[k].where, NULL, &file, &line, &text);
	pos.file = file.data;
	pos.line = line;
	diag_err(r->d, &pos, "rule stopped for the other articles: it ran "
	    "away (over time or memory) on %d of them", RULES_STRIKES);
	r->failed = 1;
	buf_dispose(&file);
}

/* Skips rule step (-1: everything) on item from now on; a skip already
 * there adds nothing, so that a worker that dies twice at the same place
 * counts as no progress and the run ends instead of restarting forever. */
static void
add_skip(struct rules *r, size_t item, int step)
{
	uint64_t key = (uint64_t)item << 16 |
	    (step < 0 ? 0xffff : (uint64_t)step & 0xffff);
	size_t i;

	for (i = 0; i < r->nskip; i++)
		if (r->skip[i] == key)
			return;
	r->skip = xreallocarray(r->skip, r->nskip + 1, sizeof(*r->skip));
	r->skip[r->nskip++] = key;
	/* Each runaway costs a worker and the budget: a rule that runs
	 * away on every article would take hours over an archive. */
	if (step >= 0 && (size_t)step < r->nfuncs &&
	    ++r->strikes[step] == RULES_STRIKES)
		strike_out(r, (size_t)step);
}

static void
add_mention(struct article *a, char **f)
{
	size_t i;

	for (i = 0; i < a->nmentions; i++)
		if (strcmp(a->mentions[i].text, f[0]) == 0 &&
		    strcmp(a->mentions[i].kind, f[1]) == 0 &&
		    strcmp(a->mentions[i].name, f[2]) == 0)
			return;
	a->mentions = xreallocarray(a->mentions, a->nmentions + 1,
	    sizeof(*a->mentions));
	a->mentions[a->nmentions].text = xstrdup(f[0]);
	a->mentions[a->nmentions].kind = xstrdup(f[1]);
	a->mentions[a->nmentions].name = xstrdup(f[2]);
	a->mentions[a->nmentions].origin = xstrdup(f[3]);
	a->nmentions++;
}

static void
run_record(void *ctx, int type, uint32_t item, size_t nf, char **f)
{
	struct rules *r = ctx;
	struct pos pos;

	if (item >= r->n)
		return;
	if (type == REC_TAG && nf == 3)
		article_add_tag(r->v[item], f[0], f[1], f[2]);
	else if (type == REC_MENTION && nf == 4)
		add_mention(r->v[item], f);
	else if (type == REC_DONE)
		r->next = item + 1;
	else if (type == REC_RESTART && nf == 1)
		add_skip(r, item, atoi(f[0]));
	else if (type == REC_ERROR && nf == 4) {
		pos.file = f[1];
		pos.line = (unsigned)strtoul(f[2], NULL, 10);
		diag_err(r->d, &pos, "%s (article: %s)", f[3],
		    r->v[item]->path ? r->v[item]->path : "?");
		r->failed = 1;
	}
}

int
rules_run_all(struct rules *r, struct diag *d, struct article **v, size_t n)
{
	enum watch_end end;
	size_t next, nskip;
	int status = 0;

	r->d = d;
	r->v = v;
	r->n = n;
	r->next = 0;
	r->failed = 0;
	r->nskip = 0;
	while (r->next < n) {
		next = r->next;
		nskip = r->nskip;
		end = watch_run(r, worker, run_record, r->prog,
		    RULES_BUDGET_MS + 1000, &status);
		if (end != WATCH_EXITED || status != 0) {
			if (r->prog->item < n) {
				report_death(r, end, status, "rule",
				    v[r->prog->item]->path);
				add_skip(r, r->prog->item, r->prog->step);
			}
		}
		if (r->next == next && r->nskip == nskip) {
			/* No progress: give up rather than restart. */
			diag_err(d, NULL, "rules: the worker stopped twice "
			    "on %s; %zu articles left untagged",
			    v[next]->path ? v[next]->path : "?", n - next);
			r->failed = 1;
			break;
		}
	}
	r->v = NULL;
	return r->failed ? -1 : 0;
}

int
rules_run(struct rules *r, struct diag *d, struct article *a)
{
	return rules_run_all(r, d, &a, 1);
}

const struct strv *
rules_spellings(const struct rules *r)
{
	return &r->spellings;
}

size_t
rules_weights(const struct rules *r, const struct weight **out)
{
	*out = r->weights;
	return r->nweights;
}

void
rules_free(struct rules *r)
{
	size_t i;

	if (r == NULL)
		return;
	if (r->L != NULL)
		lua_close(r->L);
	for (i = 0; i < r->nfuncs; i++)
		free(r->funcs[i].where);
	free(r->funcs);
	for (i = 0; i < r->nweights; i++)
		free((char *)r->weights[i].key);
	free(r->weights);
	tagger_free(r->tagger);
	watch_progress_free(r->prog);
	strv_dispose(&r->files);
	strv_dispose(&r->link_kinds);
	strv_dispose(&r->link_origins);
	strv_dispose(&r->spellings);
	free(r->skip);
	free(r->strikes);
	free(r->root);
	free(r);
}

/* }==== */

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
	push_optstr(L, a->title);
	lua_setfield(L, -2, "title");
	push_strv(L, &a->paragraphs);
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
	lua_pushcfunction(L, msghandler);
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

	push_env(t->host, L);				/* stack: env */
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
	if (read_rule(NULL, path, &src, &why) < 0) {
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
	lua_pushcfunction(L, msghandler);
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
