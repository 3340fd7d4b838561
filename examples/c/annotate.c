/* Annotate a text file with newswire's built-in gazetteer and print each mention:
 *
 *     start<TAB>end<TAB>text<TAB>id<TAB>kind<TAB>name[<TAB>id<TAB>kind<TAB>name ...]
 *
 * Usage: annotate FILE   (see README.md beside this file for building it) */
#include <stdio.h>
#include <stdlib.h>

#include "newswire.h"

/* Print the failure of `what`, free the error, and say so. */
static int failed(const char *what, nw_status status, nw_error *err) {
    fprintf(stderr, "annotate: %s failed (%s): %s\n", what, nw_status_name(status),
            nw_error_message(err));
    nw_error_free(err);
    return 1;
}

/* Read a whole file into a new buffer; NULL on failure. */
static unsigned char *read_file(const char *path, size_t *len) {
    FILE *fp = fopen(path, "rb");
    unsigned char *data = NULL;
    size_t cap = 0, n;
    *len = 0;
    if (fp == NULL) return NULL;
    do {
        if (*len == cap) {
            unsigned char *bigger = realloc(data, cap = cap * 2 + 65536);
            if (bigger == NULL) {
                free(data);
                fclose(fp);
                return NULL;
            }
            data = bigger;
        }
        n = fread(data + *len, 1, cap - *len, fp);
        *len += n;
    } while (n > 0);
    if (ferror(fp)) {
        free(data);
        data = NULL;
    }
    fclose(fp);
    return data;
}

int main(int argc, char **argv) {
    nw_error *err = NULL;
    nw_gazetteer *gazetteer = NULL;
    nw_matcher *matcher = NULL;
    nw_document *doc = NULL;
    const nw_article *article = NULL;
    const uint8_t *text;
    unsigned char *data;
    size_t len, count, i, j;
    nw_status s;
    int rc = 0;

    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE\n", argv[0]);
        return 2;
    }
    data = read_file(argv[1], &len);
    if (data == NULL) {
        perror(argv[1]);
        return 1;
    }

    if ((s = nw_gazetteer_builtin(&gazetteer, &err)) != NW_OK) {
        rc = failed("loading the gazetteer", s, err);
        goto out;
    }
    if ((s = nw_matcher_new(gazetteer, NULL, &matcher, &err)) != NW_OK) {
        rc = failed("building the matcher", s, err);
        goto out;
    }
    /* Invalid UTF-8 is reported with its byte offset. */
    if ((s = nw_matcher_annotate(matcher, data, len, &doc, &err)) != NW_OK) {
        rc = failed(argv[1], s, err);
        goto out;
    }

    /* The document owns a copy of the text; spans index it. */
    nw_document_article(doc, &article, NULL);
    nw_article_text(article, &text, &len, NULL);
    nw_document_mention_count(doc, &count, NULL);
    for (i = 0; i < count; i++) {
        nw_mention m;
        nw_document_mention(doc, i, &m, NULL);
        printf("%lu\t%lu\t%.*s", (unsigned long)m.span.start, (unsigned long)m.span.end,
               (int)(m.span.end - m.span.start), (const char *)text + m.span.start);
        for (j = 0; j < m.entity_count; j++) {
            nw_entity e;
            nw_document_mention_entity(doc, i, j, &e, NULL);
            printf("\t%.*s\t%.*s\t%.*s", (int)e.id_len, (const char *)e.id, (int)e.kind_len,
                   (const char *)e.kind, (int)e.name_len, (const char *)e.name);
        }
        printf("\n");
    }

out:
    nw_document_free(doc);
    nw_matcher_free(matcher);
    nw_gazetteer_free(gazetteer);
    free(data);
    return rc;
}
