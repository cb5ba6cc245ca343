// The console's few lines of script; every page works without them.
(function () {
  // Campaigns: the preview bubbles follow the text as it is typed.
  ["en", "ur"].forEach(function (lang) {
    var text = document.getElementById("text_" + lang);
    var bubble = document.getElementById("preview_" + lang);
    if (!text || !bubble) { return; }
    var button = bubble.querySelector(".inline-button");
    text.addEventListener("input", function () {
      bubble.textContent = text.value;
      if (button) { bubble.appendChild(button); }
    });
  });
  // A campaign on its way: the page reloads itself until every message is sent.
  var progress = document.querySelector("[data-refresh]");
  if (progress) {
    setTimeout(function () { window.location.reload(); }, 1000 * Number(progress.getAttribute("data-refresh")));
  }
})();
