/*
 * read.c - read an input into a container within the caps.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "input/read.h"

#define READ_CHUNK 65536

static int
too_big(const struct read_caps *caps, const char *name,
        struct credaudit_error *err)
{
	return seterr(err, CREDAUDIT_ERR_INPUT, name, 0, 0,
	              "input larger than %llu bytes: not audited "
	              "(--max-input-bytes raises the cap)",
	              (unsigned long long)caps->max_input);
}

int
read_input(struct container *c, int fd, const void *buf, size_t len,
           const struct read_caps *caps, const char *name, int *complete,
           struct credaudit_error *err)
{
	uint64_t drained = 0, total = 0, cap = caps->max_decompressed;
	char *data;
	ssize_t got;
	int rc = 0;

	*complete = 1;
	if (buf != NULL && (uint64_t)len > caps->max_input) {
		*complete = 0;
		return too_big(caps, name, err);
	}
	if (buf != NULL)
		return container_push(c, buf, len);
	if ((data = ca_malloc(READ_CHUNK)) == NULL)
		return seterr_nomem(err, name);
	while ((got = read(fd, data, READ_CHUNK)) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			rc = seterr(err, CREDAUDIT_ERR_INPUT, name, 0, 0,
			            "read error: %s", strerror(errno));
			*complete = 0;
			break;
		}
		if ((total += (uint64_t)got) > caps->max_input) {
			if (rc == 0)
				rc = too_big(caps, name, err);
			*complete = 0;
			break;
		}
		if (rc == -1 && (drained += (uint64_t)got) > cap) {
			*complete = 0;
			break;
		}
		if (container_push(c, data, (size_t)got) == -1) {
			rc = -1;
			/* out of memory: the rest is not read, so not complete */
			if (err->code == CREDAUDIT_ERR_INTERNAL) {
				*complete = 0;
				break;
			}
		}
	}
	ca_free(data);
	return rc;
}

int
read_evidence(const struct container *c, int complete,
              struct credaudit_input *in, struct arena *strings)
{
	in->size = container_size(c);
	container_sha256(c, in->sha256);
	in->complete = complete;
	in->container = arena_strdup(strings, container_chain(c));
	in->tool_version = CREDAUDIT_VERSION;
	in->has_generated_time = container_generated_time(c, &in->generated_time) == 0;
	return in->container == NULL ? -1 : 0;
}
