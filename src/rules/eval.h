/*
 * eval.h - evaluating the selected rules on rows: the list findings go to,
 * the context a check gets, and the calls that run the rules.
 *
 * A check is a function of a typed row and a check_ctx: it reads the row,
 * and appends what it finds to cx->out through findings_add.  The list is
 * the rules stage's; the report that runs the rules owns it and keeps it.
 */
#ifndef CREDAUDIT_EVAL_H
#define CREDAUDIT_EVAL_H

#include <stddef.h>
#include <stdint.h>

#include "credaudit.h"
#include "base/util.h"
#include "model/model.h"
#include "rules/rules.h"

/* Findings in the order they were added; zero-initialised is empty. */
struct findings {
	struct credaudit_finding *v;
	size_t n, cap;
	struct arena strings;          /* the text findings point to */
	int borrow_rows;               /* the rows outlive the list: point into
	                                  their text instead of copying it */
	/* The findings of one row share one copy of its fields. */
	unsigned long share_line;
	const char *share_src[NCOLS], *share_copy[NCOLS];
};

/* What a check gets besides the row. */
struct check_ctx {
	const struct rule *rule;       /* the rule being checked */
	int64_t as_of;                 /* valid when the rule needs_as_of */
	const int64_t *param;          /* values of rule->info.params */
	struct findings *out;          /* where findings go */
	struct credaudit_error *err;
};

/*
 * Append a finding of cx->rule on row.  credential and the evidence names
 * must be static strings; message and the evidence values are copied (a
 * value that is one of the row's fields is copied once per row).  0, or -1
 * with cx->err filled (out of memory).
 */
int findings_add(const struct check_ctx *cx, const struct row *row,
                 const char *credential, const char *message,
                 const struct credaudit_kv *evidence, size_t nevidence);
/* Order by line, rule, credential: the same whatever the evaluation order. */
void findings_sort(struct findings *f);
/* Drop every finding after the first n. */
void findings_truncate(struct findings *f, size_t n);
void findings_free(struct findings *f);

/* The rules an audit runs on one input, and where their findings go. */
struct evaluation {
	const struct rule *const *rules;      /* the selected rules, in order */
	size_t nrules;
	const int64_t (*param)[MAX_PARAMS];   /* parameters, by table index */
	const int *runnable;                  /* per selected rule: the header
	                                         has what it reads */
	int64_t as_of;
	struct findings *out;
	struct credaudit_result *results;     /* per selected rule: nfindings
	                                         counts its findings */
	struct credaudit_error *err;
};

/* Whether rule r runs on the root row (is_root) or on a user's row. */
static inline int
eval_in_scope(const struct rule *r, int is_root)
{
	return is_root ? r->scope != SCOPE_USERS : r->scope != SCOPE_ROOT;
}

/* Run selected rule i on row when the row is in its scope.  0 or -1. */
int eval_rule(const struct evaluation *ev, size_t i, const struct row *row);
/* Run every runnable selected rule on row; with defer_age, not those that
 * judge age (they run later, on held rows).  0 or -1. */
int eval_row(const struct evaluation *ev, const struct row *row, int defer_age);

#endif
