/*
 * history.c - collect a small record of every report, sort them by
 * account and as-of time, and walk each account's reports in time order
 * to derive the root key intervals, events, evidence gaps and conflicts.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "render/fmt.h"
#include "history/history.h"
#include "base/util.h"

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
		void *q = ca_realloc(*p, c * size);

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
	h->error = ca_strdup(text);
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
	if ((h->file = ca_strdup(credaudit_report_name(rep))) == NULL)
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
	else if ((h->account = ca_strdup(credaudit_report_account(rep))) == NULL ||
	         (h->partition = ca_strdup(credaudit_report_partition(rep))) == NULL)
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

/* ---- HTML ---- */

/* Report text, escaped for HTML text content (never an attribute). */
static void
hput(struct out *o, const char *s)
{
	o->esc.len = 0;
	if (esc_html(&o->esc, s ? s : "") == -1)
		o->failed = 1;
	else
		put(o, o->esc.data, o->esc.len);
}

/* Report text inside SVG, where markup escapes only (no span). */
static void
sput(struct out *o, const char *s)
{
	o->esc.len = 0;
	if (esc_markup(&o->esc, s ? s : "") == -1)
		o->failed = 1;
	else
		put(o, o->esc.data, o->esc.len);
}

/* The timeline's geometry: labels left of X0, the time axis X0..X1. */
#define TL_W 900
#define TL_X0 120
#define TL_X1 880
#define TL_LANE(s) (34 + 36 * (long)(s))   /* top of slot s's lane */
#define TL_LANE_H 24
#define TL_AXIS 112
#define TL_H 176

static long
tl_x(const struct account_hist *h, int64_t t)
{
	int64_t t0 = h->first->as_of, span = h->first[h->n - 1].as_of - t0;

	if (span <= 0)
		return TL_X0;
	return TL_X0 + (long)((t - t0) * (TL_X1 - TL_X0) / span);
}

static const char *const ev_fill[] = {
	"#8b0000", "#c0392b", "#1f5f8b", "#555", "#7d3c98"
};
static const char *const ev_mark[] = { "A", "+", "&#8722;", "D", "R" };

static void
tl_marker(struct out *o, long x, long y, enum ev_kind k)
{
	outf(o, "<circle cx=\"%ld\" cy=\"%ld\" r=\"8\" fill=\"%s\" stroke=\"#fff\"/>"
	     "<text x=\"%ld\" y=\"%ld\" text-anchor=\"middle\" fill=\"#fff\" "
	     "font-weight=\"bold\">%s</text>", x, y, ev_fill[k], x, y + 4, ev_mark[k]);
}

/* The inline SVG timeline of one account; idx makes its ids unique. */
static void
html_timeline(struct out *o, const struct account_hist *h, size_t idx)
{
	char t1[32], t2[32];
	size_t i;
	unsigned s;
	long x, x2, y;

	outf(o, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart timeline\" "
	     "role=\"img\" aria-labelledby=\"tl-title-%zu\" width=\"%d\" height=\"%d\" "
	     "viewBox=\"0 0 %d %d\">\n<title id=\"tl-title-%zu\">Root access keys of "
	     "account ", idx, TL_W, TL_H, TL_W, TL_H, idx);
	sput(o, h->first->account);
	outf(o, " over time</title>\n<defs><pattern id=\"hatch-%zu\" width=\"8\" "
	     "height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
	     "<rect width=\"8\" height=\"8\" fill=\"#fff\"/><line x1=\"0\" y1=\"0\" "
	     "x2=\"0\" y2=\"8\" stroke=\"#bbb\" stroke-width=\"3\"/></pattern></defs>\n",
	     idx);
	/* gaps without evidence, behind everything */
	for (i = 0; i < h->ngap; i++) {
		x = tl_x(h, h->gap[i].from);
		x2 = tl_x(h, h->gap[i].to);
		outf(o, "<g class=\"gap\"><title>no evidence from %s to %s (%.1f days)"
		     "</title><rect x=\"%ld\" y=\"26\" width=\"%ld\" height=\"%ld\" "
		     "fill=\"url(#hatch-%zu)\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>"
		     "<text x=\"%ld\" y=\"18\" text-anchor=\"middle\" fill=\"#555\">"
		     "no evidence, %.1f days</text></g>\n", when(h->gap[i].from, t1),
		     when(h->gap[i].to, t2),
		     (double)(h->gap[i].to - h->gap[i].from) / 86400.0, x, x2 - x,
		     (long)(TL_AXIS - 30), idx, (x + x2) / 2,
		     (double)(h->gap[i].to - h->gap[i].from) / 86400.0);
	}
	/* lanes */
	for (s = 0; s < 2; s++) {
		y = TL_LANE(s);
		outf(o, "<text x=\"0\" y=\"%ld\">access_key_%u</text><line x1=\"%d\" "
		     "y1=\"%ld\" x2=\"%d\" y2=\"%ld\" stroke=\"#ddd\"/>\n", y + 16, s + 1,
		     TL_X0, y + TL_LANE_H / 2, TL_X1, y + TL_LANE_H / 2);
	}
	/* active intervals: solid from first to last report showing the key
	 * active, dashed to the report no longer showing it */
	for (i = 0; i < h->niv; i++) {
		const struct interval *iv = &h->iv[i];

		y = TL_LANE(iv->slot);
		x = tl_x(h, iv->from);
		x2 = tl_x(h, iv->to);
		outf(o, "<g class=\"active\"><title>access_key_%u active in %zu report%s, "
		     "%s to %s</title>", iv->slot + 1, iv->seen, iv->seen == 1 ? "" : "s",
		     when(iv->from, t1), when(iv->to, t2));
		if (!iv->open)
			outf(o, "<line x1=\"%ld\" y1=\"%ld\" x2=\"%ld\" y2=\"%ld\" "
			     "stroke=\"#c0392b\" stroke-width=\"3\" stroke-dasharray=\"5 4\"/>",
			     x2, y + TL_LANE_H / 2, tl_x(h, iv->ended), y + TL_LANE_H / 2);
		outf(o, "<rect x=\"%ld\" y=\"%ld\" width=\"%ld\" height=\"%d\" "
		     "fill=\"#c0392b\" fill-opacity=\"0.75\"/></g>\n", x - 2, y + 4,
		     x2 - x + 4, TL_LANE_H - 8);
	}
	/* conflicting same-time reports */
	for (i = 0; i < h->ncf; i++) {
		x = tl_x(h, h->cf[i].time);
		outf(o, "<g class=\"conflict\"><title>conflicting reports as of %s</title>"
		     "<line x1=\"%ld\" y1=\"24\" x2=\"%ld\" y2=\"%d\" stroke=\"#a00\" "
		     "stroke-width=\"2\" stroke-dasharray=\"2 2\"/><text x=\"%ld\" y=\"18\" "
		     "text-anchor=\"middle\" fill=\"#a00\" font-weight=\"bold\">"
		     "conflict</text></g>\n", when(h->cf[i].time, t1), x, x, TL_AXIS - 4, x);
	}
	/* events */
	for (i = 0; i < h->nev; i++) {
		const struct event *e = &h->ev[i];

		outf(o, "<g class=\"event\"><title>%s: access_key_%u %s</title>",
		     when(e->time, t1), e->slot + 1, ev_names[e->kind]);
		tl_marker(o, tl_x(h, e->time), TL_LANE(e->slot) + TL_LANE_H / 2, e->kind);
		outf(o, "</g>\n");
	}
	/* the time axis: one tick per report, first and last time */
	outf(o, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>",
	     TL_X0, TL_AXIS, TL_X1, TL_AXIS);
	for (i = 0; i < h->n; i++)
		if (i == 0 || h->first[i].as_of != h->first[i - 1].as_of) {
			x = tl_x(h, h->first[i].as_of);
			outf(o, "<line x1=\"%ld\" y1=\"%d\" x2=\"%ld\" y2=\"%d\" "
			     "stroke=\"#333\"/>", x, TL_AXIS - 5, x, TL_AXIS + 5);
		}
	outf(o, "\n<text x=\"0\" y=\"%d\">reports</text><text x=\"%d\" y=\"%d\">%s"
	     "</text>", TL_AXIS + 4, TL_X0, TL_AXIS + 20, when(h->first->as_of, t1));
	if (h->first[h->n - 1].as_of != h->first->as_of)
		outf(o, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", TL_X1,
		     TL_AXIS + 20, when(h->first[h->n - 1].as_of, t2));
	/* legend */
	outf(o, "\n<g class=\"legend\"><rect x=\"%d\" y=\"%d\" width=\"24\" "
	     "height=\"12\" fill=\"#c0392b\" fill-opacity=\"0.75\"/><text x=\"%d\" "
	     "y=\"%d\">active</text>", TL_X0, TL_H - 24, TL_X0 + 30, TL_H - 14);
	for (i = 0; i < 5; i++) {
		x = TL_X0 + 100 + 110 * (long)i;
		tl_marker(o, x, TL_H - 18, (enum ev_kind)i);
		outf(o, "<text x=\"%ld\" y=\"%d\">%s</text>", x + 12, TL_H - 14, ev_names[i]);
	}
	outf(o, "</g>\n</svg>\n");
}

static void
html_key_created(struct out *o, const struct credaudit_root_key *k)
{
	char t[32];

	if (k->present)
		outf(o, "<span class=\"nowrap\">%s</span>", when(k->created, t));
	else
		outf(o, "<span class=\"src\">no date</span>");
}

static void
html_account(struct out *o, const struct account_hist *h, size_t idx)
{
	char t1[32], t2[32];
	size_t i;

	outf(o, "<section class=\"input account\" id=\"account-%zu\">\n<h2>Account ", idx);
	hput(o, h->first->account);
	outf(o, " (");
	hput(o, h->first->partition);
	outf(o, ")</h2>\n<p>%zu report%s, as of <span class=\"nowrap\">%s</span> to "
	     "<span class=\"nowrap\">%s</span>. <span class=\"verdict %s\">%s</span></p>\n",
	     h->n, h->n == 1 ? "" : "s", when(h->first->as_of, t1),
	     when(h->first[h->n - 1].as_of, t2), h->niv ? "fail" : "pass",
	     h->niv ? "The root user had an active access key." :
	     "No report shows an active root access key.");
	html_timeline(o, h, idx);
	outf(o, "<h3>Root key active (%zu)</h3>\n", h->niv);
	if (h->niv == 0)
		outf(o, "<p>Never, in any report.</p>\n");
	else
		outf(o, "<table><thead><tr><th>credential</th><th>key created</th>"
		     "<th>first seen active</th><th>last seen active</th><th>reports</th>"
		     "<th>ended</th></tr></thead><tbody>\n");
	for (i = 0; i < h->niv; i++) {
		const struct interval *iv = &h->iv[i];

		outf(o, "<tr><td class=\"nowrap\">access_key_%u</td><td>", iv->slot + 1);
		html_key_created(o, iv->key);
		outf(o, "</td><td class=\"nowrap\">%s</td><td class=\"nowrap\">%s</td>"
		     "<td>%zu</td><td>", when(iv->from, t1), when(iv->to, t2), iv->seen);
		if (iv->open)
			outf(o, "<span class=\"verdict fail\">still active</span> in the "
			     "latest report</td></tr>\n");
		else
			outf(o, "%s by <span class=\"nowrap\">%s</span></td></tr>\n", iv->end,
			     when(iv->ended, t1));
	}
	if (h->niv)
		outf(o, "</tbody></table>\n");
	outf(o, "<h3>Events (%zu)</h3>\n", h->nev);
	if (h->nev == 0)
		outf(o, "<p>None.</p>\n");
	else
		outf(o, "<table><thead><tr><th>time</th><th>previous report</th>"
		     "<th>credential</th><th>event</th><th>key created</th>"
		     "<th>replaced key created</th></tr></thead><tbody>\n");
	for (i = 0; i < h->nev; i++) {
		const struct event *e = &h->ev[i];

		outf(o, "<tr><td class=\"nowrap\">%s</td><td class=\"nowrap\">%s</td>"
		     "<td class=\"nowrap\">access_key_%u</td><td>%s%s</td><td>",
		     when(e->time, t1), when(e->after, t2), e->slot + 1, ev_names[e->kind],
		     e->kind != EV_APPEARED ? "" : e->key->active ? ", active" : ", inactive");
		html_key_created(o, e->kind == EV_DELETED ? e->old : e->key);
		outf(o, "</td><td>");
		if (e->kind == EV_REPLACED)
			html_key_created(o, e->old);
		else
			outf(o, "&#8212;");
		outf(o, "</td></tr>\n");
	}
	if (h->nev)
		outf(o, "</tbody></table>\n");
	outf(o, "<h3>Gaps without evidence (%zu)</h3>\n", h->ngap);
	if (h->ngap == 0)
		outf(o, "<p>None.</p>\n");
	else
		outf(o, "<table><thead><tr><th>from</th><th>to</th><th>days</th></tr>"
		     "</thead><tbody>\n");
	for (i = 0; i < h->ngap; i++)
		outf(o, "<tr><td class=\"nowrap\">%s</td><td class=\"nowrap\">%s</td>"
		     "<td>%.1f</td></tr>\n", when(h->gap[i].from, t1), when(h->gap[i].to, t2),
		     (double)(h->gap[i].to - h->gap[i].from) / 86400.0);
	if (h->ngap)
		outf(o, "</tbody></table>\n");
	outf(o, "<h3>Conflicting reports (%zu)</h3>\n", h->ncf);
	if (h->ncf == 0)
		outf(o, "<p>None.</p>\n");
	else
		outf(o, "<table><thead><tr><th>as of</th><th>reports that disagree on the "
		     "root keys</th></tr></thead><tbody>\n");
	for (i = 0; i < h->ncf; i++) {
		outf(o, "<tr><td class=\"nowrap\">%s</td><td>", when(h->cf[i].time, t1));
		hput(o, h->cf[i].a);
		outf(o, "<br/>");
		hput(o, h->cf[i].b);
		outf(o, "</td></tr>\n");
	}
	if (h->ncf)
		outf(o, "</tbody></table>\n");
	outf(o, "<h3>Reports (%zu)</h3>\n<table><thead><tr><th>as of</th><th>file</th>"
	     "<th>time from</th></tr></thead><tbody>\n", h->n);
	for (i = 0; i < h->n; i++) {
		outf(o, "<tr><td class=\"nowrap\">%s</td><td>", when(h->first[i].as_of, t1));
		hput(o, h->first[i].file);
		outf(o, "</td><td class=\"src\">%s</td></tr>\n",
		     credaudit_asof_source_name(h->first[i].src));
	}
	outf(o, "</tbody></table>\n</section>\n");
}

static int write_accounts(struct out *o, const struct hist *hs,
                          const struct history_opts *opt, json_t *jaccts,
                          size_t *totals);

/* A write function appending to a struct buf. */
static int
buf_write(void *ctx, const void *p, size_t n)
{
	return buf_add(ctx, p, n);
}

static const char history_style[] =
	"svg.timeline{max-width:100%;height:auto}svg.timeline text{font-size:11px}\n"
	"@media print{section.account{break-before:page}}\n";

static int
write_html(struct out *o, const struct hist *hs, const struct history_opts *opt)
{
	struct buf body = { 0 };
	credaudit_write_fn w = o->write;
	void *ctx = o->ctx;
	size_t i, totals[3] = { 0, 0, 0 };
	int rc;

	/* the accounts first, into memory: the summary above them needs totals */
	o->write = buf_write;
	o->ctx = &body;
	rc = write_accounts(o, hs, opt, NULL, totals);
	o->write = w;
	o->ctx = ctx;
	if (rc == -1) {
		buf_free(&body);
		return -1;
	}
	outf(o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
	     "<meta http-equiv=\"Content-Security-Policy\" content=\"%s\"/>\n"
	     "<meta name=\"referrer\" content=\"no-referrer\"/>\n<meta name=\"viewport\" "
	     "content=\"width=device-width, initial-scale=1\"/>\n<title>credaudit history"
	     "</title>\n<style>\n", HTML_CSP);
	put(o, html_style, strlen(html_style));
	put(o, history_style, strlen(history_style));
	outf(o, "</style>\n</head>\n<body>\n<header>\n<h1>History of the root user's "
	     "access keys</h1>\n</header>\n<p class=\"verdict %s\" id=\"verdict\">%zu "
	     "account%s, %zu with an active root key at some time, %zu conflict%s; %zu "
	     "input%s, %zu not read.</p>\n<p>Gaps between consecutive reports longer "
	     "than %lld days are shown as missing evidence. Every time is a report's "
	     "as-of time: a change happened between the report that first shows it "
	     "and the one before.</p>\n", hs->nerrors ? "error" :
	     totals[1] + totals[2] ? "fail" : "pass", totals[0],
	     totals[0] == 1 ? "" : "s", totals[1], totals[2], totals[2] == 1 ? "" : "s",
	     hs->n, hs->n == 1 ? "" : "s", hs->nerrors, (long long)opt->gap_days);
	put(o, body.data, body.len);
	buf_free(&body);
	if (hs->nerrors > 0)
		outf(o, "<section id=\"errors\">\n<h2>Not read (%zu)</h2>\n<table><thead>"
		     "<tr><th>file</th><th>line</th><th>column</th><th>error</th></tr>"
		     "</thead><tbody>\n", hs->nerrors);
	for (i = 0; i < hs->nerrors; i++) {
		const struct hrep *r = &hs->r[i];

		outf(o, "<tr><td>");
		hput(o, r->file);
		outf(o, "</td><td>%lu</td><td>%lu</td><td class=\"error\">", r->line,
		     r->column);
		hput(o, r->error);
		outf(o, "</td></tr>\n");
	}
	if (hs->nerrors > 0)
		outf(o, "</tbody></table>\n</section>\n");
	outf(o, "<footer>Written by credaudit " CREDAUDIT_VERSION ", offline, from the "
	     "files named above only. Each time shown is the as-of time of a report "
	     "named above; this page states no other time.</footer>\n</body>\n</html>\n");
	return totals[1] + totals[2] > 0;
}

/* ---- the run ---- */

int
history_format_ok(const char *format)
{
	return strcmp(format, "text") == 0 || strcmp(format, "json") == 0 ||
	       strcmp(format, "html") == 0;
}

static void
free_account(struct account_hist *h)
{
	ca_free(h->ev);
	ca_free(h->iv);
	ca_free(h->gap);
	ca_free(h->cf);
	memset(h, 0, sizeof(*h));
}

static void
free_hist(struct hist *hs)
{
	size_t i;

	for (i = 0; i < hs->n; i++) {
		ca_free(hs->r[i].file);
		ca_free(hs->r[i].account);
		ca_free(hs->r[i].partition);
		ca_free(hs->r[i].error);
	}
	ca_free(hs->r);
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
		if (jaccts == NULL && strcmp(opt->format, "html") == 0)
			html_account(o, &h, totals[0]);
		else if (jaccts == NULL)
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
	char *text, *p, *del;

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
	/* JSON_ENSURE_ASCII lets DEL through raw (inside strings only):
	 * written \u007f, as -f json does, so no control byte is output. */
	for (p = text; (del = strchr(p, 0x7F)) != NULL; p = del + 1) {
		put(o, p, (size_t)(del - p));
		put(o, "\\u007f", 6);
	}
	put(o, p, strlen(p));
	put(o, "\n", 1);
	ca_free(text);
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
	     strcmp(opt->format, "html") == 0 ? write_html(&o, &hs, opt) :
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
