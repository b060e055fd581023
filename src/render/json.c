/* json.c - the one JSON emitter of the render core (see json.h). */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "base/escape.h"
#include "render/json.h"

/* Where json_dump_callback writes: the renderer, and the indent to put
 * after every newline. */
struct dump_ctx {
	struct credaudit_render *r;
	size_t indent;
	int failed;
};

/*
 * jansson 2.14 ignores the result of this callback for object keys (an
 * allocation failure there would drop a key and go on), so a failure is
 * also remembered here and checked after the dump.
 */
static int
dump_cb(const char *buf, size_t len, void *data)
{
	static const char spaces[] = "                ";
	struct dump_ctx *d = data;
	size_t i = 0, start = 0;

	/* DEL (0x7F) may stand raw in a JSON string; it is written \u007f
	 * so that the output holds no control byte at all. */
	for (; !d->failed && i < len; i++) {
		if (buf[i] != '\n' && buf[i] != '\x7f')
			continue;
		d->failed = render_write(d->r, buf + start, i - start) == -1;
		if (!d->failed && buf[i] == '\n')
			d->failed = render_write(d->r, "\n", 1) == -1 ||
			            render_write(d->r, spaces, d->indent) == -1;
		else if (!d->failed)
			d->failed = render_write(d->r, "\\u007f", 6) == -1;
		start = i + 1;
	}
	if (!d->failed && start < len)
		d->failed = render_write(d->r, buf + start, len - start) == -1;
	return d->failed ? -1 : 0;
}

int
render_json_dump(struct credaudit_render *r, json_t *v, size_t flags, size_t indent)
{
	struct dump_ctx d = { r, indent < 16 ? indent : 16, 0 };
	int rc;

	if (v == NULL)
		return render_nomem(r);
	rc = json_dump_callback(v, dump_cb, &d, flags | JSON_ENSURE_ASCII);
	json_decref(v);
	/* Not the writer's fault (render_write remembers that): jansson ran
	 * out of memory. */
	if (rc == -1 || d.failed)
		return render_nomem(r);
	return r->failed ? -1 : 0;
}

json_t *
jtext(struct credaudit_render *r, const char *s)
{
	r->scratch.len = 0;
	if (s == NULL)
		return json_null();
	if (esc_utf8(&r->scratch, s) == -1)
		return NULL;
	return json_stringn(r->scratch.data ? r->scratch.data : "", r->scratch.len);
}

/* {"rule.name": value, ...} of the selected rules' thresholds. */
static json_t *
params_json(const struct credaudit_audit *a)
{
	json_t *o = json_object();
	char key[256];
	size_t i, j;

	for (i = 0; o != NULL && i < credaudit_audit_rule_count(a); i++) {
		const struct credaudit_rule_info *ri = credaudit_audit_rule(a, i);

		for (j = 0; j < ri->nparams; j++) {
			snprintf(key, sizeof(key), "%s.%s", ri->id, ri->params[j].name);
			if (json_object_set_new(o, key, json_integer(credaudit_audit_param(
			        a, ri->id, ri->params[j].name))) == -1) {
				json_decref(o);
				return NULL;
			}
		}
	}
	return o;
}

json_t *
render_options_json(struct credaudit_render *r)
{
	const struct credaudit_audit *a = r->audit;
	const char *sha, *wf, *bm;
	json_t *rules, *w;
	size_t i;

	bm = credaudit_audit_benchmark(a);
	wf = credaudit_audit_waivers(a, &sha);
	if ((rules = json_array()) == NULL)
		return NULL;
	for (i = 0; i < credaudit_audit_rule_count(a); i++)
		if (json_array_append_new(rules, json_string(credaudit_audit_rule(a, i)->id)) == -1) {
			json_decref(rules);
			return NULL;
		}
	w = wf == NULL ? json_null() : json_pack("{s:o, s:s}", "file", jtext(r, wf),
	                                         "sha256", sha);
	return json_pack("{s:o, s:o, s:o, s:s, s:o}", "rules", rules,
	                 "benchmark", bm ? json_string(bm) : json_null(),
	                 "params", params_json(a),
	                 "fail_on", credaudit_severity_name(credaudit_audit_fail_on(a)),
	                 "waivers", w);
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

json_t *
render_accounts_json(struct credaudit_render *r)
{
	const struct credaudit_summary *s = r->sum;
	json_t *arr = json_array();
	size_t i, k;
	int bad = arr == NULL;

	for (i = 0; i < s->n && !bad; i++) {
		const struct account_sum *a = &s->a[i];
		json_t *rules = json_object();

		bad |= rules == NULL;
		for (k = 0; k < a->nrules && !bad; k++)
			if (a->worst[k] != OUTCOME_NONE)
				bad |= json_object_set_new(rules, a->rule[k], json_string(
				        credaudit_status_name(outcome_status(a->worst[k]))));
		bad |= json_array_append_new(arr, json_pack(
		        "{s:o, s:o, s:I, s:o, s:o}", "account", jtext(r, a->account),
		        "partition", jtext(r, a->partition), "reports",
		        (json_int_t)a->reports, "period", period(a), "worst", rules));
	}
	if (bad) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}
