/*
 * test_read.c - reading an input (src/input/read.c): the --max-input-bytes
 * cap on a buffer and on a file read in chunks, the rest of a broken input
 * still read and hashed up to the decompression cap, read errors, and the
 * evidence of what was read (size, SHA-256, layers, GeneratedTime).
 */
#include "testutil.h"

#include <fcntl.h>

#include "input/read.h"

#define KIB64 65536u

/* What the sink got; fail_with: when non-zero, every call fails with an
 * error of that code. */
struct sink {
	struct credaudit_error *err;
	int fail_with;
	size_t calls;
	uint64_t bytes;
	char head[64];
	size_t nhead;
};

static int
to_sink(void *ctx, const char *buf, size_t len)
{
	struct sink *s = ctx;
	size_t k = len < sizeof(s->head) - 1 - s->nhead ? len : sizeof(s->head) - 1 - s->nhead;

	s->calls++;
	if (s->fail_with != 0)   /* as the CSV reader fails on a bad byte */
		return seterr(s->err, s->fail_with, "f", 2, 3, "bad byte in the CSV");
	memcpy(s->head + s->nhead, buf, k);
	s->nhead += k;
	s->head[s->nhead] = '\0';
	s->bytes += len;
	return 0;
}

#define FILE_N (5 * KIB64 + 17)   /* bytes of the file write_report makes */

/* One test's read: the file, the sink, and what reading left. */
struct rd {
	struct tdir d;
	char hex[65];                 /* the SHA-256 of the file written */
	struct sink s;
	struct credaudit_error err;
	struct container *c;
	int rc, complete;
	struct credaudit_input in;
	struct arena a;
};

FIXTURE(rd, r, container_free(r->c); arena_free(&r->a); tdir_remove(&r->d))

/* Write FILE_N bytes of CSV text to r->d.path; its SHA-256 into r->hex. */
static void
write_report(struct rd *r)
{
	static const char head[] = "user,arn\n";
	char *buf = malloc(FILE_N);
	size_t i;

	assert_non_null(buf);
	memcpy(buf, head, sizeof(head) - 1);
	for (i = sizeof(head) - 1; i < FILE_N; i++)
		buf[i] = i % 16 == 15 ? '\n' : (char)('a' + i % 7);
	tdir_make(&r->d, "report.csv");
	tdir_put(&r->d, buf, FILE_N);
	sha256_hex(buf, FILE_N, r->hex);
	free(buf);
}

/* Read the file at path (or buf[0..len) when buf is not NULL) through a
 * fresh container into r->s; the container stays open in r->c. */
static void
read_from(struct rd *r, const char *path, const void *buf, size_t len,
          uint64_t max_input, uint64_t max_decompressed)
{
	const struct read_caps caps = { max_input, max_decompressed };
	int fd = -1;

	memset(&r->err, 0, sizeof(r->err));
	r->s.err = &r->err;
	r->c = container_new("f", 0, to_sink, &r->s, &r->err);
	assert_non_null(r->c);
	if (buf == NULL) {
		fd = open(path, O_RDONLY);
		assert_true(fd >= 0);
	}
	r->complete = -1;
	r->rc = read_input(r->c, fd, buf, len, &caps, "f", &r->complete, &r->err);
	if (fd >= 0)
		close(fd);
}

/* read_from, which must read the input whole and decode it without error. */
static void
read_ok(struct rd *r, const char *path, const void *buf, size_t len,
        uint64_t max_input, uint64_t max_decompressed)
{
	read_from(r, path, buf, len, max_input, max_decompressed);
	assert_int_equal(r->rc, 0);
	assert_int_equal(r->err.code, 0);
	assert_int_equal(r->complete, 1);
	assert_int_equal(container_finish(r->c), 0);
}

/* The read failed with an input error of "f" at line:column saying
 * exactly text; complete says whether its end was reached. */
static void
read_refused(const struct rd *r, int complete, unsigned long line,
             unsigned long column, const char *text)
{
	assert_int_equal(r->rc, -1);
	assert_int_equal(r->complete, complete);
	assert_int_equal(r->err.code, CREDAUDIT_ERR_INPUT);
	assert_string_equal(r->err.file, "f");
	assert_int_equal(r->err.line, line);
	assert_int_equal(r->err.column, column);
	assert_string_equal(r->err.text, text);
}

/* The evidence of what was read, into r->in. */
static const struct credaudit_input *
evidence(struct rd *r)
{
	memset(&r->in, 0, sizeof(r->in));
	assert_int_equal(read_evidence(r->c, r->complete, &r->in, &r->a), 0);
	return &r->in;
}

static void
test_read_buffer_within_cap(void **state)
{
	static const char csv[] = "user,arn\n";
	struct rd *r = *state;
	const struct credaudit_input *in;

	read_ok(r, NULL, csv, 9, 9, 0);
	assert_string_equal(r->s.head, csv);
	in = evidence(r);
	assert_int_equal(in->size, 9);
	assert_string_equal(in->sha256,
	                    "729f4e0d7279b620362151da02383b38cdb529ad0734ab922d44beba23004e6e");
	assert_int_equal(in->complete, 1);
	assert_string_equal(in->container, "csv");
	assert_string_equal(in->tool_version, CREDAUDIT_VERSION);
	assert_int_equal(in->has_generated_time, 0);
}

static void
test_read_buffer_over_cap(void **state)
{
	struct rd *r = *state;

	read_from(r, NULL, "user,arn\n", 9, 8, 0);
	read_refused(r, 0, 0, 0, "input larger than 8 bytes: not audited "
	             "(--max-input-bytes raises the cap)");
	/* nothing of it was decoded */
	assert_int_equal(container_size(r->c), 0);
	assert_int_equal(r->s.calls, 0);
}

static void
test_read_file_in_chunks_up_to_cap(void **state)
{
	struct rd *r = *state;
	char got[65];

	write_report(r);
	/* exactly the cap: read whole */
	read_ok(r, r->d.path, NULL, 0, FILE_N, 0);
	assert_int_equal(container_size(r->c), FILE_N);
	container_sha256(r->c, got);
	assert_string_equal(got, r->hex);
	assert_int_equal(r->s.bytes, FILE_N);
	assert_true(r->s.calls > 1);
	assert_memory_equal(r->s.head, "user,arn\n", 9);
}

static void
test_read_file_over_cap(void **state)
{
	struct rd *r = *state;

	write_report(r);
	read_from(r, r->d.path, NULL, 0, FILE_N - 1, 0);
	read_refused(r, 0, 0, 0, "input larger than 327696 bytes: not audited "
	             "(--max-input-bytes raises the cap)");
	/* no byte past the cap was decoded or hashed */
	assert_true(container_size(r->c) <= FILE_N - 1);
	assert_true(r->s.bytes <= FILE_N - 1);
}

static void
test_read_rest_of_broken_input_hashed(void **state)
{
	struct rd *r = *state;

	write_report(r);
	r->s.fail_with = CREDAUDIT_ERR_INPUT;
	read_from(r, r->d.path, NULL, 0, FILE_N, (uint64_t)1 << 30);
	/* the sink's error is the one reported, at its place; decoding
	 * stopped at once, reading did not: the evidence is whole */
	read_refused(r, 1, 2, 3, "bad byte in the CSV");
	assert_int_equal(r->s.calls, 1);
	assert_int_equal(evidence(r)->size, FILE_N);
	assert_string_equal(r->in.sha256, r->hex);
	assert_int_equal(r->in.complete, 1);
}

static void
test_read_drain_bounded_by_decompression_cap(void **state)
{
	const uint64_t cap = KIB64;
	struct rd *r = *state;

	write_report(r);
	r->s.fail_with = CREDAUDIT_ERR_INPUT;
	read_from(r, r->d.path, NULL, 0, FILE_N, cap);
	/* the end was not reached, and it says so */
	read_refused(r, 0, 2, 3, "bad byte in the CSV");
	/* what was read: the chunk of the error, then at most cap more */
	assert_true(container_size(r->c) >= 1);
	assert_true(container_size(r->c) <= KIB64 + cap);
	assert_int_equal(evidence(r)->complete, 0);
	assert_int_equal(r->in.size, container_size(r->c));
}

static void
test_read_error_is_an_input_error(void **state)
{
	struct rd *r = *state;

	tdir_make(&r->d, "report.csv");
	/* reading a directory fails with EISDIR */
	read_from(r, r->d.dir, NULL, 0, 1000, 1000);
	read_refused(r, 0, 0, 0, "read error: Is a directory");
}

static void
test_read_evidence_of_json_wrapper(void **state)
{
	struct rd *r = *state;
	const struct credaudit_input *in;
	int64_t gen;

	read_ok(r, "fixtures/containers/demo.json", NULL, 0, READ_DEFAULT_MAX_INPUT,
	        (uint64_t)1 << 30);
	in = evidence(r);
	assert_string_equal(in->container, "aws-cli-json > base64 > csv");
	assert_int_equal(in->has_generated_time, 1);
	assert_int_equal(credaudit_time_parse("2024-06-01T12:00:00+00:00", &gen), 0);
	assert_int_equal(in->generated_time, gen);
	assert_memory_equal(r->s.head, "user,arn,", 9);
}

/* Through the audit: the cap of the options, a report in error whose
 * evidence says it was not read to the end. */
static void
test_read_cap_through_audit(void **state)
{
	static const char csv[] = HDR22 ROOT_PASS;
	struct credaudit_opts o;
	struct credaudit_report *rep;
	char want[100];

	(void)state;
	memset(&o, 0, sizeof(o));
	o.max_input = strlen(csv) - 1;
	rep = audit_mem_opts(&o, "t.csv", csv, strlen(csv));
	snprintf(want, sizeof(want), "input larger than %zu bytes", strlen(csv) - 1);
	assert_input_error(rep, 0, 0, want);
	assert_string_equal(credaudit_report_error(rep)->file, "t.csv");
	credaudit_report_free(rep);

	o.max_input = strlen(csv);
	rep = audit_mem_opts(&o, "t.csv", csv, strlen(csv));
	assert_null(credaudit_report_error(rep));
	assert_int_equal(credaudit_report_input(rep)->size, strlen(csv));
	assert_int_equal(credaudit_report_input(rep)->complete, 1);
	credaudit_report_free(rep);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		FIXTURE_TEST(rd, test_read_buffer_within_cap),
		FIXTURE_TEST(rd, test_read_buffer_over_cap),
		FIXTURE_TEST(rd, test_read_file_in_chunks_up_to_cap),
		FIXTURE_TEST(rd, test_read_file_over_cap),
		FIXTURE_TEST(rd, test_read_rest_of_broken_input_hashed),
		FIXTURE_TEST(rd, test_read_drain_bounded_by_decompression_cap),
		FIXTURE_TEST(rd, test_read_error_is_an_input_error),
		FIXTURE_TEST(rd, test_read_evidence_of_json_wrapper),
		cmocka_unit_test(test_read_cap_through_audit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
