/*
 * buf.h: the growable byte buffer, the string vector, and the growable
 * array of any type (ARRAY_GROW).
 *
 * A struct buf is always NUL-terminated; BUF_INIT points its data at a
 * shared empty string so that a fresh buffer can be read without a check.
 * APIs take (const char *, size_t) pairs so that bytes after a NUL are
 * never lost.
 */
#ifndef MORGUE_BUF_H
#define MORGUE_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>

#include "core/xalloc.h"

extern char buf_empty[1];

struct buf {
	char	*data;	/* NUL-terminated; buf_empty while cap == 0 */
	size_t	 len;
	size_t	 cap;
};

#define BUF_INIT { buf_empty, 0, 0 }
#define BUF_PUTSL(b, lit) buf_put((b), (lit), sizeof(lit) - 1)

/* Makes room for at least add more bytes (plus the NUL). */
void	 buf_grow(struct buf *b, size_t add);
void	 buf_put(struct buf *b, const char *data, size_t len);
void	 buf_putc(struct buf *b, int c);
void	 buf_puts(struct buf *b, const char *s);
void	 buf_printf(struct buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *b, const char *fmt, va_list ap)
	    __attribute__((format(printf, 2, 0)));
/*
 * Appends what fd gives until its end, reading straight into b (EINTR is
 * retried). Stops once b holds max bytes or more. Returns 0 at the end of
 * the file, 1 when it stopped at max, -1 on a read error (errno set).
 */
int	 buf_read_fd(struct buf *b, int fd, size_t max);
/* Empties the buffer but keeps its memory. */
void	 buf_reset(struct buf *b);
/* Hands the bytes to the caller (free with free()); b is left empty. */
char	*buf_detach(struct buf *b);
void	 buf_dispose(struct buf *b);

/* A vector of owned NUL-terminated strings. */
struct strv {
	char	**v;
	size_t	  n;
	size_t	  cap;
};

#define STRV_INIT { NULL, 0, 0 }

/* Appends a copy of s. */
void	 strv_push(struct strv *sv, const char *s);
void	 strv_pushn(struct strv *sv, const char *s, size_t len);
/* Appends s, which the vector now owns. */
void	 strv_take(struct strv *sv, char *s);
/* Returns the index of s, or -1. */
long	 strv_find(const struct strv *sv, const char *s);
/* Sorts by strcmp (bytewise, so the order does not depend on locale). */
void	 strv_sort(struct strv *sv);
void	 strv_dispose(struct strv *sv);

/*
 * qsort() for arrays that may be empty: C says qsort's base must be a valid
 * pointer even when n is 0, and an empty vector's pointer is NULL here, which
 * UBSan rightly reports.
 */
static inline void
sort_array(void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

/*
 * The growable array: makes room for one more element in the array v of
 * n elements and capacity cap (all lvalues), doubling from 8.
 *
 *	ARRAY_GROW(t->arts, t->n, t->cap);
 *	t->arts[t->n++] = art;
 */
#define ARRAY_GROW(v, n, cap) do {					\
	if ((n) >= (cap)) {						\
		(cap) = (cap) ? 2 * (cap) : 8;				\
		(v) = xreallocarray((v), (cap), sizeof(*(v)));		\
	}								\
} while (0)

#endif
