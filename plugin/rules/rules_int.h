/*
 * rules_int.h: what the parts of the rules module share. Not for use
 * outside plugin/rules/. They call one way, each only the ones listed
 * after it: rules_cache.c; rules.c (the API of rules.h) and rules_test.c;
 * rules_load.c;
 * rules_worker.c; rules_decl.c, rules_sandbox.c, rules_article.c; and
 * rules_lua.c, the helpers all of them use.
 */
#ifndef MORGUE_RULES_INT_H
#define MORGUE_RULES_INT_H

#include <stdint.h>

#include <lauxlib.h>
#include <lua.h>

#include "rules/rules.h"
#include "rules/tagger.h"
#include "core/watch.h"

#define ARTICLE_MT	"morgue.article"
#define MAX_TAGS	1000
#define MAX_NAME	200
#define MAX_KIND	32
#define MAX_FILE	(1024 * 1024)
#define TICK_MS		100

/* Wall-clock budget of one rule on one article, and of loading one rule
 * file, in milliseconds; and the memory cap of the Lua state. */
#define RULES_BUDGET_MS		2000
#define RULES_MEMORY_MAX	(64u * 1024 * 1024)
/* A rule that runs away (over time or memory) on this many articles is
 * stopped for the rest of the run, so that the run stays bounded. */
#define RULES_STRIKES		3

/* The most bytes of what the tagger read in the articles of a batch
 * (tagger_read()) that are kept from their learning to their run, so
 * that each is read once: past it, an article is read again when it
 * runs, and memory stays bounded however large the archive. */
#define RULES_SEEN_MAX		(256u * 1024 * 1024)

/* Record types of the worker's stream (watch.h). */
#define REC_TAG		'T'	/* kind, name, origin */
#define REC_MENTION	'M'	/* text, kind, name, origin */
#define REC_ERROR	'E'	/* step, file, line, message */
#define REC_DONE	'D'
#define REC_RESTART	'R'	/* step: resume after it */

struct rfunc {
	int	 ref;		/* the function, in the registry */
	char	*where;		/* "lua/tags.lua:12", where it is defined */
};

/* A tag or link made for the article being run (worker side). */
struct otag {
	char	*kind;
	char	*name;
	char	*origin;
	char	*text;		/* links only */
};

struct otags {
	struct otag	*v;
	size_t		 n;
	size_t		 cap;
};

/* The article being run, in the worker. */
struct run {
	struct article		*a;
	struct tagger_result	 hits;
	struct otags		 tags;
	struct otags		 links;
	char			*text;		/* title and body, lazily */
	struct tagger_text	*words;		/* the scan's words */
	char			*body;
};

struct rules {
	lua_State		*L;
	size_t			 mem_used;
	size_t			 mem_limit;
	char			*root;
	struct strv		 files;
	struct rfunc		*funcs;
	size_t			 nfuncs;
	struct tagger		*tagger;
	struct strv		 link_kinds;
	struct strv		 link_origins;
	struct weight		*weights;
	size_t			 nweights;
	struct strv		 spellings;	/* name, spelling, name, ... */
	int			 loading;	/* declarations allowed */
	int			 sandbox_ref;	/* the sandbox table */
	struct run		*run;		/* the article being run */
	struct watch_progress	*prog;
	struct watch_out	*out;		/* worker: the record stream */
	/* rules_run_all(): the batch and where a new worker resumes. */
	struct article		**v;
	size_t			 n;
	size_t			 next;
	uint64_t		*skip;		/* article << 16 | rule */
	size_t			 nskip;
	/* Per rule: the articles it ran away on, in all runs of this
	 * state; RULES_STRIKES stop it. */
	unsigned		*strikes;
	struct diag		*d;
	/* rules_run_cached(): the tagger knows the archive already (the
	 * worker learns nothing), and the articles' records are kept in
	 * capture (NULL: not kept). */
	int			 learned;
	struct rules_capture	*capture;
	/* What the tagger read in each article of the batch (by item; a
	 * NULL one is read when it runs): the caller's, when it taught
	 * the tagger, else the worker's own. */
	struct tagger_seen	**seen;
	int			 failed;
	int			 timed_out;	/* the stop hook fired */
};

/* The records of a run, kept for rules_run_cached(): those of item i
 * are the len[i] bytes at off[i] of b; broken when they did not come
 * in one piece (they always do: a worker sends whole articles). */
struct rules_capture {
	struct buf	 b;
	size_t		*off;
	size_t		*len;
	int		 broken;
};

/* The userdata of an article (ARTICLE_MT). */
struct aref {
	struct rules	*r;
	struct article	*a;	/* borrowed; NULL once its run ends */
};

/* rules.c: what a record of the worker (REC_TAG, REC_MENTION, with its
 * nf fields) adds to article a. */
void	rules_apply(struct article *a, int type, size_t nf, char **f);

/* rules_lua.c: the helpers every part uses; they call no other part */
struct rules	*rules_get(lua_State *L);
void	rules_where(lua_State *L, int level, char *out, size_t outlen);
const char	*rules_check_text(lua_State *L, int idx, const char *what);
const char	*rules_check_kind(lua_State *L, int idx);
void	rules_loading_only(lua_State *L, const char *fn);

/* rules_decl.c */
int	rules_l_declare_kind(lua_State *L);
void	rules_add_func(struct rules *r, lua_State *L, int idx);
extern const luaL_Reg	rules_decl_funcs[];

/* rules_sandbox.c */
int	rules_l_readonly(lua_State *L);
int	rules_sandbox_new(struct rules *r, lua_State *L);
void	rules_push_env(struct rules *r, lua_State *L);
void	rules_freeze_env(lua_State *L, int idx);

/* rules_article.c */
void	rules_otags_add(struct otags *t, const char *kind, const char *name,
	    const char *origin, const char *text);
long	rules_otags_find(const struct otags *t, const char *kind,
	    const char *name);
void	rules_otags_truncate(struct otags *t, size_t n);
const struct tagger_hit	*rules_find_hit(const struct run *run,
	    const char *kind, const char *name);
void	rules_push_strv(lua_State *L, const struct strv *sv);
void	rules_push_optstr(lua_State *L, const char *s);
void	rules_article_meta(struct rules *r, lua_State *L);
/* The texts the tagger reads in a: the title, then the body's blocks
 * (or its paragraphs). Returns their number; free *out, not what it
 * points to. */
size_t	rules_texts_of(const struct article *a, const char ***out);

/* rules_worker.c */
void	rules_tick_start(struct rules *r);
int	rules_msghandler(lua_State *L);
void	rules_split_where(const char *msg, const char *fallback,
	    struct buf *file, unsigned *line, const char **text);
void	rules_report(struct rules *r, uint32_t item, int step, const char *msg,
	    const char *fallback);
int	rules_worker(void *ctx, struct watch_out *o);

/* rules_load.c */
int	rules_read_rule(const char *root, const char *rel, struct buf *out,
	    const char **why);
int	rules_load_all(struct rules *r);
int	rules_probe_child(void *ctx, struct watch_out *o);
void	rules_probe_record(void *ctx, int type, uint32_t item, size_t nf,
	    char **f);
void	rules_report_death(struct rules *r, enum watch_end end, int status,
	    const char *what, const char *path);
int	rules_cmp_weight(const void *x, const void *y);

#endif
