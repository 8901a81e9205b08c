/* wm-cli-args.c — what several commands read the same way: a stage, a status, a tutorial ID, a time
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-cli.h"

/* Stage/status arguments: an unknown name lists the valid ones, so nobody has to guess. */
gboolean
wm_cli_parse_stage (WmCli      *cli,
                    const char *arg,
                    WmStage    *stage)
{
  g_autofree char *valid = NULL;

  g_return_val_if_fail (arg != NULL, FALSE);

  if (wm_stage_from_string (arg, stage))
    return TRUE;

  valid = wm_stage_list_valid ();
  wm_cli_fail (cli, _("unknown stage “%s”; use one of: %s"), arg, valid);
  return FALSE;
}

gboolean
wm_cli_parse_status (WmCli      *cli,
                     const char *arg,
                     WmStatus   *status)
{
  g_autofree char *valid = NULL;

  g_return_val_if_fail (arg != NULL, FALSE);

  if (wm_status_from_string (arg, status))
    return TRUE;

  valid = wm_status_list_valid ();
  wm_cli_fail (cli, _("unknown status “%s”; use one of: %s"), arg, valid);
  return FALSE;
}

char *
wm_cli_resolve_id (WmCli       *cli,
                   const char  *arg,
                   GError     **error)
{
  WmStore *store = wm_cli_get_store (cli, error);

  if (store == NULL)
    return NULL;

  return wm_store_resolve_id (store, arg, error);
}

WmTutorial *
wm_cli_load_tutorial (WmCli       *cli,
                      const char  *arg,
                      gboolean     with_steps,
                      GError     **error)
{
  g_autofree char *id = wm_cli_resolve_id (cli, arg, error);

  if (id == NULL)
    return NULL;

  return wm_store_load_tutorial (wm_cli_get_store (cli, NULL), id, with_steps, error);
}

/* One line of untrusted text (a reader's comment, a file name from a share): every control
 * character, newline included, escaped; UTF-8 kept. */
char *
wm_cli_printable (const char *text)
{
  static char exceptions[129];

  if (exceptions[0] == '\0')
    for (int i = 0; i < 128; i++)
      exceptions[i] = (char) (0x80 + i);
  return g_strescape (text ? text : "", exceptions);
}

/* For JSON and scripts: exact and the same everywhere. */
char *
wm_cli_format_utc (gint64 usec)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return dt ? g_date_time_format_iso8601 (dt) : g_strdup ("");
}

/* For people reading a history: their own clock, to the minute. */
char *
wm_cli_format_local (gint64 usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup ("?");
}
