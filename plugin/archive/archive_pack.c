/*
 * archive_pack.c: a pack of new blobs written directly (archive_impl.h).
 *
 * libgit2's packbuilder deflates at zlib's default level and its indexer
 * then inflates and hashes every object again: for a first commit of a
 * site that was most of the time (perf: 44% in zlib). Here each blob is
 * deflated once at zlib's fastest level, as git does for loose objects,
 * appended to a temporary pack, and the index (version 2) is written
 * from what we already know: ids, offsets and CRCs. The pack is renamed
 * into place before its index, so that git never sees an index without
 * its pack; both are fsynced first. A killed build leaves at most a
 * tmp_pack_* file, which git gc removes.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <zlib.h>

#include "archive/archive_impl.h"
#include "core/xalloc.h"

/* A pack is closed at this size, so that offsets fit the index's 31
 * bits without its table of large offsets. */
#define PACK_MAX_BYTES	((uint64_t)1 << 30)

struct pack_ent {
	git_oid		 id;
	uint32_t	 crc;
	uint64_t	 offset;
};

struct archive_pack {
	char		*dir;		/* REPO/objects/pack */
	char		*tmp;		/* the pack being written */
	int		 fd;
	uint64_t	 off;
	struct pack_ent	*v;
	size_t		 n, cap;
	size_t		*slot;		/* index + 1 into v; 0 is empty */
	size_t		 nslot;
	struct buf	 z;		/* deflated data */
	char		 name[41];	/* the last pack closed, in hex */
};

/* {==== the set of ids in the pack: a page written twice goes in once */

static size_t
slot_of(const struct archive_pack *p, const git_oid *id)
{
	uint64_t h;
	size_t i;

	memcpy(&h, id->id, sizeof(h));
	i = (size_t)h & (p->nslot - 1);
	while (p->slot[i] != 0 && !git_oid_equal(&p->v[p->slot[i] - 1].id, id))
		i = (i + 1) & (p->nslot - 1);
	return i;
}

static void
rehash(struct archive_pack *p)
{
	size_t i;

	free(p->slot);
	p->nslot = p->nslot == 0 ? 1024 : p->nslot * 2;
	p->slot = xcalloc(p->nslot, sizeof(*p->slot));
	for (i = 0; i < p->n; i++)
		p->slot[slot_of(p, &p->v[i].id)] = i + 1;
}

/* }==== */

static int
put_all(int fd, const void *p, size_t len)
{
	const char *s = p;
	ssize_t k;

	while (len > 0) {
		if ((k = write(fd, s, len)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += k;
		len -= (size_t)k;
	}
	return 0;
}

static void
be32(unsigned char *b, uint32_t v)
{
	b[0] = (unsigned char)(v >> 24);
	b[1] = (unsigned char)(v >> 16);
	b[2] = (unsigned char)(v >> 8);
	b[3] = (unsigned char)v;
}

/* Opens a temporary pack in REPO/objects/pack; -1 with errno set. */
static int
pack_start(struct archive_pack *p)
{
	struct buf t = BUF_INIT;
	unsigned char hdr[12] = { 'P', 'A', 'C', 'K', 0, 0, 0, 2 };

	buf_printf(&t, "%s/tmp_pack_XXXXXX", p->dir);
	if ((p->fd = mkstemp(t.data)) < 0) {
		buf_dispose(&t);
		return -1;
	}
	p->tmp = buf_detach(&t);
	p->off = sizeof(hdr);
	p->n = 0;
	if (p->nslot > 0)
		memset(p->slot, 0, p->nslot * sizeof(*p->slot));
	/* The count is written when the pack is closed. */
	return put_all(p->fd, hdr, sizeof(hdr));
}

int
archive_pack_new(struct archive_pack **out, struct archive *ar)
{
	struct archive_pack *p = xcalloc(1, sizeof(*p));
	struct buf d = BUF_INIT;

	buf_printf(&d, "%s/objects/pack", ar->path);
	p->dir = buf_detach(&d);
	p->fd = -1;
	p->z = (struct buf)BUF_INIT;
	if (mkdir(p->dir, 0777) < 0 && errno != EEXIST) {
		archive_pack_free(p);
		return -1;
	}
	*out = p;
	return 0;
}

void
archive_pack_free(struct archive_pack *p)
{
	if (p == NULL)
		return;
	if (p->fd >= 0)
		close(p->fd);
	if (p->tmp != NULL)
		unlink(p->tmp);
	free(p->tmp);
	free(p->dir);
	free(p->v);
	free(p->slot);
	buf_dispose(&p->z);
	free(p);
}

static int
sha1_file(int fd, uint64_t len, unsigned char out[20])
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	unsigned char chunk[1 << 16];
	uint64_t done = 0;
	ssize_t k;
	int rc = -1;

	if (c == NULL || EVP_DigestInit_ex(c, EVP_sha1(), NULL) != 1)
		goto out;
	while (done < len) {
		k = pread(fd, chunk, len - done < sizeof(chunk) ?
		    (size_t)(len - done) : sizeof(chunk), (off_t)done);
		if (k <= 0) {
			if (k < 0 && errno == EINTR)
				continue;
			goto out;
		}
		if (EVP_DigestUpdate(c, chunk, (size_t)k) != 1)
			goto out;
		done += (uint64_t)k;
	}
	rc = EVP_DigestFinal_ex(c, out, NULL) == 1 ? 0 : -1;
out:
	EVP_MD_CTX_free(c);
	return rc;
}

static void
put_bytes(struct buf *b, const unsigned char *p, size_t n)
{
	buf_put(b, (const char *)p, n);
}

static int
cmp_ent(const void *a, const void *b)
{
	return git_oid_cmp(&((const struct pack_ent *)a)->id,
	    &((const struct pack_ent *)b)->id);
}

/* Writes the index of the closed pack as tmp, named by the pack's
 * checksum sum. */
static int
write_index(struct archive_pack *p, const char *tmp,
    const unsigned char sum[20])
{
	struct buf b = BUF_INIT;
	EVP_MD_CTX *c = NULL;
	unsigned char w[4], out[20];
	uint32_t fan[256];
	size_t i;
	int fd = -1, rc = -1;

	sort_array(p->v, p->n, sizeof(*p->v), cmp_ent);
	memset(fan, 0, sizeof(fan));
	for (i = 0; i < p->n; i++)
		fan[p->v[i].id.id[0]]++;
	for (i = 1; i < 256; i++)
		fan[i] += fan[i - 1];
	buf_put(&b, "\377tOc\0\0\0\2", 8);
	for (i = 0; i < 256; i++) {
		be32(w, fan[i]);
		put_bytes(&b, w, 4);
	}
	for (i = 0; i < p->n; i++)
		put_bytes(&b, p->v[i].id.id, GIT_OID_RAWSZ);
	for (i = 0; i < p->n; i++) {
		be32(w, p->v[i].crc);
		put_bytes(&b, w, 4);
	}
	for (i = 0; i < p->n; i++) {
		be32(w, (uint32_t)p->v[i].offset);
		put_bytes(&b, w, 4);
	}
	put_bytes(&b, sum, 20);
	if ((c = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(c, EVP_sha1(), NULL) != 1 ||
	    EVP_DigestUpdate(c, b.data, b.len) != 1 ||
	    EVP_DigestFinal_ex(c, out, NULL) != 1)
		goto out;
	put_bytes(&b, out, 20);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0444);
	if (fd < 0 ||
	    put_all(fd, b.data, b.len) < 0 || fsync(fd) < 0)
		goto out;
	rc = 0;
out:
	if (fd >= 0 && close(fd) < 0)
		rc = -1;
	EVP_MD_CTX_free(c);
	buf_dispose(&b);
	return rc;
}

/* Closes the pack being written and puts it and its index in place. */
static int
pack_close(struct archive_pack *p)
{
	unsigned char sum[20], cnt[4];
	char hex[41];
	struct buf pk = BUF_INIT, ix = BUF_INIT, ti = BUF_INIT;
	size_t i;
	int rc = -1, dfd;

	if (p->fd < 0)
		return 0;
	be32(cnt, (uint32_t)p->n);
	if (pwrite(p->fd, cnt, 4, 8) != 4 ||
	    sha1_file(p->fd, p->off, sum) < 0 ||
	    pwrite(p->fd, sum, 20, (off_t)p->off) != 20 || fsync(p->fd) < 0)
		goto out;
	for (i = 0; i < 20; i++) {
		hex[2 * i] = "0123456789abcdef"[sum[i] >> 4];
		hex[2 * i + 1] = "0123456789abcdef"[sum[i] & 15];
	}
	hex[40] = '\0';
	buf_printf(&pk, "%s/pack-%s.pack", p->dir, hex);
	buf_printf(&ix, "%s/pack-%s.idx", p->dir, hex);
	buf_printf(&ti, "%s/tmp_idx_%s", p->dir, hex);
	unlink(ti.data);
	if (fchmod(p->fd, 0444) < 0 || write_index(p, ti.data, sum) < 0 ||
	    rename(p->tmp, pk.data) < 0 || rename(ti.data, ix.data) < 0)
		goto out;
	free(p->tmp);
	p->tmp = NULL;
	memcpy(p->name, hex, sizeof(p->name));
	if ((dfd = open(p->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		(void)fsync(dfd);
		close(dfd);
	}
	rc = 0;
out:
	if (rc < 0)
		unlink(ti.data);
	close(p->fd);
	p->fd = -1;
	buf_dispose(&pk);
	buf_dispose(&ix);
	buf_dispose(&ti);
	return rc;
}

/* Appends one encoded entry (its header and deflated data) of id. */
static int
put_entry(struct archive_pack *p, const git_oid *id, const void *ent,
    size_t n)
{
	uint32_t crc;

	crc = (uint32_t)crc32(0L, (const Bytef *)ent, (uInt)n);
	if (put_all(p->fd, ent, n) < 0)
		return -1;
	ARRAY_GROW(p->v, p->n, p->cap);
	git_oid_cpy(&p->v[p->n].id, id);
	p->v[p->n].crc = crc;
	p->v[p->n].offset = p->off;
	p->n++;
	p->off += n;
	if (p->n * 2 > p->nslot)
		rehash(p);
	else
		p->slot[slot_of(p, id)] = p->n;
	return 0;
}

/* Opens the pack if needed; 1 when id is in it already, 0 if not. */
static int
pack_ready(struct archive_pack *p, const git_oid *id)
{
	if (p->fd >= 0 && p->off >= PACK_MAX_BYTES && pack_close(p) < 0)
		return -1;
	if (p->fd < 0 && pack_start(p) < 0)
		return -1;
	return p->nslot > 0 && p->slot[slot_of(p, id)] != 0;
}

/* Encodes an entry of type and size, then data deflated, in p->z. */
static int
encode(struct archive_pack *p, int type, const git_oid *base,
    const void *data, size_t len, size_t *n)
{
	unsigned char hdr[16 + GIT_OID_RAWSZ];
	size_t h = 0, s = len;
	uLongf zlen;

	/* The type and the size, 4 bits then 7 a byte. */
	hdr[h] = (unsigned char)(type << 4 | (s & 15));
	s >>= 4;
	while (s != 0) {
		hdr[h++] |= 0x80;
		hdr[h] = (unsigned char)(s & 0x7f);
		s >>= 7;
	}
	h++;
	if (base != NULL) {
		memcpy(hdr + h, base->id, GIT_OID_RAWSZ);
		h += GIT_OID_RAWSZ;
	}
	zlen = compressBound((uLong)len);
	buf_reset(&p->z);
	buf_grow(&p->z, h + zlen + 1);
	memcpy(p->z.data, hdr, h);
	if (compress2((Bytef *)p->z.data + h, &zlen, data, (uLong)len,
	    Z_BEST_SPEED) != Z_OK) {
		errno = ENOMEM;
		return -1;
	}
	*n = h + zlen;
	return 0;
}

/* Adds id as an entry of type (3: a blob; 7: a delta against base). */
static int
add_encoded(struct archive_pack *p, const git_oid *id, int type,
    const git_oid *base, const void *data, size_t len)
{
	size_t n;
	int r;

	if ((r = pack_ready(p, id)) != 0)
		return r < 0 ? -1 : 0;
	if (encode(p, type, base, data, len, &n) < 0)
		return -1;
	return put_entry(p, id, p->z.data, n);
}

int
archive_pack_add(struct archive_pack *p, const git_oid *id, const void *data,
    size_t len)
{
	return add_encoded(p, id, 3, NULL, data, len);
}

/* Type 7: a delta against base, named by its id (REF_DELTA). */
int
archive_pack_add_delta(struct archive_pack *p, const git_oid *id,
    const git_oid *base, const void *delta, size_t len)
{
	return add_encoded(p, id, 7, base, delta, len);
}

int
archive_pack_add_raw(struct archive_pack *p, const git_oid *id,
    const void *ent, size_t len)
{
	int r;

	if ((r = pack_ready(p, id)) != 0)
		return r < 0 ? -1 : 0;
	return put_entry(p, id, ent, len);
}

uint64_t
archive_pack_bytes(const struct archive_pack *p)
{
	return p->fd >= 0 ? p->off : 0;
}

const char *
archive_pack_name(const struct archive_pack *p)
{
	return p->name[0] != '\0' ? p->name : NULL;
}

int
archive_pack_finish(struct archive_pack *p)
{
	return pack_close(p);
}

/* {==== reading a pack back ===== */

int
archive_read_all(const char *path, struct buf *b, size_t max)
{
	int fd, r;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	r = buf_read_fd(b, fd, max + 1);
	close(fd);
	if (r > 0)
		errno = EFBIG;
	return r == 0 ? 0 : -1;
}

static uint32_t
rd32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

struct ent_ref {
	uint32_t	 off;
	size_t		 i;
};

static int
cmp_off(const void *a, const void *b)
{
	const struct ent_ref *x = a, *y = b;

	return x->off < y->off ? -1 : x->off > y->off;
}

/*
 * Rewrites the OFS_DELTA entry e (at offset off) into out as a REF_DELTA:
 * the same header and deflated delta, its base named by id instead of
 * by offset, so that the entry stays valid copied into another pack
 * beside its base. r is the pack's entries sorted by offset, x its index.
 */
static int
ofs_to_ref(struct buf *out, const unsigned char *e, size_t len,
    const struct ent_ref *r, size_t n, uint32_t off, const unsigned char *x)
{
	size_t h, hdr, lo = 0, hi = n, mid;
	uint64_t ofs;
	unsigned char c;
	char type = (char)((e[0] & 0x8f) | (7 << 4));

	for (hdr = 1; (e[hdr - 1] & 0x80) && hdr < len; hdr++)
		;
	if (hdr >= len || hdr > 10)
		return -1;
	h = hdr;
	c = e[h++];
	ofs = c & 127;
	while (c & 128) {
		if (h >= len || ofs > (UINT64_C(1) << 50))
			return -1;
		c = e[h++];
		ofs = ((ofs + 1) << 7) | (c & 127);
	}
	if (ofs == 0 || ofs > off)
		return -1;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (r[mid].off < off - ofs)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == n || r[lo].off != off - ofs)
		return -1;
	buf_reset(out);
	buf_put(out, &type, 1);
	buf_put(out, (const char *)e + 1, hdr - 1);
	buf_put(out, (const char *)x + 8 + 1024 + r[lo].i * 20, 20);
	buf_put(out, (const char *)e + h, len - h);
	return 0;
}

int
archive_pack_each(struct archive *ar, const char *hex, size_t max,
    int (*fn)(void *, const git_oid *, const unsigned char *, size_t),
    void *arg)
{
	struct buf ix = BUF_INIT, pk = BUF_INIT, path = BUF_INIT, ref = BUF_INIT;
	struct ent_ref *r = NULL;
	const unsigned char *x, *e;
	size_t n = 0, i, end, len;
	git_oid id;
	int rc = -1, type;

	errno = EINVAL;
	buf_printf(&path, "%s/objects/pack/pack-%s.idx", ar->path, hex);
	if (archive_read_all(path.data, &ix, max) < 0)
		goto out;
	buf_reset(&path);
	buf_printf(&path, "%s/objects/pack/pack-%s.pack", ar->path, hex);
	if (archive_read_all(path.data, &pk, max) < 0 || pk.len < 32 ||
	    ix.len < 8 + 1024)
		goto out;
	errno = EINVAL;
	x = (const unsigned char *)ix.data;
	if (memcmp(x, "\377tOc\0\0\0\2", 8) != 0)
		goto out;
	n = rd32(x + 8 + 255 * 4);
	if (ix.len < 8 + 1024 + n * 28 + 40)
		goto out;
	r = xcalloc(n + 1, sizeof(*r));
	for (i = 0; i < n; i++) {
		r[i].off = rd32(x + 8 + 1024 + n * 24 + i * 4);
		r[i].i = i;
		if (r[i].off & 0x80000000u || r[i].off < 12 ||
		    r[i].off >= pk.len - 20)
			goto out;
	}
	sort_array(r, n, sizeof(*r), cmp_off);
	for (i = 0; i < n; i++) {
		end = i + 1 < n ? r[i + 1].off : pk.len - 20;
		if (end <= r[i].off) {
			rc = -1;	/* two entries at one offset */
			errno = EINVAL;
			goto out;
		}
		memcpy(id.id, x + 8 + 1024 + r[i].i * 20, 20);
		e = (const unsigned char *)pk.data + r[i].off;
		len = end - r[i].off;
		/* A damaged entry is never copied on (its old pack would
		 * then be removed): its CRC must be the index's, its type a
		 * known one. */
		type = (e[0] >> 4) & 7;
		if (type == 0 || type == 5 || rd32(x + 8 + 1024 + n * 20 +
		    r[i].i * 4) != (uint32_t)crc32(0L, e, (uInt)len)) {
			rc = -1;
			errno = EINVAL;
			goto out;
		}
		if (type == 6) {
			if (ofs_to_ref(&ref, e, len, r, n, r[i].off, x) < 0) {
				rc = -1;
				errno = EINVAL;
				goto out;
			}
			e = (const unsigned char *)ref.data;
			len = ref.len;
		}
		if ((rc = fn(arg, &id, e, len)) != 0)
			goto out;
	}
	rc = 0;
out:
	free(r);
	buf_dispose(&ix);
	buf_dispose(&pk);
	buf_dispose(&path);
	buf_dispose(&ref);
	return rc;
}
