/*
 * tmpl.h: Mustache templates over jansson values.
 *
 * Implements the official Mustache spec (v1.4): comments, set delimiters,
 * interpolation, sections, inverted sections, partials, template
 * inheritance (parents {{<name}} and blocks {{$name}}) and dynamic names
 * ({{>*name}}, {{<*name}}); lambdas are not supported.
 *
 * A template is parsed once into an immutable tree (struct tmpl) that
 * keeps the source line of every tag, then rendered any number of times
 * without re-parsing. Partials and parents come from a struct
 * tmpl_partials, which loads each one on first use (from a directory or
 * from sources added in memory), parses it and caches the tree.
 *
 * Contexts are json_t values. Names resolve as the spec says: the first
 * part of a.b.c is looked up from the innermost context outwards, the
 * rest only inside what it found (so a key missing from a list element
 * is taken from an outer context: a partial that recurses over "kids"
 * needs "kids": [] on its leaves). As an extension, a decimal part after
 * the first indexes an array: {{#related.0}} is the first element.
 * Falsey for sections and inverted sections: a missing name, null,
 * false, 0, 0.0, "" and []. Anything else is truthy; an array is
 * iterated, another value is pushed once. {{name}} writes strings as
 * they are, integers in decimal, reals in the shortest form that reads
 * back the same ("1.5"), true/false as "true" and "false", and nothing
 * for null, objects and arrays. {{name}} escapes & < > " and ' (as &amp;
 * &lt; &gt; &quot; &#39;); {{{name}}} and {{&name}} do not.
 *
 * Whitespace follows the spec: a line holding only a section, comment,
 * partial, parent, block or delimiter tag (or, as inheritance allows,
 * {{<p}}{{/p}}, {{<p}}{{$b}}, {{/b}}{{/p}}) disappears with its newline;
 * a standalone partial or parent indents every line it expands to by
 * the tag's indentation; a standalone block takes the content that
 * replaces it out of its own indentation and into the block's. In a
 * layout, write a block as {{$body}} and {{/body}} on lines of their
 * own: an empty {{$body}}{{/body}} alone on a line keeps its newline
 * (the spec's "Standalone block" case), which adds a blank line after
 * content that ends with one.
 *
 * Typical use: one partial set over the templates directory, from which
 * the page templates themselves are taken too, rendered for each page:
 *
 *	p = tmpl_partials_new("templates", 0);
 *	if ((t = tmpl_partials_get(p, d, "article", &failed)) == NULL)
 *		... missing, or failed is set: reported, exit 3
 *	if (tmpl_render(&out, d, t, ctx, p) < 0)
 *		... reported, exit 3
 *	tmpl_partials_free(p);		(frees t too)
 *
 * Errors, each reported once through struct diag as `FILE:LINE: error:
 * message` with the line of the offending tag:
 *   parsing   unclosed tag, unclosed section/block/parent, close tag that
 *             does not match the open one (or has none), empty or
 *             malformed name (`a..b`, `a b`), bad set-delimiter tag,
 *             nesting deeper than TMPL_MAX_DEPTH;
 *   rendering a partial file that cannot be read or does not parse,
 *             partials nested deeper than TMPL_MAX_DEPTH (runaway
 *             recursion), output or work beyond the limits of
 *             tmpl_partials_limit().
 * A variable ({{name}}, {{{name}}}) or dynamic partial name that resolves
 * to nothing, and a partial or parent that cannot be found (or whose name
 * could escape the directory: "../x", "/x"), render as "" as the spec
 * says, with a warning at the tag's FILE:LINE: once per place and name
 * for a partial set, silent with TMPL_MISSING_OK, an error with
 * TMPL_STRICT. A section over a missing name is simply false.
 *
 * Thread safety: a struct tmpl is read-only after tmpl_parse(), and
 * tmpl_render() and tmpl_partials_get() may run in several threads at
 * once with the same templates and partial set (its cache has a lock).
 * tmpl_partials_add(), _limit() and _free() must not run during renders;
 * a struct diag shared between threads is the caller's to serialise.
 */
#ifndef MORGUE_TMPL_H
#define MORGUE_TMPL_H

#include <stddef.h>

#include <jansson.h>
#include <xxhash.h>

#include "core/buf.h"
#include "core/diag.h"
#include "core/map.h"

/* Nesting of sections, partials and blocks, while parsing and rendering. */
#define TMPL_MAX_DEPTH		1000
/* Default bounds of one tmpl_render() call (see tmpl_partials_limit()). */
#define TMPL_MAX_OUTPUT		((size_t)256 * 1024 * 1024)
#define TMPL_MAX_STEPS		((size_t)1 << 28)
/* Template files larger than this are refused. */
#define TMPL_MAX_FILE		((size_t)16 * 1024 * 1024)

struct tmpl;
struct tmpl_partials;

/*
 * Parses len bytes of src. name is the file name used in diagnostics
 * (copied). On success *out is a template that the caller frees with
 * tmpl_free(); on a syntax error it is reported and -1 is returned.
 * src need not be NUL-terminated and is not referenced afterwards.
 */
int	 tmpl_parse(struct tmpl **out, struct diag *d, const char *name,
	    const char *src, size_t len);

/*
 * Reads the file at path and parses it as tmpl_parse() does, with path
 * as the name. -1 if it cannot be read (reported) or does not parse.
 */
int	 tmpl_load(struct tmpl **out, struct diag *d, const char *path);

/* Borrowed; valid until tmpl_free(). */
const char *tmpl_name(const struct tmpl *t);

void	 tmpl_free(struct tmpl *t);

/*
 * Renders t with ctx as the bottom of the context stack, appending to out
 * (out is not reset first). p supplies partials and parents and may be
 * NULL (then every partial is missing and renders as ""). ctx is
 * borrowed and not modified; NULL stands for an empty object.
 * Returns 0, or -1 after reporting an error; out then holds a partial
 * result that the caller should discard.
 */
int	 tmpl_render(struct buf *out, struct diag *d, const struct tmpl *t,
	    json_t *ctx, struct tmpl_partials *p);

/*
 * tmpl_render() with n contexts, ctx[0] at the bottom of the stack and
 * ctx[n - 1] on top (NULL entries are skipped): a name is looked up in
 * ctx[n - 1] first. Lets a caller share objects between renders (the
 * site's common keys, an article's card) instead of copying them into
 * each context.
 */
int	 tmpl_render_stack(struct buf *out, struct diag *d,
	    const struct tmpl *t, json_t *const *ctx, size_t n,
	    struct tmpl_partials *p);

/* Flags of a partial set. */
#define TMPL_MISSING_OK	0x1	/* a missing partial or variable renders
				   as "" without a warning */
#define TMPL_BUILTIN	0x2	/* a name the directory lacks is taken
				   from the built-in templates (builtin.h) */
#define TMPL_STRICT	0x4	/* a missing partial or variable is an
				   error (--strict) */

/*
 * A new partial set. With dir non-NULL, {{> name}} loads, on first use,
 * DIR/name.mustache, else DIR/name.html, else DIR/name (regular files
 * only); name may contain '/' for subdirectories but no "." or ".."
 * component and no leading '/'. With dir NULL only the sources given to
 * tmpl_partials_add() exist. Free with tmpl_partials_free().
 */
struct tmpl_partials *tmpl_partials_new(const char *dir, int flags);

/*
 * Adds (or replaces) the partial name with the source src, parsed now
 * (diagnostics name it "name"); it takes precedence over the directory.
 * Returns -1 if it does not parse (reported; nothing added).
 */
int	 tmpl_partials_add(struct tmpl_partials *p, struct diag *d,
	    const char *name, const char *src, size_t len);

/*
 * Returns the parsed partial name, loading it if needed, or NULL if it
 * does not exist (not reported) or failed to load (reported; then *failed
 * is set to 1). Borrowed; valid until tmpl_partials_free().
 */
const struct tmpl *tmpl_partials_get(struct tmpl_partials *p,
	    struct diag *d, const char *name, int *failed);

/*
 * Bounds each tmpl_render() with p: at most max_output bytes appended
 * and max_steps tags and text pieces visited (0 keeps the current
 * value). Defaults: TMPL_MAX_OUTPUT and TMPL_MAX_STEPS.
 */
void	 tmpl_partials_limit(struct tmpl_partials *p, size_t max_output,
	    size_t max_steps);

void	 tmpl_partials_free(struct tmpl_partials *p);

/*
 * What a template can read, for the caller that keys a page by the data
 * it shows: the parts of the names of every template reached from one
 * (its partials and parents, loaded through p), each with how it is
 * used, and a hash of their sources. A key of the data that no name can
 * find cannot change the page. Used from one thread.
 */
#define TMPL_NAME_FIRST		0x1	/* the first part of a name: looked
					   up in every context on the stack */
#define TMPL_NAME_LATER		0x2	/* a later part: looked up inside
					   what the part before found */
#define TMPL_NAME_PUSHED	0x4	/* the last part of a section's name:
					   its value goes on the stack */
struct tmpl_names {
	struct map	 names;		/* part -> TMPL_NAME_* bits; the keys
					   point into the templates of p */
	int		 all;		/* a name chosen at render time, or a
					   section over ".": any key may be
					   read */
	int		 failed;	/* a template reached did not load */
	XXH128_hash_t	 hash;		/* of every template reached */
};

/*
 * Fills *out for the template name of p. Returns 0, or -1 when a
 * template it reaches failed to load (reported through d once, as
 * tmpl_partials_get() does). Dispose with tmpl_names_dispose(), before
 * tmpl_partials_free(p).
 */
int	 tmpl_names_of(struct tmpl_names *out, struct tmpl_partials *p,
	    struct diag *d, const char *name);
/* How the name part key[0..len) is used: TMPL_NAME_* bits, 0 if never. */
unsigned tmpl_names_bits(const struct tmpl_names *nm, const char *key,
	    size_t len);
void	 tmpl_names_dispose(struct tmpl_names *nm);

#endif
