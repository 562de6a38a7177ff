/*
 * site_pages.c: the articles' Markdown pages, made batch by batch with
 * several threads (site.h, site_md_batch()). Only one batch is held at
 * a time: a big build never holds every page. Each thread (par.h)
 * writes only the slot of its article, so the pages are the same
 * whatever the number of threads.
 */
#include "build/site.h"
#include "render/md.h"
#include "core/par.h"

struct md_batch {
	const struct site	 *s;
	char			**out;
	size_t			  from;
};

static void
md_item(void *arg, size_t i, unsigned worker)
{
	struct md_batch *b = arg;

	(void)worker;
	b->out[i] = md_page(b->s->articles[b->from + i], b->s->articles,
	    b->s->n);
}

void
site_md_batch(char **out, const struct site *s, size_t from, size_t n,
    unsigned jobs)
{
	struct md_batch b = { s, out, from };

	par_for(n, jobs, 16, md_item, &b);
}
