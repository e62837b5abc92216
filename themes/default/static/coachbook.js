/* coachbook default theme: the colour theme and its button, the menu
   button that shows and hides the sidebar on narrow screens, and keyboard
   access to tables and code that scroll sideways.
   No dependencies; works from file://. This file is loaded in <head>,
   without defer, so the theme is set before the page is first painted. */
(function () {
  "use strict";

  var root = document.documentElement;
  root.classList.add("js");

  /* ---------- Colour theme ----------
     With no choice stored, data-theme is absent and the CSS follows the
     system setting (color-scheme: light dark). A stored choice sets
     data-theme="light" or "dark". Storage can throw (file:// in some
     browsers, privacy modes): the theme then lasts for the page only. */

  var THEME_KEY = "coachbook-theme";
  var systemDark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  function storedTheme() {
    try {
      var theme = window.localStorage.getItem(THEME_KEY);
      return theme === "light" || theme === "dark" ? theme : null;
    } catch (error) {
      return null;
    }
  }

  function storeTheme(theme) {
    try {
      if (theme) window.localStorage.setItem(THEME_KEY, theme);
      else window.localStorage.removeItem(THEME_KEY);
    } catch (error) {
      /* Not remembered; the page still switches. */
    }
  }

  function applyTheme(theme) {
    if (theme) root.setAttribute("data-theme", theme);
    else root.removeAttribute("data-theme");
  }

  function systemTheme() {
    return systemDark && systemDark.matches ? "dark" : "light";
  }

  function currentTheme() {
    return root.getAttribute("data-theme") || systemTheme();
  }

  applyTheme(storedTheme());

  function initThemeButton() {
    var button = document.querySelector(".theme-button");
    if (!button) return;

    function sync() {
      button.setAttribute("aria-pressed", currentTheme() === "dark" ? "true" : "false");
    }

    button.hidden = false;
    sync();
    button.addEventListener("click", function () {
      var wanted = currentTheme() === "dark" ? "light" : "dark";
      // Choosing what the system shows anyway goes back to following it.
      var choice = wanted === systemTheme() ? null : wanted;
      applyTheme(choice);
      storeTheme(choice);
      sync();
    });

    if (systemDark && systemDark.addEventListener) systemDark.addEventListener("change", sync);
    // A choice made in another tab applies here too.
    window.addEventListener("storage", function (event) {
      if (event.key === THEME_KEY || event.key === null) {
        applyTheme(storedTheme());
        sync();
      }
    });
  }

  /* ---------- Menu (narrow screens) ---------- */

  function initMenu() {
    var button = document.querySelector(".menu-button");
    var sidebar = document.getElementById("sidebar");
    if (!button || !sidebar) {
      // Without the drawer's parts, the sidebar stays in the page as it is.
      root.classList.remove("js");
      return;
    }

    function isOpen() {
      return button.getAttribute("aria-expanded") === "true";
    }

    function setOpen(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      root.classList.toggle("menu-open", open);
      if (open) {
        var current = sidebar.querySelector('[aria-current="page"]');
        if (current && current.scrollIntoView) {
          current.scrollIntoView({ block: "nearest" });
        }
      }
    }

    button.hidden = false;
    button.addEventListener("click", function () {
      setOpen(!isOpen());
    });

    document.addEventListener("keydown", function (event) {
      if ((event.key === "Escape" || event.key === "Esc") && isOpen()) {
        setOpen(false);
        button.focus();
      }
    });

    // A click outside the open sidebar (on the dimmed page) closes it.
    document.addEventListener("click", function (event) {
      if (isOpen() && !sidebar.contains(event.target) && !button.contains(event.target)) {
        setOpen(false);
      }
    });

    // Keyboard focus leaving the sidebar closes it too.
    sidebar.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (isOpen() && next && !sidebar.contains(next) && next !== button) {
        setOpen(false);
      }
    });

    // Widening the window past the breakpoint shows the sidebar in place.
    if (window.matchMedia) {
      var wide = window.matchMedia("(min-width: 800px)");
      window.addEventListener("resize", function () {
        if (wide.matches && isOpen()) setOpen(false);
      });
    }
  }

  /* ---------- Boxes that scroll sideways ----------
     A wide table or code block scrolls inside itself on a small screen.
     Only then does it become a keyboard stop, so keyboard users can scroll
     it too (WCAG 2.1.1), without adding stops where nothing scrolls. */

  function initScrollBoxes() {
    var boxes = document.querySelectorAll(".prose table, .prose pre, .timing table");
    if (!boxes.length) return;
    var pending = false;

    function update() {
      pending = false;
      for (var i = 0; i < boxes.length; i++) {
        var box = boxes[i];
        if (box.scrollWidth > box.clientWidth + 1) box.setAttribute("tabindex", "0");
        else box.removeAttribute("tabindex");
      }
    }

    update();
    window.addEventListener("resize", function () {
      if (!pending) {
        pending = true;
        window.requestAnimationFrame(update);
      }
    });
  }

  function init() {
    initThemeButton();
    initMenu();
    initScrollBoxes();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
