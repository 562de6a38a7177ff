/* test_md.c: Markdown pages, front matter and .md pages read back (md.c,
 * md_read.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>
#include <yaml.h>

#include "harness.h"
#include "parse/md_read.h"
#include "render/md.h"
#include "core/xalloc.h"

#define ROOT "../../../../../"

/* Scraped text full of Markdown and HTML syntax: it must show as text,
 * never become a heading, list, link or image. */
static const char *const hostile[] = {
	"# not a heading",
	"1. not a list",
	"* not a bullet",
	"- nor this + that",
	"[x](y) is not a link",
	"![t](https://tracker.example/p.gif) is no image",
	"<b>bold</b> <script>alert(1)</script> <!-- c -->",
	"`code` and ``more``",
	"&amp; &copy; &#65; entities",
	"a_b_c *star* **strong** _under_ __dunder__",
	"> not a quote",
	"    not code",
	"--- and === and ***",
	"| a | b |",
	"\\* backslash \\ and trailing \\",
	"<http://auto.link> and www.example.com",
	"2) also not a list",
	"+ plus",
	"[ref]: http://example.com",
	"~~~ fence ~~~",
	"line one  ",
};

static struct article *
new_article(void)
{
	struct article *a = xcalloc(1, sizeof(*a));

	a->path = xstrdup("t.txt");
	a->thread_prev = a->thread_next = -1;
	return a;
}

static void
add_block(struct article *a, enum block_kind kind, const char *text)
{
	a->body = xreallocarray(a->body, a->nbody + 1, sizeof(*a->body));
	a->body[a->nbody].kind = kind;
	a->body[a->nbody].text = xstrdup(text);
	a->body[a->nbody].line = 0;
	a->nbody++;
	strv_push(kind == BLOCK_SUBHEAD ? &a->subheads : &a->paragraphs, text);
}

static void
add_mention(struct article *a, const char *text, const char *kind,
    const char *name)
{
	a->mentions = xreallocarray(a->mentions, a->nmentions + 1,
	    sizeof(*a->mentions));
	a->mentions[a->nmentions].text = xstrdup(text);
	a->mentions[a->nmentions].kind = xstrdup(kind);
	a->mentions[a->nmentions].name = xstrdup(name);
	a->mentions[a->nmentions].origin = NULL;
	a->nmentions++;
}

/* A full article, with everything the front matter lists. */
static struct article *
sample(void)
{
	struct article *a = new_article();
	size_t i;

	a->title = xstrdup("yes: \"Quoted\" #1 — Москва\ttab");
	a->date = xstrdup("2021-12-01");
	a->agency = xstrdup("AFP");
	a->dateline = xstrdup("Kyiv/Moscow");
	a->source = xstrdup("The Moscow Times");
	a->url = xstrdup("https://example.com/2021/12/01/a?b=c&d=#x");
	a->slug = xstrdup("yes-quoted-1-moskva");
	a->language = xstrdup("en");
	a->date_inferred = xstrdup("2021-11-30");	/* date is shown */
	strv_push(&a->authors, "Olga Shylenko");
	strv_push(&a->authors, "null");
	strv_push(&a->captions, "EPA / TASS");
	strv_push(&a->key_points, "• first point: yes");
	article_add_tag(a, "people", "Sergei Lavrov", "r.lua:1");
	article_add_tag(a, "people", "Antony Blinken", "r.lua:2");
	article_add_tag(a, "places", "Kyiv", "r.lua:3");
	article_add_tag(a, "events", "Summit 2021", "r.lua:4");
	article_add_tag(a, "title", "evil kind", "r.lua:5");
	add_block(a, BLOCK_PARAGRAPH, "Sergei Lavrov met Antony Blinken in "
	    "Kyiv on Wednesday.");
	add_block(a, BLOCK_SUBHEAD, "Moscow accusations");
	for (i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++)
		add_block(a, BLOCK_PARAGRAPH, hostile[i]);
	return a;
}

/* {==== reading the front matter back with libyaml ====} */

struct fm {
	yaml_document_t	 doc;
	yaml_node_t	*root;
};

static int
fm_load(struct fm *fm, const char *page)
{
	yaml_parser_t p;
	const char *end;
	int ok;

	if (strncmp(page, "---\n", 4) != 0 ||
	    (end = strstr(page + 4, "\n---\n")) == NULL)
		return 0;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)page + 4,
	    (size_t)(end - page - 3));
	ok = yaml_parser_load(&p, &fm->doc);
	yaml_parser_delete(&p);
	if (!ok)
		return 0;
	fm->root = yaml_document_get_root_node(&fm->doc);
	return fm->root != NULL && fm->root->type == YAML_MAPPING_NODE;
}

static yaml_node_t *
fm_get(struct fm *fm, const char *key)
{
	yaml_node_pair_t *pr;
	yaml_node_t *k;

	for (pr = fm->root->data.mapping.pairs.start;
	    pr < fm->root->data.mapping.pairs.top; pr++) {
		k = yaml_document_get_node(&fm->doc, pr->key);
		if (strcmp((char *)k->data.scalar.value, key) == 0)
			return yaml_document_get_node(&fm->doc, pr->value);
	}
	return NULL;
}

/* A scalar's value, with "!" prepended when it is plain (so that the
 * test sees whether a YAML reader would resolve its type). */
static const char *
fm_str(struct fm *fm, const char *key, char *tmp, size_t cap)
{
	yaml_node_t *n = fm_get(fm, key);

	if (n == NULL || n->type != YAML_SCALAR_NODE)
		return "(absent)";
	snprintf(tmp, cap, "%s%s", n->data.scalar.style ==
	    YAML_PLAIN_SCALAR_STYLE ? "!" : "", n->data.scalar.value);
	return tmp;
}

/* A sequence joined with "|". */
static const char *
fm_list(struct fm *fm, const char *key, char *tmp, size_t cap)
{
	yaml_node_t *n = fm_get(fm, key), *it;
	yaml_node_item_t *i;
	size_t len = 0;

	if (n == NULL || n->type != YAML_SEQUENCE_NODE)
		return "(absent)";
	tmp[0] = '\0';
	for (i = n->data.sequence.items.start; i < n->data.sequence.items.top;
	    i++) {
		it = yaml_document_get_node(&fm->doc, *i);
		len += (size_t)snprintf(tmp + len, cap - len, "%s%s",
		    len ? "|" : "", it->data.scalar.value);
	}
	return tmp;
}

static void
test_front_matter(void)
{
	struct article *a = sample(), *b = new_article(), *c = new_article();
	struct article *all[3];
	struct fm fm;
	char *page, t[1024];

	a->related = xcalloc(2, sizeof(*a->related));
	a->related[0].index = 1;
	a->related[1].index = 7;	/* out of range: left out */
	a->nrelated = 2;
	a->syndicated = xcalloc(1, sizeof(*a->syndicated));
	a->syndicated[0] = 2;
	a->nsyndicated = 1;
	b->permalink = xstrdup("articles/2021/12/02/b/");
	c->permalink = xstrdup("articles/2021/12/03/c/");
	all[0] = a, all[1] = b, all[2] = c;
	page = md_page(a, all, 3);
	if (!CHECK(fm_load(&fm, page))) {
		fprintf(stderr, "%s", page);
		goto out;
	}
	CHECK_STR(fm_str(&fm, "title", t, sizeof(t)),
	    "yes: \"Quoted\" #1 — Москва\ttab");
	CHECK_STR(fm_str(&fm, "date", t, sizeof(t)), "!2021-12-01");
	CHECK_STR(fm_list(&fm, "authors", t, sizeof(t)),
	    "Olga Shylenko|null");
	CHECK_STR(fm_str(&fm, "agency", t, sizeof(t)), "AFP");
	CHECK_STR(fm_str(&fm, "dateline", t, sizeof(t)), "Kyiv/Moscow");
	CHECK_STR(fm_str(&fm, "source", t, sizeof(t)), "The Moscow Times");
	CHECK_STR(fm_str(&fm, "source_url", t, sizeof(t)),
	    "https://example.com/2021/12/01/a?b=c&d=#x");
	CHECK_STR(fm_str(&fm, "slug", t, sizeof(t)), "yes-quoted-1-moskva");
	CHECK_STR(fm_str(&fm, "language", t, sizeof(t)), "en");
	CHECK_STR(fm_list(&fm, "people", t, sizeof(t)),
	    "Antony Blinken|Sergei Lavrov");
	CHECK_STR(fm_list(&fm, "places", t, sizeof(t)), "Kyiv");
	CHECK_STR(fm_list(&fm, "organisations", t, sizeof(t)), "");
	CHECK_STR(fm_list(&fm, "topics", t, sizeof(t)), "");
	CHECK_STR(fm_list(&fm, "events", t, sizeof(t)), "Summit 2021");
	CHECK_STR(fm_str(&fm, "title", t, sizeof(t)) + 0,
	    "yes: \"Quoted\" #1 — Москва\ttab");
	CHECK_STR(fm_list(&fm, "related", t, sizeof(t)),
	    "articles/2021/12/02/b/");
	CHECK_STR(fm_list(&fm, "syndicated", t, sizeof(t)),
	    "articles/2021/12/03/c/");
	CHECK_STR(fm_list(&fm, "captions", t, sizeof(t)), "EPA / TASS");
	CHECK_STR(fm_list(&fm, "key_points", t, sizeof(t)),
	    "• first point: yes");
	CHECK_STR(fm_str(&fm, "summary", t, sizeof(t)),
	    "Sergei Lavrov met Antony Blinken in Kyiv on Wednesday.");
	CHECK_STR(fm_str(&fm, "date_inferred", t, sizeof(t)), "!true");
	/* Mappings with a repeated key are refused by many readers. */
	CHECK(fm.root->data.mapping.pairs.top -
	    fm.root->data.mapping.pairs.start == 20);
	yaml_document_delete(&fm.doc);
out:
	free(page);
	article_free(a);
	article_free(b);
	article_free(c);
}

static void
test_front_matter_minimal(void)
{
	struct article *a = new_article();
	struct fm fm;
	char *page, t[256];

	a->date = xstrdup("sometime");
	page = md_page(a, NULL, 0);
	CHECK(fm_load(&fm, page));
	CHECK_STR(fm_str(&fm, "title", t, sizeof(t)), "(absent)");
	CHECK_STR(fm_str(&fm, "date", t, sizeof(t)), "sometime");
	CHECK_STR(fm_list(&fm, "authors", t, sizeof(t)), "");
	CHECK_STR(fm_str(&fm, "summary", t, sizeof(t)), "");
	CHECK_STR(fm_str(&fm, "date_inferred", t, sizeof(t)), "(absent)");
	yaml_document_delete(&fm.doc);
	/* Invalid UTF-8 in a field still gives a well-formed document. */
	free(a->title);
	a->title = xstrdup("bad \xff byte");
	free(page);
	page = md_page(a, NULL, 0);
	CHECK(fm_load(&fm, page));
	CHECK_STR(fm_str(&fm, "title", t, sizeof(t)), "bad \xef\xbf\xbd byte");
	yaml_document_delete(&fm.doc);
	free(page);
	article_free(a);
}

/* {==== the body ====} */

static char *
render(cmark_node *doc)
{
	return cmark_render_html(doc, CMARK_OPT_DEFAULT);
}

/* The visible text of HTML: tags removed, the five entities decoded,
 * one line per block. */
static void
visible(struct buf *out, const char *html)
{
	static const char *const ent[][2] = { { "&lt;", "<" }, { "&gt;", ">" },
		{ "&quot;", "\"" }, { "&amp;", "&" }, { "&#39;", "'" } };
	size_t i;

	while (*html != '\0') {
		if (*html == '<') {
			html = strchr(html, '>') + 1;
			continue;
		}
		for (i = 0; i < 5; i++)
			if (strncmp(html, ent[i][0], strlen(ent[i][0])) == 0)
				break;
		if (i < 5) {
			buf_puts(out, ent[i][1]);
			html += strlen(ent[i][0]);
		} else
			buf_putc(out, *html++);
	}
}

static void
test_body_literal(void)
{
	struct article *a = sample();
	struct buf want = BUF_INIT, got = BUF_INIT;
	cmark_node *doc, *back;
	char *page, *md, *h1, *h2;
	size_t i;

	doc = md_body(a, ROOT);
	page = md_page(a, NULL, 0);
	md = strstr(page, "\n---\n\n") + 6;
	back = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
	h1 = render(doc);
	h2 = render(back);
	/* The page's Markdown parses back to the same document. */
	CHECK_STR(h2, h1);
	/* Nothing in the text became markup. */
	CHECK(strstr(h1, "<h1") == NULL && strstr(h1, "<li") == NULL);
	CHECK(strstr(h1, "<img") == NULL && strstr(h1, "<b>") == NULL);
	CHECK(strstr(h1, "<code") == NULL && strstr(h1, "<pre") == NULL);
	CHECK(strstr(h1, "<blockquote") == NULL && strstr(h1, "<em") == NULL);
	CHECK(strstr(h1, "<strong") == NULL && strstr(h1, "<hr") == NULL);
	CHECK(strstr(h1, "<script") == NULL && strstr(h1, "<!--") == NULL);
	CHECK(strstr(h1, "<h2>Moscow accusations</h2>") != NULL);
	CHECK(strstr(h1, "href=\"y\"") == NULL);
	/* The visible text is the input text, block by block. */
	BUF_PUTSL(&want, "Sergei Lavrov met Antony Blinken in Kyiv on "
	    "Wednesday.\nMoscow accusations\n");
	for (i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		const char *s = hostile[i];
		size_t n = strlen(s);

		while (*s == ' ')
			s++, n--;
		while (n > 0 && s[n - 1] == ' ')
			n--;
		buf_put(&want, s, n);
		buf_putc(&want, '\n');
	}
	visible(&got, h1);
	CHECK_STR(got.data, want.data);
	free(page);
	free(h1);
	free(h2);
	cmark_node_free(doc);
	cmark_node_free(back);
	buf_dispose(&want);
	buf_dispose(&got);
	article_free(a);
}

static void
test_mentions(void)
{
	struct article *a = new_article();
	char *html;

	add_block(a, BLOCK_PARAGRAPH, "Lavrova said Lavrov spoke, and Lavrov "
	    "left; Blinken too.");
	add_block(a, BLOCK_SUBHEAD, "Kyiv");
	add_block(a, BLOCK_PARAGRAPH, "Москва и Киев. Blinken again.");
	add_mention(a, "Lavrov", "people", "Sergei Lavrov");
	add_mention(a, "Lavrov", "people", "Someone Else");
	add_mention(a, "Kyiv", "places", "Kyiv");
	add_mention(a, "Blinken", "people", "Antony Blinken");
	add_mention(a, "Москва", "places", "Москва");
	add_mention(a, "Absent", "people", "Absent");
	add_mention(a, "", "people", "Empty");
	html = md_body_html(a, ROOT);
	CHECK_STR(html, "<p>Lavrova said <a href=\"" ROOT
	    "people/sergei-lavrov/\">Lavrov</a> spoke, and Lavrov left; "
	    "<a href=\"" ROOT "people/antony-blinken/\">Blinken</a> too.</p>\n"
	    "<h2><a href=\"" ROOT "places/kyiv/\">Kyiv</a></h2>\n"
	    "<p><a href=\"" ROOT "places/moskva/\">Москва</a> и Киев. "
	    "Blinken again.</p>\n");
	free(html);
	article_free(a);
}

static void
test_summary(void)
{
	struct article *a = new_article();
	struct buf big = BUF_INIT;
	char *s;
	int i;

	s = md_summary(a);
	CHECK_STR(s, "");
	free(s);
	a->title = xstrdup("Only a title");
	s = md_summary(a);
	CHECK_STR(s, "Only a title");
	free(s);
	for (i = 0; i < 100; i++)
		BUF_PUTSL(&big, "слово, ");
	add_block(a, BLOCK_PARAGRAPH, big.data);
	s = md_summary(a);
	CHECK(strlen(s) <= 300);
	CHECK(strlen(s) > 200);
	CHECK(strcmp(s + strlen(s) - 3, "\xe2\x80\xa6") == 0);
	CHECK(strstr(s, "слово\xe2\x80\xa6") != NULL);
	free(s);
	buf_reset(&big);
	for (i = 0; i < 400; i++)
		BUF_PUTSL(&big, "ж");
	free(a->body[0].text);
	a->body[0].text = xstrdup(big.data);
	s = md_summary(a);
	CHECK(strlen(s) <= 300 && strlen(s) % 2 == 1);
	free(s);
	buf_dispose(&big);
	article_free(a);
}

/* {==== .md pages read back ====} */

static int
read_page(struct article **out, const char *text, char **log)
{
	struct diag d;
	size_t loglen;
	FILE *f = open_memstream(log, &loglen);
	int rc;

	diag_init(&d, f);
	*out = new_article();
	rc = md_read_page(*out, &d, "p.md", text, strlen(text));
	fclose(f);
	return rc;
}

static void
check_same_list(const struct strv *x, const struct strv *y, int line)
{
	size_t i;

	harness_check(x->n == y->n, __FILE__, line, "same list length");
	for (i = 0; i < x->n && i < y->n; i++)
		harness_check_str(y->v[i], x->v[i], __FILE__, line, "item");
}

static void
test_read_round_trip(void)
{
	struct article *a = sample(), *b;
	char *page, *log;
	size_t i;

	add_mention(a, "Kyiv", "places", "Kyiv");
	page = md_page(a, NULL, 0);
	CHECK(read_page(&b, page, &log) == 0);
	CHECK_STR(log, "");
	CHECK_STR(b->title, "yes: \"Quoted\" #1 — Москва tab");
	CHECK_STR(b->date, a->date);
	CHECK_STR(b->agency, a->agency);
	CHECK_STR(b->dateline, a->dateline);
	CHECK_STR(b->source, a->source);
	CHECK_STR(b->url, a->url);
	CHECK_STR(b->slug, a->slug);
	CHECK_STR(b->language, a->language);
	CHECK(b->from_markdown);
	check_same_list(&a->authors, &b->authors, __LINE__);
	check_same_list(&a->captions, &b->captions, __LINE__);
	check_same_list(&a->key_points, &b->key_points, __LINE__);
	check_same_list(&a->subheads, &b->subheads, __LINE__);
	CHECK(b->nbody == a->nbody);
	for (i = 0; i < a->nbody && i < b->nbody; i++) {
		char *want = xstrdup(a->body[i].text), *e;

		/* One line, no white space at the ends, as in the page. */
		e = want + strlen(want);
		while (e > want && e[-1] == ' ')
			*--e = '\0';
		if (*want == ' ')
			memmove(want, want + 4, strlen(want + 4) + 1);
		CHECK_STR(b->body[i].text, want);
		CHECK(b->body[i].kind == a->body[i].kind);
		free(want);
	}
	/* people x2, places; "events" and the clashing "title" kind
	 * are not read back. */
	if (!CHECK(b->ntags == 3))
		fprintf(stderr, "ntags %zu\n", b->ntags);
	free(page);
	free(log);
	article_free(a);
	article_free(b);
}

static void
test_read_hand_written(void)
{
	struct article *b;
	char *log;

	CHECK(read_page(&b, "---\ntitle: Hand *made*\ndate: 2022-03-04 "
	    "10:00:00\nauthors: Jane Doe\ntags: [war, peace]\nslug: Con\n"
	    "people:\n  - Jane Doe\n  - 42\ncustom: ignored\n---\n"
	    "# Hand *made*\n\nFirst *emphasis* and a [link](http://x(1)) and "
	    "![img](p.png)\nwrapped line snake_case.\n\nA subhead\n---\n\n"
	    "- item one\n- item two\n\n## Closing ##\n\n> quoted text\n",
	    &log) == 0);
	CHECK_STR(log, "");
	CHECK_STR(b->title, "Hand *made*");
	CHECK_STR(b->date, "2022-03-04");
	CHECK_STR(b->slug, "con-1");
	CHECK(b->authors.n == 1 && strcmp(b->authors.v[0], "Jane Doe") == 0);
	CHECK(b->ntags == 4);
	CHECK(b->nbody == 6);
	if (b->nbody == 6) {
		CHECK_STR(b->body[0].text, "First emphasis and a link and img "
		    "wrapped line snake_case.");
		CHECK(b->body[0].line == 14);
		CHECK(b->body[1].kind == BLOCK_SUBHEAD);
		CHECK_STR(b->body[1].text, "A subhead");
		CHECK_STR(b->body[2].text, "item one");
		CHECK_STR(b->body[3].text, "item two");
		CHECK_STR(b->body[4].text, "Closing");
		CHECK_STR(b->body[5].text, "quoted text");
	}
	CHECK(b->word_count == 16);
	free(log);
	article_free(b);
}

/* Emphasis next to punctuation is markup as well, both of its runs. */
static void
test_read_emphasis_punct(void)
{
	struct article *b;
	char *log;

	CHECK(read_page(&b, "---\ntitle: T\n---\n\nFrom **April**, the "
	    "line (**new**) runs; 2*3*4 and a * b stay.\n", &log) == 0);
	CHECK(b->nbody == 1);
	if (b->nbody == 1)
		CHECK_STR(b->body[0].text, "From April, the line (new) runs; "
		    "2*3*4 and a * b stay.");
	free(log);
	article_free(b);
}

static void
test_read_errors(void)
{
	struct article *b;
	char *log;

	CHECK(read_page(&b, "no front matter\n", &log) == -1);
	CHECK(strstr(log, "p.md:1: warning: no YAML front matter") != NULL);
	free(log);
	article_free(b);
	CHECK(read_page(&b, "---\ntitle: x\n", &log) == -1);
	CHECK(strstr(log, "not closed") != NULL);
	free(log);
	article_free(b);
	CHECK(read_page(&b, "---\n- a\n- b\n---\nbody\n", &log) == -1);
	CHECK(strstr(log, "not a YAML mapping") != NULL);
	free(log);
	article_free(b);
	CHECK(read_page(&b, "---\ntitle: x\nbad: [unclosed\n---\n", &log) == -1);
	CHECK(strstr(log, "p.md:4: warning: front matter: ") != NULL);
	free(log);
	article_free(b);
	CHECK(read_page(&b, "---\ntitle: x\ndate: last week\n---\n", &log) == 0);
	CHECK(strstr(log, "p.md:3: warning: date is not YYYY-MM-DD") != NULL);
	CHECK(b->date == NULL);
	CHECK_STR(b->slug, "x");
	free(log);
	article_free(b);
	/* Aliases are references, not copies: no blow-up. */
	CHECK(read_page(&b, "---\na: &a [x, x, x, x]\nb: &b [*a, *a, *a]\n"
	    "c: [*b, *b, *b]\ntitle: \"\\e[31mred\\0\"\n---\n", &log) == 0);
	CHECK_STR(b->title, "[31mred\xef\xbf\xbd");
	free(log);
	article_free(b);
}

/* A page without mentions is written straight from its blocks; with a
 * mention that links nothing, through the cmark tree: the same page. */
static void
test_body_paths(void)
{
	struct article *a = sample(), *b = sample();
	char *pa, *pb;

	add_mention(b, "Nowhere in the text", "places", "Nowhere");
	pa = md_page(a, NULL, 0);
	pb = md_page(b, NULL, 0);
	CHECK_STR(pb, pa);
	free(pa);
	free(pb);
	article_free(a);
	article_free(b);
}

/*
 * Hugo and Jekyll read our pages as they are: no front matter key means
 * something else to them. Of their reserved keys only title, date, slug
 * and summary appear, in the sense they give them; url never does, and
 * a tag kind named like a reserved key (in any case) is left out.
 */
static void
test_reserved_keys(void)
{
	static const char *const same_sense[] = {
		"title", "date", "slug", "summary"
	};
	static const char *const kinds[] = {
		"tags", "Categories", "url", "layout", "type", "weight",
		"aliases", "draft", "permalink", "published"
	};
	struct article *a = sample();
	yaml_node_pair_t *pr;
	yaml_node_t *k;
	struct fm fm;
	char *page;
	size_t i, j;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		article_add_tag(a, kinds[i], "x", "r.lua:9");
	page = md_page(a, NULL, 0);
	if (!CHECK(fm_load(&fm, page)))
		goto out;
	for (pr = fm.root->data.mapping.pairs.start;
	    pr < fm.root->data.mapping.pairs.top; pr++) {
		k = yaml_document_get_node(&fm.doc, pr->key);
		if (!md_reserved_key((char *)k->data.scalar.value))
			continue;
		for (j = 0; j < sizeof(same_sense) / sizeof(same_sense[0]);
		    j++)
			if (strcmp((char *)k->data.scalar.value,
			    same_sense[j]) == 0)
				break;
		if (!CHECK(j < sizeof(same_sense) / sizeof(same_sense[0])))
			fprintf(stderr, "reserved key %s\n",
			    (char *)k->data.scalar.value);
	}
	CHECK(fm_get(&fm, "source_url") != NULL);
	CHECK(fm_get(&fm, "url") == NULL);
	CHECK(fm_get(&fm, "tags") == NULL);
	CHECK(fm_get(&fm, "Categories") == NULL);
	CHECK(md_reserved_key("LinkTitle") && md_reserved_key("expiryDate"));
	CHECK(!md_reserved_key("people") && !md_reserved_key("source_url"));
	yaml_document_delete(&fm.doc);
out:
	free(page);
	article_free(a);
}

int
main(void)
{
	test_front_matter();
	test_reserved_keys();
	test_front_matter_minimal();
	test_body_literal();
	test_body_paths();
	test_mentions();
	test_summary();
	test_read_round_trip();
	test_read_hand_written();
	test_read_emphasis_punct();
	test_read_errors();
	return harness_done();
}
