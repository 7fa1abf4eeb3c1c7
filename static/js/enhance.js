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
    // Announced only near the limit, not on every keystroke.
    counter.setAttribute("aria-live", "off");
    field.insertAdjacentElement("afterend", counter);
    var template = document.documentElement.getAttribute("data-counter-text") || "{n} / {max}";
    function update() {
      var n = field.value.length;
      counter.textContent = template.replace("{n}", n).replace("{max}", max);
      counter.classList.toggle("counter--over", n > max);
      counter.setAttribute("aria-live", n >= max * 0.9 ? "polite" : "off");
    }
    field.addEventListener("input", update);
    update();
  });
  // The budget's running total, as amounts are typed (the server shows it on every save).
  var total = document.querySelector("[data-budget-total]");
  if (total) {
    var currency = total.getAttribute("data-currency");
    var maximum = parseFloat(total.getAttribute("data-maximum"));
    var lang = document.documentElement.lang;
    var money = new Intl.NumberFormat(lang, { style: "currency", currency: currency });
    var amounts = document.querySelectorAll("input[name^='budget-'][name$='-amount']");
    var read = function (text) {
      // Arabic-Indic digits and separators, spaces between thousands, a comma as decimal mark.
      text = text.replace(/[\u0660-\u0669]/g, function (d) { return d.charCodeAt(0) - 0x660; })
        .replace(/[\u066C\s\u202f]/g, "").replace("\u066B", ".");
      if (/,\d{1,3}$/.test(text) && text.indexOf(".") < 0) text = text.replace(",", ".");
      var value = parseFloat(text.replace(/,/g, ""));
      return isNaN(value) ? 0 : value;
    };
    var update = function () {
      var sum = 0;
      amounts.forEach(function (field) { sum += read(field.value); });
      total.querySelector("[data-total]").textContent = money.format(sum);
      total.classList.toggle("budget-total--over", sum > maximum);
    };
    amounts.forEach(function (field) { field.addEventListener("input", update); });
  }
  // "Print or save as PDF" where the browser can print (the page prints plainly anyway).
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  // "Share" opens the phone's own share sheet where the browser has one (Web Share API); the
  // plain WhatsApp, Facebook and X links beside it work everywhere else.
  if (navigator.share) {
    document.querySelectorAll("[data-share-url]").forEach(function (button) {
      button.closest(".share__native").hidden = false;
      button.addEventListener("click", function () {
        navigator.share({
          title: button.getAttribute("data-share-title"),
          url: button.getAttribute("data-share-url")
        }).catch(function () { /* the reader closed the share sheet */ });
      });
    });
  }
  // After a refused step, the error summary takes the focus: a screen reader reads it first.
  var summary = document.querySelector(".error-summary[tabindex]");
  if (summary) summary.focus();
})();
