/*
 * history.c - credaudit_history_new/_add/_totals/_free: keep a summary of
 * each report added and build, on demand, the derived history of every
 * account (history_build).  Rendering is src/render/history_render.c.
 */
#include <string.h>

#include "base/util.h"
#include "history/history.h"

#define GAP_DAYS_MAX 100000

struct credaudit_history *
credaudit_history_new(const struct credaudit_history_opts *opts,
                      struct credaudit_error *err)
{
	unsigned long days = opts != NULL ? opts->gap_days : 0;
	struct credaudit_history *h;

	if (days > GAP_DAYS_MAX) {
		seterr(err, CREDAUDIT_ERR_USAGE, NULL, 0, 0,
		       "gap_days must be at most %d", GAP_DAYS_MAX);
		return NULL;
	}
	if ((h = ca_new(sizeof(*h), err)) == NULL)
		return NULL;
	h->gap_days = days;   /* 0: each account's threshold is derived */
	h->gap = (int64_t)days * 86400;
	return h;
}

/* Free the derived accounts (they point into h->r). */
static void
drop_accounts(struct credaudit_history *h)
{
	size_t i;

	for (i = 0; i < h->nacct; i++)
		history_account_free(&h->acct[i]);
	ca_free(h->acct);
	h->acct = NULL;
	h->nacct = 0;
	h->built = 0;
}

/* A copy of s in h's arena, or NULL when s is NULL; sets *bad when memory
 * ran out. */
static const char *
dup(struct credaudit_history *h, const char *s, int *bad)
{
	const char *d;

	if (s == NULL)
		return NULL;
	if ((d = arena_strdup(&h->strings, s)) == NULL)
		*bad = 1;
	return d;
}

int
history_add_summary(struct credaudit_history *h, const struct history_report *s,
                    struct credaudit_error *err)
{
	struct history_report *r;
	int bad = 0;

	drop_accounts(h);
	if (h->n == h->cap) {
		size_t c = h->cap ? h->cap * 2 : 8;

		if (c > SIZE_MAX / sizeof(*r) ||
		    (r = ca_realloc(h->r, c * sizeof(*r))) == NULL)
			return seterr_nomem(err, NULL);
		h->r = r;
		h->cap = c;
	}
	r = &h->r[h->n];
	*r = *s;
	r->index = h->n;
	r->file = dup(h, s->file ? s->file : "", &bad);
	r->error = dup(h, s->error, &bad);
	r->container = dup(h, s->container, &bad);
	r->account = r->partition = NULL;
	if (r->error == NULL) {
		r->account = dup(h, s->account ? s->account : "", &bad);
		r->partition = dup(h, s->partition ? s->partition : "", &bad);
	}
	if (bad)
		return seterr_nomem(err, NULL);
	h->n++;
	h->nerrors += r->error != NULL;
	return 0;
}

/* The status of every root rule of the table that rep evaluated. */
static void
root_statuses(const struct credaudit_report *rep, struct history_report *s)
{
	size_t i;

	memset(s->status, HISTORY_NO_STATUS, sizeof(s->status));
	for (i = 0; i < credaudit_report_result_count(rep); i++) {
		const struct credaudit_result *res = credaudit_report_result(rep, i);
		const struct rule *ru = rules_find(res->rule, strlen(res->rule));

		if (ru != NULL && ru->scope == SCOPE_ROOT)
			s->status[ru - rules_get(0)] = (unsigned char)res->status;
	}
}

/* What history keeps of rep, its strings borrowed from rep. */
static void
summarise(const struct credaudit_report *rep, struct history_report *s)
{
	const struct credaudit_error *e = credaudit_report_error(rep);
	const struct credaudit_input *in = credaudit_report_input(rep);

	memset(s, 0, sizeof(*s));
	memset(s->status, HISTORY_NO_STATUS, sizeof(s->status));
	s->file = credaudit_report_name(rep);
	if (in != NULL) {
		memcpy(s->sha256, in->sha256, sizeof(s->sha256));
		s->sha256[sizeof(s->sha256) - 1] = '\0';
		s->container = in->container;
	}
	if (e != NULL) {
		s->error = e->text;
		s->line = e->line;
		s->column = e->column;
	} else if ((s->src = credaudit_report_as_of(rep, &s->as_of)) == CREDAUDIT_ASOF_NONE) {
		s->error = "no as-of time: the report holds no timestamp, "
		           "it cannot be placed in the history";
	} else if (credaudit_report_root_key(rep, 1, &s->key[0]) == -1 ||
	           credaudit_report_root_key(rep, 2, &s->key[1]) == -1) {
		s->error = "the root row's access key columns cannot be read";
		s->line = credaudit_report_root_line(rep);
	} else {
		s->account = credaudit_report_account(rep);
		s->partition = credaudit_report_partition(rep);
		root_statuses(rep, s);
	}
}

int
credaudit_history_add(struct credaudit_history *h, const struct credaudit_report *rep,
                      struct credaudit_error *err)
{
	struct history_report s;

	summarise(rep, &s);
	return history_add_summary(h, &s, err);
}

/* The number of reports from r[i] on that belong to r[i]'s account. */
static size_t
account_run(const struct history_report *r, size_t i, size_t n)
{
	size_t j = i + 1;

	while (j < n && strcmp(r[j].account, r[i].account) == 0 &&
	       strcmp(r[j].partition, r[i].partition) == 0)
		j++;
	return j - i;
}

int
history_build(struct credaudit_history *h, struct credaudit_error *err)
{
	struct credaudit_history_totals *t = &h->totals;
	size_t i, k;

	if (h->built)
		return 0;
	drop_accounts(h);
	history_sort(h->r, h->n);
	memset(t, 0, sizeof(*t));
	t->inputs = h->n;
	t->errors = h->nerrors;
	for (i = h->nerrors; i < h->n; i += account_run(h->r, i, h->n))
		t->accounts++;
	if (t->accounts > 0 &&
	    (h->acct = ca_calloc(t->accounts, sizeof(*h->acct))) == NULL)
		return seterr_nomem(err, NULL);
	for (i = h->nerrors; i < h->n; i += k) {
		struct history_account *a = &h->acct[h->nacct];

		k = account_run(h->r, i, h->n);
		if (history_derive(a, &h->r[i], k, h->gap) == -1) {
			drop_accounts(h);
			return seterr_nomem(err, NULL);
		}
		h->nacct++;
		t->accounts_with_root_key += a->niv > 0;
		t->accounts_with_root_failure += a->failing > 0;
		t->conflicts += a->ncf;
		t->duplicates += a->ndup;
	}
	h->built = 1;
	return 0;
}

int
credaudit_history_totals(struct credaudit_history *h,
                         struct credaudit_history_totals *totals,
                         struct credaudit_error *err)
{
	if (history_build(h, err) == -1)
		return -1;
	*totals = h->totals;
	return 0;
}

void
credaudit_history_free(struct credaudit_history *h)
{
	if (h == NULL)
		return;
	drop_accounts(h);
	arena_free(&h->strings);
	ca_free(h->r);
	ca_free(h);
}
