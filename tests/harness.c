/* harness.c: counts checks and prints `N passed, N failed` (harness.h). */
#include <stdio.h>
#include <string.h>

#include "harness.h"

static int passed, failed;

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

int
harness_done(void)
{
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
