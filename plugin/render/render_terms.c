/*
 * render_terms.c: the terms of every tag kind, and of the pseudo-kinds
 * "sources" and "agencies", each with a slug unique within its kind.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "render/render_int.h"
#include "parse/slug.h"
#include "core/xalloc.h"

/* Kinds shown first, in this order; others follow by name. */
static const char *const kind_order[] = {
	"people", "places", "organisations", "topics"
};

/* Top-level names that pages of the site itself use. */
static const char *const reserved[] = {
	"articles", "archive", "assets", "page", "search", "tags"
};

/* {==== Terms of every kind ==== */

static char *
kind_title(const char *name)
{
	char *t = render_clean(name);

	if (t[0] >= 'a' && t[0] <= 'z')
		t[0] = (char)(t[0] - 'a' + 'A');
	return t;
}

static struct render_kind *
kind_get(struct render *r, const char *name)
{
	struct render_kind *k;
	size_t i;

	for (i = 0; i < r->nkinds; i++)
		if (strcmp(r->kinds[i].name, name) == 0)
			return &r->kinds[i];
	r->kinds = xgrow(r->kinds, r->nkinds, sizeof(*k));
	k = &r->kinds[r->nkinds++];
	memset(k, 0, sizeof(*k));
	k->name = render_clean(name);
	k->title = kind_title(name);
	return k;
}

static void
term_add(struct render *r, const char *kname, const char *name, size_t art)
{
	struct render_kind *k;
	struct render_term *t;
	size_t *ix;
	char *clean;
	int added;

	if (name == NULL || *name == '\0' || kname == NULL || *kname == '\0')
		return;
	k = kind_get(r, kname);
	clean = render_clean(name);
	if ((ix = map_get(&k->byname, clean, strlen(clean))) != NULL) {
		t = &k->terms[*ix];
		free(clean);
		if (t->n > 0 && t->arts[t->n - 1] == art)
			return;
	} else {
		ARRAY_GROW(k->terms, k->nterms, k->cap);
		*map_put(&k->byname, clean, strlen(clean), &added) =
		    k->nterms;
		t = &k->terms[k->nterms++];
		memset(t, 0, sizeof(*t));
		t->name = clean;
	}
	ARRAY_GROW(t->arts, t->n, t->cap);
	t->arts[t->n++] = art;
}

static int
term_cmp(const void *a, const void *b)
{
	const struct render_term *x = a, *y = b;
	int c = strcasecmp(x->name, y->name);

	return c ? c : strcmp(x->name, y->name);
}

static int
kind_rank(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(kind_order) / sizeof(kind_order[0]); i++)
		if (strcmp(name, kind_order[i]) == 0)
			return (int)i;
	if (strcmp(name, "sources") == 0)
		return 100;
	if (strcmp(name, "agencies") == 0)
		return 101;
	return 50;
}

static int
kind_cmp(const void *a, const void *b)
{
	const struct render_kind *x = a, *y = b;
	int rx = kind_rank(x->name), ry = kind_rank(y->name);

	if (rx != ry)
		return rx < ry ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Gives each name in v[0..n) a slug unique among them, in order: the
 * slug that md.c links to, then SLUG-2, SLUG-3 (from a shorter slug, so
 * that all stay within SLUG_MAX). With top, names that the site's own
 * directories use get a "tag-" prefix. */
static void
unique_slugs(char **out, char *const *names, size_t n, int top)
{
	struct map seen = MAP_INIT;	/* keys are the slugs in out[] */
	struct buf b = BUF_INIT;
	size_t i, j, k;
	int added;

	for (i = 0; i < n; i++) {
		char *s = slug_make(names[i], SLUG_MAX);

		for (j = 0; top && j < sizeof(reserved) / sizeof(*reserved);
		    j++)
			if (strcmp(s, reserved[j]) == 0) {
				buf_reset(&b);
				buf_printf(&b, "tag-%s", s);
				free(s);
				s = xstrdup(b.data);
			}
		for (k = 2; map_get(&seen, s, strlen(s)) != NULL; k++) {
			char *base = slug_make(names[i], SLUG_MAX - 8);

			buf_reset(&b);
			buf_printf(&b, "%s-%zu", base, k);
			free(base);
			free(s);
			s = xstrdup(b.data);
		}
		map_put(&seen, s, strlen(s), &added);
		out[i] = s;
	}
	buf_dispose(&b);
	map_dispose(&seen);
}

static void
finish_kinds(struct render *r)
{
	char **names, **slugs;
	size_t i, j;
	int added;

	if (r->nkinds == 0)
		return;
	sort_array(r->kinds, r->nkinds, sizeof(*r->kinds), kind_cmp);
	names = xcalloc(r->nkinds + 1, sizeof(char *));
	slugs = xcalloc(r->nkinds + 1, sizeof(char *));
	for (i = 0; i < r->nkinds; i++)
		names[i] = r->kinds[i].name;
	unique_slugs(slugs, names, r->nkinds, 1);
	for (i = 0; i < r->nkinds; i++)
		r->kinds[i].slug = slugs[i];
	for (i = 0; i < r->nkinds; i++) {
		struct render_kind *k = &r->kinds[i];

		sort_array(k->terms, k->nterms, sizeof(*k->terms), term_cmp);
		map_clear(&k->byname);
		names = xreallocarray(names, k->nterms + 1, sizeof(char *));
		slugs = xreallocarray(slugs, k->nterms + 1, sizeof(char *));
		for (j = 0; j < k->nterms; j++) {
			names[j] = k->terms[j].name;
			*map_put(&k->byname, names[j], strlen(names[j]),
			    &added) = j;
		}
		unique_slugs(slugs, names, k->nterms, 0);
		for (j = 0; j < k->nterms; j++)
			k->terms[j].slug = slugs[j];
	}
	free(names);
	free(slugs);
}

void
render_collect_terms(struct render *r)
{
	const struct article *a;
	size_t i, j;

	for (i = 0; i < r->norder; i++) {
		a = r->o->articles[r->order[i]];
		for (j = 0; j < a->ntags; j++)
			term_add(r, a->tags[j].kind, a->tags[j].name,
			    r->order[i]);
		term_add(r, "sources", a->source, r->order[i]);
		term_add(r, "agencies", a->agency, r->order[i]);
	}
	finish_kinds(r);
}

const struct render_term *
render_term(const struct render *r, const char *kind, const char *name,
    const struct render_kind **kout)
{
	const size_t *ix;
	char *clean;
	size_t i;

	for (i = 0; i < r->nkinds; i++) {
		if (strcmp(r->kinds[i].name, kind) != 0)
			continue;
		/* Names are keys as render_clean() made them; most are
		 * clean already. */
		ix = map_get(&r->kinds[i].byname, name, strlen(name));
		if (ix == NULL) {
			clean = render_clean(name);
			ix = map_get(&r->kinds[i].byname, clean, strlen(clean));
			free(clean);
		}
		if (ix == NULL)
			return NULL;
		*kout = &r->kinds[i];
		return &r->kinds[i].terms[*ix];
	}
	return NULL;
}

char *
render_term_href(const struct render_kind *k, const struct render_term *t)
{
	struct buf b = BUF_INIT;

	buf_puts(&b, k->slug);
	buf_putc(&b, '/');
	buf_puts(&b, t->slug);
	BUF_PUTSL(&b, "/index.html");
	return buf_detach(&b);
}

void
render_free_kinds(struct render *r)
{
	size_t i, j;

	for (i = 0; i < r->nkinds; i++) {
		struct render_kind *k = &r->kinds[i];

		for (j = 0; j < k->nterms; j++) {
			json_decref(k->terms[j].json);
			free(k->terms[j].name);
			free(k->terms[j].slug);
			free(k->terms[j].arts);
		}
		free(k->terms);
		free(k->name);
		free(k->slug);
		free(k->title);
		map_dispose(&k->byname);
	}
	free(r->kinds);
}

/* ====} */
