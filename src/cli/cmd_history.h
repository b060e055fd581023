/*
 * cmd_history.h - the `credaudit history` subcommand.  Part of the CLI.
 */
#ifndef CREDAUDIT_CMD_HISTORY_H
#define CREDAUDIT_CMD_HISTORY_H

/*
 * credaudit history [options] path ...: argv[0] is the program's name (as
 * getopt reports it), the options and paths follow.  Returns the exit
 * status: 0 no root key was ever seen active, 1 one was (or reports
 * conflict), 2 usage, 3 an input could not be read or placed in time, 4
 * internal or output error (said on standard error).
 */
int cmd_history(int argc, char **argv);

#endif
