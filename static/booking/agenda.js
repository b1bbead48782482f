// The agenda's quick actions: a click on an appointment opens a dialog (call, move, arrived,
// no-show, cancel) instead of the full form; the link still leads there without script.
// And the day view's « Imprimer » button.
(function () {
  "use strict";
  function text(id, value) {
    document.getElementById(id).textContent = value;
  }

  function openQuickActions(block, dialog) {
    text("quick-title", block.dataset.name);
    text("quick-when", block.dataset.when);
    var call = document.getElementById("quick-call");
    call.hidden = !block.dataset.phone;
    call.href = block.dataset.phone ? "tel:" + block.dataset.phone : "#";
    call.textContent = "Appeler le " + (block.dataset.phoneWritten || "");
    document.getElementById("quick-open").href = block.getAttribute("href");
    var form = document.getElementById("quick-form");
    form.action = block.dataset.quick;
    var marked = form.querySelector("[data-when-marked]");
    marked.hidden = !block.dataset.attendance;
    dialog.showModal();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var dialog = document.getElementById("quick-actions");
    if (dialog && typeof dialog.showModal === "function") {
      document.querySelectorAll(".appt[data-quick]").forEach(function (block) {
        block.addEventListener("click", function (event) {
          if (event.ctrlKey || event.metaKey || event.shiftKey) return;  // a new tab: the form
          event.preventDefault();
          openQuickActions(block, dialog);
        });
      });
      dialog.querySelectorAll("[data-confirm]").forEach(function (button) {
        button.addEventListener("click", function (event) {
          if (!window.confirm(button.dataset.confirm)) event.preventDefault();
        });
      });
    }
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
    // On a narrow screen, today's column is scrolled into view.
    var today = document.querySelector(".week-day.is-today");
    var scroller = document.querySelector(".week-scroll");
    if (today && scroller && scroller.scrollWidth > scroller.clientWidth) {
      scroller.scrollLeft = today.offsetLeft - 48;
    }
  });
})();
