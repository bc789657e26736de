// List questions (claims, evidence, witnesses): what has been added, and a small form to add one more.
import { save } from "./answers.js";
import { L, act, check, inputFor, keep, lang, make, readField, showError } from "./values.js";

keep([import.meta.url]);

export function listStep(question, answers, rerender) {
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
      rerender();
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
    if (addItem(question, act.querySelector("[data-act-question]"), answers)) rerender();
  });
  add.append(addButton);
  box.append(add);
  return box;
}

// Adds the item typed in the list's small form; false (with the message shown) when it is not right.
export function addItem(question, container, answers) {
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
