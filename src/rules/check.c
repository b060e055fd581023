/*
 * check.c - helpers of the check functions (root.c, users.c).  A check is
 * a pure function of a typed row, the as-of time and the rule's
 * parameters: it reads values through row_bool/row_time, which fail on
 * text that is not of the column's type, and adds findings through
 * check_emit.
 */
#include <stdio.h>
#include <string.h>

#include "rules/check.h"

const struct keycols check_keys[2] = {
	{ "access_key_1", COL_AK1_ACTIVE, COL_AK1_LAST_ROTATED,
	  COL_AK1_LAST_USED_DATE, COL_AK1_LAST_USED_REGION,
	  COL_AK1_LAST_USED_SERVICE, "active access key (access_key_1)" },
	{ "access_key_2", COL_AK2_ACTIVE, COL_AK2_LAST_ROTATED,
	  COL_AK2_LAST_USED_DATE, COL_AK2_LAST_USED_REGION,
	  COL_AK2_LAST_USED_SERVICE, "active access key (access_key_2)" },
};

int
check_each_active_key(const struct row *row, const struct check_ctx *cx,
                      int (*fn)(const struct row *, const struct check_ctx *,
                                const struct keycols *, void *),
                      void *arg)
{
	size_t i;

	for (i = 0; i < 2; i++) {
		int active = check_is_true(row, check_keys[i].active, cx->err);

		if (active == -1)
			return -1;
		if (active && fn(row, cx, &check_keys[i], arg) == -1)
			return -1;
	}
	return 0;
}

int
check_older_than(int64_t as_of, int64_t t, int64_t days)
{
	return as_of - t > days * DAY;
}

int
check_is_true(const struct row *row, enum col c, struct credaudit_error *err)
{
	return row_is_true(row, c, err);
}

int
check_optional_time(const struct row *row, enum col c, struct vtime *t,
                    struct credaudit_error *err)
{
	t->state = V_NA;
	t->t = 0;
	if (!row_has(row, c))
		return 0;
	return row_time(row, c, t, err);
}

void
check_describe_use(const struct row *row, enum col c, const struct vtime *t,
                   char *out, size_t size)
{
	char date[16];

	if (!row_has(row, c)) {
		snprintf(out, size, "last use not recorded in this report layout");
		return;
	}
	switch (t->state) {
	case V_VALUE:
		date_format(t->t, date, sizeof(date));
		snprintf(out, size, "last used %s", date);
		break;
	case V_NA:
		snprintf(out, size, "never used");
		break;
	default:
		snprintf(out, size, "last use unknown (%s)", row_text(row, c));
		break;
	}
}

void
check_describe_where(const struct row *row, enum col region, enum col service,
                     char *out, size_t size)
{
	const char *r = row_text(row, region), *s = row_text(row, service);
	int has_r = *r != '\0' && value_state(r, strlen(r)) < 0;
	int has_s = *s != '\0' && value_state(s, strlen(s)) < 0;

	snprintf(out, size, "%s%s%s%s", has_r ? " in " : "", has_r ? r : "",
	         has_s ? " for " : "", has_s ? s : "");
}

void
check_describe_created(const struct vtime *t, char *out, size_t size)
{
	char date[16];

	if (t->state == V_VALUE) {
		date_format(t->t, date, sizeof(date));
		snprintf(out, size, "created %s", date);
	} else {
		snprintf(out, size, "creation date not recorded");
	}
}

/* An age of secs > 0 seconds: whole days, or exact at the threshold (see
 * check_describe_age). */
static void
describe_days(int64_t secs, int64_t threshold, char *out, size_t size)
{
	int64_t rem = secs % DAY;

	if (rem == 0 || secs / DAY != threshold)
		snprintf(out, size, "%lld day%s", (long long)(secs / DAY),
		         secs / DAY == 1 ? "" : "s");
	else
		snprintf(out, size, "%lld day%s and %02d:%02d:%02d",
		         (long long)(secs / DAY), secs / DAY == 1 ? "" : "s", (int)(rem / 3600),
		         (int)(rem / 60 % 60), (int)(rem % 60));
}

void
check_describe_age(int64_t as_of, int64_t t, int64_t threshold, char *out,
                   size_t size)
{
	char days[64];

	if (t >= as_of) {
		snprintf(out, size, "at or after the as-of time");
		return;
	}
	describe_days(as_of - t, threshold, days, sizeof(days));
	snprintf(out, size, "%s before the as-of time", days);
}

int
check_emit(const struct check_ctx *cx, const struct row *row,
           const char *credential, const char *msg, const enum col *cols,
           size_t ncols)
{
	struct credaudit_kv ev[CREDAUDIT_MAX_EVIDENCE];
	size_t i, k = 0;

	for (i = 0; i < ncols && k < CREDAUDIT_MAX_EVIDENCE; i++) {
		if (!row_has(row, cols[i]))
			continue;
		ev[k].name = col_name(cols[i]);
		ev[k].value = row_text(row, cols[i]);
		k++;
	}
	return findings_add(cx, row, credential, msg, ev, k);
}
