/*
 * test_alloc.c - the library's out-of-memory guarantee through its API:
 * jansson allocates through the library's allocator once an audit is set
 * up (the caller need not arrange it), and an allocation that fails while
 * a JSON wrapper is read is reported as out of memory, never as bad input.
 *
 * The allocation failures need the failure-injection build (make
 * failinj-test); the normal build checks the allocator is in place.
 */
#include "testutil.h"

#include <jansson.h>
#include <stdio.h>

#include "base/util.h"

/* After credaudit_audit_new, jansson's allocator is the library's. */
static void
test_alloc_audit_sets_json_allocator(void **state)
{
	struct credaudit_error err = { 0 };
	struct credaudit_audit *a;
	json_malloc_t m;
	json_free_t f;

	(void)state;
	a = credaudit_audit_new(NULL, &err);
	assert_non_null(a);
	json_get_alloc_funcs(&m, &f);
	assert_true(m == ca_malloc);
	assert_true(f == ca_free);
	credaudit_audit_free(a);
}

#ifdef CREDAUDIT_FAILPOINTS
#define CSV HDR22 ROOT_KEY1 USER_ROW("alice")
/* CSV as base64, the Content of aws iam get-credential-report */
static char doc[8192];

static size_t
wrapper(void)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = (const unsigned char *)CSV;
	size_t n = strlen(CSV), i, len;

	len = (size_t)snprintf(doc, sizeof(doc), "{\"GeneratedTime\": "
	                       "\"2024-06-01T12:00:00+00:00\", \"Content\": \"");
	for (i = 0; i < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16 |
		             (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) |
		             (i + 2 < n ? p[i + 2] : 0);

		doc[len++] = b64[v >> 18 & 63];
		doc[len++] = b64[v >> 12 & 63];
		doc[len++] = i + 1 < n ? b64[v >> 6 & 63] : '=';
		doc[len++] = i + 2 < n ? b64[v & 63] : '=';
	}
	len += (size_t)snprintf(doc + len, sizeof(doc) - len,
	                        "\", \"ReportFormat\": \"text/csv\"}");
	assert_true(len < sizeof(doc));
	return len;
}

/* jansson's own allocations fail through the library's failure points. */
static void
test_alloc_json_fails_through_library(void **state)
{
	struct credaudit_error err = { 0 };
	struct credaudit_audit *a = credaudit_audit_new(NULL, &err);
	unsigned long before = ca_alloc_failures();
	json_error_t je;
	json_t *j;

	(void)state;
	assert_non_null(a);
	ca_fail_after(1);
	j = json_loads("{\"a\": [1, 2]}", 0, &je);
	ca_fail_after(0);
	assert_null(j);
	assert_true(ca_alloc_failures() > before);
	credaudit_audit_free(a);
}

/*
 * Each allocation of an audit of a JSON wrapper made to fail in turn:
 * either the audit is out of memory (NULL, CREDAUDIT_ERR_INTERNAL, "out of
 * memory") or it recovered and found what the normal run found.
 */
static void
test_alloc_json_wrapper_out_of_memory(void **state)
{
	struct credaudit_error err = { 0 };
	struct credaudit_audit *a = credaudit_audit_new(NULL, &err);
	struct credaudit_report *ref, *rep;
	size_t len = wrapper();
	unsigned long k, oom = 0;

	(void)state;
	assert_non_null(a);
	ref = credaudit_audit_buffer(a, "t.json", doc, len, &err);
	assert_non_null(ref);
	assert_null(credaudit_report_error(ref));
	assert_string_equal(credaudit_report_input(ref)->container,
	                    "aws-cli-json > base64 > csv");
	for (k = 1; k < 100000; k++) {
		unsigned long before = ca_alloc_failures();

		memset(&err, 0, sizeof(err));
		ca_fail_after(k);
		rep = credaudit_audit_buffer(a, "t.json", doc, len, &err);
		ca_fail_after(0);
		if (ca_alloc_failures() == before) {   /* past the last one */
			credaudit_report_free(rep);
			break;
		}
		if (rep == NULL) {
			if (err.code != CREDAUDIT_ERR_INTERNAL ||
			    strcmp(err.text, "out of memory") != 0)
				fail_msg("allocation %lu: error %d '%s'", k, err.code, err.text);
			oom++;
			continue;
		}
		if (credaudit_report_error(rep) != NULL)
			fail_msg("allocation %lu: report error '%s'", k,
			         credaudit_report_error(rep)->text);
		assert_int_equal(credaudit_report_finding_count(rep),
		                 credaudit_report_finding_count(ref));
		credaudit_report_free(rep);
	}
	assert_true(k < 100000);
	assert_true(oom > 0);
	credaudit_report_free(ref);
	credaudit_audit_free(a);
}
#endif

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_audit_sets_json_allocator),
#ifdef CREDAUDIT_FAILPOINTS
		cmocka_unit_test(test_alloc_json_fails_through_library),
		cmocka_unit_test(test_alloc_json_wrapper_out_of_memory),
#endif
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
