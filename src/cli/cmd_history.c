/*
 * cmd_history.c - `credaudit history`: audit every input with the library,
 * add each report to a credaudit_history and render that (the derivation
 * and the formats are the library's, docs/history.md).
 */
#include <string.h>

#include "batch.h"
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

static int
add(void *h, const struct credaudit_report *rep, struct credaudit_error *err)
{
	return credaudit_history_add(h, rep, err);
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
	int status;

	if (h == NULL || batch_run(r->audit, &r->w, &o->batch, add, h, &e) == -1 ||
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
