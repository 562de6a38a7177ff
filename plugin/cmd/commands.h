/*
 * commands.h: the commands of the morgue program, one file each in
 * plugin/cmd/, and the option parser they share.
 *
 * main.c reads nothing but the command name; a command gets argv from
 * its name on and returns the exit status: 0 or one of diag.h's
 * EXIT_INPUT, EXIT_USAGE, EXIT_CONFIG, EXIT_LOCKED.
 *
 * Options: one table per command says each option's letter, long name,
 * value and help; the same table parses (getopt_long) and makes
 * `morgue COMMAND --help`. Every command accepts `-C DIR` and `-CDIR`,
 * `--opt=value` and `--opt value`, options after operands, `--` to end
 * the options, and -h/--help. A new command, for example:
 *
 *	static const struct cmd_opt opts[] = {
 *		{ 'C', NULL, "DIR", "work in DIR (default: .)", 0 },
 *		{ 0, "dry-run", NULL, "say what would be done", 0 },
 *		{ 0 }
 *	};
 *	static const struct cmd_spec spec = { "frob", "FILE...",
 *	    "Frobs each FILE.\n", opts, 1, -1, 0 };
 *
 *	int
 *	cmd_frob(int argc, char **argv, struct diag *d)
 *	{
 *		struct cmd_args a;
 *		const char *dir = ".";
 *		int dry = 0, key;
 *
 *		cmd_args_init(&a, &spec, argc, argv, d);
 *		while ((key = cmd_args_next(&a)) > 0)
 *			switch (key) {
 *			case 'C': dir = a.val; break;
 *			case CMD_LONG(1): dry = 1; break;  (opts[1])
 *			}
 *		if (key < 0)
 *			return a.status;	(help shown, or a usage error)
 *		... argv[a.first .. argc) are the operands ...
 *	}
 *
 * and a line in main.c's table. An option without a letter is keyed
 * CMD_LONG(its index in the table).
 */
#ifndef MORGUE_COMMANDS_H
#define MORGUE_COMMANDS_H

#include <getopt.h>
#include <stdio.h>

#include "core/diag.h"

/* One option. The table ends with an entry whose letter and name are
 * both 0. */
struct cmd_opt {
	int		 letter;	/* 'C', or 0: a long name only */
	const char	*name;		/* "no-commit", or NULL: a letter only */
	const char	*arg;		/* the value's name ("DIR"); NULL: none */
	const char	*help;		/* one line for --help */
	int		 flags;		/* CMD_ALT, CMD_MANY */
};

#define CMD_ALT		1	/* an alternative to the option before
				   it: "[-q|-v]" */
#define CMD_MANY	2	/* may be given again: "[-r FILE]..." */
#define CMD_MAX_OPTS	24

/* The key cmd_args_next() returns for opts[i] when it has no letter. */
#define CMD_LONG(i)	(256 + (i))

/* A command: what --help and the usage line show, and its operands. */
struct cmd_spec {
	const char		*name;		/* "build" */
	const char		*operands;	/* "FILE...", or "" */
	const char		*about;		/* paragraphs after the usage */
	const struct cmd_opt	*opts;
	int			 min, max;	/* operands; max -1: no limit */
	int			 operands_first;	/* in the usage line */
};

/* The state of one parse; read val, first and status. */
struct cmd_args {
	const struct cmd_spec	*spec;
	struct diag		*d;
	int			 argc;
	char			**argv;
	const char		*val;	/* the current option's value */
	int			 first;	/* the first operand, at the end */
	int			 status;	/* when next returned -1 */
	int			 started;
	char			 shortopts[3 * CMD_MAX_OPTS + 4];
	struct option		 longopts[CMD_MAX_OPTS + 2];
};

void	cmd_args_init(struct cmd_args *a, const struct cmd_spec *spec,
	    int argc, char **argv, struct diag *d);
/*
 * The next option's key (its letter, or CMD_LONG(index)) with its value
 * in a->val; 0 when the options are over and the number of operands is
 * right (a->first is the first); -1 after --help (a->status 0) or a
 * usage error reported on stderr with the usage (a->status EXIT_USAGE).
 */
int	cmd_args_next(struct cmd_args *a);
/* Prints spec's --help to stdout and returns 0; to another f (after a
 * usage error), only the usage line and where to find more, and returns
 * EXIT_USAGE. */
int	cmd_usage(const struct cmd_spec *spec, FILE *f);

/* rules_site.c: the rule files of the site in dir (files, when empty,
 * from dir/site.conf's list or the default), loaded into *out. Returns
 * 0 or -1 (reported). */
struct rules;
struct strv;
int	cmd_site_rules(struct rules **out, struct diag *d, const char *dir,
	    struct strv *files);

/* The commands: each in the file of its name (test_rules.c). */
int	cmd_build(int argc, char **argv, struct diag *d);
int	cmd_parse(int argc, char **argv, struct diag *d);
int	cmd_explain(int argc, char **argv, struct diag *d);
int	cmd_test_rules(int argc, char **argv, struct diag *d);
int	cmd_template(int argc, char **argv, struct diag *d);
int	cmd_publish(int argc, char **argv, struct diag *d);
int	cmd_log(int argc, char **argv, struct diag *d);

/* new.c: morgue new [--templates] [--rules] DIR */
int	cmd_new(int argc, char **argv, struct diag *d);

/* serve.c: morgue serve [-C DIR] [--port N] [--bind ADDR] [--commit] */
int	cmd_serve(int argc, char **argv, struct diag *d);

/* export.c: morgue export hugo [-C DIR] OUT */
int	cmd_export(int argc, char **argv, struct diag *d);

#endif
