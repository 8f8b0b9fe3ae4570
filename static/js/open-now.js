/* "Open now" kept current in the browser. The server writes the status when
   it renders the page (and says when); a cached copy may be older, so this
   works it out again from the hours table. The table names the clinic's time
   zone (data-time-zone) and the day names (data-weekdays, Monday first), so
   nothing here restates the server's settings. Its words come from the
   table too (data-open-text, data-closed-text, data-day-names ...), in the
   page's language.
   Without JavaScript the server's text, with its "as of" time, stays. */
(function () {
  "use strict";
  var status = document.querySelector("[data-open-status]");
  var table = document.querySelector("[data-hours]");
  if (!status) return;
  /* No hours entered (no table, or no day with hours): no "open now" at all;
     the page tells patients to call for opening hours. */
  if (!table || !table.querySelector("tr[data-opens]")) {
    status.remove();
    return;
  }
  var DAYS = table.getAttribute("data-weekdays").split(",");
  var NAMES = (table.getAttribute("data-day-names") || "").split(",");
  if (NAMES.length !== 7) NAMES = DAYS;
  function word(name, fallback) {
    var value = table.getAttribute("data-" + name);
    return value === null ? fallback : value;
  }
  function fill(pattern, values) {
    return pattern.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }
  var clinicClock = new Intl.DateTimeFormat("en-US", {
    timeZone: table.getAttribute("data-time-zone"),
    weekday: "long", hour: "numeric", minute: "numeric", hourCycle: "h23"
  });

  function minutes(hhmm) {
    var parts = hhmm.split(":");
    return parseInt(parts[0], 10) * 60 + parseInt(parts[1], 10);
  }
  function clock(total) {
    var h = Math.floor(total / 60), m = total % 60;
    var text = String(h % 12 || 12) + (m ? ":" + (m < 10 ? "0" : "") + m : "");
    return text + " " + (h < 12 ? word("am", "am") : word("pm", "pm"));
  }

  function update() {
    var days = {};
    table.querySelectorAll("tr[data-opens]").forEach(function (row) {
      days[row.getAttribute("data-weekday")] = {
        opens: minutes(row.getAttribute("data-opens")),
        closes: minutes(row.getAttribute("data-closes"))
      };
    });
    var parts = {};
    clinicClock.formatToParts(new Date()).forEach(function (part) {
      parts[part.type] = part.value;
    });
    var today = DAYS.indexOf(parts.weekday); /* Monday = 0, as on the server */
    var now = parseInt(parts.hour, 10) % 24 * 60 + parseInt(parts.minute, 10);
    var hours = days[today];
    var text = null, open = false;
    if (hours && hours.opens <= now && now < hours.closes) {
      text = fill(word("open-text", "Open now, closes at {time}"), { time: clock(hours.closes) });
      open = true;
    } else {
      for (var ahead = 0; ahead < 8 && !text; ahead++) {
        hours = days[(today + ahead) % 7];
        if (!hours || (ahead === 0 && now >= hours.opens)) continue;
        var day = ahead === 0 ? word("today", "today")
          : ahead === 7 ? fill(word("next-day", "next {day}"), { day: NAMES[today] })
          : fill(word("on-day", "{day}"), { day: NAMES[(today + ahead) % 7] });
        text = fill(word("closed-text", "Closed, opens {day} at {time}"), { day: day, time: clock(hours.opens) });
      }
    }
    if (!text) return;
    status.classList.toggle("is-open", open);
    status.querySelector("strong").textContent = text;
    var note = status.querySelector(".small");
    if (note) note.textContent = word("note", "(Arizona time)");
  }

  update();
  window.setInterval(update, 60 * 1000);
})();
