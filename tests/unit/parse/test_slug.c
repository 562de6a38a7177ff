/* test_slug.c: titles to slugs (slug.c). */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "parse/slug.h"

static regex_t slug_re;

static int
is_reserved(const char *s)
{
	static const char *const names[] = { "con", "prn", "aux", "nul",
		"com1", "lpt1", "com9", "lpt9", ".", "..", ".git" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i]) == 0)
			return 1;
	return 0;
}

/* Checks slug_make(in, max) == want, and the slug invariants. */
#define SLUG(in, max, want) check_slug((in), (max), (want), __LINE__)

static void
check_slug(const char *in, size_t max, const char *want, int line)
{
	char *s = slug_make(in, max);

	harness_check_str(s, want, __FILE__, line, in ? in : "(null)");
	harness_check(regexec(&slug_re, s, 0, NULL, 0) == 0, __FILE__, line,
	    "slug regex");
	free(s);
}

static void
test_ascii(void)
{
	SLUG("Hello, World!", 0, "hello-world");
	SLUG("  --Leading and trailing--  ", 0, "leading-and-trailing");
	SLUG("Putin's \"peace\" plan", 0, "putins-peace-plan");
	SLUG("2021: a year", 0, "2021-a-year");
	SLUG("", 0, "untitled");
	SLUG(NULL, 0, "untitled");
	SLUG("?!*** ---", 0, "untitled");
	SLUG("../../etc/passwd", 0, "etc-passwd");
	SLUG(".git", 0, "git");
	SLUG("CON", 0, "con-1");
	SLUG("nul", 0, "nul-1");
	SLUG("Lpt1", 0, "lpt1-1");
	SLUG("console", 0, "console");
}

static void
test_scripts(void)
{
	SLUG("Москва: Щукин", 0, "moskva-shchukin");
	SLUG("Москва: Щукин и Жуков объявили", 0,
	    "moskva-shchukin-i-zhukov-obyavili");
	SLUG("Café “Crème” — naïve résumé", 0, "cafe-creme-naive-resume");
	SLUG("Ærøskøbing Łódź", 0, "aeroskobing-lodz");
	SLUG("Straße", 0, "strasse");
	SLUG("Ελληνικά νέα", 0, "ellenika-nea");
	SLUG("Ｆｕｌｌｗｉｄｔｈ １２３", 0, "fullwidth-123");
	SLUG("Київ, Харків", 0, "kiiv-kharkiv");
}

static void
test_normalisation(void)
{
	char *a = slug_make("Caf\xc3\xa9 \xc3\xa9t\xc3\xa9", 0);
	char *b = slug_make("Cafe\xcc\x81 e\xcc\x81te\xcc\x81", 0);

	CHECK_STR(a, "cafe-ete");
	CHECK_STR(b, a);
	free(a);
	free(b);
	/* Bidi overrides and zero-width characters vanish. */
	SLUG("Mos\xe2\x80\x8b" "cow \xe2\x80\xae" "evil\xe2\x80\xac", 0,
	    "moscow-evil");
	SLUG("\xef\xbb\xbf\xe2\x81\xa6x\xe2\x81\xa9", 0, "x");
	/* Invalid UTF-8 separates words and is otherwise ignored. */
	SLUG("a\xff" "b\xc0", 0, "a-b");
	SLUG("\xe2\x80\xae\xe2\x80\x8b", 0, "untitled");
}

static void
test_lengths(void)
{
	char big[100 * 1024 + 1];
	char *s;
	size_t i;

	SLUG("alpha beta gamma", 10, "alpha-beta");
	SLUG("alphabetagamma", 5, "alpha");
	SLUG("ab cdefghijkl", 8, "ab-cdefg");
	for (i = 0; i < sizeof(big) - 1; i++)
		big[i] = i % 7 == 6 ? ' ' : 'a' + (char)(i % 26);
	big[sizeof(big) - 1] = '\0';
	s = slug_make(big, 0);
	CHECK(strlen(s) <= SLUG_MAX && strlen(s) >= SLUG_MAX / 2);
	CHECK(regexec(&slug_re, s, 0, NULL, 0) == 0);
	free(s);
	for (i = 0; i + 2 < sizeof(big) - 1; i += 2)
		memcpy(big + i, "\xd0\xa9", 2);	/* Щ, 4 letters each */
	big[i] = '\0';
	s = slug_make(big, 0);
	CHECK(strlen(s) == SLUG_MAX);
	free(s);
}

/* A random title: ASCII, Latin, Cyrillic, marks, controls, junk. */
static void
random_title(char *out, size_t cap, unsigned *seed)
{
	static const char *const parts[] = {
		"a", "Z", "0", " ", "-", "'", "\"", ".", "/", "\\", "..",
		"con", "nul", "\xc3\xa9", "e\xcc\x81", "\xd0\xa9",
		"\xd0\xb6", "\xe2\x80\xae", "\xe2\x80\x8b", "\xef\xbb\xbf",
		"\xe4\xb8\xad", "\xf0\x9f\x98\x80", "\xff", "\xc0", "\x01",
		"\xce\xb1", "\xd8\xb9", "\xe2\x80\x94", "\xc2\xa0", "git",
	};
	size_t n = 0, len;
	const char *p;

	while (n + 8 < cap) {
		*seed = *seed * 1103515245u + 12345u;
		if ((*seed >> 16) % 23 == 0)
			break;
		p = parts[(*seed >> 8) % (sizeof(parts) / sizeof(parts[0]))];
		len = strlen(p);
		memcpy(out + n, p, len);
		n += len;
	}
	out[n] = '\0';
}

static void
test_property(void)
{
	char title[512];
	unsigned seed = 42;
	long i, n, bad = 0, reserved = 0;
	char *s;

	/* 100,000 titles; fewer under valgrind, which is 50 times slower. */
	n = getenv("VALGRIND") != NULL ? 2000 : 100000;
	for (i = 0; i < n; i++) {
		random_title(title, sizeof(title), &seed);
		s = slug_make(title, i % 3 == 0 ? 0 : (size_t)(i % 90));
		if (regexec(&slug_re, s, 0, NULL, 0) != 0 ||
		    strlen(s) > SLUG_MAX) {
			if (bad++ < 5)
				fprintf(stderr, "bad slug '%s'\n", s);
		}
		reserved += is_reserved(s);
		free(s);
	}
	CHECK(bad == 0);
	CHECK(reserved == 0);
}

int
main(void)
{
	regcomp(&slug_re, "^[a-z0-9][a-z0-9-]{0,79}$", REG_EXTENDED | REG_NOSUB);
	test_ascii();
	test_scripts();
	test_normalisation();
	test_lengths();
	test_property();
	regfree(&slug_re);
	slug_cleanup();
	return harness_done();
}
