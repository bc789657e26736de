// Fill-in documents: the page's data, and how answers are checked and written on the Chinese paper form.

export const lang = document.documentElement.lang === "en" ? "en" : "zh";
export const act = document.getElementById("act");
const dataNode = document.getElementById("act-data");
export const data = dataNode ? JSON.parse(dataNode.textContent) : null;
export const L = data ? data.labels : {};
export const P = data ? data.printed : {};
// Every question of the page by its id (a list's items are asked inside it).
export const byId = data ? Object.fromEntries(data.questions.map((q) => [q.id, q])) : {};

export const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ""));
export const make = (tag, attributes = {}, text = null) => {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (text !== null) element.textContent = text;
  return element;
};

export function parseDate(text) {
  const match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(String(text || "").trim());
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date;
}

export const iso = (date) => date.toISOString().slice(0, 10);
export const zhDate = (date) => `${date.getUTCFullYear()}年${date.getUTCMonth() + 1}月${date.getUTCDate()}日`;
export const digits = (text) => String(text).trim().replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
  .replaceAll(",", "").replaceAll("，", "");
export const yuan = (amount) => Number(amount).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function check(question, value, all) {
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
      return fill(L.act_before, { other: byId[question.after].question.replace(/[？?]$/, ""), date: iso(other) });
    }
  }
  if ((question.kind === "money" || question.kind === "number") && !/^\d+(\.\d{1,2})?$/.test(digits(text))) {
    return L.act_bad_number;
  }
  return "";
}
