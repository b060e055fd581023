/* fmt.c - escaping and small helpers for the renderers (see fmt.h). */
#include <stdio.h>
#include <string.h>

#include "base/util.h"
#include "base/escape.h"
#include "render/fmt.h"

/* Characters that must not reach a reader as is: they reorder or hide text. */
static int
hidden(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9F) || cp == 0xAD || cp == 0x061C ||
	       (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E) ||
	       (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF ||
	       (cp >= 0xFFF9 && cp <= 0xFFFB) || (cp & 0xFFFE) == 0xFFFE ||
	       (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp >= 0xE0000 && cp <= 0xE007F);
}

/* One character that must not reach an HTML reader as is, shown as a
 * marked code: <span class="ctl">\x1B</span> for a byte (byte set),
 * <span class="ctl">U+202E</span> for a character. */
static int
html_mark(struct buf *out, unsigned v, int byte)
{
	return buf_printf(out, byte ? "<span class=\"ctl\">\\x%02X</span>" :
	                  "<span class=\"ctl\">U+%04X</span>", v);
}

/* esc_markup and esc_html: html selects marked codes over replacement. */
static int
markup(struct buf *out, const char *str, int html)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = strlen(str), i = 0;

	while (i < n) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		int rc;

		if (len == 0)
			rc = html ? html_mark(out, s[i], 1) : buf_adds(out, "&#xFFFD;");
		else if (cp == '&')
			rc = buf_adds(out, "&amp;");
		else if (cp == '<')
			rc = buf_adds(out, "&lt;");
		else if (cp == '>')
			rc = buf_adds(out, "&gt;");
		else if (cp == '"')
			rc = buf_adds(out, "&quot;");
		else if (cp == '\'')
			rc = buf_adds(out, "&#39;");
		else if (cp >= 0x20 && cp < 0x7F)
			rc = buf_addc(out, (char)cp);
		else if (html && (cp < 0x20 || cp == 0x7F || (cp < 0x100 && hidden(cp))))
			rc = html_mark(out, (unsigned)cp, 1);
		else if (html && hidden(cp))
			rc = html_mark(out, (unsigned)cp, 0);
		else if (cp < 0x20)
			rc = buf_printf(out, "&#x%X;", 0x2400 + cp);
		else if (cp == 0x7F)
			rc = buf_adds(out, "&#x2421;");
		else
			rc = buf_printf(out, "&#x%X;", hidden(cp) ? 0xFFFDu : (unsigned)cp);
		if (rc == -1)
			return -1;
		i += len ? len : 1;
	}
	return 0;
}

int
esc_markup(struct buf *out, const char *s)
{
	return markup(out, s, 0);
}

int
esc_html(struct buf *out, const char *s)
{
	return markup(out, s, 1);
}

/* Append code point cp as UTF-8 (cp < 0x10000). */
static int
add_utf8(struct buf *out, uint32_t cp)
{
	char u[3];

	if (cp < 0x80)
		return buf_addc(out, (char)cp);
	if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		return buf_add(out, u, 2);
	}
	u[0] = (char)(0xE0 | (cp >> 12));
	u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
	u[2] = (char)(0x80 | (cp & 0x3F));
	return buf_add(out, u, 3);
}

/*
 * Whether s[i] could start a formula in some spreadsheet's view of the
 * cell: it is = + - @ tab or CR, and what precedes it (spaces aside) is the
 * start of the cell, a separator a reader may split on (, ; tab), a quote a
 * reader may take as opening a quoted cell, or a line end.
 */
static int
formula_start(const unsigned char *s, size_t i)
{
	if (s[i] == '\0' || strchr("=+-@\t\r", s[i]) == NULL)
		return 0;
	while (i > 0 && s[i - 1] == ' ')
		i--;
	return i == 0 || strchr(",;\t\"\r\n", s[i - 1]) != NULL;
}

int
esc_csv(struct buf *out, const char *str, int neutralise)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = strlen(str), i = 0;
	int quote = n > 0 && (s[0] == ' ' || s[n - 1] == ' ');
	int rc = 0;

	for (i = 0; i < n && !quote; i++)
		quote = strchr(",\"\r\n", s[i]) != NULL;
	if (quote)
		rc |= buf_addc(out, '"');
	for (i = 0; i < n && rc == 0;) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);

		if (neutralise && formula_start(s, i))
			rc = buf_addc(out, '\'');
		if (rc != 0)
			break;
		if (len == 0)
			rc = add_utf8(out, 0xFFFD);
		else if (cp == '"')
			rc = buf_add(out, "\"\"", 2);
		else if ((cp < 0x20 && cp != '\t' && cp != '\r' && cp != '\n'))
			rc = add_utf8(out, 0x2400 + cp);
		else if (cp == 0x7F)
			rc = add_utf8(out, 0x2421);
		else if (hidden(cp))
			rc = add_utf8(out, 0xFFFD);
		else
			rc = buf_add(out, s + i, len);
		i += len ? len : 1;
	}
	if (quote && rc == 0)
		rc = buf_addc(out, '"');
	return rc ? -1 : 0;
}

/* Percent-encode p[0..n) keeping unreserved characters and '/'. */
static int
uri_encode(struct buf *out, const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		int rc;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~/", c) != NULL)
			rc = buf_addc(out, (char)c);
		else
			rc = buf_printf(out, "%%%02X", c);
		if (rc == -1)
			return -1;
	}
	return 0;
}

int
path_uri(struct buf *out, const char *path, const char *cwd)
{
	size_t cn = cwd ? strlen(cwd) : 0;

	if (path[0] != '/') {
		while (path[0] == '.' && path[1] == '/')
			path += 2;
		/* "a:b" would read as a scheme: make it "./a:b". */
		if (strchr(path, ':') != NULL &&
		    (strchr(path, '/') == NULL || strchr(path, ':') < strchr(path, '/')))
			if (buf_adds(out, "./") == -1)
				return -1;
		return uri_encode(out, path, strlen(path));
	}
	if (cn > 1 && strncmp(path, cwd, cn) == 0 && path[cn] == '/' &&
	    path[cn + 1] != '\0')
		return path_uri(out, path + cn + 1, NULL);
	if (buf_adds(out, "file://") == -1)
		return -1;
	return uri_encode(out, path, strlen(path));
}

void
fingerprint(const char *s, char out[17])
{
	uint64_t h = 14695981039346656037u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

json_t *
jtext(struct credaudit_render *r, const char *s)
{
	r->scratch.len = 0;
	if (s == NULL)
		return json_null();
	if (esc_utf8(&r->scratch, s) == -1)
		return NULL;
	return json_stringn(r->scratch.data, r->scratch.len);
}

/*
 * Write n bytes of dumped JSON with DEL as \u007f: JSON_ENSURE_ASCII lets
 * it through raw, and jansson writes it only inside strings, so the value
 * is unchanged and no control byte reaches a terminal (as render_json.c).
 */
static void
write_json(struct credaudit_render *r, const char *p, size_t n)
{
	const char *del;

	while ((del = memchr(p, 0x7F, n)) != NULL) {
		render_write(r, p, (size_t)(del - p));
		render_write(r, "\\u007f", 6);
		n -= (size_t)(del - p) + 1;
		p = del + 1;
	}
	render_write(r, p, n);
}

int
jemit(struct credaudit_render *r, json_t *v, size_t flags, size_t indent)
{
	static const char spaces[] = "                ";
	char *text;
	const char *p, *nl;

	if (v == NULL)
		return r->failed = 1, -1;
	text = json_dumps(v, flags);
	json_decref(v);
	if (text == NULL)
		return r->failed = 1, -1;
	if (indent >= sizeof(spaces))
		indent = sizeof(spaces) - 1;
	for (p = text; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		write_json(r, p, (size_t)(nl - p) + 1);
		render_write(r, spaces, indent);
	}
	write_json(r, p, strlen(p));
	ca_free(text);
	return r->failed ? -1 : 0;
}

enum credaudit_asof_source
as_of_text(const struct credaudit_report *rep, char when[32], int64_t *t)
{
	enum credaudit_asof_source src = credaudit_report_as_of(rep, t);

	when[0] = '\0';
	if (src != CREDAUDIT_ASOF_NONE)
		credaudit_time_format(*t, when, 32);
	return src;
}

const char *
as_of_words(enum credaudit_asof_source src)
{
	switch (src) {
	case CREDAUDIT_ASOF_OPTION: return "given with --as-of";
	case CREDAUDIT_ASOF_CLOCK: return "the clock, --as-of now";
	case CREDAUDIT_ASOF_GENERATED: return "the report's GeneratedTime";
	case CREDAUDIT_ASOF_REPORT_LATEST:
		return "latest timestamp in the report, a lower bound of when it "
		       "was generated";
	default: return "unknown: no timestamp in the report and no --as-of";
	}
}

int
rule_help(struct buf *out, const struct credaudit_rule_info *ri)
{
	size_t i;
	int rc = buf_printf(out, "%s.", ri->title);

	if (ri->risk != NULL)
		rc |= buf_printf(out, "\n\n%s", ri->risk);
	for (i = 0; i < ri->nremediation; i++)
		rc |= buf_printf(out, "%s%zu. %s", i ? "\n" : "\n\nRemediation:\n", i + 1,
		                 ri->remediation[i]);
	if (ri->verification != NULL)
		rc |= buf_printf(out, "\n\nVerification: %s", ri->verification);
	if (ri->limits != NULL)
		rc |= buf_printf(out, "\n\nLimits: %s", ri->limits);
	for (i = 0; i < ri->nrefs; i++)
		rc |= buf_printf(out, "%s%s %s", i ? "; " : "\n\nReferences: ",
		                 ri->refs[i].framework, ri->refs[i].id);
	return rc ? -1 : buf_addc(out, '\0') == -1 ? -1 : (out->len--, 0);
}

void
error_position(const struct credaudit_error *e, char *buf, size_t size)
{
	if (e->line == 0)
		snprintf(buf, size, "the input as a whole");
	else if (e->column == 0)
		snprintf(buf, size, "line %lu%s%s", e->line, e->where[0] ? " of the " : "",
		         e->where);
	else
		snprintf(buf, size, "line %lu, field %lu%s%s", e->line, e->column,
		         e->where[0] ? " of the " : "", e->where);
}
