/*
 * export.h: an article as data for other programs: the JSON object of
 * `morgue parse --json` (SPEC 4) and of articles.json (SPEC 8).
 */
#ifndef MORGUE_EXPORT_H
#define MORGUE_EXPORT_H

#include <jansson.h>

#include "parse/article.h"

/*
 * The fields of SPEC 3 plus path, slug and word_count, in a fixed order;
 * absent strings are null and absent lists []. Caller releases with
 * json_decref().
 */
json_t	*export_parse_json(const struct article *a);

/*
 * articles.json (SPEC 8): one object per article of order (n pointers,
 * the output order), with the front matter keys of SPEC 5 (tag lists per
 * kind holding display names, sorted; related and syndicated as
 * permalinks), then path (relative to the content directory content),
 * permalink and date_inferred. all is the array that relation indices
 * refer to; summaries (may be NULL) holds one summary per article of
 * order, or NULL entries. Caller releases with json_decref().
 */
json_t	*export_articles_json(struct article *const *order,
	    struct article *const *all, size_t n, const char *content,
	    char *const *summaries);

#endif
