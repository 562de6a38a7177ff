/*
 * tagger.h: the compiled matcher behind the rules' declarations.
 *
 * Editors declare spellings (person "Volodymyr Zelensky" { "Zelenskiy",
 * ... }); rules.c hands each one to tagger_add() once, at load time, and
 * the tagger finds all of them in an article in one pass over its words:
 * a hash of each normalised word, then a check of the word sequences that
 * start with it, longest first. Lua patterns never run per spelling per
 * article. The same pass recognises capitalised names that no spelling
 * covers (tagger_names()), so new people and places appear without a rule.
 *
 * Matching rules: a spelling is a sequence of words; words are separated
 * in the text by spaces, hyphens or apostrophes only (never across a full
 * stop or a comma). A spelling with a capital letter matches that exact
 * case or the all-capitals form (KIEV); an all-lower-case spelling
 * matches any case. A spelling ending in '*' matches words that begin
 * with its last word (negotiat* matches Negotiations).
 */
#ifndef MORGUE_TAGGER_H
#define MORGUE_TAGGER_H

#include <stddef.h>

struct tagger;

/* One tag found in a text. Strings are borrowed from the tagger, except
 * surface, which points into the scanned text (first occurrence). */
struct tagger_hit {
	const char	*kind;
	const char	*name;
	const char	*origin;	/* "lua/aliases.lua:12" */
	const char	*surface;	/* the words as written, first time */
	size_t		 surface_len;
	unsigned	 count;
	unsigned	 first;		/* order of the first occurrence */
	int		 in_title;	/* surface is in the title (texts[0]) */
	char		*owned_name;	/* recognised names: owned copy */
	char		*owned_origin;	/* and the evidence that typed them */
};

/* The result of one scan; tagger_result_dispose() frees the inside. */
struct tagger_result {
	struct tagger_hit	*v;
	size_t			 n;
	size_t			 cap;
};

#define TAGGER_RESULT_INIT { NULL, 0, 0 }

/* Returns a new, empty tagger; free with tagger_free(). */
struct tagger	*tagger_new(void);
void		 tagger_free(struct tagger *t);

/*
 * Adds spelling as a way of writing the tag (kind, name); the name itself
 * is always one. Strings are copied. Returns -1 (nothing added) when the
 * spelling has no word in it.
 */
int	tagger_add(struct tagger *t, const char *kind, const char *name,
	    const char *spelling, const char *origin);

/* The capitalised-name recogniser. words are added to its lists:
 * TAGGER_STOP never starts, ends or belongs to a name ("The", "Monday"),
 * TAGGER_TITLE is dropped from the front of one ("President"). */
enum tagger_list {
	TAGGER_STOP,
	TAGGER_TITLE,
	TAGGER_PARTICLE,	/* joins two name words ("van", "de") */
	TAGGER_CONNECT,		/* joins after a suffix word ("of") */
	TAGGER_NOUNS,		/* languages that capitalise every noun
				 * ("de"): no names recognised there */
	TAGGER_NLISTS
};
void	tagger_word(struct tagger *t, enum tagger_list list, const char *word);
/* A name whose last word is word gets this kind ("Bank": organisations). */
void	tagger_suffix(struct tagger *t, const char *word, const char *kind);
/*
 * Evidence for the kind of a recognised name. tagger_gazetteer() loads
 * the names of source ("countries", "former countries", "subdivisions",
 * "cities", from iso-codes and the time-zone tables; "languages", with
 * kind NULL: words that are never a name on their own; "words", with
 * kind NULL: the word list of tagger_wordlist()); returns -1 for
 * an unknown source, 0 otherwise (a source the system lacks adds none).
 * tagger_cue(): a word just before (after = 0) or after the name gives
 * it kind ("in" places, "said" people). tagger_acronyms(): a word in
 * capitals inside ordinary text ("NATO") is of kind. tagger_never():
 * a name that is never a tag, whatever the evidence.
 */
int	tagger_gazetteer(struct tagger *t, const char *kind,
	    const char *source);
/*
 * The language's word list at path, one word a line, as the system's
 * /usr/share/dict/words writes it (gazetteer source "words", which
 * tagger_gazetteer() loads with kind NULL): how the list writes a word,
 * in lower case, with a capital or both, tells a common word from a
 * name ("Mouse" is a common word, "Mark" may be a name). Returns -1
 * when path cannot be read (nothing added), 0 otherwise.
 */
int	tagger_wordlist(struct tagger *t, const char *path);
/* The system files the sources above may read, NULL-terminated: what
 * a tag depends on beside the article and the rules, so that a cache
 * of rule results keyed by them sees an upgrade of iso-codes, tzdata
 * or the word list. */
extern const char *const tagger_data_files[];
void	tagger_cue(struct tagger *t, int after, const char *word,
	    const char *kind);
void	tagger_acronyms(struct tagger *t, const char *kind);
void	tagger_never(struct tagger *t, const char *name);
/* The kind of a lone capitalised word of running text that no evidence
 * types (NULL, the default: it is no tag). */
void	tagger_single(struct tagger *t, const char *kind);
/* The kind of the names in a row of a table of results ("Norwich 4 3
 * 0 1", "Wigan 42 Bradford Bulls 36"): teams. NULL: no evidence. */
void	tagger_rows(struct tagger *t, const char *kind);
/* The kind of a name of several words whose last is a place's ("Real
 * Madrid"): clubs and firms named after their home. NULL: none. */
void	tagger_placed(struct tagger *t, const char *kind);

/* The kind of the place of a wire dateline ("LONDON", "ST. LOUIS"):
 * a dateline names where the story was filed. NULL: no tag. */
void	tagger_datelines(struct tagger *t, const char *kind);
/* Adds the dateline place to out, after tagger_scan(): in the
 * spelling a declared tag or a gazetteer gives it ("KIEV" is "Kyiv"),
 * else in capitalised words. Nothing when datelines are off or place
 * has no word. */
void	tagger_scan_dateline(const struct tagger *t, struct tagger_result *out,
	    const char *place);

/* How many times a text holds a phrase as whole words (the matching
 * rules above: "border" is not in "borderline"), the text split into
 * words once for many phrases. tagger_text_new() copies nothing: text
 * must outlive the result; free it with tagger_text_free() (NULL is
 * fine). */
struct tagger_text;
struct tagger_text	*tagger_text_new(const char *text);
/* The same for the n texts (NULL ones are none) joined by blank lines,
 * as tagger_scan_words() reads them; it copies texts, not the strings. */
struct tagger_text	*tagger_text_texts(const char *const *texts,
			    size_t n);
unsigned		 tagger_text_mentions(const struct tagger_text *tt,
			    const char *phrase);
void			 tagger_text_free(struct tagger_text *tt);

/* Turns the recogniser on (kind for unclassified names, e.g. "people";
 * NULL turns it off) for names of min_words to max_words words. */
void	tagger_names(struct tagger *t, const char *kind, const char *origin,
	    unsigned min_words, unsigned max_words);

/* Scans the texts (in order; a break between texts is a hard one) and
 * appends the tags found to out. texts[0] is the title: spellings are
 * found there, capitalised names are not (headlines capitalise words). */
void	tagger_scan(const struct tagger *t, struct tagger_result *out,
	    const char *const *texts, size_t ntexts);
/* The same for an article in language (an ISO 639-1 code, or NULL):
 * in a language of TAGGER_NOUNS only spellings are found. With words
 * not NULL, *words gets the texts' words for tagger_text_mentions():
 * those of the texts joined by blank lines, split only once (they point
 * into texts, which must outlive them; free with tagger_text_free()). */
void	tagger_scan_words(const struct tagger *t, struct tagger_result *out,
	    const char *const *texts, size_t ntexts, const char *language,
	    struct tagger_text **words);
void	tagger_result_dispose(struct tagger_result *r);

/*
 * Archive-wide typing: runs the recogniser over one article's texts (as
 * tagger_scan() would) and remembers what it typed each name as, and
 * each full name's surname as a person. Later scans give a lone word
 * that nothing in its own article types the kind the archive gave it
 * most. Call it for every article before scanning any.
 */
void	tagger_learn(struct tagger *t, const char *const *texts,
	    size_t ntexts);
void	tagger_learn_lang(struct tagger *t, const char *const *texts,
	    size_t ntexts, const char *language);

/*
 * What one reading of an article's texts finds: the spellings, and the
 * names with the evidence for their kinds, before the archive's votes
 * type them. tagger_read() reads the texts once (as tagger_scan_words()
 * does; they must outlive the result); tagger_learn_seen() then is
 * tagger_learn_lang() of them (as often as needed), and
 * tagger_scan_seen() tagger_scan_words(), which uses seen up: only
 * tagger_seen_free() may follow. An article learnt, then scanned, is
 * read only once. Free with tagger_seen_free() (NULL is fine).
 */
struct tagger_seen;
/* The bytes seen holds (about 10 kB for an article of news). */
size_t	tagger_seen_size(const struct tagger_seen *seen);
struct tagger_seen	*tagger_read(const struct tagger *t,
			    const char *const *texts, size_t ntexts,
			    const char *language);
void	tagger_learn_seen(struct tagger *t, const struct tagger_seen *seen);
void	tagger_scan_seen(const struct tagger *t, struct tagger_result *out,
	    struct tagger_seen *seen);
void	tagger_seen_free(struct tagger_seen *seen);

#endif
