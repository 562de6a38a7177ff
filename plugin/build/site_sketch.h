/*
 * site_sketch.h: the sketches related stories make of each article
 * (related.h, related_config.sketches), kept between builds in the build
 * cache, so that an article whose path and bytes are those of the last
 * build is not read again for its sketch. Derived data, keyed as the
 * parse cache is (struct site's keys), valid only for the morgue
 * executable that wrote it; deleting the file costs one reading of
 * every article.
 */
#ifndef MORGUE_SITE_SKETCH_H
#define MORGUE_SITE_SKETCH_H

#include <stddef.h>
#include <stdint.h>

#include <xxhash.h>

struct site_sketches {
	uint32_t	*v;	/* RELATED_SKETCH values an article */
	unsigned char	*known;	/* per article: v holds its sketch */
	size_t		 n;
	size_t		 found;	/* articles whose sketch was in the file */
};

/*
 * Sets out up for the n articles whose keys are keys (the parse cache's;
 * { 0, 0 }: none, never found): each one's sketch from file when it is
 * there, unless full (`morgue build --full`). A missing, damaged or
 * foreign file finds none. Free with site_sketches_dispose().
 */
void	site_sketches_load(struct site_sketches *out, const char *file,
	    const XXH128_hash_t *keys, size_t n, int full);

/* Writes file anew with the known sketch of every keyed article, unless
 * every one was found there. 0, or -1 (the file is then left out). */
int	site_sketches_save(const struct site_sketches *sk, const char *file,
	    const XXH128_hash_t *keys);

void	site_sketches_dispose(struct site_sketches *sk);

#endif
