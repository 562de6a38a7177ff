/*
 * related.c: syndicated copies, related stories and story threads
 * (related.h).
 *
 * The work goes in passes, each linear in the size of the archive:
 *  1. order: articles sorted by (date, path), the order every tie follows;
 *  2. sketch: each article's words, case-folded and stripped of accents,
 *     cut to their first letters (so that Zelensky, Zelenskiy and
 *     Zelenskyy agree), shingled a few at a time within a paragraph, and a
 *     one-permutation MinHash of the shingles;
 *  3. copies: LSH bands of the sketches give candidate pairs, agreement of
 *     the sketches confirms them, union-find makes stories of copies;
 *  4. features: each story's tags and rarest names, document frequencies
 *     counted per story, and inverted indexes over them in date order;
 *  5. related: candidates from a window of each index around the story,
 *     a bounded heap of the best, exact scores for those;
 *  6. threads: follow-ups a few days apart sharing most of what they are
 *     about, linked greedily, the closest pair first;
 *  7. output: per article, its copies, related stories and reasons.
 * Nothing compares all pairs: LSH buckets and index windows are capped.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>
#include <xxhash.h>

#include "related.h"
#include "xalloc.h"

#define STEM_CHARS	5	/* letters of a word that shingles compare */
#define SHINGLE		4	/* words per shingle */
#define SIG		128	/* MinHash values per article */
#define ROWS		2	/* values per LSH band */
#define BANDS		(SIG / ROWS)
#define BUCKET_MAX	64	/* members of one LSH bucket compared */
#define MIN_SHINGLES	10	/* shorter texts are nobody's copy */
#define COPY_JACCARD	0.2	/* estimated resemblance of copies */
#define COPY_CONTAIN	0.5	/* or: this much of the shorter is shared */
#define WORD_MAX	96	/* bytes of a folded word that count */
#define KEYWORDS	12	/* rare names kept per story */
#define WINDOW		16	/* index entries taken on each side */
#define EXACT		48	/* candidates scored exactly per story */
#define THREAD_DAYS	7	/* the longest gap inside a thread */
#define THREAD_SIM	0.4	/* share of features follow-ups have in common */
#define ABOUT_MAX	3	/* names in "also about: ..." */
#define NONE		UINT32_MAX
#define NODAY		INT32_MIN

enum {
	SEED_WORD = 1,
	SEED_SHINGLE,
	SEED_DENSE,
	SEED_TAG,
	SEED_TERM
};

/* {==== weights ====} */

static const struct weight defaults[] = {
	{ "same_story",		100 },
	{ "people",		30 },
	{ "topics",		20 },
	{ "organisations",	15 },
	{ "places",		10 },
	{ "tags",		10 },
	{ "terms",		5 },
	{ "time",		10 },
	{ "thread",		25 },
};

size_t
related_default_weights(const struct weight **out)
{
	*out = defaults;
	return sizeof(defaults) / sizeof(defaults[0]);
}

/* The rules' value for key (the last one set wins), else the default. */
static int
lookup(double *out, const struct related_config *cfg, const char *key)
{
	size_t i;

	if (cfg != NULL && cfg->weights != NULL)
		for (i = cfg->nweights; i-- > 0;)
			if (cfg->weights[i].key != NULL &&
			    strcmp(cfg->weights[i].key, key) == 0) {
				*out = cfg->weights[i].value;
				return 0;
			}
	for (i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
		if (strcmp(defaults[i].key, key) == 0) {
			*out = defaults[i].value;
			return 0;
		}
	return -1;
}

static double
weight(const struct related_config *cfg, const char *key)
{
	double w = 0;

	if (lookup(&w, cfg, key) < 0)
		lookup(&w, cfg, "tags");
	return isfinite(w) && w > 0 ? w : 0;
}

/* {==== a hash map from 64-bit keys to 32-bit values ====} */

struct map {
	uint64_t	*key;	/* 0: an empty slot */
	uint32_t	*val;
	size_t		 cap;	/* a power of 2 */
	size_t		 n;
};

static void
map_dispose(struct map *m)
{
	free(m->key);
	free(m->val);
}

static uint32_t *map_put(struct map *, uint64_t, int *);

static void
map_grow(struct map *m)
{
	struct map o = *m;
	size_t i;
	int fresh;

	m->cap = o.cap ? 2 * o.cap : 1024;
	m->key = xcalloc(m->cap, sizeof(*m->key));
	m->val = xcalloc(m->cap, sizeof(*m->val));
	m->n = 0;
	for (i = 0; i < o.cap; i++)
		if (o.key[i] != 0)
			*map_put(m, o.key[i], &fresh) = o.val[i];
	map_dispose(&o);
}

/* The value slot of key, made (and *fresh set) if it was not there. */
static uint32_t *
map_put(struct map *m, uint64_t key, int *fresh)
{
	size_t i;

	if (key == 0)
		key = 1;
	if (2 * (m->n + 1) > m->cap)
		map_grow(m);
	for (i = key & (m->cap - 1); m->key[i] != 0; i = (i + 1) & (m->cap - 1))
		if (m->key[i] == key) {
			*fresh = 0;
			return &m->val[i];
		}
	m->key[i] = key;
	m->n++;
	*fresh = 1;
	return &m->val[i];
}

static uint32_t
map_get(const struct map *m, uint64_t key)
{
	size_t i;

	if (key == 0)
		key = 1;
	if (m->cap == 0)
		return NONE;
	for (i = key & (m->cap - 1); m->key[i] != 0; i = (i + 1) & (m->cap - 1))
		if (m->key[i] == key)
			return m->val[i];
	return NONE;
}

/* {==== words ====} */

enum {
	TOK_CAP = 1,		/* begins with a capital */
	TOK_NUM = 2,		/* digits only */
	TOK_START = 4,		/* first of a sentence or a line */
	TOK_LOWER = 8		/* has a lower-case letter as written */
};

struct tok {
	uint64_t	 full;	/* hash of the folded word */
	uint64_t	 stem;	/* hash of its first STEM_CHARS letters */
	const char	*src;	/* the word as written; borrowed */
	uint32_t	 len;
	uint16_t	 nchars;
	uint16_t	 flags;
};

struct tokv {
	struct tok	*v;
	size_t		 n;
	size_t		 cap;
};

struct word {
	char		 buf[WORD_MAX + 16];
	size_t		 nb;
	size_t		 stem_nb;
	const char	*src;
	size_t		 nchars;
	unsigned	 flags;
};

enum cls { CLS_SEP, CLS_WORD, CLS_MARK, CLS_IDEO };

static enum cls
classify(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		    (cp >= 'A' && cp <= 'Z') ? CLS_WORD : CLS_SEP;
	/* Scripts written without spaces: every ideograph is a word. */
	if ((cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0x20000 && cp <= 0x3FFFF))
		return CLS_IDEO;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
		return CLS_WORD;
	case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return CLS_MARK;
	default:
		return CLS_SEP;
	}
}

static int
ends_sentence(int32_t cp)
{
	return cp == '.' || cp == '!' || cp == '?' || cp == ':' || cp == '"' ||
	    cp == 0x201C || cp == 0x201D || cp == 0xAB || cp == 0xBB;
}

/* Appends cp to w case-folded, without accents. */
static void
fold(struct word *w, int32_t cp)
{
	utf8proc_int32_t out[8];
	utf8proc_ssize_t k, i;
	int bc = 0;

	if (w->nchars == 0) {
		if ((cp >= 'A' && cp <= 'Z') ||
		    (cp >= 0x80 && utf8proc_isupper(cp)))
			w->flags |= TOK_CAP;
	}
	if ((cp >= 'a' && cp <= 'z') || (cp >= 0x80 && utf8proc_islower(cp)))
		w->flags |= TOK_LOWER;
	if (!(cp >= '0' && cp <= '9'))
		w->flags &= ~(unsigned)TOK_NUM;
	if (cp < 0x80) {
		if (w->nb < WORD_MAX)
			w->buf[w->nb++] = (char)(cp >= 'A' && cp <= 'Z' ?
			    cp + 'a' - 'A' : cp);
	} else {
		k = utf8proc_decompose_char(cp, out, 8, UTF8PROC_CASEFOLD |
		    UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK, &bc);
		for (i = 0; i < k && i < 8 && w->nb < WORD_MAX; i++)
			w->nb += (size_t)utf8proc_encode_char(out[i],
			    (utf8proc_uint8_t *)w->buf + w->nb);
	}
	if (++w->nchars == STEM_CHARS)
		w->stem_nb = w->nb;
}

static void
word_end(struct tokv *tv, struct word *w, const char *end, int *start)
{
	struct tok *t;

	if (w->nchars == 0)
		return;
	if (tv->n == tv->cap) {
		tv->cap = tv->cap ? 2 * tv->cap : 256;
		tv->v = xreallocarray(tv->v, tv->cap, sizeof(*tv->v));
	}
	t = &tv->v[tv->n++];
	t->full = XXH3_64bits_withSeed(w->buf, w->nb, SEED_WORD);
	t->stem = w->nchars > STEM_CHARS ?
	    XXH3_64bits_withSeed(w->buf, w->stem_nb, SEED_WORD) : t->full;
	t->src = w->src;
	t->len = (uint32_t)(end - w->src);
	t->nchars = (uint16_t)(w->nchars > 0xFFFF ? 0xFFFF : w->nchars);
	t->flags = (uint16_t)(w->flags | (*start ? TOK_START : 0));
	*start = 0;
	w->nb = w->stem_nb = w->nchars = 0;
	w->flags = TOK_NUM;
}

/* Appends the words of s to tv. */
static void
tokenize(struct tokv *tv, const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	const utf8proc_uint8_t *end = p + strlen(s);
	struct word w;
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;
	int start = 1;

	w.nb = w.stem_nb = w.nchars = 0;
	w.flags = TOK_NUM;
	w.src = s;
	while (p < end) {
		if (*p < 0x80) {
			cp = *p;
			k = 1;
		} else if ((k = utf8proc_iterate(p, end - p, &cp)) < 1) {
			cp = 0xFFFD;
			k = 1;
		}
		switch (classify(cp)) {
		case CLS_WORD:
			if (w.nchars == 0)
				w.src = (const char *)p;
			fold(&w, cp);
			break;
		case CLS_MARK:
			break;
		case CLS_IDEO:
			word_end(tv, &w, (const char *)p, &start);
			w.src = (const char *)p;
			fold(&w, cp);
			word_end(tv, &w, (const char *)p + k, &start);
			break;
		case CLS_SEP:
			word_end(tv, &w, (const char *)p, &start);
			if (ends_sentence(cp))
				start = 1;
			break;
		}
		p += k;
	}
	word_end(tv, &w, (const char *)end, &start);
}

/* The i-th block of text of a: the title, then the body in order. */
static const char *
block(const struct article *a, size_t i)
{
	if (i == 0)
		return a->title != NULL ? a->title : "";
	i--;
	if (a->nbody > 0)
		return i < a->nbody ? a->body[i].text : NULL;
	return i < a->paragraphs.n ? a->paragraphs.v[i] : NULL;
}

/* {==== sketches and copies ====} */

/*
 * One-permutation MinHash: each shingle falls in one of SIG bins by its
 * top bits and each bin keeps its least value; an empty bin borrows from
 * the next full one (rotation), so that short texts still compare.
 * Returns the number of shingles (0: no sketch).
 */
static uint32_t
sketch(uint32_t *sig, const struct article *a, struct tokv *tv)
{
	uint64_t min[SIG], st[SHINGLE], h, lo;
	const char *s;
	size_t i, j, b, d;
	uint32_t nsh = 0;

	for (b = 0; b < SIG; b++)
		min[b] = UINT64_MAX;
	for (i = 0; (s = block(a, i)) != NULL; i++) {
		tv->n = 0;
		tokenize(tv, s);
		for (j = 0; j + SHINGLE <= tv->n; j++) {
			for (d = 0; d < SHINGLE; d++)
				st[d] = tv->v[j + d].stem;
			h = XXH3_64bits_withSeed(st, sizeof(st), SEED_SHINGLE);
			lo = h & (UINT64_MAX >> 7);
			if (lo < min[h >> 57])
				min[h >> 57] = lo;
			nsh++;
		}
	}
	if (nsh == 0)
		return 0;
	for (b = 0; b < SIG; b++) {
		for (d = 0; min[(b + d) % SIG] == UINT64_MAX; d++)
			;
		lo = min[(b + d) % SIG];
		sig[b] = d == 0 ? (uint32_t)(lo ^ (lo >> 32)) :
		    (uint32_t)XXH3_64bits_withSeed(&lo, sizeof(lo),
		    SEED_DENSE + d);
	}
	return nsh;
}

/* A tag, or a rare name of the text, and how much sharing it weighs. */
struct feat {
	double		 w;	/* the kind's weight, then times rarity */
	uint32_t	 df;	/* stories that have it (0: npost) */
	uint32_t	 npost;	/* stories indexed under it */
	uint32_t	 stamp;	/* 1 + the last story that counted it */
	uint32_t	 name;	/* offset of the display name in names */
	int		 lower;	/* the name has lower case, not "KIEV" */
};

/* A related story of a story. */
struct cand {
	double		 score;
	double		 sim;	/* share of features in common */
	uint32_t	 t;
};

struct ctx {
	struct article	**v;
	size_t		  n;
	const struct related_config *cfg;
	size_t		  count;
	double		  w_same, w_terms, w_time, w_thread;
	uint32_t	 *order;	/* articles by (date, path) */
	uint32_t	 *rank;		/* article -> its place in order */
	uint32_t	 *sig;		/* n * SIG */
	uint32_t	 *nsh;		/* shingles per article */
	uint32_t	 *parent;	/* union-find over articles */
	/* Stories: sets of copies, numbered in (date, path) order. */
	uint32_t	  nstory;
	uint32_t	 *story;	/* article -> story */
	uint32_t	 *mem_off;	/* story -> its members in mem */
	uint32_t	 *mem;
	int32_t		 *day;		/* story -> days since 1970, NODAY */
	/* Features: tags and rare names, and the stories that have them. */
	struct map	  fmap;
	struct feat	 *feat;
	uint32_t	  nfeat;
	struct buf	  names;	/* display names, NUL-separated */
	uint32_t	 *sf_off;	/* story -> its features in sf, sorted */
	uint32_t	 *sf;
	double		 *stot;		/* story -> sum of its feature weights */
	uint32_t	 *post_off;	/* feature -> its stories in post */
	uint32_t	 *post;
	/* Related stories and threads, per story. */
	size_t		  cmax;		/* candidates kept per story */
	struct cand	 *cand;		/* nstory * cmax */
	uint32_t	 *ncand;
	uint32_t	 *next, *prev, *thread;
};

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

static int
copies(const struct ctx *c, uint32_t i, uint32_t j)
{
	const uint32_t *a = c->sig + (size_t)i * SIG;
	const uint32_t *b = c->sig + (size_t)j * SIG;
	double jac, inter, small;
	unsigned k, same = 0;

	for (k = 0; k < SIG; k++)
		same += a[k] == b[k];
	jac = (double)same / SIG;
	if (jac >= COPY_JACCARD)
		return 1;
	/* |A & B| = J / (1 + J) * (|A| + |B|): containment of the shorter. */
	inter = jac / (1 + jac) * ((double)c->nsh[i] + c->nsh[j]);
	small = c->nsh[i] < c->nsh[j] ? c->nsh[i] : c->nsh[j];
	return jac >= COPY_JACCARD / 2 && inter >= COPY_CONTAIN * small;
}

struct bucket {
	uint64_t	 key;
	uint32_t	 head;	/* NONE: an empty slot */
	uint32_t	 count;
};

/* One LSH band: articles that agree on ROWS values are compared. */
static void
band(struct ctx *c, struct bucket *tab, size_t cap, uint32_t *next,
    unsigned b)
{
	struct bucket *k;
	const uint32_t *s;
	uint64_t key;
	size_t r, slot;
	uint32_t i, m;

	for (slot = 0; slot < cap; slot++)
		tab[slot].head = NONE;
	for (r = 0; r < c->n; r++) {
		i = c->order[r];
		if (c->nsh[i] < MIN_SHINGLES)
			continue;
		s = c->sig + (size_t)i * SIG + b * ROWS;
		key = (uint64_t)s[0] << 32 | s[1];
		slot = (size_t)(key * 0x9E3779B97F4A7C15ull >> 32) & (cap - 1);
		while (tab[slot].head != NONE && tab[slot].key != key)
			slot = (slot + 1) & (cap - 1);
		k = &tab[slot];
		if (k->head == NONE) {
			k->key = key;
			k->head = i;
			k->count = 1;
			next[i] = NONE;
			continue;
		}
		/* A huge bucket is a shared boilerplate phrase, not a story. */
		if (k->count >= BUCKET_MAX)
			continue;
		for (m = k->head; m != NONE; m = next[m])
			if (find(c->parent, m) != find(c->parent, i) &&
			    copies(c, m, i))
				unite(c, m, i);
		next[i] = k->head;
		k->head = i;
		k->count++;
	}
}

static void
find_copies(struct ctx *c)
{
	struct tokv tv = { NULL, 0, 0 };
	struct bucket *tab;
	uint32_t *next;
	size_t i, cap;
	unsigned b;

	c->sig = xreallocarray(NULL, c->n, SIG * sizeof(*c->sig));
	c->nsh = xcalloc(c->n, sizeof(*c->nsh));
	c->parent = xcalloc(c->n, sizeof(*c->parent));
	for (i = 0; i < c->n; i++) {
		c->parent[i] = (uint32_t)i;
		c->nsh[i] = sketch(c->sig + i * SIG, c->v[i], &tv);
	}
	free(tv.v);
	for (cap = 1024; cap < 2 * c->n; cap *= 2)
		;
	tab = xcalloc(cap, sizeof(*tab));
	next = xcalloc(c->n, sizeof(*next));
	for (b = 0; b < BANDS; b++)
		band(c, tab, cap, next, b);
	free(tab);
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

static void
make_order(struct ctx *c)
{
	struct key *k = xreallocarray(NULL, c->n, sizeof(*k));
	size_t i;

	for (i = 0; i < c->n; i++) {
		k[i].date = c->v[i]->date;
		k[i].path = c->v[i]->path != NULL ? c->v[i]->path : "";
		k[i].i = (uint32_t)i;
	}
	qsort(k, c->n, sizeof(*k), cmp_key);
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
static int32_t
parse_day(const char *s)
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
static void
make_stories(struct ctx *c)
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
		c->day[s] = parse_day(rep->date);
		if (c->day[s] == NODAY)
			continue;
		for (k = c->mem_off[s] + 1; k < c->mem_off[s + 1]; k++) {
			a = c->v[c->mem[k]];
			if (a->date == NULL) {
				a->date = xstrdup(rep->date);
				a->date_inferred = 1;
			}
		}
	}
}

/* {==== features and indexes ====} */

struct u32v {
	uint32_t	*v;
	size_t		 n;
	size_t		 cap;
};

static void
u32v_push(struct u32v *uv, uint32_t x)
{
	if (uv->n == uv->cap) {
		uv->cap = uv->cap ? 2 * uv->cap : 1024;
		uv->v = xreallocarray(uv->v, uv->cap, sizeof(*uv->v));
	}
	uv->v[uv->n++] = x;
}

/* The feature of key, made with weight w and name if it is new. */
static uint32_t
feature(struct ctx *c, uint64_t key, double w, const char *name,
    size_t len, int lower)
{
	struct feat *f;
	uint32_t *slot;
	int fresh;

	slot = map_put(&c->fmap, key, &fresh);
	if (!fresh) {
		f = &c->feat[*slot];
		if (lower && !f->lower) {
			f->name = (uint32_t)c->names.len;
			f->lower = 1;
			buf_put(&c->names, name, len);
			buf_putc(&c->names, '\0');
		}
		return *slot;
	}
	c->feat = xreallocarray(c->feat, (size_t)c->nfeat + 1,
	    sizeof(*c->feat));
	f = &c->feat[c->nfeat];
	memset(f, 0, sizeof(*f));
	f->w = w;
	f->name = (uint32_t)c->names.len;
	f->lower = lower;
	buf_put(&c->names, name, len);
	buf_putc(&c->names, '\0');
	return *slot = c->nfeat++;
}

static void
story_has(struct ctx *c, struct u32v *sf, uint32_t s, uint32_t f)
{
	if (c->feat[f].stamp == s + 1)
		return;
	c->feat[f].stamp = s + 1;
	c->feat[f].npost++;
	u32v_push(sf, f);
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
			if ((w = weight(c->cfg, a->tags[j].kind)) == 0)
				continue;
			buf_reset(&key);
			buf_puts(&key, a->tags[j].kind);
			buf_put(&key, "", 1);
			buf_puts(&key, a->tags[j].name);
			story_has(c, sf, s, feature(c, XXH3_64bits_withSeed(
			    key.data, key.len, SEED_TAG), w, a->tags[j].name,
			    strlen(a->tags[j].name), 1));
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
	for (i = 1; (s = block(a, i)) != NULL; i++)
		tokenize(tv, s);
}

static int
term(const struct tok *t)
{
	return t->nchars >= 3 && !(t->flags & TOK_NUM);
}

/* Document frequencies of words, counted once per story. */
static void
count_terms(struct ctx *c, struct map *tmap, struct u32v *tdf,
    struct tokv *tv)
{
	uint32_t s, *slot;
	size_t k;
	int fresh;

	for (s = 0; s < c->nstory; s++) {
		body_words(tv, c->v[c->mem[c->mem_off[s]]]);
		for (k = 0; k < tv->n; k++) {
			if (!term(&tv->v[k]))
				continue;
			slot = map_put(tmap, tv->v[k].full, &fresh);
			if (fresh) {
				*slot = (uint32_t)tdf->n / 2;
				u32v_push(tdf, 0);
				u32v_push(tdf, 0);
			}
			/* tdf: (df, 1 + last story) pairs */
			if (tdf->v[2 * *slot + 1] != s + 1) {
				tdf->v[2 * *slot + 1] = s + 1;
				tdf->v[2 * *slot]++;
			}
		}
	}
}

struct kw {
	uint64_t	 full;
	uint32_t	 df;
	uint32_t	 pos;
};

static int
cmp_kw(const void *x, const void *y)
{
	const struct kw *a = x, *b = y;

	if (a->df != b->df)
		return a->df < b->df ? -1 : 1;
	if (a->full != b->full)
		return a->full < b->full ? -1 : 1;
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* The story's rarest names: capitalised words inside sentences. */
static void
story_terms(struct ctx *c, struct u32v *sf, uint32_t s, const struct map *tmap,
    const struct u32v *tdf, struct tokv *tv)
{
	struct kw *kw;
	const struct tok *t, *pick;
	size_t k, j, nkw = 0, got = 0, dfmax;
	uint32_t slot, f;

	if (c->w_terms == 0)
		return;
	dfmax = c->nstory / 20 > 16 ? c->nstory / 20 : 16;
	body_words(tv, c->v[c->mem[c->mem_off[s]]]);
	kw = xreallocarray(NULL, tv->n + 1, sizeof(*kw));
	for (k = 0; k < tv->n; k++) {
		t = &tv->v[k];
		if (!term(t) || (t->flags & (TOK_CAP | TOK_START)) != TOK_CAP ||
		    (slot = map_get(tmap, t->full)) == NONE ||
		    tdf->v[2 * slot] < 2 || tdf->v[2 * slot] > dfmax)
			continue;
		kw[nkw].full = t->full;
		kw[nkw].df = tdf->v[2 * slot];
		kw[nkw++].pos = (uint32_t)k;
	}
	qsort(kw, nkw, sizeof(*kw), cmp_kw);
	for (k = 0; k < nkw && got < KEYWORDS; k = j) {
		pick = &tv->v[kw[k].pos];
		for (j = k; j < nkw && kw[j].full == kw[k].full; j++)
			if (!(pick->flags & TOK_LOWER))
				pick = &tv->v[kw[j].pos];
		f = feature(c, XXH3_64bits_withSeed(&kw[k].full,
		    sizeof(kw[k].full), SEED_TERM), c->w_terms, pick->src,
		    pick->len, (pick->flags & TOK_LOWER) != 0);
		/* Rarity of a name counts every story that has the word. */
		c->feat[f].df = kw[k].df;
		story_has(c, sf, s, f);
		got++;
	}
	free(kw);
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
	for (s = 0; s < c->nstory; s++)
		for (k = c->sf_off[s]; k < c->sf_off[s + 1]; k++) {
			c->stot[s] += c->feat[c->sf[k]].w;
			c->post[cur[c->sf[k]]++] = s;
		}
	free(cur);
}

static void
make_features(struct ctx *c)
{
	struct tokv tv = { NULL, 0, 0 };
	struct map tmap = { NULL, NULL, 0, 0 };
	struct u32v tdf = { NULL, 0, 0 }, sf = { NULL, 0, 0 };
	uint32_t s;

	if (c->w_terms > 0)
		count_terms(c, &tmap, &tdf, &tv);
	c->sf_off = xcalloc((size_t)c->nstory + 1, sizeof(*c->sf_off));
	for (s = 0; s < c->nstory; s++) {
		c->sf_off[s] = (uint32_t)sf.n;
		story_tags(c, &sf, s);
		story_terms(c, &sf, s, &tmap, &tdf, &tv);
		qsort(sf.v + c->sf_off[s], sf.n - c->sf_off[s],
		    sizeof(*sf.v), cmp_u32);
	}
	c->sf_off[c->nstory] = (uint32_t)sf.n;
	c->sf = sf.v;
	free(tv.v);
	free(tdf.v);
	map_dispose(&tmap);
	index_features(c);
}

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

/* The weight of what s and t share, plus time; *sim the share of it. */
static double
exact(const struct ctx *c, uint32_t s, uint32_t t, double *sim)
{
	const uint32_t *a = c->sf + c->sf_off[s], *ae = c->sf + c->sf_off[s + 1];
	const uint32_t *b = c->sf + c->sf_off[t], *be = c->sf + c->sf_off[t + 1];
	double shared = 0, least;

	while (a < ae && b < be)
		if (*a < *b)
			a++;
		else if (*b < *a)
			b++;
		else {
			shared += c->feat[*a].w;
			a++;
			b++;
		}
	least = c->stot[s] < c->stot[t] ? c->stot[s] : c->stot[t];
	*sim = least > 0 ? shared / least : 0;
	return shared + closeness(c, s, t);
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
	struct u32v	 touched;
	struct hent	 heap[EXACT];
	struct cand	 best[EXACT];
};

/* Adds the stories near s (in date order) in the index of feature f. */
static void
window(const struct ctx *c, struct scratch *sc, uint32_t s, uint32_t f)
{
	const uint32_t *list = c->post + c->post_off[f];
	size_t len = c->feat[f].npost, lo = 0, hi = len, q;
	uint32_t t;

	while (lo < hi) {
		q = lo + (hi - lo) / 2;
		if (list[q] < s)
			lo = q + 1;
		else
			hi = q;
	}
	hi = lo + WINDOW + 1 < len ? lo + WINDOW + 1 : len;
	lo = lo > WINDOW ? lo - WINDOW : 0;
	for (q = lo; q < hi; q++) {
		if ((t = list[q]) == s)
			continue;
		if (sc->acc[t] == 0)
			u32v_push(&sc->touched, t);
		sc->acc[t] += c->feat[f].w;
	}
}

static void
relate(struct ctx *c, struct scratch *sc, uint32_t s)
{
	struct cand *out = c->cand + (size_t)s * c->cmax;
	struct hent e;
	size_t k, nh = 0;
	uint32_t f;

	sc->touched.n = 0;
	for (k = c->sf_off[s]; k < c->sf_off[s + 1]; k++) {
		f = c->sf[k];
		/* A feature of most stories says nothing; it would cost. */
		if (c->feat[f].npost < 2 ||
		    (c->nstory > 64 && 2 * c->feat[f].npost > c->nstory))
			continue;
		window(c, sc, s, f);
	}
	for (k = 0; k < sc->touched.n; k++) {
		e.t = sc->touched.v[k];
		e.acc = sc->acc[e.t];
		sc->acc[e.t] = 0;
		heap_offer(sc->heap, &nh, e);
	}
	for (k = 0; k < nh; k++) {
		sc->best[k].t = sc->heap[k].t;
		sc->best[k].score = exact(c, s, sc->best[k].t, &sc->best[k].sim);
	}
	qsort(sc->best, nh, sizeof(*sc->best), cmp_cand);
	/* Two places stay free for the thread's neighbours. */
	c->ncand[s] = (uint32_t)(nh < c->cmax - 2 ? nh : c->cmax - 2);
	memcpy(out, sc->best, c->ncand[s] * sizeof(*out));
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

	if (a->sim != b->sim)
		return a->sim > b->sim ? -1 : 1;
	if (a->gap != b->gap)
		return a->gap < b->gap ? -1 : 1;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
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
		if (c->day[s] == NODAY)
			continue;
		for (k = 0; k < c->ncand[s]; k++) {
			cd = &c->cand[(size_t)s * c->cmax + k];
			if (c->day[cd->t] == NODAY || cd->sim < THREAD_SIM)
				continue;
			gap = c->day[cd->t] - c->day[s];
			if (gap < 1 || gap > THREAD_DAYS)
				continue;
			if (*n == cap) {
				cap = cap ? 2 * cap : 1024;
				*out = xreallocarray(*out, cap, sizeof(**out));
			}
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
	cd[k].score = exact(c, s, t, &cd[k].sim);
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
	qsort(e, ne, sizeof(*e), cmp_edge);
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
		qsort(cd, c->ncand[s], sizeof(*cd), cmp_cand);
	}
}

/* {==== what each article gets ====} */

static char *
same_story(const struct article *a, const struct article *b)
{
	struct buf r = BUF_INIT;
	const char *agency = b->agency != NULL ? b->agency : a->agency;

	if (agency != NULL && *agency != '\0')
		buf_printf(&r, "same %s story", agency);
	else if (b->source != NULL && *b->source != '\0')
		buf_printf(&r, "same story as %s", b->source);
	else
		BUF_PUTSL(&r, "same story");
	return buf_detach(&r);
}

static void
when(struct buf *r, const struct ctx *c, const struct article *a,
    uint32_t s, uint32_t t)
{
	int32_t da = parse_day(a->date);
	int32_t db = parse_day(c->v[c->mem[c->mem_off[t]]]->date);
	int32_t d = db - da;
	int later = c->day[t] > c->day[s];

	buf_puts(r, later ? "follow-up" : "earlier report");
	if (da == NODAY || db == NODAY)
		return;
	if (d == 0)
		BUF_PUTSL(r, ", same day");
	else
		buf_printf(r, ", %ld day%s %s", labs((long)d),
		    d == 1 || d == -1 ? "" : "s", d > 0 ? "later" : "before");
}

/* The shared features of s and t that weigh most, by name. */
static void
about(struct buf *r, const struct ctx *c, uint32_t s, uint32_t t)
{
	const uint32_t *a = c->sf + c->sf_off[s], *ae = c->sf + c->sf_off[s + 1];
	const uint32_t *b = c->sf + c->sf_off[t], *be = c->sf + c->sf_off[t + 1];
	uint32_t top[ABOUT_MAX], f;
	size_t n = 0, i;

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
		for (i = n < ABOUT_MAX ? n++ : ABOUT_MAX; i > 0 &&
		    c->feat[top[i - 1]].w < c->feat[f].w; i--)
			if (i < ABOUT_MAX)
				top[i] = top[i - 1];
		if (i < ABOUT_MAX)
			top[i] = f;
	}
	if (n == 0)
		return;
	if (r->len > 0)
		BUF_PUTSL(r, "; ");
	BUF_PUTSL(r, "also about: ");
	for (i = 0; i < n; i++)
		buf_printf(r, "%s%s", i ? ", " : "",
		    c->names.data + c->feat[top[i]].name);
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
	uint32_t k, m, copy = NONE, nc = 0;

	clear(a);
	if (hi - lo > 1) {
		a->syndicated = xreallocarray(NULL, hi - lo - 1,
		    sizeof(*a->syndicated));
		for (k = lo; k < hi; k++)
			if ((m = c->mem[k]) != i) {
				a->syndicated[a->nsyndicated++] = m;
				if (copy == NONE && c->w_same > 0)
					copy = m;
			}
	}
	cd = c->cand + (size_t)s * c->cmax;
	rel = xreallocarray(NULL, c->count + 1, sizeof(*rel));
	while (a->nrelated < c->count) {
		if (copy != NONE && (nc == c->ncand[s] ||
		    c->w_same >= cd[nc].score)) {
			rel[a->nrelated].index = copy;
			rel[a->nrelated].score = c->w_same;
			rel[a->nrelated++].reason = same_story(a, c->v[copy]);
			copy = NONE;
		} else if (nc < c->ncand[s]) {
			rel[a->nrelated].index = c->mem[c->mem_off[cd[nc].t]];
			rel[a->nrelated].score = cd[nc].score;
			rel[a->nrelated++].reason = reason(c, a, s, cd[nc].t);
			nc++;
		} else
			break;
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
	map_dispose(&c->fmap);
	free(c->feat);
	buf_dispose(&c->names);
	free(c->sf_off);
	free(c->sf);
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
	struct ctx c;
	struct scratch sc;
	uint32_t s, i;

	if (n == 0 || n >= NONE)
		return;
	memset(&c, 0, sizeof(c));
	c.v = v;
	c.n = n;
	c.cfg = cfg;
	c.count = cfg != NULL ? cfg->count : 5;
	c.names = (struct buf)BUF_INIT;
	c.w_same = weight(cfg, "same_story");
	c.w_terms = weight(cfg, "terms");
	c.w_time = weight(cfg, "time");
	c.w_thread = weight(cfg, "thread");
	make_order(&c);
	find_copies(&c);
	make_stories(&c);
	make_features(&c);
	c.cmax = c.count + 8;
	c.cand = xreallocarray(NULL, c.nstory, c.cmax * sizeof(*c.cand));
	c.ncand = xcalloc(c.nstory, sizeof(*c.ncand));
	memset(&sc, 0, sizeof(sc));
	sc.acc = xcalloc(c.nstory, sizeof(*sc.acc));
	for (s = 0; s < c.nstory; s++)
		relate(&c, &sc, s);
	free(sc.acc);
	free(sc.touched.v);
	make_threads(&c);
	for (i = 0; i < n; i++)
		emit(&c, i);
	ctx_dispose(&c);
}
