/* Embedded videos and posts: nothing is asked of the provider until the reader presses
   "Load". Without JavaScript the placeholder is the provider's link, which works. */
(function () {
  "use strict";

  function load(placeholder) {
    var address = placeholder.getAttribute("data-embed-frame") || "";
    if (address.indexOf("https://") !== 0) return;
    var frame = document.createElement("iframe");
    frame.src = address;
    frame.title = placeholder.getAttribute("data-embed-title") || "";
    frame.setAttribute("allow", "autoplay; encrypted-media; fullscreen; picture-in-picture");
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    // The provider's frame may run its player, open its own site in a new tab, and
    // nothing else: it cannot navigate this page away.
    frame.setAttribute(
      "sandbox",
      "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-presentation"
    );
    frame.className = "embed-frame";
    placeholder.parentNode.replaceChild(frame, placeholder);
    frame.focus();  // the button is gone: the reader goes on in what they asked for
  }

  function prepare(placeholder) {
    var button = placeholder.querySelector(".embed-load");
    var note = placeholder.querySelector(".embed-note");
    if (!button) return;
    button.hidden = false;
    if (note) note.hidden = false;
    button.addEventListener("click", function () { load(placeholder); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var placeholders = document.querySelectorAll(".embed-placeholder[data-embed-frame]");
    for (var i = 0; i < placeholders.length; i++) prepare(placeholders[i]);
  });
})();
