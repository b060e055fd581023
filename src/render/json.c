/* json.c - the one JSON emitter of the render core (see json.h). */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "base/escape.h"
#include "render/json.h"

/* The largest dump made in memory (json_dumpb into r->scratch); a larger
 * one streams through json_dump_callback, so memory stays bounded. */
#define DUMP_MAX (256u * 1024)
/* The room of the first dump in memory: a dump that does not fit is made
 * twice (measured, then written), so the SARIF tool object (some 38 KiB)
 * fits the first time. */
#define DUMP_FIRST (64u * 1024)

/*
 * Write buf[0..len), a piece of jansson's output, putting indent spaces
 * after every newline and writing DEL (0x7F, which may stand raw in a
 * JSON string) as \u007f, so that the output holds no control byte at all.
 * Runs between those bytes are found with memchr and written whole.
 */
int
render_json_put(struct credaudit_render *r, const char *buf, size_t len, size_t indent)
{
	static const char spaces[] = "\n                ";
	const char *p = buf, *end = buf + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl != NULL ? nl : end;
		const char *del = memchr(p, '\x7f', (size_t)(stop - p));

		if (del != NULL) {
			render_write(r, p, (size_t)(del - p));
			render_write(r, "\\u007f", 6);
			p = del + 1;
			continue;
		}
		render_write(r, p, (size_t)(stop - p));
		if (nl == NULL)
			break;
		render_write(r, spaces, 1 + indent);
		p = nl + 1;
	}
	return r->failed ? -1 : 0;
}

/* A JSON string of s (NULL: null) as jansson dumps it with
 * JSON_ENSURE_ASCII: printable ASCII but '"' and '\\' as it is, anything
 * else through jansson itself (invalid UTF-8 as U+FFFD, as jtext). */
int
render_json_str(struct credaudit_render *r, const char *s)
{
	size_t i;

	if (s == NULL)
		return render_write(r, "null", 4);
	for (i = 0; s[i] >= 0x20 && s[i] < 0x7F && s[i] != '"' && s[i] != '\\'; i++)
		;
	if (s[i] != '\0')
		return render_json_dump(r, jtext(r, s), JSON_ENCODE_ANY, 0);
	render_write(r, "\"", 1);
	render_write(r, s, i);
	return render_write(r, "\"", 1);
}

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
	struct dump_ctx *d = data;

	if (!d->failed)
		d->failed = render_json_put(d->r, buf, len, d->indent) == -1;
	return d->failed ? -1 : 0;
}

/*
 * json_dumpb into r->scratch (reused from dump to dump: nothing else
 * holds it while a value is dumped), grown once to the size jansson asks
 * for; the number of bytes, 0 when jansson failed (out of memory), or
 * DUMP_MAX + 1 when the dump is too large to be made in memory.
 */
static size_t
dump_to_scratch(struct credaudit_render *r, json_t *v, size_t flags)
{
	struct buf *b = &r->scratch;
	size_t n;

	b->len = 0;
	if (b->cap < DUMP_FIRST && buf_grow(b, DUMP_FIRST) == -1)
		return 0;
	n = json_dumpb(v, b->data, b->cap, flags);
	if (n <= b->cap || n > DUMP_MAX)
		return n;
	if (buf_grow(b, n) == -1)
		return 0;
	return json_dumpb(v, b->data, b->cap, flags);
}

int
render_json_dump(struct credaudit_render *r, json_t *v, size_t flags, size_t indent)
{
	struct dump_ctx d = { r, indent < 16 ? indent : 16, 0 };
	size_t n;
	int rc;

	if (v == NULL)
		return render_nomem(r);
	flags |= JSON_ENSURE_ASCII;
	n = dump_to_scratch(r, v, flags);
	if (n > 0 && n <= DUMP_MAX) {
		json_decref(v);
		return render_json_put(r, r->scratch.data, n, d.indent);
	}
	rc = n == 0 ? -1 : json_dump_callback(v, dump_cb, &d, flags);
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

int
render_json_evidence_dup(const struct credaudit_finding *f)
{
	size_t i, j;

	for (i = 0; i < f->nevidence; i++)
		for (j = 0; j < i; j++)
			if (strcmp(f->evidence[i].name, f->evidence[j].name) == 0)
				return 1;
	return 0;
}
