/*
 * article_tags.c: an article's tags (article_add_tag() of article.h),
 * each in one spelling and within the caps. The .md reader, the rules
 * and the build's cache all add tags through it, so it calls none of
 * them.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "parse/article.h"
#include "core/xalloc.h"

static void
add_tag(struct article *a, const char *kind, const char *name,
    const char *origin)
{
	size_t i;

	for (i = 0; i < a->ntags; i++)
		if (strcmp(a->tags[i].kind, kind) == 0 &&
		    strcmp(a->tags[i].name, name) == 0)
			return;
	/* Each tag is a page and a feed: one article may not make more
	 * than a bounded number, nor name one with a whole paragraph. */
	if (a->ntags >= ARTICLE_MAX_TAGS || strlen(name) > ARTICLE_MAX_TAG ||
	    strlen(kind) > ARTICLE_MAX_TAG) {
		a->tags_dropped++;
		return;
	}
	a->tags = xgrow(a->tags, a->ntags, sizeof(*a->tags));
	a->tags[a->ntags].kind = xstrdup(kind);
	a->tags[a->ntags].name = xstrdup(name);
	a->tags[a->ntags].origin = origin ? xstrdup(origin) : NULL;
	a->ntags++;
}

/* A tag's name as one spelling: NFC (so that "e" + U+0301 and U+00E9
 * make one tag), without the invisible characters that would make two
 * names look alike (zero-width spaces, bidi overrides). NULL when
 * nothing is left, or name is not UTF-8. Caller frees. */
static char *
tag_spelling(const char *name)
{
	utf8proc_uint8_t *out = NULL;

	if (utf8proc_map((const utf8proc_uint8_t *)name, 0, &out,
	    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
	    UTF8PROC_IGNORE) < 0)
		return NULL;
	if (*out == '\0') {
		free(out);
		return NULL;
	}
	return (char *)out;
}

/* Is s of printable ASCII? Then it is its own spelling: NFC leaves
 * ASCII alone, and no character of it is invisible. */
static int
plain_ascii(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++)
		if (*p < 0x20 || *p >= 0x7f)
			return 0;
	return 1;
}

void
article_add_tag(struct article *a, const char *kind, const char *name,
    const char *origin)
{
	char *spelt;

	/* Most names: no copy to make, nor Unicode tables to consult. */
	if (*name != '\0' && plain_ascii(name)) {
		add_tag(a, kind, name, origin);
		return;
	}
	spelt = tag_spelling(name);

	if (spelt == NULL) {
		a->tags_dropped++;
		return;
	}
	add_tag(a, kind, spelt, origin);
	free(spelt);
}
