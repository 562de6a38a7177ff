/*
 * md_int.h: what md.c (the writer) and md_tree.c (the oracle's tree)
 * share; not part of the API (md.h).
 */
#ifndef MORGUE_MD_INT_H
#define MORGUE_MD_INT_H

#include <stddef.h>

#include <yaml.h>

#include "core/buf.h"

/* Sets out to s with white space runs that hold a line end made one
 * space, and no white space at either end: one paragraph is one line. */
void		 md_one_line(struct buf *out, const char *s);

/* The first place in s where m (mlen bytes) occurs as a whole word, or
 * NULL. */
const char	*md_find_word(const char *s, const char *m, size_t mlen);

/* Appends s (len bytes of valid UTF-8) to out as a YAML double-quoted
 * scalar, byte for byte as libyaml's emitter writes it with unicode on
 * and no line width: printable characters as they are, the others, line
 * breaks, '"' and '\\' escaped. */
void		 md_yaml_dquote(struct buf *out, const char *s, size_t len);

/* libyaml's emitter as the front matter uses it, writing to out: unicode
 * on, no line width; md_yaml_begin() opens the stream, the document and
 * a block mapping, md_yaml_end() closes them and frees the emitter. */
void		 md_yaml_begin(yaml_emitter_t *em, struct buf *out);
void		 md_yaml_end(yaml_emitter_t *em);

#endif
