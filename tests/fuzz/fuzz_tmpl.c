/*
 * fuzz_tmpl.c: libFuzzer target for the Mustache engine, a parser of
 * input that template authors write by hand.
 *
 * The input is a template, then optionally \x01 and the source of the
 * partial "p", then \x01 and that of "q", so that partials, parents and
 * recursion between them are reached. Everything is parsed and rendered
 * twice against a fixed context with small limits; the failures sought
 * are crashes, leaks, sanitizer reports, timeouts, output over the
 * limit and two renders that differ (fuzz_tmpl_check()).
 *
 * Build and run (clang only; `make fuzz` does the build):
 *	make fuzz
 *	build-fuzz/fuzz_tmpl -timeout=5 -max_total_time=600 \
 *	    build-fuzz/corpus-tmpl tests/fuzz/corpus/tmpl
 * Without libFuzzer, tests/unit/render/test_fuzz_tmpl.c replays the
 * corpus in every `make test` through fuzz_tmpl_check().
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/diag.h"
#include "render/tmpl.h"

/* The output limit set on every render. */
#define FUZZ_MAX_OUTPUT	(1 << 20)

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char context[] = "{\"a\": \"<x>\", \"l\": [1, {\"a\": 2.5, "
    "\"l\": []}], \"n\": \"p\", \"b\": {\"c\": [true, null]}}";

/* Adds the partial name from [s, s + n) up to the next \x01, if any. */
static size_t
add_part(struct tmpl_partials *p, struct diag *d, const char *name,
    const char *s, size_t n)
{
	const char *sep = memchr(s, 1, n);
	size_t len = sep ? (size_t)(sep - s) : n;

	tmpl_partials_add(p, d, name, s, len);
	return sep ? len + 1 : n;
}

/* Parses and renders the input once; out gets the output (empty when
 * the template does not parse). */
static void
render_once(struct buf *out, const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *sep = memchr(s, 1, size);
	size_t n = sep ? (size_t)(sep - s) : size, used;
	struct tmpl_partials *p = tmpl_partials_new(NULL, TMPL_MISSING_OK);
	struct tmpl *t;
	struct diag d;
	json_t *ctx = json_loads(context, 0, NULL);

	diag_init(&d, NULL);
	tmpl_partials_limit(p, FUZZ_MAX_OUTPUT, 1 << 18);
	if (sep != NULL) {
		used = n + 1;
		used += add_part(p, &d, "p", s + used, size - used);
		if (used < size)
			add_part(p, &d, "q", s + used, size - used);
	}
	if (tmpl_parse(&t, &d, "fuzz", s, n) == 0) {
		tmpl_render(out, &d, t, ctx, p);
		tmpl_free(t);
	}
	json_decref(ctx);
	tmpl_partials_free(p);
}

/*
 * What must hold for any input, or NULL: the output stays within the
 * limit set, and the same input renders to the same bytes twice (no
 * state kept between renders, no uninitialised memory read).
 */
static const char *
fuzz_tmpl_check(const uint8_t *data, size_t size)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	const char *bad = NULL;

	render_once(&a, data, size);
	render_once(&b, data, size);
	if (a.len > FUZZ_MAX_OUTPUT + 4096)
		bad = "output over the limit";
	else if (a.len != b.len || memcmp(a.data, b.data, a.len) != 0)
		bad = "two renders differ";
	buf_dispose(&a);
	buf_dispose(&b);
	return bad;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (fuzz_tmpl_check(data, size) != NULL)
		abort();
	return 0;
}
