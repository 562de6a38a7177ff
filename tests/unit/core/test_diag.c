/* test_diag.c: what diagnostics let through to a terminal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "harness.h"

/* diag_put_escaped() of s[0..len), as a string. */
static char *
escaped(const char *s, size_t len)
{
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);

	if (f == NULL)
		abort();
	diag_put_escaped(f, s, len);
	fclose(f);
	return out;
}

#define CHECK_ESC(in, want) do {					\
	char *got_ = escaped((in), sizeof(in) - 1);			\
	CHECK_STR(got_, (want));					\
	free(got_);							\
} while (0)

static void
test_text_passes(void)
{
	CHECK_ESC("plain/a b.txt", "plain/a b.txt");
	CHECK_ESC("caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x93\xb0",
	    "caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x93\xb0");
	/* A tab is a space: a message stays one line of columns. */
	CHECK_ESC("a\tb", "a b");
}

static void
test_controls_escaped(void)
{
	/* C0 controls, DEL and NUL: a file name cannot start a new line,
	 * move the cursor or end the message early. */
	CHECK_ESC("a\nb", "a\\x0Ab");
	CHECK_ESC("\x1b[2Jx", "\\x1B[2Jx");
	CHECK_ESC("a\x7f", "a\\x7F");
	CHECK_ESC("a\0b", "a\\x00b");
	/* C1 controls (U+0085, U+009B: a CSI of its own) too. */
	CHECK_ESC("a\xc2\x85", "a\\xC2\\x85");
	CHECK_ESC("\xc2\x9b" "2J", "\\xC2\\x9B2J");
	/* U+00A0, the first character past them, passes. */
	CHECK_ESC("\xc2\xa0", "\xc2\xa0");
}

static void
test_invalid_bytes_escaped(void)
{
	/* Latin-1, an overlong slash, a surrogate, past U+10FFFF, a
	 * sequence cut short at the end: each byte shown as hex. */
	CHECK_ESC("caf\xe9", "caf\\xE9");
	CHECK_ESC("\xc0\xaf", "\\xC0\\xAF");
	CHECK_ESC("\xed\xa0\x80", "\\xED\\xA0\\x80");
	CHECK_ESC("\xf4\x90\x80\x80", "\\xF4\\x90\\x80\\x80");
	CHECK_ESC("ok\xe2\x82", "ok\\xE2\\x82");
	/* A bad lead byte does not swallow the valid text after it. */
	CHECK_ESC("\xff\xc3\xa9", "\\xFF\xc3\xa9");
}

int
main(void)
{
	test_text_passes();
	test_controls_escaped();
	test_invalid_bytes_escaped();
	return harness_done();
}
