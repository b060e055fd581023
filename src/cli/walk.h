/*
 * walk.h - turn the command line's inputs into the list of files to audit.
 * Part of the CLI.
 *
 * A file named on the command line is always an input, whatever its name.
 * A directory is walked recursively, entries in byte order of their names;
 * it yields the files named *.csv, *.json, *.b64 or *.txt, each also with
 * .gz appended, in any letter case.  Hidden entries (names starting with a
 * dot), entries matched by --exclude and other files are skipped, counted
 * and named (w->skip).  A directory that is its
 * own ancestor (a symlink loop) and a directory that cannot be read become
 * inputs in error, so that the run fails closed and says where; so does
 * a directory named on the command line that yields no input at all
 * (auditing nothing must not pass), and an entry named like a report that
 * is not a regular file (FIFO, socket, device, a link to one, a dangling
 * link): it is never opened.  Each directory is entered once per argument,
 * however many links reach it (device and inode remembered): the first
 * path in byte order is the one walked.
 */
#ifndef CREDAUDIT_WALK_H
#define CREDAUDIT_WALK_H

#include <stddef.h>
#include <sys/types.h>

struct walk_input {
	char *path;
	char *error;   /* NULL: audit the file; else why it cannot be */
	int found;     /* found in a directory: must be a regular file */
};

struct walk_seen {
	dev_t dev;
	ino_t ino;
	int used;
};

/* A file or directory the walk skipped, named in the output. */
struct walk_skip {
	char *path;
	int kind;        /* enum credaudit_skip: HIDDEN, NAME or EXCLUDED */
	char *reason;
};

struct walk {
	struct walk_input *in;
	size_t n, cap;
	size_t skipped_hidden, skipped_other;
	struct walk_skip *skip;   /* every skipped entry, in walk order */
	size_t nskip, skip_cap;
	const char *const *exclude;   /* --exclude globs, set by the caller */
	size_t nexclude;
	size_t root_len;          /* of the argument walked, with its '/' */
	struct walk_seen *seen;   /* directories entered for this argument */
	size_t nseen, seen_cap;
};

/* "a FIFO", "a socket", "a character device"...: what a mode is. */
const char *walk_kind(mode_t mode);

/* Whether a file name found in a directory is audited. */
int walk_wanted(const char *name);

/*
 * The --exclude glob that rel (the path below the directory given) or
 * name (its last part) matches, or NULL.  fnmatch(3) with FNM_PATHNAME:
 * '*' and '?' do not cross '/', so "2024-*" matches a top directory and
 * "*.txt" any file of that name at any depth (by its name).
 */
const char *walk_excluded(const struct walk *w, const char *rel, const char *name);

/* Append the inputs arg names.  0, or -1 when memory ran out. */
int walk_add(struct walk *w, const char *arg);

/* The input that is the file at path (same path, or same device and
 * inode; "-" is standard input), or NULL: -o must not overwrite an input. */
const char *walk_find(const struct walk *w, const char *path);

/* Whether in (a file the run reads; "-" is standard input) and path are
 * the same file, as walk_find tells. */
int walk_same_file(const char *in, const char *path);

void walk_free(struct walk *w);

#endif
