// After a failed form the page opens with a summary of what to correct (includes/
// error_summary.html). Moving focus there lets keyboard and screen-reader users start at the
// errors instead of at the top of the page (WCAG 3.3.1). Without JavaScript the summary is
// still announced through role="alert".
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});
