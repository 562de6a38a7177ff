/*
 * export.h: an article as data for other programs: the JSON object of
 * `morgue parse --json` (SPEC 4) and of articles.json (SPEC 8).
 */
#ifndef MORGUE_EXPORT_H
#define MORGUE_EXPORT_H

#include <jansson.h>

#include "article.h"

/*
 * The fields of SPEC 3 plus path, slug and word_count, in a fixed order;
 * absent strings are null and absent lists []. Caller releases with
 * json_decref().
 */
json_t	*export_parse_json(const struct article *a);

#endif
