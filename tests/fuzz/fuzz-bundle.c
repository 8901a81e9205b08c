/* fuzz-bundle.c — libFuzzer target: any bytes given to the bundle reader (and, when it
 * accepts them, to the import) must be refused cleanly or imported, never crash
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "wm-bundle.h"

static WmStore *store;

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autofree char *dir = g_dir_make_tmp ("wm-fuzz-bundle-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  store = wm_store_open (path, NULL);
  g_assert (store != NULL);

  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmBundle) bundle = wm_bundle_new_from_bytes (bytes, &error);
  WmTutorial *t;

  if (bundle == NULL)
    {
      /* Refusals are one line a person can read. */
      g_assert (error != NULL && strchr (error->message, '\n') == NULL);
      return 0;
    }

  /* Accepted: it must import, and leave the library as it found it once deleted. */
  t = wm_bundle_get_tutorial (bundle);
  if (wm_bundle_import (bundle, store, NULL, NULL, &error))
    g_assert (wm_store_delete_tutorial (store, wm_tutorial_get_id (t), NULL));
  else
    g_assert (error != NULL);

  return 0;
}
