/* render.c - the render core: the renderer table, the write path shared by
 * renderers and the run's summary they read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/redact.h"
#include "render/render.h"

static const struct render_ops *const formats[] = {
	&render_text_ops,
	&render_json_ops,
	&render_sarif_ops,
	&render_junit_ops,
	&render_csv_ops,
	&render_ocsf_ops,
	&render_html_ops,
	&render_asff_ops,
};

#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

size_t
credaudit_format_count(void)
{
	return NFORMATS;
}

const char *
credaudit_format_name(size_t i)
{
	return i < NFORMATS ? formats[i]->name : NULL;
}

const char *
credaudit_format_description(size_t i)
{
	return i < NFORMATS ? formats[i]->description : NULL;
}

/* Hand p[0..n) to the write callback; remembers a failure. */
static int
sink(struct credaudit_render *r, const void *p, size_t n)
{
	if (n > 0 && r->write(r->ctx, p, n) == -1)
		r->failed = RENDER_WRITE;
	return r->failed ? -1 : 0;
}

int
render_flush(struct credaudit_render *r)
{
	size_t n = r->outlen;

	if (r->failed)
		return -1;
	r->outlen = 0;
	return sink(r, r->out, n);
}

/*
 * Bytes go to the output buffer; when they do not fit, the buffer is
 * flushed first, and a piece of half the buffer or more is written
 * through as it is (no copy).
 */
int
render_write(struct credaudit_render *r, const void *p, size_t n)
{
	if (r->failed)
		return -1;
	if (r->out != NULL && n <= RENDER_OUTBUF - r->outlen) {
		memcpy(r->out + r->outlen, p, n);
		r->outlen += n;
		return 0;
	}
	if (r->out == NULL)
		return sink(r, p, n);
	if (render_flush(r) == -1)
		return -1;
	if (n >= RENDER_OUTBUF / 2)
		return sink(r, p, n);
	memcpy(r->out, p, n);
	r->outlen = n;
	return 0;
}

int
render_nomem(struct credaudit_render *r)
{
	if (!r->failed)
		r->failed = RENDER_NOMEM;
	return -1;
}

int
render_puts(struct credaudit_render *r, const char *s)
{
	return render_write(r, s, strlen(s));
}

int
render_putu(struct credaudit_render *r, unsigned long long v)
{
	char d[24], *p = d + sizeof(d);

	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	return render_write(r, p, (size_t)(d + sizeof(d) - p));
}

/* Formatted straight into the output buffer when it has room, else
 * through a local (or, past 512 bytes, an allocated) string. */
int
render_printf(struct credaudit_render *r, const char *fmt, ...)
{
	char small[512], *p = small;
	va_list ap;
	int n, rc;

	if (r->failed)
		return -1;
	if (r->out != NULL && RENDER_OUTBUF - r->outlen >= sizeof(small)) {
		size_t room = RENDER_OUTBUF - r->outlen;

		va_start(ap, fmt);
		n = vsnprintf(r->out + r->outlen, room, fmt, ap);
		va_end(ap);
		if (n >= 0 && (size_t)n < room) {
			r->outlen += (size_t)n;
			return 0;
		}
	}
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return r->failed = RENDER_WRITE, -1;
	if ((size_t)n >= sizeof(small)) {
		if ((p = ca_malloc((size_t)n + 1)) == NULL)
			return render_nomem(r);
		va_start(ap, fmt);
		vsnprintf(p, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	rc = render_write(r, p, (size_t)n);
	if (p != small)
		ca_free(p);
	return rc;
}

/* Append the redacted form of s and a NUL to b; its offset into *off. */
static int
shown_add(struct credaudit_render *r, const char *s, const char *user,
          int is_arn, size_t *off)
{
	struct buf *b = &r->shown_text;

	*off = b->len;
	if (s == NULL)
		return 0;
	if ((is_arn ? redact_user_arn(r->redact, b, s, user)
	            : user == s ? redact_name(r->redact, b, s, strlen(s))
	                        : redact_text(r->redact, b, s, user)) == -1)
		return -1;
	return buf_addc(b, '\0');
}

const struct credaudit_finding *
render_finding(struct credaudit_render *r, const struct credaudit_report *rep,
               size_t i)
{
	const struct credaudit_finding *f = credaudit_report_finding(rep, i);
	struct credaudit_finding *c = &r->shown;
	size_t off[4 + CREDAUDIT_MAX_EVIDENCE], k;
	int bad;

	if (f == NULL || r->redact == NULL)
		return f;
	*c = *f;
	r->shown_text.len = 0;
	/* The message and the evidence quote cells of the report, never the
	 * user's name: only ARNs in them are redacted, so that a user named
	 * "true" leaves "access_key_1_active=true" as the report has it.  A
	 * waiver's justification is people's text: the name is redacted there
	 * too. */
	bad = shown_add(r, f->user, f->user, 0, &off[0]) |
	      shown_add(r, f->arn, f->user, 1, &off[1]) |
	      shown_add(r, f->message, NULL, 0, &off[2]);
	bad |= shown_add(r, f->waiver.justification, f->user, 0, &off[3]);
	for (k = 0; k < f->nevidence; k++)
		bad |= shown_add(r, f->evidence[k].value, NULL, 0, &off[4 + k]);
	if (bad) {
		render_nomem(r);
		return NULL;
	}
	c->user = f->user ? r->shown_text.data + off[0] : NULL;
	c->arn = f->arn ? r->shown_text.data + off[1] : NULL;
	c->message = f->message ? r->shown_text.data + off[2] : NULL;
	c->waiver.justification = f->waiver.justification ? r->shown_text.data + off[3] : NULL;
	for (k = 0; k < f->nevidence; k++)
		c->evidence[k].value = r->shown_text.data + off[4 + k];
	return c;
}

/* A renderer stopped: the write callback failed, or (anything else) memory
 * ran out. */
static int
render_failed(struct credaudit_render *r, struct credaudit_error *err)
{
	if (r->failed != RENDER_WRITE)
		return seterr_nomem(err, NULL);
	return seterr(err, CREDAUDIT_ERR_INTERNAL, NULL, 0, 0,
	              "cannot write the %s output", r->ops->name);
}

struct credaudit_render *
credaudit_render_new(const char *format, const struct credaudit_audit *audit,
                     const struct credaudit_render_opts *opts,
                     credaudit_write_fn write, void *ctx,
                     struct credaudit_error *err)
{
	struct credaudit_render *r;
	size_t i;

	for (i = 0; i < NFORMATS; i++)
		if (strcmp(formats[i]->name, format) == 0)
			break;
	if (i == NFORMATS) {
		seterr(err, CREDAUDIT_ERR_USAGE, NULL, 0, 0,
		       "unknown format '%.64s' (see --list-formats)", format);
		return NULL;
	}
	if ((r = ca_new(sizeof(*r), err)) == NULL)
		return NULL;
	r->ops = formats[i];
	r->audit = audit;
	if (opts != NULL)
		r->opts = *opts;
	r->write = write;
	r->ctx = ctx;
	r->fail_on = credaudit_audit_fail_on(audit);
	if ((r->sum = credaudit_summary_new(audit, err)) == NULL) {
		ca_free(r);
		return NULL;
	}
	if ((r->out = ca_malloc(RENDER_OUTBUF)) == NULL ||
	    (r->opts.redact && (r->redact = redact_new()) == NULL)) {
		seterr_nomem(err, NULL);
		credaudit_render_free(r);
		return NULL;
	}
	if (r->ops->begin(r) == -1 || render_flush(r) == -1) {
		render_failed(r, err);
		credaudit_render_free(r);
		return NULL;
	}
	return r;
}

int
credaudit_render_report(struct credaudit_render *r,
                        const struct credaudit_report *rep,
                        struct credaudit_error *err)
{
	if (credaudit_summary_add(r->sum, rep, err) == -1)
		return -1;
	if (r->ops->report(r, rep) == -1 || render_flush(r) == -1)
		return render_failed(r, err);
	return 0;
}

int
credaudit_render_finish(struct credaudit_render *r, struct credaudit_error *err)
{
	if ((r->ops->finish != NULL && r->ops->finish(r) == -1) || render_flush(r) == -1)
		return render_failed(r, err);
	return 0;
}

void
credaudit_render_skipped(struct credaudit_render *r, size_t hidden, size_t other)
{
	credaudit_summary_skipped(r->sum, hidden, other);
}

int
credaudit_render_skip(struct credaudit_render *r, const struct credaudit_skipped *k,
                      struct credaudit_error *err)
{
	return credaudit_summary_skip(r->sum, k, err);
}

const struct credaudit_summary *
credaudit_render_summary(const struct credaudit_render *r)
{
	return r->sum;
}

void
credaudit_render_free(struct credaudit_render *r)
{
	if (r == NULL)
		return;
	if (r->ops->cleanup != NULL && r->priv != NULL)
		r->ops->cleanup(r->priv);
	r->priv = NULL;
	redact_free(r->redact);
	buf_free(&r->shown_text);
	buf_free(&r->scratch);
	ca_free(r->out);
	credaudit_summary_free(r->sum);
	ca_free(r);
}
