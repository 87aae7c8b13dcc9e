// The circulation desk, built for a barcode scanner (a keyboard that types and presses Enter):
// scan a reader card (or type a name or 学号), then items to lend; in return mode, items to return.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const { t, api, beep, el } = SX;
  let patron = null;  // the reader at the desk

  // The outcome of a scan: its lines (message, then details), green or red with a tone.
  function say(lines, ok) {
    const m = $("sx-message");
    m.replaceChildren(...[].concat(lines).filter((l) => l).map((l) => el("div", {}, l)));
    m.className = "alert mt-3 " + (ok ? "alert-success" : "alert-danger sx-refused");
    beep(ok);
    document.body.classList.toggle("sx-flash-refused", !ok);
    if (!ok) setTimeout(() => document.body.classList.remove("sx-flash-refused"), 600);
  }

  function mode() { return document.querySelector('input[name="mode"]:checked').value; }

  function loanRow(l) {
    const actions = el("td", { class: "text-end d-print-none" });
    for (const [key, path] of [["web.js.renew", "/api/circ/renew"], ["web.js.return", "/api/circ/return"],
                               ["web.js.lost", "/api/circ/lost"], ["web.js.damaged", "/api/circ/damaged"]]) {
      const b = el("button", { class: "btn btn-sm btn-outline-secondary ms-1", type: "button" }, t(key));
      b.addEventListener("click", () => itemAction(path, l.barcode));
      actions.append(b);
    }
    const due = el("td", {}, l.due);
    if (l.overdue) due.append(" ", el("span", { class: "badge text-bg-danger" }, t("web.js.overdue")));
    return el("tr", { class: l.overdue ? "table-danger" : "", "data-barcode": l.barcode },
              el("td", { class: "sx-loan-title" }, l.title), el("td", {}, el("code", {}, l.barcode)), due, actions);
  }

  function showPatron(p) {
    patron = p;
    $("sx-patron").classList.remove("d-none");
    $("sx-candidates").replaceChildren();
    $("sx-patron-name").textContent = p.name;
    $("sx-patron-id").textContent = p.id;
    $("sx-patron-kind").textContent = p.kind_text;
    $("sx-patron-class").textContent = p.class ? t("web.js.class") + " " + p.class : "";
    $("sx-patron-count").textContent = t("web.js.limit", p.loans.length, p.max_items);
    const od = $("sx-patron-overdue");
    od.textContent = t("web.js.overdue") + " " + p.overdue;
    od.classList.toggle("d-none", !p.overdue);
    $("sx-loans").replaceChildren(...(p.loans.length ? p.loans.map(loanRow)
      : [el("tr", {}, el("td", { colSpan: 4, class: "text-muted" }, t("web.js.none")))]));
    $("sx-patron-holds").replaceChildren(...(p.holds.length ? p.holds.map(holdRow)
      : [el("li", { class: "text-muted" }, t("web.js.none"))]));
  }

  function holdRow(h) {
    const cancel = el("button", { class: "btn btn-sm btn-outline-danger ms-2 d-print-none", type: "button" }, t("web.js.cancel"));
    cancel.addEventListener("click", async () => {
      const { data } = await api("POST", "/api/holds/cancel", { hold: h.id });
      say([data.message].concat(data.details || []), !!data.ok);
      await refresh();
    });
    return el("li", { class: "sx-patron-hold", "data-hold": String(h.id) },
              el("span", { class: "badge " + (h.status === "ready" ? "text-bg-warning" : "text-bg-info") }, h.status_text),
              " " + h.title + (h.barcode ? " · " + h.barcode : ""), cancel);
  }

  async function showPull() {
    const { status, data } = await api("GET", "/api/holds/pull");
    if (status !== 200) return;
    $("sx-pull").classList.remove("d-none");
    $("sx-pull-list").replaceChildren(...(data.length ? data.map((p) => el("tr", {},
      el("td", {}, el("code", {}, p.call_number)), el("td", {}, p.title), el("td", {}, el("code", {}, p.barcode)),
      el("td", {}, p.location), el("td", {}, p.patron)))
      : [el("tr", {}, el("td", { colSpan: 5, class: "text-muted" }, t("web.js.none")))]));
  }

  async function loadPatron(id) {
    const { status, data } = await api("GET", "/api/patron?id=" + encodeURIComponent(id));
    if (status === 200) { showPatron(data); return true; }
    return false;
  }

  async function refresh() { if (patron) await loadPatron(patron.id); }

  async function findPatrons(text) {
    const { status, data } = await api("GET", "/api/patrons?q=" + encodeURIComponent(text));
    if (status !== 200 || !data.length) { say(data.message || t("web.js.no_patron"), false); return; }
    if (data.length === 1) { await loadPatron(data[0].id); say(data[0].name, true); return; }
    say(t("web.js.patrons_found", data.length), true);
    $("sx-candidates").replaceChildren(...data.map((p) => {
      const li = el("button", { class: "list-group-item list-group-item-action", type: "button" },
                    p.name + " · " + p.id + (p.class ? " · " + p.class : ""));
      li.addEventListener("click", () => loadPatron(p.id));
      return li;
    }));
  }

  async function itemAction(path, barcode) {
    const { data } = await api("POST", path, { item: barcode });
    say([data.message].concat(data.details || []), !!data.ok);
    if (path === "/api/circ/return" && data.ok) noteReturned(barcode);
    await refresh();
  }

  async function noteReturned(barcode) {
    const { status, data } = await api("GET", "/api/items/" + encodeURIComponent(barcode));
    $("sx-returned").classList.remove("d-none");
    $("sx-returned-list").prepend(el("li", {}, el("code", {}, barcode), " ", status === 200 ? data.title : ""));
    if (status === 200) await showHolds(data);
  }

  // The holds queue of the title just scanned: who waits, whose copy is kept.
  async function showHolds(item) {
    const { status, data } = await api("GET", "/api/holds?record=" + encodeURIComponent(item.record));
    const open = status === 200 ? data.filter((h) => h.status === "waiting" || h.status === "ready") : [];
    $("sx-holds").classList.toggle("d-none", !open.length);
    $("sx-holds-title").textContent = item.title;
    $("sx-holds-list").replaceChildren(...open.map((h) => el("li", { class: "sx-hold-row" },
      el("span", { class: "badge " + (h.status === "ready" ? "text-bg-warning" : "text-bg-info") }, h.status_text),
      " " + h.patron + " · " + h.placed + (h.barcode ? " · " + h.barcode : ""))));
  }

  async function lend(barcode, item) {
    const { data } = await api("POST", "/api/circ/checkout", { patron: patron.id, item: barcode });
    say([data.ok ? t("web.js.lent", item.title) : data.message].concat(data.details || []), !!data.ok);
    await refresh();
  }

  async function onScan(text) {
    if (!text) return;
    if (mode() === "return") return itemAction("/api/circ/return", text);
    const { status, data } = await api("GET", "/api/items/" + encodeURIComponent(text));
    if (status === 200) {
      if (!patron) { say(t("web.js.scan_patron_first"), false); return; }
      await lend(text, data);
      return showHolds(data);
    }
    if (await loadPatron(text)) { say(patron.name, true); return; }
    await findPatrons(text);
  }

  $("sx-scan-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const input = $("sx-scan");
    const text = input.value.trim();
    input.value = "";
    await onScan(text);
    input.focus();
  });
  for (const r of document.querySelectorAll('input[name="mode"]'))
    r.addEventListener("change", () => $("sx-scan").focus());
  $("sx-pull-button").addEventListener("click", showPull);
  $("sx-print").addEventListener("click", () => {
    document.body.classList.toggle("sx-slip-58", $("sx-slip").value === "58mm");
    window.print();
  });
})();
