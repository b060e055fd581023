/* redact.c - the pseudonym table of --redact (see redact.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "render/redact.h"

#define ROOT_USER "<root_account>"

struct entry {
	char *name;       /* NULL: free slot */
	size_t len;
	unsigned long id; /* 1, 2, ... in order of first appearance */
};

struct redact {
	struct entry *slots;
	size_t cap;       /* power of two */
	size_t used;
};

struct redact *
redact_new(void)
{
	struct redact *rd = ca_calloc(1, sizeof(*rd));

	if (rd == NULL)
		return NULL;
	rd->cap = 64;
	if ((rd->slots = ca_calloc(rd->cap, sizeof(*rd->slots))) == NULL) {
		ca_free(rd);
		return NULL;
	}
	return rd;
}

void
redact_free(struct redact *rd)
{
	size_t i;

	if (rd == NULL)
		return;
	for (i = 0; i < rd->cap; i++)
		ca_free(rd->slots[i].name);
	ca_free(rd->slots);
	ca_free(rd);
}

/* FNV-1a: only spreads names over slots, the pseudonym is the order. */
static size_t
hash(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037u;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return (size_t)h;
}

static struct entry *
slot(struct entry *slots, size_t cap, const char *name, size_t n)
{
	size_t i = hash(name, n) & (cap - 1);

	while (slots[i].name != NULL &&
	       (slots[i].len != n || memcmp(slots[i].name, name, n) != 0))
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

/* Double the table when it is half full.  0 or -1. */
static int
grow(struct redact *rd)
{
	struct entry *old = rd->slots, *ns;
	size_t i, cap = rd->cap;

	if (rd->used + 1 <= cap / 2)
		return 0;
	if (cap > SIZE_MAX / 2 / sizeof(*ns) ||
	    (ns = ca_calloc(cap * 2, sizeof(*ns))) == NULL)
		return -1;
	for (i = 0; i < cap; i++)
		if (old[i].name != NULL)
			*slot(ns, cap * 2, old[i].name, old[i].len) = old[i];
	ca_free(old);
	rd->slots = ns;
	rd->cap = cap * 2;
	return 0;
}

int
redact_name(struct redact *rd, struct buf *out, const char *name, size_t n)
{
	struct entry *e;

	if (n == strlen(ROOT_USER) && memcmp(name, ROOT_USER, n) == 0)
		return buf_add(out, name, n);
	if (grow(rd) == -1)
		return -1;
	e = slot(rd->slots, rd->cap, name, n);
	if (e->name == NULL) {
		if ((e->name = ca_malloc(n + 1)) == NULL)
			return -1;
		memcpy(e->name, name, n);
		e->name[n] = '\0';
		e->len = n;
		e->id = (unsigned long)++rd->used;
	}
	return buf_printf(out, "user-%04lu", e->id);
}

/* Characters of an ARN token in free text, and of an IAM name. */
static int
arn_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || strchr("+=,.@_-/:", c) != NULL;
}

static int
name_char(unsigned char c)
{
	return c != '/' && c != ':' && c != '\0' && arn_char(c);
}

/* Offset just past the 5th ':' of an ARN ("arn:p:iam::acct:"), or 0. */
static size_t
resource_start(const char *arn, size_t n)
{
	size_t i, colons = 0;

	for (i = 0; i < n; i++)
		if (arn[i] == ':' && ++colons == 5)
			return i + 1;
	return 0;
}

/* redact_arn over arn[0..n). */
static int
arn_n(struct redact *rd, struct buf *out, const char *arn, size_t n)
{
	size_t res = resource_start(arn, n), last;

	if (res == 0 || (n - res == 4 && memcmp(arn + res, "root", 4) == 0))
		return res == 0 ? redact_name(rd, out, arn, n) : buf_add(out, arn, n);
	if (n - res >= 5 && memcmp(arn + res, "user/", 5) == 0) {
		for (last = n; last > res + 5 && arn[last - 1] != '/'; last--)
			;
		if (buf_add(out, arn, res + 5) == -1)
			return -1;
		return redact_name(rd, out, arn + last, n - last);
	}
	if (buf_add(out, arn, res) == -1)
		return -1;
	return redact_name(rd, out, arn + res, n - res);
}

int
redact_arn(struct redact *rd, struct buf *out, const char *arn)
{
	return arn_n(rd, out, arn, strlen(arn));
}

/* Whether a name ends at s[j]: no name character follows, or only a '.'
 * or ',' that ends a sentence or clause. */
static int
ends_name(const char *s, size_t j)
{
	if ((s[j] == '.' || s[j] == ',') && !name_char((unsigned char)s[j + 1]))
		return 1;
	return !name_char((unsigned char)s[j]);
}

int
redact_user_arn(struct redact *rd, struct buf *out, const char *arn, const char *user)
{
	size_t n = strlen(arn), un = user ? strlen(user) : 0;
	size_t res = resource_start(arn, n);

	if (un > 0 && res > 0 && n - res >= 5 + un && memcmp(arn + res, "user/", 5) == 0 &&
	    memcmp(arn + n - un, user, un) == 0 && arn[n - un - 1] == '/') {
		if (buf_add(out, arn, res + 5) == -1)
			return -1;
		return redact_name(rd, out, user, un);
	}
	return arn_n(rd, out, arn, n);
}

int
redact_text(struct redact *rd, struct buf *out, const char *s, const char *user)
{
	size_t i = 0, n = strlen(s), un = user ? strlen(user) : 0;
	int redact_user = un > 0 && strcmp(user, ROOT_USER) != 0;

	while (i < n) {
		int at_start = i == 0 || !name_char((unsigned char)s[i - 1]);
		size_t j;

		if (at_start && n - i > 4 && memcmp(s + i, "arn:", 4) == 0) {
			for (j = i; j < n && arn_char((unsigned char)s[j]); j++)
				;
			while (s[j - 1] == '.' || s[j - 1] == ',')
				j--;   /* punctuation of the sentence, not the ARN */
			if (arn_n(rd, out, s + i, j - i) == -1)
				return -1;
			i = j;
		} else if (at_start && redact_user && n - i >= un &&
		           memcmp(s + i, user, un) == 0 &&
		           ends_name(s, i + un)) {
			if (redact_name(rd, out, user, un) == -1)
				return -1;
			i += un;
		} else if (buf_addc(out, s[i++]) == -1) {
			return -1;
		}
	}
	return 0;
}
