/*
 * publish.c: `morgue publish`, the archive branch pushed to its remotes
 * (archive.h).
 */
#include "archive/archive.h"
#include "cmd/commands.h"
#include "core/conf.h"

static const struct cmd_opt opts[] = {
	{ 'C', NULL, "DIR", "the site (default: the current directory)", 0 },
	{ 0, "force", NULL, "replace a branch the remote has moved on", 0 },
	{ 'v', NULL, NULL, "say what was published", 0 },
	{ 0, NULL, NULL, NULL, 0 }
};

static const struct cmd_spec spec = { "publish", "[REMOTE]",
    "Pushes the archive branch to REMOTE (a path, a file://, ssh or\n"
    "https URL, or a remote of the archive repository), or else to\n"
    "site.conf's archive.remotes (when that list is empty, to every\n"
    "remote of the archive repository). A rejected push fails with\n"
    "what to do: when the remote has commits the archive lacks, pull\n"
    "them or publish with --force, which replaces the remote's branch.\n",
    opts, 0, 1, 0 };

int
cmd_publish(int argc, char **argv, struct diag *d)
{
	struct archive *ar = NULL;
	struct conf *conf = NULL;
	struct cmd_args a;
	const char *dir = ".";
	int key, rc = EXIT_INPUT, flags = 0;

	cmd_args_init(&a, &spec, argc, argv, d);
	while ((key = cmd_args_next(&a)) > 0)
		if (key == 'C')
			dir = a.val;
		else if (key == 'v')
			flags |= ARCHIVE_PUSH_VERBOSE;
		else
			flags |= ARCHIVE_PUSH_FORCE;
	if (key < 0)
		return a.status;
	if (archive_open_site(&ar, &conf, d, dir) == 0 &&
	    archive_publish(ar, conf, d, a.first < argc ? argv[a.first] :
	    NULL, flags) == 0)
		rc = 0;
	archive_free(ar);
	conf_free(conf);
	return rc;
}
