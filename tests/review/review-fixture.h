/* review-fixture.h — a throw-away library and the `waymark` command line, for review tests
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wm-store.h"

G_BEGIN_DECLS

typedef struct {
  char *dir;
  char *library;
  char *out;
  char *err;
  int   status;
} Fixture;

void     fixture_setup         (Fixture       *f,
                                gconstpointer  data);
void     fixture_teardown      (Fixture       *f,
                                gconstpointer  data);
/* Runs `waymark ARGS…` (NULL-terminated) on @library with no display; WAYMARK_AUTHOR and
 * WAYMARK_EMAIL unset unless @env ("NAME=VALUE" strings) sets them. Returns the exit
 * status; out/err hold what it printed. */
int      fixture_run           (Fixture       *f,
                                const char    *library,
                                const char   **env,
                                ...) G_GNUC_NULL_TERMINATED;
/* A distinct PNG per @seed, written into the fixture's folder; returns its path. */
char    *fixture_write_png     (Fixture       *f,
                                guint          seed,
                                guint          width,
                                guint          height);
GBytes  *fixture_make_png      (guint          seed,
                                guint          width,
                                guint          height);
/* SHA-256 over every row of every table of a library: equal means nothing changed. */
char    *fixture_library_digest (const char   *library);
/* A new tutorial with @n_steps screenshots made through the CLI as an author does;
 * returns its id. */
char    *fixture_record        (Fixture       *f,
                                const char    *library,
                                const char    *title,
                                guint          n_steps,
                                guint          seed);
/* The last line printed on stderr must be one line containing @needle. */
void     fixture_assert_error  (Fixture       *f,
                                const char    *needle);

G_END_DECLS
