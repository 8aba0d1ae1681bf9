"""Measure ``symnn check`` against a hand-judged corpus of notes (issue 13).

The corpus lives outside the repository (other people's text may not be committed)::

    ROOT/docs/<slug>.<md|tex|ipynb>     the documents as published
    ROOT/hand/<slug>.tsv                where, true, false, unclear, note (one row a line with claims)
    ROOT/slipped/<slug>.<ext>           the same document with planted slips
    ROOT/slips.tsv                      slug, where, kind, before, after

``where`` is the 1-based line, or ``CELL:LINE`` in a notebook with CELL 0-based among all cells
(``symnn check --json`` gives ``cell`` 1-based). A line's checked claims are
min(checkable, ✓ + ≈✓ + ✗); more ✓ than true claims is a possible false ✓, more ✗ than false
claims a possible false ✗; both are listed for reading. A planted slip is caught when the slipped
copy has more ✗ at its line than the original.

    python scripts/measure_notes.py ROOT [SLUG ...]
    V=1 (the lines with unchecked claims), FALSES=1 (the possible false verdicts), REASONS=1
    (the reasons of the unchecked), SRC=path (the symnn to measure; default this checkout).
"""

from __future__ import annotations

import collections
import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

SRC = os.environ.get("SRC", str(Path(__file__).resolve().parents[1]))


def run_check(path: Path) -> list[dict]:
    """The claims ``symnn check --json`` finds in one document."""
    env = dict(os.environ, PYTHONPATH=SRC)
    done = subprocess.run(
        [sys.executable, "-m", "symnn", "check", "--json", str(path.resolve())],
        capture_output=True, text=True, env=env, timeout=900, check=False, cwd=SRC,
    )
    if not done.stdout.strip():
        print(f"  {path.name}: no JSON (exit {done.returncode}): {done.stderr.strip()[-300:]}")
        return []
    return json.loads(done.stdout)["claims"]


def where_of(claim: dict) -> str:
    """The hand-judgment key of a claim: its line, or CELL:LINE with CELL 0-based."""
    if claim.get("cell"):
        return f"{claim['cell'] - 1}:{claim['line']}"
    return str(claim["line"])


def entries(claim: dict) -> int:
    """How many entries a claim judges: a vector or matrix ``(11/25, 1/4, 9/50)`` is judged entry by entry, as
    the hand judgments count them; anything else is one."""
    text = str(claim.get("claimed") or "")
    if claim["status"] in ("unchecked", "failed"):
        return 1  # (a ✗ of a matrix is one verdict: which of its entries are right, the hand lines do not say)
    if text.startswith("[[") and text.endswith("]]"):  # a matrix, [[1, 2], [3, 4]]: its entries
        return sum(_items(row) for row in _top_items(text[1:-1]))
    if not (text.startswith("(") and text.endswith(")")):
        return len(_top_items(text))  # -0.3576, -0.2144, 0, …: the entries of a matrix restated, listed flat
    return _items(text)


def _top_items(text: str) -> list[str]:
    """The comma-separated items of ``text`` outside any bracket."""
    depth, items, start = 0, [], 0
    for index, char in enumerate(text):
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(char, 0)
        if char == "," and depth == 0:
            items.append(text[start:index])
            start = index + 1
    return [*items, text[start:]]


def _items(bracketed: str) -> int:
    """How many items a bracketed list ``(a, b, c)`` or ``[a, b]`` holds."""
    return len(_top_items(bracketed.strip()[1:-1]))


def tally(claims: list[dict], hand: dict[str, dict] | None = None) -> dict[str, collections.Counter]:
    """The verdicts per line, counted in entries. A claim whose claimed side runs over several lines (a matrix a row
    a line: ``last_line``) has its entries spread over the judged lines it spans, in order, each taking at most the
    claims judged there; what is left stays on its first line."""
    per_line: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for claim in claims:
        left = entries(claim)
        for where in spanned(claim, hand or {}):
            row = (hand or {})[where]
            taken = min(left, int(row["true"] or 0) + int(row["false"] or 0) + int(row.get("unclear") or 0))
            per_line[where][claim["status"]] += taken
            left -= taken
        if left:
            per_line[where_of(claim)][claim["status"]] += left
    return per_line


def spanned(claim: dict, hand: dict[str, dict]) -> list[str]:
    """The judged lines a claim's claimed side spans (its first line among them), for a claim over several lines."""
    last = claim.get("last_line")
    if not last:
        return []
    cell = f"{claim['cell'] - 1}:" if claim.get("cell") else ""
    return [f"{cell}{line}" for line in range(claim["line"], last + 1) if f"{cell}{line}" in hand]


def read_tsv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


_FENCE = re.compile(r"^ {0,3}(```|~~~)\s*([\w+-]*)")


def code_lines(doc: Path) -> set[str]:
    """The lines inside fenced code blocks tagged with a programming language (``python``): left alone by
    design (issue 13), so their claims are counted apart. Untagged and text fences are read as formulas."""
    if doc.suffix != ".md":
        return set()
    inside, tagged, lines = False, False, set()
    for number, line in enumerate(doc.read_text(encoding="utf-8").split("\n"), 1):
        fence = _FENCE.match(line)
        if fence:
            inside, tagged = not inside, bool(fence[2]) and fence[2] not in ("text", "txt", "math", "plain")
        elif inside and tagged:
            lines.add(str(number))
    return lines


def measure(root: Path, slugs: list[str]) -> None:
    docs = sorted(root.glob("docs/*"))
    if slugs:
        docs = [d for d in docs if d.stem in slugs]
    slips = read_tsv(root / "slips.tsv") if (root / "slips.tsv").exists() else []
    totals: collections.Counter = collections.Counter()
    for doc in docs:
        slug = doc.stem
        hand = {row["where"].strip(): row for row in read_tsv(root / "hand" / f"{slug}.tsv")}
        in_code = code_lines(doc)
        for where in [w for w in hand if w in in_code]:
            row = hand.pop(where)
            totals["in_code"] += int(row["true"] or 0) + int(row["false"] or 0)
        claims = run_check(doc)
        per_line = tally(claims, hand)
        count: collections.Counter = collections.Counter()
        for where, row in hand.items():
            true, false = int(row["true"] or 0), int(row["false"] or 0)
            seen = per_line.get(where, collections.Counter())
            right, wrong = seen["verified"] + seen["printed"], seen["failed"]
            count["checkable"] += true + false
            count["false_claims"] += false
            count["checked"] += min(true + false, right + wrong)
            if false and wrong:
                count["false_caught"] += 1
            # a possible false verdict counts claims, not entries: ∇f = [∂f/∂x, ∂f/∂y] = [y, x] is two claims,
            # however many entries they hold, and the hand may count a vector as one
            mine = [c["status"] for c in claims if where_of(c) == where or where in spanned(c, hand)]
            right = min(right, mine.count("verified") + mine.count("printed"))
            wrong = min(wrong, mine.count("failed"))
            if right > true:
                count["false_ok"] += right - true
                if os.environ.get("FALSES"):
                    print(f"  {slug}:{where} possible false ✓ ({right} ✓ for {true} true): {row['note']}")
            if wrong > false:
                count["false_x"] += wrong - false
                if os.environ.get("FALSES"):
                    print(f"  {slug}:{where} possible false ✗ ({wrong} ✗ for {false} false): {row['note']}")
            if os.environ.get("V") and min(true + false, right + wrong) < true + false:
                texts = [c["text"][:70] for c in claims if where_of(c) == where]
                print(f"  miss {slug}:{where} {true}+{false} checkable, {right}✓ {wrong}✗ {texts}")
        missing = {
            w: int(r["true"] or 0) + int(r["false"] or 0) - min(
                int(r["true"] or 0) + int(r["false"] or 0),
                sum(per_line.get(w, collections.Counter())[k] for k in ("verified", "printed", "failed")),
            )
            for w, r in hand.items()
        }
        for where, seen in per_line.items():
            if where not in hand and (seen["verified"] or seen["printed"] or seen["failed"]):
                # a multi-line display: the claim judged on the line its = sits on, reported on the line it starts
                verdicts = seen["verified"] + seen["printed"] + seen["failed"]
                near = [w for w in missing if ":" not in w and ":" not in where and 0 < abs(int(w) - int(where)) <= 2]
                for w in sorted(near, key=lambda w: abs(int(w) - int(where))):
                    taken = min(verdicts, missing[w])
                    missing[w] -= taken
                    verdicts -= taken
                    count["checked_nearby"] += taken
                count["unjudged"] += 1
                if os.environ.get("FALSES"):
                    texts = [c["text"][:60] + " " + c["status"] for c in claims if where_of(c) == where]
                    print(f"  {slug}:{where} verdicts on a line not judged: {texts}")
        mine = [s for s in slips if s["slug"] == slug and s["where"].strip() not in in_code]
        totals["slips_in_code"] += sum(s["slug"] == slug and s["where"].strip() in in_code for s in slips)
        if mine:
            slipped = next(root.glob(f"slipped/{slug}.*"))
            slipped_lines = tally(run_check(slipped), hand)
            for slip in mine:
                where = slip["where"].strip()
                caught = slipped_lines.get(where, collections.Counter())["failed"] > per_line.get(
                    where, collections.Counter())["failed"]
                count["slips"] += 1
                count["slips_caught"] += caught
                if os.environ.get("V") and not caught:
                    print(f"  slip missed {slug}:{where} {slip['kind']}: {slip['before']} → {slip['after']}")
        if os.environ.get("REASONS"):
            reasons = collections.Counter(c.get("reason", "")[:90] for c in claims if c["status"] == "unchecked")
            for reason, n in reasons.most_common(6):
                print(f"    {n:3d} {reason}")
        share = count["checked"] / count["checkable"] if count["checkable"] else 0.0
        print(f"{slug}: {count['checked']}/{count['checkable']} checked ({share:.1%}), "
              f"false ✓ {count['false_ok']}, false ✗ {count['false_x']}, "
              f"false claims caught {count['false_caught']}/{count['false_claims']}, "
              f"slips {count['slips_caught']}/{count['slips']}, unjudged lines with verdicts {count['unjudged']}"
              f" (of them matched to a judged line ≤ 2 away: {count['checked_nearby']})")
        totals.update(count)
    share = totals["checked"] / totals["checkable"] if totals["checkable"] else 0.0
    print(f"TOTAL: {totals['checked']}/{totals['checkable']} checked ({share:.1%}), "
          f"false ✓ {totals['false_ok']}, false ✗ {totals['false_x']}, "
          f"false claims caught {totals['false_caught']}/{totals['false_claims']}, "
          f"slips {totals['slips_caught']}/{totals['slips']}, unjudged lines with verdicts {totals['unjudged']}")
    print(f"  in code blocks (left alone by design, not counted above): {totals['in_code']} claims, "
          f"{totals['slips_in_code']} planted slips")
    nearby = totals["checked"] + totals["checked_nearby"]
    print(f"  with verdicts ≤ 2 lines from the judged line counted: {nearby}/{totals['checkable']} checked "
          f"({nearby / totals['checkable'] if totals['checkable'] else 0:.1%})")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: python scripts/measure_notes.py ROOT [SLUG ...]")
    measure(Path(sys.argv[1]), sys.argv[2:])
