/* test_text.c: raw bytes to clean text (text.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <utf8proc.h>

#include "harness.h"
#include "parse/text.h"

/* The result of one decode: its return code, text and diagnostics. */
struct run {
	int	 rc;
	char	*text;
	char	*log;
};

static struct run
run(const char *data, size_t len)
{
	struct run r;
	struct buf out = BUF_INIT;
	struct diag d;
	size_t loglen;
	FILE *f;

	r.log = NULL;
	f = open_memstream(&r.log, &loglen);
	diag_init(&d, f);
	r.rc = text_decode(&out, &d, "a.txt", data, len);
	fclose(f);
	r.text = buf_detach(&out);
	return r;
}

static void
run_free(struct run *r)
{
	free(r->text);
	free(r->log);
}

/* Decodes a string literal (with its embedded NULs) and compares. */
#define DECODES(lit, want, logpart) \
	check_decode((lit), sizeof(lit) - 1, (want), (logpart), __LINE__)

static void
check_decode(const char *in, size_t len, const char *want,
    const char *logpart, int line)
{
	struct run r = run(in, len);
	char name[64];

	snprintf(name, sizeof(name), "decode at line %d", line);
	harness_check(r.rc == 0, __FILE__, line, name);
	harness_check_str(r.text, want, __FILE__, line, name);
	if (logpart == NULL)
		harness_check_str(r.log, "", __FILE__, line, "no warning");
	else if (!harness_check(strstr(r.log, logpart) != NULL, __FILE__,
	    line, logpart))
		fprintf(stderr, "  log was: %s\n", r.log);
	run_free(&r);
}

#define REFUSES(lit, logpart) \
	check_refuse((lit), sizeof(lit) - 1, (logpart), __LINE__)

static void
check_refuse(const char *in, size_t len, const char *logpart, int line)
{
	struct run r = run(in, len);

	harness_check(r.rc == -1, __FILE__, line, "refused");
	harness_check_str(r.text, "", __FILE__, line, "nothing written");
	if (!harness_check(strstr(r.log, logpart) != NULL, __FILE__, line,
	    logpart))
		fprintf(stderr, "  log was: %s\n", r.log);
	run_free(&r);
}

static void
test_utf8_and_bom(void)
{
	DECODES("Hello\nworld\n", "Hello\nworld\n", NULL);
	DECODES("\xef\xbb\xbfHello", "Hello", NULL);
	DECODES("caf\xc3\xa9 \xe2\x80\x9cok\xe2\x80\x9d", "caf\xc3\xa9 "
	    "\xe2\x80\x9cok\xe2\x80\x9d", NULL);
	DECODES("\xf0\x9f\x98\x80 emoji", "\xf0\x9f\x98\x80 emoji", NULL);
	DECODES("\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0",
	    "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0", NULL);
}

static void
test_empty(void)
{
	REFUSES("", "a.txt: warning: empty article");
	REFUSES("\xef\xbb\xbf", "empty after normalisation");
	REFUSES("\xef\xbb\xbf  \r\n\t\n \xc2\xa0\xe2\x80\x8b\n",
	    "empty after normalisation");
	REFUSES("\x01\x02 \n", "binary content");
	REFUSES("\x0c\n", "empty after normalisation");
}

static void
test_utf16(void)
{
	DECODES("\xff\xfeH\0i\0\n\0\x1a\x04", "Hi\n\xd0\x9a",
	    "decoded as UTF-16LE");
	DECODES("\xfe\xff\0H\0i\xd8\x3d\xde\x00", "Hi\xf0\x9f\x98\x80",
	    "decoded as UTF-16BE");
	/* An unpaired surrogate and an odd last byte. */
	DECODES("\xff\xfex\0\x00\xd8y\0z", "x\xef\xbf\xbdy\xef\xbf\xbd",
	    "2 invalid byte sequences");
}

static void
test_cp1252(void)
{
	DECODES("\x93Hello\x94 \x96 ok", "\xe2\x80\x9cHello\xe2\x80\x9d "
	    "\xe2\x80\x93 ok", "a.txt:1: warning: decoded as windows-1252");
	DECODES("first\ncaf\xe9 na\xefve", "first\ncaf\xc3\xa9 na\xc3\xafve",
	    "a.txt:2: warning: decoded as windows-1252");
	DECODES("price \x80" "5", "price \xe2\x82\xac" "5",
	    "decoded as windows-1252");
}

static void
test_invalid_utf8(void)
{
	/* With valid multi-byte text around, the file stays UTF-8. */
	DECODES("\xc3\xa9 a\xc0\xaf" "b", "\xc3\xa9 a\xef\xbf\xbd" "b",
	    "a.txt:1: warning: 1 invalid byte sequence replaced by U+FFFD");
	DECODES("\xc3\xa9\nx\xed\xa0\x80y\xf8\x88\x80\x80\x80z\xe2\x80",
	    "\xc3\xa9\nx\xef\xbf\xbdy\xef\xbf\xbdz\xef\xbf\xbd",
	    "a.txt:2: warning: 3 invalid byte sequences");
	/* Alone, UTF-8-shaped garbage is still not taken for cp1252. */
	DECODES("a\xc0\xaf" "b", "a\xef\xbf\xbd" "b", "1 invalid byte");
	DECODES("ab\xe2\x80", "ab\xef\xbf\xbd", "1 invalid byte");
	/* A stray smart quote in UTF-8 text: no mojibake. */
	DECODES("\xe2\x80\x9cok\xe2\x80\x9d and \x93x",
	    "\xe2\x80\x9cok\xe2\x80\x9d and \xe2\x80\x9cx",
	    "1 stray byte in UTF-8 decoded as windows-1252");
	DECODES("\xc3\xa9 \xff", "\xc3\xa9 \xef\xbf\xbd", "1 invalid");
}

static void
test_nul_and_controls(void)
{
	DECODES("abc\0def", "abc\xef\xbf\xbd" "def",
	    "a.txt:1: warning: 1 NUL byte replaced by U+FFFD");
	DECODES("x\n\ny\0\0zzz", "x\n\ny\xef\xbf\xbd\xef\xbf\xbdzzz",
	    "a.txt:3: warning: 2 NUL bytes");
	DECODES("a\x0b" "b\x1b[31mred\xc2\x85x\xef\xbf\xbey\tz\x7f",
	    "ab[31mredxy z", NULL);
	DECODES("a\xef\xbf\xbf\xef\xb7\x90\xf4\x8f\xbf\xbe" "b", "ab", NULL);
}

static void
test_line_ends(void)
{
	DECODES("a\r\nb\r\n", "a\nb\n", NULL);
	DECODES("a\rb\r", "a\nb\n", NULL);
	DECODES("a\r\n\r\nb\rc\n\rd", "a\n\nb\nc\n\nd", NULL);
	DECODES("\x93x\r\n\x94", "\xe2\x80\x9cx\n\xe2\x80\x9d",
	    "decoded as windows-1252");
}

static void
test_nfc(void)
{
	DECODES("Cafe\xcc\x81", "Caf\xc3\xa9", NULL);
	DECODES("x\nA\xcc\x8a\xcc\x81\n", "x\n\xc7\xba\n", NULL);
	DECODES("\xe2\x84\xab", "\xc3\x85", NULL);	/* Angstrom sign */
	/* Hangul jamo compose too. */
	DECODES("\xe1\x84\x80\xe1\x85\xa1", "\xea\xb0\x80", NULL);
}

/* The shortcut that skips utf8proc must agree with utf8proc. */
static void
test_nfc_shortcut(void)
{
	static const unsigned ranges[][2] = {
		{ 0x20, 0x2ff }, { 0x400, 0x482 }, { 0x2010, 0x203a },
		{ 0x20ac, 0x20ac }
	};
	struct buf in = BUF_INIT;
	struct run r;
	utf8proc_uint8_t *nfc;
	utf8proc_uint8_t s[4];
	size_t i;
	unsigned cp;

	for (i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
		for (cp = ranges[i][0]; cp <= ranges[i][1]; cp++) {
			if (cp >= 0x7f && cp < 0xa0)
				continue;
			buf_put(&in, "a", 1);
			buf_put(&in, (char *)s,
			    (size_t)utf8proc_encode_char((int32_t)cp, s));
			buf_put(&in, "\xcc\x81\n", 3);
			buf_put(&in, (char *)s,
			    (size_t)utf8proc_encode_char((int32_t)cp, s));
			buf_put(&in, "\n", 1);
		}
	r = run(in.data, in.len);
	nfc = utf8proc_NFC((const utf8proc_uint8_t *)in.data);
	CHECK(r.rc == 0);
	CHECK(strcmp(r.text, (char *)nfc) == 0);
	free(nfc);
	run_free(&r);
	buf_dispose(&in);
}

static void
test_binary(void)
{
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";
	static const char elf[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0";
	static const char gz[] = "\x1f\x8b\x08\0\0\0\0\0\0\x03\xcb\x48";
	char *rnd;
	struct run r;
	size_t i;
	unsigned s = 12345;

	REFUSES(png, "binary content (NUL at offset 8)");
	REFUSES(elf, "binary content (NUL at offset 7)");
	REFUSES(gz, "binary content (NUL at offset 3)");
	REFUSES("GIF89a text", "binary content (file signature)");
	rnd = malloc(1 << 20);
	for (i = 0; i < 1 << 20; i++) {
		s = s * 1103515245u + 12345u;
		rnd[i] = (char)(s >> 16);
	}
	r = run(rnd, 1 << 20);
	CHECK(r.rc == -1);
	CHECK(strstr(r.log, "binary content (") != NULL);
	run_free(&r);
	free(rnd);
}

static void
test_long_line(void)
{
	size_t n = 5u << 20, i;
	char *big = malloc(n);
	struct run r;
	clock_t t0;

	for (i = 0; i < n; i++)
		big[i] = (char)('a' + i % 26);
	memcpy(big + n / 2, "\xc3\xa9\x93", 3);	/* UTF-8 + a stray */
	t0 = clock();
	r = run(big, n);
	CHECK(r.rc == 0);
	CHECK(strlen(r.text) == n + 2);
	CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0);
	run_free(&r);
	free(big);
}

static void
test_helpers(void)
{
	const char *t = "a\nbb\n\nc";

	CHECK(text_line_at(t, strlen(t), 0) == 1);
	CHECK(text_line_at(t, strlen(t), 2) == 2);
	CHECK(text_line_at(t, strlen(t), 6) == 4);
	CHECK(text_line_at(t, strlen(t), 1000) == 4);
	CHECK(text_is_blank(" \n\xe3\x80\x80", 5));
	CHECK(!text_is_blank(" x", 2));
}

int
main(void)
{
	test_utf8_and_bom();
	test_empty();
	test_utf16();
	test_cp1252();
	test_invalid_utf8();
	test_nul_and_controls();
	test_line_ends();
	test_nfc();
	test_nfc_shortcut();
	test_binary();
	test_long_line();
	test_helpers();
	return harness_done();
}
