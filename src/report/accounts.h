/*
 * accounts.h - the per-account summary of a run: for each account the
 * number of audited reports, the period their as-of times cover and the
 * worst outcome of each rule (fail over not evaluated over pass).  Kept by
 * every renderer; memory grows with the number of accounts, not reports.
 */
#ifndef CREDAUDIT_ACCOUNTS_H
#define CREDAUDIT_ACCOUNTS_H

#include <stddef.h>
#include <stdint.h>

#include "credaudit.h"
#include "rules/rules.h"

struct account_sum {
	char *account, *partition;
	size_t reports;
	int have_period;
	int64_t from, to;              /* earliest and latest as-of */
	size_t nrules;
	const char *rule[MAX_RULES];   /* rule ids, static strings */
	int worst[MAX_RULES];          /* enum credaudit_status, -1: none */
};

struct accounts {
	struct account_sum *a;         /* sorted by account, then partition */
	size_t n, cap;
};

/* Count an audited report (reports in error are ignored).  0 or -1. */
int accounts_add(struct accounts *s, const struct credaudit_report *rep);
void accounts_free(struct accounts *s);

struct credaudit_render;
/* The summary as text lines ("  ACCOUNT (PARTITION): ..."). */
int accounts_text(struct credaudit_render *r, const struct accounts *s);
/* The summary as a JSON array (a jansson json_t *), NULL on no memory. */
void *accounts_json(const struct accounts *s);

#endif
