/* test_blocks.c: blocks of a web page told apart as prose or furniture,
 * and the stop-word lists they are judged with. The texts are ours. */
#include <string.h>

#include "parse/blocks.h"
#include "parse/stopwords.h"
#include "parse/text.h"
#include "harness.h"

#define N(a)	(sizeof(a) / sizeof((a)[0]))

static int
has(const char *word, const char *lang)
{
	int k = stopwords_index(lang);

	return k >= 0 && (stopwords_langs(word, strlen(word)) & (1u << k));
}

static void
test_stopwords(void)
{
	static const char *const langs[] = { "en", "ru", "de", "fr", "es",
	    "pt", "it", "ar", "ko", "id" };
	size_t k;

	for (k = 0; k < N(langs); k++)
		CHECK(stopwords_index(langs[k]) >= 0);
	CHECK(stopwords_index("xx") == -1);
	CHECK(stopwords_lang(stopwords_count()) == NULL);
	CHECK(has("the", "en") && has("The", "en") && has("THE", "en"));
	CHECK(has("und", "de") && !has("und", "en"));
	CHECK(has("который", "ru") && has("Который", "ru"));
	CHECK(has("Это", "ru"));		/* a capital across 0xd0/0xd1 */
	CHECK(has("yang", "id") && has("في", "ar"));
	CHECK(has("Él", "es") == 0 && has("été", "fr"));
	CHECK(!has("harbour", "en") && stopwords_langs("", 0) == 0);
}

static void
test_sentence_end(void)
{
	CHECK(text_sentence_end("The ferry left at noon."));
	CHECK(text_sentence_end("\"Will it come back?\""));
	CHECK(text_sentence_end("Он сказал: «Мы вернёмся.»"));
	CHECK(text_sentence_end("He waited\xe2\x80\xa6"));
	CHECK(text_sentence_end("The jam sets in a day.\xc2\xa0"));
	CHECK(text_sentence_end("The jam sets in a day.\t"));
	CHECK(text_sentence_end("\xe9\x9b\xa8\xe3\x80\x82"));	/* 雨。 */
	CHECK(text_sentence_end("هل يعود؟"));
	CHECK(!text_sentence_end("Weather and Traffic"));
	CHECK(!text_sentence_end("Subscribe:"));
	CHECK(!text_sentence_end(""));
}

static void
test_features(void)
{
	struct blocks_feat f;

	blocks_features(&f, "The mayor said that the bridge would open "
	    "in May.", stopwords_index("en"));
	CHECK(f.words == 10 && f.stops == 6 && f.caps == 2 && f.cased == 10);
	CHECK(f.sentence && !f.legal && f.digits == 0);
	blocks_features(&f, "\xc2\xa9 2031 Harbour Weekly", -1);
	CHECK(f.legal && f.stops == 0 && f.digits == 1);
	blocks_features(&f, "Результаты: 3:1, 2:0", stopwords_index("ru"));
	CHECK(f.digits * 2 > f.words);
	blocks_features(&f, "Harbour | Ferries | Tides \xe2\x80\xa2 Weather",
	    stopwords_index("en"));
	CHECK(f.bars == 3 && f.words == 4);
	CHECK(blocks_classify(&f, 200, 300, 1) == BLOCKS_BAD);
	/* An excerpt of another page, cut short. */
	blocks_features(&f, "The harbour board met on Tuesday to hear the "
	    "plans for the new quay, and the mayor said that the work \xe2\x80\xa6",
	    stopwords_index("en"));
	CHECK(f.cut && blocks_classify(&f, 200, 300, 1) == BLOCKS_BAD);
	/* CJK signs weigh three: a line of ten is no short line. */
	blocks_features(&f, "\xe9\x9b\xa8\xe9\x9b\xa8\xe9\x9b\xa8\xe9\x9b\xa8"
	    "\xe9\x9b\xa8\xe9\x9b\xa8\xe9\x9b\xa8\xe9\x9b\xa8\xe9\x9b\xa8"
	    "\xe9\x9b\xa8", -1);
	CHECK(f.cps == 10 && f.weight == 30);
	/* A cut sequence at the end is read as one byte, never past. */
	blocks_features(&f, "ab\xe9", -1);
	CHECK(f.words == 1);
}

static const char *const page[] = {
	"Home", "World", "Business", "Sport", "Weather",
	"Harbour Tunnel Reopens After Two Years of Repairs",
	"By Mara Quill",
	"The harbour tunnel reopened on Monday morning, two years after a "
	    "flood closed it to traffic and forced thousands of commuters "
	    "onto the ferries.",
	"Engineers said that the new pumps can clear the water in less "
	    "than an hour, and that the walls have been sealed against the "
	    "salt that had eaten into them for decades.",
	"\"It is a relief,\" said a driver who had waited at the entrance "
	    "since dawn.",
	"The city will keep the extra ferries running until the end of the "
	    "month, when it expects the traffic to settle.",
	"Most Read", "Council Votes On New Budget", "Storm Warning For "
	    "Coast Issued Tonight", "Local Team Wins Cup Final In Extra Time",
	"\xc2\xa9 2031 The Harbour Weekly. All rights reserved.",
	"Home", "World",
};

static void
test_page(void)
{
	enum blocks_class cls[N(page)];
	size_t s, e, i;

	CHECK(blocks_page_lang(page, N(page)) == stopwords_index("en"));
	blocks_judge(cls, &s, &e, page, N(page));
	CHECK(s == 7 && e == 11);
	for (i = 7; i < 11; i++)
		CHECK(cls[i] == BLOCKS_GOOD);
	for (i = 0; i < 7; i++)
		CHECK(cls[i] == BLOCKS_BAD);
	for (i = 11; i < N(page); i++)
		CHECK(cls[i] == BLOCKS_BAD);
}

static void
test_context(void)
{
	enum blocks_class c1[] = { BLOCKS_GOOD, BLOCKS_SHORT, BLOCKS_GOOD,
	    BLOCKS_SHORT, BLOCKS_BAD, BLOCKS_NEAR, BLOCKS_BAD };
	enum blocks_class c2[] = { BLOCKS_BAD, BLOCKS_NEAR, BLOCKS_SHORT,
	    BLOCKS_NEAR, BLOCKS_NEAR, BLOCKS_BAD };
	size_t w1[] = { 300, 20, 300, 20, 20, 100, 20 };
	size_t w2[] = { 20, 150, 20, 150, 150, 20 };

	blocks_context(c1, w1, N(c1));
	/* A short block between good ones is good; next to bad, bad; a
	 * near-good block alone between bad ones, bad. */
	CHECK(c1[1] == BLOCKS_GOOD && c1[3] == BLOCKS_BAD);
	CHECK(c1[5] == BLOCKS_BAD);
	/* A stretch of near-good paragraphs is prose. */
	blocks_context(c2, w2, N(c2));
	CHECK(c2[1] == BLOCKS_GOOD && c2[3] == BLOCKS_GOOD &&
	    c2[4] == BLOCKS_GOOD && c2[2] == BLOCKS_GOOD);
}

static void
test_main_run(void)
{
	enum blocks_class c[] = { BLOCKS_BAD, BLOCKS_GOOD, BLOCKS_BAD,
	    BLOCKS_GOOD, BLOCKS_GOOD, BLOCKS_BAD, BLOCKS_BAD, BLOCKS_BAD,
	    BLOCKS_BAD, BLOCKS_BAD, BLOCKS_BAD, BLOCKS_GOOD };
	size_t w[] = { 10, 200, 30, 300, 300, 200, 200, 200, 200, 200, 200, 900 };
	enum blocks_class none[] = { BLOCKS_BAD, BLOCKS_BAD };
	size_t wn[] = { 10, 10 }, s, e;

	/* One stray line does not cut the story; a long run of furniture
	 * does; the story is the first stretch from the top with half the
	 * largest one's text. */
	blocks_main_run(&s, &e, c, w, N(c));
	CHECK(s == 1 && e == 5);
	blocks_main_run(&s, &e, none, wn, N(none));
	CHECK(s == 2 && e == 2);
	blocks_main_run(&s, &e, c, w, 0);
	CHECK(s == 0 && e == 0);
}

static void
test_thread(void)
{
	static const char *const t[] = {
	    "March 3, 2031 | by Ona Reed",
	    "The harbour board met on Tuesday to hear the plans.",
	    "Ted on March 4, 2031 at 9:12 am said:",
	    "I went to the meeting and the plans look fine to me.",
	    "Rui on March 4, 2031 at 10:40 am said:",
	    "Eve on March 5, 2031 at 8:03 pm said:",
	    "What about the ferries?",
	};
	static const char *const quotes[] = {
	    "The harbour board met on Tuesday to hear the plans.",
	    "\xe2\x80\x94 Ted (@ted) March 4, 2031",
	    "\xe2\x80\x94 Rui (@rui) March 4, 2031",
	    "\xe2\x80\x94 Eve (@eve) March 5, 2031",
	};
	enum blocks_class c[] = { BLOCKS_BAD, BLOCKS_GOOD, BLOCKS_BAD,
	    BLOCKS_GOOD, BLOCKS_BAD, BLOCKS_BAD, BLOCKS_GOOD };
	size_t w[N(t)], wq[N(quotes)], i;
	struct blocks_feat f;

	for (i = 0; i < N(t); i++) {
		blocks_features(&f, t[i], -1);
		w[i] = f.words;
	}
	for (i = 0; i < N(quotes); i++) {
		blocks_features(&f, quotes[i], -1);
		wq[i] = f.words;
	}
	/* The story's own date line starts no thread; the comments'
	 * headings under it do. */
	CHECK(blocks_thread_start(t, w, c, N(t)) == 2);
	CHECK(blocks_thread_start(t, w, c, 5) == 5);
	/* Quoted posts' attributions are no comments. */
	CHECK(blocks_thread_start(quotes, wq, c, N(quotes)) == N(quotes));
}

static void
test_lists(void)
{
	static const char *const guide[] = {
	    "Menu", "1 hour ago", "Ferry Times For The Holidays",
	    "The ferries keep a reduced timetable over the holidays:",
	    "1) Harbour to Point Vale", "leaves at 7:10",
	    "2) Point Vale to Gull Island", "leaves at 8:25",
	    "3) Gull Island to the harbour", "leaves at 9:40",
	    "Most Read", "1", "Council Votes On New Budget", "2",
	    "Storm Warning Issued", "3", "Local Team Wins Cup",
	};
	unsigned char in[N(guide)];
	size_t i;

	CHECK(blocks_item_number("1) Harbour to Point Vale") == 1);
	CHECK(blocks_item_number("12. Gull Island") == 12);
	CHECK(blocks_item_number("3a etapa: 9 de abril") == 3);
	CHECK(blocks_item_number("2\tMara Quill\t5040") == 2);
	CHECK(blocks_item_number("1") == 0);		/* a counter */
	CHECK(blocks_item_number("10:30 Ferry leaves") == 0);
	CHECK(blocks_item_number("1.5 million riders") == 0);
	CHECK(blocks_item_number("1of4 Harbour at dawn") == 0);
	CHECK(blocks_item_number("0 Harbour") == 0);
	CHECK(blocks_item_number("1,200 riders") == 0);
	CHECK(blocks_lists(in, guide, N(guide)) == 1);
	for (i = 0; i < N(guide); i++)
		CHECK(in[i] == (i >= 4 && i <= 9));
	/* Two items are no list. */
	CHECK(blocks_lists(in, guide, 8) == 0);
}

static void
test_glued(void)
{
	CHECK(blocks_glued_headline("Council Votes On New Harbour BudgetThe "
	    "council voted on Tuesday to spend more on the harbour."));
	CHECK(blocks_glued_headline("Storm Closes Ferry Route To Gull "
	    "IslandA storm closed the route for a day."));
	/* A brand in a sentence, a headline alone. */
	CHECK(!blocks_glued_headline("Riders love the new FerryPass, and "
	    "they say so at every stop."));
	CHECK(!blocks_glued_headline("Harbour Opens Its New Ferry "
	    "TerminalToday"));
	CHECK(!blocks_glued_headline("The Mayor Says The PortAuthority "
	    "Will Meet On Friday"));
	CHECK(!blocks_glued_headline(""));
}

static void
test_lead_over_caption(void)
{
	static const char *const pg[] = {
	    "Home", "World", "Business",
	    "The harbour tunnel has reopened, and the ferries will soon run "
		"their old timetable again.",
	    "Commuters queue at the entrance of the tunnel on Monday "
		"morning, before the first cars were let through (Photo: "
		"Harbour Weekly)",
	    "The harbour tunnel reopened on Monday morning, two years after "
		"a flood closed it to traffic and forced thousands of "
		"commuters onto the ferries.",
	    "Engineers said that the new pumps can clear the water in less "
		"than an hour, and that the walls have been sealed against "
		"the salt that had eaten into them for decades.",
	    "The city will keep the extra ferries running until the end of "
		"the month, when it expects the traffic to settle.",
	    "Most Read", "Council Votes On New Budget",
	};
	enum blocks_class cls[N(pg)];
	size_t s, e;

	blocks_judge(cls, &s, &e, pg, N(pg));
	CHECK(s == 3 && e == 8);
	CHECK(cls[3] == BLOCKS_GOOD);
}

static void
test_list_page(void)
{
	static const char *const pg[] = {
	    "Home", "World", "Business", "Sport", "Weather",
	    "Ferry Timetable 2031", "Monday, 3 March 2031",
	    "1a crossing: 7:10 \xe2\x80\x93 Point Vale",
	    "2a crossing: 8:25 \xe2\x80\x93 Gull Island",
	    "3a crossing: 9:40 \xe2\x80\x93 Harbour",
	    "4a crossing: 11:05 \xe2\x80\x93 Point Vale",
	    "5a crossing: 12:30 \xe2\x80\x93 Gull Island",
	    "6a crossing: 14:00 \xe2\x80\x93 Harbour",
	    "About us", "Contact", "Jobs",
	    "\xc2\xa9 2031 The Harbour Weekly. All rights reserved.",
	};
	enum blocks_class cls[N(pg)];
	size_t s, e;

	blocks_judge(cls, &s, &e, pg, N(pg));
	CHECK(s == 7 && e == 13);
}

static void
test_label_rows(void)
{
	static const char *const pg[] = {
	    "Home", "World", "Sport",
	    "The regatta ended on Sunday after three days of racing in "
		"strong winds, and six crews earned a place in the final "
		"series next spring.",
	    "Qualified crews",
	    "Harbour Rowing Club (Heat A): third final",
	    "Point Vale Oars (Heat A): first final",
	    "Gull Island Crew (Heat B): fifth final",
	    "North Quay Rowers (Heat B): second final",
	    "Most Read", "Council Votes On New Budget",
	    "\xc2\xa9 2031 The Harbour Weekly. All rights reserved.",
	};
	enum blocks_class cls[N(pg)];
	size_t s, e;

	CHECK(blocks_label_line("Spain (Group F): 11th appearance"));
	CHECK(blocks_label_line("Path D: Georgia, Kosovo, Belarus"));
	CHECK(!blocks_label_line("He said: we will row again."));
	CHECK(!blocks_label_line("Updated: "));
	CHECK(!blocks_label_line("A label that runs on for far too many "
	    "words before its colon: value"));
	CHECK(!blocks_label_line("10:30 ferry"));
	blocks_judge(cls, &s, &e, pg, N(pg));
	CHECK(s == 3 && e == 9);
	/* Three rows are no table. */
	blocks_judge(cls, &s, &e, pg, 8);
	CHECK(s == 3 && e == 4);
}

static void
test_quoted_post(void)
{
	static const char *const pg[] = {
	    "Home", "World", "Business",
	    "The harbour tunnel reopened on Monday morning, two years after "
		"a flood closed it to traffic and forced thousands of "
		"commuters onto the ferries.",
	    "Engineers said that the new pumps can clear the water in less "
		"than an hour, and that the walls have been sealed against "
		"the salt that had eaten into them for decades.",
	    "The port authority shared the news with its followers:",
	    "Open again!",
	    "\xe2\x80\x94 Harbour Port (@harbourport) March 3, 2031",
	    "Most Read", "Council Votes On New Budget",
	    "\xc2\xa9 2031 The Harbour Weekly. All rights reserved.",
	};
	enum blocks_class cls[N(pg)];
	size_t s, e;

	blocks_judge(cls, &s, &e, pg, N(pg));
	CHECK(s == 3 && e == 8);
	CHECK(cls[6] == BLOCKS_GOOD && cls[7] == BLOCKS_GOOD);
	/* Without the attribution, the short line is furniture. */
	blocks_judge(cls, &s, &e, pg, 7);
	CHECK(s == 3 && e == 5);
}

static void
test_short_runs(void)
{
	static const char *pg[] = {
	    "Home", "World", "Business",
	    "The harbour tunnel reopened on Monday morning, two years after "
		"a flood closed it to traffic and forced thousands of "
		"commuters onto the ferries.",
	    "Engineers said that the new pumps can clear the water in less "
		"than an hour, and that the walls have been sealed against "
		"the salt that had eaten into them for decades.",
	    "Stay up to date with the port.", "Subscribe No thanks",
	    "Please fill in the form", "You are subscribed. Thank you!",
	    "Port News Service",
	    "The port offers everyone a news service that brings its "
		"notices straight to the desk or the phone of each reader "
		"who asks for it by mail.",
	};
	enum blocks_class cls[N(pg)];
	size_t s, e, i;

	blocks_judge(cls, &s, &e, pg, N(pg));
	/* (The first, a sentence right after the story, is its end.) */
	for (i = 6; i < 10; i++)
		CHECK(cls[i] == BLOCKS_BAD);
	/* Announced by a colon, or in lower case: a list of the story. */
	pg[4] = "Engineers said that the new pumps can clear the water in "
	    "less than an hour, and they listed what the crews will check:";
	blocks_judge(cls, &s, &e, pg, N(pg));
	for (i = 5; i < 10; i++)
		CHECK(cls[i] == BLOCKS_GOOD);
}

static void
test_credit_tail(void)
{
	static const char *const pg[] = {
	    "Home", "World", "Business",
	    "The harbour tunnel reopened on Monday morning, two years after "
		"a flood closed it to traffic and forced thousands of "
		"commuters onto the ferries.",
	    "Divers checked the walls of the tunnel (Photo: Ana Pires)",
	    "Crews cleared the last of the silt in May. (HARBOUR POST)",
	    "Engineers said that the new pumps can clear the water in less "
		"than an hour, and that the walls have been sealed against "
		"the salt that had eaten into them for decades.",
	    "Most Read", "Council Votes On New Budget",
	};
	enum blocks_class cls[N(pg)];
	size_t s, e;

	CHECK(blocks_credit_tail("The ferry at dawn (Photo: Ana Pires)"));
	CHECK(blocks_credit_tail("The ferry at dawn (Image credit: Port "
	    "Office) "));
	CHECK(blocks_credit_tail("The ferry left at dawn. (AP)"));
	CHECK(blocks_credit_tail("The ferry left. (Port Photo/Ana Pires)"));
	/* Words in brackets that credit no one. */
	CHECK(!blocks_credit_tail("The rowing club (RC)"));
	CHECK(!blocks_credit_tail("He said the ferry would run (at last)."));
	CHECK(!blocks_credit_tail("The ferry left at dawn. (More)"));
	CHECK(!blocks_credit_tail("A long aside (which named the crews of "
	    "every boat, one by one: all eleven of them)"));
	CHECK(!blocks_credit_tail("(AP)") && !blocks_credit_tail(")"));
	CHECK(!blocks_credit_tail(""));
	/* Captions inside the story leave it whole, and are not its text. */
	blocks_judge(cls, &s, &e, pg, N(pg));
	CHECK(s == 3 && e == 7);
	CHECK(cls[4] == BLOCKS_BAD && cls[5] == BLOCKS_BAD);
	CHECK(cls[3] == BLOCKS_GOOD && cls[6] == BLOCKS_GOOD);
}

static void
test_announced_table(void)
{
	static const char *const pg[] = {
	    "Home", "Results", "Standings",
	    "Standings after the fourth round of the harbour cup:",
	    "Pos Crew Points Wins",
	    "1 Harbour Rowing Club 40 4",
	    "2 Point Vale Oars 31 3",
	    "3 Gull Island Crew 22 2",
	    "4 North Quay Rowers 10 1",
	    "Most Read", "Council Votes On New Budget",
	};
	enum blocks_class cls[N(pg)];
	size_t s, e;

	blocks_judge(cls, &s, &e, pg, N(pg));
	CHECK(s == 3 && e == 9);
}

static void
test_repeated_in_story(void)
{
	static const char *const pg[] = {
	    "Home", "People",
	    "Three rowers told us how they came to the sport, and what they "
		"would tell anyone who wants to start rowing this year.",
	    "What brought you to the river in the first place?",
	    "My father rowed for the harbour club, and he took me out on the "
		"water every Sunday morning until I could row on my own.",
	    "What brought you to the river in the first place?",
	    "A friend from school needed a fourth oar for a race, and I "
		"never left the boat house after that first regatta.",
	    "Most Read", "Council Votes On New Budget",
	};
	enum blocks_class cls[N(pg)];
	size_t s, e;

	blocks_judge(cls, &s, &e, pg, N(pg));
	CHECK(s == 2 && e == 7);
	CHECK(cls[3] == BLOCKS_GOOD && cls[5] == BLOCKS_GOOD);
}

static void
test_name_thread(void)
{
	static const char *pg[] = {
	    "Home", "World", "Business",
	    "The harbour tunnel reopened on Monday morning, two years after "
		"a flood closed it to traffic and forced thousands of "
		"commuters onto the ferries.",
	    "Engineers said that the new pumps can clear the water in less "
		"than an hour, and that the walls have been sealed against "
		"the salt that had eaten into them for decades.",
	    "The city will keep the extra ferries running until the end of "
		"the month, when it expects the traffic to settle again.",
	    "Share", "Tweet", "Email",
	    "Ana Pires",
	    "I drove through it this morning and it was a joy, the first "
		"time in two years that I was at work before eight.",
	    "Tom Reed",
	    "Thanks for writing this up, it is good to know that the pumps "
		"were tested before the tunnel opened.",
	    "Ana Pires",
	    "They were, the port showed the tests to the press last week "
		"and the water was gone in forty minutes.",
	};
	struct blocks_feat f;
	enum blocks_class cls[N(pg)];
	size_t s, e;

	blocks_features(&f, "Ana Pires", -1);
	CHECK(blocks_name_line(&f));
	blocks_features(&f, "Ana Pires said so.", -1);
	CHECK(!blocks_name_line(&f));
	blocks_features(&f, "Page 2", -1);
	CHECK(!blocks_name_line(&f));
	blocks_features(&f, "the harbour", -1);
	CHECK(!blocks_name_line(&f));
	blocks_judge(cls, &s, &e, pg, N(pg));
	CHECK(s == 3 && e == 6);
	CHECK(cls[10] == BLOCKS_BAD && cls[14] == BLOCKS_BAD);
	/* Names right under the text are speakers of an interview. */
	pg[6] = pg[7] = pg[8] = "The harbour master answered our questions "
	    "about the tunnel and its pumps on Monday.";
	pg[7] = "We asked her what the new pumps can do, and what comes next "
	    "for the tunnel and the ferries this spring.";
	pg[8] = "This is what she told us, in her own words, over coffee at "
	    "the port office on the north quay.";
	blocks_judge(cls, &s, &e, pg, N(pg));
	CHECK(s == 3 && e == N(pg));
	CHECK(cls[10] == BLOCKS_GOOD && cls[14] == BLOCKS_GOOD);
}

int
main(void)
{
	test_stopwords();
	test_sentence_end();
	test_features();
	test_page();
	test_context();
	test_main_run();
	test_thread();
	test_lists();
	test_glued();
	test_lead_over_caption();
	test_list_page();
	test_label_rows();
	test_quoted_post();
	test_short_runs();
	test_credit_tail();
	test_announced_table();
	test_repeated_in_story();
	test_name_thread();
	return harness_done();
}
