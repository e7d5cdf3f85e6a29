/* The body editor: Quill over the body textarea, kept in sync on every change. */
(function () {
  "use strict";

  function photoPicker(root, quill) {
    var picker = window.NewsdeskPhotos.panel(function (photo) {
      var at = (quill.getSelection(true) || { index: quill.getLength() }).index;
      var figure = document.createElement("p");
      var img = document.createElement("img");
      img.src = photo.src;
      img.alt = photo.alt;
      figure.appendChild(img);
      var credit = document.createElement("p");
      var em = document.createElement("em");
      em.textContent = root.getAttribute("data-label-credit") + " " + photo.credit;
      credit.appendChild(em);
      quill.clipboard.dangerouslyPasteHTML(at, figure.outerHTML + credit.outerHTML, "user");
    });
    root.appendChild(picker.element);
    // A photo dropped on the text goes to the library first (with its credit), never into
    // the body as data: before Quill sees it.
    root.addEventListener("drop", function (event) {
      var files = event.dataTransfer && event.dataTransfer.files;
      if (files && files.length && /^image\//.test(files[0].type)) {
        event.preventDefault();
        event.stopPropagation();
        picker.upload(files[0]);
      }
    }, true);
    return picker.toggle;
  }

  // Quill's own labels are English (in its CSS and aria-labels); ours come from the template,
  // translated, through data-label-* attributes on the editor's root.
  var BUTTONS = {
    ".ql-bold": "bold", ".ql-italic": "italic", ".ql-link": "link", ".ql-blockquote": "blockquote",
    ".ql-list[value=ordered]": "ordered", ".ql-list[value=bullet]": "bullet", ".ql-clean": "clean",
    ".ql-image": "photo", ".ql-header .ql-picker-label": "style"
  };
  var STYLES = { "": "normal", "2": "heading2", "3": "heading3" };

  function labelToolbar(root) {
    function label(name) { return root.getAttribute("data-label-" + name) || ""; }
    Object.keys(BUTTONS).forEach(function (selector) {
      root.querySelectorAll(selector).forEach(function (button) {
        button.setAttribute("aria-label", label(BUTTONS[selector]));
        button.setAttribute("title", label(BUTTONS[selector]));
      });
    });
    root.querySelectorAll(".ql-header .ql-picker-item").forEach(function (item) {
      item.setAttribute("data-label", label(STYLES[item.getAttribute("data-value") || ""]));
    });
    var headerLabel = root.querySelector(".ql-header .ql-picker-label");
    if (headerLabel) headerLabel.setAttribute("data-label", label(STYLES[headerLabel.getAttribute("data-value") || ""]));
    var tooltip = root.querySelector(".ql-tooltip");
    if (tooltip) {
      tooltip.setAttribute("data-label-visit", label("visit"));
      tooltip.setAttribute("data-label-enter", label("enter"));
      var input = tooltip.querySelector("input[type=text]");
      if (input) input.setAttribute("data-link", "https://");
      var action = tooltip.querySelector("a.ql-action");
      if (action) { action.setAttribute("data-label-edit", label("edit")); action.setAttribute("data-label-save", label("save")); }
      var remove = tooltip.querySelector("a.ql-remove");
      if (remove) remove.setAttribute("data-label-remove", label("remove"));
    }
  }

  function setUp(root) {
    var textarea = root.querySelector("textarea");
    if (!textarea || !window.Quill || root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");
    var Image = window.Quill.import("formats/image");
    Image.sanitize = function (url) { return url; };  // the server keeps only this site's media
    var holder = document.createElement("div");
    textarea.parentNode.insertBefore(holder, textarea);
    var quill = new window.Quill(holder, {
      theme: "snow",
      modules: {
        toolbar: {
          container: [
            [{ header: [2, 3, false] }],
            ["bold", "italic", "link"],
            ["blockquote", { list: "ordered" }, { list: "bullet" }],
            ["image"],
            ["clean"]
          ],
          handlers: {}
        }
      },
      formats: ["header", "bold", "italic", "link", "blockquote", "list", "image"]
    });
    var togglePicker = photoPicker(root, quill);
    quill.getModule("toolbar").addHandler("image", togglePicker);
    labelToolbar(root);
    quill.clipboard.dangerouslyPasteHTML(textarea.value || "", "silent");
    textarea.hidden = true;
    // Quill 2.0's semantic HTML writes every space as &nbsp;, which stops lines from
    // wrapping on phones; plain spaces are what the text means.
    function sync() { textarea.value = quill.getSemanticHTML().replace(/&nbsp;/g, " "); }
    quill.on("text-change", sync);
    var form = textarea.form;
    if (form) form.addEventListener("submit", sync);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".rich-text").forEach(setUp);
  });
})();
