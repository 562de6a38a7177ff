/*
 * extract_body.c: the body's units judged (paragraph, subhead, caption,
 * key point, boilerplate, credit), the footer cut after the last
 * paragraph, repeats dropped, and the fields collected (extract_int.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse/byline.h"
#include "parse/extract_int.h"
#include "parse/text.h"
#include "core/map.h"
#include "core/xalloc.h"

/* A labelled or broken URL at unit i: taken, with its rest. */
static int
take_labelled_url(struct ctx *c, size_t i)
{
	const char *next = i + 1 < c->u.n && c->u.v[i + 1].kind == U_BODY ?
	    c->u.v[i + 1].text : NULL;
	char *url;
	int joined;

	if (starts(c->u.v[i].text, "http") ||
	    strstr(c->u.v[i].text, ": http") == NULL ||
	    (url = extract_labelled_url(c->u.v[i].text, next, &joined)) ==
	    NULL)
		return 0;
	if (c->a->url == NULL || joined) {
		free(c->a->url);
		c->a->url = url;
	} else
		free(url);
	c->u.v[i].kind = U_META;
	if (joined)
		c->u.v[i + 1].kind = U_META;
	return 1;
}

/* "Source: Outlet" under the story. */
static int
take_source_line(struct ctx *c, size_t i)
{
	const char *s = extract_source_line(c->u.v[i].text);

	if (s == NULL)
		return 0;
	extract_set_str(&c->a->source, s);
	c->u.v[i].kind = U_META;
	return 1;
}

static void
mark_rest(struct ctx *c, size_t from)
{
	size_t i;
	char *url;

	for (i = from; i < c->u.n; i++) {
		struct unit *u = &c->u.v[i];

		if (take_labelled_url(c, i) || take_source_line(c, i))
			continue;
		if ((url = extract_url(u->text)) != NULL) {
			extract_set_str(&c->a->url, url);
			free(url);
			u->kind = U_META;
		} else if (strcasecmp(u->text, "Original url:") == 0 ||
		    strcasecmp(u->text, "Source:") == 0)
			u->kind = U_META;
		else if (extract_is_credit(u->text))
			u->kind = U_BOILER;
		else if (u->kind == U_BODY)
			u->kind = U_BOILER;
	}
}

static void
judge_unit(struct ctx *c, size_t i)
{
	struct unit *u = &c->u.v[i];
	char *url, *h;

	if (take_labelled_url(c, i) || take_source_line(c, i))
		return;
	if ((url = extract_url(u->text)) != NULL) {
		extract_set_str(&c->a->url, url);
		free(url);
		u->kind = U_META;
	} else if (strcasecmp(u->text, "Original url:") == 0)
		u->kind = U_META;
	else if (starts(u->text, "\xe2\x80\xa2"))
		u->kind = U_KEYPOINT;
	else if (extract_is_credit(u->text))
		u->kind = U_BOILER;
	else if (unit_boiler(u))
		u->kind = U_BOILER;
	else if (unit_caption(u))
		u->kind = U_CAPTION;
	else if ((h = extract_afp_subhead(u->text)) != NULL) {
		free(u->text);
		u->text = h;
		u->memo = 0;
		u->kind = U_SUBHEAD;
	} else if (starts(u->text, "* ") && !unit_prose(u))
		u->kind = U_BOILER;	/* a related-link bullet */
	else if (c->a->title != NULL && extract_same_headline(u->text, c->a->title))
		u->kind = U_BOILER;
}

/* Whether s is a URL line (extract_url's copy is not kept). */
static int
is_url_line(const char *s)
{
	char *url = extract_url(s);
	int yes = url != NULL;

	free(url);
	return yes;
}

/* The next (dir = 1) or previous (-1) unit still taken as body. */
static struct unit *
neighbour(struct ctx *c, size_t i, int dir)
{
	size_t j = i;

	for (;;) {
		if (dir < 0 && j == c->body)
			return NULL;
		j = dir < 0 ? j - 1 : j + 1;
		if (j >= c->u.n)
			return NULL;
		if (c->u.v[j].kind == U_BODY || c->u.v[j].kind == U_SUBHEAD)
			return &c->u.v[j];
	}
}

/* A text of one paragraph per line, without blank lines: there every
 * line stands alone, as a blank line would show elsewhere. */
static int
one_per_line(struct ctx *c)
{
	size_t i;

	for (i = c->body; i < c->u.n; i++)
		if (c->u.v[i].blank_before > 0)
			return 0;
	return c->u.n > c->body && !(c->flags & EXTRACT_WRAPPED);
}

static int
standalone(struct ctx *c, size_t i, int flat)
{
	struct unit *u = &c->u.v[i];

	if (u->hard || flat)
		return 1;
	if (i + 1 >= c->u.n)
		return 0;
	return (u->blank_before > 0 && c->u.v[i + 1].blank_before > 0) ||
	    c->u.v[i + 1].line > u->line + 1 || (c->flags & EXTRACT_WEB);
}

/* Short lines between paragraphs are subheads; longer headline-like
 * lines there are teasers for other stories. A run of short lines is a
 * list and stays body; a fragment followed by lower case is body. */
static void
find_subheads(struct ctx *c)
{
	size_t i;
	struct unit *n, *p;
	unsigned char f;
	int flat = one_per_line(c);

	for (i = c->body; i < c->u.n; i++) {
		struct unit *u = &c->u.v[i];

		if (u->kind != U_BODY || !standalone(c, i, flat) ||
		    (c->flags & EXTRACT_WRAPPED))
			continue;
		n = neighbour(c, i, 1);
		p = neighbour(c, i, -1);
		f = n != NULL ? (unsigned char)n->text[0] : 'A';
		if ((f >= 'a' && f <= 'z') || (f == 0xd0 &&
		    (unsigned char)n->text[1] >= 0xb0))
			continue;	/* a fragment cut from a sentence */
		if (extract_is_subhead_shape(u->text)) {
			if (n == NULL || !unit_prose(n) ||
			    (p != NULL && p->kind == U_BODY &&
			    extract_is_subhead_shape(p->text)))
				continue;
			u->kind = U_SUBHEAD;
		} else if (extract_is_teaser_shape(u->text) && p != NULL &&
		    standalone(c, i, 0) &&	/* flat text: no sign of one */
		    unit_prose(p) && !(c->flags & EXTRACT_WEB) &&
		    (n == NULL || unit_prose(n) ||
		    extract_is_subhead_shape(n->text)))
			u->kind = U_BOILER;
	}
}

#define SUBHEAD_REPEATS	3

/* In a web page, a heading or short line said SUBHEAD_REPEATS times or
 * more (a label over every box: "Summary", "Advertisement") heads no
 * part of the story. */
static void
drop_repeated_subheads(struct ctx *c)
{
	const char **texts;
	unsigned *rep;
	size_t i;

	texts = xcalloc(c->u.n + 1, sizeof(*texts));
	rep = xcalloc(c->u.n + 1, sizeof(*rep));
	for (i = 0; i < c->u.n; i++)
		texts[i] = c->u.v[i].text;
	blocks_repeats(rep, texts, c->u.n);
	for (i = c->body; i < c->u.n; i++)
		if (rep[i] >= SUBHEAD_REPEATS && (c->u.v[i].kind == U_SUBHEAD ||
		    (c->u.v[i].kind == U_BODY &&
		    !text_sentence_end(c->u.v[i].text) &&
		    extract_words_max(c->u.v[i].text, 7) <= 6)))
			c->u.v[i].kind = U_BOILER;
	free(rep);
	free(texts);
}

/*
 * The first three bytes of each word after a space, hashed into 512
 * bits: a text that holds another has every bit of the other's set,
 * and two paragraphs that do not are told apart here without a search.
 * Only the bytes after a space are hashed, which costs a compare per
 * byte and a hash per word.
 */
#define SIG_WORDS	8
#define SIG_MIN_UNITS	16	/* below, the searches cost less */

struct sig {
	uint64_t	w[SIG_WORDS];
};

static void
sig_gram(struct sig *g, const unsigned char *p)
{
	uint32_t h = ((uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2]) *
	    0x9e3779b1u >> 23;

	g->w[h >> 6] |= (uint64_t)1 << (h & 63);
}

#define ONES	0x0101010101010101ull
#define HIGHS	0x8080808080808080ull

/* Adds to g the three bytes after each space of s that end in
 * [from, to). The spaces are found eight bytes at a time. */
static void
sig_add(struct sig *g, const char *s, size_t from, size_t to)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t q = from > 3 ? from - 3 : 0, k;
	uint64_t x, sp;

	if (to < 3)
		return;
	for (; q + 8 <= to - 3; q += 8) {
		memcpy(&x, p + q, 8);
		x ^= ONES * ' ';
		sp = ~(((x & ~HIGHS) + ~HIGHS) | x) & HIGHS;
		for (; sp != 0; sp &= sp - 1) {
			k = (size_t)__builtin_ctzll(sp) >> 3;
			sig_gram(g, p + q + k + 1);
		}
	}
	for (; q < to - 3; q++)
		if (p[q] == ' ')
			sig_gram(g, p + q + 1);
}

/* Whether every bit of part is set in whole. */
static int
sig_within(const struct sig *part, const struct sig *whole)
{
	uint64_t miss = 0;
	size_t k;

	for (k = 0; k < SIG_WORDS; k++)
		miss |= part->w[k] & ~whole->w[k];
	return miss == 0;
}

/* Paragraphs repeated later, or contained in a longer paragraph (pull
 * quotes, summaries), are kept once. */
static void
drop_repeats(struct ctx *c)
{
	size_t i, j, n = c->u.n, *len, *core, *words;
	struct sig *sig = NULL, *core_sig = NULL;
	const char *sp;

	if (n > 1500)
		return;
	/* Every pair is looked at: the lengths and words are taken once,
	 * and a text shorter than the paragraph's core cannot hold it. The
	 * core is the paragraph without its last word, which a page may
	 * have glued on ("... Close"), when the paragraph is long. With
	 * many paragraphs, a text without the first bytes of every word of
	 * the core (struct sig) cannot hold it either: hashing those costs
	 * less than most of the searches it saves. */
	len = xcalloc(n + 1, sizeof(*len));
	core = xcalloc(n + 1, sizeof(*core));
	words = xcalloc(n + 1, sizeof(*words));
	if (n - c->body > SIG_MIN_UNITS) {
		sig = xcalloc(n + 1, sizeof(*sig));
		core_sig = xcalloc(n + 1, sizeof(*core_sig));
	}
	for (i = c->body; i < n; i++) {
		const char *t = c->u.v[i].text;

		len[i] = core[i] = strlen(t);
		words[i] = extract_words_max(t, 20);
		if (words[i] >= 20 && (sp = strrchr(t, ' ')) != NULL)
			core[i] = (size_t)(sp - t);
		if (sig == NULL)
			continue;
		sig_add(&core_sig[i], t, 0, core[i]);
		sig[i] = core_sig[i];
		sig_add(&sig[i], t, core[i], len[i]);
	}
	for (i = c->body; i < n; i++) {
		struct unit *u = &c->u.v[i];
		char cut = u->text[core[i]];
		size_t cl = core[i];

		if (u->kind != U_BODY || words[i] < 6)
			continue;
		u->text[cl] = '\0';	/* put back below */
		for (j = c->body; j < n; j++) {
			struct unit *v = &c->u.v[j];
			size_t ul = len[i], vl = len[j];
			int near = ul + 24 > vl && vl + 24 > ul;

			if (j == i || (v->kind != U_BODY &&
			    v->kind != U_CAPTION))
				continue;
			/* Copies of the same length: the last one stays. */
			if ((!near || j > i) && vl >= cl &&
			    (sig == NULL ||
			    sig_within(&core_sig[i], &sig[j])) &&
			    strstr(v->text, u->text) != NULL) {
				u->kind = U_BOILER;
				break;
			}
		}
		u->text[cl] = cut;
	}
	free(core_sig);
	free(sig);
	free(words);
	free(core);
	free(len);
}

/* A short line without a sentence's end right above a good block: a
 * subhead, left for find_subheads to judge (not a photo's caption
 * closed by its credit). */
static int
subhead_above_prose(struct ctx *c, size_t i)
{
	return i + 1 < c->u.n && c->cls[i + 1] == BLOCKS_GOOD &&
	    !text_sentence_end(c->u.v[i].text) &&
	    !blocks_credit_tail(c->u.v[i].text) &&
	    extract_words_max(c->u.v[i].text, 16) <= 15;
}

/* In a web page, body units after the main run of prose, or classed as
 * furniture inside it, are boilerplate. */
static void
drop_furniture(struct ctx *c)
{
	size_t i;

	if (c->cls == NULL || c->run == c->run_end)
		return;
	for (i = c->body; i < c->u.n; i++) {
		struct unit *u = &c->u.v[i];

		if (u->kind != U_BODY)
			continue;
		if (i >= c->run_end) {
			mark_rest(c, i);
			break;
		}
		if (c->cls[i] == BLOCKS_BAD && !subhead_above_prose(c, i))
			u->kind = U_BOILER;
	}
}

void
extract_judge_body(struct ctx *c)
{
	size_t i, last = c->u.n, nbody = 0;
	int teasers = 0;

	for (i = c->body; i < c->u.n; i++) {
		struct unit *u = &c->u.v[i];

		if (u->kind != U_BODY)
			continue;
		if (extract_is_teaser_marker(u->text)) {
			teasers = 1;
			u->kind = U_BOILER;
			continue;
		}
		if (teasers && extract_words_max(u->text, 25) < 25 &&
		    !is_url_line(u->text)) {
			u->kind = U_BOILER;
			continue;
		}
		teasers = 0;
		if (extract_is_end_marker(u->text) || (nbody >= 2 &&
		    u->blank_before >= 3 && c->cls == NULL &&
		    !(c->flags & EXTRACT_WRAPPED))) {
			mark_rest(c, i);
			break;
		}
		judge_unit(c, i);
		if (u->kind == U_BODY)
			nbody++;
	}
	/* The footer: what follows the last sentence-like paragraph. */
	if ((c->flags & EXTRACT_WEB) && c->run < c->run_end)
		drop_furniture(c);
	else if (c->flags & EXTRACT_WEB) {
		for (i = c->u.n; i-- > c->body;)
			if (c->u.v[i].kind == U_BODY &&
			    unit_prose(&c->u.v[i])) {
				last = i + 1;
				break;
			}
		mark_rest(c, last);
	}
	find_subheads(c);
	if (c->cls != NULL)
		drop_repeated_subheads(c);
	drop_repeats(c);
}

/* A signature glued to the last sentence: "...огонь.Василий Сычёв". */
static size_t
glued_signature(const char *text)
{
	size_t len = strlen(text), i;

	for (i = len; i-- > 1;) {
		if ((text[i - 1] == '.' || text[i - 1] == '!' ||
		    text[i - 1] == '?') && text[i] != ' ' &&
		    byline_is_names(text + i, len - i) &&
		    extract_words_max(text + i, 3) >= 2 &&
		    extract_words_max(text + i, 3) <= 3)
			return i;
		if (len - i > 60)
			break;
	}
	return 0;
}

/* At most this many words in a line of a page's tail (below). */
#define TAIL_WORDS	16

/*
 * A story ends with a sentence, or with the rows of a table or list,
 * which carry figures. The short lines of words alone after the last
 * of those are the page's furniture: a box's heading and the other
 * stories it lists, a heading with nothing under it. Nothing is taken
 * when no line ends the story.
 */
static void
drop_tail(struct ctx *c)
{
	size_t i, k;

	for (i = c->u.n; i-- > c->body;) {
		const char *t = c->u.v[i].text;

		if (c->u.v[i].kind != U_BODY && c->u.v[i].kind != U_SUBHEAD)
			continue;
		if (text_sentence_end(t) || strpbrk(t, "0123456789") ||
		    extract_words_max(t, TAIL_WORDS) > TAIL_WORDS)
			break;
	}
	if (i + 1 == 0 || i < c->body)
		return;
	for (k = i + 1; k < c->u.n; k++)
		if (c->u.v[k].kind == U_BODY || c->u.v[k].kind == U_SUBHEAD)
			c->u.v[k].kind = U_BOILER;
}

/* The end of the body: a page's furniture, glued credits and
 * signatures, and a heading with nothing under it. */
void
extract_tidy_end(struct ctx *c)
{
	size_t i, cut;
	struct unit *u = NULL;

	if (c->flags & EXTRACT_WEB)
		drop_tail(c);
	for (i = c->u.n; i-- > c->body;)
		if (c->u.v[i].kind == U_BODY) {
			u = &c->u.v[i];
			break;
		}
	if (u == NULL)
		return;
	if (extract_is_subhead_shape(u->text) && byline_is_caps(u->text) &&
	    extract_words_max(u->text, 2) >= 2) {
		u->kind = U_BOILER;
		return;
	}
	for (i = c->body; i < c->u.n; i++) {
		char *p = c->u.v[i].kind == U_BODY ?
		    strstr(c->u.v[i].text, "(c)") : NULL;

		if (p != NULL && p > c->u.v[i].text && strlen(p) < 60 &&
		    strchr(p, '/') != NULL) {
			strv_push(&c->a->captions, p);
			*p = '\0';
			c->u.v[i].memo = 0;
		}
	}
	if ((cut = glued_signature(u->text)) > 0 && c->a->authors.n == 0) {
		strv_push(&c->a->authors, u->text + cut);
		u->text[cut] = '\0';
		u->memo = 0;
	}
}

/* The dateline opens the first paragraph. */
void
extract_cut_dateline(struct ctx *c)
{
	size_t i, n;
	char *pl, *ag, *ol;

	for (i = c->body; i < c->u.n; i++)
		if (c->u.v[i].kind == U_BODY || c->u.v[i].kind == U_SUBHEAD)
			break;
	if (i == c->u.n)
		return;
	if (extract_words_max(c->u.v[i].text, 3) <= 3 &&
	    strlen(c->u.v[i].text) >= 4 &&
	    byline_is_caps(c->u.v[i].text) && i + 1 < c->u.n &&
	    unit_prose(&c->u.v[i + 1]) &&
	    strpbrk(c->u.v[i].text, ".:!?") == NULL) {
		extract_set_str(&c->a->dateline, c->u.v[i].text);
		c->u.v[i].kind = U_META;
		return;
	}
	n = byline_dateline(&pl, &ag, &ol, c->u.v[i].text);
	if (n > 0 && c->u.v[i].text[n] != '\0') {
		char *rest = xstrdup(c->u.v[i].text + n);

		free(c->u.v[i].text);
		c->u.v[i].text = rest;
		c->u.v[i].memo = 0;
		extract_set_str(&c->a->dateline, pl);
		extract_set_str(&c->a->agency, ag);
		extract_set_str(&c->a->source, ol);
	}
	free(pl), free(ag), free(ol);
}

/* The boilerplate lines are kept once each: seen (core/map) holds those
 * taken, so that a text of many thousands of lines is not compared line
 * by line with all the others. Adds sv->v[k] (borrowed) unless an equal
 * string is there; returns whether it was added. */
static int
seen_add(struct map *seen, const struct strv *sv, size_t k)
{
	int added;

	map_put(seen, sv->v[k], strlen(sv->v[k]), &added);
	return added;
}

void
extract_collect(struct ctx *c)
{
	struct article *a = c->a;
	struct map seen = MAP_INIT;
	size_t i, nb = 0;

	/* The body blocks are counted first and their array sized once. */
	for (i = 0; i < c->u.n; i++)
		nb += c->u.v[i].kind == U_BODY || c->u.v[i].kind == U_SUBHEAD;
	if (nb > 0)
		a->body = xreallocarray(a->body, a->nbody + nb,
		    sizeof(*a->body));
	for (i = 0; i < a->boilerplate.n; i++)
		(void)seen_add(&seen, &a->boilerplate, i);
	for (i = 0; i < c->u.n; i++) {
		struct unit *u = &c->u.v[i];

		switch (u->kind) {
		case U_BODY:
		case U_SUBHEAD:
			/* The list takes a copy, the block the unit's own
			 * text (freed with the article now). */
			if (u->kind == U_BODY)
				strv_push(&a->paragraphs, u->text);
			else
				strv_push(&a->subheads, u->text);
			a->body[a->nbody].kind = u->kind == U_BODY ?
			    BLOCK_PARAGRAPH : BLOCK_SUBHEAD;
			a->body[a->nbody].text = u->text;
			u->text = NULL;
			a->body[a->nbody].line = u->line;
			a->nbody++;
			break;
		case U_CAPTION:
			strv_push(&a->captions, u->text);
			break;
		case U_KEYPOINT:
			if (u->text[3 + strspn(u->text + 3, " \t")] != '\0')
				strv_push(&a->key_points, u->text + 3 +
				    strspn(u->text + 3, " \t"));
			break;
		case U_BOILER:
			/* Pushed, then taken back if a copy was there. */
			strv_push(&a->boilerplate, u->text);
			if (!seen_add(&seen, &a->boilerplate,
			    a->boilerplate.n - 1))
				free(a->boilerplate.v[--a->boilerplate.n]);
			break;
		case U_META:
		case U_DROP:
			break;
		}
	}
	map_dispose(&seen);
}
