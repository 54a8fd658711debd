/* Checklists: progress, memory under the site's policy, Clear, and the optional timer.
   Everything stays in this browser; settings arrive in data- attributes. */
(function () {
  "use strict";

  var siteRoot = new URL(document.documentElement.getAttribute("data-content_root") || "./", location.href).pathname;

  /* null: the policy keeps nothing; undefined: the browser refused (e.g. file://). */
  function openStore(policy) {
    if (policy !== "tab" && policy !== "device") return null;
    try {
      var store = policy === "device" ? window.localStorage : window.sessionStorage;
      store.setItem("checklist-probe", "1");
      store.removeItem("checklist-probe");
      return store;
    } catch (error) {
      return undefined;
    }
  }

  function setUp(box) {
    var data = box.dataset;
    var boxes = Array.prototype.slice.call(box.querySelectorAll("input.checklist-box"));
    var progress = box.querySelector(".checklist-progress");
    var store = openStore(data.remember);
    var prefix = ["checklist", siteRoot, data.page, data.checklist, ""].join("|");
    var key = prefix + data.key;

    function ticked() {
      return boxes.filter(function (input) { return input.checked; });
    }
    function show() {
      progress.textContent = data.progress
        .replace("{ticked}", ticked().length)
        .replace("{total}", boxes.length);
    }
    function save() {
      if (!store) return;
      var ids = ticked().map(function (input) { return input.closest("[data-item]").getAttribute("data-item"); });
      try {
        if (ids.length) store.setItem(key, JSON.stringify(ids));
        else store.removeItem(key);
      } catch (error) { /* full or blocked: the checklist still works */ }
    }

    if (store) {
      try {
        for (var i = store.length - 1; i >= 0; i--) {
          var old = store.key(i);
          if (old && old.indexOf(prefix) === 0 && old !== key) store.removeItem(old);
        }
        var saved = JSON.parse(store.getItem(key) || "[]");
        boxes.forEach(function (input) {
          if (saved.indexOf(input.closest("[data-item]").getAttribute("data-item")) !== -1) input.checked = true;
        });
      } catch (error) { /* unreadable memory is ignored */ }
    } else if (store === undefined) {
      box.querySelector(".checklist-memory").textContent = data.noMemory;
    }

    box.addEventListener("change", function (event) {
      if (event.target.classList.contains("checklist-box")) { save(); show(); }
    });
    box.querySelector(".checklist-clear").addEventListener("click", function () {
      boxes.forEach(function (input) { input.checked = false; });
      save();
      show();
    });
    box.querySelector(".checklist-tools").hidden = false;
    show();

    var timer = box.querySelector(".checklist-timer");
    if (timer) setUpTimer(timer);
  }

  function setUpTimer(timer) {
    var total = Number(timer.getAttribute("data-seconds")) * 1000;
    var display = timer.querySelector(".checklist-timer-display");
    var status = timer.querySelector(".checklist-timer-status");
    var said = timer.querySelector(".checklist-timer-said");
    var toggle = timer.querySelector(".checklist-timer-toggle");
    var reset = timer.querySelector(".checklist-timer-reset");
    var words = timer.dataset;
    var left = total, endsAt = 0, interval = 0;

    function two(n) { return (n < 10 ? "0" : "") + n; }
    function render() {
      var seconds = Math.ceil(left / 1000);
      display.textContent = two(Math.floor(seconds / 60)) + ":" + two(seconds % 60);
      timer.classList.toggle("is-running", interval !== 0);
      toggle.textContent = interval ? words.pause : left < total && left > 0 ? words["continue"] : words.start;
      toggle.disabled = left === 0;
      reset.disabled = left === total && !interval;
    }
    function stop() { clearInterval(interval); interval = 0; }
    function step() {
      left = Math.max(0, endsAt - Date.now());
      if (left === 0) { stop(); said.textContent = ""; status.textContent = words.done; }
      render();
    }
    function announce(word) { said.textContent = word; }

    toggle.addEventListener("click", function () {
      if (interval) {
        step();
        stop();
        announce(words.paused);
      } else if (left > 0) {
        status.textContent = "";
        endsAt = Date.now() + left;
        interval = setInterval(step, 250);
        announce(words.started);
      }
      render();
    });
    reset.addEventListener("click", function () {
      stop();
      left = total;
      status.textContent = "";
      announce(words.reset);
      render();
      toggle.focus();
    });
    timer.querySelector(".checklist-timer-static").hidden = true;
    timer.querySelector(".checklist-timer-controls").hidden = false;
    render();

    /* The timer sticks to the top of the screen (checklist.css): an item reached by keyboard
       is scrolled clear of it, never left underneath. */
    timer.parentNode.addEventListener("focusin", function (event) {
      var item = event.target.closest(".checklist-item");
      if (!item) return;
      var under = timer.getBoundingClientRect().bottom - item.getBoundingClientRect().top;
      if (under > 0) window.scrollBy(0, -under - 8);
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-checklist]"), setUp);
})();
