/*
 * test_tmpl_names.c: what a template can read (tmpl_names_of()), which
 * keys a page's key by: names through partials and parents, how each
 * part is used, dynamic names, and the hash of the sources reached.
 */
#include <stdio.h>
#include <string.h>

#include "core/diag.h"
#include "harness.h"
#include "render/tmpl.h"

static unsigned
bits(const struct tmpl_names *nm, const char *name)
{
	return tmpl_names_bits(nm, name, strlen(name));
}

static struct tmpl_partials *
set(struct diag *d, const char *page, const char *card)
{
	struct tmpl_partials *p = tmpl_partials_new(NULL, 0);

	tmpl_partials_add(p, d, "layout", "<h1>{{site.title}}</h1>"
	    "{{$main}}{{/main}}{{#nav}}{{name}}{{/nav}}", 65);
	tmpl_partials_add(p, d, "page", page, strlen(page));
	tmpl_partials_add(p, d, "card", card, strlen(card));
	return p;
}

static void
test_parts(void)
{
	struct diag d;
	struct tmpl_partials *p;
	struct tmpl_names nm;

	diag_init(&d, NULL);
	p = set(&d, "{{<layout}}{{$main}}{{#articles}}{{>card}}{{/articles}}"
	    "{{pagination.number}}{{/main}}{{/layout}}", "<li>{{title}}</li>");
	CHECK(tmpl_names_of(&nm, p, &d, "page") == 0);
	CHECK(!nm.all);
	/* through the parent and the partial */
	CHECK(bits(&nm, "site") == TMPL_NAME_FIRST);
	CHECK(bits(&nm, "title") == (TMPL_NAME_FIRST | TMPL_NAME_LATER));
	CHECK(bits(&nm, "nav") == (TMPL_NAME_FIRST | TMPL_NAME_PUSHED));
	CHECK(bits(&nm, "articles") == (TMPL_NAME_FIRST | TMPL_NAME_PUSHED));
	CHECK(bits(&nm, "number") == TMPL_NAME_LATER);
	/* never named: a key of that name cannot change the page */
	CHECK(bits(&nm, "count") == 0);
	CHECK(bits(&nm, "updated") == 0);
	tmpl_names_dispose(&nm);
	tmpl_partials_free(p);
}

static void
test_hash_follows_sources(void)
{
	struct diag d;
	struct tmpl_partials *p, *q;
	struct tmpl_names a, b, c;

	diag_init(&d, NULL);
	p = set(&d, "{{>card}}", "<li>{{title}}</li>");
	q = set(&d, "{{>card}}", "<li>{{title}} </li>");
	CHECK(tmpl_names_of(&a, p, &d, "page") == 0);
	CHECK(tmpl_names_of(&b, q, &d, "page") == 0);
	CHECK(tmpl_names_of(&c, p, &d, "page") == 0);
	/* a partial's change changes the hash of the pages that reach it */
	CHECK(!XXH128_isEqual(a.hash, b.hash));
	CHECK(XXH128_isEqual(a.hash, c.hash));
	tmpl_names_dispose(&a);
	tmpl_names_dispose(&b);
	tmpl_names_dispose(&c);
	tmpl_partials_free(p);
	tmpl_partials_free(q);
}

static void
test_unknowable(void)
{
	struct diag d;
	struct tmpl_partials *p;
	struct tmpl_names nm;

	diag_init(&d, NULL);
	/* a partial chosen by the data: any key may be read */
	p = set(&d, "{{>*which}}", "");
	CHECK(tmpl_names_of(&nm, p, &d, "page") == 0);
	CHECK(nm.all);
	CHECK(bits(&nm, "anything") != 0);
	tmpl_names_dispose(&nm);
	tmpl_partials_free(p);
	/* a section over "." pushes what it is given */
	p = set(&d, "{{#list}}{{#.}}{{x}}{{/.}}{{/list}}", "");
	CHECK(tmpl_names_of(&nm, p, &d, "page") == 0);
	CHECK(nm.all);
	tmpl_names_dispose(&nm);
	tmpl_partials_free(p);
	/* a partial that recurses is walked once */
	p = set(&d, "{{>page}}{{a}}", "");
	CHECK(tmpl_names_of(&nm, p, &d, "page") == 0);
	CHECK(bits(&nm, "a") == TMPL_NAME_FIRST);
	tmpl_names_dispose(&nm);
	tmpl_partials_free(p);
	/* a missing partial renders as "", and reads nothing */
	p = set(&d, "{{>nothing}}{{b}}", "");
	CHECK(tmpl_names_of(&nm, p, &d, "page") == 0);
	CHECK(bits(&nm, "b") == TMPL_NAME_FIRST);
	tmpl_names_dispose(&nm);
	tmpl_partials_free(p);
}

int
main(void)
{
	test_parts();
	test_hash_follows_sources();
	test_unknowable();
	return harness_done();
}
