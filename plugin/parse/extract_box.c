/*
 * extract_box.c: the box about the company under a press release.
 *
 * A release ends with a profile of the company that issued it ("Acme is
 * a maker of ...", "Acme is headquartered in ..."), set apart from the
 * story by a heading that names the company ("About Acme", in any
 * language) or by a wider gap than any inside the story. It says the
 * same on every release of that company, so it is furniture, not the
 * news; what follows it (contacts, a newsletter prompt) is too.
 */
#include <stdlib.h>
#include <string.h>

#include "parse/extract.h"
#include "parse/extract_int.h"

/* "Acme is a ...": the copula after a name, in the languages whose
 * function words we list. */
static const char *const copulas[] = {
	"is", "ist", "est", "es", "\xc3\xa8", "\xc3\xa9", "adalah",
	"merupakan", "\xd1\x8f\xd0\xb2\xd0\xbb\xd1\x8f\xd0\xb5\xd1\x82\xd1"
	"\x81\xd1\x8f",
};

/* A box has at most BOX_UNITS body paragraphs from its profile on, and
 * the story above it at least BOX_STORY paragraphs. */
#define BOX_UNITS	6
#define BOX_STORY	3
/* A profile's name: one to NAME_WORDS capitalised words. */
#define NAME_WORDS	3

static int
is_copula(const char *w, size_t len)
{
	size_t k;

	for (k = 0; k < sizeof(copulas) / sizeof(copulas[0]); k++)
		if (copulas[k][0] == *w && strlen(copulas[k]) == len &&
		    memcmp(copulas[k], w, len) == 0)
			return 1;
	return 0;
}

static int
capital_at(const char *s)
{
	return (*s >= 'A' && *s <= 'Z') || ((unsigned char)*s >= 0xc3 &&
	    (unsigned char)*s <= 0xd0);
}

size_t
extract_profile_name(const char *s)
{
	const char *p = s, *w, *end = NULL;
	size_t n;

	for (n = 0; n <= NAME_WORDS; n++) {
		for (w = p; *p != '\0' && *p != ' ' && *p != ',';)
			p++;
		if (p == w)
			return 0;
		if (n > 0 && is_copula(w, (size_t)(p - w)))
			return end != NULL && *p == ' ' ? (size_t)(end - s) : 0;
		if (n == NAME_WORDS || !capital_at(w) || *p != ' ')
			return 0;
		end = p;
		p++;
	}
	return 0;
}

/* Whether name (len bytes) is the company the page is about: the title
 * names it, or two paragraphs of the story above unit i do. */
static int
named_above(const struct ctx *c, const char *name, size_t len, size_t i)
{
	char *n = xstrndup(name, len);
	size_t k, seen = 0;

	if (c->a->title != NULL && strstr(c->a->title, n) != NULL)
		seen = 2;
	for (k = c->body; k < i && seen < 2; k++)
		seen += c->u.v[k].kind == U_BODY &&
		    strstr(c->u.v[k].text, n) != NULL;
	free(n);
	return seen >= 2;
}

/* Whether unit i is set apart from the story above it: its heading
 * names the company, or the gap before it is wider than any between the
 * story's paragraphs. */
static int
set_apart(const struct ctx *c, size_t i, const char *name, size_t len)
{
	const struct unit *h = &c->u.v[i - 1];
	char *n;
	size_t k;
	int wide = c->u.v[i].blank_before >= 2, ok;

	n = xstrndup(name, len);
	ok = extract_words_max(h->text, 5) <= 5 && strstr(h->text, n) != NULL &&
	    extract_last_cp(h->text) != '.';
	free(n);
	if (ok)
		return 2;
	for (k = c->body + 1; k < i && wide; k++)
		if (c->u.v[k].kind == U_BODY &&
		    c->u.v[k].blank_before >= c->u.v[i].blank_before)
			wide = 0;
	return wide;
}

void
extract_drop_profile(struct ctx *c)
{
	size_t i, len, story = 0, after, k;
	int apart;

	for (i = c->body; i < c->u.n; i++) {
		if (c->u.v[i].kind != U_BODY)
			continue;
		if (story >= BOX_STORY && i > 0 &&
		    (len = extract_profile_name(c->u.v[i].text)) > 0) {
			for (after = 0, k = i; k < c->u.n; k++)
				after += c->u.v[k].kind == U_BODY;
			if (after <= BOX_UNITS &&
			    named_above(c, c->u.v[i].text, len, i) &&
			    (apart = set_apart(c, i, c->u.v[i].text,
			    len)) > 0) {
				if (apart == 2)
					c->u.v[i - 1].kind = U_BOILER;
				for (k = i; k < c->u.n; k++)
					if (c->u.v[k].kind == U_BODY ||
					    c->u.v[k].kind == U_SUBHEAD)
						c->u.v[k].kind = U_BOILER;
				return;
			}
		}
		story++;
	}
}
