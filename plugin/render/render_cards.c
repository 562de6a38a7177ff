/*
 * render_cards.c: the order of articles (newest first) and their cards,
 * the JSON objects that pages and lists show.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/md.h"
#include "render/render_int.h"
#include "core/utf8.h"
#include "core/xalloc.h"

/* {==== Article order and cards ==== */

/*
 * What the order of articles depends on, so that qsort needs no
 * context. An undated article takes its place by the day the archive
 * first saw it: lists are numbered from the oldest, and an undated
 * article put among the oldest (or anywhere but at its arrival) would
 * renumber every page after it.
 */
struct okey {
	char		 day[11];	/* YYYY-MM-DD: the date, or for an
					   undated article the day first seen */
	int		 undated;
	long long	 seen;		/* undated: when first seen */
	const char	*permalink;
	size_t		 i;
};

/* Newest first; on one day an undated article (it arrived that day)
 * before the dated ones, the later arrival first. */
static int
newest_first(const void *a, const void *b)
{
	const struct okey *x = a, *y = b;
	int c;

	if ((c = strcmp(y->day, x->day)) != 0)
		return c;
	if (x->undated != y->undated)
		return x->undated ? -1 : 1;
	if (x->seen != y->seen)
		return x->seen > y->seen ? -1 : 1;
	return strcmp(x->permalink, y->permalink);
}

/* When the archive first saw article i: its first revision, or this
 * build for an article it does not hold (or without an archive). */
static long long
first_seen(const struct render *r, size_t i)
{
	const struct render_history *h = r->o->history;

	if (h != NULL && h->nrevs != NULL && h->nrevs[i] > 0)
		return h->revs[i][0].time;
	return (long long)r->o->updated;
}

static void
order_key(struct okey *k, const struct render *r, size_t i)
{
	const struct article *a = r->o->articles[i];
	char *iso;

	k->permalink = a->permalink;
	k->i = i;
	k->undated = !render_date_ok(article_date(a));
	if (!k->undated) {
		memcpy(k->day, article_date(a), 10);
		k->day[10] = '\0';
		return;
	}
	k->seen = first_seen(r, i);
	iso = render_iso_time((time_t)k->seen);
	memcpy(k->day, iso, 10);
	k->day[10] = '\0';
	free(iso);
}

void
render_order_articles(struct render *r)
{
	struct okey *keys;
	struct pos pos;
	size_t i, n = 0;

	keys = xcalloc(r->o->n + 1, sizeof(*keys));
	for (i = 0; i < r->o->n; i++) {
		const struct article *a = r->o->articles[i];

		if (!render_permalink_ok(a->permalink)) {
			pos.file = a->path;
			pos.line = 0;
			diag_err(r->d, &pos, "unsafe permalink; page not "
			    "written");
			continue;
		}
		order_key(&keys[n++], r, i);
	}
	sort_array(keys, n, sizeof(*keys), newest_first);
	r->order = xcalloc(n + 1, sizeof(size_t));
	for (i = 0; i < n; i++)
		r->order[i] = keys[i].i;
	r->norder = n;
	free(keys);
}

static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

/* Cuts s (valid UTF-8) to at most max bytes on a character boundary,
 * marking the cut with an ellipsis. */
static void
truncate_utf8(char *s, size_t max)
{
	size_t len = strlen(s);

	if (len <= max)
		return;
	max = utf8_cut(s, max);
	memcpy(s + max, "\xe2\x80\xa6", 4);
}

static void
card_date(json_t *c, const struct article *a)
{
	const char *date = article_date(a);
	char s[64];

	if (!render_date_ok(date))
		return;
	json_object_set_new(c, "date", json_stringn(date, 10));
	snprintf(s, sizeof(s), "%d %s %.4s", atoi(date + 8),
	    months[(atoi(date + 5) + 11) % 12], date);
	json_object_set_new(c, "date_display", json_string(s));
	if (a->date_inferred)
		json_object_set_new(c, "date_inferred", json_true());
}

/* A term of the article as {kind, kind_title, name, href}, a new
 * reference to an object made once per term; NULL if the term has no
 * page. Shared by every card that names the term: read-only. */
static json_t *
term_json(const struct render *r, const char *kind, const char *name)
{
	const struct render_kind *k;
	struct render_term *t;
	json_t *o;
	char *href;

	if (name == NULL ||
	    (t = (struct render_term *)render_term(r, kind, name, &k)) == NULL)
		return NULL;
	if (t->json != NULL)
		return json_incref(t->json);
	o = json_object();
	json_object_set_new(o, "kind", json_string(k->name));
	json_object_set_new(o, "kind_title", json_string(k->title));
	json_object_set_new(o, "name", json_string(t->name));
	href = render_term_href(k, t);
	json_object_set_new(o, "href", json_string(href));
	free(href);
	t->json = o;
	return json_incref(o);
}

static json_t *
card_tags(const struct render *r, const struct article *a)
{
	json_t *tags = json_array(), *t;
	size_t i, j;

	for (i = 0; i < r->nkinds; i++)
		for (j = 0; j < a->ntags; j++)
			if (strcmp(a->tags[j].kind, r->kinds[i].name) == 0 &&
			    (t = term_json(r, a->tags[j].kind,
			    a->tags[j].name)) != NULL)
				json_array_append_new(tags, t);
	return tags;
}

static json_t *
make_card(const struct render *r, const struct article *a)
{
	json_t *c = json_object(), *authors = json_array(), *t;
	char *s;
	size_t i;

	s = render_clean(a->title && *a->title ? a->title : "Untitled");
	truncate_utf8(s, 300);
	json_object_set_new(c, "title", json_string(s));
	free(s);
	json_object_set_new(c, "permalink", json_string(a->permalink));
	s = xmalloc(strlen(a->permalink) + sizeof("index.html"));
	memcpy(s, a->permalink, strlen(a->permalink));
	memcpy(s + strlen(a->permalink), "index.html", sizeof("index.html"));
	json_object_set_new(c, "href", json_string(s));
	free(s);
	card_date(c, a);
	render_jset(c, "dateline", a->dateline);
	if (render_lang_ok(a->language))
		render_jset(c, "language", a->language);
	if ((t = term_json(r, "sources", a->source)) != NULL)
		json_object_set_new(c, "source", t);
	if ((t = term_json(r, "agencies", a->agency)) != NULL)
		json_object_set_new(c, "agency", t);
	for (i = 0; i < a->authors.n; i++) {
		t = json_object();
		render_jset(t, "name", a->authors.v[i]);
		json_array_append_new(authors, t);
	}
	json_object_set_new(c, "authors", authors);
	s = md_summary(a);
	render_jset(c, "summary", s);
	free(s);
	json_object_set_new(c, "tags", card_tags(r, a));
	return c;
}

void
render_make_cards(struct render *r)
{
	size_t i;

	r->cards = xcalloc(r->o->n + 1, sizeof(json_t *));
	for (i = 0; i < r->norder; i++) {
		r->cards[r->order[i]] = make_card(r,
		    r->o->articles[r->order[i]]);
		render_key_stable(r, r->cards[r->order[i]]);
	}
}

json_t *
render_card(const struct render *r, size_t i)
{
	return i < r->o->n ? r->cards[i] : NULL;
}

/*
 * Article i's card for a list (a new reference to an object made once),
 * or NULL. Mustache looks a name up
 * from the innermost context out, so a key that the listed card lacks
 * would be found on the page itself (an undated copy would show the
 * page's date, one without an outlet the page's outlet): the card's
 * optional keys are null here instead. "outlet" is who published it: the
 * source's name, else the agency's.
 */
json_t *
render_list_card(struct render *r, size_t i)
{
	static const char *const optional[] = {
		"date", "date_display", "date_inferred", "dateline",
		"language", "source", "agency", "summary"
	};
	json_t *c = render_card(r, i), *o;
	size_t k;

	if (c == NULL)
		return NULL;
	if (r->lcards == NULL)
		r->lcards = xcalloc(r->o->n + 1, sizeof(json_t *));
	if (r->lcards[i] != NULL)
		return json_incref(r->lcards[i]);
	c = json_copy(c);
	for (k = 0; k < sizeof(optional) / sizeof(*optional); k++)
		if (json_object_get(c, optional[k]) == NULL)
			json_object_set_new(c, optional[k], json_null());
	o = json_object_get(c, "source");
	if (!json_is_object(o))
		o = json_object_get(c, "agency");
	json_object_set(c, "outlet", json_is_object(o) ?
	    json_object_get(o, "name") : json_null());
	r->lcards[i] = c;
	render_key_stable(r, c);
	return json_incref(c);
}

/* ====} */
