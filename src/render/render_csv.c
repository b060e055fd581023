/*
 * render_csv.c - one CSV table for all inputs (docs/formats.md): a row per
 * finding, per rule that passed or was not evaluated, and per input that
 * could not be audited.  A finding's status is "fail", or "waived" under an
 * applied waiver; whether it counts against --fail-on follows from its
 * severity (the verdict is the other formats').  RFC 4180 quoting, CRLF line ends, and every cell
 * that holds report text is neutralised against spreadsheet formulas.
 */
#include <stdio.h>

#include "render/fmt.h"

#define HEADER "file,account,rule,severity,user,arn,line,credential,message," \
	       "status,as_of,evidence,waiver,sha256,container\r\n"

/* One cell and its separator (',' or the line end). */
static void
cell(struct credaudit_render *r, const char *s, int last)
{
	r->scratch.len = 0;
	if (esc_csv(&r->scratch, s ? s : "", 1) == -1 ||
	    buf_adds(&r->scratch, last ? "\r\n" : ",") == -1) {
		render_nomem(r);
		return;
	}
	render_write(r, r->scratch.data, r->scratch.len);
}

static void
number(struct credaudit_render *r, unsigned long v)
{
	if (v > 0)
		render_printf(r, "%lu", v);
	render_puts(r, ",");
}

/* The last two cells: SHA-256 and decoding chain of the input. */
static void
input_cells(struct credaudit_render *r, const struct credaudit_report *rep)
{
	const struct credaudit_input *in = credaudit_report_input(rep);

	cell(r, in ? in->sha256 : "", 0);
	cell(r, in ? in->container : "", 1);
}

static int
csv_begin(struct credaudit_render *r)
{
	return render_puts(r, HEADER);
}

/* "name=value; name=value" of a finding's evidence into ev. */
static int
evidence_text(const struct credaudit_finding *f, struct buf *ev)
{
	size_t i;

	ev->len = 0;
	for (i = 0; i < f->nevidence; i++)
		if (buf_printf(ev, "%s%s=%s", i ? "; " : "", f->evidence[i].name,
		               f->evidence[i].value) == -1)
			return -1;
	return buf_addc(ev, '\0');
}

static int
csv_finding(struct credaudit_render *r, const struct credaudit_report *rep,
            const struct credaudit_finding *f, const char *when, struct buf *ev)
{
	if (evidence_text(f, ev) == -1)
		return render_nomem(r);
	cell(r, credaudit_report_name(rep), 0);
	cell(r, credaudit_report_account(rep), 0);
	cell(r, f->rule, 0);
	cell(r, credaudit_severity_name(f->severity), 0);
	cell(r, f->user, 0);
	cell(r, f->arn, 0);
	number(r, f->line);
	cell(r, f->credential, 0);
	cell(r, f->message, 0);
	/* unchanged since the baseline (--baseline): does not count */
	cell(r, WAIVED(f) ? "waived" : f->baseline == CREDAUDIT_BASELINE_UNCHANGED ?
	     "unchanged" : "fail", 0);
	cell(r, when, 0);
	cell(r, ev->data, 0);
	ev->len = 0;
	if (f->waiver.state != CREDAUDIT_WAIVER_NONE &&
	    (buf_printf(ev, "%s: %s (owner %s, expires %s, entry %zu)",
	                WAIVED(f) ? "applied" : "expired, not applied",
	                f->waiver.justification, f->waiver.owner, f->waiver.expires,
	                f->waiver.entry) == -1 || buf_addc(ev, '\0') == -1))
		return render_nomem(r);
	cell(r, f->waiver.state != CREDAUDIT_WAIVER_NONE ? ev->data : "", 0);
	input_cells(r, rep);
	return r->failed ? -1 : 0;
}

/* A row for a rule that passed or was not evaluated. */
static void
csv_result(struct credaudit_render *r, const struct credaudit_report *rep,
           const struct credaudit_result *res, const char *when)
{
	const struct credaudit_rule_info *ri = credaudit_rule_find(res->rule);

	cell(r, credaudit_report_name(rep), 0);
	cell(r, credaudit_report_account(rep), 0);
	cell(r, res->rule, 0);
	cell(r, ri ? credaudit_severity_name(ri->severity) : "", 0);
	render_puts(r, ",,,,");
	cell(r, res->reason ? res->reason : "", 0);
	cell(r, credaudit_status_name(res->status), 0);
	cell(r, when, 0);
	render_puts(r, ",,");
	input_cells(r, rep);
}

static int
csv_report(struct credaudit_render *r, const struct credaudit_report *rep)
{
	const struct credaudit_error *e = credaudit_report_error(rep);
	struct buf ev = { 0 };
	char when[32];
	int64_t t;
	size_t i;

	as_of_text(rep, when, &t);
	if (e != NULL) {
		char pos[128];

		error_position(e, pos, sizeof(pos));
		ev.len = 0;
		if (buf_printf(&ev, "%s: %s", pos, e->text) == -1)
			return render_nomem(r);
		cell(r, credaudit_report_name(rep), 0);
		render_puts(r, ",,,,,");
		number(r, e->line);
		render_puts(r, ",");
		cell(r, ev.data, 0);
		buf_free(&ev);
		render_puts(r, "error,");
		cell(r, when, 0);
		render_puts(r, ",,");
		input_cells(r, rep);
		return r->failed ? -1 : 0;
	}
	for (i = 0; i < credaudit_report_finding_count(rep); i++) {
		const struct credaudit_finding *f = render_finding(r, rep, i);

		if (f == NULL || csv_finding(r, rep, f, when, &ev) == -1)
			break;
	}
	buf_free(&ev);
	/* a rule with findings has its rows above */
	for (i = 0; i < credaudit_report_result_count(rep); i++)
		if (credaudit_report_result(rep, i)->nfindings == 0)
			csv_result(r, rep, credaudit_report_result(rep, i), when);
	return r->failed ? -1 : 0;
}

const struct render_ops render_csv_ops = {
	"csv", "CSV table, one row per finding, spreadsheet-safe (docs/formats.md)",
	csv_begin, csv_report, NULL, NULL,
};
