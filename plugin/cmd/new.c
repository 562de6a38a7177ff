/*
 * new.c: `morgue new [--templates] [--rules] DIR` (commands.h): a new
 * site's skeleton, which builds at once with the built-in templates and
 * rules (builtin.h); the options copy those out for editing.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd/commands.h"
#include "core/buf.h"
#include "core/builtin.h"

static int
new_usage(FILE *f)
{
	fputs("usage: morgue new [--templates] [--rules] DIR\n\n"
	    "Writes a new site into DIR (created if missing; it must be\n"
	    "empty): a commented site.conf, content/ with two example\n"
	    "articles, and lua/ with a commented example rule file. The site\n"
	    "builds at once with morgue's built-in templates and rules.\n\n"
	    "  --templates  copy the built-in templates into DIR/templates\n"
	    "  --rules      copy the built-in rules into DIR/lua\n"
	    "  -h, --help   show this help\n\n"
	    "Exit status: 0 written; 2 usage, or DIR is not empty; 3 DIR\n"
	    "cannot be written.\n", f);
	return f == stdout ? 0 : EXIT_USAGE;
}

/* 1 when dir exists and holds something, 0 when it is empty or absent
 * (then created), -1 when it cannot be used (reported). */
static int
prepare_dir(struct diag *d, const char *dir)
{
	struct dirent *e;
	DIR *dp;
	int full = 0;

	if (mkdir(dir, 0777) == 0)
		return 0;
	if (errno != EEXIST || (dp = opendir(dir)) == NULL) {
		diag_err(d, &(struct pos){ dir, 0 }, "cannot create this "
		    "directory: %s", strerror(errno == EEXIST ? ENOTDIR :
		    errno));
		return -1;
	}
	while (!full && (e = readdir(dp)) != NULL)
		full = strcmp(e->d_name, ".") != 0 &&
		    strcmp(e->d_name, "..") != 0;
	closedir(dp);
	return full;
}

/* Copies the built-in files under prefix into dir/sub. */
static int
copy_out(struct diag *d, const char *prefix, const char *dir,
    const char *sub)
{
	struct buf path = BUF_INIT;
	int rc;

	buf_printf(&path, "%s%s%s", dir, *sub ? "/" : "", sub);
	rc = builtin_copy_out(d, prefix, path.data);
	buf_dispose(&path);
	return rc < 0 ? -1 : 0;
}

int
cmd_new(int argc, char **argv, struct diag *d)
{
	static const struct option longopts[] = {
		{ "templates",	no_argument,	NULL, 't' },
		{ "rules",	no_argument,	NULL, 'r' },
		{ "help",	no_argument,	NULL, 'h' },
		{ NULL,		0,		NULL, 0 }
	};
	const char *dir;
	int c, templates = 0, rules = 0, full;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1)
		switch (c) {
		case 't':
			templates = 1;
			break;
		case 'r':
			rules = 1;
			break;
		case 'h':
			return new_usage(stdout);
		default:
			diag_err(d, NULL, "new: unknown option \"%s\"",
			    argv[optind - 1]);
			return new_usage(stderr);
		}
	if (argc - optind != 1) {
		diag_err(d, NULL, "new: expected one directory");
		return new_usage(stderr);
	}
	dir = argv[optind];
	if ((full = prepare_dir(d, dir)) < 0)
		return EXIT_CONFIG;
	if (full) {
		diag_err(d, &(struct pos){ dir, 0 }, "not empty: morgue new "
		    "writes only into an empty or new directory");
		return EXIT_USAGE;
	}
	if (copy_out(d, "skel/", dir, "") < 0 ||
	    (templates && copy_out(d, "templates/", dir, "templates") < 0) ||
	    (rules && copy_out(d, "lua/", dir, "lua") < 0))
		return EXIT_CONFIG;
	return 0;
}
