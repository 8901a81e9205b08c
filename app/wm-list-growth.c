/* wm-list-growth.c — a long list shown one screenful first, then grown in idles
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8's list view makes a row widget for up to ~256 items of a long model at once, so a
 * window that shows a long list in its first frame pays for all of them. The library and
 * the editor's step list start with a slice of one screenful and grow it a few rows per
 * low-priority idle: no single main-loop turn makes every row.
 */
#include "config.h"

#include "wm-list-growth.h"

#define GTK_MAX_ROWS 256

gboolean
wm_list_grow_slice (GtkSliceListModel *slice,
                    guint              rows)
{
  guint size;

  g_return_val_if_fail (GTK_IS_SLICE_LIST_MODEL (slice), FALSE);

  size = gtk_slice_list_model_get_size (slice);
  if (size != G_MAXUINT && size + rows < GTK_MAX_ROWS)
    {
      gtk_slice_list_model_set_size (slice, size + rows);
      return TRUE;
    }

  gtk_slice_list_model_set_size (slice, G_MAXUINT);
  return FALSE;
}
