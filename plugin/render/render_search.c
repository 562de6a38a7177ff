/*
 * render_search.c: the static full-text search index (search/), split so
 * that a visitor downloads only what a query needs, whatever the size of
 * the archive:
 *
 *   search/index.js     {docs, shards, text}: the number of stories, of
 *                       word shards, and the bytes of text kept per story
 *   search/w/K.js       the words whose hash (FNV-1a of the folded,
 *                       stemmed word, modulo shards) is K, each with its
 *                       postings: the stories that hold it
 *   search/a/N.js       story N: [title, href, date, outlets, text], the
 *                       text (title and body, cut at SEARCH_TEXT bytes)
 *                       for the snippet around a match
 *
 * One entry per story: the copies of a story are indexed together under
 * its first published copy, whose entry names the outlets of all. Stories
 * are numbered oldest first, so that a new article leaves the numbers of
 * the others alone. A posting is a comma-separated list of base-36
 * numbers, each 2 * (the story's number - the previous one's) plus 1 when
 * the word is in the title or a name (tags, authors, outlets, dateline,
 * and every spelling the rules merge into a tag's name), plus 0 when it
 * is in the body only.
 *
 * Every file is a script that calls MORGUE_SEARCH_DATA(KEY, DATA), so
 * that templates/assets/search.js loads it with a <script> element, from
 * file:// as well as over HTTP. Words are the runs of letters and digits,
 * case-folded and without accents, then stemmed (render_search_stem(),
 * which search.js does alike): talks, talked and talking are one word.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "render/render_int.h"
#include "core/xalloc.h"

#define SHARD_BYTES	(40 * 1024)	/* the size a word shard aims at */
#define SEARCH_TEXT	6000		/* bytes of text kept per story */

struct posting {
	struct buf	 ids;		/* "5,2,13" */
	size_t		 last;		/* the last story added, +1 (0: none) */
};

struct sindex {
	json_t		*words;		/* word -> integer index into post */
	struct posting	*post;
	size_t		 n;
	size_t		 cap;
	json_t		*seen;		/* the story's words -> 1 body, 2 name */
	int		 strong;	/* the words being added are names */
};

size_t
render_search_stem(const char *w, size_t n)
{
#define ENDS(s) (n >= sizeof(s) - 1 && memcmp(w + n - (sizeof(s) - 1), s, \
	    sizeof(s) - 1) == 0)
	if (n > 4 && ENDS("ies"))
		n -= 2;
	else if (n > 3 && ENDS("s") && !ENDS("ss") && !ENDS("us") &&
	    !ENDS("is"))
		n--;
	if (n > 5 && ENDS("ing"))
		n -= 3;
	else if (n > 4 && ENDS("ed"))
		n -= 2;
	/* policy and policies, the "ies" cut to "i" above, meet at "polic" */
	if (n > 3 && (ENDS("y") || ENDS("i")))
		n--;
	return n;
#undef ENDS
}

/* Notes word w of the story being indexed. */
static void
add_word(struct sindex *si, const char *w, size_t len, size_t id)
{
	json_t *v;
	int strong = si->strong ? 2 : 1;

	(void)id;
	len = render_search_stem(w, len);
	if ((v = json_object_getn(si->seen, w, len)) == NULL)
		json_object_setn_new_nocheck(si->seen, w, len,
		    json_integer(strong));
	else if (json_integer_value(v) < strong)
		json_integer_set(v, strong);
}

/* Adds the words noted for story id to the postings. */
static void
flush_story(struct sindex *si, size_t id)
{
	static const char digit[] = "0123456789abcdefghijklmnopqrstuvwxyz";
	struct posting *p;
	const char *w;
	json_t *ix, *v;
	char num[32];
	size_t delta, len;
	int k;

	json_object_foreach(si->seen, w, v) {
		len = strlen(w);
		if ((ix = json_object_getn(si->words, w, len)) == NULL) {
			if (si->n == si->cap) {
				si->cap = si->cap ? si->cap * 2 : 1024;
				si->post = xreallocarray(si->post, si->cap,
				    sizeof(*si->post));
			}
			p = &si->post[si->n];
			memset(p, 0, sizeof(*p));
			p->ids.data = buf_empty;
			json_object_setn_new_nocheck(si->words, w, len,
			    json_integer((json_int_t)si->n++));
		} else
			p = &si->post[json_integer_value(ix)];
		delta = 2 * (id + 1 - p->last) + (json_integer_value(v) == 2);
		k = 0;
		do
			num[sizeof(num) - 1 - k++] = digit[delta % 36];
		while ((delta /= 36) > 0);
		if (p->last)
			buf_putc(&p->ids, ',');
		buf_put(&p->ids, num + sizeof(num) - k, (size_t)k);
		p->last = id + 1;
	}
	json_object_clear(si->seen);
}

/* add_text() for ASCII: folding is lowercasing, words are runs of
 * letters and digits, as utf8proc would find them. */
static void
add_ascii(struct sindex *si, const char *text, size_t len, size_t id)
{
	char small[256], *low = len < sizeof(small) ? small : xmalloc(len + 1);
	size_t i, start = 0;
	int in = 0;

	for (i = 0; i <= len; i++) {
		char c = i < len ? text[i] : ' ';

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		low[i] = c;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (!in)
				start = i;
			in = 1;
		} else if (in) {
			add_word(si, low + start, i - start, id);
			in = 0;
		}
	}
	if (low != small)
		free(low);
}

static int
word_char(utf8proc_int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);

	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
	    (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

/* Adds the words of text (valid UTF-8) to the index under id. */
static void
add_text(struct sindex *si, const char *text, size_t id)
{
	utf8proc_uint8_t *folded = NULL;
	utf8proc_int32_t cp;
	utf8proc_ssize_t len, i = 0, k, start = -1;

	if (text == NULL || *text == '\0')
		return;
	for (i = 0; text[i] != '\0' && (unsigned char)text[i] < 0x80; i++)
		continue;
	if (text[i] == '\0') {
		add_ascii(si, text, (size_t)i, id);
		return;
	}
	i = 0;
	len = utf8proc_map((const utf8proc_uint8_t *)text, 0, &folded,
	    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
	    UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
	if (len < 0)
		return;
	while (i <= len) {
		cp = -1;
		k = i < len ? utf8proc_iterate(folded + i, len - i, &cp) : 1;
		if (k <= 0)
			k = 1;
		if (cp >= 0 && word_char(cp)) {
			if (start < 0)
				start = i;
		} else if (start >= 0) {
			add_word(si, (const char *)folded + start,
			    (size_t)(i - start), id);
			start = -1;
		}
		i += k;
	}
	free(folded);
}

/* The merged spellings by name: {name: [spelling, ...]}; a new reference. */
static json_t *
spellings_by_name(const struct render *r)
{
	const struct strv *sp = r->o->spellings;
	json_t *m = json_object(), *v;
	size_t i;

	for (i = 0; sp != NULL && i + 1 < sp->n; i += 2) {
		if ((v = json_object_get(m, sp->v[i])) == NULL) {
			v = json_array();
			json_object_set_new(m, sp->v[i], v);
		}
		json_array_append_new(v, json_string(sp->v[i + 1]));
	}
	return m;
}

/* Notes the words of article i, a copy of the story being indexed. */
static void
add_article(struct render *r, struct sindex *si, json_t *spell, size_t i)
{
	const struct article *a = r->o->articles[i];
	json_t *card = render_card(r, i), *v, *s;
	enum block_kind kind;
	size_t k, j;

	si->strong = 1;
	add_text(si, json_string_value(json_object_get(card, "title")), 0);
	add_text(si, json_string_value(json_object_get(card, "dateline")), 0);
	for (k = 0; k < a->authors.n; k++)
		add_text(si, a->authors.v[k], 0);
	add_text(si, json_string_value(json_object_get(
	    json_object_get(card, "source"), "name")), 0);
	add_text(si, json_string_value(json_object_get(
	    json_object_get(card, "agency"), "name")), 0);
	json_array_foreach(json_object_get(card, "tags"), k, v) {
		add_text(si, json_string_value(json_object_get(v, "name")), 0);
		json_array_foreach(json_object_get(spell, json_string_value(
		    json_object_get(v, "name"))), j, s)
			add_text(si, json_string_value(s), 0);
	}
	si->strong = 0;
	for (k = 0; k < article_nblocks(a); k++)
		add_text(si, article_block(a, k, &kind), 0);
}

/* The title and body of article i, cut at SEARCH_TEXT on a character. */
static json_t *
story_text(const struct render *r, size_t i)
{
	const struct article *a = r->o->articles[i];
	struct buf b = BUF_INIT;
	enum block_kind kind;
	const char *s;
	json_t *out;
	size_t k, n;

	for (k = 0; k < article_nblocks(a) && b.len < SEARCH_TEXT; k++)
		if ((s = article_block(a, k, &kind)) != NULL && *s != '\0') {
			if (b.len > 0)
				buf_putc(&b, '\n');
			buf_puts(&b, s);
		}
	n = b.len;
	if (n > SEARCH_TEXT) {
		n = SEARCH_TEXT;
		while (n > 0 && ((unsigned char)b.data[n] & 0xC0) == 0x80)
			n--;
	}
	out = json_stringn_nocheck(b.len ? b.data : "", n);
	buf_dispose(&b);
	return out;
}

/* Writes search/KEY.js: MORGUE_SEARCH_DATA("KEY",json); */
static int
write_data(struct render *r, const char *key, const char *json)
{
	struct buf b = BUF_INIT, path = BUF_INIT;
	int rc;

	buf_printf(&b, "MORGUE_SEARCH_DATA(\"%s\",", key);
	render_json_script(&b, json);
	BUF_PUTSL(&b, ");\n");
	buf_printf(&path, "search/%s.js", key);
	rc = render_write(r, path.data, b.data, b.len);
	buf_dispose(&b);
	buf_dispose(&path);
	return rc;
}

/* FNV-1a over the bytes of the word, as search.js computes it. */
static uint32_t
fnv1a(const char *w)
{
	uint32_t h = 2166136261u;

	for (; *w != '\0'; w++) {
		h ^= (unsigned char)*w;
		h *= 16777619u;
	}
	return h;
}

/* Words into shards of about SHARD_BYTES; *nshards is set. */
static int
write_shards(struct render *r, struct sindex *si, size_t *nshards)
{
	struct buf *b;
	const char *w;
	json_t *ix, *js;
	size_t total = 0, ns, k;
	char name[32], *s;
	int rc = 0;

	json_object_foreach(si->words, w, ix)
		total += strlen(w) + si->post[json_integer_value(ix)].ids.len +
		    6;
	ns = total / SHARD_BYTES + 1;
	b = xcalloc(ns, sizeof(*b));
	for (k = 0; k < ns; k++)
		b[k] = (struct buf)BUF_INIT;
	json_object_foreach(si->words, w, ix) {
		k = fnv1a(w) % ns;
		buf_putc(&b[k], b[k].len ? ',' : '{');
		js = json_string(w);
		s = json_dumps(js, JSON_ENCODE_ANY);
		json_decref(js);
		buf_printf(&b[k], "%s:\"%s\"", s,
		    si->post[json_integer_value(ix)].ids.data);
		free(s);
	}
	for (k = 0; k < ns; k++) {
		if (b[k].len == 0)
			buf_putc(&b[k], '{');
		buf_putc(&b[k], '}');
		snprintf(name, sizeof(name), "w/%zu", k);
		if (rc == 0)
			rc = write_data(r, name, b[k].data);
		buf_dispose(&b[k]);
	}
	free(b);
	*nshards = ns;
	return rc;
}

/* Writes search/a/ID.js for the story whose copies are mem[0..n). */
static int
write_story(struct render *r, size_t id, const size_t *mem, size_t n)
{
	json_t *row = json_array(), *card = render_list_card(r, mem[0]);
	json_t *outlets = json_array(), *o, *v, *e;
	struct buf names = BUF_INIT;
	char key[32], *s;
	size_t k, j;
	int rc;

	for (k = 0; k < n; k++) {
		if ((v = render_list_card(r, mem[k])) == NULL)
			continue;
		o = json_object_get(v, "outlet");
		json_array_foreach(outlets, j, e)
			if (json_equal(e, o))
				break;
		if (json_is_string(o) && j == json_array_size(outlets)) {
			json_array_append(outlets, o);
			buf_printf(&names, "%s%s", names.len ? ", " : "",
			    json_string_value(o));
		}
		json_decref(v);
	}
	json_array_append(row, json_object_get(card, "title"));
	json_array_append(row, json_object_get(card, "href"));
	v = json_object_get(card, "date_display");
	json_array_append_new(row, json_is_string(v) ? json_incref(v) :
	    json_string(""));
	json_array_append_new(row, json_string(names.len ? names.data : ""));
	json_array_append_new(row, story_text(r, mem[0]));
	snprintf(key, sizeof(key), "a/%zu", id);
	s = json_dumps(row, JSON_COMPACT);
	rc = write_data(r, key, s);
	free(s);
	json_decref(row);
	json_decref(card);
	json_decref(outlets);
	buf_dispose(&names);
	return rc;
}

int
render_search(struct render *r)
{
	struct sindex si;
	json_t *meta = json_object(), *spell = spellings_by_name(r);
	size_t *id, *first, *off, *mem, i, k, p, ns = 0, nid = 0;
	char *s;
	int rc = 0;

	memset(&si, 0, sizeof(si));
	si.words = json_object();
	si.seen = json_object();
	/* A story once, under the copy the lists show (render_story.c),
	 * numbered oldest first; its copies are indexed with it. */
	id = xreallocarray(NULL, r->o->n + 1, sizeof(*id));
	first = xreallocarray(NULL, r->norder + 1, sizeof(*first));
	for (i = 0; i < r->o->n; i++)
		id[i] = SIZE_MAX;
	for (p = r->norder; p-- > 0;) {
		first[p] = render_story_first(r, r->order[p]);
		if (id[first[p]] == SIZE_MAX)
			id[first[p]] = nid++;
	}
	off = xcalloc(nid + 2, sizeof(*off));
	mem = xreallocarray(NULL, r->norder + 1, sizeof(*mem));
	for (p = 0; p < r->norder; p++)
		off[id[first[p]] + 2]++;
	for (k = 0; k < nid; k++)
		off[k + 2] += off[k + 1];
	/* The shown copy first, then the others, oldest first. */
	for (p = 0; p < r->norder; p++)
		if (first[p] == r->order[p])
			mem[off[id[first[p]] + 1]++] = r->order[p];
	for (p = r->norder; p-- > 0;)
		if (first[p] != r->order[p])
			mem[off[id[first[p]] + 1]++] = r->order[p];
	for (k = 0; k < nid && rc == 0; k++) {
		for (i = off[k]; i < off[k + 1]; i++)
			add_article(r, &si, spell, mem[i]);
		flush_story(&si, k);
		rc = write_story(r, k, mem + off[k], off[k + 1] - off[k]);
	}
	free(id);
	free(first);
	free(off);
	free(mem);
	if (rc == 0)
		rc = write_shards(r, &si, &ns);
	json_object_set_new(meta, "docs", json_integer((json_int_t)nid));
	json_object_set_new(meta, "shards", json_integer((json_int_t)ns));
	json_object_set_new(meta, "text", json_integer(SEARCH_TEXT));
	s = json_dumps(meta, JSON_COMPACT);
	if (rc == 0)
		rc = write_data(r, "index", s);
	free(s);
	json_decref(meta);
	json_decref(spell);
	for (i = 0; i < si.n; i++)
		buf_dispose(&si.post[i].ids);
	free(si.post);
	json_decref(si.words);
	json_decref(si.seen);
	if (rc == 0)
		rc = render_page(r, "search", "search/index.html",
		    json_object());
	return rc;
}
