/*
 * test_rules.c: `morgue test-rules`, the editors' test runner for the
 * rules (rules.h, docs/rules.md).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/commands.h"
#include "core/buf.h"
#include "rules/rules.h"

static const struct cmd_opt opts[] = {
	{ 'C', NULL, "DIR", "the site (default: the current directory)", 0 },
	{ 'r', NULL, "RULEFILE", "a rule file (relative to DIR) instead of "
	    "site.conf's", CMD_MANY },
	{ 0, NULL, NULL, NULL, 0 }
};

static const struct cmd_spec spec = { "test-rules", "[TEST.lua...]",
    "Runs the editors' rule tests (by default DIR/lua/tests/*.lua, in\n"
    "name order) against the rules, printing `ok` or `FAIL` for each\n"
    "test(name, fn) and the line `N passed, N failed`. See\n"
    "docs/rules.md.\n",
    opts, 0, -1, 0 };

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
	struct strv files = STRV_INIT, tests = STRV_INIT;
	struct rules *r = NULL;
	struct cmd_args args;
	const char *dir = ".";
	unsigned passed = 0, failed = 0;
	size_t i;
	int key, rc;

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
	for (key = args.first; key < argc; key++)
		strv_push(&tests, argv[key]);
	if (tests.n == 0)
		find_tests(&tests, dir);
	for (i = 0; i < tests.n; i++)
		rules_test_file(r, d, stdout, tests.v[i], &passed, &failed);
	printf("%u passed, %u failed\n", passed, failed);
	rc = failed > 0 || tests.n == 0 ? EXIT_INPUT : 0;
	rules_free(r);
	strv_dispose(&files);
	strv_dispose(&tests);
	return rc;
}
