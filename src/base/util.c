/* util.c - error filling, growable buffers and string arenas. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

#ifdef CREDAUDIT_FAILPOINTS
#include <stdatomic.h>
#include <unistd.h>

/* Test builds only: which allocation fails, and whether it happened.  The
 * count is atomic: with --jobs, threads allocate at once, and a count that
 * lost an increment would fail no allocation, or another one. */
static long fail_at = -1;
static atomic_long alloc_count;
static atomic_int fail_hit;

/* At exit, on stderr: the allocation that failed, or how many were made
 * (test/failinj.sh runs every number up to that). */
static void
fail_report(void)
{
	char msg[96];
	int n;

	if (fail_hit)
		n = snprintf(msg, sizeof(msg), "credaudit-failinj: allocation %ld failed\n",
		             fail_at);
	else
		n = snprintf(msg, sizeof(msg), "credaudit-failinj: %ld allocations made\n",
		             (long)alloc_count);
	if (n > 0 && write(STDERR_FILENO, msg, (size_t)n) < 0)
		return;
}

static int
fail_now(void)
{
	if (fail_at == -1) {
		const char *e = getenv("CREDAUDIT_FAIL_ALLOC");

		fail_at = e != NULL ? strtol(e, NULL, 10) : 0;
		if (fail_at > 0)
			atexit(fail_report);
	}
	if (fail_at <= 0 || ++alloc_count != fail_at)
		return 0;
	fail_hit = 1;
	return 1;
}

void
ca_fail_after(unsigned long n)
{
	fail_at = n > 0 ? (long)alloc_count + (long)n : 0;
}
#else
#define fail_now() 0
#endif

/* Allocation failures seen by this thread: lets a caller notice one that
 * a library swallowed (jansson 2.14 may drop a key it could not copy). */
static _Thread_local unsigned long nfailed;

static void *
counted(void *p)
{
	if (p == NULL)
		nfailed++;
	return p;
}

unsigned long
ca_alloc_failures(void)
{
	return nfailed;
}

void *
ca_malloc(size_t n)
{
	return counted(fail_now() ? NULL : malloc(n));
}

void *
ca_calloc(size_t n, size_t size)
{
	return counted(fail_now() ? NULL : calloc(n, size));
}

void *
ca_realloc(void *p, size_t n)
{
	return counted(fail_now() ? NULL : realloc(p, n));
}

char *
ca_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = ca_malloc(n);

	return p != NULL ? memcpy(p, s, n) : NULL;
}

void
ca_free(void *p)
{
	free(p);
}

void *
ca_zalloc(void *opaque, unsigned items, unsigned size)
{
	(void)opaque;
	return ca_calloc(items, size);
}

void
ca_zfree(void *opaque, void *p)
{
	(void)opaque;
	ca_free(p);
}

/* The allocator's public names (include/credaudit.h). */
void *
credaudit_malloc(size_t n)
{
	return ca_malloc(n);
}

void *
credaudit_realloc(void *p, size_t n)
{
	return ca_realloc(p, n);
}

void
credaudit_free(void *p)
{
	ca_free(p);
}

int
seterr(struct credaudit_error *err, int code, const char *file,
       unsigned long line, unsigned long column, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || err->code != 0)
		return -1;
	err->code = code;
	snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
	err->line = line;
	err->column = column;
	va_start(ap, fmt);
	vsnprintf(err->text, sizeof(err->text), fmt, ap);
	va_end(ap);
	return -1;
}

void
hex_encode(const unsigned char *d, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 15];
	}
	out[2 * n] = '\0';
}

int
seterr_nomem(struct credaudit_error *err, const char *file)
{
	return seterr(err, CREDAUDIT_ERR_INTERNAL, file, 0, 0, "out of memory");
}

void *
ca_new(size_t size, struct credaudit_error *err)
{
	void *p = ca_calloc(1, size);

	if (p == NULL)
		seterr_nomem(err, NULL);
	return p;
}

int
buf_grow(struct buf *b, size_t extra)
{
	size_t cap;
	char *p;

	if (extra <= b->cap - b->len)
		return 0;
	if (extra > SIZE_MAX / 2 - b->len)
		return -1;
	cap = b->cap ? b->cap : 256;
	while (cap - b->len < extra)
		cap *= 2;
	if ((p = ca_realloc(b->data, cap)) == NULL)
		return -1;
	b->data = p;
	b->cap = cap;
	return 0;
}

int
buf_add(struct buf *b, const void *p, size_t n)
{
	if (n == 0)
		return 0;
	if (n > b->cap - b->len && buf_grow(b, n) == -1)
		return -1;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	return 0;
}

int
buf_addc(struct buf *b, char c)
{
	if (b->len == b->cap && buf_grow(b, 1) == -1)
		return -1;
	b->data[b->len++] = c;
	return 0;
}

int
buf_adds(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

/* Formatted into the room b has; only when that is too small is the
 * buffer grown and the text formatted again. */
int
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	size_t room = b->cap - b->len;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(room ? b->data + b->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -1;
	if ((size_t)n < room) {
		b->len += (size_t)n;
		return 0;
	}
	if (buf_grow(b, (size_t)n + 1) == -1)
		return -1;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

void
buf_free(struct buf *b)
{
	ca_free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

#define ARENA_BLOCK 4096

struct arena_block {
	struct arena_block *next;
	size_t used;
	size_t size;
	char data[];
};

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	struct arena_block *b = a->head;
	char *p;

	if (n >= SIZE_MAX - sizeof(*b) - ARENA_BLOCK)
		return NULL;
	if (b == NULL || b->size - b->used < n + 1) {
		size_t size = n + 1 > ARENA_BLOCK ? n + 1 : ARENA_BLOCK;

		if ((b = ca_malloc(sizeof(*b) + size)) == NULL)
			return NULL;
		b->size = size;
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	p = b->data + b->used;
	memcpy(p, s, n);
	p[n] = '\0';
	b->used += n + 1;
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void
arena_free(struct arena *a)
{
	struct arena_block *b, *next;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		ca_free(b);
	}
	a->head = NULL;
}

/*
 * An account id.  AWS's are 12 ASCII digits; sanitised reports (vendors'
 * test data) carry others such as "0123456789" or "test".  Those are kept
 * as written when they are 1 to 64 letters, digits, '.', '_' or '-': the
 * root row is identified by its user and ":root", and every row must name
 * the same account, so nothing is judged on the id's form.  Anything else
 * (empty, spaces, control bytes, punctuation) is refused.
 */
int
account_valid(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 64)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= 'A' && s[i] <= 'Z') || s[i] == '.' || s[i] == '_' ||
		      s[i] == '-'))
			return 0;
	return 1;
}
