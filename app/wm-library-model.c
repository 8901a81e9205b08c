/* wm-library-model.c — the library as a lazily loaded GListModel of WmTutorial
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-library-model"

#include "config.h"

#include "wm-library-model.h"
#include "wm-util.h"

/* A screenful is ~12 rows; 64-row pages keep queries few, and 32 cached pages (2048
 * tutorials without steps) bound the memory of a scroll through any library. */
#define PAGE_SIZE 64
#define MAX_PAGES 32

struct _WmLibraryModel
{
  GObject     parent_instance;

  WmStore    *store;
  int         stage;
  int         status;
  char       *role;
  char       *search;

  guint       n_items;
  GHashTable *pages;      /* page index → GPtrArray of WmTutorial */
  GQueue      lru;        /* page indexes, most recent first */
};

static GType
wm_library_model_get_item_type (GListModel *model)
{
  return WM_TYPE_TUTORIAL;
}

static guint
wm_library_model_get_n_items (GListModel *model)
{
  return WM_LIBRARY_MODEL (model)->n_items;
}

static void
fill_filter (WmLibraryModel *self,
             WmFilter       *filter)
{
  filter->stage = self->stage;
  filter->status = self->status;
  filter->role = self->role;
  filter->search = self->search;
}

static void
touch_page (WmLibraryModel *self,
            guint           page)
{
  GList *link = g_queue_find (&self->lru, GUINT_TO_POINTER (page));

  if (link != NULL)
    g_queue_unlink (&self->lru, link), g_queue_push_head_link (&self->lru, link);
  else
    g_queue_push_head (&self->lru, GUINT_TO_POINTER (page));

  while (self->lru.length > MAX_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->lru));
}

static GPtrArray *
load_page (WmLibraryModel *self,
           guint           page)
{
  WmFilter filter = WM_FILTER_INIT;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  fill_filter (self, &filter);
  filter.limit = PAGE_SIZE;
  filter.offset = page * PAGE_SIZE;

  rows = wm_store_list_tutorials (self->store, &filter, &error);
  if (rows == NULL)
    {
      g_warning ("Cannot read the library: %s", error->message);
      rows = g_ptr_array_new_with_free_func (g_object_unref);
    }
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);

  return rows;
}

static gpointer
wm_library_model_get_item (GListModel *model,
                           guint       position)
{
  WmLibraryModel *self = WM_LIBRARY_MODEL (model);
  guint page = position / PAGE_SIZE;
  GPtrArray *rows;

  if (position >= self->n_items)
    return NULL;

  rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (rows == NULL)
    rows = load_page (self, page);
  touch_page (self, page);

  /* The library may have shrunk since the count (another process); a short page then
   * yields NULL, which views tolerate until the next reload. */
  if (position % PAGE_SIZE >= rows->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (rows, position % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = wm_library_model_get_item_type;
  iface->get_n_items = wm_library_model_get_n_items;
  iface->get_item = wm_library_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (WmLibraryModel, wm_library_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

void
wm_library_model_reload (WmLibraryModel *self)
{
  WmFilter filter = WM_FILTER_INIT;
  g_autoptr(GError) error = NULL;
  guint old_n = self->n_items;

  g_return_if_fail (WM_IS_LIBRARY_MODEL (self));

  fill_filter (self, &filter);
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->lru);

  self->n_items = wm_store_count_tutorials (self->store, &filter, &error);
  if (error != NULL)
    g_warning ("Cannot count the library: %s", error->message);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
}

void
wm_library_model_set_filter (WmLibraryModel *self,
                             int             stage,
                             int             status,
                             const char     *role,
                             const char     *search)
{
  g_return_if_fail (WM_IS_LIBRARY_MODEL (self));

  self->stage = stage;
  self->status = status;
  wm_set_str (&self->role, wm_str_or_null (role));
  wm_set_str (&self->search, wm_str_or_null (search));
  wm_library_model_reload (self);
}

guint
wm_library_model_find (WmLibraryModel *self,
                       const char     *id)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (WM_IS_LIBRARY_MODEL (self), G_MAXUINT);

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *rows = value;

      for (guint i = 0; i < rows->len; i++)
        if (g_strcmp0 (wm_tutorial_get_id (g_ptr_array_index (rows, i)), id) == 0)
          return GPOINTER_TO_UINT (key) * PAGE_SIZE + i;
    }

  return G_MAXUINT;
}

static void
wm_library_model_finalize (GObject *object)
{
  WmLibraryModel *self = WM_LIBRARY_MODEL (object);

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_queue_clear (&self->lru);
  g_clear_object (&self->store);
  g_clear_pointer (&self->role, g_free);
  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (wm_library_model_parent_class)->finalize (object);
}

static void
wm_library_model_class_init (WmLibraryModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wm_library_model_finalize;
}

static void
wm_library_model_init (WmLibraryModel *self)
{
  self->stage = WM_FILTER_ANY;
  self->status = WM_FILTER_ANY;
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->lru);
}

WmLibraryModel *
wm_library_model_new (WmStore *store)
{
  WmLibraryModel *self;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);

  self = g_object_new (WM_TYPE_LIBRARY_MODEL, NULL);
  self->store = g_object_ref (store);
  wm_library_model_reload (self);

  return self;
}
