/* The live TV player: native HLS where the browser has it (Safari, iOS, Android),
   otherwise hls.js from this site's own static files. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var video = document.getElementById("live-player");
    if (!video) return;
    var src = video.getAttribute("data-src");
    var status = document.querySelector(".player-status");

    function unsupported() {
      status.textContent = status.getAttribute("data-unsupported");
    }

    if (video.canPlayType("application/vnd.apple.mpegurl")) {
      video.src = src;
      return;
    }
    var script = document.createElement("script");
    script.src = video.getAttribute("data-hls-script");
    script.onload = function () {
      if (!window.Hls || !window.Hls.isSupported()) return unsupported();
      var hls = new window.Hls({ lowLatencyMode: false });
      hls.loadSource(src);
      hls.attachMedia(video);
    };
    script.onerror = unsupported;
    document.head.appendChild(script);
  });
})();
