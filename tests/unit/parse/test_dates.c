/* test_dates.c: dates in news text and URLs. */
#include <string.h>

#include "parse/dates.h"
#include "harness.h"

static const char *
find(const char *s)
{
	static char out[11];

	if (dates_find(out, s, strlen(s)) == 0)
		return "none";
	return out;
}

static void
test_formats(void)
{
	CHECK_STR(find("March 05, 2019"), "2019-03-05");
	CHECK_STR(find("Posted Jan. 9 2020 at noon"), "2020-01-09");
	CHECK_STR(find("Sept 30th, 2018"), "2018-09-30");
	CHECK_STR(find("7 Nov 2017"), "2017-11-07");
	CHECK_STR(find("Tuesday, 14 October 2025, 08:10"), "2025-10-14");
	CHECK_STR(find("2024-06-30T10:00"), "2024-06-30");
	CHECK_STR(find("2023/04/02"), "2023-04-02");
	CHECK_STR(find("13-APR-1990 11:00:00.00"), "1990-04-13");
	CHECK_STR(find(" 2-jun-1991"), "1991-06-02");
	CHECK_STR(find("15.08.2022. 10:30h"), "2022-08-15");
	CHECK_STR(find("03/07/2010 09:15"), "2010-07-03");	/* day first */
	CHECK_STR(find("12 мая 2011 года"), "2011-05-12");
	CHECK_STR(find("1 декабря 2019"), "2019-12-01");
}

static void
test_not_dates(void)
{
	CHECK_STR(find("on Wednesday"), "none");
	CHECK_STR(find("March 5"), "none");		/* no year */
	CHECK_STR(find("5-6 March"), "none");
	CHECK_STR(find("revenue of 2,300 in 2004"), "none");
	CHECK_STR(find("February 31, 1800"), "none");	/* out of range */
	CHECK_STR(find("The maybe 12 2020 plan"), "none");
	CHECK_STR(find(""), "none");
}

static void
test_url(void)
{
	char out[11];

	CHECK(dates_from_url(out, "https://example.org/news/2020/03/09/a-b") ==
	    0);
	CHECK_STR(out, "2020-03-09");
	CHECK(dates_from_url(out, "https://example.org/2019/7/4/story") == 0);
	CHECK_STR(out, "2019-07-04");
	CHECK(dates_from_url(out, "https://example.org/world/2018/aug/21/x") ==
	    0);
	CHECK_STR(out, "2018-08-21");
	CHECK(dates_from_url(out, "https://example.org/story/12345/") < 0);
	CHECK(dates_from_url(out, "https://example.org/2019/13/40/x") < 0);
}

static void
test_month(void)
{
	size_t used;

	CHECK(dates_month("Dec.", 4, &used) == 12 && used == 4);
	CHECK(dates_month("october", 7, &used) == 10);
	CHECK(dates_month("Mayor", 5, &used) == 0);
	CHECK(dates_month("ма", strlen("ма"), &used) == 0);
}

int
main(void)
{
	test_formats();
	test_not_dates();
	test_url();
	test_month();
	return harness_done();
}
