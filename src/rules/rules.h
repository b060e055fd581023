/*
 * rules.h - the rule table.  A rule is one row: its public description,
 * the columns it reads, which rows it looks at, and a check function.
 */
#ifndef CREDAUDIT_RULES_H
#define CREDAUDIT_RULES_H

#include <stdint.h>

#include "credaudit.h"
#include "model/model.h"

struct check_ctx;   /* what a check gets besides the row, see eval.h */

enum scope {
	SCOPE_ROOT,   /* the <root_account> row only */
	SCOPE_USERS,  /* every IAM user row */
	SCOPE_ALL     /* every row */
};

/* Values of rule.needs_as_of besides 0. */
#define AGE 1
#define AGE_GROWS 2

#define MAX_RULES 32
#define MAX_PARAMS 2

struct rule {
	struct credaudit_rule_info info;
	uint32_t needs;       /* COLBIT()s the rule cannot do without */
	enum scope scope;
	int needs_as_of;      /* judges age: runs only with an as-of time;
	                         AGE_GROWS when a later as-of can only turn a
	                         pass into a fail */
	/* Append findings for row to cx->out (findings_add); 0, or -1 with
	 * cx->err filled (a value the rule reads is not of its type).
	 * cx->param[i] is the value of info.params[i]. */
	int (*check)(const struct row *row, const struct check_ctx *cx);
};

size_t rules_count(void);
const struct rule *rules_get(size_t i);
/* The rule with this id, or NULL. */
const struct rule *rules_find(const char *id, size_t n);

/* The benchmarks: framework name and parameter overrides. */
struct benchmark_param {
	const char *rule, *name;
	int64_t value;
};

struct benchmark {
	const char *name;        /* "cis-1.4" */
	const char *framework;   /* "CIS AWS Foundations Benchmark 1.4.0" */
	const struct benchmark_param *params;
	size_t nparams;
};

const struct benchmark *benchmark_find(const char *name);

/* The check functions: root.c and users.c. */
int check_root_access_key(const struct row *, const struct check_ctx *);
int check_root_access_key_inactive(const struct row *, const struct check_ctx *);
int check_root_mfa(const struct row *, const struct check_ctx *);
int check_root_recent_use(const struct row *, const struct check_ctx *);
int check_root_signing_certificate(const struct row *, const struct check_ctx *);
int check_user_console_without_mfa(const struct row *, const struct check_ctx *);
int check_access_key_not_rotated(const struct row *, const struct check_ctx *);
int check_credentials_unused(const struct row *, const struct check_ctx *);
int check_two_active_keys(const struct row *, const struct check_ctx *);
int check_access_key_at_setup(const struct row *, const struct check_ctx *);

#endif
