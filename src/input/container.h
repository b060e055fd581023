/*
 * container.h - what wraps the CSV: detected from the bytes, never from the
 * file name (docs/containers.md).
 *
 *   [gzip >] csv
 *   [gzip >] base64 > csv                   (aws ... --query Content)
 *   [gzip >] aws-cli-json > [base64 >] csv  (aws iam get-credential-report)
 *   [gzip >] placebo-json > [base64 >] csv  (the same response under "data")
 *
 * Bytes are pushed in chunks of any size.  Every byte is counted and hashed
 * (SHA-256) as read, before any decoding; the decoded CSV goes to a sink in
 * chunks.  gzip, base64 and raw CSV stream; a JSON wrapper is held whole,
 * bounded by the decompression cap.
 *
 * After the first error decoding stops, but pushed bytes are still counted
 * and hashed, so the evidence of a broken input covers what was read.
 */
#ifndef CREDAUDIT_CONTAINER_H
#define CREDAUDIT_CONTAINER_H

#include <stddef.h>
#include <stdint.h>

#include "credaudit.h"

/* Default cap on decompressed bytes (and on a JSON document): 1 GiB. */
#define CONTAINER_DEFAULT_CAP ((uint64_t)1 << 30)

/*
 * The JSON wrapper is parsed whole (jansson holds the document, and the
 * Content string again): it may not exceed 32 MiB, nor the cap.  No real
 * report comes near it: IAM allows 5,000 users, and a row with every
 * value at IAM's limits is under 2.7 KB: under 14 MB, 18 MB as base64.
 */
#define CONTAINER_JSON_CAP ((uint64_t)32 << 20)

/* Receives decoded CSV bytes; 0, or -1 with the error filled. */
typedef int (*container_sink_fn)(void *ctx, const char *buf, size_t len);

struct container;

/* What a container states about the report besides its CSV bytes. */
struct container_facts {
	int has_generated_time;
	int64_t generated_time;   /* GeneratedTime of a JSON wrapper */
};

/* Receives the facts; 0, or -1 with the error filled. */
typedef int (*container_facts_fn)(void *ctx, const struct container_facts *facts);

/*
 * name is used in errors, cap (0: the default) bounds the bytes gzip may
 * produce and the size of a JSON document.  err is where every error of
 * this input goes (the sink fills the same struct).  NULL when out of
 * memory (err filled).
 */
struct container *container_new(const char *name, uint64_t cap,
                                 container_sink_fn sink, void *ctx,
                                 struct credaudit_error *err);
/*
 * Have fn (called with the sink's ctx) receive the container's facts once,
 * before the first decoded byte reaches the sink: whoever reads the CSV
 * knows them ahead of the rows, without asking the container back.
 */
void container_on_facts(struct container *c, container_facts_fn fn);
/* Hash and decode len bytes; 0, or -1 once any error occurred. */
int container_push(struct container *c, const void *buf, size_t len);
/* End of input: checks that every layer ended cleanly and, for a JSON
 * wrapper, decodes Content into the sink.  0 or -1. */
int container_finish(struct container *c);

/* Bytes pushed so far and their SHA-256 as 64 lowercase hex digits. */
uint64_t container_size(const struct container *c);
void container_sha256(const struct container *c, char hex[65]);
/* The layers decoded so far, outermost first: "gzip > base64 > csv". */
const char *container_chain(const struct container *c);
/* GeneratedTime of a JSON wrapper into *t: 0, or -1 when there is none.
 * Known before the first CSV byte reaches the sink. */
int container_generated_time(const struct container *c, int64_t *t);
/*
 * For an error raised on the decoded CSV (by the sink or after it), name
 * what its line and column count in (err->where), e.g. "Content (base64
 * CSV)".  Errors the container raised itself are left alone.
 */
void container_label_error(const struct container *c, struct credaudit_error *err);
/*
 * After an error: 1 when the input is no credential report in any form
 * read (JSON without a Content, or decoded text that cannot start a
 * report header), 0 when it may be a damaged report (or UTF-16 text, or
 * nothing was decoded to judge by).
 */
int container_not_report(const struct container *c);
void container_free(struct container *c);

/* What a buffer holds, judged from its first bytes (exposed for tests). */
enum container_kind {
	CONTAINER_MORE = 0,   /* cannot tell yet: more bytes needed */
	CONTAINER_CSV,
	CONTAINER_BASE64,
	CONTAINER_JSON,
	CONTAINER_GZIP,
	CONTAINER_UTF16       /* refused: only UTF-8 is read */
};
enum container_kind container_sniff(const unsigned char *p, size_t n, int at_end);

#endif
