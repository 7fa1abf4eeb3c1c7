// Small enhancements; every page works without them.
(function () {
  "use strict";
  // Deadlines in the reader's own time zone.
  document.querySelectorAll("[data-local-time]").forEach(function (el) {
    var when = new Date(el.getAttribute("data-local-time"));
    if (isNaN(when)) return;
    var text = new Intl.DateTimeFormat(document.documentElement.lang, {
      dateStyle: "long", timeStyle: "short"
    }).format(when);
    el.textContent = el.getAttribute("data-label") + ": " + text;
  });
  // Live character counters under limited text fields (the server checks the limit too).
  document.querySelectorAll("[data-maxlength]").forEach(function (field) {
    var max = parseInt(field.getAttribute("data-maxlength"), 10);
    var counter = document.createElement("p");
    counter.className = "counter";
    counter.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", counter);
    var template = document.documentElement.getAttribute("data-counter-text") || "{n} / {max}";
    function update() {
      var n = field.value.length;
      counter.textContent = template.replace("{n}", n).replace("{max}", max);
      counter.classList.toggle("counter--over", n > max);
    }
    field.addEventListener("input", update);
    update();
  });
})();
