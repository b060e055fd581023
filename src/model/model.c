/* model.c - column names and typed reads of a row, with exact error positions. */
#include <string.h>

#include "base/escape.h"
#include "model/model.h"
#include "base/util.h"

static const char *const col_names[NCOLS] = {
	"user",
	"arn",
	"user_creation_time",
	"password_enabled",
	"password_last_used",
	"password_last_changed",
	"password_next_rotation",
	"mfa_active",
	"access_key_1_active",
	"access_key_1_last_rotated",
	"access_key_1_last_used_date",
	"access_key_1_last_used_region",
	"access_key_1_last_used_service",
	"access_key_2_active",
	"access_key_2_last_rotated",
	"access_key_2_last_used_date",
	"access_key_2_last_used_region",
	"access_key_2_last_used_service",
	"cert_1_active",
	"cert_1_last_rotated",
	"cert_2_active",
	"cert_2_last_rotated",
};

const char *
col_name(enum col c)
{
	return col_names[c];
}

int
col_lookup(const char *s, size_t n)
{
	int c;
	size_t i;

	for (c = 0; c < NCOLS; c++) {
		const char *name = col_names[c];

		if (strlen(name) != n)
			continue;
		for (i = 0; i < n; i++) {
			char ch = s[i];

			if (ch >= 'A' && ch <= 'Z')
				ch = (char)(ch - 'A' + 'a');
			if (ch != name[i])
				break;
		}
		if (i == n)
			return c;
	}
	return -1;
}

const char *
row_text(const struct row *r, enum col c)
{
	return r->f[c] ? r->f[c] : "";
}

int
row_has(const struct row *r, enum col c)
{
	return r->f[c] != NULL;
}

static int
bad_value(const struct row *r, enum col c, const char *want,
          struct credaudit_error *err)
{
	char shown[200];

	if (r->f[c] == NULL)
		return seterr(err, CREDAUDIT_ERR_INPUT, r->file, r->line, 0,
		              "column '%s' is absent", col_names[c]);
	esc_short(r->f[c], r->n[c], shown, sizeof(shown));
	return seterr(err, CREDAUDIT_ERR_INPUT, r->file, r->line, r->fieldno[c],
	              "%s is \"%s\", expected %s: the value cannot be judged, so the "
	              "report cannot be audited", col_names[c], shown, want);
}

int
row_bool(const struct row *r, enum col c, struct vbool *out,
         struct credaudit_error *err)
{
	if (r->f[c] == NULL || value_bool(r->f[c], r->n[c], out) == -1)
		return bad_value(r, c, "true, false, N/A, not_supported or no_information", err);
	return 0;
}

/*
 * row_is_true for any text: value_bool's reading of it.  Not static, so
 * that it stays out of row_is_true (its locals would cost every call a
 * stack guard), and the reference the tests compare row_is_true with.
 */
int
row_is_true_general(const struct row *r, enum col c, struct credaudit_error *err)
{
	struct vbool b;

	if (r->f[c] == NULL || value_bool(r->f[c], r->n[c], &b) == -1)
		return bad_value(r, c, "true or false", err);
	/* AWS writes not_supported in the root row's password_enabled. */
	if (b.state == V_NOT_SUPPORTED && c == COL_PASSWORD_ENABLED && r->is_root)
		return 0;
	if (b.state != V_VALUE)
		return bad_value(r, c, "true or false", err);
	return b.value;
}

int
row_is_true(const struct row *r, enum col c, struct credaudit_error *err)
{
	const char *s = r->f[c];

	/* what AWS writes, decided at once */
	if (s != NULL && r->n[c] == 4 && memcmp(s, "true", 4) == 0)
		return 1;
	if (s != NULL && r->n[c] == 5 && memcmp(s, "false", 5) == 0)
		return 0;
	return row_is_true_general(r, c, err);
}

int
row_flag(const struct row *r, enum col c, int *out,
         struct credaudit_error *err)
{
	int v = row_is_true(r, c, err);

	*out = v == 1;
	return v == -1 ? -1 : 0;
}

int
row_time(const struct row *r, enum col c, struct vtime *out,
         struct credaudit_error *err)
{
	if (r->f[c] == NULL || value_time(r->f[c], r->n[c], out) == -1)
		return bad_value(r, c, "an ISO 8601 UTC timestamp, N/A, not_supported or no_information", err);
	return 0;
}
