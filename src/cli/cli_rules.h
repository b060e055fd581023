/* cli_rules.h - the rule table for people: --list-rules and explain (CLI). */
#ifndef CREDAUDIT_CLI_RULES_H
#define CREDAUDIT_CLI_RULES_H

#include <stdio.h>

/* The rule table with references and parameters (--list-rules): format
 * "json" as one JSON document (docs/rules.md), else as text.  0, or -1
 * when memory ran out.  Write errors are left to output_close_stdout. */
int cli_list_rules(FILE *fp, const char *format);

/* `credaudit explain RULE...|all`: print what a compliance rule page
 * carries, for each rule named (all: every rule).  Returns the exit
 * status (2 for an unknown rule, with the nearest id suggested, or bad
 * arguments; nothing is printed on standard output then). */
int cli_explain(int argc, char **argv);

#endif
