/*
 * jsonfile.c - a JSON document from a file the user names (see jsonfile.h).
 */
#include <errno.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <string.h>

#include "base/util.h"
#include "rules/jsonfile.h"

int
jsonfile_load(const char *path, const char *what, size_t max, char hex[65],
              json_t **root, struct credaudit_error *err)
{
	struct sha256_ctx sha;
	uint8_t d[SHA256_DIGEST_SIZE];
	struct buf data = { 0 };
	char chunk[65536];
	json_error_t je;
	unsigned long failed;
	FILE *fp;
	size_t n;
	int rd;

	*root = NULL;
	if ((fp = fopen(path, "rb")) == NULL)
		return seterr(err, CREDAUDIT_ERR_USAGE, path, 0, 0, "%.400s: %s: cannot open: %s",
		              path, what, strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0 && data.len <= max)
		if (buf_add(&data, chunk, n) == -1) {
			fclose(fp);
			buf_free(&data);
			return seterr_nomem(err, path);
		}
	rd = ferror(fp);
	fclose(fp);
	if (rd || data.len > max) {
		buf_free(&data);
		if (rd)
			return seterr(err, CREDAUDIT_ERR_USAGE, path, 0, 0, "%.400s: %s: read error",
			              path, what);
		return seterr(err, CREDAUDIT_ERR_USAGE, path, 0, 0,
		              "%.400s: %s: larger than %zu MiB", path, what, max >> 20);
	}
	sha256_init(&sha);
	if (data.len > 0)
		sha256_update(&sha, data.len, (const uint8_t *)data.data);
	sha256_digest(&sha, sizeof(d), d);
	hex_encode(d, sizeof(d), hex);

	failed = ca_alloc_failures();
	*root = json_loadb(data.data != NULL ? data.data : "", data.len,
	                   JSON_REJECT_DUPLICATES, &je);
	buf_free(&data);
	if (ca_alloc_failures() != failed ||
	    (*root == NULL && (json_error_code(&je) == json_error_out_of_memory ||
	                       je.text[0] == '\0'))) {
		json_decref(*root);
		*root = NULL;
		return seterr_nomem(err, path);
	}
	if (*root == NULL) {
		unsigned long line = je.line > 0 ? (unsigned long)je.line : 0;
		unsigned long col = je.column > 0 ? (unsigned long)je.column : 0;

		return seterr(err, CREDAUDIT_ERR_USAGE, path, line, col,
		              "%.400s:%lu:%lu: %s: not JSON: %s", path, line, col, what, je.text);
	}
	return 0;
}
