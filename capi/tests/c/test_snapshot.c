/* Matcher snapshots from C: nw_matcher_save / nw_matcher_load and nw_matcher_to_bytes /
 * nw_matcher_from_bytes give matchers that annotate exactly as the one saved (the documents'
 * JSON compared byte for byte), options and entities included; a loaded matcher's documents
 * outlive it; from_bytes copies the caller's buffer. Bad snapshots (an empty file, a JSON
 * Lines gazetteer given as a snapshot, every truncation, a flipped byte at every position,
 * a newer format version) are NW_ERR_SNAPSHOT with a clear message, never a crash; NULL
 * arguments are NW_ERR_NULL.
 *
 * Usage: test_snapshot DIR [quick]   (DIR: an existing writable directory for snapshot files;
 * quick: every truncation and flipped byte in the header and directory, then only every
 * 61st, for valgrind, which runs code some fifty times slower; the core's own tests try
 * every position too) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "newswire.h"
#include "sample.h"

#define NUL_ NW_ERR_NULL
#define SNAP NW_ERR_SNAPSHOT

/* A non-NULL pointer that a failing constructor must overwrite with NULL. */
static int sentinel;
#define POISON(T) ((T *)(void *)&sentinel)

static const char *const TEXTS[] = {
    SAMPLE_ARTICLE,
    "KARACHI, March 3 (APP) - PAKISTAN and georgia met in Sao Paulo, New York and Xy.",
    "Al Qaeda was named in the New York Times. March Town voted.",
    "",
};
#define TEXT_COUNT (sizeof TEXTS / sizeof TEXTS[0])

static void write_file(const char *path, const void *data, size_t len) {
    FILE *fp = fopen(path, "wb");
    CHECK(fp != NULL && fwrite(data, 1, len, fp) == len && fclose(fp) == 0);
}

/* The JSON record of `text` annotated by `m`, as a malloc'd C string. */
static char *json_of(const nw_matcher *m, const char *text) {
    nw_document *doc = NULL;
    nw_string *s = NULL;
    const char *json;
    size_t len;
    char *copy;
    OK(nw_matcher_annotate(m, S(text), &doc, &err));
    OK(nw_document_to_json(doc, NULL, 0, &s, &err));
    OK(nw_string_data(s, &json, &len, &err));
    copy = malloc(len + 1);
    CHECK(copy != NULL);
    memcpy(copy, json, len + 1);
    nw_string_free(s);
    nw_document_free(doc);
    return copy;
}

/* Whether `a` and `b` annotate every test text to the same JSON; when not and `report`,
 * the first difference is printed. */
static int annotate_alike(const nw_matcher *a, const nw_matcher *b, int report) {
    size_t i;
    for (i = 0; i < TEXT_COUNT; i++) {
        char *x = json_of(a, TEXTS[i]), *y = json_of(b, TEXTS[i]);
        int same = strcmp(x, y) == 0;
        if (!same && report) fprintf(stderr, "text %zu differs:\n  %s\n  %s\n", i, x, y);
        free(x);
        free(y);
        if (!same) return 0;
    }
    return 1;
}

#define SAME(a, b) annotate_alike((a), (b), 1)

/* The positions tried: every one, or in quick mode every one in the header and the
 * directory (up to `directory_end`), then every 61st. */
static int quick = 0;
static size_t directory_end = 0;
static size_t next_position(size_t i) { return !quick || i < directory_end ? i + 1 : i + 61; }

/* A matcher over the sample gazetteer with options that differ from the defaults, so that
 * a round trip that lost them would show. */
static nw_matcher *sample_matcher(int defaults) {
    nw_gazetteer *g = NULL;
    nw_matcher_options *o = NULL;
    nw_matcher *m = NULL;
    OK(nw_gazetteer_from_jsonl(S(SAMPLE_JSONL), S("sample.jsonl"), &g, &err));
    if (!defaults) {
        OK(nw_matcher_options_new(&o, &err));
        OK(nw_matcher_options_set_case(o, NW_CASE_INSENSITIVE, &err));
        OK(nw_matcher_options_set_stop_list(o, false, &err));
        OK(nw_matcher_options_set_min_alias_len(o, 0, &err));
    }
    OK(nw_matcher_new(g, o, &m, &err));
    nw_matcher_options_free(o);
    nw_gazetteer_free(g); /* the matcher keeps what it needs */
    return m;
}

/* The snapshot bytes of `m`, malloc'd; `*len` gets their length. */
static uint8_t *snapshot_of(const nw_matcher *m, size_t *len) {
    nw_bytes *b = POISON(nw_bytes);
    const uint8_t *data;
    uint8_t *copy;
    OK(nw_matcher_to_bytes(m, &b, &err));
    CHECK(b != NULL);
    OK(nw_bytes_data(b, &data, len, &err));
    CHECK(*len > 64);
    copy = malloc(*len);
    CHECK(copy != NULL);
    memcpy(copy, data, *len);
    nw_bytes_free(b);
    return copy;
}

static void test_round_trips(const char *dir) {
    nw_matcher *built = sample_matcher(0), *defaults = sample_matcher(1);
    nw_matcher *loaded = POISON(nw_matcher), *copied = POISON(nw_matcher), *again = NULL;
    nw_gazetteer *g = POISON(nw_gazetteer);
    nw_document *doc = NULL;
    nw_entity e;
    nw_mention mention;
    uint8_t *bytes, *buffer, *second;
    size_t len, second_len, n = 0, index = 0;
    bool found = false;
    char path[4096];

    /* Options survive: the built matcher finds what the default one does not. */
    CHECK(!annotate_alike(built, defaults, 0));

    /* Save and load (mapped). */
    sprintf(path, "%s/sample.nwsnap", dir);
    OK(nw_matcher_save(built, S(path), &err));
    OK(nw_matcher_load(S(path), &loaded, &err));
    CHECK(loaded != NULL && loaded != POISON(nw_matcher));
    CHECK(SAME(built, loaded));

    /* To bytes and back: the bytes are the file's, and the same matcher always gives the
     * same bytes. from_bytes copies: the caller's buffer is wiped and freed at once. */
    bytes = snapshot_of(built, &len);
    second = snapshot_of(loaded, &second_len);
    CHECK(second_len == len && memcmp(bytes, second, len) == 0);
    free(second);
    buffer = malloc(len);
    CHECK(buffer != NULL);
    memcpy(buffer, bytes, len);
    OK(nw_matcher_from_bytes(buffer, len, &copied, &err));
    memset(buffer, 0xAB, len);
    free(buffer);
    CHECK(copied != NULL && copied != POISON(nw_matcher));
    CHECK(SAME(built, copied));
    /* A snapshot in memory at an odd address (not eight-byte aligned) reads the same. */
    buffer = malloc(len + 1);
    CHECK(buffer != NULL);
    memcpy(buffer + 1, bytes, len);
    OK(nw_matcher_from_bytes(buffer + 1, len, &again, &err));
    free(buffer);
    CHECK(SAME(built, again));
    nw_matcher_free(again);

    /* The loaded matcher's gazetteer has every entity, read from the snapshot. */
    OK(nw_matcher_gazetteer(loaded, &g, &err));
    CHECK(g != NULL && g != POISON(nw_gazetteer));
    OK(nw_gazetteer_len(g, &n, &err));
    CHECK(n == SAMPLE_LEN);
    OK(nw_gazetteer_find(g, S("SP"), &index, &found, &err));
    CHECK(found);
    OK(nw_gazetteer_entity(g, index, &e, &err));
    CHECK(view_is(e.id, e.id_len, "SP") && view_is(e.name, e.name_len, "S\xc3\xa3o Paulo"));
    CHECK(view_is(e.kind, e.kind_len, "LOC") && e.index == index);

    /* A document of the loaded matcher outlives it and the gazetteer handle: its entity
     * views still read from the mapped snapshot. */
    OK(nw_matcher_annotate(loaded, S("Talks in Sao Paulo."), &doc, &err));
    nw_matcher_free(loaded);
    nw_gazetteer_free(g);
    OK(nw_document_mention_count(doc, &n, &err));
    CHECK(n == 1);
    OK(nw_document_mention(doc, 0, &mention, &err));
    OK(nw_document_mention_entity(doc, 0, 0, &e, &err));
    CHECK(view_is(e.id, e.id_len, "SP") && view_is(e.name, e.name_len, "S\xc3\xa3o Paulo"));
    nw_document_free(doc);

    /* Saving over a loaded snapshot replaces the file by renaming: the matcher that has the
     * old one mapped still reads the old one, a new load reads the new one. */
    OK(nw_matcher_load(S(path), &loaded, &err));
    OK(nw_matcher_save(defaults, S(path), &err));
    CHECK(SAME(built, loaded));
    OK(nw_matcher_load(S(path), &again, &err));
    CHECK(SAME(defaults, again));
    nw_matcher_free(again);
    nw_matcher_free(loaded);

    free(bytes);
    nw_matcher_free(copied);
    nw_matcher_free(defaults);
    nw_matcher_free(built);
}

static void test_bad_snapshots(const char *dir) {
    nw_matcher *built = sample_matcher(0), *m = POISON(nw_matcher);
    uint8_t *bytes, *bad;
    size_t len, i;
    char path[4096], needle[4200];

    bytes = snapshot_of(built, &len);
    bad = malloc(len);
    CHECK(bad != NULL);
    /* A 64-byte header, then 24 bytes per section (the count: bytes 40..44, little-endian). */
    directory_end = 64 + 24 * (size_t)(bytes[40] | bytes[41] << 8 | bytes[42] << 16 |
                                       (uint32_t)bytes[43] << 24);
    CHECK(directory_end < len);

    /* An empty file, and an empty buffer (NULL is allowed for no bytes). */
    sprintf(path, "%s/empty.nwsnap", dir);
    write_file(path, "", 0);
    sprintf(needle, "nw_matcher_load: %s: not a newswire snapshot: the file is empty", path);
    FAILS(nw_matcher_load(S(path), &m, &err), SNAP, needle);
    CHECK(m == NULL);
    m = POISON(nw_matcher);
    FAILS(nw_matcher_from_bytes(NULL, 0, &m, &err), SNAP, "not a newswire snapshot");
    CHECK(m == NULL);

    /* A JSON Lines gazetteer where a snapshot belongs. */
    sprintf(path, "%s/sample.jsonl", dir);
    write_file(path, SAMPLE_JSONL, strlen(SAMPLE_JSONL));
    sprintf(needle, "%s: not a newswire snapshot", path);
    FAILS(nw_matcher_load(S(path), &m, &err), SNAP, needle);
    FAILS(nw_matcher_load(S(path), &m, &err), SNAP, "a gazetteer in JSON Lines?");
    FAILS(nw_matcher_from_bytes(S(SAMPLE_JSONL), &m, &err), SNAP, "not a newswire snapshot");

    /* A missing file is an I/O error naming it. */
    sprintf(path, "%s/missing.nwsnap", dir);
    FAILS(nw_matcher_load(S(path), &m, &err), NW_ERR_IO, "missing.nwsnap");
    /* A directory is named as one (mapping it said "No such device"). */
    sprintf(needle, "%s: is a directory", dir);
    FAILS(nw_matcher_load(S(dir), &m, &err), NW_ERR_IO, needle);
    CHECK(m == NULL);

    /* Every truncation, from the buffer and (one) from a file. */
    for (i = 0; i < len; i = next_position(i)) {
        m = POISON(nw_matcher);
        FAILS(nw_matcher_from_bytes(bytes, i, &m, &err), SNAP, NULL);
        CHECK(m == NULL);
    }
    FAILS(nw_matcher_from_bytes(bytes, 40, &m, &err), SNAP,
          "truncated: 40 bytes, shorter than the 64-byte header");
    FAILS(nw_matcher_from_bytes(bytes, len - 1, &m, &err), SNAP, "truncated");
    sprintf(path, "%s/truncated.nwsnap", dir);
    write_file(path, bytes, len / 2);
    FAILS(nw_matcher_load(S(path), &m, &err), SNAP, "truncated");

    /* A flipped byte at every position: the header's checks or the checksum catch it. */
    for (i = 0; i < len; i = next_position(i)) {
        memcpy(bad, bytes, len);
        bad[i] ^= 0xFF;
        m = POISON(nw_matcher);
        FAILS(nw_matcher_from_bytes(bad, len, &m, &err), SNAP, NULL);
        CHECK(m == NULL);
    }
    memcpy(bad, bytes, len);
    bad[len / 2] ^= 0x01;
    FAILS(nw_matcher_from_bytes(bad, len, &m, &err), SNAP, "checksum");

    /* A newer format version (bytes 8..12, little-endian): refused naming both versions,
     * before the checksum (which the new version's writer would have made right). */
    memcpy(bad, bytes, len);
    bad[8] = 2;
    bad[9] = bad[10] = bad[11] = 0;
    FAILS(nw_matcher_from_bytes(bad, len, &m, &err), SNAP,
          "snapshot format version 2 (written by newswire ");
    FAILS(nw_matcher_from_bytes(bad, len, &m, &err), SNAP,
          "is newer than the version this library reads (1)");
    sprintf(path, "%s/newer.nwsnap", dir);
    write_file(path, bad, len);
    sprintf(needle, "nw_matcher_load: %s: snapshot format version 2", path);
    FAILS(nw_matcher_load(S(path), &m, &err), SNAP, needle);

    /* After all that, the good bytes still load. */
    OK(nw_matcher_from_bytes(bytes, len, &m, &err));
    CHECK(SAME(built, m));
    nw_matcher_free(m);

    free(bad);
    free(bytes);
    nw_matcher_free(built);
}

static void test_errors(const char *dir) {
    nw_matcher *built = sample_matcher(1), *m = POISON(nw_matcher);
    nw_gazetteer *g = POISON(nw_gazetteer);
    nw_bytes *b = POISON(nw_bytes);
    const uint8_t *data;
    size_t len;
    char path[4096];

    sprintf(path, "%s/errors.nwsnap", dir);
    FAILS(nw_matcher_save(NULL, S(path), &err), NUL_, "nw_matcher_save: argument `matcher`");
    FAILS(nw_matcher_save(built, NULL, 0, &err), NUL_, "`path`");
    FAILS(nw_matcher_save(built, NULL, 5, &err), NUL_, "`path`");
    sprintf(path, "%s/no/such/dir/x.nwsnap", dir);
    FAILS(nw_matcher_save(built, S(path), &err), NW_ERR_IO, "no/such/dir/x.nwsnap");

    FAILS(nw_matcher_load(NULL, 0, &m, &err), NUL_, "nw_matcher_load: argument `path`");
    CHECK(m == NULL);
    FAILS(nw_matcher_load(S(path), NULL, &err), NUL_, "`out`");

    m = POISON(nw_matcher);
    FAILS(nw_matcher_from_bytes(NULL, 5, &m, &err), NUL_, "nw_matcher_from_bytes: argument `ptr`");
    CHECK(m == NULL);
    FAILS(nw_matcher_from_bytes(S("x"), NULL, &err), NUL_, "`out`");

    FAILS(nw_matcher_to_bytes(NULL, &b, &err), NUL_, "nw_matcher_to_bytes: argument `matcher`");
    CHECK(b == NULL);
    FAILS(nw_matcher_to_bytes(built, NULL, &err), NUL_, "`out`");
    OK(nw_matcher_to_bytes(built, &b, &err));
    FAILS(nw_bytes_data(NULL, &data, &len, &err), NUL_, "nw_bytes_data: argument `bytes`");
    FAILS(nw_bytes_data(b, NULL, &len, &err), NUL_, "`ptr`");
    FAILS(nw_bytes_data(b, &data, NULL, &err), NUL_, "`len`");
    nw_bytes_free(b);
    nw_bytes_free(NULL);

    FAILS(nw_matcher_gazetteer(NULL, &g, &err), NUL_, "nw_matcher_gazetteer: argument `matcher`");
    CHECK(g == NULL);
    FAILS(nw_matcher_gazetteer(built, NULL, &err), NUL_, "`out`");

    /* Without an error out-parameter the status alone comes back. */
    CHECK(nw_matcher_from_bytes(S("{}"), &m, NULL) == SNAP && m == NULL);
    nw_matcher_free(built);
}

int main(int argc, char **argv) {
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s DIR [quick]\n", argv[0]);
        return 2;
    }
    quick = argc == 3 && strcmp(argv[2], "quick") == 0;
    test_round_trips(argv[1]);
    test_bad_snapshots(argv[1]);
    test_errors(argv[1]);
    printf("test_snapshot: %d checks passed\n", checks_run);
    return 0;
}
