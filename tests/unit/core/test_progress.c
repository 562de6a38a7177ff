/* test_progress.c: the stage progress reporter (core/progress.h). */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/progress.h"
#include "harness.h"

/* Whether s matches the extended regular expression re. */
static int
matches(const char *s, const char *re)
{
	regex_t rx;
	int ok;

	if (regcomp(&rx, re, REG_EXTENDED | REG_NOSUB) != 0)
		return 0;
	ok = regexec(&rx, s, 0, NULL, 0) == 0;
	regfree(&rx);
	return ok;
}

/* Runs two stages through a reporter with flags; returns its output. */
static char *
run(int flags)
{
	struct progress *p;
	char *text = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&text, &len);

	p = progress_new(f, flags);
	progress_begin(p, "parse", 10, "articles");
	for (i = 0; i < 10; i++)
		progress_add(p, 1);
	progress_begin(p, "render", 0, "pages");	/* ends parse */
	progress_add(p, 7);
	progress_end(p, 42);
	progress_end(p, 1);				/* no stage: nothing */
	progress_free(p);
	fclose(f);
	return text;
}

static void
test_lines(void)
{
	char *s = run(PROGRESS_LINES);

	CHECK(matches(s, "^morgue: parse: 10 articles in [0-9]+\\.[0-9]{2} s, "
	    "[0-9]+/s\nmorgue: render: 42 pages in [0-9.]+ s, [0-9]+/s\n$"));
	CHECK(strchr(s, '\r') == NULL);
	free(s);
}

static void
test_bar(void)
{
	char *s = run(PROGRESS_BAR);

	CHECK(matches(s, "\r\033\\[Kmorgue: parse +\\[#{24}\\] 10/10 articles, "
	    "[0-9]+/s"));
	CHECK(matches(s, "\r\033\\[Kmorgue: parse +\\[-{24}\\] 0/10 "));
	/* A stage of unknown size shows its count without a bar. */
	CHECK(matches(s, "morgue: render +0 pages, "));
	/* Every bar is erased in the end, and no line is left. */
	CHECK(matches(s, "\r\033\\[K$"));
	CHECK(strchr(s, '\n') == NULL);
	free(s);
}

static void
test_silent(void)
{
	char *s = run(0);

	CHECK_STR(s, "");
	free(s);
	CHECK(progress_flags(NULL, 1) == 0);
	CHECK(progress_flags(stdout, -1) == 0);
	/* A memory stream is not a terminal: lines only with -v. */
	{
		char *t = NULL;
		size_t n = 0;
		FILE *f = open_memstream(&t, &n);

		CHECK(progress_flags(f, 0) == 0);
		CHECK(progress_flags(f, 1) == PROGRESS_LINES);
		fclose(f);
		free(t);
	}
	progress_begin(NULL, "x", 1, "y");	/* NULL is a silent reporter */
	progress_add(NULL, 1);
	progress_end(NULL, 1);
	progress_free(NULL);
}

int
main(void)
{
	test_lines();
	test_bar();
	test_silent();
	return harness_done();
}
