/*
 * rules.c - the rule table: for each rule its id, title, severity, the
 * framework references it maps to, what an auditor needs to act on it
 * (risk, remediation, verification), its parameters and the columns it
 * reads.  The checks are in checks.c.  docs/rules.md describes every row;
 * test/rules.sh fails when the two disagree.
 *
 * References were checked against the benchmark or vendor text (see
 * docs/rules.md, "Sources"); a reference that could not be checked is left
 * out rather than guessed.
 */
#include <string.h>

#include "rules/rules.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
/* An audit keeps MAX_PARAMS values per rule: a parameter array fits. */
#define FITS(params) \
	_Static_assert(N(params) <= MAX_PARAMS, #params " has more than MAX_PARAMS")

#define CIS120 "CIS AWS Foundations Benchmark 1.2.0"
#define CIS140 "CIS AWS Foundations Benchmark 1.4.0"
#define CIS150 "CIS AWS Foundations Benchmark 1.5.0"
#define CIS200 "CIS AWS Foundations Benchmark 2.0.0"
#define CIS300 "CIS AWS Foundations Benchmark 3.0.0"
#define CIS400 "CIS AWS Foundations Benchmark 4.0.0"
#define CIS500 "CIS AWS Foundations Benchmark 5.0.0"
#define SECHUB "AWS Security Hub"
#define CONFIG "AWS Config managed rule"
#define PCI321 "PCI DSS 3.2.1"
#define PCI401 "PCI DSS 4.0.1"

/* A clause that kept its number from 1.4.0 to 4.0.0 (5.0.0 renumbered). */
#define CIS14_40(id) { CIS140, id }, { CIS150, id }, { CIS200, id }, \
	{ CIS300, id }, { CIS400, id }

#define KEYS (COLBIT(COL_AK1_ACTIVE) | COLBIT(COL_AK2_ACTIVE))
#define ROTATED (COLBIT(COL_AK1_LAST_ROTATED) | COLBIT(COL_AK2_LAST_ROTATED))
#define USED (COLBIT(COL_AK1_LAST_USED_DATE) | COLBIT(COL_AK2_LAST_USED_DATE))

/* ---- root-access-key ---- */

static const struct credaudit_ref refs_root_access_key[] = {
	{ CIS120, "1.12" }, CIS14_40("1.4"), { CIS500, "1.3" },
	{ SECHUB, "IAM.4" }, { CONFIG, "iam-root-access-key-check" },
	{ PCI321, "2.1, 2.2, 7.2.1" },
};

static const char *const fix_root_access_key[] = {
	"Find what uses the key: the report's access_key_N_last_used_date, "
	"_region and _service, and CloudTrail events with userIdentity.type Root "
	"and the key id.",
	"Move that work to an IAM role (or an IAM user with least privilege) and "
	"its own credentials.",
	"Console: sign in as the root user, open Security credentials, Access "
	"keys, choose Deactivate, then Delete.",
	"CLI (signed with the root key itself, the only way for the root user): "
	"aws iam update-access-key --access-key-id KEY --status Inactive, then "
	"aws iam delete-access-key --access-key-id KEY.",
};

/* ---- root-access-key-inactive ---- */

static const struct credaudit_ref refs_root_access_key_inactive[] = {
	{ CIS120, "1.12" }, CIS14_40("1.4"), { CIS500, "1.3" },
	{ SECHUB, "IAM.4" }, { CONFIG, "iam-root-access-key-check" },
};

static const char *const fix_root_access_key_inactive[] = {
	"Confirm nothing still needs the key (it is inactive, so nothing can use "
	"it now).",
	"Console: sign in as the root user, open Security credentials, Access "
	"keys, and choose Delete for the inactive key.",
	"CLI: deleting a root key needs root credentials; use the console.",
};

/* ---- root-mfa ---- */

static const struct credaudit_ref refs_root_mfa[] = {
	{ CIS120, "1.13" }, CIS14_40("1.5"), { CIS500, "1.4" },
	{ SECHUB, "IAM.9" }, { CONFIG, "root-account-mfa-enabled" },
	{ PCI321, "8.3.1" }, { PCI401, "8.4.2" },
};

static const char *const fix_root_mfa[] = {
	"Console: sign in as the root user, open Security credentials, "
	"Multi-factor authentication (MFA), choose Assign MFA device and follow "
	"the steps (a hardware key or a dedicated, non-personal device).",
	"Store the device and the recovery procedure where more than one "
	"authorised person can reach them.",
	"CLI: the root user's MFA cannot be assigned with IAM user credentials; "
	"use the console.",
};

/* ---- root-recent-use ---- */

static const struct credaudit_ref refs_root_recent_use[] = {
	{ CIS120, "1.1" }, CIS14_40("1.7"), { CIS500, "1.6" },
	{ SECHUB, "IAM.20" },
};

static const char *const fix_root_recent_use[] = {
	"Find out who used the root user and why: CloudTrail events with "
	"userIdentity.type Root around the reported date.",
	"If the task does not require root credentials, create an IAM role or "
	"IAM Identity Center permission set for it and use that instead.",
	"Keep the root user for the tasks only it can do; alert on its use "
	"(an EventBridge rule or CloudWatch alarm on root sign-in and API calls).",
};

static const struct credaudit_param_info params_days90[] = {
	{ "days", 90, 1, 36500, "a use at most this many days before the as-of "
	  "time fails (exactly N days fails)" },
};
FITS(params_days90);

/* ---- root-signing-certificate ---- */

static const char *const fix_root_signing_certificate[] = {
	"Find what signs requests with the certificate (SOAP/legacy tools).",
	"Console: sign in as the root user, open Security credentials, X.509 "
	"certificates, choose Make inactive, then Delete.",
	"CLI: aws iam update-signing-certificate / delete-signing-certificate "
	"need root credentials for the root user's certificates; use the console.",
};

/* ---- user-console-without-mfa ---- */

static const struct credaudit_ref refs_user_console_without_mfa[] = {
	{ CIS120, "1.2" }, CIS14_40("1.10"), { CIS500, "1.9" },
	{ SECHUB, "IAM.5" }, { CONFIG, "mfa-enabled-for-iam-console-access" },
	{ PCI401, "8.4.2" },
};

static const char *const fix_user_console_without_mfa[] = {
	"If the user does not need the console, remove the password: console, "
	"Users, USER, Security credentials, Manage console access, Disable; or "
	"aws iam delete-login-profile --user-name USER.",
	"Otherwise have the user assign an MFA device: console, Users, USER, "
	"Security credentials, Assign MFA device; or aws iam "
	"create-virtual-mfa-device and aws iam enable-mfa-device --user-name USER "
	"--serial-number ARN --authentication-code1 C1 --authentication-code2 C2.",
	"Prefer federation (IAM Identity Center) over IAM users with passwords.",
};

/* ---- access-key-not-rotated ---- */

static const struct credaudit_ref refs_access_key_not_rotated[] = {
	{ CIS120, "1.4" }, CIS14_40("1.14"), { CIS500, "1.13" },
	{ SECHUB, "IAM.3" }, { CONFIG, "access-keys-rotated" },
	{ PCI401, "8.3.9, 8.6.3" },
};

static const char *const fix_access_key_not_rotated[] = {
	"Create a second key: console, Users, USER, Security credentials, Create "
	"access key; or aws iam create-access-key --user-name USER.",
	"Move every application that uses the old key to the new one.",
	"Deactivate the old key and watch for failures: aws iam update-access-key "
	"--user-name USER --access-key-id OLD --status Inactive.",
	"Delete it: aws iam delete-access-key --user-name USER --access-key-id OLD.",
	"Better: replace long-lived keys by IAM roles and temporary credentials.",
};

static const struct credaudit_param_info params_not_rotated[] = {
	{ "days", 90, 1, 36500, "an active key created or rotated more than this "
	  "many days before the as-of time fails (exactly N days passes)" },
};
FITS(params_not_rotated);

/* ---- credentials-unused ---- */

static const struct credaudit_ref refs_credentials_unused[] = {
	{ CIS120, "1.3" }, CIS14_40("1.12"), { CIS500, "1.11" },
	{ SECHUB, "IAM.8" }, { SECHUB, "IAM.22" },
	{ CONFIG, "iam-user-unused-credentials-check" },
	{ PCI321, "8.1.4" }, { PCI401, "8.2.6" },
};

static const char *const fix_credentials_unused[] = {
	"Confirm with the owner that the credential is not needed.",
	"Unused password: console, Users, USER, Security credentials, Manage "
	"console access, Disable; or aws iam delete-login-profile --user-name USER.",
	"Unused key: aws iam update-access-key --user-name USER --access-key-id KEY "
	"--status Inactive, then aws iam delete-access-key --user-name USER "
	"--access-key-id KEY.",
	"Remove users left with no credential at all.",
};

static const struct credaudit_param_info params_unused[] = {
	{ "days", 45, 1, 36500, "a password or active key unused for more than "
	  "this many days before the as-of time fails (exactly N days passes); "
	  "never used counts from creation" },
};
FITS(params_unused);

/* ---- two-active-keys ---- */

static const struct credaudit_ref refs_two_active_keys[] = {
	CIS14_40("1.13"), { CIS500, "1.12" },
};

static const char *const fix_two_active_keys[] = {
	"Find which key is in use: access_key_N_last_used_date in the report, or "
	"aws iam get-access-key-last-used --access-key-id KEY.",
	"Move every application to one key.",
	"Deactivate, then delete the other: aws iam update-access-key --user-name "
	"USER --access-key-id KEY --status Inactive; aws iam delete-access-key "
	"--user-name USER --access-key-id KEY.",
};

/* ---- access-key-at-setup ---- */

static const struct credaudit_ref refs_access_key_at_setup[] = {
	{ CIS120, "1.21" }, CIS14_40("1.11"), { CIS500, "1.10" },
};

static const char *const fix_access_key_at_setup[] = {
	"Confirm the user (a person with a console password) has no need for "
	"programmatic access.",
	"Delete the unused key: console, Users, USER, Security credentials, "
	"Access keys, Delete; or aws iam delete-access-key --user-name USER "
	"--access-key-id KEY.",
	"Create users without keys; create a key later, only when needed.",
};

static const struct credaudit_param_info params_at_setup[] = {
	{ "seconds", 10, 0, 86400, "a never-used active key of a console user "
	  "created at most this many seconds after the user fails" },
};
FITS(params_at_setup);

/* A rule's parameters (an array that FITS) or none: array and length. */
#define PARAMS(p) p, N(p)
#define NO_PARAMS NULL, 0

#define INFO(id, title, sev, refs, risk, fix, verify, params, limits) \
	{ id, title, sev, refs, N(refs), risk, fix, N(fix), verify, params, limits }
/* A rule without a reference that could be verified. */
#define INFO_NOREFS(id, title, sev, risk, fix, verify, limits) \
	{ id, title, sev, NULL, 0, risk, fix, N(fix), verify, NULL, 0, limits }

static const struct rule table[] = {
	{ INFO("root-access-key", "The root user has no active access key",
	       CREDAUDIT_SEV_CRITICAL, refs_root_access_key,
	       "A root access key gives unrestricted, long-lived programmatic "
	       "access to the whole account; it cannot be limited by IAM policies "
	       "or permission boundaries, and a leaked key is a full account "
	       "compromise.",
	       fix_root_access_key,
	       "Generate a new credential report: access_key_1_active and "
	       "access_key_2_active of <root_account> are false; then "
	       "credaudit --rules root-access-key report.csv passes.",
	       NO_PARAMS, NULL),
	  COLBIT(COL_USER) | COLBIT(COL_ARN) | KEYS,
	  SCOPE_ROOT, 0, check_root_access_key },
	{ INFO("root-access-key-inactive", "The root user has no inactive access key",
	       CREDAUDIT_SEV_HIGH, refs_root_access_key_inactive,
	       "An inactive root key can be re-activated by anyone who signs in as "
	       "root; it still counts as a root key for AWS Config's "
	       "iam-root-access-key-check and Security Hub IAM.4, while the "
	       "report-based CIS audit looks at active keys only.",
	       fix_root_access_key_inactive,
	       "In a new report, each root key slot with access_key_N_active=false "
	       "has access_key_N_last_rotated=N/A.",
	       NO_PARAMS,
	       "The report keeps the creation date of a deleted key slot as N/A; a "
	       "dated inactive slot is taken to be an existing key."),
	  KEYS | ROTATED, SCOPE_ROOT, 0, check_root_access_key_inactive },
	{ INFO("root-mfa", "The root user has MFA", CREDAUDIT_SEV_CRITICAL,
	       refs_root_mfa,
	       "Without MFA, the root password alone (phished, reused, or reset "
	       "through the account e-mail) gives full control of the account.",
	       fix_root_mfa,
	       "In a new report, mfa_active of <root_account> is true.",
	       NO_PARAMS,
	       "The report says whether MFA is active, not which kind: hardware "
	       "MFA for root (CIS 1.14 in 1.2.0, 1.6 in 1.4.0-4.0.0, 1.5 in 5.0.0; "
	       "Security Hub IAM.6) "
	       "cannot be judged from it."),
	  COLBIT(COL_MFA_ACTIVE), SCOPE_ROOT, 0, check_root_mfa },
	{ INFO("root-recent-use", "The root user was not used recently",
	       CREDAUDIT_SEV_HIGH, refs_root_recent_use,
	       "Everyday use of the root user exposes the one credential that "
	       "cannot be restricted, and leaves actions that are hard to "
	       "attribute to a person.",
	       fix_root_recent_use,
	       "In a report generated after the change window, "
	       "password_last_used and access_key_N_last_used_date of "
	       "<root_account> are older than the threshold.",
	       PARAMS(params_days90),
	       "Uses by other means (e.g. root sign-in that fails, or actions seen "
	       "only in CloudTrail) are not in the report."),
	  COLBIT(COL_PASSWORD_LAST_USED) | USED, SCOPE_ROOT, AGE,
	  check_root_recent_use },
	{ INFO_NOREFS("root-signing-certificate",
	       "The root user has no active X.509 signing certificate",
	       CREDAUDIT_SEV_HIGH,
	       "A signing certificate is a long-lived root credential, like a root "
	       "access key, usable by legacy tools to sign requests.",
	       fix_root_signing_certificate,
	       "In a new report, cert_1_active and cert_2_active of <root_account> "
	       "are false.",
	       "No CIS clause, Security Hub control, AWS Config managed rule or "
	       "PCI DSS requirement naming root signing certificates was found."),
	  COLBIT(COL_CERT1_ACTIVE) | COLBIT(COL_CERT2_ACTIVE), SCOPE_ROOT, 0,
	  check_root_signing_certificate },
	{ INFO("user-console-without-mfa",
	       "Every IAM user with a console password has MFA",
	       CREDAUDIT_SEV_HIGH, refs_user_console_without_mfa,
	       "A console password without MFA falls to phishing, reuse or "
	       "guessing; the user's permissions are then the attacker's.",
	       fix_user_console_without_mfa,
	       "In a new report, no user row has password_enabled=true with "
	       "mfa_active=false.",
	       NO_PARAMS,
	       "The report does not say whether a policy denies actions without "
	       "MFA."),
	  COLBIT(COL_PASSWORD_ENABLED) | COLBIT(COL_MFA_ACTIVE), SCOPE_USERS, 0,
	  check_user_console_without_mfa },
	{ INFO("access-key-not-rotated",
	       "Active access keys of IAM users were rotated in time",
	       CREDAUDIT_SEV_MEDIUM, refs_access_key_not_rotated,
	       "The older a key, the more places it may have leaked to (laptops, "
	       "CI logs, repositories); rotation bounds the window in which a "
	       "leaked key works.",
	       fix_access_key_not_rotated,
	       "In a new report, every active key's access_key_N_last_rotated is "
	       "within the threshold of the report's time.",
	       PARAMS(params_not_rotated), NULL),
	  KEYS | ROTATED, SCOPE_USERS, AGE_GROWS, check_access_key_not_rotated },
	{ INFO("credentials-unused", "IAM user credentials are in use",
	       CREDAUDIT_SEV_MEDIUM, refs_credentials_unused,
	       "A password or key nobody uses is nobody's to notice when it is "
	       "used by someone else.",
	       fix_credentials_unused,
	       "In a new report, every enabled password and active key was used "
	       "within the threshold of the report's time.",
	       PARAMS(params_unused),
	       "password_last_used of no_information means no use since AWS began "
	       "recording it (October 2014): counted from creation, like never."),
	  COLBIT(COL_USER_CREATION_TIME) | COLBIT(COL_PASSWORD_ENABLED) |
	      COLBIT(COL_PASSWORD_LAST_USED) | COLBIT(COL_PASSWORD_LAST_CHANGED) |
	      KEYS | ROTATED | USED,
	  SCOPE_USERS, AGE_GROWS, check_credentials_unused },
	{ INFO("two-active-keys", "No IAM user has two active access keys",
	       CREDAUDIT_SEV_MEDIUM, refs_two_active_keys,
	       "Two active keys double what can leak and usually mean a rotation "
	       "that was never finished.",
	       fix_two_active_keys,
	       "In a new report, no user row has both access_key_1_active and "
	       "access_key_2_active true.",
	       NO_PARAMS, NULL),
	  KEYS, SCOPE_USERS, 0, check_two_active_keys },
	{ INFO("access-key-at-setup",
	       "No console user got an access key at initial setup",
	       CREDAUDIT_SEV_LOW, refs_access_key_at_setup,
	       "Keys created with the user out of habit are credentials nobody "
	       "asked for, unused and unwatched.",
	       fix_access_key_at_setup,
	       "In a new report, no console user has an active, never-used key "
	       "created within the window of the user's creation.",
	       PARAMS(params_at_setup),
	       "The report cannot tell a key created by the console's setup "
	       "wizard from one created by hand a few seconds later."),
	  COLBIT(COL_USER_CREATION_TIME) | COLBIT(COL_PASSWORD_ENABLED) | KEYS |
	      ROTATED | USED,
	  SCOPE_USERS, 0, check_access_key_at_setup },
};

/* An audit selects rules into arrays of MAX_RULES, indexed by table
 * position. */
_Static_assert(N(table) <= MAX_RULES, "more rules in the table than MAX_RULES");

/* ---- benchmarks ---- */

static const struct benchmark_param bp_cis12[] = {
	{ "credentials-unused", "days", 90 },
	{ "access-key-not-rotated", "days", 90 },
};

static const struct benchmark_param bp_cis14[] = {
	{ "credentials-unused", "days", 45 },
	{ "access-key-not-rotated", "days", 90 },
};

static const struct benchmark benchmarks[] = {
	{ "cis-1.2", CIS120, bp_cis12, N(bp_cis12) },
	{ "cis-1.4", CIS140, bp_cis14, N(bp_cis14) },
	{ "cis-1.5", CIS150, bp_cis14, N(bp_cis14) },
	{ "cis-2.0", CIS200, bp_cis14, N(bp_cis14) },
	{ "cis-3.0", CIS300, bp_cis14, N(bp_cis14) },
	{ "cis-4.0", CIS400, bp_cis14, N(bp_cis14) },
	{ "cis-5.0", CIS500, bp_cis14, N(bp_cis14) },
};

const struct benchmark *
benchmark_find(const char *name)
{
	size_t i;

	for (i = 0; i < N(benchmarks); i++)
		if (strcmp(benchmarks[i].name, name) == 0)
			return &benchmarks[i];
	return NULL;
}

size_t
credaudit_benchmark_count(void)
{
	return N(benchmarks);
}

const char *
credaudit_benchmark_name(size_t i)
{
	return i < N(benchmarks) ? benchmarks[i].name : NULL;
}

const char *
credaudit_benchmark_framework(size_t i)
{
	return i < N(benchmarks) ? benchmarks[i].framework : NULL;
}

/* ---- lookups ---- */

size_t
rules_count(void)
{
	return N(table);
}

const struct rule *
rules_get(size_t i)
{
	return i < rules_count() ? &table[i] : NULL;
}

const struct rule *
rules_find(const char *id, size_t n)
{
	size_t i;

	for (i = 0; i < rules_count(); i++)
		if (strlen(table[i].info.id) == n && memcmp(table[i].info.id, id, n) == 0)
			return &table[i];
	return NULL;
}

size_t
credaudit_rule_count(void)
{
	return rules_count();
}

const struct credaudit_rule_info *
credaudit_rule_get(size_t i)
{
	return i < rules_count() ? &table[i].info : NULL;
}

const struct credaudit_rule_info *
credaudit_rule_find(const char *id)
{
	const struct rule *r = rules_find(id, strlen(id));

	return r ? &r->info : NULL;
}

/* The table row of a rule's public description, or NULL. */
static const struct rule *
row_of(const struct credaudit_rule_info *info)
{
	size_t i;

	for (i = 0; info != NULL && i < rules_count(); i++)
		if (&table[i].info == info)
			return &table[i];
	return NULL;
}

const char *
credaudit_rule_scope(const struct credaudit_rule_info *info)
{
	static const char *const names[] = { "root", "users", "all" };
	const struct rule *r = row_of(info);

	return r != NULL && (unsigned)r->scope < N(names) ? names[r->scope] : NULL;
}

const char *
credaudit_rule_column(const struct credaudit_rule_info *info, size_t i)
{
	const struct rule *r = row_of(info);
	unsigned c;

	for (c = 0; r != NULL && c < NCOLS; c++)
		if ((r->needs & COLBIT(c)) && i-- == 0)
			return col_name((enum col)c);
	return NULL;
}

int
credaudit_rule_needs_as_of(const struct credaudit_rule_info *info)
{
	const struct rule *r = row_of(info);

	return r != NULL && r->needs_as_of != 0;
}

const char *
credaudit_severity_name(enum credaudit_severity sev)
{
	static const char *const names[] = { "info", "low", "medium", "high", "critical" };

	return (unsigned)sev < 5 ? names[sev] : "unknown";
}

int
credaudit_severity_parse(const char *s, enum credaudit_severity *sev)
{
	int i;

	for (i = 0; i < 5; i++)
		if (strcmp(s, credaudit_severity_name((enum credaudit_severity)i)) == 0) {
			*sev = (enum credaudit_severity)i;
			return 0;
		}
	return -1;
}
