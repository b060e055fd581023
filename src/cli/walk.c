/* walk.c - expand directories into sorted lists of report files. */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "walk.h"
#include "cli.h"

/* Directories from the argument down to the one being read. */
struct ancestor {
	const struct ancestor *up;
	dev_t dev;
	ino_t ino;
};

static int
ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix), i;

	if (n < k)
		return 0;
	for (i = 0; i < k; i++) {
		char c = s[n - k + i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != suffix[i])
			return 0;
	}
	return 1;
}

int
walk_wanted(const char *name)
{
	static const char *const exts[] = { ".csv", ".json", ".b64", ".txt" };
	size_t n = strlen(name), i;

	if (ends_with(name, n, ".gz"))
		n -= 3;
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		if (ends_with(name, n, exts[i]) && n > strlen(exts[i]))
			return 1;
	return 0;
}

int
walk_archive_named(const char *name)
{
	static const char *const exts[] = {
		".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz",
		".tar.xz", ".txz"
	};
	size_t n = strlen(name), i;

	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		if (ends_with(name, n, exts[i]) && n > strlen(exts[i]))
			return 1;
	return 0;
}

static int
push(struct walk *w, const char *path, const char *error, int found)
{
	struct walk_input *in;

	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 64;

		if ((in = credaudit_realloc(w->in, cap * sizeof(*in))) == NULL)
			return -1;
		w->in = in;
		w->cap = cap;
	}
	in = &w->in[w->n];
	memset(in, 0, sizeof(*in));
	in->path = cli_strdup(path);
	in->error = error ? cli_strdup(error) : NULL;
	in->found = found;
	if (in->path == NULL || (error != NULL && in->error == NULL)) {
		credaudit_free(in->path);
		credaudit_free(in->error);
		return -1;
	}
	w->n++;
	return 0;
}

int
walk_push(struct walk *w, const char *path, const char *member, size_t index,
          const char *error)
{
	struct walk_input *in;

	if (push(w, path, error, 1) == -1)
		return -1;
	in = &w->in[w->n - 1];
	in->index = index;
	if (member != NULL && (in->member = cli_strdup(member)) == NULL) {
		credaudit_free(in->path);
		credaudit_free(in->error);
		w->n--;
		return -1;
	}
	return 0;
}

const char *
walk_name_reason(const char *name)
{
	size_t n = strlen(name);

	if (ends_with(name, n, ".xlsx") || ends_with(name, n, ".xls") ||
	    ends_with(name, n, ".ods") || ends_with(name, n, ".numbers"))
		return "a spreadsheet, not read: save the report as CSV (UTF-8), or "
		       "keep the file AWS wrote";
	return "not named like a report (*.csv, *.json, *.b64, *.txt, also .gz) "
	       "nor like an archive (*.zip, *.tar, *.tar.gz, *.tgz, *.tar.bz2, "
	       "*.tar.xz)";
}

int
walk_skip(struct walk *w, const char *path, int kind, const char *reason)
{
	struct walk_skip *k;

	if (w->nskip == w->skip_cap) {
		size_t cap = w->skip_cap ? w->skip_cap * 2 : 32;

		if ((k = credaudit_realloc(w->skip, cap * sizeof(*k))) == NULL)
			return -1;
		w->skip = k;
		w->skip_cap = cap;
	}
	k = &w->skip[w->nskip];
	k->kind = kind;
	k->path = cli_strdup(path);
	k->reason = cli_strdup(reason);
	if (k->path == NULL || k->reason == NULL) {
		credaudit_free(k->path);
		credaudit_free(k->reason);
		return -1;
	}
	w->nskip++;
	if (kind == CREDAUDIT_SKIP_HIDDEN)
		w->skipped_hidden++;
	else
		w->skipped_other++;
	return 0;
}

const char *
walk_excluded(const struct walk *w, const char *rel, const char *name)
{
	size_t i;

	for (i = 0; i < w->nexclude; i++)
		if (fnmatch(w->exclude[i], rel, FNM_PATHNAME) == 0 ||
		    fnmatch(w->exclude[i], name, FNM_PATHNAME) == 0)
			return w->exclude[i];
	return NULL;
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dir, sorted, "." and ".." left out; NULL on error. */
static char **
read_names(const char *dir, size_t *n, int *err)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL, **p;
	size_t cap = 0;

	*n = 0;
	*err = 0;
	if (d == NULL)
		return *err = errno, NULL;
	while ((errno = 0, de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			if ((p = credaudit_realloc(names, cap * sizeof(*p))) == NULL)
				goto fail;
			names = p;
		}
		if ((names[*n] = cli_strdup(de->d_name)) == NULL)
			goto fail;
		(*n)++;
	}
	if (errno != 0)
		goto fail;
	closedir(d);
	if (*n > 1)
		qsort(names, *n, sizeof(*names), cmp_name);
	if (names == NULL)
		names = cli_calloc(1, sizeof(*names));
	return names;
fail:
	*err = errno ? errno : ENOMEM;
	closedir(d);
	while (*n > 0)
		credaudit_free(names[--*n]);
	credaudit_free(names);
	return NULL;
}

const char *
walk_kind(mode_t mode)
{
	return S_ISFIFO(mode) ? "a FIFO" : S_ISSOCK(mode) ? "a socket" :
	       S_ISCHR(mode) ? "a character device" : S_ISBLK(mode) ? "a block device" :
	       S_ISDIR(mode) ? "a directory" : S_ISLNK(mode) ? "a symbolic link" :
	       "not a file";
}

static size_t
seen_slot(const struct walk *w, dev_t dev, ino_t ino)
{
	size_t i = (size_t)(((uint64_t)ino * 0x9e3779b97f4a7c15u) ^ (uint64_t)dev);

	for (i &= w->seen_cap - 1; w->seen[i].used; i = (i + 1) & (w->seen_cap - 1))
		if (w->seen[i].dev == dev && w->seen[i].ino == ino)
			break;
	return i;
}

/*
 * Remember a directory entered (device and inode): 1 if it was already
 * visited, 0 if not (now it is), -1 when memory ran out.  An open-addressed
 * table, at most half full.
 */
static int
seen_add(struct walk *w, dev_t dev, ino_t ino)
{
	size_t i;

	if (2 * (w->nseen + 1) > w->seen_cap) {
		struct walk_seen *old = w->seen, *t;
		size_t cap = w->seen_cap ? w->seen_cap * 2 : 64, n = w->seen_cap;

		if ((t = cli_calloc(cap, sizeof(*t))) == NULL)
			return -1;
		w->seen = t;
		w->seen_cap = cap;
		for (i = 0; i < n; i++)
			if (old[i].used)
				w->seen[seen_slot(w, old[i].dev, old[i].ino)] = old[i];
		credaudit_free(old);
	}
	i = seen_slot(w, dev, ino);
	if (w->seen[i].used)
		return 1;
	w->seen[i].used = 1;
	w->seen[i].dev = dev;
	w->seen[i].ino = ino;
	w->nseen++;
	return 0;
}

static int walk_dir(struct walk *w, const char *dir, const struct ancestor *up);

/* An entry named like a report that cannot be audited: fail closed. */
static int
refuse(struct walk *w, const char *path, const char *why, const char *detail)
{
	char text[200];

	snprintf(text, sizeof(text), "%s%s, refused", why, detail);
	return push(w, path, text, 0);
}

/* One entry of a directory. */
static int
walk_entry(struct walk *w, const char *path, const char *name,
           const struct ancestor *up)
{
	struct stat st;
	const char *glob;
	char text[200];

	if ((glob = walk_excluded(w, path + w->root_len, name)) != NULL) {
		snprintf(text, sizeof(text), "matches --exclude '%.150s'", glob);
		return walk_skip(w, path, CREDAUDIT_SKIP_EXCLUDED, text);
	}
	if (name[0] == '.')
		return walk_skip(w, path, CREDAUDIT_SKIP_HIDDEN, "hidden: the name starts "
		            "with a dot");
	if (stat(path, &st) == -1) {
		/* a dangling symlink named like a report: fail closed */
		if (walk_wanted(name))
			return refuse(w, path, "cannot open: ", strerror(errno));
		return walk_skip(w, path, CREDAUDIT_SKIP_NAME, "not named like a report, "
		            "and cannot be opened");
	}
	if (S_ISDIR(st.st_mode)) {
		const struct ancestor *a;
		struct ancestor me = { up, st.st_dev, st.st_ino };
		int seen;

		for (a = up; a != NULL; a = a->up)
			if (a->dev == st.st_dev && a->ino == st.st_ino)
				return push(w, path, "symlink loop: the directory is its own "
				            "ancestor, refused", 0);
		/* reached again by another link: its files are in already */
		if ((seen = seen_add(w, st.st_dev, st.st_ino)) != 0)
			return seen == 1 ? 0 : -1;
		return walk_dir(w, path, &me);
	}
	if (w->archive != NULL && walk_archive_named(name) && S_ISREG(st.st_mode)) {
		int rc = w->archive(w, path, 1);

		return rc == -1 ? -1 : 0;
	}
	if (!walk_wanted(name))
		return walk_skip(w, path, CREDAUDIT_SKIP_NAME, walk_name_reason(name));
	/* named like a report: a FIFO, socket or device is never opened */
	if (!S_ISREG(st.st_mode))
		return refuse(w, path, "not a regular file: ", walk_kind(st.st_mode));
	if (push(w, path, NULL, 1) == -1)
		return -1;
	w->in[w->n - 1].have_id = 1;
	w->in[w->n - 1].dev = st.st_dev;
	w->in[w->n - 1].ino = st.st_ino;
	return 0;
}

static int
walk_dir(struct walk *w, const char *dir, const struct ancestor *up)
{
	char **names, text[300];
	size_t n, i;
	int e, rc = 0;

	if ((names = read_names(dir, &n, &e)) == NULL) {
		if (e == ENOMEM)
			return -1;
		snprintf(text, sizeof(text), "cannot read directory: %s", strerror(e));
		return push(w, dir, text, 0);
	}
	for (i = 0; i < n; i++) {
		size_t len = strlen(dir) + strlen(names[i]) + 2;
		char *path = credaudit_malloc(len);

		if (path == NULL) {
			rc = -1;
		} else if (rc == 0) {
			snprintf(path, len, "%s%s%s", dir,
			         dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
			rc = walk_entry(w, path, names[i], up);
		}
		credaudit_free(path);
		credaudit_free(names[i]);
	}
	credaudit_free(names);
	return rc;
}

int
walk_add(struct walk *w, const char *arg)
{
	struct stat st;

	if (strcmp(arg, "-") != 0 && stat(arg, &st) == 0 && S_ISDIR(st.st_mode)) {
		struct ancestor me = { NULL, st.st_dev, st.st_ino };
		size_t n = w->n, hidden = w->skipped_hidden, other = w->skipped_other;
		char text[1400];

		w->root_len = strlen(arg) + (arg[strlen(arg) - 1] == '/' ? 0 : 1);
		/* each argument is walked on its own: forget the last one's */
		if (w->seen != NULL)
			memset(w->seen, 0, w->seen_cap * sizeof(*w->seen));
		w->nseen = 0;
		if (seen_add(w, st.st_dev, st.st_ino) == -1 || walk_dir(w, arg, &me) == -1)
			return -1;
		if (w->n > n)
			return 0;
		/* auditing nothing must not pass: fail closed */
		snprintf(text, sizeof(text), "no report found under %.1024s: nothing was "
		         "audited (%zu hidden, %zu other files skipped; reports are named "
		         "*.csv, *.json, *.b64, *.txt, also .gz, or are in a zip or tar "
		         "archive)", arg,
		         w->skipped_hidden - hidden, w->skipped_other - other);
		return push(w, arg, text, 0);
	}
	/* a regular file named on the command line may be an archive */
	if (w->archive != NULL && strcmp(arg, "-") != 0 && stat(arg, &st) == 0 &&
	    S_ISREG(st.st_mode)) {
		size_t n = w->n;
		int rc = w->archive(w, arg, walk_archive_named(arg));

		if (rc == -1)
			return -1;
		if (rc == 1) {
			char text[1400];

			if (w->n > n)
				return 0;
			snprintf(text, sizeof(text), "no report found in the archive %.1024s: "
			         "nothing was audited", arg);
			return push(w, arg, text, 0);
		}
	}
	return push(w, arg, NULL, 0);
}

/* Same file: same path, or same device and inode (not a character
 * device: /dev/null or a terminal may be both read and written). */
static int
same_file(const char *in, const char *out, const struct stat *ost)
{
	struct stat st;

	if (strcmp(in, out) == 0 && strcmp(in, "-") != 0)
		return 1;
	if (ost == NULL)
		return 0;
	if ((strcmp(in, "-") == 0 ? fstat(STDIN_FILENO, &st) : stat(in, &st)) != 0)
		return 0;
	return !S_ISCHR(st.st_mode) && st.st_dev == ost->st_dev && st.st_ino == ost->st_ino;
}

int
walk_same_file(const char *in, const char *path)
{
	struct stat ost;

	return same_file(in, path, stat(path, &ost) == 0 ? &ost : NULL);
}

const char *
walk_find(const struct walk *w, const char *path)
{
	struct stat ost;
	int exists = stat(path, &ost) == 0;
	size_t i;

	for (i = 0; i < w->n; i++) {
		const struct walk_input *in = &w->in[i];
		int same;

		if (in->error != NULL)
			continue;
		if (!in->have_id)
			same = same_file(in->path, path, exists ? &ost : NULL);
		else   /* a found regular file: what the walk saw of it */
			same = strcmp(in->path, path) == 0 ||
			       (exists && in->dev == ost.st_dev && in->ino == ost.st_ino);
		if (same)
			return in->path;
	}
	return NULL;
}

void
walk_free(struct walk *w)
{
	size_t i;

	for (i = 0; i < w->n; i++) {
		credaudit_free(w->in[i].path);
		credaudit_free(w->in[i].error);
		credaudit_free(w->in[i].member);
	}
	for (i = 0; i < w->nskip; i++) {
		credaudit_free(w->skip[i].path);
		credaudit_free(w->skip[i].reason);
	}
	credaudit_free(w->in);
	credaudit_free(w->skip);
	credaudit_free(w->seen);
	memset(w, 0, sizeof(*w));
}
