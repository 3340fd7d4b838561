/* Every error path of newswire.h: NULL handles, NULL out-parameters, out-of-range indexes,
 * invalid UTF-8 (with its byte offset in the message), bad gazetteer lines (with their line
 * number), bad options; and that a failing call leaves no half-made handle behind.
 *
 * Usage: test_errors DIR   (DIR: an existing writable directory for gazetteer files) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "newswire.h"
#include "sample.h"

#define NUL_ NW_ERR_NULL
#define RANGE NW_ERR_RANGE

/* A non-NULL pointer that must be overwritten with NULL by a failing constructor. */
static int sentinel;
#define POISON(T) ((T *)(void *)&sentinel)

static void write_file(const char *path, const char *data) {
    FILE *fp = fopen(path, "wb");
    CHECK(fp != NULL && fputs(data, fp) >= 0 && fclose(fp) == 0);
}

static void test_error_object(void) {
    CHECK(nw_error_code(NULL) == NW_ERR_NULL);
    CHECK(strcmp(nw_error_message(NULL), "") == 0);
    nw_error_free(NULL);
    /* Without an error out-parameter the status alone comes back. */
    CHECK(nw_gazetteer_len(NULL, NULL, NULL) == NW_ERR_NULL);
    CHECK(nw_article_parse(S("ab\xff"), NULL, NULL) == NW_ERR_NULL);
    {
        nw_article *a = POISON(nw_article);
        CHECK(nw_article_parse(S("ab\xff"), &a, NULL) == NW_ERR_UTF8 && a == NULL);
    }
}

static void test_gazetteer_errors(const char *dir) {
    nw_gazetteer *g = POISON(nw_gazetteer);
    nw_entity e;
    size_t n, index;
    bool found;
    char path[4096], needle[4200];

    FAILS(nw_gazetteer_builtin(NULL, &err), NUL_, "nw_gazetteer_builtin: argument `out` is NULL");

    /* Bad lines name the source and the 1-based line. */
    FAILS(nw_gazetteer_from_jsonl(S("{\"id\":\"A\",\"kind\":\"LOC\",\"name\":\"Alpha\"}\n"
                                    "{\"id\":\"B\",\"kind\":\"LOC\",\"name\":\"Beta\"}\n"
                                    "{\"id\":\"C\",\"name\":\"Gamma\"}\n"),
                                  S("people.jsonl"), &g, &err),
          NW_ERR_GAZETTEER, "people.jsonl:3:");
    CHECK(g == NULL);
    FAILS(nw_gazetteer_from_jsonl(S("{\"id\":\"A\",\"kind\":\"LOC\",\"name\":\"Alpha\"}\n"
                                    "not json\n"),
                                  NULL, 0, &g, &err),
          NW_ERR_GAZETTEER, "<memory>:2:");
    FAILS(nw_gazetteer_from_jsonl(S("{\"id\":\"A\",\"kind\":\"LOC\",\"name\":\"Alpha\"}\n"
                                    "{\"id\":\"A\",\"kind\":\"LOC\",\"name\":\"Again\"}\n"),
                                  S("dup.jsonl"), &g, &err),
          NW_ERR_GAZETTEER, "dup.jsonl:2:");
    FAILS(nw_gazetteer_from_jsonl(S("{\"id\":\"A\",\"kind\":\"LOC\",\"name\":\"Alpha\","
                                    "\"aliases\":[\" \"]}\n"),
                                  S("empty.jsonl"), &g, &err),
          NW_ERR_GAZETTEER, "empty.jsonl:1:");
    FAILS(nw_gazetteer_from_tsv(S("A\tLOC\tAlpha\tAl\nB\tLOC\n"), S("people.tsv"), &g, &err),
          NW_ERR_GAZETTEER, "people.tsv:2:");
    CHECK(g == NULL);

    /* Invalid UTF-8: offset and line. */
    FAILS(nw_gazetteer_from_jsonl(S("{\"id\":\"A\",\"kind\":\"LOC\",\"name\":\"Alpha\"}\n"
                                    "{\"id\":\"B\",\"kind\":\"LOC\",\"name\":\"B\xe9ta\"}\n"),
                                  S("latin1.jsonl"), &g, &err),
          NW_ERR_UTF8, "latin1.jsonl: invalid UTF-8 at byte offset 71 (line 2)");
    FAILS(nw_gazetteer_from_tsv(S("A\tLOC\tAlpha\tAl\n"), S("bad\xffname"), &g, &err),
          NW_ERR_UTF8, "name: invalid UTF-8 at byte offset 3");

    /* NULL arguments. */
    FAILS(nw_gazetteer_from_jsonl(NULL, 5, NULL, 0, &g, &err), NUL_, "`data`");
    FAILS(nw_gazetteer_from_jsonl(S("{}"), NULL, 0, NULL, &err), NUL_, "`out`");
    FAILS(nw_gazetteer_from_tsv(NULL, 5, NULL, 0, &g, &err), NUL_, "`data`");
    FAILS(nw_gazetteer_from_tsv(S("x"), NULL, 0, NULL, &err), NUL_, "`out`");
    FAILS(nw_gazetteer_from_path(NULL, 0, &g, &err), NUL_, "`path`");
    FAILS(nw_gazetteer_from_path(S("x.tsv"), NULL, &err), NUL_, "`out`");

    /* Files: a bad line, a missing file, an unknown extension. */
    sprintf(path, "%s/bad.tsv", dir);
    write_file(path, "A\tLOC\tAlpha\tAl\n# a comment\nB\tLOC\tBeta\tBe\nC\tLOC\n");
    sprintf(needle, "%s:4:", path);
    g = POISON(nw_gazetteer);
    FAILS(nw_gazetteer_from_path(S(path), &g, &err), NW_ERR_GAZETTEER, needle);
    CHECK(g == NULL);
    sprintf(path, "%s/missing.jsonl", dir);
    FAILS(nw_gazetteer_from_path(S(path), &g, &err), NW_ERR_IO, "missing.jsonl");
    sprintf(path, "%s/sample.xyz", dir);
    write_file(path, SAMPLE_JSONL);
    FAILS(nw_gazetteer_from_path(S(path), &g, &err), NW_ERR_OPTION, "sample.xyz");

    /* Readers. */
    OK(nw_gazetteer_from_jsonl(S(SAMPLE_JSONL), NULL, 0, &g, &err));
    FAILS(nw_gazetteer_len(NULL, &n, &err), NUL_, "`gazetteer`");
    FAILS(nw_gazetteer_len(g, NULL, &err), NUL_, "`out`");
    FAILS(nw_gazetteer_entity(NULL, 0, &e, &err), NUL_, "`gazetteer`");
    FAILS(nw_gazetteer_entity(g, 0, NULL, &err), NUL_, "`out`");
    FAILS(nw_gazetteer_entity(g, SAMPLE_LEN, &e, &err), RANGE, "index 12 is out of range");
    FAILS(nw_gazetteer_entity(g, (size_t)-1, &e, &err), RANGE, NULL);
    FAILS(nw_gazetteer_find(NULL, S("PK"), &index, &found, &err), NUL_, "`gazetteer`");
    FAILS(nw_gazetteer_find(g, NULL, 2, &index, &found, &err), NUL_, "`id`");
    FAILS(nw_gazetteer_find(g, S("PK"), NULL, &found, &err), NUL_, "`index`");
    FAILS(nw_gazetteer_find(g, S("PK"), &index, NULL, &err), NUL_, "`found`");
    FAILS(nw_gazetteer_find(g, S("P\xc0"), &index, &found, &err), NW_ERR_UTF8, "byte offset 1");
    nw_gazetteer_free(g);
}

static void test_matcher_errors(void) {
    nw_gazetteer *g = NULL;
    nw_matcher_options *o = POISON(nw_matcher_options);
    nw_matcher *m = POISON(nw_matcher);
    nw_document *doc = POISON(nw_document);
    nw_document *out[3];
    nw_str in[3];
    size_t i;

    FAILS(nw_matcher_options_new(NULL, &err), NUL_, "`out`");
    OK(nw_matcher_options_new(&o, &err));
    FAILS(nw_matcher_options_set_case(NULL, NW_CASE_EXACT, &err), NUL_, "`options`");
    FAILS(nw_matcher_options_set_case(o, 3, &err), NW_ERR_OPTION, "unknown case mode 3");
    FAILS(nw_matcher_options_set_overlaps(NULL, NW_OVERLAPS_ALL, &err), NUL_, "`options`");
    FAILS(nw_matcher_options_set_overlaps(o, 2, &err), NW_ERR_OPTION, "unknown overlap mode 2");
    FAILS(nw_matcher_options_set_variants(NULL, true, &err), NUL_, "`options`");
    FAILS(nw_matcher_options_set_fold_diacritics(NULL, true, &err), NUL_, "`options`");
    FAILS(nw_matcher_options_set_stop_list(NULL, true, &err), NUL_, "`options`");
    FAILS(nw_matcher_options_set_min_alias_len(NULL, 3, &err), NUL_, "`options`");

    OK(nw_gazetteer_from_jsonl(S(SAMPLE_JSONL), NULL, 0, &g, &err));
    FAILS(nw_matcher_new(NULL, o, &m, &err), NUL_, "nw_matcher_new: argument `gazetteer`");
    CHECK(m == NULL);
    FAILS(nw_matcher_new(g, NULL, NULL, &err), NUL_, "`out`");
    OK(nw_matcher_new(g, o, &m, &err));
    nw_matcher_options_free(o);

    FAILS(nw_matcher_annotate(NULL, S("x"), &doc, &err), NUL_, "`matcher`");
    CHECK(doc == NULL);
    FAILS(nw_matcher_annotate(m, S("x"), NULL, &err), NUL_, "`out`");
    FAILS(nw_matcher_annotate(m, NULL, 4, &doc, &err), NUL_, "`text`");
    doc = POISON(nw_document);
    FAILS(nw_matcher_annotate(m, S("Pakistan \xe2\x80 Georgia"), &doc, &err), NW_ERR_UTF8,
          "nw_matcher_annotate: text: invalid UTF-8 at byte offset 9");
    CHECK(doc == NULL);

    /* Many: a bad text loses only itself. */
    in[0].ptr = (const uint8_t *)"Pakistan voted.";
    in[0].len = strlen("Pakistan voted.");
    in[1].ptr = (const uint8_t *)"Georgia \xff voted.";
    in[1].len = strlen("Georgia \xff voted.");
    in[2].ptr = NULL;
    in[2].len = 3;
    FAILS(nw_matcher_annotate_many(NULL, in, 3, 2, out, &err), NUL_, "`matcher`");
    FAILS(nw_matcher_annotate_many(m, NULL, 3, 2, out, &err), NUL_, "`texts`");
    FAILS(nw_matcher_annotate_many(m, in, 3, 2, NULL, &err), NUL_, "`out`");
    for (i = 0; i < 2; i++) {
        out[0] = out[1] = out[2] = POISON(nw_document);
        FAILS(nw_matcher_annotate_many(m, in, 3, i * 2, out, &err), NW_ERR_UTF8,
              "text 1: invalid UTF-8 at byte offset 8");
        CHECK(out[0] != NULL && out[1] == NULL && out[2] == NULL);
        nw_document_free(out[0]);
    }
    in[1] = in[0];
    FAILS(nw_matcher_annotate_many(m, in, 3, 1, out, &err), NUL_, "`text 2`");
    CHECK(out[0] != NULL && out[1] != NULL && out[2] == NULL);
    nw_document_free(out[0]);
    nw_document_free(out[1]);

    nw_matcher_free(m);
    nw_gazetteer_free(g);
}

static void test_article_errors(void) {
    nw_article *a = POISON(nw_article);
    size_t n, index;
    nw_span span, other;
    nw_date date;
    bool found;
    nw_trailer_kind kind;
    const uint8_t *text;
    const char *json;
    nw_string *s = POISON(nw_string);

    FAILS(nw_article_parse(S("x"), NULL, &err), NUL_, "`out`");
    FAILS(nw_article_parse(NULL, 1, &a, &err), NUL_, "`text`");
    CHECK(a == NULL);
    FAILS(nw_article_parse(S("GAZA, Dec. 1 (Xinhua) -- caf\xc3"), &a, &err), NW_ERR_UTF8,
          "nw_article_parse: text: invalid UTF-8 at byte offset 28 (line 1)");
    FAILS(nw_article_parse(S("line one\nline two \xed\xa0\x80"), &a, &err), NW_ERR_UTF8,
          "byte offset 18 (line 2)"); /* an encoded surrogate is not UTF-8 */
    FAILS(nw_article_parse_with_date(S("x"), 2023, 2, 29, &a, &err), NW_ERR_OPTION,
          "2023-02-29");
    FAILS(nw_article_parse_with_date(S("x"), 2024, 300, 1, &a, &err), NW_ERR_OPTION, NULL);
    FAILS(nw_article_parse_with_date(S("x"), 2024, 1, 0, &a, &err), NW_ERR_OPTION, NULL);
    FAILS(nw_article_parse_with_date(S("\xff"), 2024, 1, 1, &a, &err), NW_ERR_UTF8, NULL);
    FAILS(nw_article_parse_with_date(S("x"), 2024, 1, 1, NULL, &err), NUL_, "`out`");

    OK(nw_article_parse(S(SAMPLE_ARTICLE), &a, &err));

    FAILS(nw_article_text(NULL, &text, &n, &err), NUL_, "nw_article_text: argument `article`");
    FAILS(nw_article_text(a, NULL, &n, &err), NUL_, "`ptr`");
    FAILS(nw_article_text(a, &text, NULL, &err), NUL_, "`len`");

    FAILS(nw_article_headline(NULL, &span, &found, &err), NUL_, "`article`");
    FAILS(nw_article_headline(a, NULL, &found, &err), NUL_, "`out`");
    FAILS(nw_article_headline(a, &span, NULL, &err), NUL_, "`found`");
    FAILS(nw_article_byline(NULL, &span, &found, &err), NUL_, "`article`");
    FAILS(nw_article_byline(a, NULL, &found, &err), NUL_, "`out`");
    FAILS(nw_article_byline(a, &span, NULL, &err), NUL_, "`found`");
    FAILS(nw_article_body(NULL, &span, &err), NUL_, "`article`");
    FAILS(nw_article_body(a, NULL, &err), NUL_, "`out`");
    FAILS(nw_article_dateline(NULL, &span, &found, &err), NUL_, "`article`");
    FAILS(nw_article_dateline(a, NULL, &found, &err), NUL_, "`out`");
    FAILS(nw_article_dateline(a, &span, NULL, &err), NUL_, "`found`");
    FAILS(nw_article_dateline_agency(NULL, &span, &found, &err), NUL_, "`article`");
    FAILS(nw_article_dateline_agency(a, NULL, &found, &err), NUL_, "`out`");
    FAILS(nw_article_dateline_agency(a, &span, NULL, &err), NUL_, "`found`");
    FAILS(nw_article_dateline_separator(NULL, &span, &found, &err), NUL_, "`article`");
    FAILS(nw_article_dateline_separator(a, NULL, &found, &err), NUL_, "`out`");
    FAILS(nw_article_dateline_separator(a, &span, NULL, &err), NUL_, "`found`");
    FAILS(nw_article_dateline_date(NULL, &date, &span, &found, &err), NUL_, "`article`");
    FAILS(nw_article_dateline_date(a, NULL, &span, &found, &err), NUL_, "`date`");
    FAILS(nw_article_dateline_date(a, &date, NULL, &found, &err), NUL_, "`out`");
    FAILS(nw_article_dateline_date(a, &date, &span, NULL, &err), NUL_, "`found`");
    FAILS(nw_article_sentence_at(NULL, 0, &index, &found, &err), NUL_, "`article`");
    FAILS(nw_article_sentence_at(a, 0, NULL, &found, &err), NUL_, "`index`");
    FAILS(nw_article_sentence_at(a, 0, &index, NULL, &err), NUL_, "`found`");

    /* Counts, and each list's index getter one past its end. */
    FAILS(nw_article_paragraph_count(NULL, &n, &err), NUL_, "`article`");
    FAILS(nw_article_paragraph_count(a, NULL, &err), NUL_, "`out`");
    OK(nw_article_paragraph_count(a, &n, &err));
    FAILS(nw_article_paragraph(NULL, 0, &span, &err), NUL_, "`article`");
    FAILS(nw_article_paragraph(a, 0, NULL, &err), NUL_, "`out`");
    FAILS(nw_article_paragraph(a, n, &span, &err), RANGE, "paragraph index");

    FAILS(nw_article_sentence_count(NULL, &n, &err), NUL_, "`article`");
    FAILS(nw_article_sentence_count(a, NULL, &err), NUL_, "`out`");
    OK(nw_article_sentence_count(a, &n, &err));
    FAILS(nw_article_sentence(NULL, 0, &span, &err), NUL_, "`article`");
    FAILS(nw_article_sentence(a, 0, NULL, &err), NUL_, "`out`");
    FAILS(nw_article_sentence(a, n, &span, &err), RANGE, "sentence index");
    FAILS(nw_article_sentence(a, (size_t)-1, &span, &err), RANGE, "sentence index");

    FAILS(nw_article_dateline_location_count(NULL, &n, &err), NUL_, "`article`");
    FAILS(nw_article_dateline_location_count(a, NULL, &err), NUL_, "`out`");
    OK(nw_article_dateline_location_count(a, &n, &err));
    FAILS(nw_article_dateline_location(NULL, 0, &span, &err), NUL_, "`article`");
    FAILS(nw_article_dateline_location(a, 0, NULL, &err), NUL_, "`out`");
    FAILS(nw_article_dateline_location(a, n, &span, &err), RANGE, "dateline location index");

    FAILS(nw_article_trailer_count(NULL, &n, &err), NUL_, "`article`");
    FAILS(nw_article_trailer_count(a, NULL, &err), NUL_, "`out`");
    OK(nw_article_trailer_count(a, &n, &err));
    FAILS(nw_article_trailer(NULL, 0, &span, &kind, &err), NUL_, "`article`");
    FAILS(nw_article_trailer(a, 0, NULL, &kind, &err), NUL_, "`out`");
    FAILS(nw_article_trailer(a, 0, &span, NULL, &err), NUL_, "`kind`");
    FAILS(nw_article_trailer(a, n, &span, &kind, &err), RANGE, "trailer index");

    FAILS(nw_article_acronym_count(NULL, &n, &err), NUL_, "`article`");
    FAILS(nw_article_acronym_count(a, NULL, &err), NUL_, "`out`");
    OK(nw_article_acronym_count(a, &n, &err));
    FAILS(nw_article_acronym(NULL, 0, &span, &other, &err), NUL_, "`article`");
    FAILS(nw_article_acronym(a, 0, NULL, &other, &err), NUL_, "`out`");
    FAILS(nw_article_acronym(a, 0, &span, NULL, &err), NUL_, "`long_form`");
    FAILS(nw_article_acronym(a, n, &span, &other, &err), RANGE, "acronym index");

    FAILS(nw_article_quote_count(NULL, &n, &err), NUL_, "`article`");
    FAILS(nw_article_quote_count(a, NULL, &err), NUL_, "`out`");
    OK(nw_article_quote_count(a, &n, &err));
    FAILS(nw_article_quote(NULL, 0, &span, &other, &found, &err), NUL_, "`article`");
    FAILS(nw_article_quote(a, 0, NULL, &other, &found, &err), NUL_, "`out`");
    FAILS(nw_article_quote(a, 0, &span, NULL, &found, &err), NUL_, "`speaker`");
    FAILS(nw_article_quote(a, 0, &span, &other, NULL, &err), NUL_, "`has_speaker`");
    FAILS(nw_article_quote(a, n, &span, &other, &found, &err), RANGE, "quote index");

    FAILS(nw_article_date_count(NULL, &n, &err), NUL_, "`article`");
    FAILS(nw_article_date_count(a, NULL, &err), NUL_, "`out`");
    OK(nw_article_date_count(a, &n, &err));
    FAILS(nw_article_date(NULL, 0, &span, &date, &err), NUL_, "`article`");
    FAILS(nw_article_date(a, 0, NULL, &date, &err), NUL_, "`out`");
    FAILS(nw_article_date(a, 0, &span, NULL, &err), NUL_, "`date`");
    FAILS(nw_article_date(a, n, &span, &date, &err), RANGE, "date index");

    FAILS(nw_article_to_json(NULL, NULL, 0, &s, &err), NUL_, "`article`");
    CHECK(s == NULL);
    FAILS(nw_article_to_json(a, NULL, 0, NULL, &err), NUL_, "`out`");
    FAILS(nw_article_to_json(a, S("id\xff"), &s, &err), NW_ERR_UTF8, "id: invalid UTF-8");

    FAILS(nw_string_data(NULL, &json, &n, &err), NUL_, "`string`");
    OK(nw_article_to_json(a, NULL, 0, &s, &err));
    FAILS(nw_string_data(s, NULL, &n, &err), NUL_, "`ptr`");
    FAILS(nw_string_data(s, &json, NULL, &err), NUL_, "`len`");
    nw_string_free(s);

    nw_article_free(a);
}

static void test_document_errors(void) {
    nw_gazetteer *g = NULL;
    nw_matcher *m = NULL;
    nw_document *doc = NULL;
    const nw_article *a;
    nw_mention mention;
    nw_entity e;
    nw_entity_summary summary;
    nw_string *s = POISON(nw_string);
    size_t n;

    OK(nw_gazetteer_from_jsonl(S(SAMPLE_JSONL), NULL, 0, &g, &err));
    OK(nw_matcher_new(g, NULL, &m, &err));
    OK(nw_matcher_annotate(m, S("Pakistan and Georgia met."), &doc, &err));

    FAILS(nw_document_article(NULL, &a, &err), NUL_, "`document`");
    FAILS(nw_document_article(doc, NULL, &err), NUL_, "`out`");

    FAILS(nw_document_mention_count(NULL, &n, &err), NUL_, "`document`");
    FAILS(nw_document_mention_count(doc, NULL, &err), NUL_, "`out`");
    OK(nw_document_mention_count(doc, &n, &err));
    CHECK(n == 2);
    FAILS(nw_document_mention(NULL, 0, &mention, &err), NUL_, "`document`");
    FAILS(nw_document_mention(doc, 0, NULL, &err), NUL_, "`out`");
    FAILS(nw_document_mention(doc, n, &mention, &err), RANGE, "mention index 2 is out of range");
    FAILS(nw_document_mention_entity(NULL, 0, 0, &e, &err), NUL_, "`document`");
    FAILS(nw_document_mention_entity(doc, 0, 0, NULL, &err), NUL_, "`out`");
    FAILS(nw_document_mention_entity(doc, n, 0, &e, &err), RANGE, "mention index");
    OK(nw_document_mention(doc, 1, &mention, &err));
    FAILS(nw_document_mention_entity(doc, 1, mention.entity_count, &e, &err), RANGE,
          "mention entity index 2 is out of range");

    FAILS(nw_document_entity_count(NULL, &n, &err), NUL_, "`document`");
    FAILS(nw_document_entity_count(doc, NULL, &err), NUL_, "`out`");
    OK(nw_document_entity_count(doc, &n, &err));
    FAILS(nw_document_entity(NULL, 0, &summary, &err), NUL_, "`document`");
    FAILS(nw_document_entity(doc, 0, NULL, &err), NUL_, "`out`");
    FAILS(nw_document_entity(doc, n, &summary, &err), RANGE, "entity index");

    FAILS(nw_document_to_json(NULL, NULL, 0, &s, &err), NUL_, "`document`");
    CHECK(s == NULL);
    FAILS(nw_document_to_json(doc, NULL, 0, NULL, &err), NUL_, "`out`");
    FAILS(nw_document_to_json(doc, S("\xc3("), &s, &err), NW_ERR_UTF8, "id: invalid UTF-8");
    OK(nw_document_to_json(doc, NULL, 3, &s, &err)); /* a NULL id is no id, whatever its length */
    nw_string_free(s);

    nw_document_free(doc);
    nw_matcher_free(m);
    nw_gazetteer_free(g);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    test_error_object();
    test_gazetteer_errors(argv[1]);
    test_matcher_errors();
    test_article_errors();
    test_document_errors();
    printf("test_errors: %d checks passed\n", checks_run);
    return 0;
}
