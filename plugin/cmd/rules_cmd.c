/*
 * rules_cmd.c: `morgue explain` and `morgue test-rules`, the editors'
 * debugger and test runner for the rules (rules.h, docs/rules.md).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parse/article.h"
#include "cmd/commands.h"
#include "core/conf.h"
#include "rules/rules.h"
#include "core/xalloc.h"

struct ropts {
	const char	*dir;		/* the site (-C), "." by default */
	struct strv	 rules;		/* -r FILE..., or site.conf's list */
	int		 first;		/* index of the first operand */
};

static const char explain_usage[] =
    "usage: morgue explain [-C DIR] [-r RULEFILE]... FILE...\n"
    "Prints an article's parsed fields and every tag and link that the\n"
    "rules give it, each with the rule (file:line) that made it. The\n"
    "rules are those site.conf lists, or the -r files (relative to DIR).\n";

static const char test_usage[] =
    "usage: morgue test-rules [-C DIR] [-r RULEFILE]... [TEST.lua...]\n"
    "Runs the editors' rule tests (by default DIR/lua/tests/*.lua, in\n"
    "name order) against the rules, printing `ok` or `FAIL` for each\n"
    "test(name, fn) and the line `N passed, N failed`. See\n"
    "docs/rules.md.\n";

/* Parses -C and -r; returns 0, or -1 after printing usage. */
static int
ropts_parse(struct ropts *o, int argc, char **argv, const char *usage)
{
	int i;

	o->dir = ".";
	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			fputs(usage, stdout);
			exit(0);
		}
		if ((strcmp(argv[i], "-C") == 0 || strcmp(argv[i], "-r") == 0)
		    && i + 1 < argc) {
			if (argv[i][1] == 'C')
				o->dir = argv[++i];
			else
				strv_push(&o->rules, argv[++i]);
			continue;
		}
		fputs(usage, stderr);
		return -1;
	}
	o->first = i;
	return 0;
}

/* The rule files: -r, else site.conf's list, else SPEC 1's default. */
static int
load_rules(struct rules **out, struct diag *d, struct ropts *o)
{
	struct conf *c = NULL;
	struct buf path = BUF_INIT;
	int rc;

	if (o->rules.n == 0) {
		buf_printf(&path, "%s/site.conf", o->dir);
		if (access(path.data, F_OK) == 0) {
			if (conf_load(&c, d, path.data) < 0) {
				buf_dispose(&path);
				return -1;
			}
		} else
			c = conf_new();
		buf_dispose(&path);
		rules_files(&o->rules, c, o->dir);
		conf_free(c);
	}
	rc = rules_new(out, d, o->dir, &o->rules);
	return rc;
}

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
	struct ropts o = { NULL, STRV_INIT, 0 };
	struct rules *r = NULL;
	struct article *a;
	int i, rc = 0;

	if (ropts_parse(&o, argc, argv, explain_usage) < 0 ||
	    o.first >= argc) {
		if (o.first >= argc)
			fputs(explain_usage, stderr);
		strv_dispose(&o.rules);
		return EXIT_USAGE;
	}
	if (load_rules(&r, d, &o) < 0) {
		strv_dispose(&o.rules);
		return EXIT_CONFIG;
	}
	for (i = o.first; i < argc; i++) {
		if (article_load(&a, d, argv[i]) < 0) {
			rc = EXIT_INPUT;
			continue;
		}
		if (rules_run(r, d, a) < 0)
			rc = EXIT_INPUT;
		if (i > o.first)
			putchar('\n');
		print_explained(a);
		article_free(a);
	}
	rules_free(r);
	strv_dispose(&o.rules);
	return rc;
}

static int
is_lua(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return e->d_name[0] != '.' && n > 4 &&
	    strcmp(e->d_name + n - 4, ".lua") == 0;
}

/* DIR/lua/tests/NAME.lua, sorted by name (scandir + alphasort). */
static void
find_tests(struct strv *out, const char *dir)
{
	struct dirent **ents;
	struct buf path = BUF_INIT;
	int n, i;

	buf_printf(&path, "%s/lua/tests", dir);
	if ((n = scandir(path.data, &ents, is_lua, alphasort)) < 0) {
		buf_dispose(&path);
		return;
	}
	for (i = 0; i < n; i++) {
		buf_reset(&path);
		buf_printf(&path, "%s/lua/tests/%s", dir, ents[i]->d_name);
		strv_push(out, path.data);
		free(ents[i]);
	}
	free(ents);
	buf_dispose(&path);
}

int
cmd_test_rules(int argc, char **argv, struct diag *d)
{
	struct ropts o = { NULL, STRV_INIT, 0 };
	struct strv tests = STRV_INIT;
	struct rules *r = NULL;
	unsigned passed = 0, failed = 0;
	size_t i;
	int rc;

	if (ropts_parse(&o, argc, argv, test_usage) < 0) {
		strv_dispose(&o.rules);
		return EXIT_USAGE;
	}
	if (load_rules(&r, d, &o) < 0) {
		strv_dispose(&o.rules);
		return EXIT_CONFIG;
	}
	for (rc = o.first; rc < argc; rc++)
		strv_push(&tests, argv[rc]);
	if (tests.n == 0)
		find_tests(&tests, o.dir);
	for (i = 0; i < tests.n; i++)
		rules_test_file(r, d, stdout, tests.v[i], &passed, &failed);
	printf("%u passed, %u failed\n", passed, failed);
	rc = failed > 0 || tests.n == 0 ? EXIT_INPUT : 0;
	rules_free(r);
	strv_dispose(&o.rules);
	strv_dispose(&tests);
	return rc;
}
