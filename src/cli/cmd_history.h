/*
 * cmd_history.h - the `credaudit history` subcommand, and what it shares
 * with main.c's option handling.  Part of the CLI.
 */
#ifndef CREDAUDIT_CMD_HISTORY_H
#define CREDAUDIT_CMD_HISTORY_H

#include <getopt.h>
#include <stdint.h>

#include "credaudit.h"

/*
 * credaudit history [options] path ...: argv[0] is the program's name (as
 * getopt reports it), the options and paths follow.  Returns the exit
 * status: 0 no root key was ever seen active, 1 one was (or reports
 * conflict), 2 usage, 3 an input could not be read or placed in time, 4
 * internal or output error (said on standard error).
 */
int cmd_history(int argc, char **argv);

/* From main.c: every option of every subcommand, for getopt_long. */
extern const struct option cli_longopts[];
extern const char cli_shortopts[];
/* From main.c: print "credaudit: msg" (msg not NULL) and the usage on
 * standard error, return 2; print usage and help, return the exit status. */
int cli_usage(const char *msg);
int cli_help(void);
/* BYTES with an optional K, M or G suffix, above 0; 0 or -1. */
int cli_parse_size(const char *arg, uint64_t *size);
/* --max-field-bytes (1001), --max-input-bytes (1002), --max-rows (1003)
 * into opts; 0 or -1. */
int cli_parse_limit(int opt, const char *arg, struct credaudit_opts *opts);
/* A number from 1 to max; 0 or -1. */
int cli_parse_count(const char *arg, long max, long *out);

#endif
