/*
 * related_weights.c: what each kind of shared feature weighs, and the
 * least share a related story has (related.h, related_int.h): the
 * rules' values, else site.conf's threshold, else the defaults.
 */
#include <math.h>
#include <string.h>

#include "related/related_int.h"

static const struct weight defaults[] = {
	{ "people",		30 },
	{ "topics",		20 },
	{ "organisations",	15 },
	{ "places",		10 },
	{ "tags",		10 },
	{ "terms",		5 },
	{ "time",		10 },
	{ "thread",		25 },
};

size_t
related_default_weights(const struct weight **out)
{
	*out = defaults;
	return sizeof(defaults) / sizeof(defaults[0]);
}

/* The rules' value for key (the last one set wins), else the default. */
static int
lookup(double *out, const struct related_config *cfg, const char *key)
{
	size_t i;

	if (cfg != NULL && cfg->weights != NULL)
		for (i = cfg->nweights; i-- > 0;)
			if (cfg->weights[i].key != NULL &&
			    strcmp(cfg->weights[i].key, key) == 0) {
				*out = cfg->weights[i].value;
				return 0;
			}
	for (i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
		if (strcmp(defaults[i].key, key) == 0) {
			*out = defaults[i].value;
			return 0;
		}
	return -1;
}

double
related_weight(const struct related_config *cfg, const char *key)
{
	double w = 0;

	if (lookup(&w, cfg, key) < 0)
		lookup(&w, cfg, "tags");
	return isfinite(w) && w > 0 ? w : 0;
}

/* The least share a related story has: site.conf's, the rules', or the
 * default; 0 to 1. */
double
related_threshold(const struct related_config *cfg)
{
	double t;

	if (cfg != NULL && cfg->has_threshold)
		t = cfg->threshold;
	else if (lookup(&t, cfg, "threshold") < 0)
		t = RELATED_THRESHOLD;
	if (!isfinite(t) || t < 0)
		return 0;
	return t > 1 ? 1 : t;
}
