/* accounts.c - the per-account summary kept while reports are rendered. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "report/accounts.h"
#include "base/escape.h"
#include "render/render.h"
#include "base/util.h"

static int
cmp_key(const char *acct, const char *part, const struct account_sum *a)
{
	int c = strcmp(acct, a->account);

	return c ? c : strcmp(part, a->partition);
}

/* The summary of (acct, part), inserted in order when new; NULL: memory. */
static struct account_sum *
lookup(struct accounts *s, const char *acct, const char *part)
{
	size_t lo = 0, hi = s->n, i;
	struct account_sum *a;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_key(acct, part, &s->a[mid]);

		if (c == 0)
			return &s->a[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;

		if ((a = ca_realloc(s->a, cap * sizeof(*a))) == NULL)
			return NULL;
		s->a = a;
		s->cap = cap;
	}
	a = &s->a[lo];
	memmove(a + 1, a, (s->n - lo) * sizeof(*a));
	memset(a, 0, sizeof(*a));
	a->account = ca_strdup(acct);
	a->partition = ca_strdup(part);
	if (a->account == NULL || a->partition == NULL) {
		ca_free(a->account);
		ca_free(a->partition);
		memmove(a, a + 1, (s->n - lo) * sizeof(*a));
		return NULL;
	}
	for (i = 0; i < MAX_RULES; i++)
		a->worst[i] = -1;
	s->n++;
	return a;
}

/* fail > not evaluated > pass */
static int
rank(int status)
{
	return status == CREDAUDIT_FAIL ? 3 : status == CREDAUDIT_NOT_EVALUATED ? 2 :
	       status == CREDAUDIT_PASS ? 1 : 0;
}

int
accounts_add(struct accounts *s, const struct credaudit_report *rep)
{
	struct account_sum *a;
	int64_t t;
	size_t i, n;

	if (credaudit_report_error(rep) != NULL)
		return 0;
	if ((a = lookup(s, credaudit_report_account(rep),
	                credaudit_report_partition(rep))) == NULL)
		return -1;
	a->reports++;
	if (credaudit_report_as_of(rep, &t) != CREDAUDIT_ASOF_NONE) {
		if (!a->have_period || t < a->from)
			a->from = t;
		if (!a->have_period || t > a->to)
			a->to = t;
		a->have_period = 1;
	}
	n = credaudit_report_result_count(rep);
	for (i = 0; i < n && i < MAX_RULES; i++) {
		const struct credaudit_result *res = credaudit_report_result(rep, i);

		a->rule[i] = res->rule;
		if (rank((int)res->status) > rank(a->worst[i]))
			a->worst[i] = (int)res->status;
	}
	if (n > a->nrules)
		a->nrules = n > MAX_RULES ? MAX_RULES : n;
	return 0;
}

void
accounts_free(struct accounts *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		ca_free(s->a[i].account);
		ca_free(s->a[i].partition);
	}
	ca_free(s->a);
	memset(s, 0, sizeof(*s));
}

/* Escaped text of s, in a buffer of the caller. */
static const char *
safe(struct buf *b, const char *s)
{
	b->len = 0;
	if (esc_text(b, s) == -1 || buf_addc(b, '\0') == -1)
		return NULL;
	return b->data;
}

/* "    worst: failed a, b; not evaluated c; passed d" */
static void
text_worst(struct credaudit_render *r, const struct account_sum *a)
{
	static const int order[] = { CREDAUDIT_FAIL, CREDAUDIT_NOT_EVALUATED, CREDAUDIT_PASS };
	static const char *const label[] = { "failed", "not evaluated", "passed" };
	size_t i, k;
	int any = 0;

	for (i = 0; i < 3; i++) {
		int first = 1;

		for (k = 0; k < a->nrules; k++) {
			if (a->worst[k] != order[i])
				continue;
			render_printf(r, "%s%s%s", first ? (any ? "; " : "    worst: ") : ", ",
			              first ? label[i] : "", first ? " " : "");
			render_puts(r, a->rule[k]);
			first = 0;
			any = 1;
		}
	}
	if (any)
		render_puts(r, "\n");
}

int
accounts_text(struct credaudit_render *r, const struct accounts *s)
{
	struct buf b = { 0 };
	size_t i;

	render_printf(r, "%zu account%s:\n", s->n, s->n == 1 ? "" : "s");
	for (i = 0; i < s->n && !r->failed; i++) {
		const struct account_sum *a = &s->a[i];
		const char *p;
		char from[32], to[32];

		if ((p = safe(&b, a->account)) == NULL)
			break;
		render_printf(r, "  %s (", p);
		if ((p = safe(&b, a->partition)) == NULL)
			break;
		render_printf(r, "%s): %zu report%s, ", p, a->reports,
		              a->reports == 1 ? "" : "s");
		if (a->have_period) {
			credaudit_time_format(a->from, from, sizeof(from));
			credaudit_time_format(a->to, to, sizeof(to));
			render_printf(r, "as of %s to %s", from, to);
		} else {
			render_puts(r, "as of unknown");
		}
		render_puts(r, "\n");
		text_worst(r, a);
	}
	if (i < s->n)
		r->failed = 1;
	buf_free(&b);
	return r->failed ? -1 : 0;
}

/* A JSON string of report text (invalid UTF-8 bytes become U+FFFD). */
static json_t *
jstr(struct buf *b, const char *s)
{
	b->len = 0;
	if (esc_utf8(b, s) == -1)
		return NULL;
	return json_stringn(b->data ? b->data : "", b->len);
}

static json_t *
period(const struct account_sum *a)
{
	char from[32], to[32];

	if (!a->have_period)
		return json_pack("{s:n, s:n}", "from", "to");
	credaudit_time_format(a->from, from, sizeof(from));
	credaudit_time_format(a->to, to, sizeof(to));
	return json_pack("{s:s, s:s}", "from", from, "to", to);
}

void *
accounts_json(const struct accounts *s)
{
	struct buf b = { 0 };
	json_t *arr = json_array();
	size_t i, k;
	int bad = arr == NULL;

	for (i = 0; i < s->n && !bad; i++) {
		const struct account_sum *a = &s->a[i];
		json_t *rules = json_object();

		bad |= rules == NULL;
		for (k = 0; k < a->nrules && !bad; k++)
			if (a->worst[k] >= 0)
				bad |= json_object_set_new(rules, a->rule[k], json_string(
				        credaudit_status_name((enum credaudit_status)a->worst[k])));
		bad |= json_array_append_new(arr, json_pack(
		        "{s:o, s:o, s:I, s:o, s:o}", "account", jstr(&b, a->account),
		        "partition", jstr(&b, a->partition), "reports",
		        (json_int_t)a->reports, "period", period(a), "worst", rules));
	}
	buf_free(&b);
	if (bad) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}
