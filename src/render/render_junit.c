/*
 * render_junit.c - JUnit XML (docs/formats.md): one testsuite per input, one
 * testcase per selected rule; a rule that counts against the audit is a
 * failure carrying its findings, a rule waived or with findings below
 * --fail-on passes and shows them, a rule not evaluated is skipped, an
 * input that could not be audited is one errored testcase.  Every report-derived string goes through
 * esc_markup, so the document is ASCII and well-formed whatever the report
 * holds.
 */
#include <stdio.h>
#include <string.h>

#include "render/fmt.h"

/* Write s escaped for XML text or attribute values. */
static void
xml(struct credaudit_render *r, const char *s)
{
	r->scratch.len = 0;
	if (esc_markup(&r->scratch, s ? s : "") == -1) {
		render_nomem(r);
		return;
	}
	render_write(r, r->scratch.data, r->scratch.len);
}

static void
property(struct credaudit_render *r, const char *name, const char *value)
{
	render_printf(r, "      <property name=\"%s\" value=\"", name);
	xml(r, value);
	render_puts(r, "\"/>\n");
}

static int
junit_begin(struct credaudit_render *r)
{
	return render_puts(r, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	                      "<testsuites name=\"credaudit\">\n");
}

/* The input's evidence and as-of moment as properties. */
static void
input_properties(struct credaudit_render *r, const struct credaudit_report *rep)
{
	const struct credaudit_input *in = credaudit_report_input(rep);
	char when[32], size[32];
	int64_t t;
	enum credaudit_asof_source src = as_of_text(rep, when, &t);

	property(r, "as_of", when);
	property(r, "as_of_source", credaudit_asof_source_name(src));
	if (in == NULL)
		return;
	snprintf(size, sizeof(size), "%llu", (unsigned long long)in->size);
	property(r, "size", size);
	property(r, "sha256", in->sha256);
	property(r, "container", in->container);
	property(r, "read_to_end", in->complete ? "true" : "false");
}

static void
suite_open(struct credaudit_render *r, const struct credaudit_report *rep,
           size_t tests, size_t failures, size_t errors, size_t skipped)
{
	render_puts(r, "  <testsuite name=\"");
	xml(r, credaudit_report_name(rep));
	render_printf(r, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" "
	              "skipped=\"%zu\">\n    <properties>\n", tests, failures,
	              errors, skipped);
	property(r, "tool", "credaudit " CREDAUDIT_VERSION);
	input_properties(r, rep);
}

static void
testcase_open(struct credaudit_render *r, const struct credaudit_report *rep,
              const char *name)
{
	render_puts(r, "    <testcase classname=\"");
	xml(r, credaudit_report_name(rep));
	render_puts(r, "\" name=\"");
	xml(r, name);
	render_puts(r, "\"");
}

static int
junit_error(struct credaudit_render *r, const struct credaudit_report *rep,
            const struct credaudit_error *e)
{
	char where[128];

	suite_open(r, rep, 1, 0, 1, 0);
	property(r, "verdict", credaudit_verdict_name(credaudit_report_verdict(rep)));
	render_puts(r, "    </properties>\n");
	testcase_open(r, rep, "audit");
	error_position(e, where, sizeof(where));
	render_puts(r, ">\n      <error type=\"input\" message=\"");
	xml(r, where);
	render_puts(r, ": ");
	xml(r, e->text);
	render_puts(r, "\"/>\n    </testcase>\n  </testsuite>\n");
	return r->failed ? -1 : 0;
}

/* The failure body: one block per finding of rule. */
static int
failure_body(struct credaudit_render *r, const struct credaudit_report *rep,
             const char *rule)
{
	size_t i, k;

	for (i = 0; i < credaudit_report_finding_count(rep); i++) {
		const struct credaudit_finding *f = render_finding(r, rep, i);

		if (f == NULL)
			return -1;
		if (strcmp(f->rule, rule) != 0)
			continue;
		render_printf(r, "line %lu  ", f->line);
		xml(r, f->user);
		render_puts(r, "  ");
		xml(r, f->arn);
		render_printf(r, "%s%s\n  ", f->credential ? "  " : "",
		              f->credential ? f->credential : "");
		xml(r, f->message);
		for (k = 0; k < f->nevidence; k++) {
			render_printf(r, "%s%s=", k ? ", " : "\n  evidence: ",
			              f->evidence[k].name);
			xml(r, f->evidence[k].value);
		}
		if (f->waiver.state != CREDAUDIT_WAIVER_NONE) {
			render_printf(r, "\n  %s (waiver %zu, expires ", WAIVED(f) ? "waived" :
			              "waiver expired, not applied", f->waiver.entry);
			xml(r, f->waiver.expires);
			render_puts(r, ", owner ");
			xml(r, f->waiver.owner);
			render_puts(r, "): ");
			xml(r, f->waiver.justification);
		}
		render_puts(r, "\n");
	}
	return r->failed ? -1 : 0;
}

/* What to do about a failed rule, after its findings. */
static void
remediation(struct credaudit_render *r, const struct credaudit_rule_info *ri)
{
	size_t i;

	if (ri == NULL || ri->nremediation == 0)
		return;
	render_puts(r, "remediation:\n");
	for (i = 0; i < ri->nremediation; i++) {
		render_printf(r, "  %zu. ", i + 1);
		xml(r, ri->remediation[i]);
		render_puts(r, "\n");
	}
	if (ri->verification != NULL) {
		render_puts(r, "verification: ");
		xml(r, ri->verification);
		render_puts(r, "\n");
	}
}

static int
junit_result(struct credaudit_render *r, const struct credaudit_report *rep,
             const struct credaudit_result *res)
{
	const struct credaudit_rule_info *ri = credaudit_rule_find(res->rule);

	testcase_open(r, rep, res->rule);
	if (res->status == CREDAUDIT_PASS)
		return render_puts(r, "/>\n");
	if (outcome_of(res) == OUTCOME_WAIVED || outcome_of(res) == OUTCOME_BELOW) {
		/* the rule does not count: the test passes, the findings are shown */
		if (res->status == CREDAUDIT_WAIVED)
			render_puts(r, ">\n      <system-out>all findings waived\n");
		else
			render_printf(r, ">\n      <system-out>%zu finding%s below --fail-on %s\n",
			              res->nfindings - res->nwaived,
			              res->nfindings - res->nwaived == 1 ? "" : "s",
			              credaudit_severity_name(r->fail_on));
		failure_body(r, rep, res->rule);
		return render_puts(r, "</system-out>\n    </testcase>\n");
	}
	if (res->status == CREDAUDIT_NOT_EVALUATED) {
		render_puts(r, ">\n      <skipped message=\"not evaluated: ");
		xml(r, res->reason);
		return render_puts(r, "\"/>\n    </testcase>\n");
	}
	render_printf(r, ">\n      <failure type=\"%s\" message=\"%zu finding%s",
	              ri ? credaudit_severity_name(ri->severity) : "finding",
	              res->nfindings, res->nfindings == 1 ? "" : "s");
	if (res->nwaived > 0)
		render_printf(r, " (%zu waived)", res->nwaived);
	if (res->clause != NULL)
		render_printf(r, " [%s %s]", credaudit_audit_benchmark(r->audit), res->clause);
	render_puts(r, ": ");
	xml(r, ri ? ri->title : res->rule);
	render_puts(r, " (failed)\">");
	failure_body(r, rep, res->rule);
	remediation(r, ri);
	return render_puts(r, "</failure>\n    </testcase>\n");
}

static int
junit_report(struct credaudit_render *r, const struct credaudit_report *rep)
{
	const struct credaudit_error *e = credaudit_report_error(rep);
	size_t i, n, failures = 0, skipped = 0;

	if (e != NULL)
		return junit_error(r, rep, e);
	n = credaudit_report_result_count(rep);
	for (i = 0; i < n; i++) {
		const struct credaudit_result *res = credaudit_report_result(rep, i);

		/* failures: exactly the rules that count against the audit */
		failures += res->nblocking > 0;
		skipped += res->status == CREDAUDIT_NOT_EVALUATED;
	}
	suite_open(r, rep, n, failures, 0, skipped);
	property(r, "account", credaudit_report_account(rep));
	property(r, "partition", credaudit_report_partition(rep));
	if (r->audit != NULL && credaudit_audit_benchmark(r->audit) != NULL)
		property(r, "benchmark", credaudit_audit_benchmark(r->audit));
	property(r, "verdict", credaudit_verdict_name(credaudit_report_verdict(rep)));
	render_puts(r, "    </properties>\n");
	for (i = 0; i < n; i++)
		if (junit_result(r, rep, credaudit_report_result(rep, i)) == -1)
			return -1;
	return render_puts(r, "  </testsuite>\n");
}

static int
junit_finish(struct credaudit_render *r)
{
	return render_puts(r, "</testsuites>\n");
}

const struct render_ops render_junit_ops = {
	"junit", "JUnit XML, a testsuite per input, a testcase per rule",
	junit_begin, junit_report, junit_finish, NULL,
};
