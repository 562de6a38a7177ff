/*
 * byline.h: who wrote a story and where it comes from: bylines, wire
 * agencies, datelines, and the outlet named by a page title (a URL's
 * outlet is outlet.h's).
 *
 * All functions take one line of clean UTF-8 and never keep pointers
 * into it; returned strings are malloc'd and owned by the caller.
 */
#ifndef MORGUE_BYLINE_H
#define MORGUE_BYLINE_H

#include <stddef.h>

#include "core/buf.h"

/* The usual name of the wire agency that s (a whole word or phrase, e.g.
 * "Reuter", "Agence France-Presse", "dpa") stands for, or NULL. Borrowed,
 * static. */
const char *byline_agency(const char *s, size_t len);

/* A byline: "By X", "By X and Y for AFP", "by X, Reuters". Appends the
 * people to out and sets *agency (malloc'd) when one is credited.
 * Returns 0 if s is a byline, -1 if it is not (out untouched). */
int	byline_parse(struct strv *out, char **agency, const char *s);

/* A byline without "By": names credited to a wire agency ("Marta
 * KOWALSKA, AFP", "A, B and C, Reuters", "Ana Pires / AFP"), or names
 * written as agencies write them, the surname in capitals ("Marta
 * KOWALSKA with Jonas VILNIUS in Riga"). Appends the people to out,
 * sets *agency (malloc'd) when one is credited; returns 0, or -1 when s
 * is no such line (out untouched). */
int	byline_credit(struct strv *out, char **agency, const char *s);

/* "CLARA BENN, Staff Reporter": appends the name to out and returns 0,
 * or -1 when s is no such line. */
int	byline_staff(struct strv *out, const char *s);

/* True when s looks like a list of personal names ("Olga Shylenko",
 * "A.Š.", "John T Psaropoulos"): what may follow a lone "By" line. */
int	byline_is_names(const char *s, size_t len);

/* True when the letters of s are all capitals (at least two). */
int	byline_is_caps(const char *s);

/* A dateline at the start of the first paragraph: "KIEV (AFP) - ",
 * "WASHINGTON, Feb 26 (Reuters) – ", "(CNN) -- ", "SINGAPORE -- ",
 * "Kyiv/Moscow: ", "МОСКВА, 4 авг - РИА Новости. ". Returns the length
 * of the prefix to cut (0: no dateline) and sets *place, *agency and
 * *outlet (each malloc'd or NULL). */
size_t	byline_dateline(char **place, char **agency, char **outlet,
	    const char *s);

/* The place part of a dateline field that holds only the dateline
 * ("    SALVADOR, Feb 26 - "): NULL when it holds no place and date. */
char	*byline_place(const char *s);

/* Splits a page title "Headline | Section | Outlet" or "Headline -
 * Outlet": returns the headline's length and sets *outlet (malloc'd) when
 * a site suffix is there. */
size_t	byline_title_suffix(char **outlet, const char *s);


#endif
