/*
 * text.c: raw bytes to clean NFC UTF-8 (text.h).
 *
 * Three passes, each linear: classify the bytes (binary? which encoding?),
 * decode them code point by code point into the output while fixing line
 * ends and dropping controls, then compose to NFC only the lines that
 * hold a character NFC could change.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "parse/text.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#define REPLACEMENT	0xfffd

enum encoding {
	ENC_UTF8,
	ENC_CP1252,
	ENC_UTF16LE,
	ENC_UTF16BE
};

/* Windows-1252 0x80-0x9F; 0 where the byte is undefined. */
static const uint16_t cp1252_high[32] = {
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178
};

/* What the first pass learns about the bytes. */
struct census {
	size_t	 valid_multi;	/* well-formed multi-byte sequences */
	size_t	 shaped;	/* invalid, but lead + continuation bytes */
	size_t	 isolated;	/* high bytes standing alone */
	size_t	 ctrl;		/* C0 controls but white space, and DEL */
	size_t	 changed;	/* CR, tab, FF, VT, dropped code points */
	int	 nfc;		/* a well-formed character NFC could change */
	size_t	 first_ctrl;	/* offset, or SIZE_MAX */
	size_t	 first_nul;	/* offset, or SIZE_MAX */
};

/* The decoder's output side: line ends, controls, counts for warnings. */
struct emit {
	struct buf	*out;
	unsigned	 line;
	int		 after_cr;
	size_t		 nul, bad, stray;
	unsigned	 nul_line, bad_line, stray_line;
};

/*
 * Looks at the UTF-8 sequence at p (n > 0 bytes left, p[0] >= 0x80).
 * Returns its length and sets *cp when it is well formed; returns
 * -(length) for an invalid sequence shaped like UTF-8 (a lead byte and at
 * least one continuation byte); returns 0 for a byte standing alone.
 */
static long
utf8_seq(const unsigned char *p, size_t n, uint32_t *cp)
{
	size_t need, i;
	uint32_t c;
	unsigned char lo = 0x80, hi = 0xbf;

	if (p[0] < 0xc0 || p[0] > 0xfd)
		return 0;
	need = p[0] < 0xe0 ? 1 : p[0] < 0xf0 ? 2 : p[0] < 0xf8 ? 3 :
	    p[0] < 0xfc ? 4 : 5;
	switch (p[0]) {
	case 0xe0: lo = 0xa0; break;
	case 0xed: hi = 0x9f; break;
	case 0xf0: lo = 0x90; break;
	case 0xf4: hi = 0x8f; break;
	default: break;
	}
	for (i = 1; i <= need && i < n && p[i] >= 0x80 && p[i] <= 0xbf; i++)
		;
	if (i == 1)
		return 0;
	if (i <= need || p[0] < 0xc2 || p[0] > 0xf4 || p[1] < lo || p[1] > hi)
		return -(long)i;
	c = p[0] & (0x7f >> (need + 1));
	for (i = 1; i <= need; i++)
		c = (c << 6) | (p[i] & 0x3f);
	*cp = c;
	return (long)need + 1;
}

/*
 * The length of the two- or three-byte UTF-8 sequence at p (n bytes
 * left) when it is well formed and encodes no code point that emit_cp
 * drops (C1 controls, U+FEFF, noncharacters: none starts with E1-EC or
 * EE, and a two-byte one is dropped only from C2 80 to C2 9F); else 0,
 * and utf8_seq decides. Most of a non-Latin text is such sequences, and
 * this test costs less than utf8_seq's.
 */
static size_t
utf8_plain(const unsigned char *p, size_t n)
{
	if (n >= 2 && p[0] >= 0xc2 && p[0] <= 0xdf && (p[1] & 0xc0) == 0x80)
		return p[0] == 0xc2 && p[1] < 0xa0 ? 0 : 2;
	if (n >= 3 && ((p[0] >= 0xe1 && p[0] <= 0xec) || p[0] == 0xee ||
	    (p[0] == 0xe0 && p[1] >= 0xa0)) && (p[1] & 0xc0) == 0x80 &&
	    (p[2] & 0xc0) == 0x80)
		return 3;
	return 0;
}

#define ONES	0x0101010101010101ull
#define HIGHS	0x8080808080808080ull

/*
 * Whether the eight bytes at p are all printable ASCII (0x20-0x7e), the
 * bytes every pass below copies or skips one by one: with no high bit
 * set, adding 1 sets one only on 0x7f and adding 0x60 sets one on each
 * byte from 0x20 up, and no carry crosses a byte.
 */
static int
printable8(const unsigned char *p)
{
	uint64_t x;

	memcpy(&x, p, 8);
	return (x & HIGHS) == 0 && ((x + ONES) & HIGHS) == 0 &&
	    ((x + ONES * 0x60) & HIGHS) == HIGHS;
}

/* Whether the eight bytes at p are all below 0x80. */
static int
ascii8(const unsigned char *p)
{
	uint64_t x;

	memcpy(&x, p, 8);
	return (x & HIGHS) == 0;
}

static int
is_ctrl_byte(unsigned char c)
{
	return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' &&
	    c != '\f' && c != '\v') || c == 0x7f;
}

static int is_dropped(uint32_t);
static int nfc_stable(uint32_t);

static void
take_census(struct census *c, const unsigned char *p, size_t len)
{
	size_t i = 0;
	uint32_t cp;
	long k;

	memset(c, 0, sizeof(*c));
	c->first_ctrl = c->first_nul = SIZE_MAX;
	while (i < len) {
		if (i + 8 <= len && printable8(p + i)) {
			i += 8;
			continue;
		}
		if (p[i] >= 0x20 && p[i] < 0x7f) {
			i++;
			continue;
		}
		if (p[i] < 0x80) {
			if (is_ctrl_byte(p[i])) {
				c->ctrl++;
				if (c->first_ctrl == SIZE_MAX)
					c->first_ctrl = i;
				if (p[i] == 0 && c->first_nul == SIZE_MAX)
					c->first_nul = i;
			} else if (p[i] != '\n')
				c->changed++;
			i++;
			continue;
		}
		if ((k = (long)utf8_plain(p + i, len - i)) > 0) {
			c->valid_multi++;
			/* line_needs_nfc's test, done here on the way */
			if (p[i] >= 0xcc && !c->nfc) {
				cp = k == 2 ? (uint32_t)(p[i] & 0x1f) << 6 |
				    (p[i + 1] & 0x3f) :
				    (uint32_t)(p[i] & 0x0f) << 12 |
				    (uint32_t)(p[i + 1] & 0x3f) << 6 |
				    (p[i + 2] & 0x3f);
				c->nfc = !nfc_stable(cp);
			}
			i += (size_t)k;
			continue;
		}
		if ((k = utf8_seq(p + i, len - i, &cp)) > 0) {
			c->valid_multi++;
			if (is_dropped(cp))
				c->changed++;
			if (p[i] >= 0xcc && !nfc_stable(cp))
				c->nfc = 1;
			i += (size_t)k;
			continue;
		}
		if (k < 0) {
			c->shaped++;
			i += (size_t)-k;
		} else {
			c->isolated++;
			i++;
		}
	}
}

/* File formats that are never articles, by their magic numbers. */
static int
has_binary_magic(const unsigned char *p, size_t len)
{
	static const struct { const char *m; size_t n; } magic[] = {
		{ "\x89PNG", 4 }, { "\x7f" "ELF", 4 }, { "\x1f\x8b", 2 },
		{ "GIF8", 4 }, { "\xff\xd8\xff", 3 }, { "PK\x03\x04", 4 },
		{ "%PDF-", 5 }, { "\x28\xb5\x2f\xfd", 4 }, { "BZh", 3 },
		{ "\xfd" "7zXZ", 5 },
	};
	size_t i;

	for (i = 0; i < sizeof(magic) / sizeof(magic[0]); i++)
		if (len >= magic[i].n && memcmp(p, magic[i].m, magic[i].n) == 0)
			return 1;
	return 0;
}

static int
is_dropped(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0xfeff ||
	    (cp & 0xfffe) == 0xfffe || (cp >= 0xfdd0 && cp <= 0xfdef);
}

/* Emits one decoded code point: CRLF and CR become LF, NUL U+FFFD, tab a
 * space, and the other controls, noncharacters and U+FEFF (a BOM out of
 * place; readers strip it at the start of a file) nothing. */
static void
emit_cp(struct emit *e, uint32_t cp)
{
	char s[4];

	if (cp == '\n' && e->after_cr) {
		e->after_cr = 0;
		return;
	}
	e->after_cr = cp == '\r';
	if (cp == '\n' || cp == '\r') {
		buf_putc(e->out, '\n');
		e->line++;
		return;
	}
	if (cp == 0) {
		if (e->nul++ == 0)
			e->nul_line = e->line;
		cp = REPLACEMENT;
	} else if (cp == '\t')
		cp = ' ';
	else if (is_dropped(cp))
		return;
	buf_put(e->out, s, utf8_encode(s, (int32_t)cp));
}

static void
emit_bad(struct emit *e)
{
	if (e->bad++ == 0)
		e->bad_line = e->line;
	emit_cp(e, REPLACEMENT);
}

/* Copies the run of printable ASCII at p[0..len) in one go; returns its
 * length. This is where nearly all of an article's bytes go. */
static size_t
ascii_run(struct emit *e, const unsigned char *p, size_t len)
{
	size_t i = 0;

	while (i + 8 <= len && printable8(p + i))
		i += 8;
	while (i < len && p[i] >= 0x20 && p[i] < 0x7f)
		i++;
	if (i > 0) {
		buf_put(e->out, (const char *)p, i);
		e->after_cr = 0;
	}
	return i;
}

/* Copies the run of printable ASCII and well-formed UTF-8 that emit_cp
 * would write unchanged (no control, noncharacter or BOM) in one go;
 * returns its length. A well-formed sequence is the one encoding of its
 * code point, so its bytes are what utf8_encode() would write. */
static size_t
utf8_run(struct emit *e, const unsigned char *p, size_t len)
{
	size_t i = 0, n;
	uint32_t cp;
	long k;

	for (;;) {
		while (i + 8 <= len && printable8(p + i))
			i += 8;
		while (i < len && p[i] >= 0x20 && p[i] < 0x7f)
			i++;
		if (i < len && p[i] >= 0xc2 &&
		    (n = utf8_plain(p + i, len - i)) > 0) {
			i += n;
			continue;
		}
		if (i >= len || p[i] < 0x80 ||
		    (k = utf8_seq(p + i, len - i, &cp)) <= 0 || is_dropped(cp))
			break;
		i += (size_t)k;
	}
	if (i > 0) {
		buf_put(e->out, (const char *)p, i);
		e->after_cr = 0;
	}
	return i;
}

static void
decode_utf8(struct emit *e, const unsigned char *p, size_t len)
{
	size_t i = 0;
	uint32_t cp;
	long k;

	while (i < len) {
		i += utf8_run(e, p + i, len - i);
		if (i >= len)
			break;
		if (p[i] < 0x80) {
			emit_cp(e, p[i++]);
			continue;
		}
		k = utf8_seq(p + i, len - i, &cp);
		if (k > 0) {
			emit_cp(e, cp);
			i += (size_t)k;
		} else if (k == 0 && p[i] < 0xa0 && cp1252_high[p[i] - 0x80]) {
			if (e->stray++ == 0)
				e->stray_line = e->line;
			emit_cp(e, cp1252_high[p[i++] - 0x80]);
		} else {
			emit_bad(e);
			i += k < 0 ? (size_t)-k : 1;
		}
	}
}

static void
decode_cp1252(struct emit *e, const unsigned char *p, size_t len)
{
	size_t i = 0;

	while (i < len) {
		i += ascii_run(e, p + i, len - i);
		if (i >= len)
			break;
		if (p[i] >= 0x80 && e->stray++ == 0)
			e->stray_line = e->line;
		if (p[i] >= 0x80 && p[i] < 0xa0 && cp1252_high[p[i] - 0x80])
			emit_cp(e, cp1252_high[p[i] - 0x80]);
		else
			emit_cp(e, p[i]);	/* Latin-1 is U+0000-U+00FF */
		i++;
	}
}

static void
decode_utf16(struct emit *e, const unsigned char *p, size_t len, int be)
{
	size_t i;
	uint32_t u, v;

	for (i = 0; i + 1 < len; i += 2) {
		u = be ? (uint32_t)p[i] << 8 | p[i + 1] :
		    (uint32_t)p[i + 1] << 8 | p[i];
		if (u < 0xd800 || u > 0xdfff) {
			emit_cp(e, u);
			continue;
		}
		if (u < 0xdc00 && i + 3 < len) {
			v = be ? (uint32_t)p[i + 2] << 8 | p[i + 3] :
			    (uint32_t)p[i + 3] << 8 | p[i + 2];
			if (v >= 0xdc00 && v <= 0xdfff) {
				emit_cp(e, 0x10000 + ((u - 0xd800) << 10) +
				    (v - 0xdc00));
				i += 2;
				continue;
			}
		}
		emit_bad(e);
	}
	if (i < len)
		emit_bad(e);
}

/*
 * Characters NFC leaves alone whatever surrounds them: their own NFC,
 * combining class 0, and the second character of no canonical
 * composition (checked against the Unicode data for each range): all
 * below U+0300, basic Cyrillic, Arabic and Thai letters, general
 * punctuation, CJK symbols and kana, CJK ideographs, Hangul syllables,
 * the euro sign and U+FFFD. A line made only of these needs no trip
 * through utf8proc.
 */
static int
nfc_stable(uint32_t cp)
{
	static const uint32_t ranges[][2] = {
		{ 0x0000, 0x02ff }, { 0x0400, 0x0482 }, { 0x0600, 0x060f },
		{ 0x061b, 0x064a }, { 0x0660, 0x066f }, { 0x0671, 0x06d5 },
		{ 0x0e00, 0x0e37 }, { 0x0e3b, 0x0e47 }, { 0x0e4c, 0x0e7f },
		{ 0x2002, 0x206f }, { 0x20ac, 0x20ac }, { 0x3000, 0x3029 },
		{ 0x3030, 0x3098 }, { 0x309b, 0x30ff }, { 0x4e00, 0x9fff },
		{ 0xac00, 0xd7a3 }, { 0xfffd, 0xfffd },
	};
	size_t k;

	for (k = 0; k < sizeof(ranges) / sizeof(ranges[0]); k++)
		if (cp <= ranges[k][1])
			return cp >= ranges[k][0];
	return 0;
}

static int
line_needs_nfc(const unsigned char *p, size_t len)
{
	size_t i;
	uint32_t cp;
	long k;

	for (i = 0; i < len; i++) {
		while (i + 8 <= len && ascii8(p + i))
			i += 8;
		if (i >= len)
			break;
		if (p[i] < 0xcc)
			continue;
		k = utf8_seq(p + i, len - i, &cp);
		if (k <= 0 || !nfc_stable(cp))
			return 1;
		i += (size_t)k - 1;
	}
	return 0;
}

/* Composes out[from..] to NFC, line by line. */
static void
compose_nfc(struct buf *out, size_t from)
{
	struct buf nb = BUF_INIT;
	const unsigned char *p;
	const char *nl;
	utf8proc_uint8_t *dst;
	utf8proc_ssize_t n;
	size_t i = from, end, done = 0;
	int started = 0;

	/* No line needs composing when the whole text does not. */
	if (!line_needs_nfc((const unsigned char *)out->data + from,
	    out->len - from))
		return;
	while (i < out->len) {
		p = (const unsigned char *)out->data;
		nl = memchr(out->data + i, '\n', out->len - i);
		end = nl ? (size_t)(nl - out->data) : out->len;
		if (line_needs_nfc(p + i, end - i)) {
			if (!started)
				buf_grow(&nb, out->len + out->len / 8);
			started = 1;
			buf_put(&nb, out->data + done, i - done);
			n = utf8proc_map(p + i, (utf8proc_ssize_t)(end - i),
			    &dst, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
			if (n >= 0) {
				buf_put(&nb, (const char *)dst, (size_t)n);
				free(dst);
			} else
				buf_put(&nb, out->data + i, end - i);
			done = end;
		}
		i = end + 1;
	}
	if (!started)
		return;
	buf_put(&nb, out->data + done, out->len - done);
	buf_dispose(out);
	*out = nb;
}

static int
refuse_binary(struct diag *d, const struct pos *pos,
    const unsigned char *p, size_t len, const struct census *c)
{
	if (has_binary_magic(p, len)) {
		if (c->first_nul != SIZE_MAX)
			diag_warn(d, pos, "binary content (NUL at offset %zu)",
			    c->first_nul);
		else
			diag_warn(d, pos, "binary content (file signature)");
		return 1;
	}
	/* Text has next to no control bytes; random or packed data has
	 * about one in ten. A stray NUL or two is repaired, not refused. */
	if ((c->ctrl >= 8 && c->ctrl * 32 > len) ||
	    (c->ctrl >= 2 && c->ctrl * 4 > len)) {
		if (c->first_nul != SIZE_MAX)
			diag_warn(d, pos, "binary content (NUL at offset %zu)",
			    c->first_nul);
		else
			diag_warn(d, pos, "binary content (control byte at "
			    "offset %zu)", c->first_ctrl);
		return 1;
	}
	return 0;
}

/* Chooses the encoding; moves *p and *len past a byte order mark. */
static enum encoding
sniff(const unsigned char **p, size_t *len)
{
	if (*len >= 3 && memcmp(*p, "\xef\xbb\xbf", 3) == 0) {
		*p += 3;
		*len -= 3;
	} else if (*len >= 2 && (*p)[0] == 0xff && (*p)[1] == 0xfe) {
		*p += 2;
		*len -= 2;
		return ENC_UTF16LE;
	} else if (*len >= 2 && (*p)[0] == 0xfe && (*p)[1] == 0xff) {
		*p += 2;
		*len -= 2;
		return ENC_UTF16BE;
	}
	return ENC_UTF8;
}

static void
report(struct diag *d, const char *path, const struct emit *e)
{
	struct pos pos = { path, 0 };

	if (e->bad > 0) {
		pos.line = e->bad_line;
		diag_warn(d, &pos, "%zu invalid byte sequence%s replaced by "
		    "U+FFFD", e->bad, e->bad == 1 ? "" : "s");
	}
	if (e->stray > 0) {
		pos.line = e->stray_line;
		diag_warn(d, &pos, "%zu stray byte%s in UTF-8 decoded as "
		    "windows-1252", e->stray, e->stray == 1 ? "" : "s");
	}
	if (e->nul > 0) {
		pos.line = e->nul_line;
		diag_warn(d, &pos, "%zu NUL byte%s replaced by U+FFFD",
		    e->nul, e->nul == 1 ? "" : "s");
	}
}

int
text_decode(struct buf *out, struct diag *d, const char *path,
    const char *data, size_t len)
{
	const unsigned char *p = (const unsigned char *)data;
	struct pos pos = { path, 0 };
	struct emit e;
	struct census c;
	enum encoding enc;
	size_t start = out->len;
	int same;

	if (len == 0) {
		diag_warn(d, &pos, "empty article");
		return -1;
	}
	memset(&e, 0, sizeof(e));
	e.out = out;
	e.line = 1;
	enc = sniff(&p, &len);
	if (enc == ENC_UTF8) {
		take_census(&c, p, len);
		if (refuse_binary(d, &pos, p, len, &c))
			return -1;
		if (c.isolated > 4 * c.valid_multi + c.shaped)
			enc = ENC_CP1252;
	} else {
		diag_warn(d, &pos, "decoded as %s", enc == ENC_UTF16LE ?
		    "UTF-16LE" : "UTF-16BE");
	}
	buf_grow(out, len + len / 8);
	/* Well-formed UTF-8 with nothing to fix decodes to itself, and the
	 * census has then seen whether any line needs composing. */
	same = enc == ENC_UTF8 && c.ctrl == 0 && c.shaped == 0 &&
	    c.isolated == 0 && c.changed == 0;
	if (same)
		buf_put(out, (const char *)p, len);
	else switch (enc) {
	case ENC_UTF8: decode_utf8(&e, p, len); break;
	case ENC_CP1252: decode_cp1252(&e, p, len); break;
	case ENC_UTF16LE: decode_utf16(&e, p, len, 0); break;
	case ENC_UTF16BE: decode_utf16(&e, p, len, 1); break;
	}
	if (enc == ENC_CP1252) {
		pos.line = e.stray_line;
		diag_warn(d, &pos, "decoded as windows-1252");
		e.stray = 0;
	}
	report(d, path, &e);
	if (!same || c.nfc)
		compose_nfc(out, start);
	if (text_is_blank(out->data + start, out->len - start)) {
		out->len = start;
		out->data[start] = '\0';
		pos.line = 0;
		diag_warn(d, &pos, "empty after normalisation");
		return -1;
	}
	return 0;
}

unsigned
text_line_at(const char *text, size_t len, size_t off)
{
	const char *p = text, *end, *nl;
	unsigned line = 1;

	end = text + (off < len ? off : len);
	while (p < end && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		line++;
		p = nl + 1;
	}
	return line;
}

int
text_is_blank(const char *s, size_t len)
{
	size_t i = 0;
	int32_t cp;
	int k;

	while (i < len) {
		if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' ||
		    s[i] == '\r') {
			i++;
			continue;
		}
		if ((unsigned char)s[i] < 0x80 ||
		    (k = utf8_next(s + i, len - i, &cp)) < 0)
			return 0;
		if (!(cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 &&
		    cp <= 0x200d) || cp == 0x2028 || cp == 0x2029 ||
		    cp == 0x202f || cp == 0x205f || cp == 0x2060 ||
		    cp == 0x3000 || cp == 0xfeff))
			return 0;
		i += (size_t)k;
	}
	return 1;
}

int
text_sentence_end(const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *e;

	e = p + strlen(s);
	/* Closing quotes and brackets after the sign. */
	for (;;) {
		while (e > p && (e[-1] == ' ' || e[-1] == '"' ||
		    e[-1] == '\'' || e[-1] == ')'))
			e--;
		if (e - p >= 2 && e[-2] == 0xc2 && (e[-1] == 0xbb ||
		    e[-1] == 0xa0))
			e -= 2;		/* » and a no-break space */
		else if (e > p && (e[-1] == '\t' || e[-1] == '\r'))
			e--;
		else if (e - p >= 3 && e[-3] == 0xe2 && e[-2] == 0x80 &&
		    (e[-1] == 0x9d || e[-1] == 0x99))
			e -= 3;		/* ” ’ */
		else
			break;
	}
	if (e == p)
		return 0;
	if (e[-1] == '.' || e[-1] == '!' || e[-1] == '?')
		return 1;
	if (e - p >= 3 && e[-3] == 0xe2 && e[-2] == 0x80 && e[-1] == 0xa6)
		return 1;	/* … */
	if (e - p >= 3 && e[-3] == 0xe3 && e[-2] == 0x80 && e[-1] == 0x82)
		return 1;	/* 。 */
	if (e - p >= 3 && e[-3] == 0xef && e[-2] == 0xbc &&
	    (e[-1] == 0x81 || e[-1] == 0x9f))
		return 1;	/* ！ ？ */
	return e - p >= 2 && e[-2] == 0xd8 && e[-1] == 0x9f;	/* ؟ */
}
