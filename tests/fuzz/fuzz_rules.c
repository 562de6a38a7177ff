/*
 * fuzz_rules.c: libFuzzer target for the rules bridge (C <-> Lua).
 *
 * The input is a rule file. It is loaded as the only rule of a site
 * (declarations, article functions, settings), then run on a small
 * article and its results read back across the bridge: tags, mentions
 * and errors from arbitrary Lua values. The worker that runs the rules is
 * a forked child under the watchdog, so a runaway rule costs the budget
 * of the watchdog, not a hang; run with -timeout above RULES_BUDGET_MS.
 * What is sought: crashes, leaks and sanitizer reports in the parent,
 * and any result the bridge lets through unchecked (a tag that is not
 * clean text). The seeds in tests/fuzz/corpus/rules/ replay in every
 * `make test` (tests/unit/parse/test_fuzz_targets.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/diag.h"
#include "core/xalloc.h"
#include "parse/article.h"
#include "rules/rules.h"

int	fuzz_rules_check(const uint8_t *data, size_t size);
int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char article_text[] =
    "Talks resume in the capital\n\n"
    "By Ada Quill\n\n"
    "Lisbon, 3 March 2024 - Ministers met on Tuesday, said Ada Quill.\n\n"
    "The European Union and the city council agreed to meet again.\n";

/* Whether s is clean text: UTF-8 without controls (checked coarsely). */
static int
clean(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

int
fuzz_rules_check(const uint8_t *data, size_t size)
{
	char dir[] = "/tmp/fuzz-rules-XXXXXX";
	struct strv files = STRV_INIT;
	struct buf path = BUF_INIT;
	struct rules *r = NULL;
	struct article *a = NULL;
	struct diag quiet;
	FILE *f;
	size_t i;
	int bad = 0;

	diag_init(&quiet, NULL);
	if (mkdtemp(dir) == NULL)
		return 0;
	buf_printf(&path, "%s/rule.lua", dir);
	if ((f = fopen(path.data, "wb")) == NULL)
		goto out;
	fwrite(data, 1, size, f);
	fclose(f);
	strv_push(&files, "rule.lua");
	if (rules_new(&r, &quiet, dir, &files) < 0)
		goto out;
	if (article_parse(&a, &quiet, "fuzz.txt", article_text,
	    sizeof(article_text) - 1) < 0)
		goto out;
	(void)rules_run(r, &quiet, a);
	for (i = 0; i < a->ntags; i++)
		if (!clean(a->tags[i].kind) || !clean(a->tags[i].name))
			bad = 1;
out:
	article_free(a);
	rules_free(r);
	unlink(path.data);
	rmdir(dir);
	buf_dispose(&path);
	strv_dispose(&files);
	return bad ? -1 : 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (fuzz_rules_check(data, size) < 0)
		abort();
	return 0;
}
