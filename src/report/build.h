/*
 * build.h - the state of reading one input into a report, shared by the
 * builder (build.c) and the results it ends with (results.c).
 */
#ifndef CREDAUDIT_BUILD_H
#define CREDAUDIT_BUILD_H

#include "credaudit.h"
#include "csv/csvread.h"
#include "input/container.h"
#include "model/asof.h"
#include "model/header.h"
#include "model/identity.h"
#include "model/model.h"
#include "rules/eval.h"
#include "rules/held.h"
#include "report/audit.h"
#include "report/report.h"

/* Parser state while one input is read. */
struct builder {
	const struct credaudit_audit *audit;
	struct credaudit_report *rep;
	struct credaudit_error *err;   /* &rep->err */
	struct csvread *csv;           /* where the container's bytes go */
	struct container_facts facts;  /* stated by the container before the
	                                  first CSV byte */
	int have_header;
	int header_ok;                 /* it has the columns of a report */
	struct header header;
	struct row row;                /* the current row; absent columns stay
	                                  NULL, file and fieldno are set once */
	struct identity id;            /* account and partition of the report */
	int evaluable[MAX_RULES];      /* per selected rule */
	unsigned long root_line;
	struct asof time;              /* the as-of time and the bound */
	int defer;                     /* hold rows for the age rules */
	struct held held;
	struct findings findings;      /* until the report takes them */
	struct evaluation ev;
};

/* Match every finding against the waivers, once the as-of time is known.
 * 0 or -1 (out of memory). */
int apply_waivers(struct builder *b);
/* Tell each finding new or unchanged against the audit's baseline. */
void apply_baseline(struct builder *b);
/* Fill the results of the selected rules.  0 or -1 (out of memory). */
int finish_results(struct builder *b);

#endif
