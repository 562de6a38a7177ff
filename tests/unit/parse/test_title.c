/* test_title.c: titles made from the lead sentence (title.c). */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "parse/title.h"

#define LEAD(in, want) check_lead((in), (want), __LINE__)

/* The words headline h shares with lead, as the parser counts them. */
static size_t
lead_overlap(const char *h, const char *lead)
{
	struct title_lead l;

	title_lead_init(&l, lead);
	return title_lead_hits(&l, h);
}

static void
check_lead(const char *in, const char *want, int line)
{
	char *t = title_from_lead(in);

	harness_check_str(t, want, __FILE__, line, in ? in : "(null)");
	free(t);
}

static void
test_sentence(void)
{
	const char *s = "Mr. Okafor left. He came back.";

	CHECK(title_sentence_len("One. Two.") == 4);
	CHECK(title_sentence_len("Yes. No.") == 4);
	CHECK(title_sentence_len("No end here") == 11);
	/* An abbreviation or an initial ends no sentence. */
	CHECK(title_sentence_len(s) == strlen("Mr. Okafor left."));
	CHECK(title_sentence_len("The U.S. team won. Then") ==
	    strlen("The U.S. team won."));
	CHECK(title_sentence_len("Anna J. Berg spoke. Then") ==
	    strlen("Anna J. Berg spoke."));
	/* A decimal point is inside a word. */
	CHECK(title_sentence_len("Rates rose 2.5 points. Then") ==
	    strlen("Rates rose 2.5 points."));
	CHECK(title_sentence_len("Why now? Because.") == strlen("Why now?"));
	/* The ideographic full stop needs no space after it. */
	CHECK(title_sentence_len("\xe9\x9b\xa8\xe3\x80\x82\xe6\x99\xb4") == 6);
}

static void
test_short(void)
{
	/* A short first sentence is the title, without its full stop. */
	LEAD("The ferry ran aground near the pier. Nobody was hurt.",
	    "The ferry ran aground near the pier");
	LEAD("Who pays for the new bridge? The council voted.",
	    "Who pays for the new bridge?");
	LEAD("  Rain closed the market", "Rain closed the market");
	LEAD("", NULL);
	LEAD("   ", NULL);
	LEAD(NULL, NULL);
	LEAD(".", NULL);
}

static void
test_cut(void)
{
	/* Twelve words at most, cut at a word, with an ellipsis. */
	LEAD("Residents of the valley town gathered on Sunday evening to mourn "
	    "the fishermen lost in the storm last week.",
	    "Residents of the valley town gathered on Sunday evening to mourn "
	    "the\xe2\x80\xa6");
	/* Punctuation left at the cut goes before the ellipsis. */
	LEAD("After the vote, which came late, the mayor, the council and "
	    "the board met again in the old hall.",
	    "After the vote, which came late, the mayor, the council and "
	    "the\xe2\x80\xa6");
	LEAD("One two three four five six seven eight nine ten eleven "
	    "twelve, thirteen.",
	    "One two three four five six seven eight nine ten eleven "
	    "twelve\xe2\x80\xa6");
	/* A single word longer than the byte bound is cut inside it, on a
	 * character boundary. */
	{
		char in[400], *t;
		size_t i;

		for (i = 0; i < 150; i++)
			memcpy(in + 2 * i, "\xc3\xa9", 2);
		in[300] = '\0';
		t = title_from_lead(in);
		CHECK(t != NULL && strlen(t) <= TITLE_LEAD_BYTES + 3);
		CHECK(t != NULL && strcmp(t + strlen(t) - 3,
		    "\xe2\x80\xa6") == 0);
		CHECK(t != NULL && (strlen(t) - 3) % 2 == 0);
		free(t);
	}
}

static void
test_scripts(void)
{
	/* Cyrillic, Arabic, Korean: words are space-separated. */
	LEAD("\xd0\x92 \xd0\xb3\xd0\xbe\xd1\x80\xd0\xbe\xd0\xb4\xd0\xb5 "
	    "\xd0\xbe\xd1\x82\xd0\xba\xd1\x80\xd1\x8b\xd0\xbb\xd0\xb8 "
	    "\xd0\xbc\xd0\xbe\xd1\x81\xd1\x82. \xd0\x94\xd0\xb0.",
	    "\xd0\x92 \xd0\xb3\xd0\xbe\xd1\x80\xd0\xbe\xd0\xb4\xd0\xb5 "
	    "\xd0\xbe\xd1\x82\xd0\xba\xd1\x80\xd1\x8b\xd0\xbb\xd0\xb8 "
	    "\xd0\xbc\xd0\xbe\xd1\x81\xd1\x82");
	/* Ideographs count half a word each: 24 of them fit, the rest are
	 * cut (each is three bytes, 72 in all, under the byte bound). */
	{
		char in[200], *t;
		size_t i;

		for (i = 0; i < 40; i++)
			memcpy(in + 3 * i, "\xe6\xb8\xaf", 3);
		in[120] = '\0';
		t = title_from_lead(in);
		CHECK(t != NULL && strlen(t) == 24 * 3 + 3);
		free(t);
	}
}

static void
test_overlap(void)
{
	const char *lead = "The harbour tunnel reopened on Monday, two years "
	    "after a flood closed it to traffic.";

	/* harbour, tunnel, reopen(s|ed), flood: function words and short
	 * words are not counted. */
	CHECK(lead_overlap("Harbour tunnel reopens after the flood",
	    lead) == 4);
	CHECK(lead_overlap("Ferries keep their winter timetable",
	    lead) == 0);
	/* A word said twice counts once; case is folded. */
	CHECK(lead_overlap("TUNNEL tunnel Tunnel", lead) == 1);
	/* Quotes and dashes around a word are no part of it. */
	CHECK(lead_overlap("\xe2\x80\x98Tunnel\xe2\x80\x99 "
	    "\xe2\x80\x94 flood", lead) == 2);
	CHECK(lead_overlap("\xd0\xbc\xd0\xbe\xd1\x81\xd1\x82 "
	    "\xc2\xab\xd0\xb3\xd0\xbe\xd1\x80\xd0\xbe\xd0\xb4"
	    "\xc2\xbb", "\xd0\x92 \xd0\xb3\xd0\xbe\xd1\x80\xd0\xbe"
	    "\xd0\xb4\xd0\xb5 \xd0\xbe\xd1\x82\xd0\xba\xd1\x80\xd1"
	    "\x8b\xd0\xbb\xd0\xb8 \xd0\xbc\xd0\xbe\xd1\x81\xd1\x82")
	    == 2);
	CHECK(lead_overlap("", lead) == 0);
	CHECK(lead_overlap("Harbour tunnel", "") == 0);
}

int
main(void)
{
	test_sentence();
	test_short();
	test_cut();
	test_scripts();
	test_overlap();
	return harness_done();
}
