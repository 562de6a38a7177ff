/* outlet.c: the outlet of a page from its URL (outlet.h). */
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/map.h"
#include "core/xalloc.h"
#include "parse/outlet.h"

const char *const outlet_data_files[] = { OUTLET_DICT, OUTLET_PSL, NULL };

/* A host is cut into words of at least this many letters. */
#define SEG_MIN		3

static int
lower_ascii(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
alnum_ascii(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

int
outlet_host(char **out, const char *url)
{
	static const char *const prefixes[] = { "www.", "m.", "amp." };
	const char *h, *e, *at;
	size_t k, i, pl;
	char *s;

	*out = NULL;
	if ((h = strstr(url, "://")) == NULL)
		return -1;
	h += 3;
	e = h + strcspn(h, "/:?#");
	if ((at = memchr(h, '@', (size_t)(e - h))) != NULL)
		h = at + 1;
	s = xstrndup(h, (size_t)(e - h));
	for (i = 0; s[i] != '\0'; i++) {
		s[i] = (char)lower_ascii((unsigned char)s[i]);
		if (!alnum_ascii((unsigned char)s[i]) && s[i] != '.' &&
		    s[i] != '-')
			break;
	}
	h = s;
	for (k = 0; k < sizeof(prefixes) / sizeof(prefixes[0]); k++) {
		pl = strlen(prefixes[k]);
		if (strlen(h) > pl && strncmp(h, prefixes[k], pl) == 0)
			h += pl;
	}
	if (s[i] != '\0' || strchr(h, '.') == NULL) {
		free(s);
		return -1;
	}
	memmove(s, h, strlen(h) + 1);
	*out = s;
	return 0;
}

/* {==== the public suffix list: where a site's own label is ===== */

#define PSL_RULE	1	/* "co.uk" */
#define PSL_WILD	2	/* "*.ck": every label under ck */
#define PSL_EXCEPT	4	/* "!www.ck": not a suffix after all */

static struct map psl = MAP_INIT;
static struct buf psl_text = BUF_INIT;
static pthread_once_t psl_once = PTHREAD_ONCE_INIT;

/* Reads the data file at path into b, each line ending in a NUL: 0, or
 * -1 when it cannot be read (then nothing is found in it). */
static int
read_lines(struct buf *b, const char *path)
{
	size_t i;
	int fd, rc;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	rc = buf_read_fd(b, fd, (size_t)16 << 20);
	close(fd);
	if (rc != 0)
		return -1;
	for (i = 0; i < b->len; i++)
		if (b->data[i] == '\n')
			b->data[i] = '\0';
	return 0;
}

/* Reads Debian's list (publicsuffix) once; its lines are the keys. */
static void
load_psl(void)
{
	char *p, *next;
	size_t *v, flag;
	int added;

	if (read_lines(&psl_text, OUTLET_PSL) < 0)
		return;
	for (p = psl_text.data; p < psl_text.data + psl_text.len; p = next) {
		next = p + strlen(p) + 1;
		p[strcspn(p, " \t\r")] = '\0';	/* the rule ends there */
		if (*p == '\0' || strncmp(p, "//", 2) == 0)
			continue;
		flag = PSL_RULE;
		if (strncmp(p, "*.", 2) == 0) {
			flag = PSL_WILD;
			p += 2;
		} else if (*p == '!') {
			flag = PSL_EXCEPT;
			p++;
		}
		v = map_put(&psl, p, strlen(p), &added);
		*v |= flag;
	}
}

static size_t
psl_flags(const char *name)
{
	size_t *v = map_get(&psl, name, strlen(name));

	return v != NULL ? *v : 0;
}

/* Where host's public suffix starts: the longest rule that matches, an
 * exception cutting its first label; without a rule, the last label. */
static const char *
public_suffix(const char *host)
{
	const char *c, *parent, *last = strrchr(host, '.');

	pthread_once(&psl_once, load_psl);
	for (c = host; c != NULL; c = strchr(c, '.') != NULL ?
	    strchr(c, '.') + 1 : NULL) {
		parent = strchr(c, '.');
		if (psl_flags(c) & PSL_EXCEPT)
			return parent != NULL ? parent + 1 : c;
		if ((psl_flags(c) & PSL_RULE) ||
		    (parent != NULL && (psl_flags(parent + 1) & PSL_WILD)))
			return c;
	}
	return last != NULL ? last + 1 : host;
}

int
outlet_host_label(char *out, size_t n, const char *host)
{
	const char *sfx = public_suffix(host), *b;
	size_t len;

	/* The label just before the suffix. */
	if (sfx <= host + 1)
		return -1;
	for (b = sfx - 1; b > host && b[-1] != '.'; b--)
		;
	len = (size_t)(sfx - 1 - b);
	if (len == 0 || len + 1 > n)
		return -1;
	memcpy(out, b, len);
	out[len] = '\0';
	return 0;
}

/* }==== */

int
outlet_spells(const char *p, size_t len, const char *label)
{
	char w[128];
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		if ((unsigned char)p[i] >= 0x80)
			return 0;
		if (alnum_ascii((unsigned char)p[i])) {
			if (n + 1 >= sizeof(w))
				return 0;
			w[n++] = (char)lower_ascii((unsigned char)p[i]);
		}
	}
	w[n] = '\0';
	if (n == 0)
		return 0;
	return strcmp(w, label) == 0 ||
	    (strncmp(w, "the", 3) == 0 && strcmp(w + 3, label) == 0) ||
	    (strncmp(label, "the", 3) == 0 && strcmp(label + 3, w) == 0);
}

/* Whether the folded letters w[0..n) can still grow into a spelling of
 * label (outlet_spells()): a prefix of label, of "the" + label, or of
 * label less its "the". */
static int
could_spell(const char *w, size_t n, const char *label, size_t ll)
{
	if (n <= ll && memcmp(w, label, n) == 0)
		return 1;
	if (n <= 3 ? memcmp(w, "the", n) == 0 : n - 3 <= ll &&
	    memcmp(w, "the", 3) == 0 && memcmp(w + 3, label, n - 3) == 0)
		return 1;
	return ll > 3 && strncmp(label, "the", 3) == 0 && n <= ll - 3 &&
	    memcmp(w, label + 3, n) == 0;
}

/* The end of the run of capitalised words at s that spells label, or
 * NULL. The run is given up at the first letter that cannot lead to
 * the label. */
static const char *
spelled_at(const char *text, const char *s, const char *label, size_t ll)
{
	const char *q;
	char w[128];
	size_t words, n = 0;

	if (s > text && alnum_ascii((unsigned char)s[-1]))
		return NULL;	/* inside a word */
	/* Words of letters and digits, each capitalised, one space apart. */
	for (q = s, words = 0; words < OUTLET_WORDS; q++) {
		if (!((*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9')))
			return NULL;
		for (; alnum_ascii((unsigned char)*q); q++) {
			w[n++] = (char)lower_ascii((unsigned char)*q);
			if (n + 1 >= sizeof(w) || !could_spell(w, n, label, ll))
				return NULL;
		}
		words++;
		if (outlet_spells(s, (size_t)(q - s), label))
			return q;
		if (*q != ' ')
			return NULL;
	}
	return NULL;
}

static char
upper_ascii(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/* The first run of capitalised words in text that spells label, or
 * NULL. Such a run starts with the capital of the label's first letter
 * ("Harbour Gazette"), or with "The " and that capital ("The Harbour
 * Gazette"); for a label that begins with "the", with "The " or nothing
 * before the capital of the letter after it. Each start is looked for
 * with strstr(), not byte by byte. */
static char *
find_name(const char *text, const char *label)
{
	const char *s, *e, *best = NULL, *best_end = NULL;
	size_t ll = strlen(label), k;
	char needle[2][6];
	int the = ll > 3 && strncmp(label, "the", 3) == 0;
	char c = upper_ascii(label[the ? 3 : 0]);

	needle[0][0] = c;
	needle[0][1] = '\0';
	memcpy(needle[1], "The ", 4);
	needle[1][4] = c;
	needle[1][5] = '\0';
	for (k = 0; k < 2; k++)
		for (s = strstr(text, needle[k]); s != NULL &&
		    (best == NULL || s < best); s = strstr(s + 1, needle[k]))
			if ((e = spelled_at(text, s, label, ll)) != NULL) {
				best = s;
				best_end = e;
				break;
			}
	return best != NULL ? xstrndup(best, (size_t)(best_end - best)) : NULL;
}

/* {==== the word list: hosts cut into words ===== */

static struct map dict = MAP_INIT;
static struct buf dict_text = BUF_INIT;
static pthread_once_t dict_once = PTHREAD_ONCE_INIT;

/* The word list's words of SEG_MIN letters or more, lower case, ASCII
 * letters only (place names too, lower-cased). Read once, kept to the
 * end. */
static void
load_dict(void)
{
	char *p, *w;
	int added;

	if (read_lines(&dict_text, OUTLET_DICT) < 0)
		return;
	for (p = dict_text.data; p < dict_text.data + dict_text.len;
	    p += strlen(p) + 1) {
		for (w = p; *w != '\0'; w++) {
			if (!((*w >= 'a' && *w <= 'z') || (*w >= 'A' &&
			    *w <= 'Z')))
				break;
			*w = (char)lower_ascii((unsigned char)*w);
		}
		if (*w == '\0' && w - p >= SEG_MIN)
			(void)map_put(&dict, p, (size_t)(w - p), &added);
	}
}

int
outlet_segment(struct buf *out, const char *label)
{
	size_t len = strlen(label), best[64], from[64], cut[64], i, j, k, n;
	int digits;

	if (len == 0 || len >= 64)
		return -1;
	/* Only letters and digits can be cut: the list is read only then. */
	for (i = 0; i < len; i++)
		if (!alnum_ascii((unsigned char)label[i]) ||
		    (label[i] >= 'A' && label[i] <= 'Z'))
			return -1;
	pthread_once(&dict_once, load_dict);
	best[0] = 0;
	for (i = 1; i <= len; i++) {
		best[i] = SIZE_MAX;
		for (j = 0; j < i; j++) {
			if (best[j] == SIZE_MAX)
				continue;
			for (digits = 1, k = j; k < i; k++)
				digits &= label[k] >= '0' && label[k] <= '9';
			/* A word of the list, or a number ("channel24"). */
			if ((digits && (j == 0 || label[j - 1] < '0' ||
			    label[j - 1] > '9') && (i == len || label[i] < '0' ||
			    label[i] > '9')) || (i - j >= SEG_MIN &&
			    map_get(&dict, label + j, i - j) != NULL)) {
				if (best[j] + 1 < best[i]) {
					best[i] = best[j] + 1;
					from[i] = j;
				}
			}
		}
	}
	if (best[len] == SIZE_MAX)
		return -1;
	/* The starts of the words, back to front. */
	for (n = 0, i = len; i > 0; i = from[i])
		cut[n++] = from[i];
	while (n-- > 0) {
		j = cut[n];
		k = n > 0 ? cut[n - 1] : len;
		if (j > 0)
			buf_putc(out, ' ');
		buf_putc(out, (char)(label[j] >= 'a' && label[j] <= 'z' ?
		    label[j] - 'a' + 'A' : label[j]));
		buf_put(out, label + j + 1, k - j - 1);
	}
	return 0;
}

/* }==== */

char *
outlet_of_url(const char *url, const char *text)
{
	struct buf made = BUF_INIT;
	char label[64], *host, *name = NULL;

	if (outlet_host(&host, url) < 0)
		return NULL;
	if (outlet_host_label(label, sizeof(label), host) < 0)
		return host;
	if (text != NULL)
		name = find_name(text, label);
	if (name == NULL && outlet_segment(&made, label) == 0)
		name = buf_detach(&made);
	buf_dispose(&made);
	if (name == NULL)
		return host;
	free(host);
	return name;
}
