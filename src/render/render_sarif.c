/*
 * render_sarif.c - SARIF 2.1.0 (docs/formats.md), one run for all inputs,
 * byte for byte the document jansson dumps with FLAGS.  Results are
 * written as each report is rendered, member by member without building
 * a tree (result_out; the rare ones, and what is written once per run,
 * through jansson); the artifacts (one per input, kept as their text,
 * deflated: spool.h) and the invocation are kept for the end, where SARIF
 * allows them after the results.
 */
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"
#include "render/fmt.h"
#include "render/spool.h"

#define SARIF_SCHEMA \
	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
#define FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII)
/* tool.driver.informationUri: the project has no public home, so the URI
 * is under the reserved .invalid domain (RFC 6761), an identifier that can
 * never resolve to anyone else's page (docs/formats.md).  One place to
 * change when it has a home. */
#define INFO_URI "https://credaudit.invalid/"
#define FULL_NAME "credaudit " CREDAUDIT_VERSION \
	", offline audit of AWS IAM credential reports"

struct sarif {
	struct spool artifacts;  /* one per input, in order: each dumped with
	                          * FLAGS, then a NUL (the dump holds none) */
	size_t nartifacts;
	size_t emitted;          /* artifacts_out: artifacts begun so far */
	int in_artifact;         /* artifacts_out: within one */
	json_t *notifications;   /* one per input that could not be audited */
	size_t nresults;
	char cwd[PATH_MAX];      /* "" when unknown */
	struct buf uri;          /* of the input being rendered, NUL-terminated */
	struct buf tmp;          /* a result's text made of parts, reused */
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

/* The rule's name for people, distinct from its id as SARIF asks:
 * "root-access-key" -> "RootAccessKey". */
static int
rule_name(struct buf *out, const char *id)
{
	int up = 1, rc = 0;

	for (; *id != '\0'; id++) {
		if (*id == '-') {
			up = 1;
			continue;
		}
		rc |= buf_addc(out, up && *id >= 'a' && *id <= 'z' ? (char)(*id - 'a' + 'A') : *id);
		up = 0;
	}
	return rc ? -1 : buf_addc(out, '\0') == -1 ? -1 : (out->len--, 0);
}

/* s (the rule table's fixed text) into out as Markdown text: the
 * characters that make emphasis, code, links, tags, entities, headings or
 * tables are backslash-escaped, so "<root_account>" is text, not an HTML
 * tag. */
static int
md_text(struct buf *out, const char *s)
{
	int rc = 0;

	for (; *s != '\0'; s++) {
		if (strchr("\\`*_[]<>&#|~", *s) != NULL)
			rc |= buf_addc(out, '\\');
		rc |= buf_addc(out, *s);
	}
	return rc;
}

/* A rule's help as Markdown (the same parts as rule_help's plain text):
 * the title in bold, the risk, a numbered remediation list, verification,
 * limits and references.  Appends; 0 or -1. */
static int
rule_markdown(struct buf *out, const struct credaudit_rule_info *ri)
{
	size_t i;
	int rc = buf_adds(out, "**") | md_text(out, ri->title) | buf_adds(out, ".**");

	if (ri->risk != NULL)
		rc |= buf_adds(out, "\n\n") | md_text(out, ri->risk);
	for (i = 0; i < ri->nremediation; i++)
		rc |= buf_printf(out, "%s%zu. ", i ? "\n" : "\n\n**Remediation**\n\n", i + 1) |
		      md_text(out, ri->remediation[i]);
	if (ri->verification != NULL)
		rc |= buf_adds(out, "\n\n**Verification:** ") | md_text(out, ri->verification);
	if (ri->limits != NULL)
		rc |= buf_adds(out, "\n\n**Limits:** ") | md_text(out, ri->limits);
	for (i = 0; i < ri->nrefs; i++)
		rc |= buf_adds(out, i ? "\n- " : "\n\n**References**\n\n- ") |
		      md_text(out, ri->refs[i].framework) | buf_addc(out, ' ') |
		      md_text(out, ri->refs[i].id);
	return rc ? -1 : buf_addc(out, '\0') == -1 ? -1 : (out->len--, 0);
}

static json_t *
rule_json(const struct credaudit_rule_info *ri)
{
	json_t *refs = json_array();
	struct buf help = { 0 }, md = { 0 }, name = { 0 };
	size_t i;
	json_t *o = NULL;
	int bad = refs == NULL || rule_help(&help, ri) == -1 ||
	          rule_markdown(&md, ri) == -1 || rule_name(&name, ri->id) == -1;

	for (i = 0; i < ri->nrefs && !bad; i++)
		bad |= json_array_append_new(refs, json_sprintf("%s: %s",
		                             ri->refs[i].framework, ri->refs[i].id));
	if (!bad)
		o = json_pack("{s:s, s:s%, s:{s:s}, s:{s:s}, s:{s:s%, s:s%}, "
		              "s:{s:s}, s:{s:[s], s:s, s:s, s:O}}",
		              "id", ri->id, "name", name.data, name.len,
		              "shortDescription", "text", ri->title,
		              "fullDescription", "text", ri->risk ? ri->risk : ri->title,
		              "help", "text", help.data, help.len, "markdown", md.data, md.len,
		              "defaultConfiguration", "level", level(ri->severity),
		              "properties", "tags", "security", "severity",
		              credaudit_severity_name(ri->severity), "security-severity",
		              security_severity(ri->severity), "references", refs);
	json_decref(refs);
	buf_free(&help);
	buf_free(&md);
	buf_free(&name);
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
	s->notifications = json_array();
	if (s->notifications == NULL || spool_init(&s->artifacts) == -1)
		return json_decref(rules), -1;
	if (getcwd(s->cwd, sizeof(s->cwd)) == NULL)
		s->cwd[0] = '\0';
	for (i = 0; i < credaudit_rule_count(); i++)
		if (json_array_append_new(rules, rule_json(credaudit_rule_get(i))) == -1)
			return json_decref(rules), -1;
	render_printf(r, "{\n  \"$schema\": \"%s\",\n  \"version\": \"2.1.0\",\n"
	              "  \"runs\": [\n    {\n      \"tool\": ", SARIF_SCHEMA);
	render_json_dump(r, json_pack("{s:{s:s, s:s, s:s, s:s, s:s, s:o}}", "driver",
	                              "name", "credaudit", "fullName", FULL_NAME,
	                              "version", CREDAUDIT_VERSION, "semanticVersion",
	                              CREDAUDIT_VERSION, "informationUri", INFO_URI,
	                              "rules", rules), FLAGS, 6);
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

/*
 * s appended to out as SARIF plain text (SARIF 2.1.0, 3.11.5): a square
 * bracket, and a backslash before one, backslash-escaped, so that report
 * text such as a user named "[x](https://...)" cannot make an embedded
 * link.  0 or -1.
 */
static int
add_plain(struct buf *out, const char *s)
{
	int rc = 0;

	for (; *s != '\0'; s++) {
		if (*s == '[' || *s == ']' || (*s == '\\' && (s[1] == '[' || s[1] == ']')))
			rc |= buf_addc(out, '\\');
		rc |= buf_addc(out, *s);
	}
	return rc;
}

/*
 * A result's message, which code scanning shows as the alert's title:
 * the finding's message after the principal it is about, so that no two
 * users' alerts read alike ("IAM user 'bob' in account 111122223333: user
 * can sign in ...", "Root user of account 111122223333: root user has
 * ...").  The root user is the report's root row (an IAM user may be named
 * "root").  Square brackets are escaped as SARIF asks (add_plain).  NULL
 * when memory ran out.
 */
static json_t *
message_json(struct credaudit_render *r, const struct credaudit_report *rep,
             const struct credaudit_finding *f)
{
	struct buf m = { 0 };
	const char *acct = credaudit_report_account(rep);
	const char *msg = f->message ? f->message : "";
	json_t *v = NULL;
	int rc = f->line == credaudit_report_root_line(rep) ?
	         buf_printf(&m, "Root user of account %s: ", acct) :
	         buf_adds(&m, "IAM user '") | add_plain(&m, f->user ? f->user : "") |
	         buf_printf(&m, "' in account %s: ", acct);

	rc |= add_plain(&m, msg) | buf_addc(&m, '\0');
	if (rc == 0)
		v = jtext(r, m.data);
	buf_free(&m);
	return v;
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
	              message_json(r, rep, f), "locations", location(s, index, f->line),
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

/* Write a string literal. */
#define LIT(r, s) render_write(r, s, sizeof(s) - 1)

/* s->tmp as a NUL-terminated text, or NULL when rc is not 0 or memory ran
 * out. */
static const char *
tmp_text(struct sarif *s, int rc)
{
	if (rc != 0 || buf_addc(&s->tmp, '\0') == -1)
		return NULL;
	s->tmp.len--;
	return s->tmp.data;
}

/*
 * message_json's text into s->tmp, made the same way (a NULL account as
 * printf writes it); NULL when memory ran out.
 */
static const char *
message_text(struct sarif *s, const struct credaudit_report *rep,
             const struct credaudit_finding *f)
{
	const char *acct = credaudit_report_account(rep);
	int rc = 0;

	s->tmp.len = 0;
	if (f->line == credaudit_report_root_line(rep)) {
		rc |= buf_adds(&s->tmp, "Root user of account ");
	} else {
		rc |= buf_adds(&s->tmp, "IAM user '");
		rc |= add_plain(&s->tmp, f->user ? f->user : "");
		rc |= buf_adds(&s->tmp, "' in account ");
	}
	rc |= buf_adds(&s->tmp, acct ? acct : "(null)");
	rc |= buf_adds(&s->tmp, ": ");
	rc |= add_plain(&s->tmp, f->message ? f->message : "");
	return tmp_text(s, rc);
}

/* result_json's partialFingerprints value of f into fp; 0 or -1. */
static int
result_fp(struct sarif *s, const struct credaudit_report *rep,
          const struct credaudit_finding *f, char fp[17])
{
	const char *acct = credaudit_report_account(rep), *t;
	int rc = 0;

	s->tmp.len = 0;
	rc |= buf_adds(&s->tmp, acct ? acct : "(null)");
	rc |= buf_addc(&s->tmp, '|');
	rc |= buf_adds(&s->tmp, f->rule);
	rc |= buf_addc(&s->tmp, '|');
	rc |= buf_adds(&s->tmp, f->arn ? f->arn : "");
	rc |= buf_addc(&s->tmp, '|');
	rc |= buf_adds(&s->tmp, f->credential ? f->credential : "");
	if ((t = tmp_text(s, rc)) == NULL)
		return -1;
	fingerprint(t, fp);
	return 0;
}

/*
 * A result for f, at an indent of 8, written as render_json_dump writes
 * result_json's object (FLAGS, indent 8) without building it: the
 * strings by render_json_str, the numbers by render_putu.  A finding with
 * a waiver or with a repeated evidence name (rare) goes through
 * result_json.  0 or -1.
 */
static int
result_out(struct credaudit_render *r, const struct credaudit_report *rep,
           const struct credaudit_finding *f, size_t index)
{
	struct sarif *s = r->priv;
	const char *msg;
	char fp[17];
	size_t i;

	if (f->waiver.state != CREDAUDIT_WAIVER_NONE || render_json_evidence_dup(f))
		return render_json_dump(r, result_json(r, rep, f, index), FLAGS, 8);
	if (result_fp(s, rep, f, fp) == -1 || (msg = message_text(s, rep, f)) == NULL)
		return render_nomem(r);
	LIT(r, "{\n          \"ruleId\": ");
	render_json_str(r, f->rule);
	LIT(r, ",\n          \"ruleIndex\": ");
	render_putu(r, rule_index(f->rule));
	LIT(r, ",\n          \"level\": ");
	render_json_str(r, level(f->severity));
	LIT(r, ",\n          \"message\": {\n            \"text\": ");
	render_json_str(r, msg);
	LIT(r, "\n          },\n          \"locations\": [\n            {\n"
	    "              \"physicalLocation\": {\n"
	    "                \"artifactLocation\": {\n                  \"uri\": ");
	render_json_str(r, s->uri.data);
	LIT(r, ",\n                  \"index\": ");
	render_putu(r, index);
	LIT(r, "\n                }");
	if (f->line > 0) {
		LIT(r, ",\n                \"region\": {\n                  \"startLine\": ");
		render_putu(r, f->line);
		LIT(r, "\n                }");
	}
	if (s->container != NULL) {
		LIT(r, ",\n                \"properties\": {\n                  \"container\": ");
		render_json_str(r, s->container);
		LIT(r, ",\n                  \"lineCountsIn\": \"the decoded CSV\"\n"
		    "                }");
	}
	LIT(r, "\n              }\n            }\n          ],\n"
	    "          \"partialFingerprints\": {\n"
	    "            \"credauditFinding/v1\": \"");
	render_write(r, fp, 16);
	LIT(r, "\"\n          },\n          \"properties\": {\n            \"severity\": ");
	render_json_str(r, credaudit_severity_name(f->severity));
	LIT(r, ",\n            \"account\": ");
	render_json_str(r, credaudit_report_account(rep));
	LIT(r, ",\n            \"user\": ");
	render_json_str(r, f->user);
	LIT(r, ",\n            \"arn\": ");
	render_json_str(r, f->arn);
	LIT(r, ",\n            \"credential\": ");
	render_json_str(r, f->credential);
	LIT(r, ",\n            \"evidence\": {");
	for (i = 0; i < f->nevidence; i++) {
		if (i)
			LIT(r, ",\n              ");
		else
			LIT(r, "\n              ");
		render_json_str(r, f->evidence[i].name);
		LIT(r, ": ");
		render_json_str(r, f->evidence[i].value);
	}
	if (f->nevidence > 0)
		LIT(r, "\n            }\n          }");
	else
		LIT(r, "}\n          }");
	if (f->baseline != CREDAUDIT_BASELINE_NONE) {
		LIT(r, ",\n          \"baselineState\": ");
		render_json_str(r, credaudit_baseline_state_name(f->baseline));
	}
	LIT(r, "\n        }");
	return r->failed ? -1 : 0;
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

/*
 * The artifact of an input that could not be audited, built with jansson
 * and dumped onto the artifacts' spool (straight into the room left, or
 * again once there is room).  0 or -1.
 */
static int
artifact_json(struct credaudit_render *r, const struct credaudit_report *rep,
              const struct credaudit_error *e)
{
	struct sarif *s = r->priv;
	struct buf *b = &s->artifacts.body;
	const struct credaudit_input *in = credaudit_report_input(rep);
	json_t *props = error_properties(r, rep, e), *art;
	size_t n;

	if (props != NULL && strcmp(credaudit_report_name(rep), "-") == 0 &&
	    json_object_set_new(props, "standardInput", json_true()) == -1)
		return json_decref(props), -1;
	if (props != NULL && in != NULL &&
	    json_object_set_new(props, "input", json_pack("{s:s?, s:b, s:s?}",
	                        "container", in->container, "complete", in->complete,
	                        "toolVersion", in->tool_version)) == -1)
		return json_decref(props), -1;
	art = json_pack("{s:{s:s%}, s:o}", "location", "uri", s->uri.data, s->uri.len,
	                "properties", props);
	if (art != NULL && in != NULL &&
	    (json_object_set_new(art, "length", json_integer((json_int_t)in->size)) == -1 ||
	     json_object_set_new(art, "hashes", json_pack("{s:s}", "sha-256",
	                                                  in->sha256)) == -1))
		return json_decref(art), -1;
	if (art == NULL || buf_grow(b, 4096) == -1 ||
	    (n = json_dumpb(art, b->data + b->len, b->cap - b->len - 1, FLAGS)) == 0 ||
	    (n > b->cap - b->len - 1 &&
	     (buf_grow(b, n + 1) == -1 ||
	      json_dumpb(art, b->data + b->len, n, FLAGS) != n)))
		return json_decref(art), -1;
	json_decref(art);
	b->len += n;
	b->data[b->len++] = '\0';
	return spool_spill(&s->artifacts);
}

/* Append a string literal to a buffer. */
#define BLIT(b, s) buf_add(b, s, sizeof(s) - 1)

/* s appended to b as a JSON string, as jansson dumps it with
 * JSON_ENSURE_ASCII (NULL: null; text that is not printable ASCII
 * through jtext and jansson, as render_json_str).  0 or -1. */
static int
put_str_in(struct credaudit_render *r, struct buf *b, const char *s)
{
	json_t *v;
	size_t i, n;

	if (s == NULL)
		return BLIT(b, "null");
	for (i = 0; s[i] >= 0x20 && s[i] < 0x7F && s[i] != '"' && s[i] != '\\'; i++)
		;
	if (s[i] == '\0') {
		if (buf_grow(b, i + 2) == -1)
			return -1;
		b->data[b->len] = '"';
		memcpy(b->data + b->len + 1, s, i);
		b->data[b->len + i + 1] = '"';
		b->len += i + 2;
		return 0;
	}
	if ((v = jtext(r, s)) == NULL)
		return -1;
	n = json_dumpb(v, NULL, 0, FLAGS | JSON_ENCODE_ANY);
	if (n == 0 || buf_grow(b, n) == -1 ||
	    json_dumpb(v, b->data + b->len, n, FLAGS | JSON_ENCODE_ANY) != n) {
		json_decref(v);
		return -1;
	}
	json_decref(v);
	b->len += n;
	return 0;
}

/* v appended to b in decimal.  0 or -1. */
static int
put_num_in(struct buf *b, unsigned long long v)
{
	char d[24], *p = d + sizeof(d);

	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	return buf_add(b, p, (size_t)(d + sizeof(d) - p));
}

/* One result of the input, in its artifact's properties. */
static int
artifact_result(struct credaudit_render *r, struct buf *b,
                const struct credaudit_result *res)
{
	int rc = BLIT(b, "\n      {\n        \"rule\": ");

	rc |= put_str_in(r, b, res->rule);
	rc |= BLIT(b, ",\n        \"status\": ");
	rc |= put_str_in(r, b, credaudit_status_name(res->status));
	rc |= BLIT(b, ",\n        \"findings\": ");
	rc |= put_num_in(b, res->nfindings);
	rc |= BLIT(b, ",\n        \"waived\": ");
	rc |= put_num_in(b, res->nwaived);
	rc |= BLIT(b, ",\n        \"reason\": ");
	rc |= put_str_in(r, b, res->reason);
	rc |= BLIT(b, ",\n        \"clause\": ");
	rc |= put_str_in(r, b, res->clause);
	rc |= BLIT(b, "\n      }");
	return rc;
}

/*
 * The artifact of an audited input appended to the artifacts' spool, byte for
 * byte what json_dumpb made of it with FLAGS (its properties as
 * input_properties has them), without building it.  0 or -1.
 */
static int
artifact_text(struct credaudit_render *r, const struct credaudit_report *rep)
{
	struct sarif *s = r->priv;
	struct buf *b = &s->artifacts.body;
	const struct credaudit_input *in = credaudit_report_input(rep);
	size_t i, n = credaudit_report_result_count(rep), start = b->len;
	char when[32];
	int64_t t;
	enum credaudit_asof_source src = as_of_text(rep, when, &t);
	int rc = BLIT(b, "{\n  \"location\": {\n    \"uri\": ");

	rc |= put_str_in(r, b, s->uri.data);
	rc |= BLIT(b, "\n  },\n  \"properties\": {\n    \"status\": \"audited\",\n"
	           "    \"account\": ");
	rc |= put_str_in(r, b, credaudit_report_account(rep));
	rc |= BLIT(b, ",\n    \"partition\": ");
	rc |= put_str_in(r, b, credaudit_report_partition(rep));
	rc |= BLIT(b, ",\n    \"rows\": ");
	rc |= put_num_in(b, credaudit_report_rows(rep));
	rc |= BLIT(b, ",\n    \"rootLine\": ");
	rc |= put_num_in(b, credaudit_report_root_line(rep));
	rc |= BLIT(b, ",\n    \"asOf\": {\n      \"time\": ");
	rc |= put_str_in(r, b, when[0] ? when : NULL);
	rc |= BLIT(b, ",\n      \"source\": ");
	rc |= put_str_in(r, b, credaudit_asof_source_name(src));
	rc |= BLIT(b, "\n    },\n    \"verdict\": ");
	rc |= put_str_in(r, b, credaudit_verdict_name(credaudit_report_verdict(rep)));
	rc |= BLIT(b, ",\n    \"results\": [");
	for (i = 0; i < n; i++) {
		rc |= i ? buf_addc(b, ',') : 0;
		rc |= artifact_result(r, b, credaudit_report_result(rep, i));
	}
	rc |= n ? BLIT(b, "\n    ]") : BLIT(b, "]");
	if (strcmp(credaudit_report_name(rep), "-") == 0)
		rc |= BLIT(b, ",\n    \"standardInput\": true");
	if (in != NULL) {
		rc |= BLIT(b, ",\n    \"input\": {\n      \"container\": ");
		rc |= put_str_in(r, b, in->container);
		rc |= in->complete ? BLIT(b, ",\n      \"complete\": true") :
		                     BLIT(b, ",\n      \"complete\": false");
		rc |= BLIT(b, ",\n      \"toolVersion\": ");
		rc |= put_str_in(r, b, in->tool_version);
		rc |= BLIT(b, "\n    }");
	}
	rc |= BLIT(b, "\n  }");
	if (in != NULL) {
		rc |= BLIT(b, ",\n  \"length\": ");
		rc |= put_num_in(b, in->size);
		rc |= BLIT(b, ",\n  \"hashes\": {\n    \"sha-256\": ");
		rc |= put_str_in(r, b, in->sha256);
		rc |= BLIT(b, "\n  }");
	}
	rc |= BLIT(b, "\n}");
	rc |= buf_addc(b, '\0');
	if (rc != 0)
		b->len = start;
	return rc ? -1 : spool_spill(&s->artifacts);
}

static int
sarif_report(struct credaudit_render *r, const struct credaudit_report *rep)
{
	struct sarif *s = r->priv;
	const struct credaudit_error *e = credaudit_report_error(rep);
	const struct credaudit_input *in = credaudit_report_input(rep);
	size_t i, index = s->nartifacts;

	s->uri.len = 0;
	if (path_uri(&s->uri, credaudit_report_name(rep), s->cwd[0] ? s->cwd : NULL) == -1 ||
	    buf_addc(&s->uri, '\0') == -1)
		return render_nomem(r);
	s->uri.len--;
	s->container = in != NULL && in->container != NULL &&
	               strcmp(in->container, "csv") != 0 ? in->container : NULL;
	if ((e ? artifact_json(r, rep, e) : artifact_text(r, rep)) == -1)
		return render_nomem(r);
	s->nartifacts++;
	if (e != NULL)
		return error_notification(r, e, index) == -1 ? (render_nomem(r)) : 0;
	for (i = 0; i < credaudit_report_finding_count(rep); i++) {
		const struct credaudit_finding *f = render_finding(r, rep, i);

		if (f == NULL)
			return -1;
		render_puts(r, s->nresults++ ? ",\n        " : "\n        ");
		if (result_out(r, rep, f, index) == -1)
			return -1;
	}
	return r->failed ? -1 : 0;
}

/* Accounts named in an automation id; more are named by count and hash. */
#define ID_ACCOUNTS 3
/* The prefix the GHAzDO service (GitHub Advanced Security for Azure
 * DevOps) requires of automationDetails.id and its properties' names. */
#define ADO "azuredevops/pipeline/build/"

/*
 * The category of the run ("credaudit/111122223333"): the same accounts
 * and rule selection give the same category whatever the files are called
 * or when the run was, so next month's upload replaces this one and keeps
 * its alerts.  "credaudit/" then the audited accounts (up to ID_ACCOUNTS,
 * joined by "+"; more as "N-accounts-HASH"; "no-account" when none was
 * audited, so that an unreadable report never replaces, and so closes, an
 * account's alerts), then "/" and the selected rule ids joined by "+" when
 * --rules selects fewer than all.  0 or -1 (memory).
 */
static int
category(struct credaudit_render *r, struct buf *id)
{
	const struct credaudit_summary *sum = r->sum;
	struct buf all = { 0 };
	size_t i, n = 0, nr = r->audit ? credaudit_audit_rule_count(r->audit) : 0;
	char fp[17];
	int rc = buf_adds(id, "credaudit/");

	for (i = 0; i < sum->n; i++)
		if (i == 0 || strcmp(sum->a[i].account, sum->a[i - 1].account) != 0) {
			rc |= buf_printf(&all, "%s%s", n ? "+" : "", sum->a[i].account);
			n++;
		}
	if (n == 0) {
		rc |= buf_adds(id, "no-account");
	} else if (n <= ID_ACCOUNTS) {
		rc |= buf_add(id, all.data, all.len);
	} else if ((rc |= buf_addc(&all, '\0')) == 0) {
		fingerprint(all.data, fp);
		rc |= buf_printf(id, "%zu-accounts-%s", n, fp);
	}
	buf_free(&all);
	for (i = 0; nr < credaudit_rule_count() && i < nr; i++)
		rc |= buf_printf(id, "%s%s", i ? "+" : "/", credaudit_audit_rule(r->audit, i)->id);
	return rc ? -1 : buf_addc(id, '\0') == -1 ? -1 : (id->len--, 0);
}

/* A GUID named by s (RFC 9562 version 8, custom): two FNV-1a hashes of s.
 * 0, or -1 when memory ran out. */
static int
name_guid(const char *s, struct buf *tmp, char out[37])
{
	char a[17], b[17];

	tmp->len = 0;
	if (buf_printf(tmp, "guid|%s", s) == -1)
		return -1;
	fingerprint(s, a);
	fingerprint(tmp->data, b);
	snprintf(out, 37, "%.8s-%.4s-8%.3s-%c%.3s-%.12s", a, a + 8, a + 13,
	         "89ab"[(b[0] - (b[0] >= 'a' ? 'a' - 10 : '0')) & 3], b + 1, b + 4);
	return 0;
}

/*
 * run.automationDetails: id "azuredevops/pipeline/build/" + the category +
 * "/" (code scanning reads the part before the last "/" as the category;
 * GHAzDO requires the prefix), and the pipeline properties GHAzDO requires,
 * stating that no build definition is involved (-1, its sentinel for a run
 * not associated with a saved definition).  NULL when memory ran out.
 */
static json_t *
automation_json(struct credaudit_render *r)
{
	struct buf cat = { 0 }, tmp = { 0 }, id = { 0 };
	char guid[37];
	json_t *o = NULL;

	if (category(r, &cat) == 0 && buf_printf(&id, ADO "%s/", cat.data) == 0 &&
	    name_guid(cat.data, &tmp, guid) == 0)
		o = json_pack("{s:o, s:{s:s, s:s, s:s, s:o}}", "id", jtext(r, id.data),
		              "properties", ADO "buildDefinitionId", "-1",
		              ADO "buildDefinitionName", "credaudit", ADO "phaseId", guid,
		              ADO "phaseName", jtext(r, cat.data));
	buf_free(&id);
	buf_free(&cat);
	buf_free(&tmp);
	return o;
}

/* Each file skipped on purpose: a notification of level "note" naming
 * it (not an artifact: the artifacts are the inputs), with its reason. */
static int
sarif_skipped(struct credaudit_render *r)
{
	struct sarif *s = r->priv;
	size_t i, n = credaudit_summary_skipped_count(r->sum);

	for (i = 0; i < n; i++) {
		const struct credaudit_skipped *k = credaudit_summary_skipped_file(r->sum, i);
		json_t *note;

		s->uri.len = 0;
		if (path_uri(&s->uri, k->path, s->cwd[0] ? s->cwd : NULL) == -1)
			return -1;
		note = json_pack("{s:s, s:{s:o}, s:[{s:{s:{s:s%}}}], s:{s:s, s:s?, s:o}}",
		                 "level", "note", "message", "text",
		                 jtext(r, k->duplicate_of ? "skipped: a duplicate of an "
		                       "input audited" : k->reason),
		                 "locations", "physicalLocation", "artifactLocation", "uri",
		                 s->uri.data, s->uri.len, "properties", "skipped",
		                 credaudit_skip_name(k->kind), "sha256", k->sha256,
		                 "duplicateOf", jtext(r, k->duplicate_of));
		if (note == NULL || json_array_append_new(s->notifications, note) == -1)
			return -1;
	}
	return 0;
}

/* spool_each's function: the spooled artifacts, a NUL after each, written
 * as the members of the "artifacts" array at depth 8. */
static int
artifacts_out(void *ctx, const char *p, size_t n)
{
	struct credaudit_render *r = ctx;
	struct sarif *s = r->priv;
	const char *end = p + n;

	while (p < end) {
		const char *nul = memchr(p, '\0', (size_t)(end - p));
		const char *stop = nul != NULL ? nul : end;

		if (!s->in_artifact) {
			render_puts(r, s->emitted++ ? ",\n        " : "\n        ");
			s->in_artifact = 1;
		}
		render_json_put(r, p, (size_t)(stop - p), 8);
		if (nul == NULL)
			break;
		s->in_artifact = 0;
		p = nul + 1;
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

	if (sarif_skipped(r) == -1)
		return render_nomem(r);
	while ((f = credaudit_summary_resolved_next(r->sum, &pos)) != NULL && !r->failed) {
		render_puts(r, s->nresults++ ? ",\n        " : "\n        ");
		render_json_dump(r, absent_json(r, f), FLAGS, 8);
	}
	render_puts(r, s->nresults ? "\n      ],\n      \"artifacts\": " :
	                             "],\n      \"artifacts\": ");
	/* as jansson writes the array at this depth: "[]" when empty */
	render_puts(r, s->nartifacts ? "[" : "[]");
	if (!r->failed && spool_each(&s->artifacts, artifacts_out, r) == -1)
		return render_nomem(r);
	if (s->nartifacts)
		render_puts(r, "\n      ]");
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
	render_puts(r, "\n      ],\n      \"automationDetails\": ");
	render_json_dump(r, automation_json(r), FLAGS, 6);
	return render_puts(r, "\n    }\n  ]\n}\n");
}

static void
sarif_cleanup(void *priv)
{
	struct sarif *s = priv;

	spool_free(&s->artifacts);
	json_decref(s->notifications);
	buf_free(&s->uri);
	buf_free(&s->tmp);
	ca_free(s);
}

const struct render_ops render_sarif_ops = {
	"sarif", "SARIF 2.1.0 for code scanning (docs/formats.md)",
	sarif_begin, sarif_report, sarif_finish, sarif_cleanup,
};
