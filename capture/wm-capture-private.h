/* wm-capture-private.h — helpers shared inside the capture library
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs @func on @context's thread, always later: unlike g_main_context_invoke() it never
 * runs @func right away on a worker thread that happens to be able to acquire an idle
 * context, which would emit signals on the wrong thread. */
static inline void
wm_capture_run_on_context (GMainContext   *context,
                           GSourceFunc     func,
                           gpointer        data,
                           GDestroyNotify  destroy)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_HIGH);
  g_source_set_callback (source, func, data, destroy);
  g_source_set_static_name (source, "[waymark] capture hand-over");
  g_source_attach (source, context);
  g_source_unref (source);
}

G_END_DECLS
