/* Four threads share one matcher and get the same results as one thread; so does
 * nw_matcher_annotate_many on four threads. Built with -pthread, and also run under
 * -fsanitize=thread.
 *
 * Usage: test_threads [quick]   (quick: one round over 12 texts instead of three over 40,
 * for valgrind, which runs threads one at a time anyway) */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "newswire.h"
#include "sample.h"

enum { TEXTS = 40, THREADS = 4 };

static size_t rounds = 3, ntexts = TEXTS;

static char *texts[TEXTS];
static char *expected[TEXTS]; /* each text's document as JSON, from one thread */
static nw_matcher *shared;

/* The document of `text` as JSON plus a summary of its mentions read field by field, in a
 * new malloc'd string; NULL on any failure (reported on stderr). No globals: each thread
 * has its own error object. */
static char *describe(const nw_matcher *m, const char *text) {
    nw_error *e = NULL;
    nw_document *doc = NULL;
    nw_string *json = NULL;
    const char *data;
    char *result = NULL;
    size_t len, n, i, used;

    if (nw_matcher_annotate(m, (const uint8_t *)text, strlen(text), &doc, &e) != NW_OK ||
        nw_document_to_json(doc, NULL, 0, &json, &e) != NW_OK ||
        nw_string_data(json, &data, &len, &e) != NW_OK ||
        nw_document_mention_count(doc, &n, &e) != NW_OK)
        goto done;
    result = malloc(len + 1 + n * 64);
    if (result == NULL) goto done;
    memcpy(result, data, len);
    used = len;
    for (i = 0; i < n; i++) {
        nw_mention mention;
        nw_entity entity;
        if (nw_document_mention(doc, i, &mention, &e) != NW_OK ||
            nw_document_mention_entity(doc, i, 0, &entity, &e) != NW_OK) {
            free(result);
            result = NULL;
            goto done;
        }
        used += (size_t)sprintf(result + used, "|%lu-%lu:%.*s", (unsigned long)mention.span.start,
                                (unsigned long)mention.span.end,
                                (int)(entity.id_len > 16 ? 16 : entity.id_len),
                                (const char *)entity.id);
    }
    result[used] = '\0';
done:
    if (e != NULL) {
        fprintf(stderr, "describe: %s\n", nw_error_message(e));
        nw_error_free(e);
    }
    nw_string_free(json);
    nw_document_free(doc);
    return result;
}

static void *worker(void *arg) {
    size_t id = (size_t)arg, round, k;
    size_t failures = 0;
    for (round = 0; round < rounds; round++) {
        for (k = 0; k < ntexts; k++) {
            size_t i = (k + id * 7 + round) % ntexts; /* each thread starts elsewhere */
            char *got = describe(shared, texts[i]);
            if (got == NULL || strcmp(got, expected[i]) != 0) {
                fprintf(stderr, "thread %lu: text %lu differs\n", (unsigned long)id,
                        (unsigned long)i);
                failures++;
            }
            free(got);
        }
    }
    return (void *)failures;
}

int main(int argc, char **argv) {
    static const char *places[] = {"Pakistan", "Georgia", "Islamabad", "New York",
                                   "S\xc3\xa3o Paulo"};
    nw_gazetteer *g = NULL;
    pthread_t threads[THREADS];
    nw_str in[TEXTS];
    nw_document *docs[TEXTS];
    size_t i, total = 0, mentions = 0;

    if (argc == 2 && strcmp(argv[1], "quick") == 0) {
        rounds = 1;
        ntexts = 12;
    }
    for (i = 0; i < ntexts; i++) {
        size_t n = strlen(SAMPLE_ARTICLE) + 256;
        texts[i] = malloc(n);
        CHECK(texts[i] != NULL);
        sprintf(texts[i], "%s, Jan %lu (APP): Officials from %s met the OIC. %s\n%s",
                i % 2 ? "ISLAMABAD" : "GAZA", (unsigned long)(i % 28 + 1), places[i % 5],
                i % 3 ? "Haque said no." : "", i % 4 ? SAMPLE_ARTICLE : "");
    }

    OK(nw_gazetteer_from_jsonl(S(SAMPLE_JSONL), NULL, 0, &g, &err));
    OK(nw_matcher_new(g, NULL, &shared, &err));
    nw_gazetteer_free(g); /* the matcher keeps what it needs */

    for (i = 0; i < ntexts; i++) {
        expected[i] = describe(shared, texts[i]);
        CHECK(expected[i] != NULL);
        mentions += strchr(expected[i], '|') != NULL;
    }
    CHECK(mentions == ntexts); /* every text has mentions: the comparison means something */

    for (i = 0; i < THREADS; i++) CHECK(pthread_create(&threads[i], NULL, worker, (void *)i) == 0);
    for (i = 0; i < THREADS; i++) {
        void *failures = NULL;
        CHECK(pthread_join(threads[i], &failures) == 0);
        total += (size_t)failures;
    }
    CHECK(total == 0);

    /* The library's own threads. */
    for (i = 0; i < ntexts; i++) {
        in[i].ptr = (const uint8_t *)texts[i];
        in[i].len = strlen(texts[i]);
    }
    OK(nw_matcher_annotate_many(shared, in, ntexts, THREADS, docs, &err));
    for (i = 0; i < ntexts; i++) {
        nw_string *json = NULL;
        const char *data;
        size_t len;
        OK(nw_document_to_json(docs[i], NULL, 0, &json, &err));
        OK(nw_string_data(json, &data, &len, &err));
        CHECK(strncmp(expected[i], data, len) == 0 && expected[i][len] == '|');
        nw_string_free(json);
        nw_document_free(docs[i]);
    }

    nw_matcher_free(shared);
    for (i = 0; i < ntexts; i++) {
        free(texts[i]);
        free(expected[i]);
    }
    printf("test_threads: %d checks passed, %d threads x %lu rounds x %lu texts agree\n",
           checks_run, THREADS, (unsigned long)rounds, (unsigned long)ntexts);
    return 0;
}
