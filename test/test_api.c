/*
 * test_api.c - edges of the public API (include/credaudit.h) a CLI run does
 * not reach: --param strings refused with a message naming what is wrong,
 * parameter look-ups, the caller's own errors (fd < 0), limits on
 * in-memory inputs, read errors, root key slots out of range; the JSON
 * wrapper's GeneratedTime forms and shapes, each refusal named.
 */
#include "testutil.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

/* credaudit_audit_new with one --param string: NULL and a usage error whose
 * text holds want. */
static void
assert_param_refused(const char *param, const char *want)
{
	const char *params[1] = { param };
	struct credaudit_opts o = { 0 };
	struct credaudit_error err = { 0 };
	struct credaudit_audit *a;

	o.params = params;
	o.nparams = 1;
	a = credaudit_audit_new(&o, &err);
	if (a != NULL) {
		credaudit_audit_free(a);
		fail_msg("--param '%s' was accepted", param);
	}
	assert_int_equal(err.code, CREDAUDIT_ERR_USAGE);
	if (strstr(err.text, want) == NULL)
		fail_msg("--param '%s': \"%s\" lacks \"%s\"", param, err.text, want);
}

static void
test_api_param_strings_refused(void **state)
{
	(void)state;
	assert_param_refused("credentials-unused", "takes RULE.NAME=VALUE");
	assert_param_refused("credentials-unused.days", "takes RULE.NAME=VALUE");
	assert_param_refused("days=90", "takes RULE.NAME=VALUE");
	assert_param_refused(".days=90", "takes RULE.NAME=VALUE");
	assert_param_refused("credentials-unused.=90", "takes RULE.NAME=VALUE");
	assert_param_refused("credentials-unused.days=", "takes RULE.NAME=VALUE");
	assert_param_refused("a=b.c", "takes RULE.NAME=VALUE");
	assert_param_refused("credentials-unused.days=9x", "'9x' is not a whole number");
	assert_param_refused("credentials-unused.days=-5", "'-5' is not a whole number");
	assert_param_refused("credentials-unused.days= 5", "' 5' is not a whole number");
	assert_param_refused("credentials-unused.days=99999999999999999999",
	                     "is not a whole number");
	assert_param_refused("no-such-rule.days=5", "unknown rule 'no-such-rule'");
	assert_param_refused("credentials-unused.hours=5",
	                     "rule credentials-unused has no parameter 'hours'");
	assert_param_refused("root-access-key.days=5", "(it takes none)");
	assert_param_refused("credentials-unused.days=0", "out of range");
}

static void
test_api_rule_lists_refused(void **state)
{
	static const char *const bad[][2] = {
		{ "root-access-key,", "empty rule id" },
		{ "root-access-key,nope", "unknown rule 'nope'" },
		{ ",root-access-key", "unknown rule ''" },
	};
	struct credaudit_opts o = { 0 };
	struct credaudit_error err;
	struct credaudit_audit *a;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&err, 0, sizeof(err));
		o.rules = bad[i][0];
		a = credaudit_audit_new(&o, &err);
		if (a != NULL) {
			credaudit_audit_free(a);
			fail_msg("--rules '%s' was accepted", bad[i][0]);
		}
		assert_int_equal(err.code, CREDAUDIT_ERR_USAGE);
		if (strstr(err.text, bad[i][1]) == NULL)
			fail_msg("--rules '%s': \"%s\" lacks \"%s\"", bad[i][0], err.text, bad[i][1]);
	}
	/* the same rule twice is that rule once */
	memset(&err, 0, sizeof(err));
	o.rules = "root-mfa,root-mfa";
	assert_non_null(a = credaudit_audit_new(&o, &err));
	assert_int_equal(credaudit_audit_rule_count(a), 1);
	assert_string_equal(credaudit_audit_rule(a, 0)->id, "root-mfa");
	assert_null(credaudit_audit_rule(a, 1));
	credaudit_audit_free(a);
}

static void
test_api_param_lookup(void **state)
{
	const char *params[2] = { "credentials-unused.days=30", "credentials-unused.days=31" };
	struct credaudit_opts o = { 0 };
	struct credaudit_error err = { 0 };
	struct credaudit_audit *a;

	(void)state;
	o.params = params;
	o.nparams = 2;
	o.benchmark = "cis-1.4";
	assert_non_null(a = credaudit_audit_new(&o, &err));
	assert_string_equal(credaudit_audit_benchmark(a), "cis-1.4");
	/* --param after the benchmark's, the last one wins */
	assert_int_equal(credaudit_audit_param(a, "credentials-unused", "days"), 31);
	assert_int_equal(credaudit_audit_param(a, "credentials-unused", "hours"), -1);
	assert_int_equal(credaudit_audit_param(a, "no-such-rule", "days"), -1);
	assert_int_equal(credaudit_audit_param(a, "root-access-key", "days"), -1);
	credaudit_audit_free(a);
	assert_null(credaudit_audit_benchmark(NULL));
	o.benchmark = "";
	o.nparams = 0;
	assert_non_null(a = credaudit_audit_new(&o, &err));
	assert_null(credaudit_audit_benchmark(a));
	credaudit_audit_free(a);
}

static void
test_api_negative_fd_is_callers_error(void **state)
{
	struct credaudit_error err = { 0 };
	struct credaudit_audit *a;

	(void)state;
	assert_non_null(a = credaudit_audit_new(NULL, &err));
	assert_null(credaudit_audit_fd(a, "in.csv", -1, &err));
	assert_int_equal(err.code, CREDAUDIT_ERR_USAGE);
	assert_string_equal(err.file, "in.csv");
	credaudit_audit_free(a);
}

/* A buffer over max_input is an input error before any byte is decoded;
 * one of exactly max_input bytes is read. */
static void
test_api_buffer_over_max_input(void **state)
{
	static const char csv[] = HDR22 ROOT_PASS;
	struct credaudit_opts o = { 0 };
	struct credaudit_error err = { 0 };
	struct credaudit_audit *a;
	struct credaudit_report *rep;
	const struct credaudit_input *in;

	(void)state;
	o.max_input = strlen(csv) - 1;
	assert_non_null(a = credaudit_audit_new(&o, &err));
	assert_non_null(rep = credaudit_audit_buffer(a, "big.csv", csv, strlen(csv), &err));
	assert_int_equal(must_error(rep)->code, CREDAUDIT_ERR_INPUT);
	if (strstr(credaudit_report_error(rep)->text, "--max-input-bytes") == NULL)
		fail_msg("\"%s\" does not name --max-input-bytes", credaudit_report_error(rep)->text);
	if ((in = credaudit_report_input(rep)) != NULL)
		assert_int_equal(in->complete, 0);
	credaudit_report_free(rep);
	credaudit_audit_free(a);
	o.max_input = strlen(csv);
	assert_non_null(a = credaudit_audit_new(&o, &err));
	assert_non_null(rep = credaudit_audit_buffer(a, "fits.csv", csv, strlen(csv), &err));
	assert_null(credaudit_report_error(rep));
	credaudit_report_free(rep);
	credaudit_audit_free(a);
}

/* read(2) failing (a directory's descriptor: EISDIR) is an input error
 * naming the read error, never a pass. */
static void
test_api_read_error_is_input_error(void **state)
{
	struct credaudit_error err = { 0 };
	struct credaudit_audit *a;
	struct credaudit_report *rep;
	int fd;

	(void)state;
	assert_true((fd = open(".", O_RDONLY)) != -1);
	assert_non_null(a = credaudit_audit_new(NULL, &err));
	assert_non_null(rep = credaudit_audit_fd(a, "dir", fd, &err));
	close(fd);
	assert_int_equal(must_error(rep)->code, CREDAUDIT_ERR_INPUT);
	assert_string_equal(credaudit_report_error(rep)->file, "dir");
	if (strstr(credaudit_report_error(rep)->text, "read error") == NULL)
		fail_msg("\"%s\" does not say read error", credaudit_report_error(rep)->text);
	assert_int_equal(credaudit_report_result_count(rep) == 0 ||
	                 credaudit_report_result(rep, 0)->status != CREDAUDIT_PASS, 1);
	credaudit_report_free(rep);
	credaudit_audit_free(a);
}

static void
test_api_root_key_slots(void **state)
{
	static const char csv[] = HDR22 ROOT_KEY1;
	static const char bad[] = HDR22 USER_ROW("bob");
	struct credaudit_report *rep = audit_all(csv), *err_rep = audit_all(bad);
	struct credaudit_root_key k;

	(void)state;
	assert_int_equal(credaudit_report_root_key(rep, 1, &k), 0);
	assert_int_equal(k.active, 1);
	assert_int_equal(k.present, 1);
	assert_int_equal(credaudit_report_root_key(rep, 2, &k), 0);
	assert_int_equal(k.active, 0);
	assert_int_equal(k.present, 0);
	assert_int_equal(credaudit_report_root_key(rep, 0, &k), -1);
	assert_int_equal(credaudit_report_root_key(rep, 3, &k), -1);
	assert_int_equal(credaudit_report_root_key(err_rep, 1, &k), -1);
	credaudit_report_free(rep);
	credaudit_report_free(err_rep);
}

/* A JSON wrapper around a CSV whose Content is the text itself. */
#define WRAP(extra) \
	"{\"Content\": \"" HDR22_F "\\n" ROOT_PASS_F "\\n\"" extra "}"

/* Audit a JSON wrapper; assert an input error whose text holds want, or
 * (want NULL) an audited report of as-of source GENERATED at time gen. */
static void
assert_wrapper(const char *json, const char *want, const char *gen)
{
	struct credaudit_report *rep = audit_all(json);
	const struct credaudit_error *e = credaudit_report_error(rep);
	int64_t t, g;

	if (want == NULL) {
		if (e != NULL)
			fail_msg("%s: error \"%s\"", json, e->text);
		assert_int_equal(credaudit_report_as_of(rep, &t), CREDAUDIT_ASOF_GENERATED);
		assert_int_equal(credaudit_time_parse(gen, &g), 0);
		assert_int_equal(t, g);
		assert_int_equal(credaudit_report_input(rep)->has_generated_time, 1);
	} else {
		if (e == NULL)
			fail_msg("%s: audited, want an error \"%s\"", json, want);
		assert_int_equal(e->code, CREDAUDIT_ERR_INPUT);
		if (strstr(e->text, want) == NULL)
			fail_msg("%s: \"%s\" lacks \"%s\"", json, e->text, want);
	}
	credaudit_report_free(rep);
}

static void
test_api_json_wrapper_generated_time(void **state)
{
	(void)state;
	/* forms accepted: ISO 8601, Python's str(datetime), fractions dropped,
	 * placebo's datetime object */
	assert_wrapper(WRAP(", \"GeneratedTime\": \"2024-06-01T12:00:00Z\""), NULL,
	               "2024-06-01T12:00:00Z");
	assert_wrapper(WRAP(", \"GeneratedTime\": \"2024-06-01 12:00:00+00:00\""), NULL,
	               "2024-06-01T12:00:00Z");
	assert_wrapper(WRAP(", \"GeneratedTime\": \"2024-06-01T12:00:00.123456789Z\""),
	               NULL, "2024-06-01T12:00:00Z");
	assert_wrapper(WRAP(", \"GeneratedTime\": {\"__class__\": \"datetime\", "
	                    "\"year\": 2024, \"month\": 6, \"day\": 1, \"hour\": 12, "
	                    "\"minute\": 0, \"second\": 5}"), NULL, "2024-06-01T12:00:05Z");
	assert_wrapper(WRAP(", \"ReportFormat\": \"text/csv\", \"GeneratedTime\": "
	                    "\"2024-06-01\""), NULL, "2024-06-01T00:00:00Z");
	/* refused: the report's moment cannot be trusted */
	assert_wrapper(WRAP(", \"GeneratedTime\": \"2024-06-01T12:00:00.Z\""),
	               "GeneratedTime \"2024-06-01T12:00:00.Z\" is not an ISO 8601", NULL);
	assert_wrapper(WRAP(", \"GeneratedTime\": \"2024-06-01T12:00:00.1234567890Z\""),
	               "is not an ISO 8601 time", NULL);
	/* a NUL inside a string is refused by the JSON reader itself */
	assert_wrapper(WRAP(", \"GeneratedTime\": \"2024-06-01T12:00:00\\u0000Z\""),
	               "not valid JSON", NULL);
	assert_wrapper(WRAP(", \"GeneratedTime\": 1717243200"),
	               "GeneratedTime (a number) is not an ISO 8601", NULL);
	assert_wrapper(WRAP(", \"GeneratedTime\": true"),
	               "GeneratedTime (a boolean) is not", NULL);
	assert_wrapper(WRAP(", \"GeneratedTime\": null"), "GeneratedTime (null) is not", NULL);
	assert_wrapper(WRAP(", \"GeneratedTime\": [2024]"),
	               "GeneratedTime (an array) is not", NULL);
	assert_wrapper(WRAP(", \"GeneratedTime\": {\"year\": 2024}"),
	               "GeneratedTime (an object) is not", NULL);
	assert_wrapper(WRAP(", \"GeneratedTime\": {\"__class__\": 1}"),
	               "GeneratedTime (an object) is not", NULL);
	assert_wrapper(WRAP(", \"GeneratedTime\": {\"__class__\": \"date\"}"),
	               "GeneratedTime (an object) is not", NULL);
	assert_wrapper(WRAP(", \"GeneratedTime\": {\"__class__\": \"datetime\", "
	                    "\"year\": 2024, \"month\": 6, \"day\": 1, \"hour\": 12, "
	                    "\"minute\": 0, \"second\": -1}"), "GeneratedTime (an object)", NULL);
	assert_wrapper(WRAP(", \"GeneratedTime\": {\"__class__\": \"datetime\", "
	                    "\"year\": 20240, \"month\": 6, \"day\": 1, \"hour\": 12, "
	                    "\"minute\": 0, \"second\": 0}"), "GeneratedTime (an object)", NULL);
	assert_wrapper(WRAP(", \"GeneratedTime\": {\"__class__\": \"datetime\", "
	                    "\"year\": 2024, \"month\": 6, \"day\": 1, \"hour\": 12, "
	                    "\"minute\": 0, \"second\": \"0\"}"), "GeneratedTime (an object)", NULL);
	assert_wrapper(WRAP(", \"ReportFormat\": 5"), "ReportFormat is not \"text/csv\"", NULL);
	assert_wrapper(WRAP(", \"ReportFormat\": \"text/plain\""),
	               "ReportFormat is not \"text/csv\"", NULL);
}

static void
test_api_json_wrapper_shapes(void **state)
{
	(void)state;
	assert_wrapper("[1]", "the JSON document is an array, not an object", NULL);
	assert_wrapper("{\"Content\": true}", "Content is a boolean, not a string", NULL);
	assert_wrapper("{\"Content\": {}}", "Content is an object, not a string", NULL);
	assert_wrapper("{\"Content\": null}", "Content is null, not a string", NULL);
	assert_wrapper("{\"data\": {\"Content\": 5}}",
	               "data.Content is a number, not a string", NULL);
	assert_wrapper("{\"data\": 5, \"x\": 1}", "has no \"Content\" key", NULL);
	assert_wrapper("{\"data\": {\"Content\": \"\", \"ReportFormat\": \"text/csv\"}}",
	               "data.Content is empty", NULL);
	assert_wrapper("{\"data\": {\"Content\": \"x\", \"GeneratedTime\": 1}}",
	               "data.GeneratedTime (a number)", NULL);
}

/* The finding of rule on row (after the standard root row) whose message
 * holds want: exactly one finding. */
static void
assert_one_finding(const char *rule, const char *row, const char *want)
{
	char csv[2048];
	struct credaudit_report *rep;
	const struct credaudit_finding *f;

	snprintf(csv, sizeof(csv), HDR22 ROOT_PASS "%s\n", row);
	rep = audit_mem_rules(rule, "t.csv", csv, strlen(csv));
	if (credaudit_report_error(rep) != NULL)
		fail_msg("%s: %s", rule, credaudit_report_error(rep)->text);
	assert_int_equal(credaudit_report_finding_count(rep), 1);
	f = credaudit_report_finding(rep, 0);
	assert_string_equal(f->rule, rule);
	assert_int_equal(f->line, 3);
	if (strstr(f->message, want) == NULL)
		fail_msg("%s: \"%s\" lacks \"%s\"", rule, f->message, want);
	assert_int_equal(credaudit_report_result(rep, 0)->status, CREDAUDIT_FAIL);
	credaudit_report_free(rep);
}

/* What a report cannot establish fails the rule, saying why. */
static void
test_api_rules_fail_when_unknown(void **state)
{
	(void)state;
	/* a console password with mfa_active neither true nor false */
	assert_one_finding("user-console-without-mfa",
	        "bob,arn:aws:iam::" ACCT ":user/bob,2020-01-15T12:00:00+00:00,true,"
	        "2024-05-20T07:00:00+00:00,2024-01-10T12:00:00+00:00,N/A,not_supported,"
	        "false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A",
	        "MFA cannot be established (mfa_active=not_supported)");
	/* an active key never used and without a creation date */
	assert_one_finding("credentials-unused",
	        "carol,arn:aws:iam::" ACCT ":user/carol,2020-01-15T12:00:00+00:00,false,"
	        "N/A,N/A,N/A,false,true,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,"
	        "false,N/A",
	        "has no recorded use (N/A) and no creation date: its disuse cannot be "
	        "bounded");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_api_param_strings_refused),
		cmocka_unit_test(test_api_rule_lists_refused),
		cmocka_unit_test(test_api_param_lookup),
		cmocka_unit_test(test_api_negative_fd_is_callers_error),
		cmocka_unit_test(test_api_buffer_over_max_input),
		cmocka_unit_test(test_api_read_error_is_input_error),
		cmocka_unit_test(test_api_root_key_slots),
		cmocka_unit_test(test_api_json_wrapper_generated_time),
		cmocka_unit_test(test_api_json_wrapper_shapes),
		cmocka_unit_test(test_api_rules_fail_when_unknown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
