// Shared by every page: translated strings, the CSRF token, JSON calls, logout, sounds.
"use strict";
const SX = (() => {
  const strings = JSON.parse(document.getElementById("sx-strings").textContent || "{}");
  const t = (key, ...args) => (strings[key] || key).replace(/\{(\d+)\}/g, (m, i) => (args[i] !== undefined ? args[i] : m));
  const csrf = () => (document.querySelector('meta[name="csrf"]') || {}).content || "";
  // Every call sends the CSRF token; mutating calls are refused without it.
  async function api(method, path, body) {
    const opts = { method, headers: { "X-CSRF-Token": csrf() }, credentials: "same-origin" };
    if (body !== undefined) {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
    let res;
    try {
      res = await fetch(path, opts);
    } catch (e) {
      return { status: 0, data: { ok: false, message: t("web.js.network") } };
    }
    let data = {};
    try { data = await res.json(); } catch (e) { data = {}; }
    return { status: res.status, data };
  }
  // A short tone: high for done, low and long for a refusal (the desk is used by ear while scanning).
  function beep(ok) {
    try {
      const ctx = new (window.AudioContext || window.webkitAudioContext)();
      const osc = ctx.createOscillator();
      osc.frequency.value = ok ? 880 : 220;
      osc.connect(ctx.destination);
      osc.start();
      osc.stop(ctx.currentTime + (ok ? 0.08 : 0.4));
    } catch (e) { /* no audio: the colour still shows */ }
  }
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v; else if (k.startsWith("data-")) e.setAttribute(k, v); else e[k] = v;
    }
    for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return e;
  }
  document.addEventListener("DOMContentLoaded", () => {
    const out = document.getElementById("sx-logout");
    if (out) out.addEventListener("click", async (ev) => {
      ev.preventDefault();
      await api("POST", "/api/logout");
      window.location = "/opac";
    });
  });
  return { t, csrf, api, beep, el };
})();
