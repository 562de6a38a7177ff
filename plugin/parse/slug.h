/*
 * slug.h: titles and tag names to URL path segments.
 *
 * A slug is lower-case ASCII for any script: ICU transliterates
 * ("Russian-Latin/BGN; Any-Latin; Latin-ASCII", so "Москва: Щукин" gives
 * "moskva-shchukin"), then every run of characters outside [a-z0-9]
 * becomes one '-'. Apostrophes and quotes are dropped first ("Putin's"
 * gives "putins"), and so are bidi controls, zero-width characters and
 * soft hyphens, which no reader sees. Input is composed to NFC first, so
 * NFC and NFD spellings give the same slug. A slug never names a special
 * file ("con", "aux", "nul", "com1"...: "-1" is appended).
 *
 * Slugs depend on ICU's data: compute them once, when an article is
 * first published, and store them, so that an ICU upgrade never moves a
 * published URL.
 *
 * Thread-safety: slug_make() may be called from any number of threads.
 * ICU transliterators are not safe to share, so each call borrows one from
 * a small mutex-guarded pool (opened on first use from one prototype with
 * utrans_clone()) and gives it back. This pool is the module's only
 * state; slug_cleanup() releases it.
 */
#ifndef MORGUE_SLUG_H
#define MORGUE_SLUG_H

#include <stddef.h>

/* The longest slug; also the limit when maxlen is 0 or larger. */
#define SLUG_MAX	80

/*
 * Returns the slug of the NUL-terminated UTF-8 string utf8 (NULL is taken
 * as ""), at most maxlen bytes, cut at a '-' when one is near the limit.
 * The result always matches ^[a-z0-9][a-z0-9-]{0,79}$; it is "untitled"
 * when nothing of the input survives. Only the first few kilobytes of a
 * huge input are looked at. The caller frees the result with free().
 */
char	*slug_make(const char *utf8, size_t maxlen);

/*
 * Closes the pooled transliterators and frees ICU's caches (u_cleanup),
 * so that leak checkers see nothing. It also runs at exit on its own
 * (atexit); call it earlier only when no other thread can be inside
 * slug_make() or any other ICU function. slug_make() works again after it.
 */
void	 slug_cleanup(void);

#endif
