/* csvcheck.c - run csvread with and without its fast path and compare. */
#include <stdio.h>
#include <string.h>

#include "csvcheck.h"
#include "csv/csvread.h"
#include "base/util.h"

/* Every record of one path as "LINE:len:field|len:field|...\n". */
static int
log_record(void *ctx, const struct csvrec *rec)
{
	struct buf *b = ctx;
	size_t i;

	if (buf_printf(b, "%lu:", rec->line) == -1)
		return -1;
	for (i = 0; i < rec->nfields; i++)
		if (buf_printf(b, "%zu:", rec->lens[i]) == -1 ||
		    buf_add(b, rec->fields[i], rec->lens[i]) == -1 ||
		    buf_addc(b, '|') == -1)
			return -1;
	return buf_addc(b, '\n');
}

/* One read; the log ends with the outcome.  0, or -1 out of memory. */
static int
read_path(const char *s, size_t len, size_t chunk, size_t max_field,
          size_t max_fields, int fast, struct buf *log)
{
	struct credaudit_error err = { 0 };
	struct csvread *r;
	size_t off = 0;
	int rc = 0;

	if ((r = csvread_new("x", max_field, max_fields, log_record, log, &err)) == NULL)
		return -1;
	csvread_set_fast(r, fast);
	while (rc == 0 && off < len) {
		size_t n = chunk == 0 || chunk > len - off ? len - off : chunk;

		rc = csvread_push(r, s + off, n);
		off += n;
	}
	if (rc == 0)
		rc = csvread_finish(r);
	if (buf_printf(log, "rc=%d lines=%lu err=%d:%lu:%lu:%s\n", rc,
	               csvread_lines(r), err.code, err.line, err.column, err.text) == -1 ||
	    buf_addc(log, '\0') == -1 ||
	    err.code == CREDAUDIT_ERR_INTERNAL) {
		csvread_free(r);
		return -1;
	}
	csvread_free(r);
	return 0;
}

int
csvcheck_paths(const void *buf, size_t len, size_t chunk, size_t max_field,
               size_t max_fields, char *why, size_t whysize)
{
	struct buf a = { 0 }, b = { 0 };
	int rc;

	if (read_path(buf, len, chunk, max_field, max_fields, 1, &a) == -1 ||
	    read_path(buf, len, chunk, max_field, max_fields, 0, &b) == -1) {
		rc = -1;
	} else if (a.len == b.len && memcmp(a.data, b.data, a.len) == 0) {
		rc = 1;
	} else {
		size_t i = 0;

		while (i < a.len && i < b.len && a.data[i] == b.data[i])
			i++;
		if (why != NULL && whysize > 0)
			snprintf(why, whysize, "paths differ at log byte %zu: fast "
			         "'%.40s' libcsv '%.40s'", i, a.data + i, b.data + i);
		rc = 0;
	}
	buf_free(&a);
	buf_free(&b);
	return rc;
}
