/*
 * fuzz_conf.c: libFuzzer target for site.conf.
 *
 * The input is the text of a site.conf. It is Lua, evaluated with no
 * library under a memory cap and an instruction budget; what is sought
 * is a crash, a leak, a sanitizer report, a hang past the budget, or a
 * configuration accepted with a value the checks should have refused.
 * The seeds in tests/fuzz/corpus/conf/ replay in every `make test`
 * (tests/unit/parse/test_fuzz_targets.c).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/conf.h"
#include "core/diag.h"

int	fuzz_conf_check(const uint8_t *data, size_t size);
int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Whether a path from site.conf may be used below the site: relative,
 * and no part of it "..", though a name may hold two dots ("..lock"). */
static int
tame(const char *p)
{
	const char *s;

	if (*p == '\0' || *p == '/')
		return 0;
	for (s = p; (s = strstr(s, "..")) != NULL; s += 2)
		if ((s == p || s[-1] == '/') && (s[2] == '\0' || s[2] == '/'))
			return 0;
	return 1;
}

int
fuzz_conf_check(const uint8_t *data, size_t size)
{
	struct conf *c = NULL;
	struct diag quiet;
	int bad = 0;

	diag_init(&quiet, NULL);
	if (conf_parse(&c, &quiet, "site.conf", (const char *)data,
	    size) == 0) {
		if (!tame(c->output) || strlen(c->title) > CONF_MAX_STRING ||
		    strncmp(c->base_url, "http", 4) != 0)
			bad = 1;
		conf_free(c);
	} else if (quiet.errors == 0)
		bad = 1;	/* refused without saying why */
	return bad ? -1 : 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (fuzz_conf_check(data, size) < 0)
		abort();
	return 0;
}
