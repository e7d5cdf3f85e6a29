/* Newsdesk: the few things on a public page that need JavaScript.
   Everything works without it; this adds the view beacon and "Copy link". */
(function () {
  "use strict";

  // A count grouped in thousands as the server writes it in this edition ("291 386").
  function grouped(views, separator) {
    return String(views).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  }

  function showViews(articleId, views, separator) {
    var nodes = document.querySelectorAll('[data-views-for="' + articleId + '"]');
    for (var i = 0; i < nodes.length; i++) nodes[i].textContent = grouped(views, separator);
  }

  // Count a view when a reader actually sees the page: not while it is prerendered,
  // not in a background tab that is never opened. The answer is the fresh count.
  function countView(story) {
    var sent = false;
    function send() {
      if (sent || document.visibilityState !== "visible" || document.prerendering) return;
      sent = true;
      fetch(story.getAttribute("data-beacon"), {
        method: "POST",
        credentials: "omit",
        keepalive: true,
        headers: { "Accept": "application/json" }
      }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (data) {
        var id = story.getAttribute("data-beacon").match(/news\/(\d+)\//);
        if (data && id && data.views !== null) showViews(id[1], data.views, story.getAttribute("data-thousands") || "");
      }).catch(function () { /* a lost beacon costs one view, never the page */ });
    }
    document.addEventListener("visibilitychange", send);
    document.addEventListener("prerenderingchange", send);
    send();
  }

  function enableCopyLink(button) {
    if (!navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.getAttribute("data-copy-url")).then(function () {
        button.textContent = button.getAttribute("data-copied");
      });
    });
  }

  // The breaking news banner: the page may be a stored copy, older than the newsroom's
  // announcement, so the banner follows /<edition>/breaking.json (kept a few seconds).
  function followBreaking(banner) {
    function update() {
      if (document.visibilityState !== "visible") return;
      fetch(banner.getAttribute("data-breaking"), { credentials: "omit", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data) return;
          var story = data.breaking;
          if (story) {
            banner.querySelector(".breaking-label").textContent = story.label;
            var link = banner.querySelector("a");
            link.textContent = story.title;
            link.setAttribute("href", story.url);
          }
          banner.hidden = !story;
        }).catch(function () { /* the banner stays as the page had it */ });
    }
    update();
    document.addEventListener("visibilitychange", update);
    window.setInterval(update, 10000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var banner = document.querySelector("[data-breaking]");
    if (banner) followBreaking(banner);
    var story = document.querySelector("[data-beacon]");
    if (story) countView(story);
    var copy = document.querySelector("[data-copy-url]");
    if (copy) enableCopyLink(copy);
  });
})();
