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
#include <stdint.h>
#include <sys/types.h>

struct walk_input {
	char *path;
	char *error;   /* NULL: audit the file; else why it cannot be */
	int found;     /* found in a directory or an archive: skipped when
	                  its bytes are no credential report */
	char *member;  /* a member of the archive at path, or NULL */
	size_t index;  /* ... its entry number in the archive */
	int have_id;   /* a file found in a directory: dev and ino as the */
	dev_t dev;     /* walk saw them (walk_find compares them instead of */
	ino_t ino;     /* asking again) */
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
	uint64_t max_input;       /* caps for archives (0: the defaults) */
	uint64_t max_decompressed;
	/* lists an archive's members (archive_list), or NULL: archives are
	 * files like others */
	int (*archive)(struct walk *w, const char *path, int known);
	struct walk_seen *seen;   /* directories entered for this argument */
	size_t nseen, seen_cap;
};

/* "a FIFO", "a socket", "a character device"...: what a mode is. */
const char *walk_kind(mode_t mode);

/* Whether a file name found in a directory is audited. */
int walk_wanted(const char *name);

/* Whether a file name is an archive's: *.zip, *.tar, *.tar.gz, *.tgz,
 * *.tar.bz2, *.tbz2, *.tbz, *.tar.xz, *.txz, in any letter case. */
int walk_archive_named(const char *name);

/*
 * The --exclude glob that rel (the path below the directory given) or
 * name (its last part) matches, or NULL.  fnmatch(3) with FNM_PATHNAME:
 * '*' and '?' do not cross '/', so "2024-*" matches a top directory and
 * "*.txt" any file of that name at any depth (by its name).
 */
const char *walk_excluded(const struct walk *w, const char *rel, const char *name);

/* Name a skipped entry (kind: enum credaudit_skip).  0, or -1 when memory
 * ran out. */
int walk_skip(struct walk *w, const char *path, int kind, const char *reason);

/* Append an input: a file, or member (not NULL) number index of the
 * archive at path; error: why it is not audited, or NULL.  0 or -1. */
int walk_push(struct walk *w, const char *path, const char *member, size_t index,
              const char *error);

/* The reason a file name found in a directory is skipped (not named like
 * a report; a spreadsheet is told apart). */
const char *walk_name_reason(const char *name);

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
