/*
 * bench_archive.c: times one archive_commit() of a directory.
 *
 *   bench_archive REPO DIR [auto|loose|pack]
 *
 * prints `commit SECONDS committed=0|1`; bench_archive.sh drives it.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "archive.h"
#include "diag.h"

int
main(int argc, char **argv)
{
	struct archive_sig sig = { "Bench", "bench@example.org" };
	struct archive *ar = NULL;
	struct timespec t0, t1;
	struct diag d;
	int committed = 0, rc = 1;

	diag_init(&d, stderr);
	if (argc < 3) {
		fputs("usage: bench_archive REPO DIR [auto|loose|pack]\n",
		    stderr);
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (archive_open(&ar, &d, argv[1], "archive") < 0)
		goto out;
	if (argc > 3 && strcmp(argv[3], "loose") == 0)
		archive_set_store(ar, ARCHIVE_STORE_LOOSE);
	else if (argc > 3 && strcmp(argv[3], "pack") == 0)
		archive_set_store(ar, ARCHIVE_STORE_PACK);
	if (archive_commit(&committed, ar, &d, argv[2], &sig,
	    1700000000LL + (long long)time(NULL) % 100000) < 0)
		goto out;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("commit %.3f committed=%d\n", (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, committed);
	rc = 0;
out:
	archive_free(ar);
	return rc;
}
