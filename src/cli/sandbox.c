/*
 * sandbox.c - an allow-list of system calls installed with libseccomp.
 *
 * Anything not listed fails with EPERM (the run then fails closed with an
 * error instead of dying silently).  Some calls are allowed only with
 * harmless arguments: open only read-only, mmap/mprotect never executable,
 * clone only for threads, ioctl only to ask whether a file is a terminal.
 * A process built with AddressSanitizer or gcov also needs what their
 * runtimes do at exit (a ptrace-based leak check, writing logs and
 * coverage data): such builds get a wider list.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <seccomp.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#include "sandbox.h"
#include "cli.h"

/* Instrumented builds write their results at exit: AddressSanitizer (its
 * log, a ptrace-based leak check), gcov (make coverage, which defines
 * CREDAUDIT_SANDBOX_INSTRUMENTED). */
#if defined(CREDAUDIT_SANDBOX_INSTRUMENTED)
#define SANITIZED 1
#elif defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif

/* Allowed whatever their arguments. */
static const char *const plain[] = {
	/* reading and writing open files */
	"read", "readv", "pread64", "preadv", "write", "writev", "pwrite64",
	"lseek", "close", "fsync", "fdatasync", "fcntl", "dup",
	/* file status (stdio, directory walking) */
	"fstat", "newfstatat", "statx", "stat", "lstat", "getdents64", "getcwd",
	/* publishing or dropping the output file */
	"rename", "renameat", "renameat2", "unlink", "unlinkat",
	/* memory */
	"brk", "munmap", "mremap", "madvise",
	/* threads (--jobs) */
	"futex", "set_robust_list", "get_robust_list", "rseq", "set_tid_address",
	"sched_yield", "sched_getaffinity", "gettid", "getpid", "sigaltstack",
	/* time, signals, the end */
	"clock_gettime", "clock_nanosleep", "nanosleep", "gettimeofday",
	"rt_sigprocmask", "rt_sigaction", "rt_sigreturn", "tgkill",
	"restart_syscall", "getrandom", "exit", "exit_group",
};

#ifdef SANITIZED
static const char *const sanitizer[] = {
	"clone", "clone3", "ptrace", "wait4", "waitid", "prctl", "openat",
	"open", "getppid", "sched_setaffinity", "readlink", "readlinkat",
	"mprotect", "mmap", "ioctl", "kill", "getdents", "sched_getparam",
	"sched_getscheduler", "getrlimit", "prlimit64", "setrlimit", "mkdir",
	"mkdirat",
};
#endif

static int
add(scmp_filter_ctx ctx, const char *name, unsigned n,
    const struct scmp_arg_cmp *cmp)
{
	int nr = seccomp_syscall_resolve_name(name);

	if (nr == __NR_SCMP_ERROR)
		return 0;   /* no such call on this architecture */
	return seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW, nr, n, cmp);
}

static int
build(scmp_filter_ctx ctx)
{
	/* Flags that make an open write or create something. */
	const scmp_datum_t wflags = O_ACCMODE | O_CREAT | O_TRUNC | O_APPEND;
	struct scmp_arg_cmp c;
	size_t i;
	int nr, rc = 0;

	for (i = 0; rc == 0 && i < sizeof(plain) / sizeof(plain[0]); i++)
		rc = add(ctx, plain[i], 0, NULL);
#ifdef SANITIZED
	for (i = 0; rc == 0 && i < sizeof(sanitizer) / sizeof(sanitizer[0]); i++)
		rc = add(ctx, sanitizer[i], 0, NULL);
	(void)c;
	(void)wflags;
	(void)nr;
	return rc;
#else
	if (rc != 0)
		return rc;
	/* open(path, flags), openat(dirfd, path, flags): read-only */
	c = SCMP_A1(SCMP_CMP_MASKED_EQ, wflags, 0);
	if ((rc = add(ctx, "open", 1, &c)) != 0)
		return rc;
	c = SCMP_A2(SCMP_CMP_MASKED_EQ, wflags, 0);
	if ((rc = add(ctx, "openat", 1, &c)) != 0)
		return rc;
	/* mmap(addr, len, prot, ...), mprotect(addr, len, prot): never PROT_EXEC */
	c = SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0);
	if ((rc = add(ctx, "mmap", 1, &c)) != 0 || (rc = add(ctx, "mprotect", 1, &c)) != 0)
		return rc;
	/* clone(flags, ...): threads only, never a new process */
	c = SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, CLONE_THREAD);
	if ((rc = add(ctx, "clone", 1, &c)) != 0)
		return rc;
	/* clone3 takes its flags in memory, out of a filter's reach: ENOSYS
	 * makes the C library fall back to clone. */
	if ((nr = seccomp_syscall_resolve_name("clone3")) != __NR_SCMP_ERROR &&
	    (rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), nr, 0)) != 0)
		return rc;
	/* ioctl(fd, TCGETS): isatty() */
	c = SCMP_A1(SCMP_CMP_EQ, TCGETS);
	return add(ctx, "ioctl", 1, &c);
#endif
}

int
sandbox_enter(struct credaudit_error *err)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ERRNO(EPERM));
	int rc;

	if (ctx == NULL)
		return cli_seterr(err, CREDAUDIT_ERR_INTERNAL,
		                  "cannot set up the sandbox (seccomp); --no-sandbox runs without it");
	if ((rc = build(ctx)) == 0)
		rc = seccomp_load(ctx);
	seccomp_release(ctx);
	if (rc != 0)
		return cli_seterr(err, CREDAUDIT_ERR_INTERNAL,
		                  "cannot enter the sandbox (seccomp): %s; --no-sandbox "
		                  "runs without it", strerror(-rc));
	return 0;
}
