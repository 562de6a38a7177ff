/*
 * publish.c: `morgue publish`, the archive branch pushed to its remotes
 * (archive.h).
 */
#include "archive/archive.h"
#include "cmd/commands.h"
#include "core/conf.h"

static const struct cmd_opt opts[] = {
	{ 'C', NULL, "DIR", "the site (default: the current directory)", 0 },
	{ 0, NULL, NULL, NULL, 0 }
};

static const struct cmd_spec spec = { "publish", "[REMOTE]",
    "Pushes the archive branch to REMOTE (a path, a file://, ssh or\n"
    "https URL, or a remote of the archive repository), or else to\n"
    "site.conf's archive.remotes (when that list is empty, to every\n"
    "remote of the archive repository). Never forces; a rejected\n"
    "push fails with the remote's reason.\n",
    opts, 0, 1, 0 };

int
cmd_publish(int argc, char **argv, struct diag *d)
{
	struct archive *ar = NULL;
	struct conf *conf = NULL;
	struct cmd_args a;
	const char *dir = ".";
	int key, rc = EXIT_INPUT;

	cmd_args_init(&a, &spec, argc, argv, d);
	while ((key = cmd_args_next(&a)) > 0)
		dir = a.val;
	if (key < 0)
		return a.status;
	if (archive_open_site(&ar, &conf, d, dir) == 0 &&
	    archive_publish(ar, conf, d, a.first < argc ? argv[a.first] :
	    NULL) == 0)
		rc = 0;
	archive_free(ar);
	conf_free(conf);
	return rc;
}
