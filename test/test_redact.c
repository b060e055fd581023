/* test_redact.c - pseudonyms of --redact and the escaping of fmt.c. */
#include "testutil.h"

#include "render/fmt.h"
#include "render/redact.h"

/* Run f over s with a fresh buffer and return the NUL-terminated result
 * (static storage, valid until the next call). */
static const char *
text_of(struct buf *b)
{
	static char out[1024];

	assert_true(b->len < sizeof(out));
	memcpy(out, b->data ? b->data : "", b->len);
	out[b->len] = '\0';
	b->len = 0;
	return out;
}

static void
test_redact_pseudonyms_in_order_of_appearance(void **state)
{
	struct redact *rd = redact_new();
	struct buf b = { 0 };

	(void)state;
	assert_non_null(rd);
	assert_int_equal(redact_name(rd, &b, "bob", 3), 0);
	assert_string_equal(text_of(&b), "user-0001");
	assert_int_equal(redact_name(rd, &b, "alice", 5), 0);
	assert_string_equal(text_of(&b), "user-0002");
	assert_int_equal(redact_name(rd, &b, "bob", 3), 0);
	assert_string_equal(text_of(&b), "user-0001");
	assert_int_equal(redact_name(rd, &b, "<root_account>", 14), 0);
	assert_string_equal(text_of(&b), "<root_account>");
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
	assert_string_equal(text_of(&b), "user-0008");
	assert_int_equal(redact_name(rd, &b, "u499", 4), 0);
	assert_string_equal(text_of(&b), "user-0500");
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
	assert_string_equal(text_of(&b), "arn:aws:iam::111122223333:user/user-0001");
	assert_int_equal(redact_name(rd, &b, "deploy-bot", 10), 0);
	assert_string_equal(text_of(&b), "user-0001");
	assert_int_equal(redact_arn(rd, &b, "arn:aws:iam::111122223333:root"), 0);
	assert_string_equal(text_of(&b), "arn:aws:iam::111122223333:root");
	assert_int_equal(redact_arn(rd, &b, "not an arn"), 0);
	assert_string_equal(text_of(&b), "user-0002");
	/* a name with a '/' (hostile): the ARN gets the user's pseudonym */
	assert_int_equal(redact_user_arn(rd, &b, "arn:aws:iam::111122223333:user/p/x/y", "x/y"), 0);
	assert_string_equal(text_of(&b), "arn:aws:iam::111122223333:user/user-0003");
	assert_int_equal(redact_name(rd, &b, "x/y", 3), 0);
	assert_string_equal(text_of(&b), "user-0003");
	assert_int_equal(redact_user_arn(rd, &b, "arn:aws:iam::111122223333:user/z", "other"), 0);
	assert_string_equal(text_of(&b), "arn:aws:iam::111122223333:user/user-0004");
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
	assert_string_equal(text_of(&b), "user user-0001 has key; also alice and user-0001.");
	assert_int_equal(redact_text(rd, &b, "see arn:aws:iam::123456789012:user/x/al, ok", NULL), 0);
	assert_string_equal(text_of(&b), "see arn:aws:iam::123456789012:user/user-0001, ok");
	assert_int_equal(redact_text(rd, &b, "the <root_account> row", "<root_account>"), 0);
	assert_string_equal(text_of(&b), "the <root_account> row");
	buf_free(&b);
	redact_free(rd);
}

static void
test_fmt_markup_escapes_everything(void **state)
{
	struct buf b = { 0 };

	(void)state;
	assert_int_equal(esc_markup(&b, "<script>&\"'x"), 0);
	assert_string_equal(text_of(&b), "&lt;script&gt;&amp;&quot;&#39;x");
	assert_int_equal(esc_markup(&b, "a\033[1m\x7f\xff\xe2\x80\xae\xc3\xa9"), 0);
	assert_string_equal(text_of(&b), "a&#x241B;[1m&#x2421;&#xFFFD;&#xFFFD;&#xE9;");
	/* HTML text: the same characters as visible, marked codes */
	assert_int_equal(esc_html(&b, "<a>\033\xff\xe2\x80\xae\xc3\xa9\\"), 0);
	assert_string_equal(text_of(&b), "&lt;a&gt;<span class=\"ctl\">\\x1B</span>"
	                    "<span class=\"ctl\">\\xFF</span><span class=\"ctl\">U+202E"
	                    "</span>&#xE9;\\");
	buf_free(&b);
}

static void
test_fmt_csv_quotes_and_neutralises(void **state)
{
	struct buf b = { 0 };

	(void)state;
	assert_int_equal(esc_csv(&b, "plain", 1), 0);
	assert_string_equal(text_of(&b), "plain");
	assert_int_equal(esc_csv(&b, "=HYPERLINK(\"x\",\"y\")", 1), 0);
	assert_string_equal(text_of(&b), "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
	assert_int_equal(esc_csv(&b, "-1", 1), 0);
	assert_string_equal(text_of(&b), "'-1");
	assert_int_equal(esc_csv(&b, "+1", 1), 0);
	assert_string_equal(text_of(&b), "'+1");
	assert_int_equal(esc_csv(&b, "@SUM(A1)", 1), 0);
	assert_string_equal(text_of(&b), "'@SUM(A1)");
	assert_int_equal(esc_csv(&b, "\tx", 1), 0);
	assert_string_equal(text_of(&b), "'\tx");
	assert_int_equal(esc_csv(&b, "\rx", 1), 0);
	assert_string_equal(text_of(&b), "\"'\rx\"");
	assert_int_equal(esc_csv(&b, "-1", 0), 0);
	assert_string_equal(text_of(&b), "-1");
	assert_int_equal(esc_csv(&b, "a\033b\xff", 1), 0);
	assert_string_equal(text_of(&b), "a\xe2\x90\x9b" "b\xef\xbf\xbd");
	buf_free(&b);
}

/* A formula behind any separator a spreadsheet may split on, a quote or a
 * line end, spaces between or not, gets its ' too; other text is kept. */
static void
test_fmt_csv_neutralises_behind_separators(void **state)
{
	struct buf b = { 0 };

	(void)state;
	assert_int_equal(esc_csv(&b, "x;=cmd|' /C calc'!A0;y", 1), 0);
	assert_string_equal(text_of(&b), "x;'=cmd|' /C calc'!A0;y");
	assert_int_equal(esc_csv(&b, "a\t+1", 1), 0);
	assert_string_equal(text_of(&b), "a\t'+1");
	assert_int_equal(esc_csv(&b, "a;\t@x", 1), 0);
	assert_string_equal(text_of(&b), "a;'\t'@x");
	assert_int_equal(esc_csv(&b, "a,-1", 1), 0);
	assert_string_equal(text_of(&b), "\"a,'-1\"");
	assert_int_equal(esc_csv(&b, "q\"=1", 1), 0);
	assert_string_equal(text_of(&b), "\"q\"\"'=1\"");
	assert_int_equal(esc_csv(&b, "n\n=1", 1), 0);
	assert_string_equal(text_of(&b), "\"n\n'=1\"");
	assert_int_equal(esc_csv(&b, "s;  -1", 1), 0);
	assert_string_equal(text_of(&b), "s;  '-1");
	assert_int_equal(esc_csv(&b, "2024-05-30T07:00:00+00:00 a-b x=1", 1), 0);
	assert_string_equal(text_of(&b), "2024-05-30T07:00:00+00:00 a-b x=1");
	assert_int_equal(esc_csv(&b, "x;=1", 0), 0);
	assert_string_equal(text_of(&b), "x;=1");
	buf_free(&b);
}

static void
test_fmt_path_uri(void **state)
{
	struct buf b = { 0 };

	(void)state;
	assert_int_equal(path_uri(&b, "./fixtures/demo.csv", "/work"), 0);
	assert_string_equal(text_of(&b), "fixtures/demo.csv");
	assert_int_equal(path_uri(&b, "/work/r/a b.csv", "/work"), 0);
	assert_string_equal(text_of(&b), "r/a%20b.csv");
	assert_int_equal(path_uri(&b, "/elsewhere/x#1.csv", "/work"), 0);
	assert_string_equal(text_of(&b), "file:///elsewhere/x%231.csv");
	assert_int_equal(path_uri(&b, "/workshop/x.csv", "/work"), 0);
	assert_string_equal(text_of(&b), "file:///workshop/x.csv");
	assert_int_equal(path_uri(&b, "c:x.csv", NULL), 0);
	assert_string_equal(text_of(&b), "./c%3Ax.csv");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_redact_pseudonyms_in_order_of_appearance),
		cmocka_unit_test(test_redact_table_grows),
		cmocka_unit_test(test_redact_arn_keeps_account),
		cmocka_unit_test(test_redact_text_whole_names_only),
		cmocka_unit_test(test_fmt_markup_escapes_everything),
		cmocka_unit_test(test_fmt_csv_quotes_and_neutralises),
		cmocka_unit_test(test_fmt_csv_neutralises_behind_separators),
		cmocka_unit_test(test_fmt_path_uri),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
