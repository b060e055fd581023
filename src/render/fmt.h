/*
 * fmt.h - what a renderer needs from the render core besides the write
 * path: the one escaping module, the one JSON emitter, the shared wording,
 * and the HTML pages' policy and style sheet.
 */
#ifndef CREDAUDIT_FMT_H
#define CREDAUDIT_FMT_H

#include "base/escape.h"
#include "render/json.h"
#include "render/render.h"
#include "render/words.h"

/* The HTML pages' Content-Security-Policy (nothing external, no script)
 * and style sheet, shared by the audit's and history's HTML. */
#define HTML_CSP "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; " \
	"base-uri 'none'; form-action 'none'"
extern const char html_style[];

/* The head of an HTML page, through "<header><h1>h1</h1></header>": the
 * CSP, title, html_style then style (fixed text, not escaped). */
void html_head(struct credaudit_render *r, const char *title, const char *style,
               const char *h1);

#endif
