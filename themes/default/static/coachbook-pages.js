/* coachbook default theme: behaviour of particular pages.
   - Filters (question banks by stage and tag, scenario listings by time,
     format, level and competency): a form marked `hidden` in the page is
     shown and narrows the listed items, updating the counts that name them
     (`data-filter-count`, `data-filter-total`) and saying so when nothing
     is left, with a button to show all; the choice is kept in the URL's
     query string, so a filtered view can be shared. Without JavaScript the
     form stays hidden and everything is listed.
   - The print page's button opens the browser's print dialog.
   No dependencies; works from file://. */
(function () {
  "use strict";

  /* An item matches a select's value by the select's data-match rule, reading
     the item's data-<name> attribute. Lists are separated by "|". */
  var RULES = {
    equals: function (itemValue, wanted) {
      return itemValue === wanted;
    },
    contains: function (itemValue, wanted) {
      return itemValue.split("|").indexOf(wanted) !== -1;
    },
    "at-most": function (itemValue, wanted) {
      return itemValue !== "" && Number(itemValue) <= Number(wanted);
    }
  };

  function readQuery() {
    try {
      return new URLSearchParams(window.location.search);
    } catch (error) {
      return new URLSearchParams("");
    }
  }

  function writeQuery(selects) {
    var query = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      if (select.value) query.set(select.name, select.value);
      else query.delete(select.name);
    });
    var search = query.toString();
    var url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
    try {
      window.history.replaceState(null, "", url);
    } catch (error) {
      /* Some browsers refuse history changes on file:// pages; the filter still works. */
    }
  }

  function setUpFilter(form) {
    var items = Array.prototype.slice.call(document.querySelectorAll(form.getAttribute("data-filter-items")));
    var groupSelector = form.getAttribute("data-filter-groups");
    var groups = groupSelector ? Array.prototype.slice.call(document.querySelectorAll(groupSelector)) : [];
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[name]"));
    var count = form.querySelector(".filter-count");
    var empty = form.querySelector(".filter-empty");
    var totals = Array.prototype.slice.call(document.querySelectorAll("[data-filter-total]"));
    /* The page's words when they are not English (data-words, from the build). */
    var words = form.dataset.words ? JSON.parse(form.dataset.words) : {};
    function say(key, english, shown) {
      return (words[key] || english).split("{count}").join(items.length).split("{shown}").join(shown);
    }
    if (!items.length || !selects.length) return;

    var query = readQuery();
    selects.forEach(function (select) {
      var wanted = query.get(select.name);
      var known = Array.prototype.some.call(select.options, function (option) {
        return option.value === wanted;
      });
      if (wanted && known) select.value = wanted;
    });

    function apply() {
      var shown = 0;
      items.forEach(function (item) {
        var visible = selects.every(function (select) {
          if (!select.value) return true;
          var rule = RULES[select.getAttribute("data-match")] || RULES.equals;
          return rule(item.getAttribute("data-" + select.name) || "", select.value);
        });
        item.hidden = !visible;
        if (visible) shown += 1;
      });
      groups.forEach(function (group) {
        var inGroup = group.querySelectorAll(form.getAttribute("data-filter-items") + ":not([hidden])").length;
        group.hidden = inGroup === 0;
        /* The contents beside the list count what each group shows. */
        if (group.id) {
          Array.prototype.forEach.call(document.querySelectorAll('[data-filter-count="' + group.id + '"]'), function (label) {
            label.textContent = "(" + inGroup + ")";
          });
        }
      });
      var all = shown === items.length;
      if (count) {
        count.textContent = all
          ? say("script_showing_all", "Showing all {count}", shown)
          : say("script_showing", "Showing {shown} of {count}", shown);
      }
      totals.forEach(function (total) {
        var words = total.getAttribute("data-filter-total");
        total.textContent = all
          ? words
          : say("script_shown_of", "{shown} of {total}", shown).split("{total}").join(words);
      });
      if (empty) empty.hidden = shown !== 0;
    }

    form.addEventListener("change", function () {
      apply();
      writeQuery(selects);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    /* The empty result's button shows everything again. */
    form.addEventListener("reset", function (event) {
      event.preventDefault();
      selects.forEach(function (select) {
        select.value = "";
      });
      apply();
      writeQuery(selects);
      selects[0].focus();
    });
    form.hidden = false;
    apply();
  }

  function setUpPrintButtons() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("form.filters"), setUpFilter);
  setUpPrintButtons();
})();
