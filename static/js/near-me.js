/* "Use my location": where the browser offers geolocation, fill the search
   with the position instead of a ZIP code. The form works without it. */
(function () {
  "use strict";
  var button = document.querySelector("[data-near-me]");
  var status = document.querySelector("[data-near-me-status]");
  if (!button || !("geolocation" in navigator)) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = "Finding your location…";
    navigator.geolocation.getCurrentPosition(
      function (position) {
        /* Three decimals (about 100 m) is plenty to pick the nearest clinic. */
        var query = new URLSearchParams({
          lat: position.coords.latitude.toFixed(3),
          lng: position.coords.longitude.toFixed(3)
        });
        var treatment = button.form.querySelector("input[name=treatment]");
        if (treatment) query.set("treatment", treatment.value);
        window.location.assign(button.form.action + "?" + query.toString());
      },
      function () {
        status.textContent = "We couldn’t get your location. Type your ZIP code or city instead.";
      },
      { maximumAge: 600000, timeout: 15000 }
    );
  });
})();
