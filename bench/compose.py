"""Write one letter's clean text (as blocks) and its ground truth, from the phrase tables.

The text is assembled as tagged blocks (``issuer``, ``motto``, ``number``, ``subject``,
``place_date``, ``recipients``, ``body``, ``copy``, ``signer``) so that ``damage.py`` can lose
or reorder header parts and the truth can say exactly what the damaged text still supports.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bench.tables import NEW_ERA, Body, Doc, table

__all__ = ["Plan", "Composed", "compose", "fmt_date", "issuer_written"]

Block = tuple[str, list[str]]


@dataclass
class Plan:
    """What one letter does: the document itself and what it cites, by relation."""

    doc: Doc
    root: Doc  # the central letter of the cascade
    implements: list[Doc] = field(default_factory=list)
    based_on: list[Doc] = field(default_factory=list)
    follows: Doc | None = None
    references: list[Doc] = field(default_factory=list)


@dataclass
class Composed:
    blocks: list[Block]
    truth: dict[str, Any]  # gold-shape dict (before damage adjusts it)


# ---------------------------------------------------------------------------- small renderers


def fmt_date(day: date, form: str) -> str:
    """A date as letters write it after "ngày": '13/5/2021', '13/05/2021', '13-5-2021', '13 tháng 5 năm 2021'."""
    if form == "slash":
        return f"{day.day}/{day.month}/{day.year}"
    if form == "slash0":
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    if form == "dash":
        return f"{day.day}-{day.month}-{day.year}"
    # the official rule pads days below 10 and months below 3
    dd = f"{day.day:02d}" if day.day < 10 else str(day.day)
    mm = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{dd} tháng {mm} năm {day.year}"


DATE_FORMS = ("slash", "slash", "slash0", "dash", "long")


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _fill(template: str, **kw: str) -> str:
    return template.format(**kw)


def _ctx(body: Body, **extra: str) -> dict[str, str]:
    """Placeholders describing ``body`` for the bodies.json templates."""
    parent = body.parent
    kinds = table("kinds")
    d = {
        "PU": body.pu,
        "unit": body.unit_word,
        "short": body.short,
        "self": body.name,
        "UP": parent.pu if parent is not None else "",
        "UPunit": parent.unit_word if parent is not None else "",
        "PUA": body.party_symbol or "",
        "party_short": body.pu or "Tỉnh ủy",
        "sub_party": _sub_list([kinds[k]["party"] for k in body.sub_kinds], body, party=True),
        "sub_state": _sub_list([kinds[k]["unit"] for k in body.sub_kinds], body, party=False),
    }
    d.update(extra)
    return d


def _sub_list(words: list[str], body: Body, party: bool) -> str:
    seen: list[str] = []
    for w in words:
        w = w.lower()
        if w not in seen:
            seen.append(w)
    if not seen:
        return "Các cơ quan, đơn vị trực thuộc"
    if party:
        if all(w == "đảng ủy" for w in seen):
            units = [u.lower() for u in _unit_words(body)]
            return "Các đảng ủy " + ", ".join(units)
        return "Các " + ", ".join(seen)
    return "Ủy ban nhân dân các " + ", ".join(seen)


def _unit_words(body: Body) -> list[str]:
    kinds = table("kinds")
    out: list[str] = []
    for k in body.sub_kinds:
        w = kinds[k]["unit"]
        if w not in out:
            out.append(w)
    return out


def issuer_written(cited: Body, citing: Body, rng: random.Random) -> str:
    """How ``citing`` names ``cited`` after "của": full name, or a short form the context resolves."""
    if cited.level == "central":
        return rng.choice(cited.spec["written"]) if cited.spec else cited.name
    if cited.branch == "party":
        forms = [cited.name, cited.name, f"Ban Thường vụ {cited.pu}", f"Thường trực {cited.pu}"]
        # a bare "Tỉnh ủy" is only unambiguous when the citing body is not itself a "Tỉnh ủy"
        if cited is citing or cited.pu != citing.pu:
            forms.append(cited.pu)
        if cited.pu == "Đảng ủy":
            forms = [cited.name, "Ban Thường vụ Đảng ủy" if cited is citing else cited.name]
        return rng.choice(forms)
    forms = [cited.name, f"UBND {cited.unit_word} {cited.short}"]
    if cited is citing or cited.level != citing.level:
        forms += [f"UBND {cited.unit_word}", f"Ủy ban nhân dân {cited.unit_word}"]
    return rng.choice(forms)


def _ref(doc: Doc, citing: Body, rng: random.Random, forms: str = "ref_forms") -> tuple[str, str]:
    """(reference text, issuer as written or '')."""
    ph = table("phrasing")
    issuer_w = issuer_written(doc.body, citing, rng)
    templates = list(ph[forms])
    # leaving the issuer out is only fair when the symbol names it (central symbols)
    if forms == "ref_forms" and doc.body.level == "central" and rng.random() < 0.15:
        templates = ph["ref_forms_no_issuer"]
        issuer_w = ""
    template = rng.choice(templates)
    if "{issuer_w}" not in template:
        issuer_w = ""
    text = _fill(
        template,
        doc=doc.doc_type,
        doc_lower=doc.doc_type.lower(),
        numsym=doc.numsym,
        date=fmt_date(doc.day, rng.choice(DATE_FORMS)),
        issuer_w=issuer_w,
        subj=doc.subject,
    )
    return text, issuer_w


def _join(parts: list[str], rng: random.Random) -> str:
    if len(parts) == 1:
        return parts[0]
    sep, last = rng.choice(table("phrasing")["joiners"])
    return sep.join(parts[:-1]) + last + parts[-1]


def _cite_truth(doc: Doc, relation: str, evidence: str, issuer_w: str) -> dict[str, Any]:
    c: dict[str, Any] = {
        "doc_type": doc.doc_type,
        "number": doc.number,
        "symbol": doc.symbol,
        "date": doc.day.isoformat(),
        "issuer": doc.body.name,
        "relation": relation,
        "evidence": evidence,
        "issuer_level": doc.body.level,
    }
    if issuer_w and issuer_w != doc.body.name:
        c["issuer_as_written"] = issuer_w
    return c


def person(rng: random.Random) -> str:
    n = table("names")
    return f"{rng.choice(n['family'])} {rng.choice(n['middle'])} {rng.choice(n['given'])}"


# ---------------------------------------------------------------------------- the letter


def _level_table(body: Body) -> dict[str, Any]:
    b = table("bodies")
    return b["central"] if body.level == "central" else b[body.branch][body.level]


def _era_ok(row: dict[str, Any], era: str) -> bool:
    return era in row.get("eras", [era])


def _header(plan: Plan, rng: random.Random, truth: dict[str, Any]) -> list[Block]:
    doc, body = plan.doc, plan.doc.body
    blocks: list[Block] = []
    # issuing body
    if body.level == "central":
        lines = list(body.spec["header"]) + (["*"] if body.branch == "party" else [])
    elif body.branch == "party":
        own = f"{body.pu.upper()} {body.short.upper()}" if body.pu != "Đảng ủy" else f"ĐẢNG ỦY {body.unit_word.upper()} {body.short.upper()}"
        lines = [own, "*"]
        if body.level != "province" and body.parent is not None and rng.random() < 0.8:
            p = body.parent
            lines.insert(0, f"ĐẢNG BỘ {p.unit_word.upper()} {p.short.upper()}")
            truth["issuer_parent"] = f"Đảng bộ {p.unit_word} {p.short}"
    else:
        if rng.random() < 0.7:
            lines = ["ỦY BAN NHÂN DÂN", f"{body.unit_word.upper()} {body.short.upper()}"]
        else:
            lines = [f"UBND {body.unit_word.upper()} {body.short.upper()}"]
    blocks.append(("issuer", lines))
    if body.branch == "party":
        blocks.append(("motto", ["ĐẢNG CỘNG SẢN VIỆT NAM"]))
    else:
        blocks.append(("motto", ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", rng.choice(["Độc lập - Tự do - Hạnh phúc", "Độc lập – Tự do – Hạnh phúc"])]))
    number_line = f"Số {doc.numsym}" if doc.party_form else f"Số: {doc.numsym}"
    blocks.append(("number", [number_line]))
    # subject: Công văn carries it under the number; titled types under their title
    if doc.code == "CV":
        subj = f"V/v {doc.subject}" if (body.branch == "state" or rng.random() < 0.35) else _cap(doc.subject)
        blocks.append(("subject", [subj]))
    else:
        if plan.implements and rng.random() < 0.3 and doc.code in ("KH", "HD"):
            ref, _ = _ref(plan.implements[0], body, rng, "ref_bare_forms")
            subj = f"Triển khai thực hiện {ref}"
            # the title names the implemented letter: the truth cites it from here as well
            truth["_title_cite"] = (plan.implements[0], subj)
        else:
            subj = rng.choice([_cap(doc.subject), f"Về {doc.subject}", f"Về việc {doc.subject}"])
        blocks.append(("subject", [doc.doc_type.upper(), subj]))
    place = body.short if body.level != "central" else "Hà Nội"
    if body.kind in ("provincial_city", "municipal_city") and rng.random() < 0.3:
        place = f"TP. {body.short}"
    day = doc.day
    dd = f"{day.day:02d}" if (day.day < 10 and rng.random() < 0.8) else str(day.day)
    mm = f"{day.month:02d}" if (day.month < 3 and rng.random() < 0.8) else str(day.month)
    blocks.append(("place_date", [f"{place}, ngày {dd} tháng {mm} năm {day.year}"]))
    truth.update(place=place, subject=subj, date=day.isoformat(), number=doc.number, symbol=doc.symbol)
    return blocks


def _recipients(body: Body, rng: random.Random, titled: bool, ctx: dict[str, str]) -> tuple[list[str], Block | None]:
    if titled and rng.random() < 0.5:
        return [], None
    pool = [_fill(r, **ctx) for r in _level_table(body)["recipients"]]
    k = rng.randint(1, min(4, len(pool)))
    chosen = rng.sample(pool, k)
    head = rng.choice(table("phrasing")["kinh_gui"])
    if k == 1 and rng.random() < 0.5:
        return chosen, ("recipients", [f"Kính gửi: {chosen[0]}."])
    ends = [","] * (k - 1) + ["."]
    if rng.random() < 0.5:
        lines = [f"{head.rstrip()} - {chosen[0]}{ends[0]}"] + [f"- {c}{e}" for c, e in zip(chosen[1:], ends[1:], strict=False)]
    else:
        lines = [head.rstrip()] + [f"- {c}{e}" for c, e in zip(chosen, ends, strict=False)]
    return chosen, ("recipients", lines)


def _opening(plan: Plan, rng: random.Random, actor: str, cites: list[dict[str, Any]]) -> list[str]:
    """The paragraph(s) that cite: Căn cứ lines, follow-up, implementing sentence."""
    ph = table("phrasing")
    body = plan.doc.body
    paras: list[str] = []
    _ctx(body)
    subject = plan.doc.subject

    def refs(docs: list[Doc], relation: str) -> str:
        texts = []
        for d in docs:
            t, w = _ref(d, body, rng)
            cites.append(_cite_truth(d, relation, t, w))
            texts.append(t)
        return _join(texts, rng)

    # "Căn cứ" — each on its own line, or several in one sentence
    based_sentence = ""
    if plan.based_on:
        if len(plan.based_on) > 1 and rng.random() < 0.5:
            based_sentence = "Căn cứ " + refs(plan.based_on, "based_on")
        else:
            for d in plan.based_on:
                t, w = _ref(d, body, rng)
                cites.append(_cite_truth(d, "based_on", t, w))
                paras.append(_fill(ph["based_on_line"], ref=t))
    impl_text = refs(plan.implements, "implements") if plan.implements else ""
    if plan.follows is not None:
        f = plan.follows
        if based_sentence:
            paras.append(based_sentence + ";")
        if rng.random() < 0.5:
            # "Tiếp theo Công văn số …": the follow-up opens the sentence
            tmpl = rng.choice(ph["follows_up"]) if impl_text else ph["follows_up"][0]
            t, w = _ref(f, body, rng, "ref_self_forms")
            cites.append(_cite_truth(f, "follows_up", t, w))
            paras.append(_cap(_fill(tmpl, ref_self=t, refs=impl_text, actor=actor)))
            return paras
        # "Ngày 30/7/2020, Ban Thường vụ Tỉnh ủy đã ban hành Công văn số …": told as a past fact
        self_w = issuer_written(body, body, rng)
        tmpl = rng.choice(ph["follows_up_statement"])
        sent = _fill(tmpl, date_self=fmt_date(f.day, rng.choice(("slash", "slash0", "long"))), self_w=self_w,
                     doc_self=f.doc_type, num_self=f.numsym, subj_self=f.subject)
        cites.append(_cite_truth(f, "follows_up", sent.rstrip("."), self_w))
        if impl_text:
            then = _fill(rng.choice(ph["implements"]), refs=impl_text, actor=actor, subject=subject)
        else:
            then = _fill(rng.choice(ph["follows_up_then"]), actor=actor, after=rng.choice(ph["follows_up_after"]))
        paras.append(sent + " " + _cap(then))
        return paras
    if impl_text:
        if len(plan.implements) == 1 and rng.random() < 0.25:
            # "Thực hiện chỉ đạo của X tại Công văn số …": the issuer comes first
            cites.pop()
            d = plan.implements[0]
            issuer_w = issuer_written(d.body, body, rng)
            bare = _fill(rng.choice(ph["ref_bare_forms"]), doc=d.doc_type, numsym=d.numsym,
                         date=fmt_date(d.day, rng.choice(DATE_FORMS)), subj=d.subject)
            tmpl = rng.choice(ph["implements_issuer_first"])
            sent = _fill(tmpl, issuer_w=issuer_w, ref_bare=bare, actor=actor)
            ev = f"chỉ đạo của {issuer_w} tại {bare}"
            cites.append(_cite_truth(d, "implements", ev, issuer_w))
        elif plan.doc.code != "CV" and rng.random() < 0.4:
            sent = _fill(rng.choice(ph["based_then_implement"]), refs=impl_text, actor=actor,
                         self_w=_cap(body.name) if body.level != "central" else body.name,
                         doc_lower=plan.doc.doc_type.lower())
        else:
            sent = _fill(rng.choice(ph["implements"]), refs=impl_text, actor=actor, subject=subject)
        if based_sentence:
            paras.append(based_sentence + ";")
        lead_in = rng.choice(ph["after_context"]) if not paras else ""
        paras.append(lead_in + sent[:1].lower() + sent[1:] if lead_in else _cap(sent))
        return paras
    if based_sentence:
        paras.append(_fill(rng.choice(ph["based_on_sentence"]), refs=based_sentence[len("Căn cứ "):], actor=actor))
    elif paras:
        paras.append(f"{_cap(actor)}:")
    else:
        paras.append(f"Để {subject}, {actor}:")
    return paras


def _items(plan: Plan, rng: random.Random, cites: list[dict[str, Any]], unnumbered: list[dict[str, str]],
           assignments: list[dict[str, Any]], ctx: dict[str, str], name_unit: bool) -> list[str]:
    ph = table("phrasing")
    body = plan.doc.body
    lt = _level_table(body)
    topic = next(t for t in table("topics")["topics"] if t["key"] == plan.doc.topic)
    era = body.era
    assignables = [a for a in lt["assign"] if _era_ok(a, era)]
    n_items = rng.randint(3, 6)
    n_assign = min(len(assignables) // 2, rng.randint(1, 3), n_items - 1)
    kinds = ["assign"] * n_assign + ["general"] * (n_items - n_assign)
    rng.shuffle(kinds)
    refs_left = list(plan.references)
    numbering = rng.choice(ph["items"]["numbering"])
    lines: list[str] = []
    pool = rng.sample(assignables, len(assignables))
    tasks = rng.sample(topic["tasks"], len(topic["tasks"]))
    general = rng.sample(topic["general"], len(topic["general"]))
    for i, kind in enumerate(kinds, start=1):
        n = str(i)
        tail = ""
        if refs_left and rng.random() < 0.6:
            d = refs_left.pop()
            t, w = _ref(d, body, rng)
            cites.append(_cite_truth(d, "references", t, w))
            tail += _fill(rng.choice(ph["reference_in_item"]), ref=t)
        elif rng.random() < 0.2:
            u = rng.choice(ph["unnumbered"])
            who = rng.choice(ph["unnumbered_who"])
            tail += _fill(u["text"], who=who)
            unnumbered.append({"what": u["what"], "issuer": who})
        task = tasks[(i - 1) % len(tasks)]
        if kind == "assign" and pool:
            lead = pool.pop()
            lead_w = _fill(rng.choice(lead["written"]), **ctx)
            lead_full = _fill(lead["full"], **ctx)
            entry: dict[str, Any] = {"item": n, "lead": [lead_full], "also": []}
            if pool and rng.random() < 0.5:
                also = pool.pop()
                also_w = _fill(rng.choice(also["written"]), **ctx)
                entry["also"] = [_fill(also["full"], **ctx)]
                sent = _fill(rng.choice(ph["items"]["lead_also"]), lead=lead_w, also=also_w, task=task)
            elif pool and rng.random() < 0.3:
                lead2 = pool.pop()
                lead_w = f"{lead_w} và {_fill(rng.choice(lead2['written']), **ctx)}"
                entry["lead"].append(_fill(lead2["full"], **ctx))
                sent = _fill(rng.choice(ph["items"]["lead_only"]), lead=lead_w, task=task)
            else:
                sent = _fill(rng.choice(ph["items"]["lead_only"]), lead=lead_w, task=task)
            if rng.random() < 0.3:
                rep = rng.choice(lt["report"])
                via = _fill(rng.choice(lt.get("via", ["qua Văn phòng"])), **ctx)
                rt = _fill(rng.choice(ph["items"]["report_tail"]), report=_fill(rep["written"], **ctx), via=via,
                           deadline=_deadline(plan.doc.day, rng))
                sent = sent[:-1] + rt + "."
                entry["reports_to"] = [_fill(rep["full"], **ctx)]
            assignments.append(entry)
        else:
            if general and rng.random() < 0.5:
                sent = general.pop()
            else:
                who = ("Các cấp ủy, chính quyền, cơ quan, đơn vị" if body.level != "commune"
                       else "Các chi bộ, ban, ngành, đoàn thể" if body.branch == "party"
                       else "Các ban, ngành, đoàn thể, thôn, tổ dân phố")
                where = f" trên địa bàn {body.unit_word} {body.short}" if (name_unit and body.level != "central") else ""
                name_unit = False
                sent = f"{who}{where} {task}."
        if tail:
            sent = sent[:-1] + tail + "."
        line = _fill(numbering, n=n) + sent
        lines.append(line)
        if rng.random() < 0.25:
            lines.append(ph["items"]["sub_bullet"] + _cap(tasks[(i + 1) % len(tasks)]) + ".")
    return lines


def _name_in_actor(actor: str, body: Body) -> str:
    """'Ban Thường vụ Huyện ủy yêu cầu' → 'Ban Thường vụ Huyện ủy Bảo Lâm yêu cầu' (any branch, level)."""
    u = body.unit_word
    for short_form in (f"Đảng ủy {u}", f"UBND {u}", f"Ủy ban nhân dân {u}", "Đảng ủy", body.pu):
        if short_form and short_form in actor:
            full = body.name if body.branch == "party" else f"{short_form.rsplit(' ' + u, 1)[0]} {u}"
            if body.branch == "state":
                full = f"{full} {body.short}"
            return actor.replace(short_form, full, 1)
    return f"{actor[:-len(' yêu cầu')]} {body.short} yêu cầu" if actor.endswith(" yêu cầu") else actor


def _deadline(day: date, rng: random.Random) -> str:
    from datetime import timedelta

    d = day + timedelta(days=rng.randint(7, 60))
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def _copy(body: Body, root: Doc, rng: random.Random, ctx: dict[str, str]) -> tuple[list[str], Block]:
    lt = _level_table(body)
    spec = root.body.spec or {}
    extra = {"central_writ": (spec.get("written") or [root.body.name])[-1],
             "dept": rng.choice(lt.get("depts") or ["VP"]), "dept_name": "Nội vụ"}
    pool = [_fill(c, **{**ctx, **extra}) for c in lt["copy"]]
    first = [c for c in pool if c.startswith("Như")]
    last = [c for c in pool if c.startswith("Lưu")]
    middle = [c for c in pool if c not in first and c not in last]
    chosen = [rng.choice(first)] + rng.sample(middle, rng.randint(0, min(3, len(middle)))) + [rng.choice(last)]
    ends = [rng.choice([",", ";"]) for _ in chosen[:-1]] + ["."]
    lines = [rng.choice(table("phrasing")["noi_nhan"])]
    if rng.random() < 0.1:
        lines.append("Gửi bản điện tử:")
    lines += [f"- {c}{e}" for c, e in zip(chosen, ends, strict=False)]
    return chosen, ("copy", lines)


def compose(plan: Plan, rng: random.Random, *, name_unit: bool = False) -> Composed:
    """The clean letter for ``plan`` and its truth. ``name_unit`` makes the body name the
    issuer's unit (so a letter that later loses its header still says where it is from)."""
    doc, body = plan.doc, plan.doc.body
    truth: dict[str, Any] = {
        "doc_type": doc.doc_type,
        "issuer": body.name,
        "issuer_level": body.level,
        "issuer_inferred": False,
        "citations": [],
        "assignments": [],
    }
    if body.province:
        truth["issuer_province"] = body.province
    blocks = _header(plan, rng, truth)
    ctx = _ctx(body, doc_lower=doc.doc_type.lower())
    recipients, rblock = _recipients(body, rng, doc.code != "CV", ctx)
    if rblock:
        blocks.append(rblock)
    truth["recipients"] = recipients

    ph = table("phrasing")
    lt = _level_table(body)
    actor_t = rng.choice(lt["actors"])
    central_self = rng.choice(body.spec["written"]) if body.spec else body.name
    actor = _fill(actor_t, **{**ctx, "self": central_self})
    if name_unit and body.level != "central":
        # the header will be lost: let the body say which unit writes (seed 002 names its district)
        actor = _name_in_actor(actor, body)
    cites: list[dict[str, Any]] = []
    paras: list[str] = []
    topic = next(t for t in table("topics")["topics"] if t["key"] == doc.topic)
    if rng.random() < 0.6:
        paras.append(" ".join(rng.sample(topic["context"], rng.randint(1, min(2, len(topic["context"]))))))
    paras += _opening(plan, rng, actor, cites)
    unnumbered: list[dict[str, str]] = []
    assignments: list[dict[str, Any]] = []
    items = _items(plan, rng, cites, unnumbered, assignments, ctx, name_unit)
    closing = _fill(rng.choice(ph["closing"]), doc_lower=doc.doc_type.lower())
    closing_lines = [closing]
    if rng.random() < 0.35:
        rep = rng.choice(lt["report"])
        via = _fill(rng.choice(lt.get("via", ["qua Văn phòng"])), **ctx)
        closing_lines.insert(0, _fill(rng.choice(ph["closing_report"]), report=_fill(rep["written"], **ctx),
                                      via=via, deadline=_deadline(doc.day, rng)))
        truth["reports_to"] = [_fill(rep["full"], **ctx)]
    blocks.append(("body", paras + items + closing_lines))
    copy_to, cblock = _copy(body, plan.root, rng, ctx)
    blocks.append(cblock)
    truth["copy_to"] = copy_to
    formula, role = rng.choice(body.spec["signers"] if body.spec else lt["signers"])
    # one person signs for a body across letters, as in real corpora
    name = person(random.Random(f"{body.key}|{role}"))
    blocks.append(("signer", [x for x in (formula, role) if x] + [name]))
    truth["signer"] = {"name": name, "role": role, "on_behalf_of": formula}

    title_cite = truth.pop("_title_cite", None)
    if title_cite is not None:
        d, subj = title_cite
        cites.insert(0, _cite_truth(d, "implements", subj, ""))
    truth["citations"] = _dedupe(cites)
    if unnumbered:
        truth["unnumbered_references"] = unnumbered
    truth["assignments"] = assignments
    return Composed(blocks, truth)


def _dedupe(cites: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One citation per (number, symbol, date); the first mention's relation wins unless a
    later one is stronger (implements > follows_up > based_on > references)."""
    rank = {"implements": 0, "follows_up": 1, "based_on": 2, "references": 3}
    out: dict[tuple[str, str, str], dict[str, Any]] = {}
    for c in cites:
        k = (c["number"], c["symbol"], c["date"])
        if k not in out:
            out[k] = c
        elif rank[c["relation"]] < rank[out[k]["relation"]]:
            out[k] = {**out[k], "relation": c["relation"]}
    return list(out.values())


def is_new_era(body: Body) -> bool:
    return body.era == NEW_ERA
