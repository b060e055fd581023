/*
 * render_ocsf.c - OCSF 1.5.0 events, one JSON object per line, as security
 * data lakes ingest them: per audited input a Compliance Finding (class
 * 2003) for every selected rule (pass, fail, waived, not evaluated: the
 * coverage), then a Detection Finding (class 2004) per finding; per input
 * that could not be audited one Compliance Finding whose compliance status
 * is "Error".  Every event carries the cloud profile.  The mapping is
 * documented in docs/formats.md.  "time" is the as-of moment (never the
 * clock of the run), so output stays deterministic.
 */
#include <jansson.h>
#include <string.h>

#include "render/fmt.h"

#define OCSF_VERSION "1.5.0"
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

/*
 * The event's time in milliseconds: the report's as-of moment; for a
 * report without one (an input that could not be audited, no --as-of), the
 * latest as-of moment of the run so far; else 0.  *src says which
 * ("as_of", "run_latest_as_of", "none").  Never the clock of the run.
 */
static json_int_t
event_time(struct credaudit_render *r, const struct credaudit_report *rep,
           const char **src)
{
	int64_t t = 0, best = 0;
	int have = 0;
	size_t i;

	if (credaudit_report_as_of(rep, &t) != CREDAUDIT_ASOF_NONE) {
		*src = "as_of";
		return (json_int_t)t * 1000;
	}
	for (i = 0; i < r->sum->n; i++)
		if (r->sum->a[i].have_period && (!have || r->sum->a[i].to > best)) {
			best = r->sum->a[i].to;
			have = 1;
		}
	*src = have ? "run_latest_as_of" : "none";
	return (json_int_t)best * 1000;
}

/* The attributes every event has: class, category, activity (Create),
 * type, severity, time, metadata (with the cloud profile) and cloud. */
static json_t *
event_base(struct credaudit_render *r, const struct credaudit_report *rep,
           int detection, unsigned sev, const char **time_src)
{
	const char *acct = credaudit_report_account(rep);
	json_t *o, *cloud;

	sev = sev < 5 ? sev : 0;
	o = json_pack("{s:i, s:s, s:i, s:s, s:i, s:s, s:I, s:s, s:i, s:s, s:I}",
	              "class_uid", detection ? 2004 : 2003, "class_name",
	              detection ? "Detection Finding" : "Compliance Finding",
	              "category_uid", 2, "category_name", "Findings",
	              "activity_id", 1, "activity_name", "Create",
	              "type_uid", (json_int_t)(detection ? 200401 : 200301), "type_name",
	              detection ? "Detection Finding: Create" : "Compliance Finding: Create",
	              "severity_id", (int)sev + 1, "severity", sev_label[sev],
	              "time", event_time(r, rep, time_src));
	cloud = acct == NULL ? json_pack("{s:s}", "provider", "AWS")
	                     : json_pack("{s:s, s:{s:o, s:i, s:s}}", "provider", "AWS",
	                                 "account", "uid", jtext(r, acct), "type_id", 10,
	                                 "type", "AWS Account");
	if (o == NULL || json_object_set_new(o, "metadata", json_pack(
	        "{s:s, s:{s:s, s:s, s:s}, s:[s]}", "version", OCSF_VERSION, "product",
	        "name", "credaudit", "vendor_name", "credaudit", "version",
	        CREDAUDIT_VERSION, "profiles", "cloud")) == -1) {
		json_decref(o);
		json_decref(cloud);
		return NULL;
	}
	if (json_object_set_new(o, "cloud", cloud) == -1) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* Set key of o to v (consumed); o is released when that fails. */
static json_t *
put(json_t *o, const char *key, json_t *v)
{
	if (o != NULL && json_object_set_new(o, key, v) == 0)
		return o;
	if (o == NULL)
		json_decref(v);
	json_decref(o);
	return NULL;
}

static json_t *
finding_json(struct credaudit_render *r, const struct credaudit_report *rep,
             const struct credaudit_finding *f)
{
	json_t *o, *ev = json_object();
	int bad = ev == NULL;
	int root = f->user != NULL && strcmp(f->user, "<root_account>") == 0;
	const char *tsrc;
	size_t i;

	for (i = 0; i < f->nevidence && !bad; i++)
		bad |= json_object_set_new(ev, f->evidence[i].name,
		                           jtext(r, f->evidence[i].value));
	o = event_base(r, rep, 1, (unsigned)f->severity, &tsrc);
	if (o == NULL || bad) {
		json_decref(o);
		json_decref(ev);
		return NULL;
	}
	bad |= json_object_set_new(o, "status_id", json_integer(WAIVED(f) ? 3 : 1));
	bad |= json_object_set_new(o, "status", json_string(WAIVED(f) ? "Suppressed" : "New"));
	bad |= json_object_set_new(o, "message", jtext(r, f->message));
	if (WAIVED(f))
		bad |= json_object_set_new(o, "comment", jtext(r, f->waiver.justification));
	bad |= json_object_set_new(o, "finding_info", finding_info(r, rep, f));
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

/* A rule's references as OCSF compliance standards (distinct frameworks)
 * and requirements ("FRAMEWORK ID"). */
static json_t *
compliance_refs(json_t *c, const struct credaudit_rule_info *ri)
{
	json_t *std = json_array(), *req = json_array();
	struct buf b = { 0 };
	size_t i, j;
	int bad = std == NULL || req == NULL;

	for (i = 0; i < ri->nrefs && !bad; i++) {
		for (j = 0; j < i && strcmp(ri->refs[j].framework, ri->refs[i].framework); j++)
			;
		if (j == i)
			bad |= json_array_append_new(std, json_string(ri->refs[i].framework));
		b.len = 0;
		bad |= buf_printf(&b, "%s %s", ri->refs[i].framework, ri->refs[i].id) ||
		       json_array_append_new(req, json_stringn(b.data, b.len));
	}
	buf_free(&b);
	if (!bad && json_array_size(std) == 0)
		bad |= json_array_append_new(std, json_string("credaudit"));
	if (bad) {
		json_decref(std);
		json_decref(req);
		json_decref(c);
		return NULL;
	}
	c = put(c, "standards", std);
	return put(c, "requirements", req);
}

/*
 * The compliance object of a rule's result: status_id Pass (1), Warning
 * (2: not evaluated, no result for lack of information), Fail (3), or
 * Other (99) "Waived" (every finding an accepted risk: never a pass);
 * status_code is credaudit's status word, status_details why.
 */
static json_t *
compliance_json(struct credaudit_render *r, const struct credaudit_result *res,
                const struct credaudit_rule_info *ri)
{
	static const int ids[] = { 1, 3, 2, 99 };
	static const char *const words[] = { "Pass", "Fail", "Warning", "Waived" };
	unsigned st = (unsigned)res->status < 4 ? (unsigned)res->status : 1;
	json_t *c = json_pack("{s:s, s:i, s:s, s:s}", "control", res->rule,
	                      "status_id", ids[st], "status", words[st], "status_code",
	                      credaudit_status_name(res->status));

	if (res->reason != NULL)
		c = put(c, "status_details", json_pack("[o]", jtext(r, res->reason)));
	return compliance_refs(c, ri);
}

/* A Compliance Finding for one selected rule on an audited report. */
static json_t *
result_json(struct credaudit_render *r, const struct credaudit_report *rep,
            const struct credaudit_result *res)
{
	const struct credaudit_rule_info *ri = credaudit_rule_find(res->rule);
	const char *acct = credaudit_report_account(rep), *part, *tsrc;
	int failing = res->status == CREDAUDIT_FAIL || res->status == CREDAUDIT_WAIVED;
	struct buf b = { 0 };
	char fp[17];
	json_t *o;

	if (ri == NULL)
		return NULL;
	part = credaudit_report_partition(rep);
	o = event_base(r, rep, 0, failing ? (unsigned)ri->severity : 0, &tsrc);
	if (buf_printf(&b, "%s|%s", acct ? acct : "", res->rule) == -1) {
		json_decref(o);
		return NULL;
	}
	fingerprint(b.data, fp);
	b.len = 0;
	if (failing)
		o = put(o, "status_id", json_integer(res->status == CREDAUDIT_WAIVED ? 3 : 1));
	if (failing)
		o = put(o, "status", json_string(res->status == CREDAUDIT_WAIVED ?
		                                 "Suppressed" : "New"));
	if (buf_printf(&b, "%s: %s: %s", res->rule, credaudit_status_name(res->status),
	               ri->title) == -1) {
		json_decref(o);
		buf_free(&b);
		return NULL;
	}
	o = put(o, "message", json_stringn(b.data, b.len));
	buf_free(&b);
	o = put(o, "finding_info", json_pack("{s:s, s:s, s:[s], s:{s:s, s:s, s:i, s:s}}",
	        "uid", fp, "title", ri->title, "types", res->rule, "analytic", "uid",
	        res->rule, "name", ri->title, "type_id", 1, "type", "Rule"));
	o = put(o, "compliance", compliance_json(r, res, ri));
	if (acct != NULL && part != NULL) {
		b.len = 0;
		if (buf_printf(&b, "arn:%s:iam::%s:root", part, acct) == -1) {
			json_decref(o);
			return NULL;
		}
		o = put(o, "resources", json_pack("[{s:s, s:o, s:o}]", "type", "AWS::::Account",
		        "uid", jtext(r, b.data), "cloud_partition", jtext(r, part)));
		buf_free(&b);
	}
	o = put(o, "remediation", remediation(ri));
	return put(o, "unmapped", json_pack("{s:{s:o, s:s, s:I, s:I, s:I, s:s?, s:s}}",
	        "credaudit", "file", jtext(r, credaudit_report_name(rep)), "status",
	        credaudit_status_name(res->status), "findings", (json_int_t)res->nfindings,
	        "waived", (json_int_t)res->nwaived, "blocking", (json_int_t)res->nblocking,
	        "clause", res->clause, "time_source", tsrc));
}

/* The evidence of an input, or null when it could not be opened. */
static json_t *
input_json(const struct credaudit_report *rep)
{
	const struct credaudit_input *in = credaudit_report_input(rep);

	if (in == NULL)
		return json_null();
	return json_pack("{s:I, s:s, s:s?, s:b}", "size", (json_int_t)in->size,
	                 "sha256", in->sha256, "container", in->container,
	                 "complete", in->complete);
}

/*
 * An input that could not be audited: a Compliance Finding of severity
 * High, compliance status Other (99) "Error", with the reason, so that a
 * SIEM sees the evidence it does not have.
 */
static json_t *
error_json(struct credaudit_render *r, const struct credaudit_report *rep)
{
	const struct credaudit_error *e = credaudit_report_error(rep);
	const struct credaudit_input *in = credaudit_report_input(rep);
	const char *tsrc;
	char pos[128], fp[17];
	struct buf b = { 0 };
	json_t *o = event_base(r, rep, 0, CREDAUDIT_SEV_HIGH, &tsrc);

	error_position(e, pos, sizeof(pos));
	if (buf_printf(&b, "error|%s|%s", credaudit_report_name(rep),
	               in ? in->sha256 : "") == -1) {
		json_decref(o);
		return NULL;
	}
	fingerprint(b.data, fp);
	b.len = 0;
	if (buf_printf(&b, "%s: %s", pos, e->text) == -1) {
		json_decref(o);
		buf_free(&b);
		return NULL;
	}
	o = put(o, "status_id", json_integer(1));
	o = put(o, "status", json_string("New"));
	o = put(o, "message", jtext(r, b.data));
	o = put(o, "finding_info", json_pack("{s:s, s:s, s:o, s:[s]}", "uid", fp,
	        "title", "Input could not be audited", "desc", jtext(r, b.data),
	        "types", "input-error"));
	o = put(o, "compliance", json_pack("{s:[s], s:s, s:i, s:s, s:s, s:[o]}",
	        "standards", "credaudit", "control", "input", "status_id", 99,
	        "status", "Error", "status_code", "error", "status_details",
	        jtext(r, b.data)));
	buf_free(&b);
	return put(o, "unmapped", json_pack("{s:{s:o, s:{s:i, s:I, s:I, s:s, s:o}, s:o, s:s}}",
	        "credaudit", "file", jtext(r, credaudit_report_name(rep)), "error",
	        "code", e->code, "line", (json_int_t)e->line, "column",
	        (json_int_t)e->column, "where", e->where, "text", jtext(r, e->text),
	        "input", input_json(rep), "time_source", tsrc));
}

static int
emit(struct credaudit_render *r, json_t *v)
{
	if (render_json_dump(r, v, FLAGS, 0) == -1)
		return -1;
	return render_puts(r, "\n");
}

static int
ocsf_report(struct credaudit_render *r, const struct credaudit_report *rep)
{
	size_t i;

	if (credaudit_report_error(rep) != NULL)
		return emit(r, error_json(r, rep));
	for (i = 0; i < credaudit_report_result_count(rep); i++)
		if (emit(r, result_json(r, rep, credaudit_report_result(rep, i))) == -1)
			return -1;
	for (i = 0; i < credaudit_report_finding_count(rep); i++) {
		const struct credaudit_finding *f = render_finding(r, rep, i);

		if (f == NULL || emit(r, finding_json(r, rep, f)) == -1)
			return -1;
	}
	return r->failed ? -1 : 0;
}

const struct render_ops render_ocsf_ops = {
	"ocsf", "OCSF 1.5.0: a Compliance Finding (2003) per rule and input, a "
	"Detection Finding (2004) per finding; one JSON object per line",
	ocsf_begin, ocsf_report, NULL, NULL,
};
