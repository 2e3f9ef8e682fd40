"""PETRARCH-2 dictionaries: codes, actor, agent and verb files on small snippets written here,
and on the real Phoenix and CAMEO files in ../shared (those tests skip when it is absent)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from realpolitik.errors import InputError, UsageError
from realpolitik.text.actors import ActorEntry, ActorMatcher
from realpolitik.text.coder import EventCoder
from realpolitik.text.petrarch import (
    petrarch_code,
    read_actor_dictionary,
    read_agent_dictionary,
    read_dictionaries,
    read_verb_dictionary,
)
from realpolitik.text.verbs import VerbDictionary, VerbPattern
from tests.conftest import raw_file


def words(text: str) -> list[tuple[str, ...]]:
    """Words as the coder hands them to patterns (here their lemma is the word itself)."""
    return [(word,) for word in text.split()]


ACTOR_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)


def written(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "dictionary.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("USAGOV", ("USA", "GOV")),
        ("USA", ("USA", "")),
        ("RUSMIL", ("RUS", "MIL")),
        ("RUSELIGOV", ("RUS", "ELI")),
        ("PSEREBHMS", ("PSE", "REB")),
        ("pse", ("PSE", "")),
        ("ROMGOV", ("ROU", "GOV")),
        ("---LEG", ("", "LEG")),
        ("---", ("", "")),
        ("IGOUNO", ("UNO", "IGO")),
        ("IGOEUREEC", ("EEC", "IGO")),
        ("IGOUNOKID", ("KID", "IGO")),
        ("IGO", ("", "IGO")),
        ("IMGMUSISI", ("", "IMG")),
        ("NGOHRI", ("", "NGO")),
        ("MNCUSA", ("", "MNC")),
        ("USRUKR", ("", "")),
        ("", ("", "")),
    ],
)
def test_petrarch_code(code: str, expected: tuple[str, str]) -> None:
    assert petrarch_code(code) == expected


# ---------------------------------------------------------------- actors

ACTORS = """\
<!-- a test dictionary
     over two lines -->
# a comment line
<! -- TABARI's comment line -->
VLADIMIR_PUTIN_  # CountryInfo.txt
+PUTIN_
+PRESIDENT_VLADIMIR_V._PUTIN
\t[RUSELI 700101-990809]
\t[RUSGOV > 080508] ; a date after a space
\t[RUSGOV <19700101]
\t[RUSELI]
UNITED_NATIONS_ [IGOUNO]
+U.N.
BAN_KI-MOON_\t[IGOUNO 070101-161231] [KORGOV]\t# two codes on the primary's line
GROUP_OF_77 [---]
JOHN_DOE_
\t[USAGOV 310101-301231]
\t[USAGOV 2004017-20061201]
\t[USAGOV 20121204]
\t[USAGOV 20120101-20110101]
\t[USALEG >310101]
NOBODY_IN_PARTICULAR
A.H._BELO_CORPORATION_\t[MNCMED]\tNewspapers/Magazines\t$137,000,000
Z\x1aROUAL_ [DZAGOV]
+ZEROUAL
"""


def test_actor_entries_with_restrictions_first(tmp_path: Path) -> None:
    skipped: Counter[str] = Counter()
    entries = read_actor_dictionary(written(tmp_path, ACTORS), skipped=skipped)
    putin_codes = [
        ("RUS", "ELI", date(1970, 1, 1), date(1999, 8, 10)),
        ("RUS", "GOV", date(2008, 5, 8), None),
        ("RUS", "GOV", None, date(1970, 1, 2)),
        ("RUS", "ELI", None, None),
    ]
    expected = [
        *(
            ActorEntry(pattern, *codes[:2], "petrarch", *codes[2:])
            for pattern in ("Vladimir Putin", "Putin", "President Vladimir V. Putin")
            for codes in putin_codes
        ),
        ActorEntry("United Nations", "UNO", "IGO", "petrarch"),
        ActorEntry("U.N.", "UNO", "IGO", "petrarch"),
        ActorEntry("Ban Ki-moon", "UNO", "IGO", "petrarch", date(2007, 1, 1), date(2017, 1, 1)),
        ActorEntry("Ban Ki-moon", "KOR", "GOV", "petrarch"),
        ActorEntry("Group of 77", "", "", "petrarch"),
        ActorEntry("John Doe", "USA", "GOV", "petrarch", date(1931, 1, 1), date(2031, 1, 1)),
        ActorEntry("John Doe", "USA", "LEG", "petrarch", date(1931, 1, 1), None),
        ActorEntry("A.H. Belo Corporation", "", "MNC", "petrarch"),
        ActorEntry("Zeroual", "DZA", "GOV", "petrarch"),
    ]
    assert entries == expected
    assert skipped == {
        "bad date restriction": 3,  # 2004017, a date with no < > or range, an inverted range
        "phrase without code": 1,
        "text after the codes": 1,
        "garbled phrase": 1,
    }


def test_the_matcher_takes_the_restriction_that_holds_then_the_default(tmp_path: Path) -> None:
    matcher = ActorMatcher(read_actor_dictionary(written(tmp_path, ACTORS)), {})
    for on, sector in [
        (date(1995, 1, 1), "ELI"),
        (date(1999, 8, 9), "ELI"),  # the range's last day
        (date(2003, 1, 1), "ELI"),  # the default
        (date(2008, 5, 8), "GOV"),  # the first day after >080508, inclusive
        (date(1970, 1, 1), "ELI"),  # both the range and <19700101 hold: the first wins
        (date(1969, 12, 31), "GOV"),
    ]:
        (mention,) = matcher.find("Putin arrived.", on)
        assert (mention.code, mention.sector) == ("RUS", sector), on
    mentions = matcher.find("Ban Ki-moon briefed the U.N. and the united nations", date(2010, 1, 1))
    assert [(m.text, m.code) for m in mentions] == [("Ban Ki-moon", "UNO"), ("U.N.", "UNO")]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("+PUTIN_\nVLADIMIR_PUTIN_ [RUS]\n", 1),
        ("\t[RUSGOV]\n", 1),
        ("# comment\nVLADIMIR_PUTIN_\n\t[RUSGOV >080508\n", 3),
        ("VLADIMIR_PUTIN_ [RUS] ]\n", 1),
        ("VLADIMIR_PUTIN_ [ ]\n", 1),
    ],
)
def test_malformed_actor_lines_name_their_number(tmp_path: Path, text: str, line: int) -> None:
    with pytest.raises(InputError) as error:
        read_actor_dictionary(written(tmp_path, text))
    assert error.value.line == line


# ---------------------------------------------------------------- agents

AGENTS = """\
<!-- agents -->
!PERSON! = MAN, WOMAN
CONGRESS!PERSON! [~LEG]
CONGRESS [~LEG] # SS → ES
FOREIGN_MINISTER [~GOVFRM] # jap 4/14/01
ENVOY [~GOV]
AGENCY [~GOV]
POLICE {} [ ~COP]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~JUD]
HUMAN_RIGHTS_BODY  [NGO~]
SEMI-OFFICIAL_NEWSPAPER [~MED]
COPTIC_CHRISTIAN [~CHRCPT]
ISLAMIC_EXTREMIST
"""


def test_agent_sectors_plurals_and_markers(tmp_path: Path) -> None:
    skipped: Counter[str] = Counter()
    agents = read_agent_dictionary(written(tmp_path, AGENTS), skipped=skipped)
    assert agents == {
        "congressman": "LEG",
        "congresswoman": "LEG",
        "congress": "LEG",
        "congresses": "LEG",
        "foreign minister": "GOV",
        "foreign ministers": "GOV",
        "envoy": "GOV",
        "envoys": "GOV",
        "agency": "GOV",
        "agencies": "GOV",
        "police": "COP",
        "attorney general": "JUD",
        "attorneys general": "JUD",
        "human rights body": "NGO",
        "human rights bodies": "NGO",
        "semi official newspaper": "MED",
        "semi official newspapers": "MED",
    }
    assert skipped == {"not a sector code": 1, "agent without code": 1}


def test_agent_phrases_match_after_an_actor(tmp_path: Path) -> None:
    agents = read_agent_dictionary(written(tmp_path, AGENTS))
    matcher = ActorMatcher([ActorEntry("Russian", "RUS", "", "demonym")], agents)
    (mention,) = matcher.find("The Russian semi-official newspapers reported it.")
    assert (mention.code, mention.sector, mention.role) == (
        "RUS",
        "MED",
        "semi official newspapers",
    )


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("!PERSON! = MAN\nCHAIR!PERSONS! [~GOV]\n", 2),
        ("AMBASSADOR [~GOV]\n {} [~GOV]\n", 2),
        ("AMBASSADOR {AMBASSADORS [~GOV]\n", 1),
    ],
)
def test_malformed_agent_lines_name_their_number(tmp_path: Path, text: str, line: int) -> None:
    with pytest.raises(InputError) as error:
        read_agent_dictionary(written(tmp_path, text))
    assert error.value.line == line


# ---------------------------------------------------------------- verbs

VERBS = """\
####### SYNONYM SETS #######
&TREATY
+TREATY
+PEACE_DEAL_
+ACCORD

&AUX_
+HAS
+IS_TO

--- SIGN [---] ---
SIGN
INK {INKS INKED INKING} [057]
+BEEF_UP [0311]
RE_+ARREST [173]
- * &TREATY [057:057]  # SIGN
- * CONTRACT [060]
- COMPANY * {TRADE &TREATY} [061]
- * (WITH REBELS) [:046]
- * &UNDEFINED [057]
- * GALLEONS [903]
- $ * + [050]

--- PRAISE [051] ---
PRAISE
LAUD [345]
- * CEASE-FIRE/TRUCE [051]
- &AUX * [050]

~ a (a b ATTACK) SAY = a b 015
"""


def test_verb_patterns_synsets_and_codes(tmp_path: Path) -> None:
    skipped: Counter[str] = Counter()
    verbs = read_verb_dictionary(written(tmp_path, VERBS), skipped=skipped)
    treaty = frozenset({"treaty", "treaties", "peace deal", "accord", "accords"})
    sign_patterns = [
        ((), (treaty,), "057"),
        ((), (frozenset({"contract", "contracts"}),), "060"),
        (
            (frozenset({"company", "companies"}),),
            (frozenset({"trade", "trades"}), treaty),
            "061",
        ),
        ((), (frozenset({"with", "withs"}), frozenset({"rebels", "rebelses"})), ""),
    ]
    truce = frozenset({"cease - fire", "cease - fires", "truce", "truces"})
    praise_patterns = [
        ((), (truce,), "051"),
        ((frozenset({"has", "is to"}),), (), "050"),
    ]
    sign_verbs = [("sign", ""), ("ink", "057"), ("beef up", "0311"), ("re arrest", "173")]
    expected = [
        *(VerbPattern(verb, code) for verb, code in sign_verbs),
        *(VerbPattern(verb, c, s, o) for verb, _ in sign_verbs for s, o, c in sign_patterns),
        VerbPattern("praise", "051"),
        *(VerbPattern(verb, c, s, o) for verb in ("praise", "laud") for s, o, c in praise_patterns),
    ]
    assert len(verbs) == len(expected) == 25
    assert Counter(verbs) == Counter(expected)
    assert skipped == {
        "undefined synset": 1,
        "non-CAMEO code": 2,  # the pattern's 903, LAUD's 345 (its patterns stay)
        "pattern without words": 1,
        "verb transformation": 1,
    }


def test_verb_codes_follow_the_most_specific_pattern(tmp_path: Path) -> None:
    verbs = read_verb_dictionary(written(tmp_path, VERBS))
    assert verbs.code("sign", [], words("a peace deal")) == "057"
    assert verbs.code("sign", [], words("treaties")) == "057"
    assert verbs.code("sign", words("the company"), words("a trade accord")) == "061"
    assert verbs.code("sign", [], words("a contract")) == "060"
    assert verbs.code("sign", [], words("galleons")) == ""  # 903 was skipped: the verb alone
    assert verbs.code("ink", [], []) == "057"
    assert verbs.code("beef up", [], []) == "0311"
    assert verbs.code("praise", [], words("the cease - fire")) == "051"
    assert verbs.code("laud", [], words("the truce")) == "051"
    assert verbs.code("laud", [], []) is None
    assert verbs.code("praise", words("he has"), []) == "050"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("SIGN\n", 1),
        ("- * TREATY [057]\n", 1),
        ("--- SIGN [---] ---\nSIGN\n- * TREATY\n", 3),
        ("--- SIGN [---] ---\nSIGN\n- TREATY [057]\n", 3),
        ("--- SIGN [---] ---\nSIGN {SIGNED\n", 2),
        ("& TREATY\n+TREATY\n", 1),
    ],
)
def test_malformed_verb_lines_name_their_number(tmp_path: Path, text: str, line: int) -> None:
    with pytest.raises(InputError) as error:
        read_verb_dictionary(written(tmp_path, text))
    assert error.value.line == line


def test_an_unreadable_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        read_actor_dictionary(tmp_path / "absent.txt")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("ÖCALAN_ [TURREB]\n".encode("latin-1"))
    with pytest.raises(InputError):
        read_actor_dictionary(latin1)


# ---------------------------------------------------------------- the real files


@dataclass
class Phoenix:
    """The Phoenix actor and agent files as read once: a matcher over all of them, the agents,
    and what each file skipped."""

    matcher: ActorMatcher
    agents: dict[str, str]
    entries: int
    skipped: dict[str, dict[str, int]]


@pytest.fixture(scope="module")
def petrarch_dir() -> Path:
    return raw_file("dictionaries/petrarch2")


@pytest.fixture(scope="module")
def phoenix(petrarch_dir: Path) -> Phoenix:
    skipped = {name: Counter() for name in (*ACTOR_FILES, "Phoenix.agents.txt")}
    entries = [
        entry
        for name in ACTOR_FILES
        for entry in read_actor_dictionary(petrarch_dir / name, skipped=skipped[name])
    ]
    agents = read_agent_dictionary(
        petrarch_dir / "Phoenix.agents.txt", skipped=skipped["Phoenix.agents.txt"]
    )
    matcher = ActorMatcher(entries, agents)
    counts = {name: dict(counter) for name, counter in skipped.items()}
    return Phoenix(matcher, agents, len(entries), counts)


def found(phoenix: Phoenix, text: str, on: date) -> list[tuple[str, str, str]]:
    return [(m.text, m.code, m.sector) for m in phoenix.matcher.find(text, on)]


def test_phoenix_putin_by_date(phoenix: Phoenix) -> None:
    # VLADIMIR_PUTIN_: [RUSELI 700101-990809] ... [RUSGOV >080508] [RUSELI]
    assert found(phoenix, "Putin met the press.", date(2015, 6, 1)) == [("Putin", "RUS", "GOV")]
    assert found(phoenix, "Putin met the press.", date(1995, 1, 1)) == [("Putin", "RUS", "ELI")]


def test_phoenix_igos_armed_groups_and_agents(phoenix: Phoenix) -> None:
    on = date(2015, 6, 1)
    assert found(phoenix, "The United Nations and UNICEF appealed.", on) == [
        ("The United Nations", "UNO", "IGO"),  # THE_UNITED_NATIONS_ [IGOUNO]
        ("UNICEF", "KID", "IGO"),  # UNICEF_ [IGOUNOKID]
    ]
    # BOKO_HARAM [NGAREB]
    assert found(phoenix, "Boko Haram attacked Maiduguri.", on)[0] == ("Boko Haram", "NGA", "REB")
    assert found(phoenix, "The Russian foreign minister spoke.", on) == [
        ("Russian foreign minister", "RUS", "GOV")
    ]


def test_phoenix_agents(phoenix: Phoenix) -> None:
    assert phoenix.agents["foreign minister"] == "GOV"  # FOREIGN_!MINIST! [~GOV]
    assert phoenix.agents["foreign ministries"] == "GOV"
    assert phoenix.agents["police"] == "COP"  # POLICE {} [~COP]
    assert "polices" not in phoenix.agents
    assert phoenix.agents["congresswomen"] == "LEG"  # CONGRESS!PERSON! [~LEG]
    assert len(phoenix.agents) > 4000


def test_phoenix_skips_are_the_known_sloppy_lines(phoenix: Phoenix) -> None:
    assert phoenix.skipped == {
        # ARMUNR 9008223, GBRGOV >201005011, MNEGOV 20121204, USAGOV 19820101, three
        # 1920030320-style ten-digit dates, Kamal Ganzouri's 121207-120803; two names with a
        # control character and FAEROYENE]_; phrases such as IVO_JOSIPOVIC_ written without
        # the + of a synonym, and DAVID_CAMERON_ whose only code has the 9-digit date
        "Phoenix.Countries.actors.txt": {
            "bad date restriction": 8,
            "garbled phrase": 3,
            "phrase without code": 70,
        },
        # KORGOVBUS 2004017-20061201; MNC lines with their sales after the code
        "Phoenix.International.actors.txt": {
            "bad date restriction": 1,
            "phrase without code": 3,
            "text after the codes": 3,
        },
        "Phoenix.MilNonState.actors.txt": {},
        # ~MUS, ~CHR, ~HIN, ~JEW, ~BUD, ~PPL; ISLAMIC_EXTREMIST and [~ENV}
        "Phoenix.agents.txt": {"not a sector code": 94, "agent without code": 2},
    }


def test_phoenix_entry_count(phoenix: Phoenix) -> None:
    assert phoenix.entries == 39_366 + 7_972 + 1_793


def test_cameo_verb_dictionary(petrarch_dir: Path) -> None:
    skipped: Counter[str] = Counter()
    verbs = read_verb_dictionary(petrarch_dir / "CAMEO.2.0.txt", skipped=skipped)
    assert isinstance(verbs, VerbDictionary)
    assert verbs.code("sign", [], words("a contract")) == "060"  # - * CONTRACT [060:060]
    assert verbs.code("sign", [], words("the treaty")) == "057"  # - * &TREATY [057:057]
    assert verbs.code("sign", [], words("a free trade agreement")) == "061"
    assert verbs.code("sign", [], []) == ""  # --- SIGN [---] ---
    assert verbs.code("ask for", [], []) == "020"  # +ASK_FOR {...} [020]
    assert len({p.verb for p in verbs}) == 1779
    assert skipped == {
        "undefined synset": 4,  # &FIGHT_CRIM, &FIGHT_GAMES, &WEATHER, &DEMONSTRATION
        "non-CAMEO code": 6,  # five 176 (hacking) and one 080!
        "pattern without words": 2,  # - * [042:043] and - * + [111]
        "verb transformation": 8,
    }


def test_validation_suite_files(petrarch_dir: Path) -> None:
    entries = read_actor_dictionary(petrarch_dir / "PETR.Validate.actors.txt")
    # GOLLUM +SMEAGOL ... [HOB < 950601] [HOBGOV 19950601 - 19990815] [HOBREB > 990816]
    # (HOB, the hobbits, is no store code: only the sectors remain)
    assert [(e.sector, e.valid_from, e.valid_to) for e in entries if e.pattern == "Smeagol"] == [
        ("", None, date(1995, 6, 2)),
        ("GOV", date(1995, 6, 1), date(1999, 8, 16)),
        ("REB", date(1999, 8, 16), None),
    ]
    agents = read_agent_dictionary(petrarch_dir / "PETR.Validate.agents.txt")
    assert agents["congresswoman"] == agents["congresses"] == "LEG"
    assert agents["human rights organization"] == "NGO"  # [  NGO~]
    skipped: Counter[str] = Counter()
    verbs = read_verb_dictionary(petrarch_dir / "PETR.Validate.verbs.txt", skipped=skipped)
    assert verbs.code("lash out", [], []) == "122"  # TABARI's two-word LASH OUT  [122]
    assert skipped["nested synset"] == 2  # &ACCORDSYN's +&TIETYPES and +&CURRENCY


def test_a_dictionary_folder_is_read_as_its_config_names_it(tmp_path: Path) -> None:
    (tmp_path / "PETR_config.ini").write_text(
        "[Dictionaries]\n"
        "verbfile_name    = verbs.txt\n"
        "actorfile_list   = states.actors.txt, groups.actors.txt  # two files\n"
        "agentfile_name   = agents.txt\n",
        encoding="utf-8",
    )
    (tmp_path / "verbs.txt").write_text(
        "&WEAPON\n+AIRSTRIKE\n\n--- ATTACK [190] ---\nATTACK\n- * &WEAPON [195]\n",
        encoding="utf-8",
    )
    (tmp_path / "states.actors.txt").write_text("GONDOR_ [GBR]\n", encoding="utf-8")
    (tmp_path / "groups.actors.txt").write_text("ORC_HORDE_ [---REB]\n", encoding="utf-8")
    (tmp_path / "agents.txt").write_text("WARG_RIDER [~REB]\n", encoding="utf-8")
    read = read_dictionaries(tmp_path)
    assert [(e.pattern, e.code, e.sector) for e in read.actors] == [
        ("Gondor", "GBR", ""),
        ("Orc Horde", "", "REB"),
    ]
    assert read.agents == {"warg rider": "REB", "warg riders": "REB"}
    assert read.verbs.code("attack", [], words("airstrikes")) == "195"
    assert set(read.skipped) == {
        "verbs.txt",
        "states.actors.txt",
        "groups.actors.txt",
        "agents.txt",
    }


def test_a_folder_without_its_config_or_files_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"no PETR_config\.ini"):
        read_dictionaries(tmp_path)
    (tmp_path / "PETR_config.ini").write_text("[Options]\nnull_verbs = False\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"\[Dictionaries\] section"):
        read_dictionaries(tmp_path)
    (tmp_path / "PETR_config.ini").write_text(
        "[Dictionaries]\nverbfile_name = v.txt\nactorfile_list = a.txt\nagentfile_name = g.txt\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"v\.txt: named in PETR_config\.ini but not found"):
        read_dictionaries(tmp_path)


def test_the_coder_with_the_phoenix_dictionaries(petrarch_dir: Path) -> None:
    coder = EventCoder.with_dictionaries(read_dictionaries(petrarch_dir))
    events = coder.code(
        "Boko Haram fighters attacked Maiduguri on Tuesday. "
        "Ukrainian President Petro Poroshenko accused Moscow of sending troops.",
        date(2015, 6, 4),
    )
    rows = list(zip(events.source, events.source_sector, events.target, events.cameo, strict=True))
    # Phoenix's rows add to the package's, whose rows still win for Moscow
    assert rows[0] == ("NGA", "REB", "NGA", "190")
    assert any(row[:3] == ("UKR", "GOV", "RUS") and row[3].startswith("11") for row in rows)
