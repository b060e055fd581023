/* report.h - internals shared by the report builder, rules and renderers. */
#ifndef CREDAUDIT_REPORT_H
#define CREDAUDIT_REPORT_H

#include "credaudit.h"
#include "model/model.h"
#include "rules/rules.h"

/* What a check gets besides the row. */
struct eval {
	struct credaudit_report *report;
	const struct rule *rule;
	size_t result;                  /* index of the rule's result */
	struct credaudit_error *err;
	int64_t as_of;                  /* valid when the rule needs_as_of */
	const int64_t *param;           /* values of rule->info.params */
};

/*
 * Record a finding of ev->rule on row.  message and evidence values are
 * copied.  0, or -1 with err filled (out of memory).
 */
int eval_emit(struct eval *ev, const struct row *row, const char *credential,
              const char *message, const struct credaudit_kv *evidence,
              size_t nevidence);

#endif
