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
      g_printerr ("usage: wm-publish-fixture create|edit|hostile|typing LIBRARY.db …\n");
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
  else if (g_str_equal (argv[1], "typing"))
    {
      /* Step 1 types a name; step 2 a password, whose text the recorder never keeps. */
      static const char * const admin[] = { WM_ROLE_ADMIN, NULL };
      g_autoptr(WmTutorial) t = fixture_add_tutorial (store, "Sign in for the first time",
                                                      "Type your name and password.",
                                                      WM_STAGE_ORIENTATION, admin, 3, 40);
      g_autoptr(WmTutorial) full = wm_store_load_tutorial (store, wm_tutorial_get_id (t), TRUE,
                                                           &error);
      WmStep *name, *password;

      g_assert_no_error (error);
      name = wm_tutorial_get_step (full, 0);
      password = wm_tutorial_get_step (full, 1);
      wm_step_set_kind (name, WM_STEP_TYPE);
      wm_step_set_text (name, "Ada Lovelace");
      wm_step_set_instruction (name, "Type your name in Name");
      wm_step_set_kind (password, WM_STEP_TYPE);
      wm_step_set_text (password, "");
      wm_step_set_instruction (password, "Type your password");
      g_assert_true (wm_store_save_tutorial (store, full, &error));
      g_assert_no_error (error);
      fixture_approve (store, wm_tutorial_get_id (t));
    }
  else
    {
      g_printerr ("wm-publish-fixture: unknown command “%s”\n", argv[1]);
      return 2;
    }

  return 0;
}
