/* The body editor: Quill over the body textarea, kept in sync on every change. */
(function () {
  "use strict";

  function photoPicker(root, quill) {
    var searchUrl = root.getAttribute("data-photo-search");
    var picker = document.createElement("div");
    picker.className = "photo-picker";
    picker.hidden = true;
    var input = document.createElement("input");
    input.type = "search";
    input.placeholder = root.getAttribute("data-label-search");
    input.setAttribute("aria-label", root.getAttribute("data-label-search"));
    var list = document.createElement("ul");
    picker.appendChild(input);
    picker.appendChild(list);
    root.appendChild(picker);

    function show(photos) {
      list.textContent = "";
      if (!photos.length) {
        var empty = document.createElement("li");
        empty.textContent = root.getAttribute("data-label-none");
        list.appendChild(empty);
      }
      photos.forEach(function (photo) {
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.title = photo.alt + " (" + photo.credit + ")";
        var thumb = document.createElement("img");
        thumb.src = photo.thumb;
        thumb.alt = photo.alt;
        button.appendChild(thumb);
        button.addEventListener("click", function () {
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
          picker.hidden = true;
        });
        item.appendChild(button);
        list.appendChild(item);
      });
    }

    var timer = null;
    function search() {
      fetch(searchUrl + "?q=" + encodeURIComponent(input.value), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : { photos: [] }; })
        .then(function (data) { show(data.photos); });
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 250);
    });
    return function toggle() {
      picker.hidden = !picker.hidden;
      if (!picker.hidden) { search(); input.focus(); }
    };
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
