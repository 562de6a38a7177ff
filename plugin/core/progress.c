/*
 * progress.c: stage progress on a terminal and in -v lines (progress.h).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/progress.h"
#include "core/xalloc.h"

/* The bar is redrawn at most this often, in seconds, so that a fast
 * stage is not slowed by its own report. */
#define REDRAW	0.1
#define WIDTH	24

struct progress {
	FILE		*out;
	int		 flags;
	pthread_mutex_t	 lock;
	const char	*name, *unit;	/* NULL: no stage */
	size_t		 total, done;
	double		 start, drawn;
	int		 shown;		/* the bar is on the screen */
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct progress *
progress_new(FILE *out, int flags)
{
	struct progress *p = xcalloc(1, sizeof(*p));

	p->out = flags != 0 ? out : NULL;
	p->flags = flags;
	pthread_mutex_init(&p->lock, NULL);
	return p;
}

int
progress_flags(FILE *out, int verbosity)
{
	int flags = 0;

	if (out == NULL || verbosity < 0)
		return 0;
	if (isatty(fileno(out)))
		flags |= PROGRESS_BAR;
	if (verbosity > 0)
		flags |= PROGRESS_LINES;
	return flags;
}

static double
rate(const struct progress *p, double t)
{
	return t - p->start > 1e-6 ? (double)p->done / (t - p->start) : 0;
}

/* Called with the lock held. */
static void
draw(struct progress *p, double t)
{
	size_t fill = 0, i;
	char bar[WIDTH + 1];

	if (p->total > 0)
		fill = (p->done >= p->total ? WIDTH :
		    p->done * WIDTH / p->total);
	for (i = 0; i < WIDTH; i++)
		bar[i] = i < fill ? '#' : '-';
	bar[WIDTH] = '\0';
	if (p->total > 0)
		fprintf(p->out, "\r\033[Kmorgue: %-8s [%s] %zu/%zu %s, %.0f/s",
		    p->name, bar, p->done, p->total, p->unit, rate(p, t));
	else
		fprintf(p->out, "\r\033[Kmorgue: %-8s %zu %s, %.0f/s",
		    p->name, p->done, p->unit, rate(p, t));
	fflush(p->out);
	p->drawn = t;
	p->shown = 1;
}

static void
erase(struct progress *p)
{
	if (p->shown) {
		fputs("\r\033[K", p->out);
		fflush(p->out);
		p->shown = 0;
	}
}

void
progress_begin(struct progress *p, const char *name, size_t total,
    const char *unit)
{
	if (p == NULL)
		return;
	if (p->name != NULL)
		progress_end(p, (size_t)-1);
	pthread_mutex_lock(&p->lock);
	p->name = name;
	p->unit = unit;
	p->total = total;
	p->done = 0;
	p->start = now();
	if (p->out != NULL && (p->flags & PROGRESS_BAR))
		draw(p, p->start);
	pthread_mutex_unlock(&p->lock);
}

void
progress_add(struct progress *p, size_t n)
{
	double t;

	if (p == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	p->done += n;
	if (p->out != NULL && (p->flags & PROGRESS_BAR) && p->name != NULL) {
		t = now();
		if (t - p->drawn >= REDRAW || p->done == p->total)
			draw(p, t);
	}
	pthread_mutex_unlock(&p->lock);
}

void
progress_end(struct progress *p, size_t done)
{
	double t;

	if (p == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	if (p->name == NULL) {
		pthread_mutex_unlock(&p->lock);
		return;
	}
	if (done != (size_t)-1)
		p->done = done;
	t = now();
	if (p->out != NULL) {
		erase(p);
		if (p->flags & PROGRESS_LINES)
			fprintf(p->out, "morgue: %s: %zu %s in %.2f s, %.0f/s\n",
			    p->name, p->done, p->unit, t - p->start,
			    rate(p, t));
		fflush(p->out);
	}
	p->name = NULL;
	pthread_mutex_unlock(&p->lock);
}

void
progress_clear(struct progress *p)
{
	if (p == NULL || p->out == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	erase(p);
	pthread_mutex_unlock(&p->lock);
}

void
progress_free(struct progress *p)
{
	if (p == NULL)
		return;
	progress_end(p, (size_t)-1);
	pthread_mutex_destroy(&p->lock);
	free(p);
}
