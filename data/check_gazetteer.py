#!/usr/bin/env python3
"""Check a newswire gazetteer in JSON Lines and report what it holds.

    python3 data/check_gazetteer.py [FILE] [--shared] [--fold] [--variants] [--project]

FILE defaults to gazetteer.jsonl next to this script. The check follows the
format the library loads: one JSON object a line,
`{id, kind, name, aliases?, attrs?}`, an alias being a string or
`{"text": ..., "case"?: "smart"|"exact"|"insensitive", "kind"?: ...}`.

Errors (exit status 1): a line that is not a JSON object, a missing or empty
field, an unknown field, a duplicate id, an empty or untrimmed name or alias,
an alias repeated within one entity or equal to the entity's name, a bad case
mode, text that is not in Unicode NFC.

With --project (the default for the built-in file) it also checks the
conventions of newswire's default gazetteer: the id prefixes, `attrs.type`,
ISO codes, cities, states and companies pointing at a known country, a
company's `attrs.sector` from the fixed list, no two-letter postal code as a
state alias.

Always reported: counts per kind, per `attrs.type` and per alias kind; names
and aliases shared by more than one entity (the ambiguous ones; --shared
prints them all, otherwise the first 40); with --fold, forms that only collide
once case and diacritics are folded; the number of aliases that differ from
another form of the same entity only by case or accents (kept on purpose: the
matcher can run with case `exact` or with diacritic folding off; --variants
lists them); with --project, capitals and headquarters that name no place in
the file (a typo shows up there).

Only the Python standard library is used.
"""

import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

CASE_MODES = {"smart", "exact", "insensitive"}
ENTITY_KEYS = {"id", "kind", "name", "aliases", "attrs"}
ALIAS_KEYS = {"text", "case", "kind"}

ID_RULES = [
    (re.compile(r"^country:[A-Z]{2}$"), "LOC", {"country", "territory", "former_country"}),
    (re.compile(r"^city:[A-Z]{2}:[a-z0-9]+(-[a-z0-9]+)*$"), "LOC", {"city"}),
    (re.compile(r"^us-state:[A-Z]{2}$"), "LOC", {"us_state", "us_federal_district"}),
    (re.compile(r"^region:[a-z0-9]+(-[a-z0-9]+)*$"), "LOC", None),
    (re.compile(r"^org:[A-Za-z0-9]+(-[A-Za-z0-9]+)*$"), "ORG", None),
    (re.compile(r"^agency:[a-z0-9]+(-[a-z0-9]+)*$"), "ORG", {"news_agency"}),
    (re.compile(r"^company:[a-z0-9]+(-[a-z0-9]+)*$"), "ORG", {"company"}),
]

# attrs.sector of a `company:` entity: one of these (data/README.md explains each).
SECTORS = {
    "aerospace-defence", "automotive", "conglomerate", "consumer", "energy", "finance",
    "health", "industrial", "insurance", "media", "mining", "professional-services",
    "real-estate", "retail", "technology", "telecom", "transport", "utilities",
}


def fold(s):
    """Case and diacritics folded, dashes and spaces unified: how the matcher compares."""
    s = unicodedata.normalize("NFD", s.casefold())
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[\u2010-\u2015-]", "-", s)
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
    return re.sub(r"\s+", " ", s)


class Report:
    def __init__(self, path):
        self.path = path
        self.errors = []
        self.warnings = []
        self.variants = []
        self.unresolved = []

    def error(self, line, msg):
        self.errors.append((line, f"{self.path}:{line}: {msg}"))

    def warn(self, line, msg):
        self.warnings.append(f"{self.path}:{line}: {msg}")


def check_text(rep, line, what, text):
    if not isinstance(text, str):
        rep.error(line, f"{what} is not a string")
        return False
    if not text.strip():
        rep.error(line, f"{what} is empty")
        return False
    if text != text.strip():
        rep.error(line, f"{what} {text!r} has leading or trailing space")
    if "  " in text or "\t" in text or "\n" in text:
        rep.error(line, f"{what} {text!r} has a run of whitespace")
    if unicodedata.normalize("NFC", text) != text:
        rep.error(line, f"{what} {text!r} is not NFC")
    return True


def load(path, rep):
    entities = []
    try:
        raw = Path(path).read_bytes()
    except OSError as e:
        rep.error(0, f"cannot read: {e}")
        return entities
    for n, bline in enumerate(raw.split(b"\n"), 1):
        if not bline.strip():
            continue
        try:
            text = bline.decode("utf-8")
        except UnicodeDecodeError as e:
            rep.error(n, f"bad UTF-8: {e}")
            continue
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as e:
            rep.error(n, f"bad JSON: {e}")
            continue
        if not isinstance(obj, dict):
            rep.error(n, "not a JSON object")
            continue
        entities.append((n, obj))
    return entities


def check_entity(rep, n, e):
    """Schema checks for one entity; returns its surface forms [(text, alias-or-None)]."""
    for k in e:
        if k not in ENTITY_KEYS:
            rep.error(n, f"unknown field {k!r}")
    for k in ("id", "kind", "name"):
        if k not in e:
            rep.error(n, f"missing field {k!r}")
        else:
            check_text(rep, n, k, e[k])
    if "attrs" in e and not isinstance(e["attrs"], dict):
        rep.error(n, "attrs is not an object")
    forms = []
    name = e.get("name")
    if isinstance(name, str) and name.strip():
        forms.append((name, None))
    aliases = e.get("aliases", [])
    if not isinstance(aliases, list):
        rep.error(n, "aliases is not an array")
        return forms
    seen = {name}
    folded = {fold(name)} if isinstance(name, str) else set()
    for a in aliases:
        if isinstance(a, dict):
            for k in a:
                if k not in ALIAS_KEYS:
                    rep.error(n, f"unknown alias field {k!r} in {a!r}")
            if "text" not in a:
                rep.error(n, f"alias object without text: {a!r}")
                continue
            text = a["text"]
            if "case" in a and a["case"] not in CASE_MODES:
                rep.error(n, f"alias {text!r}: bad case {a['case']!r}")
            if "kind" in a and not (isinstance(a["kind"], str) and a["kind"].strip()):
                rep.error(n, f"alias {text!r}: empty kind")
        else:
            text = a
        if not check_text(rep, n, "alias", text):
            continue
        if text in seen:
            what = "the name" if text == name else "another alias"
            rep.error(n, f"alias {text!r} repeats {what}")
            continue
        if fold(text) in folded:
            rep.variants.append(f"{e.get('id')}: {text}")
        if re.fullmatch(r"[a-z]+", text):
            rep.warn(n, f"{e.get('id')}: alias {text!r} is one lower-case word; "
                        "it matches that word in running text")
        seen.add(text)
        folded.add(fold(text))
        forms.append((text, a))
    return forms


def check_project(rep, n, e, countries, all_ids, city_names):
    """The default gazetteer's own conventions."""
    id_ = e.get("id", "")
    attrs = e.get("attrs") or {}
    typ = attrs.get("type")
    if not isinstance(typ, str) or not typ:
        rep.error(n, f"{id_}: attrs.type missing")
    for rx, kind, types in ID_RULES:
        if rx.match(id_):
            if e.get("kind") != kind:
                rep.error(n, f"{id_}: kind {e.get('kind')!r}, want {kind!r}")
            if types is not None and typ not in types:
                rep.error(n, f"{id_}: attrs.type {typ!r}, want one of {sorted(types)}")
            break
    else:
        rep.error(n, f"id {id_!r} does not follow the id scheme")
    if id_.startswith("country:"):
        iso2 = id_.split(":")[1]
        if attrs.get("iso2") != iso2:
            rep.error(n, f"{id_}: attrs.iso2 {attrs.get('iso2')!r}")
        if not re.match(r"^[A-Z]{3}$", str(attrs.get("iso3", ""))):
            rep.error(n, f"{id_}: attrs.iso3 {attrs.get('iso3')!r}")
    if id_.startswith("company:"):
        if "country" not in attrs:
            rep.error(n, f"{id_}: attrs.country missing")
        sector = attrs.get("sector")
        if sector not in SECTORS:
            rep.error(n, f"{id_}: attrs.sector {sector!r}, want one of {sorted(SECTORS)}")
    if id_.startswith("city:"):
        cc = id_.split(":")[1]
        if attrs.get("country") != cc:
            rep.error(n, f"{id_}: attrs.country {attrs.get('country')!r}")
        if not isinstance(attrs.get("capital"), bool):
            rep.error(n, f"{id_}: attrs.capital must be true or false")
    for key in ("country", "sovereign"):
        v = attrs.get(key)
        if v is not None and v not in countries:
            rep.error(n, f"{id_}: attrs.{key} {v!r} is not a country id in this file")
    for v in attrs.get("countries", []) + attrs.get("successors", []):
        if v not in countries:
            rep.error(n, f"{id_}: attrs.countries has unknown {v!r}")
    parent = attrs.get("parent")
    if parent is not None and parent not in all_ids:
        rep.error(n, f"{id_}: attrs.parent {parent!r} is not an id in this file")
    for key in ("headquarters", "capital"):
        v = attrs.get(key)
        if isinstance(v, str) and v not in city_names:
            rep.unresolved.append(f"{id_}: {key} {v}")
    if id_.startswith("us-state:"):
        for a in e.get("aliases", []):
            t = a["text"] if isinstance(a, dict) else a
            if re.fullmatch(r"[A-Z]{2}", t):
                rep.error(n, f"{id_}: two-letter postal code {t!r} as an alias")


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    flags = {a for a in argv if a.startswith("--")}
    unknown = flags - {"--shared", "--fold", "--variants", "--project", "--help"}
    if "--help" in flags or unknown or len(args) > 1:
        print(__doc__)
        return 0 if "--help" in flags else 2
    default = Path(__file__).with_name("gazetteer.jsonl")
    path = Path(args[0]) if args else default
    project = "--project" in flags or not args
    rep = Report(path)
    entities = load(path, rep)

    ids = {}
    for n, e in entities:
        id_ = e.get("id")
        if isinstance(id_, str):
            if id_ in ids:
                rep.error(n, f"duplicate id {id_!r} (first on line {ids[id_]})")
            else:
                ids[id_] = n
    countries = {i.split(":")[1] for i in ids if i.startswith("country:")}
    city_names = {e.get("name") for _, e in entities if e.get("kind") == "LOC"}

    by_form = defaultdict(list)
    by_fold = defaultdict(set)
    kinds, types, sectors = Counter(), Counter(), Counter()
    alias_kinds, alias_cases = Counter(), Counter()
    n_aliases = 0
    for n, e in entities:
        forms = check_entity(rep, n, e)
        if project:
            check_project(rep, n, e, countries, ids, city_names)
        kinds[e.get("kind")] += 1
        types[(e.get("attrs") or {}).get("type")] += 1
        if (e.get("attrs") or {}).get("type") == "company":
            sectors[(e.get("attrs") or {}).get("sector")] += 1
        for text, a in forms:
            by_form[text].append(e.get("id"))
            by_fold[fold(text)].add(e.get("id"))
            if a is not None:
                n_aliases += 1
                alias_kinds[a.get("kind", "-") if isinstance(a, dict) else "-"] += 1
                if isinstance(a, dict) and "case" in a:
                    alias_cases[a["case"]] += 1

    print(f"{path}: {len(entities)} entities, {n_aliases} aliases, "
          f"{len(by_form)} distinct surface forms")
    print("by kind:     " + ", ".join(f"{k}={v}" for k, v in sorted(kinds.items(), key=str)))
    print("by type:     " + ", ".join(f"{k}={v}" for k, v in sorted(types.items(), key=str)))
    if sectors:
        print("by sector:   " + ", ".join(f"{k}={v}" for k, v in sorted(sectors.items(), key=str)))
    print("alias kinds: " + ", ".join(f"{k}={v}" for k, v in sorted(alias_kinds.items())))
    if alias_cases:
        print("alias cases: " + ", ".join(f"{k}={v}" for k, v in sorted(alias_cases.items())))

    shared = {t: sorted(set(v)) for t, v in by_form.items() if len(set(v)) > 1}
    print(f"\nshared surface forms (ambiguous on purpose): {len(shared)}")
    items = sorted(shared.items(), key=lambda kv: kv[0].casefold())
    limit = None if "--shared" in flags else 40
    for text, owners in items[:limit]:
        print(f"  {text}: {', '.join(owners)}")
    if limit is not None and len(items) > limit:
        print(f"  ... {len(items) - limit} more (--shared lists them all)")

    if "--fold" in flags:
        exact = {fold(t) for t in shared}
        folded = {f: sorted(v) for f, v in by_fold.items() if len(v) > 1 and f not in exact}
        print(f"\nforms that collide only after case/diacritic folding: {len(folded)}")
        for f, owners in sorted(folded.items()):
            print(f"  {f}: {', '.join(owners)}")

    print(f"\nforms that differ from another of the same entity only by case or accents: "
          f"{len(rep.variants)}")
    if "--variants" in flags:
        for v in rep.variants:
            print("  " + v)
    if project:
        print(f"\ncapitals and headquarters that name no place in this file: {len(rep.unresolved)}")
        for u in rep.unresolved:
            print("  " + u)

    if rep.warnings:
        print(f"\nwarnings: {len(rep.warnings)}")
        for w in rep.warnings:
            print("  " + w)
    if rep.errors:
        print(f"\nerrors: {len(rep.errors)}", file=sys.stderr)
        for _, err in sorted(rep.errors, key=lambda e: e[0]):
            print("  " + err, file=sys.stderr)
        return 1
    print("\nok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
