/* cli.c - the CLI's allocation and error helpers. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

void *
cli_calloc(size_t n, size_t size)
{
	void *p;

	if (size != 0 && n > SIZE_MAX / size)
		return NULL;
	if ((p = credaudit_malloc(n * size)) != NULL)
		memset(p, 0, n * size);
	return p;
}

char *
cli_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = credaudit_malloc(n);

	return p != NULL ? memcpy(p, s, n) : NULL;
}

int
cli_seterr(struct credaudit_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || err->code != 0)
		return -1;
	memset(err, 0, sizeof(*err));
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->text, sizeof(err->text), fmt, ap);
	va_end(ap);
	return -1;
}

void
cli_error(const char *msg)
{
	const unsigned char *p;

	fputs("credaudit: ", stderr);
	for (p = (const unsigned char *)msg; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			fprintf(stderr, "\\x%02X", *p);
		else
			fputc(*p, stderr);
	fputc('\n', stderr);
}
