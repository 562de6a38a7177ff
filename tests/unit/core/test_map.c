/* test_map.c: the hash map, by byte strings and by 64-bit hashes. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#include "core/map.h"
#include "harness.h"

#define N	5000

static void
test_map_keeps_every_key(void)
{
	static char names[N][16];
	struct map m = MAP_INIT;
	size_t i, *v;
	int added, ok = 1;

	CHECK(map_get(&m, "x", 1) == NULL);
	for (i = 0; i < N; i++) {
		snprintf(names[i], sizeof(names[i]), "w%zu", i);
		v = map_put(&m, names[i], strlen(names[i]), &added);
		ok &= added && *v == 0;
		*v = i;
	}
	CHECK(ok);
	CHECK(m.n == N && 2 * m.n <= m.cap);
	/* A second put finds the entry and keeps its value. */
	v = map_put(&m, "w17", 3, &added);
	CHECK(!added && *v == 17);
	for (ok = 1, i = 0; i < N; i++)
		ok &= (v = map_get(&m, names[i], strlen(names[i]))) != NULL &&
		    *v == i;
	CHECK(ok);
	/* Bytes after a NUL count: "a\0b" is not "a\0c" nor "a". */
	v = map_put(&m, "a\0b", 3, &added);
	*v = 1;
	CHECK(map_get(&m, "a\0c", 3) == NULL && map_get(&m, "a", 1) == NULL);
	map_clear(&m);
	CHECK(m.n == 0 && map_get(&m, "w1", 2) == NULL);
	map_dispose(&m);
	map_dispose(&m);
}

static void
test_map64_keeps_every_key(void)
{
	struct map64 m = MAP64_INIT;
	uint32_t *v;
	uint64_t k;
	int added, ok = 1;

	CHECK(map64_get(&m, 42) == NULL);
	/* Keys that differ only in their high bits, as short strings
	 * packed in a word do. */
	for (k = 0; k < N; k++) {
		v = map64_put(&m, (k + 2) << 20, &added);
		ok &= added && *v == 0;
		*v = (uint32_t)k;
	}
	CHECK(ok);
	CHECK(m.n == N && 2 * m.n <= m.cap);
	for (ok = 1, k = 0; k < N; k++)
		ok &= (v = map64_get(&m, (k + 2) << 20)) != NULL && *v == k;
	CHECK(ok);
	CHECK(map64_get(&m, 3) == NULL);
	CHECK(map64_get(&m, (uint64_t)(N + 2) << 20) == NULL);
	v = map64_put(&m, 2 << 20, &added);
	CHECK(!added && *v == 0);
	/* 0 marks an empty slot, so the key 0 is kept as 1. */
	*map64_put(&m, 0, &added) = 7;
	CHECK(added && (v = map64_get(&m, 1)) != NULL && *v == 7);
	CHECK(!(map64_put(&m, 1, &added), added));
	map64_clear(&m);
	CHECK(m.n == 0 && m.cap > 0 && map64_get(&m, 2 << 20) == NULL);
	CHECK((map64_put(&m, 2 << 20, &added), added));
	map64_dispose(&m);
	CHECK(m.n == 0 && map64_get(&m, 1) == NULL);
	map64_dispose(&m);
}

int
main(void)
{
	test_map_keeps_every_key();
	test_map64_keeps_every_key();
	return harness_done();
}
