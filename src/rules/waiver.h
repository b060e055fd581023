/*
 * waiver.h - accepted risk: the waiver file (docs/waivers.md), read with
 * jansson, checked entry by entry, and matched against findings.
 */
#ifndef CREDAUDIT_WAIVER_H
#define CREDAUDIT_WAIVER_H

#include <stdint.h>

#include "credaudit.h"

struct waiver {
	char *rule, *account, *user;   /* user NULL: every user */
	char *justification, *owner, *expires_text;
	int64_t expires;               /* first moment it no longer applies */
};

struct waivers {
	struct waiver *v;
	size_t n;
	char *path;           /* the file as named, for the options record */
	char sha256[65];      /* SHA-256 of the bytes parsed, lowercase hex */
};

/*
 * Read path into w (zero-initialised).  0, or -1 with err filled
 * (CREDAUDIT_ERR_USAGE, with the file and, where known, line and column)
 * when the file cannot be read, is not JSON of the documented shape, or an
 * entry names an unknown rule or lacks a required field.
 */
int waivers_load(struct waivers *w, const char *path, struct credaudit_error *err);
void waivers_free(struct waivers *w);

/*
 * The entry for a finding of rule on account/user: the first that applies
 * at as_of (has_as_of non-zero), else the first that matches but has
 * expired.  NULL when none matches; *index is its 0-based position.
 */
const struct waiver *waivers_match(const struct waivers *w, const char *rule,
                                   const char *account, const char *user,
                                   int64_t as_of, int has_as_of, int *applies,
                                   size_t *index);

#endif
