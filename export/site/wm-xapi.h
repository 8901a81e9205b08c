/* wm-xapi.h — the adoption-signal statements: read from an LRS or a file into the library
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The player of a library published with an LRS sends xAPI 1.0.3 statements (the profile is
 * in README, "Adoption signals"): launched, progressed, completed, terminated, responded, each
 * naming the tutorial and version in its context extensions. These functions turn such
 * statements into WmSignals (others are skipped) and keep them in a WmStore; the pull reads
 * an LRS's statements resource (since, more) and remembers where it stopped per LRS.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "wm-store.h"

G_BEGIN_DECLS

#define WM_XAPI_EXTENSION "urn:waymark:xapi:"

#define WM_XAPI_ERROR (wm_xapi_error_quark ())

typedef enum {
  WM_XAPI_ERROR_FAILED,
  WM_XAPI_ERROR_UNREACHABLE,   /* the LRS did not answer, or refused */
  WM_XAPI_ERROR_INVALID,       /* not statements */
} WmXapiError;

GQuark     wm_xapi_error_quark  (void);

/* The signals among @root's statements (an array, one statement, or a statement result
 * { statements, more }); @n_skipped counts the statements that are not Waymark's. */
GPtrArray *wm_xapi_parse        (JsonNode      *root,
                                 guint         *n_skipped,
                                 GError       **error);
/* Reads a file of statements (an LRS's export) into @store. */
gboolean   wm_xapi_import_file  (WmStore       *store,
                                 GFile         *file,
                                 guint         *n_added,
                                 guint         *n_skipped,
                                 GError       **error);

/* The Authorization header for an LRS key: "KEY:SECRET" (encoded here) or the Basic
 * credentials as the LRS printed them. */
char      *wm_xapi_auth_for_key (const char    *key);

typedef struct {
  const char *endpoint;        /* the LRS's xAPI base, e.g. https://lrs.example.com/xAPI/ */
  const char *username;        /* Basic auth with @password, or */
  const char *password;
  const char *key;             /* an LRS key: the Basic credentials already encoded */
  const char *since;           /* ISO 8601; NULL: where the last pull from @endpoint stopped */
} WmXapiPull;

/* Reads every statement stored since then (following "more"), keeps the signals in @store
 * and remembers the newest stored time for the next pull. */
gboolean   wm_xapi_pull         (WmStore          *store,
                                 const WmXapiPull *pull,
                                 guint            *n_added,
                                 guint            *n_read,
                                 GCancellable     *cancellable,
                                 GError          **error);

G_END_DECLS
