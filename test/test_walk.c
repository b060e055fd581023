/*
 * test_walk.c - the CLI's inputs and output (src/cli/walk.c, output.c):
 * which names a directory walk takes, byte order, hidden and other files
 * counted, failing closed on loops, FIFOs, dangling links and directories
 * without a report, a directory reached twice walked once; the same-file
 * check that keeps -o off an input; and output replaced atomically.
 */
#include "testutil.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "output.h"
#include "walk.h"

/* A temporary tree; every path made is removed, last first. */
struct tree {
	char root[64];
	char made[32][256];
	size_t n;
};

static const char *
at(struct tree *t, const char *rel)
{
	static char buf[4][256];
	static unsigned k;
	char *p = buf[k++ % 4];

	snprintf(p, 256, "%s/%s", t->root, rel);
	return p;
}

static void
remember(struct tree *t, const char *path)
{
	assert_true(t->n < 32);
	snprintf(t->made[t->n++], 256, "%s", path);
}

static void
tree_make(struct tree *t)
{
	memset(t, 0, sizeof(*t));
	snprintf(t->root, sizeof(t->root), "/tmp/test_walk.XXXXXX");
	assert_non_null(mkdtemp(t->root));
}

static void
mkfile(struct tree *t, const char *rel, const char *text)
{
	const char *path = at(t, rel);
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	assert_true(fputs(text, fp) >= 0);
	assert_int_equal(fclose(fp), 0);
	remember(t, path);
}

/*
 * Make each of the paths below the tree's root, in order: "dir/" a
 * directory, "fifo|" a FIFO, "name -> target" a symbolic link, anything
 * else a file holding "x".
 */
static void
populate(struct tree *t, const char *const *paths, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const char *arrow = strstr(paths[i], " -> ");
		size_t len = arrow != NULL ? (size_t)(arrow - paths[i]) : strlen(paths[i]);
		char last = paths[i][len - 1];
		char rel[128];
		const char *path;

		if (arrow == NULL && (last == '/' || last == '|'))
			len--;
		snprintf(rel, sizeof(rel), "%.*s", (int)len, paths[i]);
		path = at(t, rel);
		if (arrow != NULL)
			assert_int_equal(symlink(arrow + 4, path), 0);
		else if (last == '/')
			assert_int_equal(mkdir(path, 0755), 0);
		else if (last == '|')
			assert_int_equal(mkfifo(path, 0600), 0);
		else
			mkfile(t, rel, "x");
		if (arrow != NULL || last == '/' || last == '|')
			remember(t, path);
	}
}

/* Remove the tree (nothing when none was made). */
static void
tree_remove(struct tree *t)
{
	if (t->root[0] == '\0')
		return;
	while (t->n > 0) {
		const char *p = t->made[--t->n];
		struct stat st;

		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
			rmdir(p);
		else
			unlink(p);
	}
	assert_int_equal(rmdir(t->root), 0);
}

/* One test's tree and the walk of it. */
struct wt {
	struct tree t;
	struct walk w;
};

FIXTURE(wt, f, walk_free(&f->w); tree_remove(&f->t))

/* A tree holding paths (as populate takes them) for the test. */
static void
plant(struct wt *f, const char *const *paths, size_t n)
{
	tree_make(&f->t);
	populate(&f->t, paths, n);
}

/* The i-th input's path below the tree's root ("" for the root). */
static const char *
rel(const struct tree *t, const struct walk *w, size_t i)
{
	size_t n = strlen(t->root);

	assert_true(i < w->n);
	assert_int_equal(strncmp(w->in[i].path, t->root, n), 0);
	return w->in[i].path[n] == '/' ? w->in[i].path + n + 1 : w->in[i].path + n;
}

/* An input a walk must find: its path below the tree's root, and its
 * error (NULL: none). */
struct input {
	const char *rel;
	const char *error;
};

/* Walk arg: the inputs it adds are want[0..n). */
static void
walked(struct wt *f, const char *arg, const struct input *want, size_t n)
{
	size_t before = f->w.n, i;

	assert_int_equal(walk_add(&f->w, arg), 0);
	assert_int_equal(f->w.n, before + n);
	for (i = 0; i < n; i++) {
		const char *error = f->w.in[before + i].error;

		assert_string_equal(rel(&f->t, &f->w, before + i), want[i].rel);
		if (want[i].error == NULL)
			assert_null(error);
		else
			assert_string_equal(error != NULL ? error : "(none)", want[i].error);
	}
}

static void
test_walk_wanted_names(void **state)
{
	static const char *const yes[] = {
		"a.csv", "A.CSV", "r.json", "r.Json", "r.b64", "r.txt", "r.csv.gz",
		"r.CSV.GZ", "r.json.gz", "r.b64.Gz", "r.txt.gz", "x.y.csv", "-.csv",
	};
	static const char *const no[] = {
		"csv", ".csv", ".csv.gz", "r.csvx", "r.gz", "r.tar.gz", "r.csv.gz.gz",
		"r", "", "report.csv~", "r.xlsx", "r.csv.bak", "r.jsonl", "r.csv.zip",
		"rcsv",
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(yes); i++)
		if (!walk_wanted(yes[i]))
			fail_msg("\"%s\" not wanted", yes[i]);
	for (i = 0; i < NELEM(no); i++)
		if (walk_wanted(no[i]))
			fail_msg("\"%s\" wanted", no[i]);
}

static void
test_walk_archive_names(void **state)
{
	static const char *const yes[] = {
		"e.zip", "E.ZIP", "e.tar", "e.tar.gz", "e.tgz", "e.tar.bz2", "e.tbz2",
		"e.tbz", "e.tar.xz", "e.TXZ",
	};
	static const char *const no[] = {
		".zip", "zip", "e.gz", "e.csv.gz", "e.xlsx", "e.zipx", "e.tar.zst", "",
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(yes); i++)
		if (!walk_archive_named(yes[i]))
			fail_msg("\"%s\" not an archive's name", yes[i]);
	for (i = 0; i < NELEM(no); i++)
		if (walk_archive_named(no[i]))
			fail_msg("\"%s\" an archive's name", no[i]);
	assert_non_null(strstr(walk_name_reason("Book.XLSX"), "spreadsheet"));
	assert_non_null(strstr(walk_name_reason("notes.md"), "not named like a report"));
}

/* --exclude: the path below the directory or the name; '*' stops at '/'. */
static void
test_walk_excluded_globs(void **state)
{
	static const char *const globs[] = { "*.txt", "2024-0[12]", "acct/*" };
	struct walk w;

	(void)state;
	memset(&w, 0, sizeof(w));
	w.exclude = globs;
	w.nexclude = NELEM(globs);
	assert_string_equal(walk_excluded(&w, "a/b/README.txt", "README.txt"), "*.txt");
	assert_string_equal(walk_excluded(&w, "x/2024-01", "2024-01"), "2024-0[12]");
	assert_null(walk_excluded(&w, "x/2024-03", "2024-03"));
	assert_string_equal(walk_excluded(&w, "acct/r.csv", "r.csv"), "acct/*");
	assert_null(walk_excluded(&w, "acct/sub/r.csv", "r.csv"));
	assert_null(walk_excluded(&w, "r.csv", "r.csv"));
	w.nexclude = 0;
	assert_null(walk_excluded(&w, "a.txt", "a.txt"));
}

/* Skipped entries are named with their kind and reason, not only counted. */
static void
test_walk_skipped_named(void **state)
{
	static const char *const globs[] = { "skip-*" };
	char dir[] = "/tmp/walkskipXXXXXX", path[300];
	struct walk w;
	size_t i;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	{
		static const char *const names[] = { ".hidden.csv", "notes.md", "skip-me.csv", "r.csv" };

		for (i = 0; i < NELEM(names); i++) {
			snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
			assert_non_null(f = fopen(path, "w"));
			fclose(f);
		}
	}
	memset(&w, 0, sizeof(w));
	w.exclude = globs;
	w.nexclude = NELEM(globs);
	assert_int_equal(walk_add(&w, dir), 0);
	assert_int_equal(w.n, 1);
	assert_int_equal(w.nskip, 3);
	assert_int_equal(w.skip[0].kind, CREDAUDIT_SKIP_HIDDEN);
	assert_int_equal(w.skip[1].kind, CREDAUDIT_SKIP_NAME);
	assert_int_equal(w.skip[2].kind, CREDAUDIT_SKIP_EXCLUDED);
	assert_string_equal(w.skip[2].reason, "matches --exclude 'skip-*'");
	snprintf(path, sizeof(path), "%s/notes.md", dir);
	assert_string_equal(w.skip[1].path, path);
	assert_int_equal(w.skipped_hidden, 1);
	assert_int_equal(w.skipped_other, 2);
	walk_free(&w);
	{
		static const char *const names[] = { ".hidden.csv", "notes.md", "skip-me.csv", "r.csv" };

		for (i = 0; i < NELEM(names); i++) {
			snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
			unlink(path);
		}
	}
	rmdir(dir);
}

static void
test_walk_kind_words(void **state)
{
	static const struct {
		mode_t mode;
		const char *kind;
	} kinds[] = {
		{ S_IFIFO, "a FIFO" }, { S_IFSOCK, "a socket" },
		{ S_IFCHR, "a character device" }, { S_IFBLK, "a block device" },
		{ S_IFDIR, "a directory" }, { S_IFLNK, "a symbolic link" },
		{ S_IFREG, "not a file" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(kinds); i++)
		assert_string_equal(walk_kind(kinds[i].mode), kinds[i].kind);
}

static void
test_walk_directory_in_byte_order(void **state)
{
	static const char *const paths[] = {
		"b.csv", "a.json", "Z.CSV", ".hidden.csv", "notes.md", "sub/", "sub/c.txt.gz",
		"sub/readme", "sub/.git/", "sub/.git/x.csv",
		"a-dir.csv/", "a-dir.csv/d.b64",   /* a directory, whatever its name */
	};
	static const struct input want[] = {
		{ "Z.CSV", NULL }, { "a-dir.csv/d.b64", NULL }, { "a.json", NULL },
		{ "b.csv", NULL }, { "sub/c.txt.gz", NULL },
	};
	struct wt *f = *state;
	char arg[300];
	size_t i;

	plant(f, paths, NELEM(paths));
	/* a trailing slash makes no double slash */
	snprintf(arg, sizeof(arg), "%s/", f->t.root);
	walked(f, arg, want, NELEM(want));
	for (i = 0; i < f->w.n; i++)
		assert_int_equal(f->w.in[i].found, 1);
	/* .hidden.csv and sub/.git (not entered); notes.md and sub/readme */
	assert_int_equal(f->w.skipped_hidden, 2);
	assert_int_equal(f->w.skipped_other, 2);
	walk_free(&f->w);
	assert_int_equal(f->w.n, 0);
	assert_null(f->w.in);
}

static void
test_walk_named_file_is_always_an_input(void **state)
{
	static const char *const paths[] = { "notes.md" };
	/* one that does not exist fails when it is opened, not here */
	static const struct input want[] = {
		{ "notes.md", NULL }, { "missing.csv", NULL },
	};
	struct wt *f = *state;

	plant(f, paths, NELEM(paths));
	walked(f, at(&f->t, "notes.md"), want, 1);
	assert_int_equal(walk_add(&f->w, "-"), 0);
	assert_string_equal(f->w.in[1].path, "-");
	assert_null(f->w.in[1].error);
	walked(f, at(&f->t, "missing.csv"), want + 1, 1);
	assert_int_equal(f->w.n, 3);
	assert_int_equal(f->w.skipped_other, 0);
	/* named, not found in a directory */
	assert_int_equal(f->w.in[0].found, 0);
}

static void
test_walk_directory_without_report_fails_closed(void **state)
{
	static const char *const paths[] = { "notes.md", ".r.csv", "empty/" };
	struct wt *f = *state;
	char want[600];

	plant(f, paths, NELEM(paths));
	assert_int_equal(walk_add(&f->w, f->t.root), 0);
	assert_int_equal(f->w.n, 1);
	assert_string_equal(f->w.in[0].path, f->t.root);
	snprintf(want, sizeof(want), "no report found under %s: nothing was audited "
	         "(1 hidden, 1 other files skipped; reports are named *.csv, *.json, "
	         "*.b64, *.txt, also .gz, or are in a zip or tar archive)", f->t.root);
	assert_non_null(f->w.in[0].error);
	assert_string_equal(f->w.in[0].error, want);
	/* a second argument counts its own skipped files only */
	assert_int_equal(walk_add(&f->w, at(&f->t, "empty")), 0);
	assert_int_equal(f->w.n, 2);
	assert_non_null(strstr(f->w.in[1].error, "(0 hidden, 0 other files skipped;"));
}

static void
test_walk_symlink_loop_refused(void **state)
{
	static const char *const paths[] = { "r.csv", "d/", "d/up -> .." };
	static const struct input want[] = {
		{ "d/up", "symlink loop: the directory is its own ancestor, refused" },
		{ "r.csv", NULL },
	};
	struct wt *f = *state;

	plant(f, paths, NELEM(paths));
	walked(f, f->t.root, want, NELEM(want));
}

static void
test_walk_directory_reached_twice_walked_once(void **state)
{
	static const char *const paths[] = {
		"a/", "a/r.csv", "a/sub/", "a/sub/s.csv",
		"b -> a",      /* the same directory, later in byte order */
		"0 -> a",      /* ... and earlier: this path is walked */
	};
	static const struct input want[] = {
		{ "0/r.csv", NULL }, { "0/sub/s.csv", NULL },
		/* every argument is walked on its own, its subdirectories too */
		{ "b/r.csv", NULL }, { "b/sub/s.csv", NULL },
	};
	struct wt *f = *state;

	plant(f, paths, NELEM(paths));
	walked(f, f->t.root, want, 2);
	walked(f, at(&f->t, "b"), want + 2, 2);
}

static void
test_walk_non_regular_report_names_refused(void **state)
{
	static const char *const paths[] = {
		"pipe.csv|", "pipe|", "gone.csv -> nowhere.csv", "gone -> nowhere",
		"null.json -> /dev/null", "ok.csv", "via-link.txt -> ok.csv",
	};
	static const struct input want[] = {
		{ "gone.csv", "cannot open: No such file or directory, refused" },
		{ "null.json", "not a regular file: a character device, refused" },
		{ "ok.csv", NULL },
		{ "pipe.csv", "not a regular file: a FIFO, refused" },
		/* a link to a regular file is read like the file */
		{ "via-link.txt", NULL },
	};
	struct wt *f = *state;

	plant(f, paths, NELEM(paths));
	walked(f, f->t.root, want, NELEM(want));
	assert_int_equal(f->w.in[3].found, 0);
	/* pipe and gone: not named like a report, skipped */
	assert_int_equal(f->w.skipped_other, 2);
}

static void
test_walk_find_same_file(void **state)
{
	static const char *const paths[] = { "r.csv", "other.csv", "soft.out -> r.csv" };
	struct wt *f = *state;
	struct tree *t = &f->t;
	char hard[256], r[256];
	int saved, fd;

	plant(f, paths, NELEM(paths));
	snprintf(r, sizeof(r), "%s", at(t, "r.csv"));
	snprintf(hard, sizeof(hard), "%s", at(t, "hard.out"));
	assert_int_equal(link(r, hard), 0);
	remember(t, hard);
	assert_int_equal(walk_add(&f->w, r), 0);
	assert_int_equal(walk_add(&f->w, at(t, "missing.csv")), 0);
	/* the same path, a hard link, a symbolic link: the same file */
	assert_string_equal(walk_find(&f->w, r), r);
	assert_string_equal(walk_find(&f->w, hard), r);
	assert_string_equal(walk_find(&f->w, at(t, "soft.out")), r);
	assert_null(walk_find(&f->w, at(t, "other.csv")));
	assert_null(walk_find(&f->w, at(t, "new.out")));
	/* a file not yet there is the same as an input of that name */
	assert_string_equal(walk_find(&f->w, at(t, "missing.csv")), at(t, "missing.csv"));
	walk_free(&f->w);
	/* an input in error is never read: it may be written */
	populate(t, (const char *const[]){ "empty/" }, 1);
	assert_int_equal(walk_add(&f->w, at(t, "empty")), 0);
	assert_non_null(f->w.in[0].error);
	assert_null(walk_find(&f->w, at(t, "empty")));
	assert_int_equal(walk_same_file(r, hard), 1);
	assert_int_equal(walk_same_file(r, at(t, "other.csv")), 0);
	/* a character device may be both read and written: another name of
	 * it is not the same file */
	assert_int_equal(walk_same_file("/dev/null", "/dev/../dev/null"), 0);
	walk_free(&f->w);
	assert_int_equal(walk_add(&f->w, "-"), 0);
	saved = dup(STDIN_FILENO);
	fd = open(r, O_RDONLY);
	assert_true(saved >= 0 && fd >= 0);
	assert_int_equal(dup2(fd, STDIN_FILENO), STDIN_FILENO);
	/* standard input is that file: -o must not replace it */
	assert_string_equal(walk_find(&f->w, hard), "-");
	assert_int_equal(walk_same_file("-", r), 1);
	assert_int_equal(walk_same_file("-", at(t, "other.csv")), 0);
	assert_int_equal(walk_same_file("-", "-"), 0);
	dup2(saved, STDIN_FILENO);
	close(saved);
	close(fd);
}

/* The text of the file at path (up to 255 bytes). */
static const char *
slurp(const char *path)
{
	static char buf[256];
	FILE *fp = fopen(path, "r");
	size_t n;

	assert_non_null(fp);
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

/* Entries of the tree's root directory. */
static size_t
entries(const struct tree *t)
{
	struct walk w;
	size_t n;

	memset(&w, 0, sizeof(w));
	assert_int_equal(walk_add(&w, t->root), 0);
	n = w.n + w.skipped_hidden + w.skipped_other;
	if (w.n == 1 && w.in[0].error != NULL)
		n--;   /* the "no report found" entry */
	walk_free(&w);
	return n;
}

/* Open o on path and write text to it; direct: whether it must be
 * written in place (-1: either). */
static void
output_put(struct output *o, const char *path, int direct, const char *text)
{
	assert_int_equal(output_open(o, path), 0);
	if (direct != -1)
		assert_int_equal(o->direct, direct);
	assert_int_equal(output_write(o, text, strlen(text)), 0);
}

static void
test_output_replaced_atomically(void **state)
{
	struct wt *f = *state;
	struct output o;
	struct stat st;
	const char *path;
	mode_t mask = umask(0);

	umask(mask);
	tree_make(&f->t);
	path = at(&f->t, "out.json");
	remember(&f->t, path);
	output_put(&o, path, 0, "{\"a\": 1}\n");
	assert_non_null(o.path);
	/* nothing at the name before the commit */
	assert_int_equal(stat(path, &st), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(output_commit(&o), 0);
	assert_string_equal(slurp(path), "{\"a\": 1}\n");
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0666 & ~mask);
	/* an existing file keeps its mode and is replaced whole */
	assert_int_equal(chmod(path, 0640), 0);
	output_put(&o, path, -1, "new\n");
	assert_string_equal(slurp(path), "{\"a\": 1}\n");
	assert_int_equal(output_commit(&o), 0);
	assert_string_equal(slurp(path), "new\n");
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	/* no temporary file is left */
	assert_int_equal(entries(&f->t), 1);
}

static void
test_output_abort_leaves_nothing(void **state)
{
	struct wt *f = *state;
	struct output o;
	const char *path;

	tree_make(&f->t);
	path = at(&f->t, "out.txt");
	output_put(&o, path, -1, "partial");
	output_abort(&o);
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(entries(&f->t), 0);
	/* an existing file is left as it was */
	mkfile(&f->t, "keep.txt", "old\n");
	path = at(&f->t, "keep.txt");
	output_put(&o, path, -1, "partial");
	output_abort(&o);
	assert_string_equal(slurp(path), "old\n");
	assert_int_equal(entries(&f->t), 1);
}

/* The file at path is a symbolic link. */
static void
is_link(const char *path)
{
	struct stat st;

	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
}

static void
test_output_symlink_stays_a_link(void **state)
{
	static const char *const paths[] = {
		"real/", "latest.html -> real/report.html", "chain.html -> latest.html",
		"dangling.html -> real/new.html",
	};
	struct wt *f = *state;
	struct tree *t = &f->t;
	struct output o;
	char text[256];
	ssize_t n;

	plant(f, paths, 1);
	mkfile(t, "real/report.html", "old");
	populate(t, paths + 1, NELEM(paths) - 1);
	remember(t, at(t, "real/new.html"));
	output_put(&o, at(t, "chain.html"), -1, "new");
	assert_int_equal(output_commit(&o), 0);
	/* the links are links still, and the file they lead to is new */
	is_link(at(t, "chain.html"));
	is_link(at(t, "latest.html"));
	n = readlink(at(t, "latest.html"), text, sizeof(text) - 1);
	assert_true(n > 0);
	text[n] = '\0';
	assert_string_equal(text, "real/report.html");
	assert_string_equal(slurp(at(t, "real/report.html")), "new");
	/* a dangling link: its target is the file to create */
	output_put(&o, at(t, "dangling.html"), -1, "made");
	assert_int_equal(output_commit(&o), 0);
	is_link(at(t, "dangling.html"));
	assert_string_equal(slurp(at(t, "real/new.html")), "made");
}

static void
test_output_link_not_naming_its_file_written_in_place(void **state)
{
	struct wt *f = *state;
	struct output o;
	char path[64], got[8];
	int fd;

	tree_make(&f->t);
	/* /proc/self/fd/N of a deleted file: the link's text names no file */
	fd = open(at(&f->t, "gone.txt"), O_RDWR | O_CREAT, 0600);
	assert_true(fd >= 0);
	assert_int_equal(unlink(at(&f->t, "gone.txt")), 0);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	output_put(&o, path, 1, "in place");
	assert_int_equal(output_commit(&o), 0);
	assert_int_equal(pread(fd, got, 8, 0), 8);
	assert_memory_equal(got, "in place", 8);
	/* nothing was made beside it, such as "gone.txt (deleted)" */
	assert_int_equal(entries(&f->t), 0);
	close(fd);
}

static void
test_output_device_written_in_place(void **state)
{
	struct output o;
	int saved = dup(STDERR_FILENO), null = open("/dev/null", O_WRONLY);

	(void)state;
	output_put(&o, "/dev/null", 1, "x");
	assert_null(o.tmp);
	assert_int_equal(output_commit(&o), 0);
	/* a write that fails is reported at the commit */
	output_put(&o, "/dev/full", 1, "x");
	dup2(null, STDERR_FILENO);
	assert_int_equal(output_commit(&o), -1);
	/* a directory that does not exist cannot be written */
	assert_int_equal(output_open(&o, "/nonexistent/dir/out.json"), -1);
	dup2(saved, STDERR_FILENO);
	close(null);
	close(saved);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_walk_wanted_names),
		cmocka_unit_test(test_walk_kind_words),
		cmocka_unit_test(test_walk_archive_names),
		cmocka_unit_test(test_walk_excluded_globs),
		cmocka_unit_test(test_walk_skipped_named),
		FIXTURE_TEST(wt, test_walk_directory_in_byte_order),
		FIXTURE_TEST(wt, test_walk_named_file_is_always_an_input),
		FIXTURE_TEST(wt, test_walk_directory_without_report_fails_closed),
		FIXTURE_TEST(wt, test_walk_symlink_loop_refused),
		FIXTURE_TEST(wt, test_walk_directory_reached_twice_walked_once),
		FIXTURE_TEST(wt, test_walk_non_regular_report_names_refused),
		FIXTURE_TEST(wt, test_walk_find_same_file),
		FIXTURE_TEST(wt, test_output_replaced_atomically),
		FIXTURE_TEST(wt, test_output_abort_leaves_nothing),
		FIXTURE_TEST(wt, test_output_symlink_stays_a_link),
		FIXTURE_TEST(wt, test_output_link_not_naming_its_file_written_in_place),
		cmocka_unit_test(test_output_device_written_in_place),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
