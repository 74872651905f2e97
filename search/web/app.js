// Progressive enhancement only: the page works without it.
// "/" focuses the search box, as on many search sites.
document.addEventListener("keydown", function (e) {
  var q = document.getElementById("q");
  if (e.key === "/" && q && document.activeElement !== q && !e.ctrlKey && !e.metaKey) {
    e.preventDefault();
    q.focus();
    q.select();
  }
});
