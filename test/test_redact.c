/* test_redact.c - pseudonyms of --redact. */
#include "testutil.h"

#include <stdio.h>

#include "render/redact.h"

/* Each test's pseudonym table and the buffer it writes to (a cmocka
 * fixture). */
struct fx {
	struct redact *rd;
	struct buf b;
};

static int
fx_new(void **state)
{
	struct fx *x = calloc(1, sizeof(*x));

	if (x == NULL || (x->rd = redact_new()) == NULL) {
		free(x);
		return -1;
	}
	*state = x;
	return 0;
}

static int
fx_free(void **state)
{
	struct fx *x = *state;

	buf_free(&x->b);
	redact_free(x->rd);
	free(x);
	return 0;
}

#define WITH_FX(test) cmocka_unit_test_setup_teardown(test, fx_new, fx_free)

/* A call returned rc 0 and wrote want into x's buffer (emptied again). */
static void
gives(struct fx *x, int rc, const char *want)
{
	assert_int_equal(rc, 0);
	assert_string_equal(taken(&x->b), want);
}

static void
test_redact_pseudonyms_in_order_of_appearance(void **state)
{
	struct fx *x = *state;

	gives(x, redact_name(x->rd, &x->b, "bob", 3), "user-0001");
	gives(x, redact_name(x->rd, &x->b, "alice", 5), "user-0002");
	gives(x, redact_name(x->rd, &x->b, "bob", 3), "user-0001");
	gives(x, redact_name(x->rd, &x->b, "<root_account>", 14), "<root_account>");
	redact_free(NULL);
}

static void
test_redact_table_grows(void **state)
{
	struct fx *x = *state;
	char name[32];
	int i;

	for (i = 0; i < 500; i++) {
		snprintf(name, sizeof(name), "u%d", i);
		assert_int_equal(redact_name(x->rd, &x->b, name, strlen(name)), 0);
		x->b.len = 0;
	}
	gives(x, redact_name(x->rd, &x->b, "u7", 2), "user-0008");
	gives(x, redact_name(x->rd, &x->b, "u499", 4), "user-0500");
}

static void
test_redact_arn_keeps_account(void **state)
{
	struct fx *x = *state;

	gives(x, redact_arn(x->rd, &x->b, "arn:aws:iam::111122223333:user/ci/deploy-bot"),
	      "arn:aws:iam::111122223333:user/user-0001");
	gives(x, redact_name(x->rd, &x->b, "deploy-bot", 10), "user-0001");
	gives(x, redact_arn(x->rd, &x->b, "arn:aws:iam::111122223333:root"),
	      "arn:aws:iam::111122223333:root");
	gives(x, redact_arn(x->rd, &x->b, "not an arn"), "user-0002");
	/* a name with a '/' (hostile): the ARN gets the user's pseudonym */
	gives(x, redact_user_arn(x->rd, &x->b, "arn:aws:iam::111122223333:user/p/x/y", "x/y"),
	      "arn:aws:iam::111122223333:user/user-0003");
	gives(x, redact_name(x->rd, &x->b, "x/y", 3), "user-0003");
	gives(x, redact_user_arn(x->rd, &x->b, "arn:aws:iam::111122223333:user/z", "other"),
	      "arn:aws:iam::111122223333:user/user-0004");
}

static void
test_redact_text_whole_names_only(void **state)
{
	struct fx *x = *state;

	gives(x, redact_text(x->rd, &x->b, "user al has key; also alice and al.", "al"),
	      "user user-0001 has key; also alice and user-0001.");
	gives(x, redact_text(x->rd, &x->b, "see arn:aws:iam::123456789012:user/x/al, ok", NULL),
	      "see arn:aws:iam::123456789012:user/user-0001, ok");
	gives(x, redact_text(x->rd, &x->b, "the <root_account> row", "<root_account>"),
	      "the <root_account> row");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		WITH_FX(test_redact_pseudonyms_in_order_of_appearance),
		WITH_FX(test_redact_table_grows),
		WITH_FX(test_redact_arn_keeps_account),
		WITH_FX(test_redact_text_whole_names_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
