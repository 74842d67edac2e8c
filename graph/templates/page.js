/* actorgraph's interactive page. Every text from the data is written with textContent. */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("graph-data").textContent);
  var container = document.getElementById("graph");
  var details = document.getElementById("details");
  var hidden = { type: new Set(), stance: new Set(), status: new Set() };
  var selected = null;
  // Fading all but a neighbourhood rewrites every actor and relation: a fraction of a second
  // for 2,000 actors and 10,000 relations, six seconds for five times as many. Past FADE_LIMIT
  // items the selection alone (the actor, its relations drawn bold) shows the neighbourhood.
  var FADE_LIMIT = 15000;
  var fades = DATA.nodes.length + DATA.edges.length <= FADE_LIMIT;

  // -- building DOM safely ------------------------------------------------------------------
  function el(tag, className) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === "") continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }
  function words(kind) { return String(kind).replace(/_/g, " "); }
  // A name in its own direction: a right-to-left name cannot reorder the text around it.
  function bdi(name) { return el("bdi", null, name); }
  function arrow(r) { return r.directed ? " —" + r.type + "→ " : " —" + r.type + "— "; }
  function statusBadge(status) { return el("span", "status " + status, status); }
  function safeUrl(url) { return /^https?:\/\//i.test(url || "") ? url : null; }
  function fmt(x) { return x === 0 ? "0" : Math.abs(x) < 0.001 ? x.toPrecision(3) : x.toFixed(3); }

  // -- tooltips (HTML elements, so vis-network shows them formatted, never as raw text) -------
  function actorTip(a) {
    var tip = el("div", "tip", el("div", "tip-title", bdi(a.name)), el("div", "tip-sub", words(a.kind)));
    if (a.aliases.length) tip.append(el("div", "tip-sub", "also: " + a.aliases.join(", ")));
    if (a.description) tip.append(el("div", null, a.description));
    return tip;
  }
  function relationTip(r) {
    var tip = el("div", "tip", el("div", "tip-title", bdi(r.source_name), arrow(r), bdi(r.target_name)));
    var sub = [r.status];
    if (r.when) sub.push(r.when);
    if (r.claimed_by.length) sub.push("claimed by " + r.claimed_by.join(", "));
    if (r.disputed_by.length) sub.push("disputed by " + r.disputed_by.join(", "));
    tip.append(el("div", "tip-sub", sub.join(" · ")));
    r.evidence.slice(0, 2).forEach(function (e) {
      tip.append(el("div", "tip-quote", "“" + e.quote + "” — " + e.source));
    });
    if (r.evidence.length > 2) tip.append(el("div", "tip-sub", "+" + (r.evidence.length - 2) + " more quotes"));
    return tip;
  }

  var nodes = new vis.DataSet(DATA.nodes.map(function (n) {
    return Object.assign({}, n, { title: actorTip(DATA.actors[n.id]) });
  }));
  var edges = new vis.DataSet(DATA.edges.map(function (e) {
    return Object.assign({}, e, { title: relationTip(DATA.relations[e.id]) });
  }));
  var view = new vis.DataView(edges, {
    filter: function (e) {
      var r = DATA.relations[e.id];
      return !hidden.type.has(r.type) && !hidden.stance.has(r.stance) && !hidden.status.has(r.status);
    },
  });
  var network = new vis.Network(container, { nodes: nodes, edges: view }, DATA.options);

  var api = {
    ready: false, network: network, nodes: nodes, edges: edges, view: view, data: DATA, fades: fades,
    select: selectActor, selectRelation: selectRelation, find: findActor,
  };
  window.actorgraph = api;

  // -- the names of the hubs of a large network: the same size on screen at any zoom ----------
  var hubs = new Set(DATA.hubs);
  var hubSize = 14;
  function sizeHubNames() {
    var size = Math.max(14, DATA.hub_px / network.getScale());
    if (!hubs.size || Math.abs(size - hubSize) < 0.5) return;
    hubSize = size;
    nodes.update(DATA.hubs.map(function (id) {
      var shown = nodes.get(id).font;
      return { id: id, font: { size: size, color: shown && shown.color ? shown.color : "#111827" } };
    }));
  }
  network.on("zoom", sizeHubNames);
  network.on("animationFinished", sizeHubNames);

  // A large network comes laid out, with physics off: it is ready once drawn.
  function ready() {
    if (api.ready) return;
    if (DATA.options.physics.enabled) network.setOptions({ physics: { enabled: false } });
    network.fit();
    sizeHubNames();
    api.ready = true;
    document.body.setAttribute("data-ready", "true");
  }
  if (DATA.options.physics.enabled) {
    network.once("stabilizationIterationsDone", ready);
  } else {
    network.once("afterDrawing", ready);
  }

  // -- highlighting a neighbourhood -------------------------------------------------------------
  var faded = false;
  var FADED_NODE = { background: "#e5e7eb", border: "#d1d5db" };
  function font(n, color) { return hubs.has(n.id) ? { color: color, size: hubSize } : { color: color }; }
  function highlight(actorId) {
    if (!fades) {
      network.selectNodes([actorId], true);
      return;
    }
    faded = true;
    var keep = new Set(network.getConnectedNodes(actorId).concat([actorId]));
    nodes.update(DATA.nodes.map(function (n) {
      return keep.has(n.id)
        ? { id: n.id, color: n.color, font: font(n, "#111827") }
        : { id: n.id, color: FADED_NODE, font: font(n, "#9ca3af") };
    }));
    edges.update(DATA.edges.map(function (e) {
      var touches = e.from === actorId || e.to === actorId;
      return { id: e.id, color: touches ? e.color : { color: "#e5e7eb", opacity: 0.6 } };
    }));
  }
  function unhighlight() {
    if (!faded) return;
    faded = false;
    nodes.update(DATA.nodes.map(function (n) { return { id: n.id, color: n.color, font: font(n, "#111827") }; }));
    edges.update(DATA.edges.map(function (e) { return { id: e.id, color: e.color }; }));
  }

  // -- the details panel -------------------------------------------------------------------------
  function goActor(id, text) {
    var a = el("a", "go", bdi(text));
    a.href = "#";
    a.addEventListener("click", function (ev) { ev.preventDefault(); selectActor(id, true); });
    return a;
  }
  function goRelation(id, text) {
    var a = el("a", "go", text);
    a.href = "#";
    a.addEventListener("click", function (ev) { ev.preventDefault(); selectRelation(id); });
    return a;
  }
  function field(dl, name, value) {
    if (value === null || value === undefined || value === "" || (value.length === 0)) return;
    dl.append(el("dt", null, name), el("dd", null, value));
  }

  function showActor(id) {
    var a = DATA.actors[id];
    details.replaceChildren(el("h2", null, bdi(a.name)), el("p", "kind", words(a.kind)));
    var dl = el("dl");
    field(dl, "Also called", a.aliases.join(", "));
    field(dl, DATA.size_by, fmt(a.score));
    details.append(dl);
    if (a.description) details.append(el("p", null, a.description));
    var out = [], inc = [];
    Object.values(DATA.relations).forEach(function (r) {
      if (r.source === id) out.push(r);
      else if (r.target === id) inc.push(r);
    });
    [["Relations from ", out, true], ["Relations to ", inc, false]].forEach(function (group) {
      if (!group[1].length) return;
      details.append(el("h3", null, group[0], bdi(a.name), " (" + group[1].length + ")"));
      var ul = el("ul", "rels");
      group[1].forEach(function (r) {
        var other = group[2] ? r.target : r.source;
        var otherName = group[2] ? r.target_name : r.source_name;
        var li = el("li", null, goRelation(r.id, r.type), " ", group[2] ? "→ " : "← ", goActor(other, otherName));
        if (r.status !== "confirmed") li.append(" ", statusBadge(r.status));
        ul.append(li);
      });
      details.append(ul);
    });
    if (!out.length && !inc.length) details.append(el("p", "hint", "No relation shown for this actor."));
  }

  function showRelation(id) {
    var r = DATA.relations[id];
    var title = el("h2", null, goActor(r.source, r.source_name), arrow(r), goActor(r.target, r.target_name));
    details.replaceChildren(title);
    if (r.type_description) details.append(el("p", "kind", r.type + ": " + r.type_description));
    var dl = el("dl");
    field(dl, "Status", statusBadge(r.status));
    field(dl, "Stance", r.stance);
    field(dl, "When", r.when);
    field(dl, "Claimed by", r.claimed_by.join(", "));
    field(dl, "Disputed by", r.disputed_by.join(", "));
    field(dl, "Influence", String(r.influence));
    details.append(dl);
    if (r.note) details.append(el("p", null, r.note));
    details.append(el("h3", null, r.evidence.length ? "Evidence" : "No evidence given"));
    r.evidence.forEach(function (e) {
      var cite = el("cite", null, "— " + e.source);
      var url = safeUrl(e.url);
      if (url) {
        var link = el("a", null, url);
        link.href = url;
        link.rel = "noopener noreferrer";
        link.target = "_blank";
        cite.append(" · ", link);
      } else if (e.url) {
        cite.append(" · " + e.url);
      }
      var said = el("div", null, "“" + e.quote + "”");
      if (e.side === "dispute") said.prepend(el("strong", null, "Against: "));
      details.append(el("blockquote", null, said, cite));
    });
  }

  function selectActor(id, focus) {
    if (!DATA.actors[id]) return false;
    selected = id;
    network.selectNodes([id]);
    highlight(id);
    showActor(id);
    // Not locked on the actor: a view locked by one animation and moved by the next one
    // would spring back to it after "Fit all".
    if (focus) {
      network.focus(id, { scale: Math.max(network.getScale(), 1.0), locked: false, animation: { duration: 400 } });
    }
    return true;
  }
  function selectRelation(id) {
    if (!DATA.relations[id]) return false;
    selected = null;
    unhighlight();
    if (view.get(id)) network.selectEdges([id]);
    showRelation(id);
    return true;
  }
  function clearSelection() {
    selected = null;
    network.unselectAll();
    unhighlight();
  }

  network.on("click", function (params) {
    if (params.nodes.length) selectActor(params.nodes[0], false);
    else if (params.edges.length) selectRelation(params.edges[0]);
    else clearSelection();
  });
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") clearSelection(); });

  // -- search ----------------------------------------------------------------------------------------
  var list = document.getElementById("actor-names");
  var searchBox = document.getElementById("search");
  var message = document.getElementById("search-message");
  var names = [];
  Object.values(DATA.actors).forEach(function (a) {
    [a.name].concat(a.aliases).forEach(function (n) { names.push([n, a.id]); });
  });
  names.sort(function (x, y) { return x[0].localeCompare(y[0]); }).forEach(function (pair) {
    var option = document.createElement("option");
    option.value = pair[0];
    list.append(option);
  });
  function fold(s) { return String(s).toLocaleLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").trim(); }
  function findActor(query) {
    var q = fold(query);
    if (!q) return null;
    var exact = names.filter(function (p) { return fold(p[0]) === q; }).concat(
      Object.keys(DATA.actors).filter(function (id) { return fold(id) === q; }).map(function (id) { return [id, id]; }));
    if (exact.length) return exact[0][1];
    var partial = names.filter(function (p) { return fold(p[0]).indexOf(q) >= 0; });
    return partial.length ? partial[0][1] : null;
  }
  var searched = null;
  function search(ev) {
    // Enter, then the "change" that Enter also fires: one search, not two.
    if (ev.type === "change" && searchBox.value === searched) return;
    searched = searchBox.value;
    var id = findActor(searchBox.value);
    if (id) {
      message.textContent = "";
      selectActor(id, true);
    } else if (searchBox.value.trim()) {
      message.textContent = "No actor matches “" + searchBox.value.trim() + "”.";
    }
  }
  searchBox.addEventListener("change", search);
  searchBox.addEventListener("keydown", function (ev) { if (ev.key === "Enter") search(ev); });

  // -- controls: fit, labels, filters -----------------------------------------------------------------
  document.getElementById("fit").addEventListener("click", function () {
    network.fit({ animation: { duration: 400 } });
  });
  document.getElementById("show-labels").addEventListener("change", function (ev) {
    network.setOptions({ edges: { font: { size: ev.target.checked ? 11 : 0 } } });
  });
  var filters = document.getElementById("filters");
  function facet(title, key, values) {
    if (values.length < 2) return;
    var group = el("div", "filter-group", el("h3", null, title));
    values.forEach(function (v) {
      var box = document.createElement("input");
      box.type = "checkbox";
      box.checked = true;
      box.setAttribute("data-filter-" + key, v.value);
      box.addEventListener("change", function () {
        if (box.checked) hidden[key].delete(v.value); else hidden[key].add(v.value);
        view.refresh();
        if (selected) highlight(selected);
      });
      group.append(el("label", null, box, words(v.value) + " (" + v.count + ")"));
    });
    filters.append(group);
  }
  facet("Type", "type", DATA.types.map(function (t) { return { value: t.type, count: t.count }; }));
  facet("Stance", "stance", DATA.legend.stances.map(function (s) { return { value: s.stance, count: s.count }; }));
  facet("Status", "status", DATA.legend.statuses.map(function (s) { return { value: s.status, count: s.count }; }));
  if (!filters.childNodes.length) document.getElementById("filters-box").hidden = true;
})();
