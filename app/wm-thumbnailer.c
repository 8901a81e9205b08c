/* wm-thumbnailer.c — screenshots decoded and scaled off the main thread, with a bounded cache
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-thumbnailer"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-thumbnailer.h"

struct _WmThumbnailer
{
  GObject     parent_instance;

  char       *path;
  GMutex      reader_lock;
  WmStore    *reader;       /* the workers' own read-only connection, opened on demand */
  int         width;
  int         height;
  guint       max_cached;
  GHashTable *cache;        /* sha256 → GdkTexture */
  GHashTable *pending;      /* sha256 → GPtrArray of GTask waiting for the same decode */
  GThreadPool *pool;        /* a few decoders: each holds a whole decoded screen meanwhile */
  GQueue      lru;          /* sha256 (owned by cache keys), most recent first */
  guint       hold_count;
  GPtrArray  *held;         /* worker GTasks waiting for release() */
};

G_DEFINE_FINAL_TYPE (WmThumbnailer, wm_thumbnailer, G_TYPE_OBJECT)

typedef struct {
  char *sha256;
  int   width;
  int   height;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->sha256);
  g_free (data);
}

GdkTexture *
wm_texture_new_from_png (GBytes  *png,
                         GError **error)
{
  return gdk_texture_new_from_bytes (png, error);
}

static GBytes *
read_png_locked (WmThumbnailer *self,
                 const char    *sha256,
                 GError       **error)
{
  g_autoptr(WmImage) image = NULL;

  if (self->reader == NULL)
    self->reader = wm_store_open_read_only (self->path, error);
  if (self->reader == NULL)
    return NULL;

  image = wm_store_load_image (self->reader, sha256, error);
  if (image == NULL)
    return NULL;

  return g_bytes_ref (wm_image_get_png (image));
}

/* The workers share one read-only connection; SQLite connections are not for two
 * threads at once. */
static GBytes *
read_png (WmThumbnailer *self,
          const char    *sha256,
          GError       **error)
{
  GBytes *png;

  g_mutex_lock (&self->reader_lock);
  png = read_png_locked (self, sha256, error);
  g_mutex_unlock (&self->reader_lock);

  return png;
}

static void
load_thread (gpointer item,
             gpointer user_data)
{
  g_autoptr(GTask) task = item;
  WmThumbnailer *self = g_task_get_source_object (task);
  LoadData *data = g_task_get_task_data (task);
  GCancellable *cancellable = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GInputStream) stream = NULL;
  GdkPixbuf *pixbuf;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  png = read_png (self, data->sha256, &error);
  if (png == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Only the small pixbuf outlives this thread: a 1080p frame is 8 MB decoded. */
  stream = g_memory_input_stream_new_from_bytes (png);
  pixbuf = gdk_pixbuf_new_from_stream_at_scale (stream, data->width, data->height, TRUE,
                                                cancellable, &error);
  if (pixbuf == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pixbuf, g_object_unref);
}

static void
remember (WmThumbnailer *self,
          const char    *sha256,
          GdkTexture    *texture)
{
  char *key = g_strdup (sha256);

  if (g_hash_table_contains (self->cache, sha256))
    return g_free (key);

  g_hash_table_insert (self->cache, key, g_object_ref (texture));
  g_queue_push_head (&self->lru, key);
  while (self->lru.length > self->max_cached)
    g_hash_table_remove (self->cache, g_queue_pop_tail (&self->lru));
}

GdkTexture *
wm_thumbnailer_lookup (WmThumbnailer *self,
                       const char    *sha256)
{
  g_return_val_if_fail (WM_IS_THUMBNAILER (self), NULL);

  return sha256 ? g_hash_table_lookup (self->cache, sha256) : NULL;
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autofree char *sha256 = user_data;
  WmThumbnailer *self = WM_THUMBNAILER (source);
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pending_key = NULL;

  /* Stealing hands over the key as well as the value: both are ours to free. */
  g_hash_table_steal_extended (self->pending, sha256, (gpointer *) &pending_key,
                               (gpointer *) &waiting);
  pixbuf = g_task_propagate_pointer (G_TASK (result), &error);
  if (pixbuf != NULL)
    {
      texture = gdk_texture_new_for_pixbuf (pixbuf);
      remember (self, sha256, texture);
    }

  for (guint i = 0; waiting && i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      if (texture != NULL)
        g_task_return_pointer (task, g_object_ref (texture), g_object_unref);
      else
        g_task_return_error (task, g_error_copy (error));
    }
}

void
wm_thumbnailer_load_async (WmThumbnailer       *self,
                           const char          *sha256,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) worker = NULL;
  GPtrArray *waiting;
  LoadData *data;
  GdkTexture *cached;

  g_return_if_fail (WM_IS_THUMBNAILER (self));
  g_return_if_fail (sha256 != NULL);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, wm_thumbnailer_load_async);

  cached = wm_thumbnailer_lookup (self, sha256);
  if (cached != NULL)
    return g_task_return_pointer (outer, g_object_ref (cached), g_object_unref);

  /* Rows showing the same screenshot share one decode. */
  waiting = g_hash_table_lookup (self->pending, sha256);
  if (waiting != NULL)
    return g_ptr_array_add (waiting, g_steal_pointer (&outer));
  waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (waiting, g_steal_pointer (&outer));
  g_hash_table_insert (self->pending, g_strdup (sha256), waiting);

  data = g_new0 (LoadData, 1);
  data->sha256 = g_strdup (sha256);
  data->width = self->width;
  data->height = self->height;

  /* The worker finishes on this thread's main context; the texture (a GDK object) is
   * made there, from the pixbuf the thread produced. Not cancellable: other rows may
   * still want it, and it is cached either way. */
  worker = g_task_new (self, NULL, load_done, g_strdup (sha256));
  g_task_set_task_data (worker, data, (GDestroyNotify) load_data_free);
  if (self->hold_count > 0)
    g_ptr_array_add (self->held, g_steal_pointer (&worker));
  else
    g_thread_pool_push (self->pool, g_steal_pointer (&worker), NULL);
}

/* Until as many release() as hold(), decodes wait: the window's first frame is drawn before
 * any screenshot competes with it for the CPU. */
void
wm_thumbnailer_hold (WmThumbnailer *self)
{
  g_return_if_fail (WM_IS_THUMBNAILER (self));

  self->hold_count++;
}

void
wm_thumbnailer_release (WmThumbnailer *self)
{
  g_autofree gpointer *tasks = NULL;
  gsize n_tasks = 0;

  g_return_if_fail (WM_IS_THUMBNAILER (self));
  g_return_if_fail (self->hold_count > 0);

  if (--self->hold_count > 0)
    return;
  /* The pool owns them now. */
  tasks = g_ptr_array_steal (self->held, &n_tasks);
  for (gsize i = 0; i < n_tasks; i++)
    g_thread_pool_push (self->pool, tasks[i], NULL);
}

GdkTexture *
wm_thumbnailer_load_finish (WmThumbnailer *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
wm_thumbnailer_forget (WmThumbnailer *self,
                       const char    *sha256)
{
  GList *link;

  g_return_if_fail (WM_IS_THUMBNAILER (self));

  link = g_queue_find_custom (&self->lru, sha256, (GCompareFunc) g_strcmp0);
  if (link == NULL)
    return;
  g_queue_delete_link (&self->lru, link);
  g_hash_table_remove (self->cache, sha256);
}

static void
wm_thumbnailer_finalize (GObject *object)
{
  WmThumbnailer *self = WM_THUMBNAILER (object);

  /* Queued decodes hold a reference to us, so none is left by now. */
  g_thread_pool_free (self->pool, TRUE, FALSE);
  g_queue_clear (&self->lru);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->held, g_ptr_array_unref);
  g_clear_object (&self->reader);
  g_mutex_clear (&self->reader_lock);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (wm_thumbnailer_parent_class)->finalize (object);
}

static void
wm_thumbnailer_class_init (WmThumbnailerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wm_thumbnailer_finalize;
}

static void
wm_thumbnailer_init (WmThumbnailer *self)
{
  g_mutex_init (&self->reader_lock);
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  self->pool = g_thread_pool_new (load_thread, NULL, MIN (g_get_num_processors (), 3), FALSE,
                                  NULL);
  g_queue_init (&self->lru);
  self->held = g_ptr_array_new_with_free_func (g_object_unref);
}

WmThumbnailer *
wm_thumbnailer_new (WmStore *store,
                    int      width,
                    int      height,
                    guint    max_cached)
{
  WmThumbnailer *self;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);

  self = g_object_new (WM_TYPE_THUMBNAILER, NULL);
  self->path = g_strdup (wm_store_get_path (store));
  self->width = width;
  self->height = height;
  self->max_cached = MAX (max_cached, 1);

  return self;
}
