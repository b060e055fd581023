/*
 * json.h - the one JSON emitter of the render core, used by the json,
 * sarif and ocsf renderers and open to history: values are built with
 * jansson and dumped through the renderer's write path, with a dump that
 * tells a write failure from out of memory.  Also the JSON of the parts of
 * the model more than one format states (report text, the audit's options,
 * the per-account summary).
 */
#ifndef CREDAUDIT_RENDER_JSON_H
#define CREDAUDIT_RENDER_JSON_H

#include <jansson.h>
#include <stddef.h>

#include "render/render.h"

/*
 * Dump v (consumed; NULL means building it ran out of memory) with the
 * given jansson flags (JSON_ENSURE_ASCII is always added), indenting every
 * line after the first by indent spaces (at most 16).  DEL is written
 * \u007f, so the output holds no control byte.  0, or -1 with r->failed
 * RENDER_WRITE when the write callback failed, else RENDER_NOMEM.
 */
int render_json_dump(struct credaudit_render *r, json_t *v, size_t flags, size_t indent);

/*
 * Write buf[0..len), JSON text as jansson dumps it, the way
 * render_json_dump writes a dump: indent spaces after every newline, DEL
 * as \u007f.  For text dumped once and written many times.  0 or -1.
 */
int render_json_put(struct credaudit_render *r, const char *buf, size_t len,
                    size_t indent);

/* s as a JSON string, byte for byte as jansson dumps it with
 * JSON_ENSURE_ASCII (NULL: null), without building a value when s is
 * printable ASCII.  0 or -1. */
int render_json_str(struct credaudit_render *r, const char *s);

/*
 * Whether two evidence items of f share a name.  jansson's object would
 * keep one of them: the renderers that write a finding's evidence as an
 * object without building it send such a finding (rare) through jansson,
 * so that the output stays what jansson's dump would be.
 */
int render_json_evidence_dup(const struct credaudit_finding *f);

/* A JSON string of report text (invalid UTF-8 bytes as U+FFFD); s NULL:
 * null; NULL when memory ran out. */
json_t *jtext(struct credaudit_render *r, const char *s);

/* The audit's options as a JSON object ({"rules", "benchmark", "params",
 * "fail_on", "waivers"}, docs/json.md); NULL when memory ran out.
 * r->audit must not be NULL. */
json_t *render_options_json(struct credaudit_render *r);

/* The per-account summary as a JSON array (docs/json.md); NULL when
 * memory ran out. */
json_t *render_accounts_json(struct credaudit_render *r);

#endif
