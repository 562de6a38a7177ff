/*
 * fuzz_tmpl.c: libFuzzer target for the Mustache engine (STYLE 34).
 *
 * The input is a template, then optionally \x01 and the source of the
 * partial "p", then \x01 and that of "q", so that partials, parents and
 * recursion between them are reached. Everything is parsed and rendered
 * against a fixed context with small limits; the only failures sought
 * are crashes, leaks, sanitizer reports and timeouts.
 *
 *	clang -fsanitize=fuzzer,address,undefined -Iplugin \
 *	    tests/fuzz/fuzz_tmpl.c plugin/tmpl.c plugin/tmpl_render.c \
 *	    plugin/buf.c plugin/xalloc.c plugin/diag.c -ljansson
 *	./a.out tests/fuzz/corpus/tmpl
 */
#include <stdint.h>
#include <string.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/diag.h"
#include "render/tmpl.h"

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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *sep = memchr(s, 1, size);
	size_t n = sep ? (size_t)(sep - s) : size, used;
	struct tmpl_partials *p = tmpl_partials_new(NULL, TMPL_MISSING_OK);
	struct buf out = BUF_INIT;
	struct tmpl *t;
	struct diag d;
	json_t *ctx = json_loads(context, 0, NULL);

	diag_init(&d, NULL);
	tmpl_partials_limit(p, 1 << 20, 1 << 18);
	if (sep != NULL) {
		used = n + 1;
		used += add_part(p, &d, "p", s + used, size - used);
		if (used < size)
			add_part(p, &d, "q", s + used, size - used);
	}
	if (tmpl_parse(&t, &d, "fuzz", s, n) == 0) {
		tmpl_render(&out, &d, t, ctx, p);
		tmpl_free(t);
	}
	json_decref(ctx);
	buf_dispose(&out);
	tmpl_partials_free(p);
	return 0;
}
