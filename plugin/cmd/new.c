/*
 * new.c: `morgue new [--templates] [--rules] DIR` (commands.h): a new
 * site's skeleton, which builds at once with the built-in templates and
 * rules (builtin.h); the options copy those out for editing.
 */
#include <stdio.h>
#include <string.h>

#include "cmd/commands.h"
#include "core/buf.h"
#include "core/builtin.h"
#include "core/files.h"

static const struct cmd_opt opts[] = {
	{ 0, "templates", NULL, "copy the built-in templates into DIR/templates",
	    0 },
	{ 0, "rules", NULL, "copy the built-in rules into DIR/lua", 0 },
	{ 0, NULL, NULL, NULL, 0 }
};

static const struct cmd_spec spec = { "new", "DIR",
    "Writes a new site into DIR (created if missing; it must be\n"
    "empty): a commented site.conf, content/ with two example\n"
    "articles, and lua/ with a commented example rule file. The site\n"
    "builds at once with morgue's built-in templates and rules.\n\n"
    "Exit status: 0 written; 2 usage, or DIR is not empty; 3 DIR\n"
    "cannot be written.\n",
    opts, 1, 1, 0 };

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
	struct cmd_args a;
	const char *dir;
	int key, templates = 0, rules = 0, full;

	cmd_args_init(&a, &spec, argc, argv, d);
	while ((key = cmd_args_next(&a)) > 0)
		if (key == CMD_LONG(0))
			templates = 1;
		else
			rules = 1;
	if (key < 0)
		return a.status;
	dir = argv[a.first];
	if ((full = files_dir_state(d, dir)) < 0)
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
