/*
 * test_mustache_spec.c: the official Mustache spec, read at run time
 * from the JSON files of $SHARED/spec/mustache (never copied into the
 * project).
 *
 * Every test of every file counts as one check: its template, rendered
 * with its data and partials, must equal its expected output byte for
 * byte (the spec's TESTING.md), with the partial set `morgue template`
 * uses (no flags): a failed lookup of a partial or a dynamic name renders
 * as "" with a warning, never an error, and each test whose name says it
 * fails a lookup must have warned. The required files and the optional
 * ~inheritance and ~dynamic-names run; ~lambdas is skipped, as lambdas
 * are not implemented (its tests carry code for other languages only).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/diag.h"
#include "harness.h"
#include "render/tmpl.h"

/* Renders one spec test; prints why when it fails. */
static int
run_test(const char *file, json_t *test)
{
	const char *name, *src, *want, *key;
	json_t *partials, *v;
	struct tmpl_partials *p;
	struct tmpl *t = NULL;
	struct buf out = BUF_INIT;
	struct diag d;
	char *log = NULL;
	size_t loglen = 0;
	FILE *f = open_memstream(&log, &loglen);
	int ok = 0;

	diag_init(&d, f);
	name = json_string_value(json_object_get(test, "name"));
	src = json_string_value(json_object_get(test, "template"));
	want = json_string_value(json_object_get(test, "expected"));
	if (name == NULL || src == NULL || want == NULL) {
		printf("%s: malformed test\n", file);
		fclose(f);
		free(log);
		return 0;
	}
	p = tmpl_partials_new(NULL, 0);
	partials = json_object_get(test, "partials");
	json_object_foreach(partials, key, v)
		if (tmpl_partials_add(p, &d, key, json_string_value(v),
		    json_string_length(v)) < 0)
			goto out;
	if (tmpl_parse(&t, &d, name, src, strlen(src)) < 0 ||
	    tmpl_render(&out, &d, t, json_object_get(test, "data"), p) < 0)
		goto out;
	ok = out.len == strlen(want) && memcmp(out.data, want, out.len) == 0 &&
	    d.errors == 0 && (strstr(name, "Failed Lookup") == NULL ||
	    d.warnings > 0);
out:
	fclose(f);
	if (!ok) {
		printf("%s", log ? log : "");
		printf("FAIL %s: %s\n  template: ", file, name);
		json_dumpf(json_object_get(test, "template"), stdout,
		    JSON_ENCODE_ANY);
		printf("\n  got:      ");
		v = json_stringn(out.data, out.len);
		json_dumpf(v, stdout, JSON_ENCODE_ANY);
		json_decref(v);
		printf("\n  want:     ");
		json_dumpf(json_object_get(test, "expected"), stdout,
		    JSON_ENCODE_ANY);
		printf("\n");
	}
	free(log);
	buf_dispose(&out);
	tmpl_free(t);
	tmpl_partials_free(p);
	return ok;
}

static void
run_file(const char *dir, const char *file)
{
	struct buf path = BUF_INIT;
	json_error_t err;
	json_t *root, *tests;
	size_t i, n, passed = 0;

	buf_printf(&path, "%s/%s", dir, file);
	root = json_load_file(path.data, 0, &err);
	if (root == NULL) {
		printf("%s:%d: %s\n", path.data, err.line, err.text);
		CHECK(!"spec file loads");
		buf_dispose(&path);
		return;
	}
	buf_dispose(&path);
	tests = json_object_get(root, "tests");
	n = json_array_size(tests);
	for (i = 0; i < n; i++) {
		int ok = run_test(file, json_array_get(tests, i));

		CHECK(ok);
		passed += ok != 0;
	}
	printf("%s: %zu/%zu passed\n", file, passed, n);
	json_decref(root);
}

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(void)
{
	const char *shared = getenv("SHARED");
	char dir[4096], *names[64];
	struct dirent *de;
	size_t n = 0, i, len;
	DIR *dp;

	if (shared == NULL || *shared == '\0') {
		harness_skip("../shared absent");
		return harness_done();
	}
	snprintf(dir, sizeof(dir), "%s/spec/mustache", shared);
	if ((dp = opendir(dir)) == NULL) {
		harness_skip("%s absent", dir);
		return harness_done();
	}
	while ((de = readdir(dp)) != NULL && n < 64) {
		len = strlen(de->d_name);
		if (len > 5 && strcmp(de->d_name + len - 5, ".json") == 0)
			names[n++] = strdup(de->d_name);
	}
	closedir(dp);
	qsort(names, n, sizeof(names[0]), cmp);
	CHECK(n >= 6);
	for (i = 0; i < n; i++) {
		if (strcmp(names[i], "~lambdas.json") == 0)
			harness_skip("%s (lambdas are not implemented)",
			    names[i]);
		else
			run_file(dir, names[i]);
		free(names[i]);
	}
	return harness_done();
}
