/*
 * md.c: the one writer of an article's body (md.h): the blocks cut into
 * segments, some of them links, written as HTML for the site's pages and
 * as CommonMark for the Markdown pages; libyaml events for the front
 * matter. cmark is the oracle only (md_tree.c).
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>
#include <yaml.h>

#include "render/md.h"
#include "render/md_int.h"
#include "core/utf8.h"
#include "parse/slug.h"
#include "core/xalloc.h"

#define SUMMARY_MAX	300
/* From a page at articles/YYYY/MM/DD/SLUG/ back to the site's top. */
#define PAGE_ROOT	"../../../../../"

/* Tag kinds listed in every page, in this order, even when empty, so
 * that Hugo and Jekyll see the same keys on every page. */
static const char *const std_kinds[] = {
	"people", "places", "organisations", "topics"
};

/* Keys of the front matter that a rule's tag kind must not take. */
static const char *const fixed_keys[] = {
	"title", "title_from", "date", "authors", "agency", "dateline",
	"source", "source_url", "slug", "language", "related", "syndicated",
	"captions", "key_points", "summary", "date_inferred"
};

/*
 * The front matter keys that Hugo (0.111: its page variables, matched
 * without case) or Jekyll (its page variables and defaults) give a
 * meaning of their own. Our pages use only title, date, slug and
 * summary of these, each in the sense both give it; a tag kind never
 * takes one, or a generator would read the page wrongly.
 */
static const char *const reserved_keys[] = {
	"aliases", "audio", "build", "cascade", "categories", "category",
	"collection", "content", "date", "description", "dir", "draft",
	"excerpt", "excerpt_separator", "expirydate", "ext", "headless", "id",
	"images", "iscjklanguage", "keywords", "lastmod", "layout",
	"linktitle", "markup", "menu", "menus", "name", "next", "output",
	"outputs", "path", "permalink", "previous", "publishdate",
	"published", "relative_path", "resources", "series", "sitemap",
	"slug", "summary", "tags", "title", "translationkey", "type", "url",
	"videos", "weight"
};

int
md_reserved_key(const char *key)
{
	size_t i;

	for (i = 0; i < sizeof(reserved_keys) / sizeof(reserved_keys[0]); i++)
		if (strcasecmp(key, reserved_keys[i]) == 0)
			return 1;
	return 0;
}

/* Copies s with white space runs that hold a line end made one space,
 * and no white space at either end: one paragraph is one line. */
void
md_one_line(struct buf *out, const char *s)
{
	size_t len = strlen(s), i;

	while (len > 0 && strchr(" \t\n\r", s[len - 1]) != NULL)
		len--;
	/* A leading U+FEFF too: cmark drops it at the start of a page. */
	for (;;) {
		if (len > 0 && strchr(" \t\n\r", *s) != NULL)
			s++, len--;
		else if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
			s += 3, len -= 3;
		else
			break;
	}
	buf_reset(out);
	buf_put(out, s, len);
	for (i = 0; i < len; i++) {
		/* Eight bytes at a time while none is below 0x0e, as tab,
		 * LF and CR are: when none is, no byte borrows and none
		 * shows a high bit both after the subtraction and before. */
		while (i + 8 <= len) {
			uint64_t x;

			memcpy(&x, out->data + i, 8);
			if (((x - 0x0e0e0e0e0e0e0e0eull) & ~x &
			    0x8080808080808080ull) != 0)
				break;
			i += 8;
		}
		if (i >= len)
			break;
		if (out->data[i] == '\n' || out->data[i] == '\t' ||
		    out->data[i] == '\r')
			out->data[i] = ' ';
	}
}

char *
md_summary(const struct article *a)
{
	const char *src = "";
	struct buf b = BUF_INIT;
	size_t i, cut;

	for (i = 0; i < a->nbody && *src == '\0'; i++)
		if (a->body[i].kind == BLOCK_PARAGRAPH)
			src = a->body[i].text;
	if (*src == '\0' && a->paragraphs.n > 0)
		src = a->paragraphs.v[0];
	if (*src == '\0' && a->key_points.n > 0)
		src = a->key_points.v[0];
	if (*src == '\0' && a->title != NULL)
		src = a->title;
	md_one_line(&b, src);
	if (b.len <= SUMMARY_MAX)
		return buf_detach(&b);
	/* Cut at the last space that leaves room for the ellipsis, or on a
	 * character boundary when the text has no space near the end. */
	cut = SUMMARY_MAX - 3;
	for (i = cut; i > SUMMARY_MAX / 2 && b.data[i] != ' '; i--)
		;
	if (b.data[i] == ' ')
		cut = i;
	cut = utf8_cut(b.data, cut);
	while (cut > 0 && strchr(" ,;:-", b.data[cut - 1]) != NULL)
		cut--;
	b.len = cut;
	BUF_PUTSL(&b, "\xe2\x80\xa6");
	return buf_detach(&b);
}

/* Whether the character ending just before p (start is the text's
 * first byte) or starting at p is a letter or digit. */
static int
word_char_at(const char *start, const char *p, const char *end, int before)
{
	utf8proc_category_t cat;
	int32_t c;

	if (before) {
		if (p == start)
			return 0;
		p = utf8_prev(start, p);
	} else if (p >= end)
		return 0;
	if (utf8_next(p, (size_t)(end - p), &c) < 0)
		return 0;
	cat = utf8proc_category(c);
	return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
	    (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO) ||
	    (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME);
}

/* The first place in s where m occurs as a whole word, or NULL. */
const char *
md_find_word(const char *s, const char *m, size_t mlen)
{
	const char *end = s + strlen(s), *p = s;

	/* memmem() is a GNU extension; memchr() finds candidates fast. */
	while ((size_t)(end - p) >= mlen &&
	    (p = memchr(p, m[0], (size_t)(end - p) - mlen + 1)) != NULL) {
		if (memcmp(p, m, mlen) == 0 && !word_char_at(s, p, end, 1) &&
		    !word_char_at(s, p + mlen, end, 0))
			return p;
		p++;
	}
	return NULL;
}

/*
 * md_body_html() makes, byte for byte, what cmark_render_html() makes of
 * md_body() (a test compares the two over whole corpora), without
 * building cmark's tree: the body is a list of text segments, some of
 * them links, split as link_mentions() splits the text nodes. A site
 * renders every article page, so this is on the build's hot path.
 */
struct seg {
	char	*text;
	char	*url;		/* NULL: plain text */
	size_t	 block;
};

struct segs {
	struct seg	*v;
	size_t		 n, cap;
};

static void
segs_insert(struct segs *sg, size_t at, char *text, char *url, size_t block)
{
	ARRAY_GROW(sg->v, sg->n, sg->cap);
	memmove(sg->v + at + 1, sg->v + at, (sg->n - at) * sizeof(*sg->v));
	sg->v[at].text = text;
	sg->v[at].url = url;
	sg->v[at].block = block;
	sg->n++;
}

/* link_mention() over segments: the first plain segment holding the
 * mention as a whole word is split around a link. */
static void
seg_mention(struct segs *sg, const struct mention *m, const char *root,
    const struct md_links *links)
{
	struct buf url = BUF_INIT;
	const char *p;
	char *ks, *ns, *lit, *href;
	size_t k, off, mlen = strlen(m->text);

	for (k = 0; k < sg->n; k++) {
		if (sg->v[k].url != NULL ||
		    (p = md_find_word(sg->v[k].text, m->text, mlen)) == NULL)
			continue;
		lit = sg->v[k].text;
		off = (size_t)(p - lit);
		if (links != NULL) {
			href = links->href(links->arg, m->kind,
			    m->name ? m->name : m->text);
			if (href == NULL)
				return;		/* no page: no link */
			buf_puts(&url, root);
			buf_puts(&url, href);
			free(href);
		} else {
			ks = slug_make(m->kind, 0);
			ns = slug_make(m->name ? m->name : m->text, 0);
			buf_puts(&url, root);
			buf_puts(&url, ks);
			buf_putc(&url, '/');
			buf_puts(&url, ns);
			buf_putc(&url, '/');
			free(ks);
			free(ns);
		}
		if (lit[off + mlen] != '\0')
			segs_insert(sg, k + 1, xstrdup(lit + off + mlen), NULL,
			    sg->v[k].block);
		segs_insert(sg, k + 1, xstrndup(lit + off, mlen),
		    buf_detach(&url), sg->v[k].block);
		if (off > 0)
			lit[off] = '\0';
		else {
			free(lit);
			memmove(sg->v + k, sg->v + k + 1,
			    (sg->n - k - 1) * sizeof(*sg->v));
			sg->n--;
		}
		return;
	}
}

/* cmark's escaping of text (houdini_escape_html0, not secure). */
static void
html_text(struct buf *out, const char *s)
{
	size_t k;

	for (;;) {
		k = strcspn(s, "&<>\"");
		buf_put(out, s, k);
		s += k;
		switch (*s++) {
		case '&':	BUF_PUTSL(out, "&amp;"); break;
		case '<':	BUF_PUTSL(out, "&lt;"); break;
		case '>':	BUF_PUTSL(out, "&gt;"); break;
		case '"':	BUF_PUTSL(out, "&quot;"); break;
		default:	return;
		}
	}
}

/* cmark's escaping of a link target (houdini_escape_href). */
static void
html_href(struct buf *out, const char *s)
{
	static const char safe[] = "-_.+!*(),%#@?=;:/,+$~";

	for (; *s != '\0'; s++) {
		if (isalnum((unsigned char)*s) || strchr(safe, *s) != NULL)
			buf_putc(out, *s);
		else if (*s == '&')
			BUF_PUTSL(out, "&amp;");
		else if (*s == '\'')
			BUF_PUTSL(out, "&#x27;");
		else
			buf_printf(out, "%%%02X", (unsigned char)*s);
	}
}

char *
md_body_html(const struct article *a, const char *root)
{
	return md_body_html_links(a, root, NULL);
}

/* The body as both writers see it: blocks of segments, with the kind
 * of each block. */
struct md_segbody {
	struct segs	 sg;
	enum block_kind	*kinds;
	size_t		 total;		/* bytes of text */
};

/* Cuts a's blocks (MD_BODY_MAX at most, blank ones left out) into one
 * segment each, then links the first whole-word mention of each text
 * (the first mention of a text wins). */
static void
body_make(struct md_segbody *b, const struct article *a, const char *root,
    const struct md_links *links)
{
	struct buf tmp = BUF_INIT;
	size_t i, j, n, nblocks = 0;
	enum block_kind kind;
	const char *s;

	memset(b, 0, sizeof(*b));
	n = article_nblocks(a);
	b->kinds = xcalloc(n + 1, sizeof(*b->kinds));
	for (i = 0; i < n && b->total < MD_BODY_MAX; i++) {
		s = article_block(a, i, &kind);
		if (s == NULL)
			continue;
		b->total += strlen(s);
		md_one_line(&tmp, s);
		if (tmp.len == 0)
			continue;
		b->kinds[nblocks] = kind;
		segs_insert(&b->sg, b->sg.n, xstrdup(tmp.data), NULL,
		    nblocks++);
	}
	buf_dispose(&tmp);
	for (i = 0; i < a->nmentions; i++) {
		if (a->mentions[i].text == NULL || a->mentions[i].text[0] == '\0'
		    || a->mentions[i].kind == NULL)
			continue;
		for (j = 0; j < i; j++)
			if (strcmp(a->mentions[j].text, a->mentions[i].text) == 0)
				break;
		if (j == i)
			seg_mention(&b->sg, &a->mentions[i], root ? root : "",
			    links);
	}
}

static void
body_dispose(struct md_segbody *b)
{
	size_t i;

	for (i = 0; i < b->sg.n; i++) {
		free(b->sg.v[i].text);
		free(b->sg.v[i].url);
	}
	free(b->sg.v);
	free(b->kinds);
}

/* Whether segment i opens or closes its block. */
#define SEG_OPENS(b, i)		((i) == 0 || \
	(b)->sg.v[(i) - 1].block != (b)->sg.v[(i)].block)
#define SEG_CLOSES(b, i)	((i) + 1 == (b)->sg.n || \
	(b)->sg.v[(i) + 1].block != (b)->sg.v[(i)].block)

static void
body_html(struct buf *out, const struct md_segbody *b)
{
	const struct seg *g;
	size_t i;

	buf_grow(out, b->total + b->total / 8 + 64);
	for (i = 0; i < b->sg.n; i++) {
		g = &b->sg.v[i];
		if (SEG_OPENS(b, i))
			buf_puts(out, b->kinds[g->block] == BLOCK_SUBHEAD ?
			    "<h2>" : "<p>");
		if (g->url != NULL) {
			BUF_PUTSL(out, "<a href=\"");
			html_href(out, g->url);
			BUF_PUTSL(out, "\">");
		}
		html_text(out, g->text);
		if (g->url != NULL)
			BUF_PUTSL(out, "</a>");
		if (SEG_CLOSES(b, i))
			buf_puts(out, b->kinds[g->block] == BLOCK_SUBHEAD ?
			    "</h2>\n" : "</p>\n");
	}
}

char *
md_body_html_links(const struct article *a, const char *root,
    const struct md_links *links)
{
	struct buf out = BUF_INIT;
	struct md_segbody b;

	body_make(&b, a, root, links);
	body_html(&out, &b);
	body_dispose(&b);
	return buf_detach(&out);
}

/* {==== front matter ====} */

/*
 * The front matter is written by libyaml's emitter or, when every key is
 * a plain word (always, but for a rule's odd tag kind), by our own writer,
 * which gives the same bytes at a fraction of the cost: values are double
 * quoted (md_yaml_dquote quotes as the emitter does), keys and the few
 * plain values need no quoting, and the emitter's layout is fixed
 * ("key: value", "key:" then "- item" lines, "key: []").
 */
struct fm {
	yaml_emitter_t	*em;	/* NULL: our writer, to out */
	struct buf	*out;
	int		 seq;	/* 0: in the mapping; 1: sequence, no item
				 * yet; 2: sequence with items */
};

static int
put_yaml(void *data, unsigned char *bytes, size_t size)
{
	buf_put(data, (const char *)bytes, size);
	return 1;
}

/* Whether libyaml's double-quoted style writes the character at p (its
 * lead byte c, valid UTF-8) as it is: printable, not a line break, not a
 * byte-order mark, not '"' or '\\'. */
static int
yaml_plain_char(const unsigned char *p)
{
	unsigned char c = p[0];

	if (c < 0x80)
		return c >= 0x20 && c <= 0x7e && c != '"' && c != '\\';
	if (c == 0xc2)
		return p[1] >= 0xa0;
	if (c == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9))
		return 0;
	if (c > 0xc2 && c < 0xed)
		return 1;
	if (c == 0xed)
		return p[1] < 0xa0;
	if (c == 0xee)
		return 1;
	if (c == 0xef)
		return !(p[1] == 0xbb && p[2] == 0xbf) &&
		    !(p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf));
	return 0;
}

static void
yaml_escape(struct buf *out, uint32_t v)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *name = NULL;
	int k;

	switch (v) {
	case 0x00: name = "0"; break;
	case 0x07: name = "a"; break;
	case 0x08: name = "b"; break;
	case 0x09: name = "t"; break;
	case 0x0a: name = "n"; break;
	case 0x0b: name = "v"; break;
	case 0x0c: name = "f"; break;
	case 0x0d: name = "r"; break;
	case 0x1b: name = "e"; break;
	case 0x22: name = "\""; break;
	case 0x5c: name = "\\"; break;
	case 0x85: name = "N"; break;
	case 0xa0: name = "_"; break;
	case 0x2028: name = "L"; break;
	case 0x2029: name = "P"; break;
	}
	buf_putc(out, '\\');
	if (name != NULL) {
		buf_puts(out, name);
		return;
	}
	k = v <= 0xff ? 2 : v <= 0xffff ? 4 : 8;
	buf_putc(out, k == 2 ? 'x' : k == 4 ? 'u' : 'U');
	while (k-- > 0)
		buf_putc(out, hex[(v >> (4 * k)) & 0xf]);
}

void
md_yaml_dquote(struct buf *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	const unsigned char *run;
	uint32_t v;
	size_t w;

	buf_putc(out, '"');
	while (p < end) {
		for (run = p; p < end && *p >= 0x20 && *p <= 0x7e &&
		    *p != '"' && *p != '\\'; p++)
			;
		buf_put(out, (const char *)run, (size_t)(p - run));
		if (p == end)
			break;
		w = *p < 0x80 ? 1 : (*p & 0xe0) == 0xc0 ? 2 :
		    (*p & 0xf0) == 0xe0 ? 3 : 4;
		if (w > (size_t)(end - p))
			w = (size_t)(end - p);
		if (yaml_plain_char(p) && w > 1) {
			buf_put(out, (const char *)p, w);
			p += w;
			continue;
		}
		v = w == 1 ? *p : w == 2 ? *p & 0x1fu : w == 3 ? *p & 0x0fu :
		    *p & 0x07u;
		for (run = p + 1, p += w; run < p; run++)
			v = v << 6 | (*run & 0x3fu);
		yaml_escape(out, v);
	}
	buf_putc(out, '"');
}

/* Emits a scalar; a string that is not valid UTF-8 (which the emitter
 * would refuse, breaking the document) has its bad bytes replaced. */
static void
y_scalar(struct fm *f, const char *s, yaml_scalar_style_t style)
{
	yaml_event_t ev;
	struct buf fixed = BUF_INIT;
	size_t len = strlen(s);

	if (!utf8_valid(s, len)) {
		utf8_scrub(&fixed, s, len);
		s = fixed.data;
		len = fixed.len;
	}
	if (f->em != NULL) {
		yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s,
		    (int)len, 1, 1, style);
		yaml_emitter_emit(f->em, &ev);
	} else {
		if (f->seq == 1)
			buf_putc(f->out, '\n');
		if (f->seq != 0) {
			f->seq = 2;
			BUF_PUTSL(f->out, "- ");
		} else
			buf_putc(f->out, ' ');
		/* Only keys' words, ISO dates and "true" are plain. */
		if (style == YAML_PLAIN_SCALAR_STYLE)
			buf_put(f->out, s, len);
		else
			md_yaml_dquote(f->out, s, len);
		buf_putc(f->out, '\n');
	}
	buf_dispose(&fixed);
}

static void
y_key(struct fm *f, const char *key)
{
	if (f->em != NULL)
		y_scalar(f, key, YAML_PLAIN_SCALAR_STYLE);
	else {
		buf_puts(f->out, key);
		buf_putc(f->out, ':');
	}
}

static void
y_str(struct fm *f, const char *key, const char *value)
{
	if (value == NULL)
		return;
	y_key(f, key);
	y_scalar(f, value, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
}

static void
y_seq_start(struct fm *f, const char *key)
{
	yaml_event_t ev;

	y_key(f, key);
	if (f->em == NULL) {
		f->seq = 1;
		return;
	}
	yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
	    YAML_BLOCK_SEQUENCE_STYLE);
	yaml_emitter_emit(f->em, &ev);
}

static void
y_seq_end(struct fm *f)
{
	yaml_event_t ev;

	if (f->em == NULL) {
		/* The emitter writes an empty sequence in flow style. */
		if (f->seq == 1)
			BUF_PUTSL(f->out, " []\n");
		f->seq = 0;
		return;
	}
	yaml_sequence_end_event_initialize(&ev);
	yaml_emitter_emit(f->em, &ev);
}

static void
y_list(struct fm *f, const char *key, const struct strv *sv)
{
	size_t i;

	y_seq_start(f, key);
	for (i = 0; i < sv->n; i++)
		y_scalar(f, sv->v[i], YAML_DOUBLE_QUOTED_SCALAR_STYLE);
	y_seq_end(f);
}

static int
is_iso_date(const char *s)
{
	static const char shape[] = "dddd-dd-dd";
	size_t i;

	for (i = 0; i < sizeof(shape) - 1; i++)
		if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != '-')
			return 0;
	return s[i] == '\0';
}

/* The names of one tag kind, sorted and without repeats. */
static void
tag_names(struct strv *out, const struct article *a, const char *kind)
{
	size_t i;

	for (i = 0; i < a->ntags; i++)
		if (strcmp(a->tags[i].kind, kind) == 0 &&
		    strv_find(out, a->tags[i].name) < 0)
			strv_push(out, a->tags[i].name);
	strv_sort(out);
}

static int
is_fixed_kind(const char *kind)
{
	size_t i;

	if (md_reserved_key(kind))
		return 1;
	for (i = 0; i < sizeof(fixed_keys) / sizeof(fixed_keys[0]); i++)
		if (strcmp(kind, fixed_keys[i]) == 0)
			return 1;
	for (i = 0; i < sizeof(std_kinds) / sizeof(std_kinds[0]); i++)
		if (strcmp(kind, std_kinds[i]) == 0)
			return 1;
	return 0;
}

int
md_kind_listed(const char *kind)
{
	size_t i;

	for (i = 0; i < sizeof(std_kinds) / sizeof(std_kinds[0]); i++)
		if (strcmp(kind, std_kinds[i]) == 0)
			return 1;
	return !is_fixed_kind(kind);
}

static int
cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static void
y_tags(struct fm *em, const struct article *a)
{
	struct strv names = STRV_INIT;
	const char **kinds;
	size_t i, j, n = 0, nstd = sizeof(std_kinds) / sizeof(std_kinds[0]);

	/* The kinds are the article's own strings (no copies): the
	 * standard ones first, in their order; then the others, sorted. */
	kinds = xcalloc(nstd + a->ntags, sizeof(*kinds));
	for (i = 0; i < nstd; i++)
		kinds[n++] = std_kinds[i];
	for (i = 0; i < a->ntags; i++) {
		if (is_fixed_kind(a->tags[i].kind))
			continue;
		for (j = 0; j < n && strcmp(kinds[j], a->tags[i].kind) != 0;
		    j++)
			;
		if (j == n)
			kinds[n++] = a->tags[i].kind;
	}
	if (n > nstd)
		sort_array(kinds + nstd, n - nstd, sizeof(*kinds), cmp_str);
	for (i = 0; i < n; i++) {
		tag_names(&names, a, kinds[i]);
		y_list(em, kinds[i], &names);
		strv_dispose(&names);
	}
	free(kinds);
}

/* The permalinks of the articles that idx[0..n) point at. */
static void
y_links(struct fm *em, const char *key, const size_t *idx,
    size_t stride, size_t n, struct article *const *all, size_t nall)
{
	size_t i, k;

	y_seq_start(em, key);
	for (i = 0; i < n; i++) {
		k = *(const size_t *)((const char *)idx + i * stride);
		if (k < nall && all[k] != NULL && all[k]->permalink != NULL)
			y_scalar(em, all[k]->permalink,
			    YAML_DOUBLE_QUOTED_SCALAR_STYLE);
	}
	y_seq_end(em);
}

static void
y_fields(struct fm *em, const struct article *a,
    struct article *const *all, size_t n)
{
	const char *date = article_date(a);
	char *summary;

	y_str(em, "title", a->title);
	/* Only a made title says so (NULL writes no key). */
	y_str(em, "title_from", a->title_from);
	if (date != NULL) {
		y_key(em, "date");
		y_scalar(em, date, is_iso_date(date) ?
		    YAML_PLAIN_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE);
	}
	y_list(em, "authors", &a->authors);
	y_str(em, "agency", a->agency);
	y_str(em, "dateline", a->dateline);
	y_str(em, "source", a->source);
	y_str(em, "source_url", a->url);
	y_str(em, "slug", a->slug);
	y_str(em, "language", a->language);
	y_tags(em, a);
	y_links(em, "related", a->related ? &a->related[0].index : NULL,
	    sizeof(*a->related), a->nrelated, all, n);
	y_links(em, "syndicated", a->syndicated, sizeof(*a->syndicated),
	    a->nsyndicated, all, n);
	y_list(em, "captions", &a->captions);
	y_list(em, "key_points", &a->key_points);
	summary = md_summary(a);
	y_str(em, "summary", summary);
	free(summary);
	if (a->date_inferred) {
		y_key(em, "date_inferred");
		y_scalar(em, "true", YAML_PLAIN_SCALAR_STYLE);
	}
}

/* Whether the emitter writes s as a key as it is: a plain word, short
 * enough to be a simple key. */
static int
yaml_word(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (!(isalnum((unsigned char)s[i]) || s[i] == '_') || i >= 64)
			return 0;
	return i > 0;
}

void
md_yaml_begin(yaml_emitter_t *em, struct buf *out)
{
	yaml_event_t ev;

	yaml_emitter_initialize(em);
	yaml_emitter_set_output(em, put_yaml, out);
	yaml_emitter_set_unicode(em, 1);
	yaml_emitter_set_width(em, -1);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	yaml_emitter_emit(em, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	yaml_emitter_emit(em, &ev);
	yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
	    YAML_BLOCK_MAPPING_STYLE);
	yaml_emitter_emit(em, &ev);
}

void
md_yaml_end(yaml_emitter_t *em)
{
	yaml_event_t ev;

	yaml_mapping_end_event_initialize(&ev);
	yaml_emitter_emit(em, &ev);
	yaml_document_end_event_initialize(&ev, 1);
	yaml_emitter_emit(em, &ev);
	yaml_stream_end_event_initialize(&ev);
	yaml_emitter_emit(em, &ev);
	yaml_emitter_flush(em);
	yaml_emitter_delete(em);
}

/* Appends the front matter mapping (without the --- lines) to out. */
static void
front_matter(struct buf *out, const struct article *a,
    struct article *const *all, size_t n)
{
	struct fm f = { NULL, out, 0 };
	yaml_emitter_t em;
	size_t i;

	for (i = 0; i < a->ntags && yaml_word(a->tags[i].kind); i++)
		;
	if (i == a->ntags) {
		y_fields(&f, a, all, n);
		return;
	}
	f.em = &em;
	md_yaml_begin(&em, out);
	y_fields(&f, a, all, n);
	md_yaml_end(&em);
}

/* {==== the CommonMark body ====} */

/* ASCII characters escaped wherever they stand: each can open an inline
 * (emphasis, code, link, HTML, entity, autolink, GFM strikethrough) or a
 * block. '!' needs nothing: '[' after it is escaped. '&' is escaped only
 * where an entity could follow. */
static const char escape_always[] = "\\`*_[]<>#&~";

/* Appends text escaped so that CommonMark reads it back literally.
 * line_start says whether it opens a line, where - + = and the . or )
 * after digits could also start a block. */
static void
put_escaped(struct buf *out, const char *s, int line_start)
{
	size_t i = 0, run;

	if (line_start) {
		while (s[i] >= '0' && s[i] <= '9' && i < 9)
			i++;
		if (i > 0 && (s[i] == '.' || s[i] == ')')) {
			buf_put(out, s, i);
			buf_putc(out, '\\');
			s += i;
		} else if (s[0] == '-' || s[0] == '+' || s[0] == '=')
			buf_putc(out, '\\');
	}
	while (*s != '\0') {
		run = strcspn(s, escape_always);
		buf_put(out, s, run);
		s += run;
		if (*s == '\0')
			break;
		if (*s != '&' || s[1] == '#' || isalnum((unsigned char)s[1]))
			buf_putc(out, '\\');
		buf_putc(out, *s++);
	}
}

/* Appends a link destination, percent-encoding what could end it. */
static void
put_url(struct buf *out, const char *url)
{
	const unsigned char *p = (const unsigned char *)url;

	for (; *p != '\0'; p++) {
		if (*p <= ' ' || *p >= 0x7f || strchr("()<>\\", *p) != NULL)
			buf_printf(out, "%%%02X", *p);
		else
			buf_putc(out, (char)*p);
	}
}

/*
 * The body as CommonMark, blocks apart by a blank line, subheads as "## ",
 * links as [text](url), escaping more eagerly than cmark's own renderer
 * (which also leaves a paragraph opening with ~~~ to become a code
 * fence). cmark parses it back to the document md_body() builds (a test
 * checks that over whole corpora).
 */
static void
body_commonmark(struct buf *out, const struct md_segbody *b)
{
	const struct seg *g;
	size_t i;

	for (i = 0; i < b->sg.n; i++) {
		g = &b->sg.v[i];
		if (SEG_OPENS(b, i)) {
			if (i > 0)
				buf_putc(out, '\n');
			if (b->kinds[g->block] == BLOCK_SUBHEAD)
				BUF_PUTSL(out, "## ");
		}
		if (g->url != NULL) {
			buf_putc(out, '[');
			put_escaped(out, g->text, 0);
			BUF_PUTSL(out, "](");
			put_url(out, g->url);
			buf_putc(out, ')');
		} else
			put_escaped(out, g->text, SEG_OPENS(b, i));
		if (SEG_CLOSES(b, i))
			buf_putc(out, '\n');
	}
}

char *
md_page(const struct article *a, struct article *const *all, size_t n)
{
	struct buf page = BUF_INIT;
	struct md_segbody b;

	BUF_PUTSL(&page, "---\n");
	front_matter(&page, a, all, n);
	BUF_PUTSL(&page, "---\n\n");
	body_make(&b, a, PAGE_ROOT, NULL);
	body_commonmark(&page, &b);
	body_dispose(&b);
	return buf_detach(&page);
}
