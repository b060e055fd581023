/*
 * users.c - the checks of IAM user rows: console without MFA, key
 * rotation, unused credentials, two active keys, keys made at setup.
 */
#include <stdio.h>

#include "rules/check.h"

int
check_user_console_without_mfa(const struct row *row, const struct check_ctx *cx)
{
	const enum col cols[3] = { COL_PASSWORD_ENABLED, COL_MFA_ACTIVE,
	                           COL_PASSWORD_LAST_USED };
	struct vbool mfa;
	char msg[300];
	int pw = check_is_true(row, COL_PASSWORD_ENABLED, cx->err);

	if (pw == -1 || row_bool(row, COL_MFA_ACTIVE, &mfa, cx->err) == -1)
		return -1;
	if (!pw || (mfa.state == V_VALUE && mfa.value))
		return 0;
	if (mfa.state == V_VALUE)
		snprintf(msg, sizeof(msg), "user can sign in to the console with a "
		         "password but has no MFA device");
	else
		snprintf(msg, sizeof(msg), "user can sign in to the console with a "
		         "password and MFA cannot be established (mfa_active=%s)",
		         row_text(row, COL_MFA_ACTIVE));
	return check_emit(cx, row, "password", msg, cols, 3);
}

static int
key_not_rotated(const struct row *row, const struct check_ctx *cx,
                const struct keycols *k, void *arg)
{
	const enum col cols[2] = { k->active, k->rotated };
	int64_t days = cx->param[0];
	struct vtime rotated;
	char date[16], age[96], msg[400];

	(void)arg;
	if (row_time(row, k->rotated, &rotated, cx->err) == -1)
		return -1;
	if (rotated.state != V_VALUE) {
		snprintf(msg, sizeof(msg), "active access key (%s) has no creation "
		         "date (%s): its age cannot be established", k->name,
		         row_text(row, k->rotated));
	} else if (check_older_than(cx->as_of, rotated.t, days)) {
		date_format(rotated.t, date, sizeof(date));
		check_describe_age(cx->as_of, rotated.t, days, age, sizeof(age));
		snprintf(msg, sizeof(msg), "active access key (%s) was created or "
		         "last rotated on %s, %s (more than %lld)", k->name, date,
		         age, (long long)days);
	} else {
		return 0;
	}
	return check_emit(cx, row, k->name, msg, cols, 2);
}

int
check_access_key_not_rotated(const struct row *row, const struct check_ctx *cx)
{
	return check_each_active_key(row, cx, key_not_rotated, NULL);
}

/*
 * Judge one credential's last use against the threshold.  last is its
 * last use; base the moment it was created (for a credential never used,
 * or used only before AWS tracked use).  Writes the message and returns 1
 * when the credential is unused for more than days, else 0.
 */
static int
unused_for(const struct vtime *last, const struct vtime *base, int64_t as_of,
           int64_t days, const char *what, const char *text,
           char *msg, size_t size)
{
	char date[16], age[96];

	if (last->state == V_VALUE) {
		if (!check_older_than(as_of, last->t, days))
			return 0;
		date_format(last->t, date, sizeof(date));
		check_describe_age(as_of, last->t, days, age, sizeof(age));
		snprintf(msg, size, "%s last used on %s, %s (more than %lld)", what,
		         date, age, (long long)days);
		return 1;
	}
	if (base->state != V_VALUE) {
		snprintf(msg, size, "%s has no recorded use (%s) and no creation date: "
		         "its disuse cannot be bounded", what, text);
		return 1;
	}
	if (!check_older_than(as_of, base->t, days))
		return 0;
	date_format(base->t, date, sizeof(date));
	check_describe_age(as_of, base->t, days, age, sizeof(age));
	snprintf(msg, size, "%s has no recorded use (%s) since it was created on "
	         "%s, %s (more than %lld)", what,
	         last->state == V_NA ? "never used" : text, date, age,
	         (long long)days);
	return 1;
}

static int
unused_password(const struct row *row, const struct check_ctx *cx)
{
	const enum col cols[4] = { COL_PASSWORD_ENABLED, COL_PASSWORD_LAST_USED,
	                           COL_PASSWORD_LAST_CHANGED, COL_USER_CREATION_TIME };
	struct vtime last, changed, created;
	char msg[400];
	int pw = check_is_true(row, COL_PASSWORD_ENABLED, cx->err);

	if (pw < 1)
		return pw;
	if (row_time(row, COL_PASSWORD_LAST_USED, &last, cx->err) == -1 ||
	    row_time(row, COL_PASSWORD_LAST_CHANGED, &changed, cx->err) == -1 ||
	    row_time(row, COL_USER_CREATION_TIME, &created, cx->err) == -1)
		return -1;
	if (!unused_for(&last, changed.state == V_VALUE ? &changed : &created,
	                cx->as_of, cx->param[0], "console password",
	                row_text(row, COL_PASSWORD_LAST_USED), msg, sizeof(msg)))
		return 0;
	return check_emit(cx, row, "password", msg, cols, 4);
}

static int
key_unused(const struct row *row, const struct check_ctx *cx,
           const struct keycols *k, void *arg)
{
	const enum col cols[3] = { k->active, k->rotated, k->used };
	struct vtime rotated, used;
	char msg[400];

	(void)arg;
	if (row_time(row, k->rotated, &rotated, cx->err) == -1 ||
	    row_time(row, k->used, &used, cx->err) == -1)
		return -1;
	if (!unused_for(&used, &rotated, cx->as_of, cx->param[0], k->what,
	                row_text(row, k->used), msg, sizeof(msg)))
		return 0;
	return check_emit(cx, row, k->name, msg, cols, 3);
}

int
check_credentials_unused(const struct row *row, const struct check_ctx *cx)
{
	if (unused_password(row, cx) == -1)
		return -1;
	return check_each_active_key(row, cx, key_unused, NULL);
}

int
check_two_active_keys(const struct row *row, const struct check_ctx *cx)
{
	const enum col cols[4] = { COL_AK1_ACTIVE, COL_AK1_LAST_ROTATED,
	                           COL_AK2_ACTIVE, COL_AK2_LAST_ROTATED };
	int a1 = check_is_true(row, COL_AK1_ACTIVE, cx->err);
	int a2 = a1 == -1 ? -1 : check_is_true(row, COL_AK2_ACTIVE, cx->err);

	if (a2 == -1)
		return -1;
	if (!a1 || !a2)
		return 0;
	return check_emit(cx, row, NULL, "user has two active access keys "
	                  "(access_key_1 and access_key_2)", cols, 4);
}

/* A never-used active key created within the window of its user's creation
 * (arg: the user's creation time). */
static int
key_at_setup(const struct row *row, const struct check_ctx *cx,
             const struct keycols *k, void *arg)
{
	const struct vtime *created = arg;
	const enum col cols[4] = { COL_USER_CREATION_TIME, k->active, k->rotated,
	                           k->used };
	int64_t seconds = cx->param[0];
	struct vtime rotated, used;
	char msg[400];

	if (row_time(row, k->rotated, &rotated, cx->err) == -1 ||
	    row_time(row, k->used, &used, cx->err) == -1)
		return -1;
	/* A key dated before its user is inconsistent, not one made at
	 * setup: it is left alone. */
	if (used.state != V_NA || rotated.state != V_VALUE ||
	    created->state != V_VALUE || rotated.t < created->t ||
	    rotated.t - created->t > seconds)
		return 0;
	snprintf(msg, sizeof(msg), "console user's access key (%s) was created "
	         "%lld seconds after the user (at most %lld) and never used: "
	         "a key set up with the user", k->name,
	         (long long)(rotated.t - created->t), (long long)seconds);
	return check_emit(cx, row, k->name, msg, cols, 4);
}

int
check_access_key_at_setup(const struct row *row, const struct check_ctx *cx)
{
	struct vtime created;
	int pw = check_is_true(row, COL_PASSWORD_ENABLED, cx->err);

	if (pw < 1)
		return pw;
	if (row_time(row, COL_USER_CREATION_TIME, &created, cx->err) == -1)
		return -1;
	return check_each_active_key(row, cx, key_at_setup, &created);
}
