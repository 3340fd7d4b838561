/* Near-duplicates from C: options (defaults, every setter, out-of-range values named by
 * nw_dedup_new), signatures (NULL for a body without a word, the Jaccard similarity, the
 * exact-body fingerprint) and the streaming index (an exact re-send, a one-word correction,
 * another story, an empty body; the window of articles), on articles written for this test.
 * NULL arguments are NW_ERR_NULL.
 *
 * Usage: test_dedup DIR   (DIR is not used: the programs share one calling convention) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "newswire.h"

static const char STORY[] =
    "OSLO, June 2 (Reuters) - Norway's sovereign wealth fund, the world's largest, returned "
    "8.6 percent in the first half of the year, helped by a rally in technology shares, the "
    "central bank said on Tuesday.\n\n    The fund, worth some 15 trillion crowns, holds "
    "stakes in about 9,000 companies worldwide and owns real estate in London, Paris and "
    "New York.";

/* A non-NULL pointer that a failing constructor must overwrite with NULL. */
static int sentinel;
#define POISON_DEDUP ((nw_dedup *)(void *)&sentinel)

static nw_signature *sign(const nw_dedup *dedup, const char *text) {
    nw_signature *s = NULL;
    OK(nw_dedup_sign(dedup, S(text), &s, &err));
    return s;
}

static size_t push(nw_dedup_index *index, const nw_signature *s) {
    size_t n = 99;
    OK(nw_dedup_index_push(index, s, &n, &err));
    return n;
}

static char *replace(const char *text, const char *from, const char *to) {
    const char *at = strstr(text, from);
    size_t head = (size_t)(at - text), len = strlen(text) - strlen(from) + strlen(to);
    char *out = malloc(len + 1);
    CHECK(at != NULL && out != NULL);
    memcpy(out, text, head);
    strcpy(out + head, to);
    strcat(out, at + strlen(from));
    return out;
}

static void test_index(void) {
    nw_dedup *dedup = NULL;
    nw_dedup_index *index = NULL;
    nw_duplicate d;
    uint64_t hi1, lo1, hi2, lo2, position;
    double j;
    char *resent = replace(STORY, "OSLO, June 2 (Reuters) -", "OSLO (AP) --");
    char *fixed = replace(STORY, "8.6 percent", "8.7 percent");
    nw_signature *a, *b, *c, *other, *empty;

    OK(nw_dedup_new(NULL, &dedup, &err));
    a = sign(dedup, STORY);
    b = sign(dedup, resent);
    c = sign(dedup, fixed);
    other = sign(dedup, "TOKYO (Reuters) - Japan's Nikkei share average closed up 1.2 percent.");
    empty = sign(dedup, " \n\t ");
    CHECK(a && b && c && other && empty == NULL);

    OK(nw_signature_jaccard(a, b, &j, &err));
    CHECK(j == 1.0);
    OK(nw_signature_jaccard(a, c, &j, &err));
    CHECK(j >= 0.8 && j < 1.0);
    OK(nw_signature_fingerprint(a, &hi1, &lo1, &err));
    OK(nw_signature_fingerprint(b, &hi2, &lo2, &err));
    CHECK(hi1 == hi2 && lo1 == lo2);
    OK(nw_signature_fingerprint(c, &hi2, &lo2, &err));
    CHECK(hi1 != hi2 || lo1 != lo2);

    OK(nw_dedup_index_new(dedup, &index, &err));
    CHECK(push(index, a) == 0);
    CHECK(push(index, other) == 0);
    CHECK(push(index, NULL) == 0);  /* the empty body keeps its position */
    CHECK(push(index, b) == 1);
    OK(nw_dedup_index_duplicate(index, 0, &d, &err));
    CHECK(d.position == 0 && d.similarity == 1.0 && d.exact);
    CHECK(push(index, c) == 2);
    OK(nw_dedup_index_duplicate(index, 0, &d, &err));
    CHECK(d.position == 0 && d.similarity >= 0.8 && d.similarity < 1.0 && !d.exact);
    OK(nw_dedup_index_duplicate(index, 1, &d, &err));
    CHECK(d.position == 3);
    FAILS(nw_dedup_index_duplicate(index, 2, &d, &err), NW_ERR_RANGE, NULL);
    OK(nw_dedup_index_position(index, &position, &err));
    CHECK(position == 5);
    nw_dedup_index_free(index);

    /* A signature of other options is refused by name. */
    {
        nw_dedup_options *options = NULL;
        nw_dedup *four = NULL;
        nw_signature *s4;
        OK(nw_dedup_options_new(&options, &err));
        OK(nw_dedup_options_set_shingle_len(options, 4, &err));
        OK(nw_dedup_new(options, &four, &err));
        s4 = sign(four, STORY);
        OK(nw_dedup_index_new(dedup, &index, &err));
        FAILS(nw_dedup_index_push(index, s4, &position, &err), NW_ERR_OPTION, "other options");
        nw_signature_free(s4);
        nw_dedup_index_free(index);
        nw_dedup_free(four);
        nw_dedup_options_free(options);
    }

    nw_signature_free(a);
    nw_signature_free(b);
    nw_signature_free(c);
    nw_signature_free(other);
    nw_dedup_free(dedup);
    free(resent);
    free(fixed);
}

static void test_options(void) {
    nw_dedup_options *options = NULL;
    nw_dedup *dedup = POISON_DEDUP;
    nw_dedup_index *index = NULL;
    nw_signature *a, *b;

    OK(nw_dedup_options_new(&options, &err));
    OK(nw_dedup_options_set_threshold(options, 1.5, &err));
    FAILS(nw_dedup_new(options, &dedup, &err), NW_ERR_OPTION, "threshold 1.5");
    CHECK(dedup == NULL);
    OK(nw_dedup_options_set_threshold(options, 0.9, &err));
    OK(nw_dedup_options_set_num_hashes(options, 0, &err));
    FAILS(nw_dedup_new(options, &dedup, &err), NW_ERR_OPTION, "hashes");
    OK(nw_dedup_options_set_num_hashes(options, 64, &err));
    OK(nw_dedup_options_set_window(options, 0, &err));
    FAILS(nw_dedup_new(options, &dedup, &err), NW_ERR_OPTION, "window");
    FAILS(nw_dedup_options_set_window_days(options, 5000000000LL, &err), NW_ERR_OPTION, "days");

    /* A window of one article: a copy two articles back is out of it. */
    OK(nw_dedup_options_set_window(options, 1, &err));
    OK(nw_dedup_options_set_window_days(options, 3, &err));
    OK(nw_dedup_options_set_seed(options, 42, &err));
    OK(nw_dedup_new(options, &dedup, &err));
    a = sign(dedup, STORY);
    b = sign(dedup, "LIMA (Reuters) - Peru's congress voted on Thursday.");
    OK(nw_dedup_index_new(dedup, &index, &err));
    CHECK(push(index, a) == 0 && push(index, b) == 0 && push(index, a) == 0);
    CHECK(push(index, a) == 1);
    nw_signature_free(a);
    nw_signature_free(b);
    nw_dedup_index_free(index);
    nw_dedup_free(dedup);
    nw_dedup_options_free(options);
}

static void test_null(void) {
    nw_dedup *dedup = NULL;
    nw_signature *s = NULL;
    size_t n;
    double j;
    OK(nw_dedup_new(NULL, &dedup, &err));
    FAILS(nw_dedup_new(NULL, NULL, &err), NW_ERR_NULL, "out");
    FAILS(nw_dedup_sign(NULL, S(STORY), &s, &err), NW_ERR_NULL, "dedup");
    FAILS(nw_dedup_sign(dedup, NULL, 5, &s, &err), NW_ERR_NULL, NULL);
    FAILS(nw_dedup_sign(dedup, (const uint8_t *)"\xff\xfe", 2, &s, &err), NW_ERR_UTF8, NULL);
    CHECK(s == NULL);
    FAILS(nw_dedup_index_push(NULL, NULL, &n, &err), NW_ERR_NULL, "index");
    FAILS(nw_signature_jaccard(NULL, NULL, &j, &err), NW_ERR_NULL, NULL);
    FAILS(nw_dedup_options_set_threshold(NULL, 0.5, &err), NW_ERR_NULL, "options");
    nw_dedup_free(dedup);
}

int main(int argc, char **argv) {
    (void)argv;
    if (argc != 2) {
        fprintf(stderr, "usage: test_dedup DIR\n");
        return 2;
    }
    test_index();
    test_options();
    test_null();
    nw_dedup_options_free(NULL);
    nw_dedup_free(NULL);
    nw_signature_free(NULL);
    nw_dedup_index_free(NULL);
    printf("test_dedup: %d checks passed\n", checks_run);
    return 0;
}
