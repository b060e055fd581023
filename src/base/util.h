/* util.h - small shared helpers: error filling, growable buffers, arenas. */
#ifndef CREDAUDIT_UTIL_H
#define CREDAUDIT_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#include "credaudit.h"

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

/*
 * Fill err (if not NULL and not already filled: the first error wins).
 * file may be NULL.  Always returns -1 so callers can `return seterr(...)`.
 */
int seterr(struct credaudit_error *err, int code, const char *file,
           unsigned long line, unsigned long column, const char *fmt, ...)
	PRINTF_LIKE(6, 7);

/*
 * Every allocation of the library (and, through csv_set_realloc_func and
 * json_set_alloc_funcs, of libcsv and jansson) goes through these, so that
 * a test build can make any one of them fail.  They behave exactly like
 * malloc, calloc, realloc, strdup and free.
 *
 * Built with -DCREDAUDIT_FAILPOINTS (test builds only, see test/failinj.sh),
 * the environment variable CREDAUDIT_FAIL_ALLOC=N makes the N-th allocation
 * of the process return NULL, and the process then says so on standard
 * error when it exits.  Normal builds hold no such state.
 */
void *ca_malloc(size_t n);
void *ca_calloc(size_t n, size_t size);
void *ca_realloc(void *p, size_t n);
char *ca_strdup(const char *s);
#ifdef CREDAUDIT_FAILPOINTS
/* Test builds only: make the n-th allocation from now fail (0: none),
 * whatever CREDAUDIT_FAIL_ALLOC said; unit tests step through a call. */
void ca_fail_after(unsigned long n);
#endif
/* How many allocations have failed in this thread so far. */
unsigned long ca_alloc_failures(void);
void ca_free(void *p);
/* zlib's allocation hooks (a z_stream's zalloc and zfree), on the above:
 * zlib's memory is the library's too.  opaque is unused. */
void *ca_zalloc(void *opaque, unsigned items, unsigned size);
void ca_zfree(void *opaque, void *p);

/* The n bytes at d as 2n lowercase hex digits and a NUL into out. */
void hex_encode(const unsigned char *d, size_t n, char *out);

/* Out-of-memory shorthand. */
int seterr_nomem(struct credaudit_error *err, const char *file);

/* size zeroed bytes (a new object), or NULL with err filled: out of memory. */
void *ca_new(size_t size, struct credaudit_error *err);

/* A growable byte buffer; zero-initialised is empty. */
struct buf {
	char *data;
	size_t len;
	size_t cap;
};

int buf_grow(struct buf *b, size_t extra);
int buf_add(struct buf *b, const void *p, size_t n);
int buf_addc(struct buf *b, char c);
int buf_adds(struct buf *b, const char *s);
int buf_printf(struct buf *b, const char *fmt, ...) PRINTF_LIKE(2, 3);
void buf_free(struct buf *b);

/*
 * An arena of NUL-terminated strings freed all at once.  Strings never move,
 * so returned pointers stay valid until arena_free.
 */
struct arena {
	struct arena_block *head;
};

/* Whether s[0..n) is an account id as ARNs carry it: 1 to 64 letters,
 * digits, '.', '_' or '-' (AWS writes 12 digits; sanitised reports carry
 * ids such as "test").  1 or 0. */
int account_valid(const char *s, size_t n);

char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
void arena_free(struct arena *a);

#endif
