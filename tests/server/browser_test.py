#!/usr/bin/env python3
"""End-to-end test of `shuxiang serve` in real, headless Chromium (selenium + chromedriver).

A librarian logs in, scans a reader and two items, returns one; a student logs in to the OPAC
and places a hold; the desk shows it; a shelved copy's walking route shows on the plan. Screenshots of the desk and the OPAC in zh and en go to
--out. Needs no display. Exit 0 when every check holds."""
import os
import subprocess
import sys
import tempfile
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from browser_support import chromium, parse_args  # noqa: E402

ADMIN_PW = "Desk-Password-2026"
PIN = "4821"


def start_server(shuxiang, db, plan):
    proc = subprocess.Popen([shuxiang, "serve", "--db", db, "--plan", plan, "--listen", "127.0.0.1:0", "--date", "2026-09-01"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    url = proc.stdout.readline().strip()
    if not url.startswith("http://"):
        proc.kill()
        raise SystemExit("server did not start: %r" % url)
    return proc, url.rstrip("/")


def browser():
    return chromium(("--autoplay-policy=no-user-gesture-required",))


def no_console_errors(d, where):
    """Scripts ran without errors (a blocked script, a CSP violation or a JS exception shows here)."""
    # Refusals of API calls (404 for a scanned reader card tried as an item, 409 for a refused loan)
    # are logged by the browser too; they are answers, not errors.
    errors = [e["message"] for e in d.get_log("browser")
              if e["level"] == "SEVERE" and not ("/api/" in e["message"] and "Failed to load resource" in e["message"])]
    assert not errors, (where, errors)


def wait_text(d, by, sel, text, timeout=10):
    WebDriverWait(d, timeout).until(EC.text_to_be_present_in_element((by, sel), text))


def login(d, url, kind, ident, pw, expect_path):
    d.get(url + "/login")
    d.find_element(By.CSS_SELECTOR, "label[for=kind-%s]" % kind).click()
    d.find_element(By.ID, "sx-id").send_keys(ident)
    d.find_element(By.ID, "sx-password").send_keys(pw)
    d.find_element(By.ID, "sx-login-button").click()
    WebDriverWait(d, 15).until(lambda drv: drv.current_url.split("?")[0].endswith(expect_path))


def scan(d, text):
    box = d.find_element(By.ID, "sx-scan")
    box.send_keys(text)
    box.send_keys(Keys.ENTER)


def loan_rows(d):
    return d.find_elements(By.CSS_SELECTOR, "#sx-loans tr[data-barcode]")


def desk_flow(d, url, out):
    login(d, url, "operator", "admin", ADMIN_PW, "/desk")
    scan(d, "S001")
    wait_text(d, By.ID, "sx-patron-name", "张小明")
    scan(d, "B11")
    WebDriverWait(d, 10).until(lambda drv: len(loan_rows(drv)) == 1)
    scan(d, "B31")
    WebDriverWait(d, 10).until(lambda drv: len(loan_rows(drv)) == 2)
    titles = [e.text for e in d.find_elements(By.CSS_SELECTOR, "#sx-loans .sx-loan-title")]
    assert "三体" in titles and "十万个为什么" in titles, titles
    # A refusal: the same copy again is not available; the message turns red.
    scan(d, "B11")
    WebDriverWait(d, 10).until(lambda drv: "alert-danger" in drv.find_element(By.ID, "sx-message").get_attribute("class"))
    # Return one in return mode.
    d.find_element(By.CSS_SELECTOR, "label[for=mode-return]").click()
    scan(d, "B31")
    wait_text(d, By.ID, "sx-returned-list", "B31")
    d.find_element(By.CSS_SELECTOR, "label[for=mode-lend]").click()
    scan(d, "S001")
    WebDriverWait(d, 10).until(lambda drv: len(loan_rows(drv)) == 1)
    d.save_screenshot(os.path.join(out, "desk-zh.png"))


def opac_hold(d, url, out):
    d.delete_all_cookies()
    login(d, url, "reader", "S002", PIN, "/opac")
    box = d.find_element(By.ID, "sx-q")
    box.send_keys("三体")
    box.send_keys(Keys.ENTER)
    WebDriverWait(d, 10).until(lambda drv: drv.find_elements(By.CSS_SELECTOR, ".sx-hit"))
    d.find_element(By.CSS_SELECTOR, ".sx-hit .sx-hold").click()
    WebDriverWait(d, 10).until(lambda drv: "alert-success" in drv.find_element(By.ID, "sx-hold-message").get_attribute("class"))
    d.get(url + "/opac?q=" + "小王子")
    # The <script> title shows as text, never runs.
    title = d.find_element(By.CSS_SELECTOR, ".sx-hit .sx-title").text
    assert title.startswith("<script>"), title
    d.get(url + "/opac?q=三体")
    d.save_screenshot(os.path.join(out, "opac-zh.png"))
    d.get(url + "/opac?q=三体&lang=en")
    assert "Library catalogue" in d.title, d.title
    d.save_screenshot(os.path.join(out, "opac-en.png"))
    no_console_errors(d, "opac")
    # A phone-sized screen.
    d.set_window_size(390, 844)
    d.get(url + "/opac?q=三体&lang=zh")
    d.save_screenshot(os.path.join(out, "opac-phone-zh.png"))
    d.set_window_size(1280, 900)


def desk_sees_hold(d, url, out):
    d.delete_all_cookies()
    login(d, url, "operator", "admin", ADMIN_PW, "/desk")
    d.get(url + "/desk?lang=en")
    scan(d, "S001")
    WebDriverWait(d, 10).until(lambda drv: len(loan_rows(drv)) == 1)
    d.find_element(By.CSS_SELECTOR, "label[for=mode-return]").click()
    scan(d, "B11")
    # The student's hold: the returned copy is kept for S002, shown in the title's queue.
    wait_text(d, By.ID, "sx-holds-list", "S002")
    wait_text(d, By.ID, "sx-message", "S002")
    d.save_screenshot(os.path.join(out, "desk-en.png"))
    no_console_errors(d, "desk")


def opac_route(d, url, out):
    """A shelved copy's route link opens the plan's top view with the route; on a phone too."""
    d.delete_all_cookies()
    d.get(url + "/opac?q=十万个为什么&lang=zh")
    d.find_element(By.CSS_SELECTOR, ".sx-hit .sx-route-link").click()
    WebDriverWait(d, 10).until(lambda drv: "/opac/route" in drv.current_url)
    svg = d.find_element(By.ID, "sx-route-map")
    assert svg.size["width"] > 300, svg.size
    assert len(d.find_elements(By.CSS_SELECTOR, "#sx-route-map #sx-route")) == 1
    assert "米" in d.find_element(By.CSS_SELECTOR, ".sx-length").text
    d.save_screenshot(os.path.join(out, "route-zh.png"))
    d.set_window_size(390, 844)
    d.get(url + "/opac/route?item=B21")
    # The <script> title shows as text here as well.
    assert d.find_element(By.CSS_SELECTOR, ".sx-title").text.startswith("<script>")
    svg = d.find_element(By.ID, "sx-route-map")
    assert 300 < svg.size["width"] <= 390, svg.size  # the viewBox scales the plan to the phone's width
    d.save_screenshot(os.path.join(out, "route-phone-zh.png"))
    d.set_window_size(1280, 900)
    no_console_errors(d, "route")


def staff_pages(d, url, out):
    d.get(url + "/stats?lang=zh")
    # Chart.js from the Debian package draws the three charts (by month, by 大部类, by class).
    WebDriverWait(d, 10).until(lambda drv: drv.execute_script(
        "return window.Chart && Object.keys(Chart.instances).length === 3"))
    d.save_screenshot(os.path.join(out, "stats-zh.png"))
    d.get(url + "/class?c=3-2")
    assert "3-2" in d.find_element(By.NAME, "c").get_attribute("value")
    d.save_screenshot(os.path.join(out, "class-zh.png"))
    no_console_errors(d, "staff pages")


def run_flows(flows, passed):
    """Seeds a library and its plan, starts `shuxiang serve` on it and runs each flow(d, url, out) in one browser."""
    a = parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "library.db")
        plan = os.path.join(tmp, "school.sxplan.json")
        subprocess.run([a.seed, db, plan], check=True, stdout=subprocess.DEVNULL)
        proc, url = start_server(a.shuxiang, db, plan)
        d = None
        try:
            d = browser()
            for flow in flows:
                flow(d, url, a.out)
        finally:
            if d:
                d.quit()
            proc.terminate()
            proc.wait(10)
    print(passed, "; screenshots in", a.out)


def main():
    run_flows([desk_flow, opac_hold, desk_sees_hold, staff_pages, opac_route], "browser test passed")


if __name__ == "__main__":
    main()
