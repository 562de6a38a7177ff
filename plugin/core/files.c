/*
 * files.c: directories for files written outside the build's output
 * (files.h).
 */
#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>
#include <string.h>

#include "core/buf.h"
#include "core/files.h"

int
files_make_parents(struct diag *d, const char *path)
{
	struct buf dir = BUF_INIT;
	const char *p;
	int rc = 0;

	for (p = strchr(path + 1, '/'); p != NULL && rc == 0;
	    p = strchr(p + 1, '/')) {
		buf_reset(&dir);
		buf_put(&dir, path, (size_t)(p - path));
		if (mkdir(dir.data, 0777) < 0 && errno != EEXIST) {
			diag_err(d, &(struct pos){ dir.data, 0 },
			    "cannot create this directory: %s",
			    strerror(errno));
			rc = -1;
		}
	}
	buf_dispose(&dir);
	return rc;
}

int
files_dir_state(struct diag *d, const char *dir)
{
	struct dirent *e;
	DIR *dp;
	int full = 0;

	if (mkdir(dir, 0777) == 0)
		return 0;
	if (errno != EEXIST || (dp = opendir(dir)) == NULL) {
		diag_err(d, &(struct pos){ dir, 0 }, "cannot create this "
		    "directory: %s", strerror(errno == EEXIST ? ENOTDIR :
		    errno));
		return -1;
	}
	while (!full && (e = readdir(dp)) != NULL)
		full = strcmp(e->d_name, ".") != 0 &&
		    strcmp(e->d_name, "..") != 0;
	closedir(dp);
	return full;
}
