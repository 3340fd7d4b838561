/* The sample gazetteer and article the C tests share, written for these tests. */
#ifndef NW_TEST_SAMPLE_H
#define NW_TEST_SAMPLE_H

/* 12 entities. GE and GA share the alias "Georgia"; MA's alias "March" is a month name
 * (dropped by the stop list); XY's alias "Xy" is two characters long. */
static const char SAMPLE_JSONL[] =
    "{\"id\":\"PK\",\"kind\":\"LOC\",\"name\":\"Pakistan\"}\n"
    "{\"id\":\"ISB\",\"kind\":\"LOC\",\"name\":\"Islamabad\"}\n"
    "{\"id\":\"OIC\",\"kind\":\"ORG\",\"name\":\"Organization of Islamic Cooperation\","
    "\"aliases\":[\"OIC\"]}\n"
    "{\"id\":\"P1\",\"kind\":\"PERSON\",\"name\":\"Syed Aminul Haque\"}\n"
    "{\"id\":\"GE\",\"kind\":\"LOC\",\"name\":\"Georgia\"}\n"
    "{\"id\":\"GA\",\"kind\":\"LOC\",\"name\":\"Georgia State\",\"aliases\":[\"Georgia\"]}\n"
    "{\"id\":\"SP\",\"kind\":\"LOC\",\"name\":\"S\xc3\xa3o Paulo\"}\n"
    "{\"id\":\"AQ\",\"kind\":\"ORG\",\"name\":\"Al-Qaeda\"}\n"
    "{\"id\":\"NY\",\"kind\":\"LOC\",\"name\":\"New York\"}\n"
    "{\"id\":\"NYT\",\"kind\":\"ORG\",\"name\":\"New York Times\"}\n"
    "{\"id\":\"MA\",\"kind\":\"LOC\",\"name\":\"March Town\",\"aliases\":[\"March\"]}\n"
    "{\"id\":\"XY\",\"kind\":\"LOC\",\"name\":\"Xylo Town\",\"aliases\":[\"Xy\"]}\n";

#define SAMPLE_LEN 12

/* The same kind of data as TSV: id, kind, name, aliases. */
static const char SAMPLE_TSV[] =
    "# id\tkind\tname\taliases\n"
    "PK\tLOC\tPakistan\tIslamic Republic of Pakistan\n"
    "ISB\tLOC\tIslamabad\tIslamabad Capital Territory\n"
    "OIC\tORG\tOrganization of Islamic Cooperation\tOIC\n";

static const char SAMPLE_ARTICLE[] =
    "ISLAMABAD, Dec 12 (APP): Federal Minister Syed Aminul Haque said on Monday that "
    "Pakistan would host a meeting of the Organization of Islamic Cooperation (OIC) in "
    "March.\n"
    "\n"
    "Haque told reporters in Sao Paulo that Georgia had joined the talks. \"We are "
    "ready,\" he said.\n"
    "\n"
    "(Reporting by Staff Writer; Editing by Desk Editor)\n";

#endif
