/*
 * history_html.c - the history as one self-contained HTML page: the
 * audit's page frame and style (html_head), per account an inline SVG
 * timeline and the same facts as tables.  Report text (file names,
 * account ids, errors) goes through put only: esc_html in text content,
 * esc_markup inside SVG; none is put in an attribute.
 */
#include "render/fmt.h"
#include "render/history_render.h"

static const char history_style[] =
	"svg.timeline{max-width:100%;height:auto}svg.timeline text{font-size:11px}\n"
	"@media print{section.account{break-before:page}}\n";

/* Write report text escaped: for HTML text content, or (svg set) as SVG
 * text, where markup escapes only (no span). */
static void
put(struct credaudit_render *r, const char *s, int svg)
{
	r->scratch.len = 0;
	if ((svg ? esc_markup : esc_html)(&r->scratch, s ? s : "") == -1)
		r->failed = RENDER_NOMEM;
	else
		render_write(r, r->scratch.data, r->scratch.len);
}

static const char *
plural(size_t n)
{
	return n == 1 ? "" : "s";
}

static double
days(int64_t from, int64_t to)
{
	return (double)(to - from) / 86400.0;
}

/* The timeline's geometry: labels left of X0, the time axis X0..X1. */
#define TL_W 900
#define TL_X0 120
#define TL_X1 880
#define TL_LANE(s) (34 + 36 * (long)(s))   /* top of slot s's lane */
#define TL_LANE_H 24
#define TL_AXIS 112
#define TL_H 176

static long
tl_x(const struct history_account *a, int64_t t)
{
	int64_t t0 = a->first->as_of, span = a->first[a->n - 1].as_of - t0;

	if (span <= 0)
		return TL_X0;
	return TL_X0 + (long)((t - t0) * (TL_X1 - TL_X0) / span);
}

static const char *const ev_fill[HISTORY_EVENT_KINDS] = {
	"#8b0000", "#c0392b", "#1f5f8b", "#555", "#7d3c98"
};
static const char *const ev_mark[HISTORY_EVENT_KINDS] = {
	"A", "+", "&#8722;", "D", "R"
};

static void
tl_marker(struct credaudit_render *r, long x, long y, enum history_event_kind k)
{
	render_printf(r, "<circle cx=\"%ld\" cy=\"%ld\" r=\"8\" fill=\"%s\" stroke=\"#fff\"/>"
	              "<text x=\"%ld\" y=\"%ld\" text-anchor=\"middle\" fill=\"#fff\" "
	              "font-weight=\"bold\">%s</text>", x, y, ev_fill[k], x, y + 4, ev_mark[k]);
}

/* Gaps without evidence, behind everything. */
static void
tl_gaps(struct credaudit_render *r, const struct history_account *a, size_t idx)
{
	char t1[32], t2[32];
	size_t i;
	long x, x2;

	for (i = 0; i < a->ngap; i++) {
		x = tl_x(a, a->gap[i].from);
		x2 = tl_x(a, a->gap[i].to);
		render_printf(r, "<g class=\"gap\"><title>no evidence from %s to %s (%.1f days)"
		              "</title><rect x=\"%ld\" y=\"26\" width=\"%ld\" height=\"%ld\" "
		              "fill=\"url(#hatch-%zu)\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>"
		              "<text x=\"%ld\" y=\"18\" text-anchor=\"middle\" fill=\"#555\">"
		              "no evidence, %.1f days</text></g>\n",
		              history_when(a->gap[i].from, t1), history_when(a->gap[i].to, t2),
		              days(a->gap[i].from, a->gap[i].to), x, x2 - x,
		              (long)(TL_AXIS - 30), idx, (x + x2) / 2,
		              days(a->gap[i].from, a->gap[i].to));
	}
}

/* Active intervals: solid from first to last report showing the key
 * active, dashed to the report no longer showing it. */
static void
tl_intervals(struct credaudit_render *r, const struct history_account *a)
{
	char t1[32], t2[32];
	size_t i;
	long x, x2, y;

	for (i = 0; i < a->niv; i++) {
		const struct history_interval *iv = &a->iv[i];

		y = TL_LANE(iv->slot);
		x = tl_x(a, iv->from);
		x2 = tl_x(a, iv->to);
		render_printf(r, "<g class=\"active\"><title>access_key_%u active in %zu "
		              "report%s, %s to %s</title>", iv->slot + 1, iv->seen,
		              plural(iv->seen), history_when(iv->from, t1),
		              history_when(iv->to, t2));
		if (!iv->open)
			render_printf(r, "<line x1=\"%ld\" y1=\"%ld\" x2=\"%ld\" y2=\"%ld\" "
			              "stroke=\"#c0392b\" stroke-width=\"3\" "
			              "stroke-dasharray=\"5 4\"/>", x2, y + TL_LANE_H / 2,
			              tl_x(a, iv->ended), y + TL_LANE_H / 2);
		render_printf(r, "<rect x=\"%ld\" y=\"%ld\" width=\"%ld\" height=\"%d\" "
		              "fill=\"#c0392b\" fill-opacity=\"0.75\"/></g>\n", x - 2, y + 4,
		              x2 - x + 4, TL_LANE_H - 8);
	}
}

/* Conflicting same-time reports, and the events. */
static void
tl_marks(struct credaudit_render *r, const struct history_account *a)
{
	char t[32];
	size_t i;
	long x;

	for (i = 0; i < a->ncf; i++) {
		x = tl_x(a, a->cf[i].time);
		render_printf(r, "<g class=\"conflict\"><title>conflicting reports as of %s"
		              "</title><line x1=\"%ld\" y1=\"24\" x2=\"%ld\" y2=\"%d\" "
		              "stroke=\"#a00\" stroke-width=\"2\" stroke-dasharray=\"2 2\"/>"
		              "<text x=\"%ld\" y=\"18\" text-anchor=\"middle\" fill=\"#a00\" "
		              "font-weight=\"bold\">conflict</text></g>\n",
		              history_when(a->cf[i].time, t), x, x, TL_AXIS - 4, x);
	}
	for (i = 0; i < a->nev; i++) {
		const struct history_event *e = &a->ev[i];

		render_printf(r, "<g class=\"event\"><title>%s: access_key_%u %s</title>",
		              history_when(e->time, t), e->slot + 1, history_event_name(e->kind));
		tl_marker(r, tl_x(a, e->time), TL_LANE(e->slot) + TL_LANE_H / 2, e->kind);
		render_puts(r, "</g>\n");
	}
}

/* The time axis (one tick per report time, first and last time) and the
 * legend. */
static void
tl_axis(struct credaudit_render *r, const struct history_account *a)
{
	char t1[32], t2[32];
	size_t i;
	long x;

	render_printf(r, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>",
	              TL_X0, TL_AXIS, TL_X1, TL_AXIS);
	for (i = 0; i < a->n; i++)
		if (i == 0 || a->first[i].as_of != a->first[i - 1].as_of) {
			x = tl_x(a, a->first[i].as_of);
			render_printf(r, "<line x1=\"%ld\" y1=\"%d\" x2=\"%ld\" y2=\"%d\" "
			              "stroke=\"#333\"/>", x, TL_AXIS - 5, x, TL_AXIS + 5);
		}
	render_printf(r, "\n<text x=\"0\" y=\"%d\">reports</text><text x=\"%d\" y=\"%d\">%s"
	              "</text>", TL_AXIS + 4, TL_X0, TL_AXIS + 20,
	              history_when(a->first->as_of, t1));
	if (a->first[a->n - 1].as_of != a->first->as_of)
		render_printf(r, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", TL_X1,
		              TL_AXIS + 20, history_when(a->first[a->n - 1].as_of, t2));
	render_printf(r, "\n<g class=\"legend\"><rect x=\"%d\" y=\"%d\" width=\"24\" "
	              "height=\"12\" fill=\"#c0392b\" fill-opacity=\"0.75\"/><text x=\"%d\" "
	              "y=\"%d\">active</text>", TL_X0, TL_H - 24, TL_X0 + 30, TL_H - 14);
	for (i = 0; i < HISTORY_EVENT_KINDS; i++) {
		x = TL_X0 + 100 + 110 * (long)i;
		tl_marker(r, x, TL_H - 18, (enum history_event_kind)i);
		render_printf(r, "<text x=\"%ld\" y=\"%d\">%s</text>", x + 12, TL_H - 14,
		              history_event_name((enum history_event_kind)i));
	}
	render_puts(r, "</g>\n</svg>\n");
}

/* The inline SVG timeline of one account; idx makes its ids unique. */
static void
timeline(struct credaudit_render *r, const struct history_account *a, size_t idx)
{
	unsigned s;
	long y;

	render_printf(r, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart timeline\" "
	              "role=\"img\" aria-labelledby=\"tl-title-%zu\" width=\"%d\" "
	              "height=\"%d\" viewBox=\"0 0 %d %d\">\n<title id=\"tl-title-%zu\">"
	              "Root access keys of account ", idx, TL_W, TL_H, TL_W, TL_H, idx);
	put(r, a->first->account, 1);
	render_printf(r, " over time</title>\n<defs><pattern id=\"hatch-%zu\" width=\"8\" "
	              "height=\"8\" patternUnits=\"userSpaceOnUse\" "
	              "patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" "
	              "fill=\"#fff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" "
	              "stroke=\"#bbb\" stroke-width=\"3\"/></pattern></defs>\n", idx);
	tl_gaps(r, a, idx);
	for (s = 0; s < 2; s++) {
		y = TL_LANE(s);
		render_printf(r, "<text x=\"0\" y=\"%ld\">access_key_%u</text><line x1=\"%d\" "
		              "y1=\"%ld\" x2=\"%d\" y2=\"%ld\" stroke=\"#ddd\"/>\n", y + 16,
		              s + 1, TL_X0, y + TL_LANE_H / 2, TL_X1, y + TL_LANE_H / 2);
	}
	tl_intervals(r, a);
	tl_marks(r, a);
	tl_axis(r, a);
}

static void
key_created(struct credaudit_render *r, const struct credaudit_root_key *k)
{
	char t[32];

	if (k->present)
		render_printf(r, "<span class=\"nowrap\">%s</span>", history_when(k->created, t));
	else
		render_puts(r, "<span class=\"src\">no date</span>");
}

/* A table's heading (h3 with the count) and head, or "none" when empty. */
static void
table_start(struct credaudit_render *r, const char *title, size_t n, const char *none,
            const char *head)
{
	render_printf(r, "<h3>%s (%zu)</h3>\n", title, n);
	if (n == 0)
		render_printf(r, "<p>%s</p>\n", none);
	else
		render_printf(r, "<table><thead><tr>%s</tr></thead><tbody>\n", head);
}

static void
table_end(struct credaudit_render *r, size_t n)
{
	if (n)
		render_puts(r, "</tbody></table>\n");
}

static void
intervals_table(struct credaudit_render *r, const struct history_account *a)
{
	char t1[32], t2[32];
	size_t i;

	table_start(r, "Root key active", a->niv, "Never, in any report.",
	            "<th>credential</th><th>key created</th><th>first seen active</th>"
	            "<th>last seen active</th><th>reports</th><th>ended</th>");
	for (i = 0; i < a->niv; i++) {
		const struct history_interval *iv = &a->iv[i];

		render_printf(r, "<tr><td class=\"nowrap\">access_key_%u</td><td>", iv->slot + 1);
		key_created(r, iv->key);
		render_printf(r, "</td><td class=\"nowrap\">%s</td><td class=\"nowrap\">%s</td>"
		              "<td>%zu</td><td>", history_when(iv->from, t1),
		              history_when(iv->to, t2), iv->seen);
		if (iv->open)
			render_puts(r, "<span class=\"verdict fail\">still active</span> in the "
			            "latest report</td></tr>\n");
		else
			render_printf(r, "%s by <span class=\"nowrap\">%s</span></td></tr>\n",
			              iv->end, history_when(iv->ended, t1));
	}
	table_end(r, a->niv);
}

static void
events_table(struct credaudit_render *r, const struct history_account *a)
{
	char t1[32], t2[32];
	size_t i;

	table_start(r, "Events", a->nev, "None.",
	            "<th>time</th><th>previous report</th><th>credential</th><th>event</th>"
	            "<th>key created</th><th>replaced key created</th>");
	for (i = 0; i < a->nev; i++) {
		const struct history_event *e = &a->ev[i];

		render_printf(r, "<tr><td class=\"nowrap\">%s</td><td class=\"nowrap\">%s</td>"
		              "<td class=\"nowrap\">access_key_%u</td><td>%s%s</td><td>",
		              history_when(e->time, t1), history_when(e->after, t2), e->slot + 1,
		              history_event_name(e->kind), e->kind != HISTORY_APPEARED ? "" :
		              e->key->active ? ", active" : ", inactive");
		key_created(r, history_event_key(e));
		render_puts(r, "</td><td>");
		if (e->kind == HISTORY_REPLACED)
			key_created(r, e->old);
		else
			render_puts(r, "&#8212;");
		render_puts(r, "</td></tr>\n");
	}
	table_end(r, a->nev);
}

static void
gaps_conflicts_tables(struct credaudit_render *r, const struct history_account *a)
{
	char t1[32], t2[32];
	size_t i;

	table_start(r, "Gaps without evidence", a->ngap, "None.",
	            "<th>from</th><th>to</th><th>days</th>");
	for (i = 0; i < a->ngap; i++)
		render_printf(r, "<tr><td class=\"nowrap\">%s</td><td class=\"nowrap\">%s</td>"
		              "<td>%.1f</td></tr>\n", history_when(a->gap[i].from, t1),
		              history_when(a->gap[i].to, t2), days(a->gap[i].from, a->gap[i].to));
	table_end(r, a->ngap);
	table_start(r, "Conflicting reports", a->ncf, "None.",
	            "<th>as of</th><th>reports that disagree on the root user</th>");
	for (i = 0; i < a->ncf; i++) {
		render_printf(r, "<tr><td class=\"nowrap\">%s</td><td>",
		              history_when(a->cf[i].time, t1));
		put(r, a->cf[i].a, 0);
		render_puts(r, "<br/>");
		put(r, a->cf[i].b, 0);
		render_puts(r, "</td></tr>\n");
	}
	table_end(r, a->ncf);
}

/* Every root rule's runs of one status, a row per run. */
static void
rules_table(struct credaudit_render *r, const struct history_account *a)
{
	char t1[32], t2[32];
	size_t i;

	table_start(r, "Root rules over time", a->nrun, "No root rule was evaluated.",
	            "<th>rule</th><th>severity</th><th>failing at</th><th>status</th>"
	            "<th>from</th><th>to</th><th>report times</th>");
	for (i = 0; i < a->nrun; i++) {
		const struct history_run *u = &a->run[i];
		enum credaudit_status st = (enum credaudit_status)u->status;

		render_printf(r, "<tr><td class=\"nowrap\">%s</td><td>%s</td><td>%zu of %zu"
		              "</td><td>%s%s%s</td><td class=\"nowrap\">%s</td><td class=\"nowrap\">"
		              "%s</td><td>%zu</td></tr>\n", history_rule_id(u->rule),
		              history_rule_severity(u->rule), history_rule_failing(a, u->rule),
		              a->moments, st == CREDAUDIT_FAIL ? "<span class=\"verdict fail\">" :
		              "", credaudit_status_name(st), st == CREDAUDIT_FAIL ? "</span>" : "",
		              history_when(u->from, t1), history_when(u->to, t2), u->seen);
	}
	table_end(r, a->nrun);
}

/* The reports: time, file, SHA-256, container, duplicate. */
static void
reports_table(struct credaudit_render *r, const struct history_account *a)
{
	char t[32];
	size_t i;

	render_printf(r, "<h3>Reports (%zu)</h3>\n<table><thead><tr><th>as of</th>"
	              "<th>file</th><th>time from</th><th>SHA-256</th><th>container</th>"
	              "<th>duplicate of</th></tr></thead><tbody>\n", a->n);
	for (i = 0; i < a->n; i++) {
		const struct history_report *p = &a->first[i];

		render_printf(r, "<tr><td class=\"nowrap\">%s</td><td>", history_when(p->as_of, t));
		put(r, p->file, 0);
		render_printf(r, "</td><td class=\"src\">%s</td><td><code>%s</code></td><td>",
		              credaudit_asof_source_name(p->src),
		              p->sha256[0] ? p->sha256 : "unknown");
		put(r, p->container ? p->container : "unknown", 0);
		render_puts(r, "</td><td>");
		if (a->dupof[i] != SIZE_MAX)
			put(r, a->first[a->dupof[i]].file, 0);
		else
			render_puts(r, "&#8212;");
		render_puts(r, "</td></tr>\n");
	}
	render_puts(r, "</tbody></table>\n");
}

/* How the account's gap threshold was set. */
static void
gap_threshold(struct credaudit_render *r, const struct history_account *a)
{
	if (!a->gap_derived)
		render_printf(r, "<p>Gap threshold: %.1f days (--gap-days).</p>\n",
		              days(0, a->gap_limit));
	else if (a->median > 0)
		render_printf(r, "<p>Gap threshold: %.1f days (1.5 times the median interval "
		              "between reports, %.1f days).</p>\n", days(0, a->gap_limit),
		              days(0, a->median));
	else
		render_puts(r, "<p>Gap threshold: none (one report time).</p>\n");
}

static void
account(struct credaudit_render *r, const struct history_account *a, size_t idx)
{
	char t1[32], t2[32];
	size_t n = a->n - a->ndup;

	render_printf(r, "<section class=\"input account\" id=\"account-%zu\">\n<h2>Account ",
	              idx);
	put(r, a->first->account, 0);
	render_puts(r, " (");
	put(r, a->first->partition, 0);
	render_printf(r, ")</h2>\n<p>%zu report%s and %zu duplicate%s, as of <span "
	              "class=\"nowrap\">%s</span> to <span class=\"nowrap\">%s</span>. "
	              "<span class=\"verdict %s\">%s</span></p>\n", n, plural(n), a->ndup,
	              plural(a->ndup), history_when(a->first->as_of, t1),
	              history_when(a->first[a->n - 1].as_of, t2), a->niv ? "fail" : "pass",
	              a->niv ? "The root user had an active access key." :
	              "No report shows an active root access key.");
	gap_threshold(r, a);
	timeline(r, a, idx);
	intervals_table(r, a);
	events_table(r, a);
	rules_table(r, a);
	gaps_conflicts_tables(r, a);
	reports_table(r, a);
	render_puts(r, "</section>\n");
}

static void
errors(struct credaudit_render *r, const struct credaudit_history *h)
{
	size_t i;

	if (h->nerrors == 0)
		return;
	render_printf(r, "<section id=\"errors\">\n<h2>Not read (%zu)</h2>\n<table><thead>"
	              "<tr><th>file</th><th>line</th><th>column</th><th>error</th></tr>"
	              "</thead><tbody>\n", h->nerrors);
	for (i = 0; i < h->nerrors; i++) {
		const struct history_report *e = &h->r[i];

		render_puts(r, "<tr><td>");
		put(r, e->file, 0);
		render_printf(r, "</td><td>%lu</td><td>%lu</td><td class=\"error\">", e->line,
		              e->column);
		put(r, e->error, 0);
		render_printf(r, "</td><td><code>%s</code></td></tr>\n",
		              e->sha256[0] ? e->sha256 : "unknown");
	}
	render_puts(r, "</tbody></table>\n</section>\n");
}

int
history_html(struct credaudit_render *r, const struct credaudit_history *h)
{
	const struct credaudit_history_totals *t = &h->totals;
	size_t i;

	html_head(r, "credaudit history", history_style,
	          "History of the root user's access keys and root rules");
	render_printf(r, "<p class=\"verdict %s\" id=\"verdict\">%zu account%s, %zu with an "
	              "active root key at some time, %zu conflict%s, %zu with a failing root "
	              "rule at some time; %zu input%s, %zu not read, %zu duplicate%s.</p>\n",
	              t->errors ? "error" :
	              t->accounts_with_root_key + t->conflicts ? "fail" : "pass",
	              t->accounts, plural(t->accounts), t->accounts_with_root_key,
	              t->conflicts, plural(t->conflicts), t->accounts_with_root_failure,
	              t->inputs, plural(t->inputs), t->errors, t->duplicates,
	              plural(t->duplicates));
	if (h->gap_days)
		render_printf(r, "<p>Gaps between consecutive reports longer than %lu days "
		              "are shown as missing evidence.", h->gap_days);
	else
		render_puts(r, "<p>Gaps between consecutive reports longer than 1.5 times the "
		            "account's median interval between reports (at least 1 day) are "
		            "shown as missing evidence.");
	render_puts(r, " Every time is a report's as-of time: a change happened between "
	            "the report that first shows it and the one before. Reports with the "
	            "same SHA-256 count once.</p>\n");
	for (i = 0; i < h->nacct; i++)
		account(r, &h->acct[i], i);
	errors(r, h);
	render_puts(r, "</main>\n<footer>Written by credaudit " CREDAUDIT_VERSION ", offline, from the "
	            "files named above only. Each time shown is the as-of time of a report "
	            "named above; this page states no other time.</footer>\n</body>\n"
	            "</html>\n");
	return r->failed ? -1 : 0;
}
