#!/usr/bin/env python3
"""End-to-end test of `shuxiang district serve` in real, headless Chromium (selenium + chromedriver)
over a real PostgreSQL 15 cluster created in a temporary folder.

The bureau's admin logs in through the login form, looks at the dashboard, a school's history, the
ranking and the not-submitted list; draws the year's inspection with a seed through the page's
form; each inspector records results for the schools drawn for them, the admin records one too and
publishes; logged out, the public list shows the seed and every result. The CLI redoes the draw
from the seed for another year and must get the same schools and inspectors. Screenshots of every
page in zh and en go to --out. Exit 0 when every check holds; 77 (skipped) without PostgreSQL."""
import os
import shutil
import subprocess
import sys
import tempfile

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from browser_support import chromium, parse_args  # noqa: E402

PW = "Bureau-Pass-2026"
PG_BIN = os.environ.get("SHUXIANG_PG_BIN", "/usr/lib/postgresql/15/bin")
SEED = "20261208"


class Cluster:
    """initdb in a temporary folder, listening on a Unix socket there only; as root, run as postgres."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="sx_pg_browser_")
        self.as_user = []
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]
        data = os.path.join(self.dir, "data")
        subprocess.run(self.as_user + [PG_BIN + "/initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
                                       "--locale=C"], check=True, stdout=subprocess.DEVNULL)
        subprocess.run(self.as_user + [PG_BIN + "/pg_ctl", "-D", data, "-l", os.path.join(self.dir, "log"), "-w", "-o",
                                       "-k %s -p 5497 -c listen_addresses=''" % self.dir, "start"],
                       check=True, stdout=subprocess.DEVNULL)
        subprocess.run([PG_BIN + "/createdb", "-h", self.dir, "-p", "5497", "-U", "postgres", "district"], check=True)
        self.url = "postgresql:///district?host=%s&port=5497&user=postgres" % self.dir

    def stop(self):
        subprocess.run(self.as_user + [PG_BIN + "/pg_ctl", "-D", os.path.join(self.dir, "data"), "-m", "immediate",
                                       "-w", "stop"], stdout=subprocess.DEVNULL)
        shutil.rmtree(self.dir, ignore_errors=True)


def no_console_errors(d, where):
    errors = [e["message"] for e in d.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, (where, errors)


def login(d, url, who):
    d.delete_all_cookies()
    d.get(url + "/login")
    d.find_element(By.NAME, "operator").send_keys(who)
    d.find_element(By.NAME, "password").send_keys(PW)
    d.find_element(By.CSS_SELECTOR, "#f button").click()
    WebDriverWait(d, 15).until(lambda drv: drv.current_url.rstrip("/") == url)


def shot(d, out, name):
    d.save_screenshot(os.path.join(out, name + ".png"))


def text_of(d, sel):
    return d.find_element(By.CSS_SELECTOR, sel).text


def reviewer_pages(d, url, out, lang):
    d.get(url + "/")
    WebDriverWait(d, 10).until(lambda drv: drv.execute_script("return typeof Chart !== 'undefined'"))
    rows = d.find_elements(By.CSS_SELECTOR, "#counties tr")
    assert len(rows) == 5, len(rows)  # the head and four counties
    no_console_errors(d, "dashboard")
    shot(d, out, "dashboard-" + lang)
    d.get(url + "/school/S110")
    hist = d.find_elements(By.CSS_SELECTOR, "#history tr")
    assert len(hist) == 2, len(hist)  # 2025 only: the school did not submit 2026
    assert "<i>" in d.title, d.title  # the name shown as written, not as markup
    shot(d, out, "school-" + lang)
    d.get(url + "/school/S103")
    assert len(d.find_elements(By.CSS_SELECTOR, "#history tr")) == 3
    shot(d, out, "school-history-" + lang)
    d.get(url + "/ranking")
    assert len(d.find_elements(By.CSS_SELECTOR, "#ranking tr")) == 11  # the head and ten submissions
    shot(d, out, "ranking-" + lang)
    d.get(url + "/missing")
    missing = text_of(d, "#missing")
    assert "S105" in missing and "S110" in missing and "S101" not in missing, missing
    shot(d, out, "missing-" + lang)


def draw(d, url, out):
    d.get(url + "/inspection")
    shot(d, out, "inspection-draw-zh")
    d.find_element(By.NAME, "count").send_keys("4")
    d.find_element(By.NAME, "seed").send_keys(SEED)
    d.find_element(By.CSS_SELECTOR, "#draw button").click()
    WebDriverWait(d, 10).until(EC.presence_of_element_located((By.ID, "picks")))
    assert SEED in text_of(d, "#state"), text_of(d, "#state")
    picks = {}
    for tr in d.find_elements(By.CSS_SELECTOR, "#picks tr[data-school]"):
        picks[tr.get_attribute("data-school")] = tr.get_attribute("data-inspector")
        assert tr.find_elements(By.TAG_NAME, "td")[2].text in ("张督学", "赵督学"), tr.text  # the inspector's name
    assert len(picks) == 4, picks
    assert set(picks.values()) == {"insp1", "insp2"}, picks
    no_console_errors(d, "draw")
    return picks


def record(d, url, picks, who, note):
    """Records a result on every row this operator's page offers a form for; returns the schools."""
    d.get(url + "/inspection")
    done = []
    for school in sorted(picks):
        forms = d.find_elements(By.CSS_SELECTOR, "#picks tr[data-school='%s'] form" % school)
        if not forms:
            continue
        assert who == "boss" or picks[school] == who, (who, school, picks)
        forms[0].find_element(By.NAME, "result").send_keys("合格")
        forms[0].find_element(By.NAME, "note").send_keys(note)
        forms[0].find_element(By.TAG_NAME, "button").click()
        WebDriverWait(d, 10).until(EC.text_to_be_present_in_element(
            (By.CSS_SELECTOR, "#picks tr[data-school='%s']" % school), note))
        done.append(school)
    return done


def main():
    a = parse_args()
    if not os.path.exists(PG_BIN + "/initdb"):
        print("skipped: PostgreSQL binaries not found in", PG_BIN)
        return 77
    pg = Cluster()
    srv = None
    d = None
    try:
        subprocess.run([a.seed, pg.url], check=True)
        srv = subprocess.Popen([a.shuxiang, "district", "serve", "--pg", pg.url, "--listen", "127.0.0.1:0", "--year", "2026",
                                "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        url = srv.stdout.readline().strip().rstrip("/")
        assert url.startswith("http://"), url
        d = chromium()
        login(d, url, "boss")
        reviewer_pages(d, url, a.out, "zh")
        picks = draw(d, url, a.out)
        shot(d, a.out, "inspection-drawn-zh")
        # Each inspector records for their schools only; the admin may record for any.
        by_insp = {}
        for who in ("insp1", "insp2"):
            login(d, url, who)
            by_insp[who] = record(d, url, picks, who, "记录人 " + who)
            if who == "insp1":
                shot(d, a.out, "inspection-inspector-zh")
        assert sorted(by_insp["insp1"] + by_insp["insp2"]) == sorted(picks), (by_insp, picks)
        login(d, url, "boss")
        d.get(url + "/inspection")
        d.find_element(By.ID, "publish").click()
        WebDriverWait(d, 10).until(EC.presence_of_element_located((By.ID, "public")))
        assert not d.find_elements(By.CSS_SELECTOR, "#picks form"), "results still editable after publication"
        shot(d, a.out, "inspection-published-zh")
        # The public list, logged out (一公开).
        d.delete_all_cookies()
        d.get(url + "/inspection/2026")
        listed = text_of(d, "#picks")
        names = {"insp1": "张督学", "insp2": "赵督学"}
        for school, insp in picks.items():
            assert school in listed and names[insp] in listed, (school, listed)
        assert listed.count("合格") == 4, listed
        assert SEED in d.page_source
        shot(d, a.out, "inspection-public-zh")
        # The same pages in English.
        login(d, url, "boss")
        d.add_cookie({"name": "sx_lang", "value": "en"})
        reviewer_pages(d, url, a.out, "en")
        d.get(url + "/inspection")
        assert "Inspection 2026" in d.title, d.title
        shot(d, a.out, "inspection-published-en")
        d.get(url + "/inspection?year=2027")
        shot(d, a.out, "inspection-draw-en")
        d.delete_all_cookies()
        d.get(url + "/inspection/2026?lang=en")
        assert "seed " + SEED in d.page_source
        shot(d, a.out, "inspection-public-en")
        # Anyone can redo the draw from the published seed: the CLI, for another year, same picks.
        r = subprocess.run([a.shuxiang, "district", "inspect", "--pg", pg.url, "--year", "2027", "--count", "4", "--seed",
                            SEED], capture_output=True, text=True, check=True)
        redo = dict(line.split() for line in r.stdout.splitlines()[1:] if line.strip())
        assert redo == picks, (redo, picks)
    finally:
        if d:
            d.quit()
        if srv:
            srv.terminate()
            srv.wait(timeout=10)
        pg.stop()
    print("district browser test passed; screenshots in", a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
