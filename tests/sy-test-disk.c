/* sy-test-disk.c — a disk that fills up on demand, for SQLite (see the header) */
#include "config.h"

#include <errno.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "sy-test-disk.h"

typedef struct
{
  sqlite3_file  base;
  char         *shm_path;   /* main databases: their -shm file, whose size xShmMap checks */
  sqlite3_file *real;       /* the default VFS's file, allocated right after this */
} DiskFile;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs disk_vfs;
static GMutex room_lock;
static gint64 room = -1;
static guint refusals;
static GPrivate refused_here; /* this thread's last failure was ours: xGetLastError says ENOSPC */

/* Takes `wanted` bytes of room; FALSE (and counted) when there is not as much. */
static gboolean
take_room (gint64 wanted)
{
  gboolean ok;

  g_mutex_lock (&room_lock);
  ok = room < 0 || wanted <= room;
  if (ok && room >= 0)
    room -= wanted;
  if (!ok)
    {
      room = 0;
      refusals++;
    }
  g_mutex_unlock (&room_lock);

  g_private_set (&refused_here, GINT_TO_POINTER (!ok));
  if (!ok)
    errno = ENOSPC;
  return ok;
}

static int
disk_close (sqlite3_file *file)
{
  DiskFile *self = (DiskFile *) file;
  int rc = self->real->pMethods->xClose (self->real);

  g_clear_pointer (&self->shm_path, g_free);
  return rc;
}

static int
disk_read (sqlite3_file *file, void *buffer, int amount, sqlite3_int64 offset)
{
  DiskFile *self = (DiskFile *) file;

  return self->real->pMethods->xRead (self->real, buffer, amount, offset);
}

static int
disk_write (sqlite3_file *file, const void *buffer, int amount, sqlite3_int64 offset)
{
  DiskFile *self = (DiskFile *) file;
  sqlite3_int64 size = 0;
  int rc;

  rc = self->real->pMethods->xFileSize (self->real, &size);
  if (rc != SQLITE_OK)
    return rc;
  if (offset + amount > size && !take_room (offset + amount - size))
    return SQLITE_FULL;

  return self->real->pMethods->xWrite (self->real, buffer, amount, offset);
}

static int
disk_truncate (sqlite3_file *file, sqlite3_int64 size)
{
  DiskFile *self = (DiskFile *) file;

  return self->real->pMethods->xTruncate (self->real, size);
}

static int
disk_sync (sqlite3_file *file, int flags)
{
  DiskFile *self = (DiskFile *) file;

  return self->real->pMethods->xSync (self->real, flags);
}

static int
disk_file_size (sqlite3_file *file, sqlite3_int64 *size)
{
  DiskFile *self = (DiskFile *) file;

  return self->real->pMethods->xFileSize (self->real, size);
}

static int
disk_lock (sqlite3_file *file, int level)
{
  DiskFile *self = (DiskFile *) file;

  return self->real->pMethods->xLock (self->real, level);
}

static int
disk_unlock (sqlite3_file *file, int level)
{
  DiskFile *self = (DiskFile *) file;

  return self->real->pMethods->xUnlock (self->real, level);
}

static int
disk_check_reserved_lock (sqlite3_file *file, int *out)
{
  DiskFile *self = (DiskFile *) file;

  return self->real->pMethods->xCheckReservedLock (self->real, out);
}

static int
disk_file_control (sqlite3_file *file, int op, void *arg)
{
  DiskFile *self = (DiskFile *) file;

  return self->real->pMethods->xFileControl (self->real, op, arg);
}

static int
disk_sector_size (sqlite3_file *file)
{
  DiskFile *self = (DiskFile *) file;

  return self->real->pMethods->xSectorSize (self->real);
}

static int
disk_device_characteristics (sqlite3_file *file)
{
  DiskFile *self = (DiskFile *) file;

  return self->real->pMethods->xDeviceCharacteristics (self->real);
}

/* Growing the shared-memory file needs room too: a connection opened on a
 * full disk fails there first (SQLITE_IOERR_SHMSIZE). */
static int
disk_shm_map (sqlite3_file *file, int region, int size, int extend, void volatile **out)
{
  DiskFile *self = (DiskFile *) file;
  GStatBuf st;
  gint64 needed = (gint64) (region + 1) * size;

  if (extend && self->shm_path != NULL)
    {
      gint64 have = g_stat (self->shm_path, &st) == 0 ? st.st_size : 0;

      if (needed > have && !take_room (needed - have))
        {
          *out = NULL;
          return SQLITE_IOERR_SHMSIZE;
        }
    }

  return self->real->pMethods->xShmMap (self->real, region, size, extend, out);
}

static int
disk_shm_lock (sqlite3_file *file, int offset, int n, int flags)
{
  DiskFile *self = (DiskFile *) file;

  return self->real->pMethods->xShmLock (self->real, offset, n, flags);
}

static void
disk_shm_barrier (sqlite3_file *file)
{
  DiskFile *self = (DiskFile *) file;

  self->real->pMethods->xShmBarrier (self->real);
}

static int
disk_shm_unmap (sqlite3_file *file, int delete_flag)
{
  DiskFile *self = (DiskFile *) file;

  return self->real->pMethods->xShmUnmap (self->real, delete_flag);
}

static int
disk_fetch (sqlite3_file *file, sqlite3_int64 offset, int amount, void **out)
{
  DiskFile *self = (DiskFile *) file;

  return self->real->pMethods->xFetch (self->real, offset, amount, out);
}

static int
disk_unfetch (sqlite3_file *file, sqlite3_int64 offset, void *page)
{
  DiskFile *self = (DiskFile *) file;

  return self->real->pMethods->xUnfetch (self->real, offset, page);
}

static const sqlite3_io_methods disk_io_methods = {
  .iVersion = 3,
  .xClose = disk_close,
  .xRead = disk_read,
  .xWrite = disk_write,
  .xTruncate = disk_truncate,
  .xSync = disk_sync,
  .xFileSize = disk_file_size,
  .xLock = disk_lock,
  .xUnlock = disk_unlock,
  .xCheckReservedLock = disk_check_reserved_lock,
  .xFileControl = disk_file_control,
  .xSectorSize = disk_sector_size,
  .xDeviceCharacteristics = disk_device_characteristics,
  .xShmMap = disk_shm_map,
  .xShmLock = disk_shm_lock,
  .xShmBarrier = disk_shm_barrier,
  .xShmUnmap = disk_shm_unmap,
  .xFetch = disk_fetch,
  .xUnfetch = disk_unfetch,
};

static int
disk_open (sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
  DiskFile *self = (DiskFile *) file;
  int rc;

  (void) vfs;
  self->real = (sqlite3_file *) (self + 1);
  self->shm_path = NULL;
  rc = real_vfs->xOpen (real_vfs, name, self->real, flags, out_flags);
  if (self->real->pMethods == NULL)
    {
      file->pMethods = NULL;
      return rc;
    }

  if ((flags & SQLITE_OPEN_MAIN_DB) && name != NULL)
    self->shm_path = g_strconcat (name, "-shm", NULL);
  file->pMethods = &disk_io_methods;
  return rc;
}

static int
disk_delete (sqlite3_vfs *vfs, const char *name, int sync_dir)
{
  (void) vfs;
  return real_vfs->xDelete (real_vfs, name, sync_dir);
}

static int
disk_access (sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
  (void) vfs;
  return real_vfs->xAccess (real_vfs, name, flags, out);
}

static int
disk_full_pathname (sqlite3_vfs *vfs, const char *name, int n, char *out)
{
  (void) vfs;
  return real_vfs->xFullPathname (real_vfs, name, n, out);
}

static void *
disk_dl_open (sqlite3_vfs *vfs, const char *name)
{
  (void) vfs;
  return real_vfs->xDlOpen (real_vfs, name);
}

static void
disk_dl_error (sqlite3_vfs *vfs, int n, char *out)
{
  (void) vfs;
  real_vfs->xDlError (real_vfs, n, out);
}

static void (*disk_dl_sym (sqlite3_vfs *vfs, void *handle, const char *symbol)) (void)
{
  (void) vfs;
  return real_vfs->xDlSym (real_vfs, handle, symbol);
}

static void
disk_dl_close (sqlite3_vfs *vfs, void *handle)
{
  (void) vfs;
  real_vfs->xDlClose (real_vfs, handle);
}

static int
disk_randomness (sqlite3_vfs *vfs, int n, char *out)
{
  (void) vfs;
  return real_vfs->xRandomness (real_vfs, n, out);
}

static int
disk_sleep (sqlite3_vfs *vfs, int microseconds)
{
  (void) vfs;
  return real_vfs->xSleep (real_vfs, microseconds);
}

static int
disk_current_time_int64 (sqlite3_vfs *vfs, sqlite3_int64 *out)
{
  (void) vfs;
  return real_vfs->xCurrentTimeInt64 (real_vfs, out);
}

/* SQLite asks for the errno of an I/O error it reports (sqlite3_system_errno()). */
static int
disk_get_last_error (sqlite3_vfs *vfs, int n, char *out)
{
  (void) vfs;
  if (GPOINTER_TO_INT (g_private_get (&refused_here)))
    return ENOSPC;

  return real_vfs->xGetLastError (real_vfs, n, out);
}

void
sy_test_disk_install (void)
{
  if (real_vfs != NULL)
    return;

  g_assert_cmpint (sqlite3_initialize (), ==, SQLITE_OK);
  real_vfs = sqlite3_vfs_find (NULL);
  g_assert_nonnull (real_vfs);
  g_assert_cmpint (real_vfs->iVersion, >=, 2);

  disk_vfs = (sqlite3_vfs) {
    .iVersion = 2,
    .szOsFile = (int) sizeof (DiskFile) + real_vfs->szOsFile,
    .mxPathname = real_vfs->mxPathname,
    .zName = "sy-test-disk",
    .xOpen = disk_open,
    .xDelete = disk_delete,
    .xAccess = disk_access,
    .xFullPathname = disk_full_pathname,
    .xDlOpen = disk_dl_open,
    .xDlError = disk_dl_error,
    .xDlSym = disk_dl_sym,
    .xDlClose = disk_dl_close,
    .xRandomness = disk_randomness,
    .xSleep = disk_sleep,
    .xCurrentTime = real_vfs->xCurrentTime,
    .xGetLastError = disk_get_last_error,
    .xCurrentTimeInt64 = disk_current_time_int64,
  };
  g_assert_cmpint (sqlite3_vfs_register (&disk_vfs, 1), ==, SQLITE_OK);
}

void
sy_test_disk_set_room (gint64 bytes)
{
  g_mutex_lock (&room_lock);
  room = bytes;
  refusals = 0;
  g_mutex_unlock (&room_lock);
}

guint
sy_test_disk_get_refusals (void)
{
  guint n;

  g_mutex_lock (&room_lock);
  n = refusals;
  g_mutex_unlock (&room_lock);

  return n;
}
