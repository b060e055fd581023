/*
 * test_identity.c - who a row is (src/model/identity.c): the ARN split
 * into partition, account and resource, the root row's ":root", one account
 * per report, and IAM's limits on user names, paths and ARNs, each error at
 * the row's line and the field of the column, with its exact message.
 */
#include "testutil.h"

#include <stdio.h>

#include "model/identity.h"

#define F_USER 1
#define F_ARN 2

/* A row of file "id.csv" on line whose user is user and arn arn (the
 * strings must outlive the row). */
static struct row
row_of(unsigned long line, const char *user, const char *arn)
{
	struct row r;

	memset(&r, 0, sizeof(r));
	r.file = "id.csv";
	r.line = line;
	r.f[COL_USER] = user;
	r.n[COL_USER] = strlen(user);
	r.fieldno[COL_USER] = F_USER;
	r.f[COL_ARN] = arn;
	r.n[COL_ARN] = strlen(arn);
	r.fieldno[COL_ARN] = F_ARN;
	r.is_root = strcmp(user, ROOT_USER) == 0;
	return r;
}

/* One test's identity, the arena its strings live in, and the error of
 * its last check. */
struct idt {
	struct identity id;
	struct arena a;
	struct credaudit_error err;
};

FIXTURE(idt, t, arena_free(&t->a))

/* Start t over: no account known yet. */
static void
idt_reset(struct idt *t)
{
	arena_free(&t->a);
	memset(t, 0, sizeof(*t));
}

/* identity_check of one row against t->id; its error in t->err. */
static int
check(struct idt *t, unsigned long line, const char *user, const char *arn)
{
	struct row r = row_of(line, user, arn);

	memset(&t->err, 0, sizeof(t->err));
	return identity_check(&t->id, &r, &t->a, &t->err);
}

/* The outcome rc, err of checking what: 0 when text is NULL, else -1 with
 * an input error of "id.csv" at line and column saying exactly text. */
static void
expect(int rc, const struct credaudit_error *err, const char *what,
       unsigned long line, unsigned long column, const char *text)
{
	if (text == NULL) {
		if (rc != 0)
			fail_msg("refused \"%s\": %s", what, err->text);
		return;
	}
	if (rc != -1)
		fail_msg("accepted \"%s\"", what);
	assert_int_equal(err->code, CREDAUDIT_ERR_INPUT);
	assert_string_equal(err->file, "id.csv");
	assert_int_equal(err->line, line);
	assert_int_equal(err->column, column);
	assert_string_equal(err->text, text);
}

/* n copies of s (a character of one or more bytes) into buf. */
static char *
repeat(char *buf, size_t size, const char *s, size_t n)
{
	size_t k = strlen(s), i;

	assert_true(n * k < size);
	for (i = 0; i < n; i++)
		memcpy(buf + i * k, s, k);
	buf[n * k] = '\0';
	return buf;
}

enum part { ACCOUNT, PARTITION };

/*
 * The <root_account> row on line whose arn is tmpl with each of values in
 * place of its "%s", each checked against an identity of its own: refused
 * with exactly refusal, no account taken; or, refusal NULL, accepted with
 * the value as the ARN's part.
 */
static void
check_each(struct idt *t, const char *tmpl, const char *const *values, size_t n,
           unsigned long line, const char *refusal, enum part part)
{
	const char *p = strstr(tmpl, "%s");
	char arn[300];
	size_t i;

	assert_non_null(p);
	for (i = 0; i < n; i++) {
		snprintf(arn, sizeof(arn), "%.*s%s%s", (int)(p - tmpl), tmpl, values[i], p + 2);
		idt_reset(t);
		expect(check(t, line, ROOT_USER, arn), &t->err, arn, line, F_ARN, refusal);
		if (refusal != NULL)
			assert_null(t->id.account);
		else
			assert_string_equal(part == ACCOUNT ? t->id.account : t->id.partition,
			                    values[i]);
	}
}

#define NOT_IAM \
	"arn is not an IAM ARN (arn:PARTITION:iam::ACCOUNT:...): the row cannot " \
	"be attributed to an account"
#define BAD_PARTITION \
	"arn's partition is not [a-z][a-z0-9-]* (aws, aws-cn, aws-us-gov, ...): " \
	"the row cannot be attributed to an account"
#define BAD_ACCOUNT \
	"arn's account is not an account id (1 to 64 letters, digits, '.', '_', " \
	"'-'; AWS writes 12 digits): the row cannot be attributed to an account"
#define ROOT_NOT_ROOT \
	"the <root_account> row's arn does not end in ':root': the root user " \
	"cannot be identified, the report cannot be audited"
#define USER_IS_ROOT \
	"a row that is not <root_account> carries the root user's arn: the " \
	"report is inconsistent and cannot be audited"

static void
test_identity_first_row_sets_account_and_partition(void **state)
{
	struct idt *t = *state;

	assert_int_equal(check(t, 2, ROOT_USER, "arn:aws-us-gov:iam::123456789012:root"), 0);
	assert_int_equal(t->err.code, 0);
	assert_string_equal(t->id.account, "123456789012");
	assert_string_equal(t->id.partition, "aws-us-gov");
	assert_string_equal(t->id.arn_prefix, "arn:aws-us-gov:iam::123456789012:");
	assert_int_equal(t->id.narn_prefix, strlen("arn:aws-us-gov:iam::123456789012:"));
	assert_int_equal(t->id.first_line, 2);
	/* later rows of the same account keep what the first set */
	assert_int_equal(check(t, 3, "bob", "arn:aws-us-gov:iam::123456789012:user/ops/bob"),
	                 0);
	assert_string_equal(t->id.account, "123456789012");
	assert_int_equal(t->id.first_line, 2);
}

static void
test_identity_user_row_may_come_first(void **state)
{
	struct idt *t = *state;

	assert_int_equal(check(t, 2, "alice", "arn:aws-cn:iam::test:user/alice"), 0);
	assert_string_equal(t->id.account, "test");
	assert_string_equal(t->id.partition, "aws-cn");
	assert_int_equal(check(t, 3, ROOT_USER, "arn:aws-cn:iam::test:root"), 0);
	assert_int_equal(t->id.first_line, 2);
}

static void
test_identity_not_an_iam_arn(void **state)
{
	static const char *const bad[] = {
		"", "arn", "arn:", "ARN:aws:iam::111122223333:root", " arn:aws:iam::1:root",
		"arn:aws:s3:::bucket", "arn:aws:iam:us-east-1:111122223333:root",
		"arn::iam::111122223333:root", "arn:aws:iam:::root",
		"arn:aws:iam::111122223333", "arn:aws", "arn:aws:iam:",
		"urn:aws:iam::111122223333:root", "arn:aws:sts::111122223333:root",
	};

	check_each(*state, "%s", bad, NELEM(bad), 5, NOT_IAM, ACCOUNT);
}

static void
test_identity_partition_form(void **state)
{
	static const char *const bad[] = {
		"AWS", "Aws", "1aws", "-aws", "aws_cn", "aws.cn", "aws cn", "aws\x1b[31m",
		"aws/cn", "\xc3\xa4ws",
	};
	static const char *const good[] = {
		"aws", "aws-cn", "aws-us-gov", "aws-iso-b", "a", "x9-", "aws-eusc",
	};
	static const char tmpl[] = "arn:%s:iam::111122223333:root";

	check_each(*state, tmpl, bad, NELEM(bad), 2, BAD_PARTITION, PARTITION);
	check_each(*state, tmpl, good, NELEM(good), 2, NULL, PARTITION);
}

static void
test_identity_account_form_and_length(void **state)
{
	static const char *const bad[] = {
		"1111 2222", "1111\t2222", "acct!", "acct/1", "\xc3\xa9t\xc3\xa9", "*",
		"11112222333\x1b", "a+b",
	};
	static const char *const good[] = {
		"111122223333", "test", "fakearn", "0123456789", "a.b_c-D", "1",
	};
	static const char tmpl[] = "arn:aws:iam::%s:root";
	struct idt *t = *state;
	char arn[300], acct[80];

	check_each(t, tmpl, bad, NELEM(bad), 2, BAD_ACCOUNT, ACCOUNT);
	check_each(t, tmpl, good, NELEM(good), 2, NULL, ACCOUNT);
	/* 64 characters are an account id, 65 are not */
	idt_reset(t);
	snprintf(arn, sizeof(arn), "arn:aws:iam::%s:root", repeat(acct, sizeof(acct), "7", 64));
	assert_int_equal(check(t, 2, ROOT_USER, arn), 0);
	assert_int_equal(strlen(t->id.account), 64);
	snprintf(arn, sizeof(arn), "arn:aws:iam::%s:user/bob",
	         repeat(acct, sizeof(acct), "7", 65));
	expect(check(t, 3, "bob", arn), &t->err, arn, 3, F_ARN, BAD_ACCOUNT);
}

static void
test_identity_root_row_ends_in_root(void **state)
{
	static const char *const bad[] = {
		"arn:aws:iam::111122223333:user/root", "arn:aws:iam::111122223333:rootx",
		"arn:aws:iam::111122223333:root/x", "arn:aws:iam::111122223333:Root",
		"arn:aws:iam::111122223333:", "arn:aws:iam::111122223333:root ",
		"arn:aws:iam::111122223333:user/<root_account>",
	};

	check_each(*state, "%s", bad, NELEM(bad), 2, ROOT_NOT_ROOT, ACCOUNT);
}

static void
test_identity_root_arn_on_other_row(void **state)
{
	static const char user_x[] = "arn:aws:iam::" ACCT ":user/x";
	struct idt *t = *state;

	/* before any account is known */
	expect(check(t, 2, "root", ROOT_ARN), &t->err, ROOT_ARN, 2, F_ARN, USER_IS_ROOT);
	/* after: the row matches the first row's prefix, and still fails */
	assert_int_equal(check(t, 2, ROOT_USER, ROOT_ARN), 0);
	assert_int_equal(check(t, 3, "bob", "arn:aws:iam::" ACCT ":user/bob"), 0);
	expect(check(t, 4, "mallory", ROOT_ARN), &t->err, ROOT_ARN, 4, F_ARN, USER_IS_ROOT);
	/* a root row after a user row must still end in :root */
	expect(check(t, 5, ROOT_USER, user_x), &t->err, user_x, 5, F_ARN, ROOT_NOT_ROOT);
}

static void
test_identity_one_account_per_report(void **state)
{
	static const char *const other[] = {
		"arn:aws:iam::444455556666:user/bob",      /* another account */
		"arn:aws:iam::11112222333:user/bob",       /* a prefix of it */
		"arn:aws:iam::1111222233334:user/bob",     /* it is a prefix */
		"arn:aws-cn:iam::111122223333:user/bob",   /* another partition */
		"arn:aws:iam::111122223333x:user/bob",
	};
	struct idt *t = *state;
	size_t i;

	for (i = 0; i < NELEM(other); i++) {
		idt_reset(t);
		assert_int_equal(check(t, 2, ROOT_USER, ROOT_ARN), 0);
		expect(check(t, 7, "bob", other[i]), &t->err, other[i], 7, F_ARN,
		       "arn names another account than line 2: one report covers one "
		       "account, this file mixes several");
	}
}

/* A row for identity_check_lengths (on line 9): the user name is uunit
 * un times ("bob" when uunit is NULL), the arn head, unit n times, tail;
 * refused at column with exactly text, or (text NULL) within the limits. */
struct lencase {
	const char *uunit;
	size_t un;
	const char *head, *unit;
	size_t n;
	const char *tail;
	unsigned long column;
	const char *text;
};

#define HEAD "arn:aws:iam::1:"
#define USER HEAD "user/"
#define HEADLEN (sizeof(HEAD) - 1)
#define USER_65 \
	"user name is 65 characters long: IAM limits user names to 64, the report " \
	"is malformed"
#define PATH_513 \
	"arn's path is 513 characters long: IAM limits paths to 512, the report " \
	"is malformed"

/* The arn of case c, in arn. */
static const char *
arn_of(char *arn, size_t size, const struct lencase *c)
{
	static char part[4200];

	snprintf(arn, size, "%s%s%s", c->head, repeat(part, sizeof(part), c->unit, c->n),
	         c->tail);
	return arn;
}

static void
test_identity_length_limits(void **state)
{
	static const struct lencase cases[] = {
		/* characters, not bytes: 64 of two bytes each are 64 */
		{ "u", 64, USER, "u", 64, "", 0, NULL },
		{ "\xc3\xa9", 64, USER, "\xc3\xa9", 64, "", 0, NULL },
		{ "\xe2\x82\xac", 65, USER, "x", 1, "", F_USER, USER_65 },
		/* no '/' at all: only the ARN's own limit applies, in characters */
		{ NULL, 0, HEAD, "r", 2048 - HEADLEN, "", 0, NULL },
		{ NULL, 0, HEAD, "r", 2049 - HEADLEN, "", F_ARN,
		  "arn is 2049 characters long: AWS limits ARNs to 2048, the report is "
		  "malformed" },
		{ NULL, 0, HEAD, "\xc3\xa9", 2048 - HEADLEN, "", 0, NULL },
		/* the path runs from the first '/' to the last, both included;
		 * slashes inside it count as well */
		{ NULL, 0, USER, "p", 510, "/bob", 0, NULL },
		{ NULL, 0, USER, "p", 511, "/bob", F_ARN, PATH_513 },
		{ NULL, 0, USER, "a/", 255, "a/bob", F_ARN, PATH_513 },
		/* the name after the path; the user field is checked first, its
		 * error wins */
		{ NULL, 0, USER "ops/", "n", 64, "", 0, NULL },
		{ NULL, 0, USER "ops/", "n", 65, "", F_ARN,
		  "arn's user name is 65 characters long: IAM limits user names to 64, "
		  "the report is malformed" },
		{ "n", 65, USER "ops/", "n", 65, "", F_USER, USER_65 },
	};
	char user[400], arn[4400];
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		const struct lencase *c = &cases[i];
		struct credaudit_error err;
		struct row r;

		if (c->uunit != NULL)
			repeat(user, sizeof(user), c->uunit, c->un);
		else
			strcpy(user, "bob");
		r = row_of(9, user, arn_of(arn, sizeof(arn), c));
		memset(&err, 0, sizeof(err));
		expect(identity_check_lengths(&r, &err), &err, arn, 9, c->column, c->text);
	}
	/* the ARN at its limit is 2048 bytes of text */
	assert_int_equal(strlen(arn_of(arn, sizeof(arn), &cases[3])), 2048);
}

/* Through the audit: the error is the report's, at the row and field. */
static void
test_identity_errors_through_audit(void **state)
{
	static const char mixed[] =
		HDR22 ROOT_PASS
		"bob,arn:aws:iam::444455556666:user/bob,2020-01-15T12:00:00+00:00,"
		"false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,"
		"false,N/A,false,N/A\n";
	static const char partition[] =
		HDR22 "<root_account>,arn:AWS:iam::" ACCT ":root,2019-03-04T10:00:00+00:00,"
		"not_supported,N/A,not_supported,not_supported,true,false,N/A,N/A,N/A,"
		"N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n";
	struct credaudit_report *rep;

	(void)state;
	rep = audit_str(mixed);
	assert_input_error(rep, 3, 2, "arn names another account than line 2");
	assert_null(credaudit_report_account(rep));
	credaudit_report_free(rep);
	rep = audit_str(partition);
	assert_input_error(rep, 2, 2, "arn's partition is not");
	credaudit_report_free(rep);
	rep = audit_str(HDR22 ROOT_PASS);
	assert_null(credaudit_report_error(rep));
	assert_string_equal(credaudit_report_account(rep), ACCT);
	assert_string_equal(credaudit_report_partition(rep), "aws");
	credaudit_report_free(rep);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		FIXTURE_TEST(idt, test_identity_first_row_sets_account_and_partition),
		FIXTURE_TEST(idt, test_identity_user_row_may_come_first),
		FIXTURE_TEST(idt, test_identity_not_an_iam_arn),
		FIXTURE_TEST(idt, test_identity_partition_form),
		FIXTURE_TEST(idt, test_identity_account_form_and_length),
		FIXTURE_TEST(idt, test_identity_root_row_ends_in_root),
		FIXTURE_TEST(idt, test_identity_root_arn_on_other_row),
		FIXTURE_TEST(idt, test_identity_one_account_per_report),
		cmocka_unit_test(test_identity_length_limits),
		cmocka_unit_test(test_identity_errors_through_audit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
