/*
 * history_render.h - the history renderers (history_text.c, history_json.c,
 * history_html.c), rows of the table in history_render.c.  Each formats
 * the derived history (history/history.h, built before it is called)
 * through the render core and returns 0, or -1 with r->failed set.
 */
#ifndef CREDAUDIT_HISTORY_RENDER_H
#define CREDAUDIT_HISTORY_RENDER_H

#include <stdint.h>

#include "history/history.h"
#include "render/render.h"

int history_text(struct credaudit_render *r, const struct credaudit_history *h);
int history_json(struct credaudit_render *r, const struct credaudit_history *h);
int history_html(struct credaudit_render *r, const struct credaudit_history *h);

/* t as "YYYY-MM-DDThh:mm:ssZ" in buf; returns buf. */
const char *history_when(int64_t t, char buf[32]);

/* The key of an event as shown: the one deleted, else the new one. */
const struct credaudit_root_key *history_event_key(const struct history_event *e);

/* Root rule table row i: id, severity name, and the moments of account a
 * at which it failed (or was waived). */
const char *history_rule_id(unsigned i);
const char *history_rule_severity(unsigned i);
size_t history_rule_failing(const struct history_account *a, unsigned i);

#endif
