/*
 * tagger.c: spellings and capitalised names found in one pass (tagger.h).
 *
 * Words are hashed after case folding (xxHash); a table maps the hash of
 * a spelling's first word to the chain of spellings that start with it,
 * so the cost of a scan grows with the words of the article, not with
 * the number of declared spellings.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "core/buf.h"
#include "rules/tagger_int.h"
#include "core/xalloc.h"



/* {==== declarations */

struct tagger *
tagger_new(void)
{
	struct tagger *t = xcalloc(1, sizeof(*t));

	t->names_min = 2;
	t->names_max = 4;
	t->acronyms = NONE;
	t->single = NONE;
	t->rows = NONE;
	t->placed = NONE;
	t->dateline = NONE;
	return t;
}

static uint32_t
term_get(struct tagger *t, const char *kind, const char *name,
    const char *origin)
{
	struct buf key = BUF_INIT;
	uint64_t h;
	uint32_t i;

	buf_puts(&key, kind);
	buf_putc(&key, '\0');
	buf_puts(&key, name);
	h = tagger_hash(key.data, key.len);
	buf_dispose(&key);
	if ((i = tagger_hmap_get(&t->termmap, h)) != NONE)
		return i;
	t->terms = xreallocarray(t->terms, t->nterms + 1, sizeof(*t->terms));
	t->terms[t->nterms].kind = xstrdup(kind);
	t->terms[t->nterms].name = xstrdup(name);
	t->terms[t->nterms].origin = xstrdup(origin ? origin : "");
	tagger_hmap_put(&t->termmap, h, (uint32_t)t->nterms);
	return (uint32_t)t->nterms++;
}

static void
add_plen(struct tagger *t, size_t len)
{
	size_t i;

	for (i = 0; i < t->nplens; i++)
		if (t->plens[i] == len)
			return;
	if (t->nplens < MAX_PLENS)
		t->plens[t->nplens++] = len;
}

/* The entry of a folded word of len bytes (at least 1) in starts:
 * for a stem (START_STEM), by its first two bytes, which the words
 * it starts share; for a whole word (START_WORD), by those, its last
 * and its length, so that few other words share it. */
static unsigned
start_bit(const char *fold, size_t len)
{
	return ((unsigned)(unsigned char)fold[0] << 5 ^
	    (len > 1 ? (unsigned char)fold[1] : 0)) & (START_BITS - 1);
}

static unsigned
word_bit(const char *fold, size_t len)
{
	return tagger_word_mix(fold, len) & (START_BITS - 1);
}


int
tagger_add(struct tagger *t, const char *kind, const char *name,
    const char *spelling, const char *origin)
{
	struct toks tk = { NULL, 0, 0, BUF_INIT, 0 };
	struct tagger_entry *e;
	size_t len = strlen(spelling), i;
	int prefix = 0;
	uint32_t term, old;

	if (len > 0 && spelling[len - 1] == '*') {
		prefix = 1;
		len--;
	}
	tagger_tokenize(&tk, spelling, len);
	if (tk.n == 0) {
		free(tk.v);
		buf_dispose(&tk.fold);
		return -1;
	}
	term = term_get(t, kind, name, origin);
	t->entries = xreallocarray(t->entries, t->nentries + 1,
	    sizeof(*t->entries));
	e = &t->entries[t->nentries];
	e->term = term;
	e->nwords = (unsigned)tk.n;
	e->prefix = prefix;
	e->orig = xcalloc(tk.n, sizeof(*e->orig));
	e->fold = xcalloc(tk.n, sizeof(*e->fold));
	e->flen = xcalloc(tk.n, sizeof(*e->flen));
	e->olen = xcalloc(tk.n, sizeof(*e->olen));
	e->cased = xcalloc(tk.n, 1);
	for (i = 0; i < tk.n; i++) {
		e->orig[i] = xstrndup(tk.v[i].s, tk.v[i].len);
		e->fold[i] = xstrndup(tagger_tfold(&tk, &tk.v[i]), tk.v[i].flen);
		e->flen[i] = tk.v[i].flen;
		e->olen[i] = tk.v[i].len;
		e->cased[i] = (tk.v[i].flags & T_UPPER) != 0;
	}
	if (prefix && tk.n == 1) {
		add_plen(t, tk.v[0].flen);
		if (tk.v[0].flen < 2)
			t->pall = 1;
		else
			t->starts[start_bit(tagger_tfold(&tk, &tk.v[0]),
			    tk.v[0].flen)] |= START_STEM;
	}
	t->starts[word_bit(tagger_tfold(&tk, &tk.v[0]), tk.v[0].flen)] |= START_WORD;
	old = tagger_hmap_get(&t->words, tk.v[0].h);
	e->next = old;
	tagger_hmap_put(&t->words, tk.v[0].h, (uint32_t)t->nentries);
	t->nentries++;
	free(tk.v);
	buf_dispose(&tk.fold);
	return 0;
}


void
tagger_word(struct tagger *t, enum tagger_list list, const char *word)
{
	tagger_hmap_put(&t->lists[list], tagger_fold_hash(word), 1);
}

void
tagger_suffix(struct tagger *t, const char *word, const char *kind)
{
	long i = strv_find(&t->skinds, kind);

	if (i < 0) {
		strv_push(&t->skinds, kind);
		i = (long)t->skinds.n - 1;
	}
	tagger_hmap_put(&t->suffixes, tagger_fold_hash(word), (uint32_t)i);
}

void
tagger_names(struct tagger *t, const char *kind, const char *origin,
    unsigned min_words, unsigned max_words)
{
	free(t->names_kind);
	free(t->names_origin);
	t->names_kind = kind ? xstrdup(kind) : NULL;
	if (kind != NULL && strv_find(&t->skinds, kind) < 0)
		strv_push(&t->skinds, kind);
	t->names_origin = xstrdup(origin ? origin : "");
	t->names_min = min_words ? min_words : 1;
	t->names_max = max_words >= t->names_min ? max_words : t->names_min;
}

void
tagger_free(struct tagger *t)
{
	size_t i, j;

	if (t == NULL)
		return;
	for (i = 0; i < t->nterms; i++) {
		free(t->terms[i].kind);
		free(t->terms[i].name);
		free(t->terms[i].origin);
	}
	free(t->terms);
	for (i = 0; i < t->nentries; i++) {
		for (j = 0; j < t->entries[i].nwords; j++) {
			free(t->entries[i].orig[j]);
			free(t->entries[i].fold[j]);
		}
		free(t->entries[i].orig);
		free(t->entries[i].fold);
		free(t->entries[i].flen);
		free(t->entries[i].olen);
		free(t->entries[i].cased);
	}
	free(t->entries);
	map64_dispose(&t->termmap);
	map64_dispose(&t->words);
	for (i = 0; i < TAGGER_NLISTS; i++)
		map64_dispose(&t->lists[i]);
	map64_dispose(&t->suffixes);
	tagger_names_free(t);
	strv_dispose(&t->skinds);
	free(t->names_kind);
	free(t->names_origin);
	free(t);
}

/* }==== */

/* {==== scanning */


/* Does word w of e match token t? */
static int
word_matches(const struct toks *tk, const struct tagger_entry *e, unsigned w,
    const struct tok *t)
{
	size_t flen = e->flen[w], olen;
	int pre = e->prefix && w == e->nwords - 1;

	if (pre ? t->flen < flen : t->flen != flen)
		return 0;
	if (memcmp(tagger_tfold(tk, t), e->fold[w], flen) != 0)
		return 0;
	if (!e->cased[w] || !(t->flags & T_LOWER))
		return 1;	/* any case, or the token is in capitals */
	olen = e->olen[w];
	return (pre ? t->len >= olen : t->len == olen) &&
	    memcmp(t->s, e->orig[w], olen) == 0;
}

static int
entry_matches(const struct toks *tk, const struct tagger_entry *e, size_t i)
{
	unsigned w;

	if (i + e->nwords > tk->n)
		return 0;
	/* The breaks and the lengths first: most spellings that share
	 * a first word ("the Kremlin", "the Ukraine") fail there. */
	for (w = 1; w < e->nwords; w++)
		if ((tk->v[i + w].flags & T_HARD) || (w < e->nwords - 1 ||
		    !e->prefix ? tk->v[i + w].flen != e->flen[w] :
		    tk->v[i + w].flen < e->flen[w]))
			return 0;
	for (w = 0; w < e->nwords; w++)
		if (!word_matches(tk, e, w, &tk->v[i + w]))
			return 0;
	return 1;
}

/* What token k may start: START_WORD, START_STEM, both or 0 (most
 * words). Inline: it is asked of every word of every article. */
static inline unsigned
may_start(const struct tagger *t, const struct toks *tk,
    const struct tok *k)
{
	const char *f = tagger_tfold(tk, k);

	return (t->starts[word_bit(f, k->flen)] & START_WORD) |
	    (t->starts[start_bit(f, k->flen)] & START_STEM) |
	    (t->pall ? START_STEM : 0);
}

/* The longest spelling that starts at token i, which may start st
 * (may_start()), or NULL. */
static const struct tagger_entry *
longest_from(const struct tagger *t, const struct toks *tk, size_t i,
    unsigned st)
{
	const struct tagger_entry *best = NULL, *e;
	const struct tok *k = &tk->v[i];
	const char *f = tagger_tfold(tk, k);
	uint32_t j = NONE;
	size_t p;

	if (!(st & START_WORD))
		goto prefixes;
	for (j = tagger_hmap_get(&t->words, tagger_tokhash(tk, k)); j != NONE;
	    j = e->next) {
		e = &t->entries[j];
		if ((best == NULL || e->nwords > best->nwords) &&
		    entry_matches(tk, e, i))
			best = e;
	}
prefixes:
	if (best != NULL || !(st & START_STEM) || k->flen < 2)
		return best;
	for (p = 0; p < t->nplens; p++) {
		if (t->plens[p] >= k->flen)
			continue;
		j = tagger_hmap_get(&t->words, tagger_hash(f, t->plens[p]));
		for (; j != NONE; j = e->next) {
			e = &t->entries[j];
			if (e->prefix && e->nwords == 1 &&
			    entry_matches(tk, e, i))
				return e;
		}
	}
	return NULL;
}

/* The longest spelling that starts at token i, or NULL. */
static inline const struct tagger_entry *
longest(const struct tagger *t, const struct toks *tk, size_t i)
{
	unsigned st = may_start(t, tk, &tk->v[i]);

	return st == 0 ? NULL : longest_from(t, tk, i, st);
}

struct tagger_seen {
	struct tagger_result		 spelled;	/* the spellings' hits */
	struct tagger_names_found	*names;		/* NULL: none looked for */
};

/* tagger_read(); with tk not NULL, hands over the words split in *tk
 * and where each text's start in *tstart (ntexts + 1 entries). */
static struct tagger_seen *
read_texts(const struct tagger *t, const char *const *texts, size_t ntexts,
    const char *language, struct toks *keep, size_t **keep_tstart)
{
	/* German capitalises its nouns: capitals say nothing there. */
	int names = t->names_kind != NULL && !(language != NULL &&
	    t->lists[TAGGER_NOUNS].cap != 0 &&
	    tagger_hmap_get(&t->lists[TAGGER_NOUNS],
	    tagger_fold_hash(language)) != NONE);
	struct tagger_seen *seen = xcalloc(1, sizeof(*seen));
	struct toks tk = { NULL, 0, 0, BUF_INIT, 1 };
	const struct tagger_entry *e;
	struct tagger_hit *h;
	const struct tagger_term *term;
	char *covered;
	size_t i, j, total = 0, *lens, *tstart;
	int fresh;

	/* Room for the words of most texts (news runs at about one word
	 * in six bytes; a quarter of the bytes leaves a margin): the
	 * tokenizer grows it for the others. Room for
	 * all that a text could hold (one word in two bytes) costs more
	 * memory to touch than the words themselves. */
	lens = xcalloc(ntexts + 1, sizeof(*lens));
	tstart = xcalloc(ntexts + 1, sizeof(*tstart));
	for (i = 0; i < ntexts; i++)
		total += lens[i] = texts[i] != NULL ? strlen(texts[i]) : 0;
	tk.cap = total / 4 + ntexts + 16;
	tk.v = xreallocarray(NULL, tk.cap, sizeof(*tk.v));
	buf_grow(&tk.fold, total + 1);
	for (i = 0; i < ntexts; i++) {
		tstart[i] = tk.n;
		if (texts[i] != NULL)
			tagger_tokenize(&tk, texts[i], lens[i]);
	}
	tstart[ntexts] = tk.n;
	free(lens);
	covered = xcalloc(tk.n + 1, 1);
	for (i = 0; i < tk.n; ) {
		if ((e = longest(t, &tk, i)) == NULL) {
			i++;
			continue;
		}
		term = &t->terms[e->term];
		h = tagger_hit_get(&seen->spelled, term->kind, term->name,
		    term->origin, &fresh);
		tagger_record(h, fresh, &tk.v[i], &tk.v[i + e->nwords - 1], i,
		    ntexts > 0 && i < tstart[1]);
		for (j = 0; j < e->nwords; j++)
			covered[i + j] = 1;
		i += e->nwords;
	}
	if (names)
		seen->names = tagger_names_find(t, &tk, covered, tstart,
		    ntexts);
	free(covered);
	if (keep != NULL) {
		*keep = tk;
		*keep_tstart = tstart;
	} else {
		free(tstart);
		free(tk.v);
		buf_dispose(&tk.fold);
	}
	return seen;
}

struct tagger_seen *
tagger_read(const struct tagger *t, const char *const *texts, size_t ntexts,
    const char *language)
{
	return read_texts(t, texts, ntexts, language, NULL, NULL);
}

struct tagger_seen *
tagger_read_words(const struct tagger *t, const char *const *texts,
    size_t ntexts, const char *language, struct toks *tk, size_t **tstart)
{
	return read_texts(t, texts, ntexts, language, tk, tstart);
}

void
tagger_learn_seen(struct tagger *t, const struct tagger_seen *seen)
{
	if (seen->names != NULL)
		tagger_names_learn(t, seen->names);
}

void
tagger_scan_seen(const struct tagger *t, struct tagger_result *out,
    struct tagger_seen *seen)
{
	const struct tagger_hit *s;
	struct tagger_hit *h;
	size_t i;
	int fresh;

	/* The spellings' hits, as recording each occurrence in out would
	 * have made them: an empty out takes them over as they are (one
	 * hit a tag; seen is used up), a full one merges them. */
	if (out->n == 0) {
		free(out->v);
		*out = seen->spelled;
		memset(&seen->spelled, 0, sizeof(seen->spelled));
	}
	for (i = 0; i < seen->spelled.n; i++) {
		s = &seen->spelled.v[i];
		h = tagger_hit_get(out, s->kind, s->name, s->origin, &fresh);
		if (fresh) {
			*h = *s;
			continue;
		}
		if (h->in_title && !s->in_title) {
			h->surface = s->surface;
			h->surface_len = s->surface_len;
			h->in_title = 0;
		}
		h->count += s->count;
	}
	if (seen->names != NULL)
		tagger_names_scan(t, out, seen->names);
}

size_t
tagger_seen_size(const struct tagger_seen *seen)
{
	return seen == NULL ? 0 : sizeof(*seen) + seen->spelled.cap *
	    sizeof(*seen->spelled.v) + tagger_names_found_size(seen->names);
}

void
tagger_seen_free(struct tagger_seen *seen)
{
	if (seen == NULL)
		return;
	tagger_result_dispose(&seen->spelled);
	tagger_names_found_free(seen->names);
	free(seen);
}

void
tagger_scan(const struct tagger *t, struct tagger_result *out,
    const char *const *texts, size_t ntexts)
{
	tagger_scan_words(t, out, texts, ntexts, NULL, NULL);
}

void
tagger_scan_words(const struct tagger *t, struct tagger_result *out,
    const char *const *texts, size_t ntexts, const char *language,
    struct tagger_text **words)
{
	struct tagger_seen *seen;
	struct toks tk;
	size_t *tstart;

	if (words == NULL)
		seen = tagger_read(t, texts, ntexts, language);
	else {
		seen = tagger_read_words(t, texts, ntexts, language, &tk,
		    &tstart);
		free(tstart);
		*words = tagger_text_adopt(&tk);
	}
	tagger_scan_seen(t, out, seen);
	tagger_seen_free(seen);
}

void
tagger_learn(struct tagger *t, const char *const *texts, size_t ntexts)
{
	tagger_learn_lang(t, texts, ntexts, NULL);
}

void
tagger_learn_lang(struct tagger *t, const char *const *texts, size_t ntexts,
    const char *language)
{
	struct tagger_seen *seen = tagger_read(t, texts, ntexts, language);

	tagger_learn_seen(t, seen);
	tagger_seen_free(seen);
}

/* Capitals after a letter made small: "ST. LOUIS" is "St. Louis". */
static void
title_case(struct buf *out, const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;
	utf8proc_uint8_t enc[4];
	int after_letter = 0, letter;

	while (*p != '\0') {
		if ((k = utf8proc_iterate(p, -1, &cp)) <= 0) {
			p++;
			continue;
		}
		letter = utf8proc_category(cp) >= UTF8PROC_CATEGORY_LU &&
		    utf8proc_category(cp) <= UTF8PROC_CATEGORY_LO;
		if (after_letter && letter)
			cp = utf8proc_tolower(cp);
		buf_put(out, (const char *)enc,
		    (size_t)utf8proc_encode_char(cp, enc));
		after_letter = letter;
		p += k;
	}
}

void
tagger_scan_dateline(const struct tagger *t, struct tagger_result *out,
    const char *place)
{
	struct toks tk = { NULL, 0, 0, BUF_INIT, 0 };
	struct buf name = BUF_INIT;
	const struct tagger_entry *e;
	const char *kind, *dname, *origin;
	struct tagger_hit *h;
	uint32_t g;
	size_t len;
	int fresh;

	if (t->dateline == NONE || place == NULL)
		return;
	/* "BAHIA BLANCA, Argentina": the town, not the country after it. */
	len = strcspn(place, ",(");
	tagger_tokenize(&tk, place, len);
	if (tk.n == 0 || tk.n > 6)
		goto out;
	kind = t->skinds.v[t->dateline];
	if ((e = longest(t, &tk, 0)) != NULL && e->nwords == tk.n) {
		/* A declared spelling: its tag, whatever its kind says. */
		kind = t->terms[e->term].kind;
		dname = t->terms[e->term].name;
		origin = t->terms[e->term].origin;
	} else {
		char *town = xstrndup(place, len);

		if (t->gaz.cap != 0 && (g = tagger_hmap_get(&t->gaz,
		    tagger_name_key(town, len))) != NONE &&
		    t->gkinds[g] != GAZ_COMMON)
			buf_puts(&name, t->gnames.v[g]);
		else
			title_case(&name, town);
		free(town);
		dname = name.data;
		origin = NULL;
	}
	h = tagger_hit_get(out, kind, dname, origin, &fresh);
	if (fresh && origin == NULL) {
		struct buf why = BUF_INIT;

		buf_printf(&why, "%s: the dateline", t->names_origin ?
		    t->names_origin : "");
		h->owned_name = buf_detach(&name);
		h->name = h->owned_name;
		h->owned_origin = buf_detach(&why);
		h->origin = h->owned_origin;
	} else if (!fresh && h->owned_origin != NULL &&
	    strstr(h->owned_origin, "; and the dateline") == NULL) {
		struct buf why = BUF_INIT;

		buf_printf(&why, "%s; and the dateline", h->owned_origin);
		free(h->owned_origin);
		h->owned_origin = buf_detach(&why);
		h->origin = h->owned_origin;
	}
	if (fresh) {
		/* Not in the body: no link to make of it. */
		h->surface = place;
		h->surface_len = len;
		h->in_title = 1;
		h->first = UINT32_MAX;
	}
	h->count++;
out:
	buf_dispose(&name);
	free(tk.v);
	buf_dispose(&tk.fold);
}

void
tagger_result_dispose(struct tagger_result *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->v[i].owned_name);
		free(r->v[i].owned_origin);
	}
	free(r->v);
	r->v = NULL;
	r->n = r->cap = 0;
}

/* }==== */
