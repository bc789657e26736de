// The rules of the work and pay log (/log/), in one place. Pure functions: plain objects in, plain objects
// out; dates are "YYYY-MM-DD", times "HH:MM", money is yuan given as text or number and kept in fen inside.
// The page script (javascripts/log.js) and the tests (tests/worklog_example.yaml, worked by hand) use this
// module as it is published at /assets/worklog.js.
//
// A log is {wage: {basis, rate}, days: [day], payments: [payment]}:
//   day     = {id, date, worked, hours?, start?, end?, site?, assignedBy?, pieces?, note?, unpaid?, holiday?}
//   payment = {id, date, amount, method: "cash"|"transfer"|"wechat"|"alipay"|"advance", note?}
//   wage    = {basis: "day"|"hour"|"piece"|"month", rate}
// How the totals are counted, stated once (and shown on the page with the articles they rest on):
// - the standard is 8 hours a day and 40 a week (working-hours-provisions 3; labour-law 36): on a working
//   day the hours beyond 8 are beyond the standard; on a rest day or a public holiday every hour is;
// - a day's kind comes from the State Council calendar in holidays.js: a listed day off is a rest day, a
//   make-up working day (调休上班) a working day, otherwise Saturday and Sunday are rest days. The public
//   holiday days themselves (public-holidays-measures: 1 January, 1–2 May, 1–3 October; the lunar ones are
//   marked by the worker, `holiday: true`) count as public holidays;
// - pay due at the agreed rate: per day × days worked, per hour × hours, per piece × pieces; a monthly wage
//   is paid per month, and a month with fewer days logged is counted as wage ÷ 21.75 × days, at most the
//   monthly wage (wage-conversion-notice); owed = due − received.
// Money is rounded half-up to the fen; hours are counted in minutes.

import { CALENDAR } from "./holidays.js";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DECIMAL = /^(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d{1,2})?$/;
const OFF = new Set(CALENDAR.off);
const WORK = new Set(CALENDAR.work);
// Public holidays on fixed dates (public-holidays-measures, Art. 2); lunar ones vary by year.
const FIXED_HOLIDAYS = new Set(["01-01", "05-01", "05-02", "10-01", "10-02", "10-03"]);
export const STANDARD_MINUTES = 8 * 60;
export const PAID_DAYS_A_MONTH = 21.75;
export const METHODS = ["cash", "transfer", "wechat", "alipay", "advance"];
export const BASES = ["day", "hour", "piece", "month"];
export const MAX_MONEY = 100000000;

// ── figures and dates ──

export function isDate(text) {
  const match = typeof text === "string" && DATE.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text && text >= "1990-01-01" && text <= "2100-12-31";
}

// A figure as a person types it ("300", "2,500.50", full-width digits): the number, or null if it is not one.
export function parseFigure(value, max = MAX_MONEY) {
  if (typeof value === "number") value = String(value);
  if (typeof value !== "string") return null;
  const text = value.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/．/g, ".").replace(/，/g, ",");
  if (!DECIMAL.test(text)) return null;
  const figure = Number(text.replaceAll(",", ""));
  return figure <= max ? figure : null;
}

const fen = (yuan) => Math.round(Number((yuan * 100).toPrecision(12)));

// 1234.5 → "1234.50" (for links and CSV: no grouping commas, so a spreadsheet reads a number)
export const plainMoney = (cents) => (cents / 100).toFixed(2);
// 1234.5 → "1,234.50"
export const money = (cents) => (cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
// 600 minutes → "10", 570 → "9.5", 500 → "8.33"
export const hoursText = (minutes) => String(Math.round(minutes / 0.6) / 100);

export function dayKind(date, markedHoliday = false) {
  if (markedHoliday || FIXED_HOLIDAYS.has(date.slice(5))) return "holiday";
  if (OFF.has(date)) return "rest";
  if (WORK.has(date)) return "work";
  const weekday = new Date(date + "T00:00:00Z").getUTCDay();
  return weekday === 0 || weekday === 6 ? "rest" : "work";
}

// What the calendar shows for a day: a listed day off, a make-up working day, or nothing special.
export function calendarMark(date) {
  if (OFF.has(date)) return "off";
  if (WORK.has(date)) return "makeup";
  return null;
}

export const calendarCovers = (year) => CALENDAR.years.includes(year);

// Minutes worked on a day: the hours written, or from start to end (past midnight when end ≤ start).
export function dayMinutes(day) {
  if (!day.worked) return 0;
  const hours = parseFigure(day.hours, 24);
  if (hours !== null && String(day.hours).trim() !== "") return Math.round(hours * 60);
  const start = TIME.exec(day.start || ""), end = TIME.exec(day.end || "");
  if (!start || !end) return 0;
  let minutes = (Number(end[1]) * 60 + Number(end[2])) - (Number(start[1]) * 60 + Number(start[2]));
  if (minutes <= 0) minutes += 24 * 60;
  return minutes;
}

// The minutes of a worked day that are beyond the standard, by the kind of day.
export function dayOvertime(day) {
  const minutes = dayMinutes(day);
  const kind = dayKind(day.date, day.holiday);
  return {
    kind,
    workday: kind === "work" ? Math.max(0, minutes - STANDARD_MINUTES) : 0,
    rest: kind === "rest" ? minutes : 0,
    holiday: kind === "holiday" ? minutes : 0,
  };
}

export function sortedDays(log) {
  return [...(log.days || [])].filter((d) => isDate(d.date)).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export function sortedPayments(log) {
  return [...(log.payments || [])].filter((p) => isDate(p.date)).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

// The agreed monthly wage the overtime calculator works from: a day rate × 21.75, an hour rate × 8 × 21.75
// (wage-conversion-notice); none for piece rates.
export function monthlyWage(wage) {
  const rate = parseFigure(wage && wage.rate);
  if (rate === null) return null;
  switch (wage.basis) {
    case "day": return fen(rate * PAID_DAYS_A_MONTH);
    case "hour": return fen(rate * 8 * PAID_DAYS_A_MONTH);
    case "month": return fen(rate);
    default: return null;
  }
}

function monthDue(wage, month) {
  const rate = parseFigure(wage && wage.rate);
  if (rate === null) return 0;
  const rateFen = fen(rate);
  switch (wage.basis) {
    case "day": return rateFen * month.days;
    case "hour": return Math.round(rateFen * month.minutes / 60);
    case "piece": return fen(rate * month.pieces);
    case "month": return Math.min(rateFen, Math.round(rateFen * month.days / PAID_DAYS_A_MONTH));
    default: return 0;
  }
}

const fragment = (fields) => "#" + Object.entries(fields).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&");

// Everything the page shows under "totals": per month and for the whole log, the working, and the links.
export function totals(log) {
  const wage = log.wage || {};
  const byMonth = new Map();
  for (const day of sortedDays(log)) {
    const key = day.date.slice(0, 7);
    if (!byMonth.has(key)) {
      byMonth.set(key, { month: key, entries: 0, days: 0, minutes: 0, workday: 0, rest: 0, holiday: 0, pieces: 0,
        unpaidDays: 0, first: null, last: null });
    }
    const month = byMonth.get(key);
    month.entries += 1;
    if (!day.worked) continue;
    const extra = dayOvertime(day);
    month.days += 1;
    month.minutes += dayMinutes(day);
    month.workday += extra.workday;
    month.rest += extra.rest;
    month.holiday += extra.holiday;
    month.pieces += parseFigure(day.pieces, 10000000) || 0;
    if (day.unpaid) month.unpaidDays += 1;
    month.first = month.first || day.date;
    month.last = day.date;
  }
  const perMonth = [...byMonth.values()];
  const monthly = monthlyWage(wage);
  for (const month of perMonth) {
    month.due = monthDue(wage, month);
    month.overtimeFragment = monthly === null ? null : fragment({
      monthlyWage: plainMoney(monthly), workdayHours: hoursText(month.workday), restDayHours: hoursText(month.rest),
      holidayHours: hoursText(month.holiday) });
  }
  const payments = sortedPayments(log);
  const received = payments.reduce((sum, p) => sum + fen(parseFigure(p.amount) || 0), 0);
  const due = perMonth.reduce((sum, m) => sum + m.due, 0);
  const worked = perMonth.filter((m) => m.days);
  const periodStart = worked.length ? worked[0].first : null;
  const periodEnd = worked.length ? worked[worked.length - 1].last : null;
  const sum = (field) => perMonth.reduce((s, m) => s + m[field], 0);
  const result = {
    months: perMonth, days: sum("days"), minutes: sum("minutes"), workday: sum("workday"), rest: sum("rest"),
    holiday: sum("holiday"), unpaidDays: sum("unpaidDays"), due, received, owed: Math.max(0, due - received),
    overpaid: Math.max(0, received - due), periodStart, periodEnd, monthlyWage: monthly,
    rateKnown: parseFigure(wage.rate) !== null && BASES.includes(wage.basis),
  };
  result.unpaidWagesFragment = periodStart && result.rateKnown ? fragment({
    periodStart, periodEnd, wagesDue: plainMoney(due), wagesPaid: plainMoney(received) }) : null;
  result.steps = steps(wage, result);
  return result;
}

function step(text_zh, text_en, cite = null) {
  return { text_zh, text_en, cite };
}

const BASIS_ZH = { day: "按天", hour: "按小时", piece: "按件", month: "按月" };
const BASIS_EN = { day: "per day", hour: "per hour", piece: "per piece", month: "per month" };

// The working shown under the totals, each step with the article it rests on.
function steps(wage, t) {
  const out = [];
  out.push(step("标准工作时间是每天8小时、每周40小时。工作日超过8小时的部分，以及休息日、法定节假日上工的全部小时，算超出标准的工作时间。",
    "The standard is 8 hours a day and 40 hours a week. Hours beyond 8 on a working day, and every hour worked on a rest day or a public holiday, are beyond the standard.",
    "working-hours-provisions 3"));
  for (const m of t.months) {
    const [y, mo] = m.month.split("-").map(Number);
    out.push(step(`${y}年${mo}月：上工${m.days}天，共${hoursText(m.minutes)}小时；工作日超出8小时的${hoursText(m.workday)}小时，休息日${hoursText(m.rest)}小时，法定节假日${hoursText(m.holiday)}小时。`,
      `${y}-${String(mo).padStart(2, "0")}: ${m.days} day(s) worked, ${hoursText(m.minutes)} hours in all; ${hoursText(m.workday)} h beyond 8 on working days, ${hoursText(m.rest)} h on rest days, ${hoursText(m.holiday)} h on public holidays.`,
      "labour-law 44"));
    if (m.workday > 36 * 60) {
      out.push(step(`${y}年${mo}月工作日延长的时间超过了每月36小时的上限。`,
        `In ${y}-${String(mo).padStart(2, "0")} the extra hours on working days are over the limit of 36 hours a month.`,
        "labour-law 41"));
    }
  }
  if (!t.rateKnown) {
    out.push(step("还没有填约定的工价，算不出应得的工资。", "The agreed rate is not filled in, so the pay due cannot be worked out."));
    return out;
  }
  const rate = parseFigure(wage.rate);
  const rateText = money(fen(rate));
  for (const m of t.months) {
    if (!m.days) continue;
    const [y, mo] = m.month.split("-").map(Number);
    const label = `${y}年${mo}月`, labelEn = `${y}-${String(mo).padStart(2, "0")}`;
    let zh, en, cite = null;
    if (wage.basis === "day") {
      zh = `${rateText}元 × ${m.days}天 = ${money(m.due)}元`;
      en = `${rateText} × ${m.days} day(s) = ${money(m.due)} yuan`;
    } else if (wage.basis === "hour") {
      zh = `${rateText}元 × ${hoursText(m.minutes)}小时 = ${money(m.due)}元`;
      en = `${rateText} × ${hoursText(m.minutes)} h = ${money(m.due)} yuan`;
    } else if (wage.basis === "piece") {
      zh = `${rateText}元 × ${m.pieces}件 = ${money(m.due)}元`;
      en = `${rateText} × ${m.pieces} piece(s) = ${money(m.due)} yuan`;
    } else {
      zh = `${rateText}元 ÷ 21.75 × ${m.days}天，最多一个月的工资 = ${money(m.due)}元`;
      en = `${rateText} ÷ 21.75 × ${m.days} day(s), at most one month's wage = ${money(m.due)} yuan`;
      cite = "wage-conversion-notice";
    }
    out.push(step(`${label}按约定工价（${BASIS_ZH[wage.basis]}）应得：${zh}。`, `${labelEn} due at the agreed rate (${BASIS_EN[wage.basis]}): ${en}.`, cite));
  }
  out.push(step(`应得合计 ${money(t.due)}元，已收到 ${money(t.received)}元，还欠 ${money(t.due)} − ${money(t.received)} = ${money(t.owed)}元。`,
    `Due in all ${money(t.due)} yuan, received ${money(t.received)} yuan, still owed ${money(t.due)} − ${money(t.received)} = ${money(t.owed)} yuan.`,
    "labour-law 50"));
  if (t.overpaid) {
    out.push(step(`收到的比按记录算出的多 ${money(t.overpaid)}元（可能包括以前的工钱或预支）。`,
      `You received ${money(t.overpaid)} yuan more than the log works out (perhaps earlier pay or an advance).`));
  }
  if (t.monthlyWage !== null) {
    const note = wage.basis === "day" ? `${rateText} × 21.75` : wage.basis === "hour" ? `${rateText} × 8 × 21.75` : rateText;
    out.push(step(`加班费用加班费计算器算：月工资按 ${note} = ${money(t.monthlyWage)}元。约定的工价是否已经包含加班费，常有争议。`,
      `Overtime pay is worked out by the overtime calculator from a monthly wage of ${note} = ${money(t.monthlyWage)} yuan. Whether the agreed rate already includes overtime is often disputed.`,
      "wage-conversion-notice"));
  }
  return out;
}

// ── the 记工表 (one table for the CSV and the printed sheet, so both hold the same figures) ──

// labels: {kind_work, kind_rest, kind_holiday, yes, no, method_<m>, col_<name>, …} from the page's data.
export function sheetRows(log, labels, month = null) {
  const days = sortedDays(log).filter((d) => !month || d.date.startsWith(month));
  const header = ["date", "kind", "worked", "start", "end", "hours", "beyond", "site", "assigned", "pieces", "unpaid", "note"]
    .map((c) => labels["col_" + c]);
  const rows = days.map((d) => {
    const extra = dayOvertime(d);
    return [d.date, labels["kind_" + extra.kind], d.worked ? labels.yes : labels.no, d.worked ? d.start || "" : "",
      d.worked ? d.end || "" : "", d.worked ? hoursText(dayMinutes(d)) : "0",
      hoursText(extra.workday + extra.rest + extra.holiday), d.site || "", d.assignedBy || "",
      d.pieces ? String(parseFigure(d.pieces, 10000000) ?? "") : "", d.unpaid ? labels.yes : "", d.note || ""];
  });
  const payments = sortedPayments(log).filter((p) => !month || p.date.startsWith(month))
    .map((p) => [p.date, labels["method_" + p.method] || p.method, plainMoney(fen(parseFigure(p.amount) || 0)), p.note || ""]);
  return { header, rows, paymentHeader: ["date", "method", "amount", "note"].map((c) => labels["pay_" + c]), payments };
}

// Cells a spreadsheet would run as a formula (= + - @, and tab or carriage return before them) get an apostrophe.
export function csvCell(value) {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

// UTF-8 with a byte-order mark (Excel and WPS then read Chinese correctly), CRLF line ends.
export function toCsv(lines) {
  return "\ufeff" + lines.map((line) => line.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

// The whole log as spreadsheet lines: the days, the money received, the totals per month and overall.
export function csvLines(log, labels) {
  const sheet = sheetRows(log, labels);
  const t = totals(log);
  const lines = [[labels.sheet_title], sheet.header, ...sheet.rows, [], [labels.payments], sheet.paymentHeader,
    ...sheet.payments, [], [labels.totals],
    [labels.month, labels.days, labels.total_hours, labels.beyond_workday, labels.beyond_rest, labels.beyond_holiday,
      labels.due]];
  for (const m of t.months) {
    lines.push([m.month, String(m.days), hoursText(m.minutes), hoursText(m.workday), hoursText(m.rest),
      hoursText(m.holiday), t.rateKnown ? plainMoney(m.due) : ""]);
  }
  lines.push([labels.totals, String(t.days), hoursText(t.minutes), hoursText(t.workday), hoursText(t.rest),
    hoursText(t.holiday), t.rateKnown ? plainMoney(t.due) : ""]);
  lines.push([], [labels.due, t.rateKnown ? plainMoney(t.due) : ""], [labels.received, plainMoney(t.received)],
    [labels.owed, t.rateKnown ? plainMoney(t.owed) : ""], [labels.unpaid_days, String(t.unpaidDays)]);
  return lines;
}

// ── backup files ──

export const BACKUP_FORMAT = "portal-worklog";

export function backup(records, exportedAt) {
  return JSON.stringify({ format: BACKUP_FORMAT, version: 1, exportedAt, records }, null, 1);
}

const RECORD_KINDS = new Set(["day", "payment", "wage"]);

// A backup file's text → {records} or {error: {zh, en}}; only records of the known kinds with a valid date.
export function parseBackup(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { error: { zh: "这个文件不是记工备份（读不出内容）。", en: "This file is not a work-log backup (it cannot be read)." } };
  }
  if (!data || data.format !== BACKUP_FORMAT || !Array.isArray(data.records)) {
    return { error: { zh: "这个文件不是本站的记工备份。", en: "This file is not a backup of this site's work log." } };
  }
  const records = [];
  for (const record of data.records) {
    if (!record || typeof record.id !== "string" || !RECORD_KINDS.has(record.kind)) continue;
    if (record.kind !== "wage" && !isDate(record.date)) continue;
    const clean = {};
    for (const [key, value] of Object.entries(record)) {
      if (["string", "number", "boolean"].includes(typeof value)) clean[key] = typeof value === "string" ? value.slice(0, 500) : value;
    }
    records.push(clean);
  }
  if (records.length === 0 && data.records.length) {
    return { error: { zh: "备份文件里没有能读的记录。", en: "The backup file holds no records that can be read." } };
  }
  return { records };
}

// Records as stored (one object store, kinds mixed) → a log.
export function logFromRecords(records) {
  const wage = records.find((r) => r.kind === "wage") || {};
  return { wage: { basis: wage.basis, rate: wage.rate }, days: records.filter((r) => r.kind === "day"),
    payments: records.filter((r) => r.kind === "payment") };
}
