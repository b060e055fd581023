/* cli_rules.h - the rule table for people: --list-rules and explain (CLI). */
#ifndef CREDAUDIT_CLI_RULES_H
#define CREDAUDIT_CLI_RULES_H

#include <stdio.h>

/* The rule table with references and parameters (--list-rules). */
void cli_list_rules(FILE *fp);

/* `credaudit explain RULE`: print what a compliance rule page carries.
 * Returns the exit status (2 for an unknown rule or bad arguments). */
int cli_explain(int argc, char **argv);

#endif
