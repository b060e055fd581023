/*
 * audit.c - set up an audit from its options: limits, the as-of time,
 * rule selection, parameters (defaults, then the benchmark's, then
 * --param), waivers; and the accessors of an audit.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "base/util.h"
#include "input/container.h"
#include "input/read.h"
#include "report/audit.h"

#define DEFAULT_MAX_FIELD 65536
/* Twice the 5,000 users IAM allows an account: a larger report is forged
 * (and would not fit the memory bound, README "What is read"). */
#define DEFAULT_MAX_ROWS 10000UL

static int
select_rules(struct credaudit_audit *a, const char *list,
             struct credaudit_error *err)
{
	int chosen[MAX_RULES] = { 0 };
	const char *p = list;
	size_t i;

	while (*p != '\0') {
		size_t n = strcspn(p, ",");
		const struct rule *r = rules_find(p, n);

		if (r == NULL)
			return seterr(err, CREDAUDIT_ERR_USAGE, NULL, 0, 0,
			              "unknown rule '%.*s' (see --list-rules)",
			              (int)(n > 64 ? 64 : n), p);
		chosen[r - rules_get(0)] = 1;
		p += n;
		if (*p == ',' && *++p == '\0')
			return seterr(err, CREDAUDIT_ERR_USAGE, NULL, 0, 0,
			              "empty rule id in --rules");
	}
	for (i = 0; i < rules_count(); i++)
		if (chosen[i])
			a->rules[a->nrules++] = rules_get(i);
	return 0;
}

/* Set parameter name of rule (name[0..n)) to value; 0 or -1. */
static int
set_param(struct credaudit_audit *a, const char *rule, size_t nrule,
          const char *name, size_t nname, int64_t value,
          struct credaudit_error *err)
{
	const struct rule *r = rules_find(rule, nrule);
	size_t i;

	if (r == NULL)
		return seterr(err, CREDAUDIT_ERR_USAGE, NULL, 0, 0,
		              "--param: unknown rule '%.*s' (see --list-rules)",
		              (int)(nrule > 64 ? 64 : nrule), rule);
	for (i = 0; i < r->info.nparams; i++) {
		const struct credaudit_param_info *p = &r->info.params[i];

		if (strlen(p->name) != nname || memcmp(p->name, name, nname) != 0)
			continue;
		if (value < p->min || value > p->max)
			return seterr(err, CREDAUDIT_ERR_USAGE, NULL, 0, 0,
			              "--param %s.%s: %lld is out of range %lld..%lld",
			              r->info.id, p->name, (long long)value,
			              (long long)p->min, (long long)p->max);
		a->param[r - rules_get(0)][i] = value;
		return 0;
	}
	return seterr(err, CREDAUDIT_ERR_USAGE, NULL, 0, 0,
	              "--param: rule %s has no parameter '%.*s'%s", r->info.id,
	              (int)(nname > 64 ? 64 : nname), name,
	              r->info.nparams ? "" : " (it takes none)");
}

/* "RULE.NAME=VALUE" with a decimal VALUE. */
static int
parse_param(struct credaudit_audit *a, const char *s, struct credaudit_error *err)
{
	const char *dot = strchr(s, '.'), *eq = strchr(s, '=');
	char *end;
	long long v;

	if (dot == NULL || eq == NULL || eq < dot || dot == s || eq == dot + 1 ||
	    eq[1] == '\0')
		return seterr(err, CREDAUDIT_ERR_USAGE, NULL, 0, 0,
		              "--param takes RULE.NAME=VALUE, e.g. "
		              "credentials-unused.days=90, not '%.64s'", s);
	errno = 0;
	v = strtoll(eq + 1, &end, 10);
	if (errno != 0 || *end != '\0' || eq[1] < '0' || eq[1] > '9')
		return seterr(err, CREDAUDIT_ERR_USAGE, NULL, 0, 0,
		              "--param %.*s: '%.32s' is not a whole number",
		              (int)(eq - s > 64 ? 64 : eq - s), s, eq + 1);
	return set_param(a, s, (size_t)(dot - s), dot + 1, (size_t)(eq - dot - 1),
	                 (int64_t)v, err);
}

/* Defaults, then the benchmark's thresholds, then --param. */
static int
set_params(struct credaudit_audit *a, const struct credaudit_opts *opts,
           struct credaudit_error *err)
{
	size_t i, j;

	for (i = 0; i < rules_count(); i++)
		for (j = 0; j < rules_get(i)->info.nparams && j < MAX_PARAMS; j++)
			a->param[i][j] = rules_get(i)->info.params[j].def;
	if (opts->benchmark != NULL && opts->benchmark[0] != '\0') {
		const struct benchmark *bm = benchmark_find(opts->benchmark);

		if (bm == NULL)
			return seterr(err, CREDAUDIT_ERR_USAGE, NULL, 0, 0,
			              "unknown benchmark '%.64s' (cis-1.2, cis-1.4, cis-1.5, "
			              "cis-2.0, cis-3.0, cis-4.0, cis-5.0)", opts->benchmark);
		a->benchmark = bm;
		for (i = 0; i < bm->nparams; i++) {
			const struct benchmark_param *p = &bm->params[i];

			if (set_param(a, p->rule, strlen(p->rule), p->name,
			              strlen(p->name), p->value, err) == -1)
				return -1;
		}
	}
	for (i = 0; i < opts->nparams; i++)
		if (parse_param(a, opts->params[i], err) == -1)
			return -1;
	return 0;
}

/* jansson (the waiver file, JSON wrappers) allocates through the
 * library's allocator, so that its running out of memory is reported as
 * such (and a test build can make it fail). */
static void
set_json_alloc(void)
{
	json_set_alloc_funcs(ca_malloc, ca_free);
}

struct credaudit_audit *
credaudit_audit_new(const struct credaudit_opts *opts,
                    struct credaudit_error *err)
{
	static const struct credaudit_opts defaults;
	static pthread_once_t json_once = PTHREAD_ONCE_INIT;
	struct credaudit_audit *a;
	size_t i;

	if (pthread_once(&json_once, set_json_alloc) != 0) {
		seterr(err, CREDAUDIT_ERR_INTERNAL, NULL, 0, 0,
		       "cannot set up the JSON allocator");
		return NULL;
	}
	if (opts == NULL)
		opts = &defaults;
	if ((a = ca_new(sizeof(*a), err)) == NULL)
		return NULL;
	a->max_field = opts->max_field ? opts->max_field : DEFAULT_MAX_FIELD;
	a->as_of = opts->as_of;
	a->as_of_source = opts->as_of_source;
	a->clock = (int64_t)time(NULL);
	a->max_decompressed = opts->max_decompressed ? opts->max_decompressed :
	                      CONTAINER_DEFAULT_CAP;
	a->max_input = opts->max_input ? opts->max_input : READ_DEFAULT_MAX_INPUT;
	a->max_rows = opts->max_rows ? opts->max_rows : DEFAULT_MAX_ROWS;
	a->fail_on = CREDAUDIT_SEV_LOW;
	if (opts->fail_on != NULL && credaudit_severity_parse(opts->fail_on, &a->fail_on) == -1) {
		seterr(err, CREDAUDIT_ERR_USAGE, NULL, 0, 0,
		       "--fail-on takes info, low, medium, high or critical");
		ca_free(a);
		return NULL;
	}
	if (opts->rules != NULL && opts->rules[0] == '\0') {
		seterr(err, CREDAUDIT_ERR_USAGE, NULL, 0, 0,
		       "empty rule list in --rules (leave the option out for every rule)");
		ca_free(a);
		return NULL;
	}
	if (opts->rules != NULL) {
		a->explicit_rules = 1;
		if (select_rules(a, opts->rules, err) == -1) {
			ca_free(a);
			return NULL;
		}
	} else {
		for (i = 0; i < rules_count(); i++)
			a->rules[a->nrules++] = rules_get(i);
	}
	if (set_params(a, opts, err) == -1 ||
	    (opts->waivers != NULL &&
	     waivers_load(&a->waivers, opts->waivers, err) == -1) ||
	    (opts->manifest != NULL &&
	     manifest_load(&a->manifest, opts->manifest, err) == -1) ||
	    (opts->baseline != NULL &&
	     baseline_load(&a->baseline, opts->baseline, err) == -1)) {
		credaudit_audit_free(a);
		return NULL;
	}
	return a;
}

void
credaudit_audit_free(struct credaudit_audit *a)
{
	if (a == NULL)
		return;
	waivers_free(&a->waivers);
	manifest_free(&a->manifest);
	baseline_free(&a->baseline);
	ca_free(a);
}

enum credaudit_severity
credaudit_audit_fail_on(const struct credaudit_audit *a)
{
	return a != NULL ? a->fail_on : CREDAUDIT_SEV_LOW;
}

const char *
credaudit_audit_benchmark(const struct credaudit_audit *a)
{
	return a != NULL && a->benchmark ? a->benchmark->name : NULL;
}

int64_t
credaudit_audit_param(const struct credaudit_audit *a, const char *rule,
                      const char *name)
{
	const struct rule *r = rules_find(rule, strlen(rule));
	size_t i;

	for (i = 0; r != NULL && i < r->info.nparams; i++)
		if (strcmp(r->info.params[i].name, name) == 0)
			return a->param[r - rules_get(0)][i];
	return -1;
}

size_t
credaudit_audit_rule_count(const struct credaudit_audit *a)
{
	return a->nrules;
}

const struct credaudit_rule_info *
credaudit_audit_rule(const struct credaudit_audit *a, size_t i)
{
	return i < a->nrules ? &a->rules[i]->info : NULL;
}

const char *
credaudit_audit_waivers(const struct credaudit_audit *a, const char **sha256)
{
	if (sha256 != NULL)
		*sha256 = a->waivers.path ? a->waivers.sha256 : NULL;
	return a->waivers.path;
}


const char *
credaudit_audit_manifest(const struct credaudit_audit *a)
{
	return a != NULL ? a->manifest.path : NULL;
}

size_t
credaudit_audit_manifest_count(const struct credaudit_audit *a)
{
	return a != NULL ? a->manifest.n : 0;
}

const char *
credaudit_audit_manifest_entry(const struct credaudit_audit *a, size_t i,
                               unsigned long *line)
{
	if (a == NULL || i >= a->manifest.n)
		return NULL;
	if (line != NULL)
		*line = a->manifest.v[i].line;
	return a->manifest.v[i].path;
}

const char *
credaudit_audit_baseline(const struct credaudit_audit *a, const char **sha256)
{
	if (sha256 != NULL)
		*sha256 = a != NULL && a->baseline.path ? a->baseline.sha256 : NULL;
	return a != NULL ? a->baseline.path : NULL;
}
