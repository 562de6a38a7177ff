/*
 * tagger_gaz.c: the recogniser's settings (tagger.h): its word lists
 * from the system's own data (country and subdivision names from
 * iso-codes, city names from the time-zone database, language names
 * from iso-codes; a source the machine lacks simply adds nothing, and
 * the rules still load), its cue words and kinds, the editors' bans;
 * and the whole-word counter behind a:mentions().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "rules/tagger_int.h"
#include "core/xalloc.h"

#ifndef ISO_CODES_DIR
#define ISO_CODES_DIR	"/usr/share/iso-codes/json"
#endif
#ifndef DICT_WORDS
#define DICT_WORDS	"/usr/share/dict/words"
#endif
#ifndef ZONEINFO_DIR
#define ZONEINFO_DIR	"/usr/share/zoneinfo"
#endif

const char *const tagger_data_files[] = {
	ISO_CODES_DIR "/iso_3166-1.json", ISO_CODES_DIR "/iso_3166-2.json",
	ISO_CODES_DIR "/iso_3166-3.json", ISO_CODES_DIR "/iso_639-2.json",
	ZONEINFO_DIR "/zone1970.tab", ZONEINFO_DIR "/zone.tab", DICT_WORDS,
	NULL
};

/* The folded words of name joined by single spaces, hashed: the key of
 * a name in the gazetteer and in an article (tagger_names.c). Returns 0
 * when name has no word. */
uint64_t
tagger_name_key(const char *name, size_t len)
{
	struct toks tk = { NULL, 0, 0, BUF_INIT, 0 };
	struct buf key = BUF_INIT;
	uint64_t h = 0;
	size_t i;

	tagger_tokenize(&tk, name, len);
	for (i = 0; i < tk.n; i++) {
		if (i > 0)
			buf_putc(&key, ' ');
		buf_put(&key, tagger_tfold(&tk, &tk.v[i]), tk.v[i].flen);
	}
	if (tk.n > 0)
		h = tagger_hash(key.data, key.len);
	free(tk.v);
	buf_dispose(&tk.fold);
	buf_dispose(&key);
	return h;
}

/* Adds name (of kind, or GAZ_COMMON) unless it is already there: the
 * first source to name a thing types it. Names with a comma or a
 * parenthesis ("Korea, Republic of") are how lists sort, not how
 * articles write. Returns the entry, or NONE. */
static uint32_t
gaz_add(struct tagger *t, uint32_t kind, const char *name)
{
	uint64_t h;
	uint32_t old;

	if (name == NULL || *name == '\0' || strpbrk(name, ",()/") != NULL)
		return NONE;
	if ((h = tagger_name_key(name, strlen(name))) == 0)
		return NONE;
	if ((old = tagger_hmap_get(&t->gaz, h)) != NONE)
		return old;
	strv_push(&t->gnames, name);
	if (t->ngaz == t->gcap) {
		t->gcap = t->gcap ? t->gcap * 2 : 1024;
		t->gkinds = xreallocarray(t->gkinds, t->gcap,
		    sizeof(*t->gkinds));
		t->gcountry = xreallocarray(t->gcountry, t->gcap, 1);
	}
	t->gkinds[t->ngaz] = kind;
	t->gcountry[t->ngaz] = 0;
	tagger_hmap_put(&t->gaz, h, (uint32_t)t->ngaz);
	return (uint32_t)t->ngaz++;
}

static const char *
jstr(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* An iso-codes list: the names under each field of fields; with codes,
 * the alpha_2 and alpha_3 codes point at the entry too ("U.S."). */
static int
load_iso(struct tagger *t, uint32_t kind, const char *file, const char *list,
    const char *const *fields, int codes, int subdiv)
{
	json_t *root, *arr, *o;
	size_t i, f;
	uint32_t e;
	const char *c;
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", ISO_CODES_DIR, file);
	if ((root = json_load_file(path, 0, NULL)) == NULL)
		return 0;
	arr = json_object_get(root, list);
	json_array_foreach(arr, i, o) {
		e = NONE;
		for (f = 0; fields[f] != NULL; f++) {
			uint32_t g = gaz_add(t, kind, jstr(o, fields[f]));

			if (e == NONE)
				e = g;
			if (g != NONE && codes)
				t->gcountry[g] = GAZ_COUNTRY;
			else if (g != NONE && subdiv && t->gcountry[g] == 0)
				t->gcountry[g] = GAZ_SUBDIV;
		}
		if (!codes || e == NONE)
			continue;
		if ((c = jstr(o, "alpha_2")) != NULL)
			tagger_hmap_put(&t->codes, tagger_name_key(c,
			    strlen(c)), e);
		if ((c = jstr(o, "alpha_3")) != NULL)
			tagger_hmap_put(&t->codes, tagger_name_key(c,
			    strlen(c)), e);
	}
	json_decref(root);
	return 0;
}

/* A zone table: its third column names zones Area/City or
 * Area/Region/City; the city, with its underscores as spaces. */
static int
load_zones(struct tagger *t, uint32_t kind, const char *file)
{
	FILE *fp;
	char line[512], path[512], *p, *city, *end;
	uint32_t g;
	int col;

	snprintf(path, sizeof(path), "%s/%s", ZONEINFO_DIR, file);
	if ((fp = fopen(path, "r")) == NULL)
		return 0;
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (line[0] == '#')
			continue;
		for (p = line, col = 0; col < 2 && (p = strchr(p, '\t')); col++)
			p++;
		if (p == NULL)
			continue;
		end = p + strcspn(p, "\t\n");
		*end = '\0';
		city = strrchr(p, '/') ? strrchr(p, '/') + 1 : p;
		for (p = city; *p; p++)
			if (*p == '_')
				*p = ' ';
		/* A subdivision's name that is a city's too is a city's. */
		if ((g = gaz_add(t, kind, city)) != NONE &&
		    t->gcountry[g] == GAZ_SUBDIV)
			t->gcountry[g] = 0;
	}
	fclose(fp);
	return 0;
}

/* Records how the list writes the word of line (one word, no '\n'). */
static void
dict_add(struct tagger *t, const char *line, size_t len)
{
	struct toks tk = { NULL, 0, 0, BUF_INIT, 0 };
	char f[64];
	uint32_t *v;
	uint64_t h = 0;
	size_t i;
	int added, cap = line[0] >= 'A' && line[0] <= 'Z';

	/* Possessives ("Mark's") and compounds say nothing more. */
	if (len == 0 || memchr(line, '\'', len) != NULL ||
	    memchr(line, '-', len) != NULL)
		return;
	/* Most lines are ASCII letters: folded here, as the tokenizer
	 * would, without its cost (the list has a hundred thousand). */
	for (i = 0; i < len && i < sizeof(f); i++) {
		if (line[i] >= 'a' && line[i] <= 'z')
			f[i] = line[i];
		else if (line[i] >= 'A' && line[i] <= 'Z')
			f[i] = (char)(line[i] + 'a' - 'A');
		else
			break;
	}
	if (i == len)
		h = tagger_hash(f, len);
	else {
		tagger_tokenize(&tk, line, len);
		if (tk.n == 1) {
			h = tagger_tokhash(&tk, &tk.v[0]);
			cap = (tk.v[0].flags & T_CAP) != 0;
		}
		free(tk.v);
		buf_dispose(&tk.fold);
	}
	if (h == 0)
		return;
	v = map64_put(&t->dict, h, &added);
	if (added)
		*v = 0;
	*v |= cap ? DICT_CAPITAL : DICT_LOWER;
}

int
tagger_wordlist(struct tagger *t, const char *path)
{
	FILE *fp;
	char line[256];
	size_t len;

	if ((fp = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), fp) != NULL) {
		len = strcspn(line, "\r\n");
		dict_add(t, line, len);
	}
	fclose(fp);
	return 0;
}

int
tagger_gazetteer(struct tagger *t, const char *kind, const char *source)
{
	static const char *const country[] = { "name", "common_name", NULL };
	static const char *const named[] = { "name", NULL };
	uint32_t k;
	long i;

	if (kind == NULL)
		k = GAZ_COMMON;
	else {
		if ((i = strv_find(&t->skinds, kind)) < 0) {
			strv_push(&t->skinds, kind);
			i = (long)t->skinds.n - 1;
		}
		k = (uint32_t)i;
	}
	if (strcmp(source, "countries") == 0)
		return load_iso(t, k, "iso_3166-1.json", "3166-1", country, 1, 0);
	if (strcmp(source, "former countries") == 0)
		return load_iso(t, k, "iso_3166-3.json", "3166-3", named, 0, 0);
	if (strcmp(source, "subdivisions") == 0)
		return load_iso(t, k, "iso_3166-2.json", "3166-2", named, 0, 1);
	if (strcmp(source, "languages") == 0)
		return load_iso(t, k, "iso_639-2.json", "639-2", named, 0, 0);
	if (strcmp(source, "words") == 0) {
		tagger_wordlist(t, DICT_WORDS);
		return 0;
	}
	if (strcmp(source, "cities") == 0) {
		load_zones(t, k, "zone1970.tab");
		return load_zones(t, k, "zone.tab");
	}
	return -1;
}

/* {==== declarations */

void
tagger_cue(struct tagger *t, int after, const char *word, const char *kind)
{
	long i = strv_find(&t->skinds, kind);

	if (i < 0) {
		strv_push(&t->skinds, kind);
		i = (long)t->skinds.n - 1;
	}
	tagger_hmap_put(&t->cues[after != 0], tagger_fold_hash(word),
	    (uint32_t)i);
}

static uint32_t
kind_index(struct tagger *t, const char *kind)
{
	long i;

	if (kind == NULL)
		return NONE;
	if ((i = strv_find(&t->skinds, kind)) < 0) {
		strv_push(&t->skinds, kind);
		i = (long)t->skinds.n - 1;
	}
	return (uint32_t)i;
}

void
tagger_acronyms(struct tagger *t, const char *kind)
{
	t->acronyms = kind_index(t, kind);
}

void
tagger_rows(struct tagger *t, const char *kind)
{
	t->rows = kind_index(t, kind);
}

void
tagger_placed(struct tagger *t, const char *kind)
{
	t->placed = kind_index(t, kind);
}

void
tagger_datelines(struct tagger *t, const char *kind)
{
	t->dateline = kind_index(t, kind);
}

void
tagger_single(struct tagger *t, const char *kind)
{
	t->single = kind_index(t, kind);
}

void
tagger_never(struct tagger *t, const char *name)
{
	uint64_t h = tagger_name_key(name, strlen(name));

	if (h != 0)
		tagger_hmap_put(&t->never, h, 1);
}

/* An article's texts, and their words once a phrase of several words
 * asks for them (one word is looked for in the texts themselves). */
struct tagger_text {
	const char	**texts;
	size_t		 *lens;
	size_t		  n;
	size_t		  total;	/* bytes */
	struct toks	  tk;
	int		  split;
	signed char	 *ascii;	/* tagger_words_ascii() of each, or -1 */
};

struct tagger_text *
tagger_text_texts(const char *const *texts, size_t n)
{
	struct tagger_text *tt = xcalloc(1, sizeof(*tt));
	size_t i;

	tt->texts = xcalloc(n + 1, sizeof(*tt->texts));
	tt->lens = xcalloc(n + 1, sizeof(*tt->lens));
	tt->ascii = xcalloc(n + 1, sizeof(*tt->ascii));
	for (i = 0; i < n; i++) {
		if (texts[i] == NULL)
			continue;
		tt->texts[tt->n] = texts[i];
		tt->ascii[tt->n] = -1;
		tt->total += tt->lens[tt->n++] = strlen(texts[i]);
	}
	return tt;
}

struct tagger_text *
tagger_text_new(const char *text)
{
	return tagger_text_texts(&text, 1);
}

/* The words of tt, split on first use. */
static const struct toks *
text_words(const struct tagger_text *tt)
{
	struct tagger_text *w = (struct tagger_text *)tt;	/* a cache */
	size_t i;

	if (!tt->split) {
		/* The words are compared by their folded bytes: none
		 * needs a hash. Room for the words of most texts, as
		 * tagger_read() makes: growing costs more than they. */
		w->tk.lazy = 2;
		w->tk.cap = tt->total / 4 + tt->n + 16;
		w->tk.v = xreallocarray(NULL, w->tk.cap, sizeof(*w->tk.v));
		buf_grow(&w->tk.fold, tt->total + 1);
		for (i = 0; i < tt->n; i++)
			tagger_tokenize(&w->tk, tt->texts[i], tt->lens[i]);
		w->split = 1;
	}
	return &tt->tk;
}

struct tagger_text *
tagger_text_adopt(struct toks *tk)
{
	struct tagger_text *tt = xcalloc(1, sizeof(*tt));

	tt->tk = *tk;
	tt->split = 1;
	return tt;
}

void
tagger_text_free(struct tagger_text *tt)
{
	if (tt == NULL)
		return;
	free(tt->tk.v);
	buf_dispose(&tt->tk.fold);
	free(tt->texts);
	free(tt->lens);
	free(tt->ascii);
	free(tt);
}

static int
same_fold(const struct toks *a, const struct tok *x, const struct toks *b,
    const struct tok *y)
{
	return x->flen == y->flen && memcmp(tagger_tfold(a, x),
	    tagger_tfold(b, y), x->flen) == 0;
}

/* Does word x of a match word y of b, as a phrase with anycase (no
 * capital) or with capitals asks? */
static int
word_is(const struct toks *a, const struct tok *x, const struct toks *b,
    const struct tok *y, int anycase)
{
	/* A capitalised phrase matches as written, or a word in
	 * capitals. */
	return anycase || (x->flags & T_LOWER) == 0 ? same_fold(a, x, b, y) :
	    x->len == y->len && memcmp(x->s, y->s, x->len) == 0;
}

/* The next of the bytes lo and up (they may be one) in s[i..len), or
 * NULL; *pl and *pu keep where each was found last. */
static const char *
next_of(const char *s, size_t len, size_t i, unsigned char lo,
    unsigned char up, const char **pl, const char **pu)
{
	if (*pl != NULL && *pl < s + i)
		*pl = memchr(s + i, lo, len - i);
	if (*pu != NULL && *pu < s + i)
		*pu = memchr(s + i, up, len - i);
	if (*pl == NULL || (*pu != NULL && *pu < *pl))
		return *pu;
	return *pl;
}

/*
 * How many words of a text of ASCII words match the one word y of b,
 * found by searching the text for its first letter (memchr() runs
 * through bytes faster than splitting them into words): a word of
 * ASCII folds to its letters made small.
 */
static unsigned
count_ascii(const char *s, size_t len, const struct toks *b,
    const struct tok *y, int anycase)
{
	const char *f = tagger_tfold(b, y), *p;
	const char *pl, *pu;		/* where each case was found */
	size_t n = y->flen, i = 0, j, at;
	unsigned char lo = (unsigned char)f[0], up, c;
	unsigned count = 0;
	int lower;

	for (j = 0; j < n; j++)
		if ((unsigned char)f[j] >= 0x80)
			return 0;	/* no ASCII word folds to it */
	if (n == 0 || n > len)
		return 0;
	up = lo >= 'a' && lo <= 'z' ? (unsigned char)(lo - 'a' + 'A') : lo;
	pl = memchr(s, lo, len);
	pu = up != lo ? memchr(s, up, len) : NULL;
	while (i + n <= len && (p = next_of(s, len, i, lo, up, &pl, &pu)) !=
	    NULL) {
		at = (size_t)(p - s);
		i = at + 1;
		if (at + n > len || (at > 0 &&
		    tagger_word_byte((unsigned char)s[at - 1])) ||
		    (at + n < len && tagger_word_byte((unsigned char)s[at + n])))
			continue;
		lower = 0;
		for (j = 0; j < n; j++) {
			c = (unsigned char)p[j];
			lower |= c >= 'a' && c <= 'z';
			if ((char)((unsigned)c - 'A' < 26u ? c + 'a' - 'A' :
			    c) != f[j])
				break;
		}
		if (j < n)
			continue;
		/* A capitalised phrase matches as written, or a word in
		 * capitals. */
		if (anycase || !lower || (y->len == n &&
		    memcmp(p, y->s, n) == 0))
			count++;
	}
	return count;
}

/*
 * How many words of text s match the one word y of b: the text's words
 * found one after the other, none kept. A word of ASCII folds to its
 * own length, so that most words are told apart by their length alone;
 * a word beyond ASCII is folded as tagger_tokenize() folds it.
 */
static unsigned
count_stream(const char *s, size_t len, const struct toks *b,
    const struct tok *y, int anycase)
{
	struct toks one = { NULL, 0, 0, BUF_INIT, 2 };
	struct tok x;
	const char *f = tagger_tfold(b, y);
	size_t i = 0, end, j;
	uint32_t fl;
	unsigned count = 0;
	unsigned char c;

	while ((i = tagger_next_word(s, len, i, &end, &fl)) < len) {
		if (fl & T_WIDE) {
			one.n = 0;
			buf_reset(&one.fold);
			tagger_tokenize(&one, s + i, end - i);
			count += one.n == 1 && word_is(&one, &one.v[0], b, y,
			    anycase);
		} else if (end - i == y->flen) {
			x.s = s + i;
			x.len = (uint32_t)(end - i);
			x.flags = fl;
			if (anycase || !(fl & T_LOWER)) {
				for (j = 0; j < x.len; j++) {
					c = (unsigned char)x.s[j];
					if ((char)((unsigned)c - 'A' < 26u ?
					    c + 'a' - 'A' : c) != f[j])
						break;
				}
				count += j == x.len;
			} else
				count += x.len == y->len &&
				    memcmp(x.s, y->s, x.len) == 0;
		}
		i = end;
	}
	free(one.v);
	buf_dispose(&one.fold);
	return count;
}

/* How many words of tt's texts match the one word y of b. */
static unsigned
count_word(const struct tagger_text *tt, const struct toks *b,
    const struct tok *y, int anycase)
{
	struct tagger_text *w = (struct tagger_text *)tt;	/* a cache */
	unsigned count = 0;
	size_t i;

	for (i = 0; i < tt->n; i++) {
		if (tt->ascii[i] < 0)
			w->ascii[i] = (signed char)tagger_words_ascii(
			    tt->texts[i], tt->lens[i]);
		count += tt->ascii[i] ? count_ascii(tt->texts[i], tt->lens[i],
		    b, y, anycase) : count_stream(tt->texts[i], tt->lens[i],
		    b, y, anycase);
	}
	return count;
}

unsigned
tagger_text_mentions(const struct tagger_text *tt, const char *phrase)
{
	const struct toks *a;
	struct toks b = { NULL, 0, 0, BUF_INIT, 1 };
	unsigned count = 0, w;
	size_t i;
	int anycase = 1;

	/* Room for a phrase of a few words without growing. */
	b.cap = 8;
	b.v = xreallocarray(NULL, b.cap, sizeof(*b.v));
	tagger_tokenize(&b, phrase, strlen(phrase));
	for (i = 0; i < b.n; i++)
		if (b.v[i].flags & T_UPPER)
			anycase = 0;
	if (b.n == 1 && !tt->split) {
		count = count_word(tt, &b, &b.v[0], anycase);
		b.n = 0;
	}
	a = b.n > 0 ? text_words(tt) : NULL;
	for (i = 0; b.n > 0 && i + b.n <= a->n; i++) {
		/* Most words differ from the first in length. */
		if (a->v[i].flen != b.v[0].flen)
			continue;
		for (w = 0; w < b.n; w++) {
			const struct tok *x = &a->v[i + w], *y = &b.v[w];

			if (w > 0 && (x->flags & T_HARD))
				break;
			if (!word_is(a, x, &b, y, anycase))
				break;
		}
		count += w == b.n;
	}
	free(b.v);
	buf_dispose(&b.fold);
	return count;
}

void
tagger_names_free(struct tagger *t)
{
	map64_dispose(&t->gaz);
	map64_dispose(&t->codes);
	map64_dispose(&t->never);
	map64_dispose(&t->dict);
	map64_dispose(&t->cues[0]);
	map64_dispose(&t->cues[1]);
	strv_dispose(&t->gnames);
	free(t->gkinds);
	free(t->gcountry);
	map64_dispose(&t->lex);
	free(t->lexv);
}

/* }==== */
