"""Actor recognition: dictionary entries of each type in sentences, spans, codes, speed."""

from __future__ import annotations

from datetime import date

import pytest

from realpolitik.cameo import sector_codes
from realpolitik.countries import is_known_code
from realpolitik.text.actors import (
    ActorMatcher,
    ActorMention,
    actor_entries,
    sector_words,
)


@pytest.fixture(scope="module")
def matcher() -> ActorMatcher:
    return ActorMatcher.default()


def actors(matcher: ActorMatcher, text: str, on: date | None = None) -> list[tuple[str, str]]:
    mentions = matcher.find(text, on)
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
    return [(m.code, m.sector) for m in mentions]


def test_capitals(matcher: ActorMatcher) -> None:
    assert actors(matcher, "Moscow and Tehran signed a contract for two reactors.") == [
        ("RUS", "GOV"),
        ("IRN", "GOV"),
    ]


def test_every_capital_of_the_gazetteer_is_its_government(matcher: ActorMatcher) -> None:
    assert actors(matcher, "Nairobi, Lima and Zagreb replied; Baghdad did not.") == [
        ("KEN", "GOV"),
        ("PER", "GOV"),
        ("HRV", "GOV"),
        ("IRQ", "GOV"),  # the capital, not the name table's code for the city
    ]
    (lima,) = matcher.find("Lima replied.")
    assert lima.role == "capital"


def test_demonyms_of_states_everywhere(matcher: ActorMatcher) -> None:
    text = "Kenyan, Chilean, Togolese, Croatian, Burkinabe and South Sudanese officials"
    assert [code for code, _ in actors(matcher, text)] == [
        "KEN",
        "CHL",
        "TGO",
        "HRV",
        "BFA",
        "SSD",
    ]
    # shared by two states: no guess
    assert actors(matcher, "Congolese and Dominican diplomats") == [("", "GOV")]


def test_seats_of_power(matcher: ActorMatcher) -> None:
    assert actors(matcher, "A spokesman for the Kremlin said the talks went well.") == [
        ("RUS", "GOV")
    ]
    assert actors(matcher, "The Pentagon and the White House disagreed.") == [
        ("USA", "MIL"),
        ("USA", "GOV"),
    ]
    assert actors(matcher, "Officials in Brussels welcomed the deal.") == [("EEC", "IGO")]
    assert actors(matcher, "The Élysée issued a statement.") == [("FRA", "GOV")]


def test_leaders_on_a_date(matcher: ActorMatcher) -> None:
    text = "Putin met Assad in Sochi on May 17, 2018."
    assert actors(matcher, text, date(2018, 5, 17)) == [("RUS", "GOV"), ("SYR", "GOV"), ("RUS", "")]


def test_roles_follow_the_date(matcher: ActorMatcher) -> None:
    (putin,) = matcher.find("Putin arrived.", date(2010, 1, 1))
    assert (putin.code, putin.sector, putin.role) == ("RUS", "GOV", "prime minister")
    (medvedev,) = matcher.find("Medvedev arrived.", date(2009, 6, 1))
    assert medvedev.role == "president"
    (latest,) = matcher.find("Putin arrived.")
    assert latest.role == "president"


def test_leader_out_of_office_is_no_actor(matcher: ActorMatcher) -> None:
    assert actors(matcher, "Donald Trump opened a casino.", date(1990, 4, 2)) == []
    # not Bill Clinton's surname row: the longer name wins and is out of office
    assert actors(matcher, "Hillary Clinton spoke.", date(1995, 3, 1)) == []
    assert actors(matcher, "Clinton spoke.", date(1995, 3, 1)) == [("USA", "GOV")]


def test_igos(matcher: ActorMatcher) -> None:
    assert actors(matcher, "the UN Security Council voted") == [("UNO", "IGO")]
    assert actors(matcher, "the European Union imposed sanctions") == [("EEC", "IGO")]
    assert actors(matcher, "NATO expanded eastwards") == [("NAT", "IGO")]
    assert actors(matcher, "the IAEA inspected the site") == [("IAE", "IGO")]


def test_demonym_with_sector_word(matcher: ActorMatcher) -> None:
    (mention,) = matcher.find("the Russian Foreign Ministry said on Monday")
    assert mention == ActorMention(
        "RUS", "GOV", "Russian Foreign Ministry", 4, 28, "foreign ministry"
    )
    assert actors(matcher, "Iranian troops crossed") == [("IRN", "MIL")]
    assert actors(matcher, "Iran's foreign minister flew in") == [("IRN", "GOV")]


def test_companies_and_state_bodies(matcher: ActorMatcher) -> None:
    assert actors(matcher, "Atomstroyexport will build the plant") == [("RUS", "BUS")]
    assert actors(matcher, "the Revolutionary Guards seized a tanker") == [("IRN", "MIL")]
    assert actors(matcher, "the Atomic Energy Organization of Iran said") == [("IRN", "GOV")]


def test_coordinated_actors(matcher: ActorMatcher) -> None:
    text = "the United States, Britain and France launched strikes"
    assert actors(matcher, text) == [("USA", ""), ("GBR", ""), ("FRA", "")]


def test_proper_nouns_only(matcher: ActorMatcher) -> None:
    assert actors(matcher, "we had turkey for dinner, then chad told us a joke") == []
    assert actors(matcher, "Turkey and Chad") == [("TUR", ""), ("TCD", "")]
    assert actors(matcher, "US and U.S. forces") == [("USA", ""), ("USA", "MIL")]


def test_possessive(matcher: ActorMatcher) -> None:
    (mention,) = matcher.find("Iran's nuclear programme")
    assert (mention.code, mention.text, mention.start, mention.end) == ("IRN", "Iran", 0, 4)


def test_dictionary_codes_are_store_codes() -> None:
    sectors = sector_codes()
    for entry in actor_entries():
        # a store code, or none for an actor of no state, which then has its sector
        assert is_known_code(entry.code) or (entry.code == "" and entry.sector), entry
        assert entry.sector == "" or entry.sector in sectors, entry
        assert (
            entry.valid_from is None
            or entry.valid_to is None
            or (entry.valid_from < entry.valid_to)
        ), entry
    assert set(sector_words().values()) <= set(sectors)


def test_many_sentences(matcher: ActorMatcher) -> None:
    sentences = [
        f"On day {i} the Russian Foreign Ministry said Moscow and Tehran would expand "
        "cooperation, while the United States, Britain and France urged the UN Security "
        "Council to act and Putin met Erdogan."
        for i in range(1_000)
    ]
    found = sum(len(matcher.find(s, date(2018, 5, 17))) for s in sentences)
    assert found == 9 * 1_000


def test_sector_words_without_a_country(matcher: ActorMatcher) -> None:
    # an actor of no known country: its sector, and the code ""
    assert actors(matcher, "Lawmakers and protesters clashed") == [("", "LEG"), ("", "CVL")]
    # words that need a country name nobody alone
    assert actors(matcher, "the press conference ended, the president left") == []


def test_sector_word_of_or_in_a_country_and_titles(matcher: ActorMatcher) -> None:
    (iraq,) = matcher.find("the government of Iraq said")
    assert (iraq.code, iraq.sector, iraq.text) == ("IRQ", "GOV", "government of Iraq")
    assert actors(matcher, "Authorities in the U.S. deported him") == [("USA", "GOV")]
    (lavrov,) = matcher.find("Foreign Minister Sergey Lavrov said", date(2018, 5, 1))
    assert (lavrov.code, lavrov.sector, lavrov.text) == (
        "RUS",
        "GOV",
        "Foreign Minister Sergey Lavrov",
    )


def test_leaders_added_across_the_world(matcher: ActorMatcher) -> None:
    # in office on the date: found; before or after the term: nobody, or the successor
    assert actors(matcher, "Lula spoke.", date(2005, 3, 1)) == [("BRA", "GOV")]
    assert actors(matcher, "Lula spoke.", date(2015, 3, 1)) == []
    assert actors(matcher, "Lula spoke.", date(2023, 6, 1)) == [("BRA", "GOV")]
    assert actors(matcher, "Jacob Zuma spoke.", date(2012, 1, 1)) == [("ZAF", "GOV")]
    assert actors(matcher, "Jacob Zuma spoke.", date(2019, 1, 1)) == []
    assert actors(matcher, "Trudeau met Carney.", date(2020, 1, 1)) == [("CAN", "GOV")]
    assert actors(matcher, "Trudeau met Carney.", date(2025, 4, 1)) == [("CAN", "GOV")]
    (carney,) = matcher.find("Trudeau met Carney.", date(2025, 4, 1))
    assert (carney.text, carney.role) == ("Carney", "prime minister")
    assert actors(matcher, "Wen Jiabao visited.", date(2008, 5, 1)) == [("CHN", "GOV")]
    assert actors(matcher, "Wen Jiabao visited.", date(2014, 5, 1)) == []
    assert actors(matcher, "Mohamed Morsi spoke.", date(2013, 1, 1)) == [("EGY", "GOV")]
    assert actors(matcher, "Mohamed Morsi spoke.", date(2014, 1, 1)) == []
    assert actors(matcher, "Karzai met Ashraf Ghani.", date(2010, 1, 1)) == [("AFG", "GOV")]
    assert actors(matcher, "Karzai met Ashraf Ghani.", date(2016, 1, 1)) == [("AFG", "GOV")]
    assert actors(matcher, "Hibatullah Akhundzada", date(2018, 1, 1)) == [("AFG", "REB")]
    assert actors(matcher, "Hibatullah Akhundzada", date(2022, 1, 1)) == [("AFG", "GOV")]
    assert actors(matcher, "Saad Hariri resigned.", date(2010, 1, 1)) == [("LBN", "GOV")]
    assert actors(matcher, "Saad Hariri resigned.", date(2012, 1, 1)) == []
    # one person, several offices
    (kishida,) = matcher.find("Kishida said.", date(2015, 1, 1))
    assert (kishida.code, kishida.role) == ("JPN", "foreign minister")
    (kishida,) = matcher.find("Kishida said.", date(2022, 1, 1))
    assert kishida.role == "prime minister"
    assert actors(matcher, "Kishida said.", date(2019, 1, 1)) == []
    assert actors(matcher, "Jens Stoltenberg", date(2010, 1, 1)) == [("NOR", "GOV")]
    assert actors(matcher, "Jens Stoltenberg", date(2020, 1, 1)) == [("NAT", "IGO")]
    assert actors(matcher, "Kallas met Rutte.", date(2022, 1, 1)) == [
        ("EST", "GOV"),
        ("NLD", "GOV"),
    ]
    assert actors(matcher, "Kallas met Rutte.", date(2025, 1, 1)) == [
        ("EEC", "IGO"),
        ("NAT", "IGO"),
    ]
    # successors the same day the predecessor leaves
    assert actors(matcher, "Kuleba", date(2024, 9, 5)) == []
    assert actors(matcher, "Sybiha", date(2024, 9, 5)) == [("UKR", "GOV")]
    assert actors(matcher, "Javier Milei", date(2023, 12, 10)) == [("ARG", "GOV")]
    assert actors(matcher, "Javier Milei", date(2023, 12, 9)) == []
    # a president who died in office holds it on the day he died
    assert actors(matcher, "Raisi", date(2024, 5, 19)) == [("IRN", "GOV")]
    assert actors(matcher, "Raisi met Mokhber.", date(2024, 6, 1)) == [("IRN", "GOV")]
    # surnames shared by father and son or brothers follow the date
    (castro,) = matcher.find("Castro spoke.", date(2005, 1, 1))
    assert castro.role == "president"
    (castro,) = matcher.find("Castro spoke.", date(2019, 1, 1))
    assert castro.role == "first secretary of the Communist Party"
    assert actors(matcher, "Castro spoke.", date(2022, 1, 1)) == []
    assert actors(matcher, "King Abdullah II met Crown Prince Abdullah.", date(2003, 1, 1)) == [
        ("JOR", "GOV"),
        ("SAU", "GOV"),
    ]


def test_letters_without_a_base_letter_are_folded(matcher: ActorMatcher) -> None:
    on = date(2016, 6, 1)
    assert actors(matcher, "Beata Szydło met Binali Yıldırım.", on) == [
        ("POL", "GOV"),
        ("TUR", "GOV"),
    ]
    (mention,) = matcher.find("Then Szydło spoke.", on)
    assert mention.text == "Szydło"  # the span is the text as written


def test_armed_groups_and_ngos(matcher: ActorMatcher) -> None:
    assert actors(matcher, "Boko Haram fighters attacked; the Houthis fired missiles.") == [
        ("NGA", "REB"),
        ("YEM", "REB"),
    ]
    # no state: the sector alone
    assert actors(matcher, "Amnesty International accused the Islamic State.") == [
        ("", "NGO"),
        ("", "IMG"),
    ]


def test_a_title_and_the_name_after_it_are_one_actor(matcher: ActorMatcher) -> None:
    (putin, rouhani) = matcher.find(
        "Russian President Vladimir Putin met Iranian President Hassan Rouhani.", date(2015, 6, 4)
    )
    assert (putin.code, putin.sector, putin.text, putin.role) == (
        "RUS",
        "GOV",
        "Russian President Vladimir Putin",
        "president",
    )
    assert rouhani.text == "Iranian President Hassan Rouhani"


def test_non_x_is_not_x(matcher: ActorMatcher) -> None:
    assert actors(matcher, "Non-Syrian forces must leave Syria.", date(2018, 5, 17)) == [
        ("SYR", "")
    ]
