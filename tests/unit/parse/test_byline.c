/* test_byline.c: bylines, agencies, datelines, outlets. */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "parse/byline.h"
#include "harness.h"

static void
test_agency(void)
{
	CHECK_STR(byline_agency("Reuter", 6), "Reuters");
	CHECK_STR(byline_agency(" Agence France-Presse ", 22), "AFP");
	CHECK_STR(byline_agency("dpa", 3), "dpa");
	CHECK(byline_agency("Daily Planet", 12) == NULL);
	CHECK(byline_agency("ap", 2) == NULL);	/* short names: exact case */
}

static void
test_byline(void)
{
	struct strv a = STRV_INIT;
	char *ag = NULL;

	CHECK(byline_parse(&a, &ag, "By Mara Quill for AFP") == 0);
	CHECK(a.n == 1 && strcmp(a.v[0], "Mara Quill") == 0);
	CHECK_STR(ag, "AFP");
	free(ag), ag = NULL, strv_dispose(&a);

	CHECK(byline_parse(&a, &ag, "by Tom Baxter, Reuter") == 0);
	CHECK(a.n == 1 && strcmp(a.v[0], "Tom Baxter") == 0);
	CHECK_STR(ag, "Reuters");
	free(ag), ag = NULL, strv_dispose(&a);

	CHECK(byline_parse(&a, &ag, "By Ann Lee, Bo Dunn and Cy Ortiz") == 0);
	CHECK(a.n == 3 && strcmp(a.v[2], "Cy Ortiz") == 0);
	CHECK(ag == NULL);
	strv_dispose(&a);

	CHECK(byline_parse(&a, &ag, "BY KIT MARLOWE") == 0);
	CHECK(a.n == 1 && strcmp(a.v[0], "KIT MARLOWE") == 0);
	strv_dispose(&a);

	CHECK(byline_parse(&a, &ag, "by Anadolu Agency") == 0);
	CHECK(a.n == 0);
	CHECK_STR(ag, "Anadolu Agency");
	free(ag), ag = NULL, strv_dispose(&a);

	/* Sentences that start with "By" are not bylines. */
	CHECK(byline_parse(&a, &ag, "By any account the plan failed.") < 0);
	CHECK(byline_parse(&a, &ag, "By late 2010 the town had grown") < 0);
	CHECK(byline_parse(&a, &ag, "Byron Hale said so") < 0);
	CHECK(a.n == 0 && ag == NULL);
}

static void
test_names(void)
{
	CHECK(byline_is_names("Olu Adeyemi", 11));
	CHECK(byline_is_names("J.K.", 4));
	CHECK(byline_is_names("Ana de Souza", 12));
	CHECK(!byline_is_names("the editors", 11));
	CHECK(!byline_is_names("Page 2", 6));
	CHECK(!byline_is_names("", 0));
}

static size_t
dl(char **place, char **agency, char **outlet, const char *s)
{
	return byline_dateline(place, agency, outlet, s);
}

static void
test_dateline(void)
{
	char *p, *a, *o;
	size_t n;

	n = dl(&p, &a, &o, "OSLO (AFP) - The fjord froze.");
	CHECK_STR(p, "OSLO");
	CHECK_STR(a, "AFP");
	CHECK(strcmp("The fjord froze.", "OSLO (AFP) - The fjord froze." +
	    n) == 0);
	free(p), free(a), free(o);

	/* A wire service the table does not know, by its name's shape. */
	n = dl(&p, &a, &o, "TROMSO, May 2 (Polar Wire) - Ice.");
	CHECK_STR(p, "TROMSO");
	CHECK_STR(a, "Polar Wire");
	CHECK(n == strlen("TROMSO, May 2 (Polar Wire) - "));
	free(p), free(a), free(o);
	n = dl(&p, &a, &o, "TROMSO, May 2 (Harbour Gazette) - Ice.");
	CHECK(n == 0 && a == NULL);
	free(p), free(a), free(o);

	n = dl(&p, &a, &o, "LIMA, Peru, March 3 (Reuters) \xe2\x80\x93 Rain.");
	CHECK_STR(p, "LIMA, Peru");
	CHECK_STR(a, "Reuters");
	free(p), free(a), free(o);

	n = dl(&p, &a, &o, "(CNN) -- Snow fell.");
	CHECK(p == NULL && a == NULL);
	CHECK_STR(o, "CNN");
	CHECK(n == strlen("(CNN) -- "));
	free(o);

	n = dl(&p, &a, &o, "Quito/Lima: Talks resumed.");
	CHECK_STR(p, "Quito/Lima");
	free(p), free(a), free(o);

	n = dl(&p, &a, &o, "NAIROBI -- Markets rose.");
	CHECK_STR(p, "NAIROBI");
	free(p), free(a), free(o);

	/* Ordinary sentences have no dateline. */
	CHECK(dl(&p, &a, &o, "Officials said - again - no.") == 0);
	CHECK(dl(&p, &a, &o, "Sales: up 4%.") == 0);
	CHECK(dl(&p, &a, &o, "The mayor (a Democrat) - who won") == 0);
	CHECK(p == NULL && a == NULL && o == NULL);
}

static void
test_place_and_outlet(void)
{
	char *p, *o;
	size_t n;

	p = byline_place("    TULSA, Okla., Mar 9 - ");
	CHECK_STR(p, "TULSA, Okla.");
	free(p);
	CHECK(byline_place(" Smith/Jones - ") == NULL);

	n = byline_title_suffix(&o, "Floods close the pass | World | Hill Times");
	CHECK(n == strlen("Floods close the pass"));
	CHECK_STR(o, "Hill Times");
	free(o);
	n = byline_title_suffix(&o, "Floods close the mountain pass - Hill Times");
	CHECK(n == strlen("Floods close the mountain pass"));
	free(o);
	n = byline_title_suffix(&o, "Up - down");
	CHECK(o == NULL && n == strlen("Up - down"));

}

static void
test_unknown_services(void)
{
	struct strv a = STRV_INIT;
	char *ag = NULL, *p, *o;
	size_t n;

	/* A service the table does not know, credited the usual ways. */
	CHECK(byline_parse(&a, &ag, "By Ida Holm for Northern Press") == 0);
	CHECK(a.n == 1 && strcmp(a.v[0], "Ida Holm") == 0);
	CHECK_STR(ag, "Northern Press");
	free(ag), ag = NULL, strv_dispose(&a);
	CHECK(byline_parse(&a, &ag, "By Ida Holm and Bo Lund for NP") == 0);
	CHECK(a.n == 2);
	CHECK_STR(ag, "NP");
	free(ag), ag = NULL, strv_dispose(&a);
	CHECK(byline_parse(&a, &ag, "By Ida Holm for the first time") < 0);
	/* An outlet, no wire service: the people only. */
	CHECK(byline_parse(&a, &ag, "By Ida Holm for The Daily Planet") == 0);
	CHECK(a.n == 1 && strcmp(a.v[0], "Ida Holm") == 0);
	CHECK(ag == NULL);
	strv_dispose(&a);

	n = byline_dateline(&p, &ag, &o, "NORBAY (NP) \xe2\x80\x93 Ferries sailed.");
	CHECK_STR(p, "NORBAY");
	CHECK_STR(ag, "NP");
	CHECK(n == strlen("NORBAY (NP) \xe2\x80\x93 "));
	free(p), free(ag), free(o);
	/* Not after a place in lower case, nor a long word in brackets. */
	CHECK(byline_dateline(&p, &ag, &o, "Norbay (NP) - Ferries.") == 0);
	CHECK(byline_dateline(&p, &ag, &o, "NORBAY (HARBOUR) - Ferries.") == 0);

	/* A title-case place before a typographic dash and a capital. */
	n = byline_dateline(&p, &ag, &o, "Norbay \xe2\x80\x93 Ferries sailed.");
	CHECK_STR(p, "Norbay");
	CHECK(n == strlen("Norbay \xe2\x80\x93 "));
	free(p), free(ag), free(o);
	CHECK(byline_dateline(&p, &ag, &o, "Ferries - they sailed.") == 0);
	CHECK(byline_dateline(&p, &ag, &o, "Norbay \xe2\x80\x93 and more") == 0);

	CHECK(byline_staff(&a, "IDA HOLM, Staff Reporter") == 0);
	CHECK(a.n == 1 && strcmp(a.v[0], "IDA HOLM") == 0);
	strv_dispose(&a);
	CHECK(byline_staff(&a, "Bo Lund, Correspondent") == 0);
	strv_dispose(&a);
	CHECK(byline_staff(&a, "The ferry, the reporter") < 0);
	CHECK(byline_staff(&a, "Ida Holm, Ferry Captain") < 0);
	CHECK(a.n == 0);
}

/* Checks byline_credit(s): its names joined by "; " (or NULL when s
 * is no byline) and its agency. */
#define CREDIT(s, names, agency) check_credit((s), (names), (agency), __LINE__)

static void
check_credit(const char *s, const char *names, const char *agency, int line)
{
	struct strv a = STRV_INIT;
	struct buf b = BUF_INIT;
	char *ag = NULL;
	size_t k;
	int rc = byline_credit(&a, &ag, s);

	for (k = 0; k < a.n; k++)
		buf_printf(&b, "%s%s", k > 0 ? "; " : "", a.v[k]);
	harness_check_str(rc == 0 ? b.data : NULL, names, __FILE__, line, s);
	harness_check_str(ag, agency, __FILE__, line, s);
	harness_check(rc == 0 || a.n == 0, __FILE__, line, "untouched");
	free(ag);
	strv_dispose(&a);
	buf_dispose(&b);
}

static void
test_credit(void)
{
	/* Names credited to an agency, without "By". */
	CREDIT("Mara QUILL, AFP", "Mara QUILL", "AFP");
	CREDIT("Ann Lee, Bo Dunn and Cy Ortiz, Reuters",
	    "Ann Lee; Bo Dunn; Cy Ortiz", "Reuters");
	CREDIT("Tom Baxter (Reuter)", "Tom Baxter", "Reuters");
	CREDIT("Mara Quill / AFP", "Mara Quill", "AFP");
	/* Agency style: given names, then the surname in capitals. */
	CREDIT("Mara QUILL", "Mara QUILL", NULL);
	CREDIT("Mara QUILL with Tom BAXTER in Lisbon",
	    "Mara QUILL; Tom BAXTER", NULL);
	CREDIT("Jean-Luc DUPONT-MARTIN and Ana PIRES",
	    "Jean-Luc DUPONT-MARTIN; Ana PIRES", NULL);
	/* Not bylines: a title with its agency, a menu, an acronym, a
	 * heading in capitals, a sentence, names with no credit. */
	CREDIT("Oil Prices Rise - Reuters", NULL, NULL);
	CREDIT("World News | Reuters", NULL, NULL);
	CREDIT("NATO Summit", NULL, NULL);
	CREDIT("MARA QUILL", NULL, NULL);
	CREDIT("The council met on Monday, Reuters said", NULL, NULL);
	CREDIT("Mara Quill", NULL, NULL);
	CREDIT("Reuters", NULL, NULL);
	CREDIT("", NULL, NULL);
}

int
main(void)
{
	test_unknown_services();
	test_agency();
	test_byline();
	test_credit();
	test_names();
	test_dateline();
	test_place_and_outlet();
	return harness_done();
}
