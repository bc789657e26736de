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

export function inputFor(question, prefix, value) {
  const id = `${prefix}${question.id}`;
  const described = [`${id}-meaning`];
  const box = make("div", { class: "tool-field" });
  const note = make("span", { class: "tool-hint", id: `${id}-meaning` }, question.meaning);
  const extra = make("span", { class: "tool-hint", id: `${id}-hint` });
  if (question.example) extra.append(make("span", {}, `${L.act_example}${question.example}`), " ");
  extra.append(make("span", { lang: "zh-Hans" }, `${L.act_on_form}${question.printed}`));
  described.push(`${id}-hint`);
  const title = question.question + (question.required ? "" : ` ${L.act_optional}`);
  if (question.kind === "choice") {
    const group = make("fieldset", { class: "tool-field", "aria-describedby": described.join(" ") });
    group.append(make("legend", {}, title), note, extra);
    for (const [choice, text] of Object.entries(question.choices)) {
      const label = make("label", { class: "tool-choice" });
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

export function readField(container, question, prefix) {
  if (question.kind === "choice") {
    const checked = container.querySelector(`input[name="${prefix}${question.id}"]:checked`);
    return checked ? checked.value : "";
  }
  const input = container.querySelector(`#${prefix}${question.id}`);
  return input ? input.value : "";
}

export function showError(message, field) {
  const error = act.querySelector("[data-act-error]");
  error.textContent = message;
  for (const element of act.querySelectorAll("[aria-invalid]")) element.removeAttribute("aria-invalid");
  if (field) {
    field.setAttribute("aria-invalid", "true");
    field.focus();
  }
}

// Code loaded after the page (paper.js, lists.js, the QR encoder) is kept for offline use too.
export function keep(urls) {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.ready.then((registration) => registration.active.postMessage({ keep: urls }))
    .catch(() => {});
}
