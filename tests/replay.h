/*
 * replay.h: the standalone driver's pieces that replay a fuzz corpus
 * (tests/fuzz/corpus/TARGET/) without libFuzzer, shared by the unit
 * programs that run the fuzz targets in every `make test`. Failures
 * are counted through the harness (harness.h).
 */
#ifndef MORGUE_REPLAY_H
#define MORGUE_REPLAY_H

#include <stddef.h>
#include <stdint.h>

/* A target's checks over one input: NULL when every invariant holds,
 * else what broke. */
typedef const char	*(*replay_check_fn)(const uint8_t *data, size_t len);
/* Called for each seed of a corpus: its file name and bytes (borrowed
 * for the call). */
typedef void	(*replay_seed_fn)(void *ctx, const char *name,
		    const char *data, size_t len);

/* The seconds one input may take: plain in a plain build, sanitized
 * under ASan + UBSan (SANITIZED set), 600 under valgrind (VALGRIND set),
 * which slow everything down many times. */
double	replay_budget(double plain, double sanitized);

/* The monotonic clock in seconds. */
double	replay_now(void);

/* Calls fn for each file of dir but dot files, in readdir order.
 * Returns the number of seeds; a dir that cannot be opened is a failed
 * check and 0. */
size_t	replay_corpus(const char *dir, replay_seed_fn fn, void *ctx);

/* Checks data, then its first slice bytes repeated up to at most `to`
 * bytes (how quadratic work is found), the latter within budget
 * seconds; name says which seed failed. */
void	replay_repeated(replay_check_fn check, const char *name,
	    const char *data, size_t len, size_t slice, size_t to,
	    double budget);

#endif
