// The login form: operators go to the desk, readers to the OPAC (or where they were going).
"use strict";
document.getElementById("sx-login").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const kind = document.querySelector('input[name="kind"]:checked').value;
  const body = { password: document.getElementById("sx-password").value };
  body[kind] = document.getElementById("sx-id").value.trim();
  const { status, data } = await SX.api("POST", "/api/login", body);
  const err = document.getElementById("sx-login-error");
  if (status === 200 && data.ok) {
    const next = new URLSearchParams(window.location.search).get("next");
    const safe = next && /^\/[a-z]*$/.test(next) ? next : null;
    window.location = safe || (kind === "operator" ? "/desk" : "/opac");
    return;
  }
  err.textContent = data.message || SX.t("web.js.login_failed");
  err.classList.remove("d-none");
});
