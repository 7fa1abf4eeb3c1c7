// The campaign editor: what people type is laid out by its own direction (Arabic right to
// left, English left to right), whatever the admin's language. The page's own fields get
// dir="auto" from the server (campaigns/admin_forms.py); this does the same for the fields of
// blocks added in the browser (headings, quotes, captions). Rich text (Draftail) already sets
// each paragraph's direction from its text.
(function () {
  "use strict";
  var FIELDS = 'input[type="text"]:not([dir]), input[type="url"]:not([dir]), textarea:not([dir])';

  function mark(root) {
    if (root.nodeType !== 1) return;
    if (root.matches(FIELDS)) root.setAttribute("dir", "auto");
    root.querySelectorAll(FIELDS).forEach(function (field) {
      field.setAttribute("dir", "auto");
    });
  }

  function start() {
    var form = document.querySelector("form[data-edit-form]") || document.body;
    mark(form);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(mark);
      });
    }).observe(form, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
