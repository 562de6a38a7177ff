/*
 * tagger_int.h: what the tagger's files share. Calls run one way:
 * tagger.c (spellings, the scan) on tagger_names.c (the recogniser of
 * names nobody declared), on tagger_spans.c (the shape of a span), on
 * tagger_words.c (one word) and tagger_gaz.c (the gazetteers and
 * settings), and all of them on tagger_toks.c (hashes, tables on
 * core/map.h, words, hits). Not for use outside plugin/rules/.
 */
#ifndef MORGUE_TAGGER_INT_H
#define MORGUE_TAGGER_INT_H

#include <stdint.h>

#include "core/buf.h"
#include "core/map.h"
#include "rules/tagger.h"

#define TAGGER_MAXK	8	/* kinds the recogniser can give */

#define NONE		UINT32_MAX
#define NOFOLD		UINT32_MAX
#define MAX_PLENS	16
#define START_BITS	4096
#define START_WORD	1
#define START_STEM	2

struct tagger_term {
	char	*kind;
	char	*name;
	char	*origin;
};

struct tagger_entry {
	uint32_t	  term;
	uint32_t	  next;		/* next entry with the same key */
	unsigned	  nwords;
	int		  prefix;	/* last word matches as a prefix */
	char		**orig;		/* the words as declared */
	char		**fold;		/* case-folded */
	uint32_t	 *flen;		/* their lengths */
	uint32_t	 *olen;
	unsigned char	 *cased;	/* word has a capital letter */
};

struct suffix {
	char	*kind;
};

struct tagger {
	struct tagger_term *terms;
	size_t		 nterms;
	struct map64	 termmap;	/* hash(kind, name) -> term */
	struct tagger_entry *entries;
	size_t		 nentries;
	struct map64	 words;		/* hash(first word) -> entry chain */
	size_t		 plens[MAX_PLENS];	/* lengths of prefix stems */
	size_t		 nplens;
	/* By the first two bytes of a word (start_bit()): START_WORD
	 * when a spelling's first word starts so, START_STEM when a prefix
	 * stem does. A word without either starts no spelling and needs no
	 * hash. Small, so that it stays in the cache: pairs may share an
	 * entry. pall: a stem of one byte, look always. */
	unsigned char	 starts[START_BITS];
	int		 pall;
	struct map64	 lists[TAGGER_NLISTS];	/* words: value 1 */
	struct map64	 suffixes;	/* hash(word) -> index into skinds */
	struct strv	 skinds;
	char		*names_kind;	/* NULL: recogniser off */
	char		*names_origin;
	unsigned	 names_min;
	unsigned	 names_max;
	/* The recogniser's evidence (tagger_names.c). Kinds are indexes
	 * into skinds. */
	struct map64	 gaz;		/* hash(folded name) -> gazetteer entry */
	struct strv	 gnames;	/* entry: its name as the source writes it */
	uint32_t	*gkinds;	/* entry: its kind */
	unsigned char	*gcountry;	/* entry: GAZ_COUNTRY, GAZ_SUBDIV, 0 */
	size_t		 gcap;		/* room in gkinds and gcountry */
	size_t		 ngaz;
	struct map64	 codes;		/* hash(country code) -> gazetteer entry */
	struct map64	 never;		/* hash(folded name): never a tag */
	/* The language's word list (tagger_gazetteer(), "words"): hash
	 * of the folded word -> DICT_LOWER | DICT_CAPITAL, how the list
	 * writes it. */
	struct map64	 dict;
	struct map64	 cues[2];	/* hash(word) -> kind, before and after */
	uint32_t	 acronyms;	/* kind of an acronym, or NONE */
	uint32_t	 single;	/* of a lone word, untyped, or NONE */
	uint32_t	 rows;		/* of a name in a table row, or NONE */
	uint32_t	 placed;	/* of a name ending in a place's */
	uint32_t	 dateline;	/* of a dateline's place */
	/* What the archive's other articles typed a name as
	 * (tagger_learn()): hash(folded name) -> votes per kind. */
	struct map64	 lex;
	unsigned	(*lexv)[TAGGER_MAXK];
	size_t		 nlex;
};

/* Token flags. */
#define T_HARD	0x01	/* a hard break (not space, hyphen) before it */
#define T_APOS	0x02	/* an apostrophe before it */
#define T_CAP	0x04	/* starts with a capital letter */
#define T_LOWER	0x08	/* has a lower-case letter */
#define T_UPPER	0x10	/* has an upper-case letter */
#define T_WIDE	0x20	/* has a character beyond ASCII */
#define T_SENT	0x40	/* a sentence may start here */
#define T_HASHED 0x80	/* h holds the hash of the folded word: always
			 * for a word with a capital or of a list that
			 * is not lazy, on first use (tagger_tokhash())
			 * for the others */

struct tok {
	const char	*s;
	uint32_t	 len;
	/* The folded form in the scratch buffer, or NOFOLD: the word
	 * is its own. */
	uint32_t	 foff;
	uint32_t	 flen;
	uint32_t	 flags;
	uint64_t	 h;	/* with T_HASHED */
};

struct toks {
	struct tok	*v;
	size_t		 n;
	size_t		 cap;
	struct buf	 fold;
	int		 lazy;	/* 1: a word in lower case is hashed on
				 * its first lookup, not when split; 2: so
				 * is every word (words that are only
				 * compared need no hash) */
};

uint64_t	tagger_hash(const char *s, size_t len);
uint32_t	tagger_hmap_get(const struct map64 *m, uint64_t h);
/* Sets the value of h (replacing an old one). */
void		tagger_hmap_put(struct map64 *m, uint64_t h, uint32_t val);
/* The case-folded hash of the first word of word (0: none). */
uint64_t	tagger_fold_hash(const char *word);
/* Splits s into words appended to tk; the first gets a hard break and
 * may start a sentence. */
void		tagger_tokenize(struct toks *tk, const char *s, size_t len);
/* The next word of s from byte i on, as tagger_tokenize() splits it:
 * its first byte (len: none); its end in *end, its T_UPPER, T_LOWER
 * and T_WIDE in *flags. Nothing is kept. */
size_t		tagger_next_word(const char *s, size_t len, size_t i,
		    size_t *end, uint32_t *flags);
/* Every word of s is of ASCII: no character beyond it belongs to one
 * (quotes and dashes beyond ASCII may be there), so that its words are
 * the runs of tagger_word_byte(). */
int		tagger_words_ascii(const char *s, size_t len);
/* Byte c of ASCII is part of a word: a letter or a figure. */
int		tagger_word_byte(unsigned char c);
/* The folded form of t, valid until tk changes. Inline, as the
 * questions about one word below: they run for every word of every
 * article, where a call costs more than the answer. */
static inline const char *
tagger_tfold(const struct toks *tk, const struct tok *t)
{
	return t->foff == NOFOLD ? t->s : tk->fold.data + t->foff;
}
/* A mix of a folded word's length and of the bytes at its ends: what
 * filters of words index by, which few other words share, at the cost
 * of a multiply. f holds at least one byte (a NUL after an empty
 * word). */
static inline uint32_t
tagger_word_mix(const char *f, size_t len)
{
	uint64_t k = (uint64_t)(unsigned char)f[0] |
	    (uint64_t)(unsigned char)f[len > 1 ? 1 : 0] << 8 |
	    (uint64_t)(unsigned char)f[len > 0 ? len - 1 : 0] << 16 |
	    (uint64_t)len << 24;

	k *= 0x9e3779b97f4a7c15ull;
	return (uint32_t)(k >> 40);
}
/* The hit of (kind, name) in r, new (*fresh = 1) or old. */
struct tagger_hit *tagger_hit_get(struct tagger_result *r, const char *kind,
		    const char *name, const char *origin, int *fresh);
/* Counts an occurrence from token first to last in h. */
void		tagger_record(struct tagger_hit *h, int fresh,
		    const struct tok *first, const struct tok *last,
		    size_t order, int in_title);

/* tagger.c: tagger_read(), handing over the words split in *tk (lazy)
 * and the first word of each text in *tstart (ntexts + 1 entries; free
 * it and tk's memory). */
struct tagger_seen	*tagger_read_words(const struct tagger *t,
			    const char *const *texts, size_t ntexts,
			    const char *language, struct toks *tk,
			    size_t **tstart);

/* tagger_gaz.c: the words of tk as a tagger_text, which takes over
 * their memory (tk must be lazy: words compare by their folded bytes). */
struct tagger_text	*tagger_text_adopt(struct toks *tk);
/* tagger_gaz.c: the key of a name (its folded words), 0 for none; the
 * kind of a gazetteer entry that is no name on its own ("English"). */
uint64_t	tagger_name_key(const char *name, size_t len);
#define GAZ_COMMON	(UINT32_MAX - 1)
/* What a place of the gazetteer is, when the sources say: a country,
 * or only a region of one (no city of that name). */
#define GAZ_COUNTRY	1
#define GAZ_SUBDIV	2
/* How the word list writes a word: in lower case ("mouse"), with a
 * capital ("Mark", a name), or both ("mark" too). */
#define DICT_LOWER	1
#define DICT_CAPITAL	2

/* tagger_names.c: finds the capitalised names of the tokens that no
 * spelling covered, with the evidence for their kinds, which does not
 * depend on the archive: what typing them needs, kept when the tokens
 * go. tstart[i] is the first token of text i (ntexts + 1 entries). Free
 * with tagger_names_found_free(). */
struct tagger_names_found;
struct tagger_names_found *tagger_names_find(const struct tagger *t,
	    const struct toks *tk, const char *covered, const size_t *tstart,
	    size_t ntexts);
void	tagger_names_found_free(struct tagger_names_found *f);
/* The bytes f holds. */
size_t	tagger_names_found_size(const struct tagger_names_found *f);
/* Types and merges the names of f into out, using f up (it is typed
 * in place; only tagger_names_found_free() may follow). */
void	tagger_names_scan(const struct tagger *t, struct tagger_result *out,
	    struct tagger_names_found *f);
/* The same, but what it decides goes into learn's lexicon, and f stays
 * as it was. */
void	tagger_names_learn(struct tagger *learn,
	    const struct tagger_names_found *f);
void	tagger_names_free(struct tagger *t);

/* {==== tagger_words.c: one word of an article */

/* The words the article writes in lower case, by hash: built on the
 * first question, since most articles ask several. */
#define LOWERS_FILTER	1024	/* bytes of the filter of capitalised words */

struct lowers {
	struct map64	 m;	/* hash of the word -> 1 */
	int		 built;
};

/* The hash of word k's folded form. A word in lower case of a lazy
 * list gets it on the first question and keeps it (the hash is a
 * cache, not part of what the word is, hence the const). */
uint64_t	tagger_tokhash(const struct toks *tk, const struct tok *k);
/* Whether list l holds word k. */
int	tagger_listed(const struct tagger *t, enum tagger_list l,
	    const struct toks *tk, const struct tok *k);
static inline int
tagger_all_caps(const struct tok *k)
{
	return (k->flags & T_UPPER) && !(k->flags & T_LOWER);
}

static inline int
tagger_initial(const struct tok *k)
{
	return k->len == 1 && (k->flags & T_UPPER);
}

int	tagger_nameword(const struct tagger *t, const struct toks *tk,
	    const struct tok *k);
int	tagger_sep_is(const struct tok *a, const char *what);
void	tagger_lowers_build(struct lowers *lw, const struct toks *tk);
int	tagger_lower_elsewhere(struct lowers *lw, const struct toks *tk,
	    const struct tok *k);
/* The gazetteer's entry for s, or NONE. */
uint32_t	tagger_gaz_get(const struct tagger *t, const char *s,
	    size_t len);
int	tagger_demonym(const struct tagger *t, const char *f, size_t len);
int	tagger_adjective(const struct tagger *t, const struct toks *tk,
	    const struct tok *k);
/* Word k is a common word of the language and never a name: the word
 * list writes it in lower case only ("mouse", "success"; not "mark",
 * which is "Mark" too, nor a word the list lacks). 0 without a list. */
int	tagger_common_only(const struct tagger *t, const struct toks *tk,
	    const struct tok *k);
/* Word k is a coinage of a brand: a common word after a capital inside
 * it ("TarBook"). */
int	tagger_brand_word(const struct tagger *t, const struct toks *tk,
	    const struct tok *k);

/* }==== */

/* {==== tagger_spans.c: the shape of a span of words and its text */

/* Where a text's words are: running text, or a line of capitalised
 * words (a headline, a menu) or of capitals, where capitals say
 * nothing. */
#define CTX_TEXT	0
#define CTX_TITLE	1
#define CTX_SHOUT	2
#define CTX_ROW		8	/* flag: a row of a table of results */

/* The key of tokens s..e: their folded words, or with dotted the
 * letters of an abbreviation (U.S. and US are one). */
uint64_t	tagger_span_key(const struct toks *tk, size_t s, size_t e,
	    int dotted);
/* Figures that read as a team's score right after token e. */
int	tagger_score_after(const struct toks *tk, size_t e, size_t hi);
/* A people's adjective or name by its ending ("British", "American");
 * with plural, only the endings of a whole people ("Americans"). */
int	tagger_demonym_shaped(const struct toks *tk, const struct tok *k,
	    int plural);
/* The last token of the name that starts at token s. */
size_t	tagger_span_end(const struct tagger *t, const struct toks *tk,
	    const char *covered, size_t s, size_t hi);
/* Token i is an initial of a name though a stop word ("A. Dale"). */
int	tagger_name_initial(const struct tagger *t, const struct toks *tk,
	    const char *covered, size_t i, size_t hi);
/* The first title inside s..e, between two names, or 0. */
size_t	tagger_title_inside(const struct tagger *t, const struct toks *tk,
	    size_t s, size_t e, int holder);
/* The lone word i ends a longer name the recogniser does not take. */
int	tagger_fragment(const struct tagger *t, const struct toks *tk,
	    const char *covered, size_t i, size_t lo);
/* The name at token s is the next item of a list after the one that
 * ends at token e. */
int	tagger_listed_next(const struct toks *tk, size_t e, size_t s);
/* Tokens s..e are an abbreviation of initials ("U.S."). */
int	tagger_dotted(const struct toks *tk, size_t s, size_t e);
/* The CTX_ of text lo..hi (title: it is the headline). */
int	tagger_text_ctx(const struct toks *tk, size_t lo, size_t hi,
	    int title);
/* Tokens s..e are written as a person's name is. */
int	tagger_written_as_name(const struct toks *tk, size_t s, size_t e);
/* Text lo..hi is a row of a table of results. */
int	tagger_table_row(const struct tagger *t, const struct toks *tk,
	    size_t lo, size_t hi);
/* Every word of s..e is written in lower case elsewhere in the article
 * ("Cookie Policy" where "cookie" and "policy" are). */
int	tagger_common_words(struct lowers *lw, const struct toks *tk,
	    size_t s, size_t e);
/* s..e is a phrase of the language's words, not a person's name: a
 * common first word and a last word of the word list, or a last word
 * the article also writes in lower case. */
int	tagger_dict_phrase(const struct tagger *t, struct lowers *lw,
	    const struct toks *tk, size_t s, size_t e);
/* Every word of s..e is a common word of the word list, never a name,
 * or one is a brand's coinage: the name of a thing. */
int	tagger_common_all(const struct tagger *t, const struct toks *tk,
	    size_t s, size_t e);
/* The first word of s..e is a common word before a name. */
int	tagger_describer(const struct tagger *t, const struct toks *tk,
	    size_t s, size_t e);
/* Tokens s..e start with a place of several words or a country code. */
int	tagger_place_first(const struct tagger *t, const struct toks *tk,
	    size_t s, size_t e);

/* }==== */

#endif
