/* test_utf8.c: the one UTF-8 module. */
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "harness.h"

/* Every length's first and last code point, and around the surrogates. */
static void
test_encode_round_trips(void)
{
	static const int32_t cps[] = { 0, 0x7f, 0x80, 0x7ff, 0x800, 0xd7ff,
	    0xe000, 0xfffd, 0xffff, 0x10000, 0x10ffff };
	static const int lens[] = { 1, 1, 2, 2, 3, 3, 3, 3, 3, 4, 4 };
	char s[4];
	size_t i, n;
	int32_t back;
	int ok = 1;

	for (i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
		n = utf8_encode(s, cps[i]);
		ok &= n == (size_t)lens[i] &&
		    utf8_next(s, n, &back) == lens[i] && back == cps[i];
	}
	CHECK(ok);
	CHECK(utf8_encode(s, 0xe9) == 2 && memcmp(s, "\xc3\xa9", 2) == 0);
	CHECK(utf8_encode(s, 0x20ac) == 3 && memcmp(s, "\xe2\x82\xac", 3) == 0);
}

static void
test_next_refuses_what_is_not_utf8(void)
{
	int32_t cp;

	CHECK(utf8_next("\xc3\xa9", 2, &cp) == 2 && cp == 0xe9);
	CHECK(utf8_next("\xc3", 1, &cp) == -1);		/* cut short */
	CHECK(utf8_next("\xc0\xaf", 2, &cp) == -1);		/* overlong */
	CHECK(utf8_next("\xed\xa0\x80", 3, &cp) == -1);	/* surrogate */
	CHECK(utf8_next("\xf4\x90\x80\x80", 4, &cp) == -1);	/* > U+10FFFF */
	CHECK(utf8_next("\x80", 1, &cp) == -1);		/* continuation */
}

static void
test_valid_scrub_cut(void)
{
	const char *s = "caf\xc3\xa9 au lait, \xff then more ascii";
	struct buf b = BUF_INIT;

	CHECK(utf8_valid_prefix(s, strlen(s)) == 15);
	CHECK(!utf8_valid(s, strlen(s)) && utf8_valid(s, 15));
	utf8_scrub(&b, "a\xffz\xc3", 4);
	CHECK_STR(b.data, "a" UTF8_REPLACEMENT "z" UTF8_REPLACEMENT);
	buf_reset(&b);
	utf8_put_name(&b, "a\xffz");
	CHECK_STR(b.data, "a\\xFFz");
	/* "café": a cut inside the é steps back to before it. */
	CHECK(utf8_cut(s, 4) == 3 && utf8_cut(s, 5) == 5);
	CHECK(utf8_prev(s, s + 5) == s + 3 && utf8_prev(s, s) == s);
	buf_dispose(&b);
}

int
main(void)
{
	test_encode_round_trips();
	test_next_refuses_what_is_not_utf8();
	test_valid_scrub_cut();
	return harness_done();
}
