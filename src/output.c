/* output.c - checked, atomic output for the CLI. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"

int
output_open(struct output *o, const char *path)
{
	struct stat st;
	size_t n;
	int fd, exists;
	mode_t mode, mask;

	memset(o, 0, sizeof(*o));
	if (path == NULL || strcmp(path, "-") == 0) {
		o->fp = stdout;
		return 0;
	}
	/* Only a regular file (or a new one) is replaced by rename: a device,
	 * FIFO or socket is written in place, never replaced. */
	exists = stat(path, &st) == 0;
	if (exists && !S_ISREG(st.st_mode)) {
		if ((o->fp = fopen(path, "w")) == NULL) {
			fprintf(stderr, "credaudit: cannot open %s: %s\n", path,
			        strerror(errno));
			return -1;
		}
		o->path = path;
		o->direct = 1;
		return 0;
	}
	o->path = path;
	n = strlen(path) + sizeof(".tmp.XXXXXX");
	if ((o->tmp = malloc(n)) == NULL) {
		fprintf(stderr, "credaudit: out of memory\n");
		return -1;
	}
	snprintf(o->tmp, n, "%s.tmp.XXXXXX", path);
	/* mkstemp makes the file 0600: give it the mode of the file it
	 * replaces, or of a new file (0666 less the umask, read once). */
	mask = umask(0);
	umask(mask);
	mode = exists ? st.st_mode & 0777 : 0666 & ~mask;
	if ((fd = mkstemp(o->tmp)) == -1 || fchmod(fd, mode) != 0 ||
	    (o->fp = fdopen(fd, "w")) == NULL) {
		fprintf(stderr, "credaudit: cannot create %s: %s\n", o->tmp,
		        strerror(errno));
		if (fd != -1) {
			close(fd);
			unlink(o->tmp);
		}
		free(o->tmp);
		o->tmp = NULL;
		return -1;
	}
	return 0;
}

int
output_write(void *ctx, const void *buf, size_t len)
{
	struct output *o = ctx;

	return fwrite(buf, 1, len, o->fp) == len ? 0 : -1;
}

int
output_is_terminal(const struct output *o)
{
	return o->path == NULL && isatty(fileno(o->fp));
}

int
output_commit(struct output *o)
{
	const char *name = o->path ? o->path : "standard output";
	int bad;

	if (o->path == NULL)
		return output_close_stdout() == 0 ? 0 : -1;
	bad = fflush(o->fp) != 0 || ferror(o->fp);
	if (!o->direct)
		bad |= fsync(fileno(o->fp)) != 0;
	bad |= fclose(o->fp) != 0;
	o->fp = NULL;
	if (o->direct) {
		if (bad)
			fprintf(stderr, "credaudit: cannot write %s: %s\n", name,
			        strerror(errno));
		return bad ? -1 : 0;
	}
	if (bad || rename(o->tmp, o->path) != 0) {
		fprintf(stderr, "credaudit: cannot write %s: %s\n", name, strerror(errno));
		unlink(o->tmp);
		free(o->tmp);
		o->tmp = NULL;
		return -1;
	}
	free(o->tmp);
	o->tmp = NULL;
	return 0;
}

void
output_abort(struct output *o)
{
	if (o->path == NULL) {
		fflush(stdout);
		return;
	}
	if (o->fp != NULL)
		fclose(o->fp);
	if (o->tmp != NULL) {
		unlink(o->tmp);
		free(o->tmp);
	}
	o->fp = NULL;
	o->tmp = NULL;
}

int
output_close_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
		fprintf(stderr, "credaudit: cannot write standard output: %s\n",
		        errno ? strerror(errno) : "write error");
		return 4;
	}
	return 0;
}
