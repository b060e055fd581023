/*
 * render_asff.c - AWS Security Finding Format (ASFF, SchemaVersion
 * 2018-10-08): one JSON array of findings, as BatchImportFindings of AWS
 * Security Hub takes them (at most 100 a call: docs/formats.md shows how
 * to split).  Per audited input: a finding per credaudit finding (FAILED;
 * waived ones SUPPRESSED) and one per selected rule without findings
 * (PASSED, or NOT_AVAILABLE when not evaluated), so Security Hub sees the
 * coverage.  An input that could not be audited has no account to file a
 * finding under, nor has one whose account id is not 12 digits: such an
 * input is left out (the exit status and every other format state it).  Timestamps are the as-of moment; Ids are stable.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "render/fmt.h"

#define FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII)
#define TYPE_BP "Software and Configuration Checks/AWS Security Best Practices"
#define TYPE_CIS "Industry and Regulatory Standards/CIS AWS Foundations Benchmark"

static const char *const sev_label[] = {
	"INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL"
};

/* priv: how many findings were written (a comma before all but the first). */
static int
asff_begin(struct credaudit_render *r)
{
	if ((r->priv = ca_malloc(sizeof(size_t))) == NULL)
		return render_nomem(r);
	*(size_t *)r->priv = 0;
	return render_puts(r, "[");
}

static void
asff_cleanup(void *priv)
{
	ca_free(priv);
}

/*
 * Report text as a JSON string of at most max characters (ASFF's length
 * limits count characters), made terminal-safe by esc_text (the Security
 * Hub console shows it: no control, bidi or zero-width character gets
 * through, each is written \xHH or \u{HHHH}); longer text is cut and ends
 * with "...".  NULL when memory ran out.
 */
static json_t *
text_max(struct credaudit_render *r, const char *s, size_t max)
{
	size_t i, n = 0, cut = 0;     /* esc_text's output is ASCII */

	r->scratch.len = 0;
	if (esc_text(&r->scratch, s ? s : "") == -1)
		return NULL;
	for (i = 0; i < r->scratch.len; i++)
		if (n++ == max - 3)
			cut = i;
	if (n <= max)
		return json_stringn(r->scratch.data ? r->scratch.data : "", r->scratch.len);
	r->scratch.len = cut;
	if (buf_add(&r->scratch, "...", 3) == -1)
		return NULL;
	return json_stringn(r->scratch.data, r->scratch.len);
}

/* The Region of ProductArn and Resources: a credential report has none,
 * IAM is global; Security Hub wants one, the partition's first. */
static const char *
region_of(const char *partition)
{
	if (partition != NULL && strcmp(partition, "aws-us-gov") == 0)
		return "us-gov-west-1";
	if (partition != NULL && strcmp(partition, "aws-cn") == 0)
		return "cn-north-1";
	return "us-east-1";
}

/* "Industry and Regulatory Standards/CIS..." too when a rule maps to CIS. */
static json_t *
types_json(const struct credaudit_rule_info *ri)
{
	size_t i;

	for (i = 0; i < ri->nrefs; i++)
		if (strncmp(ri->refs[i].framework, "CIS AWS", 7) == 0)
			return json_pack("[s, s]", TYPE_BP, TYPE_CIS);
	return json_pack("[s]", TYPE_BP);
}

/* Compliance.RelatedRequirements: "FRAMEWORK/ID", at most 32. */
static json_t *
compliance_json(const struct credaudit_rule_info *ri, const char *status)
{
	json_t *req = json_array();
	struct buf b = { 0 };
	size_t i;
	int bad = req == NULL;

	for (i = 0; i < ri->nrefs && i < 32 && !bad; i++) {
		b.len = 0;
		bad |= buf_printf(&b, "%s/%s", ri->refs[i].framework, ri->refs[i].id) ||
		       json_array_append_new(req, json_stringn(b.data, b.len));
	}
	buf_free(&b);
	if (bad) {
		json_decref(req);
		return NULL;
	}
	return json_pack("{s:s, s:o}", "Status", status, "RelatedRequirements", req);
}

/* The rule's numbered steps as one text of at most 512 characters. */
static json_t *
remediation_json(struct credaudit_render *r, const struct credaudit_rule_info *ri)
{
	struct buf b = { 0 };
	size_t i;
	int rc = 0;
	json_t *t;

	for (i = 0; i < ri->nremediation; i++)
		rc |= buf_printf(&b, "%s%zu. %s", i ? " " : "", i + 1, ri->remediation[i]);
	t = rc ? NULL : text_max(r, b.data ? b.data : "", 512);
	buf_free(&b);
	return json_pack("{s:{s:o}}", "Recommendation", "Text", t);
}

/* What every finding of a report has. */
struct ctx {
	const char *acct, *part, *region;
	char when[32], product[160], account_arn[96];
	const char *as_of_source;
};

static int
ctx_init(struct ctx *c, const struct credaudit_report *rep)
{
	int64_t t = 0;
	enum credaudit_asof_source src = credaudit_report_as_of(rep, &t);

	c->acct = credaudit_report_account(rep);
	c->part = credaudit_report_partition(rep);
	if (c->acct == NULL || c->part == NULL || strlen(c->acct) != 12 ||
	    strspn(c->acct, "0123456789") != 12 || strlen(c->part) > 20)
		return -1;
	c->region = region_of(c->part);
	c->as_of_source = credaudit_asof_source_name(src);
	credaudit_time_format(src == CREDAUDIT_ASOF_NONE ? 0 : t, c->when, sizeof(c->when));
	snprintf(c->product, sizeof(c->product),
	         "arn:%s:securityhub:%s:%s:product/%s/default", c->part, c->region,
	         c->acct, c->acct);
	snprintf(c->account_arn, sizeof(c->account_arn), "arn:%s:iam::%s:root",
	         c->part, c->acct);
	return 0;
}

/*
 * The fields every finding has.  key identifies the finding (fingerprinted
 * into the Id with the account and rule).
 */
static json_t *
base(struct credaudit_render *r, const struct ctx *c, const struct credaudit_rule_info *ri,
     const char *key, enum credaudit_severity sev, const char *status,
     const char *workflow)
{
	struct buf b = { 0 };
	char fp[17], id[160], gen[96];

	if (buf_printf(&b, "%s|%s|%s", c->acct, ri->id, key) == -1)
		return NULL;
	fingerprint(b.data, fp);
	buf_free(&b);
	snprintf(id, sizeof(id), "credaudit/%s/%s/%s", c->acct, ri->id, fp);
	snprintf(gen, sizeof(gen), "credaudit/%s", ri->id);
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:{s:s, s:s},"
	                 " s:s, s:o, s:o, s:{s:s}, s:s}",
	                 "SchemaVersion", "2018-10-08", "Id", id, "ProductArn", c->product,
	                 "ProductName", "credaudit", "CompanyName", "credaudit",
	                 "GeneratorId", gen, "AwsAccountId", c->acct, "Types", types_json(ri),
	                 "CreatedAt", c->when, "UpdatedAt", c->when, "Severity",
	                 "Label", sev_label[(unsigned)sev < 5 ? sev : 0], "Original",
	                 credaudit_severity_name(sev), "Title", ri->title,
	                 "Compliance", compliance_json(ri, status), "Remediation",
	                 remediation_json(r, ri), "Workflow", "Status", workflow,
	                 "RecordState", "ACTIVE");
}

/* Set key of o to v (both consumed); NULL when either is NULL or memory
 * ran out. */
static json_t *
put(json_t *o, const char *key, json_t *v)
{
	if (o == NULL || v == NULL) {
		json_decref(o);
		json_decref(v);
		return NULL;
	}
	if (json_object_set_new(o, key, v) == 0)
		return o;
	json_decref(o);
	return NULL;
}

static int
emit(struct credaudit_render *r, json_t *o)
{
	size_t *n = r->priv;

	render_puts(r, (*n)++ ? ",\n  " : "\n  ");
	return render_json_dump(r, o, FLAGS, 2);
}

static int
finding(struct credaudit_render *r, const struct credaudit_report *rep,
        const struct ctx *c, const struct credaudit_finding *f)
{
	const struct credaudit_rule_info *ri = credaudit_rule_find(f->rule);
	int root = f->user != NULL && strcmp(f->user, "<root_account>") == 0;
	struct buf key = { 0 };
	char line[24];
	json_t *o;

	if (ri == NULL || buf_printf(&key, "%s|%s", f->arn ? f->arn : "",
	                             f->credential ? f->credential : "") == -1)
		return render_nomem(r);
	o = base(r, c, ri, key.data, f->severity, "FAILED", WAIVED(f) ? "SUPPRESSED" : "NEW");
	buf_free(&key);
	o = put(o, "Description", text_max(r, f->message, 1024));
	o = put(o, "Resources", json_pack("[{s:s, s:o, s:s, s:s}]", "Type",
	        root ? "AwsAccount" : "AwsIamUser", "Id",
	        root ? json_string(c->account_arn) : text_max(r, f->arn, 512),
	        "Partition", c->part, "Region", c->region));
	snprintf(line, sizeof(line), "%lu", f->line);
	o = put(o, "ProductFields", json_pack("{s:s, s:o, s:s, s:s, s:o, s:s, s:s}",
	        "credaudit/rule", f->rule, "credaudit/file",
	        text_max(r, credaudit_report_name(rep), 2048), "credaudit/line", line,
	        "credaudit/credential", f->credential ? f->credential : "",
	        "credaudit/user", text_max(r, f->user, 2048), "credaudit/as_of_source",
	        c->as_of_source, "credaudit/waiver",
	        credaudit_waiver_state_name(f->waiver.state)));
	if (o != NULL && WAIVED(f))
		o = put(o, "Note", json_pack("{s:o, s:o, s:s}", "Text",
		        text_max(r, f->waiver.justification, 512), "UpdatedBy",
		        text_max(r, f->waiver.owner ? f->waiver.owner : "credaudit waivers", 512),
		        "UpdatedAt", c->when));
	return emit(r, o);
}

/* A selected rule without findings: PASSED, or NOT_AVAILABLE. */
static int
rule_result(struct credaudit_render *r, const struct credaudit_report *rep,
            const struct ctx *c, const struct credaudit_result *res)
{
	const struct credaudit_rule_info *ri = credaudit_rule_find(res->rule);
	int pass = res->status == CREDAUDIT_PASS;
	json_t *o;
	struct buf d = { 0 };

	if (ri == NULL || buf_printf(&d, "%s: %s", pass ? "No finding" : "Not evaluated",
	                             pass ? ri->title : res->reason ? res->reason : "") == -1)
		return render_nomem(r);
	o = base(r, c, ri, "", CREDAUDIT_SEV_INFO, pass ? "PASSED" : "NOT_AVAILABLE",
	         pass ? "RESOLVED" : "NEW");
	o = put(o, "Description", text_max(r, d.data, 1024));
	buf_free(&d);
	o = put(o, "Resources", json_pack("[{s:s, s:s, s:s, s:s}]", "Type", "AwsAccount",
	        "Id", c->account_arn, "Partition", c->part, "Region", c->region));
	o = put(o, "ProductFields", json_pack("{s:s, s:o, s:s, s:s}", "credaudit/rule",
	        res->rule, "credaudit/file", text_max(r, credaudit_report_name(rep), 2048),
	        "credaudit/status", credaudit_status_name(res->status),
	        "credaudit/as_of_source", c->as_of_source));
	return emit(r, o);
}

static int
asff_report(struct credaudit_render *r, const struct credaudit_report *rep)
{
	struct ctx c;
	size_t i;

	if (credaudit_report_error(rep) != NULL || ctx_init(&c, rep) == -1)
		return 0;
	for (i = 0; i < credaudit_report_result_count(rep); i++) {
		const struct credaudit_result *res = credaudit_report_result(rep, i);

		if ((res->status == CREDAUDIT_PASS || res->status == CREDAUDIT_NOT_EVALUATED) &&
		    rule_result(r, rep, &c, res) == -1)
			return -1;
	}
	for (i = 0; i < credaudit_report_finding_count(rep); i++) {
		const struct credaudit_finding *f = render_finding(r, rep, i);

		if (f == NULL || finding(r, rep, &c, f) == -1)
			return -1;
	}
	return r->failed ? -1 : 0;
}

static int
asff_finish(struct credaudit_render *r)
{
	return render_puts(r, *(size_t *)r->priv ? "\n]\n" : "]\n");
}

const struct render_ops render_asff_ops = {
	"asff", "AWS Security Finding Format for Security Hub: a JSON array",
	asff_begin, asff_report, asff_finish, asff_cleanup,
};
