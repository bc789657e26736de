// Fill-in documents (/act/): one question at a time; answers stay on this phone; paper.js loads for the check.
import { forget, load, save } from "./answers.js";
import { L, act, check, data, fill, inputFor, readField, showError } from "./values.js";

const paperModule = () => import("./paper.js");
const listModule = () => import("./lists.js");

let answers = load();
let step = 0;

function showStep(index, focus = false) {
  const form = act.querySelector("[data-act-form]");
  const review = act.querySelector("[data-act-review]");
  step = index;
  act.querySelector("[data-act-error]").textContent = "";
  if (index >= data.questions.length) {
    form.hidden = true;
    paperModule().then((module) => module.review(answers, (i) => showStep(i, true)));
    return;
  }
  review.hidden = true;
  form.hidden = false;
  const question = data.questions[index];
  const section = data.sections.find((s) => s.fields.includes(question.id));
  act.querySelector("[data-act-count]").textContent =
    `${fill(L.act_count, { n: index + 1, total: data.questions.length })} · ${section.heading}`;
  const holder = act.querySelector("[data-act-question]");
  act.querySelector("[data-act-back]").hidden = index === 0;
  if (question.kind === "list") {
    holder.replaceChildren();
    listModule().then((module) => {
      if (step !== index) return;  // the reader has moved on meanwhile
      holder.replaceChildren(module.listStep(question, answers, () => showStep(step)));
      if (focus) focusQuestion();
    });
  } else {
    holder.replaceChildren(inputFor(question, "act-q-", answers[question.id]));
    if (focus) focusQuestion();
  }
}

async function next(event) {
  event.preventDefault();
  const question = data.questions[step];
  const holder = act.querySelector("[data-act-question]");
  if (question.kind === "list") {
    // Something typed in the list's form but not added yet is added now, not lost.
    const typed = question.items.some((sub) => readField(holder, sub, "act-item-").trim());
    if (typed && !(await listModule()).addItem(question, holder, answers)) return;
  } else {
    answers[question.id] = readField(holder, question, "act-q-");
    save(answers);
  }
  const problem = check(question, answers[question.id], answers);
  if (problem) {
    showError(problem, holder.querySelector(`[data-field="${question.id}"]`) || holder.querySelector("button, input"));
    return;
  }
  showStep(step + 1, true);
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
  act.querySelector("[data-act-back]").addEventListener("click", () => showStep(Math.max(0, step - 1), true));
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
