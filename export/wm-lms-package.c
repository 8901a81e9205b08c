/* wm-lms-package.c — SCORM 1.2, SCORM 2004 4th edition and cmi5 packages (zip, libarchive)
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-export"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>

#include "wm-export-resources.h"
#include "wm-lms-package.h"

#define LMS_RESOURCES "/org/waymark/export/lms/"
#define PLAYER_RESOURCES "/org/waymark/export/player/"

/* The launch page may run the player and lms.js and show its own pictures, nothing else;
 * cmi5 also talks to the LRS named in its launch URL, which no package can know before. */
#define CSP_COMMON "default-src 'none'; script-src 'self'; style-src 'self'; " \
                   "img-src 'self' data: blob:; base-uri 'none'; form-action 'none'"
#define CSP_SCORM CSP_COMMON "; connect-src 'none'"
#define CSP_CMI5 CSP_COMMON "; connect-src http: https:"

/* The schema files each SCORM edition requires at the package's root (ADL's, unmodified). */
static const char * const scorm12_schemas[] = {
  "adlcp_rootv1p2.xsd", "ims_xml.xsd", "imscp_rootv1p1p2.xsd", "imsmd_rootv1p2p1.xsd", NULL
};
static const char * const scorm2004_schemas[] = {
  "adlcp_v1p3.xsd", "adlnav_v1p3.xsd", "adlseq_v1p3.xsd", "datatypes.dtd", "imscp_v1p1.xsd",
  "imsss_v1p0.xsd", "imsss_v1p0auxresource.xsd", "imsss_v1p0control.xsd",
  "imsss_v1p0delivery.xsd", "imsss_v1p0limit.xsd", "imsss_v1p0objective.xsd",
  "imsss_v1p0random.xsd", "imsss_v1p0rollup.xsd", "imsss_v1p0seqrule.xsd",
  "imsss_v1p0util.xsd", "xml.xsd", "XMLSchema.dtd", NULL
};

static const char * const format_names[] = { "scorm12", "scorm2004", "cmi5" };

const char *
wm_lms_format_to_string (WmLmsFormat format)
{
  g_return_val_if_fail (format <= WM_LMS_CMI5, NULL);

  return format_names[format];
}

gboolean
wm_lms_format_from_string (const char  *name,
                           WmLmsFormat *format)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_strcmp0 (name, format_names[i]) == 0)
      {
        *format = (WmLmsFormat) i;
        return TRUE;
      }

  return FALSE;
}

/* The zip being written, and the names of the files in it (every file is listed in the
 * SCORM manifest, and an image shared by two steps is written once). */
typedef struct {
  struct archive *archive;
  GByteArray     *bytes;
  GPtrArray      *files;
  GHashTable     *written;
  time_t          mtime;
} Package;

static la_ssize_t
append_bytes (struct archive *archive,
              void           *user_data,
              const void     *buffer,
              size_t          length)
{
  g_byte_array_append (user_data, buffer, length);
  return length;
}

static gboolean
archive_failed (Package  *pkg,
                GError  **error)
{
  g_set_error (error, WM_EXPORT_ERROR, WM_EXPORT_ERROR_FAILED,
               _("Cannot make the package: %s"), archive_error_string (pkg->archive));
  return FALSE;
}

static gboolean
package_add (Package     *pkg,
             const char  *path,
             const void  *data,
             gsize        len,
             GError     **error)
{
  struct archive_entry *entry;
  /* PNG is compressed already: storing it saves the LMS's server the inflate. */
  gboolean store = g_str_has_suffix (path, ".png");
  int rc;

  if (!g_hash_table_add (pkg->written, g_strdup (path)))
    return TRUE;
  g_ptr_array_add (pkg->files, g_strdup (path));

  /* (Unlike the "compression" option, these may change between entries.) */
  if (store)
    archive_write_zip_set_compression_store (pkg->archive);
  else
    archive_write_zip_set_compression_deflate (pkg->archive);
  entry = archive_entry_new ();
  archive_entry_set_pathname (entry, path);
  archive_entry_set_size (entry, len);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_mtime (entry, pkg->mtime, 0);
  rc = archive_write_header (pkg->archive, entry);
  archive_entry_free (entry);
  if (rc != ARCHIVE_OK || (len > 0 && archive_write_data (pkg->archive, data, len) < 0))
    return archive_failed (pkg, error);

  return TRUE;
}

static gboolean
package_add_bytes (Package     *pkg,
                   const char  *path,
                   GBytes      *bytes,
                   GError     **error)
{
  gsize len;
  const void *data = g_bytes_get_data (bytes, &len);

  return package_add (pkg, path, data, len, error);
}

static gboolean
package_add_resource (Package     *pkg,
                      const char  *path,
                      const char  *resource,
                      GError     **error)
{
  g_autoptr(GBytes) bytes = g_resource_lookup_data (wm_export_get_resource (), resource,
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  /* Compiled in: missing means a broken build, not bad input. */
  g_assert (bytes != NULL);
  return package_add_bytes (pkg, path, bytes, error);
}

static char *
add_image (const char  *name,
           GBytes      *png,
           gpointer     user_data,
           GError     **error)
{
  g_autofree char *path = g_strconcat ("images/", name, NULL);

  if (!package_add_bytes (user_data, path, png, error))
    return NULL;

  return g_steal_pointer (&path);
}

static GBytes *
resource (const char *path)
{
  GBytes *bytes = g_resource_lookup_data (wm_export_get_resource (), path,
                                          G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  g_assert (bytes != NULL);
  return bytes;
}

static char *
default_activity_id (WmTutorial *tutorial)
{
  return g_strconcat ("urn:waymark:tutorial:", wm_tutorial_get_id (tutorial), NULL);
}

/* What lms.js needs to know: which LMS interface to look for, what passes, and the IRI
 * cmi5 statements name. */
static JsonNode *
lms_config (WmTutorial         *tutorial,
            const WmLmsOptions *options)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *activity = options->activity_id ? g_strdup (options->activity_id)
                                                   : default_activity_id (tutorial);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, wm_lms_format_to_string (options->format));
  json_builder_set_member_name (b, "mastery");
  json_builder_add_int_value (b, CLAMP (options->mastery, 0, 100));
  json_builder_set_member_name (b, "activity");
  json_builder_add_string_value (b, activity);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

static GBytes *
launch_page (WmTutorial         *tutorial,
             const WmLmsOptions *options,
             JsonNode           *model,
             char               *lang)          /* taken */
{
  WmHtmlOptions html = { options->mode, FALSE };
  g_autoptr(GBytes) template = resource (LMS_RESOURCES "launch.html");
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(JsonNode) options_json = wm_player_options_to_json (&html);
  g_autoptr(JsonNode) config = lms_config (tutorial, options);

  g_hash_table_insert (values, "CSP", g_strdup (options->format == WM_LMS_CMI5 ? CSP_CMI5
                                                                               : CSP_SCORM));
  g_hash_table_insert (values, "LANG", lang);
  g_hash_table_insert (values, "VERSION", g_strdup (PACKAGE_VERSION));
  g_hash_table_insert (values, "TITLE", g_markup_escape_text (wm_tutorial_get_title (tutorial),
                                                              -1));
  g_hash_table_insert (values, "NOSCRIPT", wm_player_noscript_steps (tutorial));
  g_hash_table_insert (values, "OPTIONS", wm_player_script_data (options_json));
  g_hash_table_insert (values, "LMS", wm_player_script_data (config));
  g_hash_table_insert (values, "MODEL", wm_player_script_data (model));

  return wm_player_expand_template (template, values);
}

/* Manifests --------------------------------------------------------------------------- */

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  g_string_append (out, escaped);
}

/* An xs:ID for the manifest: the tutorial id is a UUID, which may start with a digit. */
static char *
manifest_id (WmTutorial *tutorial)
{
  return g_strconcat ("waymark-", wm_tutorial_get_id (tutorial), NULL);
}

static void
append_file_list (GString   *out,
                  GPtrArray *files)
{
  for (guint i = 0; i < files->len; i++)
    {
      g_string_append (out, "      <file href=\"");
      append_escaped (out, g_ptr_array_index (files, i));
      g_string_append (out, "\"/>\n");
    }
}

static char *
scorm12_manifest (WmTutorial         *tutorial,
                  const WmLmsOptions *options,
                  GPtrArray          *files)
{
  GString *out = g_string_new (NULL);
  g_autofree char *id = manifest_id (tutorial);

  g_string_append_printf (out,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<manifest identifier=\"%s\" version=\"%u\"\n"
    "    xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\"\n"
    "    xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\"\n"
    "    xmlns:imsmd=\"http://www.imsglobal.org/xsd/imsmd_rootv1p2p1\"\n"
    "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
    "    xsi:schemaLocation=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd"
    " http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd"
    " http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd\">\n"
    "  <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>1.2</schemaversion>\n"
    "    <imsmd:lom>\n      <imsmd:general>\n"
    "        <imsmd:title><imsmd:langstring xml:lang=\"en\">",
    id, wm_tutorial_get_version (tutorial));
  append_escaped (out, wm_tutorial_get_title (tutorial));
  g_string_append (out, "</imsmd:langstring></imsmd:title>\n"
                        "        <imsmd:description><imsmd:langstring xml:lang=\"en\">");
  append_escaped (out, wm_tutorial_get_summary (tutorial));
  g_string_append (out, "</imsmd:langstring></imsmd:description>\n"
                        "      </imsmd:general>\n    </imsmd:lom>\n  </metadata>\n"
                        "  <organizations default=\"organization\">\n"
                        "    <organization identifier=\"organization\">\n      <title>");
  append_escaped (out, wm_tutorial_get_title (tutorial));
  g_string_append (out, "</title>\n      <item identifier=\"item\" identifierref=\"sco\""
                        " isvisible=\"true\">\n        <title>");
  append_escaped (out, wm_tutorial_get_title (tutorial));
  g_string_append (out, "</title>\n");
  if (options->mastery > 0)
    g_string_append_printf (out, "        <adlcp:masteryscore>%d</adlcp:masteryscore>\n",
                            options->mastery);
  g_string_append (out, "      </item>\n    </organization>\n  </organizations>\n"
                        "  <resources>\n    <resource identifier=\"sco\" type=\"webcontent\""
                        " adlcp:scormtype=\"sco\" href=\"index.html\">\n");
  append_file_list (out, files);
  g_string_append (out, "    </resource>\n  </resources>\n</manifest>\n");

  return g_string_free (out, FALSE);
}

static char *
scorm2004_manifest (WmTutorial         *tutorial,
                    const WmLmsOptions *options,
                    GPtrArray          *files)
{
  GString *out = g_string_new (NULL);
  g_autofree char *id = manifest_id (tutorial);

  g_string_append_printf (out,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<manifest identifier=\"%s\" version=\"%u\"\n"
    "    xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\"\n"
    "    xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_v1p3\"\n"
    "    xmlns:adlseq=\"http://www.adlnet.org/xsd/adlseq_v1p3\"\n"
    "    xmlns:adlnav=\"http://www.adlnet.org/xsd/adlnav_v1p3\"\n"
    "    xmlns:imsss=\"http://www.imsglobal.org/xsd/imsss\"\n"
    "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
    "    xsi:schemaLocation=\"http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd"
    " http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd"
    " http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd"
    " http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd"
    " http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd\">\n"
    "  <metadata>\n    <schema>ADL SCORM</schema>\n"
    "    <schemaversion>2004 4th Edition</schemaversion>\n  </metadata>\n"
    "  <organizations default=\"organization\">\n"
    "    <organization identifier=\"organization\">\n      <title>",
    id, wm_tutorial_get_version (tutorial));
  append_escaped (out, wm_tutorial_get_title (tutorial));
  g_string_append (out, "</title>\n      <item identifier=\"item\" identifierref=\"sco\">\n"
                        "        <title>");
  append_escaped (out, wm_tutorial_get_title (tutorial));
  g_string_append (out, "</title>\n");
  /* The LMS then hands the SCO cmi.scaled_passing_score, which lms.js prefers. */
  if (options->mastery > 0)
    g_string_append_printf (out,
      "        <imsss:sequencing>\n          <imsss:objectives>\n"
      "            <imsss:primaryObjective objectiveID=\"mastery\" satisfiedByMeasure=\"true\">\n"
      "              <imsss:minNormalizedMeasure>%d.%02d</imsss:minNormalizedMeasure>\n"
      "            </imsss:primaryObjective>\n          </imsss:objectives>\n"
      "        </imsss:sequencing>\n",
      options->mastery / 100, options->mastery % 100);
  g_string_append (out, "      </item>\n    </organization>\n  </organizations>\n"
                        "  <resources>\n    <resource identifier=\"sco\" type=\"webcontent\""
                        " adlcp:scormType=\"sco\" href=\"index.html\">\n");
  append_file_list (out, files);
  g_string_append (out, "    </resource>\n  </resources>\n</manifest>\n");

  return g_string_free (out, FALSE);
}

static void
append_langstrings (GString    *out,
                    const char *element,
                    const char *text)
{
  g_string_append_printf (out, "    <%s><langstring lang=\"en-US\">", element);
  append_escaped (out, text);
  g_string_append_printf (out, "</langstring></%s>\n", element);
}

static char *
cmi5_course (WmTutorial         *tutorial,
             const WmLmsOptions *options)
{
  GString *out = g_string_new (NULL);
  g_autofree char *activity = options->activity_id ? g_strdup (options->activity_id)
                                                   : default_activity_id (tutorial);
  const char *title = wm_tutorial_get_title (tutorial);
  const char *summary = wm_tutorial_get_summary (tutorial);

  /* cmi5 requires a description; a tutorial without a summary is described by its title. */
  if (summary == NULL || *summary == '\0')
    summary = title;

  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<courseStructure xmlns=\"https://w3id.org/xapi/profiles/cmi5/v1/"
                        "CourseStructure.xsd\">\n  <course id=\"");
  append_escaped (out, activity);
  g_string_append (out, "/course\">\n");
  append_langstrings (out, "title", title);
  append_langstrings (out, "description", summary);
  g_string_append (out, "  </course>\n  <au id=\"");
  append_escaped (out, activity);
  g_string_append (out, "\" moveOn=\"Completed\" launchMethod=\"AnyWindow\"");
  if (options->mastery > 0)
    g_string_append_printf (out, " masteryScore=\"%d.%02d\"", options->mastery / 100,
                            options->mastery % 100);
  g_string_append (out, ">\n");
  append_langstrings (out, "title", title);
  append_langstrings (out, "description", summary);
  g_string_append (out, "    <url>index.html</url>\n  </au>\n</courseStructure>\n");

  return g_string_free (out, FALSE);
}

/* Building ---------------------------------------------------------------------------- */

static gboolean
add_player (Package             *pkg,
            WmStore             *store,
            WmTutorial          *tutorial,
            const WmLmsOptions  *options,
            GError             **error)
{
  g_autoptr(JsonNode) model = NULL;
  g_autoptr(GBytes) page = NULL;
  char *lang;

  model = wm_player_model_build (store, tutorial, WM_PLAYER_MODEL_TILES, add_image, pkg, error);
  if (model == NULL)
    return FALSE;
  if (!(lang = wm_player_model_add_labels (model, options->language, error)))
    return FALSE;
  page = launch_page (tutorial, options, model, lang);

  return package_add_bytes (pkg, "index.html", page, error) &&
         package_add_resource (pkg, "player.js", PLAYER_RESOURCES "player.js", error) &&
         package_add_resource (pkg, "player.css", PLAYER_RESOURCES "player.css", error) &&
         package_add_resource (pkg, "lms.js", LMS_RESOURCES "lms.js", error) &&
         package_add_resource (pkg, "lms.css", LMS_RESOURCES "lms.css", error);
}

static gboolean
add_schemas (Package      *pkg,
             const char   *edition,
             const char * const *names,
             GError      **error)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (LMS_RESOURCES "schemas/", edition, "/", names[i],
                                           NULL);

      if (!package_add_resource (pkg, names[i], path, error))
        return FALSE;
    }

  return TRUE;
}

/* The manifest lists the SCO's files only; the schema files sit beside it for the LMS's
 * validator. */
static gboolean
add_manifest (Package             *pkg,
              WmTutorial          *tutorial,
              const WmLmsOptions  *options,
              GError             **error)
{
  g_autofree char *text = NULL;

  switch (options->format)
    {
    case WM_LMS_SCORM12:
      text = scorm12_manifest (tutorial, options, pkg->files);
      return add_schemas (pkg, "scorm12", scorm12_schemas, error) &&
             package_add (pkg, "imsmanifest.xml", text, strlen (text), error);
    case WM_LMS_SCORM2004:
      text = scorm2004_manifest (tutorial, options, pkg->files);
      return add_schemas (pkg, "scorm2004", scorm2004_schemas, error) &&
             package_add (pkg, "imsmanifest.xml", text, strlen (text), error);
    case WM_LMS_CMI5:
    default:
      text = cmi5_course (tutorial, options);
      return package_add (pkg, "cmi5.xml", text, strlen (text), error);
    }
}

GBytes *
wm_lms_package_to_bytes (WmStore             *store,
                         WmTutorial          *tutorial,
                         const WmLmsOptions  *options,
                         GError             **error)
{
  Package pkg = { 0 };
  gboolean ok;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);
  g_return_val_if_fail (WM_IS_TUTORIAL (tutorial), NULL);
  g_return_val_if_fail (options != NULL && options->format <= WM_LMS_CMI5, NULL);
  g_return_val_if_fail (options->mastery >= 0 && options->mastery <= 100, NULL);

  if (!wm_export_check_steps (tutorial, error))
    return NULL;

  pkg.bytes = g_byte_array_new ();
  pkg.files = g_ptr_array_new_with_free_func (g_free);
  pkg.written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* The same tutorial version makes the same zip. */
  pkg.mtime = (time_t) (wm_tutorial_get_updated_at (tutorial) / G_USEC_PER_SEC);
  pkg.archive = archive_write_new ();
  ok = archive_write_set_format_zip (pkg.archive) == ARCHIVE_OK &&
       archive_write_open (pkg.archive, pkg.bytes, NULL, append_bytes, NULL) == ARCHIVE_OK;
  if (!ok)
    archive_failed (&pkg, error);
  ok = ok && add_player (&pkg, store, tutorial, options, error) &&
       add_manifest (&pkg, tutorial, options, error);
  if (ok && archive_write_close (pkg.archive) != ARCHIVE_OK)
    ok = archive_failed (&pkg, error);

  archive_write_free (pkg.archive);
  g_ptr_array_unref (pkg.files);
  g_hash_table_unref (pkg.written);
  if (!ok)
    {
      g_byte_array_unref (pkg.bytes);
      return NULL;
    }

  return g_byte_array_free_to_bytes (pkg.bytes);
}

gboolean
wm_lms_package_to_file (WmStore             *store,
                        WmTutorial          *tutorial,
                        const WmLmsOptions  *options,
                        GFile               *file,
                        GError             **error)
{
  g_autoptr(GBytes) zip = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!(zip = wm_lms_package_to_bytes (store, tutorial, options, error)))
    return FALSE;

  return wm_export_write_file (file, g_bytes_get_data (zip, NULL), g_bytes_get_size (zip),
                               error);
}
