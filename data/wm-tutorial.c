/* wm-tutorial.c — a tutorial: its tags, its review status and its steps
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-tutorial"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wm-store.h"
#include "wm-tutorial.h"
#include "wm-util.h"

#define STEP_VARIANT_TYPE "(ssuiiuusbssssssxa(uiiiis)usub)"
#define STEP_VARIANT_TYPE_4 "(ssuiiuusbssssssxa(uiiiis))"

struct _WmTutorial
{
  GObject     parent_instance;
  char       *id;
  char       *slug;
  char       *title;
  char       *summary;
  char       *author;
  char       *contributor;
  char       *thumbnail_sha256;
  GStrv       roles;
  GListStore *steps;
  gint64      created_at;
  gint64      updated_at;
  guint       version;
  guint       approved_version;
  guint       n_steps;
  WmStage     stage;
  WmStatus    status;
  guint       steps_loaded : 1;
};

G_DEFINE_FINAL_TYPE (WmTutorial, wm_tutorial, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SLUG,
  PROP_TITLE,
  PROP_SUMMARY,
  PROP_STAGE,
  PROP_ROLES,
  PROP_STATUS,
  PROP_VERSION,
  PROP_APPROVED_VERSION,
  PROP_AUTHOR,
  PROP_CONTRIBUTOR,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_N_STEPS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wm_tutorial_dispose (GObject *object)
{
  WmTutorial *self = (WmTutorial *) object;

  g_clear_object (&self->steps);

  G_OBJECT_CLASS (wm_tutorial_parent_class)->dispose (object);
}

static void
wm_tutorial_finalize (GObject *object)
{
  WmTutorial *self = (WmTutorial *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->slug, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->contributor, g_free);
  g_clear_pointer (&self->thumbnail_sha256, g_free);
  g_clear_pointer (&self->roles, g_strfreev);

  G_OBJECT_CLASS (wm_tutorial_parent_class)->finalize (object);
}

static void
wm_tutorial_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  WmTutorial *self = WM_TUTORIAL (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_SLUG: g_value_set_string (value, self->slug); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_SUMMARY: g_value_set_string (value, self->summary); break;
    case PROP_STAGE: g_value_set_enum (value, self->stage); break;
    case PROP_ROLES: g_value_set_boxed (value, self->roles); break;
    case PROP_STATUS: g_value_set_enum (value, self->status); break;
    case PROP_VERSION: g_value_set_uint (value, self->version); break;
    case PROP_APPROVED_VERSION: g_value_set_uint (value, self->approved_version); break;
    case PROP_AUTHOR: g_value_set_string (value, self->author); break;
    case PROP_CONTRIBUTOR: g_value_set_string (value, self->contributor); break;
    case PROP_CREATED_AT: g_value_set_int64 (value, self->created_at); break;
    case PROP_UPDATED_AT: g_value_set_int64 (value, self->updated_at); break;
    case PROP_N_STEPS: g_value_set_uint (value, wm_tutorial_get_n_steps (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_tutorial_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  WmTutorial *self = WM_TUTORIAL (object);

  switch (prop_id)
    {
    case PROP_ID: wm_tutorial_set_id (self, g_value_get_string (value)); break;
    case PROP_SLUG: wm_tutorial_set_slug (self, g_value_get_string (value)); break;
    case PROP_TITLE: wm_tutorial_set_title (self, g_value_get_string (value)); break;
    case PROP_SUMMARY: wm_tutorial_set_summary (self, g_value_get_string (value)); break;
    case PROP_STAGE: wm_tutorial_set_stage (self, g_value_get_enum (value)); break;
    case PROP_ROLES: wm_tutorial_set_roles (self, g_value_get_boxed (value)); break;
    case PROP_STATUS: wm_tutorial_set_status (self, g_value_get_enum (value)); break;
    case PROP_VERSION: wm_tutorial_set_version (self, g_value_get_uint (value)); break;
    case PROP_APPROVED_VERSION:
      wm_tutorial_set_approved_version (self, g_value_get_uint (value));
      break;
    case PROP_AUTHOR: wm_tutorial_set_author (self, g_value_get_string (value)); break;
    case PROP_CONTRIBUTOR: wm_tutorial_set_contributor (self, g_value_get_string (value)); break;
    case PROP_CREATED_AT: wm_tutorial_set_created_at (self, g_value_get_int64 (value)); break;
    case PROP_UPDATED_AT: wm_tutorial_set_updated_at (self, g_value_get_int64 (value)); break;
    case PROP_N_STEPS: wm_tutorial_set_n_steps (self, g_value_get_uint (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_tutorial_class_init (WmTutorialClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = wm_tutorial_dispose;
  object_class->finalize = wm_tutorial_finalize;
  object_class->get_property = wm_tutorial_get_property;
  object_class->set_property = wm_tutorial_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, rw);
  properties[PROP_SLUG] = g_param_spec_string ("slug", NULL, NULL, NULL, rw);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, rw);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, rw);
  properties[PROP_STAGE] =
    g_param_spec_enum ("stage", NULL, NULL, WM_TYPE_STAGE, WM_STAGE_ORIENTATION, rw);
  properties[PROP_ROLES] = g_param_spec_boxed ("roles", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, WM_TYPE_STATUS, WM_STATUS_DRAFT, rw);
  properties[PROP_VERSION] = g_param_spec_uint ("version", NULL, NULL, 1, G_MAXUINT, 1, rw);
  properties[PROP_APPROVED_VERSION] =
    g_param_spec_uint ("approved-version", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_AUTHOR] = g_param_spec_string ("author", NULL, NULL, NULL, rw);
  properties[PROP_CONTRIBUTOR] = g_param_spec_string ("contributor", NULL, NULL, NULL, rw);
  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_N_STEPS] = g_param_spec_uint ("n-steps", NULL, NULL, 0, G_MAXUINT, 0, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_tutorial_init (WmTutorial *self)
{
  self->id = g_uuid_string_random ();
  self->title = g_strdup ("");
  self->stage = WM_STAGE_ORIENTATION;
  self->status = WM_STATUS_DRAFT;
  self->version = 1;
  self->roles = g_new0 (char *, 1);
  self->steps = g_list_store_new (WM_TYPE_STEP);
}

WmTutorial *
wm_tutorial_new (const char *title)
{
  return g_object_new (WM_TYPE_TUTORIAL, "title", title, NULL);
}

WmTutorial *
wm_tutorial_copy (WmTutorial *self)
{
  g_autoptr(GVariant) snapshot = NULL;
  WmTutorial *copy;

  g_return_val_if_fail (WM_IS_TUTORIAL (self), NULL);

  /* The snapshot is the one complete description of a tutorial; copying through it
   * keeps copy and serialisation from drifting apart. */
  snapshot = g_variant_ref_sink (wm_tutorial_serialize (self));
  copy = wm_tutorial_deserialize (snapshot, NULL);
  g_assert (copy != NULL);

  copy->steps_loaded = self->steps_loaded;
  copy->n_steps = self->n_steps;
  wm_set_str (&copy->thumbnail_sha256, self->thumbnail_sha256);

  return copy;
}

#define STRING_GETTER(field)                                            \
  const char *                                                         \
  wm_tutorial_get_##field (WmTutorial *self)                           \
  {                                                                    \
    g_return_val_if_fail (WM_IS_TUTORIAL (self), NULL);                \
    return self->field;                                                \
  }

STRING_GETTER (id)
STRING_GETTER (slug)
STRING_GETTER (title)
STRING_GETTER (summary)
STRING_GETTER (author)
STRING_GETTER (contributor)
STRING_GETTER (thumbnail_sha256)

static void
set_string (WmTutorial  *self,
            char       **field,
            const char  *value,
            guint        prop)
{
  if (wm_set_str (field, value) && prop != PROP_0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
wm_tutorial_set_id (WmTutorial *self,
                    const char *id)
{
  g_return_if_fail (WM_IS_TUTORIAL (self));
  g_return_if_fail (id != NULL);
  set_string (self, &self->id, id, PROP_ID);
}

void
wm_tutorial_set_slug (WmTutorial *self,
                      const char *slug)
{
  g_return_if_fail (WM_IS_TUTORIAL (self));
  set_string (self, &self->slug, wm_str_or_null (slug), PROP_SLUG);
}

void
wm_tutorial_set_title (WmTutorial *self,
                       const char *title)
{
  g_return_if_fail (WM_IS_TUTORIAL (self));
  set_string (self, &self->title, title ? title : "", PROP_TITLE);
}

void
wm_tutorial_set_summary (WmTutorial *self,
                         const char *summary)
{
  g_return_if_fail (WM_IS_TUTORIAL (self));
  set_string (self, &self->summary, wm_str_or_null (summary), PROP_SUMMARY);
}

void
wm_tutorial_set_author (WmTutorial *self,
                        const char *author)
{
  g_return_if_fail (WM_IS_TUTORIAL (self));
  set_string (self, &self->author, wm_str_or_null (author), PROP_AUTHOR);
}

void
wm_tutorial_set_contributor (WmTutorial *self,
                             const char *contributor)
{
  g_return_if_fail (WM_IS_TUTORIAL (self));
  set_string (self, &self->contributor, wm_str_or_null (contributor), PROP_CONTRIBUTOR);
}

void
wm_tutorial_set_thumbnail_sha256 (WmTutorial *self,
                                  const char *sha256)
{
  g_return_if_fail (WM_IS_TUTORIAL (self));
  set_string (self, &self->thumbnail_sha256, sha256, PROP_0);
}

/* Lower-case ASCII words joined by dashes; accents are folded first so “Créer un
 * rapport” becomes “creer-un-rapport” rather than losing letters. */
char *
wm_tutorial_make_slug (const char *title)
{
  g_autofree char *ascii = NULL;
  GString *slug = g_string_new (NULL);
  gboolean dash = FALSE;

  ascii = g_str_to_ascii (title ? title : "", "C");

  for (const char *p = ascii; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (dash && slug->len > 0)
            g_string_append_c (slug, '-');
          g_string_append_c (slug, g_ascii_tolower (*p));
          dash = FALSE;
        }
      else
        dash = TRUE;

      if (slug->len >= 60)
        break;
    }

  if (slug->len == 0)
    g_string_append (slug, "tutorial");

  return g_string_free (slug, FALSE);
}

WmStage
wm_tutorial_get_stage (WmTutorial *self)
{
  g_return_val_if_fail (WM_IS_TUTORIAL (self), 0);
  return self->stage;
}

void
wm_tutorial_set_stage (WmTutorial *self,
                       WmStage     stage)
{
  g_return_if_fail (WM_IS_TUTORIAL (self));
  g_return_if_fail ((guint) stage < WM_N_STAGES);

  if (self->stage != stage)
    {
      self->stage = stage;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
    }
}

const char * const *
wm_tutorial_get_roles (WmTutorial *self)
{
  g_return_val_if_fail (WM_IS_TUTORIAL (self), NULL);
  return (const char * const *) self->roles;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

/* Roles are free-form but compared as written by people: trimmed, and one of each. */
static GStrv
normalize_roles (const char * const *roles)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new ();

  for (guint i = 0; roles != NULL && roles[i] != NULL; i++)
    {
      char *role = g_strstrip (g_strdup (roles[i]));
      gboolean dup = *role == '\0';

      for (guint j = 0; !dup && j < out->len; j++)
        dup = g_strcmp0 (g_ptr_array_index (out, j), role) == 0;

      if (dup)
        g_free (role);
      else
        g_ptr_array_add (out, role);
    }

  g_ptr_array_sort (out, compare_strings);
  g_ptr_array_add (out, NULL);

  return (GStrv) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

void
wm_tutorial_set_roles (WmTutorial         *self,
                       const char * const *roles)
{
  g_auto(GStrv) normalized = NULL;

  g_return_if_fail (WM_IS_TUTORIAL (self));

  normalized = normalize_roles (roles);
  if (g_strv_equal ((const char * const *) normalized, (const char * const *) self->roles))
    return;

  g_strfreev (self->roles);
  self->roles = g_steal_pointer (&normalized);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLES]);
}

gboolean
wm_tutorial_has_role (WmTutorial *self,
                      const char *role)
{
  g_return_val_if_fail (WM_IS_TUTORIAL (self), FALSE);
  return role != NULL && g_strv_contains ((const char * const *) self->roles, role);
}

WmStatus
wm_tutorial_get_status (WmTutorial *self)
{
  g_return_val_if_fail (WM_IS_TUTORIAL (self), 0);
  return self->status;
}

void
wm_tutorial_set_status (WmTutorial *self,
                        WmStatus    status)
{
  g_return_if_fail (WM_IS_TUTORIAL (self));
  g_return_if_fail ((guint) status < WM_N_STATUSES);

  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
}

#define SCALAR_ACCESSORS(type, field, PROP)                             \
  type                                                                 \
  wm_tutorial_get_##field (WmTutorial *self)                           \
  {                                                                    \
    g_return_val_if_fail (WM_IS_TUTORIAL (self), 0);                   \
    return self->field;                                                \
  }                                                                    \
  void                                                                 \
  wm_tutorial_set_##field (WmTutorial *self, type value)               \
  {                                                                    \
    g_return_if_fail (WM_IS_TUTORIAL (self));                          \
    if (self->field != value)                                          \
      {                                                                \
        self->field = value;                                           \
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);  \
      }                                                                \
  }

SCALAR_ACCESSORS (guint, version, PROP_VERSION)
SCALAR_ACCESSORS (guint, approved_version, PROP_APPROVED_VERSION)
SCALAR_ACCESSORS (gint64, created_at, PROP_CREATED_AT)
SCALAR_ACCESSORS (gint64, updated_at, PROP_UPDATED_AT)

/* With steps loaded the list is the truth; a list row only knows the stored count. */
guint
wm_tutorial_get_n_steps (WmTutorial *self)
{
  g_return_val_if_fail (WM_IS_TUTORIAL (self), 0);

  if (self->steps_loaded)
    return g_list_model_get_n_items (G_LIST_MODEL (self->steps));

  return self->n_steps;
}

void
wm_tutorial_set_n_steps (WmTutorial *self,
                         guint       n_steps)
{
  g_return_if_fail (WM_IS_TUTORIAL (self));

  if (self->n_steps != n_steps)
    {
      self->n_steps = n_steps;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_STEPS]);
    }
}

GListModel *
wm_tutorial_get_steps (WmTutorial *self)
{
  g_return_val_if_fail (WM_IS_TUTORIAL (self), NULL);
  return G_LIST_MODEL (self->steps);
}

gboolean
wm_tutorial_get_steps_loaded (WmTutorial *self)
{
  g_return_val_if_fail (WM_IS_TUTORIAL (self), FALSE);
  return self->steps_loaded;
}

void
wm_tutorial_set_steps_loaded (WmTutorial *self,
                              gboolean    loaded)
{
  g_return_if_fail (WM_IS_TUTORIAL (self));
  self->steps_loaded = !!loaded;
}

WmStep *
wm_tutorial_get_step (WmTutorial *self,
                      guint       position)
{
  g_autoptr(WmStep) step = NULL;

  g_return_val_if_fail (WM_IS_TUTORIAL (self), NULL);

  /* Borrowed: the store keeps its reference. */
  step = g_list_model_get_item (G_LIST_MODEL (self->steps), position);
  return step;
}

static void
renumber (WmTutorial *self,
          guint       from)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->steps));

  for (guint i = from; i < n; i++)
    wm_step_set_position (wm_tutorial_get_step (self, i), i);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_STEPS]);
}

void
wm_tutorial_append_step (WmTutorial *self,
                         WmStep     *step)
{
  g_return_if_fail (WM_IS_TUTORIAL (self));

  wm_tutorial_insert_step (self, g_list_model_get_n_items (G_LIST_MODEL (self->steps)), step);
}

void
wm_tutorial_insert_step (WmTutorial *self,
                         guint       position,
                         WmStep     *step)
{
  g_return_if_fail (WM_IS_TUTORIAL (self));
  g_return_if_fail (WM_IS_STEP (step));

  position = MIN (position, g_list_model_get_n_items (G_LIST_MODEL (self->steps)));
  g_list_store_insert (self->steps, position, step);
  self->steps_loaded = TRUE;
  renumber (self, position);
}

void
wm_tutorial_remove_step (WmTutorial *self,
                         guint       position)
{
  g_return_if_fail (WM_IS_TUTORIAL (self));
  g_return_if_fail (position < g_list_model_get_n_items (G_LIST_MODEL (self->steps)));

  g_list_store_remove (self->steps, position);
  renumber (self, position);
}

void
wm_tutorial_move_step (WmTutorial *self,
                       guint       from,
                       guint       to)
{
  g_autoptr(WmStep) step = NULL;
  guint n;

  g_return_if_fail (WM_IS_TUTORIAL (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->steps));
  g_return_if_fail (from < n && to < n);

  if (from == to)
    return;

  step = g_list_model_get_item (G_LIST_MODEL (self->steps), from);
  g_list_store_remove (self->steps, from);
  g_list_store_insert (self->steps, to, step);
  renumber (self, MIN (from, to));
}

void
wm_tutorial_clear_steps (WmTutorial *self)
{
  g_return_if_fail (WM_IS_TUTORIAL (self));

  g_list_store_remove_all (self->steps);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_STEPS]);
}

/* Snapshots ------------------------------------------------------------------------- */

static const char *
nz (const char *s)
{
  return s ? s : "";
}

GVariant *
wm_step_serialize (WmStep *step)
{
  GVariantBuilder annotations;
  GPtrArray *list = wm_step_get_annotations (step);

  g_variant_builder_init (&annotations, G_VARIANT_TYPE ("a(uiiiis)"));
  for (guint i = 0; i < list->len; i++)
    {
      WmAnnotation *a = g_ptr_array_index (list, i);

      g_variant_builder_add (&annotations, "(uiiiis)",
                             wm_annotation_get_kind (a),
                             wm_annotation_get_x (a), wm_annotation_get_y (a),
                             wm_annotation_get_width (a), wm_annotation_get_height (a),
                             nz (wm_annotation_get_text (a)));
    }

  return g_variant_new (STEP_VARIANT_TYPE,
                        wm_step_get_id (step),
                        nz (wm_step_get_image_sha256 (step)),
                        wm_step_get_kind (step),
                        wm_step_get_x (step), wm_step_get_y (step),
                        wm_step_get_button (step), wm_step_get_modifiers (step),
                        nz (wm_step_get_instruction (step)),
                        wm_step_get_instruction_edited (step),
                        nz (wm_step_get_notes (step)),
                        nz (wm_step_get_target_name (step)),
                        nz (wm_step_get_target_role (step)),
                        nz (wm_step_get_app_name (step)),
                        nz (wm_step_get_window_title (step)),
                        nz (wm_step_get_text (step)),
                        wm_step_get_captured_at (step),
                        &annotations,
                        wm_step_get_target_kind (step),
                        nz (wm_step_get_container (step)),
                        wm_step_get_container_kind (step),
                        wm_step_get_incomplete (step));
}

GVariant *
wm_tutorial_serialize (WmTutorial *self)
{
  return wm_tutorial_serialize_with (self, NULL, NULL);
}

GVariant *
wm_tutorial_serialize_with (WmTutorial        *self,
                            WmStepVariantFunc  func,
                            gpointer           user_data)
{
  GVariantBuilder steps;
  guint n;

  g_return_val_if_fail (WM_IS_TUTORIAL (self), NULL);

  g_variant_builder_init (&steps, G_VARIANT_TYPE ("a" STEP_VARIANT_TYPE));
  n = g_list_model_get_n_items (G_LIST_MODEL (self->steps));
  for (guint i = 0; i < n; i++)
    {
      WmStep *step = wm_tutorial_get_step (self, i);

      g_variant_builder_add_value (&steps, func ? func (step, user_data)
                                                : wm_step_serialize (step));
    }

  return g_variant_new ("(ssssus^asuuusxx@a" STEP_VARIANT_TYPE ")",
                        self->id, nz (self->slug), self->title, nz (self->summary),
                        (guint32) self->stage, nz (self->author),
                        self->roles,
                        (guint32) self->status, self->version, self->approved_version,
                        nz (self->contributor),
                        self->created_at, self->updated_at,
                        g_variant_builder_end (&steps));
}

static gboolean
deserialize_annotations (WmStep    *step,
                         GVariant  *annotations,
                         GError   **error)
{
  GVariantIter iter;
  guint32 kind;
  gint32 x, y, w, h;
  const char *text;

  g_variant_iter_init (&iter, annotations);
  while (g_variant_iter_next (&iter, "(uiiii&s)", &kind, &x, &y, &w, &h, &text))
    {
      g_autoptr(WmAnnotation) a = NULL;

      if (kind >= WM_N_ANNOTATION_KINDS)
        {
          g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                       _("Unknown annotation kind %u"), kind);
          return FALSE;
        }

      a = wm_annotation_new (kind, x, y, w, h, wm_str_or_null (text));
      wm_step_add_annotation (step, a);
    }

  return TRUE;
}

static WmStep *
deserialize_step (GVariant  *v,
                  GError   **error)
{
  g_autoptr(WmStep) step = NULL;
  g_autoptr(GVariant) annotations = NULL;
  const char *id, *image, *instruction, *notes, *name, *role, *app, *window, *text;
  const char *container = "";
  guint32 kind, button, modifiers;
  guint32 target_kind = WM_TARGET_NONE, container_kind = WM_TARGET_NONE;
  gint32 x, y;
  gboolean edited, incomplete = FALSE;
  gint64 captured_at;

  if (g_variant_is_of_type (v, G_VARIANT_TYPE (STEP_VARIANT_TYPE_4)))
    g_variant_get (v, "(&s&suiiuu&sb&s&s&s&s&s&sx@a(uiiiis))",
                   &id, &image, &kind, &x, &y, &button, &modifiers, &instruction, &edited,
                   &notes, &name, &role, &app, &window, &text, &captured_at, &annotations);
  else
    g_variant_get (v, "(&s&suiiuu&sb&s&s&s&s&s&sx@a(uiiiis)u&sub)",
                   &id, &image, &kind, &x, &y, &button, &modifiers, &instruction, &edited,
                   &notes, &name, &role, &app, &window, &text, &captured_at, &annotations,
                   &target_kind, &container, &container_kind, &incomplete);

  if (kind >= WM_N_STEP_KINDS || target_kind >= WM_N_TARGET_KINDS ||
      container_kind >= WM_N_TARGET_KINDS || !g_uuid_string_is_valid (id))
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                   _("A step has an unknown kind or a malformed id"));
      return NULL;
    }

  step = wm_step_new (kind);
  wm_step_set_id (step, id);
  wm_step_set_image_sha256 (step, wm_str_or_null (image));
  wm_step_set_point (step, MAX (x, -1), MAX (y, -1));
  wm_step_set_button (step, button);
  wm_step_set_modifiers (step, modifiers);
  wm_step_set_generated_instruction (step, instruction);
  wm_step_set_instruction_edited (step, edited);
  wm_step_set_notes (step, notes);
  wm_step_set_target (step, name, role, app, window);
  wm_step_set_text (step, wm_str_or_null (text));
  wm_step_set_captured_at (step, captured_at);
  wm_step_set_target_kind (step, target_kind);
  wm_step_set_container (step, container, container_kind);
  wm_step_set_incomplete (step, incomplete);

  if (!deserialize_annotations (step, annotations, error))
    return NULL;

  return g_steal_pointer (&step);
}

WmTutorial *
wm_tutorial_deserialize (GVariant  *variant,
                         GError   **error)
{
  g_autoptr(WmTutorial) self = NULL;
  g_autoptr(GVariant) steps = NULL;
  g_autofree const char **roles = NULL;
  const char *id, *slug, *title, *summary, *author, *contributor;
  guint32 stage, status, version, approved_version;
  gint64 created_at, updated_at;
  GVariantIter iter;
  GVariant *child;

  g_return_val_if_fail (variant != NULL, NULL);

  if (!g_variant_is_of_type (variant, G_VARIANT_TYPE (WM_TUTORIAL_VARIANT_TYPE)) &&
      !g_variant_is_of_type (variant, G_VARIANT_TYPE (WM_TUTORIAL_VARIANT_TYPE_4)))
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                   _("Not a Waymark tutorial snapshot"));
      return NULL;
    }

  g_variant_get (variant, "(&s&s&s&su&s^a&suuu&sxx@a*)",
                 &id, &slug, &title, &summary, &stage, &author, &roles, &status, &version,
                 &approved_version, &contributor, &created_at, &updated_at, &steps);

  if (!g_uuid_string_is_valid (id) || stage >= WM_N_STAGES || status >= WM_N_STATUSES ||
      version == 0)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                   _("The tutorial snapshot has an invalid id, stage, status or version"));
      return NULL;
    }

  self = g_object_new (WM_TYPE_TUTORIAL,
                       "id", id, "slug", wm_str_or_null (slug), "title", title,
                       "summary", wm_str_or_null (summary), "stage", stage,
                       "author", wm_str_or_null (author), "roles", roles,
                       "status", status, "version", version,
                       "approved-version", approved_version,
                       "contributor", wm_str_or_null (contributor),
                       "created-at", created_at, "updated-at", updated_at,
                       NULL);

  g_variant_iter_init (&iter, steps);
  while ((child = g_variant_iter_next_value (&iter)))
    {
      g_autoptr(GVariant) owned = child;
      g_autoptr(WmStep) step = deserialize_step (owned, error);

      if (step == NULL)
        return NULL;
      wm_tutorial_append_step (self, step);
    }

  self->steps_loaded = TRUE;

  return g_steal_pointer (&self);
}
