/*
 * publish.c: `morgue publish`, the archive branch pushed to its remotes
 * (archive.h).
 */
#include <signal.h>
#include <stdio.h>

#include "archive/archive.h"
#include "cmd/commands.h"
#include "core/conf.h"

static const struct cmd_opt opts[] = {
	{ 'C', NULL, "DIR", "the site (default: the current directory)", 0 },
	{ 'n', "dry-run", NULL, "say what would be pushed; send nothing", 0 },
	{ 0, "force", NULL, "replace a remote branch that moved on, only "
	    "if it is where the last publish left it", 0 },
	{ 0, "accept-new-host", NULL, "record the key of an SSH host "
	    "known_hosts does not list yet", 0 },
	{ 0, NULL, NULL, NULL, 0 }
};

static const struct cmd_spec spec = { "publish", "[REMOTE]",
    "Pushes the archive branch to REMOTE (a path, a file://, ssh or\n"
    "https URL, or a remote of the archive repository), or else to\n"
    "each of site.conf's archive.remotes, onto the branch each names\n"
    "(when that list is empty, to every remote of the archive\n"
    "repository). Each remote is tried and reported on its own line;\n"
    "the exit status is 1 when any failed. A remote branch that moved\n"
    "on is refused; --force replaces it only when it is still where\n"
    "the last publish left it. HTTPS credentials come from MORGUE_TOKEN\n"
    "or git's credential helpers; SSH keys from site.conf or ssh-agent.\n",
    opts, 0, 1, 0 };

int
cmd_publish(int argc, char **argv, struct diag *d)
{
	struct archive_publish_opts o = { 0, ".", stdout };
	struct archive *ar = NULL;
	struct conf *conf = NULL;
	struct cmd_args a;
	int key, rc = EXIT_INPUT;

	cmd_args_init(&a, &spec, argc, argv, d);
	while ((key = cmd_args_next(&a)) > 0)
		switch (key) {
		case 'C':
			o.site_dir = a.val;
			break;
		case 'n':
			o.flags |= ARCHIVE_DRY_RUN;
			break;
		case CMD_LONG(2):
			o.flags |= ARCHIVE_FORCE;
			break;
		case CMD_LONG(3):
			o.flags |= ARCHIVE_ACCEPT_NEW_HOST;
			break;
		}
	if (key < 0)
		return a.status;
	/* A credential helper or a server that hangs up early is an error
	 * of that push (EPIPE), not the end of the others. */
	signal(SIGPIPE, SIG_IGN);
	if (archive_open_site(&ar, &conf, d, o.site_dir) == 0 &&
	    archive_publish(ar, conf, d, a.first < argc ? argv[a.first] :
	    NULL, &o) == 0)
		rc = 0;
	fflush(stdout);
	archive_free(ar);
	conf_free(conf);
	return rc;
}
