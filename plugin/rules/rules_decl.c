/*
 * rules_decl.c: the declarations a rule file makes while it loads
 * (person, place, topic, names{}, link_first_mention, ...), handed to
 * the tagger once.
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

/* {==== declarations */

/* Adds the spellings in the value at idx (a string or a list of them). */
static void
add_spellings(lua_State *L, int idx, const char *kind, const char *name,
    const char *origin)
{
	struct rules *r = rules_get(L);
	lua_Integer i, n;

	if (lua_type(L, idx) == LUA_TSTRING) {
		if (tagger_add(r->tagger, kind, name, rules_check_text(L, idx,
		    "spelling"), origin) < 0)
			luaL_error(L, "spelling without a word");
		strv_push(&r->spellings, name);
		strv_push(&r->spellings, lua_tostring(L, idx));
		return;
	}
	luaL_checktype(L, idx, LUA_TTABLE);
	n = luaL_len(L, idx);
	for (i = 1; i <= n; i++) {
		lua_geti(L, idx, i);			/* stack: s */
		if (tagger_add(r->tagger, kind, name, rules_check_text(L, -1,
		    "spelling"), origin) < 0)
			luaL_error(L, "spelling without a word");
		strv_push(&r->spellings, name);
		strv_push(&r->spellings, lua_tostring(L, -1));
		lua_pop(L, 1);				/* stack: */
	}
}

/* The function a declaration returns: takes the spellings. Upvalues:
 * rules, kind, name, origin. */
static int
l_spellings(lua_State *L)
{
	rules_loading_only(L, "spellings");
	add_spellings(L, 1, lua_tostring(L, lua_upvalueindex(2)),
	    lua_tostring(L, lua_upvalueindex(3)),
	    lua_tostring(L, lua_upvalueindex(4)));
	return 0;
}

static int
declare(lua_State *L, const char *kind, int nameidx)
{
	struct rules *r = rules_get(L);
	const char *name = rules_check_text(L, nameidx, "tag name");
	char origin[256];

	rules_loading_only(L, kind);
	rules_where(L, 1, origin, sizeof(origin));
	tagger_add(r->tagger, kind, name, name, origin);
	if (!lua_isnoneornil(L, nameidx + 1)) {
		add_spellings(L, nameidx + 1, kind, name, origin);
		return 0;
	}
	lua_pushlightuserdata(L, r);
	lua_pushstring(L, kind);
	lua_pushstring(L, name);
	lua_pushstring(L, origin);
	lua_pushcclosure(L, l_spellings, 4);		/* stack: fn */
	return 1;
}

/* person "X" { ... }, place, organisation, topic, and the declarers that
 * kind() makes: upvalues rules, kind. */
int
rules_l_declare_kind(lua_State *L)
{
	return declare(L, lua_tostring(L, lua_upvalueindex(2)), 1);
}

/* tag(kind, name [, spellings]) */
static int
l_tag(lua_State *L)
{
	const char *kind = rules_check_kind(L, 1);

	return declare(L, kind, 2);
}

/* kind "events": a declarer like person for a kind of one's own. */
static int
l_kind(lua_State *L)
{
	lua_pushlightuserdata(L, rules_get(L));
	lua_pushstring(L, rules_check_kind(L, 1));
	lua_pushcclosure(L, rules_l_declare_kind, 2);		/* stack: fn */
	return 1;
}

static int
l_link_first_mention(lua_State *L)
{
	struct rules *r = rules_get(L);
	char origin[256];
	lua_Integer i, n;

	rules_loading_only(L, "link_first_mention");
	rules_where(L, 1, origin, sizeof(origin));
	luaL_checktype(L, 1, LUA_TTABLE);
	n = luaL_len(L, 1);
	for (i = 1; i <= n; i++) {
		lua_geti(L, 1, i);			/* stack: kind */
		if (strv_find(&r->link_kinds, rules_check_kind(L, -1)) < 0) {
			strv_push(&r->link_kinds, lua_tostring(L, -1));
			strv_push(&r->link_origins, origin);
		}
		lua_pop(L, 1);				/* stack: */
	}
	return 0;
}

static int
l_related_weights(lua_State *L)
{
	struct rules *r = rules_get(L);
	const char *key;
	double v;
	size_t i;

	rules_loading_only(L, "related_weights");
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_pushnil(L);					/* stack: nil */
	while (lua_next(L, 1)) {			/* stack: k, v */
		if (lua_type(L, -2) != LUA_TSTRING)
			return luaL_error(L, "related_weights: keys are "
			    "names such as people or threshold");
		key = rules_check_kind(L, -2);
		v = luaL_checknumber(L, -1);
		if (!isfinite(v))
			return luaL_error(L, "related_weights: %s is not "
			    "a finite number", key);
		for (i = 0; i < r->nweights; i++)
			if (strcmp(r->weights[i].key, key) == 0)
				break;
		if (i == r->nweights) {
			r->weights = xgrow(r->weights, r->nweights,
			    sizeof(*r->weights));
			r->weights[r->nweights++].key = xstrdup(key);
		}
		r->weights[i].value = v;
		lua_pop(L, 1);				/* stack: k */
	}
	return 0;
}

static void
names_list(lua_State *L, const char *field, enum tagger_list list)
{
	struct rules *r = rules_get(L);
	lua_Integer i, n;

	if (lua_getfield(L, 1, field) != LUA_TNIL) {	/* stack: t */
		luaL_checktype(L, -1, LUA_TTABLE);
		n = luaL_len(L, -1);
		for (i = 1; i <= n; i++) {
			lua_geti(L, -1, i);		/* stack: t, w */
			tagger_word(r->tagger, list,
			    rules_check_text(L, -1, "word"));
			lua_pop(L, 1);			/* stack: t */
		}
	}
	lua_pop(L, 1);					/* stack: */
}

/* Adds the words of field = { KIND = { words } }: cue words before
 * (what 0) or after (1) a name, or gazetteer sources (2). */
static void
names_by_kind(lua_State *L, const char *field, int what)
{
	struct rules *r = rules_get(L);
	lua_Integer i, n;
	const char *w;

	if (lua_getfield(L, 1, field) == LUA_TNIL) {	/* stack: f */
		lua_pop(L, 1);
		return;
	}
	luaL_checktype(L, -1, LUA_TTABLE);
	lua_pushnil(L);					/* stack: f, nil */
	while (lua_next(L, -2)) {			/* stack: f, k, v */
		rules_check_kind(L, -2);
		luaL_checktype(L, -1, LUA_TTABLE);
		n = luaL_len(L, -1);
		for (i = 1; i <= n; i++) {
			lua_geti(L, -1, i);		/* stack: f, k, v, w */
			w = rules_check_text(L, -1, "word");
			if (what < 2)
				tagger_cue(r->tagger, what, w,
				    lua_tostring(L, -3));
			else if (tagger_gazetteer(r->tagger,
			    lua_tostring(L, -3), w) < 0)
				luaL_error(L, "names: unknown gazetteer '%s' "
				    "(countries, former countries, "
				    "subdivisions, cities, languages)", w);
			lua_pop(L, 1);			/* stack: f, k, v */
		}
		lua_pop(L, 1);				/* stack: f, k */
	}
	lua_pop(L, 1);					/* stack: */
}

/* common = { sources }: gazetteers of words that are no name alone. */
static void
names_common(lua_State *L)
{
	struct rules *r = rules_get(L);
	lua_Integer i, n;
	const char *w;

	if (lua_getfield(L, 1, "common") != LUA_TNIL) {	/* stack: c */
		luaL_checktype(L, -1, LUA_TTABLE);
		n = luaL_len(L, -1);
		for (i = 1; i <= n; i++) {
			lua_geti(L, -1, i);		/* stack: c, w */
			w = rules_check_text(L, -1, "gazetteer");
			if (tagger_gazetteer(r->tagger, NULL, w) < 0)
				luaL_error(L, "names: unknown gazetteer '%s'",
				    w);
			lua_pop(L, 1);			/* stack: c */
		}
	}
	lua_pop(L, 1);					/* stack: */
}

/* never { "About Us", ... }: names that are never a tag. */
static int
l_never(lua_State *L)
{
	struct rules *r = rules_get(L);
	lua_Integer i, n;

	rules_loading_only(L, "never");
	if (lua_type(L, 1) == LUA_TSTRING) {
		tagger_never(r->tagger, rules_check_text(L, 1, "name"));
		return 0;
	}
	luaL_checktype(L, 1, LUA_TTABLE);
	n = luaL_len(L, 1);
	for (i = 1; i <= n; i++) {
		lua_geti(L, 1, i);			/* stack: w */
		tagger_never(r->tagger, rules_check_text(L, -1, "name"));
		lua_pop(L, 1);				/* stack: */
	}
	return 0;
}

/* names { kind = "people", min = 2, max = 4, stop = {...},
 *   titles = {...}, suffixes = { places = { "Republic" }, ... } } */
static int
l_names(lua_State *L)
{
	struct rules *r = rules_get(L);
	char origin[256];
	lua_Integer i, n, lo, hi;

	rules_loading_only(L, "names");
	rules_where(L, 1, origin, sizeof(origin));
	if (lua_toboolean(L, 1) == 0) {
		tagger_names(r->tagger, NULL, origin, 0, 0);
		return 0;
	}
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_getfield(L, 1, "kind");			/* stack: kind */
	lua_getfield(L, 1, "min");			/* stack: kind, min */
	lua_getfield(L, 1, "max");		/* stack: kind, min, max */
	lo = luaL_optinteger(L, -2, 2);
	hi = luaL_optinteger(L, -1, 4);
	luaL_argcheck(L, lo >= 1 && lo <= 8 && hi >= lo && hi <= 8, 1,
	    "min and max are 1 to 8 words");
	tagger_names(r->tagger, lua_isnil(L, -3) ? "people" :
	    rules_check_kind(L, -3), origin, (unsigned)lo, (unsigned)hi);
	lua_pop(L, 3);					/* stack: */
	names_list(L, "stop", TAGGER_STOP);
	names_list(L, "titles", TAGGER_TITLE);
	names_list(L, "particles", TAGGER_PARTICLE);
	names_list(L, "connectors", TAGGER_CONNECT);
	names_list(L, "nouns", TAGGER_NOUNS);
	names_by_kind(L, "before", 0);
	names_by_kind(L, "after", 1);
	names_by_kind(L, "gazetteers", 2);
	names_common(L);
	if (lua_getfield(L, 1, "acronyms") != LUA_TNIL)	/* stack: a */
		tagger_acronyms(r->tagger, lua_toboolean(L, -1) ?
		    rules_check_kind(L, -1) : NULL);
	lua_pop(L, 1);					/* stack: */
	if (lua_getfield(L, 1, "placed") != LUA_TNIL)	/* stack: p */
		tagger_placed(r->tagger, lua_toboolean(L, -1) ?
		    rules_check_kind(L, -1) : NULL);
	lua_pop(L, 1);					/* stack: */
	if (lua_getfield(L, 1, "rows") != LUA_TNIL)	/* stack: w */
		tagger_rows(r->tagger, lua_toboolean(L, -1) ?
		    rules_check_kind(L, -1) : NULL);
	lua_pop(L, 1);					/* stack: */
	if (lua_getfield(L, 1, "dateline") != LUA_TNIL)	/* stack: d */
		tagger_datelines(r->tagger, lua_toboolean(L, -1) ?
		    rules_check_kind(L, -1) : NULL);
	lua_pop(L, 1);					/* stack: */
	if (lua_getfield(L, 1, "single") != LUA_TNIL)	/* stack: s */
		tagger_single(r->tagger, lua_toboolean(L, -1) ?
		    rules_check_kind(L, -1) : NULL);
	lua_pop(L, 1);					/* stack: */
	if (lua_getfield(L, 1, "suffixes") != LUA_TNIL) { /* stack: s */
		luaL_checktype(L, -1, LUA_TTABLE);
		lua_pushnil(L);				/* stack: s, nil */
		while (lua_next(L, -2)) {		/* stack: s, k, v */
			rules_check_kind(L, -2);
			luaL_checktype(L, -1, LUA_TTABLE);
			n = luaL_len(L, -1);
			for (i = 1; i <= n; i++) {
				lua_geti(L, -1, i);	/* stack: s, k, v, w */
				tagger_suffix(r->tagger, rules_check_text(L, -1,
				    "word"), lua_tostring(L, -3));
				lua_pop(L, 1);		/* stack: s, k, v */
			}
			lua_pop(L, 1);			/* stack: s, k */
		}
	}
	lua_pop(L, 1);					/* stack: */
	return 0;
}

void
rules_add_func(struct rules *r, lua_State *L, int idx)
{
	lua_Debug ar;
	char w[256];

	lua_pushvalue(L, idx);				/* stack: f */
	lua_getinfo(L, ">S", &ar);			/* stack: */
	snprintf(w, sizeof(w), "%s:%d", ar.short_src, ar.linedefined);
	lua_pushvalue(L, idx);				/* stack: f */
	r->funcs = xgrow(r->funcs, r->nfuncs, sizeof(*r->funcs));
	r->funcs[r->nfuncs].ref = luaL_ref(L, LUA_REGISTRYINDEX);
	r->funcs[r->nfuncs].where = xstrdup(w);
	r->nfuncs++;					/* stack: */
}

/* rule(function(a) ... end): one more article function. */
static int
l_rule(lua_State *L)
{
	rules_loading_only(L, "rule");
	luaL_checktype(L, 1, LUA_TFUNCTION);
	rules_add_func(rules_get(L), L, 1);
	return 0;
}

const luaL_Reg rules_decl_funcs[] = {
	{ "tag",		l_tag },
	{ "kind",		l_kind },
	{ "link_first_mention",	l_link_first_mention },
	{ "related_weights",	l_related_weights },
	{ "names",		l_names },
	{ "never",		l_never },
	{ "rule",		l_rule },
	{ NULL,			NULL }
};

/* }==== */
