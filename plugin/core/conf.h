/*
 * conf.h: site.conf, the configuration of a site.
 *
 * site.conf is Lua evaluated as data: the text is run in an empty
 * environment (no functions, no libraries), with a memory cap and an
 * instruction budget, so that a hostile site.conf can neither run
 * anything nor hang the build. Later lines may refer to earlier ones.
 * Keys and their defaults:
 *
 *	title     = "My archive"
 *	base_url  = "http://localhost/"
 *	language  = "en"
 *	content   = "content"
 *	output    = "public"
 *	templates = "templates"
 *	rules     = { "lua/aliases.lua", "lua/tags.lua", "lua/links.lua" }
 *	related   = { count = 5 }
 *	archive   = { repo = "archive.git", branch = "archive", remotes = {},
 *	              author = { name = "morgue", email = "morgue@localhost" } }
 *
 * An unknown key is a warning; a value of the wrong type (or an unsafe
 * one, such as an output directory outside the site) is an error that
 * names the key's line: `site.conf:7: error: title: expected a string,
 * got number`.
 */
#ifndef MORGUE_CONF_H
#define MORGUE_CONF_H

#include <stddef.h>

#include "core/buf.h"
#include "core/diag.h"

/* The site.conf line of each key that names a path (0: not set there),
 * so that a refusal points at it. */
struct conf_lines {
	unsigned	content;
	unsigned	output;
	unsigned	templates;
	unsigned	rules;
	unsigned	repo;
};

/* Every string is owned by the struct, valid UTF-8 without NUL bytes. */
struct conf {
	char		*title;
	char		*base_url;	/* absolute http(s) URL ending in "/" */
	char		*language;
	char		*content;	/* paths relative to the site directory */
	char		*output;	/* relative, no "." or ".." components */
	char		*templates;
	struct strv	 rules;		/* rule files, in the order they run */
	/* site.conf names no rules: rules holds the defaults, of which
	 * rules_files() keeps those that exist. */
	int		 rules_default;
	size_t		 related_count;
	char		*archive_repo;
	char		*archive_branch;
	struct strv	 remotes;
	char		*author_name;	/* of the archive commits */
	char		*author_email;
	char		*file;		/* the name site.conf was read as */
	struct conf_lines lines;
};

/* The longest string site.conf may give: a longer title is cut there
 * (a warning), any other longer value is an error. */
#define CONF_MAX_STRING		1024

/* Memory and instruction budgets of one site.conf evaluation. */
#define CONF_MAX_MEMORY		(16u * 1024 * 1024)
#define CONF_MAX_INSTRUCTIONS	(10u * 1000 * 1000)

/*
 * Evaluates the len bytes of text, read from the file name (used in
 * diagnostics only), into *out, which the caller frees with conf_free().
 * Warnings and errors go to d. Returns 0, or -1 after reporting at least
 * one error (a syntax error, a runtime error, a budget exceeded, a wrong
 * type); *out is then untouched.
 */
int	conf_parse(struct conf **out, struct diag *d, const char *name,
	    const char *text, size_t len);

/*
 * Reads path and evaluates it as conf_parse() does. A file that cannot
 * be read is an error. Same return and ownership as conf_parse().
 */
int	conf_load(struct conf **out, struct diag *d, const char *path);

/*
 * Checks, before anything is written, that the paths of c (relative to
 * root, the site's directory) cannot destroy one another, comparing them
 * resolved (realpath, after symlinks; a path that does not exist yet is
 * resolved through its nearest existing parent):
 *  - the output lies strictly inside the site, and is not, does not
 *    hold and does not lie inside the content, the templates, a rule
 *    file, site.conf, the archive repository or any ".git";
 *  - the archive repository is not the output, the content, the
 *    templates, a rule file or site.conf, holds none of them, does not
 *    lie inside the output or the content, is not the site or above it,
 *    and is neither a ".git" nor a work tree of git.
 * Each refusal is an error at the key's site.conf line. Returns 0, or
 * -1 after reporting (the build then exits 3 with nothing written).
 */
int	conf_check_paths(struct diag *d, const struct conf *c,
	    const char *root);

/* The defaults, which a site without a site.conf gets;
 * caller frees with conf_free(). */
struct conf	*conf_new(void);

void	conf_free(struct conf *c);

#endif
