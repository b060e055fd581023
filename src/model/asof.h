/*
 * asof.h - the moment a report is judged at, and the bound of its
 * timestamps.
 *
 * The as-of time is known before the rows (--as-of, the clock, the
 * GeneratedTime of a JSON wrapper) or, failing that, it is the latest
 * timestamp of the report, known only after the last row.  No timestamp of
 * a past moment may be later than the as-of time (or, with none stated,
 * than the clock when the audit was set up) when the verdict depends on
 * time.
 */
#ifndef CREDAUDIT_ASOF_H
#define CREDAUDIT_ASOF_H

#include <stdint.h>

#include "credaudit.h"
#include "model/model.h"

struct asof {
	int64_t as_of;
	enum credaudit_asof_source source;
	int64_t latest;                 /* the latest timestamp so far */
	int have_latest;
	char latest_text[32];           /* latest as YYYY-MM-DDTHH:MM:SSZ */
	int64_t bound;                  /* no timestamp may be later: the as-of
	                                   moment, or the clock when none is
	                                   stated (known with the header) */
	int judge_time;                 /* a rule that runs judges age: every
	                                   timestamp must precede the bound */
};

/* Start with the as-of time of the options (source NONE: not stated). */
void asof_init(struct asof *t, int64_t as_of, enum credaudit_asof_source source);

/*
 * With the header, before any row: judge_time says whether a rule that
 * can run judges age; generated is the report's GeneratedTime (NULL when
 * it has none), the as-of time unless one was given; clock bounds a
 * report without an as-of time.  0, or -1 with err filled (file) when the
 * report was generated after the clock.
 */
int asof_start(struct asof *t, int judge_time, const int64_t *generated,
               int64_t clock, const char *file, struct credaudit_error *err);

/*
 * Note the timestamps of row: the latest so far and, when time is judged,
 * refuse one later than the bound (the leftmost such cell of the row),
 * every column of past moments whether a rule reads it or not.  Text that
 * is not a timestamp is left to the rules that read it.  0, or -1 with err
 * filled.
 */
int asof_note_row(struct asof *t, const struct row *row,
                  struct credaudit_error *err);

/* After the last row: with no as-of time stated, the latest timestamp
 * (if any) becomes it. */
void asof_settle(struct asof *t);

#endif
