/* wm-app-names.h — the name people know an application by
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The Name= of the desktop file of the application a recorder saw as @program (its
 * AT-SPI application name, executable or WM_CLASS: "gtk4-widget-factory",
 * "Gnome-text-editor"), so steps say "in Widget Factory", not "in gtk4-widget-factory";
 * NULL when no installed desktop file is it. Thread-safe; answers are cached. */
char *wm_app_names_lookup (const char *program);

G_END_DECLS
