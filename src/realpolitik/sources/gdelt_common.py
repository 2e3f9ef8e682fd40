"""What GDELT 1.0 and 2.0 event rows share: the first 38 columns and how they become events.

Column positions (0-based) are those of the GDELT codebooks; 1.0 and 2.0 agree up to
Actor1Geo_ADM1Code (38), after which 2.0 inserts ADM2 columns. Actor country codes are CAMEO
codes, mapped to store codes through the country table; an IGO known-group code (UNO, NATO…)
stands in when the country code is empty. QuadClass and GoldsteinScale are kept as the file
carries them.
"""

from __future__ import annotations

from realpolitik.sources.base import finish_sql, quoted, sql_str

GLOBALEVENTID = 0
SQLDATE = 1
ACTOR1_NAME, ACTOR1_COUNTRY, ACTOR1_GROUP, ACTOR1_TYPE = 6, 7, 8, 12
ACTOR2_NAME, ACTOR2_COUNTRY, ACTOR2_GROUP, ACTOR2_TYPE = 16, 17, 18, 22
IS_ROOT, EVENT_CODE, QUAD_CLASS, GOLDSTEIN = 25, 26, 29, 30
NUM_MENTIONS, NUM_ARTICLES = 31, 33


def f(index: int) -> str:
    """SQL for field `index` (0-based, as in the codebook) of the split row `s.f`."""
    return f"s.f[{index + 1}]"


def _actor_code(country: int, group: int, alias: str) -> str:
    return (
        f"coalesce({alias}c.code, {alias}g.code, "
        f"CASE WHEN regexp_full_match({f(country)}, '[A-Z]{{3}}') THEN {f(country)} ELSE '' END)"
    )


def _actor_joins(country: int, group: int, alias: str) -> str:
    return (
        f"LEFT JOIN _actor_codes {alias}c ON {alias}c.cameo = {f(country)} "
        f"LEFT JOIN _actor_codes {alias}g ON {alias}g.cameo = {f(group)} AND {alias}g.kind = 'igo'"
    )


def _bad_int(index: int, label: str) -> tuple[str, str]:
    return (
        f"{f(index)} <> '' AND try_cast({f(index)} AS INTEGER) IS NULL",
        f"'{label} ' || {quoted(f(index))} || ' is not a whole number'",
    )


def gdelt_staging_sql(
    *,
    lines_subquery: str,
    origin: str,
    ref_sql: str,
    field_counts: tuple[int, ...],
    separator: str = "tab-separated",
    split_char: str = "\t",
) -> str:
    """The staging SELECT for GDELT event rows split on tabs into `s.f`."""
    counts = ", ".join(str(n) for n in field_counts)
    expected = " or ".join(str(n) for n in field_counts)
    date = f"try_strptime({f(SQLDATE)}, '%Y%m%d')::DATE"
    goldstein = f"try_cast({f(GOLDSTEIN)} AS DOUBLE)"
    quad = f"try_cast({f(QUAD_CLASS)} AS TINYINT)"
    columns = {
        "event_id": f"{sql_str(origin + ':')} || {f(GLOBALEVENTID)}",
        "date": date,
        "date_precision": "'day'",
        "source": _actor_code(ACTOR1_COUNTRY, ACTOR1_GROUP, "a1"),
        "target": _actor_code(ACTOR2_COUNTRY, ACTOR2_GROUP, "a2"),
        "source_sector": f(ACTOR1_TYPE),
        "target_sector": f(ACTOR2_TYPE),
        "source_name": f(ACTOR1_NAME),
        "target_name": f(ACTOR2_NAME),
        "cameo": f(EVENT_CODE),
        "quad_class": quad,
        "goldstein": goldstein,
        "weight": f"coalesce(try_cast({f(NUM_ARTICLES)} AS DOUBLE), 1.0)",
        "num_mentions": f"try_cast({f(NUM_MENTIONS)} AS INTEGER)",
        "num_articles": f"try_cast({f(NUM_ARTICLES)} AS INTEGER)",
        "is_root": f"{f(IS_ROOT)} = '1'",
        "origin": sql_str(origin),
        "origin_ref": ref_sql,
        "text": "NULL::VARCHAR",
        "confidence": "NULL::DOUBLE",
    }
    reasons = [
        ("s._text IS NULL", "'line is not valid UTF-8'"),
        ("s._text = ''", "'blank line'"),
        ("s._split IS NULL", "'record is not valid CSV (unbalanced quotes?)'"),
        (
            f"len(s.f) NOT IN ({counts})",
            f"'expected {expected} {separator} fields, found ' || len(s.f)",
        ),
        (
            f"try_cast({f(GLOBALEVENTID)} AS BIGINT) IS NULL",
            f"'GLOBALEVENTID ' || {quoted(f(GLOBALEVENTID))} || ' is not a whole number'",
        ),
        (f"{date} IS NULL", f"'SQLDATE ' || {quoted(f(SQLDATE))} || ' is not a valid date'"),
        (
            f"NOT regexp_full_match({f(EVENT_CODE)}, '[0-9]{{2,4}}')",
            f"'EventCode ' || {quoted(f(EVENT_CODE))} || ' is not a CAMEO code'",
        ),
        (
            f"{quad} IS NULL OR {quad} NOT BETWEEN 1 AND 4",
            f"'QuadClass ' || {quoted(f(QUAD_CLASS))} || ' is not 1, 2, 3 or 4'",
        ),
        (
            f"{goldstein} IS NULL OR NOT isfinite({goldstein})",
            f"'GoldsteinScale ' || {quoted(f(GOLDSTEIN))} || ' is not a number'",
        ),
        (
            f"{goldstein} NOT BETWEEN -10 AND 10",
            f"'GoldsteinScale ' || {f(GOLDSTEIN)} || ' is outside -10..10'",
        ),
        _bad_int(NUM_MENTIONS, "NumMentions"),
        _bad_int(NUM_ARTICLES, "NumArticles"),
        *(
            (
                f"{f(i)} <> '' AND NOT regexp_full_match({f(i)}, '[A-Z]{{3}}')",
                f"'{label} ' || {quoted(f(i))} || ' is not a country code'",
            )
            for i, label in (
                (ACTOR1_COUNTRY, "Actor1CountryCode"),
                (ACTOR2_COUNTRY, "Actor2CountryCode"),
            )
        ),
    ]
    rows_from = (
        f"(SELECT _line, _text, _split, _bytes, string_split(_split, chr({ord(split_char)})) AS f "
        f"FROM {lines_subquery}) s "
        f"{_actor_joins(ACTOR1_COUNTRY, ACTOR1_GROUP, 'a1')} "
        f"{_actor_joins(ACTOR2_COUNTRY, ACTOR2_GROUP, 'a2')}"
    )
    notes = tuple(
        f"CASE WHEN {f(i)} <> '' AND {a}c.code IS NULL THEN "
        f"'{label} ' || {quoted(f(i))} || ' not in the CAMEO country table (kept as is)' END"
        for i, a, label in (
            (ACTOR1_COUNTRY, "a1", "Actor1CountryCode"),
            (ACTOR2_COUNTRY, "a2", "Actor2CountryCode"),
        )
    )
    return finish_sql(columns, reasons, rows_from, notes)
