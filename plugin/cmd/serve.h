/*
 * serve.h: what `morgue serve` (serve.c) shares with its HTTP side
 * (serve_http.c): the state that builds update and requests read.
 */
#ifndef MORGUE_SERVE_H
#define MORGUE_SERVE_H

#include <pthread.h>
#include <stdint.h>

struct MHD_Daemon;

/* The path the pages' live-reload script listens on. */
#define SERVE_EVENTS	"/__morgue/events"

struct serve_state {
	pthread_mutex_t	 lock;		/* over everything below */
	pthread_cond_t	 changed;	/* gen moved on, or stopping set */
	unsigned long	 gen;		/* builds finished so far */
	int		 stopping;
	/* The diagnostics of the last build when it did not succeed,
	 * shown over every served page; NULL after a good build. Owned. */
	char		*report;
	int		 failed;	/* the last build wrote nothing */
	char		*root;		/* absolute output directory; owned */
};

void	serve_state_init(struct serve_state *st, const char *root);
void	serve_state_dispose(struct serve_state *st);

/*
 * Records a finished build: its diagnostics (report, copied; may be
 * NULL), whether it failed to write the site, and wakes the pages'
 * event streams so that they reload.
 */
void	serve_state_built(struct serve_state *st, const char *report,
	    int failed);

/*
 * Starts the HTTP server on the listening socket fd (which it then
 * owns), serving st->root. Returns NULL when it cannot start.
 */
struct MHD_Daemon *serve_http_start(struct serve_state *st, int fd);

/* Ends every event stream and stops the server; NULL is ignored. */
void	serve_http_stop(struct serve_state *st, struct MHD_Daemon *daemon);

#endif
