/*
 * escape.h - make report-derived text safe for an output syntax.  A report
 * is hostile input: its bytes must never reach a terminal or a document
 * unescaped.
 */
#ifndef CREDAUDIT_ESCAPE_H
#define CREDAUDIT_ESCAPE_H

#include <stddef.h>
#include <stdint.h>

#include "base/util.h"

/*
 * Decode one strict UTF-8 sequence at s[0..n): returns its length and sets
 * *cp, or returns 0 for an invalid, overlong, surrogate or truncated one.
 */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/*
 * Terminal-safe, unambiguous text: printable ASCII as is, backslash as
 * "\\", other ASCII and invalid bytes as "\xHH", every non-ASCII character
 * as "\u{HHHH}" (so no escape sequence, bidi or zero-width character can
 * change what the reader sees).  0 or -1 (memory).
 */
int esc_text(struct buf *out, const char *s);

/* Valid UTF-8 for JSON: each invalid byte becomes U+FFFD.  0 or -1. */
int esc_utf8(struct buf *out, const char *s);

/*
 * At most 40 bytes of s[0..n) for an error message: printable ASCII as
 * is, backslash and other bytes as "\xHH", "..." when cut; out NUL-terminated
 * (size of 200 is ample).
 */
void esc_short(const char *s, size_t n, char *out, size_t size);

#endif
