/*
 * rules_load.c: reading and loading the rule files, first in a
 * watched probe child, then in the state that runs them.
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
#include "core/builtin.h"
#include "core/xalloc.h"

/* {==== loading */

/* Reads the rule file rel (relative to the site root; with root NULL, a
 * path as the user gave it) into out. */
int
rules_read_rule(const char *root, const char *rel, struct buf *out,
    const char **why)
{
	const struct builtin_file *bf;
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
	fd = open(path.data, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
	/* A default rule file the site lacks is the built-in one. */
	if (fd < 0 && errno == ENOENT && root != NULL &&
	    (bf = builtin_find(rel)) != NULL) {
		buf_put(out, (const char *)bf->data, bf->len);
		rc = 0;
		goto out;
	}
	if (fd < 0) {
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
	if (rules_read_rule(r->root, rel, &src, &why) < 0) {
		rules_report(r, 0, (int)fi, why, rel);
		goto out;
	}
	buf_printf(&name, "@%s", rel);
	r->timed_out = 0;
	if ((st = luaL_loadbufferx(L, src.data, src.len, name.data, "t"))) {
		rules_report(r, 0, (int)fi, st == LUA_ERRMEM ? "not enough memory" :
		    lua_tostring(L, -1), first.data);
		lua_settop(L, 0);
		goto out;
	}						/* stack: f */
	rules_push_env(r, L);					/* stack: f, env */
	lua_pushvalue(L, -1);
	lua_setupvalue(L, -3, 1);			/* stack: f, env */
	lua_insert(L, -2);				/* stack: env, f */
	lua_pushcfunction(L, rules_msghandler);
	lua_insert(L, -2);				/* stack: env, h, f */
	st = lua_pcall(L, 0, 0, -2);
	lua_sethook(L, NULL, 0, 0);
	if (st != LUA_OK) {
		rules_report(r, 0, (int)fi, st == LUA_ERRMEM ? "not enough memory "
		    "(the limit is 64 MiB)" : lua_tostring(L, -1), first.data);
		lua_settop(L, 0);
		goto out;
	}
	lua_pop(L, 1);					/* stack: env */
	rules_freeze_env(L, 1);
	if (lua_getfield(L, 1, "article") == LUA_TFUNCTION)
		rules_add_func(r, L, 2);
	lua_settop(L, 0);				/* stack: */
	rc = 0;
out:
	watch_mark(r->prog, 0, (int32_t)fi, NULL, 0);
	buf_dispose(&src);
	buf_dispose(&name);
	buf_dispose(&first);
	return rc;
}

int
rules_load_all(struct rules *r)
{
	size_t i;
	int rc = 0;

	r->loading = 1;
	for (i = 0; i < r->files.n && rc == 0; i++)
		rc = load_file(r, r->L, i);
	r->loading = 0;
	return rc;
}

int
rules_probe_child(void *ctx, struct watch_out *o)
{
	struct rules *r = ctx;

	r->out = o;
	rules_tick_start(r);
	return rules_load_all(r) < 0 ? 1 : 0;
}

void
rules_probe_record(void *ctx, int type, uint32_t item, size_t nf, char **f)
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
void
rules_report_death(struct rules *r, enum watch_end end, int status,
    const char *what, const char *path)
{
	struct buf file = BUF_INIT;
	struct pos pos;
	const char *text;
	unsigned line = 0;

	rules_split_where(r->prog->where, r->prog->where, &file, &line, &text);
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

int
rules_cmp_weight(const void *x, const void *y)
{
	return strcmp(((const struct weight *)x)->key,
	    ((const struct weight *)y)->key);
}

/* }==== */
