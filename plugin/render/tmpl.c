/*
 * tmpl.c: parsing Mustache templates into node trees (tmpl.h).
 *
 * Three passes over one source. scan() cuts it into tags, following
 * set-delimiter tags as it goes, checks names and pairs each close tag
 * with its open tag. standalone() decides which tags have their line to
 * themselves and so take its indentation and newline with them (the
 * spec's "standalone" rule, with the pairs of tags that inheritance
 * allows on one line). build() turns the tags and the text between them
 * into the tree that tmpl_render.c walks, marking where source lines
 * begin so that partials can be indented without being parsed again.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "render/tmpl_impl.h"
#include "core/xalloc.h"

enum tkind {
	T_VAR, T_RAW, T_SECTION, T_INVERTED, T_CLOSE, T_PARTIAL, T_PARENT,
	T_BLOCK, T_COMMENT, T_DELIM
};

struct tok {
	enum tkind	 kind;
	unsigned	 line;
	size_t		 start, end;	/* the tag, delimiters included */
	size_t		 cut_start;	/* the source it takes: the tag, or */
	size_t		 cut_end;	/* its whole line when standalone */
	size_t		 ls;		/* start of its line, when alone */
	size_t		 name, namelen;	/* after any sigil and '*', trimmed */
	size_t		 match;		/* open <-> close token */
	unsigned char	 dynamic;
	unsigned char	 alone;		/* took its line's whitespace */
	unsigned char	 standalone;	/* ... and acts as standalone */
};

struct parser {
	struct diag	*d;
	const char	*file;
	const char	*src;
	size_t		 len;
	struct tok	*tok;
	size_t		 ntok, captok;
	size_t		 lpos;		/* line_at(): lline is the line */
	unsigned	 lline;		/* at the source offset lpos */
};

static int
is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\v' || c == '\f';
}

int
tmpl_verr(struct diag *d, const char *file, unsigned line, const char *fmt,
    va_list ap)
{
	struct pos pos = { file, line };
	struct buf msg = BUF_INIT;

	buf_vprintf(&msg, fmt, ap);
	diag_err(d, &pos, "%s", msg.data);
	buf_dispose(&msg);
	return -1;
}

static int
perr(struct parser *ps, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
perr(struct parser *ps, unsigned line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tmpl_verr(ps->d, ps->file, line, fmt, ap);
	va_end(ap);
	return -1;
}

/* {===================================================================
 * Scanning
 * ==================================================================== */

/*
 * Checks a name: "." or parts separated by single dots, none empty, no
 * whitespace anywhere. dotted 0 allows dots anywhere (partial names).
 */
static int
name_ok(const char *s, size_t n, int dotted)
{
	size_t i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (is_ws((unsigned char)s[i]) || s[i] == '\0')
			return 0;
	if (!dotted || (n == 1 && s[0] == '.'))
		return 1;
	if (s[0] == '.' || s[n - 1] == '.')
		return 0;
	for (i = 1; i < n; i++)
		if (s[i] == '.' && s[i - 1] == '.')
			return 0;
	return 1;
}

static void
trim(const char *s, size_t *a, size_t *b)
{
	while (*a < *b && is_ws((unsigned char)s[*a]))
		(*a)++;
	while (*b > *a && is_ws((unsigned char)s[*b - 1]))
		(*b)--;
}

/* Reads {{=open close=}}; the new delimiters point into the source. */
static int
set_delims(struct parser *ps, const struct tok *tk, size_t a, size_t b,
    const char **open, size_t *olen, const char **close, size_t *clen)
{
	const char *s = ps->src;
	size_t m, i, k;

	trim(s, &a, &b);
	if (b - a < 2 || s[a] != '=' || s[b - 1] != '=')
		return perr(ps, tk->line, "bad set-delimiter tag");
	a++, b--;
	trim(s, &a, &b);
	for (m = a; m < b && !is_ws((unsigned char)s[m]); m++)
		continue;
	for (i = m; i < b && is_ws((unsigned char)s[i]); i++)
		continue;
	for (k = i; k < b && !is_ws((unsigned char)s[k]); k++)
		continue;
	if (m == a || i == b || k != b || memchr(s + a, '=', m - a) != NULL ||
	    memchr(s + i, '=', b - i) != NULL)
		return perr(ps, tk->line, "bad set-delimiter tag");
	*open = s + a;
	*olen = m - a;
	*close = s + i;
	*clen = b - i;
	return 0;
}

/* Sorts out the sigil and the name of the tag whose content is [a, b). */
static int
classify(struct parser *ps, struct tok *tk, size_t a, size_t b)
{
	static const char sigils[] = "#^/><$&!=";
	static const enum tkind kinds[] = { T_SECTION, T_INVERTED, T_CLOSE,
	    T_PARTIAL, T_PARENT, T_BLOCK, T_RAW, T_COMMENT, T_DELIM };
	const char *s = ps->src, *sg;
	int dotted = 1;

	trim(s, &a, &b);
	if (tk->kind != T_RAW && a < b && s[a] != '\0' &&
	    (sg = strchr(sigils, s[a])) != NULL) {
		tk->kind = kinds[sg - sigils];
		if (tk->kind == T_COMMENT || tk->kind == T_DELIM)
			return 0;
		a++;
		trim(s, &a, &b);
	}
	if ((tk->kind == T_PARTIAL || tk->kind == T_PARENT ||
	    tk->kind == T_CLOSE) && a < b && s[a] == '*') {
		tk->dynamic = 1;
		a++;
		trim(s, &a, &b);
	} else if (tk->kind == T_PARTIAL || tk->kind == T_PARENT ||
	    tk->kind == T_CLOSE || tk->kind == T_BLOCK)
		dotted = 0;
	tk->name = a;
	tk->namelen = b - a;
	if (a == b)
		return perr(ps, tk->line, "empty tag name");
	if (!name_ok(s + a, b - a, dotted))
		return perr(ps, tk->line, "bad tag name \"%.*s\"",
		    (int)(b - a), s + a);
	return 0;
}

static struct tok *
new_tok(struct parser *ps)
{
	struct tok *tk;

	ARRAY_GROW(ps->tok, ps->ntok, ps->captok);
	tk = &ps->tok[ps->ntok++];
	memset(tk, 0, sizeof(*tk));
	return tk;
}

static const char *
kind_word(enum tkind k)
{
	switch (k) {
	case T_INVERTED:
		return "inverted section";
	case T_PARENT:
		return "parent";
	case T_BLOCK:
		return "block";
	case T_SECTION:
	case T_VAR:
	case T_RAW:
	case T_CLOSE:
	case T_PARTIAL:
	case T_COMMENT:
	case T_DELIM:
		break;
	}
	return "section";
}

/* Pairs the close tag tk with the open tag on top of stack. */
static int
match_close(struct parser *ps, size_t *stack, size_t *nstack, size_t i)
{
	struct tok *tk = &ps->tok[i], *op;

	if (*nstack == 0)
		return perr(ps, tk->line, "close tag \"%.*s\" without an "
		    "open section", (int)tk->namelen, ps->src + tk->name);
	op = &ps->tok[stack[*nstack - 1]];
	if (op->namelen != tk->namelen || op->dynamic != tk->dynamic ||
	    memcmp(ps->src + op->name, ps->src + tk->name, tk->namelen) != 0)
		return perr(ps, tk->line, "close tag \"%.*s\" does not match "
		    "%s \"%.*s\" opened on line %u", (int)tk->namelen,
		    ps->src + tk->name, kind_word(op->kind), (int)op->namelen,
		    ps->src + op->name, op->line);
	tk->match = stack[--*nstack];
	op->match = i;
	return 0;
}

/* The first n bytes of needle in [s, s + len), or NULL (memmem). */
static const char *
find(const char *s, size_t len, const char *needle, size_t n)
{
	const char *end = s + len, *p;

	while ((size_t)(end - s) >= n &&
	    (p = memchr(s, needle[0], (size_t)(end - s) - n + 1)) != NULL) {
		if (memcmp(p, needle, n) == 0)
			return p;
		s = p + 1;
	}
	return NULL;
}

/* Finds the end of the tag at start; -1 if it is never closed. */
static int
tag_end(struct parser *ps, struct tok *tk, size_t olen, const char *close,
    size_t clen, size_t *a, size_t *b)
{
	const char *s = ps->src, *q;
	size_t from = tk->start + olen;

	if (from < ps->len && s[from] == '{') {
		tk->kind = T_RAW;
		from++;
		q = from < ps->len ? find(s + from, ps->len - from, "}", 1)
		    : NULL;
		while (q != NULL && ((size_t)(q - s) + 1 + clen > ps->len ||
		    memcmp(q + 1, close, clen) != 0))
			q = find(q + 1, ps->len - (size_t)(q + 1 - s), "}", 1);
		if (q == NULL)
			return perr(ps, tk->line, "unclosed tag");
		*a = from;
		*b = (size_t)(q - s);
		tk->end = *b + 1 + clen;
		return 0;
	}
	q = from <= ps->len ? find(s + from, ps->len - from, close, clen)
	    : NULL;
	if (q == NULL)
		return perr(ps, tk->line, "unclosed tag");
	*a = from;
	*b = (size_t)(q - s);
	tk->end = *b + clen;
	return 0;
}

static unsigned
count_lines(const char *s, size_t n)
{
	unsigned c = 0;
	const char *p;

	while (n > 0 && (p = memchr(s, '\n', n)) != NULL) {
		c++;
		n -= (size_t)(p + 1 - s);
		s = p + 1;
	}
	return c;
}

static int
scan(struct parser *ps)
{
	const char *open = "{{", *close = "}}", *p;
	size_t olen = 2, clen = 2, pos = 0, counted = 0, a = 0, b = 0, i;
	size_t *stack = NULL, nstack = 0;
	unsigned line = 1;
	struct tok *tk;
	int rc = -1;

	stack = xreallocarray(NULL, TMPL_MAX_DEPTH, sizeof(*stack));
	while (pos < ps->len &&
	    (p = find(ps->src + pos, ps->len - pos, open, olen)) != NULL) {
		tk = new_tok(ps);
		tk->start = (size_t)(p - ps->src);
		line += count_lines(ps->src + counted, tk->start - counted);
		counted = tk->start;
		tk->line = line;
		tk->kind = T_VAR;
		if (tag_end(ps, tk, olen, close, clen, &a, &b) < 0 ||
		    classify(ps, tk, a, b) < 0)
			goto out;
		if (tk->kind == T_DELIM && set_delims(ps, tk, a, b, &open,
		    &olen, &close, &clen) < 0)
			goto out;
		tk->cut_start = tk->start;
		tk->cut_end = tk->end;
		pos = tk->end;
		i = ps->ntok - 1;
		switch (tk->kind) {
		case T_SECTION:
		case T_INVERTED:
		case T_PARENT:
		case T_BLOCK:
			if (nstack == TMPL_MAX_DEPTH) {
				perr(ps, tk->line, "sections nested deeper "
				    "than %d", TMPL_MAX_DEPTH);
				goto out;
			}
			stack[nstack++] = i;
			break;
		case T_CLOSE:
			if (match_close(ps, stack, &nstack, i) < 0)
				goto out;
			break;
		case T_VAR:
		case T_RAW:
		case T_PARTIAL:
		case T_COMMENT:
		case T_DELIM:
			break;
		}
	}
	if (nstack > 0) {
		tk = &ps->tok[stack[nstack - 1]];
		perr(ps, tk->line, "unclosed %s \"%.*s\"", kind_word(tk->kind),
		    (int)tk->namelen, ps->src + tk->name);
		goto out;
	}
	rc = 0;
out:
	free(stack);
	return rc;
}

/* {===================================================================
 * Standalone lines
 * ==================================================================== */

/* Is there only blank space between the line's start and pos? */
static int
ws_before(const char *s, size_t pos, size_t *ls)
{
	while (pos > 0 && (s[pos - 1] == ' ' || s[pos - 1] == '\t'))
		pos--;
	if (pos > 0 && s[pos - 1] != '\n')
		return 0;
	*ls = pos;
	return 1;
}

/* ... and between pos and the end of the line (\n, \r\n or the end)? */
static int
ws_after(const char *s, size_t len, size_t pos, size_t *le)
{
	while (pos < len && (s[pos] == ' ' || s[pos] == '\t'))
		pos++;
	if (pos == len)
		*le = pos;
	else if (s[pos] == '\n')
		*le = pos + 1;
	else if (s[pos] == '\r' && pos + 1 < len && s[pos + 1] == '\n')
		*le = pos + 2;
	else
		return 0;
	return 1;
}

static int
can_stand_alone(enum tkind k)
{
	return k != T_VAR && k != T_RAW;
}

/*
 * Two adjacent tags that stand alone together, as inheritance allows:
 * {{<p}}{{/p}}, {{$b}}{{/b}}, {{<p}}{{$b}} and {{/b}}{{/p}}. Returns
 * which (1-4), or 0.
 */
static int
pair_kind(const struct parser *ps, size_t i)
{
	const struct tok *x = &ps->tok[i], *y = &ps->tok[i + 1];

	if (x->end != y->start)
		return 0;
	if (x->kind == T_PARENT && y->kind == T_CLOSE && y->match == i)
		return 1;
	if (x->kind == T_BLOCK && y->kind == T_CLOSE && y->match == i)
		return 2;
	if (x->kind == T_PARENT && y->kind == T_BLOCK)
		return 3;
	if (x->kind == T_CLOSE && y->kind == T_CLOSE &&
	    ps->tok[x->match].kind == T_BLOCK &&
	    ps->tok[y->match].kind == T_PARENT)
		return 4;
	return 0;
}

static void
standalone(struct parser *ps)
{
	struct tok *x, *y;
	size_t i, ls, le;
	int k;

	for (i = 0; i < ps->ntok; i++) {
		x = &ps->tok[i];
		if (can_stand_alone(x->kind) &&
		    ws_before(ps->src, x->start, &ls) &&
		    ws_after(ps->src, ps->len, x->end, &le)) {
			x->alone = x->standalone = 1;
			x->ls = x->cut_start = ls;
			x->cut_end = le;
		}
	}
	for (i = 0; i + 1 < ps->ntok; i++) {
		x = &ps->tok[i];
		y = &ps->tok[i + 1];
		if ((k = pair_kind(ps, i)) == 0 ||
		    !ws_before(ps->src, x->start, &ls) ||
		    !ws_after(ps->src, ps->len, y->end, &le))
			continue;
		x->alone = y->alone = 1;
		x->ls = y->ls = x->cut_start = ls;
		/*
		 * An empty block on a line of its own keeps the newline:
		 * the block is expanded as indented lines in its place.
		 */
		y->cut_end = k == 2 ? y->end : le;
		if (k != 4)
			x->standalone = 1;
		if (k == 3)
			y->standalone = 1;
	}
}

/* {===================================================================
 * The tree
 * ==================================================================== */

struct frame {
	struct node	*v;
	size_t		 n, cap;
	size_t		 tok;		/* the open tag */
	unsigned char	 bol;
};

static struct node *
add_node(struct frame *f, enum ntype type)
{
	struct node *nd;

	ARRAY_GROW(f->v, f->n, f->cap);
	nd = &f->v[f->n++];
	memset(nd, 0, sizeof(*nd));
	nd->type = type;
	return nd;
}

static void
free_nodes(struct node *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].keys);
		free_nodes(v[i].kids, v[i].nkids);
	}
	free(v);
}

/* The line of offset pos, which never goes back between calls. */
static unsigned
line_at(struct parser *ps, size_t pos)
{
	ps->lline += count_lines(ps->src + ps->lpos, pos - ps->lpos);
	ps->lpos = pos;
	return ps->lline;
}

/* Text [a, b), unless empty; bol says whether a line begins there. */
static void
add_text(struct parser *ps, struct frame *f, size_t a, size_t b, int *bol)
{
	struct node *nd;

	if (b <= a)
		return;
	nd = add_node(f, N_TEXT);
	nd->text = ps->src + a;
	nd->len = b - a;
	nd->line = line_at(ps, a);
	nd->bol = (unsigned char)*bol;
	*bol = ps->src[b - 1] == '\n';
}

static void
set_name(struct parser *ps, struct node *nd, const struct tok *tk)
{
	const char *s = ps->src + tk->name, *e = s + tk->namelen, *dot;
	size_t n = 1;

	nd->line = tk->line;
	nd->text = s;
	nd->len = tk->namelen;
	nd->dynamic = tk->dynamic;
	nd->standalone = tk->standalone;
	if (tk->namelen == 1 && s[0] == '.')
		return;
	for (dot = s; dot < e; dot++)
		n += *dot == '.';
	nd->keys = xreallocarray(NULL, n, sizeof(*nd->keys));
	while (s < e) {
		dot = memchr(s, '.', (size_t)(e - s));
		if (dot == NULL)
			dot = e;
		nd->keys[nd->nkeys].s = s;
		nd->keys[nd->nkeys++].len = (size_t)(dot - s);
		s = dot + 1;
	}
}

/*
 * The indentation common to the lines of [a, b) that are not blank: a
 * standalone block's content is moved as a whole to where it is used.
 */
static int
intrinsic(const char *s, size_t a, size_t b, size_t *ia, size_t *ilen)
{
	size_t p = a, q, w, k;
	const char *nl;
	int found = 0;

	while (p < b) {
		for (q = p; q < b && (s[q] == ' ' || s[q] == '\t'); q++)
			continue;
		w = q - p;
		while (q < b && s[q] != '\n' && is_ws((unsigned char)s[q]))
			q++;
		if (q < b && s[q] != '\n') {
			if (!found) {
				*ia = p;
				*ilen = w;
				found = 1;
			} else {
				for (k = 0; k < *ilen && k < w &&
				    s[p + k] == s[*ia + k]; k++)
					continue;
				*ilen = k;
			}
		}
		if ((nl = memchr(s + q, '\n', b - q)) == NULL)
			break;
		p = (size_t)(nl - s) + 1;
	}
	return found;
}

static void
finish_block(struct parser *ps, struct node *nd, const struct tok *op,
    const struct tok *cl)
{
	size_t ia = 0, ilen = 0;

	if (!op->standalone)
		return;
	if (intrinsic(ps->src, op->cut_end, cl->cut_start, &ia, &ilen)) {
		nd->indent = nd->strip = ps->src + ia;
		nd->indentlen = nd->striplen = ilen;
	} else {
		nd->indent = ps->src + op->ls;
		nd->indentlen = op->start - op->ls;
	}
}

/* Turns the frame of the open tag of close token ci into a node. */
static void
close_frame(struct parser *ps, struct frame *f, struct frame *up, size_t ci)
{
	static const enum ntype types[] = { [T_SECTION] = N_SECTION,
	    [T_INVERTED] = N_INVERTED, [T_PARENT] = N_PARENT,
	    [T_BLOCK] = N_BLOCK };
	const struct tok *op = &ps->tok[f->tok], *cl = &ps->tok[ci];
	struct node *nd = add_node(up, types[op->kind]);
	size_t i, n = 0;

	set_name(ps, nd, op);
	nd->bol = f->bol;
	nd->kids = f->v;
	nd->nkids = f->n;
	if (op->kind == T_PARENT) {
		/* Only its blocks count; other content is ignored. */
		for (i = 0; i < f->n; i++) {
			if (f->v[i].type == N_BLOCK)
				f->v[n++] = f->v[i];
			else {
				free_nodes(f->v[i].kids, f->v[i].nkids);
				free(f->v[i].keys);
			}
		}
		nd->nkids = n;
		if (op->standalone) {
			nd->indent = ps->src + op->ls;
			nd->indentlen = op->start - op->ls;
		}
	} else if (op->kind == T_BLOCK)
		finish_block(ps, nd, op, cl);
}

static void
add_leaf(struct parser *ps, struct frame *f, const struct tok *tk,
    int bol)
{
	struct node *nd = add_node(f, tk->kind == T_VAR ? N_VAR :
	    tk->kind == T_RAW ? N_RAW : N_PARTIAL);

	set_name(ps, nd, tk);
	nd->bol = (unsigned char)bol;
	if (tk->kind == T_PARTIAL && tk->standalone) {
		nd->indent = ps->src + tk->ls;
		nd->indentlen = tk->start - tk->ls;
	}
}

/*
 * Builds the tree from the tokens. bol follows whether the next output
 * starts a source line: after a newline, and across tags that output
 * nothing, because the indentation of a partial goes before them too.
 */
static void
build(struct parser *ps, struct node **out, size_t *nout)
{
	struct frame *fs, *f;
	size_t nf = 1, pos = 0, i;
	const struct tok *tk;
	struct node *nd;
	int bol = 1, nbol;

	fs = xcalloc(TMPL_MAX_DEPTH + 1, sizeof(*fs));
	for (i = 0; i < ps->ntok; i++) {
		tk = &ps->tok[i];
		f = &fs[nf - 1];
		add_text(ps, f, pos, tk->cut_start, &bol);
		nbol = tk->alone ? 0 : bol;
		switch (tk->kind) {
		case T_VAR:
		case T_RAW:
		case T_PARTIAL:
			add_leaf(ps, f, tk, nbol);
			break;
		case T_SECTION:
		case T_INVERTED:
		case T_PARENT:
		case T_BLOCK:
			f = &fs[nf++];
			memset(f, 0, sizeof(*f));
			f->tok = i;
			f->bol = (unsigned char)nbol;
			break;
		case T_CLOSE:
			if (nbol) {
				nd = add_node(f, N_TEXT);
				nd->bol = 1;
				nd->line = tk->line;
			}
			close_frame(ps, f, &fs[nf - 2], i);
			nf--;
			break;
		case T_COMMENT:
		case T_DELIM:
			break;
		}
		pos = tk->cut_end;
		if (tk->alone)
			bol = pos == ps->len || ps->src[pos - 1] == '\n';
		else if (tk->kind != T_COMMENT && tk->kind != T_DELIM)
			bol = 0;
	}
	add_text(ps, &fs[0], pos, ps->len, &bol);
	*out = fs[0].v;
	*nout = fs[0].n;
	free(fs);
}

/* {===================================================================
 * The API
 * ==================================================================== */

int
tmpl_parse(struct tmpl **out, struct diag *d, const char *name,
    const char *src, size_t len)
{
	struct parser ps;
	struct tmpl *t;

	t = xcalloc(1, sizeof(*t));
	t->name = xstrdup(name);
	t->src = xmalloc(len + 1);
	memcpy(t->src, src, len);
	t->src[len] = '\0';
	t->len = len;
	memset(&ps, 0, sizeof(ps));
	ps.lline = 1;
	ps.d = d;
	ps.file = t->name;
	ps.src = t->src;
	ps.len = len;
	if (scan(&ps) < 0) {
		free(ps.tok);
		tmpl_free(t);
		return -1;
	}
	standalone(&ps);
	build(&ps, &t->root, &t->nroot);
	free(ps.tok);
	*out = t;
	return 0;
}

int
tmpl_load(struct tmpl **out, struct diag *d, const char *path)
{
	struct pos pos = { path, 0 };
	struct buf b = BUF_INIT;
	struct stat st;
	ssize_t n;
	int fd, rc = -1;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0 ||
	    fstat(fd, &st) < 0) {
		diag_err(d, &pos, "cannot read: %s", strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_err(d, &pos, "not a regular file");
		goto out;
	}
	if ((size_t)st.st_size > TMPL_MAX_FILE) {
		diag_err(d, &pos, "template larger than %zu bytes",
		    TMPL_MAX_FILE);
		goto out;
	}
	for (;;) {
		buf_grow(&b, 65536);
		n = read(fd, b.data + b.len, b.cap - b.len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			diag_err(d, &pos, "cannot read: %s", strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		b.len += (size_t)n;
		if (b.len > TMPL_MAX_FILE) {
			diag_err(d, &pos, "template larger than %zu bytes",
			    TMPL_MAX_FILE);
			goto out;
		}
	}
	rc = tmpl_parse(out, d, path, b.data, b.len);
out:
	if (fd >= 0)
		close(fd);
	buf_dispose(&b);
	return rc;
}

const char *
tmpl_name(const struct tmpl *t)
{
	return t->name;
}

void
tmpl_free(struct tmpl *t)
{
	if (t == NULL)
		return;
	free_nodes(t->root, t->nroot);
	free(t->src);
	free(t->name);
	free(t);
}
