"""Bad input: each case loads with a warning naming the file, or is rejected with the reason.

Every file found appears in the load report; nothing is silently dropped.
"""

import warnings

import pytest

from helpers.corpus import CorpusError, CorpusWarning, load_corpus

ARTICLE = (
    "Leaders Meet in Paris\n\n"
    "French President Emmanuel Macron hosted the summit on Monday. "
    "\u201cEurope is ready,\u201d NATO Secretary General Mark Rutte wrote on X.\n"
)


def write(folder, name, data):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def report_row(corpus, path):
    rows = corpus.report[corpus.report["path"] == path]
    assert len(rows) == 1, corpus.report
    return rows.iloc[0]


@pytest.fixture
def folder(tmp_path):
    corpus_dir = tmp_path / "corpus"
    write(corpus_dir, "good.txt", ARTICLE)
    return corpus_dir


def test_empty_file_is_rejected_by_name(folder):
    write(folder, "empty.txt", b"")
    with pytest.warns(CorpusWarning, match=r"^empty\.txt: empty file"):
        corpus = load_corpus(folder)
    assert report_row(corpus, "empty.txt")["status"] == "rejected"
    assert corpus.articles["doc_id"].tolist() == ["good"]


def test_binary_file_is_rejected_by_name(folder):
    write(folder, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.warns(CorpusWarning, match=r"^photo\.txt: binary file"):
        corpus = load_corpus(folder)
    assert report_row(corpus, "photo.txt")["status"] == "rejected"


def test_latin1_bytes_load_with_a_warning(folder):
    # the BBC set's sport/199.txt problem: a lone Latin-1 pound sign
    write(folder, "latin1.txt", "Talks in Paris\n\nThe fund holds \u00a35m for Ukraine.".encode("latin-1"))
    with pytest.warns(CorpusWarning, match=r"^latin1\.txt: not valid UTF-8 \(1 byte\(s\), the first 0xA3"):
        corpus = load_corpus(folder)
    article = corpus.articles.set_index("doc_id").loc["latin1"]
    assert "\u00a35m" in article["text"]
    assert article["encoding"] == "utf-8+cp1252"


def test_one_stray_byte_does_not_garble_the_utf8_around_it(folder):
    raw = "Talks in Paris\n\nZelensky\u2019s \u201cpeace\u201d costs \u20ac5bn".encode() + b" (\xa35bn)."
    write(folder, "mixed.txt", raw)
    with pytest.warns(CorpusWarning, match=r"^mixed\.txt: not valid UTF-8 \(1 byte"):
        corpus = load_corpus(folder)
    assert corpus.articles.set_index("doc_id").loc["mixed", "text"] == (
        'Zelensky\'s "peace" costs \u20ac5bn (\u00a35bn).')


def test_utf16_with_a_byte_order_mark_loads_with_a_warning(folder):
    write(folder, "utf16.txt", "Talks in Paris\n\nLeaders met in Kyiv.".encode("utf-16"))
    with pytest.warns(CorpusWarning, match=r"^utf16\.txt: decoded as UTF-16"):
        corpus = load_corpus(folder)
    assert corpus.articles.set_index("doc_id").loc["utf16", "text"] == "Leaders met in Kyiv."


def test_cp1252_smart_quotes_load_with_a_warning(folder):
    raw = b"Talks in Paris\n\n\x93We are ready,\x94 Macron said \x96 and left."
    write(folder, "cp1252.txt", raw)
    with pytest.warns(CorpusWarning, match=r"^cp1252\.txt: not valid UTF-8.*cp1252"):
        corpus = load_corpus(folder)
    text = corpus.articles.set_index("doc_id").loc["cp1252", "text"]
    assert text == '"We are ready," Macron said - and left.'


def test_utf8_bom_is_removed_with_a_warning(folder):
    write(folder, "bom.txt", b"\xef\xbb\xbf" + b"Talks in Paris\n\nLeaders met.")
    with pytest.warns(CorpusWarning, match=r"^bom\.txt: removed a UTF-8 byte-order mark"):
        corpus = load_corpus(folder)
    article = corpus.articles.set_index("doc_id").loc["bom"]
    assert article["title"] == "Talks in Paris"  # the BOM did not stop title detection
    assert not article["raw_text"].startswith("\ufeff")


def test_crlf_line_endings_are_converted_with_a_warning(folder):
    write(folder, "crlf.txt", "Talks in Paris\r\n\r\nLeaders met.\r\nThey left.\r\n")
    with pytest.warns(CorpusWarning, match=r"^crlf\.txt: converted 4 CRLF/CR line ending"):
        corpus = load_corpus(folder)
    assert corpus.articles.set_index("doc_id").loc["crlf", "text"] == (
        "Leaders met.\n\nThey left.")


def test_file_of_only_boilerplate_is_rejected_and_its_removals_audited(folder):
    write(folder, "chrome.txt", "---\n\nCategory: ,English\n\nShow on website : [Click Here](#)\n"
                                "\nSponsored Articles\n\nPrevious Next\n")
    with pytest.warns(CorpusWarning, match=r"^chrome\.txt: nothing left after removing boilerplate"):
        corpus = load_corpus(folder)
    assert report_row(corpus, "chrome.txt")["status"] == "rejected"
    audited = corpus.audit.loc[corpus.audit["doc_id"] == "chrome", "rule"].tolist()
    assert audited == ["markdown_separator", "category_line", "show_on_website",
                       "sponsored_block", "sponsored_block"]


def test_whitespace_only_file_is_rejected(folder):
    write(folder, "blank.txt", " \n\t\r\n ")
    with pytest.warns(CorpusWarning) as caught:
        corpus = load_corpus(folder)
    assert any(str(w.message) == "blank.txt: contains only whitespace" for w in caught)
    assert report_row(corpus, "blank.txt")["status"] == "rejected"


def test_unreadable_file_is_rejected_not_a_traceback(folder, monkeypatch):
    path = write(folder, "locked.txt", ARTICLE)
    original = type(path).read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return original(self)

    monkeypatch.setattr(type(path), "read_bytes", read_bytes)
    with pytest.warns(CorpusWarning, match=r"^locked\.txt: cannot be read \(Permission denied\)"):
        corpus = load_corpus(folder)
    assert report_row(corpus, "locked.txt")["status"] == "rejected"


def test_hidden_folders_and_links_are_reported_not_loaded(folder):
    write(folder, ".ipynb_checkpoints/good-checkpoint.txt", ARTICLE)
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    corpus = load_corpus(folder)
    assert corpus.articles["doc_id"].tolist() == ["good"]
    hidden = report_row(corpus, ".ipynb_checkpoints/good-checkpoint.txt")
    assert (hidden["status"], hidden["detail"]) == ("ignored", "hidden file or folder")
    assert report_row(corpus, "dangling.txt")["detail"] == "not a regular file (a broken link?)"


def test_exact_duplicate_is_reported_not_loaded_twice(folder):
    write(folder, "sub/copy.txt", ARTICLE)
    write(folder, "z_crlf_copy.txt", ARTICLE.replace("\n", "\r\n"))  # same article, other endings
    with pytest.warns(CorpusWarning) as caught:
        corpus = load_corpus(folder)
    messages = [str(w.message) for w in caught]
    assert any(m.startswith("sub/copy.txt: same text as good.txt") for m in messages)
    assert any(m.startswith("z_crlf_copy.txt: same text as good.txt") for m in messages)
    assert corpus.articles["doc_id"].tolist() == ["good"]
    assert report_row(corpus, "sub/copy.txt")["status"] == "duplicate"


def test_fifty_megabyte_file_is_rejected_without_being_read(folder):
    with open(folder / "huge.txt", "wb") as handle:
        handle.truncate(50_000_000)  # sparse: 50 MB on paper, no disk used
    with pytest.warns(CorpusWarning, match=r"^huge\.txt: 50\.0 MB is over the 2 MB limit"):
        corpus = load_corpus(folder)
    assert report_row(corpus, "huge.txt")["bytes"] == 50_000_000


def test_large_file_loads_when_the_limit_is_raised(folder):
    write(folder, "long.txt", "Long Read\n\n" + "Leaders met in Paris. " * 600_000)
    corpus = load_corpus(folder, max_file_bytes=20_000_000)
    assert corpus.articles.set_index("doc_id").loc["long", "n_chars"] > 13_000_000


def test_folder_with_no_articles_is_an_error_naming_it(tmp_path):
    empty = tmp_path / "nothing"
    empty.mkdir()
    write(empty, "notes.md", "not an article")
    with pytest.raises(CorpusError, match=r"nothing: no \.txt articles found \(1 other file"):
        load_corpus(empty)


def test_missing_folder_is_an_error_naming_it(tmp_path):
    with pytest.raises(CorpusError, match=r"absent: not a folder of articles"):
        load_corpus(tmp_path / "absent")


def test_folder_where_every_article_is_bad_is_an_error(tmp_path):
    write(tmp_path, "empty.txt", b"")
    with pytest.warns(CorpusWarning), pytest.raises(CorpusError, match="no article could be"):
        load_corpus(tmp_path)


def test_metadata_row_naming_a_missing_file_is_reported(folder):
    write(folder, "metadata.csv", "doc_id,outlet,outlet_status\ngood,Le Monde,inferred\n"
                                  "gone,BBC,stated\n")
    with pytest.warns(CorpusWarning, match=r"^metadata\.csv: metadata row for doc_id 'gone'"):
        corpus = load_corpus(folder)
    assert corpus.report.loc[corpus.report["path"] == "metadata.csv", "status"].tolist() == [
        "metadata", "missing"]
    missing = corpus.report[corpus.report["status"] == "missing"]
    assert missing["doc_id"].tolist() == ["gone"]
    good = corpus.articles.set_index("doc_id").loc["good"]
    assert (good["outlet"], good["outlet_status"]) == ("Le Monde", "inferred")


@pytest.mark.parametrize("content, message", [
    ("id,outlet\nx,y\n", r"metadata\.csv: no 'doc_id' column"),
    ("doc_id,outlet\ngood,BBC\n", r"column 'outlet' has no 'outlet_status' column"),
    ("doc_id\ngood\ngood\n", r"doc_id listed more than once: good"),
])
def test_unusable_metadata_file_is_an_error_naming_file_and_problem(folder, content, message):
    write(folder, "metadata.csv", content)
    with pytest.raises(CorpusError, match=message):
        load_corpus(folder)


@pytest.mark.parametrize("content, field, message", [
    ("doc_id,outlet,outlet_status\ngood,BBC,from URL slug\n", "outlet",
     r"line 2 \(good\): outlet_status is 'from URL slug'; use one of stated, inferred, unknown"),
    ("doc_id,outlet,outlet_status\ngood,,stated\n", "outlet",
     r"line 2 \(good\): outlet is '' but outlet_status is 'stated'"),
    ("doc_id,published,published_status\ngood,17/02/2025,stated\n", "published",
     r"line 2 \(good\): published '17/02/2025' is not a date written YYYY-MM-DD"),
])
def test_a_bad_metadata_cell_is_not_used_and_is_reported(folder, content, field, message):
    write(folder, "metadata.csv", content)
    with pytest.warns(CorpusWarning, match=rf"^metadata\.csv {message}.*; the cell is not used"):
        corpus = load_corpus(folder)
    good = corpus.articles.set_index("doc_id").loc["good"]
    assert good[f"{field}_status"] in ("stated", "unknown")  # the text's own value, or none
    assert good[field] != "BBC" and good[field] != "17/02/2025"
    detail = corpus.report.set_index("path").loc["good.txt", "detail"]
    assert "metadata.csv line 2:" in detail and "the cell is not used" in detail


def test_other_files_are_listed_as_ignored(folder):
    write(folder, "notes/readme.md", "about the corpus")
    write(folder, ".DS_Store", b"\x00\x01")
    corpus = load_corpus(folder)
    ignored = corpus.report[corpus.report["status"] == "ignored"]
    assert ignored["path"].tolist() == [".DS_Store", "notes/readme.md"]
    assert ignored["detail"].tolist() == ["hidden file or folder", "not a .txt file"]


def test_same_file_name_in_two_folders_gives_two_articles(folder):
    write(folder, "2025/good.txt", ARTICLE.replace("Monday", "Tuesday"))
    corpus = load_corpus(folder)
    assert corpus.articles["doc_id"].tolist() == ["2025/good", "good"]


def test_names_differing_only_in_suffix_case_are_rejected(folder):
    write(folder, "good.TXT", ARTICLE.replace("Monday", "Tuesday"))
    with pytest.warns(CorpusWarning, match=r"^good\.txt: doc_id 'good' is already used by good\.TXT"):
        corpus = load_corpus(folder)
    assert corpus.articles["path"].tolist() == ["good.TXT"]


def test_strict_mode_raises_on_the_first_rejection(folder):
    write(folder, "empty.txt", b"")
    with pytest.raises(CorpusError, match=r"^empty\.txt: empty file"):
        load_corpus(folder, strict=True)


def test_every_file_found_is_accounted_for(folder):
    for name, data in {"a/empty.txt": b"", "b.txt": ARTICLE, "c.csv": "x", "d.txt": b"\x00"}.items():
        write(folder, name, data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        corpus = load_corpus(folder)
    on_disk = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert sorted(corpus.report["path"]) == on_disk


def test_an_article_not_in_english_is_reported_as_such_not_emptied(folder):
    russian = ("Саммит в Париже\n\n" + "Лидеры европейских стран встретились в Париже, чтобы "
               "обсудить гарантии безопасности для Украины. Министр заявил, что переговоры "
               "продолжатся в ближайшие недели.\n\n" * 3)
    write(folder, "cyrillic.txt", russian)
    with pytest.warns(CorpusWarning, match=r"^cyrillic\.txt: not English: 0% of its first"):
        corpus = load_corpus(folder)
    row = report_row(corpus, "cyrillic.txt")
    assert row["status"] == "rejected" and "repeated title" not in row["detail"]
    assert "cyrillic" not in corpus.articles["doc_id"].tolist()


def test_a_sentence_without_full_stops_is_not_parsed_and_says_so(folder):
    from helpers.processed import build_tables
    from helpers.syntax import ParseWarning

    endless = " ".join(["Macron said Europe must take its share of security guarantees"] * 80)
    write(folder, "endless.txt", "Summit talks\n\n" + endless + "\n")
    corpus = load_corpus(folder)
    with pytest.warns(ParseWarning, match=r"over 3,000 characters not parsed .* in endless"):
        tables = build_tables(corpus)
    assert "endless" in tables["sentences"]["doc_id"].tolist()  # kept, tokenized
    assert "endless" not in tables["entities"]["doc_id"].tolist()
