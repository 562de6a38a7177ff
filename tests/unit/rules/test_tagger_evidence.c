/*
 * test_tagger_evidence.c: the recogniser's pieces of evidence, one by
 * one, on text of our own (tagger.h): each check shows what a reader
 * sees in the tag lists.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "harness.h"
#include "rules/tagger.h"
#include "tagger_lines.h"

/* A tag as "kind:name". */
static int
kind_line(struct buf *b, const struct tagger_hit *h, const void *arg)
{
	(void)arg;
	buf_printf(b, "%s:%s", h->kind, h->name);
	return 1;
}

/* Scans title and body; returns "kind:name" lines, sorted, joined by
 * "|". */
static char *
scan(const struct tagger *t, const char *title, const char *body)
{
	return tagger_lines(t, title, body, kind_line, NULL);
}

#define SCAN(t, body, want) do {				\
	char *got_ = scan((t), "", (body));			\
	CHECK_STR(got_, (want));				\
	free(got_);						\
} while (0)

/* A recogniser with the words every test below relies on; kinds are
 * declared in the order given (0: places first, 1: organisations). */
static struct tagger *
recogniser(int order)
{
	struct tagger *t = tagger_new();
	static const char *const stop[] = { "The", "A", "I", "In", "On",
	    "He", "After", NULL };
	size_t i;

	tagger_names(t, "people", "n:1", 1, 4);
	for (i = 0; stop[i] != NULL; i++)
		tagger_word(t, TAGGER_STOP, stop[i]);
	tagger_word(t, TAGGER_TITLE, "President");
	tagger_word(t, TAGGER_TITLE, "Minister");
	tagger_word(t, TAGGER_CONNECT, "of");
	if (order == 0) {
		tagger_cue(t, 0, "in", "places");
		tagger_cue(t, 0, "the", "organisations");
	} else {
		tagger_cue(t, 0, "the", "organisations");
		tagger_cue(t, 0, "in", "places");
	}
	tagger_cue(t, 1, "said", "people");
	tagger_cue(t, 1, "told", "people");
	tagger_suffix(t, "Association", "organisations");
	return t;
}

/* Evidence of equal weight for two kinds: the same answer whatever the
 * order the rules declared the kinds in. */
static void
test_ties(void)
{
	struct tagger *a = recogniser(0), *b = recogniser(1);
	const char *text = "Crowds in Tarvel cheered; the Tarvel won.";
	char *x = scan(a, "", text), *y = scan(b, "", text);

	CHECK_STR(x, y);
	CHECK(strstr(x, "Tarvel") != NULL);
	free(x);
	free(y);
	tagger_free(a);
	tagger_free(b);
}

/* "said" after a surname shaped as an adjective of a people still
 * says a person; after a whole people ("the Norvanians") it does
 * not. */
static void
test_said(void)
{
	struct tagger *t = recogniser(0);

	SCAN(t, "The fight was long, Vardan told reporters.",
	    "people:Vardan");
	SCAN(t, "The talks stalled, Norvanians said.", "");
	tagger_free(t);
}

/* An initial that is also a word ("A", "I") starts a name when a full
 * stop and a surname follow it; a letter before a colon does not. */
static void
test_initials(void)
{
	struct tagger *t = recogniser(0);

	SCAN(t, "Bowling: A. Orlund 4-38, I. Pessel 2-19.",
	    "people:A. Orlund|people:I. Pessel");
	SCAN(t, "Grade A.: Fine wool.", "");
	SCAN(t, "Part I. \xe2\x80\x93 Complete Works", "");
	tagger_free(t);
}

/* A title between two names: the body's name, then the person who
 * holds the title; one word after the title may end the first name. */
static void
test_inner_title(void)
{
	struct tagger *t = recogniser(0);
	char *got;

	SCAN(t, "Yesterday the Wexmoor Rowing Association President Ilse "
	    "Draven spoke.",
	    "organisations:Wexmoor Rowing Association|people:Ilse Draven");
	got = scan(t, "", "Fans of Tarvel President Orlan cheered.");
	CHECK(strstr(got, "Tarvel President Orlan") != NULL);
	free(got);
	tagger_free(t);
}

/* A name that only its shape makes a person takes the kind that the
 * archive's other articles gave it by evidence; what only the shape
 * said elsewhere teaches nothing. */
static void
test_archive_shape(void)
{
	struct tagger *t = recogniser(0);
	const char *table[] = { "", "Tarvel Borin 4 3 0 1 9" };
	const char *plain[] = { "", "Then Orla Venn came." };

	tagger_rows(t, "organisations");
	SCAN(t, "Fans of Tarvel Borin cheered.", "people:Tarvel Borin");
	tagger_learn(t, plain, 2);
	tagger_learn(t, plain, 2);
	SCAN(t, "Fans of Orla Venn cheered.", "people:Orla Venn");
	tagger_learn(t, table, 2);
	SCAN(t, "Fans of Tarvel Borin cheered.",
	    "organisations:Tarvel Borin");
	tagger_free(t);
}

/* A word after a declared name ends that longer name: "said" after
 * it says nothing of it. */
static void
test_fragment(void)
{
	struct tagger *t = recogniser(0);

	tagger_add(t, "places", "Tarvel", "Tarvel", "a:1");
	SCAN(t, "Prices rose, the Tarvel Daily said.", "places:Tarvel");
	SCAN(t, "Prices rose in Tarvel, Orlund said.",
	    "people:Orlund|places:Tarvel");
	tagger_free(t);
}

/* A dash between spaces parts two names; a hyphen inside a word
 * joins it. */
static void
test_dash(void)
{
	struct tagger *t = recogniser(0);

	SCAN(t, "Scorers: Tarvel - Ilse Tyler-Draven (12th minute).",
	    "people:Ilse Tyler-Draven");
	tagger_free(t);
}

/* A name ending in a town's name is a club or a firm named after its
 * home; one ending in a region's name is as often a surname as a
 * place: only other evidence types it. */
static void
test_placed(void)
{
	struct tagger *t = recogniser(0);

	if (access("/usr/share/iso-codes/json/iso_3166-2.json", R_OK) != 0 ||
	    access("/usr/share/zoneinfo/zone1970.tab", R_OK) != 0) {
		harness_skip("iso-codes or tzdata absent: no gazetteer");
		tagger_free(t);
		return;
	}
	tagger_gazetteer(t, "places", "subdivisions");
	tagger_gazetteer(t, "places", "cities");
	tagger_placed(t, "organisations");
	SCAN(t, "Fans of Deportivo Lisbon cheered Orla Texas.",
	    "organisations:Deportivo Lisbon");
	SCAN(t, "Fans of Deportivo Lisbon cheered; Orla Texas said no.",
	    "organisations:Deportivo Lisbon|people:Orla Texas");
	tagger_free(t);
}

/* Names in one list are of one kind: the untyped ones take the kind
 * the others have; a list of mixed kinds says nothing. */
static void
test_list(void)
{
	struct tagger *t = recogniser(0);

	SCAN(t, "The team: Ilse Draven, Orlund, Pieter Anselm and Oskar "
	    "Pell.",
	    "people:Ilse Draven|people:Orlund|people:Oskar Pell|"
	    "people:Pieter Anselm");
	SCAN(t, "He met Ilse Draven, Orlund, and the Tarvel Association.",
	    "organisations:Tarvel Association|people:Ilse Draven");
	tagger_free(t);
}

/* A letter ends no name. */
static void
test_letter(void)
{
	struct tagger *t = recogniser(0);

	SCAN(t, "The winners of Group B play Orla Venn.", "people:Orla Venn");
	tagger_free(t);
}

/* A tag as "kind:name:origin", the evidence `morgue explain` shows. */
static int
origin_line(struct buf *b, const struct tagger_hit *h, const void *arg)
{
	(void)arg;
	buf_printf(b, "%s:%s:%s", h->kind, h->name, h->origin);
	return 1;
}

/* The evidence names the word that gave it, in quotes, cut short when
 * the word is long. */
static void
test_evidence_text(void)
{
	struct tagger *t = recogniser(0);
	const char *cue = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz";
	struct buf body = BUF_INIT;
	char *got;

	tagger_cue(t, 0, cue, "places");
	buf_printf(&body, "Orla Venn said the road goes %s Karsdal.", cue);
	got = tagger_lines(t, "", body.data, origin_line, NULL);
	CHECK_STR(got, "people:Orla Venn:n:1: before 'said'|"
	    "places:Karsdal:n:1: after "
	    "'abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstu'");
	free(got);
	buf_dispose(&body);
	tagger_free(t);
}

int
main(void)
{
	test_ties();
	test_said();
	test_initials();
	test_inner_title();
	test_archive_shape();
	test_fragment();
	test_dash();
	test_placed();
	test_list();
	test_letter();
	test_evidence_text();
	return harness_done();
}
