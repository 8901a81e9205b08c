/* wm-image.c — a screenshot, content-addressed by the SHA-256 of its PNG bytes
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-image"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wm-image.h"
#include "wm-store.h"

/* Larger is refused: 16384² covers every real monitor layout, and a bigger header is
 * almost always a hostile or broken file. */
#define MAX_DIMENSION 16384

struct _WmImage
{
  GObject  parent_instance;
  char    *sha256;
  GBytes  *png;
  guint    width;
  guint    height;
};

G_DEFINE_FINAL_TYPE (WmImage, wm_image, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SHA256,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_PNG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wm_image_finalize (GObject *object)
{
  WmImage *self = (WmImage *) object;

  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->png, g_bytes_unref);

  G_OBJECT_CLASS (wm_image_parent_class)->finalize (object);
}

static void
wm_image_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  WmImage *self = WM_IMAGE (object);

  switch (prop_id)
    {
    case PROP_SHA256: g_value_set_string (value, self->sha256); break;
    case PROP_WIDTH: g_value_set_uint (value, self->width); break;
    case PROP_HEIGHT: g_value_set_uint (value, self->height); break;
    case PROP_PNG: g_value_set_boxed (value, self->png); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_image_class_init (WmImageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = wm_image_finalize;
  object_class->get_property = wm_image_get_property;

  properties[PROP_SHA256] = g_param_spec_string ("sha256", NULL, NULL, NULL, ro);
  properties[PROP_WIDTH] = g_param_spec_uint ("width", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_HEIGHT] = g_param_spec_uint ("height", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_PNG] = g_param_spec_boxed ("png", NULL, NULL, G_TYPE_BYTES, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_image_init (WmImage *self)
{
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Walks the chunk list: the signature, IHDR first, every length inside the file, IEND
 * last. That catches non-PNGs and truncated files without decoding any pixels. */
gboolean
wm_png_read_size (const guint8 *data,
                  gsize         len,
                  guint        *width,
                  guint        *height)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  gsize pos = 8;
  gboolean seen_end = FALSE;

  if (len < 8 + 25 || memcmp (data, signature, 8) != 0 || memcmp (data + 12, "IHDR", 4) != 0 ||
      read_be32 (data + 8) != 13)
    return FALSE;

  while (pos + 12 <= len && !seen_end)
    {
      guint32 chunk_len = read_be32 (data + pos);

      if (chunk_len > len - pos - 12)
        return FALSE;
      seen_end = memcmp (data + pos + 4, "IEND", 4) == 0;
      pos += 12 + (gsize) chunk_len;
    }

  if (!seen_end)
    return FALSE;

  *width = read_be32 (data + 16);
  *height = read_be32 (data + 20);

  return *width > 0 && *height > 0;
}

WmImage *
wm_image_new_full (const char *sha256,
                   guint       width,
                   guint       height,
                   GBytes     *png)
{
  WmImage *self;

  g_return_val_if_fail (sha256 != NULL, NULL);
  g_return_val_if_fail (png != NULL, NULL);

  self = g_object_new (WM_TYPE_IMAGE, NULL);
  self->sha256 = g_strdup (sha256);
  self->width = width;
  self->height = height;
  self->png = g_bytes_ref (png);

  return self;
}

WmImage *
wm_image_new_from_png (GBytes  *png,
                       GError **error)
{
  g_autofree char *sha256 = NULL;
  const guint8 *data;
  gsize len;
  guint width, height;

  g_return_val_if_fail (png != NULL, NULL);

  data = g_bytes_get_data (png, &len);
  if (data == NULL || !wm_png_read_size (data, len, &width, &height))
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID_IMAGE,
                   _("Not a PNG image, or a truncated one"));
      return NULL;
    }

  if (width > MAX_DIMENSION || height > MAX_DIMENSION)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID_IMAGE,
                   _("The image is %u×%u pixels; Waymark takes at most %u×%u"),
                   width, height, MAX_DIMENSION, MAX_DIMENSION);
      return NULL;
    }

  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, png);

  return wm_image_new_full (sha256, width, height, png);
}

WmImage *
wm_image_new_from_file (GFile   *file,
                        GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  WmImage *image;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID_IMAGE,
                   _("Cannot read “%s”: %s"), name, local_error->message);
      return NULL;
    }

  image = wm_image_new_from_png (bytes, &local_error);
  if (image == NULL)
    g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID_IMAGE,
                 "“%s”: %s", name, local_error->message);

  return image;
}

const char *
wm_image_get_sha256 (WmImage *self)
{
  g_return_val_if_fail (WM_IS_IMAGE (self), NULL);
  return self->sha256;
}

guint
wm_image_get_width (WmImage *self)
{
  g_return_val_if_fail (WM_IS_IMAGE (self), 0);
  return self->width;
}

guint
wm_image_get_height (WmImage *self)
{
  g_return_val_if_fail (WM_IS_IMAGE (self), 0);
  return self->height;
}

GBytes *
wm_image_get_png (WmImage *self)
{
  g_return_val_if_fail (WM_IS_IMAGE (self), NULL);
  return self->png;
}
