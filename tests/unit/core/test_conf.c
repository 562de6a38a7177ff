/* test_conf.c: site.conf as Lua data, its types, lines and budgets. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/conf.h"
#include "harness.h"

/* The result of one conf_parse(), with what it printed. */
struct run {
	struct conf	*c;
	int		 rc;
	unsigned	 errors, warnings;
	char		*log;
};

static struct run
run(const char *text)
{
	struct run r = { NULL, 0, 0, 0, NULL };
	struct diag d;
	size_t len;
	FILE *f = open_memstream(&r.log, &len);

	diag_init(&d, f);
	r.rc = conf_parse(&r.c, &d, "site.conf", text, strlen(text));
	fclose(f);
	r.errors = d.errors;
	r.warnings = d.warnings;
	return r;
}

static void
done(struct run *r)
{
	conf_free(r->c);
	free(r->log);
}

static void
test_defaults(void)
{
	struct run r = run("");

	CHECK(r.rc == 0 && r.errors == 0 && r.warnings == 0);
	CHECK_STR(r.c->title, "My archive");
	CHECK_STR(r.c->base_url, "http://localhost/");
	CHECK_STR(r.c->language, "en");
	CHECK_STR(r.c->content, "content");
	CHECK_STR(r.c->output, "public");
	CHECK_STR(r.c->templates, "templates");
	CHECK(r.c->rules.n == 3);
	CHECK_STR(r.c->rules.v[0], "lua/aliases.lua");
	CHECK_STR(r.c->rules.v[2], "lua/links.lua");
	CHECK(r.c->related_count == 5);
	CHECK_STR(r.c->archive_repo, "archive.git");
	CHECK_STR(r.c->archive_branch, "archive");
	CHECK(r.c->remotes.n == 0);
	CHECK(r.c->author_name[0] != '\0' && r.c->author_email[0] != '\0');
	done(&r);
}

static void
test_values_and_references(void)
{
	struct run r = run(
	    "-- a comment\n"
	    "title = \"The Vellmar Morgue\"\n"
	    "base_url = \"https://example.org/morgue\"\n"
	    "language = \"pt-BR\"\n"
	    "rules = { \"lua/a.lua\" }\n"
	    "related = { count = 2 }\n"
	    "local host = \"origin\"\n"
	    "archive = { branch = \"pages\", remotes = { host, \"mirror\" },\n"
	    "  author = { name = title .. \" bot\", email = \"a@b.example\" } }\n");

	CHECK(r.rc == 0 && r.errors == 0 && r.warnings == 0);
	CHECK_STR(r.c->title, "The Vellmar Morgue");
	/* The slash that relative links need is added. */
	CHECK_STR(r.c->base_url, "https://example.org/morgue/");
	CHECK_STR(r.c->language, "pt-BR");
	CHECK(r.c->rules.n == 1);
	CHECK(r.c->related_count == 2);
	CHECK_STR(r.c->archive_branch, "pages");
	CHECK_STR(r.c->archive_repo, "archive.git");
	CHECK(r.c->remotes.n == 2);
	CHECK_STR(r.c->remotes.v[0], "origin");
	CHECK_STR(r.c->author_name, "The Vellmar Morgue bot");
	done(&r);
}

static void
test_unknown_keys_warn(void)
{
	struct run r = run("title = \"x\"\n\ntitel = \"typo\"\n"
	    "related = { count = 3, cuont = 1 }\n");

	CHECK(r.rc == 0 && r.errors == 0 && r.warnings == 2);
	CHECK(strstr(r.log, "site.conf:3: warning: unknown key titel") != NULL);
	CHECK(strstr(r.log, "site.conf:4: warning: unknown key related.cuont")
	    != NULL);
	CHECK(r.c != NULL && r.c->related_count == 3);
	done(&r);
}

static void
test_wrong_types(void)
{
	struct run r = run("title = \"x\"\nlanguage = \"en\"\n"
	    "  output   = 42\n");

	CHECK(r.rc == -1 && r.c == NULL && r.errors == 1);
	CHECK_STR(r.log,
	    "site.conf:3: error: output: expected a string, got number\n");
	done(&r);
	r = run("rules = \"lua/tags.lua\"\n");
	CHECK(r.rc == -1);
	CHECK(strstr(r.log, "site.conf:1: error: rules: expected a list of "
	    "strings, got string") != NULL);
	done(&r);
	r = run("rules = { \"a.lua\", 7 }\n");
	CHECK(r.rc == -1 && strstr(r.log, "site.conf:1: error: rules:") != NULL);
	done(&r);
	r = run("title = \"t\"\nrelated = {\n  count = \"five\",\n}\n");
	CHECK(r.rc == -1);
	CHECK(strstr(r.log, "site.conf:3: error: related.count: expected an "
	    "integer, got string") != NULL);
	done(&r);
	r = run("related = { count = 2.5 }\n");
	CHECK(r.rc == -1);
	done(&r);
	r = run("archive = { author = { name = true } }\n");
	CHECK(r.rc == -1 && strstr(r.log, "archive.author.name") != NULL);
	done(&r);
}

static void
test_unsafe_values(void)
{
	static const char *const bad[] = {
		"output = \".\"\n", "output = \"..\"\n", "output = \"/tmp\"\n",
		"output = \"a/../b\"\n", "output = \"\"\n",
		"output = \"content\"\ncontent = \"content/raw\"\n",
		"base_url = \"javascript:alert(1)\"\n",
		"base_url = \"/relative/\"\n", "language = \"<b>\"\n",
		"archive = { branch = \"-x\" }\n",
		"archive = { remotes = { \"--upload-pack=x\" } }\n",
		"title = \"a\\0b\"\n", "title = \"\\xff\"\n",
	};
	struct run r;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r = run(bad[i]);
		if (!CHECK(r.rc == -1 && strstr(r.log, "error:") != NULL))
			fprintf(stderr, "  accepted: %s", bad[i]);
		done(&r);
	}
	r = run("output = \"site/public\"\n");
	CHECK(r.rc == 0);
	done(&r);
}

static void
test_lua_errors_have_lines(void)
{
	struct run r = run("title = \"x\"\ntitle = = 3\n");

	CHECK(r.rc == -1 && strncmp(r.log, "site.conf:2: error: ", 20) == 0);
	done(&r);
	r = run("\n\nx = nothing.field\n");
	CHECK(r.rc == -1 && strncmp(r.log, "site.conf:3: error: ", 20) == 0);
	done(&r);
}

static void
test_hostile(void)
{
	time_t t0 = time(NULL);
	struct run r = run("title = \"x\"\nwhile true do end\n");

	CHECK(r.rc == -1);
	CHECK(strstr(r.log, "site.conf:2: error: too many instructions") != NULL);
	CHECK(time(NULL) - t0 < 10);
	done(&r);
	/* No library at all: the environment is empty. */
	r = run("os.execute(\"touch /tmp/morgue-conf-pwned\")\n");
	CHECK(r.rc == -1 && strstr(r.log, "global 'os'") != NULL);
	done(&r);
	r = run("title = io.open(\"/etc/passwd\"):read(\"a\")\n");
	CHECK(r.rc == -1);
	done(&r);
	r = run("load(\"x = 1\")()\n");
	CHECK(r.rc == -1);
	done(&r);
	r = run("title = (\"x\"):rep(100)\n");
	CHECK(r.rc == -1);
	done(&r);
	r = run("local s = \"xxxxxxxx\"\nfor i = 1, 40 do s = s .. s end\n"
	    "title = s\n");
	CHECK(r.rc == -1 && strstr(r.log, "too much memory") != NULL);
	done(&r);
	r = run("t = {}\nfor i = 1, 1e9 do t[i] = i end\n");
	CHECK(r.rc == -1 && strstr(r.log, "error:") != NULL);
	done(&r);
	/* Binary chunks are refused. */
	r = run("\033Lua\x54");
	CHECK(r.rc == -1);
	done(&r);
}

/* A title over CONF_MAX_STRING bytes is cut on a character boundary
 * with a warning at its line; a path that long is an error. */
static void
test_string_caps(void)
{
	char *text = malloc(CONF_MAX_STRING * 3 + 64);
	struct run r;
	size_t i, n;

	n = (size_t)sprintf(text, "language = \"en\"\ntitle = \"");
	for (i = 0; i < CONF_MAX_STRING; i++)	/* U+00E9: 2 bytes each */
		n += (size_t)sprintf(text + n, "\xc3\xa9");
	sprintf(text + n, "\"\n");
	r = run(text);
	CHECK(r.rc == 0 && r.warnings == 1);
	CHECK(strstr(r.log, "site.conf:2: warning: title: cut to") != NULL);
	CHECK(r.c != NULL && strlen(r.c->title) <= CONF_MAX_STRING &&
	    strlen(r.c->title) % 2 == 0);
	done(&r);
	n = (size_t)sprintf(text, "output = \"");
	for (i = 0; i <= CONF_MAX_STRING; i++)
		text[n++] = 'p';
	sprintf(text + n, "\"\n");
	r = run(text);
	CHECK(r.rc == -1 && strstr(r.log, "site.conf:1: error: output: too "
	    "long") != NULL);
	done(&r);
	free(text);
}

int
main(void)
{
	test_string_caps();
	test_defaults();
	test_values_and_references();
	test_unknown_keys_warn();
	test_wrong_types();
	test_unsafe_values();
	test_lua_errors_have_lines();
	test_hostile();
	return harness_done();
}
