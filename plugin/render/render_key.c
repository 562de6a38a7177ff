/*
 * render_key.c: each page keyed by what it shows (render.h, keep), so
 * that a build renders only the pages whose inputs changed.
 *
 * A page is a function of morgue itself (its executable), its template
 * with the partials and parents it reaches, its path and the values of
 * its context stack that those templates can read (tmpl_names_of()).
 * The key hashes exactly that, every value typed and every string with
 * its length, so that two different inputs never write the same bytes
 * into the hash. Keys that no template names are left out: the count
 * of articles, the build time and the like, which the default
 * templates do not show, change no page's key.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "render/render_int.h"
#include "render/tmpl.h"
#include "core/xalloc.h"

/* The templates a page can be rendered with, each with its names and
 * the hashes of the shared values (cards, entries) it has seen. */
struct render_names {
	char			*tname;
	struct tmpl_names	 nm;
	int			 ok;
	struct map64		 memo;	/* value | pushed -> index into h */
	XXH128_hash_t		*h;
	size_t			 nh;
};

/* morgue's own bytes: a new morgue may render the same data anew. */
static int
hash_self(XXH128_hash_t *out)
{
	struct buf b = BUF_INIT;
	int fd, rc = -1;

	if ((fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if (buf_read_fd(&b, fd, (size_t)1 << 30) == 0 && b.len > 0) {
		*out = XXH3_128bits(b.data, b.len);
		rc = 0;
	}
	close(fd);
	buf_dispose(&b);
	return rc;
}

void
render_keys_init(struct render *r)
{
	r->keyed = r->o->keep != NULL && hash_self(&r->self) == 0;
	if (r->keyed && (r->st = XXH3_createState()) == NULL)
		abort();
}

void
render_keys_free(struct render *r)
{
	size_t i;

	for (i = 0; i < r->nnames; i++) {
		free(r->names[i].tname);
		tmpl_names_dispose(&r->names[i].nm);
		map64_dispose(&r->names[i].memo);
		free(r->names[i].h);
	}
	free(r->names);
	free(r->card_keys);
	free(r->card_keyed);
	buf_dispose(&r->whole);
	map64_dispose(&r->stable);
	if (r->st != NULL)
		XXH3_freeState(r->st);
}

static struct render_names *
names_for(struct render *r, const char *tname)
{
	struct render_names *e;
	size_t i;

	for (i = 0; i < r->nnames; i++)
		if (strcmp(r->names[i].tname, tname) == 0)
			return &r->names[i];
	r->names = xreallocarray(r->names, r->nnames + 1, sizeof(*r->names));
	e = &r->names[r->nnames++];
	memset(e, 0, sizeof(*e));
	e->tname = xstrdup(tname);
	e->ok = tmpl_names_of(&e->nm, r->tp, r->d, tname) == 0;
	return e;
}

static void
put(XXH3_state_t *st, const void *p, size_t len)
{
	XXH3_128bits_update(st, p, len);
}

static void
put_str(XXH3_state_t *st, const char *s, size_t len)
{
	put(st, &len, sizeof(len));
	put(st, s, len);
}

void
render_key_stable(struct render *r, json_t *v)
{
	int added;

	if (r->keyed && v != NULL)
		*map64_put(&r->stable, (uint64_t)(uintptr_t)v, &added) = 1;
}

static void	put_value(XXH3_state_t *st, struct render *r,
		    struct render_names *e, json_t *v, int pushed);
static void	put_shared(XXH3_state_t *st, struct render *r,
		    struct render_names *e, json_t *v, int pushed);

/* put_value() of a member of an object or array, through the hashes
 * made already when it is shared. */
static void
put_member(XXH3_state_t *st, struct render *r, struct render_names *e,
    json_t *v, int pushed)
{
	if ((json_is_object(v) || json_is_array(v)) &&
	    map64_get(&r->stable, (uint64_t)(uintptr_t)v) != NULL)
		put_shared(st, r, e, v, pushed);
	else
		put_value(st, r, e, v, pushed);
}

/*
 * Puts the hash of v, a value shared by many pages that lives as long
 * as the render (render_key_stable()), made once per template: a list
 * shows the same cards on page after page.
 */
static void
put_shared(XXH3_state_t *st, struct render *r, struct render_names *e,
    json_t *v, int pushed)
{
	uint64_t id = (uint64_t)(uintptr_t)v | (pushed != 0);
	XXH3_state_t *sub;
	uint32_t *ix;
	int added;

	ix = map64_put(&e->memo, id, &added);
	if (added) {
		*ix = (uint32_t)e->nh;
		if ((sub = XXH3_createState()) == NULL)
			abort();
		XXH3_128bits_reset(sub);
		put_value(sub, r, e, v, pushed);
		e->h = xreallocarray(e->h, e->nh + 1, sizeof(*e->h));
		e->h[e->nh++] = XXH3_128bits_digest(sub);
		XXH3_freeState(sub);
		/* put_value() may have moved the map */
		ix = map64_get(&e->memo, id);
	}
	put(st, "h", 1);
	put(st, &e->h[*ix], sizeof(*e->h));
}

/*
 * Hashes v. Its object keys count when a later part of a name can find
 * them, or a first part while the object is on the stack: pushed says
 * it can be (a context of the page, or the value of a key that a
 * section names; an array's elements share their array's case).
 */
static void
put_value(XXH3_state_t *st, struct render *r, struct render_names *e,
    json_t *v, int pushed)
{
	const struct tmpl_names *nm = &e->nm;
	const char *k;
	json_t *x;
	json_int_t i;
	double d;
	size_t n, len;
	unsigned bits;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		put(st, "{", 1);
		json_object_foreach(v, k, x) {
			len = strlen(k);
			bits = tmpl_names_bits(nm, k, len);
			if (!(bits & TMPL_NAME_LATER) &&
			    !(pushed && (bits & TMPL_NAME_FIRST)))
				continue;
			put_str(st, k, len);
			put_member(st, r, e, x, (bits & TMPL_NAME_PUSHED) != 0);
		}
		put(st, "}", 1);
		break;
	case JSON_ARRAY:
		n = json_array_size(v);
		put(st, "[", 1);
		put(st, &n, sizeof(n));
		json_array_foreach(v, n, x)
			put_member(st, r, e, x, pushed);
		break;
	case JSON_STRING:
		put(st, "s", 1);
		put_str(st, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		i = json_integer_value(v);
		put(st, "i", 1);
		put(st, &i, sizeof(i));
		break;
	case JSON_REAL:
		d = json_real_value(v);
		put(st, "r", 1);
		put(st, &d, sizeof(d));
		break;
	case JSON_TRUE:
		put(st, "t", 1);
		break;
	case JSON_FALSE:
		put(st, "f", 1);
		break;
	case JSON_NULL:
		put(st, "n", 1);
		break;
	}
}

/*
 * Hashes the context v[0] of a page below the contexts v[1..n): a key
 * of v[0] that one above it has too is never found in v[0], since a
 * name's first part is looked up from the top of the stack down.
 */
static void
put_root(XXH3_state_t *st, struct render *r, struct render_names *e,
    json_t *const *v, size_t n)
{
	const char *k;
	json_t *x;
	size_t i, len;
	unsigned bits;

	if (!json_is_object(v[0])) {
		put_value(st, r, e, v[0], 1);
		return;
	}
	put(st, "{", 1);
	json_object_foreach(v[0], k, x) {
		for (i = 1; i < n; i++)
			if (v[i] != NULL && json_object_get(v[i], k) != NULL)
				break;
		len = strlen(k);
		bits = tmpl_names_bits(&e->nm, k, len);
		if (i < n || !(bits & (TMPL_NAME_FIRST | TMPL_NAME_LATER)))
			continue;
		put_str(st, k, len);
		put_member(st, r, e, x, (bits & TMPL_NAME_PUSHED) != 0);
	}
	put(st, "}", 1);
}

int
render_page_key(XXH128_hash_t *out, struct render *r, const char *tname,
    const char *path, json_t *const *stack, size_t n)
{
	struct render_names *e;
	size_t i;

	if (!r->keyed || !(e = names_for(r, tname))->ok)
		return -1;
	XXH3_128bits_reset(r->st);
	put(r->st, &r->self, sizeof(r->self));
	put(r->st, &e->nm.hash, sizeof(e->nm.hash));
	put_str(r->st, tname, strlen(tname));
	put_str(r->st, path, strlen(path));
	for (i = 0; i < n; i++) {
		put(r->st, stack[i] != NULL ? "c" : "-", 1);
		if (stack[i] != NULL)
			put_root(r->st, r, e, stack + i, n - i);
	}
	*out = XXH3_128bits_digest(r->st);
	return 0;
}

/*
 * {==== Keys from what a page is made of
 *
 * A page whose context costs more to make than its sources cost to
 * hash (an article's page: its JSON-LD, tag groups, the cards of its
 * relations) is keyed by those sources instead, before any context is
 * made: everything the context is a function of goes in whole, so the
 * key is coarser than render_page_key()'s (a change no template shows
 * renders the page again) but as exact. The page maker lists its
 * sources beside the code that reads them (render_pages.c).
 */

/* Writes v whole into b, to be hashed at once (many small updates of
 * a hash state cost more): every key and value, typed, strings with
 * their lengths. */
static void
put_whole(struct buf *b, json_t *v)
{
	const char *k;
	json_t *x;
	json_int_t i;
	double d;
	size_t n;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		buf_putc(b, '{');
		json_object_foreach(v, k, x) {
			n = strlen(k);
			buf_put(b, (const char *)&n, sizeof(n));
			buf_put(b, k, n);
			put_whole(b, x);
		}
		buf_putc(b, '}');
		break;
	case JSON_ARRAY:
		n = json_array_size(v);
		buf_putc(b, '[');
		buf_put(b, (const char *)&n, sizeof(n));
		json_array_foreach(v, n, x)
			put_whole(b, x);
		break;
	case JSON_STRING:
		n = json_string_length(v);
		buf_putc(b, 's');
		buf_put(b, (const char *)&n, sizeof(n));
		buf_put(b, json_string_value(v), n);
		break;
	case JSON_INTEGER:
		i = json_integer_value(v);
		buf_putc(b, 'i');
		buf_put(b, (const char *)&i, sizeof(i));
		break;
	case JSON_REAL:
		d = json_real_value(v);
		buf_putc(b, 'r');
		buf_put(b, (const char *)&d, sizeof(d));
		break;
	case JSON_TRUE:
		buf_putc(b, 't');
		break;
	case JSON_FALSE:
		buf_putc(b, 'f');
		break;
	case JSON_NULL:
		buf_putc(b, 'n');
		break;
	}
}

/* The hash of v whole (put_whole()). */
static XXH128_hash_t
whole_hash(struct render *r, json_t *v)
{
	buf_reset(&r->whole);
	put_whole(&r->whole, v);
	return XXH3_128bits(r->whole.data, r->whole.len);
}

XXH3_state_t *
render_src_key(struct render *r, const char *tname, const char *path,
    json_t *common)
{
	struct render_names *e;

	if (!r->keyed || !(e = names_for(r, tname))->ok)
		return NULL;
	XXH3_128bits_reset(r->st);
	put(r->st, "sources 1", 9);
	put(r->st, &r->self, sizeof(r->self));
	put(r->st, &e->nm.hash, sizeof(e->nm.hash));
	put_str(r->st, tname, strlen(tname));
	put_str(r->st, path, strlen(path));
	/* The common keys as render_page_key() puts them: only those the
	 * templates name, so that the build time, which every build may
	 * move, changes no page that does not show it. */
	put_root(r->st, r, e, &common, 1);
	return r->st;
}

void
render_src_str(XXH3_state_t *st, const char *s)
{
	if (s == NULL)
		put(st, "-", 1);
	else {
		put(st, "s", 1);
		put_str(st, s, strlen(s));
	}
}

void
render_src_strv(XXH3_state_t *st, const struct strv *sv)
{
	size_t i;

	put(st, &sv->n, sizeof(sv->n));
	for (i = 0; i < sv->n; i++)
		render_src_str(st, sv->v[i]);
}

void
render_src_int(XXH3_state_t *st, long long v)
{
	put(st, &v, sizeof(v));
}

void
render_src_card(struct render *r, XXH3_state_t *st, size_t i)
{
	json_t *card = render_card(r, i);

	if (card == NULL) {
		put(st, "-", 1);
		return;
	}
	if (r->card_keys == NULL) {
		r->card_keys = xcalloc(r->o->n + 1, sizeof(*r->card_keys));
		r->card_keyed = xcalloc(r->o->n + 1, 1);
	}
	if (!r->card_keyed[i]) {
		r->card_keys[i] = whole_hash(r, card);
		r->card_keyed[i] = 1;
	}
	put(st, "c", 1);
	put(st, &r->card_keys[i], sizeof(r->card_keys[i]));
}

/* ====} */
