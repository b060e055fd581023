/*
 * check.h - what the check functions of root.c and users.c share: reading
 * the columns of a key slot, judging ages, describing values for messages,
 * and adding a finding with its evidence.
 */
#ifndef CREDAUDIT_CHECK_H
#define CREDAUDIT_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "model/model.h"
#include "rules/eval.h"

#define DAY 86400

/* The columns of access key slot 1 or 2. */
struct keycols {
	const char *name;
	enum col active, rotated, used, region, service;
	const char *what;          /* "active access key (NAME)", for messages */
};

extern const struct keycols check_keys[2];

/*
 * Call fn for each access key slot of row whose access_key_N_active is
 * true, slot 1 first, reading each slot's flag just before its turn.  0,
 * or -1 when a flag is not true or false or fn returned -1.
 */
int check_each_active_key(const struct row *row, const struct check_ctx *cx,
                          int (*fn)(const struct row *row,
                                    const struct check_ctx *cx,
                                    const struct keycols *k, void *arg),
                          void *arg);

/* Whether the moment t lies more than days whole days before as_of. */
int check_older_than(int64_t as_of, int64_t t, int64_t days);

/* 1 when on/off column c holds "true"; 0 for "false"; -1 with err filled
 * on any other text, a state included (see row_flag). */
int check_is_true(const struct row *row, enum col c, struct credaudit_error *err);
/* Read a timestamp column that may be absent from older layouts (N/A). */
int check_optional_time(const struct row *row, enum col c, struct vtime *t,
                        struct credaudit_error *err);

/* "last used 2024-05-02", "never used", ... for last-used column c. */
void check_describe_use(const struct row *row, enum col c, const struct vtime *t,
                        char *out, size_t size);
/* " in us-east-1 for s3", leaving out what is N/A or absent. */
void check_describe_where(const struct row *row, enum col region,
                          enum col service, char *out, size_t size);
/* "created 2021-06-01" or "creation date not recorded". */
void check_describe_created(const struct vtime *t, char *out, size_t size);
/*
 * "11 days before the as-of time" or "at or after the as-of time".  When
 * whole days would read as the threshold of a rule that fails above it,
 * the age is exact ("90 days and 00:00:01"); threshold -1: whole days.
 */
void check_describe_age(int64_t as_of, int64_t t, int64_t threshold,
                        char *out, size_t size);

/* Add a finding of row with message msg; its evidence is the columns
 * cols[0..ncols) the report has.  0 or -1 (out of memory). */
int check_emit(const struct check_ctx *cx, const struct row *row,
               const char *credential, const char *msg, const enum col *cols,
               size_t ncols);

#endif
