/*
 * model.h - the typed view of one credential-report row, and the columns
 * AWS has written, mapped by header name.
 */
#ifndef CREDAUDIT_MODEL_H
#define CREDAUDIT_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "credaudit.h"
#include "model/value.h"

enum col {
	COL_USER,
	COL_ARN,
	COL_USER_CREATION_TIME,
	COL_PASSWORD_ENABLED,
	COL_PASSWORD_LAST_USED,
	COL_PASSWORD_LAST_CHANGED,
	COL_PASSWORD_NEXT_ROTATION,
	COL_MFA_ACTIVE,
	COL_AK1_ACTIVE,
	COL_AK1_LAST_ROTATED,
	COL_AK1_LAST_USED_DATE,
	COL_AK1_LAST_USED_REGION,
	COL_AK1_LAST_USED_SERVICE,
	COL_AK2_ACTIVE,
	COL_AK2_LAST_ROTATED,
	COL_AK2_LAST_USED_DATE,
	COL_AK2_LAST_USED_REGION,
	COL_AK2_LAST_USED_SERVICE,
	COL_CERT1_ACTIVE,
	COL_CERT1_LAST_ROTATED,
	COL_CERT2_ACTIVE,
	COL_CERT2_LAST_ROTATED,
	NCOLS
};

#define COLBIT(c) (UINT32_C(1) << (c))

/* The header name of a column, e.g. "access_key_1_active". */
const char *col_name(enum col c);

/* The column spelled s[0..n) (any letter case), or -1. */
int col_lookup(const char *s, size_t n);

/* The literal user name of the root row. */
#define ROOT_USER "<root_account>"

/* One data row as the rules see it. */
struct row {
	const char *file;          /* input name, for errors */
	unsigned long line;        /* physical line the row starts on */
	const char *f[NCOLS];      /* field text, NULL when the column is absent */
	size_t n[NCOLS];
	unsigned long fieldno[NCOLS]; /* 1-based CSV field of each column */
	int is_root;
};

/* The text of a column, "" when absent. */
const char *row_text(const struct row *r, enum col c);

/* Whether the report has the column. */
int row_has(const struct row *r, enum col c);

/*
 * Typed reads: fill out and return 0, or fill err with the file, line and
 * column of the field and return -1 when the text is not of the type.
 * Reading an absent column is an error too (rules check row_has first).
 */
int row_bool(const struct row *r, enum col c, struct vbool *out,
             struct credaudit_error *err);
int row_time(const struct row *r, enum col c, struct vtime *out,
             struct credaudit_error *err);

/*
 * An on/off column (password_enabled, access_key_N_active, cert_N_active):
 * AWS writes true or false there, so a state such as N/A is an error like
 * any other text; only the root row's password_enabled may be
 * not_supported (read as 0).  *out is 1 or 0.
 */
int row_flag(const struct row *r, enum col c, int *out,
             struct credaudit_error *err);
/* row_flag's value returned: 1 or 0, or -1 with err filled.  Decides
 * "true" and "false" at once; row_is_true_general is the same without
 * that shortcut, for tests to compare. */
int row_is_true(const struct row *r, enum col c, struct credaudit_error *err);
int row_is_true_general(const struct row *r, enum col c, struct credaudit_error *err);

#endif
