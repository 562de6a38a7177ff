/*
 * watch.h: run a job in a child process under a CPU-time watchdog.
 *
 * The rules run editors' Lua, and a count hook cannot stop a long C call
 * (a backtracking string.find runs for minutes between two VM
 * instructions). So the job runs in a forked child, which inherits the
 * parent's memory copy-on-write and streams its results back over a pipe
 * as records; the child marks its progress in a shared page, and the
 * parent kills it with SIGKILL when the same mark has stood for longer
 * than the budget of the child's CPU time (or two budgets of wall time,
 * for a step that blocks or a machine too loaded to run it). The parent then decides where a fresh
 * child resumes.
 */
#ifndef MORGUE_WATCH_H
#define MORGUE_WATCH_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* The child's progress, in a page shared by parent and children. */
struct watch_progress {
	volatile uint32_t	seq;	/* bumped at every mark */
	volatile int32_t	busy;	/* a watched step is running */
	volatile uint32_t	item;	/* e.g. the article */
	volatile int32_t	step;	/* e.g. the rule */
	char			where[192]; /* "lua/x.lua:12", NUL-terminated */
};

/* Maps a shared page; never fails (aborts like xmalloc). */
struct watch_progress	*watch_progress_new(void);
void			 watch_progress_free(struct watch_progress *p);
/* Child side: starts (busy = 1) or ends (busy = 0) a watched step. */
void	watch_mark(struct watch_progress *p, uint32_t item, int32_t step,
	    const char *where, int busy);

/* The child's record writer: buffered writes to the pipe. */
struct watch_out {
	int		fd;
	struct buf	b;
};

#define WATCH_MAXF	6

/* Appends a record: a type byte, the item, and up to WATCH_MAXF
 * NUL-terminated fields. Nothing is written before watch_flush() (or the
 * child's end), so the caller decides where the stream may be cut. */
void	watch_put(struct watch_out *o, int type, uint32_t item, size_t nf,
	    const char *const *fields);
void	watch_flush(struct watch_out *o);

/* Runs in the child; returns its exit status. */
typedef int	(*watch_child_fn)(void *ctx, struct watch_out *o);
/* Called in the parent for each complete record; fields are
 * NUL-terminated and valid during the call only. */
typedef void	(*watch_record_fn)(void *ctx, int type, uint32_t item,
		    size_t nf, char **fields);

enum watch_end {
	WATCH_EXITED,	/* *status is the child's exit status */
	WATCH_KILLED,	/* the watchdog killed it: p tells where */
	WATCH_CRASHED	/* it died of a signal: *status is the signal */
};

/*
 * Forks a child that runs child(ctx, out) and exits with its status;
 * hands every record to rec(ctx, ...) as it arrives; kills the child when
 * p->busy has been set with the same p->seq for more than budget_ms of
 * its CPU time, or twice that of wall time.
 * Returns how it ended.
 */
enum watch_end	watch_run(void *ctx, watch_child_fn child,
		    watch_record_fn rec, struct watch_progress *p,
		    unsigned budget_ms, int *status);

#endif
