/*
 * commands.h: the commands of the morgue program, one function each, in
 * the module of the stage they drive. main.c parses nothing but the
 * command name; each function gets argv from the command name on, and
 * returns the exit status of SPEC 4 (0, 1 input errors, 2 usage,
 * 3 configuration/template/rules error, 4 locked).
 */
#ifndef MORGUE_COMMANDS_H
#define MORGUE_COMMANDS_H

#include "diag.h"

#define EXIT_INPUT	1
#define EXIT_USAGE	2
#define EXIT_CONFIG	3
#define EXIT_LOCKED	4

/* export.c: morgue parse [--json|--md] FILE... */
int	cmd_parse(int argc, char **argv, struct diag *d);

/* site.c: morgue build [-C DIR] [--no-commit] [-j N] [-q|-v] */
int	cmd_build(int argc, char **argv, struct diag *d);

/* rules.c: morgue explain */

/* rules.c: morgue test-rules */

/* tmpl.c: morgue template FILE [--data JSON] [--partials DIR] */
int	cmd_template(int argc, char **argv, struct diag *d);

/* archive_push.c: morgue publish [-C DIR] [REMOTE] */
int	cmd_publish(int argc, char **argv, struct diag *d);

/* archive_cmd.c: morgue log [-C DIR] [ARTICLE] */
int	cmd_log(int argc, char **argv, struct diag *d);

#endif
