/* The photo library inside the story's form: a panel that searches it with thumbnails and
   adds to it from a dropped or chosen file, with its description and credit. Used by the
   body editor (editor.js) and by the lead photo's "Choose from the library". The server's
   side is newsroom/photo_views.py; the addresses and words are on #photo-library. */
(function () {
  "use strict";

  function config() {
    var box = document.getElementById("photo-library");
    return function (name) { return box ? box.getAttribute("data-" + name) || "" : ""; };
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function field(label, required) {
    var wrap = element("label", "photo-upload-field");
    wrap.appendChild(element("span", "", label));
    var input = element("input");
    input.type = "text";
    input.maxLength = 300;
    input.required = required;
    wrap.appendChild(input);
    return { wrap: wrap, input: input };
  }

  /* A panel; `onChoose(photo)` gets {id, alt, credit, thumb, src}. */
  function panel(onChoose) {
    var get = config();
    var root = element("div", "photo-picker");
    root.hidden = true;
    var search = element("input");
    search.type = "search";
    search.placeholder = get("label-search");
    search.setAttribute("aria-label", get("label-search"));
    var drop = element("div", "photo-drop");
    drop.appendChild(element("span", "", get("label-drop")));
    var file = element("input");
    file.type = "file";
    file.accept = "image/jpeg,image/png,image/webp";
    file.setAttribute("aria-label", get("label-drop"));
    drop.appendChild(file);
    // Not a <form>: the panel lives inside the story's form, and its fields have no names.
    var upload = element("div", "photo-upload");
    upload.hidden = true;
    var chosen = element("p", "photo-upload-name");
    var alt = field(get("label-alt"), true);
    var credit = field(get("label-credit-field"), true);
    var add = element("button", "button", get("label-add"));
    add.type = "button";
    var error = element("p", "errornote");
    error.hidden = true;
    error.setAttribute("role", "alert");
    [chosen, alt.wrap, credit.wrap, add, error].forEach(function (node) { upload.appendChild(node); });
    var list = element("ul");
    [search, drop, upload, list].forEach(function (node) { root.appendChild(node); });
    var pending = null;

    function choose(photo) {
      onChoose(photo);
      root.hidden = true;
    }

    function show(photos) {
      list.textContent = "";
      if (!photos.length) list.appendChild(element("li", "", get("label-none")));
      photos.forEach(function (photo) {
        var item = element("li");
        var button = element("button");
        button.type = "button";
        button.title = photo.alt + " (" + photo.credit + ")";
        var thumb = element("img");
        thumb.src = photo.thumb;
        thumb.alt = photo.alt;
        button.appendChild(thumb);
        button.addEventListener("click", function () { choose(photo); });
        item.appendChild(button);
        list.appendChild(item);
      });
    }

    var timer = null;
    function find() {
      fetch(get("search-url") + "?q=" + encodeURIComponent(search.value), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : { photos: [] }; })
        .then(function (data) { show(data.photos); });
    }
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(find, 250);
    });

    function start(picked) {
      pending = picked;
      chosen.textContent = picked.name;
      upload.hidden = false;
      error.hidden = true;
      root.hidden = false;
      alt.input.focus();
    }
    file.addEventListener("change", function () { if (file.files.length) start(file.files[0]); });
    drop.addEventListener("dragover", function (event) { event.preventDefault(); drop.classList.add("over"); });
    drop.addEventListener("dragleave", function () { drop.classList.remove("over"); });
    drop.addEventListener("drop", function (event) {
      event.preventDefault();
      drop.classList.remove("over");
      if (event.dataTransfer.files.length) start(event.dataTransfer.files[0]);
    });

    add.addEventListener("click", function () {
      if (!pending) return;
      if (!alt.input.value.trim() || !credit.input.value.trim()) {
        error.textContent = get("label-required");
        error.hidden = false;
        return;
      }
      var data = new FormData();
      data.append("csrfmiddlewaretoken", document.querySelector("input[name=csrfmiddlewaretoken]").value);
      data.append("file", pending);
      data.append("alt_text", alt.input.value);
      data.append("credit", credit.input.value);
      add.disabled = true;
      fetch(get("upload-url"), { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) {
          return response.json().then(function (answer) {
            if (!response.ok) {
              var messages = Object.values(answer.errors || {}).reduce(function (all, m) { return all.concat(m); }, []);
              throw new Error(messages.join(" ") || response.statusText);
            }
            pending = null;
            upload.hidden = true;
            alt.input.value = credit.input.value = "";
            file.value = "";
            choose(answer.photo);
          });
        })
        .catch(function (failure) {
          error.textContent = failure.message || get("label-failed");
          error.hidden = false;
        })
        .then(function () { add.disabled = false; });
    });

    return {
      element: root,
      toggle: function () {
        root.hidden = !root.hidden;
        if (!root.hidden) { find(); search.focus(); }
      },
      upload: start,
    };
  }

  /* The lead photo: "Choose from the library" beside its autocomplete, and a thumbnail. */
  function leadPhoto() {
    var select = document.getElementById("id_photo");
    var row = select && select.closest(".form-row, .fieldBox");
    if (!row) return;
    var get = config();
    var button = element("button", "button photo-library-open", get("label-choose"));
    button.type = "button";
    var preview = element("img", "lead-photo-preview");
    preview.alt = "";
    preview.hidden = true;
    var picker = panel(function (photo) {
      var option = new Option(photo.alt + " (" + photo.credit + ")", String(photo.id), true, true);
      select.appendChild(option);
      select.value = String(photo.id);
      if (window.django && window.django.jQuery) window.django.jQuery(select).trigger("change");
      else select.dispatchEvent(new Event("change", { bubbles: true }));
      preview.src = photo.thumb;
      preview.hidden = false;
    });
    button.addEventListener("click", picker.toggle);
    row.appendChild(button);
    row.appendChild(preview);
    row.appendChild(picker.element);
    row.addEventListener("drop", function (event) {
      var files = event.dataTransfer && event.dataTransfer.files;
      if (files && files.length && /^image\//.test(files[0].type)) {
        event.preventDefault();
        picker.upload(files[0]);
      }
    });
    row.addEventListener("dragover", function (event) { event.preventDefault(); });
  }

  window.NewsdeskPhotos = { panel: panel };
  document.addEventListener("DOMContentLoaded", leadPhoto);
})();
