/*
 * fmt.h - helpers shared by the sarif, junit, csv, ocsf and html renderers:
 * escaping report text for markup and spreadsheets, file names as URIs,
 * JSON values through jansson, and the as-of moment in words.
 */
#ifndef CREDAUDIT_FMT_H
#define CREDAUDIT_FMT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "render/render.h"
#include "base/util.h"

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

/* A stable identifier for s (not a secure hash): FNV-1a 64, 16 hex digits. */
void fingerprint(const char *s, char out[17]);

/* A JSON string of report text (invalid UTF-8 as U+FFFD); s NULL: null. */
json_t *jtext(struct credaudit_render *r, const char *s);

/*
 * Dump v (consumed; NULL counts as failure) with the given jansson flags,
 * indenting every line after the first by indent spaces.  0 or -1.
 */
int jemit(struct credaudit_render *r, json_t *v, size_t flags, size_t indent);

/* The as-of moment of rep: fills when[32] ("" when unknown), returns its
 * source. */
enum credaudit_asof_source as_of_text(const struct credaudit_report *rep,
                                      char when[32], int64_t *t);

/* Where the as-of time came from, in words. */
const char *as_of_words(enum credaudit_asof_source src);

/*
 * A rule's help as plain text into out: risk, numbered remediation steps,
 * verification, limits and references, paragraphs separated by a blank
 * line.  Appends; 0 or -1.
 */
int rule_help(struct buf *out, const struct credaudit_rule_info *ri);

/* Where an input error is, in words, into buf: "line 3, field 2", plus
 * " of the decompressed CSV" when the position counts inside a container
 * (e->where); "line 3" when no field applies, "the input as a whole" when
 * no line does. */
void error_position(const struct credaudit_error *e, char *buf, size_t size);

/* The HTML pages' Content-Security-Policy (nothing external, no script)
 * and style sheet, shared by the audit's and history's HTML. */
#define HTML_CSP "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; " \
	"base-uri 'none'; form-action 'none'"
extern const char html_style[];

/* The head of an HTML page, through "<header><h1>h1</h1></header>": the
 * CSP, title, html_style then style (fixed text, not escaped). */
void html_head(struct credaudit_render *r, const char *title, const char *style,
               const char *h1);

/* Whether an applied waiver covers f (an expired one does not). */
#define WAIVED(f) ((f)->waiver.state == CREDAUDIT_WAIVER_APPLIED)

#endif
