/* output.c - checked, atomic output for the CLI. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "cli.h"

/* The text of the symbolic link at path, allocated; NULL with errno set. */
static char *
link_text(const char *path)
{
	char buf[PATH_MAX];
	ssize_t n = readlink(path, buf, sizeof(buf));

	if (n == -1)
		return NULL;
	if ((size_t)n == sizeof(buf)) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	buf[n] = '\0';
	return cli_strdup(buf);
}

/*
 * The name path stands for once every symbolic link in its last component
 * is followed (a relative link against the directory that holds it).  A
 * name that does not exist ends the chain: a dangling link's target is the
 * file to create.  Allocated; NULL with errno set (ELOOP after 40 links).
 */
static char *
resolve_links(const char *path)
{
	char *cur = cli_strdup(path), *next, *joined;
	const char *slash;
	struct stat st;
	int hops, e;

	errno = ENOMEM;
	for (hops = 0; cur != NULL; hops++) {
		if (lstat(cur, &st) == -1) {
			if (errno == ENOENT)
				return cur;
			break;
		}
		if (!S_ISLNK(st.st_mode))
			return cur;
		if (hops == 40) {
			errno = ELOOP;
			break;
		}
		if ((next = link_text(cur)) == NULL)
			break;
		if (next[0] != '/' && (slash = strrchr(cur, '/')) != NULL) {
			size_t dir = (size_t)(slash - cur) + 1, len = dir + strlen(next) + 1;

			if ((joined = credaudit_malloc(len)) != NULL)
				snprintf(joined, len, "%.*s%s", (int)dir, cur, next);
			credaudit_free(next);
			next = joined;
		}
		credaudit_free(cur);
		if ((cur = next) == NULL)
			errno = ENOMEM;
	}
	e = errno;
	credaudit_free(cur);
	errno = e;
	return NULL;
}

/* Write path in place: a terminal, pipe, FIFO, device, or a file that
 * cannot be named to be replaced.  Never renamed over. */
static int
open_direct(struct output *o, const char *path)
{
	if ((o->fp = fopen(path, "w")) == NULL) {
		fprintf(stderr, "credaudit: cannot open %s: %s\n", path, strerror(errno));
		return -1;
	}
	o->path = path;
	o->direct = 1;
	return 0;
}

/*
 * A run stopped by a signal (Ctrl-C, kill, a closed terminal) removes its
 * temporary file, then dies of the signal as it would have: the handler
 * runs once (SA_RESETHAND), unlinks the name kept here, and raises the
 * signal again.  A signal the caller ignores stays ignored.  One output
 * per process, so one name.
 */
static char sig_tmp[PATH_MAX + 32];
static volatile sig_atomic_t sig_armed;

static void
on_signal(int sig)
{
	if (sig_armed)
		(void)unlink(sig_tmp);
	(void)raise(sig);   /* delivered, by default, once this returns */
}

static const int stop_sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

/* Block (how SIG_BLOCK, into *old) or restore (SIG_SETMASK, from *old)
 * the signals above: none may come between creating the file and arming. */
static void
hold_signals(int how, sigset_t *old)
{
	sigset_t set;
	size_t i;

	sigemptyset(&set);
	for (i = 0; i < sizeof(stop_sigs) / sizeof(stop_sigs[0]); i++)
		sigaddset(&set, stop_sigs[i]);
	(void)pthread_sigmask(how, how == SIG_BLOCK ? &set : old,
	                      how == SIG_BLOCK ? old : NULL);
}

static void
arm_signals(const char *tmp)
{
	struct sigaction sa, old;
	size_t i;

	if (strlen(tmp) >= sizeof(sig_tmp))
		return;
	memcpy(sig_tmp, tmp, strlen(tmp) + 1);
	sig_armed = 1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = (int)SA_RESETHAND;   /* 0x80000000 on Linux */
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(stop_sigs) / sizeof(stop_sigs[0]); i++)
		if (sigaction(stop_sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
			(void)sigaction(stop_sigs[i], &sa, NULL);
}

/* The temporary file's stdio buffer: the render core hands over each
 * report's bytes at its end, a few KiB; nobody sees the file before it is
 * renamed, so they go out in large writes (one output per process). */
static char temp_buf[128 * 1024];

/* A temporary file beside o->target, with the mode of the file it
 * replaces (st, or NULL for a new file: 0666 less the umask). */
static int
open_temp(struct output *o, const struct stat *st)
{
	size_t n = strlen(o->target) + sizeof(".tmp.XXXXXX");
	mode_t mode, mask;
	sigset_t held;
	int fd;

	if ((o->tmp = credaudit_malloc(n)) == NULL) {
		fprintf(stderr, "credaudit: out of memory\n");
		return -1;
	}
	snprintf(o->tmp, n, "%s.tmp.XXXXXX", o->target);
	mask = umask(0);
	umask(mask);
	mode = st != NULL ? st->st_mode & 0777 : 0666 & ~mask;
	hold_signals(SIG_BLOCK, &held);
	if ((fd = mkstemp(o->tmp)) != -1)
		arm_signals(o->tmp);
	hold_signals(SIG_SETMASK, &held);
	if (fd == -1 || fchmod(fd, mode) != 0 || (o->fp = fdopen(fd, "w")) == NULL) {
		fprintf(stderr, "credaudit: cannot create %s: %s\n", o->tmp,
		        strerror(errno));
		if (fd != -1) {
			close(fd);
			unlink(o->tmp);
			sig_armed = 0;
		}
		credaudit_free(o->tmp);
		o->tmp = NULL;
		return -1;
	}
	(void)setvbuf(o->fp, temp_buf, _IOFBF, sizeof(temp_buf));   /* only speed */
	return 0;
}

/*
 * A regular file (or a new one) is replaced atomically: a temporary file
 * beside the file the links lead to, renamed over it, so that a symbolic
 * link stays a link.  Anything else (terminal, pipe, FIFO, device, socket)
 * is written in place, never replaced; so is a regular file reached
 * through a link whose text does not name it (/proc/self/fd/N of a
 * deleted file).
 */
int
output_open(struct output *o, const char *path)
{
	struct stat st, tst;
	int exists;

	memset(o, 0, sizeof(*o));
	if (path == NULL || strcmp(path, "-") == 0) {
		o->fp = stdout;
		return 0;
	}
	exists = stat(path, &st) == 0;
	if (!exists && errno != ENOENT) {
		fprintf(stderr, "credaudit: cannot open %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (exists && !S_ISREG(st.st_mode))
		return open_direct(o, path);
	if ((o->target = resolve_links(path)) == NULL) {
		if (errno == ENOMEM)
			fprintf(stderr, "credaudit: out of memory\n");
		else
			fprintf(stderr, "credaudit: cannot open %s: %s\n", path,
			        strerror(errno));
		return -1;
	}
	if (exists && (stat(o->target, &tst) != 0 || tst.st_dev != st.st_dev ||
	               tst.st_ino != st.st_ino)) {
		credaudit_free(o->target);
		o->target = NULL;
		return open_direct(o, path);
	}
	o->path = path;
	if (open_temp(o, exists ? &st : NULL) == -1) {
		credaudit_free(o->target);
		o->target = NULL;
		return -1;
	}
	return 0;
}

int
output_write(void *ctx, const void *buf, size_t len)
{
	struct output *o = ctx;

	return fwrite(buf, 1, len, o->fp) == len ? 0 : -1;
}

int
output_is_terminal(const struct output *o)
{
	return o->path == NULL && isatty(fileno(o->fp));
}

int
output_commit(struct output *o)
{
	const char *name = o->path ? o->path : "standard output";
	int bad;

	if (o->path == NULL)
		return output_close_stdout() == 0 ? 0 : -1;
	bad = fflush(o->fp) != 0 || ferror(o->fp);
	if (!o->direct)
		bad |= fsync(fileno(o->fp)) != 0;
	bad |= fclose(o->fp) != 0;
	o->fp = NULL;
	if (o->direct) {
		if (bad)
			fprintf(stderr, "credaudit: cannot write %s: %s\n", name,
			        strerror(errno));
		return bad ? -1 : 0;
	}
	if (bad || rename(o->tmp, o->target) != 0) {
		fprintf(stderr, "credaudit: cannot write %s: %s\n", name, strerror(errno));
		unlink(o->tmp);
		bad = 1;
	}
	sig_armed = 0;
	credaudit_free(o->tmp);
	credaudit_free(o->target);
	o->tmp = NULL;
	o->target = NULL;
	return bad ? -1 : 0;
}

void
output_abort(struct output *o)
{
	if (o->path == NULL) {
		fflush(stdout);
		return;
	}
	if (o->fp != NULL)
		fclose(o->fp);
	if (o->tmp != NULL) {
		unlink(o->tmp);
		sig_armed = 0;
		credaudit_free(o->tmp);
	}
	credaudit_free(o->target);
	o->fp = NULL;
	o->tmp = NULL;
	o->target = NULL;
}

int
output_close_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
		fprintf(stderr, "credaudit: cannot write standard output: %s\n",
		        errno ? strerror(errno) : "write error");
		return 4;
	}
	return 0;
}
