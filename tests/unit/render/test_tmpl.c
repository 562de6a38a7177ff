/*
 * test_tmpl.c: the Mustache engine beyond the spec: error messages with
 * their lines, limits against runaway templates, escaping, value
 * formatting, partials from a directory, and reuse of a parsed template.
 */
#include <sys/stat.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/diag.h"
#include "harness.h"
#include "render/tmpl.h"

/* The diagnostics of one case, captured in memory. */
struct cap {
	struct diag	 d;
	char		*text;
	size_t		 len;
	FILE		*f;
};

static void
cap_open(struct cap *c)
{
	c->text = NULL;
	c->len = 0;
	c->f = open_memstream(&c->text, &c->len);
	diag_init(&c->d, c->f);
}

/* Returns what was reported; valid until cap_close(). */
static const char *
cap_text(struct cap *c)
{
	fflush(c->f);
	return c->text ? c->text : "";
}

static void
cap_close(struct cap *c)
{
	fclose(c->f);
	free(c->text);
}

/*
 * Renders src with the JSON data and the partial set p; returns the
 * output (malloc'd) or NULL on an error, whose message goes to *err.
 */
static char *
render(const char *src, const char *data, struct tmpl_partials *p,
    char **err)
{
	struct cap c;
	struct tmpl *t = NULL;
	struct buf out = BUF_INIT;
	json_t *ctx = data ? json_loads(data, JSON_DECODE_ANY, NULL) : NULL;
	char *res = NULL;

	cap_open(&c);
	if (tmpl_parse(&t, &c.d, "t.mustache", src, strlen(src)) == 0 &&
	    tmpl_render(&out, &c.d, t, ctx, p) == 0)
		res = buf_detach(&out);
	if (err != NULL)
		*err = strdup(cap_text(&c));
	cap_close(&c);
	buf_dispose(&out);
	tmpl_free(t);
	json_decref(ctx);
	return res;
}

static void
check_render(const char *src, const char *data, const char *want)
{
	char *got = render(src, data, NULL, NULL);

	CHECK_STR(got, want);
	free(got);
}

/* src must fail with exactly the message want. */
static void
check_error(const char *src, const char *want)
{
	char *err = NULL, *got = render(src, "{}", NULL, &err);

	CHECK(got == NULL);
	CHECK_STR(err, want);
	free(got);
	free(err);
}

static void
test_errors_have_lines(void)
{
	check_error("a\nb {{#s}}\nc\n", "t.mustache:2: error: unclosed "
	    "section \"s\"\n");
	check_error("{{#a}}\n{{#b}}\n{{/a}}\n", "t.mustache:3: error: close "
	    "tag \"a\" does not match section \"b\" opened on line 2\n");
	check_error("x\n\n{{/a}}", "t.mustache:3: error: close tag \"a\" "
	    "without an open section\n");
	check_error("ok\n{{name", "t.mustache:2: error: unclosed tag\n");
	check_error("ok\n{{{name}}", "t.mustache:2: error: unclosed tag\n");
	check_error("\n\n\n{{=<% =}}", "t.mustache:4: error: bad "
	    "set-delimiter tag\n");
	check_error("{{=a b c=}}", "t.mustache:1: error: bad set-delimiter "
	    "tag\n");
	check_error("{{=a= b=}}", "t.mustache:1: error: bad set-delimiter "
	    "tag\n");
	check_error("{{}}", "t.mustache:1: error: empty tag name\n");
	check_error("{{#}}{{/}}", "t.mustache:1: error: empty tag name\n");
	check_error("\n{{a..b}}", "t.mustache:2: error: bad tag name "
	    "\"a..b\"\n");
	check_error("{{a b}}", "t.mustache:1: error: bad tag name "
	    "\"a b\"\n");
	check_error("{{<p}}\n{{$b}}\n{{/p}}", "t.mustache:3: error: close "
	    "tag \"p\" does not match block \"b\" opened on line 2\n");
	check_error("{{=<% %>=}}\n<%^x%>", "t.mustache:2: error: unclosed "
	    "inverted section \"x\"\n");
	/* Lines count through multi-line comments and set delimiters. */
	check_error("{{!\n\n}}{{=[ ]=}}\n[#a]\n[/b]", "t.mustache:5: error: "
	    "close tag \"b\" does not match section \"a\" opened on "
	    "line 4\n");
}

static void
test_escaping(void)
{
	check_render("{{v}}|{{{v}}}|{{&v}}", "{\"v\": \"<a href='x'>&\\\"\"}",
	    "&lt;a href=&#39;x&#39;&gt;&amp;&quot;|<a href='x'>&\"|"
	    "<a href='x'>&\"");
	check_render("{{#l}}{{.}}{{/l}}", "{\"l\": [\"'\", \"<\"]}",
	    "&#39;&lt;");
	/* Data that looks like a tag stays text. */
	check_render("{{v}}", "{\"v\": \"{{v}}\"}", "{{v}}");
}

static void
test_values(void)
{
	check_render("{{a}} {{b}} {{c}} {{d}} {{e}} {{f}} {{g}}",
	    "{\"a\": 1.5, \"b\": 42, \"c\": -7, \"d\": 0.1, \"e\": 2.0, "
	    "\"f\": 1e300, \"g\": 123456789012}",
	    "1.5 42 -7 0.1 2 1e+300 123456789012");
	check_render("{{t}} {{f}} [{{n}}] [{{o}}] [{{l}}]",
	    "{\"t\": true, \"f\": false, \"n\": null, \"o\": {}, \"l\": [1]}",
	    "true false [] [] []");
	/* Falsey: null, false, 0, 0.0, "", [] and a missing name. */
	check_render("{{#a}}A{{/a}}{{#b}}B{{/b}}{{#c}}C{{/c}}{{#d}}D{{/d}}"
	    "{{#e}}E{{/e}}{{#f}}F{{/f}}{{#g}}G{{/g}}",
	    "{\"a\": null, \"b\": false, \"c\": 0, \"d\": 0.0, \"e\": \"\", "
	    "\"f\": [], \"h\": 1}", "");
	check_render("{{^a}}A{{/a}}{{^b}}B{{/b}}{{^c}}C{{/c}}{{^d}}D{{/d}}"
	    "{{^e}}E{{/e}}", "{\"a\": {}, \"b\": \" \", \"c\": -1, "
	    "\"d\": 0.5, \"e\": [0]}", "");
}

static void
test_deep_lookup(void)
{
	check_render("{{a.b.c.d.e.f}}",
	    "{\"a\": {\"b\": {\"c\": {\"d\": {\"e\": {\"f\": \"deep\"}}}}}}",
	    "deep");
	/* The first part is found outward, the rest only inside it. */
	check_render("{{#a}}{{#b}}{{c.d}}|{{x}}|{{a.b.c.d}}{{/b}}{{/a}}",
	    "{\"x\": \"top\", \"a\": {\"b\": {\"y\": 1}, \"c\": {\"d\": "
	    "\"mid\"}}, \"c\": {\"d\": \"no\"}}", "mid|top|");
	check_render("{{#a}}{{b.c}}{{/a}}", "{\"a\": {\"b\": {}}, "
	    "\"b\": {\"c\": \"no\"}}", "");
	check_render("{{#items}}{{name}}:{{#tags}}{{.}},{{/tags}};{{/items}}",
	    "{\"items\": [{\"name\": \"a\", \"tags\": [\"x\", \"y\"]}, "
	    "{\"name\": \"b\", \"tags\": []}]}", "a:x,y,;b:;");
	/* A context that is not an object: "." still works. */
	check_render("{{.}}-{{x}}", "\"plain\"", "plain-");
	check_render("[{{.}}{{x}}]", NULL, "[]");
}

static struct tmpl_partials *
map(const char *const *kv)
{
	struct tmpl_partials *p = tmpl_partials_new(NULL, TMPL_MISSING_OK);
	struct diag d;

	diag_init(&d, stdout);
	for (; kv[0] != NULL; kv += 2)
		CHECK(tmpl_partials_add(p, &d, kv[0], kv[1],
		    strlen(kv[1])) == 0);
	return p;
}

static void
test_recursion_limit(void)
{
	static const char *const self[] = { "self", "x{{>self}}", NULL };
	static const char *const tree[] = { "node",
	    "{{name}}({{#kids}}{{>node}}{{/kids}})", NULL };
	struct tmpl_partials *p = map(self);
	char *err = NULL, *got;

	got = render("{{>self}}", "{}", p, &err);
	CHECK(got == NULL);
	CHECK(strstr(err, "self:1: error: \"self\" nested deeper than 1000 "
	    "levels (recursive partial?)\n") != NULL);
	CHECK(strchr(err, '\n') == err + strlen(err) - 1);
	free(err);
	tmpl_partials_free(p);
	/* Recursion that data ends is fine. */
	p = map(tree);
	got = render("{{>node}}", "{\"name\": \"a\", \"kids\": [{\"name\": "
	    "\"b\", \"kids\": [{\"name\": \"c\", \"kids\": []}]}, "
	    "{\"name\": \"d\", \"kids\": []}]}", p,
	    NULL);
	CHECK_STR(got, "a(b(c())d())");
	free(got);
	tmpl_partials_free(p);
}

static void
test_output_bound(void)
{
	/* Each level doubles the output: 2^40 bytes unless bounded. */
	static const char *const boom[] = {
	    "p0", "{{>p1}}{{>p1}}", "p1", "{{>p2}}{{>p2}}",
	    "p2", "{{>p3}}{{>p3}}", "p3", "{{>p4}}{{>p4}}",
	    "p4", "{{>p5}}{{>p5}}", "p5", "{{#l}}{{>p6}}{{/l}}",
	    "p6", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
	    NULL };
	struct tmpl_partials *p = map(boom);
	struct buf data = BUF_INIT;
	char *err = NULL, *got;
	struct diag d;
	int i;

	diag_init(&d, stdout);
	tmpl_partials_limit(p, 1 << 20, 0);
	got = render("{{>p0}}", "{\"l\": [1, 2, 3]}", p, NULL);
	CHECK(got != NULL && strlen(got) == 32 * 3 * 56);
	free(got);
	buf_puts(&data, "{\"l\": [0");
	for (i = 1; i < 40; i++)
		buf_printf(&data, ", %d", i);
	buf_puts(&data, "]}");
	got = render("{{#l}}{{>p0}}{{/l}}", data.data, p, &err);
	CHECK(got == NULL);

	CHECK(strstr(err, "p5:1: error: output larger than 1048576 "
	    "bytes\n") != NULL);
	free(err);
	/* Indentation multiplies one text: 100000 lines, 1000 spaces each. */
	buf_reset(&data);
	for (i = 0; i < 100000; i++)
		buf_putc(&data, '\n');
	CHECK(tmpl_partials_add(p, &d, "lines", data.data, data.len) == 0);
	buf_reset(&data);
	for (i = 0; i < 1000; i++)
		buf_putc(&data, ' ');
	buf_puts(&data, "{{>lines}}\n");
	got = render(data.data, NULL, p, &err);
	CHECK(got == NULL);
	CHECK(strstr(err, "lines:1: error: output larger than 1048576 "
	    "bytes\n") != NULL);
	free(err);
	buf_reset(&data);
	buf_puts(&data, "{\"l\": [0");
	for (i = 1; i < 40; i++)
		buf_printf(&data, ", %d", i);
	buf_puts(&data, "]}");
	/* Steps bound work that writes nothing. */
	tmpl_partials_limit(p, 0, 10000);
	got = render("{{#l}}{{#l}}{{#l}}.{{/l}}{{/l}}{{/l}}", data.data, p,
	    &err);
	CHECK(got == NULL);
	CHECK(strstr(err, "t.mustache:1: error: rendering takes more than "
	    "10000 steps\n") != NULL);
	free(err);
	buf_dispose(&data);
	tmpl_partials_free(p);
}

static void
write_file(const char *path, const char *s)
{
	FILE *f = fopen(path, "w");

	if (f == NULL)
		return;
	fputs(s, f);
	fclose(f);
}

static void
test_partial_dir(void)
{
	char dir[] = "/tmp/test_tmpl.XXXXXX", path[256], *got, *err = NULL;
	struct tmpl_partials *p;
	struct cap c;

	if (mkdtemp(dir) == NULL) {
		CHECK(!"mkdtemp");
		return;
	}
	snprintf(path, sizeof(path), "%s/a.mustache", dir);
	write_file(path, "A-mustache");
	snprintf(path, sizeof(path), "%s/a.html", dir);
	write_file(path, "A-html");
	snprintf(path, sizeof(path), "%s/b.html", dir);
	write_file(path, "B-html");
	snprintf(path, sizeof(path), "%s/b", dir);
	write_file(path, "B-bare");
	snprintf(path, sizeof(path), "%s/c", dir);
	write_file(path, "C-bare {{x}}");
	snprintf(path, sizeof(path), "%s/sub", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/sub/d.mustache", dir);
	write_file(path, "D\n{{#oops}}\n");
	snprintf(path, sizeof(path), "%s/e.mustache", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/e.html", dir);
	write_file(path, "E-html");

	p = tmpl_partials_new(dir, 0);
	got = render("{{>a}} {{>b}} {{> c }} {{>e}}", "{\"x\": 1}", p, NULL);
	CHECK_STR(got, "A-mustache B-html C-bare 1 E-html");
	free(got);
	/* The cache answers a second render the same way. */
	got = render("{{>a}}{{>a}}", NULL, p, NULL);
	CHECK_STR(got, "A-mustacheA-mustache");
	free(got);
	/* A missing partial is "" with a warning at its tag, as the spec
	 * wants, and only once per place for a partial set. */
	got = render("x\n {{>nope}}", NULL, p, &err);
	CHECK_STR(got, "x\n");
	CHECK(strstr(err, "t.mustache:2: warning: partial \"nope\" not found "
	    "in /tmp/") != NULL);
	free(got);
	free(err);
	got = render("x\n {{>nope}}", NULL, p, &err);
	CHECK_STR(err, "");
	free(got);
	free(err);
	got = render("{{>sub/d}}", NULL, p, &err);
	CHECK(got == NULL);
	CHECK(strstr(err, "/sub/d.mustache:2: error: unclosed section "
	    "\"oops\"\n") != NULL);
	CHECK(strstr(err, "t.mustache:1: error: partial \"sub/d\" has "
	    "errors\n") != NULL);
	free(err);
	/* A name from data cannot leave the directory. */
	got = render("{{>*n}}", "{\"n\": \"../etc/passwd\"}", p, &err);
	CHECK_STR(got, "");
	CHECK(strstr(err, "warning: partial \"../etc/passwd\" not found") !=
	    NULL);
	free(got);
	free(err);
	tmpl_partials_free(p);

	/* --strict: each is an error. */
	p = tmpl_partials_new(dir, TMPL_STRICT);
	got = render("x\n {{>nope}}", NULL, p, &err);
	CHECK(got == NULL);
	CHECK(strstr(err, "t.mustache:2: error: partial \"nope\" not found "
	    "in /tmp/") != NULL);
	free(err);
	got = render("{{>*n}}", "{\"n\": \"../etc/passwd\"}", p, &err);
	CHECK(got == NULL);
	CHECK(strstr(err, "error: partial \"../etc/passwd\" not found") !=
	    NULL);
	free(err);
	tmpl_partials_free(p);

	p = tmpl_partials_new(dir, TMPL_MISSING_OK);
	got = render("[{{>nope}}][{{>*n}}]", "{\"n\": \"a\"}", p, NULL);
	CHECK_STR(got, "[][A-mustache]");
	free(got);
	cap_open(&c);
	CHECK(tmpl_partials_get(p, &c.d, "a", &(int){0}) != NULL);
	CHECK(tmpl_partials_get(p, &c.d, "/etc/passwd", &(int){0}) == NULL);
	cap_close(&c);
	tmpl_partials_free(p);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	CHECK(system(path) == 0);
}

/* A misspelt variable: nothing, with a warning at its file:line; once per
 * place for a partial set; an error with TMPL_STRICT. null, false and a
 * section over a missing name are not warned about. */
static void
test_unknown_variables(void)
{
	struct tmpl_partials *p = tmpl_partials_new(NULL, 0);
	char *got, *err;

	got = render("a\n{{titel}}|{{{raw}}}|{{a.b}}|{{n}}|{{#s}}x{{/s}}|"
	    "{{^s}}y{{/s}}|{{>*dyn}}", "{\"n\": null, \"a\": {}}", p, &err);
	CHECK_STR(got, "a\n|||||y|");
	CHECK_STR(err, "t.mustache:2: warning: variable \"titel\" not found; "
	    "rendered as nothing\n"
	    "t.mustache:2: warning: variable \"raw\" not found; "
	    "rendered as nothing\n"
	    "t.mustache:2: warning: variable \"a.b\" not found; "
	    "rendered as nothing\n"
	    "t.mustache:2: warning: dynamic partial name \"dyn\" not found; "
	    "rendered as nothing\n");
	free(got);
	free(err);
	got = render("a\n{{titel}}", "{}", p, &err);
	CHECK_STR(got, "a\n");
	CHECK_STR(err, "");
	free(got);
	free(err);
	tmpl_partials_free(p);

	p = tmpl_partials_new(NULL, TMPL_STRICT);
	got = render("a\n\n{{titel}}", "{}", p, &err);
	CHECK(got == NULL);
	CHECK_STR(err, "t.mustache:3: error: variable \"titel\" not found\n");
	free(err);
	tmpl_partials_free(p);

	p = tmpl_partials_new(NULL, TMPL_MISSING_OK);
	got = render("{{titel}}{{>x}}", "{}", p, &err);
	CHECK_STR(got, "");
	CHECK_STR(err, "");
	free(got);
	free(err);
	tmpl_partials_free(p);
}

/* Indentation and inheritance together, as a site layout uses them. */
static void
test_layout(void)
{
	static const char *const parts[] = {
	    "layout", "<html>\n  <body>\n    {{$body}}\n    {{/body}}\n"
	    "  </body>\n</html>\n",
	    "item", "<li>{{title}}</li>\n",
	    NULL };
	struct tmpl_partials *p = map(parts);
	char *got;

	got = render("{{<layout}}{{$body}}\n<ul>\n{{#items}}\n  {{>item}}\n"
	    "{{/items}}\n</ul>\n{{/body}}{{/layout}}\n",
	    "{\"items\": [{\"title\": \"A<B\"}, {\"title\": \"C\"}]}", p,
	    NULL);
	CHECK_STR(got, "<html>\n  <body>\n    <ul>\n      <li>A&lt;B</li>\n"
	    "      <li>C</li>\n    </ul>\n  </body>\n</html>\n");
	free(got);
	tmpl_partials_free(p);
}

static void
test_reuse(void)
{
	struct tmpl *t = NULL;
	struct buf out = BUF_INIT;
	struct diag d;
	json_t *a = json_pack("{s:s}", "x", "1"), *b = json_pack("{s:i}",
	    "x", 2);
	const char *src = "<{{x}}>";

	diag_init(&d, stdout);
	CHECK(tmpl_parse(&t, &d, "r", src, strlen(src)) == 0);
	CHECK_STR(tmpl_name(t), "r");
	CHECK(tmpl_render(&out, &d, t, a, NULL) == 0);
	CHECK(tmpl_render(&out, &d, t, b, NULL) == 0);
	CHECK(tmpl_render(&out, &d, t, a, NULL) == 0);
	CHECK_STR(out.data, "<1><2><1>");
	/* Without a partial set, partials are empty. */
	buf_reset(&out);
	tmpl_free(t);
	src = "[{{>x}}]";
	CHECK(tmpl_parse(&t, &d, "r", src, strlen(src)) == 0);
	CHECK(tmpl_render(&out, &d, t, a, NULL) == 0);
	CHECK_STR(out.data, "[]");
	CHECK(d.errors == 0);
	tmpl_free(t);
	buf_dispose(&out);
	json_decref(a);
	json_decref(b);
}

/* One thread of test_threads(): renders t 200 times, counts mistakes. */
struct job {
	const struct tmpl	*t;
	struct tmpl_partials	*p;
	json_t			*ctx;
	int			 bad;
};

static void *
run_job(void *arg)
{
	struct job *j = arg;
	struct buf out = BUF_INIT;
	struct diag d;
	int i;

	diag_init(&d, NULL);
	for (i = 0; i < 200; i++) {
		buf_reset(&out);
		if (tmpl_render(&out, &d, j->t, j->ctx, j->p) < 0 ||
		    strcmp(out.data, "<A1><B1><C1><D1>") != 0)
			j->bad++;
	}
	buf_dispose(&out);
	return NULL;
}

/* Renders from several threads share templates and a loading cache. */
static void
test_threads(void)
{
	char dir[] = "/tmp/test_tmpl.XXXXXX", path[256];
	const char *src = "{{>a}}{{>b}}{{>*c}}{{>d}}";
	const char *names[] = { "a", "b", "cc", "d" };
	struct tmpl_partials *p;
	struct job jobs[4];
	pthread_t th[4];
	struct tmpl *t;
	struct diag d;
	json_t *ctx = json_pack("{s:i,s:s}", "x", 1, "c", "cc");
	int i;

	if (mkdtemp(dir) == NULL) {
		CHECK(!"mkdtemp");
		return;
	}
	for (i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "%s/%s.html", dir, names[i]);
		write_file(path, i == 0 ? "<A{{x}}>" : i == 1 ? "<B{{x}}>" :
		    i == 2 ? "<C{{x}}>" : "<D{{x}}>");
	}
	diag_init(&d, stdout);
	p = tmpl_partials_new(dir, 0);
	CHECK(tmpl_parse(&t, &d, "threads", src, strlen(src)) == 0);
	for (i = 0; i < 4; i++) {
		jobs[i] = (struct job){ t, p, ctx, 0 };
		CHECK(pthread_create(&th[i], NULL, run_job, &jobs[i]) == 0);
	}
	for (i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		CHECK(jobs[i].bad == 0);
	}
	tmpl_free(t);
	tmpl_partials_free(p);
	json_decref(ctx);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	CHECK(system(path) == 0);
}

/* xorshift, so that the random templates are the same on every run. */
static unsigned
next(unsigned *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 17;
	*state ^= *state << 5;
	return *state;
}

/*
 * Hostile templates: deep nesting is refused, not a stack overflow, and
 * thousands of random mixes of tag pieces parse or fail cleanly, render
 * or fail cleanly, and report exactly when they fail.
 */
static void
test_hostile(void)
{
	static const char *const bits[] = { "{{", "}}", "{{{", "}}}", "#",
	    "^", "/", ">", "<", "$", "!", "=", "&", "*", "a", "b", ".", "l",
	    " ", "\n", "\r\n", "\t", "x", "{{=<% %>=}}", "<%", "%>", "{{#l}}",
	    "{{/l}}", "{{>p}}", "{{<p}}", "{{$b}}", "{{/b}}", "{{/p}}", "\0" };
	static const char *const parts[] = { "p", "[{{$b}}B{{/b}}]{{>q}}",
	    "q", "  {{#l}}\n  {{>p}}\n  {{/l}}\n", NULL };
	struct tmpl_partials *p = map(parts);
	json_t *ctx = json_loads("{\"a\": \"<\", \"l\": [1, {\"a\": 2}], "
	    "\"b\": {\"a\": [true]}}", 0, NULL);
	struct buf src = BUF_INIT, out = BUF_INIT;
	unsigned state = 2463534242u, k;
	int i, bad = 0, rc, nparsed = 0, nrendered = 0;
	struct tmpl *t;
	struct diag d;

	diag_init(&d, NULL);
	for (k = 0; k < 1001; k++)
		BUF_PUTSL(&src, "{{#a}}");
	CHECK(tmpl_parse(&t, &d, "deep", src.data, src.len) < 0);
	CHECK(d.errors == 1);
	tmpl_partials_limit(p, 1 << 20, 1 << 20);
	for (i = 0; i < 3000; i++) {
		buf_reset(&src);
		for (k = next(&state) % 40; k > 0; k--) {
			const char *b = bits[next(&state) % (sizeof(bits) /
			    sizeof(bits[0]))];

			buf_put(&src, b, b[0] == '\0' ? 1 : strlen(b));
		}
		diag_init(&d, NULL);
		if (tmpl_parse(&t, &d, "fuzz", src.data, src.len) < 0) {
			bad += d.errors != 1;
			continue;
		}
		buf_reset(&out);
		rc = tmpl_render(&out, &d, t, ctx, p);
		bad += rc == 0 ? d.errors != 0 : d.errors != 1;
		nparsed++;
		nrendered += rc == 0;
		tmpl_free(t);
	}
	CHECK(bad == 0);
	/* Both outcomes occur, so the loop tests something. */
	CHECK(nparsed > 100 && nrendered > 100 && nrendered < nparsed);
	buf_dispose(&src);
	buf_dispose(&out);
	json_decref(ctx);
	tmpl_partials_free(p);
}

int
main(void)
{
	test_errors_have_lines();
	test_escaping();
	test_values();
	test_deep_lookup();
	test_recursion_limit();
	test_output_bound();
	test_partial_dir();
	test_layout();
	test_unknown_variables();
	test_reuse();
	test_hostile();
	test_threads();
	return harness_done();
}
