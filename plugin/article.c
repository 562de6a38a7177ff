/*
 * article.c: raw text to article (article.h).
 *
 * A first cut: the first non-blank line is the title and every other
 * non-blank line a paragraph. The field extractors replace this.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "article.h"
#include "xalloc.h"

int
article_parse(struct article **out, struct diag *d, const char *path,
    const char *data, size_t len)
{
	struct article *a;
	struct pos pos = { path, 0 };
	size_t i = 0, j;

	if (len == 0) {
		diag_warn(d, &pos, "empty article");
		return -1;
	}
	a = xcalloc(1, sizeof(*a));
	a->path = xstrdup(path);
	a->thread_prev = a->thread_next = -1;
	while (i < len) {
		for (j = i; j < len && data[j] != '\n'; j++)
			;
		if (j > i) {
			if (a->title == NULL)
				a->title = xstrndup(data + i, j - i);
			else
				strv_pushn(&a->paragraphs, data + i, j - i);
		}
		i = j + 1;
	}
	*out = a;
	return 0;
}

int
article_load(struct article **out, struct diag *d, const char *path)
{
	struct pos pos = { path, 0 };
	struct stat st;
	char *data;
	ssize_t n;
	size_t got = 0;
	int fd, rc;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW)) < 0) {
		diag_warn(d, &pos, "%s", errno == ELOOP ?
		    "symlink not followed" : strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		diag_warn(d, &pos, "not a regular file");
		close(fd);
		return -1;
	}
	if ((size_t)st.st_size > ARTICLE_MAX_BYTES) {
		diag_warn(d, &pos, "too large: %lld > %u",
		    (long long)st.st_size, ARTICLE_MAX_BYTES);
		close(fd);
		return -1;
	}
	data = xmalloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size &&
	    (n = read(fd, data + got, (size_t)st.st_size - got)) > 0)
		got += (size_t)n;
	close(fd);
	rc = article_parse(out, d, path, data, got);
	free(data);
	return rc;
}

void
article_add_tag(struct article *a, const char *kind, const char *name,
    const char *origin)
{
	size_t i;

	for (i = 0; i < a->ntags; i++)
		if (strcmp(a->tags[i].kind, kind) == 0 &&
		    strcmp(a->tags[i].name, name) == 0)
			return;
	a->tags = xreallocarray(a->tags, a->ntags + 1, sizeof(*a->tags));
	a->tags[a->ntags].kind = xstrdup(kind);
	a->tags[a->ntags].name = xstrdup(name);
	a->tags[a->ntags].origin = origin ? xstrdup(origin) : NULL;
	a->ntags++;
}

void
article_free(struct article *a)
{
	size_t i;

	if (a == NULL)
		return;
	free(a->path);
	free(a->title);
	free(a->agency);
	free(a->date);
	free(a->dateline);
	free(a->source);
	free(a->url);
	free(a->language);
	free(a->slug);
	strv_dispose(&a->authors);
	strv_dispose(&a->paragraphs);
	strv_dispose(&a->subheads);
	strv_dispose(&a->key_points);
	strv_dispose(&a->captions);
	strv_dispose(&a->boilerplate);
	for (i = 0; i < a->nbody; i++)
		free(a->body[i].text);
	free(a->body);
	free(a->permalink);
	for (i = 0; i < a->ntags; i++) {
		free(a->tags[i].kind);
		free(a->tags[i].name);
		free(a->tags[i].origin);
	}
	free(a->tags);
	for (i = 0; i < a->nmentions; i++) {
		free(a->mentions[i].text);
		free(a->mentions[i].kind);
		free(a->mentions[i].name);
		free(a->mentions[i].origin);
	}
	free(a->mentions);
	for (i = 0; i < a->nrelated; i++)
		free(a->related[i].reason);
	free(a->related);
	free(a->syndicated);
	free(a);
}
