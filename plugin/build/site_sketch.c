/*
 * site_sketch.c: related stories' sketches kept between builds
 * (site_sketch.h). The file: a magic line, the XXH3-128 of the morgue
 * that wrote it, the count, then per article its key and its
 * RELATED_SKETCH values, in the byte order of the machine (the cache
 * never leaves it).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build/site_cache.h"
#include "build/site_sketch.h"
#include "core/buf.h"
#include "core/map.h"
#include "core/xalloc.h"
#include "related/related.h"

#define SKETCH_MAGIC	"morgue-sketch 1\n"
#define HEAD		(sizeof(SKETCH_MAGIC) - 1 + \
			    sizeof(XXH128_canonical_t) + sizeof(uint64_t))
#define RECORD		(sizeof(XXH128_canonical_t) + \
			    RELATED_SKETCH * sizeof(uint32_t))

static int
is_key(XXH128_hash_t k)
{
	return k.low64 != 0 || k.high64 != 0;
}

/* Whether this morgue can tell its own files: it can read itself. */
static int
versioned(void)
{
	return is_key(site_cache_version());
}

/* The whole file in b when it is one this morgue wrote; its count in
 * *n. 0 or -1. */
static int
read_file(struct buf *b, uint64_t *n, const char *file)
{
	XXH128_canonical_t self;
	int fd, rc;

	XXH128_canonicalFromHash(&self, site_cache_version());
	if ((fd = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		return -1;
	rc = buf_read_fd(b, fd, (size_t)1 << 32);
	close(fd);
	if (rc < 0 || b->len < HEAD ||
	    memcmp(b->data, SKETCH_MAGIC, sizeof(SKETCH_MAGIC) - 1) != 0 ||
	    memcmp(b->data + sizeof(SKETCH_MAGIC) - 1, &self,
	    sizeof(self)) != 0)
		return -1;
	memcpy(n, b->data + HEAD - sizeof(*n), sizeof(*n));
	return *n <= (b->len - HEAD) / RECORD &&
	    b->len == HEAD + *n * RECORD ? 0 : -1;
}

void
site_sketches_load(struct site_sketches *out, const char *file,
    const XXH128_hash_t *keys, size_t n, int full)
{
	struct map64 at = MAP64_INIT;
	struct buf b = BUF_INIT;
	XXH128_canonical_t c;
	XXH128_hash_t k;
	const char *rec;
	uint32_t *ix;
	uint64_t count, r;
	size_t i;
	int added;

	out->v = xreallocarray(NULL, n + 1, RELATED_SKETCH * sizeof(*out->v));
	out->known = xcalloc(n + 1, 1);
	out->n = n;
	out->found = 0;
	if (full || !versioned() || read_file(&b, &count, file) < 0) {
		buf_dispose(&b);
		return;
	}
	for (r = 0; r < count; r++) {
		memcpy(&c, b.data + HEAD + r * RECORD, sizeof(c));
		ix = map64_put(&at, XXH128_hashFromCanonical(&c).low64, &added);
		*ix = (uint32_t)r;
	}
	for (i = 0; i < n; i++) {
		if (!is_key(keys[i]) || (ix = map64_get(&at,
		    keys[i].low64)) == NULL)
			continue;
		rec = b.data + HEAD + (size_t)*ix * RECORD;
		memcpy(&c, rec, sizeof(c));
		k = XXH128_hashFromCanonical(&c);
		if (!XXH128_isEqual(k, keys[i]))
			continue;
		memcpy(out->v + i * RELATED_SKETCH, rec + sizeof(c),
		    RELATED_SKETCH * sizeof(*out->v));
		out->known[i] = 1;
		out->found++;
	}
	map64_dispose(&at);
	buf_dispose(&b);
}

int
site_sketches_save(const struct site_sketches *sk, const char *file,
    const XXH128_hash_t *keys)
{
	XXH128_canonical_t c;
	struct buf tmp = BUF_INIT;
	uint64_t count = 0;
	size_t i;
	FILE *f;
	int rc = -1;

	for (i = 0; i < sk->n; i++)
		count += sk->known[i] && is_key(keys[i]);
	if (sk->found == count && count == sk->n)
		return 0;
	if (!versioned())
		return -1;
	buf_printf(&tmp, "%s.new", file);
	if ((f = fopen(tmp.data, "we")) == NULL)
		goto out;
	fputs(SKETCH_MAGIC, f);
	XXH128_canonicalFromHash(&c, site_cache_version());
	fwrite(&c, sizeof(c), 1, f);
	fwrite(&count, sizeof(count), 1, f);
	for (i = 0; i < sk->n; i++) {
		if (!sk->known[i] || !is_key(keys[i]))
			continue;
		XXH128_canonicalFromHash(&c, keys[i]);
		fwrite(&c, sizeof(c), 1, f);
		fwrite(sk->v + i * RELATED_SKETCH, sizeof(*sk->v),
		    RELATED_SKETCH, f);
	}
	if (fclose(f) == 0 && rename(tmp.data, file) == 0)
		rc = 0;
	else
		unlink(tmp.data);
out:
	buf_dispose(&tmp);
	return rc;
}

void
site_sketches_dispose(struct site_sketches *sk)
{
	free(sk->v);
	free(sk->known);
	sk->v = NULL;
	sk->known = NULL;
	sk->n = sk->found = 0;
}
