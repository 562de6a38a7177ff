/* test_sketch.c: related stories' sketches kept between builds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "build/site_sketch.h"
#include "related/related.h"

#define N	5

static void
fill(struct site_sketches *sk, size_t i, uint32_t seed)
{
	size_t k;

	for (k = 0; k < RELATED_SKETCH; k++)
		sk->v[i * RELATED_SKETCH + k] = seed * 1000 + (uint32_t)k;
	sk->known[i] = 1;
}

static void
test_sketches_kept_by_key(void)
{
	char dir[] = "/tmp/morgue-sketch.XXXXXX", file[64], cmd[128];
	XXH128_hash_t keys[N] = { { 1, 2 }, { 3, 4 }, { 0, 0 }, { 5, 6 },
	    { 7, 8 } };
	XXH128_hash_t other[N] = { { 3, 4 }, { 9, 9 }, { 1, 2 }, { 5, 7 },
	    { 0, 0 } };
	struct site_sketches sk;
	size_t i;

	if (mkdtemp(dir) == NULL) {
		CHECK(!"mkdtemp");
		return;
	}
	snprintf(file, sizeof(file), "%s/sketches", dir);
	site_sketches_load(&sk, file, keys, N, 0);
	CHECK(sk.found == 0 && sk.n == N);
	for (i = 0; i < N; i++) {
		CHECK(!sk.known[i]);
		fill(&sk, i, (uint32_t)i + 1);
	}
	CHECK(site_sketches_save(&sk, file, keys) == 0);
	site_sketches_dispose(&sk);

	/* Found by key, wherever the article now is; never without one. */
	site_sketches_load(&sk, file, other, N, 0);
	CHECK(sk.found == 2);
	CHECK(sk.known[0] && sk.v[0] == 2000 &&
	    sk.v[RELATED_SKETCH - 1] == 2000 + RELATED_SKETCH - 1);
	CHECK(sk.known[2] && sk.v[2 * RELATED_SKETCH + 7] == 1007);
	CHECK(!sk.known[1] && !sk.known[3] && !sk.known[4]);
	site_sketches_dispose(&sk);

	/* --full reads nothing; a damaged file finds nothing. */
	site_sketches_load(&sk, file, keys, N, 1);
	CHECK(sk.found == 0);
	site_sketches_dispose(&sk);
	CHECK(truncate(file, 100) == 0);
	site_sketches_load(&sk, file, keys, N, 0);
	CHECK(sk.found == 0);
	site_sketches_dispose(&sk);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
}

int
main(void)
{
	test_sketches_kept_by_key();
	return harness_done();
}
