/*
 * manifest.c - the evidence register (see manifest.h), read with the
 * strict CSV reader so that an error names its line and field.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "base/util.h"
#include "csv/csvread.h"
#include "report/manifest.h"

#define MAX_MANIFEST_FILE (16u << 20)

struct loader {
	struct manifest *m;
	const char *path;
	size_t dirlen;          /* of the register's folder, with its '/' */
	size_t nfields;         /* of the header: 2 or 3 */
	int have_header;
	struct credaudit_error *err;
};

static int
bad(struct loader *l, unsigned long line, unsigned long col, const char *what,
    const char *value)
{
	return seterr(l->err, CREDAUDIT_ERR_USAGE, l->path, line, col,
	              "%.400s:%lu:%lu: manifest: %s%s%.200s%s", l->path, line, col, what,
	              value ? " '" : "", value ? value : "", value ? "'" : "");
}

static int
on_header(struct loader *l, const struct csvrec *rec)
{
	static const char *const names[] = { "path", "as_of", "sha256" };
	size_t i;
	char *f0 = rec->fields[0];

	if (strncmp(f0, "\xef\xbb\xbf", 3) == 0)
		f0 += 3;   /* a UTF-8 byte order mark */
	if (rec->nfields < 2 || rec->nfields > 3)
		return bad(l, rec->line, rec->nfields < 2 ? rec->nfields + 1 : 4,
		           "the header must be path,as_of or path,as_of,sha256", NULL);
	for (i = 0; i < rec->nfields; i++)
		if (strcmp(i == 0 ? f0 : rec->fields[i], names[i]) != 0)
			return bad(l, rec->line, i + 1, "the header must be path,as_of or "
			           "path,as_of,sha256, not", i == 0 ? f0 : rec->fields[i]);
	l->nfields = rec->nfields;
	l->have_header = 1;
	return 0;
}

/* 64 hex digits, lowercased into out; 0 or -1. */
static int
parse_sha(const char *s, char out[65])
{
	size_t i;

	if (strlen(s) != 64)
		return -1;
	for (i = 0; i < 64; i++) {
		char c = s[i];

		if (c >= 'A' && c <= 'F')
			c = (char)(c - 'A' + 'a');
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			return -1;
		out[i] = c;
	}
	out[64] = '\0';
	return 0;
}

/* Where the entry's file is: its path, relative to the register's folder. */
static int
locate(struct loader *l, struct manifest_entry *e)
{
	struct buf p = { 0 };
	struct stat st;
	size_t i;

	if ((e->path[0] != '/' && buf_add(&p, l->path, l->dirlen) == -1) ||
	    buf_adds(&p, e->path) == -1 || buf_addc(&p, '\0') == -1) {
		buf_free(&p);
		return seterr_nomem(l->err, l->path);
	}
	if (stat(p.data, &st) == 0 && S_ISREG(st.st_mode)) {
		e->found = 1;
		e->dev = st.st_dev;
		e->ino = st.st_ino;
	}
	buf_free(&p);
	for (i = 0; e->found && i < l->m->n; i++)
		if (l->m->v[i].found && l->m->v[i].dev == e->dev && l->m->v[i].ino == e->ino)
			return bad(l, e->line, 1, "the same file is listed on line",
			           l->m->v[i].path);
	return 0;
}

static int
on_record(void *ctx, const struct csvrec *rec)
{
	struct loader *l = ctx;
	struct manifest *m = l->m;
	struct manifest_entry *e;

	if (!l->have_header)
		return on_header(l, rec);
	if (rec->nfields != l->nfields)
		return bad(l, rec->line, rec->nfields < l->nfields ? rec->nfields + 1 :
		           l->nfields + 1, "the line's number of fields is not the header's",
		           NULL);
	if (rec->lens[0] == 0)
		return bad(l, rec->line, 1, "empty path", NULL);
	if (m->n == m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 32;
		struct manifest_entry *v = ca_realloc(m->v, cap * sizeof(*v));

		if (v == NULL)
			return seterr_nomem(l->err, l->path);
		m->v = v;
		m->cap = cap;
	}
	e = &m->v[m->n];
	memset(e, 0, sizeof(*e));
	e->line = rec->line;
	if (credaudit_time_parse(rec->fields[1], &e->as_of) == -1)
		return bad(l, rec->line, 2, "as_of is not an ISO 8601 time "
		           "(2024-06-01T12:00:00Z, 2024-06-01):", rec->fields[1]);
	if (l->nfields == 3 && rec->lens[2] > 0 && parse_sha(rec->fields[2], e->sha256) == -1)
		return bad(l, rec->line, 3, "sha256 is not 64 hex digits:", rec->fields[2]);
	if ((e->path = ca_strdup(rec->fields[0])) == NULL)
		return seterr_nomem(l->err, l->path);
	if (locate(l, e) == -1) {
		ca_free(e->path);
		return -1;
	}
	m->n++;
	return 0;
}

/* Feed the file to the CSV reader.  0, or -1 with err filled. */
static int
feed(struct loader *l, FILE *fp, struct csvread *r)
{
	char chunk[8192];
	size_t n, total = 0;

	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		if ((total += n) > MAX_MANIFEST_FILE)
			return bad(l, 0, 0, "larger than 16 MiB", NULL);
		if (csvread_push(r, chunk, n) == -1)
			return -1;
	}
	if (ferror(fp))
		return bad(l, 0, 0, "read error", NULL);
	if (csvread_finish(r) == -1)
		return -1;
	if (!l->have_header)
		return bad(l, 1, 0, "empty: no header path,as_of[,sha256]", NULL);
	return 0;
}

int
manifest_load(struct manifest *m, const char *path, struct credaudit_error *err)
{
	struct credaudit_error e = { 0 };
	struct loader l = { m, path, 0, 0, 0, &e };
	const char *slash = strrchr(path, '/');
	struct csvread *r;
	FILE *fp;
	int rc = -1;

	memset(m, 0, sizeof(*m));
	l.dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	if ((fp = fopen(path, "rb")) == NULL)
		return seterr(err, CREDAUDIT_ERR_USAGE, path, 0, 0,
		              "%.400s: manifest: cannot open: %s", path, strerror(errno));
	if ((r = csvread_new(path, 4096, 8, on_record, &l, &e)) != NULL)
		rc = feed(&l, fp, r);
	csvread_free(r);
	fclose(fp);
	if (rc == 0 && (m->path = ca_strdup(path)) == NULL)
		rc = seterr_nomem(&e, path);
	if (rc == -1) {
		/* the CSV reader's own errors name the line and field too */
		if (e.code == CREDAUDIT_ERR_INPUT)
			seterr(err, CREDAUDIT_ERR_USAGE, path, e.line, e.column,
			       "%.400s:%lu:%lu: manifest: %.500s", path, e.line, e.column, e.text);
		else if (err != NULL && err->code == 0)
			*err = e;
		manifest_free(m);
	}
	return rc;
}

const struct manifest_entry *
manifest_match(const struct manifest *m, int fd)
{
	struct stat st;
	size_t i;

	if (m->n == 0 || fd < 0 || fstat(fd, &st) == -1 || !S_ISREG(st.st_mode))
		return NULL;
	for (i = 0; i < m->n; i++)
		if (m->v[i].found && m->v[i].dev == st.st_dev && m->v[i].ino == st.st_ino)
			return &m->v[i];
	return NULL;
}

void
manifest_free(struct manifest *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		ca_free(m->v[i].path);
	ca_free(m->v);
	ca_free(m->path);
	memset(m, 0, sizeof(*m));
}
