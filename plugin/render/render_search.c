/*
 * render_search.c: the static search index (search/), split so that a
 * visitor downloads only what a query needs, whatever the size of the
 * archive:
 *
 *   search/index.js     the list of shards and the number of documents
 *   search/t/HEX.js     the words that start with the bytes HEX (the
 *                       first two bytes of the word, in hex), each with
 *                       the ids of the articles that hold it
 *   search/d/N.js       the rows [title, href, date, source] of articles
 *                       (date as "3 June 2025", "" when undated)
 *                       N*SEARCH_CHUNK .. N*SEARCH_CHUNK+SEARCH_CHUNK-1
 *
 * Ids are positions in the newest-first order. Every file is a script
 * that calls MORGUE_SEARCH_DATA(KEY, DATA), so that templates/assets/
 * search.js loads it with a <script> element, from file:// as well as
 * over HTTP. Words are the runs of letters and digits of the title,
 * source, agency, dateline, authors and tag names, case-folded and
 * without accents (search.js folds queries the same way).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "render/render_int.h"
#include "core/xalloc.h"

/* Articles per file of search/d/. */
#define SEARCH_CHUNK	500

struct posting {
	struct buf	 ids;		/* "3,17,42" */
	size_t		 last;		/* the last id added, +1 (0: none) */
};

struct sindex {
	json_t		*words;		/* word -> integer index into post */
	struct posting	*post;
	size_t		 n;
	size_t		 cap;
};

static void
add_word(struct sindex *si, const char *w, size_t len, size_t id)
{
	struct posting *p;
	json_t *ix;
	char num[24];
	int k;

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
	if (p->last == id + 1)
		return;
	k = snprintf(num, sizeof(num), ",%zu", id);
	buf_put(&p->ids, p->last ? num : num + 1, p->last ? (size_t)k :
	    (size_t)k - 1);
	p->last = id + 1;
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

static void
add_article(struct sindex *si, json_t *card, const struct article *a,
    size_t id)
{
	json_t *v;
	size_t i;

	add_text(si, json_string_value(json_object_get(card, "title")), id);
	add_text(si, json_string_value(json_object_get(card, "dateline")),
	    id);
	for (i = 0; i < a->authors.n; i++)
		add_text(si, a->authors.v[i], id);
	add_text(si, json_string_value(json_object_get(
	    json_object_get(card, "source"), "name")), id);
	add_text(si, json_string_value(json_object_get(
	    json_object_get(card, "agency"), "name")), id);
	json_array_foreach(json_object_get(card, "tags"), i, v)
		add_text(si, json_string_value(json_object_get(v, "name")), id);
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

static void
shard_key(char *out, const char *word)
{
	size_t n = strlen(word) < 2 ? strlen(word) : 2, i;

	for (i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", (unsigned char)word[i]);
	out[2 * n] = '\0';
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One file per shard; the words of a shard are contiguous once the words
 * are sorted bytewise, since the shard is their first two bytes. */
static int
write_shards(struct render *r, struct sindex *si, json_t *names)
{
	const char **words = xcalloc(si->n + 1, sizeof(char *));
	struct buf b = BUF_INIT;
	char key[8], cur[8] = "", name[16];
	const char *w;
	json_t *ix, *js;
	size_t i = 0, j;
	char *s;
	int rc = 0;

	json_object_foreach(si->words, w, ix)
		words[i++] = w;
	sort_array(words, si->n, sizeof(char *), str_cmp);
	for (j = 0; j <= si->n && rc == 0; j++) {
		if (j < si->n)
			shard_key(key, words[j]);
		if (cur[0] != '\0' && (j == si->n || strcmp(key, cur) != 0)) {
			buf_putc(&b, '}');
			snprintf(name, sizeof(name), "t/%s", cur);
			rc = write_data(r, name, b.data);
			json_array_append_new(names, json_string(cur));
			buf_reset(&b);
		}
		if (j == si->n)
			break;
		buf_putc(&b, strcmp(key, cur) != 0 ? '{' : ',');
		memcpy(cur, key, sizeof(key));
		js = json_string(words[j]);
		s = json_dumps(js, JSON_ENCODE_ANY);
		json_decref(js);
		buf_printf(&b, "%s:[%s]", s, si->post[json_integer_value(
		    json_object_get(si->words, words[j]))].ids.data);
		free(s);
	}
	buf_dispose(&b);
	free(words);
	return rc;
}

static int
write_docs(struct render *r)
{
	json_t *rows = json_array(), *row, *card, *v;
	char name[32], *s;
	size_t i;
	int rc = 0;

	for (i = 0; i < r->norder && rc == 0; i++) {
		card = render_card(r, r->order[i]);
		row = json_array();
		json_array_append(row, json_object_get(card, "title"));
		json_array_append(row, json_object_get(card, "href"));
		v = json_object_get(card, "date_display");
		json_array_append_new(row, v ? json_incref(v) :
		    json_string(""));
		v = json_object_get(json_object_get(card, "source"), "name");
		json_array_append_new(row, v ? json_incref(v) :
		    json_string(""));
		json_array_append_new(rows, row);
		if (json_array_size(rows) == SEARCH_CHUNK ||
		    i + 1 == r->norder) {
			snprintf(name, sizeof(name), "d/%zu",
			    i / SEARCH_CHUNK);
			s = json_dumps(rows, JSON_COMPACT);
			rc = write_data(r, name, s);
			free(s);
			json_array_clear(rows);
		}
	}
	json_decref(rows);
	return rc;
}

int
render_search(struct render *r)
{
	struct sindex si;
	json_t *meta = json_object(), *names = json_array();
	size_t i;
	char *s;
	int rc;

	memset(&si, 0, sizeof(si));
	si.words = json_object();
	for (i = 0; i < r->norder; i++)
		add_article(&si, render_card(r, r->order[i]),
		    r->o->articles[r->order[i]], i);
	rc = write_shards(r, &si, names);
	if (rc == 0)
		rc = write_docs(r);
	json_object_set_new(meta, "docs", json_integer((json_int_t)r->norder));
	json_object_set_new(meta, "chunk", json_integer(SEARCH_CHUNK));
	json_object_set_new(meta, "shards", names);
	s = json_dumps(meta, JSON_COMPACT);
	if (rc == 0)
		rc = write_data(r, "index", s);
	free(s);
	json_decref(meta);
	for (i = 0; i < si.n; i++)
		buf_dispose(&si.post[i].ids);
	free(si.post);
	json_decref(si.words);
	if (rc == 0)
		rc = render_page(r, "search", "search/index.html",
		    json_object());
	return rc;
}
