/*
 * builtin.c: looking up and writing out the built-in files (builtin.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/builtin.h"
#include "core/files.h"

const struct builtin_file *
builtin_find(const char *name)
{
	const struct builtin_file *f;

	for (f = builtin_files; f->name != NULL; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

/* Writes f to path unless path exists. 1 written, 0 kept, -1 failed. */
static int
write_one(struct diag *d, const struct builtin_file *f, const char *path)
{
	size_t off = 0;
	ssize_t n;
	int fd;

	if (files_make_parents(d, path) < 0)
		return -1;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0666);
	if (fd < 0 && errno == EEXIST)
		return 0;
	if (fd < 0)
		goto fail;
	while (off < f->len) {
		if ((n = write(fd, f->data + off, f->len - off)) < 0) {
			close(fd);
			goto fail;
		}
		off += (size_t)n;
	}
	if (close(fd) < 0)
		goto fail;
	return 1;
fail:
	diag_err(d, &(struct pos){ path, 0 }, "cannot write: %s",
	    strerror(errno));
	return -1;
}

int
builtin_copy_out(struct diag *d, const char *prefix, const char *root)
{
	const struct builtin_file *f;
	struct buf path = BUF_INIT;
	size_t k = strlen(prefix);
	int n = 0, rc;

	for (f = builtin_files; f->name != NULL; f++) {
		if (strncmp(f->name, prefix, k) != 0)
			continue;
		buf_reset(&path);
		buf_printf(&path, "%s/%s", root, f->name + k);
		if ((rc = write_one(d, f, path.data)) < 0) {
			n = -1;
			break;
		}
		n += rc;
	}
	buf_dispose(&path);
	return n;
}
