/*
 * history_render.c - credaudit_history_render: the table of history
 * formats, and the render core set up over the caller's write function.
 */
#include <string.h>

#include "render/history_render.h"

static const struct history_format {
	const char *name;
	int (*render)(struct credaudit_render *r, const struct credaudit_history *h);
} formats[] = {
	{ "text", history_text },
	{ "json", history_json },
	{ "html", history_html },
};

#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

size_t
credaudit_history_format_count(void)
{
	return NFORMATS;
}

const char *
credaudit_history_format_name(size_t i)
{
	return i < NFORMATS ? formats[i].name : NULL;
}

const char *
history_when(int64_t t, char buf[32])
{
	credaudit_time_format(t, buf, 32);
	return buf;
}

const struct credaudit_root_key *
history_event_key(const struct history_event *e)
{
	return e->kind == HISTORY_DELETED ? e->old : e->key;
}

int
credaudit_history_render(struct credaudit_history *h, const char *format,
                         credaudit_write_fn write, void *ctx,
                         struct credaudit_error *err)
{
	struct credaudit_render r;
	size_t i;

	for (i = 0; i < NFORMATS; i++)
		if (strcmp(formats[i].name, format) == 0)
			break;
	if (i == NFORMATS)
		return seterr(err, CREDAUDIT_ERR_USAGE, NULL, 0, 0,
		              "unknown history format '%.64s' (text, json or html)", format);
	if (history_build(h, err) == -1)
		return -1;
	memset(&r, 0, sizeof(r));
	r.write = write;
	r.ctx = ctx;
	formats[i].render(&r, h);
	buf_free(&r.scratch);
	if (r.failed == RENDER_NOMEM)
		return seterr_nomem(err, NULL);
	if (r.failed)
		return seterr(err, CREDAUDIT_ERR_INTERNAL, NULL, 0, 0, "cannot write the output");
	return 0;
}
