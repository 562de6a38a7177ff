/*
 * export.c: `morgue export hugo [-C DIR] OUT` (commands.h): the site's
 * articles, parsed, tagged, related and with the permalinks the archive
 * published, written as a Hugo project (export_hugo.h). Nothing of the
 * site itself is written or committed.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive/archive.h"
#include "build/site.h"
#include "cmd/commands.h"
#include "core/buf.h"
#include "core/xalloc.h"
#include "related/related.h"
#include "render/export_hugo.h"
#include "rules/rules.h"

static int
export_usage(FILE *f)
{
	fputs("usage: morgue export hugo [-C DIR] OUT\n\n"
	    "Writes the articles of the site in DIR (default: the current\n"
	    "directory) into OUT, a new or empty directory, as a Hugo project:\n"
	    "hugo.toml with one taxonomy per tag kind, content/ with each\n"
	    "article's Markdown page at its permalink, and a minimal theme in\n"
	    "layouts/. `hugo -s OUT` then builds it. OUT is relative to the\n"
	    "directory morgue starts in.\n\n"
	    "  -C DIR       the site's directory\n"
	    "  -h, --help   show this help\n\n"
	    "Exit status: 0 written; 1 written, but some article had errors;\n"
	    "2 usage; 3 configuration or rules error, or OUT not usable.\n",
	    f);
	return f == stdout ? 0 : EXIT_USAGE;
}

/* Gives each article the permalink the archive published for its path,
 * when there is an archive, as a build does. */
static int
published(struct site *s, struct diag *d, const struct conf *conf)
{
	struct archive *ar = NULL;
	struct archive_page *pages = NULL;
	const struct archive_page *p;
	const char *rel;
	size_t i, n = 0, k = strlen(conf->content);
	int rc = -1;

	if (access(conf->archive_repo, F_OK) != 0)
		return 0;
	if (archive_open(&ar, d, conf->archive_repo, conf->archive_branch) < 0 ||
	    archive_pages(&pages, &n, ar, d) < 0)
		goto out;
	for (i = 0; i < s->n; i++) {
		rel = s->articles[i]->path;
		if (strncmp(rel, conf->content, k) == 0 && rel[k] == '/')
			rel += k + 1;
		if ((p = archive_pages_find(pages, n, rel)) != NULL) {
			free(s->articles[i]->permalink);
			s->articles[i]->permalink = xstrdup(p->permalink);
		}
	}
	rc = 0;
out:
	archive_pages_free(pages, n);
	archive_free(ar);
	return rc;
}

/* The pipeline of a build up to the pages, then the export. */
static int
export(struct diag *d, const char *out)
{
	struct related_config rel = { 5, NULL, 0 };
	struct export_site es;
	struct conf *conf = NULL;
	struct rules *rules = NULL;
	struct strv files = STRV_INIT;
	struct site *s = NULL;
	int rc = EXIT_CONFIG;

	if (conf_load(&conf, d, "site.conf") < 0)
		goto out;
	rules_files(&files, conf, ".");
	if (rules_new(&rules, d, ".", &files) < 0 ||
	    site_load(&s, d, conf, 0, 1) < 0)
		goto out;
	rules_run_all(rules, d, s->articles, s->n);
	rel.nweights = rules_weights(rules, &rel.weights);
	rel.count = conf->related_count;
	related_compute(s->articles, s->n, &rel);
	if (published(s, d, conf) < 0)
		goto out;
	site_permalinks(d, s->articles, s->n);
	site_order(s, -1);
	es.title = conf->title;
	es.base_url = conf->base_url;
	es.language = conf->language;
	es.articles = s->articles;
	es.n = s->n;
	if (export_hugo(d, &es, out) < 0)
		goto out;
	rc = d->errors > 0 ? EXIT_INPUT : 0;
out:
	site_free(s);
	rules_free(rules);
	strv_dispose(&files);
	conf_free(conf);
	return rc;
}

int
cmd_export(int argc, char **argv, struct diag *d)
{
	static const struct option longopts[] = {
		{ "help",	no_argument,	NULL, 'h' },
		{ NULL,		0,		NULL, 0 }
	};
	struct buf out = BUF_INIT;
	const char *dir = NULL;
	char *cwd;
	int c, rc;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":C:h", longopts, NULL)) != -1)
		switch (c) {
		case 'C':
			dir = optarg;
			break;
		case 'h':
			return export_usage(stdout);
		case ':':
			diag_err(d, NULL, "export: %s needs a value",
			    argv[optind - 1]);
			return export_usage(stderr);
		default:
			diag_err(d, NULL, "export: unknown option \"%s\"",
			    argv[optind - 1]);
			return export_usage(stderr);
		}
	if (argc - optind != 2) {
		diag_err(d, NULL, "export: expected a format and a directory");
		return export_usage(stderr);
	}
	if (strcmp(argv[optind], "hugo") != 0) {
		diag_err(d, NULL, "export: unknown format \"%s\" (known: hugo)",
		    argv[optind]);
		return EXIT_USAGE;
	}
	/* OUT is where the user stands, not below DIR. */
	if (argv[optind + 1][0] != '/' && (cwd = getcwd(NULL, 0)) != NULL) {
		buf_printf(&out, "%s/", cwd);
		free(cwd);
	}
	buf_puts(&out, argv[optind + 1]);
	if (dir != NULL && chdir(dir) < 0) {
		diag_err(d, &(struct pos){ dir, 0 }, "cannot change to this "
		    "directory: %s", strerror(errno));
		buf_dispose(&out);
		return EXIT_USAGE;
	}
	rc = export(d, out.data);
	buf_dispose(&out);
	return rc;
}
