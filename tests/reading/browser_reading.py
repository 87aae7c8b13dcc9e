#!/usr/bin/env python3
"""Browser test of the reading pages on a real `shuxiang serve` in headless Chromium (selenium).

A librarian builds a reading list from the catalogue (search, add, a title typed in, remove), sees
its coverage (held / missing) and sends the missing title to acquisitions in one step; books a room
for a class visit; lends a list title at the desk; reads the class's and the grade's progress. A
pupil reads their own progress only. Screenshots in zh and en go to --out. Exit 0 when every check holds."""
import os
import sys

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "server"))
import browser_test as bt  # noqa: E402  (the server test's helpers: server, browser, login, checks)

LIST = "三年级共读"


def submit_and_wait(d, button):
    """Clicks a form's button; the page reloads when the change was made (a mark set on the old
    page's window is gone on the new one)."""
    d.execute_script("window.sxOldPage = true")
    button.click()

    def reloaded(drv):
        try:
            return drv.execute_script("return !window.sxOldPage && document.readyState === 'complete'")
        except WebDriverException:  # asked while the page was being replaced
            return False

    WebDriverWait(d, 10).until(reloaded)


def build_list(d, url, out):
    bt.login(d, url, "operator", "admin", bt.ADMIN_PW, "/desk")
    d.get(url + "/lists?lang=zh")
    d.find_element(By.ID, "nl-name").send_keys(LIST)
    d.find_element(By.ID, "nl-class").send_keys("3-2")
    for field, day in (("nl-from", "2026-09-01"), ("nl-to", "2026-09-30")):
        d.execute_script("arguments[0].value = arguments[1]", d.find_element(By.ID, field), day)
    submit_and_wait(d, d.find_element(By.ID, "nl-create"))
    d.find_element(By.LINK_TEXT, LIST).click()
    # Search the catalogue and add two titles, then type in one the library lacks.
    for q in ("三体", "十万个为什么"):
        box = d.find_element(By.ID, "sx-q")
        box.clear()
        box.send_keys(q)
        box.submit()
        WebDriverWait(d, 10).until(lambda drv: drv.find_elements(By.CSS_SELECTOR, ".sx-search-hit .sx-add"))
        submit_and_wait(d, d.find_element(By.CSS_SELECTOR, ".sx-search-hit .sx-add"))
    d.find_element(By.CSS_SELECTOR, "details summary").click()
    d.find_element(By.ID, "bh-title").send_keys("海底两万里")
    d.find_element(By.ID, "bh-author").send_keys("凡尔纳")
    d.find_element(By.ID, "bh-price").send_keys("30")
    submit_and_wait(d, d.find_element(By.ID, "bh-add"))
    rows = d.find_elements(By.CSS_SELECTOR, "#sx-entries tr.sx-entry")
    status = [(r.find_element(By.CSS_SELECTOR, ".sx-entry-title").text, r.get_attribute("data-status")) for r in rows]
    assert status == [("三体", "held"), ("十万个为什么", "held"), ("海底两万里", "missing")], status
    # Adding the same title twice is refused with a message, nothing changes.
    d.find_element(By.CSS_SELECTOR, "details summary").click()
    d.find_element(By.ID, "bh-title").send_keys("海底两万里")
    d.find_element(By.ID, "bh-author").send_keys("凡尔纳")
    d.find_element(By.ID, "bh-add").click()
    WebDriverWait(d, 10).until(lambda drv: "alert-danger" in drv.find_element(By.ID, "sx-message").get_attribute("class"))
    assert "海底两万里" in d.find_element(By.ID, "sx-message").text
    # Remove the second title.
    submit_and_wait(d, d.find_elements(By.CSS_SELECTOR, "#sx-entries .sx-remove")[1])
    titles = [e.text for e in d.find_elements(By.CSS_SELECTOR, "#sx-entries .sx-entry-title")]
    assert titles == ["三体", "海底两万里"], titles
    assert "缺藏 1 种" in d.find_element(By.ID, "sx-coverage").text, d.find_element(By.ID, "sx-coverage").text
    d.save_screenshot(os.path.join(out, "list-zh.png"))
    # The missing title to acquisitions in one step, recommended by the class teacher's pupil S001.
    d.find_element(By.ID, "sx-by").send_keys("S001")
    submit_and_wait(d, d.find_element(By.ID, "sx-suggest"))
    pending = d.execute_async_script(
        "const done = arguments[0]; fetch('/api/acq/suggestions').then(r => r.text()).then(done);")
    assert "海底两万里" in pending and '"by":"S001"' in pending, pending
    d.get(url + "/lists/view?name=" + LIST + "&lang=en")
    assert "missing" in d.find_element(By.ID, "sx-coverage").text
    d.save_screenshot(os.path.join(out, "list-en.png"))
    d.get(url + "/lists?lang=zh")
    bt.no_console_errors(d, "lists")


def book_activity(d, url, out):
    d.get(url + "/activities?lang=zh")
    Select(d.find_element(By.ID, "ac-kind")).select_by_value("class_visit")
    d.find_element(By.ID, "ac-title").send_keys("三年级2班到馆阅读课")
    d.execute_script("arguments[0].value = '2026-09-14'", d.find_element(By.ID, "ac-day"))
    d.find_element(By.ID, "ac-start").send_keys("09:00")
    d.find_element(By.ID, "ac-end").send_keys("09:40")
    d.find_element(By.ID, "ac-class").send_keys("3-2")
    d.find_element(By.ID, "ac-people").send_keys("40")
    submit_and_wait(d, d.find_element(By.ID, "ac-book"))
    assert len(d.find_elements(By.CSS_SELECTOR, "#sx-activities tr.sx-activity")) == 1
    # The same room at an overlapping time: refused, the booking in the way named.
    d.find_element(By.ID, "ac-title").send_keys("读书会")
    d.execute_script("arguments[0].value = '2026-09-14'", d.find_element(By.ID, "ac-day"))
    d.find_element(By.ID, "ac-start").send_keys("09:20")
    d.find_element(By.ID, "ac-end").send_keys("10:00")
    d.find_element(By.ID, "ac-book").click()
    WebDriverWait(d, 10).until(lambda drv: "alert-danger" in drv.find_element(By.ID, "sx-message").get_attribute("class"))
    assert "三年级2班到馆阅读课" in d.find_element(By.ID, "sx-message").text
    d.save_screenshot(os.path.join(out, "activities-zh.png"))
    d.get(url + "/activities?lang=en")
    d.save_screenshot(os.path.join(out, "activities-en.png"))
    d.get(url + "/activities?lang=zh")
    bt.no_console_errors(d, "activities")


def progress_pages(d, url, out):
    # S001 borrows 三体 at the desk (the server's day, 2026-09-01, is in the programme's period).
    d.get(url + "/desk")
    bt.scan(d, "S001")
    bt.wait_text(d, By.ID, "sx-patron-name", "张小明")
    bt.scan(d, "B11")
    WebDriverWait(d, 10).until(lambda drv: len(bt.loan_rows(drv)) == 1)
    d.get(url + "/programme?lang=zh")
    Select(d.find_element(By.ID, "sx-list")).select_by_value(LIST)
    d.find_element(By.ID, "sx-class").send_keys("3-2")
    d.find_element(By.ID, "sx-show").click()
    WebDriverWait(d, 10).until(lambda drv: drv.find_elements(By.CSS_SELECTOR, "#sx-progress tr[data-class]"))
    row = d.find_element(By.CSS_SELECTOR, "#sx-progress tr[data-class='3-2']").text
    assert row.startswith("3-2 2 1 1 0.50"), row  # 2 readers, 1 read one, 1 title, 0.5 on average
    body = d.find_element(By.TAG_NAME, "body").text
    assert "张小明" not in body.replace(d.find_element(By.CSS_SELECTOR, "nav").text, "")  # no pupil named
    d.save_screenshot(os.path.join(out, "programme-class-zh.png"))
    d.get(url + "/programme?list=" + LIST + "&grade=3&lang=en")
    assert d.find_elements(By.CSS_SELECTOR, "#sx-progress tr[data-class='3-2']")
    d.save_screenshot(os.path.join(out, "programme-grade-en.png"))
    bt.no_console_errors(d, "programme")


def pupil_progress(d, url, out):
    d.delete_all_cookies()
    bt.login(d, url, "reader", "S001", bt.PIN, "/opac")
    d.find_element(By.LINK_TEXT, "我的阅读").click()
    Select(d.find_element(By.ID, "sx-list")).select_by_value(LIST)
    d.find_element(By.CSS_SELECTOR, "form button").click()
    WebDriverWait(d, 10).until(lambda drv: drv.find_elements(By.ID, "sx-my-progress"))
    read = [e.text for e in d.find_elements(By.CSS_SELECTOR, ".sx-my-title[data-read='1']")]
    assert read == ["✓ 三体"], read
    assert "1" in d.find_element(By.ID, "sx-my-count").text
    assert not d.find_elements(By.ID, "sx-progress")  # never the class table
    d.save_screenshot(os.path.join(out, "my-progress-zh.png"))
    # The class view asked for by a pupil shows their own progress only.
    d.get(url + "/programme?list=" + LIST + "&class=3-2&lang=en")
    assert not d.find_elements(By.ID, "sx-progress")
    d.save_screenshot(os.path.join(out, "my-progress-en.png"))
    bt.no_console_errors(d, "pupil")
    # Another pupil (S002, nothing read) sees nothing of S001's reading.
    d.delete_all_cookies()
    bt.login(d, url, "reader", "S002", bt.PIN, "/opac")
    d.get(url + "/programme?list=" + LIST)
    assert not d.find_elements(By.CSS_SELECTOR, ".sx-my-title[data-read='1']")


def main():
    bt.run_flows([build_list, book_activity, progress_pages, pupil_progress], "reading browser test passed")


if __name__ == "__main__":
    main()
