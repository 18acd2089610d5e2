"""Folder of articles -> articles table, cleaning audit and load report.

``load_corpus(folder)`` is the one call. It walks the folder recursively, decodes each ``.txt``
file, extracts what the text itself states (title, date line, byline, dateline), removes
boilerplate by named rules, normalises Unicode, merges a hand-curated ``metadata.csv`` and
returns three tables:

- ``articles``: one row per loaded article (schema in :mod:`helpers.tables`);
- ``audit``: one row per removal or normalisation, so an analyst can see what was dropped;
- ``report``: one row per file found (and per metadata row without a file): every input is
  accounted for as loaded, rejected, duplicate, ignored, metadata or missing.

Bad input never stops the load with a library traceback: a file that cannot be used is
rejected with a :class:`CorpusWarning` naming it and the reason; a file that needed repair
(encoding, BOM, line endings) loads with a warning saying what was done. Problems that make
the whole load meaningless (no folder, no articles, a broken metadata file) raise
:class:`CorpusError`.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
import warnings
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from helpers.paths import METADATA_FILENAME
from helpers.progress import progress_bar

ARTICLE_SUFFIX = ".txt"
DEFAULT_MAX_FILE_BYTES = 2_000_000  # 20 long reads; a bigger file is rarely one article
METADATA_FIELDS = ("title", "outlet", "published", "summit")
STATUSES = ("stated", "inferred", "unknown")
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class CorpusError(ValueError):
    """The corpus cannot be loaded at all (names the file or folder and the reason)."""


class CorpusWarning(UserWarning):
    """A file was repaired, rejected or skipped; the message starts with its path."""


@dataclass(frozen=True)
class LoadedCorpus:
    """What :func:`load_corpus` returns: three tables that account for every input."""

    articles: pd.DataFrame
    audit: pd.DataFrame
    report: pd.DataFrame


# --------------------------------------------------------------------------------------------
# Decoding


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    notes: tuple[str, ...] = ()


_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or 13 < b)


def _looks_binary(data: bytes) -> str | None:
    if data.startswith(UTF16_BOMS):
        return None  # UTF-16 text has NUL bytes; decode_article handles it
    if b"\x00" in data:
        return "binary file (contains NUL bytes)"
    head = data[:65536]
    control = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if control > 0.05 * min(len(data), 65536):
        return "binary file (over 5% control bytes)"
    return None


def _cp1252_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    bad = error.object[error.start : error.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad), error.end


_CP1252_FALLBACK = "helpers_cp1252_fallback"
codecs.register_error(_CP1252_FALLBACK, _cp1252_fallback)


def _count_invalid_utf8(data: bytes) -> int:
    # the bytes UTF-8 decoding has to drop are exactly the invalid ones
    return len(data) - len(data.decode("utf-8", errors="ignore").encode("utf-8"))


def decode_article(data: bytes) -> DecodedText:
    """Decode article bytes: UTF-8 first, then cp1252, then Latin-1; normalise line endings.

    Every repair is listed in ``notes``.

    >>> decode_article("caf\\u00e9\\r\\n".encode("utf-8")).text
    'café\\n'
    >>> d = decode_article(b"\\xa3 5 \\x93quoted\\x94")
    >>> d.text, d.encoding
    ('£ 5 “quoted”', 'utf-8+cp1252')
    """
    notes: list[str] = []
    if data.startswith(UTF16_BOMS):
        text, encoding = data.decode("utf-16"), "utf-16"
        notes.append("decoded as UTF-16 (byte-order mark)")
    else:
        if data.startswith(UTF8_BOM):
            data = data[len(UTF8_BOM) :]
            notes.append("removed a UTF-8 byte-order mark")
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            # Only the invalid bytes are read as cp1252 (Latin-1 where cp1252 has no
            # character), so one stray byte does not garble the valid UTF-8 around it.
            text = data.decode("utf-8", errors=_CP1252_FALLBACK)
            n_bad = _count_invalid_utf8(data)
            encoding = "utf-8+cp1252"
            notes.append(
                f"not valid UTF-8 ({n_bad} byte(s), the first 0x{data[exc.start]:02X} at "
                f"offset {exc.start}); those bytes decoded as cp1252"
            )
    line_breaks = text.count("\r\n") + text.replace("\r\n", "").count("\r")
    if line_breaks:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        notes.append(f"converted {line_breaks} CRLF/CR line ending(s) to LF")
    return DecodedText(text, encoding, tuple(notes))


# --------------------------------------------------------------------------------------------
# Unicode normalisation (recorded, never silent)

# rule name -> (characters, replacement); an unspaced em dash also gets spaces (see below).
_CHARACTER_RULES: dict[str, tuple[str, str]] = {
    "curly_single_quotes": ("\u2018\u2019\u201a\u201b\u2032", "'"),
    "curly_double_quotes": ("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    "dashes": ("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    "unusual_spaces": ("\u00a0\u2002\u2003\u2007\u2008\u2009\u200a\u202f\u205f\u3000", " "),
    "invisible_characters": ("\u200b\u200c\u200d\u2060\ufeff\u00ad", ""),
}
_UNSPACED_DASH = re.compile(r"(?<=\S)[\u2014\u2015](?=\S)")
_CHARACTER_PATTERNS = {rule: re.compile(f"[{re.escape(characters)}]")
                       for rule, (characters, _) in _CHARACTER_RULES.items()}


def normalise_unicode(text: str) -> tuple[str, list[dict]]:
    """NFC-normalise and fold typographic characters to ASCII equivalents.

    Returns the new text and one audit row per rule that changed something.
    Accented letters are kept (Sánchez stays Sánchez).

    >>> normalise_unicode("Europe\\u2019s \\u201csteel porcupine\\u201d\\u2014indigestible")[0]
    'Europe\\'s "steel porcupine" - indigestible'
    """
    rows = []
    nfc = unicodedata.normalize("NFC", text)
    if nfc != text:
        rows.append(_normalise_row("unicode_nfc", max(len(text) - len(nfc), 1), "NFC"))
    text = _UNSPACED_DASH.sub(" \u2014 ", nfc)  # spaced here, folded to '-' (and counted) below
    for rule, (characters, replacement) in _CHARACTER_RULES.items():
        found = _CHARACTER_PATTERNS[rule].findall(text)
        if found:
            table = str.maketrans({c: replacement for c in characters})
            text = text.translate(table)
            shown = "".join(sorted(set(found)))
            rows.append(_normalise_row(rule, len(found), f"{shown!a} -> {replacement!r}"))
    return text, rows


def _normalise_row(rule: str, n_chars: int, detail: str) -> dict:
    return {"rule": rule, "action": "normalise", "line": None, "n_chars": n_chars, "text": detail}


# --------------------------------------------------------------------------------------------
# Boilerplate rules

_MONTH_DATE = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.? \d{1,2}, \d{4}"  # noqa: E501
_PUBLISHED_LINE = re.compile(rf"^Published(?: on)?:? (?P<date>{_MONTH_DATE})\.?$", re.IGNORECASE)
_BYLINE = re.compile(
    rf"^(?P<date>{_MONTH_DATE})(?: \d{{1,2}}:\d{{2}} ?[AP]M(?: [A-Z]{{2,5}})?)? \| By (?P<outlet>.+)$"  # noqa: E501
)
# "PARIS - ", "RIYADH, Saudi Arabia (Harbourline News Agency) - ", "KYIV (Reuters) – "
# (a place after the city only with the agency: "UK, France To Lead Coalition - " is a headline)
_DATELINE = re.compile(r"^(?P<dateline>[A-Z][A-Z0-9.'&]*(?: [A-Z][A-Z0-9.'&]*){0,3}"
                       r"(?:(?:, [A-Z][\w.'&]*(?: [A-Z][\w.'&]*){0,2})? \([^()\n]{1,60}\))?)"
                       r" - (?=\S)")
_DOMAIN = re.compile(r"^[A-Z0-9-]+(?:\.[A-Z0-9-]+)*\.[A-Z]{2,6}$")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(?P<heading>\S.*)$")
_LIST_MARKER = re.compile(r"^[-*\u2022]\s+(?=\S)")
_TERMINAL = re.compile(r"[.!?:;\u2026][\"')\]]*$")

# rule name -> (compiled pattern over a stripped line, description)
_LINE_RULES: dict[str, tuple[re.Pattern[str], str]] = {
    "markdown_separator": (re.compile(r"^(?:-{3,}|\*{3,}|_{3,})$"), "markdown rule lines (---)"),
    "crawl_metadata": (
        re.compile(r"^(?:Document Date|Retrieved|Accessed|Crawled|Scraped)\s*:", re.IGNORECASE),
        "crawler fields such as 'Document Date: ...' (when the copy was taken, not published)",
    ),
    "category_line": (re.compile(r"^Categor(?:y|ies)\s*:", re.IGNORECASE), "'Category: ...' tags"),
    "show_on_website": (
        re.compile(r"^Show on website\b", re.IGNORECASE),
        "'Show on website : [Click Here](#)' links",
    ),
    "markdown_heading": (_MARKDOWN_HEADING, "markdown headings (## ...) other than the title"),
    "image_credit": (
        re.compile(
            r"^(?:Image|Photo|Picture|Photograph)(?: source| credit)?s?\s*:.{0,80}$", re.IGNORECASE
        ),
        "image credits ('Image source: ...')",
    ),
    "post_appeared_first": (
        re.compile(r"^The post .+ appeared first on .+$"),
        "feed footers 'The post ... appeared first on ...'",
    ),
    "related_sources": (
        re.compile(r"^Related (?:Sources|Articles|Stories|Links|Content)\s*:?$", re.IGNORECASE),
        "'Related Sources:' and similar link-list headings",
    ),
    "navigation": (
        re.compile(
            r"^(?:Previous\s*Next|Previous|Next|Read more|Share(?: this)?|Advertisement)$",
            re.IGNORECASE,
        ),
        "site navigation words ('Previous Next', 'Read more')",
    ),
}
_DISCLAIMER_START = re.compile(r"^Disclaimer\b\s*:?", re.IGNORECASE)
_DISCLAIMER_HEADING = re.compile(r"^Disclaimers?\s*:?$", re.IGNORECASE)
_DISCLAIMER_WORDS = re.compile(
    r"disclaim|liabilit|advice|warrant(?:y|ies)|copyright|third-party|not (?:a )?(?:solicitation|recommendation)",  # noqa: E501
    re.IGNORECASE,
)
_SPONSORED_START = re.compile(
    r"^(?:Sponsored (?:Articles|Content|Stories|Links)|Recommended(?: for you)?|You may also like)$",  # noqa: E501
    re.IGNORECASE,
)

_BLOCK_RULES = {
    "title": "the title line (kept in the `title` column, removed from the body)",
    "repeated_title": "a later line that repeats the title",
    "published_line": "'Published on <date>' (date kept in `published`)",
    "byline": "'<date> <time> | By <outlet>' (date and outlet kept)",
    "dateline": ("a leading 'PARIS - ', 'RIYADH, Saudi Arabia (Agency) - ' or 'AKIPRESS.COM - ' "
                 "(an outlet domain is kept in `outlet`)"),
    "disclaimer": "a 'Disclaimer' heading and the legal paragraphs after it",
    "sponsored_block": "'Sponsored Articles' and the short link lines after it",
}

_NORMALISE_RULES = {
    "unicode_nfc": "Unicode NFC composition",
    "curly_single_quotes": "curly apostrophes and single quotes -> '",
    "curly_double_quotes": 'curly and angle double quotes -> "',
    "dashes": "en, em and other dashes -> '-' (an unspaced em dash gets spaces)",
    "unusual_spaces": "non-breaking and other special spaces -> ' '",
    "invisible_characters": "zero-width characters and soft hyphens removed",
    "whitespace": "runs of spaces and tabs inside a line -> one space; line ends trimmed",
    "hard_wrap": "a paragraph broken mid-sentence by the source's line wrapping is rejoined",
    "list_marker": "bullets ('* ', '\u2022 ') written as '- '; each list item stays a paragraph",
}


def cleaning_rules() -> pd.DataFrame:
    """Every named rule the cleaner applies, with what it does (removals, then normalisations).

    >>> cleaning_rules().query("rule == 'title'")["action"].item()
    'remove'
    """
    rows = [
        ("markdown_separator", "remove", _LINE_RULES["markdown_separator"][1]),
        ("title", "remove", _BLOCK_RULES["title"]),
        ("repeated_title", "remove", _BLOCK_RULES["repeated_title"]),
        ("published_line", "remove", _BLOCK_RULES["published_line"]),
        ("byline", "remove", _BLOCK_RULES["byline"]),
    ]
    rows += [(name, "remove", desc) for name, (_, desc) in _LINE_RULES.items()
             if name != "markdown_separator"]
    rows += [(name, "remove", _BLOCK_RULES[name])
             for name in ("disclaimer", "sponsored_block", "dateline")]
    rows += [(name, "normalise", desc) for name, desc in _NORMALISE_RULES.items()]
    return pd.DataFrame(rows, columns=["rule", "action", "description"])


@dataclass
class CleanedArticle:
    """The result of :func:`clean_article`: body text, extracted fields and audit rows."""

    text: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    audit: list[dict] = field(default_factory=list)


def _fold(text: str) -> str:
    # letters of any script count (a Cyrillic line must not fold to "" and match every line)
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def _parse_date(text: str) -> str:
    cleaned = re.sub(r"\s+", " ", text.replace(".", "")).strip()
    for fmt in ("%B %d, %Y", "%b %d, %Y"):
        try:
            return datetime.strptime(cleaned, fmt).date().isoformat()
        except ValueError:
            continue
    return datetime.strptime(cleaned.replace("Sept", "Sep"), "%b %d, %Y").date().isoformat()


def ends_sentence(paragraph: str) -> bool:
    """The paragraph ends with closing punctuation (quotes and brackets after it allowed).

    >>> ends_sentence('He said "no."'), ends_sentence("Washington's stance")
    (True, False)
    """
    return bool(_TERMINAL.search(paragraph))


def _looks_like_title(line: str, rest: list[str]) -> bool:
    # Short, or headline-cased, or a "headline: subhead" line; a lead sentence that merely
    # lacks its full stop is none of these.
    words = line.split()
    long_words = [w for w in words if len(w) > 3]
    capitalised = sum(w[0].isupper() for w in long_words) / max(len(long_words), 1)
    return (
        any(r.strip() for r in rest)
        and not re.search(r"[.!?,;\u2026][\"')\]]*$", line)
        and 2 <= len(words) <= 20
        and (len(words) <= 12 or capitalised >= 0.6 or ":" in line)
    )


def _is_boilerplate_line(line: str) -> bool:
    patterns = [p for p, _ in _LINE_RULES.values()]
    patterns += [_PUBLISHED_LINE, _BYLINE, _SPONSORED_START, _DISCLAIMER_START]
    return any(p.match(line) for p in patterns)


def _looks_like_heading(paragraph: str) -> bool:
    # A short line, or a comma-free line of capitalised words: a heading, not a wrapped sentence.
    if len(paragraph) < 60:
        return True
    long_words = [w for w in paragraph.split() if len(w) > 3]
    capitalised = sum(w[0].isupper() for w in long_words)
    return "," not in paragraph and bool(long_words) and capitalised / len(long_words) >= 0.85


def clean_article(raw_text: str) -> CleanedArticle:
    """Remove boilerplate by named rules, extract stated metadata and normalise the body.

    ``raw_text`` is decoded text with LF line endings. Paragraphs of the result are separated
    by one blank line. Every change is an audit row: ``rule``, ``action`` (remove or
    normalise), ``line`` (1-based, in the raw text), ``n_chars`` and the removed ``text``.

    >>> cleaned = clean_article("Summit Ends Without Deal\\n\\nPublished on March 2, 2025\\n\\n"
    ...                         "LONDON - Leaders met.\\nImage source: Agency")
    >>> cleaned.title, cleaned.published, cleaned.text
    ('Summit Ends Without Deal', '2025-03-02', 'Leaders met.')
    >>> sorted(row["rule"] for row in cleaned.audit)
    ['dateline', 'image_credit', 'published_line', 'title']
    """
    text, audit = normalise_unicode(raw_text)
    lines = text.split("\n")
    whitespace_fixed = 0
    for i, line in enumerate(lines):
        tidy = re.sub(r"[ \t]+", " ", line).strip()
        whitespace_fixed += len(line) - len(tidy)
        lines[i] = tidy
    if whitespace_fixed:
        audit.append(_normalise_row("whitespace", whitespace_fixed, "spaces and tabs"))

    result = CleanedArticle(text="", audit=audit)
    removed: dict[int, str] = {}

    def remove(index: int, rule: str) -> None:
        removed[index] = rule
        result.audit.append({"rule": rule, "action": "remove", "line": index + 1,
                             "n_chars": len(lines[index]), "text": lines[index]})

    pattern = _LINE_RULES["markdown_separator"][0]
    for i, line in enumerate(lines):
        if pattern.match(line):
            remove(i, "markdown_separator")

    # The title is the first line that is a markdown heading or, skipping boilerplate lines,
    # the first short line without closing punctuation that has text after it.
    for i, line in enumerate(lines):
        if not line or i in removed:
            continue
        heading = _MARKDOWN_HEADING.match(line)
        if heading or (not _is_boilerplate_line(line)
                       and _looks_like_title(line, lines[i + 1 :])):
            result.title = heading.group("heading").strip() if heading else line
            remove(i, "title")
        if heading or not _is_boilerplate_line(line):
            break

    in_disclaimer = in_sponsored = False
    for i, line in enumerate(lines):
        if not line or i in removed:
            continue
        if in_disclaimer and _DISCLAIMER_WORDS.search(line):
            remove(i, "disclaimer")
            continue
        in_disclaimer = False
        if in_sponsored and len(line) < 60 and not ends_sentence(line):
            remove(i, "sponsored_block")
            continue
        in_sponsored = False
        if result.title and _fold(result.title) and _fold(line) == _fold(result.title):
            remove(i, "repeated_title")
        elif match := _PUBLISHED_LINE.match(line):
            result.published = result.published or _parse_date(match.group("date"))
            remove(i, "published_line")
        elif match := _BYLINE.match(line):
            result.published = result.published or _parse_date(match.group("date"))
            result.outlet = result.outlet or match.group("outlet").strip()
            remove(i, "byline")
        elif (start := _DISCLAIMER_START.match(line)) and (
                _DISCLAIMER_HEADING.match(line) or _DISCLAIMER_WORDS.search(line[start.end() :])):
            remove(i, "disclaimer")
            in_disclaimer = True
        elif _SPONSORED_START.match(line):
            remove(i, "sponsored_block")
            in_sponsored = True
        else:
            for rule, (rule_pattern, _) in _LINE_RULES.items():
                if rule_pattern.match(line):
                    remove(i, rule)
                    break

    body = [i for i, line in enumerate(lines) if line and i not in removed]
    blocks: list[tuple[str, bool]] = []  # (line, is a list item)
    for position, i in enumerate(body):
        line = lines[i]
        # the first line, or the first after a headline the title rule left in the body
        first = position == 0 or (position == 1 and not ends_sentence(lines[body[0]]))
        if first and (match := _DATELINE.match(line)):
            dateline = match.group("dateline")
            if _DOMAIN.match(dateline):
                result.outlet = result.outlet or dateline
            result.audit.append({"rule": "dateline", "action": "remove", "line": i + 1,
                                 "n_chars": match.end(), "text": match.group(0)})
            line = line[match.end() :]
        # List items keep a '- ' marker, so later steps can tell them from prose.
        marker = _LIST_MARKER.match(line)
        if marker and marker.group(0) != "- ":
            result.audit.append(_normalise_row("list_marker", marker.end(),
                                               f"{marker.group(0)!r} -> '- '"))
            line = "- " + line[marker.end() :]
        blocks.append((line, bool(marker)))

    # Hard wraps: a line that continues in lower case was broken mid-sentence. Once a document
    # shows that, a long unfinished line followed by a capitalised one is rejoined too
    # ("Polish Prime | Minister Donald Tusk"); without it, such lines stay apart (rankings,
    # leads without a full stop).
    def continues(previous: tuple[str, bool], line: tuple[str, bool]) -> bool:
        # a short line is a heading unless it stops on a word that cannot end a sentence
        ends_open = previous[0].split()[-1].lower().strip("\"'") in ENGLISH_STOP_WORDS
        return (not previous[1] and not line[1] and not ends_sentence(previous[0])
                and (ends_open or not _looks_like_heading(previous[0]))
                and not line[0][0].isupper() and not line[0][0].isdigit()
                and line[0][0] not in "\"'(")

    wrapped = any(continues(a, b) for a, b in zip(blocks, blocks[1:]))
    paragraphs: list[str] = []
    for index, block in enumerate(blocks):
        previous = blocks[index - 1] if index else None
        if previous and (continues(previous, block) or (
                wrapped and not previous[1] and not block[1]
                and not ends_sentence(paragraphs[-1])
                and not _looks_like_heading(paragraphs[-1]))):
            result.audit.append(_normalise_row(
                "hard_wrap", 1, f"...{paragraphs[-1][-30:]} | {block[0][:30]}..."))
            paragraphs[-1] = f"{paragraphs[-1]} {block[0]}"
            continue
        paragraphs.append(block[0])

    result.text = "\n\n".join(paragraphs)
    return result


# --------------------------------------------------------------------------------------------
# Language: the suite analyses English; other text is reported, never emptied as boilerplate

ENGLISH_MIN_SHARE = 0.12  # of words that are English function words
ENGLISH_MIN_WORDS = 20  # shorter texts are not judged
_LETTER_WORD = re.compile(r"[^\W\d_]+")


def english_word_share(text: str, max_words: int = 5000) -> tuple[float, int]:
    """Share of the first ``max_words`` words that are English function words (scikit-learn's
    stopword list), and the number of words looked at.

    A stopword profile is the classic cheap language test: English news prose has 18% or more
    (the lowest of the 2,225 BBC articles, a sports results list, has 18%); French and German
    have 4-9%; Cyrillic text has none.

    >>> round(english_word_share("The talks were about the war and what comes after it.")[0], 2)
    0.73
    >>> english_word_share("Лидеры встретились в Париже")
    (0.0, 4)
    """
    words = _LETTER_WORD.findall(text[: max_words * 40].casefold())[:max_words]
    english = sum(word in ENGLISH_STOP_WORDS for word in words)
    return (english / len(words) if words else 0.0), len(words)


def not_english_reason(text: str) -> str | None:
    """Why ``text`` is not analysed as English, or None when it reads as English."""
    share, n_words = english_word_share(text)
    if n_words < ENGLISH_MIN_WORDS or share >= ENGLISH_MIN_SHARE:
        return None
    return (f"not English: {share:.0%} of its first {n_words} words are English function words "
            f"(English prose has {ENGLISH_MIN_SHARE:.0%} or more); the suite analyses English")


# --------------------------------------------------------------------------------------------
# Metadata


def _metadata_problem(name: str, value: str, status: str) -> str | None:
    status_column = f"{name}_status"
    if status not in STATUSES:
        return f"{status_column} is {status!r}; use one of {', '.join(STATUSES)}"
    if (status == "unknown") != (value == ""):
        return (f"{name} is {value!r} but {status_column} is {status!r}; an unknown value is "
                "left empty and only an unknown value is empty")
    if name == "published" and value:
        try:
            datetime.strptime(value, "%Y-%m-%d")
        except ValueError:
            return f"published {value!r} is not a date written YYYY-MM-DD"
    return None


def read_metadata(path: Path) -> pd.DataFrame:
    """Read and validate a hand-curated metadata CSV.

    Required column: ``doc_id``. Optional: ``title``, ``outlet``, ``published`` (YYYY-MM-DD),
    ``summit``, each with a ``<field>_status`` column saying ``stated`` (the text states it),
    ``inferred`` (curated from evidence in the text) or ``unknown`` (left empty); and ``note``.
    A file that cannot be used at all raises :class:`CorpusError` naming it and the problem;
    a bad cell (a status outside the vocabulary, a value without its status, a date not
    written YYYY-MM-DD) is not used, with a :class:`CorpusWarning` naming the file, line and
    problem, and the new ``problems`` column lists it for the load report.
    """
    path = Path(path)
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path.name}: cannot read the metadata table ({exc})") from None
    table.columns = [c.strip() for c in table.columns]
    if "doc_id" not in table.columns:
        raise CorpusError(
            f"{path.name}: no 'doc_id' column (found: {', '.join(table.columns)})"
        )
    table = table.apply(lambda column: column.str.strip())
    duplicated = table["doc_id"][table["doc_id"].duplicated()].tolist()
    if duplicated:
        raise CorpusError(f"{path.name}: doc_id listed more than once: {', '.join(duplicated)}")
    problems: list[list[str]] = [[] for _ in range(len(table))]
    for name in METADATA_FIELDS:
        status_column = f"{name}_status"
        if name not in table.columns:
            continue
        if status_column not in table.columns:
            raise CorpusError(
                f"{path.name}: column '{name}' has no '{status_column}' column; say for each "
                f"value whether the text states it, it was inferred, or it is unknown"
            )
        for row, (doc_id, value, status) in enumerate(
            zip(table["doc_id"], table[name], table[status_column])
        ):
            problem = _metadata_problem(name, value, status)
            if problem is None:
                continue
            # One bad cell costs that cell, not the whole corpus: it is not used, and the
            # warning and the load report say so.
            message = f"{problem}; the cell is not used"
            warnings.warn(f"{path.name} line {row + 2} ({doc_id}): {message}", CorpusWarning,
                          stacklevel=2)
            problems[row].append(f"{path.name} line {row + 2}: {message}")
            table.loc[row, [name, status_column]] = ["", "unknown"]
    table["problems"] = ["; ".join(found) for found in problems]
    return table


# --------------------------------------------------------------------------------------------
# Loading


def _report_row(path: str, doc_id: str | None, status: str, n_bytes: int | None,
                encoding: str | None, detail: str) -> dict:
    return {"path": path, "doc_id": doc_id, "status": status, "bytes": n_bytes,
            "encoding": encoding, "detail": detail}


def _merge_metadata(extracted: dict[str, str | None], curated: dict[str, str] | None
                    ) -> tuple[dict[str, str | None], list[str]]:
    merged: dict[str, str | None] = {}
    notes: list[str] = []
    for name in METADATA_FIELDS:
        value = extracted.get(name)
        status = "stated" if value else "unknown"
        if curated and name in curated and curated.get(f"{name}_status", "unknown") != "unknown":
            new_value, new_status = curated[name], curated[f"{name}_status"]
            if value and new_value != value:
                notes.append(f"{name}: metadata {new_value!r} replaces text {value!r}")
            value, status = new_value, new_status
        merged[name], merged[f"{name}_status"] = value, status
    merged["metadata_note"] = (curated or {}).get("note") or None
    return merged, notes


def progress(items, description: str):
    """``items`` with a progress bar when there are many of them (see :mod:`helpers.progress`)."""
    return progress_bar(list(items), description)


TABLE_SUFFIXES = (".csv", ".jsonl", ".ndjson", ".parquet")
# the names news databases and scrapers give these columns, tried in order
COLUMN_NAMES = {
    "text": ("text", "body", "content", "maintext", "article", "full_text"),
    "doc_id": ("doc_id", "id", "article_id", "uuid", "url"),
    "title": ("title", "headline"),
    "outlet": ("outlet", "source", "publisher", "source_domain", "media", "site"),
    "published": ("published", "date", "date_publish", "publish_date", "published_at",
                  "pubdate"),
    "summit": ("summit",),
}


def read_article_table(path: Path | str, columns: dict[str, str] | None = None) -> list[dict]:
    """Rows of a table of articles, ready for :func:`load_corpus`.

    ``columns`` maps the suite's fields (``text``, ``doc_id``, ``title``, ``outlet``,
    ``published``, ``summit``) to the table's column names; a field it does not map is looked
    for under the names in :data:`COLUMN_NAMES`. Only ``text`` is required; without a
    ``doc_id`` column rows are numbered (``row000001``). Values of the mapped metadata columns
    count as *stated* (the source gives them); a date that cannot be read is left unknown,
    with a warning naming the row. Raises :class:`CorpusError` naming the file and the problem
    when it cannot be read or has no text column.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        elif suffix in (".jsonl", ".ndjson"):
            table = pd.read_json(path, lines=True, dtype=False)
        else:
            table = pd.read_parquet(path)
    except (ValueError, OSError, UnicodeDecodeError, pd.errors.ParserError, ImportError) as exc:
        raise CorpusError(f"{path.name}: cannot read the table of articles "
                          f"({type(exc).__name__}: {str(exc)[:200]})") from None
    table.columns = [str(c).strip() for c in table.columns]
    mapping = dict(columns or {})
    unknown = [f"{key}={name!r}" for key, name in mapping.items()
               if name not in table.columns]
    if unknown or set(mapping) - set(COLUMN_NAMES):
        raise CorpusError(f"{path.name}: the column mapping names what the table does not have "
                          f"({', '.join(unknown or sorted(set(mapping) - set(COLUMN_NAMES)))}); "
                          f"its columns: {', '.join(table.columns)}")
    for key, candidates in COLUMN_NAMES.items():
        if key not in mapping:
            found = next((c for c in candidates if c in table.columns), None)
            if found is not None:
                mapping[key] = found
    if "text" not in mapping:
        raise CorpusError(f"{path.name}: no text column (tried {', '.join(COLUMN_NAMES['text'])}"
                          f"); name it with columns={{'text': ...}}; its columns: "
                          f"{', '.join(table.columns)}")
    rows = []
    for number, record in enumerate(table.to_dict("records"), start=1):
        where = f"{path.name} row {number}"

        def value(key, record=record):
            raw = record.get(mapping.get(key, ""), None)
            return "" if raw is None or (isinstance(raw, float) and pd.isna(raw)) else str(
                raw).strip()

        metadata = {"note": None, "problems": ""}
        for key in METADATA_FIELDS:
            given = value(key)
            if key == "published" and given:
                date = pd.to_datetime(given, errors="coerce", utc=True)
                if pd.isna(date):
                    warnings.warn(f"{where}: published {given!r} is not a date; left unknown",
                                  CorpusWarning, stacklevel=2)
                    metadata["problems"] = f"published {given!r} is not a date; left unknown"
                    given = ""
                else:
                    given = date.date().isoformat()
            metadata[key], metadata[f"{key}_status"] = given, ("stated" if given
                                                                   else "unknown")
        text = value("text").replace("\r\n", "\n").replace("\r", "\n")
        rows.append({"where": where, "doc_id": value("doc_id") or f"row{number:06d}",
                     "text": text, "metadata": metadata})
    return rows


NEAR_DUPLICATE_JACCARD = 0.8  # of word 5-grams: the same story with a changed line or two
NEAR_DUPLICATE_CHOICES = ("report", "drop")
_SHINGLE_WORDS = 5


def near_duplicates(articles: pd.DataFrame, threshold: float = NEAR_DUPLICATE_JACCARD,
                    num_perm: int = 128) -> pd.DataFrame:
    """Articles whose text nearly repeats an earlier one (the same wire story on several
    sites): ``doc_id``, ``near_duplicate_of`` (the first of its group in ``doc_id`` order),
    ``jaccard`` (of the two texts' word 5-grams, computed exactly for each reported pair).

    Candidates come from datasketch's MinHash LSH at ``threshold`` (sub-quadratic: each
    article is hashed once and looked up once); each candidate pair is then checked exactly.

    >>> story = " ".join(f"word{i}" for i in range(200))  # a 200-word wire story
    >>> near_duplicates(pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [
    ...     story, story + " updated at noon", "Something else happened in London today"]}))
      doc_id near_duplicate_of  jaccard
    0      b                 a    0.985
    """
    from datasketch import LeanMinHash, MinHash, MinHashLSH

    columns = ["doc_id", "near_duplicate_of", "jaccard"]
    repeated = sorted(set(articles.loc[articles["doc_id"].duplicated(), "doc_id"].astype(str)))
    if repeated:
        raise ValueError(f"doc_id used by more than one article: {', '.join(repeated)}")
    ordered = articles.sort_values("doc_id")
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    # Each article's 5-grams are kept as sorted 64-bit hashes, not strings: the strings of a
    # large corpus take gigabytes. Two grams sharing a hash (odds about 1 in 2**64 per pair)
    # is the only way the Jaccard figure can differ from the strings'.
    gram_hashes: dict[str, np.ndarray] = {}
    first_of: dict[str, str] = {}
    rows = []
    for doc_id, text in progress(zip(ordered["doc_id"], ordered["text"]),
                                 "finding near-duplicates"):
        words = re.findall(r"\w+", text.casefold())
        grams = {" ".join(words[i:i + _SHINGLE_WORDS])
                 for i in range(max(len(words) - _SHINGLE_WORDS + 1, 1))}
        signature = MinHash(num_perm=num_perm, seed=1)
        signature.update_batch([gram.encode("utf-8") for gram in grams])
        hashes = np.unique(np.fromiter((hash(gram) for gram in grams), dtype=np.int64,
                                       count=len(grams)))
        best = None
        for other in sorted(lsh.query(signature)):
            shared = len(np.intersect1d(hashes, gram_hashes[other], assume_unique=True))
            union = len(hashes) + len(gram_hashes[other]) - shared
            jaccard = shared / union if union else 0.0
            if jaccard >= threshold and (best is None or jaccard > best[1]):
                best = (other, jaccard)
        if best is not None:
            first_of[doc_id] = first_of.get(best[0], best[0])
            rows.append({"doc_id": doc_id, "near_duplicate_of": first_of[doc_id],
                         "jaccard": round(best[1], 3)})
        lsh.insert(doc_id, LeanMinHash(signature))
        gram_hashes[doc_id] = hashes
    return pd.DataFrame(rows, columns=columns)


def load_corpus(
    folder: Path | str,
    metadata: Path | str | None = METADATA_FILENAME,
    *,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    strict: bool = False,
    columns: dict[str, str] | None = None,
    near_duplicate: str = "report",
) -> LoadedCorpus:
    """Load every ``.txt`` article under ``folder`` (recursively) into an articles table; or,
    when ``folder`` is a table of articles (CSV, JSONL or Parquet, one row an article), every
    row of it, read by :func:`read_article_table` with the column mapping ``columns``.

    A table row goes through the same cleaning, audit and checks as a file; its report row's
    ``path`` is ``<table> row <n>``.

    Near-duplicates (:func:`near_duplicates`) are always found and named in the load report;
    ``near_duplicate="drop"`` also leaves them out (status ``duplicate``), keeping the first of
    each group. Exact duplicates are always left out.

    ``metadata`` is a CSV inside ``folder`` (or any path) read by :func:`read_metadata`; when
    it does not exist the text's own metadata is used. With ``strict=True`` the first rejected
    file raises :class:`CorpusError` instead of a warning. Raw files are only read.
    """
    folder = Path(folder)
    table_rows = None
    if folder.is_file() and folder.suffix.lower() in TABLE_SUFFIXES:
        table_rows = read_article_table(folder, columns)
    elif not folder.is_dir():
        raise CorpusError(f"{folder}: not a folder of articles nor a table of them (.csv, "
                          ".jsonl, .parquet); it does not exist or is another kind of file")
    metadata_path = None
    if metadata is not None and table_rows is None:
        candidate = Path(metadata)
        metadata_path = candidate if candidate.is_absolute() else folder / candidate
    curated_table = (read_metadata(metadata_path)
                     if metadata_path is not None and metadata_path.is_file() else None)
    curated = ({row["doc_id"]: row for row in curated_table.to_dict("records")}
               if curated_table is not None else {})

    files = ([] if table_rows is not None else
             sorted((p for p in folder.rglob("*") if not p.is_dir()),
                    key=lambda p: p.relative_to(folder).as_posix()))
    report: list[dict] = []
    articles: list[dict] = []
    audit: list[dict] = []
    seen_ids: dict[str, str] = {}
    seen_texts: dict[str, tuple[str, str]] = {}

    def reject(relative: str, doc_id: str | None, status: str, n_bytes: int | None,
               encoding: str | None, reason: str) -> None:
        if strict:
            raise CorpusError(f"{relative}: {reason}")
        warnings.warn(f"{relative}: {reason}", CorpusWarning, stacklevel=3)
        report.append(_report_row(relative, doc_id, status, n_bytes, encoding, reason))

    def accept(relative: str, doc_id: str, size: int, read, curated_row: dict | None,
               read_from_table: bool = False) -> None:
        # one article's bytes -> a row of the articles table, or a report row saying why not
        if size == 0:
            reject(relative, doc_id, "rejected", size, None,
                   "empty text" if read_from_table else "empty file (0 bytes)")
            return
        if size > max_file_bytes:
            reject(relative, doc_id, "rejected", size, None,
                   f"{size / 1e6:.1f} MB is over the {max_file_bytes / 1e6:g} MB limit for one "
                   "article (pass a larger max_file_bytes to load it)")
            return
        try:
            data = read()
        except OSError as exc:
            reject(relative, doc_id, "rejected", size, None,
                   f"cannot be read ({exc.strerror or exc})")
            return
        if reason := _looks_binary(data):
            reject(relative, doc_id, "rejected", size, None, reason)
            return
        decoded = decode_article(data)
        for note in decoded.notes:
            warnings.warn(f"{relative}: {note}", CorpusWarning, stacklevel=2)
        if not decoded.text.strip():
            reject(relative, doc_id, "rejected", size, decoded.encoding,
                   "contains only whitespace")
            return
        cleaned = clean_article(decoded.text)
        doc_audit = [{"doc_id": doc_id, **row} for row in cleaned.audit]
        audit.extend(doc_audit)
        if not cleaned.text:
            removed = sum(r["n_chars"] for r in doc_audit if r["action"] == "remove")
            rules = sorted({r["rule"] for r in doc_audit if r["action"] == "remove"})
            reject(relative, doc_id, "rejected", size, decoded.encoding,
                   f"nothing left after removing boilerplate ({removed} characters removed by "
                   f"{', '.join(rules)})")
            return
        if reason := not_english_reason(cleaned.text):
            reject(relative, doc_id, "rejected", size, decoded.encoding, reason)
            return
        fingerprint = hashlib.sha256(cleaned.text.encode("utf-8")).hexdigest()
        if fingerprint in seen_texts:
            first_id, first_path = seen_texts[fingerprint]
            reject(relative, doc_id, "duplicate", size, decoded.encoding,
                   f"same text as {first_path} (doc_id {first_id}); not loaded twice")
            return
        seen_texts[fingerprint] = (doc_id, relative)

        extracted = {"title": cleaned.title, "outlet": cleaned.outlet,
                     "published": cleaned.published, "summit": None}
        merged, merge_notes = _merge_metadata(extracted, curated_row)
        articles.append({
            "doc_id": doc_id,
            **merged,
            "path": relative,
            "encoding": decoded.encoding,
            "sha256": hashlib.sha256(data).hexdigest(),
            "n_chars_raw": len(decoded.text),
            "n_chars": len(cleaned.text),
            "text": cleaned.text,
            "raw_text": decoded.text,
        })
        report.append(_report_row(relative, doc_id, "loaded", size, decoded.encoding,
                                  "; ".join([*decoded.notes, *merge_notes, *(
                                      [curated_row["problems"]]
                                      if (curated_row or {}).get("problems") else [])])))

    for path in progress(files, "loading articles"):
        relative = path.relative_to(folder).as_posix()
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            report.append(_report_row(relative, None, "ignored", None, None,
                                      "hidden file or folder"))
            continue
        if not path.is_file():
            report.append(_report_row(relative, None, "ignored", None, None,
                                      "not a regular file (a broken link?)"))
            continue
        size = path.stat().st_size
        if metadata_path is not None and path.resolve() == metadata_path.resolve():
            report.append(_report_row(relative, None, "metadata", size, None,
                                      f"{len(curated)} metadata row(s)"))
            continue
        if path.suffix.lower() != ARTICLE_SUFFIX:
            report.append(_report_row(relative, None, "ignored", size, None,
                                      f"not a {ARTICLE_SUFFIX} file"))
            continue
        # The file stem; in a subfolder, the path without the suffix ("politics/001"), so
        # the same file name in two folders still gives two stable, distinct ids.
        doc_id = relative[: -len(path.suffix)]
        if doc_id in seen_ids:
            reject(relative, doc_id, "rejected", size, None,
                   f"doc_id {doc_id!r} is already used by {seen_ids[doc_id]} (names differ only "
                   "in the suffix's case); rename one file")
            continue
        seen_ids[doc_id] = relative
        accept(relative, doc_id, size, path.read_bytes, curated.get(doc_id))

    for row in progress(table_rows if table_rows is not None else [], "loading articles"):
        relative, doc_id = row["where"], row["doc_id"]
        if doc_id in seen_ids:
            reject(relative, doc_id, "rejected", None, None,
                   f"doc_id {doc_id!r} is already used by {seen_ids[doc_id]}")
            continue
        seen_ids[doc_id] = relative
        data = row["text"].encode("utf-8")
        accept(relative, doc_id, len(data), lambda data=data: data, row["metadata"],
               read_from_table=True)

    for doc_id in sorted(set(curated) - set(seen_ids)):
        reason = f"metadata row for doc_id {doc_id!r} names no .txt file in the folder"
        warnings.warn(f"{metadata_path.name}: {reason}", CorpusWarning, stacklevel=2)
        report.append(_report_row(metadata_path.name, doc_id, "missing", None, None, reason))

    if not any(r["status"] in {"loaded", "rejected", "duplicate"} for r in report):
        others = len(report)
        raise CorpusError(f"{folder}: no {ARTICLE_SUFFIX} articles found "
                          f"({others} other file(s) present)")
    if not articles:
        raise CorpusError(f"{folder}: no article could be loaded; see the warnings above")

    if near_duplicate not in NEAR_DUPLICATE_CHOICES:
        raise CorpusError(f"near_duplicate must be one of {', '.join(NEAR_DUPLICATE_CHOICES)}, "
                          f"not {near_duplicate!r}")
    articles_table = pd.DataFrame(articles).sort_values("doc_id", ignore_index=True)
    repeats = near_duplicates(articles_table)
    if not repeats.empty:
        by_id = {row["doc_id"]: row for row in report if row["status"] == "loaded"}
        for doc_id, first, jaccard in repeats.itertuples(index=False):
            note = (f"near-duplicate of {first} ({jaccard:.0%} of word 5-grams shared)"
                    + ("; left out (near_duplicate='drop')" if near_duplicate == "drop" else ""))
            row = by_id[doc_id]
            row["detail"] = "; ".join(part for part in (row["detail"], note) if part)
            if near_duplicate == "drop":
                row["status"] = "duplicate"
        if near_duplicate == "drop":
            articles_table = articles_table[~articles_table["doc_id"].isin(repeats["doc_id"])
                                            ].reset_index(drop=True)
    audit_table = pd.DataFrame(
        audit, columns=["doc_id", "rule", "action", "line", "n_chars", "text"]
    ).astype({"line": "Int64", "n_chars": "int64"})
    report_table = pd.DataFrame(
        report, columns=["path", "doc_id", "status", "bytes", "encoding", "detail"]
    ).astype({"bytes": "Int64"})
    return LoadedCorpus(articles_table, audit_table, report_table)


def load_corpus_noting(source: Path | str, *, max_shown: int = 10, **options) -> LoadedCorpus:
    """:func:`load_corpus` for a notebook: its warnings are printed as plain lines, the first
    ``max_shown`` of them and then how many more (each is also a row of the load report),
    instead of one warning block per file, each with the kernel's path, on a large corpus."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CorpusWarning)
        corpus = load_corpus(source, **options)
    notes = [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)]
    for note in notes[:max_shown]:
        print(f"warning: {note}")
    if len(notes) > max_shown:
        print(f"... and {len(notes) - max_shown:,} more warnings; the load report lists every "
              "file with its status and reason")
    return corpus


def audit_summary(audit: pd.DataFrame) -> pd.DataFrame:
    """Characters removed or normalised per article and rule (articles as columns, plus total).

    The input is the ``audit`` table of :func:`load_corpus`; a new table is returned.
    """
    summary = audit.pivot_table(index=["action", "rule"], columns="doc_id", values="n_chars",
                                aggfunc="sum", fill_value=0)
    summary["total"] = summary.sum(axis=1)
    return summary.sort_index()


def metadata_status_counts(articles: pd.DataFrame) -> pd.DataFrame:
    """How many articles have each metadata field stated, inferred or unknown.

    >>> metadata_status_counts(pd.DataFrame({"title_status": ["stated", "unknown"],
    ...     "outlet_status": ["inferred", "inferred"], "published_status": ["stated", "stated"],
    ...     "summit_status": ["unknown", "unknown"]})).loc["outlet"].to_dict()
    {'stated': 0, 'inferred': 2, 'unknown': 0}
    """
    counts = pd.DataFrame({
        name: articles[f"{name}_status"].value_counts() for name in METADATA_FIELDS
    }).T.reindex(columns=list(STATUSES)).fillna(0).astype(int)
    counts.index.name = "field"
    return counts


def cleaning_totals(articles: pd.DataFrame, audit: pd.DataFrame) -> pd.DataFrame:
    """Per article: raw characters, characters removed by rules, share removed, and changes.

    ``removed_share`` is removed characters over raw characters; ``normalised`` counts
    characters changed (or lines rejoined) by normalisation rules. Paragraph breaks the cleaner
    inserts are not counted as removed or added.
    """
    by_action = audit.pivot_table(index="doc_id", columns="action", values="n_chars",
                                  aggfunc="sum", fill_value=0)
    table = articles.set_index("doc_id")[["n_chars_raw"]].copy()
    table["removed_chars"] = by_action.get("remove", pd.Series(dtype=int)).reindex(
        table.index, fill_value=0).astype(int)
    table["removed_share"] = (table["removed_chars"] / table["n_chars_raw"]).round(3)
    table["normalised"] = by_action.get("normalise", pd.Series(dtype=int)).reindex(
        table.index, fill_value=0).astype(int)
    return table
