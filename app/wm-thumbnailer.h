/* wm-thumbnailer.h — screenshots decoded and scaled off the main thread, with a bounded cache
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "wm-store.h"

G_BEGIN_DECLS

#define WM_TYPE_THUMBNAILER (wm_thumbnailer_get_type ())

G_DECLARE_FINAL_TYPE (WmThumbnailer, wm_thumbnailer, WM, THUMBNAILER, GObject)

/* Decodes images of @store at most @width × @height pixels (aspect kept). Keeps up to
 * @max_cached of them. Workers read through their own connection to the library. */
WmThumbnailer *wm_thumbnailer_new         (WmStore             *store,
                                           int                  width,
                                           int                  height,
                                           guint                max_cached);
/* The cached texture for @sha256 or NULL (then call load_async). */
GdkTexture    *wm_thumbnailer_lookup      (WmThumbnailer       *self,
                                           const char          *sha256);
void           wm_thumbnailer_load_async  (WmThumbnailer       *self,
                                           const char          *sha256,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GdkTexture    *wm_thumbnailer_load_finish (WmThumbnailer       *self,
                                           GAsyncResult        *result,
                                           GError             **error);
/* Until as many release() as hold(), decodes wait (a window's first frame comes first). */
void           wm_thumbnailer_hold        (WmThumbnailer       *self);
void           wm_thumbnailer_release     (WmThumbnailer       *self);
/* Drops every cached texture (e.g. after an image was replaced). */
void           wm_thumbnailer_forget      (WmThumbnailer       *self,
                                           const char          *sha256);
/* Decodes @png fully (on the calling thread) into a texture; for the editor canvas. */
GdkTexture    *wm_texture_new_from_png    (GBytes              *png,
                                           GError             **error);

G_END_DECLS
