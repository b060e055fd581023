/*
 * csvcheck.h - compare csvread's quote-free fast path with libcsv.
 *
 * For the unit test and the fuzz target: read the same bytes twice, once
 * with the fast path and once with libcsv alone, pushed in the same chunks,
 * and say whether the records (line, fields) and the error (code, line,
 * column, text) are identical.
 */
#ifndef CREDAUDIT_CSVCHECK_H
#define CREDAUDIT_CSVCHECK_H

#include <stddef.h>

/*
 * Read buf[0..len) in chunks of chunk bytes (0: all at once) with both
 * paths.  Returns 1 when they agree, 0 when they differ (a description of
 * the first difference in why, if not NULL), -1 when memory ran out.
 */
int csvcheck_paths(const void *buf, size_t len, size_t chunk, size_t max_field,
                   size_t max_fields, char *why, size_t whysize);

#endif
