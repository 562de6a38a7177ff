/*
 * render.c: the site writer (render.h), its driver: checks the options
 * and templates, orders the articles, collects terms and cards, then
 * writes each kind of page (render_pages.c, render_changes.c,
 * render_search.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "render/render_int.h"
#include "render/tmpl.h"
#include "core/xalloc.h"

/* {==== render_site ==== */

/* The templates every site needs, checked before anything is written. */
static const char *const page_templates[] = {
	"index", "article", "kinds", "kind", "term", "archive", "month",
	"search", "feed.xml", "sitemap.xml", "changes", "changes.xml"
};

static int
load_templates(struct render *r)
{
	struct pos pos = { r->o->templates, 0 };
	struct stat st;
	size_t i;
	int failed = 0;

	/* No templates directory at all: the built-in templates serve. */
	errno = 0;
	if (stat(r->o->templates, &st) < 0 && errno == ENOENT)
		r->tp = tmpl_partials_new(NULL, TMPL_BUILTIN);
	else if (errno != 0 || !S_ISDIR(st.st_mode)) {
		diag_err(r->d, &pos, "not a templates directory: %s "
		    "(site.conf: templates)", errno ? strerror(errno) :
		    "not a directory");
		return -1;
	} else
		r->tp = tmpl_partials_new(r->o->templates, TMPL_BUILTIN);
	for (i = 0; i < sizeof(page_templates) / sizeof(*page_templates);
	    i++)
		if (tmpl_partials_get(r->tp, r->d, page_templates[i],
		    &failed) == NULL) {
			if (!failed)
				diag_err(r->d, &pos, "no template %s",
				    page_templates[i]);
			return -1;
		}
	return 0;
}

static void
make_common(struct render *r)
{
	struct buf b = BUF_INIT;
	json_t *k;
	size_t i;

	r->site = json_object();
	render_jset(r->site, "title", r->o->title ? r->o->title :
	    "My archive");
	render_jset(r->site, "language", render_lang_ok(r->o->language) ?
	    r->o->language : "en");
	json_object_set_new(r->site, "base_url", json_string(r->base));
	json_object_set_new(r->site, "articles",
	    json_integer((json_int_t)r->norder));
	r->nav = json_array();
	for (i = 0; i < r->nkinds; i++) {
		k = json_object();
		json_object_set_new(k, "name", json_string(r->kinds[i].name));
		json_object_set_new(k, "title",
		    json_string(r->kinds[i].title));
		buf_reset(&b);
		buf_printf(&b, "%s/index.html", r->kinds[i].slug);
		json_object_set_new(k, "href", json_string(b.data));
		json_object_set_new(k, "count",
		    json_integer((json_int_t)r->kinds[i].nterms));
		json_array_append_new(r->nav, k);
	}
	buf_dispose(&b);
	render_key_stable(r, r->site);
	render_key_stable(r, r->nav);
}

static int
check_opts(struct render *r)
{
	struct pos pos = { "site.conf", 0 };
	const char *u = r->o->base_url ? r->o->base_url : "http://localhost/";
	size_t len = strlen(u);

	if (!render_url_ok(u)) {
		diag_err(r->d, &pos, "base_url must be an absolute http or "
		    "https URL");
		return -1;
	}
	r->base = xmalloc(len + 2);
	memcpy(r->base, u, len + 1);
	if (len == 0 || u[len - 1] != '/')
		memcpy(r->base + len, "/", 2);
	r->updated = render_iso_time(r->o->updated);
	return 0;
}

static void
dispose(struct render *r)
{
	size_t i;

	if (r->cards != NULL)
		for (i = 0; i < r->o->n; i++)
			json_decref(r->cards[i]);
	free(r->cards);
	if (r->entries != NULL)
		for (i = 0; i < r->o->n; i++)
			json_decref(r->entries[i]);
	free(r->entries);
	if (r->lcards != NULL)
		for (i = 0; i < r->o->n; i++)
			json_decref(r->lcards[i]);
	free(r->lcards);
	if (r->scards != NULL)
		for (i = 0; i < r->o->n; i++)
			json_decref(r->scards[i]);
	free(r->scards);
	free(r->pos);
	free(r->mark);
	free(r->order);
	render_free_kinds(r);
	json_decref(r->nav);
	json_decref(r->site);
	strv_dispose(&r->sitemap);
	render_keys_free(r);
	tmpl_partials_free(r->tp);
	json_decref(r->dirs);
	json_decref(r->commons);
	buf_dispose(&r->page);
	free(r->lastdir);
	free(r->base);
	free(r->updated);
}

int
render_site(struct diag *d, const struct render_opts *o, const char *dir)
{
	struct render r;
	mode_t mask;
	int rc = -1;

	memset(&r, 0, sizeof(r));
	r.d = d;
	r.o = o;
	r.dir = dir;
	r.dirs = json_object();
	r.commons = json_object();
	r.page.data = buf_empty;	/* BUF_INIT */
	r.whole.data = buf_empty;
	mask = umask(022);
	umask(mask);
	r.umask_bites = (mask & 0755) != 0;
	if (check_opts(&r) < 0 || load_templates(&r) < 0)
		goto out;
	render_keys_init(&r);
	render_order_articles(&r);
	render_collect_terms(&r);
	render_make_cards(&r);
	make_common(&r);
	if (render_index(&r) < 0 || render_articles(&r) < 0 ||
	    render_kinds(&r) < 0 || render_archive(&r) < 0 ||
	    render_feed(&r, "feed.xml", NULL, "index.html", r.order,
	    r.norder) < 0 || render_changes(&r) < 0 || render_search(&r) < 0 ||
	    render_sitemap(&r) < 0 || render_copy_assets(&r) < 0)
		goto out;
	rc = 0;
out:
	dispose(&r);
	return rc;
}

/* ====} */
