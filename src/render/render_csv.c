/*
 * render_csv.c - one CSV table for all inputs (docs/formats.md): a row per
 * finding, per rule that passed or was not evaluated, and per input that
 * could not be audited.  A finding's status is "fail", or "waived" under an
 * applied waiver; whether it counts against --fail-on follows from its
 * severity (the verdict is the other formats').  RFC 4180 quoting, CRLF line ends, and every cell
 * that holds report text is neutralised against spreadsheet formulas.  A
 * 12-digit account id is written as the AWS console shows it,
 * 0123-4567-8901: a spreadsheet (LibreOffice's default import) reads bare
 * digits as a number and drops the leading zero.  The rule's title,
 * references and remediation close each row; --csv-bom puts a UTF-8 byte
 * order mark first, for Excel.
 */
#include <stdio.h>
#include <string.h>

#include "render/fmt.h"

#define HEADER "file,account,rule,severity,user,arn,line,credential,message," \
	       "status,as_of,evidence,waiver,sha256,container,title,references," \
	       "remediation\r\n"

/* The renderer's state: the cells that depend on the rule alone, made
 * once per run (they close every row, and are most of its bytes). */
struct csv {
	const struct credaudit_rule_info **rule;   /* the rules seen so far */
	struct buf *text;        /* ... and their title, references and
	                          * remediation cells with the line end */
	size_t n, cap;
};

/* s as one cell and its separator (',' or the line end) onto b. */
static int
cell_in(struct buf *b, const char *s, int last)
{
	if (esc_csv(b, s ? s : "", 1) == -1 || buf_adds(b, last ? "\r\n" : ",") == -1)
		return -1;
	return 0;
}

/* One cell and its separator. */
static void
cell(struct credaudit_render *r, const char *s, int last)
{
	r->scratch.len = 0;
	if (cell_in(&r->scratch, s, last) == -1) {
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

/* The account cell: a 12-digit id in the AWS console's form, four digits
 * a group (a spreadsheet keeps it as text, leading zeros included); any
 * other id as written. */
static void
account_cell(struct credaudit_render *r, const char *a)
{
	char grouped[16];

	if (a != NULL && strlen(a) == 12 && strspn(a, "0123456789") == 12) {
		snprintf(grouped, sizeof(grouped), "%.4s-%.4s-%.4s", a, a + 4, a + 8);
		a = grouped;
	}
	cell(r, a, 0);
}

/* The title, references ("framework: clause; ...") and remediation
 * (numbered steps and the verification, a line each) cells of rule ri,
 * and the line end, onto out.  0 or -1. */
static int
rule_text(struct buf *out, const struct credaudit_rule_info *ri)
{
	struct buf b = { 0 };
	size_t i;
	int rc = cell_in(out, ri ? ri->title : "", 0);

	for (i = 0; ri != NULL && i < ri->nrefs; i++)
		rc |= buf_printf(&b, "%s%s: %s", i ? "; " : "", ri->refs[i].framework,
		                 ri->refs[i].id);
	rc |= buf_addc(&b, '\0');
	rc |= rc ? 0 : cell_in(out, b.data, 0);
	b.len = 0;
	for (i = 0; ri != NULL && i < ri->nremediation; i++)
		rc |= buf_printf(&b, "%s%zu. %s", i ? "\n" : "", i + 1, ri->remediation[i]);
	if (ri != NULL && ri->verification != NULL)
		rc |= buf_printf(&b, "\nverification: %s", ri->verification);
	rc |= buf_addc(&b, '\0');
	rc |= rc ? 0 : cell_in(out, b.data, 1);
	buf_free(&b);
	return rc ? -1 : 0;
}

/* Rule ri's closing cells, made the first time the run meets it. */
static void
rule_cells(struct credaudit_render *r, const struct credaudit_rule_info *ri)
{
	struct csv *c = r->priv;
	size_t i;

	for (i = 0; i < c->n && c->rule[i] != ri; i++)
		;
	if (i == c->n) {
		if (c->n == c->cap) {
			size_t cap = c->cap ? c->cap * 2 : 16;
			const struct credaudit_rule_info **rule =
				ca_realloc(c->rule, cap * sizeof(*rule));
			struct buf *text;

			if (rule != NULL)
				c->rule = rule;
			if (rule == NULL ||
			    (text = ca_realloc(c->text, cap * sizeof(*text))) == NULL) {
				render_nomem(r);
				return;
			}
			c->text = text;
			c->cap = cap;
		}
		memset(&c->text[i], 0, sizeof(c->text[i]));
		if (rule_text(&c->text[i], ri) == -1) {
			buf_free(&c->text[i]);
			render_nomem(r);
			return;
		}
		c->rule[i] = ri;
		c->n++;
	}
	render_write(r, c->text[i].data, c->text[i].len);
}

/* The input's cells (SHA-256, decoding chain), then the rule's. */
static void
input_cells(struct credaudit_render *r, const struct credaudit_report *rep,
            const char *rule)
{
	const struct credaudit_input *in = credaudit_report_input(rep);

	cell(r, in ? in->sha256 : "", 0);
	cell(r, in ? in->container : "", 0);
	rule_cells(r, rule ? credaudit_rule_find(rule) : NULL);
}

static int
csv_begin(struct credaudit_render *r)
{
	if ((r->priv = ca_calloc(1, sizeof(struct csv))) == NULL)
		return -1;
	if (r->opts.csv_bom)
		render_puts(r, "\xEF\xBB\xBF");
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
	account_cell(r, credaudit_report_account(rep));
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
	input_cells(r, rep, f->rule);
	return r->failed ? -1 : 0;
}

/* A row for a rule that passed or was not evaluated. */
static void
csv_result(struct credaudit_render *r, const struct credaudit_report *rep,
           const struct credaudit_result *res, const char *when)
{
	const struct credaudit_rule_info *ri = credaudit_rule_find(res->rule);

	cell(r, credaudit_report_name(rep), 0);
	account_cell(r, credaudit_report_account(rep));
	cell(r, res->rule, 0);
	cell(r, ri ? credaudit_severity_name(ri->severity) : "", 0);
	render_puts(r, ",,,,");
	cell(r, res->reason ? res->reason : "", 0);
	cell(r, credaudit_status_name(res->status), 0);
	cell(r, when, 0);
	render_puts(r, ",,");
	input_cells(r, rep, res->rule);
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
		input_cells(r, rep, NULL);
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

static void
csv_cleanup(void *priv)
{
	struct csv *c = priv;
	size_t i;

	for (i = 0; i < c->n; i++)
		buf_free(&c->text[i]);
	ca_free(c->text);
	ca_free(c->rule);
	ca_free(c);
}

const struct render_ops render_csv_ops = {
	"csv", "CSV table, one row per finding, spreadsheet-safe (docs/formats.md)",
	csv_begin, csv_report, NULL, csv_cleanup,
};
