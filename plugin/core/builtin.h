/*
 * builtin.h: the default templates, assets and rules, compiled into
 * morgue.
 *
 * At build time mk/embed.sh turns this repository's templates (the
 * .mustache files and assets/), rules (the .lua files at the top of lua/)
 * and the skeleton of `morgue new` (skel/) into builtin_files[], so that
 * the defaults and the files a reader sees in the repository are one
 * source.
 * Wherever a project has no file of its own (no templates directory, no
 * templates/article.mustache, no lua/tags.lua), the built-in one of the
 * same name is used: a project's files override the defaults one by one.
 */
#ifndef MORGUE_BUILTIN_H
#define MORGUE_BUILTIN_H

#include <stddef.h>

#include "core/diag.h"

struct builtin_file {
	const char		*name;	/* "templates/article.mustache" */
	const unsigned char	*data;	/* len bytes, then a NUL */
	size_t			 len;
};

/* Generated; ends with an entry whose name is NULL. Sorted by name. */
extern const struct builtin_file builtin_files[];

/*
 * The built-in file of that name ("templates/article.mustache"), or
 * NULL. Borrowed; static data.
 */
const struct builtin_file *builtin_find(const char *name);

/*
 * Writes each built-in file whose name starts with prefix ("templates/",
 * "lua/", "skel/") to root/REST, REST being the name without the prefix,
 * creating directories as needed; a file that exists already is left as
 * it is. Returns the number of files written, or -1 after reporting to d.
 */
int	builtin_copy_out(struct diag *d, const char *prefix, const char *root);

#endif
