// The clinic's admin: small helps on top of Django's admin and
// django-admin-sortable2. Loaded on every admin page (templates/admin/
// base_site.html); a file, never inline, for the strict CSP. Without it the
// forms still work: rows can then be dragged (if sortable2 runs) but not moved
// with the keyboard, and text boxes scroll instead of growing.
"use strict";
(function () {
  // ---- Text boxes as tall as their text, where CSS cannot do it ----------
  function grow(box) {
    box.style.height = "auto";
    box.style.height = box.scrollHeight + 4 + "px";
  }
  function growAll(root) {
    if (window.CSS && CSS.supports && CSS.supports("field-sizing", "content")) {
      return;
    }
    root.querySelectorAll("textarea.backfit-grow").forEach(grow);
  }
  document.addEventListener("input", function (event) {
    const box = event.target;
    if (box.matches && box.matches("textarea.backfit-grow") &&
        !(window.CSS && CSS.supports && CSS.supports("field-sizing", "content"))) {
      grow(box);
    }
  });
  document.addEventListener("toggle", function (event) {
    if (event.target.open) {
      growAll(event.target);
    }
  }, true);

  // ---- A folded group with an error opens by itself ----------------------
  function openErrors() {
    document.querySelectorAll("details").forEach(function (details) {
      if (details.querySelector(".errorlist, .errors")) {
        details.open = true;
      }
    });
    // Links of the error summary open the group around their field.
    document.querySelectorAll(".backfit-error-summary a[href^='#']").forEach(function (link) {
      link.addEventListener("click", function () {
        const field = document.getElementById(link.getAttribute("href").slice(1));
        let details = field && field.closest("details");
        while (details) {
          details.open = true;
          details = details.parentElement.closest("details");
        }
      });
    });
    const summary = document.querySelector(".backfit-error-summary");
    if (summary) {
      summary.focus();
    }
  }

  // ---- Ordering from the keyboard ----------------------------------------
  function say(group, text) {
    const status = group.querySelector(".backfit-order-status");
    if (status) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    }
  }
  function rowName(row) {
    return row.dataset.rowName || "This row";
  }
  function renumber(fieldset) {
    // The same numbering django-admin-sortable2 gives after a drag.
    const rows = fieldset.querySelectorAll(".inline-related.has_original");
    rows.forEach(function (row, index) {
      const input = row.querySelector("input._reorder_");
      if (input) {
        input.value = String(index + 1);
      }
    });
    return Array.prototype.slice.call(rows);
  }
  function announce(fieldset, row) {
    const rows = Array.prototype.slice.call(
      fieldset.querySelectorAll(".inline-related.has_original"));
    say(fieldset, "“" + rowName(row) + "” is now number " +
        (rows.indexOf(row) + 1) + " of " + rows.length +
        ". Save to keep the new order.");
  }
  function setUpInlines() {
    document.querySelectorAll(".backfit-rows fieldset.sortable").forEach(function (fieldset) {
      fieldset.querySelectorAll("button.backfit-move").forEach(function (button) {
        button.hidden = false;
      });
      fieldset.addEventListener("click", function (event) {
        const button = event.target.closest("button.backfit-move");
        if (!button) {
          return;
        }
        event.preventDefault();
        const row = button.closest(".inline-related.has_original");
        const rows = renumber(fieldset);
        const index = rows.indexOf(row);
        const up = button.dataset.move === "up";
        const other = rows[index + (up ? -1 : 1)];
        if (!other) {
          say(fieldset, "“" + rowName(row) + "” is already " +
              (up ? "first." : "last."));
          return;
        }
        if (up) {
          other.insertAdjacentElement("beforebegin", row);
        } else {
          other.insertAdjacentElement("afterend", row);
        }
        renumber(fieldset);
        button.focus();
        announce(fieldset, row);
      });
      // After a drag (SortableJS fires "end" on the list).
      fieldset.addEventListener("end", function (event) {
        if (event.item) {
          window.setTimeout(function () { announce(fieldset, event.item); }, 0);
        }
      });
    });
  }

  // ---- An ordered list (body areas): buttons beside the drag handle -------
  function setUpList() {
    const config = document.getElementById("admin_sortable2_config");
    const table = document.getElementById("result_list");
    if (!config || !table || !table.querySelector(".drag.handle")) {
      return;
    }
    const url = JSON.parse(config.textContent).update_url;
    const status = document.createElement("p");
    status.className = "backfit-order-status";
    status.setAttribute("role", "status");
    table.parentElement.insertBefore(status, table);
    const body = table.querySelector("tbody");
    body.querySelectorAll("tr").forEach(function (tr) {
      const handle = tr.querySelector(".drag.handle");
      const link = tr.querySelector("th a, td a");
      const name = link ? link.textContent.trim() : "this row";
      const tools = document.createElement("span");
      tools.className = "backfit-list-tools";
      ["up", "down"].forEach(function (direction) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "backfit-move";
        button.dataset.move = direction;
        button.textContent = direction === "up" ? "Up" : "Down";
        button.setAttribute("aria-label", "Move “" + name + "” " + direction);
        tools.appendChild(button);
      });
      handle.parentElement.appendChild(tools);
    });
    body.addEventListener("click", function (event) {
      const button = event.target.closest("button.backfit-move");
      if (!button) {
        return;
      }
      event.preventDefault();
      const row = button.closest("tr");
      const up = button.dataset.move === "up";
      const other = up ? row.previousElementSibling : row.nextElementSibling;
      const name = row.querySelector("th a, td a").textContent.trim();
      if (!other) {
        status.textContent = "“" + name + "” is already " + (up ? "first." : "last.");
        return;
      }
      const mine = row.querySelector(".drag.handle");
      const theirs = other.querySelector(".drag.handle");
      const a = mine.getAttribute("order");
      const b = theirs.getAttribute("order");
      const token = document.querySelector("input[name=csrfmiddlewaretoken]");
      fetch(url, {
        method: "POST",
        headers: {
          "Accept": "application/json",
          "Content-Type": "application/json",
          "X-CSRFToken": token ? token.value : ""
        },
        body: JSON.stringify({updatedItems: [[mine.getAttribute("pk"), parseInt(b, 10)],
                                             [theirs.getAttribute("pk"), parseInt(a, 10)]]})
      }).then(function (response) {
        if (!response.ok) {
          throw new Error(response.statusText);
        }
        mine.setAttribute("order", b);
        theirs.setAttribute("order", a);
        if (up) {
          other.insertAdjacentElement("beforebegin", row);
        } else {
          other.insertAdjacentElement("afterend", row);
        }
        button.focus();
        const rows = Array.prototype.slice.call(body.querySelectorAll("tr"));
        status.textContent = "Saved: “" + name + "” is now number " +
          (rows.indexOf(row) + 1) + " of " + rows.length + ".";
      }).catch(function () {
        status.textContent = "Not saved: the new order could not be stored. " +
          "Reload the page and try again.";
      });
    });
  }

  // ---- The search box of a "type to find" list (select2) gets a name ----
  // Django's autocomplete draws its own search box and list, without a label:
  // name the box after the field and mark the list as a list.
  function nameSearchBoxes() {
    document.querySelectorAll(".select2-container").forEach(function (container) {
      const select = container.previousElementSibling;
      const label = select && select.id &&
        document.querySelector("label[for='" + select.id + "']");
      const name = label ? label.textContent.replace(/:\s*$/, "").trim() : "";
      container.querySelectorAll(".select2-search__field").forEach(function (box) {
        if (name && !box.getAttribute("aria-label")) {
          box.setAttribute("aria-label", "Find and add: " + name);
        }
      });
      container.querySelectorAll("ul.select2-selection__rendered").forEach(function (list) {
        list.setAttribute("role", "list");
      });
    });
  }
  function watchSearchBoxes() {
    nameSearchBoxes();
    new MutationObserver(nameSearchBoxes).observe(document.body, {
      childList: true,
      subtree: true
    });
  }

  function ready() {
    window.addEventListener("load", watchSearchBoxes);
    growAll(document);
    openErrors();
    setUpInlines();
    setUpList();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }

  /* Django's filterable two-box pickers (a clinic's treatments, a treatment's
     symptoms and professions) name their search icon with aria-label
     on a plain <span>, which assistive technology may ignore (axe:
     aria-prohibited-attr). As an image, the name is read. The widget is
     built on "load", so this runs just after it. */
  window.addEventListener("load", function () {
    window.setTimeout(function () {
      document.querySelectorAll(".search-label-icon[aria-label]").forEach(function (icon) {
        icon.setAttribute("role", "img");
      });
    }, 0);
  });
})();
