// The manager dashboard's charts (ECharts), drawn from the JSON embedded in the page. Every chart's
// figures and links are also in its data table, so the page works without this script.
(function () {
  function draw() {
    var source = document.getElementById('dashboard-charts');
    if (!source || !window.echarts) {
      return;
    }
    var charts = JSON.parse(source.textContent);
    document.querySelectorAll('[data-chart]').forEach(function (el) {
      var spec = charts[el.dataset.chart];
      if (!spec) {
        return;
      }
      var chart = window.echarts.init(el, null, { renderer: 'canvas' });
      chart.setOption({
        animation: false,
        // Rich-text tooltips are drawn on the canvas: HTML ones would need inline styles the CSP refuses.
        tooltip: { trigger: 'axis', renderMode: 'richText' },
        legend: { top: 0, type: 'scroll' },
        grid: { left: 30, right: 40, top: 50, bottom: 10, containLabel: true },
        xAxis: {
          type: 'category',
          data: spec.categories,
          triggerEvent: true,
          // Long day/week axes show every few labels (ECharts' automatic interval); short ones all of them.
          axisLabel: { hideOverlap: spec.categories.length > 12 }
        },
        yAxis: spec.axes.map(function (name) {
          return { type: 'value', name: name };
        }),
        series: spec.series.map(function (s) {
          return { name: s.name, type: s.kind, yAxisIndex: s.axis, data: s.data, connectNulls: true };
        })
      });
      // A click on a bar, a point or an axis label opens the records behind that category.
      chart.on('click', function (params) {
        var index = params.componentType === 'xAxis' ? spec.categories.indexOf(params.value) : params.dataIndex;
        var href = spec.links[index];
        if (href) {
          window.location.href = href;
        }
      });
      window.addEventListener('resize', function () {
        chart.resize();
      });
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  }
  else {
    draw();
  }
})();
