/* sy-trigger-file.c — a file appeared, changed, vanished or moved in a folder
 *
 * Always asynchronous. A GFileMonitor per watched folder (and per subfolder
 * when recursive). Events of one path are debounced: a file still being
 * written fires once, `debounce` ms after the last event. A folder that is
 * missing or unreadable is logged once and looked for again every few
 * seconds until it is back.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "nodes/sy-node-helpers.h"
#include "sy-engine.h"
#include "triggers/sy-trigger-checks.h"
#include "triggers/sy-triggers.h"

static const char * const events[] = { "created", "changed", "deleted", "moved", NULL };

static const SyFieldSpec fields[] = {
  { .name = "folder", .label = N_("Folder"), .kind = SY_FIELD_TEXT, .required = TRUE,
    .description = N_("An absolute path, or one starting with ~/") },
  { .name = "events", .label = N_("Events"), .kind = SY_FIELD_LIST, .choices = events,
    .default_json = "[\"created\"]", .required = TRUE },
  { .name = "pattern", .label = N_("File name pattern"), .kind = SY_FIELD_TEXT,
    .description = N_("A glob such as *.pdf; empty means every file") },
  { .name = "recursive", .label = N_("Include subfolders"), .kind = SY_FIELD_SWITCH,
    .default_json = "false" },
  { .name = "debounce", .label = N_("Quiet time (ms)"), .kind = SY_FIELD_INTEGER,
    .description = N_("A file fires once it has not changed for this long"), .default_json = "500" },
  { NULL }
};

static const char * const context_fields[] = { "event", "path", "name", "size", "modified", NULL };

static void
validate (SyWorkflow   *workflow,
          SyValidation *validation)
{
  JsonObject *config = sy_workflow_get_trigger_config (workflow);
  const char *folder = sy_trigger_check_string (config, "folder", TRUE, validation);

  /* A relative path would depend on where the app happened to start. */
  if (folder != NULL && !g_path_is_absolute (folder) && !g_str_has_prefix (folder, "~/")
      && !g_str_equal (folder, "~"))
    sy_validation_add (validation, "folder",
                       _("“%s” is not an absolute path (start it with / or ~/)"), folder);

  sy_trigger_check_string_list (config, "events", events, TRUE, validation);
  sy_trigger_check_string (config, "pattern", FALSE, validation);
  sy_check_boolean (config, "recursive", validation);
  sy_trigger_check_integer (config, "debounce", 0, 600000, NULL, validation);
}

static JsonNode *
sample_context (SyWorkflow *workflow)
{
  JsonNode *folder = json_object_get_member (sy_workflow_get_trigger_config (workflow), "folder");
  const char *directory = folder != NULL && JSON_NODE_HOLDS_VALUE (folder)
                          && json_node_get_value_type (folder) == G_TYPE_STRING
                            ? json_node_get_string (folder)
                            : "~/Documents";
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *modified = g_date_time_format_iso8601 (now);
  g_autofree char *path = g_build_filename (directory, "report.pdf", NULL);
  JsonNode *sample = sy_trigger_sample_from_text (
    "{\"event\": \"created\", \"name\": \"report.pdf\", \"size\": 48213}");
  JsonObject *context = json_node_get_object (sample);

  json_object_set_string_member (context, "path", path);
  json_object_set_string_member (context, "modified", modified);

  return sample;
}

/* ── Live watching ─────────────────────────────────────────────────────── */

#define DEFAULT_DEBOUNCE_MS 500
#define RETRY_MS            3000

typedef struct
{
  SyEngine     *engine;       /* not a reference: stopped before the engine goes */
  gint64        version_id;
  char         *key;
  GFile        *folder;
  GPatternSpec *pattern;      /* NULL = every file */
  guint         events;       /* bits of `events` above */
  gboolean      recursive;
  guint         debounce_ms;
  GMainContext *context;
  GHashTable   *monitors;     /* GFile (folder) → GFileMonitor */
  GHashTable   *pending;      /* path → Pending */
  GHashTable   *vanished;     /* paths created and gone before they settled */
  GSource      *retry;
  gboolean      warned;
} Watch;

typedef struct
{
  Watch   *watch;
  char    *path;
  char    *previous;          /* moved: where it came from */
  guint    event;             /* index in `events` */
  GSource *timer;
} Pending;

enum { EVENT_CREATED, EVENT_CHANGED, EVENT_DELETED, EVENT_MOVED };

/* How a folder came to be watched: the chosen folder itself, a subfolder
 * that was there when watching began, or one that appeared while watching
 * (whose files may have arrived before its monitor did). */
typedef enum {
  FOLDER_TOP,
  FOLDER_EXISTING,
  FOLDER_NEW,
} FolderOrigin;

static void watch_folder (Watch *watch, GFile *folder, FolderOrigin origin);
static void schedule_retry (Watch *watch);

static void
pending_free (Pending *pending)
{
  if (pending->timer != NULL)
    {
      g_source_destroy (pending->timer);
      g_source_unref (pending->timer);
    }
  g_free (pending->path);
  g_free (pending->previous);
  g_free (pending);
}

static void
monitor_free (GFileMonitor *monitor)
{
  g_signal_handlers_disconnect_matched (monitor, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                        g_object_get_data (G_OBJECT (monitor), "sy-watch"));
  g_file_monitor_cancel (monitor);
  g_object_unref (monitor);
}

static void
fire_pending (Watch   *watch,
              Pending *pending)
{
  g_autoptr(GFile) file = g_file_new_for_path (pending->path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(JsonObject) context = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *name = g_file_get_basename (file);

  if (pending->event != EVENT_DELETED)
    info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                              G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                              G_FILE_QUERY_INFO_NONE, NULL, NULL);

  /* A temporary file renamed into place after a slow write (fsync) settles
   * before its rename is seen; its rename or deletion, still on the way,
   * decides what it was. */
  if (pending->event == EVENT_CREATED && info == NULL)
    {
      if (g_hash_table_size (watch->vanished) > 1024)
        g_hash_table_remove_all (watch->vanished);
      g_hash_table_add (watch->vanished, g_strdup (pending->path));
      return;
    }

  if (watch->pattern != NULL && !g_pattern_spec_match_string (watch->pattern, name))
    return;
  if ((watch->events & (1u << pending->event)) == 0)
    return;

  json_object_set_string_member (context, "event", events[pending->event]);
  json_object_set_string_member (context, "path", pending->path);
  json_object_set_string_member (context, "name", name);
  if (pending->previous != NULL)
    json_object_set_string_member (context, "previousPath", pending->previous);

  if (info != NULL)
    {
      g_autoptr(GDateTime) modified = g_file_info_get_modification_date_time (info);
      g_autoptr(GDateTime) utc = modified != NULL ? g_date_time_to_utc (modified) : NULL;
      g_autofree char *text = utc != NULL ? g_date_time_format_iso8601 (utc) : NULL;

      /* Folders have no events of their own here, only their files. */
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        return;
      json_object_set_int_member (context, "size", g_file_info_get_size (info));
      if (text != NULL)
        json_object_set_string_member (context, "modified", text);
      else
        json_object_set_null_member (context, "modified");
    }
  else
    {
      json_object_set_null_member (context, "size");
      json_object_set_null_member (context, "modified");
    }

  node = json_node_init_object (json_node_alloc (), context);
  sy_engine_trigger (watch->engine, watch->version_id, node, NULL, NULL, NULL);
}

static gboolean
pending_settled (gpointer data)
{
  Pending *pending = data;
  Watch *watch = pending->watch;

  g_clear_pointer (&pending->timer, g_source_unref);
  fire_pending (watch, pending);
  g_hash_table_remove (watch->pending, pending->path);

  return G_SOURCE_REMOVE;
}

/* Folds a new event of a path into what is waiting for it: a file created
 * and then written is "created"; created and deleted again is nothing. */
static void
note_event (Watch      *watch,
            const char *path,
            const char *previous,
            guint       event)
{
  Pending *pending = g_hash_table_lookup (watch->pending, path);

  if (event == EVENT_DELETED && g_hash_table_remove (watch->vanished, path))
    return;

  if (pending == NULL)
    {
      pending = g_new0 (Pending, 1);
      pending->watch = watch;
      pending->path = g_strdup (path);
      pending->event = event;
      g_hash_table_insert (watch->pending, pending->path, pending);
    }
  else if (event == EVENT_DELETED && pending->event == EVENT_CREATED)
    {
      g_hash_table_remove (watch->pending, path);
      return;
    }
  else if (event != EVENT_CHANGED || pending->event == EVENT_DELETED)
    pending->event = event;

  if (previous != NULL)
    {
      g_free (pending->previous);
      pending->previous = g_strdup (previous);
    }

  if (pending->timer != NULL)
    {
      g_source_destroy (pending->timer);
      g_source_unref (pending->timer);
    }
  pending->timer = g_timeout_source_new (watch->debounce_ms);
  g_source_set_name (pending->timer, "[switchyard] file trigger debounce");
  g_source_set_callback (pending->timer, pending_settled, pending, NULL);
  g_source_attach (pending->timer, watch->context);
}

/* A file written under a temporary name and renamed into place (what
 * g_file_set_contents() and most editors do) is one "created" of the final
 * name, not a created temporary file and a move. */
static void
note_rename (Watch      *watch,
             const char *from,
             const char *to)
{
  Pending *pending = g_hash_table_lookup (watch->pending, from);
  gboolean created = (pending != NULL && pending->event == EVENT_CREATED)
                     || g_hash_table_remove (watch->vanished, from);

  if (pending != NULL)
    g_hash_table_remove (watch->pending, from);

  if (created)
    note_event (watch, to, NULL, EVENT_CREATED);
  else
    note_event (watch, to, from, EVENT_MOVED);
}

static void
lose_folder (Watch *watch)
{
  g_autofree char *path = g_file_get_path (watch->folder);

  g_warning ("Files trigger of “%s”: the folder %s is gone; looking for it again every %d seconds",
             watch->key, path, RETRY_MS / 1000);
  watch->warned = TRUE;
  g_hash_table_remove_all (watch->monitors);
  schedule_retry (watch);
}

static void
on_changed (GFileMonitor      *monitor,
            GFile             *file,
            GFile             *other,
            GFileMonitorEvent  type,
            gpointer           data)
{
  Watch *watch = data;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *other_path = other != NULL ? g_file_get_path (other) : NULL;

  if (g_file_equal (file, watch->folder)
      && (type == G_FILE_MONITOR_EVENT_DELETED || type == G_FILE_MONITOR_EVENT_UNMOUNTED
          || type == G_FILE_MONITOR_EVENT_MOVED_OUT || type == G_FILE_MONITOR_EVENT_RENAMED))
    {
      lose_folder (watch);
      return;
    }

  switch (type)
    {
    case G_FILE_MONITOR_EVENT_CREATED:
      if (watch->recursive && g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
        watch_folder (watch, file, FOLDER_NEW);
      note_event (watch, path, NULL, EVENT_CREATED);
      break;
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
      note_event (watch, path, NULL, EVENT_CHANGED);
      break;
    case G_FILE_MONITOR_EVENT_DELETED:
      g_hash_table_remove (watch->monitors, file);
      note_event (watch, path, NULL, EVENT_DELETED);
      break;
    case G_FILE_MONITOR_EVENT_RENAMED:
      g_hash_table_remove (watch->monitors, file);
      if (other_path != NULL)
        note_rename (watch, path, other_path);
      break;
    case G_FILE_MONITOR_EVENT_MOVED_IN:
      note_event (watch, path, other_path, EVENT_MOVED);
      break;
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
      g_hash_table_remove (watch->monitors, file);
      note_event (watch, other_path != NULL ? other_path : path, path, EVENT_MOVED);
      break;
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    default:
      break;
    }
}

/* Watches `folder` (and, when recursive, its subfolders). */
static void
watch_folder (Watch        *watch,
              GFile        *folder,
              FolderOrigin  origin)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileEnumerator) children = NULL;
  GFileMonitor *monitor;

  if (g_hash_table_contains (watch->monitors, folder))
    return;

  monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (monitor == NULL)
    {
      g_autofree char *path = g_file_get_path (folder);

      if (origin != FOLDER_TOP)
        g_warning ("Files trigger of “%s”: cannot watch %s: %s", watch->key, path, error->message);
      return;
    }
  /* The monitor's own rate limit (800 ms) would hold back "changed" past
   * our quiet time; debouncing here is enough. */
  g_file_monitor_set_rate_limit (monitor, 0);
  g_object_set_data (G_OBJECT (monitor), "sy-watch", watch);
  g_signal_connect (monitor, "changed", G_CALLBACK (on_changed), watch);
  g_hash_table_insert (watch->monitors, g_object_ref (folder), monitor);

  if (!watch->recursive)
    return;

  children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;

      if (!g_file_enumerator_iterate (children, &info, &child, NULL, NULL) || info == NULL)
        break;
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        watch_folder (watch, child, origin == FOLDER_NEW ? FOLDER_NEW : FOLDER_EXISTING);
      else if (origin == FOLDER_NEW)
        {
          /* Written before this folder's monitor existed (a copied tree). */
          g_autofree char *path = g_file_get_path (child);

          note_event (watch, path, NULL, EVENT_CREATED);
        }
    }
}

/* TRUE when the folder is a readable directory and is now watched. */
static gboolean
try_watch (Watch   *watch,
           GError **error)
{
  g_autoptr(GFileInfo) info = g_file_query_info (watch->folder,
                                                 G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_ACCESS_CAN_READ,
                                                 G_FILE_QUERY_INFO_NONE, NULL, error);
  g_autofree char *path = g_file_get_path (watch->folder);

  if (info == NULL)
    return FALSE;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY, _("%s is not a folder"), path);
      return FALSE;
    }
  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ)
      && !g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, _("%s is not readable"), path);
      return FALSE;
    }

  watch_folder (watch, watch->folder, FOLDER_TOP);
  if (!g_hash_table_contains (watch->monitors, watch->folder))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s cannot be watched"), path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
retry (gpointer data)
{
  Watch *watch = data;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&watch->retry, g_source_unref);
  if (try_watch (watch, &error))
    {
      g_autofree char *path = g_file_get_path (watch->folder);

      if (watch->warned)
        g_message ("Files trigger of “%s”: watching %s again", watch->key, path);
      watch->warned = FALSE;
    }
  else
    schedule_retry (watch);

  return G_SOURCE_REMOVE;
}

static void
schedule_retry (Watch *watch)
{
  if (watch->retry != NULL)
    return;
  watch->retry = g_timeout_source_new (RETRY_MS);
  g_source_set_name (watch->retry, "[switchyard] file trigger retry");
  g_source_set_callback (watch->retry, retry, watch, NULL);
  g_source_attach (watch->retry, watch->context);
}

static char *
expand_folder (const char *folder)
{
  if (g_str_equal (folder, "~"))
    return g_strdup (g_get_home_dir ());
  if (g_str_has_prefix (folder, "~/"))
    return g_build_filename (g_get_home_dir (), folder + 2, NULL);
  return g_strdup (folder);
}

static void
watch_free (Watch *watch)
{
  if (watch->retry != NULL)
    {
      g_source_destroy (watch->retry);
      g_source_unref (watch->retry);
    }
  g_hash_table_unref (watch->pending);
  g_hash_table_unref (watch->vanished);
  g_hash_table_unref (watch->monitors);
  g_clear_pointer (&watch->pattern, g_pattern_spec_free);
  g_clear_object (&watch->folder);
  g_main_context_unref (watch->context);
  g_free (watch->key);
  g_free (watch);
}

static gpointer
start (SyEngine   *engine,
       SyWorkflow *workflow,
       GError    **error)
{
  JsonObject *config = sy_workflow_get_trigger_config (workflow);
  const char *folder = json_object_get_string_member_with_default (config, "folder", NULL);
  const char *pattern = json_object_get_string_member_with_default (config, "pattern", NULL);
  JsonArray *chosen = json_object_has_member (config, "events")
                      ? json_object_get_array_member (config, "events") : NULL;
  g_autoptr(GError) watch_error = NULL;
  g_autofree char *expanded = NULL;
  Watch *watch;

  if (folder == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("trigger.config.folder: required"));
      return NULL;
    }

  expanded = expand_folder (folder);
  watch = g_new0 (Watch, 1);
  watch->engine = engine;
  watch->version_id = sy_workflow_get_version_id (workflow);
  watch->key = g_strdup (sy_workflow_get_key (workflow));
  watch->folder = g_file_new_for_path (expanded);
  watch->pattern = pattern != NULL && *pattern != '\0' ? g_pattern_spec_new (pattern) : NULL;
  watch->recursive = json_object_get_boolean_member_with_default (config, "recursive", FALSE);
  watch->debounce_ms = (guint) json_object_get_int_member_with_default (config, "debounce", DEFAULT_DEBOUNCE_MS);
  watch->context = g_main_context_ref_thread_default ();
  watch->monitors = g_hash_table_new_full (g_file_hash, (GEqualFunc) g_file_equal, g_object_unref,
                                           (GDestroyNotify) monitor_free);
  watch->pending = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) pending_free);
  watch->vanished = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; chosen != NULL && i < json_array_get_length (chosen); i++)
    for (guint e = 0; events[e] != NULL; e++)
      if (g_strcmp0 (json_array_get_string_element (chosen, i), events[e]) == 0)
        watch->events |= 1u << e;
  if (chosen == NULL)
    watch->events = 1u << EVENT_CREATED;

  if (!try_watch (watch, &watch_error))
    {
      g_warning ("Files trigger of “%s”: %s; looking for it again every %d seconds",
                 watch->key, watch_error->message, RETRY_MS / 1000);
      watch->warned = TRUE;
      schedule_retry (watch);
    }

  return watch;
}

static void
stop (gpointer handle)
{
  watch_free (handle);
}

static const SyTriggerKind kind = {
  .type = "file",
  .title = N_("Files in a folder"),
  .description = N_("Runs when a file is created, changed, deleted or moved in a folder"),
  .icon_name = "folder-symbolic",
  .mode = SY_TRIGGER_MODE_ASYNC,
  .fields = fields,
  .context_fields = context_fields,
  .validate = validate,
  .sample_context = sample_context,
  .start = start,
  .stop = stop,
};

const SyTriggerKind *
sy_trigger_file_get_kind (void)
{
  return &kind;
}
