/*
 * report.h - the report of one input as the library keeps it: what the
 * accessors of credaudit.h read.
 */
#ifndef CREDAUDIT_REPORT_H
#define CREDAUDIT_REPORT_H

#include <stdint.h>

#include "credaudit.h"
#include "base/util.h"
#include "model/model.h"
#include "rules/eval.h"
#include "rules/held.h"
#include "rules/rules.h"

struct credaudit_report {
	char *name;
	struct credaudit_error err;
	int failed;
	char *account, *partition;
	unsigned long rows, root_line;
	int64_t as_of;
	enum credaudit_asof_source as_of_source;

	struct findings findings;       /* sorted; moved in from the build */
	struct credaudit_result results[MAX_RULES];
	size_t nresults;
	struct arena strings;
	struct credaudit_root_key root_keys[2];
	int root_keys_known[2];
	struct credaudit_input input;
	int have_input;
	int not_report;                 /* failed: no credential report in any form */
	struct held_block *held;        /* held rows the findings point into */
	size_t manifest_entry;          /* 1-based entry of --manifest, or 0 */
};

/* A report of name with nothing in it; NULL when out of memory (err
 * filled). */
struct credaudit_report *report_new(const char *name, struct credaudit_error *err);
/* Remember the root row's key slots for credaudit_report_root_key. */
void report_note_root_keys(struct credaudit_report *rep, const struct row *row);

#endif
