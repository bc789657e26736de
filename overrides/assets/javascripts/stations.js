// Station pages: filter by city and service in the page (no server, no network), and mark entries
// whose "checked on" date is more than 12 months before today's date on the reader's phone.
(function () {
  "use strict";
  var year = 365 * 24 * 3600 * 1000;
  document.querySelectorAll("[data-verified]").forEach(function (cell) {
    var checked = Date.parse(cell.getAttribute("data-verified"));
    if (!isNaN(checked) && Date.now() - checked > year) {
      var note = document.createElement("strong");
      note.className = "stale";
      note.textContent = cell.getAttribute("data-stale");
      cell.append(document.createElement("br"), note);
      cell.closest(".station").classList.add("station--stale");
    }
  });

  var form = document.querySelector(".station-filter");
  if (!form) return;
  var city = form.elements.city;
  var service = form.elements.service;
  var count = form.querySelector(".station-filter__count");
  function apply() {
    var shown = 0;
    document.querySelectorAll(".stations .city").forEach(function (section) {
      var visible = 0;
      section.querySelectorAll(".station").forEach(function (station) {
        var match = (!city.value || station.getAttribute("data-city") === city.value) &&
          (!service.value || station.getAttribute("data-services").split(" ").indexOf(service.value) >= 0);
        station.hidden = !match;
        visible += match ? 1 : 0;
      });
      section.hidden = visible === 0;
      shown += visible;
    });
    count.textContent = form.getAttribute("data-shown").replace("#", shown);
  }
  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
})();
