/*
 * history.h - the model behind credaudit_history_*: a small record of
 * every report added, and per account the derived root key history.
 * Library-internal; the renderers (src/render/history_*.c) read it.
 *
 * Reports are grouped by account and ordered by as-of time (then path).
 * For each key slot the intervals during which the root had an active key
 * are given, a key being told from its successor by its last_rotated date;
 * the moments a key appeared, was activated, deactivated, deleted or
 * replaced; the gaps between consecutive reports longer than the threshold,
 * where evidence is missing; and pairs of reports of the same account and
 * as-of time that disagree.  Unlike the audit, history keeps a small record
 * of every report in memory.
 */
#ifndef CREDAUDIT_HISTORY_H
#define CREDAUDIT_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#include "base/util.h"
#include "credaudit.h"
#include "rules/rules.h"

/* A root rule not evaluated on a report because it was not selected. */
#define HISTORY_NO_STATUS 0xff

/* What history keeps of one report: its summary. */
struct history_report {
	const char *file;
	size_t index;                /* order of adding */
	const char *account, *partition;   /* NULL when in error */
	int64_t as_of;
	enum credaudit_asof_source src;
	struct credaudit_root_key key[2];   /* slots 1 and 2 */
	/* status[i]: the credaudit_status of rule table row i when it is a
	 * root rule, else HISTORY_NO_STATUS */
	unsigned char status[MAX_RULES];
	char sha256[65];             /* of the input's bytes; "" when unread */
	const char *container;       /* layers decoded, or NULL */
	const char *error;           /* why it cannot be placed, or NULL */
	unsigned long line, column;  /* where, when error is set */
};

enum history_event_kind {
	HISTORY_APPEARED, HISTORY_ACTIVATED, HISTORY_DEACTIVATED, HISTORY_DELETED,
	HISTORY_REPLACED
};

#define HISTORY_EVENT_KINDS 5

/* "appeared", "activated", "deactivated", "deleted", "replaced". */
const char *history_event_name(enum history_event_kind k);

/* A change of one key slot between two consecutive moments. */
struct history_event {
	enum history_event_kind kind;
	unsigned slot;                /* 0 or 1 */
	int64_t time, after;          /* seen at time, not yet at after */
	const struct credaudit_root_key *key, *old;   /* old: the key before */
	const char *file;             /* the report that first shows it */
};

/* A run of consecutive moments showing one key active in a slot. */
struct history_interval {
	unsigned slot;
	const struct credaudit_root_key *key;
	int64_t from, to;             /* first and last report showing it active */
	size_t seen;                  /* moments (same-time reports count once) */
	int open;                     /* still active in the latest report */
	int64_t ended;                /* first report no longer showing it */
	const char *end;              /* "deactivated", "deleted", "replaced" */
};

/* Consecutive reports further apart than the threshold. */
struct history_gap {
	int64_t from, to;
};

/* Two reports of one moment that disagree on the root keys. */
struct history_conflict {
	int64_t time;
	const char *a, *b;            /* their file names */
};

/* A run of consecutive moments at which a root rule had one status. */
struct history_run {
	unsigned rule;                /* rule table row */
	unsigned char status;         /* enum credaudit_status */
	int64_t from, to;             /* first and last report of the run */
	size_t seen;                  /* moments */
};

/* How an account's gap threshold was set. */
#define HISTORY_GAP_FACTOR_NUM 3      /* 3/2: 1.5 times the median interval */
#define HISTORY_GAP_FACTOR_DEN 2
#define HISTORY_GAP_FLOOR 86400       /* at least one day */

/* The derived history of one account: reports [first, first + n), sorted. */
struct history_account {
	const struct history_report *first;
	size_t n;
	size_t *dupof;                /* dupof[n]: index of the report with the
	                                 same SHA-256 it duplicates, or SIZE_MAX */
	size_t ndup;                  /* duplicates: n - ndup reports count */
	size_t moments;               /* distinct report times */
	int64_t median;               /* median interval between moments (0:
	                                 fewer than two) */
	int64_t gap_limit;            /* the threshold used, in seconds */
	int gap_derived;              /* 1: from median, 0: --gap-days */
	struct history_run *run;      /* root rule runs, by rule then time */
	size_t nrun, caprun;
	size_t failing;               /* moments with a failing root rule */
	struct history_event *ev;
	size_t nev, capev;
	struct history_interval *iv;
	size_t niv, capiv;
	struct history_gap *gap;
	size_t ngap, capgap;
	struct history_conflict *cf;
	size_t ncf, capcf;
};

struct credaudit_history {
	unsigned long gap_days;       /* as given; 0: derived per account */
	int64_t gap;                  /* the same in seconds (0: derived) */
	struct history_report *r;     /* r[n]; after history_build: sorted, */
	size_t n, cap;                /* errors first (r[0..nerrors)) */
	struct arena strings;         /* the strings of r */
	size_t nerrors;
	struct history_account *acct; /* acct[nacct], valid while built */
	size_t nacct;
	int built;                    /* acct and totals match r */
	struct credaudit_history_totals totals;
};

/* ---- derive.c: pure, no I/O ---- */

/*
 * Derive the history of one account from its n reports at first (sorted by
 * as-of time, then path), reports further apart than gap seconds making a
 * gap; gap 0 derives the threshold from the account's own reports: 3/2 of
 * the median interval between consecutive report times, at least one day.
 * A report with the SHA-256 of an earlier one of its moment is a duplicate
 * and counts once.  a is overwritten; it points into first.  0, or -1 when
 * memory ran out (a is then freed).
 */
int history_derive(struct history_account *a, const struct history_report *first,
                   size_t n, int64_t gap);

/* Release what history_derive allocated; zeroes a. */
void history_account_free(struct history_account *a);

/* Sort reports: those in error first in adding order, then by account,
 * partition, as-of time and path. */
void history_sort(struct history_report *r, size_t n);

/* ---- history.c ---- */

/*
 * Add a copy of summary s (its strings duplicated; index is set here).
 * 0, or -1 with err filled when memory ran out.
 */
int history_add_summary(struct credaudit_history *h, const struct history_report *s,
                        struct credaudit_error *err);

/* Sort, group and derive every account, and count totals, unless already
 * done since the last add.  0, or -1 with err filled (memory). */
int history_build(struct credaudit_history *h, struct credaudit_error *err);

#endif
