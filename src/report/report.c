/*
 * report.c - build a report: map the header, turn each CSV record into a
 * typed row, find the root row, run the selected rules row by row, and fail
 * closed on anything that keeps the report from being fully read.
 *
 * Memory: one record at a time; what stays is the findings.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "input/container.h"
#include "csv/csvread.h"
#include "report/report.h"
#include "report/verdict.h"
#include "base/util.h"
#include "rules/waiver.h"

#define DEFAULT_MAX_FIELD 65536
#define MAX_FIELDS 256
#define DEFAULT_MAX_INPUT ((uint64_t)256 << 20)
/* Twice the 5,000 users IAM allows an account: a larger report is forged
 * (and would not fit the memory bound, README "What is read"). */
#define DEFAULT_MAX_ROWS 10000UL
#define READ_CHUNK 65536

struct credaudit_audit {
	const struct rule *rules[MAX_RULES];   /* selected, in table order */
	size_t nrules;
	int explicit_rules;             /* --rules given: missing columns are errors */
	size_t max_field;
	int64_t as_of;
	enum credaudit_asof_source as_of_source;
	int64_t clock;                  /* when the audit was set up: only the
	                                   bound of a report without an as-of
	                                   time (note_latest) */
	uint64_t max_decompressed;
	uint64_t max_input;
	unsigned long max_rows;
	int64_t param[MAX_RULES][MAX_PARAMS];  /* by table index */
	const struct benchmark *benchmark;
	struct waivers waivers;
	enum credaudit_severity fail_on;   /* least severity that counts */
};

struct credaudit_report {
	char *name;
	struct credaudit_error err;
	int failed;
	char *account, *partition;
	unsigned long rows, root_line;
	int64_t as_of;
	enum credaudit_asof_source as_of_source;

	struct credaudit_finding *findings;
	size_t nfindings, capfindings;
	struct credaudit_result results[MAX_RULES];
	size_t nresults;
	struct arena strings;
	struct credaudit_root_key root_keys[2];
	int root_keys_known[2];
	struct credaudit_input input;
	int have_input;

	/* The findings of one row share its strings (see row_string): copies
	 * of the current row's fields, or the kept rows themselves. */
	unsigned long share_line;
	const char *share_src[NCOLS], *share_copy[NCOLS];
	int rows_kept;                  /* rows come from kept blocks */
	struct kept_block *kept;        /* kept rows, owned once read */
};

/* Parser state while one input is read. */
struct builder {
	const struct credaudit_audit *audit;
	struct credaudit_report *rep;
	struct credaudit_error *err;   /* &rep->err */
	struct container *container;
	int have_header;
	size_t nheader;
	int colidx[NCOLS];             /* 0-based field of each column, -1 */
	struct row row;                /* the current row; absent columns stay
	                                  NULL, file and fieldno are set once */
	char *arn_prefix;              /* "arn:PARTITION:iam::ACCOUNT:" */
	size_t narn_prefix;
	unsigned char present[NCOLS];  /* the columns the header has, */
	size_t npresent;               /* in column order */
	int evaluable[MAX_RULES];      /* per selected rule */
	unsigned long root_line;
	char *account, *partition;     /* from the first row's ARN */
	unsigned long first_arn_line;

	/* as-of: known before the rows (option, GeneratedTime), or the
	 * latest timestamp of the report, known only after the last row.  In
	 * that case rows are kept for the rules that judge age: an IAM
	 * account holds at most 5,000 users, so this stays bounded. */
	int64_t as_of;
	enum credaudit_asof_source as_of_source;
	int64_t latest;
	int have_latest;
	char latest_text[32];           /* latest as YYYY-MM-DDTHH:MM:SSZ */
	int64_t bound;                  /* no timestamp may be later: the as-of
	                                   moment, or the clock when none is
	                                   stated (known with the header) */
	int defer;                      /* keep rows for age rules */
	int judge_time;                 /* a selected rule judges age: every
	                                   timestamp must precede the bound */
	uint32_t keep_cols;             /* columns the held-back rules read */
	unsigned char keepc[NCOLS];     /* those the header has, in order */
	size_t nkeep;
	int keep_root, keep_users;      /* rows they look at */
	struct kept_row *kept, *kept_tail;
	struct kept_block *blocks;      /* where kept rows are carved from */
};

/* A row kept for rules that run after the last row. */
struct kept_row {
	struct kept_row *next;
	unsigned long line;
	int is_root;
	/* the lengths of the builder's keep columns, then their text, each
	 * NUL-terminated, in one allocation: about the row's own size */
	size_t len[];
};

/* Kept rows are carved from blocks freed together (a report keeps at most
 * one row per IAM user: a few MB at most). */
struct kept_block {
	struct kept_block *next;
	size_t used, cap;
	max_align_t data[];
};

#define KEPT_BLOCK 65536

/* size bytes for a kept row, aligned; NULL when memory ran out. */
static void *
kept_alloc(struct kept_block **head, size_t size)
{
	struct kept_block *k = *head;
	size_t a = sizeof(max_align_t);

	size = (size + a - 1) / a * a;
	if (k == NULL || k->cap - k->used < size) {
		size_t cap = size > KEPT_BLOCK ? size : KEPT_BLOCK;

		if ((k = ca_malloc(sizeof(*k) + cap)) == NULL)
			return NULL;
		k->next = *head;
		k->used = 0;
		k->cap = cap;
		*head = k;
	}
	k->used += size;
	return (char *)k->data + k->used - size;
}

/* ---- audit ---- */

static int
select_rules(struct credaudit_audit *a, const char *list,
             struct credaudit_error *err)
{
	int chosen[MAX_RULES] = { 0 };
	const char *p = list;
	size_t i;

	while (*p != '\0') {
		size_t n = strcspn(p, ",");
		const struct rule *r = rules_find(p, n);

		if (r == NULL)
			return seterr(err, CREDAUDIT_ERR_USAGE, NULL, 0, 0,
			              "unknown rule '%.*s' (see --list-rules)",
			              (int)(n > 64 ? 64 : n), p);
		chosen[r - rules_get(0)] = 1;
		p += n;
		if (*p == ',' && *++p == '\0')
			return seterr(err, CREDAUDIT_ERR_USAGE, NULL, 0, 0,
			              "empty rule id in --rules");
	}
	for (i = 0; i < rules_count(); i++)
		if (chosen[i])
			a->rules[a->nrules++] = rules_get(i);
	return 0;
}

/* Set parameter name of rule (name[0..n)) to value; 0 or -1. */
static int
set_param(struct credaudit_audit *a, const char *rule, size_t nrule,
          const char *name, size_t nname, int64_t value,
          struct credaudit_error *err)
{
	const struct rule *r = rules_find(rule, nrule);
	size_t i;

	if (r == NULL)
		return seterr(err, CREDAUDIT_ERR_USAGE, NULL, 0, 0,
		              "--param: unknown rule '%.*s' (see --list-rules)",
		              (int)(nrule > 64 ? 64 : nrule), rule);
	for (i = 0; i < r->info.nparams; i++) {
		const struct credaudit_param_info *p = &r->info.params[i];

		if (strlen(p->name) != nname || memcmp(p->name, name, nname) != 0)
			continue;
		if (value < p->min || value > p->max)
			return seterr(err, CREDAUDIT_ERR_USAGE, NULL, 0, 0,
			              "--param %s.%s: %lld is out of range %lld..%lld",
			              r->info.id, p->name, (long long)value,
			              (long long)p->min, (long long)p->max);
		a->param[r - rules_get(0)][i] = value;
		return 0;
	}
	return seterr(err, CREDAUDIT_ERR_USAGE, NULL, 0, 0,
	              "--param: rule %s has no parameter '%.*s'%s", r->info.id,
	              (int)(nname > 64 ? 64 : nname), name,
	              r->info.nparams ? "" : " (it takes none)");
}

/* "RULE.NAME=VALUE" with a decimal VALUE. */
static int
parse_param(struct credaudit_audit *a, const char *s, struct credaudit_error *err)
{
	const char *dot = strchr(s, '.'), *eq = strchr(s, '=');
	char *end;
	long long v;

	if (dot == NULL || eq == NULL || eq < dot || dot == s || eq == dot + 1 ||
	    eq[1] == '\0')
		return seterr(err, CREDAUDIT_ERR_USAGE, NULL, 0, 0,
		              "--param takes RULE.NAME=VALUE, e.g. "
		              "credentials-unused.days=90, not '%.64s'", s);
	errno = 0;
	v = strtoll(eq + 1, &end, 10);
	if (errno != 0 || *end != '\0' || eq[1] < '0' || eq[1] > '9')
		return seterr(err, CREDAUDIT_ERR_USAGE, NULL, 0, 0,
		              "--param %.*s: '%.32s' is not a whole number",
		              (int)(eq - s > 64 ? 64 : eq - s), s, eq + 1);
	return set_param(a, s, (size_t)(dot - s), dot + 1, (size_t)(eq - dot - 1),
	                 (int64_t)v, err);
}

/* Defaults, then the benchmark's thresholds, then --param. */
static int
set_params(struct credaudit_audit *a, const struct credaudit_opts *opts,
           struct credaudit_error *err)
{
	size_t i, j;

	for (i = 0; i < rules_count(); i++)
		for (j = 0; j < rules_get(i)->info.nparams && j < MAX_PARAMS; j++)
			a->param[i][j] = rules_get(i)->info.params[j].def;
	if (opts->benchmark != NULL && opts->benchmark[0] != '\0') {
		const struct benchmark *bm = benchmark_find(opts->benchmark);

		if (bm == NULL)
			return seterr(err, CREDAUDIT_ERR_USAGE, NULL, 0, 0,
			              "unknown benchmark '%.64s' (cis-1.2, cis-1.4, cis-1.5, "
			              "cis-2.0, cis-3.0, cis-4.0, cis-5.0)", opts->benchmark);
		a->benchmark = bm;
		for (i = 0; i < bm->nparams; i++) {
			const struct benchmark_param *p = &bm->params[i];

			if (set_param(a, p->rule, strlen(p->rule), p->name,
			              strlen(p->name), p->value, err) == -1)
				return -1;
		}
	}
	for (i = 0; i < opts->nparams; i++)
		if (parse_param(a, opts->params[i], err) == -1)
			return -1;
	return 0;
}

struct credaudit_audit *
credaudit_audit_new(const struct credaudit_opts *opts,
                    struct credaudit_error *err)
{
	static const struct credaudit_opts defaults;
	struct credaudit_audit *a;
	size_t i;

	if (opts == NULL)
		opts = &defaults;
	if ((a = ca_calloc(1, sizeof(*a))) == NULL) {
		seterr_nomem(err, NULL);
		return NULL;
	}
	a->max_field = opts->max_field ? opts->max_field : DEFAULT_MAX_FIELD;
	a->as_of = opts->as_of;
	a->as_of_source = opts->as_of_source;
	a->clock = (int64_t)time(NULL);
	a->max_decompressed = opts->max_decompressed ? opts->max_decompressed :
	                      CONTAINER_DEFAULT_CAP;
	a->max_input = opts->max_input ? opts->max_input : DEFAULT_MAX_INPUT;
	a->max_rows = opts->max_rows ? opts->max_rows : DEFAULT_MAX_ROWS;
	a->fail_on = CREDAUDIT_SEV_LOW;
	if (opts->fail_on != NULL && credaudit_severity_parse(opts->fail_on, &a->fail_on) == -1) {
		seterr(err, CREDAUDIT_ERR_USAGE, NULL, 0, 0,
		       "--fail-on takes info, low, medium, high or critical");
		ca_free(a);
		return NULL;
	}
	if (opts->rules != NULL && opts->rules[0] == '\0') {
		seterr(err, CREDAUDIT_ERR_USAGE, NULL, 0, 0,
		       "empty rule list in --rules (leave the option out for every rule)");
		ca_free(a);
		return NULL;
	}
	if (opts->rules != NULL) {
		a->explicit_rules = 1;
		if (select_rules(a, opts->rules, err) == -1) {
			ca_free(a);
			return NULL;
		}
	} else {
		for (i = 0; i < rules_count(); i++)
			a->rules[a->nrules++] = rules_get(i);
	}
	if (set_params(a, opts, err) == -1 ||
	    (opts->waivers != NULL &&
	     waivers_load(&a->waivers, opts->waivers, err) == -1)) {
		credaudit_audit_free(a);
		return NULL;
	}
	return a;
}

void
credaudit_audit_free(struct credaudit_audit *a)
{
	if (a == NULL)
		return;
	waivers_free(&a->waivers);
	ca_free(a);
}

enum credaudit_severity
credaudit_audit_fail_on(const struct credaudit_audit *a)
{
	return a != NULL ? a->fail_on : CREDAUDIT_SEV_LOW;
}

const char *
credaudit_audit_benchmark(const struct credaudit_audit *a)
{
	return a != NULL && a->benchmark ? a->benchmark->name : NULL;
}

int64_t
credaudit_audit_param(const struct credaudit_audit *a, const char *rule,
                      const char *name)
{
	const struct rule *r = rules_find(rule, strlen(rule));
	size_t i;

	for (i = 0; r != NULL && i < r->info.nparams; i++)
		if (strcmp(r->info.params[i].name, name) == 0)
			return a->param[r - rules_get(0)][i];
	return -1;
}

size_t
credaudit_audit_rule_count(const struct credaudit_audit *a)
{
	return a->nrules;
}

const struct credaudit_rule_info *
credaudit_audit_rule(const struct credaudit_audit *a, size_t i)
{
	return i < a->nrules ? &a->rules[i]->info : NULL;
}

const char *
credaudit_audit_waivers(const struct credaudit_audit *a, const char **sha256)
{
	if (sha256 != NULL)
		*sha256 = a->waivers.path ? a->waivers.sha256 : NULL;
	return a->waivers.path;
}

/* ---- findings ---- */

/*
 * The text s for a finding of row: when s is one of the row's fields, one
 * copy per row that every finding of the row shares (a kept row's text is
 * itself kept), so findings never multiply a row's size; other text is
 * copied.  NULL when memory ran out.
 */
static const char *
row_string(struct credaudit_report *rep, const struct row *row, const char *s)
{
	size_t c;

	for (c = 0; c < NCOLS && row->f[c] != s; c++)
		;
	if (c == NCOLS)
		return arena_strdup(&rep->strings, s);
	if (rep->rows_kept)
		return s;
	if (rep->share_line != row->line) {
		memset(rep->share_src, 0, sizeof(rep->share_src));
		rep->share_line = row->line;
	}
	if (rep->share_src[c] != s) {
		if ((rep->share_copy[c] = arena_strndup(&rep->strings, s, row->n[c])) == NULL)
			return NULL;
		rep->share_src[c] = s;
	}
	return rep->share_copy[c];
}

int
eval_emit(struct eval *ev, const struct row *row, const char *credential,
          const char *message, const struct credaudit_kv *evidence,
          size_t nevidence)
{
	struct credaudit_report *rep = ev->report;
	struct credaudit_finding *f;
	struct arena *s = &rep->strings;
	size_t i;

	if (rep->nfindings == rep->capfindings) {
		size_t cap = rep->capfindings ? rep->capfindings * 2 : 8;
		void *p = ca_realloc(rep->findings, cap * sizeof(*f));

		if (p == NULL)
			return seterr_nomem(ev->err, rep->name);
		rep->findings = p;
		rep->capfindings = cap;
	}
	f = &rep->findings[rep->nfindings];
	memset(f, 0, sizeof(*f));
	f->rule = ev->rule->info.id;
	f->severity = ev->rule->info.severity;
	f->line = row->line;
	f->user = row_string(rep, row, row_text(row, COL_USER));
	f->arn = row_string(rep, row, row_text(row, COL_ARN));
	f->credential = credential;   /* static strings only */
	f->message = arena_strdup(s, message);
	if (f->user == NULL || f->arn == NULL || f->message == NULL)
		return seterr_nomem(ev->err, rep->name);
	for (i = 0; i < nevidence && i < CREDAUDIT_MAX_EVIDENCE; i++) {
		f->evidence[i].name = evidence[i].name;   /* static */
		f->evidence[i].value = row_string(rep, row, evidence[i].value);
		if (f->evidence[i].value == NULL)
			return seterr_nomem(ev->err, rep->name);
	}
	f->nevidence = i;
	rep->nfindings++;
	rep->results[ev->result].nfindings++;
	return 0;
}

/* ---- header ---- */

static int
map_header(struct builder *b, const struct csvrec *rec)
{
	const char *file = b->rep->name;
	size_t i;

	for (i = 0; i < NCOLS; i++)
		b->colidx[i] = -1;
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
		if (b->colidx[c] >= 0)
			return seterr(b->err, CREDAUDIT_ERR_INPUT, file, rec->line, i + 1,
			              "column '%s' appears twice in the header (fields %d and %zu): "
			              "the report is ambiguous and cannot be audited",
			              col_name((enum col)c), b->colidx[c] + 1, i + 1);
		b->colidx[c] = (int)i;
	}
	if (b->colidx[COL_USER] < 0 || b->colidx[COL_ARN] < 0)
		return seterr(b->err, CREDAUDIT_ERR_INPUT, file, rec->line, 1,
		              "not a credential report: the first line is not a report "
		              "header (no '%s' column)",
		              b->colidx[COL_USER] < 0 ? "user" : "arn");
	b->nheader = rec->nfields;
	b->have_header = 1;
	b->row.file = b->rep->name;
	for (i = 0; i < NCOLS; i++)
		if (b->colidx[i] >= 0) {
			b->row.fieldno[i] = (unsigned long)b->colidx[i] + 1;
			b->present[b->npresent++] = (unsigned char)i;
		}
	return 0;
}

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

/* Why a rule cannot run: the older layout lacks its column. */
static const char *
reason_absent(struct credaudit_report *rep, enum col c)
{
	char text[200];

	snprintf(text, sizeof(text), "the report has no '%s' column "
	         "(older report layout)", col_name(c));
	return arena_strdup(&rep->strings, text);
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
 * A header must be one of AWS's layouts: every column all layouts share,
 * and the last-used columns all or none (none: the 16-column layout of
 * 2014).  Anything else is a damaged header, an input error naming each
 * missing column: a rule that could not run on it must not leave a pass
 * of the rules that did.
 */
static int
check_layout(struct builder *b, unsigned long line)
{
	uint32_t present = 0, shared, later = 0;
	char s1[500], s2[300];
	size_t c;

	for (c = 0; c < NCOLS; c++)
		if (b->colidx[c] >= 0)
			present |= COLBIT(c);
	shared = ALL_COLS & ~OLD_LAYOUT_LACKS & ~present;
	if (present & OLD_LAYOUT_LACKS)   /* a current-layout header */
		later = OLD_LAYOUT_LACKS & ~present;
	if (shared == 0 && later == 0)
		return 0;
	list_missing(shared, s1, sizeof(s1));
	list_missing(later, s2, sizeof(s2));
	return seterr(b->err, CREDAUDIT_ERR_INPUT, b->rep->name, line, 0,
	              "the header has %s%s%s%s%s: the header is damaged and the "
	              "report cannot be audited (with --rules naming only rules "
	              "whose columns are present, it is)",
	              s1, shared ? ", which every AWS report layout has" : "",
	              shared && later ? "; and it has " : "", s2,
	              later ? ", which the current AWS report layout has along "
	              "with the last-used columns this header has" : "");
}

/* Decide for each selected rule whether the header lets it run. */
static int
check_columns(struct builder *b, unsigned long line)
{
	const struct credaudit_audit *a = b->audit;
	/* The root check is the reason this tool exists: its columns are
	 * needed whatever rules are selected. */
	const enum col core[] = { COL_AK1_ACTIVE, COL_AK2_ACTIVE };
	size_t i, c;

	for (i = 0; i < sizeof(core) / sizeof(core[0]); i++)
		if (b->colidx[core[i]] < 0)
			return seterr(b->err, CREDAUDIT_ERR_INPUT, b->rep->name, line, 0,
			              "the header has no '%s' column: the root user's access "
			              "keys cannot be audited", col_name(core[i]));
	if (!a->explicit_rules && check_layout(b, line) == -1)
		return -1;
	for (i = 0; i < a->nrules; i++) {
		const struct rule *r = a->rules[i];
		struct credaudit_result *res = &b->rep->results[i];

		b->evaluable[i] = 1;
		for (c = 0; c < NCOLS; c++) {
			if (!(r->needs & COLBIT(c)) || b->colidx[c] >= 0)
				continue;
			if (a->explicit_rules)
				return seterr(b->err, CREDAUDIT_ERR_INPUT, b->rep->name, line, 0,
				              "the header has no '%s' column, which rule %s needs",
				              col_name((enum col)c), r->info.id);
			b->evaluable[i] = 0;
			res->reason = reason_absent(b->rep, (enum col)c);
			if (res->reason == NULL)
				return seterr_nomem(b->err, b->rep->name);
			break;
		}
	}
	return 0;
}

/*
 * Whether a selected rule that can run judges age; also note what such
 * rules read (columns, root and/or user rows), so that, when they must
 * wait for the end of the report, only that is kept.
 */
static int
needs_as_of(struct builder *b)
{
	size_t i;
	int any = 0;

	b->keep_cols = COLBIT(COL_USER) | COLBIT(COL_ARN);
	for (i = 0; i < b->audit->nrules; i++) {
		const struct rule *r = b->audit->rules[i];

		if (!b->evaluable[i] || !r->needs_as_of)
			continue;
		any = 1;
		b->keep_cols |= r->needs;
		b->keep_root |= r->scope != SCOPE_USERS;
		b->keep_users |= r->scope != SCOPE_ROOT;
	}
	for (i = 0; i < NCOLS; i++)
		if (b->colidx[i] >= 0 && (b->keep_cols & COLBIT(i)))
			b->keepc[b->nkeep++] = (unsigned char)i;
	return any;
}

/* ---- rows ---- */

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
arn_same_account(const struct builder *b, const struct row *row)
{
	const char *arn = row->f[COL_ARN], *res;

	if (b->arn_prefix == NULL || row->n[COL_ARN] <= b->narn_prefix ||
	    memcmp(arn, b->arn_prefix, b->narn_prefix) != 0)
		return 0;
	res = arn + b->narn_prefix;
	return (strcmp(res, "root") == 0) == (row->is_root != 0);
}

static int
check_arn(struct builder *b, const struct row *row)
{
	const char *file = b->rep->name, *arn = row_text(row, COL_ARN);
	const char *part, *acct, *res;
	size_t np, na;
	unsigned long col = row->fieldno[COL_ARN];

	if (split_arn(arn, &part, &np, &acct, &na, &res) == -1)
		return seterr(b->err, CREDAUDIT_ERR_INPUT, file, row->line, col,
		              "arn is not an IAM ARN (arn:PARTITION:iam::ACCOUNT:...): "
		              "the row cannot be attributed to an account");
	if (!valid_partition(part, np))
		return seterr(b->err, CREDAUDIT_ERR_INPUT, file, row->line, col,
		              "arn's partition is not [a-z][a-z0-9-]* (aws, aws-cn, "
		              "aws-us-gov, ...): the row cannot be attributed to an account");
	if (!account_valid(acct, na))
		return seterr(b->err, CREDAUDIT_ERR_INPUT, file, row->line, col,
		              "arn's account is not an account id (1 to 64 letters, "
		              "digits, '.', '_', '-'; AWS writes 12 digits): the row "
		              "cannot be attributed to an account");
	if (row->is_root && strcmp(res, "root") != 0)
		return seterr(b->err, CREDAUDIT_ERR_INPUT, file, row->line, col,
		              "the <root_account> row's arn does not end in ':root': the "
		              "root user cannot be identified, the report cannot be audited");
	if (!row->is_root && strcmp(res, "root") == 0)
		return seterr(b->err, CREDAUDIT_ERR_INPUT, file, row->line, col,
		              "a row that is not <root_account> carries the root user's "
		              "arn: the report is inconsistent and cannot be audited");
	if (b->account == NULL) {
		b->partition = arena_strndup(&b->rep->strings, part, np);
		b->account = arena_strndup(&b->rep->strings, acct, na);
		b->narn_prefix = (size_t)(res - arn);
		b->arn_prefix = arena_strndup(&b->rep->strings, arn, b->narn_prefix);
		if (b->partition == NULL || b->account == NULL || b->arn_prefix == NULL)
			return seterr_nomem(b->err, file);
		b->first_arn_line = row->line;
	} else if (strlen(b->account) != na || memcmp(b->account, acct, na) != 0 ||
	           strlen(b->partition) != np || memcmp(b->partition, part, np) != 0) {
		return seterr(b->err, CREDAUDIT_ERR_INPUT, file, row->line, col,
		              "arn names another account than line %lu: one report covers "
		              "one account, this file mixes several", b->first_arn_line);
	}
	return 0;
}

static int
run_rules(struct builder *b, const struct row *row)
{
	const struct credaudit_audit *a = b->audit;
	const struct rule *table = rules_get(0);
	size_t i;

	for (i = 0; i < a->nrules; i++) {
		const struct rule *r = a->rules[i];
		struct eval ev = { b->rep, r, i, b->err, 0, NULL };

		if (!b->evaluable[i] || (r->needs_as_of && b->defer))
			continue;
		if ((r->scope == SCOPE_ROOT && !row->is_root) ||
		    (r->scope == SCOPE_USERS && row->is_root))
			continue;
		ev.as_of = b->as_of;
		ev.param = a->param[r - table];
		if (r->check(r, row, &ev) == -1)
			return -1;
	}
	return 0;
}

/* Columns whose timestamps are moments already past when AWS wrote the
 * report (password_next_rotation is a future date, so it is not one). */
static const enum col past_cols[] = {
	COL_USER_CREATION_TIME, COL_PASSWORD_LAST_USED, COL_PASSWORD_LAST_CHANGED,
	COL_AK1_LAST_ROTATED, COL_AK1_LAST_USED_DATE, COL_AK2_LAST_ROTATED,
	COL_AK2_LAST_USED_DATE, COL_CERT1_LAST_ROTATED, COL_CERT2_LAST_ROTATED,
};

/*
 * Whether s[0..n) cannot be later than the latest timestamp so far, seen
 * from its text alone: a timestamp has at least 20 bytes, and a UTC timestamp "YYYY-MM-DDTHH:MM:SS" + "+00:00" or
 * "Z" orders as its first 19 bytes do, so one that compares at most equal
 * to the latest in that form is not later; text that is no timestamp is
 * ignored anyway.  Saves parsing nearly every timestamp of a report.
 */
static int
not_later(const struct builder *b, const char *s, size_t n)
{
	if (n < 20)
		return 1;   /* shorter than any timestamp: a state, or not one */
	return b->have_latest &&
	       ((n == 25 && s[19] == '+' && s[20] == '0' && s[21] == '0' && s[22] == ':' &&
	         s[23] == '0' && s[24] == '0') || (n == 20 && s[19] == 'Z')) &&
	       memcmp(s, b->latest_text, 19) <= 0;
}

/* What the bound of a report's timestamps is, for an error message. */
static const char *
bound_words(enum credaudit_asof_source src)
{
	switch (src) {
	case CREDAUDIT_ASOF_OPTION: return "--as-of";
	case CREDAUDIT_ASOF_CLOCK: return "--as-of now, the clock";
	case CREDAUDIT_ASOF_GENERATED: return "the report's GeneratedTime";
	default: return "";
	}
}

/*
 * A timestamp of the report later than the moment it is judged at (or,
 * with no moment stated, than the clock when the run began) cannot be:
 * the report is inconsistent, and its ages would be negative (a stated
 * moment) or judged from a moment that has not come (the latest timestamp).
 * The cell is a timestamp, checked by value_time: its text is safe to show.
 */
static int
later_than_bound(struct builder *b, const struct row *row, enum col c)
{
	char when[32];

	if (b->as_of_source == CREDAUDIT_ASOF_NONE)
		return seterr(b->err, CREDAUDIT_ERR_INPUT, b->rep->name, row->line,
		              row->fieldno[c], "%s %.*s is later than the clock at run "
		              "time, and no as-of time is stated (--as-of, GeneratedTime): "
		              "a report cannot hold a moment after it was generated, it is "
		              "inconsistent and cannot be audited", col_name(c),
		              (int)row->n[c], row->f[c]);
	time_format(b->bound, when, sizeof(when));
	return seterr(b->err, CREDAUDIT_ERR_INPUT, b->rep->name, row->line,
	              row->fieldno[c], "%s %.*s is later than the as-of time %s (%s): "
	              "a report cannot hold a moment after it was generated, it is "
	              "inconsistent and cannot be audited", col_name(c), (int)row->n[c],
	              row->f[c], when, bound_words(b->as_of_source));
}

/* Track the latest timestamp of the report and, when the verdict depends on
 * time (judges_time), refuse one later than the bound (the leftmost such
 * cell of the row): every column of past moments, whether a selected rule
 * reads it or not.  Text that is not a timestamp is left to the rules that
 * read it. */
static int
note_latest(struct builder *b, const struct row *row)
{
	size_t i;
	int late = -1;

	for (i = 0; i < sizeof(past_cols) / sizeof(past_cols[0]); i++) {
		struct vtime t;
		enum col c = past_cols[i];

		if (row->f[c] == NULL || not_later(b, row->f[c], row->n[c]) ||
		    value_time(row->f[c], row->n[c], &t) == -1 || t.state != V_VALUE)
			continue;
		if (t.t > b->bound && b->judge_time) {
			if (late < 0 || row->fieldno[c] < row->fieldno[late])
				late = (int)c;
		} else if (!b->have_latest || t.t > b->latest) {
			b->latest = t.t;
			b->have_latest = 1;
			time_format(t.t, b->latest_text, sizeof(b->latest_text));
		}
	}
	return late < 0 ? 0 : later_than_bound(b, row, (enum col)late);
}

static int
keep_row(struct builder *b, const struct row *row)
{
	struct kept_row *k;
	size_t j, text = 0;
	char *p;

	if (row->is_root ? !b->keep_root : !b->keep_users)
		return 0;
	for (j = 0; j < b->nkeep; j++)
		text += row->n[b->keepc[j]] + 1;   /* fields are capped: no overflow */
	if ((k = kept_alloc(&b->blocks, sizeof(*k) + b->nkeep * sizeof(k->len[0]) + text)) == NULL)
		return seterr_nomem(b->err, b->rep->name);
	k->next = NULL;
	if (b->kept_tail != NULL)
		b->kept_tail->next = k;
	else
		b->kept = k;
	b->kept_tail = k;
	k->line = row->line;
	k->is_root = row->is_root;
	p = (char *)&k->len[b->nkeep];
	for (j = 0; j < b->nkeep; j++) {
		size_t c = b->keepc[j];

		k->len[j] = row->n[c];
		memcpy(p, row->f[c], row->n[c]);
		p[row->n[c]] = '\0';
		p += row->n[c] + 1;
	}
	return 0;
}

static void
free_kept(struct builder *b)
{
	struct kept_block *k, *next;

	for (k = b->blocks; k != NULL; k = next) {
		next = k->next;
		ca_free(k);
	}
	b->blocks = NULL;
	b->kept = b->kept_tail = NULL;
}

/* After the last row: fix the as-of time and run the age rules held back. */
static int
run_deferred(struct builder *b)
{
	const struct credaudit_audit *a = b->audit;
	struct credaudit_report *rep = b->rep;
	struct kept_row *k;
	size_t i, j;

	if (b->as_of_source == CREDAUDIT_ASOF_NONE && b->have_latest) {
		b->as_of = b->latest;
		b->as_of_source = CREDAUDIT_ASOF_REPORT_LATEST;
	}
	rep->as_of = b->as_of;
	rep->as_of_source = b->as_of_source;
	if (!b->defer)
		return 0;
	rep->rows_kept = 1;
	for (i = 0; i < a->nrules; i++) {
		const struct rule *r = a->rules[i];
		struct eval ev = { rep, r, i, b->err, b->as_of, a->param[r - rules_get(0)] };
		size_t before = rep->nfindings;

		if (!r->needs_as_of || !b->evaluable[i])
			continue;
		for (k = b->kept; k != NULL; k = k->next) {
			struct row row;
			const char *p = (const char *)&k->len[b->nkeep];

			if ((r->scope == SCOPE_ROOT && !k->is_root) ||
			    (r->scope == SCOPE_USERS && k->is_root))
				continue;
			memset(&row, 0, sizeof(row));
			row.file = rep->name;
			row.line = k->line;
			row.is_root = k->is_root;
			memcpy(row.fieldno, b->row.fieldno, sizeof(row.fieldno));
			for (j = 0; j < b->nkeep; j++) {
				row.f[b->keepc[j]] = p;
				row.n[b->keepc[j]] = k->len[j];
				p += k->len[j] + 1;
			}
			if (r->check(r, &row, &ev) == -1)
				return -1;
		}
		/* Without an as-of time the rule still ran, so that every value
		 * it reads was read (fail closed); its verdict is dropped. */
		if (b->as_of_source == CREDAUDIT_ASOF_NONE) {
			rep->nfindings = before;
			rep->results[i].nfindings = 0;
			b->evaluable[i] = 0;
			rep->results[i].reason = "no as-of time: the report holds no "
			                         "timestamp and none was given (--as-of)";
		}
	}
	return 0;
}

/* Findings in a fixed order whatever the evaluation order was. */
static int
cmp_finding(const void *pa, const void *pb)
{
	const struct credaudit_finding *x = pa, *y = pb;
	int c;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if ((c = strcmp(x->rule, y->rule)) != 0)
		return c;
	return strcmp(x->credential ? x->credential : "",
	              y->credential ? y->credential : "");
}

/* Remember the root's key slots for credaudit_report_root_key. */
static void
note_root_keys(struct credaudit_report *rep, const struct row *row)
{
	static const enum col act[2] = { COL_AK1_ACTIVE, COL_AK2_ACTIVE };
	static const enum col rot[2] = { COL_AK1_LAST_ROTATED, COL_AK2_LAST_ROTATED };
	size_t i;

	for (i = 0; i < 2; i++) {
		struct vbool a;
		struct vtime t;

		if (row->f[act[i]] == NULL || row->f[rot[i]] == NULL ||
		    value_bool(row->f[act[i]], row->n[act[i]], &a) == -1 ||
		    a.state != V_VALUE ||
		    value_time(row->f[rot[i]], row->n[rot[i]], &t) == -1)
			continue;
		rep->root_keys[i].active = a.value;
		rep->root_keys[i].present = t.state == V_VALUE;
		rep->root_keys[i].created = t.state == V_VALUE ? t.t : 0;
		rep->root_keys_known[i] = 1;
	}
}

/*
 * Whether the verdict depends on time: some selected rule that can run
 * judges an age.  Only then are the report's timestamps held against the
 * as-of moment (or the clock): a rule such as root-access-key reads no
 * time, and an edited date elsewhere in the report cannot change it.
 */
static int
judges_time(const struct builder *b)
{
	size_t i;

	for (i = 0; i < b->audit->nrules; i++)
		if (b->evaluable[i] && b->audit->rules[i]->needs_as_of)
			return 1;
	return 0;
}

/* A GeneratedTime that becomes the as-of time but is later than the clock
 * at run time: it would age every credential into a pass. */
static int
generated_in_future(struct builder *b)
{
	char when[32];

	time_format(b->as_of, when, sizeof(when));
	return seterr(b->err, CREDAUDIT_ERR_INPUT, b->rep->name, 0, 0,
	              "GeneratedTime %s is later than the clock at run time: a report "
	              "cannot have been generated in the future, it is inconsistent "
	              "and cannot be audited (--as-of states the moment instead)", when);
}

/* IAM's own limits (AWS documents them for CreateUser and ARNs): a longer
 * value is no report AWS wrote.  They also bound what findings hold. */
#define MAX_USER_CHARS 64
#define MAX_PATH_CHARS 512
#define MAX_ARN_CHARS 2048

/* UTF-8 characters of s[0..n): bytes that do not continue one. */
static size_t
char_count(const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

/*
 * The user name, the ARN, the path inside the ARN (from its first '/' to
 * its last) and the name after that path within IAM's limits, else an
 * input error naming the limit.
 */
static int
check_lengths(struct builder *b, const struct row *row)
{
	const char *file = b->rep->name, *arn = row->f[COL_ARN];
	const char *first = memchr(arn, '/', row->n[COL_ARN]), *last = NULL;
	size_t nuser = char_count(row->f[COL_USER], row->n[COL_USER]);
	size_t narn = char_count(arn, row->n[COL_ARN]);
	size_t npath = 0, nname = 0;

	if (first != NULL) {
		for (last = arn + row->n[COL_ARN] - 1; *last != '/'; last--)
			;
		npath = char_count(first, (size_t)(last - first) + 1);
		nname = char_count(last + 1, row->n[COL_ARN] - (size_t)(last - arn) - 1);
	}
	if (nuser > MAX_USER_CHARS)
		return seterr(b->err, CREDAUDIT_ERR_INPUT, file, row->line,
		              row->fieldno[COL_USER], "user name is %zu characters "
		              "long: IAM limits user names to %d, the report is "
		              "malformed", nuser, MAX_USER_CHARS);
	if (narn > MAX_ARN_CHARS)
		return seterr(b->err, CREDAUDIT_ERR_INPUT, file, row->line,
		              row->fieldno[COL_ARN], "arn is %zu characters long: AWS "
		              "limits ARNs to %d, the report is malformed", narn,
		              MAX_ARN_CHARS);
	if (npath > MAX_PATH_CHARS)
		return seterr(b->err, CREDAUDIT_ERR_INPUT, file, row->line,
		              row->fieldno[COL_ARN], "arn's path is %zu characters "
		              "long: IAM limits paths to %d, the report is malformed",
		              npath, MAX_PATH_CHARS);
	if (nname > MAX_USER_CHARS)
		return seterr(b->err, CREDAUDIT_ERR_INPUT, file, row->line,
		              row->fieldno[COL_ARN], "arn's user name is %zu characters "
		              "long: IAM limits user names to %d, the report is "
		              "malformed", nname, MAX_USER_CHARS);
	return 0;
}

static int
on_record(void *ctx, const struct csvrec *rec)
{
	struct builder *b = ctx;
	const char *file = b->rep->name;
	struct row *row = &b->row;
	size_t k;

	if (!b->have_header) {
		if (map_header(b, rec) == -1 || check_columns(b, rec->line) == -1)
			return -1;
		/* A JSON wrapper is read whole before its CSV: GeneratedTime
		 * is known here, ahead of every row. */
		b->judge_time = judges_time(b);
		if (b->as_of_source == CREDAUDIT_ASOF_NONE &&
		    container_generated_time(b->container, &b->as_of) == 0) {
			b->as_of_source = CREDAUDIT_ASOF_GENERATED;
			if (b->judge_time && b->as_of > b->audit->clock)
				return generated_in_future(b);
		}
		b->bound = b->as_of_source == CREDAUDIT_ASOF_NONE ?
		           b->audit->clock : b->as_of;
		b->defer = b->as_of_source == CREDAUDIT_ASOF_NONE && needs_as_of(b);
		return 0;
	}
	if (rec->nfields != b->nheader)
		return seterr(b->err, CREDAUDIT_ERR_INPUT, file, rec->line,
		              rec->nfields < b->nheader ? rec->nfields + 1 : b->nheader + 1,
		              "row has %zu fields but the header has %zu: the row is "
		              "truncated or damaged and cannot be read",
		              rec->nfields, b->nheader);
	if (++b->rep->rows > b->audit->max_rows)
		return seterr(b->err, CREDAUDIT_ERR_INPUT, file, rec->line, 0,
		              "more than %lu rows: the report is not audited "
		              "(--max-rows raises the cap)", b->audit->max_rows);
	row->line = rec->line;
	for (k = 0; k < b->npresent; k++) {
		size_t c = b->present[k], i = (size_t)b->colidx[c];

		row->f[c] = rec->fields[i];
		row->n[c] = rec->lens[i];
	}
	if (row->n[COL_USER] == 0)
		return seterr(b->err, CREDAUDIT_ERR_INPUT, file, rec->line,
		              row->fieldno[COL_USER], "empty user name: the row cannot be attributed");
	if (check_lengths(b, row) == -1)
		return -1;
	row->is_root = strcmp(row->f[COL_USER], ROOT_USER) == 0;
	if (row->is_root) {
		if (b->root_line != 0)
			return seterr(b->err, CREDAUDIT_ERR_INPUT, file, rec->line,
			              row->fieldno[COL_USER],
			              "second <root_account> row (the first is on line %lu): "
			              "the report is inconsistent, the root user cannot be audited",
			              b->root_line);
		b->root_line = rec->line;
		note_root_keys(b->rep, row);
	}
	if (!arn_same_account(b, row) && check_arn(b, row) == -1)
		return -1;
	if (note_latest(b, row) == -1 || (b->defer && keep_row(b, row) == -1))
		return -1;
	return run_rules(b, row);
}

/* ---- reading ---- */

static struct credaudit_report *
report_new(const char *name, struct credaudit_error *err)
{
	struct credaudit_report *rep = ca_calloc(1, sizeof(*rep));

	if (rep == NULL || (rep->name = ca_strdup(name)) == NULL) {
		ca_free(rep);
		seterr_nomem(err, name);
		return NULL;
	}
	return rep;
}

/* The rule's clause in the benchmark, or NULL. */
static const char *
clause_of(const struct rule *r, const struct benchmark *bm)
{
	size_t i;

	for (i = 0; bm != NULL && i < r->info.nrefs; i++)
		if (strcmp(r->info.refs[i].framework, bm->framework) == 0)
			return r->info.refs[i].id;
	return NULL;
}

/* Match every finding against the waivers, once the as-of time is known. */
static int
apply_waivers(struct builder *b)
{
	const struct credaudit_audit *a = b->audit;
	struct credaudit_report *rep = b->rep;
	size_t i, j;

	for (i = 0; i < rep->nfindings; i++) {
		struct credaudit_finding *f = &rep->findings[i];
		struct credaudit_waiver_use *u = &f->waiver;
		const struct waiver *w;
		size_t index;
		int applies;

		w = waivers_match(&a->waivers, f->rule, b->account, f->user, rep->as_of,
		                  rep->as_of_source != CREDAUDIT_ASOF_NONE, &applies,
		                  &index);
		if (w == NULL)
			continue;
		/* The latest timestamp is a lower bound of the as-of time: a
		 * waiver expired then is expired, one current then may not be. */
		if (applies && rep->as_of_source == CREDAUDIT_ASOF_REPORT_LATEST)
			applies = -1;
		u->state = applies == 1 ? CREDAUDIT_WAIVER_APPLIED :
		           applies == -1 ? CREDAUDIT_WAIVER_NOT_APPLIED :
		           CREDAUDIT_WAIVER_EXPIRED;
		u->entry = index + 1;
		u->justification = arena_strdup(&rep->strings, w->justification);
		u->owner = arena_strdup(&rep->strings, w->owner);
		u->expires = arena_strdup(&rep->strings, w->expires_text);
		if (u->justification == NULL || u->owner == NULL || u->expires == NULL)
			return seterr_nomem(b->err, rep->name);
		for (j = 0; applies == 1 && j < a->nrules; j++)
			if (strcmp(a->rules[j]->info.id, f->rule) == 0)
				rep->results[j].nwaived++;
	}
	return 0;
}

/*
 * The reason an age rule's pass is not a pass: the as-of time is the
 * latest timestamp, a lower bound of when the report was generated, and a
 * later moment could turn the pass into a fail.  NULL when out of memory.
 */
static const char *
reason_lower_bound(struct credaudit_report *rep)
{
	char when[32], text[200];

	time_format(rep->as_of, when, sizeof(when));
	snprintf(text, sizeof(text), "passes only as of %s, a lower bound of when "
	         "the report was generated; give --as-of or the AWS CLI JSON with "
	         "GeneratedTime", when);
	return arena_strdup(&rep->strings, text);
}

/* Fill results of rules that ran: pass or fail. */
static int
finish_results(struct builder *b)
{
	const struct credaudit_audit *a = b->audit;
	struct credaudit_report *rep = b->rep;
	size_t i;

	rep->nresults = a->nrules;
	for (i = 0; i < a->nrules; i++) {
		struct credaudit_result *res = &rep->results[i];

		res->rule = a->rules[i]->info.id;
		res->clause = clause_of(a->rules[i], a->benchmark);
		if (!b->evaluable[i]) {
			res->status = CREDAUDIT_NOT_EVALUATED;
		} else {
			credaudit__result_judge(res, rep->findings, rep->nfindings, a->fail_on);
			res->reason = NULL;
		}
		if (res->status == CREDAUDIT_PASS &&
		    a->rules[i]->needs_as_of == AGE_GROWS &&
		    rep->as_of_source == CREDAUDIT_ASOF_REPORT_LATEST) {
			res->status = CREDAUDIT_NOT_EVALUATED;
			if ((res->reason = reason_lower_bound(rep)) == NULL)
				return seterr_nomem(b->err, rep->name);
		}
	}
	return 0;
}

/* After the last byte: was the report complete? */
static int
finish(struct builder *b, struct csvread *csv)
{
	const char *file = b->rep->name;

	if (csvread_finish(csv) == -1)
		return -1;
	if (!b->have_header)
		return seterr(b->err, CREDAUDIT_ERR_INPUT, file, 1, 0,
		              "empty input: no report header, nothing can be audited");
	if (b->root_line == 0)
		return seterr(b->err, CREDAUDIT_ERR_INPUT, file,
		              csvread_lines(csv), 0,
		              "no <root_account> row: the report is incomplete, the root "
		              "user cannot be audited");
	if (run_deferred(b) == -1)
		return -1;
	if (b->rep->nfindings > 1)
		qsort(b->rep->findings, b->rep->nfindings,
		      sizeof(*b->rep->findings), cmp_finding);
	if (apply_waivers(b) == -1)
		return -1;
	b->rep->account = b->account;
	b->rep->partition = b->partition;
	b->rep->root_line = b->root_line;
	return finish_results(b);
}

/*
 * Mark the report as failed: keep the error, drop partial results.  The
 * as-of moment stays stated when it did not depend on reading the report
 * (--as-of, GeneratedTime); a latest timestamp of a partial read does not.
 */
static void
fail_report(struct credaudit_report *rep, const struct credaudit_audit *a)
{
	rep->failed = 1;
	rep->nfindings = 0;
	rep->nresults = 0;
	rep->account = rep->partition = NULL;
	rep->as_of = a->as_of;
	rep->as_of_source = a->as_of_source;
	if (rep->as_of_source == CREDAUDIT_ASOF_NONE && rep->have_input &&
	    rep->input.has_generated_time) {
		rep->as_of = rep->input.generated_time;
		rep->as_of_source = CREDAUDIT_ASOF_GENERATED;
	}
	if (rep->err.code == 0)
		seterr(&rep->err, CREDAUDIT_ERR_INTERNAL, rep->name, 0, 0,
		       "internal error");
}

static int
push_csv(void *ctx, const char *buf, size_t len)
{
	return csvread_push(ctx, buf, len);
}

static int
too_big(struct builder *b)
{
	return seterr(b->err, CREDAUDIT_ERR_INPUT, b->rep->name, 0, 0,
	              "input larger than %llu bytes: not audited "
	              "(--max-input-bytes raises the cap)",
	              (unsigned long long)b->audit->max_input);
}

/*
 * Push the input through the container.  After an input error the rest is
 * still read and hashed, up to the decompression cap, so the evidence
 * covers the whole file; *complete says whether its end was reached.
 */
static int
read_input(struct builder *b, int fd, const void *buf, size_t len, int *complete)
{
	uint64_t drained = 0, total = 0, cap = b->audit->max_decompressed;
	char *data;
	ssize_t got;
	int rc = 0;

	*complete = 1;
	if (buf != NULL && (uint64_t)len > b->audit->max_input) {
		*complete = 0;
		return too_big(b);
	}
	if (buf != NULL)
		return container_push(b->container, buf, len);
	if ((data = ca_malloc(READ_CHUNK)) == NULL)
		return seterr_nomem(b->err, b->rep->name);
	while ((got = read(fd, data, READ_CHUNK)) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			rc = seterr(b->err, CREDAUDIT_ERR_INPUT, b->rep->name, 0, 0,
			            "read error: %s", strerror(errno));
			*complete = 0;
			break;
		}
		if ((total += (uint64_t)got) > b->audit->max_input) {
			if (rc == 0)
				rc = too_big(b);
			*complete = 0;
			break;
		}
		if (rc == -1 && (drained += (uint64_t)got) > cap) {
			*complete = 0;
			break;
		}
		if (container_push(b->container, data, (size_t)got) == -1) {
			rc = -1;
			if (b->err->code == CREDAUDIT_ERR_INTERNAL)
				break;
		}
	}
	ca_free(data);
	return rc;
}

/* Keep the evidence of what was read. */
static int
keep_input(struct credaudit_report *rep, const struct container *c, int complete)
{
	struct credaudit_input *in = &rep->input;

	in->size = container_size(c);
	container_sha256(c, in->sha256);
	in->complete = complete;
	in->container = arena_strdup(&rep->strings, container_chain(c));
	in->tool_version = CREDAUDIT_VERSION;
	in->has_generated_time = container_generated_time(c, &in->generated_time) == 0;
	rep->have_input = 1;
	return in->container == NULL ? seterr_nomem(&rep->err, rep->name) : 0;
}

/*
 * Read from fd (buf == NULL) or from buf[0..len) into a fresh report.
 */
static struct credaudit_report *
audit_input(const struct credaudit_audit *a, const char *name, int fd,
            const void *buf, size_t len, struct credaudit_error *err)
{
	struct builder b;
	struct credaudit_report *rep;
	struct csvread *csv;
	int rc = -1, complete = 0;

	if ((rep = report_new(name, err)) == NULL)
		return NULL;
	memset(&b, 0, sizeof(b));
	b.audit = a;
	b.rep = rep;
	b.err = &rep->err;
	b.as_of = a->as_of;
	b.as_of_source = a->as_of_source;
	csv = csvread_new(rep->name, a->max_field, MAX_FIELDS, on_record, &b, b.err);
	if (csv != NULL)
		b.container = container_new(rep->name, a->max_decompressed, push_csv,
		                            csv, b.err);
	if (b.container != NULL) {
		rc = read_input(&b, fd, buf, len, &complete);
		if (rc == 0)
			rc = container_finish(b.container);
		if (rc == 0)
			rc = finish(&b, csv);
		if (keep_input(rep, b.container, complete) == -1)
			rc = -1;
		container_label_error(b.container, b.err);
	}
	container_free(b.container);
	csvread_free(csv);
	if (rc == 0 && rep->rows_kept) {
		rep->kept = b.blocks;   /* findings point into the kept rows */
		b.blocks = NULL;
	}
	free_kept(&b);
	if (rc == -1)
		fail_report(rep, a);
	if (rep->failed && rep->err.code == CREDAUDIT_ERR_INTERNAL) {
		if (err != NULL)
			*err = rep->err;
		credaudit_report_free(rep);
		return NULL;
	}
	return rep;
}

struct credaudit_report *
credaudit_audit_buffer(const struct credaudit_audit *a, const char *name,
                       const void *buf, size_t len, struct credaudit_error *err)
{
	if (buf == NULL && len > 0) {
		seterr(err, CREDAUDIT_ERR_USAGE, name, 0, 0,
		       "credaudit_audit_buffer: NULL buffer with length %zu", len);
		return NULL;
	}
	return audit_input(a, name, -1, buf ? buf : "", len, err);
}

struct credaudit_report *
credaudit_audit_file(const struct credaudit_audit *a, const char *path,
                     struct credaudit_error *err)
{
	struct credaudit_report *rep;
	int fd;

	if (strcmp(path, "-") == 0)
		return audit_input(a, path, STDIN_FILENO, NULL, 0, err);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		int e = errno;

		if ((rep = report_new(path, err)) == NULL)
			return NULL;
		seterr(&rep->err, CREDAUDIT_ERR_INPUT, path, 0, 0,
		       "cannot open: %s", strerror(e));
		fail_report(rep, a);
		return rep;
	}
	rep = audit_input(a, path, fd, NULL, 0, err);
	close(fd);
	return rep;
}

struct credaudit_report *
credaudit_audit_fd(const struct credaudit_audit *a, const char *name, int fd,
                   struct credaudit_error *err)
{
	if (fd < 0) {
		seterr(err, CREDAUDIT_ERR_USAGE, name, 0, 0,
		       "credaudit_audit_fd: bad file descriptor %d", fd);
		return NULL;
	}
	return audit_input(a, name, fd, NULL, 0, err);
}

struct credaudit_report *
credaudit_report_refused(const struct credaudit_audit *a, const char *name,
                         const char *text, struct credaudit_error *err)
{
	struct credaudit_report *rep = report_new(name, err);

	if (rep == NULL)
		return NULL;
	seterr(&rep->err, CREDAUDIT_ERR_INPUT, name, 0, 0, "%s", text);
	fail_report(rep, a);
	return rep;
}

/* ---- accessors ---- */

int
credaudit_report_root_key(const struct credaudit_report *rep, unsigned slot,
                          struct credaudit_root_key *key)
{
	if (rep->failed || slot < 1 || slot > 2 || !rep->root_keys_known[slot - 1])
		return -1;
	*key = rep->root_keys[slot - 1];
	return 0;
}

void
credaudit_report_free(struct credaudit_report *rep)
{
	if (rep == NULL)
		return;
	arena_free(&rep->strings);
	while (rep->kept != NULL) {
		struct kept_block *next = rep->kept->next;

		ca_free(rep->kept);
		rep->kept = next;
	}
	ca_free(rep->findings);
	ca_free(rep->name);
	ca_free(rep);
}

const char *
credaudit_report_name(const struct credaudit_report *rep)
{
	return rep->name;
}

const struct credaudit_error *
credaudit_report_error(const struct credaudit_report *rep)
{
	return rep->failed ? &rep->err : NULL;
}

const char *
credaudit_report_account(const struct credaudit_report *rep)
{
	return rep->account;
}

const char *
credaudit_report_partition(const struct credaudit_report *rep)
{
	return rep->partition;
}

unsigned long
credaudit_report_rows(const struct credaudit_report *rep)
{
	return rep->rows;
}

unsigned long
credaudit_report_root_line(const struct credaudit_report *rep)
{
	return rep->root_line;
}

enum credaudit_asof_source
credaudit_report_as_of(const struct credaudit_report *rep, int64_t *t)
{
	if (t != NULL)
		*t = rep->as_of;
	return rep->as_of_source;
}

const char *
credaudit_asof_source_name(enum credaudit_asof_source src)
{
	static const char *const names[] = {
		"none", "option", "clock", "generated_time", "report_latest_timestamp"
	};

	return (unsigned)src < 5 ? names[src] : "unknown";
}

const struct credaudit_input *
credaudit_report_input(const struct credaudit_report *rep)
{
	return rep->have_input ? &rep->input : NULL;
}

int
credaudit_report_age(const struct credaudit_report *rep, int64_t *age)
{
	if (!rep->have_input || !rep->input.has_generated_time || rep->failed ||
	    (rep->as_of_source != CREDAUDIT_ASOF_OPTION &&
	     rep->as_of_source != CREDAUDIT_ASOF_CLOCK))
		return -1;
	*age = rep->as_of - rep->input.generated_time;
	return 0;
}

size_t
credaudit_report_finding_count(const struct credaudit_report *rep)
{
	return rep->nfindings;
}

const struct credaudit_finding *
credaudit_report_finding(const struct credaudit_report *rep, size_t i)
{
	return i < rep->nfindings ? &rep->findings[i] : NULL;
}

size_t
credaudit_report_blocking(const struct credaudit_report *rep,
                          enum credaudit_severity min)
{
	size_t i, n = 0;

	for (i = 0; i < rep->nfindings; i++)
		if (rep->findings[i].waiver.state != CREDAUDIT_WAIVER_APPLIED &&
		    rep->findings[i].severity >= min)
			n++;
	return n;
}

size_t
credaudit_report_waived(const struct credaudit_report *rep)
{
	size_t i, n = 0;

	for (i = 0; i < rep->nfindings; i++)
		n += rep->findings[i].waiver.state == CREDAUDIT_WAIVER_APPLIED;
	return n;
}

const char *
credaudit_waiver_state_name(enum credaudit_waiver_state st)
{
	static const char *const names[] = { "none", "applied", "expired",
	                                     "not_applied" };

	return (unsigned)st < 4 ? names[st] : "unknown";
}

size_t
credaudit_report_result_count(const struct credaudit_report *rep)
{
	return rep->nresults;
}

const struct credaudit_result *
credaudit_report_result(const struct credaudit_report *rep, size_t i)
{
	return i < rep->nresults ? &rep->results[i] : NULL;
}
