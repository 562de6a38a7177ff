/*
 * commands.h: the commands of the morgue program, one function each, in
 * the module of the stage they drive. main.c parses nothing but the
 * command name; each function gets argv from the command name on, and
 * returns the exit status of SPEC 4 (0, 1 input errors, 2 usage,
 * 3 configuration/template/rules error, 4 locked).
 */
#ifndef MORGUE_COMMANDS_H
#define MORGUE_COMMANDS_H

#include "core/diag.h"

#define EXIT_INPUT	1
#define EXIT_USAGE	2
#define EXIT_CONFIG	3
#define EXIT_LOCKED	4

/* export.c: morgue parse [--json|--md] FILE... */
int	cmd_parse(int argc, char **argv, struct diag *d);

/* site_build.c: morgue build [-C DIR] [--no-commit] [-j N] [-q|-v] */
int	cmd_build(int argc, char **argv, struct diag *d);

/* rules_cmd.c: morgue explain [-C DIR] [-r RULEFILE]... FILE... */
int	cmd_explain(int argc, char **argv, struct diag *d);

/* rules_cmd.c: morgue test-rules [-C DIR] [-r RULEFILE]... [TEST...] */
int	cmd_test_rules(int argc, char **argv, struct diag *d);

/* tmpl.c: morgue template FILE [--data JSON] [--partials DIR] */
int	cmd_template(int argc, char **argv, struct diag *d);

/* archive_push.c: morgue publish [-C DIR] [REMOTE] */
int	cmd_publish(int argc, char **argv, struct diag *d);

/* archive_cmd.c: morgue log [-C DIR] [ARTICLE] */
int	cmd_log(int argc, char **argv, struct diag *d);

/* new.c: morgue new [--templates] [--rules] DIR */
int	cmd_new(int argc, char **argv, struct diag *d);

/* serve.c: morgue serve [-C DIR] [--port N] [--bind ADDR] [--commit] */
int	cmd_serve(int argc, char **argv, struct diag *d);

/* export.c: morgue export hugo|jekyll [-C DIR] OUT */
int	cmd_export(int argc, char **argv, struct diag *d);

#endif
