// The transcript reader's front end (an anywidget module): shows one session's turns with
// their coded passages highlighted, and tells the kernel which words the person chose, by
// mouse or by keyboard, as character offsets within one turn's text.
//
// Keyboard, in a turn (each turn's words are one stop of the Tab key):
//   Right / Left        go to the next / previous word, and choose it
//   Shift+Right / Left  choose one more / one fewer word
//   Shift+End / Home    choose to the end / from the start of the turn
//   Home / End          go to the first / last word
//   Escape              choose nothing
// What is chosen is read out through a live region.

function words(text) {
  const found = [];
  const re = /\S+/g;
  let m;
  while ((m = re.exec(text)) !== null) found.push([m.index, m.index + m[0].length]);
  return found;
}

function offsetIn(box, node, offset) {
  // A text node sits in a span that carries its first character's offset in the turn.
  let el = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
  if (el === box) {
    // The browser named the box and a child index: count the characters before that child.
    const child = box.childNodes[offset];
    if (!child) return Number(box.dataset.length);
    el = child.nodeType === Node.TEXT_NODE ? child.parentElement : child;
    return Number(el.dataset.start);
  }
  while (el && el.dataset.start === undefined && el !== box) el = el.parentElement;
  if (!el || el === box) return null;
  return Number(el.dataset.start) + (node.nodeType === Node.TEXT_NODE ? offset : 0);
}

function render({ model, el }) {
  const root = document.createElement("div");
  root.className = "coprod-reader";
  const help = document.createElement("p");
  help.className = "coprod-reader-help";
  help.id = `coprod-reader-help-${Math.random().toString(36).slice(2)}`;
  help.textContent =
    "Choose words with the mouse, or with the keyboard: press Tab to reach a turn, the arrow " +
    "keys to go word by word, and hold Shift with the arrows to choose more words.";
  const list = document.createElement("ol");
  list.className = "coprod-reader-turns";
  const said = document.createElement("p");
  said.className = "coprod-reader-said";
  said.setAttribute("role", "status");
  said.setAttribute("aria-live", "polite");
  root.append(help, said, list);
  el.appendChild(root);

  // Keyboard state per turn: the word where the choice started and the word it reaches.
  const state = { turn: null, anchor: null, focus: null };

  function choose(turn, start, end, text) {
    model.set("selection", { turn_id: turn.id, start: start, end: end });
    model.save_changes();
    said.textContent =
      start === end ? "" : `Chosen in turn ${turn.turn + 1}: "${text.slice(start, end)}"`;
    show();
  }

  function current(turnId) {
    model.set("current_turn", turnId);
    model.save_changes();
  }

  function onKey(event, turn, box) {
    const found = words(turn.text);
    if (!found.length) return;
    const last = found.length - 1;
    if (state.turn !== turn.id) Object.assign(state, { turn: turn.id, anchor: null, focus: null });
    let { anchor, focus } = state;
    const key = event.key;
    if (key === "Escape") {
      Object.assign(state, { anchor: null, focus: null });
      choose(turn, 0, 0, turn.text);
      event.preventDefault();
      return;
    }
    if (!["ArrowRight", "ArrowLeft", "Home", "End"].includes(key)) return;
    event.preventDefault();
    if (focus === null) {
      focus = key === "ArrowLeft" || key === "End" ? last : 0;
      anchor = focus;
      if (key === "ArrowRight" || key === "ArrowLeft") {
        Object.assign(state, { anchor, focus });
        const [s, e] = found[focus];
        choose(turn, s, e, turn.text);
        return;
      }
    }
    if (key === "ArrowRight") focus = Math.min(last, focus + 1);
    if (key === "ArrowLeft") focus = Math.max(0, focus - 1);
    if (key === "Home") focus = 0;
    if (key === "End") focus = last;
    if (!event.shiftKey) anchor = focus;
    Object.assign(state, { anchor, focus });
    const from = found[Math.min(anchor, focus)][0];
    const to = found[Math.max(anchor, focus)][1];
    choose(turn, from, to, turn.text);
  }

  function onMouseUp(turn, box) {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0) return;
    const range = sel.getRangeAt(0);
    if (!box.contains(range.startContainer) || !box.contains(range.endContainer)) return;
    let start = offsetIn(box, range.startContainer, range.startOffset);
    let end = offsetIn(box, range.endContainer, range.endOffset);
    if (start === null || end === null) return;
    // Leave out spaces at either end, as a person means the words.
    while (start < end && /\s/.test(turn.text[start])) start += 1;
    while (end > start && /\s/.test(turn.text[end - 1])) end -= 1;
    if (start >= end) return;
    Object.assign(state, { turn: null, anchor: null, focus: null });
    choose(turn, start, end, turn.text);
  }

  function show() {
    const active = document.activeElement;
    const focusedTurn = active && root.contains(active) ? active.dataset.turnId : null;
    const selection = model.get("selection") || {};
    // Once the choice is coded (or cleared) the line saying what is chosen goes too.
    if (!(selection.end > selection.start)) said.textContent = "";
    // Redrawing keeps the reader where it was in a long transcript.
    const scrolled = list.scrollTop;
    list.replaceChildren();
    for (const turn of model.get("turns")) {
      const item = document.createElement("li");
      item.className = "coprod-reader-turn";
      const who = document.createElement("p");
      who.className = "coprod-reader-who";
      const name = document.createElement("strong");
      name.textContent = turn.speaker;
      who.append(name, ` (${turn.role})${turn.time ? ", " + turn.time : ""}`);
      const box = document.createElement("p");
      box.className = "coprod-reader-text";
      box.tabIndex = 0;
      box.dataset.turnId = String(turn.id);
      box.dataset.length = String(turn.text.length);
      box.setAttribute("aria-describedby", help.id);
      box.setAttribute("aria-label", `Turn ${turn.turn + 1}, ${turn.speaker}: ${turn.text}`);
      const chosen = selection.turn_id === turn.id && selection.end > selection.start;
      // Cut the text where any coding or the choice starts or ends.
      const cuts = new Set([0, turn.text.length]);
      for (const seg of turn.segments) cuts.add(seg.start).add(seg.end);
      if (chosen) cuts.add(selection.start).add(selection.end);
      const points = [...cuts].sort((a, b) => a - b);
      for (let i = 0; i + 1 < points.length; i++) {
        const [s, e] = [points[i], points[i + 1]];
        const span = document.createElement("span");
        span.dataset.start = String(s);
        span.textContent = turn.text.slice(s, e);
        const colours = [];
        for (const seg of turn.segments) {
          if (seg.start <= s && e <= seg.end) colours.push(...seg.colours);
        }
        if (colours.length) {
          span.className = "coprod-coded";
          span.style.backgroundColor = colours[0] + "33";
          span.style.boxShadow = colours
            .slice(0, 4)
            .map((c, k) => `inset 0 -${3 * (k + 1)}px 0 ${c}`)
            .join(", ");
        }
        if (chosen && selection.start <= s && e <= selection.end) {
          span.classList.add("coprod-chosen");
        }
        box.appendChild(span);
      }
      box.addEventListener("keydown", (event) => onKey(event, turn, box));
      box.addEventListener("mouseup", () => onMouseUp(turn, box));
      box.addEventListener("focus", () => current(turn.id));
      item.append(who, box);
      if (turn.codings.length) {
        const codings = document.createElement("p");
        codings.className = "coprod-reader-codes";
        codings.textContent = "Coded: " + turn.codings.join("; ");
        item.appendChild(codings);
      }
      list.appendChild(item);
    }
    list.scrollTop = scrolled;
    if (focusedTurn) {
      const again = root.querySelector(`[data-turn-id="${focusedTurn}"]`);
      if (again) again.focus({ preventScroll: true });
    }
  }

  model.on("change:turns", show);
  model.on("change:selection", show);
  show();
}

export default { render };
