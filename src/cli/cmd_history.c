/*
 * cmd_history.c - `credaudit history`: the history subcommand's body, as
 * it was in main.c.  Until history is library API this file alone of the
 * CLI includes a header of src/ (the Makefile builds it with -Isrc).
 */
#include "history/history.h"

#include "cmd_history.h"
#include "options.h"
#include "run.h"

int
cmd_history(int argc, char **argv)
{
	struct cli_opts o;
	struct history_opts ho;
	struct credaudit_error e = { 0 };
	struct run r;
	int status;

	if ((status = options_parse(CLI_HISTORY, argc, argv, &o)) != -1)
		return status;
	if (!history_format_ok(o.format))
		return options_usage("history writes text, json or html");
	ho.format = o.format;
	ho.gap = (int64_t)o.gap_days * 86400;
	ho.gap_days = o.gap_days;
	ho.batch = o.batch;
	if ((status = run_open(&r, &o)) != -1)
		return status;
	if ((status = history_run(r.audit, &r.w, &ho, output_write, &r.out, &e)) ==
	    CREDAUDIT_ERR_INTERNAL)
		run_fail(&e);
	return run_close(&r, status);
}
