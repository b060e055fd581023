/*
 * test_verdict.c - the one model of the truth (src/report/verdict.c and
 * summary.c) through the public API: rule statuses pass, fail, waived and
 * not_evaluated, which findings count under each --fail-on level and
 * under waivers (applied, expired, not applied), the verdict of a report,
 * and the summary of a run with its verdict and exit status.
 */
#include "testutil.h"

/* A user whose two access keys are active, on the line after carol's
 * (USER_TWO_KEYS). */
#define USER_TWO_KEYS_DAVE \
	"dave,arn:aws:iam::" ACCT ":user/dave,2020-01-15T12:00:00+00:00,false," \
	"N/A,N/A,N/A,false,true,2024-03-10T12:05:00+00:00,N/A,N/A,N/A,true," \
	"2024-04-10T12:05:00+00:00,N/A,N/A,N/A,false,N/A,false,N/A\n"

/* A waiver of two-active-keys for carol in account until expires. */
#define CAROL_WAIVER(account, expires) \
	"{\"waivers\": [{\"rule\": \"two-active-keys\", \"account\": \"" account \
	"\", \"user\": \"carol\", \"justification\": \"j\", \"owner\": \"o\", " \
	"\"expires\": \"" expires "\"}]}"

#define JUNE_1 INT64_C(1717200000)   /* 2024-06-01T00:00:00Z */

static struct credaudit_report *
audit_run(const struct credaudit_opts *o, const char *csv)
{
	return audit_mem_opts(o, "t.csv", csv, strlen(csv));
}

/* The result of rule id in rep. */
static const struct credaudit_result *
result(const struct credaudit_report *rep, const char *id)
{
	size_t i = 0, n = credaudit_report_result_count(rep);

	while (i < n && strcmp(credaudit_report_result(rep, i)->rule, id) != 0)
		i++;
	if (i == n)
		fail_msg("no result for %s", id);
	return credaudit_report_result(rep, i);
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

static void
test_verdict_names(void **state)
{
	static const enum credaudit_status st[] = {
		CREDAUDIT_PASS, CREDAUDIT_FAIL, CREDAUDIT_NOT_EVALUATED, CREDAUDIT_WAIVED,
		(enum credaudit_status)4,
	};
	static const char *const st_names[] = {
		"pass", "fail", "not_evaluated", "waived", "unknown",
	};
	static const enum credaudit_verdict v[] = {
		CREDAUDIT_VERDICT_PASS, CREDAUDIT_VERDICT_FAIL, CREDAUDIT_VERDICT_ERROR,
		(enum credaudit_verdict)3,
	};
	static const char *const v_names[] = { "pass", "fail", "error", "unknown" };
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(st); i++)
		assert_string_equal(credaudit_status_name(st[i]), st_names[i]);
	for (i = 0; i < NELEM(v); i++)
		assert_string_equal(credaudit_verdict_name(v[i]), v_names[i]);
}

static void
test_verdict_pass_and_fail(void **state)
{
	const struct credaudit_opts o = opts_of("root-access-key,root-mfa", NULL, NULL, 0);
	struct credaudit_report *rep;

	(void)state;
	rep = audit_run(&o, HDR22 ROOT_PASS);
	assert_int_equal(credaudit_report_result_count(rep), 2);
	assert_result(rep, "root-access-key", CREDAUDIT_PASS, 0, 0, 0);
	assert_result(rep, "root-mfa", CREDAUDIT_PASS, 0, 0, 0);
	assert_int_equal(credaudit_report_verdict(rep), CREDAUDIT_VERDICT_PASS);
	credaudit_report_free(rep);

	/* ROOT_KEY1: an active root key and no MFA, two critical findings */
	rep = audit_run(&o, HDR22 ROOT_KEY1);
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
	struct credaudit_opts o;
	struct credaudit_error err;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(levels); i++) {
		struct credaudit_audit *a;
		struct credaudit_report *rep;

		o = opts_of("two-active-keys,root-access-key", levels[i].fail_on, NULL, 0);
		a = audit_new_ok(&o);
		assert_int_equal(credaudit_audit_fail_on(a), levels[i].sev);
		credaudit_audit_free(a);
		rep = audit_run(&o, HDR22 ROOT_PASS USER_TWO_KEYS);
		/* a finding below --fail-on is still a failed control */
		assert_result(rep, "two-active-keys", CREDAUDIT_FAIL, 1, 0, levels[i].blocking);
		assert_result(rep, "root-access-key", CREDAUDIT_PASS, 0, 0, 0);
		assert_int_equal(credaudit_report_verdict(rep), levels[i].blocking ?
		                 CREDAUDIT_VERDICT_FAIL : CREDAUDIT_VERDICT_PASS);
		credaudit_report_free(rep);

		/* a critical finding counts at every level */
		rep = audit_run(&o, HDR22 ROOT_KEY1 USER_TWO_KEYS);
		assert_result(rep, "root-access-key", CREDAUDIT_FAIL, 1, 0, 1);
		assert_int_equal(credaudit_report_verdict(rep), CREDAUDIT_VERDICT_FAIL);
		credaudit_report_free(rep);
	}
	/* a word that is no level is a usage error */
	o = opts_of(NULL, "severe", NULL, 0);
	memset(&err, 0, sizeof(err));
	assert_null(credaudit_audit_new(&o, &err));
	assert_int_equal(err.code, CREDAUDIT_ERR_USAGE);
}

/* The waiver of root-access-key that applied, as the finding carries it. */
static void
applied_waiver_shown(const struct credaudit_report *rep)
{
	const struct credaudit_finding *f = credaudit_report_finding(rep, 0);

	/* the unwaived rule still fails the report */
	assert_result(rep, "root-mfa", CREDAUDIT_FAIL, 1, 0, 1);
	assert_int_equal(credaudit_report_waived(rep), 1);
	assert_int_equal(credaudit_report_blocking(rep, CREDAUDIT_SEV_INFO), 1);
	assert_string_equal(f->rule, "root-access-key");
	assert_int_equal(f->waiver.entry, 1);
	assert_string_equal(f->waiver.owner, "sec@example.com");
	assert_string_equal(f->waiver.justification, "break-glass key, RISK-7");
	assert_string_equal(f->waiver.expires, "2030-01-01");
}

/* Carol's finding waived, dave's not. */
static void
dave_not_waived(const struct credaudit_report *rep)
{
	assert_int_equal(credaudit_report_finding(rep, 1)->waiver.state,
	                 CREDAUDIT_WAIVER_NONE);
	assert_string_equal(credaudit_report_finding(rep, 1)->user, "dave");
}

/* No as-of time stated: the latest timestamp, a lower bound, is used. */
static void
as_of_lower_bound(const struct credaudit_report *rep)
{
	int64_t t;

	assert_int_equal(credaudit_report_as_of(rep, &t), CREDAUDIT_ASOF_REPORT_LATEST);
}

/* A report audited under a waiver file, and what it must come to: the
 * status and counts of one rule's result, the state of the first
 * finding's waiver, the verdict, and further checks (NULL: none). */
struct wcase {
	const char *json;
	const char *rules, *fail_on;
	int64_t as_of;                 /* 0: none stated */
	const char *csv;
	const char *rule;
	enum credaudit_status st;
	size_t nfindings, nwaived, nblocking;
	enum credaudit_waiver_state first;
	enum credaudit_verdict verdict;
	void (*more)(const struct credaudit_report *);
};

static void
test_verdict_under_waivers(void **state)
{
	static const struct wcase cases[] = {
		/* applied: waived, never a pass; with the waived rule alone the
		 * report passes */
		{ ROOT_WAIVER("root-access-key", "2030-01-01"), "root-access-key,root-mfa",
		  NULL, JUNE_1, HDR22 ROOT_KEY1, "root-access-key", CREDAUDIT_WAIVED, 1, 1,
		  0, CREDAUDIT_WAIVER_APPLIED, CREDAUDIT_VERDICT_FAIL, applied_waiver_shown },
		{ ROOT_WAIVER("root-access-key", "2030-01-01"), "root-access-key", NULL,
		  JUNE_1, HDR22 ROOT_KEY1, "root-access-key", CREDAUDIT_WAIVED, 1, 1, 0,
		  CREDAUDIT_WAIVER_APPLIED, CREDAUDIT_VERDICT_PASS, NULL },
		/* one finding waived, one not: the rule fails, on dave's alone */
		{ CAROL_WAIVER(ACCT, "2030-01-01"), "two-active-keys", NULL, JUNE_1,
		  HDR22 ROOT_PASS USER_TWO_KEYS USER_TWO_KEYS_DAVE, "two-active-keys",
		  CREDAUDIT_FAIL, 2, 1, 1, CREDAUDIT_WAIVER_APPLIED, CREDAUDIT_VERDICT_FAIL,
		  dave_not_waived },
		/* a date holds through its last second, not one more */
		{ ROOT_WAIVER("root-access-key", "2024-05-31"), "root-access-key", NULL,
		  JUNE_1, HDR22 ROOT_KEY1, "root-access-key", CREDAUDIT_FAIL, 1, 0, 1,
		  CREDAUDIT_WAIVER_EXPIRED, CREDAUDIT_VERDICT_FAIL, NULL },
		{ ROOT_WAIVER("root-access-key", "2024-05-31"), "root-access-key", NULL,
		  JUNE_1 - 1, HDR22 ROOT_KEY1, "root-access-key", CREDAUDIT_WAIVED, 1, 1,
		  0, CREDAUDIT_WAIVER_APPLIED, CREDAUDIT_VERDICT_PASS, NULL },
		/* at a lower bound of the as-of time no waiver applies */
		{ ROOT_WAIVER("root-access-key", "2030-01-01"), "root-access-key", NULL, 0,
		  HDR22 ROOT_KEY1, "root-access-key", CREDAUDIT_FAIL, 1, 0, 1,
		  CREDAUDIT_WAIVER_NOT_APPLIED, CREDAUDIT_VERDICT_FAIL, as_of_lower_bound },
		/* a waived finding below --fail-on; at the expiry moment the
		 * waiver is gone, and medium stays below high */
		{ CAROL_WAIVER("*", "2024-06-01T00:00:01Z"), "two-active-keys", "high",
		  JUNE_1, HDR22 ROOT_PASS USER_TWO_KEYS, "two-active-keys", CREDAUDIT_WAIVED,
		  1, 1, 0, CREDAUDIT_WAIVER_APPLIED, CREDAUDIT_VERDICT_PASS, NULL },
		{ CAROL_WAIVER("*", "2024-06-01T00:00:01Z"), "two-active-keys", "high",
		  JUNE_1 + 1, HDR22 ROOT_PASS USER_TWO_KEYS, "two-active-keys",
		  CREDAUDIT_FAIL, 1, 0, 0, CREDAUDIT_WAIVER_EXPIRED, CREDAUDIT_VERDICT_PASS,
		  NULL },
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		const struct wcase *c = &cases[i];
		struct credaudit_opts o = opts_of(c->rules, c->fail_on, NULL, c->as_of);
		struct credaudit_report *rep = audit_waivers(&o, c->json, c->csv);

		assert_result(rep, c->rule, c->st, c->nfindings, c->nwaived, c->nblocking);
		assert_int_equal(credaudit_report_finding(rep, 0)->waiver.state, c->first);
		assert_int_equal(credaudit_report_verdict(rep), c->verdict);
		if (c->more != NULL)
			c->more(rep);
		credaudit_report_free(rep);
	}
}

static void
test_verdict_not_evaluated(void **state)
{
	static const char old[] =
		HDR16_F "\n<root_account>," ROOT_ARN ",2012-03-04T10:00:00+00:00,not_supported,"
		"2014-05-20T08:14:02+00:00,not_supported,not_supported,true,false,N/A,"
		"false,N/A,false,N/A,false,N/A\n";
	const struct credaudit_opts o = opts_of(NULL, NULL, NULL, JUNE_1);
	struct credaudit_report *rep;
	const struct credaudit_result *res;

	(void)state;
	rep = audit_run(&o, old);
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
	rep = audit_all(HDR22 ROOT_PASS USER_TWO_KEYS);
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

/* Add each report of csvs (audited with o) to a fresh summary. */
static struct credaudit_summary *
summary_of(const struct credaudit_opts *o, const char *const *csvs, size_t n)
{
	struct credaudit_audit *a = audit_new_ok(o);
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

/* s's totals are want's (inputs, audited, errors, failed, passed,
 * findings, waived and blocking). */
static void
totals_are(const struct credaudit_summary *s, const struct credaudit_totals *want)
{
	const struct credaudit_totals *t = credaudit_summary_totals(s);
	const size_t got[] = { t->inputs, t->audited, t->errors, t->failed,
	                       t->passed, t->findings, t->waived, t->blocking };
	const size_t wanted[] = { want->inputs, want->audited, want->errors, want->failed,
	                          want->passed, want->findings, want->waived,
	                          want->blocking };
	static const char *const name[] = { "inputs", "audited", "errors", "failed",
		                              "passed", "findings", "waived", "blocking" };
	size_t i;

	for (i = 0; i < NELEM(got); i++)
		if (got[i] != wanted[i])
			fail_msg("%s: %zu, not %zu", name[i], got[i], wanted[i]);
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
	/* the verdict and exit status of the first n */
	static const struct {
		size_t n;
		enum credaudit_verdict verdict;
		int status;
	} firsts[] = {
		{ 3, CREDAUDIT_VERDICT_FAIL, 1 }, { 1, CREDAUDIT_VERDICT_PASS, 0 },
		/* no input at all: a pass (the CLI refuses to audit nothing) */
		{ 0, CREDAUDIT_VERDICT_PASS, 0 },
	};
	const struct credaudit_opts o = opts_of("root-access-key,root-mfa,two-active-keys",
	                                        NULL, NULL, JUNE_1);
	const struct credaudit_totals all = { .inputs = 4, .audited = 3, .errors = 1,
	                                      .failed = 2, .passed = 1, .findings = 3,
	                                      .blocking = 3 };
	struct credaudit_summary *s;
	const struct credaudit_totals *t;
	size_t i;

	(void)state;
	s = summary_of(&o, csvs, 4);
	totals_are(s, &all);
	t = credaudit_summary_totals(s);
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

	for (i = 0; i < NELEM(firsts); i++) {
		s = summary_of(&o, csvs, firsts[i].n);
		assert_int_equal(credaudit_summary_totals(s)->inputs, firsts[i].n);
		assert_int_equal(credaudit_summary_verdict(s), firsts[i].verdict);
		assert_int_equal(credaudit_summary_exit_status(s), firsts[i].status);
		credaudit_summary_free(s);
	}
}

static void
test_summary_below_fail_on_and_waived(void **state)
{
	const char *const csvs[] = {
		HDR22 ROOT_PASS USER_TWO_KEYS,
		HDR22 ROOT_KEY1,
	};
	const struct credaudit_totals high = { .inputs = 2, .audited = 2, .passed = 2,
	                                       .findings = 2, .waived = 1 };
	const struct credaudit_totals low = { .inputs = 2, .audited = 2, .failed = 1,
	                                      .passed = 1, .findings = 2, .waived = 1,
	                                      .blocking = 1 };
	struct credaudit_opts o = opts_of("root-access-key,two-active-keys", "high", NULL,
	                                  JUNE_1);
	struct tdir w;
	struct credaudit_summary *s;

	(void)state;
	o.waivers = tdir_with(&w, "waivers.json",
	                      ROOT_WAIVER("root-access-key", "2024-12-31T12:00:00Z"));
	s = summary_of(&o, csvs, 2);
	totals_are(s, &high);
	assert_int_equal(credaudit_summary_verdict(s), CREDAUDIT_VERDICT_PASS);
	assert_int_equal(credaudit_summary_exit_status(s), 0);
	credaudit_summary_free(s);

	/* the same under the default --fail-on low: the medium one counts */
	o.fail_on = NULL;
	s = summary_of(&o, csvs, 2);
	totals_are(s, &low);
	assert_int_equal(credaudit_summary_exit_status(s), 1);
	credaudit_summary_free(s);
	tdir_remove(&w);
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
		cmocka_unit_test(test_verdict_under_waivers),
		cmocka_unit_test(test_verdict_not_evaluated),
		cmocka_unit_test(test_verdict_error_report),
		cmocka_unit_test(test_summary_totals_verdict_and_exit_status),
		cmocka_unit_test(test_summary_below_fail_on_and_waived),
		cmocka_unit_test(test_summary_without_audit_and_free_null),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
