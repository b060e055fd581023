/*
 * archive.h - zip and tar archives (plain, gzip, bzip2, xz) read as
 * containers through libarchive.  Part of the CLI.
 *
 * Listing (before the sandbox, with the walk): every member is read
 * through once, so that a damaged archive is known before any output
 * (an input in error, exit 3) and the caps hold for the whole archive:
 * no member may be larger than --max-input-bytes (it becomes an input in
 * error), and all members together may not decompress to more than
 * --max-decompressed (the archive is in error).  Members are walked like
 * a directory's entries, in archive order: hidden ones (a part of the path
 * starting with a dot), ones matched by --exclude and ones not named like a
 * report are skipped and named; directories are passed over; a member
 * named like a report that is no regular file, and an archive inside the
 * archive, are inputs in error.
 *
 * Auditing (after the sandbox, in the batch's threads): the archive is
 * opened again read-only and read up to the member, whose bytes (at most
 * --max-input-bytes) go to credaudit_audit_member.
 */
#ifndef CREDAUDIT_ARCHIVE_H
#define CREDAUDIT_ARCHIVE_H

#include "credaudit.h"
#include "walk.h"

/* Whether a file name is an archive's: *.zip, *.tar, *.tar.gz, *.tgz,
 * *.tar.bz2, *.tbz2, *.tar.xz, *.txz, in any letter case. */
int archive_named(const char *name);

/*
 * List the members of the archive at path into w.  known: the name says
 * it is an archive (a file found in a directory), so a file libarchive
 * does not recognise is an input in error; else (a file named on the
 * command line) such a file is left alone.  1 when path was taken as an
 * archive, 0 when not (nothing added), -1 when memory ran out.
 */
int archive_list(struct walk *w, const char *path, int known);

/* Audit member in->member (the in->index-th entry) of the archive at
 * in->path, within w's caps.  A report, in error when the member cannot be
 * read; NULL only when memory ran out (err filled). */
struct credaudit_report *archive_audit(const struct credaudit_audit *a,
                                       const struct walk *w, const struct walk_input *in,
                                       struct credaudit_error *err);

#endif
