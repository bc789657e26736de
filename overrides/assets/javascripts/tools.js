// Calculator pages: read the form, call the rule in calculators.js, show the answer with its working.
// Nothing leaves the phone; the page works offline once visited (the service worker keeps both files).
import * as calculators from "../calculators.js";
import { addClaim, setDeadline } from "./answers.js";

const form = document.querySelector("form.tool-form");
const data = JSON.parse(document.getElementById("tool-data").textContent);
const lang = document.documentElement.lang === "en" ? "en" : "zh";
const result = document.getElementById("tool-result");
const labels = data.labels;

function values() {
  const out = {};
  for (const element of form.elements) {
    if (!element.name) continue;
    if (element.type === "radio") {
      if (element.checked) out[element.name] = element.value;
    } else if (element.type === "checkbox") {
      out[element.name] = element.checked;
    } else {
      out[element.name] = element.value.trim() === "" ? null : element.value.trim();
    }
  }
  return out;
}

function formatDate(text) {
  const date = new Date(text + "T00:00:00Z");
  return date.toLocaleDateString(lang === "zh" ? "zh-CN" : "en-GB",
    { timeZone: "UTC", year: "numeric", month: "long", day: "numeric", weekday: "long" });
}

function money(amount) {
  const figure = amount.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${figure} ${labels.r_yuan}`;
}

function answer(outcome) {
  const colon = lang === "zh" ? "：" : ": ";
  switch (data.function) {
    case "arbitrationDeadline":
      return outcome.running ? labels.r_last_day + colon + formatDate(outcome.deadline) : labels.r_not_running;
    case "doubleWages":
      return (outcome.partPending ? labels.r_double_partial : labels.r_double) + colon + money(outcome.amount);
    case "workInjuryBenefits": {
      const grant = labels.r_grant + colon + money(outcome.grant);
      if (outcome.allowance === null) return grant;
      const payer = outcome.allowancePaidBy === "fund" ? labels.r_by_fund : labels.r_by_employer;
      return grant + (lang === "zh" ? "；" : "; ") + labels.r_allowance + colon + money(outcome.allowance) + payer;
    }
    case "annualLeavePay":
      return labels.r_leave + colon + money(outcome.extraPay);
    case "unpaidWages":
      return labels.r_unpaid + colon + money(outcome.owed);
    case "severance":
      return outcome.total !== outcome.amount
        ? labels.r_compensation + colon + money(outcome.total)
        : labels.r_severance + colon + money(outcome.amount);
    default:
      return labels.r_overtime + colon + money(outcome.total);
  }
}

function entered(input) {
  const list = document.querySelector("[data-entered]");
  list.replaceChildren();
  for (const [name, value] of Object.entries(input)) {
    if (value === null || value === false || !(name in data.fields)) continue;
    const term = document.createElement("dt");
    term.textContent = data.fields[name];
    const detail = document.createElement("dd");
    detail.textContent = value === true ? "✓" : (data.choices[name] || {})[value] || value;
    list.append(term, detail);
  }
}

function steps(outcome) {
  const list = document.querySelector("[data-steps]");
  list.replaceChildren();
  for (const item of outcome.steps) {
    const entry = document.createElement("li");
    entry.textContent = lang === "zh" ? item.text_zh : item.text_en;
    if (item.cite) {
      const cite = document.createElement("span");
      cite.className = "cite";
      cite.textContent = " " + (data.cites[item.cite] || item.cite);
      entry.append(cite);
    }
    list.append(entry);
  }
}

function calculate(event) {
  event.preventDefault();
  const input = values();
  const outcome = calculators[data.function](input);
  const error = form.querySelector("[data-tool-error]");
  if (outcome.error) {
    error.textContent = labels.r_error + " " + outcome.error[lang];
    result.hidden = true;
    return;
  }
  error.textContent = "";
  result.querySelector("[data-answer]").textContent = answer(outcome);
  entered(input);
  steps(outcome);
  remember(input);
  printed();
  lastOutcome = { input, outcome };
  result.querySelector("[data-added]").textContent = "";
  result.querySelector("[data-added-link]").hidden = true;
  result.hidden = false;
  if (event.type === "submit") result.querySelector("h2").focus();
}

// The inputs stay in the address after "#" (never sent to the server), so a result can be bookmarked or sent.
function remember(input) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(input)) {
    if (value === null || value === false) continue;
    params.set(name, value === true ? "yes" : value);
  }
  history.replaceState(null, "", "#" + params.toString());
}

function restore() {
  const params = new URLSearchParams(location.hash.slice(1));
  let any = false;
  for (const [name, value] of params) {
    const element = form.elements.namedItem(name);
    if (!element) continue;
    any = true;
    if (element instanceof RadioNodeList) {
      for (const option of element) option.checked = option.value === value;
    } else if (element.type === "checkbox") {
      element.checked = ["yes", "true", "1", "on"].includes(value);
    } else {
      element.value = value;
    }
  }
  return any;
}

// On paper: the day it was worked out and the address that reopens it with the same figures.
function printed() {
  const line = result.querySelector("[data-printed]");
  const now = new Date();
  const today = new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  line.textContent = formatDate(today) + " · " + location.href;
}

let lastOutcome = null;
const zhDate = (text) => text.replace(/^(\d{4})-0?(\d{1,2})-0?(\d{1,2})$/, "$1年$2月$3日");
const figure = (amount) => amount.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

// The claim as it is written in the application (in Chinese), with the working as its annex.
function claimOf({ input, outcome }) {
  const words = data.claim.words;
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => values[key]);
  let text, amount;
  switch (data.function) {
    case "unpaidWages":
      [text, amount] = [fill(words.c_unpaid, { from: zhDate(outcome.periodStart), to: zhDate(outcome.periodEnd),
        amount: figure(outcome.owed) }), outcome.owed];
      break;
    case "doubleWages":
      [text, amount] = [fill(words.c_double, { from: zhDate(outcome.periodFrom || input.start),
        to: zhDate(outcome.periodTo || input.start), amount: figure(outcome.amount) }), outcome.amount];
      break;
    case "severance":
      [text, amount] = outcome.total !== outcome.amount
        ? [fill(words.c_compensation, { amount: figure(outcome.total) }), outcome.total]
        : [fill(words.c_severance, { amount: figure(outcome.amount) }), outcome.amount];
      break;
    case "overtimePay":
      [text, amount] = [fill(words.c_overtime, { amount: figure(outcome.total) }), outcome.total];
      break;
    case "workInjuryBenefits":
      [text, amount] = [fill(words.c_injury, { amount: figure(outcome.grant) }), outcome.grant];
      break;
    default:
      [text, amount] = [fill(words.c_leave, { amount: figure(outcome.extraPay) }), outcome.extraPay];
  }
  const inputs = [];
  for (const [name, value] of Object.entries(input)) {
    if (value === null || value === false || !(name in data.claim.fields)) continue;
    inputs.push([data.claim.fields[name], value === true ? "是" : (data.claim.choices[name] || {})[value] || value]);
  }
  const working = outcome.steps.map((item) => item.text_zh + (item.cite ? "（" + (data.claim.cites[item.cite] || item.cite) + "）" : ""));
  return { tool: data.function, "claim-text": text, "claim-amount": amount.toFixed(2),
    annex: { title: data.claim.title, inputs, steps: working, link: location.href } };
}

function add() {
  if (!lastOutcome) return;
  const status = result.querySelector("[data-added]");
  if (data.function === "arbitrationDeadline") {
    const outcome = lastOutcome.outcome;
    setDeadline({ date: outcome.deadline, running: outcome.running, text: answer(outcome),
      steps: outcome.steps.map((item) => item.text_zh) });
    status.textContent = labels.tool_added_deadline;
  } else {
    addClaim(claimOf(lastOutcome));
    status.textContent = labels.tool_added;
  }
  result.querySelector("[data-added-link]").hidden = false;
}

// "Last day of work" defaults to today for the double-wages calculator, as its label says.
const end = form.elements.namedItem("end");
if (data.function === "doubleWages" && end && !end.value) {
  const now = new Date();
  end.value = new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}
form.addEventListener("submit", calculate);
result.querySelector("[data-print]").addEventListener("click", () => window.print());
result.querySelector("[data-add-claim]").addEventListener("click", add);
if (location.hash.length > 1 && restore()) calculate(new Event("restore"));
