/* wm-test.h — what every suite needs: a temporary library, the `waymark` command, JSON
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "wm-store.h"

G_BEGIN_DECLS

/* Temporary folders -------------------------------------------------------------------- */

/* A new empty folder under $TMPDIR named wm-@name-XXXXXX (the test fails if it cannot). */
char       *wm_test_make_dir        (const char  *name);
/* Removes @dir and everything under it, read-only entries included; symbolic links are
 * removed, never followed. Nothing happens when @dir is NULL or gone. */
void        wm_test_remove_dir      (const char  *dir);

/* A temporary library ------------------------------------------------------------------ */

typedef struct {
  char    *dir;     /* a temporary folder, removed whole by wm_test_library_clear() */
  char    *path;    /* dir/library.db (created by the first open, by the app or the CLI) */
} WmTestLibrary;

void        wm_test_library_init    (WmTestLibrary *lib,
                                     const char    *name);
/* Opens the library (the test fails if it cannot); a new connection each call. */
WmStore    *wm_test_library_open    (WmTestLibrary *lib);
void        wm_test_library_clear   (WmTestLibrary *lib);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WmTestLibrary, wm_test_library_clear)

/* The command line ---------------------------------------------------------------------- */

typedef struct {
  char *out;
  char *err;
  int   status;    /* the exit code, or 128 + the signal that ended it */
} WmTestRun;

/* Runs $WM_WAYMARK with @args as people and scripts do: no display, C.UTF-8, no
 * $WAYMARK_AUTHOR/$WAYMARK_EMAIL, $WAYMARK_LIBRARY set to @library when not NULL, then each
 * "NAME=VALUE" of @env. Replaces what @run held; returns run->status. */
int         wm_test_run_waymark     (WmTestRun          *run,
                                     const char         *library,
                                     const char * const *env,
                                     const char * const *args);
void        wm_test_run_clear       (WmTestRun          *run);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WmTestRun, wm_test_run_clear)

/* JSON ------------------------------------------------------------------------------------ */

/* Parses @text (the test fails on bad JSON); free with json_node_unref(). */
JsonNode   *wm_test_parse_json      (const char  *text);

G_END_DECLS
