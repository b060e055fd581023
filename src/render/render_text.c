/*
 * render_text.c - the human report: one block per input, then a summary.
 * Every report-derived string goes through esc_text first.
 */
#include <stdio.h>
#include <string.h>

#include "render/fmt.h"

#define RED "\033[31m"
#define GREEN "\033[32m"
#define YELLOW "\033[33m"
#define BOLD "\033[1m"
#define RESET "\033[0m"

static const char *
color(const struct credaudit_render *r, const char *code)
{
	return r->opts.color ? code : "";
}

/* Escape s into the scratch buffer and return it. */
static const char *
safe(struct credaudit_render *r, const char *s)
{
	r->scratch.len = 0;
	if (esc_text(&r->scratch, s) == -1) {
		render_nomem(r);
		return "";
	}
	return r->scratch.data;
}

/* Write s escaped. */
static void
put_safe(struct credaudit_render *r, const char *s)
{
	r->scratch.len = 0;
	if (esc_text(&r->scratch, s) == -1)
		render_nomem(r);
	else
		render_write(r, r->scratch.data, r->scratch.len);
}

/* The bytes an evidence value may show unquoted. */
static int
plain_value(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' ||
	       c == '/' || c == ':' || c == '@' || c == '_';
}

/*
 * An evidence value: plain values (letters, digits, + - . / : @ _) as they
 * are, anything else in double quotes with '"' escaped, so that a value
 * can never read as more name=value pairs.
 */
static void
put_value(struct credaudit_render *r, const char *s)
{
	const char *e = safe(r, s), *p, *end;
	size_t i, n = r->scratch.len;

	for (i = 0; i < n && plain_value((unsigned char)e[i]); i++)
		;
	if (n > 0 && i == n) {
		render_write(r, e, n);
		return;
	}
	end = e + n;
	render_write(r, "\"", 1);
	while ((p = memchr(e, '"', (size_t)(end - e))) != NULL) {
		render_write(r, e, (size_t)(p - e));
		render_write(r, "\\\"", 2);
		e = p + 1;
	}
	render_write(r, e, (size_t)(end - e));
	render_write(r, "\"", 1);
}

static int
text_begin(struct credaudit_render *r)
{
	(void)r;
	return 0;
}

static const char *
sev_color(enum credaudit_severity sev)
{
	return sev >= CREDAUDIT_SEV_HIGH ? RED : YELLOW;
}

/* How a waiver bears on a finding. */
static void
text_waiver(struct credaudit_render *r, const struct credaudit_waiver_use *w)
{
	if (w->state == CREDAUDIT_WAIVER_NONE)
		return;
	render_printf(r, "      %s (waiver %zu, expires %s, owner ",
	              w->state == CREDAUDIT_WAIVER_APPLIED ? "waived" :
	              w->state == CREDAUDIT_WAIVER_NOT_APPLIED ?
	              "waiver not applied: as-of is a lower bound" :
	              "waiver expired, not applied", w->entry, safe(r, w->expires));
	render_puts(r, safe(r, w->owner));
	render_puts(r, "): ");
	render_puts(r, safe(r, w->justification));
	render_puts(r, "\n");
}

static int
text_finding(struct credaudit_render *r, const struct credaudit_finding *f)
{
	size_t i;

	render_puts(r, "    line ");
	render_putu(r, f->line);
	render_write(r, "  ", 2);
	put_safe(r, f->user);
	if (f->credential != NULL) {
		render_write(r, "  ", 2);
		render_puts(r, f->credential);
	}
	if (f->baseline != CREDAUDIT_BASELINE_NONE) {
		render_write(r, "  [", 3);
		render_puts(r, credaudit_baseline_state_name(f->baseline));
		render_write(r, "]", 1);
	}
	render_write(r, "\n      ", 7);
	put_safe(r, f->message);
	render_write(r, "\n", 1);
	for (i = 0; i < f->nevidence; i++) {
		if (i)
			render_write(r, ", ", 2);
		else
			render_write(r, "      evidence: ", 16);
		render_puts(r, f->evidence[i].name);
		render_write(r, "=", 1);
		put_value(r, f->evidence[i].value);
	}
	if (f->nevidence > 0)
		render_write(r, "\n", 1);
	text_waiver(r, &f->waiver);
	return r->failed ? -1 : 0;
}

/* The colour of a rule's outcome word. */
static const char *
outcome_color(enum outcome o)
{
	return o == OUTCOME_FAIL ? BOLD RED : o == OUTCOME_PASS ? BOLD GREEN : BOLD YELLOW;
}

/* A rule whose findings would count but are all unchanged since the
 * baseline. */
static int
only_unchanged(struct credaudit_render *r, const struct credaudit_report *rep,
               const struct credaudit_result *res)
{
	size_t i, n = credaudit_report_finding_count(rep);

	for (i = 0; i < n; i++) {
		const struct credaudit_finding *f = credaudit_report_finding(rep, i);

		if (strcmp(f->rule, res->rule) == 0 && f->severity >= r->fail_on &&
		    f->waiver.state != CREDAUDIT_WAIVER_APPLIED)
			return 1;
	}
	return 0;
}

/*
 * A rule with findings (failed, below --fail-on or waived): a heading that
 * states the failure against the control (the rule's title), its findings,
 * then what to do about them.
 */
static void
text_failed_rule(struct credaudit_render *r, const struct credaudit_report *rep,
                 const struct credaudit_result *res)
{
	const struct credaudit_rule_info *info = credaudit_rule_find(res->rule);
	enum outcome o = outcome_of(res);
	size_t i, n = credaudit_report_finding_count(rep);

	render_printf(r, "  %s%s%s %s%-8s%s %s: " CONTROL_NOT_MET "%s",
	              color(r, outcome_color(o)), outcome_word(o), color(r, RESET),
	              color(r, sev_color(info->severity)),
	              credaudit_severity_name(info->severity), color(r, RESET),
	              res->rule, info->title);
	if (res->clause != NULL)
		render_printf(r, " [%s %s]", r->audit ? credaudit_audit_benchmark(r->audit) :
		              "clause", res->clause);
	if (res->nwaived > 0)
		render_printf(r, " (%zu of %zu waived)", res->nwaived, res->nfindings);
	if (o == OUTCOME_BELOW && only_unchanged(r, rep, res))
		render_puts(r, " (unchanged since the baseline: does not count)");
	else if (o == OUTCOME_BELOW)
		render_printf(r, " (below --fail-on %s)", credaudit_severity_name(r->fail_on));
	render_puts(r, "\n");
	for (i = 0; i < n; i++) {
		const struct credaudit_finding *f = render_finding(r, rep, i);

		if (f == NULL)
			return;
		if (strcmp(f->rule, res->rule) == 0)
			text_finding(r, f);
	}
	render_puts(r, "    remediation:\n");
	for (i = 0; i < info->nremediation; i++) {
		render_write(r, "      ", 6);
		render_putu(r, i + 1);
		render_write(r, ". ", 2);
		render_puts(r, info->remediation[i]);
		render_write(r, "\n", 1);
	}
	render_puts(r, "    verification: ");
	render_puts(r, info->verification);
	render_write(r, "\n", 1);
}

/*
 * A line of labelled groups, "LEAD label1 a, b; label2 c": before an item,
 * ", ", or when it opens a group (first set) the lead, or "; " after an
 * earlier group, and the group's label.  line: an item was written.
 */
struct groups {
	const char *lead;
	int line, first;
};

static void
groups_item(struct credaudit_render *r, struct groups *g, const char *label,
            const char *item)
{
	if (g->first)
		render_printf(r, "%s%s", g->line ? "; " : g->lead, label);
	else
		render_puts(r, ", ");
	render_puts(r, item);
	g->first = 0;
	g->line = 1;
}

/* "  passed: a, b; not evaluated: c (reason)" on one line. */
static void
text_results(struct credaudit_render *r, const struct credaudit_report *rep)
{
	static const char *const label[] = { "passed: ", "", "not evaluated: " };
	const int order[] = { CREDAUDIT_PASS, CREDAUDIT_NOT_EVALUATED };
	size_t i, k, n = credaudit_report_result_count(rep);
	struct groups g = { "  ", 0, 0 };

	for (k = 0; k < 2; k++) {
		g.first = 1;
		for (i = 0; i < n; i++) {
			const struct credaudit_result *res = credaudit_report_result(rep, i);

			if ((int)res->status != order[k])
				continue;
			groups_item(r, &g, label[order[k]], res->rule);
			if (res->reason != NULL)
				render_printf(r, " (%s)", res->reason);
		}
	}
	if (g.line)
		render_puts(r, "\n");
}

static void
text_as_of(struct credaudit_render *r, const struct credaudit_report *rep)
{
	char when[32];
	int64_t t;
	enum credaudit_asof_source src = credaudit_report_as_of(rep, &t);

	if (src == CREDAUDIT_ASOF_NONE) {
		render_puts(r, credaudit_report_error(rep) ?
		            "  as of: unknown (the report could not be audited, no --as-of)\n" :
		            "  as of: unknown (no timestamp in the report, no --as-of)\n");
		return;
	}
	credaudit_time_format(t, when, sizeof(when));
	render_printf(r, "  as of: %s (%s)\n", when, as_of_words(src));
}

/* Against --as-of: how old the report was, from its GeneratedTime. */
static void
text_age(struct credaudit_render *r, const struct credaudit_report *rep)
{
	const struct credaudit_input *in = credaudit_report_input(rep);
	char gen[32];
	int64_t age, d;

	if (credaudit_report_age(rep, &age) == -1)
		return;
	credaudit_time_format(in->generated_time, gen, sizeof(gen));
	if (age < 0) {
		render_printf(r, "  report age: none: its GeneratedTime %s is after the "
		              "as-of time\n", gen);
		return;
	}
	d = age / 86400;
	render_printf(r, "  report age: %lld day%s at the as-of time (GeneratedTime %s)\n",
	              (long long)d, d == 1 ? "" : "s", gen);
}

/* The evidence line: what exactly was judged. */
static void
text_input(struct credaudit_render *r, const struct credaudit_report *rep)
{
	const struct credaudit_input *in = credaudit_report_input(rep);

	if (in == NULL)
		return;
	render_printf(r, "  input: %llu bytes%s, sha256 %s, %s, credaudit %s\n",
	              (unsigned long long)in->size,
	              in->complete ? "" : " (not read to the end)", in->sha256,
	              in->container[0] ? in->container : "nothing decoded",
	              in->tool_version);
}

/* "file:line:field: " or, inside a container, "file: where line L, field F: " */
static void
text_error_place(struct credaudit_render *r, const char *name,
                 const struct credaudit_error *e)
{
	render_puts(r, name);
	if (e->where[0] == '\0') {
		if (e->line)
			render_printf(r, ":%lu", e->line);
		if (e->line && e->column)
			render_printf(r, ":%lu", e->column);
		render_printf(r, ": %serror%s: ", color(r, BOLD RED), color(r, RESET));
		return;
	}
	render_printf(r, ": %serror%s: %s", color(r, BOLD RED), color(r, RESET), e->where);
	if (e->line)
		render_printf(r, " line %lu", e->line);
	if (e->line && e->column)
		render_printf(r, ", field %lu", e->column);
	render_puts(r, ": ");
}

static int
text_report(struct credaudit_render *r, const struct credaudit_report *rep)
{
	const struct credaudit_error *e = credaudit_report_error(rep);
	enum credaudit_verdict v;
	size_t i;
	char name[1200];

	if (r->opts.summary_only)
		return 0;
	snprintf(name, sizeof(name), "%s", safe(r, credaudit_report_name(rep)));
	if (r->sum->t.inputs > 1)
		render_puts(r, "\n");
	if (e != NULL) {
		text_error_place(r, name, e);
		render_puts(r, safe(r, e->text));
		render_puts(r, "\n");
		text_as_of(r, rep);
		text_input(r, rep);
		render_printf(r, "  verdict: %s%s%s (not audited)\n", color(r, BOLD RED),
		              verdict_word(credaudit_report_verdict(rep)), color(r, RESET));
		return r->failed ? -1 : 0;
	}
	render_printf(r, "%s: account ", name);
	render_puts(r, safe(r, credaudit_report_account(rep)));
	render_puts(r, " (");
	render_puts(r, safe(r, credaudit_report_partition(rep)));
	render_printf(r, "), %lu rows, root on line %lu\n",
	              credaudit_report_rows(rep), credaudit_report_root_line(rep));
	text_as_of(r, rep);
	text_age(r, rep);
	text_input(r, rep);
	for (i = 0; i < credaudit_report_result_count(rep); i++) {
		const struct credaudit_result *res = credaudit_report_result(rep, i);

		if (res->nfindings > 0)
			text_failed_rule(r, rep, res);
	}
	text_results(r, rep);
	v = credaudit_report_verdict(rep);
	render_printf(r, "  verdict: %s%s%s", color(r, v == CREDAUDIT_VERDICT_PASS ?
	              BOLD GREEN : BOLD RED), verdict_word(v), color(r, RESET));
	r->scratch.len = 0;
	if (report_counts(&r->scratch, rep, r->fail_on) == -1)
		return render_nomem(r);
	render_write(r, r->scratch.data, r->scratch.len);
	render_puts(r, "\n");
	return r->failed ? -1 : 0;
}

/* The evidence register and the baseline, when given. */
static void
text_evidence_files(struct credaudit_render *r, const struct credaudit_audit *a)
{
	const char *sha, *f;

	if ((f = credaudit_audit_manifest(a)) != NULL) {
		render_puts(r, "  manifest: ");
		render_puts(r, safe(r, f));
		render_printf(r, " (%zu entr%s)\n", credaudit_audit_manifest_count(a),
		              credaudit_audit_manifest_count(a) == 1 ? "y" : "ies");
	}
	if ((f = credaudit_audit_baseline(a, &sha)) != NULL) {
		render_puts(r, "  baseline: ");
		render_puts(r, safe(r, f));
		render_printf(r, " (sha256 %s)\n", sha);
	}
}

/* The audit's options, so that the run can be repeated: one line, and one
 * with the thresholds of the selected rules. */
static void
text_options(struct credaudit_render *r)
{
	const struct credaudit_audit *a = r->audit;
	const char *sha, *wf, *bm;
	size_t i, j, n;
	int first = 1;

	if (a == NULL)
		return;
	n = credaudit_audit_rule_count(a);
	bm = credaudit_audit_benchmark(a);
	render_puts(r, "options: rules ");
	if (n == credaudit_rule_count())
		render_printf(r, "all (%zu)", n);
	for (i = 0; n != credaudit_rule_count() && i < n; i++)
		render_printf(r, "%s%s", i ? "," : "", credaudit_audit_rule(a, i)->id);
	render_printf(r, ", benchmark %s, fail-on %s, waivers ", bm ? bm : "none",
	              credaudit_severity_name(r->fail_on));
	if ((wf = credaudit_audit_waivers(a, &sha)) != NULL) {
		render_puts(r, safe(r, wf));
		render_printf(r, " (sha256 %s)\n", sha);
	} else {
		render_puts(r, "none\n");
	}
	text_evidence_files(r, a);
	for (i = 0; i < n; i++) {
		const struct credaudit_rule_info *ri = credaudit_audit_rule(a, i);

		for (j = 0; j < ri->nparams; j++, first = 0)
			render_printf(r, "%s%s.%s=%lld", first ? "  thresholds: " : ", ", ri->id,
			              ri->params[j].name,
			              (long long)credaudit_audit_param(a, ri->id, ri->params[j].name));
	}
	if (!first)
		render_puts(r, "\n");
}

/* "    worst: failed a, b; below --fail-on c; waived d; not evaluated e;
 * passed f" */
static void
text_worst(struct credaudit_render *r, const struct account_sum *a)
{
	static const char *const label[] = {
		"", "passed ", "not evaluated ", "waived ", "below --fail-on ", "failed "
	};
	struct groups g = { "    worst: ", 0, 0 };
	size_t k;
	int o;

	for (o = OUTCOME_FAIL; o > OUTCOME_NONE; o--) {
		g.first = 1;
		for (k = 0; k < a->nrules; k++)
			if ((int)a->worst[k] == o)
				groups_item(r, &g, label[o], a->rule[k]);
	}
	if (g.line)
		render_puts(r, "\n");
}

/* Where an account's as-of times came from: " (SOURCE; SOURCE)". */
static void
text_sources(struct credaudit_render *r, unsigned sources)
{
	unsigned src;
	const char *sep = " (";

	for (src = CREDAUDIT_ASOF_OPTION; src <= CREDAUDIT_ASOF_MANIFEST; src++)
		if (sources & (1u << src)) {
			render_printf(r, "%s%s", sep,
			              as_of_words((enum credaudit_asof_source)src));
			sep = "; ";
		}
	if (sep[0] == ';')
		render_puts(r, ")");
}

/* The per-account summary, a block of lines per account. */
static void
text_accounts(struct credaudit_render *r, const struct credaudit_summary *s)
{
	size_t i;

	render_printf(r, "%zu account%s:\n", s->n, s->n == 1 ? "" : "s");
	for (i = 0; i < s->n && !r->failed; i++) {
		const struct account_sum *a = &s->a[i];
		char from[32], to[32];

		render_printf(r, "  %s (", safe(r, a->account));
		render_printf(r, "%s): %zu report%s, ", safe(r, a->partition), a->reports,
		              a->reports == 1 ? "" : "s");
		if (a->have_period) {
			credaudit_time_format(a->from, from, sizeof(from));
			credaudit_time_format(a->to, to, sizeof(to));
			render_printf(r, "as of %s to %s", from, to);
			text_sources(r, a->sources);
		} else {
			render_puts(r, "as of unknown");
		}
		render_puts(r, "\n");
		text_worst(r, a);
	}
}

/* The files skipped on purpose, counted by kind, then each named with why. */
static void
text_skipped(struct credaudit_render *r, const struct credaudit_totals *t)
{
	size_t i, n = credaudit_summary_skipped_count(r->sum);

	if (t->skipped_hidden + t->skipped_other + n == 0)
		return;
	render_printf(r, "skipped in directories: %zu hidden, %zu other", t->skipped_hidden,
	              t->skipped_other);
	if (t->skipped_excluded > 0)
		render_printf(r, ", %zu excluded", t->skipped_excluded);
	if (t->skipped_not_report > 0)
		render_printf(r, ", %zu not a credential report", t->skipped_not_report);
	if (t->skipped_duplicate > 0)
		render_printf(r, ", %zu duplicate%s", t->skipped_duplicate,
		              t->skipped_duplicate == 1 ? "" : "s");
	render_puts(r, "\n");
	for (i = 0; i < n; i++) {
		const struct credaudit_skipped *k = credaudit_summary_skipped_file(r->sum, i);

		render_printf(r, "  skipped (%s) ", credaudit_skip_name(k->kind));
		render_puts(r, safe(r, k->path));
		if (k->duplicate_of != NULL) {
			render_puts(r, ": duplicate of ");
			render_puts(r, safe(r, k->duplicate_of));
			render_printf(r, " (sha256 %s)", k->sha256);
		} else if (k->reason != NULL) {
			render_puts(r, ": ");
			render_puts(r, safe(r, k->reason));
		}
		render_puts(r, "\n");
	}
}

/* The baseline's findings not found again. */
static void
text_resolved(struct credaudit_render *r, const struct credaudit_summary *s)
{
	const struct credaudit_resolved *f;
	size_t pos = 0, n;

	if (r->audit == NULL || credaudit_audit_baseline(r->audit, NULL) == NULL)
		return;
	n = credaudit_summary_resolved_count(s);
	render_printf(r, "resolved since the baseline: %zu finding%s\n", n, n == 1 ? "" : "s");
	while ((f = credaudit_summary_resolved_next(s, &pos)) != NULL && !r->failed) {
		render_printf(r, "  %s %-8s ", f->rule, credaudit_severity_name(f->severity));
		render_puts(r, safe(r, f->account));
		render_puts(r, "  ");
		render_puts(r, safe(r, f->user));
		if (f->credential != NULL)
			render_printf(r, "  %s", safe(r, f->credential));
		render_puts(r, "  (was in ");
		render_puts(r, safe(r, f->file));
		render_puts(r, ")\n");
	}
}

/* A status in the table: FAIL counts, fail is below --fail-on or
 * unchanged since the baseline, "-" the rule did not run. */
static const char *
table_word(enum outcome o)
{
	static const char *const w[] = { "-", "pass", "n/e", "waived", "fail", "FAIL" };

	return w[o];
}

/*
 * The account × rule table of the worst status per account: a row per
 * account, a column per selected rule (numbered, the legend below).
 */
static void
text_table(struct credaudit_render *r, const struct credaudit_summary *s)
{
	size_t i, k, col, nrules = 0;
	int w = 12;

	for (i = 0; i < s->n; i++) {
		int len = (int)strlen(safe(r, s->a[i].account)) + 3 +
		          (int)strlen(safe(r, s->a[i].partition));

		w = len > w ? len : w;
		nrules = s->a[i].nrules > nrules ? s->a[i].nrules : nrules;
	}
	w = w > 60 ? 60 : w;
	render_printf(r, "worst status per account (FAIL counts; fail: below --fail-on "
	              "or unchanged since the baseline; n/e: not evaluated):\n");
	render_printf(r, "  %-*s", w, "account");
	for (k = 0; k < nrules; k++) {
		char head[32];

		snprintf(head, sizeof(head), "R%zu", k + 1);
		render_printf(r, k + 1 < nrules ? " %-6s" : " %s", head);
	}
	render_puts(r, "\n");
	for (i = 0; i < s->n && !r->failed; i++) {
		char acct[200];
		int len;

		snprintf(acct, sizeof(acct), "%s", safe(r, s->a[i].account));
		len = (int)strlen(acct) + 3 + (int)strlen(safe(r, s->a[i].partition));
		render_printf(r, "  %s (%s)%*s", acct, safe(r, s->a[i].partition),
		              len < w ? w - len : 0, "");
		for (k = 0; k < nrules; k++)
			render_printf(r, k + 1 < nrules ? " %-6s" : " %s",
			              table_word(k < s->a[i].nrules ? s->a[i].worst[k] :
			                         OUTCOME_NONE));
		render_puts(r, "\n");
	}
	for (k = 0, col = 0; k < nrules; k++) {
		const char *id = NULL;
		char item[96];

		for (i = 0; i < s->n && id == NULL; i++)
			id = k < s->a[i].nrules ? s->a[i].rule[k] : NULL;
		snprintf(item, sizeof(item), "R%zu %s%s", k + 1, id ? id : "?",
		         k + 1 < nrules ? "," : "");
		if (col > 0 && col + 1 + strlen(item) > 74) {
			render_puts(r, "\n");
			col = 0;
		}
		render_printf(r, "%s%s", col > 0 ? " " : k == 0 ? "  rules: " : "         ",
		              item);
		col += (col > 0 ? 1 : 9) + strlen(item);
	}
	render_puts(r, nrules ? "\n" : "");
}

/* The inputs not audited, with why, at the end where they are seen. */
static void
text_not_audited(struct credaudit_render *r, const struct credaudit_summary *s)
{
	const struct credaudit_totals *t = credaudit_summary_totals(s);
	size_t i, n = credaudit_summary_error_count(s);

	if (t->errors == 0)
		return;
	render_printf(r, "not audited: %zu input%s\n", t->errors, t->errors == 1 ? "" : "s");
	for (i = 0; i < n && !r->failed; i++) {
		const char *text, *name = credaudit_summary_error(s, i, &text);

		render_puts(r, "  ");
		render_puts(r, safe(r, name));
		render_puts(r, ": ");
		render_puts(r, safe(r, text));
		render_puts(r, "\n");
	}
	if (n < t->errors)
		render_printf(r, "  (and %zu more)\n", t->errors - n);
}

static int
text_finish(struct credaudit_render *r)
{
	const struct credaudit_totals *t = credaudit_summary_totals(r->sum);
	int sev, first = 1;

	render_printf(r, "%s%zu input%s: %zu audited, %zu not audited (error), "
	              "%zu finding%s", r->opts.summary_only ? "" : "\n", t->inputs, t->inputs == 1 ? "" : "s",
	              t->audited, t->errors, t->findings, t->findings == 1 ? "" : "s");
	for (sev = CREDAUDIT_SEV_CRITICAL; sev >= CREDAUDIT_SEV_INFO; sev--) {
		if (t->by_severity[sev] == 0)
			continue;
		render_printf(r, "%s%s %zu", first ? " (" : ", ",
		              credaudit_severity_name((enum credaudit_severity)sev),
		              t->by_severity[sev]);
		first = 0;
	}
	render_puts(r, first ? "" : ")");
	if (t->waived > 0)
		render_printf(r, ", %zu waived", t->waived);
	render_puts(r, "\n");
	text_skipped(r, t);
	if ((t->inputs > 1 || r->opts.summary_only) && r->sum->n > 0)
		text_accounts(r, r->sum);
	text_options(r);
	text_resolved(r, r->sum);
	if ((t->inputs > 1 || r->opts.summary_only) && r->sum->n > 0)
		text_table(r, r->sum);
	if (t->inputs > 1 || r->opts.summary_only)
		text_not_audited(r, r->sum);
	return r->failed ? -1 : 0;
}

const struct render_ops render_text_ops = {
	"text", "human-readable report (default)",
	text_begin, text_report, text_finish, NULL,
};
