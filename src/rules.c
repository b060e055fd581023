/*
 * rules.c - the rule table and the check functions.  A check is a pure
 * function of a typed row: it reads values through row_bool/row_time, which
 * fail on text that is not of the column's type, and emits findings.
 */
#include <stdio.h>
#include <string.h>

#include "report.h"
#include "rules.h"
#include "util.h"

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

/* Evidence of a key slot: the dated columns the report has. */
static size_t
key_evidence(const struct row *row, const struct keycols *k,
             struct credaudit_kv *ev)
{
	const enum col cols[4] = { k->rotated, k->used, k->region, k->service };
	size_t i, n = 0;

	for (i = 0; i < 4; i++) {
		if (!row_has(row, cols[i]))
			continue;
		ev[n].name = col_name(cols[i]);
		ev[n].value = row_text(row, cols[i]);
		n++;
	}
	return n;
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

static int
check_root_access_key(const struct rule *rule, const struct row *row,
                      struct eval *ev)
{
	size_t i;

	(void)rule;
	for (i = 0; i < 2; i++) {
		const struct keycols *k = &keys[i];
		struct credaudit_kv evidence[CREDAUDIT_MAX_EVIDENCE];
		struct vbool active;
		struct vtime rotated, used;
		char created[64], use[96], where[160], msg[400], date[16];

		if (row_bool(row, k->active, &active, ev->err) == -1)
			return -1;
		if (active.state != V_VALUE || !active.value)
			continue;
		if (optional_time(row, k->rotated, &rotated, ev->err) == -1 ||
		    optional_time(row, k->used, &used, ev->err) == -1)
			return -1;
		if (rotated.state == V_VALUE) {
			date_format(rotated.t, date, sizeof(date));
			snprintf(created, sizeof(created), "created %s", date);
		} else {
			snprintf(created, sizeof(created), "creation date not recorded");
		}
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

static const struct credaudit_ref refs_root_access_key[] = {
	{ "CIS AWS Foundations Benchmark 1.2.0", "1.12" },
	{ "CIS AWS Foundations Benchmark 1.3.0", "1.4" },
	{ "CIS AWS Foundations Benchmark 1.4.0", "1.4" },
	{ "CIS AWS Foundations Benchmark 1.5.0", "1.4" },
	{ "CIS AWS Foundations Benchmark 2.0.0", "1.4" },
	{ "CIS AWS Foundations Benchmark 3.0.0", "1.4" },
	{ "AWS Security Hub", "IAM.4" },
	{ "AWS Config managed rule", "iam-root-access-key-check" },
	{ "PCI DSS 3.2.1", "2.1, 2.2, 7.2.1" },
};

#define NREFS(a) (sizeof(a) / sizeof((a)[0]))

static const struct rule table[] = {
	{ { "root-access-key", "The root user has no active access key",
	    CREDAUDIT_SEV_CRITICAL, refs_root_access_key,
	    NREFS(refs_root_access_key) },
	  COLBIT(COL_USER) | COLBIT(COL_ARN) | COLBIT(COL_AK1_ACTIVE) |
	      COLBIT(COL_AK2_ACTIVE),
	  SCOPE_ROOT, 0, check_root_access_key },
};

size_t
rules_count(void)
{
	return sizeof(table) / sizeof(table[0]);
}

const struct rule *
rules_get(size_t i)
{
	return i < rules_count() ? &table[i] : NULL;
}

const struct rule *
rules_find(const char *id, size_t n)
{
	size_t i;

	for (i = 0; i < rules_count(); i++)
		if (strlen(table[i].info.id) == n && memcmp(table[i].info.id, id, n) == 0)
			return &table[i];
	return NULL;
}

size_t
credaudit_rule_count(void)
{
	return rules_count();
}

const struct credaudit_rule_info *
credaudit_rule_get(size_t i)
{
	return i < rules_count() ? &table[i].info : NULL;
}

const char *
credaudit_severity_name(enum credaudit_severity sev)
{
	static const char *const names[] = { "info", "low", "medium", "high", "critical" };

	return (unsigned)sev < 5 ? names[sev] : "unknown";
}

const char *
credaudit_status_name(enum credaudit_status st)
{
	static const char *const names[] = { "pass", "fail", "not_evaluated" };

	return (unsigned)st < 3 ? names[st] : "unknown";
}
