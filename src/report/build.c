/*
 * build.c - build a report: read the input through its container into the
 * CSV reader, map the header, turn each record into a typed row, find the
 * root row, run the selected rules row by row, and fail closed on anything
 * that keeps the report from being fully read.
 *
 * Memory: one record at a time; what stays is the findings (and, when the
 * as-of time is known only at the end, the rows the age rules read).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/escape.h"
#include "input/read.h"
#include "report/build.h"

#define MAX_FIELDS 256

/* Decide for each selected rule whether the header lets it run. */
static int
check_columns(struct builder *b, unsigned long line)
{
	const struct credaudit_audit *a = b->audit;
	const char *file = b->rep->name;
	size_t i;

	if (header_check_core(&b->header, file, line, b->err) == -1 ||
	    (!a->explicit_rules &&
	     header_check_layout(&b->header, file, line, b->err) == -1))
		return -1;
	for (i = 0; i < a->nrules; i++) {
		const struct rule *r = a->rules[i];
		int c = header_missing(&b->header, r->needs);

		b->evaluable[i] = c < 0;
		if (c < 0)
			continue;
		if (a->explicit_rules)
			return seterr(b->err, CREDAUDIT_ERR_INPUT, file, line, 0,
			              "the header has no '%s' column, which rule %s needs",
			              col_name((enum col)c), r->info.id);
		b->rep->results[i].reason = header_reason_absent((enum col)c,
		                                                 &b->rep->strings);
		if (b->rep->results[i].reason == NULL)
			return seterr_nomem(b->err, file);
	}
	return 0;
}

/*
 * Whether the verdict depends on time: some selected rule that can run
 * judges an age, or waivers are loaded (their expiry is judged at the as-of
 * moment).  Only then are the report's timestamps held against the as-of
 * moment (or the clock): a rule such as root-access-key reads no time, and
 * an edited date elsewhere in the report cannot change it.
 */
static int
judges_time(const struct builder *b)
{
	size_t i;

	if (b->audit->waivers.n > 0)
		return 1;
	for (i = 0; i < b->audit->nrules; i++)
		if (b->evaluable[i] && b->audit->rules[i]->needs_as_of)
			return 1;
	return 0;
}

/*
 * The header: which rules can run, the as-of time (the container's facts,
 * GeneratedTime, are known by now, ahead of every row) and, when it is
 * known only after the last row, what to hold for the age rules.
 */
static int
on_header(struct builder *b, const struct csvrec *rec)
{
	const int64_t *generated = b->facts.has_generated_time ?
	                           &b->facts.generated_time : NULL;

	if (header_map(&b->header, b->rep->name, rec, b->err) == -1)
		return -1;
	b->have_header = 1;
	header_row_init(&b->header, &b->row, b->rep->name);
	if (check_columns(b, rec->line) == -1)
		return -1;
	b->header_ok = 1;
	if (asof_start(&b->time, judges_time(b), generated, b->audit->clock,
	               b->rep->name, b->err) == -1)
		return -1;
	b->ev.as_of = b->time.as_of;
	b->defer = b->time.source == CREDAUDIT_ASOF_NONE &&
	           held_plan(&b->held, &b->ev, header_cols(&b->header));
	return 0;
}

static int
on_record(void *ctx, const struct csvrec *rec)
{
	struct builder *b = ctx;
	const char *file = b->rep->name;
	struct row *row = &b->row;

	if (!b->have_header)
		return on_header(b, rec);
	if (rec->nfields != b->header.nfields)
		return seterr(b->err, CREDAUDIT_ERR_INPUT, file, rec->line,
		              rec->nfields < b->header.nfields ? rec->nfields + 1 :
		              b->header.nfields + 1,
		              "row has %zu fields but the header has %zu: the row is "
		              "truncated or damaged and cannot be read",
		              rec->nfields, b->header.nfields);
	if (++b->rep->rows > b->audit->max_rows)
		return seterr(b->err, CREDAUDIT_ERR_INPUT, file, rec->line, 0,
		              "more than %lu rows: the report is not audited "
		              "(--max-rows raises the cap)", b->audit->max_rows);
	header_row_fill(&b->header, row, rec);
	if (row->n[COL_USER] == 0)
		return seterr(b->err, CREDAUDIT_ERR_INPUT, file, rec->line,
		              row->fieldno[COL_USER], "empty user name: the row cannot be attributed");
	if (identity_check_lengths(row, b->err) == -1)
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
		report_note_root_keys(b->rep, row);
	}
	if (identity_check(&b->id, row, &b->rep->strings, b->err) == -1 ||
	    asof_note_row(&b->time, row, b->err) == -1 ||
	    (b->defer && held_add(&b->held, row, b->err) == -1))
		return -1;
	return eval_row(&b->ev, row, b->defer);
}

/* After the last row: fix the as-of time and run the age rules held back. */
static int
run_deferred(struct builder *b)
{
	struct credaudit_report *rep = b->rep;
	size_t j, before;

	asof_settle(&b->time);
	rep->as_of = b->time.as_of;
	rep->as_of_source = b->time.source;
	if (!b->defer)
		return 0;
	b->findings.borrow_rows = 1;
	b->ev.as_of = b->time.as_of;
	before = b->findings.n;
	/* row after row, each row's rules together: of the values these rules
	 * read, the first bad one met is the one met with a stated as-of time */
	if (held_eval(&b->held, &b->ev, &b->row) == -1)
		return -1;
	if (b->time.source != CREDAUDIT_ASOF_NONE)
		return 0;
	/* Without an as-of time the rules still ran, so that every value they
	 * read was read (fail closed); their verdicts are dropped. */
	findings_truncate(&b->findings, before);
	for (j = 0; j < b->held.nrule; j++) {
		size_t i = b->held.rule[j];

		rep->results[i].nfindings = 0;
		b->evaluable[i] = 0;
		rep->results[i].reason = "no as-of time: the report holds no "
		                         "timestamp and none was given (--as-of)";
	}
	return 0;
}

/* After the last byte: was the report complete? */
static int
finish(struct builder *b)
{
	const char *file = b->rep->name;

	if (csvread_finish(b->csv) == -1)
		return -1;
	if (!b->have_header)
		return seterr(b->err, CREDAUDIT_ERR_INPUT, file, 1, 0,
		              "empty input: no report header, nothing can be audited");
	if (b->root_line == 0)
		return seterr(b->err, CREDAUDIT_ERR_INPUT, file,
		              csvread_lines(b->csv), 0,
		              "no <root_account> row: the report is incomplete, the root "
		              "user cannot be audited");
	if (run_deferred(b) == -1)
		return -1;
	findings_sort(&b->findings);
	b->rep->findings = b->findings;   /* the report takes the findings */
	memset(&b->findings, 0, sizeof(b->findings));
	if (apply_waivers(b) == -1)
		return -1;
	apply_baseline(b);
	b->rep->account = b->id.account;
	b->rep->partition = b->id.partition;
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
	findings_truncate(&rep->findings, 0);
	rep->nresults = 0;
	rep->account = rep->partition = NULL;
	rep->as_of = a->as_of;
	rep->as_of_source = a->as_of_source;
	if (rep->manifest_entry > 0) {
		rep->as_of = a->manifest.v[rep->manifest_entry - 1].as_of;
		rep->as_of_source = CREDAUDIT_ASOF_MANIFEST;
	} else if (rep->as_of_source == CREDAUDIT_ASOF_NONE && rep->have_input &&
	    rep->input.has_generated_time) {
		rep->as_of = rep->input.generated_time;
		rep->as_of_source = CREDAUDIT_ASOF_GENERATED;
	}
	if (rep->err.code == 0)
		seterr(&rep->err, CREDAUDIT_ERR_INTERNAL, rep->name, 0, 0,
		       "internal error");
}

/*
 * Whether the first line was a report's header, complete or damaged: it
 * named user and arn and some other column of a report.  A first line
 * whose only report columns are user and arn (credaudit's own csv output)
 * is not; nor, when it does not begin "user,", is it a report
 * (container_not_report).  A report re-saved with quoted or reordered
 * columns that lost one still names others: it stays a damaged report.
 */
static int
report_header(const struct builder *b)
{
	return b->header_ok ||
	       (b->have_header && (header_cols(&b->header) &
	                           ~(COLBIT(COL_USER) | COLBIT(COL_ARN))) != 0);
}

/* The container's bytes go to the CSV reader. */
static int
push_csv(void *ctx, const char *buf, size_t len)
{
	struct builder *b = ctx;

	return csvread_push(b->csv, buf, len);
}

/* What the container states comes before its first byte. */
static int
on_facts(void *ctx, const struct container_facts *facts)
{
	struct builder *b = ctx;

	b->facts = *facts;
	return 0;
}

/* A fresh builder of rep under audit a; me is the input's entry in the
 * evidence register (NULL: none), whose as-of time it is judged at. */
static void
builder_init(struct builder *b, const struct credaudit_audit *a,
             struct credaudit_report *rep, const struct manifest_entry *me)
{
	memset(b, 0, sizeof(*b));
	b->audit = a;
	b->rep = rep;
	b->err = &rep->err;
	if (me != NULL) {
		asof_init(&b->time, me->as_of, CREDAUDIT_ASOF_MANIFEST);
		rep->manifest_entry = (size_t)(me - a->manifest.v) + 1;
	} else {
		asof_init(&b->time, a->as_of, a->as_of_source);
	}
	b->ev.rules = a->rules;
	b->ev.nrules = a->nrules;
	b->ev.param = a->param;
	b->ev.runnable = b->evaluable;
	b->ev.out = &b->findings;
	b->ev.results = rep->results;
	b->ev.err = b->err;
}

/* The bytes read must be the ones the evidence register lists, if it
 * states their SHA-256.  0, or -1 with the report's error filled. */
static int
check_sha256(struct credaudit_report *rep, const struct manifest_entry *me)
{
	if (me == NULL || me->sha256[0] == '\0' ||
	    (rep->input.complete && strcmp(rep->input.sha256, me->sha256) == 0))
		return 0;
	return seterr(&rep->err, CREDAUDIT_ERR_INPUT, rep->name, 0, 0,
	              "SHA-256 %s of the bytes read does not match %s listed in the "
	              "manifest (line %lu, %.300s): the file is not the evidence the "
	              "register names, it is not audited", rep->input.complete ?
	              rep->input.sha256 : "(input not read to its end)", me->sha256,
	              me->line, me->path);
}

/*
 * Read from fd (buf == NULL) or from buf[0..len) into a fresh report.
 */
static struct credaudit_report *
audit_input(const struct credaudit_audit *a, const char *name, int fd,
            const void *buf, size_t len, struct credaudit_error *err)
{
	const struct read_caps caps = { a->max_input, a->max_decompressed };
	struct builder b;
	struct credaudit_report *rep;
	struct container *c = NULL;
	const struct manifest_entry *me;
	int rc = -1, complete = 0;

	if ((rep = report_new(name, err)) == NULL)
		return NULL;
	me = buf == NULL ? manifest_match(&a->manifest, fd) : NULL;
	builder_init(&b, a, rep, me);
	b.csv = csvread_new(rep->name, a->max_field, MAX_FIELDS, on_record, &b, b.err);
	if (b.csv != NULL)
		c = container_new(rep->name, a->max_decompressed, push_csv, &b, b.err);
	if (c != NULL) {
		container_on_facts(c, on_facts);
		rc = read_input(c, fd, buf, len, &caps, rep->name, &complete, b.err);
		if (rc == 0)
			rc = container_finish(c);
		if (rc == 0)
			rc = finish(&b);
		rep->have_input = 1;
		if (read_evidence(c, complete, &rep->input, &rep->strings) == -1) {
			/* out of memory outranks the input's own error: a
			 * report in error still names its evidence */
			memset(&rep->err, 0, sizeof(rep->err));
			rc = seterr_nomem(&rep->err, rep->name);
		}
		else if (check_sha256(rep, me) == -1)
			rc = -1;
		container_label_error(c, b.err);
		rep->not_report = rc == -1 && complete &&
		                  rep->err.code == CREDAUDIT_ERR_INPUT &&
		                  !report_header(&b) && container_not_report(c);
	}
	container_free(c);
	csvread_free(b.csv);
	if (rc == 0 && b.defer)
		rep->held = held_take(&b.held);   /* findings point into the rows */
	held_free(&b.held);
	findings_free(&b.findings);
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

/*
 * The chain of a member: "ARCHIVE > MEMBER > layers", the names escaped to
 * printable ASCII (esc_text), since they are bytes of an archive and the
 * chain is shown as it is.  NULL when memory ran out.
 */
static const char *
member_chain(struct credaudit_report *rep, const char *archive, const char *member)
{
	const char *chain = rep->input.container ? rep->input.container : "";
	struct buf b = { 0 };
	const char *out = NULL;

	if (esc_text(&b, archive) == 0 && buf_add(&b, " > ", 3) == 0 &&
	    esc_text(&b, member) == 0 &&
	    (chain[0] == '\0' || (buf_add(&b, " > ", 3) == 0 &&
	                          buf_add(&b, chain, strlen(chain)) == 0)))
		out = arena_strndup(&rep->strings, b.data, b.len);
	buf_free(&b);
	return out;
}

struct credaudit_report *
credaudit_audit_member(const struct credaudit_audit *a, const char *archive,
                       const char *member, const void *buf, size_t len,
                       struct credaudit_error *err)
{
	struct credaudit_report *rep;
	const char *chain;
	size_t n = strlen(archive) + strlen(member) + 4;
	char *name = ca_malloc(n);

	if (name == NULL) {
		seterr_nomem(err, archive);
		return NULL;
	}
	snprintf(name, n, "%s > %s", archive, member);
	rep = credaudit_audit_buffer(a, name, buf, len, err);
	ca_free(name);
	if (rep == NULL || !rep->have_input)
		return rep;
	if ((chain = member_chain(rep, archive, member)) == NULL) {
		credaudit_report_free(rep);
		seterr_nomem(err, archive);
		return NULL;
	}
	rep->input.container = chain;
	return rep;
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
