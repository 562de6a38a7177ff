/*
 * diag.h: the one sink for diagnostics.
 *
 * Every message reads `file:line: severity: message`, the GCC form that
 * editors jump to. Control bytes and invalid UTF-8 in file names and
 * messages are written as \xNN, so that hostile input cannot put terminal
 * escapes into our logs. A struct diag is passed explicitly, never global.
 */
#ifndef MORGUE_DIAG_H
#define MORGUE_DIAG_H

#include <stdarg.h>
#include <stdio.h>

/* The exit status of a command by what went wrong: some input had
 * errors; the command line was wrong; the configuration, a template or
 * the rules were; another build holds the archive's lock. */
#define EXIT_INPUT	1
#define EXIT_USAGE	2
#define EXIT_CONFIG	3
#define EXIT_LOCKED	4

/* A place in an input file; line 0 means "the whole file". */
struct pos {
	const char	*file;
	unsigned	 line;
};

struct progress;
struct buf;

struct diag {
	FILE		*out;		/* borrowed; NULL discards messages */
	unsigned	 errors;
	unsigned	 warnings;
	/* Borrowed, may be NULL: a progress bar on out, erased before
	 * each message so that the message has its own line. */
	struct progress	*progress;
	/* Borrowed; when not NULL, each warning and error is appended
	 * here too, as printed, so that a build can say them again when
	 * its result is reused (notes are not kept). */
	struct buf	*copy;
};

void	diag_init(struct diag *d, FILE *out);
void	diag_warn(struct diag *d, const struct pos *pos, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	diag_err(struct diag *d, const struct pos *pos, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* A note adds context to the message before it and counts as nothing. */
void	diag_note(struct diag *d, const struct pos *pos, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Writes s to f with control bytes and invalid UTF-8 escaped as \xNN. */
void	diag_put_escaped(FILE *f, const char *s, size_t len);

#endif
