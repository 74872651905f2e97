// Progressive enhancement only: the page works without it.
// "/" focuses the search box, as on many search sites, unless one is
// typing in a field (a symbol such as A/HRC/RES/51/34 has slashes).
document.addEventListener("keydown", function (e) {
  var q = document.getElementById("q");
  var a = document.activeElement;
  var typing = a && (a.tagName === "INPUT" || a.tagName === "TEXTAREA" || a.isContentEditable);
  if (e.key === "/" && q && !typing && !e.ctrlKey && !e.metaKey) {
    e.preventDefault();
    q.focus();
    q.select();
  }
});
