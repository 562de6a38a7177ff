/*
 * related_index.c: for related.c, the order of articles, copies found
 * by LSH over the sketches, stories of copies with their dates, and the
 * features of each story (tags and rare names) with inverted indexes.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xxhash.h>

#include "related/related_int.h"
#include "core/buf.h"
#include "core/par.h"
#include "core/xalloc.h"

#define ROWS		2	/* values per LSH band */
#define BANDS		(SIG / ROWS)
#define BUCKET_MAX	64	/* members of one LSH bucket compared */
#define MIN_SHINGLES	10	/* shorter texts are nobody's copy */
#define COPY_SKETCH	0.3	/* sketches that agree less are not compared */
#define COPY_JACCARD	0.5	/* shingles copies share, of all they have */
#define KEYWORDS	12	/* rare names kept per story */
#define WORDS		64	/* rare words kept per story */
#define RARE_SHARE	0.1	/* a rare word is in at most this share */
#define RARE_MIN	64	/* stories an archive needs for rare words */

/* {==== copies ====} */

static uint32_t
find(uint32_t *parent, uint32_t i)
{
	while (parent[i] != i) {
		parent[i] = parent[parent[i]];
		i = parent[i];
	}
	return i;
}

/* Joins the sets of i and j under the member that comes first. */
static void
unite(struct ctx *c, uint32_t i, uint32_t j)
{
	i = find(c->parent, i);
	j = find(c->parent, j);
	if (i == j)
		return;
	if (c->rank[i] < c->rank[j])
		c->parent[j] = i;
	else
		c->parent[i] = j;
}

/* Room for the exact check of a candidate pair, and the verdicts on
 * the pairs checked: two articles that are no copies meet again in
 * band after band, and their texts would be read each time. */
struct pair_scratch {
	struct tokv	 tv;
	uint64_t	*a, *b;
	size_t		 acap, bcap;
	struct map64	 seen;		/* i << 32 | j, i < j -> verdict */
};

/*
 * Whether i and j are copies: their sketches agree enough to be worth a
 * look, and the exact resemblance of their shingles reaches COPY_JACCARD.
 * The sketch alone errs by several hundredths, which is the width of the
 * gap between a rewritten follow-up and a lightly edited copy.
 */
static int
copies(const struct ctx *c, struct pair_scratch *ps, uint32_t i, uint32_t j)
{
	const uint32_t *a = c->sig + (size_t)i * SIG;
	const uint32_t *b = c->sig + (size_t)j * SIG;
	size_t na, nb;
	unsigned k, same = 0;

	uint32_t *v;
	int added;

	for (k = 0; k < SIG; k++)
		same += a[k] == b[k];
	if ((double)same / SIG < COPY_SKETCH)
		return 0;
	v = map64_put(&ps->seen, i < j ? (uint64_t)i << 32 | j :
	    (uint64_t)j << 32 | i, &added);
	if (!added)
		return (int)*v;
	na = related_shingle_set(&ps->a, &ps->acap, c->v[i], &ps->tv);
	nb = related_shingle_set(&ps->b, &ps->bcap, c->v[j], &ps->tv);
	/* The set functions never touch the map: v still points in it. */
	*v = related_resemblance(ps->a, na, ps->b, nb) >= COPY_JACCARD;
	return (int)*v;
}

/* The articles of one LSH bucket, chained through next[]. */
struct bucket {
	uint32_t	 head;
	uint32_t	 count;
};

/* One LSH band: articles that agree on ROWS values are compared. tab
 * maps the band's values to buckets in bk (room for one an article). */
static void
band(struct ctx *c, struct pair_scratch *ps, struct map64 *tab,
    struct bucket *bk, uint32_t *next, unsigned b)
{
	struct bucket *k;
	const uint32_t *s;
	uint32_t *slot;
	size_t r;
	uint32_t i, m, nb = 0;
	int added;

	map64_clear(tab);
	for (r = 0; r < c->n; r++) {
		i = c->order[r];
		if (c->nsh[i] < MIN_SHINGLES)
			continue;
		s = c->sig + (size_t)i * SIG + b * ROWS;
		slot = map64_put(tab, (uint64_t)s[0] << 32 | s[1], &added);
		if (added) {
			*slot = nb;
			bk[nb].head = i;
			bk[nb++].count = 1;
			next[i] = NONE;
			continue;
		}
		k = &bk[*slot];
		/* A huge bucket is a shared boilerplate phrase, not a story. */
		if (k->count >= BUCKET_MAX)
			continue;
		for (m = k->head; m != NONE; m = next[m])
			if (find(c->parent, m) != find(c->parent, i) &&
			    copies(c, ps, m, i))
				unite(c, m, i);
		next[i] = k->head;
		k->head = i;
		k->count++;
	}
}

/* Sketches and counts are taken a slice of articles at a time by each
 * thread (par.h): they depend on nothing but their article. */
#define SLICE		64

/* Each thread's room for the words of a text. */
struct sketch_job {
	struct ctx	*c;
	struct tokv	 tv[PAR_MAX_JOBS];
};

/* A cached sketch is the SIG values, then the number of shingles. */
_Static_assert(RELATED_SKETCH == SIG + 1, "RELATED_SKETCH is SIG + 1");

/* Article i's sketch: the caller's when it has it, else made (and
 * handed to the caller's cache). */
static void
sketch_item(void *arg, size_t i, unsigned worker)
{
	struct sketch_job *j = arg;
	const struct related_config *cfg = j->c->cfg;
	uint32_t *sig = j->c->sig + i * SIG, *kept = NULL;

	if (cfg != NULL && cfg->sketches != NULL)
		kept = cfg->sketches + i * RELATED_SKETCH;
	if (kept != NULL && cfg->known[i]) {
		memcpy(sig, kept, SIG * sizeof(*sig));
		j->c->nsh[i] = kept[SIG];
		return;
	}
	j->c->nsh[i] = related_sketch(sig, j->c->v[i], &j->tv[worker]);
	if (kept != NULL) {
		memcpy(kept, sig, SIG * sizeof(*sig));
		kept[SIG] = j->c->nsh[i];
		cfg->known[i] = 1;
	}
}

unsigned
related_jobs(const struct ctx *c)
{
	return c->cfg != NULL ? c->cfg->jobs : 0;
}

static void
sketch_all(struct ctx *c)
{
	struct sketch_job *j = xcalloc(1, sizeof(*j));
	unsigned t;

	j->c = c;
	par_for(c->n, related_jobs(c), SLICE, sketch_item, j);
	for (t = 0; t < PAR_MAX_JOBS; t++)
		free(j->tv[t].v);
	free(j);
}

void
related_find_copies(struct ctx *c)
{
	struct pair_scratch ps;
	struct map64 tab = MAP64_INIT;
	struct bucket *bk;
	uint32_t *next;
	size_t i;
	unsigned b;

	c->sig = xreallocarray(NULL, c->n, SIG * sizeof(*c->sig));
	c->nsh = xcalloc(c->n, sizeof(*c->nsh));
	c->parent = xcalloc(c->n, sizeof(*c->parent));
	for (i = 0; i < c->n; i++)
		c->parent[i] = (uint32_t)i;
	sketch_all(c);
	bk = xcalloc(c->n + 1, sizeof(*bk));
	next = xcalloc(c->n + 1, sizeof(*next));
	memset(&ps, 0, sizeof(ps));
	for (b = 0; b < BANDS; b++)
		band(c, &ps, &tab, bk, next, b);
	map64_dispose(&ps.seen);
	free(ps.tv.v);
	free(ps.a);
	free(ps.b);
	map64_dispose(&tab);
	free(bk);
	free(next);
	free(c->sig);
	c->sig = NULL;
}

/* {==== order, dates and stories ====} */

struct key {
	const char	*date;
	const char	*path;
	uint32_t	 i;
};

/* Dated before undated, then by date, then by path. */
static int
cmp_key(const void *x, const void *y)
{
	const struct key *a = x, *b = y;
	int r;

	if ((a->date == NULL) != (b->date == NULL))
		return a->date == NULL ? 1 : -1;
	if (a->date != NULL && (r = strcmp(a->date, b->date)) != 0)
		return r;
	if ((r = strcmp(a->path, b->path)) != 0)
		return r;
	return a->i < b->i ? -1 : a->i > b->i;
}

void
related_make_order(struct ctx *c)
{
	struct key *k = xreallocarray(NULL, c->n, sizeof(*k));
	size_t i;

	for (i = 0; i < c->n; i++) {
		k[i].date = c->v[i]->date;
		k[i].path = c->v[i]->path != NULL ? c->v[i]->path : "";
		k[i].i = (uint32_t)i;
	}
	sort_array(k, c->n, sizeof(*k), cmp_key);
	c->order = xreallocarray(NULL, c->n, sizeof(*c->order));
	c->rank = xreallocarray(NULL, c->n, sizeof(*c->rank));
	for (i = 0; i < c->n; i++) {
		c->order[i] = k[i].i;
		c->rank[k[i].i] = (uint32_t)i;
	}
	free(k);
}

static int
digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* Days since 1970-01-01 of a YYYY-MM-DD date, or NODAY. */
int32_t
related_parse_day(const char *s)
{
	long y, m, d, era, yoe, doy, doe;

	if (s == NULL || strlen(s) < 10 || !digits(s, 4) || s[4] != '-' ||
	    !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2))
		return NODAY;
	y = strtol(s, NULL, 10);
	m = strtol(s + 5, NULL, 10);
	d = strtol(s + 8, NULL, 10);
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return NODAY;
	/* Howard Hinnant's days_from_civil. */
	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)(era * 146097 + doe - 719468);
}

/* Stories in (date, path) order of their first member; dates inferred. */
void
related_make_stories(struct ctx *c)
{
	uint32_t *sid = xreallocarray(NULL, c->n, sizeof(*sid));
	struct article *rep, *a;
	size_t r, k;
	uint32_t i, s;

	c->story = xreallocarray(NULL, c->n, sizeof(*c->story));
	for (i = 0; i < c->n; i++)
		sid[i] = NONE;
	for (r = 0; r < c->n; r++) {
		i = find(c->parent, c->order[r]);
		if (sid[i] == NONE)
			sid[i] = c->nstory++;
		c->story[c->order[r]] = sid[i];
	}
	c->mem_off = xcalloc((size_t)c->nstory + 1, sizeof(*c->mem_off));
	c->mem = xreallocarray(NULL, c->n, sizeof(*c->mem));
	for (i = 0; i < c->n; i++)
		c->mem_off[c->story[i] + 1]++;
	for (s = 0; s < c->nstory; s++)
		c->mem_off[s + 1] += c->mem_off[s];
	memcpy(sid, c->mem_off, c->nstory * sizeof(*sid));
	for (r = 0; r < c->n; r++)
		c->mem[sid[c->story[c->order[r]]]++] = c->order[r];
	free(sid);
	c->day = xreallocarray(NULL, c->nstory, sizeof(*c->day));
	for (s = 0; s < c->nstory; s++) {
		rep = c->v[c->mem[c->mem_off[s]]];
		c->day[s] = related_parse_day(rep->date);
		if (c->day[s] == NODAY)
			continue;
		for (k = c->mem_off[s] + 1; k < c->mem_off[s + 1]; k++) {
			a = c->v[c->mem[k]];
			if (a->date == NULL && a->date_inferred == NULL)
				a->date_inferred = xstrdup(rep->date);
		}
	}
}

/* {==== features and indexes ====} */

void
related_u32v_push(struct u32v *uv, uint32_t x)
{
	ARRAY_GROW(uv->v, uv->n, uv->cap);
	uv->v[uv->n++] = x;
}

/*
 * The feature of key, made with weight w and name if it is new; a better
 * name (quality: "Ilse Marrow" over "Marrow" over "MARROW") replaces
 * the one it has.
 */
static uint32_t
feature(struct ctx *c, uint64_t key, double w, const char *name,
    size_t len, unsigned quality)
{
	struct feat *f;
	uint32_t *slot;
	int fresh;

	slot = map64_put(&c->fmap, key, &fresh);
	if (fresh) {
		ARRAY_GROW(c->feat, c->nfeat, c->featcap);
		f = &c->feat[c->nfeat];
		memset(f, 0, sizeof(*f));
		f->w = w;
		*slot = c->nfeat++;
	} else if ((f = &c->feat[*slot])->quality >= quality)
		return *slot;
	f->name = (uint32_t)c->names.len;
	f->quality = quality;
	buf_put(&c->names, name, len);
	buf_putc(&c->names, '\0');
	return *slot;
}

static void
story_has(struct ctx *c, struct u32v *sf, uint32_t s, uint32_t f)
{
	if (c->feat[f].stamp == s + 1)
		return;
	c->feat[f].stamp = s + 1;
	c->feat[f].npost++;
	related_u32v_push(sf, f);
}

static void
story_tags(struct ctx *c, struct u32v *sf, uint32_t s)
{
	const struct article *a;
	struct buf key = BUF_INIT;
	size_t k, j;
	double w;

	for (k = c->mem_off[s]; k < c->mem_off[s + 1]; k++) {
		a = c->v[c->mem[k]];
		for (j = 0; j < a->ntags; j++) {
			if (a->tags[j].kind == NULL || a->tags[j].name == NULL)
				continue;
			if ((w = related_weight(c->cfg, a->tags[j].kind)) == 0)
				continue;
			buf_reset(&key);
			buf_puts(&key, a->tags[j].kind);
			buf_put(&key, "", 1);
			buf_puts(&key, a->tags[j].name);
			story_has(c, sf, s, feature(c, XXH3_64bits_withSeed(
			    key.data, key.len, SEED_TAG), w, a->tags[j].name,
			    strlen(a->tags[j].name), 3));
		}
	}
	buf_dispose(&key);
}

/* The body's words, without the title: headline case looks like names. */
static void
body_words(struct tokv *tv, const struct article *a)
{
	const char *s;
	size_t i;

	tv->n = 0;
	for (i = 1; (s = related_block(a, i, 0)) != NULL; i++)
		related_words(tv, s);
}

static int
term(const struct tok *t)
{
	return t->nchars >= 3 && !(t->flags & TOK_NUM);
}

/* Days and months are capitalised but name nothing a story is about. */
static const char *const calendar[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday", "january", "february", "march", "april", "may", "june",
	"july", "august", "september", "october", "november", "december"
};

/* Counts story s's words in tmap/tdf: (df, 1 + last story) pairs. */
static void
count_story(const struct ctx *c, struct map64 *tmap, struct u32v *tdf,
    struct tokv *tv, uint32_t s)
{
	uint32_t *slot;
	size_t k;
	int fresh;

	body_words(tv, c->v[c->mem[c->mem_off[s]]]);
	for (k = 0; k < tv->n; k++) {
		if (!term(&tv->v[k]))
			continue;
		slot = map64_put(tmap, tv->v[k].full, &fresh);
		if (fresh) {
			*slot = (uint32_t)tdf->n / 2;
			related_u32v_push(tdf, 0);
			related_u32v_push(tdf, 0);
		}
		if (tdf->v[2 * *slot + 1] != s + 1) {
			tdf->v[2 * *slot + 1] = s + 1;
			tdf->v[2 * *slot]++;
		}
	}
}

/* Each thread counts the slices of stories it takes in its own table;
 * the tables are added up after (a sum: the order does not matter). */
struct counts {
	struct map64	 tmap;
	struct u32v	 tdf;
	struct tokv	 tv;
};

struct count_job {
	const struct ctx *c;
	struct counts	 k[PAR_MAX_JOBS];
};

static void
count_item(void *arg, size_t s, unsigned worker)
{
	struct count_job *j = arg;
	struct counts *k = &j->k[worker];

	count_story(j->c, &k->tmap, &k->tdf, &k->tv, (uint32_t)s);
}

/*
 * Document frequencies of words, counted once per story; those of days
 * and months are 0, so that they are never taken for names.
 */
static void
count_terms(struct ctx *c, struct map64 *tmap, struct u32v *tdf)
{
	struct count_job *j = xcalloc(1, sizeof(*j));
	uint32_t *slot;
	size_t i;
	unsigned t;
	int fresh;

	j->c = c;
	par_for(c->nstory, related_jobs(c), SLICE, count_item, j);
	for (t = 0; t < PAR_MAX_JOBS; t++) {
		for (i = 0; i < j->k[t].tmap.cap; i++) {
			if (j->k[t].tmap.key[i] == 0)
				continue;
			slot = map64_put(tmap, j->k[t].tmap.key[i], &fresh);
			if (fresh) {
				*slot = (uint32_t)tdf->n / 2;
				related_u32v_push(tdf, 0);
				related_u32v_push(tdf, 0);
			}
			tdf->v[2 * *slot] +=
			    j->k[t].tdf.v[2 * j->k[t].tmap.val[i]];
		}
		map64_dispose(&j->k[t].tmap);
		free(j->k[t].tdf.v);
		free(j->k[t].tv.v);
	}
	free(j);
	for (i = 0; i < sizeof(calendar) / sizeof(calendar[0]); i++)
		if ((slot = map64_get(tmap, XXH3_64bits_withSeed(calendar[i],
		    strlen(calendar[i]), SEED_WORD))) != NULL)
			tdf->v[2 * *slot] = 0;
}

/* A name in the text: a run of capitalised words, known by its last. */
struct kw {
	double		 score;
	uint64_t	 full;	/* the last word */
	uint32_t	 df;
	uint32_t	 first;	/* token where the display name starts */
	uint32_t	 last;	/* token of the last word */
};

static int
cmp_kw_word(const void *x, const void *y)
{
	const struct kw *a = x, *b = y;

	if (a->full != b->full)
		return a->full < b->full ? -1 : 1;
	return a->last < b->last ? -1 : a->last > b->last;
}

static int
cmp_kw_score(const void *x, const void *y)
{
	const struct kw *a = x, *b = y;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return a->full < b->full ? -1 : a->full > b->full;
}

/*
 * The names of the text: runs of capitalised words (one opening a
 * sentence needs a second, and shows without its first), each known by
 * its last word, with a document frequency in [2, dfmax]; kw has room
 * for tv->n.
 */
static size_t
find_names(struct kw *kw, const struct tokv *tv, const struct map64 *tmap,
    const struct u32v *tdf, size_t dfmax)
{
	const struct tok *t;
	size_t k, j, n = 0;
	const uint32_t *slot;

	for (k = 0; k < tv->n; k = j) {
		/* "said Tomas Reuel": the name begins after the verb. */
		if (!(tv->v[k].flags & TOK_CAP)) {
			j = k + 1;
			continue;
		}
		for (j = k + 1; j < tv->n && (tv->v[j].flags &
		    (TOK_CAP | TOK_GLUE)) == (TOK_CAP | TOK_GLUE); j++)
			;
		t = &tv->v[j - 1];
		if (((tv->v[k].flags & TOK_START) && j - k < 2) || !term(t) ||
		    (slot = map64_get(tmap, t->full)) == NULL ||
		    tdf->v[2 * *slot] < 2 || tdf->v[2 * *slot] > dfmax)
			continue;
		kw[n].full = t->full;
		kw[n].df = tdf->v[2 * *slot];
		kw[n].last = (uint32_t)(j - 1);
		/* "In Moscow", "The Kremlin": a capital opening a sentence
		 * is no evidence of a name. */
		if (tv->v[k].flags & TOK_START)
			k++;
		kw[n++].first = (uint32_t)(j - k >= 2 ? j - 2 : j - 1);
	}
	return n;
}

/*
 * Groups the occurrences of each name into its first (the best display:
 * two words, not all capitals), scored by tf-idf; returns the count.
 */
static size_t
group_names(struct kw *kw, size_t n, const struct tokv *tv, double nstory)
{
	size_t k, j, g = 0, best;
	unsigned q, bq;

	sort_array(kw, n, sizeof(*kw), cmp_kw_word);
	for (k = 0; k < n; k = j) {
		best = k;
		bq = 0;
		for (j = k; j < n && kw[j].full == kw[k].full; j++) {
			q = 2 * ((tv->v[kw[j].last].flags & TOK_LOWER) != 0) +
			    (kw[j].first < kw[j].last);
			if (q > bq) {
				bq = q;
				best = j;
			}
		}
		kw[g] = kw[best];
		kw[g++].score = (1 + log((double)(j - k))) *
		    log(1 + nstory / kw[best].df);
	}
	sort_array(kw, g, sizeof(*kw), cmp_kw_score);
	return g;
}

/* A rare name or word of a story, chosen before it becomes a feature:
 * the choice reads only the story and the word counts, so stories are
 * chosen for in parallel and made features of in order after. */
struct pick {
	uint64_t	 key;	/* of the feature */
	const char	*name;	/* borrowed from the article's text */
	size_t		 len;
	uint32_t	 df;
	unsigned	 quality;
};

struct picks {
	struct pick	*v;
	size_t		 n, cap;
};

static void
pick(struct picks *p, uint64_t full, const char *name, size_t len,
    uint32_t df, unsigned quality)
{
	ARRAY_GROW(p->v, p->n, p->cap);
	p->v[p->n].key = XXH3_64bits_withSeed(&full, sizeof(full), SEED_TERM);
	p->v[p->n].name = name;
	p->v[p->n].len = len;
	p->v[p->n].df = df;
	p->v[p->n++].quality = quality;
}

/* The story's most telling rare names; tv holds the words of its body
 * (body_words()). */
static void
pick_terms(const struct ctx *c, struct picks *out, const struct map64 *tmap,
    const struct u32v *tdf, const struct tokv *tv)
{
	struct kw *kw;
	const struct tok *t0, *t1;
	size_t k, n, dfmax;

	if (c->w_terms == 0)
		return;
	/* A name of most stories says nothing (as in relate()). */
	dfmax = c->nstory > 64 ? c->nstory / 2 : c->nstory;
	kw = xreallocarray(NULL, tv->n + 1, sizeof(*kw));
	n = find_names(kw, tv, tmap, tdf, dfmax);
	n = group_names(kw, n, tv, c->nstory);
	for (k = 0; k < n && k < KEYWORDS; k++) {
		t0 = &tv->v[kw[k].first];
		t1 = &tv->v[kw[k].last];
		/* Rarity of a name counts every story that has the word. */
		pick(out, kw[k].full, t0->src,
		    (size_t)(t1->src + t1->len - t0->src), kw[k].df,
		    2 * ((t1->flags & TOK_LOWER) != 0) + (t0 != t1));
	}
	free(kw);
}

/* A word of the text and how telling it is. */
struct rw {
	double		 score;
	uint64_t	 full;
	uint32_t	 df;
	uint32_t	 tok;	/* its first occurrence */
};

static int
cmp_rw_word(const void *x, const void *y)
{
	const struct rw *a = x, *b = y;

	if (a->full != b->full)
		return a->full < b->full ? -1 : 1;
	return a->tok < b->tok ? -1 : a->tok > b->tok;
}

static int
cmp_rw_score(const void *x, const void *y)
{
	const struct rw *a = x, *b = y;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return a->full < b->full ? -1 : a->full > b->full;
}

/*
 * The story's rare words, of any case: the words that only
 * a few stories use (a word of more than one story in RARE_SHARE says
 * what most news says) and that this one uses most, by tf-idf. They are
 * what a story is about when the rules tag nothing ("drawdown",
 * "broadband", "tariff"), and what tells apart two stories that name the
 * same country. tv holds the words of its body (body_words()).
 */
static void
pick_words(const struct ctx *c, struct picks *out, const struct map64 *tmap,
    const struct u32v *tdf, const struct tokv *tv)
{
	struct rw *rw;
	const struct tok *t;
	size_t k, j, n = 0, g = 0, dfmax;
	const uint32_t *slot;

	/* In a small archive every word is rare: "with" in 2 of 10. */
	if (c->w_terms == 0 || c->nstory < RARE_MIN)
		return;
	dfmax = (size_t)(c->nstory * RARE_SHARE);
	if (dfmax < 2)
		dfmax = 2;
	rw = xreallocarray(NULL, tv->n + 1, sizeof(*rw));
	for (k = 0; k < tv->n; k++) {
		t = &tv->v[k];
		if (!term(t) || t->nchars < 4 ||
		    (slot = map64_get(tmap, t->full)) == NULL ||
		    tdf->v[2 * *slot] < 2 || tdf->v[2 * *slot] > dfmax)
			continue;
		rw[n].full = t->full;
		rw[n].df = tdf->v[2 * *slot];
		rw[n++].tok = (uint32_t)k;
	}
	sort_array(rw, n, sizeof(*rw), cmp_rw_word);
	for (k = 0; k < n; k = j) {
		for (j = k; j < n && rw[j].full == rw[k].full; j++)
			;
		rw[g] = rw[k];
		rw[g++].score = (1 + log((double)(j - k))) *
		    log((double)c->nstory / rw[k].df);
	}
	sort_array(rw, g, sizeof(*rw), cmp_rw_score);
	for (k = 0; k < g && k < WORDS; k++) {
		t = &tv->v[rw[k].tok];
		pick(out, rw[k].full, t->src, t->len, rw[k].df,
		    (t->flags & TOK_LOWER) != 0);
	}
	free(rw);
}

static int
cmp_u32(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;

	return a < b ? -1 : a > b;
}

/* Weights times rarity, and the inverted index of stories per feature. */
static void
index_features(struct ctx *c)
{
	uint32_t *cur, f, s;
	size_t k;
	double idf, ln = log(1.0 + c->nstory);

	for (f = 0; f < c->nfeat; f++) {
		if (c->feat[f].df == 0)
			c->feat[f].df = c->feat[f].npost;
		idf = c->nstory > 1 ? log(1.0 + (double)c->nstory /
		    c->feat[f].df) / ln : 1;
		c->feat[f].w *= idf;
	}
	c->stot = xcalloc(c->nstory, sizeof(*c->stot));
	c->post_off = xcalloc((size_t)c->nfeat + 1, sizeof(*c->post_off));
	for (f = 0; f < c->nfeat; f++)
		c->post_off[f + 1] = c->post_off[f] + c->feat[f].npost;
	c->post = xreallocarray(NULL, c->post_off[c->nfeat] + 1,
	    sizeof(*c->post));
	cur = xreallocarray(NULL, (size_t)c->nfeat + 1, sizeof(*cur));
	memcpy(cur, c->post_off, c->nfeat * sizeof(*cur));
	c->sf_pos = xreallocarray(NULL, (size_t)c->sf_off[c->nstory] + 1,
	    sizeof(*c->sf_pos));
	for (s = 0; s < c->nstory; s++)
		for (k = c->sf_off[s]; k < c->sf_off[s + 1]; k++) {
			c->stot[s] += c->feat[c->sf[k]].w;
			c->sf_pos[k] = cur[c->sf[k]] - c->post_off[c->sf[k]];
			c->post[cur[c->sf[k]]++] = s;
		}
	free(cur);
}

/* The stories of one block, chosen for by every thread: picks[k] for
 * story base + k, with each thread's room for the words of a body. */
#define FEAT_BLOCK	1024

struct pick_job {
	const struct ctx	*c;
	const struct map64	*tmap;
	const struct u32v	*tdf;
	uint32_t		 base;
	struct picks		*picks;
	struct tokv		 tv[PAR_MAX_JOBS];
};

static void
pick_item(void *arg, size_t k, unsigned worker)
{
	struct pick_job *j = arg;
	struct tokv *tv = &j->tv[worker];
	const struct ctx *c = j->c;
	uint32_t s = j->base + (uint32_t)k;

	j->picks[k].n = 0;
	/* One reading of the body serves the names and the words. */
	body_words(tv, c->v[c->mem[c->mem_off[s]]]);
	pick_terms(c, &j->picks[k], j->tmap, j->tdf, tv);
	pick_words(c, &j->picks[k], j->tmap, j->tdf, tv);
}

/* Makes story s's picks features of it, in the order chosen. */
static void
story_picks(struct ctx *c, struct u32v *sf, uint32_t s,
    const struct picks *p)
{
	uint32_t f;
	size_t k;

	for (k = 0; k < p->n; k++) {
		f = feature(c, p->v[k].key, c->w_terms, p->v[k].name,
		    p->v[k].len, p->v[k].quality);
		c->feat[f].df = p->v[k].df;
		story_has(c, sf, s, f);
	}
}

void
related_make_features(struct ctx *c)
{
	struct pick_job *j = xcalloc(1, sizeof(*j));
	struct map64 tmap = MAP64_INIT;
	struct u32v tdf = { NULL, 0, 0 }, sf = { NULL, 0, 0 };
	uint32_t s, end;
	unsigned t;

	if (c->w_terms > 0)
		count_terms(c, &tmap, &tdf);
	c->sf_off = xcalloc((size_t)c->nstory + 1, sizeof(*c->sf_off));
	j->c = c;
	j->tmap = &tmap;
	j->tdf = &tdf;
	j->picks = xcalloc(FEAT_BLOCK, sizeof(*j->picks));
	for (j->base = 0; j->base < c->nstory; j->base = end) {
		end = c->nstory - j->base > FEAT_BLOCK ? j->base + FEAT_BLOCK :
		    c->nstory;
		if (c->w_terms > 0)
			par_for(end - j->base, related_jobs(c), 16, pick_item,
			    j);
		for (s = j->base; s < end; s++) {
			c->sf_off[s] = (uint32_t)sf.n;
			story_tags(c, &sf, s);
			if (c->w_terms > 0)
				story_picks(c, &sf, s, &j->picks[s - j->base]);
			if (sf.n - c->sf_off[s] > 1)
				sort_array(sf.v + c->sf_off[s],
				    sf.n - c->sf_off[s], sizeof(*sf.v),
				    cmp_u32);
		}
	}
	c->sf_off[c->nstory] = (uint32_t)sf.n;
	c->sf = sf.v != NULL ? sf.v : xcalloc(1, sizeof(*c->sf));
	for (s = 0; s < FEAT_BLOCK; s++)
		free(j->picks[s].v);
	for (t = 0; t < PAR_MAX_JOBS; t++)
		free(j->tv[t].v);
	free(j->picks);
	free(j);
	free(tdf.v);
	map64_dispose(&tmap);
	index_features(c);
}
