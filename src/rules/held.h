/*
 * held.h - rows held back for the rules that judge age when the as-of time
 * is known only after the last row (it is then the report's latest
 * timestamp).  Only what those rules read is kept: their columns, of the
 * rows in their scope.  An IAM account holds at most 5,000 users, so this
 * stays bounded.
 */
#ifndef CREDAUDIT_HELD_H
#define CREDAUDIT_HELD_H

#include <stddef.h>
#include <stdint.h>

#include "credaudit.h"
#include "model/model.h"
#include "rules/eval.h"

struct held_row;
struct held_block;

/* Zero-initialised: holds nothing. */
struct held {
	unsigned char rule[MAX_RULES];  /* the planned rules: their indexes in
	                                   the evaluation, in order */
	size_t nrule;
	unsigned char col[NCOLS];       /* the columns kept, in column order */
	size_t ncol;
	int root, users;                /* which rows are kept */
	struct held_row *first, *last;
	struct held_block *blocks;      /* where held rows are carved from */
};

/*
 * Plan what to hold for the runnable selected rules of ev that judge age
 * (h->rule lists them), with present the COLBIT()s of the columns the
 * report has.  Whether any such rule is runnable: 1 or 0.
 */
int held_plan(struct held *h, const struct evaluation *ev, uint32_t present);
/* Hold row when it is in the scope of a planned rule.  0, or -1 with err
 * filled (out of memory). */
int held_add(struct held *h, const struct row *row, struct credaudit_error *err);
/* Run the planned rules on every held row (ev: the evaluation planned for):
 * row after row, each row's rules in order (as eval_row runs them on a
 * row read with the as-of time known).  The rows are rebuilt from proto
 * (file, field numbers).  0 or -1. */
int held_eval(const struct held *h, const struct evaluation *ev,
              const struct row *proto);
/* The memory of the held rows, now the caller's (findings that borrow the
 * rows point into it); the rows are gone from h. */
struct held_block *held_take(struct held *h);
void held_blocks_free(struct held_block *b);
void held_free(struct held *h);

#endif
