/*
 * redact.h - stable pseudonyms for user names and the user part of ARNs
 * (--redact).  The first user seen in a run becomes user-0001, the next new
 * one user-0002, and so on: the same name gets the same pseudonym for the
 * whole run, and the same inputs in the same order give the same output.
 * Account ids, partitions and the root user (<root_account>, ...:root) are
 * kept: they say whose report it is, not who the people are.
 */
#ifndef CREDAUDIT_REDACT_H
#define CREDAUDIT_REDACT_H

#include <stddef.h>

#include "base/util.h"

struct redact;

/* A new, empty pseudonym table; NULL when memory ran out. */
struct redact *redact_new(void);
void redact_free(struct redact *rd);

/* Append the pseudonym of name[0..n) to out ("<root_account>" is kept).
 * 0, or -1 when memory ran out. */
int redact_name(struct redact *rd, struct buf *out, const char *name, size_t n);

/* Append arn with its user part (after ":user/", path included) replaced by
 * the pseudonym of the user name (after the last '/').  A root ARN is kept;
 * any other resource is replaced as a whole.  0 or -1. */
int redact_arn(struct redact *rd, struct buf *out, const char *arn);

/* redact_arn, knowing the row's user name: when the ARN ends in
 * ":user/" (path) user, the pseudonym is the user's, even when the name
 * holds a '/'.  0 or -1. */
int redact_user_arn(struct redact *rd, struct buf *out, const char *arn,
                    const char *user);

/* Append free text with every ARN in it redacted and every occurrence of
 * user (when not NULL, not empty and not the root user) that stands as a
 * whole IAM name replaced by its pseudonym.  0 or -1. */
int redact_text(struct redact *rd, struct buf *out, const char *s, const char *user);

#endif
