/*
 * csvread.c - libcsv in strict mode, fed one physical line at a time so
 * that every record and every error knows its line number.
 *
 * Fast path: a complete line that holds no quote, no NUL and no carriage
 * return other than one just before its newline, met while libcsv is
 * between records, is split here instead (what AWS writes never quotes).
 * libcsv is told that no byte is a space (csv_set_space_func), so it trims
 * nothing: " true " is not "true".  For such a line libcsv's strict grammar
 * then reduces to: an empty line is no record; otherwise the fields are the
 * text between commas, byte for byte.
 *
 * Before either path: a UTF-8 byte order mark at the very start is dropped
 * (so a quoted header after it is still CSV), and a carriage return that
 * is not followed by a line feed is an error (CR-only line endings would
 * put every record on line 1).  The fields go
 * through the same checks in the same order, so records and errors are
 * byte-identical to libcsv's (test_csvread and the fuzz target compare both
 * paths through csvread_set_fast).  Anything else is libcsv's.
 */
#include <csv.h>
#include <stdlib.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif
#include <string.h>

#include "csv/csvread.h"
#include "base/util.h"

struct csvread {
	struct csv_parser p;
	const char *name;
	size_t max_field, max_fields;
	csvread_fn fn;
	void *ctx;
	struct credaudit_error *err;

	unsigned long line;       /* line of the segment being fed */
	unsigned long rec_line;   /* line the current record started on */
	unsigned long quote_line; /* line the open quoted field started on */
	int stop;                 /* a callback failed: ignore the rest */
	int partial;              /* bytes seen after the last newline */
	int slow;                 /* fast path disabled (csvread_set_fast) */
	int cr_pending;           /* the last byte fed was a '\r' */
	size_t line_commas;       /* commas of the line before this chunk */
	unsigned char head[3];    /* the first bytes, until a BOM is judged */
	size_t nhead;
	int head_done;

	struct buf text;          /* current record's field bytes */
	size_t *offs;             /* field start offsets into text */
	size_t *commas;           /* fast path: comma offsets of a line */
	size_t *lens;
	char **fields;
	size_t nfields;
};

/* The checks every field passes, on either path; 0 or -1 (r->stop set). */
static int
field_ok(struct csvread *r, size_t len)
{
	if (r->nfields == r->max_fields) {
		r->stop = seterr(r->err, CREDAUDIT_ERR_INPUT, r->name, r->line,
		                 r->nfields + 1,
		                 "record has more than %zu fields: not a credential report",
		                 r->max_fields);
		return -1;
	}
	if (len > r->max_field) {
		r->stop = seterr(r->err, CREDAUDIT_ERR_INPUT, r->name, r->line,
		                 r->nfields + 1, "field longer than %zu bytes (--max-field-bytes raises the cap)",
		                 r->max_field);
		return -1;
	}
	return 0;
}

static void
on_field(void *s, size_t len, void *data)
{
	struct csvread *r = data;

	if (r->stop || field_ok(r, len) == -1)
		return;
	if (len > 0 && memchr(s, '\0', len) != NULL) {
		r->stop = seterr(r->err, CREDAUDIT_ERR_INPUT, r->name, r->line,
		                 r->nfields + 1,
		                 "field holds a NUL byte: binary data is not a credential report");
		return;
	}
	r->offs[r->nfields] = r->text.len;
	r->lens[r->nfields] = len;
	if (buf_add(&r->text, s, len) == -1 || buf_addc(&r->text, '\0') == -1) {
		r->stop = seterr_nomem(r->err, r->name);
		return;
	}
	r->nfields++;
}

/* Hand the record in r->fields to the callback and start the next. */
static void
emit(struct csvread *r)
{
	struct csvrec rec;

	rec.line = r->rec_line;
	rec.nfields = r->nfields;
	rec.fields = r->fields;
	rec.lens = r->lens;
	if (r->fn(r->ctx, &rec) == -1)
		r->stop = -1;
	r->nfields = 0;
	r->text.len = 0;
}

static void
on_record(int term, void *data)
{
	struct csvread *r = data;
	size_t i;

	(void)term;
	if (r->stop)
		return;
	for (i = 0; i < r->nfields; i++)
		r->fields[i] = r->text.data + r->offs[i];
	emit(r);
}

/* No byte is a space to libcsv: fields are never trimmed. */
static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

struct csvread *
csvread_new(const char *name, size_t max_field, size_t max_fields,
            csvread_fn fn, void *ctx, struct credaudit_error *err)
{
	struct csvread *r;

	if ((r = ca_calloc(1, sizeof(*r))) == NULL)
		goto nomem;
	if (csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		ca_free(r);
		goto nomem;
	}
	csv_set_realloc_func(&r->p, ca_realloc);
	csv_set_free_func(&r->p, ca_free);
	csv_set_space_func(&r->p, no_space);
	r->name = name;
	r->max_field = max_field;
	r->max_fields = max_fields;
	r->fn = fn;
	r->ctx = ctx;
	r->err = err;
	r->line = 1;
	r->rec_line = 1;
	r->offs = ca_calloc(max_fields, sizeof(*r->offs));
	r->lens = ca_calloc(max_fields, sizeof(*r->lens));
	r->fields = ca_calloc(max_fields, sizeof(*r->fields));
	r->commas = ca_calloc(max_fields + 1, sizeof(*r->commas));
	if (r->offs == NULL || r->lens == NULL || r->fields == NULL ||
	    r->commas == NULL) {
		csvread_free(r);
		goto nomem;
	}
	return r;
nomem:
	seterr_nomem(err, name);
	return NULL;
}

/* The error of a libcsv failure at the current line. */
static int
parse_error(struct csvread *r, const char *what)
{
	int e = csv_error(&r->p);

	if (e == CSV_ENOMEM)
		return seterr_nomem(r->err, r->name);
	return seterr(r->err, CREDAUDIT_ERR_INPUT, r->name, r->line,
	              r->nfields + 1, "%s: the report cannot be read past this point",
	              what);
}

/* Feed one segment that ends with '\n' or at the end of a chunk. */
static int
feed(struct csvread *r, const char *s, size_t n)
{
	/* A record begins on the first line fed while libcsv is between
	 * records (state 0 in csv.h: no byte of a record seen yet). */
	if (r->p.pstate == 0)
		r->rec_line = r->line;
	/* Likewise an open quoted field (state 2 with quoted set) that is
	 * still open at the end of input started on the last line fed while
	 * no quoted field was open.  State 3 (a quote seen inside a quoted
	 * field, which may be an escaped "") is still inside the field when a
	 * chunk boundary falls there. */
	if (!((r->p.pstate == 2 || r->p.pstate == 3) && r->p.quoted))
		r->quote_line = r->line;
	if (csv_parse(&r->p, s, n, on_field, on_record, r) != n)
		return parse_error(r, "malformed CSV (stray or unbalanced quote)");
	if (r->stop)
		return -1;
	if (r->p.entry_pos > r->max_field)
		return seterr(r->err, CREDAUDIT_ERR_INPUT, r->name, r->line,
		              r->nfields + 1, "field longer than %zu bytes (--max-field-bytes raises the cap)",
		              r->max_field);
	return 0;
}

/*
 * Find the end of the line at s[0..len) for the fast path, noting the
 * offset of every comma in commas[] (at most max).  Returns the offset of
 * the '\n', or -1 when the line is libcsv's: a quote, a NUL, a carriage
 * return not just before the newline, more commas than max, or no newline
 * in s.  The structural bytes are found 16 at a time where SSE2 exists.
 */
static long
scan_line(const char *s, size_t len, size_t *commas, size_t max, size_t *ncommas)
{
	size_t i = 0, n = 0;

#if defined(__SSE2__) && defined(__GNUC__)
	const __m128i comma = _mm_set1_epi8(','), nl = _mm_set1_epi8('\n');
	const __m128i quote = _mm_set1_epi8('"'), cr = _mm_set1_epi8('\r');
	const __m128i nul = _mm_setzero_si128();

	for (; i + 16 <= len; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		unsigned mc = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, comma));
		unsigned ms = (unsigned)_mm_movemask_epi8(_mm_or_si128(
			_mm_or_si128(_mm_cmpeq_epi8(x, nl), _mm_cmpeq_epi8(x, quote)),
			_mm_or_si128(_mm_cmpeq_epi8(x, cr), _mm_cmpeq_epi8(x, nul))));
		size_t at = 0;

		if (ms != 0) {   /* the commas before the first other hit */
			at = i + (size_t)__builtin_ctz(ms);
			mc &= (1u << __builtin_ctz(ms)) - 1;
		}
		if (max - n >= 16)   /* room for any block's commas */
			for (; mc != 0; mc &= mc - 1)
				commas[n++] = i + (size_t)__builtin_ctz(mc);
		for (; mc != 0; mc &= mc - 1) {
			if (n == max)
				return -1;
			commas[n++] = i + (size_t)__builtin_ctz(mc);
		}
		if (ms == 0)
			continue;
		if (s[at] == '\r' && at + 1 < len && s[at + 1] == '\n')
			at++;   /* CRLF: the line ends at the '\n' */
		else if (s[at] != '\n')
			return -1;
		*ncommas = n;
		return (long)at;
	}
#endif
	for (; i < len; i++) {
		char c = s[i];

		if (c == ',') {
			if (n == max)
				return -1;
			commas[n++] = i;
		} else if (c == '\n') {
			*ncommas = n;
			return (long)i;
		} else if (c == '"' || c == '\0' || (c == '\r' && (i + 1 == len || s[i + 1] != '\n'))) {
			return -1;
		}
	}
	return -1;
}

/*
 * Split the line copied to t (content bytes) at the commas noted in
 * r->commas into nf fields.  The fields pass the checks of field_ok in the
 * same order (lengths only when the line itself is over the cap); kept in
 * locals, so this loop is the fast path's inner loop.  0, or -1 with the
 * error of field_ok.
 */
static int
fast_fields(struct csvread *r, char *t, size_t nf, size_t content)
{
	const size_t *commas = r->commas;
	size_t *lens = r->lens, i, start = 0;
	size_t lim = nf < r->max_fields ? nf : r->max_fields;
	char **fields = r->fields;

	if (content > r->max_field)   /* a field may be too long: the first */
		for (i = 0; i < lim; start = commas[i++] + 1)
			if (commas[i] - start > r->max_field) {
				r->nfields = i;
				return field_ok(r, commas[i] - start);
			}
	for (i = 0, start = 0; i < lim; i++) {
		size_t e = commas[i];

		t[e] = '\0';
		fields[i] = t + start;
		lens[i] = e - start;
		start = e + 1;
	}
	if (nf > lim) {   /* one field too many */
		r->nfields = lim;
		return field_ok(r, 0);
	}
	r->nfields = nf;
	return 0;
}

/*
 * The fast path for the line at the start of s[0..len).  Returns the
 * bytes consumed (the line and its newline) with *rc 0 or -1, or 0 when
 * the line is libcsv's.
 */
static size_t
fast_line(struct csvread *r, const char *s, size_t len, int *rc)
{
	size_t n, content, ncommas = 0;
	long end = scan_line(s, len, r->commas, r->max_fields, &ncommas);
	char *t;

	if (end < 0)
		return 0;
	n = (size_t)end + 1;
	content = n - 1 - (n >= 2 && s[n - 2] == '\r');
	*rc = 0;
	r->rec_line = r->line;
	if (content == 0)
		return n;   /* libcsv skips an empty line: no record */
	if (buf_grow(&r->text, content + 1) == -1) {
		*rc = r->stop = seterr_nomem(r->err, r->name);
		return n;
	}
	t = r->text.data;
	memcpy(t, s, content);
	r->commas[ncommas] = content;   /* the last field ends at the line's end */
	if (fast_fields(r, t, ncommas + 1, content) == -1) {
		*rc = -1;
		return n;
	}
	r->text.len = content + 1;
	emit(r);
	*rc = r->stop ? -1 : 0;
	return n;
}

void
csvread_set_fast(struct csvread *r, int on)
{
	r->slow = !on;
}

/*
 * A carriage return must be followed by a line feed, here or at the start
 * of the next chunk; at the end of input it is a line end.  0, or -1 with
 * the error.
 */
static int
check_cr(struct csvread *r, const char *buf, size_t len)
{
	const char *cr = NULL, *p = buf, *end = buf + len, *q;
	size_t field = 1;

	if (len == 0)
		return 0;
	if (r->cr_pending && buf[0] != '\n')
		cr = buf;   /* the '\r' ended the previous chunk */
	else
		for (; (p = memchr(p, '\r', (size_t)(end - p))) != NULL; p++)
			if (p + 1 < end && p[1] != '\n') {
				cr = p;
				break;
			}
	if (cr != NULL) {
		/* libcsv ends a record at the '\r': feed up to it, so that the
		 * records before the error are the same in any chunking. */
		if (cr > buf && feed(r, buf, (size_t)(cr - buf) + 1) == -1)
			return -1;
		r->partial = 1;
		field += r->line_commas;
		for (q = buf; q < cr; q++)
			field += *q == ',';
		return r->stop = seterr(r->err, CREDAUDIT_ERR_INPUT, r->name, r->line,
		                        field, "carriage return not followed by a line "
		                        "feed: a credential report's lines end in LF or CRLF");
	}
	r->cr_pending = end[-1] == '\r';
	if (end[-1] == '\n')
		r->line_commas = 0;
	else   /* a chunk ends inside the line: rare, so counting is cheap */
		for (q = buf; q < end; q++)
			r->line_commas += *q == ',';
	return 0;
}

/*
 * Split buf into lines for the fast path or libcsv.  A line the fast path
 * takes holds no carriage return but one just before its newline, so
 * check_cr would pass it and leave no CR pending and no commas counted:
 * it is not run there.  Each byte is then scanned once.
 */
static int
push_body(struct csvread *r, const char *buf, size_t len)
{
	const char *nl;

	while (len > 0) {
		size_t n;
		int rc;

		if (!r->slow && r->p.pstate == 0 && !r->cr_pending &&
		    (n = fast_line(r, buf, len, &rc)) > 0) {
			if (rc == -1)
				return r->stop = -1;
			r->line_commas = 0;
			r->partial = 0;
			r->line++;
			buf += n;
			len -= n;
			continue;
		}
		nl = memchr(buf, '\n', len);
		n = nl ? (size_t)(nl - buf) + 1 : len;
		if (check_cr(r, buf, n) == -1)
			return -1;
		if (feed(r, buf, n) == -1)
			return r->stop = -1;
		r->partial = nl == NULL;
		if (nl != NULL)
			r->line++;
		buf += n;
		len -= n;
	}
	return 0;
}

/* Hand the held first bytes on, unless they were a byte order mark. */
static int
flush_head(struct csvread *r)
{
	r->head_done = 1;
	if (r->nhead == 3 && memcmp(r->head, "\xef\xbb\xbf", 3) == 0)
		return 0;
	return push_body(r, (const char *)r->head, r->nhead);
}

int
csvread_push(struct csvread *r, const char *buf, size_t len)
{
	if (r->stop)
		return -1;
	if (!r->head_done && r->nhead == 0 && len >= 3) {
		/* the whole byte order mark, or none, in this chunk: judged
		 * here, so that the first line is not split for libcsv */
		r->head_done = 1;
		if (memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
			buf += 3;
			len -= 3;
		}
	}
	while (!r->head_done && len > 0) {
		r->head[r->nhead++] = (unsigned char)*buf++;
		len--;
		if (r->nhead == 3 || r->head[r->nhead - 1] !=
		    (unsigned char)"\xef\xbb\xbf"[r->nhead - 1]) {
			if (flush_head(r) == -1)
				return -1;
		}
	}
	return push_body(r, buf, len);
}

int
csvread_finish(struct csvread *r)
{
	if (r->stop)
		return -1;
	if (!r->head_done && flush_head(r) == -1)
		return -1;
	if (csv_fini(&r->p, on_field, on_record, r) != 0) {
		r->line = r->quote_line;
		return r->stop = parse_error(r, "quoted field opened here is not "
		                             "closed at the end of input");
	}
	return r->stop ? -1 : 0;
}

unsigned long
csvread_lines(const struct csvread *r)
{
	return r->line - 1 + (unsigned long)r->partial;
}

void
csvread_free(struct csvread *r)
{
	if (r == NULL)
		return;
	csv_free(&r->p);
	buf_free(&r->text);
	ca_free(r->offs);
	ca_free(r->lens);
	ca_free(r->fields);
	ca_free(r->commas);
	ca_free(r);
}
