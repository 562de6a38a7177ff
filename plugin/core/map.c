/* map.c: the hash map, by byte strings and by 64-bit hashes (map.h). */
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "core/map.h"
#include "core/xalloc.h"

static struct map_slot *
slot_of(const struct map *m, const void *key, size_t len, uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);

	while (m->v[i].key != NULL && (m->v[i].hash != h ||
	    m->v[i].len != len || memcmp(m->v[i].key, key, len) != 0))
		i = (i + 1) & (m->cap - 1);
	return &m->v[i];
}

size_t *
map_get(const struct map *m, const void *key, size_t len)
{
	struct map_slot *s;

	if (m->n == 0)
		return NULL;
	s = slot_of(m, key, len, XXH3_64bits(key, len));
	return s->key != NULL ? &s->value : NULL;
}

static void
grow(struct map *m)
{
	struct map old = *m;
	size_t i;

	m->cap = old.cap ? 2 * old.cap : 64;
	m->v = xcalloc(m->cap, sizeof(*m->v));
	for (i = 0; i < old.cap; i++)
		if (old.v[i].key != NULL)
			*slot_of(m, old.v[i].key, old.v[i].len,
			    old.v[i].hash) = old.v[i];
	free(old.v);
}

size_t *
map_put(struct map *m, const void *key, size_t len, int *added)
{
	uint64_t h = XXH3_64bits(key, len);
	struct map_slot *s;

	if (2 * (m->n + 1) > m->cap)
		grow(m);
	s = slot_of(m, key, len, h);
	*added = s->key == NULL;
	if (*added) {
		s->key = key;
		s->len = len;
		s->hash = h;
		s->value = 0;
		m->n++;
	}
	return &s->value;
}

void
map_clear(struct map *m)
{
	if (m->cap > 0)
		memset(m->v, 0, m->cap * sizeof(*m->v));
	m->n = 0;
}

void
map_dispose(struct map *m)
{
	free(m->v);
	m->v = NULL;
	m->cap = m->n = 0;
}

/* The slot of key (not 0) in m (cap > 0): its own or the empty one where
 * it would go. */
static size_t
slot64(const struct map64 *m, uint64_t key)
{
	size_t i = map64_home(m, key);

	while (m->key[i] != 0 && m->key[i] != key)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static void
grow64(struct map64 *m)
{
	struct map64 old = *m;
	size_t i, j;

	m->cap = old.cap ? 2 * old.cap : 64;
	m->key = xcalloc(m->cap, sizeof(*m->key));
	m->val = xcalloc(m->cap, sizeof(*m->val));
	for (i = 0; i < old.cap; i++)
		if (old.key[i] != 0) {
			j = slot64(m, old.key[i]);
			m->key[j] = old.key[i];
			m->val[j] = old.val[i];
		}
	free(old.key);
	free(old.val);
}

uint32_t *
map64_put(struct map64 *m, uint64_t key, int *added)
{
	size_t i;

	if (key == 0)
		key = 1;
	if (2 * (m->n + 1) > m->cap)
		grow64(m);
	i = slot64(m, key);
	*added = m->key[i] == 0;
	if (*added) {
		m->key[i] = key;
		m->val[i] = 0;
		m->n++;
	}
	return &m->val[i];
}

void
map64_clear(struct map64 *m)
{
	if (m->cap > 0)
		memset(m->key, 0, m->cap * sizeof(*m->key));
	m->n = 0;
}

void
map64_dispose(struct map64 *m)
{
	free(m->key);
	free(m->val);
	m->key = NULL;
	m->val = NULL;
	m->cap = m->n = 0;
}
