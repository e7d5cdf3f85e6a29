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
    var imageButton = root.querySelector(".ql-image");
    if (imageButton) imageButton.setAttribute("aria-label", root.getAttribute("data-label-photo"));
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
