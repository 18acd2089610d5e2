"""The analyst's workflow: the suite on a folder it has never seen, offline HTML reports that
escape article text, a headless-browser check of the reports, and JupyterLab's REST API.

These tests run the whole notebook suite once (about half a minute) on a small folder of
messy articles written here, and share the result.
"""

import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT

from helpers import reports
from helpers.processed import read_table

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
NOTEBOOK_STEMS = sorted(p.stem for p in (PROJECT_ROOT / "notebooks").glob("[0-9]*.ipynb"))

MESSY_ARTICLES = {
    # markup in the title and the body must show as text, never run
    "markup_brief.txt": (
        b'<b>Leaders</b> meet <script>alert("title")</script>\n\n'
        b'Macron said France is ready to send troops to Ukraine. <script>alert("body")</script>\n\n'
        b'"We must keep sanctions on Russia," Kallas told reporters in Brussels.\n'
    ),
    # a Windows file with curly quotes and a cp1252 byte in otherwise UTF-8 text
    "windows_wire.txt": (
        "Paris talks\r\n\r\nGermany is not ready to send troops, Chancellor Olaf Scholz "
        "said on Monday.\r\n\r\n\u201cDefence spending must rise,\u201d Rutte wrote.\r\n"
    ).encode("utf-8").replace(b"Paris talks", b"Paris talks \x96 day two"),
    "long_read.txt": (
        b"Coalition plans\n\nEuropean leaders agreed to increase military aid to Ukraine and "
        b"to keep sanctions in place. Poland and Italy backed more air defence for Kyiv. "
        b"Zelensky urged Trump to back a US security guarantee, while Lavrov rejected any "
        b"peacekeepers in Ukraine.\n\nStarmer said a ceasefire needs US backing.\n"
    ),
    "empty.txt": b"",
}


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def own_corpus_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("own")
    corpus = base / "messy_corpus"
    corpus.mkdir()
    for name, data in MESSY_ARTICLES.items():
        (corpus / name).write_bytes(data)
    watched = [PROJECT_ROOT / "notebooks", PROJECT_ROOT / "data"]
    before = [tree_digest(folder) for folder in watched]
    started = time.perf_counter()
    reports.main(["--corpus", str(corpus), "--reports", str(base / "reports"),
                  "--no-progress"])
    seconds = time.perf_counter() - started
    after = [tree_digest(folder) for folder in watched]
    return {"out": base / "reports" / "messy_corpus", "corpus": corpus, "before": before,
            "after": after, "seconds": seconds}


def test_own_corpus_run_writes_everything_under_its_own_folder(own_corpus_run):
    out = own_corpus_run["out"]
    assert own_corpus_run["before"] == own_corpus_run["after"], "notebooks/ or data/ changed"
    assert (out / "index.html").is_file()
    for stem in NOTEBOOK_STEMS:
        assert (out / f"{stem}.html").is_file() and (out / f"{stem}.code.html").is_file()
        assert (out / "notebooks" / f"{stem}.ipynb").is_file()
    for table in ("articles", "load_report", "stance_claims", "stance_articles"):
        assert (out / "processed" / f"{table}.csv").is_file()
    report = (out / "processed" / "load_report.csv").read_text(encoding="utf-8")
    assert "empty.txt" in report and "rejected" in report  # accounted for, not dropped
    claims = (out / "processed" / "stance_claims.csv").read_text(encoding="utf-8")
    assert "Scholz,troops,oppose" in claims and "Kallas,sanctions,support" in claims


def test_article_markup_is_escaped_in_every_report(own_corpus_run):
    out = own_corpus_run["out"]
    pages = [out / "index.html", *(out / f"{s}{suffix}" for s in NOTEBOOK_STEMS
                                   for suffix in (".html", ".code.html"))]
    shown = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert 'alert("title")</script>' not in text and 'alert("body")</script>' not in text
        assert "<b>Leaders</b>" not in text
        shown += text.count("&lt;script&gt;alert(")
    assert shown > 0, "the article text with markup should appear, escaped"


def test_reports_load_nothing_from_the_network(own_corpus_run):
    for page in own_corpus_run["out"].glob("*.html"):
        text = page.read_text(encoding="utf-8")
        for marker in ('src="http', "src='http", 'href="http', "@import url(http",
                       "require.js", "mathjax"):
            assert marker not in text.lower(), f"{page.name}: {marker}"


def test_a_corpus_too_small_to_cluster_says_so(own_corpus_run):
    out = own_corpus_run["out"]
    assert stopped(out, "04_topic_clustering")
    assert not any(stopped(out, stem) for stem in NOTEBOOK_STEMS[:-1])
    page = (out / "04_topic_clustering.html").read_text(encoding="utf-8")
    assert "topic clustering needs at least 10" in page
    assert "04_topic_clustering stopped" in (out / "index.html").read_text(encoding="utf-8")


def test_index_lists_each_notebook_with_its_question(own_corpus_run):
    text = (own_corpus_run["out"] / "index.html").read_text(encoding="utf-8")
    for stem in NOTEBOOK_STEMS:
        summary = reports.notebook_summary(PROJECT_ROOT / "notebooks" / f"{stem}.ipynb")
        assert summary.question, stem
        assert f'href="{stem}.html"' in text and f'href="{stem}.code.html"' in text
    assert "<script" not in text


# --- headless Chromium -------------------------------------------------------------------------

def browser():
    if not (CHROMIUM and CHROMEDRIVER):
        if os.environ.get("HELPERS_REQUIRE_BROWSER"):
            pytest.fail("HELPERS_REQUIRE_BROWSER is set but Chromium/ChromeDriver are missing")
        pytest.skip("Chromium and ChromeDriver are not installed (Debian: apt-get install "
                    "chromium chromium-driver; .ci/run installs them)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1280,1600"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0})
    return driver


def stopped(folder: Path, stem: str) -> bool:
    """Did this notebook stop on an error (e.g. too few paragraphs to cluster)?"""
    executed = json.loads((folder / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8"))
    return any(output.get("output_type") == "error" for cell in executed["cells"]
               for output in cell.get("outputs", []))


def check_pages_in_browser(folder: Path, screenshot: Path):
    driver = browser()
    try:
        pages = [folder / "index.html", *(folder / f"{s}.html" for s in NOTEBOOK_STEMS)]
        for page in pages:
            driver.get(page.as_uri())
            driver.execute_script("return document.readyState")
            images = driver.execute_script(
                "return Array.from(document.images).map(i => [i.complete, i.naturalWidth])")
            tables = driver.execute_script("return document.querySelectorAll('table').length")
            errors = [entry for entry in driver.get_log("browser")
                      if entry["level"] in ("SEVERE", "ERROR")]
            assert errors == [], f"{page.name}: {errors}"
            assert all(done and width > 0 for done, width in images), f"{page.name}: {images}"
            if page.name != "index.html" and not stopped(folder, page.stem):
                assert images, f"{page.name} has no figures"
                assert tables > 0, f"{page.name} has no tables"
        driver.get((folder / "index.html").as_uri())
        driver.save_screenshot(str(screenshot))
        assert screenshot.stat().st_size > 10_000
    finally:
        driver.quit()


def check_interactive_table(driver, page: Path, table_id: str, query: str):
    """The table is a DataTable offline: all rows there, search filters, a header sorts."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(page.as_uri())
    WebDriverWait(driver, 30).until(expected_conditions.presence_of_element_located(
        (By.CSS_SELECTOR, f"table#{table_id}.dataTable")))
    wrapper = driver.find_element(By.CSS_SELECTOR, f"#{table_id}_wrapper")
    info = wrapper.find_element(By.CSS_SELECTOR, ".dt-info").text
    assert "downsampled" not in info and re.search(r"of [\d,]+ entries", info), info
    total = int(re.search(r"of ([\d,]+) entries", info).group(1).replace(",", ""))
    search = wrapper.find_element(By.CSS_SELECTOR, ".dt-search input")
    search.send_keys(query)
    WebDriverWait(driver, 10).until(lambda _: "filtered" in wrapper.find_element(
        By.CSS_SELECTOR, ".dt-info").text)
    rows = wrapper.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert rows and all(query.lower() in row.text.lower() for row in rows)
    search.clear()
    search.send_keys("\ue003")  # backspace: the filter is recomputed on a key event
    header = wrapper.find_elements(By.CSS_SELECTOR, "thead th")[0]
    header.find_element(By.CSS_SELECTOR, ".dt-column-order").click()
    # the sort is applied after the click event returns: wait for it (it failed once when read
    # at once on a loaded machine)
    WebDriverWait(driver, 10).until(
        lambda _: header.get_attribute("aria-sort") in ("ascending", "descending"))
    errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == [], errors
    return total


def test_quotes_and_claims_tables_search_and_sort_offline(own_corpus_run):
    out = own_corpus_run["out"]
    quotes = read_table("quotes", out / "processed")
    claims = read_table("stance_claims", out / "processed")
    driver = browser()
    try:  # search for a speaker and a claimant the tables hold
        shown_quotes = check_interactive_table(driver, out / "01_source_comparison.html",
                                               "table_quotes", quotes["quote"].iloc[0][:12])
        shown_claims = check_interactive_table(driver, out / "03_stance_coding.html",
                                               "table_stance_claims", claims["actor"].iloc[0])
    finally:
        driver.quit()
    assert shown_quotes == len(quotes) and shown_claims == len(claims)


def test_own_corpus_reports_open_offline_in_headless_chromium(own_corpus_run):
    check_pages_in_browser(own_corpus_run["out"], own_corpus_run["out"] / "index.png")


def test_project_reports_open_offline_in_headless_chromium():
    folder = PROJECT_ROOT / "reports"
    if not (folder / "index.html").is_file():
        if os.environ.get("HELPERS_REQUIRE_BROWSER"):
            pytest.fail("no reports/index.html although CI ran `make report`")
        pytest.skip("no reports/index.html: run `make report` first (.ci/run does)")
    check_pages_in_browser(folder, folder / "index.png")


# --- JupyterLab -----------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_jupyterlab_serves_the_notebooks_and_the_kernel(tmp_path):
    port, token = free_port(), "suite-test-token"
    environment = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
                   "JUPYTER_CONFIG_DIR": str(tmp_path / "config")}
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
         f"--ServerApp.port={port}", f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={PROJECT_ROOT}", "--ServerApp.open_browser=False",
         *(["--allow-root"] if os.geteuid() == 0 else [])],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment)
    base = f"http://127.0.0.1:{port}"
    try:
        contents = None
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{base}/api/contents/notebooks?token={token}",
                                            timeout=2) as response:
                    contents = json.load(response)
                break
            except OSError:
                time.sleep(0.5)
        assert contents is not None, "the Jupyter server did not answer within 60 s"
        names = sorted(item["name"] for item in contents["content"])
        assert [n.removesuffix(".ipynb") for n in names if n.endswith(".ipynb")] == \
            NOTEBOOK_STEMS
        with urllib.request.urlopen(f"{base}/api/kernelspecs?token={token}",
                                    timeout=5) as response:
            specs = json.load(response)
        assert "python3" in specs["kernelspecs"]
        argv0 = specs["kernelspecs"]["python3"]["spec"]["argv"][0]
        assert argv0 in ("python", sys.executable) or Path(argv0).resolve() == Path(
            sys.executable).resolve()
    finally:
        server.terminate()
        server.wait(timeout=30)


# --- where a run writes, and what it does when a notebook fails --------------------------------

def test_a_corpus_that_contains_the_project_is_refused(tmp_path):
    with pytest.raises(reports.ReportError, match="contains this project"):
        reports.plan_run(Path("/"), tmp_path / "reports")


def test_reports_of_another_corpus_are_not_overwritten_unasked(tmp_path):
    first, second = tmp_path / "a" / "articles", tmp_path / "b" / "articles"
    for folder in (first, second):
        folder.mkdir(parents=True)
    plan = reports.plan_run(first, tmp_path / "reports")
    assert plan.out_dir == (tmp_path / "reports" / "articles").resolve()
    plan.out_dir.mkdir(parents=True)
    (plan.out_dir / reports.RUN_RECORD).write_text(json.dumps({"corpus": str(first.resolve())}))
    assert reports.plan_run(first, tmp_path / "reports").out_dir == plan.out_dir  # a re-run
    with pytest.raises(reports.ReportError, match="already holds the reports of .*a/articles"):
        reports.plan_run(second, tmp_path / "reports")
    named = reports.plan_run(second, tmp_path / "reports", output=tmp_path / "mine")
    assert named.out_dir == (tmp_path / "mine").resolve()
    assert reports.plan_run(second, tmp_path / "reports", force=True).out_dir == plan.out_dir


def test_an_output_inside_the_corpus_is_refused(tmp_path):
    with pytest.raises(reports.ReportError, match="inside the corpus"):
        reports.plan_run(tmp_path, tmp_path / "reports", output=tmp_path / "out")


def test_when_notebook_00_fails_the_others_say_why_and_the_run_exits_non_zero(tmp_path, capsys):
    corpus = tmp_path / "no_articles"
    corpus.mkdir()
    (corpus / "notes.md").write_text("not an article\n")
    code = reports.main(["--corpus", str(corpus), "--reports", str(tmp_path / "reports"),
                         "--no-progress"])
    assert code == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("00_corpus") and "failed" in out[0] and "CorpusError" in out[0]
    assert all("not run" in line and "00_corpus failed" in line for line in out[1:5])
    assert out[-1].startswith("0 of 5 notebooks ran")
    index = (tmp_path / "reports" / "no_articles" / "index.html").read_text(encoding="utf-8")
    assert "no .txt articles found" in index and index.count("not run:") == 4
    assert "Traceback" not in "\n".join(out)


def test_a_notebook_over_its_time_limit_is_stopped_and_reported(tmp_path):
    slow = tmp_path / "slow.ipynb"
    notebook = {"cells": [{"cell_type": "code", "execution_count": None, "id": "a",
                           "metadata": {}, "outputs": [], "source": "import time\ntime.sleep(60)"}],
                "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                            "language": "python"}},
                "nbformat": 4, "nbformat_minor": 5}
    slow.write_text(json.dumps(notebook))
    started = time.perf_counter()
    run = reports.run_notebook(slow, tmp_path / "out.ipynb", {}, tmp_path / "logs",
                               time_limit=15)
    assert run.status == "failed" and "time limit of 15 s" in run.reason
    assert time.perf_counter() - started < 45  # stopped, not waited out
