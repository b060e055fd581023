/*
 * cmd_history.c - `credaudit history`: walk the inputs, audit each with
 * the library, add it to a credaudit_history and render that (the
 * derivation and the formats are the library's, docs/history.md).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "cmd_history.h"
#include "output.h"
#include "sandbox.h"
#include "walk.h"

#define GO_ON (-1)

struct history_args {
	const char *format, *outfile;
	struct credaudit_opts opts;          /* the input limits only */
	struct credaudit_history_opts hopts;
	struct batch_opts batch;
	int sandbox;
};

/* Print a library error of the run (not of an input) and return its code. */
static int
fail(const struct credaudit_error *e)
{
	fprintf(stderr, "credaudit: %s\n", e->text);
	return e->code ? e->code : CREDAUDIT_ERR_INTERNAL;
}

/* One option into a: GO_ON, or the exit status (-V and -h end the run). */
static int
option(int c, struct history_args *a)
{
	long n;

	switch (c) {
	case 'f': a->format = optarg; return GO_ON;
	case 'o': a->outfile = optarg; return GO_ON;
	case 'q': a->batch.progress = 0; return GO_ON;
	case 'N': a->sandbox = 0; return GO_ON;
	case 'G':
		if (cli_parse_count(optarg, 100000, &n) == -1)
			return cli_usage("--gap-days takes a number of days (1 or more)");
		a->hopts.gap_days = (unsigned long)n;
		return GO_ON;
	case 'J':
		if (cli_parse_count(optarg, 256, &n) == -1)
			return cli_usage("--jobs takes a number from 1 to 256");
		a->batch.jobs = (unsigned)n;
		return GO_ON;
	case 'M':
		if (cli_parse_size(optarg, &a->opts.max_decompressed) == -1)
			return cli_usage("--max-decompressed takes a number of bytes "
			                 "above 0, with an optional K, M or G suffix");
		return GO_ON;
	case 1001:
	case 1002:
	case 1003:
		if (cli_parse_limit(c, optarg, &a->opts) == -1)
			return cli_usage("--max-field-bytes, --max-input-bytes and --max-rows "
			                 "take a number above 0, with an optional K, M or G suffix");
		return GO_ON;
	case 'V': puts("credaudit " CREDAUDIT_VERSION); return output_close_stdout();
	case 'h': return cli_help();
	case '?': return cli_usage(NULL);
	default: return cli_usage("history takes only -q, -f, --gap-days, --jobs, -o");
	}
}

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

/* Audit every input of w into a history and render it to out: the exit
 * status (4 after saying why). */
static int
run(const struct credaudit_audit *audit, const struct walk *w,
    const struct history_args *a, struct output *out)
{
	struct credaudit_history_totals t;
	struct credaudit_error e = { 0 };
	struct credaudit_history *h = credaudit_history_new(&a->hopts, &e);
	int status;

	if (h == NULL || batch_run(audit, w, &a->batch, add, h, &e) == -1 ||
	    credaudit_history_totals(h, &t, &e) == -1 ||
	    credaudit_history_render(h, a->format, output_write, out, &e) == -1)
		status = fail(&e);
	else
		status = t.errors ? CREDAUDIT_ERR_INPUT :
		         t.accounts_with_root_key + t.conflicts > 0;
	credaudit_history_free(h);
	return status;
}

/* Whether -o names an input (after saying so): it must not be replaced. */
static int
output_is_input(const char *outfile, const struct walk *w)
{
	const char *in;

	if (outfile == NULL || strcmp(outfile, "-") == 0 ||
	    (in = walk_find(w, outfile)) == NULL)
		return 0;
	fprintf(stderr, "credaudit: -o %s is also an input (%s): refused, "
	        "nothing written\n", outfile, in);
	return 1;
}

/* Open the output, enter the sandbox, run; the exit status. */
static int
history_main(const struct history_args *a, const struct walk *w)
{
	struct credaudit_error e = { 0 };
	struct credaudit_audit *audit;
	struct output out;
	int status;

	if ((audit = credaudit_audit_new(&a->opts, &e)) == NULL)
		return e.code == CREDAUDIT_ERR_USAGE ? cli_usage(e.text) : fail(&e);
	if (output_open(&out, a->outfile) == -1) {
		credaudit_audit_free(audit);
		return CREDAUDIT_ERR_INTERNAL;
	}
	/* Everything opened for writing is open: from here on the run reads
	 * (inputs are opened read-only), writes and computes, and nothing else. */
	if (a->sandbox && sandbox_enter(&e) == -1) {
		output_abort(&out);
		credaudit_audit_free(audit);
		return fail(&e);
	}
	status = run(audit, w, a, &out);
	credaudit_audit_free(audit);
	if (status == CREDAUDIT_ERR_USAGE || status == CREDAUDIT_ERR_INTERNAL) {
		output_abort(&out);
		return status;
	}
	return output_commit(&out) == -1 ? CREDAUDIT_ERR_INTERNAL : status;
}

int
cmd_history(int argc, char **argv)
{
	struct history_args a = { "text", NULL, { 0 }, { 0 }, { 0, 1 }, 1 };
	struct walk w = { 0 };
	int c, status;

	a.batch.jobs = batch_cores();
	a.batch.progress = isatty(STDERR_FILENO);
	while ((c = getopt_long(argc, argv, cli_shortopts, cli_longopts, NULL)) != -1)
		if ((status = option(c, &a)) != GO_ON)
			return status;
	if (optind == argc)
		return cli_usage("no input (use - for standard input)");
	if (!format_ok(a.format))
		return cli_usage("history writes text, json or html");
	for (; optind < argc; optind++)
		if (walk_add(&w, argv[optind]) == -1) {
			walk_free(&w);
			return fail(&(struct credaudit_error){ .text = "out of memory" });
		}
	status = output_is_input(a.outfile, &w) ? CREDAUDIT_ERR_USAGE : history_main(&a, &w);
	walk_free(&w);
	return status;
}
