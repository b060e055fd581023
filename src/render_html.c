#include "render.h"
static int h_begin(struct credaudit_render *r) { (void)r; return 0; }
static int h_report(struct credaudit_render *r, const struct credaudit_report *rep) { (void)r; (void)rep; return 0; }
static int h_finish(struct credaudit_render *r) { (void)r; return 0; }
const struct render_ops render_html_ops = { "html", "x", h_begin, h_report, h_finish, NULL };
