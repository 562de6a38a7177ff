/*
 * archive_repack.c: the packs of small builds merged geometrically
 * (archive.h).
 *
 * Each build that changes a few articles writes one small pack. Left
 * alone, a year of daily builds is 365 packs, and every lookup of an
 * object tries their indexes in turn. After each commit, the packs are
 * kept in a geometric progression, as `git repack --geometric=2` does:
 * sorted by size, each pack must be at least twice the one below it;
 * the packs below the highest break are merged into one, together with
 * any above that the merged pack would not be twice smaller than. Each
 * object is thus copied a logarithmic number of times over the archive's
 * life, and the number of packs stays about log2 of the archive's size.
 *
 * Merging copies entries as they are (no inflating, no delta search):
 * whole objects and REF_DELTAs as they are, an OFS_DELTA rewritten to
 * name its base by id (archive_pack_each()). A delta's base is always in
 * the same old pack, so it is in the new pack too. The new pack is in
 * place, fsynced, before any old one is removed: a build killed between
 * leaves objects in two packs, which git accepts. Left alone: the chain
 * pack (archive_chain.c), packs with a .keep file, and packs over
 * REPACK_MAX_BYTES, whose copy would cost more than a build (git gc
 * still merges those).
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive/archive_impl.h"
#include "core/buf.h"
#include "core/xalloc.h"

#define REPACK_MAX_BYTES	((off_t)128 << 20)
/* And no merge over this, well under the 1 GiB at which a pack of ours
 * is closed (archive_pack.c): a delta and its base stay in one pack. */
#define REPACK_MAX_TOTAL	((off_t)512 << 20)

struct pack_file {
	char	 hex[41];
	off_t	 size;
};

static int
cmp_size(const void *a, const void *b)
{
	const struct pack_file *x = a, *y = b;

	if (x->size != y->size)
		return x->size < y->size ? -1 : 1;
	return strcmp(x->hex, y->hex);
}

/* Whether name is "pack-<40 hex>.pack"; the hex into hex. */
static int
pack_hex(const char *name, char hex[41])
{
	size_t i;

	if (strlen(name) != 50 || strncmp(name, "pack-", 5) != 0 ||
	    strcmp(name + 45, ".pack") != 0)
		return 0;
	for (i = 0; i < 40; i++)
		if (strchr("0123456789abcdef", name[5 + i]) == NULL)
			return 0;
	memcpy(hex, name + 5, 40);
	hex[40] = '\0';
	return 1;
}

/* The packs that may be merged, in *out, sorted by size. */
static int
list_packs(struct archive *ar, struct pack_file **out, size_t *n)
{
	struct buf dir = BUF_INIT, p = BUF_INIT;
	struct pack_file *v = NULL;
	size_t cap = 0;
	struct dirent *de;
	struct stat st;
	char chain[41], hex[41];
	DIR *dp;

	*n = 0;
	archive_chain_marker(ar, chain);
	buf_printf(&dir, "%s/objects/pack", ar->path);
	if ((dp = opendir(dir.data)) == NULL) {
		buf_dispose(&dir);
		return errno == ENOENT ? 0 : -1;
	}
	while ((de = readdir(dp)) != NULL) {
		if (!pack_hex(de->d_name, hex) || strcmp(hex, chain) == 0)
			continue;
		buf_reset(&p);
		buf_printf(&p, "%s/pack-%s.keep", dir.data, hex);
		if (access(p.data, F_OK) == 0)
			continue;
		buf_reset(&p);
		buf_printf(&p, "%s/pack-%s.idx", dir.data, hex);
		if (access(p.data, F_OK) != 0)
			continue;	/* an index not yet written */
		buf_reset(&p);
		buf_printf(&p, "%s/%s", dir.data, de->d_name);
		if (stat(p.data, &st) != 0 || st.st_size > REPACK_MAX_BYTES)
			continue;
		ARRAY_GROW(v, *n, cap);
		memcpy(v[*n].hex, hex, sizeof(hex));
		v[(*n)++].size = st.st_size;
	}
	closedir(dp);
	buf_dispose(&dir);
	buf_dispose(&p);
	sort_array(v, *n, sizeof(*v), cmp_size);
	*out = v;
	return 0;
}

size_t
archive_repack_split(const off_t *size, size_t n)
{
	size_t i, split;
	off_t total = 0;

	for (i = n > 0 ? n - 1 : 0; i > 0; i--)
		if (size[i] < 2 * size[i - 1])
			break;
	split = i == 0 ? 0 : i + 1;
	for (i = 0; i < split; i++)
		total += size[i];
	for (; split < n && size[split] < 2 * total; split++)
		total += size[split];
	return split;
}

static int
copy_ent(void *arg, const git_oid *id, const unsigned char *e, size_t len)
{
	return archive_pack_add_raw(arg, id, e, len);
}

static void
remove_pack(struct archive *ar, const char *hex)
{
	static const char *const ext[] = { "idx", "pack", "rev", "bitmap",
	    "mtimes", "promisor" };
	struct buf p = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		buf_reset(&p);
		buf_printf(&p, "%s/objects/pack/pack-%s.%s", ar->path, hex,
		    ext[i]);
		unlink(p.data);
	}
	buf_dispose(&p);
}

int
archive_repack(struct archive *ar, struct diag *d, size_t *merged)
{
	struct pos pos = { ar->path, 0 };
	struct pack_file *v = NULL;
	struct archive_pack *pk = NULL;
	const char *name;
	off_t *size, total;
	size_t n, i, split;
	int rc = -1;

	*merged = 0;
	if (list_packs(ar, &v, &n) < 0)
		goto out;
	size = xcalloc(n + 1, sizeof(*size));
	for (i = 0; i < n; i++)
		size[i] = v[i].size;
	split = archive_repack_split(size, n);
	for (total = 0, i = 0; i < split; i++)
		if ((total += size[i]) > REPACK_MAX_TOTAL)
			split = i;
	free(size);
	if (split < 2) {
		rc = 0;
		goto out;
	}
	if (archive_pack_new(&pk, ar) < 0)
		goto out;
	for (i = 0; i < split; i++)
		if (archive_pack_each(ar, v[i].hex, (size_t)REPACK_MAX_BYTES,
		    copy_ent, pk) != 0)
			goto out;
	if (archive_pack_finish(pk) < 0)
		goto out;
	/* No name: the old packs held no object at all. */
	name = archive_pack_name(pk);
	/* Every object of the old packs is in the new one, in place. */
	for (i = 0; i < split; i++)
		if (name == NULL || strcmp(v[i].hex, name) != 0)
			remove_pack(ar, v[i].hex);
	*merged = split;
	rc = 0;
out:
	if (rc < 0)
		diag_warn(d, &pos, "cannot merge the packs of the archive: %s "
		    "(its objects are intact; git gc merges them)",
		    strerror(errno));
	archive_pack_free(pk);
	free(v);
	return rc;
}
