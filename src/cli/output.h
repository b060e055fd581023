/*
 * output.h - where the CLI writes: standard output, or a file replaced
 * atomically (temporary file in the directory of the file that symbolic
 * links lead to, then rename over that file, so that a link stays a link),
 * so that a failed run never leaves a partial file.  A target that is not a
 * regular file (terminal, pipe, FIFO, device) is written in place.  Part of
 * the CLI, not the library.
 */
#ifndef CREDAUDIT_OUTPUT_H
#define CREDAUDIT_OUTPUT_H

#include <stddef.h>
#include <stdio.h>

struct output {
	FILE *fp;
	const char *path;     /* NULL: standard output */
	char *target;         /* the file the links lead to, replaced by rename */
	char *tmp;            /* temporary file name beside target while open */
	int direct;           /* path is not a regular file: written in place */
};

/* Open path (NULL: stdout).  0, or -1 after printing why. */
int output_open(struct output *o, const char *path);
/* credaudit_write_fn over an output. */
int output_write(void *ctx, const void *buf, size_t len);
int output_is_terminal(const struct output *o);
/* Flush and publish: rename the temporary file into place.  0 or -1. */
int output_commit(struct output *o);
/* Drop everything: remove the temporary file. */
void output_abort(struct output *o);
/* Flush and check stdout; the exit status to use (0 or 4). */
int output_close_stdout(void);

#endif
