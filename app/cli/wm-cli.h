/* wm-cli.h — the `waymark SUBCOMMAND …` front: scripting without a display
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "wm-store.h"

G_BEGIN_DECLS

/* Exit codes: 0 done, 1 the command failed (one line on stderr), 2 bad usage. */
#define WM_CLI_OK 0
#define WM_CLI_FAILED 1
#define WM_CLI_USAGE 2

typedef struct _WmCli WmCli;

typedef int (*WmCliCommandFunc) (WmCli  *cli,
                                 int     argc,
                                 char  **argv);

typedef struct {
  const char       *name;
  const char       *parameters;   /* "ID [--json]" for the overview */
  const char       *summary;
  WmCliCommandFunc  func;
} WmCliCommand;

/* Returns the exit code when argv names a subcommand (or --help/--version), or -1 when
 * the GUI should start instead. A global --library PATH may come before the subcommand. */
int          wm_cli_run               (int      argc,
                                       char   **argv);

/* The library, opened on first use from --library, $WAYMARK_LIBRARY or the default. */
WmStore     *wm_cli_get_store         (WmCli   *cli,
                                       GError **error);
const char  *wm_cli_get_library_path  (WmCli   *cli);

/* A GOptionContext for a subcommand with the common --library option already added;
 * @parameter_string e.g. "ID", @summary shown by --help. */
GOptionContext *wm_cli_option_context (WmCli      *cli,
                                       const char *command,
                                       const char *parameter_string,
                                       const char *summary);
/* Parses; on failure prints "waymark CMD: message" + a hint to --help and returns FALSE. */
gboolean     wm_cli_parse             (WmCli          *cli,
                                       GOptionContext *context,
                                       int            *argc,
                                       char         ***argv);

/* Print "waymark: <message>" on stderr (one line) and return WM_CLI_FAILED / WM_CLI_USAGE. */
int          wm_cli_fail              (WmCli      *cli,
                                       const char *format,
                                       ...) G_GNUC_PRINTF (2, 3);
int          wm_cli_fail_error        (WmCli      *cli,
                                       GError     *error);
int          wm_cli_usage             (WmCli      *cli,
                                       const char *format,
                                       ...) G_GNUC_PRINTF (2, 3);

/* wm-cli-args.c: arguments every command reads the same way. */

/* A stage or status name; an unknown one prints the valid names and returns FALSE. */
gboolean     wm_cli_parse_stage       (WmCli      *cli,
                                       const char *arg,
                                       WmStage    *stage);
gboolean     wm_cli_parse_status      (WmCli      *cli,
                                       const char *arg,
                                       WmStatus   *status);
/* Resolves an id/prefix/slug argument to a full id (the error says why not). */
char        *wm_cli_resolve_id        (WmCli      *cli,
                                       const char *arg,
                                       GError    **error);
/* The tutorial an ID argument names, loaded from the library. */
WmTutorial  *wm_cli_load_tutorial     (WmCli      *cli,
                                       const char *arg,
                                       gboolean    with_steps,
                                       GError    **error);
/* A time in microseconds: ISO 8601 in UTC for JSON ("" when out of range), or the local
 * "YYYY-MM-DD HH:MM" people read ("?" when out of range). */
char        *wm_cli_format_utc        (gint64      usec);
char        *wm_cli_format_local      (gint64      usec);

/* Untrusted text on one line: control characters (newline too) escaped, UTF-8 kept. */
char        *wm_cli_printable         (const char *text);

/* --json output: a string member (NULL as null), and the document printed pretty. */
void         wm_cli_json_add_string   (JsonBuilder *b,
                                       const char  *name,
                                       const char  *value);
void         wm_cli_json_print        (JsonBuilder *b);

G_END_DECLS
