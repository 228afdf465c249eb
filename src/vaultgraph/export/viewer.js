// The vault graph viewer: a force-directed drawing in SVG, with no library, from the JSON in
// #graph-data. Every text from the vault (titles, paths, folders, tags) is set with textContent or
// setAttribute, never parsed as markup. The svg records how many nodes it drew (data-nodes) and how
// many the search matched (data-matches), so that a test can read them from the DOM.
"use strict";
(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#aec7e8"];
  const OTHER = "#cccccc";
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const svg = document.getElementById("graph");
  const viewport = document.getElementById("viewport");
  const search = document.getElementById("search");
  const colourBy = document.getElementById("colour-by");
  const status = document.getElementById("status");

  function element(name, attributes, parent) {
    const made = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) made.setAttribute(key, String(value));
    parent.appendChild(made);
    return made;
  }

  // The model: nodes with positions and velocities; self-links are left out of the drawing.
  const nodes = data.nodes.map((node) => Object.assign({}, node, { x: 0, y: 0, vx: 0, vy: 0, held: false }));
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const links = data.links
    .filter((link) => link.source !== link.target)
    .map((link) => ({ source: byId.get(link.source), target: byId.get(link.target), count: link.count }));
  const neighbours = new Map(nodes.map((node) => [node, new Set()]));
  for (const link of links) {
    neighbours.get(link.source).add(link.target);
    neighbours.get(link.target).add(link.source);
  }
  // A sunflower spiral to start from: spread out, and the same layout on every load.
  nodes.forEach((node, index) => {
    const radius = 12 * Math.sqrt(index + 0.5);
    node.x = radius * Math.cos(index * 2.39996);
    node.y = radius * Math.sin(index * 2.39996);
  });

  // The drawing: a line per link, a group (circle, label, tooltip) per node, sized by in-degree.
  for (const link of links) {
    link.line = element("line", { class: "edge", "stroke-width": 1 + Math.log2(link.count) }, document.getElementById("edges"));
  }
  const nodeLayer = document.getElementById("nodes");
  for (const node of nodes) {
    node.radius = 4 + 2.5 * Math.sqrt(node.in_degree);
    node.group = element("g", { class: "node " + node.kind, "data-id": node.id }, nodeLayer);
    node.circle = element("circle", { r: node.radius }, node.group);
    node.label = element("text", { x: node.radius + 3, dy: "0.35em" }, node.group);
    node.label.textContent = node.title;
    element("title", {}, node.group).textContent = node.id;
  }
  svg.setAttribute("data-nodes", String(nodes.length));
  svg.setAttribute("data-edges", String(links.length));

  // The forces, after d3-force: nodes repel each other, links pull toward a length, and a weak
  // pull to the centre keeps separate parts on screen. alpha cools each tick until it stops.
  let alpha = 1;
  function tick() {
    for (let i = 0; i < nodes.length; i++) {
      const a = nodes[i];
      for (let j = i + 1; j < nodes.length; j++) {
        const b = nodes[j];
        let dx = b.x - a.x, dy = b.y - a.y;
        let distance2 = dx * dx + dy * dy;
        if (distance2 < 1) { dx = Math.random() - 0.5; dy = Math.random() - 0.5; distance2 = 1; }
        if (distance2 > 250000) continue;  // beyond 500px the push is too weak to matter
        const push = (-600 * alpha) / distance2;
        a.vx += dx * push; a.vy += dy * push;
        b.vx -= dx * push; b.vy -= dy * push;
      }
    }
    for (const { source, target } of links) {
      const dx = target.x + target.vx - source.x - source.vx, dy = target.y + target.vy - source.y - source.vy;
      const distance = Math.sqrt(dx * dx + dy * dy) || 1;
      const pull = ((distance - 80) / distance) * alpha * 0.3;
      target.vx -= dx * pull * 0.5; target.vy -= dy * pull * 0.5;
      source.vx += dx * pull * 0.5; source.vy += dy * pull * 0.5;
    }
    for (const node of nodes) {
      node.vx -= node.x * 0.03 * alpha; node.vy -= node.y * 0.03 * alpha;
      if (node.held) { node.vx = node.vy = 0; continue; }
      node.vx *= 0.6; node.vy *= 0.6;
      node.x += node.vx; node.y += node.vy;
    }
    alpha *= 0.98;
  }

  function draw() {
    for (const node of nodes) node.group.setAttribute("transform", `translate(${node.x.toFixed(1)},${node.y.toFixed(1)})`);
    for (const { line, source, target } of links) {
      line.setAttribute("x1", source.x.toFixed(1)); line.setAttribute("y1", source.y.toFixed(1));
      line.setAttribute("x2", target.x.toFixed(1)); line.setAttribute("y2", target.y.toFixed(1));
    }
  }

  // Zoom and pan: one transform on the viewport group.
  const view = { k: 1, x: 0, y: 0 };
  let viewTouched = false;  // once the reader zooms or pans, the view is theirs: no more fitting
  function applyView() { viewport.setAttribute("transform", `translate(${view.x},${view.y}) scale(${view.k})`); }
  function fit() {
    if (!nodes.length) return;
    const xs = nodes.map((n) => n.x), ys = nodes.map((n) => n.y);
    const [left, right, top, bottom] = [Math.min(...xs) - 40, Math.max(...xs) + 120, Math.min(...ys) - 40, Math.max(...ys) + 40];
    const width = svg.clientWidth || 1200, height = (svg.clientHeight || 800) - 40;
    view.k = Math.min(2, width / (right - left), height / (bottom - top));
    view.x = (width - (right + left) * view.k) / 2;
    view.y = 40 + (height - (bottom + top) * view.k) / 2;
    applyView();
  }
  function toGraph(event) {
    const box = svg.getBoundingClientRect();
    return { x: (event.clientX - box.left - view.x) / view.k, y: (event.clientY - box.top - view.y) / view.k };
  }
  svg.addEventListener("wheel", (event) => {
    event.preventDefault();
    const box = svg.getBoundingClientRect();
    const px = event.clientX - box.left, py = event.clientY - box.top;
    const k = Math.min(20, Math.max(0.05, view.k * Math.exp(-event.deltaY * 0.002)));
    view.x = px - ((px - view.x) * k) / view.k;
    view.y = py - ((py - view.y) * k) / view.k;
    view.k = k;
    viewTouched = true;
    applyView();
  }, { passive: false });

  // One pointer gesture: on a node it drags the node, elsewhere it pans; without moving it is a
  // click, which selects the node (or, on the background, clears the selection).
  let gesture = null;
  svg.addEventListener("pointerdown", (event) => {
    const group = event.target.closest(".node");
    const node = group ? byId.get(group.getAttribute("data-id")) : null;
    gesture = { node, startX: event.clientX, startY: event.clientY, viewX: view.x, viewY: view.y, moved: false };
    svg.setPointerCapture(event.pointerId);
    if (node) node.held = true; else svg.classList.add("panning");
  });
  svg.addEventListener("pointermove", (event) => {
    if (!gesture) return;
    const dx = event.clientX - gesture.startX, dy = event.clientY - gesture.startY;
    if (Math.abs(dx) + Math.abs(dy) > 3) gesture.moved = true;
    if (!gesture.moved) return;
    if (gesture.node) {
      const point = toGraph(event);
      gesture.node.x = point.x; gesture.node.y = point.y;
      restart(0.3);
    } else {
      view.x = gesture.viewX + dx; view.y = gesture.viewY + dy;
      viewTouched = true;
      applyView();
    }
    draw();
  });
  function endGesture() {
    if (!gesture) return;
    if (gesture.node) gesture.node.held = false;
    if (!gesture.moved) select(gesture.node);
    svg.classList.remove("panning");
    gesture = null;
  }
  svg.addEventListener("pointerup", endGesture);
  svg.addEventListener("pointercancel", endGesture);

  // Selection: the node, its neighbours and its links stand out; the panel names its file.
  const details = document.getElementById("details");
  function select(node) {
    svg.classList.toggle("focused", Boolean(node));
    for (const other of nodes) {
      other.group.classList.toggle("selected", other === node);
      other.group.classList.toggle("neighbour", Boolean(node) && neighbours.get(node).has(other));
    }
    for (const link of links) link.line.classList.toggle("active", link.source === node || link.target === node);
    details.hidden = !node;
    if (!node) return;
    document.getElementById("details-title").textContent = node.title;
    const linkedFrom = node.in_degree === 1 ? "1 node links here" : `${node.in_degree} nodes link here`;
    document.getElementById("details-meta").textContent = `${node.kind} · ${linkedFrom}`;
    const anchor = document.getElementById("details-link");
    anchor.textContent = node.id;
    if (node.kind === "missing") {
      anchor.removeAttribute("href");
    } else {
      // Each segment encoded: a path such as "javascript:x.md" must stay a relative path.
      anchor.setAttribute("href", data.link_base + node.id.split("/").map(encodeURIComponent).join("/"));
    }
  }

  // Search: notes whose title or path holds the text, ignoring case.
  function applySearch(text) {
    const wanted = text.trim().toLowerCase();
    let matches = 0;
    for (const node of nodes) {
      const hit = wanted !== "" && (node.title.toLowerCase().includes(wanted) || node.id.toLowerCase().includes(wanted));
      node.group.classList.toggle("match", hit);
      if (hit) matches++;
    }
    svg.classList.toggle("searching", wanted !== "");
    svg.setAttribute("data-matches", String(matches));
    status.textContent = wanted
      ? `${matches} of ${nodes.length} match`
      : `${nodes.length} nodes, ${links.length} links`;
  }
  function searchFromFragment() {
    const found = /(?:^|&)search=([^&]*)/.exec(location.hash.slice(1));
    if (!found) return;
    let text = found[1].replace(/\+/g, " ");
    try { text = decodeURIComponent(text); } catch (error) { /* not percent-encoded: take it as it is */ }
    search.value = text;
    applySearch(text);
  }
  search.addEventListener("input", () => {
    applySearch(search.value);
    history.replaceState(null, "", search.value ? "#search=" + encodeURIComponent(search.value) : location.pathname);
  });
  window.addEventListener("hashchange", searchFromFragment);

  // Colour by folder or by first tag, the most common first; the rest share grey.
  const legend = document.getElementById("legend");
  function groupOf(node) {
    if (colourBy.value === "tag") return node.tags.length ? "#" + node.tags[0] : "(no tag)";
    return node.folder || "(vault root)";
  }
  function colour() {
    const counts = new Map();
    const coloured = nodes.filter((node) => node.kind !== "missing");  // drawn hollow, as they don't exist
    for (const node of coloured) counts.set(groupOf(node), (counts.get(groupOf(node)) || 0) + 1);
    const groups = [...counts.keys()].sort((a, b) => counts.get(b) - counts.get(a) || (a < b ? -1 : 1));
    const colours = new Map(groups.map((group, index) => [group, PALETTE[index] || OTHER]));
    for (const node of coloured) node.circle.setAttribute("fill", colours.get(groupOf(node)));
    legend.replaceChildren();
    for (const group of groups.slice(0, PALETTE.length)) {
      const item = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.style.background = colours.get(group);
      item.append(swatch, `${group} (${counts.get(group)})`);
      legend.appendChild(item);
    }
    if (groups.length > PALETTE.length) legend.appendChild(document.createElement("li")).textContent = "others: grey";
  }
  colourBy.addEventListener("change", colour);

  // Run: most of the layout at once (a settled first picture), the rest animated.
  let running = false;
  function frame() {
    for (let i = 0; i < 2; i++) tick();
    draw();
    if (!viewTouched) fit();
    running = alpha > 0.005;
    if (running) requestAnimationFrame(frame);
  }
  function restart(heat) {
    alpha = Math.max(alpha, heat);
    if (!running) { running = true; requestAnimationFrame(frame); }
  }
  const started = Date.now();
  while (alpha > 0.05 && Date.now() - started < 300) tick();
  colour();
  applySearch("");
  searchFromFragment();
  draw();
  fit();
  window.addEventListener("resize", () => { if (!viewTouched) fit(); });
  restart(0);
})();
