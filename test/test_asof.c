/*
 * test_asof.c - the moment a report is judged at (src/model/asof.c): the
 * stated as-of time, a GeneratedTime (and one later than the clock), the
 * bound no timestamp of a past moment may pass (an error only when time is
 * judged), the latest timestamp and its settling into the as-of time.
 */
#include "testutil.h"

#include "model/asof.h"

/* 2024-06-01T00:00:00Z and neighbours. */
#define T0 INT64_C(1717200000)
#define CLOCK INT64_C(1718000000)   /* 2024-06-10T06:13:20Z */

/* A row on line 4 whose columns of past moments hold the given text
 * (NULL: absent); column c is field c + 1. */
static struct row
row_with(const char *const cells[NCOLS])
{
	struct row r;
	size_t c;

	memset(&r, 0, sizeof(r));
	r.file = "t.csv";
	r.line = 4;
	for (c = 0; c < NCOLS; c++) {
		r.fieldno[c] = c + 1;
		if (cells[c] != NULL) {
			r.f[c] = cells[c];
			r.n[c] = strlen(cells[c]);
		}
	}
	return r;
}

/* Note a row whose column c alone holds text. */
static int
note1(struct asof *t, enum col c, const char *text, struct credaudit_error *err)
{
	const char *cells[NCOLS] = { NULL };
	struct row r;

	cells[c] = text;
	r = row_with(cells);
	memset(err, 0, sizeof(*err));
	return asof_note_row(t, &r, err);
}

static void
start(struct asof *t, int64_t as_of, enum credaudit_asof_source src, int judge,
      const int64_t *generated, int64_t clock)
{
	struct credaudit_error err;

	memset(&err, 0, sizeof(err));
	asof_init(t, as_of, src);
	assert_int_equal(asof_start(t, judge, generated, clock, "t.csv", &err), 0);
	assert_int_equal(err.code, 0);
}

static void
test_asof_stated_time_is_the_bound(void **state)
{
	struct asof t;
	int64_t gen = T0 - 86400;

	(void)state;
	start(&t, T0, CREDAUDIT_ASOF_OPTION, 1, NULL, CLOCK);
	assert_int_equal(t.source, CREDAUDIT_ASOF_OPTION);
	assert_int_equal(t.as_of, T0);
	assert_int_equal(t.bound, T0);
	assert_int_equal(t.judge_time, 1);
	/* a stated time wins over GeneratedTime */
	start(&t, T0, CREDAUDIT_ASOF_OPTION, 1, &gen, CLOCK);
	assert_int_equal(t.source, CREDAUDIT_ASOF_OPTION);
	assert_int_equal(t.as_of, T0);
	assert_int_equal(t.bound, T0);
	/* --as-of now: the clock's moment as given */
	start(&t, CLOCK, CREDAUDIT_ASOF_CLOCK, 1, &gen, CLOCK + 100);
	assert_int_equal(t.source, CREDAUDIT_ASOF_CLOCK);
	assert_int_equal(t.bound, CLOCK);
}

static void
test_asof_clock_bounds_without_as_of(void **state)
{
	struct asof t;

	(void)state;
	start(&t, 0, CREDAUDIT_ASOF_NONE, 1, NULL, CLOCK);
	assert_int_equal(t.source, CREDAUDIT_ASOF_NONE);
	assert_int_equal(t.bound, CLOCK);
	assert_int_equal(t.have_latest, 0);
}

static void
test_asof_generated_time_becomes_as_of(void **state)
{
	struct asof t;
	int64_t gen = T0;

	(void)state;
	start(&t, 0, CREDAUDIT_ASOF_NONE, 1, &gen, CLOCK);
	assert_int_equal(t.source, CREDAUDIT_ASOF_GENERATED);
	assert_int_equal(t.as_of, T0);
	assert_int_equal(t.bound, T0);
	/* equal to the clock is not in the future */
	gen = CLOCK;
	start(&t, 0, CREDAUDIT_ASOF_NONE, 1, &gen, CLOCK);
	assert_int_equal(t.as_of, CLOCK);
}

static void
test_asof_generated_after_clock(void **state)
{
	struct asof t;
	struct credaudit_error err;
	int64_t gen = CLOCK + 1;

	(void)state;
	memset(&err, 0, sizeof(err));
	asof_init(&t, 0, CREDAUDIT_ASOF_NONE);
	assert_int_equal(asof_start(&t, 1, &gen, CLOCK, "w.json", &err), -1);
	assert_int_equal(err.code, CREDAUDIT_ERR_INPUT);
	assert_string_equal(err.file, "w.json");
	assert_int_equal(err.line, 0);
	assert_int_equal(err.column, 0);
	assert_string_equal(err.text, "GeneratedTime 2024-06-10T06:13:21Z is later "
	                    "than the clock at run time: a report cannot have been "
	                    "generated in the future, it is inconsistent and cannot "
	                    "be audited (--as-of states the moment instead)");
	/* when no rule judges time, the moment is kept, not refused */
	start(&t, 0, CREDAUDIT_ASOF_NONE, 0, &gen, CLOCK);
	assert_int_equal(t.source, CREDAUDIT_ASOF_GENERATED);
	assert_int_equal(t.as_of, CLOCK + 1);
	/* with a stated as-of time GeneratedTime is not read at all */
	start(&t, T0, CREDAUDIT_ASOF_OPTION, 1, &gen, CLOCK);
	assert_int_equal(t.as_of, T0);
}

static void
test_asof_later_than_bound_is_an_error_when_judging(void **state)
{
	struct asof t;
	struct credaudit_error err;

	(void)state;
	start(&t, T0, CREDAUDIT_ASOF_OPTION, 1, NULL, CLOCK);
	/* the bound itself, in either spelling, is not later */
	assert_int_equal(note1(&t, COL_PASSWORD_LAST_USED, "2024-06-01T00:00:00+00:00",
	                       &err), 0);
	assert_int_equal(note1(&t, COL_PASSWORD_LAST_USED, "2024-06-01T00:00:00Z",
	                       &err), 0);
	/* one second later is */
	assert_int_equal(note1(&t, COL_PASSWORD_LAST_USED, "2024-06-01T00:00:01+00:00",
	                       &err), -1);
	assert_int_equal(err.code, CREDAUDIT_ERR_INPUT);
	assert_string_equal(err.file, "t.csv");
	assert_int_equal(err.line, 4);
	assert_int_equal(err.column, COL_PASSWORD_LAST_USED + 1);
	assert_string_equal(err.text, "password_last_used 2024-06-01T00:00:01+00:00 is "
	                    "later than the as-of time 2024-06-01T00:00:00Z (--as-of): "
	                    "a report cannot hold a moment after it was generated, it "
	                    "is inconsistent and cannot be audited");
	/* the same cell when no rule judges time */
	start(&t, T0, CREDAUDIT_ASOF_OPTION, 0, NULL, CLOCK);
	assert_int_equal(note1(&t, COL_PASSWORD_LAST_USED, "2024-06-01T00:00:01+00:00",
	                       &err), 0);
	assert_int_equal(err.code, 0);
	assert_int_equal(t.have_latest, 1);
	assert_int_equal(t.latest, T0 + 1);
}

static void
test_asof_every_past_column_is_bounded(void **state)
{
	static const enum col past[] = {
		COL_USER_CREATION_TIME, COL_PASSWORD_LAST_USED, COL_PASSWORD_LAST_CHANGED,
		COL_AK1_LAST_ROTATED, COL_AK1_LAST_USED_DATE, COL_AK2_LAST_ROTATED,
		COL_AK2_LAST_USED_DATE, COL_CERT1_LAST_ROTATED, COL_CERT2_LAST_ROTATED,
	};
	struct asof t;
	struct credaudit_error err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(past) / sizeof(past[0]); i++) {
		start(&t, T0, CREDAUDIT_ASOF_OPTION, 1, NULL, CLOCK);
		if (note1(&t, past[i], "2030-01-01T00:00:00Z", &err) != -1)
			fail_msg("%s not bounded", col_name(past[i]));
		assert_int_equal(err.column, past[i] + 1);
		if (strncmp(err.text, col_name(past[i]), strlen(col_name(past[i]))) != 0)
			fail_msg("\"%s\" does not name %s", err.text, col_name(past[i]));
	}
	/* password_next_rotation is a future date: never bounded */
	start(&t, T0, CREDAUDIT_ASOF_OPTION, 1, NULL, CLOCK);
	assert_int_equal(note1(&t, COL_PASSWORD_NEXT_ROTATION, "2030-01-01T00:00:00Z",
	                       &err), 0);
	assert_int_equal(t.have_latest, 0);
}

static void
test_asof_offset_judged_by_moment_not_text(void **state)
{
	struct asof t;
	struct credaudit_error err;

	(void)state;
	start(&t, T0, CREDAUDIT_ASOF_OPTION, 1, NULL, CLOCK);
	/* the latest so far is the bound itself */
	assert_int_equal(note1(&t, COL_USER_CREATION_TIME, "2024-06-01T00:00:00Z", &err), 0);
	assert_int_equal(t.latest, T0);
	/* its text sorts before the latest, its moment is 4 hours after it */
	assert_int_equal(note1(&t, COL_AK1_LAST_USED_DATE, "2024-05-31T23:00:00-05:00",
	                       &err), -1);
	assert_int_equal(err.column, COL_AK1_LAST_USED_DATE + 1);
	assert_string_equal(err.text, "access_key_1_last_used_date "
	                    "2024-05-31T23:00:00-05:00 is later than the as-of time "
	                    "2024-06-01T00:00:00Z (--as-of): a report cannot hold a "
	                    "moment after it was generated, it is inconsistent and "
	                    "cannot be audited");
	/* and a later text whose moment is earlier is fine */
	assert_int_equal(note1(&t, COL_AK1_LAST_USED_DATE, "2024-06-01T02:00:00+03:00",
	                       &err), 0);
}

static void
test_asof_leftmost_late_cell_is_named(void **state)
{
	const char *cells[NCOLS] = { NULL };
	struct asof t;
	struct row r;
	struct credaudit_error err;

	(void)state;
	cells[COL_USER_CREATION_TIME] = "2025-01-01T00:00:00Z";
	cells[COL_AK1_LAST_ROTATED] = "2026-01-01T00:00:00Z";
	cells[COL_CERT2_LAST_ROTATED] = "2027-01-01T00:00:00Z";
	r = row_with(cells);
	/* the header puts cert_2_last_rotated first, user_creation_time last */
	r.fieldno[COL_CERT2_LAST_ROTATED] = 3;
	r.fieldno[COL_AK1_LAST_ROTATED] = 9;
	r.fieldno[COL_USER_CREATION_TIME] = 20;
	start(&t, T0, CREDAUDIT_ASOF_OPTION, 1, NULL, CLOCK);
	memset(&err, 0, sizeof(err));
	assert_int_equal(asof_note_row(&t, &r, &err), -1);
	assert_int_equal(err.column, 3);
	assert_non_null(strstr(err.text, "cert_2_last_rotated 2027-01-01T00:00:00Z"));
}

static void
test_asof_message_names_the_bound(void **state)
{
	struct asof t;
	struct credaudit_error err;
	int64_t gen = T0;

	(void)state;
	start(&t, 0, CREDAUDIT_ASOF_NONE, 1, NULL, CLOCK);
	assert_int_equal(note1(&t, COL_PASSWORD_LAST_CHANGED, "2024-06-10T06:13:21Z",
	                       &err), -1);
	assert_string_equal(err.text, "password_last_changed 2024-06-10T06:13:21Z is "
	                    "later than the clock at run time, and no as-of time is "
	                    "stated (--as-of, GeneratedTime): a report cannot hold a "
	                    "moment after it was generated, it is inconsistent and "
	                    "cannot be audited");
	assert_int_equal(note1(&t, COL_PASSWORD_LAST_CHANGED, "2024-06-10T06:13:20Z",
	                       &err), 0);

	start(&t, 0, CREDAUDIT_ASOF_NONE, 1, &gen, CLOCK);
	assert_int_equal(note1(&t, COL_AK2_LAST_ROTATED, "2024-06-02T00:00:00Z", &err), -1);
	assert_non_null(strstr(err.text, "later than the as-of time "
	                       "2024-06-01T00:00:00Z (the report's GeneratedTime)"));

	start(&t, T0, CREDAUDIT_ASOF_CLOCK, 1, NULL, CLOCK);
	assert_int_equal(note1(&t, COL_AK2_LAST_ROTATED, "2024-06-02T00:00:00Z", &err), -1);
	assert_non_null(strstr(err.text, "later than the as-of time "
	                       "2024-06-01T00:00:00Z (--as-of now, the clock)"));
}

static void
test_asof_latest_timestamp_settles_as_of(void **state)
{
	static const char *const seq[] = {
		"2024-05-02T03:00:00+00:00",
		"N/A", "no_information", "not_supported", "garbage", "",
		"2024-05-01T23:00:00-05:00",   /* 2024-05-02T04:00:00Z: the latest */
		"2024-05-02T03:59:59Z",
		"2024-13-01T00:00:00+00:00",   /* no timestamp: left to the rules */
		"2024-05-02T03:30:00+00:00",
	};
	struct asof t;
	struct credaudit_error err;
	size_t i;

	(void)state;
	start(&t, 0, CREDAUDIT_ASOF_NONE, 1, NULL, CLOCK);
	for (i = 0; i < sizeof(seq) / sizeof(seq[0]); i++)
		assert_int_equal(note1(&t, COL_PASSWORD_LAST_USED, seq[i], &err), 0);
	assert_int_equal(t.have_latest, 1);
	assert_int_equal(t.latest, INT64_C(1714622400));
	assert_string_equal(t.latest_text, "2024-05-02T04:00:00Z");
	assert_int_equal(t.source, CREDAUDIT_ASOF_NONE);
	asof_settle(&t);
	assert_int_equal(t.source, CREDAUDIT_ASOF_REPORT_LATEST);
	assert_int_equal(t.as_of, INT64_C(1714622400));
}

static void
test_asof_settle_keeps_a_stated_time(void **state)
{
	struct asof t;
	struct credaudit_error err;
	int64_t gen = T0 - 10;

	(void)state;
	start(&t, T0, CREDAUDIT_ASOF_OPTION, 1, NULL, CLOCK);
	assert_int_equal(note1(&t, COL_PASSWORD_LAST_USED, "2024-05-01T00:00:00Z", &err), 0);
	asof_settle(&t);
	assert_int_equal(t.source, CREDAUDIT_ASOF_OPTION);
	assert_int_equal(t.as_of, T0);
	start(&t, 0, CREDAUDIT_ASOF_NONE, 1, &gen, CLOCK);
	assert_int_equal(note1(&t, COL_PASSWORD_LAST_USED, "2024-05-01T00:00:00Z", &err), 0);
	asof_settle(&t);
	assert_int_equal(t.source, CREDAUDIT_ASOF_GENERATED);
	assert_int_equal(t.as_of, T0 - 10);
	/* no timestamp at all: still none */
	start(&t, 0, CREDAUDIT_ASOF_NONE, 1, NULL, CLOCK);
	assert_int_equal(note1(&t, COL_PASSWORD_LAST_USED, "N/A", &err), 0);
	asof_settle(&t);
	assert_int_equal(t.source, CREDAUDIT_ASOF_NONE);
}

/* Through the audit: a timestamp after --as-of fails a report only when a
 * selected rule judges age; the as-of time is the latest timestamp. */
static void
test_asof_through_audit(void **state)
{
	static const char csv[] = HDR22 ROOT_PASS USER_ROW("bob");
	/* 2024-05-25T00:00:00Z */
	struct credaudit_opts o = opts_of("credentials-unused", NULL, NULL,
	                                  INT64_C(1716595200));
	struct credaudit_report *rep;
	int64_t t;

	(void)state;
	rep = audit_mem_opts(&o, "t.csv", csv, strlen(csv));
	/* bob's user row: password_last_used, field 5, the leftmost late cell */
	assert_input_error(rep, 3, 5, "password_last_used 2024-05-30T07:00:00+00:00 is "
	                   "later than the as-of time 2024-05-25T00:00:00Z (--as-of)");
	credaudit_report_free(rep);

	o.rules = "root-access-key";   /* reads no time */
	rep = audit_mem_opts(&o, "t.csv", csv, strlen(csv));
	assert_null(credaudit_report_error(rep));
	credaudit_report_free(rep);

	rep = audit_all(csv);
	assert_null(credaudit_report_error(rep));
	assert_int_equal(credaudit_report_as_of(rep, &t), CREDAUDIT_ASOF_REPORT_LATEST);
	assert_int_equal(t, INT64_C(1717153200));   /* 2024-05-31T11:00:00Z */
	credaudit_report_free(rep);
}

/*
 * The latest timestamp is found from the text where it can be: a cell one
 * digit later or earlier than the latest, at each digit's place of both
 * forms, moves the latest or leaves it (the text is compared a word at a
 * time: each of the 19 bytes must count).
 */
static void
test_asof_latest_by_each_digit(void **state)
{
	static const char *const forms[] = {
		"2024-11-15T15:35:35+00:00", "2024-11-15T15:35:35Z",
	};
	struct credaudit_error err;
	struct vtime base, v;
	size_t f, i;
	int up;

	(void)state;
	for (f = 0; f < 2; f++)
		for (i = 0; i < 19; i++) {
			if (forms[f][i] < '0' || forms[f][i] > '9')
				continue;
			int tried = 0;

			for (up = 0; up < 2; up++) {
				char cell[32];
				struct asof t;

				snprintf(cell, sizeof(cell), "%s", forms[f]);
				cell[i] = (char)(cell[i] + (up ? 1 : -1));
				assert_int_equal(value_time(forms[f], strlen(forms[f]), &base), 0);
				if (value_time(cell, strlen(cell), &v) != 0)
					continue;   /* e.g. month 21: not a moment */
				tried++;
				start(&t, 0, CREDAUDIT_ASOF_NONE, 0, NULL, CLOCK);
				assert_int_equal(note1(&t, COL_AK1_LAST_ROTATED, forms[f], &err), 0);
				assert_int_equal(note1(&t, COL_USER_CREATION_TIME, cell, &err), 0);
				assert_int_equal(t.latest, up ? v.t : base.t);
			}
			assert_true(tried > 0);
		}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_asof_stated_time_is_the_bound),
		cmocka_unit_test(test_asof_clock_bounds_without_as_of),
		cmocka_unit_test(test_asof_generated_time_becomes_as_of),
		cmocka_unit_test(test_asof_generated_after_clock),
		cmocka_unit_test(test_asof_later_than_bound_is_an_error_when_judging),
		cmocka_unit_test(test_asof_every_past_column_is_bounded),
		cmocka_unit_test(test_asof_offset_judged_by_moment_not_text),
		cmocka_unit_test(test_asof_leftmost_late_cell_is_named),
		cmocka_unit_test(test_asof_message_names_the_bound),
		cmocka_unit_test(test_asof_latest_timestamp_settles_as_of),
		cmocka_unit_test(test_asof_settle_keeps_a_stated_time),
		cmocka_unit_test(test_asof_through_audit),
		cmocka_unit_test(test_asof_latest_by_each_digit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
