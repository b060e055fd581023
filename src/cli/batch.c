/*
 * batch.c - worker threads take the next input while the window allows,
 * audit it and park the report in its slot; the calling thread hands the
 * slots to the callback strictly in input order.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "archive.h"
#include "batch.h"
#include "cli.h"

#define MAX_JOBS 256

struct batch {
	const struct credaudit_audit *audit;
	const struct walk *w;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	size_t next;          /* next input to claim */
	size_t emitted;       /* inputs handed to the callback */
	size_t window;
	struct credaudit_report **slot;
	int stop;
	struct credaudit_error err;   /* of the first failure */
};

unsigned
batch_cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : (unsigned)n;
}

/*
 * A file the walk found: it was a regular file when the walk looked, but
 * may have been replaced since.  Opened without blocking (a FIFO's open
 * would wait for a writer), then checked on the descriptor itself.
 */
static struct credaudit_report *
audit_found(const struct credaudit_audit *a, const char *path,
            struct credaudit_error *err)
{
	struct credaudit_report *rep;
	struct stat st;
	char text[200];
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);

	if (fd == -1) {
		snprintf(text, sizeof(text), "cannot open: %s", strerror(errno));
		return credaudit_report_refused(a, path, text, err);
	}
	/* F_SETFL 0: only O_NONBLOCK of the flags it changes was set */
	if (fstat(fd, &st) == -1 ||
	    (S_ISREG(st.st_mode) && fcntl(fd, F_SETFL, 0) == -1))
		snprintf(text, sizeof(text), "cannot open: %s", strerror(errno));
	else if (!S_ISREG(st.st_mode))
		snprintf(text, sizeof(text), "not a regular file: %s, refused",
		         walk_kind(st.st_mode));
	else
		text[0] = '\0';
	if (text[0] != '\0') {
		close(fd);
		return credaudit_report_refused(a, path, text, err);
	}
	rep = credaudit_audit_fd(a, path, fd, err);
	close(fd);
	return rep;
}

/* Audit input i: a refused input becomes a report in error. */
static struct credaudit_report *
audit_one(const struct credaudit_audit *a, const struct walk *w,
          const struct walk_input *in, struct credaudit_error *err)
{
	if (in->member != NULL && in->error == NULL)
		return archive_audit(a, w, in, err);
	if (in->error != NULL)
		return credaudit_report_refused(a, in->path, in->error, err);
	if (in->found)
		return audit_found(a, in->path, err);
	return credaudit_audit_file(a, in->path, err);
}

static void *
worker(void *arg)
{
	struct batch *b = arg;

	pthread_mutex_lock(&b->mu);
	for (;;) {
		struct credaudit_error e = { 0 };
		struct credaudit_report *rep;
		size_t i;

		while (!b->stop && b->next < b->w->n && b->next >= b->emitted + b->window)
			pthread_cond_wait(&b->cv, &b->mu);
		if (b->stop || b->next >= b->w->n)
			break;
		i = b->next++;
		pthread_mutex_unlock(&b->mu);
		rep = audit_one(b->audit, b->w, &b->w->in[i], &e);
		pthread_mutex_lock(&b->mu);
		if (rep == NULL) {
			if (!b->stop)
				b->err = e;
			b->stop = 1;
		} else {
			b->slot[i % b->window] = rep;
		}
		pthread_cond_broadcast(&b->cv);
	}
	pthread_mutex_unlock(&b->mu);
	return NULL;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The progress line: once the run has lasted a second, five times a second. */
static void
progress(size_t done, size_t total, double start, double *last, int end)
{
	double t = now();

	if (end) {
		if (*last > 0)
			fputs("\r\033[K", stderr);
		return;
	}
	if (t - start < 1.0 || t - *last < 0.2)
		return;
	*last = t;
	fprintf(stderr, "\rcredaudit: %zu/%zu files, %.0f files/s\033[K", done, total,
	        (double)done / (t - start));
}

/* Hand the reports to fn in order; the workers fill the slots. */
static int
collect(struct batch *b, const struct batch_opts *o, batch_fn fn, void *ctx,
        struct credaudit_error *err)
{
	double start = now(), last = 0;
	size_t i;
	int rc = 0;

	for (i = 0; i < b->w->n && rc == 0; i++) {
		struct credaudit_report *rep;

		pthread_mutex_lock(&b->mu);
		while (!b->stop && b->slot[i % b->window] == NULL)
			pthread_cond_wait(&b->cv, &b->mu);
		rep = b->slot[i % b->window];
		b->slot[i % b->window] = NULL;
		if (b->stop)
			rc = -1;
		pthread_mutex_unlock(&b->mu);
		if (rc == 0 && fn(ctx, rep, err) == -1)
			rc = -1;
		credaudit_report_free(rep);
		pthread_mutex_lock(&b->mu);
		b->emitted++;
		if (rc == -1)
			b->stop = 1;
		pthread_cond_broadcast(&b->cv);
		pthread_mutex_unlock(&b->mu);
		if (o->progress)
			progress(i + 1, b->w->n, start, &last, 0);
	}
	if (o->progress)
		progress(0, 0, start, &last, 1);
	return rc;
}

/* One thread: no locks, no window. */
static int
run_serial(const struct credaudit_audit *a, const struct walk *w,
           const struct batch_opts *o, batch_fn fn, void *ctx,
           struct credaudit_error *err)
{
	double start = now(), last = 0;
	size_t i;
	int rc = 0;

	for (i = 0; i < w->n && rc == 0; i++) {
		struct credaudit_report *rep = audit_one(a, w, &w->in[i], err);

		if (rep == NULL || fn(ctx, rep, err) == -1)
			rc = -1;
		credaudit_report_free(rep);
		if (o->progress)
			progress(i + 1, w->n, start, &last, 0);
	}
	if (o->progress)
		progress(0, 0, start, &last, 1);
	return rc;
}

/*
 * Each input allocates and frees read and decoding buffers of 64 KiB and
 * more, and a large report holds its rows until its as-of time is known;
 * glibc would hand them back to the system after every file and fault them
 * in again for the next, which cost more system time than the parse
 * (measured: 0.23 s against 0.05 s over 2,000 reports; and a trim is a TLB
 * flush in a virtual machine: 4 ms of a 20 ms run on one 5,000-user
 * report).  Keep up to 16 MiB of freed memory instead, and grow the heap
 * 4 MiB at a time; peak RSS does not change (pages never touched are not
 * resident).  The one place the CLI sets glibc's allocator policy.
 */
static void
tune_malloc(void)
{
#if defined(__GLIBC__)
	mallopt(M_MMAP_THRESHOLD, 4 << 20);
	mallopt(M_TRIM_THRESHOLD, 16 << 20);
	mallopt(M_TOP_PAD, 4 << 20);
#endif
}

int
batch_run(const struct credaudit_audit *a, const struct walk *w,
          const struct batch_opts *o, batch_fn fn, void *ctx,
          struct credaudit_error *err)
{
	pthread_t tid[MAX_JOBS];
	struct batch b;
	unsigned jobs = o->jobs > MAX_JOBS ? MAX_JOBS : o->jobs, started = 0, t;
	int rc;

	if (jobs > w->n)
		jobs = (unsigned)w->n;
	tune_malloc();
	if (jobs <= 1)
		return run_serial(a, w, o, fn, ctx, err);
	memset(&b, 0, sizeof(b));
	b.audit = a;
	b.w = w;
	b.window = 4 * (size_t)jobs;
	if ((b.slot = cli_calloc(b.window, sizeof(*b.slot))) == NULL)
		return cli_seterr(err, CREDAUDIT_ERR_INTERNAL, "out of memory");
	pthread_mutex_init(&b.mu, NULL);
	pthread_cond_init(&b.cv, NULL);
	for (t = 0; t < jobs; t++, started++)
		if (pthread_create(&tid[t], NULL, worker, &b) != 0)
			break;
	if (started == 0) {
		rc = run_serial(a, w, o, fn, ctx, err);
	} else {
		rc = collect(&b, o, fn, ctx, err);
		pthread_mutex_lock(&b.mu);
		b.stop = 1;
		pthread_cond_broadcast(&b.cv);
		pthread_mutex_unlock(&b.mu);
		for (t = 0; t < started; t++)
			pthread_join(tid[t], NULL);
		if (rc == -1 && err != NULL && err->code == 0)
			*err = b.err;
	}
	for (t = 0; t < b.window; t++)
		credaudit_report_free(b.slot[t]);
	credaudit_free(b.slot);
	pthread_cond_destroy(&b.cv);
	pthread_mutex_destroy(&b.mu);
	return rc;
}

/* An input already rendered: its SHA-256 and path. */
struct seen_input {
	char sha256[65];
	char *path;
};

/* The audit run as it renders: which input comes next, the inputs seen. */
struct render_run {
	struct credaudit_render *rd;
	const struct walk *w;
	size_t next;
	struct seen_input *seen;   /* open-addressed by SHA-256, at most half full */
	size_t nseen, cap;
	const char **dup_of;       /* per manifest entry: the input audited in
	                              place of its duplicate (in seen), or NULL */
};

static size_t
seen_slot(const struct render_run *rr, const char *sha)
{
	size_t i = 0, k;

	for (k = 0; k < 16 && sha[k] != '\0'; k++)   /* the first 64 bits */
		i = i << 4 | (size_t)(sha[k] <= '9' ? sha[k] - '0' : sha[k] - 'a' + 10);

	for (i &= rr->cap - 1; rr->seen[i].path != NULL; i = (i + 1) & (rr->cap - 1))
		if (strcmp(rr->seen[i].sha256, sha) == 0)
			break;
	return i;
}

/* The path of the input rendered before with these bytes, or NULL after
 * remembering path as the first; *nomem set when memory ran out. */
static const char *
seen_add(struct render_run *rr, const char *sha, const char *path, int *nomem)
{
	size_t i;

	if (2 * (rr->nseen + 1) > rr->cap) {
		struct seen_input *old = rr->seen;
		size_t n = rr->cap, cap = rr->cap ? rr->cap * 2 : 64;

		if ((rr->seen = cli_calloc(cap, sizeof(*rr->seen))) == NULL) {
			rr->seen = old;
			*nomem = 1;
			return NULL;
		}
		rr->cap = cap;
		for (i = 0; i < n; i++)
			if (old[i].path != NULL)
				rr->seen[seen_slot(rr, old[i].sha256)] = old[i];
		credaudit_free(old);
	}
	i = seen_slot(rr, sha);
	if (rr->seen[i].path != NULL)
		return rr->seen[i].path;
	if ((rr->seen[i].path = cli_strdup(path)) == NULL) {
		*nomem = 1;
		return NULL;
	}
	memcpy(rr->seen[i].sha256, sha, 65);
	rr->nseen++;
	return NULL;
}

/*
 * The audit run: render each report as the batch hands it over, in input
 * order.  A file found in a directory whose bytes are no credential report
 * is named as skipped; an input whose bytes (SHA-256) were rendered before
 * is named as a duplicate of the first, and its findings are not counted
 * again.  The exit status is the rendered summary's.
 */
static int
render_one(void *ctx, const struct credaudit_report *rep, struct credaudit_error *e)
{
	struct render_run *rr = ctx;
	const struct walk_input *in = &rr->w->in[rr->next++];
	const struct credaudit_input *ev = credaudit_report_input(rep);
	size_t listed = credaudit_report_manifest_entry(rep);   /* 1-based, or 0 */
	const char *first;
	struct credaudit_skipped k = { 0 };
	int nomem = 0;

	k.path = credaudit_report_name(rep);
	if (in->found && credaudit_report_not_a_report(rep)) {
		k.kind = CREDAUDIT_SKIP_NOT_REPORT;
		k.reason = credaudit_report_error(rep)->text;
		k.sha256 = ev != NULL ? ev->sha256 : NULL;
		return credaudit_render_skip(rr->rd, &k, e);
	}
	/* a listed input in error (its SHA-256 is not the register's, ...)
	 * is rendered with its error even when its bytes were seen before */
	if (ev != NULL && ev->complete && !(listed > 0 && credaudit_report_error(rep) != NULL) &&
	    (first = seen_add(rr, ev->sha256, k.path, &nomem)) != NULL) {
		k.kind = CREDAUDIT_SKIP_DUPLICATE;
		k.reason = "the same bytes (SHA-256) as an input audited before";
		k.sha256 = ev->sha256;
		k.duplicate_of = first;
		if (rr->dup_of != NULL && listed > 0)
			rr->dup_of[listed - 1] = first;
		return credaudit_render_skip(rr->rd, &k, e);
	}
	if (nomem)
		return cli_seterr(e, CREDAUDIT_ERR_INTERNAL, "out of memory");
	return credaudit_render_report(rr->rd, rep, e);
}

/* Name the entries the walk skipped. */
static int
render_walk_skips(struct credaudit_render *rd, const struct walk *w,
                  struct credaudit_error *err)
{
	size_t i;

	for (i = 0; i < w->nskip; i++) {
		struct credaudit_skipped k = { 0 };

		k.path = w->skip[i].path;
		k.kind = (enum credaudit_skip)w->skip[i].kind;
		k.reason = w->skip[i].reason;
		if (credaudit_render_skip(rd, &k, err) == -1)
			return -1;
	}
	return 0;
}

/*
 * A path of the evidence register that no input was: the evidence named
 * is missing from the audit, an input that could not be audited (exit 3),
 * rendered after the inputs in the register's order.  So is one that was
 * skipped as a duplicate (dup_of: of which input): its bytes were audited
 * once, as the other input, not as the register lists it.
 */
static int
render_unlisted(const struct credaudit_audit *audit, struct credaudit_render *rd,
                const char *const *dup_of, struct credaudit_error *err)
{
	size_t i, n = credaudit_audit_manifest_count(audit);

	for (i = 0; i < n; i++) {
		const struct credaudit_summary *s = credaudit_render_summary(rd);
		struct credaudit_report *rep;
		unsigned long line = 0;
		const char *path = credaudit_audit_manifest_entry(audit, i, &line);
		char text[600];
		int rc;

		if (credaudit_summary_manifest_seen(s, i))
			continue;
		if (dup_of != NULL && dup_of[i] != NULL)
			snprintf(text, sizeof(text), "listed in the manifest %.200s (line %lu) "
			         "but skipped as a duplicate of %.200s (the same bytes, audited "
			         "once): the evidence it names was not audited as listed",
			         credaudit_audit_manifest(audit), line, dup_of[i]);
		else
			snprintf(text, sizeof(text), "listed in the manifest %.300s (line %lu) "
			         "but not among the inputs: the evidence it names was not "
			         "audited", credaudit_audit_manifest(audit), line);
		if ((rep = credaudit_report_refused(audit, path, text, err)) == NULL)
			return -1;
		rc = credaudit_render_report(rd, rep, err);
		credaudit_report_free(rep);
		if (rc == -1)
			return -1;
	}
	return 0;
}

int
batch_render(const struct credaudit_audit *audit, const struct walk *w,
             const struct batch_opts *opts, const char *format,
             const struct credaudit_render_opts *ropts,
             credaudit_write_fn write, void *ctx, struct credaudit_error *err)
{
	struct render_run rr = { 0 };
	size_t i;
	int status;

	rr.rd = credaudit_render_new(format, audit, ropts, write, ctx, err);
	if (rr.rd == NULL)
		return -1;
	rr.w = w;
	if (credaudit_audit_manifest_count(audit) > 0 &&
	    (rr.dup_of = cli_calloc(credaudit_audit_manifest_count(audit),
	                            sizeof(*rr.dup_of))) == NULL) {
		credaudit_render_free(rr.rd);
		return cli_seterr(err, CREDAUDIT_ERR_INTERNAL, "out of memory");
	}
	if (render_walk_skips(rr.rd, w, err) == -1 ||
	    batch_run(audit, w, opts, render_one, &rr, err) == -1 ||
	    render_unlisted(audit, rr.rd, rr.dup_of, err) == -1 ||
	    credaudit_render_finish(rr.rd, err) == -1)
		status = -1;
	else
		status = credaudit_summary_exit_status(credaudit_render_summary(rr.rd));
	credaudit_render_free(rr.rd);
	for (i = 0; i < rr.cap; i++)
		credaudit_free(rr.seen[i].path);
	credaudit_free(rr.seen);
	credaudit_free(rr.dup_of);
	return status;
}
