/*
 * rules_worker.c: running the rules over articles in the watched
 * worker: the tagger's scan, each article function under the stop
 * hook, and the records that carry tags and links back.
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
#include "core/utf8.h"
#include "core/xalloc.h"

/* The worker's SIGPROF handler needs the state it may stop: the only
 * file-scope mutable data, set in the worker process only. */
static lua_State *volatile tick_L;
static struct watch_progress *volatile tick_p;
static volatile uint32_t tick_seq;
static volatile unsigned tick_same;

/* {==== running the rules (in the rules_worker) */

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
	rules_where(L, 0, w, sizeof(w));
	lua_pushfstring(L, "%s: rule exceeded %d s", w,
	    RULES_BUDGET_MS / 1000);
	lua_error(L);
}

/* SIGPROF every TICK_MS of the worker's CPU time (a loaded machine does
 * not count against a rule): when the same step has run for the budget,
 * install the hook that stops it. A hook set only then costs
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

void
rules_tick_start(struct rules *r)
{
	struct sigaction sa;
	struct itimerval it;

	tick_L = r->L;
	tick_p = r->prog;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_tick;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGPROF, &sa, NULL);
	it.it_interval.tv_sec = 0;
	it.it_interval.tv_usec = TICK_MS * 1000;
	it.it_value = it.it_interval;
	setitimer(ITIMER_PROF, &it, NULL);
}

/* The most bytes of a rule's error message that reach a diagnostic. */
#define MESSAGE_MAX	1024

/*
 * Replaces the message at the top of the stack with one line of at most
 * MESSAGE_MAX bytes: a NUL would cut it short on its way to the
 * diagnostic (it reads "\0"), other controls would reach a terminal
 * ("?"), and a message of megabytes would flood stderr (cut, with its
 * length said).
 */
static void
bound_message(lua_State *L)
{
	luaL_Buffer b;
	size_t len, i, n;
	const char *s = lua_tolstring(L, -1, &len);

	n = len;
	if (n > MESSAGE_MAX)
		n = utf8_cut(s, MESSAGE_MAX);	/* cut on a character */
	luaL_buffinit(L, &b);			/* stack: msg, buffer */
	for (i = 0; i < n; i++) {
		if (s[i] == '\0')
			luaL_addstring(&b, "\\0");
		else if (((unsigned char)s[i] < 0x20 && s[i] != '\n' &&
		    s[i] != '\t') || s[i] == 0x7f)
			luaL_addchar(&b, '?');
		else
			luaL_addchar(&b, s[i]);
	}
	if (n < len)
		lua_pushfstring(L, " ... (%I bytes in all)", (lua_Integer)len);
	else
		lua_pushliteral(L, "");
	luaL_addvalue(&b);
	luaL_pushresult(&b);			/* stack: msg, bounded */
	lua_remove(L, -2);			/* stack: bounded */
}

int
rules_msghandler(lua_State *L)
{
	if (lua_type(L, 1) == LUA_TSTRING)
		lua_pushvalue(L, 1);
	else if (!luaL_callmeta(L, 1, "__tostring") ||
	    lua_type(L, -1) != LUA_TSTRING) {
		lua_pushfstring(L, "(error object is a %s value)",
		    luaL_typename(L, 1));
		return 1;
	}
	bound_message(L);
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
void
rules_split_where(const char *msg, const char *fallback, struct buf *file,
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

/* Reports an error: a record in a rules_worker, a diagnostic otherwise. */
void
rules_report(struct rules *r, uint32_t item, int step, const char *msg,
    const char *fallback)
{
	struct buf file = BUF_INIT, stepno = BUF_INIT, line = BUF_INIT;
	const char *text, *f[4];
	unsigned ln = 0;
	struct pos pos;

	rules_split_where(msg, fallback, &file, &ln, &text);
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
	lua_pushcfunction(L, rules_msghandler);		/* stack: a, h */
	lua_rawgeti(L, LUA_REGISTRYINDEX, r->funcs[k].ref);
	lua_pushvalue(L, base);				/* stack: a, h, f, a */
	st = lua_pcall(L, 1, 0, base + 1);
	lua_sethook(L, NULL, 0, 0);
	if (st != LUA_OK) {
		rc = st == LUA_ERRMEM || r->timed_out ? 2 : 1;
		rules_otags_truncate(&r->run->tags, ntags);
		rules_otags_truncate(&r->run->links, nlinks);
		if (st == LUA_ERRMEM)
			rules_report(r, item, (int)k, "not enough memory (the "
			    "limit is 64 MiB)", r->funcs[k].where);
		else
			rules_report(r, item, (int)k, lua_tostring(L, -1),
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
		if (rules_otags_find(&run->links, run->tags.v[i].kind,
		    run->tags.v[i].name) >= 0)
			continue;
		h = rules_find_hit(run, run->tags.v[i].kind,
		    run->tags.v[i].name);
		if (h == NULL || h->in_title)
			continue;
		buf_reset(&text);
		buf_put(&text, h->surface, h->surface_len);
		rules_otags_add(&run->links, run->tags.v[i].kind,
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

/* What the tagger reads in article a (tagger_read()). */
static struct tagger_seen *
read_article(const struct rules *r, const struct article *a)
{
	const char **texts;
	size_t n = rules_texts_of(a, &texts);
	struct tagger_seen *seen;

	seen = tagger_read(r->tagger, texts, n, a->language);
	free(texts);
	return seen;
}

static void
scan(struct rules *r, uint32_t item, struct run *run)
{
	struct tagger_seen *kept = r->seen != NULL ? r->seen[item] : NULL;
	struct tagger_seen *seen = kept;
	size_t i;

	/* What the tagger read: when learning, or by the caller, before;
	 * else now. Scanning uses it up, in this worker's copy of the
	 * memory only (one that replaces it finds it whole). The caller's
	 * stays the caller's to free; the worker frees the others.
	 * a:mentions() reads the texts again, if a rule asks. */
	if (seen == NULL)
		seen = read_article(r, run->a);
	tagger_scan_seen(r->tagger, &run->hits, seen);
	if (kept == NULL || !r->learned)
		tagger_seen_free(seen);
	if (kept != NULL && !r->learned)
		r->seen[item] = NULL;
	tagger_scan_dateline(r->tagger, &run->hits, run->a->dateline);
	for (i = 0; i < run->hits.n; i++)
		rules_otags_add(&run->tags, run->hits.v[i].kind,
		    run->hits.v[i].name, run->hits.v[i].origin, NULL);
}

static void
run_dispose(struct run *run)
{
	rules_otags_truncate(&run->tags, 0);
	rules_otags_truncate(&run->links, 0);
	free(run->tags.v);
	free(run->links.v);
	tagger_result_dispose(&run->hits);
	tagger_text_free(run->words);
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
	scan(r, item, &run);
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

int
rules_worker(void *ctx, struct watch_out *o)
{
	struct rules *r = ctx;
	struct tagger_seen *seen;
	size_t i, kept = 0, size;

	r->out = o;
	/* Every article of the batch first tells the recogniser how it
	 * types its names, so that a name one article leaves untyped
	 * takes the kind the others give it (unless the caller taught it
	 * the whole archive's already). What the tagger reads in each
	 * article is kept for its run, so that it is read only once. */
	if (!r->learned)
		r->seen = xcalloc(r->n + 1, sizeof(*r->seen));
	for (i = 0; i < r->n && !r->learned; i++) {
		seen = read_article(r, r->v[i]);
		tagger_learn_seen(r->tagger, seen);
		size = tagger_seen_size(seen);
		if (i >= r->next && kept + size <= RULES_SEEN_MAX) {
			r->seen[i] = seen;
			kept += size;
		} else
			tagger_seen_free(seen);
	}
	rules_tick_start(r);
	for (i = r->next; i < r->n; i++)
		if (run_one(r, r->L, (uint32_t)i) < 0)
			break;
	if (!r->learned) {
		for (; i < r->n; i++)
			tagger_seen_free(r->seen[i]);
		free(r->seen);
		r->seen = NULL;
	}
	return 0;
}

/* }==== */
