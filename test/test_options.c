/*
 * test_options.c - the CLI's options table (src/cli/options.c): what each
 * option sets, which subcommand takes it, bad arguments, and a help built
 * from the library's tables of formats and benchmarks.
 */
#include "testutil.h"

#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "options.h"

/* options_parse over the NULL-terminated words after the program's name,
 * its usage errors kept off the test's standard error. */
static int
parse(enum cli_cmd cmd, struct cli_opts *o, const char *const *words)
{
	static char *argv[160];   /* o->inputs points into it */
	int argc = 0, saved = dup(STDERR_FILENO), null = open("/dev/null", O_WRONLY);
	int rc;

	argv[argc++] = (char *)(uintptr_t)"credaudit";
	while (*words != NULL && argc < 159)
		argv[argc++] = (char *)(uintptr_t)*words++;
	argv[argc] = NULL;
	optind = 0;   /* glibc: start over */
	dup2(null, STDERR_FILENO);
	rc = options_parse(cmd, argc, argv, o);
	dup2(saved, STDERR_FILENO);
	close(null);
	close(saved);
	return rc;
}

#define PARSE(cmd, o, ...) parse(cmd, o, (const char *const[]){ __VA_ARGS__, NULL })

static void
test_options_defaults(void **state)
{
	struct cli_opts o;

	(void)state;
	assert_int_equal(PARSE(CLI_AUDIT, &o, "a.csv"), -1);
	assert_string_equal(o.format, "text");
	assert_null(o.outfile);
	assert_int_equal(o.fail_on, CREDAUDIT_SEV_LOW);
	assert_int_equal(o.gap_days, 0);   /* derived per account */
	assert_true(o.batch.jobs >= 1);
	assert_int_equal(o.sandbox, 1);
	assert_int_equal(o.redact, 0);
	assert_int_equal(o.audit.nparams, 0);
	assert_ptr_equal(o.audit.params, o.params);
	assert_int_equal(o.ninputs, 1);
	assert_string_equal(o.inputs[0], "a.csv");
}

static void
test_options_audit_sets_every_option(void **state)
{
	struct cli_opts o;

	(void)state;
	assert_int_equal(PARSE(CLI_AUDIT, &o, "--as-of", "2024-06-01", "--max-decompressed",
	                       "2K", "--max-field-bytes", "3M", "--max-input-bytes", "1G",
	                       "--max-rows", "5", "-f", "json", "--gap-days", "3", "--jobs",
	                       "2", "-o", "out", "-q", "-r", "root-mfa", "--benchmark",
	                       "cis-1.4", "--param", "a.b=1", "--param", "c.d=2",
	                       "--fail-on", "high", "--waivers", "w", "--no-sandbox",
	                       "--redact", "x.csv", "y.csv"), -1);
	assert_int_equal(o.audit.as_of_source, CREDAUDIT_ASOF_OPTION);
	assert_int_equal(o.audit.as_of, 1717200000);
	assert_int_equal(o.audit.max_decompressed, 2048);
	assert_int_equal(o.audit.max_field, 3 << 20);
	assert_int_equal(o.audit.max_input, 1 << 30);
	assert_int_equal(o.audit.max_rows, 5);
	assert_string_equal(o.format, "json");
	assert_int_equal(o.gap_days, 3);
	assert_int_equal(o.batch.jobs, 2);
	assert_string_equal(o.outfile, "out");
	assert_int_equal(o.batch.progress, 0);
	assert_string_equal(o.audit.rules, "root-mfa");
	assert_string_equal(o.audit.benchmark, "cis-1.4");
	assert_int_equal(o.audit.nparams, 2);
	assert_string_equal(o.audit.params[1], "c.d=2");
	assert_int_equal(o.fail_on, CREDAUDIT_SEV_HIGH);
	assert_string_equal(o.audit.waivers, "w");
	assert_int_equal(o.sandbox, 0);
	assert_int_equal(o.redact, 1);
	assert_int_equal(o.ninputs, 2);
	assert_string_equal(o.inputs[1], "y.csv");
}

static void
test_options_history_takes_its_own(void **state)
{
	static const char *const refused[][2] = {
		{ "--as-of", "now" }, { "-r", "root-mfa" }, { "--redact", NULL },
		{ "--benchmark", "cis-1.4" }, { "--param", "a.b=1" }, { "--waivers", "w" },
		{ "--fail-on", "high" }, { "--list-rules", NULL }, { "--list-formats", NULL },
	};
	struct cli_opts o;
	size_t i;

	(void)state;
	assert_int_equal(PARSE(CLI_HISTORY, &o, "-q", "-f", "json", "--gap-days", "3",
	                       "--jobs", "2", "-o", "out", "--max-rows", "5",
	                       "--max-decompressed", "1K", "--max-field-bytes", "1K",
	                       "--max-input-bytes", "1K", "--no-sandbox", "dir"), -1);
	assert_int_equal(o.gap_days, 3);
	assert_int_equal(o.sandbox, 0);
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		assert_int_equal(PARSE(CLI_HISTORY, &o, refused[i][0], refused[i][1] ?
		                       refused[i][1] : "x.csv", "x.csv"), 2);
		/* the audit takes it */
		if (strcmp(refused[i][0], "--list-rules") != 0 &&
		    strcmp(refused[i][0], "--list-formats") != 0)
			assert_int_equal(PARSE(CLI_AUDIT, &o, refused[i][0], refused[i][1] ?
			                       refused[i][1] : "x.csv", "x.csv"), -1);
	}
}

static void
test_options_bad_arguments(void **state)
{
	static const char *const bad[][2] = {
		{ "--as-of", "2024-13-01" }, { "--max-decompressed", "0" },
		{ "--max-field-bytes", "1X" }, { "--max-input-bytes", "-1" },
		{ "--max-rows", "K" }, { "--gap-days", "0" }, { "--gap-days", "100001" },
		{ "--jobs", "257" }, { "--jobs", "2x" }, { "--fail-on", "severe" },
		{ "--bogus", "1" }, { "-x", "1" },
	};
	struct cli_opts o;
	const char *many[2 * CLI_MAX_PARAMS + 4];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(PARSE(CLI_AUDIT, &o, bad[i][0], bad[i][1], "x.csv"), 2);
	assert_int_equal(PARSE(CLI_AUDIT, &o, "-q"), 2);   /* no input */
	for (i = 0; i < 2 * CLI_MAX_PARAMS; i += 2) {
		many[i] = "--param";
		many[i + 1] = "a.b=1";
	}
	many[i] = "x.csv";
	many[i + 1] = NULL;
	assert_int_equal(parse(CLI_AUDIT, &o, many), -1);
	many[i] = "--param";
	many[i + 1] = "a.b=1";
	many[i + 2] = "x.csv";
	many[i + 3] = NULL;
	assert_int_equal(parse(CLI_AUDIT, &o, many), 2);   /* one too many */
}

/* --help as a child writes it (options_parse closes standard output);
 * returns it, allocated. */
static char *
help_text(void)
{
	char path[] = "/tmp/test_options.XXXXXX", *text;
	int fd = mkstemp(path), status = 0;
	pid_t pid;
	FILE *fp;

	assert_true(fd != -1);
	if ((pid = fork()) == 0) {
		char code[16];

		dup2(fd, STDOUT_FILENO);
		snprintf(code, sizeof(code), "exit %d",
		         PARSE(CLI_AUDIT, &(struct cli_opts){ 0 }, "--help"));
		/* end through exec, not exit: the child shares the test's heap,
		 * which a leak checker would report at its exit */
		execl("/bin/sh", "sh", "-c", code, (char *)NULL);
		_exit(127);
	}
	assert_true(pid > 0 && waitpid(pid, &status, 0) == pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	/* allocated after the fork: the child holds nothing of ours */
	assert_non_null(text = calloc(1, 16384));
	assert_non_null(fp = fdopen(fd, "r"));
	rewind(fp);
	assert_true(fread(text, 1, 16383, fp) > 0);
	fclose(fp);
	unlink(path);
	return text;
}

/* The help names every format and benchmark of the library's tables (and
 * the default format as such), and every option the parser takes. */
static void
test_options_help_from_tables(void **state)
{
	static const char *const names[] = {
		"--as-of TIME", "--max-decompressed BYTES", "--max-field-bytes BYTES",
		"--max-input-bytes BYTES", "--max-rows ROWS", "-f, --format NAME",
		"--gap-days N", "--jobs N", "-o, --output FILE", "-q, --quiet",
		"-r, --rules LIST", "--benchmark NAME", "--param RULE.NAME=VALUE",
		"--fail-on SEV", "--waivers FILE", "--no-sandbox", "--redact",
		"--list-rules", "--list-formats", "-V, --version", "-h, --help",
	};
	char *text = help_text(), want[64];
	size_t i;

	(void)state;
	assert_non_null(strstr(text, "\nAudit AWS IAM credential reports offline.\n"));
	for (i = 0; i < credaudit_format_count(); i++) {
		const char *name = credaudit_format_name(i);

		snprintf(want, sizeof(want), " %s%s%s", name,
		         strcmp(name, "text") == 0 ? " (default)" : "",
		         i + 1 < credaudit_format_count() ? "," : " (see --list-formats)");
		assert_non_null(strstr(text, want));
	}
	for (i = 0; i < credaudit_benchmark_count(); i++) {
		snprintf(want, sizeof(want), " %s%s", credaudit_benchmark_name(i),
		         i + 1 < credaudit_benchmark_count() ? "," : "\n");
		assert_non_null(strstr(text, want));
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const char *at;

		snprintf(want, sizeof(want), "\n  %s%s", names[i][1] == '-' ? "    " : "",
		         names[i]);
		assert_non_null(at = strstr(text, want));
		assert_true(at[strlen(want)] == ' ' || at[strlen(want)] == '\n');
	}
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_options_defaults),
		cmocka_unit_test(test_options_audit_sets_every_option),
		cmocka_unit_test(test_options_history_takes_its_own),
		cmocka_unit_test(test_options_bad_arguments),
		cmocka_unit_test(test_options_help_from_tables),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
