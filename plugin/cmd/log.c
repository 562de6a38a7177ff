/*
 * log.c: `morgue log`, the archive's history or one article's
 * revisions (archive.h).
 */
#include <stdio.h>

#include "archive/archive.h"
#include "cmd/commands.h"
#include "core/conf.h"

static const struct cmd_opt opts[] = {
	{ 'C', NULL, "DIR", "the site (default: the current directory)", 0 },
	{ 0, NULL, NULL, NULL, 0 }
};

static const struct cmd_spec spec = { "log", "[ARTICLE]",
    "Prints the archive's history, newest first: each build's commit,\n"
    "date and the articles it added, changed and removed. With\n"
    "ARTICLE (a permalink, a page path or the article's source path),\n"
    "prints that article's revisions with what changed, word by word.\n",
    opts, 0, 1, 0 };

int
cmd_log(int argc, char **argv, struct diag *d)
{
	struct archive *ar = NULL;
	struct conf *conf = NULL;
	struct cmd_args a;
	const char *dir = ".";
	int key, rc;

	cmd_args_init(&a, &spec, argc, argv, d);
	while ((key = cmd_args_next(&a)) > 0)
		dir = a.val;
	if (key < 0)
		return a.status;
	if (archive_open_site(&ar, &conf, d, dir) < 0)
		rc = -1;
	else if (a.first == argc)
		rc = archive_log(stdout, ar, d);
	else
		rc = archive_log_article(stdout, ar, d, argv[a.first]);
	archive_free(ar);
	conf_free(conf);
	return rc < 0 ? EXIT_INPUT : 0;
}
