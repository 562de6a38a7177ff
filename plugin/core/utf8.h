/*
 * utf8.h: the one place that reads UTF-8. Every other module validates,
 * repairs, steps through or cuts UTF-8 text with these functions, so that
 * "valid" means the same everywhere: well-formed sequences of Unicode
 * scalar values (no surrogates, no overlong forms), as utf8proc reads
 * them.
 */
#ifndef MORGUE_UTF8_H
#define MORGUE_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* U+FFFD, what an invalid byte becomes. */
#define UTF8_REPLACEMENT	"\xef\xbf\xbd"

/* The length (1 to 4) of the sequence at s (len bytes left) with its
 * code point in *cp, or -1 when no valid sequence starts there. */
int	utf8_next(const char *s, size_t len, int32_t *cp);

/* Writes cp, a Unicode scalar value (not a surrogate, at most
 * U+10FFFF), at out as UTF-8; returns its length, 1 to 4. */
size_t	utf8_encode(char *out, int32_t cp);

/* The length of the longest valid prefix of s[0..len); len when all of
 * it is valid. ASCII runs are stepped over eight bytes at a time. */
size_t	utf8_valid_prefix(const char *s, size_t len);

/* Whether s[0..len) is valid UTF-8. */
int	utf8_valid(const char *s, size_t len);

/* Appends s[0..len) to out, each byte that starts no valid sequence
 * replaced by U+FFFD. */
void	utf8_scrub(struct buf *out, const char *s, size_t len);

/* The largest n <= max such that s[0..n) ends on a character boundary
 * (s[n] is no continuation byte, or n is 0); s[max] must be readable.
 * On text that is not UTF-8 the cut is still bounded, never past max. */
size_t	utf8_cut(const char *s, size_t max);

/* The start of the character that ends just before p (start <= p);
 * start itself when p is start. */
const char *utf8_prev(const char *start, const char *p);

/* Appends the file name s as text: valid UTF-8 as it is, each byte of
 * an invalid sequence as "\xHH" (upper case), so that a name that is
 * not UTF-8 keeps one stable, readable identity (never U+FFFD, which
 * would make two names one). */
void	utf8_put_name(struct buf *b, const char *s);

#endif
