/* wm-web-browser.c — what Waymark knows about web browsers' windows and switches
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-capture"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-web-browser.h"

#define CHROMIUM_A11Y_SWITCH "--force-renderer-accessibility"

/* What browsers add to the page's title in their window's title. */
static const char * const title_suffixes[] = {
  " — Mozilla Firefox",
  " - Mozilla Firefox",
  " — Firefox",
  " - Chromium",
  " - Google Chrome",
  " - Brave",
  " - Microsoft\u200b Edge",
  " - Microsoft Edge",
};

char *
wm_web_browser_page_title (const char *window_title)
{
  if (window_title == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (title_suffixes); i++)
    if (g_str_has_suffix (window_title, title_suffixes[i]) &&
        strlen (window_title) > strlen (title_suffixes[i]))
      return g_strndup (window_title, strlen (window_title) - strlen (title_suffixes[i]));

  return NULL;
}

static gboolean
is_chromium (const char *app_name)
{
  g_autofree char *folded = g_utf8_casefold (app_name, -1);

  return strstr (folded, "chrom") != NULL || strstr (folded, "electron") != NULL;
}

/* Whether the process was started with @arg, from /proc; FALSE when unknown. */
static gboolean
has_argument (GPid        pid,
              const char *arg)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/cmdline", (int) pid);
  g_autofree char *cmdline = NULL;
  gsize len = 0;

  if (pid <= 0 || !g_file_get_contents (path, &cmdline, &len, NULL))
    return FALSE;

  /* Arguments are separated by NULs; Chromium rewrites its own into one string separated
   * by spaces. */
  for (gsize i = 0; i < len; i += strlen (cmdline + i) + 1)
    {
      g_auto(GStrv) words = g_strsplit (cmdline + i, " ", -1);

      if (g_strv_contains ((const char * const *) words, arg))
        return TRUE;
    }

  return FALSE;
}

char *
wm_web_browser_accessibility_hint (const char *app_name,
                                   GPid        pid,
                                   gboolean    on_bus)
{
  if (app_name == NULL || *app_name == '\0')
    return NULL;

  /* Chromium 120 ignores org.a11y.Status for its pages: only the switch turns them on. */
  if (is_chromium (app_name) && !has_argument (pid, CHROMIUM_A11Y_SWITCH))
    /* Translators: %1$s is an application ("Chromium"); %2$s is a command-line switch. */
    return g_strdup_printf (_("%1$s does not say what was clicked: quit it and start it "
                              "again with %2$s so steps name buttons and fields"),
                            app_name, CHROMIUM_A11Y_SWITCH);
  if (!on_bus)
    /* Translators: %s is an application that started before accessibility was switched
     * on for the recording, or that cannot be read by accessibility tools. */
    return g_strdup_printf (_("%s does not say what was clicked: quit it and start it again "
                              "while Waymark is recording so steps name buttons and fields"),
                            app_name);

  return NULL;
}
