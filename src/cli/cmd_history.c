/*
 * cmd_history.c - `credaudit history`: audit every input with the library,
 * add each report to a credaudit_history and render that (the derivation
 * and the formats are the library's, docs/history.md).
 */
#include <stdio.h>
#include <string.h>

#include "batch.h"
#include "cli.h"
#include "cmd_history.h"
#include "options.h"
#include "run.h"

static int
format_ok(const char *format)
{
	size_t i;

	for (i = 0; i < credaudit_history_format_count(); i++)
		if (strcmp(credaudit_history_format_name(i), format) == 0)
			return 1;
	return 0;
}

/* A history being built from the walk's inputs, in input order. */
struct hist_run {
	struct credaudit_history *h;
	const struct walk *w;
	size_t next;
};

/* A file left out on purpose, named on standard error (the history's
 * formats have no place for it): never a change of the exit status. */
static void
name_skip(enum credaudit_skip kind, const char *path, const char *reason)
{
	char msg[1400];

	snprintf(msg, sizeof(msg), "history: skipped (%s) %.600s: %.600s",
	         credaudit_skip_name(kind), path, reason ? reason : "");
	cli_error(msg);
}

/* As the audit does: a file found in a directory whose bytes are no
 * credential report is skipped and named, not an input in error. */
static int
add(void *ctx, const struct credaudit_report *rep, struct credaudit_error *err)
{
	struct hist_run *hr = ctx;
	const struct walk_input *in = &hr->w->in[hr->next++];

	if (in->found && credaudit_report_not_a_report(rep)) {
		name_skip(CREDAUDIT_SKIP_NOT_REPORT, credaudit_report_name(rep),
		          credaudit_report_error(rep)->text);
		return 0;
	}
	return credaudit_history_add(hr->h, rep, err);
}

/* Audit every input of r into a history and render it to r's output:
 * the exit status (4 after saying why). */
static int
history_run(struct run *r, const struct cli_opts *o)
{
	struct credaudit_history_opts hopts = { (unsigned long)o->gap_days };
	struct credaudit_history_totals t;
	struct credaudit_error e = { 0 };
	struct credaudit_history *h = credaudit_history_new(&hopts, &e);
	struct hist_run hr = { h, &r->w, 0 };
	size_t i;
	int status;

	for (i = 0; i < r->w.nskip; i++)
		name_skip((enum credaudit_skip)r->w.skip[i].kind, r->w.skip[i].path,
		          r->w.skip[i].reason);
	if (h == NULL || batch_run(r->audit, &r->w, &o->batch, add, &hr, &e) == -1 ||
	    credaudit_history_totals(h, &t, &e) == -1 ||
	    credaudit_history_render(h, o->format, output_write, &r->out, &e) == -1)
		status = run_fail(&e);
	else
		status = t.errors ? CREDAUDIT_ERR_INPUT :
		         t.accounts_with_root_key + t.conflicts > 0;
	credaudit_history_free(h);
	return status;
}

int
cmd_history(int argc, char **argv)
{
	struct cli_opts o;
	struct run r;
	int status;

	if ((status = options_parse(CLI_HISTORY, argc, argv, &o)) != -1)
		return status;
	if (!format_ok(o.format))
		return options_usage("history writes text, json or html");
	if ((status = run_open(&r, &o)) != -1)
		return status;
	return run_close(&r, history_run(&r, &o));
}
