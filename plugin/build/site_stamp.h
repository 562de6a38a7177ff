/*
 * site_stamp.h: a build with nothing new to do reuses the last one.
 *
 * A build is a function of its inputs: the morgue executable, site.conf,
 * the rule files, the templates directory, every file below the content
 * directory (paths and bytes), SOURCE_DATE_EPOCH and the archive's tip.
 * The stamp is XXH3-128 of them all. A build that committed saves it in
 * the build cache with its exit status and the warnings and errors it
 * printed; the next build whose inputs hash the same, and whose output
 * is still as the output manifest says, says those again and ends there,
 * since running the pipeline would write and commit nothing. Anything
 * else forgets the stamp first, so that a build killed half-way is never
 * taken for a finished one.
 */
#ifndef MORGUE_SITE_STAMP_H
#define MORGUE_SITE_STAMP_H

#include <xxhash.h>

#include "core/buf.h"
#include "core/conf.h"
#include "core/diag.h"

/* What a build reads, beside the content directory and the templates
 * that conf names. */
struct site_stamp_in {
	const struct conf	*conf;
	const struct strv	*rules;		/* as rules_files() lists them */
	long long		 source_date;	/* -1 when unset */
	unsigned		 jobs;		/* threads reading the articles */
};

/* Hashes every input but the archive into *out. Returns 0, or -1 when
 * some input could not be read or listed whole, or the content would
 * draw a diagnostic from the scan (the build then runs as usual). */
int	site_stamp_hash(XXH128_hash_t *out, const struct site_stamp_in *in);

/* Adds the system files the rules may read (tagger_data_files: the
 * gazetteers and the word list), each by its bytes or as absent, to st.
 * 0, or -1 when one exists but cannot be read. */
int	site_stamp_data(XXH3_state_t *st);

/* The stamp of a build: its inputs' hash and the archive's tip (a
 * commit id, "" for none). */
XXH128_hash_t site_stamp_key(XXH128_hash_t inputs, const char *head);

/*
 * When cachedir's stamp is h and the output directory is still as the
 * output manifest says (no hand edit, nothing left by a killed build):
 * says the saved diagnostics again on d (counting them), sets *rc to
 * the saved exit status and returns 1. Otherwise returns 0 and touches
 * nothing.
 */
int	site_stamp_reuse(const char *cachedir, XXH128_hash_t h,
	    const char *output, struct diag *d, int *rc);

/* Saves h with the exit status rc and the diagnostics log (errors and
 * warnings counted in them). 0 or -1. */
int	site_stamp_save(const char *cachedir, XXH128_hash_t h, int rc,
	    const struct buf *log, unsigned errors, unsigned warnings);

/* Removes cachedir's stamp (a missing one is no error). 0 or -1. */
int	site_stamp_forget(const char *cachedir);

#endif
