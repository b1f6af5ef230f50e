/* A project page's charts with the vendored Apache ECharts: capital by year and by source
 * (bars, in tỷ đồng) and the map of the project's districts (drawn from the boundaries in
 * the page, no tile server).
 *
 * Each chart is an element with data-project-chart="bars" or "map" and data-chart-data
 * naming a <script type="application/json"> block written by Django's json_script
 * (investment.charts). A value of null is a figure not published: a gap, never 0. Numbers
 * follow the page's language: 1.234,5 in Vietnamese, 1,234.5 in English.
 */
(function () {
  "use strict";

  var english = (document.documentElement.lang || "vi").slice(0, 2) === "en";
  var numbers = new Intl.NumberFormat(english ? "en-US" : "vi-VN", { maximumFractionDigits: 1 });
  var COLOURS = { planned: "#8c959f", allocated: "#0969da", disbursed: "#1a7f37", amount: "#0550ae" };

  function formatNumber(value) {
    if (value === null || value === undefined || isNaN(value)) {
      return "—";
    }
    return numbers.format(Number(value));
  }

  function escapeHtml(text) {
    var span = document.createElement("span");
    span.textContent = text === null || text === undefined ? "" : String(text);
    return span.innerHTML;
  }

  function bars(element, data) {
    var chart = echarts.init(element, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      legend: { top: 0, left: 0 },
      grid: { left: 8, right: 16, top: 64, bottom: 8, containLabel: true },
      tooltip: {
        trigger: "axis",
        axisPointer: { type: "shadow" },
        formatter: function (points) {
          if (!points || !points.length) { return ""; }
          var lines = ["<b>" + escapeHtml(points[0].name) + "</b>"];
          points.forEach(function (point) {
            lines.push(point.marker + escapeHtml(point.seriesName) + ": <b>" +
              formatNumber(point.value) + "</b> " + escapeHtml(data.unit));
          });
          return lines.join("<br>");
        }
      },
      xAxis: { type: "category", data: data.categories, axisLabel: { interval: 0, overflow: "break", width: 90 } },
      yAxis: { type: "value", name: data.unit, axisLabel: { formatter: formatNumber } },
      series: data.series.map(function (series) {
        return {
          name: series.name,
          type: "bar",
          data: series.values,
          barMaxWidth: 36,
          itemStyle: { color: COLOURS[series.key] || "#0550ae" }
        };
      })
    });
    return chart;
  }

  function map(element, data) {
    var name = "project-" + element.getAttribute("data-chart-data");
    echarts.registerMap(name, data.geojson);
    var labels = {};
    data.geojson.features.forEach(function (feature) {
      labels[feature.properties.name] = feature.properties.label;
    });
    var located = {};
    data.located.forEach(function (code) { located[code] = true; });
    var chart = echarts.init(element, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      tooltip: {
        trigger: "item",
        formatter: function (point) {
          return escapeHtml(labels[point.name] || point.name) + ": " +
            escapeHtml(located[point.name] ? data.labels.located : data.labels.other);
        }
      },
      series: [{
        type: "map",
        map: name,
        roam: false,
        selectedMode: false,
        label: {
          show: true,
          fontSize: 10,
          formatter: function (point) {
            return located[point.name] ? (labels[point.name] || point.name) : "";
          }
        },
        itemStyle: { areaColor: "#eaeef2", borderColor: "#57606a", borderWidth: 0.8 },
        emphasis: { label: { show: true }, itemStyle: { areaColor: "#ddf4ff" } },
        data: data.geojson.features.map(function (feature) {
          var code = feature.properties.name;
          return {
            name: code,
            value: located[code] ? 1 : 0,
            itemStyle: located[code] ? { areaColor: "#0969da" } : undefined,
            label: located[code] ? { color: "#ffffff", fontWeight: "bold" } : undefined
          };
        })
      }]
    });
    return chart;
  }

  var KINDS = { bars: bars, map: map };

  function start() {
    if (typeof echarts === "undefined") {
      return; // the tables carry everything
    }
    var charts = [];
    Array.prototype.forEach.call(document.querySelectorAll("[data-project-chart]"), function (element) {
      var source = document.getElementById(element.getAttribute("data-chart-data"));
      var kind = KINDS[element.getAttribute("data-project-chart")];
      if (!source || !kind) {
        return;
      }
      charts.push(kind(element, JSON.parse(source.textContent)));
      element.setAttribute("data-chart-drawn", "true");
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
