/*
 * args.c: the option parser of every command (commands.h): getopt_long
 * driven by the command's table, and --help made from the same table.
 */
#include <stdio.h>
#include <string.h>

#include "cmd/commands.h"
#include "core/buf.h"

void
cmd_args_init(struct cmd_args *a, const struct cmd_spec *spec, int argc,
    char **argv, struct diag *d)
{
	const struct cmd_opt *o;
	struct option *lo;
	char *s;
	int i;

	memset(a, 0, sizeof(*a));
	a->spec = spec;
	a->d = d;
	a->argc = argc;
	a->argv = argv;
	/* ':' first: a missing value is told from an unknown option. */
	s = a->shortopts;
	*s++ = ':';
	*s++ = 'h';
	lo = a->longopts;
	for (i = 0, o = spec->opts; (o->letter || o->name) &&
	    i < CMD_MAX_OPTS; i++, o++) {
		if (o->letter) {
			*s++ = (char)o->letter;
			if (o->arg != NULL)
				*s++ = ':';
		}
		if (o->name != NULL) {
			lo->name = o->name;
			lo->has_arg = o->arg ? required_argument : no_argument;
			lo->flag = NULL;
			lo->val = o->letter ? o->letter : CMD_LONG(i);
			lo++;
		}
	}
	*s = '\0';
	lo->name = "help";
	lo->has_arg = no_argument;
	lo->val = 'h';
	lo++;
	memset(lo, 0, sizeof(*lo));
}

/* Reports a usage error, then the usage; returns -1. */
static int
usage_error(struct cmd_args *a, const char *what, const char *arg)
{
	fprintf(stderr, "morgue %s: %s", a->spec->name, what);
	if (arg != NULL) {
		fputs(" \"", stderr);
		diag_put_escaped(stderr, arg, strlen(arg));
		fputc('"', stderr);
	}
	fputs("\n", stderr);
	a->status = cmd_usage(a->spec, stderr);
	return -1;
}

/* The option getopt_long() stopped at, as the user wrote it. */
static const char *
bad_option(struct cmd_args *a, char *buf)
{
	if (optopt > 0 && optopt < 256) {
		buf[0] = '-';
		buf[1] = (char)optopt;
		buf[2] = '\0';
		return buf;
	}
	return optind > 0 && optind <= a->argc ? a->argv[optind - 1] : "?";
}

int
cmd_args_next(struct cmd_args *a)
{
	char opt[3];
	int c, n;

	if (!a->started) {
		a->started = 1;
		optind = 0;	/* glibc: start afresh */
		opterr = 0;	/* errors are ours to word */
	}
	a->val = NULL;
	c = getopt_long(a->argc, a->argv, a->shortopts, a->longopts, NULL);
	switch (c) {
	case -1:
		a->first = optind;
		n = a->argc - optind;
		if (n < a->spec->min)
			return usage_error(a, n == 0 ? "missing operand" :
			    "too few operands", NULL);
		if (a->spec->max >= 0 && n > a->spec->max)
			return usage_error(a, "unexpected argument",
			    a->argv[optind + a->spec->max]);
		return 0;
	case 'h':
		a->status = cmd_usage(a->spec, stdout);
		return -1;
	case ':':
		return usage_error(a, "this option needs a value:",
		    bad_option(a, opt));
	case '?':
		return usage_error(a, "unknown option", bad_option(a, opt));
	default:
		a->val = optarg;
		return c;
	}
}

/* "-C DIR", "--no-commit", "--data JSON" */
static void
put_form(struct buf *b, const struct cmd_opt *o)
{
	if (o->letter)
		buf_printf(b, "-%c", o->letter);
	else
		buf_printf(b, "--%s", o->name);
	if (o->arg != NULL)
		buf_printf(b, " %s", o->arg);
}

static void
put_synopsis(struct buf *b, const struct cmd_spec *spec)
{
	const struct cmd_opt *o;

	buf_printf(b, "usage: morgue %s", spec->name);
	if (spec->operands_first && *spec->operands)
		buf_printf(b, " %s", spec->operands);
	for (o = spec->opts; o->letter || o->name; o++) {
		if (!(o->flags & CMD_ALT))
			BUF_PUTSL(b, " [");
		put_form(b, o);
		if (o[1].flags & CMD_ALT)
			buf_putc(b, '|');
		else
			buf_puts(b, o->flags & CMD_MANY ? "]..." : "]");
	}
	if (!spec->operands_first && *spec->operands)
		buf_printf(b, " %s", spec->operands);
	buf_putc(b, '\n');
}

int
cmd_usage(const struct cmd_spec *spec, FILE *f)
{
	const struct cmd_opt *o;
	struct buf b = BUF_INIT, left = BUF_INIT;

	put_synopsis(&b, spec);
	if (f != stdout) {	/* after a usage error: short */
		buf_printf(&b, "Try 'morgue %s --help'.\n", spec->name);
		fputs(b.data, f);
		buf_dispose(&b);
		return EXIT_USAGE;
	}
	if (spec->about != NULL && *spec->about)
		buf_printf(&b, "\n%s", spec->about);
	BUF_PUTSL(&b, "\noptions:\n");
	for (o = spec->opts; o->letter || o->name; o++) {
		buf_reset(&left);
		put_form(&left, o);
		if (o->letter && o->name) {
			buf_printf(&left, ", --%s", o->name);
			if (o->arg != NULL)
				buf_printf(&left, " %s", o->arg);
		}
		buf_printf(&b, "  %-20s %s\n", left.data, o->help);
	}
	buf_printf(&b, "  %-20s %s\n", "-h, --help", "show this help");
	fputs(b.data, f);
	buf_dispose(&left);
	buf_dispose(&b);
	return f == stdout ? 0 : EXIT_USAGE;
}
