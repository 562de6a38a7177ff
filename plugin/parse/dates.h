/*
 * dates.h: publication dates as news text prints them, to ISO 8601.
 *
 * Recognised: 2021-12-01, 2021/12/01, 26-FEB-1987, December 01, 2021,
 * Feb. 27, 2026, 1 Dec 2021, Friday, 27 February 2026, 27.02.2026,
 * 04/08/2008 (day first), 4 августа 2008, and date paths in URLs
 * (/2021/12/01/, /2026/2/20/, /2026/feb/20/). A day and month without a
 * year is not a date here: it cannot be placed in time.
 */
#ifndef MORGUE_DATES_H
#define MORGUE_DATES_H

#include <stddef.h>

/* Finds the first full date in s[0..len) and writes it to out as
 * "YYYY-MM-DD" (NUL-terminated). Returns the offset just past the date,
 * or 0 when s holds no date. */
size_t	dates_find(char out[11], const char *s, size_t len);

/* Whether s begins with "YYYY-MM-DD" naming a real day (year 1000 on):
 * 2025-02-29, 2025-13-45 and 9999-99-99 are not. 1 or 0. */
int	dates_valid_iso(const char *s);

/* The date in a URL's path (/2021/12/01/ and the like); 0 or -1. */
int	dates_from_url(char out[11], const char *url);

/* Month number 1-12 of the English or Russian month name (or its
 * abbreviation, any case, an optional final '.') at s; 0 if none. *used
 * gets the bytes consumed. */
int	dates_month(const char *s, size_t len, size_t *used);

#endif
