#!/usr/bin/env python
"""Build ``loaders/data/admin_units.json.gz``: Vietnam's administrative units, old and 2025 maps.

Both maps come from the ``vietnam-provinces`` data package (GPL-3.0-or-later; the lists are
the official statistical codes of the National Statistics Office):

* ``vietnam-provinces==0.6.0`` — the map before 2025-07-01: 63 provinces, 696 districts,
  10,051 communes. It types every district ``huyện`` and every commune ``xã``, so the kind
  (quận, thị xã, thành phố thuộc tỉnh, phường, thị trấn …) is read from the name prefix.
* the newest release (``2026.9.0``, official data of 2026-09-20) — the map in force since
  2025-07-01 (34 provinces, 3,321 communes, no districts), including later changes such as
  Quảng Ninh, Bắc Ninh and Đồng Nai becoming centrally-run cities, and the official
  conversion table saying which old communes each 2025 commune/ward was formed from.

Both releases use the import name ``vietnam_provinces``, so each is installed with
``pip install --target`` into its own temporary directory and read by this same script in a
child process (``--read ROLE DIR``); the parent only sees JSON. The output is deterministic
(sorted keys and rows, gzip mtime 0), so a rebuild from the same releases is byte-identical.

Usage::

    .venv/bin/python scripts/build_gazetteer.py [--out PATH]
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lineage.loaders.normalize import canonical, match_key

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "loaders" / "data" / "admin_units.json.gz"
PACKAGE = "vietnam-provinces"
LICENCE = "GPL-3.0-or-later"
CUTOVER = "2025-07-01"
FORMAT = 1


@dataclass(frozen=True)
class Source:
    role: str  # "old" or "2025": the era it supplies
    version: str
    pip_args: tuple[str, ...] = ()
    note: str = ""


SOURCES = (
    Source("old", "0.6.0", note="map before 2025-07-01 (63 provinces, 696 districts, 10,051 communes)"),
    # The 2026.x wheels declare Requires-Python >=3.12 but are pure Python and import on 3.11;
    # the child process only calls their data API, so pip is told to accept the wheel.
    Source(
        "2025",
        "2026.9.0",
        ("--python-version", "3.12", "--only-binary=:all:"),
        "map in force since 2025-07-01 (34 provinces, 3,321 communes) and the official old→new conversion",
    ),
)

# kind → (Vietnamese term, level, name prefix). The prefix is how the old package's names
# carry the kind its type field lumps together.
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
# the 2025 package's division_type values
NEW_TYPE_KIND = {
    "tỉnh": "province",
    "thành phố trung ương": "centrally_run_city",
    "phường": "ward",
    "xã": "commune",
    "đặc khu": "special_zone",
}
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
    "old": {"province": 63, "district": 696, "commune": 10051},
    "2025": {"province": 34, "commune": 3321},
}


# --------------------------------------------------------------------------- child process


def _read_old() -> dict[str, Any]:
    import vietnam_provinces as vp

    provinces = json.loads(Path(vp.NESTED_DIVISIONS_JSON_PATH).read_text(encoding="utf-8"))
    return {
        "version": vp.__version__,
        "data_version": vp.__data_version__,
        "provinces": [
            {
                "code": p["code"],
                "name": p["name"],
                "type": p["division_type"],
                "districts": [
                    {
                        "code": d["code"],
                        "name": d["name"],
                        "type": d["division_type"],
                        "communes": [{"code": w["code"], "name": w["name"]} for w in d["wards"]],
                    }
                    for d in p["districts"]
                ],
            }
            for p in provinces
        ],
    }


def _read_2025() -> dict[str, Any]:
    import vietnam_provinces as vp
    from vietnam_provinces import Province, Ward
    from vietnam_provinces.legacy import District as LegacyDistrict
    from vietnam_provinces.legacy import Ward as LegacyWard

    return {
        "version": vp.__version__,
        "data_version": vp.__data_version__,
        "provinces": [
            {
                "code": p.code.value,
                "name": p.name,
                "type": p.division_type.value,
                "sources": [s.code.value for s in p.get_legacy_sources()],
            }
            for p in Province.iter_all()
        ],
        "communes": [
            {
                "code": w.code.value,
                "name": w.name,
                "type": w.division_type.value,
                "province": w.province_code.value,
                "sources": [s.code.value for s in w.get_legacy_sources()],
            }
            for w in Ward.iter_all()
        ],
        # the package's own typing of the old map, used to check the prefix-derived kinds
        "legacy_types": {
            "district": {d.code.value: d.division_type.value for d in LegacyDistrict.iter_all()},
            "commune": {w.code.value: w.division_type.value for w in LegacyWard.iter_all()},
        },
    }


def _child(role: str, target: str) -> None:
    from importlib.metadata import distribution

    sys.path.insert(0, target)
    import vietnam_provinces

    if not Path(vietnam_provinces.__file__).resolve().is_relative_to(Path(target).resolve()):
        sys.exit(f"vietnam_provinces imported from {vietnam_provinces.__file__}, not from {target}")
    data = _read_old() if role == "old" else _read_2025()
    meta = distribution(PACKAGE).metadata
    data["license"] = meta.get("License-Expression") or meta.get("License")
    json.dump(data, sys.stdout, ensure_ascii=True)


# --------------------------------------------------------------------------- parent process


def fetch(source: Source, workdir: Path) -> dict[str, Any]:
    """Install one release into its own directory and read it in a child process."""
    target = workdir / source.role
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
            *source.pip_args,
            f"{PACKAGE}=={source.version}",
        ],
        check=True,
    )
    out = subprocess.run(
        [sys.executable, __file__, "--read", source.role, str(target)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    data = json.loads(out)
    if data["version"] != source.version:
        raise SystemExit(f"asked for {PACKAGE}=={source.version}, read {data['version']}")
    return data


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


def code(level: str, value: int) -> str:
    return f"{value:0{CODE_WIDTH[level]}d}"


Row = dict[str, Any]


def old_units(old: dict[str, Any], new: dict[str, Any]) -> list[Row]:
    """Rows of the old map; merged_into is filled from the 2025 package's commune conversion.

    Province successors are derived from the communes too (the 2025 province of each ward the
    province's communes went into): the package's own province table is generated from the same
    conversion rows but trusts each row's province field, and one such field is wrong (an old
    Long An ward filed under Tiền Giang), so :func:`check` only compares it.
    """
    new_province_of = {w["code"]: w["province"] for w in new["communes"]}
    to_commune: dict[int, set[int]] = defaultdict(set)
    for w in new["communes"]:
        for src in w["sources"]:
            to_commune[src].add(w["code"])
    to_province: dict[int, set[int]] = defaultdict(set)
    for p in old["provinces"]:
        for d in p["districts"]:
            for w in d["communes"]:
                to_province[p["code"]] |= {new_province_of[c] for c in to_commune[w["code"]]}

    # island districts without communes (Côn Đảo, Lý Sơn, Bạch Long Vĩ …) became special zones of the
    # same name; the conversion table, which maps communes, does not list them
    special_zones = {
        (w["province"], split_prefix(clean_name(w["name"]), ["special_zone"])[1]): w["code"]
        for w in new["communes"]
        if NEW_TYPE_KIND[w["type"]] == "special_zone"
    }

    rows: list[Row] = []
    for p in old["provinces"]:
        pname = clean_name(p["name"])
        pkind, pshort = split_prefix(pname, ["province", "centrally_run_city"])
        pcode = code("province", p["code"])
        rows.append(
            {
                "code": pcode,
                "name": pname,
                "short_name": pshort,
                "kind": pkind,
                "parent": None,
                "merged_into": sorted(code("province", c) for c in to_province[p["code"]]),
            }
        )
        city_kind = "municipal_city" if pkind == "centrally_run_city" else "provincial_city"
        for d in p["districts"]:
            dname = clean_name(d["name"])
            dkind, dshort = split_prefix(dname, ["urban_district", "rural_district", "town", city_kind])
            dcode = code("district", d["code"])
            successors: set[int] = set()
            for w in d["communes"]:
                wname = clean_name(w["name"])
                wkind, wshort = split_prefix(wname, ["ward", "commune", "township"])
                successors |= to_commune[w["code"]]
                rows.append(
                    {
                        "code": code("commune", w["code"]),
                        "name": wname,
                        "short_name": wshort,
                        "kind": wkind,
                        "parent": dcode,
                        "merged_into": sorted(code("commune", c) for c in to_commune[w["code"]]),
                    }
                )
            if not d["communes"]:
                successors = {
                    special_zones[pc, dshort]
                    for pc in to_province[p["code"]]
                    if (pc, dshort) in special_zones
                }
            rows.append(
                {
                    "code": dcode,
                    "name": dname,
                    "short_name": dshort,
                    "kind": dkind,
                    "parent": pcode,
                    "merged_into": sorted(code("commune", c) for c in successors),
                }
            )
    return rows


def new_units(new: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    for p in new["provinces"]:
        kind = NEW_TYPE_KIND[p["type"]]
        name = clean_name(p["name"])
        if not name.startswith(KINDS[kind][2] + " "):  # 2025.x releases give provinces bare names
            name = f"{KINDS[kind][2]} {name}"
        rows.append(
            {
                "code": code("province", p["code"]),
                "name": name,
                "short_name": split_prefix(name, [kind])[1],
                "kind": kind,
                "parent": None,
                "merged_into": [],
            }
        )
    for w in new["communes"]:
        kind = NEW_TYPE_KIND[w["type"]]
        name = clean_name(w["name"])
        rows.append(
            {
                "code": code("commune", w["code"]),
                "name": name,
                "short_name": split_prefix(name, [kind])[1],
                "kind": kind,
                "parent": code("province", w["province"]),
                "merged_into": [],
            }
        )
    return rows


def check(eras: dict[str, list[Row]], new: dict[str, Any]) -> list[str]:
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
        if KINDS[r["kind"]][1] == "province" and not r["merged_into"]:
            problems.append(f"old province {r['name']} has no 2025 successor")
    # the prefix-derived kinds must agree with the newer package's typing of the same old units
    legacy = new["legacy_types"]
    for r in eras["old"]:
        lvl = KINDS[r["kind"]][1]
        if lvl in legacy:
            typed = legacy[lvl].get(str(int(r["code"])))
            if (
                typed is not None
                and KINDS[r["kind"]][0] != typed
                and not (typed == "thành phố" and r["kind"] in ("provincial_city", "municipal_city"))
            ):
                problems.append(f"old {r['code']} {r['name']}: kind {r['kind']} but typed {typed!r}")
    for r in eras["old"]:
        if KINDS[r["kind"]][1] == "district" and not r["merged_into"]:
            problems.append(f"old district {r['name']} has no 2025 successor")
    package_merges = defaultdict(set)
    for p in new["provinces"]:
        for src in p["sources"]:
            package_merges[code("province", src)].add(code("province", p["code"]))
    for r in eras["old"]:
        if KINDS[r["kind"]][1] == "province" and set(r["merged_into"]) != package_merges[r["code"]]:
            warnings.append(
                f"{r['name']}: communes went into {r['merged_into']}, the package's province table says "
                f"{sorted(package_merges[r['code']])}; kept the former"
            )
    unmapped = sum(
        1 for r in eras["old"] if r["kind"] in ("ward", "commune", "township") and not r["merged_into"]
    )
    if unmapped:
        warnings.append(f"{unmapped} old communes have no 2025 successor in the conversion table")
    if problems:
        raise SystemExit("gazetteer check failed:\n  " + "\n  ".join(problems[:40]))
    return warnings


COLUMNS = ("code", "name", "short_name", "kind", "parent", "merged_into")


def document(eras: dict[str, list[Row]], read: dict[str, dict[str, Any]]) -> dict[str, Any]:
    def order(r: Row) -> tuple[int, str]:
        return LEVELS.index(KINDS[r["kind"]][1]), r["code"]

    return {
        "format": FORMAT,
        "licence": LICENCE,
        "credit": (
            f"Administrative units from the {PACKAGE} package by Nguyễn Hồng Quân (sunshine-tech/VietnamProvinces), "
            f"{LICENCE}; names and codes are the official statistical codes of the National Statistics Office "
            "of Viet Nam."
        ),
        "sources": [
            {
                "package": PACKAGE,
                "version": s.version,
                "data_version": read[s.role]["data_version"],
                "licence": read[s.role]["license"] or LICENCE,
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
        "units": {
            era: [[r[c] for c in COLUMNS] for r in sorted(rows, key=order)] for era, rows in eras.items()
        },
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
    parser.add_argument("--read", nargs=2, metavar=("ROLE", "DIR"), help=argparse.SUPPRESS)  # child mode
    args = parser.parse_args(argv)
    if args.read:
        _child(*args.read)
        return
    with tempfile.TemporaryDirectory(prefix="gazetteer-") as tmp:
        read = {s.role: fetch(s, Path(tmp)) for s in SOURCES}
    eras = {"old": old_units(read["old"], read["2025"]), "2025": new_units(read["2025"])}
    for warning in check(eras, read["2025"]):
        print("warning:", warning, file=sys.stderr)
    size = write(document(eras, read), args.out)
    counts = ", ".join(
        f"{era}: " + "/".join(str(sum(KINDS[r["kind"]][1] == lvl for r in rows)) for lvl in LEVELS)
        for era, rows in eras.items()
    )
    print(f"wrote {args.out} ({size:,} bytes; provinces/districts/communes {counts})")


if __name__ == "__main__":
    main()
