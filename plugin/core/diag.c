/* diag.c: the diagnostic sink (see diag.h). */
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/diag.h"
#include "core/utf8.h"
#include "core/progress.h"

void
diag_init(struct diag *d, FILE *out)
{
	d->out = out;
	d->errors = d->warnings = 0;
	d->progress = NULL;
	d->copy = NULL;
}

/* The length of the printable character at s (n bytes left), or 0 when
 * no valid UTF-8 sequence starts there or it is a control: C1 controls
 * are as dangerous in a terminal as C0 ones. */
static size_t
printable_len(const char *s, size_t n)
{
	int32_t cp;
	int len;

	if ((len = utf8_next(s, n, &cp)) < 0 || cp < 0x20 || cp == 0x7f ||
	    (cp >= 0x80 && cp < 0xa0))
		return 0;
	return (size_t)len;
}

/* Appends s as diag_put_escaped() writes it. */
static void
put_escaped(struct buf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;

	while (i < len) {
		if ((n = printable_len(s + i, len - i)) > 0) {
			buf_put(b, (const char *)p + i, n);
			i += n;
		} else if (p[i] == '\t') {
			buf_putc(b, ' ');
			i++;
		} else {
			buf_printf(b, "\\x%02X", p[i]);
			i++;
		}
	}
}

void
diag_put_escaped(FILE *f, const char *s, size_t len)
{
	struct buf b = BUF_INIT;

	put_escaped(&b, s, len);
	if (b.len > 0)
		fwrite(b.data, 1, b.len, f);
	buf_dispose(&b);
}

static void
emit(struct diag *d, const struct pos *pos, const char *severity,
    const char *fmt, va_list ap)
{
	struct buf msg = BUF_INIT, line = BUF_INIT;
	int keep = d->copy != NULL && strcmp(severity, "note") != 0;

	if (d->out == NULL && !keep)
		return;
	progress_clear(d->progress);
	if (pos != NULL && pos->file != NULL) {
		put_escaped(&line, pos->file, strlen(pos->file));
		if (pos->line > 0)
			buf_printf(&line, ":%u", pos->line);
		BUF_PUTSL(&line, ": ");
	} else
		BUF_PUTSL(&line, "morgue: ");
	buf_printf(&line, "%s: ", severity);
	buf_vprintf(&msg, fmt, ap);
	put_escaped(&line, msg.data, msg.len);
	buf_putc(&line, '\n');
	if (d->out != NULL)
		fwrite(line.data, 1, line.len, d->out);
	if (keep)
		buf_put(d->copy, line.data, line.len);
	buf_dispose(&msg);
	buf_dispose(&line);
}

void
diag_warn(struct diag *d, const struct pos *pos, const char *fmt, ...)
{
	va_list ap;

	d->warnings++;
	va_start(ap, fmt);
	emit(d, pos, "warning", fmt, ap);
	va_end(ap);
}

void
diag_err(struct diag *d, const struct pos *pos, const char *fmt, ...)
{
	va_list ap;

	d->errors++;
	va_start(ap, fmt);
	emit(d, pos, "error", fmt, ap);
	va_end(ap);
}

void
diag_note(struct diag *d, const struct pos *pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit(d, pos, "note", fmt, ap);
	va_end(ap);
}
