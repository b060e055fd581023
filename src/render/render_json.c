/*
 * render_json.c - one JSON document (docs/json.md), built with jansson.
 * Each input is dumped as soon as it is rendered, so memory holds one
 * report.  Output is printable ASCII (JSON_ENSURE_ASCII, and DEL written
 * as \u007f): report text cannot carry terminal escapes or bidi
 * characters through it.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "render/json.h"
#include "render/render.h"

/* 2: rule status "waived", "blocking" per result, verdict honouring
 * fail_on, "verdict" and "blocking" in the summary (docs/json.md). */
#define SCHEMA_VERSION 2
#define DUMP_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII | \
                    JSON_ENCODE_ANY)

/* Dump v (consumed), indenting every line after the first by indent spaces. */
static int
emit(struct credaudit_render *r, json_t *v, size_t indent)
{
	return render_json_dump(r, v, DUMP_FLAGS, indent);
}

static int
json_begin(struct credaudit_render *r)
{
	const char *bm = r->audit ? credaudit_audit_benchmark(r->audit) : NULL;

	render_printf(r, "{\n  \"schema_version\": %d,\n  \"tool\": ", SCHEMA_VERSION);
	emit(r, json_pack("{s:s, s:s}", "name", "credaudit", "version",
	                  CREDAUDIT_VERSION), 2);
	/* benchmark names are fixed ASCII ("cis-1.4"): no escaping needed */
	render_printf(r, ",\n  \"benchmark\": %s%s%s", bm ? "\"" : "", bm ? bm : "null",
	              bm ? "\"" : "");
	render_puts(r, ",\n  \"options\": ");
	if (r->audit == NULL)
		render_puts(r, "null");
	else
		emit(r, render_options_json(r), 2);
	return render_puts(r, ",\n  \"inputs\": [");
}

/* null, or {"status", "entry", "justification", "owner", "expires"}. */
static json_t *
waiver_json(struct credaudit_render *r, const struct credaudit_waiver_use *w)
{
	json_t *o;

	if (w->state == CREDAUDIT_WAIVER_NONE)
		return json_null();
	o = json_pack("{s:s, s:I}", "status", credaudit_waiver_state_name(w->state),
	              "entry", (json_int_t)w->entry);
	if (o == NULL || json_object_set_new(o, "justification", jtext(r, w->justification)) ||
	    json_object_set_new(o, "owner", jtext(r, w->owner)) ||
	    json_object_set_new(o, "expires", jtext(r, w->expires))) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *
finding_json(struct credaudit_render *r, const struct credaudit_finding *f)
{
	json_t *o = json_object(), *ev = json_object();
	size_t i;
	int bad = o == NULL || ev == NULL || f == NULL;

	if (bad) {
		json_decref(o);
		json_decref(ev);
		return NULL;
	}
	bad |= json_object_set_new(o, "rule", json_string(f->rule));
	bad |= json_object_set_new(o, "severity",
	                           json_string(credaudit_severity_name(f->severity)));
	bad |= json_object_set_new(o, "user", jtext(r, f->user));
	bad |= json_object_set_new(o, "arn", jtext(r, f->arn));
	bad |= json_object_set_new(o, "line", json_integer((json_int_t)f->line));
	bad |= json_object_set_new(o, "credential", f->credential ?
	                           json_string(f->credential) : json_null());
	bad |= json_object_set_new(o, "message", jtext(r, f->message));
	for (i = 0; i < f->nevidence; i++)
		bad |= json_object_set_new(ev, f->evidence[i].name,
		                           jtext(r, f->evidence[i].value));
	bad |= json_object_set_new(o, "evidence", ev);
	bad |= json_object_set_new(o, "waiver", waiver_json(r, &f->waiver));
	if (f->baseline != CREDAUDIT_BASELINE_NONE)
		bad |= json_object_set_new(o, "baseline",
		                           json_string(credaudit_baseline_state_name(f->baseline)));
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* [{"framework", "id"}, ...] of a rule. */
static json_t *
refs_json(const struct credaudit_rule_info *info)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; a != NULL && i < info->nrefs; i++)
		if (json_array_append_new(a, json_pack("{s:s, s:s}", "framework",
		                                       info->refs[i].framework, "id",
		                                       info->refs[i].id)) == -1) {
			json_decref(a);
			return NULL;
		}
	return a;
}

static json_t *
result_json(const struct credaudit_result *res)
{
	const struct credaudit_rule_info *info = credaudit_rule_find(res->rule);

	return json_pack("{s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:s?, s:s?, s:o}",
	                 "rule", res->rule, "title", info->title, "severity",
	                 credaudit_severity_name(info->severity), "status",
	                 credaudit_status_name(res->status), "findings",
	                 (json_int_t)res->nfindings, "waived", (json_int_t)res->nwaived,
	                 "blocking", (json_int_t)res->nblocking,
	                 "reason", res->reason, "clause", res->clause,
	                 "references", refs_json(info));
}

static json_t *as_of_json(const struct credaudit_report *rep);

/* {"size", "sha256", "complete", "container", "tool_version"} or null. */
static json_t *
evidence_json(const struct credaudit_report *rep)
{
	const struct credaudit_input *in = credaudit_report_input(rep);

	if (in == NULL)
		return json_null();
	return json_pack("{s:I, s:s, s:b, s:s, s:s}", "size", (json_int_t)in->size,
	                 "sha256", in->sha256, "complete", in->complete,
	                 "container", in->container, "tool_version", in->tool_version);
}

static json_t *
error_input(struct credaudit_render *r, const struct credaudit_report *rep,
            const struct credaudit_error *e)
{
	return json_pack("{s:o, s:s, s:s, s:o, s:{s:o, s:I, s:I, s:s?}, s:o}",
	                 "file", jtext(r, credaudit_report_name(rep)),
	                 "status", "error", "verdict",
	                 credaudit_verdict_name(credaudit_report_verdict(rep)),
	                 "as_of", as_of_json(rep), "error",
	                 "message", jtext(r, e->text), "line", (json_int_t)e->line,
	                 "column", (json_int_t)e->column,
	                 "within", e->where[0] ? e->where : NULL,
	                 "evidence", evidence_json(rep));
}

/* Whole days, rounded towards minus infinity. */
static json_int_t
days(int64_t seconds)
{
	return (json_int_t)(seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400));
}

/* {"time": "...Z" or null, "source": "...", "generated_time": "...Z" or
 * null, "report_age_days": n or null} */
static json_t *
as_of_json(const struct credaudit_report *rep)
{
	const struct credaudit_input *in = credaudit_report_input(rep);
	char when[32], gen[32];
	int64_t t, age;
	enum credaudit_asof_source src = credaudit_report_as_of(rep, &t);
	int have_gen = in != NULL && in->has_generated_time;

	credaudit_time_format(t, when, sizeof(when));
	if (have_gen)
		credaudit_time_format(in->generated_time, gen, sizeof(gen));
	return json_pack("{s:s?, s:s, s:s?, s:o}",
	                 "time", src == CREDAUDIT_ASOF_NONE ? NULL : when,
	                 "source", credaudit_asof_source_name(src),
	                 "generated_time", have_gen ? gen : NULL,
	                 "report_age_days", credaudit_report_age(rep, &age) == 0 ?
	                 json_integer(days(age)) : json_null());
}

/* Write indent spaces. */
static int
pad(struct credaudit_render *r, size_t indent)
{
	static const char sp[] = "                ";

	while (indent > 0) {
		size_t n = indent < sizeof(sp) - 1 ? indent : sizeof(sp) - 1;

		if (render_write(r, sp, n) == -1)
			return -1;
		indent -= n;
	}
	return 0;
}

/* One member of an object dumped at indent: the separator, the key (plain
 * ASCII), then v (consumed) as jansson would dump it inside the object. */
static int
member(struct credaudit_render *r, size_t indent, int first, const char *key,
       json_t *v)
{
	render_puts(r, first ? "\n" : ",\n");
	pad(r, indent + 2);
	render_printf(r, "\"%s\": ", key);
	return emit(r, v, indent + 2);
}

/*
 * An audited input, at indent, written member by member: its findings are
 * built and dumped one at a time, so memory never holds a tree of all of
 * them.  The bytes are those json_dump_callback writes for the whole object.
 */
static int
audited_input(struct credaudit_render *r, const struct credaudit_report *rep,
              size_t indent)
{
	size_t i, n = credaudit_report_finding_count(rep);
	json_t *results = json_array();
	int bad = results == NULL;

	render_puts(r, "{");
	member(r, indent, 1, "file", jtext(r, credaudit_report_name(rep)));
	member(r, indent, 0, "status", json_string("audited"));
	member(r, indent, 0, "account", jtext(r, credaudit_report_account(rep)));
	member(r, indent, 0, "partition", jtext(r, credaudit_report_partition(rep)));
	member(r, indent, 0, "rows", json_integer((json_int_t)credaudit_report_rows(rep)));
	member(r, indent, 0, "root_line",
	       json_integer((json_int_t)credaudit_report_root_line(rep)));
	member(r, indent, 0, "as_of", as_of_json(rep));
	member(r, indent, 0, "verdict",
	       json_string(credaudit_verdict_name(credaudit_report_verdict(rep))));
	render_puts(r, ",\n");
	pad(r, indent + 2);
	render_puts(r, n ? "\"findings\": [" : "\"findings\": []");
	for (i = 0; i < n && !r->failed; i++) {
		render_puts(r, i ? ",\n" : "\n");
		pad(r, indent + 4);
		emit(r, finding_json(r, render_finding(r, rep, i)), indent + 4);
	}
	if (n) {
		render_puts(r, "\n");
		pad(r, indent + 2);
		render_puts(r, "]");
	}
	for (i = 0; i < credaudit_report_result_count(rep); i++)
		bad |= json_array_append_new(results,
		                             result_json(credaudit_report_result(rep, i)));
	if (bad) {
		json_decref(results);
		results = NULL;
	}
	member(r, indent, 0, "results", results);
	member(r, indent, 0, "evidence", evidence_json(rep));
	render_puts(r, "\n");
	pad(r, indent);
	render_puts(r, "}");
	return r->failed ? -1 : 0;
}

static int
json_report(struct credaudit_render *r, const struct credaudit_report *rep)
{
	const struct credaudit_error *e = credaudit_report_error(rep);

	render_puts(r, r->sum->t.inputs > 1 ? ",\n    " : "\n    ");
	return e ? emit(r, error_input(r, rep, e), 4) : audited_input(r, rep, 4);
}

/* {"account", "partition", "rule", "severity", "user", "arn", "credential",
 * "file"} of a resolved finding. */
static json_t *
resolved_json(struct credaudit_render *r, const struct credaudit_resolved *f)
{
	return json_pack("{s:o, s:o, s:s, s:s, s:o, s:o, s:s?, s:o}",
	                 "account", jtext(r, f->account), "partition", jtext(r, f->partition),
	                 "rule", f->rule, "severity", credaudit_severity_name(f->severity),
	                 "user", jtext(r, f->user),
	                 "arn", f->arn ? jtext(r, f->arn) : json_null(),
	                 "credential", f->credential, "file", jtext(r, f->file));
}

/*
 * With --manifest, "manifest": {"file", "entries"}; with --baseline,
 * "baseline": {"file", "sha256", "new", "unchanged", "resolved": [...]},
 * the resolved findings dumped one at a time.
 */
static void
json_evidence_files(struct credaudit_render *r)
{
	const struct credaudit_totals *t = credaudit_summary_totals(r->sum);
	const struct credaudit_resolved *f;
	const char *file, *sha;
	size_t pos = 0, n = 0;

	if (r->audit == NULL)
		return;
	if ((file = credaudit_audit_manifest(r->audit)) != NULL) {
		render_puts(r, ",\n  \"manifest\": ");
		emit(r, json_pack("{s:o, s:I}", "file", jtext(r, file), "entries",
		                  (json_int_t)credaudit_audit_manifest_count(r->audit)), 2);
	}
	if ((file = credaudit_audit_baseline(r->audit, &sha)) == NULL)
		return;
	render_puts(r, ",\n  \"baseline\": {\n    \"file\": ");
	emit(r, jtext(r, file), 4);
	render_printf(r, ",\n    \"sha256\": \"%s\",\n    \"new\": %zu,\n    "
	              "\"unchanged\": %zu,\n    \"resolved\": [", sha, t->baseline_new,
	              t->baseline_unchanged);
	while ((f = credaudit_summary_resolved_next(r->sum, &pos)) != NULL && !r->failed) {
		render_puts(r, n++ ? ",\n      " : "\n      ");
		emit(r, resolved_json(r, f), 6);
	}
	render_puts(r, n ? "\n    ]\n  }" : "]\n  }");
}

static int
json_finish(struct credaudit_render *r)
{
	const struct credaudit_totals *t = credaudit_summary_totals(r->sum);

	render_puts(r, t->inputs ? "\n  ],\n  \"summary\": " : "],\n  \"summary\": ");
	emit(r, json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:{s:I, s:I, s:I, s:I, s:I}, "
	                  "s:{s:I, s:I}, s:o}",
	                  "verdict", credaudit_verdict_name(credaudit_summary_verdict(r->sum)),
	                  "inputs", (json_int_t)t->inputs,
	                  "audited", (json_int_t)t->audited,
	                  "errors", (json_int_t)t->errors,
	                  "findings", (json_int_t)t->findings,
	                  "waived", (json_int_t)t->waived,
	                  "blocking", (json_int_t)t->blocking, "by_severity",
	                  "critical", (json_int_t)t->by_severity[CREDAUDIT_SEV_CRITICAL],
	                  "high", (json_int_t)t->by_severity[CREDAUDIT_SEV_HIGH],
	                  "medium", (json_int_t)t->by_severity[CREDAUDIT_SEV_MEDIUM],
	                  "low", (json_int_t)t->by_severity[CREDAUDIT_SEV_LOW],
	                  "info", (json_int_t)t->by_severity[CREDAUDIT_SEV_INFO],
	                  "skipped", "hidden", (json_int_t)t->skipped_hidden,
	                  "other", (json_int_t)t->skipped_other,
	                  "accounts", render_accounts_json(r)), 2);
	json_evidence_files(r);
	return render_puts(r, "\n}\n");
}

const struct render_ops render_json_ops = {
	"json", "one JSON document (docs/json.md)",
	json_begin, json_report, json_finish, NULL,
};
