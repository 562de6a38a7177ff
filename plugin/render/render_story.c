/*
 * render_story.c: one card per story in the lists. The copies of a story
 * (an article's syndicated, related.h) are shown as one card, that of
 * the first published copy, which names the outlets of the others; the
 * index, tag, source and month pages and the feeds list each story once.
 */
#include <stdint.h>
#include <stdlib.h>

#include "render/render_int.h"
#include "core/xalloc.h"

static void
make_pos(struct render *r)
{
	size_t i;

	if (r->pos != NULL)
		return;
	r->pos = xreallocarray(NULL, r->o->n + 1, sizeof(*r->pos));
	for (i = 0; i < r->o->n; i++)
		r->pos[i] = SIZE_MAX;
	for (i = 0; i < r->norder; i++)
		r->pos[r->order[i]] = i;
}

/*
 * The copy of article i's story that the lists show: the first
 * published of those the site shows (the latest in the newest-first
 * order; i itself when it has no copy).
 */
size_t
render_story_first(struct render *r, size_t i)
{
	const struct article *a = r->o->articles[i];
	size_t k, m, best = i;

	make_pos(r);
	for (k = 0; k < a->nsyndicated; k++) {
		m = a->syndicated[k];
		if (m < r->o->n && r->pos[m] != SIZE_MAX &&
		    (r->pos[best] == SIZE_MAX || r->pos[m] > r->pos[best]))
			best = m;
	}
	return best;
}

/*
 * The stories of the articles v[0..n), in its order, in *out (allocated;
 * the caller frees it): each as its first published copy, once, at the
 * place of that copy when v holds it, else of the first copy v holds.
 * Returns how many.
 */
size_t
render_stories(struct render *r, const size_t *v, size_t n, size_t **out)
{
	size_t i, f, k = 0;

	*out = xreallocarray(NULL, n + 1, sizeof(**out));
	if (r->mark == NULL)
		r->mark = xcalloc(r->o->n + 1, sizeof(*r->mark));
	if (++r->gen == 0) {
		for (i = 0; i < r->o->n; i++)
			r->mark[i] = 0;
		r->gen = 1;
	}
	/* First the stories whose shown copy is in v, so that it keeps
	 * its place; mark says which stories are placed. */
	for (i = 0; i < n; i++)
		if (v[i] < r->o->n && render_story_first(r, v[i]) == v[i])
			r->mark[v[i]] = r->gen;
	for (i = 0; i < n; i++) {
		if (v[i] >= r->o->n)
			continue;
		f = render_story_first(r, v[i]);
		if (f == v[i])
			(*out)[k++] = f;
		else if (r->mark[f] != r->gen) {
			r->mark[f] = r->gen;
			(*out)[k++] = f;
		}
	}
	return k;
}

/* render_story_card() made anew. */
static json_t *
story_card(struct render *r, size_t i)
{
	const struct article *a;
	json_t *c = render_list_card(r, i), *copies, *o, *e;
	size_t k, m;

	if (c == NULL || (a = r->o->articles[i])->nsyndicated == 0)
		return c;
	make_pos(r);
	copies = json_array();
	for (k = 0; k < a->nsyndicated; k++) {
		m = a->syndicated[k];
		if (m >= r->o->n || r->pos[m] == SIZE_MAX ||
		    (o = render_list_card(r, m)) == NULL)
			continue;
		e = json_object();
		json_object_set(e, "outlet", json_object_get(o, "outlet"));
		json_object_set(e, "href", json_object_get(o, "href"));
		json_array_append_new(copies, e);
		json_decref(o);
	}
	if (json_array_size(copies) == 0) {
		json_decref(copies);
		return c;
	}
	o = json_copy(c);
	json_decref(c);
	json_object_set_new(o, "copies", copies);
	json_object_set_new(o, "has_copies", json_true());
	return o;
}

/*
 * Article i's card for a list (a new reference to an object made once,
 * which every list that shows the story shares: read-only), with
 * "copies": the other copies of its story the site shows, each {outlet,
 * href}, and "has_copies"; a card of a story without copies has
 * neither.
 */
json_t *
render_story_card(struct render *r, size_t i)
{
	if (i >= r->o->n)
		return NULL;
	if (r->scards == NULL)
		r->scards = xcalloc(r->o->n + 1, sizeof(json_t *));
	if (r->scards[i] == NULL) {
		if ((r->scards[i] = story_card(r, i)) == NULL)
			return NULL;
		render_key_stable(r, r->scards[i]);
	}
	return json_incref(r->scards[i]);
}

json_t *
render_cards(struct render *r, const size_t *v, size_t n)
{
	json_t *arr = json_array(), *c;
	size_t i;

	for (i = 0; i < n; i++)
		if ((c = render_story_card(r, v[i])) != NULL)
			json_array_append_new(arr, c);
	return arr;
}
