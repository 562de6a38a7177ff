/* test_article.c: whole articles (written for these tests) to fields. */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "parse/article.h"
#include "core/utf8.h"
#include "harness.h"

static struct article *
parse(const char *path, const char *text)
{
	struct article *a = NULL;
	struct diag d;

	diag_init(&d, NULL);
	if (article_parse(&a, &d, path, text, strlen(text)) < 0)
		return NULL;
	return a;
}

static int
has(const struct strv *sv, const char *s)
{
	return strv_find(sv, s) >= 0;
}

/* A page saved from a news site: byline, date, caption, subhead, an
 * inline link to another story, and the URL at the end, broken. */
static const char wire_page[] =
    "\n\nHarbour Cranes Fall Silent as Dock Strike Spreads\n\n"
    "By Mara Quill for AFP\n\n"
    "March 05, 2019\n\n\n\n"
    "Idle cranes at the north quay. EPA / ANSA\n\n"
    "Dock workers at three northern ports walked out on Tuesday, "
    "halting container traffic as talks over pay broke down.\n\n"
    "The union said the strike would last until the port authority "
    "returned to the table with a new offer.\n\n"
    "Related article: <u>Port Authority Rejects Pay Claim</u>\n\n"
    "Shipping lines began diverting vessels to southern ports, "
    "according to a statement from the harbour master.\n\n"
    "Diverted ships\n\n"
    "Some twenty ships were waiting off the coast on Wednesday, the "
    "coast guard said &amp; more were expected.\n\n"
    "Original url:\n\n"
    "https://www.themoscowtimes.com/2019/03/05/harbour-cranes -fall-a1\n";

static void
test_wire_page(void)
{
	struct article *a = parse("wire.txt", wire_page);

	CHECK(a != NULL);
	if (a == NULL)
		return;
	CHECK_STR(a->title, "Harbour Cranes Fall Silent as Dock Strike "
	    "Spreads");
	CHECK(a->authors.n == 1 && has(&a->authors, "Mara Quill"));
	CHECK_STR(a->agency, "AFP");
	CHECK_STR(a->date, "2019-03-05");
	CHECK_STR(a->url, "https://www.themoscowtimes.com/2019/03/05/"
	    "harbour-cranes-fall-a1");
	CHECK_STR(a->source, "The Moscow Times");
	CHECK(has(&a->captions, "Idle cranes at the north quay. EPA / ANSA"));
	CHECK(has(&a->subheads, "Diverted ships"));
	CHECK(a->boilerplate.n == 1);
	CHECK(a->paragraphs.n == 4);
	if (a->paragraphs.n == 4) {
		CHECK(strncmp(a->paragraphs.v[0], "Dock workers", 12) == 0);
		CHECK(strstr(a->paragraphs.v[3], " & more") != NULL);
	}
	CHECK(a->nbody == 5 && a->body[3].kind == BLOCK_SUBHEAD);
	CHECK_STR(a->language, "en");
	CHECK_STR(a->slug, "harbour-cranes-fall-silent-as-dock-strike-spreads");
	CHECK(a->word_count > 50);
	article_free(a);
}

/* Site name, section label, repeated headline, dateline, and a teaser
 * for another story after "Next Post". */
static const char site_page[] =
    "Valley Courier\nTop Story\n\n"
    "Mayor 'will not resign', says council\n\n"
    "Mayor will not resign, says council\n\n"
    "Riverton/Hale: The mayor of Riverton will stay in office until the "
    "inquiry reports, the town council said on Friday.\n\n"
    "Councillors voted nine to two to reject a motion of no confidence "
    "after a debate that lasted four hours.\n\n"
    "Next Post\n\n"
    "Lighthouse keeper retires after forty years\n\n"
    "PORT ELLEN (AP) \xe2\x80\x94 The last keeper of the island light "
    "handed over the keys on Monday after a career of forty years.\n";

static void
test_site_page(void)
{
	struct article *a = parse("site.txt", site_page);

	CHECK(a != NULL);
	if (a == NULL)
		return;
	CHECK_STR(a->title, "Mayor 'will not resign', says council");
	CHECK_STR(a->source, "Valley Courier");
	CHECK_STR(a->dateline, "Riverton/Hale");
	CHECK(a->agency == NULL);
	CHECK(a->date == NULL);
	CHECK(a->paragraphs.n == 2);
	CHECK(a->paragraphs.n > 0 &&
	    strncmp(a->paragraphs.v[0], "The mayor of Riverton", 21) == 0);
	CHECK(has(&a->boilerplate, "Top Story"));
	CHECK(has(&a->boilerplate, "Mayor will not resign, says council"));
	CHECK(has(&a->boilerplate, "Next Post"));
	CHECK(has(&a->boilerplate,
	    "Lighthouse keeper retires after forty years"));
	article_free(a);
}

/* A page with no menu above the story, only the site's footer under it:
 * a web page all the same, and the footer is none of the body. */
static void
test_footer_page(void)
{
	static const char *const footer[] = { "About Us", "Contact",
	    "Careers", "Advertise", "Newsletters", "Privacy Policy",
	    "Terms", "Cookies", "Help", "Sitemap", "Accessibility",
	    "Podcasts", "Archive" };
	struct buf b = BUF_INIT;
	struct article *a;
	size_t i, k;

	/* A long page: the first lines hold no menu at all. */
	buf_puts(&b, "Fifty Ways to Keep a Rowing Boat Dry\n\n");
	for (i = 1; i <= 45; i++) {
		buf_printf(&b, "%zu. Rinse and dry the hull\n\n", i);
		buf_printf(&b, "Salt water left in the hull eats the varnish "
		    "away, so crew %zu rinses the boat with fresh water "
		    "after every outing and leaves it upside down.\n\n", i);
	}
	buf_puts(&b, "Related\n\n");
	for (i = 0; i < 3; i++)
		buf_puts(&b, "Seven Knots Every Rower Should Know\n"
		    "Written by Ana Pires\n"
		    "A knot that slips costs a race. Learn more about the "
		    "seven knots that hold.\nREAD MORE\n\n");
	for (k = 0; k < sizeof(footer) / sizeof(*footer); k++)
		buf_printf(&b, "%s\n", footer[k]);
	a = parse("footer.txt", b.data);
	CHECK(a != NULL);
	if (a != NULL) {
		CHECK(a->paragraphs.n >= 45);
		for (i = 0; i < a->paragraphs.n; i++)
			CHECK(strstr(a->paragraphs.v[i], "knot") == NULL &&
			    strcmp(a->paragraphs.v[i], "Careers") != 0);
	}
	article_free(a);
	buf_dispose(&b);
}

/* A page known by the row of links at its top: after the story's last
 * sentence, a box's heading and another story's title are furniture,
 * and the name over the page, which the footer's copyright repeats, is
 * its source and no boilerplate. */
static const char nav_page[] =
    "The Norbay Lantern\n"
    "Home | Town | Harbour | Letters\n"
    "Ferry fares will fall by a fifth from the spring\n"
    "By Ana Pires\n"
    "Ferry fares between the islands will fall by a fifth from March, "
    "the harbour board said on Monday, after a year of complaints.\n"
    "The board will pay for the cut from the rent of the new quay, "
    "its chairman told a meeting in the town hall.\n"
    "Popular this week\n"
    "Lighthouse keeper rows across the bay at dawn\n"
    "Copyright 2031 The Norbay Lantern\n";

/* A name over the row of links, and no footer: the name is the source. */
static const char masthead_page[] =
    "Norbay Gazette\n"
    "Home | Town | Harbour | Letters\n"
    "Ferry fares will fall by a fifth from the spring\n"
    "Ferry fares between the islands will fall by a fifth from March, "
    "the harbour board said on Monday, after a year of complaints.\n"
    "The board will pay for the cut from the rent of the new quay, "
    "its chairman told a meeting in the town hall.\n";

/* Plain text, no web page: a list of short lines closing the story is
 * the story's (a draw, results). */
static const char draw_story[] =
    "Rowing cup draw made\n"
    "NORBAY, March 3 - The draw for the rowing cup was made on Monday, "
    "the league said, with the holders away in the first round.\n"
    "The ties will be rowed on the first Saturday of May.\n"
    "First round\n"
    "Norbay at Hale\n"
    "Riverton at Vellmar\n";

static void
test_nav_page(void)
{
	struct article *a = parse("nav.txt", nav_page);

	CHECK(a != NULL);
	if (a == NULL)
		return;
	CHECK_STR(a->title, "Ferry fares will fall by a fifth from the spring");
	CHECK(a->paragraphs.n == 2);
	CHECK(has(&a->boilerplate, "Popular this week"));
	CHECK(has(&a->boilerplate,
	    "Lighthouse keeper rows across the bay at dawn"));
	CHECK_STR(a->source, "The Norbay Lantern");
	CHECK(!has(&a->boilerplate, "The Norbay Lantern"));
	article_free(a);
	a = parse("masthead.txt", masthead_page);
	CHECK(a != NULL);
	if (a == NULL)
		return;
	CHECK_STR(a->source, "Norbay Gazette");
	CHECK(!has(&a->boilerplate, "Norbay Gazette"));
	article_free(a);
	a = parse("draw.txt", draw_story);
	CHECK(a != NULL);
	if (a == NULL)
		return;
	CHECK(has(&a->paragraphs, "Riverton at Vellmar"));
	CHECK(a->boilerplate.n == 0);
	article_free(a);
}

/* Kicker, key points, a wire dateline and AFP-style subheads. */
static const char bullets[] =
    "rail strike\n"
    "Trains stop across the north as drivers walk out\n\n"
    "  \xe2\x80\xa2 Drivers want a seven per cent rise.\n"
    "  \xe2\x80\xa2 The operator offered three.\n\n"
    "LEEDS (Reuters) - Trains across the north of the country stopped "
    "on Monday as drivers began a two-day strike over pay.\n\n"
    "- Talks planned -\n\n"
    "Both sides said they would meet again on Thursday, the first "
    "talks since the dispute began in the spring.\n\n"
    "(Reporting by Ivo Pax; Editing by Al Ng)\n";

static void
test_bullets(void)
{
	struct article *a = parse("bullets.txt", bullets);

	CHECK(a != NULL);
	if (a == NULL)
		return;
	CHECK_STR(a->title, "Trains stop across the north as drivers walk out");
	CHECK(a->key_points.n == 2);
	CHECK(has(&a->key_points, "The operator offered three."));
	CHECK_STR(a->dateline, "LEEDS");
	CHECK_STR(a->agency, "Reuters");
	CHECK(has(&a->subheads, "Talks planned"));
	CHECK(a->paragraphs.n == 2);
	if (a->paragraphs.n == 2) {
		CHECK(strncmp(a->paragraphs.v[0], "Trains across", 13) == 0);
		CHECK(strstr(a->paragraphs.v[1], "Reporting") == NULL);
	}
	article_free(a);
}

/* A newswire record in SGML, as archives of the 1980s keep them. */
static const char sgml[] =
    "<REUTERS NEWID=\"7\">\n<DATE> 9-MAR-1988 10:01:02.03</DATE>\n"
    "<TEXT>&#2;\n<TITLE>TIN PRICES &lt;TIN> FIRM</TITLE>\n"
    "<AUTHOR>    By Joan Fell, Reuters</AUTHOR>\n"
    "<DATELINE>    KUALA LUMPUR, March 9 - </DATELINE><BODY>Tin prices "
    "were firm on the\nlocal market today as buyers returned after the "
    "holiday,\ndealers said in a weekly review of the trade.\n"
    "    Stocks fell to their lowest level since the start of the\n"
    "year, the dealers said, and more buying was expected soon.\n"
    " Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n";

static void
test_sgml(void)
{
	struct article *a = parse("wire.sgm.txt", sgml);

	CHECK(a != NULL);
	if (a == NULL)
		return;
	CHECK_STR(a->title, "TIN PRICES <TIN> FIRM");
	CHECK(a->authors.n == 1 && has(&a->authors, "Joan Fell"));
	CHECK_STR(a->agency, "Reuters");
	CHECK_STR(a->date, "1988-03-09");
	CHECK_STR(a->dateline, "KUALA LUMPUR");
	CHECK(a->paragraphs.n == 2);
	CHECK(a->paragraphs.n > 0 && strncmp(a->paragraphs.v[0],
	    "Tin prices were firm on the local", 33) == 0);
	CHECK(has(&a->boilerplate, "Reuter"));
	article_free(a);
}

/* A page saved with YAML front matter; the date key disagrees with
 * the URL, which wins. */
static const char front[] =
    "---\n"
    "title: \"Floods close the mountain pass | Travel | Hill Times\"\n"
    "source: https://www.example.org/travel/2021/feb/02/floods-pass\n"
    "date: 2020-01-01\n"
    "---\n\n"
    "Skip to main content\n"
    "Heavy rain closed the mountain pass on Tuesday, stranding dozens "
    "of lorries at the border post.\n"
    "Engineers said the road could reopen by the weekend if the rain "
    "stopped, but more was forecast.\n"
    "We use cookies to make this site work.\n";

static void
test_front_matter(void)
{
	struct article *a = parse("page.txt", front);

	CHECK(a != NULL);
	if (a == NULL)
		return;
	CHECK_STR(a->title, "Floods close the mountain pass");
	CHECK_STR(a->source, "Hill Times");
	CHECK_STR(a->url, "https://www.example.org/travel/2021/feb/02/"
	    "floods-pass");
	CHECK_STR(a->date, "2021-02-02");
	CHECK(a->paragraphs.n == 2);
	CHECK(has(&a->boilerplate, "Skip to main content"));
	CHECK(has(&a->boilerplate, "We use cookies to make this site work."));
	article_free(a);
}

/* A headline, a body, then reader comments after a gap. */
static const char comments[] =
    "Town votes to keep its library\n\n"
    "Voters in Ashby chose to keep the library open, by a narrow margin, "
    "in a poll on Sunday.\n\n"
    "The council had proposed closing it to save money next year.\n\n"
    "Turnout was the highest in a local poll for twenty years, officials "
    "said.\n\n\n\n"
    "Great news for the town! My children love it.\n\n"
    "What a waste of money, if you ask me.\n";

static void
test_comments(void)
{
	struct article *a = parse("comments.txt", comments);

	CHECK(a != NULL);
	if (a == NULL)
		return;
	CHECK_STR(a->title, "Town votes to keep its library");
	CHECK(a->paragraphs.n == 3);
	CHECK(has(&a->boilerplate, "What a waste of money, if you ask me."));
	CHECK(a->date == NULL && a->agency == NULL && a->authors.n == 0);
	article_free(a);
}

/* A URL line right after a teaser heading is the story's URL, not a
 * teaser (and, under the sanitizers, leaks nothing). */
static void
test_teaser_url(void)
{
	struct article *a = parse("teaser.txt",
	    "Ferry Service Resumes After Storm\n\nBy Ilse Varga\n\n"
	    "The harbour ferry ran again on Monday after three days of storms "
	    "kept it at the quay, the operator said.\n\n"
	    "Passengers queued from early morning at the terminal, where "
	    "staff handed out tea and timetables.\n\n"
	    "Related stories\n\nhttps://example.org/ferry-timetable\n\n"
	    "The operator said extra sailings would run until the weekend to "
	    "clear the backlog of travellers.\n");

	CHECK(a != NULL);
	if (a == NULL)
		return;
	CHECK_STR(a->url, "https://example.org/ferry-timetable");
	CHECK(a->paragraphs.n == 3);
	CHECK(has(&a->boilerplate, "Related stories"));
	article_free(a);
}

static void
test_languages(void)
{
	struct article *a;

	a = parse("ru.txt", "\xd0\x92\xd1\x81\xd1\x82\xd1\x80\xd0\xb5\xd1\x87"
	    "\xd0\xb0 \xd0\xb2 \xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0"
	    "\xb5\n\n\xd0\x92\xd1\x81\xd1\x82\xd1\x80\xd0\xb5\xd1\x87\xd0\xb0 "
	    "\xd1\x81\xd0\xbe\xd1\x81\xd1\x82\xd0\xbe\xd1\x8f\xd0\xbb\xd0\xb0"
	    "\xd1\x81\xd1\x8c \xd0\xb2\xd1\x87\xd0\xb5\xd1\x80\xd0\xb0.\n");
	CHECK(a != NULL && a->language != NULL &&
	    strcmp(a->language, "ru") == 0);
	article_free(a);
	a = parse("es.txt", "El alcalde dijo que la obra de la plaza se "
	    "termina en mayo y que los vecinos de la zona no pagan nada.\n");
	CHECK(a != NULL && a->language != NULL &&
	    strcmp(a->language, "es") == 0);
	/* No headline: the lead names it, and says so. */
	CHECK(a != NULL && a->title_from != NULL &&
	    strcmp(a->title_from, "lead") == 0);
	article_free(a);
	a = parse("id.txt", "Wali kota mengatakan bahwa jembatan yang baru "
	    "akan dibuka pada bulan Mei dan tidak ada biaya untuk warga di "
	    "kota itu.\n");
	CHECK(a != NULL && a->language != NULL &&
	    strcmp(a->language, "id") == 0);
	article_free(a);
}

/* One sentence of our own in each language the parser must name. */
static const struct {
	const char	*path;
	const char	*lang;
	const char	*text;
} lang_cases[] = {
	{ "de.txt", "de",
	    "Der B\xc3\xbcrgermeister sagte am Montag, dass die neu"
	    "e Br\xc3\xbc" "cke \xc3\xbc" "ber den Fluss im Mai er"
	    "\xc3\xb6" "ffnet wird und die Anwohner nichts daf\xc3"
	    "\xbcr zahlen m\xc3\xbcssen." "\n" },
	{ "fr.txt", "fr",
	    "Le maire a dit lundi que le nouveau pont sur la rivi"
	    "\xc3\xa8re sera ouvert en mai et que les habitants de "
	    "la ville ne paieront rien pour les travaux." "\n" },
	{ "pt.txt", "pt",
	    "O prefeito disse na segunda-feira que a nova ponte sob"
	    "re o rio ser\xc3\xa1 aberta em maio e que os moradores"
	    " da cidade n\xc3\xa3o v\xc3\xa3o pagar nada pela obra." "\n" },
	{ "it.txt", "it",
	    "Il sindaco ha detto luned\xc3\xac che il nuovo ponte s"
	    "ul fiume sar\xc3\xa0 aperto a maggio e che gli abitant"
	    "i della citt\xc3\xa0 non pagheranno nulla per i lavori"
	    "." "\n" },
	{ "en.txt", "en",
	    "The mayor said on Monday that the new bridge over the "
	    "river will open in May and that the people of the town"
	    " will pay nothing for the work." "\n" },
	{ "ar.txt", "ar",
	    "\xd9\x82\xd8\xa7\xd9\x84 \xd8\xb1\xd8\xa6\xd9\x8a\xd8"
	    "\xb3 \xd8\xa7\xd9\x84\xd8\xa8\xd9\x84\xd8\xaf\xd9\x8a"
	    "\xd8\xa9 \xd9\x8a\xd9\x88\xd9\x85 \xd8\xa7\xd9\x84\xd8"
	    "\xa7\xd8\xab\xd9\x86\xd9\x8a\xd9\x86 \xd8\xa5\xd9\x86 "
	    "\xd8\xa7\xd9\x84\xd8\xac\xd8\xb3\xd8\xb1 \xd8\xa7\xd9"
	    "\x84\xd8\xac\xd8\xaf\xd9\x8a\xd8\xaf \xd9\x81\xd9\x88"
	    "\xd9\x82 \xd8\xa7\xd9\x84\xd9\x86\xd9\x87\xd8\xb1 \xd8"
	    "\xb3\xd9\x8a\xd9\x81\xd8\xaa\xd8\xad \xd9\x81\xd9\x8a "
	    "\xd8\xb4\xd9\x87\xd8\xb1 \xd9\x85\xd8\xa7\xd9\x8a\xd9"
	    "\x88 \xd9\x88\xd8\xa5\xd9\x86 \xd8\xb3\xd9\x83\xd8\xa7"
	    "\xd9\x86 \xd8\xa7\xd9\x84\xd9\x85\xd8\xaf\xd9\x8a\xd9"
	    "\x86\xd8\xa9 \xd9\x84\xd9\x86 \xd9\x8a\xd8\xaf\xd9\x81"
	    "\xd8\xb9\xd9\x88\xd8\xa7 \xd8\xa3\xd9\x8a \xd8\xb4\xd9"
	    "\x8a\xd8\xa1 \xd9\x85\xd9\x82\xd8\xa7\xd8\xa8\xd9\x84 "
	    "\xd8\xa7\xd9\x84\xd8\xa3\xd8\xb9\xd9\x85\xd8\xa7\xd9"
	    "\x84." "\n" },
	{ "ko.txt", "ko",
	    "\xec\x8b\x9c\xec\x9e\xa5\xec\x9d\x80 \xec\x9b\x94\xec"
	    "\x9a\x94\xec\x9d\xbc\xec\x97\x90 \xea\xb0\x95 \xec\x9c"
	    "\x84\xec\x9d\x98 \xec\x83\x88 \xeb\x8b\xa4\xeb\xa6\xac"
	    "\xea\xb0\x80 5\xec\x9b\x94\xec\x97\x90 \xea\xb0\x9c"
	    "\xed\x86\xb5\xeb\x90\xa0 \xea\xb2\x83\xec\x9d\xb4\xeb"
	    "\xa9\xb0 \xec\xa3\xbc\xeb\xaf\xbc\xeb\x93\xa4\xec\x9d"
	    "\x80 \xea\xb3\xb5\xec\x82\xac \xeb\xb9\x84\xec\x9a\xa9"
	    "\xec\x9d\x84 \xec\xa0\x84\xed\x98\x80 \xeb\x82\xb4\xec"
	    "\xa7\x80 \xec\x95\x8a\xeb\x8a\x94\xeb\x8b\xa4\xea\xb3"
	    "\xa0 \xeb\xa7\x90\xed\x96\x88\xeb\x8b\xa4." "\n" },
};

static void
test_language_table(void)
{
	struct article *a;
	struct buf b = BUF_INIT;
	size_t k;
	int i;

	for (k = 0; k < sizeof(lang_cases) / sizeof(lang_cases[0]); k++) {
		a = parse(lang_cases[k].path, lang_cases[k].text);
		CHECK(a != NULL && a->language != NULL &&
		    strcmp(a->language, lang_cases[k].lang) == 0);
		if (a != NULL && (a->language == NULL ||
		    strcmp(a->language, lang_cases[k].lang) != 0))
			printf("  %s: got %s\n", lang_cases[k].path,
			    a->language ? a->language : "(null)");
		article_free(a);
	}
	/* A page whose furniture is in English around a story in German:
	 * the story's language is the article's. */
	for (i = 0; i < 14; i++)
		buf_printf(&b, "Home\nNews\nSport\nWeather\nJobs\n"
		    "Sign in to read the latest news from the region\n");
	buf_puts(&b, "Neue Br\xc3\xbc" "cke im Mai\n\n");
	buf_puts(&b, lang_cases[0].text);
	buf_puts(&b, "Die Arbeiten an der Stra\xc3\x9f" "e beginnen schon "
	    "im Fr\xc3\xbchling, sagte er am Abend.\n");
	for (i = 0; i < 14; i++)
		buf_printf(&b, "About us\nContact\nTerms of use\n"
		    "All the content of this site is for your own use only\n");
	a = parse("de-page.txt", b.data);
	CHECK(a != NULL && a->paragraphs.n > 0);
	CHECK(a != NULL && a->language != NULL &&
	    strcmp(a->language, "de") == 0);
	article_free(a);
	buf_dispose(&b);
}

static void
test_markdown_page(void)
{
	struct article *a;

	a = parse("notes/page.md", "---\ntitle: Harbour notes\n"
	    "date: 2020-06-01\n---\n\nThe quay was quiet today.\n");
	CHECK(a != NULL);
	if (a == NULL)
		return;
	CHECK(a->from_markdown);
	CHECK_STR(a->title, "Harbour notes");
	CHECK_STR(a->date, "2020-06-01");
	CHECK_STR(a->slug, "harbour-notes");
	article_free(a);
	a = parse("notes/bad.md", "no front matter here\n");
	CHECK(a == NULL);
}

static void
test_slug(void)
{
	struct article *a;

	a = parse("ru2.txt", "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2"
	    "\xd0\xb0 \xd0\xb8 \xd0\xbc\xd0\xb8\xd1\x80\n\n"
	    "\xd0\x92\xd1\x81\xd1\x82\xd1\x80\xd0\xb5\xd1\x87\xd0\xb0 "
	    "\xd1\x81\xd0\xbe\xd1\x81\xd1\x82\xd0\xbe\xd1\x8f\xd0\xbb"
	    "\xd0\xb0\xd1\x81\xd1\x8c \xd0\xb2\xd1\x87\xd0\xb5\xd1\x80"
	    "\xd0\xb0 \xd0\xb2 \xd0\xb3\xd0\xbe\xd1\x80\xd0\xbe\xd0\xb4"
	    "\xd0\xb5 \xd1\x83 \xd1\x80\xd0\xb5\xd0\xba\xd0\xb8, "
	    "\xd1\x81\xd0\xba\xd0\xb0\xd0\xb7\xd0\xb0\xd0\xbb "
	    "\xd0\xbc\xd1\x8d\xd1\x80 \xd0\xb3\xd0\xbe\xd1\x80\xd0\xbe"
	    "\xd0\xb4\xd0\xb0.\n");
	CHECK(a != NULL && a->title != NULL);
	CHECK(a != NULL && strncmp(a->slug, "moskva", 6) == 0);
	article_free(a);
	a = parse("untitled.txt", "The quay was quiet today, and the boats "
	    "stayed in, the harbour master said.\n");
	CHECK(a != NULL && a->title != NULL && strcmp(a->title, "The quay "
	    "was quiet today, and the boats stayed in, the harbour\xe2\x80\xa6")
	    == 0);
	CHECK(a != NULL && strcmp(a->slug, "the-quay-was-quiet-today-and-the-"
	    "boats-stayed-in-the-harbour") == 0);
	article_free(a);
}

static void
test_refused(void)
{
	struct article *a = NULL;
	struct diag d;

	diag_init(&d, NULL);
	CHECK(article_parse(&a, &d, "empty.txt", "", 0) < 0);
	CHECK(a == NULL);
	CHECK(d.warnings == 1);
}

/* Entities are decoded as characters, but one naming a surrogate
 * (no character) is kept as written, so the text stays UTF-8. */
static const char entities[] =
    "Ferry timetable changes for the winter\n\n"
    "The caf&#233; on the pier opens at &#x39; and the ticket office "
    "at ten &amp; the ferry leaves at noon, the operator said.\n\n"
    "A notice read &#xD800;&#55296; in place of the crossing time, "
    "which the operator called a printing fault.\n";

static void
test_entities(void)
{
	struct article *a = parse("ferry.txt", entities);
	size_t i;
	int ok = 1;

	CHECK(a != NULL);
	if (a == NULL)
		return;
	CHECK(a->paragraphs.n == 2);
	if (a->paragraphs.n == 2) {
		CHECK(strstr(a->paragraphs.v[0], "caf\xc3\xa9 on") != NULL);
		CHECK(strstr(a->paragraphs.v[0], "at 9 and") != NULL);
		CHECK(strstr(a->paragraphs.v[0], "ten & the") != NULL);
		CHECK(strstr(a->paragraphs.v[1], "read &#xD800;&#55296; in") !=
		    NULL);
	}
	for (i = 0; i < a->paragraphs.n; i++)
		ok &= utf8_valid(a->paragraphs.v[i],
		    strlen(a->paragraphs.v[i]));
	CHECK(ok);
	article_free(a);
}

int
main(void)
{
	test_entities();
	test_wire_page();
	test_site_page();
	test_bullets();
	test_sgml();
	test_front_matter();
	test_comments();
	test_teaser_url();
	test_languages();
	test_language_table();
	test_markdown_page();
	test_slug();
	test_refused();
	test_footer_page();
	test_nav_page();
	return harness_done();
}
