/*
 * header.h - the header of a credential report: which field holds which
 * column, and whether the columns make one of AWS's layouts.
 */
#ifndef CREDAUDIT_HEADER_H
#define CREDAUDIT_HEADER_H

#include <stddef.h>
#include <stdint.h>

#include "credaudit.h"
#include "base/util.h"
#include "csv/csvread.h"
#include "model/model.h"

struct header {
	int colidx[NCOLS];             /* 0-based field of each column, -1 */
	size_t nfields;                /* fields of the header record */
	unsigned char present[NCOLS];  /* the columns the header has, */
	size_t npresent;               /* in column order */
	int in_order;                  /* every column, field c is column c:
	                                  the current AWS layout */
};

/*
 * Map the header record rec of file: known columns by name (any letter
 * case, a UTF-8 byte order mark skipped), unknown ones ignored.  0, or -1
 * with err filled when a column appears twice or user or arn is missing.
 */
int header_map(struct header *h, const char *file, const struct csvrec *rec,
               struct credaudit_error *err);
/* The COLBIT()s of the columns the header has. */
uint32_t header_cols(const struct header *h);
/* The first column of set (COLBIT()s) the header lacks, or -1. */
int header_missing(const struct header *h, uint32_t set);

/* The columns of the root row's access keys, needed whatever rules run:
 * 0, or -1 with err filled. */
int header_check_core(const struct header *h, const char *file,
                      unsigned long line, struct credaudit_error *err);
/*
 * Whether the header is one of AWS's layouts: every column all layouts
 * share, and the last-used columns all or none.  0, or -1 with err filled
 * naming each missing column.
 */
int header_check_layout(const struct header *h, const char *file,
                        unsigned long line, struct credaudit_error *err);
/* Why a rule reading column c cannot run on this header, copied into a
 * (NULL when out of memory). */
const char *header_reason_absent(enum col c, struct arena *a);

/* Prepare row for the records of file: absent columns stay NULL. */
void header_row_init(const struct header *h, struct row *row, const char *file);
/* Point row's columns at the fields of record rec (of nfields fields). */
void header_row_fill(const struct header *h, struct row *row,
                     const struct csvrec *rec);

#endif
