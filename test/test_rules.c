/*
 * test_rules.c - every rule of the table at its edges: pass, fail and
 * not_evaluated; thresholds at exactly N and N+1 days; both timestamp forms;
 * N/A, no_information and not_supported; keys used never and recently;
 * parameters and benchmarks; waivers (applies, other account, expired,
 * malformed files).
 */
#include <stdio.h>
#include <unistd.h>

#include "testutil.h"

#define DAY 86400
#define ASOF "2024-06-01T00:00:00Z"

static const char *const names[22] = {
	"user", "arn", "user_creation_time", "password_enabled",
	"password_last_used", "password_last_changed", "password_next_rotation",
	"mfa_active", "access_key_1_active", "access_key_1_last_rotated",
	"access_key_1_last_used_date", "access_key_1_last_used_region",
	"access_key_1_last_used_service", "access_key_2_active",
	"access_key_2_last_rotated", "access_key_2_last_used_date",
	"access_key_2_last_used_region", "access_key_2_last_used_service",
	"cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated",
};

/* One row of the 22-column layout, field by field. */
struct row22 {
	char f[22][64];
};

static void
set(struct row22 *r, const char *col, const char *value)
{
	size_t i;

	for (i = 0; i < 22; i++)
		if (strcmp(names[i], col) == 0) {
			snprintf(r->f[i], sizeof(r->f[i]), "%s", value);
			return;
		}
	fail_msg("no column %s", col);
}

static void
init(struct row22 *r, const char *const *v)
{
	size_t i;

	for (i = 0; i < 22; i++)
		snprintf(r->f[i], sizeof(r->f[i]), "%s", v[i]);
}

static void
root_row(struct row22 *r)
{
	static const char *const v[22] = {
		"<root_account>", ROOT_ARN, "2019-03-04T10:00:00+00:00", "not_supported",
		"N/A", "not_supported", "not_supported", "true", "false", "N/A", "N/A",
		"N/A", "N/A", "false", "N/A", "N/A", "N/A", "N/A", "false", "N/A",
		"false", "N/A",
	};

	init(r, v);
}

static void
user_row(struct row22 *r)
{
	static const char *const v[22] = {
		"alice", "arn:aws:iam::" ACCT ":user/alice", "2020-01-01T00:00:00+00:00",
		"false", "N/A", "N/A", "N/A", "false", "false", "N/A", "N/A", "N/A",
		"N/A", "false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "false", "N/A",
	};

	init(r, v);
}

/* The header and rows as CSV into buf. */
static void
csv(char *buf, size_t size, const struct row22 *root, const struct row22 *user)
{
	size_t i, n;

	n = (size_t)snprintf(buf, size, "%s", HDR22);
	for (i = 0; i < 22; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? "," : "", root->f[i]);
	n += (size_t)snprintf(buf + n, size - n, "\n");
	for (i = 0; user != NULL && i < 22; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? "," : "", user->f[i]);
	if (user != NULL)
		snprintf(buf + n, size - n, "\n");
}

/* A time secs before ASOF, in the "+00:00" form or, with z, the "Z" form. */
static const char *
ago(char *buf, int64_t secs, int z)
{
	int64_t t;

	assert_int_equal(credaudit_time_parse(ASOF, &t), 0);
	credaudit_time_format(t - secs, buf, 32);
	if (!z)
		strcpy(buf + 19, "+00:00");
	return buf;
}

struct run {
	const char *rules;        /* NULL: all */
	const char *as_of;        /* NULL: the report's own */
	const char *params[4];
	const char *benchmark;
	const char *waivers;
};

static struct credaudit_report *
audit_with(const struct run *run, const char *text)
{
	struct credaudit_opts o;
	struct credaudit_error err;
	struct credaudit_audit *a;
	struct credaudit_report *rep;
	size_t n = 0;

	memset(&o, 0, sizeof(o));
	memset(&err, 0, sizeof(err));
	o.rules = run->rules;
	if (run->as_of != NULL) {
		assert_int_equal(credaudit_time_parse(run->as_of, &o.as_of), 0);
		o.as_of_source = CREDAUDIT_ASOF_OPTION;
	}
	while (n < 4 && run->params[n] != NULL)
		n++;
	o.params = run->params;
	o.nparams = n;
	o.benchmark = run->benchmark;
	o.waivers = run->waivers;
	a = credaudit_audit_new(&o, &err);
	if (a == NULL)
		fail_msg("audit_new: %s", err.text);
	rep = credaudit_audit_buffer(a, "t.csv", text, strlen(text), &err);
	credaudit_audit_free(a);
	assert_non_null(rep);
	if (credaudit_report_error(rep) != NULL)
		fail_msg("not audited: %s", credaudit_report_error(rep)->text);
	return rep;
}

static const struct credaudit_result *
result_of(const struct credaudit_report *rep, const char *rule)
{
	size_t i;

	for (i = 0; i < credaudit_report_result_count(rep); i++)
		if (strcmp(credaudit_report_result(rep, i)->rule, rule) == 0)
			return credaudit_report_result(rep, i);
	fail_msg("no result for %s", rule);
	return NULL;
}

/* Audit root/user with one rule as of ASOF; check status and findings. */
static struct credaudit_report *
expect(const char *rule, const struct row22 *root, const struct row22 *user,
       enum credaudit_status st, size_t nfind, const char *param)
{
	static char text[8192];
	struct run run = { rule, ASOF, { param, NULL }, NULL, NULL };
	struct credaudit_report *rep;
	const struct credaudit_result *res;

	csv(text, sizeof(text), root, user);
	rep = audit_with(&run, text);
	res = result_of(rep, rule);
	if (res->status != st || res->nfindings != nfind)
		fail_msg("%s: %s with %zu findings, want %s with %zu", rule,
		         credaudit_status_name(res->status), res->nfindings,
		         credaudit_status_name(st), nfind);
	return rep;
}

static void
check(const char *rule, const struct row22 *root, const struct row22 *user,
      enum credaudit_status st, size_t nfind)
{
	credaudit_report_free(expect(rule, root, user, st, nfind, NULL));
}

static void
check_param(const char *rule, const struct row22 *root, const struct row22 *user,
            enum credaudit_status st, size_t nfind, const char *param)
{
	credaudit_report_free(expect(rule, root, user, st, nfind, param));
}

/* The first finding's message contains want. */
static void
check_message(const char *rule, const struct row22 *root, const struct row22 *user,
              const char *credential, const char *want)
{
	struct credaudit_report *rep = expect(rule, root, user, CREDAUDIT_FAIL, 1, NULL);
	const struct credaudit_finding *f = credaudit_report_finding(rep, 0);

	if (strstr(f->message, want) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", f->message, want);
	if (credential != NULL)
		assert_string_equal(f->credential, credential);
	credaudit_report_free(rep);
}

#define PASS CREDAUDIT_PASS
#define FAIL CREDAUDIT_FAIL

static void
test_rules_root_access_key(void **state)
{
	struct row22 r;

	(void)state;
	root_row(&r);
	check("root-access-key", &r, NULL, PASS, 0);
	set(&r, "access_key_2_active", "TRUE");
	check_message("root-access-key", &r, NULL, "access_key_2",
	              "root user has an active access key (access_key_2)");
}

static void
test_rules_root_access_key_inactive(void **state)
{
	struct row22 r;
	char t[32];

	(void)state;
	root_row(&r);
	check("root-access-key-inactive", &r, NULL, PASS, 0);   /* false, N/A */
	set(&r, "access_key_1_last_rotated", ago(t, 400 * DAY, 1));
	check_message("root-access-key-inactive", &r, NULL, "access_key_1",
	              "fails on any root key, the report-based CIS audit only on active");
	set(&r, "access_key_1_active", "true");   /* active: the other rule's */
	check("root-access-key-inactive", &r, NULL, PASS, 0);
}

static void
test_rules_root_mfa(void **state)
{
	struct row22 r;

	(void)state;
	root_row(&r);
	check("root-mfa", &r, NULL, PASS, 0);
	set(&r, "mfa_active", "false");
	check_message("root-mfa", &r, NULL, "mfa", "no MFA device");
	set(&r, "mfa_active", "N/A");   /* unknown is never a pass */
	check_message("root-mfa", &r, NULL, "mfa", "cannot be established");
}

static void
test_rules_root_recent_use_edges(void **state)
{
	struct row22 r;
	char t[32];

	(void)state;
	root_row(&r);
	check("root-recent-use", &r, NULL, PASS, 0);   /* never used: N/A */
	set(&r, "password_last_used", "no_information");
	check("root-recent-use", &r, NULL, PASS, 0);
	set(&r, "password_last_used", ago(t, 90 * DAY, 0));   /* exactly 90: fails */
	check_message("root-recent-use", &r, NULL, "password", "90 days before");
	set(&r, "password_last_used", ago(t, 90 * DAY + 1, 1));
	check("root-recent-use", &r, NULL, PASS, 0);
	set(&r, "password_last_used", ago(t, 91 * DAY, 1));
	check("root-recent-use", &r, NULL, PASS, 0);
	check_param("root-recent-use", &r, NULL, FAIL, 1, "root-recent-use.days=91");
	check_param("root-recent-use", &r, NULL, PASS, 0, "root-recent-use.days=90");
}

static void
test_rules_root_recent_use_most_recent(void **state)
{
	struct row22 r;
	char t[32];

	(void)state;
	root_row(&r);
	set(&r, "password_last_used", ago(t, 50 * DAY, 0));
	set(&r, "access_key_1_active", "true");
	set(&r, "access_key_1_last_rotated", ago(t, 900 * DAY, 0));
	set(&r, "access_key_1_last_used_date", ago(t, 60 * DAY, 1));
	set(&r, "access_key_2_last_used_date", ago(t, 3 * DAY, 1));
	/* the latest of three uses, not the first found */
	check_message("root-recent-use", &r, NULL, "access_key_2",
	              "with its access_key_2, 3 days before");
}

static void
test_rules_root_signing_certificate(void **state)
{
	struct row22 r;

	(void)state;
	root_row(&r);
	check("root-signing-certificate", &r, NULL, PASS, 0);
	set(&r, "cert_2_active", "true");
	check_message("root-signing-certificate", &r, NULL, "cert_2",
	              "active X.509 signing certificate (cert_2), creation date not recorded");
}

static void
test_rules_user_console_without_mfa(void **state)
{
	struct row22 r, u;

	(void)state;
	root_row(&r);
	user_row(&u);
	check("user-console-without-mfa", &r, &u, PASS, 0);   /* no password */
	set(&u, "password_enabled", "true");
	check_message("user-console-without-mfa", &r, &u, "password", "no MFA device");
	set(&u, "mfa_active", "true");
	check("user-console-without-mfa", &r, &u, PASS, 0);
	/* the root row (password_enabled not_supported) is not an IAM user */
	set(&r, "mfa_active", "false");
	check("user-console-without-mfa", &r, &u, PASS, 0);
}

static void
test_rules_access_key_not_rotated(void **state)
{
	struct row22 r, u;
	char t[32];

	(void)state;
	root_row(&r);
	user_row(&u);
	set(&u, "access_key_1_active", "true");
	set(&u, "access_key_1_last_rotated", ago(t, 90 * DAY, 0));   /* exactly 90 */
	check("access-key-not-rotated", &r, &u, PASS, 0);
	set(&u, "access_key_1_last_rotated", ago(t, 91 * DAY, 1));
	check_message("access-key-not-rotated", &r, &u, "access_key_1",
	              "91 days before the as-of time (more than 90)");
	set(&u, "access_key_1_last_rotated", ago(t, 90 * DAY + 1, 0));
	check_message("access-key-not-rotated", &r, &u, "access_key_1",
	              "90 days and 00:00:01 before the as-of time (more than 90)");
	check_param("access-key-not-rotated", &r, &u, PASS, 0,
	            "access-key-not-rotated.days=91");
	/* Past the threshold's day, whole days say it plainly. */
	set(&u, "access_key_1_last_rotated", ago(t, 100 * DAY + 5, 0));
	check_message("access-key-not-rotated", &r, &u, "access_key_1",
	              "100 days before the as-of time (more than 90)");
	set(&u, "access_key_1_active", "false");   /* old but inactive */
	check("access-key-not-rotated", &r, &u, PASS, 0);
	set(&u, "access_key_2_active", "true");    /* active without a date */
	check_message("access-key-not-rotated", &r, &u, "access_key_2",
	              "has no creation date (N/A)");
}

static void
test_rules_credentials_unused_password(void **state)
{
	struct row22 r, u;
	char t[32];

	(void)state;
	root_row(&r);
	user_row(&u);
	check("credentials-unused", &r, &u, PASS, 0);
	set(&u, "password_enabled", "true");
	set(&u, "password_last_changed", ago(t, 400 * DAY, 0));
	set(&u, "password_last_used", ago(t, 45 * DAY, 0));     /* exactly 45 */
	check("credentials-unused", &r, &u, PASS, 0);
	set(&u, "password_last_used", ago(t, 46 * DAY, 1));
	check_message("credentials-unused", &r, &u, "password",
	              "console password last used on");
	set(&u, "password_last_used", ago(t, 45 * DAY + 3661, 0));
	check_message("credentials-unused", &r, &u, "password",
	              "45 days and 01:01:01 before the as-of time (more than 45)");
	check_param("credentials-unused", &r, &u, PASS, 0, "credentials-unused.days=46");
	/* never used: counted from when the password was set */
	set(&u, "password_last_used", "N/A");
	set(&u, "password_last_changed", ago(t, 45 * DAY, 1));
	check("credentials-unused", &r, &u, PASS, 0);
	set(&u, "password_last_changed", ago(t, 46 * DAY, 1));
	check_message("credentials-unused", &r, &u, "password", "(never used)");
	set(&u, "password_last_used", "no_information");
	check_message("credentials-unused", &r, &u, "password", "(no_information)");
}

static void
test_rules_credentials_unused_keys(void **state)
{
	struct row22 r, u;
	char t[32];

	(void)state;
	root_row(&r);
	user_row(&u);
	set(&u, "access_key_1_active", "true");
	set(&u, "access_key_1_last_rotated", ago(t, 45 * DAY, 0));  /* never used */
	check("credentials-unused", &r, &u, PASS, 0);
	set(&u, "access_key_1_last_rotated", ago(t, 46 * DAY, 0));
	check_message("credentials-unused", &r, &u, "access_key_1", "never used");
	set(&u, "access_key_1_last_used_date", ago(t, 2 * DAY, 1));  /* recently */
	check("credentials-unused", &r, &u, PASS, 0);
	set(&u, "access_key_1_last_used_date", ago(t, 46 * DAY + 1, 1));
	check("credentials-unused", &r, &u, FAIL, 1);
	set(&u, "access_key_1_active", "false");    /* inactive keys do not count */
	check("credentials-unused", &r, &u, PASS, 0);
}

static void
test_rules_two_active_keys(void **state)
{
	struct row22 r, u;

	(void)state;
	root_row(&r);
	user_row(&u);
	set(&u, "access_key_1_active", "true");
	check("two-active-keys", &r, &u, PASS, 0);
	set(&u, "access_key_2_active", "true");
	check_message("two-active-keys", &r, &u, NULL, "two active access keys");
}

static void
test_rules_access_key_at_setup(void **state)
{
	struct row22 r, u;

	(void)state;
	root_row(&r);
	user_row(&u);
	set(&u, "password_enabled", "true");
	set(&u, "user_creation_time", "2024-01-01T00:00:00+00:00");
	set(&u, "access_key_1_active", "true");
	set(&u, "access_key_1_last_rotated", "2024-01-01T00:00:10Z");  /* 10 s */
	check_message("access-key-at-setup", &r, &u, "access_key_1",
	              "10 seconds after the user");
	set(&u, "access_key_1_last_rotated", "2024-01-01T00:00:11+00:00");
	check("access-key-at-setup", &r, &u, PASS, 0);
	check_param("access-key-at-setup", &r, &u, FAIL, 1, "access-key-at-setup.seconds=11");
	set(&u, "access_key_1_last_rotated", "2024-01-01T00:00:03Z");
	set(&u, "access_key_1_last_used_date", "2024-02-01T00:00:00Z");   /* used */
	check("access-key-at-setup", &r, &u, PASS, 0);
	set(&u, "access_key_1_last_used_date", "N/A");
	set(&u, "password_enabled", "false");   /* not a console user */
	check("access-key-at-setup", &r, &u, PASS, 0);
	/* A key dated before its user is inconsistent, not "at setup"; the
	 * same second is. */
	set(&u, "password_enabled", "true");
	set(&u, "access_key_1_last_rotated", "2019-01-01T00:00:00Z");
	check("access-key-at-setup", &r, &u, PASS, 0);
	set(&u, "access_key_1_last_rotated", "2023-12-31T23:59:59Z");
	check("access-key-at-setup", &r, &u, PASS, 0);
	set(&u, "access_key_1_last_rotated", "2024-01-01T00:00:00Z");
	check_message("access-key-at-setup", &r, &u, "access_key_1",
	              "0 seconds after the user");
}

/* The 16-column layout (before 2015): rules whose columns it lacks are
 * not evaluated, with the reason; the others run. */
static void
test_rules_not_evaluated_old_layout(void **state)
{
	static const char text[] =
		"user,arn,user_creation_time,password_enabled,password_last_used,"
		"password_last_changed,password_next_rotation,mfa_active,"
		"access_key_1_active,access_key_1_last_rotated,access_key_2_active,"
		"access_key_2_last_rotated,cert_1_active,cert_1_last_rotated,"
		"cert_2_active,cert_2_last_rotated\n"
		"<root_account>," ROOT_ARN ",2013-01-01T00:00:00+00:00,not_supported,"
		"2014-05-20T08:14:02+00:00,not_supported,not_supported,true,false,N/A,"
		"false,N/A,false,N/A,false,N/A\n";
	static const char *const absent[] = {
		"root-recent-use", "credentials-unused", "access-key-at-setup"
	};
	struct run run = { NULL, ASOF, { NULL }, NULL, NULL };
	struct credaudit_report *rep = audit_with(&run, text);
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		const struct credaudit_result *res = result_of(rep, absent[i]);

		assert_int_equal(res->status, CREDAUDIT_NOT_EVALUATED);
		assert_non_null(strstr(res->reason, "access_key_1_last_used_date"));
	}
	assert_int_equal(result_of(rep, "root-mfa")->status, CREDAUDIT_PASS);
	assert_int_equal(result_of(rep, "root-access-key-inactive")->status, CREDAUDIT_PASS);
	assert_int_equal(result_of(rep, "access-key-not-rotated")->status, CREDAUDIT_PASS);
	credaudit_report_free(rep);
}

/* No timestamp in the report and no --as-of: age rules are not evaluated. */
static void
test_rules_not_evaluated_without_as_of(void **state)
{
	static char text[8192];
	struct run run = { NULL, NULL, { NULL }, NULL, NULL };
	struct row22 r, u;
	struct credaudit_report *rep;

	(void)state;
	root_row(&r);
	user_row(&u);
	set(&r, "user_creation_time", "N/A");
	set(&u, "user_creation_time", "N/A");
	csv(text, sizeof(text), &r, &u);
	rep = audit_with(&run, text);
	assert_int_equal(credaudit_report_as_of(rep, NULL), CREDAUDIT_ASOF_NONE);
	assert_int_equal(result_of(rep, "root-recent-use")->status, CREDAUDIT_NOT_EVALUATED);
	assert_non_null(strstr(result_of(rep, "credentials-unused")->reason, "no as-of time"));
	assert_int_equal(result_of(rep, "access-key-not-rotated")->status,
	                 CREDAUDIT_NOT_EVALUATED);
	assert_int_equal(result_of(rep, "root-mfa")->status, CREDAUDIT_PASS);
	credaudit_report_free(rep);
}

/* Without --as-of, age rules wait for the report's latest timestamp. */
static void
test_rules_deferred_as_of(void **state)
{
	static char text[8192];
	struct run run = { NULL, NULL, { NULL }, NULL, NULL };
	struct row22 r, u;
	struct credaudit_report *rep;

	(void)state;
	root_row(&r);
	user_row(&u);
	set(&r, "password_last_used", "2024-01-01T00:00:00Z");
	set(&u, "access_key_1_active", "true");
	set(&u, "access_key_1_last_rotated", "2023-10-03T00:00:00Z");  /* 90 days */
	set(&u, "access_key_1_last_used_date", "2024-01-01T00:00:00Z");
	csv(text, sizeof(text), &r, &u);
	rep = audit_with(&run, text);
	assert_int_equal(credaudit_report_as_of(rep, NULL), CREDAUDIT_ASOF_REPORT_LATEST);
	/* Exactly 90 days passes, but only as of a lower bound. */
	assert_int_equal(result_of(rep, "access-key-not-rotated")->status,
	                 CREDAUDIT_NOT_EVALUATED);
	assert_non_null(strstr(result_of(rep, "access-key-not-rotated")->reason,
	                       "passes only as of 2024-01-01T00:00:00Z, a lower bound"));
	assert_int_equal(result_of(rep, "root-recent-use")->status, CREDAUDIT_FAIL);
	credaudit_report_free(rep);
	/* A day more fails, lower bound or not. */
	set(&u, "access_key_1_last_rotated", "2023-10-02T00:00:00Z");
	csv(text, sizeof(text), &r, &u);
	rep = audit_with(&run, text);
	assert_int_equal(result_of(rep, "access-key-not-rotated")->status, CREDAUDIT_FAIL);
	credaudit_report_free(rep);
}

static void
test_rules_params_and_benchmarks(void **state)
{
	static const char *const bad[] = {
		"nope.days=1", "credentials-unused.weeks=1", "credentials-unused.days=x",
		"credentials-unused.days=-1", "credentials-unused.days=99999999",
		"credentials-unused", "two-active-keys.days=3", "credentials-unused.days=",
	};
	struct credaudit_opts o;
	struct credaudit_error err;
	struct credaudit_audit *a;
	const char *p[2];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&o, 0, sizeof(o));
		memset(&err, 0, sizeof(err));
		p[0] = bad[i];
		o.params = p;
		o.nparams = 1;
		assert_null(credaudit_audit_new(&o, &err));
		assert_int_equal(err.code, CREDAUDIT_ERR_USAGE);
	}
	memset(&o, 0, sizeof(o));
	o.benchmark = "cis-9.9";
	assert_null(credaudit_audit_new(&o, &err));
	/* the benchmark first, then --param */
	o.benchmark = "cis-1.2";
	a = credaudit_audit_new(&o, NULL);
	assert_int_equal(credaudit_audit_param(a, "credentials-unused", "days"), 90);
	assert_string_equal(credaudit_audit_benchmark(a), "cis-1.2");
	credaudit_audit_free(a);
	p[0] = "credentials-unused.days=30";
	o.params = p;
	o.nparams = 1;
	a = credaudit_audit_new(&o, NULL);
	assert_int_equal(credaudit_audit_param(a, "credentials-unused", "days"), 30);
	assert_int_equal(credaudit_audit_param(a, "root-recent-use", "days"), 90);
	assert_int_equal(credaudit_audit_param(a, "nope", "days"), -1);
	credaudit_audit_free(a);
	o.benchmark = "cis-3.0";
	o.nparams = 0;
	a = credaudit_audit_new(&o, NULL);
	assert_int_equal(credaudit_audit_param(a, "credentials-unused", "days"), 45);
	credaudit_audit_free(a);
}

/* A benchmark puts its clause number on each result. */
static void
test_rules_benchmark_clauses(void **state)
{
	static char text[8192];
	struct row22 r;
	struct run run = { NULL, ASOF, { NULL }, "cis-1.2", NULL };
	struct credaudit_report *rep;

	(void)state;
	root_row(&r);
	csv(text, sizeof(text), &r, NULL);
	rep = audit_with(&run, text);
	assert_string_equal(result_of(rep, "root-access-key")->clause, "1.12");
	assert_string_equal(result_of(rep, "credentials-unused")->clause, "1.3");
	assert_null(result_of(rep, "two-active-keys")->clause);   /* not in 1.2.0 */
	credaudit_report_free(rep);
	run.benchmark = "cis-1.4";
	rep = audit_with(&run, text);
	assert_string_equal(result_of(rep, "root-access-key")->clause, "1.4");
	assert_string_equal(result_of(rep, "two-active-keys")->clause, "1.13");
	credaudit_report_free(rep);
	run.benchmark = "cis-5.0";   /* 5.0.0 renumbered section 1 */
	rep = audit_with(&run, text);
	assert_string_equal(result_of(rep, "root-access-key")->clause, "1.3");
	assert_string_equal(result_of(rep, "credentials-unused")->clause, "1.11");
	credaudit_report_free(rep);
	run.benchmark = NULL;
	rep = audit_with(&run, text);
	assert_null(result_of(rep, "root-access-key")->clause);
	credaudit_report_free(rep);
}

/* ---- waivers ---- */

static char waiver_path[64];

static void
write_waivers(const char *json)
{
	FILE *fp;
	int fd;

	strcpy(waiver_path, "/tmp/credaudit-waiver-XXXXXX");
	fd = mkstemp(waiver_path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fputs(json, fp);
	assert_int_equal(fclose(fp), 0);
}

/* Two active keys for alice, audited with the waiver file json. */
static struct credaudit_report *
audit_waived(const char *json)
{
	static char text[8192];
	struct run run = { "two-active-keys", ASOF, { NULL }, NULL, waiver_path };
	struct row22 r, u;
	struct credaudit_report *rep;

	root_row(&r);
	user_row(&u);
	set(&u, "access_key_1_active", "true");
	set(&u, "access_key_2_active", "true");
	csv(text, sizeof(text), &r, &u);
	write_waivers(json);
	rep = audit_with(&run, text);
	remove(waiver_path);
	assert_int_equal(credaudit_report_finding_count(rep), 1);
	return rep;
}

#define WAIVER(account, user, expires) \
	"{\"waivers\": [{\"rule\": \"two-active-keys\", \"account\": \"" account \
	"\", " user "\"justification\": \"rotation under way\", \"owner\": " \
	"\"sec@example.com\", \"expires\": \"" expires "\"}]}"

static void
test_rules_waiver_applies(void **state)
{
	struct credaudit_report *rep;
	const struct credaudit_finding *f;

	(void)state;
	rep = audit_waived(WAIVER(ACCT, "\"user\": \"alice\", ", "2024-06-30"));
	f = credaudit_report_finding(rep, 0);
	assert_int_equal(f->waiver.state, CREDAUDIT_WAIVER_APPLIED);
	assert_string_equal(f->waiver.justification, "rotation under way");
	assert_string_equal(f->waiver.owner, "sec@example.com");
	assert_int_equal(f->waiver.entry, 1);
	assert_int_equal(credaudit_report_blocking(rep, CREDAUDIT_SEV_LOW), 0);
	assert_int_equal(credaudit_report_waived(rep), 1);
	assert_int_equal(result_of(rep, "two-active-keys")->nwaived, 1);
	assert_int_equal(result_of(rep, "two-active-keys")->status, CREDAUDIT_WAIVED);
	credaudit_report_free(rep);
	/* "*" and no user: every account and user; a date lasts its whole day */
	rep = audit_waived(WAIVER("*", "", "2024-06-01"));
	assert_int_equal(credaudit_report_finding(rep, 0)->waiver.state,
	                 CREDAUDIT_WAIVER_APPLIED);
	credaudit_report_free(rep);
}

static void
test_rules_waiver_other_account_or_user(void **state)
{
	struct credaudit_report *rep;

	(void)state;
	rep = audit_waived(WAIVER("999999999999", "", "2030-01-01"));
	assert_int_equal(credaudit_report_finding(rep, 0)->waiver.state,
	                 CREDAUDIT_WAIVER_NONE);
	assert_int_equal(credaudit_report_blocking(rep, CREDAUDIT_SEV_LOW), 1);
	credaudit_report_free(rep);
	rep = audit_waived(WAIVER(ACCT, "\"user\": \"bob\", ", "2030-01-01"));
	assert_int_equal(credaudit_report_finding(rep, 0)->waiver.state,
	                 CREDAUDIT_WAIVER_NONE);
	credaudit_report_free(rep);
}

static void
test_rules_waiver_expired(void **state)
{
	struct credaudit_report *rep;
	const struct credaudit_finding *f;

	(void)state;
	rep = audit_waived(WAIVER(ACCT, "", "2024-05-31"));   /* the day before */
	f = credaudit_report_finding(rep, 0);
	assert_int_equal(f->waiver.state, CREDAUDIT_WAIVER_EXPIRED);
	assert_string_equal(f->waiver.expires, "2024-05-31");
	assert_int_equal(credaudit_report_blocking(rep, CREDAUDIT_SEV_LOW), 1);
	assert_int_equal(credaudit_report_waived(rep), 0);
	credaudit_report_free(rep);
	rep = audit_waived(WAIVER(ACCT, "", "2024-06-01T00:00:00Z"));   /* at as-of */
	assert_int_equal(credaudit_report_finding(rep, 0)->waiver.state,
	                 CREDAUDIT_WAIVER_EXPIRED);
	credaudit_report_free(rep);
}

static void
test_rules_waiver_malformed(void **state)
{
	static const char *const bad[] = {
		"{\"waivers\": [",
		"[]",
		"{\"waivers\": {}}",
		"{\"waivers\": [], \"extra\": 1}",
		"{\"waivers\": [{\"rule\": \"nope\", \"account\": \"*\", \"justification\": "
		"\"j\", \"owner\": \"o\", \"expires\": \"2030-01-01\"}]}",
		"{\"waivers\": [{\"rule\": \"root-mfa\", \"account\": \"*\", "
		"\"owner\": \"o\", \"expires\": \"2030-01-01\"}]}",
		"{\"waivers\": [{\"rule\": \"root-mfa\", \"account\": \"*\", "
		"\"justification\": \"j\", \"owner\": \"o\"}]}",
		"{\"waivers\": [{\"rule\": \"root-mfa\", \"account\": \"*\", "
		"\"justification\": \"\", \"owner\": \"o\", \"expires\": \"2030-01-01\"}]}",
		"{\"waivers\": [{\"rule\": \"root-mfa\", \"account\": \"12 34\", "
		"\"justification\": \"j\", \"owner\": \"o\", \"expires\": \"2030-01-01\"}]}",
		"{\"waivers\": [{\"rule\": \"root-mfa\", \"account\": \"*\", "
		"\"justification\": \"j\", \"owner\": \"o\", \"expires\": \"soon\"}]}",
		"{\"waivers\": [{\"rule\": \"root-mfa\", \"account\": \"*\", \"expiry\": "
		"\"2030-01-01\", \"justification\": \"j\", \"owner\": \"o\", "
		"\"expires\": \"2030-01-01\"}]}",
	};
	struct credaudit_opts o;
	struct credaudit_error err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&o, 0, sizeof(o));
		memset(&err, 0, sizeof(err));
		write_waivers(bad[i]);
		o.waivers = waiver_path;
		if (credaudit_audit_new(&o, &err) != NULL)
			fail_msg("accepted bad waiver file %zu: %s", i, bad[i]);
		remove(waiver_path);
		assert_int_equal(err.code, CREDAUDIT_ERR_USAGE);
	}
	o.waivers = "/nonexistent/waivers.json";
	assert_null(credaudit_audit_new(&o, &err));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_root_access_key),
		cmocka_unit_test(test_rules_root_access_key_inactive),
		cmocka_unit_test(test_rules_root_mfa),
		cmocka_unit_test(test_rules_root_recent_use_edges),
		cmocka_unit_test(test_rules_root_recent_use_most_recent),
		cmocka_unit_test(test_rules_root_signing_certificate),
		cmocka_unit_test(test_rules_user_console_without_mfa),
		cmocka_unit_test(test_rules_access_key_not_rotated),
		cmocka_unit_test(test_rules_credentials_unused_password),
		cmocka_unit_test(test_rules_credentials_unused_keys),
		cmocka_unit_test(test_rules_two_active_keys),
		cmocka_unit_test(test_rules_access_key_at_setup),
		cmocka_unit_test(test_rules_not_evaluated_old_layout),
		cmocka_unit_test(test_rules_not_evaluated_without_as_of),
		cmocka_unit_test(test_rules_deferred_as_of),
		cmocka_unit_test(test_rules_params_and_benchmarks),
		cmocka_unit_test(test_rules_benchmark_clauses),
		cmocka_unit_test(test_rules_waiver_applies),
		cmocka_unit_test(test_rules_waiver_other_account_or_user),
		cmocka_unit_test(test_rules_waiver_expired),
		cmocka_unit_test(test_rules_waiver_malformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
