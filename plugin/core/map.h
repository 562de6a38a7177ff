/*
 * map.h: the one hash map.
 *
 * struct map maps byte strings to a size_t (an index into the caller's
 * array, most often): open addressing over XXH3 hashes, linear probing,
 * at most half full. Keys are borrowed: each must stay alive and
 * unchanged while its entry is in the map (the caller's array holds it).
 *
 *	struct map m = MAP_INIT;
 *	size_t *v = map_put(&m, name, strlen(name), &added);
 *	if (added) *v = index;
 *	...
 *	map_dispose(&m);
 *
 * struct map64 is the same table for 64-bit keys: hashes the caller has
 * made already (of a word, a shingle, a feature) or short strings packed
 * in a word. Nothing is hashed again (a key is only mixed by a multiply)
 * and nothing is borrowed; the values are 32-bit, so a slot takes 12
 * bytes where a large index (millions of features) would pay for a
 * wider one.
 */
#ifndef MORGUE_MAP_H
#define MORGUE_MAP_H

#include <stddef.h>
#include <stdint.h>


struct map_slot {
	const char	*key;		/* NULL: empty */
	size_t		 len;
	uint64_t	 hash;
	size_t		 value;
};

struct map {
	struct map_slot	*v;
	size_t		 cap;		/* 0 or a power of two */
	size_t		 n;
};

#define MAP_INIT { NULL, 0, 0 }

/* The value of key, or NULL when it is not in the map. */
size_t	*map_get(const struct map *m, const void *key, size_t len);
/* The value of key, added (as 0, *added set to 1) when it was not
 * there; the pointer is good until the next map_put(). */
size_t	*map_put(struct map *m, const void *key, size_t len, int *added);
/* Empties the map but keeps its memory. */
void	 map_clear(struct map *m);
void	 map_dispose(struct map *m);

struct map64 {
	uint64_t	*key;		/* 0: empty (key 0 is kept as 1) */
	uint32_t	*val;
	size_t		 cap;		/* 0 or a power of two */
	size_t		 n;
};

#define MAP64_INIT { NULL, NULL, 0, 0 }

/* The value of key, added (as 0, *added set to 1) when it was not
 * there; the pointer is good until the next map64_put(). Keys 0 and 1
 * are one key. */
uint32_t	*map64_put(struct map64 *m, uint64_t key, int *added);
/* Empties the map but keeps its memory. */
void		 map64_clear(struct map64 *m);
void		 map64_dispose(struct map64 *m);

/* Where the search for key (not 0) starts in m (cap > 0). The key is
 * mixed first (a multiply, whose high half folds into the low), so that
 * keys that differ only in their high bits, as short strings packed in
 * a word do, spread too. */
static inline size_t
map64_home(const struct map64 *m, uint64_t key)
{
	uint64_t h = key * 0x9e3779b97f4a7c15ull;

	return (size_t)(h ^ h >> 32) & (m->cap - 1);
}

/* The value of key, or NULL when it is not in the map. Inline, as the
 * lookups of hot loops (each word of each text) are. */
static inline uint32_t *
map64_get(const struct map64 *m, uint64_t key)
{
	size_t i;

	if (m->n == 0)
		return NULL;
	if (key == 0)
		key = 1;
	for (i = map64_home(m, key); m->key[i] != 0;
	    i = (i + 1) & (m->cap - 1))
		if (m->key[i] == key)
			return &m->val[i];
	return NULL;
}

#endif
