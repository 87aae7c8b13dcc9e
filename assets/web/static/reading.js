// The reading pages (lists, programmes, activities): every form with data-api posts its fields as
// JSON with the CSRF token; a refusal shows its message, a success reloads the page.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("sx-message");
  const show = (ok, text) => {
    if (!box) return;
    box.className = "alert " + (ok ? "alert-success" : "alert-danger");
    box.textContent = text;
  };
  for (const form of document.querySelectorAll("form.sx-api-form")) {
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const ints = (form.dataset.int || "").split(",").filter(Boolean);
      const body = {};
      for (const [k, v] of new FormData(form).entries()) {
        if (v === "") continue;
        body[k] = ints.includes(k) ? parseInt(v, 10) : v;
      }
      const r = await SX.api("POST", form.dataset.api, body);
      if (r.data.ok) {
        window.location.reload();
      } else {
        show(false, r.data.message || SX.t("web.js.network"));
      }
    });
  }
  // Progress bars: their width from data-pct (inline styles are not allowed by the page's CSP).
  for (const bar of document.querySelectorAll(".progress-bar[data-pct]")) bar.style.width = bar.dataset.pct + "%";
});
