/* export.c: articles as JSON, and the parse command (export.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "export.h"
#include "md.h"

static json_t *
str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *
str_array(const struct strv *sv)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < sv->n; i++)
		json_array_append_new(arr, json_string(sv->v[i]));
	return arr;
}

json_t *
export_parse_json(const struct article *a)
{
	json_t *o = json_object();

	json_object_set_new(o, "path", str_or_null(a->path));
	json_object_set_new(o, "title", str_or_null(a->title));
	json_object_set_new(o, "authors", str_array(&a->authors));
	json_object_set_new(o, "agency", str_or_null(a->agency));
	json_object_set_new(o, "date", str_or_null(a->date));
	json_object_set_new(o, "dateline", str_or_null(a->dateline));
	json_object_set_new(o, "source", str_or_null(a->source));
	json_object_set_new(o, "url", str_or_null(a->url));
	json_object_set_new(o, "language", str_or_null(a->language));
	json_object_set_new(o, "slug", str_or_null(a->slug));
	json_object_set_new(o, "word_count", json_integer((json_int_t)a->word_count));
	json_object_set_new(o, "paragraphs", str_array(&a->paragraphs));
	json_object_set_new(o, "subheads", str_array(&a->subheads));
	json_object_set_new(o, "key_points", str_array(&a->key_points));
	json_object_set_new(o, "captions", str_array(&a->captions));
	json_object_set_new(o, "boilerplate", str_array(&a->boilerplate));
	return o;
}

static int
parse_usage(FILE *f)
{
	fputs("usage: morgue parse [--json|--md] FILE...\n\n"
	    "Parses raw articles (or .md pages with YAML front matter) and\n"
	    "prints them. --json (the default): one JSON object per file (an\n"
	    "array for several files) with the fields title, authors, agency,\n"
	    "date, dateline, source, url, paragraphs, subheads, key_points,\n"
	    "captions, boilerplate, language, path, slug and word_count.\n"
	    "--md: each article's Markdown page, one after the other: YAML\n"
	    "front matter between --- lines, then the CommonMark body.\n"
	    "Bad input is repaired or skipped with a file:line warning on\n"
	    "stderr; a skipped file makes the exit status 1.\n", f);
	return f == stdout ? 0 : EXIT_USAGE;
}

static int
parse_md(int argc, char **argv, int first, struct diag *d)
{
	struct article *a;
	char *page;
	int i, failed = 0;

	for (i = first; i < argc; i++) {
		if (article_load(&a, d, argv[i]) < 0) {
			failed = 1;
			continue;
		}
		page = md_page(a, NULL, 0);
		fputs(page, stdout);
		free(page);
		article_free(a);
	}
	return failed ? EXIT_INPUT : 0;
}

int
cmd_parse(int argc, char **argv, struct diag *d)
{
	json_t *all = NULL;
	struct article *a;
	int i, first = 1, failed = 0, md = 0;

	if (argc > 1 && strcmp(argv[1], "--help") == 0)
		return parse_usage(stdout);
	if (argc > 1 && strcmp(argv[1], "--json") == 0)
		first = 2;
	else if (argc > 1 && strcmp(argv[1], "--md") == 0)
		first = 2, md = 1;
	else if (argc > 1 && strncmp(argv[1], "--", 2) == 0 &&
	    strcmp(argv[1], "--") != 0)
		return parse_usage(stderr);
	else if (argc > 1 && strcmp(argv[1], "--") == 0)
		first = 2;
	if (first < argc && strcmp(argv[first], "--") == 0 && first == 2 &&
	    strcmp(argv[1], "--") != 0)
		first++;
	if (first >= argc)
		return parse_usage(stderr);
	if (md)
		return parse_md(argc, argv, first, d);
	if (argc - first > 1)
		all = json_array();
	for (i = first; i < argc; i++) {
		json_t *o;

		if (article_load(&a, d, argv[i]) < 0) {
			failed = 1;
			continue;
		}
		o = export_parse_json(a);
		article_free(a);
		if (all != NULL)
			json_array_append_new(all, o);
		else
			all = o;
	}
	if (all != NULL) {
		json_dumpf(all, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', stdout);
		json_decref(all);
	}
	return failed ? EXIT_INPUT : 0;
}
