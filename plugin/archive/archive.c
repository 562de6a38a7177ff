/*
 * archive.c: the archive repository: the build lock, opening (and
 * creating) the bare repository, the build time, and the helpers the
 * other archive_*.c files share (archive.h, archive_impl.h).
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "archive/archive_impl.h"
#include "core/xalloc.h"

struct archive_lock {
	int	 fd;
};

/* Git's own lock files that a build killed in a ref update leaves. */
static const char *const git_locks[] = {
	"HEAD.lock", "packed-refs.lock", "config.lock", NULL
};

static char *
join(const char *a, const char *b)
{
	struct buf p = BUF_INIT;

	buf_printf(&p, "%s/%s", a, b);
	return buf_detach(&p);
}

static void
unlink_stale(struct diag *d, const char *repo, const char *rel)
{
	struct pos pos = { repo, 0 };
	char *p = join(repo, rel);

	if (unlink(p) == 0)
		diag_warn(d, &pos, "removed %s left by a killed build", rel);
	free(p);
}

/* Removes refs/.../NAME.lock files under dir (relative to repo). */
static void
clear_ref_locks(struct diag *d, const char *repo, const char *dir)
{
	struct strv names = STRV_INIT;
	struct dirent *de;
	struct stat st;
	char *abs = join(repo, dir), *rel, *sub;
	size_t i, n;
	DIR *dp;

	if ((dp = opendir(abs)) == NULL) {
		free(abs);
		return;
	}
	while ((de = readdir(dp)) != NULL)
		if (de->d_name[0] != '.')
			strv_push(&names, de->d_name);
	closedir(dp);
	strv_sort(&names);
	for (i = 0; i < names.n; i++) {
		rel = join(dir, names.v[i]);
		sub = join(abs, names.v[i]);
		n = strlen(rel);
		if (n > 5 && strcmp(rel + n - 5, ".lock") == 0)
			unlink_stale(d, repo, rel);
		else if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			clear_ref_locks(d, repo, rel);
		free(sub);
		free(rel);
	}
	strv_dispose(&names);
	free(abs);
}

/* Removes objects/pack/tmp_* files: the pack a killed build was writing
 * (tmp_pack_*, tmp_idx_*). The archive is morgue's own repository and
 * the lock is held, so no one else is writing one. */
static void
clear_tmp_packs(struct diag *d, const char *repo)
{
	struct strv names = STRV_INIT;
	struct dirent *de;
	char *abs = join(repo, "objects/pack"), *rel;
	size_t i;
	DIR *dp;

	if ((dp = opendir(abs)) == NULL) {
		free(abs);
		return;
	}
	while ((de = readdir(dp)) != NULL)
		if (strncmp(de->d_name, "tmp_", 4) == 0)
			strv_push(&names, de->d_name);
	closedir(dp);
	strv_sort(&names);
	for (i = 0; i < names.n; i++) {
		rel = join("objects/pack", names.v[i]);
		unlink_stale(d, repo, rel);
		free(rel);
	}
	strv_dispose(&names);
	free(abs);
}

int
archive_lock(struct archive_lock **out, struct diag *d, const char *repo,
    int wait)
{
	struct pos pos = { repo, 0 };
	char *path = join(repo, "morgue.lock");
	char pid[32];
	ssize_t n;
	int fd = -1, rc = -1, i;

	if (mkdir(repo, 0777) == -1 && errno != EEXIST) {
		diag_err(d, &pos, "cannot create the archive: %s",
		    strerror(errno));
		goto out;
	}
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666)) == -1) {
		diag_err(d, &pos, "cannot open the lock %s: %s", path,
		    strerror(errno));
		goto out;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		n = pread(fd, pid, sizeof(pid) - 1, 0);
		pid[n > 0 ? n : 0] = '\0';
		pid[strcspn(pid, "\n")] = '\0';
		if (!wait) {
			diag_err(d, &pos, "another build is running (pid %s)",
			    pid[0] ? pid : "unknown");
			rc = ARCHIVE_ELOCKED;
			goto out;
		}
		diag_note(d, &pos, "waiting for the build with pid %s",
		    pid[0] ? pid : "unknown");
		if (flock(fd, LOCK_EX) == -1) {
			diag_err(d, &pos, "cannot lock %s: %s", path,
			    strerror(errno));
			goto out;
		}
	}
	/* A pid left in the file is a holder that never unlocked. */
	n = pread(fd, pid, sizeof(pid) - 1, 0);
	if (n > 0) {
		pid[n] = '\0';
		pid[strcspn(pid, "\n")] = '\0';
		diag_warn(d, &pos, "cleared a stale lock of a killed build "
		    "(pid %s)", pid);
	}
	n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) == -1 || pwrite(fd, pid, (size_t)n, 0) != n) {
		diag_err(d, &pos, "cannot write the lock %s: %s", path,
		    strerror(errno));
		goto out;
	}
	for (i = 0; git_locks[i] != NULL; i++)
		unlink_stale(d, repo, git_locks[i]);
	clear_ref_locks(d, repo, "refs");
	clear_tmp_packs(d, repo);
	*out = xcalloc(1, sizeof(**out));
	(*out)->fd = fd;
	fd = -1;
	rc = 0;
out:
	if (fd != -1)
		close(fd);
	free(path);
	return rc;
}

void
archive_unlock(struct archive_lock *l)
{
	if (l == NULL)
		return;
	/* Emptied, not removed: removing a flock file races with a waiter
	 * that has it open. */
	if (ftruncate(l->fd, 0) == -1)
		(void)0;
	close(l->fd);
	free(l);
}

int
archive_git_err(struct archive *ar, struct diag *d, const char *what)
{
	const git_error *e = git_error_last();
	struct pos pos = { ar != NULL ? ar->path : NULL, 0 };

	diag_err(d, &pos, "%s: %s", what,
	    e != NULL && e->message != NULL ? e->message : "unknown error");
	return -1;
}

int
archive_corrupt(struct archive *ar, struct diag *d, const git_oid *id)
{
	const git_error *e = git_error_last();
	struct pos pos = { ar->path, 0 };
	char hex[GIT_OID_HEXSZ + 1];

	git_oid_tostr(hex, sizeof(hex), id);
	diag_err(d, &pos, "repository corrupt: object %s unreadable (%s); "
	    "re-clone from a published copy and rebuild", hex,
	    e != NULL && e->message != NULL ? e->message : "unknown error");
	return -1;
}

static int
create_repo(git_repository **out, struct diag *d, const char *path,
    const char *refname)
{
	git_repository_init_options o;
	const git_error *e;
	struct pos pos = { path, 0 };

	git_repository_init_options_init(&o, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	o.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH;
	o.initial_head = refname + strlen("refs/heads/");
	if (git_repository_init_ext(out, path, &o) < 0) {
		e = git_error_last();
		diag_err(d, &pos, "cannot create the archive: %s",
		    e != NULL ? e->message : "unknown error");
		return -1;
	}
	return 0;
}

/*
 * Delta search costs more than it saves on the first pack of a site
 * (LIBRARIES.md, pitfall 3: 10.5 s against 5.7 s for 10,000 pages). In
 * libgit2 1.5 the packbuilder takes its big-file threshold from
 * pack.deltaCacheSize, so a value of 1 turns deltas off. It is set in a
 * file of our own, at the application level of this handle's
 * configuration only, so that git's own settings of the repository stay
 * as they are; `git gc` still makes deltas later.
 */
static int
pack_config(struct archive *ar, struct diag *d)
{
	static const char text[] = "# written by morgue: no delta search "
	    "in the packs of a build\n[pack]\n\tdeltaCacheSize = 1\n";
	git_config *cfg = NULL;
	char *p = join(ar->path, "morgue-pack.conf");
	FILE *f;
	int rc = -1;

	if (access(p, R_OK) != 0 && (f = fopen(p, "we")) != NULL) {
		fputs(text, f);
		if (fclose(f) != 0)
			unlink(p);
	}
	if (access(p, R_OK) != 0) {
		rc = 0;		/* a read-only archive: packs get deltas */
		goto out;
	}
	if (git_repository_config(&cfg, ar->repo) < 0 ||
	    git_config_add_file_ondisk(cfg, p, GIT_CONFIG_LEVEL_APP,
	    ar->repo, 0) < 0) {
		archive_git_err(ar, d, "cannot read the archive's settings");
		goto out;
	}
	rc = 0;
out:
	git_config_free(cfg);
	free(p);
	return rc;
}

int
archive_open(struct archive **out, struct diag *d, const char *path,
    const char *branch)
{
	struct archive *ar;
	struct buf ref = BUF_INIT;
	struct pos pos = { path, 0 };
	char *head;
	int valid = 0;

	git_libgit2_init();
	/* The default 4 KiB tree cache re-parses every big directory on each
	 * lookup (LIBRARIES.md, pitfall 2). */
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE,
	    (size_t)1 << 20);
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
	buf_printf(&ref, "refs/heads/%s", branch);
	if (git_reference_name_is_valid(&valid, ref.data) < 0 || !valid) {
		diag_err(d, &pos, "invalid archive branch name: %s", branch);
		buf_dispose(&ref);
		git_libgit2_shutdown();
		return -1;
	}
	ar = xcalloc(1, sizeof(*ar));
	ar->path = xstrdup(path);
	ar->branch = xstrdup(branch);
	ar->refname = buf_detach(&ref);
	head = join(path, "HEAD");
	if (access(head, F_OK) == 0) {
		if (git_repository_open_bare(&ar->repo, path) < 0) {
			archive_git_err(ar, d, "cannot open the archive");
			goto fail;
		}
	} else if (create_repo(&ar->repo, d, path, ar->refname) < 0)
		goto fail;
	if (pack_config(ar, d) < 0)
		goto fail;
	free(head);
	*out = ar;
	return 0;
fail:
	free(head);
	archive_free(ar);
	return -1;
}

void
archive_free(struct archive *ar)
{
	if (ar == NULL)
		return;
	git_repository_free(ar->repo);
	free(ar->path);
	free(ar->branch);
	free(ar->refname);
	free(ar);
	git_libgit2_shutdown();
}

void
archive_set_store(struct archive *ar, enum archive_store store)
{
	ar->store = store;
}

int
archive_build_time(long long *out, struct diag *d)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	struct pos pos = { "SOURCE_DATE_EPOCH", 0 };
	long long v = 0;
	const char *p;

	if (s == NULL || *s == '\0') {
		*out = (long long)time(NULL);
		return 0;
	}
	/* Digits only, at most year 9999: no sign, no spaces, no fraction. */
	for (p = s; *p != '\0'; p++) {
		if (!isdigit((unsigned char)*p) || v > 253402300799LL)
			break;
		v = v * 10 + (*p - '0');
	}
	if (*p != '\0' || v > 253402300799LL) {
		diag_err(d, &pos, "invalid SOURCE_DATE_EPOCH: %s (want seconds "
		    "since 1970 as a decimal integer)", s);
		return -1;
	}
	*out = v;
	return 0;
}

int
archive_tip(git_commit **out, struct archive *ar, struct diag *d)
{
	git_oid id;
	int rc;

	*out = NULL;
	rc = git_reference_name_to_id(&id, ar->repo, ar->refname);
	if (rc == GIT_ENOTFOUND)
		return 0;
	if (rc < 0)
		return archive_git_err(ar, d, "cannot read the archive branch");
	if (git_commit_lookup(out, ar->repo, &id) < 0)
		return archive_corrupt(ar, d, &id);
	return 0;
}

int
archive_head(char out[41], struct archive *ar, struct diag *d)
{
	git_commit *c;

	if (archive_tip(&c, ar, d) < 0)
		return -1;
	out[0] = '\0';
	if (c != NULL)
		git_oid_tostr(out, 41, git_commit_id(c));
	git_commit_free(c);
	return 0;
}

const char *
archive_md_body(const char *s, size_t len, size_t *blen)
{
	const char *p, *end = s + len;

	*blen = len;
	if (len < 4 || memcmp(s, "---\n", 4) != 0)
		return s;
	for (p = s + 4; p < end; p++) {
		if ((size_t)(end - p) >= 3 && memcmp(p, "---", 3) == 0 &&
		    (p + 3 == end || p[3] == '\n') && p[-1] == '\n') {
			p += 3;
			if (p < end)
				p++;
			*blen = (size_t)(end - p);
			return p;
		}
		if ((p = memchr(p, '\n', (size_t)(end - p))) == NULL)
			break;
	}
	return s;
}

const char *
archive_md_title(const char *s, size_t len, size_t *tlen)
{
	const char *p = s, *end, *nl;
	size_t blen;

	end = archive_md_body(s, len, &blen);
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if ((size_t)(nl - p) > 7 && memcmp(p, "title: ", 7) == 0) {
			*tlen = (size_t)(nl - p - 7);
			return p + 7;
		}
		p = nl + 1;
	}
	return NULL;
}

/* {==== what the history readers share (archive_hist.c, archive_msg.c,
 * archive_scan.c), here so that none of them needs another ===== */

int
archive_text_differs(const char *a, size_t alen, const char *b, size_t blen)
{
	const char *x, *y;
	size_t lx, ly, tx = 0, ty = 0;

	x = archive_md_title(a, alen, &tx);
	y = archive_md_title(b, blen, &ty);
	if ((x == NULL) != (y == NULL) || tx != ty ||
	    (x != NULL && memcmp(x, y, tx) != 0))
		return 1;
	x = archive_md_body(a, alen, &lx);
	y = archive_md_body(b, blen, &ly);
	return lx != ly || memcmp(x, y, lx) != 0;
}

void
archive_revs_free(struct archive_rev *v, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++)
		free(v[i].text);
	free(v);
}

void
archive_changes_free(struct archive_change *v, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++)
		archive_change_dispose(&v[i]);
	free(v);
}

void
archive_change_dispose(struct archive_change *c)
{
	strv_dispose(&c->added);
	strv_dispose(&c->changed);
	strv_dispose(&c->removed);
	strv_dispose(&c->added_titles);
	strv_dispose(&c->changed_titles);
	strv_dispose(&c->removed_titles);
}
