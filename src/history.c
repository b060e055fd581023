/*
 * history.c - collect a small record of every report, sort them by
 * account and as-of time, and walk each account's reports in time order
 * to derive the root key intervals, events, evidence gaps and conflicts.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "history.h"
#include "util.h"

/* What history keeps of one report. */
struct hrep {
	char *file;
	size_t index;                /* input order */
	char *account, *partition;   /* NULL when in error */
	int64_t as_of;
	enum credaudit_asof_source src;
	struct credaudit_root_key key[2];
	char *error;                 /* why it cannot be placed, or NULL */
	unsigned long line, column;
};

enum ev_kind { EV_APPEARED, EV_ACTIVATED, EV_DEACTIVATED, EV_DELETED, EV_REPLACED };

static const char *const ev_names[] = {
	"appeared", "activated", "deactivated", "deleted", "replaced"
};

struct event {
	enum ev_kind kind;
	unsigned slot;
	int64_t time, after;          /* seen at time, not yet at after */
	const struct credaudit_root_key *key, *old;   /* old: the key before */
	const char *file;
};

struct interval {
	unsigned slot;
	const struct credaudit_root_key *key;
	int64_t from, to;             /* first and last report showing it active */
	size_t seen;
	int open;                     /* still active in the latest report */
	int64_t ended;                /* first report no longer showing it */
	const char *end;              /* deactivated, deleted, replaced */
};

struct gap {
	int64_t from, to;
};

struct conflict {
	int64_t time;
	const char *a, *b;
};

/* The derived history of one account: arrays grown as needed. */
struct account_hist {
	const struct hrep *first;     /* reports [first, first + n) */
	size_t n;
	struct event *ev;
	size_t nev, capev;
	struct interval *iv;
	size_t niv, capiv;
	struct gap *gap;
	size_t ngap, capgap;
	struct conflict *cf;
	size_t ncf, capcf;
};

struct hist {
	struct hrep *r;
	size_t n, cap;
	size_t nerrors;
};

/* Append one element to a growable array; 0 or -1. */
static int
grow(void **p, size_t *n, size_t *cap, size_t size)
{
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 8;
		void *q = realloc(*p, c * size);

		if (q == NULL)
			return -1;
		*p = q;
		*cap = c;
	}
	(*n)++;
	return 0;
}

#define PUSH(arr, n, cap) grow((void **)&(arr), &(n), &(cap), sizeof(*(arr)))

/* ---- collecting ---- */

static int
set_error(struct hrep *h, const char *text, unsigned long line, unsigned long col)
{
	h->error = strdup(text);
	h->line = line;
	h->column = col;
	return h->error ? 0 : -1;
}

static int
on_report(void *ctx, const struct credaudit_report *rep, struct credaudit_error *err)
{
	struct hist *hs = ctx;
	const struct credaudit_error *e = credaudit_report_error(rep);
	struct hrep *h;
	int rc = 0;

	if (PUSH(hs->r, hs->n, hs->cap) == -1)
		return seterr_nomem(err, NULL);
	h = &hs->r[hs->n - 1];
	memset(h, 0, sizeof(*h));
	h->index = hs->n - 1;
	if ((h->file = strdup(credaudit_report_name(rep))) == NULL)
		return hs->n--, seterr_nomem(err, NULL);
	if (e != NULL)
		rc = set_error(h, e->text, e->line, e->column);
	else if ((h->src = credaudit_report_as_of(rep, &h->as_of)) == CREDAUDIT_ASOF_NONE)
		rc = set_error(h, "no as-of time: the report holds no timestamp, it cannot "
		               "be placed in the history", 0, 0);
	else if (credaudit_report_root_key(rep, 1, &h->key[0]) == -1 ||
	         credaudit_report_root_key(rep, 2, &h->key[1]) == -1)
		rc = set_error(h, "the root row's access key columns cannot be read",
		               credaudit_report_root_line(rep), 0);
	else if ((h->account = strdup(credaudit_report_account(rep))) == NULL ||
	         (h->partition = strdup(credaudit_report_partition(rep))) == NULL)
		rc = -1;
	if (h->error != NULL)
		hs->nerrors++;
	return rc == -1 ? seterr_nomem(err, NULL) : 0;
}

/* Errors first (in input order), then by account, partition, time, path. */
static int
cmp_hrep(const void *pa, const void *pb)
{
	const struct hrep *a = pa, *b = pb;
	int c;

	if ((a->error != NULL) != (b->error != NULL))
		return a->error != NULL ? -1 : 1;
	if (a->error != NULL)
		return a->index < b->index ? -1 : a->index > b->index;
	if ((c = strcmp(a->account, b->account)) != 0 ||
	    (c = strcmp(a->partition, b->partition)) != 0)
		return c;
	if (a->as_of != b->as_of)
		return a->as_of < b->as_of ? -1 : 1;
	return strcmp(a->file, b->file);
}

/* ---- deriving ---- */

static int
has_key(const struct credaudit_root_key *k)
{
	return k->present || k->active;
}

/* The same key: both exist and, where both are dated, with one date. */
static int
same_key(const struct credaudit_root_key *a, const struct credaudit_root_key *b)
{
	return has_key(a) && has_key(b) &&
	       (!a->present || !b->present || a->created == b->created);
}

static int
same_state(const struct hrep *a, const struct hrep *b)
{
	unsigned s;

	for (s = 0; s < 2; s++)
		if (a->key[s].active != b->key[s].active ||
		    a->key[s].present != b->key[s].present ||
		    (a->key[s].present && a->key[s].created != b->key[s].created))
			return 0;
	return 1;
}

static int
event(struct account_hist *h, enum ev_kind k, unsigned slot, const struct hrep *prev,
      const struct hrep *cur)
{
	struct event *e;

	if (PUSH(h->ev, h->nev, h->capev) == -1)
		return -1;
	e = &h->ev[h->nev - 1];
	e->kind = k;
	e->slot = slot;
	e->time = cur->as_of;
	e->after = prev->as_of;
	e->key = &cur->key[slot];
	e->old = &prev->key[slot];
	e->file = cur->file;
	return 0;
}

/* The events of slot between two consecutive moments. */
static int
transition(struct account_hist *h, unsigned s, const struct hrep *p, const struct hrep *c)
{
	const struct credaudit_root_key *a = &p->key[s], *b = &c->key[s];

	if (!has_key(a) && has_key(b))
		return event(h, EV_APPEARED, s, p, c);
	if (has_key(a) && !has_key(b))
		return event(h, EV_DELETED, s, p, c);
	if (has_key(a) && !same_key(a, b))
		return event(h, EV_REPLACED, s, p, c);
	if (has_key(a) && a->active && !b->active)
		return event(h, EV_DEACTIVATED, s, p, c);
	if (has_key(a) && !a->active && b->active)
		return event(h, EV_ACTIVATED, s, p, c);
	return 0;
}

/* Extend, close or open the active interval of slot s at report c;
 * open[s] is the index of the slot's open interval, or -1. */
static int
track(struct account_hist *h, long *open, unsigned s, const struct hrep *c)
{
	const struct credaudit_root_key *k = &c->key[s];
	struct interval *iv = open[s] >= 0 ? &h->iv[open[s]] : NULL;

	if (iv != NULL && k->active && same_key(iv->key, k)) {
		iv->to = c->as_of;
		iv->seen++;
		return 0;
	}
	if (iv != NULL) {
		iv->open = 0;
		iv->ended = c->as_of;
		iv->end = !has_key(k) ? "deleted" : same_key(iv->key, k) ? "deactivated" :
		          "replaced";
		open[s] = -1;
	}
	if (!k->active)
		return 0;
	if (PUSH(h->iv, h->niv, h->capiv) == -1)
		return -1;
	iv = &h->iv[h->niv - 1];
	memset(iv, 0, sizeof(*iv));
	iv->slot = s;
	iv->key = k;
	iv->from = iv->to = c->as_of;
	iv->seen = 1;
	iv->open = 1;
	open[s] = (long)(h->niv - 1);
	return 0;
}

static int
derive(struct account_hist *h, int64_t gap)
{
	const struct hrep *prev = NULL, *r;
	long open[2] = { -1, -1 };
	size_t i;
	unsigned s;

	for (i = 0; i < h->n; i++) {
		r = &h->first[i];
		if (prev != NULL && r->as_of == prev->as_of) {
			if (!same_state(prev, r)) {
				if (PUSH(h->cf, h->ncf, h->capcf) == -1)
					return -1;
				h->cf[h->ncf - 1] = (struct conflict){ r->as_of, prev->file, r->file };
			}
			continue;   /* the first report of a moment stands for it */
		}
		if (prev != NULL && r->as_of - prev->as_of > gap) {
			if (PUSH(h->gap, h->ngap, h->capgap) == -1)
				return -1;
			h->gap[h->ngap - 1] = (struct gap){ prev->as_of, r->as_of };
		}
		for (s = 0; s < 2; s++)
			if ((prev != NULL && transition(h, s, prev, r) == -1) ||
			    track(h, open, s, r) == -1)
				return -1;
		prev = r;
	}
	return 0;
}

/* ---- writing ---- */

struct out {
	credaudit_write_fn write;
	void *ctx;
	int failed;
	struct buf esc;
};

static void
put(struct out *o, const char *s, size_t n)
{
	if (!o->failed && n > 0 && o->write(o->ctx, s, n) == -1)
		o->failed = 1;
}

static void outf(struct out *o, const char *fmt, ...) PRINTF_LIKE(2, 3);

static void
outf(struct out *o, const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		o->failed = 1;
	else
		put(o, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
}

/* Report text, escaped for a terminal. */
static const char *
safe(struct out *o, const char *s)
{
	o->esc.len = 0;
	if (esc_text(&o->esc, s) == -1 || buf_addc(&o->esc, '\0') == -1) {
		o->failed = 1;
		return "";
	}
	return o->esc.data;
}

static const char *
when(int64_t t, char *buf)
{
	credaudit_time_format(t, buf, 32);
	return buf;
}

static void
text_key(struct out *o, unsigned slot, const struct credaudit_root_key *k)
{
	char t[32];

	outf(o, "access_key_%u (", slot + 1);
	if (k->present)
		outf(o, "created %s)", when(k->created, t));
	else
		outf(o, "no creation date)");
}

static void
text_account(struct out *o, const struct account_hist *h)
{
	char t1[32], t2[32];
	size_t i;

	outf(o, "\naccount %s", safe(o, h->first->account));
	outf(o, " (%s): %zu report%s, as of %s to %s\n", safe(o, h->first->partition),
	     h->n, h->n == 1 ? "" : "s", when(h->first->as_of, t1),
	     when(h->first[h->n - 1].as_of, t2));
	outf(o, "  reports:\n");
	for (i = 0; i < h->n; i++)
		outf(o, "    %s  %s (%s)\n", when(h->first[i].as_of, t1),
		     safe(o, h->first[i].file), credaudit_asof_source_name(h->first[i].src));
	outf(o, "  root key active:%s\n", h->niv ? "" : " never, in any report");
	for (i = 0; i < h->niv; i++) {
		const struct interval *iv = &h->iv[i];

		outf(o, "    ");
		text_key(o, iv->slot, iv->key);
		outf(o, ": active in %zu report%s, %s to %s; ", iv->seen,
		     iv->seen == 1 ? "" : "s", when(iv->from, t1), when(iv->to, t2));
		if (iv->open)
			outf(o, "still active in the latest report\n");
		else
			outf(o, "%s by %s\n", iv->end, when(iv->ended, t1));
	}
	outf(o, "  events:%s\n", h->nev ? "" : " none");
	for (i = 0; i < h->nev; i++) {
		const struct event *e = &h->ev[i];

		outf(o, "    %s  ", when(e->time, t1));
		text_key(o, e->slot, e->kind == EV_DELETED ? e->old : e->key);
		outf(o, " %s", ev_names[e->kind]);
		if (e->kind == EV_REPLACED) {
			outf(o, ", replacing ");
			text_key(o, e->slot, e->old);
		}
		if (e->kind == EV_APPEARED)
			outf(o, e->key->active ? ", active" : ", inactive");
		outf(o, " (previous report: %s)\n", when(e->after, t2));
	}
	outf(o, "  gaps without evidence:%s\n", h->ngap ? "" : " none");
	for (i = 0; i < h->ngap; i++)
		outf(o, "    %s to %s: %.1f days\n", when(h->gap[i].from, t1),
		     when(h->gap[i].to, t2), (double)(h->gap[i].to - h->gap[i].from) / 86400.0);
	outf(o, "  conflicting reports:%s\n", h->ncf ? "" : " none");
	for (i = 0; i < h->ncf; i++) {
		outf(o, "    %s: %s", when(h->cf[i].time, t1), safe(o, h->cf[i].a));
		outf(o, " and %s disagree on the root keys\n", safe(o, h->cf[i].b));
	}
}

static void
text_errors(struct out *o, const struct hist *hs)
{
	size_t i;

	if (hs->nerrors == 0)
		return;
	outf(o, "\nnot read:\n");
	for (i = 0; i < hs->nerrors; i++) {
		const struct hrep *h = &hs->r[i];

		outf(o, "  %s", safe(o, h->file));
		if (h->line)
			outf(o, ":%lu", h->line);
		if (h->line && h->column)
			outf(o, ":%lu", h->column);
		outf(o, ": error: %s\n", safe(o, h->error));
	}
}

/* ---- JSON ---- */

static json_t *
jstr(struct out *o, const char *s)
{
	o->esc.len = 0;
	if (esc_utf8(&o->esc, s) == -1)
		return NULL;
	return json_stringn(o->esc.data ? o->esc.data : "", o->esc.len);
}

static json_t *
jtime(int64_t t)
{
	char buf[32];

	return json_string(when(t, buf));
}

static json_t *
jcreated(const struct credaudit_root_key *k)
{
	return k->present ? jtime(k->created) : json_null();
}

static json_t *
json_account(struct out *o, const struct account_hist *h)
{
	json_t *reps = json_array(), *ivs = json_array(), *evs = json_array();
	json_t *gaps = json_array(), *cfs = json_array();
	int bad = !reps || !ivs || !evs || !gaps || !cfs;
	char cred[16];
	size_t i;

	for (i = 0; i < h->n; i++)
		bad |= json_array_append_new(reps, json_pack("{s:o, s:o, s:s}",
		        "file", jstr(o, h->first[i].file), "as_of", jtime(h->first[i].as_of),
		        "source", credaudit_asof_source_name(h->first[i].src)));
	for (i = 0; i < h->niv; i++) {
		const struct interval *iv = &h->iv[i];

		snprintf(cred, sizeof(cred), "access_key_%u", iv->slot + 1);
		bad |= json_array_append_new(ivs, json_pack(
		        "{s:s, s:o, s:o, s:o, s:I, s:o, s:s?}", "credential", cred,
		        "key_created", jcreated(iv->key), "from", jtime(iv->from), "to",
		        jtime(iv->to), "reports", (json_int_t)iv->seen, "ended",
		        iv->open ? json_null() : jtime(iv->ended), "end", iv->end));
	}
	for (i = 0; i < h->nev; i++) {
		const struct event *e = &h->ev[i];

		snprintf(cred, sizeof(cred), "access_key_%u", e->slot + 1);
		bad |= json_array_append_new(evs, json_pack(
		        "{s:o, s:o, s:s, s:s, s:o, s:o, s:b}", "time", jtime(e->time),
		        "after", jtime(e->after), "credential", cred, "event",
		        ev_names[e->kind], "key_created",
		        jcreated(e->kind == EV_DELETED ? e->old : e->key),
		        "previous_key_created", e->kind == EV_REPLACED ? jcreated(e->old) :
		        json_null(), "active", e->kind == EV_DELETED ? 0 : e->key->active));
	}
	for (i = 0; i < h->ngap; i++)
		bad |= json_array_append_new(gaps, json_pack("{s:o, s:o, s:I}",
		        "from", jtime(h->gap[i].from), "to", jtime(h->gap[i].to), "seconds",
		        (json_int_t)(h->gap[i].to - h->gap[i].from)));
	for (i = 0; i < h->ncf; i++)
		bad |= json_array_append_new(cfs, json_pack("{s:o, s:[o, o]}",
		        "time", jtime(h->cf[i].time), "files", jstr(o, h->cf[i].a),
		        jstr(o, h->cf[i].b)));
	if (bad) {
		json_decref(reps), json_decref(ivs), json_decref(evs);
		json_decref(gaps), json_decref(cfs);
		return NULL;
	}
	return json_pack("{s:o, s:o, s:{s:o, s:o}, s:o, s:o, s:o, s:o, s:o}",
	                 "account", jstr(o, h->first->account),
	                 "partition", jstr(o, h->first->partition), "period",
	                 "from", jtime(h->first->as_of), "to", jtime(h->first[h->n - 1].as_of),
	                 "reports", reps, "intervals", ivs, "events", evs, "gaps", gaps,
	                 "conflicts", cfs);
}

static json_t *
json_errors(struct out *o, const struct hist *hs)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; a != NULL && i < hs->nerrors; i++)
		if (json_array_append_new(a, json_pack("{s:o, s:o, s:I, s:I}",
		        "file", jstr(o, hs->r[i].file), "message", jstr(o, hs->r[i].error),
		        "line", (json_int_t)hs->r[i].line,
		        "column", (json_int_t)hs->r[i].column)) == -1) {
			json_decref(a);
			return NULL;
		}
	return a;
}

/* ---- the run ---- */

int
history_format_ok(const char *format)
{
	return strcmp(format, "text") == 0 || strcmp(format, "json") == 0;
}

static void
free_account(struct account_hist *h)
{
	free(h->ev);
	free(h->iv);
	free(h->gap);
	free(h->cf);
	memset(h, 0, sizeof(*h));
}

static void
free_hist(struct hist *hs)
{
	size_t i;

	for (i = 0; i < hs->n; i++) {
		free(hs->r[i].file);
		free(hs->r[i].account);
		free(hs->r[i].partition);
		free(hs->r[i].error);
	}
	free(hs->r);
}

/* Derive and write every account; counts into totals[3]: accounts,
 * accounts with an active root key, conflicts.  0 or -1 (memory). */
static int
write_accounts(struct out *o, const struct hist *hs, const struct history_opts *opt,
               json_t *jaccts, size_t *totals)
{
	size_t i = hs->nerrors;

	while (i < hs->n) {
		struct account_hist h;
		size_t j = i + 1;

		while (j < hs->n && strcmp(hs->r[j].account, hs->r[i].account) == 0 &&
		       strcmp(hs->r[j].partition, hs->r[i].partition) == 0)
			j++;
		memset(&h, 0, sizeof(h));
		h.first = &hs->r[i];
		h.n = j - i;
		if (derive(&h, opt->gap) == -1 ||
		    (jaccts != NULL && json_array_append_new(jaccts, json_account(o, &h)) == -1)) {
			free_account(&h);
			return -1;
		}
		if (jaccts == NULL)
			text_account(o, &h);
		totals[0]++;
		totals[1] += h.niv > 0;
		totals[2] += h.ncf;
		free_account(&h);
		i = j;
	}
	return 0;
}

static int
write_json(struct out *o, const struct hist *hs, const struct history_opts *opt)
{
	json_t *doc, *accts = json_array();
	size_t totals[3] = { 0, 0, 0 };
	char *text;

	if (accts == NULL || write_accounts(o, hs, opt, accts, totals) == -1) {
		json_decref(accts);
		return -1;
	}
	doc = json_pack("{s:i, s:{s:s, s:s}, s:{s:I}, s:o, s:o, s:{s:I, s:I, s:I, s:I, s:I}}",
	                "schema_version", 1, "tool", "name", "credaudit", "version",
	                CREDAUDIT_VERSION, "history", "gap_days", (json_int_t)opt->gap_days,
	                "accounts", accts, "errors", json_errors(o, hs), "summary",
	                "inputs", (json_int_t)hs->n, "errors", (json_int_t)hs->nerrors,
	                "accounts", (json_int_t)totals[0],
	                "accounts_with_root_key", (json_int_t)totals[1],
	                "conflicts", (json_int_t)totals[2]);
	if (doc == NULL)
		return -1;
	text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
	json_decref(doc);
	if (text == NULL)
		return -1;
	put(o, text, strlen(text));
	put(o, "\n", 1);
	free(text);
	return totals[1] + totals[2] > 0;
}

static int
write_text(struct out *o, const struct hist *hs, const struct history_opts *opt)
{
	size_t totals[3] = { 0, 0, 0 };

	outf(o, "history of the root user's access keys: %zu input%s, %zu not read; "
	     "gaps longer than %lld day%s are shown\n", hs->n, hs->n == 1 ? "" : "s",
	     hs->nerrors, (long long)opt->gap_days, opt->gap_days == 1 ? "" : "s");
	if (write_accounts(o, hs, opt, NULL, totals) == -1)
		return -1;
	text_errors(o, hs);
	outf(o, "\n%zu account%s, %zu with an active root key at some time, "
	     "%zu conflict%s\n", totals[0], totals[0] == 1 ? "" : "s", totals[1],
	     totals[2], totals[2] == 1 ? "" : "s");
	return totals[1] + totals[2] > 0;
}

int
history_run(const struct credaudit_audit *audit, const struct walk *w,
            const struct history_opts *opt, credaudit_write_fn write, void *ctx,
            struct credaudit_error *err)
{
	struct hist hs = { 0 };
	struct out o = { write, ctx, 0, { 0 } };
	int rc;

	if (batch_run(audit, w, &opt->batch, on_report, &hs, err) == -1) {
		free_hist(&hs);
		return CREDAUDIT_ERR_INTERNAL;
	}
	if (hs.n > 1)
		qsort(hs.r, hs.n, sizeof(*hs.r), cmp_hrep);
	rc = strcmp(opt->format, "json") == 0 ? write_json(&o, &hs, opt) :
	     write_text(&o, &hs, opt);
	buf_free(&o.esc);
	if (rc == -1 || o.failed) {
		if (rc == -1)
			seterr_nomem(err, NULL);
		else
			seterr(err, CREDAUDIT_ERR_INTERNAL, NULL, 0, 0, "cannot write the output");
		free_hist(&hs);
		return CREDAUDIT_ERR_INTERNAL;
	}
	rc = hs.nerrors > 0 ? CREDAUDIT_ERR_INPUT : rc;
	free_hist(&hs);
	return rc;
}
