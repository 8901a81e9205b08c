/* wm-a11y.h — names for controls that GTK 4.8 would read out as their type name
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Gives every control under @root an accessible name a screen reader can say: icon-only
 * buttons, menu buttons and drop-downs are named after their tooltip (without its
 * shortcut), and labels with a mnemonic lose the underscore. Call after the template is
 * built; controls made later name themselves. */
void wm_a11y_name_controls (GtkWidget *root);

G_END_DECLS
