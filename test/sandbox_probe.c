/*
 * sandbox_probe.c - what a process may still do once sandbox_enter() ran.
 * Used by test/sandbox.sh:
 *
 *   sandbox_probe [-n] net          socket(2) of every family is refused
 *   sandbox_probe [-n] write PATH   opening PATH for writing is refused
 *   sandbox_probe [-n] exec         execve(2) is refused
 *   sandbox_probe [-n] fork         fork(2) is refused
 *   sandbox_probe [-n] read FILE    FILE can be opened and read
 *   sandbox_probe [-n] dir DIR      DIR can be listed
 *   sandbox_probe [-n] thread       a thread can be started and joined
 *   sandbox_probe wide              exit 0 when built for make coverage
 *                                   (CREDAUDIT_SANDBOX_INSTRUMENTED: the
 *                                   library's list then also allows what
 *                                   gcov needs at exit: creating files, clone)
 *
 * -n: do not enter the sandbox (so the test shows the probe can succeed).
 * Prints one line of what happened; exit 0 when the call was refused
 * (net, write, exec, fork) or worked (read, dir, thread), else 1.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/sandbox.h"

static int
refused(const char *what, int rc)
{
	int e = errno;

	printf("%s: %s\n", what, rc == -1 ? strerror(e) : "allowed");
	return rc == -1 && (e == EPERM || e == EACCES) ? 0 : 1;
}

static void *
worker(void *arg)
{
	return arg;
}

int
main(int argc, char **argv)
{
	struct credaudit_error err = { 0 };
	int nosandbox = argc > 1 && strcmp(argv[1], "-n") == 0;
	const char *what;

	argv += nosandbox;
	argc -= nosandbox;
	if (argc < 2)
		return 2;
	what = argv[1];
	if (strcmp(what, "wide") == 0) {
#ifdef CREDAUDIT_SANDBOX_INSTRUMENTED
		printf("wide: instrumented build\n");
		return 0;
#else
		printf("wide: no\n");
		return 1;
#endif
	}
	if (!nosandbox && sandbox_enter(&err) == -1) {
		printf("sandbox: %s\n", err.text);
		return 1;
	}
	if (strcmp(what, "net") == 0) {
		static const int families[] = { AF_INET, AF_INET6, AF_UNIX, AF_NETLINK };
		int pair[2], bad = 0;
		size_t i;

		for (i = 0; i < sizeof(families) / sizeof(families[0]); i++) {
			int fd = socket(families[i], SOCK_STREAM, 0);

			if (fd == -1 && families[i] == AF_NETLINK && errno == EPROTONOSUPPORT)
				fd = socket(families[i], SOCK_RAW, 0);
			bad |= refused("socket", fd);
			if (fd != -1)
				close(fd);
		}
		bad |= refused("socketpair", socketpair(AF_UNIX, SOCK_STREAM, 0, pair));
		return bad;
	}
	if (strcmp(what, "write") == 0 && argc > 2) {
		int fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0600);

		return refused("open for writing", fd);
	}
	if (strcmp(what, "exec") == 0) {
		char *const args[] = { (char *)"true", NULL };

		return refused("execve", execv("/bin/true", args));
	}
	if (strcmp(what, "fork") == 0) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		if (pid > 0)
			waitpid(pid, NULL, 0);
		return refused("fork", pid > 0 ? 0 : -1);
	}
	if (strcmp(what, "read") == 0 && argc > 2) {
		char buf[64];
		int fd = open(argv[2], O_RDONLY);
		ssize_t n = fd == -1 ? -1 : read(fd, buf, sizeof(buf));

		printf("read: %zd bytes\n", n);
		return n > 0 ? 0 : 1;
	}
	if (strcmp(what, "dir") == 0 && argc > 2) {
		DIR *d = opendir(argv[2]);
		int n = 0;

		while (d != NULL && readdir(d) != NULL)
			n++;
		if (d != NULL)
			closedir(d);
		printf("dir: %d entries\n", n);
		return n > 2 ? 0 : 1;
	}
	if (strcmp(what, "thread") == 0) {
		pthread_t t;
		void *ret = NULL;
		int rc = pthread_create(&t, NULL, worker, &err);

		if (rc == 0)
			rc = pthread_join(t, &ret);
		printf("thread: %s\n", rc ? strerror(rc) : "ran");
		return rc == 0 && ret == &err ? 0 : 1;
	}
	return 2;
}
