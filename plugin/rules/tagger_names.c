/*
 * tagger_names.c: the recogniser of names that no spelling covers
 * (tagger.h). It finds runs of capitalised words (joined across
 * initials, particles such as "van" and, after a word such as "Bank",
 * "of"), then types each distinct name of the article by the evidence
 * its occurrences give: the gazetteers, the word it ends with (Bank,
 * University), the words around it (President before, said after, in
 * before), its shape (an acronym, two capitalised words). The article's
 * own consistency decides the rest: a name is typed once for all its
 * occurrences, a lone surname joins the full name written earlier or
 * later, transliterations of one surname merge, and a word seen only at
 * a sentence's start or in a headline is a name only when the article
 * or a gazetteer knows it as one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/tagger_int.h"
#include "core/xalloc.h"

#define MAXK		TAGGER_MAXK
#define MAX_NAMES	512	/* distinct names kept per article */
#define MAX_WORDS	8

/* Weights of the evidence. */
#define W_SUFFIX	5
#define W_GAZ		4
#define W_TITLE		4
#define W_CODE		4
#define W_AFTER		3
#define W_ACRONYM	4
#define W_BEFORE	2
#define W_SHAPE		1
#define W_SCORE		5

#define W_ROW		6
#define ARCHIVE_MIN	1

/* What made a vote, written out only for the kind a name ends up with
 * (why_text()): the words it points at live as long as the scan. */
#define WHY_MAX		72	/* bytes of the text, with its NUL */
#define WORD_MAX	47	/* bytes of a word quoted in it */
#define WHY_STRING	UINT32_MAX	/* arg is a whole string */
#define WHY_NUM		(UINT32_MAX - 1)	/* num is quoted instead */

/* Small: a name keeps one for each kind while the other articles are
 * read (tagger_names_find()). */
struct why {
	const char	*what;		/* NULL: no vote yet */
	const char	*arg;		/* quoted after it, or NULL */
	uint32_t	 len;		/* of arg, WHY_STRING or WHY_NUM */
	unsigned	 num;		/* quoted instead, with WHY_NUM */
};

struct name {
	uint64_t	 key;
	size_t		 s, e;		/* the occurrence shown */
	int		 shown_ctx;	/* its context, lower is better */
	unsigned	 nwords;
	unsigned	 count;
	size_t		 first;
	int		 good;		/* seen in running text */
	int		 midsent;	/* and not at a sentence's start */
	int		 lowered;	/* one word, also written in lower case,
					 * or words the word list has only so */
	int		 dotted;	/* U.S. */
	int		 in_title;	/* the occurrence shown is in the title */
	uint32_t	 gaz;		/* gazetteer entry, or NONE */
	uint32_t	 into;		/* merged into that name, or NONE */
	int		 votes[MAXK];
	struct why	 why[MAXK];
	uint32_t	 kind;		/* decided */
};

/* Where a name was taken, in the order of the text: the lists of
 * names ("Orlund, Pessel and Brenn") are read from these. */
struct occ {
	uint32_t	 s, e;		/* tokens */
	uint32_t	 name;
	int		 follows;	/* the next item of a list after the
					 * occurrence before (tagger_names_find()) */
};

struct names {
	struct name	*v;
	size_t		 n;
	size_t		 cap;
	struct lowers	 low;
	struct occ	*occ;
	size_t		 nocc;
	size_t		 occcap;
	/* Whether a word is an adjective of a place, by its hash: asked
	 * of every occurrence of a name, and costly to answer (the
	 * endings of a people's adjective tried against the gazetteer). */
	struct map64	 adj;		/* hash -> 1 + the answer */
};

/* {==== names of the article */

/* Adds weight w to kind, saying why: what, then the len bytes of arg
 * (WHY_STRING: all of it) in quotes, or num with isnum. */
static void
vote_why(struct name *n, uint32_t kind, int w, const char *what,
    const char *arg, uint32_t len, unsigned num, int isnum)
{
	struct why *y;

	if (kind >= MAXK)
		return;
	y = &n->why[kind];
	if (n->votes[kind] < w || y->what == NULL) {
		y->what = what;
		y->arg = arg;
		y->len = isnum ? WHY_NUM : len != WHY_STRING &&
		    len > WORD_MAX ? WORD_MAX : len;
		y->num = num;
	}
	n->votes[kind] += w;
}

static void
vote(struct name *n, uint32_t kind, int w, const char *what,
    const char *arg)
{
	vote_why(n, kind, w, what, arg, WHY_STRING, 0, 0);
}

/* A vote quoting the word k. */
static void
vote_word(struct name *n, uint32_t kind, int w, const char *what,
    const struct tok *k)
{
	vote_why(n, kind, w, what, k->s, k->len, 0, 0);
}

/* Appends the text of a vote ("after the title 'President'") to out,
 * cut to WHY_MAX - 1 bytes. Copies, not a format: this runs for every
 * name of every article. */
static void
why_text(struct buf *out, const struct why *y)
{
	size_t start = out->len;
	char num[16];
	int n;

	if (y->what == NULL)
		return;
	buf_puts(out, y->what);
	if (y->len == WHY_NUM || y->arg != NULL) {
		BUF_PUTSL(out, " '");
		if (y->len == WHY_NUM) {
			n = snprintf(num, sizeof(num), "%u", y->num);
			buf_put(out, num, (size_t)n);
		} else if (y->len == WHY_STRING)
			buf_puts(out, y->arg);
		else
			buf_put(out, y->arg, strnlen(y->arg, y->len));
		buf_putc(out, '\'');
	}
	if (out->len - start > WHY_MAX - 1) {
		out->len = start + WHY_MAX - 1;
		out->data[out->len] = '\0';
	}
}

static struct name *
name_get(struct names *ns, uint64_t key, int *fresh)
{
	size_t i;

	for (i = 0; i < ns->n; i++)
		if (ns->v[i].key == key) {
			*fresh = 0;
			return &ns->v[i];
		}
	*fresh = 1;
	if (ns->n >= MAX_NAMES)
		return NULL;
	if (ns->n == ns->cap) {
		ns->cap = ns->cap ? ns->cap * 2 : 32;
		ns->v = xreallocarray(ns->v, ns->cap, sizeof(*ns->v));
	}
	memset(&ns->v[ns->n], 0, sizeof(ns->v[0]));
	ns->v[ns->n].key = key;
	ns->v[ns->n].gaz = NONE;
	ns->v[ns->n].into = NONE;
	ns->v[ns->n].kind = NONE;
	return &ns->v[ns->n++];
}

/* Evidence that the name carries wherever it is: gazetteer, last word,
 * shape. */
static void
name_evidence(const struct tagger *t, const struct toks *tk, struct name *n,
    size_t s, size_t e)
{
	uint32_t sk, g;
	uint64_t h;
	size_t i;

	if (n->dotted) {
		h = tagger_span_key(tk, s, e, 1);
		if (t->codes.cap != 0 &&
		    (g = tagger_hmap_get(&t->codes, h)) != NONE &&
		    t->gkinds[g] != GAZ_COMMON) {
			n->gaz = g;
			vote(n, t->gkinds[g], W_CODE, "the code of",
			    t->gnames.v[g]);
		} else if (t->acronyms != NONE)
			vote(n, t->acronyms, W_ACRONYM, "an abbreviation", NULL);
		return;
	}
	if (t->gaz.cap != 0 &&
	    (g = tagger_hmap_get(&t->gaz, n->key)) != NONE) {
		n->gaz = g;
		if (t->gkinds[g] != GAZ_COMMON)
			vote(n, t->gkinds[g], W_GAZ, "in the gazetteer as",
			    t->gnames.v[g]);
	}
	/* A place's name after other words ("Real Madrid", "Inter
	 * Milan"): a club or a firm named after its home, not a person. */
	/* Not a region's: many surnames are the name of a region
	 * somewhere ("Rivera", "Lara"), and teams take a town's. */
	if (n->gaz == NONE && e > s && t->placed != NONE && (g = tagger_gaz_get(t,
	    tagger_tfold(tk, &tk->v[e]), tk->v[e].flen)) != NONE &&
	    t->gkinds[g] != GAZ_COMMON && t->gcountry[g] != GAZ_SUBDIV)
		vote(n, t->placed, W_BEFORE, "named after", t->gnames.v[g]);
	/* The word that says what it is: the last ("Bank"), or the one
	 * before "of" ("Bank of ..."). */
	for (i = s; i <= e; i++) {
		if (i != e && !tagger_listed(t, TAGGER_CONNECT, tk, &tk->v[i + 1]))
			continue;
		if (t->suffixes.cap != 0 && (sk = tagger_hmap_get(
		    &t->suffixes, tagger_tokhash(tk, &tk->v[i]))) != NONE && (i < e || e > s)) {
			vote_word(n, sk, W_SUFFIX, "the word", &tk->v[i]);
			break;
		}
	}
}



/* Evidence from one occurrence's surroundings. */
static void
occurrence_evidence(const struct tagger *t, const struct toks *tk,
    struct name *n, size_t s, size_t e, size_t lo, size_t hi, int ctx,
    const struct tok *title, uint32_t people)
{
	const struct tok *k;
	uint32_t kind;
	int cues, after;

	if (title != NULL && people < MAXK) {
		vote_word(n, people, W_TITLE, "after the title", title);
	}
	/* The words around a people's adjective say nothing of a name;
	 * but only a people, not one of them, "said" something. */
	cues = !(s == e && n->gaz == NONE &&
	    tagger_demonym_shaped(tk, &tk->v[s], 0));
	after = !(s == e && n->gaz == NONE &&
	    tagger_demonym_shaped(tk, &tk->v[s], 1));
	if (cues && s > lo && !(tk->v[s].flags & T_HARD)) {
		k = &tk->v[s - 1];
		if (!(k->flags & T_UPPER) && t->cues[0].cap != 0 &&
		    (kind = tagger_hmap_get(&t->cues[0], tagger_tokhash(tk, k))) !=
		    NONE) {
			vote_word(n, kind, W_BEFORE, "after", k);
		}
	}
	if (after && e + 1 < hi && !(tk->v[e + 1].flags & T_HARD)) {
		k = &tk->v[e + 1];
		if (!(k->flags & T_UPPER) && t->cues[1].cap != 0 &&
		    (kind = tagger_hmap_get(&t->cues[1], tagger_tokhash(tk, k))) !=
		    NONE) {
			vote_word(n, kind, W_AFTER, "before", k);
		}
	}
	/* A lone word or a place's name with a score after it is a
	 * team; full names and initials with figures after them are
	 * players, and a country's side keeps its country's name. */
	if (t->rows < MAXK && title == NULL && !tagger_initial(&tk->v[s]) &&
	    !(s > lo && tagger_initial(&tk->v[s - 1])) &&
	    (s == e || n->gaz != NONE) &&
	    (n->gaz == NONE || t->gcountry[n->gaz] != GAZ_COUNTRY) &&
	    tagger_score_after(tk, e, hi)) {
		vote(n, t->rows, W_SCORE, "a score after it", NULL);
		n->good = 1;	/* a name, even at a line's start */
	}
	k = &tk->v[s];
	if (ctx == CTX_TEXT && s == e && tagger_all_caps(k) && k->len >= 2 &&
	    strspn(k->s, "IVXLCDM") < k->len &&	/* not a number: XIV */
	    k->len <= 6 && n->gaz == NONE && t->acronyms != NONE &&
	    n->votes[t->acronyms] == 0)
		vote(n, t->acronyms, W_ACRONYM, "an acronym", NULL);
}








/* Does the name end in a region's name that no city shares? Then it
 * is as often a place ("Sierra Tarvela") as a person whose surname a
 * region somewhere has: its shape says nothing. */
static int
region_last(const struct tagger *t, const struct toks *tk, size_t e)
{
	uint32_t g = tagger_gaz_get(t, tagger_tfold(tk, &tk->v[e]),
	    tk->v[e].flen);

	return g != NONE && t->gkinds[g] != GAZ_COMMON &&
	    t->gcountry[g] == GAZ_SUBDIV;
}

/* tagger_adjective(), remembered for the article. */
static int
adjective(const struct tagger *t, struct names *ns, const struct toks *tk,
    const struct tok *k)
{
	uint32_t *v;
	int added;

	v = map64_put(&ns->adj, tagger_tokhash(tk, k), &added);
	if (added)
		*v = 1 + (uint32_t)tagger_adjective(t, tk, k);
	return *v == 2;
}

/* Takes the occurrence at tokens s..e of text lo..hi. */
static void
take(const struct tagger *t, struct names *ns, const struct toks *tk,
    size_t s, size_t e, size_t lo, size_t hi, int ctx, uint32_t people)
{
	struct name *n;
	const struct tok *title = NULL;
	int fresh, sent, dot, keep, row = ctx & CTX_ROW;

	ctx &= ~CTX_ROW;
	/* A sentence's first word, unless it follows an initial or a
	 * title ("Mr. Smith"). */
	sent = (tk->v[s].flags & T_SENT) && !(s > lo &&
	    (tagger_initial(&tk->v[s - 1]) || tagger_listed(t, TAGGER_TITLE, tk,
	    &tk->v[s - 1])));
	/* "Foreign Ministry", "State Department": the title words belong
	 * to a name that a suffix word types. */
	keep = e > s && t->suffixes.cap != 0 &&
	    tagger_hmap_get(&t->suffixes, tagger_tokhash(tk, &tk->v[e])) != NONE;
	while (s < e && ((!keep && tagger_listed(t, TAGGER_TITLE, tk, &tk->v[s])) ||
	    adjective(t, ns, tk, &tk->v[s]) || (sent && ctx == CTX_TEXT &&
	    tagger_lower_elsewhere(&ns->low, tk, &tk->v[s])) ||
	    (!keep && tagger_describer(t, tk, s, e)))) {
		if (tagger_listed(t, TAGGER_TITLE, tk, &tk->v[s]))
			title = &tk->v[s];
		s++;
		sent = 0;
	}
	/* A title ends no name ("British Prime Minister"). */
	if ((!keep && (tagger_listed(t, TAGGER_TITLE, tk, &tk->v[s]) ||
	    tagger_listed(t, TAGGER_TITLE, tk, &tk->v[e]))) ||
	    adjective(t, ns, tk, &tk->v[e]))
		return;
	if (s == e && sent && ctx == CTX_TEXT && tagger_lower_elsewhere(&ns->low, tk,
	    &tk->v[s]))
		return;
	if (e - s + 1 > t->names_max)
		return;
	dot = tagger_dotted(tk, s, e);
	n = name_get(ns, tagger_span_key(tk, s, e, dot), &fresh);
	if (n == NULL)
		return;
	if (t->never.cap != 0 && fresh &&
	    tagger_hmap_get(&t->never, n->key) != NONE)
		n->into = NONE - 1;	/* banned */
	if (fresh) {
		n->nwords = dot ? 1 : (unsigned)(e - s + 1);
		n->dotted = dot;
		n->lowered = (s == e && tagger_lower_elsewhere(&ns->low, tk,
		    &tk->v[s])) || tagger_common_all(t, tk, s, e);
		n->first = s;
		n->s = s;
		n->e = e;
		n->shown_ctx = ctx + (sent ? 1 : 0) * 3;
		name_evidence(t, tk, n, s, e);
		if (n->nwords >= 2 && n->nwords >= t->names_min &&
		    people < MAXK && tagger_written_as_name(tk, s, e) &&
		    !tagger_common_words(&ns->low, tk, s, e) &&
		    !tagger_place_first(t, tk, s, e) &&
		    !region_last(t, tk, e) &&
		    !tagger_dict_phrase(t, &ns->low, tk, s, e))
			vote(n, people, W_SHAPE, "capitalised words", NULL);
	} else if (ctx + (sent ? 3 : 0) < n->shown_ctx) {
		n->s = s;
		n->e = e;
		n->shown_ctx = ctx + (sent ? 3 : 0);
	}
	n->count++;
	ARRAY_GROW(ns->occ, ns->nocc, ns->occcap);
	ns->occ[ns->nocc].s = (uint32_t)s;
	ns->occ[ns->nocc].e = (uint32_t)e;
	ns->occ[ns->nocc].follows = 0;
	ns->occ[ns->nocc++].name = (uint32_t)(n - ns->v);
	if ((ctx == CTX_TEXT && (!sent || e > s)) || row)
		n->good = 1;
	if (row && t->rows < MAXK)
		vote(n, t->rows, W_ROW, "a name in a table of results", NULL);
	if (ctx == CTX_TEXT && !sent)
		n->midsent = 1;
	occurrence_evidence(t, tk, n, s, e, lo, hi, ctx, title, people);
}

/* }==== */

/* {==== deciding */

/* The kind with the most weight. A tie goes to the kind whose name
 * sorts first, so that the result never depends on the order in which
 * the rules happened to declare their kinds. */
static uint32_t
winner(const struct tagger *t, const struct name *n)
{
	uint32_t k, best = NONE;

	for (k = 0; k < MAXK; k++)
		if (n->votes[k] > 0 && (best == NONE ||
		    n->votes[k] > n->votes[best] ||
		    (n->votes[k] == n->votes[best] &&
		    strcmp(t->skinds.v[k], t->skinds.v[best]) < 0)))
			best = k;
	return best;
}

/* The folded word w of name n (tokens n->s..n->e). */
static const struct tok *
word_of(const struct toks *tk, const struct name *n, int last)
{
	return &tk->v[last ? n->e : n->s];
}

static int
same_word(const struct toks *tk, const struct tok *a, const struct tok *b)
{
	return a->flen == b->flen && memcmp(tagger_tfold(tk, a),
	    tagger_tfold(tk, b), a->flen) == 0;
}

/*
 * A surname's spellings from one original differ in the vowels and
 * semivowels of its ending (Syrskii, Syrskyi, Syrskyy, Syrskiy): the
 * folded word with each run of i, y and j in its last three letters
 * made one 'i' gives the same stem.
 */
static size_t
translit(const struct toks *tk, const struct tok *k, char *out, size_t cap)
{
	const char *f = tagger_tfold(tk, k);
	size_t i, n = 0;

	for (i = 0; i < k->flen && n + 1 < cap; i++) {
		int soft = f[i] == 'i' || f[i] == 'y' || f[i] == 'j';

		if (soft && i + 3 >= k->flen) {
			if (n == 0 || out[n - 1] != 'i')
				out[n++] = 'i';
		} else
			out[n++] = f[i];
	}
	return n;
}

static int
variants(const struct toks *tk, const struct tok *a, const struct tok *b)
{
	char x[64], y[64];
	size_t nx, ny;

	if (a->flen < 5 || b->flen < 5 || same_word(tk, a, b))
		return 0;
	nx = translit(tk, a, x, sizeof(x));
	ny = translit(tk, b, y, sizeof(y));
	return nx == ny && memcmp(x, y, nx) == 0;
}

/* Joins a lone word to the full name it ends ("Putin" to "Vladimir
 * Putin"), and transliterations of one person's name to each other,
 * when the rest of the name agrees. */
static void
merge(const struct toks *tk, struct names *ns, uint32_t people)
{
	size_t i, j;

	for (i = 0; i < ns->n; i++) {
		struct name *a = &ns->v[i];

		if (a->into != NONE)
			continue;
		for (j = 0; j < ns->n; j++) {
			struct name *b = &ns->v[j];

			if (i == j || b->into != NONE || b->kind != people ||
			    b->nwords < 2 || b->dotted || a->dotted)
				continue;
			if (a->nwords == 1 && (a->kind == NONE ||
			    a->kind == people) && (same_word(tk,
			    word_of(tk, a, 1), word_of(tk, b, 1)) ||
			    variants(tk, word_of(tk, a, 1), word_of(tk, b, 1)))) {
				a->into = (uint32_t)j;
				break;
			}
			/* "During Rosati", only ever at a sentence's
			 * start, beside "Dariusz Rosati": a word before
			 * a surname. */
			if (!a->midsent && b->midsent && a->nwords == 2 &&
			    a->gaz == NONE &&
			    a->votes[people] <= W_SHAPE + W_AFTER &&
			    same_word(tk, word_of(tk, a, 1), word_of(tk, b, 1))) {
				a->into = (uint32_t)j;
				break;
			}
			if (a->kind == people && a->nwords >= 2 && j < i &&
			    same_word(tk, word_of(tk, a, 0), word_of(tk, b, 0)) &&
			    variants(tk, word_of(tk, a, 1), word_of(tk, b, 1))) {
				a->into = (uint32_t)j;
				break;
			}
		}
	}
}

/* The kind the archive typed key as most, or NONE. */
static uint32_t
archive_kind(const struct tagger *t, uint64_t key, unsigned *times)
{
	uint32_t i, k, best = NONE;

	if (t->lex.cap == 0 || (i = tagger_hmap_get(&t->lex, key)) ==
	    NONE)
		return NONE;
	for (k = 0; k < MAXK; k++)
		if (t->lexv[i][k] > 0 && (best == NONE ||
		    t->lexv[i][k] > t->lexv[i][best] ||
		    (t->lexv[i][k] == t->lexv[i][best] &&
		    strcmp(t->skinds.v[k], t->skinds.v[best]) < 0)))
			best = k;
	*times = best == NONE ? 0 : t->lexv[i][best];
	return best;
}

/* The kind name i ends up with, through the name it merged into. */
static uint32_t
final_kind(const struct names *ns, uint32_t i)
{
	if (ns->v[i].into < ns->n)
		i = ns->v[i].into;
	return ns->v[i].kind;
}

/*
 * Names in one list ("Orlund, Pessel, Brenn and Tarvo") are of one
 * kind: when two or more of a list's names are typed, all of them
 * one kind, and they are at least half of it, its lone words that
 * nothing typed take that kind.
 */
static void
listed_kinds(const struct tagger *t, struct names *ns)
{
	size_t a, b, i, typed;
	uint32_t kind, k;

	for (a = 0; a < ns->nocc; a = b) {
		for (b = a + 1; b < ns->nocc && ns->occ[b].follows; b++)
			;
		if (b - a < 3)
			continue;
		kind = NONE;
		typed = 0;
		for (i = a; i < b; i++) {
			if ((k = final_kind(ns, ns->occ[i].name)) == NONE)
				continue;
			if (kind != NONE && k != kind)
				break;
			kind = k;
			typed++;
		}
		if (i < b || typed < 2 || typed * 2 < b - a)
			continue;
		for (i = a; i < b; i++) {
			struct name *n = &ns->v[ns->occ[i].name];

			if (n->kind != NONE || n->into != NONE ||
			    n->nwords != 1 || n->lowered)
				continue;
			n->kind = kind;
			vote(n, kind, W_BEFORE, "in a list of",
			    t->skinds.v[kind]);
		}
	}
}

static void
decide(const struct tagger *t, const struct toks *tk, struct names *ns,
    uint32_t people, int archive)
{
	unsigned times;
	size_t i;

	for (i = 0; i < ns->n; i++) {
		struct name *n = &ns->v[i];

		n->kind = winner(t, n);
		/* A common word ("Describes", "Action") or a phrase of
		 * them ("Lunch Break") after a title or before "said" is
		 * still no person. */
		if (n->lowered && n->kind == people)
			n->kind = NONE;
		/* Known only from a headline or a sentence's start, and
		 * nothing says what it is: a capitalised common word. */
		if (!n->good && n->gaz == NONE)
			n->kind = NONE;
	}
	merge(tk, ns, people);
	/* A lone word its article does not type: what the archive's
	 * articles typed it as. */
	for (i = 0; archive && i < ns->n; i++) {
		struct name *n = &ns->v[i];

		if (n->kind != NONE || n->into != NONE || n->nwords != 1 ||
		    !n->good ||
		    (n->kind = archive_kind(t, n->key, &times)) == NONE)
			continue;
		if (times < 2) {
			n->kind = NONE;		/* once is no habit */
			continue;
		}
		vote_why(n, n->kind, W_BEFORE, "typed so by the archive's "
		    "articles, times:", NULL, 0, times, 1);
	}
	/* A name only a gazetteer types, that the archive's articles
	 * type otherwise more often ("Leicestershire" as a team). */
	for (i = 0; archive && i < ns->n; i++) {
		struct name *n = &ns->v[i];
		uint32_t k;

		if (n->kind == NONE || n->into != NONE || n->gaz == NONE ||
		    t->gkinds[n->gaz] != n->kind ||
		    n->votes[n->kind] != W_GAZ ||
		    (k = archive_kind(t, n->key, &times)) == NONE ||
		    k == n->kind || times < 2)
			continue;
		n->kind = k;
		vote_why(n, k, W_BEFORE, "typed so by the archive's "
		    "articles, times:", NULL, 0, times, 1);
	}
	/* A name of several words that only its shape made a person,
	 * that the archive's articles type otherwise by evidence ("Wexmoor
	 * Rovers" in a table of results). */
	for (i = 0; archive && i < ns->n; i++) {
		struct name *n = &ns->v[i];
		uint32_t k;

		if (n->kind != people || n->into != NONE || n->nwords < 2 ||
		    n->votes[people] != W_SHAPE ||
		    (k = archive_kind(t, n->key, &times)) == NONE ||
		    k == people || times < ARCHIVE_MIN)
			continue;
		n->kind = k;
		vote_why(n, k, W_BEFORE, "typed so by the archive's "
		    "articles, times:", NULL, 0, times, 1);
	}
	listed_kinds(t, ns);
	/* A lone capitalised word of running text that nothing else
	 * types takes the kind the rules give such words, if any. */
	for (i = 0; i < ns->n; i++) {
		struct name *n = &ns->v[i];

		if (n->kind == NONE && n->into == NONE && n->good &&
		    n->nwords == 1 && t->single != NONE && t->single < MAXK) {
			n->kind = t->single;
			vote(n, n->kind, W_SHAPE, "a capitalised word", NULL);
		}
	}
}

/* Is word k the last word of a tag of kind that a spelling found
 * ("Johnson" beside the declared "Boris Johnson")? Then it counts
 * there. */
static int
declared_surname(struct tagger_result *out, const char *kind,
    const struct toks *tk, const struct tok *k, unsigned count)
{
	const char *f = tagger_tfold(tk, k), *w[2];
	size_t i, j, len[2], x;

	for (i = 0; i < out->n; i++) {
		struct tagger_hit *h = &out->v[i];

		if (strcmp(h->kind, kind) != 0 || h->owned_name != NULL ||
		    (w[1] = strrchr(h->name, ' ')) == NULL)
			continue;
		/* The last word, or the first, that a family name
		 * written first is ("Xi" of "Xi Jinping"). */
		w[1]++;
		len[1] = strlen(w[1]);
		w[0] = h->name;
		len[0] = strcspn(h->name, " ");
		for (x = 0; x < 2; x++) {
			if (len[x] != k->flen)
				continue;
			for (j = 0; j < k->flen; j++)
				if ((w[x][j] >= 'A' && w[x][j] <= 'Z' ?
				    w[x][j] + 32 : w[x][j]) != f[j])
					break;
			if (j == k->flen) {
				h->count += count;
				return 1;
			}
		}
	}
	return 0;
}

static void
emit(const struct tagger *t, struct tagger_result *out,
    const struct toks *tk, struct names *ns)
{
	struct buf name = BUF_INIT, origin = BUF_INIT;
	struct tagger_hit *h;
	size_t i, j;
	const char *p, *end;
	int fresh, space;

	for (i = 0; i < ns->n; i++) {
		struct name *n = &ns->v[i], *m;

		if (n->into != NONE || n->kind == NONE)
			continue;
		if (n->nwords == 1 && declared_surname(out, t->skinds.v[n->kind],
		    tk, &tk->v[n->e], n->count))
			continue;
		buf_reset(&name);
		buf_reset(&origin);
		if (n->shown_ctx != CTX_TEXT && n->gaz != NONE && !n->dotted)
			buf_puts(&name, t->gnames.v[n->gaz]);
		else {
			space = 0;
			end = tk->v[n->e].s + tk->v[n->e].len;
			if (n->dotted && *end == '.')
				end++;
			for (p = tk->v[n->s].s; p < end; p++) {
				if (*p == ' ' || *p == '\t' || *p == '\n') {
					space = 1;
					continue;
				}
				if (space)
					buf_putc(&name, ' ');
				space = 0;
				buf_putc(&name, *p);
			}
		}
		buf_puts(&origin, t->names_origin);
		BUF_PUTSL(&origin, ": ");
		why_text(&origin, &n->why[n->kind]);
		for (j = 0; j < ns->n; j++) {
			m = &ns->v[j];
			if (m->into == i) {
				n->count += m->count;
				if (m->nwords == 1)
					buf_puts(&origin, "; and its surname");
				else
					buf_puts(&origin, "; and a spelling of it");
			}
		}
		h = tagger_hit_get(out, t->skinds.v[n->kind], name.data,
		    t->names_origin, &fresh);
		if (fresh) {
			h->owned_name = buf_detach(&name);
			h->name = h->owned_name;
			h->owned_origin = buf_detach(&origin);
			h->origin = h->owned_origin;
		}
		tagger_record(h, fresh, &tk->v[n->s], &tk->v[n->e], n->first,
		    n->in_title);
		h->count += n->count - 1;
	}
	buf_dispose(&name);
	buf_dispose(&origin);
}

/* The kind the recogniser gives unclassified names, or NONE. */
static uint32_t
people_of(const struct tagger *t)
{
	long pk = strv_find(&t->skinds, t->names_kind);

	return pk < 0 ? NONE : (uint32_t)pk;
}

/* Finds the names of the article in ns, with their evidence. */
static void
collect(const struct tagger *t, struct names *ns, const struct toks *tk,
    const char *covered, const size_t *tstart, size_t ntexts)
{
	size_t x, i, e, j;
	uint32_t people = people_of(t);

	for (x = 0; x < ntexts; x++) {
		size_t lo = tstart[x], hi = tstart[x + 1];
		int ctx = tagger_text_ctx(tk, lo, hi, x == 0);

		int row = t->rows != NONE && tagger_table_row(t, tk, lo, hi);

		for (i = lo; i < hi; i++) {
			/* A name starts with a capital or an initial. */
			if (!(tk->v[i].flags & T_UPPER))
				continue;
			if (covered[i] || (!tagger_nameword(t, tk, &tk->v[i]) &&
			    !tagger_name_initial(t, tk, covered, i, hi)))
				continue;
			e = tagger_span_end(t, tk, covered, i, hi);
			if (e == i && tagger_fragment(t, tk, covered, i, lo)) {
				i = e;
				continue;
			}
			if ((j = tagger_title_inside(t, tk, i, e, e + 1 < hi &&
			    covered[e + 1])) != 0) {
				take(t, ns, tk, i, j - 1, lo, hi, ctx |
				    (row ? CTX_ROW : 0), people);
				i = j;
			}
			take(t, ns, tk, i, e, lo, hi, ctx | (row ? CTX_ROW : 0),
			    people);
			i = e;
		}
	}
}

/* Types the names of ns (with archive, the archive's votes count). */
static void
decide_all(const struct tagger *t, const struct toks *tk, struct names *ns,
    int archive)
{
	size_t i;

	decide(t, tk, ns, people_of(t), archive);
	/* Banned names go last, whatever the evidence said. */
	for (i = 0; i < ns->n; i++)
		if (ns->v[i].into == NONE - 1) {
			ns->v[i].kind = NONE;
			ns->v[i].into = NONE;
		}
}

/*
 * What typing needs of the article's names, kept when its tokens go:
 * the names with their evidence, and two tokens a name (the first and
 * the last of the occurrence shown), whose words decide() compares and
 * whose text emit() writes. The evidence does not depend on the
 * archive's votes, so one finding serves learning and scanning.
 */
struct tagger_names_found {
	struct names	 ns;
	struct toks	 tk;
};

struct tagger_names_found *
tagger_names_find(const struct tagger *t, const struct toks *tk,
    const char *covered, const size_t *tstart, size_t ntexts)
{
	struct tagger_names_found *f = xcalloc(1, sizeof(*f));
	struct names *ns = &f->ns;
	size_t title_end = ntexts > 1 ? tstart[1] : tk->n, i, w;
	const struct tok *k;
	struct tok *c;

	collect(t, ns, tk, covered, tstart, ntexts);
	map64_dispose(&ns->low.m);
	map64_dispose(&ns->adj);
	memset(&ns->low, 0, sizeof(ns->low));
	memset(&ns->adj, 0, sizeof(ns->adj));
	for (i = 1; i < ns->nocc; i++)
		ns->occ[i].follows = tagger_listed_next(tk, ns->occ[i - 1].e,
		    ns->occ[i].s);
	f->tk.lazy = tk->lazy;
	f->tk.cap = 2 * ns->n + 1;
	f->tk.v = xreallocarray(NULL, f->tk.cap, sizeof(*f->tk.v));
	for (i = 0; i < ns->n; i++) {
		struct name *n = &ns->v[i];

		for (w = 0; w < 2; w++) {
			k = &tk->v[w == 0 ? n->s : n->e];
			c = &f->tk.v[f->tk.n++];
			*c = *k;
			if (k->foff != NOFOLD) {
				c->foff = (uint32_t)f->tk.fold.len;
				buf_put(&f->tk.fold, tagger_tfold(tk, k),
				    k->flen);
			}
		}
		n->in_title = n->s < title_end;
		n->s = 2 * i;
		n->e = 2 * i + 1;
	}
	/* Kept while the other articles are read: no room to spare. */
	if (ns->n > 0)
		ns->v = xreallocarray(ns->v, ns->n, sizeof(*ns->v));
	if (ns->nocc > 0)
		ns->occ = xreallocarray(ns->occ, ns->nocc, sizeof(*ns->occ));
	ns->cap = ns->n;
	ns->occcap = ns->nocc;
	return f;
}

size_t
tagger_names_found_size(const struct tagger_names_found *f)
{
	return f == NULL ? 0 : sizeof(*f) + f->ns.cap * sizeof(*f->ns.v) +
	    f->ns.occcap * sizeof(*f->ns.occ) + f->tk.cap * sizeof(*f->tk.v) +
	    f->tk.fold.cap;
}

void
tagger_names_found_free(struct tagger_names_found *f)
{
	if (f == NULL)
		return;
	free(f->ns.v);
	free(f->ns.occ);
	free(f->tk.v);
	buf_dispose(&f->tk.fold);
	free(f);
}

/* The names of f, typed on a copy (f serves again, to scan). */
static void
typed(const struct tagger *t, const struct tagger_names_found *f,
    struct names *ns, int archive)
{
	*ns = f->ns;
	ns->v = xreallocarray(NULL, f->ns.n + 1, sizeof(*ns->v));
	if (f->ns.n > 0)
		memcpy(ns->v, f->ns.v, f->ns.n * sizeof(*ns->v));
	decide_all(t, &f->tk, ns, archive);
}

void
tagger_names_scan(const struct tagger *t, struct tagger_result *out,
    struct tagger_names_found *f)
{
	/* The last use of f: typed in place, with no copy. */
	decide_all(t, &f->tk, &f->ns, 1);
	emit(t, out, &f->tk, &f->ns);
}

static void
lex_add(struct tagger *t, uint64_t key, uint32_t kind)
{
	uint32_t i = tagger_hmap_get(&t->lex, key);

	if (kind >= MAXK)
		return;
	if (i == NONE) {
		t->lexv = xreallocarray(t->lexv, t->nlex + 1,
		    sizeof(*t->lexv));
		memset(t->lexv[t->nlex], 0, sizeof(t->lexv[0]));
		i = (uint32_t)t->nlex++;
		tagger_hmap_put(&t->lex, key, i);
	}
	t->lexv[i][kind]++;
}

void
tagger_names_learn(struct tagger *learn, const struct tagger_names_found *f)
{
	const struct toks *tk = &f->tk;
	struct names ns;
	long pk = strv_find(&learn->skinds, learn->names_kind);
	const struct tok *last;
	size_t i;

	typed(learn, f, &ns, 0);
	for (i = 0; i < ns.n; i++) {
		struct name *n = &ns.v[i];

		if (n->into != NONE || n->kind == NONE)
			continue;
		/* What only the gazetteer said is no news: the archive
		 * counts what the articles themselves show. */
		if (n->gaz != NONE && n->votes[n->kind] == W_GAZ)
			continue;
		/* Nor what only the shape of a name said. */
		if (n->nwords < 2 || n->votes[n->kind] != W_SHAPE)
			lex_add(learn, n->key, n->kind);
		last = &tk->v[n->e];
		if (pk >= 0 && n->kind == (uint32_t)pk && n->nwords >= 2)
			lex_add(learn, tagger_hash(tagger_tfold(tk, last),
			    last->flen), n->kind);
	}
	free(ns.v);
}

/* }==== */
