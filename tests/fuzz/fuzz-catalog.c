/* fuzz-catalog.c — libFuzzer target: catalog.json and its parts come from a share anyone may
 * write to; the parser takes what Waymark writes, refuses anything else with one line, and
 * never crashes, recurses without bound or takes more than linear time
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wm-site-catalog.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmSiteCatalog) catalog = wm_site_catalog_new_from_bytes (bytes, &error);
  g_autoptr(WmSiteCatalog) fresh = wm_site_catalog_new ();
  g_autoptr(GBytes) written = NULL;

  if (catalog == NULL)
    {
      g_assert (error != NULL && strchr (error->message, '\n') == NULL);
      catalog = g_object_ref (fresh);
    }
  g_clear_error (&error);

  /* The same bytes as part 0 of a catalogue whose parts are not loaded yet. */
  if (!wm_site_catalog_part_is_loaded (catalog, 0) &&
      !wm_site_catalog_load_part (catalog, 0, bytes, &error))
    g_assert (error != NULL && strchr (error->message, '\n') == NULL);

  /* Whatever was taken is written back whole, and reads again. */
  written = wm_site_catalog_to_json (catalog);
  g_assert (written != NULL);
  {
    g_autoptr(WmSiteCatalog) again = wm_site_catalog_new_from_bytes (written, NULL);
    g_assert (again != NULL);
  }
  if (wm_site_catalog_part_is_loaded (catalog, 0))
    {
      g_autoptr(GBytes) part = wm_site_catalog_part_to_json (catalog, 0);
      g_assert (part != NULL);
    }

  return 0;
}
