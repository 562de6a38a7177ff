/*
 * tmpl_names.c: what a template can read (tmpl.h, tmpl_names_of()).
 *
 * A page is a function of its template, the partials and parents it
 * reaches, and the values its names can find. A name finds a key of an
 * object in two ways only: its first part is looked up in each context
 * on the stack (the page's contexts, and the values sections pushed),
 * and its later parts inside what the part before found. So a key is
 * readable when it is the later part of some name, or the first part
 * of some name while its object is on the stack, which for a value
 * below the page's contexts means that a section names its key. That
 * is what the walk below collects, over every template a page can
 * reach; the caller hashes only the readable keys of the page's data.
 */
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "render/tmpl_impl.h"

struct walk {
	struct tmpl_names	*out;
	struct tmpl_partials	*p;
	struct diag		*d;
	XXH3_state_t		*st;
	struct map		 seen;	/* templates walked */
};

static void	walk_tmpl(struct walk *w, const char *name, size_t len);

static void
note(struct walk *w, const char *s, size_t len, unsigned bits)
{
	int added;
	size_t *v = map_put(&w->out->names, s, len, &added);

	*v |= bits;
}

static void
walk_nodes(struct walk *w, const struct node *v, size_t n)
{
	const struct node *nd;
	size_t i, k;

	for (i = 0; i < n; i++) {
		nd = &v[i];
		switch (nd->type) {
		case N_TEXT:
			break;
		case N_VAR:
		case N_RAW:
		case N_SECTION:
		case N_INVERTED:
			/* "." pushes what is already on the stack, or an
			 * element of an array that was: a section over it
			 * could push anything, so everything counts. */
			if (nd->nkeys == 0 && nd->type == N_SECTION)
				w->out->all = 1;
			for (k = 0; k < nd->nkeys; k++)
				note(w, nd->keys[k].s, nd->keys[k].len,
				    k == 0 ? TMPL_NAME_FIRST :
				    TMPL_NAME_LATER);
			if (nd->type == N_SECTION && nd->nkeys > 0)
				note(w, nd->keys[nd->nkeys - 1].s,
				    nd->keys[nd->nkeys - 1].len,
				    TMPL_NAME_PUSHED);
			break;
		case N_PARTIAL:
		case N_PARENT:
			/* A name looked up at render time can be any
			 * template: nothing is known. */
			if (nd->dynamic)
				w->out->all = 1;
			else
				walk_tmpl(w, nd->text, nd->len);
			break;
		case N_BLOCK:
			break;
		}
		walk_nodes(w, nd->kids, nd->nkids);
	}
}

static void
walk_tmpl(struct walk *w, const char *name, size_t len)
{
	const struct tmpl *t;
	char *s;
	int added = 0, failed = 0;

	(void)map_put(&w->seen, name, len, &added);
	if (!added)
		return;
	s = xstrndup(name, len);
	t = tmpl_partials_get(w->p, w->d, s, &failed);
	free(s);
	XXH3_128bits_update(w->st, name, len);
	if (failed)
		w->out->failed = 1;
	if (t == NULL) {		/* missing: renders as "" */
		XXH3_128bits_update(w->st, "", 1);
		return;
	}
	XXH3_128bits_update(w->st, "=", 1);
	XXH3_128bits_update(w->st, &t->len, sizeof(t->len));
	XXH3_128bits_update(w->st, t->src, t->len);
	walk_nodes(w, t->root, t->nroot);
}

int
tmpl_names_of(struct tmpl_names *out, struct tmpl_partials *p,
    struct diag *d, const char *name)
{
	struct walk w;

	memset(out, 0, sizeof(*out));
	memset(&w, 0, sizeof(w));
	w.out = out;
	w.p = p;
	w.d = d;
	w.st = XXH3_createState();
	if (w.st == NULL)
		abort();
	XXH3_128bits_reset(w.st);
	walk_tmpl(&w, name, strlen(name));
	out->hash = XXH3_128bits_digest(w.st);
	XXH3_freeState(w.st);
	map_dispose(&w.seen);
	return out->failed ? -1 : 0;
}

unsigned
tmpl_names_bits(const struct tmpl_names *nm, const char *key, size_t len)
{
	const size_t *v;

	if (nm->all)
		return TMPL_NAME_FIRST | TMPL_NAME_LATER | TMPL_NAME_PUSHED;
	v = map_get(&nm->names, key, len);
	return v != NULL ? (unsigned)*v : 0;
}

void
tmpl_names_dispose(struct tmpl_names *nm)
{
	map_dispose(&nm->names);
}
