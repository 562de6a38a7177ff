/*
 * site_pages.c: each article's Markdown page, made once per build with
 * several threads (site.h, site_md_pages()). The archive's history
 * compares them with the last commit's, and the output writes them:
 * both read the same strings, which md_page() makes from articles that
 * no longer change. Each thread (par.h) writes only the slot of its
 * article, so the pages are the same whatever the number of threads.
 */
#include <stdlib.h>

#include "build/site.h"
#include "render/md.h"
#include "core/par.h"
#include "core/xalloc.h"

static void
md_item(void *arg, size_t i, unsigned worker)
{
	struct site *s = arg;

	(void)worker;
	s->md[i] = md_page(s->articles[i], s->articles, s->n);
}

void
site_md_pages(struct site *s, unsigned jobs)
{
	site_md_free(s);
	s->md = xcalloc(s->n + 1, sizeof(*s->md));
	par_for(s->n, jobs, 1, md_item, s);
}

void
site_md_free(struct site *s)
{
	size_t i;

	if (s->md == NULL)
		return;
	for (i = 0; i < s->n; i++)
		free(s->md[i]);
	free(s->md);
	s->md = NULL;
}
