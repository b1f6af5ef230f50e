/* PlanTrack's charts, drawn with the vendored Apache ECharts (web/vendor/echarts/).
 *
 * Each chart is an element with data-chart="<kind>" and data-chart-data="<id>", the id of a
 * <script type="application/json"> block written by Django's json_script: the chart draws
 * the same numbers as the table beside it. Numbers on axes and in tooltips follow the
 * page's language: 9,72 and 6.700,3 in Vietnamese, 9.72 and 6,700.3 in English.
 *
 * Chart / Table tabs (.tabs): without JavaScript only the table shows; with it the chart
 * shows and the table stays in the page, visually hidden, for screen readers.
 */
(function () {
  "use strict";

  var english = (document.documentElement.lang || "vi").slice(0, 2) === "en";
  var numbers = new Intl.NumberFormat(english ? "en-US" : "vi-VN", { maximumFractionDigits: 2 });

  function formatNumber(value) {
    if (value === null || value === undefined || value === "" || isNaN(value)) {
      return "—";
    }
    return numbers.format(Number(value));
  }

  // The statuses' colours, as the CSS of the labels (plantrack.css): words carry the meaning.
  var STATUS_COLOURS = {
    achieved: "#1b6e2a",
    on_track: "#2da44e",
    needs_acceleration: "#bf8700",
    off_track: "#cf222e",
    regressing: "#82071e",
    insufficient_data: "#8c959f",
    not_assessable: "#d0d7de",
    not_judged: "#afb8c1"
  };

  // A figure's point: its shape says how final it is, as its label does in the table.
  var FIGURE_SYMBOLS = {
    official: "circle",
    preliminary: "triangle",
    estimate: "emptyCircle",
    derived: "diamond"
  };
  var FIGURE_COLOURS = {
    official: "#1a7f37",
    preliminary: "#8250df",
    estimate: "#9a6700",
    derived: "#0969da"
  };
  var TARGET_COLOURS = ["#cf222e", "#0550ae", "#6639ba", "#953800", "#1b7c83"];

  function readData(element) {
    var source = document.getElementById(element.getAttribute("data-chart-data"));
    return source ? JSON.parse(source.textContent) : null;
  }

  function escapeHtml(text) {
    var span = document.createElement("span");
    span.textContent = text === null || text === undefined ? "" : String(text);
    return span.innerHTML;
  }

  function statusBar(element, data) {
    var chart = echarts.init(element, null, { renderer: "canvas" });
    var bars = data.values.map(function (value, index) {
      return {
        value: value,
        itemStyle: { color: STATUS_COLOURS[data.statuses[index]] || "#8c959f" }
      };
    });
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 32, top: 8, bottom: 24, containLabel: true },
      tooltip: {
        trigger: "item",
        formatter: function (point) {
          return escapeHtml(point.name) + ": <b>" + formatNumber(point.value) + "</b>";
        }
      },
      xAxis: {
        type: "value",
        minInterval: 1,
        axisLabel: { formatter: formatNumber }
      },
      yAxis: {
        type: "category",
        inverse: true,
        data: data.labels,
        axisLabel: { width: 150, overflow: "break" }
      },
      series: [
        {
          type: "bar",
          data: bars,
          barMaxWidth: 28,
          label: { show: true, position: "right", formatter: function (p) { return formatNumber(p.value); } }
        }
      ]
    });
    chart.on("click", function (point) {
      var link = data.links[point.dataIndex];
      if (link && data.values[point.dataIndex]) {
        window.location.href = link;
      }
    });
    return chart;
  }

  function indicatorSeries(element, data) {
    var chart = echarts.init(element, null, { renderer: "canvas" });
    var years = data.years;
    var position = {};
    years.forEach(function (year, index) { position[year] = index; });
    var line = years.map(function () { return null; });
    data.figures.forEach(function (figure) { line[position[figure.year]] = figure.value; });
    var series = [
      {
        name: data.labels.figures,
        type: "line",
        data: line,
        connectNulls: false, // a year without a figure stays a gap
        showSymbol: false,
        lineStyle: { color: "#57606a", width: 2 },
        itemStyle: { color: "#57606a" },
        z: 1
      }
    ];
    data.statuses.forEach(function (status) {
      series.push({
        name: status.label,
        type: "scatter",
        symbol: FIGURE_SYMBOLS[status.key] || "circle",
        symbolSize: 11,
        itemStyle: { color: FIGURE_COLOURS[status.key] || "#57606a", borderWidth: 2 },
        data: data.figures
          .filter(function (figure) { return figure.status === status.key; })
          .map(function (figure) { return [position[figure.year], figure.value]; }),
        z: 3
      });
    });
    data.targets.forEach(function (target, index) {
      var values = years.map(function () { return null; });
      target.points.forEach(function (point) { values[position[point[0]]] = point[1]; });
      var single = target.points.length === 1; // a level to reach in one year: a mark
      if (target.kind === "required" || target.kind === "projection") {
        series.push({
          name: target.label,
          type: "line",
          data: values,
          connectNulls: true,
          symbol: "none",
          lineStyle: {
            type: target.kind === "required" ? "dotted" : [8, 4, 2, 4],
            width: 2,
            color: target.kind === "required" ? "#6e7781" : "#bc4c00"
          },
          itemStyle: { color: target.kind === "required" ? "#6e7781" : "#bc4c00" },
          z: 2
        });
        return;
      }
      series.push({
        name: target.label,
        type: "line",
        data: values,
        connectNulls: false,
        symbol: single ? "rect" : "none",
        symbolSize: single ? 12 : 5,
        showAllSymbol: true,
        lineStyle: { type: "dashed", width: 2, color: TARGET_COLOURS[index % TARGET_COLOURS.length] },
        itemStyle: { color: TARGET_COLOURS[index % TARGET_COLOURS.length] },
        z: 2
      });
    });
    // The legend wraps onto as many lines as it needs; the plot leaves room for them.
    var width = Math.max(element.clientWidth, 200);
    var legendRows = 1;
    var used = 0;
    series.forEach(function (item) {
      var itemWidth = Math.min(String(item.name).length * 6.5, width - 60) + 40;
      if (used + itemWidth > width - 16 && used > 0) {
        legendRows += 1;
        used = 0;
      }
      used += itemWidth;
    });
    chart.setOption({
      animation: false,
      legend: {
        type: "plain",
        bottom: 0,
        left: 0,
        textStyle: { width: width - 60, overflow: "truncate" }
      },
      grid: { left: 8, right: 16, top: 28, bottom: 16 + legendRows * 24, containLabel: true },
      tooltip: {
        trigger: "axis",
        formatter: function (points) {
          if (!points.length) { return ""; }
          var lines = ["<b>" + escapeHtml(years[points[0].dataIndex]) + "</b>"];
          var seen = {};
          points.forEach(function (point) {
            var value = Array.isArray(point.value) ? point.value[1] : point.value;
            if (value === null || value === undefined || seen[point.seriesName]) { return; }
            seen[point.seriesName] = true;
            lines.push(point.marker + escapeHtml(point.seriesName) + ": <b>" +
              formatNumber(value) + "</b> " + escapeHtml(data.unit));
          });
          return lines.join("<br>");
        }
      },
      xAxis: { type: "category", data: years, boundaryGap: false },
      yAxis: {
        type: "value",
        scale: true,
        name: data.unit,
        nameTextStyle: { align: "left" },
        axisLabel: { formatter: formatNumber }
      },
      series: series
    });
    return chart;
  }

  // A target's status over as-of dates: a step line on the statuses' scale, worst lowest.
  var dates = new Intl.DateTimeFormat(english ? "en-GB" : "vi-VN", {
    day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC"
  });

  function formatDate(value) {
    return dates.format(new Date(value));
  }

  function statusHistory(element, data) {
    var chart = echarts.init(element, null, { renderer: "canvas" });
    var row = {};
    data.statuses.forEach(function (status, index) { row[status] = index; });
    var points = data.points.map(function (point) {
      return {
        value: [point.date, row[point.status]],
        label: point.label,
        itemStyle: { color: STATUS_COLOURS[point.status] || "#8c959f" }
      };
    });
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 24, top: 16, bottom: 24, containLabel: true },
      tooltip: {
        trigger: "item",
        formatter: function (point) {
          return "<b>" + escapeHtml(formatDate(point.value[0])) + "</b><br>" +
            escapeHtml(data.labels.status) + ": " + escapeHtml(point.data.label);
        }
      },
      xAxis: {
        type: "time",
        axisLabel: { formatter: function (value) { return formatDate(value); }, hideOverlap: true }
      },
      yAxis: {
        type: "category",
        data: data.scale,
        axisLabel: { width: 130, overflow: "break" }
      },
      series: [
        {
          type: "line",
          step: "start",
          data: points,
          symbol: "circle",
          symbolSize: 12,
          lineStyle: { color: "#57606a", width: 2 }
        }
      ]
    });
    return chart;
  }

  // Figures by district or commune on their stored boundaries: no tile server, no network.
  function choropleth(element, data) {
    echarts.registerMap(data.map, data.geojson);
    var chart = echarts.init(element, null, { renderer: "canvas" });
    var known = data.values.filter(function (item) { return item.value !== null; });
    var values = known.map(function (item) { return item.value; });
    chart.setOption({
      animation: false,
      tooltip: {
        trigger: "item",
        formatter: function (point) {
          var value = point.value === undefined || isNaN(point.value) ?
            escapeHtml(data.labels.no_data) :
            "<b>" + formatNumber(point.value) + "</b> " + escapeHtml(data.unit);
          return escapeHtml(point.name) + " (" + escapeHtml(data.labels.year) + "): " + value;
        }
      },
      visualMap: {
        type: "continuous",
        min: values.length ? Math.min.apply(null, values) : 0,
        max: values.length ? Math.max.apply(null, values) : 1,
        left: 0,
        bottom: 0,
        calculable: false,
        text: [formatNumber(values.length ? Math.max.apply(null, values) : 1),
               formatNumber(values.length ? Math.min.apply(null, values) : 0)],
        formatter: formatNumber,
        inRange: { color: ["#dbeafe", "#1d4ed8"] }
      },
      series: [
        {
          type: "map",
          map: data.map,
          roam: false,
          aspectScale: 0.95,
          label: { show: element.clientWidth > 500, fontSize: 10 },
          itemStyle: { borderColor: "#ffffff", borderWidth: 1, areaColor: "#e5e7eb" },
          emphasis: { label: { show: true }, itemStyle: { areaColor: "#f59e0b" } },
          data: known
        }
      ]
    });
    return chart;
  }

  var KINDS = {
    choropleth: choropleth,
    "status-bar": statusBar,
    "indicator-series": indicatorSeries,
    "status-history": statusHistory
  };
  var charts = [];

  function draw(element) {
    if (element.getAttribute("data-chart-drawn") === "true" || typeof echarts === "undefined") {
      return;
    }
    var kind = KINDS[element.getAttribute("data-chart")];
    var data = readData(element);
    if (!kind || !data) {
      return;
    }
    charts.push(kind(element, data));
    element.setAttribute("data-chart-drawn", "true");
  }

  // Tabs as the WAI-ARIA Authoring Practices describe them: arrows, Home and End move
  // between tabs; only the selected tab is in the Tab order.
  function setUpTabs(container) {
    var tablist = container.querySelector("[role=tablist]");
    var tabs = Array.prototype.slice.call(container.querySelectorAll("[role=tab]"));
    if (!tablist || !tabs.length) {
      return;
    }
    function select(chosen, focus) {
      tabs.forEach(function (tab) {
        var selected = tab === chosen;
        var panel = document.getElementById(tab.getAttribute("aria-controls"));
        tab.setAttribute("aria-selected", selected ? "true" : "false");
        tab.tabIndex = selected ? 0 : -1;
        if (panel.hasAttribute("data-table-panel")) {
          // The table stays readable by screen readers while the chart shows.
          panel.hidden = false;
          panel.classList.toggle("visually-hidden", !selected);
        } else {
          panel.hidden = !selected;
        }
        if (selected) {
          Array.prototype.forEach.call(panel.querySelectorAll("[data-chart]"), function (el) {
            draw(el);
            var instance = echarts.getInstanceByDom(el);
            if (instance) { instance.resize(); }
          });
        }
      });
      if (focus) {
        chosen.focus();
      }
    }
    tabs.forEach(function (tab, index) {
      tab.addEventListener("click", function () { select(tab, false); });
      tab.addEventListener("keydown", function (event) {
        var next = null;
        if (event.key === "ArrowRight") { next = tabs[(index + 1) % tabs.length]; }
        if (event.key === "ArrowLeft") { next = tabs[(index - 1 + tabs.length) % tabs.length]; }
        if (event.key === "Home") { next = tabs[0]; }
        if (event.key === "End") { next = tabs[tabs.length - 1]; }
        if (next) {
          event.preventDefault();
          select(next, true);
        }
      });
    });
    tablist.hidden = false;
    var first = tabs.filter(function (tab) { return tab.getAttribute("aria-selected") === "true"; })[0];
    select(first || tabs[0], false);
  }

  function start() {
    if (typeof echarts === "undefined") {
      return; // the tables carry everything; nothing to draw with
    }
    Array.prototype.forEach.call(document.querySelectorAll(".tabs"), setUpTabs);
    Array.prototype.forEach.call(document.querySelectorAll("[data-chart]"), function (element) {
      if (!element.closest("[hidden]")) {
        draw(element);
      }
    });
    window.addEventListener("resize", function () {
      charts.forEach(function (chart) { chart.resize(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
