/*
 * render.h - the render core: the renderer table and the write path.  A
 * renderer is a row: name, description and three functions called as
 * begin, once per report, finish.  All write through render_write, which
 * remembers the first failure.  Renderers only format the model: verdicts,
 * statuses and counts come from the report (credaudit_report_verdict, its
 * results) and from the run's summary (r->sum, report/summary.h).
 */
#ifndef CREDAUDIT_RENDER_H
#define CREDAUDIT_RENDER_H

#include "report/summary.h"
#include "credaudit.h"
#include "base/util.h"

struct credaudit_render;

struct render_ops {
	const char *name;
	const char *description;
	int (*begin)(struct credaudit_render *r);
	int (*report)(struct credaudit_render *r, const struct credaudit_report *rep);
	/* NULL: nothing to write after the last report. */
	int (*finish)(struct credaudit_render *r);
	/* Release priv, what begin allocated (NULL: nothing to do; called
	 * only when priv is set, which the core then clears). */
	void (*cleanup)(void *priv);
};

struct credaudit_render {
	const struct render_ops *ops;
	const struct credaudit_audit *audit;
	struct credaudit_render_opts opts;
	credaudit_write_fn write;
	void *ctx;
	int failed;           /* RENDER_WRITE or RENDER_NOMEM once failed */
	struct credaudit_summary *sum;   /* the run so far, the current report
	                                    included (sum->t.inputs is its
	                                    1-based index) */
	enum credaudit_severity fail_on; /* of the audit */
	struct buf scratch;   /* reusable escaping buffer */
	void *priv;           /* the renderer's own state */
	struct redact *redact;            /* --redact: pseudonym table, else NULL */
	struct credaudit_finding shown;   /* render_finding's redacted copy */
	struct buf shown_text;            /* and its strings */
	/* The output buffer (RENDER_OUTBUF bytes; NULL: every render_write
	 * goes straight to write): flushed when full and at the end of
	 * credaudit_render_new, _report and _finish, so the write callback
	 * sees few, large writes and a report's bytes once it returns. */
	char *out;
	size_t outlen;
};

#define RENDER_OUTBUF 65536

#define RENDER_WRITE 1     /* the write callback failed */
#define RENDER_NOMEM 2     /* out of memory */

int render_write(struct credaudit_render *r, const void *p, size_t n);
/* Remember that memory ran out (unless a failure is already known); -1. */
int render_nomem(struct credaudit_render *r);
int render_puts(struct credaudit_render *r, const char *s);
int render_printf(struct credaudit_render *r, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* An unsigned number in decimal, without printf. */
int render_putu(struct credaudit_render *r, unsigned long long v);
/* Hand what the output buffer holds to the write callback; 0 or -1. */
int render_flush(struct credaudit_render *r);

/*
 * The i-th finding of rep as it is to be shown: with --redact, a copy whose
 * user, arn, message and evidence values carry pseudonyms, valid until the
 * next call.  NULL past the end or when memory ran out (r->failed is set).
 */
const struct credaudit_finding *render_finding(struct credaudit_render *r,
                                               const struct credaudit_report *rep,
                                               size_t i);

/* The renderers. */
extern const struct render_ops render_text_ops;
extern const struct render_ops render_json_ops;
extern const struct render_ops render_sarif_ops;
extern const struct render_ops render_junit_ops;
extern const struct render_ops render_csv_ops;
extern const struct render_ops render_ocsf_ops;
extern const struct render_ops render_asff_ops;
extern const struct render_ops render_html_ops;

#endif
