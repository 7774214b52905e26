/* ingest.c — article readers: JSONL, plain text and HTML over files,
 * directories, standard input and memory, through zio (gzip/zstd by magic).
 *
 * Memory is constant in the number of articles: one line buffer (grown to the
 * longest line and kept), one scratch buffer, and per directory level of the
 * walk the sorted names of that directory only.
 *
 * JSONL speed: a line is found with memchr inside the read buffer and parsed
 * where it lies. A hand-written parser handles the common shape (one flat
 * object of strings, numbers, booleans and nulls) and unescapes `text` straight
 * into the document's arena — the only copy of the text. Anything it does not
 * accept (nested values, odd numbers, every error) goes to jansson, which also
 * writes the error messages; the fast path therefore never changes a verdict,
 * it only avoids jansson's per-value mallocs and second copy. */
#include "ingest.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc.h"
#include "err.h"
#include "html.h"
#include "utf8.h"
#include "zio.h"

enum { LINEBUF_INIT = 64 * 1024 };

/* One directory of the walk: its entries sorted byte-wise, directories with a
 * trailing '/' so that depth-first order equals the sorted order of the full
 * relative paths ("a-b" < "a.txt" < "a/x"). */
typedef struct dir_level {
    char **names;
    size_t n, i;
    size_t prefix;              /* length of the relative path of this directory */
} dir_level;

struct sitrep_reader {
    sitrep_input kind;          /* as asked */
    char *root;                 /* the path as given */
    int is_dir;
    int single_pending;         /* a single stream opened but not started */
    VEC(dir_level) stack;
    char *rel;                  /* relative path of the current entry */
    size_t rel_cap;

    /* current stream */
    zio *z;
    char *file;                 /* err.file: path as given / full path */
    char *id;                   /* text/HTML id */
    sitrep_input cur_kind;
    size_t lineno;
    int whole_done;             /* text/HTML article handed out */
    int has_pend;               /* an error to report on the next call */
    sitrep_error pend;

    /* line buffer: unread data is buf[start..end), memchr resumes at scan */
    char *buf;
    size_t cap, start, end, scan;
    int eof;

    char *scratch;              /* UTF-8 repair and small unescapes */
    size_t scap;
    html_page page;
};

/* ------------------------------------------------------------ small helpers */

static int ext_is(const char *name, size_t n, const char *ext)
{
    size_t e = strlen(ext);
    if (n < e) return 0;
    for (size_t i = 0; i < e; i++) {
        char c = name[n - e + i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (c != ext[i]) return 0;
    }
    return 1;
}

/* Length of name without a trailing .gz / .zst. */
static size_t strip_compression(const char *name, size_t n)
{
    if (ext_is(name, n, ".gz") && n > 3) return n - 3;
    if (ext_is(name, n, ".zst") && n > 4) return n - 4;
    return n;
}

sitrep_input ingest_kind_for(const char *name)
{
    size_t n = strip_compression(name, strlen(name));
    if (ext_is(name, n, ".jsonl") || ext_is(name, n, ".ndjson") || ext_is(name, n, ".json"))
        return SITREP_INPUT_JSONL;
    if (ext_is(name, n, ".html") || ext_is(name, n, ".htm")) return SITREP_INPUT_HTML;
    return SITREP_INPUT_TEXT;
}

int ingest_valid_date(const char *s, size_t n)
{
    if (n != 10 || s[4] != '-' || s[7] != '-') return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return 0;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (y < 1 || m < 1 || m > 12 || d < 1) return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= mdays[m - 1] + (m == 2 && leap);
}

static char *xstrdup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static int scratch_reserve(sitrep_reader *r, size_t need)
{
    if (need <= r->scap) return 0;
    size_t cap = r->scap ? r->scap : 4096;
    while (cap < need) {
        if (cap > SIZE_MAX / 2) return -1;
        cap *= 2;
    }
    char *p = realloc(r->scratch, cap);
    if (!p) return -1;
    r->scratch = p;
    r->scap = cap;
    return 0;
}

static void warn_repaired(sitrep_doc *doc, size_t nbad)
{
    if (nbad)
        sitrep_doc_warn(doc, "%zu invalid UTF-8 sequence%s replaced by U+FFFD",
                        nbad, nbad == 1 ? "" : "s");
}

/* ------------------------------------------------------------ streams */

static void close_current(sitrep_reader *r)
{
    zio_close(r->z);
    r->z = NULL;
    free(r->file);
    free(r->id);
    r->file = r->id = NULL;
    r->has_pend = 0;
}

/* Makes z the current stream: file = err.file, idname = the name the id and the
 * AUTO kind come from. Takes z even on failure. */
static int start_stream(sitrep_reader *r, zio *z, const char *file, const char *idname,
                        sitrep_input autokind, sitrep_error *err)
{
    close_current(r);
    r->z = z;
    size_t idn = strip_compression(idname, strlen(idname));
    r->file = xstrdup(file, strlen(file));
    r->id = xstrdup(idname, idn);
    if (!r->file || !r->id) {
        close_current(r);
        err_set(err, SITREP_ERR_NOMEM, file, 0, SIZE_MAX, "out of memory");
        return -1;
    }
    r->cur_kind = r->kind != SITREP_INPUT_AUTO ? r->kind : autokind;
    r->lineno = 0;
    r->whole_done = 0;
    r->has_pend = 0;
    r->start = r->end = r->scan = 0;
    r->eof = 0;
    return 0;
}

static int open_file_stream(sitrep_reader *r, const char *path, const char *idname,
                            sitrep_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        err_set(err, SITREP_ERR_IO, path, 0, SIZE_MAX, "cannot open: %s", strerror(errno));
        return -1;
    }
    zio *z = zio_open_fd(fd, 1, path);
    if (!z) {
        close(fd);
        err_set(err, SITREP_ERR_NOMEM, path, 0, SIZE_MAX, "out of memory");
        return -1;
    }
    return start_stream(r, z, path, idname, ingest_kind_for(idname), err);
}

/* ------------------------------------------------------------ directory walk */

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b); /* unsigned bytes: C11 7.24.4 */
}

static void level_free(dir_level *lv)
{
    for (size_t i = 0; i < lv->n; i++) free(lv->names[i]);
    free(lv->names);
    lv->names = NULL;
    lv->n = lv->i = 0;
}

/* root + "/" + rel[0..n) into a fresh string. */
static char *full_path(const sitrep_reader *r, size_t n)
{
    size_t rl = strlen(r->root);
    int slash = rl > 0 && r->root[rl - 1] != '/';
    if (n > 0 && r->rel[n - 1] == '/') n--; /* a directory: no trailing '/' */
    char *p = malloc(rl + 1 + n + 1);
    if (!p) return NULL;
    memcpy(p, r->root, rl);
    if (slash && n) p[rl++] = '/';
    memcpy(p + rl, r->rel, n);
    p[rl + n] = '\0';
    return p;
}

/* Lists the directory at relative path rel[0..prefix) as a new level. */
static int push_level(sitrep_reader *r, size_t prefix, sitrep_error *err)
{
    char *path = full_path(r, prefix);
    if (!path) return err_set(err, SITREP_ERR_NOMEM, r->root, 0, SIZE_MAX, "out of memory"), -1;
    DIR *d = opendir(path);
    if (!d) {
        err_set(err, SITREP_ERR_IO, path, 0, SIZE_MAX, "cannot open directory: %s", strerror(errno));
        free(path);
        return -1;
    }
    dir_level lv = { .prefix = prefix };
    size_t cap = 0;
    struct dirent *de;
    int rc = 0;
    while ((de = readdir(d)) != NULL) {
        const char *nm = de->d_name;
        if (nm[0] == '.') continue; /* hidden, "." and ".." */
        struct stat st;
        if (fstatat(dirfd(d), nm, &st, 0) != 0) continue; /* dangling link */
        int is_dir = S_ISDIR(st.st_mode);
        if (is_dir) {
            struct stat lst; /* do not follow links to directories: no cycles */
            if (fstatat(dirfd(d), nm, &lst, AT_SYMLINK_NOFOLLOW) != 0 || S_ISLNK(lst.st_mode))
                continue;
        } else if (!S_ISREG(st.st_mode)) {
            continue;
        }
        if (lv.n == cap) {
            size_t nc = cap ? cap * 2 : 16;
            char **v = realloc(lv.names, nc * sizeof *v);
            if (!v) { rc = -1; break; }
            lv.names = v;
            cap = nc;
        }
        size_t len = strlen(nm);
        char *s = malloc(len + 2);
        if (!s) { rc = -1; break; }
        memcpy(s, nm, len);
        if (is_dir) s[len++] = '/';
        s[len] = '\0';
        lv.names[lv.n++] = s;
    }
    closedir(d);
    dir_level *slot = rc == 0 ? vec_push(r->stack) : NULL;
    if (!slot) {
        level_free(&lv);
        err_set(err, SITREP_ERR_NOMEM, path, 0, SIZE_MAX, "out of memory");
        free(path);
        return -1;
    }
    free(path);
    qsort(lv.names, lv.n, sizeof *lv.names, name_cmp);
    *slot = lv;
    return 0;
}

static int rel_set(sitrep_reader *r, size_t prefix, const char *name)
{
    size_t n = strlen(name);
    if (prefix + n + 1 > r->rel_cap) {
        size_t cap = (prefix + n + 1) * 2;
        char *p = realloc(r->rel, cap);
        if (!p) return -1;
        r->rel = p;
        r->rel_cap = cap;
    }
    memcpy(r->rel + prefix, name, n + 1);
    return 0;
}

/* Opens the next file. 1 opened, 0 no more, -1 error (err set; call again). */
static int open_next(sitrep_reader *r, sitrep_error *err)
{
    if (!r->is_dir) {
        if (!r->single_pending) return 0;
        r->single_pending = 0;
        return 1;
    }
    while (r->stack.n) {
        dir_level *lv = &r->stack.v[r->stack.n - 1];
        if (lv->i == lv->n) {
            level_free(lv);
            r->stack.n--;
            continue;
        }
        const char *name = lv->names[lv->i++];
        size_t prefix = lv->prefix;
        if (rel_set(r, prefix, name) < 0)
            return err_set(err, SITREP_ERR_NOMEM, r->root, 0, SIZE_MAX, "out of memory"), -1;
        size_t n = prefix + strlen(name);
        if (r->rel[n - 1] == '/') {
            if (push_level(r, n, err) < 0) return -1;
            continue;
        }
        char *path = full_path(r, n);
        if (!path) return err_set(err, SITREP_ERR_NOMEM, r->root, 0, SIZE_MAX, "out of memory"), -1;
        int rc = open_file_stream(r, path, r->rel, err);
        free(path);
        return rc < 0 ? -1 : 1;
    }
    return 0;
}

/* ------------------------------------------------------------ open / close */

static sitrep_reader *reader_new(const char *root, sitrep_input kind, sitrep_error *err)
{
    if ((unsigned)kind > SITREP_INPUT_HTML) {
        err_set(err, SITREP_ERR_USAGE, root, 0, SIZE_MAX, "unknown input kind %d", (int)kind);
        return NULL;
    }
    sitrep_reader *r = calloc(1, sizeof *r);
    if (r) r->root = xstrdup(root, strlen(root));
    if (!r || !r->root) {
        free(r);
        err_set(err, SITREP_ERR_NOMEM, root, 0, SIZE_MAX, "out of memory");
        return NULL;
    }
    r->kind = kind;
    return r;
}

sitrep_reader *sitrep_reader_open(const char *path, sitrep_input kind, sitrep_error *err)
{
    sitrep_error_clear(err);
    if (!path || !*path) {
        err_set(err, SITREP_ERR_USAGE, NULL, 0, SIZE_MAX, "no input path");
        return NULL;
    }
    sitrep_reader *r = reader_new(path, kind, err);
    if (!r) return NULL;
    int rc;
    if (strcmp(path, "-") == 0) {
        zio *z = zio_open_fd(STDIN_FILENO, 0, "-");
        rc = z ? start_stream(r, z, "-", "-", SITREP_INPUT_TEXT, err)
               : (err_set(err, SITREP_ERR_NOMEM, "-", 0, SIZE_MAX, "out of memory"), -1);
        r->single_pending = 1;
    } else {
        struct stat st;
        if (stat(path, &st) != 0) {
            err_set(err, SITREP_ERR_IO, path, 0, SIZE_MAX, "cannot open: %s", strerror(errno));
            rc = -1;
        } else if (S_ISDIR(st.st_mode)) {
            r->is_dir = 1;
            rc = rel_set(r, 0, "") < 0
                     ? (err_set(err, SITREP_ERR_NOMEM, path, 0, SIZE_MAX, "out of memory"), -1)
                     : push_level(r, 0, err);
        } else {
            const char *base = strrchr(path, '/');
            base = base ? base + 1 : path;
            rc = open_file_stream(r, path, base, err);
            r->single_pending = 1;
        }
    }
    if (rc < 0) {
        sitrep_reader_close(r);
        return NULL;
    }
    return r;
}

sitrep_reader *ingest_open_mem(const char *name, const void *data, size_t len,
                               sitrep_input kind, sitrep_error *err)
{
    sitrep_error_clear(err);
    if (!name) name = "";
    sitrep_reader *r = reader_new(name, kind, err);
    if (!r) return NULL;
    zio *z = zio_open_mem(data, len, name);
    if (!z) {
        err_set(err, SITREP_ERR_NOMEM, name, 0, SIZE_MAX, "out of memory");
        sitrep_reader_close(r);
        return NULL;
    }
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    if (start_stream(r, z, name, base, ingest_kind_for(base), err) < 0) {
        sitrep_reader_close(r);
        return NULL;
    }
    r->single_pending = 1;
    return r;
}

void sitrep_reader_close(sitrep_reader *r)
{
    if (!r) return;
    close_current(r);
    for (size_t i = 0; i < r->stack.n; i++) level_free(&r->stack.v[i]);
    vec_free(r->stack);
    html_page_free(&r->page);
    free(r->rel);
    free(r->buf);
    free(r->scratch);
    free(r->root);
    free(r);
}

/* ------------------------------------------------------------ reading */

/* Ensures room to read into buf; keeps unread data. 0 ok, -1 no memory. */
static int buf_room(sitrep_reader *r)
{
    if (r->start > 0) {
        memmove(r->buf, r->buf + r->start, r->end - r->start);
        r->end -= r->start;
        r->scan -= r->start;
        r->start = 0;
    }
    if (r->end < r->cap) return 0;
    size_t cap = r->cap ? r->cap * 2 : LINEBUF_INIT;
    if (cap < r->cap) return -1;
    char *p = realloc(r->buf, cap);
    if (!p) return -1;
    r->buf = p;
    r->cap = cap;
    return 0;
}

/* Next line (without '\n'). 1 line, 0 end of stream, -1 stream error (err set;
 * the unterminated rest before the damage is dropped). */
static int get_line(sitrep_reader *r, const char **line, size_t *len, sitrep_error *err)
{
    for (;;) {
        char *nl = r->scan < r->end ? memchr(r->buf + r->scan, '\n', r->end - r->scan) : NULL;
        if (nl) {
            *line = r->buf + r->start;
            *len = (size_t)(nl - *line);
            r->start = r->scan = (size_t)(nl - r->buf) + 1;
            return 1;
        }
        r->scan = r->end;
        if (r->eof) {
            if (r->start < r->end) {
                *line = r->buf + r->start;
                *len = r->end - r->start;
                r->start = r->scan = r->end;
                return 1;
            }
            return 0;
        }
        if (buf_room(r) < 0) {
            err_set(err, SITREP_ERR_NOMEM, r->file, r->lineno + 1, SIZE_MAX,
                    "out of memory for a line of %zu bytes", r->end - r->start);
            r->eof = 1;
            r->start = r->scan = r->end;
            return -1;
        }
        ssize_t n = zio_read(r->z, r->buf + r->end, r->cap - r->end, err);
        if (n < 0) {
            r->eof = 1;
            r->start = r->scan = r->end;
            return -1;
        }
        if (n == 0) r->eof = 1;
        r->end += (size_t)n;
    }
}

/* ------------------------------------------------------------ JSONL fast path */

enum { F_ABSENT = 0, F_SET, F_NULL };

typedef struct jrec {
    char *f[SITREP_FIELD_COUNT];  /* id, date, title, url, source: arena, unescaped */
    size_t flen[SITREP_FIELD_COUNT];
    int ftype[SITREP_FIELD_COUNT];
    char *text;                   /* in the doc's arena */
    size_t text_len, text_nul;
    int have_text;
} jrec;

static int is_ws(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static long hex4(const char *s)
{
    long v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval((unsigned char)s[i]);
        if (h < 0) return -1;
        v = v * 16 + h;
    }
    return v;
}

/* Finds the closing quote of a string whose body starts at p, checking it as
 * jansson would (no raw control characters, valid escapes, paired surrogates).
 * NULL when the string is bad or unterminated. *esc = 1 when it has escapes. */
static const char *scan_string(const char *p, const char *e, int *esc)
{
    *esc = 0;
    for (;;) {
        /* the common run: plain bytes */
        while (p < e && (unsigned char)*p >= 0x20 && *p != '"' && *p != '\\') p++;
        if (p >= e || (unsigned char)*p < 0x20) return NULL;
        if (*p == '"') return p;
        *esc = 1;
        if (e - p < 2) return NULL;
        char c = p[1];
        p += 2;
        if (c == 'u') {
            long cp = e - p >= 4 ? hex4(p) : -1;
            if (cp < 0 || (cp >= 0xDC00 && cp <= 0xDFFF)) return NULL;
            p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (e - p < 6 || p[0] != '\\' || p[1] != 'u') return NULL;
                long lo = hex4(p + 2);
                if (lo < 0xDC00 || lo > 0xDFFF) return NULL;
                p += 6;
            }
        } else if (!strchr("\"\\/bfnrt", c) || c == '\0') {
            return NULL;
        }
    }
}

/* Unescapes a JSON string body s[0..n) into out (room n + 1). \u0000 becomes
 * U+FFFD (counted in *nnul). Returns the length, or -1 on a bad escape or a
 * lone surrogate (jansson then reports it). */
static ptrdiff_t unescape(const char *s, size_t n, char *out, size_t *nnul)
{
    size_t o = 0;
    const char *e = s + n;
    while (s < e) {
        const char *bs = memchr(s, '\\', (size_t)(e - s));
        size_t run = bs ? (size_t)(bs - s) : (size_t)(e - s);
        memcpy(out + o, s, run);
        o += run;
        s += run;
        if (!bs) break;
        if (s + 1 >= e) return -1;
        char c = s[1];
        s += 2;
        switch (c) {
        case '"': out[o++] = '"'; break;
        case '\\': out[o++] = '\\'; break;
        case '/': out[o++] = '/'; break;
        case 'b': out[o++] = '\b'; break;
        case 'f': out[o++] = '\f'; break;
        case 'n': out[o++] = '\n'; break;
        case 'r': out[o++] = '\r'; break;
        case 't': out[o++] = '\t'; break;
        case 'u': {
            if (e - s < 4) return -1;
            long cp = hex4(s);
            if (cp < 0) return -1;
            s += 4;
            if (cp >= 0xDC00 && cp <= 0xDFFF) return -1;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (e - s < 6 || s[0] != '\\' || s[1] != 'u') return -1;
                long lo = hex4(s + 2);
                if (lo < 0xDC00 || lo > 0xDFFF) return -1;
                s += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            if (cp == 0) { cp = 0xFFFD; (*nnul)++; }
            o += (size_t)utf8_encode((uint32_t)cp, out + o);
            break;
        }
        default: return -1;
        }
    }
    out[o] = '\0';
    return (ptrdiff_t)o;
}

/* A JSON number at p; sets *end. *small_int = 1 for an integer of at most 18
 * digits without sign (safe to copy as the id). NULL when the grammar fails or
 * the value could overflow jansson (long integers, exponents). */
static const char *scan_number(const char *p, const char *e, int *small_int)
{
    const char *s = p;
    int neg = 0;
    *small_int = 0;
    if (p < e && *p == '-') { neg = 1; p++; }
    if (p >= e) return NULL;
    if (*p == '0') p++;
    else if (*p >= '1' && *p <= '9') while (p < e && *p >= '0' && *p <= '9') p++;
    else return NULL;
    size_t idigits = (size_t)(p - s) - (size_t)neg;
    int frac = 0;
    if (p < e && *p == '.') {
        p++;
        const char *d = p;
        while (p < e && *p >= '0' && *p <= '9') p++;
        if (p == d) return NULL;
        frac = 1;
    }
    if (p < e && (*p == 'e' || *p == 'E')) return NULL; /* leave exponents to jansson */
    if (idigits > 18) return NULL;
    if (p - s > 64) return NULL;
    *small_int = !frac && !neg;
    return p;
}

/* Skips one JSON value at p (after white space) and returns its end, or NULL
 * when it is not plain valid JSON by the rules above (escaped keys, exponents,
 * long integers, nesting deeper than 32 also give NULL: jansson decides). */
static const char *skip_value(const char *p, const char *e)
{
    char stack[32];
    int sp = 0, esc, small;
    for (;;) {
        /* a value */
        while (p < e && is_ws((unsigned char)*p)) p++;
        if (p >= e) return NULL;
        char c = *p;
        if (c == '{' || c == '[') {
            p++;
            while (p < e && is_ws((unsigned char)*p)) p++;
            if (p < e && *p == (c == '{' ? '}' : ']')) {
                p++;
            } else {
                if (sp == (int)sizeof stack) return NULL;
                stack[sp++] = c;
                if (c == '{') {
                    if (p >= e || *p != '"') return NULL;
                    const char *ke = scan_string(p + 1, e, &esc);
                    if (!ke || esc) return NULL;
                    p = ke + 1;
                    while (p < e && is_ws((unsigned char)*p)) p++;
                    if (p >= e || *p != ':') return NULL;
                    p++;
                }
                continue;
            }
        } else if (c == '"') {
            const char *ve = scan_string(p + 1, e, &esc);
            if (!ve) return NULL;
            p = ve + 1;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            if (!(p = scan_number(p, e, &small))) return NULL;
        } else if (c == 't' && e - p >= 4 && memcmp(p, "true", 4) == 0) {
            p += 4;
        } else if (c == 'f' && e - p >= 5 && memcmp(p, "false", 5) == 0) {
            p += 5;
        } else if (c == 'n' && e - p >= 4 && memcmp(p, "null", 4) == 0) {
            p += 4;
        } else {
            return NULL;
        }
        /* after a value: close containers, or go on to the next member */
        for (;;) {
            while (p < e && is_ws((unsigned char)*p)) p++;
            if (sp == 0) return p;
            if (p >= e) return NULL;
            char top = stack[sp - 1];
            if (*p == (top == '{' ? '}' : ']')) { p++; sp--; continue; }
            if (*p != ',') return NULL;
            p++;
            if (top == '{') {
                while (p < e && is_ws((unsigned char)*p)) p++;
                if (p >= e || *p != '"') return NULL;
                const char *ke = scan_string(p + 1, e, &esc);
                if (!ke || esc) return NULL;
                p = ke + 1;
                while (p < e && is_ws((unsigned char)*p)) p++;
                if (p >= e || *p != ':') return NULL;
                p++;
            }
            break;
        }
    }
}

static int key_field(const char *k, size_t n)
{
    switch (n) {
    case 2: return memcmp(k, "id", 2) == 0 ? SITREP_FIELD_ID : -1;
    case 3: return memcmp(k, "url", 3) == 0 ? SITREP_FIELD_URL : -1;
    case 4: return memcmp(k, "date", 4) == 0 ? SITREP_FIELD_DATE
                 : memcmp(k, "text", 4) == 0 ? SITREP_FIELD_COUNT : -1;
    case 5: return memcmp(k, "title", 5) == 0 ? SITREP_FIELD_TITLE : -1;
    case 6: return memcmp(k, "source", 6) == 0 ? SITREP_FIELD_SOURCE : -1;
    default: return -1;
    }
}

/* 0 when the line is a flat object with a string "text" and well-typed fields;
 * -1 otherwise (the caller resets the doc and asks jansson). */
static int fast_parse(const char *p, size_t len, sitrep_doc *doc, jrec *rec)
{
    const char *e = p + len;
    memset(rec, 0, sizeof *rec);
    while (p < e && is_ws((unsigned char)*p)) p++;
    if (p >= e || *p != '{') return -1;
    p++;
    for (;;) {
        while (p < e && is_ws((unsigned char)*p)) p++;
        if (p >= e || *p != '"') return -1;
        int esc;
        const char *k = p + 1, *ke = scan_string(k, e, &esc);
        if (!ke || esc) return -1;
        int fld = key_field(k, (size_t)(ke - k));
        p = ke + 1;
        while (p < e && is_ws((unsigned char)*p)) p++;
        if (p >= e || *p != ':') return -1;
        p++;
        while (p < e && is_ws((unsigned char)*p)) p++;
        if (p >= e) return -1;
        char c = *p;
        if (c == '"') {
            const char *v = p + 1, *ve = scan_string(v, e, &esc);
            if (!ve) return -1;
            size_t vn = (size_t)(ve - v);
            if (fld >= 0) {
                /* unescaped straight into the arena: the only copy */
                char *t = arena_alloc(&doc->mem, vn + 1);
                if (!t) return -1;
                size_t nnul = 0;
                ptrdiff_t tn;
                if (!esc) { memcpy(t, v, vn); t[vn] = '\0'; tn = (ptrdiff_t)vn; }
                else if ((tn = unescape(v, vn, t, &nnul)) < 0) return -1;
                if (fld == SITREP_FIELD_COUNT) {
                    rec->text = t;
                    rec->text_len = (size_t)tn;
                    rec->text_nul = nnul;
                    rec->have_text = 1;
                } else {
                    rec->f[fld] = t;
                    rec->flen[fld] = (size_t)tn;
                    rec->ftype[fld] = F_SET;
                }
            }
            p = ve + 1;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            int small;
            const char *ne = scan_number(p, e, &small);
            if (!ne) return -1;
            if (fld == SITREP_FIELD_ID) {
                if (!small) return -1;
                rec->f[fld] = arena_strndup(&doc->mem, p, (size_t)(ne - p));
                if (!rec->f[fld]) return -1;
                rec->flen[fld] = (size_t)(ne - p);
                rec->ftype[fld] = F_SET;
            } else if (fld >= 0) {
                return -1; /* wrong type: jansson path reports it */
            }
            p = ne;
        } else if (c == 'n' && e - p >= 4 && memcmp(p, "null", 4) == 0) {
            if (fld == SITREP_FIELD_COUNT) return -1;
            if (fld >= 0) rec->ftype[fld] = F_NULL;
            p += 4;
        } else if ((c == 't' && e - p >= 4 && memcmp(p, "true", 4) == 0) ||
                   (c == 'f' && e - p >= 5 && memcmp(p, "false", 5) == 0)) {
            if (fld != -1) return -1;
            p += c == 't' ? 4 : 5;
        } else if ((c == '{' || c == '[') && fld == -1) {
            if (!(p = skip_value(p, e))) return -1; /* unknown key: any valid value */
        } else {
            return -1; /* wrong types, garbage: jansson */
        }
        while (p < e && is_ws((unsigned char)*p)) p++;
        if (p < e && *p == ',') { p++; continue; }
        if (p < e && *p == '}') { p++; break; }
        return -1;
    }
    while (p < e && is_ws((unsigned char)*p)) p++;
    if (p != e || !rec->have_text) return -1;
    return 0;
}

/* ------------------------------------------------------------ JSONL records */

static void set_date(sitrep_doc *doc, const char *s, size_t n)
{
    if (ingest_valid_date(s, n)) {
        sitrep_doc_set(doc, SITREP_FIELD_DATE, s, n);
        return;
    }
    int shown = n > 40 ? 40 : (int)n;
    sitrep_doc_warn(doc, "invalid \"date\" \"%.*s%s\" ignored (want YYYY-MM-DD)",
                    shown, s, n > 40 ? "..." : "");
}

static void set_line_id(sitrep_doc *doc, size_t lineno)
{
    char num[24];
    int k = snprintf(num, sizeof num, "%zu", lineno);
    sitrep_doc_set(doc, SITREP_FIELD_ID, num, (size_t)k);
}

/* A bad record: with a known id, a failed doc (1); else -1. err is set. */
static int bad_record(sitrep_reader *r, sitrep_doc *doc, sitrep_error *err,
                      const char *id, size_t idlen, const char *msg)
{
    err_set(err, SITREP_ERR_INPUT, r->file, r->lineno, SIZE_MAX, "%s", msg);
    if (!id) return -1;
    sitrep_doc_reset(doc);
    sitrep_doc_set(doc, SITREP_FIELD_ID, id, idlen);
    sitrep_doc_warn(doc, "%s", msg);
    sitrep_doc_set_failed(doc);
    return 1;
}

static const char *const field_key[SITREP_FIELD_COUNT] = { "id", "date", "title", "url", "source" };

/* The jansson path: exact verdicts and error messages for every line the fast
 * path did not take. */
static int slow_parse(sitrep_reader *r, const char *line, size_t len, sitrep_doc *doc,
                      size_t nbad, sitrep_error *err)
{
    char msg[256];
    json_error_t je;
    json_t *root = json_loadb(line, len, JSON_ALLOW_NUL, &je);
    if (!root) {
        snprintf(msg, sizeof msg, "invalid JSON: %s at column %d", je.text, je.column);
        return bad_record(r, doc, err, NULL, 0, msg);
    }
    int rc = 1;
    char idbuf[32];
    const char *id = NULL;
    size_t idlen = 0;
    if (!json_is_object(root)) {
        rc = bad_record(r, doc, err, NULL, 0, "not a JSON object");
        goto out;
    }
    json_t *v = json_object_get(root, "id");
    if (json_is_string(v)) {
        id = json_string_value(v);
        idlen = json_string_length(v);
    } else if (json_is_integer(v)) {
        idlen = (size_t)snprintf(idbuf, sizeof idbuf, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        id = idbuf;
    } else if (v && !json_is_null(v)) {
        rc = bad_record(r, doc, err, NULL, 0, "\"id\" must be a string or an integer");
        goto out;
    }
    json_t *text = json_object_get(root, "text");
    if (!text) {
        rc = bad_record(r, doc, err, id, idlen, "no \"text\" field");
        goto out;
    }
    if (!json_is_string(text)) {
        rc = bad_record(r, doc, err, id, idlen, "\"text\" must be a string");
        goto out;
    }
    for (int f = SITREP_FIELD_DATE; f < SITREP_FIELD_COUNT; f++) {
        v = json_object_get(root, field_key[f]);
        if (v && !json_is_string(v) && !json_is_null(v)) {
            snprintf(msg, sizeof msg, "\"%s\" must be a string", field_key[f]);
            rc = bad_record(r, doc, err, id, idlen, msg);
            goto out;
        }
    }
    /* a good record */
    const char *t = json_string_value(text);
    size_t tn = json_string_length(text), nnul = 0;
    if (memchr(t, 0, tn)) { /* \u0000: U+FFFD, counted like the fast path does */
        if (scratch_reserve(r, 3 * tn + 1) < 0) goto nomem;
        size_t o = 0;
        for (size_t i = 0; i < tn; i++) {
            if (t[i]) r->scratch[o++] = t[i];
            else { memcpy(r->scratch + o, "\xEF\xBF\xBD", 3); o += 3; nnul++; }
        }
        t = r->scratch;
        tn = o;
    }
    if (sitrep_doc_set_text(doc, t, tn) != SITREP_OK) goto nomem;
    if (id) sitrep_doc_set(doc, SITREP_FIELD_ID, id, idlen);
    else set_line_id(doc, r->lineno);
    for (int f = SITREP_FIELD_DATE; f < SITREP_FIELD_COUNT; f++) {
        v = json_object_get(root, field_key[f]);
        if (!json_is_string(v)) continue;
        if (f == SITREP_FIELD_DATE) set_date(doc, json_string_value(v), json_string_length(v));
        else sitrep_doc_set(doc, (sitrep_field)f, json_string_value(v), json_string_length(v));
    }
    warn_repaired(doc, nbad + nnul);
    goto out;
nomem:
    err_set(err, SITREP_ERR_NOMEM, r->file, r->lineno, SIZE_MAX, "out of memory");
    rc = -1;
out:
    json_decref(root);
    return rc;
}

static int parse_line(sitrep_reader *r, const char *line, size_t len, sitrep_doc *doc,
                      sitrep_error *err)
{
    size_t nbad = 0;
    if (utf8_valid_prefix(line, len) != len) {
        if (len > (SIZE_MAX - 1) / 3 || scratch_reserve(r, 3 * len + 1) < 0)
            return err_set(err, SITREP_ERR_NOMEM, r->file, r->lineno, SIZE_MAX, "out of memory"), -1;
        len = utf8_repair(line, len, r->scratch, &nbad);
        line = r->scratch;
    }
    jrec rec;
    if (fast_parse(line, len, doc, &rec) == 0) {
        /* the text is already in the arena, repaired and NUL-free: adopt it */
        doc->text = rec.text;
        doc->len = rec.text_len;
        doc->nbad = nbad + rec.text_nul;
        doc->cp_at.n = 0;
        /* metadata: unescaped, valid UTF-8 without NUL, in the arena */
        for (int f = 0; f < SITREP_FIELD_COUNT; f++) {
            if (rec.ftype[f] != F_SET) continue;
            if (f == SITREP_FIELD_DATE) {
                if (ingest_valid_date(rec.f[f], rec.flen[f])) doc->field[f] = rec.f[f];
                else set_date(doc, rec.f[f], rec.flen[f]);
            } else {
                doc->field[f] = rec.f[f];
            }
        }
        if (rec.ftype[SITREP_FIELD_ID] != F_SET) set_line_id(doc, r->lineno);
        warn_repaired(doc, nbad + rec.text_nul);
        return 1;
    }
    sitrep_doc_reset(doc);
    if (line == r->scratch) {
        /* slow_parse may need the scratch: keep the repaired line apart */
        char *copy = xstrdup(line, len);
        if (!copy) goto nomem;
        int rc = slow_parse(r, copy, len, doc, nbad, err);
        free(copy);
        return rc;
    }
    return slow_parse(r, line, len, doc, nbad, err);
nomem:
    err_set(err, SITREP_ERR_NOMEM, r->file, r->lineno, SIZE_MAX, "out of memory");
    return -1;
}

static int next_jsonl(sitrep_reader *r, sitrep_doc *doc, sitrep_error *err)
{
    const char *line;
    size_t len;
    for (;;) {
        int rc = get_line(r, &line, &len, err);
        if (rc <= 0) return rc;
        r->lineno++;
        if (r->lineno == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
            line += 3; /* byte order mark */
            len -= 3;
        }
        if (len && line[len - 1] == '\r') len--;
        size_t i = 0;
        while (i < len && is_ws((unsigned char)line[i])) i++;
        if (i == len) continue; /* blank line */
        return parse_line(r, line, len, doc, err);
    }
}

/* ------------------------------------------------------------ text and HTML */

static int next_whole(sitrep_reader *r, sitrep_doc *doc, sitrep_error *err)
{
    if (r->whole_done) return 0;
    r->whole_done = 1;
    r->start = r->end = r->scan = 0;
    sitrep_error e;
    sitrep_error_clear(&e);
    for (;;) {
        if (buf_room(r) < 0) {
            err_set(&e, SITREP_ERR_NOMEM, r->file, 0, SIZE_MAX,
                    "out of memory for a file of %zu bytes", r->end);
            break;
        }
        ssize_t n = zio_read(r->z, r->buf + r->end, r->cap - r->end, &e);
        if (n <= 0) break;
        r->end += (size_t)n;
    }
    if (e.status != SITREP_OK && r->end == 0) {
        if (err) *err = e;
        return -1;
    }
    const char *s = r->buf ? r->buf : "";
    size_t len = r->end;
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) { s += 3; len -= 3; }
    if (r->cur_kind == SITREP_INPUT_HTML) {
        size_t nbad = 0;
        if (utf8_valid_prefix(s, len) != len) {
            if (len > (SIZE_MAX - 1) / 3 || scratch_reserve(r, 3 * len + 1) < 0) goto nomem;
            len = utf8_repair(s, len, r->scratch, &nbad);
            s = r->scratch;
        }
        if (html_extract(s, len, &r->page) != SITREP_OK) goto nomem;
        if (sitrep_doc_set_text(doc, r->page.text, r->page.len) != SITREP_OK) goto nomem;
        if (r->page.title) sitrep_doc_set(doc, SITREP_FIELD_TITLE, r->page.title, strlen(r->page.title));
        if (r->page.url) sitrep_doc_set(doc, SITREP_FIELD_URL, r->page.url, strlen(r->page.url));
        if (r->page.date) set_date(doc, r->page.date, strlen(r->page.date));
        warn_repaired(doc, nbad);
    } else {
        if (sitrep_doc_set_text(doc, s, len) != SITREP_OK) goto nomem;
    }
    sitrep_doc_set(doc, SITREP_FIELD_ID, r->id, strlen(r->id));
    if (e.status != SITREP_OK) {
        sitrep_doc_warn(doc, "%s", e.msg);
        r->pend = e;
        r->has_pend = 1;
    }
    return 1;
nomem:
    err_set(err, SITREP_ERR_NOMEM, r->file, 0, SIZE_MAX, "out of memory");
    return -1;
}

int sitrep_reader_next(sitrep_reader *r, sitrep_doc *doc, sitrep_error *err)
{
    sitrep_error_clear(err);
    sitrep_doc_reset(doc);
    for (;;) {
        if (!r->z || r->single_pending) {
            if (!r->z && !r->is_dir) return 0;
            int rc = open_next(r, err);
            if (rc <= 0) return rc;
        }
        if (r->has_pend) {
            if (err) *err = r->pend;
            close_current(r);
            return -1;
        }
        int rc = r->cur_kind == SITREP_INPUT_JSONL ? next_jsonl(r, doc, err)
                                                    : next_whole(r, doc, err);
        if (rc != 0) return rc;
        close_current(r);
    }
}
