/*
 * csvread.h - strict CSV records with physical line numbers, over libcsv.
 *
 * Bytes are pushed in chunks of any size; every complete record is handed
 * to a callback with its fields and the physical line it starts on.  This
 * is the only file that includes <csv.h>.
 */
#ifndef CREDAUDIT_CSVREAD_H
#define CREDAUDIT_CSVREAD_H

#include <stddef.h>

#include "credaudit.h"

/* One record.  fields[i] is NUL-terminated and holds no NUL byte. */
struct csvrec {
	unsigned long line;     /* physical line of the record's first byte */
	size_t nfields;
	char **fields;
	const size_t *lens;
};

/* Return 0 to go on, -1 to stop (the callback has filled the error). */
typedef int (*csvread_fn)(void *ctx, const struct csvrec *rec);

struct csvread;

/*
 * name is used in errors; max_field caps a field's bytes, max_fields the
 * fields of a record.  Errors are CREDAUDIT_ERR_INPUT (bad CSV) or
 * CREDAUDIT_ERR_INTERNAL (memory).
 */
struct csvread *csvread_new(const char *name, size_t max_field,
                            size_t max_fields, csvread_fn fn, void *ctx,
                            struct credaudit_error *err);
int csvread_push(struct csvread *r, const char *buf, size_t len);
/*
 * Turn the quote-free fast path off (on == 0) or on (the default).  Both
 * paths yield the same records and errors; this exists so that tests and
 * the fuzz target can compare them.
 */
void csvread_set_fast(struct csvread *r, int on);
/* End of input: flushes a last record without a newline. */
int csvread_finish(struct csvread *r);
/* Physical lines seen so far (a last line without newline counts). */
unsigned long csvread_lines(const struct csvread *r);
void csvread_free(struct csvread *r);

#endif
