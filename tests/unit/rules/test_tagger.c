/* test_tagger.c: the matcher behind the rules' declarations (tagger.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "harness.h"
#include "rules/tagger.h"
#include "tagger_lines.h"

/* A tag as "kind:name(count)@surface". */
/* How many times text holds phrase, as a rule's a:mentions() counts. */
static unsigned
mentions(const char *text, const char *phrase)
{
	struct tagger_text *tt = tagger_text_new(text);
	unsigned count = tagger_text_mentions(tt, phrase);

	tagger_text_free(tt);
	return count;
}

static int
hit_line(struct buf *b, const struct tagger_hit *h, const void *arg)
{
	(void)arg;
	buf_printf(b, "%s:%s(%u)@%.*s", h->kind, h->name, h->count,
	    (int)h->surface_len, h->surface);
	return 1;
}

/* Scans title and body; returns "kind:name(count)@surface" lines,
 * sorted, joined by "|". */
static char *
scan(const struct tagger *t, const char *title, const char *body)
{
	return tagger_lines(t, title, body, hit_line, NULL);
}

#define SCAN(t, title, body, want) do {				\
	char *got_ = scan((t), (title), (body));		\
	CHECK_STR(got_, (want));				\
	free(got_);						\
} while (0)

static struct tagger *
aliases(void)
{
	struct tagger *t = tagger_new();

	tagger_add(t, "people", "Volodymyr Zelensky", "Volodymyr Zelensky",
	    "a:1");
	tagger_add(t, "people", "Volodymyr Zelensky", "Zelenskiy", "a:1");
	tagger_add(t, "people", "Volodymyr Zelensky", "Volodymyr Zelenskiy",
	    "a:1");
	tagger_add(t, "places", "Kyiv", "Kiev", "a:2");
	tagger_add(t, "places", "Kyiv", "Kyïv", "a:2");
	tagger_add(t, "places", "Black Sea", "Black Sea", "a:3");
	tagger_add(t, "topics", "peace talks", "negotiat*", "a:4");
	tagger_add(t, "topics", "peace talks", "peace talks", "a:4");
	tagger_add(t, "topics", "sanctions", "sanction*", "a:5");
	tagger_add(t, "organisations", "the Kremlin", "the Kremlin", "a:6");
	tagger_add(t, "people", "Élodie Marchand", "Marchand", "a:7");
	return t;
}

static void
test_spellings(void)
{
	struct tagger *t = aliases();

	SCAN(t, "", "Volodymyr Zelenskiy and then Zelenskiy again.",
	    "people:Volodymyr Zelensky(2)@Volodymyr Zelenskiy");
	SCAN(t, "", "KIEV said; kiev did not.", "places:Kyiv(1)@KIEV");
	SCAN(t, "", "In Kyïv, and KYÏV.", "places:Kyiv(2)@Kyïv");
	SCAN(t, "", "The Black. Sea; the Black-Sea.",
	    "places:Black Sea(1)@Black-Sea");
	SCAN(t, "", "Negotiations, negotiators; sanctioned negotiat.",
	    "topics:peace talks(3)@Negotiations|topics:sanctions(1)@sanctioned");
	SCAN(t, "", "PEACE TALKS and Peace Talks",
	    "topics:peace talks(2)@PEACE TALKS");
	SCAN(t, "", "THE KREMLIN and the Kremlin's",
	    "organisations:the Kremlin(2)@THE KREMLIN");
	SCAN(t, "", "Zelenskiy's call", "people:Volodymyr Zelensky(1)@Zelenskiy");
	SCAN(t, "Kiev talks", "Nothing here at all.",
	    "places:Kyiv(1)@Kiev");
	SCAN(t, "", "marchand MARCHAND Marchand",
	    "people:Élodie Marchand(2)@MARCHAND");
	SCAN(t, "", "", "");
	CHECK(tagger_add(t, "people", "X", " - ' ", "a:8") == -1);
	tagger_free(t);
}

static void
test_names(void)
{
	struct tagger *t = aliases();

	tagger_word(t, TAGGER_STOP, "The");
	tagger_word(t, TAGGER_STOP, "Monday");
	tagger_word(t, TAGGER_TITLE, "President");
	tagger_suffix(t, "Republic", "places");
	tagger_names(t, "people", "n:1", 2, 3);
	SCAN(t, "", "President Serhiy Mwangi met Zelenskiy on Monday.",
	    "people:Serhiy Mwangi(1)@Serhiy Mwangi|"
	    "people:Volodymyr Zelensky(1)@Zelenskiy");
	SCAN(t, "", "The Brask Republic and the NATO BLOC.",
	    "places:Brask Republic(1)@Brask Republic");
	SCAN(t, "", "One Two Three Four words; Ana Lopez's dog; Ana. Lopez",
	    "people:Ana Lopez(2)@Ana Lopez");
	SCAN(t, "Headline Names Are Skipped", "Élise Marnier said so.",
	    "people:Élise Marnier(1)@Élise Marnier");
	tagger_names(t, NULL, "n:2", 0, 0);
	SCAN(t, "", "Serhiy Mwangi", "");
	tagger_free(t);
}

/* Many words that share their first two bytes with a spelling, or not:
 * the filters in front of the hash table never hide a match. */
static void
test_filters(void)
{
	struct tagger *t = tagger_new();
	struct buf body = BUF_INIT;
	char w[16];
	char *got;
	int i;

	for (i = 0; i < 500; i++) {
		snprintf(w, sizeof(w), "w%dq", i);
		tagger_add(t, "topics", w, w, "f:1");
	}
	for (i = 0; i < 2000; i++)
		buf_printf(&body, "w%dq x%dq ", i, i);
	got = scan(t, "", body.data);
	CHECK(strstr(got, "topics:w0q(1)@w0q|") == got);
	CHECK(strstr(got, "topics:w499q(1)@w499q") != NULL);
	CHECK(strstr(got, "w500q") == NULL);
	free(got);
	buf_dispose(&body);
	tagger_free(t);
}

/* The recogniser types what it finds by evidence any news text has. */
static struct tagger *
typing(void)
{
	struct tagger *t = tagger_new();
	static const char *const stop[] = { "The", "A", "In", "On", "He",
	    "After", NULL };
	size_t i;

	for (i = 0; stop[i] != NULL; i++)
		tagger_word(t, TAGGER_STOP, stop[i]);
	tagger_word(t, TAGGER_TITLE, "President");
	tagger_word(t, TAGGER_TITLE, "General");
	tagger_word(t, TAGGER_PARTICLE, "van");
	tagger_word(t, TAGGER_CONNECT, "of");
	tagger_suffix(t, "Bank", "organisations");
	tagger_suffix(t, "University", "organisations");
	tagger_cue(t, 0, "in", "places");
	tagger_cue(t, 1, "said", "people");
	tagger_acronyms(t, "organisations");
	tagger_names(t, "people", "n:1", 1, 4);
	return t;
}

static void
test_typing(void)
{
	struct tagger *t = typing();

	/* Context: a title before, "said" after, "in" before. */
	SCAN(t, "", "It was late when President Halvard Brenn arrived.",
	    "people:Halvard Brenn(1)@Halvard Brenn");
	SCAN(t, "", "The deal was done, Quorvath said on Monday.",
	    "people:Quorvath(1)@Quorvath");
	SCAN(t, "", "Talks were held in Marnovo on Monday.",
	    "places:Marnovo(1)@Marnovo");
	/* The word a name ends with, also before "of"; acronyms. */
	SCAN(t, "", "Shares of Tellick Bank fell, and the Bank of Ostria "
	    "and the ZQX rose.",
	    "organisations:Bank of Ostria(1)@Bank of Ostria|"
	    "organisations:Tellick Bank(1)@Tellick Bank|"
	    "organisations:ZQX(1)@ZQX");
	/* Particles and initials join; a later surname is the person. */
	SCAN(t, "", "Pieter van Dorn met J. Astley. Astley stayed, and "
	    "van Dorn left.",
	    "people:J. Astley(2)@J. Astley|"
	    "people:Pieter van Dorn(2)@Pieter van Dorn");
	/* A lone word nothing types, or a sentence's first word that the
	 * article also writes in lower case, is no tag. */
	SCAN(t, "", "Trailing badly, the side was trailing. Grovel on.", "");
	/* Two spellings of one surname are one person. */
	SCAN(t, "", "General Oleksandr Syrskyi spoke; later Syrskii "
	    "left, and Oleksandr Syrskii stayed.",
	    "people:Oleksandr Syrskyi(3)@Oleksandr Syrskyi");
	/* An editor's ban wins over any evidence. */
	tagger_never(t, "Halvard Brenn");
	SCAN(t, "", "It was late when President Halvard Brenn arrived.", "");
	tagger_free(t);
}

/* Evidence beyond one sentence: rows of results, names after places,
 * and what the archive's other articles said. */
static void
test_archive(void)
{
	struct tagger *t = typing();
	const char *other[] = { "", "Then Dravik said it was fine." };

	tagger_gazetteer(t, "places", "countries");
	tagger_rows(t, "organisations");
	tagger_placed(t, "organisations");
	/* Teams in a table of results; not a dateline, not a label. */
	SCAN(t, "", "Wexmoor 4 3 0 1 5 3 9",
	    "organisations:Wexmoor(1)@Wexmoor");
	SCAN(t, "", "Attendance: 12 400", "");
	SCAN(t, "", "Wexmoor 1996-08-30", "");
	/* A club named after its home (a country of iso-codes, when the
	 * system has them). */
	SCAN(t, "", "The side Atletico France lost again.",
	    access("/usr/share/iso-codes/json/iso_3166-1.json", R_OK) == 0 ?
	    "organisations:Atletico France(1)@Atletico France" :
	    "people:Atletico France(1)@Atletico France");
	/* A score after a lone word: a team; not a year, not a count,
	 * not a player's figures, not a country's side. */
	SCAN(t, "", "Wexmoor 83 and 174, Dunholt 296.",
	    "organisations:Dunholt(1)@Dunholt|"
	    "organisations:Wexmoor(1)@Wexmoor");
	SCAN(t, "", "He left Wexmoor 1996 and bought Dunholt 747 jets.", "");
	SCAN(t, "", "Later came a bowler, Dravik 10-1-38-2, and J. Orme 69.",
	    "people:J. Orme(1)@J. Orme");
	/* "the" before and "news agency" after: an organisation; not
	 * a people's adjective, whatever the words around it. */
	tagger_cue(t, 0, "the", "organisations");
	tagger_cue(t, 1, "news", "organisations");
	SCAN(t, "", "He told the Brasknet news agency about the Wexmoorish "
	    "side.", "organisations:Brasknet(1)@Brasknet");
	/* A line that lists names between commas is running text. */
	SCAN(t, "", "Ilse Draven, Pieter Anselm, Oskar Pell",
	    "people:Ilse Draven(1)@Ilse Draven|"
	    "people:Oskar Pell(1)@Oskar Pell|"
	    "people:Pieter Anselm(1)@Pieter Anselm");
	SCAN(t, "", "Ilse Draven Pieter Anselm", "");
	/* A lone word nothing in its article types: the archive's
	 * articles, twice over, say it is a person. */
	SCAN(t, "", "The coach praised Dravik on Friday.", "");
	tagger_learn(t, other, 2);
	SCAN(t, "", "The coach praised Dravik on Friday.", "");
	tagger_learn(t, other, 2);
	SCAN(t, "", "The coach praised Dravik on Friday.",
	    "people:Dravik(1)@Dravik");
	/* The evidence says so, with the count. */
	{
		const char *texts[] = { "", "The coach praised Dravik." };
		struct tagger_result r = TAGGER_RESULT_INIT;

		tagger_scan(t, &r, texts, 2);
		CHECK(r.n == 1);
		if (r.n == 1)
			CHECK_STR(r.v[0].origin, "n:1: typed so by the "
			    "archive's articles, times: '2'");
		tagger_result_dispose(&r);
	}
	tagger_free(t);
}

/* The place of a wire dateline is a place of the story, spelt as a
 * declared tag, a gazetteer or capitalised words have it; the body's
 * own mention of it stays one tag. */
static void
test_dateline(void)
{
	struct tagger *t = aliases();
	const char *texts[2] = { "", "Crews in Norbay struck." };
	struct tagger_result r = TAGGER_RESULT_INIT;

	tagger_names(t, "people", "n:1", 1, 4);
	tagger_cue(t, 0, "in", "places");
	tagger_scan(t, &r, texts, 2);
	tagger_scan_dateline(t, &r, "NORBAY");
	tagger_scan_dateline(t, &r, "KIEV");
	/* Off by default: no tag from the dateline. */
	CHECK(r.n == 1 && strcmp(r.v[0].name, "Norbay") == 0 &&
	    r.v[0].count == 1);
	tagger_result_dispose(&r);

	tagger_datelines(t, "places");
	tagger_scan(t, &r, texts, 2);
	tagger_scan_dateline(t, &r, "NORBAY");
	tagger_scan_dateline(t, &r, "KIEV");
	tagger_scan_dateline(t, &r, "ST. ORLA, Wend");
	tagger_scan_dateline(t, &r, "");
	tagger_scan_dateline(t, &r, NULL);
	CHECK(r.n == 3);
	if (r.n == 3) {
		CHECK_STR(r.v[0].name, "Norbay");
		CHECK(r.v[0].count == 2);
		CHECK(strstr(r.v[0].origin, "after 'in'; and the dateline")
		    != NULL);
		CHECK_STR(r.v[1].name, "Kyiv");
		CHECK_STR(r.v[1].origin, "a:2");
		CHECK_STR(r.v[2].kind, "places");
		CHECK_STR(r.v[2].name, "St. Orla");
		CHECK_STR(r.v[2].origin, "n:1: the dateline");
	}
	tagger_result_dispose(&r);
	tagger_free(t);
}

/* In a language that capitalises its nouns, capitals name nothing:
 * only declared spellings are found. A name that starts with a place
 * of several words or a country's code is no person. */
static void
test_language(void)
{
	struct tagger *t = aliases();
	const char *texts[2] = { "", "Der Bereich Gesundheit wuchs in Kiev." };
	const char *en[2] = { "", "He watched the U.S. Open with Ilse "
	    "Draven." };
	struct tagger_result r = TAGGER_RESULT_INIT;

	tagger_names(t, "people", "n:1", 1, 4);
	tagger_word(t, TAGGER_NOUNS, "de");
	tagger_scan_words(t, &r, texts, 2, "de", NULL);
	CHECK(r.n == 1 && strcmp(r.v[0].name, "Kyiv") == 0);
	tagger_result_dispose(&r);
	tagger_scan_words(t, &r, texts, 2, "en", NULL);
	CHECK(r.n == 2);
	tagger_result_dispose(&r);
	if (access("/usr/share/iso-codes/json/iso_3166-1.json", R_OK) == 0) {
		tagger_gazetteer(t, "places", "countries");
		tagger_scan_words(t, &r, en, 2, "en", NULL);
		CHECK(r.n == 1 && strcmp(r.v[0].name, "Ilse Draven") == 0);
		tagger_result_dispose(&r);
	}
	tagger_free(t);
}

/* a:mentions: whole words, in order, case as the spelling says. */
static void
test_mentions(void)
{
	CHECK(mentions("The border was closed at the border.",
	    "border") == 2);
	CHECK(mentions("A borderline case.", "border") == 0);
	CHECK(mentions("Troops near the BORDER", "border") == 1);
	CHECK(mentions("the peace talks; peace. talks", "peace talks")
	    == 1);
	CHECK(mentions("said Turkey, not turkey", "Turkey") == 1);
	CHECK(mentions("", "x") == 0);
}

/* The scan's words answer a:mentions() as the texts joined by blank
 * lines would: a phrase never runs from one text into the next. */
static void
test_scan_words(void)
{
	static const char *const texts[] = { "Peace talks at the border",
	    "Talks stalled near the BORDER - a borderline case.",
	    "Troops said Turkey's army, not turkey; \xc3\x89TAT \xc3\xa9tat.",
	    NULL, "" };
	static const char *const phrases[] = { "border", "talks",
	    "border talks", "peace talks", "Turkey", "turkey", "troops",
	    "\xc3\xa9tat", "case troops", "x", NULL };
	const char *joined = "Peace talks at the border\n\n"
	    "Talks stalled near the BORDER - a borderline case.\n\n"
	    "Troops said Turkey's army, not turkey; \xc3\x89TAT \xc3\xa9tat.";
	struct tagger *t = tagger_new();
	struct tagger_result r = TAGGER_RESULT_INIT;
	struct tagger_text *words = NULL, *byparts;
	size_t i;

	tagger_add(t, "topics", "peace talks", "peace talks", "t:1");
	tagger_scan_words(t, &r, texts, 5, NULL, &words);
	CHECK(words != NULL);
	for (i = 0; words != NULL && phrases[i] != NULL; i++)
		if (!CHECK(tagger_text_mentions(words, phrases[i]) ==
		    mentions(joined, phrases[i])))
			fprintf(stderr, "  phrase: %s\n", phrases[i]);
	/* The texts themselves, as a:mentions() reads them. */
	byparts = tagger_text_texts(texts, 5);
	for (i = 0; phrases[i] != NULL; i++)
		if (!CHECK(tagger_text_mentions(byparts, phrases[i]) ==
		    mentions(joined, phrases[i])))
			fprintf(stderr, "  phrase: %s\n", phrases[i]);
	tagger_text_free(byparts);
	CHECK(mentions(joined, "border") == 2);
	CHECK(mentions(joined, "\xc3\xa9tat") == 2);
	CHECK(r.n == 1);
	tagger_text_free(words);
	tagger_result_dispose(&r);
	tagger_free(t);
}

/* A phrase of one word is counted in the text itself: as the split
 * words count it, whatever the text's characters fold to (a ligature,
 * the Kelvin sign, a capital sharp s, quotes and dashes beyond
 * ASCII). */
static void
test_mentions_one_word(void)
{
	static const char *const texts[] = {
	    "The \xef\xac\x81re at the border \xe2\x80\x94 FIRE, fire's fire-fight.",
	    "\xe2\x80\x9cKelvin\xe2\x80\x9d \xe2\x84\xaa" "ELVIN kelvin KELVIN2 kelvin",
	    "STRA\xe1\xba\x9e\x45 strasse Stra\xc3\x9f\x65 STRASSE \xc3\x89TAT \xc3\xa9tat",
	    "Turkey turkey TURKEY Turkey's 2024 2024th \xc2\xa0" "border\xc2\xa0",
	    "Fire! FIRE fire2 2fire fire-fire 'fire' (Fire) fIre Kelvin \xe2\x80\x94" "fire",
	    "", "x", NULL };
	static const char *const phrases[] = { "fire", "Fire", "\xef\xac\x81re",
	    "kelvin", "Kelvin", "strasse", "stra\xc3\x9f\x65", "\xc3\xa9tat",
	    "\xc3\x89TAT", "turkey", "Turkey", "2024", "border", "x", "s",
	    "\xef\xac\x81RE", "\xe2\x84\xaa" "ELVIN", "fIre", "FIRE", NULL };
	struct tagger_text *one, *split;
	size_t i, j;

	for (i = 0; texts[i] != NULL; i++) {
		one = tagger_text_new(texts[i]);
		split = tagger_text_new(texts[i]);
		/* Two words: the text is split into its words. */
		(void)tagger_text_mentions(split, "no such");
		for (j = 0; phrases[j] != NULL; j++)
			if (!CHECK(tagger_text_mentions(one, phrases[j]) ==
			    tagger_text_mentions(split, phrases[j])))
				fprintf(stderr, "  text %zu, phrase: %s\n", i,
				    phrases[j]);
		tagger_text_free(one);
		tagger_text_free(split);
	}
	CHECK(mentions(texts[0], "fire") == 3);
	CHECK(mentions(texts[1], "kelvin") == 4);
	CHECK(mentions(texts[2], "strasse") == 4);
	CHECK(mentions(texts[4], "fire") == 8);
	CHECK(mentions(texts[4], "Fire") == 3);
}

int
main(void)
{
	test_spellings();
	test_names();
	test_typing();
	test_archive();
	test_dateline();
	test_language();
	test_mentions();
	test_mentions_one_word();
	test_scan_words();
	test_filters();
	return harness_done();
}
