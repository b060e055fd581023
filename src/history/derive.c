/*
 * derive.c - walk one account's reports in time order and derive the root
 * key intervals, events, evidence gaps and conflicts (see history.h).
 * Pure: it reads report summaries in memory, never files, and writes
 * nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "history/history.h"

static const char *const ev_names[HISTORY_EVENT_KINDS] = {
	"appeared", "activated", "deactivated", "deleted", "replaced"
};

const char *
history_event_name(enum history_event_kind k)
{
	return (unsigned)k < HISTORY_EVENT_KINDS ? ev_names[k] : "unknown";
}

/* Make room for one more element of a growable array; 0 or -1. */
static int
grow(void **p, size_t *n, size_t *cap, size_t size)
{
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 8;
		void *q = c > SIZE_MAX / size ? NULL : ca_realloc(*p, c * size);

		if (q == NULL)
			return -1;
		*p = q;
		*cap = c;
	}
	(*n)++;
	return 0;
}

#define PUSH(arr, n, cap) grow((void **)&(arr), &(n), &(cap), sizeof(*(arr)))

/* Errors first (in adding order), then by account, partition, time, path. */
static int
cmp_report(const void *pa, const void *pb)
{
	const struct history_report *a = pa, *b = pb;
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

void
history_sort(struct history_report *r, size_t n)
{
	if (n > 1)
		qsort(r, n, sizeof(*r), cmp_report);
}

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

/* The same root keys and the same status of every root rule. */
static int
same_state(const struct history_report *a, const struct history_report *b)
{
	unsigned s;

	for (s = 0; s < 2; s++)
		if (a->key[s].active != b->key[s].active ||
		    a->key[s].present != b->key[s].present ||
		    (a->key[s].present && a->key[s].created != b->key[s].created))
			return 0;
	return memcmp(a->status, b->status, sizeof(a->status)) == 0;
}

/* Whether status counts as the rule finding something: fail or waived. */
static int
failing(unsigned char st)
{
	return st == CREDAUDIT_FAIL || st == CREDAUDIT_WAIVED;
}

/* Extend or start the run of each root rule at report c; last[i] is the
 * index of rule i's latest run, or -1. */
static int
runs(struct history_account *a, long *last, const struct history_report *c)
{
	int any = 0;
	unsigned i;

	for (i = 0; i < MAX_RULES; i++) {
		struct history_run *u = last[i] >= 0 ? &a->run[last[i]] : NULL;

		if (c->status[i] == HISTORY_NO_STATUS)
			continue;
		any |= failing(c->status[i]);
		if (u != NULL && u->status == c->status[i]) {
			u->to = c->as_of;
			u->seen++;
			continue;
		}
		if (PUSH(a->run, a->nrun, a->caprun) == -1)
			return -1;
		last[i] = (long)(a->nrun - 1);
		a->run[a->nrun - 1] = (struct history_run){ i, c->status[i], c->as_of,
		                                            c->as_of, 1 };
	}
	a->failing += (size_t)any;
	return 0;
}

/* Runs ordered by rule, then time (they were made in time order). */
static int
cmp_run(const void *pa, const void *pb)
{
	const struct history_run *x = pa, *y = pb;

	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	return x->from < y->from ? -1 : x->from > y->from;
}

/* An earlier report of r's moment (first[m..i)) with r's SHA-256, or
 * SIZE_MAX. */
static size_t
duplicate_of(const struct history_report *first, size_t m, size_t i)
{
	size_t j;

	if (first[i].sha256[0] == '\0')
		return SIZE_MAX;
	for (j = m; j < i; j++)
		if (strcmp(first[j].sha256, first[i].sha256) == 0)
			return j;
	return SIZE_MAX;
}

static int
cmp_i64(const void *pa, const void *pb)
{
	int64_t x = *(const int64_t *)pa, y = *(const int64_t *)pb;

	return x < y ? -1 : x > y;
}

/* The account's moments, its median interval and the gap threshold
 * (given, or 3/2 of the median, at least HISTORY_GAP_FLOOR).  0 or -1. */
static int
threshold(struct history_account *a, int64_t gap)
{
	int64_t *d = NULL;
	size_t i, k = 0;

	if (a->n > 1 && (d = ca_calloc(a->n - 1, sizeof(*d))) == NULL)
		return -1;
	for (i = 1; i < a->n; i++)
		if (a->first[i].as_of != a->first[i - 1].as_of)
			d[k++] = a->first[i].as_of - a->first[i - 1].as_of;
	a->moments = a->n ? k + 1 : 0;   /* duplicates share a moment */
	if (k > 0) {
		qsort(d, k, sizeof(*d), cmp_i64);
		a->median = k % 2 ? d[k / 2] : d[k / 2 - 1] + (d[k / 2] - d[k / 2 - 1]) / 2;
	}
	ca_free(d);
	a->gap_derived = gap == 0;
	a->gap_limit = gap;
	if (gap == 0) {
		a->gap_limit = a->median / HISTORY_GAP_FACTOR_DEN * HISTORY_GAP_FACTOR_NUM +
		               a->median % HISTORY_GAP_FACTOR_DEN * HISTORY_GAP_FACTOR_NUM /
		               HISTORY_GAP_FACTOR_DEN;
		if (a->gap_limit < HISTORY_GAP_FLOOR)
			a->gap_limit = HISTORY_GAP_FLOOR;
	}
	return 0;
}

static int
event(struct history_account *a, enum history_event_kind k, unsigned slot,
      const struct history_report *prev, const struct history_report *cur)
{
	struct history_event *e;

	if (PUSH(a->ev, a->nev, a->capev) == -1)
		return -1;
	e = &a->ev[a->nev - 1];
	e->kind = k;
	e->slot = slot;
	e->time = cur->as_of;
	e->after = prev->as_of;
	e->key = &cur->key[slot];
	e->old = &prev->key[slot];
	e->file = cur->file;
	return 0;
}

/* The events of slot s between two consecutive moments. */
static int
transition(struct history_account *a, unsigned s, const struct history_report *p,
           const struct history_report *c)
{
	const struct credaudit_root_key *x = &p->key[s], *y = &c->key[s];

	if (!has_key(x) && has_key(y))
		return event(a, HISTORY_APPEARED, s, p, c);
	if (has_key(x) && !has_key(y))
		return event(a, HISTORY_DELETED, s, p, c);
	if (has_key(x) && !same_key(x, y))
		return event(a, HISTORY_REPLACED, s, p, c);
	if (has_key(x) && x->active && !y->active)
		return event(a, HISTORY_DEACTIVATED, s, p, c);
	if (has_key(x) && !x->active && y->active)
		return event(a, HISTORY_ACTIVATED, s, p, c);
	return 0;
}

/* Extend, close or open the active interval of slot s at report c;
 * open[s] is the index of the slot's open interval, or -1. */
static int
track(struct history_account *a, long *open, unsigned s, const struct history_report *c)
{
	const struct credaudit_root_key *k = &c->key[s];
	struct history_interval *iv = open[s] >= 0 ? &a->iv[open[s]] : NULL;

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
	if (PUSH(a->iv, a->niv, a->capiv) == -1)
		return -1;
	iv = &a->iv[a->niv - 1];
	memset(iv, 0, sizeof(*iv));
	iv->slot = s;
	iv->key = k;
	iv->from = iv->to = c->as_of;
	iv->seen = 1;
	iv->open = 1;
	open[s] = (long)(a->niv - 1);
	return 0;
}

/* One report after prev (NULL: the first): conflict, gap, events,
 * intervals, rule runs.  Returns 1 when r stands for a new moment, 0 when
 * it repeats prev's, -1 when memory ran out. */
static int
step(struct history_account *a, long *open, long *last,
     const struct history_report *prev, const struct history_report *r, int64_t gap)
{
	unsigned s;

	if (prev != NULL && r->as_of == prev->as_of) {
		if (same_state(prev, r))
			return 0;
		if (PUSH(a->cf, a->ncf, a->capcf) == -1)
			return -1;
		a->cf[a->ncf - 1] = (struct history_conflict){ r->as_of, prev->file, r->file };
		return 0;   /* the first report of a moment stands for it */
	}
	if (prev != NULL && r->as_of - prev->as_of > gap) {
		if (PUSH(a->gap, a->ngap, a->capgap) == -1)
			return -1;
		a->gap[a->ngap - 1] = (struct history_gap){ prev->as_of, r->as_of };
	}
	for (s = 0; s < 2; s++)
		if ((prev != NULL && transition(a, s, prev, r) == -1) ||
		    track(a, open, s, r) == -1)
			return -1;
	return runs(a, last, r) == -1 ? -1 : 1;
}

int
history_derive(struct history_account *a, const struct history_report *first,
               size_t n, int64_t gap)
{
	const struct history_report *prev = NULL;
	long open[2] = { -1, -1 }, last[MAX_RULES];
	size_t i, m = 0;
	int rc = 0;

	memset(a, 0, sizeof(*a));
	a->first = first;
	a->n = n;
	for (i = 0; i < MAX_RULES; i++)
		last[i] = -1;
	if (threshold(a, gap) == -1 ||
	    (n > 0 && (a->dupof = ca_calloc(n, sizeof(*a->dupof))) == NULL))
		rc = -1;
	for (i = 0; rc != -1 && i < n; i++) {
		if (i == 0 || first[i].as_of != first[i - 1].as_of)
			m = i;
		if ((a->dupof[i] = duplicate_of(first, m, i)) != SIZE_MAX) {
			a->ndup++;
			continue;
		}
		if ((rc = step(a, open, last, prev, &first[i], a->gap_limit)) == 1)
			prev = &first[i];
	}
	if (rc == -1) {
		history_account_free(a);
		return -1;
	}
	if (a->nrun > 1)
		qsort(a->run, a->nrun, sizeof(*a->run), cmp_run);
	return 0;
}

void
history_account_free(struct history_account *a)
{
	ca_free(a->ev);
	ca_free(a->iv);
	ca_free(a->gap);
	ca_free(a->cf);
	ca_free(a->run);
	ca_free(a->dupof);
	memset(a, 0, sizeof(*a));
}
