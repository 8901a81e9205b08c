/* wm-site-catalog.c — what a published library holds: one entry per tutorial, merged by id
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-site-catalog"

#include "config.h"

#include <json-glib/json-glib.h>

#include "wm-site-catalog.h"

#define CATALOG_FORMAT 1

struct _WmSiteCatalog
{
  GObject     parent_instance;

  char       *library_id;
  char       *title;
  char       *base_url;
  GHashTable *entries;   /* id → WmSiteEntry */
  GHashTable *slugs;     /* slug → id (owned by the entry) */
  GPtrArray  *sorted;    /* cache of wm_site_catalog_list() */
  GBytes     *json;      /* cache of wm_site_catalog_to_json() */
};

G_DEFINE_FINAL_TYPE (WmSiteCatalog, wm_site_catalog, G_TYPE_OBJECT)

WmSiteEntry *
wm_site_entry_new (void)
{
  WmSiteEntry *entry = g_new0 (WmSiteEntry, 1);

  entry->versions = g_array_new (FALSE, FALSE, sizeof (guint));
  entry->roles = g_new0 (char *, 1);

  return entry;
}

void
wm_site_entry_free (WmSiteEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->id);
  g_free (entry->slug);
  g_free (entry->title);
  g_free (entry->summary);
  g_strfreev (entry->roles);
  g_free (entry->thumbnail);
  g_array_unref (entry->versions);
  g_free (entry->build);
  g_free (entry->sort_key);
  g_free (entry);
}

gboolean
wm_site_entry_has_version (const WmSiteEntry *entry,
                           guint              version)
{
  for (guint i = 0; i < entry->versions->len; i++)
    if (g_array_index (entry->versions, guint, i) == version)
      return TRUE;

  return FALSE;
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

void
wm_site_entry_add_version (WmSiteEntry *entry,
                           guint        version)
{
  if (wm_site_entry_has_version (entry, version))
    return;

  g_array_append_val (entry->versions, version);
  g_array_sort (entry->versions, compare_uint);
}

static void
wm_site_catalog_finalize (GObject *object)
{
  WmSiteCatalog *self = WM_SITE_CATALOG (object);

  g_clear_pointer (&self->library_id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->sorted, g_ptr_array_unref);
  g_clear_pointer (&self->json, g_bytes_unref);
  g_clear_pointer (&self->slugs, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_hash_table_unref);

  G_OBJECT_CLASS (wm_site_catalog_parent_class)->finalize (object);
}

static void
wm_site_catalog_class_init (WmSiteCatalogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wm_site_catalog_finalize;
}

static void
wm_site_catalog_init (WmSiteCatalog *self)
{
  self->library_id = g_uuid_string_random ();
  self->title = g_strdup ("Tutorials");
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) wm_site_entry_free);
  self->slugs = g_hash_table_new (g_str_hash, g_str_equal);
}

/* A change: what was derived from the entries must be made again. */
static void
invalidate (WmSiteCatalog *self)
{
  g_clear_pointer (&self->sorted, g_ptr_array_unref);
  g_clear_pointer (&self->json, g_bytes_unref);
}

WmSiteCatalog *
wm_site_catalog_new (void)
{
  return g_object_new (WM_TYPE_SITE_CATALOG, NULL);
}

const char *
wm_site_catalog_get_library_id (WmSiteCatalog *self)
{
  g_return_val_if_fail (WM_IS_SITE_CATALOG (self), NULL);

  return self->library_id;
}

const char *
wm_site_catalog_get_title (WmSiteCatalog *self)
{
  g_return_val_if_fail (WM_IS_SITE_CATALOG (self), NULL);

  return self->title;
}

void
wm_site_catalog_set_title (WmSiteCatalog *self,
                           const char    *title)
{
  g_return_if_fail (WM_IS_SITE_CATALOG (self));
  g_return_if_fail (title != NULL);

  g_free (self->title);
  self->title = g_strdup (title);
  invalidate (self);
}

const char *
wm_site_catalog_get_base_url (WmSiteCatalog *self)
{
  g_return_val_if_fail (WM_IS_SITE_CATALOG (self), NULL);

  return self->base_url;
}

gboolean
wm_site_base_url_is_valid (const char *base_url)
{
  g_autoptr(GUri) uri = NULL;

  if (base_url == NULL || strpbrk (base_url, "\"'<> \t\r\n") != NULL)
    return FALSE;
  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0' &&
         (g_str_equal (g_uri_get_scheme (uri), "https") ||
          g_str_equal (g_uri_get_scheme (uri), "http")) &&
         g_uri_get_query (uri) == NULL && g_uri_get_fragment (uri) == NULL;
}

void
wm_site_catalog_set_base_url (WmSiteCatalog *self,
                              const char    *base_url)
{
  g_return_if_fail (WM_IS_SITE_CATALOG (self));

  invalidate (self);
  g_clear_pointer (&self->base_url, g_free);
  if (base_url != NULL && wm_site_base_url_is_valid (base_url))
    self->base_url = g_str_has_suffix (base_url, "/") ? g_strdup (base_url)
                                                      : g_strconcat (base_url, "/", NULL);
}

WmSiteEntry *
wm_site_catalog_lookup (WmSiteCatalog *self,
                        const char    *id)
{
  g_return_val_if_fail (WM_IS_SITE_CATALOG (self), NULL);

  return g_hash_table_lookup (self->entries, id);
}

const char *
wm_site_catalog_lookup_slug (WmSiteCatalog *self,
                             const char    *slug)
{
  g_return_val_if_fail (WM_IS_SITE_CATALOG (self), NULL);

  return g_hash_table_lookup (self->slugs, slug);
}

void
wm_site_catalog_take (WmSiteCatalog *self,
                      WmSiteEntry   *entry)
{
  WmSiteEntry *old;

  g_return_if_fail (WM_IS_SITE_CATALOG (self));
  g_return_if_fail (entry != NULL && entry->id != NULL && entry->slug != NULL);

  invalidate (self);
  old = g_hash_table_lookup (self->entries, entry->id);
  if (old != NULL)
    g_hash_table_remove (self->slugs, old->slug);
  g_hash_table_replace (self->entries, entry->id, entry);
  g_hash_table_replace (self->slugs, entry->slug, entry->id);
}

gint64
wm_site_catalog_get_updated (WmSiteCatalog *self)
{
  GHashTableIter iter;
  WmSiteEntry *entry;
  gint64 updated = 0;

  g_return_val_if_fail (WM_IS_SITE_CATALOG (self), 0);

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    updated = MAX (updated, entry->updated);

  return updated;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const WmSiteEntry *x = *(const WmSiteEntry * const *) a;
  const WmSiteEntry *y = *(const WmSiteEntry * const *) b;
  int by_title;

  if (x->stage != y->stage)
    return x->stage < y->stage ? -1 : 1;

  by_title = strcmp (x->sort_key, y->sort_key);
  return by_title != 0 ? by_title : strcmp (x->id, y->id);
}

GPtrArray *
wm_site_catalog_list (WmSiteCatalog *self)
{
  GHashTableIter iter;
  WmSiteEntry *entry;

  g_return_val_if_fail (WM_IS_SITE_CATALOG (self), NULL);

  if (self->sorted == NULL)
    {
      self->sorted = g_ptr_array_sized_new (g_hash_table_size (self->entries));
      g_hash_table_iter_init (&iter, self->entries);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
        {
          /* Collation keys once per entry, not twice per comparison. */
          if (entry->sort_key == NULL)
            entry->sort_key = g_utf8_collate_key (entry->title, -1);
          g_ptr_array_add (self->sorted, entry);
        }
      g_ptr_array_sort (self->sorted, compare_entries);
    }

  return g_ptr_array_ref (self->sorted);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

GStrv
wm_site_catalog_list_roles (WmSiteCatalog *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree const char **roles = NULL;
  GHashTableIter iter;
  WmSiteEntry *entry;
  guint n_roles = 0;

  g_return_val_if_fail (WM_IS_SITE_CATALOG (self), NULL);

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    for (guint i = 0; entry->roles[i] != NULL; i++)
      g_hash_table_add (seen, entry->roles[i]);

  roles = (const char **) g_hash_table_get_keys_as_array (seen, &n_roles);
  g_qsort_with_data (roles, n_roles, sizeof (char *), compare_strings, NULL);
  for (guint i = 0; i < n_roles; i++)
    g_strv_builder_add (builder, roles[i]);

  return g_strv_builder_end (builder);
}

char *
wm_site_catalog_get_url (WmSiteCatalog     *self,
                         const WmSiteEntry *entry)
{
  g_return_val_if_fail (WM_IS_SITE_CATALOG (self), NULL);

  return g_strdup_printf ("%st/%s/", self->base_url != NULL ? self->base_url : "", entry->slug);
}

char *
wm_site_format_time (gint64 usec)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ")
                      : g_strdup ("1970-01-01T00:00:00Z");
}

static gint64
parse_time (const char *text)
{
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL)
    return 0;
  time = g_date_time_new_from_iso8601 (text, NULL);

  return time != NULL ? g_date_time_to_unix (time) * G_USEC_PER_SEC : 0;
}

gboolean
wm_site_slug_is_safe (const char *slug)
{
  if (slug == NULL || *slug == '\0' || *slug == '-' || strlen (slug) > 200)
    return FALSE;
  for (const char *p = slug; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;

  return TRUE;
}

/* "images/[thumbs/]<hex>.png" and nothing else: the catalogue may have been edited by anyone. */
static gboolean
thumbnail_is_safe (const char *path)
{
  const char *p;

  const char *name;

  if (g_str_has_prefix (path, "images/thumbs/"))
    name = path + strlen ("images/thumbs/");
  else if (g_str_has_prefix (path, "images/"))
    name = path + strlen ("images/");
  else
    return FALSE;
  for (p = name; g_ascii_isxdigit (*p); p++)
    ;

  return p - name >= 16 && g_str_equal (p, ".png");
}

/* json-glib 1.6 has no json_object_get_array_member_with_default(). */
static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static GStrv
read_roles (JsonObject *object)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *roles = get_array (object, "roles");

  for (guint i = 0; roles != NULL && i < json_array_get_length (roles); i++)
    {
      const char *role = json_array_get_string_element (roles, i);
      if (role != NULL)
        g_strv_builder_add (builder, role);
    }

  return g_strv_builder_end (builder);
}

static WmSiteEntry *
read_entry (JsonObject  *object,
            guint        index,
            GError     **error)
{
  g_autoptr(WmSiteEntry) entry = wm_site_entry_new ();
  JsonArray *versions;
  const char *stage;
  const char *thumbnail;

  entry->id = g_strdup (json_object_get_string_member_with_default (object, "id", NULL));
  entry->slug = g_strdup (json_object_get_string_member_with_default (object, "slug", NULL));
  entry->title = g_strdup (json_object_get_string_member_with_default (object, "title", ""));
  entry->summary = g_strdup (json_object_get_string_member_with_default (object, "summary", ""));
  stage = json_object_get_string_member_with_default (object, "stage", "");
  entry->version = json_object_get_int_member_with_default (object, "version", 0);
  entry->updated = parse_time (json_object_get_string_member_with_default (object, "updated",
                                                                           NULL));
  entry->n_steps = json_object_get_int_member_with_default (object, "steps", 0);
  entry->build = g_strdup (json_object_get_string_member_with_default (object, "build", ""));
  thumbnail = json_object_get_string_member_with_default (object, "thumbnail", NULL);
  entry->thumbnail = thumbnail != NULL && thumbnail_is_safe (thumbnail) ? g_strdup (thumbnail)
                                                                        : NULL;
  g_strfreev (entry->roles);
  entry->roles = read_roles (object);

  versions = get_array (object, "versions");
  for (guint i = 0; versions != NULL && i < json_array_get_length (versions); i++)
    wm_site_entry_add_version (entry, json_array_get_int_element (versions, i));

  /* Ids and slugs end up in markup and paths: only what Waymark itself makes is taken. */
  if (entry->id == NULL || !g_uuid_string_is_valid (entry->id) ||
      !wm_site_slug_is_safe (entry->slug) ||
      !wm_stage_from_string (stage, &entry->stage) || entry->version == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "Entry %u of catalog.json is damaged (id, slug, stage or version)", index + 1);
      return NULL;
    }
  wm_site_entry_add_version (entry, entry->version);

  return g_steal_pointer (&entry);
}

WmSiteCatalog *
wm_site_catalog_new_from_bytes (GBytes  *json,
                                GError **error)
{
  g_autoptr(WmSiteCatalog) self = wm_site_catalog_new ();
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;
  JsonObject *object;
  JsonArray *tutorials;
  gsize size = 0;
  const char *data = g_bytes_get_data (json, &size);

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, data, size, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (object = json_node_get_object (root)) == NULL ||
      (tutorials = get_array (object, "tutorials")) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "catalog.json is not a Waymark catalogue");
      return NULL;
    }

  if (json_object_get_int_member_with_default (object, "format", 0) > CATALOG_FORMAT)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The library was published by a newer Waymark; update this one first");
      return NULL;
    }

  g_free (self->library_id);
  self->library_id = g_strdup (json_object_get_string_member_with_default (object, "library",
                                                                           NULL));
  if (self->library_id == NULL)
    self->library_id = g_uuid_string_random ();
  wm_site_catalog_set_title (self, json_object_get_string_member_with_default (object, "title",
                                                                               "Tutorials"));
  wm_site_catalog_set_base_url (self, json_object_get_string_member_with_default (object,
                                                                                  "base_url",
                                                                                  NULL));

  for (guint i = 0; i < json_array_get_length (tutorials); i++)
    {
      JsonObject *item = json_array_get_object_element (tutorials, i);
      WmSiteEntry *entry = item != NULL ? read_entry (item, i, error) : NULL;

      if (entry == NULL)
        {
          if (item == NULL)
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         "Entry %u of catalog.json is not an object", i + 1);
          return NULL;
        }
      wm_site_catalog_take (self, entry);
    }

  return g_steal_pointer (&self);
}

static void
write_entry (WmSiteCatalog     *self,
             JsonBuilder       *b,
             const WmSiteEntry *entry)
{
  g_autofree char *updated = wm_site_format_time (entry->updated);
  g_autofree char *url = wm_site_catalog_get_url (self, entry);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, entry->id);
  json_builder_set_member_name (b, "slug");
  json_builder_add_string_value (b, entry->slug);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, entry->title);
  json_builder_set_member_name (b, "summary");
  json_builder_add_string_value (b, entry->summary);
  json_builder_set_member_name (b, "stage");
  json_builder_add_string_value (b, wm_stage_to_string (entry->stage));
  json_builder_set_member_name (b, "roles");
  json_builder_begin_array (b);
  for (guint i = 0; entry->roles[i] != NULL; i++)
    json_builder_add_string_value (b, entry->roles[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, entry->version);
  json_builder_set_member_name (b, "updated");
  json_builder_add_string_value (b, updated);
  json_builder_set_member_name (b, "url");
  json_builder_add_string_value (b, url);
  json_builder_set_member_name (b, "steps");
  json_builder_add_int_value (b, entry->n_steps);
  json_builder_set_member_name (b, "thumbnail");
  if (entry->thumbnail != NULL)
    json_builder_add_string_value (b, entry->thumbnail);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "versions");
  json_builder_begin_array (b);
  for (guint i = 0; i < entry->versions->len; i++)
    json_builder_add_int_value (b, g_array_index (entry->versions, guint, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "build");
  json_builder_add_string_value (b, entry->build != NULL ? entry->build : "");
  json_builder_end_object (b);
}

GBytes *
wm_site_catalog_to_json (WmSiteCatalog *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *updated = NULL;
  char *text;

  g_return_val_if_fail (WM_IS_SITE_CATALOG (self), NULL);

  if (self->json != NULL)
    return g_bytes_ref (self->json);

  entries = wm_site_catalog_list (self);
  updated = wm_site_format_time (wm_site_catalog_get_updated (self));

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_int_value (b, CATALOG_FORMAT);
  json_builder_set_member_name (b, "generator");
  json_builder_add_string_value (b, "Waymark " PACKAGE_VERSION);
  json_builder_set_member_name (b, "library");
  json_builder_add_string_value (b, self->library_id);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, self->title);
  json_builder_set_member_name (b, "base_url");
  if (self->base_url != NULL)
    json_builder_add_string_value (b, self->base_url);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "updated");
  json_builder_add_string_value (b, updated);
  json_builder_set_member_name (b, "tutorials");
  json_builder_begin_array (b);
  for (guint i = 0; i < entries->len; i++)
    write_entry (self, b, g_ptr_array_index (entries, i));
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  self->json = g_bytes_new_take (text, strlen (text));

  return g_bytes_ref (self->json);
}
