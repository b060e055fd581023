/*
 * header.c - map a report's header to columns and check its layout.
 */
#include <stdio.h>
#include <string.h>

#include "model/header.h"

/*
 * The columns of AWS's report layouts.  The 16-column report AWS wrote
 * until 2015 had no last-used columns; the current 22-column layout added
 * them all at once.  Every other column is in every layout.
 */
#define OLD_LAYOUT_LACKS \
	(COLBIT(COL_AK1_LAST_USED_DATE) | COLBIT(COL_AK1_LAST_USED_REGION) | \
	 COLBIT(COL_AK1_LAST_USED_SERVICE) | COLBIT(COL_AK2_LAST_USED_DATE) | \
	 COLBIT(COL_AK2_LAST_USED_REGION) | COLBIT(COL_AK2_LAST_USED_SERVICE))
#define ALL_COLS ((UINT32_C(1) << NCOLS) - 1)

int
header_map(struct header *h, const char *file, const struct csvrec *rec,
           struct credaudit_error *err)
{
	size_t i;

	for (i = 0; i < NCOLS; i++)
		h->colidx[i] = -1;
	for (i = 0; i < rec->nfields; i++) {
		const char *name = rec->fields[i];
		size_t n = rec->lens[i];
		int c;

		if (i == 0 && n >= 3 && memcmp(name, "\xEF\xBB\xBF", 3) == 0) {
			name += 3;   /* UTF-8 byte order mark */
			n -= 3;
		}
		if ((c = col_lookup(name, n)) < 0)
			continue;   /* unknown extra column: ignored */
		if (h->colidx[c] >= 0)
			return seterr(err, CREDAUDIT_ERR_INPUT, file, rec->line, i + 1,
			              "column '%s' appears twice in the header (fields %d and %zu): "
			              "the report is ambiguous and cannot be audited",
			              col_name((enum col)c), h->colidx[c] + 1, i + 1);
		h->colidx[c] = (int)i;
	}
	if (h->colidx[COL_USER] < 0 || h->colidx[COL_ARN] < 0)
		return seterr(err, CREDAUDIT_ERR_INPUT, file, rec->line, 1,
		              "not a credential report: the first line is not a report "
		              "header (no '%s' column)",
		              h->colidx[COL_USER] < 0 ? "user" : "arn");
	h->nfields = rec->nfields;
	h->npresent = 0;
	h->in_order = 1;
	for (i = 0; i < NCOLS; i++) {
		if (h->colidx[i] >= 0)
			h->present[h->npresent++] = (unsigned char)i;
		h->in_order &= h->colidx[i] == (int)i;
	}
	return 0;
}

uint32_t
header_cols(const struct header *h)
{
	uint32_t set = 0;
	size_t c;

	for (c = 0; c < NCOLS; c++)
		if (h->colidx[c] >= 0)
			set |= COLBIT(c);
	return set;
}

int
header_missing(const struct header *h, uint32_t set)
{
	size_t c;

	for (c = 0; c < NCOLS; c++)
		if ((set & COLBIT(c)) && h->colidx[c] < 0)
			return (int)c;
	return -1;
}

int
header_check_core(const struct header *h, const char *file,
                  unsigned long line, struct credaudit_error *err)
{
	/* The root check is the reason this tool exists: its columns are
	 * needed whatever rules are selected. */
	const enum col core[] = { COL_AK1_ACTIVE, COL_AK2_ACTIVE };
	size_t i;

	for (i = 0; i < sizeof(core) / sizeof(core[0]); i++)
		if (h->colidx[core[i]] < 0)
			return seterr(err, CREDAUDIT_ERR_INPUT, file, line, 0,
			              "the header has no '%s' column: the root user's access "
			              "keys cannot be audited", col_name(core[i]));
	return 0;
}

/* "no 'a' column, no 'b' column" for the columns of set into buf. */
static void
list_missing(uint32_t set, char *buf, size_t size)
{
	size_t len = 0, c;

	buf[0] = '\0';
	for (c = 0; c < NCOLS; c++)
		if ((set & COLBIT(c)) && len < size)
			len += (size_t)snprintf(buf + len, size - len, "%sno '%s' column",
			                        len ? ", " : "", col_name((enum col)c));
}

/*
 * Anything but one of AWS's layouts is a damaged header, an input error
 * naming each missing column: a rule that could not run on it must not
 * leave a pass of the rules that did.
 */
int
header_check_layout(const struct header *h, const char *file,
                    unsigned long line, struct credaudit_error *err)
{
	uint32_t present = header_cols(h), shared, later = 0;
	char s1[500], s2[300];

	shared = ALL_COLS & ~OLD_LAYOUT_LACKS & ~present;
	if (present & OLD_LAYOUT_LACKS)   /* a current-layout header */
		later = OLD_LAYOUT_LACKS & ~present;
	if (shared == 0 && later == 0)
		return 0;
	list_missing(shared, s1, sizeof(s1));
	list_missing(later, s2, sizeof(s2));
	return seterr(err, CREDAUDIT_ERR_INPUT, file, line, 0,
	              "the header has %s%s%s%s%s: the header is damaged and the "
	              "report cannot be audited (with --rules naming only rules "
	              "whose columns are present, it is)",
	              s1, shared ? ", which every AWS report layout has" : "",
	              shared && later ? "; and it has " : "", s2,
	              later ? ", which the current AWS report layout has along "
	              "with the last-used columns this header has" : "");
}

const char *
header_reason_absent(enum col c, struct arena *a)
{
	char text[200];

	snprintf(text, sizeof(text), "the report has no '%s' column "
	         "(older report layout)", col_name(c));
	return arena_strdup(a, text);
}

void
header_row_init(const struct header *h, struct row *row, const char *file)
{
	size_t i;

	row->file = file;
	for (i = 0; i < NCOLS; i++)
		if (h->colidx[i] >= 0)
			row->fieldno[i] = (unsigned long)h->colidx[i] + 1;
}

void
header_row_fill(const struct header *h, struct row *row,
                const struct csvrec *rec)
{
	size_t k;

	row->line = rec->line;
	if (h->in_order) {   /* what AWS writes: the fields as they come */
		memcpy(row->f, rec->fields, sizeof(row->f));
		memcpy(row->n, rec->lens, sizeof(row->n));
		return;
	}
	for (k = 0; k < h->npresent; k++) {
		size_t c = h->present[k], i = (size_t)h->colidx[c];

		row->f[c] = rec->fields[i];
		row->n[c] = rec->lens[i];
	}
}
