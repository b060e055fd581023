/*
 * test_container.c - the container stage: detection from the bytes, each
 * container and layering decoded the same whatever the chunk size, every
 * broken variant an input error at the right place, the SHA-256 of the
 * bytes read, GeneratedTime, the decompression cap.
 */
#define ZLIB_CONST
#include "testutil.h"

#include <nettle/base64.h>
#include <stdio.h>
#include <zlib.h>

#include "input/container.h"

#define CSV HDR22 ROOT_KEY1 USER_ROW("alice")

/* What the sink received. */
struct got {
	char data[1 << 20];
	size_t len;
	int refuse;          /* non-zero: fail on the first byte */
	struct credaudit_error *err;
};

static int
to_got(void *ctx, const char *buf, size_t len)
{
	struct got *g = ctx;

	if (g->refuse) {
		g->err->code = CREDAUDIT_ERR_INPUT;
		g->err->line = 2;
		snprintf(g->err->text, sizeof(g->err->text), "refused");
		return -1;
	}
	assert_true(g->len + len <= sizeof(g->data));
	memcpy(g->data + g->len, buf, len);
	g->len += len;
	return 0;
}

/* One decoding run and everything it left behind. */
struct run {
	int rc;
	struct credaudit_error err;
	char chain[128];
	char sha[65];
	uint64_t size;
	int have_gen;
	int64_t gen;
	struct got *got;
};

static struct run *
decode(const void *in, size_t n, size_t chunk, uint64_t cap, int refuse)
{
	struct run *r = calloc(1, sizeof(*r));
	struct container *c;
	const unsigned char *p = in;
	size_t off;

	assert_non_null(r);
	r->got = calloc(1, sizeof(*r->got));
	assert_non_null(r->got);
	r->got->refuse = refuse;
	r->got->err = &r->err;
	c = container_new("t", cap, to_got, r->got, &r->err);
	assert_non_null(c);
	for (off = 0; off < n; off += chunk) {
		size_t k = n - off < chunk ? n - off : chunk;

		if (container_push(c, p + off, k) == -1)
			r->rc = -1;
	}
	if (r->rc == 0)
		r->rc = container_finish(c);
	container_label_error(c, &r->err);
	snprintf(r->chain, sizeof(r->chain), "%s", container_chain(c));
	container_sha256(c, r->sha);
	r->size = container_size(c);
	r->have_gen = container_generated_time(c, &r->gen) == 0;
	container_free(c);
	return r;
}

static void
run_free(struct run *r)
{
	free(r->got);
	free(r);
}

static size_t
gzip_of(const void *in, size_t n, unsigned char *out, size_t cap)
{
	z_stream z;
	size_t len;

	memset(&z, 0, sizeof(z));
	assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
	z.next_in = in;
	z.avail_in = (uInt)n;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
	len = z.total_out;
	deflateEnd(&z);
	return len;
}

/* base64 of s, with a line break every wrap characters (0: none). */
static char *
base64_of(const char *s, size_t wrap, const char *eol)
{
	size_t n = strlen(s), raw = BASE64_ENCODE_RAW_LENGTH(n), i, o = 0;
	char *b = malloc(raw + 1), *out = malloc(raw * 3 + 8);

	assert_non_null(b);
	assert_non_null(out);
	base64_encode_raw(b, n, (const uint8_t *)s);
	for (i = 0; i < raw; i++) {
		if (wrap && i > 0 && i % wrap == 0)
			o += (size_t)sprintf(out + o, "%s", eol);
		out[o++] = b[i];
	}
	o += (size_t)sprintf(out + o, "%s", eol);
	free(b);
	return out;
}

/* The CSV must come out whole, the same for chunks of 1, 7 and all bytes. */
static void
expect_csv(const void *in, size_t n, const char *chain, const char *csv)
{
	static const size_t chunks[] = { 1, 7, 4096, (size_t)-1 };
	char sha[65] = "";
	size_t i;

	for (i = 0; i < sizeof(chunks) / sizeof(chunks[0]); i++) {
		struct run *r = decode(in, n, chunks[i] == (size_t)-1 ? n + 1 : chunks[i], 0, 0);

		assert_int_equal(r->rc, 0);
		assert_string_equal(r->chain, chain);
		assert_int_equal(r->got->len, strlen(csv));
		assert_memory_equal(r->got->data, csv, strlen(csv));
		assert_int_equal(r->size, n);
		if (i > 0)
			assert_string_equal(r->sha, sha);
		memcpy(sha, r->sha, sizeof(sha));
		run_free(r);
	}
}

/* A decoding that must fail with text, at line, counting in where. */
static void
expect_error(const void *in, size_t n, uint64_t cap, const char *text,
             unsigned long line, const char *where)
{
	static const size_t chunks[] = { 1, 5, (size_t)-1 };
	size_t i;

	for (i = 0; i < sizeof(chunks) / sizeof(chunks[0]); i++) {
		struct run *r = decode(in, n, chunks[i] == (size_t)-1 ? n + 1 : chunks[i], cap, 0);

		if (r->rc != -1)
			fail_msg("no error, expected '%s' (chunk %zu)", text, chunks[i]);
		assert_int_equal(r->err.code, CREDAUDIT_ERR_INPUT);
		if (strstr(r->err.text, text) == NULL)
			fail_msg("error '%s' lacks '%s'", r->err.text, text);
		assert_int_equal(r->err.line, line);
		assert_string_equal(r->err.where, where);
		assert_int_equal(r->size, n);   /* hashed to the end all the same */
		run_free(r);
	}
}

static void
test_container_sniff(void **state)
{
	(void)state;
	assert_int_equal(container_sniff((const unsigned char *)"\x1f\x8b", 2, 0), CONTAINER_GZIP);
	assert_int_equal(container_sniff((const unsigned char *)"\x1f", 1, 0), CONTAINER_MORE);
	assert_int_equal(container_sniff((const unsigned char *)"", 0, 0), CONTAINER_MORE);
	assert_int_equal(container_sniff((const unsigned char *)"", 0, 1), CONTAINER_CSV);
	assert_int_equal(container_sniff((const unsigned char *)"user,arn\n", 9, 0), CONTAINER_CSV);
	assert_int_equal(container_sniff((const unsigned char *)"\xEF\xBB\xBFuser,", 8, 0), CONTAINER_CSV);
	assert_int_equal(container_sniff((const unsigned char *)"\"user\",", 7, 0), CONTAINER_CSV);
	assert_int_equal(container_sniff((const unsigned char *)"dXNlcixhcm4=\n", 13, 0), CONTAINER_BASE64);
	assert_int_equal(container_sniff((const unsigned char *)"dXNlcixh", 8, 0), CONTAINER_MORE);
	assert_int_equal(container_sniff((const unsigned char *)"dXNlcixh", 8, 1), CONTAINER_BASE64);
	assert_int_equal(container_sniff((const unsigned char *)" \n {\"Content\"", 13, 0), CONTAINER_JSON);
	assert_int_equal(container_sniff((const unsigned char *)"\xEF\xBB\xBF[", 4, 0), CONTAINER_JSON);
	assert_int_equal(container_sniff((const unsigned char *)"\xEF\xBB", 2, 0), CONTAINER_MORE);
	assert_int_equal(container_sniff((const unsigned char *)"abc", 3, 1), CONTAINER_CSV);
	/* UTF-16: by its byte order mark, or the NUL pattern of "us" */
	assert_int_equal(container_sniff((const unsigned char *)"\xFF\xFEu\0", 4, 0), CONTAINER_UTF16);
	assert_int_equal(container_sniff((const unsigned char *)"\xFE\xFF\0u", 4, 0), CONTAINER_UTF16);
	assert_int_equal(container_sniff((const unsigned char *)"u\0s\0e\0", 6, 0), CONTAINER_UTF16);
	assert_int_equal(container_sniff((const unsigned char *)"\0u\0s\0e", 6, 0), CONTAINER_UTF16);
	assert_int_equal(container_sniff((const unsigned char *)"u\0s", 3, 0), CONTAINER_MORE);
	assert_int_equal(container_sniff((const unsigned char *)"\xFF", 1, 0), CONTAINER_MORE);
	assert_int_equal(container_sniff((const unsigned char *)"u\0s", 3, 1), CONTAINER_CSV);
	assert_int_equal(container_sniff((const unsigned char *)"user", 4, 0), CONTAINER_MORE);
}

/* UTF-16 text is refused with the command that converts it, also inside
 * gzip, whatever the chunk size. */
static void
test_container_utf16(void **state)
{
	static const char le[] = "u\0s\0e\0r\0,\0a\0r\0n\0\n\0";
	static unsigned char gz[256];
	size_t n;

	(void)state;
	expect_error(le, sizeof(le) - 1, 0, "UTF-16 text; convert it with `iconv -f UTF-16 -t UTF-8`",
	             0, "");
	expect_error("\xFF\xFEx\0", 4, 0, "UTF-16 text", 0, "");
	n = gzip_of(le, sizeof(le) - 1, gz, sizeof(gz));
	expect_error(gz, n, 0, "UTF-16 text", 0, "");
	/* nothing read yet (no buffer at all): undecided, no byte compared */
	assert_int_equal(container_sniff(NULL, 0, 0), CONTAINER_MORE);
	assert_int_equal(container_sniff(NULL, 0, 1), CONTAINER_CSV);
}

/*
 * An input is no credential report when its decoded start cannot begin a
 * report header or it is JSON without a Content; damaged reports, UTF-16,
 * empty inputs and a JSON wrapper with a Content stay errors.
 */
static void
test_container_not_report(void **state)
{
	static const struct { const char *in; int not_report; } cases[] = {
		{ "# Evidence\nthree accounts\n", 1 },
		{ "An error occurred (ReportNotPresent) when calling\n", 1 },
		{ "usage: aws [options]\n", 1 },
		{ "{\"status\": \"ok\"}", 1 },
		{ "[1, 2]", 1 },
		{ "{not json", 1 },
		{ "\xEF\xBB\xBF\n  notes\nmore text\n", 1 },
		{ "user,arn,oops\n", 0 },
		{ "User,ARN\n", 0 },
		{ "user,ar", 0 },
		{ "", 0 },
		{ "\n\n", 0 },
		{ "{\"Content\": \"bm90IGEgcmVwb3J0\"}", 0 },
		{ "{\"Content\": 1", 0 },
		{ "{\"Content\": \"dXNlcixhcm4K\", \"ReportFormat\": \"text/html\"}", 0 },
		{ "\xFF\xFEu\0s\0", 0 },
	};
	struct credaudit_error e = { 0 };
	struct credaudit_audit *a = credaudit_audit_new(NULL, &e);
	size_t i;

	(void)state;
	assert_non_null(a);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t n = strlen(cases[i].in) + (strncmp(cases[i].in, "\xFF\xFE", 2) == 0 ? 1 : 0);
		struct credaudit_report *rep = credaudit_audit_buffer(a, "t", cases[i].in, n, &e);

		assert_non_null(rep);
		assert_non_null(credaudit_report_error(rep));
		if (credaudit_report_not_a_report(rep) != cases[i].not_report)
			fail_msg("case %zu (%s): not_a_report %d, want %d", i,
			         credaudit_report_error(rep)->text,
			         credaudit_report_not_a_report(rep), cases[i].not_report);
		credaudit_report_free(rep);
	}
	/* an audited report is not one */
	{
		struct credaudit_report *rep = credaudit_audit_buffer(a, "t", CSV, strlen(CSV), &e);

		assert_non_null(rep);
		assert_int_equal(credaudit_report_not_a_report(rep), 0);
		credaudit_report_free(rep);
	}
	credaudit_audit_free(a);
}

static void
test_container_raw_csv(void **state)
{
	(void)state;
	expect_csv(CSV, strlen(CSV), "csv", CSV);
	expect_csv("", 0, "csv", "");
	expect_csv("\xEF\xBB\xBF" CSV, strlen(CSV) + 3, "csv", "\xEF\xBB\xBF" CSV);
}

static void
test_container_sha256(void **state)
{
	struct run *r;

	(void)state;
	/* FIPS 180-2 test vector: the hash is of the bytes read, undecoded. */
	r = decode("abc", 3, 1, 0, 0);
	assert_string_equal(r->sha, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	run_free(r);
	r = decode("", 0, 1, 0, 0);
	assert_string_equal(r->sha, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	run_free(r);
}

static void
test_container_base64(void **state)
{
	char *b;

	(void)state;
	b = base64_of(CSV, 0, "\n");
	expect_csv(b, strlen(b), "base64 > csv", CSV);
	free(b);
	b = base64_of(CSV, 76, "\n");
	expect_csv(b, strlen(b), "base64 > csv", CSV);
	free(b);
	b = base64_of(CSV, 64, "\r\n");
	expect_csv(b, strlen(b), "base64 > csv", CSV);
	free(b);
}

static void
test_container_base64_errors(void **state)
{
	char *b;

	(void)state;
	b = base64_of(CSV, 76, "\n");
	b[76 + 1 + 76 + 1 + 9] = '*';   /* line 3, column 10 */
	expect_error(b, strlen(b), 0, "byte 0x2a at column 10", 3, "");
	free(b);
	b = base64_of(CSV, 0, "");
	b[strlen(b) - 2] = '\0';         /* cut inside a 4-character group */
	expect_error(b, strlen(b), 0, "ends in the middle of a 4-character group", 1, "");
	free(b);
	expect_error("dXNlcg==dXNl\n", 13, 0, "comes after the '=' padding", 1, "");
}

static void
test_container_gzip(void **state)
{
	static unsigned char gz[1 << 16];
	char *b = base64_of(CSV, 76, "\n");
	size_t n;

	(void)state;
	n = gzip_of(CSV, strlen(CSV), gz, sizeof(gz));
	expect_csv(gz, n, "gzip > csv", CSV);
	n = gzip_of(b, strlen(b), gz, sizeof(gz));
	expect_csv(gz, n, "gzip > base64 > csv", CSV);
	free(b);
}

static void
test_container_gzip_members(void **state)
{
	static unsigned char gz[1 << 16];
	size_t half = strlen(CSV) / 2, n;

	(void)state;
	n = gzip_of(CSV, half, gz, sizeof(gz));
	n += gzip_of(&CSV[half], strlen(CSV) - half, gz + n, sizeof(gz) - n);
	expect_csv(gz, n, "gzip > csv", CSV);
	memcpy(gz + n, "junk", 4);
	expect_error(gz, n + 4, 0, "is not gzip", 0, "");
}

static void
test_container_gzip_errors(void **state)
{
	static unsigned char gz[1 << 16], gz2[1 << 16];
	size_t n, n2;

	(void)state;
	n = gzip_of(CSV, strlen(CSV), gz, sizeof(gz));
	expect_error(gz, n / 2, 0, "gzip data is truncated", 0, "");
	expect_error(gz, 2, 0, "gzip data is truncated", 0, "");
	gz[n - 5] ^= 0xff;   /* the stored length: a damaged trailer */
	expect_error(gz, n, 0, "gzip data is damaged", 0, "");
	gz[n - 5] ^= 0xff;
	n2 = gzip_of(gz, n, gz2, sizeof(gz2));
	expect_error(gz2, n2, 0, "gzip data inside gzip data", 0, "");
}

static void
test_container_gzip_cap(void **state)
{
	static unsigned char gz[1 << 16];
	size_t n = gzip_of(CSV, strlen(CSV), gz, sizeof(gz));
	struct run *r;

	(void)state;
	expect_error(gz, n, 100, "decompresses to more than 100 bytes", 0, "");
	r = decode(gz, n, 3, strlen(CSV), 0);   /* exactly the cap: accepted */
	assert_int_equal(r->rc, 0);
	run_free(r);
	r = decode(gz, n, 3, strlen(CSV) - 1, 0);
	assert_int_equal(r->rc, -1);
	/* the sink never got more than the cap */
	assert_true(r->got->len <= strlen(CSV) - 1);
	run_free(r);
}

static void
test_container_json(void **state)
{
	char *b = base64_of(CSV, 0, ""), *doc = malloc(strlen(b) + 4096);
	static unsigned char gz[1 << 16];
	struct run *r;
	size_t n;

	(void)state;
	sprintf(doc, "{\n  \"Content\": \"%s\",\n  \"ReportFormat\": \"text/csv\",\n"
	        "  \"GeneratedTime\": \"2024-06-01T12:00:00+00:00\"\n}\n", b);
	expect_csv(doc, strlen(doc), "aws-cli-json > base64 > csv", CSV);
	r = decode(doc, strlen(doc), 2, 0, 0);
	assert_true(r->have_gen);
	assert_int_equal(r->gen, 1717243200);
	run_free(r);
	n = gzip_of(doc, strlen(doc), gz, sizeof(gz));
	expect_csv(gz, n, "gzip > aws-cli-json > base64 > csv", CSV);
	free(doc);
	free(b);
}


static int
seterr_facts(struct credaudit_error *err)
{
	err->code = CREDAUDIT_ERR_INPUT;
	snprintf(err->text, sizeof(err->text), "facts refused");
	return -1;
}

/* What the facts receiver saw; the sink's got comes first (same ctx). */
struct seen {
	struct got got;
	int nfacts;
	size_t len_at_facts;      /* bytes the sink had when the facts came */
	struct container_facts facts;
	int refuse;
	struct credaudit_error err;
};

static int
to_seen(void *ctx, const struct container_facts *f)
{
	struct seen *s = ctx;

	s->nfacts++;
	s->len_at_facts = s->got.len;
	s->facts = *f;
	if (s->refuse)
		return seterr_facts(&s->err);
	return 0;
}

/* Push doc in chunks of one byte with a facts receiver; rc of the run. */
static int
decode_seen(const char *doc, struct seen *s)
{
	struct container *c = container_new("t", 0, to_got, s, &s->err);
	size_t i;
	int rc = 0;

	assert_non_null(c);
	s->got.err = &s->err;
	container_on_facts(c, to_seen);
	for (i = 0; i < strlen(doc) && rc == 0; i++)
		rc = container_push(c, doc + i, 1);
	if (rc == 0)
		rc = container_finish(c);
	container_free(c);
	return rc;
}

/* The facts (GeneratedTime) reach the reader once, before the first CSV
 * byte, so it never has to ask the container back. */
static void
test_container_facts_before_bytes(void **state)
{
	char *b = base64_of(CSV, 0, ""), *doc = malloc(strlen(b) + 256);
	struct seen *s = calloc(1, sizeof(*s));

	(void)state;
	assert_non_null(doc);
	assert_non_null(s);
	sprintf(doc, "{\"Content\": \"%s\", \"GeneratedTime\": "
	        "\"2024-06-01T12:00:00+00:00\"}", b);
	assert_int_equal(decode_seen(doc, s), 0);
	assert_int_equal(s->nfacts, 1);
	assert_int_equal(s->len_at_facts, 0);
	assert_true(s->facts.has_generated_time);
	assert_int_equal(s->facts.generated_time, 1717243200);
	assert_int_equal(s->got.len, strlen(CSV));

	memset(s, 0, sizeof(*s));      /* raw CSV: no GeneratedTime */
	assert_int_equal(decode_seen(CSV, s), 0);
	assert_int_equal(s->nfacts, 1);
	assert_int_equal(s->len_at_facts, 0);
	assert_false(s->facts.has_generated_time);
	assert_int_equal(s->got.len, strlen(CSV));

	memset(s, 0, sizeof(*s));      /* a receiver's error stops decoding */
	s->refuse = 1;
	assert_int_equal(decode_seen(CSV, s), -1);
	assert_int_equal(s->nfacts, 1);
	assert_int_equal(s->got.len, 0);
	assert_string_equal(s->err.text, "facts refused");
	free(s);
	free(doc);
	free(b);
}

static void
test_container_json_plain_content(void **state)
{
	/* Content as CSV text with CRLF; extra keys ignored; a BOM before. */
	static const char doc[] =
		"\xEF\xBB\xBF{\"Extra\": [1, 2], \"Content\": \"user,arn\\r\\n<root_account>,x\\r\\n\"}";
	struct run *r;

	(void)state;
	expect_csv(doc, sizeof(doc) - 1, "aws-cli-json > csv",
	           "user,arn\r\n<root_account>,x\r\n");
	r = decode(doc, sizeof(doc) - 1, 1, 0, 0);
	assert_false(r->have_gen);
	run_free(r);
}

static void
test_container_json_placebo(void **state)
{
	static const char doc[] =
		"{\"status_code\": 200, \"data\": {\"Content\": \"user,arn\\n\", "
		"\"GeneratedTime\": {\"__class__\": \"datetime\", \"year\": 2016, "
		"\"month\": 11, \"day\": 25, \"hour\": 14, \"minute\": 30, "
		"\"second\": 42, \"microsecond\": 0}, \"ReportFormat\": \"text/csv\"}}";
	struct run *r;

	(void)state;
	expect_csv(doc, sizeof(doc) - 1, "placebo-json > csv", "user,arn\n");
	r = decode(doc, sizeof(doc) - 1, 3, 0, 0);
	assert_true(r->have_gen);
	assert_int_equal(r->gen, 1480084242);
	run_free(r);
}

/* GeneratedTime as SDKs write it: fractional seconds (dropped), a space
 * for the "T" (Python's str(datetime)). */
static void
test_container_json_generated_sdk_forms(void **state)
{
	static const char *const forms[] = {
		"2024-06-01T12:00:00Z", "2024-06-01T12:00:00.000Z",
		"2024-06-01T12:00:00.999999999Z", "2024-06-01 12:00:00+00:00",
		"2024-06-01 12:00:00.123456+00:00", "2024-06-01T14:00:00.5+02:00",
	};
	char doc[200];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		struct run *r;

		snprintf(doc, sizeof(doc), "{\"Content\": \"user,arn\\n\", "
		         "\"GeneratedTime\": \"%s\"}", forms[i]);
		r = decode(doc, strlen(doc), 7, 0, 0);
		assert_int_equal(r->rc, 0);
		assert_true(r->have_gen);
		assert_int_equal(r->gen, 1717243200);
		run_free(r);
	}
}

static void
test_container_json_errors(void **state)
{
#define E(doc, text, line) expect_error(doc, sizeof(doc) - 1, 0, text, line, "")
	(void)state;
	E("[{\"Content\": \"x\"}]", "is an array, not an object", 0);
	E("{\"ReportFormat\": \"text/csv\"}", "has no \"Content\" key", 0);
	E("{\"data\": {\"Other\": 1}}", "has no \"Content\" key", 0);
	E("{\"Content\": null}", "Content is null, not a string", 0);
	E("{\"Content\": \"\"}", "Content is empty", 0);
	E("{\"Content\": \"dXNlcg\"}", "ends in the middle of a 4-character group", 0);
	E("{\"Content\": \"user,arn\\n\", \"ReportFormat\": \"text/xml\"}", "ReportFormat is not", 0);
	E("{\"Content\": \"user,arn\\n\", \"GeneratedTime\": 5}",
	  "GeneratedTime (a number) is not an ISO 8601 time", 0);
	E("{\"Content\": \"user,arn\\n\", \"GeneratedTime\": \"2024-02-30T00:00:00Z\"}",
	  "GeneratedTime \"2024-02-30T00:00:00Z\" is not an ISO 8601 time", 0);
	/* the value is quoted, escaped: no byte of it can forge the message */
	E("{\"Content\": \"user,arn\\n\", \"GeneratedTime\": \"x\\u001b\\\"y\\\\\"}",
	  "GeneratedTime \"x\\x1b\\x22y\\x5c\" is not an ISO 8601 time", 0);
	E("{\"Content\": \"user,arn\\n\", \"GeneratedTime\": \"2024-06-01 12:00:00\"}",
	  "GeneratedTime \"2024-06-01 12:00:00\" is not", 0);
	E("{\"Content\": \"user,arn\\n\", \"GeneratedTime\": \"2024-06-01T12:00:00.Z\"}",
	  "GeneratedTime \"2024-06-01T12:00:00.Z\" is not", 0);
	E("{\"Content\": \"a\", \"Content\": \"b\"}", "duplicate object key", 1);
	E("{\n\"Content\": \"user,arn\\n\"\n", "not valid JSON", 3);
	E("{\"Content\": \"user\\u0000\"}", "not valid JSON", 1);
#undef E
}

/* A bad character past the first line judged: base64 with an error, not
 * CSV text (a '*' in the first 256 characters makes it CSV text). */
static void
test_container_json_bad_base64(void **state)
{
	char *b = base64_of(CSV, 0, ""), *doc = malloc(strlen(b) + 64);

	(void)state;
	b[299] = '*';
	sprintf(doc, "{\"Content\": \"%s\"}", b);
	expect_error(doc, strlen(doc), 0, "Content is not valid base64: byte 0x2a at character 300", 0, "");
	free(doc);
	free(b);
}

static void
test_container_json_cap(void **state)
{
	static const char doc[] = "{\"Content\": \"user,arn\\n\"}";

	(void)state;
	expect_error(doc, sizeof(doc) - 1, 10, "larger than the 10-byte limit", 0, "");
}

/* Errors of the sink (the CSV reader) are labelled with what holds the CSV. */
static void
test_container_label(void **state)
{
	static const char json_b64[] = "{\"Content\": \"dXNlcixhcm4K\"}";
	static const char json_text[] = "{\"data\": {\"Content\": \"user,arn\\n\"}}";
	static unsigned char gz[256];
	struct run *r;
	size_t n;

	(void)state;
	r = decode(json_b64, sizeof(json_b64) - 1, 4, 0, 1);
	assert_int_equal(r->rc, -1);
	assert_string_equal(r->err.where, "Content (base64 CSV)");
	assert_int_equal(r->size, sizeof(json_b64) - 1);
	run_free(r);
	r = decode(json_text, sizeof(json_text) - 1, 4, 0, 1);
	assert_string_equal(r->err.where, "data.Content (CSV text)");
	run_free(r);
	r = decode("dXNlcixhcm4K", 12, 1, 0, 1);
	assert_string_equal(r->err.where, "base64-decoded CSV");
	run_free(r);
	n = gzip_of("user,arn\n", 9, gz, sizeof(gz));
	r = decode(gz, n, 1, 0, 1);
	assert_string_equal(r->err.where, "decompressed CSV");
	run_free(r);
	r = decode("user,arn\n", 9, 1, 0, 1);
	assert_string_equal(r->err.where, "");
	run_free(r);
}

/* Through the library: a wrapped report is audited, GeneratedTime is the
 * as-of time, the evidence is kept. */
static void
test_container_audit_buffer(void **state)
{
	char *b = base64_of(CSV, 0, ""), *doc = malloc(strlen(b) + 256);
	struct credaudit_report *rep;
	const struct credaudit_input *in;
	int64_t t;

	(void)state;
	sprintf(doc, "{\"Content\": \"%s\", \"GeneratedTime\": \"2024-06-01T12:00:00Z\"}", b);
	rep = audit_str(doc);
	assert_null(credaudit_report_error(rep));
	assert_int_equal(credaudit_report_finding_count(rep), 1);
	assert_int_equal(credaudit_report_as_of(rep, &t), CREDAUDIT_ASOF_GENERATED);
	assert_int_equal(t, 1717243200);
	in = credaudit_report_input(rep);
	assert_non_null(in);
	assert_string_equal(in->container, "aws-cli-json > base64 > csv");
	assert_int_equal(in->size, strlen(doc));
	assert_true(in->complete);
	assert_true(in->has_generated_time);
	assert_string_equal(in->tool_version, CREDAUDIT_VERSION);
	assert_int_equal(credaudit_report_age(rep, &t), -1);   /* as-of not asked */
	credaudit_report_free(rep);
	free(doc);
	free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_container_sniff),
		cmocka_unit_test(test_container_utf16),
		cmocka_unit_test(test_container_not_report),
		cmocka_unit_test(test_container_raw_csv),
		cmocka_unit_test(test_container_sha256),
		cmocka_unit_test(test_container_base64),
		cmocka_unit_test(test_container_base64_errors),
		cmocka_unit_test(test_container_gzip),
		cmocka_unit_test(test_container_gzip_members),
		cmocka_unit_test(test_container_gzip_errors),
		cmocka_unit_test(test_container_gzip_cap),
		cmocka_unit_test(test_container_json),
		cmocka_unit_test(test_container_facts_before_bytes),
		cmocka_unit_test(test_container_json_plain_content),
		cmocka_unit_test(test_container_json_generated_sdk_forms),
		cmocka_unit_test(test_container_json_placebo),
		cmocka_unit_test(test_container_json_errors),
		cmocka_unit_test(test_container_json_bad_base64),
		cmocka_unit_test(test_container_json_cap),
		cmocka_unit_test(test_container_label),
		cmocka_unit_test(test_container_audit_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
