/* wm-html-exporter.c — one self-contained HTML file: the player, its model and a strict CSP
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wm-export-resources.h"
#include "wm-html-exporter.h"

#define RESOURCE_PATH "/org/waymark/export/player/"

/* The page's one script: the player, then the call that mounts it. Both are hashed
 * together for the CSP, so this exact text is what runs. */
#define BOOT_SCRIPT "\nWaymarkPlayer.mountFromDocument ();\n"
/* The single page fills the window; the player styles itself. */
#define PAGE_STYLE "html, body { margin: 0; height: 100%; }\n"

static GBytes *
lookup (const char *name)
{
  g_autofree char *path = g_strconcat (RESOURCE_PATH, name, NULL);
  GBytes *bytes = g_resource_lookup_data (wm_export_get_resource (), path,
                                          G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  /* The resources are compiled in: missing means a broken build, not bad input. */
  g_assert (bytes != NULL);
  return bytes;
}

GBytes *
wm_player_get_script (void)
{
  return lookup ("player.js");
}

GBytes *
wm_player_get_style (void)
{
  return lookup ("player.css");
}

char *
wm_player_csp_source (GBytes *content)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  g_autofree char *b64 = NULL;

  g_return_val_if_fail (content != NULL, NULL);

  g_checksum_update (sum, g_bytes_get_data (content, NULL), g_bytes_get_size (content));
  g_checksum_get_digest (sum, digest, &len);
  b64 = g_base64_encode (digest, len);

  return g_strdup_printf ("'sha256-%s'", b64);
}

JsonNode *
wm_player_options_to_json (const WmHtmlOptions *options)
{
  static const char * const modes[] = { NULL, "try", "watch", "view" };
  g_autoptr(JsonObject) obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  if (options && options->mode > WM_PLAYER_MODE_DEFAULT && options->mode < G_N_ELEMENTS (modes))
    json_object_set_string_member (obj, "mode", modes[options->mode]);
  if (options && options->embed)
    json_object_set_boolean_member (obj, "embed", TRUE);
  json_node_set_object (node, obj);

  return node;
}

/* Inside <script type="application/json">, "</script" or "<!--" in a string would end
 * or confuse the element; JSON may spell every such character as \u escape instead. */
char *
wm_player_script_data (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;
  GString *out;

  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, NULL);
  out = g_string_sized_new (strlen (text) + 64);
  for (const char *p = text; *p; p++)
    {
      switch (*p)
        {
        case '<': g_string_append (out, "\\u003c"); break;
        case '>': g_string_append (out, "\\u003e"); break;
        case '&': g_string_append (out, "\\u0026"); break;
        default: g_string_append_c (out, *p);
        }
    }

  return g_string_free (out, FALSE);
}

char *
wm_player_noscript_steps (WmTutorial *tutorial)
{
  GListModel *steps = wm_tutorial_get_steps (tutorial);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr(WmStep) step = g_list_model_get_item (steps, i);
      const char *text = wm_step_get_instruction (step) ?: "";
      gsize start, end;

      if (wm_step_get_target_span (step, &start, &end))
        {
          g_autofree char *before = g_markup_escape_text (text, start);
          g_autofree char *name = g_markup_escape_text (text + start, end - start);
          g_autofree char *after = g_markup_escape_text (text + end, -1);

          g_string_append_printf (out, "<li>%s<strong>%s</strong>%s</li>", before, name, after);
        }
      else
        {
          g_autofree char *escaped = g_markup_escape_text (text, -1);

          g_string_append_printf (out, "<li>%s</li>", escaped);
        }
    }

  return g_string_free (out, FALSE);
}

/* Fills @NAME@ placeholders in one pass over the template only, so nothing substituted
 * (author text included) is ever read as a placeholder. */
GBytes *
wm_player_expand_template (GBytes     *template,
                           GHashTable *values)
{
  gsize len;
  const char *p = g_bytes_get_data (template, &len);
  const char *end = p + len;
  GString *out = g_string_sized_new (len + 1024 * 1024);

  while (p < end)
    {
      const char *at = memchr (p, '@', end - p);
      const char *close;
      g_autofree char *name = NULL;
      const char *value;

      if (at == NULL || (close = memchr (at + 1, '@', end - at - 1)) == NULL)
        {
          g_string_append_len (out, p, end - p);
          break;
        }
      g_string_append_len (out, p, at - p);
      name = g_strndup (at + 1, close - at - 1);
      value = g_hash_table_lookup (values, name);
      if (value != NULL)
        {
          g_string_append (out, value);
          p = close + 1;
        }
      else
        {
          g_string_append_c (out, '@');
          p = at + 1;
        }
    }

  return g_string_free_to_bytes (out);
}

static GBytes *
concat_bytes (const char *prefix,
              GBytes     *bytes,
              const char *suffix)
{
  GString *s = g_string_new (prefix);

  g_string_append_len (s, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_string_append (s, suffix);
  return g_string_free_to_bytes (s);
}

GBytes *
wm_html_export_to_bytes (WmStore             *store,
                         WmTutorial          *tutorial,
                         const WmHtmlOptions *options,
                         GError             **error)
{
  g_autoptr(GBytes) player_js = wm_player_get_script ();
  g_autoptr(GBytes) player_css = wm_player_get_style ();
  g_autoptr(GBytes) script = concat_bytes ("", player_js, BOOT_SCRIPT);
  g_autoptr(GBytes) style = concat_bytes (PAGE_STYLE, player_css, "");
  g_autoptr(GBytes) template = lookup ("template.html");
  g_autoptr(JsonNode) model = NULL;
  g_autoptr(JsonNode) options_json = wm_player_options_to_json (options);
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *script_src = wm_player_csp_source (script);
  g_autofree char *style_src = wm_player_csp_source (style);
  g_autofree char *lang = NULL;

  g_return_val_if_fail (WM_IS_TUTORIAL (tutorial), NULL);

  if (!wm_export_check_steps (tutorial, error))
    return NULL;

  model = wm_player_model_build (store, tutorial, WM_PLAYER_MODEL_TILES,
                                 wm_player_image_data_uri, NULL, error);
  if (model == NULL)
    return NULL;
  if (!(lang = wm_player_model_add_labels (model, options ? options->language : NULL, error)))
    return NULL;

  /* Nothing may be fetched, framed, submitted or run but the player itself; pictures
   * only from data: (the export) and blob:. */
  g_hash_table_insert (values, "CSP",
                       g_strdup_printf ("default-src 'none'; script-src %s; style-src %s; "
                                        "img-src data: blob:; base-uri 'none'; "
                                        "form-action 'none'", script_src, style_src));
  g_hash_table_insert (values, "LANG", g_steal_pointer (&lang));
  g_hash_table_insert (values, "VERSION", g_strdup (PACKAGE_VERSION));
  g_hash_table_insert (values, "TITLE", g_markup_escape_text (wm_tutorial_get_title (tutorial), -1));
  g_hash_table_insert (values, "CSS", g_strndup (g_bytes_get_data (style, NULL),
                                                 g_bytes_get_size (style)));
  g_hash_table_insert (values, "SCRIPT", g_strndup (g_bytes_get_data (script, NULL),
                                                    g_bytes_get_size (script)));
  g_hash_table_insert (values, "NOSCRIPT", wm_player_noscript_steps (tutorial));
  g_hash_table_insert (values, "OPTIONS", wm_player_script_data (options_json));
  g_hash_table_insert (values, "MODEL", wm_player_script_data (model));

  return wm_player_expand_template (template, values);
}

gboolean
wm_html_export_to_file (WmStore             *store,
                        WmTutorial          *tutorial,
                        const WmHtmlOptions *options,
                        GFile               *file,
                        GError             **error)
{
  g_autoptr(GBytes) page = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!(page = wm_html_export_to_bytes (store, tutorial, options, error)))
    return FALSE;

  return wm_export_write_file (file, g_bytes_get_data (page, NULL), g_bytes_get_size (page),
                               error);
}
