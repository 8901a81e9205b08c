/* wm-cli-commands.h — every subcommand's entry point; the table is in wm-cli.c
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wm-cli.h"

G_BEGIN_DECLS

/* wm-cli-library.c: list, show, new, tag, add-images, delete */
int wm_cli_list        (WmCli *cli, int argc, char **argv);
int wm_cli_show        (WmCli *cli, int argc, char **argv);
int wm_cli_new         (WmCli *cli, int argc, char **argv);
int wm_cli_tag         (WmCli *cli, int argc, char **argv);
int wm_cli_add_images  (WmCli *cli, int argc, char **argv);
int wm_cli_delete      (WmCli *cli, int argc, char **argv);

/* wm-cli-review.c: the review workflow */
int wm_cli_submit          (WmCli *cli, int argc, char **argv);
int wm_cli_approve         (WmCli *cli, int argc, char **argv);
int wm_cli_request_changes (WmCli *cli, int argc, char **argv);
int wm_cli_back_to_draft   (WmCli *cli, int argc, char **argv);
int wm_cli_history         (WmCli *cli, int argc, char **argv);
int wm_cli_diff            (WmCli *cli, int argc, char **argv);
int wm_cli_setting         (WmCli *cli, int argc, char **argv);

/* wm-cli-bundle.c: tutorials sent between people */
int wm_cli_bundle          (WmCli *cli, int argc, char **argv);
int wm_cli_import          (WmCli *cli, int argc, char **argv);
int wm_cli_inbox           (WmCli *cli, int argc, char **argv);

/* wm-cli-capture-step.c: `waymark --capture-step`, a step in the running recording */
int wm_cli_capture_step (WmCli *cli, int argc, char **argv);
/* For `waymark record`: makes this recording answer `waymark --capture-step`, applies the
 * portal's --countdown and prints failed steps; keep the result while recording (NULL, with
 * a line on stderr, when another recording owns the shortcut). */
struct _WmRecorder;
GObject *wm_cli_capture_step_serve (WmCli *cli, struct _WmRecorder *recorder, guint countdown);

/* Other features add their entry points below, one file each (wm-cli-record.c,
 * wm-cli-export.c, wm-cli-publish.c, wm-cli-review.c, …), and one line to the table. */

/* wm-cli-publish.c */
int wm_cli_publish     (WmCli *cli, int argc, char **argv);

/* wm-cli-export.c: export html|markdown|pdf */
int wm_cli_export      (WmCli *cli, int argc, char **argv);

/* wm-cli-signals.c: adoption signals from an LRS */
int wm_cli_signals     (WmCli *cli, int argc, char **argv);

/* wm-cli-record.c */
int wm_cli_record      (WmCli *cli, int argc, char **argv);

G_END_DECLS
