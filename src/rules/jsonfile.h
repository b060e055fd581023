/*
 * jsonfile.h - a JSON document from a file the user names beside the
 * reports (the waiver file, the baseline): read whole, digested, parsed.
 */
#ifndef CREDAUDIT_JSONFILE_H
#define CREDAUDIT_JSONFILE_H

#include <jansson.h>
#include <stddef.h>

#include "credaudit.h"

/*
 * Read path (at most max bytes), put the SHA-256 of exactly the bytes
 * parsed into hex (lowercase, NUL-terminated: what the outputs record) and
 * the document, parsed with duplicate keys refused, into *root.  0, or -1
 * with err filled and *root NULL:
 * - CREDAUDIT_ERR_USAGE, "PATH: WHAT: cannot open: REASON", "... read
 *   error", "... larger than N MiB", or "PATH:LINE:COLUMN: WHAT: not JSON:
 *   REASON" (what names the file's role, e.g. "waiver file");
 * - CREDAUDIT_ERR_INTERNAL, "out of memory", whenever an allocation failed,
 *   jansson's included: jansson can go on past an allocation it could not
 *   make and return a document missing what it could not copy, or fail with
 *   an empty reason; neither is the file's fault.
 */
int jsonfile_load(const char *path, const char *what, size_t max, char hex[65],
                  json_t **root, struct credaudit_error *err);

#endif
