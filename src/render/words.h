/*
 * words.h - wording shared by the renderers, written once: the as-of
 * moment, verdicts and rule outcomes, a rule's help, where an input error
 * is, and a finding's stable identifier.
 */
#ifndef CREDAUDIT_WORDS_H
#define CREDAUDIT_WORDS_H

#include <stddef.h>
#include <stdint.h>

#include "credaudit.h"
#include "base/util.h"
#include "report/summary.h"

/* The as-of moment of rep: fills when[32] ("" when unknown), returns its
 * source. */
enum credaudit_asof_source as_of_text(const struct credaudit_report *rep,
                                      char when[32], int64_t *t);

/* Where the as-of time came from, in words. */
const char *as_of_words(enum credaudit_asof_source src);

/* "PASS", "FAIL", "ERROR". */
const char *verdict_word(enum credaudit_verdict v);

/* A rule's outcome in one word: "FAIL" (counts), "WARN" (findings below
 * --fail-on), "WAIVED", "NOT EVALUATED", "PASS". */
const char *outcome_word(enum outcome o);

/*
 * The counts behind a verdict, appended to out: " (12 findings, 3 waived,
 * 2 below --fail-on high, 1 rule not evaluated)", each part only when not
 * 0 ("" when all are).  findings counts waived ones too; below is the
 * findings neither waived nor counting.  0 or -1 (memory).
 */
int verdict_counts(struct buf *out, size_t findings, size_t waived, size_t below,
                   enum credaudit_severity fail_on, size_t not_evaluated);

/* verdict_counts of an audited report. */
int report_counts(struct buf *out, const struct credaudit_report *rep,
                  enum credaudit_severity fail_on);

/* What a failed rule's heading says before the rule's title, which states
 * the control: the failure. */
#define CONTROL_NOT_MET "control not met: "

/*
 * A rule's help as plain text into out: risk, numbered remediation steps,
 * verification, limits and references, paragraphs separated by a blank
 * line.  Appends; 0 or -1.
 */
int rule_help(struct buf *out, const struct credaudit_rule_info *ri);

/* Where an input error is, in words, into buf: "line 3, field 2", plus
 * " of the decompressed CSV" when the position counts inside a container
 * (e->where); "line 3" when no field applies, "the input as a whole" when
 * no line does. */
void error_position(const struct credaudit_error *e, char *buf, size_t size);

/* A stable identifier for s (not a secure hash): FNV-1a 64, 16 hex digits. */
void fingerprint(const char *s, char out[17]);

/* Whether an applied waiver covers f (an expired one does not). */
#define WAIVED(f) ((f)->waiver.state == CREDAUDIT_WAIVER_APPLIED)

#endif
