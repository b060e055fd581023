/* run.c - setting up and ending a run of the audit or of history. */
#include <stdio.h>
#include <string.h>

#include "archive.h"
#include "cli.h"
#include "run.h"
#include "sandbox.h"

int
run_fail(const struct credaudit_error *e)
{
	if (e->code == CREDAUDIT_ERR_USAGE)
		return options_usage(e->text);
	cli_error(e->text);
	return e->code ? e->code : CREDAUDIT_ERR_INTERNAL;
}

/* The file an option names is the output file: 1, or 0. */
static int
same_as(const char *file, const char *outfile)
{
	/* --waivers - is the file named "-", not standard input */
	return file != NULL && walk_same_file(strcmp(file, "-") == 0 ? "./-" : file, outfile);
}

/*
 * Every file the run reads is an input that -o must not replace: the
 * reports and the file of every option that names one (--waivers,
 * --manifest, --baseline).  1 after saying which, or 0.
 */
static int
output_is_input(const char *outfile, const struct walk *w,
                const struct credaudit_opts *opts)
{
	const char *in;

	if (outfile == NULL || strcmp(outfile, "-") == 0)
		return 0;
	if ((in = walk_find(w, outfile)) == NULL && same_as(opts->waivers, outfile))
		in = opts->waivers;
	if (in == NULL && same_as(opts->manifest, outfile))
		in = opts->manifest;
	if (in == NULL && same_as(opts->baseline, outfile))
		in = opts->baseline;
	if (in == NULL)
		return 0;
	fprintf(stderr, "credaudit: -o %s is also an input (%s): refused, "
	        "nothing written\n", outfile, in);
	return 1;
}

/*
 * The register and the baseline are often kept in the evidence folder: a
 * directory walk that finds them does not take them as reports (they are
 * counted as skipped); named on the command line, they stay inputs.
 */
static int
drop_own_files(struct walk *w, const struct credaudit_opts *opts)
{
	size_t i, j = 0;
	int rc = 0;

	for (i = 0; i < w->n; i++) {
		struct walk_input *in = &w->in[i];
		int reg = opts->manifest && walk_same_file(opts->manifest, in->path);

		if (in->found && in->error == NULL &&
		    (reg || (opts->baseline && walk_same_file(opts->baseline, in->path)))) {
			rc |= walk_skip(w, in->path, CREDAUDIT_SKIP_EXCLUDED, reg ?
			                "the evidence register (--manifest) of this run" :
			                "the baseline (--baseline) of this run");
			credaudit_free(in->path);
			continue;
		}
		w->in[j++] = *in;
	}
	w->n = j;
	return rc ? -1 : 0;
}

/* Drop the output if open, free the rest; status is returned. */
static int
drop(struct run *r, int status)
{
	if (r->open)
		output_abort(&r->out);
	r->open = 0;
	credaudit_audit_free(r->audit);
	r->audit = NULL;
	walk_free(&r->w);
	return status;
}

int
run_open(struct run *r, const struct cli_opts *o)
{
	struct credaudit_error e = { 0 };
	int i;

	memset(r, 0, sizeof(*r));
	r->w.exclude = o->excludes;
	r->w.nexclude = o->nexcludes;
	r->w.max_input = o->audit.max_input;
	r->w.max_decompressed = o->audit.max_decompressed;
	r->w.archive = archive_list;
	for (i = 0; i < o->ninputs; i++)
		if (walk_add(&r->w, o->inputs[i]) == -1) {
			fputs("credaudit: out of memory\n", stderr);
			return drop(r, CREDAUDIT_ERR_INTERNAL);
		}
	if (drop_own_files(&r->w, &o->audit) == -1) {
		fputs("credaudit: out of memory\n", stderr);
		return drop(r, CREDAUDIT_ERR_INTERNAL);
	}
	if (output_is_input(o->outfile, &r->w, &o->audit))
		return drop(r, CREDAUDIT_ERR_USAGE);
	if ((r->audit = credaudit_audit_new(&o->audit, &e)) == NULL)
		return drop(r, run_fail(&e));
	if (output_open(&r->out, o->outfile) == -1)
		return drop(r, CREDAUDIT_ERR_INTERNAL);
	r->open = 1;
	/* Everything opened for writing is open: from here on the run reads
	 * (inputs are opened read-only), writes and computes, and nothing else. */
	if (o->sandbox && sandbox_enter(&e) == -1)
		return drop(r, run_fail(&e));
	return -1;
}

int
run_close(struct run *r, int status)
{
	if (status == CREDAUDIT_ERR_USAGE || status == CREDAUDIT_ERR_INTERNAL)
		return drop(r, status);
	r->open = 0;
	drop(r, status);
	return output_commit(&r->out) == -1 ? CREDAUDIT_ERR_INTERNAL : status;
}
