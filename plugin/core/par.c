/* par.c: one loop spread over threads (par.h). */
#include <pthread.h>
#include <unistd.h>

#include "core/par.h"

struct par {
	size_t		 n, slice, next;
	par_fn		 fn;
	void		*arg;
	pthread_mutex_t	 lock;
};

struct par_worker {
	struct par	*p;
	unsigned	 w;
};

static void *
work(void *arg)
{
	struct par_worker *k = arg;
	struct par *p = k->p;
	size_t i, end;

	for (;;) {
		pthread_mutex_lock(&p->lock);
		i = p->next;
		end = p->n - i > p->slice ? i + p->slice : p->n;
		p->next = end;
		pthread_mutex_unlock(&p->lock);
		if (i >= end)
			return NULL;
		for (; i < end; i++)
			p->fn(p->arg, i, k->w);
	}
}

unsigned
par_jobs(unsigned jobs, size_t n, size_t slice)
{
	size_t slices = slice > 0 ? (n + slice - 1) / slice : n;
	long cpus;

	if (jobs == 0) {
		cpus = sysconf(_SC_NPROCESSORS_ONLN);
		jobs = cpus > 0 ? (unsigned)cpus : 1;
	}
	if (jobs > PAR_MAX_JOBS)
		jobs = PAR_MAX_JOBS;
	if (jobs > slices)
		jobs = slices > 0 ? (unsigned)slices : 1;
	return jobs;
}

void
par_for(size_t n, unsigned jobs, size_t slice, par_fn fn, void *arg)
{
	struct par p;
	struct par_worker k[PAR_MAX_JOBS];
	pthread_t tid[PAR_MAX_JOBS];
	unsigned t, started = 0;

	p.n = n;
	p.slice = slice > 0 ? slice : 1;
	p.next = 0;
	p.fn = fn;
	p.arg = arg;
	pthread_mutex_init(&p.lock, NULL);
	jobs = par_jobs(jobs, n, p.slice);
	/* Worker numbers stay dense when a thread fails to start. */
	for (t = 1; t < jobs; t++) {
		k[started + 1].p = &p;
		k[started + 1].w = started + 1;
		if (pthread_create(&tid[started], NULL, work,
		    &k[started + 1]) == 0)
			started++;
	}
	k[0].p = &p;
	k[0].w = 0;
	work(&k[0]);
	for (t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	pthread_mutex_destroy(&p.lock);
}
