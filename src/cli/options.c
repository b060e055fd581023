/*
 * options.c - the options table, getopt_long's list built from it, and the
 * help.  An option's code (what getopt_long returns) is its letter, or 256
 * plus its row for a long-only option: it is written nowhere else.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli_rules.h"
#include "cli.h"
#include "options.h"
#include "output.h"

static const char usage_text[] =
	"usage: credaudit [-hqV] [--list-rules] [--list-formats]\n"
	"                 [--as-of time] [--benchmark name] [--fail-on severity]\n"
	"                 [--max-decompressed bytes] [--max-field-bytes bytes]\n"
	"                 [--max-input-bytes bytes] [--max-rows rows] [--no-sandbox]\n"
	"                 [--param rule.name=value] [--waivers file] [--redact]\n"
	"                 [--csv-bom]\n"
	"                 [--exclude glob]\n"
	"                 [--manifest file] [--baseline file] [--summary]\n"
	"                 [-f format] [--jobs n] [-o file] [-r rules] path ...\n"
	"       credaudit explain rule ... | all\n"
	"       credaudit history [-q] [-f format] [--gap-days n] [--jobs n]\n"
	"                 [-o file] path ...\n";

static const char help_head[] = "Audit AWS IAM credential reports offline.\n\n";

static const char help_tail[] =
	"\n"
	"A file is CSV, the JSON of aws iam get-credential-report, its base64\n"
	"Content, or gzip of these, told apart by its bytes.\n"
	"explain RULE... (or all) prints each rule's risk, references,\n"
	"remediation steps and verification.  history lists, per account, when\n"
	"the root user had an active access key and each root rule's status\n"
	"over time.  A path of - is standard input; a directory is read\n"
	"recursively for *.csv, *.json, *.b64, *.txt (also .gz).  Exit status:\n"
	"0 all inputs audited, no finding (not waived, at or above --fail-on;\n"
	"history: no active root key); 1 findings; 2 usage error; 3 an input\n"
	"could not be audited; 4 internal or output error.\n";

static const char default_format[] = "text";

/* What history says of an option only the audit takes. */
static const char history_only[] = "history takes only -q, -f, --gap-days, --jobs, -o";

static const char limit_bad[] = "--max-field-bytes, --max-input-bytes and --max-rows "
	"take a number above 0, with an optional K, M or G suffix";

/* BYTES with an optional K, M or G suffix (powers of 1024), above 0. */
static int
parse_size(const char *arg, uint64_t *size)
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

/* A number from 1 to max; 0 or -1. */
static int
parse_count(const char *arg, long max, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(arg, &end, 10);
	return errno || end == arg || *end != '\0' || *out < 1 || *out > max ? -1 : 0;
}

/* The setters: 0, or -1 for a bad argument (the row's message says why). */
static int
set_as_of(struct cli_opts *o, const char *arg)
{
	if (strcmp(arg, "now") == 0) {
		o->audit.as_of = (int64_t)time(NULL);
		o->audit.as_of_source = CREDAUDIT_ASOF_CLOCK;
		return 0;
	}
	if (credaudit_time_parse(arg, &o->audit.as_of) == -1)
		return -1;
	o->audit.as_of_source = CREDAUDIT_ASOF_OPTION;
	return 0;
}

static int
set_max_decompressed(struct cli_opts *o, const char *arg)
{
	return parse_size(arg, &o->audit.max_decompressed);
}

static int
set_max_field(struct cli_opts *o, const char *arg)
{
	uint64_t v;

	if (parse_size(arg, &v) == -1 || v > SIZE_MAX / 2)
		return -1;
	o->audit.max_field = (size_t)v;
	return 0;
}

static int
set_max_input(struct cli_opts *o, const char *arg)
{
	return parse_size(arg, &o->audit.max_input);
}

static int
set_max_rows(struct cli_opts *o, const char *arg)
{
	uint64_t v;

	if (parse_size(arg, &v) == -1 || v > ULONG_MAX)
		return -1;
	o->audit.max_rows = (unsigned long)v;
	return 0;
}

static int
set_gap_days(struct cli_opts *o, const char *arg)
{
	return parse_count(arg, 100000, &o->gap_days);
}

static int
set_jobs(struct cli_opts *o, const char *arg)
{
	long n;

	if (parse_count(arg, 256, &n) == -1)
		return -1;
	o->batch.jobs = (unsigned)n;
	return 0;
}

static int
set_param(struct cli_opts *o, const char *arg)
{
	if (o->audit.nparams == CLI_MAX_PARAMS)
		return -1;
	o->params[o->audit.nparams++] = arg;
	return 0;
}

static int
set_exclude(struct cli_opts *o, const char *arg)
{
	if (o->nexcludes == CLI_MAX_EXCLUDES || arg[0] == '\0')
		return -1;
	o->excludes[o->nexcludes++] = arg;
	return 0;
}

static int
set_format(struct cli_opts *o, const char *arg)
{
	o->format = arg;
	o->format_given = 1;
	return 0;
}

static int
set_fail_on(struct cli_opts *o, const char *arg)
{
	o->audit.fail_on = arg;   /* the audit judges with it (checked here) */
	return credaudit_severity_parse(arg, &o->fail_on);
}

/* The options that end the run: they print, and return the exit status. */
static int
list_rules(const struct cli_opts *o)
{
	if (strcmp(o->format, "text") != 0 && strcmp(o->format, "json") != 0)
		return options_usage("--list-rules writes text or json");
	if (cli_list_rules(stdout, o->format) == -1) {
		cli_error("out of memory");
		return CREDAUDIT_ERR_INTERNAL;
	}
	return output_close_stdout();
}

static int
list_formats(void)
{
	size_t i;

	for (i = 0; i < credaudit_format_count(); i++)
		printf("%-8s %s\n", credaudit_format_name(i), credaudit_format_description(i));
	return output_close_stdout();
}

static int
version(void)
{
	puts("credaudit " CREDAUDIT_VERSION);
	return output_close_stdout();
}

static int help(void);

#define ALL (CLI_AUDIT | CLI_HISTORY)
#define AT(field) offsetof(struct cli_opts, field)

/*
 * Every option, in the order of the help.  An option does one of: set
 * calls a setter; end prints and ends the run (--help...); else one with
 * an argument stores it at off (a const char *), one without stores value
 * at off (an int).  help: its lines, split at \n (a leading \n starts them
 * below the option); %F stands for the formats and %B for the benchmarks
 * of the library's tables, wrapped to fit.
 */
static const struct opt {
	const char *name;     /* --name */
	char letter;          /* -l, or 0 */
	const char *arg;      /* the argument's name in the help; NULL: none */
	unsigned cmds;        /* the subcommands that take it (enum cli_cmd) */
	int (*set)(struct cli_opts *, const char *);   /* 0, or -1: bad */
	int (*end)(void);
	size_t off;
	int value;
	const char *bad;      /* the usage error for a bad argument */
	const char *help;
} opts[] = {
	{ "as-of", 0, "TIME", CLI_AUDIT, .set = set_as_of,
	  .bad = "--as-of takes an ISO 8601 time (2024-06-01T12:00:00Z, "
	  "2024-06-01T14:00:00+02:00, 2024-06-01; seconds 00-59, years 0001-9999) or now",
	  .help = "judge age as of TIME (ISO 8601: YYYY-MM-DD, or\n"
	  "...Thh:mm:ss with Z or an offset, converted to UTC;\n"
	  "now for the clock); default: the report's\n"
	  "GeneratedTime, else its latest timestamp" },
	{ "max-decompressed", 0, "BYTES", ALL, .set = set_max_decompressed,
	  .bad = "--max-decompressed takes a number of bytes above 0, with an "
	  "optional K, M or G suffix",
	  .help = "\nrefuse gzip data that decompresses to more, and\n"
	  "JSON larger (suffix K, M, G; default 1G)" },
	{ "max-field-bytes", 0, "BYTES", ALL, .set = set_max_field, .bad = limit_bad,
	  .help = "\nrefuse a CSV field longer (default 64K)" },
	{ "max-input-bytes", 0, "BYTES", ALL, .set = set_max_input, .bad = limit_bad,
	  .help = "\nrefuse an input larger, as read (default 256M)" },
	{ "max-rows", 0, "ROWS", ALL, .set = set_max_rows, .bad = limit_bad,
	  .help = "refuse a report with more rows (default 10000, twice\n"
	  "the 5000 users IAM allows an account)" },
	{ "format", 'f', "NAME", ALL, .set = set_format,
	  .help = "output format: %F (see --list-formats);\n"
	  "without -f, the extension of -o chooses it (.json,\n"
	  ".sarif, .html, .csv, .xml for junit, .ocsf)" },
	/* the audit takes --gap-days too, and ignores it, as it always did */
	{ "gap-days", 0, "N", ALL, .set = set_gap_days,
	  .bad = "--gap-days takes a number of days (1 or more)",
	  .help = "history: report gaps between reports longer than\n"
	  "N days (default: 1.5 times each account's median\n"
	  "interval between reports, at least 1 day)" },
	{ "jobs", 0, "N", ALL, .set = set_jobs,
	  .bad = "--jobs takes a number from 1 to 256",
	  .help = "audit N inputs in parallel (default: the number of\n"
	  "cores); the output is the same for any N" },
	{ "exclude", 0, "GLOB", ALL, .set = set_exclude,
	  .bad = "--exclude takes a non-empty glob (at most 64 --exclude options)",
	  .help = "in a walked directory, skip entries whose path\n"
	  "below it or name matches GLOB (repeatable; '*'\n"
	  "does not cross '/'); they are named as skipped" },
	{ "output", 'o', "FILE", ALL, .off = AT(outfile),
	  .help = "write the output to FILE (atomically)" },
	{ "quiet", 'q', NULL, ALL, .off = AT(batch.progress), .value = 0,
	  .help = "no progress line on standard error" },
	{ "rules", 'r', "LIST", CLI_AUDIT, .off = AT(audit.rules),
	  .help = "evaluate only these comma-separated rule ids" },
	{ "benchmark", 0, "NAME", CLI_AUDIT, .off = AT(audit.benchmark),
	  .help = "thresholds and clause numbers of a benchmark:\n%B" },
	{ "param", 0, "RULE.NAME=VALUE", CLI_AUDIT, .set = set_param,
	  .bad = "too many --param options",
	  .help = "set a rule's threshold (repeatable), e.g.\n"
	  "credentials-unused.days=90" },
	{ "fail-on", 0, "SEV", CLI_AUDIT, .set = set_fail_on,
	  .bad = "--fail-on takes info, low, medium, high or critical",
	  .help = "lowest severity that makes the exit status 1:\n"
	  "info, low (default), medium, high, critical" },
	{ "waivers", 0, "FILE", CLI_AUDIT, .off = AT(audit.waivers),
	  .help = "accepted risks (docs/waivers.md): waived findings\n"
	  "are reported but do not count for the exit status" },
	{ "manifest", 0, "FILE", CLI_AUDIT, .off = AT(audit.manifest),
	  .help = "\nevidence register, CSV path,as_of[,sha256]: each\n"
	  "listed input is judged as of its own time and must\n"
	  "have that SHA-256 (docs/archive.md)" },
	{ "baseline", 0, "FILE", CLI_AUDIT, .off = AT(audit.baseline),
	  .help = "\nan earlier -f json output: findings are new or\n"
	  "unchanged, those gone are listed as resolved; only\n"
	  "new findings count for the exit status" },
	{ "summary", 0, NULL, CLI_AUDIT, .off = AT(summary), .value = 1,
	  .help = "text: print only the run's summary, no per-input\n"
	  "blocks" },
	{ "no-sandbox", 0, NULL, ALL, .off = AT(sandbox), .value = 0,
	  .help = "do not confine the run (by default, once the output\n"
	  "is open, a seccomp sandbox refuses sockets and all\n"
	  "system calls the run does not need)" },
	{ "redact", 0, NULL, CLI_AUDIT, .off = AT(redact), .value = 1,
	  .help = "replace user names and user ARNs by pseudonyms\n"
	  "(user-0001, ...); account ids are kept" },
	{ "csv-bom", 0, NULL, CLI_AUDIT, .off = AT(csv_bom), .value = 1,
	  .help = "begin the csv format with a UTF-8 byte order mark\n"
	  "(for Excel)" },
	{ "list-rules", 0, NULL, CLI_AUDIT, .off = AT(list_rules), .value = 1,
	  .help = "print the rule table and exit (-f json: as JSON,\n"
	  "docs/rules.md)" },
	{ "list-formats", 0, NULL, CLI_AUDIT, .end = list_formats,
	  .help = "print the output formats and exit" },
	{ "version", 'V', NULL, ALL, .end = version,
	  .help = "print the version and exit" },
	{ "help", 'h', NULL, ALL, .end = help,
	  .help = "print this help and exit" },
};

#define NOPTS (sizeof(opts) / sizeof(opts[0]))

/* What getopt_long returns for row i. */
static int
code(size_t i)
{
	return opts[i].letter ? opts[i].letter : 256 + (int)i;
}

/* getopt_long's list and short option string, from the table. */
static void
build(struct option *longopts, char *shortopts)
{
	size_t i;

	for (i = 0; i < NOPTS; i++) {
		longopts[i].name = opts[i].name;
		longopts[i].has_arg = opts[i].arg ? required_argument : no_argument;
		longopts[i].flag = NULL;
		longopts[i].val = code(i);
		if (opts[i].letter) {
			*shortopts++ = opts[i].letter;
			if (opts[i].arg)
				*shortopts++ = ':';
		}
	}
	memset(&longopts[NOPTS], 0, sizeof(longopts[NOPTS]));
	*shortopts = '\0';
}

static void
defaults(struct cli_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->audit.params = o->params;
	o->format = default_format;
	o->fail_on = CREDAUDIT_SEV_LOW;
	o->batch.jobs = batch_cores();
	o->batch.progress = isatty(STDERR_FILENO);
	o->gap_days = 0;   /* derived per account */
	o->sandbox = 1;
}

/* Output file extensions (case-sensitive), the format each names, and the
 * other formats it fits when -f names them: sarif, ocsf and asff are JSON
 * documents, commonly saved as .json (asff has no extension of its own). */
static const struct {
	const char *ext, *format, *also[3];
} extensions[] = {
	{ ".json", "json", { "sarif", "ocsf", "asff" } }, { ".sarif", "sarif", { NULL } },
	{ ".html", "html", { NULL } }, { ".htm", "html", { NULL } },
	{ ".csv", "csv", { NULL } }, { ".xml", "junit", { NULL } },
	{ ".ocsf", "ocsf", { NULL } }, { ".txt", "text", { NULL } },
};

/*
 * Without -f, the format -o's extension names (an unknown one: text, as
 * always); with -f, an extension that names another format and does not
 * fit this one is a usage error.  history has only text, json and html:
 * other extensions leave its default.  0, or -1 after printing the usage
 * error.
 */
static int
format_of_output(struct cli_opts *o, enum cli_cmd cmd)
{
	const char *dot = o->outfile ? strrchr(o->outfile, '.') : NULL;
	char msg[300];
	size_t i, k;

	if (dot == NULL || strchr(dot, '/') != NULL)
		return 0;
	for (i = 0; i < sizeof(extensions) / sizeof(extensions[0]); i++)
		if (strcmp(dot, extensions[i].ext) == 0)
			break;
	if (i == sizeof(extensions) / sizeof(extensions[0]))
		return 0;
	if (!o->format_given) {
		if (cmd == CLI_AUDIT || strcmp(extensions[i].format, "json") == 0 ||
		    strcmp(extensions[i].format, "html") == 0)
			o->format = extensions[i].format;
		return 0;
	}
	if (strcmp(o->format, extensions[i].format) == 0)
		return 0;
	for (k = 0; k < 3 && extensions[i].also[k] != NULL; k++)
		if (strcmp(o->format, extensions[i].also[k]) == 0)
			return 0;
	snprintf(msg, sizeof(msg), "-f %.40s contradicts -o %.200s, whose extension %s "
	         "names %s", o->format, o->outfile, dot, extensions[i].format);
	options_usage(msg);
	return -1;
}

int
options_parse(enum cli_cmd cmd, int argc, char **argv, struct cli_opts *o)
{
	struct option longopts[NOPTS + 1];
	char shortopts[2 * NOPTS + 1];
	const struct opt *op;
	int c;

	defaults(o);
	build(longopts, shortopts);
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		for (op = opts; op < opts + NOPTS && code((size_t)(op - opts)) != c; op++)
			continue;
		if (op == opts + NOPTS)
			return options_usage(NULL);
		if (!(op->cmds & (unsigned)cmd))
			return options_usage(cmd == CLI_HISTORY ? history_only : NULL);
		if (op->end != NULL)
			return op->end();
		if (op->set != NULL && op->set(o, optarg) == -1)
			return options_usage(op->bad);
		if (op->set == NULL && op->arg != NULL)
			*(const char **)(void *)((char *)o + op->off) = optarg;
		else if (op->set == NULL)
			*(int *)(void *)((char *)o + op->off) = op->value;
	}
	if (o->list_rules)   /* after every option: -f may follow it */
		return list_rules(o);
	if (optind == argc)
		return options_usage("no input (use - for standard input)");
	if (format_of_output(o, cmd) == -1)
		return CREDAUDIT_ERR_USAGE;
	if (o->summary && strcmp(o->format, "text") != 0)
		return options_usage("--summary is for the text format (the other "
		                     "formats carry the summary with every input)");
	o->inputs = argv + optind;
	o->ninputs = argc - optind;
	return -1;
}

int
options_usage(const char *msg)
{
	if (msg != NULL)
		cli_error(msg);
	fputs(usage_text, stderr);
	return CREDAUDIT_ERR_USAGE;
}

/* The help's layout: descriptions start in column HELP_COL, lines end
 * by column HELP_WIDTH. */
#define HELP_COL 22
#define HELP_WIDTH 74

/* Write word (n bytes) at *col, on a new line if it does not fit. */
static void
help_word(const char *word, size_t n, size_t *col, int *first)
{
	if (!*first && *col + 1 + n > HELP_WIDTH) {
		printf("\n%*s", HELP_COL, "");
		*col = HELP_COL;
		*first = 1;
	}
	printf("%s%.*s", *first ? "" : " ", (int)n, word);
	*col += n + !*first;
	*first = 0;
}

/* The names of a library table, "a, b, c", each word placed by help_word;
 * the default format says so. */
static void
help_list(int formats, size_t *col, int *first)
{
	size_t i, n = formats ? credaudit_format_count() : credaudit_benchmark_count();
	char word[64];

	for (i = 0; i < n; i++) {
		const char *name = formats ? credaudit_format_name(i) : credaudit_benchmark_name(i);

		snprintf(word, sizeof(word), "%s%s", name, i + 1 < n ? "," : "");
		if (formats && strcmp(name, default_format) == 0)
			snprintf(word, sizeof(word), "%s (default)%s", name, i + 1 < n ? "," : "");
		help_word(word, strlen(word), col, first);
	}
}

/* One option of the help: its names, then its description. */
static void
help_option(const struct opt *op)
{
	const char *s = op->help;
	size_t col, n;
	int first = 1;

	col = (size_t)printf("  %c%c%s --%s%s%s", op->letter ? '-' : ' ',
	                     op->letter ? op->letter : ' ', op->letter ? "," : " ",
	                     op->name, op->arg ? " " : "", op->arg ? op->arg : "");
	if (*s == '\n') {
		putchar('\n');
		col = 0;
		s++;
	}
	col += (size_t)printf("%*s", col < HELP_COL ? (int)(HELP_COL - col) : 2, "");
	for (; *s != '\0'; s += n) {
		n = 1;
		if (*s == '\n') {
			printf("\n%*s", HELP_COL, "");
			col = HELP_COL;
			first = 1;
		} else if (*s == ' ') {
			continue;
		} else if (*s == '%') {
			help_list(s[1] == 'F', &col, &first);
			n = 2;
		} else {
			n = strcspn(s, " \n%");
			help_word(s, n, &col, &first);
		}
	}
	putchar('\n');
}

static int
help(void)
{
	size_t i;

	fputs(usage_text, stdout);
	fputs(help_head, stdout);
	for (i = 0; i < NOPTS; i++)
		help_option(&opts[i]);
	fputs(help_tail, stdout);
	return output_close_stdout();
}
