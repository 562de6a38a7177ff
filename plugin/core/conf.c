/*
 * conf.c: site.conf as Lua data (conf.h).
 *
 * This is the one module besides rules.c that includes the Lua headers:
 * site.conf is a separate, much smaller Lua state with no library at all,
 * created and closed here, so it shares nothing with the rules sandbox.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>

#include "core/conf.h"
#include "core/utf8.h"
#include "core/xalloc.h"

/* site.conf is a few lines of data; anything larger is a mistake. */
#define CONF_MAX_BYTES	(1024u * 1024)
/* The count hook fires every HOOK_STEP instructions. */
#define HOOK_STEP	1000

/* The budget of one evaluation, the allocator's user data. */
struct budget {
	size_t		used;
	size_t		limit;
	unsigned long	steps;		/* hook calls so far */
};

/* What the readers of values need: the state, the text for line lookups
 * and where to report. */
struct reader {
	lua_State	*L;
	struct diag	*d;
	const char	*name;
	const char	*text;
	size_t		 len;
	int		 failed;
};

static const char *const top_keys[] = { "title", "base_url", "language",
    "content", "output", "templates", "rules", "related", "archive", NULL };
static const char *const related_keys[] = { "count", NULL };
static const char *const archive_keys[] = { "repo", "branch", "remotes",
    "author", NULL };
static const char *const author_keys[] = { "name", "email", NULL };

struct conf *
conf_new(void)
{
	struct conf *c = xcalloc(1, sizeof(*c));

	c->title = xstrdup("My archive");
	c->base_url = xstrdup("http://localhost/");
	c->language = xstrdup("en");
	c->content = xstrdup("content");
	c->output = xstrdup("public");
	c->templates = xstrdup("templates");
	strv_push(&c->rules, "lua/aliases.lua");
	strv_push(&c->rules, "lua/tags.lua");
	strv_push(&c->rules, "lua/links.lua");
	c->rules_default = 1;
	c->related_count = 5;
	c->archive_repo = xstrdup("archive.git");
	c->archive_branch = xstrdup("archive");
	c->author_name = xstrdup("morgue");
	c->author_email = xstrdup("morgue@localhost");
	return c;
}

void
conf_free(struct conf *c)
{
	if (c == NULL)
		return;
	free(c->title);
	free(c->base_url);
	free(c->language);
	free(c->content);
	free(c->output);
	free(c->templates);
	strv_dispose(&c->rules);
	free(c->archive_repo);
	free(c->archive_branch);
	strv_dispose(&c->remotes);
	free(c->author_name);
	free(c->author_email);
	free(c->file);
	free(c);
}

/* {==== Evaluation under a budget */

static void *
capped_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct budget *b = ud;
	void *p;

	if (ptr == NULL)
		osize = 0;	/* then osize is a type tag, not a size */
	if (nsize == 0) {
		free(ptr);
		b->used -= osize;
		return NULL;
	}
	if (nsize > osize && nsize - osize > b->limit - b->used)
		return NULL;	/* Lua raises "not enough memory" */
	if ((p = realloc(ptr, nsize)) == NULL)
		return NULL;
	b->used = b->used - osize + nsize;
	return p;
}

static void
count_hook(lua_State *L, lua_Debug *ar)
{
	struct budget *b;

	lua_getallocf(L, (void **)&b);
	if (++b->steps < CONF_MAX_INSTRUCTIONS / HOOK_STEP)
		return;
	lua_getinfo(L, "l", ar);
	lua_pushfstring(L, "site.conf:%d: too many instructions (over %d)",
	    ar->currentline, (int)CONF_MAX_INSTRUCTIONS);
	lua_error(L);
}

/* Reports a Lua error message "site.conf:LINE: text" at name:LINE. */
static void
report_lua(struct diag *d, const char *name, const char *msg)
{
	static const char prefix[] = "site.conf:";
	struct pos pos = { name, 0 };
	const char *p;
	char *end;
	unsigned long line;

	if (msg == NULL)
		msg = "error object is not a string";
	if (strncmp(msg, prefix, sizeof(prefix) - 1) == 0) {
		p = msg + sizeof(prefix) - 1;
		errno = 0;
		line = strtoul(p, &end, 10);
		if (end != p && errno == 0 && line <= UINT_MAX &&
		    strncmp(end, ": ", 2) == 0) {
			pos.line = (unsigned)line;
			msg = end + 2;
		}
	}
	if (strcmp(msg, "not enough memory") == 0)
		diag_err(d, &pos, "too much memory used (over %u MiB)",
		    CONF_MAX_MEMORY / (1024 * 1024));
	else
		diag_err(d, &pos, "%s", msg);
}

/*
 * Runs the text with an empty table as its _ENV, leaving that table on
 * the top of the stack. Returns 0, or -1 after reporting.
 */
static int
evaluate(lua_State *L, struct budget *b, struct diag *d, const char *name,
    const char *text, size_t len)
{
	if (luaL_loadbufferx(L, text, len, "=site.conf", "t") != LUA_OK) {
		report_lua(d, name, lua_tostring(L, -1));
		return -1;
	}
	lua_newtable(L);		/* stack: chunk, env */
	lua_pushvalue(L, -1);		/* stack: chunk, env, env */
	lua_setupvalue(L, -3, 1);	/* stack: chunk, env */
	lua_insert(L, -2);		/* stack: env, chunk */
	b->limit = b->used + CONF_MAX_MEMORY;
	lua_sethook(L, count_hook, LUA_MASKCOUNT, HOOK_STEP);
	if (lua_pcall(L, 0, 0, 0) != LUA_OK) {	/* stack: env, message */
		lua_sethook(L, NULL, 0, 0);
		report_lua(d, name, lua_tostring(L, -1));
		return -1;
	}
	lua_sethook(L, NULL, 0, 0);	/* stack: env */
	return 0;
}

/* }==== */

/* {==== Reading the values */

/* Whether line (at p) assigns key: `key =` (not `==`) at its start or
 * after `{`, `,` or `;`. */
static int
assigns(const char *p, const char *end, const char *key)
{
	size_t klen = strlen(key);
	const char *q, *b;

	for (q = p; q + klen <= end; q++) {
		if (strncmp(q, key, klen) != 0)
			continue;
		b = q;
		while (b > p && (b[-1] == ' ' || b[-1] == '\t'))
			b--;
		if (b > p && b[-1] != '{' && b[-1] != ',' && b[-1] != ';')
			continue;
		q += klen;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if (q < end && *q == '=' && (q + 1 == end || q[1] != '='))
			return 1;
	}
	return 0;
}

/*
 * The line that assigns key, searching from line from on (1-based);
 * from itself when there is none (0 means the whole file).
 */
static unsigned
key_line(const struct reader *r, const char *key, unsigned from)
{
	const char *p = r->text, *end = r->text + r->len, *nl;
	unsigned line = 1;

	for (; p < end; p = nl + 1, line++) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (line >= from && assigns(p, nl, key))
			return line;
	}
	return from;
}

static void
type_error(struct reader *r, unsigned line, const char *key, const char *want)
{
	struct pos pos = { r->name, line };

	diag_err(r->d, &pos, "%s: expected %s, got %s", key, want,
	    luaL_typename(r->L, -1));
	r->failed = 1;
}

static void
value_error(struct reader *r, unsigned line, const char *key, const char *why)
{
	struct pos pos = { r->name, line };

	diag_err(r->d, &pos, "%s: %s", key, why);
	r->failed = 1;
}

/* Checks that the string on the top of the stack is usable as text. */
static const char *
checked_string(struct reader *r, unsigned line, const char *key)
{
	size_t len;
	const char *s = lua_tolstring(r->L, -1, &len);

	if (!utf8_valid(s, len) || memchr(s, '\0', len) != NULL) {
		value_error(r, line, key, "not valid UTF-8, or has a NUL byte");
		return NULL;
	}
	return s;
}

/*
 * A copy of s, at most CONF_MAX_STRING bytes: what is shown (the title)
 * is cut at a character boundary with a warning; a longer path, URL or
 * name is an error (NULL), since a cut one would name something else.
 */
static char *
capped(struct reader *r, unsigned line, const char *label, const char *s)
{
	struct pos pos = { r->name, line };
	size_t n = strlen(s);

	if (n <= CONF_MAX_STRING)
		return xstrdup(s);
	if (strcmp(label, "title") != 0) {
		diag_err(r->d, &pos, "%s: too long (over %u bytes)", label,
		    (unsigned)CONF_MAX_STRING);
		r->failed = 1;
		return NULL;
	}
	for (n = CONF_MAX_STRING; ((unsigned char)s[n] & 0xc0) == 0x80; n--)
		;
	diag_warn(r->d, &pos, "%s: cut to %zu bytes (was %zu)", label, n,
	    strlen(s));
	return xstrndup(s, n);
}

/* Reads t[key] (t at index idx) into *out when it is a string. */
static void
get_string(struct reader *r, int idx, const char *key, const char *label,
    unsigned line, char **out)
{
	const char *s;

	lua_getfield(r->L, idx, key);			/* stack: value */
	if (lua_type(r->L, -1) == LUA_TSTRING) {
		if ((s = checked_string(r, line, label)) != NULL) {
			free(*out);
			*out = capped(r, line, label, s);
		}
	} else if (!lua_isnil(r->L, -1))
		type_error(r, line, label, "a string");
	lua_pop(r->L, 1);
}

/* Reads t[key], a list of strings, into *out. */
static void
get_list(struct reader *r, int idx, const char *key, const char *label,
    unsigned line, struct strv *out)
{
	struct strv sv = STRV_INIT;
	lua_Integer i, n;
	size_t pairs = 0;
	const char *s;

	lua_getfield(r->L, idx, key);			/* stack: list */
	if (lua_isnil(r->L, -1))
		goto out;
	if (!lua_istable(r->L, -1)) {
		type_error(r, line, label, "a list of strings");
		goto out;
	}
	n = (lua_Integer)lua_rawlen(r->L, -1);
	lua_pushnil(r->L);				/* stack: list, nil */
	while (lua_next(r->L, -2) != 0) {		/* stack: list, k, v */
		pairs++;
		lua_pop(r->L, 1);			/* stack: list, k */
	}
	for (i = 1; i <= n && (size_t)n == pairs; i++) {
		lua_rawgeti(r->L, -1, i);		/* stack: list, item */
		if (lua_type(r->L, -1) != LUA_TSTRING)
			break;
		if ((s = checked_string(r, line, label)) == NULL) {
			lua_pop(r->L, 1);
			goto out;
		}
		strv_push(&sv, s);
		lua_pop(r->L, 1);			/* stack: list */
	}
	if ((size_t)n != pairs || i <= n) {
		value_error(r, line, label, "expected a list of strings");
		goto out;
	}
	strv_dispose(out);
	*out = sv;
	sv = (struct strv)STRV_INIT;
out:
	strv_dispose(&sv);
	lua_pop(r->L, 1);
}

/* Warns about each key of the table at idx that is not in known, in
 * sorted order so that the diagnostics do not depend on Lua's hashing. */
static void
warn_unknown(struct reader *r, int idx, const char *const *known,
    const char *prefix, unsigned from)
{
	struct strv unknown = STRV_INIT;
	struct pos pos = { r->name, 0 };
	size_t i, k;

	lua_pushnil(r->L);				/* stack: nil */
	while (lua_next(r->L, idx < 0 ? idx - 1 : idx) != 0) {	/* k, v */
		lua_pop(r->L, 1);			/* stack: k */
		if (lua_type(r->L, -1) != LUA_TSTRING) {
			strv_push(&unknown, "(a key that is not a name)");
			continue;
		}
		for (k = 0; known[k] != NULL; k++)
			if (strcmp(known[k], lua_tostring(r->L, -1)) == 0)
				break;
		if (known[k] == NULL)
			strv_push(&unknown, lua_tostring(r->L, -1));
	}
	strv_sort(&unknown);
	for (i = 0; i < unknown.n; i++) {
		pos.line = key_line(r, unknown.v[i], from);
		diag_warn(r->d, &pos, "unknown key %s%s ignored", prefix,
		    unknown.v[i]);
	}
	strv_dispose(&unknown);
}

/*
 * Pushes t[key] when it is a table and returns 1; returns 0 with nothing
 * pushed when it is nil or (after reporting) of another type.
 */
static int
push_table(struct reader *r, int idx, const char *key, const char *label,
    unsigned line)
{
	lua_getfield(r->L, idx, key);			/* stack: value */
	if (lua_istable(r->L, -1))
		return 1;
	if (!lua_isnil(r->L, -1))
		type_error(r, line, label, "a table");
	lua_pop(r->L, 1);
	return 0;
}

static void
read_related(struct reader *r, struct conf *c)
{
	unsigned top = key_line(r, "related", 1), line;
	lua_Integer n;
	int isint;

	if (!push_table(r, -1, "related", "related", top))
		return;					/* stack: env, related */
	warn_unknown(r, -1, related_keys, "related.", top);
	line = key_line(r, "count", top);
	lua_getfield(r->L, -1, "count");		/* stack: ..., count */
	n = lua_tointegerx(r->L, -1, &isint);
	if (lua_isnil(r->L, -1))
		;
	else if (lua_type(r->L, -1) != LUA_TNUMBER || !isint)
		type_error(r, line, "related.count", "an integer");
	else if (n < 0 || n > 1000)
		value_error(r, line, "related.count", "must be 0 to 1000");
	else
		c->related_count = (size_t)n;
	lua_pop(r->L, 2);				/* stack: env */
}

static void
read_archive(struct reader *r, struct conf *c)
{
	unsigned top = key_line(r, "archive", 1), line;

	if (!push_table(r, -1, "archive", "archive", top))
		return;					/* stack: env, archive */
	warn_unknown(r, -1, archive_keys, "archive.", top);
	get_string(r, -1, "repo", "archive.repo", key_line(r, "repo", top),
	    &c->archive_repo);
	get_string(r, -1, "branch", "archive.branch",
	    key_line(r, "branch", top), &c->archive_branch);
	get_list(r, -1, "remotes", "archive.remotes",
	    key_line(r, "remotes", top), &c->remotes);
	line = key_line(r, "author", top);
	if (push_table(r, -1, "author", "archive.author", line)) {
		warn_unknown(r, -1, author_keys, "archive.author.", line);
		get_string(r, -1, "name", "archive.author.name",
		    key_line(r, "name", line), &c->author_name);
		get_string(r, -1, "email", "archive.author.email",
		    key_line(r, "email", line), &c->author_email);
		lua_pop(r->L, 1);
	}
	lua_pop(r->L, 1);				/* stack: env */
}

static void
read_all(struct reader *r, struct conf *c)
{
	static const struct {
		const char	*key;
		size_t		 offset;
	} strings[] = {
		{ "title", offsetof(struct conf, title) },
		{ "base_url", offsetof(struct conf, base_url) },
		{ "language", offsetof(struct conf, language) },
		{ "content", offsetof(struct conf, content) },
		{ "output", offsetof(struct conf, output) },
		{ "templates", offsetof(struct conf, templates) },
	};
	size_t i;

	warn_unknown(r, -1, top_keys, "", 1);
	for (i = 0; i < sizeof(strings) / sizeof(strings[0]); i++)
		get_string(r, -1, strings[i].key, strings[i].key,
		    key_line(r, strings[i].key, 1),
		    (char **)((char *)c + strings[i].offset));
	if (lua_getfield(r->L, -1, "rules") != LUA_TNIL)
		c->rules_default = 0;
	lua_pop(r->L, 1);
	get_list(r, -1, "rules", "rules", key_line(r, "rules", 1), &c->rules);
	read_related(r, c);
	read_archive(r, c);
	c->lines.content = key_line(r, "content", 0);
	c->lines.output = key_line(r, "output", 0);
	c->lines.templates = key_line(r, "templates", 0);
	c->lines.rules = key_line(r, "rules", 0);
	c->lines.repo = key_line(r, "repo", 0);
}

/* }==== */

/* {==== Checking the values */

/* Whether path is relative and free of empty, "." and ".." parts. */
static int
tame_path(const char *path)
{
	const char *p = path, *e;
	size_t n;

	if (*p == '\0' || *p == '/')
		return 0;
	for (; ; p = e + 1) {
		e = strchr(p, '/');
		n = e ? (size_t)(e - p) : strlen(p);
		if (n == 0 && e == NULL && p != path)
			return 1;	/* a trailing slash */
		if (n == 0 || (n == 1 && p[0] == '.') ||
		    (n == 2 && p[0] == '.' && p[1] == '.'))
			return 0;
		if (e == NULL)
			return 1;
	}
}

/* Whether a is b or a directory above it. */
static int
path_within(const char *b, const char *a)
{
	size_t n = strlen(a);

	while (n > 0 && a[n - 1] == '/')
		n--;
	return strncmp(a, b, n) == 0 && (b[n] == '\0' || b[n] == '/');
}

static int
valid_language(const char *s)
{
	size_t n = 0;

	while (isalpha((unsigned char)s[n]))
		n++;
	if (n < 2 || n > 3)
		return 0;
	for (s += n; *s == '-'; s += n) {
		for (n = 1; isalnum((unsigned char)s[n]); n++)
			;
		if (n < 2 || n > 9)
			return 0;
	}
	return *s == '\0';
}

static int
valid_url(const char *s)
{
	if (strncmp(s, "http://", 7) != 0 && strncmp(s, "https://", 8) != 0)
		return 0;
	for (; *s != '\0'; s++)
		if ((unsigned char)*s <= ' ' || strchr("\"'<>\\`", *s) != NULL)
			return 0;
	return 1;
}

/* A conservative subset of git's ref name rules. */
static int
valid_branch(const char *s)
{
	const char *p;

	if (*s == '\0' || *s == '-' || *s == '/' || *s == '.' ||
	    strstr(s, "..") || strstr(s, "//") || strstr(s, "/.") ||
	    strstr(s, ".lock") || s[strlen(s) - 1] == '/')
		return 0;
	for (p = s; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && strchr("._/-", *p) == NULL)
			return 0;
	return 1;
}

static int
valid_signature_part(const char *s)
{
	return *s != '\0' && strpbrk(s, "<>\n") == NULL;
}

/* "content/" to "content", so that paths join with one slash. */
static void
trim_slashes(char *path)
{
	size_t n = strlen(path);

	while (n > 1 && path[n - 1] == '/')
		path[--n] = '\0';
}

static void
check_values(struct reader *r, struct conf *c)
{
	struct buf url = BUF_INIT;
	size_t i;

	trim_slashes(c->content);
	trim_slashes(c->output);
	trim_slashes(c->templates);

	if (!valid_url(c->base_url))
		value_error(r, key_line(r, "base_url", 1), "base_url",
		    "must be an absolute http:// or https:// URL");
	else if (c->base_url[strlen(c->base_url) - 1] != '/') {
		buf_printf(&url, "%s/", c->base_url);
		free(c->base_url);
		c->base_url = buf_detach(&url);
	}
	if (!valid_language(c->language))
		value_error(r, key_line(r, "language", 1), "language",
		    "must be a language code such as \"en\" or \"pt-BR\"");
	if (!tame_path(c->output))
		value_error(r, key_line(r, "output", 1), "output", "must be a relative "
		    "path without \".\" or \"..\" parts");
	else if (path_within(c->content, c->output) ||
	    path_within(c->templates, c->output))
		value_error(r, key_line(r, "output", 1), "output", "must not hold the "
		    "content or templates directory");
	if (*c->content == '\0')
		value_error(r, key_line(r, "content", 1), "content", "must not be empty");
	if (*c->templates == '\0')
		value_error(r, key_line(r, "templates", 1), "templates",
		    "must not be empty");
	for (i = 0; i < c->rules.n; i++)
		if (*c->rules.v[i] == '\0')
			value_error(r, key_line(r, "rules", 1), "rules",
			    "a rule file name is empty");
	if (*c->archive_repo == '\0')
		value_error(r, key_line(r, "repo", 1), "archive.repo", "must not be empty");
	if (!valid_branch(c->archive_branch))
		value_error(r, key_line(r, "branch", 1), "archive.branch",
		    "not a valid branch name");
	for (i = 0; i < c->remotes.n; i++)
		if (*c->remotes.v[i] == '\0' || *c->remotes.v[i] == '-')
			value_error(r, key_line(r, "remotes", 1), "archive.remotes",
			    "a remote name is empty or begins with \"-\"");
	if (!valid_signature_part(c->author_name) ||
	    !valid_signature_part(c->author_email))
		value_error(r, key_line(r, "author", 1), "archive.author", "name and "
		    "email must be non-empty, without \"<\", \">\" or newlines");
}

/* }==== */

int
conf_parse(struct conf **out, struct diag *d, const char *name,
    const char *text, size_t len)
{
	struct budget budget = { 0, SIZE_MAX, 0 };
	struct reader r = { NULL, d, name, text, len, 0 };
	struct conf *c = NULL;
	int rc = -1;

	if ((r.L = lua_newstate(capped_alloc, &budget)) == NULL) {
		diag_err(d, &(struct pos){ name, 0 }, "cannot create a Lua state");
		return -1;
	}
	if (evaluate(r.L, &budget, d, name, text, len) < 0)
		goto out;
	/* Reading may allocate (interned key names); no budget from here. */
	budget.limit = SIZE_MAX;
	c = conf_new();
	c->file = xstrdup(name);
	read_all(&r, c);
	if (!r.failed)
		check_values(&r, c);
	if (r.failed)
		goto out;
	*out = c;
	c = NULL;
	rc = 0;
out:
	conf_free(c);
	lua_close(r.L);
	return rc;
}

int
conf_load(struct conf **out, struct diag *d, const char *path)
{
	struct pos pos = { path, 0 };
	struct buf text = BUF_INIT;
	char chunk[8192];
	struct stat st;
	size_t n;
	FILE *f;
	int fd, rc = -1;

	/* O_NONBLOCK: opening a FIFO must not wait for a writer; only a
	 * regular file is read at all. */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0) {
		diag_err(d, &pos, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (f = fdopen(fd, "rb")) == NULL) {
		diag_err(d, &pos, "not a regular file");
		close(fd);
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (text.len + n > CONF_MAX_BYTES) {
			diag_err(d, &pos, "too large (over %u bytes)",
			    CONF_MAX_BYTES);
			goto out;
		}
		buf_put(&text, chunk, n);
	}
	if (ferror(f)) {
		diag_err(d, &pos, "cannot read: %s", strerror(errno));
		goto out;
	}
	rc = conf_parse(out, d, path, text.data, text.len);
out:
	fclose(f);
	buf_dispose(&text);
	return rc;
}
