/* wm-make-fixture.c — puts a fixture tutorial into a library, for the browser tests
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   wm-make-fixture LIBRARY N_STEPS [--hostile] [--redact]   prints the tutorial id
 */
#define G_LOG_DOMAIN "wm-make-fixture"

#include "config.h"

#include "wm-export-fixture.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = NULL;
  g_autoptr(WmTutorial) tutorial = NULL;
  WmFixtureFlags flags = WM_FIXTURE_NONE;

  if (argc < 3)
    {
      g_printerr ("usage: wm-make-fixture LIBRARY N_STEPS [--hostile] [--redact]\n");
      return 2;
    }
  for (int i = 3; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--hostile"))
        flags |= WM_FIXTURE_HOSTILE;
      else if (g_str_equal (argv[i], "--redact"))
        flags |= WM_FIXTURE_REDACT;
    }

  if (!(store = wm_store_open (argv[1], &error)) ||
      !(tutorial = wm_fixture_make_tutorial (store, g_ascii_strtoull (argv[2], NULL, 10), flags,
                                             &error)))
    {
      g_printerr ("wm-make-fixture: %s\n", error->message);
      return 1;
    }

  g_print ("%s\n", wm_tutorial_get_id (tutorial));
  return 0;
}
