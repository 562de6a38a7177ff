/* test_buf.c: the string buffer and vector. */
#include <stdlib.h>
#include <string.h>

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

int
main(void)
{
	test_buf_grows_and_detaches();
	test_strv_sorts_bytewise();
	return harness_done();
}
