/*
 * template.c: `morgue template`, one Mustache template rendered with
 * given data (tmpl.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cmd/commands.h"
#include "render/tmpl.h"
#include "core/buf.h"
#include "core/xalloc.h"

static const struct cmd_opt opts[] = {
	{ 0, "data", "JSON", "the context: inline JSON, - or a file", 0 },
	{ 0, "partials", "DIR", "where partials are (default: FILE's "
	    "directory)", 0 },
	{ 0, NULL, NULL, NULL, 0 }
};

static const struct cmd_spec spec = { "template", "FILE",
    "Renders the Mustache template FILE and prints exactly the\n"
    "result. --data is the context: inline JSON when it starts with\n"
    "'{' or '[', '-' for standard input, else the path of a JSON\n"
    "file; without it the context is an empty object. {{> name}} and\n"
    "{{< name}} load DIR/name.mustache, else DIR/name.html, else\n"
    "DIR/name; DIR is --partials, else FILE's directory. A missing\n"
    "partial is an error. Values are HTML-escaped unless written\n"
    "{{{name}}} or {{& name}}. Template and data errors are reported\n"
    "as file:line: error: message and exit with status 3.\n",
    opts, 1, 1, 1 };

/* The --data argument: inline JSON, "-" for stdin, or a file. */
static json_t *
load_data(struct diag *d, const char *arg)
{
	const char *s = arg;
	struct pos pos = { arg, 0 };
	json_error_t err;
	json_t *v;

	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (*s == '{' || *s == '[') {
		v = json_loads(arg, JSON_DECODE_ANY, &err);
		pos.file = "--data";
	} else if (strcmp(arg, "-") == 0) {
		v = json_loadf(stdin, JSON_DECODE_ANY, &err);
		pos.file = "<stdin>";
	} else
		v = json_load_file(arg, JSON_DECODE_ANY, &err);
	if (v == NULL) {
		pos.line = err.line > 0 ? (unsigned)err.line : 0;
		diag_err(d, &pos, "bad JSON data: %s", err.text);
	}
	return v;
}

/* FILE's directory: "." for a bare name. */
static char *
file_dir(const char *file)
{
	const char *slash = strrchr(file, '/');

	if (slash == NULL)
		return xstrdup(".");
	return xstrndup(file, slash == file ? 1 : (size_t)(slash - file));
}

int
cmd_template(int argc, char **argv, struct diag *d)
{
	const char *file, *data = NULL, *dir = NULL;
	struct tmpl_partials *p = NULL;
	struct tmpl *t = NULL;
	struct buf out = BUF_INIT;
	struct cmd_args a;
	char *fdir = NULL;
	json_t *ctx = NULL;
	int key, rc = EXIT_CONFIG;

	cmd_args_init(&a, &spec, argc, argv, d);
	while ((key = cmd_args_next(&a)) > 0)
		if (key == CMD_LONG(0))
			data = a.val;
		else
			dir = a.val;
	if (key < 0)
		return a.status;
	file = argv[a.first];
	if (dir == NULL)
		dir = fdir = file_dir(file);
	if (tmpl_load(&t, d, file) < 0)
		goto out;
	if (data != NULL && (ctx = load_data(d, data)) == NULL)
		goto out;
	if (ctx == NULL)
		ctx = json_object();
	p = tmpl_partials_new(dir, 0);
	if (tmpl_render(&out, d, t, ctx, p) < 0)
		goto out;
	if (fwrite(out.data, 1, out.len, stdout) != out.len ||
	    fflush(stdout) != 0) {
		diag_err(d, NULL, "cannot write the output");
		goto out;
	}
	rc = 0;
out:
	buf_dispose(&out);
	tmpl_partials_free(p);
	json_decref(ctx);
	tmpl_free(t);
	free(fdir);
	return rc;
}
