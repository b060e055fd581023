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
/* The "$schema" member: the $id of docs/credaudit.schema.json, the JSON
 * Schema of this document (installed under share/credaudit).  The project
 * has no public home: the URI is under the reserved .invalid domain (RFC
 * 6761), a name that never resolves; docs/json.md says so. */
#define STR_(x) #x
#define STR(x) STR_(x)
#define SCHEMA_URI "https://credaudit.invalid/schemas/credaudit-" STR(SCHEMA_VERSION) \
	".schema.json"
#define DUMP_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII | \
                    JSON_ENCODE_ANY)

/* What the renderer keeps across reports: the dumped references of each
 * rule (jansson's text without indentation, dumped once per rule). */
struct json_priv {
	struct buf refs[64];
};

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

	if ((r->priv = ca_calloc(1, sizeof(struct json_priv))) == NULL)
		return render_nomem(r);

	render_printf(r, "{\n  \"$schema\": \"%s\",\n  \"schema_version\": %d,\n"
	              "  \"tool\": ", SCHEMA_URI, SCHEMA_VERSION);
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

static int pad(struct credaudit_render *r, size_t indent);

static void
json_cleanup(void *priv)
{
	struct json_priv *p = priv;
	size_t i;

	for (i = 0; i < sizeof(p->refs) / sizeof(p->refs[0]); i++)
		buf_free(&p->refs[i]);
	ca_free(p);
}

/* The dumped references of info (through r->priv, made the first time);
 * NULL when memory ran out. */
static const struct buf *
refs_text(struct credaudit_render *r, const struct credaudit_rule_info *info)
{
	struct json_priv *p = r->priv;
	struct buf *b = NULL;
	json_t *v;
	size_t i, n;

	for (i = 0; i < credaudit_rule_count() && i < 64; i++)
		if (credaudit_rule_get(i) == info)
			b = &p->refs[i];
	if (b == NULL || b->len > 0)
		return b;
	if ((v = refs_json(info)) == NULL)
		return NULL;
	n = json_dumpb(v, NULL, 0, DUMP_FLAGS);
	if (n == 0 || buf_grow(b, n) == -1 || json_dumpb(v, b->data, n, DUMP_FLAGS) != n)
		b = NULL;
	else
		b->len = n;
	json_decref(v);
	return b;
}

/* Separator, indent and key of a member of an object at indent. */
static void
key(struct credaudit_render *r, size_t indent, int first, const char *k)
{
	render_write(r, first ? "\n" : ",\n", first ? 1 : 2);
	pad(r, indent + 2);
	render_write(r, "\"", 1);
	render_puts(r, k);
	render_write(r, "\": ", 3);
}

/*
 * One result at indent, written as json_dump_callback writes the object
 * {rule, title, severity, status, findings, waived, blocking, reason,
 * clause, references}: the references as dumped once per rule.
 */
static void
result_out(struct credaudit_render *r, const struct credaudit_result *res, size_t indent)
{
	const struct credaudit_rule_info *info = credaudit_rule_find(res->rule);
	const struct buf *refs = refs_text(r, info);

	if (refs == NULL) {
		render_nomem(r);
		return;
	}
	render_write(r, "{", 1);
	key(r, indent, 1, "rule");
	render_json_str(r, res->rule);
	key(r, indent, 0, "title");
	render_json_str(r, info->title);
	key(r, indent, 0, "severity");
	render_json_str(r, credaudit_severity_name(info->severity));
	key(r, indent, 0, "status");
	render_json_str(r, credaudit_status_name(res->status));
	key(r, indent, 0, "findings");
	render_putu(r, res->nfindings);
	key(r, indent, 0, "waived");
	render_putu(r, res->nwaived);
	key(r, indent, 0, "blocking");
	render_putu(r, res->nblocking);
	key(r, indent, 0, "reason");
	render_json_str(r, res->reason);
	key(r, indent, 0, "clause");
	render_json_str(r, res->clause);
	key(r, indent, 0, "references");
	render_json_put(r, refs->data, refs->len, indent + 2);
	render_write(r, "\n", 1);
	pad(r, indent);
	render_write(r, "}", 1);
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

/*
 * One finding at indent (f NULL: memory ran out), written as
 * json_dump_callback writes finding_json's object, without building it:
 * strings and numbers by render_json_str and render_putu, the waiver (rare)
 * through jansson.
 */
static void
finding_out(struct credaudit_render *r, const struct credaudit_finding *f, size_t indent)
{
	size_t i;

	if (f == NULL || render_json_evidence_dup(f)) {
		emit(r, f ? finding_json(r, f) : NULL, indent);
		return;
	}
	render_write(r, "{", 1);
	key(r, indent, 1, "rule");
	render_json_str(r, f->rule);
	key(r, indent, 0, "severity");
	render_json_str(r, credaudit_severity_name(f->severity));
	key(r, indent, 0, "user");
	render_json_str(r, f->user);
	key(r, indent, 0, "arn");
	render_json_str(r, f->arn);
	key(r, indent, 0, "line");
	render_putu(r, f->line);
	key(r, indent, 0, "credential");
	render_json_str(r, f->credential);
	key(r, indent, 0, "message");
	render_json_str(r, f->message);
	key(r, indent, 0, "evidence");
	render_write(r, "{", 1);
	for (i = 0; i < f->nevidence; i++) {
		render_write(r, i ? ",\n" : "\n", i ? 2 : 1);
		pad(r, indent + 4);
		render_json_str(r, f->evidence[i].name);
		render_write(r, ": ", 2);
		render_json_str(r, f->evidence[i].value);
	}
	if (f->nevidence > 0) {
		render_write(r, "\n", 1);
		pad(r, indent + 2);
	}
	render_write(r, "}", 1);
	key(r, indent, 0, "waiver");
	if (f->waiver.state == CREDAUDIT_WAIVER_NONE)
		render_write(r, "null", 4);
	else
		emit(r, waiver_json(r, &f->waiver), indent + 2);
	if (f->baseline != CREDAUDIT_BASELINE_NONE) {
		key(r, indent, 0, "baseline");
		render_json_str(r, credaudit_baseline_state_name(f->baseline));
	}
	render_write(r, "\n", 1);
	pad(r, indent);
	render_write(r, "}", 1);
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
	size_t i, m, n = credaudit_report_finding_count(rep);

	render_puts(r, "{");
	/* strings and numbers written as jansson would dump them, without
	 * building a value each */
	key(r, indent, 1, "file");
	render_json_str(r, credaudit_report_name(rep));
	key(r, indent, 0, "status");
	render_json_str(r, "audited");
	key(r, indent, 0, "account");
	render_json_str(r, credaudit_report_account(rep));
	key(r, indent, 0, "partition");
	render_json_str(r, credaudit_report_partition(rep));
	key(r, indent, 0, "rows");
	render_putu(r, credaudit_report_rows(rep));
	key(r, indent, 0, "root_line");
	render_putu(r, credaudit_report_root_line(rep));
	member(r, indent, 0, "as_of", as_of_json(rep));
	key(r, indent, 0, "verdict");
	render_json_str(r, credaudit_verdict_name(credaudit_report_verdict(rep)));
	render_puts(r, ",\n");
	pad(r, indent + 2);
	render_puts(r, n ? "\"findings\": [" : "\"findings\": []");
	for (i = 0; i < n && !r->failed; i++) {
		render_puts(r, i ? ",\n" : "\n");
		pad(r, indent + 4);
		finding_out(r, render_finding(r, rep, i), indent + 4);
	}
	if (n) {
		render_puts(r, "\n");
		pad(r, indent + 2);
		render_puts(r, "]");
	}
	key(r, indent, 0, "results");
	m = credaudit_report_result_count(rep);
	render_write(r, "[", 1);
	for (i = 0; i < m && !r->failed; i++) {
		render_write(r, i ? ",\n" : "\n", i ? 2 : 1);
		pad(r, indent + 4);
		result_out(r, credaudit_report_result(rep, i), indent + 4);
	}
	if (m) {
		render_write(r, "\n", 1);
		pad(r, indent + 2);
	}
	render_write(r, "]", 1);
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

/* summary.skipped: counts by kind, and each file skipped named with why. */
static json_t *
skipped_json(struct credaudit_render *r)
{
	const struct credaudit_totals *t = credaudit_summary_totals(r->sum);
	size_t i, n = credaudit_summary_skipped_count(r->sum);
	json_t *files = json_array(), *f;

	for (i = 0; files != NULL && i < n; i++) {
		const struct credaudit_skipped *k = credaudit_summary_skipped_file(r->sum, i);

		f = json_pack("{s:o, s:s, s:o}", "path", jtext(r, k->path),
		              "kind", credaudit_skip_name(k->kind), "reason", jtext(r, k->reason));
		if (f != NULL && k->sha256 != NULL &&
		    json_object_set_new(f, "sha256", json_string(k->sha256)) == -1)
			json_decref(f), f = NULL;
		if (f != NULL && k->duplicate_of != NULL &&
		    json_object_set_new(f, "duplicate_of", jtext(r, k->duplicate_of)) == -1)
			json_decref(f), f = NULL;
		if (f == NULL || json_array_append_new(files, f) == -1)
			json_decref(files), files = NULL;
	}
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:o}", "hidden",
	                 (json_int_t)t->skipped_hidden, "other", (json_int_t)t->skipped_other,
	                 "excluded", (json_int_t)t->skipped_excluded,
	                 "not_report", (json_int_t)t->skipped_not_report,
	                 "duplicate", (json_int_t)t->skipped_duplicate, "files", files);
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
	                  "s:o, s:o}",
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
	                  "skipped", skipped_json(r),
	                  "accounts", render_accounts_json(r)), 2);
	json_evidence_files(r);
	return render_puts(r, "\n}\n");
}

const struct render_ops render_json_ops = {
	"json", "one JSON document (docs/json.md)",
	json_begin, json_report, json_finish, json_cleanup,
};
