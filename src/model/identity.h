/*
 * identity.h - who a row is: its ARN (partition, account, root or not),
 * one account per report, and IAM's limits on names.
 */
#ifndef CREDAUDIT_IDENTITY_H
#define CREDAUDIT_IDENTITY_H

#include <stddef.h>

#include "credaudit.h"
#include "base/util.h"
#include "model/model.h"

/* The account of a report, from its first row; zero-initialised before. */
struct identity {
	char *account, *partition;     /* in the arena given to identity_check */
	char *arn_prefix;              /* "arn:PARTITION:iam::ACCOUNT:" */
	size_t narn_prefix;
	unsigned long first_line;      /* the row they come from */
};

/*
 * Check row's ARN: an IAM ARN of a valid partition and account, ending in
 * ":root" exactly on the root row, and of the same account as the first
 * row (whose account and partition are copied into strings).  0, or -1
 * with err filled.
 */
int identity_check(struct identity *id, const struct row *row,
                   struct arena *strings, struct credaudit_error *err);

/* The user name, the ARN, its path and the name after it within IAM's
 * limits: 0, or -1 with err filled naming the limit. */
int identity_check_lengths(const struct row *row, struct credaudit_error *err);

#endif
