/* wm-player-model.c — a tutorial as the JSON model the player reads, pixels made safe
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wm-export-pixels.h"
#include "wm-html-exporter.h"
#include "wm-language.h"
#include "wm-page-labels.h"

/* Screens in one tutorial differ by a button, a menu, a dialog: 32 px squares keep a
 * changed area tight, and merging them into bands keeps the count of PNGs low. */
#define TILE_SIZE 32
/* Past this share of changed pixels, a whole new picture is smaller and becomes the base
 * for the next ones. */
#define MAX_TILED_FRACTION 0.45

typedef struct {
  WmStore            *store;
  WmPlayerModelFlags  flags;
  WmPlayerImageFunc   image_func;
  gpointer            user_data;
  JsonObject         *images;
  cairo_surface_t    *keyframe;
  char               *keyframe_key;
  WmPlayerImageLookupFunc lookup_func;
} ModelBuilder;

static void
model_builder_clear (ModelBuilder *mb)
{
  g_clear_pointer (&mb->images, json_object_unref);
  g_clear_pointer (&mb->keyframe, cairo_surface_destroy);
  g_clear_pointer (&mb->keyframe_key, g_free);
}

/* The key of a step's picture as exported: its source image plus the marks drawn into it,
 * so two steps showing the same screen with the same marks share one. */
static char *
image_key (WmStep *step)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  GPtrArray *annotations = wm_step_get_annotations (step);
  const char *sha = wm_step_get_image_sha256 (step);

  g_checksum_update (sum, (const guchar *) sha, -1);
  for (guint i = 0; i < annotations->len; i++)
    {
      WmAnnotation *a = g_ptr_array_index (annotations, i);
      g_autofree char *mark = NULL;

      mark = g_strdup_printf (";%u,%d,%d,%d,%d,", wm_annotation_get_kind (a),
                              wm_annotation_get_x (a), wm_annotation_get_y (a),
                              wm_annotation_get_width (a), wm_annotation_get_height (a));
      g_checksum_update (sum, (const guchar *) mark, -1);
      if (wm_annotation_get_text (a) != NULL)
        g_checksum_update (sum, (const guchar *) wm_annotation_get_text (a), -1);
    }

  return g_strndup (g_checksum_get_string (sum), 20);
}

/* Encodes @rect of @surface and hands it to the caller's store; returns the URL. */
static char *
emit_png (ModelBuilder                *mb,
          cairo_surface_t             *surface,
          const cairo_rectangle_int_t *rect,
          GError                     **error)
{
  g_autoptr(GBytes) png = wm_export_encode_png (surface, rect, error);
  g_autofree char *sum = NULL;
  g_autofree char *name = NULL;

  if (png == NULL)
    return NULL;

  sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, png);
  name = g_strdup_printf ("%.20s.png", sum);

  return mb->image_func (name, png, mb->user_data, error);
}

static JsonObject *
image_object (cairo_surface_t *surface)
{
  JsonObject *obj = json_object_new ();

  json_object_set_int_member (obj, "width", cairo_image_surface_get_width (surface));
  json_object_set_int_member (obj, "height", cairo_image_surface_get_height (surface));
  return obj;
}

/* The picture as the rectangles where it differs from the current base, or NULL when a
 * whole picture is the better deal. */
static JsonObject *
try_tiles (ModelBuilder     *mb,
           cairo_surface_t  *surface,
           GError          **error)
{
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_int_t));
  g_autoptr(JsonObject) obj = NULL;
  JsonArray *tiles;

  if (!(mb->flags & WM_PLAYER_MODEL_TILES) || mb->keyframe == NULL ||
      cairo_image_surface_get_width (surface) != cairo_image_surface_get_width (mb->keyframe) ||
      cairo_image_surface_get_height (surface) != cairo_image_surface_get_height (mb->keyframe))
    return NULL;

  if (wm_export_diff_tiles (mb->keyframe, surface, TILE_SIZE, rects) > MAX_TILED_FRACTION)
    return NULL;

  obj = image_object (surface);
  json_object_set_string_member (obj, "base", mb->keyframe_key);
  tiles = json_array_new ();
  json_object_set_array_member (obj, "tiles", tiles);
  for (guint i = 0; i < rects->len; i++)
    {
      const cairo_rectangle_int_t *r = &g_array_index (rects, cairo_rectangle_int_t, i);
      g_autofree char *url = emit_png (mb, surface, r, error);
      JsonObject *tile;

      if (url == NULL)
        return NULL;
      tile = json_object_new ();
      json_object_set_int_member (tile, "x", r->x);
      json_object_set_int_member (tile, "y", r->y);
      json_object_set_int_member (tile, "width", r->width);
      json_object_set_int_member (tile, "height", r->height);
      json_object_set_string_member (tile, "src", url);
      json_array_add_object_element (tiles, tile);
    }

  return g_steal_pointer (&obj);
}

static gboolean
add_image (ModelBuilder  *mb,
           WmStep        *step,
           const char    *key,
           GError       **error)
{
  g_autoptr(WmImage) image = NULL;
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(cairo_t) cr = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *url = NULL;
  JsonObject *obj;

  image = wm_store_load_image (mb->store, wm_step_get_image_sha256 (step), error);
  if (image == NULL)
    return FALSE;
  surface = wm_export_decode_png (wm_image_get_png (image), error);
  if (surface == NULL)
    return FALSE;
  /* The player shows the marks as drawn here, by the renderer the editor and the other
   * exports use, so no reader sees a different picture from the author's. */
  cr = cairo_create (surface);
  wm_export_draw_step (cr, step, cairo_image_surface_get_width (surface),
                       cairo_image_surface_get_height (surface), FALSE);
  g_clear_pointer (&cr, cairo_destroy);
  cairo_surface_flush (surface);

  obj = try_tiles (mb, surface, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (obj == NULL)
    {
      url = emit_png (mb, surface, NULL, error);
      if (url == NULL)
        return FALSE;
      obj = image_object (surface);
      json_object_set_string_member (obj, "src", url);
      g_clear_pointer (&mb->keyframe, cairo_surface_destroy);
      mb->keyframe = g_steal_pointer (&surface);
      g_free (mb->keyframe_key);
      mb->keyframe_key = g_strdup (key);
    }
  json_object_set_object_member (mb->images, key, obj);

  return TRUE;
}

/* A picture the caller published before under @key: no decoding, no encoding. Tiles refer to
 * the previous picture's pixels, so they rule this out. */
static gboolean
reuse_image (ModelBuilder *mb,
             const char   *key)
{
  JsonObject *obj;

  if (mb->lookup_func == NULL || (mb->flags & WM_PLAYER_MODEL_TILES))
    return FALSE;
  if ((obj = mb->lookup_func (key, mb->user_data)) == NULL)
    return FALSE;

  json_object_set_object_member (mb->images, key, obj);
  return TRUE;
}

static JsonArray *
annotations_json (WmStep *step)
{
  GPtrArray *annotations = wm_step_get_annotations (step);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < annotations->len; i++)
    {
      WmAnnotation *a = g_ptr_array_index (annotations, i);
      JsonObject *obj;

      /* Every mark is in the pixels; the list is for words (a callout's text in the alt
       * text) and for keeping the instruction clear of marks. A redaction's outline tells
       * a reader nothing. */
      if (wm_annotation_get_kind (a) == WM_ANNOTATION_REDACT)
        continue;
      obj = json_object_new ();
      json_object_set_string_member (obj, "kind",
                                     wm_annotation_kind_to_string (wm_annotation_get_kind (a)));
      json_object_set_int_member (obj, "x", wm_annotation_get_x (a));
      json_object_set_int_member (obj, "y", wm_annotation_get_y (a));
      json_object_set_int_member (obj, "width", wm_annotation_get_width (a));
      json_object_set_int_member (obj, "height", wm_annotation_get_height (a));
      json_object_set_string_member (obj, "text", wm_annotation_get_text (a));
      json_array_add_object_element (array, obj);
    }

  return array;
}

/* "target": [before, name, after], the instruction cut around what it names, so a page
 * can show the name in bold with DOM calls; absent when it names nothing. */
static void
add_target (JsonObject *obj,
            WmStep     *step)
{
  const char *text = wm_step_get_instruction (step);
  g_autofree char *before = NULL, *name = NULL;
  JsonArray *parts;
  gsize start, end;

  if (!wm_step_get_target_span (step, &start, &end))
    return;

  before = g_strndup (text, start);
  name = g_strndup (text + start, end - start);
  parts = json_array_new ();
  json_array_add_string_element (parts, before);
  json_array_add_string_element (parts, name);
  json_array_add_string_element (parts, text + end);
  json_object_set_array_member (obj, "target", parts);
}

static JsonObject *
step_json (ModelBuilder *mb,
           WmStep       *step,
           const char   *key)
{
  JsonObject *obj = json_object_new ();
  JsonObject *image = key ? json_object_get_object_member (mb->images, key) : NULL;

  json_object_set_string_member (obj, "id", wm_step_get_id (step));
  json_object_set_string_member (obj, "kind", wm_step_kind_to_string (wm_step_get_kind (step)));
  json_object_set_string_member (obj, "instruction", wm_step_get_instruction (step));
  add_target (obj, step);
  json_object_set_string_member (obj, "notes", wm_step_get_notes (step));
  /* What a typing step types: the hint of Try's field ("" for a password: none was kept). */
  if (wm_step_get_kind (step) == WM_STEP_TYPE)
    json_object_set_string_member (obj, "text",
                                   wm_step_get_text (step) ? wm_step_get_text (step) : "");
  json_object_set_int_member (obj, "x", wm_step_get_x (step));
  json_object_set_int_member (obj, "y", wm_step_get_y (step));
  json_object_set_int_member (obj, "width",
                              image ? json_object_get_int_member (image, "width") : 0);
  json_object_set_int_member (obj, "height",
                              image ? json_object_get_int_member (image, "height") : 0);
  if (key)
    json_object_set_string_member (obj, "image", key);
  else
    json_object_set_null_member (obj, "image");
  json_object_set_array_member (obj, "annotations", annotations_json (step));
  if (image != NULL)
    {
      cairo_rectangle_int_t r;
      JsonObject *zoom = json_object_new ();

      wm_export_zoom_rect (step, json_object_get_int_member (image, "width"),
                           json_object_get_int_member (image, "height"), &r);
      json_object_set_int_member (zoom, "x", r.x);
      json_object_set_int_member (zoom, "y", r.y);
      json_object_set_int_member (zoom, "width", r.width);
      json_object_set_int_member (zoom, "height", r.height);
      json_object_set_object_member (obj, "zoom", zoom);
    }

  return obj;
}

static void
tutorial_fields (JsonObject *model,
                 WmTutorial *tutorial)
{
  const char * const *roles = wm_tutorial_get_roles (tutorial);
  JsonArray *array = json_array_new ();

  json_object_set_int_member (model, "format", 1);
  json_object_set_string_member (model, "id", wm_tutorial_get_id (tutorial));
  json_object_set_string_member (model, "slug", wm_tutorial_get_slug (tutorial));
  json_object_set_string_member (model, "title", wm_tutorial_get_title (tutorial));
  json_object_set_string_member (model, "summary", wm_tutorial_get_summary (tutorial));
  json_object_set_string_member (model, "stage",
                                 wm_stage_to_string (wm_tutorial_get_stage (tutorial)));
  for (guint i = 0; roles && roles[i]; i++)
    json_array_add_string_element (array, roles[i]);
  json_object_set_array_member (model, "roles", array);
  json_object_set_int_member (model, "version", wm_tutorial_get_version (tutorial));
}

JsonNode *
wm_player_model_build (WmStore             *store,
                       WmTutorial          *tutorial,
                       WmPlayerModelFlags   flags,
                       WmPlayerImageFunc    image_func,
                       gpointer             user_data,
                       GError             **error)
{
  return wm_player_model_build_with_lookup (store, tutorial, flags, NULL, image_func, user_data,
                                            error);
}

JsonNode *
wm_player_model_build_with_lookup (WmStore                 *store,
                                   WmTutorial              *tutorial,
                                   WmPlayerModelFlags       flags,
                                   WmPlayerImageLookupFunc  lookup_func,
                                   WmPlayerImageFunc        image_func,
                                   gpointer                 user_data,
                                   GError                 **error)
{
  ModelBuilder mb = { store, flags, image_func, user_data, json_object_new (), NULL, NULL,
                      lookup_func };
  g_autoptr(JsonObject) model = json_object_new ();
  GListModel *steps;
  JsonArray *steps_json = json_array_new ();
  JsonNode *root;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);
  g_return_val_if_fail (WM_IS_TUTORIAL (tutorial), NULL);
  g_return_val_if_fail (image_func != NULL, NULL);

  tutorial_fields (model, tutorial);
  json_object_set_object_member (model, "images", json_object_ref (mb.images));
  json_object_set_array_member (model, "steps", steps_json);

  steps = wm_tutorial_get_steps (tutorial);
  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr(WmStep) step = g_list_model_get_item (steps, i);
      g_autofree char *key = NULL;

      if (wm_step_get_image_sha256 (step) != NULL)
        {
          key = image_key (step);
          if (!json_object_has_member (mb.images, key) && !reuse_image (&mb, key) &&
              !add_image (&mb, step, key, error))
            {
              g_prefix_error (error, _("Step %u: "), i + 1);
              model_builder_clear (&mb);
              return NULL;
            }
        }
      json_array_add_object_element (steps_json, step_json (&mb, step, key));
    }

  model_builder_clear (&mb);
  root = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (root, model);

  return root;
}

char *
wm_player_image_data_uri (const char  *name,
                          GBytes      *png,
                          gpointer     user_data,
                          GError     **error)
{
  gsize len;
  const guchar *data = g_bytes_get_data (png, &len);
  g_autofree char *b64 = g_base64_encode (data, len);

  return g_strconcat ("data:image/png;base64,", b64, NULL);
}

char *
wm_player_model_add_labels (JsonNode    *model,
                            const char  *language,
                            GError     **error)
{
  g_autofree char *resolved = NULL;
  JsonNode *labels;

  g_return_val_if_fail (JSON_NODE_HOLDS_OBJECT (model), NULL);

  if (!(resolved = wm_language_resolve (language, error)))
    return NULL;
  labels = wm_page_labels_build (resolved);
  json_object_set_member (json_node_get_object (model), "i18n", labels);

  return wm_language_get_tag (resolved);
}
