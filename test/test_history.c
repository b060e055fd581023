/*
 * test_history.c - the history: its derivation (intervals, events, gaps,
 * conflicts) on report summaries in memory, without any output; then the
 * library API (credaudit_history_*) over audited reports.
 */
#include "testutil.h"

#include "history/history.h"

#define DAY 86400
#define T0 ((int64_t)1704067200)   /* 2024-01-01T00:00:00Z */
#define WEEK (7 * (int64_t)DAY)

/* A summary of account "A": slot s active (a[s]) with key created c[s]
 * (0: no key date). */
static struct history_report
at(const char *file, int64_t t, int a1, int64_t c1, int a2, int64_t c2)
{
	struct history_report r;

	memset(&r, 0, sizeof(r));
	r.file = file;
	r.account = "A";
	r.partition = "aws";
	r.as_of = t;
	r.src = CREDAUDIT_ASOF_REPORT_LATEST;
	r.key[0] = (struct credaudit_root_key){ a1, c1 != 0, c1 };
	r.key[1] = (struct credaudit_root_key){ a2, c2 != 0, c2 };
	memset(r.status, HISTORY_NO_STATUS, sizeof(r.status));
	return r;
}

static void
derive(struct history_account *a, const struct history_report *r, size_t n)
{
	assert_int_equal(history_derive(a, r, n, WEEK), 0);
	assert_ptr_equal(a->first, r);
	assert_int_equal(a->n, n);
}

static void
test_history_interval_extends_while_active(void **state)
{
	struct history_report r[] = {
		at("1", T0, 1, T0 - DAY, 0, 0), at("2", T0 + DAY, 1, T0 - DAY, 0, 0),
		at("3", T0 + 2 * DAY, 1, T0 - DAY, 0, 0),
	};
	struct history_account a;

	(void)state;
	derive(&a, r, 3);
	assert_int_equal(a.niv, 1);
	assert_int_equal(a.iv[0].slot, 0);
	assert_int_equal(a.iv[0].from, T0);
	assert_int_equal(a.iv[0].to, T0 + 2 * DAY);
	assert_int_equal(a.iv[0].seen, 3);
	assert_true(a.iv[0].open);
	assert_null(a.iv[0].end);
	assert_int_equal(a.nev, 0);   /* the first report has nothing before it */
	assert_int_equal(a.ngap, 0);
	assert_int_equal(a.ncf, 0);
	history_account_free(&a);
	assert_null(a.iv);
}

static void
test_history_deactivated_then_activated(void **state)
{
	struct history_report r[] = {
		at("1", T0, 1, T0 - DAY, 0, 0), at("2", T0 + DAY, 0, T0 - DAY, 0, 0),
		at("3", T0 + 2 * DAY, 1, T0 - DAY, 0, 0),
	};
	struct history_account a;

	(void)state;
	derive(&a, r, 3);
	assert_int_equal(a.niv, 2);
	assert_false(a.iv[0].open);
	assert_string_equal(a.iv[0].end, "deactivated");
	assert_int_equal(a.iv[0].ended, T0 + DAY);
	assert_true(a.iv[1].open);
	assert_int_equal(a.iv[1].from, T0 + 2 * DAY);
	assert_int_equal(a.nev, 2);
	assert_int_equal(a.ev[0].kind, HISTORY_DEACTIVATED);
	assert_int_equal(a.ev[0].time, T0 + DAY);
	assert_int_equal(a.ev[0].after, T0);
	assert_string_equal(a.ev[0].file, "2");
	assert_int_equal(a.ev[1].kind, HISTORY_ACTIVATED);
	assert_string_equal(history_event_name(a.ev[1].kind), "activated");
	history_account_free(&a);
}

static void
test_history_key_replaced(void **state)
{
	struct history_report r[] = {
		at("1", T0, 0, 0, 1, T0 - DAY), at("2", T0 + DAY, 0, 0, 1, T0 + DAY / 2),
	};
	struct history_account a;

	(void)state;
	derive(&a, r, 2);
	assert_int_equal(a.nev, 1);
	assert_int_equal(a.ev[0].kind, HISTORY_REPLACED);
	assert_int_equal(a.ev[0].slot, 1);
	assert_int_equal(a.ev[0].old->created, T0 - DAY);
	assert_int_equal(a.ev[0].key->created, T0 + DAY / 2);
	assert_int_equal(a.niv, 2);   /* one interval per key */
	assert_string_equal(a.iv[0].end, "replaced");
	assert_int_equal(a.iv[0].seen, 1);
	assert_true(a.iv[1].open);
	assert_int_equal(a.iv[1].key->created, T0 + DAY / 2);
	history_account_free(&a);
}

static void
test_history_appeared_and_deleted(void **state)
{
	struct history_report r[] = {
		at("1", T0, 0, 0, 0, 0), at("2", T0 + DAY, 0, T0, 0, 0),
		at("3", T0 + 2 * DAY, 1, T0, 0, 0), at("4", T0 + 3 * DAY, 0, 0, 0, 0),
	};
	struct history_account a;

	(void)state;
	derive(&a, r, 4);
	assert_int_equal(a.nev, 3);
	assert_int_equal(a.ev[0].kind, HISTORY_APPEARED);
	assert_false(a.ev[0].key->active);   /* appeared inactive */
	assert_int_equal(a.ev[1].kind, HISTORY_ACTIVATED);
	assert_int_equal(a.ev[2].kind, HISTORY_DELETED);
	assert_int_equal(a.ev[2].old->created, T0);
	assert_int_equal(a.niv, 1);
	assert_string_equal(a.iv[0].end, "deleted");
	assert_int_equal(a.iv[0].ended, T0 + 3 * DAY);
	history_account_free(&a);
}

/* A key without a date (last_rotated N/A) is the key seen before. */
static void
test_history_undated_key_is_the_same(void **state)
{
	struct history_report r[] = {
		at("1", T0, 1, T0 - DAY, 0, 0), at("2", T0 + DAY, 1, 0, 0, 0),
	};
	struct history_account a;

	(void)state;
	derive(&a, r, 2);
	assert_int_equal(a.nev, 0);
	assert_int_equal(a.niv, 1);
	assert_int_equal(a.iv[0].seen, 2);
	history_account_free(&a);
}

/* Consecutive reports further apart than the threshold make a gap; as far
 * apart as the threshold, none. */
static void
test_history_gap_days(void **state)
{
	struct history_report r[] = {
		at("1", T0, 0, 0, 0, 0), at("2", T0 + WEEK, 0, 0, 0, 0),
		at("3", T0 + 2 * WEEK + 1, 0, 0, 0, 0),
	};
	struct history_account a;

	(void)state;
	derive(&a, r, 3);
	assert_int_equal(a.ngap, 1);
	assert_int_equal(a.gap[0].from, T0 + WEEK);
	assert_int_equal(a.gap[0].to, T0 + 2 * WEEK + 1);
	history_account_free(&a);
	assert_int_equal(history_derive(&a, r, 3, 30 * (int64_t)DAY), 0);
	assert_int_equal(a.ngap, 0);
	history_account_free(&a);
	assert_int_equal(history_derive(&a, r, 3, DAY), 0);
	assert_int_equal(a.ngap, 2);
	history_account_free(&a);
}

/* Two reports of one moment that disagree are a conflict, and the first
 * stands for the moment; identical ones are not, and count once. */
static void
test_history_conflicts_and_identical_states(void **state)
{
	struct history_report r[] = {
		at("1", T0, 1, T0 - DAY, 0, 0), at("1b", T0, 0, T0 - DAY, 0, 0),
		at("2", T0 + DAY, 1, T0 - DAY, 0, 0), at("2b", T0 + DAY, 1, T0 - DAY, 0, 0),
	};
	struct history_account a;

	(void)state;
	derive(&a, r, 4);
	assert_int_equal(a.ncf, 1);
	assert_int_equal(a.cf[0].time, T0);
	assert_string_equal(a.cf[0].a, "1");
	assert_string_equal(a.cf[0].b, "1b");
	assert_int_equal(a.nev, 0);    /* "1" stands for T0: still active at T0 + DAY */
	assert_int_equal(a.niv, 1);
	assert_int_equal(a.iv[0].seen, 2);
	history_account_free(&a);
}

/* Errors first in adding order, then account, partition, time, path. */
static void
test_history_sort(void **state)
{
	struct history_report r[] = {
		at("z", T0 + DAY, 0, 0, 0, 0), at("y", T0, 0, 0, 0, 0),
		at("e2", 0, 0, 0, 0, 0), at("b", T0, 0, 0, 0, 0), at("x", T0, 0, 0, 0, 0),
		at("e1", 0, 0, 0, 0, 0),
	};
	size_t i;

	(void)state;
	for (i = 0; i < 6; i++)
		r[i].index = i;
	r[2].error = "bad";
	r[5].error = "bad";
	r[4].account = "0";   /* before "A" */
	history_sort(r, 6);
	assert_string_equal(r[0].file, "e2");
	assert_string_equal(r[1].file, "e1");
	assert_string_equal(r[2].file, "x");
	assert_string_equal(r[3].file, "b");
	assert_string_equal(r[4].file, "y");
	assert_string_equal(r[5].file, "z");
}

/* Summaries added in any order: grouped, counted, derived once. */
static void
test_history_build_accounts(void **state)
{
	struct credaudit_history_opts o = { 7 };
	struct credaudit_history *h = credaudit_history_new(&o, NULL);
	struct history_report s[] = {
		at("a2", T0 + WEEK + 1, 0, 0, 0, 0), at("a1", T0, 1, T0, 0, 0),
		at("b1", T0, 0, 0, 0, 0), at("e", 0, 0, 0, 0, 0),
	};
	struct credaudit_history_totals t;
	size_t i;

	(void)state;
	assert_non_null(h);
	s[2].account = "B";
	s[3].error = "no as-of time";
	for (i = 0; i < 4; i++)
		assert_int_equal(history_add_summary(h, &s[i], NULL), 0);
	assert_int_equal(credaudit_history_totals(h, &t, NULL), 0);
	assert_int_equal(t.inputs, 4);
	assert_int_equal(t.errors, 1);
	assert_int_equal(t.accounts, 2);
	assert_int_equal(t.accounts_with_root_key, 1);
	assert_int_equal(t.conflicts, 0);
	assert_int_equal(h->nacct, 2);
	assert_string_equal(h->acct[0].first->file, "a1");
	assert_int_equal(h->acct[0].n, 2);
	assert_int_equal(h->acct[0].ngap, 1);   /* --gap-days 7 */
	assert_string_equal(h->acct[1].first->account, "B");
	assert_string_equal(h->r[0].error, "no as-of time");
	/* adding again rebuilds */
	s[0].as_of = T0;
	s[0].key[0] = s[1].key[0];
	s[0].key[0].active = 0;
	assert_int_equal(history_add_summary(h, &s[0], NULL), 0);
	assert_int_equal(credaudit_history_totals(h, &t, NULL), 0);
	assert_int_equal(t.inputs, 5);
	assert_int_equal(t.conflicts, 1);
	credaudit_history_free(h);
}

static void
test_history_opts(void **state)
{
	struct credaudit_history_opts o = { 100001 };
	struct credaudit_error err = { 0 };
	struct credaudit_history *h;

	(void)state;
	assert_null(credaudit_history_new(&o, &err));
	assert_int_equal(err.code, CREDAUDIT_ERR_USAGE);
	o.gap_days = 0;   /* derived per account */
	h = credaudit_history_new(&o, NULL);
	assert_int_equal(h->gap_days, 0);
	assert_int_equal(h->gap, 0);
	credaudit_history_free(h);
	o.gap_days = 30;
	h = credaudit_history_new(&o, NULL);
	assert_int_equal(h->gap, 30 * DAY);
	credaudit_history_free(h);
	credaudit_history_free(NULL);
}

/* Monthly reports: the derived threshold is 1.5 times the median interval,
 * so only the missing month is a gap; --gap-days overrides it. */
static void
test_history_gap_derived_monthly(void **state)
{
	/* Jan 1, Feb 1, Mar 1, Apr 1, (May missing) Jun 1, Jul 1 2024 */
	struct history_report r[] = {
		at("1", T0, 0, 0, 0, 0), at("2", T0 + 31 * DAY, 0, 0, 0, 0),
		at("3", T0 + 60 * DAY, 0, 0, 0, 0), at("4", T0 + 91 * DAY, 0, 0, 0, 0),
		at("6", T0 + 152 * DAY, 0, 0, 0, 0), at("7", T0 + 182 * DAY, 0, 0, 0, 0),
	};
	struct history_account a;

	(void)state;
	assert_int_equal(history_derive(&a, r, 6, 0), 0);
	assert_true(a.gap_derived);
	assert_int_equal(a.moments, 6);
	assert_int_equal(a.median, 31 * DAY);   /* 29 30 31 31 61 */
	assert_int_equal(a.gap_limit, 31 * DAY * 3 / 2);
	assert_int_equal(a.ngap, 1);
	assert_int_equal(a.gap[0].from, T0 + 91 * DAY);
	assert_int_equal(a.gap[0].to, T0 + 152 * DAY);
	history_account_free(&a);
	assert_int_equal(history_derive(&a, r, 6, 7 * DAY), 0);
	assert_false(a.gap_derived);
	assert_int_equal(a.ngap, 5);   /* every monthly interval, as before */
	history_account_free(&a);
	/* one report: no interval, the floor */
	assert_int_equal(history_derive(&a, r, 1, 0), 0);
	assert_int_equal(a.median, 0);
	assert_int_equal(a.gap_limit, DAY);
	history_account_free(&a);
}

/* The same bytes twice count once: no conflict, no extra report. */
static void
test_history_duplicates_count_once(void **state)
{
	struct history_report r[] = {
		at("a", T0, 1, T0 - DAY, 0, 0), at("b", T0 + DAY, 1, T0 - DAY, 0, 0),
		at("c", T0 + DAY, 1, T0 - DAY, 0, 0), at("d", T0 + 2 * DAY, 1, T0 - DAY, 0, 0),
	};
	struct history_account a;

	(void)state;
	strcpy(r[0].sha256, "aa");
	strcpy(r[1].sha256, "bb");
	strcpy(r[2].sha256, "bb");
	strcpy(r[3].sha256, "dd");
	derive(&a, r, 4);
	assert_int_equal(a.ndup, 1);
	assert_int_equal(a.dupof[2], 1);
	assert_int_equal(a.dupof[1], SIZE_MAX);
	assert_int_equal(a.moments, 3);
	assert_int_equal(a.niv, 1);
	assert_int_equal(a.iv[0].seen, 3);
	assert_int_equal(a.ncf, 0);
	history_account_free(&a);
}

/* Each root rule's status over time: runs of one status. */
static void
test_history_root_rule_runs(void **state)
{
	struct history_report r[] = {
		at("1", T0, 0, 0, 0, 0), at("2", T0 + DAY, 0, 0, 0, 0),
		at("3", T0 + 2 * DAY, 0, 0, 0, 0), at("4", T0 + 3 * DAY, 0, 0, 0, 0),
	};
	static const unsigned char mfa[4] = { CREDAUDIT_PASS, CREDAUDIT_FAIL,
	                                      CREDAUDIT_FAIL, CREDAUDIT_PASS };
	struct history_account a;
	size_t i;

	(void)state;
	for (i = 0; i < 4; i++) {
		r[i].status[2] = mfa[i];             /* root-mfa */
		r[i].status[4] = CREDAUDIT_WAIVED;   /* root-signing-certificate */
	}
	derive(&a, r, 4);
	assert_int_equal(a.nrun, 4);
	assert_int_equal(a.run[0].rule, 2);
	assert_int_equal(a.run[0].status, CREDAUDIT_PASS);
	assert_int_equal(a.run[1].status, CREDAUDIT_FAIL);
	assert_int_equal(a.run[1].from, T0 + DAY);
	assert_int_equal(a.run[1].to, T0 + 2 * DAY);
	assert_int_equal(a.run[1].seen, 2);
	assert_int_equal(a.run[2].status, CREDAUDIT_PASS);
	assert_int_equal(a.run[3].rule, 4);
	assert_int_equal(a.run[3].seen, 4);
	assert_int_equal(a.failing, 4);   /* waived counts as finding something */
	history_account_free(&a);
	/* same time, a different status of a root rule: a conflict */
	r[1].as_of = r[0].as_of;
	derive(&a, r, 4);
	assert_int_equal(a.ncf, 1);
	history_account_free(&a);
}

static void
test_history_formats(void **state)
{
	(void)state;
	assert_int_equal(credaudit_history_format_count(), 3);
	assert_string_equal(credaudit_history_format_name(0), "text");
	assert_string_equal(credaudit_history_format_name(1), "json");
	assert_string_equal(credaudit_history_format_name(2), "html");
	assert_null(credaudit_history_format_name(3));
}

/* Audited reports through the public API, rendered in every format. */
static void
test_history_api(void **state)
{
	static const char key[] = HDR22 ROOT_KEY1;
	struct credaudit_report *ok = audit_mem_rules(NULL, "k.csv", key, strlen(key));
	struct credaudit_report *bad = audit_mem_rules(NULL, "bad.csv", "x", 1);
	struct credaudit_history *h = credaudit_history_new(NULL, NULL);
	struct credaudit_history_totals t;
	struct credaudit_error err = { 0 };
	struct memsink m = { 0 };

	(void)state;
	assert_int_equal(credaudit_history_add(h, ok, &err), 0);
	assert_int_equal(credaudit_history_add(h, bad, &err), 0);
	credaudit_report_free(ok);   /* history keeps its own copy */
	credaudit_report_free(bad);
	assert_int_equal(credaudit_history_totals(h, &t, &err), 0);
	assert_int_equal(t.inputs, 2);
	assert_int_equal(t.errors, 1);
	assert_int_equal(t.accounts_with_root_key, 1);
	assert_int_equal(credaudit_history_render(h, "text", memsink_write, &m, &err), 0);
	assert_non_null(strstr(m.data, "\naccount " ACCT " (aws): 1 report, as of "
	                       "2024-05-20T08:14:02Z to 2024-05-20T08:14:02Z\n"));
	assert_non_null(strstr(m.data, "    access_key_1 (created 2021-06-01T09:30:00Z): "
	                       "active in 1 report"));
	assert_non_null(strstr(m.data, "\nnot read:\n  bad.csv"));
	memsink_free(&m);
	assert_int_equal(credaudit_history_render(h, "json", memsink_write, &m, &err), 0);
	assert_non_null(strstr(m.data, "\"accounts_with_root_key\": 1"));
	memsink_free(&m);
	assert_int_equal(credaudit_history_render(h, "html", memsink_write, &m, &err), 0);
	assert_non_null(strstr(m.data, "<title>credaudit history</title>"));
	assert_non_null(strstr(m.data, "</html>\n"));
	memsink_free(&m);
	assert_int_equal(err.code, 0);
	credaudit_history_free(h);
}

static void
test_history_render_failures(void **state)
{
	struct credaudit_history *h = credaudit_history_new(NULL, NULL);
	struct credaudit_error err = { 0 };
	struct memsink m = { 0 };

	(void)state;
	assert_int_equal(credaudit_history_render(h, "sarif", memsink_write, &m, &err), -1);
	assert_int_equal(err.code, CREDAUDIT_ERR_USAGE);
	assert_int_equal(m.calls, 0);
	memset(&err, 0, sizeof(err));
	m.fail_at = 1;
	assert_int_equal(credaudit_history_render(h, "text", memsink_write, &m, &err), -1);
	assert_int_equal(err.code, CREDAUDIT_ERR_INTERNAL);
	assert_string_equal(err.text, "cannot write the output");
	memsink_free(&m);
	credaudit_history_free(h);
}

/* The JSON value of key "file" in s (the first one), as written. */
static char *
file_value(const char *s)
{
	const char *p = strstr(s, "\"file\": \""), *e;
	char *v;

	assert_non_null(p);
	p += 9;
	for (e = p; *e != '"'; e++)
		if (*e == '\\')
			e++;
	v = strndup(p, (size_t)(e - p));
	assert_non_null(v);
	return v;
}

/* history -f json escapes report text exactly as -f json does: invalid
 * UTF-8 as U+FFFD, controls and DEL as \u escapes, ASCII only. */
static void
test_history_json_escapes_as_json(void **state)
{
	static const char key[] = HDR22 ROOT_KEY1;
	const char *name = "a\001\033\177\377\342\200\256\"\\.csv";
	struct credaudit_report *rep = audit_mem_rules(NULL, name, key, strlen(key));
	struct credaudit_history *h = credaudit_history_new(NULL, NULL);
	struct memsink hm = { 0 }, jm;
	char *hv, *jv;
	size_t i;

	(void)state;
	assert_int_equal(credaudit_history_add(h, rep, NULL), 0);
	assert_int_equal(credaudit_history_render(h, "json", memsink_write, &hm, NULL), 0);
	render_one("json", rep, &jm);
	hv = file_value(hm.data);
	jv = file_value(jm.data);
	assert_string_equal(hv, jv);
	assert_non_null(strstr(hv, "\\u007f"));
	assert_non_null(strstr(hv, "\\uFFFD"));
	for (i = 0; i < hm.len; i++)
		assert_true(hm.data[i] == '\n' || (hm.data[i] >= 0x20 && hm.data[i] < 0x7f));
	free(hv);
	free(jv);
	memsink_free(&hm);
	memsink_free(&jm);
	credaudit_report_free(rep);
	credaudit_history_free(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_history_interval_extends_while_active),
		cmocka_unit_test(test_history_deactivated_then_activated),
		cmocka_unit_test(test_history_key_replaced),
		cmocka_unit_test(test_history_appeared_and_deleted),
		cmocka_unit_test(test_history_undated_key_is_the_same),
		cmocka_unit_test(test_history_gap_days),
		cmocka_unit_test(test_history_conflicts_and_identical_states),
		cmocka_unit_test(test_history_sort),
		cmocka_unit_test(test_history_build_accounts),
		cmocka_unit_test(test_history_opts),
		cmocka_unit_test(test_history_gap_derived_monthly),
		cmocka_unit_test(test_history_duplicates_count_once),
		cmocka_unit_test(test_history_root_rule_runs),
		cmocka_unit_test(test_history_formats),
		cmocka_unit_test(test_history_api),
		cmocka_unit_test(test_history_render_failures),
		cmocka_unit_test(test_history_json_escapes_as_json),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
