/*
 * baseline.h - the findings of an earlier JSON output (--baseline), each
 * distinct (account, rule, user, credential) once, in a hash set, so that
 * a finding of this run is told new or unchanged in constant time and the
 * summary can list those not found again.  Memory grows with the
 * baseline's distinct findings, not with its size.
 */
#ifndef CREDAUDIT_BASELINE_H
#define CREDAUDIT_BASELINE_H

#include <stddef.h>

#include "credaudit.h"
#include "base/util.h"

struct baseline {
	char *path;
	char sha256[65];
	struct credaudit_resolved *v;  /* distinct findings, baseline order */
	size_t n, cap;
	size_t *slot;                  /* open addressing: index + 1, 0 empty */
	size_t nslot;                  /* a power of two, at least 2 n */
	struct arena strings;
};

/* Load path (an -f json output of schema_version 2).  0, or -1 with err
 * filled: CREDAUDIT_ERR_USAGE naming the file, or out of memory. */
int baseline_load(struct baseline *b, const char *path, struct credaudit_error *err);
/* The index of the finding (credential NULL allowed), or -1.  The account
 * is its id and partition: GovCloud's and China's are other accounts. */
long baseline_find(const struct baseline *b, const char *account, const char *partition,
                   const char *rule, const char *user, const char *credential);
void baseline_free(struct baseline *b);

#endif
