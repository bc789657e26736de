// Fill-in documents (/act/): one question at a time; answers stay on this phone; paper.js loads for the check.
import { forget, load, save } from "./answers.js";
import { L, act, check, data, fill, lang, make } from "./values.js";

const paperModule = () => import("./paper.js");

let answers = load();
let step = 0;

function inputFor(question, prefix, value) {
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
  const box = make("div", { class: "tool-field" });
  box.append(make("h2", { class: "act-list-title", id: "act-list-title" }, question.question +
    (question.required ? "" : ` ${L.act_optional}`)));
  box.append(make("p", { class: "tool-hint" }, question.meaning));
  if (question.example) box.append(make("p", { class: "tool-hint" }, `${L.act_example}${question.example}`));
  box.append(make("p", { class: "act-items-title" }, L.act_items));
  const list = make("ol", { class: "act-items", "aria-labelledby": "act-list-title" });
  items.forEach((item, i) => {
    const entry = make("li");
    const first = question.items[0];
    const text = item[first.id] || "";
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
    paperModule().then((module) => module.review(answers, (i) => {
      showStep(i);
      focusQuestion();
    }));
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

// ── on every /act/ page ──

function wireDelete() {
  for (const button of document.querySelectorAll("[data-act-delete]")) {
    button.addEventListener("click", async () => {
      forget();
      answers = {};
      document.querySelector("[data-act-status]").textContent = button.dataset.deleted;
      if (act && data.slug === "summary") {
        (await paperModule()).forgotten();
      } else if (act) {
        showStep(0);
      }
    });
  }
}

wireDelete();
if (act && data.slug === "summary") {
  paperModule().then((module) => module.summary(answers));
} else if (act) {
  act.querySelector("[data-act-form]").addEventListener("submit", next);
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
  act.querySelector("[data-act-print]").addEventListener("click", () => window.print());
  // Coming back: to the first required question still unanswered, or to the check when all are answered.
  const open = data.questions.findIndex((q) => q.required && check(q, answers[q.id], answers));
  showStep(open >= 0 ? open : data.questions.length);
}
