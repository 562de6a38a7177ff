/* test_extract.c: the rules that judge one line of news text. */
#include <stdlib.h>
#include <string.h>

#include "parse/extract.h"
#include "harness.h"
#include "core/buf.h"
#include "core/xalloc.h"

static void
test_boilerplate(void)
{
	CHECK(extract_is_boilerplate("Related article: <u>Snow in May</u>"));
	CHECK(extract_is_boilerplate("Share it"));
	CHECK(extract_is_boilerplate("Advertisement"));
	CHECK(extract_is_boilerplate("source site-7"));
	CHECK(extract_is_boilerplate("How the river moved Read more"));
	CHECK(extract_is_boilerplate("#HARBOUR"));
	CHECK(extract_is_boilerplate("We use cookies to improve this site."));
	CHECK(extract_is_boilerplate("\xc2\xa9 Hill Times Media 2019"));
	CHECK(extract_is_boilerplate("Facebook  Twitter  Email"));
	CHECK(extract_is_boilerplate("Subscribe to our morning briefing"));
	CHECK(!extract_is_boilerplate("The council shared its plan."));
	CHECK(!extract_is_boilerplate("# A Markdown heading"));
	CHECK(!extract_is_boilerplate("Readers wrote in to complain about "
	    "the cookies sold at the fair, which the council banned after "
	    "a long debate in the town hall that lasted into the night "
	    "and ended with a narrow vote."));
}

static void
test_markers(void)
{
	CHECK(extract_is_end_marker("Next Story"));
	CHECK(extract_is_end_marker("Next Post"));
	CHECK(extract_is_end_marker("Leave a Reply"));
	CHECK(!extract_is_end_marker("Next Storyteller festival opens"));
	CHECK(extract_is_teaser_marker("Related stories"));
	CHECK(extract_is_teaser_marker("Read also"));
	CHECK(!extract_is_teaser_marker("Read also the small print, she said,"
	    " before you sign anything at all."));
}

static void
test_captions(void)
{
	CHECK(extract_is_caption("A ferry docks at dawn. EPA / ANSA"));
	CHECK(extract_is_caption("\xc2\xa9 Lea Brandt/AP/dpa"));
	CHECK(extract_is_caption("Photo: Kim Oduya"));
	CHECK(extract_is_caption("Crowds at the gate. Photograph: J Roe/AFP"));
	CHECK(extract_is_caption("2 of 9. Firefighters at the mill."));
	CHECK(extract_is_caption("A dog waits (Pat Ng/Unsplash)"));
	CHECK(extract_is_caption("A child reads by the window. photo"));
	CHECK(!extract_is_caption("Ana Ruiz (Dinner Party, BBC Four)"));
	CHECK(!extract_is_caption("The mayor said photos would follow."));
	CHECK(extract_is_caption("A cross-section of the new hull, with the "
	    "pumps at the stern. Credit: Harbour Board"));
	CHECK(extract_is_caption("Le quai au matin. Cr\xc3\xa9" "dit : Ana "
	    "Ruiz"));
	/* A credit is a name, not another sentence. */
	CHECK(!extract_is_caption("The pumps were new. Credit: the board "
	    "says the old ones had failed twice in the last winter."));
}

static void
test_credits(void)
{
	CHECK(extract_is_credit("(Reporting by Ivo Pax; Editing by Al Ng)"));
	CHECK(extract_is_credit("Edited By: Dana Ruiz"));
	CHECK(extract_is_credit("Lee Park contributed to this report."));
	CHECK(!extract_is_credit("Reporters were kept outside."));
}

static void
test_shapes(void)
{
	char *h;

	CHECK(extract_is_prose("The bridge will reopen on Monday, the city "
	    "engineer said."));
	CHECK(!extract_is_prose("Bridge reopens on Monday"));
	CHECK(!extract_is_prose("Short one."));
	CHECK(extract_is_subhead_shape("River crossing"));
	CHECK(extract_is_subhead_shape("WHAT COMES NEXT"));
	CHECK(extract_is_subhead_shape("Is the dam safe?"));
	CHECK(extract_is_subhead_shape("... and trains"));
	CHECK(!extract_is_subhead_shape("river crossing"));
	CHECK(!extract_is_subhead_shape("It ended."));
	CHECK(!extract_is_subhead_shape("Drama - The Long Road"));
	CHECK(!extract_is_subhead_shape("Mar 3, 2021 10:00"));
	CHECK(!extract_is_subhead_shape("This line has far too many words to "
	    "be a heading"));
	CHECK(extract_is_teaser_shape("Five ways to keep warm on a night "
	    "train"));
	CHECK(!extract_is_teaser_shape("Five ways to keep warm on a train."));
	CHECK(!extract_is_teaser_shape("Warm trains"));
	h = extract_afp_subhead("- Harbour talks -");
	CHECK_STR(h, "Harbour talks");
	free(h);
	CHECK(extract_afp_subhead("- a list item") == NULL);
}

static void
test_url(void)
{
	char *u;

	u = extract_url("https://news.example.org/2020/05/01/big-river -flood");
	CHECK_STR(u, "https://news.example.org/2020/05/01/big-river-flood");
	free(u);
	u = extract_url("http://example.org/a");
	CHECK_STR(u, "http://example.org/a");
	free(u);
	CHECK(extract_url("See http://example.org for more") == NULL);
	CHECK(extract_url("https://example.org and Then more words here") ==
	    NULL);
}

static void
test_words_and_wrap(void)
{
	CHECK(extract_words("one two  three") == 3);
	CHECK(extract_words("") == 0);
	CHECK(extract_words("\xe6\xb0\xb4\xe6\xb0\xb4\xe6\xb0\xb4\xe6\xb0\xb4")
	    == 2);
	/* Exact up to max, above max past it. */
	CHECK(extract_words_max("one two  three", 3) == 3);
	CHECK(extract_words_max("one two  three", 5) == 3);
	CHECK(extract_words_max("one two  three four", 2) > 2);
	CHECK(extract_words_max("a \xe6\xb0\xb4\xe6\xb0\xb4\xe6\xb0\xb4"
	    "\xe6\xb0\xb4 b", 2) > 2);
	CHECK(extract_words_max("", 0) == 0);
	/* Long runs of ASCII, tabs, and UTF-8 between them. */
	CHECK(extract_words("alpha\tbeta  gamma delta epsilon zeta eta theta "
	    "iota kappa") == 10);
	CHECK(extract_words("Zeitung f\xc3\xbcr Stra\xc3\x9f" "enbahnen "
	    "und \xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0 "
	    "heute") == 6);
	CHECK(extract_words("        leading spaces and trailing        ") == 4);
	/* Texts longer than the window read at a time, of lengths at and
	 * around its multiples, words cut at every offset. */
	{
		char big[3000];
		size_t len, i, want;

		for (len = 500; len < sizeof(big); len += 97) {
			for (i = 0, want = 0; i < len; i++) {
				big[i] = i % 4 == 3 ? ' ' : 'w';
				want += i % 4 == 0;
			}
			big[len] = '\0';
			CHECK(extract_words(big) == want);
			CHECK(extract_words_max(big, 10) > 10);
		}
		for (len = 1020; len <= 1028; len++) {
			memset(big, 'w', len);
			big[len] = '\0';
			big[len - 1] = ' ';
			CHECK(extract_words(big) == 1);
			big[len - 2] = ' ';
			big[len - 1] = 'x';
			CHECK(extract_words(big) == 2);
		}
	}
	CHECK(extract_is_wrapped(
	    "The harbour board met on Tuesday to discuss the\n"
	    "dredging of the eastern channel, which has silted\n"
	    "up since the storms of last winter, officials said.\n"
	    "    Work could begin in the spring if funds are\n"
	    "found, the board chairman told reporters.\n"));
	CHECK(!extract_is_wrapped("Title\n\nOne long paragraph on one line "
	    "that goes on and on and on and on and on and on and on and on "
	    "and on and on and on and on and on and on and on and on.\n"));
}

static void
test_nav_and_masthead(void)
{
	CHECK(extract_is_nav_bar("Home | News | Sport | Weather"));
	CHECK(extract_is_nav_bar("Wire | World | Europe"));
	CHECK(extract_is_nav_bar("Home | Local News | Arts and Culture"));
	CHECK(!extract_is_nav_bar("Dock strike spreads to three ports | "
	    "Business | Daily Planet"));
	CHECK(!extract_is_nav_bar("News | Sport"));
	CHECK(!extract_is_nav_bar("Yes | no. | Maybe"));
	CHECK(!extract_is_nav_bar("A plain line of text"));
	CHECK(extract_is_masthead("The Daily Planet") == 2);
	CHECK(extract_is_masthead("Harbour Watch") == 1);
	CHECK(extract_is_masthead("HARBOUR GAZETTE") == 2);
	CHECK(extract_is_masthead("The Norbay Evening Post") == 2);
	CHECK(extract_is_masthead("Gazette of the North") == 1);
	CHECK(!extract_is_masthead("Ferry strike ends after talks"));
	CHECK(!extract_is_masthead("The Daily Planet Weekly News Edition Two"));
	CHECK(!extract_is_masthead("Ferries Return, Strike Ends"));
	CHECK(!extract_is_masthead("Top 10 Ferries"));
}

static void
test_credit_captions(void)
{
	/* A credit after the caption sentence: a sign, a name, an agency. */
	CHECK(extract_is_caption("Ferries wait at the quay. \xc2\xa9 Ida "
	    "Holm/NP"));
	CHECK(extract_is_caption("Ferries wait at the quay. Photo: Ida Holm "
	    "/ Harbour Gazette"));
	CHECK(!extract_is_caption("The fare rose by 5 per cent. \xc2\xa9 is "
	    "a sign/symbol."));
}

static void
test_labelled_url(void)
{
	char *u;
	int j;

	u = extract_labelled_url("Original article: https://news.example/"
	    "wire/ferries-return-after-", "strike-ends", &j);
	CHECK_STR(u, "https://news.example/wire/ferries-return-after-"
	    "strike-ends");
	CHECK(j == 1);
	free(u);
	u = extract_labelled_url("Read it at: https://news.example/a",
	    "The next paragraph starts here.", &j);
	CHECK_STR(u, "https://news.example/a");
	CHECK(j == 0);
	free(u);
	u = extract_labelled_url("https://news.example/b-", NULL, &j);
	CHECK_STR(u, "https://news.example/b-");
	CHECK(j == 0);
	free(u);
	CHECK(extract_labelled_url("He said the page at: https://x.example "
	    "was down for hours on end", NULL, &j) == NULL);
	CHECK_STR(extract_source_line("Source: Harbour Gazette"),
	    "Harbour Gazette");
	CHECK(extract_source_line("Source: officials said it was fine.") ==
	    NULL);
	CHECK(extract_source_line("Sources: Harbour Gazette") == NULL);
}

/* A page saved from an outlet's site, one paragraph per line, written
 * for this test: masthead, nav bar, headline twice, staff byline, a
 * title-case dateline, a credited caption, a subhead, a source line. */
static const char outlet_page[] =
    "Harbour Gazette\n"
    "Home | Port | Weather\n"
    "Ferries return to the north quay after strike ends\n"
    "Ferries return to the north quay after strike ends\n"
    "IDA HOLM, Staff Reporter\n"
    "May 4, 2024\n"
    "Norbay \xe2\x80\x93 Ferries sailed from the north quay on Saturday for the "
    "first time in a week, after the crews' union accepted a pay offer.\n"
    "The first boat left at six, half full, the harbour master said.\n"
    "A ferry leaves the north quay. \xc2\xa9 Ida Holm/NP\n"
    "What the crews won\n"
    "The crews will get a rise of four per cent this year and three "
    "next year, the union said on Friday.\n"
    "Source: Harbour Gazette\n";

static void
test_outlet_page(void)
{
	struct article *ap = xcalloc(1, sizeof(*ap)), a;

	extract_article(ap, outlet_page, 0, 1);
	a = *ap;
	CHECK_STR(a.title, "Ferries return to the north quay after strike "
	    "ends");
	CHECK_STR(a.source, "Harbour Gazette");
	CHECK(a.authors.n == 1 && strcmp(a.authors.v[0], "IDA HOLM") == 0);
	CHECK_STR(a.date, "2024-05-04");
	CHECK_STR(a.dateline, "Norbay");
	CHECK(a.subheads.n == 1 &&
	    strcmp(a.subheads.v[0], "What the crews won") == 0);
	CHECK(a.captions.n == 1);
	CHECK(a.paragraphs.n == 3 && strncmp(a.paragraphs.v[0], "Ferries "
	    "sailed", 14) == 0);
	article_free(ap);
}

/* A wire story: headline, then the place in capitals and the date in
 * figures on a line of their own; the place is the dateline. A date
 * line with words after the date names none. */
static void
test_wire_dateline(void)
{
	static const char *const pages[][2] = {
		{ "SAILING - NORBAY CREWS WIN PAY RISE.\n\n"
		  "NORBAY 1996-08-30\n\n"
		  "Ferry crews in Norbay accepted a pay offer on Friday "
		  "after a strike of a week, their union said.\n", "NORBAY" },
		{ "Crews win pay rise\n\nST. ORLA, Wend 1996-08-30\n\n"
		  "Ferry crews accepted a pay offer on Friday after a "
		  "strike of a week, their union said.\n", "ST. ORLA" },
		{ "Crews win pay rise\n\nNORBAY 1996-08-30 noon\n\n"
		  "Ferry crews accepted a pay offer on Friday after a "
		  "strike of a week, their union said.\n", NULL },
	};
	size_t i;

	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		struct article *a = xcalloc(1, sizeof(*a));

		extract_article(a, pages[i][0], 0, 1);
		CHECK_STR(a->date, "1996-08-30");
		if (pages[i][1] == NULL)
			CHECK(a->dateline == NULL);
		else
			CHECK_STR(a->dateline, pages[i][1]);
		article_free(a);
	}
}

static void
test_flat_last_line(void)
{
	struct article *a = xcalloc(1, sizeof(*a));

	/* One paragraph per line: a short last line that is no sentence
	 * is no teaser for that alone. */
	extract_article(a, "Cranes return to the quay\n"
	    "Two cranes were lifted back onto the quay on Friday, the port "
	    "authority said.\n"
	    "The work took four days and closed one berth, officials said.\n"
	    "Overlong and cut words here in a line\n", 0, 1);
	CHECK(a->paragraphs.n == 3);
	CHECK(a->boilerplate.n == 0);
	article_free(a);
}

/* A header under the first line first: a deck or headline, a byline, a
 * date, then the story. */
static struct article *
under_first_line(const char *first)
{
	struct article *a = xcalloc(1, sizeof(*a));
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s\n"
	    "Crews accept a rise of four per cent after a week of talks\n"
	    "By Ida Holm\n"
	    "May 4, 2024\n"
	    "Ferries sailed from the north quay on Saturday for the first "
	    "time in a week, the harbour master said.\n"
	    "The first boat left at six, half full, the crews' union said.\n",
	    first);
	extract_article(a, b.data, 0, 1);
	buf_dispose(&b);
	return a;
}

static void
test_short_headline_kept(void)
{
	/* A short title-case headline above its deck is no masthead. */
	struct article *a = under_first_line("Ferry Strike Ends");

	CHECK_STR(a->title, "Ferry Strike Ends");
	CHECK(a->source == NULL);
	article_free(a);
	/* A name that says how often it comes out is the outlet's, and
	 * the line under it the headline. */
	a = under_first_line("The Weekly Norbay");
	CHECK_STR(a->title,
	    "Crews accept a rise of four per cent after a week of talks");
	CHECK_STR(a->source, "The Weekly Norbay");
	article_free(a);
}

/* A web page whose story is a table: the rows are its body, the menus
 * and the other stories' cards are not. */
static void
test_web_table(void)
{
	struct article *a = xcalloc(1, sizeof(*a));
	struct buf b = BUF_INIT;
	int i;

	buf_puts(&b, "Home\nNews\nSport\nWeather\nJobs\nContact\n"
	    "Rowing League Table\nMonday, 3 March 2031\n");
	for (i = 1; i <= 8; i++)
		buf_printf(&b, "%d\tCrew %c\t%d\t%d\n", i, 'A' + i - 1,
		    100 - i * 7, 9 - i);
	buf_puts(&b, "About us\nAdvertise\n"
	    "Council Votes On New Harbour BudgetThe council voted on "
	    "Tuesday to spend more on the harbour walls.\n"
	    "\xc2\xa9 2031 The Harbour Weekly. All rights reserved.\n");
	extract_article(a, b.data, EXTRACT_WEB, 1);
	CHECK(a->paragraphs.n == 8);
	CHECK(a->paragraphs.n > 0 && strncmp(a->paragraphs.v[0], "1\tCrew A",
	    8) == 0);
	article_free(a);
	buf_dispose(&b);
}

/* A label over every box of a web page is no subhead of the story. */
static void
test_web_repeated_label(void)
{
	struct article *a = xcalloc(1, sizeof(*a));
	struct buf b = BUF_INIT;
	size_t i;
	int k, seen = 0;

	buf_puts(&b, "Home\nNews\nSport\nWeather\nJobs\nContact\n"
	    "Ten Ways To Keep A Boat Dry\n");
	for (k = 1; k <= 3; k++)
		buf_printf(&b, "Summary\nThe %s way to keep a boat dry is to "
		    "check the hull after every trip, since small cracks let "
		    "in more water than most owners would think, and to dry "
		    "the bilge before the winter comes.\n",
		    k == 1 ? "first" : k == 2 ? "second" : "third");
	buf_puts(&b, "About us\nAdvertise\n"
	    "\xc2\xa9 2031 The Harbour Weekly. All rights reserved.\n");
	extract_article(a, b.data, EXTRACT_WEB, 1);
	CHECK(a->paragraphs.n == 3);
	for (i = 0; i < a->subheads.n; i++)
		seen |= strcmp(a->subheads.v[i], "Summary") == 0;
	for (i = 0; i < a->paragraphs.n; i++)
		seen |= strcmp(a->paragraphs.v[i], "Summary") == 0;
	CHECK(!seen);
	article_free(a);
	buf_dispose(&b);
}

/* A whole page's headline: the headline-shaped line right above the
 * byline and the story, not the banner or menu line above it; the
 * outlet from the page's title over it. */
static void
test_web_title(void)
{
	static const char *const cand[] = { "Find us on the river",
	    "Skip to the main content", "Harbour tunnel opens after two "
	    "years", "UPDATED 3 MARCH 2031 AT NOON", "Ana Pires" };
	static const char *const twice[] = { "Harbour Weekly",
	    "Harbour tunnel opens", "Harbour tunnel opens",
	    "Ferries keep their winter timetable" };
	struct article *a = xcalloc(1, sizeof(*a));

	CHECK(extract_web_title(cand, 5) == 2);
	CHECK(extract_web_title(cand, 2) == 1);
	CHECK(extract_web_title(twice, 4) == 1);
	CHECK(extract_web_title(cand + 3, 2) == 2);
	CHECK(extract_web_title(NULL, 0) == 0);
	extract_article(a, "Home\nNews\nSport\nWeather\nJobs\nContact\n"
	    "Find us on the river\n"
	    "Harbour tunnel opens after two years | The Harbour Weekly\n"
	    "Skip to the main content\n"
	    "Harbour tunnel opens after two years\n"
	    "By Ana Pires\n"
	    "The harbour tunnel reopened on Monday morning, two years after a "
	    "flood closed it to traffic and forced thousands of commuters "
	    "onto the ferries.\n"
	    "Engineers said that the new pumps can clear the water in less "
	    "than an hour, and that the walls have been sealed against the "
	    "salt that had eaten into them for decades.\n"
	    "About us\nAdvertise\nCareers\nTerms\nPrivacy\nHelp\n", EXTRACT_WEB,
	    1);
	CHECK_STR(a->title, "Harbour tunnel opens after two years");
	CHECK_STR(a->source, "The Harbour Weekly");
	CHECK(a->paragraphs.n == 2);
	article_free(a);
}

/* The headline says what the lead says: a teaser of another story or a
 * label closest above the story loses to the line over the byline
 * that tells the lead's news. */
static void
test_web_title_says_lead(void)
{
	static const char *const pages[] = {
	    "Home\nNews\nSport\nWeather\nJobs\nContact\n"
	    "Harbour tunnel reopens two years after the flood\n"
	    "By Ana Pires\n"
	    "Related stories\n"
	    "Ferries keep their winter timetable until April\n",
	    "Home\nNews\nSport\nWeather\nJobs\nContact\n"
	    "Harbour tunnel reopens two years after the flood\n"
	    "Why you can trust the Harbour Weekly\n" };
	size_t k;

	for (k = 0; k < sizeof(pages) / sizeof(pages[0]); k++) {
		struct article *a = xcalloc(1, sizeof(*a));
		struct buf b = BUF_INIT;

		buf_puts(&b, pages[k]);
		buf_puts(&b, "The harbour tunnel reopened on Monday morning, "
		    "two years after a flood closed it to traffic and forced "
		    "thousands of commuters onto the ferries.\n"
		    "Engineers said that the new pumps can clear the water in "
		    "less than an hour, and that the walls have been sealed "
		    "against the salt that had eaten into them.\n"
		    "About us\nAdvertise\nCareers\nTerms\nPrivacy\nHelp\n");
		extract_article(a, b.data, EXTRACT_WEB, 1);
		CHECK_STR(a->title,
		    "Harbour tunnel reopens two years after the flood");
		article_free(a);
		buf_dispose(&b);
	}
}

/* A byline without "By" is read in the header; on a whole page a label
 * of the same shape in the menu is not, a byline over the date is. */
static void
test_credit_bylines(void)
{
	static const char story[] = "The harbour tunnel reopened on Monday "
	    "morning, two years after a flood closed it to traffic and "
	    "forced thousands of commuters onto the ferries.\n"
	    "Engineers said that the new pumps can clear the water in less "
	    "than an hour, and that the walls have been sealed against the "
	    "salt that had eaten into them.\n";
	struct article *a = xcalloc(1, sizeof(*a));
	struct buf b = BUF_INIT;

	buf_printf(&b, "Harbour tunnel reopens\n\nAna Pires, Bo Dunn and "
	    "Cy Ortiz, Reuters\n\n%s", story);
	extract_article(a, b.data, 0, 1);
	CHECK(a->authors.n == 3);
	CHECK_STR(a->agency, "Reuters");
	CHECK(a->paragraphs.n == 2);
	article_free(a);
	buf_reset(&b);
	a = xcalloc(1, sizeof(*a));
	buf_printf(&b, "Home\nNews\nSport\nWeather\nJobs\nContact\n"
	    "Latest NEWS\nHarbour tunnel reopens after two years\n%s"
	    "About us\nAdvertise\nCareers\nTerms\nPrivacy\nHelp\n", story);
	extract_article(a, b.data, EXTRACT_WEB, 1);
	CHECK(a->authors.n == 0);
	article_free(a);
	buf_reset(&b);
	a = xcalloc(1, sizeof(*a));
	buf_printf(&b, "Home\nNews\nSport\nWeather\nJobs\nContact\n"
	    "Harbour tunnel reopens after two years\nAna PIRES\n"
	    "3 March 2031\n%s"
	    "About us\nAdvertise\nCareers\nTerms\nPrivacy\nHelp\n", story);
	extract_article(a, b.data, EXTRACT_WEB, 1);
	CHECK(a->authors.n == 1 && strcmp(a->authors.v[0], "Ana PIRES") == 0);
	CHECK_STR(a->date, "2031-03-03");
	article_free(a);
	buf_dispose(&b);
}

/* The box about the company under a press release is no part of the
 * body; a story's last paragraph of the same shape, not set apart, is. */
static void
test_profile_box(void)
{
	static const char release[] = "Harbour Pumps Ltd and Tideway open "
	    "a plant in Porto\n\n"
	    "Harbour Pumps Ltd said on Monday that it opened a plant in Porto "
	    "with Tideway, where two hundred people will build pumps.\n\n"
	    "The plant cost forty million euros and was built in a year, "
	    "said the chief executive of Harbour Pumps Ltd.\n\n"
	    "Tideway will sell the pumps to ports in the south of Europe, "
	    "starting with the harbours of Spain and Italy.\n\n"
	    "The first pumps leave the plant in the spring, and the two "
	    "companies expect to sell a thousand of them in a year.\n";
	static const char profile[] = "Harbour Pumps Ltd is a maker of "
	    "pumps for ports and ships, with plants in four countries.\n\n"
	    "Harbour Pumps Ltd employs some 900 people and is listed in "
	    "Lisbon.\n";
	struct article *a;
	struct buf b = BUF_INIT;

	CHECK(extract_profile_name("Harbour Pumps Ltd is a maker of pumps.")
	    == strlen("Harbour Pumps Ltd"));
	CHECK(extract_profile_name("Acme ist ein Hersteller.") == 4);
	CHECK(extract_profile_name("Acme, a maker of pumps, said") == 0);
	CHECK(extract_profile_name("The plant is new.") == 0);
	CHECK(extract_profile_name("Acme said it is a maker.") == 0);
	CHECK(extract_profile_name("One Two Three Four is here.") == 0);
	CHECK(extract_profile_name("") == 0);
	/* Under its heading, whatever the heading's language. */
	buf_printf(&b, "%s\n\xc3\x9c" "ber Harbour Pumps Ltd\n\n%s", release,
	    profile);
	a = xcalloc(1, sizeof(*a));
	extract_article(a, b.data, 0, 1);
	CHECK(a->paragraphs.n == 4);
	article_free(a);
	/* After a wider gap than any in the story. */
	buf_reset(&b);
	buf_printf(&b, "%s\n\n\n%s", release, profile);
	a = xcalloc(1, sizeof(*a));
	extract_article(a, b.data, 0, 1);
	CHECK(a->paragraphs.n == 4);
	article_free(a);
	/* Not set apart: the story's own last paragraph. */
	buf_reset(&b);
	buf_printf(&b, "%s\n%s", release, profile);
	a = xcalloc(1, sizeof(*a));
	extract_article(a, b.data, 0, 1);
	CHECK(a->paragraphs.n == 6);
	article_free(a);
	buf_dispose(&b);
}

static void
test_copyright_holder(void)
{
	static const struct {
		const char *line, *holder;
	} cases[] = {
		{ "\xc2\xa9 2031 The Harbour Weekly. All rights reserved.",
		    "The Harbour Weekly" },
		{ "Copyright \xc2\xa9 2019-2031 Harbour Media Ltd | Terms",
		    "Harbour Media Ltd" },
		{ "\xc2\xa9 Harbour Media Group 2031", "Harbour Media Group" },
		{ "Copyright \xe2\x93\x92 Harbour.example", "Harbour.example" },
		{ "\xc2\xa9 2031 All rights reserved.", NULL },
		{ "Copyrighted works are protected.", NULL },
		{ "\xc2\xa9 2031 the crews of every boat that rowed in the "
		    "harbour cup this spring", NULL },
		{ "The Harbour Weekly", NULL },
	};
	size_t k;
	char *h;

	for (k = 0; k < sizeof(cases) / sizeof(*cases); k++) {
		h = extract_copyright_holder(cases[k].line);
		if (cases[k].holder == NULL)
			CHECK(h == NULL);
		else
			CHECK_STR(h, cases[k].holder);
		free(h);
	}
}

int
main(void)
{
	test_short_headline_kept();
	test_flat_last_line();
	test_nav_and_masthead();
	test_credit_captions();
	test_labelled_url();
	test_outlet_page();
	test_wire_dateline();
	test_boilerplate();
	test_markers();
	test_captions();
	test_credits();
	test_shapes();
	test_url();
	test_words_and_wrap();
	test_web_table();
	test_web_repeated_label();
	test_web_title();
	test_web_title_says_lead();
	test_credit_bylines();
	test_profile_box();
	test_copyright_holder();
	return harness_done();
}
