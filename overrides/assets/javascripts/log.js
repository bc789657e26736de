// The work and pay log page (/log/): forms, calendar, totals, exports. The rules are in ../worklog.js.
//
// Storage, shared with other pages of the site (the documents page reads the log for the evidence list):
// IndexedDB database "portal", object store "worklog" (keyPath "id"), one record per thing:
//   {id: "day-YYYY-MM-DD", kind: "day", date, worked, hours, start, end, site, assignedBy, pieces, note,
//    unpaid, holiday, savedAt}                       — one record per date
//   {id: "pay-<time>-<random>", kind: "payment", date, amount, method, note, savedAt}
//   {id: "wage", kind: "wage", basis: "day"|"hour"|"piece"|"month", rate, savedAt}
// Figures are kept as the worker typed them (text); ../worklog.js reads them. A page that needs another
// store in "portal" opens the database one version higher and creates it; this page does the same for
// "worklog" if it finds the database without it, so the pages never undo each other's stores.
// Nothing leaves the phone; every change is written at once, and the page shows only what was written.
import * as rules from "../worklog.js";

const data = JSON.parse(document.getElementById("log-data").textContent);
const L = data.labels;
const lang = data.lang;
const app = document.querySelector("[data-log-app]");
const $ = (selector, root = app) => root.querySelector(selector);
const STORE = "worklog";

let db = null;
let records = [];          // what is in the store, as last read or written
let lastChange = null;     // {before: record | null, id} for undo
let shownMonth = null;     // "YYYY-MM"

// ── storage ──

function openDatabase(version) {
  return new Promise((resolve, reject) => {
    const request = version ? indexedDB.open("portal", version) : indexedDB.open("portal");
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE, { keyPath: "id" });
    };
    request.onsuccess = () => {
      const database = request.result;
      if (database.objectStoreNames.contains(STORE)) {
        database.onversionchange = () => { database.close(); db = null; };
        resolve(database);
      } else {
        const next = database.version + 1;
        database.close();
        openDatabase(next).then(resolve, reject);
      }
    };
    request.onerror = () => reject(request.error);
    // Another tab holds the database at an older version: say so, and go on when it lets go.
    request.onblocked = () => status(L.storage_blocked);
  });
}

async function database() {
  if (!db) db = await openDatabase();
  return db;
}

function transact(mode, work) {
  return database().then((handle) => new Promise((resolve, reject) => {
    const tx = handle.transaction(STORE, mode);
    const store = tx.objectStore(STORE);
    const result = work(store);
    tx.oncomplete = () => resolve(result && "result" in result ? result.result : undefined);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error("aborted"));
  }));
}

const readAll = () => transact("readonly", (store) => store.getAll());

function storageMessage(error) {
  return error && error.name === "QuotaExceededError" ? L.storage_full : L.storage_failed;
}

// Write, then show: the page's copy changes only once the phone has kept the change.
async function write(puts, deletes = [], message = L.saved, undoable = null) {
  try {
    await transact("readwrite", (store) => {
      for (const record of puts) store.put(record);
      for (const id of deletes) store.delete(id);
    });
  } catch (error) {
    status(storageMessage(error));
    return false;
  }
  records = await readAll().catch(() => applyLocally(puts, deletes));
  lastChange = undoable;
  status(message, Boolean(undoable));
  render();
  return true;
}

function applyLocally(puts, deletes) {
  const byId = new Map(records.map((r) => [r.id, r]));
  for (const id of deletes) byId.delete(id);
  for (const record of puts) byId.set(record.id, record);
  return [...byId.values()];
}

function status(text, undo = false) {
  $("[data-log-status]").textContent = text;
  $("[data-log-undo]").hidden = !undo;
}

// ── dates ──

function today() {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}

function dateText(date) {
  const day = new Date(date + "T00:00:00Z");
  if (lang === "en") {
    return day.toLocaleDateString("en-GB", { timeZone: "UTC", weekday: "short", day: "numeric", month: "long", year: "numeric" })
      .replace(",", "");
  }
  const [y, m, d] = date.split("-").map(Number);
  return `${y}年${m}月${d}日 ${day.toLocaleDateString("zh-CN", { timeZone: "UTC", weekday: "short" })}`;
}

function monthText(month) {
  const [y, m] = month.split("-").map(Number);
  return lang === "zh" ? `${y}年${m}月` : new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString("en-GB",
    { timeZone: "UTC", year: "numeric", month: "long" });
}

function shiftMonth(month, by) {
  const [y, m] = month.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1 + by, 1));
  return date.toISOString().slice(0, 7);
}

// ── the log as the rules see it ──

const log = () => rules.logFromRecords(records);
const dayRecord = (date) => records.find((r) => r.kind === "day" && r.date === date) || null;

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function button(text, onClick, className = "md-button") {
  const node = element("button", text, className);
  node.type = "button";
  node.addEventListener("click", onClick);
  return node;
}

// ── forms ──

const dayForm = $("[data-log-day]");
const wageForm = $("[data-log-wage]");
const paymentForm = $("[data-log-payment]");

function formError(form, text) {
  form.querySelector("[data-log-error]").textContent = text;
}

function fillDay(date) {
  const record = dayRecord(date);
  const last = records.filter((r) => r.kind === "day" && r.worked).sort((a, b) => (a.date < b.date ? 1 : -1))[0] || {};
  const source = record || { worked: true, hours: last.hours || "", start: last.start || "", end: last.end || "",
    site: last.site || "", assignedBy: last.assignedBy || "" };
  const f = dayForm.elements;
  f.date.value = date;
  f.worked.value = source.worked === false ? "no" : "yes";
  for (const name of ["hours", "start", "end", "site", "assignedBy", "pieces", "note"]) f[name].value = source[name] || "";
  f.unpaid.checked = Boolean(source.unpaid);
  f.holiday.checked = Boolean(source.holiday);
  formError(dayForm, "");
}

async function saveDay(event) {
  event.preventDefault();
  const f = dayForm.elements;
  const date = f.date.value;
  if (!rules.isDate(date)) return formError(dayForm, L.error_date);
  const worked = f.worked.value !== "no";
  const record = { id: "day-" + date, kind: "day", date, worked, savedAt: new Date().toISOString() };
  for (const name of ["hours", "start", "end", "site", "assignedBy", "pieces", "note"]) {
    const value = f[name].value.trim();
    if (value) record[name] = value;
  }
  if (f.unpaid.checked) record.unpaid = true;
  if (f.holiday.checked) record.holiday = true;
  if (worked) {
    const hoursGiven = Boolean(record.hours);
    if ((hoursGiven && rules.parseFigure(record.hours, 24) === null) ||
        (!hoursGiven && rules.dayMinutes(record) === 0)) return formError(dayForm, L.error_hours);
  }
  if (record.pieces && rules.parseFigure(record.pieces, 10000000) === null) return formError(dayForm, L.error_amount);
  formError(dayForm, "");
  const before = dayRecord(date);
  shownMonth = date.slice(0, 7);
  await write([record], [], L.saved + " " + dateText(date), { before, id: record.id });
}

async function saveWage(event) {
  event.preventDefault();
  const f = wageForm.elements;
  if (rules.parseFigure(f.rate.value) === null) return formError(wageForm, L.error_rate);
  formError(wageForm, "");
  const before = records.find((r) => r.kind === "wage") || null;
  await write([{ id: "wage", kind: "wage", basis: f.basis.value, rate: f.rate.value.trim(),
    savedAt: new Date().toISOString() }], [], L.saved, { before, id: "wage" });
}

async function savePayment(event) {
  event.preventDefault();
  const f = paymentForm.elements;
  if (!rules.isDate(f.date.value)) return formError(paymentForm, L.error_date);
  if (rules.parseFigure(f.amount.value) === null) return formError(paymentForm, L.error_amount);
  formError(paymentForm, "");
  const editing = paymentForm.dataset.editing;
  const id = editing || `pay-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const before = records.find((r) => r.id === id) || null;
  const record = { id, kind: "payment", date: f.date.value, amount: f.amount.value.trim(), method: f.method.value,
    savedAt: new Date().toISOString() };
  if (f.note.value.trim()) record.note = f.note.value.trim();
  if (await write([record], [], L.saved, { before, id })) {
    delete paymentForm.dataset.editing;
    f.amount.value = "";
    f.note.value = "";
  }
}

async function remove(record) {
  await write([], [record.id], L.deleted, { before: record, id: record.id });
}

async function undo() {
  if (!lastChange) return;
  const { before, id } = lastChange;
  await write(before ? [before] : [], before ? [] : [id], L.saved, null);
}

// ── what is shown ──

function renderCalendar() {
  $("[data-log-month]").textContent = monthText(shownMonth);
  const year = Number(shownMonth.slice(0, 4));
  $("[data-log-calendar-note]").textContent = data.calendar_years.includes(year) ? "" : L.calendar_missing;
  const grid = $("[data-log-grid]");
  grid.replaceChildren();
  const first = new Date(shownMonth + "-01T00:00:00Z");
  const offset = (first.getUTCDay() + 6) % 7;  // Monday first
  for (let i = 0; i < 7; i += 1) {
    const name = new Date(Date.UTC(2024, 0, 1 + i)).toLocaleDateString(lang === "zh" ? "zh-CN" : "en-GB",
      { timeZone: "UTC", weekday: "narrow" });
    const head = element("span", name, "log-weekday");
    head.setAttribute("aria-hidden", "true");
    grid.append(head);
  }
  for (let i = 0; i < offset; i += 1) grid.append(element("span", "", "log-day log-day--blank"));
  const days = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  for (let d = 1; d <= days; d += 1) {
    const date = `${shownMonth}-${String(d).padStart(2, "0")}`;
    const record = dayRecord(date);
    const kind = rules.dayKind(date, record && record.holiday);
    const mark = rules.calendarMark(date);
    const cell = button("", () => { fillDay(date); dayForm.elements.hours.focus(); }, `log-day log-day--${kind}`);
    if (mark) cell.classList.add(`log-day--${mark}`);
    if (record && record.worked) cell.classList.add("log-day--worked");
    cell.append(element("span", String(d), "log-day__number"));
    const tag = record ? (record.worked ? "✓" + rules.hoursText(rules.dayMinutes(record)) : "–")
      : mark === "off" ? (lang === "zh" ? "放" : "off") : mark === "makeup" ? (lang === "zh" ? "班" : "work") : "";
    cell.append(element("span", tag, "log-day__tag"));
    const parts = [dateText(date), L["kind_" + kind]];
    if (mark) parts.push(L["mark_" + mark]);
    if (record) parts.push(record.worked ? `${L.worked} ${rules.hoursText(rules.dayMinutes(record))} ${L.hours_unit}` : L.not_worked);
    cell.setAttribute("aria-label", parts.join(lang === "zh" ? "，" : ", "));
    grid.append(cell);
  }
}

function renderLists() {
  const dayList = $("[data-log-days]");
  dayList.replaceChildren();
  const days = rules.sortedDays(log()).filter((d) => d.date.startsWith(shownMonth));
  for (const day of days) {
    const item = element("li");
    const kind = rules.dayKind(day.date, day.holiday);
    const text = [dateText(day.date), L["kind_" + kind]];
    if (day.worked) {
      text.push(`${rules.hoursText(rules.dayMinutes(day))} ${L.hours_unit}`);
      if (day.start && day.end) text.push(`${day.start}–${day.end}`);
    } else {
      text.push(L.not_worked);
    }
    for (const name of ["site", "assignedBy", "note"]) if (day[name]) text.push(day[name]);
    if (day.unpaid) text.push(L.unpaid);
    item.append(element("span", text.join(" · "), "log-item__text"));
    const actions = element("span", null, "log-item__actions");
    actions.append(button(L.edit, () => { fillDay(day.date); dayForm.elements.date.focus(); }),
      button(L.delete, () => remove(day)));
    item.append(actions);
    dayList.append(item);
  }
  if (!days.length) dayList.append(element("li", L.no_entries));
  const payList = $("[data-log-payments]");
  payList.replaceChildren();
  const payments = rules.sortedPayments(log());
  for (const payment of payments) {
    const item = element("li");
    item.append(element("span", [dateText(payment.date), `${rules.money(Math.round((rules.parseFigure(payment.amount) || 0) * 100))} ${L.yuan}`,
      L["method_" + payment.method], payment.note || ""].filter(Boolean).join(" · "), "log-item__text"));
    const actions = element("span", null, "log-item__actions");
    actions.append(button(L.edit, () => {
      const f = paymentForm.elements;
      f.date.value = payment.date;
      f.amount.value = payment.amount;
      f.method.value = payment.method;
      f.note.value = payment.note || "";
      paymentForm.dataset.editing = payment.id;
      f.amount.focus();
    }), button(L.delete, () => remove(payment)));
    item.append(actions);
    payList.append(item);
  }
  if (!payments.length) payList.append(element("li", L.no_entries));
}

function renderTotals() {
  const t = rules.totals(log());
  const table = $("[data-log-totals]");
  table.replaceChildren();
  const head = element("tr");
  for (const name of ["month", "days", "total_hours", "beyond_workday", "beyond_rest", "beyond_holiday", "due"]) {
    const cell = element("th", L[name]);
    cell.scope = "col";
    head.append(cell);
  }
  const thead = element("thead");
  thead.append(head);
  const tbody = element("tbody");
  const row = (label, values, isTotal) => {
    const tr = element("tr", null, isTotal ? "log-total-row" : "");
    const th = element("th", label);
    th.scope = "row";
    tr.append(th, ...values.map((v) => element("td", v)));
    tr.dataset.month = isTotal ? "all" : label;
    tbody.append(tr);
  };
  for (const m of t.months) {
    row(m.month, [String(m.days), rules.hoursText(m.minutes), rules.hoursText(m.workday), rules.hoursText(m.rest),
      rules.hoursText(m.holiday), t.rateKnown ? rules.money(m.due) : "—"], false);
  }
  row(L.totals, [String(t.days), rules.hoursText(t.minutes), rules.hoursText(t.workday), rules.hoursText(t.rest),
    rules.hoursText(t.holiday), t.rateKnown ? rules.money(t.due) : "—"], true);
  table.append(thead, tbody);

  const owed = $("[data-log-owed]");
  owed.replaceChildren();
  for (const [name, value] of [["due", t.rateKnown ? rules.money(t.due) : "—"], ["received", rules.money(t.received)],
    ["owed", t.rateKnown ? rules.money(t.owed) : "—"], ["unpaid_days", String(t.unpaidDays)]]) {
    const dd = element("dd", value);
    dd.dataset.total = name;
    owed.append(element("dt", L[name]), dd);
  }

  const steps = $("[data-log-steps]");
  steps.replaceChildren();
  for (const step of t.steps) {
    const item = element("li", lang === "zh" ? step.text_zh : step.text_en);
    if (step.cite) item.append(element("span", " " + (data.cites[step.cite] || step.cite), "cite"));
    steps.append(item);
  }

  const links = $("[data-log-links]");
  links.replaceChildren();
  if (t.unpaidWagesFragment) {
    const a = element("a", L.to_unpaid_wages, "md-button");
    a.href = data.tools + "unpaid-wages/" + t.unpaidWagesFragment;
    a.dataset.link = "unpaid-wages";
    const item = element("li");
    item.append(a);
    links.append(item);
  }
  for (const m of t.months) {
    if (!m.overtimeFragment || !m.days) continue;
    const [open, close] = lang === "zh" ? ["（", "）"] : [" (", ")"];
    const a = element("a", `${L.to_overtime}${open}${monthText(m.month)}${close}`, "md-button");
    a.href = data.tools + "overtime/" + m.overtimeFragment;
    a.dataset.link = "overtime-" + m.month;
    const item = element("li");
    item.append(a);
    links.append(item);
  }
}

function renderWage() {
  const wage = records.find((r) => r.kind === "wage");
  if (wage && document.activeElement !== wageForm.elements.rate) {
    wageForm.elements.basis.value = wage.basis;
    wageForm.elements.rate.value = wage.rate;
  }
}

// The printed 记工表 of the month shown: the same rows as the CSV (rules.sheetRows), with the month's totals.
function renderSheet() {
  const sheet = document.querySelector("[data-log-sheet]");
  sheet.replaceChildren();
  const current = log();
  const rows = rules.sheetRows(current, L, shownMonth);
  const t = rules.totals(current);
  const month = t.months.find((m) => m.month === shownMonth);
  sheet.append(element("h2", `${L.sheet_title} ${monthText(shownMonth)}`));
  const who = element("p", null, "log-sheet__who");
  const colon = lang === "zh" ? "：" : ": ";
  who.append(element("span", `${L.sheet_worker}${colon}`), element("span", "", "log-sheet__blank"),
    element("span", `${L.sheet_employer}${colon}`), element("span", "", "log-sheet__blank"));
  sheet.append(who);
  const table = element("table");
  const head = element("tr");
  for (const text of rows.header) head.append(element("th", text));
  const thead = element("thead");
  thead.append(head);
  const body = element("tbody");
  for (const line of rows.rows) {
    const tr = element("tr");
    for (const text of line) tr.append(element("td", text));
    body.append(tr);
  }
  table.append(thead, body);
  sheet.append(table);
  if (rows.payments.length) {
    const pay = element("table");
    const ph = element("tr");
    for (const text of rows.paymentHeader) ph.append(element("th", text));
    pay.append(ph);
    for (const line of rows.payments) {
      const tr = element("tr");
      for (const text of line) tr.append(element("td", text));
      pay.append(tr);
    }
    sheet.append(element("h3", L.payments), pay);
  }
  // Each figure on the sheet is kept on one line ("label figure"), so the paper reads like the CSV.
  const figures = (items) => {
    const list = element("ul", null, "log-sheet__totals");
    for (const text of items) list.append(element("li", text));
    return list;
  };
  const monthFigures = month ? [`${L.days} ${month.days}`, `${L.total_hours} ${rules.hoursText(month.minutes)}`,
    `${L.beyond_workday} ${rules.hoursText(month.workday)}`, `${L.beyond_rest} ${rules.hoursText(month.rest)}`,
    `${L.beyond_holiday} ${rules.hoursText(month.holiday)}`,
    `${L.due} ${t.rateKnown ? rules.plainMoney(month.due) : "—"}`] : [];
  sheet.append(element("h3", `${L.totals} ${monthText(shownMonth)}`), figures(monthFigures),
    element("h3", L.totals), figures([`${L.due} ${t.rateKnown ? rules.plainMoney(t.due) : "—"}`,
      `${L.received} ${rules.plainMoney(t.received)}`, `${L.owed} ${t.rateKnown ? rules.plainMoney(t.owed) : "—"}`,
      `${L.unpaid_days} ${t.unpaidDays}`]));
  const signatures = element("div", null, "log-sheet__signatures");
  signatures.append(element("h3", L.sheet_signatures));
  for (const name of ["sheet_sign_worker", "sheet_sign_coworker", "sheet_sign_coworker", "sheet_sign_foreman"]) {
    const line = element("p", null, "log-sheet__sign");
    line.append(element("span", `${L[name]}${colon}`), element("span", "", "log-sheet__blank"),
      element("span", `${L.sheet_date}${colon}`), element("span", "", "log-sheet__blank log-sheet__blank--short"));
    signatures.append(line);
  }
  sheet.append(signatures);
}

function render() {
  renderWage();
  renderCalendar();
  renderLists();
  renderTotals();
  renderSheet();
}

// ── exports ──

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = element("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function restore(event) {
  const file = event.target.files && event.target.files[0];
  event.target.value = "";
  if (!file) return;
  const parsed = rules.parseBackup(await file.text());
  if (parsed.error) return status(parsed.error[lang]);
  // Merged by id: a restore never deletes what is already on this phone.
  if (await write(parsed.records, [], L.restored)) {
    const days = rules.sortedDays(log());
    if (days.length) {
      shownMonth = days[days.length - 1].date.slice(0, 7);
      render();
    }
  }
}

async function clearAll() {
  if (!window.confirm(L.clear_confirm)) return;
  try {
    await transact("readwrite", (store) => store.clear());
  } catch (error) {
    return status(storageMessage(error));
  }
  records = [];
  lastChange = null;
  status(L.cleared);
  render();
}

async function askToKeep() {
  const note = $("[data-log-storage]");
  if (!navigator.storage || !navigator.storage.persist) return;
  try {
    const kept = (await navigator.storage.persisted()) || (await navigator.storage.persist());
    note.textContent = kept ? L.storage_persisted : L.storage_not_persisted;
  } catch (error) {
    note.textContent = L.storage_not_persisted;
  }
}

async function start() {
  $("[data-log-noscript]").hidden = true;
  shownMonth = today().slice(0, 7);
  dayForm.addEventListener("submit", saveDay);
  dayForm.elements.date.addEventListener("change", () => {
    if (rules.isDate(dayForm.elements.date.value)) fillDay(dayForm.elements.date.value);
  });
  wageForm.addEventListener("submit", saveWage);
  paymentForm.addEventListener("submit", savePayment);
  $("[data-log-undo]").addEventListener("click", undo);
  $("[data-log-today]").addEventListener("click", () => { fillDay(today()); $("[data-log-save]").focus(); });
  $("[data-log-prev]").addEventListener("click", () => { shownMonth = shiftMonth(shownMonth, -1); render(); });
  $("[data-log-next]").addEventListener("click", () => { shownMonth = shiftMonth(shownMonth, 1); render(); });
  $("[data-log-print]").addEventListener("click", () => { renderSheet(); window.print(); });
  $("[data-log-csv]").addEventListener("click", () =>
    download(`worklog-${today()}.csv`, rules.toCsv(rules.csvLines(log(), L)), "text/csv;charset=utf-8"));
  $("[data-log-backup]").addEventListener("click", () =>
    download(`worklog-backup-${today()}.json`, rules.backup(records, new Date().toISOString()), "application/json"));
  $("[data-log-restore]").addEventListener("change", restore);
  $("[data-log-clear]").addEventListener("click", clearAll);
  fillDay(today());
  paymentForm.elements.date.value = today();
  if (!window.indexedDB) {
    status(L.storage_unavailable);
    return;
  }
  try {
    records = await readAll();
  } catch (error) {
    status(L.storage_unavailable);
    return;
  }
  const days = rules.sortedDays(log());
  if (days.length && !days.some((d) => d.date.startsWith(shownMonth))) shownMonth = days[days.length - 1].date.slice(0, 7);
  for (const control of app.querySelectorAll("button[disabled]")) control.disabled = false;
  render();
  app.dataset.ready = "true";
  askToKeep();
}

start();
