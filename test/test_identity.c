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

/* identity_check of one row against id; the error when it fails. */
static int
check(struct identity *id, struct arena *a, unsigned long line, const char *user,
      const char *arn, struct credaudit_error *err)
{
	struct row r = row_of(line, user, arn);

	memset(err, 0, sizeof(*err));
	return identity_check(id, &r, a, err);
}

/* An input error at line, the arn's field, with exactly text. */
static void
assert_arn_error(const struct credaudit_error *err, unsigned long line,
                 const char *text)
{
	assert_int_equal(err->code, CREDAUDIT_ERR_INPUT);
	assert_string_equal(err->file, "id.csv");
	assert_int_equal(err->line, line);
	assert_int_equal(err->column, F_ARN);
	assert_string_equal(err->text, text);
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
	struct identity id = { 0 };
	struct arena a = { NULL };
	struct credaudit_error err;

	(void)state;
	assert_int_equal(check(&id, &a, 2, ROOT_USER,
	                       "arn:aws-us-gov:iam::123456789012:root", &err), 0);
	assert_int_equal(err.code, 0);
	assert_string_equal(id.account, "123456789012");
	assert_string_equal(id.partition, "aws-us-gov");
	assert_string_equal(id.arn_prefix, "arn:aws-us-gov:iam::123456789012:");
	assert_int_equal(id.narn_prefix, strlen("arn:aws-us-gov:iam::123456789012:"));
	assert_int_equal(id.first_line, 2);
	/* later rows of the same account keep what the first set */
	assert_int_equal(check(&id, &a, 3, "bob",
	                       "arn:aws-us-gov:iam::123456789012:user/ops/bob", &err), 0);
	assert_string_equal(id.account, "123456789012");
	assert_int_equal(id.first_line, 2);
	arena_free(&a);
}

static void
test_identity_user_row_may_come_first(void **state)
{
	struct identity id = { 0 };
	struct arena a = { NULL };
	struct credaudit_error err;

	(void)state;
	assert_int_equal(check(&id, &a, 2, "alice", "arn:aws-cn:iam::test:user/alice",
	                       &err), 0);
	assert_string_equal(id.account, "test");
	assert_string_equal(id.partition, "aws-cn");
	assert_int_equal(check(&id, &a, 3, ROOT_USER, "arn:aws-cn:iam::test:root", &err), 0);
	assert_int_equal(id.first_line, 2);
	arena_free(&a);
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
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct identity id = { 0 };
		struct arena a = { NULL };
		struct credaudit_error err;

		if (check(&id, &a, 5, ROOT_USER, bad[i], &err) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
		assert_arn_error(&err, 5, NOT_IAM);
		assert_null(id.account);
		arena_free(&a);
	}
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
	char arn[200];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct identity id = { 0 };
		struct arena a = { NULL };
		struct credaudit_error err;

		snprintf(arn, sizeof(arn), "arn:%s:iam::111122223333:root", bad[i]);
		if (check(&id, &a, 2, ROOT_USER, arn, &err) != -1)
			fail_msg("accepted partition \"%s\"", bad[i]);
		assert_arn_error(&err, 2, BAD_PARTITION);
		arena_free(&a);
	}
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		struct identity id = { 0 };
		struct arena a = { NULL };
		struct credaudit_error err;

		snprintf(arn, sizeof(arn), "arn:%s:iam::111122223333:root", good[i]);
		if (check(&id, &a, 2, ROOT_USER, arn, &err) != 0)
			fail_msg("refused partition \"%s\": %s", good[i], err.text);
		assert_string_equal(id.partition, good[i]);
		arena_free(&a);
	}
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
	char arn[300], acct[80];
	size_t i;
	struct identity id = { 0 };
	struct arena a = { NULL };
	struct credaudit_error err;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct identity fresh = { 0 };

		snprintf(arn, sizeof(arn), "arn:aws:iam::%s:root", bad[i]);
		if (check(&fresh, &a, 2, ROOT_USER, arn, &err) != -1)
			fail_msg("accepted account \"%s\"", bad[i]);
		assert_arn_error(&err, 2, BAD_ACCOUNT);
	}
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		struct identity fresh = { 0 };

		snprintf(arn, sizeof(arn), "arn:aws:iam::%s:root", good[i]);
		if (check(&fresh, &a, 2, ROOT_USER, arn, &err) != 0)
			fail_msg("refused account \"%s\": %s", good[i], err.text);
		assert_string_equal(fresh.account, good[i]);
	}
	/* 64 characters are an account id, 65 are not */
	memset(acct, '7', 64);
	acct[64] = '\0';
	snprintf(arn, sizeof(arn), "arn:aws:iam::%s:root", acct);
	assert_int_equal(check(&id, &a, 2, ROOT_USER, arn, &err), 0);
	assert_int_equal(strlen(id.account), 64);
	memset(acct, '7', 65);
	acct[65] = '\0';
	snprintf(arn, sizeof(arn), "arn:aws:iam::%s:user/bob", acct);
	assert_int_equal(check(&id, &a, 3, "bob", arn, &err), -1);
	assert_arn_error(&err, 3, BAD_ACCOUNT);
	arena_free(&a);
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
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct identity id = { 0 };
		struct arena a = { NULL };
		struct credaudit_error err;

		if (check(&id, &a, 2, ROOT_USER, bad[i], &err) != -1)
			fail_msg("root row accepted with \"%s\"", bad[i]);
		assert_arn_error(&err, 2, ROOT_NOT_ROOT);
		arena_free(&a);
	}
}

static void
test_identity_root_arn_on_other_row(void **state)
{
	struct identity id = { 0 };
	struct arena a = { NULL };
	struct credaudit_error err;

	(void)state;
	/* before any account is known */
	assert_int_equal(check(&id, &a, 2, "root", ROOT_ARN, &err), -1);
	assert_arn_error(&err, 2, USER_IS_ROOT);
	/* after: the row matches the first row's prefix, and still fails */
	assert_int_equal(check(&id, &a, 2, ROOT_USER, ROOT_ARN, &err), 0);
	assert_int_equal(check(&id, &a, 3, "bob", "arn:aws:iam::" ACCT ":user/bob",
	                       &err), 0);
	assert_int_equal(check(&id, &a, 4, "mallory", ROOT_ARN, &err), -1);
	assert_arn_error(&err, 4, USER_IS_ROOT);
	/* a root row after a user row must still end in :root */
	assert_int_equal(check(&id, &a, 5, ROOT_USER, "arn:aws:iam::" ACCT ":user/x",
	                       &err), -1);
	assert_arn_error(&err, 5, ROOT_NOT_ROOT);
	arena_free(&a);
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
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(other) / sizeof(other[0]); i++) {
		struct identity id = { 0 };
		struct arena a = { NULL };
		struct credaudit_error err;

		assert_int_equal(check(&id, &a, 2, ROOT_USER, ROOT_ARN, &err), 0);
		if (check(&id, &a, 7, "bob", other[i], &err) != -1)
			fail_msg("accepted \"%s\" after " ROOT_ARN, other[i]);
		assert_arn_error(&err, 7, "arn names another account than line 2: one "
		                 "report covers one account, this file mixes several");
		arena_free(&a);
	}
}

/* The checks of identity_check_lengths on one row. */
static int
lengths(const char *user, const char *arn, struct credaudit_error *err)
{
	struct row r = row_of(9, user, arn);

	memset(err, 0, sizeof(*err));
	return identity_check_lengths(&r, err);
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

static void
test_identity_user_name_limit_counts_characters(void **state)
{
	char name[400], arn[600];
	struct credaudit_error err;

	(void)state;
	repeat(name, sizeof(name), "u", 64);
	snprintf(arn, sizeof(arn), "arn:aws:iam::1:user/%s", name);
	assert_int_equal(lengths(name, arn, &err), 0);
	/* 64 two-byte characters are 64 characters, not 128 */
	repeat(name, sizeof(name), "\xc3\xa9", 64);
	snprintf(arn, sizeof(arn), "arn:aws:iam::1:user/%s", name);
	assert_int_equal(lengths(name, arn, &err), 0);
	/* 65 are too many */
	repeat(name, sizeof(name), "\xe2\x82\xac", 65);
	assert_int_equal(lengths(name, "arn:aws:iam::1:user/x", &err), -1);
	assert_int_equal(err.code, CREDAUDIT_ERR_INPUT);
	assert_string_equal(err.file, "id.csv");
	assert_int_equal(err.line, 9);
	assert_int_equal(err.column, F_USER);
	assert_string_equal(err.text, "user name is 65 characters long: IAM limits "
	                    "user names to 64, the report is malformed");
}

static void
test_identity_arn_limit(void **state)
{
	char arn[4400], tail[4200];
	struct credaudit_error err;
	size_t head = strlen("arn:aws:iam::1:");

	(void)state;
	/* no '/' at all: only the ARN's own limit applies */
	snprintf(arn, sizeof(arn), "arn:aws:iam::1:%s",
	         repeat(tail, sizeof(tail), "r", 2048 - head));
	assert_int_equal(strlen(arn), 2048);
	assert_int_equal(lengths("bob", arn, &err), 0);
	snprintf(arn, sizeof(arn), "arn:aws:iam::1:%s",
	         repeat(tail, sizeof(tail), "r", 2049 - head));
	assert_int_equal(lengths("bob", arn, &err), -1);
	assert_int_equal(err.line, 9);
	assert_int_equal(err.column, F_ARN);
	assert_string_equal(err.text, "arn is 2049 characters long: AWS limits ARNs "
	                    "to 2048, the report is malformed");
	/* characters, not bytes: 2048 characters of two bytes each pass */
	snprintf(arn, sizeof(arn), "arn:aws:iam::1:%s",
	         repeat(tail, sizeof(tail), "\xc3\xa9", 2048 - head));
	assert_int_equal(lengths("bob", arn, &err), 0);
}

static void
test_identity_path_limit(void **state)
{
	char arn[1300], mid[1200];
	struct credaudit_error err;

	(void)state;
	/* the path runs from the first '/' to the last, both included */
	snprintf(arn, sizeof(arn), "arn:aws:iam::1:user/%s/bob",
	         repeat(mid, sizeof(mid), "p", 510));
	assert_int_equal(lengths("bob", arn, &err), 0);
	snprintf(arn, sizeof(arn), "arn:aws:iam::1:user/%s/bob",
	         repeat(mid, sizeof(mid), "p", 511));
	assert_int_equal(lengths("bob", arn, &err), -1);
	assert_int_equal(err.column, F_ARN);
	assert_string_equal(err.text, "arn's path is 513 characters long: IAM limits "
	                    "paths to 512, the report is malformed");
	/* slashes inside the path count as well */
	repeat(mid, sizeof(mid), "a/", 255);
	strcat(mid, "a");
	snprintf(arn, sizeof(arn), "arn:aws:iam::1:user/%s/bob", mid);
	assert_int_equal(lengths("bob", arn, &err), -1);
	assert_string_equal(err.text, "arn's path is 513 characters long: IAM limits "
	                    "paths to 512, the report is malformed");
}

static void
test_identity_arn_name_limit(void **state)
{
	char arn[600], name[400];
	struct credaudit_error err;

	(void)state;
	snprintf(arn, sizeof(arn), "arn:aws:iam::1:user/ops/%s",
	         repeat(name, sizeof(name), "n", 64));
	assert_int_equal(lengths("bob", arn, &err), 0);
	snprintf(arn, sizeof(arn), "arn:aws:iam::1:user/ops/%s",
	         repeat(name, sizeof(name), "n", 65));
	assert_int_equal(lengths("bob", arn, &err), -1);
	assert_int_equal(err.column, F_ARN);
	assert_string_equal(err.text, "arn's user name is 65 characters long: IAM "
	                    "limits user names to 64, the report is malformed");
	/* the user field is checked first: its error wins */
	assert_int_equal(lengths(repeat(name, sizeof(name), "n", 65), arn, &err), -1);
	assert_int_equal(err.column, F_USER);
	assert_string_equal(err.text, "user name is 65 characters long: IAM limits "
	                    "user names to 64, the report is malformed");
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
		cmocka_unit_test(test_identity_first_row_sets_account_and_partition),
		cmocka_unit_test(test_identity_user_row_may_come_first),
		cmocka_unit_test(test_identity_not_an_iam_arn),
		cmocka_unit_test(test_identity_partition_form),
		cmocka_unit_test(test_identity_account_form_and_length),
		cmocka_unit_test(test_identity_root_row_ends_in_root),
		cmocka_unit_test(test_identity_root_arn_on_other_row),
		cmocka_unit_test(test_identity_one_account_per_report),
		cmocka_unit_test(test_identity_user_name_limit_counts_characters),
		cmocka_unit_test(test_identity_arn_limit),
		cmocka_unit_test(test_identity_path_limit),
		cmocka_unit_test(test_identity_arn_name_limit),
		cmocka_unit_test(test_identity_errors_through_audit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
