/* wm-publish-fixture.c — makes and edits fixture libraries for the site's browser tests
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   wm-publish-fixture create LIBRARY.db          the five-tutorial fixture library
 *   wm-publish-fixture edit LIBRARY.db SLUG TEXT  new version of SLUG, step 1 says TEXT, approved
 *   wm-publish-fixture hostile LIBRARY.db         one approved tutorial of hostile text
 */
#include "config.h"

#include "publish-fixture.h"

static const char * const hostile_roles[] = { "<img src=x onerror=alert(1)>", NULL };

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = NULL;

  if (argc < 3)
    {
      g_printerr ("usage: wm-publish-fixture create|edit|hostile LIBRARY.db …\n");
      return 2;
    }

  store = wm_store_open (argv[2], &error);
  g_assert_no_error (error);

  if (g_str_equal (argv[1], "create"))
    {
      g_autoptr(GPtrArray) ids = fixture_make_library (store);
      for (guint i = 0; i < ids->len; i++)
        g_print ("%s\n", (char *) ids->pdata[i]);
    }
  else if (g_str_equal (argv[1], "edit") && argc == 5)
    {
      g_autofree char *id = wm_store_resolve_id (store, argv[3], &error);
      g_assert_no_error (error);
      fixture_edit (store, id, 0, argv[4]);
      fixture_approve (store, id);
    }
  else if (g_str_equal (argv[1], "hostile"))
    {
      g_autoptr(WmTutorial) t = fixture_add_tutorial (store,
        "</script><script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">",
        "\"><svg onload=window.pwned=3> javascript:alert(1) \u202Egnp.exe \x01\x1b[31m",
        WM_STAGE_ORIENTATION, hostile_roles, 1, 99);
      fixture_approve (store, wm_tutorial_get_id (t));
    }
  else
    {
      g_printerr ("wm-publish-fixture: unknown command “%s”\n", argv[1]);
      return 2;
    }

  return 0;
}
