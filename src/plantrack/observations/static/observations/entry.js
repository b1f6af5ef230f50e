/* The data-entry pages (the grid, observations/grid/grid.html; one figure,
   entry/enter.html), loaded right after htmx.

   Before htmx starts (on DOMContentLoaded), turn off what a Content-Security-Policy with
   script-src 'self' and style-src 'self' forbids: the inline <style> of request
   indicators, eval, and scripts inside swapped HTML. (A refused save comes back as the cell
   with its message and status 200, so it is swapped in place.) Enter in a cell saves it and moves down the
   column, as in a spreadsheet. Without JavaScript the page is a plain form. */
(function () {
  "use strict";
  if (!window.htmx) {
    return;
  }
  htmx.config.includeIndicatorStyles = false;
  htmx.config.allowEval = false;
  htmx.config.allowScriptTags = false;

  function cellInputs(form) {
    return Array.prototype.slice.call(form.querySelectorAll("input.cell-value"));
  }

  document.addEventListener("keydown", function (event) {
    const input = event.target;
    if (event.key !== "Enter" || !input.classList || !input.classList.contains("cell-value")) {
      return;
    }
    event.preventDefault();
    const inputs = cellInputs(input.form);
    const column = input.closest("td").cellIndex;
    const below = inputs.filter(function (other) {
      return other.closest("td").cellIndex === column && inputs.indexOf(other) > inputs.indexOf(input);
    });
    if (below.length) {
      below[0].focus(); // leaving the cell fires "change": htmx saves it
    } else {
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }
  });
})();
