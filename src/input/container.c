/*
 * container.c - detect and decode what wraps the CSV (see container.h and
 * docs/containers.md): gzip with zlib, base64 and SHA-256 with nettle, the
 * JSON wrapper with jansson.  No hand-written decoder.
 *
 * Two layers at most: an outer gzip (judged from its two magic bytes), then
 * an inner CSV, base64 text or JSON wrapper (judged from the first line).
 */
#define ZLIB_CONST
#include <jansson.h>
#include <limits.h>
#include <nettle/base64.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "input/container.h"
#include "base/escape.h"
#include "base/util.h"

#define ZCHUNK 65536
#define B64OUT 4096
#define SNIFF_LINE 256     /* bytes of the first line judged */
#define SNIFF_BLANK 4096   /* leading blank bytes looked through */
#define MAX_LAYERS 6

enum outer { OUTER_UNKNOWN = 0, OUTER_GZIP, OUTER_NONE };

struct container {
	char *name;
	uint64_t cap;
	container_sink_fn sink;
	container_facts_fn facts;
	int facts_sent;
	void *ctx;
	struct credaudit_error *err;
	int failed;        /* an error occurred: only hash from now on */
	int own_error;     /* ... and the container raised it */

	struct sha256_ctx sha;
	uint64_t size;
	const char *layers[MAX_LAYERS];
	size_t nlayers;
	char chain[128];

	enum outer outer;
	unsigned char head[2];
	size_t nhead;
	z_stream z;
	int z_init, z_end;
	unsigned long z_members;    /* gzip members begun after the first */
	uint64_t z_out, z_in;       /* bytes out; compressed bytes of ended members */
	unsigned char *zbuf;

	enum container_kind kind;   /* of the inner layer; MORE while unknown */
	struct buf sniff;
	struct base64_decode_ctx b64;
	unsigned long b64_line, b64_col;
	struct buf json;
	int have_gen;
	int64_t gen;
	char label[64];             /* what CSV lines count in; "" the file */

	unsigned char start[16];    /* the first decoded CSV bytes */
	size_t nstart;
	int json_content;           /* a JSON wrapper with a Content: a report's form */
	int json_foreign;           /* JSON judged not to be an AWS response */
	int utf16;                  /* UTF-16 text: refused, never skipped */
};

/* ---- errors ---- */

/* An error of the container itself: line counts in `where` ("" the file). */
static int
cerr(struct container *c, unsigned long line, const char *where,
     const char *fmt, ...) PRINTF_LIKE(4, 5);

static int
cerr(struct container *c, unsigned long line, const char *where,
     const char *fmt, ...)
{
	char text[sizeof(c->err->text)];
	va_list ap;

	c->failed = 1;
	if (c->err == NULL || c->err->code != 0)
		return -1;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	seterr(c->err, CREDAUDIT_ERR_INPUT, c->name, line, 0, "%s", text);
	snprintf(c->err->where, sizeof(c->err->where), "%s", where);
	c->own_error = 1;
	return -1;
}

static int
nomem(struct container *c)
{
	c->failed = 1;
	c->own_error = 1;
	return seterr_nomem(c->err, c->name);
}

/* The sink (or the facts receiver) refused: its error stands.  The facts
 * go first: everything the CSV comes with is known by then. */
static int
sink(struct container *c, const void *p, size_t n)
{
	if (n == 0)
		return 0;
	if (!c->facts_sent && c->facts != NULL) {
		struct container_facts f;

		c->facts_sent = 1;
		f.has_generated_time = c->have_gen;
		f.generated_time = c->have_gen ? c->gen : 0;
		if (c->facts(c->ctx, &f) == -1) {
			c->failed = 1;
			return -1;
		}
	}
	if (c->nstart < sizeof(c->start)) {
		size_t k = n < sizeof(c->start) - c->nstart ? n : sizeof(c->start) - c->nstart;

		memcpy(c->start + c->nstart, p, k);
		c->nstart += k;
	}
	if (c->sink(c->ctx, p, n) == -1) {
		c->failed = 1;
		return -1;
	}
	return 0;
}

/* Set the i-th layer (i == nlayers appends) and rebuild the chain text. */
static void
set_layer(struct container *c, size_t i, const char *name)
{
	size_t k;

	if (i >= MAX_LAYERS || i > c->nlayers)
		return;
	c->layers[i] = name;
	if (i == c->nlayers)
		c->nlayers++;
	c->chain[0] = '\0';
	for (k = 0; k < c->nlayers; k++) {
		if (k > 0)
			strcat(c->chain, " > ");
		strcat(c->chain, c->layers[k]);
	}
}

static void
add_layer(struct container *c, const char *name)
{
	set_layer(c, c->nlayers, name);
}

/* ---- sniffing ---- */

static int
is_b64(unsigned char ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
	       (ch >= '0' && ch <= '9') || ch == '+' || ch == '/' || ch == '=';
}

static int
is_blank(unsigned char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

static size_t
bom_len(const unsigned char *p, size_t n)
{
	return n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

/*
 * gzip by its magic bytes; JSON by a first '{' or '['; base64 when the
 * first line holds only base64 characters (a report's header line always
 * holds commas, base64 never does); anything else is CSV for the CSV
 * reader to judge.  A UTF-8 BOM and blank bytes before are skipped.
 */
/*
 * UTF-16 text: a byte order mark (FF FE, FE FF), or the NUL pattern of an
 * ASCII header "user,..." in either byte order.  1 yes, 0 no, -1 cannot
 * tell yet.
 */
static int
is_utf16(const unsigned char *p, size_t n, int at_end)
{
	static const unsigned char le[4] = { 'u', 0, 's', 0 }, be[4] = { 0, 'u', 0, 's' };

	if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)))
		return 1;
	if (n >= 4)
		return memcmp(p, le, 4) == 0 || memcmp(p, be, 4) == 0;
	if (at_end)
		return 0;
	if (n == 0)   /* p may be NULL: nothing to compare yet */
		return -1;
	if ((n == 1 && (p[0] == 0xFF || p[0] == 0xFE)) || memcmp(p, le, n) == 0 ||
	    memcmp(p, be, n) == 0)
		return -1;
	return 0;
}

enum container_kind
container_sniff(const unsigned char *p, size_t n, int at_end)
{
	size_t i, k;
	int u16;

	if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b)
		return CONTAINER_GZIP;
	if ((u16 = is_utf16(p, n, at_end)) != 0)
		return u16 == 1 ? CONTAINER_UTF16 : CONTAINER_MORE;
	if (!at_end && (n < 2 && (n == 0 || p[0] == 0x1f)))
		return CONTAINER_MORE;
	if (!at_end && n < 3 && memcmp(p, "\xEF\xBB\xBF", n) == 0)
		return CONTAINER_MORE;
	for (i = bom_len(p, n); i < n && is_blank(p[i]); i++)
		;
	if (i == n)
		return at_end || n >= SNIFF_BLANK ? CONTAINER_CSV : CONTAINER_MORE;
	if (p[i] == '{' || p[i] == '[')
		return CONTAINER_JSON;
	for (k = i; k < n && k - i < SNIFF_LINE && p[k] != '\n'; k++)
		if (!is_b64(p[k]) && p[k] != '\r')
			return CONTAINER_CSV;
	if (k == n && k - i < SNIFF_LINE && !at_end)
		return CONTAINER_MORE;
	return k - i >= 4 ? CONTAINER_BASE64 : CONTAINER_CSV;
}

/* ---- base64 ---- */

/*
 * Decode p[0..n) into the sink.  0 on success, 1 when p[*bad] is not
 * valid base64 at that point, -1 when the sink failed.
 */
static int
b64_feed(struct container *c, const unsigned char *p, size_t n, size_t *bad)
{
	uint8_t out[B64OUT];
	size_t i, nout = 0;

	for (i = 0; i < n; i++) {
		int r = base64_decode_single(&c->b64, out + nout, (char)p[i]);

		if (r < 0) {
			*bad = i;
			return sink(c, out, nout) == -1 ? -1 : 1;
		}
		nout += (size_t)r;
		if (nout == sizeof(out)) {
			if (sink(c, out, nout) == -1)
				return -1;
			nout = 0;
		}
	}
	return sink(c, out, nout);
}

/* Where the base64 text's lines count: the file, or what gzip gave. */
static const char *
text_where(const struct container *c, const char *what)
{
	return c->outer == OUTER_GZIP ? what : "";
}

static void
advance(struct container *c, const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] == '\n') {
			c->b64_line++;
			c->b64_col = 0;
		} else {
			c->b64_col++;
		}
	}
}

static int
b64_text_push(struct container *c, const unsigned char *p, size_t n)
{
	size_t bad = 0;
	int r = b64_feed(c, p, n, &bad);

	if (r == 0) {
		advance(c, p, n);
		return 0;
	}
	if (r == -1)
		return -1;
	advance(c, p, bad + 1);
	if (is_b64(p[bad]))
		return cerr(c, c->b64_line, text_where(c, "decompressed base64 text"),
		            "not valid base64: '%c' at column %lu comes after the "
		            "'=' padding that ends the data", p[bad], c->b64_col);
	return cerr(c, c->b64_line, text_where(c, "decompressed base64 text"),
	            "not valid base64: byte 0x%02x at column %lu is not a base64 "
	            "character", p[bad], c->b64_col);
}

/* ---- the inner layer ---- */

static int inner_push(struct container *c, const unsigned char *p, size_t n);

/* The kind is known: set the layers and replay the bytes held so far. */
static int
decide(struct container *c, enum container_kind k, const unsigned char *held,
       size_t len)
{
	size_t skip = 0;

	c->kind = k;
	switch (k) {
	case CONTAINER_CSV:
		add_layer(c, "csv");
		snprintf(c->label, sizeof(c->label), "%s",
		         c->outer == OUTER_GZIP ? "decompressed CSV" : "");
		break;
	case CONTAINER_BASE64:
		add_layer(c, "base64");
		add_layer(c, "csv");
		snprintf(c->label, sizeof(c->label), "base64-decoded CSV");
		base64_decode_init(&c->b64);
		c->b64_line = 1;
		skip = bom_len(held, len);
		break;
	case CONTAINER_JSON:
		add_layer(c, "json");
		skip = bom_len(held, len);
		break;
	case CONTAINER_UTF16:
		add_layer(c, "utf-16");
		c->utf16 = 1;
		return cerr(c, 0, "", "UTF-16 text; convert it with `iconv -f UTF-16 "
		            "-t UTF-8` (a report saved by Windows PowerShell 5.1's '>' "
		            "is UTF-16): only UTF-8 is read");
	default:
		return cerr(c, 0, "", "gzip data inside gzip data: only one layer "
		            "of gzip compression is read");
	}
	return len > skip ? inner_push(c, held + skip, len - skip) : 0;
}

/* decide on the bytes kept in c->sniff, which are then freed. */
static int
decide_sniffed(struct container *c, enum container_kind k)
{
	struct buf held = c->sniff;
	int rc;

	memset(&c->sniff, 0, sizeof(c->sniff));
	rc = decide(c, k, (const unsigned char *)held.data, held.len);
	buf_free(&held);
	return rc;
}

static int
inner_push(struct container *c, const unsigned char *p, size_t n)
{
	enum container_kind k;

	switch (c->kind) {
	case CONTAINER_MORE:
		/* a first piece that decides is handed on as it is, not copied */
		if (c->sniff.len == 0 &&
		    (k = container_sniff(p, n, 0)) != CONTAINER_MORE)
			return decide(c, k, p, n);
		if (buf_add(&c->sniff, p, n) == -1)
			return nomem(c);
		k = container_sniff((const unsigned char *)c->sniff.data, c->sniff.len, 0);
		return k == CONTAINER_MORE ? 0 : decide_sniffed(c, k);
	case CONTAINER_CSV:
		return sink(c, p, n);
	case CONTAINER_BASE64:
		return b64_text_push(c, p, n);
	case CONTAINER_JSON:
		if (n > c->cap - c->json.len && c->cap < CONTAINER_JSON_CAP)
			return cerr(c, 0, "", "the JSON document is larger than the "
			            "%llu-byte limit (--max-decompressed)",
			            (unsigned long long)c->cap);
		if (n > CONTAINER_JSON_CAP - c->json.len)
			return cerr(c, 0, "", "the JSON document is larger than %llu "
			            "bytes, the JSON wrapper's limit: no credential report "
			            "comes near it (IAM allows 5,000 users), and it is "
			            "read whole", (unsigned long long)CONTAINER_JSON_CAP);
		return buf_add(&c->json, p, n) == -1 ? nomem(c) : 0;
	default:
		return -1;
	}
}

/* ---- the JSON wrapper ---- */

/*
 * A GeneratedTime string as SDKs write it: credaudit_time_parse's forms,
 * also with a space for the "T" (Python's str(datetime)) and fractional
 * seconds ("12:00:00.000Z"), which are dropped (the time rounds down to
 * the second).  Only here: the CSV's own timestamps stay strict.
 */
static int
parse_generated_text(const char *s, size_t n, int64_t *t)
{
	char text[64];
	size_t frac = 0;

	if (strlen(s) != n || n >= sizeof(text))
		return -1;
	memcpy(text, s, n + 1);
	if (n > 19 && text[10] == ' ')
		text[10] = 'T';
	if (n > 20 && text[19] == '.') {
		while (text[20 + frac] >= '0' && text[20 + frac] <= '9')
			frac++;
		if (frac == 0 || frac > 9)
			return -1;
		memmove(text + 19, text + 20 + frac, n - 20 - frac + 1);
	}
	return credaudit_time_parse(text, t);
}

/* GeneratedTime: an ISO 8601 string, or placebo's datetime object. */
static int
parse_generated(const json_t *v, int64_t *t)
{
	json_int_t f[6];
	const char *keys[] = { "year", "month", "day", "hour", "minute", "second" };
	char text[64];
	size_t i;

	if (json_is_string(v))
		return parse_generated_text(json_string_value(v), json_string_length(v), t);
	if (!json_is_object(v) || !json_is_string(json_object_get(v, "__class__")) ||
	    strcmp(json_string_value(json_object_get(v, "__class__")), "datetime") != 0)
		return -1;
	for (i = 0; i < 6; i++) {
		const json_t *x = json_object_get(v, keys[i]);

		if (!json_is_integer(x) || json_integer_value(x) < 0 ||
		    json_integer_value(x) > 9999)
			return -1;
		f[i] = json_integer_value(x);
	}
	snprintf(text, sizeof(text), "%04d-%02d-%02dT%02d:%02d:%02dZ", (int)f[0],
	         (int)f[1], (int)f[2], (int)f[3], (int)f[4], (int)f[5]);
	return credaudit_time_parse(text, t);
}

static const char *
json_kind(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER: case JSON_REAL: return "a number";
	case JSON_TRUE: case JSON_FALSE: return "a boolean";
	default: return "null";
	}
}

/* Decode the Content string into the sink, as base64 or as CSV text. */
static int
content(struct container *c, const char *pre, const char *s, size_t n)
{
	size_t bad = 0;
	int r;

	if (container_sniff((const unsigned char *)s, n, 1) != CONTAINER_BASE64) {
		add_layer(c, "csv");
		snprintf(c->label, sizeof(c->label), "%sContent (CSV text)", pre);
		return sink(c, s, n);
	}
	add_layer(c, "base64");
	add_layer(c, "csv");
	snprintf(c->label, sizeof(c->label), "%sContent (base64 CSV)", pre);
	base64_decode_init(&c->b64);
	if ((r = b64_feed(c, (const unsigned char *)s, n, &bad)) == -1)
		return -1;
	if (r == 1)
		return cerr(c, 0, "", "%sContent is not valid base64: byte 0x%02x "
		            "at character %zu", pre, (unsigned char)s[bad], bad + 1);
	if (!base64_decode_final(&c->b64))
		return cerr(c, 0, "", "%sContent is not valid base64: it ends in the "
		            "middle of a 4-character group (truncated?)", pre);
	return 0;
}

/* ReportFormat (optional, text/csv) and GeneratedTime (optional). */
static int
response_fields(struct container *c, const json_t *obj, const char *pre)
{
	const json_t *format = json_object_get(obj, "ReportFormat");
	const json_t *generated = json_object_get(obj, "GeneratedTime");

	if (format != NULL && (!json_is_string(format) ||
	                       strcmp(json_string_value(format), "text/csv") != 0))
		return cerr(c, 0, "", "%sReportFormat is not \"text/csv\": Content is "
		            "not a CSV credential report", pre);
	if (generated != NULL) {
		char shown[200];

		if (parse_generated(generated, &c->gen) == -1) {
			if (!json_is_string(generated))
				return cerr(c, 0, "", "%sGeneratedTime (%s) is not an ISO 8601 "
				            "time: the report's moment cannot be trusted", pre,
				            json_kind(generated));
			esc_short(json_string_value(generated), json_string_length(generated),
			          shown, sizeof(shown));
			return cerr(c, 0, "", "%sGeneratedTime \"%s\" is not an ISO 8601 "
			            "time: the report's moment cannot be trusted", pre, shown);
		}
		c->have_gen = 1;
	}
	return 0;
}

/*
 * The response object: {"Content", "ReportFormat", "GeneratedTime"} at the
 * top, or under "data" as placebo records it ({"status_code", "data"}).
 * A document with a Content at both places holds two candidate reports:
 * as ambiguous as a duplicated key, so neither is audited.
 */
static int
wrapper(struct container *c, const json_t *root)
{
	const json_t *obj = root, *content_v, *data, *inner = NULL;
	const char *pre = "";

	c->json_foreign = 1;   /* until a Content is found */
	if (!json_is_object(root))
		return cerr(c, 0, "", "the JSON document is %s, not an object: not the "
		            "output of aws iam get-credential-report", json_kind(root));
	content_v = json_object_get(root, "Content");
	data = json_object_get(root, "data");
	if (json_is_object(data))
		inner = json_object_get(data, "Content");
	if (content_v != NULL && inner != NULL)
		return cerr(c, 0, "", "the JSON document holds two candidate reports, "
		            "at Content and at data.Content: which one is the report "
		            "is ambiguous, so neither is audited");
	set_layer(c, c->nlayers - 1, "aws-cli-json");
	c->json_content = content_v != NULL || inner != NULL;
	c->json_foreign = !c->json_content;
	if (content_v == NULL && inner != NULL) {
		content_v = inner;
		obj = data;
		pre = "data.";
		set_layer(c, c->nlayers - 1, "placebo-json");
	}
	if (content_v == NULL)
		return cerr(c, 0, "", "the JSON object has no \"Content\" key: not the "
		            "output of aws iam get-credential-report");
	if (!json_is_string(content_v))
		return cerr(c, 0, "", "%sContent is %s, not a string holding the report",
		            pre, json_kind(content_v));
	if (response_fields(c, obj, pre) == -1)
		return -1;
	if (json_string_length(content_v) == 0)
		return cerr(c, 0, "", "%sContent is empty: there is no report to audit", pre);
	return content(c, pre, json_string_value(content_v), json_string_length(content_v));
}

/* Whether the text p[0..n) holds "Content" in quotes. */
static int
names_content(const char *p, size_t n)
{
	size_t i;

	for (i = 0; p != NULL && i + 9 <= n; i++)
		if (memcmp(p + i, "\"Content\"", 9) == 0)
			return 1;
	return 0;
}

static int
json_finish(struct container *c)
{
	json_error_t je;
	json_t *root;
	int rc;

	unsigned long failed = ca_alloc_failures();

	/* JSON that does not parse is a report's wrapper only if it names a
	 * Content: else it is some other document */
	c->json_foreign = !names_content(c->json.data, c->json.len);

	root = json_loadb(c->json.data ? c->json.data : "", c->json.len,
	                  JSON_REJECT_DUPLICATES, &je);
	buf_free(&c->json);
	/* jansson may go on past an allocation it could not make, with a
	 * document that lacks what it could not copy: never judge that. */
	if (ca_alloc_failures() != failed) {
		json_decref(root);
		return nomem(c);
	}
	/* jansson 2.14 reports some allocation failures with an empty text
	 * and no error code: both mean memory ran out, not bad JSON. */
	if (root == NULL && (json_error_code(&je) == json_error_out_of_memory ||
	                     je.text[0] == '\0'))
		return nomem(c);
	if (root == NULL)
		return cerr(c, je.line > 0 ? (unsigned long)je.line : 0,
		            text_where(c, "decompressed JSON"),
		            "not valid JSON: %s (column %d)", je.text,
		            je.column > 0 ? je.column : 1);
	rc = wrapper(c, root);
	json_decref(root);
	return rc;
}

static int
inner_finish(struct container *c)
{
	if (c->kind == CONTAINER_MORE &&
	    decide_sniffed(c, container_sniff((const unsigned char *)c->sniff.data,
	                                      c->sniff.len, 1)) == -1)
		return -1;
	if (c->kind == CONTAINER_BASE64 && !base64_decode_final(&c->b64))
		return cerr(c, c->b64_line, text_where(c, "decompressed base64 text"),
		            "not valid base64: the text ends in the middle of a "
		            "4-character group (truncated?)");
	if (c->kind == CONTAINER_JSON)
		return json_finish(c);
	return 0;
}

/* ---- gzip ---- */

static int
gz_start(struct container *c)
{
	if ((c->zbuf = ca_malloc(ZCHUNK)) == NULL)
		return nomem(c);
	c->z.zalloc = ca_zalloc;
	c->z.zfree = ca_zfree;
	c->z.opaque = Z_NULL;
	if (inflateInit2(&c->z, 15 + 16) != Z_OK)   /* gzip only, not zlib */
		return nomem(c);
	c->z_init = 1;
	add_layer(c, "gzip");
	return 0;
}

/* Inflate n bytes; concatenated gzip members are one stream (RFC 1952). */
static int
gz_push(struct container *c, const unsigned char *p, size_t n)
{
	int more = 1;

	c->z.next_in = p;
	c->z.avail_in = (uInt)n;   /* n <= UINT_MAX: see container_push */
	while (c->z.avail_in > 0 || more) {
		size_t got;
		int rc;

		if (c->z_end && c->z.avail_in > 0) {
			c->z_in += c->z.total_in;
			inflateReset(&c->z);
			c->z_end = 0;
			c->z_members++;
		}
		c->z.next_out = c->zbuf;
		c->z.avail_out = ZCHUNK;
		rc = inflate(&c->z, Z_NO_FLUSH);
		got = ZCHUNK - c->z.avail_out;
		more = c->z.avail_out == 0;
		if (rc == Z_MEM_ERROR)
			return nomem(c);
		if ((rc == Z_DATA_ERROR || rc == Z_NEED_DICT) && c->z_members > 0 &&
		    c->z.total_out == 0)
			return cerr(c, 0, "", "data after the end of the gzip stream "
			            "(from byte %llu) is not gzip: the file is not one "
			            "compressed report", (unsigned long long)c->z_in + 1);
		if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT || rc == Z_STREAM_ERROR)
			return cerr(c, 0, "", "gzip data is damaged: %s (near compressed "
			            "byte %llu)", c->z.msg ? c->z.msg : "inflate failed",
			            (unsigned long long)(c->z_in + c->z.total_in));
		if (got > c->cap - c->z_out)
			return cerr(c, 0, "", "gzip data decompresses to more than "
			            "%llu bytes (--max-decompressed): refused as a possible "
			            "decompression bomb", (unsigned long long)c->cap);
		c->z_out += got;
		if (got > 0 && inner_push(c, c->zbuf, got) == -1)
			return -1;
		if (rc == Z_STREAM_END)
			c->z_end = 1;
		else if (rc == Z_BUF_ERROR)
			break;   /* no progress possible: needs more input */
	}
	return 0;
}

/* ---- the input ---- */

/* The outer layer told by the first two bytes h: gzip or none.  0 or -1. */
static int
outer_decide(struct container *c, const unsigned char *h)
{
	if (h[0] != 0x1f || h[1] != 0x8b) {
		c->outer = OUTER_NONE;
		return 0;
	}
	c->outer = OUTER_GZIP;
	return gz_start(c);
}

/* Pass p[0..n) to the outer layer's reader. */
static int
outer_pass(struct container *c, const unsigned char *p, size_t n)
{
	return c->outer == OUTER_GZIP ? gz_push(c, p, n) : inner_push(c, p, n);
}

static int
outer_push(struct container *c, const unsigned char *p, size_t n)
{
	/* when the first piece holds both bytes, it goes on whole (not
	 * split for a look at them); else they are gathered in c->head */
	if (c->outer == OUTER_UNKNOWN && c->nhead == 0 && n >= 2 &&
	    outer_decide(c, p) == -1)
		return -1;
	while (c->outer == OUTER_UNKNOWN && n > 0 && c->nhead < 2) {
		c->head[c->nhead++] = *p++;
		n--;
	}
	if (c->outer == OUTER_UNKNOWN) {
		if (c->nhead < 2)
			return 0;
		if (outer_decide(c, c->head) == -1 || outer_pass(c, c->head, 2) == -1)
			return -1;
	}
	return n == 0 ? 0 : outer_pass(c, p, n);
}

struct container *
container_new(const char *name, uint64_t cap, container_sink_fn fn, void *ctx,
              struct credaudit_error *err)
{
	struct container *c = ca_calloc(1, sizeof(*c));

	if (c == NULL || (c->name = ca_strdup(name)) == NULL) {
		ca_free(c);
		seterr_nomem(err, name);
		return NULL;
	}
	c->cap = cap ? cap : CONTAINER_DEFAULT_CAP;
	c->sink = fn;
	c->ctx = ctx;
	c->err = err;
	sha256_init(&c->sha);
	return c;
}

void
container_on_facts(struct container *c, container_facts_fn fn)
{
	c->facts = fn;
}

int
container_push(struct container *c, const void *buf, size_t len)
{
	const unsigned char *p = buf;

	sha256_update(&c->sha, len, p);
	c->size += len;
	while (!c->failed && len > 0) {
		size_t n = len > UINT_MAX ? UINT_MAX : len;

		if (outer_push(c, p, n) == -1)
			c->failed = 1;
		p += n;
		len -= n;
	}
	return c->failed ? -1 : 0;
}

int
container_finish(struct container *c)
{
	if (c->failed)
		return -1;
	if (c->outer == OUTER_UNKNOWN) {
		c->outer = OUTER_NONE;
		if (inner_push(c, c->head, c->nhead) == -1)
			return -1;
	}
	if (c->outer == OUTER_GZIP && !c->z_end)
		return cerr(c, 0, "", "gzip data is truncated: the file ends before "
		            "the compressed stream does (after %llu decompressed bytes)",
		            (unsigned long long)c->z_out);
	return inner_finish(c);
}

uint64_t
container_size(const struct container *c)
{
	return c->size;
}

void
container_sha256(const struct container *c, char hex[65])
{
	struct sha256_ctx copy = c->sha;
	uint8_t d[SHA256_DIGEST_SIZE];

	sha256_digest(&copy, sizeof(d), d);
	hex_encode(d, sizeof(d), hex);
}

const char *
container_chain(const struct container *c)
{
	return c->chain;
}

int
container_generated_time(const struct container *c, int64_t *t)
{
	if (!c->have_gen)
		return -1;
	*t = c->gen;
	return 0;
}

void
container_label_error(const struct container *c, struct credaudit_error *err)
{
	if (c == NULL || err == NULL || c->own_error || err->code != CREDAUDIT_ERR_INPUT ||
	    err->line == 0 || err->where[0] != '\0' || c->label[0] == '\0')
		return;
	snprintf(err->where, sizeof(err->where), "%s", c->label);
}

/*
 * Whether the input, which failed, is no credential report in any form we
 * read: JSON that is not an AWS response (no Content), or decoded text
 * whose start cannot begin a report header ("user,..." after a UTF-8 BOM
 * and blank bytes).  Damaged reports, UTF-16 text and inputs of which
 * nothing was decoded are not judged so: they stay errors.
 */
int
container_not_report(const struct container *c)
{
	static const char head[] = "user,";
	size_t i = 0, k;

	if (c->utf16 || c->json_content || c->kind == CONTAINER_MORE)
		return 0;
	if (c->kind == CONTAINER_JSON)
		return c->json_foreign;
	if (c->nstart >= 3 && memcmp(c->start, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < c->nstart && is_blank(c->start[i]))
		i++;
	if (i == c->nstart)
		return 0;
	for (k = 0; i + k < c->nstart && k < sizeof(head) - 1; k++) {
		unsigned char ch = c->start[i + k];

		if (ch >= 'A' && ch <= 'Z')
			ch = (unsigned char)(ch - 'A' + 'a');
		if (ch != (unsigned char)head[k])
			return 1;
	}
	return 0;
}

void
container_free(struct container *c)
{
	if (c == NULL)
		return;
	if (c->z_init)
		inflateEnd(&c->z);
	ca_free(c->zbuf);
	buf_free(&c->sniff);
	buf_free(&c->json);
	ca_free(c->name);
	ca_free(c);
}
