/*
 * digest.c - the benchmark's floor: what every credaudit run does before it
 * parses a byte, and nothing else.  The same files, walked the same way,
 * read the same way (64 KiB read(2) chunks) as bench/rawcsv.c, each hashed
 * with SHA-256 by nettle as credaudit hashes its inputs (the digest is the
 * evidence, so no run can skip it).  A ratio of this row to the raw libcsv
 * parse is the least any credaudit row can reach.
 *
 *   digest PATH...    prints "files N bytes N" and the XOR of the digests
 */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <unistd.h>

#include "inputs.h"

static unsigned long long nfiles, nbytes;
static unsigned char folded[SHA256_DIGEST_SIZE];

static int
digest(const char *path)
{
	static char buf[65536];
	unsigned char d[SHA256_DIGEST_SIZE];
	struct sha256_ctx ctx;
	ssize_t n;
	size_t i;
	int fd = open(path, O_RDONLY);

	if (fd == -1) {
		perror(path);
		return -1;
	}
	sha256_init(&ctx);
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		nbytes += (unsigned long long)n;
		sha256_update(&ctx, (size_t)n, (const uint8_t *)buf);
	}
	close(fd);
	if (n < 0) {
		perror(path);
		return -1;
	}
	sha256_digest(&ctx, sizeof(d), d);
	for (i = 0; i < sizeof(d); i++)
		folded[i] ^= d[i];
	nfiles++;
	return 0;
}

int
main(int argc, char **argv)
{
	size_t i;
	int rc = each_input(argc, argv, digest);

	if (rc == 4)
		return rc;
	printf("files %llu bytes %llu xor ", nfiles, nbytes);
	for (i = 0; i < sizeof(folded); i++)
		printf("%02x", folded[i]);
	putchar('\n');
	return rc;
}
