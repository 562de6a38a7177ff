/*
 * export.c: `morgue export hugo|jekyll [-C DIR] OUT` (commands.h): the
 * site's articles, parsed, tagged, related and with the permalinks the
 * archive published, written as a Hugo or Jekyll project (export_gen.h). Nothing of the
 * site itself is written or committed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive/archive.h"
#include "build/site.h"
#include "cmd/commands.h"
#include "core/buf.h"
#include "core/progress.h"
#include "core/xalloc.h"
#include "related/related.h"
#include "render/export_gen.h"
#include "rules/rules.h"

static const struct cmd_opt opts[] = {
	{ 'C', NULL, "DIR", "the site's directory (default: .)", 0 },
	{ 0, NULL, NULL, NULL, 0 }
};

static const struct cmd_spec spec = { "export", "hugo|jekyll OUT",
    "Writes the articles of the site in DIR into OUT, a new or empty\n"
    "directory, as a Hugo project (hugo.toml with one taxonomy per tag\n"
    "kind, content/ with each article's Markdown page at its\n"
    "permalink, a minimal theme in layouts/; `hugo -s OUT` builds it)\n"
    "or a Jekyll one (_config.yml, the pages at their permalinks, a\n"
    "page per tag kind and term, _layouts/; `jekyll build -s OUT`\n"
    "builds it). OUT is relative to the directory morgue starts in.\n"
    "Nothing of the site itself is written or committed.\n\n"
    "Exit status: 0 written; 1 written, but some article had errors;\n"
    "2 usage; 3 configuration or rules error, or OUT not usable.\n",
    opts, 2, 2, 1 };

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
export(struct diag *d, const char *out,
    int (*write)(struct diag *, const struct export_site *, const char *))
{
	struct related_config rel = { 5, NULL, 0, 0, 0, NULL, 0, NULL, NULL };
	struct export_site es;
	struct conf *conf = NULL;
	struct rules *rules = NULL;
	struct strv files = STRV_INIT;
	struct site *s = NULL;
	struct progress *pg;
	int rc = EXIT_CONFIG;

	pg = progress_new(d->out, progress_flags(d->out, 0));
	if (conf_load(&conf, d, "site.conf") < 0)
		goto out;
	rules_files(&files, conf, ".");
	if (rules_new(&rules, d, ".", &files) < 0)
		goto out;
	d->progress = pg;
	progress_begin(pg, "parse", 0, "articles");
	if (site_load(&s, d, conf, 0, 1) < 0)
		goto out;
	progress_begin(pg, "rules", s->n, "articles");
	rules_run_all(rules, d, s->articles, s->n);
	site_warn_kinds(d, s->articles, s->n);
	rel.nweights = rules_weights(rules, &rel.weights);
	rel.count = conf->related_count;
	rel.has_threshold = conf->related_threshold >= 0;
	rel.threshold = conf->related_threshold;
	rel.progress = pg;
	progress_begin(pg, "related", s->n, "articles");
	related_compute(s->articles, s->n, &rel);
	progress_end(pg, s->n);
	if (published(s, d, conf) < 0)
		goto out;
	site_permalinks(d, s->articles, s->n);
	site_order(s, -1);
	es.title = conf->title;
	es.base_url = conf->base_url;
	es.language = conf->language;
	es.articles = s->articles;
	es.n = s->n;
	if (write(d, &es, out) < 0)
		goto out;
	rc = d->errors > 0 ? EXIT_INPUT : 0;
out:
	d->progress = NULL;
	progress_free(pg);
	site_free(s);
	rules_free(rules);
	strv_dispose(&files);
	conf_free(conf);
	return rc;
}

int
cmd_export(int argc, char **argv, struct diag *d)
{
	struct buf out = BUF_INIT;
	struct cmd_args a;
	const char *dir = NULL, *fmt;
	char *cwd;
	int key, rc;

	cmd_args_init(&a, &spec, argc, argv, d);
	while ((key = cmd_args_next(&a)) > 0)
		dir = a.val;
	if (key < 0)
		return a.status;
	fmt = argv[a.first];
	if (strcmp(fmt, "hugo") != 0 && strcmp(fmt, "jekyll") != 0) {
		diag_err(d, NULL, "export: unknown format \"%s\" (known: hugo, "
		    "jekyll)", fmt);
		return cmd_usage(&spec, stderr);
	}
	/* OUT is where the user stands, not below DIR. */
	if (argv[a.first + 1][0] != '/' && (cwd = getcwd(NULL, 0)) != NULL) {
		buf_printf(&out, "%s/", cwd);
		free(cwd);
	}
	buf_puts(&out, argv[a.first + 1]);
	if (dir != NULL && chdir(dir) < 0) {
		diag_err(d, &(struct pos){ dir, 0 }, "cannot change to this "
		    "directory: %s", strerror(errno));
		buf_dispose(&out);
		return EXIT_USAGE;
	}
	rc = export(d, out.data, strcmp(fmt, "jekyll") == 0 ? export_jekyll :
	    export_hugo);
	buf_dispose(&out);
	return rc;
}
