/*
 * root.c - the checks of the <root_account> row: access keys (active and
 * inactive), MFA, recent use, signing certificates.
 */
#include <stdio.h>

#include "rules/check.h"

static int
active_root_key(const struct row *row, const struct check_ctx *cx,
                const struct keycols *k, void *arg)
{
	const enum col cols[4] = { k->rotated, k->used, k->region, k->service };
	struct vtime rotated, used;
	char created[64], use[96], where[160], msg[400];

	(void)arg;
	if (check_optional_time(row, k->rotated, &rotated, cx->err) == -1 ||
	    check_optional_time(row, k->used, &used, cx->err) == -1)
		return -1;
	check_describe_created(&rotated, created, sizeof(created));
	check_describe_use(row, k->used, &used, use, sizeof(use));
	where[0] = '\0';
	if (used.state == V_VALUE)
		check_describe_where(row, k->region, k->service, where, sizeof(where));
	snprintf(msg, sizeof(msg),
	         "root user has an active access key (%s), %s, %s%s",
	         k->name, created, use, where);
	return check_emit(cx, row, k->name, msg, cols, 4);
}

int
check_root_access_key(const struct row *row, const struct check_ctx *cx)
{
	return check_each_active_key(row, cx, active_root_key, NULL);
}

int
check_root_access_key_inactive(const struct row *row, const struct check_ctx *cx)
{
	size_t i;

	for (i = 0; i < 2; i++) {
		const struct keycols *k = &check_keys[i];
		const enum col cols[2] = { k->active, k->rotated };
		struct vtime rotated;
		char date[16], msg[400];
		int active = check_is_true(row, k->active, cx->err);

		if (active == -1 || row_time(row, k->rotated, &rotated, cx->err) == -1)
			return -1;
		if (active || rotated.state != V_VALUE)
			continue;
		date_format(rotated.t, date, sizeof(date));
		snprintf(msg, sizeof(msg),
		         "root user has an inactive access key (%s), created %s: it is "
		         "disabled but still exists; AWS Config iam-root-access-key-check "
		         "fails on any root key, the report-based CIS audit only on "
		         "active ones", k->name, date);
		if (check_emit(cx, row, k->name, msg, cols, 2) == -1)
			return -1;
	}
	return 0;
}

int
check_root_mfa(const struct row *row, const struct check_ctx *cx)
{
	const enum col cols[2] = { COL_MFA_ACTIVE, COL_PASSWORD_LAST_USED };
	struct vbool mfa;
	char msg[300];

	if (row_bool(row, COL_MFA_ACTIVE, &mfa, cx->err) == -1)
		return -1;
	if (mfa.state == V_VALUE && mfa.value)
		return 0;
	if (mfa.state == V_VALUE)
		snprintf(msg, sizeof(msg), "root user has no MFA device (mfa_active=false)");
	else
		snprintf(msg, sizeof(msg), "root user's MFA cannot be established "
		         "(mfa_active=%s): not a pass", row_text(row, COL_MFA_ACTIVE));
	return check_emit(cx, row, "mfa", msg, cols, 2);
}

int
check_root_recent_use(const struct row *row, const struct check_ctx *cx)
{
	const enum col cols[3] = { COL_PASSWORD_LAST_USED, COL_AK1_LAST_USED_DATE,
	                           COL_AK2_LAST_USED_DATE };
	static const char *const what[3] = { "password", "access_key_1", "access_key_2" };
	int64_t days = cx->param[0];
	size_t i, best = 3;
	int64_t latest = 0;
	char date[16], age[64], msg[400];

	for (i = 0; i < 3; i++) {
		struct vtime t;

		if (row_time(row, cols[i], &t, cx->err) == -1)
			return -1;
		if (t.state == V_VALUE && (best == 3 || t.t > latest)) {
			latest = t.t;
			best = i;
		}
	}
	if (best == 3 || check_older_than(cx->as_of, latest, days))
		return 0;
	date_format(latest, date, sizeof(date));
	check_describe_age(cx->as_of, latest, -1, age, sizeof(age));
	snprintf(msg, sizeof(msg), "root user was last used on %s with its %s, %s "
	         "(a use within %lld day%s fails)", date, what[best], age,
	         (long long)days, days == 1 ? "" : "s");
	return check_emit(cx, row, what[best], msg, cols, 3);
}

int
check_root_signing_certificate(const struct row *row, const struct check_ctx *cx)
{
	static const char *const name[2] = { "cert_1", "cert_2" };
	const enum col cols[2][2] = { { COL_CERT1_ACTIVE, COL_CERT1_LAST_ROTATED },
	                              { COL_CERT2_ACTIVE, COL_CERT2_LAST_ROTATED } };
	size_t i;

	for (i = 0; i < 2; i++) {
		struct vtime rotated;
		char created[64], msg[300];
		int active = check_is_true(row, cols[i][0], cx->err);

		if (active == -1 ||
		    check_optional_time(row, cols[i][1], &rotated, cx->err) == -1)
			return -1;
		if (!active)
			continue;
		check_describe_created(&rotated, created, sizeof(created));
		snprintf(msg, sizeof(msg), "root user has an active X.509 signing "
		         "certificate (%s), %s", name[i], created);
		if (check_emit(cx, row, name[i], msg, cols[i], 2) == -1)
			return -1;
	}
	return 0;
}
