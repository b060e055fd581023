/*
 * manifest.h - the evidence register (--manifest): CSV with the header
 * path,as_of[,sha256], one line per input.  A path is relative to the
 * register's folder; it names an input when both are the same file
 * (device and inode), however the input was named on the command line or
 * found by the walk.  Checked whole when the audit is set up.
 */
#ifndef CREDAUDIT_MANIFEST_H
#define CREDAUDIT_MANIFEST_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "credaudit.h"

struct manifest_entry {
	char *path;          /* as written */
	unsigned long line;
	int64_t as_of;
	char sha256[65];     /* lowercase hex, "" when not given */
	int found;           /* the file exists: dev and ino are set */
	dev_t dev;
	ino_t ino;
};

struct manifest {
	char *path;
	struct manifest_entry *v;
	size_t n, cap;
};

/* Load path.  0, or -1 with err filled (CREDAUDIT_ERR_USAGE naming line
 * and column, or out of memory). */
int manifest_load(struct manifest *m, const char *path, struct credaudit_error *err);
/* The entry for the file open on fd, or NULL. */
const struct manifest_entry *manifest_match(const struct manifest *m, int fd);
void manifest_free(struct manifest *m);

#endif
