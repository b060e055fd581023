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
 * row_is_true decides "true" and "false" at once, and anything else as
 * row_is_true_general does: same value, same error, in every column it
 * serves, on root and user rows, for an absent column too.
 */
static void
test_eval_flag_fast_path_matches_general(void **state)
{
	static const char *const texts[] = {
		"true", "false", "TRUE", "False", "tRuE", "N/A", "not_supported",
		"no_information", "", " true", "true ", "tru", "fals", "falsey",
		"truex", "yes", "1", "0", "t", "f", "\"true\"", "trUe", "fALSE",
	};
	static const enum col cols[] = {
		COL_PASSWORD_ENABLED, COL_AK1_ACTIVE, COL_AK2_ACTIVE, COL_CERT1_ACTIVE,
	};
	struct world *w = *state;
	size_t i, j;
	int root, v;

	for (root = 0; root < 2; root++)
		for (j = 0; j < NELEM(cols); j++)
			for (i = 0; i <= NELEM(texts); i++) {
				struct credaudit_error e1, e2;
				int a, b;

				make_row(w, 5, NULL, 0);
				w->row.is_root = root;
				if (i == NELEM(texts)) {
					w->row.f[cols[j]] = NULL;   /* absent */
				} else {
					snprintf(w->store[cols[j]], 64, "%s", texts[i]);
					w->row.n[cols[j]] = strlen(texts[i]);
				}
				memset(&e1, 0, sizeof(e1));
				memset(&e2, 0, sizeof(e2));
				a = row_is_true(&w->row, cols[j], &e1);
				b = row_is_true_general(&w->row, cols[j], &e2);
				assert_int_equal(a, b);
				assert_int_equal(e1.code, e2.code);
				assert_int_equal(e1.column, e2.column);
				assert_string_equal(e1.text, e2.text);
				assert_int_equal(row_flag(&w->row, cols[j], &v, &e1), a == -1 ? -1 : 0);
				assert_int_equal(v, a == 1);
				assert_int_equal(check_is_true(&w->row, cols[j], &e1), a);
			}
	/* "true" read by its length: a shorter length is other text */
	make_row(w, 5, NULL, 0);
	snprintf(w->store[COL_AK1_ACTIVE], 64, "true");
	w->row.n[COL_AK1_ACTIVE] = 3;
	assert_int_equal(row_is_true(&w->row, COL_AK1_ACTIVE, &w->err), -1);
}

/* Rules evaluated over a world's findings and error as of
 * 2024-06-01T12:00:00Z, each with its default parameters. */
struct age_eval {
	int64_t param[MAX_RULES][MAX_PARAMS];
	const struct rule *sel[MAX_RULES];
	int runnable[MAX_RULES];
	struct credaudit_result res[MAX_RULES];
	struct evaluation ev;
};

/* a: rule id alone, or (id NULL) every age rule of users' rows and, with
 * root, of the root's too. */
static void
age_eval_init(struct age_eval *a, struct world *w, const char *id, int root)
{
	size_t i, n = 0;

	memset(a, 0, sizeof(*a));
	for (i = 0; i < rules_count(); i++) {
		const struct rule *rule = rules_get(i);

		a->param[i][0] = rule->info.nparams ? rule->info.params[0].def : 0;
		a->param[i][1] = rule->info.nparams > 1 ? rule->info.params[1].def : 0;
		if (id != NULL ? strcmp(rule->info.id, id) == 0 :
		    rule->needs_as_of && (root || rule->scope != SCOPE_ROOT)) {
			a->sel[n] = rule;
			a->runnable[n++] = 1;
		}
	}
	a->ev.rules = a->sel;
	a->ev.nrules = n;
	a->ev.param = (const int64_t (*)[MAX_PARAMS])a->param;
	a->ev.runnable = a->runnable;
	a->ev.as_of = 1717243200;
	a->ev.out = &w->fs;
	a->ev.results = a->res;
	a->ev.err = &w->err;
}

/*
 * A held row keeps the text of its columns whether they lie one after the
 * other as a record's fields do (copied in runs) or apart: the age rules
 * find the same on both, evidence text included.
 */
static void
test_eval_held_rows_adjacent_or_apart(void **state)
{
	static const char *const kv[] = {
		"access_key_1_active=true", "password_enabled=true",
		"access_key_1_last_rotated=2021-06-01T09:30:00+00:00",
		"access_key_1_last_used_date=N/A",
		"password_last_used=2023-01-01T00:00:00+00:00",
		"user_creation_time=2021-06-01T09:29:58+00:00",
		"access_key_2_active=true",
		"access_key_2_last_rotated=2020-02-01T00:00:00Z",
		"access_key_2_last_used_date=2020-03-01T00:00:00Z",
	};
	struct world *w = *state;
	struct age_eval age;
	struct held h;
	char joined[NCOLS * 64];
	struct row proto;
	size_t i, c, len = 0, found;

	age_eval_init(&age, w, NULL, 0);
	memset(&h, 0, sizeof(h));
	assert_int_equal(held_plan(&h, &age.ev, (UINT32_C(1) << NCOLS) - 1), 1);
	make_row(w, 2, kv, NELEM(kv));
	w->row.is_root = 0;
	assert_int_equal(held_add(&h, &w->row, &w->err), 0);   /* apart */
	for (c = 0; c < NCOLS; c++) {   /* as a record: "f0\0f1\0..." */
		memcpy(joined + len, w->store[c], w->row.n[c] + 1);
		w->row.f[c] = joined + len;
		len += w->row.n[c] + 1;
	}
	w->row.line = 3;
	assert_int_equal(held_add(&h, &w->row, &w->err), 0);
	memset(joined, 'x', sizeof(joined));   /* the held rows own their text */
	memset(w->store, 'y', sizeof(w->store));
	proto = w->row;
	assert_int_equal(held_eval(&h, &age.ev, &proto), 0);
	found = w->fs.n;
	assert_true(found >= 4 && found % 2 == 0);
	findings_sort(&w->fs);
	for (i = 0; i < found / 2; i++) {
		const struct credaudit_finding *a = &w->fs.v[i], *b = &w->fs.v[found / 2 + i];

		assert_int_equal(a->line, 2);
		assert_int_equal(b->line, 3);
		assert_string_equal(a->rule, b->rule);
		assert_string_equal(a->message, b->message);
		assert_string_equal(a->user, ROOT_USER);
		assert_string_equal(b->user, ROOT_USER);
		assert_int_equal(a->nevidence, b->nevidence);
		for (c = 0; c < a->nevidence; c++)
			assert_string_equal(a->evidence[c].value, b->evidence[c].value);
	}
	held_free(&h);
}

/*
 * Held rows keep each length in as few bytes as it needs: fields of 127,
 * 128, 300 and 20,000 bytes (one, two, two and three bytes of length)
 * come back whole, and the columns after them too.
 */
static void
test_eval_held_long_fields(void **state)
{
	static const char *const kv[] = {
		"password_enabled=true", "mfa_active=true",
		"password_last_used=2020-01-01T00:00:00+00:00",
		"password_last_changed=2019-01-01T00:00:00+00:00",
		"user_creation_time=2019-01-01T00:00:00+00:00",
	};
	static const size_t sizes[] = { 127, 128, 300, 20000 };
	struct world *w = *state;
	struct age_eval age;
	struct held h;
	struct row proto;
	size_t s;

	age_eval_init(&age, w, "credentials-unused", 0);
	assert_int_equal(age.ev.nrules, 1);
	memset(&h, 0, sizeof(h));
	assert_int_equal(held_plan(&h, &age.ev, (UINT32_C(1) << NCOLS) - 1), 1);
	for (s = 0; s < NELEM(sizes); s++) {
		char *user = malloc(sizes[s] + 1), *arn = malloc(sizes[s] + 2);

		assert_non_null(user);
		assert_non_null(arn);
		memset(user, 'a' + (int)s, sizes[s]);
		user[sizes[s]] = '\0';
		memset(arn, 'A' + (int)s, sizes[s] + 1);
		arn[sizes[s] + 1] = '\0';
		make_row(w, 2 + s, kv, NELEM(kv));
		w->row.is_root = 0;
		w->row.f[COL_USER] = user;
		w->row.n[COL_USER] = sizes[s];
		w->row.f[COL_ARN] = arn;
		w->row.n[COL_ARN] = sizes[s] + 1;
		assert_int_equal(held_add(&h, &w->row, &w->err), 0);
		free(user);
		free(arn);
	}
	proto = w->row;
	assert_int_equal(held_eval(&h, &age.ev, &proto), 0);
	assert_int_equal(w->fs.n, NELEM(sizes));
	for (s = 0; s < NELEM(sizes); s++) {
		const struct credaudit_finding *f = &w->fs.v[s];

		assert_int_equal(f->line, 2 + s);
		assert_int_equal(strlen(f->user), sizes[s]);
		assert_int_equal(strspn(f->user, (char[]){ (char)('a' + s), 0 }), sizes[s]);
		assert_int_equal(strlen(f->arn), sizes[s] + 1);
		assert_int_equal(strspn(f->arn, (char[]){ (char)('A' + s), 0 }), sizes[s] + 1);
		/* a column held after the long ones */
		assert_string_equal(f->evidence[1].value, "2020-01-01T00:00:00+00:00");
	}
	held_free(&h);
}

/*
 * Held root and user rows each get the age rules of their scope only, row
 * after row: root-recent-use on the root's row, access-key-not-rotated on
 * the user's, although each row would give the other rule a finding (and
 * credentials-unused an error on the root's N/A password_enabled).
 */
static void
test_eval_held_rows_in_scope(void **state)
{
	static const char *const kv[] = {
		"access_key_1_active=true",
		"access_key_1_last_rotated=2020-01-01T00:00:00+00:00",
		"access_key_1_last_used_date=2024-05-30T00:00:00+00:00",
	};
	static const char *const user[] = {
		"password_enabled=false", "access_key_1_active=true",
		"access_key_1_last_rotated=2020-01-01T00:00:00+00:00",
		"access_key_1_last_used_date=2024-05-30T00:00:00+00:00",
		"user_creation_time=2019-01-01T00:00:00+00:00",
	};
	struct world *w = *state;
	struct age_eval age;
	struct held h;
	struct row proto;

	age_eval_init(&age, w, NULL, 1);
	assert_true(age.ev.nrules >= 3);
	memset(&h, 0, sizeof(h));
	assert_int_equal(held_plan(&h, &age.ev, (UINT32_C(1) << NCOLS) - 1), 1);
	make_row(w, 2, kv, NELEM(kv));   /* the root's */
	assert_int_equal(held_add(&h, &w->row, &w->err), 0);
	make_row(w, 3, user, NELEM(user));
	w->row.is_root = 0;
	w->row.f[COL_USER] = "alice";
	w->row.n[COL_USER] = 5;
	assert_int_equal(held_add(&h, &w->row, &w->err), 0);
	proto = w->row;
	assert_int_equal(held_eval(&h, &age.ev, &proto), 0);
	assert_int_equal(w->fs.n, 2);
	assert_int_equal(w->fs.v[0].line, 2);
	assert_string_equal(w->fs.v[0].rule, "root-recent-use");
	assert_int_equal(w->fs.v[1].line, 3);
	assert_string_equal(w->fs.v[1].rule, "access-key-not-rotated");
	held_free(&h);
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
		IN_WORLD(test_eval_flag_fast_path_matches_general),
		IN_WORLD(test_eval_held_rows_adjacent_or_apart),
		IN_WORLD(test_eval_held_long_fields),
		IN_WORLD(test_eval_held_rows_in_scope),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
