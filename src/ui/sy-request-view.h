/* sy-request-view.h — a request of an approval workflow: a new one to fill
 * in and send, or one of yours on its way (with Withdraw) */
#pragma once

#include <adwaita.h>

#include "sy-engine.h"

G_BEGIN_DECLS

#define SY_TYPE_REQUEST_VIEW (sy_request_view_get_type ())
G_DECLARE_FINAL_TYPE (SyRequestView, sy_request_view, SY, REQUEST_VIEW, GtkWidget)

/* A new request of workflow `key`: its trigger's form, then Send. */
void        sy_request_view_show_new      (SyRequestView *self,
                                           SyEngine      *engine,
                                           const char    *key);
/* A request on its way: what was sent, whose tasks are open (`tasks`, of
 * SyTask, may be NULL), and Withdraw. `people` (of SyPerson) names them. */
void        sy_request_view_show_request  (SyRequestView *self,
                                           SyEngine      *engine,
                                           SyExecution   *execution,
                                           const char    *title,
                                           GPtrArray     *tasks,
                                           GPtrArray     *people);
/* The form of a new request (NULL otherwise). */
GtkWidget  *sy_request_view_get_form      (SyRequestView *self);
const char *sy_request_view_get_error     (SyRequestView *self);

/* Signals: "back" (), "done" (const char *message). */

G_END_DECLS
