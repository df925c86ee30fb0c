// Charts drawn with ECharts (served from /vendor): timelines by quad class, the counterpart graph and
// the network. Data comes from the page's data-chart attribute or from the JSON API (data-src).
// Every label is canvas text and tooltips use ECharts' rich-text mode, so no data becomes HTML.
"use strict";
(function () {
  const QUADS = [
    ["verbal_cooperation", "verbal cooperation", "#8cc084"],
    ["material_cooperation", "material cooperation", "#2e8b57"],
    ["verbal_conflict", "verbal conflict", "#f0a04b"],
    ["material_conflict", "material conflict", "#c8412f"],
  ];

  function ready(el, state) {
    el.dataset.state = state; // "drawn", "empty" or "failed": what tests and people can check
  }

  function note(el, text) {
    const p = document.createElement("p");
    p.className = "dim";
    p.textContent = text;
    el.replaceChildren(p);
  }

  // Mean Goldstein -10 .. +10 -> red .. grey .. green.
  function goldsteinColour(g) {
    if (g === null || g === undefined) return "#999999";
    const t = Math.max(-1, Math.min(1, g / 10));
    const mix = (a, b, f) => Math.round(a + (b - a) * f);
    const [r, gr, b] = t < 0
      ? [mix(153, 200, -t), mix(153, 65, -t), mix(153, 47, -t)]
      : [mix(153, 46, t), mix(153, 139, t), mix(153, 87, t)];
    return "rgb(" + r + "," + gr + "," + b + ")";
  }

  function drawTimeline(el, rows) {
    if (!rows.length) { note(el, "No dated events match."); ready(el, "empty"); return; }
    const period = Object.keys(rows[0])[0];
    const chart = echarts.init(el);
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis", renderMode: "richText" },
      legend: { top: 0 },
      grid: { left: 50, right: 20, top: 35, bottom: 30 },
      xAxis: { type: "category", data: rows.map((r) => r[period]) },
      yAxis: { type: "value", minInterval: 1 },
      series: QUADS.map(([key, label, colour]) => ({
        name: label, type: "bar", stack: "events", barMaxWidth: 48, itemStyle: { color: colour },
        data: rows.map((r) => r[key]),
      })),
    });
    window.addEventListener("resize", () => chart.resize());
    ready(el, "drawn");
  }

  // nodes: [{id, name, events}], links: [{source, target, events, mean_goldstein}]
  function drawGraph(el, nodes, links, centre) {
    if (!links.length) { note(el, "No pairs of actors match."); ready(el, "empty"); return; }
    const biggest = Math.max(...nodes.map((n) => n.events), 1);
    const chart = echarts.init(el);
    chart.setOption({
      animation: false,
      tooltip: { renderMode: "richText" },
      series: [{
        type: "graph", layout: "force", roam: true, draggable: true,
        force: { repulsion: 220, edgeLength: [60, 180], gravity: 0.08 },
        edgeSymbol: ["none", "arrow"], edgeSymbolSize: 7,
        label: { show: true, position: "right", fontSize: 11 },
        data: nodes.map((n) => ({
          id: n.id, name: n.name, value: n.events,
          symbolSize: 8 + 34 * Math.sqrt(n.events / biggest),
          itemStyle: { color: n.id === centre ? "#1f5f99" : "#5c6f82" },
        })),
        links: links.map((l) => ({
          source: l.source, target: l.target, value: l.events,
          lineStyle: { color: goldsteinColour(l.mean_goldstein), width: 1 + Math.min(6, Math.log2(1 + l.events)), opacity: 0.85, curveness: 0.15 },
          tooltip: { formatter: l.label + ": " + l.events + " events, mean Goldstein " + (l.mean_goldstein ?? "n/a") },
        })),
      }],
    });
    chart.on("click", (params) => {
      if (params.dataType === "node" && !params.data.id.startsWith("code:")) {
        window.location.href = "/actors/" + encodeURIComponent(params.data.id);
      }
    });
    window.addEventListener("resize", () => chart.resize());
    ready(el, "drawn");
  }

  function networkData(pairs) {
    const nodes = new Map();
    const add = (id, name, n) => {
      const key = id || "code:" + name;
      const node = nodes.get(key) || { id: key, name: name || id, events: 0 };
      node.events += n;
      nodes.set(key, node);
      return key;
    };
    const links = pairs.map((p) => ({
      source: add(p.source, p.source_name, p.events),
      target: add(p.target, p.target_name, p.events),
      events: p.events, mean_goldstein: p.mean_goldstein,
      label: p.source_name + " -> " + p.target_name,
    })).filter((l) => l.source !== l.target);
    return [Array.from(nodes.values()), links];
  }

  function counterpartData(name, counterparts, centreId) {
    const centre = { id: centreId, name: name, events: 0 };
    const nodes = [centre];
    const links = [];
    counterparts.forEach((c) => {
      const id = c.actor_id || "code:" + c.code;
      if (id === centreId) return;
      centre.events += c.events;
      nodes.push({ id: id, name: c.name || c.code, events: c.events });
      if (c.outgoing) links.push({ source: centreId, target: id, events: c.outgoing, mean_goldstein: c.mean_goldstein, label: name + " -> " + (c.name || c.code) });
      if (c.incoming) links.push({ source: id, target: centreId, events: c.incoming, mean_goldstein: c.mean_goldstein, label: (c.name || c.code) + " -> " + name });
    });
    return [nodes, links];
  }

  async function fetchJson(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error || response.statusText);
    return body;
  }

  function guard(el, work) {
    if (typeof echarts === "undefined") {
      note(el, "The chart library is not installed (run make install).");
      ready(el, "failed");
      return;
    }
    work().catch((err) => { note(el, "Could not draw this: " + err.message); ready(el, "failed"); });
  }

  const timeline = document.getElementById("timeline");
  const holder = document.getElementById("actor-charts");
  if (holder) {
    const data = JSON.parse(holder.dataset.chart);
    const centreId = decodeURIComponent(window.location.pathname.split("/").pop());
    guard(timeline, async () => drawTimeline(timeline, data.timeline));
    const graph = document.getElementById("counterparts");
    guard(graph, async () => {
      const [nodes, links] = counterpartData(data.name, data.counterparts, centreId);
      drawGraph(graph, nodes, links, centreId);
    });
  } else if (timeline) {
    guard(timeline, async () => drawTimeline(timeline, (await fetchJson(timeline.dataset.src)).timeline));
  }
  const network = document.getElementById("network");
  if (network) {
    guard(network, async () => {
      const [nodes, links] = networkData((await fetchJson(network.dataset.src)).pairs);
      drawGraph(network, nodes, links, null);
    });
  }
})();
