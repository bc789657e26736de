// The worker's answers (/act/), only in this phone's local storage; the calculators add claims and the deadline.

const KEY = "portal-answers";

// An object kept in this browser's local storage (the worker's answers, or another page's record), {} if none.
export function load(key = KEY) {
  try {
    const stored = JSON.parse(localStorage.getItem(key) || "{}");
    return stored && typeof stored === "object" && !Array.isArray(stored) ? stored : {};
  } catch {
    return {};
  }
}

export function save(answers) {
  localStorage.setItem(KEY, JSON.stringify(answers));
}

// "Delete my answers": everything this site kept in the browser's storage on this phone.
export function forget() {
  localStorage.clear();
  sessionStorage.clear();
}

export function addClaim(claim) {
  const answers = load();
  const claims = Array.isArray(answers.claims) ? answers.claims : [];
  // The same calculator's claim again replaces the earlier one (a corrected figure), not a second copy.
  answers.claims = claims.filter((item) => !(claim.tool && item.tool === claim.tool));
  answers.claims.push(claim);
  save(answers);
}

export function setDeadline(deadline) {
  const answers = load();
  answers.deadline = deadline;
  save(answers);
}
