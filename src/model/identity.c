/*
 * identity.c - ARNs and names of report rows.
 */
#include <string.h>

#include "model/identity.h"

/*
 * Split arn:PARTITION:iam::ACCOUNT:RESOURCE.  Pointers into s; 0 or -1.
 */
static int
split_arn(const char *s, const char **part, size_t *npart,
          const char **acct, size_t *nacct, const char **res)
{
	const char *p, *q;

	if (strncmp(s, "arn:", 4) != 0)
		return -1;
	p = s + 4;
	if ((q = strchr(p, ':')) == NULL || q == p)
		return -1;
	*part = p;
	*npart = (size_t)(q - p);
	if (strncmp(q, ":iam::", 6) != 0)
		return -1;
	p = q + 6;
	if ((q = strchr(p, ':')) == NULL || q == p)
		return -1;
	*acct = p;
	*nacct = (size_t)(q - p);
	*res = q + 1;
	return 0;
}

/* A partition: [a-z][a-z0-9-]* (aws, aws-cn, aws-us-gov, aws-iso-b, ...). */
static int
valid_partition(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || s[0] < 'a' || s[0] > 'z')
		return 0;
	for (i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		      s[i] == '-'))
			return 0;
	return 1;
}

/*
 * Whether arn is "arn:PARTITION:iam::ACCOUNT:" of the first row followed
 * by a resource that agrees with the row being root or not: the common
 * case, decided by one comparison.  Anything else goes the long way.
 */
static int
same_account(const struct identity *id, const struct row *row)
{
	const char *arn = row->f[COL_ARN], *res;

	if (id->arn_prefix == NULL || row->n[COL_ARN] <= id->narn_prefix ||
	    memcmp(arn, id->arn_prefix, id->narn_prefix) != 0)
		return 0;
	res = arn + id->narn_prefix;   /* its length, not strcmp: a field holds no NUL */
	return (row->n[COL_ARN] - id->narn_prefix == 4 && memcmp(res, "root", 4) == 0) ==
	       (row->is_root != 0);
}

int
identity_check(struct identity *id, const struct row *row,
               struct arena *strings, struct credaudit_error *err)
{
	const char *file = row->file, *arn = row_text(row, COL_ARN);
	const char *part, *acct, *res;
	size_t np, na;
	unsigned long col = row->fieldno[COL_ARN];

	if (same_account(id, row))
		return 0;
	if (split_arn(arn, &part, &np, &acct, &na, &res) == -1)
		return seterr(err, CREDAUDIT_ERR_INPUT, file, row->line, col,
		              "arn is not an IAM ARN (arn:PARTITION:iam::ACCOUNT:...): "
		              "the row cannot be attributed to an account");
	if (!valid_partition(part, np))
		return seterr(err, CREDAUDIT_ERR_INPUT, file, row->line, col,
		              "arn's partition is not [a-z][a-z0-9-]* (aws, aws-cn, "
		              "aws-us-gov, ...): the row cannot be attributed to an account");
	if (!account_valid(acct, na))
		return seterr(err, CREDAUDIT_ERR_INPUT, file, row->line, col,
		              "arn's account is not an account id (1 to 64 letters, "
		              "digits, '.', '_', '-'; AWS writes 12 digits): the row "
		              "cannot be attributed to an account");
	if (row->is_root && strcmp(res, "root") != 0)
		return seterr(err, CREDAUDIT_ERR_INPUT, file, row->line, col,
		              "the <root_account> row's arn does not end in ':root': the "
		              "root user cannot be identified, the report cannot be audited");
	if (!row->is_root && strcmp(res, "root") == 0)
		return seterr(err, CREDAUDIT_ERR_INPUT, file, row->line, col,
		              "a row that is not <root_account> carries the root user's "
		              "arn: the report is inconsistent and cannot be audited");
	if (id->account == NULL) {
		id->partition = arena_strndup(strings, part, np);
		id->account = arena_strndup(strings, acct, na);
		id->narn_prefix = (size_t)(res - arn);
		id->arn_prefix = arena_strndup(strings, arn, id->narn_prefix);
		if (id->partition == NULL || id->account == NULL || id->arn_prefix == NULL)
			return seterr_nomem(err, file);
		id->first_line = row->line;
	} else if (strlen(id->account) != na || memcmp(id->account, acct, na) != 0 ||
	           strlen(id->partition) != np || memcmp(id->partition, part, np) != 0) {
		return seterr(err, CREDAUDIT_ERR_INPUT, file, row->line, col,
		              "arn names another account than line %lu: one report covers "
		              "one account, this file mixes several", id->first_line);
	}
	return 0;
}

/* IAM's own limits (AWS documents them for CreateUser and ARNs): a longer
 * value is no report AWS wrote.  They also bound what findings hold. */
#define MAX_USER_CHARS 64
#define MAX_PATH_CHARS 512
#define MAX_ARN_CHARS 2048

/* UTF-8 characters of s[0..n): bytes that do not continue one.  The
 * count is only compared with limit (and shown when over it): n bytes are
 * never more than n characters, so a text of at most limit bytes is not
 * counted and n stands for it. */
static size_t
char_count(const char *s, size_t n, size_t limit)
{
	size_t i, k = 0;

	if (n <= limit)
		return n;
	for (i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

/* The path inside an ARN runs from its first '/' to its last. */
int
identity_check_lengths(const struct row *row, struct credaudit_error *err)
{
	const char *file = row->file, *arn = row->f[COL_ARN];
	const char *first = memchr(arn, '/', row->n[COL_ARN]), *last = NULL;
	size_t nuser = char_count(row->f[COL_USER], row->n[COL_USER],
	                          MAX_USER_CHARS);
	size_t narn = char_count(arn, row->n[COL_ARN], MAX_ARN_CHARS);
	size_t npath = 0, nname = 0;

	if (first != NULL) {
		for (last = arn + row->n[COL_ARN] - 1; *last != '/'; last--)
			;
		npath = char_count(first, (size_t)(last - first) + 1,
		                   MAX_PATH_CHARS);
		nname = char_count(last + 1, row->n[COL_ARN] - (size_t)(last - arn) - 1,
		                   MAX_USER_CHARS);
	}
	if (nuser > MAX_USER_CHARS)
		return seterr(err, CREDAUDIT_ERR_INPUT, file, row->line,
		              row->fieldno[COL_USER], "user name is %zu characters "
		              "long: IAM limits user names to %d, the report is "
		              "malformed", nuser, MAX_USER_CHARS);
	if (narn > MAX_ARN_CHARS)
		return seterr(err, CREDAUDIT_ERR_INPUT, file, row->line,
		              row->fieldno[COL_ARN], "arn is %zu characters long: AWS "
		              "limits ARNs to %d, the report is malformed", narn,
		              MAX_ARN_CHARS);
	if (npath > MAX_PATH_CHARS)
		return seterr(err, CREDAUDIT_ERR_INPUT, file, row->line,
		              row->fieldno[COL_ARN], "arn's path is %zu characters "
		              "long: IAM limits paths to %d, the report is malformed",
		              npath, MAX_PATH_CHARS);
	if (nname > MAX_USER_CHARS)
		return seterr(err, CREDAUDIT_ERR_INPUT, file, row->line,
		              row->fieldno[COL_ARN], "arn's user name is %zu characters "
		              "long: IAM limits user names to %d, the report is "
		              "malformed", nname, MAX_USER_CHARS);
	return 0;
}
