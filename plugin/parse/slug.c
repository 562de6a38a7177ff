/*
 * slug.c: titles to ASCII slugs with ICU transliteration (slug.h).
 *
 * Pure-ASCII titles, the common case, never reach ICU. Others are cleaned
 * and composed with utf8proc, transliterated by a pooled ICU
 * UTransliterator, and filtered to [a-z0-9-]. Without ICU data (the
 * transliterator fails to open) utf8proc's folding is the fallback.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uclean.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <utf8proc.h>

#include "core/buf.h"
#include "parse/slug.h"
#include "core/utf8.h"
#include "core/xalloc.h"

/* A title longer than this is looked at only up to here: enough to fill
 * a slug however the transliteration expands or drops characters. */
#define INPUT_MAX	4096
#define POOL_MAX	16

static const char transform_id[] =
    "Russian-Latin/BGN; Any-Latin; Latin-ASCII";

/* The transliterator pool (see slug.h on thread-safety). */
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static UTransliterator *proto;
static int proto_failed, cleanup_registered;
static UTransliterator *pool[POOL_MAX];
static size_t npool;

static const char *const reserved[] = {
	"con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5",
	"com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4",
	"lpt5", "lpt6", "lpt7", "lpt8", "lpt9"
};

static void
cleanup_at_exit(void)
{
	slug_cleanup();
}

static UTransliterator *
borrow(void)
{
	UTransliterator *t = NULL;
	UErrorCode err = U_ZERO_ERROR;
	UChar id[sizeof(transform_id)];

	pthread_mutex_lock(&pool_lock);
	if (!cleanup_registered) {
		cleanup_registered = 1;
		atexit(cleanup_at_exit);
	}
	if (proto == NULL && !proto_failed) {
		u_charsToUChars(transform_id, id,
		    (int32_t)sizeof(transform_id));
		proto = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL,
		    &err);
		if (U_FAILURE(err)) {
			proto = NULL;
			proto_failed = 1;
		}
	}
	if (npool > 0)
		t = pool[--npool];
	else if (proto != NULL) {
		t = utrans_clone(proto, &err);
		if (U_FAILURE(err))
			t = NULL;
	}
	pthread_mutex_unlock(&pool_lock);
	return t;
}

static void
give_back(UTransliterator *t)
{
	pthread_mutex_lock(&pool_lock);
	if (npool < POOL_MAX)
		pool[npool++] = t;
	else
		utrans_close(t);
	pthread_mutex_unlock(&pool_lock);
}

void
slug_cleanup(void)
{
	pthread_mutex_lock(&pool_lock);
	while (npool > 0)
		utrans_close(pool[--npool]);
	if (proto != NULL)
		utrans_close(proto);
	proto = NULL;
	proto_failed = 0;
	u_cleanup();
	pthread_mutex_unlock(&pool_lock);
}

/* Characters dropped before anything else: quotes and apostrophes (so
 * that a word stays whole), bidi controls, zero-width characters. */
static int
is_dropped(int32_t c)
{
	switch (c) {
	case '\'': case '"': case '`': case 0xb4: case 0xad:
	case 0x2b9: case 0x2ba: case 0x2bb: case 0x2bc: case 0x2bd:
	case 0x2018: case 0x2019: case 0x201a: case 0x201b:
	case 0x201c: case 0x201d: case 0x201e: case 0x201f:
	case 0x2032: case 0x2033: case 0x61c: case 0xfeff:
		return 1;
	default:
		return (c >= 0x200b && c <= 0x200f) ||
		    (c >= 0x202a && c <= 0x202e) ||
		    (c >= 0x2060 && c <= 0x2069);
	}
}

/*
 * Copies at most INPUT_MAX bytes of s into out without the dropped
 * characters, with invalid bytes as spaces, composed to NFC. Returns
 * whether the result is all ASCII.
 */
static int
prepare(struct buf *out, const char *s)
{
	size_t len = strnlen(s, INPUT_MAX), i = 0;
	struct buf clean = BUF_INIT;
	utf8proc_uint8_t *nfc;
	utf8proc_ssize_t k, n;
	utf8proc_int32_t c;
	int ascii = 1;

	while (i < len) {
		k = utf8_next(s + i, len - i, &c);
		if (k < 0) {
			buf_putc(&clean, ' ');
			i++;
			continue;
		}
		if (!is_dropped(c)) {
			buf_put(&clean, s + i, (size_t)k);
			ascii &= c < 0x80;
		}
		i += (size_t)k;
	}
	if (ascii) {
		*out = clean;
		return 1;
	}
	n = utf8proc_map((const utf8proc_uint8_t *)clean.data,
	    (utf8proc_ssize_t)clean.len, &nfc,
	    UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n >= 0) {
		buf_put(out, (const char *)nfc, (size_t)n);
		free(nfc);
	} else
		buf_put(out, clean.data, clean.len);
	buf_dispose(&clean);
	return 0;
}

/* Transliterates s to Latin ASCII with t; NULL on an ICU error. */
static char *
translit(UTransliterator *t, const char *s, size_t len)
{
	UErrorCode err = U_ZERO_ERROR;
	UChar *u = NULL;
	char *res = NULL;
	int32_t ulen, cap, limit, olen;

	cap = (int32_t)len * 4 + 64;
	for (;;) {
		err = U_ZERO_ERROR;
		u = xreallocarray(u, (size_t)cap, sizeof(*u));
		u_strFromUTF8(u, cap, &ulen, s, (int32_t)len, &err);
		if (U_FAILURE(err))
			goto out;
		limit = ulen;
		utrans_transUChars(t, u, &ulen, cap, 0, &limit, &err);
		if (err == U_BUFFER_OVERFLOW_ERROR || ulen >= cap) {
			cap = ulen + 64;
			continue;
		}
		if (U_FAILURE(err))
			goto out;
		break;
	}
	u_strToUTF8(NULL, 0, &olen, u, ulen, &err);
	if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
		goto out;
	err = U_ZERO_ERROR;
	res = xmalloc((size_t)olen + 1);
	u_strToUTF8(res, olen + 1, NULL, u, ulen, &err);
	if (U_FAILURE(err)) {
		free(res);
		res = NULL;
	}
out:
	free(u);
	return res;
}

/* utf8proc's folding, for when ICU is not available. */
static char *
fold(const char *s, size_t len)
{
	utf8proc_uint8_t *res;

	if (utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
	    &res, UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
	    UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD | UTF8PROC_LUMP) < 0)
		return NULL;
	return (char *)res;
}

/* Keeps [a-z0-9] (lower-casing A-Z), drops what transliteration made of
 * apostrophes, and turns every other run into one '-'. */
static void
filter(struct buf *out, const char *s, size_t len)
{
	size_t i;
	int sep = 0;
	char c;

	for (i = 0; i < len; i++) {
		c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (sep && out->len > 0)
				buf_putc(out, '-');
			sep = 0;
			buf_putc(out, c);
		} else if (c != '\'' && c != '"')
			sep = 1;
	}
}

/* Cuts b to at most max bytes, at a '-' in the second half if there is
 * one, and never leaves a '-' at the end. */
static void
cut(struct buf *b, size_t max)
{
	size_t i;

	if (b->len > max) {
		for (i = max; i > max / 2 && b->data[i] != '-'; i--)
			;
		b->len = b->data[i] == '-' ? i : max;
	}
	while (b->len > 0 && b->data[b->len - 1] == '-')
		b->len--;
	b->data[b->len] = '\0';
}

static int
is_reserved(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
		if (strcmp(s, reserved[i]) == 0)
			return 1;
	return 0;
}

char *
slug_make(const char *utf8, size_t maxlen)
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	UTransliterator *t;
	char *latin = NULL;

	if (maxlen == 0 || maxlen > SLUG_MAX)
		maxlen = SLUG_MAX;
	if (!prepare(&in, utf8 ? utf8 : "")) {
		if ((t = borrow()) != NULL) {
			latin = translit(t, in.data, in.len);
			give_back(t);
		}
		if (latin == NULL)
			latin = fold(in.data, in.len);
	}
	if (latin != NULL)
		filter(&out, latin, strlen(latin));
	else
		filter(&out, in.data, in.len);
	free(latin);
	buf_dispose(&in);
	cut(&out, maxlen);
	if (out.len == 0)
		BUF_PUTSL(&out, "untitled");
	else if (is_reserved(out.data))
		BUF_PUTSL(&out, "-1");
	return buf_detach(&out);
}
