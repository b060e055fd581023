/*
 * render_junit.c - JUnit XML (docs/formats.md), valid against the Jenkins
 * xunit plugin's junit-10.xsd: one testsuite per input, one testcase per
 * selected rule; a rule that counts against the audit is a failure carrying
 * its findings and naming its principals, a rule waived or with findings
 * below --fail-on passes and shows them, a rule not evaluated is skipped, an
 * input that could not be audited is one errored testcase.  The root
 * element carries the run's totals, so the test suites are spooled
 * (deflated) until finish.  Times are "0": the output is deterministic; the
 * timestamp of a suite is its input's as-of moment.  Every report-derived
 * string goes through esc_markup, so the document is ASCII and well-formed
 * whatever the report holds.
 */
#include <stdio.h>
#include <string.h>

#include "render/fmt.h"
#include "render/spool.h"

/* Principals named in a failure's message; the body lists every one. */
#define MAX_NAMED 10

struct junit {
	struct spool sp;              /* the test suites, until finish */
	credaudit_write_fn write;     /* the caller's sink, restored at finish */
	void *ctx;
	size_t tests, failures, errors;
};

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

/* The test suites go to the spool until finish writes the root first. */
static int
junit_begin(struct credaudit_render *r)
{
	struct junit *j = ca_calloc(1, sizeof(*j));

	if (j == NULL)
		return render_nomem(r);
	r->priv = j;
	if (spool_init(&j->sp) == -1)
		return render_nomem(r);
	j->write = r->write;
	j->ctx = r->ctx;
	r->write = spool_write_fn;
	r->ctx = &j->sp;
	return 0;
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
	struct junit *j = r->priv;
	char when[32];
	int64_t t;

	j->tests += tests;
	j->failures += failures;
	j->errors += errors;
	as_of_text(rep, when, &t);
	render_puts(r, "  <testsuite name=\"");
	xml(r, credaudit_report_name(rep));
	render_printf(r, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" "
	              "skipped=\"%zu\" time=\"0\"", tests, failures, errors, skipped);
	if (when[0])
		render_printf(r, " timestamp=\"%s\"", when);
	render_puts(r, ">\n    <properties>\n");
	property(r, "tool", "credaudit " CREDAUDIT_VERSION);
	input_properties(r, rep);
}

/*
 * A testcase's classname: "credaudit.ACCOUNT", or "credaudit.FILE" for an
 * input not audited, every dot of ACCOUNT or FILE made '_': Jenkins splits
 * a classname at its last dot into package and class, so the package is
 * always "credaudit" and the class the account (a file "demo.csv" is not
 * package "demo", class "csv").
 */
static void
testcase_open(struct credaudit_render *r, const struct credaudit_report *rep,
              const char *name)
{
	const char *label = credaudit_report_error(rep) ? credaudit_report_name(rep) :
	                    credaudit_report_account(rep);
	size_t i;

	render_puts(r, "    <testcase classname=\"credaudit.");
	r->scratch.len = 0;
	if (esc_markup(&r->scratch, label ? label : "") == -1) {
		render_nomem(r);
		return;
	}
	for (i = 0; i < r->scratch.len; i++)
		if (r->scratch.data[i] == '.')
			r->scratch.data[i] = '_';
	render_write(r, r->scratch.data, r->scratch.len);
	render_puts(r, "\" name=\"");
	xml(r, name);
	render_puts(r, "\" time=\"0\"");
}

/* ": alice, bob, and 3 more" into the message: the principals of rule's
 * findings in row order, each once (a user's findings are adjacent). */
static int
principals(struct credaudit_render *r, const struct credaudit_report *rep,
           const char *rule)
{
	struct buf last = { 0 };
	size_t i, named = 0, more = 0;

	for (i = 0; i < credaudit_report_finding_count(rep); i++) {
		const struct credaudit_finding *f = render_finding(r, rep, i);

		if (f == NULL)
			break;
		if (strcmp(f->rule, rule) != 0 || (last.len > 0 &&
		    strcmp(last.data, f->user ? f->user : "") == 0))
			continue;
		last.len = 0;
		if (buf_adds(&last, f->user ? f->user : "") == -1 ||
		    buf_addc(&last, '\0') == -1) {
			render_nomem(r);
			break;
		}
		if (named == MAX_NAMED) {
			more++;
			continue;
		}
		render_puts(r, named++ ? ", " : ": ");
		xml(r, f->user);
	}
	buf_free(&last);
	if (more > 0)
		render_printf(r, ", and %zu more", more);
	return r->failed ? -1 : 0;
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
	render_puts(r, " (failed)");
	if (principals(r, rep, res->rule) == -1)
		return -1;
	render_puts(r, "\">");
	failure_body(r, rep, res->rule);
	remediation(r, ri);
	return render_puts(r, "</failure>\n    </testcase>\n");
}

static int
suite(struct credaudit_render *r, const struct credaudit_report *rep)
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

/* A spool out of memory is out of memory, not a failed write. */
static int
junit_report(struct credaudit_render *r, const struct credaudit_report *rep)
{
	struct junit *j = r->priv;
	int rc = suite(r, rep);

	if (j->sp.nomem && r->failed == RENDER_WRITE)
		r->failed = RENDER_NOMEM;
	return rc;
}

/* The root with the run's totals, then the spooled test suites. */
static int
junit_finish(struct credaudit_render *r)
{
	struct junit *j = r->priv;

	r->write = j->write;
	r->ctx = j->ctx;
	if (j->sp.nomem && r->failed == RENDER_WRITE)
		r->failed = RENDER_NOMEM;   /* the spool ran out of memory */
	render_printf(r, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	              "<testsuites name=\"credaudit\" tests=\"%zu\" failures=\"%zu\" "
	              "errors=\"%zu\" time=\"0\">\n", j->tests, j->failures, j->errors);
	spool_emit(r, &j->sp);
	return render_puts(r, "</testsuites>\n");
}

static void
junit_cleanup(void *priv)
{
	struct junit *j = priv;

	spool_free(&j->sp);
	ca_free(j);
}

const struct render_ops render_junit_ops = {
	"junit", "JUnit XML, a testsuite per input, a testcase per rule",
	junit_begin, junit_report, junit_finish, junit_cleanup,
};
