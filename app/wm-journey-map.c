/* wm-journey-map.c — roles × adoption stages, with the number of tutorials in each cell
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-journey-map"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-journey-map.h"

struct _WmJourneyMap
{
  GtkWidget  parent_instance;

  WmStore   *store;    /* set by refresh(); the counts are read when first needed */
  gboolean   stale;
  GStrv      roles;
  guint     *counts;
  guint      n_gaps;

  GtkGrid   *grid;
  GtkLabel  *summary_label;
};

G_DEFINE_FINAL_TYPE (WmJourneyMap, wm_journey_map, GTK_TYPE_WIDGET)

static void
clear_grid (WmJourneyMap *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))))
    gtk_grid_remove (self->grid, child);
}

static GtkWidget *
stage_header (WmStage stage)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (wm_stage_get_title (stage));
  GtkWidget *question = gtk_label_new (wm_stage_get_question (stage));

  gtk_widget_add_css_class (box, "stage-header");
  gtk_widget_add_css_class (title, "heading");
  /* Equal natural widths keep the five columns the same width. */
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_width_chars (GTK_LABEL (title), 14);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 14);
  gtk_label_set_justify (GTK_LABEL (title), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (question, "caption");
  gtk_widget_add_css_class (question, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (question), TRUE);
  gtk_label_set_width_chars (GTK_LABEL (question), 16);
  gtk_label_set_max_width_chars (GTK_LABEL (question), 16);
  gtk_label_set_justify (GTK_LABEL (question), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), question);

  return box;
}

static GtkWidget *
role_header (const char *role)
{
  GtkWidget *label = gtk_label_new (role[0] ? role : _("No role"));
  g_autofree char *capitalised = NULL;

  if (role[0])
    {
      capitalised = g_strdup (role);
      capitalised[0] = g_ascii_toupper (capitalised[0]);
      gtk_label_set_text (GTK_LABEL (label), capitalised);
    }
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "role-header");

  return label;
}

static GtkWidget *
cell_button (const char *role,
             WmStage     stage,
             guint       count)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  g_autofree char *number = g_strdup_printf ("%u", count);
  GtkWidget *count_label = gtk_label_new (count ? number : _("Gap"));
  GtkWidget *unit = gtk_label_new (count ? g_dngettext (GETTEXT_PACKAGE, "tutorial", "tutorials",
                                                        count)
                                         : _("nothing yet"));
  g_autofree char *tooltip = NULL;
  g_autofree char *spoken = NULL;

  gtk_widget_add_css_class (count_label, count ? "title-1" : "title-4");
  gtk_widget_add_css_class (count_label, "numeric");
  gtk_widget_add_css_class (unit, "caption");
  gtk_box_append (GTK_BOX (box), count_label);
  gtk_box_append (GTK_BOX (box), unit);
  gtk_box_set_homogeneous (GTK_BOX (box), FALSE);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_button_set_child (GTK_BUTTON (button), box);

  gtk_widget_add_css_class (button, "journey-cell");
  if (count == 0)
    gtk_widget_add_css_class (button, "gap");
  gtk_widget_set_hexpand (button, TRUE);
  gtk_widget_set_size_request (button, 120, 84);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.filter-journey-cell");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new ("(ss)", role,
                                                         wm_stage_to_string (stage)));
  tooltip = g_strdup_printf (_("Show %s tutorials for “%s”"), wm_stage_get_title (stage),
                             role[0] ? role : _("No role"));
  gtk_widget_set_tooltip_text (button, tooltip);
  /* What a screen reader says: the cell's place in the grid as well as its count. */
  if (count == 0)
    spoken = g_strdup_printf (_("%s, %s: a gap, no tutorial yet"), role[0] ? role : _("No role"),
                              wm_stage_get_title (stage));
  else
    spoken = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %s: %u tutorial",
                                           "%s, %s: %u tutorials", count),
                              role[0] ? role : _("No role"), wm_stage_get_title (stage), count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken,
                                  -1);

  return button;
}

static void
update_summary (WmJourneyMap *self,
                guint         n_cells)
{
  g_autofree char *text = NULL;

  if (self->n_gaps == 0)
    text = g_strdup (_("Every role has tutorials for every stage of adoption."));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u of %u cells is a gap: a role with no tutorial "
                                         "for that stage of adoption.",
                                         "%u of %u cells are gaps: roles with no tutorial "
                                         "for that stage of adoption.", self->n_gaps),
                            self->n_gaps, n_cells);
  gtk_label_set_text (self->summary_label, text);
}

static void
reload (WmJourneyMap *self)
{
  g_autoptr(GError) error = NULL;
  guint n_roles;

  self->stale = FALSE;
  g_clear_pointer (&self->roles, g_strfreev);
  g_clear_pointer (&self->counts, g_free);
  clear_grid (self);
  self->n_gaps = 0;

  if (!wm_store_count_journey (self->store, &self->roles, &self->counts, &error))
    {
      gtk_label_set_text (self->summary_label, error->message);
      return;
    }

  for (guint s = 0; s < WM_N_STAGES; s++)
    gtk_grid_attach (self->grid, stage_header (s), s + 1, 0, 1, 1);

  n_roles = g_strv_length (self->roles);
  for (guint r = 0; r < n_roles; r++)
    {
      gtk_grid_attach (self->grid, role_header (self->roles[r]), 0, r + 1, 1, 1);
      for (guint s = 0; s < WM_N_STAGES; s++)
        {
          guint count = self->counts[r * WM_N_STAGES + s];

          /* Tutorials for no role are shown, but an empty "no role" row is no gap. */
          if (count == 0 && self->roles[r][0] != '\0')
            self->n_gaps++;
          gtk_grid_attach (self->grid, cell_button (self->roles[r], s, count), s + 1, r + 1, 1, 1);
        }
    }

  update_summary (self, n_roles * WM_N_STAGES);
}

static void
ensure_loaded (WmJourneyMap *self)
{
  if (self->stale)
    reload (self);
}

/* Counting every tutorial and building a grid of buttons is work the first frame does not
 * need: the map is read when it is shown (or asked), and at once if it is on screen. */
void
wm_journey_map_refresh (WmJourneyMap *self,
                        WmStore      *store)
{
  g_return_if_fail (WM_IS_JOURNEY_MAP (self));
  g_return_if_fail (WM_IS_STORE (store));

  g_set_object (&self->store, store);
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
}

static void
wm_journey_map_map (GtkWidget *widget)
{
  ensure_loaded (WM_JOURNEY_MAP (widget));
  GTK_WIDGET_CLASS (wm_journey_map_parent_class)->map (widget);
}

guint
wm_journey_map_get_count (WmJourneyMap *self,
                          const char   *role,
                          WmStage       stage)
{
  g_return_val_if_fail (WM_IS_JOURNEY_MAP (self), 0);

  ensure_loaded (self);
  for (guint r = 0; self->roles && self->roles[r]; r++)
    if (g_strcmp0 (self->roles[r], role) == 0)
      return self->counts[r * WM_N_STAGES + stage];

  return 0;
}

guint
wm_journey_map_get_n_gaps (WmJourneyMap *self)
{
  g_return_val_if_fail (WM_IS_JOURNEY_MAP (self), 0);

  ensure_loaded (self);
  return self->n_gaps;
}

static void
wm_journey_map_dispose (GObject *object)
{
  WmJourneyMap *self = WM_JOURNEY_MAP (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_JOURNEY_MAP);
  /* The template's top box has no id, so dispose_template() leaves it to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_pointer (&self->roles, g_strfreev);
  g_clear_pointer (&self->counts, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (wm_journey_map_parent_class)->dispose (object);
}

static void
wm_journey_map_class_init (WmJourneyMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_journey_map_dispose;
  widget_class->map = wm_journey_map_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/waymark/Waymark/ui/wm-journey-map.ui");
  gtk_widget_class_bind_template_child (widget_class, WmJourneyMap, grid);
  gtk_widget_class_bind_template_child (widget_class, WmJourneyMap, summary_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "journeymap");
}

static void
wm_journey_map_init (WmJourneyMap *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
