// Statistics charts (Chart.js from the Debian package, served under /vendor/).
"use strict";
(async () => {
  const { status, data } = await SX.api("GET", "/api/stats");
  if (status !== 200) return;
  document.getElementById("sx-stats-summary").textContent =
    SX.t("web.js.stats_summary", data.year, data.students, data.loans, data.loans_per_student.toFixed(2));
  const bar = (id, labels, values) => new Chart(document.getElementById(id), {
    type: "bar",
    data: { labels, datasets: [{ data: values, backgroundColor: "#198754" }] },
    options: { plugins: { legend: { display: false } }, animation: false },
  });
  bar("sx-chart-month", data.by_month.map((m) => SX.t("web.js.month", m.month)), data.by_month.map((m) => m.loans));
  bar("sx-chart-major", data.by_major_class.map((m) => m.label), data.by_major_class.map((m) => m.loans));
  bar("sx-chart-class", data.classes.map((c) => c.class), data.classes.map((c) => c.per_student));
})();
