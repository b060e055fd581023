/* cmd_history.h - `credaudit history`.  Part of the CLI. */
#ifndef CREDAUDIT_CMD_HISTORY_H
#define CREDAUDIT_CMD_HISTORY_H

/* argv[0] is the program's name, the subcommand's name taken out; returns
 * the exit status. */
int cmd_history(int argc, char **argv);

#endif
