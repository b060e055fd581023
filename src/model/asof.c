/*
 * asof.c - the as-of time of a report and the bound of its timestamps.
 */
#include <string.h>

#include "base/bytes.h"
#include "base/util.h"
#include "model/asof.h"

void
asof_init(struct asof *t, int64_t as_of, enum credaudit_asof_source source)
{
	memset(t, 0, sizeof(*t));
	t->as_of = as_of;
	t->source = source;
}

/* A GeneratedTime that becomes the as-of time but is later than the clock
 * at run time: it would age every credential into a pass. */
static int
generated_in_future(const struct asof *t, const char *file,
                    struct credaudit_error *err)
{
	char when[32];

	time_format(t->as_of, when, sizeof(when));
	return seterr(err, CREDAUDIT_ERR_INPUT, file, 0, 0,
	              "GeneratedTime %s is later than the clock at run time: a report "
	              "cannot have been generated in the future, it is inconsistent "
	              "and cannot be audited (--as-of states the moment instead)", when);
}

/* The as-of time of the evidence register must agree with what the report
 * states of itself, and cannot be later than the clock. */
static int
manifest_check(const struct asof *t, const int64_t *generated, int64_t clock,
               const char *file, struct credaudit_error *err)
{
	char when[32], gen[32];

	time_format(t->as_of, when, sizeof(when));
	if (generated != NULL && *generated != t->as_of) {
		time_format(*generated, gen, sizeof(gen));
		return seterr(err, CREDAUDIT_ERR_INPUT, file, 0, 0,
		              "the manifest's as_of %s is not the report's GeneratedTime "
		              "%s: the register and the report disagree on when it was "
		              "generated, it cannot be audited", when, gen);
	}
	if (t->as_of > clock)
		return seterr(err, CREDAUDIT_ERR_INPUT, file, 0, 0,
		              "the manifest's as_of %s is later than the clock at run "
		              "time: a report cannot have been generated in the future, "
		              "it cannot be audited", when);
	return 0;
}

int
asof_start(struct asof *t, int judge_time, const int64_t *generated,
           int64_t clock, const char *file, struct credaudit_error *err)
{
	t->judge_time = judge_time;
	if (t->source == CREDAUDIT_ASOF_MANIFEST &&
	    manifest_check(t, generated, clock, file, err) == -1)
		return -1;
	if (t->source == CREDAUDIT_ASOF_NONE && generated != NULL) {
		t->as_of = *generated;
		t->source = CREDAUDIT_ASOF_GENERATED;
		if (judge_time && t->as_of > clock)
			return generated_in_future(t, file, err);
	}
	t->bound = t->source == CREDAUDIT_ASOF_NONE ? clock : t->as_of;
	return 0;
}

/* Columns whose timestamps are moments already past when AWS wrote the
 * report (password_next_rotation is a future date, so it is not one). */
static const enum col past_cols[] = {
	COL_USER_CREATION_TIME, COL_PASSWORD_LAST_USED, COL_PASSWORD_LAST_CHANGED,
	COL_AK1_LAST_ROTATED, COL_AK1_LAST_USED_DATE, COL_AK2_LAST_ROTATED,
	COL_AK2_LAST_USED_DATE, COL_CERT1_LAST_ROTATED, COL_CERT2_LAST_ROTATED,
};

/* memcmp(a, b, 19) <= 0, a word at a time (the last word overlaps). */
static int
le19(const char *a, const char *b)
{
	uint64_t x = load_be64(a), y = load_be64(b);

	if (x == y) {
		x = load_be64(a + 8);
		y = load_be64(b + 8);
	}
	if (x == y) {
		x = load_be64(a + 11);
		y = load_be64(b + 11);
	}
	return x <= y;
}

/*
 * Whether s[0..n) cannot be later than the latest timestamp so far, seen
 * from its text alone: a timestamp has at least 20 bytes, and a UTC
 * timestamp "YYYY-MM-DDTHH:MM:SS" + "+00:00" or "Z" orders as its first 19
 * bytes do, so one that compares at most equal to the latest in that form
 * is not later; text that is no timestamp is ignored anyway.  Saves
 * parsing nearly every timestamp of a report.
 */
static int
not_later(const struct asof *t, const char *s, size_t n)
{
	if (n < 20)
		return 1;   /* shorter than any timestamp: a state, or not one */
	return t->have_latest &&
	       ((n == 25 && s[19] == '+' && s[20] == '0' && s[21] == '0' && s[22] == ':' &&
	         s[23] == '0' && s[24] == '0') || (n == 20 && s[19] == 'Z')) &&
	       le19(s, t->latest_text);
}

/* What the bound of a report's timestamps is, for an error message. */
static const char *
bound_words(enum credaudit_asof_source src)
{
	switch (src) {
	case CREDAUDIT_ASOF_OPTION: return "--as-of";
	case CREDAUDIT_ASOF_CLOCK: return "--as-of now, the clock";
	case CREDAUDIT_ASOF_GENERATED: return "the report's GeneratedTime";
	case CREDAUDIT_ASOF_MANIFEST: return "the manifest's as_of";
	default: return "";
	}
}

/*
 * A timestamp of the report later than the moment it is judged at (or,
 * with no moment stated, than the clock when the run began) cannot be:
 * the report is inconsistent, and its ages would be negative (a stated
 * moment) or judged from a moment that has not come (the latest timestamp).
 * The cell is a timestamp, checked by value_time: its text is safe to show.
 */
static int
later_than_bound(const struct asof *t, const struct row *row, enum col c,
                 struct credaudit_error *err)
{
	char when[32];

	if (t->source == CREDAUDIT_ASOF_NONE)
		return seterr(err, CREDAUDIT_ERR_INPUT, row->file, row->line,
		              row->fieldno[c], "%s %.*s is later than the clock at run "
		              "time, and no as-of time is stated (--as-of, GeneratedTime): "
		              "a report cannot hold a moment after it was generated, it is "
		              "inconsistent and cannot be audited", col_name(c),
		              (int)row->n[c], row->f[c]);
	time_format(t->bound, when, sizeof(when));
	return seterr(err, CREDAUDIT_ERR_INPUT, row->file, row->line,
	              row->fieldno[c], "%s %.*s is later than the as-of time %s (%s): "
	              "a report cannot hold a moment after it was generated, it is "
	              "inconsistent and cannot be audited", col_name(c), (int)row->n[c],
	              row->f[c], when, bound_words(t->source));
}

int
asof_note_row(struct asof *t, const struct row *row, struct credaudit_error *err)
{
	size_t i;
	int late = -1;

	for (i = 0; i < sizeof(past_cols) / sizeof(past_cols[0]); i++) {
		struct vtime v;
		enum col c = past_cols[i];

		if (row->f[c] == NULL || not_later(t, row->f[c], row->n[c]) ||
		    value_time(row->f[c], row->n[c], &v) == -1 || v.state != V_VALUE)
			continue;
		if (v.t > t->bound && t->judge_time) {
			if (late < 0 || row->fieldno[c] < row->fieldno[late])
				late = (int)c;
		} else if (!t->have_latest || v.t > t->latest) {
			t->latest = v.t;
			t->have_latest = 1;
			time_format(v.t, t->latest_text, sizeof(t->latest_text));
		}
	}
	return late < 0 ? 0 : later_than_bound(t, row, (enum col)late, err);
}

void
asof_settle(struct asof *t)
{
	if (t->source == CREDAUDIT_ASOF_NONE && t->have_latest) {
		t->as_of = t->latest;
		t->source = CREDAUDIT_ASOF_REPORT_LATEST;
	}
}
