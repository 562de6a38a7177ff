/*
 * tmpl_render.c: rendering parsed templates, and the partial sets that
 * load and cache what they include (tmpl.h).
 *
 * Rendering walks the tree with a stack of contexts (json_t values, the
 * innermost last) and a stack of parents whose blocks override the
 * blocks of what they include (the outermost wins, as the spec wants).
 * Indentation of standalone partials and blocks is applied while
 * writing: each node knows whether a source line starts at it, and a
 * struct indent says what to remove from and add to such a line.
 */
#include <sys/stat.h>

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render/tmpl_impl.h"
#include "core/builtin.h"
#include "core/map.h"
#include "core/xalloc.h"

/* {===================================================================
 * Partial sets
 * ==================================================================== */

enum pstate { P_FOUND, P_MISSING, P_FAILED };

struct pentry {
	char		*name;
	size_t		 len;
	enum pstate	 state;
	struct tmpl	*t;
};

struct tmpl_partials {
	pthread_mutex_t	 lock;		/* over the table, for parallel renders */
	char		*dir;
	int		 flags;
	size_t		 max_output, max_steps;
	struct pentry	*v;		/* every name asked for or added */
	size_t		 n, cap;
	struct map	 byname;	/* name -> index into v */
	struct strv	 warned;	/* "file:line:name" warned about */
};

static struct pentry *
find(const struct tmpl_partials *p, const char *name, size_t len)
{
	const size_t *ix = map_get(&p->byname, name, len);

	return ix != NULL ? &p->v[*ix] : NULL;
}

struct tmpl_partials *
tmpl_partials_new(const char *dir, int flags)
{
	struct tmpl_partials *p = xcalloc(1, sizeof(*p));

	pthread_mutex_init(&p->lock, NULL);
	p->dir = dir ? xstrdup(dir) : NULL;
	p->flags = flags;
	p->max_output = TMPL_MAX_OUTPUT;
	p->max_steps = TMPL_MAX_STEPS;
	return p;
}

static void
set_entry(struct tmpl_partials *p, const char *name, size_t len,
    enum pstate state, struct tmpl *t)
{
	struct pentry *e = find(p, name, len);
	int added;

	if (e == NULL) {
		ARRAY_GROW(p->v, p->n, p->cap);
		e = &p->v[p->n];
		e->name = xstrndup(name, len);
		e->len = len;
		*map_put(&p->byname, e->name, len, &added) = p->n++;
	} else
		tmpl_free(e->t);
	e->state = state;
	e->t = t;
}

int
tmpl_partials_add(struct tmpl_partials *p, struct diag *d, const char *name,
    const char *src, size_t len)
{
	struct tmpl *t;

	if (tmpl_parse(&t, d, name, src, len) < 0)
		return -1;
	pthread_mutex_lock(&p->lock);
	set_entry(p, name, strlen(name), P_FOUND, t);
	pthread_mutex_unlock(&p->lock);
	return 0;
}

/*
 * A name from a template, or from data through a dynamic name, must not
 * reach outside the directory.
 */
static int
safe_name(const char *s, size_t len)
{
	size_t i, seg = 0;

	if (len == 0 || s[0] == '/')
		return 0;
	for (i = 0; i <= len; i++) {
		if (i == len || s[i] == '/') {
			if (i == seg || (i - seg == 1 && s[seg] == '.') ||
			    (i - seg == 2 && s[seg] == '.' &&
			    s[seg + 1] == '.'))
				return 0;
			seg = i + 1;
		} else if ((unsigned char)s[i] < 0x20 || s[i] == '\\' ||
		    s[i] == 0x7f)
			return 0;
	}
	return 1;
}

/* Loads the built-in templates/NAME.mustache, named so in diagnostics. */
static enum pstate
load_builtin(struct diag *d, const char *name, size_t len, struct tmpl **out)
{
	const struct builtin_file *f;
	struct buf file = BUF_INIT;
	enum pstate state = P_MISSING;

	buf_puts(&file, "templates/");
	buf_put(&file, name, len);
	buf_puts(&file, ".mustache");
	if ((f = builtin_find(file.data)) != NULL) {
		buf_reset(&file);
		buf_printf(&file, "built-in:%s", f->name);
		state = tmpl_parse(out, d, file.data, (const char *)f->data,
		    f->len) < 0 ? P_FAILED : P_FOUND;
	}
	buf_dispose(&file);
	return state;
}

/* Loads name from the directory: name.mustache, name.html, name; then
 * from the built-in templates when the set asks for them. */
static enum pstate
load(struct tmpl_partials *p, struct diag *d, const char *name, size_t len,
    struct tmpl **out)
{
	static const char *const ext[] = { ".mustache", ".html", "" };
	struct buf path = BUF_INIT;
	struct stat st;
	enum pstate state = P_MISSING;
	size_t i;

	for (i = 0; p->dir != NULL && i < sizeof(ext) / sizeof(ext[0]); i++) {
		buf_reset(&path);
		buf_printf(&path, "%s/%.*s%s", p->dir, (int)len, name, ext[i]);
		if (stat(path.data, &st) < 0 || S_ISDIR(st.st_mode))
			continue;
		/* A FIFO or device is refused there, never read (it could
		 * block) nor passed over for a built-in the user did not
		 * ask for. */
		state = tmpl_load(out, d, path.data) < 0 ? P_FAILED : P_FOUND;
		break;
	}
	if (state == P_MISSING && (p->flags & TMPL_BUILTIN))
		state = load_builtin(d, name, len, out);
	buf_dispose(&path);
	return state;
}

/* tmpl_partials_get() for a name that need not be NUL-terminated. */
static const struct tmpl *
getn(struct tmpl_partials *p, struct diag *d, const char *name, size_t len,
    int *failed)
{
	struct pentry *e;
	struct tmpl *t = NULL;
	enum pstate state;

	pthread_mutex_lock(&p->lock);
	if ((e = find(p, name, len)) == NULL) {
		state = P_MISSING;
		if ((p->dir != NULL || (p->flags & TMPL_BUILTIN)) &&
		    safe_name(name, len))
			state = load(p, d, name, len, &t);
		set_entry(p, name, len, state, t);
		e = find(p, name, len);
	}
	state = e->state;
	t = e->t;
	pthread_mutex_unlock(&p->lock);
	if (state == P_FAILED)
		*failed = 1;
	return state == P_FOUND ? t : NULL;
}

const struct tmpl *
tmpl_partials_get(struct tmpl_partials *p, struct diag *d, const char *name,
    int *failed)
{
	return getn(p, d, name, strlen(name), failed);
}

void
tmpl_partials_limit(struct tmpl_partials *p, size_t max_output,
    size_t max_steps)
{
	if (max_output > 0)
		p->max_output = max_output;
	if (max_steps > 0)
		p->max_steps = max_steps;
}

void
tmpl_partials_free(struct tmpl_partials *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++) {
		free(p->v[i].name);
		tmpl_free(p->v[i].t);
	}
	free(p->v);
	map_dispose(&p->byname);
	free(p->dir);
	strv_dispose(&p->warned);
	pthread_mutex_destroy(&p->lock);
	free(p);
}

/* {===================================================================
 * Rendering
 * ==================================================================== */

/* What starts each source line: strip is removed, then ind added. */
struct indent {
	const char	*ind;
	size_t		 indlen;
	const char	*strip;
	size_t		 striplen;
};

/* A parent being expanded, whose blocks override those it includes. */
struct ovr {
	const struct node	*parent;
	const struct tmpl	*t;	/* where its blocks are */
};

struct render {
	struct buf		*out;
	struct diag		*d;
	struct tmpl_partials	*p;
	json_t			**ctx;
	size_t			 nctx, capctx;
	struct ovr		*ovr;
	size_t			 novr, capovr;
	size_t			 base, max_output, steps, max_steps;
	unsigned		 depth;
};

static int	render_list(struct render *, const struct tmpl *,
		    const struct node *, size_t, const struct indent *, int);

static int
rerr(struct render *r, const struct tmpl *t, const struct node *nd,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int
rerr(struct render *r, const struct tmpl *t, const struct node *nd,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tmpl_verr(r->d, t->name, nd->line, fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * A name that resolves to nothing where a value is wanted, or a partial
 * that cannot be found: what "what" says is reported at the tag. The
 * output is "" as the spec says, with a warning (once per place and name
 * for a partial set, as every page renders the same templates), or an
 * error with TMPL_STRICT; TMPL_MISSING_OK keeps it silent.
 */
static int
not_found(struct render *r, const struct tmpl *t, const struct node *nd,
    const char *what, const char *name, size_t len, const char *hint)
{
	struct pos pos = { t->name, nd->line };
	struct buf key = BUF_INIT;
	int first = 1;

	if (r->p != NULL && (r->p->flags & TMPL_STRICT))
		return rerr(r, t, nd, "%s \"%.*s\" not found%s", what,
		    (int)len, name, hint);
	if (r->p != NULL && (r->p->flags & TMPL_MISSING_OK))
		return 0;
	if (r->p != NULL) {
		buf_printf(&key, "%s:%u:%.*s", t->name, nd->line, (int)len,
		    name);
		pthread_mutex_lock(&r->p->lock);
		if ((first = strv_find(&r->p->warned, key.data) < 0))
			strv_push(&r->p->warned, key.data);
		pthread_mutex_unlock(&r->p->lock);
		buf_dispose(&key);
	}
	if (first)
		diag_warn(r->d, &pos, "%s \"%.*s\" not found%s; rendered "
		    "as nothing", what, (int)len, name, hint);
	return 0;
}

static void
push_ctx(struct render *r, json_t *v)
{
	ARRAY_GROW(r->ctx, r->nctx, r->capctx);
	r->ctx[r->nctx++] = v;
}

/* list.0: an element of an array by its decimal index, or NULL. */
static json_t *
elem(json_t *v, const struct tmpl_key *k)
{
	size_t i, n = 0;

	if (k->len == 0 || k->len > 9)
		return NULL;
	for (i = 0; i < k->len; i++) {
		if (k->s[i] < '0' || k->s[i] > '9')
			return NULL;
		n = n * 10 + (size_t)(k->s[i] - '0');
	}
	return json_array_get(v, n);
}

/*
 * The spec's name resolution: the first part is looked up from the
 * innermost context out, the rest only inside what it found.
 */
static json_t *
lookup(const struct render *r, const struct node *nd)
{
	json_t *v = NULL;
	size_t i;

	if (nd->nkeys == 0)
		return r->nctx > 0 ? r->ctx[r->nctx - 1] : NULL;
	for (i = r->nctx; i-- > 0;)
		if (json_is_object(r->ctx[i]) && (v = json_object_getn(
		    r->ctx[i], nd->keys[0].s, nd->keys[0].len)) != NULL)
			break;
	for (i = 1; v != NULL && i < nd->nkeys; i++)
		v = json_is_object(v) ? json_object_getn(v, nd->keys[i].s,
		    nd->keys[i].len) : json_is_array(v) ? elem(v,
		    &nd->keys[i]) : NULL;
	return v;
}

static int
truthy(const json_t *v)
{
	if (v == NULL)
		return 0;
	switch (json_typeof(v)) {
	case JSON_NULL:
	case JSON_FALSE:
		return 0;
	case JSON_TRUE:
	case JSON_OBJECT:
		return 1;
	case JSON_ARRAY:
		return json_array_size(v) > 0;
	case JSON_STRING:
		return json_string_length(v) > 0;
	case JSON_INTEGER:
		return json_integer_value(v) != 0;
	case JSON_REAL:
		return json_real_value(v) != 0.0;
	}
	return 0;
}

/* Bytes that {{name}} escapes: an index into escapes[], 0 for none. */
static const unsigned char escape_of[256] = {
	['&'] = 1, ['<'] = 2, ['>'] = 3, ['"'] = 4, ['\''] = 5
};
static const char *const escapes[] = {
	"", "&amp;", "&lt;", "&gt;", "&quot;", "&#39;"
};

/* s holds n bytes and a NUL after them (a jansson string), so that
 * strcspn(), much faster than a loop over bytes, finds what to escape;
 * a NUL inside the string only stops it early. */
static void
put_escaped(struct buf *b, const char *s, size_t n)
{
	size_t i = 0, k;

	while (i < n) {
		k = strcspn(s + i, "&<>\"'");
		if (i + k > n)
			k = n - i;
		buf_put(b, s + i, k);
		i += k;
		if (i == n)
			break;
		if (escape_of[(unsigned char)s[i]] != 0)
			buf_puts(b, escapes[escape_of[(unsigned char)s[i]]]);
		else
			buf_putc(b, s[i]);	/* a NUL */
		i++;
	}
}

/* The shortest form that reads back as the same double: 1.5, 0.1. */
static void
put_real(struct buf *b, double v)
{
	char s[40];
	int prec;

	for (prec = 1; prec < 17; prec++) {
		snprintf(s, sizeof(s), "%.*g", prec, v);
		if (strtod(s, NULL) == v)
			break;
	}
	if (prec == 17)
		snprintf(s, sizeof(s), "%.17g", v);
	buf_puts(b, s);
}

static void
put_value(struct buf *b, const json_t *v, int escape)
{
	switch (json_typeof(v)) {
	case JSON_STRING:
		if (escape)
			put_escaped(b, json_string_value(v),
			    json_string_length(v));
		else
			buf_put(b, json_string_value(v),
			    json_string_length(v));
		break;
	case JSON_INTEGER:
		buf_printf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		break;
	case JSON_REAL:
		put_real(b, json_real_value(v));
		break;
	case JSON_TRUE:
		BUF_PUTSL(b, "true");
		break;
	case JSON_FALSE:
		BUF_PUTSL(b, "false");
		break;
	case JSON_NULL:
	case JSON_OBJECT:
	case JSON_ARRAY:
		break;
	}
}

/*
 * Text, with the indentation of the lines that start in it. Indentation
 * multiplies output, so the bound is checked on every line.
 */
static int
put_text(struct render *r, const struct tmpl *t, const struct node *nd,
    const struct indent *in, int bol)
{
	const char *s = nd->text, *nl;
	size_t n = nd->len, k;

	if (in->indlen == 0 && in->striplen == 0) {
		buf_put(r->out, s, n);
		return 0;
	}
	for (;;) {
		if (r->out->len - r->base > r->max_output)
			return rerr(r, t, nd, "output larger than %zu bytes",
			    r->max_output);
		if (bol) {
			for (k = 0; k < in->striplen && k < n &&
			    s[k] == in->strip[k]; k++)
				continue;
			s += k;
			n -= k;
			buf_put(r->out, in->ind, in->indlen);
		}
		if ((nl = memchr(s, '\n', n)) == NULL)
			break;
		buf_put(r->out, s, (size_t)(nl + 1 - s));
		n -= (size_t)(nl + 1 - s);
		s = nl + 1;
		if (n == 0)
			return 0;
		bol = 1;
	}
	buf_put(r->out, s, n);
	return 0;
}

/* Entering a section, partial or block; fails past TMPL_MAX_DEPTH. */
static int
descend(struct render *r, const struct tmpl *t, const struct node *nd)
{
	if (r->depth < TMPL_MAX_DEPTH) {
		r->depth++;
		return 0;
	}
	return rerr(r, t, nd, "\"%.*s\" nested deeper than %d levels "
	    "(recursive partial?)", (int)nd->len, nd->text, TMPL_MAX_DEPTH);
}

static int
render_section(struct render *r, const struct tmpl *t, const struct node *nd,
    const struct indent *in)
{
	json_t *v = lookup(r, nd);
	size_t i, n;
	int rc = 0;

	if (nd->type == N_INVERTED ? truthy(v) : !truthy(v))
		return 0;
	if (descend(r, t, nd) < 0)
		return -1;
	if (nd->type == N_INVERTED)
		rc = render_list(r, t, nd->kids, nd->nkids, in, 0);
	else if (json_is_array(v)) {
		n = json_array_size(v);
		for (i = 0; i < n && rc == 0; i++) {
			push_ctx(r, json_array_get(v, i));
			rc = render_list(r, t, nd->kids, nd->nkids, in, 0);
			r->nctx--;
		}
	} else {
		push_ctx(r, v);
		rc = render_list(r, t, nd->kids, nd->nkids, in, 0);
		r->nctx--;
	}
	r->depth--;
	return rc;
}

/*
 * The indentation of what a standalone tag expands to: the current one,
 * plus the tag's own whitespace less what the current one strips.
 */
static char *
sub_indent(const struct indent *in, const struct node *nd, size_t *len)
{
	const char *s = nd->indent;
	size_t n = nd->indentlen, k;
	char *ind;

	for (k = 0; k < in->striplen && k < n && s[k] == in->strip[k]; k++)
		continue;
	*len = in->indlen + n - k;
	ind = xmalloc(*len + 1);
	if (in->indlen > 0)
		memcpy(ind, in->ind, in->indlen);
	if (n > k)
		memcpy(ind + in->indlen, s + k, n - k);
	return ind;
}

/* The template a partial or parent tag names, or NULL with *rc set. */
static const struct tmpl *
find_partial(struct render *r, const struct tmpl *t, const struct node *nd,
    int *rc)
{
	const struct tmpl *pt;
	const json_t *v;
	struct buf where = BUF_INIT;
	const char *name = nd->text;
	size_t len = nd->len;
	int failed = 0;

	*rc = 0;
	if (nd->dynamic) {
		v = lookup(r, nd);
		if (v == NULL)
			*rc = not_found(r, t, nd, "dynamic partial name",
			    nd->text, nd->len, "");
		if (!json_is_string(v))
			return NULL;
		name = json_string_value(v);
		len = json_string_length(v);
	}
	if (r->p == NULL) {
		*rc = not_found(r, t, nd, nd->type == N_PARENT ? "parent" :
		    "partial", name, len, " (no partials given)");
		return NULL;
	}
	pt = getn(r->p, r->d, name, len, &failed);
	if (failed)
		*rc = rerr(r, t, nd, "partial \"%.*s\" has errors", (int)len,
		    name);
	else if (pt == NULL) {
		buf_printf(&where, " in %s%s", r->p->dir ? r->p->dir :
		    "the partial set", r->p->dir ? " (tried .mustache, "
		    ".html, no extension)" : "");
		*rc = not_found(r, t, nd, nd->type == N_PARENT ? "parent" :
		    "partial", name, len, where.data);
		buf_dispose(&where);
	}
	return pt;
}

static int
render_partial(struct render *r, const struct tmpl *t, const struct node *nd,
    const struct indent *in)
{
	static const struct indent none;
	const struct tmpl *pt;
	struct indent sub = none;
	char *ind = NULL;
	int rc;

	if ((pt = find_partial(r, t, nd, &rc)) == NULL)
		return rc;
	if (descend(r, t, nd) < 0)
		return -1;
	if (nd->standalone) {
		ind = sub_indent(in, nd, &sub.indlen);
		sub.ind = ind;
	}
	if (nd->type == N_PARENT) {
		ARRAY_GROW(r->ovr, r->novr, r->capovr);
		r->ovr[r->novr].parent = nd;
		r->ovr[r->novr++].t = t;
	}
	rc = render_list(r, pt, pt->root, pt->nroot, &sub, 0);
	if (nd->type == N_PARENT)
		r->novr--;
	r->depth--;
	free(ind);
	return rc;
}

static int
same_name(const struct node *a, const struct node *b)
{
	return a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
}

/*
 * A block renders the outermost override of its name, else its own
 * content. A standalone block moves the content's lines, stripped of
 * their own indentation, to its own.
 */
static int
render_block(struct render *r, const struct tmpl *t, const struct node *nd,
    const struct indent *in)
{
	const struct node *use = nd, *b;
	const struct tmpl *ut = t;
	struct indent sub = *in;
	char *ind = NULL;
	size_t i, j;
	int rc;

	for (i = 0; i < r->novr && use == nd; i++)
		for (j = 0; j < r->ovr[i].parent->nkids; j++) {
			b = &r->ovr[i].parent->kids[j];
			if (same_name(b, nd)) {
				use = b;
				ut = r->ovr[i].t;
				break;
			}
		}
	if (descend(r, t, nd) < 0)
		return -1;
	if (nd->standalone) {
		ind = sub_indent(in, nd, &sub.indlen);
		sub.ind = ind;
	}
	if (use != nd || nd->standalone) {
		sub.strip = use->strip;
		sub.striplen = use->striplen;
	}
	rc = render_list(r, ut, use->kids, use->nkids, &sub, nd->standalone);
	r->depth--;
	free(ind);
	return rc;
}

static int
render_node(struct render *r, const struct tmpl *t, const struct node *nd,
    const struct indent *in, int bol)
{
	json_t *v;

	if (bol && !nd->standalone && nd->type != N_TEXT)
		buf_put(r->out, in->ind, in->indlen);
	switch (nd->type) {
	case N_TEXT:
		return put_text(r, t, nd, in, bol);
	case N_VAR:
	case N_RAW:
		if ((v = lookup(r, nd)) == NULL)
			return not_found(r, t, nd, "variable", nd->text,
			    nd->len, "");
		put_value(r->out, v, nd->type == N_VAR);
		return 0;
	case N_SECTION:
	case N_INVERTED:
		return render_section(r, t, nd, in);
	case N_PARTIAL:
	case N_PARENT:
		return render_partial(r, t, nd, in);
	case N_BLOCK:
		return render_block(r, t, nd, in);
	}
	return 0;
}

/* first_bol: the list starts a line whatever its first node says. */
static int
render_list(struct render *r, const struct tmpl *t, const struct node *v,
    size_t n, const struct indent *in, int first_bol)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (++r->steps > r->max_steps)
			return rerr(r, t, &v[i], "rendering takes more than "
			    "%zu steps", r->max_steps);
		if (r->out->len - r->base > r->max_output)
			return rerr(r, t, &v[i], "output larger than %zu "
			    "bytes", r->max_output);
		if (render_node(r, t, &v[i], in, v[i].bol ||
		    (i == 0 && first_bol)) < 0)
			return -1;
	}
	return 0;
}

int
tmpl_render(struct buf *out, struct diag *d, const struct tmpl *t,
    json_t *ctx, struct tmpl_partials *p)
{
	return tmpl_render_stack(out, d, t, &ctx, ctx != NULL, p);
}

int
tmpl_render_stack(struct buf *out, struct diag *d, const struct tmpl *t,
    json_t *const *ctx, size_t n, struct tmpl_partials *p)
{
	static const struct indent none;
	struct render r;
	size_t i;
	int rc;

	memset(&r, 0, sizeof(r));
	r.out = out;
	r.d = d;
	r.p = p;
	r.base = out->len;
	r.max_output = p ? p->max_output : TMPL_MAX_OUTPUT;
	r.max_steps = p ? p->max_steps : TMPL_MAX_STEPS;
	for (i = 0; i < n; i++)
		if (ctx[i] != NULL)
			push_ctx(&r, ctx[i]);
	rc = render_list(&r, t, t->root, t->nroot, &none, 0);
	free(r.ctx);
	free(r.ovr);
	return rc;
}
