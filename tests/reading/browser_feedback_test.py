#!/usr/bin/env python3
"""Readers' feedback in real, headless Chromium (selenium) against a real `shuxiang serve`.

The library is seeded by the server tests' seed program, then set up with the `shuxiang` CLI as a
librarian would (a loan and its return, a parent account with a PIN linked to a pupil). A pupil
writes a review of the title they returned; another reader does not see it; the librarian
approves it in the queue; then the title's review page shows it, as text. A parent sees their
child. Screenshots in zh and en go to --out. Exit 0 when every check holds."""
import argparse
import os
import subprocess
import sys
import tempfile

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

# Chromium's set-up and the console check are the server browser test's.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "server"))
from browser_test import ADMIN_PW, PIN, browser, no_console_errors  # noqa: E402

REVIEW = "三体让我一口气读完。<b>不是粗体</b>"


def cli(shuxiang, db, *args, stdin=None, env=None):
    r = subprocess.run([shuxiang, *args, "--db", db], input=stdin, text=True, capture_output=True, env=env)
    assert r.returncode == 0, (args, r.stdout, r.stderr)
    return r.stdout


def prepare(shuxiang, seed, db):
    record_a = int(subprocess.run([seed, db], check=True, capture_output=True, text=True).stdout.split()[0])
    token = cli(shuxiang, db, "login", "admin", "--password-stdin", stdin=ADMIN_PW + "\n").strip()
    env = dict(os.environ, SHUXIANG_TOKEN=token)
    cli(shuxiang, db, "circ", "checkout", "--patron", "S001", "--item", "B11", "--date", "2026-08-20", env=env)
    cli(shuxiang, db, "circ", "return", "--item", "B11", "--date", "2026-08-30", env=env)
    cli(shuxiang, db, "circ", "checkout", "--patron", "S001", "--item", "B31", "--date", "2026-08-30", env=env)
    cli(shuxiang, db, "patrons", "add", "P001", "--kind", "parent", "--name", "张家长", env=env)
    cli(shuxiang, db, "patrons", "pin", "P001", "--pin-stdin", stdin=PIN + "\n", env=env)
    cli(shuxiang, db, "parents", "link", "P001", "S001", "--date", "2026-09-01", env=env)
    return record_a


def start_server(shuxiang, db):
    proc = subprocess.Popen([shuxiang, "serve", "--db", db, "--listen", "127.0.0.1:0", "--date", "2026-09-01"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    url = proc.stdout.readline().strip()
    if not url.startswith("http://"):
        proc.kill()
        raise SystemExit("server did not start: %r" % url)
    return proc, url.rstrip("/")


def login(d, url, kind, ident, pw):
    d.delete_all_cookies()
    d.get(url + "/login?lang=zh")
    d.find_element(By.CSS_SELECTOR, "label[for=kind-%s]" % kind).click()
    d.find_element(By.ID, "sx-id").send_keys(ident)
    d.find_element(By.ID, "sx-password").send_keys(pw)
    d.find_element(By.ID, "sx-login-button").click()
    WebDriverWait(d, 15).until(lambda drv: "/login" not in drv.current_url)


def write_review(d, url, out):
    login(d, url, "reader", "S001", PIN)
    d.get(url + "/opac/feedback")
    form = d.find_element(By.CSS_SELECTOR, ".sx-review-form")
    assert form.find_element(By.CSS_SELECTOR, ".sx-review-title").text == "三体"
    Select(form.find_element(By.CSS_SELECTOR, ".sx-stars")).select_by_value("4")
    form.find_element(By.CSS_SELECTOR, ".sx-text").send_keys(REVIEW)
    d.save_screenshot(os.path.join(out, "feedback-write-zh.png"))
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(d, 10).until(lambda drv: "done=1" in drv.current_url)
    row = d.find_element(By.CSS_SELECTOR, "tr.sx-my-review")
    assert row.get_attribute("data-status") == "pending"
    assert row.find_element(By.CSS_SELECTOR, ".sx-review-text").text == REVIEW  # as text, not markup
    assert not d.find_elements(By.CSS_SELECTOR, ".sx-review-text b")
    assert "alert-success" in d.find_element(By.ID, "sx-feedback-message").get_attribute("class")
    d.save_screenshot(os.path.join(out, "feedback-pending-zh.png"))
    d.get(url + "/opac/feedback?lang=en")
    d.save_screenshot(os.path.join(out, "feedback-pending-en.png"))
    no_console_errors(d, "reader's feedback page")


def hidden_from_others(d, url, record):
    login(d, url, "reader", "S002", PIN)
    d.get(url + "/opac/reviews?record=%d&lang=zh" % record)
    assert "三体让我" not in d.page_source
    assert len(d.find_elements(By.CSS_SELECTOR, ".sx-public-review")) == 0
    d.get(url + "/opac/feedback")
    assert "三体让我" not in d.page_source


def approve(d, url, out):
    login(d, url, "operator", "admin", ADMIN_PW)
    d.get(url + "/feedback?lang=zh")
    rows = d.find_elements(By.CSS_SELECTOR, "tr.sx-pending")
    assert len(rows) == 1, len(rows)
    assert rows[0].find_element(By.CSS_SELECTOR, ".sx-review-text").text == REVIEW
    d.save_screenshot(os.path.join(out, "feedback-queue-zh.png"))
    rows[0].find_element(By.CSS_SELECTOR, ".sx-approve").click()
    WebDriverWait(d, 10).until(lambda drv: not drv.find_elements(By.CSS_SELECTOR, "tr.sx-pending"))
    assert "alert-success" in d.find_element(By.ID, "sx-feedback-message").get_attribute("class")
    d.save_screenshot(os.path.join(out, "feedback-approved-zh.png"))
    d.get(url + "/feedback/stats?lang=zh")
    assert d.find_elements(By.CSS_SELECTOR, "#sx-by-class tr.sx-suppressed")  # a class of two pupils
    assert "小王子" in d.find_element(By.ID, "sx-most-recommended").text
    d.save_screenshot(os.path.join(out, "feedback-stats-zh.png"))
    d.get(url + "/feedback/stats?lang=en")
    d.save_screenshot(os.path.join(out, "feedback-stats-en.png"))
    no_console_errors(d, "queue")


def published(d, url, out, record):
    d.delete_all_cookies()
    d.get(url + "/opac?q=三体&lang=zh")
    d.find_element(By.CSS_SELECTOR, ".sx-hit .sx-reviews-link").click()
    WebDriverWait(d, 10).until(lambda drv: "/opac/reviews" in drv.current_url)
    texts = [e.text for e in d.find_elements(By.CSS_SELECTOR, ".sx-public-review .sx-review-text")]
    assert texts == [REVIEW], texts
    assert "S001" not in d.page_source and "张小明" not in d.page_source
    assert "3 年级学生" in d.page_source
    d.save_screenshot(os.path.join(out, "feedback-reviews-zh.png"))
    d.get(url + "/opac/reviews?record=%d&lang=en" % record)
    assert "grade 3 pupil" in d.page_source
    d.save_screenshot(os.path.join(out, "feedback-reviews-en.png"))
    no_console_errors(d, "reviews page")


def family(d, url, out):
    login(d, url, "reader", "P001", PIN)
    d.get(url + "/opac/feedback?lang=zh")
    d.find_element(By.ID, "sx-family-link").click()
    WebDriverWait(d, 10).until(lambda drv: "/opac/family" in drv.current_url)
    kids = d.find_elements(By.CSS_SELECTOR, ".sx-child")
    assert [k.get_attribute("data-pupil") for k in kids] == ["S001"]
    assert "十万个为什么" in kids[0].find_element(By.CSS_SELECTOR, ".sx-child-loans").text
    assert "李华" not in d.page_source
    d.save_screenshot(os.path.join(out, "feedback-family-zh.png"))
    # The parent recommends a title the library does not hold: it goes to acquisitions in their name.
    d.get(url + "/opac/feedback?lang=en")
    form = d.find_element(By.ID, "sx-recommend-form")
    form.find_element(By.NAME, "title").send_keys("小王子")
    form.find_element(By.NAME, "author").send_keys("圣埃克苏佩里")
    form.find_element(By.NAME, "price").send_keys("25")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(d, 10).until(lambda drv: "alert-success" in drv.find_element(By.ID, "sx-feedback-message").get_attribute("class"))
    assert "acquisitions" in d.find_element(By.ID, "sx-feedback-message").text
    d.save_screenshot(os.path.join(out, "feedback-parent-en.png"))
    no_console_errors(d, "family page")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shuxiang", required=True)
    ap.add_argument("--seed", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "library.db")
        record = prepare(a.shuxiang, a.seed, db)
        proc, url = start_server(a.shuxiang, db)
        d = None
        try:
            d = browser()
            write_review(d, url, a.out)
            hidden_from_others(d, url, record)
            family(d, url, a.out)
            approve(d, url, a.out)
            published(d, url, a.out, record)
        finally:
            if d:
                d.quit()
            proc.terminate()
            proc.wait(10)
    print("feedback browser test passed; screenshots in", a.out)


if __name__ == "__main__":
    main()
