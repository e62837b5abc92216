/* coachbook presentations: a page on the room's screen (`present/`) and
   its presenter window (`present/presenter/`), one `.screen` at a time.

   A screen may carry `data-minutes`, `data-phases` (JSON:
   [{"phase": "Read briefs", "minutes": 5}, ...]) and `data-at` ("13:00",
   its planned clock time, which a programme over several days needs, as
   each day starts the clock again); the deck may carry `data-start`
   ("09:00"), the planned start. A `[data-countdown]` on a screen shows its
   time left large (a break). Keys: Right, Space, PageDown
   next; Left, PageUp back; Home, End; F full screen; B blank; T start or
   pause the timer; P the presenter window. Swipes and the control bar do
   the same. The deck's `data-words` holds the words the script writes
   (`script_*`) when the page is not in English.

   The state (current screen, blank, time spent per screen, whether the
   timer runs) is kept in localStorage under the presented page's URL, so a
   reload resumes it. The two windows follow each other with postMessage
   between the opener and the window it opened: it needs no server, works
   from file:// and offline, and only ever talks to that one other window.
   No dependencies. */
(function () {
  "use strict";

  var deck = document.querySelector(".deck");
  if (!deck) {
    return;
  }
  var root = document.documentElement;
  var screens = Array.prototype.slice.call(deck.querySelectorAll(".screen"));
  if (!screens.length) {
    return;
  }
  var isPresenter = deck.getAttribute("data-role") === "presenter";
  var pageKey = deck.getAttribute("data-key") || "";
  var STORAGE_KEY = "coachbook-present:" + pageKey;
  var MESSAGE = "coachbook-present";
  var controls = document.querySelector("[data-controls]");
  var announcer = document.querySelector("[data-announce]");
  var blankCover = document.querySelector("[data-blank]");
  var field = function (name) {
    return document.querySelector("[data-" + name + "]");
  };
  /* The page's words when they are not English (data-words, from the build):
     the word for `key`, or `english`, with each {name} of `values` filled in. */
  var words = deck.dataset.words ? JSON.parse(deck.dataset.words) : {};
  function word(key, english, values) {
    var text = words[key] || english;
    Object.keys(values || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(values[name]);
    });
    return text;
  }
  var shown = {
    count: field("count"),
    remaining: field("remaining"),
    phase: field("phase"),
    clock: field("clock")
  };

  /* ---------- The plan: each screen's time and phases ---------- */

  function phasesOf(screen) {
    var phases;
    try {
      phases = JSON.parse(screen.getAttribute("data-phases") || "[]");
    } catch (error) {
      phases = [];
    }
    if (!Array.isArray(phases)) {
      return [];
    }
    return phases.filter(function (phase) {
      return phase && typeof phase.phase === "string" && Number(phase.minutes) > 0;
    });
  }

  var plan = screens.map(function (screen) {
    var phases = phasesOf(screen);
    var minutes = Number(screen.getAttribute("data-minutes")) || 0;
    var end = 0;
    return {
      ms: minutes * 60000,
      title: screen.getAttribute("aria-label") || "",
      phases: phases.map(function (phase) {
        end += Number(phase.minutes) * 60000;
        return { name: phase.phase, end: end };
      }),
      items: Array.prototype.slice.call(screen.querySelectorAll(".screen-phases > li")),
      at: /^(\d{1,2}):(\d{2})$/.exec(screen.getAttribute("data-at") || ""),
      countdown: screen.querySelector("[data-countdown]")
    };
  });
  var timed = plan.some(function (screen) {
    return screen.ms > 0;
  });

  /* ---------- State, saved per page ---------- */

  var state = { index: 0, blank: false, running: false, since: 0, anchor: 0, spent: [] };

  /* A state from storage or the other window, with only what is expected. */
  function sanitize(value) {
    if (!value || typeof value !== "object") {
      return null;
    }
    var index = Math.floor(Number(value.index));
    return {
      index: isFinite(index) ? Math.max(0, Math.min(screens.length - 1, index)) : 0,
      blank: value.blank === true,
      running: value.running === true,
      since: Number(value.since) || 0,
      anchor: Number(value.anchor) || 0,
      spent: screens.map(function (_, i) {
        var spent = Array.isArray(value.spent) ? Number(value.spent[i]) : 0;
        return spent > 0 ? spent : 0;
      })
    };
  }

  function load() {
    try {
      return sanitize(JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "null"));
    } catch (error) {
      return null;
    }
  }

  function save() {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
    } catch (error) {
      /* Storage can be refused (privacy modes): the state lasts for the page. */
    }
  }

  function now() {
    return Date.now();
  }

  /* Time spent on screen `i`, counting the stretch running now. */
  function spentOn(i) {
    var spent = state.spent[i] || 0;
    if (state.running && i === state.index) {
      spent += Math.max(0, now() - state.since);
    }
    return spent;
  }

  /* Books the running stretch to the current screen. */
  function settle() {
    if (state.running) {
      state.spent[state.index] = spentOn(state.index);
      state.since = now();
    }
  }

  /* ---------- Showing the state ---------- */

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  /* 75000 → "1:15"; `up` rounds up (a countdown shows 0:00 only at the end). */
  function duration(ms, up) {
    var seconds = up ? Math.ceil(ms / 1000) : Math.floor(ms / 1000);
    var hours = Math.floor(seconds / 3600);
    var minutes = Math.floor((seconds % 3600) / 60);
    var rest = pad(seconds % 60);
    return hours ? hours + ":" + pad(minutes) + ":" + rest : minutes + ":" + rest;
  }

  function clock(ms) {
    var date = new Date(ms);
    return pad(date.getHours()) + ":" + pad(date.getMinutes());
  }

  /* When the plan starts: the page's start today, or when the timer first ran. */
  function planStart() {
    var start = /^(\d{1,2}):(\d{2})$/.exec(deck.getAttribute("data-start") || "");
    if (start) {
      var day = new Date(state.anchor || now());
      day.setHours(Number(start[1]), Number(start[2]), 0, 0);
      return day.getTime();
    }
    return state.anchor;
  }

  function say(text) {
    if (announcer) {
      announcer.textContent = text;
    }
  }

  var lastPhase = { index: -1, phase: -1 };

  function showTimer() {
    var screen = plan[state.index];
    var spent = spentOn(state.index);
    var remaining = "";
    var phase = "";
    var over = false;
    if (screen.ms > 0) {
      var left = screen.ms - spent;
      over = left < 0;
      remaining = over
        ? word("script_over", "+{time} over", { time: duration(-left, false) })
        : word("script_left", "{time} left", { time: duration(left, true) });
    } else {
      remaining = duration(spent, false);
    }
    var current = -1;
    if (screen.phases.length) {
      current = screen.phases.length - 1;
      for (var i = 0; i < screen.phases.length; i++) {
        if (spent < screen.phases[i].end) {
          current = i;
          break;
        }
      }
      var at = screen.phases[current];
      phase = word("script_phase_of", "{phase} ({number} of {count})", {
        phase: at.name,
        number: current + 1,
        count: screen.phases.length
      });
      if (spent < at.end) {
        phase += ", " + word("script_left", "{time} left", { time: duration(at.end - spent, true) });
      }
    }
    screen.items.forEach(function (item, i) {
      item.classList.toggle("phase-current", i === current);
    });
    if (current !== lastPhase.phase || state.index !== lastPhase.index) {
      var changed = state.index === lastPhase.index && current > lastPhase.phase;
      lastPhase = { index: state.index, phase: current };
      if (changed && shown.phase) {
        shown.phase.classList.add("present-phase-new");
        say(word("script_now", "Now: {phase}", { phase: screen.phases[current].name }));
        window.setTimeout(function () {
          shown.phase.classList.remove("present-phase-new");
        }, 4000);
      }
    }
    if (screen.countdown) {
      screen.countdown.textContent = remaining;
    }
    if (shown.remaining) {
      shown.remaining.textContent = remaining;
      shown.remaining.classList.toggle("present-over", over);
    }
    if (shown.phase) {
      shown.phase.textContent = phase;
      shown.phase.hidden = !phase;
    }
    if (shown.clock) {
      shown.clock.textContent = clockText(spent);
    }
  }

  /* "09:38, planned 09:35, 3 min behind": the real time, when the current
     screen was planned to start, and where the session will end against
     the plan if the screen takes its time. */
  function clockText(spent) {
    var text = clock(now());
    var start = planStart();
    if (!timed || !start) {
      return text;
    }
    var screen = plan[state.index];
    var planned = plannedAt(state.index, start);
    var plannedEnd = planned + screen.ms;
    var projectedEnd = now() + Math.max(0, screen.ms - spent);
    var minutes = Math.round((projectedEnd - plannedEnd) / 60000);
    var late = { minutes: Math.abs(minutes) };
    var drift =
      minutes === 0
        ? word("script_on_time", "on time")
        : minutes > 0
          ? word("script_behind", "{minutes} min behind", late)
          : word("script_ahead", "{minutes} min ahead", late);
    return word("script_planned", "{clock}, planned {planned}, {drift}", {
      clock: text,
      planned: clock(planned),
      drift: drift
    });
  }

  /* When screen `i` was planned to start: its own clock time today, or the
     plan's start plus the screens before it. */
  function plannedAt(i, start) {
    var at = plan[i].at;
    if (at) {
      var day = new Date(now());
      day.setHours(Number(at[1]), Number(at[2]), 0, 0);
      return day.getTime();
    }
    var before = 0;
    for (var j = 0; j < i; j++) {
      before += plan[j].ms;
    }
    return start + before;
  }

  function show() {
    screens.forEach(function (screen, i) {
      if (i === state.index) {
        screen.setAttribute("aria-current", "step");
      } else {
        screen.removeAttribute("aria-current");
      }
      screen.classList.toggle("screen-next", isPresenter && i === state.index + 1);
    });
    if (shown.count) {
      shown.count.textContent = String(state.index + 1);
    }
    if (blankCover) {
      blankCover.hidden = !state.blank || isPresenter;
    }
    root.classList.toggle("present-blanked", state.blank);
    pressed(
      "timer",
      state.running,
      state.running ? word("script_pause_timer", "Pause timer") : word("script_start_timer", "Start timer")
    );
    pressed(
      "blank",
      state.blank,
      state.blank ? word("script_show_screen", "Show the screen") : word("script_blank", "Blank")
    );
    showTimer();
  }

  function pressed(action, on, label) {
    var button = document.querySelector('[data-action="' + action + '"]');
    if (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = label;
    }
  }

  /* ---------- The other window ---------- */

  var other = isPresenter ? window.opener : null;

  function send(kind) {
    if (!other || other.closed) {
      return;
    }
    try {
      /* From file:// a window's origin is opaque, so no origin can be named:
         the message goes to that one window only, and holds nothing private. */
      other.postMessage({ type: MESSAGE, kind: kind, key: pageKey, state: state }, "*");
    } catch (error) {
      other = isPresenter ? other : null;
    }
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== MESSAGE || data.key !== pageKey || !event.source) {
      return;
    }
    var fromOther = event.source === other;
    /* A reloaded room window no longer knows its presenter window until it hears from it. */
    var adopted = !isPresenter && !other && event.source.opener === window;
    if (!fromOther && !adopted) {
      return;
    }
    other = event.source;
    if (data.kind === "hello") {
      send("state");
      return;
    }
    var next = sanitize(data.state);
    if (next) {
      state = next;
      save();
      show();
    }
  });

  function openPresenter() {
    var href = deck.getAttribute("data-presenter");
    if (isPresenter || !href) {
      return;
    }
    var opened = window.open(href, "coachbook-presenter");
    if (opened) {
      other = opened;
      opened.focus();
    }
  }

  /* ---------- Actions ---------- */

  function changed() {
    save();
    show();
    send("state");
  }

  function go(index) {
    var target = Math.max(0, Math.min(screens.length - 1, index));
    if (target === state.index) {
      return;
    }
    settle();
    state.index = target;
    changed();
    say(
      word("script_screen_of", "{number} of {count}: {title}", {
        number: target + 1,
        count: screens.length,
        title: plan[target].title
      })
    );
  }

  function toggleTimer() {
    settle();
    state.running = !state.running;
    if (state.running) {
      state.since = now();
      state.anchor = state.anchor || state.since;
    }
    changed();
  }

  function resetTimer() {
    state.running = false;
    state.since = 0;
    state.anchor = 0;
    state.spent = screens.map(function () {
      return 0;
    });
    changed();
  }

  function toggleBlank() {
    state.blank = !state.blank;
    changed();
  }

  function toggleFullScreen() {
    try {
      var request = document.fullscreenElement
        ? document.exitFullscreen()
        : root.requestFullscreen();
      if (request && request.catch) {
        request.catch(function () {});
      }
    } catch (error) {
      /* Full screen is not offered here. */
    }
  }

  var actions = {
    prev: function () { go(state.index - 1); },
    next: function () { go(state.index + 1); },
    timer: toggleTimer,
    reset: resetTimer,
    blank: toggleBlank,
    fullscreen: toggleFullScreen,
    presenter: openPresenter
  };

  if (controls) {
    controls.hidden = false;
    controls.addEventListener("click", function (event) {
      var target = event.target.closest("[data-action]");
      var action = target && actions[target.getAttribute("data-action")];
      if (action) {
        event.preventDefault();
        action();
      }
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) {
      return;
    }
    var target = event.target;
    var typing = target.closest && target.closest("input, textarea, select, [contenteditable]");
    var onControl = target.closest && target.closest("button, a");
    if (typing) {
      return;
    }
    var key = event.key;
    var action = null;
    if (key === "ArrowRight" || key === "PageDown" || (key === " " && !onControl)) {
      action = actions.next;
    } else if (key === "ArrowLeft" || key === "PageUp") {
      action = actions.prev;
    } else if (key === "Home") {
      action = function () { go(0); };
    } else if (key === "End") {
      action = function () { go(screens.length - 1); };
    } else if (key === "f" || key === "F") {
      action = toggleFullScreen;
    } else if (key === "b" || key === "B" || key === ".") {
      action = toggleBlank;
    } else if (key === "t" || key === "T") {
      action = toggleTimer;
    } else if (key === "p" || key === "P") {
      action = openPresenter;
    }
    if (action) {
      event.preventDefault();
      action();
    }
  });

  var touch = null;
  deck.addEventListener("touchstart", function (event) {
    var point = event.changedTouches[0];
    touch = point ? { x: point.clientX, y: point.clientY } : null;
  }, { passive: true });
  deck.addEventListener("touchend", function (event) {
    var point = event.changedTouches[0];
    if (!touch || !point) {
      return;
    }
    var dx = point.clientX - touch.x;
    var dy = point.clientY - touch.y;
    touch = null;
    if (Math.abs(dx) > 50 && Math.abs(dx) > Math.abs(dy)) {
      go(state.index + (dx < 0 ? 1 : -1));
    }
  }, { passive: true });

  /* ---------- Start ---------- */

  root.classList.add("present-js");
  state = load() || sanitize(state);
  show();
  if (isPresenter) {
    send("hello");
  }
  window.setInterval(showTimer, 250);
})();
