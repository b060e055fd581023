/*
 * options.h - the command line's options.  One table (options.c) holds
 * every option: its long and short name, its argument, the subcommands
 * that take it, what it sets and its help.  getopt_long's list, the short
 * option string and the help text are all built from it.  Part of the CLI.
 */
#ifndef CREDAUDIT_OPTIONS_H
#define CREDAUDIT_OPTIONS_H

#include "batch.h"
#include "credaudit.h"

/* The subcommands that take options, as bits of an option's row. */
enum cli_cmd {
	CLI_AUDIT = 1 << 0,
	CLI_HISTORY = 1 << 1
};

#define CLI_MAX_PARAMS 64
#define CLI_MAX_EXCLUDES 64

/* What the options asked for.  audit.params points into params: do not
 * copy the struct once options_parse has filled it. */
struct cli_opts {
	struct credaudit_opts audit;   /* --as-of, --max-*, -r, --benchmark,
	                                  --param, --waivers, --manifest,
	                                  --baseline */
	const char *params[CLI_MAX_PARAMS];
	const char *format;            /* -f; default "text", or what -o's
	                                  extension names */
	int format_given;              /* -f was given */
	int summary;                   /* --summary */
	const char *outfile;           /* -o; NULL: standard output */
	enum credaudit_severity fail_on;   /* --fail-on; default low */
	struct batch_opts batch;       /* --jobs (default: the cores), -q */
	long gap_days;                 /* --gap-days; 0 (default): derived */
	int sandbox;                   /* 0 after --no-sandbox */
	int redact;                    /* --redact */
	int csv_bom;                   /* --csv-bom */
	const char *excludes[CLI_MAX_EXCLUDES];   /* --exclude GLOB */
	size_t nexcludes;
	int list_rules;                /* --list-rules */
	char **inputs;                 /* the operands: at least one */
	int ninputs;
};

/*
 * Parse the options of subcommand cmd (argv[0] is the program's name).
 * Returns -1 with o filled when the run goes on; else the exit status to
 * end with: 0 (or 4 if standard output failed) after --help, --version,
 * --list-rules or --list-formats, 2 after printing a usage error.
 */
int options_parse(enum cli_cmd cmd, int argc, char **argv, struct cli_opts *o);

/* Print msg (if not NULL) and the usage on standard error; returns 2. */
int options_usage(const char *msg);

#endif
