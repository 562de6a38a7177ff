/* test_outlet.c: a page's outlet from its URL and its text (outlet.c).
 * The hosts are made up: the rule knows no site. */
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "core/buf.h"
#include "harness.h"
#include "parse/outlet.h"

static void
test_host(void)
{
	char *h;

	CHECK(outlet_host(&h, "https://www.harbourgazette.test/2021/a") == 0);
	CHECK_STR(h, "harbourgazette.test");
	free(h);
	CHECK(outlet_host(&h, "http://user@M.Ridge-News.test:8080/x") == 0);
	CHECK_STR(h, "ridge-news.test");
	free(h);
	CHECK(outlet_host(&h, "https://amp.valleypost.test?q=1") == 0);
	CHECK_STR(h, "valleypost.test");
	free(h);
	CHECK(outlet_host(&h, "no scheme here") == -1 && h == NULL);
	CHECK(outlet_host(&h, "https://localhost/x") == -1);
	CHECK(outlet_host(&h, "https:///path") == -1);
	CHECK(outlet_host(&h, "https://bad_host.test/") == -1);
}

static void
test_label(void)
{
	char l[64];

	CHECK(outlet_host_label(l, sizeof(l), "harbourgazette.test") == 0);
	CHECK_STR(l, "harbourgazette");
	CHECK(outlet_host_label(l, sizeof(l), "news.ridgeweekly.test") == 0);
	CHECK_STR(l, "ridgeweekly");
	/* A top level the list does not have is one label long. */
	CHECK(outlet_host_label(l, sizeof(l), "co.test") == 0);
	CHECK_STR(l, "co");
	CHECK(outlet_host_label(l, sizeof(l), "nodot") == -1);
	CHECK(outlet_host_label(l, 4, "harbourgazette.test") == -1);
	if (access(OUTLET_PSL, R_OK) != 0) {
		harness_skip("%s is not installed (publicsuffix)", OUTLET_PSL);
		return;
	}
	/* Under a country's second level, by the public suffix list. */
	CHECK(outlet_host_label(l, sizeof(l), "news.tidesheet.co.uk") == 0);
	CHECK_STR(l, "tidesheet");
	CHECK(outlet_host_label(l, sizeof(l), "ab.com.tr") == 0);
	CHECK_STR(l, "ab");
	/* A host that is a public suffix has no label of its own. */
	CHECK(outlet_host_label(l, sizeof(l), "co.uk") == -1);
	/* A wildcard rule and its exception ("*.ck", "!www.ck"). */
	CHECK(outlet_host_label(l, sizeof(l), "site.tidal.ck") == 0);
	CHECK_STR(l, "site");
	CHECK(outlet_host_label(l, sizeof(l), "www.ck") == 0);
	CHECK_STR(l, "www");
}

static void
test_spells(void)
{
	CHECK(outlet_spells("The Harbour Gazette", 19, "theharbourgazette"));
	CHECK(outlet_spells("Harbour Gazette", 15, "theharbourgazette"));
	CHECK(outlet_spells("The Harbour Gazette", 19, "harbourgazette"));
	CHECK(outlet_spells("Channel 24", 10, "channel24"));
	CHECK(!outlet_spells("Harbour", 7, "harbourgazette"));
	CHECK(!outlet_spells("Ha\xc3\xa9", 4, "ha"));
	CHECK(!outlet_spells("", 0, "x"));
}

static void
test_of_url(void)
{
	static const char page[] = "Ferry timetable changes\n\nThe council "
	    "said on Monday that the winter timetable starts in May.\n\n"
	    "\xc2\xa9 2021 The Harbour Gazette. All rights reserved.\n";
	static const struct {
		const char	*url, *text, *want;
	} cases[] = {
		{ "https://www.theharbourgazette.test/a", page,
		    "The Harbour Gazette" },
		/* The host without "the" still finds the name with it. */
		{ "https://harbourgazette.test/a", page, "The Harbour Gazette" },
		/* Nothing in the text spells it, and no words cut it: the
		 * host names the outlet. */
		{ "https://www.vlypst.test/a", page, "vlypst.test" },
		/* Lower-case words and parts of longer words are no name. */
		{ "https://thecouncilx.test/a", page, "thecouncilx.test" },
		{ "https://arbourx.test/a", "Harbourside news\n", "arbourx.test" },
		{ "https://harbourgazette.test/a", NULL, "harbourgazette.test" },
		{ "not a url", page, NULL },
	};
	char *o;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		o = outlet_of_url(cases[i].url, cases[i].text);
		if (cases[i].want == NULL)
			CHECK(o == NULL);
		else
			CHECK_STR(o, cases[i].want);
		free(o);
	}
}

/* Hosts cut into the word list's words (skipped without the list). */
static void
test_segment(void)
{
	static const struct {
		const char	*label, *want;
	} cases[] = {
		{ "thevalleytimes", "The Valley Times" },
		{ "ridgeweekly", "Ridge Weekly" },
		{ "channel24", "Channel 24" },
		{ "24hours", "24 Hours" },
		{ "valley", "Valley" },
		{ "vlypst", NULL },	/* no words */
		{ "a24b", NULL },	/* words under three letters */
		{ "", NULL },
	};
	struct buf b = BUF_INIT;
	char *o;
	size_t i;

	if (access(OUTLET_DICT, R_OK) != 0) {
		harness_skip("%s is not installed (wamerican)", OUTLET_DICT);
		return;
	}
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_reset(&b);
		if (cases[i].want == NULL)
			CHECK(outlet_segment(&b, cases[i].label) == -1);
		else {
			CHECK(outlet_segment(&b, cases[i].label) == 0);
			CHECK_STR(b.data, cases[i].want);
		}
	}
	buf_dispose(&b);
	/* A page that does not name its site: the host's words do. */
	o = outlet_of_url("https://www.thevalleytimes.test/2021/a",
	    "A story\n\nThe ferry sails again.\n");
	CHECK_STR(o, "The Valley Times");
	free(o);
}

int
main(void)
{
	test_host();
	test_label();
	test_spells();
	test_of_url();
	test_segment();
	return harness_done();
}
