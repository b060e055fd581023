/* archive.c - zip and tar archives as containers (see archive.h). */
#include <archive.h>
#include <archive_entry.h>
#ifndef CREDAUDIT_ARCHIVE_LINKED
#include <dlfcn.h>
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "archive.h"
#include "cli.h"

/*
 * libarchive is loaded (dlopen) the first time an archive is met, not
 * linked: with it come libxml2, ICU, libstdc++ and four compression
 * libraries, which more than double the start-up time and resident memory
 * of a run over plain reports (docs/PERFORMANCE.md).  Archives are met
 * while the walk lists the inputs, before the sandbox is entered, so the
 * loading never needs a system call the sandbox refuses; archive_audit,
 * after it, only uses what the listing loaded.  The static build links it
 * (CREDAUDIT_ARCHIVE_LINKED).  The soname is libarchive 3's.
 */
#if ARCHIVE_VERSION_NUMBER < 3000000 || ARCHIVE_VERSION_NUMBER >= 4000000
#error "libarchive 3 expected (soname libarchive.so.13)"
#endif
#define LIBARCHIVE_SONAME "libarchive.so.13"

#define LA_FUNCS(X) \
	X(archive_read_new) X(archive_read_support_filter_gzip) \
	X(archive_read_support_filter_bzip2) X(archive_read_support_filter_xz) \
	X(archive_read_support_format_zip) X(archive_read_support_format_tar) \
	X(archive_read_open_fd) X(archive_read_next_header) X(archive_read_data) \
	X(archive_read_free) X(archive_error_string) X(archive_entry_pathname) \
	X(archive_entry_filetype)

/* Each function through a pointer of its own declared type. */
static struct {
#define LA_SLOT(f) __typeof__(f) *f;
	LA_FUNCS(LA_SLOT)
#undef LA_SLOT
	int loaded;
} la;

/* Load libarchive once: 0, or -1 with why it failed in why. */
static int
la_load(char *why, size_t n)
{
#ifdef CREDAUDIT_ARCHIVE_LINKED
#define LA_SET(f) la.f = f;
	LA_FUNCS(LA_SET)
#undef LA_SET
	(void)why;
	(void)n;
#else
	void *h, *p;
	const char *miss = NULL;

	if (la.loaded)
		return 0;
	if ((h = dlopen(LIBARCHIVE_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		const char *e = dlerror();

		snprintf(why, n, "cannot load %s to read zip and tar archives: %.300s "
		         "(install libarchive; Debian: libarchive13t64 or libarchive13)",
		         LIBARCHIVE_SONAME, e ? e : "unknown error");
		return -1;
	}
	/* a function pointer from dlsym's void * (POSIX: same representation) */
#define LA_SYM(f) \
	if (miss == NULL && (p = dlsym(h, #f)) == NULL) \
		miss = #f; \
	else if (miss == NULL) \
		memcpy(&la.f, &p, sizeof(p));
	LA_FUNCS(LA_SYM)
#undef LA_SYM
	if (miss != NULL) {
		snprintf(why, n, "cannot load %s to read zip and tar archives: it has "
		         "no %s", LIBARCHIVE_SONAME, miss);
		dlclose(h);
		return -1;
	}
#endif
	la.loaded = 1;
	return 0;
}

/* The library's defaults (include/credaudit.h: max_input, max_decompressed). */
#define DEFAULT_MAX_INPUT ((uint64_t)256 << 20)
#define DEFAULT_MAX_DECOMPRESSED ((uint64_t)1 << 30)
#define CHUNK 65536

/* A reader of zip and tar, plain or compressed with gzip, bzip2 or xz,
 * on fd into *out: 0; 1 when the bytes are no archive it reads (*out
 * holds the error, for archive_error_string, and is to be freed); -1 when
 * memory ran out. */
static int
reader(int fd, struct archive **out)
{
	struct archive *ar = la.archive_read_new();

	if ((*out = ar) == NULL)
		return -1;
	la.archive_read_support_filter_gzip(ar);
	la.archive_read_support_filter_bzip2(ar);
	la.archive_read_support_filter_xz(ar);
	la.archive_read_support_format_zip(ar);
	la.archive_read_support_format_tar(ar);
	return la.archive_read_open_fd(ar, fd, CHUNK) == ARCHIVE_OK ? 0 : 1;
}

/* The member's path without a leading "./" or "/". */
static const char *
member_path(struct archive_entry *e)
{
	const char *p = la.archive_entry_pathname(e);

	if (p == NULL)
		return "";
	while (p[0] == '.' && p[1] == '/')
		p += 2;
	while (p[0] == '/')
		p++;
	return p;
}

/*
 * The --exclude glob that the member path m or one of its directories
 * matches (by its path in the archive or by its name), as a walk excludes
 * a directory and all below it; NULL when none.
 */
static const char *
excluded(const struct walk *w, const char *m)
{
	const char *slash, *name = m, *glob;
	char dir[1024];

	for (slash = strchr(m, '/'); slash != NULL; slash = strchr(slash + 1, '/')) {
		size_t n = (size_t)(slash - m), k = (size_t)(slash - name);
		char part[256];

		if (n < sizeof(dir) && k < sizeof(part)) {
			memcpy(dir, m, n);
			dir[n] = '\0';
			memcpy(part, name, k);
			part[k] = '\0';
			if ((glob = walk_excluded(w, dir, part)) != NULL)
				return glob;
		}
		name = slash + 1;
	}
	return walk_excluded(w, m, name);
}

/* Whether a part of the path starts with a dot. */
static int
hidden(const char *p)
{
	for (;;) {
		if (p[0] == '.')
			return 1;
		if ((p = strchr(p, '/')) == NULL)
			return 0;
		p++;
	}
}

static const char *
entry_kind(mode_t t)
{
	return t == AE_IFLNK ? "a symbolic link" : t == AE_IFIFO ? "a FIFO" :
	       t == AE_IFCHR ? "a character device" : t == AE_IFBLK ? "a block device" :
	       t == AE_IFSOCK ? "a socket" : "not a file";
}

/* "ARCHIVE > MEMBER", as the report of a member is named. */
static char *
full_name(const char *path, const char *member)
{
	size_t n = strlen(path) + strlen(member) + 4;
	char *s = credaudit_malloc(n);

	if (s != NULL)
		snprintf(s, n, "%s > %s", path, member);
	return s;
}

/*
 * One member seen while listing: skipped and named, an input, or an input
 * in error.  0, or -1 when memory ran out.
 */
static int
list_member(struct walk *w, const char *path, struct archive_entry *e, size_t index,
            uint64_t size)
{
	const char *m = member_path(e), *base = strrchr(m, '/'), *glob, *why = NULL;
	char *name, text[300];
	mode_t type = la.archive_entry_filetype(e);
	int rc;

	base = base ? base + 1 : m;
	if (type == AE_IFDIR || base[0] == '\0')
		return 0;
	if ((name = full_name(path, m)) == NULL)
		return -1;
	text[0] = '\0';
	if ((glob = excluded(w, m)) != NULL) {
		snprintf(text, sizeof(text), "matches --exclude '%.150s'", glob);
		rc = walk_skip(w, name, CREDAUDIT_SKIP_EXCLUDED, text);
	} else if (hidden(m)) {
		rc = walk_skip(w, name, CREDAUDIT_SKIP_HIDDEN, "hidden: a part of its "
		               "path starts with a dot");
	} else if (walk_archive_named(base)) {
		rc = walk_push(w, path, NULL, 0, "");
		why = "an archive inside an archive is not opened: extract it and "
		      "audit its files, refused";
	} else if (!walk_wanted(base)) {
		rc = walk_skip(w, name, CREDAUDIT_SKIP_NAME, walk_name_reason(base));
	} else if (type != AE_IFREG) {
		snprintf(text, sizeof(text), "not a regular file: %s, refused", entry_kind(type));
		why = text;
		rc = walk_push(w, path, NULL, 0, "");
	} else if (size > (w->max_input ? w->max_input : DEFAULT_MAX_INPUT)) {
		snprintf(text, sizeof(text), "input larger than %llu bytes: not audited "
		         "(--max-input-bytes raises the cap)",
		         (unsigned long long)(w->max_input ? w->max_input : DEFAULT_MAX_INPUT));
		why = text;
		rc = walk_push(w, path, NULL, 0, "");
	} else {
		rc = walk_push(w, path, m, index, NULL);
	}
	/* an input in error is named as the member */
	if (rc == 0 && why != NULL) {
		struct walk_input *in = &w->in[w->n - 1];
		char *p = cli_strdup(name), *t = cli_strdup(why);

		if (p == NULL || t == NULL) {
			credaudit_free(p);
			credaudit_free(t);
			rc = -1;
		} else {
			credaudit_free(in->path);
			credaudit_free(in->error);
			in->path = p;
			in->error = t;
		}
	}
	credaudit_free(name);
	return rc;
}

/* Read the current entry's data to its end, counting into *total; the size
 * read into *size.  0, 1 when the whole archive passed cap, -1 on a read
 * error. */
static int
drain(struct archive *ar, char *buf, uint64_t cap, uint64_t *total, uint64_t *size)
{
	la_ssize_t got;

	*size = 0;
	while ((got = la.archive_read_data(ar, buf, CHUNK)) > 0) {
		*size += (uint64_t)got;
		if ((*total += (uint64_t)got) > cap)
			return 1;
	}
	return got < 0 ? -1 : 0;
}

/* The archive at path is in error: one input says why. */
static int
damaged(struct walk *w, const char *path, const char *what, const char *detail)
{
	char text[700];

	snprintf(text, sizeof(text), "%s%.500s", what, detail ? detail : "");
	return walk_push(w, path, NULL, 0, text);
}

/*
 * Whether buf[0..n) holds the signature of a zip's end of central
 * directory, "PK\5\6".  Found by its byte 5, which text never holds:
 * memchr passes over a report at once, where a search for the whole
 * signature stops at every 'P'.
 */
static int
has_eocd(const char *buf, size_t n)
{
	const char *p = buf, *end = buf + n;

	while ((p = memchr(p, '\005', (size_t)(end - p))) != NULL) {
		if (p - buf >= 2 && end - p >= 2 && p[-2] == 'P' && p[-1] == 'K' &&
		    p[1] == '\006')
			return 1;
		p++;
	}
	return 0;
}

/*
 * Whether the file on fd may be an archive libarchive reads, judged
 * without it.  2: surely one, a zip (its signature at the start, or its
 * end of central directory in the last 16 KiB, where libarchive looks for
 * it: a zip after a script, as self-extracting archives are) or a POSIX
 * tar ("ustar" at 257).  1: perhaps, a gzip, bzip2 or xz signature at the
 * start (a compressed report or a compressed tar) or a NUL byte in the
 * first 512 bytes (every tar header has one; so has UTF-16 text, which
 * libarchive then turns down as before); also when the file cannot be read
 * (libarchive then says why).  0: none of these, as a report in UTF-8 text.
 */
static int
looks_archived(int fd)
{
	char buf[16384];
	struct stat st;
	ssize_t got = pread(fd, buf, 512, 0);
	off_t at;

	if (got < 0)
		return 1;
	if ((got >= 2 && memcmp(buf, "PK", 2) == 0) ||
	    (got >= 262 && memcmp(buf + 257, "ustar", 5) == 0))
		return 2;
	if ((got >= 2 && memcmp(buf, "\x1f\x8b", 2) == 0) ||
	    (got >= 3 && memcmp(buf, "BZh", 3) == 0) ||
	    (got >= 6 && memcmp(buf, "\xfd" "7zXZ", 6) == 0) ||
	    memchr(buf, '\0', (size_t)got) != NULL)
		return 1;
	if (fstat(fd, &st) == -1)
		return 1;
	at = st.st_size > (off_t)sizeof(buf) ? st.st_size - (off_t)sizeof(buf) : 0;
	if ((got = pread(fd, buf, sizeof(buf), at)) < 0)
		return 1;
	return has_eocd(buf, (size_t)got) ? 2 : 0;
}

int
archive_list(struct walk *w, const char *path, int known)
{
	uint64_t cap = w->max_decompressed ? w->max_decompressed : DEFAULT_MAX_DECOMPRESSED;
	uint64_t total = 0, size;
	struct archive *ar;
	struct archive_entry *e;
	size_t index = 0;
	char *buf, why[500];
	int fd, r, rc = 1, looks = 2;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) == -1)
		return known ? (damaged(w, path, "cannot open: ", strerror(errno)) == -1 ? -1 : 1) : 0;
	if (!known && (looks = looks_archived(fd)) == 0) {
		close(fd);
		return 0;   /* read as a report, without loading libarchive */
	}
	if (la_load(why, sizeof(why)) == -1) {
		close(fd);
		/* without libarchive a file that is perhaps an archive (a
		 * gzipped report, UTF-16 text) is read as a report */
		if (looks == 1)
			return 0;
		return damaged(w, path, why, NULL) == -1 ? -1 : 1;
	}
	if ((buf = credaudit_malloc(CHUNK)) == NULL || (r = reader(fd, &ar)) == -1) {
		if (buf != NULL)
			la.archive_read_free(ar);
		credaudit_free(buf);
		close(fd);
		return -1;
	}
	r = r == 1 ? ARCHIVE_FATAL : la.archive_read_next_header(ar, &e);
	if (r != ARCHIVE_OK && r != ARCHIVE_WARN && r != ARCHIVE_EOF && !known) {
		rc = 0;   /* not an archive: read as a report */
	} else if (r != ARCHIVE_OK && r != ARCHIVE_WARN && r != ARCHIVE_EOF) {
		rc = damaged(w, path, "not a zip or tar archive, or a damaged one: ",
		             la.archive_error_string(ar)) == -1 ? -1 : 1;
	} else {
		for (; r == ARCHIVE_OK || r == ARCHIVE_WARN; r = la.archive_read_next_header(ar, &e)) {
			int d = drain(ar, buf, cap, &total, &size);

			if (d == 1) {
				char text[200];

				snprintf(text, sizeof(text), "the archive's members decompress "
				         "to more than %llu bytes (--max-decompressed): refused "
				         "as a possible decompression bomb", (unsigned long long)cap);
				r = damaged(w, path, text, NULL) == -1 ? -2 : ARCHIVE_EOF;
				break;
			}
			if (d == -1 || list_member(w, path, e, index++, size) == -1) {
				if (d == -1)
					r = damaged(w, path, "damaged archive: ",
					            la.archive_error_string(ar)) == -1 ? -2 : ARCHIVE_EOF;
				else
					r = -2;
				break;
			}
		}
		if (r == -2)
			rc = -1;
		else if (r != ARCHIVE_EOF &&
		         damaged(w, path, "damaged archive: ", la.archive_error_string(ar)) == -1)
			rc = -1;
	}
	la.archive_read_free(ar);
	credaudit_free(buf);
	close(fd);
	return rc;
}

/* Read the current entry's data into a buffer of at most max bytes: 0,
 * 1 when larger, -1 on a read error, -2 when memory ran out. */
static int
slurp(struct archive *ar, uint64_t max, char **out, size_t *len)
{
	size_t cap = 0;
	char *p = NULL, *q;
	la_ssize_t got;

	*len = 0;
	for (;;) {
		if (cap - *len < CHUNK) {
			cap = cap ? cap * 2 : 4 * CHUNK;
			if ((q = credaudit_realloc(p, cap)) == NULL) {
				credaudit_free(p);
				return -2;
			}
			p = q;
		}
		if ((got = la.archive_read_data(ar, p + *len, CHUNK)) <= 0)
			break;
		*len += (size_t)got;
		if ((uint64_t)*len > max) {
			credaudit_free(p);
			return 1;
		}
	}
	if (got < 0) {
		credaudit_free(p);
		return -1;
	}
	*out = p;
	return 0;
}

/* A report in error for the member. */
static struct credaudit_report *
refused(const struct credaudit_audit *a, const struct walk_input *in, const char *text,
        struct credaudit_error *err)
{
	char *name = full_name(in->path, in->member);
	struct credaudit_report *rep;

	if (name == NULL) {
		cli_seterr(err, CREDAUDIT_ERR_INTERNAL, "out of memory");
		return NULL;
	}
	rep = credaudit_report_refused(a, name, text, err);
	credaudit_free(name);
	return rep;
}

struct credaudit_report *
archive_audit(const struct credaudit_audit *a, const struct walk *w,
              const struct walk_input *in, struct credaudit_error *err)
{
	uint64_t max = w->max_input ? w->max_input : DEFAULT_MAX_INPUT;
	struct credaudit_report *rep = NULL;
	struct archive_entry *e = NULL;
	struct archive *ar = NULL;
	char text[700], *data = NULL;
	size_t i, len = 0;
	int fd, r = ARCHIVE_FATAL, s = -1;

	text[0] = '\0';
	if ((fd = open(in->path, O_RDONLY | O_NOCTTY | O_CLOEXEC)) == -1)
		snprintf(text, sizeof(text), "cannot open the archive: %s", strerror(errno));
	else if (!la.loaded)   /* never: members come from archive_list */
		snprintf(text, sizeof(text), "cannot read the archive: libarchive is not loaded");
	else if ((s = reader(fd, &ar)) != 0)
		snprintf(text, sizeof(text), "cannot read the archive: %.500s",
		         ar ? la.archive_error_string(ar) : "out of memory");
	s = -1;
	for (i = 0; ar != NULL && text[0] == '\0' && i <= in->index; i++)
		if ((r = la.archive_read_next_header(ar, &e)) != ARCHIVE_OK && r != ARCHIVE_WARN)
			break;
	if (text[0] == '\0' && r != ARCHIVE_OK && r != ARCHIVE_WARN)
		snprintf(text, sizeof(text), "damaged archive: %.500s", la.archive_error_string(ar));
	else if (text[0] == '\0' && strcmp(member_path(e), in->member) != 0)
		snprintf(text, sizeof(text), "the archive changed while it was read: "
		         "refused");
	else if (text[0] == '\0' && (s = slurp(ar, max, &data, &len)) == 1)
		snprintf(text, sizeof(text), "input larger than %llu bytes: not audited "
		         "(--max-input-bytes raises the cap)", (unsigned long long)max);
	else if (s == -1)
		snprintf(text, sizeof(text), "damaged archive: %.500s", la.archive_error_string(ar));
	if (s == -2)
		cli_seterr(err, CREDAUDIT_ERR_INTERNAL, "out of memory");
	else if (text[0] != '\0')
		rep = refused(a, in, text, err);
	else
		rep = credaudit_audit_member(a, in->path, in->member, data, len, err);
	credaudit_free(data);
	if (ar != NULL)
		la.archive_read_free(ar);
	if (fd != -1)
		close(fd);
	return rep;
}
