// The map: Natural Earth country outlines (world-atlas, TopoJSON) drawn by ECharts, with the places of
// the matching events and of the matching articles' place mentions as points. Drag pans, the wheel
// zooms; clicking a point lists its events (from the JSON API, written as text, never as HTML).
"use strict";
(function () {
  const el = document.getElementById("map");
  if (!el) return;

  function fail(text) {
    const p = document.createElement("p");
    p.className = "dim";
    p.textContent = text;
    el.replaceChildren(p);
    el.dataset.state = "failed";
  }

  async function fetchJson(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error || response.statusText);
    return body;
  }

  function points(rows, count) {
    const most = Math.max(1, ...rows.map((r) => r[count]));
    return rows.map((r) => ({
      name: r.name, id: r.id, value: [r.lon, r.lat, r[count]],
      symbolSize: 5 + 20 * Math.sqrt(r[count] / most),
    }));
  }

  function item(text, href) {
    const li = document.createElement("li");
    if (href) {
      const a = document.createElement("a");
      a.href = href;
      a.textContent = text;
      li.appendChild(a);
    } else {
      li.textContent = text;
    }
    return li;
  }

  async function showPlace(id, name) {
    const title = document.getElementById("point-title");
    const list = document.getElementById("point-events");
    title.textContent = name + ": loading…";
    const separator = el.dataset.events.includes("?") && !el.dataset.events.endsWith("?") ? "&" : "";
    const url = el.dataset.events + separator + "place=" + encodeURIComponent(id) + "&limit=50";
    try {
      const body = await fetchJson(url);
      title.textContent = name + ": " + body.events.length + (body.events.length === 50 ? "+" : "") + " events";
      list.replaceChildren(...body.events.map((e) => {
        const who = (body.actors[e.source_actor_id] || e.source_code || "?") + " -> " + (body.actors[e.target_actor_id] || e.target_code || "?");
        return item(e.date + "  " + e.cameo_code + "  " + who + ": " + e.evidence, "/articles/" + encodeURIComponent(e.article_id));
      }));
      if (!body.events.length) list.replaceChildren(item("No events of the current filter here (only mentions).", ""));
    } catch (err) {
      title.textContent = name + ": " + err.message;
    }
    el.dataset.selected = id;
  }

  async function draw() {
    if (typeof echarts === "undefined" || typeof topojson === "undefined") {
      fail("The map libraries are not installed (run make install).");
      return;
    }
    const [world, data] = await Promise.all([fetchJson(el.dataset.world), fetchJson(el.dataset.src)]);
    echarts.registerMap("world", topojson.feature(world, world.objects.countries));
    const chart = echarts.init(el);
    chart.setOption({
      animation: false,
      tooltip: { renderMode: "richText", formatter: (p) => p.name + ": " + p.value[2] + (p.seriesIndex === 0 ? " events" : " mentions") },
      legend: { top: 8, left: 8 },
      geo: {
        map: "world", roam: true, scaleLimit: { min: 1, max: 40 },
        itemStyle: { areaColor: "#f7f7f2", borderColor: "#9aa7b3" },
        emphasis: { disabled: true },
      },
      series: [
        { name: "event places", type: "scatter", coordinateSystem: "geo", itemStyle: { color: "#c8412f", opacity: 0.8 }, data: points(data.event_places, "events") },
        { name: "place mentions", type: "scatter", coordinateSystem: "geo", itemStyle: { color: "#1f5f99", opacity: 0.6 }, data: points(data.mention_places, "mentions") },
      ],
    });
    chart.on("click", (p) => { if (p.data && p.data.id) showPlace(p.data.id, p.data.name); });
    // The view's centre and zoom, kept on the element: panning is visible to tests and to people.
    const remember = () => {
      const geo = chart.getOption().geo[0];
      el.dataset.center = JSON.stringify(geo.center || null);
      el.dataset.zoom = String(geo.zoom);
    };
    chart.on("georoam", remember);
    remember();
    window.addEventListener("resize", () => chart.resize());
    el.dataset.points = String(data.event_places.length + data.mention_places.length);
    el.dataset.state = "drawn";
  }

  draw().catch((err) => fail("Could not draw the map: " + err.message));
})();
