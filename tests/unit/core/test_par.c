/* test_par.c: one loop spread over threads. */
#include <stdint.h>
#include <string.h>

#include "core/par.h"
#include "harness.h"

#define N	1000

struct seen {
	unsigned	 calls[N];	/* each item's, by its own slot */
	unsigned	 worker[N];
	unsigned	 jobs;
};

static void
note(void *arg, size_t i, unsigned worker)
{
	struct seen *s = arg;

	s->calls[i]++;
	s->worker[i] = worker;
}

/* Every item once, whatever the threads and slices, each from a worker
 * numbered below the count par_jobs() gives. */
static void
test_par_calls_each_item_once(void)
{
	static struct seen s;
	static const unsigned jobs[] = { 1, 2, 3, 8, PAR_MAX_JOBS + 5 };
	static const size_t slices[] = { 0, 1, 7, 64, 5000 };
	size_t a, b, i;
	unsigned w;
	int ok;

	for (a = 0; a < sizeof(jobs) / sizeof(*jobs); a++)
		for (b = 0; b < sizeof(slices) / sizeof(*slices); b++) {
			memset(&s, 0, sizeof(s));
			par_for(N, jobs[a], slices[b], note, &s);
			w = par_jobs(jobs[a], N, slices[b]);
			for (ok = 1, i = 0; i < N; i++)
				ok &= s.calls[i] == 1 && s.worker[i] < w;
			CHECK(ok);
		}
	memset(&s, 0, sizeof(s));
	par_for(0, 4, 1, note, &s);
	CHECK(s.calls[0] == 0);
}

static void
test_par_jobs_bounds(void)
{
	CHECK(par_jobs(4, 1000, 1) == 4);
	CHECK(par_jobs(4, 3, 1) == 3);
	CHECK(par_jobs(4, 100, 64) == 2);	/* one thread a slice */
	CHECK(par_jobs(4, 0, 1) == 1);
	CHECK(par_jobs(PAR_MAX_JOBS + 1, 100000, 1) == PAR_MAX_JOBS);
	CHECK(par_jobs(0, 100000, 1) >= 1);	/* one per processor */
}

int
main(void)
{
	test_par_calls_each_item_once();
	test_par_jobs_bounds();
	return harness_done();
}
