/*
 * files.h: directories made for files that morgue writes out of the
 * build's own output (new sites, exports, built-in files copied out).
 * Problems are reported to d with the directory's name.
 */
#ifndef MORGUE_FILES_H
#define MORGUE_FILES_H

#include "core/diag.h"

/* Makes every directory above path (a relative or absolute file name).
 * 0, or -1 when one cannot be made (reported). */
int	files_make_parents(struct diag *d, const char *path);

/* 1 when dir exists and holds something, 0 when it is empty or absent
 * (then made), -1 when it cannot be used (reported). */
int	files_dir_state(struct diag *d, const char *dir);

#endif
