/*
 * rules_cache.c: the rules run only on the articles that need it
 * (rules_run_cached(), rules.h).
 *
 * What the rules make of an article depends on the article, the rules
 * and, through the recogniser's archive-wide typing (tagger_learn()),
 * on the other articles: a lone word that its own article leaves
 * untyped takes the kind the archive's articles gave it most. So the
 * file keeps, for each article of the last run (keyed by its path and
 * bytes):
 *
 *   - what the article taught the archive: the (name, kind) votes its
 *     learning added, each with the words of the name;
 *   - every word the article could name a name with: the folded hash
 *     of each word, and of each run of initials read as one ("U.S.");
 *   - the records the rules' run sent back for it (tags, links).
 *
 * The archive's votes are the sum of every article's. A new run sums
 * them anew (learning only the articles it has no record of), compares
 * them with the sum of the last run's records, and replays a record
 * only when no name whose votes changed can be made of the article's
 * words: such an article asks the archive nothing that changed, so its
 * run would send back what it did. Every other article runs. The words
 * over-approximate the names (a name's words all present, nearby or
 * not), which costs a run, never a wrong replay.
 *
 * The file is rewritten after a run without a rule error, and removed
 * after one with an error (errors and runaway rules are not replayed).
 * Every number in it is a native 32-bit word, so that it is read in
 * place, and it ends with the hash of the rest: a damaged file is
 * dropped whole.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xxhash.h>

#include "rules/rules_int.h"
#include "rules/tagger_int.h"
#include "core/map.h"
#include "core/progress.h"
#include "core/xalloc.h"

#define MAGIC		"morgue-rules 2\n"	/* 16 bytes with its NUL */
#define MAGIC_WORDS	4
#define KEY_WORDS	4			/* an XXH128 */
/* Longer names are hashed by their first bytes (tagger_span_key()). */
#define SPAN_MAX	256

/* One vote an article's learning added: key, kind, times; and the words
 * of the name (NULL, nw UINT32_MAX: not known). */
struct contrib {
	uint64_t	 key;
	uint32_t	 kind;
	uint32_t	 count;
	uint32_t	 nw;
	const uint32_t	*w;
};

/* What the cache knows of one article; arrays borrowed from the old
 * file, the arena or the run's capture. */
struct entry {
	XXH128_hash_t	 key;
	struct contrib	*c;
	size_t		 nc;
	/* The low 16 bits of each word's hash, sorted, no repeats: a
	 * collision costs a run, and the file stays small. */
	const uint16_t	*words;
	size_t		 nwords;
	const char	*res;		/* the run's records */
	size_t		 reslen;
	int		 fresh;		/* not in the old file */
};

/*
 * Where the entries' arrays live for one run: chunks of a mebibyte or
 * more, all freed at its end. Tens of small arrays an article, made
 * between the tags the rules add, would leave the heap in holes that
 * the big pages of the later stages cannot use; chunks this size are
 * the allocator's own maps, given back whole.
 */
#define CHUNK	(1024 * 1024)

struct arena {
	char	**chunk;
	size_t	  n;
	size_t	  used;		/* in the last chunk */
	size_t	  cap;		/* of the last chunk */
};

/* size bytes, 8-aligned and zeroed, valid until arena_dispose(). */
static void *
arena_get(struct arena *a, size_t size)
{
	char *p;

	size = (size + 7) & ~(size_t)7;
	if (a->n == 0 || a->cap - a->used < size) {
		a->chunk = xgrow(a->chunk, a->n, sizeof(*a->chunk));
		a->cap = size > CHUNK ? size : CHUNK;
		a->chunk[a->n++] = xmalloc(a->cap);
		a->used = 0;
	}
	p = a->chunk[a->n - 1] + a->used;
	a->used += size;
	memset(p, 0, size);
	return p;
}

static void
arena_dispose(struct arena *a)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		free(a->chunk[i]);
	free(a->chunk);
	memset(a, 0, sizeof(*a));
}

/* The votes of the archive: key -> index into v and names. */
struct lex {
	struct map64	 m;
	uint32_t	(*v)[TAGGER_MAXK];
	const struct contrib **names;	/* one that names the key */
	size_t		 n;
};

/* {==== reading and writing the file */

struct rd {
	const uint32_t	*p;
	size_t		 n;	/* words left */
	int		 bad;
};

static const uint32_t *
take(struct rd *r, size_t n)
{
	const uint32_t *p = r->p;

	if (r->bad || n > r->n) {
		r->bad = 1;
		return NULL;
	}
	r->p += n;
	r->n -= n;
	return p;
}

static uint32_t
take1(struct rd *r)
{
	const uint32_t *p = take(r, 1);

	return p != NULL ? *p : 0;
}

/* Decodes one record into e (borrowing from the file). */
static int
read_entry(struct rd *r, struct arena *ar, struct entry *e)
{
	const uint32_t *p;
	uint32_t nc, i, len;

	memset(e, 0, sizeof(*e));
	if ((p = take(r, KEY_WORDS)) == NULL)
		return -1;
	memcpy(&e->key, p, sizeof(e->key));
	nc = take1(r);
	if (r->bad || nc > r->n / 5)
		return -1;
	e->c = arena_get(ar, (nc + 1) * sizeof(*e->c));
	for (i = 0; i < nc && !r->bad; i++) {
		if ((p = take(r, 5)) == NULL)
			break;
		e->c[i].key = (uint64_t)p[0] | (uint64_t)p[1] << 32;
		e->c[i].kind = p[2];
		e->c[i].count = p[3];
		e->c[i].nw = p[4];
		if (p[4] != UINT32_MAX)
			e->c[i].w = take(r, p[4]);
	}
	e->nc = nc;
	e->nwords = take1(r);
	/* In size_t: a length near 2^32 read from a damaged file must
	 * not wrap to a short take. */
	e->words = (const uint16_t *)(const void *)take(r,
	    ((size_t)e->nwords + 1) / 2);
	len = take1(r);
	if ((p = take(r, ((size_t)len + 3) / 4)) != NULL) {
		e->res = (const char *)p;
		e->reslen = len;
	}
	return r->bad ? -1 : 0;
}

static int
cmp_entry(const void *x, const void *y)
{
	const struct entry *a = x, *b = y;

	if (a->key.high64 != b->key.high64)
		return a->key.high64 < b->key.high64 ? -1 : 1;
	if (a->key.low64 != b->key.low64)
		return a->key.low64 < b->key.low64 ? -1 : 1;
	return 0;
}

static uint32_t
get_word(const char *p, size_t off)
{
	uint32_t v;

	memcpy(&v, p + off, sizeof(v));
	return v;
}

/* The old file's entries, sorted by key, in *out (its words in *data;
 * free both). Nothing (0 entries) for a missing, damaged or foreign
 * file. */
static size_t
read_file(struct entry **out, uint32_t **data, struct arena *ar,
    const char *file, XXH128_hash_t env)
{
	struct buf b = BUF_INIT;
	struct entry *v = NULL;
	struct rd r;
	size_t n = 0, cap, len;
	uint32_t *words;
	int fd;

	*out = NULL;
	*data = NULL;
	if ((fd = open(file, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	if (buf_read_fd(&b, fd, SIZE_MAX) != 0 || b.len % 4 != 0 ||
	    b.len < 4 * (MAGIC_WORDS + KEY_WORDS + 3) ||
	    memcmp(b.data, MAGIC, sizeof(MAGIC)) != 0 ||
	    memcmp(b.data + 16, &env, sizeof(env)) != 0) {
		close(fd);
		buf_dispose(&b);
		return 0;
	}
	close(fd);
	/* Words, aligned: the buffer's bytes are malloc's. */
	/* The last two words hash all the others: a file damaged on disk
	 * is dropped whole, never half trusted. */
	len = b.len - 8;
	if (XXH3_64bits(b.data, len) != ((uint64_t)get_word(b.data, len) |
	    (uint64_t)get_word(b.data, len + 4) << 32)) {
		buf_dispose(&b);
		return 0;
	}
	words = (uint32_t *)(void *)buf_detach(&b);
	r.p = words + MAGIC_WORDS + KEY_WORDS;
	r.n = len / 4 - MAGIC_WORDS - KEY_WORDS;
	r.bad = 0;
	cap = take1(&r);
	if (cap > r.n / 4)
		r.bad = 1;
	v = xcalloc(r.bad ? 1 : cap + 1, sizeof(*v));
	for (n = 0; !r.bad && n < cap; n++)
		if (read_entry(&r, ar, &v[n]) < 0)
			break;
	if (r.bad || r.n != 0) {
		free(v);
		free(words);
		return 0;
	}
	sort_array(v, n, sizeof(*v), cmp_entry);
	*out = v;
	*data = words;
	return n;
}

static void
put1(struct buf *b, uint32_t v)
{
	buf_put(b, (const char *)&v, sizeof(v));
}

static void
put_entry(struct buf *b, const struct entry *e)
{
	static const char pad[4];
	size_t i;

	buf_put(b, (const char *)&e->key, sizeof(e->key));
	put1(b, (uint32_t)e->nc);
	for (i = 0; i < e->nc; i++) {
		put1(b, (uint32_t)e->c[i].key);
		put1(b, (uint32_t)(e->c[i].key >> 32));
		put1(b, e->c[i].kind);
		put1(b, e->c[i].count);
		put1(b, e->c[i].w != NULL ? e->c[i].nw : UINT32_MAX);
		if (e->c[i].w != NULL)
			buf_put(b, (const char *)e->c[i].w,
			    e->c[i].nw * sizeof(uint32_t));
	}
	put1(b, (uint32_t)e->nwords);
	buf_put(b, (const char *)e->words, e->nwords * sizeof(uint16_t));
	buf_put(b, pad, e->nwords % 2 * sizeof(uint16_t));
	put1(b, (uint32_t)e->reslen);
	buf_put(b, e->res, e->reslen);
	buf_put(b, pad, (4 - e->reslen % 4) % 4);
}

/* Writes the n entries as the new file, beside it and then renamed;
 * one entry at a time, since the whole would be as big as the file. */
static int
write_file(const char *file, XXH128_hash_t env, const struct entry *v,
    size_t n)
{
	struct buf b = BUF_INIT, tmp = BUF_INIT;
	XXH3_state_t *st = XXH3_createState();
	uint64_t sum;
	size_t i;
	FILE *f;
	int rc = -1, bad = 0;

	buf_printf(&tmp, "%s.tmp-%ld", file, (long)getpid());
	if (st == NULL || (f = fopen(tmp.data, "wb")) == NULL)
		goto out;
	XXH3_64bits_reset(st);
	buf_put(&b, MAGIC, sizeof(MAGIC));
	buf_put(&b, (const char *)&env, sizeof(env));
	put1(&b, (uint32_t)n);
	for (i = 0; i <= n && !bad; i++) {
		if (i < n)
			put_entry(&b, &v[i]);
		if (b.len >= 65536 || i == n) {
			XXH3_64bits_update(st, b.data, b.len);
			if (i == n) {
				sum = XXH3_64bits_digest(st);
				put1(&b, (uint32_t)sum);
				put1(&b, (uint32_t)(sum >> 32));
			}
			bad = fwrite(b.data, 1, b.len, f) != b.len;
			buf_reset(&b);
		}
	}
	if (fclose(f) == 0 && !bad)
		rc = rename(tmp.data, file);
	if (rc < 0)
		unlink(tmp.data);
out:
	XXH3_freeState(st);
	buf_dispose(&b);
	buf_dispose(&tmp);
	return rc;
}

/* }==== */

/* {==== what one article teaches the archive, and its words */

static int
cmp_contrib(const void *x, const void *y)
{
	const struct contrib *a = x, *b = y;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->kind < b->kind ? -1 : a->kind > b->kind;
}

/*
 * The tagger numbers its kinds in the order the rules declared them,
 * which varies from run to run; the file numbers them by name. rank[k]
 * is kind k's place among the kinds sorted by name, kind[] the inverse.
 * Returns -1 when the recogniser has more kinds than it votes for.
 */
struct kinds {
	uint32_t	rank[TAGGER_MAXK];
	uint32_t	kind[TAGGER_MAXK];
};

static int
kinds_of(struct kinds *out, const struct tagger *t)
{
	size_t n = t->skinds.n, i, j;
	uint32_t r;

	if (n > TAGGER_MAXK)
		return -1;
	for (i = 0; i < n; i++) {
		for (j = 0, r = 0; j < n; j++)
			r += strcmp(t->skinds.v[j], t->skinds.v[i]) < 0;
		out->rank[i] = r;
		out->kind[r] = (uint32_t)i;
	}
	return 0;
}

/* Learns what the tagger read in an article (seen) into an empty
 * lexicon of t, then hands the votes to e and puts t's own lexicon
 * back. */
static void
learn(struct tagger *t, const struct kinds *ks, struct arena *ar,
    struct entry *e, const struct tagger_seen *seen)
{
	struct map64 saved = t->lex;
	unsigned (*savedv)[TAGGER_MAXK] = t->lexv;
	size_t savedn = t->nlex, i, n = 0;
	uint32_t k, idx;

	memset(&t->lex, 0, sizeof(t->lex));
	t->lexv = NULL;
	t->nlex = 0;
	tagger_learn_seen(t, seen);
	for (i = 0; i < t->lex.cap; i++)
		for (k = 0; k < TAGGER_MAXK && t->lex.key[i] != 0; k++)
			n += t->lexv[t->lex.val[i]][k] > 0;
	e->c = arena_get(ar, (n + 1) * sizeof(*e->c));
	for (i = 0; i < t->lex.cap; i++) {
		if (t->lex.key[i] == 0)
			continue;
		idx = t->lex.val[i];
		for (k = 0; k < TAGGER_MAXK; k++) {
			if (t->lexv[idx][k] == 0)
				continue;
			e->c[e->nc].key = t->lex.key[i];
			e->c[e->nc].kind = ks->rank[k];
			e->c[e->nc].count = t->lexv[idx][k];
			e->c[e->nc].nw = UINT32_MAX;
			e->nc++;
		}
	}
	sort_array(e->c, e->nc, sizeof(*e->c), cmp_contrib);
	map64_dispose(&t->lex);
	free(t->lexv);
	t->lex = saved;
	t->lexv = savedv;
	t->nlex = savedn;
}

/*
 * The key of tokens s..e as tagger_span_key() makes it, and with w not
 * NULL the hashes of the words it is made of in w (at most e - s + 1;
 * *nw of them): the tokens it took, or with dotted the one word their
 * letters make.
 */
static uint64_t
span(const struct toks *tk, size_t s, size_t e, int dotted, uint32_t *w,
    uint32_t *nw)
{
	char b[SPAN_MAX];
	size_t len = 0, i;
	const struct tok *k;

	*nw = 0;
	for (i = s; i <= e; i++) {
		k = &tk->v[i];
		if (len + k->flen + 1 >= sizeof(b))
			break;
		if (i > s && !dotted)
			b[len++] = ' ';
		memcpy(b + len, tagger_tfold(tk, k), k->flen);
		len += k->flen;
		if (!dotted && w != NULL)
			w[(*nw)++] = (uint32_t)tagger_hash(tagger_tfold(tk, k),
			    k->flen);
	}
	if (dotted && i > s && w != NULL)
		w[(*nw)++] = (uint32_t)tagger_hash(b, len);
	return tagger_hash(b, len);
}

/* The contribution of e with key and no words yet, or NULL. */
static struct contrib *
unnamed(struct entry *e, uint64_t key)
{
	size_t lo = 0, hi = e->nc, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (e->c[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < e->nc && e->c[lo].key == key; lo++)
		if (e->c[lo].w == NULL)
			return &e->c[lo];
	return NULL;
}

/* Gives c (and its other kinds) the words w[0..nw). */
static void
name_it(struct arena *ar, struct entry *e, struct contrib *c,
    const uint32_t *w, uint32_t nw)
{
	uint64_t key = c->key;
	uint32_t *copy = arena_get(ar, (nw + 1) * sizeof(*copy));

	memcpy(copy, w, nw * sizeof(*w));
	for (; c < e->c + e->nc && c->key == key; c++) {
		c->w = copy;
		c->nw = nw;
	}
}

static int
cmp_u16(const void *x, const void *y)
{
	uint16_t a = *(const uint16_t *)x, b = *(const uint16_t *)y;

	return a < b ? -1 : a > b;
}

/* A filter of the keys of e's contributions: a bit each of 256, by
 * the key's second byte. Most spans of an article name none, and the
 * filter says so before a search. */
struct keys_filter {
	uint64_t	bits[4];
};

static void
filter_of(struct keys_filter *f, const struct entry *e)
{
	size_t i;
	unsigned b;

	memset(f, 0, sizeof(*f));
	for (i = 0; i < e->nc; i++) {
		b = (unsigned)(e->c[i].key >> 8) & 255;
		f->bits[b / 64] |= 1ull << (b % 64);
	}
}

static int
filter_may(const struct keys_filter *f, uint64_t key)
{
	unsigned b = (unsigned)(key >> 8) & 255;

	return (f->bits[b / 64] >> (b % 64)) & 1;
}

/* The key of span s..e as span() makes it; when a contribution of e
 * has it, gives the contribution its words. A lone word's key is its
 * hash, which the scan may have made already. Inline: it runs for
 * every word of the article. */
static inline uint64_t
span_name(struct arena *ar, struct entry *e, const struct keys_filter *f,
    const struct toks *tk, size_t s, size_t end, int dotted, uint32_t *w)
{
	struct contrib *c;
	uint64_t key;
	uint32_t nw;

	if (s == end && !dotted && tk->v[s].flen + 1 < SPAN_MAX)
		key = tagger_tokhash(tk, &tk->v[s]);
	else
		key = span(tk, s, end, dotted, NULL, &nw);
	if (filter_may(f, key) && (c = unnamed(e, key)) != NULL) {
		(void)span(tk, s, end, dotted, w, &nw);
		name_it(ar, e, c, w, nw);
	}
	return key;
}

/* Marks word k in the set of an article's words (a bit each of the
 * 65536 values of a word's low 16 bits), counting the marks in *n. */
#define WORDS_BITS	65536
static void
words_mark(uint64_t *set, uint16_t k, size_t *n)
{
	set[k / 64] |= 1ull << (k % 64);
	(*n)++;
}

/*
 * The words of the article (e->words) and of the names it taught (each
 * contribution's words): every span of at most max tokens inside one
 * text is tried, as the recogniser's names are such spans. tk holds the
 * words of the article's texts, text x from token tstart[x] on.
 */
static void
words(const struct tagger *t, struct arena *ar, struct entry *e,
    const struct toks *tk, const size_t *tstart, size_t ntexts,
    uint64_t *set)
{
	size_t max = t->names_max > 0 ? t->names_max : 1;
	size_t x, s, end, lo, hi, n = 0, i;
	uint32_t *w = xcalloc(max + 1, sizeof(*w));
	uint64_t bits;
	uint16_t *all;
	uint64_t key;
	struct keys_filter f;

	filter_of(&f, e);
	for (x = 0; x < ntexts; x++) {
		lo = tstart[x];
		hi = tstart[x + 1];
		for (s = lo; s < hi; s++)
			for (end = s; end < hi && end - s < max; end++) {
				/* A name of several words starts with a
				 * capital or after one (a title dropped
				 * before "van"), and ends with one. One
				 * that does not is only unnamed: its change
				 * re-runs every article. */
				if (end > s && !(tk->v[s].flags & T_UPPER) &&
				    !(s > lo && (tk->v[s - 1].flags & T_UPPER)))
					break;
				if (end > s && !(tk->v[end].flags & T_UPPER))
					continue;
				key = span_name(ar, e, &f, tk, s, end, 0, w);
				if (end == s)
					words_mark(set, (uint16_t)key, &n);
				if (end == s || !tagger_dotted(tk, s, end))
					continue;
				key = span_name(ar, e, &f, tk, s, end, 1, w);
				words_mark(set, (uint16_t)key, &n);
			}
	}
	/* The set's values, in order: sorted, with no repeats (room for
	 * as many as were marked). */
	all = arena_get(ar, (n + 1) * sizeof(*all));
	for (i = 0, n = 0; i < WORDS_BITS / 64; i++) {
		for (bits = set[i]; bits != 0; bits &= bits - 1)
			all[n++] = (uint16_t)(i * 64 +
			    (size_t)__builtin_ctzll(bits));
		set[i] = 0;	/* empty for the next article */
	}
	e->words = all;
	e->nwords = n;
	free(w);
}

/* }==== */

/* {==== the archive's votes, before and after */

static void
lex_sum(struct lex *l, const struct entry *e)
{
	uint32_t *v;
	size_t i;
	int added;

	for (i = 0; i < e->nc; i++) {
		v = map64_put(&l->m, e->c[i].key, &added);
		if (added) {
			l->v = xgrow(l->v, l->n, sizeof(*l->v));
			l->names = xgrow(l->names, l->n, sizeof(*l->names));
			memset(l->v[l->n], 0, sizeof(l->v[0]));
			l->names[l->n] = NULL;
			*v = (uint32_t)l->n++;
		}
		if (e->c[i].kind < TAGGER_MAXK)
			l->v[*v][e->c[i].kind] += e->c[i].count;
		if (l->names[*v] == NULL && e->c[i].w != NULL)
			l->names[*v] = &e->c[i];
	}
}

static void
lex_dispose(struct lex *l)
{
	map64_dispose(&l->m);
	free(l->v);
	free(l->names);
}

/* Makes l the tagger's archive-wide lexicon (as tagger_learn() over
 * every article would have). */
static void
lex_install(struct tagger *t, const struct kinds *ks, const struct lex *l)
{
	size_t i, k;

	map64_dispose(&t->lex);
	free(t->lexv);
	memset(&t->lex, 0, sizeof(t->lex));
	t->lexv = xcalloc(l->n + 1, sizeof(*t->lexv));
	t->nlex = l->n;
	for (i = 0; i < l->m.cap; i++)
		if (l->m.key[i] != 0) {
			tagger_hmap_put(&t->lex, l->m.key[i], l->m.val[i]);
			for (k = 0; k < t->skinds.n; k++)
				t->lexv[l->m.val[i]][ks->kind[k]] =
				    l->v[l->m.val[i]][k];
		}
}

/* The names whose votes differ between a and b (each once). */
static size_t
lex_changed(const struct contrib ***out, const struct lex *a,
    const struct lex *b, int *unknown)
{
	const struct contrib **v = NULL;
	const uint32_t *o;
	size_t n = 0, i, pass;
	const struct lex *x, *y;

	for (pass = 0; pass < 2; pass++) {
		x = pass == 0 ? a : b;
		y = pass == 0 ? b : a;
		for (i = 0; i < x->m.cap; i++) {
			if (x->m.key[i] == 0)
				continue;
			o = map64_get(&y->m, x->m.key[i]);
			if (o != NULL && (pass == 1 || memcmp(x->v[x->m.val[i]],
			    y->v[*o], sizeof(x->v[0])) == 0))
				continue;
			if (x->names[x->m.val[i]] == NULL &&
			    (o == NULL || y->names[*o] == NULL)) {
				*unknown = 1;
				continue;
			}
			v = xgrow(v, n, sizeof(*v));
			v[n++] = x->names[x->m.val[i]] != NULL ?
			    x->names[x->m.val[i]] : y->names[*o];
		}
	}
	*out = v;
	return n;
}

static int
has_word(const struct entry *e, uint32_t w)
{
	uint16_t low = (uint16_t)w;

	return bsearch(&low, e->words, e->nwords, sizeof(low), cmp_u16) !=
	    NULL;
}

/* Whether the article of e could name one of the changed names. */
static int
asks(const struct entry *e, const struct contrib *const *changed, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < changed[i]->nw; j++)
			if (!has_word(e, changed[i]->w[j]))
				break;
		if (j == changed[i]->nw)
			return 1;
	}
	return 0;
}

/* }==== */

/* {==== the run */

/* env and what the rules are made of: each file's name and bytes. */
static XXH128_hash_t
env_of(const struct rules *r, XXH128_hash_t env)
{
	XXH3_state_t *st = XXH3_createState();
	struct buf src = BUF_INIT;
	XXH128_hash_t h = { 0, 0 };
	const char *why;
	uint64_t kinds = 0;
	size_t i, k;

	if (st == NULL)
		return h;
	XXH3_128bits_reset(st);
	XXH3_128bits_update(st, MAGIC, sizeof(MAGIC));
	XXH3_128bits_update(st, &env, sizeof(env));
	for (i = 0; i < r->files.n; i++) {
		buf_reset(&src);
		if (rules_read_rule(r->root, r->files.v[i], &src, &why) < 0)
			break;
		XXH3_128bits_update(st, r->files.v[i],
		    strlen(r->files.v[i]) + 1);
		XXH3_128bits_update(st, &src.len, sizeof(src.len));
		XXH3_128bits_update(st, src.data, src.len);
	}
	/* The kinds the file's votes are numbered by (kinds_of()), in
	 * any order. */
	for (k = 0; k < r->tagger->skinds.n; k++)
		kinds += XXH3_64bits(r->tagger->skinds.v[k],
		    strlen(r->tagger->skinds.v[k]));
	XXH3_128bits_update(st, &kinds, sizeof(kinds));
	/* A file that cannot be read now: no cache is to be trusted. */
	if (i == r->files.n)
		h = XXH3_128bits_digest(st);
	XXH3_freeState(st);
	buf_dispose(&src);
	return h;
}

/* Whether the records of a run (as capture() in rules.c keeps them)
 * are whole: a damaged file is never half replayed. */
static int
whole(const char *p, size_t len)
{
	const char *end = p + len;
	uint32_t flen;
	size_t nf, i;

	while (p < end) {
		if (*p != REC_TAG && *p != REC_MENTION)
			return 0;
		nf = *p++ == REC_TAG ? 3 : 4;
		for (i = 0; i < nf; i++) {
			if ((size_t)(end - p) < sizeof(flen))
				return 0;
			memcpy(&flen, p, sizeof(flen));
			p += sizeof(flen);
			if ((size_t)(end - p) < flen ||
			    memchr(p, '\0', flen) != NULL)
				return 0;
			p += flen;
		}
	}
	return 1;
}

/* Replays the whole records of a run on a. */
static void
replay(struct article *a, const char *p, size_t len)
{
	const char *end = p + len;
	char *f[4];
	uint32_t flen;
	size_t nf, i;
	int type;

	while (p < end) {
		type = *p++;
		nf = type == REC_TAG ? 3 : 4;
		for (i = 0; i < nf; i++) {
			memcpy(&flen, p, sizeof(flen));
			p += sizeof(flen);
			f[i] = xstrndup(p, flen);
			p += flen;
		}
		rules_apply(a, type, nf, f);
		for (i = 0; i < nf; i++)
			free(f[i]);
	}
}

/* Fills e for article a, whose record the cache lacks; returns what
 * the tagger read in it, for its run (NULL: the run reads it). The
 * article's words are split once, for all three. set: an empty set of
 * WORDS_BITS bits, for words(), which leaves it empty. */
static struct tagger_seen *
fresh_entry(struct tagger *t, const struct kinds *ks, struct arena *ar,
    struct entry *e, XXH128_hash_t key, const struct article *a,
    uint64_t *set)
{
	struct toks tk;
	struct tagger_seen *seen = NULL;
	const char **texts;
	size_t n = rules_texts_of(a, &texts), *tstart;

	memset(e, 0, sizeof(*e));
	e->key = key;
	e->fresh = 1;
	if (t->names_kind != NULL) {
		seen = tagger_read_words(t, texts, n, a->language, &tk,
		    &tstart);
		learn(t, ks, ar, e, seen);
		words(t, ar, e, &tk, tstart, n, set);
		free(tstart);
		free(tk.v);
		buf_dispose(&tk.fold);
	}
	free(texts);
	return seen;
}

static int
zero_key(XXH128_hash_t k)
{
	return k.low64 == 0 && k.high64 == 0;
}

/* Runs the rules on the articles of run (m of them, indices into v),
 * keeping what each one sent back in e[]. */
static int
run_some(struct rules *r, struct diag *d, struct article **v,
    const size_t *run, size_t m, struct entry *e, struct tagger_seen **seen,
    struct rules_capture *cap)
{
	struct article **sub = xcalloc(m + 1, sizeof(*sub));
	struct tagger_seen **subseen = xcalloc(m + 1, sizeof(*subseen));
	size_t i;
	int rc;

	cap->off = xcalloc(m + 1, sizeof(*cap->off));
	cap->len = xcalloc(m + 1, sizeof(*cap->len));
	for (i = 0; i < m; i++) {
		sub[i] = v[run[i]];
		subseen[i] = seen[run[i]];
	}
	r->learned = 1;
	r->capture = cap;
	r->seen = subseen;
	rc = m > 0 ? rules_run_all(r, d, sub, m) : 0;
	r->seen = NULL;
	r->capture = NULL;
	r->learned = 0;	/* the next run learns again */
	free(subseen);
	for (i = 0; i < m; i++) {
		e[run[i]].reslen = cap->len[i];
		e[run[i]].res = cap->b.data + cap->off[i];
	}
	free(sub);
	return rc;
}

int
rules_run_cached(struct rules *r, struct diag *d, struct article **v,
    size_t n, const XXH128_hash_t *keys, XXH128_hash_t env,
    const char *file, int full, size_t *ran)
{
	struct entry *old = NULL, *e = xcalloc(n + 1, sizeof(*e)), probe;
	/* What the tagger read in the fresh articles, for their run,
	 * and its bytes. */
	struct tagger_seen **seen = xcalloc(n + 1, sizeof(*seen));
	size_t kept = 0, size;
	uint64_t *set = xcalloc(WORDS_BITS / 64, sizeof(*set));
	struct lex was = { MAP64_INIT, NULL, NULL, 0 };
	struct lex now = { MAP64_INIT, NULL, NULL, 0 };
	const struct contrib **changed = NULL;
	size_t nold = 0, i, m = 0, nchanged = 0, *run;
	uint32_t *data = NULL;
	const struct entry *hit;
	struct kinds ks;
	struct arena ar = { NULL, 0, 0, 0 };
	struct rules_capture cap = { BUF_INIT, NULL, NULL, 0 };
	int unknown = 0, keyless = 0, rc;

	env = env_of(r, env);
	if (kinds_of(&ks, r->tagger) < 0) {
		/* Not worth a file: every article runs, as it would. */
		free(e);
		free(seen);
		free(set);
		*ran = n;
		(void)unlink(file);
		return rules_run_all(r, d, v, n);
	}
	full |= zero_key(env);
	if (!full)
		nold = read_file(&old, &data, &ar, file, env);
	run = xcalloc(n + 1, sizeof(*run));
	for (i = 0; i < n; i++) {
		keyless |= zero_key(keys[i]);
		probe.key = keys[i];
		hit = zero_key(keys[i]) || nold == 0 ? NULL :
		    bsearch(&probe, old, nold, sizeof(*old), cmp_entry);
		if (hit != NULL) {
			e[i] = *hit;
			e[i].c = arena_get(&ar, (hit->nc + 1) * sizeof(*e[i].c));
			memcpy(e[i].c, hit->c, hit->nc * sizeof(*e[i].c));
		} else {
			seen[i] = fresh_entry(r->tagger, &ks, &ar, &e[i],
			    keys[i], v[i], set);
			size = tagger_seen_size(seen[i]);
			if (kept + size > RULES_SEEN_MAX) {
				tagger_seen_free(seen[i]);
				seen[i] = NULL;	/* read again in the run */
			} else
				kept += size;
		}
		lex_sum(&now, &e[i]);
	}
	for (i = 0; i < nold; i++)
		lex_sum(&was, &old[i]);
	if (nold > 0)
		nchanged = lex_changed(&changed, &was, &now, &unknown);
	if (r->tagger->names_kind != NULL)
		lex_install(r->tagger, &ks, &now);
	for (i = 0; i < n; i++) {
		if (e[i].fresh || unknown || asks(&e[i], changed, nchanged) ||
		    !whole(e[i].res, e[i].reslen))
			run[m++] = i;
		else {
			replay(v[i], e[i].res, e[i].reslen);
			progress_add(d->progress, 1);
		}
	}
	rc = run_some(r, d, v, run, m, e, seen, &cap);
	for (i = 0; i < n; i++)
		tagger_seen_free(seen[i]);
	free(seen);
	free(set);
	*ran = m;
	if (rc == 0 && !r->failed && !cap.broken && !keyless &&
	    !zero_key(env))
		(void)write_file(file, env, e, n);
	else
		(void)unlink(file);
	arena_dispose(&ar);
	buf_dispose(&cap.b);
	free(cap.off);
	free(cap.len);
	free(e);
	free(old);
	free(data);
	free(run);
	free(changed);
	lex_dispose(&was);
	lex_dispose(&now);
	return rc;
}

/* }==== */

