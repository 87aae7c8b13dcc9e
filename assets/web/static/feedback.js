// Readers' feedback pages: writing a review, recommending a title, the librarian's moderation.
"use strict";
(() => {
  const box = document.getElementById("sx-feedback-message");
  function show(data) {
    if (!box) return;
    box.textContent = data.message || "";
    box.className = "alert " + (data.ok ? "alert-success" : "alert-danger");
  }
  for (const f of document.querySelectorAll(".sx-review-form")) {
    f.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const body = { record: Number(f.dataset.record), stars: Number(f.querySelector(".sx-stars").value),
                     text: f.querySelector(".sx-text").value };
      const { data } = await SX.api("POST", "/api/me/reviews", body);
      if (data.ok) window.location = "/opac/feedback?done=1";
      else show(data);
    });
  }
  const rec = document.getElementById("sx-recommend-form");
  if (rec) rec.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const body = {};
    for (const name of ["title", "author", "isbn", "price", "note"]) {
      const v = rec.elements[name].value.trim();
      if (v) body[name] = v;
    }
    const { data } = await SX.api("POST", "/api/me/recommendations", body);
    show(data);
    if (data.ok) rec.reset();
  });
  for (const row of document.querySelectorAll("tr.sx-pending")) {
    const send = async (approve) => {
      const body = { review: Number(row.dataset.review), approve };
      const reason = row.querySelector(".sx-reason").value.trim();
      if (!approve) body.reason = reason;
      const { data } = await SX.api("POST", "/api/feedback/moderate", body);
      show(data);
      if (data.ok) row.remove();
    };
    row.querySelector(".sx-approve").addEventListener("click", () => send(true));
    row.querySelector(".sx-reject").addEventListener("click", () => send(false));
  }
})();
