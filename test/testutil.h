/*
 * testutil.h - helpers shared by the cmocka unit tests: the include order
 * cmocka needs, fixtures, in-memory audits, a directory of a test's own, a
 * memory sink for renderers and the standard credential-report layout as
 * string constants.
 *
 * Everything here is static inline so that a test file that does not use a
 * helper gets no unused-function warning.
 */
#ifndef CREDAUDIT_TESTUTIL_H
#define CREDAUDIT_TESTUTIL_H

/* cmocka 1.1 needs these before <cmocka.h>. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "credaudit.h"

/* The number of elements of array a. */
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* The 22-column header AWS has written since 2015 (HDR22_F: no newline). */
#define HDR22 HDR22_F "\n"
#define HDR22_F \
	"user,arn,user_creation_time,password_enabled,password_last_used," \
	"password_last_changed,password_next_rotation,mfa_active," \
	"access_key_1_active,access_key_1_last_rotated," \
	"access_key_1_last_used_date,access_key_1_last_used_region," \
	"access_key_1_last_used_service,access_key_2_active," \
	"access_key_2_last_rotated,access_key_2_last_used_date," \
	"access_key_2_last_used_region,access_key_2_last_used_service," \
	"cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated"

/* The 16-column layout AWS wrote until 2015 (no last-used columns). */
#define HDR16_F \
	"user,arn,user_creation_time,password_enabled,password_last_used," \
	"password_last_changed,password_next_rotation,mfa_active," \
	"access_key_1_active,access_key_1_last_rotated,access_key_2_active," \
	"access_key_2_last_rotated,cert_1_active,cert_1_last_rotated," \
	"cert_2_active,cert_2_last_rotated"

#define ACCT "111122223333"
#define ROOT_ARN "arn:aws:iam::" ACCT ":root"

/* A root row without active keys (22 columns). */
#define ROOT_PASS ROOT_PASS_F "\n"
#define ROOT_PASS_F \
	"<root_account>," ROOT_ARN ",2019-03-04T10:00:00+00:00,not_supported," \
	"2024-05-20T08:14:02+00:00,not_supported,not_supported,true," \
	"false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A"

/* A root row whose access key 1 is active and was used (22 columns). */
#define ROOT_KEY1 ROOT_KEY1_F "\n"
#define ROOT_KEY1_F ROOT_KEY1_IN("us-east-1")
/* The same, key 1 last used in REGION (a CSV field, as a string literal). */
#define ROOT_KEY1_IN(region) \
	"<root_account>," ROOT_ARN ",2019-03-04T10:00:00+00:00,not_supported," \
	"2024-05-20T08:14:02+00:00,not_supported,not_supported,false," \
	"true,2021-06-01T09:30:00+00:00,2024-05-02T17:45:00+00:00," region ",s3," \
	"false,N/A,N/A,N/A,N/A,false,N/A,false,N/A"

/* A user whose two access keys are active: two-active-keys (medium). */
#define USER_TWO_KEYS \
	"carol,arn:aws:iam::" ACCT ":user/carol,2020-01-15T12:00:00+00:00,false," \
	"N/A,N/A,N/A,false,true,2024-01-10T12:05:00+00:00," \
	"2024-05-31T11:00:00+00:00,eu-west-1,ec2,true,2024-02-10T12:05:00+00:00," \
	"2024-05-30T11:00:00+00:00,eu-west-1,s3,false,N/A,false,N/A\n"

/* An IAM user row (22 columns) named NAME. */
#define USER_ROW(name) \
	name ",arn:aws:iam::" ACCT ":user/" name ",2020-01-15T12:00:00+00:00," \
	"true,2024-05-30T07:00:00+00:00,2024-01-10T12:00:00+00:00,N/A,true," \
	"true,2024-01-10T12:05:00+00:00,2024-05-31T11:00:00+00:00,eu-west-1," \
	"ec2,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n"

/*
 * A cmocka fixture of type struct NAME: NAME_setup gives a test a zeroed
 * one as its state; NAME_teardown runs the statements done on it, named
 * var, and frees it.  FIXTURE_TEST(NAME, test) is the test run with one.
 */
#define FIXTURE(name, var, done) \
	static int name##_setup(void **state) \
	{ \
		*state = calloc(1, sizeof(struct name)); \
		return *state == NULL ? -1 : 0; \
	} \
	static int name##_teardown(void **state) \
	{ \
		struct name *var = *state; \
		done; \
		free(var); \
		return 0; \
	}
#define FIXTURE_TEST(name, test) \
	cmocka_unit_test_setup_teardown(test, name##_setup, name##_teardown)

/* Options selecting rules, fail_on and waivers (NULL: the default of
 * each), with as_of stated as by --as-of unless it is 0. */
static inline struct credaudit_opts
opts_of(const char *rules, const char *fail_on, const char *waivers,
        int64_t as_of)
{
	struct credaudit_opts o;

	memset(&o, 0, sizeof(o));
	o.rules = rules;
	o.fail_on = fail_on;
	o.waivers = waivers;
	if (as_of != 0) {
		o.as_of = as_of;
		o.as_of_source = CREDAUDIT_ASOF_OPTION;
	}
	return o;
}

/* An audit context with options o; fails the test when it cannot be made. */
static inline struct credaudit_audit *
audit_new_ok(const struct credaudit_opts *o)
{
	struct credaudit_error err;
	struct credaudit_audit *a;

	memset(&err, 0, sizeof(err));
	a = credaudit_audit_new(o, &err);
	assert_non_null(a);
	return a;
}

/* Audit len bytes named name with options o.  Fails the test when the
 * audit context or the report cannot be made. */
static inline struct credaudit_report *
audit_mem_opts(const struct credaudit_opts *o, const char *name,
               const void *buf, size_t len)
{
	struct credaudit_error err;
	struct credaudit_audit *a = audit_new_ok(o);
	struct credaudit_report *rep;

	memset(&err, 0, sizeof(err));
	rep = credaudit_audit_buffer(a, name, buf, len, &err);
	credaudit_audit_free(a);
	assert_non_null(rep);
	return rep;
}

/* Audit len bytes with the given rule list (NULL: all rules). */
static inline struct credaudit_report *
audit_mem_rules(const char *rules, const char *name, const void *buf,
                size_t len)
{
	const struct credaudit_opts o = { .rules = rules };

	return audit_mem_opts(&o, name, buf, len);
}

/* Free reports[0..n). */
static inline void
free_reports(struct credaudit_report **reports, size_t n)
{
	while (n > 0)
		credaudit_report_free(reports[--n]);
}

/* Audit a NUL-terminated string with the headline rule only (the tests
 * written before the full rule set count its findings alone). */
static inline struct credaudit_report *
audit_str(const char *csv)
{
	return audit_mem_rules("root-access-key", "test.csv", csv, strlen(csv));
}

/* Audit a NUL-terminated string with every rule (the default selection). */
static inline struct credaudit_report *
audit_all(const char *csv)
{
	return audit_mem_rules(NULL, "test.csv", csv, strlen(csv));
}

/* The report's error; fails the test when the report was audited. */
static inline const struct credaudit_error *
must_error(const struct credaudit_report *rep)
{
	const struct credaudit_error *e = credaudit_report_error(rep);

	assert_non_null(e);
	return e;
}

/* Assert an input error at line:column whose text contains want. */
static inline void
assert_input_error(const struct credaudit_report *rep, unsigned long line,
                   unsigned long column, const char *want)
{
	const struct credaudit_error *e = must_error(rep);

	assert_int_equal(e->code, CREDAUDIT_ERR_INPUT);
	assert_int_equal(e->line, line);
	assert_int_equal(e->column, column);
	if (strstr(e->text, want) == NULL)
		fail_msg("error text \"%s\" lacks \"%s\"", e->text, want);
}

/* A directory of the test's own holding one file, named file within it;
 * tdir_remove removes both.  Zeroed: none made yet. */
struct tdir {
	char dir[64];
	char path[128];
};

static inline void
tdir_make(struct tdir *d, const char *file)
{
	snprintf(d->dir, sizeof(d->dir), "/tmp/credaudit-test.XXXXXX");
	assert_non_null(mkdtemp(d->dir));
	snprintf(d->path, sizeof(d->path), "%s/%s", d->dir, file);
}

/* Make the directory's file hold exactly bytes[0..n). */
static inline void
tdir_put(const struct tdir *d, const void *bytes, size_t n)
{
	FILE *fp = fopen(d->path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(bytes, 1, n, fp), n);
	assert_int_equal(fclose(fp), 0);
}

/* Remove the directory and its file; nothing when none was made. */
static inline void
tdir_remove(const struct tdir *d)
{
	if (d->dir[0] == '\0')
		return;
	unlink(d->path);
	rmdir(d->dir);
}

/* tdir_make, its file holding text; the file's path. */
static inline const char *
tdir_with(struct tdir *d, const char *file, const char *text)
{
	tdir_make(d, file);
	tdir_put(d, text, strlen(text));
	return d->path;
}

/* A waiver file's text waiving rule for the root user of ACCT until
 * expires (both string literals). */
#define ROOT_WAIVER(rule, expires) \
	"{\"waivers\": [{\"rule\": \"" rule "\", \"account\": \"" ACCT "\", " \
	"\"user\": \"<root_account>\", \"justification\": \"break-glass key, " \
	"RISK-7\", \"owner\": \"sec@example.com\", \"expires\": \"" expires "\"}]}"

/* Audit csv with options o and a waiver file holding json, a file of its
 * own that is gone again when the report is returned. */
static inline struct credaudit_report *
audit_waivers(struct credaudit_opts *o, const char *json, const char *csv)
{
	struct tdir d;
	struct credaudit_report *rep;

	o->waivers = tdir_with(&d, "waivers.json", json);
	rep = audit_mem_opts(o, "t.csv", csv, strlen(csv));
	o->waivers = NULL;
	tdir_remove(&d);
	return rep;
}

/* The SHA-256 of buf[0..n) in hex. */
static inline void
sha256_hex(const void *buf, size_t n, char hex[65])
{
	struct sha256_ctx sha;
	uint8_t dig[SHA256_DIGEST_SIZE];
	size_t i;

	sha256_init(&sha);
	sha256_update(&sha, n, buf);
	sha256_digest(&sha, sizeof(dig), dig);
	for (i = 0; i < sizeof(dig); i++)
		snprintf(hex + 2 * i, 3, "%02x", dig[i]);
}

/* What a struct buf (base/util.h) holds so far, NUL-terminated, in static
 * storage valid until the next call; empties the buf.  For the tests of
 * modules that append to a buf. */
#define taken(b) taken_text((b)->data, &(b)->len)

static inline const char *
taken_text(const char *data, size_t *len)
{
	static char out[1024];

	assert_true(*len < sizeof(out));
	memcpy(out, data != NULL ? data : "", *len);
	out[*len] = '\0';
	*len = 0;
	return out;
}

/* A growable memory sink for renderers.  fail_at: when non-zero, the
 * fail_at-th write call and every later one fail. */
struct memsink {
	char *data;
	size_t len, cap;
	size_t calls;
	size_t fail_at;
};

static inline int
memsink_write(void *ctx, const void *buf, size_t len)
{
	struct memsink *m = ctx;

	m->calls++;
	if (m->fail_at != 0 && m->calls >= m->fail_at)
		return -1;
	if (len + 1 > m->cap - m->len) {
		size_t cap = m->cap ? m->cap : 256;
		char *p;

		while (len + 1 > cap - m->len)
			cap *= 2;
		if ((p = realloc(m->data, cap)) == NULL)
			return -1;
		m->data = p;
		m->cap = cap;
	}
	memcpy(m->data + m->len, buf, len);
	m->len += len;
	m->data[m->len] = '\0';
	return 0;
}

static inline void
memsink_free(struct memsink *m)
{
	free(m->data);
	memset(m, 0, sizeof(*m));
}

/* Render reports[0..n) in format into a fresh memory sink (NUL-terminated,
 * "" when nothing was written).  Fails the test on any render error. */
static inline void
render_mem(const char *format, struct credaudit_report *const *reports,
           size_t n, struct memsink *out)
{
	struct credaudit_error err;
	struct credaudit_render *r;
	size_t i;

	memset(out, 0, sizeof(*out));
	memset(&err, 0, sizeof(err));
	r = credaudit_render_new(format, NULL, NULL, memsink_write, out, &err);
	assert_non_null(r);
	for (i = 0; i < n; i++)
		assert_int_equal(credaudit_render_report(r, reports[i], &err), 0);
	assert_int_equal(credaudit_render_finish(r, &err), 0);
	assert_int_equal(err.code, 0);
	credaudit_render_free(r);
	if (out->data == NULL)
		assert_int_equal(memsink_write(out, "", 0), 0);
}

/* Render one report. */
static inline void
render_one(const char *format, struct credaudit_report *rep,
           struct memsink *out)
{
	render_mem(format, &rep, 1, out);
}

#endif
