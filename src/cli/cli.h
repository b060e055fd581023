/*
 * cli.h - what every file of the CLI uses: allocation through the
 * library's allocator, and error filling.  Part of the CLI, which builds on
 * the public header only.
 *
 * The CLI allocates through credaudit_malloc & co (include/credaudit.h)
 * rather than malloc, so that the failure-injection build counts its
 * allocations with the library's: test/failinj.sh makes every allocation of
 * a whole run fail in turn, the CLI's included.
 */
#ifndef CREDAUDIT_CLI_H
#define CREDAUDIT_CLI_H

#include <stddef.h>

#include "credaudit.h"

#if defined(__GNUC__)
#define CLI_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CLI_PRINTF(f, a)
#endif

/* calloc (overflow-checked) and strdup on credaudit_malloc, which has no
 * such siblings; memory from either is released with credaudit_free. */
void *cli_calloc(size_t n, size_t size);
char *cli_strdup(const char *s);

/* Fill err (if not NULL and not already filled: the first error wins)
 * with code and text, no file, line or column.  Always returns -1. */
int cli_seterr(struct credaudit_error *err, int code, const char *fmt, ...)
	CLI_PRINTF(3, 4);

/* Print "credaudit: " and msg on standard error, every control byte of
 * msg (which may quote a file's text, e.g. a waiver file's) as \xHH, so
 * nothing read can reach the terminal raw; then a newline. */
void cli_error(const char *msg);

#endif
