/* wm-store-private.h — what data/ itself uses of the store's connection
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "wm-store.h"

G_BEGIN_DECLS

typedef gboolean (*WmStoreTxnFunc) (WmStore  *store,
                                    sqlite3  *db,
                                    gpointer  user_data,
                                    GError  **error);

/* Runs @func in one IMMEDIATE transaction with the connection's mutex held; commits on
 * TRUE, rolls back on FALSE. The whole of a mutation is one call. */
gboolean wm_store_transaction   (WmStore        *self,
                                 WmStoreTxnFunc  func,
                                 gpointer        user_data,
                                 GError        **error);
/* Runs @func with the mutex held and no transaction (reads). */
gboolean wm_store_read          (WmStore        *self,
                                 WmStoreTxnFunc  func,
                                 gpointer        user_data,
                                 GError        **error);
/* Turns the connection's last error into a GError with a person's message. */
void     wm_store_set_sqlite_error (sqlite3    *db,
                                    int         rc,
                                    const char *doing,
                                    GError    **error);

G_END_DECLS
