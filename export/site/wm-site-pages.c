/* wm-site-pages.c — the HTML, Atom and script pages of a published library
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-site-pages"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "wm-html-exporter.h"
#include "wm-language.h"
#include "wm-site-pages.h"

/* The pages speak the language they are published in, not the publishing process's. */
#define TR(msgid) wm_language_gettext (language, msgid)

void
wm_site_append_escaped (GString    *out,
                        const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *escaped = NULL;

  if (text == NULL)
    return;

  valid = g_utf8_make_valid (text, -1);
  /* C0 controls other than tab and line breaks are no text anyone meant, and as character
   * references they make the Atom feed invalid XML 1.0, which feed readers refuse whole. */
  for (char *p = valid; *p != '\0'; p++)
    if ((guchar) *p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
      *p = ' ';
  escaped = g_markup_escape_text (valid, -1);
  g_string_append (out, escaped);
}

void
wm_site_append_script_json (GString    *out,
                            const char *json)
{
  for (const char *p = json; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '<': g_string_append (out, "\\u003c"); break;
        case '>': g_string_append (out, "\\u003e"); break;
        case '&': g_string_append (out, "\\u0026"); break;
        default: g_string_append_c (out, *p); break;
        }
    }
}

static char *
format_date (gint64      usec,
             const char *language)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  /* TRANSLATORS: the date a tutorial was updated on a published page, for
   * g_date_time_format(); month names (%b) stay English in every language, so use numbers
   * (%-d.%m.%Y) unless your language writes dates with English month names */
  const char *format = TR (N_("%-d %b %Y"));

  return time != NULL ? g_date_time_format (time, format) : g_strdup ("");
}

/* "../../" for a page two folders below the root. */
static char *
root_prefix (guint depth)
{
  GString *prefix = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (prefix, "../");

  return g_string_free (prefix, FALSE);
}

static guint
count_depth (const char *dir)
{
  guint depth = 0;

  for (const char *p = dir; *p != '\0'; p++)
    depth += *p == '/';

  return depth;
}

static void
append_head (GString    *out,
             const char *title,
             const char *prefix,
             GHashTable *assets,
             const char *extra,
             const char *connect_src,
             const char *language)
{
  g_autofree char *tag = wm_language_get_tag (language);

  g_string_append_printf (out, "<!DOCTYPE html>\n<html lang=\"%s\">\n", tag);
  g_string_append (out, "<head>\n<meta charset=\"utf-8\">\n"
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                        "<meta http-equiv=\"Content-Security-Policy\" content=\"" WM_SITE_CSP);
  /* A library published with an LRS may send its statements there, and nowhere else. */
  if (connect_src != NULL)
    {
      g_string_append (out, "; connect-src ");
      wm_site_append_escaped (out, connect_src);
    }
  g_string_append (out, "\">\n"
                        "<meta name=\"referrer\" content=\"strict-origin-when-cross-origin\">\n"
                        "<meta name=\"generator\" content=\"Waymark " PACKAGE_VERSION "\">\n"
                        "<title>");
  wm_site_append_escaped (out, title);
  g_string_append (out, "</title>\n");
  g_string_append_printf (out, "<link rel=\"stylesheet\" href=\"%s%s\">\n", prefix,
                          (const char *) g_hash_table_lookup (assets, "site.css"));
  if (g_hash_table_contains (assets, "player.css"))
    g_string_append_printf (out, "<link rel=\"stylesheet\" href=\"%s%s\">\n", prefix,
                            (const char *) g_hash_table_lookup (assets, "player.css"));
  if (extra != NULL)
    g_string_append (out, extra);
  g_string_append (out, "</head>\n");
}

static void
append_script (GString    *out,
               const char *prefix,
               GHashTable *assets,
               const char *name)
{
  const char *path = g_hash_table_lookup (assets, name);

  if (path != NULL)
    g_string_append_printf (out, "<script src=\"%s%s\"></script>\n", prefix, path);
}

static void
append_roles_list (GString           *out,
                   const WmSiteEntry *entry,
                   const char        *language)
{
  if (entry->roles[0] == NULL)
    return;

  g_string_append (out, "<ul class=\"roles\" aria-label=\"");
  /* TRANSLATORS: the list of roles (job titles) a tutorial is for */
  wm_site_append_escaped (out, TR (N_("Roles")));
  g_string_append (out, "\">");
  for (guint i = 0; entry->roles[i] != NULL; i++)
    {
      g_string_append (out, "<li>");
      wm_site_append_escaped (out, entry->roles[i]);
      g_string_append (out, "</li>");
    }
  g_string_append (out, "</ul>");
}

static void
append_meta (GString           *out,
             const WmSiteEntry *entry,
             guint              version,
             const char        *language)
{
  g_autofree char *date = format_date (entry->updated, language);
  g_autofree char *iso = wm_site_format_time (entry->updated);
  g_autofree char *time = g_strdup_printf ("<time datetime=\"%s\">%s</time>", iso, date);
  g_auto(GStrv) updated = NULL;

  g_string_append_printf (out, "<p class=\"meta\"><span class=\"stage stage-%s\">",
                          wm_stage_to_string (entry->stage));
  wm_site_append_escaped (out, wm_stage_get_title_in (entry->stage, language));
  g_string_append (out, "</span> <span class=\"steps\">");
  g_string_append_printf (out,
                          /* TRANSLATORS: how many steps a published tutorial has */
                          wm_language_ngettext (language, "%u step", "%u steps",
                                                entry->n_steps),
                          entry->n_steps);
  g_string_append (out, "</span>");
  if (version != 0)
    {
      g_string_append (out, " <span class=\"version\">");
      /* TRANSLATORS: %u is the number of a published version of a tutorial */
      g_string_append_printf (out, TR (N_("Version %u")), version);
      g_string_append (out, "</span>");
    }
  /* The date goes where the sentence puts "{date}"; the rest of it is escaped. */
  /* TRANSLATORS: {date} is when a tutorial was last published, e.g. "3 Dec 2026" */
  updated = g_strsplit (TR (N_("Updated {date}")), "{date}", 2);
  g_string_append (out, " <span class=\"updated\">");
  wm_site_append_escaped (out, updated[0]);
  if (updated[1] != NULL)
    {
      g_string_append (out, time);
      wm_site_append_escaped (out, updated[1]);
    }
  g_string_append (out, "</span></p>\n");
}

/* --- Tutorial pages ------------------------------------------------------------------ */

char *
wm_site_page_get_dir (const WmSitePage *page)
{
  g_autofree char *version = page->version != 0 ? g_strdup_printf ("v%u/", page->version)
                                                 : g_strdup ("");

  return g_strdup_printf ("t/%s/%s%s", page->entry->slug, version, page->embed ? "embed/" : "");
}

static const char *
step_image_src (JsonObject *model,
                JsonObject *step)
{
  JsonObject *images = json_object_get_object_member (model, "images");
  JsonNode *key = json_object_get_member (step, "image");
  JsonObject *image;

  if (images == NULL || key == NULL || !JSON_NODE_HOLDS_VALUE (key))
    return NULL;
  image = json_object_get_object_member (images, json_node_get_string (key));

  return image != NULL && json_object_has_member (image, "src")
         ? json_object_get_string_member (image, "src") : NULL;
}

/* The instruction with what it names (the model's "target": before, name, after) in a
 * <strong>, all of it escaped. */
static void
append_instruction (GString    *out,
                    JsonObject *step,
                    const char *instruction)
{
  JsonNode *node = json_object_get_member (step, "target");
  JsonArray *target = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  gboolean whole = target != NULL && json_array_get_length (target) == 3;

  for (guint i = 0; whole && i < 3; i++)
    whole = json_node_get_value_type (json_array_get_element (target, i)) == G_TYPE_STRING;

  if (!whole)
    {
      wm_site_append_escaped (out, instruction);
      return;
    }

  wm_site_append_escaped (out, json_array_get_string_element (target, 0));
  g_string_append (out, "<strong>");
  wm_site_append_escaped (out, json_array_get_string_element (target, 1));
  g_string_append (out, "</strong>");
  wm_site_append_escaped (out, json_array_get_string_element (target, 2));
}

/* The steps as plain HTML: what readers without scripts, printers and search engines get,
 * and what the player replaces when it starts. */
static void
append_static_steps (GString          *out,
                     const WmSitePage *page,
                     const char       *prefix)
{
  JsonArray *steps = json_object_get_array_member (page->model, "steps");

  g_string_append (out, "<ol class=\"static-steps\">\n");
  for (guint i = 0; steps != NULL && i < json_array_get_length (steps); i++)
    {
      JsonObject *step = json_array_get_object_element (steps, i);
      const char *instruction = json_object_get_string_member_with_default (step, "instruction",
                                                                            "");
      const char *notes = json_object_get_string_member_with_default (step, "notes", "");
      const char *image = step_image_src (page->model, step);

      g_string_append (out, "<li><p class=\"instruction\">");
      append_instruction (out, step, instruction);
      g_string_append (out, "</p>");
      if (notes != NULL && *notes != '\0')
        {
          g_string_append (out, "<p class=\"notes\">");
          wm_site_append_escaped (out, notes);
          g_string_append (out, "</p>");
        }
      /* Image sources are the publisher's own "images/<hex>.png", never author text. */
      if (image != NULL && g_str_has_prefix (image, "images/"))
        {
          g_string_append_printf (out, "<img loading=\"lazy\" src=\"%s", prefix);
          wm_site_append_escaped (out, image);
          g_string_append (out, "\" alt=\"");
          wm_site_append_escaped (out, instruction);
          g_string_append (out, "\">");
        }
      g_string_append (out, "</li>\n");
    }
  g_string_append (out, "</ol>\n");
}

/* The snippet's optional script: sizes each Waymark iframe to the height its page reports and
 * answers it once, so the page stops fitting the picture to the iframe's height. */
#define EMBED_SIZER \
  "<script>addEventListener(\"message\",function(e){var d=e.data,h=d&&+d.height;" \
  "if(!d||d.source!==\"waymark\"||d.type!==\"resize\"||!(h>0&&h<1e5))return;" \
  "document.querySelectorAll(\"iframe[data-waymark]\").forEach(function(f){" \
  "if(f.contentWindow!==e.source)return;f.style.aspectRatio=\"auto\";" \
  "f.style.height=Math.ceil(h)+\"px\";if(!f.dataset.sized){f.dataset.sized=1;" \
  "e.source.postMessage({source:\"waymark\",type:\"autosize\"},\"*\")}})})</script>"

static void
append_share (GString          *out,
              const WmSitePage *page,
              const char       *prefix)
{
  const WmSiteEntry *entry = page->entry;
  const char *language = page->language;
  const char *base = wm_site_catalog_get_base_url (page->catalog);
  g_autofree char *link = g_strdup_printf ("%st/%s/", base != NULL ? base : prefix, entry->slug);
  g_autofree char *embed = g_strdup_printf ("%sembed/", link);
  g_autoptr(GString) snippet = g_string_new (NULL);

  g_string_append_printf (snippet, "<iframe src=\"%s\" title=\"", embed);
  wm_site_append_escaped (snippet, entry->title);
  /* Without the script the iframe keeps the picture's usual shape at any width; with it, the
   * iframe takes the height the embed page reports (tutorial.js), so nothing scrolls inside. */
  g_string_append (snippet, "\" data-waymark allow=\"fullscreen\" loading=\"lazy\" "
                            "style=\"border:0;width:100%;max-width:960px;aspect-ratio:3/2\">"
                            "</iframe>\n" EMBED_SIZER);

  g_string_append (out, "<section class=\"share\" aria-labelledby=\"share-title\">\n"
                        "<h2 id=\"share-title\">");
  /* TRANSLATORS: the heading of the box with a published tutorial's link and the HTML that
   * embeds it in another page */
  wm_site_append_escaped (out, TR (N_("Link and embed")));
  g_string_append (out, "</h2>\n<div class=\"share-row\"><label for=\"share-link\">");
  wm_site_append_escaped (out, TR (N_("Link")));
  g_string_append (out, "</label><input id=\"share-link\" readonly data-path=\"");
  g_string_append_printf (out, "t/%s/\" value=\"", entry->slug);
  wm_site_append_escaped (out, link);
  g_string_append (out, "\"><button type=\"button\" data-copy=\"share-link\">");
  wm_site_append_escaped (out, TR (N_("Copy link")));
  g_string_append (out, "</button></div>\n<div class=\"share-row\"><label for=\"share-embed\">");
  /* TRANSLATORS: the label of the HTML code that shows the tutorial inside another page */
  wm_site_append_escaped (out, TR (N_("Embed")));
  g_string_append (out, "</label><textarea id=\"share-embed\" readonly rows=\"5\">");
  wm_site_append_escaped (out, snippet->str);
  g_string_append (out, "</textarea><button type=\"button\" data-copy=\"share-embed\">");
  wm_site_append_escaped (out, TR (N_("Copy embed code")));
  g_string_append (out, "</button></div>\n"
                        "<p class=\"copied\" role=\"status\" aria-live=\"polite\"></p>\n");

  if (entry->versions->len > 1)
    {
      g_string_append (out, "<p class=\"versions\">");
      /* TRANSLATORS: followed by the numbers of a tutorial's published versions */
      wm_site_append_escaped (out, TR (N_("Versions:")));
      for (guint i = entry->versions->len; i-- > 0;)
        {
          guint v = g_array_index (entry->versions, guint, i);
          g_autofree char *current = NULL;

          if (v == entry->version)
            {
              /* TRANSLATORS: %u is the number of the version readers get at the link */
              current = g_strdup_printf (TR (N_("%u (current)")), v);
              g_string_append_printf (out, " <a href=\"%st/%s/index.html\">", prefix,
                                      entry->slug);
              wm_site_append_escaped (out, current);
              g_string_append (out, "</a>");
            }
          else
            g_string_append_printf (out, " <a href=\"%st/%s/v%u/index.html\">%u</a>", prefix,
                                    entry->slug, v, v);
        }
      g_string_append (out, "</p>\n");
    }
  g_string_append (out, "</section>\n");
}

static void
append_tutorial_header (GString          *out,
                        const WmSitePage *page,
                        const char       *prefix)
{
  const WmSiteEntry *entry = page->entry;
  const char *language = page->language;

  /* Links between pages name index.html: a library opened from a file share (file://) has
   * no server to turn a folder into its page, and a web server serves the file all the same. */
  g_string_append_printf (out, "<header class=\"site-header\"><a class=\"home\" "
                               "href=\"%sindex.html\">", prefix);
  wm_site_append_escaped (out, wm_site_catalog_get_title (page->catalog));
  g_string_append (out, "</a></header>\n<main id=\"main\">\n<article class=\"tutorial\">\n");
  /* Version pages are written once and never again: they cannot know whether they are still
   * the newest, so they say where the newest always is. */
  if (page->version != 0)
    {
      g_string_append (out, "<p class=\"notice\">");
      /* TRANSLATORS: on an old version's page; %u is its number */
      g_string_append_printf (out, TR (N_("This is version %u, kept as it was published.")),
                              page->version);
      g_string_append_printf (out, " <a href=\"%st/%s/index.html\">", prefix, entry->slug);
      /* TRANSLATORS: a link from an old version's page to the tutorial's newest version */
      wm_site_append_escaped (out, TR (N_("The current version is always at the tutorial’s "
                                          "link.")));
      g_string_append (out, "</a></p>\n");
    }
  g_string_append (out, "<h1>");
  wm_site_append_escaped (out, entry->title);
  g_string_append (out, "</h1>\n");
  if (entry->summary != NULL && *entry->summary != '\0')
    {
      g_string_append (out, "<p class=\"summary\">");
      wm_site_append_escaped (out, entry->summary);
      g_string_append (out, "</p>\n");
    }
  append_meta (out, entry, page->version != 0 ? page->version : entry->version, language);
  append_roles_list (out, entry, language);
}

GBytes *
wm_site_render_tutorial (const WmSitePage *page)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *dir = wm_site_page_get_dir (page);
  g_autofree char *prefix = root_prefix (count_depth (dir));

  g_return_val_if_fail (page != NULL && page->entry != NULL && page->model != NULL, NULL);

  append_head (out, page->entry->title, prefix, page->assets, NULL, page->connect_src,
               page->language);
  g_string_append_printf (out, "<body class=\"%s\" data-root=\"%s\" data-stage=\"%s\">\n",
                          page->embed ? "embed" : "page", prefix,
                          wm_stage_to_string (page->entry->stage));
  if (!page->embed)
    append_tutorial_header (out, page, prefix);

  g_string_append (out, "<div id=\"player\" class=\"player-host\">\n");
  append_static_steps (out, page, prefix);
  g_string_append (out, "</div>\n");

  if (!page->embed)
    {
      append_share (out, page, prefix);
      g_string_append (out, "</article>\n</main>\n");
    }

  g_string_append (out, "<script type=\"application/json\" id=\"wm-tutorial\">");
  g_string_append (out, page->model_json);
  g_string_append (out, "</script>\n");
  if (page->signals_json != NULL)
    {
      g_string_append (out, "<script type=\"application/json\" id=\"waymark-signals\">");
      g_string_append (out, page->signals_json);
      g_string_append (out, "</script>\n");
      append_script (out, prefix, page->assets, "signals.js");
    }
  append_script (out, prefix, page->assets, "player.js");
  append_script (out, prefix, page->assets, "tutorial.js");
  g_string_append (out, "</body>\n</html>\n");

  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/* --- The catalogue ------------------------------------------------------------------- */

/* <label>Label <tag…>: the label's text escaped, the markup after it as given. */
static void
append_label (GString    *out,
              const char *text,
              const char *control)
{
  g_string_append (out, "<label>");
  wm_site_append_escaped (out, text);
  g_string_append_printf (out, " %s", control);
}

static void
append_filters (GString    *out,
                const char *language)
{
  g_autofree char *placeholder = g_markup_escape_text (TR (N_("Title, summary or role")), -1);
  g_autofree char *search = g_strdup_printf ("<input id=\"search\" type=\"search\" "
                                             "placeholder=\"%s\" autocomplete=\"off\"></label>\n",
                                             placeholder);

  /* Roles are filled in by catalogue.js from the parts: the page itself never has to
   * change when a tutorial does. */
  g_string_append (out, "<div class=\"filters\" role=\"search\">\n");
  /* TRANSLATORS: the filters of a published library's catalogue */
  append_label (out, TR (N_("Search")), search);
  append_label (out, TR (N_("Role")), "<select id=\"role\"><option value=\"\">");
  wm_site_append_escaped (out, TR (N_("All roles")));
  g_string_append (out, "</option></select></label>\n");
  append_label (out, TR (N_("Stage")), "<select id=\"stage\"><option value=\"\">");
  wm_site_append_escaped (out, TR (N_("All stages")));
  g_string_append (out, "</option>");
  for (guint s = 0; s < WM_N_STAGES; s++)
    {
      g_string_append_printf (out, "<option value=\"%s\">", wm_stage_to_string (s));
      wm_site_append_escaped (out, wm_stage_get_title_in (s, language));
      g_string_append (out, "</option>");
    }
  g_string_append (out, "</select></label>\n</div>\n"
                        "<p id=\"count\" class=\"count\" role=\"status\" aria-live=\"polite\">"
                        "</p>\n");
}

/* index.html: the page around the catalogue. The cards come from the parts' scripts
 * (catalog/<nn>.js), which catalogue.js turns into the five stage groups; so the page only
 * changes with the library's title or a new Waymark, never with a tutorial. */
GBytes *
wm_site_render_catalogue (WmSiteCatalog *catalog,
                          GHashTable    *assets,
                          const char    *language,
                          const char    *labels)
{
  g_autoptr(GString) out = g_string_sized_new (8192);
  /* TRANSLATORS: the name of a published library's news feed */
  g_autofree char *feed_title = g_markup_escape_text (TR (N_("Tutorial updates")), -1);
  g_autofree char *feed_link = g_strdup_printf ("<link rel=\"alternate\" "
                                                "type=\"application/atom+xml\" "
                                                "href=\"feed.atom\" title=\"%s\">\n",
                                                feed_title);

  g_return_val_if_fail (WM_IS_SITE_CATALOG (catalog), NULL);
  g_return_val_if_fail (labels != NULL, NULL);

  append_head (out, wm_site_catalog_get_title (catalog), "", assets, feed_link, NULL, language);
  g_string_append (out, "<body class=\"catalogue\">\n<header class=\"site-header\"><h1>");
  wm_site_append_escaped (out, wm_site_catalog_get_title (catalog));
  g_string_append (out, "</h1><p class=\"total\" id=\"total\"></p></header>\n"
                        "<main id=\"main\">\n");
  append_filters (out, language);

  for (guint s = 0; s < WM_N_STAGES; s++)
    {
      const char *name = wm_stage_to_string (s);

      g_string_append_printf (out, "<section class=\"stage-group\" data-stage=\"%s\" "
                                   "aria-labelledby=\"stage-%s\" hidden>\n<h2 id=\"stage-%s\">",
                              name, name, name);
      wm_site_append_escaped (out, wm_stage_get_title_in (s, language));
      g_string_append (out, "</h2>\n<p class=\"question\">");
      wm_site_append_escaped (out, wm_stage_get_question_in (s, language));
      g_string_append (out, "</p>\n<ul class=\"cards\"></ul>\n</section>\n");
    }

  g_string_append (out, "<p id=\"empty\" class=\"empty\">");
  wm_site_append_escaped (out, TR (N_("Loading the tutorials…")));
  g_string_append (out, "</p>\n<noscript><p class=\"empty\">");
  /* TRANSLATORS: catalog.json is a file name; keep it as it is */
  wm_site_append_escaped (out, TR (N_("This catalogue needs JavaScript. Every tutorial is "
                                      "listed in catalog.json and its parts.")));
  g_string_append (out, "</p></noscript>\n</main>\n<footer class=\"site-footer\">"
                        "<a href=\"feed.atom\">");
  /* TRANSLATORS: the link to a published library's Atom news feed */
  wm_site_append_escaped (out, TR (N_("Updates (Atom)")));
  g_string_append (out, "</a> <a href=\"catalog.json\">catalog.json</a> <span>");
  wm_site_append_escaped (out, TR (N_("Published with Waymark")));
  g_string_append (out, "</span></footer>\n");
  /* The words catalogue.js shows (counts, dates, the card's labels). */
  g_string_append (out, "<script type=\"application/json\" id=\"wm-labels\">");
  g_string_append (out, labels);
  g_string_append (out, "</script>\n");
  /* Scripts, not fetch(): they also load from a folder opened as file://. */
  for (guint i = 0; i < WM_SITE_CATALOG_N_PARTS; i++)
    {
      g_autofree char *path = wm_site_catalog_part_path (i, ".js");
      g_string_append_printf (out, "<script src=\"%s\"></script>\n", path);
    }
  append_script (out, "", assets, "catalogue.js");
  g_string_append (out, "</body>\n</html>\n");

  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/* --- Feed and widget data ------------------------------------------------------------ */

static void
append_feed_entry (GString           *out,
                   WmSiteCatalog     *catalog,
                   const WmSiteEntry *entry,
                   const char        *language)
{
  g_autofree char *url = wm_site_catalog_get_url (catalog, entry);
  g_autofree char *updated = wm_site_format_time (entry->updated);

  g_string_append (out, "<entry>\n<title>");
  wm_site_append_escaped (out, entry->title);
  g_string_append_printf (out, "</title>\n<id>urn:uuid:%s</id>\n<updated>%s</updated>\n"
                               "<link rel=\"alternate\" type=\"text/html\" href=\"",
                          entry->id, updated);
  wm_site_append_escaped (out, url);
  g_string_append (out, "\"/>\n<category term=\"");
  g_string_append (out, wm_stage_to_string (entry->stage));
  g_string_append (out, "\" label=\"");
  wm_site_append_escaped (out, wm_stage_get_title_in (entry->stage, language));
  g_string_append (out, "\"/>\n<summary type=\"text\">");
  /* TRANSLATORS: starts a feed entry's summary; %u is the tutorial's version number */
  g_string_append_printf (out, TR (N_("Version %u.")), entry->version);
  g_string_append_c (out, ' ');
  wm_site_append_escaped (out, entry->summary);
  g_string_append (out, "</summary>\n</entry>\n");
}

GBytes *
wm_site_render_feed (WmSiteCatalog *catalog,
                     const char    *language)
{
  g_autoptr(GString) out = g_string_new (NULL);
  GPtrArray *entries = wm_site_catalog_get_recent (catalog);
  g_autofree char *updated = wm_site_format_time (wm_site_catalog_get_updated (catalog));
  const char *base = wm_site_catalog_get_base_url (catalog);

  g_string_append (out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                        "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>");
  wm_site_append_escaped (out, wm_site_catalog_get_title (catalog));
  g_string_append_printf (out, "</title>\n<id>urn:uuid:%s</id>\n<updated>%s</updated>\n"
                               "<generator version=\"" PACKAGE_VERSION "\">Waymark</generator>\n"
                               "<link rel=\"self\" href=\"",
                          wm_site_catalog_get_library_id (catalog), updated);
  wm_site_append_escaped (out, base != NULL ? base : "");
  g_string_append (out, "feed.atom\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"");
  wm_site_append_escaped (out, base != NULL ? base : "./");
  g_string_append (out, "\"/>\n<author><name>");
  wm_site_append_escaped (out, wm_site_catalog_get_title (catalog));
  g_string_append (out, "</name></author>\n");

  /* The latest updates are what a feed reader wants; the catalogue has the rest. */
  for (guint i = 0; i < entries->len; i++)
    append_feed_entry (out, catalog, entries->pdata[i], language);
  g_string_append (out, "</feed>\n");

  return g_string_free_to_bytes (g_steal_pointer (&out));
}

GBytes *
wm_site_render_part_script (GBytes *part_json)
{
  g_autoptr(GString) out = g_string_new ("/* A part of the library's catalogue for index.html and "
                                         "widget.js (made by Waymark; see catalog.json). */\n"
                                         "(window.WaymarkCatalog = window.WaymarkCatalog || "
                                         "[]).push(");
  g_autofree char *text = g_strndup (g_bytes_get_data (part_json, NULL),
                                    g_bytes_get_size (part_json));

  wm_site_append_script_json (out, text);
  g_string_append (out, ");\nif (window.WaymarkWidget) window.WaymarkWidget.refresh();\n");

  return g_string_free_to_bytes (g_steal_pointer (&out));
}

GBytes *
wm_site_render_widget (GBytes     *script,
                       const char *labels)
{
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (script != NULL && labels != NULL, NULL);

  g_hash_table_insert (values, "LABELS", (gpointer) labels);
  return wm_player_expand_template (script, values);
}
