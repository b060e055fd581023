/*
 * audit.h - an audit: the options every input of a run is read with, the
 * selected rules and their parameters, and the waivers.
 */
#ifndef CREDAUDIT_AUDIT_H
#define CREDAUDIT_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "credaudit.h"
#include "rules/rules.h"
#include "rules/waiver.h"
#include "report/baseline.h"
#include "report/manifest.h"

struct credaudit_audit {
	const struct rule *rules[MAX_RULES];   /* selected, in table order */
	size_t nrules;
	int explicit_rules;             /* --rules given: missing columns are errors */
	size_t max_field;
	int64_t as_of;
	enum credaudit_asof_source as_of_source;
	int64_t clock;                  /* when the audit was set up: only the
	                                   bound of a report without an as-of
	                                   time (asof_start) */
	uint64_t max_decompressed;
	uint64_t max_input;
	unsigned long max_rows;
	int64_t param[MAX_RULES][MAX_PARAMS];  /* by table index */
	const struct benchmark *benchmark;
	struct waivers waivers;
	enum credaudit_severity fail_on;   /* least severity that counts */
	struct manifest manifest;       /* --manifest: per-input as-of, SHA-256 */
	struct baseline baseline;       /* --baseline: findings seen before */
};

#endif
