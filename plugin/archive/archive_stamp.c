/*
 * archive_stamp.c: the output's stamp (REPO/morgue-output), which lets a
 * commit trust the build's list of changes instead of reading the whole
 * output directory (commit_int.h).
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "archive/commit_int.h"
#include "render/outdir.h"
#include "core/xalloc.h"

#define STAMP_NAME		"morgue-output"
#define STAMP_MAGIC		"morgue-output 1"

/* {==== the output's stamp ===== */

/*
 * REPO/morgue-output says "STAMP_MAGIC TREE SEC NSEC DEV INO": a commit
 * that began at SEC.NSEC (the change time of a file it created then, so
 * the same clock as the output's ctimes) left the output directory DEV
 * INO as TREE. An entry of that directory whose ctime is not later was
 * as TREE has it.
 */
static char *
stamp_path(const struct commit_scan *s, const char *suffix)
{
	struct buf p = BUF_INIT;

	buf_printf(&p, "%s/%s%s", s->ar->path, STAMP_NAME, suffix);
	return buf_detach(&p);
}

/*
 * Marks when this commit began, in *t; 0 when it cannot tell. File times
 * come from a clock that ticks every few milliseconds: the mark waits
 * for the next tick, so that whatever changes the output after it (a
 * hand edit once the commit is done) has a later ctime.
 */
int
archive_stamp_begin(struct commit_scan *s, struct timespec *t)
{
	char *path = stamp_path(s, ".new");
	struct timespec nap = { 0, 1000000 };
	struct stat st;
	int fd, i, ok = 0;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666))
	    != -1 && fstat(fd, &st) == 0) {
		*t = st.st_ctim;
		for (i = 0; i < 1000 && !ok; i++) {
			if (futimens(fd, NULL) < 0 || fstat(fd, &st) < 0)
				break;
			ok = st.st_ctim.tv_sec > t->tv_sec ||
			    (st.st_ctim.tv_sec == t->tv_sec &&
			    st.st_ctim.tv_nsec > t->tv_nsec);
			if (!ok)
				nanosleep(&nap, NULL);
		}
	}
	if (fd != -1)
		close(fd);
	free(path);
	return ok;
}

/* Whether the stamp trusts ch as the change from the tree of parent. */
int
archive_stamp_trusts(struct commit_scan *s, const git_oid *tree,
    const struct outdir_changes *ch)
{
	char *path = stamp_path(s, ""), line[160], want[GIT_OID_HEXSZ + 1];
	long long sec, nsec;
	unsigned long long dev, ino;
	int ok = 0, off = 0;
	FILE *f;

	if (ch == NULL || !ch->known || (f = fopen(path, "re")) == NULL) {
		free(path);
		return 0;
	}
	git_oid_tostr(want, sizeof(want), tree);
	if (fgets(line, sizeof(line), f) != NULL &&
	    strncmp(line, STAMP_MAGIC " ", sizeof(STAMP_MAGIC)) == 0 &&
	    strncmp(line + sizeof(STAMP_MAGIC), want, GIT_OID_HEXSZ) == 0 &&
	    sscanf(line + sizeof(STAMP_MAGIC) + GIT_OID_HEXSZ,
	    " %lld %lld %llu %llu%n", &sec, &nsec, &dev, &ino, &off) == 4 &&
	    off > 0 && dev == (unsigned long long)ch->dev &&
	    ino == (unsigned long long)ch->ino)
		ok = ch->newest.tv_sec < sec || (ch->newest.tv_sec == sec &&
		    ch->newest.tv_nsec <= nsec);
	fclose(f);
	free(path);
	return ok;
}

/* Records that the output directory is now tree, as of the commit's
 * start t (or forgets the stamp when t is NULL or it cannot be
 * written). */
void
archive_stamp_save(struct commit_scan *s, const git_oid *tree,
    const struct timespec *t)
{
	char *path = stamp_path(s, ""), *tmp = stamp_path(s, ".new");
	char hex[GIT_OID_HEXSZ + 1];
	struct stat st;
	FILE *f;
	int ok = 0;

	if (t != NULL && lstat(s->dir, &st) == 0 &&
	    (f = fopen(tmp, "we")) != NULL) {
		fprintf(f, "%s %s %lld %lld %llu %llu\n", STAMP_MAGIC,
		    git_oid_tostr(hex, sizeof(hex), tree),
		    (long long)t->tv_sec, (long long)t->tv_nsec,
		    (unsigned long long)st.st_dev,
		    (unsigned long long)st.st_ino);
		ok = fclose(f) == 0 && rename(tmp, path) == 0;
	}
	if (!ok) {
		unlink(tmp);
		unlink(path);
	}
	free(tmp);
	free(path);
}
