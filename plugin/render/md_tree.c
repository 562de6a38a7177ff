/*
 * md_tree.c: the body as a cmark node tree (md_body(), md.h), the oracle
 * that md.c's writer is measured against: tests render this tree with
 * cmark and compare, byte for byte, the HTML and the CommonMark that
 * md.c writes from its own segments. The build never calls it: writing
 * straight from the segments is 1.5 times faster than building this tree
 * and rendering it with cmark for HTML, and 3 times for CommonMark.
 */
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "render/md.h"
#include "render/md_int.h"
#include "parse/slug.h"
#include "core/buf.h"
#include "core/xalloc.h"

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

	md_one_line(tmp, text);
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

/* The text nodes that mentions may still link, in document order. */
struct texts {
	cmark_node	**v;
	size_t		  n, cap;
};

static void
texts_insert(struct texts *t, size_t at, cmark_node *node)
{
	ARRAY_GROW(t->v, t->n, t->cap);
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
		if ((p = md_find_word(lit, m->text, mlen)) == NULL)
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

