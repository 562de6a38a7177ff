/*
 * build.c: one build of the site in the current directory (site.h): the
 * stages of site.h in order, between taking the archive's lock and
 * committing.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "archive/archive.h"
#include "archive/history.h"
#include "build/site.h"
#include "build/site_cache.h"
#include "build/site_sketch.h"
#include "build/site_stamp.h"
#include "related/related.h"
#include "rules/rules.h"
#include "core/progress.h"
#include "core/utf8.h"
#include "core/xalloc.h"

/* The archive as a build uses it: locked, opened, and what it published. */
struct build_archive {
	struct archive_lock	*lock;
	struct archive		*ar;
	struct archive_page	*pages;
	size_t			 npages;
};

/*
 * Takes the archive's lock and opens it. With --no-commit an archive
 * that does not exist yet is left alone. Returns 0, or the exit status.
 */
static int
archive_begin(struct build_archive *out, struct diag *d,
    const struct conf *conf, int commit, int wait)
{
	int rc;

	if (!commit && access(conf->archive_repo, F_OK) != 0)
		return 0;
	rc = archive_lock(&out->lock, d, conf->archive_repo, wait);
	if (rc == ARCHIVE_ELOCKED)
		return EXIT_LOCKED;
	if (rc < 0 || archive_open(&out->ar, d, conf->archive_repo,
	    conf->archive_branch) < 0)
		return EXIT_CONFIG;
	return 0;
}

static void
archive_end(struct build_archive *a)
{
	archive_pages_free(a->pages, a->npages);
	archive_free(a->ar);
	archive_unlock(a->lock);
}

/* The source of art as articles.json names it: relative to the content
 * directory, a name that is not UTF-8 escaped (utf8_put_name()). */
static void
source_name(struct buf *out, const struct site *s, const struct article *art)
{
	const char *rel = art->path;
	size_t k = strlen(s->conf->content);

	if (strncmp(rel, s->conf->content, k) == 0 && rel[k] == '/')
		rel += k + 1;
	buf_reset(out);
	utf8_put_name(out, rel);
}

/* Tells each article the permalink the archive published for its path,
 * which site_permalinks() keeps when it can. */
static void
keep_published(struct site *s, const struct build_archive *a)
{
	const struct archive_page *p;
	struct buf rel = BUF_INIT;
	size_t i;

	for (i = 0; i < s->n && a->npages > 0; i++) {
		source_name(&rel, s, s->articles[i]);
		if ((p = archive_pages_find(a->pages, a->npages,
		    rel.data)) != NULL) {
			free(s->articles[i]->published);
			s->articles[i]->published = xstrdup(p->permalink);
		}
	}
	buf_dispose(&rel);
}

static int
cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Whether p is in the sorted list v, or the permalink of an article. */
static int
taken(const struct strv *v, const struct site *s, const char *p)
{
	size_t i;

	if (bsearch(&p, v->v, v->n, sizeof(*v->v), cmp_str) != NULL)
		return 1;
	for (i = 0; i < s->n; i++)
		if (strcmp(s->articles[i]->permalink, p) == 0)
			return 1;
	return 0;
}

/*
 * An article's identity is its source file, not its URL: a new article
 * (a source the archive does not know) never takes the permalink that
 * the archive published for another source, now removed, since that
 * page's history holds the removed text. It gets the next free "-N"
 * of its slug instead, with a warning.
 */
static void
avoid_removed(struct diag *d, struct site *s, const struct build_archive *a)
{
	struct strv published = STRV_INIT;
	struct buf p = BUF_INIT, rel = BUF_INIT;
	struct article *art;
	size_t i, k, len;
	unsigned n;

	for (i = 0; i < a->npages; i++)
		strv_push(&published, a->pages[i].permalink);
	strv_sort(&published);
	for (i = 0; i < s->n && published.n > 0; i++) {
		art = s->articles[i];
		source_name(&rel, s, art);
		if (archive_pages_find(a->pages, a->npages, rel.data) != NULL ||
		    bsearch(&art->permalink, published.v, published.n,
		    sizeof(*published.v), cmp_str) == NULL)
			continue;
		len = strlen(art->permalink);
		for (n = 2; ; n++) {
			buf_reset(&p);
			buf_printf(&p, "%.*s-%u/", (int)(len - 1),
			    art->permalink, n);
			if (!taken(&published, s, p.data))
				break;
		}
		diag_warn(d, &(struct pos){ art->path, 0 }, "%s was a removed "
		    "article's page, using %s", art->permalink, p.data);
		free(art->permalink);
		art->permalink = buf_detach(&p);
		len = strlen(art->permalink);
		for (k = len - 1; k > 0 && art->permalink[k - 1] != '/'; k--)
			;
		free(art->slug);
		art->slug = xstrndup(art->permalink + k, len - 1 - k);
	}
	strv_dispose(&published);
	buf_dispose(&p);
	buf_dispose(&rel);
}

/* Commits the output directory at when, the time its pages show for
 * this build's revisions; ch is what writing it changed, so that the
 * commit reads only that when it can. Returns 0 or -1 (reported). */
static int
archive_save(struct build_archive *a, struct diag *d, const struct conf *conf,
    const struct outdir_changes *ch, long long when, int verbose)
{
	struct archive_sig sig = { conf->author_name, conf->author_email };
	int made = 0, fast = 0;

	if (archive_commit_changes(&made, a->ar, d, conf->output, ch, &fast,
	    &sig, when) < 0)
		return -1;
	if (verbose)
		diag_note(d, NULL, "%s: %s (%s)", conf->archive_repo, made ?
		    "committed" : "unchanged, no commit", fast ?
		    "the changed files read" : "every file looked at");
	return 0;
}

/* With -v, how long the stage that ends now took (wall and processor
 * seconds since t), for the benchmarks and for whoever wonders. */
/* The process's resident memory now and at its peak, in MiB, from
 * /proc (0 where there is none). */
static void
memory_mib(unsigned long *now, unsigned long *peak)
{
	char line[128];
	FILE *f;

	*now = *peak = 0;
	if ((f = fopen("/proc/self/status", "r")) == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, "VmRSS:", 6) == 0)
			*now = strtoul(line + 6, NULL, 10) / 1024;
		else if (strncmp(line, "VmHWM:", 6) == 0)
			*peak = strtoul(line + 6, NULL, 10) / 1024;
	fclose(f);
}

static void
stage_note(struct diag *d, int verbose, const char *stage,
    struct timespec t[2])
{
	struct timespec w, c;
	unsigned long rss, peak;

	clock_gettime(CLOCK_MONOTONIC, &w);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c);
	if (verbose && stage != NULL) {
		memory_mib(&rss, &peak);
		diag_note(d, NULL, "%s: %.3f s (processor %.3f s; memory "
		    "%lu MiB, peak %lu MiB)", stage,
		    (double)(w.tv_sec - t[0].tv_sec) +
		    (w.tv_nsec - t[0].tv_nsec) / 1e9,
		    (double)(c.tv_sec - t[1].tv_sec) +
		    (c.tv_nsec - t[1].tv_nsec) / 1e9, rss, peak);
	}
	t[0] = w;
	t[1] = c;
}

/* What the rules may read beside the articles and the rule files:
 * morgue itself, site.conf, SOURCE_DATE_EPOCH (os.time()) and the
 * system's gazetteers and word list. */
static XXH128_hash_t
rules_env(long long source_date)
{
	XXH128_hash_t self = site_cache_version(), h = { 0, 0 };
	XXH3_state_t *st = XXH3_createState();
	struct buf conf = BUF_INIT;
	int fd;

	if (st == NULL)
		return h;
	if ((fd = open("site.conf", O_RDONLY | O_CLOEXEC)) >= 0 &&
	    buf_read_fd(&conf, fd, SIZE_MAX) == 0 &&
	    (self.low64 != 0 || self.high64 != 0)) {
		XXH3_128bits_reset(st);
		XXH3_128bits_update(st, &self, sizeof(self));
		XXH3_128bits_update(st, &source_date, sizeof(source_date));
		XXH3_128bits_update(st, conf.data, conf.len);
		if (site_stamp_data(st) == 0)
			h = XXH3_128bits_digest(st);
	}
	if (fd >= 0)
		close(fd);
	XXH3_freeState(st);
	buf_dispose(&conf);
	return h;
}

/* Says which articles had more tags than one article may make. */
static void
warn_dropped_tags(struct diag *d, const struct site *s)
{
	struct pos pos = { NULL, 0 };
	size_t i;

	for (i = 0; i < s->n; i++) {
		if (s->articles[i]->tags_dropped == 0)
			continue;
		pos.file = s->articles[i]->path;
		diag_warn(d, &pos, "%zu tags left out: an article makes at "
		    "most %d, of at most %d bytes each",
		    s->articles[i]->tags_dropped, ARTICLE_MAX_TAGS,
		    ARTICLE_MAX_TAG);
	}
}

/* The threads that read the articles for the stamp: -j's, or one per
 * processor. */
static unsigned
stamp_jobs(const struct site_build_opts *o)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return o->jobs > 0 ? o->jobs : n > 0 ? (unsigned)n : 1;
}

/*
 * The stamp of this build's inputs (site_stamp.h), for a build that
 * commits and trusts the cache: 0 and *key set, else -1 (a --full or
 * --no-commit build, an input that could not be read).
 */
static int
stamp_of(XXH128_hash_t *inputs, XXH128_hash_t *key,
    const struct build_archive *a, const struct conf *conf,
    const struct strv *rules, const struct site_build_opts *o,
    long long source_date)
{
	struct site_stamp_in in = { conf, rules, source_date, 2 };
	struct diag quiet;
	char head[41];

	diag_init(&quiet, NULL);
	in.jobs = stamp_jobs(o);
	if (!o->commit || o->full || a->ar == NULL ||
	    (mkdir(SITE_CACHE_DIR, 0755) < 0 && errno != EEXIST) ||
	    site_stamp_hash(inputs, &in) < 0 ||
	    archive_head(head, a->ar, &quiet) < 0)
		return -1;
	*key = site_stamp_key(*inputs, head);
	return 0;
}

/* What the permalink and history steps said: the part of the build's
 * log they wrote and its counts, and whether the history said anything. */
struct said {
	size_t		 from, to;	/* the permalink step's lines in log */
	unsigned	 errors, warnings;
	int		 history;
};

/* Counts of d now, to tell what a step said. */
static void
said_mark(size_t *len, unsigned *errors, unsigned *warnings,
    const struct diag *d, const struct buf *log)
{
	*len = log->len;
	*errors = d->errors;
	*warnings = d->warnings;
}

/*
 * What the permalink step says of s's articles on the archive as this
 * build left it: the next build reads that archive, so its log differs
 * from this one's there (a clash warned of now keeps its published "-2"
 * then). Puts the diagnostics into out, counted, and returns 0; or -1
 * when the archive cannot be read or an article would not keep the
 * permalink this build gave it (the next build then runs).
 */
static int
permalinks_again(struct buf *out, unsigned *errors, unsigned *warnings,
    struct site *s, const struct build_archive *a)
{
	struct build_archive now = { NULL, a->ar, NULL, 0 };
	struct diag q;
	char **was = xcalloc(s->n + 1, sizeof(*was));
	size_t i;
	int rc = -1;

	diag_init(&q, NULL);
	if (archive_pages(&now.pages, &now.npages, a->ar, &q) < 0)
		goto out;
	q.copy = out;
	for (i = 0; i < s->n; i++) {
		was[i] = s->articles[i]->permalink;
		s->articles[i]->permalink = NULL;
		free(s->articles[i]->published);
		s->articles[i]->published = NULL;
	}
	keep_published(s, &now);
	site_permalinks(&q, s->articles, s->n);
	avoid_removed(&q, s, &now);
	for (i = 0; i < s->n; i++)
		if (strcmp(was[i], s->articles[i]->permalink) != 0)
			break;
	rc = i == s->n ? 0 : -1;
	*errors = q.errors;
	*warnings = q.warnings;
out:
	for (i = 0; i < s->n; i++)
		free(was[i]);
	free(was);
	archive_pages_free(now.pages, now.npages);
	return rc;
}

/*
 * After a build that committed (or found nothing to commit): saves its
 * stamp when its inputs are still those it started from. What the
 * permalink and history steps say depends on the archive: when they
 * said anything and the build moved the branch, the stamp keeps what
 * the permalink step says on the new branch instead (permalinks_again());
 * a history that said anything saves no stamp (the next build runs and
 * saves one).
 */
static void
stamp_save(const XXH128_hash_t *inputs, const XXH128_hash_t *key0,
    const struct build_archive *a, const struct conf *conf,
    const struct strv *rules, long long source_date, unsigned jobs,
    struct site *s, const struct said *said, int rc, const struct buf *log,
    unsigned errors, unsigned warnings)
{
	struct site_stamp_in in = { conf, rules, source_date, jobs };
	struct buf again = BUF_INIT, mid = BUF_INIT;
	XXH128_hash_t now, key;
	struct diag quiet;
	unsigned e = 0, w = 0;
	char head[41];

	diag_init(&quiet, NULL);
	if (site_stamp_hash(&now, &in) < 0 || !XXH128_isEqual(now, *inputs) ||
	    archive_head(head, a->ar, &quiet) < 0)
		return;
	key = site_stamp_key(now, head);
	if ((said->to == said->from && !said->history) ||
	    XXH128_isEqual(key, *key0)) {
		(void)site_stamp_save(SITE_CACHE_DIR, key, rc, log, errors,
		    warnings);
		return;
	}
	/* The permalink step warns, never errs: a status of its own
	 * making is not retold. */
	if (said->history || said->errors > 0 ||
	    permalinks_again(&mid, &e, &w, s, a) < 0 || e > 0)
		goto out;
	buf_put(&again, log->data, said->from);
	buf_put(&again, mid.data, mid.len);
	buf_put(&again, log->data + said->to, log->len - said->to);
	(void)site_stamp_save(SITE_CACHE_DIR, key, rc, &again, errors,
	    warnings - said->warnings + w);
out:
	buf_dispose(&again);
	buf_dispose(&mid);
}

int
site_build(struct diag *d, const struct site_build_opts *o,
    long long source_date)
{
	struct build_archive arch = { NULL, NULL, NULL, 0 };
	struct render_history hist = { NULL, NULL, NULL, 0 };
	struct related_config rel = { 5, NULL, 0, 0, 0, NULL, 0, NULL, NULL };
	struct site_sketches sketches;
	struct conf *conf = NULL;
	struct rules *rules = NULL;
	struct strv files = STRV_INIT;
	struct site *s = NULL;
	struct outdir_changes ch = { STRV_INIT, 0, { 0, 0 }, 0, 0 };
	struct progress *pg = NULL;
	long long when;
	size_t ran = 0;
	struct timespec t[2];
	struct buf log = BUF_INIT, *copy = d->copy;
	XXH128_hash_t inputs, key;
	struct said said = { 0, 0, 0, 0, 0 };
	unsigned errors0 = d->errors, warnings0 = d->warnings, e1, w1, e2, w2;
	size_t len2;
	int rc = EXIT_CONFIG, changed = 0, v = o->verbosity > 0, stamped = 0;

	stage_note(d, v, NULL, t);
#ifdef __GLIBC__
	/*
	 * The memory of a big build is mostly small blocks made by one
	 * stage's threads and freed by another's: with an arena per
	 * thread, what one thread frees the next cannot reuse, and the
	 * render alone grew by 200 MB more at 100,000 articles. One
	 * arena for all. And a fixed threshold, so that every big buffer
	 * gets a mapping of its own, given back when freed: glibc's
	 * default raises the threshold as such buffers are freed, and the
	 * next ones come from the heap, whose holes stay (100 MB more).
	 */
	mallopt(M_ARENA_MAX, 1);
	mallopt(M_MMAP_THRESHOLD, 256 * 1024);
#endif
	/* The rules load before anything is touched: a rule file that
	 * does not load leaves the archive and the output as they were. */
	if (archive_build_time(&when, d) < 0 ||
	    conf_load(&conf, d, "site.conf") < 0 ||
	    conf_check_paths(d, conf, ".") < 0)
		goto out;
	rules_files(&files, conf, ".");
	if (rules_new(&rules, d, ".", &files) < 0)
		goto out;
	if ((rc = archive_begin(&arch, d, conf, o->commit, o->wait)) != 0)
		goto out;
	/* Inputs and archive as the last build left them: its output and
	 * its commit stand, and only its diagnostics are said again. */
	stamped = stamp_of(&inputs, &key, &arch, conf, &files, o,
	    source_date) == 0;
	if (stamped && site_stamp_reuse(SITE_CACHE_DIR, key, conf->output, d,
	    &rc)) {
		if (v)
			diag_note(d, NULL, "nothing changed since the last "
			    "build: %s and %s as they were", conf->output,
			    conf->archive_repo);
		goto out;
	}
	/* From here the output and the archive may change: a build killed
	 * on the way must not leave a stamp that names the last one. */
	(void)site_stamp_forget(SITE_CACHE_DIR);
	d->copy = &log;
	errors0 = d->errors;
	warnings0 = d->warnings;
	rc = EXIT_CONFIG;
	pg = progress_new(d->out, progress_flags(d->out, o->verbosity));
	d->progress = pg;
	if (arch.ar != NULL && archive_pages(&arch.pages, &arch.npages,
	    arch.ar, d) < 0)
		goto out;
	stage_note(d, v, "set-up", t);
	progress_begin(pg, "parse", 0, "articles");
	if (site_load_cached(&s, d, conf, o->jobs, o->verbosity >= 0,
	    SITE_CACHE_DIR, o->full) < 0)
		goto out;
	progress_end(pg, s->n);
	stage_note(d, v, "parse", t);
	/* An article that could not be read is not a removed one: taking
	 * it for one would drop its pages and commit their removal. */
	if (s->unread > 0 && !o->allow_missing) {
		diag_err(d, NULL, "%zu part%s of %s could not be read: nothing "
		    "written (--allow-missing builds without them)",
		    s->unread, s->unread == 1 ? "" : "s", conf->content);
		rc = EXIT_INPUT;
		goto out;
	}
	/* A rule that errs on an article is reported and counted in d:
	 * the build goes on and exits 1. */
	progress_begin(pg, "rules", s->n, "articles");
	rules_run_cached(rules, d, s->articles, s->n, s->keys,
	    rules_env(source_date), SITE_CACHE_DIR "/rules", o->full, &ran);
	progress_end(pg, s->n);
	if (v)
		diag_note(d, NULL, "rules: %zu of %zu articles run", ran, s->n);
	warn_dropped_tags(d, s);
	site_warn_kinds(d, s->articles, s->n);
	site_drop_text(s);
	stage_note(d, v, "rules", t);
	rel.nweights = rules_weights(rules, &rel.weights);
	s->spellings = rules_spellings(rules);
	rel.count = conf->related_count;
	rel.has_threshold = conf->related_threshold >= 0;
	rel.threshold = conf->related_threshold;
	rel.progress = pg;
	rel.jobs = o->jobs;
	progress_begin(pg, "related", s->n, "articles");
	site_sketches_load(&sketches, SITE_CACHE_DIR "/sketches", s->keys,
	    s->n, o->full);
	rel.sketches = sketches.v;
	rel.known = sketches.known;
	related_compute(s->articles, s->n, &rel);
	(void)site_sketches_save(&sketches, SITE_CACHE_DIR "/sketches",
	    s->keys);
	site_sketches_dispose(&sketches);
	progress_end(pg, s->n);
	stage_note(d, v, "related", t);
	said_mark(&said.from, &e1, &w1, d, &log);
	keep_published(s, &arch);
	site_permalinks(d, s->articles, s->n);
	avoid_removed(d, s, &arch);
	said_mark(&said.to, &e2, &w2, d, &log);
	said.errors = e2 - e1;
	said.warnings = w2 - w1;
	site_order(s, source_date);
	s->cache = SITE_CACHE_DIR;
	s->full = o->full;
	s->jobs = o->jobs;
	if (arch.ar != NULL) {
		if (history_read(&hist, d, arch.ar, s->articles, s->articles,
		    s->n, o->jobs, when) < 0)
			goto out;
		s->history = &hist;
	}
	said_mark(&len2, &e1, &w1, d, &log);
	said.history = e1 != e2 || w1 != w2;
	stage_note(d, v, "permalinks, history", t);
	if (site_write(s, d, &changed, &ch) < 0)
		goto out;
	progress_end(pg, (size_t)-1);
	stage_note(d, v, "render and write", t);
	if (o->verbosity > 0)
		diag_note(d, NULL, "%zu articles; %zu pages rendered, %zu "
		    "kept as they were; %s %s", s->n, s->rendered, s->kept,
		    conf->output, changed ? "written" : "unchanged");
	/* Written: the commit reads the files, and the stamp no more of
	 * the articles than their names. */
	history_dispose(&hist, s->n);
	s->history = NULL;
	site_drop_pages(s);
#ifdef __GLIBC__
	/* What was freed lies in the arenas of the threads that made it,
	 * which the commit, on this thread, cannot reuse: given back, it
	 * does not count twice at the commit's peak. */
	malloc_trim(0);
#endif
	/* Without the list of changes, the commit looks at every file. */
	if (o->commit)
		progress_begin(pg, "commit", ch.known ? ch.paths.n : 0,
		    ch.known ? "changed files" : "files");
	if (o->commit && archive_save(&arch, d, conf, &ch, when,
	    o->verbosity > 0) < 0)
		rc = EXIT_INPUT;
	else {
		progress_end(pg, ch.known ? ch.paths.n : (size_t)-1);
		rc = d->errors > 0 ? EXIT_INPUT : 0;
		if (stamped)
			stamp_save(&inputs, &key, &arch, conf, &files,
			    source_date, stamp_jobs(o), s, &said, rc, &log,
			    d->errors - errors0, d->warnings - warnings0);
	}
	if (o->commit)
		stage_note(d, v, "commit", t);
out:
	d->progress = NULL;
	progress_free(pg);
	d->copy = copy;
	if (copy != NULL && log.len > 0)
		buf_put(copy, log.data, log.len);
	buf_dispose(&log);
	if (s != NULL)
		history_dispose(&hist, s->n);
	site_free(s);
	outdir_changes_dispose(&ch);
	archive_end(&arch);
	rules_free(rules);
	strv_dispose(&files);
	conf_free(conf);
	return rc;
}

