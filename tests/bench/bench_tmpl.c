/*
 * bench_tmpl.c: renders a realistic article page (a layout with blocks,
 * partials for the head, tag lists and related stories, a 4 KB body)
 * N times over 64 different articles, and prints pages per second of
 * CPU time (steady on a busy machine) and of wall-clock time.
 *
 *	build/bench/bench_tmpl [N]	(default 100000)
 *	build/bench/bench_tmpl -p	prints one page, to see what is timed
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/diag.h"
#include "render/tmpl.h"

static const char *const partials[] = {
	"layout",
	"<!DOCTYPE html>\n"
	"<html lang=\"{{site.language}}\">\n"
	"<head>\n"
	"  <meta charset=\"utf-8\">\n"
	"  <title>{{$title}}{{site.title}}{{/title}}</title>\n"
	"  {{>meta}}\n"
	"  <link rel=\"stylesheet\" href=\"{{root}}style.css\">\n"
	"</head>\n"
	"<body>\n"
	"  <header><a href=\"{{root}}\">{{site.title}}</a>\n"
	"  <nav>{{#site.kinds}}<a href=\"{{root}}{{slug}}/\">{{name}}</a>"
	"{{/site.kinds}}</nav></header>\n"
	"  <main>\n"
	"    {{$main}}\n"
	"    {{/main}}\n"
	"  </main>\n"
	"  <footer>{{site.title}} &middot; built {{build_time}}</footer>\n"
	"</body>\n"
	"</html>\n",
	"meta",
	"<meta property=\"og:title\" content=\"{{title}}\">\n"
	"<meta name=\"description\" content=\"{{summary}}\">\n"
	"<link rel=\"canonical\" href=\"{{site.base_url}}{{permalink}}\">\n"
	"<script type=\"application/ld+json\">{{{jsonld}}}</script>\n",
	"taglist",
	"{{#tags}}\n"
	"<section class=\"tags {{kind}}\"><h2>{{label}}</h2><ul>\n"
	"{{#terms}}\n"
	"  <li><a href=\"{{root}}{{kind}}/{{slug}}/\">{{name}}</a></li>\n"
	"{{/terms}}\n"
	"</ul></section>\n"
	"{{/tags}}\n",
	"related",
	"{{#related.0}}\n"
	"<aside><h2>Related</h2><ol>\n"
	"{{#related}}\n"
	"  <li><a href=\"{{root}}{{permalink}}\">{{title}}</a> "
	"<time>{{date}}</time></li>\n"
	"{{/related}}\n"
	"</ol></aside>\n"
	"{{/related.0}}\n",
	NULL
};

static const char page[] =
	"{{<layout}}\n"
	"{{$title}}{{title}} - {{site.title}}{{/title}}\n"
	"{{$main}}\n"
	"<article>\n"
	"  <h1>{{title}}</h1>\n"
	"  <p class=\"meta\">{{#authors}}<span>{{.}}</span> {{/authors}}"
	"{{#date}}<time datetime=\"{{date}}\">{{date}}</time>{{/date}}"
	"{{^date}}undated{{/date}} {{#source}}&middot; {{source}}{{/source}}"
	"</p>\n"
	"  {{{body}}}\n"
	"  {{>taglist}}\n"
	"  {{>related}}\n"
	"  {{#syndicated.0}}<p>Also published as: {{#syndicated}}"
	"<a href=\"{{root}}{{.}}\">{{.}}</a> {{/syndicated}}</p>"
	"{{/syndicated.0}}\n"
	"  <ul class=\"history\">{{#revisions}}<li>{{date}} {{message}}</li>"
	"{{/revisions}}</ul>\n"
	"</article>\n"
	"{{/main}}\n"
	"{{/layout}}\n";

static json_t *
terms(const char *kind, int i, int n)
{
	json_t *a = json_array();
	char name[64], slug[64];
	int k;

	for (k = 0; k < n; k++) {
		snprintf(name, sizeof(name), "%s O'Name %d", kind, i * 7 + k);
		snprintf(slug, sizeof(slug), "%s-o-name-%d", kind, i * 7 + k);
		json_array_append_new(a, json_pack("{s:s,s:s}", "name", name,
		    "slug", slug));
	}
	return json_pack("{s:s,s:s,s:o}", "kind", kind, "label", kind,
	    "terms", a);
}

static json_t *
article(int i)
{
	struct buf body = BUF_INIT;
	json_t *rel = json_array(), *site, *v;
	char title[128];
	int k;

	for (k = 0; k < 12; k++)
		buf_printf(&body, "<p>Paragraph %d of article %d: officials "
		    "said on Tuesday that talks would resume &amp; that both "
		    "sides had agreed to meet again next week in Geneva, "
		    "where earlier rounds ended without a deal.</p>\n", k, i);
	for (k = 0; k < 5; k++)
		json_array_append_new(rel, json_pack("{s:s,s:s,s:s}",
		    "permalink", "articles/2021/12/01/other-story/",
		    "title", "Another story about <talks> & more",
		    "date", "2021-12-01"));
	snprintf(title, sizeof(title), "Leader calls for \"talks\" #%d", i);
	site = json_pack("{s:s,s:s,s:s,s:[{s:s,s:s},{s:s,s:s},{s:s,s:s}]}",
	    "title", "The Morgue", "language", "en", "base_url",
	    "https://example.org/", "kinds", "slug", "people", "name",
	    "People", "slug", "places", "name", "Places", "slug", "topics",
	    "name", "Topics");
	v = json_pack("{s:o,s:s,s:s,s:s,s:s,s:s,s:[s,s],s:s,s:s,s:s,"
	    "s:[o,o,o],s:o,s:[s],s:[{s:s,s:s},{s:s,s:s}],s:s}",
	    "site", site, "root", "../../../../../", "build_time",
	    "2021-12-02T10:00:00Z", "title", title, "summary",
	    "Officials said talks would resume.", "permalink",
	    "articles/2021/12/01/leader-calls-for-talks/", "authors",
	    "Jane Doe", "John Roe", "date", "2021-12-01", "source", "Wire",
	    "body", body.data, "tags", terms("people", i, 4),
	    terms("places", i, 3), terms("topics", i, 5), "related", rel,
	    "syndicated", "articles/2021/12/01/copy/", "revisions", "date",
	    "2021-12-01", "message", "first version", "date", "2021-12-02",
	    "message", "corrected a name", "jsonld",
	    "{\"@type\":\"NewsArticle\"}");
	buf_dispose(&body);
	return v;
}

int
main(int argc, char **argv)
{
	int show = argc > 1 && strcmp(argv[1], "-p") == 0;
	long n = show ? 1 : argc > 1 ? atol(argv[1]) : 100000, i;
	struct tmpl_partials *p;
	struct tmpl *t;
	struct buf out = BUF_INIT;
	struct timespec a, b, ca, cb;
	json_t *ctx[64];
	struct diag d;
	size_t bytes = 0;
	double s, cpu;
	int k;

	diag_init(&d, stderr);
	p = tmpl_partials_new(NULL, 0);
	for (k = 0; partials[k] != NULL; k += 2)
		if (tmpl_partials_add(p, &d, partials[k], partials[k + 1],
		    strlen(partials[k + 1])) < 0)
			return 1;
	if (tmpl_parse(&t, &d, "page", page, sizeof(page) - 1) < 0)
		return 1;
	for (k = 0; k < 64; k++)
		ctx[k] = article(k);
	clock_gettime(CLOCK_MONOTONIC, &a);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ca);
	for (i = 0; i < n; i++) {
		buf_reset(&out);
		if (tmpl_render(&out, &d, t, ctx[i % 64], p) < 0)
			return 1;
		bytes += out.len;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cb);
	s = (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
	cpu = (double)(cb.tv_sec - ca.tv_sec) +
	    (cb.tv_nsec - ca.tv_nsec) / 1e9;
	if (show)
		fwrite(out.data, 1, out.len, stdout);
	else
		printf("tmpl: %ld article pages of %zu bytes: %.0f pages/s "
		    "(%.0f MB/s) of CPU time, %.0f pages/s wall-clock\n", n,
		    bytes / (size_t)(n ? n : 1), n / cpu, bytes / cpu / 1e6,
		    n / s);
	for (k = 0; k < 64; k++)
		json_decref(ctx[k]);
	tmpl_free(t);
	tmpl_partials_free(p);
	buf_dispose(&out);
	return 0;
}
