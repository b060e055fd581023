/*
 * rules.h - the rule table.  A rule is one row: its public description,
 * the columns it reads, which rows it looks at, and a check function.
 */
#ifndef CREDAUDIT_RULES_H
#define CREDAUDIT_RULES_H

#include <stdint.h>

#include "credaudit.h"
#include "model.h"

struct eval;   /* evaluation context, see report.h */

enum scope {
	SCOPE_ROOT,   /* the <root_account> row only */
	SCOPE_USERS,  /* every IAM user row */
	SCOPE_ALL     /* every row */
};

struct rule {
	struct credaudit_rule_info info;
	uint32_t needs;       /* COLBIT()s the rule cannot do without */
	enum scope scope;
	int needs_as_of;      /* judges age: runs only with an as-of time */
	/* Append findings for row through eval_emit; 0, or -1 with the error
	 * filled (a value the rule reads is not of its type). */
	int (*check)(const struct rule *rule, const struct row *row,
	             struct eval *ev);
};

size_t rules_count(void);
const struct rule *rules_get(size_t i);
/* The rule with this id, or NULL. */
const struct rule *rules_find(const char *id, size_t n);

#endif
