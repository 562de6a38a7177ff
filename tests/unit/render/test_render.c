/*
 * test_render.c: the site writer. The safety helpers (URL allowlist,
 * JSON in <script>, text cleaning) on hostile strings, then a whole site
 * rendered with the project's templates from articles built here.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmark.h>
#include <jansson.h>

#include "harness.h"
#include "render/md.h"
#include "render/render.h"
#include "core/xalloc.h"

static void
test_url_ok(void)
{
	CHECK(render_url_ok("http://example.org/a?b=c#d"));
	CHECK(render_url_ok("https://example.org"));
	CHECK(render_url_ok("HTTPS://EXAMPLE.ORG/x"));
	CHECK(!render_url_ok(NULL));
	CHECK(!render_url_ok(""));
	CHECK(!render_url_ok("javascript:alert(1)"));
	CHECK(!render_url_ok("JaVaScRiPt:alert(1)"));
	CHECK(!render_url_ok(" javascript:alert(1)"));
	CHECK(!render_url_ok("&#106;avascript:alert(1)"));
	CHECK(!render_url_ok("data:text/html,<script>alert(1)</script>"));
	CHECK(!render_url_ok("data:image/svg+xml,<svg onload=x>"));
	CHECK(!render_url_ok("vbscript:x"));
	CHECK(!render_url_ok("//evil.example/x"));
	CHECK(!render_url_ok("/etc/passwd"));
	CHECK(!render_url_ok("../../etc/passwd"));
	CHECK(!render_url_ok("http://"));
	CHECK(!render_url_ok("http:///x"));
	CHECK(!render_url_ok("http://a b"));
	CHECK(!render_url_ok("http://a.example/\" onclick=\"x"));
	CHECK(!render_url_ok("http://a.example/'onfocus='x"));
	CHECK(!render_url_ok("http://a.example/<script>"));
	CHECK(!render_url_ok("http://a.example/\tx"));
	CHECK(!render_url_ok("http://a.example/\nx"));
	CHECK(!render_url_ok("ftp://a.example/"));
	CHECK(!render_url_ok("mailto:a@b.example"));
}

static void
check_script(const char *in, const char *want)
{
	struct buf b = BUF_INIT;

	render_json_script(&b, in);
	CHECK_STR(b.data, want);
	buf_dispose(&b);
}

static void
test_json_script(void)
{
	json_t *o, *back;
	struct buf b = BUF_INIT;
	char *s;

	check_script("{\"a\":\"</script><script>alert(1)</script>\"}",
	    "{\"a\":\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"
	    "\\u003c/script\\u003e\"}");
	check_script("\"<!--<script>\"", "\"\\u003c!--\\u003cscript\\u003e\"");
	check_script("\"a&b\"", "\"a\\u0026b\"");
	check_script("\"\xe2\x80\xa8\xe2\x80\xa9\"", "\"\\u2028\\u2029\"");
	check_script("\"\xc3\xa9\"", "\"\xc3\xa9\"");
	/* The escaped text still parses to the same value. */
	o = json_pack("{s:s}", "headline",
	    "</script><!-- \xe2\x80\xa8 & \" ' <b>");
	s = json_dumps(o, JSON_COMPACT);
	render_json_script(&b, s);
	CHECK(strstr(b.data, "</") == NULL && strstr(b.data, "<!--") == NULL);
	back = json_loads(b.data, 0, NULL);
	CHECK(back != NULL && json_equal(o, back));
	json_decref(back);
	json_decref(o);
	free(s);
	buf_dispose(&b);
}

static void
test_clean(void)
{
	char *s;

	CHECK(render_clean(NULL) == NULL);
	s = render_clean("a\x0c" "b\x1b[31mc\x7f" "d\tE\n");
	CHECK_STR(s, "ab[31mcd\tE\n");
	free(s);
	s = render_clean("x\xc2\x85y\xef\xbf\xbez\xef\xbf\xbf");	/* C1, FFFE */
	CHECK_STR(s, "xyz");
	free(s);
	s = render_clean("a\xc0\xaf" "b\xed\xa0\x80" "c\xff");
	CHECK_STR(s, "a\xef\xbf\xbd\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd"
	    "\xef\xbf\xbd" "c\xef\xbf\xbd");
	free(s);
	s = render_clean("Zelens\xca\xb9kyi \xe2\x80\x94 \xc3\xa9");
	CHECK_STR(s, "Zelens\xca\xb9kyi \xe2\x80\x94 \xc3\xa9");
	free(s);
}

static void
test_build_time(void)
{
	struct article a, b;
	struct article *v[2] = { &a, &b };

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.date = xstrdup("2021-12-01");
	b.date = xstrdup("2022-01-02");
	unsetenv("SOURCE_DATE_EPOCH");
	CHECK(render_build_time(v, 2) == 1641081600);
	CHECK(render_build_time(v, 0) == 0);
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	CHECK(render_build_time(v, 2) == 1700000000);
	setenv("SOURCE_DATE_EPOCH", "soon", 1);
	CHECK(render_build_time(v, 2) == 1641081600);
	unsetenv("SOURCE_DATE_EPOCH");
	free(a.date);
	free(b.date);
}

/* {==== A whole site ==== */

static struct article *
mk(const char *title, const char *date, const char *permalink,
    const char *source, const char *url)
{
	struct article *a = xcalloc(1, sizeof(*a));

	a->path = xstrdup(permalink);
	a->title = xstrdup(title);
	a->date = date ? xstrdup(date) : NULL;
	a->permalink = xstrdup(permalink);
	a->source = source ? xstrdup(source) : NULL;
	a->url = url ? xstrdup(url) : NULL;
	a->language = xstrdup("en");
	a->thread_prev = a->thread_next = -1;
	strv_push(&a->paragraphs, "Sergei Lavrov spoke <b>loudly</b>.");
	strv_push(&a->authors, "Anna \"Q\" <Kovar>");
	return a;
}

static char *
slurp(const char *dir, const char *path)
{
	char full[1024];
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t k;
	FILE *f;

	snprintf(full, sizeof(full), "%s/%s", dir, path);
	if ((f = fopen(full, "rb")) == NULL)
		return NULL;
	while ((k = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_put(&b, chunk, k);
	fclose(f);
	return buf_detach(&b);
}

static int
has(const char *dir, const char *path, const char *needle)
{
	char *s = slurp(dir, path);
	int ok = s != NULL && strstr(s, needle) != NULL;

	free(s);
	return ok;
}

static int
exists(const char *dir, const char *path)
{
	char *s = slurp(dir, path);
	int ok = s != NULL;

	free(s);
	return ok;
}

static struct article **
hostile_articles(size_t *n)
{
	struct article **v = xcalloc(4, sizeof(*v));

	v[0] = mk("</title><script>alert(1)</script>", "2021-12-01",
	    "articles/2021/12/01/title-script/", "The <b>Herald</b>",
	    "javascript:alert(1)");
	v[1] = mk("\" onmouseover=\"alert(1)", "2021-11-30",
	    "articles/2021/11/30/onmouseover/", "Courier",
	    "https://example.org/a?b=1&c=2");
	v[2] = mk("]]> & < \x0c end", NULL, "articles/undated/cdata/",
	    NULL, NULL);
	v[3] = mk("escape", "2021-12-02", "../../etc/passwd/", NULL, NULL);
	article_add_tag(v[0], "people", "Sergei Lavrov", "t.lua:1");
	article_add_tag(v[0], "topics", "<b onmouseover=x>", "t.lua:2");
	article_add_tag(v[0], "places", "../../x", "t.lua:3");
	article_add_tag(v[1], "people", "Sergei Lavrov", "t.lua:1");
	article_add_tag(v[1], "people", "Sergei lavrov", "t.lua:1");
	article_add_tag(v[1], "articles", "x", "t.lua:1");
	v[0]->mentions = xcalloc(1, sizeof(struct mention));
	v[0]->mentions[0].text = xstrdup("Sergei Lavrov");
	v[0]->mentions[0].kind = xstrdup("people");
	v[0]->mentions[0].name = xstrdup("Sergei Lavrov");
	v[0]->nmentions = 1;
	/* A mention of the second of two names with one slug links to that
	 * name's page (sergei-lavrov-2), not the first's. */
	v[1]->mentions = xcalloc(2, sizeof(struct mention));
	v[1]->mentions[0].text = xstrdup("Sergei Lavrov");
	v[1]->mentions[0].kind = xstrdup("people");
	v[1]->mentions[0].name = xstrdup("Sergei lavrov");
	v[1]->mentions[1].text = xstrdup("loudly");	/* no such tag */
	v[1]->mentions[1].kind = xstrdup("topics");
	v[1]->mentions[1].name = xstrdup("loudly");
	v[1]->nmentions = 2;
	v[0]->related = xcalloc(1, sizeof(struct relation));
	v[0]->related[0].index = 1;
	v[0]->related[0].reason = xstrdup("also about: <Lavrov>");
	v[0]->nrelated = 1;
	v[1]->syndicated = xcalloc(1, sizeof(size_t));
	v[1]->syndicated[0] = 2;
	v[1]->nsyndicated = 1;
	v[1]->thread_next = 0;
	v[0]->thread_prev = 1;
	v[0]->syndicated = xcalloc(1, sizeof(size_t));
	v[0]->syndicated[0] = 1;
	v[0]->nsyndicated = 1;
	*n = 4;
	return v;
}

/* URLs per sitemap file in render_into(); 0: the protocol's limit. */
static size_t sitemap_max;

static int
render_into(const char *dir, struct article **v, size_t n,
    struct diag *d)
{
	struct render_opts o;

	memset(&o, 0, sizeof(o));
	o.sitemap_max = sitemap_max;
	o.title = "Test <archive>";
	o.base_url = "https://example.org/sub";
	o.language = "en";
	o.templates = "templates";
	o.articles = v;
	o.n = n;
	o.updated = render_build_time(v, n);
	mkdir(dir, 0755);
	return render_site(d, &o, dir);
}

static void
test_site(void)
{
	char a[] = "/tmp/morgue-render-XXXXXX", cmd[1024];
	char b[256], c[256];
	struct article **v;
	struct diag d;
	size_t n, i;
	const char *art = "articles/2021/12/01/title-script/index.html";

	diag_init(&d, NULL);
	v = hostile_articles(&n);
	CHECK(mkdtemp(a) != NULL);
	snprintf(b, sizeof(b), "%s/one", a);
	snprintf(c, sizeof(c), "%s/two", a);
	CHECK(render_into(b, v, n, &d) == 0);
	CHECK(d.errors == 1);		/* the ../../etc/passwd permalink */
	CHECK(render_into(c, v, n, &d) == 0);
	snprintf(cmd, sizeof(cmd), "diff -r %s %s >/dev/null", b, c);
	CHECK(system(cmd) == 0);	/* byte-for-byte deterministic */
	snprintf(cmd, sizeof(cmd), "test ! -e %s/etc && test ! -e "
	    "%s/one/etc && test ! -e /tmp/etc/passwd/index.html", a, a);
	CHECK(system(cmd) == 0);
	/* One card per story: the first published copy's. */
	CHECK(has(b, "index.html", "href=\"articles/2021/11/30/"
	    "onmouseover/index.html\""));
	CHECK(!has(b, "index.html", "href=\"articles/2021/12/01/"
	    "title-script/index.html\""));
	CHECK(has(b, art, "&lt;/title&gt;&lt;script&gt;alert(1)"));
	CHECK(!has(b, art, "<script>alert"));
	CHECK(has(b, art, "href=\"../../../../../people/sergei-lavrov/"
	    "index.html\""));
	CHECK(has(b, art, "also about: &lt;Lavrov&gt;"));
	CHECK(has(b, art, "<ul class=\"links related\">\n<li><a href=\"../../"
	    "../../../articles/2021/11/30/onmouseover/index.html\">"));
	CHECK(has(b, art, "<a href=\"../../../../../people/sergei-lavrov/"
	    "index.html\">Sergei Lavrov</a> spoke &lt;b&gt;loudly"));
	CHECK(has(b, "people/sergei-lavrov-2/index.html", "Sergei lavrov"));
	CHECK(has(b, "articles/2021/11/30/onmouseover/index.html",
	    "<p><a href=\"../../../../../people/sergei-lavrov-2/index.html\">"
	    "Sergei Lavrov</a> spoke &lt;b&gt;loudly&lt;/b&gt;.</p>"));
	CHECK(has(b, "tag-articles/x/index.html", "Articles"));
	/* Copies by outlet (issue 4), the thread both ways. */
	CHECK(has(b, art, "Also published by</h2>"));
	CHECK(has(b, art, "<a href=\"../../../../../articles/2021/11/30/"
	    "onmouseover/index.html\">Courier</a>"));
	CHECK(has(b, art, "rel=\"prev\" href=\"../../../../../articles/"
	    "2021/11/30/onmouseover/index.html\""));
	CHECK(has(b, "articles/2021/11/30/onmouseover/index.html",
	    "rel=\"next\" href=\"../../../../../articles/2021/12/01/"
	    "title-script/index.html\">&lt;/title&gt;"));
	/* A copy without an outlet is named by its title. */
	CHECK(has(b, "articles/2021/11/30/onmouseover/index.html",
	    "cdata/index.html\">]]&gt; &amp; &lt;  end</a> <span "
	    "class=\"meta\">Undated</span>"));	/* not the page's date */
	CHECK(has(b, art, "javascript:alert(1)"));	/* as text ... */
	CHECK(!has(b, art, "href=\"javascript"));	/* ... not a link */
	CHECK(has(b, art, "\"headline\":\"\\u003c/title\\u003e"));
	CHECK(has(b, "articles/2021/11/30/onmouseover/index.html",
	    "href=\"https://example.org/a?b=1&amp;c=2\""));
	CHECK(has(b, "articles/2021/11/30/onmouseover/index.html",
	    "&quot; onmouseover=&quot;alert(1)"));
	CHECK(has(b, "topics/b-onmouseover-x/index.html",
	    "&lt;b onmouseover=x&gt;"));
	CHECK(has(b, "places/x/index.html", "../../x"));
	CHECK(has(b, "people/sergei-lavrov/feed.xml",
	    "<id>https://example.org/sub/people/sergei-lavrov/feed.xml</id>"));
	CHECK(has(b, "feed.xml", "]]&gt; &amp; &lt;  end"));
	CHECK(has(b, "sitemap.xml",
	    "<loc>https://example.org/sub/articles/undated/cdata/</loc>"));
	CHECK(has(b, "search/index.js", "MORGUE_SEARCH_DATA(\"index\",{"
	    "\"docs\":2,\"shards\":1,\"text\":6000,\"sealed\":0,"
	    "\"delta\":1}"));
	/* Two stories, less than a block: all in the delta shard. */
	CHECK(has(b, "search/w/0.js", "MORGUE_SEARCH_DATA(\"w/0\",{});"));
	/* The undated story arrived with this build: the newest, story 1. */
	CHECK(has(b, "search/d/0.js", "\"lavrov\":\"3,2\""));
	CHECK(has(b, "search/a/1.js", "MORGUE_SEARCH_DATA(\"a/1\",["
	    "\"]]\\u003e \\u0026 \\u003c  end\",\"articles/undated/cdata/"));
	CHECK(has(b, "archive/2021/12/index.html", "December 2021"));
	CHECK(has(b, "archive/undated/index.html", "cdata/index.html"));
	CHECK(has(b, "assets/site.css", "prefers-color-scheme"));
	CHECK(has(b, "tags/index.html", "people/index.html"));
	snprintf(cmd, sizeof(cmd), "rm -rf %s", a);
	CHECK(system(cmd) == 0);
	for (i = 0; i < n; i++)
		article_free(v[i]);
	free(v);
}

/* 45 articles of one month and one person: three pages each of the
 * index, the term and the month, all linked. */
static void
test_paging(void)
{
	char a[] = "/tmp/morgue-render-XXXXXX", cmd[1024], pl[128], t[64];
	struct article *v[45];
	struct diag d;
	size_t i;

	diag_init(&d, NULL);
	for (i = 0; i < 45; i++) {
		snprintf(pl, sizeof(pl), "articles/2021/01/%02zu/s%zu/",
		    i % 28 + 1, i);
		snprintf(t, sizeof(t), "Story %zu", i);
		v[i] = mk(t, NULL, pl, "Courier", NULL);
		snprintf(t, sizeof(t), "2021-01-%02zu", i % 28 + 1);
		v[i]->date = xstrdup(t);
		article_add_tag(v[i], "people", "Many", "t.lua:1");
	}
	CHECK(mkdtemp(a) != NULL);
	sitemap_max = 40;	/* beyond: an index of sitemaps */
	CHECK(render_into(a, v, 45, &d) == 0 && d.errors == 0);
	sitemap_max = 0;
	CHECK(has(a, "sitemap.xml", "<sitemapindex xmlns=\"http://www.sitemaps"
	    ".org/schemas/sitemap/0.9\">\n<sitemap><loc>https://example.org/"
	    "sub/sitemap-1.xml</loc></sitemap>\n<sitemap><loc>"));
	CHECK(has(a, "sitemap-2.xml", "<urlset"));
	CHECK(!has(a, "sitemap-1.xml", "<sitemapindex"));
	snprintf(cmd, sizeof(cmd), "python3 tests/site_check.py feeds %s "
	    "https://example.org/sub/", a);
	CHECK(system(cmd) == 0);	/* protocol and Atom checks pass */
	/* 45 = two full pages, numbered from the oldest, and five more:
	 * the front page shows page 2 and those five, and links to page 1,
	 * which links back to the front page. */
	CHECK(!exists(a, "page/3/index.html"));
	CHECK(has(a, "index.html", "href=\"page/1/index.html\">Older"));
	CHECK(has(a, "page/1/index.html", "href=\"../../index.html\">"
	    "\xe2\x86\x90 Newest"));
	CHECK(!has(a, "page/1/index.html", "Older"));
	CHECK(has(a, "page/2/index.html", "href=\"../../page/1/index.html\""));
	CHECK(has(a, "people/many/page/2/index.html", "<span>Page 2</span>"));
	CHECK(has(a, "archive/2021/01/page/1/index.html", "<span>Page 1</span>"));
	CHECK(!has(a, "index.html", "Story 0<"));	/* oldest on page 1 */
	CHECK(has(a, "page/1/index.html", ">Story 0<"));
	CHECK(has(a, "index.html", ">Story 10<"));	/* days 11 to 28 */
	CHECK(!has(a, "index.html", ">Story 9<"));
	CHECK(!has(a, "page/1/index.html", " of "));	/* no total */
	/* Search: 45 stories are five blocks of 8, sealed, and 5 newer
	 * ones in the delta shard, whose postings count from story -1
	 * ("story" is stemmed to "stor"). */
	CHECK(has(a, "search/index.js", "\"docs\":45,\"shards\":1,"
	    "\"text\":6000,\"sealed\":40,\"delta\":1}"));
	CHECK(has(a, "search/w/0.js", "\"stor\":\"3,3,3,3,3,3,3,3,3,3,3,"
	    "3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3\""));
	CHECK(has(a, "search/d/0.js", "\"stor\":\"2b,3,3,3,3\""));
	CHECK(has(a, "search/d/0.js", "\"27\":\"2j\""));
	CHECK(!has(a, "search/w/0.js", "\"27\":"));
	CHECK(has(a, "people/many/feed.xml", "<link rel=\"alternate\" "
	    "type=\"text/html\" href=\"https://example.org/sub/people/"
	    "many/\"/>"));
	snprintf(cmd, sizeof(cmd), "python3 tests/site_check.py links %s "
	    "| grep -v articles.json | grep -q .", a);
	CHECK(system(cmd) != 0);	/* every link but articles.json */
	snprintf(cmd, sizeof(cmd), "rm -rf %s", a);
	CHECK(system(cmd) == 0);
	for (i = 0; i < 45; i++)
		article_free(v[i]);
}

/* ====} */

/* {==== The body's HTML: md_body_html() is cmark's rendering ==== */

/* Mentions as rules make them: capitalised words of the body (each
 * twice, the second time as another kind), one that spans two words, and
 * text with quotes and markup, so that links split text every way. */
static void
add_mentions(struct article *a)
{
	static const char *const odd[] = { "a", "the", "<b>", "\"", "&",
	    "Kyiv", "Lavrov" };
	struct mention *m;
	size_t i, cap = 0;
	const char *p, *e;

	for (i = 0; i < a->nbody && a->nmentions < 60; i++) {
		for (p = a->body[i].text; (p = strpbrk(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")) != NULL; p = e) {
			for (e = p; *e != '\0' && *e != ' ' && *e != ','; e++)
				continue;
			if (*e == ' ' && i % 3 == 0)	/* two words */
				for (e++; *e != '\0' && *e != ' '; e++)
					continue;
			if (a->nmentions + 2 >= cap) {
				cap = cap ? cap * 2 : 16;
				a->mentions = xreallocarray(a->mentions, cap,
				    sizeof(*m));
			}
			m = &a->mentions[a->nmentions++];
			m->text = xstrndup(p, (size_t)(e - p));
			m->kind = xstrdup(i % 2 ? "people" : "topics");
			m->name = i % 4 ? xstrdup(m->text) : NULL;
			m->origin = xstrdup("t.lua:1");
			if (a->nmentions >= 60)
				break;
		}
	}
	for (i = 0; i < sizeof(odd) / sizeof(*odd); i++) {
		a->mentions = xreallocarray(a->mentions, a->nmentions + 1,
		    sizeof(*m));
		m = &a->mentions[a->nmentions++];
		m->text = xstrdup(odd[i]);
		m->kind = xstrdup("places");
		m->name = xstrdup(odd[i]);
		m->origin = xstrdup("t.lua:2");
	}
}

static size_t body_checked, body_differ, body_links;

static void
compare_body(const char *path)
{
	static const char *const roots[] = { "../../../../../", "", "a b/'&\"" };
	struct article *a;
	struct diag d;
	cmark_node *doc;
	char *want, *got;
	size_t r;

	diag_init(&d, NULL);
	if (article_load(&a, &d, path) < 0)
		return;
	add_mentions(a);
	for (r = 0; r < sizeof(roots) / sizeof(*roots); r++) {
		doc = md_body(a, roots[r]);
		want = cmark_render_html(doc, CMARK_OPT_DEFAULT |
		    CMARK_OPT_VALIDATE_UTF8);
		cmark_node_free(doc);
		got = md_body_html(a, roots[r]);
		body_checked++;
		if (strstr(got, "<a href=\"a%20b/&#x27;&amp;%22") != NULL)
			body_links++;
		if (strcmp(want, got) != 0 && body_differ++ < 3)
			fprintf(stderr, "%s: md_body_html differs from cmark:\n"
			    "%.300s\n---\n%.300s\n", path, want, got);
		free(want);
		free(got);
	}
	article_free(a);
}

static void
compare_tree(const char *dir)
{
	char path[4096];
	struct dirent **v;
	struct stat st;
	int n, i;
	size_t len;

	if ((n = scandir(dir, &v, NULL, alphasort)) < 0)
		return;
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, v[i]->d_name);
		len = strlen(v[i]->d_name);
		if (v[i]->d_name[0] != '.' && lstat(path, &st) == 0) {
			if (S_ISDIR(st.st_mode))
				compare_tree(path);
			else if (S_ISREG(st.st_mode) && len > 3 &&
			    (strcmp(v[i]->d_name + len - 4, ".txt") == 0 ||
			    strcmp(v[i]->d_name + len - 3, ".md") == 0))
				compare_body(path);
		}
		free(v[i]);
	}
	free(v);
}

static void
test_body_html(void)
{
	char dir[4096];
	const char *shared = getenv("SHARED");

	compare_tree("content");
	compare_tree("tests/fixtures/site-hostile/content");
	if (shared != NULL && *shared != '\0') {
		snprintf(dir, sizeof(dir), "%s/corpus", shared);
		compare_tree(dir);
	}
	CHECK(body_checked >= 30);
	CHECK(body_links >= 10);	/* links made, their targets escaped */
	CHECK(body_differ == 0);
}

/* ====} */

int
main(void)
{
	test_url_ok();
	test_json_script();
	test_clean();
	test_build_time();
	test_site();
	test_paging();
	test_body_html();
	return harness_done();
}
