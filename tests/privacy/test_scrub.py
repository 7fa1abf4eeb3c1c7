from youthcities.privacy.scrub import ERASED, scrub


def test_scrub_replaces_whole_words_case_insensitively_and_keeps_the_shape():
    data = {"who": "Letter from AWA Diallo", "list": ["awa@example.org", 3], "n": 1}
    assert scrub(data, ["Awa Diallo", "awa@example.org"]) == {
        "who": f"Letter from {ERASED}",
        "list": [ERASED, 3],
        "n": 1,
    }


def test_a_short_name_does_not_eat_other_words():
    assert scrub("Awareness week with Awa", ["Awa"]) == f"Awareness week with {ERASED}"
