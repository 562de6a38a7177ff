/* test_export.c: articles.json written as text (export.c) is the same,
 * byte for byte, as jansson's dump of the objects it stands for. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "harness.h"
#include "render/export.h"
#include "core/buf.h"
#include "core/xalloc.h"

#define NART	5

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static struct article *
article(const char *path, const char *title, const char *permalink)
{
	struct article *a = xcalloc(1, sizeof(*a));

	a->path = xstrdup(path);
	a->title = dup_or_null(title);
	a->permalink = dup_or_null(permalink);
	a->thread_prev = a->thread_next = -1;
	return a;
}

static void
relate(struct article *a, size_t index, const char *reason)
{
	a->related = xreallocarray(a->related, a->nrelated + 1,
	    sizeof(*a->related));
	a->related[a->nrelated].index = index;
	a->related[a->nrelated].score = 1;
	a->related[a->nrelated].reason = dup_or_null(reason);
	a->nrelated++;
}

/* A tag as it is, bypassing article_add_tag()'s repairs: the text
 * writer must follow jansson even on bytes no parse would keep. */
static void
raw_tag(struct article *a, const char *kind, const char *name)
{
	size_t before = a->ntags;

	article_add_tag(a, "x-placeholder", "placeholder", "t");
	if (a->ntags == before)
		return;
	free(a->tags[before].kind);
	free(a->tags[before].name);
	a->tags[before].kind = xstrdup(kind);
	a->tags[before].name = xstrdup(name);
}

static void
check_same(struct article **v, size_t n, const char *content,
    char *const *summaries, const char *what)
{
	struct buf text = BUF_INIT;
	json_t *all = json_array();
	char *want;
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(all, export_article_json(v[i], v, n,
		    content, summaries != NULL ? summaries[i] : NULL));
	want = json_dumps(all, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(all);
	export_articles_text(&text, v, v, n, content, summaries);
	if (!CHECK(strlen(text.data) == text.len) || !CHECK_STR(text.data, want))
		fprintf(stderr, "  (%s)\n", what);
	free(want);
	buf_dispose(&text);
}

static void
test_same_as_jansson(void)
{
	struct article *v[NART];
	static char s0[] = "A \"summary\"\n", s2[] = "\xff bad", s3[] = "ok";
	char *summaries[NART] = { s0, NULL, s2, s3, NULL };
	size_t i;

	v[0] = article("content/a.txt", "Quote \" back \\ slash / "
	    "tab\t nl\n cr\r bs\b ff\f ctl\x01\x1f del\x7f "
	    "\xe2\x80\xa8 Москва", "articles/2021/01/01/a/");
	v[1] = article("content/\xff\xfe name.txt", NULL, NULL);
	v[2] = article("elsewhere/c.txt", "bad \xc3\x28 title",
	    "articles/2021/01/03/c/");
	v[3] = article("content/d.txt", "", "articles/\xff/d/");
	v[4] = article("content", "plain", "articles/2021/01/05/e/");
	v[0]->title_from = xstrdup("lead");
	v[0]->date = xstrdup("2021-01-01");
	v[0]->agency = xstrdup("AFP \xe0\x80\xaf overlong");
	v[0]->dateline = xstrdup("KYIV");
	v[0]->source = xstrdup("The Source");
	v[0]->url = xstrdup("https://example.com/a?b=c&d");
	v[0]->slug = xstrdup("a");
	v[0]->language = xstrdup("en");
	v[1]->date_inferred = xstrdup("2021-01-02");
	strv_push(&v[0]->authors, "One");
	strv_push(&v[0]->authors, "\xed\xa0\x80 surrogate");
	strv_push(&v[0]->authors, "Two");
	strv_push(&v[2]->authors, "\xff");
	strv_push(&v[0]->captions, "cap\x02tion");
	strv_push(&v[0]->key_points, "point");
	raw_tag(v[0], "people", "Zed");
	raw_tag(v[0], "people", "Abe");
	raw_tag(v[0], "people", "Abe");
	raw_tag(v[0], "places", "Kyiv \xff");
	raw_tag(v[0], "places", "Kyiv");
	raw_tag(v[0], "events", "Summit");
	raw_tag(v[0], "alpha", "first");
	raw_tag(v[0], "thread_prev", "a kind named as a later key");
	raw_tag(v[0], "agency", "a kind named as an earlier key");
	raw_tag(v[0], "bad \xff kind", "x");
	raw_tag(v[0], "title", "reserved");
	/* agency invalid above: a kind "agency" takes its place */
	raw_tag(v[2], "agency", "kind where the key failed");
	raw_tag(v[2], "related_reasons", "r");
	relate(v[0], 2, "also about: x");
	relate(v[0], 1, "no permalink");
	relate(v[0], 3, NULL);
	relate(v[0], 99, "out of range");
	relate(v[0], 4, "bad \xff reason");
	relate(v[2], 0, NULL);
	v[0]->syndicated = xcalloc(3, sizeof(size_t));
	v[0]->syndicated[0] = 2;
	v[0]->syndicated[1] = 1;
	v[0]->syndicated[2] = 3;
	v[0]->nsyndicated = 3;
	v[0]->thread_prev = 2;
	v[0]->thread_next = 3;	/* a permalink that is not UTF-8 */
	v[2]->thread_prev = 1;	/* none */
	v[2]->thread_next = 0;
	check_same(v, NART, "content", summaries, "hostile");
	check_same(v, NART, "", NULL, "no content directory");
	check_same(v, 1, "content", summaries, "one article");
	check_same(v, 0, "content", NULL, "none");
	for (i = 0; i < NART; i++)
		article_free(v[i]);
}

int
main(void)
{
	test_same_as_jansson();
	return harness_done();
}
