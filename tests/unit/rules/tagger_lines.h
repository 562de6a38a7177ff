/*
 * tagger_lines.h: what the tagger's unit tests compare. tagger_lines()
 * scans a title and a body and returns the line that line() writes for
 * each tag (line returns 0 to leave a tag out), sorted and joined by
 * "|"; free the result.
 */
#ifndef MORGUE_TEST_TAGGER_LINES_H
#define MORGUE_TEST_TAGGER_LINES_H

#include <stdlib.h>

#include "core/buf.h"
#include "rules/tagger.h"

static char *
tagger_lines(const struct tagger *t, const char *title, const char *body,
    int (*line)(struct buf *, const struct tagger_hit *, const void *),
    const void *arg)
{
	const char *texts[2] = { title, body };
	struct tagger_result r = TAGGER_RESULT_INIT;
	struct strv lines = STRV_INIT;
	struct buf b = BUF_INIT;
	size_t i;

	tagger_scan(t, &r, texts, 2);
	for (i = 0; i < r.n; i++) {
		buf_reset(&b);
		if (line(&b, &r.v[i], arg))
			strv_push(&lines, b.data);
	}
	strv_sort(&lines);
	buf_reset(&b);
	for (i = 0; i < lines.n; i++) {
		if (i > 0)
			buf_putc(&b, '|');
		buf_puts(&b, lines.v[i]);
	}
	strv_dispose(&lines);
	tagger_result_dispose(&r);
	return buf_detach(&b);
}

#endif
