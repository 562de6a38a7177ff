/*
 * test_tagger_evidence.c: the recogniser's pieces of evidence, one by
 * one, on text of our own (tagger.h): each check shows what a reader
 * sees in the tag lists.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "harness.h"
#include "rules/tagger.h"

/* Scans title and body; returns "kind:name" lines, sorted, joined by
 * "|". */
static char *
scan(const struct tagger *t, const char *title, const char *body)
{
	const char *texts[2] = { title, body };
	struct tagger_result r = TAGGER_RESULT_INIT;
	struct strv lines = STRV_INIT;
	struct buf b = BUF_INIT;
	size_t i;

	tagger_scan(t, &r, texts, 2);
	for (i = 0; i < r.n; i++) {
		buf_reset(&b);
		buf_printf(&b, "%s:%s", r.v[i].kind, r.v[i].name);
		strv_push(&lines, b.data);
	}
	strv_sort(&lines);
	buf_reset(&b);
	for (i = 0; i < lines.n; i++) {
		if (i > 0)
			buf_putc(&b, '|');
		buf_puts(&b, lines.v[i]);
	}
	strv_dispose(&lines);
	tagger_result_dispose(&r);
	return buf_detach(&b);
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

int
main(void)
{
	test_ties();
	test_said();
	test_initials();
	test_inner_title();
	return harness_done();
}
