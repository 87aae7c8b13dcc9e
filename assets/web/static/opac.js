// The OPAC: a logged-in reader places holds from the results.
"use strict";
for (const b of document.querySelectorAll(".sx-hold")) {
  b.addEventListener("click", async () => {
    const { data } = await SX.api("POST", "/api/me/holds", { record: Number(b.dataset.record) });
    const m = document.getElementById("sx-hold-message");
    m.textContent = data.message || "";
    m.className = "alert " + (data.ok ? "alert-success" : "alert-danger");
    if (data.ok) b.disabled = true;
  });
}
for (const b of document.querySelectorAll(".sx-cancel-hold")) {
  b.addEventListener("click", async () => {
    const { data } = await SX.api("POST", "/api/me/holds/cancel", { hold: Number(b.dataset.hold) });
    const m = document.getElementById("sx-hold-message");
    m.textContent = data.message || "";
    m.className = "alert " + (data.ok ? "alert-success" : "alert-danger");
    if (data.ok) b.closest("li").remove();
  });
}
