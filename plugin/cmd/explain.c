/*
 * explain.c: `morgue explain`, the editors' debugger for the rules
 * (rules.h, docs/rules.md): an article's fields, and each tag and link
 * with the rule that made it.
 */
#include <stdio.h>

#include "cmd/commands.h"
#include "parse/article.h"
#include "rules/rules.h"

static const struct cmd_opt opts[] = {
	{ 'C', NULL, "DIR", "the site (default: the current directory)", 0 },
	{ 'r', NULL, "RULEFILE", "a rule file (relative to DIR) instead of "
	    "site.conf's", CMD_MANY },
	{ 0, NULL, NULL, NULL, 0 }
};

static const struct cmd_spec spec = { "explain", "FILE...",
    "Prints an article's parsed fields and every tag and link that the\n"
    "rules give it, each with the rule (file:line) that made it. The\n"
    "rules are those site.conf lists, or the -r files (relative to DIR).\n",
    opts, 1, -1, 0 };

static void
field(const char *name, const char *value)
{
	printf("%-12s %s\n", name, value ? value : "-");
}

static void
list(const char *name, const struct strv *sv)
{
	size_t i;

	printf("%-12s", name);
	if (sv->n == 0)
		fputs(" -", stdout);
	for (i = 0; i < sv->n; i++)
		printf("%s %s", i ? ";" : "", sv->v[i]);
	putchar('\n');
}

static void
print_explained(const struct article *a)
{
	size_t i;

	field("path:", a->path);
	field("title:", a->title);
	list("authors:", &a->authors);
	field("agency:", a->agency);
	field("date:", a->date);
	field("dateline:", a->dateline);
	field("source:", a->source);
	field("url:", a->url);
	field("language:", a->language);
	printf("%-12s %zu paragraphs, %zu subheads, %zu words\n", "body:",
	    a->paragraphs.n, a->subheads.n, a->word_count);
	printf("tags:%s\n", a->ntags ? "" : " none");
	for (i = 0; i < a->ntags; i++)
		printf("  %-14s %-32s %s\n", a->tags[i].kind, a->tags[i].name,
		    a->tags[i].origin ? a->tags[i].origin : "");
	printf("links:%s\n", a->nmentions ? "" : " none");
	for (i = 0; i < a->nmentions; i++)
		printf("  \"%s\" -> %s/%s  %s\n", a->mentions[i].text,
		    a->mentions[i].kind, a->mentions[i].name,
		    a->mentions[i].origin);
}

int
cmd_explain(int argc, char **argv, struct diag *d)
{
	struct strv files = STRV_INIT;
	struct rules *r = NULL;
	struct article *a;
	struct cmd_args args;
	const char *dir = ".";
	int i, key, rc = 0;

	cmd_args_init(&args, &spec, argc, argv, d);
	while ((key = cmd_args_next(&args)) > 0)
		if (key == 'C')
			dir = args.val;
		else
			strv_push(&files, args.val);
	if (key < 0) {
		strv_dispose(&files);
		return args.status;
	}
	if (cmd_site_rules(&r, d, dir, &files) < 0) {
		strv_dispose(&files);
		return EXIT_CONFIG;
	}
	for (i = args.first; i < argc; i++) {
		if (article_load(&a, d, argv[i]) < 0) {
			rc = EXIT_INPUT;
			continue;
		}
		if (rules_run(r, d, a) < 0)
			rc = EXIT_INPUT;
		if (i > args.first)
			putchar('\n');
		print_explained(a);
		article_free(a);
	}
	rules_free(r);
	strv_dispose(&files);
	return rc;
}
