/*
 * rules.h: the editors' Lua rules (the API is in docs/rules.md).
 *
 * rules_new() loads the rule files that site.conf lists, in order, into
 * a sandboxed Lua 5.4 state: their declarations (aliases, topics, the
 * name recogniser, link and weight settings) are compiled once into a C
 * matcher, and their article functions are kept. rules_run_all() then
 * runs matcher and functions over the articles in a worker process that
 * a wall-clock watchdog kills when a rule runs away (a count hook cannot
 * stop a long C call such as a backtracking string.find), restarting a
 * fresh worker after the rule that failed: one bad rule on one article
 * never takes the build down, and never leaks state into the next one.
 */
#ifndef MORGUE_RULES_H
#define MORGUE_RULES_H

#include <stddef.h>
#include <stdio.h>

#include <xxhash.h>

#include "parse/article.h"
#include "core/buf.h"
#include "core/conf.h"
#include "core/diag.h"
#include "related/related.h"

struct rules;

/*
 * Appends to out the rule files of c: those site.conf lists, or, when it
 * lists none, those of the default files that exist below root or are
 * built in (builtin.h). A file that site.conf names must exist, below
 * root or built in (rules_new() reports it).
 */
void	rules_files(struct strv *out, const struct conf *c,
	    const char *root);

/*
 * Loads files (paths relative to root, as site.conf lists them; absolute
 * paths and ".." are refused) into *out, which the caller frees with
 * rules_free(). Each file is first loaded in a watched child process, so
 * that a runaway file cannot hang the build. Returns -1, after reporting
 * `lua/FILE.lua:LINE: error: ...`, when a file does not load (the caller
 * then exits 3 and writes nothing).
 */
int	rules_new(struct rules **out, struct diag *d, const char *root,
	    const struct strv *files);

/*
 * Runs the rules over the n articles of v, adding tags (article_add_tag)
 * and mentions to each, sorted by kind and name. A rule that errs or
 * runs away on an article is reported as `lua/FILE.lua:LINE: error:
 * message (article: PATH)` and skipped for that article only; the rest
 * go on. A rule that runs away (time or memory) on RULES_STRIKES
 * articles (rules_int.h, with the time and memory budgets), in this and
 * earlier runs of r, is stopped for the others.
 * Returns 0, or -1 when some rule erred (the build exits 1).
 * Articles are read, never changed, by the worker, so call this after
 * all of them are parsed: one worker serves them all.
 */
int	rules_run_all(struct rules *r, struct diag *d, struct article **v,
	    size_t n);

/*
 * rules_run_all() through the cache file (rules_cache.c says what it
 * keeps): an article whose record is there, and that asks the archive
 * nothing that changed since, gets what its last run sent back without
 * running; the others run. keys[i] names article i by its path and
 * bytes ({ 0, 0 }: unknown, it runs and no file is written); env hashes
 * what else the rules may read (morgue's executable, site.conf,
 * SOURCE_DATE_EPOCH), to which the rule files' bytes are added. With
 * full set the file is not read, only written. *ran is how many
 * articles ran. The result on every article is rules_run_all()'s.
 */
int	rules_run_cached(struct rules *r, struct diag *d, struct article **v,
	    size_t n, const XXH128_hash_t *keys, XXH128_hash_t env,
	    const char *file, int full, size_t *ran);

/* rules_run_all() for one article. */
int	rules_run(struct rules *r, struct diag *d, struct article *a);

/* The weights that related_weights{} declared, sorted by key; borrowed,
 * valid until rules_free(). */
size_t	rules_weights(const struct rules *r, const struct weight **out);
/* The spellings the rules declared, as pairs: the canonical name, then
 * one of its other spellings (search finds a name by any of them);
 * borrowed, valid until rules_free(). */
const struct strv *rules_spellings(const struct rules *r);

void	rules_free(struct rules *r);

/*
 * Runs the editors' test script path (lua/tests/x.lua) against r: its
 * test(name, fn) calls print `ok FILE: NAME` or `FAIL FILE: NAME: why`
 * to out and add to *passed and *failed. Returns -1 when the script
 * could not run at all (counted as a failure).
 */
int	rules_test_file(struct rules *r, struct diag *d, FILE *out,
	    const char *path, unsigned *passed, unsigned *failed);

#endif
