/* wm-markdown-exporter.c — a tutorial as a Markdown file and its images
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wm-export-pixels.h"
#include "wm-markdown-exporter.h"
#include "wm-util.h"

/* At the start of a line, "# ", "- ", "+ ", "> ", "=" and "1. " / "1) " begin blocks. */
static gsize
escape_line_start (GString    *out,
                   const char *p)
{
  gsize digits = strspn (p, "0123456789");

  if (strchr ("#+-=", *p) && *p != '\0')
    {
      g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
      return 1;
    }
  if (digits > 0 && (p[digits] == '.' || p[digits] == ')'))
    {
      g_string_append_len (out, p, digits);
      g_string_append_c (out, '\\');
      g_string_append_c (out, p[digits]);
      return digits + 1;
    }
  return 0;
}

char *
wm_markdown_escape_inline (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text ? text : "";

  p += escape_line_start (out, p);
  for (; *p; p++)
    {
      switch (*p)
        {
        /* HTML first: forums render inline HTML, so none may pass. */
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '&': g_string_append (out, "&amp;"); break;
        case '\n': case '\r': case '\t': g_string_append_c (out, ' '); break;
        /* What CommonMark and GitHub's tables read inside a line; without brackets no link
         * or image can form, so "javascript:" stays text; a heading's trailing "#"s would
         * be taken for its closing sequence. A backslash before ASCII punctuation always
         * means the character itself. */
        case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '~':
        case '#':
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
          break;
        default:
          g_string_append_c (out, *p);
        }
    }

  return g_string_free (out, FALSE);
}

/* Notes keep their line breaks: one escaped line each, ended with a hard break. */
static void
append_paragraphs (GString    *md,
                   const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    {
      g_autofree char *line = wm_markdown_escape_inline (g_strstrip (lines[i]));

      g_string_append_printf (md, "%s%s\n", line, lines[i + 1] && *line ? "\\" : "");
    }
  g_string_append_c (md, '\n');
}

static gboolean
make_dir (GFile   *dir,
          GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;

  if (g_file_make_directory_with_parents (dir, NULL, &local_error) ||
      g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    return TRUE;

  name = g_file_get_parse_name (dir);
  g_set_error (error, WM_EXPORT_ERROR, WM_EXPORT_ERROR_WRITE, _("Cannot create the folder “%s”: %s"),
               name, local_error->message);
  return FALSE;
}

/* The pictures of one export, encoded before anything is written: a screenshot that
 * cannot be decoded then stops the export with the folder as it was. */
typedef struct {
  GHashTable *by_sum;    /* SHA-256 of the PNG → "images/NAME" */
  GPtrArray  *names;     /* file names, in writing order */
  GPtrArray  *pngs;      /* their bytes */
} Pictures;

static void
pictures_clear (Pictures *pictures)
{
  g_clear_pointer (&pictures->by_sum, g_hash_table_unref);
  g_clear_pointer (&pictures->names, g_ptr_array_unref);
  g_clear_pointer (&pictures->pngs, g_ptr_array_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pictures, pictures_clear)

/* Encodes the step's picture (once per distinct content) and returns its path relative to
 * the .md. */
static char *
add_step_picture (Pictures    *pictures,
                  WmStore     *store,
                  WmStep      *step,
                  const char  *slug,
                  GError     **error)
{
  g_autoptr(cairo_surface_t) picture = wm_export_render_step (store, step, FALSE, error);
  g_autoptr(GBytes) png = NULL;
  g_autofree char *sum = NULL;
  char *name;
  const char *known;

  if (picture == NULL || !(png = wm_export_encode_png (picture, NULL, error)))
    return NULL;

  sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, png);
  if ((known = g_hash_table_lookup (pictures->by_sum, sum)) != NULL)
    return g_strdup (known);

  name = g_strdup_printf ("%s-step-%02u.png", slug, wm_step_get_position (step) + 1);
  g_ptr_array_add (pictures->names, name);
  g_ptr_array_add (pictures->pngs, g_steal_pointer (&png));
  g_hash_table_insert (pictures->by_sum, g_steal_pointer (&sum), g_strconcat ("images/", name, NULL));
  return g_strconcat ("images/", name, NULL);
}

static gboolean
write_pictures (Pictures  *pictures,
                GFile     *images_dir,
                GError   **error)
{
  if (!make_dir (images_dir, error))
    return FALSE;

  for (guint i = 0; i < pictures->names->len; i++)
    {
      g_autoptr(GFile) file = g_file_get_child (images_dir, pictures->names->pdata[i]);
      GBytes *png = pictures->pngs->pdata[i];

      if (!wm_export_write_file (file, g_bytes_get_data (png, NULL), g_bytes_get_size (png),
                                 error))
        return FALSE;
    }
  return TRUE;
}

static void
append_header (GString    *md,
               WmTutorial *tutorial)
{
  g_autofree char *title = wm_markdown_escape_inline (wm_tutorial_get_title (tutorial));
  g_autofree char *roles = g_strjoinv (", ", (GStrv) wm_tutorial_get_roles (tutorial));
  g_autofree char *roles_md = wm_markdown_escape_inline (roles);

  g_string_append_printf (md, "# %s\n\n", title);
  if (wm_tutorial_get_summary (tutorial))
    append_paragraphs (md, wm_tutorial_get_summary (tutorial));
  g_string_append_printf (md, "*%s%s%s*\n\n", wm_stage_get_title (wm_tutorial_get_stage (tutorial)),
                          *roles ? " · " : "", roles_md);
}

/* The instruction with what it names in **bold**, every part escaped; NULL when it
 * names nothing. */
static char *
strong_instruction (WmStep *step)
{
  const char *text = wm_step_get_instruction (step);
  g_autofree char *before = NULL, *target = NULL, *after = NULL;
  g_autofree char *b = NULL, *t = NULL, *a = NULL;
  gsize start, end;

  if (!wm_step_get_target_span (step, &start, &end))
    return NULL;

  before = g_strndup (text, start);
  target = g_strndup (text + start, end - start);
  after = g_strdup (text + end);
  b = wm_markdown_escape_inline (before);
  t = wm_markdown_escape_inline (target);
  a = wm_markdown_escape_inline (after);

  return g_strconcat (b, "**", t, "**", a, NULL);
}

static gboolean
append_step (GString     *md,
             Pictures    *pictures,
             WmStore     *store,
             WmStep      *step,
             const char  *slug,
             GError     **error)
{
  guint n = wm_step_get_position (step) + 1;
  g_autofree char *instruction = wm_markdown_escape_inline (wm_step_get_instruction (step));
  g_autofree char *heading = strong_instruction (step);

  g_string_append_printf (md, "## %u. %s\n\n", n, heading ? heading : instruction);
  if (wm_step_get_image_sha256 (step) != NULL)
    {
      g_autofree char *path = add_step_picture (pictures, store, step, slug, error);

      if (path == NULL)
        {
          g_prefix_error (error, _("Step %u: "), n);
          return FALSE;
        }
      g_string_append_printf (md, "![%s](%s)\n\n", instruction, path);
    }
  if (wm_step_get_notes (step))
    append_paragraphs (md, wm_step_get_notes (step));

  return TRUE;
}

gboolean
wm_markdown_export_to_dir (WmStore     *store,
                           WmTutorial  *tutorial,
                           GFile       *dir,
                           char       **md_path,
                           GError     **error)
{
  GListModel *steps = wm_tutorial_get_steps (tutorial);
  g_auto(Pictures) pictures = {
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
    g_ptr_array_new_with_free_func (g_free),
    g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref),
  };
  g_autoptr(GFile) images_dir = g_file_get_child (dir, "images");
  g_autoptr(GFile) md_file = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *md_name = NULL;
  g_autoptr(GString) md = g_string_new (NULL);
  guint n_steps = g_list_model_get_n_items (steps);

  g_return_val_if_fail (WM_IS_TUTORIAL (tutorial), FALSE);
  g_return_val_if_fail (G_IS_FILE (dir), FALSE);

  if (!wm_export_check_steps (tutorial, error))
    return FALSE;

  slug = wm_tutorial_get_slug (tutorial) ? g_strdup (wm_tutorial_get_slug (tutorial))
                                         : wm_tutorial_make_slug (wm_tutorial_get_title (tutorial));
  if (slug == NULL || *slug == '\0')
    wm_set_str (&slug, "tutorial");

  append_header (md, tutorial);
  for (guint i = 0; i < n_steps; i++)
    {
      g_autoptr(WmStep) step = g_list_model_get_item (steps, i);

      if (!append_step (md, &pictures, store, step, slug, error))
        return FALSE;
    }

  /* The pictures first and the .md last, so the .md never names a missing picture. */
  if (!write_pictures (&pictures, images_dir, error))
    return FALSE;

  md_name = g_strconcat (slug, ".md", NULL);
  md_file = g_file_get_child (dir, md_name);
  if (!wm_export_write_file (md_file, md->str, md->len, error))
    return FALSE;

  if (md_path)
    *md_path = g_file_get_path (md_file);
  return TRUE;
}
