/*
 * baseline.c - the findings of an earlier -f json output (see baseline.h).
 * The document is parsed whole, its findings' keys kept, the document
 * freed before any report is read.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "report/baseline.h"
#include "rules/jsonfile.h"

#define MAX_BASELINE_FILE (256u << 20)

static int
bad(struct credaudit_error *err, const char *path, const char *what)
{
	return seterr(err, CREDAUDIT_ERR_USAGE, path, 0, 0,
	              "%.400s: baseline: %s (--baseline takes an earlier credaudit "
	              "-f json output, schema_version 2)", path, what);
}

static uint64_t
fnv(uint64_t h, const char *s)
{
	/* the terminating NUL is hashed too: "ab","c" differs from "a","bc" */
	do
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	while (*s++ != '\0');
	return h;
}

static uint64_t
key_hash(const char *account, const char *partition, const char *rule, const char *user,
         const char *cred)
{
	uint64_t h = 14695981039346656037u;

	h = fnv(fnv(fnv(fnv(h, account), partition), rule), user);
	return cred ? fnv(h, cred) : (h ^ 0xffu) * 1099511628211u;
}

static int
same(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

long
baseline_find(const struct baseline *b, const char *account, const char *partition,
              const char *rule, const char *user, const char *cred)
{
	size_t i;

	if (b->nslot == 0 || account == NULL || partition == NULL)
		return -1;
	for (i = key_hash(account, partition, rule, user, cred) & (b->nslot - 1);
	     b->slot[i] != 0; i = (i + 1) & (b->nslot - 1)) {
		const struct credaudit_resolved *r = &b->v[b->slot[i] - 1];

		if (strcmp(r->account, account) == 0 && strcmp(r->partition, partition) == 0 &&
		    strcmp(r->rule, rule) == 0 &&
		    strcmp(r->user, user) == 0 && same(r->credential, cred))
			return (long)(b->slot[i] - 1);
	}
	return -1;
}

/* Put entry index (1-based) of r in the table. */
static void
insert(size_t *slot, size_t nslot, const struct credaudit_resolved *r, size_t index)
{
	size_t j;

	for (j = key_hash(r->account, r->partition, r->rule, r->user, r->credential) &
	         (nslot - 1);
	     slot[j] != 0; j = (j + 1) & (nslot - 1))
		;
	slot[j] = index;
}

/* Room for one more entry and a table at most half full. */
static int
grow(struct baseline *b)
{
	size_t i, nslot;
	size_t *slot;

	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		struct credaudit_resolved *v = ca_realloc(b->v, cap * sizeof(*v));

		if (v == NULL)
			return -1;
		b->v = v;
		b->cap = cap;
	}
	if (2 * (b->n + 1) <= b->nslot)
		return 0;
	nslot = b->nslot ? b->nslot * 2 : 128;
	if ((slot = ca_calloc(nslot, sizeof(*slot))) == NULL)
		return -1;
	for (i = 0; i < b->n; i++)
		insert(slot, nslot, &b->v[i], i + 1);
	ca_free(b->slot);
	b->slot = slot;
	b->nslot = nslot;
	return 0;
}

/* A string member, or NULL. */
static const char *
str(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	return json_is_string(v) && strlen(json_string_value(v)) == json_string_length(v) ?
	       json_string_value(v) : NULL;
}

/* One finding of an audited input: kept once per key.  0, -1 memory, -2 bad. */
static int
add_finding(struct baseline *b, const json_t *f, const char *file, const char *account,
            const char *partition)
{
	struct credaudit_resolved r;
	const json_t *cred = json_object_get(f, "credential");
	const char *sev = str(f, "severity");

	memset(&r, 0, sizeof(r));
	r.rule = str(f, "rule");
	r.user = str(f, "user");
	r.arn = str(f, "arn");
	r.credential = str(f, "credential");
	if (!json_is_object(f) || r.rule == NULL || r.user == NULL || sev == NULL ||
	    credaudit_severity_parse(sev, &r.severity) == -1 ||
	    (!json_is_null(cred) && r.credential == NULL))
		return -2;
	if (baseline_find(b, account, partition, r.rule, r.user, r.credential) >= 0)
		return 0;
	if (grow(b) == -1 ||
	    (r.account = arena_strdup(&b->strings, account)) == NULL ||
	    (r.partition = arena_strdup(&b->strings, partition)) == NULL ||
	    (r.rule = arena_strdup(&b->strings, r.rule)) == NULL ||
	    (r.user = arena_strdup(&b->strings, r.user)) == NULL ||
	    (r.arn != NULL && (r.arn = arena_strdup(&b->strings, r.arn)) == NULL) ||
	    (r.credential != NULL &&
	     (r.credential = arena_strdup(&b->strings, r.credential)) == NULL) ||
	    (r.file = arena_strdup(&b->strings, file)) == NULL)
		return -1;
	b->v[b->n++] = r;
	insert(b->slot, b->nslot, &r, b->n);
	return 0;
}

/* The findings of every audited input.  0, or -1 with err filled. */
static int
load_inputs(struct baseline *b, const json_t *inputs, const char *path,
            struct credaudit_error *err)
{
	size_t i, j;

	for (i = 0; i < json_array_size(inputs); i++) {
		const json_t *in = json_array_get(inputs, i), *fs = json_object_get(in, "findings");
		const char *status = str(in, "status"), *file = str(in, "file");
		const char *account = str(in, "account"), *partition = str(in, "partition");
		char what[96];

		snprintf(what, sizeof(what), "input %zu is not an input of credaudit's JSON", i + 1);
		if (!json_is_object(in) || status == NULL || file == NULL)
			return bad(err, path, what);
		if (strcmp(status, "audited") != 0)
			continue;
		if (account == NULL || partition == NULL || !json_is_array(fs))
			return bad(err, path, what);
		for (j = 0; j < json_array_size(fs); j++) {
			int rc = add_finding(b, json_array_get(fs, j), file, account, partition);

			snprintf(what, sizeof(what), "input %zu, finding %zu is not a "
			         "finding of credaudit's JSON", i + 1, j + 1);
			if (rc == -1)
				return seterr_nomem(err, path);
			if (rc == -2)
				return bad(err, path, what);
		}
	}
	return 0;
}

int
baseline_load(struct baseline *b, const char *path, struct credaudit_error *err)
{
	json_t *root;
	const json_t *tool;
	int rc;

	memset(b, 0, sizeof(*b));
	if (jsonfile_load(path, "baseline", MAX_BASELINE_FILE, b->sha256, &root, err) == -1)
		return -1;
	tool = json_object_get(root, "tool");
	if (!json_is_object(root) || str(tool, "name") == NULL ||
	    strcmp(str(tool, "name"), "credaudit") != 0 ||
	    !json_is_array(json_object_get(root, "inputs")))
		rc = bad(err, path, "not a credaudit JSON output");
	else if (!json_is_integer(json_object_get(root, "schema_version")) ||
	         json_integer_value(json_object_get(root, "schema_version")) != 2)
		rc = bad(err, path, "schema_version is not 2");
	else
		rc = load_inputs(b, json_object_get(root, "inputs"), path, err);
	json_decref(root);
	if (rc == 0 && (b->path = ca_strdup(path)) == NULL)
		rc = seterr_nomem(err, path);
	if (rc == -1)
		baseline_free(b);
	return rc;
}

void
baseline_free(struct baseline *b)
{
	ca_free(b->path);
	ca_free(b->v);
	ca_free(b->slot);
	arena_free(&b->strings);
	memset(b, 0, sizeof(*b));
}
