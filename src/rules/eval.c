/*
 * eval.c - run the selected rules on a row and keep what they find.
 */
#include <stdlib.h>
#include <string.h>

#include "rules/eval.h"

/*
 * The text s for a finding of row: when s is one of the row's fields, one
 * copy per row that every finding of the row shares (a borrowed row's text
 * is used as it is), so findings never multiply a row's size; other text
 * is copied.  NULL when memory ran out.
 */
static const char *
row_string(struct findings *fs, const struct row *row, const char *s)
{
	size_t c;

	for (c = 0; c < NCOLS && row->f[c] != s; c++)
		;
	if (c == NCOLS)
		return arena_strdup(&fs->strings, s);
	if (fs->borrow_rows)
		return s;
	if (fs->share_line != row->line) {
		memset(fs->share_src, 0, sizeof(fs->share_src));
		fs->share_line = row->line;
	}
	if (fs->share_src[c] != s) {
		if ((fs->share_copy[c] = arena_strndup(&fs->strings, s, row->n[c])) == NULL)
			return NULL;
		fs->share_src[c] = s;
	}
	return fs->share_copy[c];
}

int
findings_add(const struct check_ctx *cx, const struct row *row,
             const char *credential, const char *message,
             const struct credaudit_kv *evidence, size_t nevidence)
{
	struct findings *fs = cx->out;
	struct credaudit_finding *f;
	size_t i;

	if (fs->n == fs->cap) {
		size_t cap = fs->cap ? fs->cap * 2 : 8;
		void *p = ca_realloc(fs->v, cap * sizeof(*f));

		if (p == NULL)
			return seterr_nomem(cx->err, row->file);
		fs->v = p;
		fs->cap = cap;
	}
	f = &fs->v[fs->n];
	memset(f, 0, sizeof(*f));
	f->rule = cx->rule->info.id;
	f->severity = cx->rule->info.severity;
	f->line = row->line;
	f->user = row_string(fs, row, row_text(row, COL_USER));
	f->arn = row_string(fs, row, row_text(row, COL_ARN));
	f->credential = credential;   /* static strings only */
	f->message = arena_strdup(&fs->strings, message);
	if (f->user == NULL || f->arn == NULL || f->message == NULL)
		return seterr_nomem(cx->err, row->file);
	for (i = 0; i < nevidence && i < CREDAUDIT_MAX_EVIDENCE; i++) {
		f->evidence[i].name = evidence[i].name;   /* static */
		f->evidence[i].value = row_string(fs, row, evidence[i].value);
		if (f->evidence[i].value == NULL)
			return seterr_nomem(cx->err, row->file);
	}
	f->nevidence = i;
	fs->n++;
	return 0;
}

static int
cmp_finding(const void *pa, const void *pb)
{
	const struct credaudit_finding *x = pa, *y = pb;
	int c;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if ((c = strcmp(x->rule, y->rule)) != 0)
		return c;
	return strcmp(x->credential ? x->credential : "",
	              y->credential ? y->credential : "");
}

void
findings_sort(struct findings *fs)
{
	if (fs->n > 1)
		qsort(fs->v, fs->n, sizeof(*fs->v), cmp_finding);
}

void
findings_truncate(struct findings *fs, size_t n)
{
	if (n < fs->n)
		fs->n = n;
}

void
findings_free(struct findings *fs)
{
	arena_free(&fs->strings);
	ca_free(fs->v);
	fs->v = NULL;
	fs->n = fs->cap = 0;
}

int
eval_rule(const struct evaluation *ev, size_t i, const struct row *row)
{
	const struct rule *r = ev->rules[i];
	struct check_ctx cx;
	size_t before = ev->out->n;

	if (!eval_in_scope(r, row->is_root))
		return 0;
	cx.rule = r;
	cx.as_of = ev->as_of;
	cx.param = ev->param[r - rules_get(0)];
	cx.out = ev->out;
	cx.err = ev->err;
	if (r->check(row, &cx) == -1)
		return -1;
	ev->results[i].nfindings += ev->out->n - before;
	return 0;
}

int
eval_row(const struct evaluation *ev, const struct row *row, int defer_age)
{
	size_t i;

	for (i = 0; i < ev->nrules; i++) {
		const struct rule *r = ev->rules[i];

		/* the scope is checked here too: most rules are not the
		 * root's, and a call out of scope costs more than the test */
		if (!ev->runnable[i] || (r->needs_as_of && defer_age) ||
		    !eval_in_scope(r, row->is_root))
			continue;
		if (eval_rule(ev, i, row) == -1)
			return -1;
	}
	return 0;
}
