/* territory-mapper: a place's popup, built with DOM nodes and textContent only, so no text from a report
   can ever run as script or markup. Shared by index.html and the per-date maps. */
(function (global) {
  "use strict";
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }
  /* p: {name, actor, actorName, status, actors, since, until, confidence, evidence, source, url,
         evidence_date, origin, note, reports} */
  function popupContent(p) {
    var box = el("div", null, "tm-popup");
    box.appendChild(el("h4", p.name));
    var who = p.status === "contested"
      ? "Contested" + (p.actors ? " (" + p.actors.split("|").join(", ") + ")" : "")
      : (p.actorName || p.actor || "unknown") + (p.status && p.status !== "controlled" ? ", " + p.status : "");
    box.appendChild(el("div", who, "tm-holder"));
    var facts = [];
    if (p.since) facts.push("since " + p.since);
    if (p.confidence !== undefined && p.confidence !== null) facts.push("confidence " + Number(p.confidence).toFixed(2));
    if (p.reports) facts.push(p.reports + (p.reports === 1 ? " report" : " reports"));
    if (p.origin === "override") facts.push("analyst override");
    if (p.origin === "baseline") facts.push("from the baseline map");
    box.appendChild(el("div", facts.join(" \u00b7 "), "tm-facts"));
    if (p.note) box.appendChild(el("div", p.note, "tm-note"));
    if (p.evidence) box.appendChild(el("blockquote", p.evidence, "tm-evidence"));
    var src = el("div", null, "tm-source");
    var label = (p.source || "unknown source") + (p.evidence_date ? ", " + p.evidence_date : "");
    var href = safeUrl(p.url);
    if (href) {
      var a = el("a", label);
      a.href = href;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      src.appendChild(a);
    } else {
      src.textContent = label;
    }
    box.appendChild(src);
    return box;
  }
  global.territoryPopup = popupContent;
})(window);
