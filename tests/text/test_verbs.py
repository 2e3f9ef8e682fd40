"""Verb patterns and the package's verb and noun rules."""

from __future__ import annotations

from realpolitik.cameo import is_cameo_code
from realpolitik.text.verbs import VerbDictionary, VerbPattern, package_nouns, package_verbs


def words(text: str) -> list[tuple[str, ...]]:
    """Words as the coder hands them to patterns (here their lemma is the word itself)."""
    return [(word,) for word in text.split()]


def test_package_rules_are_cameo_codes_and_unambiguous() -> None:
    for rules, minimum in ((package_verbs(), 100), (package_nouns(), 30)):
        patterns = list(rules)
        assert len(patterns) == len(rules) > minimum
        # "" marks words that make the verb no event ("paid for the jets" is a purchase)
        assert all(is_cameo_code(p.cameo) or p.cameo == "" for p in patterns)
        keys = [(p.verb, p.object_words) for p in patterns]
        assert len(keys) == len(set(keys))


def test_a_pattern_naming_an_object_wins_over_the_verb_alone() -> None:
    deliver = package_verbs().patterns("deliver")
    assert deliver[-1].object_words == () and all(p.object_words for p in deliver[:-1])
    assert package_verbs().code("deliver", [], words("the s-300 missile system")) == "072"
    assert package_verbs().code("deliver", [], words("fuel")) == "071"
    assert package_verbs().code("deliver", [], words("aid")) == "070"
    assert package_verbs().code("vote", [], words("in favour of it")) == "051"
    assert package_verbs().code("vote", [], words("against the draft")) == "110"
    assert package_verbs().code("pay", [], words("compensation")) == "071"
    assert package_verbs().code("pay", [], words("two million for the jets")) == ""
    assert package_verbs().code("welcome", [], words("the president")) == "043"
    assert package_verbs().code("welcome", [], words("the decision")) == "051"
    assert package_verbs().code("call", [], words("the ratification hostile")) == "111"
    lemmas = [("signed", "sign"), ("contracts", "contract"), ("for", "for"), ("jets", "jet")]
    assert package_verbs().code("sign", [], lemmas) == "062"  # a form or a lemma matches
    assert package_verbs().code("sign", [], words("a contract for a plant")) == "061"
    assert package_verbs().code("sign", [], words("a declaration")) == "057"
    assert package_verbs().code("ponder", [], []) is None


def test_slots_hold_phrases_and_every_slot_must_match() -> None:
    peace = VerbPattern("sign", "057", object_words=(frozenset({"peace deal", "treaty"}),))
    arms = VerbPattern(
        "sign",
        "062",
        subject_words=(frozenset({"ministry"}),),
        object_words=(frozenset({"arms", "weapons"}), frozenset({"deal"})),
    )
    signing = VerbDictionary([VerbPattern("sign", ""), peace, arms])
    assert signing.patterns("sign") == [arms, peace, VerbPattern("sign", "")]
    assert signing.code("sign", [], words("a peace deal")) == "057"
    assert signing.code("sign", [], words("a deal for peace")) == ""  # not the phrase
    assert signing.code("sign", words("the ministry"), words("an arms deal")) == "062"
    assert signing.code("sign", words("the army"), words("an arms deal")) == ""
    assert signing.code("sign", words("the ministry"), words("a deal on arms")) == ""  # order
    assert "sign" in signing and "seal" not in signing and len(signing) == 3


def test_merged_dictionaries_prefer_the_first_at_equal_specificity() -> None:
    ours = VerbDictionary([VerbPattern("sign", "057", object_words=(frozenset({"contract"}),))])
    theirs = VerbDictionary(
        [
            VerbPattern("sign", "060", object_words=(frozenset({"contract"}),)),
            VerbPattern("sign", "061", object_words=(frozenset({"oil"}), frozenset({"contract"}))),
        ]
    )
    merged = ours.merged(theirs)
    assert merged.code("sign", [], words("a contract")) == "057"
    assert merged.code("sign", [], words("an oil contract")) == "061"
