/*
 * rules_site.c: the rule files that `morgue explain` and `morgue
 * test-rules` load (commands.h): -r's, else the site's.
 */
#include <unistd.h>

#include "cmd/commands.h"
#include "core/buf.h"
#include "core/conf.h"
#include "rules/rules.h"

/* files when given (-r), else site.conf's list, else the default list
 * (every .lua file of lua/) when the site has no site.conf. */
int
cmd_site_rules(struct rules **out, struct diag *d, const char *dir,
    struct strv *files)
{
	struct conf *c = NULL;
	struct buf path = BUF_INIT;

	if (files->n == 0) {
		buf_printf(&path, "%s/site.conf", dir);
		if (access(path.data, F_OK) == 0) {
			if (conf_load(&c, d, path.data) < 0) {
				buf_dispose(&path);
				return -1;
			}
		} else
			c = conf_new();
		buf_dispose(&path);
		rules_files(files, c, dir);
		conf_free(c);
	}
	return rules_new(out, d, dir, files);
}
