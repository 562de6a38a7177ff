/* test_md_yaml.c: the front matter written without libyaml's emitter is
 * byte for byte what the emitter writes, for every string. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "harness.h"
#include "parse/article.h"
#include "render/md.h"
#include "render/md_int.h"
#include "core/buf.h"
#include "core/xalloc.h"

/* libyaml's document { k: "s" }, with md.c's emitter set-up. */
static void
emit_libyaml(struct buf *out, const char *s, size_t len)
{
	yaml_emitter_t em;
	yaml_event_t ev;

	md_yaml_begin(&em, out);
	yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)"k", 1,
	    1, 1, YAML_PLAIN_SCALAR_STYLE);
	yaml_emitter_emit(&em, &ev);
	yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s,
	    (int)len, 1, 1, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
	yaml_emitter_emit(&em, &ev);
	md_yaml_end(&em);
}

/* Whether md_yaml_dquote(s) is what libyaml writes; says which if not. */
static int
same_as_libyaml(const char *s, size_t len)
{
	struct buf want = BUF_INIT, got = BUF_INIT;
	int ok;

	emit_libyaml(&want, s, len);
	BUF_PUTSL(&got, "k: ");
	md_yaml_dquote(&got, s, len);
	buf_putc(&got, '\n');
	ok = got.len == want.len && memcmp(got.data, want.data, got.len) == 0;
	if (!ok)
		fprintf(stderr, "libyaml: %.*s\nours:    %.*s\n",
		    (int)(want.len > 200 ? 200 : want.len), want.data,
		    (int)(got.len > 200 ? 200 : got.len), got.data);
	buf_dispose(&want);
	buf_dispose(&got);
	return ok;
}

static void
put_utf8(struct buf *b, uint32_t c)
{
	if (c < 0x80)
		buf_putc(b, (int)c);
	else if (c < 0x800) {
		buf_putc(b, (int)(0xc0 | c >> 6));
		buf_putc(b, (int)(0x80 | (c & 0x3f)));
	} else if (c < 0x10000) {
		buf_putc(b, (int)(0xe0 | c >> 12));
		buf_putc(b, (int)(0x80 | (c >> 6 & 0x3f)));
		buf_putc(b, (int)(0x80 | (c & 0x3f)));
	} else {
		buf_putc(b, (int)(0xf0 | c >> 18));
		buf_putc(b, (int)(0x80 | (c >> 12 & 0x3f)));
		buf_putc(b, (int)(0x80 | (c >> 6 & 0x3f)));
		buf_putc(b, (int)(0x80 | (c & 0x3f)));
	}
}

/* Hand-picked strings: escapes, breaks, spaces at the ends, long lines
 * (the emitter must not fold them), quotes and backslashes. */
static void
test_hostile_strings(void)
{
	static const char *const cases[] = {
		"", " ", "  lead and trail  ", "plain words",
		"say \"hi\" \\ back\\slash", "tab\there", "line\nbreak",
		"cr\r\nlf", "bell\a esc\x1b del\x7f", "\xc2\x85 next line",
		"nbsp\xc2\xa0here", "\xe2\x80\xa8 ls \xe2\x80\xa9 ps",
		"\xef\xbb\xbf" "bom", "\xef\xbf\xbe\xef\xbf\xbf",
		"emoji \xf0\x9f\x98\x80 end", "- a", ": b", "# c", "'q'",
		"&anchor *alias !tag %dir @at `tick` |pipe >gt",
		"{flow} [seq], ? key", "true", "null", "~", "0x1F", "1e5",
		"\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82",
		"\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7",
		"\xea\xb0\x80\xeb\x82\x98 \xe4\xb8\xad\xe6\x96\x87",
	};
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK(same_as_libyaml(cases[i], strlen(cases[i])));
	/* A long line with many spaces, and a run of spaces. */
	for (i = 0; i < 3000; i++)
		buf_puts(&b, i % 7 == 0 ? "word,  " : "word ");
	CHECK(same_as_libyaml(b.data, b.len));
	buf_dispose(&b);
}

/* Every code point but the surrogates, 512 to a string, between
 * letters and spaces. */
static void
test_every_code_point(void)
{
	struct buf b = BUF_INIT;
	uint32_t c, bad = 0;

	for (c = 1; c <= 0x10ffff; c++) {
		if (c >= 0xd800 && c <= 0xdfff)
			continue;
		put_utf8(&b, c);
		buf_putc(&b, c % 3 == 0 ? ' ' : 'a');
		if (c % 512 == 0 || c == 0x10ffff) {
			if (!same_as_libyaml(b.data, b.len) && bad++ == 0)
				fprintf(stderr, "first difference by U+%04X\n",
				    (unsigned)c);
			buf_reset(&b);
		}
	}
	CHECK(bad == 0);
	buf_dispose(&b);
}

/* A whole page: an article whose tag kinds are plain words takes our
 * writer; one more kind that is not a word sends the page through the
 * emitter. Without that kind's lines the two pages are the same. */
static void
test_page_both_ways(void)
{
	struct article *a = xcalloc(1, sizeof(*a));
	struct buf want = BUF_INIT;
	char *fast, *slow, *at;
	static const char odd[] = "\nzz-kind:\n- \"x\"\n";

	a->path = xstrdup("t.txt");
	a->thread_prev = a->thread_next = -1;
	a->title = xstrdup("A \"quoted\"\ttitle \xe2\x80\xa8 \xf0\x9f\x98\x80");
	a->source = xstrdup("The Source\\");
	a->url = xstrdup("https://example.org/a?b=c&d");
	a->dateline = xstrdup("");
	a->date = xstrdup("2021-02-03");
	strv_push(&a->authors, "Ann O'Neil");
	strv_push(&a->authors, "\xc2\x85odd\x01");
	strv_push(&a->captions, "A caption: with colon");
	strv_push(&a->paragraphs, "Body text.");
	article_add_tag(a, "people", "Ann", "r.lua:1");
	article_add_tag(a, "mood_2", "calm", "r.lua:2");
	fast = md_page(a, NULL, 0);
	article_add_tag(a, "zz-kind", "x", "r.lua:3");
	slow = md_page(a, NULL, 0);
	at = strstr(slow, odd);
	if (CHECK(at != NULL)) {
		buf_put(&want, slow, (size_t)(at - slow) + 1);
		buf_puts(&want, at + sizeof(odd) - 1);
		CHECK_STR(fast, want.data);
	}
	CHECK(strstr(fast, "mood_2:\n- \"calm\"\n") != NULL);
	buf_dispose(&want);
	free(fast);
	free(slow);
	article_free(a);
}

int
main(void)
{
	test_hostile_strings();
	test_every_code_point();
	test_page_both_ways();
	return harness_done();
}
