/* test_buf.c: the string buffer and vector. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "harness.h"

static void
test_buf_grows_and_detaches(void)
{
	struct buf b = BUF_INIT;
	char *s;
	int i;

	CHECK_STR(b.data, "");
	for (i = 0; i < 1000; i++)
		BUF_PUTSL(&b, "ab");
	CHECK(b.len == 2000);
	CHECK(b.data[b.len] == '\0');
	buf_put(&b, "x\0y", 3);
	CHECK(b.len == 2003 && b.data[2002] == 'y');
	buf_reset(&b);
	buf_printf(&b, "%d-%s", 42, "z");
	CHECK_STR(b.data, "42-z");
	s = buf_detach(&b);
	CHECK_STR(s, "42-z");
	CHECK_STR(b.data, "");
	free(s);
	buf_dispose(&b);
}

static void
test_strv_sorts_bytewise(void)
{
	struct strv sv = STRV_INIT;

	strv_push(&sv, "b");
	strv_push(&sv, "B");
	strv_pushn(&sv, "abc", 1);
	strv_sort(&sv);
	CHECK(sv.n == 3);
	CHECK_STR(sv.v[0], "B");
	CHECK_STR(sv.v[1], "a");
	CHECK(strv_find(&sv, "b") == 2);
	CHECK(strv_find(&sv, "c") == -1);
	strv_dispose(&sv);
}

/* A pipe's bytes come whole, past the buffer's first growth and with a
 * NUL among them; max stops the reading; a closed descriptor is an
 * error. */
static void
test_buf_reads_a_descriptor(void)
{
	struct buf b = BUF_INIT;
	char big[40000];
	int p[2];

	memset(big, 'w', sizeof(big));
	big[100] = '\0';
	CHECK(pipe(p) == 0);
	CHECK(write(p[1], big, sizeof(big)) == (ssize_t)sizeof(big));
	close(p[1]);
	CHECK(buf_read_fd(&b, p[0], SIZE_MAX) == 0);
	CHECK(b.len == sizeof(big) && memcmp(b.data, big, sizeof(big)) == 0);
	CHECK(b.data[b.len] == '\0');
	close(p[0]);

	buf_reset(&b);
	CHECK(pipe(p) == 0);
	CHECK(write(p[1], big, sizeof(big)) == (ssize_t)sizeof(big));
	close(p[1]);
	CHECK(buf_read_fd(&b, p[0], 1000) == 1);
	CHECK(b.len >= 1000 && b.len <= sizeof(big));
	close(p[0]);

	CHECK(buf_read_fd(&b, p[0], SIZE_MAX) == -1 && errno == EBADF);
	buf_dispose(&b);
}

int
main(void)
{
	test_buf_grows_and_detaches();
	test_strv_sorts_bytewise();
	test_buf_reads_a_descriptor();
	return harness_done();
}
