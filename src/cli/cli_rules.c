/*
 * cli_rules.c - the rule table for people: --list-rules (one rule a line,
 * then its references and parameters, indented; or, with -f json, the
 * table as one JSON document) and `credaudit explain RULE...|all` (risk,
 * references, numbered remediation, verification, parameters, limits; an
 * unknown id gets the nearest one suggested).  test/rules.sh compares
 * --list-rules with docs/rules.md.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_rules.h"
#include "credaudit.h"
#include "output.h"

#define RULES_SCHEMA_VERSION 1

static void
list_text(FILE *fp)
{
	size_t i, j;

	for (i = 0; i < credaudit_rule_count(); i++) {
		const struct credaudit_rule_info *r = credaudit_rule_get(i);

		fprintf(fp, "%-26s %-9s %s\n", r->id,
		        credaudit_severity_name(r->severity), r->title);
		for (j = 0; j < r->nrefs; j++)
			fprintf(fp, "%-26s %-9s   %s: %s\n", "", "",
			        r->refs[j].framework, r->refs[j].id);
		if (r->nrefs == 0)
			fprintf(fp, "%-26s %-9s   (no verified reference)\n", "", "");
		for (j = 0; j < r->nparams; j++)
			fprintf(fp, "%-26s %-9s   parameter %s.%s=%lld\n", "", "", r->id,
			        r->params[j].name, (long long)r->params[j].def);
	}
}

/* A JSON array of the strings s[n]. */
static json_t *
jstrings(const char *const *s, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; a != NULL && i < n; i++)
		if (json_array_append_new(a, json_string(s[i])) == -1) {
			json_decref(a);
			return NULL;
		}
	return a;
}

/* One rule as JSON; NULL when memory ran out. */
static json_t *
jrule(const struct credaudit_rule_info *r)
{
	json_t *refs = json_array(), *params = json_array(), *cols = json_array();
	const char *c;
	size_t i;
	int bad = !refs || !params || !cols;

	for (i = 0; i < r->nrefs; i++)
		bad |= json_array_append_new(refs, json_pack("{s:s, s:s}", "framework",
		        r->refs[i].framework, "id", r->refs[i].id));
	for (i = 0; i < r->nparams; i++)
		bad |= json_array_append_new(params, json_pack("{s:s, s:I, s:I, s:I, s:s}",
		        "name", r->params[i].name, "default", (json_int_t)r->params[i].def,
		        "min", (json_int_t)r->params[i].min, "max", (json_int_t)r->params[i].max,
		        "meaning", r->params[i].meaning));
	for (i = 0; (c = credaudit_rule_column(r, i)) != NULL; i++)
		bad |= json_array_append_new(cols, json_string(c));
	if (bad) {
		json_decref(refs), json_decref(params), json_decref(cols);
		return NULL;
	}
	return json_pack("{s:s, s:s, s:s, s:s, s:b, s:o, s:o, s:o, s:s, s:o, s:s, s:s?}",
	                 "id", r->id, "title", r->title, "severity",
	                 credaudit_severity_name(r->severity), "scope", credaudit_rule_scope(r),
	                 "needs_as_of", credaudit_rule_needs_as_of(r), "columns", cols,
	                 "references", refs, "params", params, "risk", r->risk,
	                 "remediation", jstrings(r->remediation, r->nremediation),
	                 "verification", r->verification, "limits", r->limits);
}

/* The rule table and the benchmarks as one JSON document. */
static int
list_json(FILE *fp)
{
	json_t *rules = json_array(), *marks = json_array(), *doc;
	size_t i;
	int rc;

	for (i = 0; rules != NULL && i < credaudit_rule_count(); i++)
		if (json_array_append_new(rules, jrule(credaudit_rule_get(i))) == -1)
			break;
	for (i = 0; marks != NULL && i < credaudit_benchmark_count(); i++)
		if (json_array_append_new(marks, json_pack("{s:s, s:s}", "name",
		        credaudit_benchmark_name(i), "framework",
		        credaudit_benchmark_framework(i))) == -1)
			break;
	if (rules != NULL && json_array_size(rules) != credaudit_rule_count()) {
		json_decref(rules);
		rules = NULL;
	}
	doc = json_pack("{s:i, s:{s:s, s:s}, s:o, s:o}", "schema_version",
	                RULES_SCHEMA_VERSION, "tool", "name", "credaudit", "version",
	                CREDAUDIT_VERSION, "rules", rules, "benchmarks", marks);
	if (doc == NULL)
		return -1;
	rc = json_dumpf(doc, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
	json_decref(doc);
	if (rc == 0)
		fputc('\n', fp);
	return 0;   /* a write error shows at output_close_stdout */
}

int
cli_list_rules(FILE *fp, const char *format)
{
	if (strcmp(format, "json") == 0)
		return list_json(fp);
	list_text(fp);
	return 0;
}

static void
explain(FILE *fp, const struct credaudit_rule_info *r)
{
	size_t i;

	fprintf(fp, "%s: %s\nseverity: %s\n\nrisk:\n  %s\n\nreferences:\n", r->id,
	        r->title, credaudit_severity_name(r->severity), r->risk);
	for (i = 0; i < r->nrefs; i++)
		fprintf(fp, "  %s: %s\n", r->refs[i].framework, r->refs[i].id);
	if (r->nrefs == 0)
		fputs("  none verified (see docs/rules.md)\n", fp);
	fputs("\nremediation:\n", fp);
	for (i = 0; i < r->nremediation; i++)
		fprintf(fp, "  %zu. %s\n", i + 1, r->remediation[i]);
	fprintf(fp, "\nverification:\n  %s\n", r->verification);
	if (r->nparams > 0)
		fputs("\nparameters (--param RULE.NAME=VALUE):\n", fp);
	for (i = 0; i < r->nparams; i++)
		fprintf(fp, "  %s.%s (default %lld, %lld..%lld): %s\n", r->id,
		        r->params[i].name, (long long)r->params[i].def,
		        (long long)r->params[i].min, (long long)r->params[i].max,
		        r->params[i].meaning);
	if (r->limits != NULL)
		fprintf(fp, "\nlimits:\n  %s\n", r->limits);
}

#define ID_MAX 64

/* The Levenshtein distance of a and b, each cut at ID_MAX bytes. */
static size_t
distance(const char *a, const char *b)
{
	size_t m = strnlen(a, ID_MAX), n = strnlen(b, ID_MAX), i, j;
	size_t row[ID_MAX + 1];

	for (j = 0; j <= n; j++)
		row[j] = j;
	for (i = 1; i <= m; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (j = 1; j <= n; j++) {
			size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[n];
}

/* The rule id nearest to id, when near enough to be a likely misspelling
 * (at most half of id's length away, or id is part of it); else NULL.
 * Ties go to the first in table order. */
static const char *
nearest(const char *id)
{
	const char *best = NULL;
	size_t i, d, bestd = (size_t)-1, len = strnlen(id, ID_MAX);

	for (i = 0; i < credaudit_rule_count(); i++) {
		const char *r = credaudit_rule_get(i)->id;

		d = distance(id, r);
		if (d < bestd) {
			bestd = d;
			best = r;
		}
	}
	for (i = 0; bestd > (len + 1) / 2 && len >= 3 && i < credaudit_rule_count(); i++)
		if (strstr(credaudit_rule_get(i)->id, id) != NULL)
			return credaudit_rule_get(i)->id;
	return bestd <= (len + 1) / 2 ? best : NULL;
}

/* Say that id is no rule, with the nearest one when there is one. */
static void
unknown(const char *id)
{
	const char *near = nearest(id);

	if (near != NULL)
		fprintf(stderr, "credaudit: unknown rule '%.64s' (did you mean %s?)\n", id, near);
	else
		fprintf(stderr, "credaudit: unknown rule '%.64s' (see --list-rules)\n", id);
}

int
cli_explain(int argc, char **argv)
{
	int i, bad = 0;
	size_t j;

	if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		fputs("usage: credaudit explain rule ... | all\n\n"
		      "Print each rule's risk, references, remediation steps, verification,\n"
		      "parameters and limits; all: every rule.  Rules: credaudit --list-rules.\n",
		      stdout);
		return output_close_stdout();
	}
	if (argc < 2) {
		fputs("usage: credaudit explain rule ... | all\n", stderr);
		return CREDAUDIT_ERR_USAGE;
	}
	/* every id is checked before anything is printed */
	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "all") != 0 && credaudit_rule_find(argv[i]) == NULL) {
			unknown(argv[i]);
			bad = 1;
		}
	if (bad)
		return CREDAUDIT_ERR_USAGE;
	for (i = 1; i < argc; i++) {
		if (i > 1)
			fputc('\n', stdout);
		if (strcmp(argv[i], "all") != 0) {
			explain(stdout, credaudit_rule_find(argv[i]));
			continue;
		}
		for (j = 0; j < credaudit_rule_count(); j++) {
			if (j > 0)
				fputc('\n', stdout);
			explain(stdout, credaudit_rule_get(j));
		}
	}
	return output_close_stdout();
}
