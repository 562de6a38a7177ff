/*
 * archive_chain.c: large blobs stored as deltas (archive_impl.h).
 *
 * A site has a few big files that every build changes a little (the
 * article list, the sitemap, the feeds, list pages). Stored whole, each
 * build adds them again, deflated: megabytes for one added article. Git
 * takes a delta only against an object of the same pack (a pack that
 * names a base outside itself is "thin", valid on the wire, not at
 * rest), so the big blobs live in one pack of their own, the chain
 * pack: a build copies its entries as they are into a new pack, adds
 * each new version as a delta against the previous version of its path
 * (REF_DELTA: the base named by id, in the same pack), puts the new pack
 * in place and removes the old one. A build killed in between leaves
 * both, which git accepts (an object may be in two packs); the marker
 * REPO/morgue-chain names the current one.
 *
 * Chains are cut at CHAIN_DEPTH (git's own pack.depth) so that reading
 * the newest version applies at most that many deltas, and the pack is
 * left behind as an ordinary one, and a new chain started, past
 * CHAIN_MAX_BYTES, so that the copy a build makes stays bounded.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive/archive_impl.h"
#include "core/buf.h"
#include "core/xalloc.h"

#define CHAIN_DEPTH	50
#define CHAIN_MAX_BYTES	((size_t)64 << 20)
#define BLOCK		16

struct chain_obj {
	git_oid		 id;
	unsigned	 depth;
};

struct archive_chain {
	struct archive	*ar;
	git_odb		*odb;
	struct archive_pack *pk;
	char		 old[41];	/* the chain pack being replaced */
	struct chain_obj *v;
	size_t		 n, cap;
	int		 added;
	struct buf	 delta;
};

/* {==== deltas in git's format: copies from the base, inserted bytes */

static void
put_varint(struct buf *b, size_t v)
{
	char c;

	do {
		c = (char)(v & 0x7f);
		v >>= 7;
		if (v != 0)
			c = (char)(c | 0x80);
		buf_put(b, &c, 1);
	} while (v != 0);
}

static void
put_insert(struct buf *b, const unsigned char *p, size_t n)
{
	char c;
	size_t k;

	while (n > 0) {
		k = n > 127 ? 127 : n;
		c = (char)k;
		buf_put(b, &c, 1);
		buf_put(b, (const char *)p, k);
		p += k;
		n -= k;
	}
}

static void
put_copy(struct buf *b, size_t off, size_t n)
{
	unsigned char op[8];
	size_t k, h, i;

	while (n > 0) {
		k = n > 0xffff ? 0xffff : n;
		h = 1;
		op[0] = 0x80;
		for (i = 0; i < 4; i++)
			if ((off >> (8 * i)) & 0xff) {
				op[0] |= (unsigned char)(1 << i);
				op[h++] = (unsigned char)(off >> (8 * i));
			}
		for (i = 0; i < 2; i++)
			if ((k >> (8 * i)) & 0xff) {
				op[0] |= (unsigned char)(0x10 << i);
				op[h++] = (unsigned char)(k >> (8 * i));
			}
		buf_put(b, (const char *)op, h);
		off += k;
		n -= k;
	}
}

static uint32_t
block_hash(const unsigned char *p)
{
	uint64_t a, c;

	memcpy(&a, p, 8);
	memcpy(&c, p + 8, 8);
	a = (a ^ (c * 0x9e3779b97f4a7c15ULL)) * 0xff51afd7ed558ccdULL;
	return (uint32_t)(a >> 32);
}

/*
 * Writes into out the delta that makes tgt from src; -1 when it would
 * not be worth it (over half of tgt). Every 16-byte block of src is
 * indexed; the target is scanned for blocks found there, each match
 * extended both ways.
 */
static int
make_delta(struct buf *out, const unsigned char *src, size_t slen,
    const unsigned char *tgt, size_t tlen)
{
	uint32_t *tab, mask;
	size_t nt = 1024, i, t = 0, lit = 0, c, m;
	int rc = 0;

	if (slen >= ((size_t)1 << 31) || slen < BLOCK)
		return -1;
	while (nt < slen / BLOCK * 2)
		nt *= 2;
	mask = (uint32_t)(nt - 1);
	tab = xcalloc(nt, sizeof(*tab));
	for (i = 0; i + BLOCK <= slen; i += BLOCK)
		tab[block_hash(src + i) & mask] = (uint32_t)i + 1;
	buf_reset(out);
	put_varint(out, slen);
	put_varint(out, tlen);
	while (t + BLOCK <= tlen) {
		c = tab[block_hash(tgt + t) & mask];
		if (c == 0 || memcmp(src + c - 1, tgt + t, BLOCK) != 0) {
			t++;
			lit++;
			continue;
		}
		c--;
		while (lit > 0 && c > 0 && src[c - 1] == tgt[t - 1]) {
			c--;
			t--;
			lit--;
		}
		put_insert(out, tgt + t - lit, lit);
		lit = 0;
		m = BLOCK;
		while (c + m < slen && t + m < tlen && src[c + m] == tgt[t + m])
			m++;
		put_copy(out, c, m);
		t += m;
		if (out->len > tlen / 2) {
			rc = -1;
			break;
		}
	}
	if (rc == 0) {
		put_insert(out, tgt + t - lit, lit + (tlen - t));
		if (out->len > tlen / 2)
			rc = -1;
	}
	free(tab);
	return rc;
}

/* }==== */

static struct chain_obj *
find(struct archive_chain *c, const git_oid *id)
{
	size_t i;

	for (i = c->n; i-- > 0;)
		if (git_oid_equal(&c->v[i].id, id))
			return &c->v[i];
	return NULL;
}

static void
note(struct archive_chain *c, const git_oid *id, unsigned depth)
{
	ARRAY_GROW(c->v, c->n, c->cap);
	git_oid_cpy(&c->v[c->n].id, id);
	c->v[c->n++].depth = depth;
}

/* Notes one entry of the old chain pack, in pack order, and copies it. */
static int
copy_ent(void *arg, const git_oid *id, const unsigned char *e, size_t len)
{
	struct archive_chain *c = arg;
	struct chain_obj *b;
	git_oid base;
	size_t h;
	int type = (e[0] >> 4) & 7;

	for (h = 1; (e[h - 1] & 0x80) && h < len; h++)
		;
	if (type == 7) {
		if (h + 20 > len)
			return -1;
		memcpy(base.id, e + h, 20);
		b = find(c, &base);
		note(c, id, b != NULL ? b->depth + 1 : CHAIN_DEPTH);
	} else if (type == 3)
		note(c, id, 0);
	else
		return -1;
	return archive_pack_add_raw(c->pk, id, e, len);
}

/*
 * Copies the entries of the chain pack named old into c->pk, in their
 * order, noting each one's depth. Returns -1 for a pack this code did
 * not write (then a new chain starts and the old pack stays).
 */
static int
copy_old(struct archive_chain *c, const char *old)
{
	return archive_pack_each(c->ar, old, CHAIN_MAX_BYTES, copy_ent, c);
}

void
archive_chain_marker(struct archive *ar, char hex[41])
{
	struct buf p = BUF_INIT, m = BUF_INIT;
	size_t i = 0;

	buf_printf(&p, "%s/morgue-chain", ar->path);
	if (archive_read_all(p.data, &m, 4096) == 0 && m.len >= 40)
		for (i = 0; i < 40 && m.data[i] != '\0' &&
		    strchr("0123456789abcdef", m.data[i]) != NULL; i++)
			hex[i] = m.data[i];
	hex[i == 40 ? 40 : 0] = '\0';
	buf_dispose(&p);
	buf_dispose(&m);
}

int
archive_chain_new(struct archive_chain **out, struct archive *ar,
    git_odb *odb)
{
	struct archive_chain *c = xcalloc(1, sizeof(*c));

	c->ar = ar;
	c->odb = odb;
	c->delta = (struct buf)BUF_INIT;
	if (archive_pack_new(&c->pk, ar) < 0) {
		free(c);
		return -1;
	}
	archive_chain_marker(ar, c->old);
	/* A chain pack that git gc merged away, or that cannot be read as
	 * ours, is left alone: the chain starts again. */
	if (c->old[0] != '\0' && copy_old(c, c->old) < 0) {
		archive_pack_free(c->pk);
		c->n = 0;
		c->old[0] = '\0';
		if (archive_pack_new(&c->pk, ar) < 0) {
			archive_chain_free(c);
			c = NULL;
		}
	}
	if (c == NULL)
		return -1;
	*out = c;
	return 0;
}

int
archive_chain_put(struct archive_chain *c, const git_oid *id,
    const void *data, size_t len, const git_oid *prev)
{
	struct chain_obj *b;
	git_odb_object *o = NULL;
	int rc;

	if (find(c, id) != NULL)
		return 0;
	c->added = 1;
	/* Past CHAIN_MAX_BYTES, whole blobs only: a pack of ours is closed
	 * at 1 GiB and the next one started, and a delta must never name a
	 * base left in the one before. */
	b = prev != NULL && archive_pack_bytes(c->pk) < CHAIN_MAX_BYTES ?
	    find(c, prev) : NULL;
	if (b != NULL && b->depth < CHAIN_DEPTH &&
	    git_odb_read(&o, c->odb, prev) == 0 &&
	    make_delta(&c->delta, git_odb_object_data(o),
	    git_odb_object_size(o), data, len) == 0) {
		unsigned depth = b->depth + 1;

		git_odb_object_free(o);
		if ((rc = archive_pack_add_delta(c->pk, id, prev,
		    c->delta.data, c->delta.len)) == 0)
			note(c, id, depth);
		return rc;
	}
	git_odb_object_free(o);
	if ((rc = archive_pack_add(c->pk, id, data, len)) == 0)
		note(c, id, 0);
	return rc;
}

int
archive_chain_finish(struct archive_chain *c)
{
	struct buf p = BUF_INIT, t = BUF_INIT;
	const char *name;
	int fd, rc = -1;

	if (!c->added)
		return 0;
	if (archive_pack_finish(c->pk) < 0 ||
	    (name = archive_pack_name(c->pk)) == NULL)
		return -1;
	buf_printf(&t, "%s/morgue-chain.tmp", c->ar->path);
	buf_printf(&p, "%s/morgue-chain", c->ar->path);
	if ((fd = open(t.data, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0644)) < 0)
		goto out;
	if (write(fd, name, 40) != 40 || write(fd, "\n", 1) != 1 ||
	    fsync(fd) < 0) {
		close(fd);
		goto out;
	}
	if (close(fd) < 0 || rename(t.data, p.data) < 0)
		goto out;
	/* Every object of the old chain pack is in the new one. */
	if (c->old[0] != '\0' && strcmp(c->old, name) != 0) {
		buf_reset(&p);
		buf_printf(&p, "%s/objects/pack/pack-%s.idx", c->ar->path,
		    c->old);
		unlink(p.data);
		buf_reset(&p);
		buf_printf(&p, "%s/objects/pack/pack-%s.pack", c->ar->path,
		    c->old);
		unlink(p.data);
	}
	rc = 0;
out:
	buf_dispose(&p);
	buf_dispose(&t);
	return rc;
}

void
archive_chain_free(struct archive_chain *c)
{
	if (c == NULL)
		return;
	archive_pack_free(c->pk);
	free(c->v);
	buf_dispose(&c->delta);
	free(c);
}
