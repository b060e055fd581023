/*
 * report.c - a report's life and accessors: what the library found in one
 * input, read by the renderers through credaudit.h.
 */
#include <stddef.h>
#include <string.h>

#include "report/report.h"

struct credaudit_report *
report_new(const char *name, struct credaudit_error *err)
{
	struct credaudit_report *rep = ca_calloc(1, sizeof(*rep));

	if (rep == NULL || (rep->name = ca_strdup(name)) == NULL) {
		ca_free(rep);
		seterr_nomem(err, name);
		return NULL;
	}
	return rep;
}

void
report_note_root_keys(struct credaudit_report *rep, const struct row *row)
{
	static const enum col act[2] = { COL_AK1_ACTIVE, COL_AK2_ACTIVE };
	static const enum col rot[2] = { COL_AK1_LAST_ROTATED, COL_AK2_LAST_ROTATED };
	size_t i;

	for (i = 0; i < 2; i++) {
		struct vbool a;
		struct vtime t;

		if (row->f[act[i]] == NULL || row->f[rot[i]] == NULL ||
		    value_bool(row->f[act[i]], row->n[act[i]], &a) == -1 ||
		    a.state != V_VALUE ||
		    value_time(row->f[rot[i]], row->n[rot[i]], &t) == -1)
			continue;
		rep->root_keys[i].active = a.value;
		rep->root_keys[i].present = t.state == V_VALUE;
		rep->root_keys[i].created = t.state == V_VALUE ? t.t : 0;
		rep->root_keys_known[i] = 1;
	}
}

int
credaudit_report_root_key(const struct credaudit_report *rep, unsigned slot,
                          struct credaudit_root_key *key)
{
	if (rep->failed || slot < 1 || slot > 2 || !rep->root_keys_known[slot - 1])
		return -1;
	*key = rep->root_keys[slot - 1];
	return 0;
}

void
credaudit_report_free(struct credaudit_report *rep)
{
	if (rep == NULL)
		return;
	arena_free(&rep->strings);
	findings_free(&rep->findings);
	held_blocks_free(rep->held);
	ca_free(rep->name);
	ca_free(rep);
}

const char *
credaudit_report_name(const struct credaudit_report *rep)
{
	return rep->name;
}

const struct credaudit_error *
credaudit_report_error(const struct credaudit_report *rep)
{
	return rep->failed ? &rep->err : NULL;
}

int
credaudit_report_not_a_report(const struct credaudit_report *rep)
{
	return rep->failed && rep->not_report;
}

const char *
credaudit_report_account(const struct credaudit_report *rep)
{
	return rep->account;
}

const char *
credaudit_report_partition(const struct credaudit_report *rep)
{
	return rep->partition;
}

unsigned long
credaudit_report_rows(const struct credaudit_report *rep)
{
	return rep->rows;
}

unsigned long
credaudit_report_root_line(const struct credaudit_report *rep)
{
	return rep->root_line;
}

enum credaudit_asof_source
credaudit_report_as_of(const struct credaudit_report *rep, int64_t *t)
{
	if (t != NULL)
		*t = rep->as_of;
	return rep->as_of_source;
}

const char *
credaudit_asof_source_name(enum credaudit_asof_source src)
{
	static const char *const names[] = {
		"none", "option", "clock", "generated_time", "report_latest_timestamp",
		"manifest"
	};

	return (unsigned)src < 6 ? names[src] : "unknown";
}

const struct credaudit_input *
credaudit_report_input(const struct credaudit_report *rep)
{
	return rep->have_input ? &rep->input : NULL;
}

int
credaudit_report_age(const struct credaudit_report *rep, int64_t *age)
{
	if (!rep->have_input || !rep->input.has_generated_time || rep->failed ||
	    (rep->as_of_source != CREDAUDIT_ASOF_OPTION &&
	     rep->as_of_source != CREDAUDIT_ASOF_CLOCK))
		return -1;
	*age = rep->as_of - rep->input.generated_time;
	return 0;
}

size_t
credaudit_report_finding_count(const struct credaudit_report *rep)
{
	return rep->findings.n;
}

const struct credaudit_finding *
credaudit_report_finding(const struct credaudit_report *rep, size_t i)
{
	return i < rep->findings.n ? &rep->findings.v[i] : NULL;
}


size_t
credaudit_report_manifest_entry(const struct credaudit_report *rep)
{
	return rep->manifest_entry;
}

const char *
credaudit_baseline_state_name(enum credaudit_baseline_state st)
{
	static const char *const names[] = { "none", "new", "unchanged", "absent" };

	return (unsigned)st < 4 ? names[st] : "unknown";
}
