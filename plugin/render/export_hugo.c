/*
 * export_hugo.c: the Hugo project of an archive, and what the Jekyll one
 * shares with it (export_gen.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "render/export_gen.h"
#include "render/md.h"
#include "core/buf.h"
#include "core/builtin.h"
#include "core/files.h"

int
export_put_file(struct diag *d, const char *out, const char *rel, const char *data,
    size_t len)
{
	struct buf path = BUF_INIT;
	size_t off = 0;
	ssize_t n;
	int fd = -1, rc = -1;

	buf_printf(&path, "%s/%s", out, rel);
	if (files_make_parents(d, path.data) < 0)
		goto out;
	fd = open(path.data, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0666);
	if (fd < 0)
		goto fail;
	while (off < len) {
		if ((n = write(fd, data + off, len - off)) < 0)
			goto fail;
		off += (size_t)n;
	}
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	rc = 0;
	goto out;
fail:
	diag_err(d, &(struct pos){ path.data, 0 }, "cannot write: %s",
	    strerror(errno));
out:
	if (fd >= 0)
		close(fd);
	buf_dispose(&path);
	return rc;
}

/* s as a TOML basic string, quotes included. */
static void
toml_str(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	buf_putc(b, '"');
	for (; *p != '\0'; p++)
		if (*p == '"' || *p == '\\')
			buf_printf(b, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			buf_printf(b, "\\u%04x", *p);
		else
			buf_putc(b, *p);
	buf_putc(b, '"');
}

void
export_kinds(struct strv *out, const struct export_site *s)
{
	static const char *const std[] = {
		"people", "places", "organisations", "topics"
	};
	const struct article *a;
	size_t i, j;

	for (i = 0; i < sizeof(std) / sizeof(std[0]); i++)
		strv_push(out, std[i]);
	for (i = 0; i < s->n; i++) {
		a = s->articles[i];
		for (j = 0; j < a->ntags; j++)
			if (md_kind_listed(a->tags[j].kind) &&
			    strv_find(out, a->tags[j].kind) < 0)
				strv_push(out, a->tags[j].kind);
	}
	strv_sort(out);
}

static int
write_config(struct diag *d, const struct export_site *s, const char *out)
{
	struct strv k = STRV_INIT;
	struct buf b = BUF_INIT;
	size_t i;
	int rc;

	BUF_PUTSL(&b, "# Written by morgue export hugo: the archive as a Hugo "
	    "project.\nbaseURL = ");
	toml_str(&b, s->base_url);
	BUF_PUTSL(&b, "\ntitle = ");
	toml_str(&b, s->title);
	BUF_PUTSL(&b, "\nlanguageCode = ");
	toml_str(&b, s->language);
	/* Term URLs without accents, as morgue's tag pages have them. */
	BUF_PUTSL(&b, "\nremovePathAccents = true\n\n"
	    "# One taxonomy per tag kind of the front matter.\n"
	    "[taxonomies]\n");
	export_kinds(&k, s);
	for (i = 0; i < k.n; i++) {
		BUF_PUTSL(&b, "  ");
		toml_str(&b, k.v[i]);
		BUF_PUTSL(&b, " = ");
		toml_str(&b, k.v[i]);
		buf_putc(&b, '\n');
	}
	rc = export_put_file(d, out, "hugo.toml", b.data, b.len);
	strv_dispose(&k);
	buf_dispose(&b);
	return rc;
}

int
export_safe_permalink(const char *p)
{
	return p != NULL && *p != '\0' && *p != '/' && strstr(p, "..") ==
	    NULL && strstr(p, "//") == NULL && p[strlen(p) - 1] == '/';
}

int
export_pages(struct diag *d, const struct export_site *s, const char *out,
    const char *prefix)
{
	const struct article *a;
	struct buf rel = BUF_INIT;
	char *page;
	size_t i;
	int rc = 0;

	for (i = 0; i < s->n && rc == 0; i++) {
		a = s->articles[i];
		if (!export_safe_permalink(a->permalink)) {
			diag_warn(d, &(struct pos){ a->path, 0 }, "left out of "
			    "the export: no usable permalink");
			continue;
		}
		buf_reset(&rel);
		buf_printf(&rel, "%s%sindex.md", prefix, a->permalink);
		page = md_page(a, s->articles, s->n);
		rc = export_put_file(d, out, rel.data, page, strlen(page));
		free(page);
	}
	buf_dispose(&rel);
	return rc;
}

int
export_fresh_dir(struct diag *d, const char *dir)
{
	int full = files_dir_state(d, dir);

	if (full > 0)
		diag_err(d, &(struct pos){ dir, 0 }, "not empty: the export "
		    "goes into an empty or new directory");
	return full != 0 ? -1 : 0;
}

int
export_hugo(struct diag *d, const struct export_site *s, const char *out)
{
	if (export_fresh_dir(d, out) < 0 || write_config(d, s, out) < 0 ||
	    export_pages(d, s, out, "content/") < 0 ||
	    builtin_copy_out(d, "export/hugo/", out) < 0)
		return -1;
	return 0;
}
