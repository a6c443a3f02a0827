"""Glued syllables: where the cleaner puts back a lost space, and that evidence still points at
the original characters."""
from __future__ import annotations

import pytest

from lineage.loaders.clean import clean, flatten
from lineage.loaders.syllables import glued_splits, one_syllable, syllables

# Words as converters glue them in real letters, and words that must stay whole.
GLUED = [
    ("Côngvăn", ["Công", "văn"]),
    ("Thựchiện", ["Thực", "hiện"]),
    ("đạotại", ["đạo", "tại"]),
    ("Quyếtđịnh", ["Quyết", "định"]),
    ("Hướngdẫn", ["Hướng", "dẫn"]),
    ("HUYỆNỦY", ["HUYỆN", "ỦY"]),
    ("Thựchiệnchỉ", ["Thực", "hiện", "chỉ"]),
    ("TẬPTHỂ", ["TẬP", "THỂ"]),
]
WHOLE = ["trưởng", "Nguyễn", "khuya", "nghiêng", "thuở", "quyết", "Covid", "online", "Internet", "giữ", "ĐBSCL"]


@pytest.mark.parametrize(("word", "parts"), GLUED)
def test_glued_words_split_into_syllables(word, parts):
    cuts = glued_splits(word)
    bounds = [0, *cuts, len(word)]
    assert [word[a:b] for a, b in zip(bounds, bounds[1:])] == parts


@pytest.mark.parametrize("word", WHOLE)
def test_single_syllables_and_ascii_words_stay_whole(word):
    assert glued_splits(word) == ()


def test_syllable_shape():
    assert all(one_syllable(s) for s in ("công", "nghiêng", "quyết", "giờ", "ươn", "khuya"))
    assert not any(one_syllable(s) for s in ("côngvăn", "str", "aa", "thựcc"))
    assert len(syllables()) > 3000 and "thực" in syllables() and "côngvăn" not in syllables()


def test_flatten_splits_and_maps_every_piece_back_to_the_original():
    original = "Thựchiện Côngvăn số 12-CV/TU,\nchỉ đạotại Kếhoạch số 5-KH/TU của Covid-19"
    flat = flatten(clean(original))
    assert flat.text == "Thực hiện Công văn số 12-CV/TU, chỉ đạo tại Kế hoạch số 5-KH/TU của Covid-19"
    for piece, source in [("Thực hiện", "Thựchiện"), ("Công văn số 12-CV/TU", "Côngvăn số 12-CV/TU"),
                          ("đạo tại", "đạotại"), ("Kế hoạch", "Kếhoạch"), ("hiện", "hiện"), ("tại", "tại")]:
        i = flat.text.index(piece)
        assert flat.source(i, i + len(piece)) == source


def test_clean_keeps_the_letters_spelling():
    assert clean("VỀĐÁNH GIÁ").text == "VỀĐÁNH GIÁ"  # values read from the header stay as written
