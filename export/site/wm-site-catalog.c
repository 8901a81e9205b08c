/* wm-site-catalog.c — what a published library holds: one entry per tutorial, merged by id
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-site-catalog"

#include "config.h"

#include <glib/gi18n.h>

#include <json-glib/json-glib.h>

#include "wm-site-catalog.h"

/* 1: every entry in catalog.json; 2: entries in parts (see the header). */
#define CATALOG_FORMAT 2

/* Anyone who can write to the share may have edited the catalogue: what is read is bounded.
 * A library of 10,000 tutorials has catalogue files of a few MB and four levels of nesting. */
#define MAX_DEPTH 16
#define MAX_ENTRIES 200000
#define MAX_VERSIONS 10000
#define MAX_ROLES 64

struct _WmSiteCatalog
{
  GObject     parent_instance;

  char       *library_id;
  char       *title;
  char       *base_url;
  gint64      updated;
  guint       sizes[WM_SITE_CATALOG_N_PARTS];   /* entries in each part */
  GHashTable *entries;   /* id → WmSiteEntry, of loaded parts */
  GHashTable *slugs;     /* slug → id (owned by the entry) */
  GPtrArray  *recent;    /* WmSiteEntry copies, newest first */
  gboolean    loaded[WM_SITE_CATALOG_N_PARTS];
  gboolean    dirty[WM_SITE_CATALOG_N_PARTS];
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

WmSiteEntry *
wm_site_entry_copy (const WmSiteEntry *entry)
{
  WmSiteEntry *copy = g_new0 (WmSiteEntry, 1);

  *copy = *entry;
  copy->id = g_strdup (entry->id);
  copy->slug = g_strdup (entry->slug);
  copy->title = g_strdup (entry->title);
  copy->summary = g_strdup (entry->summary);
  copy->roles = g_strdupv (entry->roles);
  copy->thumbnail = g_strdup (entry->thumbnail);
  copy->versions = g_array_copy (entry->versions);
  copy->build = g_strdup (entry->build);
  copy->sort_key = g_strdup (entry->sort_key);

  return copy;
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

static void
entry_free (gpointer entry)
{
  wm_site_entry_free (entry);
}

/* Where @version is, or would go, in the ascending versions. */
static guint
find_version (const WmSiteEntry *entry,
              guint              version)
{
  guint low = 0, high = entry->versions->len;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (g_array_index (entry->versions, guint, mid) < version)
        low = mid + 1;
      else
        high = mid;
    }

  return low;
}

gboolean
wm_site_entry_has_version (const WmSiteEntry *entry,
                           guint              version)
{
  guint at = find_version (entry, version);

  return at < entry->versions->len && g_array_index (entry->versions, guint, at) == version;
}

void
wm_site_entry_add_version (WmSiteEntry *entry,
                           guint        version)
{
  if (!wm_site_entry_has_version (entry, version))
    g_array_insert_val (entry->versions, find_version (entry, version), version);
}

static void
wm_site_catalog_finalize (GObject *object)
{
  WmSiteCatalog *self = WM_SITE_CATALOG (object);

  g_clear_pointer (&self->library_id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->recent, g_ptr_array_unref);
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
  self->recent = g_ptr_array_new_with_free_func (entry_free);
}

WmSiteCatalog *
wm_site_catalog_new (void)
{
  WmSiteCatalog *self = g_object_new (WM_TYPE_SITE_CATALOG, NULL);

  for (guint i = 0; i < WM_SITE_CATALOG_N_PARTS; i++)
    self->loaded[i] = self->dirty[i] = TRUE;

  return self;
}

guint
wm_site_catalog_part_of (const char *id)
{
  g_return_val_if_fail (id != NULL && g_ascii_isxdigit (id[0]) && g_ascii_isxdigit (id[1]), 0);

  /* The first six bits of a random UUID: parts fill evenly. */
  return (g_ascii_xdigit_value (id[0]) << 2 | g_ascii_xdigit_value (id[1]) >> 2) %
         WM_SITE_CATALOG_N_PARTS;
}

char *
wm_site_catalog_part_path (guint       part,
                           const char *suffix)
{
  return g_strdup_printf ("catalog/%02x%s", part, suffix);
}

gboolean
wm_site_catalog_part_is_loaded (WmSiteCatalog *self,
                                guint          part)
{
  g_return_val_if_fail (WM_IS_SITE_CATALOG (self), FALSE);
  g_return_val_if_fail (part < WM_SITE_CATALOG_N_PARTS, FALSE);

  return self->loaded[part];
}

gboolean
wm_site_catalog_part_is_dirty (WmSiteCatalog *self,
                               guint          part)
{
  g_return_val_if_fail (WM_IS_SITE_CATALOG (self), FALSE);
  g_return_val_if_fail (part < WM_SITE_CATALOG_N_PARTS, FALSE);

  return self->dirty[part];
}

guint
wm_site_catalog_get_count (WmSiteCatalog *self)
{
  guint count = 0;

  g_return_val_if_fail (WM_IS_SITE_CATALOG (self), 0);

  for (guint i = 0; i < WM_SITE_CATALOG_N_PARTS; i++)
    count += self->sizes[i];

  return count;
}

GPtrArray *
wm_site_catalog_get_recent (WmSiteCatalog *self)
{
  g_return_val_if_fail (WM_IS_SITE_CATALOG (self), NULL);

  return self->recent;
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

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const WmSiteEntry *x = *(const WmSiteEntry * const *) a;
  const WmSiteEntry *y = *(const WmSiteEntry * const *) b;
  /* In whole seconds, as catalog.json keeps them: the order must survive a reload. */
  gint64 tx = x->updated / G_USEC_PER_SEC, ty = y->updated / G_USEC_PER_SEC;

  if (tx != ty)
    return tx > ty ? -1 : 1;
  return strcmp (x->id, y->id);
}

/* Keeps the latest updates: @entry replaces its own older one. */
static void
remember_recent (WmSiteCatalog     *self,
                 const WmSiteEntry *entry)
{
  for (guint i = 0; i < self->recent->len; i++)
    if (g_str_equal (((WmSiteEntry *) self->recent->pdata[i])->id, entry->id))
      {
        g_ptr_array_remove_index (self->recent, i);
        break;
      }

  g_ptr_array_add (self->recent, wm_site_entry_copy (entry));
  g_ptr_array_sort (self->recent, compare_newest_first);
  if (self->recent->len > WM_SITE_CATALOG_N_RECENT)
    g_ptr_array_set_size (self->recent, WM_SITE_CATALOG_N_RECENT);
}

/* Whether @entry belongs among the latest updates and is not there yet as it is. */
static gboolean
is_recent (WmSiteCatalog     *self,
           const WmSiteEntry *entry)
{
  const WmSiteEntry *oldest;

  for (guint i = 0; i < self->recent->len; i++)
    {
      const WmSiteEntry *known = self->recent->pdata[i];
      /* The part is the truth: its entry replaces one catalog.json kept of another version. */
      if (g_str_equal (known->id, entry->id))
        return known->version != entry->version ||
               known->updated / G_USEC_PER_SEC != entry->updated / G_USEC_PER_SEC ||
               g_strcmp0 (known->slug, entry->slug) != 0;
    }
  if (self->recent->len < WM_SITE_CATALOG_N_RECENT)
    return TRUE;
  oldest = self->recent->pdata[self->recent->len - 1];

  return compare_newest_first (&entry, &oldest) < 0;
}

/* An entry read from a part or a first-format catalogue: no change. */
static void
insert_entry (WmSiteCatalog *self,
              WmSiteEntry   *entry)
{
  WmSiteEntry *old = g_hash_table_lookup (self->entries, entry->id);

  if (old != NULL)
    g_hash_table_remove (self->slugs, old->slug);
  else
    self->sizes[wm_site_catalog_part_of (entry->id)]++;
  g_hash_table_replace (self->entries, entry->id, entry);
  g_hash_table_replace (self->slugs, entry->slug, entry->id);
}

/* An entry read from a part or a first-format catalogue: it counts for the library's
 * "updated" and, if among them, the latest updates. */
static void
add_read_entry (WmSiteCatalog *self,
                WmSiteEntry   *entry)
{
  self->updated = MAX (self->updated, entry->updated);
  if (is_recent (self, entry))
    remember_recent (self, entry);
  insert_entry (self, entry);
}

void
wm_site_catalog_take (WmSiteCatalog *self,
                      WmSiteEntry   *entry)
{
  guint part;

  g_return_if_fail (WM_IS_SITE_CATALOG (self));
  g_return_if_fail (entry != NULL && entry->id != NULL && entry->slug != NULL);

  part = wm_site_catalog_part_of (entry->id);
  g_return_if_fail (self->loaded[part]);

  self->dirty[part] = TRUE;
  self->updated = MAX (self->updated, entry->updated);
  remember_recent (self, entry);
  insert_entry (self, entry);
}

gint64
wm_site_catalog_get_updated (WmSiteCatalog *self)
{
  g_return_val_if_fail (WM_IS_SITE_CATALOG (self), 0);

  return self->updated;
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
wm_site_catalog_list_part (WmSiteCatalog *self,
                           guint          part)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  GHashTableIter iter;
  WmSiteEntry *entry;

  g_return_val_if_fail (WM_IS_SITE_CATALOG (self), NULL);
  g_return_val_if_fail (part < WM_SITE_CATALOG_N_PARTS && self->loaded[part], NULL);

  /* A hash walk over loaded parts only: a publish loads the few parts it changes. */
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    {
      if (wm_site_catalog_part_of (entry->id) != part)
        continue;
      /* Collation keys once per entry, not twice per comparison. */
      if (entry->sort_key == NULL)
        entry->sort_key = g_utf8_collate_key (entry->title, -1);
      g_ptr_array_add (sorted, entry);
    }
  g_ptr_array_sort (sorted, compare_entries);

  return g_steal_pointer (&sorted);
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

/* The member if it is a string, @fallback when it is missing or null; NULL (a damaged
 * entry) when it is anything else. json-glib's own getters hand back NULL for a number. */
static const char *
get_string (JsonObject *object,
            const char *name,
            const char *fallback)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return fallback;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* The member if it is an integer in 0…G_MAXINT, else -1. */
static gint64
get_uint (JsonObject *object,
          const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return -1;
  value = json_node_get_int (node);

  return value >= 0 && value <= G_MAXINT ? value : -1;
}

static gboolean
read_roles (WmSiteEntry *entry,
            JsonObject  *object)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *roles = get_array (object, "roles");
  guint n = roles != NULL ? json_array_get_length (roles) : 0;

  if (n > MAX_ROLES)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *role = json_array_get_element (roles, i);

      if (!JSON_NODE_HOLDS_VALUE (role) || json_node_get_value_type (role) != G_TYPE_STRING)
        return FALSE;
      g_strv_builder_add (builder, json_node_get_string (role));
    }

  g_strfreev (entry->roles);
  entry->roles = g_strv_builder_end (builder);
  return TRUE;
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* Every version, sorted once and without repeats: linear in the list however long it is
 * (up to MAX_VERSIONS). */
static gboolean
read_versions (WmSiteEntry *entry,
               JsonObject  *object)
{
  JsonArray *versions = get_array (object, "versions");
  guint n = versions != NULL ? json_array_get_length (versions) : 0, kept = 0;

  if (n > MAX_VERSIONS)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (versions, i);
      gint64 version;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
          (version = json_node_get_int (node)) < 1 || version > G_MAXINT)
        return FALSE;
      guint value = (guint) version;

      g_array_append_val (entry->versions, value);
    }
  g_array_sort (entry->versions, compare_uint);
  for (guint i = 0; i < entry->versions->len; i++)
    if (kept == 0 || g_array_index (entry->versions, guint, i) !=
                     g_array_index (entry->versions, guint, kept - 1))
      g_array_index (entry->versions, guint, kept++) = g_array_index (entry->versions, guint, i);
  g_array_set_size (entry->versions, kept);

  return TRUE;
}

static WmSiteEntry *
read_entry (JsonObject  *object,
            guint        index,
            GError     **error)
{
  g_autoptr(WmSiteEntry) entry = wm_site_entry_new ();
  const char *stage = get_string (object, "stage", NULL);
  const char *thumbnail = get_string (object, "thumbnail", "");
  const char *title = get_string (object, "title", "");
  const char *summary = get_string (object, "summary", "");
  const char *build = get_string (object, "build", "");
  gint64 version = get_uint (object, "version");
  gint64 steps = get_uint (object, "steps");

  entry->id = g_strdup (get_string (object, "id", NULL));
  entry->slug = g_strdup (get_string (object, "slug", NULL));

  /* Ids and slugs end up in markup and paths: only what Waymark itself makes is taken; and
   * every field has the type Waymark writes. */
  if (entry->id == NULL || !g_uuid_string_is_valid (entry->id) ||
      !wm_site_slug_is_safe (entry->slug) || stage == NULL ||
      !wm_stage_from_string (stage, &entry->stage) || version < 1 || title == NULL ||
      summary == NULL || build == NULL || thumbnail == NULL ||
      !read_roles (entry, object) || !read_versions (entry, object))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Entry %u of catalog.json is damaged (id, slug, stage or version)"), index + 1);
      return NULL;
    }

  entry->title = g_strdup (title);
  entry->summary = g_strdup (summary);
  entry->build = g_strdup (build);
  entry->version = (guint) version;
  entry->n_steps = steps > 0 ? (guint) steps : 0;
  entry->updated = parse_time (get_string (object, "updated", NULL));
  entry->thumbnail = thumbnail_is_safe (thumbnail) ? g_strdup (thumbnail) : NULL;
  wm_site_entry_add_version (entry, entry->version);

  return g_steal_pointer (&entry);
}

/* Whether @data nests arrays and objects deeper than MAX_DEPTH: json-glib recurses once per
 * level, so a megabyte of "[" would run it out of stack. One linear pass, strings skipped. */
static gboolean
nests_too_deep (const char *data,
                gsize       size)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < size; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if ((c == '[' || c == '{') && ++depth > MAX_DEPTH)
        return TRUE;
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return FALSE;
}

gboolean
wm_site_json_is_bounded (GBytes *json)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (json, &size);

  /* Empty: GBytes has no data pointer at all then, which json-glib refuses loudly. */
  return size > 0 && size <= WM_SITE_CATALOG_MAX_SIZE && !nests_too_deep (data, size);
}

/* The root object of @json, or a clear error naming @what. */
static JsonObject *
parse_object (JsonParser  *parser,
              GBytes      *json,
              const char  *what,
              GError     **error)
{
  JsonNode *root;
  JsonObject *object;
  gsize size = 0;
  const char *data = g_bytes_get_data (json, &size);

  if (!wm_site_json_is_bounded (json) ||
      !json_parser_load_from_data (parser, data, size, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (object = json_node_get_object (root)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s is not a Waymark catalogue"), what);
      return NULL;
    }

  if (get_uint (object, "format") > CATALOG_FORMAT)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The library was published by a newer Waymark; update this one first"));
      return NULL;
    }

  return object;
}

/* Every entry of @tutorials, checked; in @part when it is not -1. */
static gboolean
read_entries (JsonArray   *tutorials,
              const char  *what,
              int          part,
              GPtrArray   *into,
              GError     **error)
{
  if (json_array_get_length (tutorials) > MAX_ENTRIES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s lists more tutorials than a library holds", what);
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (tutorials); i++)
    {
      JsonNode *node = json_array_get_element (tutorials, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      g_autoptr(GError) local_error = NULL;
      WmSiteEntry *entry = item != NULL ? read_entry (item, i, &local_error) : NULL;

      if (entry != NULL && part >= 0 && wm_site_catalog_part_of (entry->id) != (guint) part)
        g_clear_pointer (&entry, wm_site_entry_free);
      if (entry == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Entry %1$u of %2$s is damaged (id, slug, stage or version)"), i + 1, what);
          return FALSE;
        }
      g_ptr_array_add (into, entry);
    }

  return TRUE;
}

/* The first format had every entry in catalog.json: all parts are known, and changed. */
static gboolean
read_whole (WmSiteCatalog  *self,
            JsonArray      *tutorials,
            GError        **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (entry_free);

  if (!read_entries (tutorials, "catalog.json", -1, entries, error))
    return FALSE;
  g_ptr_array_set_free_func (entries, NULL);

  for (guint i = 0; i < WM_SITE_CATALOG_N_PARTS; i++)
    self->loaded[i] = self->dirty[i] = TRUE;
  for (guint i = 0; i < entries->len; i++)
    add_read_entry (self, entries->pdata[i]);

  return TRUE;
}

static void
read_sizes (WmSiteCatalog *self,
            JsonArray     *sizes)
{
  for (guint i = 0; sizes != NULL && i < MIN (json_array_get_length (sizes),
                                              WM_SITE_CATALOG_N_PARTS); i++)
    {
      JsonNode *size = json_array_get_element (sizes, i);
      if (JSON_NODE_HOLDS_VALUE (size) && json_node_get_value_type (size) == G_TYPE_INT64)
        self->sizes[i] = (guint) CLAMP (json_node_get_int (size), 0, G_MAXINT);
    }
}

WmSiteCatalog *
wm_site_catalog_new_from_bytes (GBytes  *json,
                                GError **error)
{
  g_autoptr(WmSiteCatalog) self = g_object_new (WM_TYPE_SITE_CATALOG, NULL);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) recent = g_ptr_array_new_with_free_func (entry_free);
  const char *library, *title;
  JsonObject *object;
  JsonArray *tutorials;

  g_return_val_if_fail (json != NULL, NULL);

  if ((object = parse_object (parser, json, "catalog.json", error)) == NULL)
    return NULL;

  /* The library's id names it in feeds and in each store's memory of what it published
   * there: only a UUID, as Waymark makes them, is kept. */
  library = get_string (object, "library", NULL);
  if (library != NULL && g_uuid_string_is_valid (library))
    {
      g_free (self->library_id);
      self->library_id = g_strdup (library);
    }
  title = get_string (object, "title", NULL);
  if (title != NULL)
    wm_site_catalog_set_title (self, title);
  /* "base_url" is not read back: anyone may have put another domain there, and every link
   * and embed snippet would follow it. The publisher's own setting decides. */

  if ((tutorials = get_array (object, "tutorials")) != NULL)
    return read_whole (self, tutorials, error) ? g_steal_pointer (&self) : NULL;

  if ((tutorials = get_array (object, "recent")) == NULL ||
      get_uint (object, "format") != CATALOG_FORMAT)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("catalog.json is not a Waymark catalogue"));
      return NULL;
    }

  read_sizes (self, get_array (object, "sizes"));
  self->updated = parse_time (get_string (object, "updated", NULL));
  if (!read_entries (tutorials, "catalog.json", -1, recent, error))
    return NULL;
  g_ptr_array_extend_and_steal (self->recent, g_steal_pointer (&recent));
  g_ptr_array_sort (self->recent, compare_newest_first);

  return g_steal_pointer (&self);
}

gboolean
wm_site_catalog_load_part (WmSiteCatalog  *self,
                           guint           part,
                           GBytes         *json,
                           GError        **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (entry_free);
  g_autofree char *what = wm_site_catalog_part_path (part, ".json");
  JsonObject *object;
  JsonArray *tutorials;

  g_return_val_if_fail (WM_IS_SITE_CATALOG (self), FALSE);
  g_return_val_if_fail (part < WM_SITE_CATALOG_N_PARTS && !self->loaded[part], FALSE);

  if (json != NULL)
    {
      if ((object = parse_object (parser, json, what, error)) == NULL)
        return FALSE;
      if ((tutorials = get_array (object, "tutorials")) == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("%s is not a Waymark catalogue"), what);
          return FALSE;
        }
      if (!read_entries (tutorials, what, part, entries, error))
        return FALSE;
    }
  g_ptr_array_set_free_func (entries, NULL);

  /* What the part holds is the truth: a publish killed between writing the part and
   * catalog.json left catalog.json's size and latest updates behind; they heal here. */
  self->sizes[part] = 0;
  for (guint i = 0; i < entries->len; i++)
    add_read_entry (self, entries->pdata[i]);
  self->loaded[part] = TRUE;

  return TRUE;
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

static void
begin_document (WmSiteCatalog *self,
                JsonBuilder   *b)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_int_value (b, CATALOG_FORMAT);
  json_builder_set_member_name (b, "generator");
  json_builder_add_string_value (b, "Waymark " PACKAGE_VERSION);
  json_builder_set_member_name (b, "library");
  json_builder_add_string_value (b, self->library_id);
}

static GBytes *
end_document (JsonBuilder *b,
              gboolean     pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;

  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, pretty);
  text = json_generator_to_data (generator, NULL);

  return g_bytes_new_take (text, strlen (text));
}

GBytes *
wm_site_catalog_to_json (WmSiteCatalog *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autofree char *updated = NULL;

  g_return_val_if_fail (WM_IS_SITE_CATALOG (self), NULL);

  updated = wm_site_format_time (self->updated);

  begin_document (self, b);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, self->title);
  json_builder_set_member_name (b, "base_url");
  if (self->base_url != NULL)
    json_builder_add_string_value (b, self->base_url);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "updated");
  json_builder_add_string_value (b, updated);
  json_builder_set_member_name (b, "count");
  json_builder_add_int_value (b, wm_site_catalog_get_count (self));
  json_builder_set_member_name (b, "sizes");
  json_builder_begin_array (b);
  for (guint i = 0; i < WM_SITE_CATALOG_N_PARTS; i++)
    json_builder_add_int_value (b, self->sizes[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "parts");
  json_builder_begin_array (b);
  for (guint i = 0; i < WM_SITE_CATALOG_N_PARTS; i++)
    {
      g_autofree char *path = wm_site_catalog_part_path (i, ".json");
      json_builder_add_string_value (b, path);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "recent");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->recent->len; i++)
    write_entry (self, b, g_ptr_array_index (self->recent, i));
  json_builder_end_array (b);

  return end_document (b, TRUE);
}

GBytes *
wm_site_catalog_part_to_json (WmSiteCatalog *self,
                              guint          part)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (WM_IS_SITE_CATALOG (self), NULL);
  g_return_val_if_fail (part < WM_SITE_CATALOG_N_PARTS && self->loaded[part], NULL);

  entries = wm_site_catalog_list_part (self, part);
  begin_document (self, b);
  json_builder_set_member_name (b, "tutorials");
  json_builder_begin_array (b);
  for (guint i = 0; i < entries->len; i++)
    write_entry (self, b, g_ptr_array_index (entries, i));
  json_builder_end_array (b);

  /* Compact: the parts are what the catalogue page and the widget download. */
  return end_document (b, FALSE);
}
