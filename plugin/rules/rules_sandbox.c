/*
 * rules_sandbox.c: the sandbox each rule file runs in: safe base
 * functions, read-only library proxies, a deterministic os, and the
 * environment that freezes once its file has loaded.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <utf8proc.h>

#include "rules/rules_int.h"
#include "core/xalloc.h"

/* {==== sandbox */

int
rules_l_readonly(lua_State *L)
{
	return luaL_error(L, "attempt to modify a readonly table");
}

static int
l_readonly_global(lua_State *L)
{
	return luaL_error(L, "attempt to modify a readonly global '%s'",
	    lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "?");
}

/* Pushes a read-only proxy of the table at idx. */
static void
push_readonly(lua_State *L, int idx)
{
	idx = lua_absindex(L, idx);
	lua_newtable(L);				/* stack: p */
	lua_createtable(L, 0, 3);			/* stack: p, mt */
	lua_pushvalue(L, idx);
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, rules_l_readonly);
	lua_setfield(L, -2, "__newindex");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, -2);			/* stack: p */
}

/* tostring() without addresses, so that output never depends on where
 * the allocator put a table. */
static int
l_tostring(lua_State *L)
{
	luaL_checkany(L, 1);
	switch (lua_type(L, 1)) {
	case LUA_TTABLE:
	case LUA_TUSERDATA:
	case LUA_TLIGHTUSERDATA:
	case LUA_TFUNCTION:
	case LUA_TTHREAD:
		if (luaL_getmetafield(L, 1, "__tostring") == LUA_TNIL) {
			lua_pushstring(L, luaL_typename(L, 1));
			return 1;
		}
		lua_pop(L, 1);
		break;
	default:
		break;
	}
	luaL_tolstring(L, 1, NULL);
	return 1;
}

static lua_Integer
epoch(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (s == NULL || *s == '\0')
		return 0;
	errno = 0;
	v = strtoll(s, &end, 10);
	return errno == 0 && *end == '\0' ? (lua_Integer)v : 0;
}

/* An integer field of os.time's table argument; def < 0: required. */
static int
time_field(lua_State *L, const char *key, int def)
{
	lua_Integer v;
	int isnum;

	lua_getfield(L, 1, key);			/* stack: t, v */
	v = lua_tointegerx(L, -1, &isnum);
	if (!isnum) {
		if (!lua_isnil(L, -1) || def < 0)
			return luaL_error(L, "field '%s' missing or not an "
			    "integer in date table", key);
		v = def;
	}
	lua_pop(L, 1);					/* stack: t */
	if (v < -100000 || v > 100000)
		return luaL_error(L, "field '%s' is out of range", key);
	return (int)v;
}

/* os.time() is SOURCE_DATE_EPOCH (or 0), never the clock; os.time{...}
 * reads its table as UTC, never as the machine's time zone. */
static int
l_os_time(lua_State *L)
{
	struct tm tm;
	time_t t;

	if (lua_isnoneornil(L, 1)) {
		lua_pushinteger(L, epoch());
		return 1;
	}
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 1);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = time_field(L, "year", -1) - 1900;
	tm.tm_mon = time_field(L, "month", -1) - 1;
	tm.tm_mday = time_field(L, "day", -1);
	tm.tm_hour = time_field(L, "hour", 12);
	tm.tm_min = time_field(L, "min", 0);
	tm.tm_sec = time_field(L, "sec", 0);
	t = timegm(&tm);
	lua_pushinteger(L, (lua_Integer)t);
	return 1;
}

/* os.date(fmt [, t]) with t defaulting to SOURCE_DATE_EPOCH, always in
 * UTC (a "!" is added to fmt), so no tree depends on the time zone. */
static int
l_os_date(lua_State *L)
{
	const char *fmt = luaL_optstring(L, 1, "%c");
	lua_Integer t = luaL_opt(L, luaL_checkinteger, 2, epoch());

	lua_pushvalue(L, lua_upvalueindex(1));		/* stack: date */
	if (*fmt == '!')
		lua_pushstring(L, fmt);
	else
		lua_pushfstring(L, "!%s", fmt);
	lua_pushinteger(L, t);
	lua_call(L, 2, 1);				/* stack: s */
	return 1;
}

/* os.clock() is 0: the processor time differs from run to run. */
static int
l_os_clock(lua_State *L)
{
	lua_pushnumber(L, 0);
	return 1;
}

/* string.find, match, gsub, gmatch and gmatch's iterator: note the
 * caller's line for the watchdog's message, then call the real one
 * (upvalue 2). Upvalue 3 is true for gmatch, whose iterator is wrapped
 * too, since the matching happens there. */
static int
l_guarded(lua_State *L)
{
	struct rules *r = rules_get(L);
	int n = lua_gettop(L);

	if (r->prog != NULL && r->prog->busy)
		rules_where(L, 1, r->prog->where, sizeof(r->prog->where));
	lua_pushvalue(L, lua_upvalueindex(2));
	lua_insert(L, 1);				/* stack: f, args */
	lua_call(L, n, LUA_MULTRET);			/* stack: results */
	if (lua_toboolean(L, lua_upvalueindex(3))) {
		lua_pushlightuserdata(L, r);		/* stack: it, r */
		lua_insert(L, -2);			/* stack: r, it */
		lua_pushboolean(L, 0);
		lua_pushcclosure(L, l_guarded, 3);	/* stack: guarded */
	}
	return lua_gettop(L);
}

/* pairs() in a fixed order (numbers, then strings, ...), so that a rule
 * that stops at the first key does the same in every run (Lua's table
 * order changes from run to run). */
static const char sorted_pairs[] =
    "local next, type, sort, getmetatable = next, type, table.sort,\n"
    "  getmetatable\n"
    "local function lt(a, b)\n"
    "  local ta, tb = type(a), type(b)\n"
    "  if ta ~= tb then return ta < tb end\n"
    "  if ta == 'number' or ta == 'string' then return a < b end\n"
    "  if ta == 'boolean' then return (not a) and b end\n"
    "  return false\n"
    "end\n"
    "return function(t)\n"
    "  local mt = getmetatable(t)\n"
    "  if type(mt) == 'table' and mt.__pairs then return mt.__pairs(t) end\n"
    "  local keys, n = {}, 0\n"
    "  for k in next, t do n = n + 1; keys[n] = k end\n"
    "  sort(keys, lt)\n"
    "  local i = 0\n"
    "  return function()\n"
    "    i = i + 1\n"
    "    local k = keys[i]\n"
    "    if k ~= nil then return k, t[k] end\n"
    "  end, t, nil\n"
    "end\n";

/*
 * setmetatable without finalizers: Lua runs __gc with hooks off, in
 * garbage collection or in lua_close(), where neither the instruction
 * budget nor (in the build itself) the watchdog can stop it; a rule has
 * no use for one. Lua marks an object for finalization when its
 * metatable has a __gc field at setmetatable time (one added later is
 * never called), so that is the one moment to refuse it.
 */
static int
l_setmetatable(lua_State *L)
{
	if (lua_type(L, 2) == LUA_TTABLE) {
		lua_pushliteral(L, "__gc");
		if (lua_rawget(L, 2) != LUA_TNIL)
			return luaL_error(L, "setmetatable: a __gc "
			    "finalizer is not allowed in rules");
		lua_pop(L, 1);
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);				/* stack: set, t, mt */
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

static const char *const base_names[] = {
	"assert", "error", "ipairs", "next", "pcall", "select", "tonumber",
	"type", "xpcall", "rawequal", "rawlen", "rawget", "setmetatable",
	"getmetatable", "_VERSION", NULL
};

static void
guard_string(struct rules *r, lua_State *L, int strtab)
{
	static const char *const fns[] = { "find", "match", "gmatch",
	    "gsub", NULL };
	int i;

	for (i = 0; fns[i] != NULL; i++) {
		lua_pushlightuserdata(L, r);
		lua_getfield(L, strtab, fns[i]);
		lua_pushboolean(L, strcmp(fns[i], "gmatch") == 0);
		lua_pushcclosure(L, l_guarded, 3);
		lua_setfield(L, strtab, fns[i]);
	}
	lua_pushnil(L);
	lua_setfield(L, strtab, "dump");
	/* Lock the metatable shared by all strings (LIBRARIES 2, step 4). */
	lua_pushliteral(L, "");
	lua_getmetatable(L, -1);			/* stack: "", mt */
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 2);
}

/* Leaves the os table of the sandbox on the stack; host at index os. */
static void
push_os(lua_State *L, int os)
{
	lua_createtable(L, 0, 3);			/* stack: t */
	lua_pushcfunction(L, l_os_time);
	lua_setfield(L, -2, "time");
	lua_getfield(L, os, "date");
	lua_pushcclosure(L, l_os_date, 1);
	lua_setfield(L, -2, "date");
	lua_pushcfunction(L, l_os_clock);
	lua_setfield(L, -2, "clock");
}

static void
sandbox_libs(struct rules *r, lua_State *L, int sb)
{
	static const char *const libs[] = { "string", "table", "math",
	    "utf8", NULL };
	int i;

	lua_getglobal(L, "math");
	lua_getfield(L, -1, "randomseed");
	lua_pushinteger(L, 1);
	lua_call(L, 1, 0);				/* a fixed seed */
	lua_newtable(L);				/* stack: math, copy */
	lua_pushnil(L);
	while (lua_next(L, -3)) {		/* stack: math, copy, k, v */
		lua_pushvalue(L, -2);
		lua_insert(L, -2);
		lua_rawset(L, -4);
	}
	lua_pushnil(L);
	lua_setfield(L, -2, "randomseed");
	lua_setfield(L, LUA_REGISTRYINDEX, "morgue.math");
	lua_pop(L, 1);					/* stack: */
	lua_getglobal(L, "string");
	guard_string(r, L, lua_gettop(L));
	lua_pop(L, 1);
	for (i = 0; libs[i] != NULL; i++) {
		if (strcmp(libs[i], "math") == 0)
			lua_getfield(L, LUA_REGISTRYINDEX, "morgue.math");
		else
			lua_getglobal(L, libs[i]);
		push_readonly(L, -1);
		lua_setfield(L, sb, libs[i]);
		lua_pop(L, 1);
	}
	lua_getglobal(L, "os");
	push_os(L, lua_gettop(L));
	push_readonly(L, -1);
	lua_setfield(L, sb, "os");
	lua_pop(L, 2);
}

static void
sandbox_api(struct rules *r, lua_State *L, int sb)
{
	static const char *const kinds[][2] = {
		{ "person", "people" }, { "place", "places" },
		{ "organisation", "organisations" },
		{ "organization", "organisations" }, { "topic", "topics" }
	};
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		lua_pushlightuserdata(L, r);
		lua_pushstring(L, kinds[i][1]);
		lua_pushcclosure(L, rules_l_declare_kind, 2);
		lua_setfield(L, sb, kinds[i][0]);
	}
	lua_pushvalue(L, sb);
	lua_pushlightuserdata(L, r);
	luaL_setfuncs(L, rules_decl_funcs, 1);
	lua_pop(L, 1);
}

/* Opens the host libraries and builds the sandbox table (registry). */
int
rules_sandbox_new(struct rules *r, lua_State *L)
{
	int i, sb;

	luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
	luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
	luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
	luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
	luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
	luaL_requiref(L, LUA_OSLIBNAME, luaopen_os, 1);
	lua_settop(L, 0);
	lua_newtable(L);				/* stack: sb */
	sb = lua_gettop(L);
	for (i = 0; base_names[i] != NULL; i++) {
		lua_getglobal(L, base_names[i]);
		lua_setfield(L, sb, base_names[i]);
	}
	lua_pushcfunction(L, l_tostring);
	lua_setfield(L, sb, "tostring");
	lua_getglobal(L, "setmetatable");
	lua_pushcclosure(L, l_setmetatable, 1);
	lua_setfield(L, sb, "setmetatable");
	if (luaL_loadbufferx(L, sorted_pairs, sizeof(sorted_pairs) - 1,
	    "=pairs", "t") != LUA_OK || lua_pcall(L, 0, 1, 0) != LUA_OK)
		return -1;
	lua_setfield(L, sb, "pairs");
	sandbox_libs(r, L, sb);
	sandbox_api(r, L, sb);
	r->sandbox_ref = luaL_ref(L, LUA_REGISTRYINDEX);	/* stack: */
	return 0;
}

/* Pushes a new environment for one file: a copy of the sandbox. */
void
rules_push_env(struct rules *r, lua_State *L)
{
	lua_newtable(L);				/* stack: env */
	lua_rawgeti(L, LUA_REGISTRYINDEX, r->sandbox_ref); /* env, sb */
	lua_pushnil(L);
	while (lua_next(L, -2)) {		/* stack: env, sb, k, v */
		lua_pushvalue(L, -2);
		lua_insert(L, -2);
		lua_rawset(L, -5);		/* stack: env, sb, k */
	}
	lua_pop(L, 1);					/* stack: env */
	lua_pushvalue(L, -1);
	lua_setfield(L, -2, "_G");
	lua_createtable(L, 0, 3);			/* stack: env, mt */
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, -2);			/* stack: env */
}

/* Once its file has loaded, the environment at idx becomes read-only:
 * its contents move to a table it reads through, and new assignments
 * fail, so that an article function cannot leave state behind. */
void
rules_freeze_env(lua_State *L, int idx)
{
	idx = lua_absindex(L, idx);
	lua_newtable(L);				/* stack: back */
	lua_pushnil(L);
	while (lua_next(L, idx)) {			/* stack: back, k, v */
		lua_pushvalue(L, -2);
		lua_insert(L, -2);			/* stack: back, k, k, v */
		lua_rawset(L, -4);			/* stack: back, k */
	}
	lua_pushnil(L);
	while (lua_next(L, -2)) {			/* stack: back, k, v */
		lua_pop(L, 1);
		lua_pushvalue(L, -1);
		lua_pushnil(L);
		lua_rawset(L, idx);			/* stack: back, k */
	}
	lua_getmetatable(L, idx);			/* stack: back, mt */
	lua_insert(L, -2);				/* stack: mt, back */
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, l_readonly_global);
	lua_setfield(L, -2, "__newindex");
	lua_pop(L, 1);					/* stack: */
}

/* }==== */
