// The report run page's progress indicator: poll the run's JSON status until it is
// finished, then reload the page to show its files (reports/views.py, run_status).
(function () {
  "use strict";
  var box = document.getElementById("report-progress");
  if (!box || box.dataset.finished === "1") {
    return;
  }
  var url = box.dataset.statusUrl;
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        document.getElementById("report-state").textContent = status.state_label;
        document.getElementById("report-step").textContent = status.step;
        document.getElementById("report-bar").value = status.percent;
        if (status.finished) {
          window.location.assign(status.url);
        } else {
          window.setTimeout(poll, 1000);
        }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 500);
})();
