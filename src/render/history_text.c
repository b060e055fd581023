/*
 * history_text.c - the history as plain text (docs/history.md's worked
 * example).  Report text (file names, account ids, errors) is escaped for
 * a terminal with esc_text, here only (safe).
 */
#include "base/escape.h"
#include "render/history_render.h"

/* Report text escaped for a terminal, valid until the next call. */
static const char *
safe(struct credaudit_render *r, const char *s)
{
	r->scratch.len = 0;
	if (esc_text(&r->scratch, s) == -1 || buf_addc(&r->scratch, '\0') == -1) {
		r->failed = RENDER_NOMEM;
		return "";
	}
	return r->scratch.data;
}

static const char *
plural(size_t n)
{
	return n == 1 ? "" : "s";
}

static void
key(struct credaudit_render *r, unsigned slot, const struct credaudit_root_key *k)
{
	char t[32];

	render_printf(r, "access_key_%u (", slot + 1);
	if (k->present)
		render_printf(r, "created %s)", history_when(k->created, t));
	else
		render_puts(r, "no creation date)");
}

static void
intervals(struct credaudit_render *r, const struct history_account *a)
{
	char t1[32], t2[32];
	size_t i;

	render_printf(r, "  root key active:%s\n", a->niv ? "" : " never, in any report");
	for (i = 0; i < a->niv; i++) {
		const struct history_interval *iv = &a->iv[i];

		render_puts(r, "    ");
		key(r, iv->slot, iv->key);
		render_printf(r, ": active in %zu report%s, %s to %s; ", iv->seen,
		              plural(iv->seen), history_when(iv->from, t1),
		              history_when(iv->to, t2));
		if (iv->open)
			render_puts(r, "still active in the latest report\n");
		else
			render_printf(r, "%s by %s\n", iv->end, history_when(iv->ended, t1));
	}
}

static void
events(struct credaudit_render *r, const struct history_account *a)
{
	char t[32];
	size_t i;

	render_printf(r, "  events:%s\n", a->nev ? "" : " none");
	for (i = 0; i < a->nev; i++) {
		const struct history_event *e = &a->ev[i];

		render_printf(r, "    %s  ", history_when(e->time, t));
		key(r, e->slot, history_event_key(e));
		render_printf(r, " %s", history_event_name(e->kind));
		if (e->kind == HISTORY_REPLACED) {
			render_puts(r, ", replacing ");
			key(r, e->slot, e->old);
		}
		if (e->kind == HISTORY_APPEARED)
			render_puts(r, e->key->active ? ", active" : ", inactive");
		render_printf(r, " (previous report: %s)\n", history_when(e->after, t));
	}
}

/* The status runs of every root rule. */
static void
rules(struct credaudit_render *r, const struct history_account *a)
{
	char t1[32], t2[32];
	size_t i;

	render_printf(r, "  root rules over time:%s\n", a->nrun ? "" : " none evaluated");
	for (i = 0; i < a->nrun; i++) {
		const struct history_run *u = &a->run[i];

		if (i == 0 || a->run[i - 1].rule != u->rule)
			render_printf(r, "    %s (%s): failing at %zu of %zu report times\n",
			              history_rule_id(u->rule), history_rule_severity(u->rule),
			              history_rule_failing(a, u->rule), a->moments);
		render_printf(r, "      %-13s %s to %s, %zu report%s\n",
		              credaudit_status_name((enum credaudit_status)u->status),
		              history_when(u->from, t1), history_when(u->to, t2), u->seen,
		              plural(u->seen));
	}
}

/* One report: time, name, where its time came from, its bytes' SHA-256
 * and container, and the report it duplicates. */
static void
report_line(struct credaudit_render *r, const struct history_account *a, size_t i)
{
	const struct history_report *p = &a->first[i];
	char t[32];

	render_printf(r, "    %s  %s (%s)\n", history_when(p->as_of, t), safe(r, p->file),
	              credaudit_asof_source_name(p->src));
	render_printf(r, "      sha256 %s, %s\n", p->sha256[0] ? p->sha256 : "unknown",
	              safe(r, p->container ? p->container : "container unknown"));
	if (a->dupof[i] != SIZE_MAX)
		render_printf(r, "      duplicate of %s (same SHA-256): counted once\n",
		              safe(r, a->first[a->dupof[i]].file));
}

static void
account(struct credaudit_render *r, const struct history_account *a)
{
	const struct history_report *last = &a->first[a->n - 1];
	char t1[32], t2[32];
	size_t i, n = a->n - a->ndup;

	render_printf(r, "\naccount %s", safe(r, a->first->account));
	render_printf(r, " (%s): %zu report%s", safe(r, a->first->partition), n, plural(n));
	if (a->ndup)
		render_printf(r, " and %zu duplicate%s", a->ndup, plural(a->ndup));
	render_printf(r, ", as of %s to %s\n", history_when(a->first->as_of, t1),
	              history_when(last->as_of, t2));
	render_puts(r, "  reports:\n");
	for (i = 0; i < a->n; i++)
		report_line(r, a, i);
	if (!a->gap_derived)
		render_printf(r, "  gap threshold: %.1f days (--gap-days)\n",
		              (double)a->gap_limit / 86400.0);
	else if (a->median > 0)
		render_printf(r, "  gap threshold: %.1f days (1.5 times the median interval "
		              "between reports, %.1f days)\n", (double)a->gap_limit / 86400.0,
		              (double)a->median / 86400.0);
	else
		render_puts(r, "  gap threshold: none (one report time)\n");
	intervals(r, a);
	events(r, a);
	rules(r, a);
	render_printf(r, "  gaps without evidence:%s\n", a->ngap ? "" : " none");
	for (i = 0; i < a->ngap; i++)
		render_printf(r, "    %s to %s: %.1f days\n", history_when(a->gap[i].from, t1),
		              history_when(a->gap[i].to, t2),
		              (double)(a->gap[i].to - a->gap[i].from) / 86400.0);
	render_printf(r, "  conflicting reports:%s\n", a->ncf ? "" : " none");
	for (i = 0; i < a->ncf; i++) {
		render_printf(r, "    %s: %s", history_when(a->cf[i].time, t1),
		              safe(r, a->cf[i].a));
		render_printf(r, " and %s disagree on the root user\n", safe(r, a->cf[i].b));
	}
}

static void
errors(struct credaudit_render *r, const struct credaudit_history *h)
{
	size_t i;

	if (h->nerrors == 0)
		return;
	render_puts(r, "\nnot read:\n");
	for (i = 0; i < h->nerrors; i++) {
		const struct history_report *e = &h->r[i];

		render_printf(r, "  %s", safe(r, e->file));
		if (e->line)
			render_printf(r, ":%lu", e->line);
		if (e->line && e->column)
			render_printf(r, ":%lu", e->column);
		render_printf(r, ": error: %s\n", safe(r, e->error));
		if (e->sha256[0])
			render_printf(r, "    sha256 %s\n", e->sha256);
	}
}

int
history_text(struct credaudit_render *r, const struct credaudit_history *h)
{
	const struct credaudit_history_totals *t = &h->totals;
	size_t i;

	render_printf(r, "history of the root user's access keys and root rules: %zu "
	              "input%s, %zu not read, %zu duplicate%s; ", t->inputs,
	              plural(t->inputs), t->errors, t->duplicates, plural(t->duplicates));
	if (h->gap_days)
		render_printf(r, "gaps longer than %lu day%s are shown\n", h->gap_days,
		              plural(h->gap_days));
	else
		render_puts(r, "gaps longer than 1.5 times each account's median interval "
		            "between reports (at least 1 day) are shown\n");
	for (i = 0; i < h->nacct; i++)
		account(r, &h->acct[i]);
	errors(r, h);
	render_printf(r, "\n%zu account%s, %zu with an active root key at some time, "
	              "%zu conflict%s, %zu with a failing root rule at some time, "
	              "%zu duplicate%s\n", t->accounts, plural(t->accounts),
	              t->accounts_with_root_key, t->conflicts, plural(t->conflicts),
	              t->accounts_with_root_failure, t->duplicates,
	              plural(t->duplicates));
	return r->failed ? -1 : 0;
}
