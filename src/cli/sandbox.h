/*
 * sandbox.h - the runtime sandbox (Linux seccomp, libseccomp).
 *
 * Once its inputs and output are open a run needs only to read, write,
 * allocate memory, open files read-only (directories, further inputs),
 * start threads and publish its output file.  sandbox_enter() makes every
 * other system call fail with EPERM for the rest of the process: creating
 * a socket in particular, so no network is possible whatever a hostile
 * input does.  It cannot be undone.
 */
#ifndef CREDAUDIT_SANDBOX_H
#define CREDAUDIT_SANDBOX_H

#include "credaudit.h"

/* Install the allow-list.  0, or -1 with err filled (CREDAUDIT_ERR_INTERNAL). */
int sandbox_enter(struct credaudit_error *err);

#endif
