/* wm-cli-record.c — `waymark record`: a headless recording until SIGINT/SIGTERM
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>

#include "wm-cli-commands.h"
#include "wm-recorder.h"

typedef struct {
  WmCli      *cli;
  WmRecorder *recorder;
  GMainLoop  *loop;
  gboolean    stopping;
} Recording;

static void
on_step_committed (WmRecorder *recorder,
                   WmStep     *step,
                   Recording  *rec)
{
  /* Positions count from 0 in the store and from 1 for people. */
  g_print ("%u  %s\n", wm_step_get_position (step) + 1,
           wm_step_get_instruction (step) ? wm_step_get_instruction (step) : "");
  fflush (stdout);
}

static void
on_error (WmRecorder *recorder,
          GError     *error,
          Recording  *rec)
{
  g_autofree char *line = g_strdup (error->message);

  g_strdelimit (line, "\n\r", ' ');
  g_printerr ("waymark record: %s\n", line);
}

static void
on_finished (WmRecorder *recorder,
             Recording  *rec)
{
  g_main_loop_quit (rec->loop);
}

static gboolean
on_stop_signal (gpointer data)
{
  Recording *rec = data;

  /* A second signal while saving what is in flight means "now". */
  if (rec->stopping)
    {
      g_main_loop_quit (rec->loop);
      return G_SOURCE_REMOVE;
    }

  rec->stopping = TRUE;
  wm_recorder_stop (rec->recorder);
  return G_SOURCE_CONTINUE;
}

static WmTutorial *
create_tutorial (WmStore     *store,
                 const char  *title,
                 WmStage      stage,
                 GStrv        roles,
                 GError     **error)
{
  g_autoptr(WmTutorial) tutorial = wm_tutorial_new (title);

  wm_tutorial_set_stage (tutorial, stage);
  wm_tutorial_set_roles (tutorial, (const char * const *) roles);
  wm_tutorial_set_author (tutorial, g_get_real_name ());
  wm_tutorial_set_steps_loaded (tutorial, TRUE);

  if (!wm_store_save_tutorial (store, tutorial, error))
    return NULL;

  return g_steal_pointer (&tutorial);
}

static int
record (WmCli            *cli,
        WmStore          *store,
        WmTutorial       *tutorial,
        WmCaptureBackend *backend,
        guint             countdown,
        gboolean          no_keys)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(WmRecorder) recorder = wm_recorder_new (store, wm_tutorial_get_id (tutorial),
                                                    backend);
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) remote = NULL;
  Recording rec = { cli, recorder, loop, FALSE };
  guint sigint, sigterm;

  wm_recorder_set_record_keys (recorder, !no_keys);
  g_signal_connect (recorder, "step-committed", G_CALLBACK (on_step_committed), &rec);
  g_signal_connect (recorder, "error", G_CALLBACK (on_error), &rec);
  g_signal_connect (recorder, "finished", G_CALLBACK (on_finished), &rec);

  if (!wm_recorder_start (recorder, &error))
    {
      /* Nothing was recorded: leave no empty tutorial behind. */
      wm_store_delete_tutorial (store, wm_tutorial_get_id (tutorial), NULL);
      return wm_cli_fail_error (cli, error);
    }
  /* `waymark --capture-step` (the portal's only trigger) reaches this recording. */
  remote = wm_cli_capture_step_serve (cli, recorder, countdown);

  /* Ready for Ctrl+C before saying so: a script may signal as soon as it has the id. */
  sigint = g_unix_signal_add (SIGINT, on_stop_signal, &rec);
  sigterm = g_unix_signal_add (SIGTERM, on_stop_signal, &rec);

  /* The id first, so a script can follow along; then one line per step. */
  g_printerr (_("Recording “%s” (%s); press Ctrl+C to stop.\n"), wm_tutorial_get_title (tutorial),
              wm_tutorial_get_id (tutorial));
  g_print ("%s\n", wm_tutorial_get_id (tutorial));
  fflush (stdout);

  g_main_loop_run (loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);

  g_printerr (g_dngettext (GETTEXT_PACKAGE, "Recorded %u step.\n", "Recorded %u steps.\n",
                           wm_recorder_get_n_steps (recorder)),
              wm_recorder_get_n_steps (recorder));
  return WM_CLI_OK;
}

int
wm_cli_record (WmCli  *cli,
               int     argc,
               char  **argv)
{
  g_autofree char *title = NULL, *stage_arg = NULL, *backend_name = NULL;
  int countdown = 0;
  gboolean no_keys = FALSE;
  g_auto(GStrv) roles = NULL;
  GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The title (required)"), N_("TITLE") },
    { "stage", 0, 0, G_OPTION_ARG_STRING, &stage_arg, N_("The adoption stage"), N_("STAGE") },
    { "role", 0, 0, G_OPTION_ARG_STRING_ARRAY, &roles, N_("A role (repeat for more)"),
      N_("ROLE") },
    { "backend", 0, 0, G_OPTION_ARG_STRING, &backend_name,
      N_("How to record: x11 or portal (default: what the session supports)"),
      N_("NAME") },
    { "countdown", 0, 0, G_OPTION_ARG_INT, &countdown,
      N_("Seconds between “waymark --capture-step” and the shot (portal; 0–10)"), N_("N") },
    { "no-keys", 0, 0, G_OPTION_ARG_NONE, &no_keys,
      N_("Record clicks only: no steps for typing or key combinations"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = wm_cli_option_context (cli, "record", NULL,
    _("Record clicks and typing into a new tutorial until interrupted (Ctrl+C).\n"
      "Prints the tutorial's id, then each step as it is saved."));
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCaptureBackend) backend = NULL;
  g_autoptr(WmTutorial) tutorial = NULL;
  WmStage stage = WM_STAGE_ORIENTATION;
  WmStore *store;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!wm_cli_parse (cli, context, &argc, &argv))
    return WM_CLI_USAGE;
  if (argc > 1)
    return wm_cli_usage (cli, _("unexpected argument “%s”"), argv[1]);
  if (title == NULL)
    return wm_cli_usage (cli, _("--title is required"));
  if (stage_arg && !wm_cli_parse_stage (cli, stage_arg, &stage))
    return WM_CLI_FAILED;
  if (countdown < 0 || countdown > 10)
    return wm_cli_usage (cli, _("--countdown must be between 0 and 10 seconds"));

  /* The backend first: no display means no tutorial left behind empty. */
  if (!(backend = wm_capture_backend_new_for_name (backend_name, &error)) ||
      !(store = wm_cli_get_store (cli, &error)) ||
      !(tutorial = create_tutorial (store, title, stage, roles, &error)))
    return wm_cli_fail_error (cli, error);

  return record (cli, store, tutorial, backend, countdown, no_keys);
}
