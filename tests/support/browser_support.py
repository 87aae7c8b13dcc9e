"""Shared by the browser tests (tests/server, tests/district): their command line and headless
Chromium through selenium and Debian's chromedriver."""
import argparse
import os

from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def parse_args():
    """--shuxiang (the CLI), --seed (the test's seed program), --out (screenshots; created)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--shuxiang", required=True)
    ap.add_argument("--seed", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    return a


def chromium(extra=()):
    """Headless Chromium, 1280x900, Chinese by default, with the browser console logged."""
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
              "--lang=zh-CN") + tuple(extra):
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
