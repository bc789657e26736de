// The Chinese paper form of a document, the check before printing, and the case summary with its QR code.
// Loaded by documents.js only when a page needs them, so a first visit loads the questions alone.
import { L, P, act, byId, data, digits, keep, make, fill, parseDate, yuan, zhDate } from "./values.js";

export function printedValue(question, value, slug) {
  const text = typeof value === "string" ? value.trim() : "";
  if (!text) return "";
  if (question.kind === "choice") {
    const choice = question.choices[text];
    return choice ? choice.printed || choice.text : text;
  }
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

export function claimLine(item) {
  const text = (item["claim-text"] || "").trim();
  const amount = digits(item["claim-amount"] || "");
  if (!amount || !/^\d+(\.\d+)?$/.test(amount) || text.includes(yuan(amount))) return text;
  return `${text}（${yuan(amount)}${P.p_amount_unit}）`;
}

// The most characters a QR code's address may have here: version 25 at error correction L holds 1,273 bytes;
// denser codes are hard to scan from a phone screen or a printed page.
export const QR_LIMIT = 1200;

const style = document.createElement("link");
style.rel = "stylesheet";
style.href = new URL("../stylesheets/paper.css", import.meta.url).href;
const styled = new Promise((resolve) => { style.onload = style.onerror = resolve; });
document.head.append(style);
keep([import.meta.url, style.href]);
// The module is ready once its stylesheet is: a paper drawn before would show unstyled, then jump.
await styled;

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

export function paper(answers) {
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
      const question = byId[id];
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

// The answers to check, each a button back to its question, and the paper as it will print.
export function review(answers, edit) {
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
    button.addEventListener("click", () => edit(i));
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
}

let shown = null;

// The summary: from the address after "#s=" when opened from a QR code, else from this phone's answers. The QR
// code is drawn when asked for, or before printing, so a first visit does not load the encoder.
export async function summary(answers) {
  const review = act.querySelector("[data-act-review]");
  const button = act.querySelector("[data-act-qr-show]");
  act.querySelector("[data-act-answers]").hidden = true;
  shown = answers;
  if (location.hash.startsWith("#s=")) {
    try {
      shown = await decode(location.hash.slice(3));
      act.querySelector("[data-act-shared]").hidden = false;
    } catch {
      shown = answers;
    }
  }
  paper(shown);
  review.hidden = false;
  act.querySelector("[data-act-qr]").hidden = false;
  act.querySelector("[data-act-private]").hidden = false;
  // Another summary's address pasted into this page: show that one.
  window.addEventListener("hashchange", () => location.reload());
  let drawn = null;
  const draw = () => {
    drawn = drawn || qrCodes(shown).then(() => {
      button.hidden = true;
      keep([new URL("./vendor/qrcode-generator.js", import.meta.url).href]);
    });
    return drawn;
  };
  button.addEventListener("click", draw);
  act.querySelector("[data-act-print]").addEventListener("click", async () => {
    await draw();
    window.print();
  });
}

export function forgotten() {
  if (!location.hash.startsWith("#s=")) {
    shown = {};
    paper(shown);
    act.querySelector("[data-act-qr-codes]").replaceChildren();
    act.querySelector("[data-act-qr-left-out]").hidden = true;
  }
}
