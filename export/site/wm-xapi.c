/* wm-xapi.c — adoption-signal statements from an LRS (libsoup) or a file, into the library
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-xapi"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "wm-xapi.h"

/* What one answer or file may hold: an LRS pages long results, so this is generous. */
#define MAX_DOCUMENT (256 * 1024 * 1024)
#define MAX_COMMENT 4000
#define PAGE_LIMIT "500"

G_DEFINE_QUARK (wm-xapi-error-quark, wm_xapi_error)

static const struct {
  const char   *iri;
  WmSignalVerb  verb;
} verbs[] = {
  { "http://adlnet.gov/expapi/verbs/launched", WM_SIGNAL_LAUNCHED },
  /* An LMS package (cmi5) starts with initialized: the same signal. */
  { "http://adlnet.gov/expapi/verbs/initialized", WM_SIGNAL_LAUNCHED },
  { "http://adlnet.gov/expapi/verbs/progressed", WM_SIGNAL_PROGRESSED },
  { "http://adlnet.gov/expapi/verbs/completed", WM_SIGNAL_COMPLETED },
  { "http://adlnet.gov/expapi/verbs/terminated", WM_SIGNAL_TERMINATED },
  { "http://adlnet.gov/expapi/verbs/responded", WM_SIGNAL_RESPONDED },
};

static const char *
member_string (JsonObject *obj,
               const char *name)
{
  JsonNode *node = obj ? json_object_get_member (obj, name) : NULL;

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

static JsonObject *
member_object (JsonObject *obj,
               const char *name)
{
  JsonNode *node = obj ? json_object_get_member (obj, name) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gint64
member_int (JsonObject *obj,
            const char *name,
            gint64      fallback)
{
  JsonNode *node = obj ? json_object_get_member (obj, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64: return json_node_get_int (node);
    case G_TYPE_DOUBLE: return (gint64) json_node_get_double (node);
    default: return fallback;
    }
}

static gboolean
lookup_verb (JsonObject   *statement,
             WmSignalVerb *verb)
{
  const char *iri = member_string (member_object (statement, "verb"), "id");

  for (guint i = 0; iri && i < G_N_ELEMENTS (verbs); i++)
    if (g_str_equal (iri, verbs[i].iri))
      {
        *verb = verbs[i].verb;
        return TRUE;
      }

  return FALSE;
}

/* ISO 8601 duration (PnDTnHnMn.nS, what xAPI sends) in milliseconds; -1 if it is not one. */
static gint64
parse_duration (const char *text)
{
  double total = 0, value;
  gboolean in_time = FALSE;
  const char *p = text;
  char *end;

  if (p == NULL || *p++ != 'P')
    return -1;
  while (*p)
    {
      if (*p == 'T')
        {
          in_time = TRUE;
          p++;
          continue;
        }
      value = g_ascii_strtod (p, &end);
      if (end == p || value < 0)
        return -1;
      switch (*end)
        {
        case 'D': total += value * 86400; break;
        case 'H': total += value * 3600; break;
        case 'M': total += in_time ? value * 60 : value * 30 * 86400; break;
        case 'S': total += value; break;
        default: return -1;
        }
      p = end + 1;
    }

  return total < 1e9 ? (gint64) (total * 1000) : -1;
}

static gint64
parse_time (const char *text)
{
  g_autoptr(GDateTime) when = text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;

  return when ? g_date_time_to_unix (when) * G_USEC_PER_SEC + g_date_time_get_microsecond (when) : 0;
}

/* The reader as an opaque key: a hash of the actor's identifier, never the identifier. */
static char *
actor_key (JsonObject *statement)
{
  JsonObject *actor = member_object (statement, "actor");
  JsonObject *account = member_object (actor, "account");
  g_autofree char *ifi = NULL;

  if (account != NULL && member_string (account, "name"))
    ifi = g_strconcat ("account:", member_string (account, "homePage") ?: "", "|",
                       member_string (account, "name"), NULL);
  else if (member_string (actor, "mbox"))
    ifi = g_strconcat ("mbox:", member_string (actor, "mbox"), NULL);
  else if (member_string (actor, "mbox_sha1sum"))
    ifi = g_strconcat ("sha1:", member_string (actor, "mbox_sha1sum"), NULL);
  else if (member_string (actor, "openid"))
    ifi = g_strconcat ("openid:", member_string (actor, "openid"), NULL);
  else
    return NULL;

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, ifi, -1);
}

static char *
clean_comment (const char *text)
{
  g_autofree char *valid = NULL;
  const char *end;

  if (text == NULL || *text == '\0')
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  if (strlen (valid) <= MAX_COMMENT)
    return g_steal_pointer (&valid);

  /* Cut at a character boundary, not inside one. */
  end = g_utf8_find_prev_char (valid, valid + MAX_COMMENT + 1);
  return g_strndup (valid, end - valid);
}

static void
read_response (WmSignal   *signal,
               JsonObject *result)
{
  const char *response = member_string (result, "response");

  if (g_strcmp0 (response, "yes") == 0)
    signal->helpful = 1;
  else if (g_strcmp0 (response, "no") == 0)
    signal->helpful = 0;
  signal->comment = clean_comment (member_string (member_object (result, "extensions"),
                                                  WM_XAPI_EXTENSION "comment"));
}

static WmSignal *
parse_statement (JsonObject *statement)
{
  JsonObject *ext = member_object (member_object (statement, "context"), "extensions");
  JsonObject *result = member_object (statement, "result");
  const char *tutorial = member_string (ext, WM_XAPI_EXTENSION "tutorial");
  const char *id = member_string (statement, "id");
  g_autoptr(WmSignal) signal = wm_signal_new ();
  WmSignalVerb verb;

  if (id == NULL || !g_uuid_string_is_valid (id) || tutorial == NULL ||
      !g_uuid_string_is_valid (tutorial) || !lookup_verb (statement, &verb) ||
      !(signal->actor = actor_key (statement)))
    return NULL;

  signal->id = g_ascii_strdown (id, -1);
  signal->tutorial_id = g_strdup (tutorial);
  signal->verb = verb;
  signal->version = CLAMP (member_int (ext, WM_XAPI_EXTENSION "version", 0), 0, G_MAXINT);
  signal->step = CLAMP (member_int (ext, WM_XAPI_EXTENSION "step", 0), 0, 100000);
  signal->duration_ms = parse_duration (member_string (result, "duration"));
  signal->at = parse_time (member_string (statement, "timestamp")) ?:
               parse_time (member_string (statement, "stored"));
  if (verb == WM_SIGNAL_RESPONDED)
    read_response (signal, result);

  return g_steal_pointer (&signal);
}

GPtrArray *
wm_xapi_parse (JsonNode  *root,
               guint     *n_skipped,
               GError   **error)
{
  g_autoptr(GPtrArray) signals = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_signal_free);
  JsonArray *list = NULL;
  guint skipped = 0;

  if (root && JSON_NODE_HOLDS_OBJECT (root) &&
      json_object_has_member (json_node_get_object (root), "statements"))
    root = json_object_get_member (json_node_get_object (root), "statements");

  if (root && JSON_NODE_HOLDS_ARRAY (root))
    list = json_node_get_array (root);
  else if (!root || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, WM_XAPI_ERROR, WM_XAPI_ERROR_INVALID,
                           _("This is not a list of xAPI statements"));
      return NULL;
    }

  for (guint i = 0, n = list ? json_array_get_length (list) : 1; i < n; i++)
    {
      JsonNode *node = list ? json_array_get_element (list, i) : root;
      WmSignal *signal = JSON_NODE_HOLDS_OBJECT (node)
                         ? parse_statement (json_node_get_object (node)) : NULL;

      if (signal != NULL)
        g_ptr_array_add (signals, signal);
      else
        skipped++;
    }

  if (n_skipped != NULL)
    *n_skipped = skipped;
  return g_steal_pointer (&signals);
}

static JsonNode *
parse_document (const char  *data,
                gsize        len,
                const char  *name,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;

  if (len > MAX_DOCUMENT)
    {
      g_set_error (error, WM_XAPI_ERROR, WM_XAPI_ERROR_INVALID,
                   _("“%s” is larger than %d MB of statements"), name,
                   MAX_DOCUMENT / (1024 * 1024));
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      g_set_error (error, WM_XAPI_ERROR, WM_XAPI_ERROR_INVALID,
                   _("“%s” is not JSON: %s"), name, local_error->message);
      return NULL;
    }

  return json_node_ref (json_parser_get_root (parser));
}

gboolean
wm_xapi_import_file (WmStore  *store,
                     GFile    *file,
                     guint    *n_added,
                     guint    *n_skipped,
                     GError  **error)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) signals = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!(bytes = g_file_load_bytes (file, NULL, NULL, &local_error)))
    {
      g_set_error (error, WM_XAPI_ERROR, WM_XAPI_ERROR_FAILED, _("Cannot read “%s”: %s"), name,
                   local_error->message);
      return FALSE;
    }
  if (!(root = parse_document (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), name,
                               error)) ||
      !(signals = wm_xapi_parse (root, n_skipped, error)))
    return FALSE;

  return wm_store_add_signals (store, signals, n_added, error);
}

/* Pulling -------------------------------------------------------------------------------- */

typedef struct {
  SoupSession *session;
  char        *auth;
  char        *newest;   /* the newest "stored" seen */
  guint        added, read;
} Pull;

char *
wm_xapi_auth_for_key (const char *key)
{
  g_autofree char *b64 = NULL;

  g_return_val_if_fail (key != NULL, NULL);

  /* "KEY:SECRET" is a client's pair; anything else is its Basic credentials already. */
  if (strchr (key, ':') == NULL)
    return g_strconcat ("Basic ", key, NULL);
  b64 = g_base64_encode ((const guchar *) key, strlen (key));
  return g_strconcat ("Basic ", b64, NULL);
}

static char *
auth_header (const WmXapiPull *pull)
{
  g_autofree char *pair = NULL;

  if (pull->key != NULL)
    return wm_xapi_auth_for_key (pull->key);
  if (pull->username == NULL)
    return NULL;
  pair = g_strconcat (pull->username, ":", pull->password ?: "", NULL);
  return wm_xapi_auth_for_key (pair);
}

static char *
cursor_key (const char *endpoint)
{
  return g_strconcat ("signals.since ", endpoint, NULL);
}

static void
note_stored (Pull       *p,
             JsonNode   *root)
{
  JsonObject *obj = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonNode *list = obj ? json_object_get_member (obj, "statements") : NULL;

  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    return;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (list), i);
      const char *stored = JSON_NODE_HOLDS_OBJECT (node)
                           ? member_string (json_node_get_object (node), "stored") : NULL;

      /* ISO 8601 in UTC compares as text only when both are; compare as times. */
      if (stored && parse_time (stored) > parse_time (p->newest))
        {
          g_free (p->newest);
          p->newest = g_strdup (stored);
        }
    }
}

static JsonNode *
fetch_page (Pull          *p,
            const char    *url,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) local_error = NULL;
  guint status;

  if (msg == NULL)
    {
      g_set_error (error, WM_XAPI_ERROR, WM_XAPI_ERROR_FAILED,
                   _("“%s” is not a web address of an LRS"), url);
      return NULL;
    }
  soup_message_headers_append (soup_message_get_request_headers (msg),
                               "X-Experience-API-Version", "1.0.3");
  if (p->auth != NULL)
    soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization",
                                 p->auth);

  body = soup_session_send_and_read (p->session, msg, cancellable, &local_error);
  status = soup_message_get_status (msg);
  if (body == NULL || status != SOUP_STATUS_OK)
    {
      g_set_error (error, WM_XAPI_ERROR, WM_XAPI_ERROR_UNREACHABLE,
                   _("The LRS at %s did not give its statements: %s"), url,
                   local_error ? local_error->message : soup_status_get_phrase (status));
      return NULL;
    }

  return parse_document (g_bytes_get_data (body, NULL), g_bytes_get_size (body), url, error);
}

static char *
first_url (const WmXapiPull *pull,
           const char       *since)
{
  g_autoptr(GString) url = g_string_new (pull->endpoint);

  if (!g_str_has_suffix (url->str, "/"))
    g_string_append_c (url, '/');
  g_string_append (url, "statements?ascending=true&limit=" PAGE_LIMIT);
  if (since != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (since, NULL, FALSE);
      g_string_append_printf (url, "&since=%s", escaped);
    }
  return g_string_free (g_steal_pointer (&url), FALSE);
}

/* "more" is relative to the LRS's host (xAPI 2.1.3): resolve it against the endpoint. */
static char *
more_url (const char *endpoint,
          JsonNode   *root)
{
  const char *more = JSON_NODE_HOLDS_OBJECT (root)
                     ? member_string (json_node_get_object (root), "more") : NULL;

  if (more == NULL || *more == '\0')
    return NULL;
  return g_uri_resolve_relative (endpoint, more, G_URI_FLAGS_NONE, NULL);
}

static gboolean
pull_pages (WmStore          *store,
            const WmXapiPull *pull,
            Pull             *p,
            const char       *since,
            GCancellable     *cancellable,
            GError          **error)
{
  g_autofree char *url = first_url (pull, since);

  while (url != NULL)
    {
      g_autoptr(JsonNode) root = fetch_page (p, url, cancellable, error);
      g_autoptr(GPtrArray) signals = NULL;
      guint added = 0, skipped = 0;

      if (root == NULL || !(signals = wm_xapi_parse (root, &skipped, error)) ||
          !wm_store_add_signals (store, signals, &added, error))
        return FALSE;
      p->added += added;
      p->read += signals->len + skipped;
      note_stored (p, root);
      g_free (url);
      url = signals->len + skipped > 0 ? more_url (pull->endpoint, root) : NULL;
    }

  return TRUE;
}

gboolean
wm_xapi_pull (WmStore          *store,
              const WmXapiPull *pull,
              guint            *n_added,
              guint            *n_read,
              GCancellable     *cancellable,
              GError          **error)
{
  g_autofree char *key = NULL, *since = NULL;
  Pull p = { 0 };
  gboolean ok;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (pull != NULL && pull->endpoint != NULL, FALSE);

  key = cursor_key (pull->endpoint);
  since = pull->since ? g_strdup (pull->since) : wm_store_get_setting (store, key);
  p.session = soup_session_new_with_options ("timeout", 60, "user-agent",
                                             "Waymark/" PACKAGE_VERSION, NULL);
  p.auth = auth_header (pull);

  ok = pull_pages (store, pull, &p, since, cancellable, error);
  /* What was kept stays kept; the cursor moves only past what was read whole. */
  if (ok && p.newest != NULL && !wm_store_set_setting (store, key, p.newest, error))
    ok = FALSE;
  if (n_added != NULL)
    *n_added = p.added;
  if (n_read != NULL)
    *n_read = p.read;

  g_object_unref (p.session);
  g_free (p.auth);
  g_free (p.newest);
  return ok;
}
