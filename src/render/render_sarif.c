/*
 * render_sarif.c - SARIF 2.1.0 (docs/formats.md), one run for all inputs,
 * built with jansson.  Results are written as each report is rendered; the
 * artifacts (one per input, small) and the invocation are kept for the end,
 * where SARIF allows them after the results.
 */
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"
#include "render/fmt.h"

#define SARIF_SCHEMA \
	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
#define FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII)

struct sarif {
	json_t *artifacts;       /* one per input, in order */
	json_t *notifications;   /* one per input that could not be audited */
	size_t nresults;
	char cwd[PATH_MAX];      /* "" when unknown */
	struct buf uri;
	const char *container;   /* of the input being rendered, NULL: plain */
};

/* error for critical and high, warning for medium, note below. */
static const char *
level(enum credaudit_severity sev)
{
	return sev >= CREDAUDIT_SEV_HIGH ? "error" :
	       sev == CREDAUDIT_SEV_MEDIUM ? "warning" : "note";
}

/* GitHub code scanning's numeric severity (its bands: 9+ critical, 7+ high,
 * 4+ medium, else low). */
static const char *
security_severity(enum credaudit_severity sev)
{
	static const char *const v[] = { "0.0", "2.0", "5.0", "8.0", "9.5" };

	return (unsigned)sev < 5 ? v[sev] : "0.0";
}

static json_t *
rule_json(const struct credaudit_rule_info *ri)
{
	json_t *refs = json_array();
	struct buf help = { 0 };
	size_t i;
	json_t *o;
	int bad = refs == NULL || rule_help(&help, ri) == -1;

	for (i = 0; i < ri->nrefs && !bad; i++)
		bad |= json_array_append_new(refs, json_sprintf("%s: %s",
		                             ri->refs[i].framework, ri->refs[i].id));
	if (bad) {
		json_decref(refs);
		buf_free(&help);
		return NULL;
	}
	o = json_pack("{s:s, s:s, s:{s:s}, s:{s:s}, s:{s:s%}, s:{s:s}, "
	              "s:{s:[s], s:s, s:s, s:o}}",
	              "id", ri->id, "name", ri->id,
	              "shortDescription", "text", ri->title,
	              "fullDescription", "text", ri->risk ? ri->risk : ri->title,
	              "help", "text", help.data, help.len,
	              "defaultConfiguration", "level", level(ri->severity),
	              "properties", "tags", "security", "severity",
	              credaudit_severity_name(ri->severity), "security-severity",
	              security_severity(ri->severity), "references", refs);
	buf_free(&help);
	return o;
}

static int
sarif_begin(struct credaudit_render *r)
{
	struct sarif *s = ca_calloc(1, sizeof(*s));
	json_t *rules = json_array();
	size_t i;

	if (s == NULL || rules == NULL) {
		ca_free(s);
		json_decref(rules);
		return -1;
	}
	r->priv = s;
	s->artifacts = json_array();
	s->notifications = json_array();
	if (s->artifacts == NULL || s->notifications == NULL)
		return json_decref(rules), -1;
	if (getcwd(s->cwd, sizeof(s->cwd)) == NULL)
		s->cwd[0] = '\0';
	for (i = 0; i < credaudit_rule_count(); i++)
		if (json_array_append_new(rules, rule_json(credaudit_rule_get(i))) == -1)
			return json_decref(rules), -1;
	render_printf(r, "{\n  \"$schema\": \"%s\",\n  \"version\": \"2.1.0\",\n"
	              "  \"runs\": [\n    {\n      \"tool\": ", SARIF_SCHEMA);
	render_json_dump(r, json_pack("{s:{s:s, s:s, s:s, s:o}}", "driver", "name", "credaudit",
	                   "version", CREDAUDIT_VERSION, "semanticVersion",
	                   CREDAUDIT_VERSION, "rules", rules), FLAGS, 6);
	return render_puts(r, ",\n      \"results\": [");
}

static size_t
rule_index(const char *id)
{
	size_t i;

	for (i = 0; i < credaudit_rule_count(); i++)
		if (strcmp(credaudit_rule_get(i)->id, id) == 0)
			return i;
	return 0;
}

/* {"physicalLocation": {"artifactLocation": {...}, "region": {...}}} */
static json_t *
location(struct sarif *s, size_t index, unsigned long line)
{
	json_t *loc = json_pack("{s:{s:{s:s%, s:I}}}", "physicalLocation",
	                        "artifactLocation", "uri", s->uri.data, s->uri.len,
	                        "index", (json_int_t)index);

	if (loc != NULL && line > 0 &&
	    json_object_set_new(json_object_get(loc, "physicalLocation"), "region",
	                        json_pack("{s:I}", "startLine", (json_int_t)line)) == -1) {
		json_decref(loc);
		return NULL;
	}
	/* inside a container the line is one of the decoded CSV: say so */
	if (loc != NULL && s->container != NULL &&
	    json_object_set_new(json_object_get(loc, "physicalLocation"), "properties",
	                        json_pack("{s:s, s:s}", "container", s->container,
	                                  "lineCountsIn", "the decoded CSV")) == -1) {
		json_decref(loc);
		return NULL;
	}
	return loc;
}

/*
 * The waiver that matched f, if any, into result o: properties.waiver, and
 * when it applies a suppression (accepted, with its justification) so that
 * code scanning shows the finding as dismissed.  0 or -1.
 */
static int
add_waiver(struct credaudit_render *r, const struct credaudit_finding *f, json_t *o)
{
	json_t *w;

	if (f->waiver.state == CREDAUDIT_WAIVER_NONE)
		return 0;
	w = json_pack("{s:s, s:I, s:o, s:o}", "status",
	              credaudit_waiver_state_name(f->waiver.state), "entry",
	              (json_int_t)f->waiver.entry, "owner", jtext(r, f->waiver.owner),
	              "expires", jtext(r, f->waiver.expires));
	if (w == NULL ||
	    json_object_set_new(w, "justification", jtext(r, f->waiver.justification)) == -1 ||
	    json_object_set(json_object_get(o, "properties"), "waiver", w) == -1 ||
	    (WAIVED(f) && json_object_set_new(o, "suppressions", json_pack(
		    "[{s:s, s:s, s:O, s:{s:O, s:O, s:O}}]", "kind", "external",
		    "status", "accepted", "justification",
		    json_object_get(w, "justification"), "properties", "owner",
		    json_object_get(w, "owner"), "expires", json_object_get(w, "expires"),
		    "entry", json_object_get(w, "entry"))) == -1)) {
		json_decref(w);
		return -1;
	}
	json_decref(w);
	return 0;
}

static json_t *
result_json(struct credaudit_render *r, const struct credaudit_report *rep,
            const struct credaudit_finding *f, size_t index)
{
	struct sarif *s = r->priv;
	json_t *ev = json_object(), *o;
	struct buf key = { 0 };
	char fp[17];
	size_t i;
	int bad = ev == NULL;

	for (i = 0; i < f->nevidence && !bad; i++)
		bad |= json_object_set_new(ev, f->evidence[i].name,
		                           jtext(r, f->evidence[i].value));
	if (bad) {
		json_decref(ev);
		return NULL;
	}
	if (buf_printf(&key, "%s|%s|%s|%s", credaudit_report_account(rep), f->rule,
	               f->arn ? f->arn : "", f->credential ? f->credential : "") == -1) {
		json_decref(ev);
		return NULL;
	}
	fingerprint(key.data, fp);
	buf_free(&key);
	o = json_pack("{s:s, s:I, s:s, s:{s:o}, s:[o], s:{s:s}, "
	              "s:{s:s, s:o, s:o, s:o, s:s?, s:o}}",
	              "ruleId", f->rule, "ruleIndex", (json_int_t)rule_index(f->rule),
	              "level", level(f->severity), "message", "text",
	              jtext(r, f->message), "locations", location(s, index, f->line),
	              "partialFingerprints", "credauditFinding/v1", fp, "properties",
	              "severity", credaudit_severity_name(f->severity), "account",
	              jtext(r, credaudit_report_account(rep)), "user", jtext(r, f->user),
	              "arn", jtext(r, f->arn), "credential", f->credential,
	              "evidence", ev);
	if (o != NULL && add_waiver(r, f, o) == -1) {
		json_decref(o);
		return NULL;
	}
	if (o != NULL && f->baseline != CREDAUDIT_BASELINE_NONE &&
	    json_object_set_new(o, "baselineState",
	                        json_string(credaudit_baseline_state_name(f->baseline))) == -1) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/*
 * A finding of the baseline not found again: a result with baselineState
 * "absent" (SARIF 2.1.0, 3.27.24), its fingerprint that of the finding
 * when it was found, no location (the input it was in is not in this run).
 */
static json_t *
absent_json(struct credaudit_render *r, const struct credaudit_resolved *f)
{
	struct buf key = { 0 }, text = { 0 };
	char fp[17];
	json_t *o = NULL;

	if (buf_printf(&key, "%s|%s|%s|%s", f->account, f->rule, f->arn ? f->arn : "",
	               f->credential ? f->credential : "") == 0 &&
	    buf_printf(&text, "resolved since the baseline: %s of %s%s%s", f->rule,
	               f->user, f->credential ? ", " : "",
	               f->credential ? f->credential : "") == 0) {
		fingerprint(key.data, fp);
		o = json_pack("{s:s, s:I, s:s, s:s, s:{s:o}, s:{s:s}, "
		              "s:{s:s, s:o, s:o, s:o, s:s?, s:o}}",
		              "ruleId", f->rule, "ruleIndex", (json_int_t)rule_index(f->rule),
		              "kind", "pass", "baselineState", "absent", "message", "text",
		              jtext(r, text.data), "partialFingerprints", "credauditFinding/v1",
		              fp, "properties", "severity", credaudit_severity_name(f->severity),
		              "account", jtext(r, f->account), "user", jtext(r, f->user),
		              "arn", f->arn ? jtext(r, f->arn) : json_null(),
		              "credential", f->credential, "baselineFile", jtext(r, f->file));
	}
	buf_free(&key);
	buf_free(&text);
	return o;
}

/* The input's own facts, kept in its artifact's properties. */
static json_t *
input_properties(struct credaudit_render *r, const struct credaudit_report *rep)
{
	json_t *results = json_array();
	int bad = results == NULL;
	char when[32];
	int64_t t;
	enum credaudit_asof_source src = as_of_text(rep, when, &t);
	size_t i;

	for (i = 0; i < credaudit_report_result_count(rep); i++) {
		const struct credaudit_result *res = credaudit_report_result(rep, i);

		bad |= json_array_append_new(results, json_pack("{s:s, s:s, s:I, s:I, s:s?, s:s?}",
		                             "rule", res->rule, "status",
		                             credaudit_status_name(res->status), "findings",
		                             (json_int_t)res->nfindings, "waived",
		                             (json_int_t)res->nwaived, "reason", res->reason,
		                             "clause", res->clause));
	}
	if (bad) {
		json_decref(results);
		return NULL;
	}
	return json_pack("{s:s, s:o, s:o, s:I, s:I, s:{s:s?, s:s}, s:s, s:o}",
	                 "status", "audited",
	                 "account", jtext(r, credaudit_report_account(rep)),
	                 "partition", jtext(r, credaudit_report_partition(rep)),
	                 "rows", (json_int_t)credaudit_report_rows(rep),
	                 "rootLine", (json_int_t)credaudit_report_root_line(rep),
	                 "asOf", "time", when[0] ? when : NULL, "source",
	                 credaudit_asof_source_name(src),
	                 "verdict", credaudit_verdict_name(credaudit_report_verdict(rep)),
	                 "results", results);
}

/* An input that could not be audited: the error and the as-of moment as
 * far as it is known (--as-of, GeneratedTime). */
static json_t *
error_properties(struct credaudit_render *r, const struct credaudit_report *rep,
                 const struct credaudit_error *e)
{
	char when[32];
	int64_t t;
	enum credaudit_asof_source src = as_of_text(rep, when, &t);

	return json_pack("{s:s, s:o, s:{s:s?, s:s}}", "status", "error", "error",
	                 jtext(r, e->text), "asOf", "time", when[0] ? when : NULL,
	                 "source", credaudit_asof_source_name(src));
}

static int
error_notification(struct credaudit_render *r, const struct credaudit_error *e,
                   size_t index)
{
	struct sarif *s = r->priv;
	json_t *loc = location(s, index, e->line);

	if (loc != NULL &&
	    json_object_set_new(loc, "properties",
	                        json_pack("{s:I, s:s?}", "csvField", (json_int_t)e->column,
	                                  "within", e->where[0] ? e->where : NULL)) == -1) {
		json_decref(loc);
		return -1;
	}
	return json_array_append_new(s->notifications,
	                             json_pack("{s:s, s:{s:o}, s:[o]}", "level", "error",
	                                       "message", "text", jtext(r, e->text),
	                                       "locations", loc));
}

static int
sarif_report(struct credaudit_render *r, const struct credaudit_report *rep)
{
	struct sarif *s = r->priv;
	const struct credaudit_error *e = credaudit_report_error(rep);
	const char *name = credaudit_report_name(rep);
	const struct credaudit_input *in = credaudit_report_input(rep);
	size_t i, index = json_array_size(s->artifacts);
	json_t *props, *art;

	s->uri.len = 0;
	if (path_uri(&s->uri, name, s->cwd[0] ? s->cwd : NULL) == -1)
		return render_nomem(r);
	s->container = in != NULL && in->container != NULL &&
	               strcmp(in->container, "csv") != 0 ? in->container : NULL;
	props = e ? error_properties(r, rep, e) : input_properties(r, rep);
	if (props != NULL && strcmp(name, "-") == 0 &&
	    json_object_set_new(props, "standardInput", json_true()) == -1)
		return json_decref(props), render_nomem(r);
	if (props != NULL && in != NULL &&
	    json_object_set_new(props, "input", json_pack("{s:s?, s:b, s:s?}",
	                        "container", in->container, "complete", in->complete,
	                        "toolVersion", in->tool_version)) == -1)
		return json_decref(props), render_nomem(r);
	art = json_pack("{s:{s:s%}, s:o}", "location", "uri", s->uri.data, s->uri.len,
	                "properties", props);
	if (art != NULL && in != NULL &&
	    (json_object_set_new(art, "length", json_integer((json_int_t)in->size)) == -1 ||
	     json_object_set_new(art, "hashes", json_pack("{s:s}", "sha-256",
	                                                  in->sha256)) == -1))
		return json_decref(art), render_nomem(r);
	if (json_array_append_new(s->artifacts, art) == -1)
		return render_nomem(r);
	if (e != NULL)
		return error_notification(r, e, index) == -1 ? (render_nomem(r)) : 0;
	for (i = 0; i < credaudit_report_finding_count(rep); i++) {
		const struct credaudit_finding *f = render_finding(r, rep, i);

		if (f == NULL)
			return -1;
		render_puts(r, s->nresults++ ? ",\n        " : "\n        ");
		if (render_json_dump(r, result_json(r, rep, f, index), FLAGS, 8) == -1)
			return -1;
	}
	return r->failed ? -1 : 0;
}

static int
sarif_finish(struct credaudit_render *r)
{
	struct sarif *s = r->priv;
	const struct credaudit_totals *t = credaudit_summary_totals(r->sum);
	const struct credaudit_resolved *f;
	size_t pos = 0;
	json_t *inv;

	while ((f = credaudit_summary_resolved_next(r->sum, &pos)) != NULL && !r->failed) {
		render_puts(r, s->nresults++ ? ",\n        " : "\n        ");
		render_json_dump(r, absent_json(r, f), FLAGS, 8);
	}
	render_puts(r, s->nresults ? "\n      ],\n      \"artifacts\": " :
	                             "],\n      \"artifacts\": ");
	json_incref(s->artifacts);
	render_json_dump(r, s->artifacts, FLAGS, 6);
	inv = json_pack("{s:b, s:O, s:{s:s?, s:o, s:I, s:I, s:I, s:I, s:I, s:o}}",
	                "executionSuccessful", t->errors == 0,
	                "toolExecutionNotifications", s->notifications,
	                "properties", "benchmark",
	                r->audit ? credaudit_audit_benchmark(r->audit) : NULL,
	                "options", r->audit ? render_options_json(r) : json_null(),
	                "inputs", (json_int_t)t->inputs,
	                "audited", (json_int_t)t->audited,
	                "errors", (json_int_t)t->errors,
	                "findings", (json_int_t)t->findings,
	                "waived", (json_int_t)t->waived,
	                "accounts", render_accounts_json(r));
	render_puts(r, ",\n      \"invocations\": [\n        ");
	render_json_dump(r, inv, FLAGS, 8);
	return render_puts(r, "\n      ]\n    }\n  ]\n}\n");
}

static void
sarif_cleanup(void *priv)
{
	struct sarif *s = priv;

	json_decref(s->artifacts);
	json_decref(s->notifications);
	buf_free(&s->uri);
	ca_free(s);
}

const struct render_ops render_sarif_ops = {
	"sarif", "SARIF 2.1.0 for code scanning (docs/formats.md)",
	sarif_begin, sarif_report, sarif_finish, sarif_cleanup,
};
