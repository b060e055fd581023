/* test_escape.c - strict UTF-8 decoding and escaping of hostile report text
 * for every output syntax (src/base/escape.c, the one escaping module). */
#include "testutil.h"

#include "base/escape.h"

/* Decode the bytes of s (n of them); returns the length, *cp set. */
static size_t
dec(const char *s, size_t n, uint32_t *cp)
{
	*cp = 0xFFFFFFFFu;
	return utf8_decode((const unsigned char *)s, n, cp);
}

static void
test_escape_utf8_decode_valid(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(dec("A", 1, &cp), 1);
	assert_int_equal(cp, 0x41);
	assert_int_equal(dec("\x00", 1, &cp), 1);
	assert_int_equal(cp, 0);
	assert_int_equal(dec("\x7F", 1, &cp), 1);
	assert_int_equal(cp, 0x7F);
	assert_int_equal(dec("\xC2\x80", 2, &cp), 2);
	assert_int_equal(cp, 0x80);
	assert_int_equal(dec("\xC3\xA9xyz", 5, &cp), 2);
	assert_int_equal(cp, 0xE9);
	assert_int_equal(dec("\xDF\xBF", 2, &cp), 2);
	assert_int_equal(cp, 0x7FF);
	assert_int_equal(dec("\xE0\xA0\x80", 3, &cp), 3);
	assert_int_equal(cp, 0x800);
	assert_int_equal(dec("\xE2\x80\xAE", 3, &cp), 3);
	assert_int_equal(cp, 0x202E);
	assert_int_equal(dec("\xED\x9F\xBF", 3, &cp), 3);
	assert_int_equal(cp, 0xD7FF);
	assert_int_equal(dec("\xEE\x80\x80", 3, &cp), 3);
	assert_int_equal(cp, 0xE000);
	assert_int_equal(dec("\xEF\xBF\xBF", 3, &cp), 3);
	assert_int_equal(cp, 0xFFFF);
	assert_int_equal(dec("\xF0\x90\x80\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x10000);
	assert_int_equal(dec("\xF0\x9F\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
	assert_int_equal(dec("\xF4\x8F\xBF\xBF", 4, &cp), 4);
	assert_int_equal(cp, 0x10FFFF);
}

static void
test_escape_utf8_decode_rejects_overlong(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(dec("\xC0\x80", 2, &cp), 0);   /* NUL */
	assert_int_equal(dec("\xC0\xAF", 2, &cp), 0);   /* '/' */
	assert_int_equal(dec("\xC1\xBF", 2, &cp), 0);
	assert_int_equal(dec("\xE0\x80\x80", 3, &cp), 0);
	assert_int_equal(dec("\xE0\x9F\xBF", 3, &cp), 0);
	assert_int_equal(dec("\xF0\x80\x80\x80", 4, &cp), 0);
	assert_int_equal(dec("\xF0\x8F\xBF\xBF", 4, &cp), 0);
}

static void
test_escape_utf8_decode_rejects_surrogates(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(dec("\xED\xA0\x80", 3, &cp), 0);   /* U+D800 */
	assert_int_equal(dec("\xED\xAD\xBF", 3, &cp), 0);   /* U+DB7F */
	assert_int_equal(dec("\xED\xB0\x80", 3, &cp), 0);   /* U+DC00 */
	assert_int_equal(dec("\xED\xBF\xBF", 3, &cp), 0);   /* U+DFFF */
	/* CESU-8 pair for U+1F600 */
	assert_int_equal(dec("\xED\xA0\xBD\xED\xB8\x80", 6, &cp), 0);
}

static void
test_escape_utf8_decode_rejects_above_max(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(dec("\xF4\x90\x80\x80", 4, &cp), 0);   /* U+110000 */
	assert_int_equal(dec("\xF7\xBF\xBF\xBF", 4, &cp), 0);
	assert_int_equal(dec("\xF8\x88\x80\x80\x80", 5, &cp), 0);
	assert_int_equal(dec("\xFC\x84\x80\x80\x80\x80", 6, &cp), 0);
	assert_int_equal(dec("\xFE", 1, &cp), 0);
	assert_int_equal(dec("\xFF", 1, &cp), 0);
}

static void
test_escape_utf8_decode_rejects_truncated_and_bad_continuation(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(dec("", 0, &cp), 0);
	assert_int_equal(dec("\xC3", 1, &cp), 0);
	assert_int_equal(dec("\xE2\x80", 2, &cp), 0);
	assert_int_equal(dec("\xF0\x9F\x98", 3, &cp), 0);
	/* Length n limits the read even when more bytes follow. */
	assert_int_equal(dec("\xE2\x80\xAE", 2, &cp), 0);
	/* Lone continuation bytes. */
	assert_int_equal(dec("\x80", 1, &cp), 0);
	assert_int_equal(dec("\xBF", 1, &cp), 0);
	/* A continuation byte that is not one. */
	assert_int_equal(dec("\xC3(", 2, &cp), 0);
	assert_int_equal(dec("\xE2\x28\xA1", 3, &cp), 0);
	assert_int_equal(dec("\xE2\x82\x28", 3, &cp), 0);
	assert_int_equal(dec("\xF0\x9F\x98\x28", 4, &cp), 0);
	assert_int_equal(dec("\xF0\x9F\xC3\xA9", 4, &cp), 0);
}

/* esc_text of s as a fresh NUL-terminated string (caller frees). */
static char *
text_of(const char *s)
{
	struct buf b = { NULL, 0, 0 };

	assert_int_equal(esc_text(&b, s), 0);
	assert_non_null(b.data);
	assert_int_equal(strlen(b.data), b.len);
	return b.data;
}

static char *
utf8_of(const char *s)
{
	struct buf b = { NULL, 0, 0 };

	assert_int_equal(esc_utf8(&b, s), 0);
	assert_non_null(b.data);
	assert_int_equal(strlen(b.data), b.len);
	return b.data;
}

static void
assert_text(const char *in, const char *want)
{
	char *got = text_of(in);

	assert_string_equal(got, want);
	free(got);
}

static void
assert_utf8(const char *in, const char *want)
{
	char *got = utf8_of(in);

	assert_string_equal(got, want);
	free(got);
}

static void
test_escape_text_printable_ascii_untouched(void **state)
{
	char all[128];
	size_t i, n = 0;

	(void)state;
	for (i = 0x20; i < 0x7F; i++)
		if (i != '\\')
			all[n++] = (char)i;
	all[n] = '\0';
	assert_text(all, all);
	assert_text("", "");
	assert_text("alice@example.com", "alice@example.com");
	assert_text("<script>=HYPERLINK(\"x\")", "<script>=HYPERLINK(\"x\")");
}

static void
test_escape_text_controls_and_backslash(void **state)
{
	(void)state;
	assert_text("\x1B[31mred\x1B[0m", "\\x1B[31mred\\x1B[0m");
	assert_text("a\\b", "a\\\\b");
	assert_text("\\x1B", "\\\\x1B");   /* a literal "\x1B" stays distinct */
	assert_text("\t\r\n\x07\x7F", "\\x09\\x0D\\x0A\\x07\\x7F");
	assert_text("\x1B]0;pwned\x07", "\\x1B]0;pwned\\x07");
}

static void
test_escape_text_non_ascii_as_code_points(void **state)
{
	(void)state;
	assert_text("\xE2\x80\xAE", "\\u{202E}");   /* RIGHT-TO-LEFT OVERRIDE */
	assert_text("a\xE2\x80\x8B" "b", "a\\u{200B}b");   /* ZERO WIDTH SPACE */
	assert_text("caf\xC3\xA9", "caf\\u{00E9}");
	assert_text("\xF0\x9F\x98\x80", "\\u{1F600}");
	assert_text("\xEF\xBB\xBF", "\\u{FEFF}");
	assert_text("\xC2\x9B", "\\u{009B}");   /* C1 CSI */
}

static void
test_escape_text_invalid_bytes_as_hex(void **state)
{
	(void)state;
	assert_text("\xFF", "\\xFF");
	assert_text("a\xFF" "b", "a\\xFFb");
	assert_text("\xC0\x80", "\\xC0\\x80");
	assert_text("\xED\xA0\x80", "\\xED\\xA0\\x80");
	assert_text("\xE2\x80", "\\xE2\\x80");
	/* A bad lead byte does not swallow the next character. */
	assert_text("\xE2" "A", "\\xE2A");
	assert_text("\xC3\xE2\x80\xAE", "\\xC3\\u{202E}");
}

static void
test_escape_text_output_is_plain_ascii(void **state)
{
	char in[256];
	char *out;
	size_t i;
	unsigned seed = 12345;
	int round;

	(void)state;
	/* Every byte value, then random byte soup. */
	for (i = 1; i < 256; i++)
		in[i - 1] = (char)i;
	in[255] = '\0';
	for (round = 0; round < 200; round++) {
		if (round > 0) {
			for (i = 0; i < sizeof(in) - 1; i++) {
				seed = seed * 1103515245u + 12345u;
				in[i] = (char)(1 + (seed >> 16) % 255);
			}
		}
		out = text_of(in);
		for (i = 0; out[i] != '\0'; i++) {
			unsigned char c = (unsigned char)out[i];

			if (c < 0x20 || c >= 0x7F)
				fail_msg("esc_text output byte 0x%02X at %zu", c, i);
		}
		free(out);
	}
}

static void
test_escape_text_appends(void **state)
{
	struct buf b = { NULL, 0, 0 };

	(void)state;
	assert_int_equal(buf_adds(&b, "pre:"), 0);
	assert_int_equal(esc_text(&b, "\x1B"), 0);
	assert_int_equal(b.len, 8);
	assert_int_equal(esc_text(&b, "!"), 0);
	assert_int_equal(b.len, 9);
	assert_memory_equal(b.data, "pre:\\x1B!", 10);
	buf_free(&b);
}

static void
test_escape_utf8_keeps_valid(void **state)
{
	static const char valid[] =
		"plain \x1B[31m \xC3\xA9 \xE2\x80\xAE \xE2\x80\x8B \xF0\x9F\x98\x80 "
		"\xF4\x8F\xBF\xBF \\ \"";

	(void)state;
	assert_utf8(valid, valid);
	assert_utf8("", "");
}

static void
test_escape_utf8_invalid_bytes_become_fffd(void **state)
{
	(void)state;
	assert_utf8("\xFF", "\xEF\xBF\xBD");
	assert_utf8("a\xFF" "b", "a\xEF\xBF\xBD" "b");
	/* One replacement per invalid byte. */
	assert_utf8("\xC0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD");
	assert_utf8("\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	assert_utf8("\xF4\x90\x80\x80",
	            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	assert_utf8("\xE2\x80", "\xEF\xBF\xBD\xEF\xBF\xBD");
	assert_utf8("\xE2" "A\xC3\xA9", "\xEF\xBF\xBD" "A\xC3\xA9");
}

static void
test_escape_utf8_output_always_valid(void **state)
{
	char in[200];
	char *out;
	size_t i, n, len;
	unsigned seed = 777;
	int round;

	(void)state;
	for (round = 0; round < 300; round++) {
		for (i = 0; i < sizeof(in) - 1; i++) {
			seed = seed * 1103515245u + 12345u;
			in[i] = (char)(1 + (seed >> 16) % 255);
		}
		in[sizeof(in) - 1] = '\0';
		out = utf8_of(in);
		len = strlen(out);
		for (i = 0; i < len; i += n) {
			uint32_t cp;

			n = utf8_decode((const unsigned char *)out + i, len - i, &cp);
			if (n == 0)
				fail_msg("esc_utf8 output invalid at byte %zu", i);
		}
		free(out);
	}
}

static void
test_escape_markup_escapes_everything(void **state)
{
	struct buf b = { 0 };

	(void)state;
	assert_int_equal(esc_markup(&b, "<script>&\"'x"), 0);
	assert_string_equal(taken(&b), "&lt;script&gt;&amp;&quot;&#39;x");
	assert_int_equal(esc_markup(&b, "a\033[1m\x7f\xff\xe2\x80\xae\xc3\xa9"), 0);
	assert_string_equal(taken(&b), "a&#x241B;[1m&#x2421;&#xFFFD;&#xFFFD;&#xE9;");
	/* HTML text: the same characters as visible, marked codes */
	assert_int_equal(esc_html(&b, "<a>\033\xff\xe2\x80\xae\xc3\xa9\\"), 0);
	assert_string_equal(taken(&b), "&lt;a&gt;<span class=\"ctl\">\\x1B</span>"
	                    "<span class=\"ctl\">\\xFF</span><span class=\"ctl\">U+202E"
	                    "</span>&#xE9;\\");
	buf_free(&b);
}

static void
test_escape_csv_quotes_and_neutralises(void **state)
{
	struct buf b = { 0 };

	(void)state;
	assert_int_equal(esc_csv(&b, "plain", 1), 0);
	assert_string_equal(taken(&b), "plain");
	assert_int_equal(esc_csv(&b, "=HYPERLINK(\"x\",\"y\")", 1), 0);
	assert_string_equal(taken(&b), "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
	assert_int_equal(esc_csv(&b, "-1", 1), 0);
	assert_string_equal(taken(&b), "'-1");
	assert_int_equal(esc_csv(&b, "+1", 1), 0);
	assert_string_equal(taken(&b), "'+1");
	assert_int_equal(esc_csv(&b, "@SUM(A1)", 1), 0);
	assert_string_equal(taken(&b), "'@SUM(A1)");
	assert_int_equal(esc_csv(&b, "\tx", 1), 0);
	assert_string_equal(taken(&b), "'\tx");
	assert_int_equal(esc_csv(&b, "\rx", 1), 0);
	assert_string_equal(taken(&b), "\"'\rx\"");
	assert_int_equal(esc_csv(&b, "-1", 0), 0);
	assert_string_equal(taken(&b), "-1");
	assert_int_equal(esc_csv(&b, "a\033b\xff", 1), 0);
	assert_string_equal(taken(&b), "a\xe2\x90\x9b" "b\xef\xbf\xbd");
	buf_free(&b);
}

/* A formula behind any separator a spreadsheet may split on, a quote or a
 * line end, spaces between or not, gets its ' too; other text is kept. */
static void
test_escape_csv_neutralises_behind_separators(void **state)
{
	struct buf b = { 0 };

	(void)state;
	assert_int_equal(esc_csv(&b, "x;=cmd|' /C calc'!A0;y", 1), 0);
	assert_string_equal(taken(&b), "x;'=cmd|' /C calc'!A0;y");
	assert_int_equal(esc_csv(&b, "a\t+1", 1), 0);
	assert_string_equal(taken(&b), "a\t'+1");
	assert_int_equal(esc_csv(&b, "a;\t@x", 1), 0);
	assert_string_equal(taken(&b), "a;'\t'@x");
	assert_int_equal(esc_csv(&b, "a,-1", 1), 0);
	assert_string_equal(taken(&b), "\"a,'-1\"");
	assert_int_equal(esc_csv(&b, "q\"=1", 1), 0);
	assert_string_equal(taken(&b), "\"q\"\"'=1\"");
	assert_int_equal(esc_csv(&b, "n\n=1", 1), 0);
	assert_string_equal(taken(&b), "\"n\n'=1\"");
	assert_int_equal(esc_csv(&b, "s;  -1", 1), 0);
	assert_string_equal(taken(&b), "s;  '-1");
	assert_int_equal(esc_csv(&b, "2024-05-30T07:00:00+00:00 a-b x=1", 1), 0);
	assert_string_equal(taken(&b), "2024-05-30T07:00:00+00:00 a-b x=1");
	assert_int_equal(esc_csv(&b, "x;=1", 0), 0);
	assert_string_equal(taken(&b), "x;=1");
	buf_free(&b);
}

static void
test_escape_path_uri(void **state)
{
	struct buf b = { 0 };

	(void)state;
	assert_int_equal(path_uri(&b, "./fixtures/demo.csv", "/work"), 0);
	assert_string_equal(taken(&b), "fixtures/demo.csv");
	assert_int_equal(path_uri(&b, "/work/r/a b.csv", "/work"), 0);
	assert_string_equal(taken(&b), "r/a%20b.csv");
	assert_int_equal(path_uri(&b, "/elsewhere/x#1.csv", "/work"), 0);
	assert_string_equal(taken(&b), "file:///elsewhere/x%231.csv");
	assert_int_equal(path_uri(&b, "/workshop/x.csv", "/work"), 0);
	assert_string_equal(taken(&b), "file:///workshop/x.csv");
	assert_int_equal(path_uri(&b, "c:x.csv", NULL), 0);
	assert_string_equal(taken(&b), "./c%3Ax.csv");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_utf8_decode_valid),
		cmocka_unit_test(test_escape_utf8_decode_rejects_overlong),
		cmocka_unit_test(test_escape_utf8_decode_rejects_surrogates),
		cmocka_unit_test(test_escape_utf8_decode_rejects_above_max),
		cmocka_unit_test(test_escape_utf8_decode_rejects_truncated_and_bad_continuation),
		cmocka_unit_test(test_escape_text_printable_ascii_untouched),
		cmocka_unit_test(test_escape_text_controls_and_backslash),
		cmocka_unit_test(test_escape_text_non_ascii_as_code_points),
		cmocka_unit_test(test_escape_text_invalid_bytes_as_hex),
		cmocka_unit_test(test_escape_text_output_is_plain_ascii),
		cmocka_unit_test(test_escape_text_appends),
		cmocka_unit_test(test_escape_utf8_keeps_valid),
		cmocka_unit_test(test_escape_utf8_invalid_bytes_become_fffd),
		cmocka_unit_test(test_escape_utf8_output_always_valid),
		cmocka_unit_test(test_escape_markup_escapes_everything),
		cmocka_unit_test(test_escape_csv_quotes_and_neutralises),
		cmocka_unit_test(test_escape_csv_neutralises_behind_separators),
		cmocka_unit_test(test_escape_path_uri),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
