/*
 * checks.c - the check functions of the rule table.  A check is a pure
 * function of a typed row, the as-of time and the rule's parameters: it
 * reads values through row_bool/row_time, which fail on text that is not of
 * the column's type, and emits findings through eval_emit.
 */
#include <stdio.h>
#include <string.h>

#include "report/report.h"
#include "rules/rules.h"
#include "base/util.h"

#define DAY 86400

/* Describe a last-used timestamp for a message: "last used 2024-05-02". */
static void
describe_use(const struct row *row, enum col c, const struct vtime *t,
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

/* " in us-east-1 for s3", leaving out what is N/A or absent. */
static void
describe_where(const struct row *row, enum col region, enum col service,
               char *out, size_t size)
{
	const char *r = row_text(row, region), *s = row_text(row, service);
	int has_r = *r != '\0' && value_state(r, strlen(r)) < 0;
	int has_s = *s != '\0' && value_state(s, strlen(s)) < 0;

	snprintf(out, size, "%s%s%s%s", has_r ? " in " : "", has_r ? r : "",
	         has_s ? " for " : "", has_s ? s : "");
}

/* The columns of access key slot 1 or 2. */
struct keycols {
	const char *name;
	enum col active, rotated, used, region, service;
};

static const struct keycols keys[2] = {
	{ "access_key_1", COL_AK1_ACTIVE, COL_AK1_LAST_ROTATED,
	  COL_AK1_LAST_USED_DATE, COL_AK1_LAST_USED_REGION,
	  COL_AK1_LAST_USED_SERVICE },
	{ "access_key_2", COL_AK2_ACTIVE, COL_AK2_LAST_ROTATED,
	  COL_AK2_LAST_USED_DATE, COL_AK2_LAST_USED_REGION,
	  COL_AK2_LAST_USED_SERVICE },
};

/* Evidence from the columns cols[0..n) that the report has. */
static size_t
evidence_of(const struct row *row, const enum col *cols, size_t n,
            struct credaudit_kv *ev)
{
	size_t i, k = 0;

	for (i = 0; i < n && k < CREDAUDIT_MAX_EVIDENCE; i++) {
		if (!row_has(row, cols[i]))
			continue;
		ev[k].name = col_name(cols[i]);
		ev[k].value = row_text(row, cols[i]);
		k++;
	}
	return k;
}

/* Evidence of a key slot: its dated columns. */
static size_t
key_evidence(const struct row *row, const struct keycols *k,
             struct credaudit_kv *ev)
{
	const enum col cols[4] = { k->rotated, k->used, k->region, k->service };

	return evidence_of(row, cols, 4, ev);
}

/* Read a timestamp column that may be absent from older layouts. */
static int
optional_time(const struct row *row, enum col c, struct vtime *t,
              struct credaudit_error *err)
{
	t->state = V_NA;
	t->t = 0;
	if (!row_has(row, c))
		return 0;
	return row_time(row, c, t, err);
}

/* 1 when on/off column c holds "true"; 0 for "false"; -1 on any other
 * text, a state included (see row_flag). */
static int
is_true(const struct row *row, enum col c, struct credaudit_error *err)
{
	int v;

	if (row_flag(row, c, &v, err) == -1)
		return -1;
	return v;
}

/* "created 2021-06-01" or "creation date not recorded". */
static void
describe_created(const struct vtime *t, char *out, size_t size)
{
	char date[16];

	if (t->state == V_VALUE) {
		date_format(t->t, date, sizeof(date));
		snprintf(out, size, "created %s", date);
	} else {
		snprintf(out, size, "creation date not recorded");
	}
}

int
check_root_access_key(const struct rule *rule, const struct row *row,
                      struct eval *ev)
{
	size_t i;

	(void)rule;
	for (i = 0; i < 2; i++) {
		const struct keycols *k = &keys[i];
		struct credaudit_kv evidence[CREDAUDIT_MAX_EVIDENCE];
		struct vtime rotated, used;
		char created[64], use[96], where[160], msg[400];
		int active = is_true(row, k->active, ev->err);

		if (active == -1)
			return -1;
		if (!active)
			continue;
		if (optional_time(row, k->rotated, &rotated, ev->err) == -1 ||
		    optional_time(row, k->used, &used, ev->err) == -1)
			return -1;
		describe_created(&rotated, created, sizeof(created));
		describe_use(row, k->used, &used, use, sizeof(use));
		where[0] = '\0';
		if (used.state == V_VALUE)
			describe_where(row, k->region, k->service, where, sizeof(where));
		snprintf(msg, sizeof(msg),
		         "root user has an active access key (%s), %s, %s%s",
		         k->name, created, use, where);
		if (eval_emit(ev, row, k->name, msg, evidence,
		              key_evidence(row, k, evidence)) == -1)
			return -1;
	}
	return 0;
}

int
check_root_access_key_inactive(const struct rule *rule, const struct row *row,
                               struct eval *ev)
{
	size_t i;

	(void)rule;
	for (i = 0; i < 2; i++) {
		const struct keycols *k = &keys[i];
		const enum col cols[2] = { k->active, k->rotated };
		struct credaudit_kv evidence[CREDAUDIT_MAX_EVIDENCE];
		struct vtime rotated;
		char date[16], msg[400];
		int active = is_true(row, k->active, ev->err);

		if (active == -1 || row_time(row, k->rotated, &rotated, ev->err) == -1)
			return -1;
		if (active || rotated.state != V_VALUE)
			continue;
		date_format(rotated.t, date, sizeof(date));
		snprintf(msg, sizeof(msg),
		         "root user has an inactive access key (%s), created %s: it is "
		         "disabled but still exists; AWS Config iam-root-access-key-check "
		         "fails on any root key, the report-based CIS audit only on "
		         "active ones", k->name, date);
		if (eval_emit(ev, row, k->name, msg, evidence,
		              evidence_of(row, cols, 2, evidence)) == -1)
			return -1;
	}
	return 0;
}

int
check_root_mfa(const struct rule *rule, const struct row *row, struct eval *ev)
{
	const enum col cols[2] = { COL_MFA_ACTIVE, COL_PASSWORD_LAST_USED };
	struct credaudit_kv evidence[CREDAUDIT_MAX_EVIDENCE];
	struct vbool mfa;
	char msg[300];

	(void)rule;
	if (row_bool(row, COL_MFA_ACTIVE, &mfa, ev->err) == -1)
		return -1;
	if (mfa.state == V_VALUE && mfa.value)
		return 0;
	if (mfa.state == V_VALUE)
		snprintf(msg, sizeof(msg), "root user has no MFA device (mfa_active=false)");
	else
		snprintf(msg, sizeof(msg), "root user's MFA cannot be established "
		         "(mfa_active=%s): not a pass", row_text(row, COL_MFA_ACTIVE));
	return eval_emit(ev, row, "mfa", msg, evidence,
	                 evidence_of(row, cols, 2, evidence));
}

/*
 * An age of secs > 0 seconds in whole days ("1215 days"), except when that
 * would read as the threshold of a rule that fails above it: then exact,
 * "90 days and 00:00:01", so a fail just past a threshold never reads as
 * if it were at it.  threshold -1: whole days always.
 */
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

/* "11 days before the as-of time" or "at or after the as-of time";
 * threshold as for describe_days. */
static void
describe_age(int64_t as_of, int64_t t, int64_t threshold, char *out,
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
check_root_recent_use(const struct rule *rule, const struct row *row,
                      struct eval *ev)
{
	const enum col cols[3] = { COL_PASSWORD_LAST_USED, COL_AK1_LAST_USED_DATE,
	                           COL_AK2_LAST_USED_DATE };
	static const char *const what[3] = { "password", "access_key_1", "access_key_2" };
	struct credaudit_kv evidence[CREDAUDIT_MAX_EVIDENCE];
	int64_t days = ev->param[0];
	size_t i, best = 3;
	int64_t latest = 0;
	char date[16], age[64], msg[400];

	(void)rule;
	for (i = 0; i < 3; i++) {
		struct vtime t;

		if (row_time(row, cols[i], &t, ev->err) == -1)
			return -1;
		if (t.state == V_VALUE && (best == 3 || t.t > latest)) {
			latest = t.t;
			best = i;
		}
	}
	if (best == 3 || ev->as_of - latest > days * DAY)
		return 0;
	date_format(latest, date, sizeof(date));
	describe_age(ev->as_of, latest, -1, age, sizeof(age));
	snprintf(msg, sizeof(msg), "root user was last used on %s with its %s, %s "
	         "(a use within %lld day%s fails)", date, what[best], age,
	         (long long)days, days == 1 ? "" : "s");
	return eval_emit(ev, row, what[best], msg, evidence,
	                 evidence_of(row, cols, 3, evidence));
}

int
check_root_signing_certificate(const struct rule *rule, const struct row *row,
                               struct eval *ev)
{
	static const char *const name[2] = { "cert_1", "cert_2" };
	const enum col cols[2][2] = { { COL_CERT1_ACTIVE, COL_CERT1_LAST_ROTATED },
	                              { COL_CERT2_ACTIVE, COL_CERT2_LAST_ROTATED } };
	size_t i;

	(void)rule;
	for (i = 0; i < 2; i++) {
		struct credaudit_kv evidence[CREDAUDIT_MAX_EVIDENCE];
		struct vtime rotated;
		char created[64], msg[300];
		int active = is_true(row, cols[i][0], ev->err);

		if (active == -1 || optional_time(row, cols[i][1], &rotated, ev->err) == -1)
			return -1;
		if (!active)
			continue;
		describe_created(&rotated, created, sizeof(created));
		snprintf(msg, sizeof(msg), "root user has an active X.509 signing "
		         "certificate (%s), %s", name[i], created);
		if (eval_emit(ev, row, name[i], msg, evidence,
		              evidence_of(row, cols[i], 2, evidence)) == -1)
			return -1;
	}
	return 0;
}

int
check_user_console_without_mfa(const struct rule *rule, const struct row *row,
                               struct eval *ev)
{
	const enum col cols[3] = { COL_PASSWORD_ENABLED, COL_MFA_ACTIVE,
	                           COL_PASSWORD_LAST_USED };
	struct credaudit_kv evidence[CREDAUDIT_MAX_EVIDENCE];
	struct vbool mfa;
	char msg[300];
	int pw = is_true(row, COL_PASSWORD_ENABLED, ev->err);

	(void)rule;
	if (pw == -1 || row_bool(row, COL_MFA_ACTIVE, &mfa, ev->err) == -1)
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
	return eval_emit(ev, row, "password", msg, evidence,
	                 evidence_of(row, cols, 3, evidence));
}

int
check_access_key_not_rotated(const struct rule *rule, const struct row *row,
                             struct eval *ev)
{
	int64_t days = ev->param[0];
	size_t i;

	(void)rule;
	for (i = 0; i < 2; i++) {
		const struct keycols *k = &keys[i];
		const enum col cols[2] = { k->active, k->rotated };
		struct credaudit_kv evidence[CREDAUDIT_MAX_EVIDENCE];
		struct vtime rotated;
		char date[16], age[96], msg[400];
		int active = is_true(row, k->active, ev->err);

		if (active == -1)
			return -1;
		if (!active)
			continue;
		if (row_time(row, k->rotated, &rotated, ev->err) == -1)
			return -1;
		if (rotated.state != V_VALUE) {
			snprintf(msg, sizeof(msg), "active access key (%s) has no creation "
			         "date (%s): its age cannot be established", k->name,
			         row_text(row, k->rotated));
		} else if (ev->as_of - rotated.t > days * DAY) {
			date_format(rotated.t, date, sizeof(date));
			describe_age(ev->as_of, rotated.t, days, age, sizeof(age));
			snprintf(msg, sizeof(msg), "active access key (%s) was created or "
			         "last rotated on %s, %s (more than %lld)", k->name, date,
			         age, (long long)days);
		} else {
			continue;
		}
		if (eval_emit(ev, row, k->name, msg, evidence,
		              evidence_of(row, cols, 2, evidence)) == -1)
			return -1;
	}
	return 0;
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
		if (as_of - last->t <= days * DAY)
			return 0;
		date_format(last->t, date, sizeof(date));
		describe_age(as_of, last->t, days, age, sizeof(age));
		snprintf(msg, size, "%s last used on %s, %s (more than %lld)", what,
		         date, age, (long long)days);
		return 1;
	}
	if (base->state != V_VALUE) {
		snprintf(msg, size, "%s has no recorded use (%s) and no creation date: "
		         "its disuse cannot be bounded", what, text);
		return 1;
	}
	if (as_of - base->t <= days * DAY)
		return 0;
	date_format(base->t, date, sizeof(date));
	describe_age(as_of, base->t, days, age, sizeof(age));
	snprintf(msg, size, "%s has no recorded use (%s) since it was created on "
	         "%s, %s (more than %lld)", what,
	         last->state == V_NA ? "never used" : text, date, age,
	         (long long)days);
	return 1;
}

static int
unused_password(const struct row *row, struct eval *ev, int64_t days)
{
	const enum col cols[4] = { COL_PASSWORD_ENABLED, COL_PASSWORD_LAST_USED,
	                           COL_PASSWORD_LAST_CHANGED, COL_USER_CREATION_TIME };
	struct credaudit_kv evidence[CREDAUDIT_MAX_EVIDENCE];
	struct vtime last, changed, created;
	char msg[400];
	int pw = is_true(row, COL_PASSWORD_ENABLED, ev->err);

	if (pw < 1)
		return pw;
	if (row_time(row, COL_PASSWORD_LAST_USED, &last, ev->err) == -1 ||
	    row_time(row, COL_PASSWORD_LAST_CHANGED, &changed, ev->err) == -1 ||
	    row_time(row, COL_USER_CREATION_TIME, &created, ev->err) == -1)
		return -1;
	if (!unused_for(&last, changed.state == V_VALUE ? &changed : &created,
	                       ev->as_of, days, "console password",
	                       row_text(row, COL_PASSWORD_LAST_USED), msg, sizeof(msg)))
		return 0;
	return eval_emit(ev, row, "password", msg, evidence,
	                 evidence_of(row, cols, 4, evidence));
}

int
check_credentials_unused(const struct rule *rule, const struct row *row,
                         struct eval *ev)
{
	int64_t days = ev->param[0];
	size_t i;

	(void)rule;
	if (unused_password(row, ev, days) == -1)
		return -1;
	for (i = 0; i < 2; i++) {
		const struct keycols *k = &keys[i];
		const enum col cols[3] = { k->active, k->rotated, k->used };
		struct credaudit_kv evidence[CREDAUDIT_MAX_EVIDENCE];
		struct vtime rotated, used;
		char what[64], msg[400];
		int active = is_true(row, k->active, ev->err);

		if (active == -1)
			return -1;
		if (!active)
			continue;
		if (row_time(row, k->rotated, &rotated, ev->err) == -1 ||
		    row_time(row, k->used, &used, ev->err) == -1)
			return -1;
		snprintf(what, sizeof(what), "active access key (%s)", k->name);
		if (!unused_for(&used, &rotated, ev->as_of, days, what,
		                           row_text(row, k->used), msg, sizeof(msg)))
			continue;
		if (eval_emit(ev, row, k->name, msg, evidence,
		              evidence_of(row, cols, 3, evidence)) == -1)
			return -1;
	}
	return 0;
}

int
check_two_active_keys(const struct rule *rule, const struct row *row,
                      struct eval *ev)
{
	const enum col cols[4] = { COL_AK1_ACTIVE, COL_AK1_LAST_ROTATED,
	                           COL_AK2_ACTIVE, COL_AK2_LAST_ROTATED };
	struct credaudit_kv evidence[CREDAUDIT_MAX_EVIDENCE];
	int a1 = is_true(row, COL_AK1_ACTIVE, ev->err);
	int a2 = a1 == -1 ? -1 : is_true(row, COL_AK2_ACTIVE, ev->err);

	(void)rule;
	if (a2 == -1)
		return -1;
	if (!a1 || !a2)
		return 0;
	return eval_emit(ev, row, NULL, "user has two active access keys "
	                 "(access_key_1 and access_key_2)", evidence,
	                 evidence_of(row, cols, 4, evidence));
}

int
check_access_key_at_setup(const struct rule *rule, const struct row *row,
                          struct eval *ev)
{
	int64_t seconds = ev->param[0];
	struct vtime created;
	size_t i;
	int pw = is_true(row, COL_PASSWORD_ENABLED, ev->err);

	(void)rule;
	if (pw < 1)
		return pw;
	if (row_time(row, COL_USER_CREATION_TIME, &created, ev->err) == -1)
		return -1;
	for (i = 0; i < 2; i++) {
		const struct keycols *k = &keys[i];
		const enum col cols[4] = { COL_USER_CREATION_TIME, k->active, k->rotated,
		                           k->used };
		struct credaudit_kv evidence[CREDAUDIT_MAX_EVIDENCE];
		struct vtime rotated, used;
		char msg[400];
		int active = is_true(row, k->active, ev->err);

		if (active < 1) {
			if (active == -1)
				return -1;
			continue;
		}
		if (row_time(row, k->rotated, &rotated, ev->err) == -1 ||
		    row_time(row, k->used, &used, ev->err) == -1)
			return -1;
		/* A key dated before its user is inconsistent, not one made
		 * at setup: it is left alone. */
		if (used.state != V_NA || rotated.state != V_VALUE ||
		    created.state != V_VALUE || rotated.t < created.t ||
		    rotated.t - created.t > seconds)
			continue;
		snprintf(msg, sizeof(msg), "console user's access key (%s) was created "
		         "%lld seconds after the user (at most %lld) and never used: "
		         "a key set up with the user", k->name,
		         (long long)(rotated.t - created.t), (long long)seconds);
		if (eval_emit(ev, row, k->name, msg, evidence,
		              evidence_of(row, cols, 4, evidence)) == -1)
			return -1;
	}
	return 0;
}
