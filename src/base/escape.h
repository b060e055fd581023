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

/*
 * Text for XML and HTML, in pure ASCII: & < > " ' as entities, every
 * non-ASCII character as a numeric reference, C0 controls and DEL as their
 * visible Control Pictures (U+2400 + c, U+2421), and what must not reach a
 * reader as is (invalid UTF-8, C1 controls, bidi and invisible formatting
 * characters, noncharacters) as U+FFFD.  Appends; 0 or -1 (memory).
 */
int esc_markup(struct buf *out, const char *s);

/*
 * The same for HTML text content (never attributes): what esc_markup
 * replaces is shown instead as a marked code the reader can see and the
 * page styles as a box: <span class="ctl">\x1B</span> for a control or
 * an invalid byte, <span class="ctl">U+202E</span> for a bidi or invisible
 * character.  Appends; 0 or -1.
 */
int esc_html(struct buf *out, const char *s);

/*
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote, CR or LF or
 * starts or ends with a space; quotes doubled.  Invalid UTF-8 becomes
 * U+FFFD, C0 controls other than tab, CR and LF their Control Pictures,
 * and characters that reorder or hide text (as for esc_markup) U+FFFD.
 * When neutralise is set, = + - @ tab or CR gets a ' before it (OWASP CSV
 * injection) at the start of the cell and wherever another reader may see
 * a cell start: after , ; tab, a quote or a line end (spaces between
 * count as nothing), so no separator a spreadsheet picks shows a formula.
 * Appends; 0 or -1.
 */
int esc_csv(struct buf *out, const char *s, int neutralise);

/*
 * A URI reference for an input path: relative to cwd (NULL: unknown) when
 * the file is below it, a file:// URI when absolute elsewhere; characters
 * outside RFC 3986 unreserved and '/' percent-encoded.  Appends; 0 or -1.
 */
int path_uri(struct buf *out, const char *path, const char *cwd);

#endif
