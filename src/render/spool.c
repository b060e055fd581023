/*
 * spool.c - output kept until the end of a run, deflated (spool.h).
 */
#include <string.h>

#include "render/spool.h"

#define SPILL 65536   /* body bytes deflated at a time */

int
spool_init(struct spool *s)
{
	s->z.zalloc = ca_zalloc;
	s->z.zfree = ca_zfree;
	if (deflateInit(&s->z, Z_BEST_SPEED) != Z_OK)
		return -1;
	s->zinit = 1;
	return 0;
}

/* Deflate body into zbody and empty it; with Z_FINISH, end the stream. */
static int
deflate_body(struct spool *s, int flush)
{
	z_stream *z = &s->z;
	int rc;

	z->next_in = (Bytef *)s->body.data;
	z->avail_in = (uInt)s->body.len;   /* at most SPILL plus one write */
	do {
		if (buf_grow(&s->zbody, SPILL) == -1)
			return -1;
		z->next_out = (Bytef *)s->zbody.data + s->zbody.len;
		z->avail_out = SPILL;
		rc = deflate(z, flush);
		s->zbody.len += SPILL - z->avail_out;
		if (rc == Z_STREAM_ERROR)
			return -1;
	} while (z->avail_in > 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
	s->body.len = 0;
	return 0;
}

int
spool_spill(struct spool *s)
{
	if (!s->zinit)
		return -1;
	return s->body.len < SPILL ? 0 : deflate_body(s, Z_NO_FLUSH);
}

int
spool_write_fn(void *ctx, const void *p, size_t n)
{
	struct spool *s = ctx;

	if (buf_add(&s->body, p, n) == -1 || spool_spill(s) == -1) {
		s->nomem = 1;
		return -1;
	}
	return 0;
}

int
spool_each(struct spool *s, int (*fn)(void *ctx, const char *p, size_t n), void *ctx)
{
	z_stream in;
	unsigned char out[SPILL];
	int rc = Z_OK, stop = 0;

	if (!s->zinit || deflate_body(s, Z_FINISH) == -1)
		return -1;
	memset(&in, 0, sizeof(in));
	in.zalloc = ca_zalloc;
	in.zfree = ca_zfree;
	if (inflateInit(&in) != Z_OK)
		return -1;
	in.next_in = (Bytef *)s->zbody.data;
	in.avail_in = (uInt)s->zbody.len;
	while (rc == Z_OK && !stop) {
		in.next_out = out;
		in.avail_out = sizeof(out);
		rc = inflate(&in, Z_NO_FLUSH);
		if (rc == Z_OK || rc == Z_STREAM_END)
			stop = fn(ctx, (const char *)out, sizeof(out) - in.avail_out) == -1;
	}
	inflateEnd(&in);
	if (stop)
		return 1;
	return rc == Z_STREAM_END ? 0 : -1;
}

/* spool_each's function for spool_emit. */
static int
to_render(void *ctx, const char *p, size_t n)
{
	return render_write(ctx, p, n);
}

void
spool_emit(struct credaudit_render *r, struct spool *s)
{
	if (!r->failed && spool_each(s, to_render, r) == -1)
		render_nomem(r);
}

void
spool_free(struct spool *s)
{
	buf_free(&s->body);
	buf_free(&s->zbody);
	if (s->zinit)
		deflateEnd(&s->z);
	s->zinit = 0;
}
