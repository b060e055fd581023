/*
 * credaudit.h - audit AWS IAM credential reports offline.
 *
 * The one public header of libcredaudit.  The data flows one way:
 *
 *   bytes -> decode container -> parse CSV into typed rows -> evaluate rules
 *         -> findings -> render
 *
 * Ownership: every object returned by a *_new or *_read function belongs to
 * the caller and is released with the matching *_free, which accepts NULL.
 * Pointers returned by accessors are owned by the object they came from and
 * stay valid until that object is freed.
 *
 * Errors: functions that can fail take a caller-owned struct credaudit_error
 * (NULL allowed).  On failure they return NULL or -1 and fill it; its code is
 * also the exit status the credaudit(1) tool uses for that kind of failure.
 *
 * The library is reentrant: no mutable globals, it never prints and never
 * exits.  It contains no network code.
 */
#ifndef CREDAUDIT_H
#define CREDAUDIT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Every declaration below is exported from libcredaudit.so, which is built
 * with -fvisibility=hidden: only the names of this header are visible.
 */
#if defined(__GNUC__) || defined(__clang__)
#pragma GCC visibility push(default)
#endif

/* The version of this header, MAJOR.MINOR.PATCH; the shared library's
 * soname changes with MAJOR (libcredaudit.so.0). */
#define CREDAUDIT_VERSION "0.1.0"
#define CREDAUDIT_VERSION_MAJOR 0
#define CREDAUDIT_VERSION_MINOR 1
#define CREDAUDIT_VERSION_PATCH 0

/* The version of the library linked in, "MAJOR.MINOR.PATCH" (static
 * storage): with a shared library, it can differ from CREDAUDIT_VERSION,
 * the version of the header a program was compiled with. */
const char *credaudit_version(void);

/* Error codes double as credaudit(1) exit statuses. */
enum credaudit_code {
	CREDAUDIT_OK = 0,
	CREDAUDIT_ERR_USAGE = 2,    /* bad option, rule id, parameter */
	CREDAUDIT_ERR_INPUT = 3,    /* an input could not be fully audited */
	CREDAUDIT_ERR_INTERNAL = 4  /* out of memory, output write failure */
};

/*
 * A filled error.  line is the 1-based physical line, column the 1-based
 * CSV field number; either is 0 when it does not apply.  They count in the
 * file itself when where is "", else in what where names, e.g. "Content
 * (base64 CSV)" (the CSV inside a JSON wrapper), "decompressed CSV",
 * "base64-decoded CSV" (docs/containers.md).  The first error wins.
 */
struct credaudit_error {
	int code;            /* enum credaudit_code, 0 when no error */
	char file[1024];     /* input name as given ("-" is standard input) */
	unsigned long line;
	unsigned long column;
	char text[1024];     /* what is wrong and what it means for the audit */
	char where[64];      /* what line and column count in; "" the file */
};

enum credaudit_severity {
	CREDAUDIT_SEV_INFO = 0,
	CREDAUDIT_SEV_LOW,
	CREDAUDIT_SEV_MEDIUM,
	CREDAUDIT_SEV_HIGH,
	CREDAUDIT_SEV_CRITICAL
};

/* "info", "low", "medium", "high", "critical". */
const char *credaudit_severity_name(enum credaudit_severity sev);

/*
 * The moment age-based rules are judged at ("as of"), and where it came
 * from, in order of precedence.  The machine's clock is the as-of moment only
 * when asked; otherwise it only bounds the timestamps of a report (see
 * credaudit_opts.as_of).
 */
enum credaudit_asof_source {
	CREDAUDIT_ASOF_NONE = 0,       /* unknown: age rules are not evaluated */
	CREDAUDIT_ASOF_OPTION,         /* given as a time (--as-of TIME) */
	CREDAUDIT_ASOF_CLOCK,          /* the clock, when asked (--as-of now) */
	CREDAUDIT_ASOF_GENERATED,      /* GeneratedTime of an AWS CLI JSON wrapper */
	CREDAUDIT_ASOF_REPORT_LATEST,  /* latest timestamp in the report: a lower
	                                  bound of when it was generated */
	CREDAUDIT_ASOF_MANIFEST        /* the input's as_of in the evidence
	                                  register (credaudit_opts.manifest) */
};

/* "none", "option", "clock", "generated_time", "report_latest_timestamp",
 * "manifest". */
const char *credaudit_asof_source_name(enum credaudit_asof_source src);

/*
 * Parse an ISO 8601 UTC time: "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SSZ" or with
 * a "+HH:MM"/"-HH:MM" offset.  Seconds since the epoch into *t; 0 or -1.
 * Second 60 is refused, and so is a moment outside the years 0001-9999
 * (UTC, once the offset is applied).
 */
int credaudit_time_parse(const char *s, int64_t *t);

/* Format t as "YYYY-MM-DDTHH:MM:SSZ" into buf (at least 32 bytes). */
void credaudit_time_format(int64_t t, char *buf, size_t size);

/*
 * Options for an audit.  A zeroed struct means the defaults.
 */
struct credaudit_opts {
	/* Comma-separated rule ids to evaluate; NULL means all rules, ""
	 * (selecting none) is a usage error.
	 * A rule named here whose columns are missing from a report makes
	 * that report an input error; with the default selection such a
	 * rule is reported as not evaluated instead. */
	const char *rules;
	/* Largest CSV field in bytes; 0 means 65536. */
	size_t max_field;
	/* The as-of moment when as_of_source is OPTION or CLOCK; with NONE
	 * each report's own time is used (GeneratedTime, else its latest
	 * timestamp).  A report holding a timestamp later than its as-of
	 * moment is an input error; with none stated, so is one later than
	 * the clock, read once by credaudit_audit_new for that check only. */
	int64_t as_of;
	enum credaudit_asof_source as_of_source;
	/* Largest number of bytes gzip data may decompress to, and largest
	 * JSON wrapper document; more is an input error (a gzip bomb).
	 * 0 means 1 GiB. */
	uint64_t max_decompressed;
	/* Rule parameters "RULE.NAME=VALUE" (e.g. "credentials-unused.days=90"),
	 * params[nparams]; applied after the benchmark's.  A bad one gives
	 * CREDAUDIT_ERR_USAGE. */
	const char *const *params;
	size_t nparams;
	/* Benchmark whose thresholds and clause numbers apply ("cis-1.4", see
	 * credaudit_benchmark_name); NULL or "" means none (the defaults). */
	const char *benchmark;
	/* Path of a waiver file (docs/waivers.md); NULL means none.  A file
	 * that cannot be read or holds a bad entry gives CREDAUDIT_ERR_USAGE. */
	const char *waivers;
	/* Largest input in bytes as read (before any decompression); more is
	 * an input error.  0 means 256 MiB. */
	uint64_t max_input;
	/* Most data rows (root and users) in one report; more is an input
	 * error.  0 means 10000, twice the 5000 users IAM allows an
	 * account (a larger report is forged). */
	unsigned long max_rows;
	/* The least severity a finding needs to count against the audit
	 * (--fail-on): "info", "low", "medium", "high" or "critical"; NULL
	 * means "low".  A finding counts when it is at least this severe and
	 * not under an applied waiver; the verdicts and the exit status
	 * follow (credaudit_report_verdict).  Another word gives
	 * CREDAUDIT_ERR_USAGE. */
	const char *fail_on;
	/*
	 * Path of an evidence register (--manifest, docs/archive.md): CSV with
	 * the header path,as_of[,sha256].  A listed input is judged as of its
	 * as_of (source CREDAUDIT_ASOF_MANIFEST, an exact moment, ahead of
	 * as_of above) and its bytes must have that SHA-256; paths are
	 * relative to the register's folder and name the same file as an input
	 * when both are the same file (device and inode).  NULL means none.  A
	 * file that cannot be read or is malformed gives CREDAUDIT_ERR_USAGE
	 * naming its line and column.
	 */
	const char *manifest;
	/*
	 * Path of an earlier JSON output (-f json, schema_version 2) to compare
	 * findings with (--baseline): each finding is new or unchanged
	 * (matched by account, rule, user and credential), and only new ones
	 * count against the audit.  NULL means none.  A file that cannot be
	 * read or is not such an output gives CREDAUDIT_ERR_USAGE.
	 */
	const char *baseline;
};

/* Benchmarks --benchmark accepts: count, i-th short name ("cis-1.4") and
 * the framework name its clauses are listed under in rule references. */
size_t credaudit_benchmark_count(void);
const char *credaudit_benchmark_name(size_t i);
const char *credaudit_benchmark_framework(size_t i);

/* Parse "info".."critical" into *sev; 0 or -1. */
int credaudit_severity_parse(const char *s, enum credaudit_severity *sev);

/* One framework reference of a rule, e.g. {"CIS AWS Foundations 1.4.0", "1.4"}. */
struct credaudit_ref {
	const char *framework;
	const char *id;
};

/* A threshold of a rule, set with "RULE.NAME=VALUE". */
struct credaudit_param_info {
	const char *name;        /* e.g. "days" */
	int64_t def;             /* default without a benchmark */
	int64_t min, max;        /* accepted range */
	const char *meaning;
};

/* A rule of the rule table, as shown by --list-rules and explain. */
struct credaudit_rule_info {
	const char *id;
	const char *title;
	enum credaudit_severity severity;
	const struct credaudit_ref *refs; /* refs[nrefs] */
	size_t nrefs;
	const char *risk;                 /* why it matters */
	const char *const *remediation;   /* numbered steps, remediation[nremediation] */
	size_t nremediation;
	const char *verification;         /* how to check the fix */
	const struct credaudit_param_info *params; /* params[nparams] */
	size_t nparams;
	const char *limits;               /* what the report cannot show, or NULL */
};

/* The rule with this id, or NULL. */
const struct credaudit_rule_info *credaudit_rule_find(const char *id);

/* The rule table: number of rules and the i-th rule (NULL past the end). */
size_t credaudit_rule_count(void);
const struct credaudit_rule_info *credaudit_rule_get(size_t i);

/* What a rule of the table reads (rule from credaudit_rule_get or _find;
 * another pointer gives NULL or 0): the rows it looks at ("root", "users",
 * "all"); the i-th column it cannot do without, in the report's column
 * order (NULL past the end); whether it judges age and so needs an as-of
 * time (1) or not (0). */
const char *credaudit_rule_scope(const struct credaudit_rule_info *rule);
const char *credaudit_rule_column(const struct credaudit_rule_info *rule, size_t i);
int credaudit_rule_needs_as_of(const struct credaudit_rule_info *rule);

/* Name/value pair of evidence; both NUL-terminated, value as in the report. */
struct credaudit_kv {
	const char *name;
	const char *value;
};

#define CREDAUDIT_MAX_EVIDENCE 8

/* Whether a waiver (accepted risk, --waivers) matched a finding. */
enum credaudit_waiver_state {
	CREDAUDIT_WAIVER_NONE = 0,
	CREDAUDIT_WAIVER_APPLIED,   /* matched and not expired at the as-of time */
	CREDAUDIT_WAIVER_EXPIRED,   /* matched but expired (or no as-of time to
	                               judge it): it does not apply */
	CREDAUDIT_WAIVER_NOT_APPLIED /* matched, not expired at the as-of time,
	                               but that time is only a lower bound
	                               (report_latest_timestamp): expiry cannot
	                               be judged, so it does not apply */
};

/* "none", "applied", "expired", "not_applied". */
const char *credaudit_waiver_state_name(enum credaudit_waiver_state st);

/* The waiver entry that matched a finding (strings owned by the report). */
struct credaudit_waiver_use {
	enum credaudit_waiver_state state;
	size_t entry;                /* 1-based index in the waiver file */
	const char *justification;
	const char *owner;
	const char *expires;         /* as written in the file */
};

/* A finding against the baseline (credaudit_opts.baseline). */
enum credaudit_baseline_state {
	CREDAUDIT_BASELINE_NONE = 0,  /* no baseline given */
	CREDAUDIT_BASELINE_NEW,       /* not in the baseline: counts as usual */
	CREDAUDIT_BASELINE_UNCHANGED, /* in the baseline: never counts against
	                                 the audit (nblocking, exit status) */
	CREDAUDIT_BASELINE_ABSENT     /* in the baseline, not found again
	                                 (resolved): credaudit_summary_resolved */
};

/* "none", "new", "unchanged", "absent". */
const char *credaudit_baseline_state_name(enum credaudit_baseline_state st);

/*
 * One finding.  Text that came from the report (user, arn, evidence values,
 * parts of message) is stored as read: renderers escape it for their syntax.
 */
struct credaudit_finding {
	const char *rule;                 /* rule id */
	enum credaudit_severity severity;
	const char *user;
	const char *arn;
	unsigned long line;               /* CSV line of the row */
	const char *credential;           /* e.g. "access_key_1", or NULL */
	const char *message;
	struct credaudit_kv evidence[CREDAUDIT_MAX_EVIDENCE];
	size_t nevidence;
	struct credaudit_waiver_use waiver; /* state NONE when no waiver matched */
	enum credaudit_baseline_state baseline; /* NONE without a baseline */
};

/*
 * The status of one selected rule on one report (docs/json.md):
 *   pass           the rule ran and found nothing;
 *   fail           it found something not under an applied waiver;
 *   not_evaluated  it could not run (reason says why);
 *   waived         every finding is under an applied waiver: an accepted
 *                  risk, never a pass.
 * Whether a failed rule counts against the audit is told apart by
 * nblocking (its findings at or above fail_on); only those rules make a
 * verdict fail.
 */
enum credaudit_status {
	CREDAUDIT_PASS = 0,
	CREDAUDIT_FAIL,
	CREDAUDIT_NOT_EVALUATED,
	CREDAUDIT_WAIVED
};

/* "pass", "fail", "not_evaluated", "waived". */
const char *credaudit_status_name(enum credaudit_status st);

/* The outcome of one selected rule on one report. */
struct credaudit_result {
	const char *rule;
	enum credaudit_status status;
	size_t nfindings;
	const char *reason;   /* why not evaluated, else NULL */
	size_t nwaived;       /* findings under an applied waiver */
	const char *clause;   /* clause in the selected benchmark, or NULL */
	size_t nblocking;     /* findings that count against the audit: not
	                         waived, at least as severe as fail_on; a rule
	                         counts (fails the verdict) when above 0 */
};

/*
 * The verdict of an input or of a run: error when an input could not be
 * audited, else fail when a finding counts against the audit (see
 * credaudit_opts.fail_on), else pass.  Every output format states this
 * verdict and credaudit(1) exits with credaudit_summary_exit_status.
 */
enum credaudit_verdict {
	CREDAUDIT_VERDICT_PASS = 0,
	CREDAUDIT_VERDICT_FAIL,
	CREDAUDIT_VERDICT_ERROR
};

/* "pass", "fail", "error". */
const char *credaudit_verdict_name(enum credaudit_verdict v);

/* An audit context: validated options and the selected rules. */
struct credaudit_audit;

/* Validate opts (NULL: defaults).  Unknown rule ids give CREDAUDIT_ERR_USAGE. */
struct credaudit_audit *credaudit_audit_new(const struct credaudit_opts *opts,
                                            struct credaudit_error *err);
void credaudit_audit_free(struct credaudit_audit *audit);

/* The report of one input: either audited, with findings, or in error. */
struct credaudit_report;

/*
 * Read and audit the file at path ("-" is standard input): CSV, the JSON of
 * aws iam get-credential-report, its base64 Content, or gzip of these, told
 * apart by the bytes (docs/containers.md).  Returns a report
 * even when the input could not be audited (see credaudit_report_error);
 * returns NULL only when memory ran out (err filled, CREDAUDIT_ERR_INTERNAL).
 */
struct credaudit_report *credaudit_audit_file(const struct credaudit_audit *audit,
                                              const char *path,
                                              struct credaudit_error *err);

/* The same for an open file descriptor, read to its end; name is used in
 * messages.  The descriptor stays the caller's (not closed).  fd < 0 is
 * the caller's error: NULL with err filled (CREDAUDIT_ERR_USAGE). */
struct credaudit_report *credaudit_audit_fd(const struct credaudit_audit *audit,
                                            const char *name, int fd,
                                            struct credaudit_error *err);

/* The same for bytes in memory; name is used in messages.  buf NULL with
 * len 0 is an empty input; buf NULL with len > 0 is the caller's error:
 * NULL is returned with err filled (CREDAUDIT_ERR_USAGE). */
struct credaudit_report *credaudit_audit_buffer(const struct credaudit_audit *audit,
                                                const char *name,
                                                const void *buf, size_t len,
                                                struct credaudit_error *err);

/*
 * The same for a member of an archive (zip, tar), its bytes in memory
 * (read by the caller): the report is named "ARCHIVE > MEMBER" and its
 * container chain starts with that name ("ev.zip > 2024-01/r.csv.gz > gzip
 * > csv").  NULL only when memory ran out (err filled).
 */
struct credaudit_report *credaudit_audit_member(const struct credaudit_audit *audit,
                                                const char *archive, const char *member,
                                                const void *buf, size_t len,
                                                struct credaudit_error *err);

void credaudit_report_free(struct credaudit_report *report);

/* The input name as given. */
const char *credaudit_report_name(const struct credaudit_report *report);
/* NULL when the report was audited; else why it could not be. */
const struct credaudit_error *credaudit_report_error(const struct credaudit_report *report);
/* Account id and partition from the root ARN; NULL when in error. */
const char *credaudit_report_account(const struct credaudit_report *report);
const char *credaudit_report_partition(const struct credaudit_report *report);
/* Data rows read (root and users, header excluded) and the root row's line. */
unsigned long credaudit_report_rows(const struct credaudit_report *report);
unsigned long credaudit_report_root_line(const struct credaudit_report *report);
/* The as-of moment of the report into *t (when not NONE) and its source. */
enum credaudit_asof_source credaudit_report_as_of(const struct credaudit_report *report,
                                                  int64_t *t);
/*
 * Evidence of what was judged: the input's bytes exactly as read, before
 * any decoding, and how they were decoded.  Present for every report whose
 * input could be opened (NULL otherwise).  When decoding failed, the rest
 * of the input is still read and hashed (up to max_decompressed more bytes;
 * complete says whether the end was reached).
 */
struct credaudit_input {
	uint64_t size;             /* bytes read */
	char sha256[65];           /* SHA-256 of those bytes, lowercase hex */
	int complete;              /* non-zero: read to the end of the input */
	const char *container;     /* layers decoded, outermost first:
	                              "gzip > aws-cli-json > base64 > csv" */
	const char *tool_version;  /* CREDAUDIT_VERSION of the library */
	int has_generated_time;    /* GeneratedTime of a JSON wrapper ... */
	int64_t generated_time;    /* ... in seconds since the epoch */
};

const struct credaudit_input *credaudit_report_input(const struct credaudit_report *report);

/*
 * Non-zero when the report is in error because its input is no credential
 * report in any form read: no report header at the start of the decoded
 * text (a README, a tool's error message, a spreadsheet, credaudit's own
 * csv output: a first line not beginning "user," that names no column of
 * a report but user and arn), or JSON that is
 * not the response of aws iam get-credential-report (no Content).  A file
 * that starts like a report but is damaged, UTF-16 text, an empty input
 * and one of which nothing could be decoded are 0: they stay errors.  A
 * directory walk skips such a file (CREDAUDIT_SKIP_NOT_REPORT).
 */
int credaudit_report_not_a_report(const struct credaudit_report *report);

/*
 * The report's age: the as-of moment minus GeneratedTime, in seconds, into
 * *age, when both are known and the as-of moment was asked for (--as-of
 * TIME or now).  0, or -1 when it does not apply.
 */
int credaudit_report_age(const struct credaudit_report *report, int64_t *age);

/* Findings ordered by line, rule id and credential; NULL past the end. */
size_t credaudit_report_finding_count(const struct credaudit_report *report);
const struct credaudit_finding *credaudit_report_finding(const struct credaudit_report *report,
                                                         size_t i);
/* Findings not under an applied waiver whose severity is at least min:
 * the ones that make the exit status 1 (--fail-on). */
size_t credaudit_report_blocking(const struct credaudit_report *report,
                                 enum credaudit_severity min);
/* Findings under an applied waiver. */
size_t credaudit_report_waived(const struct credaudit_report *report);
/* The verdict of a report: error when it could not be audited, fail when
 * one of its results has nblocking above 0, else pass. */
enum credaudit_verdict credaudit_report_verdict(const struct credaudit_report *report);
/* The least severity that counts against the audit (fail_on of its
 * options; CREDAUDIT_SEV_LOW by default). */
enum credaudit_severity credaudit_audit_fail_on(const struct credaudit_audit *audit);
/* The benchmark of the audit ("cis-1.4"), or NULL. */
const char *credaudit_audit_benchmark(const struct credaudit_audit *audit);
/* The value of a rule's parameter in this audit (after benchmark and
 * --param); -1 when the rule or parameter does not exist. */
int64_t credaudit_audit_param(const struct credaudit_audit *audit,
                              const char *rule, const char *name);

/* The rules this audit evaluates: count and the i-th, in rule-table order
 * (NULL past the end). */
size_t credaudit_audit_rule_count(const struct credaudit_audit *audit);
const struct credaudit_rule_info *credaudit_audit_rule(const struct credaudit_audit *audit,
                                                       size_t i);
/* The waiver file of the audit as named (NULL when none) and, into
 * *sha256 when not NULL, the SHA-256 (64 lowercase hex digits) of the
 * bytes read from it. */
const char *credaudit_audit_waivers(const struct credaudit_audit *audit,
                                    const char **sha256);

/* One result per selected rule, in rule-table order. */
size_t credaudit_report_result_count(const struct credaudit_report *report);
const struct credaudit_result *credaudit_report_result(const struct credaudit_report *report,
                                                       size_t i);

/*
 * The root user's access key in slot 1 or 2 of an audited report.  A slot
 * holds a key when its last_rotated column has a date (the key's creation
 * or last change, which tells a replaced key from the same key); active is
 * the access_key_N_active column.
 */
struct credaudit_root_key {
	int active;        /* 1: the key is active */
	int present;       /* 1: last_rotated holds a date (a key exists) */
	int64_t created;   /* that date, when present */
};

/* Fill *key for slot 1 or 2; 0, or -1 when the report is in error, the
 * slot does not exist or the report's columns do not tell. */
int credaudit_report_root_key(const struct credaudit_report *report, unsigned slot,
                              struct credaudit_root_key *key);

/*
 * A report in error for an input that was refused before any byte was read
 * (e.g. a directory that is its own ancestor); text says why.  NULL when
 * memory ran out.
 */
struct credaudit_report *credaudit_report_refused(const struct credaudit_audit *audit,
                                                  const char *name, const char *text,
                                                  struct credaudit_error *err);

/*
 * The evidence register of an audit (credaudit_opts.manifest): its path
 * (NULL when none), its number of entries, and the path of the i-th entry
 * as written (NULL past the end) with its line in *line.
 */
const char *credaudit_audit_manifest(const struct credaudit_audit *audit);
size_t credaudit_audit_manifest_count(const struct credaudit_audit *audit);
const char *credaudit_audit_manifest_entry(const struct credaudit_audit *audit,
                                           size_t i, unsigned long *line);
/* The 1-based manifest entry the report's input matched, or 0. */
size_t credaudit_report_manifest_entry(const struct credaudit_report *report);
/* The baseline of an audit as named (NULL when none) and its SHA-256. */
const char *credaudit_audit_baseline(const struct credaudit_audit *audit,
                                     const char **sha256);

/*
 * Rendering.  Output goes through a write callback that returns 0 on success
 * and -1 on failure; a failure stops the renderer, which then returns -1 with
 * CREDAUDIT_ERR_INTERNAL.  Reports are rendered one at a time so that a run
 * over many inputs needs memory for one report only.  The renderer buffers
 * its output: the callback gets pieces of up to 64 KiB (or larger ones as
 * they are), and everything a call rendered has been passed to it when
 * credaudit_render_new, _report or _finish returns.
 */
typedef int (*credaudit_write_fn)(void *ctx, const void *buf, size_t len);

struct credaudit_render_opts {
	int color;  /* non-zero: ANSI colour (text format only) */
	/* non-zero: only the run's summary, no per-input blocks (text format
	 * only; --summary) */
	int summary_only;
	/* non-zero: user names and the user part of ARNs are replaced by
	 * pseudonyms (user-0001, ... in order of first appearance in the run,
	 * the same name always the same pseudonym); account ids are kept */
	int redact;
	/* non-zero: the csv format begins with a UTF-8 byte order mark, which
	 * Excel needs to read the file as UTF-8 (other formats ignore it) */
	int csv_bom;
};

/* The renderer table: number of formats, name and description of the i-th. */
size_t credaudit_format_count(void);
const char *credaudit_format_name(size_t i);
const char *credaudit_format_description(size_t i);

struct credaudit_render;
struct credaudit_skipped;

/*
 * Start rendering in format name (text, json, sarif, junit, csv, ocsf,
 * html, asff: docs/formats.md); unknown names give CREDAUDIT_ERR_USAGE.  audit is
 * the audit the reports come from (NULL: the defaults): the output states
 * its options, and its fail_on in the wording of findings that do not
 * count.  Every format only states the library's judgement: the verdicts,
 * statuses and counts of the reports and of the run's summary
 * (credaudit_render_summary).  sarif reads the working directory here,
 * once, to make input paths below it relative URIs.  A renderer that
 * fails reports CREDAUDIT_ERR_INTERNAL with "out of memory", or "cannot
 * write the FORMAT output" when the write callback failed.
 */
struct credaudit_render *credaudit_render_new(const char *format,
                                              const struct credaudit_audit *audit,
                                              const struct credaudit_render_opts *opts,
                                              credaudit_write_fn write, void *ctx,
                                              struct credaudit_error *err);
/* Render one report; returns 0 or -1. */
int credaudit_render_report(struct credaudit_render *r,
                            const struct credaudit_report *report,
                            struct credaudit_error *err);
/* Write what closes the document (summaries, closing brackets). */
int credaudit_render_finish(struct credaudit_render *r, struct credaudit_error *err);
void credaudit_render_free(struct credaudit_render *r);

/* Files a directory walk skipped (hidden ones, other names), for the
 * summary; call before credaudit_render_finish. */
void credaudit_render_skipped(struct credaudit_render *r, size_t hidden, size_t other);
/* Name a skipped file in the output (credaudit_summary_skip); call
 * before credaudit_render_finish.  0, or -1 when memory ran out. */
int credaudit_render_skip(struct credaudit_render *r, const struct credaudit_skipped *k,
                          struct credaudit_error *err);

/*
 * The summary of a run: the reports added so far, counted once for every
 * output.  A renderer keeps one (credaudit_render_summary); a caller that
 * does not render can keep its own.
 */
struct credaudit_totals {
	size_t inputs;          /* reports added */
	size_t audited, errors; /* inputs audited, and not (verdict error) */
	size_t failed, passed;  /* audited inputs by verdict */
	size_t findings;        /* of audited inputs, waived or not */
	size_t waived;          /* findings under an applied waiver */
	size_t blocking;        /* findings that count against the audit */
	size_t by_severity[5];  /* findings by enum credaudit_severity */
	size_t skipped_hidden, skipped_other; /* credaudit_summary_skipped */
	/* files named by credaudit_summary_skip, by kind */
	size_t skipped_excluded, skipped_not_report, skipped_duplicate;
	size_t baseline_new, baseline_unchanged; /* findings by baseline state
	                                            (0 without a baseline) */
};

/*
 * A file a run did not audit on purpose, named in every output that names
 * inputs (docs/containers.md): a walked directory's hidden entry, a name
 * not like a report's, one matched by --exclude, a file whose bytes are no
 * credential report in any form read, or the same bytes (SHA-256) as an
 * input audited before.  None changes the exit status.
 */
enum credaudit_skip {
	CREDAUDIT_SKIP_HIDDEN = 1,   /* "hidden" */
	CREDAUDIT_SKIP_NAME,         /* "name": not named like a report */
	CREDAUDIT_SKIP_EXCLUDED,     /* "excluded": matched --exclude */
	CREDAUDIT_SKIP_NOT_REPORT,   /* "not_report" */
	CREDAUDIT_SKIP_DUPLICATE     /* "duplicate" */
};

struct credaudit_skipped {
	const char *path;           /* as the walk names it */
	enum credaudit_skip kind;
	const char *reason;         /* why, in words */
	const char *sha256;         /* of its bytes when read, else NULL */
	const char *duplicate_of;   /* DUPLICATE: the input audited, else NULL */
};

/* "hidden", "name", "excluded", "not_report", "duplicate" ("" otherwise). */
const char *credaudit_skip_name(enum credaudit_skip kind);

struct credaudit_summary;

/* A new, empty summary for reports of audit (NULL: the defaults), which
 * must outlive it (its register and baseline are read at the end); NULL
 * when memory ran out (err filled). */
struct credaudit_summary *credaudit_summary_new(const struct credaudit_audit *audit,
                                                struct credaudit_error *err);
/* Count a report; 0, or -1 when memory ran out (err filled). */
int credaudit_summary_add(struct credaudit_summary *s,
                          const struct credaudit_report *report,
                          struct credaudit_error *err);
/* Files a directory walk skipped, as credaudit_render_skipped. */
void credaudit_summary_skipped(struct credaudit_summary *s, size_t hidden, size_t other);
/* Name a skipped file (its strings are copied) and count it: hidden and
 * name as skipped_hidden and skipped_other, the others by their kind.
 * 0, or -1 when memory ran out (err filled). */
int credaudit_summary_skip(struct credaudit_summary *s, const struct credaudit_skipped *k,
                           struct credaudit_error *err);
/* The skipped files named so far, in the order they were added. */
size_t credaudit_summary_skipped_count(const struct credaudit_summary *s);
const struct credaudit_skipped *credaudit_summary_skipped_file(const struct credaudit_summary *s,
                                                               size_t i);
const struct credaudit_totals *credaudit_summary_totals(const struct credaudit_summary *s);
/* The run's verdict: error when an input could not be audited, else fail
 * when one failed, else pass (also with no input). */
enum credaudit_verdict credaudit_summary_verdict(const struct credaudit_summary *s);
/* The exit status credaudit(1) gives for the run: 0 pass, 1 fail,
 * CREDAUDIT_ERR_INPUT (3) error. */
int credaudit_summary_exit_status(const struct credaudit_summary *s);
void credaudit_summary_free(struct credaudit_summary *s);

/*
 * Manifest entries (credaudit_audit_manifest_entry) no report added so far
 * came from: 1 when entry i was seen.  A listed path not among the inputs
 * is an input error: credaudit(1) adds a refused report for each.
 */
int credaudit_summary_manifest_seen(const struct credaudit_summary *s, size_t i);

/*
 * The inputs of the run that could not be audited, in the order added:
 * count kept and the i-th name with why (*text), NULL past the end.  The
 * first 10000 are kept; totals.errors counts them all.
 */
size_t credaudit_summary_error_count(const struct credaudit_summary *s);
const char *credaudit_summary_error(const struct credaudit_summary *s, size_t i,
                                    const char **text);

/* A finding of the baseline not found again (baseline state absent). */
struct credaudit_resolved {
	const char *account, *partition, *rule, *user, *arn, *credential;
	enum credaudit_severity severity;
	const char *file;       /* the input it was found in, as the baseline
	                           names it */
};

/*
 * The baseline's findings not found again (baseline state absent), each
 * distinct finding once, in baseline order.  Only findings of an account
 * some report of the run audited, of a rule evaluated there in some report
 * (pass, fail or waived), are resolved: a finding of an account or a rule
 * the run did not look at is not.  Call after the last report is added.
 * resolved_count: their number; resolved_next: the first at or after *pos,
 * *pos moved past it (start with 0), NULL when none is left.  Strings are
 * owned by the audit.
 */
size_t credaudit_summary_resolved_count(const struct credaudit_summary *s);
const struct credaudit_resolved *credaudit_summary_resolved_next(const struct credaudit_summary *s,
                                                                 size_t *pos);

/* Per account and rule: the worst status over the run (the account × rule
 * table).  Accounts sorted by id then partition; rule i as in
 * credaudit_audit_rule.  status_of returns -1 when the rule did not run
 * for that account. */
size_t credaudit_summary_account_count(const struct credaudit_summary *s);
const char *credaudit_summary_account(const struct credaudit_summary *s, size_t i,
                                      const char **partition);
int credaudit_summary_account_status(const struct credaudit_summary *s, size_t i,
                                     size_t rule, enum credaudit_status *status,
                                     int *counts);

/* The summary of what r has rendered (owned by r). */
const struct credaudit_summary *credaudit_render_summary(const struct credaudit_render *r);

/*
 * History: when each account's root user had an active access key, from
 * many reports (credaudit history, docs/history.md).  Reports are added one
 * at a time, in any order; history keeps a small summary of each (name,
 * account, partition, as-of time, the root's two key slots, the status of
 * each root rule, the SHA-256 and container chain of its input, or why it
 * cannot be placed in time), never the report itself.  When rendered, the
 * reports are grouped by account and ordered by as-of time (then name), and
 * each account's key intervals, events, root rule runs, gaps without
 * evidence, duplicates (same SHA-256, counted once) and conflicting
 * same-time reports are derived, once, for every format.
 */
struct credaudit_history_opts {
	/* Consecutive reports of an account further apart than this many
	 * days are shown as a gap without evidence; 0 derives each account's
	 * threshold from its own reports: 1.5 times the median interval
	 * between consecutive report times, at least one day
	 * (docs/history.md).  More than 100000 gives CREDAUDIT_ERR_USAGE. */
	unsigned long gap_days;
};

struct credaudit_history;

/* A new, empty history (opts NULL: defaults), owned by the caller and
 * released with credaudit_history_free.  NULL with err filled on a bad
 * option (CREDAUDIT_ERR_USAGE) or when memory ran out. */
struct credaudit_history *credaudit_history_new(const struct credaudit_history_opts *opts,
                                                struct credaudit_error *err);

/*
 * Add what history needs of report (which stays the caller's and may be
 * freed at once).  A report in error, one without an as-of time and one
 * whose root key columns cannot be read are kept as inputs not read, with
 * their reason and position.  0, or -1 with err filled when memory ran out
 * (the history is unchanged).
 */
int credaudit_history_add(struct credaudit_history *h,
                          const struct credaudit_report *report,
                          struct credaudit_error *err);

/* Counts over the reports added so far. */
struct credaudit_history_totals {
	size_t inputs;                  /* reports added */
	size_t errors;                  /* of which not read (not placed) */
	size_t accounts;
	size_t accounts_with_root_key;  /* an active root key in some report */
	size_t conflicts;               /* same-time reports that disagree */
	size_t duplicates;              /* reports with the SHA-256 of another
	                                   (counted once) */
	size_t accounts_with_root_failure; /* a root rule failed in some report */
};

/*
 * Fill *totals (deriving the history if not done since the last add).  0,
 * or -1 with err filled when memory ran out.  credaudit history exits 3
 * when errors > 0, else 1 when accounts_with_root_key or conflicts > 0,
 * else 0.
 */
int credaudit_history_totals(struct credaudit_history *h,
                             struct credaudit_history_totals *totals,
                             struct credaudit_error *err);

/* The formats credaudit_history_render writes: count, and name of the
 * i-th ("text", "json", "html"; NULL past the end). */
size_t credaudit_history_format_count(void);
const char *credaudit_history_format_name(size_t i);

/*
 * Write the history of the reports added so far in format through write
 * (deriving it if not done since the last add).  Returns 0, or -1 with
 * err filled: CREDAUDIT_ERR_USAGE for an unknown format (nothing written),
 * CREDAUDIT_ERR_INTERNAL when memory ran out ("out of memory") or write
 * failed ("cannot write the output"); what was written before is not
 * taken back.
 */
int credaudit_history_render(struct credaudit_history *h, const char *format,
                             credaudit_write_fn write, void *ctx,
                             struct credaudit_error *err);

/* Release h and everything it holds; NULL is allowed. */
void credaudit_history_free(struct credaudit_history *h);

/*
 * The library's allocator: malloc, realloc and free.  Every allocation of
 * the library (and of libcsv and jansson under it) goes through it, so that
 * a build with -DCREDAUDIT_FAILPOINTS can make the N-th allocation of the
 * process fail (CREDAUDIT_FAIL_ALLOC=N; test/failinj.sh).  A program that
 * allocates through it too (credaudit(1) does) has its own allocations
 * covered by that test.  Memory from credaudit_malloc or credaudit_realloc
 * is released with credaudit_free (which accepts NULL).
 */
void *credaudit_malloc(size_t n);
void *credaudit_realloc(void *p, size_t n);
void credaudit_free(void *p);

#if defined(__GNUC__) || defined(__clang__)
#pragma GCC visibility pop
#endif

#ifdef __cplusplus
}
#endif

#endif /* CREDAUDIT_H */
