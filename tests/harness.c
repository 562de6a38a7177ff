/*
 * harness.c: counts checks and skips and prints `N passed, N failed,
 * N skipped` (harness.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

static int passed, failed, skipped;

int
harness_check(int ok, const char *file, int line, const char *expr)
{
	if (ok)
		passed++;
	else {
		failed++;
		printf("FAIL %s:%d: %s\n", file, line, expr);
	}
	return ok;
}

int
harness_check_str(const char *got, const char *want, const char *file,
    int line, const char *expr)
{
	int ok = (got == NULL && want == NULL) ||
	    (got != NULL && want != NULL && strcmp(got, want) == 0);

	if (!harness_check(ok, file, line, expr))
		printf("  got:  %s\n  want: %s\n", got ? got : "(null)",
		    want ? want : "(null)");
	return ok;
}

void
harness_skip(const char *fmt, ...)
{
	va_list ap;

	skipped++;
	fputs("skip: ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

int
harness_done(void)
{
	printf("%d passed, %d failed, %d skipped\n", passed, failed, skipped);
	return failed != 0;
}
