/*
 * render_changes.c: what the archive remembers, shown on the site (every build
 * that changed an article is a revision): each article page's revision list,
 * and the "what changed" page (changes.html) and feed (changes.xml) of the
 * latest builds. The data come from render_opts.history (history.h); without an
 * archive, articles list no revisions and the page says so.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/render_int.h"
#include "core/xalloc.h"

/* Titles listed per kind and build; the rest are counted. */
#define CHANGES_TITLES	50

static void
set_time(json_t *o, long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char s[64], *iso = render_iso_time(tt);

	json_object_set_new(o, "date", json_string(iso));
	free(iso);
	gmtime_r(&tt, &tm);
	strftime(s, sizeof(s), "%Y-%m-%d %H:%M UTC", &tm);
	json_object_set_new(o, "date_display", json_string(s));
}

json_t *
render_revisions(const struct render *r, size_t i)
{
	const struct render_history *h = r->o->history;
	const struct render_revision *v;
	json_t *arr = json_array(), *o;
	size_t k;

	if (h == NULL || h->revs == NULL)
		return arr;
	v = h->revs[i];
	for (k = 0; k < h->nrevs[i]; k++) {
		o = json_object();
		json_object_set_new(o, "number",
		    json_integer((json_int_t)k + 1));
		set_time(o, v[k].time);
		json_object_set_new(o, "first", json_boolean(k == 0));
		/* Already HTML: escaped by the diff, marked with del/ins. */
		if (v[k].diff != NULL)
			json_object_set_new(o, "diff", json_string(v[k].diff));
		json_array_append_new(arr, o);
	}
	return arr;
}

/* The list key (and has_KEY, more_KEY) of one kind of change. */
static void
set_items(const struct render *r, json_t *o, const char *key,
    const struct strv *links, const struct strv *titles)
{
	char name[64];
	json_t *arr = json_array(), *it;
	size_t k;

	(void)r;
	for (k = 0; k < titles->n && k < CHANGES_TITLES; k++) {
		it = json_object();
		render_jset(it, "title", *titles->v[k] ? titles->v[k] :
		    "(untitled)");
		if (links != NULL) {
			struct buf b = BUF_INIT;

			buf_printf(&b, "%sindex.html", links->v[k]);
			json_object_set_new(it, "href", json_string(b.data));
			buf_dispose(&b);
		}
		json_array_append_new(arr, it);
	}
	snprintf(name, sizeof(name), "has_%s", key);
	json_object_set_new(o, name, json_boolean(titles->n > 0));
	snprintf(name, sizeof(name), "count_%s", key);
	json_object_set_new(o, name, json_integer((json_int_t)titles->n));
	if (titles->n > CHANGES_TITLES) {
		snprintf(name, sizeof(name), "more_%s", key);
		json_object_set_new(o, name,
		    json_integer((json_int_t)(titles->n - CHANGES_TITLES)));
	}
	json_object_set_new(o, key, arr);
}

/* "3 added, 1 corrected" */
static void
set_summary(json_t *o, const struct render_build *b)
{
	struct buf s = BUF_INIT;

	if (b->added.n > 0)
		buf_printf(&s, "%zu added", b->added.n);
	if (b->changed.n > 0)
		buf_printf(&s, "%s%zu corrected", s.len ? ", " : "",
		    b->changed.n);
	if (b->removed_titles.n > 0)
		buf_printf(&s, "%s%zu removed", s.len ? ", " : "",
		    b->removed_titles.n);
	json_object_set_new(o, "summary", json_string(s.data ? s.data : ""));
	buf_dispose(&s);
}

static json_t *
builds(const struct render *r)
{
	const struct render_history *h = r->o->history;
	const struct render_build *b;
	json_t *arr = json_array(), *o;
	char anchor[64], *abs;
	size_t k;

	for (k = 0; h != NULL && k < h->nbuilds; k++) {
		b = &h->builds[k];
		o = json_object();
		set_time(o, b->time);
		snprintf(anchor, sizeof(anchor), "build-%lld", b->time);
		json_object_set_new(o, "anchor", json_string(anchor));
		abs = render_abs(r, "changes.html");
		json_object_set_new(o, "link", json_pack("s++", abs, "#",
		    anchor));
		free(abs);
		set_summary(o, b);
		set_items(r, o, "added", &b->added, &b->added_titles);
		set_items(r, o, "changed", &b->changed, &b->changed_titles);
		set_items(r, o, "removed", NULL, &b->removed_titles);
		json_array_append_new(arr, o);
	}
	return arr;
}

int
render_changes(struct render *r)
{
	json_t *ctx = json_object(), *list = builds(r), *feed;
	char *s;

	json_object_set_new(ctx, "has_builds",
	    json_boolean(json_array_size(list) > 0));
	json_object_set_new(ctx, "builds", json_copy(list));
	if (render_page(r, "changes", "changes.html", ctx) < 0) {
		json_decref(list);
		return -1;
	}
	ctx = json_object();
	feed = json_object();
	s = render_abs(r, "changes.xml");
	json_object_set_new(feed, "self", json_string(s));
	json_object_set_new(feed, "id", json_string(s));
	free(s);
	s = render_abs(r, "changes.html");
	json_object_set_new(feed, "alternate", json_string(s));
	free(s);
	/* The newest build's time; with none, what the site feed says. */
	if (json_array_size(list) > 0)
		json_object_set(feed, "updated",
		    json_object_get(json_array_get(list, 0), "date"));
	else {
		s = r->norder > 0 ? render_iso(r,
		    article_date(r->o->articles[r->order[0]])) :
		    xstrdup(r->updated);
		json_object_set_new(feed, "updated", json_string(s));
		free(s);
	}
	json_object_set_new(ctx, "feed", feed);
	json_object_set_new(ctx, "builds", list);
	return render_page(r, "changes.xml", "changes.xml", ctx);
}
