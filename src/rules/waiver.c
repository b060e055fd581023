/*
 * waiver.c - the waiver file: a JSON object {"waivers": [entry, ...]}, each
 * entry {"rule", "account", "user"?, "justification", "owner", "expires"}.
 * Everything is checked when the audit is set up, so a bad file stops the
 * run before any report is read (a usage error, exit 2).
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"
#include "base/util.h"
#include "rules/jsonfile.h"
#include "rules/waiver.h"

#define DAY 86400

static const char *const known_keys[] = {
	"rule", "account", "user", "justification", "owner", "expires"
};

static int
bad(struct credaudit_error *err, const char *path, size_t entry, const char *what,
    const char *detail)
{
	return seterr(err, CREDAUDIT_ERR_USAGE, path, 0, 0,
	              "%.400s: waiver %zu: %s%s%.200s", path, entry, what,
	              detail ? ": " : "", detail ? detail : "");
}

/* A required (or optional) non-empty string member into *out. */
static int
member(json_t *o, const char *key, int required, char **out, const char *path,
       size_t entry, struct credaudit_error *err)
{
	json_t *v = json_object_get(o, key);

	*out = NULL;
	if (v == NULL && !required)
		return 0;
	if (v == NULL)
		return seterr(err, CREDAUDIT_ERR_USAGE, path, 0, 0,
		              "%.400s: waiver %zu: no \"%s\" (every waiver needs rule, "
		              "account, justification, owner and expires)", path, entry, key);
	if (!json_is_string(v) || json_string_length(v) == 0 ||
	    strlen(json_string_value(v)) != json_string_length(v))
		return seterr(err, CREDAUDIT_ERR_USAGE, path, 0, 0,
		              "%.400s: waiver %zu: \"%s\" must be a non-empty string",
		              path, entry, key);
	if ((*out = ca_strdup(json_string_value(v))) == NULL)
		return seterr_nomem(err, path);
	return 0;
}

/* "2025-06-30" applies through that day; a time, until that moment. */
static int
parse_expiry(struct waiver *wv, const char *path, size_t entry,
             struct credaudit_error *err)
{
	if (credaudit_time_parse(wv->expires_text, &wv->expires) == -1)
		return bad(err, path, entry, "\"expires\" is not a date (YYYY-MM-DD) "
		           "or UTC time", wv->expires_text);
	if (strlen(wv->expires_text) == 10)
		wv->expires += DAY;
	return 0;
}

static int
load_entry(json_t *o, struct waiver *wv, const char *path, size_t entry,
           struct credaudit_error *err)
{
	const char *key;
	json_t *v;
	size_t i;

	if (!json_is_object(o))
		return bad(err, path, entry, "not a JSON object", NULL);
	json_object_foreach(o, key, v) {
		for (i = 0; i < sizeof(known_keys) / sizeof(known_keys[0]); i++)
			if (strcmp(key, known_keys[i]) == 0)
				break;
		if (i == sizeof(known_keys) / sizeof(known_keys[0]))
			return bad(err, path, entry, "unknown field", key);
	}
	if (member(o, "rule", 1, &wv->rule, path, entry, err) == -1 ||
	    member(o, "account", 1, &wv->account, path, entry, err) == -1 ||
	    member(o, "user", 0, &wv->user, path, entry, err) == -1 ||
	    member(o, "justification", 1, &wv->justification, path, entry, err) == -1 ||
	    member(o, "owner", 1, &wv->owner, path, entry, err) == -1 ||
	    member(o, "expires", 1, &wv->expires_text, path, entry, err) == -1)
		return -1;
	if (rules_find(wv->rule, strlen(wv->rule)) == NULL)
		return bad(err, path, entry, "unknown rule (see --list-rules)", wv->rule);
	if (strcmp(wv->account, "*") != 0 &&
	    !account_valid(wv->account, strlen(wv->account)))
		return bad(err, path, entry, "\"account\" must be an account id as "
		           "ARNs carry it (1 to 64 letters, digits, '.', '_', '-'; AWS "
		           "writes 12 digits) or \"*\"", wv->account);
	return parse_expiry(wv, path, entry, err);
}

#define MAX_WAIVER_FILE (16u << 20)

int
waivers_load(struct waivers *w, const char *path, struct credaudit_error *err)
{
	json_t *root, *list;
	size_t i;
	int rc = 0;

	if (jsonfile_load(path, "waiver file", MAX_WAIVER_FILE, w->sha256, &root, err) == -1)
		return -1;
	list = json_object_get(root, "waivers");
	if (!json_is_object(root) || json_object_size(root) != 1 || !json_is_array(list)) {
		json_decref(root);
		return seterr(err, CREDAUDIT_ERR_USAGE, path, 0, 0,
		              "%.400s: waiver file: expected {\"waivers\": [...]} "
		              "(docs/waivers.md)", path);
	}
	if (json_array_size(list) > 0 &&
	    (w->v = ca_calloc(json_array_size(list), sizeof(*w->v))) == NULL)
		rc = seterr_nomem(err, path);
	for (i = 0; rc == 0 && i < json_array_size(list); i++) {
		w->n = i + 1;
		rc = load_entry(json_array_get(list, i), &w->v[i], path, i + 1, err);
	}
	json_decref(root);
	if (rc == 0 && (w->path = ca_strdup(path)) == NULL)
		rc = seterr_nomem(err, path);
	if (rc == -1)
		waivers_free(w);
	return rc;
}

void
waivers_free(struct waivers *w)
{
	size_t i;

	for (i = 0; i < w->n; i++) {
		struct waiver *v = &w->v[i];

		ca_free(v->rule);
		ca_free(v->account);
		ca_free(v->user);
		ca_free(v->justification);
		ca_free(v->owner);
		ca_free(v->expires_text);
	}
	ca_free(w->v);
	ca_free(w->path);
	w->v = NULL;
	w->path = NULL;
	w->n = 0;
}

const struct waiver *
waivers_match(const struct waivers *w, const char *rule, const char *account,
              const char *user, int64_t as_of, int has_as_of, int *applies,
              size_t *index)
{
	const struct waiver *expired = NULL;
	size_t i, expired_i = 0;

	for (i = 0; i < w->n; i++) {
		const struct waiver *v = &w->v[i];

		if (strcmp(v->rule, rule) != 0 ||
		    (strcmp(v->account, "*") != 0 && strcmp(v->account, account) != 0) ||
		    (v->user != NULL && strcmp(v->user, user) != 0))
			continue;
		if (has_as_of && as_of < v->expires) {
			*applies = 1;
			*index = i;
			return v;
		}
		if (expired == NULL) {
			expired = v;
			expired_i = i;
		}
	}
	*applies = 0;
	*index = expired_i;
	return expired;
}
