/*
 * test_header.c - the header of a report (src/model/header.c): names
 * mapped to columns in AWS's 22- and 16-column layouts, letter case and a
 * byte order mark, unknown and repeated columns, the core columns the root
 * check needs, damaged layouts, and rows filled through the mapping.
 */
#include "testutil.h"

#include <stdio.h>

#include "model/header.h"

#define MAXF 64

/* A record split at every comma (header names hold none). */
struct rec {
	char text[4096];
	char *fields[MAXF];
	size_t lens[MAXF];
	struct csvrec r;
};

static const struct csvrec *
rec_of(struct rec *x, unsigned long line, const char *csv)
{
	char *p;
	size_t n = 0;

	assert_true(strlen(csv) < sizeof(x->text));
	strcpy(x->text, csv);
	for (p = x->text;; p++) {
		char *comma = strchr(p, ',');

		assert_true(n < MAXF);
		x->fields[n] = p;
		if (comma != NULL)
			*comma = '\0';
		x->lens[n] = strlen(p);
		n++;
		if (comma == NULL)
			break;
		p = comma;
	}
	x->r.line = line;
	x->r.nfields = n;
	x->r.fields = x->fields;
	x->r.lens = x->lens;
	return &x->r;
}

/* Map csv (line 1), expecting success. */
static void
map_ok(struct header *h, const char *csv)
{
	struct rec x;
	struct credaudit_error err;

	memset(&err, 0, sizeof(err));
	memset(h, 0, sizeof(*h));
	assert_int_equal(header_map(h, "r.csv", rec_of(&x, 1, csv), &err), 0);
	assert_int_equal(err.code, 0);
}

/* err is an input error of r.csv at line:col whose text contains want;
 * the text. */
static const char *
assert_error(const struct credaudit_error *err, unsigned long line,
             unsigned long col, const char *want)
{
	assert_int_equal(err->code, CREDAUDIT_ERR_INPUT);
	assert_string_equal(err->file, "r.csv");
	assert_int_equal(err->line, line);
	assert_int_equal(err->column, col);
	if (strstr(err->text, want) == NULL)
		fail_msg("error text \"%s\" lacks \"%s\"", err->text, want);
	return err->text;
}

/* Map csv on line, expecting an input error at column col containing want. */
static void
map_err(unsigned long line, const char *csv, unsigned long col, const char *want)
{
	struct header h;
	struct rec x;
	struct credaudit_error err;

	memset(&err, 0, sizeof(err));
	assert_int_equal(header_map(&h, "r.csv", rec_of(&x, line, csv), &err), -1);
	assert_error(&err, line, col, want);
}

/* The columns h maps and where: cols[i] is field idx[i] (from 0). */
struct at {
	enum col col;
	int idx;
};

static void
mapped(const struct header *h, size_t nfields, size_t npresent,
       const struct at *at, size_t n)
{
	size_t i;

	assert_int_equal(h->nfields, nfields);
	assert_int_equal(h->npresent, npresent);
	for (i = 0; i < n; i++)
		if (h->colidx[at[i].col] != at[i].idx)
			fail_msg("%s is field %d, not %d", col_name(at[i].col),
			         h->colidx[at[i].col], at[i].idx);
}

/* h's core columns and layout pass both checks. */
static void
layout_ok(const struct header *h)
{
	struct credaudit_error err;

	memset(&err, 0, sizeof(err));
	assert_int_equal(header_check_core(h, "r.csv", 1, &err), 0);
	assert_int_equal(header_check_layout(h, "r.csv", 1, &err), 0);
	assert_int_equal(err.code, 0);
}

/* Map hdr and check its core columns on line: refused with an error
 * containing want, or (want NULL) passed; the error's text. */
static const char *
core_check(const char *hdr, unsigned long line, const char *want)
{
	static struct credaudit_error err;
	struct header h;

	map_ok(&h, hdr);
	memset(&err, 0, sizeof(err));
	assert_int_equal(header_check_core(&h, "r.csv", line, &err), want ? -1 : 0);
	if (want == NULL)
		assert_int_equal(err.code, 0);
	return want ? assert_error(&err, line, 0, want) : NULL;
}

/* Map hdr: its core columns pass, its layout is damaged, an error on
 * line 1 containing want; the error's text. */
static const char *
damaged(const char *hdr, const char *want)
{
	static struct credaudit_error err;
	struct header h;

	assert_null(core_check(hdr, 1, NULL));
	map_ok(&h, hdr);
	memset(&err, 0, sizeof(err));
	assert_int_equal(header_check_layout(&h, "r.csv", 1, &err), -1);
	return assert_error(&err, 1, 0, want);
}

/* A row of file read on line through h's mapping from csv, held in x. */
static void
row_from(const struct header *h, struct row *row, struct rec *x, const char *file,
         unsigned long line, const char *csv)
{
	memset(row, 0, sizeof(*row));
	header_row_init(h, row, file);
	header_row_fill(h, row, rec_of(x, line, csv));
}

static void
test_header_maps_22_column_layout(void **state)
{
	struct header h;
	size_t c;

	(void)state;
	map_ok(&h, HDR22_F);
	mapped(&h, 22, NCOLS, NULL, 0);
	for (c = 0; c < NCOLS; c++) {
		assert_int_equal(h.colidx[c], (int)c);
		assert_int_equal(h.present[c], c);
	}
	assert_int_equal(header_cols(&h), (UINT32_C(1) << NCOLS) - 1);
	assert_int_equal(header_missing(&h, header_cols(&h)), -1);
	layout_ok(&h);
}

static void
test_header_maps_16_column_layout(void **state)
{
	static const struct at at[] = {
		{ COL_USER, 0 }, { COL_AK1_ACTIVE, 8 }, { COL_AK1_LAST_ROTATED, 9 },
		{ COL_AK2_ACTIVE, 10 }, { COL_CERT2_LAST_ROTATED, 15 },
	};
	static const enum col later[] = {
		COL_AK1_LAST_USED_DATE, COL_AK1_LAST_USED_REGION, COL_AK1_LAST_USED_SERVICE,
		COL_AK2_LAST_USED_DATE, COL_AK2_LAST_USED_REGION, COL_AK2_LAST_USED_SERVICE,
	};
	struct header h;
	size_t i;

	(void)state;
	map_ok(&h, HDR16_F);
	mapped(&h, 16, 16, at, NELEM(at));
	for (i = 0; i < NELEM(later); i++) {
		assert_int_equal(h.colidx[later[i]], -1);
		assert_false(header_cols(&h) & COLBIT(later[i]));
	}
	/* the first absent column of a set, in column order */
	assert_int_equal(header_missing(&h, COLBIT(COL_AK2_LAST_USED_REGION) |
	                                COLBIT(COL_AK1_LAST_USED_SERVICE) |
	                                COLBIT(COL_USER)), COL_AK1_LAST_USED_SERVICE);
	assert_int_equal(header_missing(&h, COLBIT(COL_USER) | COLBIT(COL_MFA_ACTIVE)), -1);
	/* the older layout is a layout: no error */
	layout_ok(&h);
}

static void
test_header_any_letter_case_and_bom(void **state)
{
	static const struct at at[] = {
		{ COL_USER, 0 }, { COL_ARN, 1 }, { COL_AK1_ACTIVE, 2 }, { COL_AK2_ACTIVE, 3 },
	};
	struct header h;

	(void)state;
	map_ok(&h, "\xEF\xBB\xBFUSER,Arn,ACCESS_KEY_1_ACTIVE,Access_Key_2_Active");
	mapped(&h, 4, 4, at, NELEM(at));
	/* a BOM alone in front of user, lower case */
	map_ok(&h, "\xEF\xBB\xBFuser,arn");
	assert_int_equal(h.colidx[COL_USER], 0);
	/* the mark is skipped in the first field only */
	map_err(1, "user,\xEF\xBB\xBF" "arn", 1, "no 'arn' column");
	/* half a mark is no mark: the name is unknown */
	map_err(1, "\xEF\xBBuser,arn", 1, "no 'user' column");
}

static void
test_header_missing_user_or_arn_is_not_a_report(void **state)
{
	(void)state;
	map_err(1, "arn,mfa_active", 1,
	        "not a credential report: the first line is not a report header "
	        "(no 'user' column)");
	map_err(1, "user,mfa_active,access_key_1_active", 1, "(no 'arn' column)");
	/* the record's own line is the error's line */
	map_err(4, "name,arn", 1, "(no 'user' column)");
	/* a near miss is no column */
	map_err(1, "user ,arn", 1, "(no 'user' column)");
	map_err(1, "users,arn", 1, "(no 'user' column)");
}

static void
test_header_repeated_column_is_ambiguous(void **state)
{
	(void)state;
	map_err(1, "user,arn,mfa_active,Mfa_Active", 4,
	        "column 'mfa_active' appears twice in the header (fields 3 and 4)");
	map_err(2, "user,arn,x,USER", 4, "column 'user' appears twice in the header "
	        "(fields 1 and 4): the report is ambiguous");
	/* a byte order mark does not make a second user a new column */
	map_err(1, "\xEF\xBB\xBFuser,arn,user", 3, "column 'user' appears twice");
}

static void
test_header_unknown_columns_ignored(void **state)
{
	static const struct at at[] = {
		{ COL_USER, 1 }, { COL_ARN, 3 }, { COL_AK1_ACTIVE, 4 }, { COL_AK2_ACTIVE, 5 },
	};
	struct header h;
	struct rec x;
	struct row row;

	(void)state;
	map_ok(&h, "tags,user,notes,arn,access_key_1_active,access_key_2_active,x");
	mapped(&h, 7, 4, at, NELEM(at));
	/* a row is read through the mapping: unknown fields never land */
	row_from(&h, &row, &x, "r.csv", 7, "t,bob,n,arn:aws:iam::1:user/bob,true,false,zz");
	assert_string_equal(row.file, "r.csv");
	assert_int_equal(row.line, 7);
	assert_string_equal(row.f[COL_USER], "bob");
	assert_int_equal(row.n[COL_USER], 3);
	assert_string_equal(row.f[COL_ARN], "arn:aws:iam::1:user/bob");
	assert_string_equal(row.f[COL_AK1_ACTIVE], "true");
	assert_string_equal(row.f[COL_AK2_ACTIVE], "false");
	assert_int_equal(row.fieldno[COL_USER], 2);
	assert_int_equal(row.fieldno[COL_ARN], 4);
	assert_int_equal(row.fieldno[COL_AK2_ACTIVE], 6);
	/* absent columns stay absent */
	assert_null(row.f[COL_MFA_ACTIVE]);
	assert_int_equal(row.fieldno[COL_MFA_ACTIVE], 0);
	assert_int_equal(row_has(&row, COL_MFA_ACTIVE), 0);
	assert_int_equal(row_has(&row, COL_ARN), 1);
}

/*
 * The 22 columns in AWS's order (also with an extra field after them) are
 * filled as they come; in any other order through the mapping.  Either
 * way each column gets its own field: field i of the row below holds "c"
 * and the column's number.
 */
static void
test_header_row_fill_in_order_and_permuted(void **state)
{
	static const int extra[] = { 0, 1, 0, 0 };
	static const int reversed[] = { 0, 0, 1, 0 };
	static const int swapped[] = { 0, 0, 0, 1 };
	size_t k;

	(void)state;
	for (k = 0; k < 4; k++) {
		char hdr[1024] = "", line[512] = "";
		struct header h;
		struct rec x;
		struct row row;
		size_t i;

		for (i = 0; i < NCOLS; i++) {
			size_t c = reversed[k] ? NCOLS - 1 - i : i;

			if (swapped[k] && i < 2)
				c = 1 - i;
			snprintf(hdr + strlen(hdr), sizeof(hdr) - strlen(hdr), "%s%s",
			         i ? "," : "", col_name((enum col)c));
			snprintf(line + strlen(line), sizeof(line) - strlen(line), "%sc%zu",
			         i ? "," : "", c);
		}
		if (extra[k]) {
			strcat(hdr, ",tags");
			strcat(line, ",t");
		}
		map_ok(&h, hdr);
		assert_int_equal(h.in_order, k < 2);
		row_from(&h, &row, &x, "r.csv", 3, line);
		assert_int_equal(row.line, 3);
		for (i = 0; i < NCOLS; i++) {
			char want[8];

			snprintf(want, sizeof(want), "c%zu", i);
			assert_string_equal(row.f[i], want);
			assert_int_equal(row.n[i], strlen(want));
		}
	}
}

static void
test_header_row_fill_16_column_layout(void **state)
{
	struct header h;
	struct rec x;
	struct row row;

	(void)state;
	map_ok(&h, HDR16_F);
	row_from(&h, &row, &x, "old.csv", 2,
	         "bob,arn:aws:iam::1:user/bob,2013-01-15T12:00:00+00:00,true,"
	         "2014-05-30T07:00:00+00:00,2014-01-10T12:00:00+00:00,N/A,false,"
	         "true,2013-06-01T09:30:00+00:00,false,N/A,false,N/A,true,N/A");
	assert_string_equal(row.f[COL_AK1_ACTIVE], "true");
	assert_string_equal(row.f[COL_AK1_LAST_ROTATED], "2013-06-01T09:30:00+00:00");
	assert_int_equal(row.fieldno[COL_AK1_LAST_ROTATED], 10);
	assert_string_equal(row.f[COL_AK2_ACTIVE], "false");
	assert_int_equal(row.fieldno[COL_AK2_ACTIVE], 11);
	assert_string_equal(row.f[COL_CERT2_ACTIVE], "true");
	assert_null(row.f[COL_AK1_LAST_USED_DATE]);
	assert_null(row.f[COL_AK2_LAST_USED_SERVICE]);
	assert_string_equal(row_text(&row, COL_AK1_LAST_USED_DATE), "");
}

static void
test_header_core_columns_required(void **state)
{
	(void)state;
	assert_string_equal(core_check("user,arn,access_key_2_active", 3,
	                               "no 'access_key_1_active' column"),
	                    "the header has no 'access_key_1_active' column: the root "
	                    "user's access keys cannot be audited");
	core_check("user,arn,access_key_1_active,mfa_active", 1,
	           "no 'access_key_2_active' column");
	/* present: the rest of the header is not the core check's business */
	core_check("access_key_2_active,user,access_key_1_active,arn", 1, NULL);
}

/* HDR22_F without the columns named in drop (",name," each). */
static void
header_without(char *out, size_t size, const char *drop)
{
	char all[1024], *p, *save = NULL;

	snprintf(all, sizeof(all), "%s", HDR22_F);
	out[0] = '\0';
	for (p = strtok_r(all, ",", &save); p != NULL; p = strtok_r(NULL, ",", &save)) {
		char key[128];

		snprintf(key, sizeof(key), ",%s,", p);
		if (strstr(drop, key) != NULL)
			continue;
		if (out[0] != '\0')
			strncat(out, ",", size - strlen(out) - 1);
		strncat(out, p, size - strlen(out) - 1);
	}
}

static void
test_header_damaged_layout_names_each_missing_column(void **state)
{
	char hdr[1024];

	(void)state;
	/* a shared column and a last-used column lost from a current header */
	header_without(hdr, sizeof(hdr), ",mfa_active,access_key_2_last_used_region,");
	assert_string_equal(damaged(hdr, "no 'mfa_active' column"),
	        "the header has no 'mfa_active' column, which every AWS report "
	        "layout has; and it has no 'access_key_2_last_used_region' column, "
	        "which the current AWS report layout has along with the last-used "
	        "columns this header has: the header is damaged and the report "
	        "cannot be audited (with --rules naming only rules whose columns "
	        "are present, it is)");

	/* only last-used columns lost, every one named in column order */
	header_without(hdr, sizeof(hdr), ",access_key_2_last_used_date,"
	               "access_key_1_last_used_service,");
	assert_null(strstr(damaged(hdr, "the header has no "
	                           "'access_key_1_last_used_service' column, no "
	                           "'access_key_2_last_used_date' column, which the "
	                           "current AWS report layout has"),
	                   "every AWS report layout"));

	/* only shared columns lost */
	header_without(hdr, sizeof(hdr), ",cert_2_last_rotated,user_creation_time,");
	assert_null(strstr(damaged(hdr, "the header has no 'user_creation_time' column, "
	                           "no 'cert_2_last_rotated' column, which every AWS "
	                           "report layout has: the header is damaged"),
	                   "current AWS report layout"));
}

static void
test_header_16_fields_with_misspelt_name_is_damaged(void **state)
{
	struct header h;
	char hdr[1024];
	char *p;

	(void)state;
	snprintf(hdr, sizeof(hdr), "%s", HDR16_F);
	p = strstr(hdr, "password_last_used");
	assert_non_null(p);
	memcpy(p, "pasword_last_useed", 18);
	map_ok(&h, hdr);
	assert_int_equal(h.nfields, 16);
	damaged(hdr, "the header has no 'password_last_used' column, which every AWS "
	        "report layout has");
	/* one last-used column does not make the older layout current */
	snprintf(hdr, sizeof(hdr), "%s,access_key_1_last_used_date", HDR16_F);
	damaged(hdr, "no 'access_key_1_last_used_region' column, no "
	        "'access_key_1_last_used_service' column, no "
	        "'access_key_2_last_used_date' column, no "
	        "'access_key_2_last_used_region' column, no "
	        "'access_key_2_last_used_service' column, which the current");
}

static void
test_header_reason_absent_names_the_column(void **state)
{
	struct arena a = { NULL };
	const char *s;

	(void)state;
	s = header_reason_absent(COL_AK2_LAST_USED_DATE, &a);
	assert_non_null(s);
	assert_string_equal(s, "the report has no 'access_key_2_last_used_date' "
	                    "column (older report layout)");
	arena_free(&a);
}

/* Through the audit: the core column missing is an input error on the
 * header's line, even with --rules selecting a rule that does not read it. */
static void
test_header_core_column_missing_through_audit(void **state)
{
	static const char csv[] =
		"user,arn,mfa_active,access_key_1_active\n"
		"<root_account>," ROOT_ARN ",true,false\n";
	static const char bom[] =
		"\xEF\xBB\xBFUSER,ARN,MFA_ACTIVE,ACCESS_KEY_1_ACTIVE,ACCESS_KEY_2_ACTIVE\n"
		"<root_account>," ROOT_ARN ",true,false,false\n";
	struct credaudit_report *rep;

	(void)state;
	rep = audit_mem_rules("root-mfa", "t.csv", csv, strlen(csv));
	assert_input_error(rep, 1, 0, "the header has no 'access_key_2_active' column");
	credaudit_report_free(rep);
	/* BOM and upper case: the same header, audited */
	rep = audit_mem_rules("root-mfa", "t.csv", bom, strlen(bom));
	assert_null(credaudit_report_error(rep));
	assert_int_equal(credaudit_report_rows(rep), 1);
	credaudit_report_free(rep);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_maps_22_column_layout),
		cmocka_unit_test(test_header_maps_16_column_layout),
		cmocka_unit_test(test_header_any_letter_case_and_bom),
		cmocka_unit_test(test_header_missing_user_or_arn_is_not_a_report),
		cmocka_unit_test(test_header_repeated_column_is_ambiguous),
		cmocka_unit_test(test_header_unknown_columns_ignored),
		cmocka_unit_test(test_header_row_fill_16_column_layout),
		cmocka_unit_test(test_header_row_fill_in_order_and_permuted),
		cmocka_unit_test(test_header_core_columns_required),
		cmocka_unit_test(test_header_damaged_layout_names_each_missing_column),
		cmocka_unit_test(test_header_16_fields_with_misspelt_name_is_damaged),
		cmocka_unit_test(test_header_reason_absent_names_the_column),
		cmocka_unit_test(test_header_core_column_missing_through_audit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
