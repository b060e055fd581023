/* value.h - typed values of a credential report: booleans, timestamps, states. */
#ifndef CREDAUDIT_VALUE_H
#define CREDAUDIT_VALUE_H

#include <stddef.h>
#include <stdint.h>

/* A field holds a value or one of the explicit states AWS writes. */
enum vstate {
	V_VALUE = 0,
	V_NA,              /* "N/A" */
	V_NOT_SUPPORTED,   /* "not_supported" (root password fields) */
	V_NO_INFORMATION   /* "no_information" (use before tracking began) */
};

struct vbool {
	enum vstate state;
	int value;         /* 0 or 1 when state == V_VALUE */
};

struct vtime {
	enum vstate state;
	int64_t t;         /* seconds since 1970-01-01T00:00:00Z when V_VALUE */
};

/* The explicit state spelled by s[0..n), or -1 when s is not one. */
int value_state(const char *s, size_t n);

/* "true"/"false" in any letter case, or a state.  0 on success, -1 if not. */
int value_bool(const char *s, size_t n, struct vbool *out);

/* The first and the last second of years 0001-9999, UTC: no moment outside
 * is accepted (days_from_civil(1, 1, 1) and (10000, 1, 1), times 86400). */
#define TIME_MIN (-62135596800LL)
#define TIME_MAX (253402300799LL)

/*
 * A timestamp "YYYY-MM-DDTHH:MM:SS" followed by "Z" or "+HH:MM"/"-HH:MM",
 * or a state.  Calendar-checked; second 60 is refused, and so is a moment
 * that is not within TIME_MIN..TIME_MAX once in UTC.  0 on success, -1 if
 * not.
 */
int value_time(const char *s, size_t n, struct vtime *out);

/*
 * The same parse without value_time's fast path for the forms AWS writes:
 * the reference that tests and the fuzz target compare value_time with.
 * Both accept and reject the same text, with the same result.
 */
int value_time_general(const char *s, size_t n, struct vtime *out);

/* Days since 1970-01-01 of a proleptic Gregorian date (pure integer math). */
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);

/* Inverse: date of a day number. */
void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d);

/* "YYYY-MM-DDTHH:MM:SSZ" into buf (at least 32 bytes). */
void time_format(int64_t t, char *buf, size_t size);

/* "YYYY-MM-DD" into buf (at least 16 bytes). */
void date_format(int64_t t, char *buf, size_t size);

#endif
