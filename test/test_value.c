/* test_value.c - typed values: booleans, timestamps, calendar arithmetic. */
#include "testutil.h"

#include <stdio.h>

#include "model/value.h"

static int
parse_bool(const char *s, struct vbool *b)
{
	b->state = V_NA;
	b->value = -1;
	return value_bool(s, strlen(s), b);
}

static int
parse_time(const char *s, struct vtime *t)
{
	t->state = V_NA;
	t->t = -1;
	return value_time(s, strlen(s), t);
}

/* Seconds of a UTC moment, from days_from_civil. */
static int64_t
utc(int64_t y, unsigned mo, unsigned d, int h, int mi, int s)
{
	return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}

static void
test_value_bool_true_false_any_case(void **state)
{
	static const char *const trues[] = { "true", "TRUE", "True", "tRuE" };
	static const char *const falses[] = { "false", "FALSE", "False", "fALSe" };
	struct vbool b;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(trues) / sizeof(trues[0]); i++) {
		assert_int_equal(parse_bool(trues[i], &b), 0);
		assert_int_equal(b.state, V_VALUE);
		assert_int_equal(b.value, 1);
	}
	for (i = 0; i < sizeof(falses) / sizeof(falses[0]); i++) {
		assert_int_equal(parse_bool(falses[i], &b), 0);
		assert_int_equal(b.state, V_VALUE);
		assert_int_equal(b.value, 0);
	}
}

static void
test_value_bool_states(void **state)
{
	struct vbool b;

	(void)state;
	assert_int_equal(parse_bool("N/A", &b), 0);
	assert_int_equal(b.state, V_NA);
	assert_int_equal(b.value, 0);
	assert_int_equal(parse_bool("not_supported", &b), 0);
	assert_int_equal(b.state, V_NOT_SUPPORTED);
	assert_int_equal(parse_bool("no_information", &b), 0);
	assert_int_equal(b.state, V_NO_INFORMATION);
	/* States are spelled exactly as AWS writes them. */
	assert_int_equal(parse_bool("n/a", &b), -1);
	assert_int_equal(parse_bool("NOT_SUPPORTED", &b), -1);
}

static void
test_value_bool_rejects_other_text(void **state)
{
	static const char *const bad[] = {
		"yes", "no", "", "1", "0", " true", "true ", "t", "f", "truee",
		"fals", "on", "off", "N/A ", "true\n"
	};
	struct vbool b;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (parse_bool(bad[i], &b) != -1)
			fail_msg("value_bool accepted \"%s\"", bad[i]);
	}
}

static void
test_value_bool_uses_length_not_nul(void **state)
{
	struct vbool b;

	(void)state;
	/* "truex" read with length 4 is "true"; length 5 is not a bool. */
	assert_int_equal(value_bool("truex", 4, &b), 0);
	assert_int_equal(b.value, 1);
	assert_int_equal(value_bool("truex", 5, &b), -1);
	assert_int_equal(value_bool("N/Ax", 3, &b), 0);
	assert_int_equal(b.state, V_NA);
}

static void
test_value_time_z_and_offset_forms(void **state)
{
	struct vtime a, b;

	(void)state;
	assert_int_equal(parse_time("2024-03-01T12:34:56Z", &a), 0);
	assert_int_equal(a.state, V_VALUE);
	assert_int_equal(a.t, utc(2024, 3, 1, 12, 34, 56));
	assert_int_equal(parse_time("2024-03-01T12:34:56+00:00", &b), 0);
	assert_int_equal(b.state, V_VALUE);
	assert_int_equal(a.t, b.t);
	assert_int_equal(parse_time("1970-01-01T00:00:00Z", &a), 0);
	assert_int_equal(a.t, 0);
	assert_int_equal(parse_time("2024-05-02T17:45:00+00:00", &a), 0);
	assert_int_equal(a.t, INT64_C(1714671900));
}

static void
test_value_time_other_offsets(void **state)
{
	struct vtime t;
	int64_t base = utc(2024, 3, 1, 12, 0, 0);

	(void)state;
	/* 12:00 at +02:00 is 10:00 UTC; at -05:30 it is 17:30 UTC. */
	assert_int_equal(parse_time("2024-03-01T12:00:00+02:00", &t), 0);
	assert_int_equal(t.t, base - 2 * 3600);
	assert_int_equal(parse_time("2024-03-01T12:00:00-05:30", &t), 0);
	assert_int_equal(t.t, base + 5 * 3600 + 30 * 60);
	/* An offset crossing midnight. */
	assert_int_equal(parse_time("2024-01-01T00:30:00+01:00", &t), 0);
	assert_int_equal(t.t, utc(2023, 12, 31, 23, 30, 0));
	/* Offsets out of range. */
	assert_int_equal(parse_time("2024-03-01T12:00:00+24:00", &t), -1);
	assert_int_equal(parse_time("2024-03-01T12:00:00+01:60", &t), -1);
	assert_int_equal(parse_time("2024-03-01T12:00:00*01:00", &t), -1);
	assert_int_equal(parse_time("2024-03-01T12:00:00+0100", &t), -1);
	assert_int_equal(parse_time("2024-03-01T12:00:00+01-00", &t), -1);
	/* The SDK forms a JSON wrapper's GeneratedTime may take are not the
	 * CSV's: its timestamps stay strict. */
	assert_int_equal(parse_time("2024-03-01 12:00:00+00:00", &t), -1);
	assert_int_equal(parse_time("2024-03-01T12:00:00.000Z", &t), -1);
	assert_int_equal(parse_time("2024-03-01T12:00:00.000+00:00", &t), -1);
}

static void
test_value_time_states(void **state)
{
	struct vtime t;

	(void)state;
	assert_int_equal(parse_time("N/A", &t), 0);
	assert_int_equal(t.state, V_NA);
	assert_int_equal(parse_time("not_supported", &t), 0);
	assert_int_equal(t.state, V_NOT_SUPPORTED);
	assert_int_equal(parse_time("no_information", &t), 0);
	assert_int_equal(t.state, V_NO_INFORMATION);
}

static void
test_value_time_calendar_checks(void **state)
{
	struct vtime t;

	(void)state;
	assert_int_equal(parse_time("2024-02-29T00:00:00Z", &t), 0);
	assert_int_equal(t.t, utc(2024, 2, 29, 0, 0, 0));
	assert_int_equal(parse_time("2000-02-29T00:00:00Z", &t), 0);
	assert_int_equal(parse_time("2023-02-29T00:00:00Z", &t), -1);
	assert_int_equal(parse_time("1900-02-29T00:00:00Z", &t), -1);
	assert_int_equal(parse_time("2100-02-29T00:00:00Z", &t), -1);
	assert_int_equal(parse_time("2024-02-30T00:00:00Z", &t), -1);
	assert_int_equal(parse_time("2021-06-31T09:30:00+00:00", &t), -1);
	assert_int_equal(parse_time("2021-04-31T00:00:00Z", &t), -1);
	assert_int_equal(parse_time("2021-12-31T23:59:59Z", &t), 0);
	assert_int_equal(parse_time("2024-13-01T00:00:00Z", &t), -1);
	assert_int_equal(parse_time("2024-00-01T00:00:00Z", &t), -1);
	assert_int_equal(parse_time("2024-01-00T00:00:00Z", &t), -1);
	assert_int_equal(parse_time("2024-01-32T00:00:00Z", &t), -1);
	assert_int_equal(parse_time("2024-01-01T24:00:00Z", &t), -1);
	assert_int_equal(parse_time("2024-01-01T23:60:00Z", &t), -1);
	assert_int_equal(parse_time("2024-01-01T23:59:61Z", &t), -1);
}

/* AWS never writes a leap second; a moment outside years 0001-9999 cannot be
 * written back as YYYY (an offset may carry a moment across either end). */
static void
test_value_time_rejects_second_60_and_years_out_of_range(void **state)
{
	static const char *const bad[] = {
		"2016-12-31T23:59:60Z", "2024-06-01T12:00:60Z",
		"2024-06-01T12:00:60+00:00", "9999-12-31T23:59:60Z",
		"0000-01-01T00:00:00Z", "0000-12-31T23:59:59Z",
		"0001-01-01T00:00:00+00:01", "9999-12-31T23:59:59-00:01",
		"9999-12-31T23:00:00-01:00",
	};
	struct vtime t;
	int64_t x;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (parse_time(bad[i], &t) != -1)
			fail_msg("accepted %s", bad[i]);
		if (credaudit_time_parse(bad[i], &x) != -1)
			fail_msg("credaudit_time_parse accepted %s", bad[i]);
	}
	assert_int_equal(credaudit_time_parse("0000-12-31", &x), -1);
	assert_int_equal(parse_time("2024-06-01T12:00:59Z", &t), 0);
	assert_int_equal(parse_time("0001-01-01T00:00:00Z", &t), 0);
	assert_int_equal(t.t, utc(1, 1, 1, 0, 0, 0));
	assert_int_equal(parse_time("0001-01-01T00:00:00-00:01", &t), 0);
	assert_int_equal(parse_time("0000-12-31T23:00:00-01:00", &t), 0);
	assert_int_equal(t.t, utc(1, 1, 1, 0, 0, 0));
	assert_int_equal(parse_time("9999-12-31T23:59:59Z", &t), 0);
	assert_int_equal(t.t, utc(9999, 12, 31, 23, 59, 59));
	assert_int_equal(parse_time("9999-12-31T23:59:59+00:00", &t), 0);
	assert_int_equal(credaudit_time_parse("9999-12-31", &x), 0);
	assert_int_equal(credaudit_time_parse("0001-01-01", &x), 0);
}

static void
test_value_time_rejects_wrong_length_and_garbage(void **state)
{
	static const char *const bad[] = {
		"", "2024-03-01", "2024-03-01T12:34:56", "2024-03-01T12:34:5Z",
		"2024-03-01T12:34:56.000Z", "2024-03-01T12:34:56+00:00Z",
		"2024-03-01 12:34:56Z", "2024/03/01T12:34:56Z",
		"2024-03-01T12-34-56Z", "2024-03-01T12:34:56z",
		"2024-03-01T12:34:56X", "20x4-03-01T12:34:56Z",
		"2024-0a-01T12:34:56Z", "2024-03-01T1b:34:56Z",
		"-024-03-01T12:34:56Z", "2024-03-01T12:34:56+0a:00",
		"yesterday at noon!!!", "2024-03-01T12:34:56+00:0 ",
		"n/a", "N/A "
	};
	struct vtime t;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (parse_time(bad[i], &t) != -1)
			fail_msg("value_time accepted \"%s\"", bad[i]);
	}
}

static void
test_value_days_from_civil_known_values(void **state)
{
	(void)state;
	assert_int_equal(days_from_civil(1970, 1, 1), 0);
	assert_int_equal(days_from_civil(1970, 1, 2), 1);
	assert_int_equal(days_from_civil(1969, 12, 31), -1);
	assert_int_equal(days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(days_from_civil(2000, 2, 29), 11016);
	assert_int_equal(days_from_civil(2024, 2, 29), 19782);
	assert_int_equal(days_from_civil(2024, 3, 1), 19783);
	assert_int_equal(days_from_civil(2038, 1, 19), 24855);
	assert_int_equal(days_from_civil(1600, 1, 1), -135140);
	assert_int_equal(days_from_civil(0, 3, 1), -719468);
}

static void
test_value_civil_round_trip(void **state)
{
	int64_t z, y;
	unsigned m, d;
	int64_t prev_y = 0;
	unsigned prev_m = 0, prev_d = 0;

	(void)state;
	/* About 1100 years before and after the epoch, day by day: the
	 * inverse holds and dates advance one calendar day at a time. */
	for (z = -400000; z <= 400000; z++) {
		civil_from_days(z, &y, &m, &d);
		assert_true(m >= 1 && m <= 12);
		assert_true(d >= 1 && d <= 31);
		if (days_from_civil(y, m, d) != z)
			fail_msg("day %lld -> %lld-%u-%u does not round-trip",
			         (long long)z, (long long)y, m, d);
		if (z > -400000) {
			int next_day = y == prev_y && m == prev_m && d == prev_d + 1;
			int next_month = y == prev_y && m == prev_m + 1 && d == 1;
			int next_year = y == prev_y + 1 && m == 1 && d == 1 &&
			                prev_m == 12 && prev_d == 31;

			assert_true(next_day || next_month || next_year);
		}
		prev_y = y;
		prev_m = m;
		prev_d = d;
	}
	civil_from_days(19782, &y, &m, &d);
	assert_int_equal(y, 2024);
	assert_int_equal(m, 2);
	assert_int_equal(d, 29);
	civil_from_days(0, &y, &m, &d);
	assert_int_equal(y, 1970);
	assert_int_equal(m, 1);
	assert_int_equal(d, 1);
}

static void
test_value_time_format(void **state)
{
	char buf[32];
	struct vtime t;

	(void)state;
	time_format(0, buf, sizeof(buf));
	assert_string_equal(buf, "1970-01-01T00:00:00Z");
	time_format(utc(2024, 2, 29, 23, 59, 59), buf, sizeof(buf));
	assert_string_equal(buf, "2024-02-29T23:59:59Z");
	time_format(-1, buf, sizeof(buf));
	assert_string_equal(buf, "1969-12-31T23:59:59Z");
	time_format(-86400, buf, sizeof(buf));
	assert_string_equal(buf, "1969-12-31T00:00:00Z");
	/* Parse and format agree, offsets normalised to Z. */
	assert_int_equal(parse_time("2021-06-01T11:30:00+02:00", &t), 0);
	time_format(t.t, buf, sizeof(buf));
	assert_string_equal(buf, "2021-06-01T09:30:00Z");
	credaudit_time_format(t.t, buf, sizeof(buf));
	assert_string_equal(buf, "2021-06-01T09:30:00Z");
}

static void
test_value_date_format(void **state)
{
	char buf[16];

	(void)state;
	date_format(0, buf, sizeof(buf));
	assert_string_equal(buf, "1970-01-01");
	date_format(utc(2021, 6, 1, 9, 30, 0), buf, sizeof(buf));
	assert_string_equal(buf, "2021-06-01");
	date_format(utc(2024, 2, 29, 23, 59, 59), buf, sizeof(buf));
	assert_string_equal(buf, "2024-02-29");
	date_format(-1, buf, sizeof(buf));
	assert_string_equal(buf, "1969-12-31");
	date_format(-86400, buf, sizeof(buf));
	assert_string_equal(buf, "1969-12-31");
	date_format(-86401, buf, sizeof(buf));
	assert_string_equal(buf, "1969-12-30");
}

static void
test_value_public_time_parse(void **state)
{
	int64_t t = -1;

	(void)state;
	assert_int_equal(credaudit_time_parse("2024-02-29", &t), 0);
	assert_int_equal(t, utc(2024, 2, 29, 0, 0, 0));
	assert_int_equal(credaudit_time_parse("2024-02-29T01:02:03Z", &t), 0);
	assert_int_equal(t, utc(2024, 2, 29, 1, 2, 3));
	assert_int_equal(credaudit_time_parse("2023-02-29", &t), -1);
	assert_int_equal(credaudit_time_parse("N/A", &t), -1);
	assert_int_equal(credaudit_time_parse("", &t), -1);
}

/*
 * Every byte at every position of both forms: a digit's place takes no
 * other byte than a digit, a separator's no other than itself, the
 * offset's sign '+' or '-' (the digits are checked eight bytes at a time:
 * a byte next to the digits such as ':' or '/', or one with the high bit
 * set, must not pass).  Which digits pass is the calendar's business.
 */
static void
test_value_time_each_byte_at_each_position(void **state)
{
	static const char *const forms[] = {
		"2000-01-01T00:00:00Z", "2000-01-01T00:00:00+00:00"
	};
	static const char *const kinds[] = {
		"dddd-dd-ddTdd:dd:ddZ", "dddd-dd-ddTdd:dd:dds00:00"
	};
	struct vtime t;
	size_t f, i;
	int b;

	(void)state;
	for (f = 0; f < 2; f++) {
		size_t n = strlen(forms[f]);

		for (i = 0; i < n; i++) {
			char k = kinds[f][i] == '0' ? 'd' : kinds[f][i];

			for (b = 0; b < 256; b++) {
				char s[32];
				int rc;

				memcpy(s, forms[f], n + 1);
				s[i] = (char)b;
				t.state = V_NA;
				rc = value_time(s, n, &t);
				if (b == (unsigned char)forms[f][i])
					assert_int_equal(rc, 0);
				else if (k == 'd' && (b < '0' || b > '9'))
					assert_int_equal(rc, -1);
				else if (k == 's')
					assert_int_equal(rc, b == '-' ? 0 : -1);
				else if (k != 'd')
					assert_int_equal(rc, -1);
			}
		}
	}
}

/* value_time and value_time_general agree on s[0..n): result, state, time. */
static void
assert_time_paths_agree(const char *s, size_t n)
{
	struct vtime a, b;
	int ra, rb;

	a.state = b.state = V_NA;
	a.t = b.t = -1;
	ra = value_time(s, n, &a);
	rb = value_time_general(s, n, &b);
	if (ra != rb || (ra == 0 && (a.state != b.state || a.t != b.t)))
		fail_msg("paths differ on \"%.*s\" (%zu bytes): %d/%d, %lld/%lld",
		         (int)n, s, n, ra, rb, (long long)a.t, (long long)b.t);
}

/*
 * The fast path for AWS's forms against the general parser: calendar
 * edges, years 0000/0001/9999, second 60, offsets that are not +00:00,
 * lower-case letters, trailing bytes and every shorter prefix.
 */
static void
test_value_time_fast_path_matches_general_on_edges(void **state)
{
	static const char *const cases[] = {
		"2026-01-02T03:04:05+00:00", "2026-01-02T03:04:05Z",
		"2000-02-29T00:00:00+00:00", "2024-02-29T12:00:00Z",
		"1900-02-29T00:00:00+00:00", "2023-02-29T00:00:00Z",
		"2100-02-29T00:00:00+00:00", "2400-02-29T00:00:00+00:00",
		"1600-02-29T00:00:00Z", "1700-02-29T00:00:00Z",
		"2023-02-28T23:59:59+00:00", "2023-03-01T00:00:00+00:00",
		"2023-04-31T00:00:00+00:00", "2023-04-30T00:00:00+00:00",
		"2023-12-31T23:59:59+00:00", "2023-13-01T00:00:00+00:00",
		"2023-00-01T00:00:00+00:00", "2023-01-00T00:00:00+00:00",
		"2023-01-32T00:00:00+00:00", "2023-01-01T24:00:00+00:00",
		"2023-01-01T23:60:00+00:00", "2023-01-01T23:59:60+00:00",
		"2023-01-01T23:59:60Z", "2016-12-31T23:59:60+00:00",
		"0000-01-01T00:00:00+00:00", "0000-12-31T23:59:59Z",
		"0000-12-31T23:59:59-00:01", "0000-12-31T23:00:00-01:00",
		"0001-01-01T00:00:00+00:00", "0001-01-01T00:00:00Z",
		"0001-01-01T00:00:00+00:01", "0001-01-01T00:00:00-00:01",
		"9999-12-31T23:59:59+00:00", "9999-12-31T23:59:59Z",
		"9999-12-31T23:59:59-00:01", "9999-12-31T23:00:00+01:00",
		"1970-01-01T00:00:00+00:00", "1969-12-31T23:59:59Z",
		"2026-01-02T03:04:05-00:00", "2026-01-02T03:04:05+01:00",
		"2026-01-02T03:04:05+23:59", "2026-01-02T03:04:05+24:00",
		"2026-01-02T03:04:05+00:60", "2026-01-02T03:04:05-12:30",
		"2026-01-02t03:04:05+00:00", "2026-01-02T03:04:05z",
		"2026-01-02 03:04:05+00:00", "2026-01-02T03:04:05+0000",
		"2026-01-02T03:04:05+00:00x", "2026-01-02T03:04:05Zx",
		"2026-01-02T03:04:05.000Z", "2026-01-02T03:04:05+00:00\n",
		"+026-01-02T03:04:05+00:00", "2026/01/02T03:04:05+00:00",
		"N/A", "not_supported", "no_information", "",
	};
	char buf[40];
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		for (n = 0; n <= strlen(cases[i]); n++)
			assert_time_paths_agree(cases[i], n);
	/* an embedded NUL where AWS writes its offset */
	memcpy(buf, "2026-01-02T03:04:05+00:00", 26);
	buf[22] = '\0';
	assert_time_paths_agree(buf, 25);
}

/*
 * Every day of the years 0001-9999 in both of AWS's forms, at the first
 * and the last second of the day, agrees between the two paths.
 */
static void
test_value_time_fast_path_matches_general_every_day(void **state)
{
	int64_t day;

	(void)state;
	for (day = TIME_MIN / 86400; day <= TIME_MAX / 86400; day++) {
		char date[16], s[40];

		date_format(day * 86400, date, sizeof(date));
		snprintf(s, sizeof(s), "%sT00:00:00+00:00", date);
		assert_time_paths_agree(s, 25);
		snprintf(s, sizeof(s), "%sT23:59:59Z", date);
		assert_time_paths_agree(s, 20);
	}
}

/* Every byte at every position of both forms agrees between the paths,
 * on a leap day and on the last second of the year 9999. */
static void
test_value_time_fast_path_matches_general_each_byte(void **state)
{
	static const char *const forms[] = {
		"2024-02-29T23:59:59+00:00", "2024-02-29T23:59:59Z",
		"9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00Z",
	};
	size_t f, i, n;
	int b;

	(void)state;
	for (f = 0; f < sizeof(forms) / sizeof(forms[0]); f++) {
		n = strlen(forms[f]);
		for (i = 0; i < n; i++)
			for (b = 0; b < 256; b++) {
				char s[32];

				memcpy(s, forms[f], n + 1);
				s[i] = (char)b;
				assert_time_paths_agree(s, n);
			}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_value_bool_true_false_any_case),
		cmocka_unit_test(test_value_bool_states),
		cmocka_unit_test(test_value_bool_rejects_other_text),
		cmocka_unit_test(test_value_bool_uses_length_not_nul),
		cmocka_unit_test(test_value_time_z_and_offset_forms),
		cmocka_unit_test(test_value_time_other_offsets),
		cmocka_unit_test(test_value_time_states),
		cmocka_unit_test(test_value_time_calendar_checks),
		cmocka_unit_test(test_value_time_rejects_wrong_length_and_garbage),
		cmocka_unit_test(test_value_time_each_byte_at_each_position),
		cmocka_unit_test(test_value_time_fast_path_matches_general_on_edges),
		cmocka_unit_test(test_value_time_fast_path_matches_general_every_day),
		cmocka_unit_test(test_value_time_fast_path_matches_general_each_byte),
		cmocka_unit_test(test_value_time_rejects_second_60_and_years_out_of_range),
		cmocka_unit_test(test_value_days_from_civil_known_values),
		cmocka_unit_test(test_value_civil_round_trip),
		cmocka_unit_test(test_value_time_format),
		cmocka_unit_test(test_value_date_format),
		cmocka_unit_test(test_value_public_time_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
