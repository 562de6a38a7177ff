/*
 * test_tagger_words.c: the language's word list as evidence against
 * people that are not (tagger_wordlist()): a list of our own, written
 * to a temporary file, and text of our own. Each check shows the
 * people a reader would see.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "harness.h"
#include "rules/tagger.h"
#include "tagger_lines.h"

/* Common words in lower case only, names with a capital, and words
 * written both ways ("Mark", "mark"). */
static const char *const list[] = {
	"magic", "mouse", "lunch", "break", "keyboard", "book", "fullback",
	"offender", "registry", "sport", "fee", "pods", "air", "tiger",
	"Mark", "mark", "Woods", "woods", "Anna", "Brask", "Nation",
	"nation", "trading", "Mark's", "tow-path",
	NULL
};

static char path[64];

/* Writes the list to a temporary file; its name is in path. */
static int
write_list(void)
{
	FILE *fp;
	int fd;
	size_t i;

	snprintf(path, sizeof(path), "/tmp/morgue-words.XXXXXX");
	if ((fd = mkstemp(path)) < 0 || (fp = fdopen(fd, "w")) == NULL)
		return -1;
	for (i = 0; list[i] != NULL; i++)
		fprintf(fp, "%s\n", list[i]);
	return fclose(fp);
}

/* A person's name; with *all, any tag as "kind:name". */
static int
person_line(struct buf *b, const struct tagger_hit *h, const void *all)
{
	if (*(const int *)all)
		buf_printf(b, "%s:", h->kind);
	else if (strcmp(h->kind, "people") != 0)
		return 0;
	buf_puts(b, h->name);
	return 1;
}

/* People found in body, sorted, joined by "|"; with all, every tag as
 * "kind:name". */
static char *
tags(const struct tagger *t, const char *body, int all)
{
	return tagger_lines(t, "", body, person_line, &all);
}

#define PEOPLE(t, body, want) do {				\
	char *got_ = tags((t), (body), 0);			\
	CHECK_STR(got_, (want));				\
	free(got_);						\
} while (0)

/* A recogniser with a few stop words and titles; with the word list
 * when words is set. */
static struct tagger *
recogniser(int words)
{
	struct tagger *t = tagger_new();

	tagger_names(t, "people", "n:1", 1, 4);
	tagger_word(t, TAGGER_STOP, "The");
	tagger_word(t, TAGGER_STOP, "A");
	tagger_word(t, TAGGER_TITLE, "Minister");
	tagger_word(t, TAGGER_TITLE, "State");
	tagger_cue(t, 1, "said", "people");
	tagger_suffix(t, "Union", "organisations");
	if (words)
		CHECK(tagger_wordlist(t, path) == 0);
	return t;
}

/* Two common words are a thing, not a person; without the list they
 * are taken for one. */
static void
test_common_phrase(void)
{
	struct tagger *bare = recogniser(0), *t = recogniser(1);
	const char *text = "Sales of the Magic Mouse rose in June.";

	PEOPLE(bare, text, "Magic Mouse");
	PEOPLE(t, text, "");
	/* A name the list knows with a capital stays a person, and so
	 * does a surname it lacks. */
	PEOPLE(t, "The race went to Mark Tiller on Sunday.", "Mark Tiller");
	PEOPLE(t, "The race went to Tiger Ramusch on Sunday.",
	    "Tiger Ramusch");
	tagger_free(bare);
	tagger_free(t);
}

/* A title or "said" does not make a phrase of common words a person. */
static void
test_common_after_title(void)
{
	struct tagger *t = recogniser(1);

	PEOPLE(t, "Names go on the State Offender Registry by law.", "");
	PEOPLE(t, "The quiz ended, Lunch Break said in a post.", "");
	PEOPLE(t, "The talks ended, Minister Anna Brask said.", "Anna Brask");
	tagger_free(t);
}

/* A name whose last word is a common word the article also writes in
 * lower case is a thing ("Vestal Keyboard" beside "keyboard"); the
 * same word as a surname, never written so, is kept. */
static void
test_last_word_lowered(void)
{
	struct tagger *t = recogniser(1);

	PEOPLE(t, "The Vestal Keyboard is a keyboard for the road.", "");
	PEOPLE(t, "The prize went to Tomas Keyboard of Orlund.",
	    "Tomas Keyboard");
	tagger_free(t);
}

/* A common word before a name of two words describes its bearer and
 * is no part of the name; before a body's name it stays. */
static void
test_describer(void)
{
	struct tagger *t = recogniser(1);
	char *got;

	PEOPLE(t, "The visitors led when Fullback Anna Tarvo scored.",
	    "Anna Tarvo");
	/* With a particle inside, whose word is in lower case (under
	 * valgrind: no read of a hash the tokenizer left unset). */
	tagger_word(t, TAGGER_PARTICLE, "van");
	PEOPLE(t, "The visitors led when Fullback Anna van Tarvo scored.",
	    "Anna van Tarvo");
	got = tags(t, "The Trading Nation Union met in Orlund.", 1);
	CHECK_STR(got, "organisations:Trading Nation Union");
	free(got);
	tagger_free(t);
}

/* A brand's coinage (a common word after a capital inside a word) names
 * a thing; a name's prefix before a capital does not. */
static void
test_brand(void)
{
	struct tagger *t = recogniser(1);

	PEOPLE(t, "Sales of the TarBook Air and the VexPods rose.", "");
	PEOPLE(t, "The song was written by Joan McFee in Orlund.",
	    "Joan McFee");
	PEOPLE(t, "The match went to Anna LaTorre in Orlund.",
	    "Anna LaTorre");
	tagger_free(t);
}

/* A single common word is no person even before "said"; a list that
 * cannot be read adds nothing. */
static void
test_single_and_missing(void)
{
	struct tagger *t = recogniser(1), *u = tagger_new();

	PEOPLE(t, "The year was good, Sport said in its report.", "");
	CHECK(tagger_wordlist(u, "/nonexistent/words") == -1);
	tagger_free(t);
	tagger_free(u);
}

int
main(void)
{
	if (write_list() < 0) {
		fprintf(stderr, "cannot write a word list in /tmp\n");
		return 1;
	}
	test_common_phrase();
	test_common_after_title();
	test_last_word_lowered();
	test_describer();
	test_brand();
	test_single_and_missing();
	unlink(path);
	return harness_done();
}
