/* Small test helpers shared by the C programs in tests/c. C99, no dependencies. */
#ifndef NW_TEST_CHECK_H
#define NW_TEST_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newswire.h"

static int checks_run = 0;

#define CHECK(cond)                                                                     \
    do {                                                                                \
        checks_run++;                                                                   \
        if (!(cond)) {                                                                  \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);   \
            exit(1);                                                                    \
        }                                                                               \
    } while (0)

/* A string literal or C string as a (const uint8_t *, size_t) argument pair. */
#define S(s) (const uint8_t *)(s), strlen(s)

/* The error out-parameter every call under test is given. */
static nw_error *err = NULL;

/* OK(call): the call must succeed; on failure print its status and message. */
#define OK(call) check_ok((call), #call, __FILE__, __LINE__)

static inline void check_ok(nw_status s, const char *what, const char *file, int line) {
    checks_run++;
    if (s != NW_OK) {
        fprintf(stderr, "%s:%d: %s\n  -> %s: %s\n", file, line, what, nw_status_name(s),
                err ? nw_error_message(err) : "(no error object)");
        exit(1);
    }
    if (err != NULL) {
        fprintf(stderr, "%s:%d: %s\n  -> NW_OK but an error object was written\n", file, line,
                what);
        exit(1);
    }
}

/* FAILS(call, code, needle): the call must fail with `code`, write an error with the same
 * code whose message contains `needle` (NULL: any message); the error is then freed. */
#define FAILS(call, code, needle) check_fails((call), (code), (needle), #call, __FILE__, __LINE__)

static inline void check_fails(nw_status s, nw_status want, const char *needle,
                               const char *what, const char *file, int line) {
    const char *msg;
    checks_run++;
    if (s != want) {
        fprintf(stderr, "%s:%d: %s\n  -> %s, wanted %s (%s)\n", file, line, what,
                nw_status_name(s), nw_status_name(want),
                err ? nw_error_message(err) : "no error object");
        exit(1);
    }
    if (err == NULL) {
        fprintf(stderr, "%s:%d: %s\n  -> %s but no error object\n", file, line, what,
                nw_status_name(s));
        exit(1);
    }
    msg = nw_error_message(err);
    if (nw_error_code(err) != want || (needle != NULL && strstr(msg, needle) == NULL)) {
        fprintf(stderr, "%s:%d: %s\n  -> error %s \"%s\", wanted %s containing \"%s\"\n", file,
                line, what, nw_status_name(nw_error_code(err)), msg, nw_status_name(want),
                needle ? needle : "");
        exit(1);
    }
    nw_error_free(err);
    err = NULL;
}

/* Whether bytes [start, end) of `text` are exactly `want`. */
static inline int span_is(const uint8_t *text, nw_span span, const char *want) {
    size_t n = strlen(want);
    return span.end >= span.start && span.end - span.start == n &&
           memcmp(text + span.start, want, n) == 0;
}

/* Whether a (ptr, len) view is exactly `want`. */
static inline int view_is(const uint8_t *ptr, size_t len, const char *want) {
    return len == strlen(want) && (len == 0 || memcmp(ptr, want, len) == 0);
}

/* Whether a JSON text has `"key": value` (any spacing) for this integer value. */
static inline int json_has_int(const char *json, const char *key, size_t value) {
    char quoted[64];
    const char *p = json;
    size_t n;
    sprintf(quoted, "\"%s\"", key);
    n = strlen(quoted);
    while ((p = strstr(p, quoted)) != NULL) {
        char *end;
        unsigned long got;
        p += n;
        while (*p == ' ') p++;
        if (*p != ':') continue;
        p++;
        while (*p == ' ') p++;
        got = strtoul(p, &end, 10);
        if (end != p && got == value) return 1;
    }
    return 0;
}

#endif
