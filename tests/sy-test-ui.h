/* sy-test-ui.h — helpers for UI tests: screenshots and main-loop waiting */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void     sy_test_ui_init     (int         *argc,
                              char      ***argv);
char    *sy_test_ui_save_png (GtkWidget   *widget,
                              const char  *name);
GtkWidget *sy_test_ui_find   (GtkWidget   *root,
                              const char  *id);
/* sy_test_ui_find() that fails the test when there is no such widget. */
GtkWidget *sy_test_ui_child  (gpointer     root,
                              const char  *id);
/* The first widget of `type` under `root` (depth first, `root` included),
 * or NULL. */
GtkWidget *sy_test_ui_find_type (GtkWidget *root,
                                 GType      type);
/* Types `text` into `input` (a GtkTextView or a GtkEditable), replacing
 * what it had. */
void       sy_test_ui_set_text (GtkWidget  *input,
                                const char *text);
/* The shortcut `widget`'s own controllers (its class's key bindings among
 * them) hold for `accel` ("<Control>z"), or NULL. */
GtkShortcut *sy_test_ui_find_shortcut (GtkWidget  *widget,
                                       const char *accel);
/* What pressing `accel` with the focus in `widget` does, without a real
 * key: the application's accelerator if it has one, else the key binding
 * of `widget` or of its nearest ancestor that has one. FALSE when nothing
 * is bound to `accel`. */
gboolean   sy_test_ui_press_accel (GtkWidget  *widget,
                                   const char *accel);
void     sy_test_ui_wait     (guint        msec);
/* Presses `keyval` with `modifiers` as `widget`'s own key bindings and
 * shortcut controllers take it (GTK 4 cannot make key events): runs the
 * action bound to that key. FALSE when that action did not run (disabled);
 * a key `widget` has no binding for ends the test. */
gboolean sy_test_ui_press   (GtkWidget   *widget,
                              guint        keyval,
                              GdkModifierType modifiers);
/* Spins the main loop until `condition` holds; FALSE after a bound of a few
 * times `timeout_msec` (the bound is for hung tests, not for speed). */
gboolean sy_test_ui_wait_for (gboolean   (*condition) (gpointer user_data),
                              gpointer     user_data,
                              guint        timeout_msec);
/* A visible toplevel of `type` (a dialog the code under test opened), or
 * NULL; the wait spins the main loop until one shows (NULL on timeout). */
GtkWindow *sy_test_ui_find_toplevel     (GType       type);
GtkWindow *sy_test_ui_wait_for_toplevel (GType       type,
                                         guint       timeout_msec);
/* Saves NAME-light.png, NAME-dark.png and, at `narrow_width` wide,
 * NAME-narrow.png and NAME-narrow-dark.png of `window`; then restores its
 * size and the default style. */
void     sy_test_ui_save_styles (GtkWidget  *window,
                                 const char *name,
                                 int         narrow_width);
/* Stores workflow `key` (a webhook trigger and one calculation node) and
 * `n` executions of it straight into the store of `data_dir` (before an
 * engine runs there): every third failed with reason "boom N", the others
 * resolved, each with one job, N counting from 0 oldest first. */
void     sy_test_seed_history   (const char *data_dir,
                                 const char *key,
                                 guint       n);

G_END_DECLS
