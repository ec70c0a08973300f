/* sayso: select a statement to highlight its parts in the article text.
 *
 * No article text passes through this script: it only toggles classes on
 * elements the server rendered (and escaped), and writes textContent.
 * Served as a file, so the Content-Security-Policy allows no inline script.
 */
(function () {
  "use strict";

  var ORDER = ["cue", "source", "addressee", "medium", "evidence", "topic", "message"];

  function rank(role) {
    var i = ORDER.indexOf(role);
    return i < 0 ? ORDER.length : i;
  }

  function setupReader() {
    var text = document.querySelector(".reader .article-text");
    var list = document.querySelector(".statement-list");
    if (!text || !list) {
      return;
    }
    var status = document.getElementById("selection-status");
    var links = Array.prototype.slice.call(list.querySelectorAll("a.st[data-key]"));
    var byKey = {};
    Array.prototype.forEach.call(text.querySelectorAll(".m[data-m]"), function (el) {
      el.getAttribute("data-m").split(" ").forEach(function (pair) {
        var cut = pair.lastIndexOf(":");
        if (cut < 1) {
          return;
        }
        var key = pair.slice(0, cut);
        var role = pair.slice(cut + 1);
        (byKey[key] = byKey[key] || []).push([el, role]);
      });
    });
    var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var current = text.getAttribute("data-selected") || null;

    function linkFor(key) {
      for (var i = 0; i < links.length; i++) {
        if (links[i].getAttribute("data-key") === key) {
          return links[i];
        }
      }
      return null;
    }

    function clear() {
      Array.prototype.forEach.call(text.querySelectorAll(".m.sel"), function (el) {
        el.className = el.className.replace(/\s*\bsel(-[a-z]+)?\b/g, "");
      });
      Array.prototype.forEach.call(list.querySelectorAll("li.selected"), function (li) {
        li.classList.remove("selected");
      });
      links.forEach(function (a) {
        a.removeAttribute("aria-current");
      });
      text.classList.remove("has-sel");
      current = null;
    }

    function select(key, options) {
      options = options || {};
      clear();
      var parts = byKey[key] || [];
      var link = linkFor(key);
      if (!link) {
        return;
      }
      var best = new Map();
      parts.forEach(function (pair) {
        var had = best.get(pair[0]);
        if (had === undefined || rank(pair[1]) < rank(had)) {
          best.set(pair[0], pair[1]);
        }
      });
      best.forEach(function (role, el) {
        el.classList.add("sel", "sel-" + role);
      });
      var first = text.querySelector(".m.sel");
      text.classList.add("has-sel");
      var item = link.closest("li");
      item.classList.add("selected");
      link.setAttribute("aria-current", "true");
      current = key;
      if (options.focus) {
        link.focus({ preventScroll: true });
      }
      if (options.scroll !== false) {
        var behavior = reduced ? "auto" : "smooth";
        if (first) {
          first.scrollIntoView({ block: "center", behavior: behavior });
        }
        item.scrollIntoView({ block: "nearest", behavior: behavior });
      }
      if (options.history !== false && window.history && window.history.replaceState) {
        window.history.replaceState(null, "", link.getAttribute("href"));
      }
      if (status) {
        var who = link.querySelector(".who");
        var num = link.querySelector(".num");
        status.textContent =
          "Statement " + (num ? num.textContent : "") + " of " + links.length + " selected" +
          (who ? ": " + who.textContent : "") + (parts.length ? "" : " (no spans in the text)");
      }
    }

    function step(delta) {
      var index = -1;
      for (var i = 0; i < links.length; i++) {
        if (links[i].getAttribute("data-key") === current) {
          index = i;
        }
      }
      var next = index < 0 ? (delta > 0 ? 0 : links.length - 1) : index + delta;
      if (next >= 0 && next < links.length) {
        select(links[next].getAttribute("data-key"), { focus: true });
      }
    }

    list.addEventListener("click", function (event) {
      var link = event.target.closest("a.st[data-key]");
      if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) {
        return;
      }
      event.preventDefault();
      var key = link.getAttribute("data-key");
      if (key === current) {
        clear();
        if (window.history && window.history.replaceState) {
          window.history.replaceState(null, "", window.location.pathname);
        }
        if (status) {
          status.textContent = "Selection cleared";
        }
      } else {
        select(key, { scroll: true });
      }
    });

    text.addEventListener("click", function (event) {
      var el = event.target.closest(".m[data-m]");
      if (!el || window.getSelection().toString()) {
        return;
      }
      var first = el.getAttribute("data-m").split(" ")[0];
      var key = first.slice(0, first.lastIndexOf(":"));
      if (key && key !== current) {
        select(key, { scroll: false });
        var link = linkFor(key);
        if (link) {
          link.closest("li").scrollIntoView({ block: "nearest" });
        }
      }
    });

    document.addEventListener("keydown", function (event) {
      var target = event.target;
      if (event.altKey || event.ctrlKey || event.metaKey) {
        return;
      }
      if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) {
        return;
      }
      if (event.key === "j" || (event.key === "ArrowDown" && list.contains(target))) {
        event.preventDefault();
        step(1);
      } else if (event.key === "k" || (event.key === "ArrowUp" && list.contains(target))) {
        event.preventDefault();
        step(-1);
      } else if (event.key === "Escape" && current) {
        clear();
        if (status) {
          status.textContent = "Selection cleared";
        }
      }
    });

    Array.prototype.forEach.call(document.querySelectorAll(".legend-item[data-role]"), function (button) {
      button.addEventListener("click", function () {
        var role = button.getAttribute("data-role");
        var on = button.getAttribute("aria-pressed") !== "false";
        button.setAttribute("aria-pressed", on ? "false" : "true");
        text.classList.toggle("hide-" + role, on);
      });
    });

    if (current && byKey[current]) {
      select(current, { scroll: true, history: false });
    } else if (window.location.hash.indexOf("#t") === 0) {
      var key = window.location.hash.slice(2);
      if (linkFor(key)) {
        select(key, { scroll: true, history: false });
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setupReader);
  } else {
    setupReader();
  }
})();
