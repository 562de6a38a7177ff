/*
 * text.h: raw bytes of an untrusted article to clean text.
 *
 * Whatever arrives (UTF-8 with or without a BOM, UTF-16 with a BOM,
 * Windows-1252 or Latin-1, CRLF or CR line ends, NUL bytes, invalid
 * sequences, controls) leaves as NFC UTF-8 with LF line ends and no
 * control characters but '\n'. Each repair is reported once per file as a
 * `path:line: warning:` naming the first line it touched. Binary and
 * empty inputs are refused. Everything runs in time linear in the input.
 *
 * The policy for bytes that are not valid UTF-8 (HOSTILE rows 8-10):
 *   - when high bytes mostly stand alone (not shaped like UTF-8
 *     sequences) the whole file is Windows-1252 ("decoded as
 *     windows-1252"; Latin-1 is its printable subset);
 *   - otherwise the file is UTF-8: a lone byte 0x80-0x9F that
 *     Windows-1252 maps to punctuation (a pasted smart quote or dash) is
 *     decoded as Windows-1252, and every other invalid sequence (overlong,
 *     surrogate, 5- and 6-byte forms, truncated) becomes one U+FFFD.
 * A NUL byte becomes U+FFFD and the text after it is kept. A tab becomes
 * a space; other C0 and C1 controls, DEL, U+FEFF and the noncharacters
 * (U+FFFE, U+FFFF, U+FDD0-U+FDEF, ...) are dropped.
 *
 * The functions keep no state and are safe to call from several threads.
 */
#ifndef MORGUE_TEXT_H
#define MORGUE_TEXT_H

#include <stddef.h>

#include "core/buf.h"
#include "core/diag.h"

/*
 * Decodes len bytes of data (which may contain NUL bytes) read from path
 * and appends the clean text to out. Returns 0, or -1 when the input is
 * refused; the reason has then been reported as a warning on d ("empty
 * article", "empty after normalisation", "binary content (NUL at offset
 * N)") and out is left as it was.
 */
int		text_decode(struct buf *out, struct diag *d, const char *path,
		    const char *data, size_t len);

/* The 1-based line of byte offset off in text (of len bytes); for
 * diagnostics about a place found after decoding. */
unsigned	text_line_at(const char *text, size_t len, size_t off);

/* Whether s (of len bytes, valid UTF-8) holds only white space: ASCII
 * blanks, NBSP, the Unicode spaces, zero-width spaces and U+FEFF. */
int		text_is_blank(const char *s, size_t len);
/* Whether s ends as a sentence does (. ! ? … 。 ؟, maybe in quotes). */
int		text_sentence_end(const char *s);

#endif
