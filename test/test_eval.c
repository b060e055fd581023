/*
 * test_eval.c - the rules stage on its own: a check is a function of a
 * typed row and a check_ctx that appends to a findings list; the list's
 * copies, order and truncation; the check helpers.
 */
#include "testutil.h"

#include <stdio.h>

#include "rules/check.h"
#include "rules/eval.h"
#include "rules/held.h"
#include "rules/rules.h"

/* What a check works on: a root row over its own storage, a context for a
 * rule, and the findings list and error the context writes to.  Each test
 * gets a fresh one (a cmocka fixture). */
struct world {
	char store[NCOLS][64];
	struct row row;
	struct check_ctx cx;
	struct findings fs;
	struct credaudit_error err;
};

static int
world_new(void **state)
{
	*state = calloc(1, sizeof(struct world));
	return *state == NULL ? -1 : 0;
}

static int
world_free(void **state)
{
	struct world *w = *state;

	findings_free(&w->fs);
	free(w);
	return 0;
}

#define IN_WORLD(test) cmocka_unit_test_setup_teardown(test, world_new, world_free)

/* w's row: a root row of the 22-column layout at line from "column=value"
 * pairs; other columns hold N/A or false. */
static void
make_row(struct world *w, unsigned long line, const char *const *kv, size_t nkv)
{
	struct row *row = &w->row;
	char (*store)[64] = w->store;
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

/* w's context: rule as of 2024-06-01T12:00:00Z, its first parameter's
 * default, writing to w's findings and error. */
static void
ctx_for(struct world *w, const char *rule)
{
	struct check_ctx *cx = &w->cx;

	memset(cx, 0, sizeof(*cx));
	cx->rule = rules_find(rule, strlen(rule));
	assert_non_null(cx->rule);
	cx->as_of = 1717243200;   /* 2024-06-01T12:00:00Z */
	cx->param = cx->rule->info.nparams ? &cx->rule->info.params[0].def : NULL;
	cx->out = &w->fs;
	cx->err = &w->err;
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
	struct world *w = *state;
	const struct credaudit_finding *f;

	make_row(w, 7, kv, 5);
	ctx_for(w, "root-access-key");
	assert_int_equal(check_root_access_key(&w->row, &w->cx), 0);
	assert_int_equal(w->fs.n, 1);
	f = &w->fs.v[0];
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
	assert_ptr_not_equal(f->user, w->row.f[COL_USER]);
	memset(w->store, 'x', sizeof(w->store));   /* the row's text goes away */
	assert_string_equal(f->user, ROOT_USER);
	assert_string_equal(f->evidence[3].value, "s3");
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
	struct world *w = *state;

	make_row(w, 2, kv, 4);
	ctx_for(w, "root-access-key");
	assert_int_equal(check_root_access_key(&w->row, &w->cx), 0);
	assert_int_equal(w->fs.n, 2);
	assert_ptr_equal(w->fs.v[0].user, w->fs.v[1].user);
	assert_ptr_equal(w->fs.v[0].arn, w->fs.v[1].arn);
	findings_free(&w->fs);
	w->fs.borrow_rows = 1;
	assert_int_equal(check_root_access_key(&w->row, &w->cx), 0);
	assert_ptr_equal(w->fs.v[0].user, w->row.f[COL_USER]);
}

/* Sorted by line, rule, credential; truncation drops the tail. */
static void
test_eval_sort_and_truncate(void **state)
{
	struct world *w = *state;
	struct findings *fs = &w->fs;

	ctx_for(w, "root-mfa");
	make_row(w, 9, NULL, 0);
	assert_int_equal(findings_add(&w->cx, &w->row, "mfa", "b", NULL, 0), 0);
	make_row(w, 3, NULL, 0);
	assert_int_equal(findings_add(&w->cx, &w->row, "z", "c", NULL, 0), 0);
	assert_int_equal(findings_add(&w->cx, &w->row, "a", "d", NULL, 0), 0);
	findings_sort(fs);
	assert_string_equal(fs->v[0].message, "d");
	assert_string_equal(fs->v[1].message, "c");
	assert_string_equal(fs->v[2].message, "b");
	findings_truncate(fs, 1);
	assert_int_equal(fs->n, 1);
	findings_truncate(fs, 5);
	assert_int_equal(fs->n, 1);
}

/* A bad flag is an error of the check, with the cell's place. */
static void
test_eval_bad_flag_is_an_error(void **state)
{
	static const char *const kv[] = { "access_key_2_active=yes" };
	struct world *w = *state;

	make_row(w, 4, kv, 1);
	ctx_for(w, "root-access-key");
	assert_int_equal(check_root_access_key(&w->row, &w->cx), -1);
	assert_int_equal(w->err.code, CREDAUDIT_ERR_INPUT);
	assert_int_equal(w->err.line, 4);
	assert_int_equal(w->err.column, COL_AK2_ACTIVE + 1);
	assert_int_equal(w->fs.n, 0);
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

/*
 * row_time keeps what it parsed in the row's memo and gives it back
 * without reading the text again (the text is changed below to show it);
 * states are kept too; text that is no timestamp is not kept and fails
 * each time with the same error; a column without a slot is parsed at
 * each read.
 */
static void
test_eval_row_time_memo(void **state)
{
	static const char *const kv[] = {
		"access_key_1_last_rotated=2021-06-01T09:30:00+00:00",
		"cert_1_last_rotated=garbage",
		"access_key_2_last_rotated=2022-01-01T00:00:00Z",
	};
	struct world *w = *state;
	signed char slot[NCOLS];
	unsigned char st[3] = { 0, 0, 0 };
	int64_t t[3] = { 0, 0, 0 };
	struct row_memo memo;
	struct vtime v;
	struct credaudit_error e1;

	make_row(w, 4, kv, 3);
	memset(slot, -1, sizeof(slot));
	slot[COL_AK1_LAST_ROTATED] = 0;
	slot[COL_PASSWORD_LAST_USED] = 1;   /* N/A */
	slot[COL_CERT1_LAST_ROTATED] = 2;
	memo.slot = slot;
	memo.st = st;
	memo.t = t;
	w->row.memo = &memo;
	assert_int_equal(row_time(&w->row, COL_AK1_LAST_ROTATED, &v, &w->err), 0);
	assert_int_equal(v.state, V_VALUE);
	assert_int_equal(v.t, 1622539800);
	assert_int_equal(st[0], 1 + V_VALUE);
	assert_int_equal(t[0], 1622539800);
	memcpy(w->store[COL_AK1_LAST_ROTATED], "1999", 4);   /* not read again */
	memset(&v, 0, sizeof(v));
	assert_int_equal(row_time(&w->row, COL_AK1_LAST_ROTATED, &v, &w->err), 0);
	assert_int_equal(v.t, 1622539800);
	assert_int_equal(row_time(&w->row, COL_PASSWORD_LAST_USED, &v, &w->err), 0);
	assert_int_equal(v.state, V_NA);
	assert_int_equal(st[1], 1 + V_NA);
	assert_int_equal(row_time(&w->row, COL_PASSWORD_LAST_USED, &v, &w->err), 0);
	assert_int_equal(v.state, V_NA);
	assert_int_equal(row_time(&w->row, COL_CERT1_LAST_ROTATED, &v, &w->err), -1);
	assert_int_equal(st[2], 0);
	e1 = w->err;
	memset(&w->err, 0, sizeof(w->err));
	assert_int_equal(row_time(&w->row, COL_CERT1_LAST_ROTATED, &v, &w->err), -1);
	assert_int_equal(w->err.line, e1.line);
	assert_int_equal(w->err.column, e1.column);
	assert_string_equal(w->err.text, e1.text);
	assert_int_equal(e1.column, COL_CERT1_LAST_ROTATED + 1);
	assert_int_equal(row_time(&w->row, COL_AK2_LAST_ROTATED, &v, &w->err), 0);
	memcpy(w->store[COL_AK2_LAST_ROTATED], "2023", 4);   /* no slot: read */
	assert_int_equal(row_time(&w->row, COL_AK2_LAST_ROTATED, &v, &w->err), 0);
	assert_int_equal(v.t, 1672531200);
}

/*
 * Held rows: every age rule run twice on them (the second run reads the
 * timestamps the first parsed) finds what it finds on each row itself,
 * and a row whose timestamp is bad fails both times with the same error.
 */
static void
test_eval_held_rows_parse_once(void **state)
{
	static const char *const rows[3][4] = {
		{ "access_key_1_active=true", "password_enabled=true",
		  "access_key_1_last_rotated=2021-06-01T09:30:00+00:00",
		  "user_creation_time=2021-06-01T09:29:58+00:00" },
		{ "access_key_2_active=true", "password_enabled=false",
		  "access_key_2_last_rotated=2024-05-01T00:00:00Z",
		  "access_key_2_last_used_date=2024-05-20T00:00:00+00:00" },
		{ "access_key_1_active=true", "password_enabled=true",
		  "access_key_1_last_rotated=2024-02-30T00:00:00+00:00",
		  "user_creation_time=N/A" },
	};
	struct world *w = *state;
	int64_t param[MAX_RULES][MAX_PARAMS];
	const struct rule *sel[MAX_RULES];
	int runnable[MAX_RULES];
	struct credaudit_result res[MAX_RULES];
	struct evaluation ev;
	struct held h;
	size_t i, r, n, nrows;

	memset(&ev, 0, sizeof(ev));
	memset(res, 0, sizeof(res));
	for (i = n = 0; i < rules_count(); i++) {
		const struct rule *rule = rules_get(i);

		param[i][0] = rule->info.nparams ? rule->info.params[0].def : 0;
		param[i][1] = rule->info.nparams > 1 ? rule->info.params[1].def : 0;
		if (rule->needs_as_of && rule->scope != SCOPE_ROOT) {
			sel[n] = rule;
			runnable[n++] = 1;
		}
	}
	assert_true(n >= 2);
	ev.rules = sel;
	ev.nrules = n;
	ev.param = (const int64_t (*)[MAX_PARAMS])param;
	ev.runnable = runnable;
	ev.as_of = 1717243200;
	ev.out = &w->fs;
	ev.results = res;
	ev.err = &w->err;
	for (nrows = 2; nrows <= 3; nrows++) {
		struct row proto;

		memset(&h, 0, sizeof(h));
		assert_int_equal(held_plan(&h, &ev, (UINT32_C(1) << NCOLS) - 1), 1);
		assert_true(h.ntime > 0);
		for (r = 0; r < nrows; r++) {
			make_row(w, 2 + r, rows[r], 4);
			w->row.is_root = 0;
			assert_int_equal(held_add(&h, &w->row, &w->err), 0);
		}
		proto = w->row;
		for (i = 0; i < n; i++) {
			size_t want = w->fs.n, before;
			int rc = 0;

			/* each row on its own, parsing its text */
			for (r = 0; r < nrows && rc == 0; r++) {
				make_row(w, 2 + r, rows[r], 4);
				w->row.is_root = 0;
				rc = eval_rule(&ev, i, &w->row);
			}
			if (rc == -1) {
				struct credaudit_error e = w->err;

				assert_int_equal(nrows, 3);
				assert_int_equal(held_eval(&h, &ev, i, &proto), -1);
				assert_int_equal(w->err.line, e.line);
				assert_int_equal(w->err.column, e.column);
				assert_string_equal(w->err.text, e.text);
				assert_int_equal(held_eval(&h, &ev, i, &proto), -1);
				assert_string_equal(w->err.text, e.text);
				findings_truncate(&w->fs, want);
				continue;
			}
			want = w->fs.n - want;
			before = w->fs.n;
			assert_int_equal(held_eval(&h, &ev, i, &proto), 0);
			assert_int_equal(held_eval(&h, &ev, i, &proto), 0);
			assert_int_equal(w->fs.n - before, 2 * want);
			for (r = 0; r < want; r++) {
				assert_string_equal(w->fs.v[before + r].message,
				                    w->fs.v[before - want + r].message);
				assert_string_equal(w->fs.v[before + want + r].message,
				                    w->fs.v[before - want + r].message);
			}
		}
		held_free(&h);
	}
	assert_true(w->fs.n > 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		IN_WORLD(test_eval_check_appends_to_list),
		IN_WORLD(test_eval_findings_share_row_text),
		IN_WORLD(test_eval_sort_and_truncate),
		IN_WORLD(test_eval_bad_flag_is_an_error),
		cmocka_unit_test(test_eval_older_than),
		IN_WORLD(test_eval_row_time_memo),
		IN_WORLD(test_eval_held_rows_parse_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
