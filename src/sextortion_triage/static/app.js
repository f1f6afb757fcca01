// The local page: sends the message to the sextortion-triage server on this computer and
// shows its answer. Every word of advice, verdict and label comes from the server (the same
// data the command line uses); message text is only ever put on the page as text nodes.
"use strict";

(function () {
  const form = document.getElementById("check-form");
  const message = document.getElementById("message");
  const region = document.getElementById("region");
  const under18 = document.getElementById("under-18");
  const button = document.getElementById("check");
  const status = document.getElementById("status");
  const problem = document.getElementById("error");
  const result = document.getElementById("result");
  const NOT_ANSWERING = "The checker on this computer is not answering. Start it again " +
    "with the command: sextortion-triage serve";
  let words = null;
  let busy = false;

  // el("p", {class: "x"}, "text", child): strings become text nodes, never HTML.
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      node.setAttribute(name, value);
    }
    node.append(...children);
    return node;
  }

  async function getJSON(url, options) {
    let response;
    try {
      response = await fetch(url, options);
    } catch (error) {
      throw new Error(NOT_ANSWERING);
    }
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      throw new Error(body && body.message ? body.message : "Error " + response.status);
    }
    return body;
  }

  function showProblem(text) {
    problem.textContent = text;
    problem.hidden = !text;
  }

  // Python's f"{x * 100:.0f}": round half to even, as the command line prints it.
  function percent(score) {
    const x = score * 100;
    const floor = Math.floor(x);
    const rest = x - floor;
    if (rest > 0.5 || (rest === 0.5 && floor % 2 === 1)) {
      return floor + 1;
    }
    return floor;
  }

  // The command line's quote: whitespace collapsed, at most 40 characters.
  function quote(text) {
    const chars = Array.from(text.split(/\s+/).filter(Boolean).join(" "));
    return chars.length <= 40 ? chars.join("") : chars.slice(0, 39).join("") + "…";
  }

  // The message with every labelled signal's span marked. Spans count Unicode code points
  // (as Python does), so the text is split into code points, not UTF-16 units.
  function highlighted(text, signals, labels) {
    const chars = Array.from(text);
    const cuts = new Set([0, chars.length]);
    for (const s of signals) {
      cuts.add(s.start);
      cuts.add(s.end);
    }
    const points = Array.from(cuts).sort((a, b) => a - b);
    const block = el("div", {
      class: "quoted", tabindex: "0", role: "region",
      "aria-label": "Your message, with these words highlighted",
    });
    for (let i = 0; i + 1 < points.length; i += 1) {
      const [start, end] = [points[i], points[i + 1]];
      const piece = chars.slice(start, end).join("");
      const names = signals.filter((s) => s.start <= start && end <= s.end)
        .map((s) => labels[s.name]);
      block.append(names.length
        ? el("mark", { title: Array.from(new Set(names)).join("; ") }, piece)
        : piece);
    }
    return block;
  }

  function signalList(signals, labels) {
    const list = el("ul", { class: "signals" });
    for (const [name, label] of Object.entries(labels)) {
      const found = signals.filter((s) => s.name === name).map((s) => s.text);
      if (found.length) {
        const quoted = Array.from(new Set(found)).map((w) => "“" + quote(w) + "”").join(", ");
        list.append(el("li", {}, el("span", { class: "label" }, label + ":"), " ",
          el("span", { class: "words" }, quoted)));
      }
    }
    return list;
  }

  // Like the command line, never split a phone number across lines.
  function keepNumbersTogether(text) {
    return text.replace(/(?<=\d) (?=\d)/g, "\u00a0");
  }

  function adviceList(items) {
    const list = el("ol", { class: "advice" });
    for (const item of items) {
      list.append(el("li", { "data-advice": item.id },
        el("h4", {}, item.title), el("p", {}, keepNumbersTogether(item.text))));
    }
    return list;
  }

  async function showAllSteps(trigger, wasUnder18) {
    const query = new URLSearchParams({ level: "high", region: region.value,
      under_18: String(wasUnder18) });
    try {
      const body = await getJSON("/v1/advice?" + query.toString());
      const list = adviceList(body.advice);
      list.id = "all-steps";
      list.tabIndex = -1;
      trigger.replaceWith(list);
      list.focus();
    } catch (error) {
      showProblem(error.message);
    }
  }

  function render(answer, text, warning) {
    const level = answer.risk_level;
    const labels = words.signal_labels;
    const labelled = answer.signals.filter((s) => s.name in labels);
    const heading = el("h2", { id: "result-heading", tabindex: "-1", class: "risk " + level },
      words.headings.risk + ": " + percent(answer.score) + "% (" + level.toUpperCase() + ")");
    const parts = [heading, el("p", { class: "verdict" }, words.verdicts[level])];
    if (warning) {
      parts.push(el("p", { class: "note" }, warning));
    }
    for (const note of answer.notes) {
      parts.push(el("p", { class: "note" }, note));
    }
    if (labelled.length) {
      parts.push(el("h3", {}, words.headings.signals), highlighted(text, labelled, labels),
        signalList(labelled, labels));
    }
    parts.push(el("h3", {}, words.headings.advice), adviceList(answer.advice));
    if (level !== "high") {
      const minor = under18.checked || answer.signals.some((s) => s.name === "minor_indicator");
      const more = el("button", { type: "button", class: "secondary" }, "Show all the steps");
      more.addEventListener("click", () => showAllSteps(more, minor));
      parts.push(more);
    }
    parts.push(el("p", { class: "privacy" },
      words.privacy_note + " Model " + answer.model_version + "."));
    result.replaceChildren(...parts);
    heading.focus();
  }

  async function check(event) {
    event.preventDefault();
    if (busy) {
      return;
    }
    if (!words) {
      showProblem(NOT_ANSWERING);
      return;
    }
    showProblem("");
    let text = message.value;
    if (!text.trim()) {
      showProblem("Paste the message into the box first.");
      message.focus();
      return;
    }
    let warning = "";
    const chars = Array.from(text);
    if (chars.length > words.max_chars) {
      warning = "Warning: " + words.too_long
        .replace("{count}", chars.length.toLocaleString("en-US"))
        .replace("{limit}", words.max_chars.toLocaleString("en-US"));
      text = chars.slice(0, words.max_chars).join("");
    }
    const request = { text: text, region: region.value };
    if (under18.checked) {
      request.under_18 = true;  // unticked: left out, so the message decides
    }
    busy = true;
    button.setAttribute("aria-disabled", "true");
    status.textContent = "Checking…";
    try {
      const answer = await getJSON("/v1/score", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(request),
      });
      status.textContent = "";
      render(answer, text, warning);
    } catch (error) {
      status.textContent = "";
      showProblem(error.message);
    } finally {
      busy = false;
      button.removeAttribute("aria-disabled");
    }
  }

  async function start() {
    try {
      words = await getJSON("/v1/wording");
    } catch (error) {
      showProblem(error.message);
      return;
    }
    for (const choice of words.regions) {
      region.append(el("option", { value: choice.id }, choice.name));
    }
    region.value = words.default_region;
    document.body.dataset.ready = "true";
  }

  form.addEventListener("submit", check);
  message.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      form.requestSubmit();
    }
  });
  start();
})();
