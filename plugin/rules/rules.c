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

#include "rules/rules_int.h"
#include "core/builtin.h"
#include "core/progress.h"
#include "core/xalloc.h"

/* The Lua state's allocator: a lua_Alloc that keeps the state within
 * r->mem_limit, so that a runaway rule meets "not enough memory". */
static void *
rules_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
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


/* {==== the API of rules.h */

void
rules_files(struct strv *out, const struct conf *c, const char *root)
{
	struct buf path = BUF_INIT;
	size_t i;

	for (i = 0; i < c->rules.n; i++) {
		buf_reset(&path);
		buf_printf(&path, "%s/%s", root, c->rules.v[i]);
		if (!c->rules_default || access(path.data, F_OK) == 0 ||
		    builtin_find(c->rules.v[i]) != NULL)
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
	if ((r->L = lua_newstate(rules_alloc, r)) == NULL ||
	    rules_sandbox_new(r, r->L) < 0) {
		diag_err(d, NULL, "cannot set up the Lua state for the rules");
		goto fail;
	}
	rules_article_meta(r, r->L);
	end = watch_run(r, rules_probe_child, rules_probe_record, r->prog,
	    RULES_BUDGET_MS + 1000, &status);
	if (end != WATCH_EXITED || (status != 0 && !r->failed))
		rules_report_death(r, end, status, "rule file", NULL);
	if (r->failed || rules_load_all(r) < 0)
		goto fail;
	sort_array(r->weights, r->nweights, sizeof(*r->weights),
	    rules_cmp_weight);
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

	rules_split_where(r->funcs[k].where, NULL, &file, &line, &text);
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
	r->skip = xgrow(r->skip, r->nskip, sizeof(*r->skip));
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
	a->mentions = xgrow(a->mentions, a->nmentions, sizeof(*a->mentions));
	a->mentions[a->nmentions].text = xstrdup(f[0]);
	a->mentions[a->nmentions].kind = xstrdup(f[1]);
	a->mentions[a->nmentions].name = xstrdup(f[2]);
	a->mentions[a->nmentions].origin = xstrdup(f[3]);
	a->nmentions++;
}

void
rules_apply(struct article *a, int type, size_t nf, char **f)
{
	if (type == REC_TAG && nf == 3)
		article_add_tag(a, f[0], f[1], f[2]);
	else if (type == REC_MENTION && nf == 4)
		add_mention(a, f);
}

/* Keeps a record of item for rules_run_cached(): its type, then each
 * field as a native 32-bit length and its bytes. */
static void
capture(struct rules_capture *c, uint32_t item, int type, size_t nf,
    char **f)
{
	uint32_t len;
	size_t i;

	if (c->len[item] == 0)
		c->off[item] = c->b.len;
	else if (c->off[item] + c->len[item] != c->b.len)
		c->broken = 1;
	buf_putc(&c->b, type);
	for (i = 0; i < nf; i++) {
		len = (uint32_t)strlen(f[i]);
		buf_put(&c->b, (const char *)&len, sizeof(len));
		buf_put(&c->b, f[i], len);
	}
	c->len[item] = c->b.len - c->off[item];
}

static void
run_record(void *ctx, int type, uint32_t item, size_t nf, char **f)
{
	struct rules *r = ctx;
	struct pos pos;

	if (item >= r->n)
		return;
	if ((type == REC_TAG && nf == 3) || (type == REC_MENTION && nf == 4)) {
		rules_apply(r->v[item], type, nf, f);
		if (r->capture != NULL)
			capture(r->capture, item, type, nf, f);
	} else if (type == REC_DONE) {
		/* Articles a dead worker left are skipped, and counted
		 * done with the next one. */
		if (item + 1 > r->next)
			progress_add(r->d->progress, item + 1 - r->next);
		r->next = item + 1;
	}
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
		end = watch_run(r, rules_worker, run_record, r->prog,
		    RULES_BUDGET_MS + 1000, &status);
		if (end != WATCH_EXITED || status != 0) {
			if (r->prog->item < n) {
				rules_report_death(r, end, status, "rule",
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

