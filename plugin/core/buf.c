/* buf.c: growable byte buffer and string vector (see buf.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/xalloc.h"

char buf_empty[1];

void
buf_grow(struct buf *b, size_t add)
{
	size_t want = b->len + add + 1, cap;

	if (want <= b->cap)
		return;
	cap = b->cap ? b->cap : 64;
	while (cap < want)
		cap += cap / 2;
	if (b->cap == 0) {
		b->data = xmalloc(cap);
		b->data[0] = '\0';
	} else
		b->data = xrealloc(b->data, cap);
	b->cap = cap;
}

void
buf_put(struct buf *b, const char *data, size_t len)
{
	if (len == 0)
		return;
	buf_grow(b, len);
	memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

int
buf_read_fd(struct buf *b, int fd, size_t max)
{
	ssize_t k;

	while (b->len < max) {
		buf_grow(b, 16384);
		k = read(fd, b->data + b->len, b->cap - b->len - 1);
		if (k == 0)
			return 0;
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		b->len += (size_t)k;
		b->data[b->len] = '\0';
	}
	return 1;
}

void
buf_putc(struct buf *b, int c)
{
	char ch = (char)c;

	buf_put(b, &ch, 1);
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n <= 0)
		return;
	buf_grow(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->cap)
		b->data[0] = '\0';
}

char *
buf_detach(struct buf *b)
{
	char *p = b->cap ? b->data : xstrdup("");

	b->data = buf_empty;
	b->len = b->cap = 0;
	return p;
}

void
buf_dispose(struct buf *b)
{
	if (b->cap)
		free(b->data);
	b->data = buf_empty;
	b->len = b->cap = 0;
}

void
strv_take(struct strv *sv, char *s)
{
	ARRAY_GROW(sv->v, sv->n, sv->cap);
	sv->v[sv->n++] = s;
}

void
strv_push(struct strv *sv, const char *s)
{
	strv_take(sv, xstrdup(s));
}

void
strv_pushn(struct strv *sv, const char *s, size_t len)
{
	strv_take(sv, xstrndup(s, len));
}

long
strv_find(const struct strv *sv, const char *s)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0)
			return (long)i;
	return -1;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
strv_sort(struct strv *sv)
{
	if (sv->n > 1)
		sort_array(sv->v, sv->n, sizeof(*sv->v), cmp_str);
}

void
strv_dispose(struct strv *sv)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}
