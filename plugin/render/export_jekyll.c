/*
 * export_jekyll.c: the Jekyll project of an archive (export_gen.h).
 *
 * Everything the layouts show comes as data, never as Liquid source:
 * the articles' own pages (with Liquid switched off for them in
 * _config.yml, so that "{{" in an article stays text), and the front
 * matter of the pages written here (the home page, a page per tag kind
 * and per term), given as JSON, which YAML reads as it is.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "render/export_gen.h"
#include "parse/slug.h"
#include "core/builtin.h"
#include "core/xalloc.h"

/* A page of front matter only, with the layout and the data of o. */
static int
put_data_page(struct diag *d, const char *out, const char *rel,
    const char *layout, json_t *o)
{
	struct buf b = BUF_INIT;
	char *json;
	int rc;

	json_object_set_new(o, "layout", json_string(layout));
	json = json_dumps(o, JSON_SORT_KEYS | JSON_COMPACT);
	buf_printf(&b, "---\n%s\n---\n", json);
	rc = export_put_file(d, out, rel, b.data, b.len);
	free(json);
	buf_dispose(&b);
	json_decref(o);
	return rc;
}

static const char *
title_of(const char *kind, struct buf *b)
{
	buf_reset(b);
	buf_puts(b, kind);
	if (b->data[0] >= 'a' && b->data[0] <= 'z')
		b->data[0] = (char)(b->data[0] - 'a' + 'A');
	return b->data;
}

static int
newest_first(const void *x, const void *y)
{
	const struct article *a = *(struct article *const *)x;
	const struct article *b = *(struct article *const *)y;
	int c;

	if (a->date == NULL || b->date == NULL)
		c = (a->date == NULL) - (b->date == NULL);
	else
		c = -strcmp(a->date, b->date);
	return c != 0 ? c : strcmp(a->path, b->path);
}

/* The permalinks of v's articles that have the tag (kind NULL: all). */
static json_t *
pages_with(struct article **v, size_t n, const char *kind, const char *name)
{
	json_t *arr = json_array();
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (!export_safe_permalink(v[i]->permalink))
			continue;
		for (j = 0; kind != NULL && j < v[i]->ntags; j++)
			if (strcmp(v[i]->tags[j].kind, kind) == 0 &&
			    strcmp(v[i]->tags[j].name, name) == 0)
				break;
		if (kind == NULL || j < v[i]->ntags)
			json_array_append_new(arr, json_string(v[i]->permalink));
	}
	return arr;
}

/* The names of kind, sorted and unique. */
static void
names_of(struct strv *out, const struct export_site *s, const char *kind)
{
	size_t i, j;

	for (i = 0; i < s->n; i++)
		for (j = 0; j < s->articles[i]->ntags; j++)
			if (strcmp(s->articles[i]->tags[j].kind, kind) == 0 &&
			    strv_find(out, s->articles[i]->tags[j].name) < 0)
				strv_push(out, s->articles[i]->tags[j].name);
	strv_sort(out);
}

static int
href_taken(json_t *terms, const char *href)
{
	size_t i;

	for (i = 0; i < json_array_size(terms); i++)
		if (strcmp(json_string_value(json_object_get(json_array_get(
		    terms, i), "href")), href) == 0)
			return 1;
	return 0;
}

/*
 * The page of kind and one per term, at KIND/SLUG/ as morgue's site and
 * the Markdown bodies' links have them; slugs gets kind's name -> path.
 */
static int
write_kind(struct diag *d, const struct export_site *s, struct article **v,
    const char *out, const char *kind, json_t *slugs)
{
	struct strv names = STRV_INIT;
	struct buf rel = BUF_INIT, title = BUF_INIT;
	json_t *terms = json_array(), *map = json_object(), *o, *pages;
	char *ks = slug_make(kind, 0), *ns;
	size_t i, k;
	int rc = 0;

	names_of(&names, s, kind);
	for (i = 0; i < names.n && rc == 0; i++) {
		ns = slug_make(names.v[i], SLUG_MAX);
		buf_reset(&rel);
		buf_printf(&rel, "%s/%s/", ks, ns);
		/* Two names with one slug: the later one is numbered. */
		for (k = 2; href_taken(terms, rel.data); k++) {
			buf_reset(&rel);
			buf_printf(&rel, "%s/%s-%zu/", ks, ns, k);
		}
		free(ns);
		pages = pages_with(v, s->n, kind, names.v[i]);
		json_array_append_new(terms, json_pack("{s:s, s:s, s:I}", "name",
		    names.v[i], "href", rel.data, "count",
		    (json_int_t)json_array_size(pages)));
		json_object_set_new(map, names.v[i], json_string(rel.data));
		o = json_pack("{s:s, s:o}", "title", names.v[i], "pages", pages);
		buf_puts(&rel, "index.html");
		rc = put_data_page(d, out, rel.data, "list", o);
	}
	json_object_set_new(slugs, kind, map);
	buf_reset(&rel);
	buf_printf(&rel, "%s/index.html", ks);
	if (rc == 0)
		rc = put_data_page(d, out, rel.data, "list", json_pack(
		    "{s:s, s:o}", "title", title_of(kind, &title), "terms",
		    terms));
	else
		json_decref(terms);
	free(ks);
	strv_dispose(&names);
	buf_dispose(&rel);
	buf_dispose(&title);
	return rc;
}

static int
write_config(struct diag *d, const struct export_site *s, const char *out,
    const struct strv *kinds)
{
	struct buf b = BUF_INIT, title = BUF_INIT;
	json_t *cfg, *list = json_array();
	char *json, *ks;
	size_t i, len = strlen(s->base_url);
	int rc;

	for (i = 0; i < kinds->n; i++) {
		ks = slug_make(kinds->v[i], 0);
		buf_reset(&b);
		buf_printf(&b, "%s/", ks);
		json_array_append_new(list, json_pack("{s:s, s:s, s:s}",
		    "name", kinds->v[i], "href", b.data, "title",
		    title_of(kinds->v[i], &title)));
		free(ks);
	}
	/* The articles' pages are text: no Liquid runs over them. */
	cfg = json_pack("{s:s, s:s#, s:s, s:s, s:o, s:[{s:{s:s}, s:{s:s, "
	    "s:b}}]}", "title", s->title, "url", s->base_url,
	    len > 0 && s->base_url[len - 1] == '/' ? len - 1 : len,
	    "baseurl", "", "lang", s->language, "morgue_kinds", list,
	    "defaults", "scope", "path", "articles", "values", "layout",
	    "article", "render_with_liquid", 0);
	json = json_dumps(cfg, JSON_SORT_KEYS | JSON_INDENT(2));
	buf_reset(&b);
	buf_printf(&b, "# Written by morgue export jekyll: the archive as a "
	    "Jekyll project.\n# JSON, which YAML reads as it is.\n%s\n", json);
	rc = export_put_file(d, out, "_config.yml", b.data, b.len);
	free(json);
	json_decref(cfg);
	buf_dispose(&b);
	buf_dispose(&title);
	return rc;
}

int
export_jekyll(struct diag *d, const struct export_site *s, const char *out)
{
	struct strv kinds = STRV_INIT;
	struct article **v = NULL;
	json_t *slugs = json_object();
	char *json = NULL;
	size_t i;
	int rc = -1;

	if (export_fresh_dir(d, out) < 0)
		goto out;
	export_kinds(&kinds, s);
	v = xcalloc(s->n + 1, sizeof(*v));
	for (i = 0; i < s->n; i++)
		v[i] = s->articles[i];
	sort_array(v, s->n, sizeof(*v), newest_first);
	if (write_config(d, s, out, &kinds) < 0 ||
	    export_pages(d, s, out, "") < 0 ||
	    put_data_page(d, out, "index.html", "list", json_pack("{s:s, s:o}",
	    "title", s->title, "pages", pages_with(v, s->n, NULL, NULL))) < 0)
		goto out;
	for (i = 0; i < kinds.n; i++)
		if (write_kind(d, s, v, out, kinds.v[i], slugs) < 0)
			goto out;
	json = json_dumps(slugs, JSON_SORT_KEYS | JSON_INDENT(1));
	if (export_put_file(d, out, "_data/slugs.json", json, strlen(json)) < 0 ||
	    builtin_copy_out(d, "export/jekyll/", out) < 0)
		goto out;
	rc = 0;
out:
	free(json);
	json_decref(slugs);
	free(v);
	strv_dispose(&kinds);
	return rc;
}
