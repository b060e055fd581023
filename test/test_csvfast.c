/*
 * test_csvfast.c - the quote-free fast path of csvread yields exactly the
 * records and errors libcsv yields: random inputs over the bytes that
 * matter to the grammar, hand-picked edge cases, and every fixture, each
 * pushed whole, byte by byte and in odd chunk sizes.
 */
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <sys/stat.h>

#include "csvcheck.h"

static const size_t chunks[] = { 0, 1, 2, 3, 7, 64, 4096 };

/* Both paths agree on s[0..len) for every chunk size and field cap. */
static void
agree(const char *s, size_t len, const char *what)
{
	char why[256];
	size_t i;

	for (i = 0; i < sizeof(chunks) / sizeof(chunks[0]); i++) {
		int rc = csvcheck_paths(s, len, chunks[i], 65536, 256, why, sizeof(why));

		if (rc != 1)
			fail_msg("%s (chunk %zu): %s", what, chunks[i], rc ? why : "no memory");
		rc = csvcheck_paths(s, len, chunks[i], 5, 4, why, sizeof(why));
		if (rc != 1)
			fail_msg("%s (chunk %zu, small caps): %s", what, chunks[i],
			         rc ? why : "no memory");
	}
}

static void
test_csvfast_edge_cases(void **state)
{
	static const char *const cases[] = {
		"", "\n", "\r\n", "a", "a\n", "a,b\n", "a,b\r\n", "a,b\rc,d\n",
		"  \n", "\t \r\n", " a , b \n", "a,,b\n", ",\n", ",,,\n", " ,\t\n",
		"a\n\nb\n", "a,b", "a\r", "a\rb", "\"a\",b\n", "a,\"b\n\"\n",
		"a,b\"c\n", "a\0b,c\n", "a,b\n\"open\n", "x,y\nz\n\r\n",
		"a,b,c,d,e,f\n", "abcdefgh,b\n", "a,b\r\r\n", "\r", "a \t\r\n",
		"\xEF\xBB\xBFuser,arn\n<root_account>,arn:aws:iam::1:root\n",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		agree(cases[i], strlen(cases[i]),
		      cases[i]);
	agree("a\0b,c\n", 6, "NUL inside a field");
	agree("a,b\n\0", 5, "NUL alone on the last line");
}

/* Random inputs, reproducible: drawn from alpha[0..n), except that two in
 * three of them leave out its last `rare` bytes (so that the fast path
 * runs); lengths below max, taken from the seed shifted by lenshift; with
 * crlf, a CR in those two in three is followed by LF. */
struct random_run {
	const char *what;
	const char *alpha;
	size_t n, rare;
	unsigned seed;
	int inputs;
	size_t max;
	unsigned lenshift;
	int crlf;
};

static void
agree_random(const struct random_run *run)
{
	static char s[1500];
	char what[64];
	unsigned seed = run->seed;
	int iter;

	assert_true(run->max <= sizeof(s));
	for (iter = 0; iter < run->inputs; iter++) {
		size_t len, i;
		size_t nalpha = iter % 3 ? run->n - run->rare : run->n;

		seed = seed * 1103515245u + 12345u;
		len = (seed >> run->lenshift) % run->max;
		for (i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			s[i] = run->alpha[(seed >> 16) % nalpha];
			if (run->crlf && iter % 3 && s[i] == '\r' && i + 1 < len)
				s[++i] = '\n';
		}
		snprintf(what, sizeof(what), "%s %d", run->what, iter);
		agree(s, len, what);
	}
}

#define RANDOM_RUN(what, alpha, ...) { what, alpha, sizeof(alpha) - 1, __VA_ARGS__ }

static const struct random_run runs[] = {
	/* an alphabet weighted towards CSV syntax; most inputs without a quote */
	RANDOM_RUN("random input", "aaaabbbxyz,,,,,   \t\n\n\n\r\"\"\0", 3, 12345, 4000,
	           200, 16, 0),
	/* longer lines, so that the 16-byte scan meets every byte class at
	 * every position of a block; two in three inputs hold no quote, NUL or
	 * lone CR */
	RANDOM_RUN("long random input",
	           "aaaaaaaaaaaaaaaaaaaabbbbbbbb012345:-T+/,,,,,,   \t\n\r\"\0", 2, 777,
	           1500, 1500, 8, 1),
};

static void
test_csvfast_random(void **state)
{
	(void)state;
	agree_random(&runs[0]);
}

static void
test_csvfast_random_long(void **state)
{
	(void)state;
	agree_random(&runs[1]);
}

/* Every regular file under dir (one level of subdirectories). */
static size_t
agree_dir(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t n = 0;

	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		char path[1024];
		struct stat st;
		FILE *fp;
		char *data;
		size_t len;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (stat(path, &st) == -1)
			continue;
		if (S_ISDIR(st.st_mode)) {
			if (depth < 2)
				n += agree_dir(path, depth + 1);
			continue;
		}
		if (!S_ISREG(st.st_mode) || st.st_size > 1 << 20 ||
		    (fp = fopen(path, "rb")) == NULL)
			continue;
		data = malloc((size_t)st.st_size + 1);
		assert_non_null(data);
		len = fread(data, 1, (size_t)st.st_size, fp);
		fclose(fp);
		agree(data, len, path);
		free(data);
		n++;
	}
	closedir(d);
	return n;
}

static void
test_csvfast_fixtures(void **state)
{
	(void)state;
	assert_true(agree_dir("fixtures", 0) >= 20);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csvfast_edge_cases),
		cmocka_unit_test(test_csvfast_random),
		cmocka_unit_test(test_csvfast_random_long),
		cmocka_unit_test(test_csvfast_fixtures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
