/* wm-change-detector.c — where did the screen change since the last shot? (the portal's hotspot)
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On Wayland nobody may see where the user clicked, but a click shows itself in what it
 * changes: a button lights up, a menu opens, a field gains a caret. Each frame is cut into
 * 16×16 tiles and each tile hashed; tiles whose hash moved are grouped (tiles up to one
 * tile apart join, so a menu and the button that opened it make one area), and the largest
 * group is the suggestion. A blinking caret or a panel clock makes a small group and loses.
 * Keeping hashes instead of the previous frame costs 32 KB at 1080p instead of 8 MB.
 */
#define G_LOG_DOMAIN "wm-change-detector"

#include "config.h"

#include <string.h>

#include "wm-change-detector.h"

#define TILE 16
/* Changed tiles this close (in tiles, either axis) belong to the same area. */
#define JOIN_DISTANCE 2
/* A change whose bounding box covers more of the screen than this is a new page or
 * window, not the answer to one click: no suggestion then. */
#define BROAD_FRACTION 0.6

struct _WmChangeDetector
{
  GObject  parent_instance;

  guint    width;
  guint    height;
  guint    tiles_x;
  guint    tiles_y;
  guint32 *hashes;       /* tiles_x * tiles_y, of the previous frame; NULL before the first */
};

G_DEFINE_FINAL_TYPE (WmChangeDetector, wm_change_detector, G_TYPE_OBJECT)

static void
wm_change_detector_finalize (GObject *object)
{
  WmChangeDetector *self = WM_CHANGE_DETECTOR (object);

  g_clear_pointer (&self->hashes, g_free);

  G_OBJECT_CLASS (wm_change_detector_parent_class)->finalize (object);
}

static void
wm_change_detector_class_init (WmChangeDetectorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wm_change_detector_finalize;
}

static void
wm_change_detector_init (WmChangeDetector *self)
{
}

WmChangeDetector *
wm_change_detector_new (void)
{
  return g_object_new (WM_TYPE_CHANGE_DETECTOR, NULL);
}

void
wm_change_detector_reset (WmChangeDetector *self)
{
  g_return_if_fail (WM_IS_CHANGE_DETECTOR (self));

  g_clear_pointer (&self->hashes, g_free);
  self->width = self->height = 0;
}

/* FNV-1a over whole pixels, row by row, so one pass over the frame fills every tile. */
static guint32 *
hash_tiles (const guint8 *pixels,
            guint         width,
            guint         height,
            guint         stride,
            guint         tiles_x,
            guint         tiles_y)
{
  guint32 *hashes = g_new (guint32, tiles_x * tiles_y);

  for (guint i = 0; i < tiles_x * tiles_y; i++)
    hashes[i] = 2166136261u;

  for (guint y = 0; y < height; y++)
    {
      const guint8 *row = pixels + (gsize) y * stride;
      guint32 *tile_row = hashes + (y / TILE) * tiles_x;

      for (guint x = 0; x < width; x++)
        {
          guint32 pixel;

          memcpy (&pixel, row + x * 4, sizeof pixel);
          tile_row[x / TILE] = (tile_row[x / TILE] ^ pixel) * 16777619u;
        }
    }

  return hashes;
}

typedef struct {
  guint n_tiles;
  guint x0, y0, x1, y1;   /* inclusive, in tiles */
} Area;

/* Grows the area holding tile @start over changed tiles, clearing them in @changed. */
static Area
take_area (guint8 *changed,
           guint   tiles_x,
           guint   tiles_y,
           guint   start)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint));
  Area area = { 0, start % tiles_x, start / tiles_x, start % tiles_x, start / tiles_x };

  changed[start] = 0;
  g_array_append_val (stack, start);

  while (stack->len > 0)
    {
      guint t = g_array_index (stack, guint, stack->len - 1);
      int tx = t % tiles_x, ty = t / tiles_x;

      g_array_set_size (stack, stack->len - 1);
      area.n_tiles++;
      area.x0 = MIN (area.x0, (guint) tx);
      area.x1 = MAX (area.x1, (guint) tx);
      area.y0 = MIN (area.y0, (guint) ty);
      area.y1 = MAX (area.y1, (guint) ty);

      int y_end = MIN ((int) tiles_y - 1, ty + JOIN_DISTANCE);
      int x_end = MIN ((int) tiles_x - 1, tx + JOIN_DISTANCE);

      for (int ny = MAX (0, ty - JOIN_DISTANCE); ny <= y_end; ny++)
        for (int nx = MAX (0, tx - JOIN_DISTANCE); nx <= x_end; nx++)
          {
            guint n = ny * tiles_x + nx;

            if (changed[n])
              {
                changed[n] = 0;
                g_array_append_val (stack, n);
              }
          }
    }

  return area;
}

/* The area with the most changed tiles; the first found (top-most) wins a tie. */
static gboolean
find_main_area (const guint32 *before,
                const guint32 *after,
                guint          tiles_x,
                guint          tiles_y,
                Area          *best)
{
  g_autofree guint8 *changed = g_new0 (guint8, tiles_x * tiles_y);
  gboolean found = FALSE;

  for (guint i = 0; i < tiles_x * tiles_y; i++)
    changed[i] = before[i] != after[i];

  for (guint i = 0; i < tiles_x * tiles_y; i++)
    {
      Area area;

      if (!changed[i])
        continue;

      area = take_area (changed, tiles_x, tiles_y, i);
      if (!found || area.n_tiles > best->n_tiles)
        *best = area;
      found = TRUE;
    }

  return found;
}

gboolean
wm_change_detector_feed (WmChangeDetector *self,
                         const guint8     *pixels,
                         guint             width,
                         guint             height,
                         guint             stride,
                         WmChangeRect     *region,
                         int              *x,
                         int              *y)
{
  g_autofree guint32 *previous = NULL;
  WmChangeRect rect;
  Area area;

  g_return_val_if_fail (WM_IS_CHANGE_DETECTOR (self), FALSE);
  g_return_val_if_fail (pixels != NULL || width == 0 || height == 0, FALSE);
  g_return_val_if_fail (stride >= width * 4, FALSE);

  if (width == 0 || height == 0)
    {
      wm_change_detector_reset (self);
      return FALSE;
    }

  /* A new size (another monitor layout, a rotated screen) makes the shots incomparable. */
  if (width == self->width && height == self->height)
    previous = g_steal_pointer (&self->hashes);

  g_clear_pointer (&self->hashes, g_free);
  self->width = width;
  self->height = height;
  self->tiles_x = (width + TILE - 1) / TILE;
  self->tiles_y = (height + TILE - 1) / TILE;
  self->hashes = hash_tiles (pixels, width, height, stride, self->tiles_x, self->tiles_y);

  if (previous == NULL ||
      !find_main_area (previous, self->hashes, self->tiles_x, self->tiles_y, &area))
    return FALSE;

  rect.x = area.x0 * TILE;
  rect.y = area.y0 * TILE;
  rect.width = MIN ((area.x1 + 1) * TILE, width) - rect.x;
  rect.height = MIN ((area.y1 + 1) * TILE, height) - rect.y;

  if ((double) rect.width * rect.height > BROAD_FRACTION * width * height)
    return FALSE;

  if (region != NULL)
    *region = rect;
  if (x != NULL)
    *x = rect.x + rect.width / 2;
  if (y != NULL)
    *y = rect.y + rect.height / 2;

  return TRUE;
}
