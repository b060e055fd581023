/*
 * read.h - read an input into a container, within the size caps, and keep
 * the evidence of what was read.
 */
#ifndef CREDAUDIT_READ_H
#define CREDAUDIT_READ_H

#include <stddef.h>
#include <stdint.h>

#include "credaudit.h"
#include "base/util.h"
#include "input/container.h"

/* Default cap on the bytes of one input: 256 MiB. */
#define READ_DEFAULT_MAX_INPUT ((uint64_t)256 << 20)

struct read_caps {
	uint64_t max_input;         /* bytes of the input */
	uint64_t max_decompressed;  /* bytes drained after an error */
};

/*
 * Push the input, from fd (buf == NULL) or buf[0..len), through c.  After
 * an input error the rest is still read and hashed, up to the
 * decompression cap, so the evidence covers the whole file; *complete says
 * whether its end was reached.  0, or -1 with err filled (name).
 */
int read_input(struct container *c, int fd, const void *buf, size_t len,
               const struct read_caps *caps, const char *name, int *complete,
               struct credaudit_error *err);

/* The evidence of what c read: size, SHA-256, layers, GeneratedTime.  The
 * layer text is copied into strings.  0, or -1 when memory ran out. */
int read_evidence(const struct container *c, int complete,
                  struct credaudit_input *in, struct arena *strings);

#endif
