// coachbook's SCORM runtime, loaded only by the launch pages of a SCORM
// package (never by the handbook's own pages). The launch page shows the
// item's pages in a frame and tells this script the SCORM version and which
// pages make up the item. The script finds the learning platform's API the
// way the standards describe (the window's parents, then the opener's),
// starts one session, and after every page the learner opens records where
// they are, which of the item's pages they have seen (in suspend_data, so a
// later session carries on) and whether that is all of them (the item is
// then completed). It commits after each page and terminates when the
// launch page goes away. Without an API, outside a platform, it does
// nothing at all.
(function () {
  "use strict";

  var item = JSON.parse(document.getElementById("coachbook-item").textContent);
  var frame = document.getElementById("coachbook-page");
  var v12 = item.version === "1.2";
  var name = v12 ? "API" : "API_1484_11";
  // How far up the frames to look: 7 in ADL's SCORM 1.2 sample, 500 in 2004's.
  var maxTries = v12 ? 7 : 500;
  var cmi = v12
    ? {
        init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit",
        finish: "LMSFinish", location: "cmi.core.lesson_location", status: "cmi.core.lesson_status",
        exit: "cmi.core.exit", time: "cmi.core.session_time", locationMax: 255, suspendMax: 4096
      }
    : {
        init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit",
        finish: "Terminate", location: "cmi.location", status: "cmi.completion_status",
        exit: "cmi.exit", time: "cmi.session_time", locationMax: 1000, suspendMax: 64000
      };

  // The API in `win` or one of its parents; a window of another origin is
  // passed over, not an error.
  function search(win) {
    for (var tries = 0; win && tries <= maxTries; tries++) {
      try {
        if (win[name]) return win[name];
      } catch (notOurs) {
        // Another origin's window: keep climbing.
      }
      if (win.parent === win) return null;
      win = win.parent;
    }
    return null;
  }

  function findApi() {
    var api = search(window);
    if (!api) {
      try {
        if (window.top.opener) api = search(window.top.opener);
      } catch (notOurs) {
        api = null;
      }
    }
    return api;
  }

  var api = findApi();
  if (!api) return;

  function call(method) {
    try {
      return String(api[method].apply(api, Array.prototype.slice.call(arguments, 1)));
    } catch (failed) {
      return "";
    }
  }

  if (call(cmi.init, "") !== "true") return;

  var pages = item.pages;
  var seen = restore(call(cmi.get, "cmi.suspend_data"));
  var status = call(cmi.get, cmi.status);
  var wasComplete = status === "completed" || status === "passed";
  var started = Date.now();
  var finished = false;

  // suspend_data: "v1:" and one bit per page of the item, as hexadecimal digits.
  function restore(data) {
    var marks = [];
    if (data.slice(0, 3) !== "v1:") return marks;
    for (var i = 3; i < data.length; i++) {
      var digit = parseInt(data.charAt(i), 16) || 0;
      for (var bit = 0; bit < 4; bit++) marks.push((digit & (1 << bit)) !== 0);
    }
    return marks;
  }

  function suspendData() {
    var data = "v1:";
    for (var i = 0; i < pages.length; i += 4) {
      var digit = 0;
      for (var bit = 0; bit < 4; bit++) if (seen[i + bit]) digit |= 1 << bit;
      data += digit.toString(16);
    }
    return data;
  }

  // The frame's page as a path in the package (`guides/index.html`), or
  // null for a page elsewhere.
  var root = decodeURIComponent(new URL("../", window.location.href).pathname);
  function current() {
    var path;
    try {
      path = decodeURIComponent(frame.contentWindow.location.pathname);
    } catch (elsewhere) {
      return null;
    }
    if (path.indexOf(root) !== 0) return null;
    path = path.slice(root.length);
    return path === "" || path.slice(-1) === "/" ? path + "index.html" : path;
  }

  function record() {
    var path = current();
    if (path === null) return;
    if (path.length <= cmi.locationMax) call(cmi.set, cmi.location, path);
    var index = pages.indexOf(path);
    if (index >= 0) seen[index] = true;
    var count = 0;
    for (var i = 0; i < pages.length; i++) if (seen[i]) count++;
    var complete = wasComplete || count === pages.length;
    var data = suspendData();
    if (data.length <= cmi.suspendMax) call(cmi.set, "cmi.suspend_data", data);
    call(cmi.set, cmi.status, complete ? "completed" : "incomplete");
    if (!v12) call(cmi.set, "cmi.progress_measure", complete ? "1" : (count / pages.length).toFixed(4));
    call(cmi.set, cmi.exit, complete ? (v12 ? "" : "normal") : "suspend");
    call(cmi.commit, "");
  }

  function sessionTime() {
    var seconds = (Date.now() - started) / 1000;
    var hours = Math.floor(seconds / 3600);
    var minutes = Math.floor((seconds % 3600) / 60);
    var rest = (seconds % 60).toFixed(2);
    if (!v12) return "PT" + hours + "H" + minutes + "M" + rest + "S";
    var two = function (n) { return (n < 10 ? "0" : "") + n; };
    return (hours < 1000 ? ("000" + hours).slice(-4) : String(hours)) + ":" + two(minutes) + ":" +
      (rest < 10 ? "0" : "") + rest;
  }

  function finish() {
    if (finished) return;
    finished = true;
    call(cmi.set, cmi.time, sessionTime());
    call(cmi.commit, "");
    call(cmi.finish, "");
  }

  // Back where the learner left off, when that page is one of the item's.
  var place = call(cmi.get, cmi.location);
  var placeIndex = pages.indexOf(place);
  frame.addEventListener("load", record);
  if (placeIndex > 0) {
    frame.src = "../" + place.split("/").map(encodeURIComponent).join("/");
  } else {
    try {
      if (frame.contentDocument && frame.contentDocument.readyState === "complete") record();
    } catch (elsewhere) {
      // The page has not loaded yet; its load event records it.
    }
  }
  window.addEventListener("pagehide", finish);
  window.addEventListener("unload", finish);
})();
