/*
 * main.c - the credaudit command: a table of subcommands, each of which
 * parses its options, calls the library and returns the exit status.
 */
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "cli_rules.h"
#include "cmd_history.h"
#include "credaudit.h"
#include "options.h"
#include "run.h"

/* Audit every input in order and render it; returns the exit status. */
static int
audit_run(struct run *r, const struct cli_opts *o)
{
	struct credaudit_render_opts ropts = { 0 };
	struct credaudit_error e = { 0 };
	int status;

	/* no-color.org: NO_COLOR set and not empty disables colour */
	ropts.color = output_is_terminal(&r->out) &&
	              (getenv("NO_COLOR") == NULL || getenv("NO_COLOR")[0] == '\0');
	ropts.redact = o->redact;
	ropts.csv_bom = o->csv_bom;
	ropts.summary_only = o->summary;
	status = batch_render(r->audit, &r->w, &o->batch, o->format, &ropts,
	                      output_write, &r->out, &e);
	return status == -1 ? run_fail(&e) : status;
}

/* `credaudit [options] path ...`: the audit. */
static int
cmd_audit(int argc, char **argv)
{
	struct cli_opts o;
	struct run r;
	int status;

	if ((status = options_parse(CLI_AUDIT, argc, argv, &o)) != -1 ||
	    (status = run_open(&r, &o)) != -1)
		return status;
	return run_close(&r, audit_run(&r, &o));
}

/* Each takes the command line without the subcommand's name (argv[0] is
 * the program's) and returns the exit status.  The first is the default:
 * it has no name (a file named like a subcommand is audited as ./name). */
static const struct cmd {
	const char *name;
	int (*main)(int argc, char **argv);
} cmds[] = {
	{ NULL, cmd_audit },
	{ "explain", cli_explain },
	{ "history", cmd_history },
};

int
main(int argc, char **argv)
{
	const struct cmd *c = &cmds[0];
	size_t i;

	for (i = 1; argc > 1 && i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(argv[1], cmds[i].name) == 0) {
			c = &cmds[i];
			argv[1] = argv[0];
			argc--;
			argv++;
			break;
		}
	return c->main(argc, argv);
}
