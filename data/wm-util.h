/* wm-util.h — small helpers every Waymark library shares (GLib 2.74 lacks them)
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

/* g_set_str() arrived in GLib 2.76; Debian 12 has 2.74. Replaces *str_pointer with a copy
 * of @new_str and returns TRUE when they differ, so setters notify only on real change. */
static inline gboolean
wm_set_str (char       **str_pointer,
            const char  *new_str)
{
  char *copy;

  if (*str_pointer == new_str || g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  copy = g_strdup (new_str);
  g_free (*str_pointer);
  *str_pointer = copy;

  return TRUE;
}

/* NULL for NULL or "", so optional text is stored one way. */
static inline const char *
wm_str_or_null (const char *str)
{
  return (str != NULL && *str != '\0') ? str : NULL;
}

G_END_DECLS
