/*
 * test_render.c - the text and JSON renderers through a memory sink:
 * document shape, hostile text, determinism and write failures.
 */
#include "testutil.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "report/verdict.h"

/* Hostile text: terminal escape, markup, a spreadsheet formula, quotes,
 * backslash, an invalid byte and RIGHT-TO-LEFT OVERRIDE. */
#define HOSTILE "evil\x1B[31m<script>=HYPERLINK(\"x\")'\\\xFF\xE2\x80\xAE" "cod.exe"
/* The same as a quoted CSV field. */
#define HOSTILE_CSV \
	"\"evil\x1B[31m<script>=HYPERLINK(\"\"x\"\")'\\\xFF\xE2\x80\xAE" "cod.exe\""
/* What survives into JSON: the invalid byte as U+FFFD. */
#define HOSTILE_UTF8 \
	"evil\x1B[31m<script>=HYPERLINK(\"x\")'\\\xEF\xBF\xBD\xE2\x80\xAE" "cod.exe"
/* What the text renderer shows. */
#define HOSTILE_TEXT \
	"evil\\x1B[31m<script>=HYPERLINK(\"x\")'\\\\\\xFF\\u{202E}cod.exe"

static const char fail_csv[] = HDR22 ROOT_KEY1 USER_ROW("alice");
static const char pass_csv[] = HDR22 ROOT_PASS USER_ROW("alice");
static const char yes_csv[] =
	HDR22
	"<root_account>," ROOT_ARN ",2019-03-04T10:00:00+00:00,not_supported,"
	"N/A,not_supported,not_supported,false,yes,N/A,N/A,N/A,N/A,false,N/A,"
	"N/A,N/A,N/A,false,N/A,false,N/A\n";

/* A root row with the hostile text as its key 1 region, a user named with
 * it, and the hostile text as the input name. */
static const char hostile_csv[] =
	HDR22
	ROOT_KEY1_IN(HOSTILE_CSV) "\n"
	HOSTILE_CSV ",arn:aws:iam::" ACCT ":user/evil,2020-01-15T12:00:00+00:00,"
	"false,N/A,N/A,N/A,false,true,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,"
	"false,N/A,false,N/A\n";

/* The hostile text in a value the audit rejects: an error report. */
static const char hostile_err_csv[] =
	HDR22
	"<root_account>," ROOT_ARN ",2019-03-04T10:00:00+00:00,not_supported,"
	"N/A,not_supported,not_supported,false," HOSTILE_CSV ",N/A,N/A,N/A,N/A,"
	"false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n";

static struct credaudit_report *
audit_named(const char *name, const char *csv)
{
	return audit_mem_rules("root-access-key", name, csv, strlen(csv));
}

static json_t *
parse_json(const struct memsink *m)
{
	json_error_t jerr;
	json_t *doc = json_loadb(m->data, m->len, 0, &jerr);

	if (doc == NULL)
		fail_msg("invalid JSON at %d:%d: %s\n%s", jerr.line, jerr.column,
		         jerr.text, m->data);
	return doc;
}

/* The member path of a JSON value, failing the test when absent. */
static json_t *
get(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (v == NULL)
		fail_msg("JSON member \"%s\" missing", key);
	return v;
}

static const char *
get_str(json_t *o, const char *key)
{
	json_t *v = get(o, key);

	assert_true(json_is_string(v));
	return json_string_value(v);
}

static json_int_t
get_int(json_t *o, const char *key)
{
	json_t *v = get(o, key);

	assert_true(json_is_integer(v));
	return json_integer_value(v);
}

/* Assert o's string members: kv holds name, value, name, value, ... NULL. */
static void
assert_strs(json_t *o, const char *const *kv)
{
	for (; kv[0] != NULL; kv += 2)
		assert_string_equal(get_str(o, kv[0]), kv[1]);
}

#define ASSERT_STRS(o, ...) assert_strs(o, (const char *const[]){ __VA_ARGS__, NULL })

/* Assert the counts of a JSON document's summary. */
static void
assert_summary(json_t *doc, json_int_t inputs, json_int_t audited, json_int_t errors,
               json_int_t findings, json_int_t critical)
{
	json_t *sum = get(doc, "summary");

	assert_int_equal(get_int(sum, "inputs"), inputs);
	assert_int_equal(get_int(sum, "audited"), audited);
	assert_int_equal(get_int(sum, "errors"), errors);
	assert_int_equal(get_int(sum, "findings"), findings);
	assert_int_equal(get_int(get(sum, "by_severity"), "critical"), critical);
}

static void
assert_contains(const char *hay, const char *needle)
{
	if (strstr(hay, needle) == NULL)
		fail_msg("output lacks \"%s\":\n%s", needle, hay);
}

static void
test_render_format_table(void **state)
{
	struct credaudit_error err;
	struct memsink m;

	(void)state;
	assert_int_equal(credaudit_format_count(), 8);
	assert_string_equal(credaudit_format_name(0), "text");
	assert_string_equal(credaudit_format_name(1), "json");
	assert_string_equal(credaudit_format_name(2), "sarif");
	assert_string_equal(credaudit_format_name(3), "junit");
	assert_string_equal(credaudit_format_name(4), "csv");
	assert_string_equal(credaudit_format_name(5), "ocsf");
	assert_string_equal(credaudit_format_name(6), "html");
	assert_string_equal(credaudit_format_name(7), "asff");
	assert_non_null(credaudit_format_description(0));
	assert_null(credaudit_format_name(8));
	assert_null(credaudit_format_description(8));
	memset(&err, 0, sizeof(err));
	memset(&m, 0, sizeof(m));
	assert_null(credaudit_render_new("xml", NULL, NULL, memsink_write, &m, &err));
	assert_int_equal(err.code, CREDAUDIT_ERR_USAGE);
	assert_contains(err.text, "unknown format 'xml'");
	assert_int_equal(m.calls, 0);
	credaudit_render_free(NULL);
}

static void
test_render_json_audited_input(void **state)
{
	struct credaudit_report *rep = audit_named("fail.csv", fail_csv);
	struct memsink m;
	json_t *doc, *inputs, *in, *findings, *f, *ev, *results, *res, *sev;

	(void)state;
	render_one("json", rep, &m);
	doc = parse_json(&m);
	assert_int_equal(get_int(doc, "schema_version"), 2);
	assert_string_equal(get_str(get(doc, "tool"), "name"), "credaudit");
	inputs = get(doc, "inputs");
	assert_true(json_is_array(inputs));
	assert_int_equal(json_array_size(inputs), 1);
	in = json_array_get(inputs, 0);
	ASSERT_STRS(in, "file", "fail.csv", "status", "audited", "verdict", "fail",
	            "account", ACCT, "partition", "aws");
	assert_int_equal(get_int(in, "rows"), 2);
	assert_int_equal(get_int(in, "root_line"), 2);
	assert_string_equal(get_str(get(in, "as_of"), "source"),
	                    "report_latest_timestamp");
	assert_string_equal(get_str(get(in, "as_of"), "time"), "2024-05-31T11:00:00Z");

	findings = get(in, "findings");
	assert_true(json_is_array(findings));
	assert_int_equal(json_array_size(findings), 1);
	f = json_array_get(findings, 0);
	ASSERT_STRS(f, "rule", "root-access-key", "severity", "critical",
	            "user", "<root_account>", "arn", ROOT_ARN, "credential", "access_key_1",
	            "message", "root user has an active access key (access_key_1), "
	            "created 2021-06-01, last used 2024-05-02 in us-east-1 for s3");
	assert_int_equal(get_int(f, "line"), 2);
	ev = get(f, "evidence");
	assert_true(json_is_object(ev));
	assert_int_equal(json_object_size(ev), 4);
	ASSERT_STRS(ev, "access_key_1_last_rotated", "2021-06-01T09:30:00+00:00",
	            "access_key_1_last_used_date", "2024-05-02T17:45:00+00:00",
	            "access_key_1_last_used_region", "us-east-1",
	            "access_key_1_last_used_service", "s3");

	results = get(in, "results");
	assert_int_equal(json_array_size(results), 1);
	res = json_array_get(results, 0);
	assert_string_equal(get_str(res, "rule"), "root-access-key");
	assert_string_equal(get_str(res, "status"), "fail");
	assert_int_equal(get_int(res, "findings"), 1);

	assert_summary(doc, 1, 1, 0, 1, 1);
	sev = get(get(doc, "summary"), "by_severity");
	assert_int_equal(get_int(sev, "high"), 0);
	assert_int_equal(get_int(sev, "info"), 0);
	json_decref(doc);
	memsink_free(&m);
	credaudit_report_free(rep);
}

static void
test_render_json_error_and_pass_inputs(void **state)
{
	struct credaudit_report *reps[3];
	struct memsink m;
	json_t *doc, *inputs, *in, *e;

	(void)state;
	reps[0] = audit_named("pass.csv", pass_csv);
	reps[1] = audit_named("bad.csv", yes_csv);
	reps[2] = audit_named("fail.csv", fail_csv);
	render_mem("json", reps, 3, &m);
	doc = parse_json(&m);
	inputs = get(doc, "inputs");
	assert_int_equal(json_array_size(inputs), 3);

	in = json_array_get(inputs, 0);
	assert_string_equal(get_str(in, "status"), "audited");
	assert_string_equal(get_str(in, "verdict"), "pass");
	assert_int_equal(json_array_size(get(in, "findings")), 0);
	assert_string_equal(get_str(json_array_get(get(in, "results"), 0), "status"),
	                    "pass");

	in = json_array_get(inputs, 1);
	assert_string_equal(get_str(in, "file"), "bad.csv");
	assert_string_equal(get_str(in, "status"), "error");
	assert_null(json_object_get(in, "findings"));
	e = get(in, "error");
	assert_contains(get_str(e, "message"), "access_key_1_active is \"yes\"");
	assert_int_equal(get_int(e, "line"), 2);
	assert_int_equal(get_int(e, "column"), 9);

	in = json_array_get(inputs, 2);
	assert_string_equal(get_str(in, "verdict"), "fail");

	assert_summary(doc, 3, 2, 1, 1, 1);
	json_decref(doc);
	memsink_free(&m);
	free_reports(reps, 3);
}

static void
test_render_json_no_inputs(void **state)
{
	struct memsink m;
	json_t *doc;

	(void)state;
	render_mem("json", NULL, 0, &m);
	doc = parse_json(&m);
	assert_int_equal(json_array_size(get(doc, "inputs")), 0);
	assert_int_equal(get_int(get(doc, "summary"), "inputs"), 0);
	json_decref(doc);
	memsink_free(&m);
}

static void
test_render_text_audited_and_error(void **state)
{
	struct credaudit_report *reps[3];
	struct memsink m;

	(void)state;
	reps[0] = audit_named("fail.csv", fail_csv);
	reps[1] = audit_named("bad.csv", yes_csv);
	reps[2] = audit_named("pass.csv", pass_csv);
	render_mem("text", reps, 3, &m);
	assert_contains(m.data, "fail.csv: account " ACCT " (aws), 2 rows, root on line 2\n");
	assert_contains(m.data, "  FAIL critical root-access-key: control not met: The root user has no "
	                "active access key\n    line 2  <root_account>  access_key_1\n");
	assert_contains(m.data,
	                "      root user has an active access key (access_key_1), "
	                "created 2021-06-01, last used 2024-05-02 in us-east-1 for s3\n");
	assert_contains(m.data, "    remediation:\n      1. Find what uses the key");
	assert_contains(m.data, "    verification: Generate a new credential report");
	assert_contains(m.data, "      evidence: access_key_1_last_rotated=2021-06-01T09:30:00+00:00, "
	                "access_key_1_last_used_date=2024-05-02T17:45:00+00:00, "
	                "access_key_1_last_used_region=us-east-1, "
	                "access_key_1_last_used_service=s3\n");
	assert_contains(m.data, "  verdict: FAIL (1 finding)\n");
	assert_contains(m.data, "bad.csv:2:9: error: access_key_1_active is \"yes\"");
	assert_contains(m.data, "  verdict: ERROR (not audited)\n");
	assert_contains(m.data, "  passed: root-access-key\n");
	assert_contains(m.data, "  verdict: PASS\n");
	assert_contains(m.data,
	                "\n3 inputs: 2 audited, 1 not audited (error), 1 finding (critical 1)\n");
	/* No colour unless asked. */
	assert_null(strchr(m.data, '\x1B'));
	memsink_free(&m);
	free_reports(reps, 3);
}

static void
test_render_text_color_when_asked(void **state)
{
	struct credaudit_report *rep = audit_named("fail.csv", fail_csv);
	struct credaudit_render_opts ro = { .color = 1 };
	struct credaudit_render *r;
	struct credaudit_error err;
	struct memsink m;

	(void)state;
	memset(&m, 0, sizeof(m));
	memset(&err, 0, sizeof(err));
	r = credaudit_render_new("text", NULL, &ro, memsink_write, &m, &err);
	assert_non_null(r);
	assert_int_equal(credaudit_render_report(r, rep, &err), 0);
	assert_int_equal(credaudit_render_finish(r, &err), 0);
	assert_contains(m.data, "\x1B[31mcritical");
	credaudit_render_free(r);
	memsink_free(&m);
	credaudit_report_free(rep);
}

/* Every byte is printable ASCII or a newline. */
static void
assert_plain_ascii(const struct memsink *m, const char *what)
{
	size_t i;

	for (i = 0; i < m->len; i++) {
		unsigned char c = (unsigned char)m->data[i];

		if ((c < 0x20 && c != '\n') || c >= 0x7F)
			fail_msg("%s output has byte 0x%02X at %zu:\n%s", what, c, i, m->data);
	}
}

static void
test_render_hostile_text_is_escaped(void **state)
{
	struct credaudit_report *reps[2];
	struct memsink m;

	(void)state;
	reps[0] = audit_named(HOSTILE, hostile_csv);
	reps[1] = audit_named(HOSTILE, hostile_err_csv);
	assert_null(credaudit_report_error(reps[0]));
	assert_non_null(credaudit_report_error(reps[1]));
	assert_int_equal(credaudit_report_error(reps[1])->column, 9);
	render_mem("text", reps, 2, &m);
	assert_plain_ascii(&m, "text");
	/* The input name and the region, escaped and recognisable. */
	assert_contains(m.data, HOSTILE_TEXT ": account " ACCT);
	assert_contains(m.data, "in " HOSTILE_TEXT " for s3\n");
	/* an evidence value that is not plain is quoted, its '"' escaped */
	assert_contains(m.data, "access_key_1_last_used_region=\"evil\\x1B[31m<script>"
	                "=HYPERLINK(\\\"x\\\")'\\\\\\xFF\\u{202E}cod.exe\",");
	assert_contains(m.data, HOSTILE_TEXT ":2:9: error: access_key_1_active is ");
	memsink_free(&m);
	free_reports(reps, 2);
}

static void
test_render_hostile_json_is_ascii_and_round_trips(void **state)
{
	struct credaudit_report *reps[2];
	struct memsink m;
	json_t *doc, *in, *f;

	(void)state;
	reps[0] = audit_named(HOSTILE, hostile_csv);
	reps[1] = audit_named(HOSTILE, hostile_err_csv);
	render_mem("json", reps, 2, &m);
	assert_plain_ascii(&m, "JSON");
	doc = parse_json(&m);
	in = json_array_get(get(doc, "inputs"), 0);
	assert_string_equal(get_str(in, "file"), HOSTILE_UTF8);
	f = json_array_get(get(in, "findings"), 0);
	assert_non_null(f);
	assert_string_equal(get_str(get(f, "evidence"), "access_key_1_last_used_region"),
	                    HOSTILE_UTF8);
	assert_contains(get_str(f, "message"), "in " HOSTILE_UTF8 " for s3");
	in = json_array_get(get(doc, "inputs"), 1);
	assert_string_equal(get_str(in, "status"), "error");
	assert_string_equal(get_str(in, "file"), HOSTILE_UTF8);
	assert_contains(get_str(get(in, "error"), "message"), "access_key_1_active is \"evil");
	json_decref(doc);
	memsink_free(&m);
	free_reports(reps, 2);
}

/* DEL (0x7F) is ASCII, so JSON_ENSURE_ASCII lets it through: it is
 * written as \u007f, and reads back as the same byte. */
static void
test_render_json_escapes_del(void **state)
{
	static const char csv[] =
		HDR22 ROOT_KEY1_IN("us-\x7f" "east-1") "\n";
	struct credaudit_report *rep = audit_named("del\x7f.csv", csv);
	struct memsink m;
	json_t *doc, *in, *f;

	(void)state;
	render_mem("json", &rep, 1, &m);
	assert_plain_ascii(&m, "JSON");
	assert_contains(m.data, "us-\\u007feast-1");
	doc = parse_json(&m);
	in = json_array_get(get(doc, "inputs"), 0);
	assert_string_equal(get_str(in, "file"), "del\x7f.csv");
	f = json_array_get(get(in, "findings"), 0);
	assert_string_equal(get_str(get(f, "evidence"), "access_key_1_last_used_region"),
	                    "us-\x7f" "east-1");
	json_decref(doc);
	memsink_free(&m);
	credaudit_report_free(rep);
}

static void
test_render_deterministic(void **state)
{
	static const char *const formats[] = { "text", "json" };
	struct credaudit_report *reps[3];
	struct memsink a, b;
	size_t i;

	(void)state;
	reps[0] = audit_named("fail.csv", fail_csv);
	reps[1] = audit_named("bad.csv", yes_csv);
	reps[2] = audit_named(HOSTILE, hostile_csv);
	for (i = 0; i < 2; i++) {
		render_mem(formats[i], reps, 3, &a);
		render_mem(formats[i], reps, 3, &b);
		assert_true(a.len > 0);
		assert_int_equal(a.len, b.len);
		assert_memory_equal(a.data, b.data, a.len);
		memsink_free(&a);
		memsink_free(&b);
	}
	free_reports(reps, 3);
}

/* Render with writes failing from the fail_after-th one after render_new. */
static void
check_write_failure(const char *format, size_t fail_after)
{
	struct credaudit_report *rep = audit_named("fail.csv", fail_csv);
	struct credaudit_render *r;
	struct credaudit_error err;
	struct memsink m;

	memset(&m, 0, sizeof(m));
	memset(&err, 0, sizeof(err));
	r = credaudit_render_new(format, NULL, NULL, memsink_write, &m, &err);
	assert_non_null(r);
	m.fail_at = m.calls + fail_after;
	assert_int_equal(credaudit_render_report(r, rep, &err), -1);
	assert_int_equal(err.code, CREDAUDIT_ERR_INTERNAL);
	assert_contains(err.text, format);
	memset(&err, 0, sizeof(err));
	assert_int_equal(credaudit_render_finish(r, &err), -1);
	assert_int_equal(err.code, CREDAUDIT_ERR_INTERNAL);
	credaudit_render_free(r);
	memsink_free(&m);
	credaudit_report_free(rep);
}

static void
test_render_write_failure_is_internal_error(void **state)
{
	(void)state;
	check_write_failure("text", 1);
	check_write_failure("json", 1);
}

/* A report of n users without MFA, each a finding of
 * user-console-without-mfa: output far larger than the render buffer. */
static struct credaudit_report *
audit_many(size_t n)
{
	struct credaudit_report *rep;
	char *csv = malloc(1024 + n * 256), *p = csv;
	size_t i;

	assert_non_null(csv);
	p += sprintf(p, "%s%s", HDR22, ROOT_PASS);
	for (i = 0; i < n; i++)
		p += sprintf(p, "u%05zu,arn:aws:iam::" ACCT ":user/u%05zu,"
		             "2020-01-15T12:00:00+00:00,true,2024-05-30T07:00:00+00:00,"
		             "2024-01-10T12:00:00+00:00,N/A,false,false,N/A,N/A,N/A,N/A,"
		             "false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n", i, i);
	rep = audit_mem_rules("user-console-without-mfa", "many.csv", csv, (size_t)(p - csv));
	free(csv);
	return rep;
}

/* Whether text (len bytes) is again's bytes, DEL aside (the renderers
 * write it \u007f, jansson as it is); counts the DELs in *ndel. */
static int
same_but_del(const char *text, size_t len, const char *again, size_t *ndel)
{
	size_t i = 0, k = 0;

	while (again[k] != '\0' && i < len) {
		if (again[k] == '\x7f' && len - i >= 6 && memcmp(text + i, "\\u007f", 6) == 0) {
			i += 6;
			++*ndel;
		} else if (again[k] == text[i]) {
			i++;
		} else {
			return 0;
		}
		k++;
	}
	return again[k] == '\0' && i == len;
}

/* The reports both dump tests render first: findings, hostile text and a
 * hostile input name, an input error, a pass, many users. */
static void
audit_dump_cases(struct credaudit_report **reps)
{
	reps[0] = audit_mem_rules(NULL, "fail.csv", fail_csv, strlen(fail_csv));
	reps[1] = audit_mem_rules(NULL, "hostile\x7f\xc3\xa9.csv", hostile_csv,
	                          strlen(hostile_csv));
	reps[2] = audit_mem_rules(NULL, "bad.csv", yes_csv, strlen(yes_csv));
	reps[3] = audit_mem_rules(NULL, "pass.csv", pass_csv, strlen(pass_csv));
	reps[4] = audit_many(30);
}

/*
 * The JSON document, parts of which the renderer writes itself (results,
 * strings) rather than through jansson's dump: parsed back by jansson and
 * dumped again with the renderer's flags, it gives the same bytes (DEL,
 * which the renderer writes \u007f, aside).
 */
static void
test_render_json_equals_jansson_dump(void **state)
{
	struct credaudit_report *reps[5];
	json_error_t jerr;
	struct memsink m;
	json_t *doc;
	char *again;
	size_t ndel = 0;

	(void)state;
	audit_dump_cases(reps);
	render_mem("json", reps, 5, &m);
	doc = json_loadb(m.data, m.len, 0, &jerr);
	assert_non_null(doc);
	again = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
	assert_non_null(again);
	/* jansson writes DEL as it is; the renderer as \u007f */
	assert_true(m.len > 0 && m.data[m.len - 1] == '\n');
	assert_true(same_but_del(m.data, m.len - 1, again, &ndel));
	assert_true(ndel > 0);
	free(again);
	json_decref(doc);
	memsink_free(&m);
	free_reports(reps, 5);
}

/*
 * sarif and ocsf write their results and events member by member rather
 * than through jansson's dump: parsed back by jansson and dumped again
 * with each renderer's flags, the output gives the same bytes (the SARIF
 * document whole, each OCSF line on its own), for findings, an input
 * error, hostile text and a hostile input name, applied and expired
 * waivers, and many users.
 */
static void
test_render_sarif_ocsf_equal_jansson_dump(void **state)
{
	/* a user named with DEL, which SARIF states in a result's message */
	static const char del_csv[] =
		HDR22 ROOT_PASS
		"del\x7fuser,arn:aws:iam::" ACCT ":user/del,2020-01-15T12:00:00+00:00,"
		"false,N/A,N/A,N/A,false,true,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,"
		"false,N/A,false,N/A\n";
	struct credaudit_opts o = { 0 };
	struct credaudit_report *reps[8];
	json_error_t jerr;
	struct memsink m;
	json_t *doc;
	char *again, *line, *nl;
	size_t ndel = 0, nlines = 0;

	(void)state;
	audit_dump_cases(reps);
	/* waivers apply at an as-of time given, not at a lower bound */
	o.as_of_source = CREDAUDIT_ASOF_OPTION;
	o.as_of = 1717200000;   /* 2024-06-01T00:00:00Z */
	reps[5] = audit_waivers(&o, ROOT_WAIVER("root-access-key", "2030-01-01"), fail_csv);
	reps[6] = audit_waivers(&o, ROOT_WAIVER("root-access-key", "2020-01-01"), fail_csv);
	reps[7] = audit_mem_rules(NULL, "del.csv", del_csv, strlen(del_csv));
	assert_true(credaudit_report_finding_count(reps[7]) > 0);
	render_mem("sarif", reps, 8, &m);
	assert_non_null(strstr(m.data, "\"suppressions\""));
	doc = json_loadb(m.data, m.len, 0, &jerr);
	assert_non_null(doc);
	again = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
	assert_non_null(again);
	assert_true(m.len > 0 && m.data[m.len - 1] == '\n');
	assert_true(same_but_del(m.data, m.len - 1, again, &ndel));
	assert_true(ndel > 0);
	free(again);
	json_decref(doc);
	memsink_free(&m);

	render_mem("ocsf", reps, 8, &m);
	assert_non_null(strstr(m.data, "\"status\":\"Suppressed\""));
	assert_non_null(strstr(m.data, "\"status\":\"expired\""));
	for (ndel = 0, line = m.data; (nl = strchr(line, '\n')) != NULL; line = nl + 1) {
		doc = json_loadb(line, (size_t)(nl - line), 0, &jerr);
		assert_non_null(doc);
		again = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
		assert_non_null(again);
		assert_true(same_but_del(line, (size_t)(nl - line), again, &ndel));
		free(again);
		json_decref(doc);
		nlines++;
	}
	assert_string_equal(line, "");
	assert_true(nlines > 100);
	assert_true(ndel > 0);
	memsink_free(&m);
	free_reports(reps, 8);
}

/*
 * Output goes to the sink in large pieces (the render buffer, flushed
 * when full and at the end of each call): a report larger than the buffer
 * takes several writes, none larger than the buffer but the last piece,
 * its bytes those of an unbuffered render, and a write failing in the
 * middle of it fails the report.
 */
static void
test_render_buffered_writes(void **state)
{
	static const char *const formats[] = { "text", "json", "csv", "sarif" };
	struct credaudit_report *rep = audit_many(2000);
	struct credaudit_render *r;
	struct credaudit_error err;
	struct memsink m;
	size_t i, before;

	(void)state;
	for (i = 0; i < 4; i++) {
		memset(&m, 0, sizeof(m));
		memset(&err, 0, sizeof(err));
		r = credaudit_render_new(formats[i], NULL, NULL, memsink_write, &m, &err);
		assert_non_null(r);
		before = m.calls;
		assert_int_equal(credaudit_render_report(r, rep, &err), 0);
		assert_true(m.len > 3 * 65536);
		assert_true(m.calls - before >= 3);
		assert_true(m.calls - before <= m.len / 32768 + 1);
		assert_int_equal(credaudit_render_finish(r, &err), 0);
		credaudit_render_free(r);
		/* a failure at the second write of the report */
		memset(&err, 0, sizeof(err));
		memsink_free(&m);
		r = credaudit_render_new(formats[i], NULL, NULL, memsink_write, &m, &err);
		assert_non_null(r);
		m.fail_at = m.calls + 2;
		assert_int_equal(credaudit_render_report(r, rep, &err), -1);
		assert_int_equal(err.code, CREDAUDIT_ERR_INTERNAL);
		assert_contains(err.text, formats[i]);
		credaudit_render_free(r);
		memsink_free(&m);
	}
	credaudit_report_free(rep);
}

static void
test_render_write_failure_at_finish(void **state)
{
	static const char *const formats[] = { "text", "json" };
	struct credaudit_report *rep = audit_named("fail.csv", fail_csv);
	struct credaudit_render *r;
	struct credaudit_error err;
	struct memsink m;
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		memset(&m, 0, sizeof(m));
		memset(&err, 0, sizeof(err));
		r = credaudit_render_new(formats[i], NULL, NULL, memsink_write, &m, &err);
		assert_non_null(r);
		assert_int_equal(credaudit_render_report(r, rep, &err), 0);
		m.fail_at = m.calls + 1;
		assert_int_equal(credaudit_render_finish(r, &err), -1);
		assert_int_equal(err.code, CREDAUDIT_ERR_INTERNAL);
		credaudit_render_free(r);
		memsink_free(&m);
	}
	/* JSON writes when it starts: a sink that fails at once fails _new. */
	memset(&m, 0, sizeof(m));
	memset(&err, 0, sizeof(err));
	m.fail_at = 1;
	assert_null(credaudit_render_new("json", NULL, NULL, memsink_write, &m, &err));
	assert_int_equal(err.code, CREDAUDIT_ERR_INTERNAL);
	memsink_free(&m);
	credaudit_report_free(rep);
}


/* The audit of the given rules and --fail-on word (NULL: the default). */
static struct credaudit_audit *
audit_fail_on(const char *rules, const char *fail_on)
{
	const struct credaudit_opts o = { .rules = rules, .fail_on = fail_on };
	struct credaudit_audit *a = audit_new_ok(&o);

	assert_int_equal(credaudit_audit_fail_on(a), fail_on ? CREDAUDIT_SEV_CRITICAL :
	                 CREDAUDIT_SEV_LOW);
	return a;
}

static struct credaudit_report *
audit_with(const struct credaudit_audit *a, const char *csv)
{
	struct credaudit_error err;
	struct credaudit_report *rep;

	memset(&err, 0, sizeof(err));
	rep = credaudit_audit_buffer(a, "fail.csv", csv, strlen(csv), &err);
	assert_non_null(rep);
	return rep;
}

/* Render rep of audit a in format with a summary of its own; the
 * summary's exit status into *status. */
static void
render_status(const char *format, const struct credaudit_audit *a,
              struct credaudit_report *rep, struct memsink *m, int *status)
{
	struct credaudit_error err;
	struct credaudit_render *r;

	memset(m, 0, sizeof(*m));
	memset(&err, 0, sizeof(err));
	r = credaudit_render_new(format, a, NULL, memsink_write, m, &err);
	assert_non_null(r);
	assert_int_equal(credaudit_render_report(r, rep, &err), 0);
	assert_int_equal(credaudit_render_finish(r, &err), 0);
	*status = credaudit_summary_exit_status(credaudit_render_summary(r));
	credaudit_render_free(r);
	assert_int_equal(memsink_write(m, "", 1), 0);
}

/* A finding below --fail-on: the rule fails but does not count; every
 * format says PASS and the exit status is 0. */
static void
test_render_fail_on_below_threshold_passes(void **state)
{
	struct credaudit_audit *a = audit_fail_on("root-recent-use", "critical");
	struct credaudit_report *rep = audit_with(a, fail_csv);
	const struct credaudit_result *res = credaudit_report_result(rep, 0);
	struct memsink m;
	json_t *doc, *in;
	int status;

	(void)state;
	assert_int_equal(res->status, CREDAUDIT_FAIL);
	assert_int_equal(res->nfindings, 1);
	assert_int_equal(res->nblocking, 0);
	assert_int_equal(credaudit_report_verdict(rep), CREDAUDIT_VERDICT_PASS);
	render_status("text", a, rep, &m, &status);
	assert_int_equal(status, 0);
	assert_contains(m.data, "  WARN high     root-recent-use: control not met: ");
	assert_contains(m.data, "(below --fail-on critical)\n");
	assert_contains(m.data, "  verdict: PASS (1 finding, 1 below --fail-on critical)\n");
	assert_null(strstr(m.data, "FAIL"));
	memsink_free(&m);
	render_status("junit", a, rep, &m, &status);
	assert_null(strstr(m.data, "<failure"));
	assert_contains(m.data, "failures=\"0\"");
	assert_contains(m.data, "<system-out>1 finding below --fail-on critical\n");
	memsink_free(&m);
	render_status("html", a, rep, &m, &status);
	assert_contains(m.data, "Verdict: PASS &#8212; 1 finding (0 waived, 1 below "
	                "--fail-on critical)");
	assert_null(strstr(m.data, ">FAIL<"));
	memsink_free(&m);
	render_status("json", a, rep, &m, &status);
	m.len--;
	doc = parse_json(&m);
	in = json_array_get(get(doc, "inputs"), 0);
	assert_string_equal(get_str(in, "verdict"), "pass");
	assert_int_equal(get_int(json_array_get(get(in, "results"), 0), "blocking"), 0);
	assert_string_equal(get_str(get(doc, "summary"), "verdict"), "pass");
	json_decref(doc);
	memsink_free(&m);
	credaudit_report_free(rep);
	credaudit_audit_free(a);
	/* the default, low: the same finding counts */
	a = audit_fail_on("root-recent-use", NULL);
	rep = audit_with(a, fail_csv);
	assert_int_equal(credaudit_report_result(rep, 0)->nblocking, 1);
	assert_int_equal(credaudit_report_verdict(rep), CREDAUDIT_VERDICT_FAIL);
	render_status("text", a, rep, &m, &status);
	assert_int_equal(status, 1);
	assert_contains(m.data, "  FAIL high     root-recent-use: control not met: ");
	assert_contains(m.data, "  verdict: FAIL (1 finding)\n");
	memsink_free(&m);
	credaudit_report_free(rep);
	credaudit_audit_free(a);
}

static void
test_render_fail_on_bad_word_is_usage(void **state)
{
	struct credaudit_opts o;
	struct credaudit_error err;

	(void)state;
	memset(&o, 0, sizeof(o));
	memset(&err, 0, sizeof(err));
	o.fail_on = "severe";
	assert_null(credaudit_audit_new(&o, &err));
	assert_int_equal(err.code, CREDAUDIT_ERR_USAGE);
	assert_contains(err.text, "--fail-on");
}

/* The status of a rule is judged once, from its findings' waivers and
 * severities: all waived is waived (never pass), one not waived is fail. */
static void
test_render_result_judge(void **state)
{
	struct credaudit_finding f[3];
	struct credaudit_result res;

	(void)state;
	memset(f, 0, sizeof(f));
	memset(&res, 0, sizeof(res));
	f[0].rule = f[1].rule = "two-active-keys";
	f[2].rule = "root-mfa";
	f[0].severity = f[1].severity = CREDAUDIT_SEV_MEDIUM;
	f[2].severity = CREDAUDIT_SEV_CRITICAL;
	f[0].waiver.state = f[1].waiver.state = CREDAUDIT_WAIVER_APPLIED;
	res.rule = "two-active-keys";
	res.nfindings = res.nwaived = 2;
	credaudit__result_judge(&res, f, 3, CREDAUDIT_SEV_LOW);
	assert_int_equal(res.status, CREDAUDIT_WAIVED);
	assert_int_equal(res.nblocking, 0);
	assert_string_equal(credaudit_status_name(res.status), "waived");
	/* an expired waiver does not apply */
	f[1].waiver.state = CREDAUDIT_WAIVER_EXPIRED;
	res.nwaived = 1;
	credaudit__result_judge(&res, f, 3, CREDAUDIT_SEV_LOW);
	assert_int_equal(res.status, CREDAUDIT_FAIL);
	assert_int_equal(res.nblocking, 1);
	credaudit__result_judge(&res, f, 3, CREDAUDIT_SEV_HIGH);
	assert_int_equal(res.status, CREDAUDIT_FAIL);
	assert_int_equal(res.nblocking, 0);
	res.nfindings = res.nwaived = 0;
	credaudit__result_judge(&res, f, 0, CREDAUDIT_SEV_LOW);
	assert_int_equal(res.status, CREDAUDIT_PASS);
	assert_string_equal(credaudit_verdict_name(CREDAUDIT_VERDICT_ERROR), "error");
}

/* The run's summary through the library: error over fail over pass. */
static void
test_render_summary_exit_status(void **state)
{
	struct credaudit_report *fail = audit_named("fail.csv", fail_csv);
	struct credaudit_report *pass = audit_named("pass.csv", pass_csv);
	struct credaudit_report *bad = audit_named("bad.csv", yes_csv);
	struct credaudit_summary *s;
	struct credaudit_error err;

	(void)state;
	memset(&err, 0, sizeof(err));
	s = credaudit_summary_new(NULL, &err);
	assert_non_null(s);
	assert_int_equal(credaudit_summary_exit_status(s), 0);
	assert_int_equal(credaudit_summary_add(s, pass, &err), 0);
	assert_int_equal(credaudit_summary_verdict(s), CREDAUDIT_VERDICT_PASS);
	assert_int_equal(credaudit_summary_add(s, fail, &err), 0);
	assert_int_equal(credaudit_summary_exit_status(s), 1);
	assert_int_equal(credaudit_summary_add(s, bad, &err), 0);
	assert_int_equal(credaudit_summary_exit_status(s), CREDAUDIT_ERR_INPUT);
	credaudit_summary_skipped(s, 2, 3);
	assert_int_equal(credaudit_summary_totals(s)->inputs, 3);
	assert_int_equal(credaudit_summary_totals(s)->audited, 2);
	assert_int_equal(credaudit_summary_totals(s)->failed, 1);
	assert_int_equal(credaudit_summary_totals(s)->passed, 1);
	assert_int_equal(credaudit_summary_totals(s)->blocking, 1);
	assert_int_equal(credaudit_summary_totals(s)->skipped_other, 3);
	credaudit_summary_free(s);
	credaudit_summary_free(NULL);
	credaudit_report_free(fail);
	credaudit_report_free(pass);
	credaudit_report_free(bad);
}

/* jansson's allocations fail after a budget; its frees go to free(). */
static size_t json_budget;

static void *
json_limited(size_t n)
{
	if (json_budget == 0)
		return NULL;
	json_budget--;
	return malloc(n);
}

/*
 * Out of memory while a renderer builds JSON is reported as out of memory
 * (exit 4 "out of memory"), never as a write failure.
 */
static void
test_render_nomem_is_not_a_write_failure(void **state)
{
	static const char *const formats[] = { "json", "sarif", "ocsf", "asff" };
	struct credaudit_report *rep = audit_named("fail.csv", fail_csv);
	size_t i, budget, failures = 0;

	(void)state;
	for (i = 0; i < 4; i++) {
		for (budget = 0; budget < 5000; budget++) {
			struct credaudit_error err;
			struct credaudit_render *r;
			struct memsink m;
			int rc = -1;

			memset(&err, 0, sizeof(err));
			memset(&m, 0, sizeof(m));
			json_budget = budget;
			json_set_alloc_funcs(json_limited, free);
			r = credaudit_render_new(formats[i], NULL, NULL, memsink_write, &m, &err);
			if (r != NULL && credaudit_render_report(r, rep, &err) == 0)
				rc = credaudit_render_finish(r, &err);
			credaudit_render_free(r);
			json_set_alloc_funcs(malloc, free);
			memsink_free(&m);
			if (rc == 0)
				break;
			failures++;
			assert_int_equal(err.code, CREDAUDIT_ERR_INTERNAL);
			if (strstr(err.text, "out of memory") == NULL)
				fail_msg("%s, %zu allocations: \"%s\"", formats[i], budget, err.text);
		}
		assert_true(budget < 5000);
	}
	assert_true(failures > 10);
	credaudit_report_free(rep);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render_format_table),
		cmocka_unit_test(test_render_json_audited_input),
		cmocka_unit_test(test_render_json_error_and_pass_inputs),
		cmocka_unit_test(test_render_json_no_inputs),
		cmocka_unit_test(test_render_text_audited_and_error),
		cmocka_unit_test(test_render_text_color_when_asked),
		cmocka_unit_test(test_render_hostile_text_is_escaped),
		cmocka_unit_test(test_render_hostile_json_is_ascii_and_round_trips),
		cmocka_unit_test(test_render_json_escapes_del),
		cmocka_unit_test(test_render_deterministic),
		cmocka_unit_test(test_render_write_failure_is_internal_error),
		cmocka_unit_test(test_render_buffered_writes),
		cmocka_unit_test(test_render_json_equals_jansson_dump),
		cmocka_unit_test(test_render_sarif_ocsf_equal_jansson_dump),
		cmocka_unit_test(test_render_write_failure_at_finish),
		cmocka_unit_test(test_render_fail_on_below_threshold_passes),
		cmocka_unit_test(test_render_fail_on_bad_word_is_usage),
		cmocka_unit_test(test_render_result_judge),
		cmocka_unit_test(test_render_summary_exit_status),
		cmocka_unit_test(test_render_nomem_is_not_a_write_failure),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
