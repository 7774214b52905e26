/* zio.c — byte streams with transparent gzip/zstd decompression.
 *
 * The compressed input is buffered in `in` (for a memory source, `in` simply
 * points at the caller's block: no copy). Plain file data bypasses the buffer
 * once the magic-byte peek has been consumed, so a plain read is one read(2)
 * straight into the caller's buffer.
 *
 * An error found after some output was produced in the same call is kept
 * pending: the call returns the good bytes, the next call returns -1. That is
 * what lets a reader hand out everything decoded before the damage. */
#include "zio.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "err.h"

enum { ZIO_INBUF = 256 * 1024 };

enum zio_state { ZS_OK = 0, ZS_PENDING, ZS_DONE };

struct zio {
    int fd, own;
    int is_mem;
    unsigned char *in;          /* compressed input (owned unless is_mem) */
    size_t in_pos, in_len, in_cap;
    size_t in_base;             /* stream offset of in[0] */
    int in_eof;
    int detected;
    zio_codec codec;
    enum zio_state state;
    sitrep_error pend;          /* the error kept for the next call */
    /* gzip */
    z_stream zs;
    int zs_init;
    int member_done;            /* a gzip member ended; another may follow */
    /* zstd */
    ZSTD_DStream *zd;
    size_t zret;                /* last ZSTD_decompressStream result; 0 = frame done */
    char name[256];
};

static zio *zio_new(const char *name)
{
    zio *z = calloc(1, sizeof *z);
    if (!z) return NULL;
    z->fd = -1;
    snprintf(z->name, sizeof z->name, "%s", name ? name : "");
    return z;
}

zio *zio_open_fd(int fd, int own, const char *name)
{
    zio *z = zio_new(name);
    if (!z) return NULL;
    z->in = malloc(ZIO_INBUF);
    if (!z->in) { free(z); return NULL; }
    z->in_cap = ZIO_INBUF;
    z->fd = fd;
    z->own = own;
    return z;
}

zio *zio_open_mem(const void *data, size_t len, const char *name)
{
    zio *z = zio_new(name);
    if (!z) return NULL;
    z->is_mem = 1;
    z->in = (unsigned char *)(uintptr_t)data; /* never written: is_mem */
    z->in_len = z->in_cap = len;
    z->in_eof = 1;
    return z;
}

void zio_close(zio *z)
{
    if (!z) return;
    if (z->zs_init) inflateEnd(&z->zs);
    if (z->zd) ZSTD_freeDStream(z->zd);
    if (!z->is_mem) free(z->in);
    if (z->own && z->fd >= 0) close(z->fd);
    free(z);
}

zio_codec zio_codec_of(const zio *z) { return z->codec; }

const char *zio_codec_name(zio_codec c)
{
    return c == ZIO_GZIP ? "gzip" : c == ZIO_ZSTD ? "zstd" : "plain";
}

/* Reads more compressed input after the unread bytes. Returns the bytes added,
 * 0 at end of input, -1 on a read error (err set). */
static ssize_t fill_in(zio *z, sitrep_error *err)
{
    if (z->in_eof) return 0;
    if (z->in_pos > 0) {
        memmove(z->in, z->in + z->in_pos, z->in_len - z->in_pos);
        z->in_base += z->in_pos;
        z->in_len -= z->in_pos;
        z->in_pos = 0;
    }
    for (;;) {
        ssize_t n = read(z->fd, z->in + z->in_len, z->in_cap - z->in_len);
        if (n > 0) { z->in_len += (size_t)n; return n; }
        if (n == 0) { z->in_eof = 1; return 0; }
        if (errno == EINTR) continue;
        err_set(err, SITREP_ERR_IO, z->name, 0, z->in_base + z->in_len,
                "read error: %s", strerror(errno));
        return -1;
    }
}

/* Finds the codec from the first bytes (waits for 4 bytes or the end). */
static int detect(zio *z, sitrep_error *err)
{
    while (z->in_len - z->in_pos < 4 && !z->in_eof)
        if (fill_in(z, err) < 0) return -1;
    const unsigned char *p = z->in + z->in_pos;
    size_t n = z->in_len - z->in_pos;
    z->detected = 1;
    if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b) {
        z->codec = ZIO_GZIP;
        memset(&z->zs, 0, sizeof z->zs);
        if (inflateInit2(&z->zs, 15 + 16) != Z_OK)
            return err_set(err, SITREP_ERR_NOMEM, z->name, 0, SIZE_MAX, "cannot start gzip"), -1;
        z->zs_init = 1;
    } else if (n >= 4 && p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd) {
        z->codec = ZIO_ZSTD;
        z->zd = ZSTD_createDStream();
        if (!z->zd)
            return err_set(err, SITREP_ERR_NOMEM, z->name, 0, SIZE_MAX, "cannot start zstd"), -1;
        ZSTD_initDStream(z->zd);
        z->zret = 1;
    } else {
        z->codec = ZIO_PLAIN;
    }
    return 0;
}

/* Ends the stream with an error: returned now when nothing was produced in
 * this call, else kept for the next call. */
static ssize_t fail(zio *z, size_t produced, sitrep_error *err, const sitrep_error *e)
{
    if (produced) {
        z->pend = *e;
        z->state = ZS_PENDING;
        return (ssize_t)produced;
    }
    if (err) *err = *e;
    z->state = ZS_DONE;
    return -1;
}

static ssize_t read_plain(zio *z, unsigned char *buf, size_t cap, sitrep_error *err)
{
    if (z->in_pos < z->in_len) {
        size_t n = z->in_len - z->in_pos;
        if (n > cap) n = cap;
        memcpy(buf, z->in + z->in_pos, n);
        z->in_pos += n;
        return (ssize_t)n;
    }
    if (z->in_eof) { z->state = ZS_DONE; return 0; }
    for (;;) {
        ssize_t n = read(z->fd, buf, cap);
        if (n > 0) { z->in_base += (size_t)n; return n; }
        if (n == 0) { z->in_eof = 1; z->state = ZS_DONE; return 0; }
        if (errno == EINTR) continue;
        sitrep_error e;
        err_set(&e, SITREP_ERR_IO, z->name, 0, z->in_base, "read error: %s", strerror(errno));
        return fail(z, 0, err, &e);
    }
}

static ssize_t read_gzip(zio *z, unsigned char *buf, size_t cap, sitrep_error *err)
{
    sitrep_error e;
    z->zs.next_out = buf;
    z->zs.avail_out = cap > UINT32_MAX ? UINT32_MAX : (uInt)cap;
    size_t want = z->zs.avail_out;
    while (z->zs.avail_out > 0) {
        size_t produced = want - z->zs.avail_out;
        if (z->member_done) {
            /* another member, or the end (trailing bytes are an error) */
            while (z->in_len - z->in_pos < 2 && !z->in_eof) {
                ssize_t r = fill_in(z, &e);
                if (r < 0) return fail(z, produced, err, &e);
            }
            size_t left = z->in_len - z->in_pos;
            if (left == 0) {
                if (produced) return (ssize_t)produced;
                z->state = ZS_DONE;
                return 0;
            }
            if (left >= 2 && z->in[z->in_pos] == 0x1f && z->in[z->in_pos + 1] == 0x8b) {
                inflateReset(&z->zs);
                z->member_done = 0;
                continue;
            }
            err_set(&e, SITREP_ERR_INPUT, z->name, 0, z->in_base + z->in_pos,
                    "trailing garbage after gzip stream at byte %zu", z->in_base + z->in_pos);
            return fail(z, produced, err, &e);
        }
        if (z->in_pos == z->in_len) {
            ssize_t r = fill_in(z, &e);
            if (r < 0) return fail(z, produced, err, &e);
            if (r == 0) {
                size_t at = z->in_base + z->in_len;
                err_set(&e, SITREP_ERR_INPUT, z->name, 0, at, "truncated gzip stream at byte %zu", at);
                return fail(z, produced, err, &e);
            }
        }
        size_t avail = z->in_len - z->in_pos;
        z->zs.next_in = z->in + z->in_pos;
        z->zs.avail_in = avail > UINT32_MAX ? UINT32_MAX : (uInt)avail;
        uInt before = z->zs.avail_in;
        int ret = inflate(&z->zs, Z_NO_FLUSH);
        z->in_pos += before - z->zs.avail_in;
        if (ret == Z_STREAM_END) {
            z->member_done = 1;
        } else if (ret == Z_BUF_ERROR) {
            /* no progress possible: more input is needed (handled above) */
            if (z->in_pos != z->in_len) {
                size_t at = z->in_base + z->in_pos;
                err_set(&e, SITREP_ERR_INPUT, z->name, 0, at, "invalid gzip data at byte %zu", at);
                return fail(z, produced, err, &e);
            }
        } else if (ret != Z_OK) {
            size_t at = z->in_base + z->in_pos;
            err_set(&e, ret == Z_MEM_ERROR ? SITREP_ERR_NOMEM : SITREP_ERR_INPUT, z->name, 0, at,
                    "invalid gzip data at byte %zu: %s", at, z->zs.msg ? z->zs.msg : "corrupt stream");
            return fail(z, produced, err, &e);
        }
    }
    return (ssize_t)want;
}

static ssize_t read_zstd(zio *z, unsigned char *buf, size_t cap, sitrep_error *err)
{
    sitrep_error e;
    ZSTD_outBuffer ob = { buf, cap, 0 };
    while (ob.pos < ob.size) {
        if (z->in_pos == z->in_len) {
            ssize_t r = fill_in(z, &e);
            if (r < 0) return fail(z, ob.pos, err, &e);
            if (r == 0) {
                /* 0 = the last frame is decoded and flushed; else flush what
                 * the decoder still holds, then judge the end */
                if (z->zret != 0) {
                    ZSTD_inBuffer none = { z->in, 0, 0 };
                    size_t before = ob.pos;
                    size_t ret = ZSTD_decompressStream(z->zd, &ob, &none);
                    if (!ZSTD_isError(ret)) z->zret = ret;
                    if (ob.pos > before) continue;
                }
                if (z->zret == 0) {
                    if (ob.pos) return (ssize_t)ob.pos;
                    z->state = ZS_DONE;
                    return 0;
                }
                size_t at = z->in_base + z->in_len;
                err_set(&e, SITREP_ERR_INPUT, z->name, 0, at, "truncated zstd stream at byte %zu", at);
                return fail(z, ob.pos, err, &e);
            }
        }
        ZSTD_inBuffer ib = { z->in, z->in_len, z->in_pos };
        size_t ret = ZSTD_decompressStream(z->zd, &ob, &ib);
        z->in_pos = ib.pos;
        if (ZSTD_isError(ret)) {
            size_t at = z->in_base + z->in_pos;
            err_set(&e, SITREP_ERR_INPUT, z->name, 0, at, "invalid zstd data at byte %zu: %s",
                    at, ZSTD_getErrorName(ret));
            return fail(z, ob.pos, err, &e);
        }
        z->zret = ret;
    }
    return (ssize_t)ob.pos;
}

ssize_t zio_read(zio *z, void *buf, size_t cap, sitrep_error *err)
{
    if (z->state == ZS_DONE) return 0;
    if (z->state == ZS_PENDING) {
        if (err) *err = z->pend;
        z->state = ZS_DONE;
        return -1;
    }
    if (cap == 0) return 0;
    if (!z->detected && detect(z, err) < 0) { z->state = ZS_DONE; return -1; }
    switch (z->codec) {
    case ZIO_GZIP: return read_gzip(z, buf, cap, err);
    case ZIO_ZSTD: return read_zstd(z, buf, cap, err);
    default: return read_plain(z, buf, cap, err);
    }
}
