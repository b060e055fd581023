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

const char *
history_rule_id(unsigned i)
{
	const struct rule *ru = rules_get(i);

	return ru ? ru->info.id : "unknown";
}

const char *
history_rule_severity(unsigned i)
{
	const struct rule *ru = rules_get(i);

	return credaudit_severity_name(ru ? ru->info.severity : CREDAUDIT_SEV_INFO);
}

size_t
history_rule_failing(const struct history_account *a, unsigned i)
{
	size_t j, n = 0;

	for (j = 0; j < a->nrun; j++)
		if (a->run[j].rule == i && (a->run[j].status == CREDAUDIT_FAIL ||
		                            a->run[j].status == CREDAUDIT_WAIVED))
			n += a->run[j].seen;
	return n;
}

/* The caller's write function, and whether it failed: a failure of the
 * render that is not the sink's is memory running out. */
struct sink {
	credaudit_write_fn write;
	void *ctx;
	int failed;
};

static int
sink_write(void *ctx, const void *p, size_t n)
{
	struct sink *s = ctx;

	if (s->write(s->ctx, p, n) == -1)
		s->failed = 1;
	return s->failed ? -1 : 0;
}

int
credaudit_history_render(struct credaudit_history *h, const char *format,
                         credaudit_write_fn write, void *ctx,
                         struct credaudit_error *err)
{
	struct sink sink = { write, ctx, 0 };
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
	r.write = sink_write;
	r.ctx = &sink;
	formats[i].render(&r, h);
	buf_free(&r.scratch);
	if (r.failed && sink.failed)
		return seterr(err, CREDAUDIT_ERR_INTERNAL, NULL, 0, 0, "cannot write the output");
	if (r.failed)
		return seterr_nomem(err, NULL);
	return 0;
}
