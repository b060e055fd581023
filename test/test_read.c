/*
 * test_read.c - reading an input (src/input/read.c): the --max-input-bytes
 * cap on a buffer and on a file read in chunks, the rest of a broken input
 * still read and hashed up to the decompression cap, read errors, and the
 * evidence of what was read (size, SHA-256, layers, GeneratedTime).
 */
#include "testutil.h"

#include <fcntl.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* A test directory of its own, removed at the end. */
struct dir {
	char path[64];
	char file[128];
};

static void
dir_make(struct dir *d)
{
	snprintf(d->path, sizeof(d->path), "/tmp/test_read.XXXXXX");
	assert_non_null(mkdtemp(d->path));
	snprintf(d->file, sizeof(d->file), "%s/report.csv", d->path);
}

static void
dir_remove(struct dir *d)
{
	unlink(d->file);
	rmdir(d->path);
}

/* Write n bytes of CSV text to d->file; its SHA-256 into hex. */
static void
write_report(struct dir *d, size_t n, char hex[65])
{
	static const char head[] = "user,arn\n";
	struct sha256_ctx sha;
	uint8_t dig[SHA256_DIGEST_SIZE];
	char *buf = malloc(n);
	FILE *fp = fopen(d->file, "wb");
	size_t i;

	assert_non_null(buf);
	assert_non_null(fp);
	assert_true(n > sizeof(head));
	memcpy(buf, head, sizeof(head) - 1);
	for (i = sizeof(head) - 1; i < n; i++)
		buf[i] = i % 16 == 15 ? '\n' : (char)('a' + i % 7);
	assert_int_equal(fwrite(buf, 1, n, fp), n);
	assert_int_equal(fclose(fp), 0);
	sha256_init(&sha);
	sha256_update(&sha, n, (const uint8_t *)buf);
	sha256_digest(&sha, sizeof(dig), dig);
	for (i = 0; i < sizeof(dig); i++)
		snprintf(hex + 2 * i, 3, "%02x", dig[i]);
	free(buf);
}

/* Read the file (or buf[0..len) when buf is not NULL) through a fresh
 * container into s; the container stays open for the caller. */
static struct container *
run(const char *path, const void *buf, size_t len, uint64_t max_input,
    uint64_t max_decompressed, struct sink *s, struct credaudit_error *err,
    int *rc, int *complete)
{
	const struct read_caps caps = { max_input, max_decompressed };
	struct container *c;
	int fd = -1;

	memset(err, 0, sizeof(*err));
	s->err = err;
	c = container_new("f", 0, to_sink, s, err);
	assert_non_null(c);
	if (buf == NULL) {
		fd = open(path, O_RDONLY);
		assert_true(fd >= 0);
	}
	*complete = -1;
	*rc = read_input(c, fd, buf, len, &caps, "f", complete, err);
	if (fd >= 0)
		close(fd);
	return c;
}

static void
test_read_buffer_within_cap(void **state)
{
	static const char csv[] = "user,arn\n";
	struct sink s = { 0 };
	struct credaudit_error err;
	struct credaudit_input in;
	struct arena a = { NULL };
	struct container *c;
	int rc, complete;

	(void)state;
	c = run(NULL, csv, 9, 9, 0, &s, &err, &rc, &complete);
	assert_int_equal(rc, 0);
	assert_int_equal(complete, 1);
	assert_int_equal(container_finish(c), 0);
	assert_string_equal(s.head, csv);
	memset(&in, 0, sizeof(in));
	assert_int_equal(read_evidence(c, complete, &in, &a), 0);
	assert_int_equal(in.size, 9);
	assert_string_equal(in.sha256,
	                    "729f4e0d7279b620362151da02383b38cdb529ad0734ab922d44beba23004e6e");
	assert_int_equal(in.complete, 1);
	assert_string_equal(in.container, "csv");
	assert_string_equal(in.tool_version, CREDAUDIT_VERSION);
	assert_int_equal(in.has_generated_time, 0);
	container_free(c);
	arena_free(&a);
}

static void
test_read_buffer_over_cap(void **state)
{
	static const char csv[] = "user,arn\n";
	struct sink s = { 0 };
	struct credaudit_error err;
	struct container *c;
	int rc, complete;

	(void)state;
	c = run(NULL, csv, 9, 8, 0, &s, &err, &rc, &complete);
	assert_int_equal(rc, -1);
	assert_int_equal(complete, 0);
	assert_int_equal(err.code, CREDAUDIT_ERR_INPUT);
	assert_string_equal(err.file, "f");
	assert_int_equal(err.line, 0);
	assert_int_equal(err.column, 0);
	assert_string_equal(err.text, "input larger than 8 bytes: not audited "
	                    "(--max-input-bytes raises the cap)");
	/* nothing of it was decoded */
	assert_int_equal(container_size(c), 0);
	assert_int_equal(s.calls, 0);
	container_free(c);
}

static void
test_read_file_in_chunks_up_to_cap(void **state)
{
	const size_t n = 5 * KIB64 + 17;
	struct dir d;
	struct sink s = { 0 };
	struct credaudit_error err;
	struct container *c;
	char hex[65], got[65];
	int rc, complete;

	(void)state;
	dir_make(&d);
	write_report(&d, n, hex);
	/* exactly the cap: read whole */
	c = run(d.file, NULL, 0, n, 0, &s, &err, &rc, &complete);
	assert_int_equal(rc, 0);
	assert_int_equal(err.code, 0);
	assert_int_equal(complete, 1);
	assert_int_equal(container_finish(c), 0);
	assert_int_equal(container_size(c), n);
	container_sha256(c, got);
	assert_string_equal(got, hex);
	assert_int_equal(s.bytes, n);
	assert_true(s.calls > 1);
	assert_memory_equal(s.head, "user,arn\n", 9);
	container_free(c);
	dir_remove(&d);
}

static void
test_read_file_over_cap(void **state)
{
	const size_t n = 5 * KIB64 + 17;
	struct dir d;
	struct sink s = { 0 };
	struct credaudit_error err;
	struct container *c;
	char hex[65];
	int rc, complete;

	(void)state;
	dir_make(&d);
	write_report(&d, n, hex);
	c = run(d.file, NULL, 0, n - 1, 0, &s, &err, &rc, &complete);
	assert_int_equal(rc, -1);
	assert_int_equal(complete, 0);
	assert_int_equal(err.code, CREDAUDIT_ERR_INPUT);
	assert_string_equal(err.text, "input larger than 327696 bytes: not audited "
	                    "(--max-input-bytes raises the cap)");
	/* no byte past the cap was decoded or hashed */
	assert_true(container_size(c) <= n - 1);
	assert_true(s.bytes <= n - 1);
	container_free(c);
	dir_remove(&d);
}

static void
test_read_rest_of_broken_input_hashed(void **state)
{
	const size_t n = 5 * KIB64 + 17;
	struct dir d;
	struct sink s = { 0 };
	struct credaudit_error err;
	struct credaudit_input in;
	struct arena a = { NULL };
	struct container *c;
	char hex[65];
	int rc, complete;

	(void)state;
	dir_make(&d);
	write_report(&d, n, hex);
	s.fail_with = CREDAUDIT_ERR_INPUT;
	c = run(d.file, NULL, 0, n, (uint64_t)1 << 30, &s, &err, &rc, &complete);
	assert_int_equal(rc, -1);
	/* the sink's error is the one reported, at its place */
	assert_int_equal(err.code, CREDAUDIT_ERR_INPUT);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.column, 3);
	assert_string_equal(err.text, "bad byte in the CSV");
	/* decoding stopped at once, reading did not: the evidence is whole */
	assert_int_equal(s.calls, 1);
	assert_int_equal(complete, 1);
	memset(&in, 0, sizeof(in));
	assert_int_equal(read_evidence(c, complete, &in, &a), 0);
	assert_int_equal(in.size, n);
	assert_string_equal(in.sha256, hex);
	assert_int_equal(in.complete, 1);
	container_free(c);
	arena_free(&a);
	dir_remove(&d);
}

static void
test_read_drain_bounded_by_decompression_cap(void **state)
{
	const size_t n = 5 * KIB64 + 17;
	const uint64_t cap = KIB64;
	struct dir d;
	struct sink s = { 0 };
	struct credaudit_error err;
	struct credaudit_input in;
	struct arena a = { NULL };
	struct container *c;
	char hex[65];
	int rc, complete;

	(void)state;
	dir_make(&d);
	write_report(&d, n, hex);
	s.fail_with = CREDAUDIT_ERR_INPUT;
	c = run(d.file, NULL, 0, n, cap, &s, &err, &rc, &complete);
	assert_int_equal(rc, -1);
	assert_string_equal(err.text, "bad byte in the CSV");
	/* the end was not reached, and it says so */
	assert_int_equal(complete, 0);
	/* what was read: the chunk of the error, then at most cap more */
	assert_true(container_size(c) >= 1);
	assert_true(container_size(c) <= KIB64 + cap);
	memset(&in, 0, sizeof(in));
	assert_int_equal(read_evidence(c, complete, &in, &a), 0);
	assert_int_equal(in.complete, 0);
	assert_int_equal(in.size, container_size(c));
	container_free(c);
	arena_free(&a);
	dir_remove(&d);
}

static void
test_read_error_is_an_input_error(void **state)
{
	struct dir d;
	struct sink s = { 0 };
	struct credaudit_error err;
	struct container *c;
	int rc, complete;

	(void)state;
	dir_make(&d);
	/* reading a directory fails with EISDIR */
	c = run(d.path, NULL, 0, 1000, 1000, &s, &err, &rc, &complete);
	assert_int_equal(rc, -1);
	assert_int_equal(complete, 0);
	assert_int_equal(err.code, CREDAUDIT_ERR_INPUT);
	assert_string_equal(err.file, "f");
	assert_string_equal(err.text, "read error: Is a directory");
	container_free(c);
	dir_remove(&d);
}

static void
test_read_evidence_of_json_wrapper(void **state)
{
	struct sink s = { 0 };
	struct credaudit_error err;
	struct credaudit_input in;
	struct arena a = { NULL };
	struct container *c;
	int64_t gen;
	int rc, complete;

	(void)state;
	c = run("fixtures/containers/demo.json", NULL, 0, READ_DEFAULT_MAX_INPUT,
	        (uint64_t)1 << 30, &s, &err, &rc, &complete);
	assert_int_equal(rc, 0);
	assert_int_equal(container_finish(c), 0);
	assert_int_equal(err.code, 0);
	memset(&in, 0, sizeof(in));
	assert_int_equal(read_evidence(c, complete, &in, &a), 0);
	assert_string_equal(in.container, "aws-cli-json > base64 > csv");
	assert_int_equal(in.has_generated_time, 1);
	assert_int_equal(credaudit_time_parse("2024-06-01T12:00:00+00:00", &gen), 0);
	assert_int_equal(in.generated_time, gen);
	assert_memory_equal(s.head, "user,arn,", 9);
	container_free(c);
	arena_free(&a);
}

/* Through the audit: the cap of the options, a report in error whose
 * evidence says it was not read to the end. */
static void
test_read_cap_through_audit(void **state)
{
	static const char csv[] = HDR22 ROOT_PASS;
	struct credaudit_opts o;
	struct credaudit_error err;
	struct credaudit_audit *a;
	struct credaudit_report *rep;
	char want[100];

	(void)state;
	memset(&o, 0, sizeof(o));
	memset(&err, 0, sizeof(err));
	o.max_input = strlen(csv) - 1;
	a = credaudit_audit_new(&o, &err);
	assert_non_null(a);
	rep = credaudit_audit_buffer(a, "t.csv", csv, strlen(csv), &err);
	snprintf(want, sizeof(want), "input larger than %zu bytes", strlen(csv) - 1);
	assert_input_error(rep, 0, 0, want);
	assert_string_equal(credaudit_report_error(rep)->file, "t.csv");
	credaudit_report_free(rep);
	credaudit_audit_free(a);

	o.max_input = strlen(csv);
	a = credaudit_audit_new(&o, &err);
	assert_non_null(a);
	rep = credaudit_audit_buffer(a, "t.csv", csv, strlen(csv), &err);
	assert_null(credaudit_report_error(rep));
	assert_int_equal(credaudit_report_input(rep)->size, strlen(csv));
	assert_int_equal(credaudit_report_input(rep)->complete, 1);
	credaudit_report_free(rep);
	credaudit_audit_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_buffer_within_cap),
		cmocka_unit_test(test_read_buffer_over_cap),
		cmocka_unit_test(test_read_file_in_chunks_up_to_cap),
		cmocka_unit_test(test_read_file_over_cap),
		cmocka_unit_test(test_read_rest_of_broken_input_hashed),
		cmocka_unit_test(test_read_drain_bounded_by_decompression_cap),
		cmocka_unit_test(test_read_error_is_an_input_error),
		cmocka_unit_test(test_read_evidence_of_json_wrapper),
		cmocka_unit_test(test_read_cap_through_audit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
