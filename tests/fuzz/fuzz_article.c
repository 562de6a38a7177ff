/*
 * fuzz_article.c: libFuzzer target over the whole input path (and, with
 * FUZZ_QUADRATIC, short slices repeated to find quadratic time): raw bytes -> text_decode -> article_parse -> md_page and
 * md_body_html -> md_read_page, checking invariants on every output:
 *   - decoded text is valid UTF-8 without NUL, CR or other controls;
 *   - every page and HTML is valid UTF-8; the front matter is a YAML
 *     mapping that md_read_page() reads back;
 *   - the HTML has no <script and no link outside the site's tag pages;
 *   - slugs match ^[a-z0-9][a-z0-9-]{0,79}$.
 * Define FUZZ_QUADRATIC to repeat the input up to 512 KiB first, so that
 * the fuzzer hunts for super-linear time (swift-cmark's fuzz_quadratic).
 *
 * Build and run (clang only; `make fuzz` does the build):
 *   make fuzz
 *   build-fuzz/fuzz_article -rss_limit_mb=512 -timeout=5 \
 *       -max_total_time=600 build-fuzz/corpus tests/fuzz/corpus/article
 *   build-fuzz/fuzz_quadratic -timeout=1 -max_len=64 \
 *       -max_total_time=600 tests/fuzz/corpus/article
 * Without libFuzzer, tests/unit/parse/test_fuzz_corpus.c replays the
 * corpus in every `make test` through fuzz_article_check().
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse/article.h"
#include "parse/md_read.h"
#include "render/md.h"
#include "parse/slug.h"
#include "parse/text.h"
#include "core/xalloc.h"

/* Returns NULL, or what is wrong with s: invalid UTF-8 or a control. */
static const char *
fuzz_bad_text(const char *s, size_t len, int allow_tab)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n, k;
	uint32_t c;

	while (i < len) {
		if (p[i] < 0x80) {
			if ((p[i] < 0x20 && p[i] != '\n' &&
			    !(allow_tab && p[i] == '\t')) || p[i] == 0x7f)
				return "control byte";
			i++;
			continue;
		}
		n = p[i] >= 0xf0 ? 4 : p[i] >= 0xe0 ? 3 : p[i] >= 0xc2 ? 2 : 0;
		if (n == 0 || i + n > len)
			return "invalid UTF-8";
		c = p[i] & (0xff >> (n + 1));
		for (k = 1; k < n; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return "invalid UTF-8";
			c = c << 6 | (p[i + k] & 0x3f);
		}
		if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 ||
		    c > 0x10ffff)) || (c >= 0xd800 && c <= 0xdfff))
			return "invalid UTF-8";
		if (c < 0xa0 || (c & 0xfffe) == 0xfffe)
			return "C1 control or noncharacter";
		i += n;
	}
	return NULL;
}

static int
fuzz_is_slug(const char *s)
{
	size_t i;

	if (s == NULL || !((s[0] >= 'a' && s[0] <= 'z') ||
	    (s[0] >= '0' && s[0] <= '9')))
		return 0;
	for (i = 1; s[i] != '\0'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return i <= 80;
}

/* Checks the HTML of a body: no script, links only to ../KIND/SLUG/. */
static const char *
fuzz_bad_html(const char *html)
{
	const char *p;
	size_t i;

	for (p = html; *p != '\0'; p++) {
		if (p[0] == '<' && strncasecmp(p + 1, "script", 6) == 0)
			return "<script in the HTML";
		if (strncmp(p, "href=\"", 6) == 0) {
			p += 6;
			if (strncmp(p, "../", 3) != 0)
				return "a link outside the site";
			for (i = 3; p[i] != '"'; i++)
				if (!strchr("abcdefghijklmnopqrstuvwxyz"
				    "0123456789-/", p[i]))
					return "a link with odd bytes";
		}
	}
	return fuzz_bad_text(html, strlen(html), 0);
}

/* Asks for a link on the first word of the body, as a rule would. */
static void
fuzz_add_mention(struct article *a)
{
	const char *s = a->nbody > 0 ? a->body[0].text :
	    a->paragraphs.n > 0 ? a->paragraphs.v[0] : NULL;
	size_t n;

	if (s == NULL)
		return;
	for (n = 0; s[n] != '\0' && s[n] != ' '; n++)
		;
	if (n == 0)
		return;
	a->mentions = xcalloc(1, sizeof(*a->mentions));
	a->mentions[0].text = xstrndup(s, n);
	a->mentions[0].kind = xstrdup("people");
	a->mentions[0].name = xstrndup(s, n);
	a->nmentions = 1;
}

/* The page's body, parsed back by cmark, is the document md_body()
 * built: the same HTML. */
static const char *
fuzz_check_body(const struct article *a, const char *page)
{
	const char *body = strstr(page, "\n---\n\n");
	cmark_node *doc;
	char *h1, *h2;
	int same;

	if (body == NULL)
		return "no body separator";
	body += 6;
	doc = cmark_parse_document(body, strlen(body), CMARK_OPT_DEFAULT);
	h1 = cmark_render_html(doc, CMARK_OPT_DEFAULT);
	cmark_node_free(doc);
	h2 = md_body_html(a, "../../../../../");
	same = strcmp(h1, h2) == 0;
	free(h1);
	free(h2);
	return same ? NULL : "the page's Markdown is not the body it was made of";
}

static const char *
fuzz_check_page(const char *page)
{
	struct article *b = xcalloc(1, sizeof(*b));
	struct diag quiet;
	const char *bad;
	int rc;

	if ((bad = fuzz_bad_text(page, strlen(page), 1)) != NULL)
		return bad;
	/* A page with a huge title is more than md_read_page() reads. */
	if ((size_t)(strstr(page, "\n---\n") - page) > MD_FRONT_MAX) {
		article_free(b);
		return NULL;
	}
	diag_init(&quiet, NULL);
	b->path = xstrdup("fuzz.md");
	b->thread_prev = b->thread_next = -1;
	rc = md_read_page(b, &quiet, "fuzz.md", page, strlen(page));
	if (rc == 0 && !fuzz_is_slug(b->slug))
		bad = "slug of the page read back";
	article_free(b);
	if (rc != 0)
		return "md_read_page refused md_page's output";
	return bad;
}

/* The whole path for one input; NULL when every invariant holds. */
const char *fuzz_article_check(const uint8_t *data, size_t size);

const char *
fuzz_article_check(const uint8_t *data, size_t size)
{
	struct buf text = BUF_INIT;
	struct diag quiet;
	struct article *a = NULL, *m;
	const char *bad = NULL;
	char *page = NULL, *html = NULL, *slug;

	diag_init(&quiet, NULL);
	if (text_decode(&text, &quiet, "fuzz.txt", (const char *)data,
	    size) == 0 && (bad = fuzz_bad_text(text.data, text.len, 0)))
		goto out;
	if (text.len > 3 && memcmp(text.data, "---", 3) == 0) {
		m = xcalloc(1, sizeof(*m));
		m->path = xstrdup("fuzz.md");
		(void)md_read_page(m, &quiet, "fuzz.md", text.data, text.len);
		article_free(m);
	}
	if (article_parse(&a, &quiet, "fuzz.txt", (const char *)data,
	    size) < 0)
		goto out;
	slug = slug_make(a->title, 0);
	if (!fuzz_is_slug(slug))
		bad = "slug_make of the title";
	free(slug);
	if (bad != NULL)
		goto out;
	fuzz_add_mention(a);
	page = md_page(a, NULL, 0);
	if ((bad = fuzz_check_page(page)) != NULL ||
	    (bad = fuzz_check_body(a, page)) != NULL)
		goto out;
	html = md_body_html(a, "../");
	bad = fuzz_bad_html(html);
out:
	free(page);
	free(html);
	article_free(a);
	buf_dispose(&text);
	return bad;
}

#ifdef FUZZ_QUADRATIC
#define FUZZ_REPEAT_TO	(512u * 1024)
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
#ifdef FUZZ_QUADRATIC
	uint8_t *big;
	size_t n;

	if (size == 0 || size > 64)
		return 0;
	big = xmalloc(FUZZ_REPEAT_TO);
	for (n = 0; n + size <= FUZZ_REPEAT_TO; n += size)
		memcpy(big + n, data, size);
	if (fuzz_article_check(big, n) != NULL)
		abort();
	free(big);
#else
	if (fuzz_article_check(data, size) != NULL)
		abort();
#endif
	return 0;
}
