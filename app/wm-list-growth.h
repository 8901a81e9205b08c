/* wm-list-growth.h — a long list shown one screenful first, then grown in idles
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Grows @slice (which starts at 0, so its positions are its model's) by @rows, or to the
 * whole model once it comes near the ~256 rows GTK 4.8's list view makes for any long
 * model anyway. Returns TRUE while there is more to grow: an idle's G_SOURCE_CONTINUE. */
gboolean wm_list_grow_slice (GtkSliceListModel *slice,
                             guint              rows);

G_END_DECLS
