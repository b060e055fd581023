/*
 * render_ocsf.c - OCSF 1.1.0 Detection Finding (class 2004), one JSON object
 * per line per finding, as security data lakes ingest it.  The mapping is
 * documented in docs/formats.md.  "time" is the as-of moment (never the
 * clock of the run), so output stays deterministic.
 */
#include <jansson.h>
#include <string.h>

#include "render/fmt.h"

#define OCSF_VERSION "1.1.0"
#define FLAGS (JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII)

/* OCSF severity_id: 1 Informational .. 5 Critical. */
static const char *const sev_label[] = {
	"Informational", "Low", "Medium", "High", "Critical"
};

static int
ocsf_begin(struct credaudit_render *r)
{
	(void)r;
	return 0;
}

static json_t *
finding_info(struct credaudit_render *r, const struct credaudit_report *rep,
             const struct credaudit_finding *f)
{
	const struct credaudit_rule_info *ri = credaudit_rule_find(f->rule);
	const char *title = ri ? ri->title : f->rule;
	struct buf key = { 0 };
	char fp[17];

	if (buf_printf(&key, "%s|%s|%s|%s", credaudit_report_account(rep), f->rule,
	               f->arn ? f->arn : "", f->credential ? f->credential : "") == -1)
		return NULL;
	fingerprint(key.data, fp);
	buf_free(&key);
	return json_pack("{s:s, s:s, s:o, s:[s], s:{s:s, s:s, s:i, s:s}}",
	                 "uid", fp, "title", title, "desc", jtext(r, f->message),
	                 "types", f->rule, "analytic", "uid", f->rule, "name", title,
	                 "type_id", 1, "type", "Rule");
}

/* OCSF's remediation object: {"desc": the rule's numbered steps and how
 * to verify the fix, as one text}. */
static json_t *
remediation(const struct credaudit_rule_info *ri)
{
	struct buf b = { 0 };
	json_t *o;
	size_t i;
	int rc = 0;

	if (ri == NULL)
		return json_null();
	for (i = 0; i < ri->nremediation; i++)
		rc |= buf_printf(&b, "%s%zu. %s", i ? " " : "", i + 1, ri->remediation[i]);
	if (ri->verification != NULL)
		rc |= buf_printf(&b, "%sVerification: %s", b.len ? " " : "", ri->verification);
	o = rc ? NULL : json_pack("{s:s%}", "desc", b.data ? b.data : "", b.len);
	buf_free(&b);
	return o;
}

/* null, or the waiver that matched f. */
static json_t *
waiver_json(struct credaudit_render *r, const struct credaudit_finding *f)
{
	const struct credaudit_waiver_use *w = &f->waiver;

	if (w->state == CREDAUDIT_WAIVER_NONE)
		return json_null();
	return json_pack("{s:s, s:I, s:o, s:o, s:o}", "status",
	                 credaudit_waiver_state_name(w->state), "entry",
	                 (json_int_t)w->entry, "justification", jtext(r, w->justification),
	                 "owner", jtext(r, w->owner), "expires", jtext(r, w->expires));
}

/* What OCSF has no attribute for: where in the input, the as-of moment in
 * words, the waiver, the input's evidence. */
static json_t *
unmapped(struct credaudit_render *r, const struct credaudit_report *rep,
         const struct credaudit_finding *f)
{
	const struct credaudit_input *in = credaudit_report_input(rep);
	char when[32];
	int64_t t;
	enum credaudit_asof_source src = as_of_text(rep, when, &t);
	json_t *o = json_pack("{s:o, s:I, s:s?, s:s, s:s?, s:s, s:o}",
	                      "file", jtext(r, credaudit_report_name(rep)),
	                      "line", (json_int_t)f->line, "credential", f->credential,
	                      "severity", credaudit_severity_name(f->severity),
	                      "as_of", when[0] ? when : NULL,
	                      "as_of_source", credaudit_asof_source_name(src),
	                      "waiver", waiver_json(r, f));

	if (o != NULL && f->baseline != CREDAUDIT_BASELINE_NONE &&
	    json_object_set_new(o, "baseline",
	                        json_string(credaudit_baseline_state_name(f->baseline))) == -1) {
		json_decref(o);
		return NULL;
	}
	if (o != NULL && in != NULL &&
	    json_object_set_new(o, "input", json_pack("{s:I, s:s, s:s?, s:b}", "size",
	                        (json_int_t)in->size, "sha256", in->sha256,
	                        "container", in->container, "complete", in->complete)) == -1) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *
finding_json(struct credaudit_render *r, const struct credaudit_report *rep,
             const struct credaudit_finding *f)
{
	json_t *o, *ev = json_object();
	int bad = ev == NULL;
	unsigned sev = (unsigned)f->severity < 5 ? (unsigned)f->severity : 0;
	int root = f->user != NULL && strcmp(f->user, "<root_account>") == 0;
	int64_t t;
	enum credaudit_asof_source src = credaudit_report_as_of(rep, &t);
	size_t i;

	for (i = 0; i < f->nevidence && !bad; i++)
		bad |= json_object_set_new(ev, f->evidence[i].name,
		                           jtext(r, f->evidence[i].value));
	o = json_pack("{s:i, s:s, s:i, s:s, s:i, s:s, s:I, s:s, s:i, s:s, s:i, s:s}",
	              "class_uid", 2004, "class_name", "Detection Finding",
	              "category_uid", 2, "category_name", "Findings",
	              "activity_id", 1, "activity_name", "Create",
	              "type_uid", (json_int_t)200401, "type_name",
	              "Detection Finding: Create", "severity_id", (int)sev + 1,
	              "severity", sev_label[sev], "status_id", WAIVED(f) ? 3 : 1,
	              "status", WAIVED(f) ? "Suppressed" : "New");
	if (o == NULL || bad) {
		json_decref(o);
		json_decref(ev);
		return NULL;
	}
	if (src != CREDAUDIT_ASOF_NONE)
		bad |= json_object_set_new(o, "time", json_integer((json_int_t)t * 1000));
	bad |= json_object_set_new(o, "message", jtext(r, f->message));
	if (WAIVED(f))
		bad |= json_object_set_new(o, "comment", jtext(r, f->waiver.justification));
	bad |= json_object_set_new(o, "metadata", json_pack(
		"{s:s, s:{s:s, s:s, s:s}}", "version", OCSF_VERSION, "product",
		"name", "credaudit", "vendor_name", "credaudit", "version",
		CREDAUDIT_VERSION));
	bad |= json_object_set_new(o, "finding_info", finding_info(r, rep, f));
	bad |= json_object_set_new(o, "cloud", json_pack(
		"{s:s, s:{s:o, s:i, s:s}}", "provider", "AWS", "account",
		"uid", jtext(r, credaudit_report_account(rep)), "type_id", 10,
		"type", "AWS Account"));
	bad |= json_object_set_new(o, "resources", json_pack(
		"[{s:s, s:o, s:o, s:o}]", "type", root ? "AWS::IAM::Root" : "AWS::IAM::User",
		"uid", jtext(r, f->arn), "name", jtext(r, f->user),
		"cloud_partition", jtext(r, credaudit_report_partition(rep))));
	bad |= json_object_set_new(o, "evidences", json_pack("[{s:o}]", "data", ev));
	bad |= json_object_set_new(o, "remediation", remediation(credaudit_rule_find(f->rule)));
	bad |= json_object_set_new(o, "unmapped", json_pack("{s:o}", "credaudit",
	                                                    unmapped(r, rep, f)));
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static int
ocsf_report(struct credaudit_render *r, const struct credaudit_report *rep)
{
	size_t i;

	if (credaudit_report_error(rep) != NULL)
		return 0;
	for (i = 0; i < credaudit_report_finding_count(rep); i++) {
		const struct credaudit_finding *f = render_finding(r, rep, i);

		if (f == NULL || render_json_dump(r, finding_json(r, rep, f), FLAGS, 0) == -1)
			return -1;
		render_puts(r, "\n");
	}
	return r->failed ? -1 : 0;
}

const struct render_ops render_ocsf_ops = {
	"ocsf", "OCSF Detection Finding (class 2004), one JSON object per line",
	ocsf_begin, ocsf_report, NULL, NULL,
};
