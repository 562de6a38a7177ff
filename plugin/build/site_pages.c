/*
 * site_pages.c: each article's Markdown page, made once per build with
 * several threads (site.h, site_md_pages()). The archive's history
 * compares them with the last commit's, and the output writes them:
 * both read the same strings, which md_page() makes from articles that
 * no longer change. Each thread takes the next article from a shared
 * counter and writes only its own slot, so the pages are the same
 * whatever the number of threads.
 */
#include <pthread.h>
#include <stdlib.h>

#include "build/site.h"
#include "render/md.h"
#include "core/xalloc.h"

struct md_job {
	struct site	*s;
	size_t		 next;
	pthread_mutex_t	 lock;
};

static void *
md_worker(void *arg)
{
	struct md_job *j = arg;
	size_t i;

	for (;;) {
		pthread_mutex_lock(&j->lock);
		i = j->next++;
		pthread_mutex_unlock(&j->lock);
		if (i >= j->s->n)
			return NULL;
		j->s->md[i] = md_page(j->s->articles[i], j->s->articles,
		    j->s->n);
	}
}

void
site_md_pages(struct site *s, unsigned jobs)
{
	pthread_t tid[SITE_MAX_JOBS];
	struct md_job j;
	unsigned t, started = 0;

	site_md_free(s);
	s->md = xcalloc(s->n + 1, sizeof(*s->md));
	j.s = s;
	j.next = 0;
	pthread_mutex_init(&j.lock, NULL);
	jobs = site_jobs(jobs, s->n);
	for (t = 1; t < jobs; t++)
		if (pthread_create(&tid[started], NULL, md_worker, &j) == 0)
			started++;
	md_worker(&j);
	for (t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	pthread_mutex_destroy(&j.lock);
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
