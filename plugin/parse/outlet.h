/*
 * outlet.h: the outlet of a page from its URL, read from the host and
 * the page's own text, with no list of known sites.
 *
 * A site's host spells its name without spaces: thevalleytimes.example
 * is "The Valley Times", ridgeweekly.example "Ridge Weekly",
 * channel24.example "Channel 24". The name the page writes is the one
 * whose letters are those of the host's registered label; when the page
 * writes none, the label cut into words of the word list, or else the
 * host itself, names the outlet (SPEC: "from the URL host when nothing
 * else says").
 */
#ifndef MORGUE_OUTLET_H
#define MORGUE_OUTLET_H

#include <stddef.h>

/*
 * The host of url without a leading "www.", "m." or "amp.", lower case,
 * into out (malloc'd); 0, or -1 when url has no host.
 */
int	outlet_host(char **out, const char *url);

/*
 * The label a site registers of host: the one before its public suffix,
 * by the public suffix list (OUTLET_PSL, Debian's publicsuffix; without
 * it, the last label is the suffix): "thevalleytimes" of
 * www.thevalleytimes.example, "tidesheet" of news.tidesheet.co.uk; into
 * out (size n). 0, or -1 when host has no such label or it does not fit.
 */
#ifndef OUTLET_PSL
#define OUTLET_PSL	"/usr/share/publicsuffix/public_suffix_list.dat"
#endif
int	outlet_host_label(char *out, size_t n, const char *host);

/*
 * Whether the words of p (len bytes) spell label: their letters and
 * digits, lower case, are label, or label less or plus a leading "the"
 * ("Valley Times" and "The Valley Times" for thevalleytimes).
 */
int	outlet_spells(const char *p, size_t len, const char *label);

/*
 * The host's label cut into words of the word list (OUTLET_DICT,
 * Debian's wamerican) and numbers, each capitalised, the fewest words
 * that cover it ("The Valley Times" of thevalleytimes), appended to out;
 * 0, or -1 when no such cut covers it.
 */
#ifndef OUTLET_DICT
#define OUTLET_DICT	"/usr/share/dict/words"
#endif
struct buf;
int	outlet_segment(struct buf *out, const char *label);

/* The data files the outlet is read with (OUTLET_DICT, OUTLET_PSL), for
 * the keys of what is kept between builds; NULL-terminated. */
extern const char *const outlet_data_files[];

/*
 * The outlet of a page at url whose text is text (NUL-terminated): the
 * first run of one to OUTLET_WORDS capitalised words in text that
 * spells the host's label; else the label cut into words; else the
 * host. malloc'd; NULL when url has no host.
 */
#define OUTLET_WORDS	6
char	*outlet_of_url(const char *url, const char *text);

#endif
