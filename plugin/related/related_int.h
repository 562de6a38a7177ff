/*
 * related_int.h: what the files of the related module share (related.c,
 * related_index.c, related_text.c, related_weights.c); nothing outside
 * them includes it.
 *
 * The work goes in passes, each linear in the size of the archive:
 *  1. order: articles sorted by (date, path), the order every tie follows;
 *  2. sketch: each article's words, case-folded and stripped of accents,
 *     cut to their first letters (so that Marenko, Marenkov and
 *     Marenkow agree), shingled a few at a time within a paragraph, and a
 *     one-permutation MinHash of the shingles (related_text.c);
 *  3. copies: LSH bands of the sketches give candidate pairs, agreement of
 *     the sketches confirms them, union-find makes stories of copies;
 *  4. features: each story's tags and rarest names, document frequencies
 *     counted per story, and inverted indexes over them in date order
 *     (related_index.c);
 *  5. related: candidates from a window of each index around the story,
 *     a bounded heap of the best, exact scores for those;
 *  6. threads: follow-ups a few days apart sharing most of what they are
 *     about, never past a report between them, linked greedily, the
 *     closest pair first;
 *  7. output: per article, its copies, related stories and reasons
 *     (related.c).
 * What each feature weighs, and the least share a related story has,
 * are the rules' or the defaults (related_weights.c).
 * Nothing compares all pairs: LSH buckets and index windows are capped.
 */
#ifndef MORGUE_RELATED_INT_H
#define MORGUE_RELATED_INT_H

#include <stdint.h>

#include "related/related.h"
#include "core/map.h"

#define SIG		128	/* MinHash values per article */
#define NONE		UINT32_MAX
#define NODAY		INT32_MIN

enum {
	SEED_WORD = 1,
	SEED_SHINGLE,
	SEED_DENSE,
	SEED_TAG,
	SEED_TERM
};

/* A word of a text. */
enum {
	TOK_CAP = 1,		/* begins with a capital */
	TOK_NUM = 2,		/* digits only */
	TOK_START = 4,		/* first of a sentence or a line */
	TOK_LOWER = 8,		/* has a lower-case letter as written */
	TOK_GLUE = 16		/* follows the word before after spaces only */
};

struct tok {
	uint64_t	 full;	/* hash of the folded word */
	uint64_t	 stem;	/* hash of its first STEM_CHARS letters */
	const char	*src;	/* the word as written; borrowed */
	uint32_t	 len;
	uint16_t	 nchars;
	uint16_t	 flags;
};

struct tokv {
	struct tok	*v;
	size_t		 n;
	size_t		 cap;
};

struct u32v {
	uint32_t	*v;
	size_t		 n;
	size_t		 cap;
};

/* A tag, or a rare name of the text, and how much sharing it weighs. */
struct feat {
	double		 w;	/* the kind's weight, then times rarity */
	uint32_t	 df;	/* stories that have it (0: npost) */
	uint32_t	 npost;	/* stories indexed under it */
	uint32_t	 stamp;	/* 1 + the last story that counted it */
	uint32_t	 name;	/* offset of the display name in names */
	unsigned	 quality; /* of the name: lower case, two words */
};

/* A related story of a story. */
struct cand {
	double		 score;
	double		 sim;	/* share of features in common */
	double		 cos;	/* shared weight over the mean of the totals */
	uint32_t	 t;
};

struct ctx {
	struct article	**v;
	size_t		  n;
	const struct related_config *cfg;
	size_t		  count;
	double		  w_terms, w_time, w_thread;
	double		  threshold;	/* least cos of a related story */
	uint32_t	 *order;	/* articles by (date, path) */
	uint32_t	 *rank;		/* article -> its place in order */
	uint32_t	 *sig;		/* n * SIG */
	uint32_t	 *nsh;		/* shingles per article */
	uint32_t	 *parent;	/* union-find over articles */
	/* Stories: sets of copies, numbered in (date, path) order. */
	uint32_t	  nstory;
	uint32_t	 *story;	/* article -> story */
	uint32_t	 *mem_off;	/* story -> its members in mem */
	uint32_t	 *mem;
	int32_t		 *day;		/* story -> days since 1970, NODAY */
	/* Features: tags and rare names, and the stories that have them. */
	struct map64	  fmap;
	struct feat	 *feat;
	uint32_t	  nfeat;
	size_t		  featcap;
	struct buf	  names;	/* display names, NUL-separated */
	uint32_t	 *sf_off;	/* story -> its sorted features in sf */
	uint32_t	 *sf;
	uint32_t	 *sf_pos;	/* sf[k]'s place in its index: where
					 * its story is in post */
	double		 *stot;		/* story -> sum of feature weights */
	uint32_t	 *post_off;	/* feature -> its stories in post */
	uint32_t	 *post;
	/* Related stories and threads, per story. */
	size_t		  cmax;		/* candidates kept per story */
	struct cand	 *cand;		/* nstory * cmax */
	uint32_t	 *ncand;
	uint32_t	 *next, *prev, *thread;
};

/* related_weights.c */
double		 related_weight(const struct related_config *, const char *);
/* The least share a related story has: site.conf's, the rules', or
 * the default; 0 to 1. */
double		 related_threshold(const struct related_config *);

/* related_text.c */
/* Appends the words of s to tv; the tokens point into s. */
void		 related_tokenize(struct tokv *tv, const char *s);
/* The same without stems (each tok's stem is its full): for what
 * compares whole words. */
void		 related_words(struct tokv *tv, const char *s);
/* The i-th block of text of a (the title, the body, with lines the
 * boilerplate lines), or NULL after the last. */
const char	*related_block(const struct article *a, size_t i, int lines);
/* Fills sig[SIG]; returns the number of shingles (0: no sketch). */
uint32_t	 related_sketch(uint32_t *sig, const struct article *a,
		    struct tokv *tv);
/* The sorted distinct shingles of a's title and body in *v (grown, *cap
 * its room; the caller frees it); returns how many. */
size_t		 related_shingle_set(uint64_t **v, size_t *cap,
		    const struct article *a, struct tokv *tv);
/* The exact Jaccard resemblance of two sorted sets. */
double		 related_resemblance(const uint64_t *a, size_t na,
		    const uint64_t *b, size_t nb);

/* related_index.c */
/* The threads asked for (related_config.jobs; 0: one per processor). */
unsigned	 related_jobs(const struct ctx *);
void		 related_u32v_push(struct u32v *, uint32_t);
int32_t		 related_parse_day(const char *);
void		 related_make_order(struct ctx *);
void		 related_find_copies(struct ctx *);
void		 related_make_stories(struct ctx *);
void		 related_make_features(struct ctx *);

#endif
