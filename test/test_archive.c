/*
 * test_archive.c - the evidence register (src/report/manifest.c) and the
 * baseline (src/report/baseline.c): a register's entries, its errors with
 * line and column, an input judged as of its entry and checked against its
 * hash; a baseline's distinct findings in the hash set, its refusals, the
 * state of each finding, what counts, and the resolved findings of the
 * summary.
 */
#include "testutil.h"

#include "base/util.h"
#include "report/baseline.h"
#include "report/manifest.h"

/* A file named name in d's directory holding text. */
static void
put_beside(const struct tdir *d, const char *name, const char *text, char *path,
           size_t size)
{
	FILE *fp;

	snprintf(path, size, "%s/%s", d->dir, name);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
	assert_int_equal(fclose(fp), 0);
}

static void
test_archive_baseline_hash_set(void **state)
{
	struct credaudit_error err;
	struct baseline b;
	struct buf j = { 0 };
	struct tdir d = { { 0 }, { 0 } };
	char user[32];
	int i;

	(void)state;
	assert_int_equal(buf_adds(&j, "{\"schema_version\": 2, \"tool\": {\"name\": "
	                 "\"credaudit\"}, \"inputs\": [{\"file\": \"x\", \"status\": "
	                 "\"error\"}, {\"file\": \"a.csv\", \"status\": \"audited\", "
	                 "\"account\": \"" ACCT "\", \"partition\": \"aws\", \"findings\": ["), 0);
	/* 3000 distinct findings, each twice (two months of the same report) */
	for (i = 0; i < 6000; i++)
		assert_int_equal(buf_printf(&j, "%s{\"rule\": \"credentials-unused\", "
		                 "\"severity\": \"medium\", \"user\": \"u%d\", \"arn\": null, "
		                 "\"credential\": %s}", i ? "," : "", i % 3000,
		                 i % 3000 == 7 ? "null" : "\"password\""), 0);
	assert_int_equal(buf_adds(&j, "]}]}"), 0);
	assert_int_equal(buf_addc(&j, '\0'), 0);
	tdir_with(&d, "base.json", j.data);
	buf_free(&j);
	memset(&err, 0, sizeof(err));
	assert_int_equal(baseline_load(&b, d.path, &err), 0);
	assert_int_equal(b.n, 3000);
	assert_true(b.nslot >= 2 * b.n);
	for (i = 0; i < 3000; i++) {
		snprintf(user, sizeof(user), "u%d", i);
		assert_int_equal(baseline_find(&b, ACCT, "aws", "credentials-unused", user,
		                               i == 7 ? NULL : "password"), i);
	}
	assert_int_equal(baseline_find(&b, ACCT, "aws", "credentials-unused", "u7",
	                               "password"), -1);
	assert_int_equal(baseline_find(&b, ACCT, "aws-us-gov", "credentials-unused", "u1",
	                               "password"), -1);
	assert_int_equal(baseline_find(&b, ACCT, "aws", "root-mfa", "u1", "password"), -1);
	assert_int_equal(baseline_find(&b, ACCT, "aws", "credentials-unused", "u3000",
	                               "password"), -1);
	assert_string_equal(b.v[5].file, "a.csv");
	assert_int_equal(strlen(b.sha256), 64);
	baseline_free(&b);
	tdir_remove(&d);
}

/* The baseline holding json is refused naming the file, with want. */
static void
baseline_refused(const char *json, const char *want)
{
	struct credaudit_error err;
	struct baseline b;
	struct tdir d = { { 0 }, { 0 } };

	tdir_with(&d, "base.json", json);
	memset(&err, 0, sizeof(err));
	assert_int_equal(baseline_load(&b, d.path, &err), -1);
	assert_int_equal(err.code, CREDAUDIT_ERR_USAGE);
	assert_non_null(strstr(err.text, d.path));
	if (strstr(err.text, want) == NULL)
		fail_msg("\"%s\" lacks \"%s\"", err.text, want);
	assert_null(b.path);
	assert_int_equal(b.n, 0);
	tdir_remove(&d);
}

static void
test_archive_baseline_refusals(void **state)
{
	struct credaudit_error err;
	struct baseline b;

	(void)state;
	baseline_refused("{\"schema_version\": 2,", "baseline: not JSON");
	baseline_refused("[]", "not a credaudit JSON output");
	baseline_refused("{\"runs\": []}", "not a credaudit JSON output");
	baseline_refused("{\"schema_version\": 1, \"tool\": {\"name\": \"credaudit\"}, "
	                 "\"inputs\": []}", "schema_version is not 2");
	baseline_refused("{\"schema_version\": 2, \"tool\": {\"name\": \"credaudit\"}, "
	                 "\"inputs\": [{\"file\": \"a\", \"status\": \"audited\", "
	                 "\"account\": \"1\", \"partition\": \"aws\", \"findings\": "
	                 "[{\"rule\": \"root-mfa\", \"user\": \"x\"}]}]}",
	                 "input 1, finding 1 is not a finding");
	baseline_refused("{\"schema_version\": 2, \"tool\": {\"name\": \"credaudit\"}, "
	                 "\"inputs\": [{\"status\": \"audited\"}]}",
	                 "input 1 is not an input");
	memset(&err, 0, sizeof(err));
	assert_int_equal(baseline_load(&b, "/nonexistent/base.json", &err), -1);
	assert_int_equal(err.code, CREDAUDIT_ERR_USAGE);
	assert_non_null(strstr(err.text, "/nonexistent/base.json: baseline: cannot open"));
}

/* A baseline of two findings of ACCT: the root key (found again below) and
 * two-active-keys of "gone" (not), and one of another account. */
#define BASELINE \
	"{\"schema_version\": 2, \"tool\": {\"name\": \"credaudit\"}, \"inputs\": [" \
	"{\"file\": \"may.csv\", \"status\": \"audited\", \"account\": \"" ACCT "\", " \
	"\"partition\": \"aws\", \"findings\": [" \
	"{\"rule\": \"root-access-key\", \"severity\": \"critical\", \"user\": " \
	"\"<root_account>\", \"arn\": \"" ROOT_ARN "\", \"credential\": \"access_key_1\"}," \
	"{\"rule\": \"two-active-keys\", \"severity\": \"medium\", \"user\": \"gone\", " \
	"\"arn\": null, \"credential\": null}]}," \
	"{\"file\": \"other.csv\", \"status\": \"audited\", \"account\": \"999\", " \
	"\"partition\": \"aws\", \"findings\": [{\"rule\": \"root-mfa\", \"severity\": " \
	"\"critical\", \"user\": \"<root_account>\", \"arn\": null, \"credential\": \"mfa\"}]}]}"

static void
test_archive_baseline_states(void **state)
{
	static const char csv[] = HDR22 ROOT_KEY1 USER_TWO_KEYS;
	struct credaudit_error err;
	struct tdir d = { { 0 }, { 0 } };
	struct credaudit_opts o = opts_of("root-access-key,two-active-keys", NULL, NULL, 0);
	struct credaudit_audit *a;
	struct credaudit_report *rep;
	struct credaudit_summary *s;
	const struct credaudit_resolved *r;
	size_t i, pos = 0;

	(void)state;
	o.baseline = tdir_with(&d, "base.json", BASELINE);
	a = audit_new_ok(&o);
	memset(&err, 0, sizeof(err));
	rep = credaudit_audit_buffer(a, "june.csv", csv, strlen(csv), &err);
	assert_non_null(rep);
	assert_null(credaudit_report_error(rep));
	assert_int_equal(credaudit_report_finding_count(rep), 2);
	for (i = 0; i < 2; i++) {
		const struct credaudit_finding *f = credaudit_report_finding(rep, i);

		assert_int_equal(f->baseline, strcmp(f->rule, "root-access-key") == 0 ?
		                 CREDAUDIT_BASELINE_UNCHANGED : CREDAUDIT_BASELINE_NEW);
	}
	/* only the new finding (carol's two keys) counts */
	assert_int_equal(credaudit_report_blocking(rep, CREDAUDIT_SEV_INFO), 1);
	assert_int_equal(credaudit_report_result(rep, 0)->status, CREDAUDIT_FAIL);
	assert_int_equal(credaudit_report_result(rep, 0)->nblocking, 0);
	assert_int_equal(credaudit_report_result(rep, 1)->nblocking, 1);
	assert_int_equal(credaudit_report_verdict(rep), CREDAUDIT_VERDICT_FAIL);
	s = credaudit_summary_new(a, &err);
	assert_non_null(s);
	assert_int_equal(credaudit_summary_add(s, rep, &err), 0);
	assert_int_equal(credaudit_summary_totals(s)->baseline_new, 1);
	assert_int_equal(credaudit_summary_totals(s)->baseline_unchanged, 1);
	assert_int_equal(credaudit_summary_totals(s)->blocking, 1);
	/* gone's finding is resolved; account 999 was not audited: not */
	assert_int_equal(credaudit_summary_resolved_count(s), 1);
	r = credaudit_summary_resolved_next(s, &pos);
	assert_non_null(r);
	assert_string_equal(r->user, "gone");
	assert_string_equal(r->file, "may.csv");
	assert_null(r->credential);
	assert_null(credaudit_summary_resolved_next(s, &pos));
	credaudit_summary_free(s);
	credaudit_report_free(rep);
	credaudit_audit_free(a);
	tdir_remove(&d);
}

/* A rule not evaluated in this run does not resolve its findings. */
static void
test_archive_baseline_rule_not_run(void **state)
{
	static const char csv[] = HDR22 ROOT_PASS;
	struct credaudit_error err;
	struct tdir d = { { 0 }, { 0 } };
	struct credaudit_opts o = opts_of("root-access-key", NULL, NULL, 0);
	struct credaudit_audit *a;
	struct credaudit_report *rep;
	struct credaudit_summary *s;
	size_t pos = 0;

	(void)state;
	o.baseline = tdir_with(&d, "base.json", BASELINE);
	a = audit_new_ok(&o);
	memset(&err, 0, sizeof(err));
	rep = credaudit_audit_buffer(a, "june.csv", csv, strlen(csv), &err);
	s = credaudit_summary_new(a, &err);
	assert_non_null(rep);
	assert_non_null(s);
	assert_int_equal(credaudit_summary_add(s, rep, &err), 0);
	/* the root key is gone; two-active-keys was not selected */
	assert_int_equal(credaudit_summary_resolved_count(s), 1);
	assert_string_equal(credaudit_summary_resolved_next(s, &pos)->rule, "root-access-key");
	credaudit_summary_free(s);
	credaudit_report_free(rep);
	credaudit_audit_free(a);
	tdir_remove(&d);
}

/* The register holding text is refused at line:column, want in the text. */
static void
manifest_refused(const char *text, unsigned long line, unsigned long col,
                 const char *want)
{
	struct credaudit_error err;
	struct manifest m;
	struct tdir d = { { 0 }, { 0 } };
	char where[200];

	tdir_with(&d, "m.csv", text);
	memset(&err, 0, sizeof(err));
	assert_int_equal(manifest_load(&m, d.path, &err), -1);
	assert_int_equal(err.code, CREDAUDIT_ERR_USAGE);
	assert_int_equal(err.line, line);
	assert_int_equal(err.column, col);
	snprintf(where, sizeof(where), "%s:%lu:%lu: manifest: ", d.path, line, col);
	assert_int_equal(strncmp(err.text, where, strlen(where)), 0);
	if (strstr(err.text, want) == NULL)
		fail_msg("\"%s\" lacks \"%s\"", err.text, want);
	assert_null(m.v);
	tdir_remove(&d);
}

static void
test_archive_manifest_refusals(void **state)
{
	(void)state;
	manifest_refused("path\n", 1, 2, "the header must be");
	manifest_refused("path,as_of,hash\n", 1, 3, "not 'hash'");
	manifest_refused("path,as_of\na.csv,2024-13-01\n", 2, 2, "as_of is not");
	manifest_refused("path,as_of\n,2024-01-01\n", 2, 1, "empty path");
	manifest_refused("path,as_of\na.csv,2024-01-01,x\n", 2, 3, "number of fields");
	manifest_refused("path,as_of,sha256\na.csv,2024-01-01,zz\n", 2, 3, "64 hex");
	manifest_refused("path,as_of\n\"a.csv,2024-01-01\n", 2, 1, "quoted field");
	manifest_refused("", 1, 0, "empty");
}

static void
test_archive_manifest_judges_input(void **state)
{
	static const char csv[] = HDR22 ROOT_PASS;
	struct credaudit_error err;
	struct tdir d = { { 0 }, { 0 } };
	struct credaudit_opts o = opts_of(NULL, NULL, NULL, 0);
	struct credaudit_audit *a;
	struct credaudit_report *rep;
	char mpath[200], other[200], text[400];
	int64_t t;
	unsigned long line = 0;

	(void)state;
	tdir_with(&d, "r.csv", csv);
	put_beside(&d, "other.csv", csv, other, sizeof(other));
	/* the hash of other.csv is the hash of the same bytes: r.csv's too */
	snprintf(text, sizeof(text), "path,as_of,sha256\nr.csv,2024-06-01T00:00:00Z,"
	         "%s\nother.csv,2024-06-02,%s\n",
	         "FB1B4D1CF2E4A9C2D2B8F8A8C9E6F1B5A3D7C2E1F0A9B8C7D6E5F4A3B2C1D0E9",
	         "");
	put_beside(&d, "m.csv", text, mpath, sizeof(mpath));
	o.manifest = mpath;
	a = audit_new_ok(&o);
	assert_string_equal(credaudit_audit_manifest(a), mpath);
	assert_int_equal(credaudit_audit_manifest_count(a), 2);
	assert_string_equal(credaudit_audit_manifest_entry(a, 1, &line), "other.csv");
	assert_int_equal(line, 3);
	assert_null(credaudit_audit_manifest_entry(a, 2, NULL));
	memset(&err, 0, sizeof(err));
	/* r.csv: the listed hash is not its own: not audited */
	rep = credaudit_audit_file(a, d.path, &err);
	assert_non_null(rep);
	assert_int_equal(credaudit_report_manifest_entry(rep), 1);
	assert_input_error(rep, 0, 0, "does not match fb1b4d1c");
	assert_int_equal(credaudit_report_as_of(rep, &t), CREDAUDIT_ASOF_MANIFEST);
	assert_string_equal(credaudit_asof_source_name(CREDAUDIT_ASOF_MANIFEST), "manifest");
	credaudit_report_free(rep);
	/* other.csv: no hash listed; judged as of its entry */
	rep = credaudit_audit_file(a, other, &err);
	assert_non_null(rep);
	assert_null(credaudit_report_error(rep));
	assert_int_equal(credaudit_report_manifest_entry(rep), 2);
	assert_int_equal(credaudit_report_as_of(rep, &t), CREDAUDIT_ASOF_MANIFEST);
	assert_int_equal(t, 1717286400);   /* 2024-06-02T00:00:00Z */
	credaudit_report_free(rep);
	/* bytes in memory are no file of the register */
	rep = credaudit_audit_buffer(a, "r.csv", csv, strlen(csv), &err);
	assert_non_null(rep);
	assert_int_equal(credaudit_report_manifest_entry(rep), 0);
	assert_int_equal(credaudit_report_as_of(rep, &t), CREDAUDIT_ASOF_REPORT_LATEST);
	credaudit_report_free(rep);
	credaudit_audit_free(a);
	unlink(other);
	unlink(mpath);
	tdir_remove(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_archive_baseline_hash_set),
		cmocka_unit_test(test_archive_baseline_refusals),
		cmocka_unit_test(test_archive_baseline_states),
		cmocka_unit_test(test_archive_baseline_rule_not_run),
		cmocka_unit_test(test_archive_manifest_refusals),
		cmocka_unit_test(test_archive_manifest_judges_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
