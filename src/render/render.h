/*
 * render.h - the renderer table.  A renderer is a row: name, description
 * and three functions called as begin, once per report, finish.  All write
 * through render_write, which remembers the first failure.
 */
#ifndef CREDAUDIT_RENDER_H
#define CREDAUDIT_RENDER_H

#include "report/accounts.h"
#include "credaudit.h"
#include "base/util.h"

struct credaudit_render;

struct render_ops {
	const char *name;
	const char *description;
	int (*begin)(struct credaudit_render *r);
	int (*report)(struct credaudit_render *r, const struct credaudit_report *rep);
	int (*finish)(struct credaudit_render *r);
	/* Release what begin allocated in priv (NULL: nothing to do). */
	void (*cleanup)(struct credaudit_render *r);
};

/* Totals over the reports rendered so far, kept for every renderer. */
struct render_totals {
	size_t inputs, audited, errors, findings, waived;
	size_t by_severity[5];
	size_t skipped_hidden, skipped_other;   /* credaudit_render_skipped */
};

struct credaudit_render {
	const struct render_ops *ops;
	const struct credaudit_audit *audit;
	struct credaudit_render_opts opts;
	credaudit_write_fn write;
	void *ctx;
	int failed;           /* RENDER_WRITE or RENDER_NOMEM once failed */
	struct render_totals totals;
	struct buf scratch;   /* reusable escaping buffer */
	struct accounts accounts;
	void *priv;           /* the renderer's own state */
	struct redact *redact;            /* --redact: pseudonym table, else NULL */
	struct credaudit_finding shown;   /* render_finding's redacted copy */
	struct buf shown_text;            /* and its strings */
};

#define RENDER_WRITE 1     /* the write callback failed */
#define RENDER_NOMEM 2     /* out of memory */

int render_write(struct credaudit_render *r, const void *p, size_t n);
int render_puts(struct credaudit_render *r, const char *s);
int render_printf(struct credaudit_render *r, const char *fmt, ...) PRINTF_LIKE(2, 3);

/*
 * The i-th finding of rep as it is to be shown: with --redact, a copy whose
 * user, arn, message and evidence values carry pseudonyms, valid until the
 * next call.  NULL past the end or when memory ran out (r->failed is set).
 */
const struct credaudit_finding *render_finding(struct credaudit_render *r,
                                               const struct credaudit_report *rep,
                                               size_t i);

/* The audit's options as a JSON object ({"rules", "benchmark", "params",
 * "fail_on", "waivers"}, docs/json.md), a new reference; NULL when memory
 * ran out.  r->audit must not be NULL. */
struct json_t *render_options_json(struct credaudit_render *r);

/* The renderers. */
extern const struct render_ops render_text_ops;
extern const struct render_ops render_json_ops;
extern const struct render_ops render_sarif_ops;
extern const struct render_ops render_junit_ops;
extern const struct render_ops render_csv_ops;
extern const struct render_ops render_ocsf_ops;
extern const struct render_ops render_html_ops;

#endif
