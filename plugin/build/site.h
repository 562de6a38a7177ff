/*
 * site.h: the build pipeline of `morgue build`.
 *
 * site.conf -> the content directory walked in bytewise order -> each
 * article parsed (in parallel) -> rules -> related stories -> permalinks
 * -> the output directory written beside the old one and swapped in
 * (outdir.h) -> the archive commit. Every step is deterministic: the same
 * content gives the same bytes, whatever the order of the files on disk,
 * the umask, the time zone, the locale or the number of jobs.
 */
#ifndef MORGUE_SITE_H
#define MORGUE_SITE_H

#include <stddef.h>

#include <xxhash.h>

#include "parse/article.h"
#include "core/buf.h"
#include "core/conf.h"
#include "core/diag.h"
#include "core/par.h"
#include "render/outdir.h"

struct render_history;

/* The most threads a build uses (-j). */
#define SITE_MAX_JOBS	PAR_MAX_JOBS

struct site {
	struct conf	 *conf;		/* borrowed */
	/*
	 * Owned. Sorted bytewise by path ("content/2025/x.txt"); the
	 * indices of struct relation, syndicated and thread_prev/next
	 * refer to this array.
	 */
	struct article	**articles;
	size_t		  n;
	/* Index for index with articles, the XXH3-128 of each one's path
	 * and bytes as the parse cache read them ({ 0, 0 }: not read
	 * through it). Owned. */
	XXH128_hash_t	 *keys;
	/* Parts of the content that could not be read (a directory or a
	 * file: permissions, I/O): their articles are missing from
	 * articles, which is not their removal. */
	size_t		  unread;
	/* Borrowed pointers into articles: newest first, then by path;
	 * undated articles last. The order of indexes and articles.json. */
	struct article	**by_date;
	/*
	 * The time of the build as the output shows it: SOURCE_DATE_EPOCH
	 * when set, else midnight UTC of the newest article's date, else 0.
	 * Never the clock, so that builds are reproducible.
	 */
	long long	  build_time;
	/* What the archive remembers, for the pages that show it, index
	 * for index with articles (as render_opts.articles); NULL without
	 * an archive. Borrowed. */
	const struct render_history *history;
	const struct strv *spellings;	/* the rules' (rules_spellings());
					   borrowed, may be NULL */
	/* Where the build cache lives (SITE_CACHE_DIR, relative to the
	 * project), or NULL for none; with full set it is not trusted but
	 * made anew (`morgue build --full`). */
	const char	 *cache;
	int		  full;
	/* Pages site_write() rendered, and those it kept as the last
	 * build wrote them, since all they show is as it was. */
	size_t		  rendered, kept;
	unsigned	  jobs;		/* threads of the render (-j; 0: one
					   per processor) */
};

/* The build cache of a project: derived data only, safe to delete. */
#define SITE_CACHE_DIR	".morgue"

/*
 * Validates a SOURCE_DATE_EPOCH value: decimal digits only, at most
 * 253402300799 (9999-12-31T23:59:59Z). NULL or empty means unset: *out
 * is then -1. Returns 0, or -1 after reporting "invalid
 * SOURCE_DATE_EPOCH": a bad value never becomes a wrong date on the site.
 */
int	site_source_date(long long *out, struct diag *d, const char *value);

/*
 * Appends to out the *.txt and *.md files below dir (dir/... paths),
 * sorted bytewise. Symlinks are never followed (a warning "symlink not
 * followed" each: content never reaches outside its directory), hidden
 * entries (".git", ".x.swp") and the path skip (the output directory,
 * may be NULL) with its temporary siblings are passed over. A directory
 * below that cannot be read (or lies too deep) is an error and adds one
 * to *unread. Returns 0, or -1 when dir itself cannot be read
 * (reported).
 */
int	site_scan(struct strv *out, struct diag *d, const char *dir,
	    const char *skip, size_t *unread);

/*
 * Scans conf->content and parses every article, with up to jobs threads
 * (0: one per processor). Diagnostics come out in path order whatever
 * the number of jobs. With progress set, the articles parsed are counted
 * on d->progress (when not NULL), its stage's total set to their number.
 * Skipped articles are warnings and left out.
 * *out is freed with site_free(). Returns 0, or -1 when the content
 * directory cannot be read (reported).
 */
int	site_load(struct site **out, struct diag *d, struct conf *conf,
	    unsigned jobs, int progress);

/*
 * Sets each article's permalink, "articles/YYYY/MM/DD/SLUG/" or
 * "articles/undated/SLUG/". Slugs are unique case-insensitively within a
 * day; on a collision the article that comes first by (date, path) keeps
 * the slug, the others get -2, -3, ... in that order, with a warning:
 * a clash never overwrites a page. An article with a published
 * permalink (the one the archive has for its path) keeps it, so that URLs
 * never move, unless it is malformed or another article kept it first.
 * A permalink set before is replaced. Each article's
 * slug becomes the last part of its permalink. The result depends only
 * on the articles, not on their order in v.
 */
/*
 * site_load() through the parse cache of cachedir (SITE_CACHE_DIR; NULL:
 * none): an article whose path and bytes are those of the last build is
 * not parsed again, and gives the same article and diagnostics. With
 * full set the cache is not read, only made anew.
 */
int	site_load_cached(struct site **out, struct diag *d, struct conf *conf,
	    unsigned jobs, int progress, const char *cachedir, int full);

void	site_permalinks(struct diag *d, struct article **v, size_t n);

/*
 * Warns, once per kind at the rule that first made it, of a tag kind
 * the Markdown pages leave out of their front matter (md_kind_listed()):
 * a key Hugo or Jekyll reserve, or one of the page's own fields.
 */
void	site_warn_kinds(struct diag *d, struct article **v, size_t n);

/*
 * Frees text that no stage after the rules reads, to bound the memory
 * of a big archive: an article cut into body blocks holds each
 * paragraph twice (in paragraphs, for the rules, and in body[]); once
 * the rules have run only the first of paragraphs is read (the summary's
 * fallback), so the others are freed. Call it after rules_run_all().
 */
void	site_drop_text(struct site *s);

/*
 * Frees what site_write() read of the articles and what comes after it
 * does not: all but their names (article_keep_names()), which the
 * permalinks read again when the build saves its stamp. Call it after
 * site_write(), so that the archive's commit does not hold the text of
 * every article beside the files it reads.
 */
void	site_drop_pages(struct site *s);

/*
 * Fills s->by_date and s->build_time (source_date is SOURCE_DATE_EPOCH
 * from site_source_date(), or -1). Call after the last stage that may
 * change dates (related stories infer some), before site_write().
 */
void	site_order(struct site *s, long long source_date);
/*
 * Makes the Markdown pages (md_page()) of articles [from, from + n) of
 * s into out[0..n), with up to jobs threads (0: one per processor); the
 * caller frees them. The pages are the same for every number of jobs.
 */
void	site_md_batch(char **out, const struct site *s, size_t from,
	    size_t n, unsigned jobs);

/*
 * Writes the output directory: articles.json, the Markdown and HTML
 * pages, replacing the old directory atomically (outdir.h). The Markdown
 * pages are counted on d->progress (when not NULL) as the stage "write",
 * the HTML pages as "render"; the latter is left open for the caller to
 * end. *changed
 * (may be NULL) says whether the output differs from the last build;
 * changes (may be NULL) gets what changed, for the archive's commit.
 * Returns 0, or -1 after reporting (the old output is intact).
 */
int	site_write(struct site *s, struct diag *d, int *changed,
	    struct outdir_changes *changes);

void	site_free(struct site *s);

/* What `morgue build` asks of a build. */
struct site_build_opts {
	int		 commit;	/* commit the output to the archive */
	unsigned	 jobs;		/* parse threads; 0: one per processor */
	int		 verbosity;	/* -1 quiet, 0, 1 verbose */
	int		 wait;		/* for another build's lock */
	int		 allow_missing;	/* build without unreadable content */
	int		 full;		/* --full: trust no cache */
};

/*
 * build.c: builds the site of the current directory's site.conf:
 * rules, archive lock, parse, rules run, related, permalinks, order,
 * history, output, commit. source_date is site_source_date()'s. Returns
 * the exit status: 0, EXIT_INPUT (built, some article had errors),
 * EXIT_CONFIG (nothing written), EXIT_LOCKED.
 */
int	site_build(struct diag *d, const struct site_build_opts *o,
	    long long source_date);

#endif
