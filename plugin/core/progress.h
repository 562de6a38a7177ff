/*
 * progress.h: what a long command is doing, stage by stage (parse,
 * rules, related, render, write, commit).
 *
 * On a terminal, a bar redrawn in place with the stage, the count done
 * and the rate; with PROGRESS_LINES, one line per stage when it ends
 * ("morgue: parse: 1000 articles in 0.84 s, 1190/s"). Anything else is
 * silent, so that logs and pipes get only diagnostics. Like struct
 * diag, a struct progress is passed explicitly and writes to the stream
 * it was given.
 */
#ifndef MORGUE_PROGRESS_H
#define MORGUE_PROGRESS_H

#include <stddef.h>
#include <stdio.h>

#define PROGRESS_BAR	0x1	/* redraw a bar in place (a terminal) */
#define PROGRESS_LINES	0x2	/* a line per stage as it ends (-v) */

struct progress;

/*
 * A reporter writing to out (borrowed; NULL or flags 0: silent). Free
 * with progress_free().
 */
struct progress	*progress_new(FILE *out, int flags);

/*
 * The flags for out as a command sets them: PROGRESS_BAR when out is a
 * terminal and verbosity is not negative (-q), PROGRESS_LINES when it is
 * positive (-v).
 */
int	progress_flags(FILE *out, int verbosity);

/*
 * Starts a stage of total items named unit ("articles", "files"; total 0
 * when unknown), ending the one before. name and unit are borrowed until
 * the stage ends. p may be NULL.
 */
void	progress_begin(struct progress *p, const char *name, size_t total,
	    const char *unit);

/* Counts n more items done; safe from several threads. */
void	progress_add(struct progress *p, size_t n);

/*
 * Ends the stage: the bar is erased, and with PROGRESS_LINES its line is
 * written. done, when not (size_t)-1, is the final count.
 */
void	progress_end(struct progress *p, size_t done);

/* Erases the bar so that a diagnostic can be written; it comes back at
 * the next progress_add(). */
void	progress_clear(struct progress *p);

void	progress_free(struct progress *p);

#endif
