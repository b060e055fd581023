/*
 * summary.h - the summary of a run (struct credaudit_summary of
 * include/credaudit.h): totals and verdict, a tally per rule of the rule
 * table, and per account the number of audited reports, the period their
 * as-of times cover and the worst outcome of each rule.  Counted once, in
 * the library; every renderer reads it.  Memory grows with the number of
 * accounts, not reports.
 */
#ifndef CREDAUDIT_SUMMARY_H
#define CREDAUDIT_SUMMARY_H

#include <stddef.h>
#include <stdint.h>

#include "credaudit.h"
#include "rules/rules.h"

/* One rule of the rule table over the run. */
struct rule_tally {
	size_t status[4];      /* inputs by enum credaudit_status */
	size_t counted;        /* inputs where it counts (nblocking > 0) */
	size_t findings, waived;
	const char *clause;    /* in the selected benchmark (static), or NULL */
};

/* The outcome of a rule, ranked: a failure that counts, one below
 * fail_on, waived, not evaluated, pass; 0 when the rule never ran. */
enum outcome {
	OUTCOME_NONE = 0,
	OUTCOME_PASS,
	OUTCOME_NOT_EVALUATED,
	OUTCOME_WAIVED,
	OUTCOME_BELOW,
	OUTCOME_FAIL
};

/* The outcome of a result. */
enum outcome outcome_of(const struct credaudit_result *res);
/* Its status as in credaudit_status_name (OUTCOME_BELOW is "fail"). */
enum credaudit_status outcome_status(enum outcome o);

/* A rule's outcome over the run, the worst of its results as ranked
 * above (and so the worst of the accounts' worst): it counted somewhere,
 * else had findings below fail_on, else was waived, else was not
 * evaluated somewhere, else passed; OUTCOME_NONE when it was not
 * selected. */
enum outcome tally_outcome(const struct rule_tally *c);

/* Whether f does not count only because the baseline has it: unchanged
 * since the baseline, and not under an applied waiver. */
static inline int
finding_kept_by_baseline(const struct credaudit_finding *f)
{
	return f->baseline == CREDAUDIT_BASELINE_UNCHANGED &&
	       f->waiver.state != CREDAUDIT_WAIVER_APPLIED;
}

struct account_sum {
	char *account, *partition;
	size_t reports;
	int have_period;
	int64_t from, to;              /* earliest and latest as-of */
	unsigned sources;              /* 1 << each enum credaudit_asof_source
	                                  of its reports' as-of times */
	size_t nrules;
	const char *rule[MAX_RULES];   /* rule ids, static strings */
	enum outcome worst[MAX_RULES];
	unsigned char evaluated[MAX_RULES]; /* pass, fail or waived somewhere */
};

#define MAX_ERRORS_KEPT 10000

/* An input not audited: its name and why (both owned). */
struct input_error {
	char *name, *text;
};

struct credaudit_summary {
	enum credaudit_severity fail_on;
	struct credaudit_totals t;
	size_t unchanged_unwaived;     /* findings that do not count only because
	                                  the baseline has them (not waived) */
	struct rule_tally *rules;      /* [credaudit_rule_count()], table order */
	struct account_sum *a;         /* sorted by account, then partition */
	size_t n, cap;
	struct credaudit_skipped *skip;   /* named skipped files, strings owned */
	size_t nskip, skip_cap;
	const struct credaudit_audit *audit;
	unsigned char *manifest_seen;  /* [manifest entries] */
	unsigned char *baseline_seen;  /* [baseline's distinct findings] */
	struct input_error *errs;      /* inputs not audited, the first
	                                  MAX_ERRORS_KEPT */
	size_t nerrs, caperrs;
};

/* Findings of the run below fail_on: neither counted, nor waived, nor
 * kept by the baseline. */
size_t summary_below(const struct credaudit_summary *s);

#endif
