/*
 * verdict.h - the one place a rule's status and a report's verdict are
 * judged (include/credaudit.h documents the vocabulary).  Renderers and
 * the CLI read the results; none of them judges again.
 */
#ifndef CREDAUDIT_VERDICT_H
#define CREDAUDIT_VERDICT_H

#include <stddef.h>

#include "credaudit.h"

/*
 * Judge a rule that ran from the findings of its report (all of them,
 * f[0..n); those of other rules are skipped): status pass, fail or waived,
 * and nblocking, the findings that count against fail_on.  res->rule and
 * res->nwaived must be set.
 */
void credaudit__result_judge(struct credaudit_result *res,
                             const struct credaudit_finding *f, size_t n,
                             enum credaudit_severity fail_on);

/* Whether a finding counts against fail_on: not under an applied waiver
 * and at least that severe. */
int credaudit__finding_blocks(const struct credaudit_finding *f,
                              enum credaudit_severity fail_on);

#endif
