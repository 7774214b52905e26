/* zio.h — a byte stream over a file descriptor or a memory block, with
 * transparent gzip / zstd decompression chosen by the stream's magic bytes
 * (gzip 1f 8b, zstd 28 b5 2f fd), never by the file name. Concatenated gzip
 * members and zstd frames are read as one stream. */
#ifndef SR_ZIO_H
#define SR_ZIO_H
#include <stddef.h>
#include <sys/types.h>
#include "sitrep.h"

typedef struct zio zio;

typedef enum zio_codec { ZIO_PLAIN = 0, ZIO_GZIP, ZIO_ZSTD } zio_codec;

/* A stream over fd; `own` = close fd in zio_close. `name` (copied) is the file
 * named in errors. Owned: free with zio_close. NULL only on no memory. */
zio *zio_open_fd(int fd, int own, const char *name);
/* A stream over data[0..len) (borrowed for the stream's life). */
zio *zio_open_mem(const void *data, size_t len, const char *name);

/* Reads up to cap decompressed bytes into buf. Returns the count (> 0), 0 at the
 * end of the stream, -1 on an error (read error, corrupt or truncated compressed
 * data): err then names the file and the byte offset in the compressed stream.
 * After -1 or 0 every further call returns 0. */
ssize_t zio_read(zio *z, void *buf, size_t cap, sitrep_error *err);

/* The codec found (valid after the first zio_read). */
zio_codec zio_codec_of(const zio *z);
/* "gzip", "zstd" or "plain". */
const char *zio_codec_name(zio_codec c);

void zio_close(zio *z);
#endif
