/*
 * blocks_list.c: the lists and tables of a web page (blocks.h): numbered
 * items and "label: value" rows are the story's however short their
 * lines, where a run of short lines elsewhere is furniture.
 */
#include <string.h>

#include "parse/blocks.h"
#include "parse/text.h"

/* A numbered list: items 1, 2, 3 ... at least LIST_ITEMS of them, each
 * within LIST_GAP blocks of the last. */
#define LIST_ITEMS	3
#define LIST_GAP	3
/* A "label: value" row: the label within LABEL_BYTES and LABEL_WORDS
 * words. */
#define LABEL_BYTES	48
#define LABEL_WORDS	5

int
blocks_item_number(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int v = 0, nd = 0, nl = 0;

	for (; *p >= '0' && *p <= '9' && nd < 4; p++, nd++)
		v = v * 10 + (*p - '0');
	if (nd == 0 || nd > 3 || v == 0)
		return 0;
	/* An ordinal's ending (1a, 2nd, 3rd): a letter or two, then a
	 * space; a number glued to a word ("1of4") is a counter. */
	while (nl < 3 && ((p[nl] >= 'a' && p[nl] <= 'z') || (p[nl] == 0xc2 &&
	    (p[nl + 1] == 0xba || p[nl + 1] == 0xaa))))
		nl += p[nl] == 0xc2 ? 2 : 1;
	if (nl > 0) {
		if (nl > 2 || p[nl] != ' ')
			return 0;
		p += nl;
	} else if ((*p == ')' || *p == '.' || *p == '-') &&
	    !(p[1] >= '0' && p[1] <= '9'))
		p++;		/* 1) 1. 1- but not 1.5, 10:30, 1,200, 1/2 */
	else if (*p != ' ' && *p != '\t')
		return 0;
	while (*p == ' ' || *p == '\t')
		p++;
	/* A bare number is a ranking's counter (most read), no item. */
	return *p == '\0' ? 0 : v;
}

size_t
blocks_lists(unsigned char *in_list, const char *const *texts, size_t n)
{
	size_t i = 0, j, g, k, last, found = 0;

	memset(in_list, 0, n);
	while (i < n) {
		if (blocks_item_number(texts[i]) != 1) {
			i++;
			continue;
		}
		/* Follow 2, 3, ... each within a few blocks of the last. */
		for (k = 1, last = i;; k++) {
			for (g = 1; g <= LIST_GAP && last + g < n; g++)
				if (blocks_item_number(texts[last + g]) ==
				    (int)k + 1)
					break;
			if (g > LIST_GAP || last + g >= n)
				break;
			last += g;
		}
		if (k < LIST_ITEMS) {
			i++;
			continue;
		}
		/* An item's lines after the last item, as many as after
		 * the one before it. */
		for (j = last - 1; j > i && blocks_item_number(texts[j]) == 0;)
			j--;
		for (g = last - j - 1; g > 0 && last + 1 < n &&
		    blocks_item_number(texts[last + 1]) == 0; g--)
			last++;
		for (j = i; j <= last; j++)
			in_list[j] = 1;
		found++;
		i = last + 1;
	}
	return found;
}

int
blocks_label_line(const char *s)
{
	const char *p;
	size_t words = 1;

	for (p = s; *p != '\0' && p - s < LABEL_BYTES; p++) {
		if (*p == ' ')
			words++;
		else if (*p == ':' && p[1] == ' ' && p > s)
			break;
	}
	if (*p != ':' || words > LABEL_WORDS)
		return 0;
	for (p += 2; *p == ' ';)
		p++;
	return *p != '\0' && !text_sentence_end(s);
}
