/*
 * test_related.c: syndicated copies, related stories, threads and
 * inferred dates (related.h).
 *
 * The words of a text (related_int.h) are checked on a line of mixed
 * scripts. The small articles are invented here. With $SHARED set, the seeds of
 * the real corpus are checked, and an archive of 3000 generated articles
 * (python3 $SHARED/bench/gen_corpus.py) must give copies with pairwise
 * precision and recall of at least 0.95 against its manifest.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus_truth.h"
#include "harness.h"
#include "related/related.h"
#include "related/related_int.h"
#include "core/buf.h"

#include <xxhash.h>

/* {==== words ====} */

static uint64_t
word_hash(const char *folded)
{
	return XXH3_64bits_withSeed(folded, strlen(folded), SEED_WORD);
}

/*
 * The words of a line mixing ASCII runs with accented letters, capitals,
 * digits and ideographs: how each is folded and flagged, and that the
 * words without stems are the same words.
 */
static void
test_words(void)
{
	static const char line[] = "Ilse Marrow, said: A320 in 2024; "
	    "M\xc3\xbcller-Stra\xc3\x9f" "e caf\xc3\xa9 \xc3\x89" "COLE x"
	    "\xe6\x97\xa5\xe6\x9c\xac";
	static const struct {
		const char	*folded;
		const char	*src;
		unsigned	 flags;
	} want[] = {
		{ "ilse", "Ilse", TOK_CAP | TOK_LOWER | TOK_START },
		{ "marrow", "Marrow", TOK_CAP | TOK_LOWER | TOK_GLUE },
		{ "said", "said", TOK_LOWER },
		{ "a320", "A320", TOK_CAP | TOK_START },
		{ "in", "in", TOK_LOWER | TOK_GLUE },
		{ "2024", "2024", TOK_NUM | TOK_GLUE },
		{ "muller", "M\xc3\xbcller", TOK_CAP | TOK_LOWER },
		{ "strasse", "Stra\xc3\x9f" "e", TOK_CAP | TOK_LOWER },
		{ "cafe", "caf\xc3\xa9", TOK_LOWER | TOK_GLUE },
		{ "ecole", "\xc3\x89" "COLE", TOK_CAP | TOK_GLUE },
		{ "x", "x", TOK_LOWER | TOK_GLUE },
		{ "\xe6\x97\xa5", "\xe6\x97\xa5", 0 },
		{ "\xe6\x9c\xac", "\xe6\x9c\xac", 0 },
	};
	struct tokv tv = { NULL, 0, 0 }, wv = { NULL, 0, 0 };
	size_t i, n = sizeof(want) / sizeof(want[0]);

	related_tokenize(&tv, line);
	related_words(&wv, line);
	CHECK(tv.n == n);
	CHECK(wv.n == n);
	for (i = 0; i < n && i < tv.n && i < wv.n; i++) {
		CHECK(tv.v[i].full == word_hash(want[i].folded));
		CHECK(tv.v[i].len == strlen(want[i].src));
		CHECK(strncmp(tv.v[i].src, want[i].src, tv.v[i].len) == 0);
		CHECK(tv.v[i].flags == want[i].flags);
		CHECK(wv.v[i].full == tv.v[i].full);
		CHECK(wv.v[i].stem == wv.v[i].full);
		CHECK(wv.v[i].src == tv.v[i].src);
		CHECK(wv.v[i].len == tv.v[i].len);
		CHECK(wv.v[i].nchars == tv.v[i].nchars);
		CHECK(wv.v[i].flags == tv.v[i].flags);
	}
	/* A stem is the first five letters of a longer word. */
	CHECK(tv.n > 1 && tv.v[1].stem == word_hash("marro"));
	CHECK(tv.v[0].stem == tv.v[0].full);
	free(tv.v);
	free(wv.v);
}

/* {==== invented articles ====} */

static const char *const port[] = {
	"Dock workers in Valmora walked off the job on Monday, halting the "
	"loading of grain and timber at the largest harbour on the coast, "
	"union leader Ilse Marrow said.",
	"The strike began after talks with the harbour authority broke down "
	"over night shifts, pay for overtime and the safety of the old cranes "
	"on the northern quay, which failed twice last winter.",
	"Marrow told reporters that the workers would stay out until the "
	"authority agreed to replace the cranes and to hire forty more "
	"people for the night shifts before the autumn harvest arrives.",
	"Ships bound for Valmora were being turned towards smaller ports "
	"further south, and shipping agents warned that the delays could "
	"cost exporters millions if the stoppage lasted beyond a week.",
	"The harbour authority said in a statement that it regretted the "
	"walkout and remained open to talks, but that the cost of new cranes "
	"had to be shared with the regional government in Brackwater.",
};

static const char *const museum[] = {
	"The city museum of Tarnholm reopened its doors on Saturday after "
	"four years of restoration, with a new wing for the paintings of the "
	"river school and a garden of sculpture behind the old customs house.",
	"Curator Jonas Feld said that more than three thousand visitors "
	"queued in the rain before noon, many of them children from the "
	"schools that had lent drawings for the opening exhibition.",
	"The restoration was paid for by a lottery fund and by small gifts "
	"from residents, who bought one roof tile each for the price of a "
	"cinema ticket during the long campaign to save the building.",
};

static const char *const garden[] = {
	"A walled garden behind the Tarnholm museum opened to the public for "
	"the first time in a century, after volunteers cleared brambles and "
	"rebuilt the glasshouse that a storm destroyed before the war.",
	"Gardeners planted old varieties of apple and pear from seeds kept by "
	"a local family, and beehives will return to the orchard next spring "
	"if the council agrees to pay for a keeper.",
};

static const char *const bridge[][3] = { {
	"A road bridge over the Esker river collapsed before dawn, cutting "
	"the only link between the two halves of the town of Eskerby.",
	"Mayor Oda Brenn said nobody was on the bridge when its middle span "
	"fell into the water, and that ferries would run from the morning.",
	"Engineers had warned about cracks in the piers for years, residents "
	"said, while the council argued about who should pay for repairs.",
}, {
	"Divers searching the Esker found the broken span lying on the bed of "
	"the river, two days after the collapse that split Eskerby in two.",
	"Oda Brenn asked the national roads agency to send a temporary "
	"crossing, while queues for the ferries stretched along the quays.",
	"Shopkeepers on the eastern bank said that trade had fallen by half "
	"since the bridge came down and that their customers were stranded.",
}, {
	"Soldiers began building a floating crossing over the Esker, nearly "
	"a week after the old bridge fell and cut Eskerby in half.",
	"The mayor thanked the army for its speed and promised an inquiry "
	"into the warnings about the piers that the council had ignored.",
	"The pontoon should carry cars by the end of the month, the army "
	"said, and a new bridge will take at least three years to build.",
} };

static struct article *
make(const char *path, const char *title, const char *date,
    const char *agency, const char *source, const char *const *para,
    size_t npara)
{
	struct article *a = xcalloc(1, sizeof(*a));
	size_t i;

	a->path = xstrdup(path);
	a->title = xstrdup(title);
	a->date = date != NULL ? xstrdup(date) : NULL;
	a->agency = agency != NULL ? xstrdup(agency) : NULL;
	a->source = source != NULL ? xstrdup(source) : NULL;
	a->thread_prev = a->thread_next = -1;
	for (i = 0; i < npara; i++)
		strv_push(&a->paragraphs, para[i]);
	return a;
}

/* A copy as another outlet runs it: words changed in one paragraph. */
static void
edit(struct article *a, size_t para, const char *from, const char *to)
{
	struct buf b = BUF_INIT;
	char *p = strstr(a->paragraphs.v[para], from);

	if (p == NULL)
		return;
	buf_put(&b, a->paragraphs.v[para], (size_t)(p - a->paragraphs.v[para]));
	buf_puts(&b, to);
	buf_puts(&b, p + strlen(from));
	free(a->paragraphs.v[para]);
	a->paragraphs.v[para] = buf_detach(&b);
}

enum { PORT, PORT2, PORT3, MUSEUM, BR1, BR2, BR3, MUSEUM_LATE, NART };

/* The archive: three copies of one story, a thread of three reports, and
 * two others. */
static size_t
archive(struct article **v)
{
	size_t i;

	v[PORT] = make("port.txt", "Dock Workers Strike in Valmora",
	    "2024-03-04", "AFP", "Harbour Gazette", port, 5);
	v[PORT2] = make("coast/port-copy.txt",
	    "dock workers strike in valmora", NULL, "AFP", "Coastal Herald",
	    port, 5);
	edit(v[PORT2], 0, "said", "stated");
	edit(v[PORT2], 2, "told reporters", "informed journalists");
	strv_push(&v[PORT2]->paragraphs, "The Coastal Herald will follow "
	    "the strike and the talks over the coming days on its website.");
	v[PORT3] = make("wire/port-short.txt",
	    "DOCK WORKERS STRIKE IN VALMORA", "2024-03-05", NULL,
	    "Valmora Today", port, 4);
	edit(v[PORT3], 2, "Marrow", "Marrowe");
	v[MUSEUM] = make("museum.txt", "Tarnholm Museum Reopens",
	    "2024-03-04", NULL, "Tarnholm Post", museum, 3);
	v[BR1] = make("bridge-1.txt", "Eskerby Bridge Collapses",
	    "2024-05-01", NULL, "River News", bridge[0], 3);
	v[BR2] = make("bridge-2.txt", "Divers Find Broken Span",
	    "2024-05-03", NULL, "River News", bridge[1], 3);
	v[BR3] = make("bridge-3.txt", "Army Builds Crossing at Eskerby",
	    "2024-05-06", NULL, "Valley Times", bridge[2], 3);
	v[MUSEUM_LATE] = make("museum-late.txt", "Museum Garden Opens",
	    "2024-09-01", NULL, "Tarnholm Post", garden, 2);
	for (i = BR1; i <= BR3; i++) {
		article_add_tag(v[i], "people", "Oda Brenn", NULL);
		article_add_tag(v[i], "places", "Eskerby", NULL);
		article_add_tag(v[i], "topics", "bridge collapse", NULL);
	}
	article_add_tag(v[MUSEUM], "places", "Tarnholm", NULL);
	article_add_tag(v[MUSEUM_LATE], "places", "Tarnholm", NULL);
	article_add_tag(v[PORT], "people", "Ilse Marrow", NULL);
	article_add_tag(v[PORT2], "people", "Ilse Marrow", NULL);
	return NART;
}

static void
dispose(struct article **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		article_free(v[i]);
}

static int
has(const size_t *set, size_t n, size_t x)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (set[i] == x)
			return 1;
	return 0;
}

static const struct relation *
relation(const struct article *a, size_t to)
{
	size_t i;

	for (i = 0; i < a->nrelated; i++)
		if (a->related[i].index == to)
			return &a->related[i];
	return NULL;
}

static void
test_copies(void)
{
	struct article *v[NART];
	size_t n = archive(v), i;

	related_compute(v, n, NULL);
	CHECK(v[PORT]->nsyndicated == 2);
	CHECK(has(v[PORT]->syndicated, v[PORT]->nsyndicated, PORT2));
	CHECK(has(v[PORT]->syndicated, v[PORT]->nsyndicated, PORT3));
	CHECK(v[PORT2]->nsyndicated == 2 && v[PORT3]->nsyndicated == 2);
	CHECK(has(v[PORT3]->syndicated, 2, PORT) &&
	    has(v[PORT3]->syndicated, 2, PORT2));
	/* In (date, path) order: the dated original, then its copies. */
	CHECK(v[PORT2]->syndicated[0] == PORT);
	for (i = MUSEUM; i < n; i++)
		CHECK(v[i]->nsyndicated == 0);
	dispose(v, n);
}

static void
test_inferred_date(void)
{
	struct article *v[NART];
	size_t n = archive(v);

	related_compute(v, n, NULL);
	/* The parser's date stays as it was; the inferred one is apart. */
	CHECK(v[PORT2]->date == NULL);
	CHECK_STR(v[PORT2]->date_inferred, "2024-03-04");
	CHECK_STR(article_date(v[PORT2]), "2024-03-04");
	CHECK(v[PORT]->date_inferred == NULL);
	CHECK_STR(v[PORT3]->date, "2024-03-05");
	CHECK(v[PORT3]->date_inferred == NULL);
	dispose(v, n);
}

static void
test_reasons(void)
{
	struct article *v[NART];
	const struct relation *r;
	size_t n = archive(v), i;

	related_compute(v, n, NULL);
	/* Copies are shown once, as copies: never among related stories. */
	CHECK(v[PORT]->nsyndicated == 2);
	CHECK(relation(v[PORT], PORT2) == NULL &&
	    relation(v[PORT], PORT3) == NULL);
	CHECK(relation(v[PORT3], PORT) == NULL);
	for (i = 0; i < n; i++)
		CHECK(v[i]->nrelated == 0 || strncmp(v[i]->related[0].reason,
		    "same ", 5) != 0);
	CHECK((r = relation(v[MUSEUM], MUSEUM_LATE)) != NULL);
	CHECK(r != NULL && strstr(r->reason, "also about: ") != NULL &&
	    strstr(r->reason, "Tarnholm") != NULL);
	dispose(v, n);
}

static void
test_thread(void)
{
	struct related_config two = { 2, NULL, 0, 0, 0, NULL, 0, NULL, NULL };
	struct article *v[NART];
	const struct relation *r;
	size_t n = archive(v);

	related_compute(v, n, NULL);
	CHECK(v[BR1]->thread_prev == -1 && v[BR1]->thread_next == BR2);
	CHECK(v[BR2]->thread_prev == BR1 && v[BR2]->thread_next == BR3);
	CHECK(v[BR3]->thread_prev == BR2 && v[BR3]->thread_next == -1);
	CHECK(v[MUSEUM]->thread_next == -1 && v[MUSEUM_LATE]->thread_prev == -1);
	CHECK(v[PORT]->thread_next == -1 && v[PORT]->thread_prev == -1);
	CHECK((r = relation(v[BR1], BR2)) != NULL);
	CHECK(r != NULL && strncmp(r->reason, "follow-up, 2 days later",
	    23) == 0);
	CHECK(r != NULL && strstr(r->reason, "Oda Brenn") != NULL);
	CHECK((r = relation(v[BR3], BR2)) != NULL);
	CHECK(r != NULL && strncmp(r->reason, "earlier report, 3 days before",
	    29) == 0);
	CHECK((r = relation(v[BR3], BR1)) != NULL);
	CHECK(r != NULL && strncmp(r->reason, "earlier report, 5 days before",
	    29) == 0);
	dispose(v, n);
	/* Two places: both neighbours, whatever else scores. */
	n = archive(v);
	related_compute(v, n, &two);
	CHECK(v[BR2]->nrelated == 2);
	CHECK(relation(v[BR2], BR1) != NULL && relation(v[BR2], BR3) != NULL);
	CHECK(v[BR2]->nrelated == 2 &&
	    v[BR2]->related[0].score >= v[BR2]->related[1].score);
	dispose(v, n);
}

static void
test_no_self_and_count(void)
{
	struct related_config cfg = { 1, NULL, 0, 0, 0, NULL, 0, NULL, NULL };
	struct article *v[NART];
	size_t n = archive(v), i, k;

	related_compute(v, n, NULL);
	for (i = 0; i < n; i++) {
		CHECK(v[i]->nrelated <= 5);
		for (k = 0; k < v[i]->nrelated; k++) {
			CHECK(v[i]->related[k].index != i);
			CHECK(v[i]->related[k].index < n);
			CHECK(k == 0 || v[i]->related[k].score <=
			    v[i]->related[k - 1].score);
		}
		CHECK(!has(v[i]->syndicated, v[i]->nsyndicated, i));
	}
	/* Run again over the same articles: fields are replaced. */
	related_compute(v, n, &cfg);
	for (i = 0; i < n; i++)
		CHECK(v[i]->nrelated <= 1);
	CHECK(v[PORT]->nsyndicated == 2);
	dispose(v, n);
}

static void
test_weights(void)
{
	static const struct weight strict[] = { { "threshold", 1 } };
	static const struct weight loose[] = { { "threshold", 0 } };
	static const struct weight topics_first[] = {
		{ "people", 1 }, { "topics", 50 }
	};
	struct related_config cfg = { 5, strict, 1, 0, 0, NULL, 0, NULL, NULL };
	struct article *v[3], *w[NART];
	size_t n = 3, k, base = 0, fewer = 0, more = 0;

	v[0] = make("a.txt", "A", "2024-01-10", NULL, NULL, museum, 1);
	v[1] = make("b.txt", "B", "2024-01-10", NULL, NULL, bridge[0], 1);
	v[2] = make("c.txt", "C", "2024-01-10", NULL, NULL, port, 1);
	article_add_tag(v[0], "people", "Ada Quill", NULL);
	article_add_tag(v[0], "topics", "tides", NULL);
	article_add_tag(v[1], "people", "Ada Quill", NULL);
	article_add_tag(v[2], "topics", "tides", NULL);
	related_compute(v, n, NULL);
	CHECK(v[0]->nrelated == 2 && v[0]->related[0].index == 1);
	CHECK_STR(v[0]->related[0].reason, "also about: Ada Quill");
	cfg.weights = topics_first;
	cfg.nweights = 2;
	related_compute(v, n, &cfg);
	CHECK(v[0]->nrelated == 2 && v[0]->related[0].index == 2);
	CHECK_STR(v[0]->related[0].reason, "also about: tides");
	dispose(v, n);
	/* The rules' threshold of 1 relates fewer stories than the
	 * default; site.conf's (has_threshold) wins over the rules'.
	 * Copies stay copies. */
	n = archive(w);
	related_compute(w, n, NULL);
	for (k = 0; k < n; k++)
		base += w[k]->nrelated;
	cfg.weights = strict;
	cfg.nweights = 1;
	related_compute(w, n, &cfg);
	CHECK(w[PORT]->nsyndicated == 2);
	for (k = 0; k < n; k++)
		fewer += w[k]->nrelated;
	/* site.conf's threshold of 1 over the rules' 0. */
	cfg.weights = loose;
	cfg.has_threshold = 1;
	cfg.threshold = 1;
	related_compute(w, n, &cfg);
	for (k = 0; k < n; k++)
		more += w[k]->nrelated;
	CHECK(fewer < base);
	CHECK(more == fewer);
	dispose(w, n);
}

/*
 * Without tags, names in the text relate stories: "said Jonas Feld" and
 * `"...," Feld said` are one name; sharing only it makes no thread.
 */
static void
test_names(void)
{
	static const char *const a[] = {
		"The harbour crane failed again on Monday, said engineer Jonas "
		"Feld, who asked the council for a new one before winter.",
	};
	static const char *const b[] = {
		"\"We cannot wait for another storm,\" Feld told the council "
		"meeting on Wednesday, where the budget for repairs was cut.",
	};
	static const char *const c[] = {
		"Rain is expected across the valley for the rest of the week, "
		"the weather service said on Tuesday.",
	};
	struct article *v[3];
	const struct relation *r;

	v[0] = make("a.txt", "Crane fails", "2024-01-01", NULL, NULL, a, 1);
	v[1] = make("b.txt", "Repairs cut", "2024-01-03", NULL, NULL, b, 1);
	v[2] = make("c.txt", "Rain", "2024-01-02", NULL, NULL, c, 1);
	related_compute(v, 3, NULL);
	CHECK((r = relation(v[0], 1)) != NULL);
	CHECK_STR(r != NULL ? r->reason : NULL, "also about: Jonas Feld");
	CHECK((r = relation(v[1], 0)) != NULL);
	CHECK_STR(r != NULL ? r->reason : NULL, "also about: Jonas Feld");
	CHECK(v[0]->thread_next == -1 && v[1]->thread_prev == -1);
	dispose(v, 3);
}

/* A tag and a name of the text spelt alike are said once in a reason. */
static void
test_names_once(void)
{
	static const char *const a[] = {
		"The harbour crane failed again on Monday, said engineer Jonas "
		"Feld, who asked the council for a new one before winter.",
	};
	static const char *const b[] = {
		"\"We cannot wait for another storm,\" said Jonas Feld at the "
		"council meeting on Wednesday, where repairs were cut.",
	};
	static const char *const c[] = {
		"Rain is expected across the valley for the rest of the week, "
		"the weather service said on Tuesday.",
	};
	struct article *v[3];
	const struct relation *r;
	const char *p;
	size_t i;

	v[0] = make("a.txt", "Crane fails", "2024-01-01", NULL, NULL, a, 1);
	v[1] = make("b.txt", "Repairs cut", "2024-01-03", NULL, NULL, b, 1);
	v[2] = make("c.txt", "Rain", "2024-01-02", NULL, NULL, c, 1);
	for (i = 0; i < 2; i++)
		article_add_tag(v[i], "people", "Jonas Feld", NULL);
	related_compute(v, 3, NULL);
	CHECK((r = relation(v[0], 1)) != NULL);
	/* Both are one name, said once: nothing after it. */
	CHECK(r != NULL && (p = strstr(r->reason, "also about: ")) != NULL &&
	    strcmp(p, "also about: Jonas Feld") == 0);
	dispose(v, 3);
}

/* The same archive in reverse order gives the same links, by path. */
static void
test_deterministic(void)
{
	struct article *v[NART], *r[NART];
	size_t n = archive(v), i, k, j;
	int same = 1;

	archive(r);
	for (i = 0; i < n / 2; i++) {
		struct article *t = r[i];

		r[i] = r[n - 1 - i];
		r[n - 1 - i] = t;
	}
	related_compute(v, n, NULL);
	related_compute(r, n, NULL);
	for (i = 0; i < n; i++) {
		j = n - 1 - i;
		same &= v[i]->nrelated == r[j]->nrelated &&
		    v[i]->nsyndicated == r[j]->nsyndicated;
		for (k = 0; same && k < v[i]->nrelated; k++)
			same &= strcmp(v[v[i]->related[k].index]->path,
			    r[r[j]->related[k].index]->path) == 0 &&
			    strcmp(v[i]->related[k].reason,
			    r[j]->related[k].reason) == 0 &&
			    v[i]->related[k].score == r[j]->related[k].score;
		for (k = 0; same && k < v[i]->nsyndicated; k++)
			same &= strcmp(v[v[i]->syndicated[k]]->path,
			    r[r[j]->syndicated[k]]->path) == 0;
		same &= (v[i]->thread_next < 0) == (r[j]->thread_next < 0);
		if (same && v[i]->thread_next >= 0)
			same &= strcmp(v[v[i]->thread_next]->path,
			    r[r[j]->thread_next]->path) == 0;
	}
	CHECK(same);
	dispose(v, n);
	dispose(r, n);
}

/* Empty, tiny and odd articles: nothing breaks, nothing is a copy. */
static void
test_odd_articles(void)
{
	static const char *const tiny[] = { "Share it" };
	static const char *const odd[] = {
		"\xef\xbc\xa1\xe6\x97\xa5\xe6\x9c\xac "
		"caf\xc3\xa9 Erdo\xc4\x9f" "an \xcc\x81\xcc\x81 \"\" ..."
	};
	struct article *v[4];
	size_t i;

	v[0] = make("empty.txt", "", NULL, NULL, NULL, NULL, 0);
	v[1] = make("tiny.txt", "Share it", NULL, NULL, NULL, tiny, 1);
	v[2] = make("tiny-2.txt", "Share it", NULL, NULL, NULL, tiny, 1);
	v[3] = make("odd.txt", "x", "not a date", NULL, NULL, odd, 1);
	article_add_tag(v[3], "people", "", NULL);
	related_compute(v, 4, NULL);
	for (i = 0; i < 4; i++)
		CHECK(v[i]->nsyndicated == 0 && v[i]->date_inferred == 0);
	CHECK(v[0]->date == NULL);
	related_compute(v, 0, NULL);
	related_compute(v, 1, NULL);
	CHECK(v[0]->nrelated == 0);
	dispose(v, 4);
}

/* {==== the shared corpus ====} */

static const char *
shared(void)
{
	const char *s = getenv("SHARED");

	return s != NULL && *s != '\0' ? s : NULL;
}

static long
seed_of(const struct article *a)
{
	const char *base = strrchr(a->path, '/');

	return strtol(base != NULL ? base + 1 : a->path, NULL, 10);
}

/* Seeds 000 and 001 carry the same AFP story; 000 is dated in its text. */
static void
test_seeds(void)
{
	struct article *v[64];
	struct diag d;
	char path[4096];
	size_t n = 0, i, k;
	long s0 = -1, s1 = -1;
	int id;

	if (shared() == NULL) {
		harness_skip("$SHARED is empty, no seeds");
		return;
	}
	diag_init(&d, NULL);
	for (id = 0; id < 64; id++) {
		struct dirent *e;
		DIR *dp;

		snprintf(path, sizeof(path), "%s/corpus/seeds", shared());
		if ((dp = opendir(path)) == NULL)
			break;
		while ((e = readdir(dp)) != NULL)
			if (strtol(e->d_name, NULL, 10) == id &&
			    e->d_name[0] >= '0' && e->d_name[0] <= '9' &&
			    strstr(e->d_name, ".txt") != NULL) {
				snprintf(path, sizeof(path), "%s/corpus/seeds/%s",
				    shared(), e->d_name);
				if (n < 64 && article_load(&v[n], &d, path) == 0)
					n++;
			}
		closedir(dp);
	}
	CHECK(n >= 5);
	for (i = 0; i < n; i++) {
		if (seed_of(v[i]) == 0)
			s0 = (long)i;
		if (seed_of(v[i]) == 1)
			s1 = (long)i;
	}
	if (s0 < 0 || s1 < 0) {
		CHECK(!"seeds 000 and 001 are there");
		dispose(v, n);
		return;
	}
	CHECK_STR(v[s0]->date, "2021-12-01");
	CHECK(v[s1]->date == NULL);
	related_compute(v, n, NULL);
	CHECK(v[s0]->nsyndicated == 1 && v[s0]->syndicated[0] == (size_t)s1);
	CHECK(v[s1]->nsyndicated == 1 && v[s1]->syndicated[0] == (size_t)s0);
	CHECK(v[s1]->date == NULL);
	CHECK_STR(v[s1]->date_inferred, "2021-12-01");
	CHECK_STR(article_date(v[s1]), "2021-12-01");
	for (i = 0; i < n; i++) {
		if ((long)i != s0 && (long)i != s1)
			CHECK(v[i]->nsyndicated == 0);
		CHECK(v[i]->nrelated > 0);
		for (k = 0; k < v[i]->nrelated; k++)
			CHECK(v[i]->related[k].index != i);
	}
	dispose(v, n);
}

/* 3000 generated articles: copies against the manifest's dup_of. */
/* Everything related_compute() gave the n articles, as text. */
static void
results(struct buf *out, struct article **v, size_t n)
{
	size_t i, k;

	buf_reset(out);
	for (i = 0; i < n; i++) {
		buf_printf(out, "%zu: %ld %ld", i, (long)v[i]->thread_prev,
		    (long)v[i]->thread_next);
		for (k = 0; k < v[i]->nrelated; k++)
			buf_printf(out, " r%zu %.17g %s", v[i]->related[k].index,
			    v[i]->related[k].score, v[i]->related[k].reason);
		for (k = 0; k < v[i]->nsyndicated; k++)
			buf_printf(out, " s%zu", v[i]->syndicated[k]);
		buf_putc(out, '\n');
	}
}

static void
test_generated(void)
{
	char dir[] = "/tmp/morgue-related.XXXXXX", cmd[8192];
	struct corpus_score cs;
	struct article **v;
	long *ids, *root;
	size_t n, i;

	if (shared() == NULL) {
		harness_skip("$SHARED is empty, no generator");
		return;
	}
	if (mkdtemp(dir) == NULL) {
		CHECK(!"mkdtemp");
		return;
	}
	snprintf(cmd, sizeof(cmd), "python3 '%s/bench/gen_corpus.py' --n 3000 "
	    "--seed 7 --out '%s' --no-hugo >/dev/null 2>&1", shared(), dir);
	CHECK(system(cmd) == 0);
	n = corpus_load(&v, &ids, dir);
	CHECK(n == 3000);
	root = n > 0 ? corpus_roots(dir, ids[n - 1]) : NULL;
	CHECK(root != NULL);
	if (root != NULL) {
		struct related_config one = { 5, NULL, 0, 0, 0, NULL, 1,
		    NULL, NULL };
		struct related_config three = { 5, NULL, 0, 0, 0, NULL, 3,
		    NULL, NULL };
		struct related_config kept = { 5, NULL, 0, 0, 0, NULL, 2,
		    NULL, NULL };
		struct buf a = BUF_INIT, b = BUF_INIT;

		/* The threads share the work, never the result. */
		related_compute(v, n, &one);
		results(&a, v, n);
		related_compute(v, n, &three);
		results(&b, v, n);
		CHECK(a.len > 0 && strcmp(a.data, b.data) == 0);
		/* Sketches made once and kept (the build cache) give the
		 * same result as sketches made anew. */
		kept.sketches = xreallocarray(NULL, n + 1,
		    RELATED_SKETCH * sizeof(*kept.sketches));
		kept.known = xcalloc(n + 1, 1);
		related_compute(v, n, &kept);
		for (i = 0; i < n && kept.known[i]; i++)
			;
		CHECK(i == n);
		related_compute(v, n, &kept);
		results(&b, v, n);
		CHECK(strcmp(a.data, b.data) == 0);
		free(kept.sketches);
		free(kept.known);
		buf_dispose(&a);
		buf_dispose(&b);
		related_compute(v, n, NULL);
		corpus_score(&cs, v, ids, n, root);
		printf("generated 3000: %zu copy pairs found, %zu true, "
		    "%zu right\n", cs.found, cs.truth, cs.right);
		CHECK(cs.truth > 100);
		CHECK(cs.found > 0 && (double)cs.right / cs.found >= 0.95);
		CHECK(cs.truth > 0 && (double)cs.right / cs.truth >= 0.95);
	}
	for (i = 0; i < n; i++)
		article_free(v[i]);
	free(v);
	free(ids);
	free(root);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
}

int
main(void)
{
	test_words();
	test_copies();
	test_inferred_date();
	test_reasons();
	test_thread();
	test_no_self_and_count();
	test_weights();
	test_names();
	test_names_once();
	test_deterministic();
	test_odd_articles();
	test_seeds();
	test_generated();
	return harness_done();
}
