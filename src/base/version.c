/* version.c - the version of the library linked in. */
#include "credaudit.h"

const char *
credaudit_version(void)
{
	return CREDAUDIT_VERSION;
}
