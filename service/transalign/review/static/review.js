// The review workspace: renders a pair's JSON result, keeps the reviewer's decisions and
// edits, and saves the whole review document after every change. Plain JavaScript with
// no build step and nothing fetched from elsewhere, so the page works offline.
"use strict";

(function () {
  const body = document.body;
  const config = {
    result: body.dataset.resultUrl,
    review: body.dataset.reviewUrl,
    exportUrl: body.dataset.exportUrl, // "{format}" is replaced by srt, vtt, tmx or csv
    auth: body.dataset.auth === "bearer",
  };
  const KEY_STORE = "transalign-key";
  const state = {
    result: null,
    review: { decisions: {}, edits: {} },
    current: null, // the focused flag's id
    saving: false,
    dirty: false,
  };
  const $ = (selector, root) => (root || document).querySelector(selector);
  const $$ = (selector, root) => Array.from((root || document).querySelectorAll(selector));

  // ---- talking to the server -------------------------------------------------------

  function takeKeyFromFragment() {
    const match = /(?:^#|&)key=([^&]*)/.exec(location.hash);
    if (match) {
      sessionStorage.setItem(KEY_STORE, decodeURIComponent(match[1]));
      history.replaceState(null, "", location.pathname + location.search); // keep the key out of the address bar
    }
  }

  function headers(extra) {
    const all = Object.assign({}, extra || {});
    const key = sessionStorage.getItem(KEY_STORE);
    if (config.auth && key) all.Authorization = "Bearer " + key;
    return all;
  }

  async function call(url, options) {
    const response = await fetch(url, Object.assign({}, options, { headers: headers((options || {}).headers) }));
    if (response.status === 401 && config.auth) {
      askForKey("This server needs an API key.");
      throw new Error("an API key is needed");
    }
    if (!response.ok) {
      let detail = response.status + " " + response.statusText;
      try {
        detail = (await response.json()).detail || detail;
      } catch (ignored) {
        // not a problem document: the status line says enough
      }
      throw new Error(detail);
    }
    return response;
  }

  function askForKey(message) {
    const form = $("#key-form");
    $("#key-message").textContent = message;
    form.hidden = false;
    $("#key-input").focus();
  }

  async function load() {
    try {
      const [result, review] = await Promise.all([
        call(config.result).then((r) => r.json()),
        call(config.review).then((r) => r.json()),
      ]);
      state.result = result;
      state.review = { decisions: review.decisions || {}, edits: review.edits || {} };
      $("#key-form").hidden = true;
      render();
      say("Loaded " + result.flags.length + " flags.");
    } catch (error) {
      state.result = null; // nothing of a pair another key opened stays on the page
      $("#beads").replaceChildren();
      say("Could not load the pair: " + error.message);
    }
  }

  async function save() {
    if (state.saving) {
      state.dirty = true; // saved again once the request in flight answers
      return;
    }
    state.saving = true;
    $("#saved").textContent = "saving…";
    try {
      await call(config.review, {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(state.review),
      });
      $("#saved").textContent = state.dirty ? "saving…" : "all changes saved";
    } catch (error) {
      $("#saved").textContent = "not saved: " + error.message;
      say("Not saved: " + error.message);
    } finally {
      state.saving = false;
      if (state.dirty) {
        state.dirty = false;
        save();
      }
    }
  }

  async function download(format) {
    try {
      const response = await call(config.exportUrl.replace("{format}", format));
      const name = /filename="?([^";]+)/.exec(response.headers.get("Content-Disposition") || "");
      const link = document.createElement("a");
      link.href = URL.createObjectURL(await response.blob());
      link.download = name ? name[1] : "reviewed." + format;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (error) {
      say("No " + format + " export: " + error.message);
    }
  }

  // ---- rendering ---------------------------------------------------------------------

  function el(tag, attributes, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children || []) node.append(child);
    return node;
  }

  function timecode(seconds) {
    if (seconds === null || seconds === undefined) return "";
    let ms = Math.round(seconds * 1000);
    const h = Math.floor(ms / 3600000);
    ms -= h * 3600000;
    const m = Math.floor(ms / 60000);
    ms -= m * 60000;
    const s = Math.floor(ms / 1000);
    ms -= s * 1000;
    const pad = (n, w) => String(n).padStart(w, "0");
    return pad(h, 2) + ":" + pad(m, 2) + ":" + pad(s, 2) + "." + pad(ms, 3);
  }

  // Evidence offsets count Python characters (code points) in the bead's segments joined
  // by one space; Array.from splits a string the same way.
  function marked(text, from, ranges) {
    const chars = Array.from(text);
    const cuts = new Set([0, chars.length]);
    const local = ranges
      .map((r) => ({ start: Math.max(r.start - from, 0), end: Math.min(r.end - from, chars.length), flag: r.flag }))
      .filter((r) => r.start < r.end);
    for (const r of local) {
      cuts.add(r.start);
      cuts.add(r.end);
    }
    const points = Array.from(cuts).sort((a, b) => a - b);
    const nodes = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const piece = chars.slice(points[i], points[i + 1]).join("");
      const flags = local.filter((r) => r.start <= points[i] && r.end >= points[i + 1]).map((r) => r.flag);
      nodes.push(flags.length ? el("mark", { "data-flags": flags.join(" ") }, [piece]) : piece);
    }
    return nodes;
  }

  function evidence(beadIndex, side) {
    const ranges = [];
    for (const flag of state.result.flags) {
      if (flag.bead !== beadIndex) continue;
      for (const span of flag.evidence || []) {
        if (span.side === side) ranges.push({ start: span.start, end: span.end, flag: flag.id });
      }
    }
    return ranges;
  }

  function sideCell(document_, indices, side, beadIndex, heading) {
    const lang = document_.lang;
    const cell = el("td", { class: "text " + side, lang: lang, dir: dirOf(lang), "data-heading": heading });
    const ranges = evidence(beadIndex, side);
    let offset = 0;
    indices.forEach((k, position) => {
      const segment = document_.segments[k];
      if (position) cell.append(" ");
      const attributes = { class: "seg", "data-segment": k, lang: lang, dir: dirOf(lang) };
      const original = marked(segment.text, offset, ranges);
      const edit = side === "translation" ? state.review.edits[String(k)] : undefined;
      if (edit !== undefined) {
        attributes.class += " edited";
        cell.append(el("span", Object.assign(attributes, { tabindex: 0 }), [
          el("span", { class: "edit" }, [el("span", { class: "sr-only" }, ["edited: "]), edit]),
          el("span", { class: "original" }, [el("span", { class: "label" }, ["original: "]), ...original]),
        ]));
      } else {
        if (side === "translation") attributes.tabindex = 0;
        cell.append(el("span", attributes, original));
      }
      offset += Array.from(segment.text).length + 1;
    });
    return cell;
  }

  function dirOf(lang) {
    return ["ar", "fa", "he", "ur", "ps", "yi"].includes(String(lang).split("-")[0]) ? "rtl" : "ltr";
  }

  function machineCell(beadIndex, rendering, diff) {
    const lang = state.result.translation.lang;
    const cell = el("td", { class: "text rendering", lang: lang, dir: dirOf(lang) });
    if (!rendering) return cell;
    cell.append(el("span", { class: "seg", lang: lang, dir: dirOf(lang) }, marked(rendering.text, 0, evidence(beadIndex, "rendering"))));
    if (diff) {
      const line = el("div", { class: "diff", lang: lang, dir: dirOf(lang) }, [el("span", { class: "label" }, ["word diff: "])]);
      for (const op of diff.ops) {
        if (op.op === "equal") line.append(op.translation, " ");
        if (op.op === "delete" || op.op === "replace") line.append(el("del", { title: "only in the English" }, [op.translation]), " ");
        if (op.op === "insert" || op.op === "replace") line.append(el("ins", { title: "only in the machine rendering" }, [op.rendering]), " ");
      }
      cell.append(line);
    }
    return cell;
  }

  function metaCell(bead, beadIndex) {
    const result = state.result;
    const cues = (doc, indices) => {
      const ids = indices.flatMap((k) => doc.segments[k].blocks || []);
      if (!ids.length) return "";
      const low = Math.min(...ids), high = Math.max(...ids);
      return low === high ? String(low) : low + "–" + high;
    };
    const spanOf = (doc, indices) => {
      const segs = indices.map((k) => doc.segments[k]);
      return segs.length && segs[0].start !== null ? timecode(segs[0].start) + " → " + timecode(segs[segs.length - 1].end) : "";
    };
    const sourceCues = cues(result.source, bead.source), targetCues = cues(result.translation, bead.translation);
    const time = spanOf(result.source, bead.source) || spanOf(result.translation, bead.translation);
    return el("td", { class: "meta" }, [
      el("div", {}, ["bead " + beadIndex]),
      sourceCues ? el("div", {}, ["ar cue " + sourceCues]) : "",
      targetCues ? el("div", {}, ["en cue " + targetCues]) : "",
      time ? el("div", { class: "time" }, [time]) : "",
    ]);
  }

  function flagItem(flag) {
    const status = statusOf(flag.id);
    const comment = (state.review.decisions[flag.id] || {}).comment || "";
    const item = el("li", {
      class: "flag", tabindex: -1, "data-flag-id": flag.id, "data-status": status, "data-kind": flag.kind,
      "data-severity": flag.severity, "aria-label": flag.kind + " flag, severity " + flag.severity.toFixed(2) + ", " + status,
    }, [
      el("div", { class: "head" }, [
        el("span", { class: "kind" }, [flag.kind]), " ",
        el("span", { class: "severity", title: "severity" }, [flag.severity.toFixed(2)]), " ",
        el("span", { class: "status" }, [status]),
      ]),
      el("div", { class: "message" }, [flag.message]),
      comment ? el("div", { class: "comment" }, [el("span", { class: "label" }, ["comment: "]), comment]) : "",
      el("div", { class: "actions" }, [
        el("button", { type: "button", "data-action": "accept", "aria-pressed": String(status === "accepted"), title: "accept (a)" }, ["accept"]),
        el("button", { type: "button", "data-action": "dismiss", "aria-pressed": String(status === "dismissed"), title: "dismiss (d)" }, ["dismiss"]),
        el("button", { type: "button", "data-action": "comment", title: "comment (c)" }, ["comment"]),
      ]),
    ]);
    return item;
  }

  function render() {
    const result = state.result;
    const renderings = new Map(result.renderings.map((r) => [r.bead, r]));
    const diffs = new Map(result.diffs.map((d) => [d.bead, d]));
    const flagsByBead = new Map();
    for (const flag of result.flags) {
      if (!flagsByBead.has(flag.bead)) flagsByBead.set(flag.bead, []);
      flagsByBead.get(flag.bead).push(flag);
    }
    const machine = result.renderings.length > 0;
    $("#col-machine").hidden = !machine;
    const rows = result.beads.map((bead, index) => {
      const flags = flagsByBead.get(index) || [];
      const cells = [
        metaCell(bead, index),
        sideCell(result.source, bead.source, "source", index, "Arabic"),
        sideCell(result.translation, bead.translation, "translation", index, "English"),
      ];
      if (machine) cells.push(machineCell(index, renderings.get(index), diffs.get(index)));
      cells.push(el("td", { class: "flags" }, [el("ul", { "aria-label": flags.length + " flags on bead " + index }, flags.map(flagItem))]));
      return el("tr", { id: "bead-" + index, "data-bead": index, class: flags.length ? "flagged" : "" }, cells);
    });
    $("#beads").replaceChildren(...rows);
    $("#title").textContent = result.source.name + " · " + result.translation.name;
    const kinds = Array.from(new Set(result.flags.map((f) => f.kind))).sort();
    const kind = $("#filter-kind");
    const chosen = kind.value;
    kind.replaceChildren(el("option", { value: "" }, ["every kind"]), ...kinds.map((k) => el("option", { value: k }, [k])));
    kind.value = kinds.includes(chosen) ? chosen : "";
    $("#notes").replaceChildren(...(result.notes || []).map((n) => el("li", {}, [n])));
    applyFilter();
    if (state.current) highlight(state.current, false);
  }

  // ---- decisions, edits, progress -----------------------------------------------------

  function statusOf(flagId) {
    return (state.review.decisions[flagId] || {}).status || "open";
  }

  function flagById(flagId) {
    return state.result.flags.find((f) => f.id === flagId);
  }

  function decide(flagId, status) {
    const decision = Object.assign({ status: "open", comment: "" }, state.review.decisions[flagId]);
    decision.status = decision.status === status ? "open" : status; // pressing it again reopens the flag
    setDecision(flagId, decision);
    say(flagById(flagId).kind + " flag " + decision.status);
  }

  function setDecision(flagId, decision) {
    if (decision.status === "open" && !decision.comment) delete state.review.decisions[flagId];
    else state.review.decisions[flagId] = decision;
    const old = flagElement(flagId);
    const fresh = flagItem(flagById(flagId));
    old.replaceWith(fresh);
    applyFilter();
    if (state.current === flagId && shown(fresh)) highlight(flagId, true);
    save();
  }

  function flagElement(flagId) {
    return $$(".flag").find((node) => node.dataset.flagId === flagId);
  }

  function progress() {
    const total = state.result.flags.length;
    const decided = state.result.flags.filter((f) => statusOf(f.id) !== "open").length;
    $("#progress").textContent = decided + " of " + total + " flags decided";
    $("#progress-bar").max = total || 1;
    $("#progress-bar").value = decided;
  }

  function commentOn(flagId) {
    const item = flagElement(flagId);
    const decision = Object.assign({ status: "open", comment: "" }, state.review.decisions[flagId]);
    const input = el("input", { type: "text", class: "comment-input", "aria-label": "comment on this flag (Enter saves, Escape cancels)" });
    input.value = decision.comment;
    item.append(input);
    input.focus();
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        decision.comment = input.value.trim();
        setDecision(flagId, decision);
      } else if (event.key === "Escape") {
        event.preventDefault();
        input.remove();
        item.focus();
      }
    });
  }

  function editSegment(segmentNode) {
    const index = segmentNode.dataset.segment;
    const original = state.result.translation.segments[Number(index)].text;
    const area = el("textarea", { class: "edit-input", lang: state.result.translation.lang, dir: dirOf(state.result.translation.lang), rows: 3,
      "aria-label": "English of segment " + index + " (Enter saves, Escape cancels; empty restores the original)" });
    area.value = state.review.edits[index] !== undefined ? state.review.edits[index] : original;
    segmentNode.after(area);
    area.focus();
    area.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey) {
        event.preventDefault();
        const text = area.value.replace(/\s+/g, " ").trim();
        if (!text || text === original) delete state.review.edits[index];
        else state.review.edits[index] = text;
        render();
        focusSegment(index);
        say(state.review.edits[index] === undefined ? "Segment " + index + " restored to the original" : "Segment " + index + " edited");
        save();
      } else if (event.key === "Escape") {
        event.preventDefault();
        area.remove();
        segmentNode.focus();
      }
    });
  }

  function focusSegment(index) {
    const node = $$(".translation .seg").find((n) => n.dataset.segment === String(index));
    if (node) node.focus();
  }

  // ---- moving, filtering -----------------------------------------------------------

  function shown(node) {
    return !node.hidden && !node.closest("tr").hidden;
  }

  function visibleFlags() {
    return $$(".flag").filter(shown);
  }

  // From the current flag to the next one the filter shows, even when the current one
  // was just filtered out (a decision under a filter on open flags).
  function move(step) {
    const all = $$(".flag");
    if (!all.some(shown)) return say("No flag matches the filter.");
    const at = all.findIndex((node) => node.dataset.flagId === state.current);
    let next = at < 0 ? (step > 0 ? 0 : all.length - 1) : at + step;
    while (next >= 0 && next < all.length && !shown(all[next])) next += step;
    if (next < 0 || next >= all.length) return say(step > 0 ? "That was the last flag." : "That was the first flag.");
    highlight(all[next].dataset.flagId, true);
  }

  function highlight(flagId, focus) {
    state.current = flagId;
    for (const node of $$(".current")) node.classList.remove("current");
    const item = flagElement(flagId);
    if (!item) return;
    item.classList.add("current");
    for (const mark of $$("mark")) {
      if (mark.dataset.flags.split(" ").includes(flagId)) mark.classList.add("current");
    }
    item.closest("tr").classList.add("current");
    if (focus) {
      item.focus();
      item.scrollIntoView({ block: "center" });
    }
  }

  function applyFilter() {
    const kind = $("#filter-kind").value;
    const severity = Number($("#filter-severity").value || 0);
    const status = $("#filter-status").value;
    const filtering = Boolean(kind || severity || status);
    for (const item of $$(".flag")) {
      const flagStatus = item.dataset.status;
      item.hidden = (kind && item.dataset.kind !== kind) || Number(item.dataset.severity) < severity ||
        (status === "open" && flagStatus !== "open") || (status === "decided" && flagStatus === "open");
    }
    for (const row of $$("#beads tr")) {
      row.hidden = filtering && !$$(".flag", row).some((item) => !item.hidden);
    }
    $("#shown").textContent = filtering ? visibleFlags().length + " flags match the filter" : "";
    progress();
  }

  function say(message) {
    $("#announce").textContent = message;
  }

  // ---- keys ------------------------------------------------------------------------

  function currentFlagId() {
    const item = document.activeElement && document.activeElement.closest && document.activeElement.closest(".flag");
    return item ? item.dataset.flagId : state.current;
  }

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target.matches("input, textarea, select")) {
      if (event.key === "Escape" && target.matches("select")) {
        event.preventDefault();
        const item = state.current && flagElement(state.current);
        if (item && shown(item)) item.focus();
        else move(1); // the flag the filter just hid: on to the next one it shows
      }
      return;
    }
    if (!state.result) return;
    const flagId = currentFlagId();
    const handlers = {
      j: () => move(1),
      k: () => move(-1),
      a: () => flagId && decide(flagId, "accepted"),
      d: () => flagId && decide(flagId, "dismissed"),
      c: () => flagId && commentOn(flagId),
      e: () => {
        const segment = target.closest(".translation .seg") ||
          (flagId && $(".translation .seg", flagElement(flagId).closest("tr")));
        if (segment) editSegment(segment);
        else say("This bead has no English to edit.");
      },
      "/": () => $("#filter-kind").focus(),
      "?": () => $("#keys").showModal(),
    };
    const handler = handlers[event.key];
    if (handler) {
      event.preventDefault();
      handler();
    }
  }

  function onClick(event) {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const flagId = button.closest(".flag").dataset.flagId;
    highlight(flagId, false);
    if (button.dataset.action === "comment") commentOn(flagId);
    else decide(flagId, button.dataset.action === "accept" ? "accepted" : "dismissed");
  }

  document.addEventListener("keydown", onKey);
  document.addEventListener("click", onClick);
  document.addEventListener("focusin", (event) => {
    const item = event.target.closest && event.target.closest(".flag");
    if (item && item.dataset.flagId !== state.current) highlight(item.dataset.flagId, false);
  });
  for (const id of ["#filter-kind", "#filter-severity", "#filter-status"]) $(id).addEventListener("change", applyFilter);
  for (const button of $$("button[data-export]")) button.addEventListener("click", () => download(button.dataset.export));
  $("#show-keys").addEventListener("click", () => $("#keys").showModal());
  $("#key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    sessionStorage.setItem(KEY_STORE, $("#key-input").value.trim());
    $("#key-input").value = "";
    load();
  });
  window.addEventListener("hashchange", () => {
    if (/key=/.test(location.hash)) {
      takeKeyFromFragment();
      load();
    }
  });
  takeKeyFromFragment();
  load();
})();
