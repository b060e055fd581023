/*
 * render_ocsf.c - OCSF 1.5.0 events, one JSON object per line, as security
 * data lakes ingest them: per audited input a Compliance Finding (class
 * 2003) for every selected rule (pass, fail, waived, not evaluated: the
 * coverage), then a Detection Finding (class 2004) per finding; per input
 * that could not be audited one Compliance Finding whose compliance status
 * is "Error".  Every event carries the cloud profile.  The mapping is
 * documented in docs/formats.md.  "time" is the as-of moment (never the
 * clock of the run), so output stays deterministic.
 *
 * Events are written as they are made, member by member, byte for byte
 * what jansson dumps with FLAGS for the same object (strings by
 * render_json_str, numbers without printf), without building a tree; what
 * does not change from event to event of a rule (its title, analytic,
 * compliance standards and requirements, remediation) is dumped by
 * jansson once per run and copied.
 */
#include <jansson.h>
#include <string.h>

#include "render/fmt.h"

#define OCSF_VERSION "1.5.0"
#define FLAGS (JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII)
/* Write a string literal. */
#define LIT(r, s) render_write(r, s, sizeof(s) - 1)
/* The rule table's rules whose text is kept; more go through the slot of
 * an unknown rule, made again for each event. */
#define NRULES 64

/* OCSF severity_id: 1 Informational .. 5 Critical. */
static const char *const sev_label[] = {
	"Informational", "Low", "Medium", "High", "Critical"
};

/* The dumped text of a rule, made the first time it is needed. */
struct orule {
	const char *id;          /* NULL: not made yet */
	struct buf title;        /* "title":T */
	struct buf info;         /* "types":[R],"analytic":{...}} */
	struct buf msg;          /* : T" (the end of a compliance message) */
	struct buf refs;         /* "standards":[...],"requirements":[...]} */
	struct buf rem;          /* {"desc":...} or null */
};

struct ocsf {
	struct orule rule[NRULES + 1];   /* [NRULES]: a rule not in the table */
	struct buf tmp;                  /* a text made of parts, reused */
	/* of the report being rendered */
	long long time;                  /* "time", milliseconds */
	const char *time_src;
	char when[32];                   /* its as-of moment, "" when none */
	enum credaudit_asof_source src;
};

static int
ocsf_begin(struct credaudit_render *r)
{
	if ((r->priv = ca_calloc(1, sizeof(struct ocsf))) == NULL)
		return render_nomem(r);
	return 0;
}

static void
orule_free(struct orule *o)
{
	buf_free(&o->title);
	buf_free(&o->info);
	buf_free(&o->msg);
	buf_free(&o->refs);
	buf_free(&o->rem);
	o->id = NULL;
}

static void
ocsf_cleanup(void *priv)
{
	struct ocsf *s = priv;
	size_t i;

	for (i = 0; i <= NRULES; i++)
		orule_free(&s->rule[i]);
	buf_free(&s->tmp);
	ca_free(s);
}

/* A signed number in decimal. */
static int
put_int(struct credaudit_render *r, long long v)
{
	if (v >= 0)
		return render_putu(r, (unsigned long long)v);
	render_write(r, "-", 1);
	return render_putu(r, 0 - (unsigned long long)v);
}

/* v (consumed; NULL: out of memory) dumped with FLAGS into b, its first
 * skip bytes left out: dumped once into the room b has, again only when
 * that was too small.  0 or -1. */
static int
dump_into(struct buf *b, json_t *v, size_t skip)
{
	size_t n = 0;
	int rc = -1;

	b->len = 0;
	if (v != NULL && buf_grow(b, 1024) == 0)
		n = json_dumpb(v, b->data, b->cap, FLAGS | JSON_ENCODE_ANY);
	if (n > b->cap && (buf_grow(b, n) == -1 ||
	                   json_dumpb(v, b->data, n, FLAGS | JSON_ENCODE_ANY) != n))
		n = 0;
	if (n > skip) {
		memmove(b->data, b->data + skip, n - skip);
		b->len = n - skip;
		rc = 0;
	}
	json_decref(v);
	return rc;
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

/* A rule's references as OCSF compliance standards (distinct frameworks)
 * and requirements ("FRAMEWORK ID"): {"standards": [...],
 * "requirements": [...]}; NULL when memory ran out. */
static json_t *
compliance_refs(const struct credaudit_rule_info *ri)
{
	json_t *std = json_array(), *req = json_array();
	struct buf b = { 0 };
	size_t i, j;
	int bad = std == NULL || req == NULL;

	for (i = 0; ri != NULL && i < ri->nrefs && !bad; i++) {
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
		return NULL;
	}
	return json_pack("{s:o, s:o}", "standards", std, "requirements", req);
}

/* Make o's text for the rule id (ri its entry in the table, or NULL). */
static int
orule_make(struct orule *o, const char *id, const struct credaudit_rule_info *ri)
{
	const char *title = ri ? ri->title : id;
	int rc;

	rc = dump_into(&o->title, json_pack("{s:s}", "title", title), 1);
	if (rc == 0 && o->title.len > 0)
		o->title.len--;          /* without the closing brace */
	rc |= dump_into(&o->info, json_pack("{s:[s], s:{s:s, s:s, s:i, s:s}}", "types", id,
	                "analytic", "uid", id, "name", title, "type_id", 1, "type",
	                "Rule"), 1);
	/* ": TITLE" as the end of a string: the title's dump without its
	 * opening quote */
	rc |= dump_into(&o->msg, json_pack("s++", ": ", title, ""), 1);
	rc |= dump_into(&o->rem, remediation(ri), 0);
	rc |= ri ? dump_into(&o->refs, compliance_refs(ri), 1) : 0;
	o->id = rc ? NULL : id;
	return rc ? -1 : 0;
}

/* The text of the rule id, made the first time; NULL when memory ran
 * out.  *info is set to the rule's table entry (NULL: not in it). */
static const struct orule *
orule_get(struct credaudit_render *r, const char *id,
          const struct credaudit_rule_info **info)
{
	struct ocsf *s = r->priv;
	size_t i, n = credaudit_rule_count();
	struct orule *o = &s->rule[NRULES];

	*info = NULL;
	for (i = 0; i < n; i++) {
		const struct credaudit_rule_info *ri = credaudit_rule_get(i);

		if (ri->id == id || strcmp(ri->id, id) == 0) {
			*info = ri;
			if (i < NRULES)
				o = &s->rule[i];
			break;
		}
	}
	if (o->id != NULL && o != &s->rule[NRULES])
		return o;
	return orule_make(o, id, *info) == -1 ? NULL : o;
}

/* Write a dumped piece (no newline in it: DEL as \u007f). */
static int
piece(struct credaudit_render *r, const struct buf *b)
{
	return render_json_put(r, b->data, b->len, 0);
}

/* Append the texts to s->tmp, in order, NULL ending the list; the text
 * (NUL-terminated) or NULL when memory ran out. */
static const char *
tmp_join(struct ocsf *s, const char *a, const char *b, const char *c, const char *d,
         const char *e)
{
	const char *part[5] = { a, b, c, d, e };
	size_t i;
	int rc = 0;

	s->tmp.len = 0;
	for (i = 0; i < 5 && part[i] != NULL; i++)
		rc |= buf_adds(&s->tmp, part[i]);
	if (rc != 0 || buf_addc(&s->tmp, '\0') == -1)
		return NULL;
	s->tmp.len--;
	return s->tmp.data;
}

/* The fingerprint of the texts joined by "|" (NULL ends the list); a
 * uses printf's "(null)" when NULL, as the key always did.  0 or -1. */
static int
fp_of(struct ocsf *s, char fp[17], const char *a, const char *b, const char *c,
      const char *d)
{
	const char *t;
	int rc = 0;

	s->tmp.len = 0;
	rc |= buf_adds(&s->tmp, a ? a : "(null)");
	rc |= buf_addc(&s->tmp, '|');
	rc |= buf_adds(&s->tmp, b);
	if (c != NULL) {
		rc |= buf_addc(&s->tmp, '|');
		rc |= buf_adds(&s->tmp, c);
	}
	if (d != NULL) {
		rc |= buf_addc(&s->tmp, '|');
		rc |= buf_adds(&s->tmp, d);
	}
	if (rc != 0 || buf_addc(&s->tmp, '\0') == -1)
		return -1;
	t = s->tmp.data;
	fingerprint(t, fp);
	return 0;
}

/*
 * The event's time in milliseconds: the report's as-of moment; for a
 * report without one (an input that could not be audited, no --as-of), the
 * latest as-of moment of the run so far; else 0.  s->time_src says which
 * ("as_of", "run_latest_as_of", "none").  Never the clock of the run.
 */
static void
event_time(struct credaudit_render *r, const struct credaudit_report *rep)
{
	struct ocsf *s = r->priv;
	int64_t t = 0, best = 0;
	int have = 0;
	size_t i;

	if (credaudit_report_as_of(rep, &t) != CREDAUDIT_ASOF_NONE) {
		s->time_src = "as_of";
		s->time = (long long)t * 1000;
		return;
	}
	for (i = 0; i < r->sum->n; i++)
		if (r->sum->a[i].have_period && (!have || r->sum->a[i].to > best)) {
			best = r->sum->a[i].to;
			have = 1;
		}
	s->time_src = have ? "run_latest_as_of" : "none";
	s->time = (long long)best * 1000;
}

/* The attributes every event has: class, category, activity (Create),
 * type, severity, time, metadata (with the cloud profile) and cloud; the
 * event's object left open. */
static void
event_base(struct credaudit_render *r, const struct credaudit_report *rep,
           int detection, unsigned sev)
{
	struct ocsf *s = r->priv;
	const char *acct = credaudit_report_account(rep);

	sev = sev < 5 ? sev : 0;
	if (detection)
		LIT(r, "{\"class_uid\":2004,\"class_name\":\"Detection Finding\","
		    "\"category_uid\":2,\"category_name\":\"Findings\",\"activity_id\":1,"
		    "\"activity_name\":\"Create\",\"type_uid\":200401,\"type_name\":"
		    "\"Detection Finding: Create\",\"severity_id\":");
	else
		LIT(r, "{\"class_uid\":2003,\"class_name\":\"Compliance Finding\","
		    "\"category_uid\":2,\"category_name\":\"Findings\",\"activity_id\":1,"
		    "\"activity_name\":\"Create\",\"type_uid\":200301,\"type_name\":"
		    "\"Compliance Finding: Create\",\"severity_id\":");
	render_putu(r, sev + 1);
	LIT(r, ",\"severity\":");
	render_json_str(r, sev_label[sev]);
	LIT(r, ",\"time\":");
	put_int(r, s->time);
	LIT(r, ",\"metadata\":{\"version\":\"" OCSF_VERSION "\",\"product\":{\"name\":"
	    "\"credaudit\",\"vendor_name\":\"credaudit\",\"version\":");
	render_json_str(r, CREDAUDIT_VERSION);
	LIT(r, "},\"profiles\":[\"cloud\"]},\"cloud\":{\"provider\":\"AWS\"");
	if (acct != NULL) {
		LIT(r, ",\"account\":{\"uid\":");
		render_json_str(r, acct);
		LIT(r, ",\"type_id\":10,\"type\":\"AWS Account\"}");
	}
	LIT(r, "}");
}

/* {"size", "sha256", "container", "complete"} of the input, or null. */
static void
input_out(struct credaudit_render *r, const struct credaudit_input *in)
{
	if (in == NULL) {
		LIT(r, "null");
		return;
	}
	LIT(r, "{\"size\":");
	render_putu(r, in->size);
	LIT(r, ",\"sha256\":");
	render_json_str(r, in->sha256);
	LIT(r, ",\"container\":");
	render_json_str(r, in->container);
	if (in->complete)
		LIT(r, ",\"complete\":true}");
	else
		LIT(r, ",\"complete\":false}");
}

/* null, or the waiver that matched f. */
static void
waiver_out(struct credaudit_render *r, const struct credaudit_finding *f)
{
	const struct credaudit_waiver_use *w = &f->waiver;

	if (w->state == CREDAUDIT_WAIVER_NONE) {
		LIT(r, "null");
		return;
	}
	LIT(r, "{\"status\":");
	render_json_str(r, credaudit_waiver_state_name(w->state));
	LIT(r, ",\"entry\":");
	render_putu(r, w->entry);
	LIT(r, ",\"justification\":");
	render_json_str(r, w->justification);
	LIT(r, ",\"owner\":");
	render_json_str(r, w->owner);
	LIT(r, ",\"expires\":");
	render_json_str(r, w->expires);
	LIT(r, "}");
}

/* The evidence of f as an object {name: value, ...}. */
static void
evidence_out(struct credaudit_render *r, const struct credaudit_finding *f)
{
	json_t *ev;
	size_t i;
	int bad;

	if (render_json_evidence_dup(f)) {
		bad = (ev = json_object()) == NULL;
		for (i = 0; i < f->nevidence && !bad; i++)
			bad |= json_object_set_new(ev, f->evidence[i].name,
			                           jtext(r, f->evidence[i].value));
		if (bad)
			json_decref(ev);
		render_json_dump(r, bad ? NULL : ev, FLAGS, 0);
		return;
	}
	LIT(r, "{");
	for (i = 0; i < f->nevidence; i++) {
		if (i)
			LIT(r, ",");
		render_json_str(r, f->evidence[i].name);
		LIT(r, ":");
		render_json_str(r, f->evidence[i].value);
	}
	LIT(r, "}");
}

/* What OCSF has no attribute for: where in the input, the as-of moment in
 * words, the waiver, the input's evidence. */
static void
unmapped_out(struct credaudit_render *r, const struct credaudit_report *rep,
             const struct credaudit_finding *f)
{
	struct ocsf *s = r->priv;

	LIT(r, ",\"unmapped\":{\"credaudit\":{\"file\":");
	render_json_str(r, credaudit_report_name(rep));
	LIT(r, ",\"line\":");
	render_putu(r, f->line);
	LIT(r, ",\"credential\":");
	render_json_str(r, f->credential);
	LIT(r, ",\"severity\":");
	render_json_str(r, credaudit_severity_name(f->severity));
	LIT(r, ",\"as_of\":");
	render_json_str(r, s->when[0] ? s->when : NULL);
	LIT(r, ",\"as_of_source\":");
	render_json_str(r, credaudit_asof_source_name(s->src));
	LIT(r, ",\"waiver\":");
	waiver_out(r, f);
	if (f->baseline != CREDAUDIT_BASELINE_NONE) {
		LIT(r, ",\"baseline\":");
		render_json_str(r, credaudit_baseline_state_name(f->baseline));
	}
	if (credaudit_report_input(rep) != NULL) {
		LIT(r, ",\"input\":");
		input_out(r, credaudit_report_input(rep));
	}
	LIT(r, "}}");
}

/* A Detection Finding for f. */
static int
finding_out(struct credaudit_render *r, const struct credaudit_report *rep,
            const struct credaudit_finding *f)
{
	struct ocsf *s = r->priv;
	const struct credaudit_rule_info *ri;
	const struct orule *o = orule_get(r, f->rule, &ri);
	int root = f->user != NULL && strcmp(f->user, "<root_account>") == 0;
	char fp[17];

	if (o == NULL || fp_of(s, fp, credaudit_report_account(rep), f->rule,
	                       f->arn ? f->arn : "", f->credential ? f->credential : "") == -1)
		return render_nomem(r);
	event_base(r, rep, 1, (unsigned)f->severity);
	if (WAIVED(f))
		LIT(r, ",\"status_id\":3,\"status\":\"Suppressed\",\"message\":");
	else
		LIT(r, ",\"status_id\":1,\"status\":\"New\",\"message\":");
	render_json_str(r, f->message);
	if (WAIVED(f)) {
		LIT(r, ",\"comment\":");
		render_json_str(r, f->waiver.justification);
	}
	LIT(r, ",\"finding_info\":{\"uid\":\"");
	render_write(r, fp, 16);
	LIT(r, "\",");
	piece(r, &o->title);
	LIT(r, ",\"desc\":");
	render_json_str(r, f->message);
	LIT(r, ",");
	piece(r, &o->info);
	if (root)
		LIT(r, ",\"resources\":[{\"type\":\"AWS::IAM::Root\",\"uid\":");
	else
		LIT(r, ",\"resources\":[{\"type\":\"AWS::IAM::User\",\"uid\":");
	render_json_str(r, f->arn);
	LIT(r, ",\"name\":");
	render_json_str(r, f->user);
	LIT(r, ",\"cloud_partition\":");
	render_json_str(r, credaudit_report_partition(rep));
	LIT(r, "}],\"evidences\":[{\"data\":");
	evidence_out(r, f);
	LIT(r, "}],\"remediation\":");
	piece(r, &o->rem);
	unmapped_out(r, rep, f);
	return LIT(r, "}\n");
}

/*
 * The compliance object of a rule's result: status_id Pass (1), Warning
 * (2: not evaluated, no result for lack of information), Fail (3), or
 * Other (99) "Waived" (every finding an accepted risk: never a pass);
 * status_code is credaudit's status word, status_details why.
 */
static void
compliance_out(struct credaudit_render *r, const struct credaudit_result *res,
               const struct orule *o)
{
	static const char *const ids[] = { "1", "3", "2", "99" };
	static const char *const words[] = { "Pass", "Fail", "Warning", "Waived" };
	unsigned st = (unsigned)res->status < 4 ? (unsigned)res->status : 1;

	LIT(r, ",\"compliance\":{\"control\":");
	render_json_str(r, res->rule);
	LIT(r, ",\"status_id\":");
	render_puts(r, ids[st]);
	LIT(r, ",\"status\":");
	render_json_str(r, words[st]);
	LIT(r, ",\"status_code\":");
	render_json_str(r, credaudit_status_name(res->status));
	if (res->reason != NULL) {
		LIT(r, ",\"status_details\":[");
		render_json_str(r, res->reason);
		LIT(r, "]");
	}
	LIT(r, ",");
	piece(r, &o->refs);
}

/* A Compliance Finding for one selected rule on an audited report. */
static int
result_out(struct credaudit_render *r, const struct credaudit_report *rep,
           const struct credaudit_result *res)
{
	struct ocsf *s = r->priv;
	const struct credaudit_rule_info *ri;
	const struct orule *o = orule_get(r, res->rule, &ri);
	const char *acct = credaudit_report_account(rep), *part, *arn;
	int failing = res->status == CREDAUDIT_FAIL || res->status == CREDAUDIT_WAIVED;
	char fp[17];

	if (o == NULL || ri == NULL || fp_of(s, fp, acct ? acct : "", res->rule, NULL,
	                                     NULL) == -1)
		return render_nomem(r);
	part = credaudit_report_partition(rep);
	event_base(r, rep, 0, failing ? (unsigned)ri->severity : 0);
	if (res->status == CREDAUDIT_WAIVED)
		LIT(r, ",\"status_id\":3,\"status\":\"Suppressed\"");
	else if (failing)
		LIT(r, ",\"status_id\":1,\"status\":\"New\"");
	/* "RULE: STATUS: TITLE": the rule id and status word are the
	 * library's ASCII words, the title's end dumped once */
	LIT(r, ",\"message\":\"");
	render_puts(r, res->rule);
	LIT(r, ": ");
	render_puts(r, credaudit_status_name(res->status));
	piece(r, &o->msg);
	LIT(r, ",\"finding_info\":{\"uid\":\"");
	render_write(r, fp, 16);
	LIT(r, "\",");
	piece(r, &o->title);
	LIT(r, ",");
	piece(r, &o->info);
	compliance_out(r, res, o);
	if (acct != NULL && part != NULL) {
		arn = tmp_join(s, "arn:", part, ":iam::", acct, ":root");
		if (arn == NULL)
			return render_nomem(r);
		LIT(r, ",\"resources\":[{\"type\":\"AWS::::Account\",\"uid\":");
		render_json_str(r, arn);
		LIT(r, ",\"cloud_partition\":");
		render_json_str(r, part);
		LIT(r, "}]");
	}
	LIT(r, ",\"remediation\":");
	piece(r, &o->rem);
	LIT(r, ",\"unmapped\":{\"credaudit\":{\"file\":");
	render_json_str(r, credaudit_report_name(rep));
	LIT(r, ",\"status\":");
	render_json_str(r, credaudit_status_name(res->status));
	LIT(r, ",\"findings\":");
	render_putu(r, res->nfindings);
	LIT(r, ",\"waived\":");
	render_putu(r, res->nwaived);
	LIT(r, ",\"blocking\":");
	render_putu(r, res->nblocking);
	LIT(r, ",\"clause\":");
	render_json_str(r, res->clause);
	LIT(r, ",\"time_source\":");
	render_json_str(r, s->time_src);
	return LIT(r, "}}}\n");
}

/*
 * An input that could not be audited: a Compliance Finding of severity
 * High, compliance status Other (99) "Error", with the reason, so that a
 * SIEM sees the evidence it does not have.
 */
static int
error_out(struct credaudit_render *r, const struct credaudit_report *rep)
{
	struct ocsf *s = r->priv;
	const struct credaudit_error *e = credaudit_report_error(rep);
	const struct credaudit_input *in = credaudit_report_input(rep);
	const char *msg;
	char pos[128], fp[17];

	error_position(e, pos, sizeof(pos));
	if (fp_of(s, fp, "error", credaudit_report_name(rep), in ? in->sha256 : "",
	          NULL) == -1)
		return render_nomem(r);
	if ((msg = tmp_join(s, pos, ": ", e->text, NULL, NULL)) == NULL)
		return render_nomem(r);
	event_base(r, rep, 0, CREDAUDIT_SEV_HIGH);
	LIT(r, ",\"status_id\":1,\"status\":\"New\",\"message\":");
	render_json_str(r, msg);
	LIT(r, ",\"finding_info\":{\"uid\":\"");
	render_write(r, fp, 16);
	LIT(r, "\",\"title\":\"Input could not be audited\",\"desc\":");
	render_json_str(r, msg);
	LIT(r, ",\"types\":[\"input-error\"]},\"compliance\":{\"standards\":[\"credaudit\"],"
	    "\"control\":\"input\",\"status_id\":99,\"status\":\"Error\",\"status_code\":"
	    "\"error\",\"status_details\":[");
	render_json_str(r, msg);
	LIT(r, "]},\"unmapped\":{\"credaudit\":{\"file\":");
	render_json_str(r, credaudit_report_name(rep));
	LIT(r, ",\"error\":{\"code\":");
	put_int(r, e->code);
	LIT(r, ",\"line\":");
	render_putu(r, e->line);
	LIT(r, ",\"column\":");
	render_putu(r, e->column);
	LIT(r, ",\"where\":");
	render_json_str(r, e->where);
	LIT(r, ",\"text\":");
	render_json_str(r, e->text);
	LIT(r, "},\"input\":");
	input_out(r, in);
	LIT(r, ",\"time_source\":");
	render_json_str(r, s->time_src);
	return LIT(r, "}}}\n");
}

static int
ocsf_report(struct credaudit_render *r, const struct credaudit_report *rep)
{
	struct ocsf *s = r->priv;
	int64_t t;
	size_t i;

	event_time(r, rep);
	s->src = as_of_text(rep, s->when, &t);
	if (credaudit_report_error(rep) != NULL)
		return error_out(r, rep);
	for (i = 0; i < credaudit_report_result_count(rep) && !r->failed; i++)
		result_out(r, rep, credaudit_report_result(rep, i));
	for (i = 0; i < credaudit_report_finding_count(rep) && !r->failed; i++) {
		const struct credaudit_finding *f = render_finding(r, rep, i);

		if (f == NULL)
			return -1;
		finding_out(r, rep, f);
	}
	return r->failed ? -1 : 0;
}

const struct render_ops render_ocsf_ops = {
	"ocsf", "OCSF 1.5.0: a Compliance Finding (2003) per rule and input, a "
	"Detection Finding (2004) per finding; one JSON object per line",
	ocsf_begin, ocsf_report, NULL, ocsf_cleanup,
};
