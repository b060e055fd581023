/*
 * main.c - the credaudit command: options in, library calls, exit status out.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "cli/batch.h"
#include "cli/cli_rules.h"
#include "cli/cmd_history.h"
#include "credaudit.h"
#include "cli/output.h"
#include "cli/sandbox.h"
#include "base/util.h"
#include "cli/walk.h"

static const char usage_text[] =
	"usage: credaudit [-hqV] [--list-rules] [--list-formats]\n"
	"                 [--as-of time] [--benchmark name] [--fail-on severity]\n"
	"                 [--max-decompressed bytes] [--max-field-bytes bytes]\n"
	"                 [--max-input-bytes bytes] [--max-rows rows] [--no-sandbox]\n"
	"                 [--param rule.name=value] [--waivers file] [--redact]\n"
	"                 [-f format] [--jobs n] [-o file] [-r rules] path ...\n"
	"       credaudit explain rule\n"
	"       credaudit history [-q] [-f format] [--gap-days n] [--jobs n]\n"
	"                 [-o file] path ...\n";

static const char help_text[] =
	"Audit AWS IAM credential reports offline.\n"
	"\n"
	"      --as-of TIME    judge age as of TIME (ISO 8601: YYYY-MM-DD, or\n"
	"                      ...Thh:mm:ss with Z or an offset, converted to UTC;\n"
	"                      now for the clock); default: the report's\n"
	"                      GeneratedTime, else its latest timestamp\n"
	"      --max-decompressed BYTES\n"
	"                      refuse gzip data that decompresses to more, and\n"
	"                      JSON larger (suffix K, M, G; default 1G)\n"
	"      --max-field-bytes BYTES\n"
	"                      refuse a CSV field longer (default 64K)\n"
	"      --max-input-bytes BYTES\n"
	"                      refuse an input larger, as read (default 256M)\n"
	"      --max-rows ROWS refuse a report with more rows (default 10000, twice\n"
	"                      the 5000 users IAM allows an account)\n"
	"  -f, --format NAME   output format: text (default), json, sarif, junit,\n"
	"                      csv, ocsf, html (see --list-formats)\n"
	"      --gap-days N    history: report gaps between reports longer than\n"
	"                      N days (default 7)\n"
	"      --jobs N        audit N inputs in parallel (default: the number of\n"
	"                      cores); the output is the same for any N\n"
	"  -o, --output FILE   write the output to FILE (atomically)\n"
	"  -q, --quiet         no progress line on standard error\n"
	"  -r, --rules LIST    evaluate only these comma-separated rule ids\n"
	"      --benchmark NAME  thresholds and clause numbers of a benchmark:\n"
	"                      cis-1.2, cis-1.4, cis-1.5, cis-2.0, cis-3.0,\n"
	"                      cis-4.0, cis-5.0\n"
	"      --param RULE.NAME=VALUE  set a rule's threshold (repeatable), e.g.\n"
	"                      credentials-unused.days=90\n"
	"      --fail-on SEV   lowest severity that makes the exit status 1:\n"
	"                      info, low (default), medium, high, critical\n"
	"      --waivers FILE  accepted risks (docs/waivers.md): waived findings\n"
	"                      are reported but do not count for the exit status\n"
	"      --no-sandbox    do not confine the run (by default, once the output\n"
	"                      is open, a seccomp sandbox refuses sockets and all\n"
	"                      system calls the run does not need)\n"
	"      --redact        replace user names and user ARNs by pseudonyms\n"
	"                      (user-0001, ...); account ids are kept\n"
	"      --list-rules    print the rule table and exit\n"
	"      --list-formats  print the output formats and exit\n"
	"  -V, --version       print the version and exit\n"
	"  -h, --help          print this help and exit\n"
	"\n"
	"A file is CSV, the JSON of aws iam get-credential-report, its base64\n"
	"Content, or gzip of these, told apart by its bytes.\n"
	"explain RULE prints a rule's risk, references, remediation steps and\n"
	"verification.  history lists, per account, when the root user had an\n"
	"active access key.  A path of - is standard input; a directory is read\n"
	"recursively for *.csv, *.json, *.b64, *.txt (also .gz).  Exit status:\n"
	"0 all inputs audited, no finding (not waived, at or above --fail-on;\n"
	"history: no active root key); 1 findings; 2 usage error; 3 an input\n"
	"could not be audited; 4 internal or output error.\n";

static void
list_formats(FILE *fp)
{
	size_t i;

	for (i = 0; i < credaudit_format_count(); i++)
		fprintf(fp, "%-8s %s\n", credaudit_format_name(i),
		        credaudit_format_description(i));
}

static int
parse_as_of(const char *arg, struct credaudit_opts *opts)
{
	if (strcmp(arg, "now") == 0) {
		opts->as_of = (int64_t)time(NULL);
		opts->as_of_source = CREDAUDIT_ASOF_CLOCK;
		return 0;
	}
	if (credaudit_time_parse(arg, &opts->as_of) == -1)
		return -1;
	opts->as_of_source = CREDAUDIT_ASOF_OPTION;
	return 0;
}

/* BYTES with an optional K, M or G suffix (powers of 1024), above 0. */
int
cli_parse_size(const char *arg, uint64_t *size)
{
	unsigned long long v;
	char *end;
	int shift = 0;

	errno = 0;
	if (*arg < '0' || *arg > '9')
		return -1;
	v = strtoull(arg, &end, 10);
	if (errno != 0 || v == 0)
		return -1;
	if (*end != '\0') {
		const char *units = "KMG", *u = strchr(units, *end);

		if (u == NULL || end[1] != '\0')
			return -1;
		shift = 10 * (int)(u - units + 1);
	}
	if (v > (UINT64_MAX >> shift))
		return -1;
	*size = (uint64_t)v << shift;
	return 0;
}

/* --max-field-bytes (1001), --max-input-bytes (1002), --max-rows (1003). */
int
cli_parse_limit(int opt, const char *arg, struct credaudit_opts *opts)
{
	uint64_t v;

	if (cli_parse_size(arg, &v) == -1)
		return -1;
	if (opt == 1001) {
		if (v > SIZE_MAX / 2)
			return -1;
		opts->max_field = (size_t)v;
	} else if (opt == 1002) {
		opts->max_input = v;
	} else {
		if (v > ULONG_MAX)
			return -1;
		opts->max_rows = (unsigned long)v;
	}
	return 0;
}

int
cli_usage(const char *msg)
{
	if (msg != NULL)
		fprintf(stderr, "credaudit: %s\n", msg);
	fputs(usage_text, stderr);
	return CREDAUDIT_ERR_USAGE;
}

int
cli_help(void)
{
	fputs(usage_text, stdout);
	fputs(help_text, stdout);
	return output_close_stdout();
}

/* Print a library error of the run (not of an input) and return its code. */
static int
fail(const struct credaudit_error *e)
{
	fprintf(stderr, "credaudit: %s\n", e->text);
	return e->code ? e->code : CREDAUDIT_ERR_INTERNAL;
}

/* Audit every input in order and render it; returns the exit status. */
static int
audit_run(const struct credaudit_audit *audit, struct output *out, const char *format,
          const struct walk *w, const struct batch_opts *bo, int redact)
{
	struct credaudit_render_opts ropts = { 0 };
	struct credaudit_error e = { 0 };
	int status;

	/* no-color.org: NO_COLOR set and not empty disables colour */
	ropts.color = output_is_terminal(out) &&
	              (getenv("NO_COLOR") == NULL || getenv("NO_COLOR")[0] == '\0');
	ropts.redact = redact;
	status = batch_render(audit, w, bo, format, &ropts, output_write, out, &e);
	if (status == -1)
		return e.code == CREDAUDIT_ERR_USAGE ? cli_usage(e.text) : fail(&e);
	return status;
}

/*
 * Every file the run reads is an input that -o must not replace: the
 * reports and the file of every option that names one (--waivers).
 * 1 after saying which, or 0.
 */
static int
output_is_input(const char *outfile, const struct walk *w,
                const struct credaudit_opts *opts)
{
	const char *in, *waivers = opts->waivers;

	if (outfile == NULL || strcmp(outfile, "-") == 0)
		return 0;
	/* --waivers - is the file named "-", not standard input */
	if (waivers != NULL && strcmp(waivers, "-") == 0)
		waivers = "./-";
	if ((in = walk_find(w, outfile)) == NULL && waivers != NULL &&
	    walk_same_file(waivers, outfile))
		in = opts->waivers;
	if (in == NULL)
		return 0;
	fprintf(stderr, "credaudit: -o %s is also an input (%s): refused, "
	        "nothing written\n", outfile, in);
	return 1;
}

/* A positive integer option; 0 or -1. */
int
cli_parse_count(const char *arg, long max, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(arg, &end, 10);
	return errno || end == arg || *end != '\0' || *out < 1 || *out > max ? -1 : 0;
}

/* Every option of every subcommand (a subcommand refuses those it does
 * not take), and the short ones. */
const struct option cli_longopts[] = {
	{ "as-of", required_argument, NULL, 'A' },
	{ "gap-days", required_argument, NULL, 'G' },
	{ "jobs", required_argument, NULL, 'J' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "max-decompressed", required_argument, NULL, 'M' },
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ "rules", required_argument, NULL, 'r' },
	{ "benchmark", required_argument, NULL, 'B' },
	{ "param", required_argument, NULL, 'P' },
	{ "fail-on", required_argument, NULL, 'S' },
	{ "waivers", required_argument, NULL, 'W' },
	{ "list-rules", no_argument, NULL, 'L' },
	{ "list-formats", no_argument, NULL, 'F' },
	{ "no-sandbox", no_argument, NULL, 'N' },
	{ "max-field-bytes", required_argument, NULL, 1001 },
	{ "max-input-bytes", required_argument, NULL, 1002 },
	{ "max-rows", required_argument, NULL, 1003 },
	{ "redact", no_argument, NULL, 'R' },
	{ "version", no_argument, NULL, 'V' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

const char cli_shortopts[] = "f:o:qr:Vh";

int
main(int argc, char **argv)
{
	struct credaudit_opts opts = { 0 };
	struct credaudit_error e = { 0 };
	struct credaudit_audit *audit;
	struct batch_opts bo = { 0, 1 };
	const char *format = "text";
	struct walk w = { 0 };
	struct output out;
	const char *outfile = NULL;
	enum credaudit_severity fail_on = CREDAUDIT_SEV_LOW;
	static const char *params[64];
	int c, status, sandbox = 1, redact = 0;
	long n;

	/* jansson allocates through the library's allocator too. */
	json_set_alloc_funcs(ca_malloc, ca_free);

	if (argc > 1 && strcmp(argv[1], "explain") == 0)
		return cli_explain(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "history") == 0) {
		argv[1] = argv[0];   /* getopt names the program in its messages */
		return cmd_history(argc - 1, argv + 1);
	}
	opts.params = params;
	bo.jobs = batch_cores();
	bo.progress = isatty(STDERR_FILENO);
	while ((c = getopt_long(argc, argv, cli_shortopts, cli_longopts, NULL)) != -1) {
		switch (c) {
		case 'A':
			if (parse_as_of(optarg, &opts) == -1)
				return cli_usage("--as-of takes an ISO 8601 time "
				                 "(2024-06-01T12:00:00Z, 2024-06-01T14:00:00+02:00, "
				                 "2024-06-01; seconds 00-59, years 0001-9999) or now");
			break;
		case 'f': format = optarg; break;
		case 'G':
			if (cli_parse_count(optarg, 100000, &n) == -1)
				return cli_usage("--gap-days takes a number of days (1 or more)");
			break;
		case 'J':
			if (cli_parse_count(optarg, 256, &n) == -1)
				return cli_usage("--jobs takes a number from 1 to 256");
			bo.jobs = (unsigned)n;
			break;
		case 'q': bo.progress = 0; break;
		case 'M':
			if (cli_parse_size(optarg, &opts.max_decompressed) == -1)
				return cli_usage("--max-decompressed takes a number of bytes "
				                 "above 0, with an optional K, M or G suffix");
			break;
		case 'o': outfile = optarg; break;
		case 'r': opts.rules = optarg; break;
		case 'R': redact = 1; break;
		case 'B': opts.benchmark = optarg; break;
		case 'P':
			if (opts.nparams == sizeof(params) / sizeof(params[0]))
				return cli_usage("too many --param options");
			params[opts.nparams++] = optarg;
			break;
		case 'W': opts.waivers = optarg; break;
		case 'S':
			if (credaudit_severity_parse(optarg, &fail_on) == -1)
				return cli_usage("--fail-on takes info, low, medium, high or critical");
			opts.fail_on = optarg;
			break;
		case 'N': sandbox = 0; break;
		case 1001:
		case 1002:
		case 1003:
			if (cli_parse_limit(c, optarg, &opts) == -1)
				return cli_usage("--max-field-bytes, --max-input-bytes and --max-rows "
				                 "take a number above 0, with an optional K, M or G suffix");
			break;
		case 'L': cli_list_rules(stdout); return output_close_stdout();
		case 'F': list_formats(stdout); return output_close_stdout();
		case 'V': puts("credaudit " CREDAUDIT_VERSION); return output_close_stdout();
		case 'h': return cli_help();
		default: return cli_usage(NULL);
		}
	}
	if (optind == argc)
		return cli_usage("no input (use - for standard input)");
	for (; optind < argc; optind++)
		if (walk_add(&w, argv[optind]) == -1) {
			walk_free(&w);
			return fail(&(struct credaudit_error){ .text = "out of memory" });
		}
	if (output_is_input(outfile, &w, &opts)) {
		walk_free(&w);
		return CREDAUDIT_ERR_USAGE;
	}
	if ((audit = credaudit_audit_new(&opts, &e)) == NULL) {
		walk_free(&w);
		return e.code == CREDAUDIT_ERR_USAGE ? cli_usage(e.text) : fail(&e);
	}
	if (output_open(&out, outfile) == -1) {
		credaudit_audit_free(audit);
		walk_free(&w);
		return CREDAUDIT_ERR_INTERNAL;
	}
	/* Everything opened for writing is open: from here on the run reads
	 * (inputs are opened read-only), writes and computes, and nothing else. */
	if (sandbox && sandbox_enter(&e) == -1) {
		output_abort(&out);
		credaudit_audit_free(audit);
		walk_free(&w);
		return fail(&e);
	}
	status = audit_run(audit, &out, format, &w, &bo, redact);
	credaudit_audit_free(audit);
	walk_free(&w);
	if (status == CREDAUDIT_ERR_USAGE || status == CREDAUDIT_ERR_INTERNAL) {
		output_abort(&out);
		return status;
	}
	if (output_commit(&out) == -1)
		return CREDAUDIT_ERR_INTERNAL;
	return status;
}
