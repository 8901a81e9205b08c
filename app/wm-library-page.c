/* wm-library-page.c — the library: every tutorial as a row, with search and filters
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-library-page"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-library-model.h"
#include "wm-library-page.h"
#include "wm-list-growth.h"
#include "wm-tutorial-row.h"

struct _WmLibraryPage
{
  AdwBin              parent_instance;

  WmStore            *store;
  WmLibraryModel     *library;
  WmThumbnailer      *thumbnailer;
  GtkSliceListModel  *first_page;      /* the library, one screenful until the first frame */
  GtkSingleSelection *selection;
  gulong              after_paint_id;
  guint               grow_id;
  GStrv               roles;           /* the role filter's choices, after "All roles" */
  gboolean            updating_filters;

  GtkSearchEntry     *search_entry;
  GtkDropDown        *stage_dropdown;
  GtkDropDown        *role_dropdown;
  GtkDropDown        *status_dropdown;
  GtkWidget          *clear_filters_button;
  GtkStack           *library_stack;
  GtkListView        *library_view;
  AdwStatusPage      *error_page;
};

G_DEFINE_FINAL_TYPE (WmLibraryPage, wm_library_page, ADW_TYPE_BIN)

/* Filters ----------------------------------------------------------------------------- */

static void
fill_dropdown (GtkDropDown        *dropdown,
               const char         *all,
               const char * const *titles,
               guint               n_titles)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, all);
  for (guint i = 0; i < n_titles; i++)
    gtk_string_list_append (list, titles[i][0] ? titles[i] : _("No role"));
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
}

static void
fill_stage_and_status (WmLibraryPage *self)
{
  const char *stages[WM_N_STAGES];
  const char *statuses[WM_N_STATUSES];

  for (guint i = 0; i < WM_N_STAGES; i++)
    stages[i] = wm_stage_get_title (i);
  for (guint i = 0; i < WM_N_STATUSES; i++)
    statuses[i] = wm_status_get_title (i);
  /* A new model selects its first row: no filter changed, so no reload of the library. */
  self->updating_filters = TRUE;
  fill_dropdown (self->stage_dropdown, _("All Stages"), stages, WM_N_STAGES);
  fill_dropdown (self->status_dropdown, _("Any Status"), statuses, WM_N_STATUSES);
  self->updating_filters = FALSE;
}

/* Keeps the chosen role selected when the list of roles changes. */
static void
fill_roles (WmLibraryPage *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) roles = wm_store_list_roles (self->store, &error);
  g_autofree char *chosen = NULL;
  guint selected = gtk_drop_down_get_selected (self->role_dropdown);
  guint position = 0;

  if (roles == NULL)
    return;
  if (self->roles != NULL && selected > 0 && selected <= g_strv_length (self->roles))
    chosen = g_strdup (self->roles[selected - 1]);

  self->updating_filters = TRUE;
  fill_dropdown (self->role_dropdown, _("All Roles"), (const char * const *) roles,
                 g_strv_length (roles));
  for (guint i = 0; chosen && roles[i]; i++)
    if (g_str_equal (roles[i], chosen))
      position = i + 1;
  gtk_drop_down_set_selected (self->role_dropdown, position);
  self->updating_filters = FALSE;

  g_strfreev (self->roles);
  self->roles = g_steal_pointer (&roles);
}

static const char *
chosen_role (WmLibraryPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->role_dropdown);

  if (self->roles == NULL || selected == 0 || selected > g_strv_length (self->roles))
    return NULL;

  return self->roles[selected - 1];
}

static void
update_library_page (WmLibraryPage *self)
{
  const char *page = "list";
  gboolean filtered = gtk_drop_down_get_selected (self->stage_dropdown) > 0 ||
                      gtk_drop_down_get_selected (self->role_dropdown) > 0 ||
                      gtk_drop_down_get_selected (self->status_dropdown) > 0 ||
                      gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0';

  if (g_list_model_get_n_items (G_LIST_MODEL (self->library)) == 0)
    page = filtered ? "no-results" : "empty";
  gtk_stack_set_visible_child_name (self->library_stack, page);
  gtk_widget_set_sensitive (self->clear_filters_button, filtered);
}

static void
apply_filters (WmLibraryPage *self)
{
  guint stage = gtk_drop_down_get_selected (self->stage_dropdown);
  guint status = gtk_drop_down_get_selected (self->status_dropdown);

  if (self->library == NULL || self->updating_filters)
    return;

  wm_library_model_set_filter (self->library,
                               stage > 0 && stage != GTK_INVALID_LIST_POSITION
                                 ? (int) stage - 1 : WM_FILTER_ANY,
                               status > 0 && status != GTK_INVALID_LIST_POSITION
                                 ? (int) status - 1 : WM_FILTER_ANY,
                               chosen_role (self),
                               gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  update_library_page (self);
}

static void
on_search_changed (WmLibraryPage *self)
{
  apply_filters (self);
}

static void
on_filter_changed (WmLibraryPage *self)
{
  apply_filters (self);
}

static guint
stage_position (const char *nick)
{
  WmStage stage;

  return nick && wm_stage_from_string (nick, &stage) ? stage + 1 : 0;
}

static void
select_role (WmLibraryPage *self,
             const char    *role)
{
  guint position = 0;

  for (guint i = 0; self->roles && role && role[0] && self->roles[i]; i++)
    if (g_str_equal (self->roles[i], role))
      position = i + 1;
  gtk_drop_down_set_selected (self->role_dropdown, position);
}

void
wm_library_page_set_filters (WmLibraryPage *self,
                             const char    *stage,
                             const char    *role,
                             const char    *status,
                             const char    *search)
{
  WmStatus status_value;

  g_return_if_fail (WM_IS_LIBRARY_PAGE (self));

  self->updating_filters = TRUE;
  if (search != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), search);
  if (status != NULL)
    gtk_drop_down_set_selected (self->status_dropdown,
                                wm_status_from_string (status, &status_value)
                                  ? status_value + 1 : 0);
  if (stage != NULL)
    gtk_drop_down_set_selected (self->stage_dropdown, stage_position (stage));
  if (role != NULL)
    select_role (self, role);
  self->updating_filters = FALSE;

  /* The search entry debounces typing; a filter set here applies at once. */
  apply_filters (self);
}

void
wm_library_page_focus_search (WmLibraryPage *self)
{
  g_return_if_fail (WM_IS_LIBRARY_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

GListModel *
wm_library_page_get_library (WmLibraryPage *self)
{
  g_return_val_if_fail (WM_IS_LIBRARY_PAGE (self), NULL);

  return G_LIST_MODEL (self->library);
}

void
wm_library_page_reload (WmLibraryPage *self)
{
  g_return_if_fail (WM_IS_LIBRARY_PAGE (self));

  if (self->store == NULL)
    return;

  fill_roles (self);
  wm_library_model_reload (self->library);
  update_library_page (self);
}

/* The list ---------------------------------------------------------------------------- */

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           WmLibraryPage            *self)
{
  gtk_list_item_set_child (item, wm_tutorial_row_new (self->thumbnailer));
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          WmLibraryPage            *self)
{
  wm_tutorial_row_set_tutorial (WM_TUTORIAL_ROW (gtk_list_item_get_child (item)),
                                gtk_list_item_get_item (item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            WmLibraryPage            *self)
{
  wm_tutorial_row_set_tutorial (WM_TUTORIAL_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
on_library_activate (WmLibraryPage *self,
                     guint          position)
{
  g_autoptr(WmTutorial) tutorial = g_list_model_get_item (G_LIST_MODEL (self->library),
                                                          position);

  if (tutorial != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-tutorial", "s",
                                wm_tutorial_get_id (tutorial));
}

/* Start-up ------------------------------------------------------------------------------
 *
 * GTK 4.8's list view makes ~200 rows for any long model, and decoding screenshots competes
 * with the first frame for the CPU. So the page starts with one screenful of rows and no
 * decoding; once the first frame is on screen, the thumbnails are decoded and the list grows
 * to the whole library a few rows per idle (the positions are the same: the slice starts at 0),
 * so no single main-loop turn makes all the rows. */
#define FIRST_PAGE_ROWS 24
#define GROW_ROWS 48

static gboolean
grow_library (gpointer user_data)
{
  WmLibraryPage *self = user_data;

  if (gtk_slice_list_model_get_size (self->first_page) == FIRST_PAGE_ROWS)
    wm_thumbnailer_release (self->thumbnailer);
  if (wm_list_grow_slice (self->first_page, GROW_ROWS))
    return G_SOURCE_CONTINUE;

  self->grow_id = 0;
  return G_SOURCE_REMOVE;
}

void
wm_library_page_finish_startup (WmLibraryPage *self)
{
  g_return_if_fail (WM_IS_LIBRARY_PAGE (self));

  g_clear_handle_id (&self->grow_id, g_source_remove);
  if (self->first_page == NULL || gtk_slice_list_model_get_size (self->first_page) == G_MAXUINT)
    return;

  if (gtk_slice_list_model_get_size (self->first_page) == FIRST_PAGE_ROWS)
    wm_thumbnailer_release (self->thumbnailer);
  gtk_slice_list_model_set_size (self->first_page, G_MAXUINT);
}

static void
on_after_paint (GdkFrameClock *clock,
                WmLibraryPage *self)
{
  g_clear_signal_handler (&self->after_paint_id, clock);
  if (self->grow_id == 0)
    self->grow_id = g_idle_add_full (G_PRIORITY_LOW, grow_library, self, NULL);
}

static void
wm_library_page_map (GtkWidget *widget)
{
  WmLibraryPage *self = WM_LIBRARY_PAGE (widget);

  GTK_WIDGET_CLASS (wm_library_page_parent_class)->map (widget);

  if (self->after_paint_id == 0 && self->first_page != NULL &&
      gtk_slice_list_model_get_size (self->first_page) != G_MAXUINT)
    self->after_paint_id = g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                                             G_CALLBACK (on_after_paint), self);
}

static void
wm_library_page_unmap (GtkWidget *widget)
{
  WmLibraryPage *self = WM_LIBRARY_PAGE (widget);

  g_clear_signal_handler (&self->after_paint_id, gtk_widget_get_frame_clock (widget));
  GTK_WIDGET_CLASS (wm_library_page_parent_class)->unmap (widget);
}

void
wm_library_page_set_store (WmLibraryPage *self,
                           WmStore       *store,
                           WmThumbnailer *thumbnailer)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_return_if_fail (WM_IS_LIBRARY_PAGE (self));
  g_return_if_fail (WM_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->thumbnailer = g_object_ref (thumbnailer);
  wm_thumbnailer_hold (self->thumbnailer);
  self->library = wm_library_model_new (self->store);
  self->first_page = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->library)), 0,
                                               FIRST_PAGE_ROWS);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->first_page)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->library_view, factory);
  gtk_list_view_set_model (self->library_view, GTK_SELECTION_MODEL (self->selection));

  fill_stage_and_status (self);
  fill_roles (self);
  update_library_page (self);
}

void
wm_library_page_show_error (WmLibraryPage *self,
                            const GError  *error)
{
  g_return_if_fail (WM_IS_LIBRARY_PAGE (self));

  adw_status_page_set_description (self->error_page, error ? error->message : NULL);
  gtk_stack_set_visible_child_name (self->library_stack, "error");
  gtk_widget_set_sensitive (GTK_WIDGET (self->stage_dropdown), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->role_dropdown), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->status_dropdown), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), FALSE);
}

/* Life cycle -------------------------------------------------------------------------- */

static void
wm_library_page_dispose (GObject *object)
{
  WmLibraryPage *self = WM_LIBRARY_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_LIBRARY_PAGE);
  /* Held decodes keep the thumbnailer alive: let them run out. */
  if (self->thumbnailer != NULL)
    wm_library_page_finish_startup (self);
  g_clear_object (&self->selection);
  g_clear_object (&self->first_page);
  g_clear_object (&self->library);
  g_clear_object (&self->thumbnailer);
  g_clear_object (&self->store);
  g_clear_pointer (&self->roles, g_strfreev);

  G_OBJECT_CLASS (wm_library_page_parent_class)->dispose (object);
}

static void
wm_library_page_class_init (WmLibraryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_library_page_dispose;
  widget_class->map = wm_library_page_map;
  widget_class->unmap = wm_library_page_unmap;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/waymark/Waymark/ui/wm-library-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WmLibraryPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, WmLibraryPage, stage_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WmLibraryPage, role_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WmLibraryPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WmLibraryPage, clear_filters_button);
  gtk_widget_class_bind_template_child (widget_class, WmLibraryPage, library_stack);
  gtk_widget_class_bind_template_child (widget_class, WmLibraryPage, library_view);
  gtk_widget_class_bind_template_child (widget_class, WmLibraryPage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_library_activate);
}

static void
wm_library_page_init (WmLibraryPage *self)
{
  self->updating_filters = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->updating_filters = FALSE;
}
