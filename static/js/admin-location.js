/* The clinic form in the admin.

   The week of opening hours, made quicker with JavaScript:
   "Copy Monday's hours to Tuesday–Friday" copies as soon as it is ticked (the
   server copies again on save, so the checkbox works without JavaScript too),
   and a day ticked "closed" greys out its times. */
(function () {
  "use strict";
  function field(day, part) {
    return document.getElementById("id_hours_" + day + "_" + part);
  }
  function sync(day) {
    var closed = field(day, "closed");
    if (!closed) return;
    ["opens", "closes"].forEach(function (part) {
      var input = field(day, part);
      if (input) input.readOnly = closed.checked;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    for (var day = 0; day < 7; day++) {
      (function (d) {
        var closed = field(d, "closed");
        if (!closed) return;
        closed.addEventListener("change", function () { sync(d); });
        sync(d);
      })(day);
    }
    var copy = document.getElementById("id_copy_monday");
    if (!copy) return;
    copy.addEventListener("change", function () {
      if (!copy.checked) return;
      for (var d = 1; d <= 4; d++) {
        ["opens", "closes"].forEach(function (part) {
          field(d, part).value = field(0, part).value;
        });
        field(d, "closed").checked = field(0, "closed").checked;
        sync(d);
      }
    });
  });
})();
