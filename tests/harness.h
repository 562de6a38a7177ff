/*
 * harness.h: the unit-test harness. Each tests/unit/test_*.c is its own
 * program: its main() calls its checks and returns harness_done(), which
 * prints `N passed, N failed`.
 */
#ifndef MORGUE_HARNESS_H
#define MORGUE_HARNESS_H

int	harness_check(int ok, const char *file, int line, const char *expr);
int	harness_check_str(const char *got, const char *want, const char *file,
	    int line, const char *expr);
int	harness_done(void);

#define CHECK(x) harness_check(!!(x), __FILE__, __LINE__, #x)
#define CHECK_STR(got, want) \
	harness_check_str((got), (want), __FILE__, __LINE__, #got)

#endif
