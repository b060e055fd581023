/* test_redact.c - pseudonyms of --redact. */
#include "testutil.h"

#include <stdio.h>

#include "render/redact.h"

static void
test_redact_pseudonyms_in_order_of_appearance(void **state)
{
	struct redact *rd = redact_new();
	struct buf b = { 0 };

	(void)state;
	assert_non_null(rd);
	assert_int_equal(redact_name(rd, &b, "bob", 3), 0);
	assert_string_equal(taken(&b), "user-0001");
	assert_int_equal(redact_name(rd, &b, "alice", 5), 0);
	assert_string_equal(taken(&b), "user-0002");
	assert_int_equal(redact_name(rd, &b, "bob", 3), 0);
	assert_string_equal(taken(&b), "user-0001");
	assert_int_equal(redact_name(rd, &b, "<root_account>", 14), 0);
	assert_string_equal(taken(&b), "<root_account>");
	buf_free(&b);
	redact_free(rd);
	redact_free(NULL);
}

static void
test_redact_table_grows(void **state)
{
	struct redact *rd = redact_new();
	struct buf b = { 0 };
	char name[32];
	int i;

	(void)state;
	for (i = 0; i < 500; i++) {
		snprintf(name, sizeof(name), "u%d", i);
		assert_int_equal(redact_name(rd, &b, name, strlen(name)), 0);
		b.len = 0;
	}
	assert_int_equal(redact_name(rd, &b, "u7", 2), 0);
	assert_string_equal(taken(&b), "user-0008");
	assert_int_equal(redact_name(rd, &b, "u499", 4), 0);
	assert_string_equal(taken(&b), "user-0500");
	buf_free(&b);
	redact_free(rd);
}

static void
test_redact_arn_keeps_account(void **state)
{
	struct redact *rd = redact_new();
	struct buf b = { 0 };

	(void)state;
	assert_int_equal(redact_arn(rd, &b, "arn:aws:iam::111122223333:user/ci/deploy-bot"), 0);
	assert_string_equal(taken(&b), "arn:aws:iam::111122223333:user/user-0001");
	assert_int_equal(redact_name(rd, &b, "deploy-bot", 10), 0);
	assert_string_equal(taken(&b), "user-0001");
	assert_int_equal(redact_arn(rd, &b, "arn:aws:iam::111122223333:root"), 0);
	assert_string_equal(taken(&b), "arn:aws:iam::111122223333:root");
	assert_int_equal(redact_arn(rd, &b, "not an arn"), 0);
	assert_string_equal(taken(&b), "user-0002");
	/* a name with a '/' (hostile): the ARN gets the user's pseudonym */
	assert_int_equal(redact_user_arn(rd, &b, "arn:aws:iam::111122223333:user/p/x/y", "x/y"), 0);
	assert_string_equal(taken(&b), "arn:aws:iam::111122223333:user/user-0003");
	assert_int_equal(redact_name(rd, &b, "x/y", 3), 0);
	assert_string_equal(taken(&b), "user-0003");
	assert_int_equal(redact_user_arn(rd, &b, "arn:aws:iam::111122223333:user/z", "other"), 0);
	assert_string_equal(taken(&b), "arn:aws:iam::111122223333:user/user-0004");
	buf_free(&b);
	redact_free(rd);
}

static void
test_redact_text_whole_names_only(void **state)
{
	struct redact *rd = redact_new();
	struct buf b = { 0 };

	(void)state;
	assert_int_equal(redact_text(rd, &b, "user al has key; also alice and al.", "al"), 0);
	assert_string_equal(taken(&b), "user user-0001 has key; also alice and user-0001.");
	assert_int_equal(redact_text(rd, &b, "see arn:aws:iam::123456789012:user/x/al, ok", NULL), 0);
	assert_string_equal(taken(&b), "see arn:aws:iam::123456789012:user/user-0001, ok");
	assert_int_equal(redact_text(rd, &b, "the <root_account> row", "<root_account>"), 0);
	assert_string_equal(taken(&b), "the <root_account> row");
	buf_free(&b);
	redact_free(rd);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_redact_pseudonyms_in_order_of_appearance),
		cmocka_unit_test(test_redact_table_grows),
		cmocka_unit_test(test_redact_arn_keeps_account),
		cmocka_unit_test(test_redact_text_whole_names_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
