/*
 * test_words.c - the wording every renderer shares (src/render/words.c):
 * the as-of moment and its source, verdict and outcome words, the counts
 * behind a verdict, a rule's help text, where an input error is, and the
 * stable fingerprint of a finding.
 */
#include "testutil.h"

#include "render/words.h"

/* out's bytes as a string (verdict_counts appends without a NUL). */
static const char *
text(const struct buf *out, char *s, size_t size)
{
	assert_true(out->len < size);
	if (out->len > 0)
		memcpy(s, out->data, out->len);
	s[out->len] = '\0';
	return s;
}

static void
counts_are(size_t findings, size_t waived, size_t below,
           enum credaudit_severity fail_on, size_t notev, const char *want)
{
	struct buf b = { NULL, 0, 0 };
	char s[300];

	assert_int_equal(buf_adds(&b, "verdict: FAIL"), 0);
	assert_int_equal(verdict_counts(&b, findings, waived, below, fail_on, notev), 0);
	/* appended after what was there */
	assert_string_equal(text(&b, s, sizeof(s)), want);
	buf_free(&b);
}

static void
test_words_verdict_counts(void **state)
{
	(void)state;
	counts_are(0, 0, 0, CREDAUDIT_SEV_LOW, 0, "verdict: FAIL");
	counts_are(1, 0, 0, CREDAUDIT_SEV_LOW, 0, "verdict: FAIL (1 finding)");
	counts_are(2, 0, 0, CREDAUDIT_SEV_LOW, 0, "verdict: FAIL (2 findings)");
	counts_are(12, 3, 2, CREDAUDIT_SEV_HIGH, 1, "verdict: FAIL (12 findings, 3 "
	           "waived, 2 below --fail-on high, 1 rule not evaluated)");
	counts_are(0, 0, 0, CREDAUDIT_SEV_LOW, 2, "verdict: FAIL (2 rules not evaluated)");
	counts_are(4, 4, 0, CREDAUDIT_SEV_LOW, 0, "verdict: FAIL (4 findings, 4 waived)");
	counts_are(3, 0, 3, CREDAUDIT_SEV_CRITICAL, 0,
	           "verdict: FAIL (3 findings, 3 below --fail-on critical)");
	counts_are(1, 1, 0, CREDAUDIT_SEV_INFO, 1,
	           "verdict: FAIL (1 finding, 1 waived, 1 rule not evaluated)");
}

static struct credaudit_report *
audit_with(const char *rules, const char *fail_on, int64_t as_of, const char *csv)
{
	const struct credaudit_opts o = opts_of(rules, fail_on, NULL, as_of);

	return audit_mem_opts(&o, "t.csv", csv, strlen(csv));
}

/* report_counts of rep (freed) at fail_on: exactly want. */
static void
report_counts_are(struct credaudit_report *rep, enum credaudit_severity fail_on,
                  const char *want)
{
	struct buf b = { NULL, 0, 0 };
	char s[300];

	assert_int_equal(report_counts(&b, rep, fail_on), 0);
	assert_string_equal(text(&b, s, sizeof(s)), want);
	buf_free(&b);
	credaudit_report_free(rep);
}

static void
test_words_report_counts(void **state)
{
	struct credaudit_opts o = opts_of("root-access-key,two-active-keys", "high", NULL,
	                                  INT64_C(1717200000));
	struct credaudit_report *rep;

	(void)state;
	/* a critical finding that counts, a medium one below high */
	report_counts_are(audit_with("root-access-key,two-active-keys", "high", 0,
	                             HDR22 ROOT_KEY1 USER_TWO_KEYS),
	                  CREDAUDIT_SEV_HIGH, " (2 findings, 1 below --fail-on high)");
	/* every rule: root-recent-use fails, two age rules pass only at a
	 * lower bound */
	report_counts_are(audit_with(NULL, NULL, 0, HDR22 ROOT_PASS), CREDAUDIT_SEV_LOW,
	                  " (1 finding, 2 rules not evaluated)");
	/* a waived finding (at 2024-06-01) is not below --fail-on: it does
	 * not count at all */
	rep = audit_waivers(&o, ROOT_WAIVER("root-access-key", "2030-01-01"),
	                    HDR22 ROOT_KEY1 USER_TWO_KEYS);
	assert_int_equal(credaudit_report_waived(rep), 1);
	report_counts_are(rep, CREDAUDIT_SEV_HIGH,
	                  " (2 findings, 1 waived, 1 below --fail-on high)");
	/* a clean report says nothing more */
	report_counts_are(audit_str(HDR22 ROOT_PASS), CREDAUDIT_SEV_LOW, "");
}

/* A value of an enum and the words for it. */
struct word {
	int value;
	const char *word;
};

static void
test_words_as_of(void **state)
{
	static const struct word sources[] = {
		{ CREDAUDIT_ASOF_OPTION, "given with --as-of" },
		{ CREDAUDIT_ASOF_CLOCK, "the clock, --as-of now" },
		{ CREDAUDIT_ASOF_GENERATED, "the report's GeneratedTime" },
		{ CREDAUDIT_ASOF_REPORT_LATEST, "latest timestamp in the report, a lower "
		  "bound of when it was generated" },
		{ CREDAUDIT_ASOF_NONE, "unknown: no timestamp in the report and no --as-of" },
	};
	struct credaudit_report *rep;
	char when[32];
	int64_t t = -1;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(sources); i++)
		assert_string_equal(as_of_words((enum credaudit_asof_source)sources[i].value),
		                    sources[i].word);
	rep = audit_with("root-access-key", NULL, INT64_C(1717200000), HDR22 ROOT_PASS);
	assert_int_equal(as_of_text(rep, when, &t), CREDAUDIT_ASOF_OPTION);
	assert_string_equal(when, "2024-06-01T00:00:00Z");
	assert_int_equal(t, INT64_C(1717200000));
	credaudit_report_free(rep);

	rep = audit_str(HDR22 ROOT_PASS);
	assert_int_equal(as_of_text(rep, when, &t), CREDAUDIT_ASOF_REPORT_LATEST);
	assert_string_equal(when, "2024-05-20T08:14:02Z");
	credaudit_report_free(rep);

	/* no timestamp in the report and none stated: unknown, "" */
	rep = audit_str(HDR22 "<root_account>," ROOT_ARN ",N/A,not_supported,N/A,"
	                "not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,"
	                "N/A,N/A,N/A,N/A,false,N/A,false,N/A\n");
	assert_null(credaudit_report_error(rep));
	memcpy(when, "stale", 6);
	assert_int_equal(as_of_text(rep, when, &t), CREDAUDIT_ASOF_NONE);
	assert_string_equal(when, "");
	credaudit_report_free(rep);
}

static void
test_words_verdict_and_outcome_words(void **state)
{
	static const struct word verdicts[] = {
		{ CREDAUDIT_VERDICT_PASS, "PASS" }, { CREDAUDIT_VERDICT_FAIL, "FAIL" },
		{ CREDAUDIT_VERDICT_ERROR, "ERROR" },
		/* what is not a verdict is never shown as a pass */
		{ 7, "ERROR" },
	};
	static const struct word outcomes[] = {
		{ OUTCOME_NONE, "not selected" }, { OUTCOME_PASS, "PASS" },
		{ OUTCOME_NOT_EVALUATED, "NOT EVALUATED" }, { OUTCOME_WAIVED, "WAIVED" },
		{ OUTCOME_BELOW, "WARN" }, { OUTCOME_FAIL, "FAIL" }, { 9, "FAIL" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(verdicts); i++)
		assert_string_equal(verdict_word((enum credaudit_verdict)verdicts[i].value),
		                    verdicts[i].word);
	for (i = 0; i < NELEM(outcomes); i++)
		assert_string_equal(outcome_word((enum outcome)outcomes[i].value),
		                    outcomes[i].word);
}

static void
test_words_rule_help(void **state)
{
	static const struct credaudit_ref refs[] = {
		{ "CIS AWS Foundations Benchmark 1.4.0", "1.4" },
		{ "AWS Security Hub", "IAM.4" },
	};
	static const char *const fix[] = { "Find it.", "Delete it." };
	struct credaudit_rule_info ri;
	struct buf b = { NULL, 0, 0 };

	(void)state;
	memset(&ri, 0, sizeof(ri));
	ri.title = "The root user has no active access key";
	ri.risk = "A root key is the account.";
	ri.remediation = fix;
	ri.nremediation = 2;
	ri.verification = "A new report shows none.";
	ri.limits = "The report cannot show keys made after it.";
	ri.refs = refs;
	ri.nrefs = 2;
	assert_int_equal(buf_adds(&b, ">"), 0);
	assert_int_equal(rule_help(&b, &ri), 0);
	/* appended, NUL-terminated at its length */
	assert_int_equal(b.data[b.len], '\0');
	assert_int_equal(strlen(b.data), b.len);
	assert_string_equal(b.data,
	        ">The root user has no active access key.\n\n"
	        "A root key is the account.\n\n"
	        "Remediation:\n1. Find it.\n2. Delete it.\n\n"
	        "Verification: A new report shows none.\n\n"
	        "Limits: The report cannot show keys made after it.\n\n"
	        "References: CIS AWS Foundations Benchmark 1.4.0 1.4; AWS Security Hub IAM.4");
	/* each part only when the rule has it */
	b.len = 0;
	memset(&ri, 0, sizeof(ri));
	ri.title = "Bare";
	assert_int_equal(rule_help(&b, &ri), 0);
	assert_string_equal(b.data, "Bare.");
	buf_free(&b);

	/* a rule of the table starts with its title */
	assert_int_equal(rule_help(&b, credaudit_rule_find("root-mfa")), 0);
	assert_int_equal(strncmp(b.data, "The root user has MFA.\n\n", 24), 0);
	assert_non_null(strstr(b.data, "\n\nRemediation:\n1. "));
	assert_non_null(strstr(b.data, "\n\nReferences: "));
	buf_free(&b);
}

static void
position_is(unsigned long line, unsigned long column, const char *where,
            const char *want)
{
	struct credaudit_error e;
	char buf[200];

	memset(&e, 0, sizeof(e));
	e.code = CREDAUDIT_ERR_INPUT;
	e.line = line;
	e.column = column;
	snprintf(e.where, sizeof(e.where), "%s", where);
	memset(buf, 'x', sizeof(buf));
	error_position(&e, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

static void
test_words_error_position(void **state)
{
	struct credaudit_error e;
	char small[8];

	(void)state;
	position_is(0, 0, "", "the input as a whole");
	position_is(0, 4, "decompressed CSV", "the input as a whole");
	position_is(3, 0, "", "line 3");
	position_is(3, 2, "", "line 3, field 2");
	position_is(3, 0, "Content (base64 CSV)", "line 3 of the Content (base64 CSV)");
	position_is(12, 22, "decompressed CSV", "line 12, field 22 of the decompressed CSV");
	/* cut to the buffer, always terminated */
	memset(&e, 0, sizeof(e));
	e.line = 123456;
	e.column = 7;
	error_position(&e, small, sizeof(small));
	assert_string_equal(small, "line 12");
}

static void
test_words_fingerprint(void **state)
{
	char fp[17];

	(void)state;
	/* FNV-1a 64 reference values */
	fingerprint("", fp);
	assert_string_equal(fp, "cbf29ce484222325");
	fingerprint("a", fp);
	assert_string_equal(fp, "af63dc4c8601ec8c");
	fingerprint("foobar", fp);
	assert_string_equal(fp, "85944171f73967e8");
	/* bytes above 0x7f count as unsigned */
	fingerprint("root-access-key|111122223333|<root_account>", fp);
	assert_string_equal(fp, "47af2802f9381f6e");
	fingerprint("\xff", fp);
	assert_string_equal(fp, "af64724c8602eb6e");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_verdict_counts),
		cmocka_unit_test(test_words_report_counts),
		cmocka_unit_test(test_words_as_of),
		cmocka_unit_test(test_words_verdict_and_outcome_words),
		cmocka_unit_test(test_words_rule_help),
		cmocka_unit_test(test_words_error_position),
		cmocka_unit_test(test_words_fingerprint),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
