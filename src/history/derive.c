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

static int
same_state(const struct history_report *a, const struct history_report *b)
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
 * intervals.  Returns 1 when r stands for a new moment, 0 when it repeats
 * prev's, -1 when memory ran out. */
static int
step(struct history_account *a, long *open, const struct history_report *prev,
     const struct history_report *r, int64_t gap)
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
	return 1;
}

int
history_derive(struct history_account *a, const struct history_report *first,
               size_t n, int64_t gap)
{
	const struct history_report *prev = NULL;
	long open[2] = { -1, -1 };
	size_t i;
	int rc;

	memset(a, 0, sizeof(*a));
	a->first = first;
	a->n = n;
	for (i = 0; i < n; i++) {
		if ((rc = step(a, open, prev, &first[i], gap)) == -1) {
			history_account_free(a);
			return -1;
		}
		if (rc == 1)
			prev = &first[i];
	}
	return 0;
}

void
history_account_free(struct history_account *a)
{
	ca_free(a->ev);
	ca_free(a->iv);
	ca_free(a->gap);
	ca_free(a->cf);
	memset(a, 0, sizeof(*a));
}
