/* The story's form: its words kept aside every few seconds and when the tab is hidden or
   closed, a warning before leaving with unsaved changes, and who else has it open.
   The server's side is newsroom/autosave_views.py; nothing here ever saves the story. */
(function () {
  "use strict";
  var SAVE_EVERY = 5000;   // ms between checks for changed words
  var PING_EVERY = 10000;  // ms between presence pings while nothing changes

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_, key) { return values[key] || ""; });
  }

  function setUp() {
    var box = document.getElementById("autosave");
    var form = document.getElementById("article_form");
    if (!box || !form) return;
    var url = box.getAttribute("data-save-url");
    var editable = box.getAttribute("data-editable") === "1";
    var fields = ["title", "lead", "body"].map(function (name) { return form.elements[name]; });
    editable = editable && fields.every(function (field) { return field; });
    var presence = document.getElementById("presence");
    var status = document.createElement("p");
    status.className = "autosave-status";
    status.setAttribute("role", "status");
    var submitRow = form.querySelector(".submit-row");
    if (editable && submitRow) submitRow.appendChild(status);

    function words() {
      if (!editable) return "";
      return fields.map(function (field) { return field.value; }).join("\u0000");
    }
    var opened = words();
    var sent = opened;
    var submitting = false;
    var lastPing = 0;

    function payload(leave, quiet) {
      var data = new FormData();
      data.append("csrfmiddlewaretoken", document.querySelector("input[name=csrfmiddlewaretoken]").value);
      if (words() !== sent) {
        fields.forEach(function (field) { data.append(field.name, field.value); });
        var version = form.elements.expected_version;
        data.append("base_version", version ? version.value : box.getAttribute("data-base-version"));
      }
      if (leave) data.append("leave", "1");
      if (quiet) data.append("quiet", "1");  // the words only: a leave may be under way
      return data;
    }

    function showPresent(people) {
      if (!presence) return;
      presence.textContent = "";
      people.forEach(function (person) {
        var line = document.createElement("p");
        line.textContent = format(box.getAttribute("data-label-present"), person);
        presence.appendChild(line);
      });
      presence.hidden = people.length === 0;
    }

    function send() {
      var current = words();
      var data = payload(false);
      lastPing = Date.now();
      return fetch(url, { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) {
          return response.json().then(function (answer) {
            if (!response.ok) throw new Error(answer.error || response.statusText);
            if (answer.saved) {
              sent = current;
              status.textContent = format(box.getAttribute("data-label-saved"), { time: answer.saved });
            }
            showPresent(answer.present || []);
          });
        })
        .catch(function (error) {
          if (current !== sent) {
            status.textContent = error instanceof TypeError
              ? box.getAttribute("data-label-offline")
              : format(box.getAttribute("data-label-not-saved"), { reason: error.message });
          }
        });
    }

    setInterval(function () {
      if (submitting) return;
      if (words() !== sent || Date.now() - lastPing >= PING_EVERY) send();
    }, SAVE_EVERY);

    // Hidden (another tab, the phone locked): the words, if they changed. Closed: the
    // words and the leave together, so they cannot arrive out of order.
    function sendBeacon(leave) {
      if (submitting || !navigator.sendBeacon) return;
      if (!leave && words() === sent) return;
      if (navigator.sendBeacon(url, payload(leave, !leave))) sent = words();
    }
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") sendBeacon(false);
    });
    window.addEventListener("pagehide", function () { sendBeacon(true); });

    // Any button of the form (Save, and the workflow buttons that save first) submits it.
    form.addEventListener("submit", function () { submitting = true; });
    window.addEventListener("beforeunload", function (event) {
      if (submitting || words() === opened) return;
      event.preventDefault();
      event.returnValue = "";  // the browser shows its own "leave the page?" question
    });
    // A refused submit (the browser's own validation) leaves the page open: keep saving.
    form.addEventListener("invalid", function () { submitting = false; }, true);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
