/*
 * test_verdict.c - the one model of the truth (src/report/verdict.c and
 * summary.c) through the public API: rule statuses pass, fail, waived and
 * not_evaluated, which findings count under each --fail-on level and
 * under waivers (applied, expired, not applied), the verdict of a report,
 * and the summary of a run with its verdict and exit status.
 */
#include "testutil.h"

#include <stdio.h>
#include <unistd.h>

/* A user whose two access keys are active: two-active-keys (medium). */
#define USER_TWO_KEYS \
	"carol,arn:aws:iam::" ACCT ":user/carol,2020-01-15T12:00:00+00:00,false," \
	"N/A,N/A,N/A,false,true,2024-01-10T12:05:00+00:00," \
	"2024-05-31T11:00:00+00:00,eu-west-1,ec2,true,2024-02-10T12:05:00+00:00," \
	"2024-05-30T11:00:00+00:00,eu-west-1,s3,false,N/A,false,N/A\n"

/* Another, on the line after carol's. */
#define USER_TWO_KEYS_DAVE \
	"dave,arn:aws:iam::" ACCT ":user/dave,2020-01-15T12:00:00+00:00,false," \
	"N/A,N/A,N/A,false,true,2024-03-10T12:05:00+00:00,N/A,N/A,N/A,true," \
	"2024-04-10T12:05:00+00:00,N/A,N/A,N/A,false,N/A,false,N/A\n"

#define JUNE_1 INT64_C(1717200000)   /* 2024-06-01T00:00:00Z */

struct run {
	const char *rules;
	const char *fail_on;
	const char *waivers;
	int64_t as_of;                   /* 0: none stated */
};

static struct credaudit_audit *
audit_of(const struct run *r)
{
	struct credaudit_opts o;
	struct credaudit_error err;
	struct credaudit_audit *a;

	memset(&o, 0, sizeof(o));
	memset(&err, 0, sizeof(err));
	o.rules = r->rules;
	o.fail_on = r->fail_on;
	o.waivers = r->waivers;
	if (r->as_of != 0) {
		o.as_of = r->as_of;
		o.as_of_source = CREDAUDIT_ASOF_OPTION;
	}
	a = credaudit_audit_new(&o, &err);
	if (a == NULL)
		fail_msg("audit: %s", err.text);
	return a;
}

static struct credaudit_report *
audit_run(const struct run *r, const char *csv)
{
	struct credaudit_audit *a = audit_of(r);
	struct credaudit_error err;
	struct credaudit_report *rep;

	memset(&err, 0, sizeof(err));
	rep = credaudit_audit_buffer(a, "t.csv", csv, strlen(csv), &err);
	credaudit_audit_free(a);
	assert_non_null(rep);
	return rep;
}

/* The result of rule id in rep. */
static const struct credaudit_result *
result(const struct credaudit_report *rep, const char *id)
{
	size_t i;

	for (i = 0; i < credaudit_report_result_count(rep); i++)
		if (strcmp(credaudit_report_result(rep, i)->rule, id) == 0)
			return credaudit_report_result(rep, i);
	fail_msg("no result for %s", id);
	return NULL;
}

static void
assert_result(const struct credaudit_report *rep, const char *id,
              enum credaudit_status st, size_t nfindings, size_t nwaived,
              size_t nblocking)
{
	const struct credaudit_result *res = result(rep, id);

	if (res->status != st)
		fail_msg("%s is %s, not %s", id, credaudit_status_name(res->status),
		         credaudit_status_name(st));
	assert_int_equal(res->nfindings, nfindings);
	assert_int_equal(res->nwaived, nwaived);
	assert_int_equal(res->nblocking, nblocking);
}

/* A waiver file in a directory of its own. */
struct wfile {
	char dir[64];
	char path[128];
};

static void
waiver_file(struct wfile *w, const char *json)
{
	FILE *fp;

	snprintf(w->dir, sizeof(w->dir), "/tmp/test_verdict.XXXXXX");
	assert_non_null(mkdtemp(w->dir));
	snprintf(w->path, sizeof(w->path), "%s/waivers.json", w->dir);
	fp = fopen(w->path, "w");
	assert_non_null(fp);
	assert_true(fputs(json, fp) >= 0);
	assert_int_equal(fclose(fp), 0);
}

static void
waiver_remove(struct wfile *w)
{
	unlink(w->path);
	rmdir(w->dir);
}

/* One entry waiving rule for the root user until expires. */
static void
root_waiver(struct wfile *w, const char *rule, const char *expires)
{
	char json[600];

	snprintf(json, sizeof(json),
	         "{\"waivers\": [{\"rule\": \"%s\", \"account\": \"" ACCT "\", "
	         "\"user\": \"<root_account>\", \"justification\": \"break-glass key, "
	         "RISK-7\", \"owner\": \"sec@example.com\", \"expires\": \"%s\"}]}",
	         rule, expires);
	waiver_file(w, json);
}

static void
test_verdict_names(void **state)
{
	(void)state;
	assert_string_equal(credaudit_status_name(CREDAUDIT_PASS), "pass");
	assert_string_equal(credaudit_status_name(CREDAUDIT_FAIL), "fail");
	assert_string_equal(credaudit_status_name(CREDAUDIT_NOT_EVALUATED), "not_evaluated");
	assert_string_equal(credaudit_status_name(CREDAUDIT_WAIVED), "waived");
	assert_string_equal(credaudit_status_name((enum credaudit_status)4), "unknown");
	assert_string_equal(credaudit_verdict_name(CREDAUDIT_VERDICT_PASS), "pass");
	assert_string_equal(credaudit_verdict_name(CREDAUDIT_VERDICT_FAIL), "fail");
	assert_string_equal(credaudit_verdict_name(CREDAUDIT_VERDICT_ERROR), "error");
	assert_string_equal(credaudit_verdict_name((enum credaudit_verdict)3), "unknown");
}

static void
test_verdict_pass_and_fail(void **state)
{
	const struct run r = { "root-access-key,root-mfa", NULL, NULL, 0 };
	struct credaudit_report *rep;

	(void)state;
	rep = audit_run(&r, HDR22 ROOT_PASS);
	assert_int_equal(credaudit_report_result_count(rep), 2);
	assert_result(rep, "root-access-key", CREDAUDIT_PASS, 0, 0, 0);
	assert_result(rep, "root-mfa", CREDAUDIT_PASS, 0, 0, 0);
	assert_int_equal(credaudit_report_verdict(rep), CREDAUDIT_VERDICT_PASS);
	credaudit_report_free(rep);

	/* ROOT_KEY1: an active root key and no MFA, two critical findings */
	rep = audit_run(&r, HDR22 ROOT_KEY1);
	assert_result(rep, "root-access-key", CREDAUDIT_FAIL, 1, 0, 1);
	assert_result(rep, "root-mfa", CREDAUDIT_FAIL, 1, 0, 1);
	assert_int_equal(credaudit_report_verdict(rep), CREDAUDIT_VERDICT_FAIL);
	assert_int_equal(credaudit_report_blocking(rep, CREDAUDIT_SEV_CRITICAL), 2);
	credaudit_report_free(rep);
}

static void
test_verdict_fail_on_levels(void **state)
{
	static const struct {
		const char *fail_on;
		enum credaudit_severity sev;
		size_t blocking;      /* of the medium finding */
	} levels[] = {
		{ NULL, CREDAUDIT_SEV_LOW, 1 }, { "info", CREDAUDIT_SEV_INFO, 1 },
		{ "low", CREDAUDIT_SEV_LOW, 1 }, { "medium", CREDAUDIT_SEV_MEDIUM, 1 },
		{ "high", CREDAUDIT_SEV_HIGH, 0 }, { "critical", CREDAUDIT_SEV_CRITICAL, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
		struct run r = { "two-active-keys,root-access-key", NULL, NULL, 0 };
		struct credaudit_audit *a;
		struct credaudit_report *rep;

		r.fail_on = levels[i].fail_on;
		a = audit_of(&r);
		assert_int_equal(credaudit_audit_fail_on(a), levels[i].sev);
		credaudit_audit_free(a);
		rep = audit_run(&r, HDR22 ROOT_PASS USER_TWO_KEYS);
		/* a finding below --fail-on is still a failed control */
		assert_result(rep, "two-active-keys", CREDAUDIT_FAIL, 1, 0, levels[i].blocking);
		assert_result(rep, "root-access-key", CREDAUDIT_PASS, 0, 0, 0);
		assert_int_equal(credaudit_report_verdict(rep), levels[i].blocking ?
		                 CREDAUDIT_VERDICT_FAIL : CREDAUDIT_VERDICT_PASS);
		credaudit_report_free(rep);

		/* a critical finding counts at every level */
		rep = audit_run(&r, HDR22 ROOT_KEY1 USER_TWO_KEYS);
		assert_result(rep, "root-access-key", CREDAUDIT_FAIL, 1, 0, 1);
		assert_int_equal(credaudit_report_verdict(rep), CREDAUDIT_VERDICT_FAIL);
		credaudit_report_free(rep);
	}
}

static void
test_verdict_bad_fail_on_is_usage_error(void **state)
{
	struct credaudit_opts o;
	struct credaudit_error err;

	(void)state;
	memset(&o, 0, sizeof(o));
	memset(&err, 0, sizeof(err));
	o.fail_on = "severe";
	assert_null(credaudit_audit_new(&o, &err));
	assert_int_equal(err.code, CREDAUDIT_ERR_USAGE);
}

static void
test_verdict_applied_waiver_waives(void **state)
{
	struct wfile w;
	struct run r = { "root-access-key,root-mfa", NULL, NULL, JUNE_1 };
	struct credaudit_report *rep;
	const struct credaudit_finding *f;

	(void)state;
	root_waiver(&w, "root-access-key", "2030-01-01");
	r.waivers = w.path;
	rep = audit_run(&r, HDR22 ROOT_KEY1);
	/* waived, never a pass; the unwaived rule still fails the report */
	assert_result(rep, "root-access-key", CREDAUDIT_WAIVED, 1, 1, 0);
	assert_result(rep, "root-mfa", CREDAUDIT_FAIL, 1, 0, 1);
	assert_int_equal(credaudit_report_verdict(rep), CREDAUDIT_VERDICT_FAIL);
	assert_int_equal(credaudit_report_waived(rep), 1);
	assert_int_equal(credaudit_report_blocking(rep, CREDAUDIT_SEV_INFO), 1);
	f = credaudit_report_finding(rep, 0);
	assert_string_equal(f->rule, "root-access-key");
	assert_int_equal(f->waiver.state, CREDAUDIT_WAIVER_APPLIED);
	assert_int_equal(f->waiver.entry, 1);
	assert_string_equal(f->waiver.owner, "sec@example.com");
	assert_string_equal(f->waiver.justification, "break-glass key, RISK-7");
	assert_string_equal(f->waiver.expires, "2030-01-01");
	credaudit_report_free(rep);

	/* with the waived rule alone, the report passes */
	r.rules = "root-access-key";
	rep = audit_run(&r, HDR22 ROOT_KEY1);
	assert_result(rep, "root-access-key", CREDAUDIT_WAIVED, 1, 1, 0);
	assert_int_equal(credaudit_report_verdict(rep), CREDAUDIT_VERDICT_PASS);
	credaudit_report_free(rep);
	waiver_remove(&w);
}

static void
test_verdict_partly_waived_rule_fails(void **state)
{
	static const char csv[] = HDR22 ROOT_PASS USER_TWO_KEYS USER_TWO_KEYS_DAVE;
	struct wfile w;
	struct run r = { "two-active-keys", NULL, NULL, JUNE_1 };
	struct credaudit_report *rep;

	(void)state;
	waiver_file(&w, "{\"waivers\": [{\"rule\": \"two-active-keys\", "
	            "\"account\": \"" ACCT "\", \"user\": \"carol\", "
	            "\"justification\": \"j\", \"owner\": \"o\", "
	            "\"expires\": \"2030-01-01\"}]}");
	r.waivers = w.path;
	rep = audit_run(&r, csv);
	/* one finding waived, one not: the rule fails, on dave's alone */
	assert_result(rep, "two-active-keys", CREDAUDIT_FAIL, 2, 1, 1);
	assert_int_equal(credaudit_report_verdict(rep), CREDAUDIT_VERDICT_FAIL);
	assert_int_equal(credaudit_report_finding(rep, 0)->waiver.state,
	                 CREDAUDIT_WAIVER_APPLIED);
	assert_int_equal(credaudit_report_finding(rep, 1)->waiver.state,
	                 CREDAUDIT_WAIVER_NONE);
	assert_string_equal(credaudit_report_finding(rep, 1)->user, "dave");
	credaudit_report_free(rep);
	waiver_remove(&w);
}

static void
test_verdict_expired_waiver_counts(void **state)
{
	struct wfile w;
	struct run r = { "root-access-key", NULL, NULL, JUNE_1 };
	struct credaudit_report *rep;

	(void)state;
	/* a date holds through its last second, not one more */
	root_waiver(&w, "root-access-key", "2024-05-31");
	r.waivers = w.path;
	rep = audit_run(&r, HDR22 ROOT_KEY1);
	assert_result(rep, "root-access-key", CREDAUDIT_FAIL, 1, 0, 1);
	assert_int_equal(credaudit_report_finding(rep, 0)->waiver.state,
	                 CREDAUDIT_WAIVER_EXPIRED);
	assert_int_equal(credaudit_report_verdict(rep), CREDAUDIT_VERDICT_FAIL);
	credaudit_report_free(rep);

	r.as_of = JUNE_1 - 1;
	rep = audit_run(&r, HDR22 ROOT_KEY1);
	assert_result(rep, "root-access-key", CREDAUDIT_WAIVED, 1, 1, 0);
	assert_int_equal(credaudit_report_verdict(rep), CREDAUDIT_VERDICT_PASS);
	credaudit_report_free(rep);
	waiver_remove(&w);
}

static void
test_verdict_lower_bound_applies_no_waiver(void **state)
{
	struct wfile w;
	struct run r = { "root-access-key", NULL, NULL, 0 };
	struct credaudit_report *rep;
	int64_t t;

	(void)state;
	root_waiver(&w, "root-access-key", "2030-01-01");
	r.waivers = w.path;
	rep = audit_run(&r, HDR22 ROOT_KEY1);
	assert_int_equal(credaudit_report_as_of(rep, &t), CREDAUDIT_ASOF_REPORT_LATEST);
	assert_result(rep, "root-access-key", CREDAUDIT_FAIL, 1, 0, 1);
	assert_int_equal(credaudit_report_finding(rep, 0)->waiver.state,
	                 CREDAUDIT_WAIVER_NOT_APPLIED);
	assert_int_equal(credaudit_report_verdict(rep), CREDAUDIT_VERDICT_FAIL);
	credaudit_report_free(rep);
	waiver_remove(&w);
}

static void
test_verdict_waived_finding_below_fail_on(void **state)
{
	struct wfile w;
	struct run r = { "two-active-keys", "high", NULL, JUNE_1 };
	struct credaudit_report *rep;
	char json[600];

	(void)state;
	snprintf(json, sizeof(json), "{\"waivers\": [{\"rule\": \"two-active-keys\", "
	         "\"account\": \"*\", \"user\": \"carol\", \"justification\": \"j\", "
	         "\"owner\": \"o\", \"expires\": \"2024-06-01T00:00:01Z\"}]}");
	waiver_file(&w, json);
	r.waivers = w.path;
	rep = audit_run(&r, HDR22 ROOT_PASS USER_TWO_KEYS);
	assert_result(rep, "two-active-keys", CREDAUDIT_WAIVED, 1, 1, 0);
	assert_int_equal(credaudit_report_verdict(rep), CREDAUDIT_VERDICT_PASS);
	credaudit_report_free(rep);
	/* at the expiry moment the waiver is gone; medium stays below high */
	r.as_of = JUNE_1 + 1;
	rep = audit_run(&r, HDR22 ROOT_PASS USER_TWO_KEYS);
	assert_result(rep, "two-active-keys", CREDAUDIT_FAIL, 1, 0, 0);
	assert_int_equal(credaudit_report_verdict(rep), CREDAUDIT_VERDICT_PASS);
	credaudit_report_free(rep);
	waiver_remove(&w);
}

static void
test_verdict_not_evaluated(void **state)
{
	static const char old[] =
		"user,arn,user_creation_time,password_enabled,password_last_used,"
		"password_last_changed,password_next_rotation,mfa_active,"
		"access_key_1_active,access_key_1_last_rotated,access_key_2_active,"
		"access_key_2_last_rotated,cert_1_active,cert_1_last_rotated,"
		"cert_2_active,cert_2_last_rotated\n"
		"<root_account>," ROOT_ARN ",2012-03-04T10:00:00+00:00,not_supported,"
		"2014-05-20T08:14:02+00:00,not_supported,not_supported,true,false,N/A,"
		"false,N/A,false,N/A,false,N/A\n";
	const struct run r = { NULL, NULL, NULL, JUNE_1 };
	const struct run latest = { NULL, NULL, NULL, 0 };
	struct credaudit_report *rep;
	const struct credaudit_result *res;

	(void)state;
	rep = audit_run(&r, old);
	assert_null(credaudit_report_error(rep));
	res = result(rep, "credentials-unused");
	assert_int_equal(res->status, CREDAUDIT_NOT_EVALUATED);
	assert_int_equal(res->nblocking, 0);
	assert_non_null(res->reason);
	assert_non_null(strstr(res->reason, "(older report layout)"));
	assert_result(rep, "root-access-key", CREDAUDIT_PASS, 0, 0, 0);
	assert_null(result(rep, "root-access-key")->reason);
	/* not evaluated does not fail the report; nothing else here does */
	assert_int_equal(credaudit_report_verdict(rep), CREDAUDIT_VERDICT_PASS);
	credaudit_report_free(rep);

	/* an age rule's pass at a lower-bound as-of time is no pass */
	rep = audit_run(&latest, HDR22 ROOT_PASS USER_TWO_KEYS);
	res = result(rep, "credentials-unused");
	assert_int_equal(res->status, CREDAUDIT_NOT_EVALUATED);
	assert_non_null(strstr(res->reason, "passes only as of 2024-05-31T11:00:00Z, "
	                       "a lower bound of when the report was generated"));
	credaudit_report_free(rep);
}

static void
test_verdict_error_report(void **state)
{
	struct credaudit_report *rep;

	(void)state;
	rep = audit_all("user,arn\n<root_account>,arn:aws:iam::1:user/x\n");
	assert_non_null(credaudit_report_error(rep));
	assert_int_equal(credaudit_report_verdict(rep), CREDAUDIT_VERDICT_ERROR);
	credaudit_report_free(rep);
}

/* Add each report of csvs (audited by r) to a fresh summary. */
static struct credaudit_summary *
summary_of(const struct run *r, const char *const *csvs, size_t n)
{
	struct credaudit_audit *a = audit_of(r);
	struct credaudit_error err;
	struct credaudit_summary *s;
	size_t i;

	memset(&err, 0, sizeof(err));
	s = credaudit_summary_new(a, &err);
	assert_non_null(s);
	for (i = 0; i < n; i++) {
		struct credaudit_report *rep =
			credaudit_audit_buffer(a, "t.csv", csvs[i], strlen(csvs[i]), &err);

		assert_non_null(rep);
		assert_int_equal(credaudit_summary_add(s, rep, &err), 0);
		credaudit_report_free(rep);
	}
	credaudit_audit_free(a);
	return s;
}

static void
test_summary_totals_verdict_and_exit_status(void **state)
{
	const char *const csvs[] = {
		HDR22 ROOT_PASS,                          /* pass */
		HDR22 ROOT_KEY1,                          /* 2 critical */
		HDR22 ROOT_PASS USER_TWO_KEYS,            /* 1 medium */
		"not,a,report\n",                         /* error */
	};
	const struct run r = { "root-access-key,root-mfa,two-active-keys", NULL, NULL,
	                       JUNE_1 };
	struct credaudit_summary *s;
	const struct credaudit_totals *t;

	(void)state;
	s = summary_of(&r, csvs, 4);
	t = credaudit_summary_totals(s);
	assert_int_equal(t->inputs, 4);
	assert_int_equal(t->audited, 3);
	assert_int_equal(t->errors, 1);
	assert_int_equal(t->failed, 2);
	assert_int_equal(t->passed, 1);
	assert_int_equal(t->findings, 3);
	assert_int_equal(t->waived, 0);
	assert_int_equal(t->blocking, 3);
	assert_int_equal(t->by_severity[CREDAUDIT_SEV_CRITICAL], 2);
	assert_int_equal(t->by_severity[CREDAUDIT_SEV_MEDIUM], 1);
	assert_int_equal(t->by_severity[CREDAUDIT_SEV_HIGH], 0);
	/* an error outweighs a failure */
	assert_int_equal(credaudit_summary_verdict(s), CREDAUDIT_VERDICT_ERROR);
	assert_int_equal(credaudit_summary_exit_status(s), 3);
	credaudit_summary_skipped(s, 2, 5);
	assert_int_equal(t->skipped_hidden, 2);
	assert_int_equal(t->skipped_other, 5);
	credaudit_summary_free(s);

	s = summary_of(&r, csvs, 3);
	assert_int_equal(credaudit_summary_verdict(s), CREDAUDIT_VERDICT_FAIL);
	assert_int_equal(credaudit_summary_exit_status(s), 1);
	credaudit_summary_free(s);

	s = summary_of(&r, csvs, 1);
	assert_int_equal(credaudit_summary_verdict(s), CREDAUDIT_VERDICT_PASS);
	assert_int_equal(credaudit_summary_exit_status(s), 0);
	credaudit_summary_free(s);

	/* no input at all: a pass (the CLI refuses to audit nothing) */
	s = summary_of(&r, csvs, 0);
	assert_int_equal(credaudit_summary_totals(s)->inputs, 0);
	assert_int_equal(credaudit_summary_exit_status(s), 0);
	credaudit_summary_free(s);
}

static void
test_summary_below_fail_on_and_waived(void **state)
{
	const char *const csvs[] = {
		HDR22 ROOT_PASS USER_TWO_KEYS,
		HDR22 ROOT_KEY1,
	};
	struct wfile w;
	struct run r = { "root-access-key,two-active-keys", "high", NULL, JUNE_1 };
	struct credaudit_summary *s;
	const struct credaudit_totals *t;

	(void)state;
	root_waiver(&w, "root-access-key", "2024-12-31T12:00:00Z");
	r.waivers = w.path;
	s = summary_of(&r, csvs, 2);
	t = credaudit_summary_totals(s);
	assert_int_equal(t->inputs, 2);
	assert_int_equal(t->audited, 2);
	assert_int_equal(t->passed, 2);
	assert_int_equal(t->failed, 0);
	assert_int_equal(t->findings, 2);
	assert_int_equal(t->waived, 1);
	assert_int_equal(t->blocking, 0);
	assert_int_equal(credaudit_summary_verdict(s), CREDAUDIT_VERDICT_PASS);
	assert_int_equal(credaudit_summary_exit_status(s), 0);
	credaudit_summary_free(s);

	/* the same under the default --fail-on low: the medium one counts */
	r.fail_on = NULL;
	s = summary_of(&r, csvs, 2);
	t = credaudit_summary_totals(s);
	assert_int_equal(t->failed, 1);
	assert_int_equal(t->blocking, 1);
	assert_int_equal(credaudit_summary_exit_status(s), 1);
	credaudit_summary_free(s);
	waiver_remove(&w);
}

static void
test_summary_without_audit_and_free_null(void **state)
{
	struct credaudit_error err;
	struct credaudit_summary *s;
	struct credaudit_report *rep;

	(void)state;
	memset(&err, 0, sizeof(err));
	/* no audit: the defaults, --fail-on low */
	assert_int_equal(credaudit_audit_fail_on(NULL), CREDAUDIT_SEV_LOW);
	s = credaudit_summary_new(NULL, &err);
	assert_non_null(s);
	rep = audit_str(HDR22 ROOT_KEY1);
	assert_int_equal(credaudit_summary_add(s, rep, &err), 0);
	credaudit_report_free(rep);
	assert_int_equal(credaudit_summary_totals(s)->failed, 1);
	assert_int_equal(credaudit_summary_exit_status(s), 1);
	credaudit_summary_free(s);
	credaudit_summary_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verdict_names),
		cmocka_unit_test(test_verdict_pass_and_fail),
		cmocka_unit_test(test_verdict_fail_on_levels),
		cmocka_unit_test(test_verdict_bad_fail_on_is_usage_error),
		cmocka_unit_test(test_verdict_applied_waiver_waives),
		cmocka_unit_test(test_verdict_partly_waived_rule_fails),
		cmocka_unit_test(test_verdict_expired_waiver_counts),
		cmocka_unit_test(test_verdict_lower_bound_applies_no_waiver),
		cmocka_unit_test(test_verdict_waived_finding_below_fail_on),
		cmocka_unit_test(test_verdict_not_evaluated),
		cmocka_unit_test(test_verdict_error_report),
		cmocka_unit_test(test_summary_totals_verdict_and_exit_status),
		cmocka_unit_test(test_summary_below_fail_on_and_waived),
		cmocka_unit_test(test_summary_without_audit_and_free_null),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
