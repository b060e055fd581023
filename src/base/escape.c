/* escape.c - strict UTF-8 decoding and escaping of report text. */
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

int
esc_text(struct buf *out, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = strlen(str), i = 0;

	while (i < n) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		int rc;

		if (len == 1 && cp >= 0x20 && cp < 0x7F && cp != '\\')
			rc = buf_addc(out, (char)cp);
		else if (len == 1 && cp == '\\')
			rc = buf_add(out, "\\\\", 2);
		else if (len <= 1)
			rc = buf_printf(out, "\\x%02X", s[i]);
		else
			rc = buf_printf(out, "\\u{%04X}", (unsigned)cp);
		if (rc == -1)
			return -1;
		i += len ? len : 1;
	}
	return buf_addc(out, '\0') == -1 ? -1 : (out->len--, 0);
}

int
esc_utf8(struct buf *out, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = strlen(str), i = 0;

	while (i < n) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		int rc;

		if (len == 0) {
			rc = buf_add(out, "\xEF\xBF\xBD", 3);
			len = 1;
		} else {
			rc = buf_add(out, s + i, len);
		}
		if (rc == -1)
			return -1;
		i += len;
	}
	return buf_addc(out, '\0') == -1 ? -1 : (out->len--, 0);
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
