/* bytes.h - eight bytes read as one word, whatever the machine's order. */
#ifndef CREDAUDIT_BYTES_H
#define CREDAUDIT_BYTES_H

#include <stdint.h>
#include <string.h>

/* w with its bytes in the other order. */
static inline uint64_t
swap64(uint64_t w)
{
#if defined(__GNUC__)
	return __builtin_bswap64(w);
#else
	return w >> 56 | (w >> 40 & 0xff00) | (w >> 24 & 0xff0000) |
	       (w >> 8 & 0xff000000) | (w & 0xff000000) << 8 |
	       (w & 0xff0000) << 24 | (w & 0xff00) << 40 | w << 56;
#endif
}

/*
 * The 8 bytes at p as a number, p[0] its lowest byte: one load (and a
 * swap on a big-endian machine) that the compiler inlines into hot loops
 * (bytes shifted together became a load only after the compiler had
 * decided not to inline them: a call per word).
 */
static inline uint64_t
load_le64(const void *p)
{
	const unsigned char *u = p;
#if defined(__BYTE_ORDER__) && \
    (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ || __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__)
	uint64_t w;

	memcpy(&w, u, sizeof(w));
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	w = swap64(w);
#endif
	return w;
#else   /* a compiler that does not say: the bytes by their place */
	return (uint64_t)u[0] | (uint64_t)u[1] << 8 | (uint64_t)u[2] << 16 |
	       (uint64_t)u[3] << 24 | (uint64_t)u[4] << 32 | (uint64_t)u[5] << 40 |
	       (uint64_t)u[6] << 48 | (uint64_t)u[7] << 56;
#endif
}

/* The 8 bytes at p as a number, p[0] its highest byte: words compare as
 * the bytes do. */
static inline uint64_t
load_be64(const void *p)
{
	return swap64(load_le64(p));
}

#endif
