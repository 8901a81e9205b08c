/* wm-pdf-exporter.c — a quick-reference PDF: one block per step, instruction and zoom
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-export"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "wm-export-pixels.h"
#include "wm-pdf-exporter.h"

#define MARGIN 42.0          /* points */
#define BAR_WIDTH 4.0        /* the accent bar down each step's block */
#define BAR_GAP 12.0
#define BLOCK_GAP 18.0
#define MAX_ZOOM_HEIGHT 230.0
/* #1a5fb4, the player's accent: tests find the blocks by it. */
#define ACCENT 0x1a / 255.0, 0x5f / 255.0, 0xb4 / 255.0

typedef struct {
  cairo_t *cr;
  double   page_width;
  double   page_height;
  double   y;
} Page;

gboolean
wm_paper_from_string (const char *str,
                      WmPaper    *paper)
{
  if (g_ascii_strcasecmp (str, "a4") == 0)
    *paper = WM_PAPER_A4;
  else if (g_ascii_strcasecmp (str, "letter") == 0)
    *paper = WM_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

/* A wrapped paragraph @width points wide; author text goes in as text, never markup. */
static PangoLayout *
text_layout (Page       *page,
             const char *text,
             const char *font,
             double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (page->cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, pango_units_from_double (width));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int h;

  pango_layout_get_size (layout, NULL, &h);
  return pango_units_to_double (h);
}

static void
show_layout (Page        *page,
             PangoLayout *layout,
             double       x,
             double       y,
             double       gray)
{
  cairo_set_source_rgb (page->cr, gray, gray, gray);
  cairo_move_to (page->cr, x, y);
  pango_cairo_show_layout (page->cr, layout);
}

static void
title_block (Page       *page,
             WmTutorial *tutorial)
{
  double width = page->page_width - 2 * MARGIN;
  g_autoptr(PangoLayout) title = text_layout (page, wm_tutorial_get_title (tutorial),
                                              "Sans Bold 18", width);
  g_autoptr(PangoLayout) summary = text_layout (page, wm_tutorial_get_summary (tutorial),
                                                "Sans 10.5", width);
  g_autoptr(PangoLayout) stage = text_layout (page,
                                              wm_stage_get_title (wm_tutorial_get_stage (tutorial)),
                                              "Sans Italic 9", width);

  show_layout (page, title, MARGIN, page->y, 0.1);
  page->y += layout_height (title) + 4;
  if (wm_tutorial_get_summary (tutorial))
    {
      show_layout (page, summary, MARGIN, page->y, 0.3);
      page->y += layout_height (summary) + 4;
    }
  show_layout (page, stage, MARGIN, page->y, 0.35);
  page->y += layout_height (stage) + BLOCK_GAP;
}

static gboolean
step_block (Page     *page,
            WmStore  *store,
            WmStep   *step,
            GError  **error)
{
  double x = MARGIN + BAR_WIDTH + BAR_GAP;
  double width = page->page_width - MARGIN - x;
  g_autofree char *number = g_strdup_printf (_("Step %u"), wm_step_get_position (step) + 1);
  g_autoptr(PangoLayout) label = text_layout (page, number, "Sans Bold 8.5", width);
  g_autoptr(PangoLayout) instruction = text_layout (page, NULL, "Sans 12", width);
  g_autofree char *markup = wm_step_get_instruction_markup (step);
  g_autoptr(PangoLayout) notes = text_layout (page, wm_step_get_notes (step), "Sans 9.5", width);
  g_autoptr(cairo_surface_t) zoom = NULL;
  double scale = 0, zoom_h = 0, h, y;

  /* What to click in a bold face, the rest of the sentence regular. */
  if (markup != NULL)
    pango_layout_set_markup (instruction, markup, -1);

  if (wm_step_get_image_sha256 (step) != NULL)
    {
      if (!(zoom = wm_export_render_step (store, step, TRUE, error)))
        return FALSE;
      scale = MIN (width / cairo_image_surface_get_width (zoom),
                   MAX_ZOOM_HEIGHT / cairo_image_surface_get_height (zoom));
      zoom_h = cairo_image_surface_get_height (zoom) * scale + 6;
    }

  h = layout_height (label) + layout_height (instruction) + zoom_h +
      (wm_step_get_notes (step) ? layout_height (notes) + 4 : 0);
  if (page->y + h > page->page_height - MARGIN)
    {
      cairo_show_page (page->cr);
      page->y = MARGIN;
    }

  y = page->y;
  cairo_set_source_rgb (page->cr, ACCENT);
  cairo_rectangle (page->cr, MARGIN, y, BAR_WIDTH, h);
  cairo_fill (page->cr);

  show_layout (page, label, x, y, 0.35);
  y += layout_height (label);
  show_layout (page, instruction, x, y, 0.1);
  y += layout_height (instruction);
  if (wm_step_get_notes (step))
    {
      show_layout (page, notes, x, y + 2, 0.3);
      y += layout_height (notes) + 4;
    }
  if (zoom)
    {
      cairo_save (page->cr);
      cairo_translate (page->cr, x, y + 6);
      cairo_scale (page->cr, scale, scale);
      cairo_set_source_surface (page->cr, zoom, 0, 0);
      cairo_paint (page->cr);
      cairo_restore (page->cr);
    }

  page->y += h + BLOCK_GAP;
  return TRUE;
}

static GBytes *
render_pdf (WmStore     *store,
            WmTutorial  *tutorial,
            WmPaper      paper,
            GError     **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  GListModel *steps = wm_tutorial_get_steps (tutorial);
  Page page = { NULL, paper == WM_PAPER_LETTER ? 612 : 595.276,
                paper == WM_PAPER_LETTER ? 792 : 841.89, MARGIN };
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (wm_export_append_bytes, out,
                                                                  page.page_width,
                                                                  page.page_height);
  gboolean ok = TRUE;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  wm_tutorial_get_title (tutorial));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Waymark " PACKAGE_VERSION);
  page.cr = cairo_create (surface);
  title_block (&page, tutorial);
  for (guint i = 0; ok && i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr(WmStep) step = g_list_model_get_item (steps, i);

      ok = step_block (&page, store, step, error);
      if (!ok)
        g_prefix_error (error, _("Step %u: "), i + 1);
    }
  cairo_destroy (page.cr);
  cairo_surface_finish (surface);
  if (ok && cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, WM_EXPORT_ERROR, WM_EXPORT_ERROR_FAILED, _("Cannot make the PDF: %s"),
                   cairo_status_to_string (cairo_surface_status (surface)));
      ok = FALSE;
    }
  cairo_surface_destroy (surface);

  return ok ? g_byte_array_free_to_bytes (g_steal_pointer (&out)) : NULL;
}

gboolean
wm_pdf_export_to_file (WmStore     *store,
                       WmTutorial  *tutorial,
                       WmPaper      paper,
                       GFile       *file,
                       GError     **error)
{
  g_autoptr(GBytes) pdf = NULL;

  g_return_val_if_fail (WM_IS_TUTORIAL (tutorial), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!wm_export_check_steps (tutorial, error) ||
      !(pdf = render_pdf (store, tutorial, paper, error)))
    return FALSE;

  return wm_export_write_file (file, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), error);
}
