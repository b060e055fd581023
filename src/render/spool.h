/*
 * spool.h - output kept until the end of a run, deflated as it grows: the
 * HTML page writes its summary before the per-input sections, JUnit its
 * totals on the root element before the test suites, SARIF its artifacts
 * (one per input) after the results.  A report's text
 * repeats its long ARNs, which compress well, so peak memory stays under
 * the bound of README's "What is read".
 */
#ifndef CREDAUDIT_SPOOL_H
#define CREDAUDIT_SPOOL_H

#include <zlib.h>

#include "base/util.h"
#include "render/render.h"

struct spool {
	struct buf body;   /* bytes not yet deflated: append to it freely */
	struct buf zbody;  /* the bytes before, deflated */
	z_stream z;        /* deflating into zbody */
	int zinit;         /* z is initialised */
	int nomem;         /* spool_write_fn ran out of memory */
};

/* Initialise s (zeroed by the caller); 0 or -1 (out of memory). */
int spool_init(struct spool *s);

/* Deflate body into zbody once it holds 64 KiB or more; 0 or -1 (memory). */
int spool_spill(struct spool *s);

/* A credaudit_write_fn appending to the spool ctx (sets nomem on failure). */
int spool_write_fn(void *ctx, const void *p, size_t n);

/*
 * Hand everything spooled to fn, in order, in pieces of any size; the
 * spool is finished (write no more to it).  0; 1 when fn returned -1
 * (which stops it); -1 when memory ran out.
 */
int spool_each(struct spool *s, int (*fn)(void *ctx, const char *p, size_t n), void *ctx);

/* Write everything spooled to r, in order; remembers failure in r. */
void spool_emit(struct credaudit_render *r, struct spool *s);

/* Release s (nothing when s was never initialised). */
void spool_free(struct spool *s);

#endif
