/*
 * rawcsv.c - the benchmark's baseline: only the raw libcsv parse of the
 * same files (strict mode, callbacks that count), read the same way
 * credaudit reads them (64 KiB read(2) chunks).  Directories are walked
 * like credaudit walks them.
 *
 *   rawcsv PATH...    prints "records N fields N bytes N"
 */
#define _POSIX_C_SOURCE 200809L
#include <csv.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "inputs.h"

static unsigned long long nrec, nfield, nbytes;

static void
on_field(void *s, size_t len, void *data)
{
	(void)s;
	(void)len;
	(void)data;
	nfield++;
}

static void
on_record(int c, void *data)
{
	(void)c;
	(void)data;
	nrec++;
}

static int
parse(const char *path)
{
	static char buf[65536];
	struct csv_parser p;
	ssize_t n;
	int fd = open(path, O_RDONLY), rc = 0;

	if (fd == -1 || csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		perror(path);
		return -1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		nbytes += (unsigned long long)n;
		if (csv_parse(&p, buf, (size_t)n, on_field, on_record, NULL) != (size_t)n) {
			rc = -1;
			break;
		}
	}
	if (rc == 0)
		csv_fini(&p, on_field, on_record, NULL);
	csv_free(&p);
	close(fd);
	return rc;
}

int
main(int argc, char **argv)
{
	int rc = each_input(argc, argv, parse);

	if (rc != 4)
		printf("records %llu fields %llu bytes %llu\n", nrec, nfield, nbytes);
	return rc;
}
