/*
 * rules_article.c: the article as rules see it: a read-only userdata
 * with fields (title, text, ...) and methods (tag, link, has, ...).
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <utf8proc.h>

#include "rules/rules_int.h"
#include "core/xalloc.h"

/* {==== the article, as rules see it */

static struct article *
check_article(lua_State *L, int idx)
{
	struct aref *ar = luaL_checkudata(L, idx, ARTICLE_MT);

	luaL_argcheck(L, ar->a != NULL, idx, "article is no longer valid");
	return ar->a;
}

void
rules_otags_add(struct otags *t, const char *kind, const char *name,
    const char *origin, const char *text)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->v = xreallocarray(t->v, t->cap, sizeof(*t->v));
	}
	t->v[t->n].kind = xstrdup(kind);
	t->v[t->n].name = xstrdup(name);
	t->v[t->n].origin = xstrdup(origin);
	t->v[t->n].text = text ? xstrdup(text) : NULL;
	t->n++;
}

long
rules_otags_find(const struct otags *t, const char *kind, const char *name)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->v[i].name, name) == 0 &&
		    strcmp(t->v[i].kind, kind) == 0)
			return (long)i;
	return -1;
}

/* Drops the entries from n on (a rule that failed leaves nothing). */
void
rules_otags_truncate(struct otags *t, size_t n)
{
	while (t->n > n) {
		t->n--;
		free(t->v[t->n].kind);
		free(t->v[t->n].name);
		free(t->v[t->n].origin);
		free(t->v[t->n].text);
	}
}

const struct tagger_hit *
rules_find_hit(const struct run *run, const char *kind, const char *name)
{
	size_t i;

	for (i = 0; i < run->hits.n; i++)
		if (strcmp(run->hits.v[i].name, name) == 0 &&
		    strcmp(run->hits.v[i].kind, kind) == 0)
			return &run->hits.v[i];
	return NULL;
}

/* a:tag(kind, name) */
static int
m_tag(lua_State *L)
{
	struct rules *r = rules_get(L);
	const char *kind, *name;
	char origin[256];

	check_article(L, 1);
	kind = rules_check_kind(L, 2);
	name = rules_check_text(L, 3, "tag name");
	if (rules_otags_find(&r->run->tags, kind, name) >= 0)
		return 0;
	if (r->run->tags.n >= MAX_TAGS)
		return luaL_error(L, "too many tags (%d)", MAX_TAGS);
	rules_where(L, 1, origin, sizeof(origin));
	rules_otags_add(&r->run->tags, kind, name, origin, NULL);
	return 0;
}

/* a:link(kind, name [, text]): the first mention of text (by default,
 * of the tag as the article first writes it) links to the tag's page. */
static int
m_link(lua_State *L)
{
	struct rules *r = rules_get(L);
	const struct tagger_hit *h;
	const char *kind, *name, *text;
	char origin[256];
	struct buf b = BUF_INIT;

	check_article(L, 1);
	kind = rules_check_kind(L, 2);
	name = rules_check_text(L, 3, "tag name");
	text = lua_isnoneornil(L, 4) ? NULL : rules_check_text(L, 4, "link text");
	if (text == NULL && (h = rules_find_hit(r->run, kind, name)) != NULL) {
		buf_put(&b, h->surface, h->surface_len);
		text = b.data;
	}
	if (text == NULL)
		text = name;
	if (r->run->links.n >= MAX_TAGS) {
		buf_dispose(&b);
		return luaL_error(L, "too many links (%d)", MAX_TAGS);
	}
	rules_where(L, 1, origin, sizeof(origin));
	rules_otags_add(&r->run->links, kind, name, origin, text);
	buf_dispose(&b);
	return 0;
}

/* a:has(kind, name) */
static int
m_has(lua_State *L)
{
	struct rules *r = rules_get(L);

	check_article(L, 1);
	lua_pushboolean(L, rules_otags_find(&r->run->tags, luaL_checkstring(L, 2),
	    luaL_checkstring(L, 3)) >= 0);
	return 1;
}

/* a:count(kind, name): how often the matcher saw the tag. */
static int
m_count(lua_State *L)
{
	struct rules *r = rules_get(L);
	const struct tagger_hit *h;

	check_article(L, 1);
	h = rules_find_hit(r->run, luaL_checkstring(L, 2), luaL_checkstring(L, 3));
	lua_pushinteger(L, h ? (lua_Integer)h->count : 0);
	return 1;
}

size_t
rules_texts_of(const struct article *a, const char ***out)
{
	const char **texts;
	size_t i, n = 0;

	texts = xcalloc(1 + a->nbody + a->paragraphs.n, sizeof(*texts));
	texts[n++] = a->title;
	if (a->nbody > 0)
		for (i = 0; i < a->nbody; i++)
			texts[n++] = a->body[i].text;
	else
		for (i = 0; i < a->paragraphs.n; i++)
			texts[n++] = a->paragraphs.v[i];
	*out = texts;
	return n;
}

/* a:mentions(phrase): how often the title and body hold phrase, as
 * whole words (the tagger's matching: "border" is not "borderline"). */
static int
m_mentions(lua_State *L)
{
	struct rules *r = rules_get(L);
	const struct article *a = check_article(L, 1);
	const char *phrase = rules_check_text(L, 2, "phrase");
	const char **texts;
	size_t n;

	/* The texts the scan read, as a.text joins them; their words
	 * split once, if a phrase of several words asks. */
	if (r->run->words == NULL) {
		n = rules_texts_of(a, &texts);
		r->run->words = tagger_text_texts(texts, n);
		free(texts);
	}
	lua_pushinteger(L, (lua_Integer)tagger_text_mentions(r->run->words,
	    phrase));
	return 1;
}

/* a:tags(kind): the names of that kind so far, sorted. */
static int
m_tags(lua_State *L)
{
	struct rules *r = rules_get(L);
	struct strv names = STRV_INIT;
	const char *kind;
	size_t i;

	check_article(L, 1);
	kind = luaL_checkstring(L, 2);
	for (i = 0; i < r->run->tags.n; i++)
		if (strcmp(r->run->tags.v[i].kind, kind) == 0)
			strv_push(&names, r->run->tags.v[i].name);
	strv_sort(&names);
	lua_createtable(L, (int)names.n, 0);		/* stack: t */
	for (i = 0; i < names.n; i++) {
		lua_pushstring(L, names.v[i]);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	strv_dispose(&names);
	return 1;
}

static const luaL_Reg article_methods[] = {
	{ "tag",	m_tag },
	{ "link",	m_link },
	{ "has",	m_has },
	{ "count",	m_count },
	{ "tags",	m_tags },
	{ "mentions",	m_mentions },
	{ NULL,		NULL }
};

void
rules_push_strv(lua_State *L, const struct strv *sv)
{
	size_t i;

	lua_createtable(L, (int)sv->n, 0);
	for (i = 0; i < sv->n; i++) {
		lua_pushstring(L, sv->v[i]);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
}

/* The body: paragraphs and subheads in order, blank-line separated. */
static char *
make_body(const struct article *a, const char *title)
{
	struct buf b = BUF_INIT;
	size_t i, total = title != NULL ? strlen(title) + 2 : 0;

	/* One allocation: this runs for every article a rule reads. */
	for (i = 0; i < a->nbody; i++)
		total += strlen(a->body[i].text) + 2;
	for (i = 0; a->nbody == 0 && i < a->paragraphs.n; i++)
		total += strlen(a->paragraphs.v[i]) + 2;
	buf_grow(&b, total);
	if (title != NULL && *title != '\0') {
		buf_puts(&b, title);
		BUF_PUTSL(&b, "\n\n");
	}
	if (a->nbody > 0) {
		for (i = 0; i < a->nbody; i++) {
			buf_puts(&b, a->body[i].text);
			BUF_PUTSL(&b, "\n\n");
		}
	} else {
		for (i = 0; i < a->paragraphs.n; i++) {
			buf_puts(&b, a->paragraphs.v[i]);
			BUF_PUTSL(&b, "\n\n");
		}
	}
	if (b.len >= 2)
		b.data[b.len -= 2] = '\0';
	return buf_detach(&b);
}

void
rules_push_optstr(lua_State *L, const char *s)
{
	if (s != NULL)
		lua_pushstring(L, s);
	else
		lua_pushnil(L);
}

static int
push_field(lua_State *L, struct rules *r, const struct article *a,
    const char *k)
{
	struct run *run = r->run;

	if (strcmp(k, "text") == 0 || strcmp(k, "body") == 0) {
		if (k[0] == 't' && run->text == NULL)
			run->text = make_body(a, a->title);
		if (k[0] == 'b' && run->body == NULL)
			run->body = make_body(a, NULL);
		lua_pushstring(L, k[0] == 't' ? run->text : run->body);
	} else if (strcmp(k, "title") == 0)
		rules_push_optstr(L, a->title);
	else if (strcmp(k, "path") == 0)
		rules_push_optstr(L, a->path);
	else if (strcmp(k, "paragraphs") == 0)
		rules_push_strv(L, &a->paragraphs);
	else if (strcmp(k, "authors") == 0)
		rules_push_strv(L, &a->authors);
	else if (strcmp(k, "subheads") == 0)
		rules_push_strv(L, &a->subheads);
	else if (strcmp(k, "key_points") == 0)
		rules_push_strv(L, &a->key_points);
	else if (strcmp(k, "captions") == 0)
		rules_push_strv(L, &a->captions);
	else if (strcmp(k, "source") == 0)
		rules_push_optstr(L, a->source);
	else if (strcmp(k, "agency") == 0)
		rules_push_optstr(L, a->agency);
	else if (strcmp(k, "date") == 0)
		rules_push_optstr(L, a->date);
	else if (strcmp(k, "dateline") == 0)
		rules_push_optstr(L, a->dateline);
	else if (strcmp(k, "url") == 0)
		rules_push_optstr(L, a->url);
	else if (strcmp(k, "language") == 0)
		rules_push_optstr(L, a->language);
	else if (strcmp(k, "slug") == 0)
		rules_push_optstr(L, a->slug);
	else if (strcmp(k, "word_count") == 0)
		lua_pushinteger(L, (lua_Integer)a->word_count);
	else
		return 0;
	return 1;
}

/* __index: a method (upvalue 2 is the method table) or a field. */
static int
a_index(lua_State *L)
{
	struct article *a = check_article(L, 1);
	const char *k = luaL_checkstring(L, 2);

	if (lua_getfield(L, lua_upvalueindex(2), k) != LUA_TNIL)
		return 1;				/* stack: method */
	lua_pop(L, 1);
	if (!push_field(L, rules_get(L), a, k))
		lua_pushnil(L);
	return 1;
}

static int
a_tostring(lua_State *L)
{
	struct aref *ar = luaL_checkudata(L, 1, ARTICLE_MT);

	lua_pushfstring(L, "article: %s", ar->a && ar->a->path ?
	    ar->a->path : "(gone)");
	return 1;
}

void
rules_article_meta(struct rules *r, lua_State *L)
{
	luaL_newmetatable(L, ARTICLE_MT);		/* stack: mt */
	lua_pushlightuserdata(L, r);
	luaL_newlibtable(L, article_methods);		/* stack: mt, r, m */
	lua_pushlightuserdata(L, r);
	luaL_setfuncs(L, article_methods, 1);
	lua_pushcclosure(L, a_index, 2);		/* stack: mt, index */
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, rules_l_readonly);
	lua_setfield(L, -2, "__newindex");
	lua_pushcfunction(L, a_tostring);
	lua_setfield(L, -2, "__tostring");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 1);					/* stack: */
}

/* }==== */
