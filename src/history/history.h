/*
 * history.h - `credaudit history`: the root user's access keys over time,
 * per account, from many reports.  Part of the CLI.
 *
 * Reports are grouped by account and ordered by as-of time (then path).
 * For each key slot the intervals during which the root had an active key
 * are given, a key being told from its successor by its last_rotated date;
 * the moments a key appeared, was activated, deactivated, deleted or
 * replaced; the gaps between consecutive reports longer than the threshold,
 * where evidence is missing; and pairs of reports of the same account and
 * as-of time that disagree.  Unlike the audit, history keeps a small record
 * of every report in memory.
 */
#ifndef CREDAUDIT_HISTORY_H
#define CREDAUDIT_HISTORY_H

#include <stdint.h>

#include "cli/batch.h"
#include "credaudit.h"
#include "cli/walk.h"

struct history_opts {
	const char *format;     /* "text", "json" or "html" */
	int64_t gap;            /* seconds; a longer gap is reported */
	int64_t gap_days;       /* the same, as given */
	struct batch_opts batch;
};

/* Whether history can write format. */
int history_format_ok(const char *format);

/*
 * Read every input of w and write the history through write.  Returns the
 * exit status: 0 no root key was ever seen active, 1 one was (or reports
 * conflict), 3 an input could not be read or placed in time, 4 internal or
 * output error (err filled).
 */
int history_run(const struct credaudit_audit *audit, const struct walk *w,
                const struct history_opts *opts, credaudit_write_fn write,
                void *ctx, struct credaudit_error *err);

#endif
