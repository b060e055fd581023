/*
 * render_html.c - one self-contained HTML file an auditor can archive: no
 * script, no external resource of any kind (a Content-Security-Policy of
 * default-src 'none' says so to the browser), styles inline, readable
 * printed.  The summary comes first but needs every input, so the
 * per-input sections are kept until finish, deflated as they are written
 * (a report's findings repeat its long ARNs, which compress well: peak
 * memory stays under the bound of README's "What is read"); the summary
 * holds one table row per input and counters per rule.  Every report-derived
 * string goes through esc_html (text content only: no report text is ever
 * put in an attribute).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "render/fmt.h"
#include "render/spool.h"

#define CSP HTML_CSP

struct html {
	struct buf inputs;        /* summary rows, one per input */
	struct spool sp;          /* the per-input sections (sp.body) */
};

/* Append s escaped to b; remembers failure in r. */
static void
esc(struct credaudit_render *r, struct buf *b, const char *s)
{
	if (esc_html(b, s ? s : "") == -1)
		r->failed = RENDER_NOMEM;
}

static void
add(struct credaudit_render *r, struct buf *b, const char *s)
{
	if (buf_adds(b, s) == -1)
		r->failed = RENDER_NOMEM;
}

static void
addf(struct credaudit_render *r, struct buf *b, const char *fmt, ...) PRINTF_LIKE(3, 4);

static void
addf(struct credaudit_render *r, struct buf *b, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(tmp) || buf_add(b, tmp, (size_t)n) == -1)
		r->failed = RENDER_NOMEM;
}

static int
html_begin(struct credaudit_render *r)
{
	struct html *h = ca_calloc(1, sizeof(*h));

	if (h == NULL)
		return r->failed = RENDER_NOMEM, -1;
	r->priv = h;
	if (spool_init(&h->sp) == -1)
		return r->failed = RENDER_NOMEM, -1;
	return 0;
}

/* Deflate the sections written so far once they are long enough. */
static void
spill(struct credaudit_render *r, struct html *h)
{
	if (!r->failed && spool_spill(&h->sp) == -1)
		r->failed = RENDER_NOMEM;
}

/* "2024-05-31T23:59:00Z (latest timestamp ...)" */
static void
as_of_cell(struct credaudit_render *r, struct buf *b,
           const struct credaudit_report *rep)
{
	char when[32];
	int64_t t;
	enum credaudit_asof_source src = as_of_text(rep, when, &t);

	if (when[0])
		addf(r, b, "<span class=\"nowrap\">%s</span> ", when);
	addf(r, b, "<span class=\"src\">(%s)</span>", as_of_words(src));
}

/* "FAIL (2 findings, 1 waived, 1 rule not evaluated)" or "PASS (1 finding,
 * 1 waived)" into b, for an audited report. */
static void
verdict_text(struct credaudit_render *r, struct buf *b,
             const struct credaudit_report *rep)
{
	enum credaudit_verdict v = credaudit_report_verdict(rep);

	addf(r, b, "<span class=\"verdict %s\">%s</span>", credaudit_verdict_name(v),
	     verdict_word(v));
	if (report_counts(b, rep, r->fail_on) == -1)
		render_nomem(r);
}

static void
summary_row(struct credaudit_render *r, struct html *h,
            const struct credaudit_report *rep)
{
	const struct credaudit_error *e = credaudit_report_error(rep);
	struct buf *b = &h->inputs;

	addf(r, b, "<tr><td><a href=\"#input-%zu\">", r->sum->t.inputs);
	esc(r, b, credaudit_report_name(rep));
	add(r, b, "</a></td><td>");
	if (e != NULL) {
		add(r, b, "&#8212;</td><td>");
		as_of_cell(r, b, rep);
		add(r, b, "</td><td class=\"verdict error\">ERROR (not audited)</td></tr>\n");
		return;
	}
	add(r, b, "<span class=\"nowrap\">");
	esc(r, b, credaudit_report_account(rep));
	add(r, b, "</span></td><td>");
	as_of_cell(r, b, rep);
	add(r, b, "</td><td>");
	verdict_text(r, b, rep);
	add(r, b, "</td></tr>\n");
}

static void
finding_row(struct credaudit_render *r, struct buf *b,
            const struct credaudit_finding *f)
{
	size_t k;

	addf(r, b, "<tr%s><td class=\"sev %s\">%s</td><td class=\"nowrap\">%s</td>"
	     "<td>%lu</td><td class=\"user\">", WAIVED(f) ? " class=\"waived\"" : "",
	     credaudit_severity_name(f->severity), credaudit_severity_name(f->severity),
	     f->rule, f->line);
	esc(r, b, f->user);
	add(r, b, "</td><td class=\"arn\">");
	esc(r, b, f->arn);
	add(r, b, "</td><td class=\"nowrap\">");
	esc(r, b, f->credential ? f->credential : "");
	add(r, b, "</td><td>");
	esc(r, b, f->message);
	if (f->waiver.state != CREDAUDIT_WAIVER_NONE) {
		addf(r, b, "<br/><span class=\"waiver\">%s (waiver %zu): ", WAIVED(f) ?
		     "waived" : "waiver expired, not applied", f->waiver.entry);
		esc(r, b, f->waiver.justification);
		add(r, b, "</span>");
	}
	add(r, b, "<dl class=\"ev\">");
	for (k = 0; k < f->nevidence; k++) {
		addf(r, b, "<dt>%s</dt><dd>", f->evidence[k].name);
		esc(r, b, f->evidence[k].value);
		add(r, b, "</dd>");
	}
	add(r, b, "</dl></td></tr>\n");
}

static int
findings_table(struct credaudit_render *r, struct buf *b,
               const struct credaudit_report *rep)
{
	size_t i, n = credaudit_report_finding_count(rep);

	addf(r, b, "<h3>Findings (%zu)</h3>\n", n);
	if (n == 0) {
		add(r, b, "<p>No finding.</p>\n");
		return 0;
	}
	add(r, b, "<table class=\"findings\"><thead><tr><th>severity</th><th>rule</th>"
	          "<th>line</th><th>user</th><th>arn</th><th>credential</th>"
	          "<th>message and evidence</th></tr></thead><tbody>\n");
	for (i = 0; i < n; i++) {
		const struct credaudit_finding *f = render_finding(r, rep, i);

		if (f == NULL)
			return -1;
		finding_row(r, b, f);
		if (b == &((struct html *)r->priv)->sp.body)
			spill(r, r->priv);
	}
	add(r, b, "</tbody></table>\n");
	return 0;
}

/* Passed and not-evaluated rules. */
static void
results_lists(struct credaudit_render *r, struct html *h,
              const struct credaudit_report *rep)
{
	static const char *const head[] = { "Passed", "", "Not evaluated" };
	const int order[] = { CREDAUDIT_PASS, CREDAUDIT_NOT_EVALUATED };
	struct buf *b = &h->sp.body;
	size_t i, k, n = credaudit_report_result_count(rep);

	for (k = 0; k < 2; k++) {
		size_t count = 0;

		for (i = 0; i < n; i++)
			count += (int)credaudit_report_result(rep, i)->status == order[k];
		addf(r, b, "<h3>%s (%zu)</h3>\n<ul class=\"rules\">", head[order[k]], count);
		for (i = 0; i < n; i++) {
			const struct credaudit_result *res = credaudit_report_result(rep, i);
			const struct credaudit_rule_info *ri = credaudit_rule_find(res->rule);

			if ((int)res->status != order[k])
				continue;
			addf(r, b, "<li><code>%s</code> ", res->rule);
			esc(r, b, ri ? ri->title : "");
			if (res->reason != NULL) {
				add(r, b, ": ");
				esc(r, b, res->reason);
			}
			add(r, b, "</li>");
		}
		add(r, b, count ? "</ul>\n" : "<li>none</li></ul>\n");
	}
}

/* The findings a waiver matched, applied or expired. */
static int
waivers_table(struct credaudit_render *r, struct buf *b,
              const struct credaudit_report *rep)
{
	size_t i, k = 0, n = credaudit_report_finding_count(rep);

	add(r, b, "<h3>Waivers</h3>\n");
	for (i = 0; i < n; i++) {
		const struct credaudit_finding *f = render_finding(r, rep, i);

		if (f == NULL)
			return -1;
		if (f->waiver.state == CREDAUDIT_WAIVER_NONE)
			continue;
		if (k++ == 0)
			add(r, b, "<table class=\"waivers\"><thead><tr><th>rule</th><th>line"
			          "</th><th>user</th><th>credential</th><th>waiver</th>"
			          "<th>state</th><th>justification</th><th>owner</th>"
			          "<th>expires</th></tr></thead><tbody>\n");
		addf(r, b, "<tr><td class=\"nowrap\">%s</td><td>%lu</td><td>", f->rule,
		     f->line);
		esc(r, b, f->user);
		add(r, b, "</td><td>");
		esc(r, b, f->credential ? f->credential : "");
		addf(r, b, "</td><td>%zu</td><td>%s</td><td>", f->waiver.entry,
		     WAIVED(f) ? "applied" : "expired, not applied");
		esc(r, b, f->waiver.justification);
		add(r, b, "</td><td>");
		esc(r, b, f->waiver.owner);
		add(r, b, "</td><td class=\"nowrap\">");
		esc(r, b, f->waiver.expires);
		add(r, b, "</td></tr>\n");
	}
	add(r, b, k ? "</tbody></table>\n" : "<p>No waiver matched a finding.</p>\n");
	return r->failed ? -1 : 0;
}

/* What was judged: the file, its bytes (size, SHA-256, container chain),
 * the report's identity and time, and the tool. */
static void
evidence_block(struct credaudit_render *r, struct buf *b,
               const struct credaudit_report *rep)
{
	const struct credaudit_input *in = credaudit_report_input(rep);
	char when[32];

	add(r, b, "<h3>Evidence</h3>\n<dl class=\"facts\"><dt>file</dt><dd>");
	esc(r, b, credaudit_report_name(rep));
	if (in != NULL) {
		addf(r, b, "</dd><dt>size</dt><dd>%llu bytes%s</dd><dt>SHA-256</dt>"
		     "<dd class=\"arn\">%s</dd><dt>container</dt><dd>",
		     (unsigned long long)in->size, in->complete ? "" :
		     " (not read to the end)", in->sha256);
		esc(r, b, in->container);
		if (in->has_generated_time) {
			credaudit_time_format(in->generated_time, when, sizeof(when));
			addf(r, b, "</dd><dt>GeneratedTime</dt><dd>%s", when);
		}
	}
	if (credaudit_report_error(rep) == NULL) {
		add(r, b, "</dd><dt>account</dt><dd>");
		esc(r, b, credaudit_report_account(rep));
		add(r, b, "</dd><dt>partition</dt><dd>");
		esc(r, b, credaudit_report_partition(rep));
		addf(r, b, "</dd><dt>rows</dt><dd>%lu</dd><dt>root user row</dt>"
		     "<dd>line %lu", credaudit_report_rows(rep),
		     credaudit_report_root_line(rep));
	}
	add(r, b, "</dd><dt>as of</dt><dd>");
	as_of_cell(r, b, rep);
	add(r, b, "</dd><dt>tool</dt><dd>credaudit " CREDAUDIT_VERSION "</dd></dl>\n");
}

static int
html_report(struct credaudit_render *r, const struct credaudit_report *rep)
{
	struct html *h = r->priv;
	const struct credaudit_error *e = credaudit_report_error(rep);
	struct buf *b = &h->sp.body;

	summary_row(r, h, rep);
	addf(r, b, "<section class=\"input%s\" id=\"input-%zu\">\n<h2>Input %zu: ",
	     e != NULL ? " notaudited" : "", r->sum->t.inputs, r->sum->t.inputs);
	esc(r, b, credaudit_report_name(rep));
	add(r, b, "</h2>\n");
	if (e != NULL) {
		char pos[128];

		error_position(e, pos, sizeof(pos));
		add(r, b, "<p class=\"verdict error\">ERROR (not audited): ");
		esc(r, b, pos);
		add(r, b, ": ");
		esc(r, b, e->text);
		add(r, b, "</p>\n");
	} else {
		add(r, b, "<p class=\"verdict\">");
		verdict_text(r, b, rep);
		add(r, b, "</p>\n");
		if (findings_table(r, b, rep) == -1)
			return -1;
		results_lists(r, h, rep);
		if (waivers_table(r, b, rep) == -1)
			return -1;
	}
	evidence_block(r, b, rep);
	add(r, b, "</section>\n");
	spill(r, h);
	return r->failed ? -1 : 0;
}

const char html_style[] =
	"body{font:14px/1.45 system-ui,sans-serif;color:#111;background:#fff;"
	"margin:2em auto;max-width:1100px;padding:0 1em}\n"
	"h1{font-size:1.5em}h2{font-size:1.25em;border-bottom:1px solid #999;"
	"margin-top:2em}h3{font-size:1.05em}\n"
	"table{border-collapse:collapse;width:100%;margin:.5em 0}\n"
	"th,td{border:1px solid #bbb;padding:.25em .45em;text-align:left;"
	"vertical-align:top}\nth{background:#eee}\n"
	"td{overflow-wrap:anywhere}.nowrap{white-space:nowrap}.src{color:#555}\n"
	".verdict{font-weight:bold}.fail{color:#a00}.pass{color:#060}"
	".error{color:#a00}.notev{color:#7a5b00}\n"
	"p.verdict{font-size:1.1em}\n"
	".sev{font-weight:bold}.critical,.high{color:#a00}.medium{color:#a04a00}"
	".low{color:#7a5b00}.info{color:#1f5f8b}\n"
	"dl.ev,dl.facts{display:grid;grid-template-columns:max-content auto;"
	"gap:0 1em;margin:.4em 0}\ndl.ev{font-size:.9em;color:#333}dd{margin:0;"
	"overflow-wrap:anywhere}dt{font-family:monospace}\n"
	"code,.arn{font-family:monospace}td.user{min-width:8em}td.arn{min-width:16em}\n"
	"tr.waived td{color:#666}tr.waived td.sev{text-decoration:line-through}"
	".waiver{color:#1f5f8b;font-style:italic}\n"
	".ctl{font-family:monospace;font-size:.85em;color:#a00;border:1px solid #a00;"
	"border-radius:2px;padding:0 1px;margin:0 1px;white-space:nowrap}\n"
	"svg.chart text{font:12px system-ui,sans-serif}\n"
	"footer{margin-top:3em;color:#555;font-size:.9em}\n"
	"@media print{body{margin:0;max-width:none;font-size:10pt}"
	"a{color:inherit;text-decoration:none}section.input{break-before:page}"
	"tr,dl{break-inside:avoid}*{print-color-adjust:exact;"
	"-webkit-print-color-adjust:exact}section.notaudited{break-before:auto}"
	"dl.ev{grid-template-columns:1fr}dl.ev dd{margin-left:1em}\n"
	"table.findings{table-layout:fixed;font-size:8pt}table.findings .nowrap{"
	"white-space:normal}table.findings th:nth-child(1){width:9%}"
	"table.findings th:nth-child(2){width:13%}table.findings th:nth-child(3){"
	"width:5%}table.findings th:nth-child(4){width:13%}table.findings "
	"th:nth-child(5){width:23%}table.findings th:nth-child(6){width:11%}}\n"
	"@page{size:A4;margin:12mm}\n";

static const char *const sev_fill[] = {
	"#1f5f8b", "#9a7b00", "#d35400", "#c0392b", "#8b0000"
};

/* One bar of the chart at row y: label, bar scaled to max, count. */
static void
bar(struct credaudit_render *r, const char *label, size_t v, size_t max,
    const char *fill, size_t y)
{
	size_t w = max ? v * 400 / max : 0;

	r->scratch.len = 0;
	if (esc_markup(&r->scratch, label) == -1 || buf_addc(&r->scratch, '\0') == -1) {
		r->failed = RENDER_NOMEM;
		return;
	}
	render_printf(r, "<text x=\"200\" y=\"%zu\" text-anchor=\"end\">%s</text>"
	              "<rect x=\"210\" y=\"%zu\" width=\"%zu\" height=\"16\" "
	              "fill=\"%s\"/><text x=\"%zu\" y=\"%zu\">%zu</text>\n",
	              y + 13, r->scratch.data, y + 1, w, fill, 216 + w, y + 13, v);
}

/* Inline SVG bar chart: findings by severity, then by rule. */
static void
chart(struct credaudit_render *r)
{
	const struct credaudit_totals *t = credaudit_summary_totals(r->sum);
	size_t i, max = 1, nrules = credaudit_rule_count();
	size_t height = 20 * (5 + nrules) + 60, y = 24;
	int sev;

	for (i = 0; i < 5; i++)
		max = t->by_severity[i] > max ? t->by_severity[i] : max;
	for (i = 0; i < nrules; i++)
		max = r->sum->rules[i].findings > max ? r->sum->rules[i].findings : max;
	render_printf(r, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" "
	              "role=\"img\" aria-labelledby=\"chart-title\" width=\"680\" "
	              "height=\"%zu\" viewBox=\"0 0 680 %zu\">\n<title id=\"chart-title\">"
	              "Findings by severity and by rule</title>\n<text x=\"0\" y=\"14\" "
	              "font-weight=\"bold\">By severity</text>\n", height, height);
	for (sev = CREDAUDIT_SEV_CRITICAL; sev >= CREDAUDIT_SEV_INFO; sev--, y += 20)
		bar(r, credaudit_severity_name((enum credaudit_severity)sev),
		    t->by_severity[sev], max, sev_fill[sev], y);
	render_printf(r, "<text x=\"0\" y=\"%zu\" font-weight=\"bold\">By rule</text>\n",
	              y + 22);
	for (i = 0, y += 30; i < nrules; i++, y += 20)
		bar(r, credaudit_rule_get(i)->id, r->sum->rules[i].findings, max, "#555", y);
	render_puts(r, "</svg>\n");
}

/* Write s escaped for HTML. */
static void
put(struct credaudit_render *r, const char *s)
{
	r->scratch.len = 0;
	if (esc_html(&r->scratch, s ? s : "") == -1) {
		r->failed = RENDER_NOMEM;
		return;
	}
	render_write(r, r->scratch.data, r->scratch.len);
}

/* The style class of a rule's outcome. */
static const char *
outcome_class(enum outcome o)
{
	return o == OUTCOME_FAIL ? "fail" : o == OUTCOME_PASS ? "pass" :
	       o == OUTCOME_NONE ? "src" : "notev";
}

/* The verdict per rule over all inputs. */
static void
rules_table(struct credaudit_render *r)
{
	const char *bm = r->audit ? credaudit_audit_benchmark(r->audit) : NULL;
	size_t i;

	render_puts(r, "<h3>Verdict per rule</h3>\n");
	if (bm != NULL)
		render_printf(r, "<p>Benchmark: %s (thresholds and clause numbers).</p>\n", bm);
	render_printf(r, "<table><thead><tr><th>rule</th><th>severity</th><th>title</th>"
	              "%s<th>verdict</th><th>inputs failed</th><th>passed</th>"
	              "<th>not evaluated</th><th>findings</th><th>waived</th></tr></thead>"
	              "<tbody>\n", bm ? "<th>clause</th>" : "");
	for (i = 0; i < credaudit_rule_count(); i++) {
		const struct credaudit_rule_info *ri = credaudit_rule_get(i);
		const struct rule_tally *c = &r->sum->rules[i];
		enum outcome o = tally_outcome(c);

		render_printf(r, "<tr><td><code>%s</code></td><td class=\"sev %s\">%s</td>"
		              "<td>", ri->id, credaudit_severity_name(ri->severity),
		              credaudit_severity_name(ri->severity));
		put(r, ri->title);
		if (bm != NULL)
			render_printf(r, "</td><td>%s", c->clause ? c->clause : "&#8212;");
		render_printf(r, "</td><td class=\"verdict %s\">%s</td><td>%zu</td><td>%zu</td>"
		              "<td>%zu</td><td>%zu</td><td>%zu</td></tr>\n", outcome_class(o),
		              outcome_word(o), c->counted, c->status[CREDAUDIT_PASS],
		              c->status[CREDAUDIT_NOT_EVALUATED], c->findings, c->waived);
	}
	render_puts(r, "</tbody></table>\n");
}

/* Risk, steps and verification of every rule that failed somewhere. */
static void
remediation(struct credaudit_render *r)
{
	size_t i, k, shown = 0;

	for (i = 0; i < credaudit_rule_count(); i++) {
		const struct credaudit_rule_info *ri = credaudit_rule_get(i);

		if (r->sum->rules[i].status[CREDAUDIT_FAIL] == 0)
			continue;
		if (shown++ == 0)
			render_puts(r, "<section id=\"remediation\">\n<h2>What to do</h2>\n");
		render_printf(r, "<h3><code>%s</code> ", ri->id);
		put(r, ri->title);
		render_puts(r, "</h3>\n<p>");
		put(r, ri->risk);
		render_puts(r, "</p>\n<ol>");
		for (k = 0; k < ri->nremediation; k++) {
			render_puts(r, "<li>");
			put(r, ri->remediation[k]);
			render_puts(r, "</li>");
		}
		render_puts(r, "</ol>\n<p><b>Verification:</b> ");
		put(r, ri->verification);
		if (ri->limits != NULL) {
			render_puts(r, "</p>\n<p><b>Limits:</b> ");
			put(r, ri->limits);
		}
		/* the compliance references, with or without --benchmark */
		for (k = 0; k < ri->nrefs; k++) {
			render_puts(r, k ? "; " : "</p>\n<p><b>References:</b> ");
			put(r, ri->refs[k].framework);
			render_puts(r, " ");
			put(r, ri->refs[k].id);
		}
		render_puts(r, "</p>\n");
	}
	if (shown > 0)
		render_puts(r, "</section>\n");
}

/* Per account: reports, the period their as-of times cover, the rules that
 * have findings (waived or not) in at least one of them. */
static void
accounts_table(struct credaudit_render *r)
{
	const struct credaudit_summary *s = r->sum;
	char from[32], to[32];
	size_t i, k;

	render_printf(r, "<h3>Accounts (%zu)</h3>\n", s->n);
	if (s->n == 0) {
		render_puts(r, "<p>No input could be audited.</p>\n");
		return;
	}
	render_puts(r, "<table><thead><tr><th>account</th><th>partition</th><th>reports"
	            "</th><th>as of</th><th>rules with findings</th></tr></thead><tbody>\n");
	for (i = 0; i < s->n; i++) {
		const struct account_sum *a = &s->a[i];
		int first = 1;

		render_puts(r, "<tr><td class=\"nowrap\">");
		put(r, a->account);
		render_puts(r, "</td><td>");
		put(r, a->partition);
		render_printf(r, "</td><td>%zu</td><td>", a->reports);
		if (a->have_period) {
			credaudit_time_format(a->from, from, sizeof(from));
			credaudit_time_format(a->to, to, sizeof(to));
			render_printf(r, "<span class=\"nowrap\">%s</span>", from);
			if (a->to != a->from)
				render_printf(r, " to <span class=\"nowrap\">%s</span>", to);
		}
		render_puts(r, "</td><td>");
		for (k = 0; k < a->nrules; k++)
			if (a->worst[k] >= OUTCOME_WAIVED) {
				render_printf(r, "%s<code>%s</code>", first ? "" : ", ", a->rule[k]);
				first = 0;
			}
		render_puts(r, first ? "none</td></tr>\n" : "</td></tr>\n");
	}
	render_puts(r, "</tbody></table>\n");
}

/* The files skipped on purpose, each named with why (after the inputs). */
static void
skipped_table(struct credaudit_render *r)
{
	size_t i, n = credaudit_summary_skipped_count(r->sum);

	if (n == 0)
		return;
	render_printf(r, "<h3 id=\"skipped\">Skipped files (%zu)</h3>\n<p>Not audited "
	              "on purpose; they do not change the verdict.</p>\n<table><thead>"
	              "<tr><th>file</th><th>kind</th><th>why</th></tr></thead><tbody>\n", n);
	for (i = 0; i < n; i++) {
		const struct credaudit_skipped *k = credaudit_summary_skipped_file(r->sum, i);

		render_puts(r, "<tr><td>");
		put(r, k->path);
		render_printf(r, "</td><td>%s</td><td>", credaudit_skip_name(k->kind));
		if (k->duplicate_of != NULL) {
			render_puts(r, "duplicate of ");
			put(r, k->duplicate_of);
			render_printf(r, " (sha256 <code>%s</code>)", k->sha256);
		} else {
			put(r, k->reason);
		}
		render_puts(r, "</td></tr>\n");
	}
	render_puts(r, "</tbody></table>\n");
}

static void
summary(struct credaudit_render *r, const struct html *h)
{
	const struct credaudit_totals *t = credaudit_summary_totals(r->sum);
	enum credaudit_verdict v = credaudit_summary_verdict(r->sum);
	size_t unchanged = r->sum->unchanged_unwaived, below = summary_below(r->sum);

	render_printf(r, "<p class=\"verdict %s\" id=\"verdict\">Verdict: %s &#8212; ",
	              credaudit_verdict_name(v), verdict_word(v));
	if (t->errors > 0)
		render_printf(r, "%zu of %zu input%s could not be audited; ", t->errors,
		              t->inputs, t->inputs == 1 ? "" : "s");
	render_printf(r, "%zu finding%s (%zu waived", t->findings,
	              t->findings == 1 ? "" : "s", t->waived);
	if (below > 0)
		render_printf(r, ", %zu below --fail-on %s", below,
		              credaudit_severity_name(r->fail_on));
	if (unchanged > 0)
		render_printf(r, ", %zu unchanged since the baseline", unchanged);
	render_printf(r, ") in %zu audited input%s.</p>\n"
	              "<section id=\"summary\">\n<h2>Summary</h2>\n",
	              t->audited, t->audited == 1 ? "" : "s");
	accounts_table(r);
	render_puts(r, "<h3>Inputs</h3>\n<table><thead><tr><th>file</th><th>account"
	            "</th><th>as of</th><th>verdict</th></tr></thead><tbody>\n");
	render_write(r, h->inputs.data, h->inputs.len);
	render_puts(r, "</tbody></table>\n");
	skipped_table(r);
	rules_table(r);
	render_puts(r, "</section>\n<section id=\"chart\">\n<h2>Findings by severity "
	            "and rule</h2>\n");
	chart(r);
	render_puts(r, "</section>\n");
	remediation(r);
}

void
html_head(struct credaudit_render *r, const char *title, const char *style,
          const char *h1)
{
	render_printf(r, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
	              "<meta http-equiv=\"Content-Security-Policy\" content=\"" CSP "\"/>\n"
	              "<meta name=\"referrer\" content=\"no-referrer\"/>\n"
	              "<meta name=\"viewport\" content=\"width=device-width, "
	              "initial-scale=1\"/>\n<title>%s</title>\n<style>\n", title);
	render_puts(r, html_style);
	render_puts(r, style);
	render_printf(r, "</style>\n</head>\n<body>\n<header>\n<h1>%s</h1>\n</header>\n"
	              "<main>\n", h1);
}

static int
html_finish(struct credaudit_render *r)
{
	struct html *h = r->priv;

	html_head(r, "credaudit report", "", "AWS IAM credential report audit");
	/* (the summary needs every input: it is written here, at the end) */
	summary(r, h);
	spool_emit(r, &h->sp);
	render_puts(r, "</main>\n<footer>Written by credaudit " CREDAUDIT_VERSION ", offline, from "
	            "the files named above only. Ages are judged as of the time stated "
	            "for each input; this page states no other time.</footer>\n"
	            "</body>\n</html>\n");
	return r->failed ? -1 : 0;
}

static void
html_cleanup(void *priv)
{
	struct html *h = priv;

	buf_free(&h->inputs);
	spool_free(&h->sp);
	ca_free(h);
}

const struct render_ops render_html_ops = {
	"html", "self-contained HTML report for auditors, no external request",
	html_begin, html_report, html_finish, html_cleanup,
};
