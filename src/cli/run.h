/*
 * run.h - what a subcommand that audits inputs does around its work: the
 * inputs walked, -o checked against them, the audit set up, the output
 * opened and the sandbox entered; at the end the output published (or
 * dropped) and everything freed.  Part of the CLI.
 */
#ifndef CREDAUDIT_RUN_H
#define CREDAUDIT_RUN_H

#include "credaudit.h"
#include "options.h"
#include "output.h"
#include "walk.h"

struct run {
	struct walk w;
	struct credaudit_audit *audit;
	struct output out;
	int open;                 /* out is open */
};

/* Prepare the run o asks for.  -1 when it goes on; else the exit status,
 * after saying why, with nothing left to free. */
int run_open(struct run *r, const struct cli_opts *o);

/* End the run with status: publish the output, or drop it when status is
 * 2 or 4, and free everything.  Returns the exit status. */
int run_close(struct run *r, int status);

/* Print a library error of the run (not of an input): a usage error with
 * the usage.  Returns its code (4 when it has none). */
int run_fail(const struct credaudit_error *e);

#endif
