/*
 * history_json.c - the history as one JSON document (docs/history.md),
 * built with jansson and dumped by the render core's JSON emitter, so
 * its strings are escaped as -f json escapes them (invalid UTF-8 as
 * U+FFFD, output ASCII, DEL as \u007f).
 */
#include <jansson.h>
#include <stdio.h>

#include "render/fmt.h"
#include "render/history_render.h"

#define SCHEMA_VERSION 2
#define GAP_RULE "1.5 times the median interval between consecutive report " \
	"times of the account, at least 86400 seconds"
#define DUMP_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII)

static json_t *
jtime(int64_t t)
{
	char buf[32];

	return json_string(history_when(t, buf));
}

static json_t *
jcreated(const struct credaudit_root_key *k)
{
	return k->present ? jtime(k->created) : json_null();
}

static json_t *
jinterval(const struct history_interval *iv)
{
	char cred[16];

	snprintf(cred, sizeof(cred), "access_key_%u", iv->slot + 1);
	return json_pack("{s:s, s:o, s:o, s:o, s:I, s:o, s:s?}", "credential", cred,
	                 "key_created", jcreated(iv->key), "from", jtime(iv->from),
	                 "to", jtime(iv->to), "reports", (json_int_t)iv->seen,
	                 "ended", iv->open ? json_null() : jtime(iv->ended), "end", iv->end);
}

static json_t *
jevent(const struct history_event *e)
{
	char cred[16];

	snprintf(cred, sizeof(cred), "access_key_%u", e->slot + 1);
	return json_pack("{s:o, s:o, s:s, s:s, s:o, s:o, s:b}", "time", jtime(e->time),
	                 "after", jtime(e->after), "credential", cred,
	                 "event", history_event_name(e->kind),
	                 "key_created", jcreated(history_event_key(e)),
	                 "previous_key_created", e->kind == HISTORY_REPLACED ?
	                 jcreated(e->old) : json_null(),
	                 "active", e->kind == HISTORY_DELETED ? 0 : e->key->active);
}

static json_t *
jsha(const struct history_report *p)
{
	return p->sha256[0] ? json_string(p->sha256) : json_null();
}

static json_t *
jcontainer(struct credaudit_render *r, const struct history_report *p)
{
	return p->container ? jtext(r, p->container) : json_null();
}

/* The status of every root rule on report p: {"rule": "status", ...}. */
static json_t *
jstatuses(const struct history_report *p)
{
	json_t *o = json_object();
	unsigned i;

	for (i = 0; o != NULL && i < MAX_RULES; i++)
		if (p->status[i] != HISTORY_NO_STATUS &&
		    json_object_set_new(o, history_rule_id(i), json_string(credaudit_status_name(
		            (enum credaudit_status)p->status[i]))) == -1) {
			json_decref(o);
			return NULL;
		}
	return o;
}

static json_t *
jreport(struct credaudit_render *r, const struct history_account *a, size_t i)
{
	const struct history_report *p = &a->first[i];

	return json_pack("{s:o, s:o, s:s, s:o, s:o, s:o, s:o}", "file", jtext(r, p->file),
	                 "as_of", jtime(p->as_of), "source", credaudit_asof_source_name(p->src),
	                 "sha256", jsha(p), "container", jcontainer(r, p), "duplicate_of",
	                 a->dupof[i] == SIZE_MAX ? json_null() :
	                 jtext(r, a->first[a->dupof[i]].file),
	                 "root_rules", jstatuses(p));
}

/* Each root rule: its runs of one status, in time order. */
static json_t *
jrules(const struct history_account *a)
{
	json_t *rules = json_array(), *runs = NULL;
	size_t i;

	for (i = 0; rules != NULL && i < a->nrun; i++) {
		const struct history_run *u = &a->run[i];

		if (i == 0 || a->run[i - 1].rule != u->rule) {
			runs = json_array();
			if (json_array_append_new(rules, json_pack("{s:s, s:s, s:I, s:o}",
			        "rule", history_rule_id(u->rule), "severity",
			        history_rule_severity(u->rule), "failing_report_times",
			        (json_int_t)history_rule_failing(a, u->rule), "runs", runs)) == -1)
				break;
		}
		if (json_array_append_new(runs, json_pack("{s:s, s:o, s:o, s:I}", "status",
		        credaudit_status_name((enum credaudit_status)u->status), "from",
		        jtime(u->from), "to", jtime(u->to), "reports", (json_int_t)u->seen)) == -1)
			break;
	}
	if (rules != NULL && i < a->nrun) {
		json_decref(rules);
		return NULL;
	}
	return rules;
}

static json_t *
jgap(const struct history_account *a)
{
	return json_pack("{s:I, s:s, s:o}", "threshold_seconds", (json_int_t)a->gap_limit,
	                 "source", a->gap_derived ? "median_interval" : "gap_days",
	                 "median_interval_seconds", a->median > 0 ?
	                 json_integer((json_int_t)a->median) : json_null());
}

static json_t *
jaccount(struct credaudit_render *r, const struct history_account *a)
{
	json_t *reps = json_array(), *ivs = json_array(), *evs = json_array();
	json_t *gaps = json_array(), *cfs = json_array(), *doc;
	int bad = !reps || !ivs || !evs || !gaps || !cfs;
	size_t i;

	for (i = 0; i < a->n; i++)
		bad |= json_array_append_new(reps, jreport(r, a, i));
	for (i = 0; i < a->niv; i++)
		bad |= json_array_append_new(ivs, jinterval(&a->iv[i]));
	for (i = 0; i < a->nev; i++)
		bad |= json_array_append_new(evs, jevent(&a->ev[i]));
	for (i = 0; i < a->ngap; i++)
		bad |= json_array_append_new(gaps, json_pack("{s:o, s:o, s:I}",
		        "from", jtime(a->gap[i].from), "to", jtime(a->gap[i].to), "seconds",
		        (json_int_t)(a->gap[i].to - a->gap[i].from)));
	for (i = 0; i < a->ncf; i++)
		bad |= json_array_append_new(cfs, json_pack("{s:o, s:[o, o]}",
		        "time", jtime(a->cf[i].time), "files", jtext(r, a->cf[i].a),
		        jtext(r, a->cf[i].b)));
	if (bad) {
		json_decref(reps), json_decref(ivs), json_decref(evs);
		json_decref(gaps), json_decref(cfs);
		return NULL;
	}
	doc = json_pack("{s:o, s:o, s:{s:o, s:o}, s:I, s:I, s:I, s:o, s:o, s:o, s:o, s:o}",
	                "account", jtext(r, a->first->account),
	                "partition", jtext(r, a->first->partition), "period",
	                "from", jtime(a->first->as_of), "to", jtime(a->first[a->n - 1].as_of),
	                "report_count", (json_int_t)(a->n - a->ndup),
	                "duplicates", (json_int_t)a->ndup,
	                "report_times", (json_int_t)a->moments, "gap", jgap(a),
	                "reports", reps, "intervals", ivs, "events", evs, "gaps", gaps);
	/* json_pack takes at most so many members readably: add the rest */
	if (doc != NULL && (json_object_set_new(doc, "conflicts", cfs) == -1 ||
	                    json_object_set_new(doc, "root_rules", jrules(a)) == -1)) {
		json_decref(doc);
		return NULL;
	}
	if (doc == NULL)
		json_decref(cfs);
	return doc;
}

static json_t *
jerrors(struct credaudit_render *r, const struct credaudit_history *h)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; a != NULL && i < h->nerrors; i++)
		if (json_array_append_new(a, json_pack("{s:o, s:o, s:I, s:I, s:o, s:o}",
		        "file", jtext(r, h->r[i].file), "message", jtext(r, h->r[i].error),
		        "line", (json_int_t)h->r[i].line,
		        "column", (json_int_t)h->r[i].column, "sha256", jsha(&h->r[i]),
		        "container", jcontainer(r, &h->r[i]))) == -1) {
			json_decref(a);
			return NULL;
		}
	return a;
}

int
history_json(struct credaudit_render *r, const struct credaudit_history *h)
{
	const struct credaudit_history_totals *t = &h->totals;
	json_t *doc, *accts = json_array();
	size_t i;

	for (i = 0; accts != NULL && i < h->nacct; i++)
		if (json_array_append_new(accts, jaccount(r, &h->acct[i])) == -1) {
			json_decref(accts);
			accts = NULL;
		}
	doc = json_pack("{s:i, s:{s:s, s:s}, s:{s:o, s:s}, s:o, s:o, "
	                "s:{s:I, s:I, s:I, s:I, s:I, s:I, s:I}}",
	                "schema_version", SCHEMA_VERSION, "tool", "name", "credaudit",
	                "version", CREDAUDIT_VERSION, "history", "gap_days",
	                h->gap_days ? json_integer((json_int_t)h->gap_days) : json_null(),
	                "gap_rule", h->gap_days ? "gap_days" : GAP_RULE,
	                "accounts", accts, "errors", jerrors(r, h),
	                "summary", "inputs", (json_int_t)t->inputs,
	                "errors", (json_int_t)t->errors, "accounts", (json_int_t)t->accounts,
	                "accounts_with_root_key", (json_int_t)t->accounts_with_root_key,
	                "conflicts", (json_int_t)t->conflicts,
	                "accounts_with_root_failure", (json_int_t)t->accounts_with_root_failure,
	                "duplicates", (json_int_t)t->duplicates);
	if (doc == NULL) {
		r->failed = RENDER_NOMEM;
		return -1;
	}
	if (render_json_dump(r, doc, DUMP_FLAGS, 0) == -1)
		return -1;
	return render_puts(r, "\n");
}
