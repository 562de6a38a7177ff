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
 * articles.json: one object per article of order (n pointers, the
 * output order), with the keys of the pages' front matter (tag lists per
 * kind holding display names, sorted; related and syndicated as
 * permalinks), then path (relative to the content directory content),
 * permalink and date_inferred. all is the array that relation indices
 * refer to; summaries (may be NULL) holds one summary per article of
 * order, or NULL entries. Caller releases with json_decref().
 */
json_t	*export_articles_json(struct article *const *order,
	    struct article *const *all, size_t n, const char *content,
	    char *const *summaries);

/*
 * The text of json_dumps(export_articles_json(...), JSON_INDENT(2) |
 * JSON_PRESERVE_ORDER), byte for byte, appended to out without making
 * the objects: what articles.json holds, less its final newline.
 */
struct buf;
void	export_articles_text(struct buf *out, struct article *const *order,
	    struct article *const *all, size_t n, const char *content,
	    char *const *summaries);

#endif
