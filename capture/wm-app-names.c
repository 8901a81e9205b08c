/* wm-app-names.c — the name people know an application by
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-capture"

#include "config.h"

#include <gio/gdesktopappinfo.h>
#include <string.h>

#include "wm-app-names.h"

G_LOCK_DEFINE_STATIC (names);
static GHashTable *names;   /* casefolded program → display name, or "" for none */

/* A program is its desktop file when the file says it is its windows' class
 * (StartupWMClass), runs it (Exec's program) or is named after it (the desktop id). */
static gboolean
is_program (GDesktopAppInfo *info,
            const char      *folded)
{
  const char *wm_class = g_desktop_app_info_get_startup_wm_class (info);
  const char *exec = g_app_info_get_executable (G_APP_INFO (info));
  const char *id = g_app_info_get_id (G_APP_INFO (info));
  g_autofree char *base = exec ? g_path_get_basename (exec) : NULL;
  g_autofree char *id_folded = id ? g_utf8_casefold (id, -1) : NULL;
  g_autofree char *class_folded = wm_class ? g_utf8_casefold (wm_class, -1) : NULL;
  g_autofree char *base_folded = base ? g_utf8_casefold (base, -1) : NULL;

  if (id_folded != NULL && g_str_has_suffix (id_folded, ".desktop"))
    id_folded[strlen (id_folded) - strlen (".desktop")] = '\0';

  return g_strcmp0 (class_folded, folded) == 0 || g_strcmp0 (base_folded, folded) == 0 ||
         g_strcmp0 (id_folded, folded) == 0;
}

/* Shown entries first: a program can have a hidden helper entry beside its own. */
static char *
find_name (const char *folded)
{
  g_autolist(GAppInfo) all = g_app_info_get_all ();
  const char *hidden = NULL;

  for (GList *l = all; l != NULL; l = l->next)
    {
      if (!G_IS_DESKTOP_APP_INFO (l->data) || !is_program (l->data, folded))
        continue;
      if (g_app_info_should_show (l->data))
        return g_strdup (g_app_info_get_name (l->data));
      if (hidden == NULL)
        hidden = g_app_info_get_name (l->data);
    }

  return g_strdup (hidden);
}

char *
wm_app_names_lookup (const char *program)
{
  g_autofree char *folded = NULL;
  const char *cached;
  char *found;

  if (program == NULL || *program == '\0')
    return NULL;

  folded = g_utf8_casefold (program, -1);
  G_LOCK (names);
  if (names == NULL)
    names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  cached = g_hash_table_lookup (names, folded);
  found = cached ? g_strdup (cached) : NULL;
  G_UNLOCK (names);

  if (found == NULL)
    {
      /* Looked up outside the lock: reading the desktop files takes a while. */
      found = find_name (folded);
      G_LOCK (names);
      g_hash_table_replace (names, g_strdup (folded), g_strdup (found ? found : ""));
      G_UNLOCK (names);
    }

  if (found != NULL && *found == '\0')
    g_clear_pointer (&found, g_free);

  return found;
}
