/*
 * test_waiver.c - the waiver file (src/rules/waiver.c): entries read and
 * checked (unknown rule, missing or empty fields, unknown fields, account
 * ids, the date and time forms of expires), the shape of the file, JSON
 * errors with line and column, and which entry matches a finding.
 */
#include "testutil.h"

#include "base/util.h"
#include "rules/waiver.h"

/* One test's waiver file, the waivers loaded from it and the error. */
struct wv {
	struct tdir d;
	struct waivers w;
	struct credaudit_error err;
};

FIXTURE(wv, f, waivers_free(&f->w); tdir_remove(&f->d))

/* Load json from f's file (made on first use): 0 or -1; f->w and f->err
 * as left by it. */
static int
load(struct wv *f, const char *json)
{
	if (f->d.dir[0] == '\0')
		tdir_make(&f->d, "waivers.json");
	tdir_put(&f->d, json, strlen(json));
	waivers_free(&f->w);
	memset(&f->w, 0, sizeof(f->w));
	memset(&f->err, 0, sizeof(f->err));
	return waivers_load(&f->w, f->d.path, &f->err);
}

/* The file holding json is refused, a usage error naming the file and
 * leaving nothing behind: the text after "PATH: " into text. */
static const char *
refusal(const char *json, char *text, size_t size)
{
	struct wv f;
	size_t n;

	memset(&f, 0, sizeof(f));
	if (load(&f, json) != -1)
		fail_msg("accepted %s", json);
	assert_int_equal(f.err.code, CREDAUDIT_ERR_USAGE);
	assert_string_equal(f.err.file, f.d.path);
	assert_int_equal(f.err.line, 0);
	assert_int_equal(f.err.column, 0);
	n = strlen(f.d.path);
	assert_int_equal(strncmp(f.err.text, f.d.path, n), 0);
	assert_int_equal(strncmp(f.err.text + n, ": ", 2), 0);
	snprintf(text, size, "%s", f.err.text + n + 2);
	assert_null(f.w.v);
	assert_int_equal(f.w.n, 0);
	assert_null(f.w.path);
	tdir_remove(&f.d);
	return text;
}

/* The file holding json is refused with exactly "PATH: " + want. */
static void
refused(const char *json, const char *want)
{
	char text[1500];

	assert_string_equal(refusal(json, text, sizeof(text)), want);
}

/* One entry's JSON with the given members (a list of "key": value). */
#define ENTRY(members) "{\"waivers\": [{" members "}]}"
#define JUNE INT64_C(1717200000)    /* 2024-06-01T00:00:00Z */
#define Y2030 INT64_C(1893456000)   /* 2030-01-01T00:00:00Z */
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
	struct wv *f = *state;
	const struct waiver *v;
	char hex[65];

	assert_int_equal(load(f, json), 0);
	assert_int_equal(f->err.code, 0);
	assert_int_equal(f->w.n, 3);
	assert_string_equal(f->w.path, f->d.path);
	v = f->w.v;
	assert_string_equal(v[0].rule, "two-active-keys");
	assert_string_equal(v[0].account, "111122223333");
	assert_string_equal(v[0].user, "deploy-bot");
	assert_string_equal(v[0].justification, "rotation, SEC-42");
	assert_string_equal(v[0].owner, "alice@example.com");
	assert_string_equal(v[0].expires_text, "2024-06-30");
	/* a date holds through that day: the first moment of the next */
	assert_int_equal(v[0].expires, INT64_C(1719792000));   /* 2024-07-01 */
	assert_null(v[1].user);
	assert_string_equal(v[1].account, "*");
	assert_int_equal(v[1].expires, INT64_C(1735646400));   /* 2024-12-31T12Z */
	/* an offset is converted to UTC */
	assert_int_equal(v[2].expires, INT64_C(1735646400));
	assert_string_equal(v[2].user, "\xc3\xa9");
	assert_string_equal(v[2].account, "test");
	/* the SHA-256 of the bytes parsed */
	sha256_hex(json, strlen(json), hex);
	assert_string_equal(f->w.sha256, hex);
	waivers_free(&f->w);
	assert_int_equal(f->w.n, 0);
	assert_null(f->w.v);
	/* an empty list is a file without waivers */
	assert_int_equal(load(f, "{\"waivers\": []}"), 0);
	assert_int_equal(f->w.n, 0);
	assert_string_equal(f->w.path, f->d.path);
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
	for (i = 0; i < NELEM(bad); i++) {
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
	struct wv *f = *state;
	char json[600], want[300];
	size_t i;

	for (i = 0; i < NELEM(bad); i++) {
		snprintf(json, sizeof(json), ENTRY(FULL_BUT_EXPIRES ", \"expires\": \"%s\""),
		         bad[i]);
		snprintf(want, sizeof(want), "waiver 1: \"expires\" is not a date "
		         "(YYYY-MM-DD) or UTC time: %s", bad[i]);
		refused(json, want);
	}
	for (i = 0; i < NELEM(good); i++) {
		snprintf(json, sizeof(json), ENTRY(FULL_BUT_EXPIRES ", \"expires\": \"%s\""),
		         good[i].text);
		if (load(f, json) != 0)
			fail_msg("refused %s: %s", good[i].text, f->err.text);
		assert_int_equal(f->w.v[0].expires, good[i].t);
		assert_string_equal(f->w.v[0].expires_text, good[i].text);
	}
}

#define BAD_ACCOUNT \
	"waiver 1: \"account\" must be an account id as ARNs carry it (1 to 64 " \
	"letters, digits, '.', '_', '-'; AWS writes 12 digits) or \"*\": "

static void
test_waiver_account_form(void **state)
{
	static const char *const bad[] = { "1111 2222", "**", "acct!", "arn:aws:iam::1:root",
	                                   "11112222333\\u001b[31m", "\\u00e9t\\u00e9" };
	char json[600], text[1500];
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(bad); i++) {
		snprintf(json, sizeof(json), ENTRY("\"rule\": \"root-mfa\", \"account\": "
		         "\"%s\", \"justification\": \"j\", \"owner\": \"o\", \"expires\": "
		         "\"2030-01-01\""), bad[i]);
		if (strncmp(refusal(json, text, sizeof(text)), BAD_ACCOUNT,
		            strlen(BAD_ACCOUNT)) != 0)
			fail_msg("account %s: %s", bad[i], text);
	}
	/* the account as written closes the message */
	refused(ENTRY("\"rule\": \"root-mfa\", \"account\": \"acct!\", \"justification\": "
	              "\"j\", \"owner\": \"o\", \"expires\": \"2030-01-01\""),
	        BAD_ACCOUNT "acct!");
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
	for (i = 0; i < NELEM(shapes); i++)
		refused(shapes[i], "waiver file: expected {\"waivers\": [...]} "
		        "(docs/waivers.md)");
	refused("{\"waivers\": [\"root-mfa\"]}", "waiver 1: not a JSON object");
}

static void
test_waiver_json_errors_have_line_and_column(void **state)
{
	/* JSON the parser refuses, the line it names and what the text says */
	static const struct {
		const char *json;
		unsigned long line;
		const char *says;
	} bad[] = {
		{ "{\n  \"waivers\": [\n    {\"rule\" \"x\"}\n  ]\n}\n", 3, ": waiver file: " },
		/* a key twice in an object */
		{ "{\"waivers\": [{\"rule\": \"root-mfa\", \"rule\": \"root-access-key\"}]}", 1,
		  "duplicate" },
		/* a NUL inside a string, a document that is no object or array */
		{ ENTRY(FULL_BUT_EXPIRES ", \"expires\": \"2030-01-01\", \"user\": \"a\\u0000b\""),
		  1, ": waiver file: " },
		{ "\"waivers\"", 1, ": waiver file: " },
	};
	struct wv *f = *state;
	char prefix[200];
	size_t i;

	for (i = 0; i < NELEM(bad); i++) {
		assert_int_equal(load(f, bad[i].json), -1);
		assert_int_equal(f->err.code, CREDAUDIT_ERR_USAGE);
		assert_string_equal(f->err.file, f->d.path);
		assert_int_equal(f->err.line, bad[i].line);
		assert_non_null(strstr(f->err.text, bad[i].says));
	}
	/* the place is in the text too: PATH:LINE:COLUMN */
	assert_int_equal(load(f, bad[0].json), -1);
	assert_true(f->err.column > 0);
	snprintf(prefix, sizeof(prefix), "%s:3:%lu: waiver file: ", f->d.path, f->err.column);
	assert_int_equal(strncmp(f->err.text, prefix, strlen(prefix)), 0);
	/* an empty file is not JSON */
	assert_int_equal(load(f, ""), -1);
	assert_int_equal(f->err.code, CREDAUDIT_ERR_USAGE);
	assert_non_null(strstr(f->err.text, ": waiver file: "));
}

static void
test_waiver_size_limit_and_digest(void **state)
{
	/* 16 MiB is the limit: one byte more is refused, naming it */
	size_t big = (16u << 20) + 1;
	char *text = malloc(big + 1);
	struct wv *f = *state;

	assert_non_null(text);
	memset(text, ' ', big);
	text[big] = '\0';
	memcpy(text, "{\"waivers\": []}", 15);
	assert_int_equal(load(f, text), -1);
	assert_int_equal(f->err.code, CREDAUDIT_ERR_USAGE);
	assert_non_null(strstr(f->err.text, ": waiver file: larger than 16 MiB"));
	/* at the limit it is read (trailing white space is JSON's) */
	text[big - 1] = '\0';
	assert_int_equal(load(f, text), 0);
	free(text);
	/* the digest is of the bytes parsed: sha256("{\"waivers\": []}\n") */
	assert_int_equal(load(f, "{\"waivers\": []}\n"), 0);
	assert_string_equal(f->w.sha256,
	                    "b78894df39f64cdde1c26aff5561f8371954fc0b01a979ef9a5a03f06d437000");
	/* text that is not JSON says so, with the parser's reason */
	assert_int_equal(load(f, "{\"waivers\": [}"), -1);
	assert_non_null(strstr(f->err.text, ":1:14: waiver file: not JSON: "));
}

static void
test_waiver_cannot_open(void **state)
{
	struct wv *f = *state;

	assert_int_equal(waivers_load(&f->w, "/nonexistent/waivers.json", &f->err), -1);
	assert_int_equal(f->err.code, CREDAUDIT_ERR_USAGE);
	assert_string_equal(f->err.file, "/nonexistent/waivers.json");
	assert_string_equal(f->err.text, "/nonexistent/waivers.json: waiver file: cannot "
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
	/* a finding, and the entry that must match it (-1: none) */
	static const struct {
		const char *rule, *account, *user;
		int64_t as_of;
		int has_as_of;
		int entry, applies;
	} cases[] = {
		/* entry 1 matches but has expired: entry 2 applies */
		{ "root-mfa", "111122223333", "<root_account>", JUNE, 1, 1, 1 },
		/* none applies: the first expired one is reported */
		{ "root-mfa", "111122223333", "<root_account>", Y2030, 1, 0, 0 },
		/* the expiry moment itself is past the waiver */
		{ "root-mfa", "999988887777", "x", Y2030 - 1, 1, 1, 1 },
		/* with no as-of time nothing applies */
		{ "root-mfa", "111122223333", "<root_account>", JUNE, 0, 0, 0 },
		/* rule, account and user must all match */
		{ "two-active-keys", "111122223333", "bob", JUNE, 1, -1, 0 },
		{ "two-active-keys", "444455556666", "Bob", JUNE, 1, -1, 0 },
		{ "root-access-key", "111122223333", "<root_account>", JUNE, 1, -1, 0 },
		{ "two-active-keys", "444455556666", "bob", JUNE, 1, 2, 1 },
	};
	struct wv *f = *state;
	size_t i;

	assert_int_equal(load(f, json), 0);
	for (i = 0; i < NELEM(cases); i++) {
		const struct waiver *v;
		int applies = -1;
		size_t index = 99;

		v = waivers_match(&f->w, cases[i].rule, cases[i].account, cases[i].user,
		                  cases[i].as_of, cases[i].has_as_of, &applies, &index);
		if (cases[i].entry < 0) {
			assert_null(v);
		} else {
			assert_ptr_equal(v, &f->w.v[cases[i].entry]);
			assert_int_equal(index, cases[i].entry);
		}
		assert_int_equal(applies, cases[i].applies);
	}
}

/* Through the audit: a bad waiver file stops the run as a usage error. */
static void
test_waiver_errors_through_audit(void **state)
{
	static const char good[] = ENTRY(FULL_BUT_EXPIRES ", \"expires\": \"2030-01-01\"");
	struct credaudit_opts o = opts_of(NULL, NULL, NULL, 0);
	struct credaudit_error err;
	struct credaudit_audit *a;
	struct tdir d;
	const char *sha = NULL;

	(void)state;
	o.waivers = tdir_with(&d, "waivers.json", ENTRY(FULL_BUT_EXPIRES));
	memset(&err, 0, sizeof(err));
	assert_null(credaudit_audit_new(&o, &err));
	assert_int_equal(err.code, CREDAUDIT_ERR_USAGE);
	assert_non_null(strstr(err.text, "waiver 1: no \"expires\""));
	tdir_put(&d, good, strlen(good));
	a = audit_new_ok(&o);
	assert_string_equal(credaudit_audit_waivers(a, &sha), d.path);
	assert_non_null(sha);
	assert_int_equal(strlen(sha), 64);
	credaudit_audit_free(a);
	tdir_remove(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		FIXTURE_TEST(wv, test_waiver_loads_entries),
		cmocka_unit_test(test_waiver_unknown_rule),
		cmocka_unit_test(test_waiver_required_fields),
		cmocka_unit_test(test_waiver_fields_are_non_empty_strings),
		cmocka_unit_test(test_waiver_unknown_field),
		FIXTURE_TEST(wv, test_waiver_expiry_forms),
		cmocka_unit_test(test_waiver_account_form),
		cmocka_unit_test(test_waiver_file_shape),
		FIXTURE_TEST(wv, test_waiver_size_limit_and_digest),
		FIXTURE_TEST(wv, test_waiver_json_errors_have_line_and_column),
		FIXTURE_TEST(wv, test_waiver_cannot_open),
		FIXTURE_TEST(wv, test_waiver_match_first_that_applies),
		cmocka_unit_test(test_waiver_errors_through_audit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
