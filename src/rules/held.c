/*
 * held.c - rows held for the age rules, carved from blocks freed together.
 */
#define _DEFAULT_SOURCE   /* madvise */
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "base/util.h"
#include "rules/held.h"

/* A held row: the lengths of the planned columns, then their text, each
 * NUL-terminated, in one allocation: about the row's own size.  A length
 * takes 7 bits a byte, the low ones first, the top bit set on every byte
 * but its last: one byte for a field under 128 bytes, where a size_t took
 * eight (a quarter of a 5,000-user report's held memory, and in a
 * virtual machine every fresh page costs a fault). */
struct held_row {
	struct held_row *next;
	unsigned long line;
	int is_root;
	unsigned lensize;       /* the bytes of lens */
	unsigned char lens[];   /* then the texts */
};

/* A report holds at most one row per IAM user: a few MB at most. */
struct held_block {
	struct held_block *next;
	size_t used, cap;
	max_align_t data[];
};

#define HELD_BLOCK 65536

/*
 * Fault in the whole pages of a new block at once: the rows are copied in
 * right after, and one madvise costs less than a page fault per 4 KiB
 * (half the CPU time of a 5,000-user report went to those faults in a
 * virtual machine).  Only a hint: where the kernel lacks it (before
 * Linux 5.14), the pages fault in as they are written.
 */
static void
prefault(void *p, size_t n)
{
#ifdef MADV_POPULATE_WRITE
	long size = sysconf(_SC_PAGESIZE);
	uintptr_t page = size > 0 ? (uintptr_t)size : 4096;
	uintptr_t b = ((uintptr_t)p + page - 1) & ~(page - 1);
	uintptr_t e = ((uintptr_t)p + n) & ~(page - 1);

	if (e > b)
		(void)madvise((void *)b, e - b, MADV_POPULATE_WRITE);
#else
	(void)p;
	(void)n;
#endif
}

/* size bytes for a held row, aligned; NULL when memory ran out. */
static void *
block_alloc(struct held_block **head, size_t size)
{
	struct held_block *k = *head;
	size_t a = _Alignof(struct held_row);

	size = (size + a - 1) / a * a;
	if (k == NULL || k->cap - k->used < size) {
		size_t cap = size > HELD_BLOCK ? size : HELD_BLOCK;

		if ((k = ca_malloc(sizeof(*k) + cap)) == NULL)
			return NULL;
		/* a report's first blocks are most often the last report's,
		 * their pages in already: only a large report's third block
		 * and on are asked for (a system call per block of every
		 * report would cost more than it saves) */
		if (*head != NULL && (*head)->next != NULL)
			prefault(k, sizeof(*k) + cap);
		k->next = *head;
		k->used = 0;
		k->cap = cap;
		*head = k;
	}
	k->used += size;
	return (char *)k->data + k->used - size;
}

int
held_plan(struct held *h, const struct evaluation *ev, uint32_t present)
{
	uint32_t cols = COLBIT(COL_USER) | COLBIT(COL_ARN);
	size_t i;

	for (i = 0; i < ev->nrules; i++) {
		const struct rule *r = ev->rules[i];

		if (!ev->runnable[i] || !r->needs_as_of)
			continue;
		h->rule[h->nrule++] = (unsigned char)i;   /* i < MAX_RULES */
		cols |= r->needs;
		h->root |= r->scope != SCOPE_USERS;
		h->users |= r->scope != SCOPE_ROOT;
	}
	for (i = 0; i < NCOLS; i++)
		if (present & cols & COLBIT(i))
			h->col[h->ncol++] = (unsigned char)i;
	return h->nrule > 0;
}

/* The bytes of length n as written by put_len. */
static size_t
len_size(size_t n)
{
	size_t b = 1;

	while (n >= 0x80) {
		n >>= 7;
		b++;
	}
	return b;
}

static unsigned char *
put_len(unsigned char *p, size_t n)
{
	while (n >= 0x80) {
		*p++ = (unsigned char)(n | 0x80);
		n >>= 7;
	}
	*p++ = (unsigned char)n;
	return p;
}

/* A length of two bytes or more (get_len reads one-byte lengths itself). */
static const unsigned char *
get_long_len(const unsigned char *p, size_t *n)
{
	size_t v = 0;
	unsigned shift = 0;

	while (*p & 0x80) {
		v |= (size_t)(*p++ & 0x7f) << shift;
		shift += 7;
	}
	*n = v | (size_t)*p++ << shift;
	return p;
}

static inline const unsigned char *
get_len(const unsigned char *p, size_t *n)
{
	if (*p < 0x80) {
		*n = *p;
		return p + 1;
	}
	return get_long_len(p, n);
}

/* A new held row of size bytes, linked last; NULL when memory ran out. */
static struct held_row *
row_new(struct held *h, size_t size)
{
	struct held_row *k = block_alloc(&h->blocks, size);

	if (k == NULL)
		return NULL;
	k->next = NULL;
	if (h->last != NULL)
		h->last->next = k;
	else
		h->first = k;
	h->last = k;
	return k;
}

/*
 * The planned columns of row into k: their lengths (one byte each when
 * short), then their texts.  Columns whose texts lie one after the other a
 * byte apart (as a record's NUL-terminated fields do) are copied at once;
 * each is NUL-terminated here all the same.  The addresses are compared as
 * numbers: the texts need not be parts of one array.
 */
static void
row_fill(const struct held *h, struct held_row *k, const struct row *row,
         int short_lens)
{
	const unsigned char *col = h->col;
	size_t j, e, ncol = h->ncol;
	unsigned char *l = k->lens;
	char *p = (char *)l + k->lensize;

	for (j = 0; j < ncol; j = e) {
		const char *from = row->f[col[j]];
		size_t bytes = row->n[col[j]];   /* up to the last one's NUL */

		for (e = j + 1; e < ncol && (uintptr_t)row->f[col[e]] ==
		     (uintptr_t)from + bytes + 1; e++)
			bytes += row->n[col[e]] + 1;
		memcpy(p, from, bytes);
		for (; j < e; j++) {
			size_t n = row->n[col[j]];

			if (short_lens)
				*l++ = (unsigned char)n;
			else
				l = put_len(l, n);
			p += n;
			*p++ = '\0';
		}
	}
}

int
held_add(struct held *h, const struct row *row, struct credaudit_error *err)
{
	const unsigned char *col = h->col;
	size_t j, ncol = h->ncol, text = 0, lens = ncol, longest = 0;
	struct held_row *k;

	if (row->is_root ? !h->root : !h->users)
		return 0;
	for (j = 0; j < ncol; j++) {
		text += row->n[col[j]] + 1;   /* fields are capped: no overflow */
		longest |= row->n[col[j]];
	}
	if (longest >= 0x80)   /* then some lengths take more than a byte */
		for (lens = j = 0; j < ncol; j++)
			lens += len_size(row->n[col[j]]);
	if ((k = row_new(h, sizeof(*k) + lens + text)) == NULL)
		return seterr_nomem(err, row->file);
	k->line = row->line;
	k->is_root = row->is_root;
	k->lensize = (unsigned)lens;   /* at most ten bytes a column */
	row_fill(h, k, row, longest < 0x80);
	return 0;
}

int
held_eval(const struct held *h, const struct evaluation *ev,
          const struct row *proto)
{
	const struct held_row *k;
	const unsigned char *col = h->col;
	size_t i, j, ncol = h->ncol;
	struct row row;

	/* every held row has the same columns: the rest stays absent */
	memset(&row, 0, sizeof(row));
	row.file = proto->file;
	memcpy(row.fieldno, proto->fieldno, sizeof(row.fieldno));
	for (k = h->first; k != NULL; k = k->next) {
		const unsigned char *l = k->lens;
		const char *p = (const char *)l + k->lensize;

		row.line = k->line;
		row.is_root = k->is_root;
		for (j = 0; j < ncol; j++) {
			size_t n;

			l = get_len(l, &n);
			row.f[col[j]] = p;
			row.n[col[j]] = n;
			p += n + 1;
		}
		for (i = 0; i < h->nrule; i++)
			if (eval_in_scope(ev->rules[h->rule[i]], row.is_root) &&
			    eval_rule(ev, h->rule[i], &row) == -1)
				return -1;
	}
	return 0;
}

struct held_block *
held_take(struct held *h)
{
	struct held_block *b = h->blocks;

	h->blocks = NULL;
	h->first = h->last = NULL;
	return b;
}

void
held_blocks_free(struct held_block *b)
{
	while (b != NULL) {
		struct held_block *next = b->next;

		ca_free(b);
		b = next;
	}
}

void
held_free(struct held *h)
{
	held_blocks_free(held_take(h));
}
