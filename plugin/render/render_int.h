/*
 * render_int.h: what the files of the site writer share; not part of
 * the API (render.h). render.c is the driver; render_text.c (text, URL
 * and date safety), render_terms.c (terms of every kind), render_cards.c
 * (order and cards), render_write.c (pages into files) serve the page
 * makers render_pages.c, render_changes.c and render_search.c.
 */
#ifndef MORGUE_RENDER_INT_H
#define MORGUE_RENDER_INT_H

#include <jansson.h>

#include "core/buf.h"
#include "core/map.h"
#include "render/render.h"

/* One term of a kind: "Sergei Lavrov" of "people". */
struct render_term {
	char	*name;		/* display name, cleaned */
	char	*slug;		/* unique within its kind */
	size_t	*arts;		/* article indices, newest first */
	size_t	 n;
	size_t	 cap;
	json_t	*json;		/* {kind, kind_title, name, href}, or NULL */
};

/* A tag kind ("people", ...), or the pseudo-kinds "sources", "agencies". */
struct render_kind {
	char			*name;
	char			*slug;
	char			*title;		/* "People" */
	struct render_term	*terms;		/* sorted by name once collected */
	size_t			 nterms;
	size_t			 cap;
	struct map		 byname;	/* name -> index into terms */
};

struct tmpl_partials;
struct render_names;

/* The state of one render_site() call. */
struct render {
	struct diag			*d;
	const struct render_opts	*o;
	const char			*dir;
	char				*base;		/* base_url + "/" */
	char				*updated;	/* ISO 8601 UTC */
	size_t				*order;		/* newest first */
	size_t				 norder;
	json_t				**cards;	/* NULL: left out */
	json_t				**entries;	/* Atom entries, lazily */
	json_t				**lcards;	/* cards for lists, lazily */
	json_t				**scards;	/* story cards, lazily */
	size_t				*pos;		/* article -> place in order,
							   SIZE_MAX: left out; lazily */
	unsigned			*mark;		/* render_stories() */
	unsigned			 gen;
	struct render_kind		*kinds;
	size_t				 nkinds;
	json_t				*nav;		/* [{name, title, href}] */
	json_t				*site;		/* {title, language, ...} */
	/* The pages the sitemap lists, as render_sitemap_add() got them:
	 * paths, made into its {loc} objects only a sitemap file at a
	 * time, which are many times bigger. */
	struct strv			 sitemap;
	struct tmpl_partials		*tp;	/* the templates */
	json_t				*dirs;	/* directories made: a set */
	json_t				*commons;	/* root -> common keys */
	struct buf			 page;		/* the page being made */
	/* render_key.c: pages keyed by what they show, when o->keep */
	int				 keyed;
	XXH128_hash_t			 self;		/* morgue's bytes */
	XXH3_state_t			*st;
	struct render_names		*names;		/* per page template */
	size_t				 nnames;
	struct map64			 stable;	/* values that live as
							   long as the render */
	XXH128_hash_t			*card_keys;	/* render_src_card() */
	unsigned char			*card_keyed;
	struct buf			 whole;		/* render_key.c */
	char				*lastdir;	/* the last one written to */
	int				 umask_bites;	/* chmod needed */
};

/* Sets key to a cleaned copy of s; does nothing for NULL or "". */
void	 render_jset(json_t *obj, const char *key, const char *s);
/* "../" once per directory level of path ("a/b/index.html": "../../"). */
char	*render_root(const char *path);
/* ISO 8601 for a YYYY-MM-DD date (or the build time for NULL). */
char	*render_iso(const struct render *r, const char *date);
/* t as an RFC 3339 UTC time, "2025-03-14T07:42:00Z" (free it). */
char	*render_iso_time(time_t t);
/* Whether date is a well-formed YYYY-MM-DD. */
int	 render_date_ok(const char *date);
/* Whether p is a relative directory path of safe names, ending in "/",
 * that may be written under the output directory. */
int	 render_permalink_ok(const char *p);
/* Whether s looks like a BCP 47 language tag ("en", "pt-BR"). */
int	 render_lang_ok(const char *s);

/* render_terms.c: collects the terms of the ordered articles into
 * r->kinds, sorted, each with its unique slug; render_free_kinds()
 * frees them. */
void	 render_collect_terms(struct render *r);
void	 render_free_kinds(struct render *r);

/* render_cards.c: r->order (newest first, unsafe permalinks reported
 * and left out), then r->cards, one per ordered article. */
void	 render_order_articles(struct render *r);
void	 render_make_cards(struct render *r);

/* The card of article i (borrowed), or NULL when it is left out. */
json_t	*render_card(const struct render *r, size_t i);
/* Article i's card for lists: its optional keys null when absent, so
 * that a name is never found on the page around it, and "outlet" (the
 * source's name, else the agency's); a new reference, or NULL. */
json_t	*render_list_card(struct render *r, size_t i);
/* render_story.c: one card per story (its copies named on it). */
/* A new array of the story cards of the given articles. */
json_t	*render_cards(struct render *r, const size_t *v, size_t n);
size_t	 render_story_first(struct render *r, size_t i);
json_t	*render_story_card(struct render *r, size_t i);
size_t	 render_stories(struct render *r, const size_t *v, size_t n,
	    size_t **out);
/* Finds a term; NULL if absent. */
const struct render_term *render_term(const struct render *r, const char *kind,
	    const char *name, const struct render_kind **kout);
/* Its page, from the site root: "people/sergei-lavrov/index.html". */
char	*render_term_href(const struct render_kind *k,
	    const struct render_term *t);

/*
 * Renders template tname with ctx (to which the common keys "site",
 * "root", "nav", "updated" are added) into path under the output
 * directory. Takes ownership of ctx. Returns 0 or -1 (reported).
 */
int	 render_page(struct render *r, const char *tname, const char *path,
	    json_t *ctx);
/* render_page() with below (borrowed, may be NULL) between the common
 * keys and ctx on the context stack: a card shared, not copied. */
int	 render_page_on(struct render *r, const char *tname,
	    const char *path, json_t *below, json_t *ctx);
/* render_key.c: render_keys_init() sets r->keyed when o->keep asks for
 * keys and morgue can hash itself; render_page_key() puts into *out the
 * key of the page path rendered with template tname over the context
 * stack[0..n) (0), or -1 when it has none (no keys, a template that did
 * not load). */
void	 render_keys_init(struct render *r);
void	 render_keys_free(struct render *r);
/* Notes that v (an object or array) lives, unchanged, until the render
 * ends: pages that share it hash it once. */
void	 render_key_stable(struct render *r, json_t *v);
int	 render_page_key(XXH128_hash_t *out, struct render *r,
	    const char *tname, const char *path, json_t *const *stack,
	    size_t n);
/* render_page_on() for a page whose context is not whole until fill
 * (called only when the page is rendered, not when it is kept) puts in
 * what it stands for in the key. */
int	 render_page_made(struct render *r, const char *tname,
	    const char *path, json_t *below, json_t *ctx,
	    void (*fill)(struct render *, json_t *, const char *, void *),
	    void *arg);
/*
 * Keys made from a page's sources, not its context (render_key.c): a
 * page maker that knows every source its context is made of starts
 * with render_src_key() (NULL: no keys, or a template that did not
 * load), puts each source in with the render_src_*() below, then asks
 * render_page_kept() whether the output holds the page with that key
 * before it makes any context; else it makes the page with
 * render_page_src(). common is render_common() of the page.
 */
XXH3_state_t *render_src_key(struct render *r, const char *tname,
	    const char *path, json_t *common);
void	 render_src_str(XXH3_state_t *st, const char *s);	/* or NULL */
void	 render_src_strv(XXH3_state_t *st, const struct strv *sv);
void	 render_src_int(XXH3_state_t *st, long long v);
/* The whole of article i's card (memoized), or that it has none. */
void	 render_src_card(struct render *r, XXH3_state_t *st, size_t i);
/* The common keys of the page path, {root, site, nav, updated}. */
json_t	*render_common(struct render *r, const char *path);
/* 1 when the output holds path as made with key (counted as kept and
 * listed in the sitemap as a written page is), else 0. */
int	 render_page_kept(struct render *r, const char *path,
	    const XXH128_hash_t *key);
/* render_page_made() with the page's key given (NULL: none) instead of
 * made from its context, and not asked for again. */
int	 render_page_src(struct render *r, const char *tname,
	    const char *path, json_t *below, json_t *ctx,
	    void (*fill)(struct render *, json_t *, const char *, void *),
	    void *arg, const XXH128_hash_t *key);
/* Writes len bytes to path (relative to the output directory), making
 * the directories on the way. Returns 0 or -1 (reported). */
int	 render_write(struct render *r, const char *path, const char *data,
	    size_t len);
/* render_write() of a file keyed as render_page_key() keys pages: all
 * it shows (key, may be NULL); with o->keep, a later build asks for
 * the file by that key instead of making it. */
int	 render_write_key(struct render *r, const char *path,
	    const char *data, size_t len, const XXH128_hash_t *key);
/* The absolute URL of href (a path from the site root; a trailing
 * "index.html" is dropped). Caller frees. */
char	*render_abs(const struct render *r, const char *href);
/* Adds the page href (a path from the site root) to the sitemap. */
void	 render_sitemap_add(struct render *r, const char *href);
/* Copies the regular files of TEMPLATES/assets/ to assets/. Returns 0
 * or -1 (reported). */
int	 render_copy_assets(struct render *r);

/* render_pages.c, render_search.c */
int	 render_articles(struct render *r);
int	 render_index(struct render *r);
int	 render_kinds(struct render *r);
int	 render_archive(struct render *r);
int	 render_feed(struct render *r, const char *path, const char *title,
	    const char *alternate, const size_t *v, size_t n);
int	 render_search(struct render *r);
/* The length of the folded word w once stemmed (render_search.c says
 * how; search.js does the same). */
size_t	 render_search_stem(const char *w, size_t n);
int	 render_sitemap(struct render *r);
/* render_changes.c: an article's revisions (a new array), and the
 * "what changed" page and feed. */
json_t	*render_revisions(const struct render *r, size_t i);
int	 render_changes(struct render *r);

#endif
