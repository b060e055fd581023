/* summary.c - the summary of a run (see summary.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "report/audit.h"
#include "report/summary.h"

struct credaudit_summary *
credaudit_summary_new(const struct credaudit_audit *audit, struct credaudit_error *err)
{
	struct credaudit_summary *s = ca_calloc(1, sizeof(*s));

	if (s == NULL ||
	    (s->rules = ca_calloc(credaudit_rule_count() + 1, sizeof(*s->rules))) == NULL) {
		ca_free(s);
		seterr_nomem(err, NULL);
		return NULL;
	}
	s->fail_on = credaudit_audit_fail_on(audit);
	s->audit = audit;
	if (audit != NULL &&
	    ((audit->manifest.n > 0 &&
	      (s->manifest_seen = ca_calloc(audit->manifest.n, 1)) == NULL) ||
	     (audit->baseline.n > 0 &&
	      (s->baseline_seen = ca_calloc(audit->baseline.n, 1)) == NULL))) {
		credaudit_summary_free(s);
		seterr_nomem(err, NULL);
		return NULL;
	}
	return s;
}

static void
skipped_clear(struct credaudit_skipped *k)
{
	ca_free((void *)(uintptr_t)k->path);
	ca_free((void *)(uintptr_t)k->reason);
	ca_free((void *)(uintptr_t)k->sha256);
	ca_free((void *)(uintptr_t)k->duplicate_of);
}

void
credaudit_summary_free(struct credaudit_summary *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++) {
		ca_free(s->a[i].account);
		ca_free(s->a[i].partition);
	}
	ca_free(s->a);
	ca_free(s->rules);
	for (i = 0; i < s->nskip; i++)
		skipped_clear(&s->skip[i]);
	ca_free(s->skip);
	for (i = 0; i < s->nerrs; i++) {
		ca_free(s->errs[i].name);
		ca_free(s->errs[i].text);
	}
	ca_free(s->errs);
	ca_free(s->manifest_seen);
	ca_free(s->baseline_seen);
	ca_free(s);
}

enum outcome
outcome_of(const struct credaudit_result *res)
{
	switch (res->status) {
	case CREDAUDIT_PASS: return OUTCOME_PASS;
	case CREDAUDIT_NOT_EVALUATED: return OUTCOME_NOT_EVALUATED;
	case CREDAUDIT_WAIVED: return OUTCOME_WAIVED;
	case CREDAUDIT_FAIL: return res->nblocking > 0 ? OUTCOME_FAIL : OUTCOME_BELOW;
	}
	return OUTCOME_NONE;
}

enum credaudit_status
outcome_status(enum outcome o)
{
	static const enum credaudit_status st[] = {
		CREDAUDIT_PASS, CREDAUDIT_PASS, CREDAUDIT_NOT_EVALUATED,
		CREDAUDIT_WAIVED, CREDAUDIT_FAIL, CREDAUDIT_FAIL
	};

	return st[o];
}

enum outcome
tally_outcome(const struct rule_tally *c)
{
	return c->counted ? OUTCOME_FAIL : c->status[CREDAUDIT_FAIL] ? OUTCOME_BELOW :
	       c->status[CREDAUDIT_WAIVED] ? OUTCOME_WAIVED :
	       c->status[CREDAUDIT_NOT_EVALUATED] ? OUTCOME_NOT_EVALUATED :
	       c->status[CREDAUDIT_PASS] ? OUTCOME_PASS : OUTCOME_NONE;
}

size_t
summary_below(const struct credaudit_summary *s)
{
	return s->t.findings - s->t.waived - s->t.blocking - s->unchanged_unwaived;
}

static int
cmp_key(const char *acct, const char *part, const struct account_sum *a)
{
	int c = strcmp(acct, a->account);

	return c ? c : strcmp(part, a->partition);
}

/* Binary search of s->a for (acct, part): 1 and its index in *at when
 * found, else 0 and where it would be inserted. */
static int
search(const struct credaudit_summary *s, const char *acct, const char *part,
       size_t *at)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_key(acct, part, &s->a[mid]);

		if (c == 0) {
			*at = mid;
			return 1;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	*at = lo;
	return 0;
}

/* The summary of (acct, part), inserted in order when new; NULL: memory. */
static struct account_sum *
lookup(struct credaudit_summary *s, const char *acct, const char *part)
{
	size_t lo;
	struct account_sum *a;

	if (search(s, acct, part, &lo))
		return &s->a[lo];
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;

		if ((a = ca_realloc(s->a, cap * sizeof(*a))) == NULL)
			return NULL;
		s->a = a;
		s->cap = cap;
	}
	a = &s->a[lo];
	memmove(a + 1, a, (s->n - lo) * sizeof(*a));
	memset(a, 0, sizeof(*a));
	a->account = ca_strdup(acct);
	a->partition = ca_strdup(part);
	if (a->account == NULL || a->partition == NULL) {
		ca_free(a->account);
		ca_free(a->partition);
		memmove(a, a + 1, (s->n - lo) * sizeof(*a));
		return NULL;
	}
	s->n++;
	return a;
}

/* Count an audited report in its account's summary.  0 or -1. */
static int
account_add(struct credaudit_summary *s, const struct credaudit_report *rep)
{
	struct account_sum *a;
	int64_t t;
	enum credaudit_asof_source src = credaudit_report_as_of(rep, &t);
	size_t i, n;

	if ((a = lookup(s, credaudit_report_account(rep),
	                credaudit_report_partition(rep))) == NULL)
		return -1;
	a->reports++;
	a->sources |= 1u << src;
	if (src != CREDAUDIT_ASOF_NONE) {
		if (!a->have_period || t < a->from)
			a->from = t;
		if (!a->have_period || t > a->to)
			a->to = t;
		a->have_period = 1;
	}
	n = credaudit_report_result_count(rep);
	for (i = 0; i < n && i < MAX_RULES; i++) {
		const struct credaudit_result *res = credaudit_report_result(rep, i);

		a->rule[i] = res->rule;
		if (outcome_of(res) > a->worst[i])
			a->worst[i] = outcome_of(res);
		if (res->status != CREDAUDIT_NOT_EVALUATED)
			a->evaluated[i] = 1;
	}
	if (n > a->nrules)
		a->nrules = n > MAX_RULES ? MAX_RULES : n;
	return 0;
}

/* Count the results of an audited report in the tally of each rule. */
static void
tally_add(struct credaudit_summary *s, const struct credaudit_report *rep)
{
	size_t i, j, nrules = credaudit_rule_count();

	for (i = 0; i < credaudit_report_result_count(rep); i++) {
		const struct credaudit_result *res = credaudit_report_result(rep, i);
		struct rule_tally *c;

		for (j = 0; j < nrules && strcmp(credaudit_rule_get(j)->id, res->rule); j++)
			;
		c = &s->rules[j];   /* (an unknown rule lands in the spare slot) */
		c->status[(unsigned)res->status < 4 ? res->status : CREDAUDIT_FAIL]++;
		c->counted += res->nblocking > 0;
		s->t.blocking += res->nblocking;
		c->findings += res->nfindings;
		c->waived += res->nwaived;
		if (res->clause != NULL)
			c->clause = res->clause;
	}
}

/* Keep the name of an input not audited and why.  0 or -1 (memory). */
static int
error_add(struct credaudit_summary *s, const struct credaudit_report *rep)
{
	struct input_error *e;

	if (s->nerrs == MAX_ERRORS_KEPT)
		return 0;
	if (s->nerrs == s->caperrs) {
		size_t cap = s->caperrs ? 2 * s->caperrs : 16;

		if ((e = ca_realloc(s->errs, cap * sizeof(*e))) == NULL)
			return -1;
		s->errs = e;
		s->caperrs = cap;
	}
	e = &s->errs[s->nerrs];
	e->name = ca_strdup(credaudit_report_name(rep));
	e->text = ca_strdup(credaudit_report_error(rep)->text);
	if (e->name == NULL || e->text == NULL) {
		ca_free(e->name);
		ca_free(e->text);
		return -1;
	}
	s->nerrs++;
	return 0;
}

size_t
credaudit_summary_error_count(const struct credaudit_summary *s)
{
	return s->nerrs;
}

const char *
credaudit_summary_error(const struct credaudit_summary *s, size_t i, const char **text)
{
	if (i >= s->nerrs)
		return NULL;
	if (text != NULL)
		*text = s->errs[i].text;
	return s->errs[i].name;
}

/* Mark the baseline's findings this report holds again. */
static void
baseline_note(struct credaudit_summary *s, const struct credaudit_report *rep)
{
	size_t i, n = credaudit_report_finding_count(rep);

	for (i = 0; s->baseline_seen != NULL && i < n; i++) {
		const struct credaudit_finding *f = credaudit_report_finding(rep, i);
		long k;

		s->t.baseline_new += f->baseline == CREDAUDIT_BASELINE_NEW;
		s->t.baseline_unchanged += f->baseline == CREDAUDIT_BASELINE_UNCHANGED;
		s->unchanged_unwaived += (size_t)finding_kept_by_baseline(f);
		if (f->baseline == CREDAUDIT_BASELINE_UNCHANGED &&
		    (k = baseline_find(&s->audit->baseline, credaudit_report_account(rep),
		                       credaudit_report_partition(rep), f->rule, f->user,
		                       f->credential)) >= 0)
			s->baseline_seen[k] = 1;
	}
}

int
credaudit_summary_add(struct credaudit_summary *s, const struct credaudit_report *rep,
                      struct credaudit_error *err)
{
	struct credaudit_totals *t = &s->t;
	size_t i, n = credaudit_report_finding_count(rep);

	t->inputs++;
	if (s->manifest_seen != NULL && credaudit_report_manifest_entry(rep) > 0)
		s->manifest_seen[credaudit_report_manifest_entry(rep) - 1] = 1;
	switch (credaudit_report_verdict(rep)) {
	case CREDAUDIT_VERDICT_ERROR:
		t->errors++;
		return error_add(s, rep) == -1 ? seterr_nomem(err, NULL) : 0;
	case CREDAUDIT_VERDICT_FAIL: t->failed++; break;
	case CREDAUDIT_VERDICT_PASS: t->passed++; break;
	}
	t->audited++;
	t->findings += n;
	t->waived += credaudit_report_waived(rep);
	for (i = 0; i < n; i++)
		t->by_severity[credaudit_report_finding(rep, i)->severity]++;
	baseline_note(s, rep);
	tally_add(s, rep);
	if (account_add(s, rep) == -1)
		return seterr_nomem(err, NULL);
	return 0;
}

void
credaudit_summary_skipped(struct credaudit_summary *s, size_t hidden, size_t other)
{
	s->t.skipped_hidden = hidden;
	s->t.skipped_other = other;
}

const char *
credaudit_skip_name(enum credaudit_skip kind)
{
	switch (kind) {
	case CREDAUDIT_SKIP_HIDDEN: return "hidden";
	case CREDAUDIT_SKIP_NAME: return "name";
	case CREDAUDIT_SKIP_EXCLUDED: return "excluded";
	case CREDAUDIT_SKIP_NOT_REPORT: return "not_report";
	case CREDAUDIT_SKIP_DUPLICATE: return "duplicate";
	}
	return "";
}

/* A copy of s, or NULL; *bad set when s was not NULL and memory ran out. */
static const char *
dup_or_null(const char *s, int *bad)
{
	char *d;

	if (s == NULL)
		return NULL;
	if ((d = ca_strdup(s)) == NULL)
		*bad = 1;
	return d;
}

int
credaudit_summary_skip(struct credaudit_summary *s, const struct credaudit_skipped *k,
                       struct credaudit_error *err)
{
	struct credaudit_skipped *c;
	int bad = 0;

	if (s->nskip == s->skip_cap) {
		size_t cap = s->skip_cap ? s->skip_cap * 2 : 16;

		if (cap > SIZE_MAX / sizeof(*c) ||
		    (c = ca_realloc(s->skip, cap * sizeof(*c))) == NULL)
			return seterr_nomem(err, NULL);
		s->skip = c;
		s->skip_cap = cap;
	}
	c = &s->skip[s->nskip];
	c->kind = k->kind;
	c->path = dup_or_null(k->path ? k->path : "", &bad);
	c->reason = dup_or_null(k->reason, &bad);
	c->sha256 = dup_or_null(k->sha256, &bad);
	c->duplicate_of = dup_or_null(k->duplicate_of, &bad);
	if (bad) {
		skipped_clear(c);
		return seterr_nomem(err, NULL);
	}
	s->nskip++;
	switch (k->kind) {
	case CREDAUDIT_SKIP_HIDDEN: s->t.skipped_hidden++; break;
	case CREDAUDIT_SKIP_NAME: s->t.skipped_other++; break;
	case CREDAUDIT_SKIP_EXCLUDED: s->t.skipped_excluded++; break;
	case CREDAUDIT_SKIP_NOT_REPORT: s->t.skipped_not_report++; break;
	case CREDAUDIT_SKIP_DUPLICATE: s->t.skipped_duplicate++; break;
	}
	return 0;
}

size_t
credaudit_summary_skipped_count(const struct credaudit_summary *s)
{
	return s->nskip;
}

const struct credaudit_skipped *
credaudit_summary_skipped_file(const struct credaudit_summary *s, size_t i)
{
	return i < s->nskip ? &s->skip[i] : NULL;
}

const struct credaudit_totals *
credaudit_summary_totals(const struct credaudit_summary *s)
{
	return &s->t;
}

enum credaudit_verdict
credaudit_summary_verdict(const struct credaudit_summary *s)
{
	return s->t.errors > 0 ? CREDAUDIT_VERDICT_ERROR :
	       s->t.failed > 0 ? CREDAUDIT_VERDICT_FAIL : CREDAUDIT_VERDICT_PASS;
}

int
credaudit_summary_exit_status(const struct credaudit_summary *s)
{
	static const int status[] = { 0, 1, CREDAUDIT_ERR_INPUT };

	return status[credaudit_summary_verdict(s)];
}

int
credaudit_summary_manifest_seen(const struct credaudit_summary *s, size_t i)
{
	return s->manifest_seen != NULL && s->audit != NULL && i < s->audit->manifest.n &&
	       s->manifest_seen[i];
}

/* The account summary of (acct, part), or NULL. */
static const struct account_sum *
find_account(const struct credaudit_summary *s, const char *acct, const char *part)
{
	size_t at;

	return search(s, acct, part, &at) ? &s->a[at] : NULL;
}

/* Whether baseline finding k is resolved: not seen again, though its
 * account was audited and its rule evaluated there. */
static int
resolved(const struct credaudit_summary *s, size_t k)
{
	const struct credaudit_resolved *r = &s->audit->baseline.v[k];
	const struct account_sum *a;
	size_t i;

	if (s->baseline_seen[k] ||
	    (a = find_account(s, r->account, r->partition)) == NULL)
		return 0;
	for (i = 0; i < a->nrules; i++)
		if (a->rule[i] != NULL && strcmp(a->rule[i], r->rule) == 0)
			return a->evaluated[i];
	return 0;
}

size_t
credaudit_summary_resolved_count(const struct credaudit_summary *s)
{
	size_t k, n = 0;

	for (k = 0; s->baseline_seen != NULL && k < s->audit->baseline.n; k++)
		n += (size_t)resolved(s, k);
	return n;
}

const struct credaudit_resolved *
credaudit_summary_resolved_next(const struct credaudit_summary *s, size_t *pos)
{
	for (; s->baseline_seen != NULL && *pos < s->audit->baseline.n; (*pos)++)
		if (resolved(s, *pos))
			return &s->audit->baseline.v[(*pos)++];
	return NULL;
}

size_t
credaudit_summary_account_count(const struct credaudit_summary *s)
{
	return s->n;
}

const char *
credaudit_summary_account(const struct credaudit_summary *s, size_t i,
                          const char **partition)
{
	if (i >= s->n)
		return NULL;
	if (partition != NULL)
		*partition = s->a[i].partition;
	return s->a[i].account;
}

int
credaudit_summary_account_status(const struct credaudit_summary *s, size_t i,
                                 size_t rule, enum credaudit_status *status, int *counts)
{
	if (i >= s->n || rule >= s->a[i].nrules || s->a[i].worst[rule] == OUTCOME_NONE)
		return -1;
	*status = outcome_status(s->a[i].worst[rule]);
	if (counts != NULL)
		*counts = s->a[i].worst[rule] == OUTCOME_FAIL;
	return 0;
}
