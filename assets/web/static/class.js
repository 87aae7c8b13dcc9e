// A class's overdue list: printable.
"use strict";
document.getElementById("sx-print").addEventListener("click", () => window.print());
