// While the re-judging runs (seconds for a national plan): say so, and do not send twice.
// A file of its own, not inline: the Content-Security-Policy runs only our static scripts.
document.getElementById("rejudge-form").addEventListener("submit", function () {
  document.getElementById("rejudge-busy").hidden = false;
  document.getElementById("rejudge-button").disabled = true;
});
