/* The C layer of the bad-input matrix (docs/bad-input.md): empty text, only white space,
 * invalid UTF-8 of every kind, NUL bytes inside the text, a long line with no spaces, and
 * bad or unusual gazetteers (deep nesting, an empty alias, a duplicate id, a 10k-character
 * alias, aliases of only punctuation). Each gets a correct result or an error naming what
 * and where; NULL arguments are covered by test_errors.c.
 *
 * Usage: bad_input DIR   (DIR: an existing writable directory for gazetteer files) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "newswire.h"

static const char GAZETTEER[] =
    "{\"id\":\"PK\",\"kind\":\"LOC\",\"name\":\"Pakistan\"}\n"
    "{\"id\":\"ISB\",\"kind\":\"LOC\",\"name\":\"Islamabad\"}\n"
    "{\"id\":\"OIC\",\"kind\":\"ORG\",\"name\":\"Organisation of Islamic Cooperation\","
    "\"aliases\":[\"OIC\"]}\n";

static nw_matcher *matcher;

/* A non-NULL pointer that a failing constructor must overwrite with NULL. */
static int sentinel;
#define POISON_DOC() ((nw_document *)(void *)&sentinel)

/* The long-line size: 2 MB (the library here is a debug build; scripts/huge_inputs.sh runs
 * 10 and 100 MB in release), 64 KB under valgrind, which runs code some fifty times slower. */
static size_t long_size(void) {
    const char *preload = getenv("LD_PRELOAD");
    if (preload != NULL && strstr(preload, "vgpreload") != NULL) return 64 << 10;
    return 2 << 20;
}

/* Every span of the document inside the text on char boundaries; the JSON ends with '}'.
 * Returns the mention count. */
static size_t check_document(const nw_document *doc, const uint8_t *text, size_t len) {
    const nw_article *a;
    nw_mention m;
    nw_span span;
    nw_string *json = NULL;
    const char *data;
    size_t n, i, json_len;

    OK(nw_document_article(doc, &a, &err));
    OK(nw_article_body(a, &span, &err));
    CHECK(span.start <= span.end && span.end <= len);
    OK(nw_article_sentence_count(a, &n, &err));
    for (i = 0; i < n; i++) {
        OK(nw_article_sentence(a, i, &span, &err));
        CHECK(span.start < span.end && span.end <= len);
        /* Char boundaries: neither end is a UTF-8 continuation byte. */
        CHECK(span.start == len || (text[span.start] & 0xC0) != 0x80);
        CHECK(span.end == len || (text[span.end] & 0xC0) != 0x80);
    }
    OK(nw_document_mention_count(doc, &n, &err));
    for (i = 0; i < n; i++) {
        OK(nw_document_mention(doc, i, &m, &err));
        CHECK(m.span.start < m.span.end && m.span.end <= len);
        CHECK(m.span.start == len || (text[m.span.start] & 0xC0) != 0x80);
        CHECK(m.span.end == len || (text[m.span.end] & 0xC0) != 0x80);
        CHECK(m.entity_count >= 1);
    }
    OK(nw_document_to_json(doc, NULL, 0, &json, &err));
    OK(nw_string_data(json, &data, &json_len, &err));
    CHECK(json_len >= 2 && data[0] == '{' && data[json_len - 1] == '}');
    nw_string_free(json);
    return n;
}

/* Annotate (ptr, len); the mentions' texts, in order, must be `want` (NULL-terminated). */
static void annotate_is(const uint8_t *text, size_t len, const char *const *want) {
    nw_document *doc = NULL;
    nw_mention m;
    size_t n, i;
    OK(nw_matcher_annotate(matcher, text, len, &doc, &err));
    n = check_document(doc, text, len);
    for (i = 0; want[i] != NULL; i++) {
        CHECK(i < n);
        OK(nw_document_mention(doc, i, &m, &err));
        CHECK(span_is(text, m.span, want[i]));
    }
    CHECK(i == n);
    nw_document_free(doc);
}

static void test_odd_texts(void) {
    static const char *const none[] = {NULL};
    static const char *const pk[] = {"Pakistan", NULL};
    static const char *const pk_isb[] = {"Pakistan", "Islamabad", NULL};
    static const uint8_t nul[] = "\0Pakistan\0and\0Islamabad\0";
    static const uint8_t bom[] = "\xef\xbb\xbfPakistan";
    nw_article *a = NULL;
    size_t n;

    /* Empty text, with a pointer and with NULL (allowed when the length is 0). */
    annotate_is((const uint8_t *)"", 0, none);
    annotate_is(NULL, 0, none);
    OK(nw_article_parse(NULL, 0, &a, &err));
    OK(nw_article_sentence_count(a, &n, &err));
    CHECK(n == 0);
    nw_article_free(a);

    annotate_is(S("   \t\r\n\xc2\xa0\xe2\x80\x83\n\n"), none);
    annotate_is(nul, sizeof nul - 1, pk_isb); /* NUL bytes are text like any other */
    annotate_is((const uint8_t *)"\0\0\0\0", 4, none);
    annotate_is(bom, sizeof bom - 1, pk);
    annotate_is(S("\xcc\x81\xcc\x88 Pakistan"), pk); /* lone combining marks */
    annotate_is(S("!!! ... --- ((( \"\" ''"), none);
}

static void test_invalid_utf8(void) {
    /* (bytes, length, offset of the first bad byte) */
    static const struct {
        const char *bytes;
        size_t len;
        const char *offset;
    } cases[] = {
        {"\xff", 1, "byte offset 0"},
        {"ok \x80", 4, "byte offset 3"},                 /* a lone continuation byte */
        {"ok \xc0\xaf", 5, "byte offset 3"},             /* an overlong '/' */
        {"ok \xed\xa0\x80", 6, "byte offset 3"},         /* an encoded surrogate */
        {"ok \xf4\x90\x80\x80", 7, "byte offset 3"},     /* past U+10FFFF */
        {"Pakistan \xe2\x82", 11, "byte offset 9"},      /* cut at the end */
        {"a\0b\xfe", 4, "byte offset 3"},                /* after a NUL */
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        nw_document *doc = POISON_DOC();
        nw_article *a = NULL;
        FAILS(nw_matcher_annotate(matcher, (const uint8_t *)cases[i].bytes, cases[i].len, &doc,
                                  &err),
              NW_ERR_UTF8, cases[i].offset);
        CHECK(doc == NULL);
        FAILS(nw_article_parse((const uint8_t *)cases[i].bytes, cases[i].len, &a, &err),
              NW_ERR_UTF8, cases[i].offset);
        CHECK(a == NULL);
    }
}

static void test_long_line(void) {
    size_t size = long_size(), i, n;
    uint8_t *text = malloc(size);
    nw_document *doc = NULL;
    const nw_article *a;
    nw_span span;
    CHECK(text != NULL);

    /* One word of `size` bytes: one sentence, nothing found inside it. */
    for (i = 0; i + 8 <= size; i += 8) memcpy(text + i, "Pakistan", 8);
    OK(nw_matcher_annotate(matcher, text, i, &doc, &err));
    CHECK(check_document(doc, text, i) == 0);
    OK(nw_document_article(doc, &a, &err));
    OK(nw_article_sentence_count(a, &n, &err));
    CHECK(n == 1);
    OK(nw_article_sentence(a, 0, &span, &err));
    CHECK(span.start == 0 && span.end == i);
    nw_document_free(doc);

    /* Names glued by punctuation: every one a mention. */
    for (i = 0; i + 13 <= size; i += 13) memcpy(text + i, "Pakistan,OIC;", 13);
    OK(nw_matcher_annotate(matcher, text, i, &doc, &err));
    CHECK(check_document(doc, text, i) == 2 * (i / 13));
    nw_document_free(doc);
    free(text);
}

static void write_file(const char *path, const char *data, size_t len) {
    FILE *fp = fopen(path, "wb");
    CHECK(fp != NULL && fwrite(data, 1, len, fp) == len && fclose(fp) == 0);
}

/* `prefix` + `open` repeated `depth` times + `middle` + `close` repeated + `suffix`. */
static char *nested(const char *prefix, const char *open, const char *middle,
                    const char *close, const char *suffix, size_t depth) {
    size_t lo = strlen(open), lc = strlen(close), i;
    char *s = malloc(strlen(prefix) + depth * (lo + lc) + strlen(middle) + strlen(suffix) + 1);
    char *p = s;
    CHECK(s != NULL);
    p += sprintf(p, "%s", prefix);
    for (i = 0; i < depth; i++, p += lo) memcpy(p, open, lo);
    p += sprintf(p, "%s", middle);
    for (i = 0; i < depth; i++, p += lc) memcpy(p, close, lc);
    sprintf(p, "%s", suffix);
    return s;
}

static void test_gazetteers(const char *dir) {
    nw_gazetteer *g = NULL;
    nw_matcher *m = NULL;
    nw_document *doc = NULL;
    char path[4096], needle[4200];
    char *deep, *line, *text;
    const char *punct;
    size_t n, i;

    /* Deeply nested JSON: a clear error on its line, no stack overflow. */
    deep = nested("{\"id\":\"A\",\"kind\":\"LOC\",\"name\":\"Alpha\"}\n"
                  "{\"id\":\"D\",\"kind\":\"LOC\",\"name\":\"Deep\",\"attrs\":",
                  "{\"a\":", "1", "}", "}\n", 100000);
    FAILS(nw_gazetteer_from_jsonl(S(deep), S("deep.jsonl"), &g, &err), NW_ERR_GAZETTEER,
          "deep.jsonl:2: invalid JSON: recursion limit exceeded");
    CHECK(g == NULL);
    sprintf(path, "%s/deep.jsonl", dir);
    write_file(path, deep, strlen(deep));
    sprintf(needle, "%s:2: invalid JSON", path);
    FAILS(nw_gazetteer_from_path(S(path), &g, &err), NW_ERR_GAZETTEER, needle);
    free(deep);
    deep = nested("{\"id\":\"D\",\"kind\":\"LOC\",\"name\":\"Deep\",\"aliases\":", "[", "", "]",
                  "}\n", 100000);
    FAILS(nw_gazetteer_from_jsonl(S(deep), S("deep.jsonl"), &g, &err), NW_ERR_GAZETTEER,
          "deep.jsonl:1:");
    free(deep);

    FAILS(nw_gazetteer_from_jsonl(S("{\"id\":\"A\",\"kind\":\"LOC\",\"name\":\"A\","
                                    "\"aliases\":[\"B\",\"\"]}\n"),
                                  S("g.jsonl"), &g, &err),
          NW_ERR_GAZETTEER, "g.jsonl:1: alias 2 is empty");
    FAILS(nw_gazetteer_from_jsonl(S("{\"id\":\"A\",\"kind\":\"LOC\",\"name\":\"\"}\n"),
                                  S("g.jsonl"), &g, &err),
          NW_ERR_GAZETTEER, "g.jsonl:1:");
    FAILS(nw_gazetteer_from_jsonl(S("{\"id\":\"A\",\"kind\":\"LOC\",\"name\":\"A\"}\n\n"
                                    "{\"id\":\"A\",\"kind\":\"ORG\",\"name\":\"B\"}\n"),
                                  S("g.jsonl"), &g, &err),
          NW_ERR_GAZETTEER, "g.jsonl:3: duplicate id `A` (first on line 1)");
    FAILS(nw_gazetteer_from_jsonl(S("[1,2]\n"), S("g.jsonl"), &g, &err), NW_ERR_GAZETTEER,
          "g.jsonl:1: expected a JSON object");
    FAILS(nw_gazetteer_from_tsv(S("A\tLOC\tA\tB||C\n"), S("g.tsv"), &g, &err),
          NW_ERR_GAZETTEER, "g.tsv:1: alias 2 is empty");
    FAILS(nw_gazetteer_from_tsv(S("A\tLOC\tA\nA\tLOC\tB\n"), S("g.tsv"), &g, &err),
          NW_ERR_GAZETTEER, "g.tsv:2: duplicate id");

    /* A 10k-character alias loads and is found. */
    line = malloc(10000 + 64);
    text = malloc(10000 + 64);
    CHECK(line != NULL && text != NULL);
    n = (size_t)sprintf(line, "L\tLOC\tLong\t");
    for (i = 0; i < 10000; i += 2) memcpy(line + n + i, "Ab", 2);
    strcpy(line + n + 10000, "\n");
    OK(nw_gazetteer_from_tsv(S(line), S("long.tsv"), &g, &err));
    OK(nw_matcher_new(g, NULL, &m, &err));
    strcpy(text, "Before ");
    memcpy(text + 7, line + n, 10000);
    strcpy(text + 7 + 10000, ", after.");
    OK(nw_matcher_annotate(m, S(text), &doc, &err));
    CHECK(check_document(doc, (const uint8_t *)text, strlen(text)) == 1);
    {
        nw_mention mention;
        OK(nw_document_mention(doc, 0, &mention, &err));
        CHECK(mention.span.start == 7 && mention.span.end == 7 + 10000);
    }
    nw_document_free(doc);
    nw_matcher_free(m);
    nw_gazetteer_free(g);
    free(line);
    free(text);

    /* Aliases of only punctuation load; what they find is never a cut character. */
    OK(nw_gazetteer_from_jsonl(S("{\"id\":\"P\",\"kind\":\"MISC\",\"name\":\"...\","
                                 "\"aliases\":[\"!!!\",\"--\",\"\xe2\x80\x99\xe2\x80\x99\",\"(*)\"]}\n"),
                               S("punct.jsonl"), &g, &err));
    OK(nw_gazetteer_len(g, &n, &err));
    CHECK(n == 1);
    OK(nw_matcher_new(g, NULL, &m, &err));
    punct = "Wait... what!!! -- a \xe2\x80\x99\xe2\x80\x99quote (*) here.";
    OK(nw_matcher_annotate(m, S(punct), &doc, &err));
    check_document(doc, (const uint8_t *)punct, strlen(punct));
    nw_document_free(doc);
    nw_matcher_free(m);
    nw_gazetteer_free(g);
}

static void test_many_with_bad_texts(void) {
    /* A batch with odd and bad texts: each bad one fails alone, in its place. */
    nw_str in[4];
    nw_document *out[4];
    size_t i;
    in[0].ptr = NULL;
    in[0].len = 0;
    in[1].ptr = (const uint8_t *)"\0Pakistan\0";
    in[1].len = 10;
    in[2].ptr = (const uint8_t *)" \n ";
    in[2].len = 3;
    in[3].ptr = (const uint8_t *)"Islamabad";
    in[3].len = 9;
    OK(nw_matcher_annotate_many(matcher, in, 4, 2, out, &err));
    for (i = 0; i < 4; i++) {
        size_t n = check_document(out[i], in[i].ptr ? in[i].ptr : (const uint8_t *)"", in[i].len);
        CHECK(n == (i == 1 || i == 3 ? 1u : 0u));
        nw_document_free(out[i]);
    }

    /* Invalid UTF-8 in the middle: the call fails naming it, its slot is NULL, and the
     * texts around it still get their documents. */
    in[2].ptr = (const uint8_t *)"ok \xc0\xaf";
    in[2].len = 5;
    FAILS(nw_matcher_annotate_many(matcher, in, 4, 2, out, &err), NW_ERR_UTF8,
          "text 2: invalid UTF-8 at byte offset 3");
    CHECK(out[0] != NULL && out[1] != NULL && out[2] == NULL && out[3] != NULL);
    CHECK(check_document(out[3], in[3].ptr, in[3].len) == 1);
    for (i = 0; i < 4; i++) nw_document_free(out[i]);
}

int main(int argc, char **argv) {
    nw_gazetteer *g = NULL;
    if (argc != 2) {
        fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    OK(nw_gazetteer_from_jsonl(S(GAZETTEER), S("test.jsonl"), &g, &err));
    OK(nw_matcher_new(g, NULL, &matcher, &err));
    test_odd_texts();
    test_invalid_utf8();
    test_long_line();
    test_gazetteers(argv[1]);
    test_many_with_bad_texts();
    nw_matcher_free(matcher);
    nw_gazetteer_free(g);
    printf("bad_input: %d checks passed\n", checks_run);
    return 0;
}
