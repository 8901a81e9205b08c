/* wm-site-publisher.c — publishes a store's approved tutorials to a shared library location
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-site-publisher"

#include "config.h"

#include <glib/gi18n.h>

#include <json-glib/json-glib.h>

#include "wm-export-pixels.h"
#include "wm-html-exporter.h"
#include "wm-lms-package.h"
#include "wm-language.h"
#include "wm-page-labels.h"
#include "wm-site-catalog.h"
#include "wm-site-location.h"
#include "wm-site-lock.h"
#include "wm-site-pages.h"
#include "wm-site-publisher.h"
#include "wm-site-resources.h"
#include "wm-site-writer.h"
#include "wm-xapi.h"

/* Bump when the pages change shape in a way that must rewrite every published tutorial. */
#define SITE_FORMAT "waymark-site-1"
#define LOCK_TIMEOUT_MS (120 * 1000)
#define RESOURCE_PREFIX "/org/waymark/site/"
/* Catalogue cards show the first screen this wide (twice the card's CSS width at most). */
#define THUMBNAIL_WIDTH 480

struct _WmSitePublisher
{
  GObject    parent_instance;

  WmStore   *store;
  GFile     *location;
  char      *base_url;
  char      *title;
  char      *lrs_endpoint;
  char      *lrs_key;
  gboolean   packages;
  char      *language;

  guint      n_published;
  guint      n_unchanged;
  guint      n_files_written;
  GPtrArray *published_slugs;
};

G_DEFINE_FINAL_TYPE (WmSitePublisher, wm_site_publisher, G_TYPE_OBJECT)
G_DEFINE_QUARK (wm-site-publisher-error-quark, wm_site_publisher_error)

enum {
  PROP_0,
  PROP_STORE,
  PROP_LOCATION,
  PROP_BASE_URL,
  PROP_TITLE,
  PROP_LRS_ENDPOINT,
  PROP_LRS_KEY,
  PROP_PACKAGES,
  PROP_LANGUAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One publish: what it has read from the location and what it has written so far. */
typedef struct {
  WmSitePublisher *self;
  WmStore         *store;         /* the publisher's, or a worker's own connection */
  GCancellable    *cancellable;
  WmSiteLocation  *location;
  WmSiteWriter    *writer;
  WmSiteCatalog   *catalog;
  GHashTable      *assets;        /* name → "assets/name-<hash>.ext" */
  char            *build;         /* fingerprint of pages made by this Waymark and these assets */
  GHashTable      *store_slugs;   /* slug → id of the links this publish gave out */
  GHashTable      *images_done;   /* paths of images known to be in place */
  WmSiteLock      *lock;
  GPtrArray       *new_slugs;     /* WmTutorial whose slug this publish fixed */
  JsonObject      *previous;      /* "images" of the tutorial's model as last published */
  gboolean         migrated;      /* read a first-format catalogue: catalog.js goes */
  gint64           newest;        /* the store's newest change when listed, or -1 */
  char            *language;      /* the pages' language, resolved (wm_language_resolve) */
  char            *labels;        /* their scripts' words (wm_page_labels_build), as JSON */
} Run;

static void
run_clear (Run *run)
{
  g_clear_object (&run->location);
  g_clear_object (&run->writer);
  g_clear_object (&run->catalog);
  g_clear_pointer (&run->assets, g_hash_table_unref);
  g_clear_pointer (&run->build, g_free);
  g_clear_pointer (&run->store_slugs, g_hash_table_unref);
  g_clear_pointer (&run->images_done, g_hash_table_unref);
  g_clear_pointer (&run->new_slugs, g_ptr_array_unref);
  g_clear_pointer (&run->previous, json_object_unref);
  g_clear_pointer (&run->language, g_free);
  g_clear_pointer (&run->labels, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* --- GObject ------------------------------------------------------------------------- */

static void
wm_site_publisher_dispose (GObject *object)
{
  WmSitePublisher *self = WM_SITE_PUBLISHER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->location);

  G_OBJECT_CLASS (wm_site_publisher_parent_class)->dispose (object);
}

static void
wm_site_publisher_finalize (GObject *object)
{
  WmSitePublisher *self = WM_SITE_PUBLISHER (object);

  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->lrs_endpoint, g_free);
  g_clear_pointer (&self->lrs_key, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->published_slugs, g_ptr_array_unref);

  G_OBJECT_CLASS (wm_site_publisher_parent_class)->finalize (object);
}

static void
wm_site_publisher_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  WmSitePublisher *self = WM_SITE_PUBLISHER (object);

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, self->store); break;
    case PROP_LOCATION: g_value_set_object (value, self->location); break;
    case PROP_BASE_URL: g_value_set_string (value, self->base_url); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_LRS_ENDPOINT: g_value_set_string (value, self->lrs_endpoint); break;
    case PROP_LRS_KEY: g_value_set_string (value, self->lrs_key); break;
    case PROP_PACKAGES: g_value_set_boolean (value, self->packages); break;
    case PROP_LANGUAGE: g_value_set_string (value, self->language); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_site_publisher_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  WmSitePublisher *self = WM_SITE_PUBLISHER (object);

  switch (prop_id)
    {
    case PROP_STORE: self->store = g_value_dup_object (value); break;
    case PROP_LOCATION: self->location = g_value_dup_object (value); break;
    case PROP_BASE_URL: wm_site_publisher_set_base_url (self, g_value_get_string (value)); break;
    case PROP_TITLE: wm_site_publisher_set_title (self, g_value_get_string (value)); break;
    case PROP_LRS_ENDPOINT:
      wm_site_publisher_set_lrs (self, g_value_get_string (value), self->lrs_key);
      break;
    case PROP_LRS_KEY:
      wm_site_publisher_set_lrs (self, self->lrs_endpoint, g_value_get_string (value));
      break;
    case PROP_PACKAGES: wm_site_publisher_set_packages (self, g_value_get_boolean (value)); break;
    case PROP_LANGUAGE: wm_site_publisher_set_language (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_site_publisher_class_init (WmSitePublisherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = wm_site_publisher_dispose;
  object_class->finalize = wm_site_publisher_finalize;
  object_class->get_property = wm_site_publisher_get_property;
  object_class->set_property = wm_site_publisher_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, WM_TYPE_STORE, construct);
  properties[PROP_LOCATION] = g_param_spec_object ("location", NULL, NULL, G_TYPE_FILE, construct);
  properties[PROP_BASE_URL] = g_param_spec_string ("base-url", NULL, NULL, NULL, rw);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, rw);
  properties[PROP_LRS_ENDPOINT] = g_param_spec_string ("lrs-endpoint", NULL, NULL, NULL, rw);
  properties[PROP_LRS_KEY] = g_param_spec_string ("lrs-key", NULL, NULL, NULL, rw);
  properties[PROP_PACKAGES] = g_param_spec_boolean ("packages", NULL, NULL, FALSE, rw);
  /* The language of the pages' own words, "de"…; NULL: the author's (wm-language.h). */
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_site_publisher_init (WmSitePublisher *self)
{
  self->published_slugs = g_ptr_array_new_null_terminated (0, g_free, TRUE);
}

WmSitePublisher *
wm_site_publisher_new (WmStore *store,
                       GFile   *location)
{
  g_return_val_if_fail (WM_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (location), NULL);

  return g_object_new (WM_TYPE_SITE_PUBLISHER, "store", store, "location", location, NULL);
}

WmStore *
wm_site_publisher_get_store (WmSitePublisher *self)
{
  g_return_val_if_fail (WM_IS_SITE_PUBLISHER (self), NULL);

  return self->store;
}

GFile *
wm_site_publisher_get_location (WmSitePublisher *self)
{
  g_return_val_if_fail (WM_IS_SITE_PUBLISHER (self), NULL);

  return self->location;
}

const char *
wm_site_publisher_get_base_url (WmSitePublisher *self)
{
  g_return_val_if_fail (WM_IS_SITE_PUBLISHER (self), NULL);

  return self->base_url;
}

static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

void
wm_site_publisher_set_base_url (WmSitePublisher *self,
                                const char      *base_url)
{
  g_return_if_fail (WM_IS_SITE_PUBLISHER (self));

  if (replace_string (&self->base_url, base_url))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
}

const char *
wm_site_publisher_get_title (WmSitePublisher *self)
{
  g_return_val_if_fail (WM_IS_SITE_PUBLISHER (self), NULL);

  return self->title;
}

void
wm_site_publisher_set_title (WmSitePublisher *self,
                             const char      *title)
{
  g_return_if_fail (WM_IS_SITE_PUBLISHER (self));

  if (replace_string (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
wm_site_publisher_get_lrs_endpoint (WmSitePublisher *self)
{
  g_return_val_if_fail (WM_IS_SITE_PUBLISHER (self), NULL);

  return self->lrs_endpoint;
}

void
wm_site_publisher_set_lrs (WmSitePublisher *self,
                           const char      *endpoint,
                           const char      *key)
{
  g_autofree char *endpoint_copy = g_strdup (endpoint), *key_copy = g_strdup (key);
  g_autofree char *origin = endpoint ? wm_site_lrs_origin (endpoint) : NULL;

  g_return_if_fail (WM_IS_SITE_PUBLISHER (self));
  g_return_if_fail (endpoint == NULL || origin != NULL);

  if (replace_string (&self->lrs_endpoint, endpoint_copy))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LRS_ENDPOINT]);
  if (replace_string (&self->lrs_key, key_copy))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LRS_KEY]);
}

gboolean
wm_site_publisher_get_packages (WmSitePublisher *self)
{
  g_return_val_if_fail (WM_IS_SITE_PUBLISHER (self), FALSE);

  return self->packages;
}

void
wm_site_publisher_set_packages (WmSitePublisher *self,
                                gboolean         packages)
{
  g_return_if_fail (WM_IS_SITE_PUBLISHER (self));

  packages = !!packages;
  if (self->packages == packages)
    return;
  self->packages = packages;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PACKAGES]);
}

char *
wm_site_lrs_origin (const char *endpoint)
{
  g_autoptr(GUri) uri = endpoint ? g_uri_parse (endpoint, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *scheme = uri ? g_uri_get_scheme (uri) : NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0) ||
      g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL ||
      g_uri_get_fragment (uri) != NULL)
    return NULL;

  return g_uri_get_port (uri) > 0
         ? g_strdup_printf ("%s://%s:%d", scheme, g_uri_get_host (uri), g_uri_get_port (uri))
         : g_strdup_printf ("%s://%s", scheme, g_uri_get_host (uri));
}

const char *
wm_site_publisher_get_language (WmSitePublisher *self)
{
  g_return_val_if_fail (WM_IS_SITE_PUBLISHER (self), NULL);

  return self->language;
}

void
wm_site_publisher_set_language (WmSitePublisher *self,
                                const char      *language)
{
  g_return_if_fail (WM_IS_SITE_PUBLISHER (self));

  if (replace_string (&self->language, language))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

guint
wm_site_publisher_get_n_published (WmSitePublisher *self)
{
  g_return_val_if_fail (WM_IS_SITE_PUBLISHER (self), 0);

  return self->n_published;
}

guint
wm_site_publisher_get_n_unchanged (WmSitePublisher *self)
{
  g_return_val_if_fail (WM_IS_SITE_PUBLISHER (self), 0);

  return self->n_unchanged;
}

guint
wm_site_publisher_get_n_files_written (WmSitePublisher *self)
{
  g_return_val_if_fail (WM_IS_SITE_PUBLISHER (self), 0);

  return self->n_files_written;
}

const char * const *
wm_site_publisher_get_published_slugs (WmSitePublisher *self)
{
  g_return_val_if_fail (WM_IS_SITE_PUBLISHER (self), NULL);

  static const char * const none[] = { NULL };

  /* A null-terminated GPtrArray that never held anything has no pdata yet. */
  if (self->published_slugs->pdata == NULL)
    return none;

  return (const char * const *) self->published_slugs->pdata;
}

/* The first file of a new library: from here on the folder is known to be Waymark's, even
 * if this publish dies before its catalogue is written. */
static gboolean
write_marker (Run     *run,
              GError **error)
{
  static const char text[] = "This folder is a tutorial library published by Waymark.\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GError) local_error = NULL;

  if (!wm_site_writer_replace (run->writer, WM_SITE_LOCATION_MARKER, bytes, run->cancellable,
                               &local_error))
    return wm_site_location_error (run->location, local_error, error);

  return TRUE;
}

static gpointer
damaged (Run     *run,
         GError  *cause,
         GError **error)
{
  g_autofree char *name = g_file_get_parse_name (run->self->location);

  g_set_error (error, WM_SITE_PUBLISHER_ERROR, WM_SITE_PUBLISHER_ERROR_NOT_A_LIBRARY,
               _("Cannot publish to “%1$s”: %2$s"), name, cause->message);
  return NULL;
}

static WmSiteCatalog *
load_catalog (Run     *run,
              GError **error)
{
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GError) local_error = NULL;
  WmSiteCatalog *catalog;

  json = wm_site_writer_load (run->writer, "catalog.json", run->cancellable, &local_error);
  if (json == NULL && local_error != NULL)
    {
      wm_site_location_error (run->location, local_error, error);
      return NULL;
    }
  if (json == NULL)
    {
      gboolean interrupted;

      if (!wm_site_location_check_empty (run->location, &interrupted, run->cancellable, error) ||
          (!interrupted && !write_marker (run, error)))
        return NULL;
      return wm_site_catalog_new ();
    }

  catalog = wm_site_catalog_new_from_bytes (json, &local_error);
  if (catalog == NULL)
    return damaged (run, local_error, error);
  /* Every part is loaded only when the catalogue was one file (the first format). */
  run->migrated = wm_site_catalog_part_is_loaded (catalog, 0);

  return catalog;
}

/* Reads the catalogue part that holds @id's entry, once. */
static gboolean
ensure_part (Run         *run,
             const char  *id,
             GError     **error)
{
  guint part = wm_site_catalog_part_of (id);
  g_autofree char *path = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GError) local_error = NULL;

  if (wm_site_catalog_part_is_loaded (run->catalog, part))
    return TRUE;

  path = wm_site_catalog_part_path (part, ".json");
  json = wm_site_writer_load (run->writer, path, run->cancellable, &local_error);
  if (json == NULL && local_error != NULL)
    return wm_site_location_error (run->location, local_error, error);
  if (!wm_site_catalog_load_part (run->catalog, part, json, &local_error))
    {
      damaged (run, local_error, error);
      return FALSE;
    }

  return TRUE;
}

/* --- Assets -------------------------------------------------------------------------- */

static GBytes *
lookup_asset (const char *name)
{
  g_autofree char *path = g_strconcat (RESOURCE_PREFIX, name, NULL);

  return g_resource_lookup_data (wm_site_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                 NULL);
}

/* "assets/site-0123456789abcdef.css": a changed asset gets a new name, so pages published
 * earlier keep the exact files they were made with. */
static char *
hashed_asset_path (const char *name,
                   GBytes     *bytes)
{
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  const char *dot = strrchr (name, '.');
  g_autofree char *stem = g_strndup (name, dot - name);

  return g_strdup_printf ("assets/%s-%.16s%s", stem, sha, dot);
}

static gboolean
write_asset (Run         *run,
             const char  *name,
             GBytes      *bytes,
             GChecksum   *build,
             GError     **error)
{
  g_autofree char *path = hashed_asset_path (name, bytes);

  if (!wm_site_writer_write_once (run->writer, path, bytes, run->cancellable, error))
    return FALSE;

  g_checksum_update (build, (const guchar *) path, -1);
  g_hash_table_insert (run->assets, g_strdup (name), g_steal_pointer (&path));
  return TRUE;
}

static gboolean
prepare_assets (Run     *run,
                GError **error)
{
  static const char * const names[] = { "site.css", "catalogue.js", "tutorial.js" };
  g_autoptr(GChecksum) build = g_checksum_new (G_CHECKSUM_SHA256);
  const char *base_url = wm_site_catalog_get_base_url (run->catalog);

  run->assets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_checksum_update (build, (const guchar *) SITE_FORMAT, -1);

  g_autoptr(GBytes) player_js = wm_player_get_script ();
  g_autoptr(GBytes) player_css = wm_player_get_style ();

  /* The player is the single-file export's own, byte for byte. */
  if (!write_asset (run, "player.js", player_js, build, error) ||
      !write_asset (run, "player.css", player_css, build, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GBytes) bytes = lookup_asset (names[i]);
      if (!write_asset (run, names[i], bytes, build, error))
        return FALSE;
    }

  if (run->self->lrs_endpoint != NULL)
    {
      g_autoptr(GBytes) signals_js = lookup_asset ("signals.js");

      if (!write_asset (run, "signals.js", signals_js, build, error))
        return FALSE;
    }

  /* Pages show the library's name and, when known, absolute links; they send statements
   * to the LRS; packages sit beside them. */
  g_checksum_update (build, (const guchar *) wm_site_catalog_get_title (run->catalog), -1);
  g_checksum_update (build, (const guchar *) (base_url != NULL ? base_url : ""), -1);
  g_checksum_update (build, (const guchar *) (run->self->lrs_endpoint ?: ""), -1);
  g_checksum_update (build, (const guchar *) (run->self->lrs_key ?: ""), -1);
  g_checksum_update (build, (const guchar *) (run->self->packages ? "packages" : ""), -1);
  g_checksum_update (build, (const guchar *) run->language, -1);
  run->build = g_strndup (g_checksum_get_string (build), 16);

  return TRUE;
}

/* --- One tutorial -------------------------------------------------------------------- */

/* The approved snapshot; a store whose approval made no revision still has it as the
 * tutorial itself while nothing was edited since. */
static WmTutorial *
load_approved (Run         *run,
               WmTutorial  *tutorial,
               GError     **error)
{
  WmStore *store = run->store;
  const char *id = wm_tutorial_get_id (tutorial);
  guint version = wm_tutorial_get_approved_version (tutorial);
  g_autoptr(GError) local_error = NULL;
  WmTutorial *snapshot;

  snapshot = wm_store_load_revision (store, id, version, &local_error);
  if (snapshot != NULL)
    return snapshot;

  if (g_error_matches (local_error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND) &&
      wm_tutorial_get_status (tutorial) == WM_STATUS_APPROVED &&
      wm_tutorial_get_version (tutorial) == version)
    return wm_store_load_tutorial (store, id, TRUE, error);

  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/* Whose pages t/<slug>/ are: the catalogue's parts in memory know their own slugs; for the
 * others, the published model says (so no publish has to read every part). */
static char *
site_slug_owner (Run        *run,
                 const char *slug)
{
  const char *known = wm_site_catalog_lookup_slug (run->catalog, slug);
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  if (known != NULL)
    return g_strdup (known);

  path = g_strdup_printf ("t/%s/tutorial.json", slug);
  bytes = wm_site_writer_load (run->writer, path, run->cancellable, NULL);
  /* No model: free, or pages a killed publish left before it, which are overwritten. */
  if (bytes == NULL)
    return NULL;

  parser = json_parser_new_immutable ();
  if (!wm_site_json_is_bounded (bytes) ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return g_strdup ("");

  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (root),
                                                               "id", ""));
}

static gboolean
slug_is_free (Run        *run,
              const char *slug,
              const char *id)
{
  const char *given = g_hash_table_lookup (run->store_slugs, slug);
  g_autofree char *store_owner = given != NULL ? g_strdup (given)
                                               : wm_store_lookup_slug (run->store, slug);
  g_autofree char *site_owner = NULL;

  if (store_owner != NULL && !g_str_equal (store_owner, id))
    return FALSE;
  site_owner = site_slug_owner (run, slug);

  return site_owner == NULL || g_str_equal (site_owner, id);
}

/* The tutorial's link: the one it has, the one this location gave it, or a new one made
 * from its title and unique both in the store and at the location. */
static char *
choose_slug (Run         *run,
             WmTutorial  *tutorial,
             GError     **error)
{
  const char *id = wm_tutorial_get_id (tutorial);
  const WmSiteEntry *entry = wm_site_catalog_lookup (run->catalog, id);
  g_autofree char *base = NULL;

  if (wm_tutorial_get_slug (tutorial) != NULL)
    {
      if (!wm_site_slug_is_safe (wm_tutorial_get_slug (tutorial)))
        {
          g_set_error (error, WM_SITE_PUBLISHER_ERROR, WM_SITE_PUBLISHER_ERROR_FAILED,
                       _("Cannot publish “%1$s”: its link name “%2$s” is not one a library can use "
                         "(lowercase letters, digits and dashes)"), wm_tutorial_get_title (tutorial),
                       wm_tutorial_get_slug (tutorial));
          return NULL;
        }
      if (!slug_is_free (run, wm_tutorial_get_slug (tutorial), id))
        {
          g_set_error (error, WM_SITE_PUBLISHER_ERROR, WM_SITE_PUBLISHER_ERROR_SLUG_TAKEN,
                       _("Cannot publish “%1$s”: its link t/%2$s/ belongs to another tutorial at "
                         "this location"), wm_tutorial_get_title (tutorial),
                       wm_tutorial_get_slug (tutorial));
          return NULL;
        }
      return g_strdup (wm_tutorial_get_slug (tutorial));
    }

  if (entry != NULL && slug_is_free (run, entry->slug, id))
    return g_strdup (entry->slug);

  base = wm_tutorial_make_slug (wm_tutorial_get_title (tutorial));
  if (slug_is_free (run, base, id))
    return g_steal_pointer (&base);

  for (guint n = 2;; n++)
    {
      g_autofree char *slug = g_strdup_printf ("%s-%u", base, n);
      if (slug_is_free (run, slug, id))
        return g_steal_pointer (&slug);
    }
}

static gboolean
image_name_is_safe (const char *name)
{
  const char *p = name;

  while (g_ascii_isxdigit (*p))
    p++;

  return p - name >= 16 && g_str_equal (p, ".png");
}

/* The player model's WmPlayerImageFunc: puts a published screenshot (redactions burned in)
 * in images/, once, under a name made from its pixels, and returns its root-relative path.
 * Identical screenshots across tutorials are stored once. */
static char *
publish_image (const char  *name,
               GBytes      *png,
               gpointer     user_data,
               GError     **error)
{
  Run *run = user_data;
  g_autofree char *path = g_strconcat ("images/", name, NULL);

  if (!image_name_is_safe (name))
    {
      g_set_error (error, WM_SITE_PUBLISHER_ERROR, WM_SITE_PUBLISHER_ERROR_FAILED,
                   _("The player made a picture named “%s”, which a library cannot hold"), name);
      return NULL;
    }

  if (!g_hash_table_contains (run->images_done, path))
    {
      if (!wm_site_writer_write_once (run->writer, path, png, run->cancellable, error))
        return NULL;
      g_hash_table_add (run->images_done, g_strdup (path));
    }

  return g_steal_pointer (&path);
}

/* The model's WmPlayerImageLookupFunc: a screen this tutorial already had when it was last
 * published (same source image, same redactions) is reused as it is, not re-encoded. */
static JsonObject *
lookup_image (const char *key,
              gpointer    user_data)
{
  Run *run = user_data;
  JsonObject *old = run->previous != NULL && json_object_has_member (run->previous, key)
                    ? json_object_get_object_member (run->previous, key) : NULL;
  const char *src;
  JsonObject *copy;

  if (old == NULL || !json_object_has_member (old, "src"))
    return NULL;
  src = json_object_get_string_member (old, "src");
  if (src == NULL || !g_str_has_prefix (src, "images/") ||
      !image_name_is_safe (src + strlen ("images/")) ||
      json_object_get_int_member_with_default (old, "width", 0) <= 0 ||
      json_object_get_int_member_with_default (old, "height", 0) <= 0)
    return NULL;

  /* Trust the file only while it is there. */
  if (!g_hash_table_contains (run->images_done, src))
    {
      GFileType type = G_FILE_TYPE_UNKNOWN;

      if (!wm_site_location_query (run->location, src, &type, NULL, run->cancellable, NULL) ||
          type != G_FILE_TYPE_REGULAR)
        return NULL;
      g_hash_table_add (run->images_done, g_strdup (src));
    }

  copy = json_object_new ();
  json_object_set_int_member (copy, "width", json_object_get_int_member (old, "width"));
  json_object_set_int_member (copy, "height", json_object_get_int_member (old, "height"));
  json_object_set_string_member (copy, "src", src);
  return copy;
}

/* The pictures of t/<slug>/tutorial.json as the last publish wrote it, or NULL. */
static JsonObject *
load_previous_images (Run        *run,
                      const char *slug)
{
  g_autofree char *path = g_strdup_printf ("t/%s/tutorial.json", slug);
  g_autoptr(GBytes) bytes = wm_site_writer_load (run->writer, path, run->cancellable, NULL);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;
  JsonNode *images;

  if (bytes == NULL || !wm_site_json_is_bounded (bytes) ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (images = json_object_get_member (json_node_get_object (root), "images")) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (images))
    return NULL;

  return json_object_ref (json_node_get_object (images));
}

static const char *
first_image (JsonObject *model)
{
  JsonArray *steps = json_object_get_array_member (model, "steps");
  JsonObject *images = json_object_get_object_member (model, "images");

  for (guint i = 0; steps != NULL && images != NULL && i < json_array_get_length (steps); i++)
    {
      JsonNode *key = json_object_get_member (json_array_get_object_element (steps, i), "image");
      JsonObject *image;

      if (key == NULL || !JSON_NODE_HOLDS_VALUE (key))
        continue;
      image = json_object_get_object_member (images, json_node_get_string (key));
      if (image != NULL && json_object_has_member (image, "src"))
        return json_object_get_string_member (image, "src");
    }

  return NULL;
}

static GBytes *
scale_png (GBytes  *png,
           GError **error)
{
  g_autoptr(cairo_surface_t) source = wm_export_decode_png (png, error);
  g_autoptr(cairo_surface_t) thumb = NULL;
  g_autoptr(cairo_t) cr = NULL;
  double scale;
  int height;

  if (source == NULL)
    return NULL;

  scale = MIN (1.0, (double) THUMBNAIL_WIDTH / cairo_image_surface_get_width (source));
  height = MAX (1, (int) (cairo_image_surface_get_height (source) * scale));
  thumb = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                      MAX (1, (int) (cairo_image_surface_get_width (source) * scale)),
                                      height);
  cr = cairo_create (thumb);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, source, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_surface_flush (thumb);

  return wm_export_encode_png (thumb, NULL, error);
}

/* "images/thumbs/<name>": the card's picture, made once from the published "images/<name>"
 * (so with its redactions burned in) and named after it. */
static char *
make_thumbnail (Run         *run,
                const char  *src,
                GError     **error)
{
  g_autofree char *path = g_strconcat ("images/thumbs/", src + strlen ("images/"), NULL);
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) thumb = NULL;
  GFileType type = G_FILE_TYPE_UNKNOWN;

  if (wm_site_location_query (run->location, path, &type, NULL, run->cancellable, NULL) &&
      type == G_FILE_TYPE_REGULAR)
    return g_steal_pointer (&path);

  png = wm_site_writer_load (run->writer, src, run->cancellable, error);
  if (png == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("“%s” went missing"), src);
      return NULL;
    }
  if ((thumb = scale_png (png, error)) == NULL ||
      !wm_site_writer_write_once (run->writer, path, thumb, run->cancellable, error))
    return NULL;

  return g_steal_pointer (&path);
}

static WmSiteEntry *
make_entry (Run               *run,
            WmTutorial        *snapshot,
            const char        *slug,
            guint              version,
            const WmSiteEntry *previous,
            JsonObject        *model)
{
  WmSiteEntry *entry = wm_site_entry_new ();
  GListModel *steps = wm_tutorial_get_steps (snapshot);

  entry->id = g_strdup (wm_tutorial_get_id (snapshot));
  entry->slug = g_strdup (slug);
  entry->title = g_strdup (wm_tutorial_get_title (snapshot));
  entry->summary = g_strdup (wm_tutorial_get_summary (snapshot) ?: "");
  entry->stage = wm_tutorial_get_stage (snapshot);
  g_strfreev (entry->roles);
  entry->roles = g_strdupv ((GStrv) wm_tutorial_get_roles (snapshot));
  entry->version = version;
  entry->updated = wm_tutorial_get_updated_at (snapshot);
  entry->n_steps = g_list_model_get_n_items (steps);
  entry->build = g_strdup (run->build);

  if (previous != NULL)
    {
      g_array_unref (entry->versions);
      entry->versions = g_array_copy (previous->versions);
    }
  wm_site_entry_add_version (entry, version);

  return entry;
}

static gboolean
write_page (Run         *run,
            WmSitePage  *page,
            GError     **error)
{
  g_autofree char *dir = wm_site_page_get_dir (page);
  g_autofree char *path = g_strconcat (dir, "index.html", NULL);
  g_autoptr(GBytes) html = wm_site_render_tutorial (page);

  return wm_site_writer_replace (run->writer, path, html, run->cancellable, error);
}

static gboolean
write_model (Run               *run,
             const WmSiteEntry *entry,
             JsonNode          *model,
             GError           **error)
{
  g_autofree char *path = g_strdup_printf ("t/%s/tutorial.json", entry->slug);
  char *text = json_to_string (model, FALSE);
  gsize len = strlen (text);
  g_autoptr(GBytes) bytes = g_bytes_new_take (text, len);

  return wm_site_writer_replace (run->writer, path, bytes, run->cancellable, error);
}

/* The activity IRI statements and packages name: the tutorial's stable link when the
 * library's address is known, else an IRI made of its id. */
static char *
activity_id (Run               *run,
             const WmSiteEntry *entry)
{
  const char *base_url = wm_site_catalog_get_base_url (run->catalog);

  if (base_url != NULL && g_str_has_prefix (base_url, "http"))
    return g_strdup_printf ("%st/%s/", base_url, entry->slug);
  return g_strconcat ("urn:waymark:tutorial:", entry->id, NULL);
}

/* signals.js's settings for one tutorial's pages, or NULL without an LRS. */
static char *
signals_config (Run               *run,
                const WmSiteEntry *entry)
{
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *activity = NULL, *auth = NULL;
  const char *base_url = wm_site_catalog_get_base_url (run->catalog);

  if (run->self->lrs_endpoint == NULL)
    return NULL;

  b = json_builder_new ();
  activity = activity_id (run, entry);
  auth = run->self->lrs_key ? wm_xapi_auth_for_key (run->self->lrs_key) : NULL;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "endpoint");
  json_builder_add_string_value (b, run->self->lrs_endpoint);
  json_builder_set_member_name (b, "auth");
  json_builder_add_string_value (b, auth);
  json_builder_set_member_name (b, "activity");
  json_builder_add_string_value (b, activity);
  json_builder_set_member_name (b, "tutorial");
  json_builder_add_string_value (b, entry->id);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, entry->version);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, entry->title);
  json_builder_set_member_name (b, "homePage");
  json_builder_add_string_value (b, base_url && g_str_has_prefix (base_url, "http") ? base_url
                                                                                   : NULL);
  json_builder_end_object (b);
  root = json_builder_get_root (b);

  return wm_player_script_data (root);
}

/* The version's own pages first, then the stable link's: each file is renamed into place,
 * so readers see the old tutorial or the new one, and only ever files that exist. */
static gboolean
write_pages (Run               *run,
             const WmSiteEntry *entry,
             JsonNode          *model,
             GError           **error)
{
  g_autofree char *model_json = wm_player_script_data (model);
  g_autofree char *signals_json = signals_config (run, entry);
  g_autofree char *connect_src = wm_site_lrs_origin (run->self->lrs_endpoint);
  WmSitePage page = {
    .catalog = run->catalog, .entry = entry, .model = json_node_get_object (model),
    .model_json = model_json, .assets = run->assets, .signals_json = signals_json,
    .connect_src = signals_json ? connect_src : NULL, .language = run->language,
  };
  static const struct { gboolean versioned, embed; } order[] = {
    { TRUE, FALSE }, { TRUE, TRUE }, { FALSE, FALSE }, { FALSE, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      page.version = order[i].versioned ? entry->version : 0;
      page.embed = order[i].embed;
      if (!write_page (run, &page, error))
        return FALSE;

      /* The model itself, for other tools and for the next publish's reuse of its screens. */
      if (order[i].versioned && order[i].embed && !write_model (run, entry, model, error))
        return FALSE;
    }

  return TRUE;
}

/* t/<slug>/<slug>-scorm12.zip, …-scorm2004.zip, …-cmi5.zip: what an LMS admin downloads
 * to put the tutorial in a course; the AU's IRI is the tutorial's stable link. */
static gboolean
write_packages (Run               *run,
                const WmSiteEntry *entry,
                WmTutorial        *snapshot,
                GError           **error)
{
  g_autofree char *activity = activity_id (run, entry);

  for (WmLmsFormat format = WM_LMS_SCORM12; format <= WM_LMS_CMI5; format++)
    {
      WmLmsOptions options = { format, WM_PLAYER_MODE_DEFAULT, 0, activity };
      g_autofree char *path = g_strdup_printf ("t/%s/%s-%s.zip", entry->slug, entry->slug,
                                               wm_lms_format_to_string (format));
      g_autoptr(GBytes) zip = wm_lms_package_to_bytes (run->self->store, snapshot, &options,
                                                       error);

      if (zip == NULL || !wm_site_writer_replace (run->writer, path, zip, run->cancellable,
                                                  error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
publish_tutorial (Run         *run,
                  WmTutorial  *tutorial,
                  GError     **error)
{
  const char *id = wm_tutorial_get_id (tutorial);
  guint version = wm_tutorial_get_approved_version (tutorial);
  const WmSiteEntry *previous = NULL;
  g_autofree char *slug = NULL;
  g_autoptr(WmTutorial) snapshot = NULL;
  g_autoptr(JsonNode) model = NULL;
  g_autoptr(WmSiteEntry) entry = NULL;

  if (!ensure_part (run, id, error))
    return FALSE;
  previous = wm_site_catalog_lookup (run->catalog, id);
  if ((slug = choose_slug (run, tutorial, error)) == NULL)
    return FALSE;

  /* Unchanged: the same approved version was published by a Waymark making the same pages. */
  if (previous != NULL && previous->version == version && g_str_equal (previous->slug, slug) &&
      g_strcmp0 (previous->build, run->build) == 0)
    return TRUE;

  if ((snapshot = load_approved (run, tutorial, error)) == NULL)
    return FALSE;

  /* The model carries the link it is published under, even on the first publish. */
  wm_tutorial_set_slug (snapshot, slug);
  g_clear_pointer (&run->previous, json_object_unref);
  if (previous != NULL && g_str_equal (previous->slug, slug))
    run->previous = load_previous_images (run, slug);
  model = wm_player_model_build_with_lookup (run->store, snapshot, WM_PLAYER_MODEL_NONE,
                                             lookup_image, publish_image, run, error);
  if (model == NULL)
    return FALSE;
  g_free (wm_player_model_add_labels (model, run->language, NULL));

  entry = make_entry (run, snapshot, slug, version, previous, json_node_get_object (model));
  if (first_image (json_node_get_object (model)) != NULL &&
      (entry->thumbnail = make_thumbnail (run, first_image (json_node_get_object (model)),
                                          error)) == NULL)
    return FALSE;
  if (!write_pages (run, entry, model, error) ||
      (run->self->packages && !write_packages (run, entry, snapshot, error)))
    return FALSE;

  if (wm_tutorial_get_slug (tutorial) == NULL)
    {
      wm_tutorial_set_slug (tutorial, slug);
      g_ptr_array_add (run->new_slugs, g_object_ref (tutorial));
    }
  g_hash_table_insert (run->store_slugs, g_strdup (slug), g_strdup (id));
  g_ptr_array_add (run->self->published_slugs, g_strdup (slug));
  wm_site_catalog_take (run->catalog, g_steal_pointer (&entry));
  run->self->n_published++;

  return TRUE;
}

/* --- The whole library --------------------------------------------------------------- */

static int
compare_created (gconstpointer a,
                 gconstpointer b)
{
  WmTutorial *x = *(WmTutorial * const *) a, *y = *(WmTutorial * const *) b;
  gint64 cx = wm_tutorial_get_created_at (x), cy = wm_tutorial_get_created_at (y);

  return cx < cy ? -1 : cx > cy ? 1 : strcmp (wm_tutorial_get_id (x), wm_tutorial_get_id (y));
}

/* The tutorials asked for by id; each must have an approved version. */
static GPtrArray *
collect_tutorials (Run                *run,
                   const char * const *ids,
                   GError            **error)
{
  WmStore *store = run->store;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *id = wm_store_resolve_id (store, ids[i], error);
      g_autoptr(WmTutorial) t = id != NULL ? wm_store_load_tutorial (store, id, FALSE, error)
                                           : NULL;
      if (t == NULL)
        return NULL;
      if (wm_tutorial_get_approved_version (t) == 0)
        {
          g_set_error (error, WM_SITE_PUBLISHER_ERROR, WM_SITE_PUBLISHER_ERROR_NOT_APPROVED,
                       _("“%s” has no approved version yet; only approved tutorials are "
                         "published"), wm_tutorial_get_title (t));
          return NULL;
        }
      g_ptr_array_add (chosen, g_steal_pointer (&t));
    }

  /* Oldest first, so when two titles make the same slug the older tutorial keeps the plain one. */
  g_ptr_array_sort (chosen, compare_created);
  return g_steal_pointer (&chosen);
}

/* The store remembers, per library, the newest change it had published there with pages of
 * this build: "<build> <usec>". */
static char *
watermark_key (Run *run)
{
  return g_strdup_printf ("publish.%s", wm_site_catalog_get_library_id (run->catalog));
}

/* Every approved tutorial that may have changed since this store last published here: all
 * of them the first time, or when the pages' build changed; else only the store's changes
 * since then, so a republish costs the change and not the library. */
static GPtrArray *
collect_changed (Run     *run,
                 GError **error)
{
  g_autofree char *key = watermark_key (run);
  g_autofree char *mark = wm_store_get_setting (run->store, key);
  gint64 since = 0;
  GPtrArray *changed;

  if (mark != NULL && g_str_has_prefix (mark, run->build) && mark[strlen (run->build)] == ' ')
    since = g_ascii_strtoll (mark + strlen (run->build) + 1, NULL, 10);

  changed = wm_store_list_approved_since (run->store, since, &run->newest, error);
  if (changed != NULL)
    g_ptr_array_sort (changed, compare_created);
  g_debug ("%u tutorials changed since %" G_GINT64_FORMAT, changed ? changed->len : 0, since);

  return changed;
}

static void
save_watermark (Run *run)
{
  g_autofree char *key = watermark_key (run);
  g_autofree char *mark = g_strdup_printf ("%s %" G_GINT64_FORMAT, run->build, run->newest);
  g_autoptr(GError) error = NULL;

  /* Losing it only makes the next publish look at every tutorial again. */
  if (!wm_store_set_setting (run->store, key, mark, &error))
    g_warning ("Could not remember what was published: %s", error->message);
}

/* The catalogue's files, catalog.json the very last: it is what the next publisher merges
 * with, so it must only ever name pages that are in place. */
static gboolean
write_catalogue (Run     *run,
                 GError **error)
{
  g_autoptr(GBytes) widget_js = lookup_asset ("widget.js");
  g_autoptr(GBytes) widget = wm_site_render_widget (widget_js, run->labels);
  g_autoptr(GBytes) feed = wm_site_render_feed (run->catalog, run->language);
  g_autoptr(GBytes) index = wm_site_render_catalogue (run->catalog, run->assets, run->language,
                                                      run->labels);
  g_autoptr(GBytes) json = NULL;

  if (!wm_site_writer_write_if_changed (run->writer, "widget.js", widget, run->cancellable,
                                        error))
    return FALSE;

  /* Only the parts that changed: one each for a republish of one tutorial. */
  for (guint i = 0; i < WM_SITE_CATALOG_N_PARTS; i++)
    {
      g_autofree char *script_path = wm_site_catalog_part_path (i, ".js");
      g_autofree char *json_path = wm_site_catalog_part_path (i, ".json");
      g_autoptr(GBytes) script = NULL;
      g_autoptr(GBytes) part = NULL;

      if (!wm_site_catalog_part_is_dirty (run->catalog, i))
        continue;
      part = wm_site_catalog_part_to_json (run->catalog, i);
      script = wm_site_render_part_script (part);
      if (!wm_site_writer_write_if_changed (run->writer, script_path, script, run->cancellable,
                                            error) ||
          !wm_site_writer_write_if_changed (run->writer, json_path, part, run->cancellable,
                                            error))
        return FALSE;
    }

  json = wm_site_catalog_to_json (run->catalog);
  if (!wm_site_writer_write_if_changed (run->writer, "feed.atom", feed, run->cancellable,
                                        error) ||
      !wm_site_writer_write_if_changed (run->writer, "index.html", index, run->cancellable,
                                        error) ||
      !wm_site_writer_write_if_changed (run->writer, "catalog.json", json, run->cancellable,
                                        error))
    return FALSE;

  /* The first format's whole catalogue as a script: nothing loads it any more. */
  if (run->migrated)
    wm_site_location_delete (run->location, "catalog.js", run->cancellable, NULL);

  return TRUE;
}

/* Fixes each newly published tutorial's link in the store. A failure here loses nothing:
 * the location's catalogue remembers the slug by id and the next publish keeps it. */
static void
save_new_slugs (Run *run)
{
  for (guint i = 0; i < run->new_slugs->len; i++)
    {
      WmTutorial *published = g_ptr_array_index (run->new_slugs, i);
      g_autoptr(GError) error = NULL;

      /* Not an edit: the next publish need not look at the tutorial again. */
      if (!wm_store_set_slug (run->store, wm_tutorial_get_id (published),
                              wm_tutorial_get_slug (published), &error))
        g_warning ("Could not keep the link of “%s” in the library: %s",
                   wm_tutorial_get_title (published), error->message);
    }
}

/* The store remembers, per library, the address it was last told to publish it under. */
static char *
base_url_key (Run *run)
{
  return g_strdup_printf ("publish-url.%s", wm_site_catalog_get_library_id (run->catalog));
}

/* The title and address this publisher was given; they change the pages' build, so a
 * change makes every tutorial's pages again. The address is never the one catalog.json says
 * (anyone may have edited it): the one given now, else the one this store gave last time. */
static void
apply_settings (Run *run)
{
  WmSitePublisher *self = run->self;
  g_autofree char *key = base_url_key (run);
  g_autofree char *remembered = wm_store_get_setting (self->store, key);

  if (self->title != NULL)
    wm_site_catalog_set_title (run->catalog, self->title);
  wm_site_catalog_set_base_url (run->catalog, self->base_url != NULL ? self->base_url
                                                                     : remembered);
}

static void
save_base_url (Run *run)
{
  g_autofree char *key = base_url_key (run);
  g_autoptr(GError) error = NULL;

  if (run->self->base_url != NULL &&
      !wm_store_set_setting (run->self->store, key, run->self->base_url, &error))
    g_warning ("Could not remember the library's address: %s", error->message);
}

static gboolean
publish_locked (Run                *run,
                GPtrArray          *asked,
                GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  GPtrArray *tutorials = asked;
  gint64 start = g_get_monotonic_time ();

  if (!wm_site_writer_clean (run->writer, run->cancellable, &local_error))
    return wm_site_location_error (run->location, local_error, error);
  g_debug ("Cleaned in %.3f s", (g_get_monotonic_time () - start) / 1e6);

  if ((run->catalog = load_catalog (run, error)) == NULL)
    return FALSE;
  g_debug ("Cleaned and read the catalogue in %.3f s", (g_get_monotonic_time () - start) / 1e6);
  apply_settings (run);

  if (!prepare_assets (run, &local_error))
    return wm_site_location_error (run->location, local_error, error);

  if (tutorials == NULL && (tutorials = changed = collect_changed (run, error)) == NULL)
    return FALSE;
  g_debug ("Listed %u tutorials in %.3f s", tutorials->len,
           (g_get_monotonic_time () - start) / 1e6);

  for (guint i = 0; i < tutorials->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
        return FALSE;
      wm_site_lock_refresh (run->lock);
      if (!publish_tutorial (run, g_ptr_array_index (tutorials, i), &local_error))
        {
          if (local_error->domain == G_IO_ERROR)
            return wm_site_location_error (run->location, local_error, error);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  g_debug ("Published the tutorials in %.3f s", (g_get_monotonic_time () - start) / 1e6);
  /* Also when nothing was published: the catalogue may be catching up with the parts a
   * killed publish wrote (unchanged files are not rewritten). */
  if (!wm_site_lock_check (run->lock, run->cancellable, &local_error) ||
      !write_catalogue (run, &local_error))
    return wm_site_location_error (run->location, local_error, error);
  g_debug ("Wrote the catalogue in %.3f s", (g_get_monotonic_time () - start) / 1e6);

  run->self->n_unchanged = wm_site_catalog_get_count (run->catalog) - run->self->n_published;
  save_new_slugs (run);
  save_base_url (run);
  if (run->newest >= 0)
    save_watermark (run);
  return TRUE;
}

static gboolean
publish_with (WmSitePublisher     *self,
              WmStore             *store,
              const char * const  *ids,
              GCancellable        *cancellable,
              GError             **error)
{
  g_auto(Run) run = { self, store, cancellable };
  g_autoptr(GPtrArray) tutorials = NULL;
  g_autoptr(WmSiteLock) lock = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 start;
  gboolean ok;

  self->n_published = self->n_unchanged = self->n_files_written = 0;
  g_ptr_array_set_size (self->published_slugs, 0);
  run.store_slugs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  run.images_done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run.new_slugs = g_ptr_array_new_with_free_func (g_object_unref);
  run.location = wm_site_location_new (self->location);

  if (self->base_url != NULL && *self->base_url != '\0' &&
      !wm_site_base_url_is_valid (self->base_url))
    {
      g_autofree char *shown = g_strescape (self->base_url, NULL);
      g_set_error (error, WM_SITE_PUBLISHER_ERROR, WM_SITE_PUBLISHER_ERROR_FAILED,
                   _("The library's address “%s” must be an http:// or https:// address, like "
                     "https://help.example.com/tutorials/"), shown);
      return FALSE;
    }

  /* An unknown language fails before anything is touched. */
  if ((run.language = wm_language_resolve (self->language, error)) == NULL)
    return FALSE;
  {
    g_autoptr(JsonNode) labels = wm_page_labels_build (run.language);
    run.labels = wm_player_script_data (labels);
  }

  start = g_get_monotonic_time ();
  run.newest = -1;
  if ((ids != NULL && ids[0] != NULL && (tutorials = collect_tutorials (&run, ids, error)) == NULL) ||
      !wm_site_location_check (run.location, cancellable, error))
    return FALSE;

  /* The lock file is the first thing written: a read-only location fails here, untouched. */
  lock = wm_site_lock_acquire (run.location, LOCK_TIMEOUT_MS, cancellable, &local_error);
  if (lock == NULL)
    return wm_site_location_error (run.location, local_error, error);
  g_debug ("Locked in %.3f s", (g_get_monotonic_time () - start) / 1e6);

  run.writer = wm_site_writer_new (run.location);
  run.lock = lock;
  ok = publish_locked (&run, tutorials, error);
  self->n_files_written = wm_site_writer_get_n_written (run.writer);
  wm_site_lock_release (lock);

  return ok;
}

gboolean
wm_site_publisher_publish (WmSitePublisher     *self,
                           const char * const  *ids,
                           GCancellable        *cancellable,
                           GError             **error)
{
  g_return_val_if_fail (WM_IS_SITE_PUBLISHER (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  return publish_with (self, self->store, ids, cancellable, error);
}

/* The worker reads and writes the library through its own connection (one per thread):
 * the caller's stays free for its own thread. */
static void
publish_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  WmSitePublisher *self = source_object;
  g_autoptr(WmStore) store = NULL;
  GError *error = NULL;

  if ((store = wm_store_open (wm_store_get_path (self->store), &error)) != NULL &&
      publish_with (self, store, task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
wm_site_publisher_publish_async (WmSitePublisher     *self,
                                 const char * const  *ids,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (WM_IS_SITE_PUBLISHER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wm_site_publisher_publish_async);
  g_task_set_task_data (task, g_strdupv ((GStrv) ids), (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, publish_thread);
}

gboolean
wm_site_publisher_publish_finish (WmSitePublisher  *self,
                                  GAsyncResult     *result,
                                  GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
