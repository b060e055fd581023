/*
 * test_waiver.c - the waiver file (src/rules/waiver.c): entries read and
 * checked (unknown rule, missing or empty fields, unknown fields, account
 * ids, the date and time forms of expires), the shape of the file, JSON
 * errors with line and column, and which entry matches a finding.
 */
#include "testutil.h"

#include <nettle/sha2.h>
#include <stdio.h>
#include <unistd.h>

#include "base/util.h"
#include "rules/waiver.h"

/* A directory of the test's own holding one waiver file. */
struct wdir {
	char dir[64];
	char path[128];
};

static void
wdir_make(struct wdir *d)
{
	snprintf(d->dir, sizeof(d->dir), "/tmp/test_waiver.XXXXXX");
	assert_non_null(mkdtemp(d->dir));
	snprintf(d->path, sizeof(d->path), "%s/waivers.json", d->dir);
}

static void
wdir_remove(struct wdir *d)
{
	unlink(d->path);
	rmdir(d->dir);
}

static void
put(struct wdir *d, const char *bytes, size_t n)
{
	FILE *fp = fopen(d->path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(bytes, 1, n, fp), n);
	assert_int_equal(fclose(fp), 0);
}

/* Load json from a fresh file: 0 or -1; w and err as left by it. */
static int
load(struct wdir *d, const char *json, struct waivers *w, struct credaudit_error *err)
{
	put(d, json, strlen(json));
	memset(w, 0, sizeof(*w));
	memset(err, 0, sizeof(*err));
	return waivers_load(w, d->path, err);
}

/* The file holding json is refused with exactly "PATH: " + want. */
static void
refused(const char *json, const char *want)
{
	struct wdir d;
	struct waivers w;
	struct credaudit_error err;
	char full[1500];

	wdir_make(&d);
	if (load(&d, json, &w, &err) != -1)
		fail_msg("accepted %s", json);
	assert_int_equal(err.code, CREDAUDIT_ERR_USAGE);
	assert_string_equal(err.file, d.path);
	assert_int_equal(err.line, 0);
	assert_int_equal(err.column, 0);
	snprintf(full, sizeof(full), "%s: %s", d.path, want);
	assert_string_equal(err.text, full);
	/* nothing is left behind */
	assert_null(w.v);
	assert_int_equal(w.n, 0);
	assert_null(w.path);
	wdir_remove(&d);
}

/* One entry's JSON with the given members (a list of "key": value). */
#define ENTRY(members) "{\"waivers\": [{" members "}]}"
#define FULL_BUT_EXPIRES \
	"\"rule\": \"root-mfa\", \"account\": \"111122223333\", " \
	"\"justification\": \"j\", \"owner\": \"o\""

static void
test_waiver_loads_entries(void **state)
{
	static const char json[] =
		"{\n"
		"  \"waivers\": [\n"
		"    {\"rule\": \"two-active-keys\", \"account\": \"111122223333\",\n"
		"     \"user\": \"deploy-bot\", \"justification\": \"rotation, SEC-42\",\n"
		"     \"owner\": \"alice@example.com\", \"expires\": \"2024-06-30\"},\n"
		"    {\"rule\": \"root-mfa\", \"account\": \"*\",\n"
		"     \"justification\": \"sandbox\", \"owner\": \"sec@example.com\",\n"
		"     \"expires\": \"2024-12-31T12:00:00Z\"},\n"
		"    {\"owner\": \"o\", \"expires\": \"2024-12-31T14:00:00+02:00\",\n"
		"     \"rule\": \"root-access-key\", \"account\": \"test\", \"user\": \"\\u00e9\",\n"
		"     \"justification\": \"order of members is free\"}\n"
		"  ]\n"
		"}\n";
	struct wdir d;
	struct waivers w;
	struct credaudit_error err;
	struct sha256_ctx sha;
	uint8_t dig[SHA256_DIGEST_SIZE];
	char hex[65];
	size_t i;

	(void)state;
	wdir_make(&d);
	assert_int_equal(load(&d, json, &w, &err), 0);
	assert_int_equal(err.code, 0);
	assert_int_equal(w.n, 3);
	assert_string_equal(w.path, d.path);
	assert_string_equal(w.v[0].rule, "two-active-keys");
	assert_string_equal(w.v[0].account, "111122223333");
	assert_string_equal(w.v[0].user, "deploy-bot");
	assert_string_equal(w.v[0].justification, "rotation, SEC-42");
	assert_string_equal(w.v[0].owner, "alice@example.com");
	assert_string_equal(w.v[0].expires_text, "2024-06-30");
	/* a date holds through that day: the first moment of the next */
	assert_int_equal(w.v[0].expires, INT64_C(1719792000));   /* 2024-07-01 */
	assert_null(w.v[1].user);
	assert_string_equal(w.v[1].account, "*");
	assert_int_equal(w.v[1].expires, INT64_C(1735646400));   /* 2024-12-31T12Z */
	/* an offset is converted to UTC */
	assert_int_equal(w.v[2].expires, INT64_C(1735646400));
	assert_string_equal(w.v[2].user, "\xc3\xa9");
	assert_string_equal(w.v[2].account, "test");
	/* the SHA-256 of the bytes parsed */
	sha256_init(&sha);
	sha256_update(&sha, strlen(json), (const uint8_t *)json);
	sha256_digest(&sha, sizeof(dig), dig);
	for (i = 0; i < sizeof(dig); i++)
		snprintf(hex + 2 * i, 3, "%02x", dig[i]);
	assert_string_equal(w.sha256, hex);
	waivers_free(&w);
	assert_int_equal(w.n, 0);
	assert_null(w.v);
	/* an empty list is a file without waivers */
	assert_int_equal(load(&d, "{\"waivers\": []}", &w, &err), 0);
	assert_int_equal(w.n, 0);
	assert_string_equal(w.path, d.path);
	waivers_free(&w);
	wdir_remove(&d);
}

static void
test_waiver_unknown_rule(void **state)
{
	(void)state;
	refused("{\"waivers\": [{\"rule\": \"root-mfa\", \"account\": \"*\", "
	        "\"justification\": \"j\", \"owner\": \"o\", \"expires\": \"2030-01-01\"},"
	        "{\"rule\": \"root-acces-key\", \"account\": \"*\", "
	        "\"justification\": \"j\", \"owner\": \"o\", \"expires\": \"2030-01-01\"}]}",
	        "waiver 2: unknown rule (see --list-rules): root-acces-key");
	/* rule ids are exact: no other letter case */
	refused(ENTRY("\"rule\": \"Root-MFA\", \"account\": \"*\", \"justification\": "
	              "\"j\", \"owner\": \"o\", \"expires\": \"2030-01-01\""),
	        "waiver 1: unknown rule (see --list-rules): Root-MFA");
}

static void
test_waiver_required_fields(void **state)
{
	static const char *const key[] = {
		"rule", "account", "justification", "owner", "expires",
	};
	static const char *const value[] = {
		"\"root-mfa\"", "\"111122223333\"", "\"j\"", "\"o\"", "\"2030-01-01\"",
	};
	size_t skip, i;

	(void)state;
	for (skip = 0; skip < 5; skip++) {
		char json[600], want[300];
		size_t len = 0;

		len += (size_t)snprintf(json, sizeof(json), "{\"waivers\": [{");
		for (i = 0; i < 5; i++)
			if (i != skip)
				len += (size_t)snprintf(json + len, sizeof(json) - len, "%s\"%s\": %s",
				                        len > 15 ? ", " : "", key[i], value[i]);
		snprintf(json + len, sizeof(json) - len, "}]}");
		snprintf(want, sizeof(want), "waiver 1: no \"%s\" (every waiver needs rule, "
		         "account, justification, owner and expires)", key[skip]);
		refused(json, want);
	}
}

static void
test_waiver_fields_are_non_empty_strings(void **state)
{
	static const char *const bad[] = { "\"\"", "5", "null", "true", "[\"o\"]",
	                                   "{}" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char json[600];

		snprintf(json, sizeof(json), ENTRY("\"rule\": \"root-mfa\", \"account\": "
		         "\"*\", \"justification\": \"j\", \"owner\": %s, \"expires\": "
		         "\"2030-01-01\""), bad[i]);
		refused(json, "waiver 1: \"owner\" must be a non-empty string");
		/* the optional user too, when it is there */
		snprintf(json, sizeof(json), ENTRY(FULL_BUT_EXPIRES ", \"expires\": "
		         "\"2030-01-01\", \"user\": %s"), bad[i]);
		refused(json, "waiver 1: \"user\" must be a non-empty string");
	}
}

static void
test_waiver_unknown_field(void **state)
{
	(void)state;
	/* a misspelt expires is caught, not ignored */
	refused(ENTRY(FULL_BUT_EXPIRES ", \"expiry\": \"2030-01-01\""),
	        "waiver 1: unknown field: expiry");
	refused(ENTRY(FULL_BUT_EXPIRES ", \"expires\": \"2030-01-01\", \"User\": \"x\""),
	        "waiver 1: unknown field: User");
}

static void
test_waiver_expiry_forms(void **state)
{
	static const char *const bad[] = {
		"2024-02-30", "2023-02-29", "2024-6-30", "30/06/2024", "2024-06-30T12:00:00",
		"2024-06-30 12:00:00Z", "2024-06-30t12:00:00Z", "tomorrow", "N/A",
		"2024-06-30T24:00:00Z", "2024-06-30T12:00:60Z", "2024-06-30T12:00:00+24:00",
		"2024-06-30T12:00Z", "2024-06-30T12:00:00.5Z", "0000-01-01", "+2024-06-30",
		" 2024-06-30", "2024-06-30 ",
	};
	static const struct {
		const char *text;
		int64_t t;
	} good[] = {
		{ "2024-02-29", INT64_C(1709251200) },             /* 2024-03-01T00Z */
		{ "2024-06-30T00:00:00Z", INT64_C(1719705600) },
		{ "2024-06-30T00:00:00-01:30", INT64_C(1719705600) + 5400 },
		{ "9999-12-31", INT64_C(253402300800) },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char json[600], want[300];

		snprintf(json, sizeof(json), ENTRY(FULL_BUT_EXPIRES ", \"expires\": \"%s\""),
		         bad[i]);
		snprintf(want, sizeof(want), "waiver 1: \"expires\" is not a date "
		         "(YYYY-MM-DD) or UTC time: %s", bad[i]);
		refused(json, want);
	}
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		struct wdir d;
		struct waivers w;
		struct credaudit_error err;
		char json[600];

		wdir_make(&d);
		snprintf(json, sizeof(json), ENTRY(FULL_BUT_EXPIRES ", \"expires\": \"%s\""),
		         good[i].text);
		if (load(&d, json, &w, &err) != 0)
			fail_msg("refused %s: %s", good[i].text, err.text);
		assert_int_equal(w.v[0].expires, good[i].t);
		assert_string_equal(w.v[0].expires_text, good[i].text);
		waivers_free(&w);
		wdir_remove(&d);
	}
}

static void
test_waiver_account_form(void **state)
{
	static const char *const bad[] = { "1111 2222", "**", "acct!", "arn:aws:iam::1:root",
	                                   "11112222333\\u001b[31m", "\\u00e9t\\u00e9" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct wdir d;
		struct waivers w;
		struct credaudit_error err;
		char json[600];

		snprintf(json, sizeof(json), ENTRY("\"rule\": \"root-mfa\", \"account\": "
		         "\"%s\", \"justification\": \"j\", \"owner\": \"o\", \"expires\": "
		         "\"2030-01-01\""), bad[i]);
		wdir_make(&d);
		if (load(&d, json, &w, &err) != -1)
			fail_msg("accepted account %s", bad[i]);
		assert_int_equal(err.code, CREDAUDIT_ERR_USAGE);
		if (strstr(err.text, ": waiver 1: \"account\" must be an account id as ARNs "
		           "carry it (1 to 64 letters, digits, '.', '_', '-'; AWS writes 12 "
		           "digits) or \"*\": ") == NULL)
			fail_msg("account %s: %s", bad[i], err.text);
		wdir_remove(&d);
	}
	/* the account as written closes the message */
	refused(ENTRY("\"rule\": \"root-mfa\", \"account\": \"acct!\", \"justification\": "
	              "\"j\", \"owner\": \"o\", \"expires\": \"2030-01-01\""),
	        "waiver 1: \"account\" must be an account id as ARNs carry it (1 to 64 "
	        "letters, digits, '.', '_', '-'; AWS writes 12 digits) or \"*\": acct!");
}

static void
test_waiver_file_shape(void **state)
{
	static const char *const shapes[] = {
		"[]", "{}", "{\"waivers\": {}}", "{\"waivers\": null}",
		"{\"waivers\": [], \"note\": \"x\"}", "{\"Waivers\": []}",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++)
		refused(shapes[i], "waiver file: expected {\"waivers\": [...]} "
		        "(docs/waivers.md)");
	refused("{\"waivers\": [\"root-mfa\"]}", "waiver 1: not a JSON object");
}

static void
test_waiver_json_errors_have_line_and_column(void **state)
{
	struct wdir d;
	struct waivers w;
	struct credaudit_error err;
	char prefix[200];

	(void)state;
	wdir_make(&d);
	assert_int_equal(load(&d, "{\n  \"waivers\": [\n    {\"rule\" \"x\"}\n  ]\n}\n",
	                      &w, &err), -1);
	assert_int_equal(err.code, CREDAUDIT_ERR_USAGE);
	assert_string_equal(err.file, d.path);
	assert_int_equal(err.line, 3);
	assert_true(err.column > 0);
	snprintf(prefix, sizeof(prefix), "%s:3:%lu: waiver file: ", d.path, err.column);
	assert_int_equal(strncmp(err.text, prefix, strlen(prefix)), 0);
	/* a key twice in an object is refused by the parser */
	assert_int_equal(load(&d, "{\"waivers\": [{\"rule\": \"root-mfa\", \"rule\": "
	                      "\"root-access-key\"}]}", &w, &err), -1);
	assert_int_equal(err.code, CREDAUDIT_ERR_USAGE);
	assert_int_equal(err.line, 1);
	assert_non_null(strstr(err.text, "duplicate"));
	/* a NUL inside a string, a document that is no object or array */
	assert_int_equal(load(&d, ENTRY(FULL_BUT_EXPIRES ", \"expires\": \"2030-01-01\", "
	                                "\"user\": \"a\\u0000b\""), &w, &err), -1);
	assert_int_equal(err.code, CREDAUDIT_ERR_USAGE);
	assert_int_equal(err.line, 1);
	assert_int_equal(load(&d, "\"waivers\"", &w, &err), -1);
	assert_int_equal(err.code, CREDAUDIT_ERR_USAGE);
	assert_int_equal(err.line, 1);
	/* an empty file is not JSON */
	assert_int_equal(load(&d, "", &w, &err), -1);
	assert_int_equal(err.code, CREDAUDIT_ERR_USAGE);
	assert_non_null(strstr(err.text, ": waiver file: "));
	wdir_remove(&d);
}

static void
test_waiver_cannot_open(void **state)
{
	struct waivers w;
	struct credaudit_error err;

	(void)state;
	memset(&w, 0, sizeof(w));
	memset(&err, 0, sizeof(err));
	assert_int_equal(waivers_load(&w, "/nonexistent/waivers.json", &err), -1);
	assert_int_equal(err.code, CREDAUDIT_ERR_USAGE);
	assert_string_equal(err.file, "/nonexistent/waivers.json");
	assert_string_equal(err.text, "/nonexistent/waivers.json: waiver file: cannot "
	                    "open: No such file or directory");
}

static void
test_waiver_match_first_that_applies(void **state)
{
	static const char json[] = "{\"waivers\": ["
		"{\"rule\": \"root-mfa\", \"account\": \"111122223333\", \"user\": "
		"\"<root_account>\", \"justification\": \"old\", \"owner\": \"o\", "
		"\"expires\": \"2024-01-01\"},"
		"{\"rule\": \"root-mfa\", \"account\": \"*\", \"justification\": \"any\", "
		"\"owner\": \"o\", \"expires\": \"2030-01-01T00:00:00Z\"},"
		"{\"rule\": \"two-active-keys\", \"account\": \"444455556666\", \"user\": "
		"\"bob\", \"justification\": \"bob\", \"owner\": \"o\", "
		"\"expires\": \"2030-01-01\"}]}";
	const int64_t june = INT64_C(1717200000), y2030 = INT64_C(1893456000);
	struct wdir d;
	struct waivers w;
	struct credaudit_error err;
	const struct waiver *v;
	int applies = -1;
	size_t index = 99;

	(void)state;
	wdir_make(&d);
	assert_int_equal(load(&d, json, &w, &err), 0);
	/* entry 1 matches but has expired: entry 2 applies */
	v = waivers_match(&w, "root-mfa", "111122223333", "<root_account>", june, 1,
	                  &applies, &index);
	assert_ptr_equal(v, &w.v[1]);
	assert_int_equal(applies, 1);
	assert_int_equal(index, 1);
	/* none applies: the first expired one is reported */
	v = waivers_match(&w, "root-mfa", "111122223333", "<root_account>", y2030, 1,
	                  &applies, &index);
	assert_ptr_equal(v, &w.v[0]);
	assert_int_equal(applies, 0);
	assert_int_equal(index, 0);
	/* the expiry moment itself is past the waiver */
	v = waivers_match(&w, "root-mfa", "999988887777", "x", y2030 - 1, 1, &applies,
	                  &index);
	assert_ptr_equal(v, &w.v[1]);
	assert_int_equal(applies, 1);
	/* with no as-of time nothing applies */
	v = waivers_match(&w, "root-mfa", "111122223333", "<root_account>", june, 0,
	                  &applies, &index);
	assert_ptr_equal(v, &w.v[0]);
	assert_int_equal(applies, 0);
	/* rule, account and user must all match */
	index = 99;
	assert_null(waivers_match(&w, "two-active-keys", "111122223333", "bob", june, 1,
	                          &applies, &index));
	assert_int_equal(applies, 0);
	assert_null(waivers_match(&w, "two-active-keys", "444455556666", "Bob", june, 1,
	                          &applies, &index));
	assert_null(waivers_match(&w, "root-access-key", "111122223333",
	                          "<root_account>", june, 1, &applies, &index));
	v = waivers_match(&w, "two-active-keys", "444455556666", "bob", june, 1,
	                  &applies, &index);
	assert_ptr_equal(v, &w.v[2]);
	assert_int_equal(index, 2);
	waivers_free(&w);
	wdir_remove(&d);
}

/* Through the audit: a bad waiver file stops the run as a usage error. */
static void
test_waiver_errors_through_audit(void **state)
{
	struct wdir d;
	struct credaudit_opts o;
	struct credaudit_error err;
	struct credaudit_audit *a;
	const char *sha = NULL;
	static const char good[] = ENTRY(FULL_BUT_EXPIRES ", \"expires\": \"2030-01-01\"");

	(void)state;
	wdir_make(&d);
	put(&d, ENTRY(FULL_BUT_EXPIRES), strlen(ENTRY(FULL_BUT_EXPIRES)));
	memset(&o, 0, sizeof(o));
	memset(&err, 0, sizeof(err));
	o.waivers = d.path;
	assert_null(credaudit_audit_new(&o, &err));
	assert_int_equal(err.code, CREDAUDIT_ERR_USAGE);
	assert_non_null(strstr(err.text, "waiver 1: no \"expires\""));
	put(&d, good, strlen(good));
	memset(&err, 0, sizeof(err));
	a = credaudit_audit_new(&o, &err);
	assert_non_null(a);
	assert_string_equal(credaudit_audit_waivers(a, &sha), d.path);
	assert_non_null(sha);
	assert_int_equal(strlen(sha), 64);
	credaudit_audit_free(a);
	wdir_remove(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_waiver_loads_entries),
		cmocka_unit_test(test_waiver_unknown_rule),
		cmocka_unit_test(test_waiver_required_fields),
		cmocka_unit_test(test_waiver_fields_are_non_empty_strings),
		cmocka_unit_test(test_waiver_unknown_field),
		cmocka_unit_test(test_waiver_expiry_forms),
		cmocka_unit_test(test_waiver_account_form),
		cmocka_unit_test(test_waiver_file_shape),
		cmocka_unit_test(test_waiver_json_errors_have_line_and_column),
		cmocka_unit_test(test_waiver_cannot_open),
		cmocka_unit_test(test_waiver_match_first_that_applies),
		cmocka_unit_test(test_waiver_errors_through_audit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
