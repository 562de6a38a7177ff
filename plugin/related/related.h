/*
 * related.h: syndicated copies, related stories and story threads.
 *
 * related_compute() looks at every article of a site at once and fills,
 * in each struct article (article.h):
 *
 *   syndicated, nsyndicated  the other copies of the same story (the same
 *                            wire text carried by several outlets), as
 *                            indices into v, in (date, path) order;
 *   related, nrelated        at most cfg->count related stories, best
 *                            first, each with a score and a reason a reader
 *                            sees ("also about: Ilse Marrow, port
 *                            strike", "follow-up, 3 days later"); one
 *                            entry per story, never the article itself
 *                            nor a copy of it, and only those that pass
 *                            the threshold (below): often fewer;
 *   thread_prev, thread_next the previous and next report of the same
 *                            story thread (follow-ups over days), or -1;
 *   date, date_inferred      an undated article takes the date of its
 *                            earliest dated copy, with date_inferred = 1.
 *
 * Copies are found by MinHash over word shingles with LSH banding; related
 * stories come from inverted indexes over tags and rare terms, walked in
 * date order with a bounded window, so that time and memory grow linearly
 * with n. The result depends only on the articles (ties are broken by
 * date, then path), never on the order of v or on addresses.
 *
 * Weights (struct weight, set by the rules' related_weights { ... }): the
 * keys, and their defaults (for each key the rules do not set), are
 *
 *   people          30  per shared tag of that kind, scaled by its rarity
 *   topics          20
 *   organisations   15
 *   places          10
 *   tags            10  per shared tag of any other kind (a kind named in
 *                       the weights uses its own value)
 *   terms            5  per shared rare name or word of the text
 *   time            10  closeness in time: the full value on the same day,
 *                       half of it 4 days apart, a third 8 days apart
 *   thread          25  both reports are in the same story thread
 *
 * A weight of 0 switches a feature off; a key not listed above is taken
 * as a tag kind, except "threshold".
 *
 * Threshold: a story is related only when what the two share reaches
 * this share of what they are about (the weight of the shared features
 * over the geometric mean of the two totals, a cosine: 0 to 1). Set by
 * site.conf's related.threshold (has_threshold), else by the rules'
 * related_weights { threshold = ... }, else RELATED_THRESHOLD. Copies of
 * the story are never related stories: they are listed in syndicated.
 */
#define RELATED_THRESHOLD	0.12
#ifndef MORGUE_RELATED_H
#define MORGUE_RELATED_H

#include <stddef.h>
#include <stdint.h>

#include "parse/article.h"

struct progress;

struct weight {
	const char	*key;	/* a tag kind, "time", "threshold", ... */
	double		 value;
};

struct related_config {
	size_t			 count;		/* related stories an article */
	const struct weight	*weights;	/* borrowed; may be NULL */
	size_t			 nweights;	/* 0: the defaults above */
	int			 has_threshold;	/* 0: the rules' or default */
	double			 threshold;	/* 0 to 1, see below */
	struct progress		*progress;	/* borrowed, may be NULL:
						 * counts the articles done */
	unsigned		 jobs;		/* threads; 0: one per
						 * processor. The result is
						 * the same for any number */
	/*
	 * Borrowed, may be NULL: a cache of sketches the caller keeps
	 * between builds. sketches holds RELATED_SKETCH values per
	 * article of v, and known[i] says that article i's are there
	 * already (a sketch is a function of the article's title, body
	 * and boilerplate alone); related_compute() makes the others,
	 * puts them there and sets their known[i].
	 */
	uint32_t		*sketches;
	unsigned char		*known;
};

/* The values of one article's sketch in related_config.sketches: its
 * MinHash and its number of shingles. */
#define RELATED_SKETCH		129

/* The default weights above; the array is static and read-only. */
size_t	related_default_weights(const struct weight **out);

/*
 * Fills the fields listed above in each of the n articles of v (borrowed;
 * the fields are replaced, and what they held before is freed). The
 * arrays and reasons belong to the articles: article_free() releases
 * them. cfg may be NULL for the defaults with count 5.
 */
void	related_compute(struct article **v, size_t n,
	    const struct related_config *cfg);

#endif
