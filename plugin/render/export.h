/*
 * export.h: an article as data for other programs: the JSON object of
 * `morgue parse --json` and of the site's articles.json.
 */
#ifndef MORGUE_EXPORT_H
#define MORGUE_EXPORT_H

#include <jansson.h>

#include "parse/article.h"

/*
 * The fields the parser recovers (title, authors, agency, date,
 * dateline, source, url, paragraphs, subheads, key_points, captions,
 * boilerplate, language) plus path, slug and word_count, in a fixed order;
 * absent strings are null and absent lists []. Caller releases with
 * json_decref().
 */
json_t	*export_parse_json(const struct article *a);

/*
 * One object of articles.json, the list of every article in the output
 * order: the keys of a's front matter (tag lists per kind holding
 * display names, sorted; related and syndicated as permalinks), then
 * path (relative to the content directory content), permalink and
 * date_inferred. all (n articles) is the array that relation indices
 * refer to; summary may be NULL. Caller releases with json_decref().
 */
json_t	*export_article_json(const struct article *a,
	    struct article *const *all, size_t n, const char *content,
	    const char *summary);

/*
 * The text json_dumps(..., JSON_INDENT(2) | JSON_PRESERVE_ORDER) gives
 * of the array of export_article_json() of each article, byte for byte, appended to out without making
 * the objects: what articles.json holds, less its final newline.
 */
struct buf;
void	export_articles_text(struct buf *out, struct article *const *order,
	    struct article *const *all, size_t n, const char *content,
	    char *const *summaries);

#endif
