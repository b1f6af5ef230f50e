/* The tasks' timeline (a Gantt-like chart) with the vendored Apache ECharts.
 *
 * Reads the <script type="application/json"> block named by data-chart-data on the element
 * with data-task-timeline (written by Django's json_script from workplan.board.timeline):
 * one row per task, a bar from its start to its deadline, or a point at the deadline when
 * its start is unknown; a vertical line on the as-of day. Colours follow the deadline state
 * and the state is also written in the tooltip, the legend and the table under the chart.
 * Dates read dd/mm/yyyy in both languages.
 */
(function () {
  "use strict";

  var COLOURS = {
    overdue: "#cf222e",
    due_soon: "#bf8700",
    on_schedule: "#0969da",
    done: "#1a7f37",
    no_deadline: "#8c959f"
  };
  var DAY = 24 * 3600 * 1000;

  function time(text) {
    var parts = text.split("-");
    return Date.UTC(Number(parts[0]), Number(parts[1]) - 1, Number(parts[2]));
  }

  function day(value) {
    var date = new Date(value);
    var dd = String(date.getUTCDate()).padStart(2, "0");
    var mm = String(date.getUTCMonth() + 1).padStart(2, "0");
    return dd + "/" + mm + "/" + date.getUTCFullYear();
  }

  function escapeHtml(text) {
    var span = document.createElement("span");
    span.textContent = text === null || text === undefined ? "" : String(text);
    return span.innerHTML;
  }

  function draw(element) {
    var source = document.getElementById(element.getAttribute("data-chart-data"));
    if (!source || typeof echarts === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    var rows = data.tasks;
    var labels = data.labels;
    var today = time(data.today);
    // One row per task, 28 px each, so every code stays readable.
    element.style.height = Math.max(220, rows.length * 28 + 90) + "px";
    var chart = echarts.init(element, null, { renderer: "canvas" });
    var states = Object.keys(labels.states).filter(function (state) {
      return rows.some(function (row) { return row.state === state; });
    });
    var series = states.map(function (state) {
      return {
        name: labels.states[state],
        type: "custom",
        encode: { x: [1, 2], y: 0 },
        itemStyle: { color: COLOURS[state] },
        renderItem: function (params, api) {
          var index = api.value(0);
          var end = api.coord([api.value(2), index]);
          var height = api.size([0, 1])[1] * 0.55;
          var style = api.style({ fill: COLOURS[state], stroke: "#1f2328", lineWidth: 0.5 });
          if (api.value(3) === 0) { // no start: a diamond at the deadline
            var r = height / 2 + 1;
            return {
              type: "polygon",
              shape: { points: [[end[0], end[1] - r], [end[0] + r, end[1]], [end[0], end[1] + r], [end[0] - r, end[1]]] },
              style: style
            };
          }
          var start = api.coord([api.value(1), index]);
          return {
            type: "rect",
            shape: echarts.graphic.clipRectByRect(
              { x: start[0], y: start[1] - height / 2, width: Math.max(end[0] - start[0], 3), height: height },
              { x: params.coordSys.x, y: params.coordSys.y, width: params.coordSys.width, height: params.coordSys.height }
            ),
            style: style
          };
        },
        data: rows.map(function (row, index) {
          if (row.state !== state) { return null; }
          var end = time(row.end);
          var known = row.start !== null;
          return { value: [index, known ? time(row.start) : end, end, known ? 1 : 0], row: row };
        }).filter(function (item) { return item !== null; })
      };
    });
    if (series.length) {
      series[0].markLine = {
        silent: true,
        symbol: "none",
        lineStyle: { color: "#1f2328", type: "solid", width: 2 },
        label: { formatter: labels.today + " " + day(today), position: "start", distance: 4 },
        data: [{ xAxis: today }]
      };
    }
    var starts = rows.map(function (row) { return time(row.start || row.end); });
    var ends = rows.map(function (row) { return time(row.end); });
    chart.setOption({
      animation: false,
      legend: { top: 0, left: 0 },
      grid: { left: 8, right: 24, top: 56, bottom: 24, containLabel: true },
      tooltip: {
        trigger: "item",
        formatter: function (point) {
          var row = point.data.row;
          var when = row.start === null
            ? labels.deadline + ": " + day(time(row.end)) + " (" + labels.unknownStart + ")"
            : day(time(row.start)) + " → " + day(time(row.end));
          return "<b>" + escapeHtml(row.code) + "</b> · " + escapeHtml(row.stateLabel) + "<br>" +
            escapeHtml(row.title) + "<br>" + escapeHtml(labels.agency) + ": " +
            escapeHtml(row.agency) + "<br>" + escapeHtml(when);
        }
      },
      xAxis: {
        type: "time",
        min: Math.min.apply(null, starts.concat([today])) - 30 * DAY,
        max: Math.max.apply(null, ends.concat([today])) + 30 * DAY,
        axisLabel: {
          hideOverlap: true,
          formatter: function (value) {
            var date = new Date(value);
            return String(date.getUTCMonth() + 1).padStart(2, "0") + "/" + date.getUTCFullYear();
          }
        }
      },
      yAxis: {
        type: "category",
        inverse: true,
        data: rows.map(function (row) { return row.code; }),
        axisLabel: { interval: 0 }
      },
      series: series
    });
    chart.on("click", function (point) {
      if (point.data && point.data.row) {
        window.location.href = point.data.row.url;
      }
    });
    window.addEventListener("resize", function () { chart.resize(); });
    element.setAttribute("data-chart-drawn", "true");
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-task-timeline]"), draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
