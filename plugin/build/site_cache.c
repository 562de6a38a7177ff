/*
 * site_cache.c: the parsed articles of the last build (site_cache.h).
 *
 * .morgue/articles holds one record per article: the XXH3-128 of its
 * path and bytes, what parsing it said (the diagnostics, replayed as
 * they were), and the article as the parser left it. The file starts
 * with the hash of morgue's own executable, so that another morgue
 * (another parser) never trusts it. It is read through mmap and
 * rewritten (beside it, then renamed) only when a record changed.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xxhash.h>

#include "build/site_cache.h"
#include "core/xalloc.h"
#include "parse/outlet.h"

#define CACHE_MAGIC	"morgue-articles 3\n"
#define NIL		0xffffffffu

struct site_cache {
	char		*file;
	const unsigned char *map;	/* the old file, or NULL */
	size_t		 maplen;
	XXH128_hash_t	 version;
	/* Open addressing over the old records: offset + 1, 0 empty. */
	size_t		*slot;
	size_t		 nslot;
	size_t		 nold;
	/* The new file (FILE.new), open from the first fresh record on:
	 * fresh records go there at once instead of staying in memory
	 * (a first build would hold every article twice). */
	pthread_mutex_t	 lock;
	FILE		*out;
	int		 failed;	/* a write failed: no new file */
};

/* {==== the executable's hash, and the data the parse reads ===== */

XXH128_hash_t
site_cache_version(void)
{
	XXH3_state_t *st = XXH3_createState();
	XXH128_hash_t h = { 0, 0 };
	char chunk[65536];
	ssize_t n;
	size_t k;
	int fd;

	if (st == NULL)
		return h;
	XXH3_128bits_reset(st);
	if ((fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC)) >= 0) {
		while ((n = read(fd, chunk, sizeof(chunk))) > 0)
			XXH3_128bits_update(st, chunk, (size_t)n);
		close(fd);
		/* The parse reads two data files too (a URL's outlet). */
		for (k = 0; outlet_data_files[k] != NULL; k++) {
			if ((fd = open(outlet_data_files[k],
			    O_RDONLY | O_CLOEXEC)) < 0)
				continue;
			while ((n = read(fd, chunk, sizeof(chunk))) > 0)
				XXH3_128bits_update(st, chunk, (size_t)n);
			close(fd);
		}
		h = XXH3_128bits_digest(st);
	}
	XXH3_freeState(st);
	return h;
}

/* }==== */

/* {==== writing a record ===== */

static void
put_u32(struct buf *b, uint32_t v)
{
	buf_put(b, (const char *)&v, sizeof(v));
}

static void
put_str(struct buf *b, const char *s)
{
	size_t n;

	if (s == NULL) {
		put_u32(b, NIL);
		return;
	}
	n = strlen(s);
	put_u32(b, (uint32_t)n);
	buf_put(b, s, n);
}

static void
put_strv(struct buf *b, const struct strv *sv)
{
	size_t i;

	put_u32(b, (uint32_t)sv->n);
	for (i = 0; i < sv->n; i++)
		put_str(b, sv->v[i]);
}

char *
site_cache_record(size_t *len, XXH128_hash_t key, const struct article *a,
    const char *log, size_t loglen, unsigned errors, unsigned warnings)
{
	struct buf b = BUF_INIT;
	size_t i;

	put_u32(&b, 0);			/* the length, below */
	buf_put(&b, (const char *)&key, sizeof(key));
	put_u32(&b, errors);
	put_u32(&b, warnings);
	put_u32(&b, (uint32_t)loglen);
	buf_put(&b, log != NULL ? log : "", loglen);
	put_u32(&b, a != NULL);
	if (a != NULL) {
		put_str(&b, a->path);
		put_str(&b, a->title);
		put_str(&b, a->title_from);
		put_str(&b, a->agency);
		put_str(&b, a->date);
		put_str(&b, a->dateline);
		put_str(&b, a->source);
		put_str(&b, a->url);
		put_str(&b, a->language);
		put_str(&b, a->slug);
		put_strv(&b, &a->authors);
		put_strv(&b, &a->paragraphs);
		put_strv(&b, &a->subheads);
		put_strv(&b, &a->key_points);
		put_strv(&b, &a->captions);
		put_strv(&b, &a->boilerplate);
		put_u32(&b, (uint32_t)a->nbody);
		for (i = 0; i < a->nbody; i++) {
			put_u32(&b, (uint32_t)a->body[i].kind);
			put_u32(&b, a->body[i].line);
			put_str(&b, a->body[i].text);
		}
		put_u32(&b, (uint32_t)a->word_count);
		put_u32(&b, (uint32_t)a->from_markdown);
		/* A Markdown page's front matter gives tags already. */
		put_u32(&b, (uint32_t)a->ntags);
		for (i = 0; i < a->ntags; i++) {
			put_str(&b, a->tags[i].kind);
			put_str(&b, a->tags[i].name);
			put_str(&b, a->tags[i].origin);
		}
		put_u32(&b, (uint32_t)a->tags_dropped);
		put_str(&b, a->permalink);
	}
	*len = b.len;
	i = b.len;
	memcpy(b.data, &(uint32_t){ (uint32_t)i }, sizeof(uint32_t));
	return buf_detach(&b);
}

/* }==== */

/* {==== reading a record ===== */

struct rd {
	const unsigned char *p, *end;
	int bad;
};

static uint32_t
get_u32(struct rd *r)
{
	uint32_t v = 0;

	if (r->bad || (size_t)(r->end - r->p) < sizeof(v)) {
		r->bad = 1;
		return 0;
	}
	memcpy(&v, r->p, sizeof(v));
	r->p += sizeof(v);
	return v;
}

static char *
get_str(struct rd *r)
{
	uint32_t n = get_u32(r);
	char *s;

	if (r->bad || n == NIL)
		return NULL;
	if ((size_t)(r->end - r->p) < n) {
		r->bad = 1;
		return NULL;
	}
	s = xstrndup((const char *)r->p, n);
	r->p += n;
	return s;
}

static void
get_strv(struct rd *r, struct strv *sv)
{
	uint32_t n = get_u32(r), i;
	char *s;

	for (i = 0; i < n && !r->bad; i++)
		if ((s = get_str(r)) != NULL)
			strv_take(sv, s);
		else
			r->bad = 1;
}

static struct article *
get_article(struct rd *r)
{
	struct article *a = xcalloc(1, sizeof(*a));
	uint32_t i, n;

	a->thread_prev = a->thread_next = -1;
	a->path = get_str(r);
	a->title = get_str(r);
	a->title_from = get_str(r);
	a->agency = get_str(r);
	a->date = get_str(r);
	a->dateline = get_str(r);
	a->source = get_str(r);
	a->url = get_str(r);
	a->language = get_str(r);
	a->slug = get_str(r);
	get_strv(r, &a->authors);
	get_strv(r, &a->paragraphs);
	get_strv(r, &a->subheads);
	get_strv(r, &a->key_points);
	get_strv(r, &a->captions);
	get_strv(r, &a->boilerplate);
	n = get_u32(r);
	if (!r->bad && n <= (size_t)(r->end - r->p) / 12) {
		a->body = xcalloc(n + 1, sizeof(*a->body));
		for (i = 0; i < n && !r->bad; i++) {
			a->body[i].kind = get_u32(r) == BLOCK_SUBHEAD ?
			    BLOCK_SUBHEAD : BLOCK_PARAGRAPH;
			a->body[i].line = get_u32(r);
			if ((a->body[i].text = get_str(r)) == NULL)
				r->bad = 1;
			a->nbody = i + 1;
		}
	} else
		r->bad = 1;
	a->word_count = get_u32(r);
	a->from_markdown = (int)get_u32(r);
	n = get_u32(r);
	for (i = 0; i < n && !r->bad; i++) {
		char *kind = get_str(r), *name = get_str(r);
		char *origin = get_str(r);

		if (kind != NULL && name != NULL)
			article_add_tag(a, kind, name, origin);
		else
			r->bad = 1;
		free(kind);
		free(name);
		free(origin);
	}
	a->tags_dropped = get_u32(r);
	a->permalink = get_str(r);
	if (r->bad || a->path == NULL) {
		article_free(a);
		return NULL;
	}
	return a;
}

/* }==== */

static size_t
slot_for(const struct site_cache *c, XXH128_hash_t key)
{
	return (size_t)key.low64 & (c->nslot - 1);
}

/* Indexes the old file's records; -1 when it is malformed. */
static int
index_records(struct site_cache *c)
{
	size_t off = sizeof(CACHE_MAGIC) - 1 + sizeof(XXH128_hash_t), n = 0;
	size_t i, start;
	uint32_t len;
	XXH128_hash_t key;

	for (start = off; start + 8 + sizeof(key) <= c->maplen; n++) {
		memcpy(&len, c->map + start, sizeof(len));
		if (len < 4 + sizeof(key) || len > c->maplen - start)
			return -1;
		start += len;
	}
	if (start != c->maplen)
		return -1;
	c->nslot = 64;
	while (c->nslot < 2 * (n + 1))
		c->nslot *= 2;
	c->slot = xcalloc(c->nslot, sizeof(*c->slot));
	for (start = off; start < c->maplen; start += len) {
		memcpy(&len, c->map + start, sizeof(len));
		memcpy(&key, c->map + start + 4, sizeof(key));
		for (i = slot_for(c, key); c->slot[i] != 0;
		    i = (i + 1) & (c->nslot - 1))
			;
		c->slot[i] = start + 1;
	}
	c->nold = n;
	return 0;
}

struct site_cache *
site_cache_open(const char *file, int full)
{
	struct site_cache *c = xcalloc(1, sizeof(*c));
	struct stat st;
	void *m;
	int fd;

	c->file = xstrdup(file);
	c->version = site_cache_version();
	pthread_mutex_init(&c->lock, NULL);
	if (full || (fd = open(file, O_RDONLY | O_CLOEXEC)) < 0)
		return c;
	if (fstat(fd, &st) == 0 && st.st_size > (off_t)(sizeof(CACHE_MAGIC) +
	    sizeof(XXH128_hash_t)) && (m = mmap(NULL, (size_t)st.st_size,
	    PROT_READ, MAP_PRIVATE, fd, 0)) != MAP_FAILED) {
		c->map = m;
		c->maplen = (size_t)st.st_size;
		if (memcmp(c->map, CACHE_MAGIC, sizeof(CACHE_MAGIC) - 1) != 0 ||
		    !XXH128_isEqual(c->version, XXH128_hashFromCanonical(
		    (const XXH128_canonical_t *)(c->map + sizeof(CACHE_MAGIC) -
		    1))) || index_records(c) < 0) {
			munmap(m, c->maplen);
			c->map = NULL;
			c->maplen = 0;
			free(c->slot);
			c->slot = NULL;
			c->nslot = 0;
		}
	}
	close(fd);
	return c;
}

const char *
site_cache_find(const struct site_cache *c, XXH128_hash_t key, size_t *len)
{
	XXH128_hash_t k;
	uint32_t n;
	size_t i;

	if (c == NULL || c->nslot == 0)
		return NULL;
	for (i = slot_for(c, key); c->slot[i] != 0;
	    i = (i + 1) & (c->nslot - 1)) {
		memcpy(&k, c->map + c->slot[i] - 1 + 4, sizeof(k));
		if (XXH128_isEqual(k, key)) {
			memcpy(&n, c->map + c->slot[i] - 1, sizeof(n));
			*len = n;
			return (const char *)c->map + c->slot[i] - 1;
		}
	}
	return NULL;
}

int
site_cache_load(const char *rec, size_t len, struct article **out,
    char **log, size_t *loglen, unsigned *errors, unsigned *warnings)
{
	struct rd r = { (const unsigned char *)rec + 4 + sizeof(XXH128_hash_t),
	    (const unsigned char *)rec + len, 0 };
	uint32_t n;

	*errors = get_u32(&r);
	*warnings = get_u32(&r);
	n = get_u32(&r);
	if (r.bad || (size_t)(r.end - r.p) < n)
		return -1;
	*log = xstrndup((const char *)r.p, n);
	*loglen = n;
	r.p += n;
	*out = get_u32(&r) ? get_article(&r) : NULL;
	if (r.bad || r.p != r.end) {
		article_free(*out);
		*out = NULL;
		free(*log);
		*log = NULL;
		return -1;
	}
	return 0;
}

/* Opens FILE.new with its header, once; c->lock held. */
static int
open_new(struct site_cache *c)
{
	XXH128_canonical_t v;
	struct buf tmp = BUF_INIT;

	if (c->out != NULL || c->failed)
		return c->failed ? -1 : 0;
	buf_printf(&tmp, "%s.new", c->file);
	if ((c->out = fopen(tmp.data, "we")) == NULL)
		c->failed = 1;
	else {
		XXH128_canonicalFromHash(&v, c->version);
		if (fputs(CACHE_MAGIC, c->out) == EOF ||
		    fwrite(&v, sizeof(v), 1, c->out) != 1)
			c->failed = 1;
	}
	buf_dispose(&tmp);
	return c->failed ? -1 : 0;
}

void
site_cache_put(struct site_cache *c, const char *rec, size_t len)
{
	pthread_mutex_lock(&c->lock);
	if (open_new(c) == 0 && fwrite(rec, 1, len, c->out) != len)
		c->failed = 1;
	pthread_mutex_unlock(&c->lock);
}

int
site_cache_save(struct site_cache *c, const char *const *recs,
    const size_t *lens, size_t n)
{
	struct buf tmp = BUF_INIT;
	size_t i;
	int rc = -1;

	if (c->out == NULL && !c->failed && n == c->nold && c->map != NULL)
		return 0;
	buf_printf(&tmp, "%s.new", c->file);
	if (open_new(c) < 0)
		goto out;
	for (i = 0; i < n; i++)
		if (recs[i] != NULL &&
		    fwrite(recs[i], 1, lens[i], c->out) != lens[i])
			c->failed = 1;
	/* A short write or an earlier buffered error: the old file stays. */
	if (ferror(c->out))
		c->failed = 1;
	rc = fclose(c->out) == 0 && !c->failed ? 0 : -1;
	c->out = NULL;
	if (rc == 0)
		rc = rename(tmp.data, c->file);
	if (rc < 0)
		unlink(tmp.data);
out:
	buf_dispose(&tmp);
	return rc;
}

void
site_cache_free(struct site_cache *c)
{
	if (c == NULL)
		return;
	if (c->map != NULL)
		munmap((void *)c->map, c->maplen);
	if (c->out != NULL) {		/* never saved: no new file */
		struct buf tmp = BUF_INIT;

		fclose(c->out);
		buf_printf(&tmp, "%s.new", c->file);
		unlink(tmp.data);
		buf_dispose(&tmp);
	}
	pthread_mutex_destroy(&c->lock);
	free(c->slot);
	free(c->file);
	free(c);
}
