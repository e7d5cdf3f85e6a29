/* The story's form: character counters for the title and the lead, and keyboard
   shortcuts — Ctrl+S (⌘S) saves and stays, Ctrl+Enter (⌘↩) presses the workflow's first
   action (submit, publish), Alt+Shift+P opens the preview. */
(function () {
  "use strict";
  var box = document.getElementById("autosave");

  function label(name) { return box ? box.getAttribute("data-label-" + name) || "" : ""; }

  function counter(field) {
    var limit = parseInt(field.getAttribute("data-recommended"), 10);
    var out = document.createElement("div");
    out.className = "char-counter";
    out.setAttribute("aria-live", "polite");
    field.setAttribute("aria-describedby", ((field.getAttribute("aria-describedby") || "") + " " + field.id + "-count").trim());
    out.id = field.id + "-count";
    field.insertAdjacentElement("afterend", out);
    function update() {
      var length = Array.from(field.value).length;  // characters, not UTF-16 units
      out.textContent = label("count").replace("%(count)s", length).replace("%(limit)s", limit);
      out.classList.toggle("over", length > limit);
    }
    field.addEventListener("input", update);
    update();
  }

  function click(selector) {
    var button = document.querySelector(selector);
    if (button) button.click();
    return Boolean(button);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("#article_form [data-recommended]").forEach(counter);
    document.addEventListener("keydown", function (event) {
      var mod = event.ctrlKey || event.metaKey;
      if (mod && !event.shiftKey && !event.altKey && event.key.toLowerCase() === "s") {
        if (click("#article_form input[name=_continue]")) event.preventDefault();
      } else if (mod && event.key === "Enter") {
        if (click(".workflow-actions button.default")) event.preventDefault();
      } else if (event.altKey && event.shiftKey && event.code === "KeyP") {
        var preview = document.querySelector("a[data-shortcut=preview]");
        if (preview) { window.open(preview.href, "_blank", "noopener"); event.preventDefault(); }
      }
    }, true);  // capture: the autocomplete boxes keep their keys to themselves
  });
})();
