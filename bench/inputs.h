/*
 * inputs.h - the benchmark's own tools (rawcsv.c, digest.c) take their
 * inputs as credaudit does: every path walked (cli/walk.c), each file
 * handed to fn in the walk's order.  Returns 0, 3 when an input could not
 * be walked or fn failed on one, or 4 when a path could not be walked.
 */
#ifndef BENCH_INPUTS_H
#define BENCH_INPUTS_H

#include "cli/walk.h"

static int
each_input(int argc, char **argv, int (*fn)(const char *path))
{
	struct walk w = { 0 };
	size_t i;
	int a, rc = 0;

	for (a = 1; a < argc; a++)
		if (walk_add(&w, argv[a]) == -1)
			return 4;
	for (i = 0; i < w.n; i++)
		if (w.in[i].error != NULL || fn(w.in[i].path) == -1)
			rc = 3;
	walk_free(&w);
	return rc;
}

#endif
