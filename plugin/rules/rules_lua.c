/*
 * rules_lua.c: the small helpers every Lua-facing part of the rules
 * module uses (rules_int.h): the state's struct rules, where a Lua
 * function stands, and the checks of names, kinds and declarations.
 * They call nothing else of the module, so that the parts built on
 * them (rules_decl.c, rules_sandbox.c, rules_article.c,
 * rules_worker.c) and the API over those (rules.c) call one way.
 */
#include <stdint.h>
#include <stdio.h>

#include <lauxlib.h>
#include <lua.h>

#include "rules/rules_int.h"
#include "core/utf8.h"

struct rules *
rules_get(lua_State *L)
{
	return lua_touserdata(L, lua_upvalueindex(1));
}

/* "lua/tags.lua:12" for the Lua function level levels up. */
void
rules_where(lua_State *L, int level, char *out, size_t outlen)
{
	lua_Debug ar;

	if (lua_getstack(L, level, &ar) && lua_getinfo(L, "Sl", &ar) &&
	    ar.currentline > 0)
		snprintf(out, outlen, "%s:%d", ar.short_src, ar.currentline);
	else
		snprintf(out, outlen, "?");
}

/* Checks a tag name or link text: UTF-8, no control characters. */
const char *
rules_check_text(lua_State *L, int idx, const char *what)
{
	size_t len, i = 0;
	const char *s = luaL_checklstring(L, idx, &len);
	int32_t cp;
	int n;

	if (len == 0 || len > MAX_NAME)
		luaL_error(L, "invalid %s: length %d (1 to %d bytes)", what,
		    (int)len, MAX_NAME);
	while (i < len) {
		n = utf8_next(s + i, len - i, &cp);
		if (n < 0 || cp < 0x20 || cp == 0x7f ||
		    (cp >= 0x80 && cp < 0xa0))
			luaL_error(L, "invalid %s: not UTF-8 text", what);
		i += (size_t)n;
	}
	return s;
}

const char *
rules_check_kind(lua_State *L, int idx)
{
	size_t len, i;
	const char *s = luaL_checklstring(L, idx, &len);

	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (i > 0 &&
		    ((s[i] >= '0' && s[i] <= '9') || s[i] == '-' ||
		    s[i] == '_'))))
			break;
	if (len == 0 || len > MAX_KIND || i < len)
		luaL_error(L, "invalid tag kind '%s' (want [a-z][a-z0-9_-]*)",
		    s);
	return s;
}

void
rules_loading_only(lua_State *L, const char *fn)
{
	if (!rules_get(L)->loading)
		luaL_error(L, "%s: declarations are allowed only while a "
		    "rule file loads", fn);
}
