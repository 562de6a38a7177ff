/*
 * tmpl_impl.h: the compiled form of a template, shared by the parser
 * (tmpl.c) and the renderer (tmpl_render.c). Nothing outside those two
 * files includes it; the public API is tmpl.h.
 */
#ifndef MORGUE_TMPL_IMPL_H
#define MORGUE_TMPL_IMPL_H

#include <stdarg.h>
#include <stddef.h>

#include "render/tmpl.h"

enum ntype {
	N_TEXT,		/* literal bytes */
	N_VAR,		/* {{name}}: escaped */
	N_RAW,		/* {{{name}}}, {{&name}} */
	N_SECTION,	/* {{#name}}...{{/name}} */
	N_INVERTED,	/* {{^name}}...{{/name}} */
	N_PARTIAL,	/* {{>name}} */
	N_PARENT,	/* {{<name}}...{{/name}}; kids are its N_BLOCKs only */
	N_BLOCK		/* {{$name}}...{{/name}}; kids are the content */
};

/* One part of a dotted name, pointing into the template's source. */
struct tmpl_key {
	const char	*s;
	size_t		 len;
};

/*
 * Every pointer into text points into struct tmpl's own copy of the
 * source, so a tree lives exactly as long as its template.
 */
struct node {
	enum ntype	 type;
	unsigned	 line;
	unsigned char	 bol;		/* a source line begins here: indent */
	unsigned char	 standalone;	/* the tag had its line to itself */
	unsigned char	 dynamic;	/* {{>*name}}: the name is looked up */
	const char	*text;		/* N_TEXT bytes, else the name */
	size_t		 len;
	struct tmpl_key	*keys;		/* the dotted name; none for "." */
	size_t		 nkeys;
	struct node	*kids;
	size_t		 nkids;
	/*
	 * Standalone partials, parents and blocks: indent is added to each
	 * line they expand to. Standalone blocks: strip is the indentation
	 * their content has in the source, removed before indent is added.
	 */
	const char	*indent;
	size_t		 indentlen;
	const char	*strip;
	size_t		 striplen;
};

struct tmpl {
	char		*name;
	char		*src;
	size_t		 len;
	struct node	*root;
	size_t		 nroot;
};

/* Reports `file:line: error: ...` through d; returns -1. */
int	tmpl_verr(struct diag *d, const char *file, unsigned line,
	    const char *fmt, va_list ap) __attribute__((format(printf, 4, 0)));

#endif
