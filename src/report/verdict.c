/*
 * verdict.c - rule statuses, report verdicts and their names: judged once,
 * here, from the findings, the waivers and the audit's fail_on.
 */
#include <string.h>

#include "report/verdict.h"

const char *
credaudit_status_name(enum credaudit_status st)
{
	static const char *const names[] = { "pass", "fail", "not_evaluated",
	                                     "waived" };

	return (unsigned)st < 4 ? names[st] : "unknown";
}

const char *
credaudit_verdict_name(enum credaudit_verdict v)
{
	static const char *const names[] = { "pass", "fail", "error" };

	return (unsigned)v < 3 ? names[v] : "unknown";
}

int
credaudit__finding_blocks(const struct credaudit_finding *f,
                          enum credaudit_severity fail_on)
{
	return f->waiver.state != CREDAUDIT_WAIVER_APPLIED && f->severity >= fail_on &&
	       f->baseline != CREDAUDIT_BASELINE_UNCHANGED;
}

void
credaudit__result_judge(struct credaudit_result *res,
                        const struct credaudit_finding *f, size_t n,
                        enum credaudit_severity fail_on)
{
	size_t i;

	res->nblocking = 0;
	for (i = 0; i < n; i++)
		if (strcmp(f[i].rule, res->rule) == 0)
			res->nblocking += (size_t)credaudit__finding_blocks(&f[i], fail_on);
	if (res->nfindings == 0)
		res->status = CREDAUDIT_PASS;
	else if (res->nwaived == res->nfindings)
		res->status = CREDAUDIT_WAIVED;
	else
		res->status = CREDAUDIT_FAIL;
}

enum credaudit_verdict
credaudit_report_verdict(const struct credaudit_report *rep)
{
	size_t i, n;

	if (credaudit_report_error(rep) != NULL)
		return CREDAUDIT_VERDICT_ERROR;
	n = credaudit_report_result_count(rep);
	for (i = 0; i < n; i++)
		if (credaudit_report_result(rep, i)->nblocking > 0)
			return CREDAUDIT_VERDICT_FAIL;
	return CREDAUDIT_VERDICT_PASS;
}
