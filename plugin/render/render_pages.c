/*
 * render_pages.c: one function per kind of page of the site,
 * each building the context its template documents in docs/templates.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/md.h"
#include "render/render_int.h"
#include "core/xalloc.h"

static const char *const month_names[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

static void
set_int(json_t *o, const char *key, size_t v)
{
	json_object_set_new(o, key, json_integer((json_int_t)v));
}

static void
set_str(json_t *o, const char *key, const char *s)
{
	json_object_set_new(o, key, json_string(s));
}

/* "1 article", "12 articles" */
static void
set_count_text(json_t *o, size_t n)
{
	char s[64];

	snprintf(s, sizeof(s), "%zu article%s", n, n == 1 ? "" : "s");
	set_str(o, "count_text", s);
}

/* Sets key to the array arr (taking it) and has_KEY to whether it has
 * elements, since a Mustache section over an array repeats. */
static void
set_list(json_t *o, const char *key, json_t *arr)
{
	char has[64];

	snprintf(has, sizeof(has), "has_%s", key);
	json_object_set_new(o, has, json_boolean(json_array_size(arr) > 0));
	json_object_set_new(o, key, arr);
}

/* {==== Article pages ==== */

/* The page of a tag a rule asked to link (md_links): the term's page
 * as the site names it, unique slug and all; NULL if it has none. */
static char *
mention_href(void *arg, const char *kind, const char *name)
{
	const struct render *r = arg;
	const struct render_kind *k;
	const struct render_term *t;

	if ((t = render_term(r, kind, name, &k)) == NULL)
		return NULL;
	return render_term_href(k, t);
}

/* The body as HTML, its mentions linked to the tag pages (index.html
 * included, so that they work from file:// too). */
static char *
body_html(const struct render *r, const struct article *a, const char *root)
{
	struct md_links links = { mention_href, (void *)r };

	return md_body_html_links(a, root, &links);
}

/*
 * A JSON string as json_dumps() writes it, then made safe inside <script> as
 * render_json_script() does: <, >, &, U+2028 and U+2029 as \u escapes, so that
 * no "</script" or "<!--" can appear, whatever the input holds.
 */
/* What ld_str() must look at: controls, quote, backslash, markup and
 * the first byte of U+2028 and U+2029. */
static const char ld_special[] = "\"\\<>&\xe2"
    "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"
    "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f";

static void
ld_str(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *u = (const unsigned char *)s;

	buf_putc(b, '"');
	for (; *u != '\0'; u++) {
		size_t k = strcspn((const char *)u, ld_special);

		buf_put(b, (const char *)u, k);
		if ((u += k)[0] == '\0')
			break;
		switch (*u) {
		case '"':	BUF_PUTSL(b, "\\\""); continue;
		case '\\':	BUF_PUTSL(b, "\\\\"); continue;
		case '\b':	BUF_PUTSL(b, "\\b"); continue;
		case '\f':	BUF_PUTSL(b, "\\f"); continue;
		case '\n':	BUF_PUTSL(b, "\\n"); continue;
		case '\r':	BUF_PUTSL(b, "\\r"); continue;
		case '\t':	BUF_PUTSL(b, "\\t"); continue;
		case '<':	BUF_PUTSL(b, "\\u003c"); continue;
		case '>':	BUF_PUTSL(b, "\\u003e"); continue;
		case '&':	BUF_PUTSL(b, "\\u0026"); continue;
		}
		if (*u < 0x20) {
			BUF_PUTSL(b, "\\u00");
			buf_putc(b, hex[*u >> 4]);
			buf_putc(b, hex[*u & 15]);
		} else if (u[0] == 0xe2 && u[1] == 0x80 &&
		    (u[2] == 0xa8 || u[2] == 0xa9)) {
			BUF_PUTSL(b, "\\u202");
			buf_putc(b, u[2] == 0xa8 ? '8' : '9');
			u += 2;
		} else
			buf_putc(b, (char)*u);
	}
	buf_putc(b, '"');
}

/* ,"key":"value" (the value from a JSON string; nothing if absent) */
static void
ld_field(struct buf *b, const char *key, const json_t *v)
{
	if (!json_is_string(v))
		return;
	BUF_PUTSL(b, ",\"");
	buf_puts(b, key);
	BUF_PUTSL(b, "\":");
	ld_str(b, json_string_value(v));
}

/* The schema.org NewsArticle of an article, as text safe inside
 * <script type="application/ld+json">: compact JSON written directly
 * (every page has one; jansson's dump was a tenth of the render). */
static char *
jsonld(const struct render *r, const struct article *a, json_t *card)
{
	struct buf b = BUF_INIT;
	json_t *v, *tags;
	char *url;
	size_t i, k;

	BUF_PUTSL(&b, "{\"@context\":\"https://schema.org\","
	    "\"@type\":\"NewsArticle\"");
	ld_field(&b, "headline", json_object_get(card, "title"));
	ld_field(&b, "datePublished", json_object_get(card, "date"));
	for (i = k = 0; i < a->authors.n; i++) {
		char *name = render_clean(a->authors.v[i]);

		if (*name != '\0') {
			buf_puts(&b, k++ ? "," : ",\"author\":[");
			BUF_PUTSL(&b, "{\"@type\":\"Person\",\"name\":");
			ld_str(&b, name);
			buf_putc(&b, '}');
		}
		free(name);
	}
	if (k > 0)
		buf_putc(&b, ']');
	if ((v = json_object_get(card, "source")) != NULL) {
		BUF_PUTSL(&b, ",\"publisher\":{\"@type\":\"Organization\"");
		ld_field(&b, "name", json_object_get(v, "name"));
		buf_putc(&b, '}');
	}
	ld_field(&b, "inLanguage", json_object_get(card, "language"));
	url = render_abs(r, a->permalink);
	BUF_PUTSL(&b, ",\"url\":");
	ld_str(&b, url);
	BUF_PUTSL(&b, ",\"mainEntityOfPage\":");
	ld_str(&b, url);
	free(url);
	if (render_url_ok(a->url)) {
		url = render_clean(a->url);
		BUF_PUTSL(&b, ",\"isBasedOn\":");
		ld_str(&b, url);
		free(url);
	}
	ld_field(&b, "description", json_object_get(card, "summary"));
	tags = json_object_get(card, "tags");
	json_array_foreach(tags, i, v) {
		buf_puts(&b, i ? "," : ",\"keywords\":[");
		ld_str(&b, json_string_value(json_object_get(v, "name")));
	}
	if (json_array_size(tags) > 0)
		buf_putc(&b, ']');
	buf_putc(&b, '}');
	return buf_detach(&b);
}

/* The article's tags grouped by kind, kinds in site order. */
static json_t *
tag_groups(const struct render *r, json_t *card)
{
	json_t *groups = json_array(), *g = NULL, *tag;
	const char *last = NULL, *kind;
	struct buf b = BUF_INIT;
	size_t i, j;

	json_array_foreach(json_object_get(card, "tags"), i, tag) {
		kind = json_string_value(json_object_get(tag, "kind"));
		if (last == NULL || strcmp(kind, last) != 0) {
			g = json_object();
			set_str(g, "kind", kind);
			json_object_set(g, "title",
			    json_object_get(tag, "kind_title"));
			for (j = 0; j < r->nkinds; j++)
				if (strcmp(r->kinds[j].name, kind) == 0) {
					buf_reset(&b);
					buf_printf(&b, "%s/index.html",
					    r->kinds[j].slug);
					set_str(g, "href", b.data);
				}
			json_object_set_new(g, "terms", json_array());
			json_array_append_new(groups, g);
			last = kind;
		}
		json_array_append(json_object_get(g, "terms"), tag);
	}
	buf_dispose(&b);
	return groups;
}

static json_t *
relations(struct render *r, const struct article *a)
{
	json_t *arr = json_array(), *item, *c;
	size_t i;

	/* {reason, card}: the card is shared, not copied to add a key. */
	for (i = 0; i < a->nrelated; i++) {
		if ((c = render_list_card(r, a->related[i].index)) == NULL)
			continue;
		item = json_object();
		render_jset(item, "reason", a->related[i].reason);
		if (json_object_get(item, "reason") == NULL)
			json_object_set_new(item, "reason", json_null());
		json_object_set_new(item, "card", c);
		json_array_append_new(arr, item);
	}
	return arr;
}

static json_t *
copies(struct render *r, const struct article *a)
{
	json_t *arr = json_array(), *item;
	size_t i;

	for (i = 0; i < a->nsyndicated; i++)
		if ((item = render_list_card(r, a->syndicated[i])) != NULL)
			json_array_append_new(arr, item);
	return arr;
}

static json_t *
strings(const struct strv *sv)
{
	json_t *arr = json_array(), *o;
	size_t i;

	for (i = 0; i < sv->n; i++) {
		o = json_object();
		render_jset(o, "text", sv->v[i]);
		json_array_append_new(arr, o);
	}
	return arr;
}

static void
article_links(struct render *r, const struct article *a, json_t *ctx)
{
	json_t *c;

	if (render_url_ok(a->url))
		render_jset(ctx, "url", a->url);
	else
		render_jset(ctx, "url_text", a->url);
	set_list(ctx, "related", relations(r, a));
	set_list(ctx, "syndicated", copies(r, a));
	if (a->thread_prev >= 0 &&
	    (c = render_list_card(r, (size_t)a->thread_prev)) != NULL)
		json_object_set_new(ctx, "thread_prev", c);
	if (a->thread_next >= 0 &&
	    (c = render_list_card(r, (size_t)a->thread_next)) != NULL)
		json_object_set_new(ctx, "thread_next", c);
	json_object_set_new(ctx, "has_thread", json_boolean(
	    json_object_get(ctx, "thread_prev") != NULL ||
	    json_object_get(ctx, "thread_next") != NULL));
}

/*
 * What the body of a's page is made from, as a string that stands for
 * it in the page's key: its blocks, its mentions and the pages they
 * link to, and the page's root. The body itself is made only when the
 * page is rendered (fill_body()).
 */
static char *
body_key(const struct render *r, const struct article *a, const char *root)
{
	XXH3_state_t *st = XXH3_createState();
	enum block_kind kind;
	const struct mention *m;
	XXH128_hash_t h;
	const char *s;
	char *href, hex[64];
	size_t i, n = article_nblocks(a);

	if (st == NULL)
		abort();
	XXH3_128bits_reset(st);
	XXH3_128bits_update(st, root, strlen(root) + 1);
	for (i = 0; i < n; i++) {
		s = article_block(a, i, &kind);
		XXH3_128bits_update(st, &kind, sizeof(kind));
		XXH3_128bits_update(st, s ? s : "", s ? strlen(s) + 1 : 0);
	}
	for (i = 0; i < a->nmentions; i++) {
		m = &a->mentions[i];
		href = m->text != NULL && m->kind != NULL ?
		    mention_href((void *)r, m->kind, m->name ? m->name :
		    m->text) : NULL;
		XXH3_128bits_update(st, "m", 1);
		XXH3_128bits_update(st, m->text ? m->text : "",
		    m->text ? strlen(m->text) + 1 : 0);
		XXH3_128bits_update(st, m->kind ? m->kind : "",
		    m->kind ? strlen(m->kind) + 1 : 0);
		XXH3_128bits_update(st, m->name ? m->name : "",
		    m->name ? strlen(m->name) + 1 : 0);
		XXH3_128bits_update(st, href ? href : "",
		    href ? strlen(href) + 1 : 0);
		free(href);
	}
	h = XXH3_128bits_digest(st);
	XXH3_freeState(st);
	snprintf(hex, sizeof(hex), "\x01%016llx%016llx",
	    (unsigned long long)h.high64, (unsigned long long)h.low64);
	return xstrdup(hex);
}

/* Puts the body of article arg in place of its key. */
static void
fill_body(struct render *r, json_t *ctx, const char *path, void *arg)
{
	char *root = render_root(path), *s;

	s = body_html(r, arg, root);
	json_object_del(ctx, "body");
	render_jset(ctx, "body", s);
	free(s);
	free(root);
}

/*
 * The key of article i's page from its sources (render_src_key()):
 * everything the context below is made of. The card and the cards of
 * the relations go in whole; body stands for the body (body_key()); the
 * rest is what jsonld(), tag_groups(), render_revisions() and
 * article_links() read beside the cards. Change what article_page()
 * shows and this changes with it. 0, or -1 without keys.
 */
static int
article_key(XXH128_hash_t *out, struct render *r, size_t i,
    const char *path, const char *body)
{
	const struct article *a = r->o->articles[i];
	const struct render_history *h = r->o->history;
	XXH3_state_t *st;
	size_t k;

	if ((st = render_src_key(r, "article", path,
	    render_common(r, path))) == NULL)
		return -1;
	render_src_card(r, st, i);
	render_src_str(st, body);
	render_src_strv(st, &a->authors);
	render_src_str(st, r->base);	/* jsonld()'s URLs, whether or not
					   a template shows base_url */
	render_src_str(st, a->permalink);
	render_src_str(st, a->url);
	render_src_strv(st, &a->key_points);
	render_src_strv(st, &a->captions);
	render_src_int(st, (long long)a->word_count);
	render_src_int(st, (long long)r->nkinds);
	for (k = 0; k < r->nkinds; k++) {
		render_src_str(st, r->kinds[k].name);
		render_src_str(st, r->kinds[k].slug);
	}
	if (h != NULL && h->revs != NULL) {
		render_src_int(st, (long long)h->nrevs[i]);
		for (k = 0; k < h->nrevs[i]; k++) {
			render_src_int(st, h->revs[i][k].time);
			render_src_str(st, h->revs[i][k].diff);
		}
	} else
		render_src_int(st, -1);
	render_src_int(st, (long long)a->nrelated);
	for (k = 0; k < a->nrelated; k++) {
		render_src_card(r, st, a->related[k].index);
		render_src_str(st, a->related[k].reason);
	}
	render_src_int(st, (long long)a->nsyndicated);
	for (k = 0; k < a->nsyndicated; k++)
		render_src_card(r, st, a->syndicated[k]);
	render_src_int(st, a->thread_prev);
	if (a->thread_prev >= 0)
		render_src_card(r, st, (size_t)a->thread_prev);
	render_src_int(st, a->thread_next);
	if (a->thread_next >= 0)
		render_src_card(r, st, (size_t)a->thread_next);
	*out = XXH3_128bits_digest(st);
	return 0;
}

static int
article_page(struct render *r, size_t i)
{
	const struct article *a = r->o->articles[i];
	json_t *card = render_card(r, i), *ctx;
	struct buf path = BUF_INIT;
	XXH128_hash_t key;
	char *root, *s, *body;
	int rc = 0, keyed;

	buf_printf(&path, "%sindex.html", a->permalink);
	root = render_root(path.data);
	body = body_key(r, a, root);
	free(root);
	keyed = article_key(&key, r, i, path.data, body) == 0;
	if (keyed && render_page_kept(r, path.data, &key))
		goto out;
	ctx = json_object();
	set_str(ctx, "body", body);
	s = jsonld(r, a, card);
	set_str(ctx, "jsonld", s);
	free(s);
	set_list(ctx, "tag_groups", tag_groups(r, card));
	set_list(ctx, "key_points", strings(&a->key_points));
	set_list(ctx, "captions", strings(&a->captions));
	json_object_set_new(ctx, "has_authors", json_boolean(
	    json_array_size(json_object_get(card, "authors")) > 0));
	set_int(ctx, "word_count", a->word_count);
	set_list(ctx, "revisions", render_revisions(r, i));
	article_links(r, a, ctx);
	rc = render_page_src(r, "article", path.data, card, ctx, fill_body,
	    (void *)a, keyed ? &key : NULL);
out:
	free(body);
	buf_dispose(&path);
	return rc;
}

int
render_articles(struct render *r)
{
	size_t i;

	for (i = 0; i < r->norder; i++)
		if (article_page(r, r->order[i]) < 0)
			return -1;
	return 0;
}

/* ====} */

/* {==== Lists: the index, tag kinds and terms, the archive ==== */

static void
page_href(struct buf *b, const char *dir, size_t page)
{
	buf_reset(b);
	if (page == 0)
		buf_printf(b, "%sindex.html", dir);
	else
		buf_printf(b, "%spage/%zu/index.html", dir, page);
}

/*
 * One page of a list: the cards of v[0..k), newest first; number is the
 * page's number counted from the oldest, 0 for the list's front page;
 * older is the number of the page before it (0: none). Each page's
 * context is a copy of extra with "articles" and "pagination" added.
 */
static int
list_page(struct render *r, const char *tname, const char *dir,
    const size_t *v, size_t k, size_t number, size_t older, json_t *extra)
{
	struct buf path = BUF_INIT, b = BUF_INIT;
	json_t *ctx = json_copy(extra), *pg = json_object(), *x, *y;
	const char *key;
	void *it;
	int rc;

	/* A numbered page never changes again: it shows no count (of the
	 * term's articles, the kind's terms, the month's articles), which
	 * grows with every article. */
	json_object_foreach_safe(number > 0 ? ctx : NULL, it, key, x)
		if (json_is_object(x) && json_object_get(x, "count") != NULL) {
			y = json_copy(x);
			json_object_del(y, "count");
			json_object_del(y, "count_text");
			json_object_set_new(ctx, key, y);
		}

	json_object_set_new(ctx, "articles", render_cards(r, v, k));
	json_object_set_new(pg, "first", json_boolean(number == 0));
	json_object_set_new(pg, "has_pages", json_boolean(number > 0 ||
	    older > 0));
	if (number > 0) {
		set_int(pg, "number", number);
		page_href(&b, dir, 0);
		set_str(pg, "newest_href", b.data);
	}
	if (older > 0) {
		page_href(&b, dir, older);
		set_str(pg, "older_href", b.data);
	}
	json_object_set_new(ctx, "pagination", pg);
	if (*dir == '\0' && number == 0)
		json_object_set_new(ctx, "is_home", json_true());
	page_href(&path, dir, number);
	rc = render_page(r, tname, path.data, ctx);
	buf_dispose(&path);
	buf_dispose(&b);
	return rc;
}

/*
 * Renders the articles v[0..n) (newest first) with template tname as a
 * list whose full pages never change again: pages of RENDER_PAGE_SIZE
 * numbered from the oldest, DIR/page/1/index.html holding the oldest
 * ones, and only full pages numbered. The front page, DIR/index.html,
 * shows the newest full page and the articles that do not fill one
 * yet, and links back to the page before them; a numbered page links
 * to the page before it and to the front page, never to a page that
 * may not exist yet. So one article more changes the front page only,
 * and one page more when it completes one.
 */
static int
paged(struct render *r, const char *tname, const char *dir,
    const size_t *v, size_t n, json_t *extra)
{
	size_t full, p, front, *sv;
	int rc;

	/* One card per story: its copies are named on it. */
	n = render_stories(r, v, n, &sv);
	v = sv;
	full = n / RENDER_PAGE_SIZE;
	front = full > 0 ? n - (full - 1) * RENDER_PAGE_SIZE : n;
	rc = list_page(r, tname, dir, v, front, 0, full > 1 ? full - 1 : 0,
	    extra);
	for (p = 1; p <= full && rc == 0; p++)
		rc = list_page(r, tname, dir, v + (n - p * RENDER_PAGE_SIZE),
		    RENDER_PAGE_SIZE, p, p - 1, extra);
	json_decref(extra);
	free(sv);
	return rc;
}

int
render_index(struct render *r)
{
	return paged(r, "index", "", r->order, r->norder, json_object());
}

static json_t *
kind_json(const struct render_kind *k)
{
	json_t *o = json_object();
	struct buf b = BUF_INIT;

	set_str(o, "name", k->name);
	set_str(o, "title", k->title);
	buf_printf(&b, "%s/index.html", k->slug);
	set_str(o, "href", b.data);
	set_int(o, "count", k->nterms);
	buf_dispose(&b);
	return o;
}

static json_t *
term_json(const struct render_kind *k, const struct render_term *t)
{
	json_t *o = json_object();
	struct buf b = BUF_INIT;

	set_str(o, "name", t->name);
	buf_printf(&b, "%s/%s/index.html", k->slug, t->slug);
	set_str(o, "href", b.data);
	buf_reset(&b);
	buf_printf(&b, "%s/%s/feed.xml", k->slug, t->slug);
	set_str(o, "feed_href", b.data);
	set_int(o, "count", t->n);
	set_count_text(o, t->n);
	buf_dispose(&b);
	return o;
}

static int
term_page(struct render *r, const struct render_kind *k,
    const struct render_term *t)
{
	struct buf dir = BUF_INIT, title = BUF_INIT, feed = BUF_INIT;
	json_t *extra = json_object();
	int rc;

	json_object_set_new(extra, "kind", kind_json(k));
	json_object_set_new(extra, "term", term_json(k, t));
	buf_printf(&dir, "%s/%s/", k->slug, t->slug);
	rc = paged(r, "term", dir.data, t->arts, t->n, extra);
	if (rc == 0) {
		buf_printf(&title, "%s: %s", k->title, t->name);
		buf_printf(&feed, "%sfeed.xml", dir.data);
		BUF_PUTSL(&dir, "index.html");
		rc = render_feed(r, feed.data, title.data, dir.data, t->arts,
		    t->n);
	}
	buf_dispose(&dir);
	buf_dispose(&feed);
	buf_dispose(&title);
	return rc;
}

int
render_kinds(struct render *r)
{
	struct buf path = BUF_INIT;
	json_t *ctx, *terms;
	size_t i, j;
	int rc = 0;

	for (i = 0; i < r->nkinds && rc == 0; i++) {
		const struct render_kind *k = &r->kinds[i];

		terms = json_array();
		for (j = 0; j < k->nterms; j++)
			json_array_append_new(terms,
			    term_json(k, &k->terms[j]));
		ctx = json_object();
		json_object_set_new(ctx, "kind", kind_json(k));
		json_object_set_new(ctx, "terms", terms);
		buf_reset(&path);
		buf_printf(&path, "%s/index.html", k->slug);
		rc = render_page(r, "kind", path.data, ctx);
		for (j = 0; j < k->nterms && rc == 0; j++)
			rc = term_page(r, k, &k->terms[j]);
	}
	if (rc == 0) {
		ctx = json_object();
		json_object_set(ctx, "kinds", r->nav);
		rc = render_page(r, "kinds", "tags/index.html", ctx);
	}
	buf_dispose(&path);
	return rc;
}

/* The page of month ym ("2025-06", or "undated") listing the articles
 * v[0..n), newest first. */
static int
month_page(struct render *r, const char *ym, const size_t *v, size_t n,
    json_t *years, json_t **undated)
{
	struct buf path = BUF_INIT, b = BUF_INIT;
	json_t *ctx = json_object(), *m, *y = NULL;
	int month = atoi(ym + 5);
	int rc;

	if (ym[0] == 'u')
		buf_puts(&path, "archive/undated/");
	else
		buf_printf(&path, "archive/%.4s/%.2s/", ym, ym + 5);
	m = json_object();
	buf_printf(&b, "%sindex.html", path.data);
	set_str(m, "href", b.data);
	buf_reset(&b);
	set_int(m, "count", n);
	set_count_text(m, n);
	if (ym[0] != 'u') {
		buf_printf(&b, "%.4s", ym);
		set_str(m, "year", b.data);
		buf_printf(&b, "-%.2s", ym + 5);
		set_str(m, "month", b.data);
		buf_reset(&b);
		buf_printf(&b, "%s %.4s", month_names[(month + 11) % 12], ym);
		set_str(m, "title", b.data);
		set_str(m, "name", month_names[(month + 11) % 12]);
		y = json_array_get(years, json_array_size(years) - 1);
		if (y == NULL || strncmp(json_string_value(
		    json_object_get(y, "year")), ym, 4) != 0) {
			y = json_object();
			buf_reset(&b);
			buf_printf(&b, "%.4s", ym);
			set_str(y, "year", b.data);
			json_object_set_new(y, "months", json_array());
			json_array_append_new(years, y);
		}
		json_array_append(json_object_get(y, "months"), m);
	} else
		set_str(m, "title", "Undated");
	json_object_set(ctx, "month", m);
	rc = paged(r, "month", path.data, v, n, ctx);
	if (ym[0] == 'u')
		*undated = json_incref(m);
	json_decref(m);
	buf_dispose(&path);
	buf_dispose(&b);
	return rc;
}

/* The month pages, newest first, then the undated articles' page (the
 * order puts them among the dated ones, by the day they arrived). */
int
render_archive(struct render *r)
{
	json_t *years = json_array(), *ctx, *undated = NULL;
	const char *date, *cur = NULL;
	size_t i, k = 0, nu = 0, *v, *u;
	int rc = 0;

	v = xreallocarray(NULL, r->norder + 1, sizeof(*v));
	u = xreallocarray(NULL, r->norder + 1, sizeof(*u));
	for (i = 0; i <= r->norder && rc == 0; i++) {
		date = i < r->norder ?
		    article_date(r->o->articles[r->order[i]]) : NULL;
		if (i < r->norder && !render_date_ok(date)) {
			u[nu++] = r->order[i];
			continue;
		}
		if (cur != NULL && (date == NULL ||
		    strncmp(date, cur, 7) != 0)) {
			rc = month_page(r, cur, v, k, years, &undated);
			k = 0;
		}
		if (date != NULL)
			v[k++] = r->order[i];
		cur = date;
	}
	if (rc == 0 && nu > 0)
		rc = month_page(r, "undated", u, nu, years, &undated);
	free(v);
	free(u);
	if (rc == 0) {
		ctx = json_object();
		json_object_set_new(ctx, "years", years);
		if (undated != NULL)
			json_object_set_new(ctx, "undated", undated);
		return render_page(r, "archive", "archive/index.html", ctx);
	}
	json_decref(undated);
	json_decref(years);
	return rc;
}

/* ====} */

/* {==== Feeds and sitemap ==== */

/* The Atom entry of article i, made once and shared by every feed that
 * lists it (read-only). */
static json_t *
entry(struct render *r, size_t i)
{
	const struct article *a = r->o->articles[i];
	json_t *card = render_card(r, i), *e, *v;
	char *s;

	if (r->entries == NULL)
		r->entries = xcalloc(r->o->n + 1, sizeof(json_t *));
	if (r->entries[i] != NULL)
		return json_incref(r->entries[i]);
	e = r->entries[i] = json_object();
	json_incref(e);
	render_key_stable(r, e);

	json_object_set(e, "title", json_object_get(card, "title"));
	s = render_abs(r, a->permalink);
	set_str(e, "link", s);
	set_str(e, "id", s);
	free(s);
	s = render_iso(r, article_date(a));
	set_str(e, "updated", s);
	free(s);
	if ((v = json_object_get(card, "summary")) != NULL)
		json_object_set(e, "summary", v);
	json_object_set(e, "authors", json_object_get(card, "authors"));
	if ((v = json_object_get(card, "source")) != NULL)
		json_object_set(e, "source", json_object_get(v, "name"));
	json_object_set(e, "tags", json_object_get(card, "tags"));
	return e;
}

int
render_feed(struct render *r, const char *path, const char *title,
    const char *alternate, const size_t *v, size_t n)
{
	json_t *ctx = json_object(), *feed = json_object(), *entries;
	size_t i, *sv;
	char *s;

	if (title != NULL)
		render_jset(feed, "title", title);
	s = render_abs(r, path);
	set_str(feed, "self", s);
	set_str(feed, "id", s);
	free(s);
	s = render_abs(r, alternate);
	set_str(feed, "alternate", s);
	free(s);
	s = n > 0 ? render_iso(r, article_date(r->o->articles[v[0]])) :
	    xstrdup(r->updated);
	set_str(feed, "updated", s);
	free(s);
	entries = json_array();
	/* One entry per story, as on the pages. */
	n = render_stories(r, v, n, &sv);
	for (i = 0; i < n && i < (title == NULL ? RENDER_FEED_SIZE :
	    RENDER_TERM_FEED_SIZE); i++)
		json_array_append_new(entries, entry(r, sv[i]));
	free(sv);
	/* The feed's time, not the build's: a feed changes with its
	 * entries only. */
	json_object_set(ctx, "updated", json_object_get(feed, "updated"));
	json_object_set_new(ctx, "feed", feed);
	json_object_set_new(ctx, "entries", entries);
	return render_page(r, "feed.xml", path, ctx);
}

/* The sitemap's pages [from, to) as its template has them: [{loc}]. */
static json_t *
sitemap_urls(const struct render *r, size_t from, size_t to)
{
	json_t *urls = json_array(), *u;
	char *loc;
	size_t i;

	for (i = from; i < to; i++) {
		u = json_object();
		loc = render_abs(r, r->sitemap.v[i]);
		json_object_set_new(u, "loc", json_string(loc));
		free(loc);
		json_array_append_new(urls, u);
	}
	return urls;
}

int
render_sitemap(struct render *r)
{
	size_t max = r->o->sitemap_max ? r->o->sitemap_max :
	    RENDER_SITEMAP_MAX;
	size_t n = r->sitemap.n, i, k;
	struct buf path = BUF_INIT;
	json_t *ctx, *urls, *maps, *m;
	char *loc;
	int rc = 0;

	if (n <= max) {
		ctx = json_object();
		json_object_set_new(ctx, "urls", sitemap_urls(r, 0, n));
		return render_page(r, "sitemap.xml", "sitemap.xml", ctx);
	}
	maps = json_array();
	for (i = 0, k = 1; i < n && rc == 0; i += max, k++) {
		urls = sitemap_urls(r, i, n - i > max ? i + max : n);
		buf_reset(&path);
		buf_printf(&path, "sitemap-%zu.xml", k);
		ctx = json_object();
		json_object_set_new(ctx, "urls", urls);
		rc = render_page(r, "sitemap.xml", path.data, ctx);
		m = json_object();
		loc = render_abs(r, path.data);
		set_str(m, "loc", loc);
		free(loc);
		json_array_append_new(maps, m);
	}
	if (rc == 0) {
		ctx = json_object();
		json_object_set_new(ctx, "is_index", json_true());
		json_object_set(ctx, "sitemaps", maps);
		rc = render_page(r, "sitemap.xml", "sitemap.xml", ctx);
	}
	json_decref(maps);
	buf_dispose(&path);
	return rc;
}

/* ====} */
