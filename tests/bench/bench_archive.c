/*
 * bench_archive.c: times one archive_commit() of a directory.
 *
 *   bench_archive REPO DIR [auto|loose|pack [NEW]]
 *
 * prints `commit SECONDS committed=0|1 fast=0|1`; bench_archive.sh
 * drives it. With NEW (a complete new output written beside DIR), NEW
 * first replaces DIR as a build does (outdir_commit(), timed apart as
 * `outdir SECONDS`), and the commit is given the list of what changed.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "archive/archive.h"
#include "core/diag.h"
#include "render/outdir.h"

static double
since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	    (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

int
main(int argc, char **argv)
{
	struct archive_sig sig = { "Bench", "bench@example.org" };
	struct archive *ar = NULL;
	struct outdir_changes ch = { STRV_INIT, 0, { 0, 0 }, 0, 0 };
	struct outdir o = { argv[2], argc > 4 ? argv[4] : NULL, &ch };
	struct timespec t0;
	struct diag d;
	double od = 0;
	int committed = 0, fast = 0, rc = 1;

	diag_init(&d, stderr);
	if (argc < 3) {
		fputs("usage: bench_archive REPO DIR [auto|loose|pack]\n",
		    stderr);
		return 2;
	}
	if (o.tmp != NULL) {
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (outdir_commit(&o, &d, NULL) < 0)
			goto out;
		od = since(&t0);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (archive_open(&ar, &d, argv[1], "archive") < 0)
		goto out;
	if (argc > 3 && strcmp(argv[3], "loose") == 0)
		archive_set_store(ar, ARCHIVE_STORE_LOOSE);
	else if (argc > 3 && strcmp(argv[3], "pack") == 0)
		archive_set_store(ar, ARCHIVE_STORE_PACK);
	if (archive_commit_changes(&committed, ar, &d, argv[2],
	    o.tmp != NULL ? &ch : NULL, &fast, &sig,
	    1700000000LL + (long long)time(NULL) % 100000) < 0)
		goto out;
	printf("commit %.3f committed=%d fast=%d", since(&t0), committed,
	    fast);
	if (o.tmp != NULL)
		printf(" outdir %.3f", od);
	printf("\n");
	rc = 0;
out:
	outdir_changes_dispose(&ch);
	archive_free(ar);
	return rc;
}
