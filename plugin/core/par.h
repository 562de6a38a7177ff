/*
 * par.h: one loop spread over threads, for every stage that does the
 * same work on many independent items (parsing articles, their pages,
 * sketches, related stories).
 *
 * par_for(n, jobs, slice, fn, arg) calls fn(arg, i, w) once for each i
 * in [0, n): the threads take the next slice of items from a shared
 * counter, so a slow item holds up no other thread. w, from 0 to the
 * number of threads less one, names the thread that runs the call, for
 * scratch space of its own. The calling thread is worker 0 and works
 * too; par_for() returns when every call has returned. Results must be
 * written to slots of their own item (or worker): then they are the
 * same whatever the number of threads, which tests compare.
 */
#ifndef MORGUE_PAR_H
#define MORGUE_PAR_H

#include <stddef.h>

/* The most threads par_for() starts. */
#define PAR_MAX_JOBS	64

typedef void (*par_fn)(void *arg, size_t i, unsigned worker);

/*
 * The threads par_for() uses for n items in slices of slice when asked
 * for jobs (0: one per processor): at least 1, at most PAR_MAX_JOBS and
 * one per slice.
 */
unsigned	par_jobs(unsigned jobs, size_t n, size_t slice);

/* Runs fn over [0, n) as said above, with par_jobs(jobs, n, slice)
 * threads. A thread that cannot be started leaves its share to the
 * others. */
void		par_for(size_t n, unsigned jobs, size_t slice, par_fn fn,
		    void *arg);

#endif
