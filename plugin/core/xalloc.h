/*
 * xalloc.h: allocation that never returns NULL.
 *
 * Out of memory is not a condition morgue can recover from in a useful way,
 * so, as in cmark's default allocator, these abort with a message instead
 * of returning NULL, and call sites need no checks.
 */
#ifndef MORGUE_XALLOC_H
#define MORGUE_XALLOC_H

#include <stddef.h>

void	*xmalloc(size_t size);
void	*xcalloc(size_t n, size_t size);
void	*xrealloc(void *p, size_t size);
/* Grows an array of n elements of size bytes to at least want elements. */
void	*xreallocarray(void *p, size_t n, size_t size);
/*
 * Makes room for element n of an array p of n elements, appended one at
 * a time: the array is reallocated only when n is 0 or a power of two,
 * to twice n, so appending costs amortised constant time without a
 * capacity field. Every append to such an array goes through xgrow()
 * (an array sized otherwise may be too small); removing from its end is
 * fine. Returns the (possibly moved) array.
 */
void	*xgrow(void *p, size_t n, size_t size);
char	*xstrdup(const char *s);
char	*xstrndup(const char *s, size_t len);

#endif
