/*
 * tagger_spans.c: what the recogniser (tagger_names.c) reads from the
 * shape of a span of words and of the text around it, without looking
 * at any other name of the article: where a name ends, whether a text
 * is running text, a headline or a row of results, whether a span is
 * written as a person's name is, and the score after a team's name
 * (tagger_int.h).
 */
#include <string.h>

#include "rules/tagger_int.h"

/* The key of tokens s..e: their folded words, or the letters of an
 * abbreviation (U.S. and US are one). */
uint64_t
tagger_span_key(const struct toks *tk, size_t s, size_t e, int dotted)
{
	char buf[256];
	size_t len = 0, i;

	for (i = s; i <= e; i++) {
		const struct tok *k = &tk->v[i];

		if (len + k->flen + 1 >= sizeof(buf))
			break;
		if (i > s && !dotted)
			buf[len++] = ' ';
		memcpy(buf + len, tagger_tfold(tk, k), k->flen);
		len += k->flen;
	}
	return tagger_hash(buf, len);
}

/*
 * A team's score right after its name ("Somerset 83 and 174", "Kent
 * 108-3,", "Wexmoor 2 Dunholt 1"): figures, then the end of a clause,
 * "and" or another name. Not a year ("Iraq 1990") and not a count of
 * something ("22 points", "747 jets").
 */
int
tagger_score_after(const struct toks *tk, size_t e, size_t hi)
{
	const struct tok *k;
	size_t j = e + 1;

	if (j >= hi || (tk->v[j].flags & (T_HARD | T_APOS | T_UPPER |
	    T_LOWER)))
		return 0;
	if (tk->v[j].len == 4 && (tk->v[j].s[0] == '1' || tk->v[j].s[0] == '2'))
		return 0;
	while (j < hi && !(tk->v[j].flags & (T_UPPER | T_LOWER | T_HARD)))
		j++;
	/* "Gough 10-1-38-2": a bowler's figures, not a score. */
	if (j - e > 3)
		return 0;
	if (j >= hi)
		return 1;
	k = &tk->v[j];
	if (k->flags & (T_HARD | T_CAP))
		return 1;
	return k->flen == 3 && memcmp(tagger_tfold(tk, k), "and", 3) == 0;
}

/*
 * Is the lone word k shaped as a people's adjective or name ("British",
 * "Chinese", "European", "Americans", "Islamic")? The words around
 * such a word ("the British", "European group") say nothing of a
 * name's kind.
 */
int
tagger_demonym_shaped(const struct toks *tk, const struct tok *k,
    int plural)
{
	/* The plural forms first: "British", "Chinese" and "Americans"
	 * stand for a people; "American" or "Duran" alone is an
	 * adjective or a surname. */
	static const char *const ends[] = {
		"ish", "ese", "ans", "ians", "an", "ian", "ic",
	};
	const char *f = tagger_tfold(tk, k);
	size_t i, n, last = plural ? 4 : sizeof(ends) / sizeof(ends[0]);

	/* The last letters of the endings: most words end otherwise. */
	if (k->flen < 5 || strchr("hesnc", f[k->flen - 1]) == NULL ||
	    f[k->flen - 1] == '\0')
		return 0;
	for (i = 0; i < last; i++) {
		n = strlen(ends[i]);
		if (memcmp(f + k->flen - n, ends[i], n) == 0)
			return 1;
	}
	return 0;
}

/* Extends the name that starts at token s as far as it goes. */
size_t
tagger_span_end(const struct tagger *t, const struct toks *tk, const char *covered,
    size_t s, size_t hi)
{
	size_t e = s, j;
	const struct tok *kj;

	for (j = e + 1; j < hi && !covered[j]; j = e + 1) {
		kj = &tk->v[j];
		if (!(kj->flags & (T_HARD | T_APOS)) && tagger_nameword(t, tk, kj)) {
			e = j;
			continue;
		}
		/* Initials: "P. Simmons", "U.S."; "O'Gorman". */
		if (tagger_initial(&tk->v[e]) && tagger_nameword(t, tk, kj) &&
		    ((kj->flags & T_APOS) || tagger_sep_is(&tk->v[e], ". ") ||
		    tagger_sep_is(&tk->v[e], "."))) {
			e = j;
			continue;
		}
		if ((kj->flags & (T_HARD | T_APOS)) || kj->flags & T_CAP ||
		    j + 1 >= hi || covered[j + 1] ||
		    (tk->v[j + 1].flags & (T_HARD | T_APOS)) ||
		    !tagger_nameword(t, tk, &tk->v[j + 1]))
			break;
		if (tagger_listed(t, TAGGER_PARTICLE, tk, kj) ||
		    (tagger_listed(t, TAGGER_CONNECT, tk, kj) &&
		    t->suffixes.cap != 0 &&
		    tagger_hmap_get(&t->suffixes, tagger_tokhash(tk, &tk->v[e])) != NONE)) {
			e = j + 1;
			continue;
		}
		break;
	}
	return e;
}

/*
 * Is token i an initial that starts a name although its letter is a
 * word of its own ("A. Dale", "I. Moss": the letters of the article
 * and of the first person)? A full stop after it and a name's word
 * next say so.
 */
int
tagger_name_initial(const struct tagger *t, const struct toks *tk,
    const char *covered, size_t i, size_t hi)
{
	return tagger_initial(&tk->v[i]) && i + 1 < hi && !covered[i + 1] &&
	    ((tagger_sep_is(&tk->v[i], ". ") &&
	    tk->v[i + 1].s == tk->v[i].s + 3) ||
	    (tagger_sep_is(&tk->v[i], ".") &&
	    tk->v[i + 1].s == tk->v[i].s + 2)) &&
	    tagger_nameword(t, tk, &tk->v[i + 1]) &&
	    !tagger_initial(&tk->v[i + 1]) && (tk->v[i + 1].flags & T_LOWER);
}

/*
 * Where a title stands inside the span s..e, between a name and the
 * full name of its holder ("Wexmoor Rowing Association President Ilse
 * Draven", "Bank of Ostria Governor Pieter Anselm"): the first token
 * of the titles, or 0 when there are none inside, when less than two
 * words follow them, or when the span's last word says the whole span
 * is one name ("Tarvel State Ministry"). With holder (a declared name
 * follows the span), titles at the span's end count too.
 */
size_t
tagger_title_inside(const struct tagger *t, const struct toks *tk,
    size_t s, size_t e, int holder)
{
	size_t j, k;

	if (e < s + 2 || (t->suffixes.cap != 0 &&
	    tagger_hmap_get(&t->suffixes, tagger_tokhash(tk, &tk->v[e])) != NONE))
		return 0;
	/* Titles at the end, before a declared name ("... Association
	 * President" before a declared "Ilse Draven"). */
	if (holder && tagger_listed(t, TAGGER_TITLE, tk, &tk->v[e])) {
		for (j = e; j > s && tagger_listed(t, TAGGER_TITLE, tk,
		    &tk->v[j - 1]); j--)
			;
		return j > s ? j : 0;
	}
	for (j = s + 1; j < e; j++) {
		if (!tagger_listed(t, TAGGER_TITLE, tk, &tk->v[j]))
			continue;
		if (tagger_listed(t, TAGGER_TITLE, tk, &tk->v[j - 1]))
			return 0;	/* titles at the front */
		/* A full name after the titles: one word could be the
		 * rest of a name ("Paris St Germain"). */
		for (k = j + 1; k <= e; k++)
			if (!tagger_listed(t, TAGGER_TITLE, tk, &tk->v[k]))
				return k < e ? j : 0;
		return 0;
	}
	return 0;
}

/*
 * Is the lone word i the end of a longer name that starts with a
 * declared name ("the Tarvel Daily", with "Tarvel" declared a place)?
 * Then the word is no name of its own there, and the words around it
 * say nothing of it. (A stop word before it says too little: months
 * are written with a capital, and "Per" is a first name.)
 */
int
tagger_fragment(const struct tagger *t, const struct toks *tk,
    const char *covered, size_t i, size_t lo)
{
	const struct tok *p;

	if (i == lo || (tk->v[i].flags & (T_HARD | T_APOS)))
		return 0;
	p = &tk->v[i - 1];
	if (!(p->flags & T_CAP))
		return 0;
	(void)t;
	return covered[i - 1];
}

/*
 * Does the name that starts at token s follow the one that ends at
 * token e as the next item of a list: after a comma alone, or after
 * "and" or "or" ("Orlund, Pessel and Brenn")?
 */
int
tagger_listed_next(const struct toks *tk, size_t e, size_t s)
{
	const struct tok *a = &tk->v[e], *w;
	const char *p = a->s + a->len;

	if (s == e + 1)
		return (tk->v[s].flags & T_HARD) && *p == ',' &&
		    tk->v[s].s == p + 2 && p[1] == ' ';
	if (s != e + 2)
		return 0;
	w = &tk->v[e + 1];
	return !(tk->v[s].flags & T_HARD) && (tk->v[s].flags & T_CAP) &&
	    ((w->len == 3 && memcmp(w->s, "and", 3) == 0) ||
	    (w->len == 2 && memcmp(w->s, "or", 2) == 0)) &&
	    (w->s == p + 1 || (w->s == p + 2 && *p == ','));
}

/* Is this run of initials an abbreviation ("U.S.", not "P. Simmons")? */
int
tagger_dotted(const struct toks *tk, size_t s, size_t e)
{
	size_t i;

	if (s == e)
		return 0;
	for (i = s; i <= e; i++)
		if (!tagger_initial(&tk->v[i]) || !tagger_sep_is(&tk->v[i], "."))
			return 0;
	return 1;
}

/* The context of each text: running text, or a line in capitals or
 * of capitalised words. The title is always a headline. */
int
tagger_text_ctx(const struct toks *tk, size_t lo, size_t hi, int title)
{
	size_t i, words = 0, caps = 0, upper = 0, digits = 0, commas = 0;

	for (i = lo; i < hi; i++) {
		const struct tok *k = &tk->v[i];

		if (i > lo && (k->flags & T_HARD)) {
			/* The bytes between two words: one or two, most
			 * often, where a call costs more than a loop. */
			const char *p = tk->v[i - 1].s + tk->v[i - 1].len;

			while (p < k->s && *p != ',')
				p++;
			commas += p < k->s;
		}

		if (!(k->flags & (T_UPPER | T_LOWER))) {
			digits++;
			continue;
		}
		if ((k->flags & T_APOS) && k->len == 1)
			continue;	/* the s of a possessive */
		words++;
		caps += (k->flags & T_CAP) != 0;
		upper += tagger_all_caps(k) && k->len > 1;
	}
	if (words > 0 && upper * 2 > words)
		return CTX_SHOUT;
	/* "Ken Green, Jerry Kelly, Tim Simpson": a list of names, each
	 * of a few words, is written as running text is. */
	if (!title && commas > 0 && words <= 3 * (commas + 1))
		return CTX_TEXT;
	if (title || (words >= 2 && caps == words && digits == 0))
		return CTX_TITLE;
	return CTX_TEXT;
}

/* Words in lower case after a capital, or initials: how names are
 * written ("NATO BLOC" is not a person). */
int
tagger_written_as_name(const struct toks *tk, size_t s, size_t e)
{
	size_t i;

	int spaced = 0;

	/* A letter ends no name: "Group B" is a group. */
	if (tagger_initial(&tk->v[e]))
		return 0;
	for (i = s; i <= e; i++) {
		if (!(tk->v[i].flags & T_LOWER) && !tagger_initial(&tk->v[i]))
			return 0;
		/* One hyphenated word ("Coca-Cola") is no first name and
		 * surname. */
		if (i > s && (tk->v[i].s[-1] == ' ' || tagger_initial(&tk->v[i - 1])))
			spaced = 1;
	}
	return spaced;
}

/*
 * Is text lo..hi a row of a table of results: names, each followed by
 * numbers ("Norwich 4 3 0 1 5 3 9", "Wigan 42 Bradford Bulls 36"),
 * not a dateline ("LONDON 1996-08-30")? The names in it are teams.
 */
int
tagger_table_row(const struct tagger *t, const struct toks *tk, size_t lo,
    size_t hi)
{
	size_t i, digits = 0;
	int after_name = 0;

	if (hi - lo < 3 || !tagger_nameword(t, tk, &tk->v[lo]))
		return 0;
	for (i = lo; i < hi; i++) {
		const struct tok *k = &tk->v[i];

		if (!(k->flags & (T_UPPER | T_LOWER))) {
			if (k->len == 4 && (k->s[0] == '1' || k->s[0] == '2'))
				return 0;	/* a year: a date */
			if (digits == 0 && !after_name)
				return 0;
			/* "Attendance: 12,000", bowling figures "4-38":
			 * a label or a player, not a team's score. */
			if (after_name && (k->flags & T_HARD))
				return 0;
			if (i > lo && k->s[-1] == '-' &&
			    !(tk->v[i - 1].flags & (T_UPPER | T_LOWER)))
				return 0;
			digits++;
			after_name = 0;
		} else if (k->flags & T_CAP)
			after_name = 1;
		else if (!tagger_listed(t, TAGGER_PARTICLE, tk, k) &&
		    !tagger_listed(t, TAGGER_CONNECT, tk, k))
			return 0;
	}
	return digits >= 2 && !after_name;
}

/* A phrase of common words: each is written in lower case elsewhere in
 * the article ("Cookie Policy" where "cookie" and "policy" are). */
int
tagger_common_words(struct lowers *lw, const struct toks *tk, size_t s, size_t e)
{
	size_t i;

	for (i = s; i <= e; i++)
		if (tagger_initial(&tk->v[i]) || !tagger_lower_elsewhere(lw, tk, &tk->v[i]))
			return 0;
	return 1;
}

/* A phrase of the language's words, not a person's name: its first
 * word is a common word that the word list never writes as a name and
 * its last is a word of the list ("Magic Mouse", "Lunch Break"; not
 * "Dieter Tarvo", whose surname the list lacks); or its last word is
 * such a common word that the article writes in lower case too
 * ("Nokel Keyboard" where "keyboard" is written; a surname that is a
 * common word is seldom written so beside it). */
int
tagger_dict_phrase(const struct tagger *t, struct lowers *lw,
    const struct toks *tk, size_t s, size_t e)
{
	const uint32_t *v;

	if (tagger_common_only(t, tk, &tk->v[e]) &&
	    tagger_lower_elsewhere(lw, tk, &tk->v[e]))
		return 1;
	if (!tagger_common_only(t, tk, &tk->v[s]))
		return 0;
	v = map64_get(&t->dict, tagger_tokhash(tk, &tk->v[e]));
	return v != NULL && (*v & DICT_LOWER);
}

/* Every word of s..e is a common word of the word list, never a name
 * ("Lunch Break", "Offender Registry"), or one is a brand's coinage
 * ("TarBook Air"): the name of a thing. */
int
tagger_common_all(const struct tagger *t, const struct toks *tk, size_t s,
    size_t e)
{
	size_t i;

	for (i = s; i <= e; i++)
		if (tagger_brand_word(t, tk, &tk->v[i]))
			return 1;
	for (i = s; i <= e; i++)
		if (!tagger_common_only(t, tk, &tk->v[i]))
			return 0;
	return 1;
}

/* Is the first word of s..e a common word that describes the bearer of
 * the name of two words or more after it ("Fullback Anna Tarvo")? Not
 * before another common word ("Magic Mouse Pad"), nor at the start of
 * a place ("New Karsby", where the gazetteer knows the whole) or of a
 * name with a word of bodies in it. */
int
tagger_describer(const struct tagger *t, const struct toks *tk, size_t s,
    size_t e)
{
	size_t i;

	if (e < s + 2 || !tagger_common_only(t, tk, &tk->v[s]) ||
	    tagger_common_only(t, tk, &tk->v[s + 1]) ||
	    tagger_place_first(t, tk, s, e))
		return 0;
	/* A body's name keeps its words ("Patriotic Union of ..."). */
	for (i = s; i <= e && t->suffixes.cap != 0; i++)
		if (tagger_hmap_get(&t->suffixes, tagger_tokhash(tk, &tk->v[i])) != NONE)
			return 0;
	return 1;
}

/* Does the name at s..e start with a place of several words or a
 * country's code ("U.S. Open", "Hong Kong Human Rights")? Then it
 * names an event, a body or a thing of that place, not a person. */
int
tagger_place_first(const struct tagger *t, const struct toks *tk, size_t s,
    size_t e)
{
	size_t k = s, j;
	uint32_t g;

	while (k < e && tagger_initial(&tk->v[k]) && tagger_sep_is(&tk->v[k], "."))
		k++;
	if (k > s + 1)
		return t->codes.cap != 0 && tagger_hmap_get(&t->codes,
		    tagger_span_key(tk, s, k - 1, 1)) != NONE;
	for (j = s + 1; j < e && t->gaz.cap != 0; j++)
		if ((g = tagger_hmap_get(&t->gaz, tagger_span_key(tk, s, j, 0))) !=
		    NONE && t->gkinds[g] != GAZ_COMMON)
			return 1;
	return 0;
}
