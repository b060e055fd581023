/* words.c - wording shared by the renderers (see words.h). */
#include <stdio.h>
#include <string.h>

#include "base/util.h"
#include "render/words.h"

void
fingerprint(const char *s, char out[17])
{
	uint64_t h = 14695981039346656037u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

enum credaudit_asof_source
as_of_text(const struct credaudit_report *rep, char when[32], int64_t *t)
{
	enum credaudit_asof_source src = credaudit_report_as_of(rep, t);

	when[0] = '\0';
	if (src != CREDAUDIT_ASOF_NONE)
		credaudit_time_format(*t, when, 32);
	return src;
}

const char *
as_of_words(enum credaudit_asof_source src)
{
	switch (src) {
	case CREDAUDIT_ASOF_OPTION: return "given with --as-of";
	case CREDAUDIT_ASOF_CLOCK: return "the clock, --as-of now";
	case CREDAUDIT_ASOF_GENERATED: return "the report's GeneratedTime";
	case CREDAUDIT_ASOF_MANIFEST: return "manifest, the input's as_of in --manifest";
	case CREDAUDIT_ASOF_REPORT_LATEST:
		return "latest timestamp in the report, a lower bound of when it "
		       "was generated";
	default: return "unknown: no timestamp in the report and no --as-of";
	}
}

int
rule_help(struct buf *out, const struct credaudit_rule_info *ri)
{
	size_t i;
	int rc = buf_printf(out, "%s.", ri->title);

	if (ri->risk != NULL)
		rc |= buf_printf(out, "\n\n%s", ri->risk);
	for (i = 0; i < ri->nremediation; i++)
		rc |= buf_printf(out, "%s%zu. %s", i ? "\n" : "\n\nRemediation:\n", i + 1,
		                 ri->remediation[i]);
	if (ri->verification != NULL)
		rc |= buf_printf(out, "\n\nVerification: %s", ri->verification);
	if (ri->limits != NULL)
		rc |= buf_printf(out, "\n\nLimits: %s", ri->limits);
	for (i = 0; i < ri->nrefs; i++)
		rc |= buf_printf(out, "%s%s %s", i ? "; " : "\n\nReferences: ",
		                 ri->refs[i].framework, ri->refs[i].id);
	return rc ? -1 : buf_addc(out, '\0') == -1 ? -1 : (out->len--, 0);
}

void
error_position(const struct credaudit_error *e, char *buf, size_t size)
{
	if (e->line == 0)
		snprintf(buf, size, "the input as a whole");
	else if (e->column == 0)
		snprintf(buf, size, "line %lu%s%s", e->line, e->where[0] ? " of the " : "",
		         e->where);
	else
		snprintf(buf, size, "line %lu, field %lu%s%s", e->line, e->column,
		         e->where[0] ? " of the " : "", e->where);
}

const char *
verdict_word(enum credaudit_verdict v)
{
	static const char *const words[] = { "PASS", "FAIL", "ERROR" };

	return (unsigned)v < 3 ? words[v] : "ERROR";
}

const char *
outcome_word(enum outcome o)
{
	static const char *const words[] = {
		"not selected", "PASS", "NOT EVALUATED", "WAIVED", "WARN", "FAIL"
	};

	return (unsigned)o <= OUTCOME_FAIL ? words[o] : "FAIL";
}

int
verdict_counts(struct buf *out, size_t findings, size_t waived, size_t below,
               enum credaudit_severity fail_on, size_t not_evaluated)
{
	const char *sep = " (";
	int rc = 0;

	if (findings > 0) {
		rc |= buf_printf(out, "%s%zu finding%s", sep, findings, findings == 1 ? "" : "s");
		sep = ", ";
	}
	if (waived > 0) {
		rc |= buf_printf(out, "%s%zu waived", sep, waived);
		sep = ", ";
	}
	if (below > 0) {
		rc |= buf_printf(out, "%s%zu below --fail-on %s", sep, below,
		                 credaudit_severity_name(fail_on));
		sep = ", ";
	}
	if (not_evaluated > 0) {
		rc |= buf_printf(out, "%s%zu rule%s not evaluated", sep, not_evaluated,
		                 not_evaluated == 1 ? "" : "s");
		sep = ", ";
	}
	if (sep[0] == ',')
		rc |= buf_addc(out, ')');
	return rc ? -1 : 0;
}

int
report_counts(struct buf *out, const struct credaudit_report *rep,
              enum credaudit_severity fail_on)
{
	size_t i, blocking = 0, notev = 0, unchanged = 0, n = credaudit_report_finding_count(rep);
	size_t waived = credaudit_report_waived(rep);

	for (i = 0; i < credaudit_report_result_count(rep); i++) {
		const struct credaudit_result *res = credaudit_report_result(rep, i);

		blocking += res->nblocking;
		notev += res->status == CREDAUDIT_NOT_EVALUATED;
	}
	for (i = 0; i < n; i++) {
		const struct credaudit_finding *f = credaudit_report_finding(rep, i);

		unchanged += (size_t)finding_kept_by_baseline(f);
	}
	if (verdict_counts(out, n, waived, n - waived - blocking - unchanged, fail_on,
	                   notev) == -1)
		return -1;
	/* findings seen in the baseline do not count either: say so */
	if (unchanged > 0 && out->len > 0 && out->data[out->len - 1] == ')') {
		out->len--;
		return buf_printf(out, ", %zu unchanged since the baseline)", unchanged);
	}
	return 0;
}
