/*
 * fuzz_front.c: libFuzzer target for the front matter of .md pages.
 *
 * The input is the YAML between the two --- lines of a page; the page
 * around it has a short body, so that md_read_page() reads all of it.
 * What is sought: crashes, leaks, sanitizer reports, and time: the
 * front matter is bounded in size and nesting before libyaml sees it,
 * so no input may take long (run with -timeout=2). The seeds in
 * tests/fuzz/corpus/front/ replay in every `make test`
 * (tests/unit/parse/test_fuzz_targets.c).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/diag.h"
#include "core/xalloc.h"
#include "parse/article.h"
#include "parse/md_read.h"
#include "render/md.h"

int	fuzz_front_check(const uint8_t *data, size_t size);
int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
is_slug(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || (s[i] == '-' && i > 0)))
			return 0;
	return i > 0 && i <= 80;
}

/* Returns 0, or -1 when an invariant of the article read fails. */
int
fuzz_front_check(const uint8_t *data, size_t size)
{
	struct buf page = BUF_INIT;
	struct article *a = xcalloc(1, sizeof(*a));
	struct diag quiet;
	int bad = 0;

	diag_init(&quiet, NULL);
	a->path = xstrdup("fuzz.md");
	a->thread_prev = a->thread_next = -1;
	buf_puts(&page, "---\n");
	buf_put(&page, (const char *)data, size);
	buf_puts(&page, "\n---\n\nA body of one paragraph.\n");
	if (md_read_page(a, &quiet, "fuzz.md", page.data, page.len) == 0) {
		/* A page read is an article with a slug and clean text. */
		if (a->slug == NULL || !is_slug(a->slug))
			bad = 1;
		if (a->title != NULL && memchr(a->title, '\n',
		    strlen(a->title)) != NULL)
			bad = 1;
	}
	article_free(a);
	buf_dispose(&page);
	return bad ? -1 : 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (fuzz_front_check(data, size) < 0)
		abort();
	return 0;
}
