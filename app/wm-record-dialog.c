/* wm-record-dialog.c — asks for a new recording's title, stage and roles
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-record-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-record-dialog.h"

struct _WmRecordDialog
{
  AdwMessageDialog  parent_instance;

  AdwEntryRow      *title_row;
  AdwComboRow      *stage_row;
  GtkFlowBox       *roles_box;
  GtkLabel         *backend_label;
};

G_DEFINE_FINAL_TYPE (WmRecordDialog, wm_record_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
on_title_changed (WmRecordDialog *self)
{
  g_autofree char *title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row)));

  /* A recording needs a name people will recognise in the library. */
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "record",
                                           g_strstrip (title)[0] != '\0');
}

GVariant *
wm_record_dialog_get_request (WmRecordDialog *self)
{
  g_autofree char *title = NULL;
  GVariantBuilder roles;
  guint stage;

  g_return_val_if_fail (WM_IS_RECORD_DIALOG (self), NULL);

  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  stage = adw_combo_row_get_selected (self->stage_row);
  g_variant_builder_init (&roles, G_VARIANT_TYPE_STRING_ARRAY);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->roles_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *toggle = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)))
        g_variant_builder_add (&roles, "s", gtk_button_get_label (GTK_BUTTON (toggle)));
    }

  return g_variant_new ("(ssas)", title,
                        wm_stage_to_string (MIN (stage, WM_N_STAGES - 1)), &roles);
}

static void
fill_stages (WmRecordDialog *self)
{
  g_autoptr(GtkStringList) stages = gtk_string_list_new (NULL);

  for (guint i = 0; i < WM_N_STAGES; i++)
    gtk_string_list_append (stages, wm_stage_get_title (i));
  adw_combo_row_set_model (self->stage_row, G_LIST_MODEL (stages));
  adw_combo_row_set_selected (self->stage_row, WM_STAGE_ORIENTATION);
}

static void
fill_roles (WmRecordDialog *self,
            WmStore        *store,
            GSettings      *settings)
{
  g_auto(GStrv) roles = wm_store_list_roles (store, NULL);
  g_auto(GStrv) defaults = g_settings_get_strv (settings, "default-roles");

  for (guint i = 0; roles && roles[i]; i++)
    {
      GtkWidget *toggle;

      if (roles[i][0] == '\0')
        continue;
      toggle = gtk_toggle_button_new_with_label (roles[i]);
      gtk_widget_add_css_class (toggle, "chip");
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle),
                                    g_strv_contains ((const char * const *) defaults, roles[i]));
      gtk_flow_box_append (self->roles_box, toggle);
    }
}

static void
describe_backend (WmRecordDialog *self,
                  GSettings      *settings)
{
  g_autofree char *backend = g_settings_get_string (settings, "capture-backend");
  const char *text;

  if (g_str_equal (backend, "portal") ||
      (g_str_equal (backend, "automatic") && g_getenv ("WAYLAND_DISPLAY") != NULL))
    text = _("Recording through the desktop portal: use “Capture Step” after each action.");
  else
    text = _("Recording on X11: every click and shortcut becomes a step by itself.");
  gtk_label_set_text (self->backend_label, text);
}

static void
wm_record_dialog_class_init (WmRecordDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/waymark/Waymark/ui/wm-record-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WmRecordDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, WmRecordDialog, stage_row);
  gtk_widget_class_bind_template_child (widget_class, WmRecordDialog, roles_box);
  gtk_widget_class_bind_template_child (widget_class, WmRecordDialog, backend_label);
  gtk_widget_class_bind_template_callback (widget_class, on_title_changed);
}

static void
wm_record_dialog_init (WmRecordDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "record", FALSE);
}

WmRecordDialog *
wm_record_dialog_new (GtkWindow *parent,
                      WmStore   *store,
                      GSettings *settings)
{
  WmRecordDialog *self = g_object_new (WM_TYPE_RECORD_DIALOG,
                                       "transient-for", parent,
                                       "modal", TRUE,
                                       NULL);

  fill_stages (self);
  fill_roles (self, store, settings);
  describe_backend (self, settings);

  return self;
}
