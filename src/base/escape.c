/* escape.c - strict UTF-8 decoding and escaping of report text. */
#include <stdio.h>
#include <string.h>

#include "base/escape.h"

size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c, min;
	size_t len, i;

	if (n == 0)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xE0) == 0xC0) {
		len = 2; c &= 0x1F; min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		len = 3; c &= 0x0F; min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		len = 4; c &= 0x07; min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/* Which bytes an escaper copies as they are: printable ASCII but for
 * the bytes it names (text: backslash; markup: & < > " '; csv: the
 * quote and what may start a formula), or for utf8 any ASCII byte. */
enum plain { PLAIN_TEXT, PLAIN_UTF8, PLAIN_MARKUP, PLAIN_CSV };

static int
is_plain(unsigned char c, enum plain k)
{
	if (k == PLAIN_UTF8)
		return c < 0x80;
	if (c < 0x20 || c >= 0x7F)
		return 0;
	switch (k) {
	case PLAIN_TEXT: return c != '\\';
	case PLAIN_MARKUP: return c != '&' && c != '<' && c != '>' && c != '"' && c != '\'';
	default: return c != '"' && c != '=' && c != '+' && c != '-' && c != '@';
	}
}

/* How many bytes from s[0..n) on are plain. */
static size_t
plain_span(const unsigned char *s, size_t n, enum plain k)
{
	size_t i = 0;

	while (i < n && is_plain(s[i], k))
		i++;
	return i;
}

/*
 * Escape str into out: runs of plain bytes (kind k) are copied whole, every
 * other character goes through one(out, s, len, cp, arg), s pointing at it,
 * len its length in bytes and cp its code point, or len 0 for a byte that
 * starts no valid character (s[0]; cp unset).  -1 when one fails.
 */
typedef int each_fn(struct buf *out, const unsigned char *s, size_t len, uint32_t cp,
                    int arg);

static int
each_char(struct buf *out, const char *str, each_fn *one, int arg, enum plain k)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = strlen(str), i = 0;

	while (i < n) {
		uint32_t cp = 0;
		size_t len = plain_span(s + i, n - i, k);

		if (len > 0) {
			if (buf_add(out, s + i, len) == -1)
				return -1;
			if ((i += len) == n)
				break;
		}
		len = utf8_decode(s + i, n - i, &cp);
		if (one(out, s + i, len, cp, arg) == -1)
			return -1;
		i += len ? len : 1;
	}
	return 0;
}

/* A NUL after out's text, not counted in its length. */
static int
terminate(struct buf *out)
{
	return buf_addc(out, '\0') == -1 ? -1 : (out->len--, 0);
}

static int
text_char(struct buf *out, const unsigned char *s, size_t len, uint32_t cp, int arg)
{
	(void)arg;
	if (len == 1 && cp >= 0x20 && cp < 0x7F && cp != '\\')
		return buf_addc(out, (char)cp);
	if (len == 1 && cp == '\\')
		return buf_add(out, "\\\\", 2);
	if (len <= 1)
		return buf_printf(out, "\\x%02X", s[0]);
	return buf_printf(out, "\\u{%04X}", (unsigned)cp);
}

int
esc_text(struct buf *out, const char *str)
{
	return each_char(out, str, text_char, 0, PLAIN_TEXT) == -1 ? -1 : terminate(out);
}

static int
utf8_char(struct buf *out, const unsigned char *s, size_t len, uint32_t cp, int arg)
{
	(void)cp;
	(void)arg;
	return len == 0 ? buf_add(out, "\xEF\xBF\xBD", 3) : buf_add(out, s, len);
}

int
esc_utf8(struct buf *out, const char *str)
{
	return each_char(out, str, utf8_char, 0, PLAIN_UTF8) == -1 ? -1 : terminate(out);
}

/* Show at most 40 bytes of a bad value, escaped, in an error message. */
void
esc_short(const char *s, size_t n, char *out, size_t size)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, o = 0;

	for (i = 0; i < n && i < 40 && o + 5 < size; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch >= 0x20 && ch < 0x7f && ch != '\\' && ch != '"') {
			out[o++] = (char)ch;
		} else {
			out[o++] = '\\';
			out[o++] = 'x';
			out[o++] = hex[ch >> 4];
			out[o++] = hex[ch & 15];
		}
	}
	if (i < n && o + 4 < size) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o] = '\0';
}

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

/* One character for esc_markup and esc_html: html selects marked codes
 * over replacement. */
static int
markup_char(struct buf *out, const unsigned char *s, size_t len, uint32_t cp, int html)
{
	if (len == 0)
		return html ? html_mark(out, s[0], 1) : buf_adds(out, "&#xFFFD;");
	if (cp == '&')
		return buf_adds(out, "&amp;");
	if (cp == '<')
		return buf_adds(out, "&lt;");
	if (cp == '>')
		return buf_adds(out, "&gt;");
	if (cp == '"')
		return buf_adds(out, "&quot;");
	if (cp == '\'')
		return buf_adds(out, "&#39;");
	if (cp >= 0x20 && cp < 0x7F)
		return buf_addc(out, (char)cp);
	if (html && (cp < 0x20 || cp == 0x7F || (cp < 0x100 && hidden(cp))))
		return html_mark(out, (unsigned)cp, 1);
	if (html && hidden(cp))
		return html_mark(out, (unsigned)cp, 0);
	if (cp < 0x20)
		return buf_printf(out, "&#x%X;", 0x2400 + cp);
	if (cp == 0x7F)
		return buf_adds(out, "&#x2421;");
	return buf_printf(out, "&#x%X;", hidden(cp) ? 0xFFFDu : (unsigned)cp);
}

int
esc_markup(struct buf *out, const char *s)
{
	return each_char(out, s, markup_char, 0, PLAIN_MARKUP);
}

int
esc_html(struct buf *out, const char *s)
{
	return each_char(out, s, markup_char, 1, PLAIN_MARKUP);
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

	if (!quote)
		quote = strcspn(str, ",\"\r\n") < n;
	if (quote)
		rc |= buf_addc(out, '"');
	for (i = 0; i < n && rc == 0;) {
		uint32_t cp;
		size_t len = plain_span(s + i, n - i, PLAIN_CSV);

		if (len > 0) {
			if ((rc = buf_add(out, s + i, len)) != 0 || (i += len) == n)
				break;
		}
		len = utf8_decode(s + i, n - i, &cp);

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
