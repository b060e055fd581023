/*
 * test_formats.c - the sarif, junit, csv, ocsf and html renderers through
 * the library: same reports, same bytes; a failing write at any call makes
 * the run fail with CREDAUDIT_ERR_INTERNAL; --redact through render opts.
 */
#include "testutil.h"

#include <stdio.h>
#include <unistd.h>

static const char *const formats[] = { "sarif", "junit", "csv", "ocsf", "html" };

#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

/* alice's key is older than 90 days at the report's latest timestamp. */
static const char fail_csv[] = HDR22 ROOT_KEY1 USER_ROW("alice");
static const char err_csv[] = HDR22 USER_ROW("bob");

struct run {
	struct memsink out;
	struct credaudit_error err;
	int rc;              /* 0, or -1 when a step failed */
};

/* Render both reports in format, writes failing from call fail_at on
 * (0: never), with redaction when redact is set. */
static void
run_format(const char *format, size_t fail_at, int redact,
           struct credaudit_report *const reps[2], struct run *run)
{
	struct credaudit_render_opts ro = { .redact = redact };
	struct credaudit_render *r;
	size_t i;

	memset(run, 0, sizeof(*run));
	run->out.fail_at = fail_at;
	r = credaudit_render_new(format, NULL, &ro, memsink_write, &run->out, &run->err);
	if (r == NULL) {
		run->rc = -1;
		return;
	}
	for (i = 0; i < 2 && run->rc == 0; i++)
		run->rc = credaudit_render_report(r, reps[i], &run->err);
	if (run->rc == 0)
		run->rc = credaudit_render_finish(r, &run->err);
	credaudit_render_free(r);
	run->out.fail_at = 0;
	if (run->out.data == NULL)
		assert_int_equal(memsink_write(&run->out, "", 0), 0);
}

/* The tests' state: two reports, one audited with findings, one refused. */
static int
reports_new(void **state)
{
	static struct credaudit_report *reps[2];

	reps[0] = audit_mem_rules(NULL, "fail.csv", fail_csv, strlen(fail_csv));
	reps[1] = audit_mem_rules(NULL, "err.csv", err_csv, strlen(err_csv));
	assert_null(credaudit_report_error(reps[0]));
	assert_non_null(credaudit_report_error(reps[1]));
	*state = reps;
	return 0;
}

static int
reports_free(void **state)
{
	struct credaudit_report **reps = *state;

	free_reports(reps, 2);
	return 0;
}

/* Fail with format's name and why unless out holds needle (held set) or
 * lacks it (held 0). */
static void
expect(const char *format, const char *out, const char *needle, int held,
       const char *why)
{
	if ((strstr(out, needle) != NULL) != held)
		fail_msg("%s%s", format, why);
}

#define WITH_REPORTS(test) cmocka_unit_test_setup_teardown(test, reports_new, reports_free)

static void
test_formats_deterministic(void **state)
{
	struct credaudit_report **reps = *state;
	struct run a, b;
	size_t i;

	for (i = 0; i < NFORMATS; i++) {
		run_format(formats[i], 0, 0, reps, &a);
		run_format(formats[i], 0, 0, reps, &b);
		assert_int_equal(a.rc, 0);
		assert_int_equal(b.rc, 0);
		assert_true(a.out.len > 0);
		assert_int_equal(a.out.len, b.out.len);
		assert_memory_equal(a.out.data, b.out.data, a.out.len);
		expect(formats[i], a.out.data, "alice", 1, " output does not name the user alice");
		memsink_free(&a.out);
		memsink_free(&b.out);
	}
}

static void
test_formats_every_write_failure_is_reported(void **state)
{
	struct credaudit_report **reps = *state;
	struct run ok, bad;
	size_t i, n;

	for (i = 0; i < NFORMATS; i++) {
		run_format(formats[i], 0, 0, reps, &ok);
		assert_int_equal(ok.rc, 0);
		for (n = 1; n <= ok.out.calls; n++) {
			run_format(formats[i], n, 0, reps, &bad);
			if (bad.rc != -1)
				fail_msg("%s: a failed write %zu of %zu went unnoticed",
				         formats[i], n, ok.out.calls);
			assert_int_equal(bad.err.code, CREDAUDIT_ERR_INTERNAL);
			memsink_free(&bad.out);
		}
		memsink_free(&ok.out);
	}
}

static void
test_formats_redact(void **state)
{
	struct credaudit_report **reps = *state;
	struct run run;
	size_t i;

	for (i = 0; i < NFORMATS; i++) {
		run_format(formats[i], 0, 1, reps, &run);
		assert_int_equal(run.rc, 0);
		expect(formats[i], run.out.data, "alice", 0, " --redact output names alice");
		expect(formats[i], run.out.data, "user-0001", 1, " --redact output lacks user-0001");
		expect(formats[i], run.out.data, ACCT, 1, " --redact output lost the account id");
		memsink_free(&run.out);
	}
}

/* Every format, through an audit with options (--as-of, a waiver file,
 * --fail-on): a report refused before any byte was read (no input
 * evidence), one whose waiver applies, and one with a finding waived by an
 * expired entry.  Each format but ocsf (findings only) names the refused
 * input and why; each shows the applied waiver's justification and the
 * finding under the expired one. */
static void
test_formats_refused_and_waived_with_audit(void **state)
{
	static const char *const all[] = { "text", "json", "sarif", "junit", "csv",
	                                   "ocsf", "html" };
	static const char waivers[] =
		"{\"waivers\": [{\"rule\": \"root-access-key\", \"account\": \"" ACCT "\","
		" \"justification\": \"migration of the billing job, SEC-7\","
		" \"owner\": \"ops@example.com\", \"expires\": \"2030-01-01\"},"
		" {\"rule\": \"access-key-not-rotated\", \"account\": \"*\","
		" \"user\": \"alice\", \"justification\": \"old exception\","
		" \"owner\": \"ops@example.com\", \"expires\": \"2020-01-01\"}]}\n";
	char path[] = "/tmp/credaudit-waivers-XXXXXX";
	struct credaudit_opts o = { 0 };
	struct credaudit_render_opts ro = { 0 };
	struct credaudit_error err = { 0 };
	struct credaudit_audit *a;
	struct credaudit_report *reps[2];
	struct memsink out;
	FILE *fp;
	size_t i, k;
	int fd;

	(void)state;
	assert_true((fd = mkstemp(path)) != -1);
	assert_non_null(fp = fdopen(fd, "w"));
	assert_int_equal(fputs(waivers, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
	o.waivers = path;
	o.fail_on = "high";
	o.as_of_source = CREDAUDIT_ASOF_OPTION;
	assert_int_equal(credaudit_time_parse("2024-06-01", &o.as_of), 0);
	a = credaudit_audit_new(&o, &err);
	unlink(path);
	assert_non_null(a);
	reps[0] = credaudit_report_refused(a, "gone.csv", "cannot open: Permission denied",
	                                   &err);
	reps[1] = credaudit_audit_buffer(a, "fail.csv", fail_csv, strlen(fail_csv), &err);
	assert_non_null(reps[0]);
	assert_non_null(reps[1]);
	assert_null(credaudit_report_input(reps[0]));
	assert_int_equal(credaudit_report_waived(reps[1]), 1);
	for (k = 0; k < credaudit_report_finding_count(reps[1]); k++) {
		const struct credaudit_finding *f = credaudit_report_finding(reps[1], k);

		if (strcmp(f->rule, "access-key-not-rotated") == 0)
			assert_int_equal(f->waiver.state, CREDAUDIT_WAIVER_EXPIRED);
		if (strcmp(f->rule, "root-access-key") == 0)
			assert_int_equal(f->waiver.state, CREDAUDIT_WAIVER_APPLIED);
	}
	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		struct credaudit_render *r;

		memset(&out, 0, sizeof(out));
		r = credaudit_render_new(all[i], a, &ro, memsink_write, &out, &err);
		assert_non_null(r);
		for (k = 0; k < 2; k++)
			assert_int_equal(credaudit_render_report(r, reps[k], &err), 0);
		credaudit_render_skipped(r, 1, 2);
		assert_int_equal(credaudit_render_finish(r, &err), 0);
		credaudit_render_free(r);
		assert_non_null(out.data);
		/* ocsf holds findings only (docs/formats.md) */
		if (strcmp(all[i], "ocsf") != 0 &&
		    (strstr(out.data, "gone.csv") == NULL ||
		     strstr(out.data, "Permission denied") == NULL))
			fail_msg("%s: the refused input and its reason are not named", all[i]);
		expect(all[i], out.data, "SEC-7", 1, ": the applied waiver's justification is missing");
		expect(all[i], out.data, "alice", 1,
		       ": the finding under an expired waiver is missing");
		memsink_free(&out);
	}
	free_reports(reps, 2);
	credaudit_audit_free(a);
}

/* html: every character that reorders or hides text, in a user name from
 * the report, is shown as a marked code (a C1 control or soft hyphen as its
 * byte \xNN, any other as U+XXXX), never as itself; neighbours of each range
 * are written as character references. */
static void
test_formats_html_marks_hidden_characters(void **state)
{
	static const char *const marked[][2] = {
		{ "\xC2\x85", "\\x85" }, { "\xC2\xAD", "\\xAD" },
		{ "\xD8\x9C", "U+061C" }, { "\xE2\x80\x8B", "U+200B" },
		{ "\xE2\x80\x8F", "U+200F" }, { "\xE2\x80\xA8", "U+2028" },
		{ "\xE2\x80\xAE", "U+202E" }, { "\xE2\x81\xA0", "U+2060" },
		{ "\xE2\x81\xAF", "U+206F" }, { "\xEF\xBB\xBF", "U+FEFF" },
		{ "\xEF\xBF\xB9", "U+FFF9" }, { "\xEF\xBF\xBB", "U+FFFB" },
		{ "\xEF\xBF\xBE", "U+FFFE" }, { "\xEF\xBF\xBF", "U+FFFF" },
		{ "\xF0\x9F\xBF\xBE", "U+1FFFE" }, { "\xEF\xB7\x90", "U+FDD0" },
		{ "\xEF\xB7\xAF", "U+FDEF" }, { "\xF3\xA0\x80\x80", "U+E0000" },
		{ "\xF3\xA0\x81\xBF", "U+E007F" },
		/* not hidden: the code points next to the ranges */
		{ "\xC2\xA0", "&#xA0;" }, { "\xD8\x9B", "&#x61B;" },
		{ "\xE2\x80\x8A", "&#x200A;" }, { "\xE2\x80\xAF", "&#x202F;" },
		{ "\xE2\x81\xB0", "&#x2070;" }, { "\xEF\xB7\x8F", "&#xFDCF;" },
		{ "\xEF\xB7\xB0", "&#xFDF0;" }, { "\xEF\xBF\xB8", "&#xFFF8;" },
		{ "\xF3\xA0\x82\x80", "&#xE0080;" },
	};
	struct credaudit_report *rep;
	struct memsink out;
	char csv[2048], name[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(marked) / sizeof(marked[0]); i++) {
		snprintf(name, sizeof(name), "ab%scd", marked[i][0]);
		snprintf(csv, sizeof(csv), HDR22 ROOT_PASS "%s,arn:aws:iam::" ACCT
		         ":user/x,2020-01-15T12:00:00+00:00,true,2024-05-30T07:00:00+00:00,"
		         "2024-01-10T12:00:00+00:00,N/A,false,false,N/A,N/A,N/A,N/A,false,"
		         "N/A,N/A,N/A,N/A,false,N/A,false,N/A\n", name);
		rep = audit_all(csv);
		if (credaudit_report_error(rep) != NULL)
			fail_msg("%s: %s", marked[i][1], credaudit_report_error(rep)->text);
		render_one("html", rep, &out);
		if (strstr(out.data, marked[i][0]) != NULL)
			fail_msg("html output holds the raw character of %s", marked[i][1]);
		if (strstr(out.data, marked[i][1]) == NULL)
			fail_msg("html output lacks %s", marked[i][1]);
		memsink_free(&out);
		credaudit_report_free(rep);
	}
}

/* csv_bom: csv begins with EF BB BF, then the same bytes; junit's root
 * carries the totals of both reports. */
static void
test_formats_csv_bom_and_junit_totals(void **state)
{
	struct credaudit_report **reps = *state;
	struct credaudit_render_opts ro = { .csv_bom = 1 };
	struct credaudit_error err = { 0 };
	struct memsink bom = { 0 };
	struct credaudit_render *r;
	struct run plain, j;
	size_t i;

	run_format("csv", 0, 0, reps, &plain);
	assert_int_equal(plain.rc, 0);
	r = credaudit_render_new("csv", NULL, &ro, memsink_write, &bom, &err);
	assert_non_null(r);
	for (i = 0; i < 2; i++)
		assert_int_equal(credaudit_render_report(r, reps[i], &err), 0);
	assert_int_equal(credaudit_render_finish(r, &err), 0);
	credaudit_render_free(r);
	assert_int_equal(bom.len, plain.out.len + 3);
	assert_memory_equal(bom.data, "\xEF\xBB\xBF", 3);
	assert_memory_equal(bom.data + 3, plain.out.data, plain.out.len);
	assert_null(strstr(plain.out.data, "\xEF\xBB\xBF"));
	run_format("junit", 0, 0, reps, &j);
	assert_int_equal(j.rc, 0);
	assert_non_null(strstr(j.out.data, "<testsuites name=\"credaudit\" tests=\""));
	assert_non_null(strstr(j.out.data, "\" errors=\"1\" time=\"0\">"));
	memsink_free(&plain.out);
	memsink_free(&bom);
	memsink_free(&j.out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		WITH_REPORTS(test_formats_deterministic),
		WITH_REPORTS(test_formats_every_write_failure_is_reported),
		WITH_REPORTS(test_formats_redact),
		WITH_REPORTS(test_formats_csv_bom_and_junit_totals),
		cmocka_unit_test(test_formats_refused_and_waived_with_audit),
		cmocka_unit_test(test_formats_html_marks_hidden_characters),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
