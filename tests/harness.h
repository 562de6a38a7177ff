/*
 * harness.h: the unit-test harness. Each tests/unit/STAGE/test_*.c is a
 * program of its own: its main() calls its checks and returns harness_done(), which
 * prints `N passed, N failed, N skipped`.
 */
#ifndef MORGUE_HARNESS_H
#define MORGUE_HARNESS_H

int	harness_check(int ok, const char *file, int line, const char *expr);
int	harness_check_str(const char *got, const char *want, const char *file,
	    int line, const char *expr);
/* A check that cannot run here: prints `skip: why` and counts it. */
void	harness_skip(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2)));
int	harness_done(void);

#define CHECK(x) harness_check(!!(x), __FILE__, __LINE__, #x)
#define CHECK_STR(got, want) \
	harness_check_str((got), (want), __FILE__, __LINE__, #got)

#endif
