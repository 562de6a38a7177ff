/* site.c: the stages of the build pipeline (site.h); build.c runs them. */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <xxhash.h>

#include "render/export.h"
#include "render/md.h"
#include "render/outdir.h"
#include "render/render.h"
#include "build/site.h"
#include "core/map.h"
#include "core/par.h"
#include "core/progress.h"
#include "build/site_cache.h"
#include "core/xalloc.h"

/* Deeper content trees are a mistake or a trap (a bind-mount loop). */
#define SCAN_MAX_DEPTH	64
#define SLUG_MAX	80
/* 9999-12-31T23:59:59Z: later dates have no four-digit year. */
#define EPOCH_MAX	253402300799LL

int
site_source_date(long long *out, struct diag *d, const char *value)
{
	const char *p;
	long long t = 0;

	*out = -1;
	if (value == NULL || *value == '\0')
		return 0;
	for (p = value; *p >= '0' && *p <= '9'; p++) {
		t = t * 10 + (*p - '0');
		if (t > EPOCH_MAX)
			break;
	}
	if (*p != '\0' || t > EPOCH_MAX) {
		diag_err(d, NULL, "invalid SOURCE_DATE_EPOCH: \"%s\" (want "
		    "seconds since 1970 as decimal digits)", value);
		return -1;
	}
	*out = t;
	return 0;
}

/* {==== Scanning the content directory */

static int
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n > k && strcmp(s + n - k, suffix) == 0;
}

/* Whether path is skip, or one of the temporary siblings outdir.c makes
 * beside it (skip.tmp-PID, skip.old-PID). */
static int
skipped(const char *path, const char *skip)
{
	size_t n;

	if (skip == NULL)
		return 0;
	n = strlen(skip);
	return strncmp(path, skip, n) == 0 && (path[n] == '\0' ||
	    strncmp(path + n, ".tmp-", 5) == 0 ||
	    strncmp(path + n, ".old-", 5) == 0);
}

static int
names_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static int
scan_dir(struct strv *out, struct diag *d, const char *dir, const char *skip,
    int depth, size_t *unread)
{
	struct strv names = STRV_INIT;
	struct pos pos = { dir, 0 };
	struct buf path = BUF_INIT;
	struct dirent *e;
	struct stat st;
	size_t i;
	DIR *dp;

	if ((dp = opendir(dir)) == NULL) {
		diag_err(d, &pos, "cannot read directory: %s", strerror(errno));
		++*unread;
		return -1;
	}
	while ((e = readdir(dp)) != NULL)
		if (e->d_name[0] != '.')	/* ".", "..", hidden */
			strv_push(&names, e->d_name);
	closedir(dp);
	sort_array(names.v, names.n, sizeof(*names.v), names_cmp);
	for (i = 0; i < names.n; i++) {
		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir, names.v[i]);
		pos.file = path.data;
		if (skipped(path.data, skip))
			continue;
		if (lstat(path.data, &st) < 0) {
			diag_err(d, &pos, "cannot read: %s", strerror(errno));
			++*unread;
		} else if (S_ISLNK(st.st_mode))
			diag_warn(d, &pos, "symlink not followed");
		else if (S_ISDIR(st.st_mode) && depth >= SCAN_MAX_DEPTH) {
			diag_err(d, &pos, "directory too deep (over %d "
			    "levels), not read", SCAN_MAX_DEPTH);
			++*unread;
		} else if (S_ISDIR(st.st_mode))
			scan_dir(out, d, path.data, skip, depth + 1, unread);
		else if (!has_suffix(names.v[i], ".txt") &&
		    !has_suffix(names.v[i], ".md"))
			continue;
		else if (!S_ISREG(st.st_mode))
			diag_warn(d, &pos, "not a regular file, skipped");
		else
			strv_push(out, path.data);
	}
	strv_dispose(&names);
	buf_dispose(&path);
	return 0;
}

int
site_scan(struct strv *out, struct diag *d, const char *dir,
    const char *skip, size_t *unread)
{
	struct strv found = STRV_INIT;
	size_t i;

	if (scan_dir(&found, d, dir, skip, 0, unread) < 0)
		return -1;
	/* Bytewise on whole paths: "a-b/x" before "a/x". */
	strv_sort(&found);
	for (i = 0; i < found.n; i++)
		strv_take(out, found.v[i]);
	free(found.v);
	return 0;
}

/* }==== */

/* {==== Parsing in parallel */

/* The shared state of the parse workers. Each article's diagnostics go
 * to its own memory stream, replayed in path order afterwards. */
struct parse_job {
	const struct strv	 *paths;
	struct article		**arts;
	char			**logs;
	size_t			 *loglens;
	unsigned		 *errors;
	unsigned		 *warnings;
	size_t			  unread;	/* files that could not be read */
	struct progress		 *pg;		/* borrowed, may be NULL */
	pthread_mutex_t		  lock;
	/* The parse cache (NULL: none): each article's old record,
	 * borrowed from it (NULL: a fresh one, put in the new file). */
	struct site_cache	 *cache;
	const char		**recs;
	size_t			 *reclens;
	XXH128_hash_t		 *keys;		/* each article's, set here */
};

/*
 * Parses article i through the cache: an article whose path and bytes
 * hash as a record's is decoded from it, diagnostics and all; another
 * is parsed and becomes a fresh record. Returns 0, or -1 when the file
 * could not be read here (article_load() then does it all).
 */
static int
parse_cached(struct parse_job *j, size_t i)
{
	const char *path = j->paths->v[i], *rec;
	XXH3_state_t *st;
	XXH128_hash_t key;
	struct diag d;
	size_t len = 0, rlen;
	char *data;
	FILE *f;

	if (article_read(NULL, path, &data, &len) < 0 ||
	    (st = XXH3_createState()) == NULL) {
		free(data);
		return -1;
	}
	XXH3_128bits_reset(st);
	XXH3_128bits_update(st, path, strlen(path) + 1);
	XXH3_128bits_update(st, data, len);
	key = XXH3_128bits_digest(st);
	XXH3_freeState(st);
	j->keys[i] = key;
	if ((rec = site_cache_find(j->cache, key, &rlen)) != NULL &&
	    site_cache_load(rec, rlen, &j->arts[i], &j->logs[i],
	    &j->loglens[i], &j->errors[i], &j->warnings[i]) == 0) {
		j->recs[i] = rec;
		j->reclens[i] = rlen;
		free(data);
		return 0;
	}
	f = open_memstream(&j->logs[i], &j->loglens[i]);
	diag_init(&d, f);
	if (article_parse(&j->arts[i], &d, path, data, len) < 0)
		j->arts[i] = NULL;
	if (f != NULL)
		fclose(f);
	free(data);
	j->errors[i] = d.errors;
	j->warnings[i] = d.warnings;
	rec = site_cache_record(&rlen, key, j->arts[i], j->logs[i],
	    j->loglens[i], d.errors, d.warnings);
	site_cache_put(j->cache, rec, rlen);
	free((char *)rec);
	return 0;
}

static void
parse_one(struct parse_job *j, size_t i)
{
	struct diag d;
	FILE *f;
	int rc;

	if (j->cache != NULL && parse_cached(j, i) == 0)
		return;
	f = open_memstream(&j->logs[i], &j->loglens[i]);
	diag_init(&d, f);
	if ((rc = article_load(&j->arts[i], &d, j->paths->v[i])) < 0)
		j->arts[i] = NULL;
	if (rc == ARTICLE_EREAD) {
		pthread_mutex_lock(&j->lock);
		j->unread++;
		pthread_mutex_unlock(&j->lock);
	}
	if (f != NULL)
		fclose(f);
	j->errors[i] = d.errors;
	j->warnings[i] = d.warnings;
}

static void
parse_item(void *arg, size_t i, unsigned worker)
{
	struct parse_job *j = arg;

	(void)worker;
	parse_one(j, i);
	progress_add(j->pg, 1);
}

/* Parses every path into arts[i] (NULL when skipped), counting them on
 * pg when it is not NULL. Returns how many could not be read. */
static size_t
parse_all(struct diag *d, const struct strv *paths, struct article **arts,
    XXH128_hash_t *keys, unsigned jobs, struct progress *pg,
    struct site_cache *cache)
{
	struct parse_job j;
	size_t i;

	j.paths = paths;
	j.arts = arts;
	j.logs = xcalloc(paths->n + 1, sizeof(*j.logs));
	j.loglens = xcalloc(paths->n + 1, sizeof(*j.loglens));
	j.errors = xcalloc(paths->n + 1, sizeof(*j.errors));
	j.warnings = xcalloc(paths->n + 1, sizeof(*j.warnings));
	j.unread = 0;
	j.pg = pg;
	progress_total(pg, paths->n);
	j.cache = cache;
	j.recs = cache ? xcalloc(paths->n + 1, sizeof(*j.recs)) : NULL;
	j.reclens = cache ? xcalloc(paths->n + 1, sizeof(*j.reclens)) : NULL;
	j.keys = keys;
	pthread_mutex_init(&j.lock, NULL);
	par_for(paths->n, jobs, 1, parse_item, &j);
	pthread_mutex_destroy(&j.lock);
	progress_clear(pg);	/* the diagnostics are written past it */
	for (i = 0; i < paths->n; i++) {
		if (d->out != NULL && j.loglens[i] > 0)
			fwrite(j.logs[i], 1, j.loglens[i], d->out);
		if (d->copy != NULL && j.loglens[i] > 0)
			buf_put(d->copy, j.logs[i], j.loglens[i]);
		d->errors += j.errors[i];
		d->warnings += j.warnings[i];
		free(j.logs[i]);
	}
	if (cache != NULL)
		(void)site_cache_save(cache, j.recs, j.reclens, paths->n);
	free(j.recs);
	free(j.reclens);
	free(j.logs);
	free(j.loglens);
	free(j.errors);
	free(j.warnings);
	return j.unread;
}

int
site_load(struct site **out, struct diag *d, struct conf *conf,
    unsigned jobs, int progress)
{
	return site_load_cached(out, d, conf, jobs, progress, NULL, 0);
}

int
site_load_cached(struct site **out, struct diag *d, struct conf *conf,
    unsigned jobs, int progress, const char *cachedir, int full)
{
	struct site_cache *cache = NULL;
	struct strv paths = STRV_INIT;
	struct buf skip = BUF_INIT;
	struct site *s;
	size_t i, unread = 0;
	int rc;

	/* The output as scanned paths spell it, should it be inside. */
	if (strcmp(conf->content, ".") == 0)
		BUF_PUTSL(&skip, "./");
	buf_puts(&skip, conf->output);
	rc = site_scan(&paths, d, conf->content, skip.data, &unread);
	buf_dispose(&skip);
	if (rc < 0)
		return -1;
	s = xcalloc(1, sizeof(*s));
	s->conf = conf;
	s->articles = xcalloc(paths.n + 1, sizeof(*s->articles));
	s->keys = xcalloc(paths.n + 1, sizeof(*s->keys));
	if (cachedir != NULL && (mkdir(cachedir, 0755) == 0 ||
	    errno == EEXIST)) {
		buf_printf(&skip, "%s/articles", cachedir);
		cache = site_cache_open(skip.data, full);
		buf_dispose(&skip);
	}
	s->unread = unread + parse_all(d, &paths, s->articles, s->keys,
	    jobs, progress ? d->progress : NULL, cache);
	site_cache_free(cache);
	for (i = 0; i < paths.n; i++)	/* close the gaps of skipped ones */
		if (s->articles[i] != NULL) {
			s->keys[s->n] = s->keys[i];
			s->articles[s->n++] = s->articles[i];
		}
	strv_dispose(&paths);
	s->by_date = xcalloc(s->n + 1, sizeof(*s->by_date));
	*out = s;
	return 0;
}

void
site_free(struct site *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++)
		article_free(s->articles[i]);
	free(s->articles);
	free(s->keys);
	free(s->by_date);
	free(s);
}

/* }==== */

/* {==== Tag kinds the pages cannot carry */

/* The file:line that starts an origin ("lua/tags.lua:31: after 'in'"). */
static void
origin_pos(struct pos *pos, struct buf *file, const char *origin)
{
	const char *colon;

	pos->file = NULL;
	pos->line = 0;
	if (origin == NULL)
		return;
	for (colon = strchr(origin, ':'); colon != NULL;
	    colon = strchr(colon + 1, ':'))
		if (colon[1] >= '0' && colon[1] <= '9')
			break;
	buf_reset(file);
	if (colon == NULL) {
		buf_puts(file, origin);
	} else {
		buf_put(file, origin, (size_t)(colon - origin));
		pos->line = (unsigned)strtoul(colon + 1, NULL, 10);
	}
	pos->file = file->data;
}

void
site_warn_kinds(struct diag *d, struct article **v, size_t n)
{
	struct strv seen = STRV_INIT;
	struct buf file = BUF_INIT;
	struct pos pos;
	const struct tag *t;
	size_t i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < v[i]->ntags; j++) {
			t = &v[i]->tags[j];
			if (md_kind_listed(t->kind) ||
			    strv_find(&seen, t->kind) >= 0)
				continue;
			strv_push(&seen, t->kind);
			origin_pos(&pos, &file, t->origin);
			diag_warn(d, pos.file != NULL ? &pos : NULL,
			    "tag kind \"%s\" is a front matter key of its own "
			    "(Hugo's, Jekyll's or morgue's): its tags are on the "
			    "HTML pages, not in the Markdown pages or "
			    "articles.json", t->kind);
		}
	strv_dispose(&seen);
	buf_dispose(&file);
}

void
site_drop_text(struct site *s)
{
	struct article *a;
	size_t i, k;

	for (i = 0; i < s->n; i++) {
		a = s->articles[i];
		if (a->nbody == 0)
			continue;
		for (k = 1; k < a->paragraphs.n; k++) {
			free(a->paragraphs.v[k]);
			a->paragraphs.v[k] = NULL;
		}
		if (a->paragraphs.n > 1)
			a->paragraphs.n = 1;
	}
}

void
site_drop_pages(struct site *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		article_keep_names(s->articles[i]);
}

/* }==== */

/* {==== Permalinks */

/* Returns the index of the article holding key in c (permalink -> the
 * article that holds it), or -1 after giving it to owner. key is the
 * article's own string, which the map borrows. */
static long
claims_take(struct map *c, const char *key, size_t owner)
{
	size_t *v;
	int added;

	v = map_put(c, key, strlen(key), &added);
	if (!added)
		return (long)*v;
	*v = owner;
	return -1;
}

/* The article's slug made safe for a path whatever the parser gave:
 * [a-z0-9-], no leading, trailing or double "-", at most max bytes. */
static char *
clean_slug(const char *slug, size_t max)
{
	struct buf b = BUF_INIT;
	const char *p;
	int c;

	for (p = slug != NULL ? slug : ""; *p != '\0' && b.len < max; p++) {
		c = *p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			buf_putc(&b, c);
		else if (b.len > 0 && b.data[b.len - 1] != '-')
			buf_putc(&b, '-');
	}
	while (b.len > 0 && b.data[b.len - 1] == '-')
		b.data[--b.len] = '\0';
	if (b.len == 0)
		BUF_PUTSL(&b, "untitled");
	return buf_detach(&b);
}

/* "YYYY/MM/DD" for a well-formed date, else "undated". */
static void
date_dir(struct buf *out, const char *date)
{
	static const char shape[] = "dddd-dd-dd";
	size_t i;

	for (i = 0; date != NULL && i < sizeof(shape) - 1; i++)
		if (shape[i] == 'd' ? date[i] < '0' || date[i] > '9' :
		    date[i] != '-')
			break;
	if (date == NULL || i < sizeof(shape) - 1 || date[i] != '\0') {
		BUF_PUTSL(out, "undated");
		return;
	}
	buf_printf(out, "%.4s/%.2s/%.2s", date, date + 5, date + 8);
}

static int
by_date_then_path(const void *x, const void *y)
{
	const struct article *a = *(struct article *const *)x;
	const struct article *b = *(struct article *const *)y;
	const char *da = article_date(a), *db = article_date(b);
	int c = strcmp(da ? da : "", db ? db : "");

	return c != 0 ? c : strcmp(a->path, b->path);
}

/*
 * The article's permalink with the given suffix (1: none). The parser
 * always sets a slug; should it not, the title stands in (ASCII only),
 * then "untitled".
 */
static char *
permalink(const struct article *a, unsigned suffix)
{
	const char *slug = a->slug != NULL ? a->slug : a->title;
	struct buf b = BUF_INIT;
	char *base;
	char tail[16] = "";

	if (suffix > 1)
		snprintf(tail, sizeof(tail), "-%u", suffix);
	base = clean_slug(slug, SLUG_MAX - strlen(tail));
	BUF_PUTSL(&b, "articles/");
	date_dir(&b, article_date(a));
	buf_printf(&b, "/%s%s/", base, tail);
	free(base);
	return buf_detach(&b);
}

/* Makes the slug the last part of the permalink, so that the front
 * matter and articles.json agree with the URL. */
static void
set_slug(struct article *a)
{
	const char *end = a->permalink + strlen(a->permalink) - 1;
	const char *start = end;

	while (start > a->permalink && start[-1] != '/')
		start--;
	free(a->slug);
	a->slug = xstrndup(start, (size_t)(end - start));
}

/* Whether a permalink from the archive is one we could have made:
 * "articles/" then [a-z0-9-] parts, ending in "/". */
static int
valid_permalink(const char *p)
{
	static const char prefix[] = "articles/";
	const char *q;

	if (strncmp(p, prefix, sizeof(prefix) - 1) != 0)
		return 0;
	for (q = p + sizeof(prefix) - 1; *q != '\0'; q++)
		if (!((*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9') ||
		    *q == '-' || (*q == '/' && q[-1] != '/')))
			return 0;
	return q[-1] == '/' && q[-2] != '/' && strlen(p) < 200;
}

void
site_permalinks(struct diag *d, struct article **v, size_t n)
{
	struct map c = MAP_INIT;
	struct article **order = xcalloc(n + 1, sizeof(*order));
	struct pos pos = { NULL, 0 };
	char *kept = xcalloc(n + 1, 1);
	unsigned suffix;
	char *natural;
	size_t *held;
	long holder;
	size_t i;

	memcpy(order, v, n * sizeof(*order));
	sort_array(order, n, sizeof(*order), by_date_then_path);
	for (i = 0; i < n; i++) {	/* published permalinks stay */
		free(order[i]->permalink);
		order[i]->permalink = NULL;
		kept[i] = order[i]->published != NULL &&
		    valid_permalink(order[i]->published) &&
		    claims_take(&c, order[i]->published, i) < 0;
		if (kept[i])
			order[i]->permalink = xstrdup(order[i]->published);
	}
	for (i = 0; i < n; i++) {	/* then every natural slug */
		if (kept[i])
			continue;
		order[i]->permalink = permalink(order[i], 1);
		if (claims_take(&c, order[i]->permalink, i) >= 0) {
			free(order[i]->permalink);
			order[i]->permalink = NULL;
		}
	}
	for (i = 0; i < n; i++) {	/* then the losers, in order */
		if (order[i]->permalink != NULL)
			continue;
		natural = permalink(order[i], 1);
		held = map_get(&c, natural, strlen(natural));
		holder = held != NULL ? (long)*held : -1;
		free(natural);
		for (suffix = 2; ; suffix++) {
			order[i]->permalink = permalink(order[i], suffix);
			if (claims_take(&c, order[i]->permalink, i) < 0)
				break;
			free(order[i]->permalink);
		}
		pos.file = order[i]->path;
		diag_warn(d, &pos, "permalink taken by %s, using %s",
		    holder >= 0 ? order[holder]->path : "another article",
		    order[i]->permalink);
	}
	for (i = 0; i < n; i++)
		set_slug(order[i]);
	map_dispose(&c);
	free(order);
	free(kept);
}

/* }==== */

/* {==== Writing the site */

/* Newest first, then by path; undated ones last. */
static int
newest_first(const void *x, const void *y)
{
	const struct article *a = *(struct article *const *)x;
	const struct article *b = *(struct article *const *)y;
	const char *da = article_date(a), *db = article_date(b);
	int c;

	if ((da == NULL) != (db == NULL))
		return da == NULL ? 1 : -1;
	if (da != NULL && (c = strcmp(db, da)) != 0)
		return c;
	return strcmp(a->path, b->path);
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static long long
days_from_civil(long long y, unsigned m, unsigned d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Midnight UTC of the newest dated article, or 0. */
static long long
newest_time(struct article *const *by_date, size_t n)
{
	const char *s;
	unsigned y, m, d;

	if (n == 0 || (s = article_date(by_date[0])) == NULL ||
	    sscanf(s, "%4u-%2u-%2u", &y, &m, &d) != 3 || m < 1 || m > 12 ||
	    d < 1 || d > 31)
		return 0;
	return days_from_civil(y, m, d) * 86400;
}

void
site_order(struct site *s, long long source_date)
{
	memcpy(s->by_date, s->articles, s->n * sizeof(*s->by_date));
	sort_array(s->by_date, s->n, sizeof(*s->by_date), newest_first);
	s->build_time = source_date >= 0 ? source_date :
	    newest_time(s->by_date, s->n);
}

/* articles.json, written as text (export_articles_text()): the objects
 * of the whole list would take more memory than the articles themselves. */
static int
write_json(struct site *s, struct diag *d, struct outdir *o)
{
	struct buf out = BUF_INIT;
	char **summaries = xcalloc(s->n + 1, sizeof(*summaries));
	size_t i;
	int rc;

	for (i = 0; i < s->n; i++)
		summaries[i] = md_summary(s->by_date[i]);
	export_articles_text(&out, s->by_date, s->articles, s->n,
	    s->conf->content, summaries);
	buf_putc(&out, '\n');
	rc = outdir_write(o, d, "articles.json", out.data, out.len);
	buf_dispose(&out);
	for (i = 0; i < s->n; i++)
		free(summaries[i]);
	free(summaries);
	return rc;
}

/* The Markdown pages made at once: enough to keep the threads busy,
 * few enough that their memory does not grow with the site. */
#define MD_BATCH	1024

/* Each article's Markdown page at PERMALINK/index.md. */
static int
write_pages(struct site *s, struct diag *d, struct outdir *o)
{
	struct buf path = BUF_INIT;
	char *page[MD_BATCH];
	size_t from, i, k;
	int rc = 0;

	for (from = 0; from < s->n && rc == 0; from += k) {
		k = s->n - from < MD_BATCH ? s->n - from : MD_BATCH;
		site_md_batch(page, s, from, k, s->jobs);
		for (i = 0; i < k; i++) {
			buf_reset(&path);
			buf_printf(&path, "%sindex.md",
			    s->articles[from + i]->permalink);
			if (rc == 0)
				rc = outdir_write(o, d, path.data, page[i],
				    strlen(page[i]));
			free(page[i]);
			progress_add(d->progress, 1);
		}
	}
	buf_dispose(&path);
	return rc;
}

struct page_sink {
	struct outdir	*o;
	struct diag	*d;
};

static int
sink_write(void *arg, const char *path, const char *data, size_t len,
    const XXH128_hash_t *key)
{
	struct page_sink *k = arg;

	return outdir_write_key(k->o, k->d, path, data, len, key);
}

static int
sink_keep(void *arg, const char *path, const XXH128_hash_t *key)
{
	struct page_sink *k = arg;

	return outdir_keep(k->o, path, key);
}

/* The browsable site (render.h), written into the same new directory. */
static int
write_html(struct site *s, struct diag *d, struct outdir *o)
{
	struct page_sink sink = { o, d };
	struct render_opts ro;

	memset(&ro, 0, sizeof(ro));
	ro.title = s->conf->title;
	ro.base_url = s->conf->base_url;
	ro.language = s->conf->language;
	ro.templates = s->conf->templates;
	ro.articles = s->articles;
	ro.n = s->n;
	ro.updated = (time_t)s->build_time;
	ro.history = s->history;
	ro.spellings = s->spellings;
	ro.write = sink_write;
	ro.keep = sink_keep;
	ro.write_arg = &sink;
	ro.rendered = &s->rendered;
	ro.kept = &s->kept;
	ro.jobs = s->jobs;
	return render_site(d, &ro, o->tmp);
}

int
site_write(struct site *s, struct diag *d, int *changed,
    struct outdir_changes *changes)
{
	struct outdir o = { NULL, NULL, NULL, NULL, NULL };
	struct buf man = BUF_INIT;
	int rc = -1;

	if (outdir_begin(&o, d, s->conf->output) < 0)
		return -1;
	o.changes = changes;
	if (s->cache != NULL && (mkdir(s->cache, 0755) == 0 ||
	    errno == EEXIST)) {
		buf_printf(&man, "%s/output", s->cache);
		o.cache = outdir_cache_open(man.data, s->conf->output,
		    s->full);
		buf_dispose(&man);
	}
	progress_begin(d->progress, "write", s->n, "articles");
	if (write_json(s, d, &o) < 0 || write_pages(s, d, &o) < 0)
		goto out;
	progress_end(d->progress, (size_t)-1);
	/* Pages per article vary with the templates: no total. */
	progress_begin(d->progress, "render", 0, "pages");
	if (write_html(s, d, &o) < 0)
		goto out;
	progress_end(d->progress, (size_t)-1);
	rc = outdir_commit(&o, d, changed);
out:
	outdir_dispose(&o);
	return rc;
}

/* }==== */
