/*
 * render_search.c: the static full-text search index (search/), split so
 * that a visitor downloads only what a query needs, whatever the size of
 * the archive, and so that a new article rewrites only a few of its files:
 *
 *   search/index.js     {docs, shards, text, sealed, delta}: the number of
 *                       stories, of sealed word shards, the bytes of text
 *                       kept per story, the number of stories in the
 *                       sealed shards, and of delta shards
 *   search/w/K.js       the sealed shards: the words of stories 0 to
 *                       sealed - 1 whose hash (FNV-1a of the folded,
 *                       stemmed word, modulo shards) is K, each with its
 *                       postings: the stories that hold it
 *   search/d/K.js       the delta shards: the same for the newer stories,
 *                       from sealed on (hash modulo delta)
 *   search/a/N.js       story N: [title, href, date, outlets, text], the
 *                       text (title and body, cut at SEARCH_TEXT bytes)
 *                       for the snippet around a match
 *
 * One entry per story: the copies of a story are indexed together under
 * its first published copy, whose entry names the outlets of all. Stories
 * are numbered oldest first, so that a new article leaves the numbers of
 * the others alone. The stories are cut in blocks (search_block(): a
 * power of two near the square root of their number); every full block
 * is in the sealed shards and the newest stories, fewer than a block,
 * in the delta shards. A new story rewrites the delta shards, which are
 * small, and leaves the sealed ones alone until it fills a block: then
 * the block is merged into the sealed shards, which are all rewritten,
 * once per block of new stories. Which story goes where is a function
 * of the articles alone, so that a build from scratch writes the same
 * files as one that follows others.
 *
 * A posting is a comma-separated list of base-36 numbers, each 2 * (the
 * story's number - the previous one's, the first counted from -1) plus 1
 * when the word is in the title or a name (tags, authors, outlets,
 * dateline, and every spelling the rules merge into a tag's name), plus
 * 0 when it is in the body only. A word's postings are those of its
 * sealed shard, then those of its delta shard.
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
#include "core/map.h"
#include "core/par.h"
#include "core/xalloc.h"

#define SHARD_BYTES	(40 * 1024)	/* the size a word shard aims at */
#define SEARCH_TEXT	6000		/* bytes of text kept per story */
#define BLOCK_MIN	8		/* stories in the smallest block */

/* A word of one part (sealed or delta) of the index. */
struct sword {
	char		*w;		/* owned; the map's key */
	size_t		 len;
	struct buf	 ids;		/* "5,2,13" */
	size_t		 last;		/* the last story added, +1 (0: none) */
	size_t		 story;		/* the story noting it now, +1 */
	int		 strength;	/* there: 1 body, 2 title or name */
};

/* The words of one part of the index, and those of the story being
 * indexed (cur: indices into v). */
struct sindex {
	struct map	 words;		/* word -> index into v */
	struct sword	*v;
	size_t		 n;
	size_t		 cap;
	size_t		*cur;
	size_t		 ncur;
	size_t		 capcur;
	size_t		 story;		/* the story being indexed, +1 */
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

/* Notes word w (stemmed, of length len, not NUL-terminated) of the
 * story being indexed, strong when it names. */
static void
add_word(struct sindex *si, const char *w, size_t len, int strong)
{
	struct sword *s;
	size_t *ix;
	char *key;
	int added;

	strong = strong ? 2 : 1;
	if ((ix = map_get(&si->words, w, len)) == NULL) {
		key = xstrndup(w, len);
		ix = map_put(&si->words, key, len, &added);
		ARRAY_GROW(si->v, si->n, si->cap);
		*ix = si->n;
		s = &si->v[si->n++];
		memset(s, 0, sizeof(*s));
		s->w = key;
		s->len = len;
		s->ids = (struct buf)BUF_INIT;
	} else
		s = &si->v[*ix];
	if (s->story != si->story) {
		s->story = si->story;
		s->strength = strong;
		ARRAY_GROW(si->cur, si->ncur, si->capcur);
		si->cur[si->ncur++] = (size_t)(s - si->v);
	} else if (s->strength < strong)
		s->strength = strong;
}

/* Adds the words noted for the story being indexed, numbered id, to the
 * postings. */
static void
flush_story(struct sindex *si, size_t id)
{
	static const char digit[] = "0123456789abcdefghijklmnopqrstuvwxyz";
	struct sword *s;
	char num[32];
	size_t delta, k;
	int j;

	for (k = 0; k < si->ncur; k++) {
		s = &si->v[si->cur[k]];
		delta = 2 * (id + 1 - s->last) + (s->strength == 2);
		j = 0;
		do
			num[sizeof(num) - 1 - j++] = digit[delta % 36];
		while ((delta /= 36) > 0);
		if (s->last)
			buf_putc(&s->ids, ',');
		buf_put(&s->ids, num + sizeof(num) - j, (size_t)j);
		s->last = id + 1;
	}
	si->ncur = 0;
}

static void
sindex_dispose(struct sindex *si)
{
	size_t i;

	for (i = 0; i < si->n; i++) {
		free(si->v[i].w);
		buf_dispose(&si->v[i].ids);
	}
	free(si->v);
	free(si->cur);
	map_dispose(&si->words);
}

/*
 * The words of a story's texts, folded and stemmed, in order, each with
 * whether it names: made on every core (bag_text()), then added to the
 * index story by story in order (add_bag()), as if read there.
 */
struct bag {
	struct buf	 w;	/* each word after its length (a size_t)
				   and whether it names (a byte) */
};

#define BAG_HEAD	(sizeof(size_t) + 1)

static void
bag_word(struct bag *b, const char *w, size_t len, int strong)
{
	char *p;

	len = render_search_stem(w, len);
	/* One grow for the three parts: an archive has millions of words,
	 * and three calls each were a tenth of the index's time. */
	buf_grow(&b->w, BAG_HEAD + len);
	p = b->w.data + b->w.len;
	memcpy(p, &len, sizeof(len));
	p[sizeof(len)] = (char)(strong != 0);
	memcpy(p + BAG_HEAD, w, len);
	b->w.len += BAG_HEAD + len;
	b->w.data[b->w.len] = '\0';
}

static void
add_bag(struct sindex *si, const struct bag *b)
{
	const char *p = b->w.data, *end = p + b->w.len;
	size_t len;

	while (p < end) {
		memcpy(&len, p, sizeof(len));
		add_word(si, p + BAG_HEAD, len, p[sizeof(len)]);
		p += BAG_HEAD + len;
	}
}

/* bag_text() for ASCII: folding is lowercasing, words are runs of
 * letters and digits, as utf8proc would find them. */
static void
bag_ascii(struct bag *bag, const char *text, size_t len, int strong)
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
			bag_word(bag, low + start, i - start, strong);
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

/* Notes the words of text (valid UTF-8). */
static void
bag_text(struct bag *bag, const char *text, int strong)
{
	utf8proc_uint8_t *folded = NULL;
	utf8proc_int32_t cp;
	utf8proc_ssize_t len, i = 0, k, start = -1;

	if (text == NULL || *text == '\0')
		return;
	for (i = 0; text[i] != '\0' && (unsigned char)text[i] < 0x80; i++)
		continue;
	if (text[i] == '\0') {
		bag_ascii(bag, text, (size_t)i, strong);
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
			bag_word(bag, (const char *)folded + start,
			    (size_t)(i - start), strong);
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

/* Each text the index reads of an article, and whether it names. */
typedef void (*text_fn)(void *, const char *, int);

/* Hands fn the texts of article i that the index reads, in order: its
 * names (strong) first, then the blocks of its body. */
static void
article_texts(struct render *r, json_t *spell, size_t i, text_fn fn,
    void *arg)
{
	const struct article *a = r->o->articles[i];
	json_t *card = render_card(r, i), *v, *s;
	enum block_kind kind;
	size_t k, j;

	fn(arg, json_string_value(json_object_get(card, "title")), 1);
	fn(arg, json_string_value(json_object_get(card, "dateline")), 1);
	for (k = 0; k < a->authors.n; k++)
		fn(arg, a->authors.v[k], 1);
	fn(arg, json_string_value(json_object_get(
	    json_object_get(card, "source"), "name")), 1);
	fn(arg, json_string_value(json_object_get(
	    json_object_get(card, "agency"), "name")), 1);
	json_array_foreach(json_object_get(card, "tags"), k, v) {
		fn(arg, json_string_value(json_object_get(v, "name")), 1);
		json_array_foreach(json_object_get(spell, json_string_value(
		    json_object_get(v, "name"))), j, s)
			fn(arg, json_string_value(s), 1);
	}
	for (k = 0; k < article_nblocks(a); k++)
		fn(arg, article_block(a, k, &kind), 0);
}

static void
index_text(void *arg, const char *text, int strong)
{
	bag_text(arg, text, strong);
}

/* The key of what the index reads, every text with its kind. */
static void
hash_text(void *arg, const char *text, int strong)
{
	size_t len = text != NULL ? strlen(text) + 1 : 0;

	XXH3_128bits_update(arg, &strong, sizeof(strong));
	XXH3_128bits_update(arg, &len, sizeof(len));
	if (len > 0)
		XXH3_128bits_update(arg, text, len);
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

/* Writes search/KEY.js: MORGUE_SEARCH_DATA("KEY",json); with the key
 * of its inputs k (NULL: none). */
static int
write_data_key(struct render *r, const char *key, const char *json,
    const XXH128_hash_t *k)
{
	struct buf b = BUF_INIT, path = BUF_INIT;
	int rc;

	buf_printf(&b, "MORGUE_SEARCH_DATA(\"%s\",", key);
	render_json_script(&b, json);
	BUF_PUTSL(&b, ");\n");
	buf_printf(&path, "search/%s.js", key);
	rc = render_write_key(r, path.data, b.data, b.len, k);
	buf_dispose(&b);
	buf_dispose(&path);
	return rc;
}

static int
write_data(struct render *r, const char *key, const char *json)
{
	return write_data_key(r, key, json, NULL);
}

/* FNV-1a over the bytes of the word, as search.js computes it. */
static uint32_t
fnv1a(const char *w, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)w[i];
		h *= 16777619u;
	}
	return h;
}

/* A word and its shard, for sorting a part's words into its shards. */
struct placed {
	size_t			 shard;
	const struct sword	*s;
};

/* By shard, then bytewise by word: each shard's words in one order. */
static int
placed_cmp(const void *x, const void *y)
{
	const struct placed *a = x, *b = y;
	size_t n = a->s->len < b->s->len ? a->s->len : b->s->len;
	int c;

	if (a->shard != b->shard)
		return a->shard < b->shard ? -1 : 1;
	if ((c = memcmp(a->s->w, b->s->w, n)) != 0)
		return c;
	return a->s->len < b->s->len ? -1 : a->s->len > b->s->len;
}

/* The key of shard k of a part whose texts have the key base (below),
 * last when it is the part's last shard. */
static XXH128_hash_t
shard_key(const XXH128_hash_t *base, size_t k, int last)
{
	XXH128_hash_t v[2] = { *base, { k, (XXH64_hash_t)last } };

	return XXH3_128bits(v, sizeof(v));
}

/*
 * Writes the words of si into shards of about SHARD_BYTES, DIR/0.js to
 * DIR/(*nshards - 1).js, at least one (an empty part: "{}"), each a JSON
 * object {word: postings}, keyed by shard_key() of base when base is not
 * NULL. The words are runs of letters and digits, which need no escape
 * in a JSON string. Returns 0 or -1.
 */
static int
write_shards(struct render *r, const struct sindex *si, const char *dir,
    const XXH128_hash_t *base, size_t *nshards)
{
	XXH128_hash_t key;
	struct placed *pl = xcalloc(si->n + 1, sizeof(*pl));
	struct buf b = BUF_INIT;
	size_t total = 0, ns, i = 0, k;
	char name[32];
	int rc = 0;

	for (k = 0; k < si->n; k++)
		total += si->v[k].len + si->v[k].ids.len + 6;
	ns = total / SHARD_BYTES + 1;
	for (k = 0; k < si->n; k++) {
		pl[k].s = &si->v[k];
		pl[k].shard = fnv1a(si->v[k].w, si->v[k].len) % ns;
	}
	sort_array(pl, si->n, sizeof(*pl), placed_cmp);
	for (k = 0; k < ns && rc == 0; k++) {
		buf_reset(&b);
		buf_putc(&b, '{');
		for (; i < si->n && pl[i].shard == k; i++) {
			if (b.len > 1)
				buf_putc(&b, ',');
			buf_putc(&b, '"');
			buf_put(&b, pl[i].s->w, pl[i].s->len);
			BUF_PUTSL(&b, "\":\"");
			buf_put(&b, pl[i].s->ids.data, pl[i].s->ids.len);
			buf_putc(&b, '"');
		}
		buf_putc(&b, '}');
		snprintf(name, sizeof(name), "%s/%zu", dir, k);
		if (base != NULL)
			key = shard_key(base, k, k + 1 == ns);
		rc = write_data_key(r, name, b.data, base != NULL ? &key : NULL);
	}
	buf_dispose(&b);
	free(pl);
	*nshards = ns;
	return rc;
}

/* Puts the string s (NULL: none) into st, with its length. */
static void
put_str(XXH3_state_t *st, const char *s)
{
	hash_text(st, s, 0);
}

/*
 * The key of search/a/ID.js: morgue itself, its path and all the row
 * shows (title, href, date, the outlets' names, and the blocks the text
 * is cut from). 0, or -1 without keys.
 */
static int
story_key(XXH128_hash_t *out, struct render *r, const char *path,
    json_t *card, const char *names, size_t i)
{
	const struct article *a = r->o->articles[i];
	enum block_kind kind;
	XXH3_state_t *st;
	size_t k;

	if (!r->keyed || r->o->keep == NULL ||
	    (st = XXH3_createState()) == NULL)
		return -1;
	XXH3_128bits_reset(st);
	XXH3_128bits_update(st, &r->self, sizeof(r->self));
	put_str(st, path);
	put_str(st, json_string_value(json_object_get(card, "title")));
	put_str(st, json_string_value(json_object_get(card, "href")));
	put_str(st, json_string_value(json_object_get(card,
	    "date_display")));
	put_str(st, names);
	for (k = 0; k < article_nblocks(a); k++)
		put_str(st, article_block(a, k, &kind));
	*out = XXH3_128bits_digest(st);
	XXH3_freeState(st);
	return 0;
}

/* Writes search/a/ID.js for the story whose copies are mem[0..n), unless
 * the output holds it as keyed. */
static int
write_story(struct render *r, size_t id, const size_t *mem, size_t n)
{
	json_t *card = render_list_card(r, mem[0]), *row, *outlets, *o, *v, *e;
	struct buf names = BUF_INIT;
	XXH128_hash_t k;
	char key[32], path[64], *s;
	size_t i, j;
	int rc = 0, keyed;

	outlets = json_array();
	for (i = 0; i < n; i++) {
		if ((v = render_list_card(r, mem[i])) == NULL)
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
	snprintf(key, sizeof(key), "a/%zu", id);
	snprintf(path, sizeof(path), "search/%s.js", key);
	keyed = story_key(&k, r, path, card, names.len ? names.data : "",
	    mem[0]) == 0;
	if (keyed && r->o->keep(r->o->write_arg, path, &k))
		goto out;
	row = json_array();
	json_array_append(row, json_object_get(card, "title"));
	json_array_append(row, json_object_get(card, "href"));
	v = json_object_get(card, "date_display");
	json_array_append_new(row, json_is_string(v) ? json_incref(v) :
	    json_string(""));
	json_array_append_new(row, json_string(names.len ? names.data : ""));
	json_array_append_new(row, story_text(r, mem[0]));
	s = json_dumps(row, JSON_COMPACT);
	rc = write_data_key(r, key, s, keyed ? &k : NULL);
	free(s);
	json_decref(row);
out:
	json_decref(card);
	json_decref(outlets);
	buf_dispose(&names);
	return rc;
}

/*
 * Stories in a block: the smallest power of two from BLOCK_MIN whose
 * square is at least n, about the square root of n. A new story then
 * rewrites the delta shards, at most a block of stories, and every
 * block the sealed ones, about n stories: each costs about the square
 * root of n stories' postings per story added, the least of the two.
 */
static size_t
search_block(size_t n)
{
	size_t b = BLOCK_MIN;

	while (b * b < n)
		b *= 2;
	return b;
}

/*
 * The stories: each once, under the copy the lists show
 * (render_story.c), numbered oldest first, with its copies: the story
 * numbered k has the articles mem[off[k]] to mem[off[k + 1] - 1], the
 * shown copy first, then the others, oldest first. Returns the number of
 * stories; *memp and *offp are the caller's to free.
 */
static size_t
number_stories(struct render *r, size_t **memp, size_t **offp)
{
	size_t *id, *first, *off, *mem, i, k, p, nid = 0;

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
	for (p = 0; p < r->norder; p++)
		if (first[p] == r->order[p])
			mem[off[id[first[p]] + 1]++] = r->order[p];
	for (p = r->norder; p-- > 0;)
		if (first[p] != r->order[p])
			mem[off[id[first[p]] + 1]++] = r->order[p];
	free(id);
	free(first);
	*memp = mem;
	*offp = off;
	return nid;
}

/*
 * The key of the sealed shards (0, or -1 without keys): morgue itself
 * and every text the index reads of the first sealed stories, story by
 * story. The shards are a function of these alone.
 */
static int
sealed_key(XXH128_hash_t *out, struct render *r, json_t *spell,
    const size_t *mem, const size_t *off, size_t sealed)
{
	XXH3_state_t *st;
	size_t k, i;

	if (!r->keyed || r->o->keep == NULL ||
	    (st = XXH3_createState()) == NULL)
		return -1;
	XXH3_128bits_reset(st);
	XXH3_128bits_update(st, &r->self, sizeof(r->self));
	XXH3_128bits_update(st, "search/w", 8);
	for (k = 0; k < sealed; k++) {
		XXH3_128bits_update(st, &k, sizeof(k));
		for (i = off[k]; i < off[k + 1]; i++)
			article_texts(r, spell, mem[i], hash_text, st);
	}
	*out = XXH3_128bits_digest(st);
	XXH3_freeState(st);
	return 0;
}

/*
 * Whether the output holds the sealed shards that key stands for, as a
 * build wrote them: search/w/0.js on, each with its shard_key(), up to
 * the one keyed as the last; *ns is then their number. Those found are
 * kept; when one is missing, they are all written again (their bytes
 * the same: nothing changes on disk).
 */
static int
sealed_kept(struct render *r, const XXH128_hash_t *key, size_t *ns)
{
	char path[64];
	XXH128_hash_t k;
	size_t sh;

	for (sh = 0; ; sh++) {
		snprintf(path, sizeof(path), "search/w/%zu.js", sh);
		k = shard_key(key, sh, 1);
		if (r->o->keep(r->o->write_arg, path, &k)) {
			*ns = sh + 1;
			return 1;
		}
		k = shard_key(key, sh, 0);
		if (!r->o->keep(r->o->write_arg, path, &k))
			return 0;
	}
}

/* The words of a batch of stories, read on every core: bags[k] for
 * story base + k. */
#define SEARCH_BATCH	512

struct bag_job {
	struct render	*r;
	json_t		*spell;
	const size_t	*mem, *off;
	size_t		 base;
	struct bag	*bags;
};

static void
bag_story(void *arg, size_t k, unsigned worker)
{
	struct bag_job *j = arg;
	struct bag *b = &j->bags[k];
	size_t i, id = j->base + k;

	(void)worker;
	buf_reset(&b->w);
	for (i = j->off[id]; i < j->off[id + 1]; i++)
		article_texts(j->r, j->spell, j->mem[i], index_text, b);
}

int
render_search(struct render *r)
{
	struct sindex part[2], *si;
	json_t *meta = json_object(), *spell = spellings_by_name(r);
	struct bag_job bj;
	XXH128_hash_t key;
	size_t *off, *mem, k, b0, b1, nid, sealed, ns = 0, nd = 0;
	char *s;
	int rc = 0, keyed, kept;

	memset(part, 0, sizeof(part));
	nid = number_stories(r, &mem, &off);
	sealed = nid - nid % search_block(nid);
	/* The sealed stories change only when an old article does: their
	 * words are read again only then. */
	keyed = sealed_key(&key, r, spell, mem, off, sealed) == 0;
	kept = keyed && sealed_kept(r, &key, &ns);
	bj.r = r;
	bj.spell = spell;
	bj.mem = mem;
	bj.off = off;
	bj.bags = xcalloc(SEARCH_BATCH, sizeof(*bj.bags));
	for (k = 0; k < SEARCH_BATCH; k++)
		bj.bags[k].w = (struct buf)BUF_INIT;
	for (b0 = kept ? sealed : 0; b0 < nid; b0 = b1) {
		b1 = nid - b0 > SEARCH_BATCH ? b0 + SEARCH_BATCH : nid;
		bj.base = b0;
		par_for(b1 - b0, r->o->jobs, 8, bag_story, &bj);
		for (k = b0; k < b1; k++) {
			si = &part[k >= sealed];
			si->story = k + 1;
			add_bag(si, &bj.bags[k - b0]);
			flush_story(si, k);
		}
	}
	for (k = 0; k < SEARCH_BATCH; k++)
		buf_dispose(&bj.bags[k].w);
	free(bj.bags);
	for (k = 0; k < nid && rc == 0; k++)
		rc = write_story(r, k, mem + off[k], off[k + 1] - off[k]);
	free(off);
	free(mem);
	if (rc == 0 && !kept)
		rc = write_shards(r, &part[0], "w", keyed ? &key : NULL, &ns);
	if (rc == 0 && sealed < nid)
		rc = write_shards(r, &part[1], "d", NULL, &nd);
	json_object_set_new(meta, "docs", json_integer((json_int_t)nid));
	json_object_set_new(meta, "shards", json_integer((json_int_t)ns));
	json_object_set_new(meta, "text", json_integer(SEARCH_TEXT));
	json_object_set_new(meta, "sealed", json_integer((json_int_t)sealed));
	json_object_set_new(meta, "delta", json_integer((json_int_t)nd));
	s = json_dumps(meta, JSON_COMPACT | JSON_PRESERVE_ORDER);
	if (rc == 0)
		rc = write_data(r, "index", s);
	free(s);
	json_decref(meta);
	json_decref(spell);
	sindex_dispose(&part[0]);
	sindex_dispose(&part[1]);
	if (rc == 0)
		rc = render_page(r, "search", "search/index.html",
		    json_object());
	return rc;
}
