/*
 * cli_rules.c - the rule table for people: --list-rules (one rule a line,
 * then its references and parameters, indented) and `credaudit explain
 * RULE` (risk, references, numbered remediation, verification, parameters,
 * limits).  test/rules.sh compares --list-rules with docs/rules.md.
 */
#include <stdio.h>
#include <string.h>

#include "cli_rules.h"
#include "credaudit.h"
#include "output.h"

void
cli_list_rules(FILE *fp)
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

int
cli_explain(int argc, char **argv)
{
	const struct credaudit_rule_info *r;

	if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		fputs("usage: credaudit explain rule\n\n"
		      "Print a rule's risk, references, remediation steps, verification,\n"
		      "parameters and limits.  Rules: credaudit --list-rules.\n", stdout);
		return output_close_stdout();
	}
	if (argc != 2) {
		fputs("usage: credaudit explain rule\n", stderr);
		return CREDAUDIT_ERR_USAGE;
	}
	if ((r = credaudit_rule_find(argv[1])) == NULL) {
		fprintf(stderr, "credaudit: unknown rule '%.64s' (see --list-rules)\n",
		        argv[1]);
		return CREDAUDIT_ERR_USAGE;
	}
	explain(stdout, r);
	return output_close_stdout();
}
