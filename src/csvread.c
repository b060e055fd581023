/*
 * csvread.c - libcsv in strict mode, fed one physical line at a time so
 * that every record and every error knows its line number.
 */
#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "util.h"

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

	struct buf text;          /* current record's field bytes */
	size_t *offs;             /* field start offsets into text */
	size_t *lens;
	char **fields;
	size_t nfields;
};

static void
on_field(void *s, size_t len, void *data)
{
	struct csvread *r = data;

	if (r->stop)
		return;
	if (r->nfields == r->max_fields) {
		r->stop = seterr(r->err, CREDAUDIT_ERR_INPUT, r->name, r->line,
		                 r->nfields + 1,
		                 "record has more than %zu fields: not a credential report",
		                 r->max_fields);
		return;
	}
	if (len > r->max_field) {
		r->stop = seterr(r->err, CREDAUDIT_ERR_INPUT, r->name, r->line,
		                 r->nfields + 1, "field longer than %zu bytes (--max-field-bytes raises the cap)",
		                 r->max_field);
		return;
	}
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

static void
on_record(int term, void *data)
{
	struct csvread *r = data;
	struct csvrec rec;
	size_t i;

	(void)term;
	if (r->stop)
		return;
	for (i = 0; i < r->nfields; i++)
		r->fields[i] = r->text.data + r->offs[i];
	rec.line = r->rec_line;
	rec.nfields = r->nfields;
	rec.fields = r->fields;
	rec.lens = r->lens;
	if (r->fn(r->ctx, &rec) == -1)
		r->stop = -1;
	r->nfields = 0;
	r->text.len = 0;
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
	if (r->offs == NULL || r->lens == NULL || r->fields == NULL) {
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

int
csvread_push(struct csvread *r, const char *buf, size_t len)
{
	const char *nl;

	if (r->stop)
		return -1;
	while (len > 0) {
		size_t n;

		nl = memchr(buf, '\n', len);
		n = nl ? (size_t)(nl - buf) + 1 : len;
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

int
csvread_finish(struct csvread *r)
{
	if (r->stop)
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
	ca_free(r);
}
