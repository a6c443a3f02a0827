"""Document identity: which spellings of a reference are one node."""
from __future__ import annotations

import pytest

from lineage.graph.iri import Minter

M = Minter("https://example.org/id/")


@pytest.mark.parametrize(
    "a, b",
    [
        # leading zeros are not part of the number
        (("Bộ Chính trị", "05", "CT/TW", 2016), ("Bộ Chính trị", "5", "CT/TW", 2016)),
        # central symbols are national: whoever the citing text credits, 24-QĐ/TW is one document
        (("Ban Bí thư", "24", "QĐ/TW", 2019), ("Ban Chấp hành Trung ương", "24", "QĐ/TW", 2019)),
        (("Thủ tướng Chính phủ", "1699", "CĐ-TTg", 2020), (None, "1699", "CĐ-TTg", 2020)),
        # tone-mark spellings of the issuer
        (("Tỉnh ủy Khánh Hòa", "12", "CV/TU", 2021), ("Tỉnh uỷ Khánh Hoà", "12", "CV/TU", 2021)),
    ],
)
def test_same_document(a: tuple, b: tuple) -> None:
    assert M.document(*a) == M.document(*b)


@pytest.mark.parametrize(
    "a, b",
    [
        # local symbols are shared by every province: the issuer is part of the identity
        (("Tỉnh ủy Quảng Ninh", "132", "CV/TU", 2020), ("Tỉnh ủy Cao Bằng", "132", "CV/TU", 2020)),
        # numbers restart every year
        (("Tỉnh ủy Quảng Ninh", "132", "CV/TU", 2020), ("Tỉnh ủy Quảng Ninh", "132", "CV/TU", 2021)),
    ],
)
def test_different_documents(a: tuple, b: tuple) -> None:
    assert M.document(*a) != M.document(*b)
