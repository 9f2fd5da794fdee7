/* sy-test-disk.h — a disk that fills up on demand, for SQLite
 *
 * sy_test_disk_install() puts a thin SQLite VFS in front of the default one
 * and makes it the default, so that every connection opened afterwards (the
 * store's, the collections store's, readers') goes through it. It behaves
 * like the real disk until room is limited: from then on, writes that
 * would make a file longer use up the room, and once it is used up they
 * fail with SQLITE_FULL (and the errno ENOSPC), as on a full file system.
 * Writes inside a file's current length still succeed, as they do on a
 * real full disk (a WAL written over from its start needs no new blocks).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Idempotent. */
void     sy_test_disk_install      (void);
/* Bytes that files may still grow by; -1 (the default) for no limit. */
void     sy_test_disk_set_room     (gint64 bytes);
/* Writes refused for want of room since the last sy_test_disk_set_room(). */
guint    sy_test_disk_get_refusals (void);

G_END_DECLS
