// The header menu folds behind a "Menu" button on narrow screens. Without this script the
// menu simply stays open, so every link is reachable with or without JavaScript.
(function () {
  "use strict";
  var toggle = document.querySelector("[data-or-menu-toggle]");
  if (!toggle) { return; }
  var menu = document.getElementById(toggle.getAttribute("aria-controls"));
  var header = toggle.closest(".or-page-header");

  function setOpen(open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    header.classList.toggle("or-page-header--menu-open", open);
  }

  header.classList.add("or-page-header--collapsible");
  toggle.hidden = false;
  setOpen(false);
  toggle.addEventListener("click", function () {
    setOpen(toggle.getAttribute("aria-expanded") !== "true");
  });
  // Escape closes the open menu and returns focus to its button.
  menu.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      toggle.focus();
    }
  });
})();
