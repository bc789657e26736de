// make serve only (never in the built site): reload the page when the preview has been rebuilt, and show the
// build's errors over the page, as the terminal prints them, until they are fixed.
(() => {
  let seen = null;
  const box = document.createElement("div");
  box.setAttribute("role", "alert");
  box.hidden = true;
  box.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:1000;max-height:50vh;overflow:auto;" +
    "margin:0;padding:0.75rem 1rem;background:#fff;color:#000;border-top:4px solid #a00000;font:14px/1.4 monospace";
  const title = document.createElement("strong");
  title.textContent = "The preview is not up to date: fix these, and it reloads by itself.";
  const list = document.createElement("pre");
  list.style.cssText = "margin:0.5rem 0 0;white-space:pre-wrap";
  box.append(title, list);
  document.body.append(box);

  async function poll() {
    try {
      const state = await (await fetch("/_preview/state", { cache: "no-store" })).json();
      if (seen !== null && state.version !== seen) {
        location.reload();
        return;
      }
      seen = state.version;
      list.textContent = state.problems.join("\n");
      box.hidden = state.problems.length === 0;
    } catch {
      // The preview server has stopped: leave the page as it is.
    }
    setTimeout(poll, 300);
  }
  poll();
})();
