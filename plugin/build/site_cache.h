/*
 * site_cache.h: the parsed articles of the last build, so that a build
 * parses only the articles whose bytes (or path) changed. Derived data:
 * deleting the file costs one full parse. Keyed by XXH3-128 of each
 * article's path and bytes, and valid only for the morgue executable
 * that wrote it.
 */
#ifndef MORGUE_SITE_CACHE_H
#define MORGUE_SITE_CACHE_H

#include <stddef.h>

#include <xxhash.h>

#include "parse/article.h"

struct site_cache;

/* Opens the cache file (never trusted with full set). Free with
 * site_cache_free(). */
struct site_cache *site_cache_open(const char *file, int full);

/* The record of key (borrowed, len bytes), or NULL. Thread-safe. */
const char *site_cache_find(const struct site_cache *c, XXH128_hash_t key,
	    size_t *len);

/*
 * Decodes a record: the article (NULL when parsing skipped it), what
 * parsing printed (log, loglen; free it) and its counts. Returns 0, or -1
 * for a damaged record (nothing to free).
 */
int	site_cache_load(const char *rec, size_t len, struct article **out,
	    char **log, size_t *loglen, unsigned *errors, unsigned *warnings);

/* A new record (free it) of a freshly parsed article (may be NULL). */
char	*site_cache_record(size_t *len, XXH128_hash_t key,
	    const struct article *a, const char *log, size_t loglen,
	    unsigned errors, unsigned warnings);

/* Writes a fresh record (site_cache_record()) to the new cache file at
 * once, so that the caller can free it. Thread-safe. */
void	site_cache_put(struct site_cache *c, const char *rec, size_t len);

/* Makes the new cache: the records put, then the old records recs[0..n)
 * (borrowed from c, NULL ones left out), unless nothing changed (none
 * put, and the same count as the old file). 0 or -1. */
int	site_cache_save(struct site_cache *c, const char *const *recs,
	    const size_t *lens, size_t n);

void	site_cache_free(struct site_cache *c);

/* XXH3-128 of the running morgue executable and of the data files the
 * parse reads (outlet.h): a cache made by another morgue, or with other
 * data, is never trusted. { 0, 0 } when morgue cannot be read. */
XXH128_hash_t site_cache_version(void);

#endif
