/* The directory's filters and free text, kept in the page address so other pages can link to
   a filtered view. The filter keys come from the form's data-filters, each service's values
   from its data-<key> attributes, and the words from data- too (ARCHITECTURE.md). */
(function () {
  "use strict";
  var form = document.querySelector("form.directory-filters");
  if (!form) return;
  var names = form.getAttribute("data-filters").split(" ");
  var count = document.querySelector(".directory-count");
  var box = form.closest("details");
  var summary = box && box.querySelector("summary");
  var noScript = box && box.querySelector(".directory-no-js");
  var text = form.elements.q;
  var groups = Array.prototype.slice.call(document.querySelectorAll(".directory-group"));
  var entries = Array.prototype.map.call(document.querySelectorAll("article[data-service]"), function (el) {
    var entry = {
      el: el,
      group: el.closest(".directory-group"),
      words: el.textContent.toLowerCase().replace(/\s+/g, " "),
      shown: !el.hidden
    };
    names.forEach(function (name) { entry[name] = (el.getAttribute("data-" + name) || "").split(" "); });
    entry.words.indexOf("\u0000"); /* searched once now, not on the first key press */
    return entry;
  });

  function fromAddress() {
    var params = new URLSearchParams(location.search);
    names.forEach(function (name) {
      var select = form.elements[name];
      var value = params.get(name) || "";
      select.value = Array.prototype.some.call(select.options, function (o) { return o.value === value; }) ? value : "";
    });
    text.value = params.get("q") || "";
  }

  function toAddress() {
    var params = new URLSearchParams();
    names.forEach(function (name) { if (form.elements[name].value) params.set(name, form.elements[name].value); });
    if (text.value.trim()) params.set("q", text.value.trim());
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  /* "3 services shown", in the plural form the page's language uses for 3 (Welsh has six). */
  var rules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang || "en") : null;
  function counted(n) {
    var data = count.dataset;
    if (n === 0) return data.countNone;
    var category = rules ? rules.select(n) : n === 1 ? "one" : "other";
    var words = data["count" + category.charAt(0).toUpperCase() + category.slice(1)] || data.countOther;
    return words.replace("{n}", n);
  }

  /* Show and hide a few hundred services a frame, so a key press answers at once (the count
     and the first services) even with thousands of services or a slow phone; the rest follow
     in the next frames. */
  var pending = 0, SLICE = 300;
  function reveal(changes) {
    var i = 0;
    function step() {
      for (var end = Math.min(i + SLICE, changes.length); i < end; i++) {
        changes[i].el.hidden = !changes[i].shown;
      }
      pending = i < changes.length ? requestAnimationFrame(step) : 0;
    }
    if (pending) cancelAnimationFrame(pending);
    step();
  }

  /* The address follows once typing pauses: history.replaceState is slow to call per key. */
  var addressTimer = 0;
  function toAddressSoon() {
    clearTimeout(addressTimer);
    addressTimer = setTimeout(toAddress, 250);
  }

  function apply() {
    var chosen = names.filter(function (name) { return form.elements[name].value; });
    var wanted = chosen.map(function (name) { return form.elements[name].value; });
    var words = text.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0, visible = new Set(), changes = [];
    entries.forEach(function (entry) {
      var match = chosen.every(function (name, n) { return entry[name].indexOf(wanted[n]) !== -1; }) &&
        words.every(function (word) { return entry.words.indexOf(word) !== -1; });
      if (entry.shown !== match) { entry.shown = match; changes.push(entry); }
      if (match) { shown++; visible.add(entry.group); }
    });
    groups.forEach(function (group) {
      var empty = !visible.has(group);
      if (group.hidden !== empty) group.hidden = empty;
    });
    count.textContent = counted(shown);
    if (summary) {
      var what = describe(chosen, words);
      summary.textContent = what ? count.dataset.filtered.replace("{what}", what) : count.dataset.summary;
      box.classList.toggle("directory-filtered", Boolean(what));
    }
    reveal(changes);
  }

  /* "Topic: Crying and soothing, Search: cry": what the filters show, in the form's own words. */
  function describe(chosen, words) {
    var parts = chosen.map(function (name) {
      var select = form.elements[name];
      var label = form.querySelector('label[for="' + select.id + '"]').textContent;
      return label + ": " + select.options[select.selectedIndex].textContent;
    });
    if (words.length) parts.push(count.dataset.searchLabel + ": " + text.value.trim());
    return parts.join(", ");
  }

  form.addEventListener("input", function () { apply(); toAddressSoon(); });
  form.addEventListener("change", function () { apply(); toAddress(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); toAddress(); });
  var clear = document.querySelector(".directory-clear");
  clear.hidden = false;
  clear.addEventListener("click", function () {
    names.forEach(function (name) { form.elements[name].value = ""; });
    text.value = "";
    apply();
    toAddress();
    if (box) box.open = true;
    text.focus();
  });
  fromAddress();
  form.hidden = false;
  if (noScript) noScript.hidden = true;
  /* The form starts closed: on a phone (under 600 px) or arriving with a filter in the
     address, the services come first and the form is one tap away. */
  if (box && location.search.length <= 1 && window.matchMedia("(min-width: 37.5em)").matches) {
    box.open = true;
  }
  apply();
})();
