/*
 * results.c - what a report's findings amount to: waivers matched against
 * them, the result of each selected rule, and the counts that make the
 * exit status.
 */
#include <stdio.h>
#include <string.h>

#include "report/audit.h"
#include "report/build.h"
#include "report/report.h"
#include "report/verdict.h"

/* The rule's clause in the benchmark, or NULL. */
static const char *
clause_of(const struct rule *r, const struct benchmark *bm)
{
	size_t i;

	for (i = 0; bm != NULL && i < r->info.nrefs; i++)
		if (strcmp(r->info.refs[i].framework, bm->framework) == 0)
			return r->info.refs[i].id;
	return NULL;
}

/* Match every finding against the waivers, once the as-of time is known. */
int
apply_waivers(struct builder *b)
{
	const struct credaudit_audit *a = b->audit;
	struct credaudit_report *rep = b->rep;
	size_t i, j;

	for (i = 0; i < rep->findings.n; i++) {
		struct credaudit_finding *f = &rep->findings.v[i];
		struct credaudit_waiver_use *u = &f->waiver;
		const struct waiver *w;
		size_t index;
		int applies;

		w = waivers_match(&a->waivers, f->rule, b->id.account, f->user, rep->as_of,
		                  rep->as_of_source != CREDAUDIT_ASOF_NONE, &applies,
		                  &index);
		if (w == NULL)
			continue;
		/* The latest timestamp is a lower bound of the as-of time: a
		 * waiver expired then is expired, one current then may not be. */
		if (applies && rep->as_of_source == CREDAUDIT_ASOF_REPORT_LATEST)
			applies = -1;
		u->state = applies == 1 ? CREDAUDIT_WAIVER_APPLIED :
		           applies == -1 ? CREDAUDIT_WAIVER_NOT_APPLIED :
		           CREDAUDIT_WAIVER_EXPIRED;
		u->entry = index + 1;
		u->justification = arena_strdup(&rep->strings, w->justification);
		u->owner = arena_strdup(&rep->strings, w->owner);
		u->expires = arena_strdup(&rep->strings, w->expires_text);
		if (u->justification == NULL || u->owner == NULL || u->expires == NULL)
			return seterr_nomem(b->err, rep->name);
		for (j = 0; applies == 1 && j < a->nrules; j++)
			if (strcmp(a->rules[j]->info.id, f->rule) == 0)
				rep->results[j].nwaived++;
	}
	return 0;
}

/* Tell each finding new or unchanged against the baseline, if any. */
void
apply_baseline(struct builder *b)
{
	const struct baseline *bl = &b->audit->baseline;
	struct credaudit_report *rep = b->rep;
	size_t i;

	for (i = 0; bl->path != NULL && i < rep->findings.n; i++) {
		struct credaudit_finding *f = &rep->findings.v[i];

		f->baseline = baseline_find(bl, b->id.account, b->id.partition, f->rule,
		                            f->user, f->credential) >= 0 ?
		              CREDAUDIT_BASELINE_UNCHANGED : CREDAUDIT_BASELINE_NEW;
	}
}

/*
 * The reason an age rule's pass is not a pass: the as-of time is the
 * latest timestamp, a lower bound of when the report was generated, and a
 * later moment could turn the pass into a fail.  NULL when out of memory.
 */
static const char *
reason_lower_bound(struct credaudit_report *rep)
{
	char when[32], text[200];

	time_format(rep->as_of, when, sizeof(when));
	snprintf(text, sizeof(text), "passes only as of %s, a lower bound of when "
	         "the report was generated; give --as-of or the AWS CLI JSON with "
	         "GeneratedTime", when);
	return arena_strdup(&rep->strings, text);
}

/* Fill results of rules that ran: pass or fail. */
int
finish_results(struct builder *b)
{
	const struct credaudit_audit *a = b->audit;
	struct credaudit_report *rep = b->rep;
	size_t i;

	rep->nresults = a->nrules;
	for (i = 0; i < a->nrules; i++) {
		struct credaudit_result *res = &rep->results[i];

		res->rule = a->rules[i]->info.id;
		res->clause = clause_of(a->rules[i], a->benchmark);
		if (!b->evaluable[i]) {
			res->status = CREDAUDIT_NOT_EVALUATED;
		} else {
			credaudit__result_judge(res, rep->findings.v, rep->findings.n,
			                        b->audit->fail_on);
			res->reason = NULL;
		}
		if (res->status == CREDAUDIT_PASS &&
		    a->rules[i]->needs_as_of == AGE_GROWS &&
		    rep->as_of_source == CREDAUDIT_ASOF_REPORT_LATEST) {
			res->status = CREDAUDIT_NOT_EVALUATED;
			if ((res->reason = reason_lower_bound(rep)) == NULL)
				return seterr_nomem(b->err, rep->name);
		}
	}
	return 0;
}

size_t
credaudit_report_blocking(const struct credaudit_report *rep,
                          enum credaudit_severity min)
{
	size_t i, n = 0;

	for (i = 0; i < rep->findings.n; i++)
		n += (size_t)credaudit__finding_blocks(&rep->findings.v[i], min);
	return n;
}

size_t
credaudit_report_waived(const struct credaudit_report *rep)
{
	size_t i, n = 0;

	for (i = 0; i < rep->findings.n; i++)
		n += rep->findings.v[i].waiver.state == CREDAUDIT_WAIVER_APPLIED;
	return n;
}

const char *
credaudit_waiver_state_name(enum credaudit_waiver_state st)
{
	static const char *const names[] = { "none", "applied", "expired",
	                                     "not_applied" };

	return (unsigned)st < 4 ? names[st] : "unknown";
}

size_t
credaudit_report_result_count(const struct credaudit_report *rep)
{
	return rep->nresults;
}

const struct credaudit_result *
credaudit_report_result(const struct credaudit_report *rep, size_t i)
{
	return i < rep->nresults ? &rep->results[i] : NULL;
}
