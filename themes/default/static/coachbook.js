/* coachbook default theme: the menu button that shows and hides the
   sidebar on narrow screens. No dependencies; works from file://. */
(function () {
  "use strict";

  var root = document.documentElement;
  root.classList.add("js");

  function init() {
    var button = document.querySelector(".menu-button");
    var sidebar = document.getElementById("sidebar");
    if (!button || !sidebar) {
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

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
