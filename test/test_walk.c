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
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

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

static void
mkdir_in(struct tree *t, const char *rel)
{
	const char *path = at(t, rel);

	assert_int_equal(mkdir(path, 0755), 0);
	remember(t, path);
}

static void
link_in(struct tree *t, const char *target, const char *rel)
{
	const char *path = at(t, rel);

	assert_int_equal(symlink(target, path), 0);
	remember(t, path);
}

static void
tree_remove(struct tree *t)
{
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

/* The i-th input's path below the tree's root ("" for the root). */
static const char *
rel(const struct tree *t, const struct walk *w, size_t i)
{
	size_t n = strlen(t->root);

	assert_true(i < w->n);
	assert_int_equal(strncmp(w->in[i].path, t->root, n), 0);
	return w->in[i].path[n] == '/' ? w->in[i].path + n + 1 : w->in[i].path + n;
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
	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (!walk_wanted(yes[i]))
			fail_msg("\"%s\" not wanted", yes[i]);
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (walk_wanted(no[i]))
			fail_msg("\"%s\" wanted", no[i]);
}

static void
test_walk_kind_words(void **state)
{
	(void)state;
	assert_string_equal(walk_kind(S_IFIFO), "a FIFO");
	assert_string_equal(walk_kind(S_IFSOCK), "a socket");
	assert_string_equal(walk_kind(S_IFCHR), "a character device");
	assert_string_equal(walk_kind(S_IFBLK), "a block device");
	assert_string_equal(walk_kind(S_IFDIR), "a directory");
	assert_string_equal(walk_kind(S_IFLNK), "a symbolic link");
	assert_string_equal(walk_kind(S_IFREG), "not a file");
}

static void
test_walk_directory_in_byte_order(void **state)
{
	struct tree t;
	struct walk w;
	char arg[300];
	size_t i;

	(void)state;
	tree_make(&t);
	mkfile(&t, "b.csv", "x");
	mkfile(&t, "a.json", "x");
	mkfile(&t, "Z.CSV", "x");
	mkfile(&t, ".hidden.csv", "x");
	mkfile(&t, "notes.md", "x");
	mkdir_in(&t, "sub");
	mkfile(&t, "sub/c.txt.gz", "x");
	mkfile(&t, "sub/readme", "x");
	mkdir_in(&t, "sub/.git");
	mkfile(&t, "sub/.git/x.csv", "x");
	mkdir_in(&t, "a-dir.csv");          /* a directory, whatever its name */
	mkfile(&t, "a-dir.csv/d.b64", "x");
	memset(&w, 0, sizeof(w));
	/* a trailing slash makes no double slash */
	snprintf(arg, sizeof(arg), "%s/", t.root);
	assert_int_equal(walk_add(&w, arg), 0);
	assert_int_equal(w.n, 5);
	assert_string_equal(rel(&t, &w, 0), "Z.CSV");
	assert_string_equal(rel(&t, &w, 1), "a-dir.csv/d.b64");
	assert_string_equal(rel(&t, &w, 2), "a.json");
	assert_string_equal(rel(&t, &w, 3), "b.csv");
	assert_string_equal(rel(&t, &w, 4), "sub/c.txt.gz");
	for (i = 0; i < w.n; i++) {
		assert_null(w.in[i].error);
		assert_int_equal(w.in[i].found, 1);
	}
	/* .hidden.csv and sub/.git (not entered); notes.md and sub/readme */
	assert_int_equal(w.skipped_hidden, 2);
	assert_int_equal(w.skipped_other, 2);
	walk_free(&w);
	assert_int_equal(w.n, 0);
	assert_null(w.in);
	tree_remove(&t);
}

static void
test_walk_named_file_is_always_an_input(void **state)
{
	struct tree t;
	struct walk w;

	(void)state;
	tree_make(&t);
	mkfile(&t, "notes.md", "x");
	memset(&w, 0, sizeof(w));
	assert_int_equal(walk_add(&w, at(&t, "notes.md")), 0);
	assert_int_equal(walk_add(&w, "-"), 0);
	assert_int_equal(walk_add(&w, at(&t, "missing.csv")), 0);
	assert_int_equal(w.n, 3);
	assert_string_equal(rel(&t, &w, 0), "notes.md");
	assert_string_equal(w.in[1].path, "-");
	/* one that does not exist fails when it is opened, not here */
	assert_string_equal(rel(&t, &w, 2), "missing.csv");
	assert_null(w.in[0].error);
	assert_null(w.in[1].error);
	assert_null(w.in[2].error);
	assert_int_equal(w.in[0].found, 0);
	assert_int_equal(w.skipped_other, 0);
	walk_free(&w);
	tree_remove(&t);
}

static void
test_walk_directory_without_report_fails_closed(void **state)
{
	struct tree t;
	struct walk w;
	char want[600];

	(void)state;
	tree_make(&t);
	mkfile(&t, "notes.md", "x");
	mkfile(&t, ".r.csv", "x");
	mkdir_in(&t, "empty");
	memset(&w, 0, sizeof(w));
	assert_int_equal(walk_add(&w, t.root), 0);
	assert_int_equal(w.n, 1);
	assert_string_equal(w.in[0].path, t.root);
	snprintf(want, sizeof(want), "no report found under %s: nothing was audited "
	         "(1 hidden, 1 other files skipped; reports are named *.csv, *.json, "
	         "*.b64, *.txt, also .gz)", t.root);
	assert_non_null(w.in[0].error);
	assert_string_equal(w.in[0].error, want);
	/* a second argument counts its own skipped files only */
	assert_int_equal(walk_add(&w, at(&t, "empty")), 0);
	assert_int_equal(w.n, 2);
	assert_non_null(strstr(w.in[1].error, "(0 hidden, 0 other files skipped;"));
	walk_free(&w);
	tree_remove(&t);
}

static void
test_walk_symlink_loop_refused(void **state)
{
	struct tree t;
	struct walk w;

	(void)state;
	tree_make(&t);
	mkfile(&t, "r.csv", "x");
	mkdir_in(&t, "d");
	link_in(&t, "..", "d/up");
	memset(&w, 0, sizeof(w));
	assert_int_equal(walk_add(&w, t.root), 0);
	assert_int_equal(w.n, 2);
	assert_string_equal(rel(&t, &w, 0), "d/up");
	assert_string_equal(w.in[0].error,
	                    "symlink loop: the directory is its own ancestor, refused");
	assert_string_equal(rel(&t, &w, 1), "r.csv");
	assert_null(w.in[1].error);
	walk_free(&w);
	tree_remove(&t);
}

static void
test_walk_directory_reached_twice_walked_once(void **state)
{
	struct tree t;
	struct walk w;

	(void)state;
	tree_make(&t);
	mkdir_in(&t, "a");
	mkfile(&t, "a/r.csv", "x");
	mkdir_in(&t, "a/sub");
	mkfile(&t, "a/sub/s.csv", "x");
	link_in(&t, "a", "b");      /* the same directory, later in byte order */
	link_in(&t, "a", "0");      /* ... and earlier: this path is walked */
	memset(&w, 0, sizeof(w));
	assert_int_equal(walk_add(&w, t.root), 0);
	assert_int_equal(w.n, 2);
	assert_string_equal(rel(&t, &w, 0), "0/r.csv");
	assert_string_equal(rel(&t, &w, 1), "0/sub/s.csv");
	/* every argument is walked on its own, its subdirectories too */
	assert_int_equal(walk_add(&w, at(&t, "b")), 0);
	assert_int_equal(w.n, 4);
	assert_string_equal(rel(&t, &w, 2), "b/r.csv");
	assert_string_equal(rel(&t, &w, 3), "b/sub/s.csv");
	walk_free(&w);
	tree_remove(&t);
}

static void
test_walk_non_regular_report_names_refused(void **state)
{
	struct tree t;
	struct walk w;

	(void)state;
	tree_make(&t);
	assert_int_equal(mkfifo(at(&t, "pipe.csv"), 0600), 0);
	remember(&t, at(&t, "pipe.csv"));
	assert_int_equal(mkfifo(at(&t, "pipe"), 0600), 0);
	remember(&t, at(&t, "pipe"));
	link_in(&t, "nowhere.csv", "gone.csv");
	link_in(&t, "nowhere", "gone");
	link_in(&t, "/dev/null", "null.json");
	mkfile(&t, "ok.csv", "x");
	link_in(&t, "ok.csv", "via-link.txt");
	memset(&w, 0, sizeof(w));
	assert_int_equal(walk_add(&w, t.root), 0);
	assert_int_equal(w.n, 5);
	assert_string_equal(rel(&t, &w, 0), "gone.csv");
	assert_string_equal(w.in[0].error,
	                    "cannot open: No such file or directory, refused");
	assert_string_equal(rel(&t, &w, 1), "null.json");
	assert_string_equal(w.in[1].error, "not a regular file: a character device, refused");
	assert_string_equal(rel(&t, &w, 2), "ok.csv");
	assert_null(w.in[2].error);
	assert_string_equal(rel(&t, &w, 3), "pipe.csv");
	assert_string_equal(w.in[3].error, "not a regular file: a FIFO, refused");
	assert_int_equal(w.in[3].found, 0);
	/* a link to a regular file is read like the file */
	assert_string_equal(rel(&t, &w, 4), "via-link.txt");
	assert_null(w.in[4].error);
	/* pipe and gone: not named like a report, skipped */
	assert_int_equal(w.skipped_other, 2);
	walk_free(&w);
	tree_remove(&t);
}

static void
test_walk_find_same_file(void **state)
{
	struct tree t;
	struct walk w;
	char hard[256], r[256];
	int saved, fd;

	(void)state;
	tree_make(&t);
	mkfile(&t, "r.csv", "x");
	mkfile(&t, "other.csv", "x");
	snprintf(r, sizeof(r), "%s", at(&t, "r.csv"));
	snprintf(hard, sizeof(hard), "%s", at(&t, "hard.out"));
	assert_int_equal(link(r, hard), 0);
	remember(&t, hard);
	link_in(&t, "r.csv", "soft.out");
	memset(&w, 0, sizeof(w));
	assert_int_equal(walk_add(&w, r), 0);
	assert_int_equal(walk_add(&w, at(&t, "missing.csv")), 0);
	/* the same path, a hard link, a symbolic link: the same file */
	assert_string_equal(walk_find(&w, r), r);
	assert_string_equal(walk_find(&w, hard), r);
	assert_string_equal(walk_find(&w, at(&t, "soft.out")), r);
	assert_null(walk_find(&w, at(&t, "other.csv")));
	assert_null(walk_find(&w, at(&t, "new.out")));
	/* a file not yet there is the same as an input of that name */
	assert_string_equal(walk_find(&w, at(&t, "missing.csv")), at(&t, "missing.csv"));
	walk_free(&w);
	/* an input in error is never read: it may be written */
	memset(&w, 0, sizeof(w));
	mkdir_in(&t, "empty");
	assert_int_equal(walk_add(&w, at(&t, "empty")), 0);
	assert_non_null(w.in[0].error);
	assert_null(walk_find(&w, at(&t, "empty")));
	assert_int_equal(walk_same_file(r, hard), 1);
	assert_int_equal(walk_same_file(r, at(&t, "other.csv")), 0);
	/* a character device may be both read and written: another name of
	 * it is not the same file */
	assert_int_equal(walk_same_file("/dev/null", "/dev/../dev/null"), 0);
	walk_free(&w);
	memset(&w, 0, sizeof(w));
	assert_int_equal(walk_add(&w, "-"), 0);
	saved = dup(STDIN_FILENO);
	fd = open(r, O_RDONLY);
	assert_true(saved >= 0 && fd >= 0);
	assert_int_equal(dup2(fd, STDIN_FILENO), STDIN_FILENO);
	/* standard input is that file: -o must not replace it */
	assert_string_equal(walk_find(&w, hard), "-");
	assert_int_equal(walk_same_file("-", r), 1);
	assert_int_equal(walk_same_file("-", at(&t, "other.csv")), 0);
	assert_int_equal(walk_same_file("-", "-"), 0);
	dup2(saved, STDIN_FILENO);
	close(saved);
	close(fd);
	walk_free(&w);
	tree_remove(&t);
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

static void
test_output_replaced_atomically(void **state)
{
	struct tree t;
	struct output o;
	struct stat st;
	const char *path;
	mode_t mask = umask(0);

	(void)state;
	umask(mask);
	tree_make(&t);
	path = at(&t, "out.json");
	remember(&t, path);
	assert_int_equal(output_open(&o, path), 0);
	assert_non_null(o.path);
	assert_int_equal(o.direct, 0);
	assert_int_equal(output_write(&o, "{\"a\": 1}\n", 9), 0);
	/* nothing at the name before the commit */
	assert_int_equal(stat(path, &st), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(output_commit(&o), 0);
	assert_string_equal(slurp(path), "{\"a\": 1}\n");
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0666 & ~mask);
	/* an existing file keeps its mode and is replaced whole */
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(output_open(&o, path), 0);
	assert_int_equal(output_write(&o, "new\n", 4), 0);
	assert_string_equal(slurp(path), "{\"a\": 1}\n");
	assert_int_equal(output_commit(&o), 0);
	assert_string_equal(slurp(path), "new\n");
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	/* no temporary file is left */
	assert_int_equal(entries(&t), 1);
	tree_remove(&t);
}

static void
test_output_abort_leaves_nothing(void **state)
{
	struct tree t;
	struct output o;
	const char *path;

	(void)state;
	tree_make(&t);
	path = at(&t, "out.txt");
	assert_int_equal(output_open(&o, path), 0);
	assert_int_equal(output_write(&o, "partial", 7), 0);
	output_abort(&o);
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(entries(&t), 0);
	/* an existing file is left as it was */
	mkfile(&t, "keep.txt", "old\n");
	path = at(&t, "keep.txt");
	assert_int_equal(output_open(&o, path), 0);
	assert_int_equal(output_write(&o, "partial", 7), 0);
	output_abort(&o);
	assert_string_equal(slurp(path), "old\n");
	assert_int_equal(entries(&t), 1);
	tree_remove(&t);
}

static void
test_output_symlink_stays_a_link(void **state)
{
	struct tree t;
	struct output o;
	struct stat st;
	char text[256];
	ssize_t n;

	(void)state;
	tree_make(&t);
	mkdir_in(&t, "real");
	mkfile(&t, "real/report.html", "old");
	link_in(&t, "real/report.html", "latest.html");
	link_in(&t, "latest.html", "chain.html");
	link_in(&t, "real/new.html", "dangling.html");
	remember(&t, at(&t, "real/new.html"));
	assert_int_equal(output_open(&o, at(&t, "chain.html")), 0);
	assert_int_equal(output_write(&o, "new", 3), 0);
	assert_int_equal(output_commit(&o), 0);
	/* the links are links still, and the file they lead to is new */
	assert_int_equal(lstat(at(&t, "chain.html"), &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(lstat(at(&t, "latest.html"), &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	n = readlink(at(&t, "latest.html"), text, sizeof(text) - 1);
	assert_true(n > 0);
	text[n] = '\0';
	assert_string_equal(text, "real/report.html");
	assert_string_equal(slurp(at(&t, "real/report.html")), "new");
	/* a dangling link: its target is the file to create */
	assert_int_equal(output_open(&o, at(&t, "dangling.html")), 0);
	assert_int_equal(output_write(&o, "made", 4), 0);
	assert_int_equal(output_commit(&o), 0);
	assert_int_equal(lstat(at(&t, "dangling.html"), &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_string_equal(slurp(at(&t, "real/new.html")), "made");
	tree_remove(&t);
}

static void
test_output_link_not_naming_its_file_written_in_place(void **state)
{
	struct tree t;
	struct output o;
	char path[64], got[8];
	int fd;

	(void)state;
	tree_make(&t);
	/* /proc/self/fd/N of a deleted file: the link's text names no file */
	fd = open(at(&t, "gone.txt"), O_RDWR | O_CREAT, 0600);
	assert_true(fd >= 0);
	assert_int_equal(unlink(at(&t, "gone.txt")), 0);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	assert_int_equal(output_open(&o, path), 0);
	assert_int_equal(o.direct, 1);
	assert_int_equal(output_write(&o, "in place", 8), 0);
	assert_int_equal(output_commit(&o), 0);
	assert_int_equal(pread(fd, got, 8, 0), 8);
	assert_memory_equal(got, "in place", 8);
	/* nothing was made beside it, such as "gone.txt (deleted)" */
	assert_int_equal(entries(&t), 0);
	close(fd);
	tree_remove(&t);
}

static void
test_output_device_written_in_place(void **state)
{
	struct output o;
	int saved = dup(STDERR_FILENO), null = open("/dev/null", O_WRONLY);

	(void)state;
	assert_int_equal(output_open(&o, "/dev/null"), 0);
	assert_int_equal(o.direct, 1);
	assert_null(o.tmp);
	assert_int_equal(output_write(&o, "x", 1), 0);
	assert_int_equal(output_commit(&o), 0);
	/* a write that fails is reported at the commit */
	assert_int_equal(output_open(&o, "/dev/full"), 0);
	assert_int_equal(o.direct, 1);
	assert_int_equal(output_write(&o, "x", 1), 0);
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
		cmocka_unit_test(test_walk_directory_in_byte_order),
		cmocka_unit_test(test_walk_named_file_is_always_an_input),
		cmocka_unit_test(test_walk_directory_without_report_fails_closed),
		cmocka_unit_test(test_walk_symlink_loop_refused),
		cmocka_unit_test(test_walk_directory_reached_twice_walked_once),
		cmocka_unit_test(test_walk_non_regular_report_names_refused),
		cmocka_unit_test(test_walk_find_same_file),
		cmocka_unit_test(test_output_replaced_atomically),
		cmocka_unit_test(test_output_abort_leaves_nothing),
		cmocka_unit_test(test_output_symlink_stays_a_link),
		cmocka_unit_test(test_output_link_not_naming_its_file_written_in_place),
		cmocka_unit_test(test_output_device_written_in_place),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
