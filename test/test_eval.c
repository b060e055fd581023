/*
 * test_eval.c - the rules stage on its own: a check is a function of a
 * typed row and a check_ctx that appends to a findings list; the list's
 * copies, order and truncation; the check helpers.
 */
#include "testutil.h"

#include <stdio.h>

#include "rules/check.h"
#include "rules/eval.h"
#include "rules/rules.h"

/* A root row of the 22-column layout from "column=value" pairs; other
 * columns hold N/A or false. */
static void
make_row(struct row *row, char store[NCOLS][64], unsigned long line,
         const char *const *kv, size_t nkv)
{
	size_t c, i;

	memset(row, 0, sizeof(*row));
	row->file = "t.csv";
	row->line = line;
	row->is_root = 1;
	for (c = 0; c < NCOLS; c++) {
		const char *v = strstr(col_name((enum col)c), "active") ? "false" : "N/A";

		if (c == COL_USER)
			v = ROOT_USER;
		if (c == COL_ARN)
			v = ROOT_ARN;
		for (i = 0; i < nkv; i++) {
			size_t n = strcspn(kv[i], "=");

			if (strlen(col_name((enum col)c)) == n &&
			    strncmp(kv[i], col_name((enum col)c), n) == 0)
				v = kv[i] + n + 1;
		}
		snprintf(store[c], 64, "%s", v);
		row->f[c] = store[c];
		row->n[c] = strlen(store[c]);
		row->fieldno[c] = c + 1;
	}
}

static void
ctx_for(struct check_ctx *cx, const char *rule, struct findings *out,
        struct credaudit_error *err)
{
	memset(cx, 0, sizeof(*cx));
	cx->rule = rules_find(rule, strlen(rule));
	assert_non_null(cx->rule);
	cx->as_of = 1717243200;   /* 2024-06-01T12:00:00Z */
	cx->param = cx->rule->info.nparams ? &cx->rule->info.params[0].def : NULL;
	cx->out = out;
	cx->err = err;
}

/* The check appends to the list it is given; the finding names the rule
 * of the context, and its text no longer points into the row. */
static void
test_eval_check_appends_to_list(void **state)
{
	static const char *const kv[] = {
		"access_key_1_active=true",
		"access_key_1_last_rotated=2021-06-01T09:30:00+00:00",
		"access_key_1_last_used_date=2024-05-02T17:45:00+00:00",
		"access_key_1_last_used_region=us-east-1",
		"access_key_1_last_used_service=s3",
	};
	char store[NCOLS][64];
	struct findings fs = { 0 };
	struct credaudit_error err = { 0 };
	struct check_ctx cx;
	struct row row;
	const struct credaudit_finding *f;

	(void)state;
	make_row(&row, store, 7, kv, 5);
	ctx_for(&cx, "root-access-key", &fs, &err);
	assert_int_equal(check_root_access_key(&row, &cx), 0);
	assert_int_equal(fs.n, 1);
	f = &fs.v[0];
	assert_string_equal(f->rule, "root-access-key");
	assert_int_equal(f->severity, CREDAUDIT_SEV_CRITICAL);
	assert_int_equal(f->line, 7);
	assert_string_equal(f->credential, "access_key_1");
	assert_string_equal(f->message, "root user has an active access key "
	                    "(access_key_1), created 2021-06-01, last used "
	                    "2024-05-02 in us-east-1 for s3");
	assert_int_equal(f->nevidence, 4);
	assert_string_equal(f->evidence[0].name, "access_key_1_last_rotated");
	assert_string_equal(f->evidence[3].value, "s3");
	assert_ptr_not_equal(f->user, row.f[COL_USER]);
	memset(store, 'x', sizeof(store));   /* the row's text goes away */
	assert_string_equal(f->user, ROOT_USER);
	assert_string_equal(f->evidence[3].value, "s3");
	findings_free(&fs);
}

/* Findings of one row share one copy of its fields; borrowed rows are
 * pointed into. */
static void
test_eval_findings_share_row_text(void **state)
{
	static const char *const kv[] = {
		"access_key_1_active=true", "access_key_2_active=true",
		"access_key_1_last_rotated=2020-01-01T00:00:00+00:00",
		"access_key_2_last_rotated=2020-01-01T00:00:00+00:00",
	};
	char store[NCOLS][64];
	struct findings fs = { 0 };
	struct credaudit_error err = { 0 };
	struct check_ctx cx;
	struct row row;

	(void)state;
	make_row(&row, store, 2, kv, 4);
	ctx_for(&cx, "root-access-key", &fs, &err);
	assert_int_equal(check_root_access_key(&row, &cx), 0);
	assert_int_equal(fs.n, 2);
	assert_ptr_equal(fs.v[0].user, fs.v[1].user);
	assert_ptr_equal(fs.v[0].arn, fs.v[1].arn);
	findings_free(&fs);
	fs.borrow_rows = 1;
	assert_int_equal(check_root_access_key(&row, &cx), 0);
	assert_ptr_equal(fs.v[0].user, row.f[COL_USER]);
	findings_free(&fs);
}

/* Sorted by line, rule, credential; truncation drops the tail. */
static void
test_eval_sort_and_truncate(void **state)
{
	char store[NCOLS][64];
	struct findings fs = { 0 };
	struct credaudit_error err = { 0 };
	struct check_ctx cx;
	struct row row;

	(void)state;
	ctx_for(&cx, "root-mfa", &fs, &err);
	make_row(&row, store, 9, NULL, 0);
	assert_int_equal(findings_add(&cx, &row, "mfa", "b", NULL, 0), 0);
	make_row(&row, store, 3, NULL, 0);
	assert_int_equal(findings_add(&cx, &row, "z", "c", NULL, 0), 0);
	assert_int_equal(findings_add(&cx, &row, "a", "d", NULL, 0), 0);
	findings_sort(&fs);
	assert_string_equal(fs.v[0].message, "d");
	assert_string_equal(fs.v[1].message, "c");
	assert_string_equal(fs.v[2].message, "b");
	findings_truncate(&fs, 1);
	assert_int_equal(fs.n, 1);
	findings_truncate(&fs, 5);
	assert_int_equal(fs.n, 1);
	findings_free(&fs);
}

/* A bad flag is an error of the check, with the cell's place. */
static void
test_eval_bad_flag_is_an_error(void **state)
{
	static const char *const kv[] = { "access_key_2_active=yes" };
	char store[NCOLS][64];
	struct findings fs = { 0 };
	struct credaudit_error err = { 0 };
	struct check_ctx cx;
	struct row row;

	(void)state;
	make_row(&row, store, 4, kv, 1);
	ctx_for(&cx, "root-access-key", &fs, &err);
	assert_int_equal(check_root_access_key(&row, &cx), -1);
	assert_int_equal(err.code, CREDAUDIT_ERR_INPUT);
	assert_int_equal(err.line, 4);
	assert_int_equal(err.column, COL_AK2_ACTIVE + 1);
	assert_int_equal(fs.n, 0);
	findings_free(&fs);
}

/* "older than": exactly N days is not older. */
static void
test_eval_older_than(void **state)
{
	(void)state;
	assert_false(check_older_than(90 * DAY, 0, 90));
	assert_true(check_older_than(90 * DAY + 1, 0, 90));
	assert_false(check_older_than(0, 10, 1));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eval_check_appends_to_list),
		cmocka_unit_test(test_eval_findings_share_row_text),
		cmocka_unit_test(test_eval_sort_and_truncate),
		cmocka_unit_test(test_eval_bad_flag_is_an_error),
		cmocka_unit_test(test_eval_older_than),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
