/* main.c — `waymark`: the app, or with a subcommand the command line
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "wm-application.h"
#include "wm-cli.h"

/* The compiled settings schema that belongs to this binary: the one the build put beside it
 * (`_build/app/data`), so `_build/app/waymark` runs without being installed, or the one
 * `meson install` put under the prefix it was configured for, which need not be in
 * $XDG_DATA_DIRS (~/.local, /opt/…). NULL when neither exists. */
static char *
own_schema_dir (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *exe_dir = exe != NULL ? g_path_get_dirname (exe) : NULL;
  const char * const dirs[] = {
    exe_dir != NULL ? exe_dir : "",
    WM_SCHEMA_INSTALL_DIR,
  };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = i == 0 ? g_build_filename (dirs[i], "data", NULL) : g_strdup (dirs[i]);
      g_autofree char *compiled = g_build_filename (dir, "gschemas.compiled", NULL);

      if (dirs[i][0] != '\0' && g_file_test (compiled, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&dir);
    }

  return NULL;
}

/* The messages that belong to this binary: run from a build (`_build/app/waymark`), the
 * catalogues the build compiled (`_build/po/<lang>/LC_MESSAGES/waymark.mo`), so the
 * translations and `--language` work before `meson install`; else the installed ones. */
static char *
own_locale_dir (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *build = exe != NULL ? g_path_get_dirname (exe) : NULL;
  g_autofree char *top = build != NULL ? g_path_get_dirname (build) : NULL;
  g_autofree char *ninja = top != NULL ? g_build_filename (top, "build.ninja", NULL) : NULL;

  if (ninja != NULL && g_file_test (ninja, G_FILE_TEST_IS_REGULAR))
    return g_build_filename (top, "po", NULL);
  return g_strdup (LOCALEDIR);
}

/* GSettings aborts the process on a schema it cannot find; the app checks first and says so
 * in one line. Its own schema goes after any $GSETTINGS_SCHEMA_DIR the user set (theirs
 * wins) but before the system's, so an older Waymark installed on the machine never hides
 * the build's schema. */
static gboolean
find_schema (void)
{
  g_autofree char *own = own_schema_dir ();
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source;

  if (own != NULL)
    {
      g_autoptr(GSettingsSchemaSource) readable = NULL;
      g_autoptr(GError) error = NULL;
      const char *set = g_getenv ("GSETTINGS_SCHEMA_DIR");
      g_autofree char *dirs = NULL;

      readable = g_settings_schema_source_new_from_directory (own, NULL, TRUE, &error);
      if (readable == NULL)
        {
          /* Translators: %1$s is a folder, %2$s why its compiled schemas could not be read. */
          g_printerr (_("waymark: cannot read the settings schemas in %1$s: %2$s\n"),
                      own, error->message);
          return FALSE;
        }

      dirs = set != NULL && set[0] != '\0' ? g_strjoin (G_SEARCHPATH_SEPARATOR_S, set, own, NULL)
                                           : g_strdup (own);
      g_setenv ("GSETTINGS_SCHEMA_DIR", dirs, TRUE);
    }

  source = g_settings_schema_source_get_default ();
  schema = source != NULL ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;
  if (schema == NULL)
    {
      /* Translators: %1$s is the schema's id, org.waymark.Waymark. */
      g_printerr (_("waymark: the settings schema %1$s is not installed; run “meson install”, "
                    "or start waymark from its build folder (_build/app/waymark)\n"), APP_ID);
      return FALSE;
    }

  return TRUE;
}

static int
run_app (int    argc,
         char **argv)
{
  g_autoptr(WmApplication) app = NULL;

  if (!find_schema ())
    return 1;

  wm_application_choose_renderer ();
  app = wm_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *locale_dir = own_locale_dir ();
  int rc;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Subcommands run without a display: GTK is never initialised for them. */
  rc = wm_cli_run (argc, argv);
  if (rc >= 0)
    return rc;

  return run_app (argc, argv);
}
