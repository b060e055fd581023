/*
 * batch.h - audit many inputs on N threads and hand the reports back in
 * input order, so that output does not depend on N.  Part of the CLI.
 *
 * Memory: at most a window of 4 x jobs reports is held at once, whatever
 * the number of inputs.
 */
#ifndef CREDAUDIT_BATCH_H
#define CREDAUDIT_BATCH_H

#include "credaudit.h"
#include "walk.h"

struct batch_opts {
	unsigned jobs;    /* threads; 0 or 1: audit in the calling thread */
	int progress;     /* print a progress line on stderr once the run is long */
};

/* Called in input order on the calling thread; 0, or -1 to stop the run
 * (err filled). */
typedef int (*batch_fn)(void *ctx, const struct credaudit_report *rep,
                        struct credaudit_error *err);

/* Audit every input of w.  0, or -1 with err filled (out of memory, or
 * fn failed). */
int batch_run(const struct credaudit_audit *audit, const struct walk *w,
              const struct batch_opts *opts, batch_fn fn, void *ctx,
              struct credaudit_error *err);

/*
 * The audit: render every input of w in order in format, the summary
 * counting the files the walk skipped.  Returns the exit status of the
 * rendered summary (credaudit_summary_exit_status: 0, 1 for a finding that
 * counts against the audit's fail_on, 3 for an input not audited), or -1 with
 * err filled (CREDAUDIT_ERR_USAGE: unknown format; else internal).
 */
int batch_render(const struct credaudit_audit *audit, const struct walk *w,
                 const struct batch_opts *opts, const char *format,
                 const struct credaudit_render_opts *ropts,
                 credaudit_write_fn write, void *ctx, struct credaudit_error *err);

/* The number of cores online (at least 1). */
unsigned batch_cores(void);

#endif
