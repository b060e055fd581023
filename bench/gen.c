/*
 * gen.c - a deterministic credential-report generator for the benchmark
 * and the batch tests.  Same arguments, same bytes.
 *
 *   gen [-c] [-b] [-q] -r USERS FILE          one report of USERS users
 *   gen [-c] [-b] [-q] -C REPORTS USERS ACCOUNTS DIR
 *                      a corpus: DIR/ACCOUNT/YYYY-MM-DD.csv, REPORTS in
 *                      all, one a week per account, ACCOUNTS accounts
 *
 *   -c CRLF line ends, -b a UTF-8 byte order mark, -q quoted user names
 *
 * Rows follow the 22-column layout AWS writes; users are mostly compliant
 * (see report()).  In the corpus the root of every seventh account has an
 * active key 1 for a few weeks, replaced once.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int crlf, bom, quoted;
static uint32_t seed = 1;

static uint32_t
rnd(void)
{
	seed = seed * 1103515245u + 12345u;
	return (seed >> 8) & 0xffffff;
}

static void
civil(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* A timestamp day days after 1970 at a pseudo-random time of day. */
static void
ts(FILE *fp, int64_t day)
{
	int y, m, d;
	uint32_t s = rnd() % 86400;

	civil(day, &y, &m, &d);
	fprintf(fp, "%04d-%02d-%02dT%02u:%02u:%02u+00:00", y, m, d, s / 3600,
	        s / 60 % 60, s % 60);
}

/* A timestamp at noon of day: the root row's dates, which the history
 * reads (key creation, and the report's latest timestamp). */
static void
noon(FILE *fp, int64_t day)
{
	int y, m, d;

	civil(day, &y, &m, &d);
	fprintf(fp, "%04d-%02d-%02dT12:00:00+00:00", y, m, d);
}

static void
eol(FILE *fp)
{
	fputs(crlf ? "\r\n" : "\n", fp);
}

static const char *const regions[] = { "us-east-1", "eu-west-1", "ap-south-1", "us-west-2" };
static const char *const services[] = { "s3", "ec2", "iam", "sts", "lambda" };

/* A key slot of a user: active, rotated, used, region, service.  age: 0
 * no key, else the most days since the key was created. */
static void
key(FILE *fp, int64_t now, int age)
{
	if (age == 0) {
		fputs(",false,N/A,N/A,N/A,N/A", fp);
		return;
	}
	fputs(",true,", fp);
	ts(fp, now - age + (int64_t)(rnd() % 40));
	fputc(',', fp);
	ts(fp, now - 1 - (int64_t)(rnd() % 30));
	fprintf(fp, ",%s,%s", regions[rnd() % 4], services[rnd() % 5]);
}

/*
 * One report of users users of account acct as of day now.  rootkey: 0 no
 * root key, else the day root key 1 was created.
 */
static int
report(const char *path, int users, uint64_t acct, int64_t now, int64_t rootkey)
{
	FILE *fp = fopen(path, "wb");
	int i;

	if (fp == NULL) {
		fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (bom)
		fputs("\xEF\xBB\xBF", fp);
	fputs("user,arn,user_creation_time,password_enabled,password_last_used,"
	      "password_last_changed,password_next_rotation,mfa_active,"
	      "access_key_1_active,access_key_1_last_rotated,"
	      "access_key_1_last_used_date,access_key_1_last_used_region,"
	      "access_key_1_last_used_service,access_key_2_active,"
	      "access_key_2_last_rotated,access_key_2_last_used_date,"
	      "access_key_2_last_used_region,access_key_2_last_used_service,"
	      "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated", fp);
	eol(fp);
	fprintf(fp, "<root_account>,arn:aws:iam::%012llu:root,", (unsigned long long)acct);
	noon(fp, now - 2000);
	fputs(",not_supported,", fp);
	noon(fp, now - 400);
	fputs(",not_supported,not_supported,true", fp);
	if (rootkey) {
		fputs(",true,", fp);
		noon(fp, rootkey);
		fputc(',', fp);
		noon(fp, now - 1);
		fputs(",us-east-1,s3", fp);
	} else {
		fputs(",false,N/A,N/A,N/A,N/A", fp);
	}
	fputs(",false,N/A,N/A,N/A,N/A,false,N/A,false,N/A", fp);
	eol(fp);
	/* Users mostly as an audited organisation keeps them: MFA with a
	 * password, one key rotated within 80 days, everything used within 30
	 * days.  One in a hundred has no MFA, one in a hundred a second key
	 * 200 days old.  The first user's password was used at noon of the
	 * report's day: the report's latest timestamp, its as-of time. */
	for (i = 0; i < users; i++) {
		const char *q = quoted ? "\"" : "";
		int pw = i == 0 || rnd() % 3 != 0, old = i % 100 == 49;

		fprintf(fp, "%suser-%05d%s,arn:aws:iam::%012llu:user/team-%d/user-%05d,",
		        q, i, q, (unsigned long long)acct, i % 17, i);
		ts(fp, now - 100 - (int64_t)(rnd() % 2000));
		if (pw) {
			fputs(",true,", fp);
			if (i == 0)
				noon(fp, now);
			else
				ts(fp, now - 1 - (int64_t)(rnd() % 30));
			fputc(',', fp);
			ts(fp, now - 60 - (int64_t)(rnd() % 300));
			fputs(",N/A,", fp);
		} else {
			fputs(",false,N/A,N/A,N/A,", fp);
		}
		fputs(pw && i % 100 == 99 ? "false" : "true", fp);
		key(fp, now, old || rnd() % 3 != 0 ? 80 : 0);
		key(fp, now, old ? 240 : 0);
		fputs(",false,N/A,false,N/A", fp);
		eol(fp);
	}
	if (ferror(fp) | fclose(fp)) {
		fprintf(stderr, "gen: %s: write error\n", path);
		return -1;
	}
	return 0;
}

static int
corpus(int reports, int users, int accounts, const char *dir)
{
	char path[4096];
	int i;

	if (mkdir(dir, 0777) == -1 && errno != EEXIST)
		return fprintf(stderr, "gen: %s: %s\n", dir, strerror(errno)), -1;
	for (i = 0; i < reports; i++) {
		int a = i % accounts, week = i / accounts, y, m, d;
		uint64_t acct = 100000000000ull + (uint64_t)a * 7919u;
		int64_t now = 19723 + 7 * week;   /* 2024-01-01 + weeks */
		int64_t rootkey = 0;

		/* every seventh account: a root key in weeks 3..8, replaced in week 6 */
		if (a % 7 == 0 && week >= 3 && week <= 8)
			rootkey = week < 6 ? 19723 + 7 * 3 - 1 : 19723 + 7 * 6 - 1;
		snprintf(path, sizeof(path), "%s/%012llu", dir, (unsigned long long)acct);
		if (mkdir(path, 0777) == -1 && errno != EEXIST)
			return fprintf(stderr, "gen: %s: %s\n", path, strerror(errno)), -1;
		civil(now, &y, &m, &d);
		snprintf(path, sizeof(path), "%s/%012llu/%04d-%02d-%02d.csv", dir,
		         (unsigned long long)acct, y, m, d);
		seed = (uint32_t)i + 1;
		if (report(path, users, acct, now, rootkey) == -1)
			return -1;
	}
	return 0;
}

static int
usage(void)
{
	fputs("usage: gen [-c] [-b] [-q] -r USERS FILE\n"
	      "       gen [-c] [-b] [-q] -C REPORTS USERS ACCOUNTS DIR\n", stderr);
	return 2;
}

int
main(int argc, char **argv)
{
	int c;

	while ((c = getopt(argc, argv, "cbqrC")) != -1) {
		switch (c) {
		case 'c': crlf = 1; break;
		case 'b': bom = 1; break;
		case 'q': quoted = 1; break;
		case 'r':
			if (argc - optind != 2)
				return usage();
			return report(argv[optind + 1], atoi(argv[optind]),
			              123456789012ull, 19875, 0) ? 1 : 0;
		case 'C':
			if (argc - optind != 4 || atoi(argv[optind + 2]) < 1)
				return usage();
			return corpus(atoi(argv[optind]), atoi(argv[optind + 1]),
			              atoi(argv[optind + 2]), argv[optind + 3]) ? 1 : 0;
		default:
			return usage();
		}
	}
	return usage();
}
