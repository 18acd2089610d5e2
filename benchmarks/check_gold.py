#!/usr/bin/env python3
"""Consistency checks for a synthetic set with gold quotes and claims in the devset's format.

Usage: python3 benchmarks/check_gold.py benchmarks/heldout
       (or devset2, devset3, testset2, testset3)
"""

import csv
import os
import re
import sys
from collections import Counter

D = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".")
ISSUES = {
    "troops",
    "security_guarantees",
    "us_backstop",
    "ceasefire",
    "negotiations",
    "seat_at_table",
    "sanctions",
    "defense_spending",
    "military_aid",
    "territory",
    "minerals_deal",
}
STANCES = {"support", "oppose", "neutral"}
SUMMITS = {
    "",
    "Paris 2025-02-17",
    "London 2025-03-02",
    "Brussels 2025-03-06",
    "Brussels 2025-03-20",
    "Paris 2025-03-27",
}
err = []
docs = sorted(f[:-4] for f in os.listdir(D) if re.fullmatch(r"[a-z0-9]+_\d\d\.txt", f))
texts = {d: open(os.path.join(D, d + ".txt"), encoding="utf-8").read() for d in docs}


def spans(body):
    """Double-quoted spans: "...", “...”, „...”; a paragraph that reopens a quote continues it."""
    out, i = [], 0
    while i < len(body):
        c = body[i]
        if c in '"“„':
            close = '"' if c == '"' else "”"
            j, buf = i + 1, ""
            while j < len(body):
                if (
                    body.startswith("\n\n", j)
                    and j + 2 < len(body)
                    and body[j + 2] in '"“„'
                    and close not in body[i + 1 : j]
                ):
                    buf += "\n\n"
                    j += 3
                    continue
                if body[j] == close:
                    break
                buf += body[j]
                j += 1
            else:
                err.append(f"unclosed quotation near: {body[i : i + 40]!r}")
            out.append(buf)
            i = j + 1
        else:
            i += 1
    return out


for d, t in texts.items():
    lines = t.split("\n")
    if lines[1] != "":
        err.append(f"{d}: line 2 not blank")
    if not t.endswith("\n") or t.endswith("\n\n"):
        err.append(f"{d}: must end with exactly one newline")
    if "\n\n\n" in t:
        err.append(f"{d}: more than one blank line")
    n = len(t.split())
    if not 250 <= n <= 450:
        err.append(f"{d}: {n} words")

# metadata
meta = list(csv.DictReader(open(os.path.join(D, "metadata.csv"), encoding="utf-8")))
if [m["doc_id"] for m in meta] != docs:
    err.append("metadata doc_ids differ from files")
for m in meta:
    if m["title"] != texts[m["doc_id"]].split("\n")[0]:
        err.append(f"{m['doc_id']}: title != line 1")
    if m["summit"] not in SUMMITS:
        err.append(f"{m['doc_id']}: bad summit")
    if not re.fullmatch(r"2025-\d\d-\d\d", m["published"]):
        err.append(f"{m['doc_id']}: bad date")

# quotes
q = list(csv.DictReader(open(os.path.join(D, "quotes_gold.csv"), encoding="utf-8")))
byd = {}
for r in q:
    byd.setdefault(r["doc"], []).append(r)
for d in docs:
    body = "\n".join(texts[d].split("\n")[2:])
    sp = spans(body)
    rows = byd.get(d, [])
    if [int(r["n"]) for r in rows] != list(range(1, len(rows) + 1)):
        err.append(f"{d}: n not 1..k")
    if len(sp) != len(rows):
        err.append(f"{d}: {len(sp)} quoted spans but {len(rows)} rows")
    for s, r in zip(sp, rows):
        want = " ".join(s.split()[:8])
        if r["quote_start"] != want:
            err.append(f"{d} n={r['n']}: quote_start {r['quote_start']!r} != {want!r}")
        if r["quote_start"] not in body:
            err.append(f"{d} n={r['n']}: quote_start not found in article")
        if r["kind"] not in ("speech", "phrase"):
            err.append(f"{d} n={r['n']}: kind")
        if r["speaker_basis"] not in ("explicit", "role", "pronoun", "context", "none"):
            err.append(f"{d} n={r['n']}: basis")
        if (r["speaker"] == "none") != (r["speaker_basis"] == "none"):
            err.append(f"{d} n={r['n']}: none mismatch")
for d in byd:
    if d not in texts:
        err.append(f"quotes: unknown doc {d}")

# stance
s = list(csv.DictReader(open(os.path.join(D, "stance_gold.csv"), encoding="utf-8")))
seen = set()
for r in s:
    k = (r["doc"], r["actor"], r["issue"])
    if k in seen:
        err.append(f"duplicate stance row {k}")
    seen.add(k)
    if r["doc"] not in texts:
        err.append(f"stance: unknown doc {r['doc']}")
    if r["issue"] not in ISSUES:
        err.append(f"{k}: issue not in codebook")
    if r["stance"] not in STANCES:
        err.append(f"{k}: stance not in codebook")
    if r["ambiguous"] not in ("0", "1"):
        err.append(f"{k}: ambiguous")
    if len(r["evidence"].split()) > 15:
        err.append(f"{k}: evidence {len(r['evidence'].split())} words")

for e in err:
    print("ERROR", e)
print(
    f"{len(docs)} articles, {sum(len(t.split()) for t in texts.values())} words; "
    f"{len(q)} quotation rows; {len(s)} stance rows; {len(err)} errors"
)
print("kind", dict(Counter(r["kind"] for r in q)))
print("basis", dict(Counter(r["speaker_basis"] for r in q).most_common()))
print(
    "stance",
    dict(Counter(r["stance"] for r in s)),
    "ambiguous",
    sum(r["ambiguous"] == "1" for r in s),
    "actors",
    len({r["actor"] for r in s}),
)
print("issue", dict(Counter(r["issue"] for r in s).most_common()))
print("words per article", {d: len(t.split()) for d, t in texts.items()})
sys.exit(1 if err else 0)
