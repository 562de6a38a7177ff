/*
 * site_stamp.c: the hash of a build's inputs, and the build it names
 * (site_stamp.h).
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build/site.h"
#include "build/site_cache.h"
#include "build/site_stamp.h"
#include "core/par.h"
#include "core/xalloc.h"
#include "parse/outlet.h"
#include "render/outdir.h"
#include "rules/tagger.h"

#define STAMP_MAGIC	"morgue-stamp 1\n"
/* How deep the templates directory is followed. */
#define STAMP_MAX_DEPTH	16
/* The most threads that read the articles. */
#define STAMP_MAX_JOBS	8

/* {==== hashing the inputs ===== */

static void
put_str(XXH3_state_t *st, const char *s)
{
	XXH3_128bits_update(st, s, strlen(s) + 1);
}

/*
 * Adds name and what a build can see of the file at path: its bytes,
 * or for one the parser skips by its size or kind, that size or kind.
 * A missing file (absent_ok) is hashed as absent. Returns 0, or -1 when
 * the file could not be read.
 */
static int
put_file(XXH3_state_t *st, const char *name, const char *path, int follow,
    int absent_ok)
{
	struct stat sb;
	char chunk[65536];
	uint64_t size;
	ssize_t k;
	int fd;

	put_str(st, name);
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC |
	    (follow ? 0 : O_NOFOLLOW));
	if (fd < 0) {
		if ((errno == ENOENT && absent_ok) || (!follow &&
		    errno == ELOOP)) {
			put_str(st, errno == ENOENT ? "absent" : "link");
			return 0;
		}
		return -1;
	}
	if (fstat(fd, &sb) < 0) {
		close(fd);
		return -1;
	}
	size = (uint64_t)sb.st_size;
	if (!S_ISREG(sb.st_mode) || size > ARTICLE_MAX_BYTES) {
		put_str(st, S_ISREG(sb.st_mode) ? "large" : "special");
		XXH3_128bits_update(st, &size, sizeof(size));
		close(fd);
		return 0;
	}
	put_str(st, "bytes");
	while ((k = read(fd, chunk, sizeof(chunk))) > 0)
		XXH3_128bits_update(st, chunk, (size_t)k);
	close(fd);
	XXH3_128bits_update(st, &size, sizeof(size));
	return k < 0 ? -1 : 0;
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds every file below dir (rel/ within the templates), in name order,
 * following links as the template lookup does. */
static int
put_tree(XXH3_state_t *st, const char *dir, const char *rel, int depth)
{
	struct strv names = STRV_INIT;
	struct buf path = BUF_INIT, sub = BUF_INIT;
	struct dirent *e;
	struct stat sb;
	size_t i;
	DIR *dp;
	int rc = 0;

	if (depth > STAMP_MAX_DEPTH || (dp = opendir(dir)) == NULL)
		return depth > 0 || errno != ENOENT ? -1 : 0;
	while ((e = readdir(dp)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			strv_push(&names, e->d_name);
	closedir(dp);
	qsort(names.v, names.n, sizeof(*names.v), cmp_name);
	for (i = 0; i < names.n && rc == 0; i++) {
		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir, names.v[i]);
		buf_reset(&sub);
		buf_printf(&sub, "%s%s", rel, names.v[i]);
		if (stat(path.data, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			buf_putc(&sub, '/');
			put_str(st, sub.data);
			rc = put_tree(st, path.data, sub.data, depth + 1);
		} else
			rc = put_file(st, sub.data, path.data, 1, 1);
	}
	strv_dispose(&names);
	buf_dispose(&path);
	buf_dispose(&sub);
	return rc;
}

/* The articles hashed by a few threads, each file's hash in its slot,
 * each thread with a state of its own. */
struct content_job {
	const struct strv	*paths;
	XXH128_hash_t		*h;
	XXH3_state_t		*st[STAMP_MAX_JOBS];
	int			*failed;	/* per article */
};

static void
content_item(void *arg, size_t i, unsigned worker)
{
	struct content_job *j = arg;
	XXH3_state_t *st = j->st[worker];

	XXH3_128bits_reset(st);
	j->failed[i] = put_file(st, j->paths->v[i], j->paths->v[i], 0, 0) < 0;
	j->h[i] = XXH3_128bits_digest(st);
}

/* Adds the content directory's articles, as site_load() will list them,
 * read by up to jobs threads. */
static int
put_content(XXH3_state_t *st, const struct conf *conf, unsigned jobs)
{
	struct strv paths = STRV_INIT;
	struct buf skip = BUF_INIT;
	struct content_job j;
	struct diag quiet;
	size_t i, unread = 0;
	unsigned t;
	int rc;

	diag_init(&quiet, NULL);
	if (strcmp(conf->content, ".") == 0)
		BUF_PUTSL(&skip, "./");
	buf_puts(&skip, conf->output);
	rc = site_scan(&paths, &quiet, conf->content, skip.data, &unread);
	buf_dispose(&skip);
	/* Diagnostics of the scan are said by the build that runs. */
	if (rc < 0 || unread > 0 || quiet.errors > 0 || quiet.warnings > 0) {
		strv_dispose(&paths);
		return -1;
	}
	j.paths = &paths;
	j.h = xcalloc(paths.n + 1, sizeof(*j.h));
	j.failed = xcalloc(paths.n + 1, sizeof(*j.failed));
	if ((jobs = par_jobs(jobs, paths.n, 1)) > STAMP_MAX_JOBS)
		jobs = STAMP_MAX_JOBS;
	for (t = 0; t < jobs; t++)
		if ((j.st[t] = XXH3_createState()) == NULL)
			abort();
	par_for(paths.n, jobs, 1, content_item, &j);
	for (t = 0; t < jobs; t++)
		XXH3_freeState(j.st[t]);
	put_str(st, "content");
	rc = 0;
	for (i = 0; i < paths.n; i++) {
		XXH3_128bits_update(st, &j.h[i], sizeof(j.h[i]));
		rc |= j.failed[i];
	}
	rc = rc ? -1 : 0;
	free(j.failed);
	free(j.h);
	strv_dispose(&paths);
	return rc;
}

static int
listed(const char *const *v, const char *s)
{
	for (; *v != NULL; v++)
		if (strcmp(*v, s) == 0)
			return 1;
	return 0;
}

int
site_stamp_data(XXH3_state_t *st)
{
	const char *const *p;

	put_str(st, "data");
	for (p = tagger_data_files; *p != NULL; p++)
		if (put_file(st, *p, *p, 1, 1) < 0)
			return -1;
	/* The parse's too (a URL's outlet), each file once. */
	for (p = outlet_data_files; *p != NULL; p++)
		if (!listed(tagger_data_files, *p) &&
		    put_file(st, *p, *p, 1, 1) < 0)
			return -1;
	return 0;
}

int
site_stamp_hash(XXH128_hash_t *out, const struct site_stamp_in *in)
{
	XXH128_hash_t self = site_cache_version();
	XXH3_state_t *st;
	struct buf path = BUF_INIT;
	size_t i;
	int rc = -1;

	if ((self.low64 == 0 && self.high64 == 0) ||
	    (st = XXH3_createState()) == NULL)
		return -1;
	XXH3_128bits_reset(st);
	XXH3_128bits_update(st, STAMP_MAGIC, sizeof(STAMP_MAGIC) - 1);
	XXH3_128bits_update(st, &self, sizeof(self));
	XXH3_128bits_update(st, &in->source_date, sizeof(in->source_date));
	if (put_file(st, "site.conf", in->conf->file, 0, 0) < 0)
		goto out;
	put_str(st, "rules");
	for (i = 0; i < in->rules->n; i++) {
		buf_reset(&path);
		buf_printf(&path, "./%s", in->rules->v[i]);
		if (put_file(st, in->rules->v[i], path.data, 0, 1) < 0)
			goto out;
	}
	if (site_stamp_data(st) < 0)
		goto out;
	put_str(st, "templates");
	put_str(st, in->conf->templates);
	if (put_tree(st, in->conf->templates, "", 0) < 0 ||
	    put_content(st, in->conf, in->jobs) < 0)
		goto out;
	*out = XXH3_128bits_digest(st);
	rc = 0;
out:
	XXH3_freeState(st);
	buf_dispose(&path);
	return rc;
}

XXH128_hash_t
site_stamp_key(XXH128_hash_t inputs, const char *head)
{
	XXH128_canonical_t c;
	struct buf b = BUF_INIT;
	XXH128_hash_t h;

	XXH128_canonicalFromHash(&c, inputs);
	buf_put(&b, (const char *)&c, sizeof(c));
	buf_puts(&b, head);
	h = XXH3_128bits(b.data, b.len);
	buf_dispose(&b);
	return h;
}

/* }==== */

/* {==== the saved build ===== */

static char *
stamp_file(const char *cachedir, const char *suffix)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s/stamp%s", cachedir, suffix);
	return buf_detach(&b);
}

/* Reads the whole stamp file into b; 0 or -1. */
static int
slurp(struct buf *b, const char *file)
{
	int fd, rc;

	if ((fd = open(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC)) < 0)
		return -1;
	rc = buf_read_fd(b, fd, (size_t)1 << 30);
	close(fd);
	return rc < 0 ? -1 : 0;
}

/* The fixed part after the magic: hash, status, counts, log length. */
#define STAMP_HEAD	(sizeof(XXH128_canonical_t) + 4 * sizeof(uint32_t))

int
site_stamp_reuse(const char *cachedir, XXH128_hash_t h, const char *output,
    struct diag *d, int *rc)
{
	const size_t m = sizeof(STAMP_MAGIC) - 1;
	XXH128_canonical_t want;
	struct outdir_cache *oc;
	struct buf b = BUF_INIT, man = BUF_INIT;
	uint32_t v[4];
	char *file = stamp_file(cachedir, "");
	int ok = 0;

	XXH128_canonicalFromHash(&want, h);
	if (slurp(&b, file) == 0 && b.len >= m + STAMP_HEAD &&
	    memcmp(b.data, STAMP_MAGIC, m) == 0 &&
	    memcmp(b.data + m, &want, sizeof(want)) == 0) {
		memcpy(v, b.data + m + sizeof(want), sizeof(v));
		ok = b.len == m + STAMP_HEAD + v[3] &&
		    (v[0] == 0 || v[0] == EXIT_INPUT);
	}
	free(file);
	/* The output must still be what the last build left: no hand
	 * edit, no journal or directory of a build killed since. */
	if (ok) {
		buf_printf(&man, "%s/output", cachedir);
		oc = outdir_cache_open(man.data, output, 0);
		ok = outdir_cache_trusted(oc) && outdir_settled(output);
		outdir_cache_free(oc);
		buf_dispose(&man);
	}
	if (ok) {
		if (d->out != NULL && v[3] > 0)
			fwrite(b.data + m + STAMP_HEAD, 1, v[3], d->out);
		d->errors += v[1];
		d->warnings += v[2];
		*rc = (int)v[0];
	}
	buf_dispose(&b);
	return ok;
}

int
site_stamp_save(const char *cachedir, XXH128_hash_t h, int rc,
    const struct buf *log, unsigned errors, unsigned warnings)
{
	XXH128_canonical_t c;
	uint32_t v[4] = { (uint32_t)rc, errors, warnings,
	    (uint32_t)log->len };
	char *file = stamp_file(cachedir, ""), *tmp = stamp_file(cachedir,
	    ".new");
	FILE *f;
	int ok = -1;

	XXH128_canonicalFromHash(&c, h);
	if (log->len < ((size_t)1 << 30) && (f = fopen(tmp, "we")) != NULL) {
		fputs(STAMP_MAGIC, f);
		fwrite(&c, sizeof(c), 1, f);
		fwrite(v, sizeof(v), 1, f);
		if (log->len > 0)
			fwrite(log->data, 1, log->len, f);
		ok = fclose(f) == 0 && rename(tmp, file) == 0 ? 0 : -1;
		if (ok < 0)
			unlink(tmp);
	}
	free(file);
	free(tmp);
	return ok;
}

int
site_stamp_forget(const char *cachedir)
{
	char *file = stamp_file(cachedir, "");
	int rc = unlink(file) == 0 || errno == ENOENT ? 0 : -1;

	free(file);
	return rc;
}

/* }==== */
