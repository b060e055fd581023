/* value.c - parse typed report values; UTC calendar arithmetic in integers. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/bytes.h"
#include "credaudit.h"
#include "model/value.h"

static int
eq_nocase(const char *s, size_t n, const char *lit)
{
	size_t i;

	if (strlen(lit) != n)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if (c != (unsigned char)lit[i])
			return 0;
	}
	return 1;
}

int
value_state(const char *s, size_t n)
{
	/* AWS writes these in exactly this spelling. */
	if (n == 3 && memcmp(s, "N/A", 3) == 0)
		return V_NA;
	if (n == 13 && memcmp(s, "not_supported", 13) == 0)
		return V_NOT_SUPPORTED;
	if (n == 14 && memcmp(s, "no_information", 14) == 0)
		return V_NO_INFORMATION;
	return -1;
}

int
value_bool(const char *s, size_t n, struct vbool *out)
{
	int st;

	/* what AWS writes, decided at once (no state is spelled so) */
	if ((n == 4 && memcmp(s, "true", 4) == 0) || (n == 5 && memcmp(s, "false", 5) == 0)) {
		out->state = V_VALUE;
		out->value = n == 4;
		return 0;
	}
	st = value_state(s, n);
	out->value = 0;
	if (st >= 0) {
		out->state = (enum vstate)st;
		return 0;
	}
	out->state = V_VALUE;
	if (eq_nocase(s, n, "true")) {
		out->value = 1;
		return 0;
	}
	if (eq_nocase(s, n, "false"))
		return 0;
	return -1;
}

int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/*
 * Whether the 8 bytes at s fit tmpl, where '0' stands for any decimal
 * digit and a byte where sep has 0xff must be tmpl's own.  A byte of tmpl
 * that is neither (the offset's sign) passes when s's byte differs from
 * it by at most 9: its caller checks it.  Each byte XOR its template byte
 * is 0..9 for a digit, 0 for the separator, and ((x + 0x76) | x) has its
 * high bit clear only for 0..9.
 */
static int
match8(const char *s, const char *tmpl, const char *sep)
{
	uint64_t w, t, m;

	memcpy(&w, s, 8);
	memcpy(&t, tmpl, 8);
	memcpy(&m, sep, 8);
	w ^= t;
	return (((w + 0x7676767676767676u) | w) & 0x8080808080808080u) == 0 &&
	       (w & m) == 0;
}

/* The two decimal digits at s, once checked. */
static int
d2(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

static unsigned
month_days(int y, int m)
{
	static const unsigned char mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return mdays[m - 1] + (unsigned)(m == 2 && leap);
}

int
value_time_general(const char *s, size_t n, struct vtime *out)
{
	int y, mo, d, h, mi, sec, oh = 0, om = 0, sign = 0;
	int st;

	out->t = 0;
	out->state = V_VALUE;
	/* 2024-03-01T12:34:56 then Z (20 bytes) or +00:00 (25 bytes); no
	 * state is spelled in 20 or 25 bytes */
	if (n != 20 && n != 25) {
		if ((st = value_state(s, n)) < 0)
			return -1;
		out->state = (enum vstate)st;
		return 0;
	}
	if (!match8(s, "0000-00-", "\0\0\0\0\377\0\0\377") ||
	    !match8(s + 8, "00T00:00", "\0\0\377\0\0\377\0\0") ||
	    !match8(s + 11, "00:00:00", "\0\0\377\0\0\377\0\0"))
		return -1;
	y = d2(s) * 100 + d2(s + 2);
	mo = d2(s + 5);
	d = d2(s + 8);
	h = d2(s + 11);
	mi = d2(s + 14);
	sec = d2(s + 17);
	if (n == 20) {
		if (s[19] != 'Z')
			return -1;
	} else {
		if (s[19] == '+')
			sign = 1;
		else if (s[19] == '-')
			sign = -1;
		else
			return -1;
		/* the sign's byte is checked above, the rest here */
		if (!match8(s + 17, "00+00:00", "\0\0\0\0\0\377\0\0"))
			return -1;
		oh = d2(s + 20);
		om = d2(s + 23);
		if (oh > 23 || om > 59)
			return -1;
	}
	/* no second 60: AWS never writes a leap second */
	if (y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 ||
	    mi < 0 || mi > 59 || sec < 0 || sec > 59)
		return -1;
	if ((unsigned)d > month_days(y, mo))
		return -1;
	out->t = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 +
	         h * 3600 + mi * 60 + sec - sign * (oh * 3600 + om * 60);
	/* The moment, in UTC, must be writable as YYYY again: an offset can
	 * carry 9999-12-31 into the year 10000, 0001-01-01 into the year 0. */
	if (out->t < TIME_MIN || out->t > TIME_MAX)
		return -1;
	return 0;
}

/* The 8 bytes at s XOR the 8 of tmpl: where s has tmpl's byte, 0; where
 * tmpl has '0' and s a digit, the digit's value. */
static uint64_t
xor8(const char *s, const char *tmpl)
{
	return load_le64(s) ^ load_le64(tmpl);
}

/* The 8 bytes of sep as a word: a mask with 0xff where s must have the
 * template's own byte (a separator), 0 where a digit goes. */
static uint64_t
mask8(const char *sep)
{
	return load_le64(sep);
}

/* Whether a word from xor8 has a byte above 9 (see match8). */
#define NOT_DIGITS(w) ((((w) + 0x7676767676767676u) | (w)) & 0x8080808080808080u)

/* Byte k of w * 10 + (w >> 8) for a word of digit values: the two-digit
 * number at place k (at most 99, so no byte carries). */
#define PAIR(p, k) ((unsigned)((p) >> (8 * (k))) & 0xffu)

/*
 * The UTC timestamps AWS writes, "YYYY-MM-DDTHH:MM:SS+00:00" or with "Z",
 * of the years 0001-9999: 1 with *t set, or 0 when s is anything else,
 * valid or not (value_time_general then decides).  Three words cover
 * every byte but the ':' before the seconds of the long form (the offset
 * is checked as separators); days from a table of the days before each
 * month, with one division.
 */
static int
time_fast(const char *s, size_t n, int64_t *t)
{
	static const unsigned short before[12] = {
		0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334
	};
	static const unsigned char mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	uint64_t a, b, c, bad;
	unsigned y, yy, cent, mo, d, h, mi, sec, leap;

	if (n == 25) {   /* "SS+00:00", and the ':' before */
		c = xor8(s + 17, "00+00:00");
		bad = (c & mask8("\0\0\377\377\377\377\377\377")) | (uint64_t)(s[16] != ':');
	} else if (n == 20) {   /* "H:MM:SSZ" */
		c = xor8(s + 12, "0:00:00Z");
		bad = c & mask8("\0\377\0\0\377\0\0\377");
	} else {
		return 0;
	}
	a = xor8(s, "0000-00-");
	b = xor8(s + 8, "00T00:00");
	bad |= NOT_DIGITS(a) | NOT_DIGITS(b) | NOT_DIGITS(c) |
	       (a & mask8("\0\0\0\0\377\0\0\377")) | (b & mask8("\0\0\377\0\0\377\0\0"));
	if (bad != 0)
		return 0;
	a = a * 10 + (a >> 8);
	b = b * 10 + (b >> 8);
	c = c * 10 + (c >> 8);
	y = PAIR(a, 0) * 100 + PAIR(a, 2);
	mo = PAIR(a, 5);
	d = PAIR(b, 0);
	h = PAIR(b, 3);
	mi = PAIR(b, 6);
	sec = n == 25 ? PAIR(c, 0) : PAIR(c, 5);
	if (y == 0 || mo - 1 >= 12 || h > 23 || mi > 59 || sec > 59)
		return 0;
	yy = y - 1;   /* whole years since 0001-01-01, day -719162 */
	cent = yy / 100;
	/* y % 100 == 0 when yy % 100 == 99; then y / 100 == cent + 1 */
	leap = (y & 3) == 0 && (yy - cent * 100 != 99 || ((cent + 1) & 3) == 0);
	if (d - 1 >= mdays[mo - 1] + (unsigned)(mo == 2 && leap))
		return 0;
	*t = ((int64_t)(yy * 365 + (yy >> 2) - cent + (cent >> 2) + before[mo - 1] +
	                (unsigned)(mo > 2 && leap) + d - 1) - 719162) * 86400 +
	     h * 3600 + mi * 60 + sec;
	return 1;
}

int
value_time(const char *s, size_t n, struct vtime *out)
{
	if (time_fast(s, n, &out->t)) {
		out->state = V_VALUE;
		return 0;
	}
	return value_time_general(s, n, out);
}

int
credaudit_time_parse(const char *s, int64_t *t)
{
	struct vtime v;
	char full[32];
	size_t n = strlen(s);

	if (n == 10) {   /* a date alone means its midnight UTC */
		snprintf(full, sizeof(full), "%.10sT00:00:00Z", s);
		s = full;
		n = 20;
	}
	if (value_time(s, n, &v) == -1 || v.state != V_VALUE)
		return -1;
	*t = v.t;
	return 0;
}

void
credaudit_time_format(int64_t t, char *buf, size_t size)
{
	time_format(t, buf, size);
}

void
time_format(int64_t t, char *buf, size_t size)
{
	int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	int64_t rem = t - days * 86400, y;
	unsigned m, d;

	civil_from_days(days, &y, &m, &d);
	snprintf(buf, size, "%04lld-%02u-%02uT%02u:%02u:%02uZ", (long long)y,
	         m, d, (unsigned)(rem / 3600), (unsigned)(rem / 60 % 60),
	         (unsigned)(rem % 60));
}

void
date_format(int64_t t, char *buf, size_t size)
{
	int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400, y;
	unsigned m, d;

	civil_from_days(days, &y, &m, &d);
	snprintf(buf, size, "%04lld-%02u-%02u", (long long)y, m, d);
}
