// The enterprise check-up (/guide/checkup/report/): each point's result and notes, kept only in this device's
// local storage, and the risk report drawn from them in Chinese for printing.
import { load } from "./answers.js";
import { fill, make, parseDate, zhDate } from "./values.js";

const KEY = "portal-checkup";
const SEVERITIES = ["high", "medium", "low"];
const root = document.getElementById("ck");
const data = JSON.parse(document.getElementById("ck-data").textContent);
const R = data.report;

let record = load(KEY);

function points() {
  if (!record.points || typeof record.points !== "object") record.points = {};
  return record.points;
}

function restore() {
  for (const input of root.querySelectorAll("[data-ck-field]")) {
    const value = record[input.dataset.ckField];
    input.value = typeof value === "string" ? value : "";
  }
  for (const radio of root.querySelectorAll("[data-ck-point]")) {
    radio.checked = (points()[radio.dataset.ckPoint] || {}).status === radio.value;
  }
  for (const note of root.querySelectorAll("[data-ck-note]")) {
    const value = (points()[note.dataset.ckNote] || {}).note;
    note.value = typeof value === "string" ? value : "";
  }
}

function remember(event) {
  const target = event.target;
  if (target.dataset.ckField) {
    record[target.dataset.ckField] = target.value;
  } else if (target.dataset.ckPoint && target.checked) {
    points()[target.dataset.ckPoint] = { ...points()[target.dataset.ckPoint], status: target.value };
  } else if (target.dataset.ckNote) {
    points()[target.dataset.ckNote] = { ...points()[target.dataset.ckNote], note: target.value };
  } else {
    return;
  }
  localStorage.setItem(KEY, JSON.stringify(record));
  draw();
}

function field(list, label, text, cites) {
  list.append(make("dt", {}, label));
  const value = make("dd", {}, text);
  if (cites) value.append(make("span", { class: "cite" }, `（${R.ckr_basis}：${cites}）`));
  list.append(value);
}

function report(counts, failed) {
  const sheet = make("div", { class: "ck-sheet" });
  sheet.append(make("h1", { class: "ck-sheet__title" }, R.ckr_title));
  const date = parseDate(record.date);
  const parties = make("dl", { class: "ck-sheet__parties" });
  field(parties, R.ckr_enterprise, record.enterprise || "");
  field(parties, R.ckr_date, date ? zhDate(date) : record.date || "");
  field(parties, R.ckr_lawyer, record.lawyer || "");
  sheet.append(parties, make("h2", {}, R.ckr_summary), make("p", {}, fill(R.ckr_counts, counts)));
  if (counts.unchecked) sheet.append(make("p", {}, fill(R.ckr_unchecked, { n: counts.unchecked })));
  if (!failed.length) sheet.append(make("p", {}, R.ckr_none));
  else sheet.append(make("h2", {}, R.ckr_failed));
  for (const [id, point] of failed) {
    const item = make("section", { class: "ck-sheet__item" });
    item.append(make("h3", {}, `${point.n} · ${point.area}（${R.ckr_severity}：${R.ck_sev[point.severity]}）`));
    const list = make("dl", {});
    field(list, R.ckr_requirement, point.requirement, point.requirement_cites);
    field(list, R.ckr_risk, point.risk, point.risk_cites);
    field(list, R.ckr_fix, point.fix);
    const note = (points()[id] || {}).note;
    if (typeof note === "string" && note.trim()) field(list, R.ckr_note, note.trim());
    item.append(list);
    sheet.append(item);
  }
  sheet.append(make("p", { class: "ck-sheet__scope" }, R.ckr_scope), make("p", { class: "ck-sheet__sign" }, R.ckr_sign),
    make("p", { class: "ck-sheet__made" }, fill(R.ckr_made, { url: data.address })));
  return sheet;
}

function draw() {
  const counts = { done: 0, na: 0, failed: 0, unchecked: 0, high: 0, medium: 0, low: 0 };
  const failed = [];
  for (const [id, point] of Object.entries(data.points)) {
    const status = (points()[id] || {}).status;
    if (!status) counts.unchecked += 1;
    else counts.done += 1;
    if (status === "na") counts.na += 1;
    if (status === "fail") {
      counts.failed += 1;
      counts[point.severity] += 1;
      failed.push([id, point]);
    }
  }
  failed.sort(([, a], [, b]) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.n - b.n);
  root.querySelector("[data-ck-progress]").textContent =
    fill(data.labels.ck_progress, { done: counts.done, total: data.total, failed: counts.failed });
  const dateText = (record.date || "").trim();
  const dateError = root.querySelector("[data-ck-date-error]");
  dateError.textContent = dateText && !parseDate(dateText) ? fill(data.labels.ck_bad_date, { value: dateText }) : "";
  root.querySelector("#ck-date").toggleAttribute("aria-invalid", Boolean(dateError.textContent));
  root.querySelector("[data-ck-report]").replaceChildren(report(counts, failed));
}

restore();
draw();
root.addEventListener("input", remember);
root.addEventListener("change", remember);
root.querySelector("[data-ck-print]").addEventListener("click", () => window.print());
root.querySelector("[data-ck-delete]").addEventListener("click", (event) => {
  localStorage.removeItem(KEY);
  record = {};
  restore();
  draw();
  root.querySelector("[data-ck-status]").textContent = event.currentTarget.dataset.deleted;
});
