/*
 * md.c: the Markdown page of an article (md.h): cmark nodes for the body,
 * libyaml events for the front matter.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>
#include <utf8proc.h>
#include <yaml.h>

#include "render/md.h"
#include "parse/slug.h"
#include "core/xalloc.h"

#define SUMMARY_MAX	300
/* From a page at articles/YYYY/MM/DD/SLUG/ back to the site's top. */
#define PAGE_ROOT	"../../../../../"

/* Tag kinds listed in every page, in this order (SPEC 5). */
static const char *const std_kinds[] = {
	"people", "places", "organisations", "topics"
};

/* Keys of the front matter that a rule's tag kind must not take. */
static const char *const fixed_keys[] = {
	"title", "date", "authors", "agency", "dateline", "source",
	"source_url", "slug", "language", "related", "syndicated", "captions",
	"key_points", "summary", "date_inferred"
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
static void
one_line(struct buf *out, const char *s)
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
	one_line(&b, src);
	if (b.len <= SUMMARY_MAX)
		return buf_detach(&b);
	/* Cut at the last space that leaves room for the ellipsis, or on a
	 * character boundary when the text has no space near the end. */
	cut = SUMMARY_MAX - 3;
	for (i = cut; i > SUMMARY_MAX / 2 && b.data[i] != ' '; i--)
		;
	if (b.data[i] == ' ')
		cut = i;
	while (cut > 0 && ((unsigned char)b.data[cut] & 0xc0) == 0x80)
		cut--;
	while (cut > 0 && strchr(" ,;:-", b.data[cut - 1]) != NULL)
		cut--;
	b.len = cut;
	BUF_PUTSL(&b, "\xe2\x80\xa6");
	return buf_detach(&b);
}

static cmark_node *
text_node(const char *s)
{
	cmark_node *t = cmark_node_new(CMARK_NODE_TEXT);

	cmark_node_set_literal(t, s);
	return t;
}

/* Appends a paragraph or level-2 heading holding text; returns its text
 * node, or NULL when text is blank. */
static cmark_node *
add_block(cmark_node *doc, enum block_kind kind, const char *text,
    struct buf *tmp)
{
	cmark_node *b, *t;

	one_line(tmp, text);
	if (tmp->len == 0)
		return NULL;
	if (kind == BLOCK_SUBHEAD) {
		b = cmark_node_new(CMARK_NODE_HEADING);
		cmark_node_set_heading_level(b, 2);
	} else
		b = cmark_node_new(CMARK_NODE_PARAGRAPH);
	t = text_node(tmp->data);
	cmark_node_append_child(b, t);
	cmark_node_append_child(doc, b);
	return t;
}

/* Whether the character ending just before p (start is the text's
 * first byte) or starting at p is a letter or digit. */
static int
word_char_at(const char *start, const char *p, const char *end, int before)
{
	utf8proc_int32_t c;
	utf8proc_category_t cat;

	if (before) {
		if (p == start)
			return 0;
		p--;
		while (p > start && ((unsigned char)*p & 0xc0) == 0x80)
			p--;
	} else if (p >= end)
		return 0;
	if (utf8proc_iterate((const utf8proc_uint8_t *)p, end - p, &c) <= 0)
		return 0;
	cat = utf8proc_category(c);
	return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
	    (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO) ||
	    (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME);
}

/* The first place in s where m occurs as a whole word, or NULL. */
static const char *
find_word(const char *s, const char *m, size_t mlen)
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

/* The text nodes that mentions may still link, in document order. */
struct texts {
	cmark_node	**v;
	size_t		  n, cap;
};

static void
texts_insert(struct texts *t, size_t at, cmark_node *node)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->v = xreallocarray(t->v, t->cap, sizeof(*t->v));
	}
	memmove(t->v + at + 1, t->v + at, (t->n - at) * sizeof(*t->v));
	t->v[at] = node;
	t->n++;
}

static void
texts_remove(struct texts *t, size_t at)
{
	memmove(t->v + at, t->v + at + 1, (t->n - at - 1) * sizeof(*t->v));
	t->n--;
}

/* Splits texts->v[k] around [off, off + mlen) and puts a link to url
 * holding the mention in the middle. */
static void
split_link(struct texts *tx, size_t k, size_t off, size_t mlen,
    const char *url)
{
	cmark_node *node = tx->v[k], *link, *after = NULL;
	char *lit = xstrdup(cmark_node_get_literal(node));

	if (lit[off + mlen] != '\0')
		after = text_node(lit + off + mlen);
	lit[off + mlen] = '\0';
	link = cmark_node_new(CMARK_NODE_LINK);
	cmark_node_set_url(link, url);
	cmark_node_append_child(link, text_node(lit + off));
	cmark_node_insert_after(node, link);
	if (after != NULL)
		cmark_node_insert_after(link, after);
	if (off > 0) {
		lit[off] = '\0';
		cmark_node_set_literal(node, lit);
		if (after != NULL)
			texts_insert(tx, k + 1, after);
	} else {
		cmark_node_unlink(node);
		cmark_node_free(node);
		if (after != NULL)
			tx->v[k] = after;
		else
			texts_remove(tx, k);
	}
	free(lit);
}

static void
link_mention(struct texts *tx, const struct mention *m, const char *root)
{
	struct buf url = BUF_INIT;
	const char *lit, *p;
	char *ks, *ns;
	size_t k, mlen = strlen(m->text);

	for (k = 0; k < tx->n; k++) {
		lit = cmark_node_get_literal(tx->v[k]);
		if ((p = find_word(lit, m->text, mlen)) == NULL)
			continue;
		ks = slug_make(m->kind, 0);
		ns = slug_make(m->name ? m->name : m->text, 0);
		buf_printf(&url, "%s%s/%s/", root, ks, ns);
		split_link(tx, k, (size_t)(p - lit), mlen, url.data);
		free(ks);
		free(ns);
		buf_dispose(&url);
		return;
	}
}

static void
link_mentions(const struct article *a, struct texts *tx, const char *root)
{
	size_t i, j;

	for (i = 0; i < a->nmentions; i++) {
		if (a->mentions[i].text == NULL || a->mentions[i].text[0] == '\0'
		    || a->mentions[i].kind == NULL)
			continue;
		for (j = 0; j < i; j++)
			if (strcmp(a->mentions[j].text, a->mentions[i].text) == 0)
				break;
		if (j == i)
			link_mention(tx, &a->mentions[i], root);
	}
}

cmark_node *
md_body(const struct article *a, const char *root)
{
	cmark_node *doc = cmark_node_new(CMARK_NODE_DOCUMENT), *t;
	struct texts tx = { NULL, 0, 0 };
	struct buf tmp = BUF_INIT;
	size_t i, total = 0, n;
	enum block_kind kind;
	const char *s;

	n = article_nblocks(a);
	for (i = 0; i < n && total < MD_BODY_MAX; i++) {
		s = article_block(a, i, &kind);
		if (s == NULL)
			continue;
		total += strlen(s);
		if ((t = add_block(doc, kind, s, &tmp)) != NULL)
			texts_insert(&tx, tx.n, t);
	}
	link_mentions(a, &tx, root ? root : "");
	free(tx.v);
	buf_dispose(&tmp);
	return doc;
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
	if (sg->n == sg->cap) {
		sg->cap = sg->cap ? sg->cap * 2 : 16;
		sg->v = xreallocarray(sg->v, sg->cap, sizeof(*sg->v));
	}
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
		    (p = find_word(sg->v[k].text, m->text, mlen)) == NULL)
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

char *
md_body_html_links(const struct article *a, const char *root,
    const struct md_links *links)
{
	struct segs sg = { NULL, 0, 0 };
	struct buf tmp = BUF_INIT, out = BUF_INIT;
	size_t i, j, total = 0, n, nblocks = 0;
	enum block_kind *kinds, kind;
	const char *s;

	n = article_nblocks(a);
	kinds = xcalloc(n + 1, sizeof(*kinds));
	for (i = 0; i < n && total < MD_BODY_MAX; i++) {
		s = article_block(a, i, &kind);
		if (s == NULL)
			continue;
		total += strlen(s);
		one_line(&tmp, s);
		if (tmp.len == 0)
			continue;
		kinds[nblocks] = kind;
		segs_insert(&sg, sg.n, xstrdup(tmp.data), NULL, nblocks++);
	}
	for (i = 0; i < a->nmentions; i++) {
		if (a->mentions[i].text == NULL || a->mentions[i].text[0] == '\0'
		    || a->mentions[i].kind == NULL)
			continue;
		for (j = 0; j < i; j++)
			if (strcmp(a->mentions[j].text, a->mentions[i].text) == 0)
				break;
		if (j == i)
			seg_mention(&sg, &a->mentions[i], root ? root : "",
			    links);
	}
	buf_grow(&out, total + total / 8 + 64);
	for (i = 0; i < sg.n; i++) {
		if (i == 0 || sg.v[i - 1].block != sg.v[i].block)
			buf_puts(&out, kinds[sg.v[i].block] == BLOCK_SUBHEAD ?
			    "<h2>" : "<p>");
		if (sg.v[i].url != NULL) {
			BUF_PUTSL(&out, "<a href=\"");
			html_href(&out, sg.v[i].url);
			BUF_PUTSL(&out, "\">");
		}
		html_text(&out, sg.v[i].text);
		if (sg.v[i].url != NULL)
			BUF_PUTSL(&out, "</a>");
		if (i + 1 == sg.n || sg.v[i + 1].block != sg.v[i].block)
			buf_puts(&out, kinds[sg.v[i].block] == BLOCK_SUBHEAD ?
			    "</h2>\n" : "</p>\n");
		free(sg.v[i].text);
		free(sg.v[i].url);
	}
	free(sg.v);
	free(kinds);
	buf_dispose(&tmp);
	return buf_detach(&out);
}

/* {==== front matter ====} */

static int
put_yaml(void *data, unsigned char *bytes, size_t size)
{
	buf_put(data, (const char *)bytes, size);
	return 1;
}

/* Whether the eight bytes at s are all ASCII. */
static int
ascii8(const char *s)
{
	uint64_t x;

	memcpy(&x, s, 8);
	return (x & 0x8080808080808080ull) == 0;
}

static int
valid_utf8(const char *s, size_t len)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t k;
	size_t i;

	for (i = 0; i < len; i += (size_t)k)
		if (i + 8 <= len && ascii8(s + i))
			k = 8;		/* ASCII is always whole */
		else if ((unsigned char)s[i] < 0x80)
			k = 1;
		else if ((k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		    (utf8proc_ssize_t)(len - i), &c)) <= 0)
			return 0;
	return 1;
}

/* Emits a scalar; a string that is not valid UTF-8 (which the emitter
 * would refuse, breaking the document) has its bad bytes replaced. */
static void
y_scalar(yaml_emitter_t *em, const char *s, yaml_scalar_style_t style)
{
	yaml_event_t ev;
	struct buf fixed = BUF_INIT;
	utf8proc_int32_t c;
	utf8proc_ssize_t k;
	size_t len = strlen(s), i;

	if (!valid_utf8(s, len)) {
		for (i = 0; i < len; i += (size_t)k) {
			k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
			    (utf8proc_ssize_t)(len - i), &c);
			if (k <= 0) {
				BUF_PUTSL(&fixed, "\xef\xbf\xbd");
				k = 1;
			} else
				buf_put(&fixed, s + i, (size_t)k);
		}
		s = fixed.data;
		len = fixed.len;
	}
	yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s,
	    (int)len, 1, 1, style);
	yaml_emitter_emit(em, &ev);
	buf_dispose(&fixed);
}

static void
y_key(yaml_emitter_t *em, const char *key)
{
	y_scalar(em, key, YAML_PLAIN_SCALAR_STYLE);
}

static void
y_str(yaml_emitter_t *em, const char *key, const char *value)
{
	if (value == NULL)
		return;
	y_key(em, key);
	y_scalar(em, value, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
}

static void
y_seq_start(yaml_emitter_t *em, const char *key)
{
	yaml_event_t ev;

	y_key(em, key);
	yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
	    YAML_BLOCK_SEQUENCE_STYLE);
	yaml_emitter_emit(em, &ev);
}

static void
y_seq_end(yaml_emitter_t *em)
{
	yaml_event_t ev;

	yaml_sequence_end_event_initialize(&ev);
	yaml_emitter_emit(em, &ev);
}

static void
y_list(yaml_emitter_t *em, const char *key, const struct strv *sv)
{
	size_t i;

	y_seq_start(em, key);
	for (i = 0; i < sv->n; i++)
		y_scalar(em, sv->v[i], YAML_DOUBLE_QUOTED_SCALAR_STYLE);
	y_seq_end(em);
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
y_tags(yaml_emitter_t *em, const struct article *a)
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
y_links(yaml_emitter_t *em, const char *key, const size_t *idx,
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
y_fields(yaml_emitter_t *em, const struct article *a,
    struct article *const *all, size_t n)
{
	char *summary;

	y_str(em, "title", a->title);
	if (a->date != NULL) {
		y_key(em, "date");
		y_scalar(em, a->date, is_iso_date(a->date) ?
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

/* Appends the front matter mapping (without the --- lines) to out. */
static void
front_matter(struct buf *out, const struct article *a,
    struct article *const *all, size_t n)
{
	yaml_emitter_t em;
	yaml_event_t ev;

	yaml_emitter_initialize(&em);
	yaml_emitter_set_output(&em, put_yaml, out);
	yaml_emitter_set_unicode(&em, 1);
	yaml_emitter_set_width(&em, -1);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	yaml_emitter_emit(&em, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	yaml_emitter_emit(&em, &ev);
	yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
	    YAML_BLOCK_MAPPING_STYLE);
	yaml_emitter_emit(&em, &ev);
	y_fields(&em, a, all, n);
	yaml_mapping_end_event_initialize(&ev);
	yaml_emitter_emit(&em, &ev);
	yaml_document_end_event_initialize(&ev, 1);
	yaml_emitter_emit(&em, &ev);
	yaml_stream_end_event_initialize(&ev);
	yaml_emitter_emit(&em, &ev);
	yaml_emitter_flush(&em);
	yaml_emitter_delete(&em);
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

/* Appends the inlines of one block; -1 on a node this renderer does not
 * know (the caller then lets cmark render the whole document). */
static int
put_inlines(struct buf *out, cmark_node *block)
{
	cmark_node *n, *t;
	int first = 1;

	for (n = cmark_node_first_child(block); n; n = cmark_node_next(n)) {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
			put_escaped(out, cmark_node_get_literal(n), first);
			break;
		case CMARK_NODE_LINK:
			t = cmark_node_first_child(n);
			if (t == NULL || cmark_node_next(t) != NULL ||
			    cmark_node_get_type(t) != CMARK_NODE_TEXT ||
			    *cmark_node_get_title(n) != '\0')
				return -1;
			buf_putc(out, '[');
			put_escaped(out, cmark_node_get_literal(t), 0);
			BUF_PUTSL(out, "](");
			put_url(out, cmark_node_get_url(n));
			buf_putc(out, ')');
			break;
		default:
			return -1;
		}
		first = 0;
	}
	return 0;
}

/*
 * Renders the body that md_body() builds (paragraphs, level-2 headings,
 * text, links) as CommonMark, escaping more eagerly than cmark's own
 * renderer (which also leaves a paragraph opening with ~~~ to become a
 * code fence) and about ten times faster. Returns -1, having written
 * nothing that counts, on any other kind of node.
 */
static int
render_body(struct buf *out, cmark_node *doc)
{
	cmark_node *b;
	size_t start = out->len;

	for (b = cmark_node_first_child(doc); b; b = cmark_node_next(b)) {
		if (b != cmark_node_first_child(doc))
			buf_putc(out, '\n');
		if (cmark_node_get_type(b) == CMARK_NODE_HEADING &&
		    cmark_node_get_heading_level(b) == 2)
			BUF_PUTSL(out, "## ");
		else if (cmark_node_get_type(b) != CMARK_NODE_PARAGRAPH)
			goto fail;
		if (put_inlines(out, b) < 0)
			goto fail;
		buf_putc(out, '\n');
	}
	return 0;
fail:
	out->len = start;
	out->data[start] = '\0';
	return -1;
}

/*
 * What render_body() writes for the tree of md_body() when the article
 * has no mentions to link (each block then holds one text node), written
 * straight from the blocks: the same blocks, cut at the same size, the
 * same escaping, without building the tree.
 */
static void
render_plain_body(struct buf *out, const struct article *a)
{
	struct buf tmp = BUF_INIT;
	size_t i, total = 0, n, blocks = 0;
	enum block_kind kind;
	const char *s;

	n = article_nblocks(a);
	for (i = 0; i < n && total < MD_BODY_MAX; i++) {
		s = article_block(a, i, &kind);
		if (s == NULL)
			continue;
		total += strlen(s);
		one_line(&tmp, s);
		if (tmp.len == 0)
			continue;
		if (blocks++ > 0)
			buf_putc(out, '\n');
		if (kind == BLOCK_SUBHEAD)
			BUF_PUTSL(out, "## ");
		put_escaped(out, tmp.data, 1);
		buf_putc(out, '\n');
	}
	buf_dispose(&tmp);
}

char *
md_page(const struct article *a, struct article *const *all, size_t n)
{
	struct buf page = BUF_INIT;
	cmark_node *doc;
	char *body;

	BUF_PUTSL(&page, "---\n");
	front_matter(&page, a, all, n);
	BUF_PUTSL(&page, "---\n\n");
	if (a->nmentions == 0) {
		render_plain_body(&page, a);
		return buf_detach(&page);
	}
	doc = md_body(a, PAGE_ROOT);
	if (render_body(&page, doc) < 0) {
		body = cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);
		buf_puts(&page, body);
		free(body);
	}
	cmark_node_free(doc);
	return buf_detach(&page);
}
