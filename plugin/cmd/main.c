/*
 * main.c: the morgue command: --help and --version, else the command
 * named first, each in its own file of plugin/cmd/ (commands.h).
 */
#include <stdio.h>
#include <string.h>

#include "cmd/commands.h"
#include "core/diag.h"

#define MORGUE_VERSION "0.1.0"

struct command {
	const char	*name;
	int		(*run)(int, char **, struct diag *);
	const char	*summary;
};

static const struct command commands[] = {
	{ "build", cmd_build, "build the site (and commit it to the archive)" },
	{ "parse", cmd_parse, "parse raw articles and print them" },
	{ "explain", cmd_explain, "show an article's tags and links, and why" },
	{ "test-rules", cmd_test_rules, "run the editors' rule tests" },
	{ "template", cmd_template, "render one Mustache template" },
	{ "publish", cmd_publish, "push the archive branch to its remotes" },
	{ "log", cmd_log, "print the archive's or an article's history" },

	{ "new", cmd_new, "write a new site's skeleton" },

	{ "serve", cmd_serve, "preview the site, rebuilt as it changes" },

	{ "export", cmd_export, "write the archive as a Hugo project" },
};

static void
usage(FILE *f)
{
	size_t i;

	fputs("usage: morgue COMMAND [ARGS...]\n"
	    "       morgue COMMAND --help | --help | --version\n\n"
	    "morgue turns a folder of raw news articles into a browsable,\n"
	    "versioned static site.\n\ncommands:\n", f);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name,
		    commands[i].summary);
}

int
main(int argc, char **argv)
{
	struct diag d;
	size_t i;

	diag_init(&d, stderr);
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		puts("morgue " MORGUE_VERSION);
		return 0;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1, &d);
	fprintf(stderr, "morgue: unknown command: ");
	diag_put_escaped(stderr, argv[1], strlen(argv[1]));
	fputs("\n", stderr);
	usage(stderr);
	return EXIT_USAGE;
}
