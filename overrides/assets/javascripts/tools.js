// Calculator pages: read the form, call the rule in calculators.js, show the answer with its working.
// Nothing leaves the phone; the page works offline once visited (the service worker keeps both files).
import * as calculators from "../calculators.js";

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
  result.hidden = false;
  result.querySelector("h2").focus();
}

// "Last day of work" defaults to today for the double-wages calculator, as its label says.
const end = form.elements.namedItem("end");
if (data.function === "doubleWages" && end && !end.value) {
  const now = new Date();
  end.value = new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}
form.addEventListener("submit", calculate);
result.querySelector("[data-print]").addEventListener("click", () => window.print());
