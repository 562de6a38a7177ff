/*
 * parse.c: `morgue parse`, raw articles printed as JSON (export.h) or as
 * their Markdown pages (md.h).
 */
#include <stdio.h>
#include <stdlib.h>

#include "cmd/commands.h"
#include "render/export.h"
#include "render/md.h"

static const struct cmd_opt opts[] = {
	{ 0, "json", NULL, "one JSON object per file (the default)", 0 },
	{ 0, "md", NULL, "each article's Markdown page", CMD_ALT },
	{ 0, NULL, NULL, NULL, 0 }
};

static const struct cmd_spec spec = { "parse", "FILE...",
    "Parses raw articles (or .md pages with YAML front matter) and\n"
    "prints them. --json (the default): one JSON object per file (an\n"
    "array for several files) with the fields title, authors, agency,\n"
    "date, dateline, source, url, paragraphs, subheads, key_points,\n"
    "captions, boilerplate, language, path, slug and word_count.\n"
    "--md: each article's Markdown page, one after the other: YAML\n"
    "front matter between --- lines, then the CommonMark body.\n"
    "Bad input is repaired or skipped with a file:line warning on\n"
    "stderr; a skipped file makes the exit status 1.\n",
    opts, 1, -1, 0 };

static int
print_md(char **files, int n, struct diag *d)
{
	struct article *a;
	char *page;
	int i, failed = 0;

	for (i = 0; i < n; i++) {
		if (article_load(&a, d, files[i]) < 0) {
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

static int
print_json(char **files, int n, struct diag *d)
{
	json_t *all = NULL, *o;
	struct article *a;
	int i, failed = 0;

	if (n > 1)
		all = json_array();
	for (i = 0; i < n; i++) {
		if (article_load(&a, d, files[i]) < 0) {
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

int
cmd_parse(int argc, char **argv, struct diag *d)
{
	struct cmd_args a;
	int key, md = 0;

	cmd_args_init(&a, &spec, argc, argv, d);
	while ((key = cmd_args_next(&a)) > 0)
		md = key == CMD_LONG(1);
	if (key < 0)
		return a.status;
	return md ? print_md(argv + a.first, argc - a.first, d) :
	    print_json(argv + a.first, argc - a.first, d);
}
