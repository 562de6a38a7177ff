/* diag.c: the diagnostic sink (see diag.h). */
#include <string.h>

#include "core/buf.h"
#include "core/diag.h"
#include "core/progress.h"

void
diag_init(struct diag *d, FILE *out)
{
	d->out = out;
	d->errors = d->warnings = 0;
	d->progress = NULL;
}

/* Length of the valid UTF-8 sequence at s, or 0 if it is not one. */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	/* C1 controls are as dangerous in a terminal as C0 ones. */
	if (cp >= 0x80 && cp < 0xa0)
		return 0;
	return len;
}

void
diag_put_escaped(FILE *f, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;

	while (i < len) {
		if (p[i] >= 0x20 && p[i] != 0x7f && (n = utf8_len(p + i, len - i))) {
			fwrite(p + i, 1, n, f);
			i += n;
		} else if (p[i] == '\t') {
			fputc(' ', f);
			i++;
		} else {
			fprintf(f, "\\x%02X", p[i]);
			i++;
		}
	}
}

static void
emit(struct diag *d, const struct pos *pos, const char *severity,
    const char *fmt, va_list ap)
{
	struct buf msg = BUF_INIT;

	if (d->out == NULL)
		return;
	progress_clear(d->progress);
	if (pos != NULL && pos->file != NULL) {
		diag_put_escaped(d->out, pos->file, strlen(pos->file));
		if (pos->line > 0)
			fprintf(d->out, ":%u", pos->line);
		fputs(": ", d->out);
	} else
		fputs("morgue: ", d->out);
	fprintf(d->out, "%s: ", severity);
	buf_vprintf(&msg, fmt, ap);
	diag_put_escaped(d->out, msg.data, msg.len);
	fputc('\n', d->out);
	buf_dispose(&msg);
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
