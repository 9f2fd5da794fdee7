/* sy-execution-list-model.c — executions, newest first, read page by page
 *
 * The rows are split in two: `head`, executions that started after the last
 * reload (kept in memory, newest first), and the paged region, the
 * executions with an id below `top_id` that matched the filter at the
 * reload. A page is read when one of its rows is asked for, by keyset (the
 * id where the page before ended) when that page is known, by offset
 * otherwise. Only MAX_PAGES pages are kept.
 *
 * A reload reads one page and lists only its first FIRST_ROWS rows: GTK
 * 4.8's list views make a row widget for each of up to 200 rows at once,
 * which for a column view costs several times the frame that shows the
 * first rows. Each sy_execution_list_model_list_more() then lists more,
 * counting the paged region (once) first — with a text filter the count
 * reads every execution, so it is not done before the first rows show.
 *
 * Engine signals carry records the engine thread may still change, so only
 * their ids are used: the rows are read again from the store, once per
 * idle, however many signals came. A row that no longer matches the filter
 * goes (the rows after it move up, one row read to fill the gap); one that
 * starts to match shows only if it is newer than the paged region.
 * Matching is the store's (sy_execution_filter_matches), so live and paged
 * rows agree; a search also finds the reason codes whose words contain it
 * ("timed" finds "timeout", shown as "Timed out").
 */
#define G_LOG_DOMAIN "switchyard-executions"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sy-execution-format.h"
#include "sy-execution-list-model.h"

#define PAGE_SIZE  SY_EXECUTION_LIST_PAGE_SIZE
#define MAX_PAGES  64
#define FIRST_ROWS 40   /* listed at a reload: more than a tall window shows */
#define LIST_ALL   240  /* past GTK's 200 row widgets, the rest is listed at once */

struct _SyExecutionListModel
{
  GObject     parent_instance;

  SyEngine   *engine;
  SyStore    *reader;
  char       *error;

  /* filter */
  char       *key;
  gboolean    has_status;
  SyStatus    status;
  char       *text;
  char      **reasons;    /* codes whose words contain `text` */

  gint64      top_id;     /* the paged rows have ids below this; 0 = no paged rows */
  guint       n_paged;    /* a lower bound until counted */
  gboolean    counted;
  guint       n_listed;   /* paged rows in the model: the first n_listed */
  GPtrArray  *head;       /* of SyExecutionItem, newest first */
  GHashTable *pages;      /* page number → GPtrArray of SyExecutionItem */
  GQueue      recent;     /* page numbers, most recently used first */
  GHashTable *by_id;      /* id → SyExecutionItem, borrowed from head and pages */
  GHashTable *changed;    /* ids the engine signalled since the last idle */
  guint       changed_id;
  guint       reload_id;
  guint       n_pages_read;
};

static void sy_execution_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SyExecutionListModel, sy_execution_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, sy_execution_list_model_iface_init))

#define ID_KEY(id) ((gpointer) (gintptr) (id))

static void
fill_filter (SyExecutionListModel *self,
             SyExecutionFilter    *filter)
{
  memset (filter, 0, sizeof *filter);
  filter->workflow_key = self->key;
  filter->has_status = self->has_status;
  filter->status = self->status;
  filter->text = self->text;
  filter->reasons = (const char * const *) self->reasons;
}

static gboolean
ensure_reader (SyExecutionListModel *self)
{
  g_autoptr(GError) error = NULL;

  if (self->reader != NULL)
    return TRUE;
  if (self->engine == NULL || !sy_engine_is_running (self->engine))
    {
      g_free (self->error);
      self->error = g_strdup (_("The engine is not running."));
      return FALSE;
    }

  self->reader = sy_engine_open_reader (self->engine, &error);
  if (self->reader == NULL)
    {
      g_free (self->error);
      self->error = g_strdup (error->message);
      return FALSE;
    }
  return TRUE;
}

static void
forget_page (SyExecutionListModel *self,
             guint                 page)
{
  GPtrArray *items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      SyExecutionItem *item = g_ptr_array_index (items, i);
      gint64 id = sy_execution_item_get_id (item);

      if (g_hash_table_lookup (self->by_id, ID_KEY (id)) == item)
        g_hash_table_remove (self->by_id, ID_KEY (id));
    }
  g_queue_remove (&self->recent, GUINT_TO_POINTER (page));
  g_hash_table_remove (self->pages, GUINT_TO_POINTER (page));
}

static void
keep_page (SyExecutionListModel *self,
           guint                 page,
           GPtrArray            *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      SyExecutionItem *item = g_ptr_array_index (items, i);

      g_hash_table_insert (self->by_id, ID_KEY (sy_execution_item_get_id (item)), item);
    }
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);
  g_queue_push_head (&self->recent, GUINT_TO_POINTER (page));

  /* The least recently used page goes; rows on screen keep their items. */
  while (g_queue_get_length (&self->recent) > MAX_PAGES)
    forget_page (self, GPOINTER_TO_UINT (g_queue_peek_tail (&self->recent)));
}

/* Items for `rows`; the first ones are the items of `reuse` (may be
 * NULL) given their new execution. */
static GPtrArray *
wrap_rows (GPtrArray *rows,
           GPtrArray *reuse)
{
  GPtrArray *items = g_ptr_array_new_full (rows->len, g_object_unref);

  for (guint i = 0; i < rows->len; i++)
    {
      SyExecution *execution = g_ptr_array_index (rows, i);

      if (reuse != NULL && i < reuse->len)
        {
          SyExecutionItem *item = g_object_ref (g_ptr_array_index (reuse, i));

          sy_execution_item_set_execution (item, execution);
          g_ptr_array_add (items, item);
        }
      else
        g_ptr_array_add (items, sy_execution_item_new (execution));
    }
  return items;
}

static GPtrArray *
read_page (SyExecutionListModel *self,
           guint                 page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *before;
  SyExecutionFilter filter;

  if (!ensure_reader (self))
    return NULL;

  fill_filter (self, &filter);
  filter.limit = PAGE_SIZE;
  filter.before_id = self->top_id;
  before = page > 0 ? g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page - 1)) : NULL;
  if (before != NULL && before->len == PAGE_SIZE)
    /* Scrolling on: start where the page before ended (uses the index). */
    filter.before_id = sy_execution_item_get_id (g_ptr_array_index (before, PAGE_SIZE - 1));
  else
    filter.offset = page * PAGE_SIZE;

  rows = sy_store_list_executions (self->reader, &filter, &error);
  if (rows == NULL)
    {
      g_warning ("Could not read executions: %s", error->message);
      return NULL;
    }

  self->n_pages_read++;
  return wrap_rows (rows, NULL);
}

static gboolean
reload_idle (gpointer data)
{
  SyExecutionListModel *self = data;

  self->reload_id = 0;
  sy_execution_list_model_reload (self);
  return G_SOURCE_REMOVE;
}

/* ── GListModel ──────────────────────────────────────────────────────── */

static GType
sy_execution_list_model_get_item_type (GListModel *model)
{
  return SY_TYPE_EXECUTION_ITEM;
}

static guint
sy_execution_list_model_get_n_items (GListModel *model)
{
  SyExecutionListModel *self = SY_EXECUTION_LIST_MODEL (model);

  return self->head->len + self->n_listed;
}

static gpointer
sy_execution_list_model_get_item (GListModel *model,
                                  guint       position)
{
  SyExecutionListModel *self = SY_EXECUTION_LIST_MODEL (model);
  GPtrArray *items;
  guint page;
  guint index;

  if (position < self->head->len)
    return g_object_ref (g_ptr_array_index (self->head, position));
  position -= self->head->len;
  if (position >= self->n_listed)
    return NULL;

  page = position / PAGE_SIZE;
  index = position % PAGE_SIZE;
  items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (items != NULL)
    {
      /* Most recently used first. */
      g_queue_remove (&self->recent, GUINT_TO_POINTER (page));
      g_queue_push_head (&self->recent, GUINT_TO_POINTER (page));
    }
  else
    {
      items = read_page (self, page);
      if (items != NULL)
        keep_page (self, page, items);
    }

  if (items != NULL && index < items->len)
    return g_object_ref (g_ptr_array_index (items, index));

  /* Rows were deleted since the count (a workflow that deletes its
   * finished executions): show a blank row now and count again. */
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_idle, self);
  return sy_execution_item_new (NULL);
}

static void
sy_execution_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = sy_execution_list_model_get_item_type;
  iface->get_n_items = sy_execution_list_model_get_n_items;
  iface->get_item = sy_execution_list_model_get_item;
}

/* ── Following the engine ─────────────────────────────────────────────── */

static gboolean
matches (SyExecutionListModel *self,
         SyExecution          *execution)
{
  SyExecutionFilter filter;

  fill_filter (self, &filter);
  return sy_execution_filter_matches (&filter, execution);
}

/* The page and index of a paged item; FALSE when its page is not kept. */
static gboolean
find_paged (SyExecutionListModel *self,
            SyExecutionItem      *item,
            guint                *page,
            guint                *index)
{
  GHashTableIter iter;
  gpointer key;
  GPtrArray *items;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, (gpointer *) &items))
    if (g_ptr_array_find (items, item, index))
      {
        *page = GPOINTER_TO_UINT (key);
        return TRUE;
      }
  return FALSE;
}

/* The row after the last of a page that lost one, read by keyset. */
static SyExecutionItem *
read_row_after (SyExecutionListModel *self,
                GPtrArray            *items)
{
  g_autoptr(GPtrArray) rows = NULL;
  SyExecutionFilter filter;

  fill_filter (self, &filter);
  filter.limit = 1;
  filter.before_id = items->len > 0 ? sy_execution_item_get_id (g_ptr_array_index (items, items->len - 1))
                                    : self->top_id;
  rows = sy_store_list_executions (self->reader, &filter, NULL);
  if (rows == NULL || rows->len == 0)
    return NULL;
  return sy_execution_item_new (g_ptr_array_index (rows, 0));
}

/* Takes a paged row out: the first row of each following kept page moves
 * to the end of the one before, and the last page kept in that run gets
 * the next row from the store, so that every kept page stays whole. */
static void
remove_paged (SyExecutionListModel *self,
              guint                 page,
              guint                 index)
{
  guint position = page * PAGE_SIZE + index;

  for (GPtrArray *items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page)); items != NULL; page++)
    {
      GPtrArray *next = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page + 1));
      gboolean was_full = items->len == PAGE_SIZE;

      g_ptr_array_remove_index (items, index);
      index = 0;
      if (!was_full)
        break;
      if (next != NULL && next->len > 0)
        g_ptr_array_add (items, g_object_ref (g_ptr_array_index (next, 0)));
      else
        {
          SyExecutionItem *item = read_row_after (self, items);

          if (item != NULL)
            {
              g_ptr_array_add (items, item);
              g_hash_table_insert (self->by_id, ID_KEY (sy_execution_item_get_id (item)), item);
            }
          break;
        }
      items = next;
    }

  self->n_paged--;
  if (position < self->n_listed)
    {
      self->n_listed--;
      g_list_model_items_changed (G_LIST_MODEL (self), self->head->len + position, 1, 0);
    }
}

/* A row that no longer matches the filter goes. */
static void
remove_item (SyExecutionListModel *self,
             SyExecutionItem      *item)
{
  guint position;
  guint page;

  g_hash_table_remove (self->by_id, ID_KEY (sy_execution_item_get_id (item)));
  if (g_ptr_array_find (self->head, item, &position))
    {
      g_ptr_array_remove_index (self->head, position);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
    }
  else if (find_paged (self, item, &page, &position))
    remove_paged (self, page, position);
}

static void
insert_into_head (SyExecutionListModel *self,
                  SyExecution          *execution)
{
  SyExecutionItem *item = sy_execution_item_new (execution);
  guint position = 0;

  while (position < self->head->len &&
         sy_execution_item_get_id (g_ptr_array_index (self->head, position)) > execution->id)
    position++;

  g_ptr_array_insert (self->head, position, item);
  g_hash_table_insert (self->by_id, ID_KEY (execution->id), item);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gintptr x = (gintptr) a;
  gintptr y = (gintptr) b;

  return x < y ? -1 : x > y;
}

static gboolean
apply_changes (gpointer data)
{
  SyExecutionListModel *self = data;
  g_autoptr(GHashTable) changed = g_steal_pointer (&self->changed);
  g_autoptr(GList) ids = NULL;

  self->changed_id = 0;
  self->changed = g_hash_table_new (NULL, NULL);
  if (!ensure_reader (self))
    return G_SOURCE_REMOVE;

  /* Oldest first, so that each new one lands on top of the others. */
  ids = g_list_sort (g_hash_table_get_keys (changed), compare_ids);
  for (GList *l = ids; l != NULL; l = l->next)
    {
      gint64 id = (gint64) (gintptr) l->data;
      SyExecutionItem *item = g_hash_table_lookup (self->by_id, ID_KEY (id));
      g_autoptr(SyExecution) execution = sy_store_get_execution (self->reader, id, FALSE, NULL);

      /* Gone already: the workflow deletes executions that end that way. */
      if (execution == NULL)
        continue;
      if (item != NULL && !matches (self, execution))
        remove_item (self, item);
      else if (item != NULL)
        sy_execution_item_set_execution (item, execution);
      else if (id >= self->top_id && matches (self, execution))
        insert_into_head (self, execution);
    }

  return G_SOURCE_REMOVE;
}

static void
on_execution_changed (SyExecutionListModel *self,
                      SyExecution          *execution)
{
  /* Only the id: the record may still change on the engine thread. */
  g_hash_table_add (self->changed, ID_KEY (execution->id));
  if (self->changed_id == 0)
    self->changed_id = g_idle_add (apply_changes, self);
}

/* ── Object ───────────────────────────────────────────────────────────── */

static void
sy_execution_list_model_dispose (GObject *object)
{
  SyExecutionListModel *self = SY_EXECUTION_LIST_MODEL (object);

  g_clear_handle_id (&self->changed_id, g_source_remove);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  g_clear_object (&self->reader);

  G_OBJECT_CLASS (sy_execution_list_model_parent_class)->dispose (object);
}

static void
sy_execution_list_model_finalize (GObject *object)
{
  SyExecutionListModel *self = SY_EXECUTION_LIST_MODEL (object);

  g_queue_clear (&self->recent);
  g_hash_table_unref (self->by_id);
  g_hash_table_unref (self->pages);
  g_hash_table_unref (self->changed);
  g_ptr_array_unref (self->head);
  g_free (self->key);
  g_free (self->text);
  g_strfreev (self->reasons);
  g_free (self->error);

  G_OBJECT_CLASS (sy_execution_list_model_parent_class)->finalize (object);
}

static void
sy_execution_list_model_class_init (SyExecutionListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sy_execution_list_model_dispose;
  object_class->finalize = sy_execution_list_model_finalize;
}

static void
sy_execution_list_model_init (SyExecutionListModel *self)
{
  self->head = g_ptr_array_new_with_free_func (g_object_unref);
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->by_id = g_hash_table_new (NULL, NULL);
  self->changed = g_hash_table_new (NULL, NULL);
  g_queue_init (&self->recent);
}

/* Takes the key, status and text of `filter` (NULL = everything);
 * returns whether they differ from the model's. */
static gboolean
take_filter (SyExecutionListModel    *self,
             const SyExecutionFilter *filter)
{
  SyExecutionFilter none = { 0 };
  const char *text;

  if (filter == NULL)
    filter = &none;
  text = filter->text != NULL && filter->text[0] != '\0' ? filter->text : NULL;
  if (g_strcmp0 (filter->workflow_key, self->key) == 0 && g_strcmp0 (text, self->text) == 0 &&
      filter->has_status == self->has_status && (!filter->has_status || filter->status == self->status))
    return FALSE;

  g_free (self->key);
  self->key = g_strdup (filter->workflow_key);
  self->has_status = filter->has_status;
  self->status = filter->status;
  g_free (self->text);
  self->text = g_strdup (text);
  g_strfreev (self->reasons);
  self->reasons = sy_reasons_matching (text);
  return TRUE;
}

/**
 * sy_execution_list_model_new:
 * @engine: (nullable): the engine whose store is read; without one (or
 *   when it does not run) the model stays empty and says why
 * @filter: (nullable): as for sy_execution_list_model_set_filter()
 */
SyExecutionListModel *
sy_execution_list_model_new (SyEngine                *engine,
                             const SyExecutionFilter *filter)
{
  SyExecutionListModel *self = g_object_new (SY_TYPE_EXECUTION_LIST_MODEL, NULL);

  g_return_val_if_fail (engine == NULL || SY_IS_ENGINE (engine), NULL);

  take_filter (self, filter);

  if (engine != NULL)
    {
      self->engine = g_object_ref (engine);
      g_signal_connect_object (engine, "execution-started", G_CALLBACK (on_execution_changed),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (engine, "execution-updated", G_CALLBACK (on_execution_changed),
                               self, G_CONNECT_SWAPPED);
    }
  sy_execution_list_model_reload (self);

  return self;
}

void
sy_execution_list_model_set_filter (SyExecutionListModel    *self,
                                    const SyExecutionFilter *filter)
{
  g_return_if_fail (SY_IS_EXECUTION_LIST_MODEL (self));

  if (take_filter (self, filter))
    sy_execution_list_model_reload (self);
}

void
sy_execution_list_model_reload (SyExecutionListModel *self)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) on_top = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  GPtrArray *page;
  guint old_n;
  SyExecutionFilter filter;

  g_return_if_fail (SY_IS_EXECUTION_LIST_MODEL (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);
  old_n = self->head->len + self->n_listed;

  /* The items of the top rows carry the new first rows: GTK 4.8 then keeps
   * their row widgets instead of destroying them and making new ones. */
  for (guint i = 0; i < self->head->len && on_top->len < FIRST_ROWS; i++)
    g_ptr_array_add (on_top, g_object_ref (g_ptr_array_index (self->head, i)));
  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (0));
  for (guint i = 0; page != NULL && i < MIN (page->len, self->n_listed) && on_top->len < FIRST_ROWS; i++)
    g_ptr_array_add (on_top, g_object_ref (g_ptr_array_index (page, i)));

  g_ptr_array_set_size (self->head, 0);
  g_hash_table_remove_all (self->pages);
  g_hash_table_remove_all (self->by_id);
  g_queue_clear (&self->recent);
  self->n_paged = 0;
  self->n_listed = 0;
  self->counted = TRUE;
  self->top_id = 0;
  g_clear_pointer (&self->error, g_free);

  if (ensure_reader (self))
    {
      /* The first page fixes where the paged region starts; newer
       * executions will go to the head. */
      fill_filter (self, &filter);
      filter.limit = PAGE_SIZE;
      first = sy_store_list_executions (self->reader, &filter, &error);
      if (first == NULL)
        self->error = g_strdup (error->message);
    }

  if (first != NULL && first->len > 0)
    {
      self->top_id = ((SyExecution *) g_ptr_array_index (first, 0))->id + 1;
      /* A full page: there may be more, counted when they are listed. */
      self->n_paged = first->len;
      self->counted = first->len < PAGE_SIZE;
      self->n_pages_read++;
      keep_page (self, 0, wrap_rows (first, on_top));
    }

  /* In one go: GTK 4.8's list views look for the old items among every
   * new one, and there are at most FIRST_ROWS of them. */
  self->n_listed = MIN (self->n_paged, FIRST_ROWS);
  if (old_n > 0 || self->n_listed > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_listed);
}

/* Counts the paged region, once per reload. */
static void
count_paged (SyExecutionListModel *self)
{
  g_autoptr(GError) error = NULL;
  SyExecutionFilter filter;
  guint n;

  if (self->counted)
    return;
  self->counted = TRUE;
  if (!ensure_reader (self))
    return;

  fill_filter (self, &filter);
  filter.before_id = self->top_id;
  n = sy_store_count_executions (self->reader, &filter, &error);
  if (error != NULL)
    {
      g_free (self->error);
      self->error = g_strdup (error->message);
      return;
    }
  /* Fewer than listed: some were deleted since; their rows go blank and
   * the model reloads (see get_item). */
  self->n_paged = MAX (n, self->n_listed);
}

gboolean
sy_execution_list_model_list_more (SyExecutionListModel *self)
{
  guint old_n;

  g_return_val_if_fail (SY_IS_EXECUTION_LIST_MODEL (self), FALSE);

  count_paged (self);
  old_n = self->n_listed;
  if (old_n + FIRST_ROWS >= LIST_ALL)
    self->n_listed = self->n_paged;
  else
    self->n_listed = MIN (self->n_paged, old_n + FIRST_ROWS);
  if (self->n_listed > old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), self->head->len + old_n, 0, self->n_listed - old_n);

  return self->n_listed < self->n_paged;
}

gboolean
sy_execution_list_model_lists_all (SyExecutionListModel *self)
{
  g_return_val_if_fail (SY_IS_EXECUTION_LIST_MODEL (self), FALSE);

  return self->counted && self->n_listed == self->n_paged;
}

gboolean
sy_execution_list_model_get_n_matching (SyExecutionListModel *self,
                                        guint                *n_matching)
{
  g_return_val_if_fail (SY_IS_EXECUTION_LIST_MODEL (self), FALSE);

  *n_matching = self->head->len + self->n_paged;
  return self->counted;
}

void
sy_execution_list_model_get_filter (SyExecutionListModel *self,
                                    SyExecutionFilter    *filter)
{
  g_return_if_fail (SY_IS_EXECUTION_LIST_MODEL (self));
  g_return_if_fail (filter != NULL);

  fill_filter (self, filter);
}

guint
sy_execution_list_model_count (SyExecutionListModel    *self,
                               const SyExecutionFilter *filter)
{
  g_autoptr(GError) error = NULL;
  guint n;

  g_return_val_if_fail (SY_IS_EXECUTION_LIST_MODEL (self), 0);

  if (!ensure_reader (self))
    return 0;
  n = sy_store_count_executions (self->reader, filter, &error);
  if (error != NULL)
    g_warning ("Could not count executions: %s", error->message);
  return n;
}

SyExecutionItem *
sy_execution_list_model_find (SyExecutionListModel *self,
                              gint64                id)
{
  g_return_val_if_fail (SY_IS_EXECUTION_LIST_MODEL (self), NULL);

  return g_hash_table_lookup (self->by_id, ID_KEY (id));
}

const char *
sy_execution_list_model_get_error (SyExecutionListModel *self)
{
  g_return_val_if_fail (SY_IS_EXECUTION_LIST_MODEL (self), NULL);

  return self->error;
}

guint
sy_execution_list_model_get_n_pages_read (SyExecutionListModel *self)
{
  g_return_val_if_fail (SY_IS_EXECUTION_LIST_MODEL (self), 0);

  return self->n_pages_read;
}
