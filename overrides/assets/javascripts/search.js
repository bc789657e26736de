// Search box for every page. Pagefind's index (one per language, picked by <html lang>) is fetched only
// when the reader first types, never on page load. Queries are split into words with the browser's own
// segmenter and the words' scores are added up, so a colloquial query with extra words still finds its
// topic (Pagefind alone requires every word to match). When no topic matches the query well, it says so
// and offers the topic list and the legal-aid hotline instead of unrelated pages.
(function () {
  "use strict";
  var form = document.querySelector("[data-portal-search]");
  if (!form) return;
  var input = form.querySelector("input");
  var list = form.querySelector("ol");
  var status = form.querySelector("[role=status]");
  var base = form.getAttribute("data-base");
  var lang = document.documentElement.lang || "zh";
  var pagefind = null;
  var timer = null;
  var latest = 0;

  var STOP_WORDS = new Set(["how", "to", "for", "the", "a", "an", "my", "i", "me", "is", "are", "what",
    "do", "does", "can", "of", "in", "on", "at", "and", "or", "if", "it", "was", "get",
    "的", "了", "吗", "呢", "啊", "我", "你", "怎么", "怎么办", "怎样", "如何", "什么", "是", "在", "有"]);

  function load() {
    if (!pagefind) {
      pagefind = import(new URL(base + "/pagefind/pagefind.js", document.baseURI).href).then(function (module) {
        return module.options({ excerptLength: 24 }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  function words(query) {
    var found = [];
    if (window.Intl && Intl.Segmenter) {
      var segmenter = new Intl.Segmenter(lang, { granularity: "word" });
      for (var part of segmenter.segment(query)) {
        if (part.isWordLike) found.push(part.segment.toLowerCase());
      }
    } else {
      found = query.toLowerCase().split(/\s+/);
    }
    return Array.from(new Set(found.filter(function (w) { return w && !STOP_WORDS.has(w); })));
  }

  // A word with no hits is retried by its beginning, so "arbitraton" still finds "arbitration".
  function searchWord(module, word) {
    return module.search(word).then(function (result) {
      var latin = /^[a-z]+$/.test(word);
      if (result.results.length || !latin || word.length < 5) return result.results;
      return module.search(word.slice(0, Math.ceil(word.length * 0.6))).then(function (r) { return r.results; });
    });
  }

  function rank(module, query) {
    var parts = words(query);
    var runs = [module.search(query).then(function (r) { return r.results; })];
    if (parts.length > 1 || (parts.length === 1 && parts[0] !== query.trim().toLowerCase())) {
      parts.forEach(function (word) { runs.push(searchWord(module, word)); });
    }
    return Promise.all(runs).then(function (lists) {
      var scores = new Map();
      var pages = Math.max.apply(null, lists.map(function (results) { return results.length; })) || 1;
      lists.forEach(function (results, index) {
        // A word found on few pages says more than one found on most (as in tf-idf); the whole
        // query matching counts twice, since every word of it is on the page.
        var factor = Math.log(1 + pages / Math.max(1, results.length)) * (index === 0 ? 2 : 1);
        var top = results.length ? results[0].score : 1;
        results.forEach(function (result) {
          var entry = scores.get(result.id) || { result: result, score: 0 };
          entry.score += (result.score / top) * factor;
          scores.set(result.id, entry);
        });
      });
      var candidates = Array.from(scores.values()).sort(function (a, b) { return b.score - a.score; }).slice(0, 10);
      return rerank(candidates, query, parts);
    });
  }

  // Titles weigh most, then the topic's keywords (the words workers use), then the body text.
  function rerank(candidates, query, parts) {
    var best = candidates.length ? candidates[0].score : 1;
    var compact = query.toLowerCase().replace(/\s+/g, "");
    return Promise.all(candidates.map(function (entry) { return entry.result.data(); })).then(function (pages) {
      pages.forEach(function (page, i) {
        var title = (page.meta.title || "").toLowerCase();
        var keywords = (page.meta.keywords || "").toLowerCase().split(/\s+/).filter(Boolean);
        var inTitle = share(parts, function (w) { return title.indexOf(w) >= 0; });
        var inKeywords = share(parts, function (w) { return keywords.some(function (k) { return k.indexOf(w) >= 0; }); });
        var keywordInQuery = keywords.some(function (k) { return k.length > 1 && compact.indexOf(k.replace(/\s+/g, "")) >= 0; });
        candidates[i].page = page;
        candidates[i].score = candidates[i].score / best + 1.5 * inTitle + inKeywords + (keywordInQuery ? 1 : 0);
      });
      var top = candidates.sort(function (a, b) { return b.score - a.score; }).slice(0, 5);
      return { entries: top, matchesWell: matchesWell(top, compact, parts) };
    });
  }

  // A query matches well when (1) one of the first three results names one of the query's strong words in
  // its title or keywords (or, in Chinese, one of its keywords is inside the query), and (2) more than half
  // of the query's strong words appear somewhere on the first five results. Measured on
  // tests/search_queries.yaml: the on-topic queries keep their hit rate, and words no page uses
  // (离婚, 护照, divorce, passport) give "no good match" instead of pages that share only a common word.
  var MIN_KNOWN_SHARE = 0.5;

  function matchesWell(entries, compact, parts) {
    var strong = strongWords(parts);
    if (!entries.length || !strong.length) return false;
    var named = entries.slice(0, 3).some(function (entry) {
      var keywords = (entry.page.meta.keywords || "").toLowerCase();
      var titleAndKeywords = (entry.page.meta.title || "").toLowerCase() + " " + keywords;
      return strong.some(function (w) { return contains(titleAndKeywords, w); }) ||
        keywords.split(/\s+/).some(function (k) { return k.length > 1 && !isLatin(k) && compact.indexOf(k) >= 0; });
    });
    var texts = entries.map(function (entry) {
      var page = entry.page;
      return ((page.meta.title || "") + " " + (page.meta.keywords || "") + " " + (page.content || "")).toLowerCase();
    });
    var known = strong.filter(function (w) { return texts.some(function (text) { return contains(text, w); }); });
    return named && known.length / strong.length > MIN_KNOWN_SHARE;
  }

  // Words that say what a query is about. A single Chinese character (分, 要), a Latin word of one or two
  // letters or a bare number is on almost every page, so it cannot show that a page matches.
  function strongWords(parts) {
    var strong = parts.filter(function (w) {
      if (/^[0-9]+$/.test(w)) return false;
      return isLatin(w) ? w.length > 2 : w.length > 1;
    });
    return strong.length ? strong : parts;
  }

  function isLatin(word) {
    return /^[a-z0-9']+$/.test(word);
  }

  // A Latin word counts where a word starts with it ("fine" in "fined", not in "defined"); a longer one also
  // by its first 60%, as searchWord retries typos. Chinese has no spaces, so any occurrence counts.
  function contains(text, word) {
    if (!isLatin(word)) return text.indexOf(word) >= 0;
    if (startsWord(text, word)) return true;
    return word.length >= 5 && startsWord(text, word.slice(0, Math.ceil(word.length * 0.6)));
  }

  function startsWord(text, word) {
    return new RegExp("(^|[^a-z0-9])" + word.replace(/[^a-z0-9]/g, "\\$&")).test(text);
  }

  function share(parts, test) {
    return parts.length ? parts.filter(test).length / parts.length : 0;
  }

  function bestSection(data) {
    var best = null;
    var most = 0;
    (data.sub_results || []).forEach(function (sub) {
      var marks = (sub.excerpt.match(/<mark>/g) || []).length;
      if (marks > most) { most = marks; best = sub; }
    });
    return best;
  }

  // In the offline copy a page is opened by its file name, and its links go to files: a result's folder
  // address gets the folder's index.html too.
  function address(url) {
    return /\.html$/.test(location.pathname) ? url.replace(/\/(#|$)/, "/index.html$1") : url;
  }

  function show(ranked, query, ticket) {
    var pages = ranked.entries.map(function (entry) { return entry.page; });
    {
      if (ticket !== latest) return;
      list.replaceChildren();
      form.dataset.shown = query;
      if (!ranked.matchesWell) {
        showNoMatch();
        return;
      }
      form.dataset.match = "good";
      pages.forEach(function (page) {
        var section = bestSection(page);
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = address(section && section.url.indexOf("#") > 0 ? section.url : page.url);
        var title = document.createElement("strong");
        title.textContent = page.meta.title;
        var excerpt = document.createElement("span");
        excerpt.innerHTML = (section || page).excerpt; // Pagefind's excerpt: our own text with <mark>
        link.append(title, excerpt);
        item.append(link);
        list.append(item);
      });
      status.textContent = form.getAttribute("data-found").replace("#", pages.length);
    }
  }

  // No unrelated pages: say so, and offer the topic list and the legal-aid hotline (texts from the page).
  function showNoMatch() {
    form.dataset.match = "none";
    status.textContent = form.getAttribute("data-no-match");
    list.append(offer(form.getAttribute("data-topics-url"), form.getAttribute("data-no-match-topics"),
                      form.getAttribute("data-no-match-topics-note")));
    var hotline = form.getAttribute("data-hotline");
    list.append(offer("tel:" + hotline, form.getAttribute("data-no-match-call"),
                      form.getAttribute("data-no-match-call-note")));
  }

  function offer(href, label, note) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = href;
    var title = document.createElement("strong");
    title.textContent = label;
    var text = document.createElement("span");
    text.textContent = note;
    link.append(title, text);
    item.append(link);
    return item;
  }

  // Once the reader has searched, fetch the rest of the (small) index in idle time, so that later
  // queries still work when the signal drops. Capped so a large site does not download everything.
  var WARM_LIMIT = 100;
  var warmed = false;
  function warm(module) {
    if (warmed) return;
    warmed = true;
    var idle = window.requestIdleCallback || function (f) { setTimeout(f, 200); };
    idle(function () {
      module.search(null).then(function (all) {
        all.results.slice(0, WARM_LIMIT).forEach(function (result) { result.data(); });
      });
    });
  }

  function run() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (!query) { list.replaceChildren(); status.textContent = ""; form.dataset.shown = ""; form.dataset.match = ""; return; }
    load().then(function (module) {
      return rank(module, query).then(function (ranked) { show(ranked, query, ticket); warm(module); });
    })
      .catch(function () {
        // Opened from the offline zip as files: browsers do not load the index from file:// addresses.
        status.textContent = form.getAttribute(location.protocol === "file:" ? "data-offline" : "data-error");
      });
  }

  input.addEventListener("focus", function () { load().catch(function () {}); }, { once: true });
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 120); });
  form.addEventListener("submit", function (event) { event.preventDefault(); clearTimeout(timer); run(); });
})();
