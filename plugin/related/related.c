/*
 * related.c: syndicated copies, related stories and story threads
 * (related.h); related_int.h says how the work is divided.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "related/related_int.h"
#include "core/buf.h"
#include "core/par.h"
#include "core/progress.h"
#include "core/xalloc.h"

#define WINDOW		16	/* index entries taken on each side */
#define EXACT		48	/* candidates scored exactly per story */
#define THREAD_DAYS	7	/* the longest gap inside a thread */
#define THREAD_SIM	0.4	/* share of features follow-ups share */
#define ABOUT_MAX	3	/* names in "also about: ..." */
#define ABOUT_POOL	8	/* the heaviest shared features looked at */

/* {==== related stories ====} */

static double
closeness(const struct ctx *c, uint32_t s, uint32_t t)
{
	int32_t d;

	if (c->w_time == 0 || c->day[s] == NODAY || c->day[t] == NODAY)
		return 0;
	d = c->day[s] > c->day[t] ? c->day[s] - c->day[t] :
	    c->day[t] - c->day[s];
	return c->w_time / (1 + d / 4.0);
}

/*
 * The weight of what s and t share, plus time, from shared, the sum of
 * the weights of their common features (met in increasing order), and
 * common, their number; *sim the share of it in the smaller of the two,
 * 0 when they share a single feature (one name in common makes no
 * thread); *cos the share of it in both, which the threshold compares.
 */
static double
score(const struct ctx *c, uint32_t s, uint32_t t, double shared,
    unsigned common, double *sim, double *cos)
{
	double least;

	least = c->stot[s] < c->stot[t] ? c->stot[s] : c->stot[t];
	*sim = least > 0 && common >= 2 ? shared / least : 0;
	*cos = c->stot[s] > 0 && c->stot[t] > 0 ?
	    shared / sqrt(c->stot[s] * c->stot[t]) : 0;
	return shared + closeness(c, s, t);
}

/* score() of s and t, their feature lists merged. */
static double
exact(const struct ctx *c, uint32_t s, uint32_t t, double *sim, double *cos)
{
	const uint32_t *a = c->sf + c->sf_off[s];
	const uint32_t *ae = c->sf + c->sf_off[s + 1];
	const uint32_t *b = c->sf + c->sf_off[t];
	const uint32_t *be = c->sf + c->sf_off[t + 1];
	double shared = 0;
	unsigned common = 0;

	while (a < ae && b < be)
		if (*a < *b)
			a++;
		else if (*b < *a)
			b++;
		else {
			shared += c->feat[*a].w;
			common++;
			a++;
			b++;
		}
	return score(c, s, t, shared, common, sim, cos);
}

/*
 * The same as exact(), where mark[f] == s + 1 for the features f of s:
 * one pass over the features of t, the candidate, and none over those
 * of s, which relate() scores against many candidates. The common
 * features come in the same order, so the sum is the same to the bit.
 */
static double
exact_marked(const struct ctx *c, const uint32_t *mark, uint32_t s,
    uint32_t t, double *sim, double *cos)
{
	const uint32_t *b = c->sf + c->sf_off[t];
	const uint32_t *be = c->sf + c->sf_off[t + 1];
	double shared = 0;
	unsigned common = 0;

	for (; b < be; b++)
		if (mark[*b] == s + 1) {
			shared += c->feat[*b].w;
			common++;
		}
	return score(c, s, t, shared, common, sim, cos);
}

struct hent {
	double		 acc;
	uint32_t	 t;
};

static int
worse(const struct hent *a, const struct hent *b)
{
	return a->acc < b->acc || (a->acc == b->acc && a->t > b->t);
}

/* Keeps the EXACT best in a heap whose root is the worst of them. */
static void
heap_offer(struct hent *h, size_t *n, struct hent e)
{
	size_t i, l, m;
	struct hent x;

	if (*n < EXACT) {
		for (i = (*n)++; i > 0 && worse(&e, &h[(i - 1) / 2]);
		    i = (i - 1) / 2)
			h[i] = h[(i - 1) / 2];
		h[i] = e;
		return;
	}
	if (!worse(&h[0], &e))
		return;
	for (i = 0; (l = 2 * i + 1) < *n; i = m) {
		m = l + 1 < *n && worse(&h[l + 1], &h[l]) ? l + 1 : l;
		if (!worse(&h[m], &e))
			break;
		x = h[m];
		h[i] = x;
	}
	h[i] = e;
}

static int
cmp_cand(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return a->t < b->t ? -1 : a->t > b->t;
}

struct scratch {
	double		*acc;		/* per story, 0 between uses */
	uint32_t	*mark;		/* per feature: 1 + the story that
					 * has it last marked */
	struct u32v	 touched;
	struct hent	 heap[EXACT];
	struct cand	 best[EXACT];
};

/* Adds the stories near s (in date order) in the index of feature f,
 * where s is at lo. */
static void
window(const struct ctx *c, struct scratch *sc, uint32_t s, uint32_t f,
    size_t lo)
{
	const uint32_t *list = c->post + c->post_off[f];
	size_t len = c->feat[f].npost, hi, q;
	uint32_t t;

	hi = lo + WINDOW + 1 < len ? lo + WINDOW + 1 : len;
	lo = lo > WINDOW ? lo - WINDOW : 0;
	for (q = lo; q < hi; q++) {
		if ((t = list[q]) == s)
			continue;
		if (sc->acc[t] == 0)
			related_u32v_push(&sc->touched, t);
		sc->acc[t] += c->feat[f].w;
	}
}

static void
relate(struct ctx *c, struct scratch *sc, uint32_t s)
{
	struct cand *out = c->cand + (size_t)s * c->cmax;
	struct hent e;
	size_t k, m, nh = 0;
	uint32_t f;

	sc->touched.n = 0;
	for (k = c->sf_off[s]; k < c->sf_off[s + 1]; k++) {
		f = c->sf[k];
		sc->mark[f] = s + 1;
		/* A feature of most stories says nothing; it would cost. */
		if (c->feat[f].npost < 2 ||
		    (c->nstory > 64 && 2 * c->feat[f].npost > c->nstory))
			continue;
		window(c, sc, s, f, c->sf_pos[k]);
	}
	for (k = 0; k < sc->touched.n; k++) {
		e.t = sc->touched.v[k];
		e.acc = sc->acc[e.t];
		sc->acc[e.t] = 0;
		heap_offer(sc->heap, &nh, e);
	}
	for (k = m = 0; k < nh; k++) {
		sc->best[m].t = sc->heap[k].t;
		sc->best[m].score = exact_marked(c, sc->mark, s,
		    sc->best[m].t, &sc->best[m].sim, &sc->best[m].cos);
		/* A possible follow-up stays, whatever its share: threads
		 * are made from these. */
		if (sc->best[m].cos >= c->threshold ||
		    sc->best[m].sim >= THREAD_SIM)
			m++;
	}
	nh = m;
	sort_array(sc->best, nh, sizeof(*sc->best), cmp_cand);
	/* Two places stay free for the thread's neighbours. */
	c->ncand[s] = (uint32_t)(nh < c->cmax - 2 ? nh : c->cmax - 2);
	memcpy(out, sc->best, c->ncand[s] * sizeof(*out));
}

/* Each thread relates a slice of stories at a time with scratch of its
 * own, made when it first needs it; a story's candidates are its own
 * slots of c->cand. */
#define RELATE_SLICE	64

struct relate_job {
	struct ctx	*c;
	struct scratch	*sc[PAR_MAX_JOBS];
};

static void
relate_item(void *arg, size_t s, unsigned worker)
{
	struct relate_job *j = arg;
	struct ctx *c = j->c;

	if (j->sc[worker] == NULL) {
		j->sc[worker] = xcalloc(1, sizeof(*j->sc[worker]));
		j->sc[worker]->acc = xcalloc(c->nstory, sizeof(double));
		j->sc[worker]->mark = xcalloc((size_t)c->nfeat + 1,
		    sizeof(uint32_t));
	}
	relate(c, j->sc[worker], (uint32_t)s);
	if (c->cfg != NULL)
		progress_add(c->cfg->progress,
		    c->mem_off[s + 1] - c->mem_off[s]);
}

/* {==== threads ====} */

struct edge {
	double		 sim;
	int32_t		 gap;	/* days */
	uint32_t	 a, b;	/* a is the earlier */
};

static int
cmp_edge(const void *x, const void *y)
{
	const struct edge *a = x, *b = y;

	double p = a->sim / (1 + a->gap / 4.0), q = b->sim / (1 + b->gap / 4.0);

	if (p != q)
		return p > q ? -1 : 1;
	if (a->gap != b->gap)
		return a->gap < b->gap ? -1 : 1;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

/* Whether cd, a candidate of s, could be its follow-up. */
static int
follows(const struct ctx *c, uint32_t s, const struct cand *cd)
{
	int32_t gap;

	if (c->day[s] == NODAY || c->day[cd->t] == NODAY ||
	    cd->sim < THREAD_SIM)
		return 0;
	gap = c->day[cd->t] - c->day[s];
	return gap >= 1 && gap <= THREAD_DAYS;
}

/* Whether t could follow s by way of another report between them: a
 * follow-up of a follow-up is no direct follow-up. */
static int
follows_later(const struct ctx *c, uint32_t s, uint32_t t)
{
	const struct cand *a = c->cand + (size_t)s * c->cmax, *b;
	size_t i, j;

	for (i = 0; i < c->ncand[s]; i++) {
		if (a[i].t == t || !follows(c, s, &a[i]) ||
		    c->day[a[i].t] >= c->day[t])
			continue;
		b = c->cand + (size_t)a[i].t * c->cmax;
		for (j = 0; j < c->ncand[a[i].t]; j++)
			if (b[j].t == t && follows(c, a[i].t, &b[j]))
				return 1;
	}
	return 0;
}

static void
thread_edges(const struct ctx *c, struct edge **out, size_t *n)
{
	const struct cand *cd;
	size_t k, cap = 0;
	int32_t gap;
	uint32_t s;

	*out = NULL;
	*n = 0;
	for (s = 0; s < c->nstory; s++) {
		for (k = 0; k < c->ncand[s]; k++) {
			cd = &c->cand[(size_t)s * c->cmax + k];
			if (!follows(c, s, cd) || follows_later(c, s, cd->t))
				continue;
			gap = c->day[cd->t] - c->day[s];
			ARRAY_GROW(*out, *n, cap);
			(*out)[*n].sim = cd->sim;
			(*out)[*n].gap = gap;
			(*out)[*n].a = s;
			(*out)[(*n)++].b = cd->t;
		}
	}
}

/* Makes sure the candidates of s hold t, its neighbour in a thread. */
static void
keep_neighbour(struct ctx *c, uint32_t s, uint32_t t)
{
	struct cand *cd = c->cand + (size_t)s * c->cmax;
	size_t k;

	if (t == NONE)
		return;
	for (k = 0; k < c->ncand[s]; k++)
		if (cd[k].t == t)
			return;
	cd[k].t = t;
	cd[k].score = exact(c, s, t, &cd[k].sim, &cd[k].cos);
	c->ncand[s]++;
}

/*
 * Links each story to at most one follow-up and one earlier report, best
 * pairs first; links go forward in time, so threads are chains.
 */
static void
make_threads(struct ctx *c)
{
	struct edge *e;
	struct cand *cd;
	size_t ne, k;
	uint32_t s, t, id = 0;

	c->next = xreallocarray(NULL, c->nstory, sizeof(*c->next));
	c->prev = xreallocarray(NULL, c->nstory, sizeof(*c->prev));
	c->thread = xreallocarray(NULL, c->nstory, sizeof(*c->thread));
	for (s = 0; s < c->nstory; s++)
		c->next[s] = c->prev[s] = c->thread[s] = NONE;
	thread_edges(c, &e, &ne);
	if (ne > 1)
		sort_array(e, ne, sizeof(*e), cmp_edge);
	for (k = 0; k < ne; k++)
		if (c->next[e[k].a] == NONE && c->prev[e[k].b] == NONE) {
			c->next[e[k].a] = e[k].b;
			c->prev[e[k].b] = e[k].a;
		}
	free(e);
	for (s = 0; s < c->nstory; s++) {
		if (c->prev[s] != NONE || c->next[s] == NONE)
			continue;
		for (t = s; t != NONE; t = c->next[t])
			c->thread[t] = id;
		id++;
	}
	for (s = 0; s < c->nstory; s++) {
		keep_neighbour(c, s, c->prev[s]);
		keep_neighbour(c, s, c->next[s]);
		cd = c->cand + (size_t)s * c->cmax;
		for (k = 0; k < c->ncand[s]; k++)
			if (c->thread[s] != NONE &&
			    c->thread[cd[k].t] == c->thread[s])
				cd[k].score += c->w_thread;
		sort_array(cd, c->ncand[s], sizeof(*cd), cmp_cand);
	}
}

/* {==== what each article gets ====} */

static void
when(struct buf *r, const struct ctx *c, const struct article *a,
    uint32_t s, uint32_t t)
{
	int32_t da = related_parse_day(article_date(a));
	int32_t db = related_parse_day(
	    article_date(c->v[c->mem[c->mem_off[t]]]));
	int32_t d = db - da;
	int later = c->day[t] > c->day[s];

	/* A later copy of a story may be dated after the story's next
	 * report: what the reader compares is the two dates shown. */
	if (da != NODAY && db != NODAY && d != 0)
		later = d > 0;
	buf_puts(r, later ? "follow-up" : "earlier report");
	if (da == NODAY || db == NODAY)
		return;
	if (d == 0)
		BUF_PUTSL(r, ", same day");
	else
		buf_printf(r, ", %ld day%s %s", labs((long)d),
		    d == 1 || d == -1 ? "" : "s", d > 0 ? "later" : "before");
}

/* Whether name was already said among the first n of top: a tag and a
 * name of the text may be one thing spelt alike ("Ask Jeeves" twice). */
static int
said(const struct ctx *c, const uint32_t *top, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcasecmp(c->names.data + c->feat[top[i]].name, name) == 0)
			return 1;
	return 0;
}

/* The shared features of s and t that weigh most, by name, each name
 * once. */
static void
about(struct buf *r, const struct ctx *c, uint32_t s, uint32_t t)
{
	const uint32_t *a = c->sf + c->sf_off[s];
	const uint32_t *ae = c->sf + c->sf_off[s + 1];
	const uint32_t *b = c->sf + c->sf_off[t];
	const uint32_t *be = c->sf + c->sf_off[t + 1];
	uint32_t top[ABOUT_POOL], f;
	size_t n = 0, i, shown = 0;
	const char *name;

	for (; a < ae && b < be;) {
		if (*a < *b) {
			a++;
			continue;
		}
		if (*b < *a) {
			b++;
			continue;
		}
		f = *a++;
		b++;
		for (i = n < ABOUT_POOL ? n++ : ABOUT_POOL; i > 0 &&
		    c->feat[top[i - 1]].w < c->feat[f].w; i--)
			if (i < ABOUT_POOL)
				top[i] = top[i - 1];
		if (i < ABOUT_POOL)
			top[i] = f;
	}
	if (n == 0)
		return;
	if (r->len > 0)
		BUF_PUTSL(r, "; ");
	BUF_PUTSL(r, "also about: ");
	for (i = 0; i < n && shown < ABOUT_MAX; i++) {
		name = c->names.data + c->feat[top[i]].name;
		if (said(c, top, i, name))
			continue;
		buf_printf(r, "%s%s", shown++ ? ", " : "", name);
	}
}

static char *
reason(const struct ctx *c, const struct article *a, uint32_t s, uint32_t t)
{
	struct buf r = BUF_INIT;

	if (c->thread[s] != NONE && c->thread[s] == c->thread[t])
		when(&r, c, a, s, t);
	about(&r, c, s, t);
	if (r.len == 0)
		BUF_PUTSL(&r, "published around the same time");
	return buf_detach(&r);
}

static void
clear(struct article *a)
{
	size_t k;

	for (k = 0; k < a->nrelated; k++)
		free(a->related[k].reason);
	free(a->related);
	free(a->syndicated);
	a->related = NULL;
	a->syndicated = NULL;
	a->nrelated = a->nsyndicated = 0;
	a->thread_prev = a->thread_next = -1;
}

static void
emit(const struct ctx *c, uint32_t i)
{
	struct article *a = c->v[i];
	const struct cand *cd;
	struct relation *rel;
	uint32_t s = c->story[i], lo = c->mem_off[s], hi = c->mem_off[s + 1];
	uint32_t k, m, t, left, need, near, nc;

	clear(a);
	if (hi - lo > 1) {
		a->syndicated = xreallocarray(NULL, hi - lo - 1,
		    sizeof(*a->syndicated));
		for (k = lo; k < hi; k++)
			if ((m = c->mem[k]) != i)
				a->syndicated[a->nsyndicated++] = m;
	}
	/* Copies are listed once, in syndicated: candidates are stories,
	 * so no copy of this one is among them. */
	cd = c->cand + (size_t)s * c->cmax;
	rel = xreallocarray(NULL, c->count + 1, sizeof(*rel));
	/* The thread's neighbours are never crowded out of the list: the
	 * reader walks the thread from it. */
	need = (c->prev[s] != NONE) + (c->next[s] != NONE);
	for (nc = 0; nc < c->ncand[s] && a->nrelated < c->count; nc++) {
		left = (uint32_t)(c->count - a->nrelated);
		t = cd[nc].t;
		near = t == c->prev[s] || t == c->next[s];
		if (!near && (left <= need || cd[nc].cos < c->threshold))
			continue;
		need -= near;
		rel[a->nrelated].index = c->mem[c->mem_off[t]];
		rel[a->nrelated].score = cd[nc].score;
		rel[a->nrelated++].reason = reason(c, a, s, t);
	}
	if (a->nrelated == 0) {
		free(rel);
		rel = NULL;
	}
	a->related = rel;
	if (c->prev[s] != NONE)
		a->thread_prev = c->mem[c->mem_off[c->prev[s]]];
	if (c->next[s] != NONE)
		a->thread_next = c->mem[c->mem_off[c->next[s]]];
}

static void
ctx_dispose(struct ctx *c)
{
	free(c->order);
	free(c->rank);
	free(c->sig);
	free(c->nsh);
	free(c->parent);
	free(c->story);
	free(c->mem_off);
	free(c->mem);
	free(c->day);
	map64_dispose(&c->fmap);
	free(c->feat);
	buf_dispose(&c->names);
	free(c->sf_off);
	free(c->sf);
	free(c->sf_pos);
	free(c->stot);
	free(c->post_off);
	free(c->post);
	free(c->cand);
	free(c->ncand);
	free(c->next);
	free(c->prev);
	free(c->thread);
}

void
related_compute(struct article **v, size_t n,
    const struct related_config *cfg)
{
	struct relate_job rj;
	struct ctx c;
	uint32_t i;
	unsigned w;

	if (n == 0 || n >= NONE)
		return;
	memset(&c, 0, sizeof(c));
	memset(&rj, 0, sizeof(rj));
	c.v = v;
	c.n = n;
	c.cfg = cfg;
	c.count = cfg != NULL ? cfg->count : 5;
	c.names = (struct buf)BUF_INIT;
	c.w_terms = related_weight(cfg, "terms");
	c.w_time = related_weight(cfg, "time");
	c.w_thread = related_weight(cfg, "thread");
	c.threshold = related_threshold(cfg);
	related_make_order(&c);
	related_find_copies(&c);
	related_make_stories(&c);
	related_make_features(&c);
	c.cmax = c.count + 8;
	c.cand = xreallocarray(NULL, c.nstory, c.cmax * sizeof(*c.cand));
	c.ncand = xcalloc(c.nstory, sizeof(*c.ncand));
	rj.c = &c;
	par_for(c.nstory, related_jobs(&c), RELATE_SLICE, relate_item, &rj);
	for (w = 0; w < PAR_MAX_JOBS; w++)
		if (rj.sc[w] != NULL) {
			free(rj.sc[w]->acc);
			free(rj.sc[w]->mark);
			free(rj.sc[w]->touched.v);
			free(rj.sc[w]);
		}
	make_threads(&c);
	for (i = 0; i < n; i++)
		emit(&c, i);
	ctx_dispose(&c);
}
