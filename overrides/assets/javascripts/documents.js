// The fill-in documents (/act/): one question at a time, answers kept only on this phone (answers.js), the
// Chinese paper form laid out for printing, and on the case summary a QR code that carries the summary in the
// address after "#" (never sent to a server). Every word comes from the page's JSON; nothing is fetched.
import { forget, load, save } from "./answers.js";

const lang = document.documentElement.lang === "en" ? "en" : "zh";
const act = document.getElementById("act");
const dataNode = document.getElementById("act-data");
const data = dataNode ? JSON.parse(dataNode.textContent) : null;
const L = data ? data.labels : {};
const P = data ? data.printed : {};
// The most characters a QR code's address may have here: version 25 at error correction L holds 1,273 bytes;
// denser codes are hard to scan from a phone screen or a printed page.
export const QR_LIMIT = 1200;

const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ""));
const make = (tag, attributes = {}, text = null) => {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (text !== null) element.textContent = text;
  return element;
};

// ── values: dates, money, checks ──

function parseDate(text) {
  const match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(String(text || "").trim());
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date;
}

const iso = (date) => date.toISOString().slice(0, 10);
const zhDate = (date) => `${date.getUTCFullYear()}年${date.getUTCMonth() + 1}月${date.getUTCDate()}日`;
const digits = (text) => String(text).trim().replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
  .replaceAll(",", "").replaceAll("，", "");
const yuan = (amount) => Number(amount).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function check(question, value, all) {
  if (question.kind === "list") return question.required && !(value || []).length ? L.act_need_item : "";
  const text = typeof value === "string" ? value.trim() : "";
  if (!text) return question.required ? (question.kind === "choice" ? L.act_choose : L.act_required) : "";
  if (question.max && text.length > question.max) return fill(L.act_too_long, { max: question.max });
  if (question.kind === "date") {
    const date = parseDate(text);
    if (date === null) return fill(L.act_bad_date, { value: text });
    if (iso(date) < "1900-01-01" || iso(date) > "2100-12-31") return L.act_date_range;
    const other = question.after && parseDate(all[question.after]);
    if (other && date < other) {
      return fill(L.act_before, { other: data.all[question.after].question.replace(/[？?]$/, ""), date: iso(other) });
    }
  }
  if ((question.kind === "money" || question.kind === "number") && !/^\d+(\.\d{1,2})?$/.test(digits(text))) {
    return L.act_bad_number;
  }
  return "";
}

// ── the paper form (always Chinese) ──

function printedValue(question, value, slug) {
  const text = typeof value === "string" ? value.trim() : "";
  if (!text) return "";
  if (question.kind === "choice") return (question.choices[text] || {}).printed || text;
  if (question.kind === "money") return /^\d+(\.\d+)?$/.test(digits(text)) ? `${yuan(digits(text))}${P.p_amount_unit}` : text;
  if (question.kind === "date") {
    const date = parseDate(text);
    if (!date) return text;
    if (question.id === "worker-birth" && slug === "arbitration-application") {
      const now = new Date();
      let age = now.getFullYear() - date.getUTCFullYear();
      if (now.getMonth() < date.getUTCMonth() || (now.getMonth() === date.getUTCMonth() && now.getDate() < date.getUTCDate())) age -= 1;
      return `${zhDate(date)}（${P.p_age}${age}${P.p_age_unit}）`;
    }
    return zhDate(date);
  }
  return text;
}

function claimLine(item) {
  const text = (item["claim-text"] || "").trim();
  const amount = digits(item["claim-amount"] || "");
  if (!amount || !/^\d+(\.\d+)?$/.test(amount) || text.includes(yuan(amount))) return text;
  return `${text}（${yuan(amount)}${P.p_amount_unit}）`;
}

function paperList(question, items) {
  if (!items.length) return make("p", { class: "paper-blank" }, P.p_none);
  if (question.id === "claims") {
    const box = make("div");
    const list = make("ol", { class: "paper-claims" });
    let total = 0;
    for (const item of items) {
      list.append(make("li", {}, claimLine(item)));
      const amount = Number(digits(item["claim-amount"] || ""));
      if (Number.isFinite(amount)) total += amount;
    }
    box.append(list);
    if (total > 0) box.append(make("p", { class: "paper-total" }, `${P.p_total}：${yuan(Math.round(total * 100) / 100)}${P.p_amount_unit}`));
    return box;
  }
  const table = make("table", { class: "paper-list" });
  const head = make("tr");
  head.append(make("th", { scope: "col" }, "#"));
  for (const sub of question.items) head.append(make("th", { scope: "col" }, sub.printed));
  table.append(make("thead"));
  table.firstChild.append(head);
  const body = make("tbody");
  items.forEach((item, i) => {
    const row = make("tr");
    row.append(make("td", {}, String(i + 1)));
    for (const sub of question.items) row.append(make("td", {}, printedValue(sub, item[sub.id], data.slug)));
    body.append(row);
  });
  table.append(body);
  return table;
}

function paper(answers) {
  const sheet = act.querySelector("[data-act-paper]");
  sheet.replaceChildren();
  sheet.append(make("h1", { class: "paper-title" }, data.printed_title));
  const annexes = [];
  for (const section of data.sections) {
    sheet.append(make("h2", { class: "paper-section" }, section.printed));
    let rows = make("table", { class: "paper-fields" });
    const flush = () => {
      if (rows.childElementCount) sheet.append(rows);
      rows = make("table", { class: "paper-fields" });
    };
    const alone = section.fields.length === 1;
    for (const id of section.fields) {
      const question = data.all[id];
      if (question.kind === "list") {
        const items = Array.isArray(answers[id]) ? answers[id] : [];
        flush();
        if (!alone) sheet.append(make("h3", { class: "paper-subsection" }, question.printed));
        sheet.append(paperList(question, items));
        if (id === "claims") annexes.push(...items.filter((item) => item.annex));
      } else if (question.kind === "long-text") {
        // Long text flows on as paragraphs, onto the next page if it must.
        const value = printedValue(question, answers[id], data.slug);
        flush();
        if (!alone && question.printed !== section.printed) {
          sheet.append(make("h3", { class: "paper-subsection" }, question.printed));
        }
        sheet.append(make("p", { class: value ? "paper-long" : "paper-blank paper-blank--long" }, value));
      } else {
        const value = printedValue(question, answers[id], data.slug);
        const row = make("tr");
        row.append(make("th", { scope: "row" }, question.printed));
        row.append(make("td", value ? {} : { class: "paper-blank" }, value));
        rows.append(row);
      }
    }
    flush();
  }
  if (data.slug === "summary" && answers.deadline) {
    sheet.append(make("h2", { class: "paper-section" }, P.p_deadline));
    const deadline = parseDate(answers.deadline.date || "");
    sheet.append(make("p", { class: "paper-deadline" }, deadline ? zhDate(deadline) : answers.deadline.text || ""));
  }
  if (data.slug === "arbitration-application") sheet.append(make("p", { class: "paper-note" }, P.p_copies));
  for (const label of data.signature) {
    const line = make("p", { class: "paper-sign" });
    line.append(make("span", {}, label + "："), make("span", { class: "paper-sign__line" }));
    sheet.append(line);
  }
  annexes.forEach((item, i) => {
    const annex = make("section", { class: "paper-annex" });
    annex.append(make("h2", { class: "paper-section" }, fill(P.p_annex_title, { n: i + 1, title: item.annex.title })));
    annex.append(make("p", {}, claimLine(item)));
    const inputs = make("table", { class: "paper-fields" });
    for (const [label, value] of item.annex.inputs || []) {
      const row = make("tr");
      row.append(make("th", { scope: "row" }, label), make("td", {}, String(value)));
      inputs.append(row);
    }
    annex.append(make("h3", { class: "paper-subsection" }, P.p_entered), inputs);
    const steps = make("ol", { class: "paper-steps" });
    for (const step of item.annex.steps || []) steps.append(make("li", {}, step));
    annex.append(steps);
    if (item.annex.link) annex.append(make("p", { class: "paper-link" }, item.annex.link));
    sheet.append(annex);
  });
  sheet.append(make("p", { class: "paper-made" }, P.p_made));
}

// ── one question at a time ──

let answers = load();
let step = 0;

function inputFor(question, prefix, value) {
  const id = `${prefix}${question.id}`;
  const described = [`${id}-meaning`];
  const box = make("div", { class: "act-field" });
  const note = make("p", { class: "act-meaning", id: `${id}-meaning` }, question.meaning);
  const extra = make("p", { class: "act-hint", id: `${id}-hint` });
  if (question.example) extra.append(make("span", {}, `${L.act_example}${question.example}`), " ");
  extra.append(make("span", { lang: "zh-Hans" }, `${L.act_on_form}${question.printed}`));
  described.push(`${id}-hint`);
  const title = question.question + (question.required ? "" : ` ${L.act_optional}`);
  if (question.kind === "choice") {
    const group = make("fieldset", { class: "act-choices", "aria-describedby": described.join(" ") });
    group.append(make("legend", {}, title), note, extra);
    for (const [choice, text] of Object.entries(question.choices)) {
      const label = make("label", { class: "act-choice" });
      const radio = make("input", { type: "radio", name: id, value: choice });
      radio.checked = value === choice;
      radio.dataset.field = question.id;
      label.append(radio, " ", text.text);
      group.append(label);
    }
    box.append(group);
    return box;
  }
  box.append(make("label", { for: id }, title), note, extra);
  const input = question.kind === "long-text" ? make("textarea", { rows: "8" }) : make("input", { type: "text" });
  input.id = id;
  input.dataset.field = question.id;
  input.setAttribute("aria-describedby", described.join(" "));
  input.setAttribute("autocomplete", "off");
  if (question.kind === "date") {
    input.setAttribute("inputmode", "numeric");
    input.setAttribute("placeholder", "2025-03-10");
  } else if (question.kind === "money" || question.kind === "number") {
    input.setAttribute("inputmode", "decimal");
  } else if (question.id === "worker-phone") {
    input.setAttribute("inputmode", "tel");
  }
  input.value = typeof value === "string" ? value : "";
  box.append(input);
  return box;
}

function readField(container, question, prefix) {
  if (question.kind === "choice") {
    const checked = container.querySelector(`input[name="${prefix}${question.id}"]:checked`);
    return checked ? checked.value : "";
  }
  const input = container.querySelector(`#${prefix}${question.id}`);
  return input ? input.value : "";
}

function listStep(question, container) {
  const items = Array.isArray(answers[question.id]) ? answers[question.id] : [];
  const box = make("div", { class: "act-field" });
  box.append(make("h2", { class: "act-list-title", id: "act-list-title" }, question.question +
    (question.required ? "" : ` ${L.act_optional}`)));
  box.append(make("p", { class: "act-meaning" }, question.meaning));
  if (question.example) box.append(make("p", { class: "act-hint" }, `${L.act_example}${question.example}`));
  box.append(make("p", { class: "act-items-title" }, L.act_items));
  const list = make("ol", { class: "act-items", "aria-labelledby": "act-list-title" });
  items.forEach((item, i) => {
    const entry = make("li");
    const first = question.items[0];
    const text = question.id === "claims" ? claimLine(item) : printedValue(first, item[first.id], data.slug);
    entry.append(make("span", { lang: "zh-Hans" }, text));
    if (item.annex) entry.append(" ", make("span", { class: "act-from-tool" }, L.act_from_tool));
    const remove = make("button", { type: "button", class: "md-button act-remove" }, `${L.act_remove_item} ${i + 1}`);
    remove.addEventListener("click", () => {
      items.splice(i, 1);
      answers[question.id] = items;
      save(answers);
      showStep(step);
    });
    entry.append(" ", remove);
    list.append(entry);
  });
  if (!items.length) box.append(make("p", { class: "act-no-items" }, L.act_no_items));
  box.append(list);
  const add = make("fieldset", { class: "act-add" });
  add.append(make("legend", {}, L.act_add_item));
  for (const sub of question.items) add.append(inputFor(sub, "act-item-", ""));
  const addButton = make("button", { type: "button", class: "md-button act-add-button" }, L.act_add_item);
  addButton.addEventListener("click", () => {
    if (addItem(question, container)) showStep(step);
  });
  add.append(addButton);
  box.append(add);
  return box;
}

// Adds the item typed in the list's small form; false (with the message shown) when it is not right.
function addItem(question, container) {
  const item = {};
  for (const sub of question.items) {
    const value = readField(container, sub, "act-item-");
    const problem = check(sub, value, item);
    if (problem) {
      showError(`${sub.question}${lang === "zh" ? "：" : ": "}${problem}`, container.querySelector(`[data-field="${sub.id}"]`));
      return false;
    }
    if (value.trim()) item[sub.id] = value.trim();
  }
  const items = Array.isArray(answers[question.id]) ? answers[question.id] : [];
  items.push(item);
  answers[question.id] = items;
  save(answers);
  return true;
}

function showError(message, field) {
  const error = act.querySelector("[data-act-error]");
  error.textContent = message;
  for (const element of act.querySelectorAll("[aria-invalid]")) element.removeAttribute("aria-invalid");
  if (field) {
    field.setAttribute("aria-invalid", "true");
    field.focus();
  }
}

function showStep(index) {
  const form = act.querySelector("[data-act-form]");
  const review = act.querySelector("[data-act-review]");
  step = index;
  act.querySelector("[data-act-error]").textContent = "";
  if (index >= data.questions.length) {
    form.hidden = true;
    showReview();
    return;
  }
  review.hidden = true;
  form.hidden = false;
  const question = data.questions[index];
  const section = data.sections.find((s) => s.fields.includes(question.id));
  act.querySelector("[data-act-count]").textContent =
    `${fill(L.act_count, { n: index + 1, total: data.questions.length })} · ${section.heading}`;
  const holder = act.querySelector("[data-act-question]");
  holder.replaceChildren(question.kind === "list" ? listStep(question, holder) : inputFor(question, "act-q-", answers[question.id]));
  act.querySelector("[data-act-back]").hidden = index === 0;
}

function next(event) {
  event.preventDefault();
  const question = data.questions[step];
  const holder = act.querySelector("[data-act-question]");
  if (question.kind === "list") {
    // Something typed in the list's form but not added yet is added now, not lost.
    const typed = question.items.some((sub) => readField(holder, sub, "act-item-").trim());
    if (typed && !addItem(question, holder)) return;
  } else {
    answers[question.id] = readField(holder, question, "act-q-");
    save(answers);
  }
  const problem = check(question, answers[question.id], answers);
  if (problem) {
    showError(problem, holder.querySelector(`[data-field="${question.id}"]`) || holder.querySelector("button, input"));
    return;
  }
  showStep(step + 1);
  focusQuestion();
}

function focusQuestion() {
  if (act.querySelector("[data-act-form]").hidden) return;
  const focus = act.querySelector("[data-act-question] [data-field], [data-act-question] h2");
  if (focus) {
    if (focus.tagName === "H2") focus.setAttribute("tabindex", "-1");
    focus.focus();
  }
}

function showReview() {
  const review = act.querySelector("[data-act-review]");
  const list = act.querySelector("[data-act-answers]");
  list.replaceChildren();
  data.questions.forEach((question, i) => {
    const value = answers[question.id];
    const shown = question.kind === "list"
      ? (Array.isArray(value) ? value : []).map((item) => question.id === "claims" ? claimLine(item)
        : printedValue(question.items[0], item[question.items[0].id], data.slug)).join("；")
      : question.kind === "choice" ? ((question.choices[value] || {}).text || "") : (value || "");
    const entry = make("li");
    const button = make("button", { type: "button", class: "act-edit" });
    button.append(make("span", { class: "act-edit__question" }, question.question),
      make("span", { class: "act-edit__answer" }, shown || L.act_empty),
      make("span", { class: "act-edit__change" }, L.act_edit));
    button.addEventListener("click", () => {
      showStep(i);
      focusQuestion();
    });
    entry.append(button);
    list.append(entry);
  });
  paper(answers);
  review.hidden = false;
  review.querySelector("h2").focus();
}

// ── the case summary and its QR code ──

function b64url(bytes) {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function unb64url(text) {
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

// "z" + deflate-raw (the browser's own CompressionStream) + base64url; "j" + plain JSON where it is missing.
async function encode(value) {
  const json = new TextEncoder().encode(JSON.stringify(value));
  if (typeof CompressionStream === "function") {
    const stream = new Blob([json]).stream().pipeThrough(new CompressionStream("deflate-raw"));
    return "z" + b64url(new Uint8Array(await new Response(stream).arrayBuffer()));
  }
  return "j" + b64url(json);
}

async function decode(text) {
  const bytes = unb64url(text.slice(1));
  if (text[0] === "z") {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return JSON.parse(await new Response(stream).text());
  }
  return JSON.parse(new TextDecoder().decode(bytes));
}

function summaryAnswers(source, leaveOut = []) {
  const out = {};
  for (const id of data.sections.flatMap((s) => s.fields)) {
    if (leaveOut.includes(id) || source[id] === undefined || source[id] === "") continue;
    const value = source[id];
    // Claims go without their annex: the working stays on the worker's phone and paper.
    out[id] = Array.isArray(value) ? value.map(({ annex, tool, ...rest }) => rest) : value;
  }
  if (source.deadline && source.deadline.date) out.deadline = { date: source.deadline.date };
  return out;
}

async function qrCodes(source) {
  const box = act.querySelector("[data-act-qr]");
  const codes = act.querySelector("[data-act-qr-codes]");
  const leftOut = act.querySelector("[data-act-qr-left-out]");
  codes.replaceChildren();
  leftOut.hidden = true;
  const base = new URL(data.summary_url, location.href).href.split("#")[0];
  let address = base + "#s=" + await encode(summaryAnswers(source));
  if (address.length > QR_LIMIT) {
    address = base + "#s=" + await encode(summaryAnswers(source, ["facts"]));
    leftOut.textContent = L.act_qr_left_out;
    leftOut.hidden = false;
  }
  if (address.length > QR_LIMIT) {
    leftOut.textContent = L.act_qr_too_big;
    box.hidden = false;
    return;
  }
  const { qrcode } = await import("./vendor/qrcode-generator.js");
  const code = qrcode(0, "L");
  code.addData(address, "Byte");
  code.make();
  const count = code.getModuleCount();
  const svgNS = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(svgNS, "svg");
  svg.setAttribute("viewBox", `-4 -4 ${count + 8} ${count + 8}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", L.act_qr_title);
  svg.setAttribute("class", "act-qr__code");
  const background = document.createElementNS(svgNS, "rect");
  for (const [name, value] of [["x", -4], ["y", -4], ["width", count + 8], ["height", count + 8], ["fill", "#fff"]]) {
    background.setAttribute(name, value);
  }
  svg.append(background);
  let path = "";
  for (let row = 0; row < count; row += 1) {
    for (let col = 0; col < count; col += 1) if (code.isDark(row, col)) path += `M${col} ${row}h1v1h-1z`;
  }
  const dark = document.createElementNS(svgNS, "path");
  dark.setAttribute("d", path);
  dark.setAttribute("fill", "#000");
  svg.append(dark);
  codes.append(svg);
  codes.dataset.address = address;
  box.hidden = false;
}

async function showSummary() {
  const review = act.querySelector("[data-act-review]");
  act.querySelector("[data-act-answers]").hidden = true;
  let source = answers;
  if (location.hash.startsWith("#s=")) {
    try {
      source = await decode(location.hash.slice(3));
      act.querySelector("[data-act-shared]").hidden = false;
    } catch {
      source = answers;
    }
  }
  paper(source);
  review.hidden = false;
  await qrCodes(source);
}

// ── on every /act/ page ──

function wireDelete() {
  for (const button of document.querySelectorAll("[data-act-delete]")) {
    button.addEventListener("click", () => {
      forget();
      answers = {};
      const status = document.querySelector("[data-act-status]");
      status.textContent = button.dataset.deleted || L.act_deleted;
      if (act && data.slug !== "summary") showStep(0);
      else if (act) {
        paper(location.hash.startsWith("#s=") ? {} : answers);
        act.querySelector("[data-act-qr]").hidden = true;
      }
    });
  }
}

// Keep the case summary and its QR encoder offline from the first visit of any /act/ page, so a code scanned
// on another phone that has visited the site opens without a network.
function keepSummaryOffline(summaryUrl) {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.ready.then((registration) => {
    const here = (path) => new URL(path, import.meta.url).href;
    registration.active.postMessage({
      page: new URL(summaryUrl, location.href).href.split("#")[0],
      keep: [here("./documents.js"), here("./answers.js"), here("./vendor/qrcode-generator.js"),
        here("../stylesheets/documents.css")],
    });
  }).catch(() => {});
}

wireDelete();
if (!act) {
  keepSummaryOffline(document.querySelector("[data-act-index]").dataset.summary);
} else {
  keepSummaryOffline(data.summary_url);
  if (data.slug === "summary") {
    showSummary();
  } else {
    const form = act.querySelector("[data-act-form]");
    form.addEventListener("submit", next);
    act.querySelector("[data-act-back]").addEventListener("click", () => {
      showStep(Math.max(0, step - 1));
      focusQuestion();
    });
    // A half-typed answer is kept as it is typed, so a mistake or a closed tab loses nothing.
    act.addEventListener("input", (event) => {
      const field = event.target.dataset && event.target.dataset.field;
      if (field && (event.target.id.startsWith("act-q-") || event.target.name.startsWith("act-q-"))) {
        answers[field] = event.target.value;
        save(answers);
      }
    });
    // Coming back: to the first required question still unanswered, or to the check when all are answered.
    const open = data.questions.findIndex((q) => q.required && check(q, answers[q.id], answers));
    showStep(open >= 0 ? open : data.questions.length);
  }
  act.querySelector("[data-act-print]").addEventListener("click", () => window.print());
}
