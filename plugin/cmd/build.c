/*
 * build.c: `morgue build`, the options of a build (site.h's site_build()
 * does the work).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build/site.h"
#include "cmd/commands.h"

static const struct cmd_opt opts[] = {
	{ 'C', NULL, "DIR", "change to DIR first", 0 },
	{ 0, "no-commit", NULL, "write the site but make no archive commit",
	    0 },
	{ 0, "wait", NULL, "wait for another build to end (else exit 4)", 0 },
	{ 0, "allow-missing", NULL, "build without the content that cannot "
	    "be read (else exit 1, nothing written)", 0 },
	{ 0, "full", NULL, "trust nothing from the build cache (.morgue/): "
	    "write every page; the output is the same", 0 },
	{ 'j', NULL, "N", "parse and make the Markdown pages with N threads "
	    "(default: one per processor)", 0 },
	{ 'q', NULL, NULL, "less to say on stderr", 0 },
	{ 'v', NULL, NULL, "more to say on stderr", CMD_ALT },
	{ 0, NULL, NULL, NULL, 0 }
};

static const struct cmd_spec spec = { "build", "",
    "Builds the site of DIR (default: the current directory) as its\n"
    "site.conf says: parses every *.txt and *.md file below the\n"
    "content directory, tags and links the articles with the rules,\n"
    "writes into the output directory the pages whose bytes changed\n"
    "and commits it to the archive unless --no-commit is given.\n\n"
    "Exit status: 0 built; 1 built, but some article had errors;\n"
    "2 usage; 3 configuration, template or rules error (nothing\n"
    "written); 4 another build holds the archive lock.\n"
    "SOURCE_DATE_EPOCH, when set, is the build time the site shows.\n",
    opts, 0, 0, 0 };

/* -j's value: 1 to SITE_MAX_JOBS. */
static int
jobs(unsigned *out, struct diag *d, const char *val)
{
	unsigned long n;
	char *end;

	errno = 0;
	n = strtoul(val, &end, 10);
	if (*val < '0' || *val > '9' || *end != '\0' || errno != 0 ||
	    n < 1 || n > SITE_MAX_JOBS) {
		diag_err(d, NULL, "build: -j wants a number from 1 to %d, "
		    "not \"%s\"", SITE_MAX_JOBS, val);
		return -1;
	}
	*out = (unsigned)n;
	return 0;
}

int
cmd_build(int argc, char **argv, struct diag *d)
{
	struct site_build_opts o = { 1, 0, 0, 0, 0, 0 };
	struct cmd_args a;
	const char *dir = NULL;
	long long source_date;
	int key;

	cmd_args_init(&a, &spec, argc, argv, d);
	while ((key = cmd_args_next(&a)) > 0)
		switch (key) {
		case 'C':
			dir = a.val;
			break;
		case CMD_LONG(1):
			o.commit = 0;
			break;
		case CMD_LONG(2):
			o.wait = 1;
			break;
		case CMD_LONG(3):
			o.allow_missing = 1;
			break;
		case CMD_LONG(4):
			o.full = 1;
			break;
		case 'j':
			if (jobs(&o.jobs, d, a.val) < 0)
				return cmd_usage(&spec, stderr);
			break;
		case 'q':
			o.verbosity = -1;
			break;
		case 'v':
			o.verbosity = 1;
			break;
		}
	if (key < 0)
		return a.status;
	if (dir != NULL && chdir(dir) < 0) {
		diag_err(d, &(struct pos){ dir, 0 }, "cannot change to this "
		    "directory: %s", strerror(errno));
		return EXIT_USAGE;
	}
	if (site_source_date(&source_date, d,
	    getenv("SOURCE_DATE_EPOCH")) < 0)
		return EXIT_CONFIG;
	return site_build(d, &o, source_date);
}
