/* utf8.c: reading UTF-8, through utf8proc (utf8.h). */
#include <string.h>

#include <utf8proc.h>

#include "core/utf8.h"

int
utf8_next(const char *s, size_t len, int32_t *cp)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t k;

	if (len > 0 && (unsigned char)*s < 0x80) {
		*cp = (unsigned char)*s;
		return 1;
	}
	k = utf8proc_iterate((const utf8proc_uint8_t *)s,
	    (utf8proc_ssize_t)len, &c);
	if (k <= 0)
		return -1;
	*cp = c;
	return (int)k;
}

size_t
utf8_encode(char *out, int32_t cp)
{
	uint32_t c = (uint32_t)cp;

	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xe0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/* Whether the eight bytes at s are all ASCII. */
static int
ascii8(const char *s)
{
	uint64_t x;

	memcpy(&x, s, 8);
	return (x & 0x8080808080808080ull) == 0;
}

size_t
utf8_valid_prefix(const char *s, size_t len)
{
	size_t i = 0;
	int32_t cp;
	int k;

	while (i < len) {
		if (i + 8 <= len && ascii8(s + i)) {
			i += 8;
			continue;
		}
		if ((k = utf8_next(s + i, len - i, &cp)) < 0)
			break;
		i += (size_t)k;
	}
	return i;
}

int
utf8_valid(const char *s, size_t len)
{
	return utf8_valid_prefix(s, len) == len;
}

void
utf8_scrub(struct buf *out, const char *s, size_t len)
{
	size_t i = 0, ok;
	int32_t cp;
	int k;

	while (i < len) {
		ok = utf8_valid_prefix(s + i, len - i);
		buf_put(out, s + i, ok);
		i += ok;
		if (i >= len)
			break;
		if ((k = utf8_next(s + i, len - i, &cp)) < 0) {
			BUF_PUTSL(out, UTF8_REPLACEMENT);
			k = 1;
		}
		i += (size_t)k;
	}
}

size_t
utf8_cut(const char *s, size_t max)
{
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return max;
}

const char *
utf8_prev(const char *start, const char *p)
{
	if (p == start)
		return p;
	p--;
	while (p > start && ((unsigned char)*p & 0xc0) == 0x80)
		p--;
	return p;
}

void
utf8_put_name(struct buf *b, const char *s)
{
	size_t len = strlen(s), n;

	while (len > 0) {
		n = utf8_valid_prefix(s, len);
		buf_put(b, s, n);
		s += n;
		len -= n;
		if (len == 0)
			break;
		/* The prefix stopped at a byte that starts no valid
		 * sequence: escaped, so that two names never merge. */
		buf_printf(b, "\\x%02X", (unsigned char)*s);
		s++;
		len--;
	}
}
