// Document reader: a highlight (click, or Enter/Space when focused) shows the card with its fields.
// Cards are rendered, escaped, by the server; this script only shows and hides them.
(function () {
  "use strict";
  var text = document.getElementById("doc-text");
  var hint = document.getElementById("card-hint");
  var panel = document.getElementById("cards");
  var current = null;
  var opener = null;

  function marksOf(ref) {
    return text.querySelectorAll('mark.hl[data-ref="' + CSS.escape(ref) + '"]');
  }

  function hide() {
    if (!current) return;
    current.hidden = true;
    marksOf(current.dataset.ref).forEach(function (m) {
      m.classList.remove("selected");
      m.setAttribute("aria-expanded", "false");
    });
    current = null;
    hint.hidden = false;
    panel.classList.remove("open");
  }

  function show(ref, focusCard) {
    var card = document.getElementById("card-" + ref);
    if (!card) return false;
    hide();
    card.hidden = false;
    current = card;
    hint.hidden = true;
    panel.classList.add("open");
    marksOf(ref).forEach(function (m) {
      m.classList.add("selected");
      m.setAttribute("aria-expanded", "true");
    });
    if (focusCard) card.focus();
    return true;
  }

  text.addEventListener("click", function (e) {
    var mark = e.target.closest("mark.hl");
    if (!mark) return;
    opener = mark;
    show(mark.dataset.ref, false);
  });

  text.addEventListener("keydown", function (e) {
    if (e.key !== "Enter" && e.key !== " ") return;
    var mark = e.target.closest("mark.hl");
    if (!mark) return;
    e.preventDefault();
    opener = mark;
    show(mark.dataset.ref, true);
  });

  panel.addEventListener("click", function (e) {
    if (!e.target.classList.contains("close-card")) return;
    hide();
    if (opener) opener.focus();
  });

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && current) {
      hide();
      if (opener) opener.focus();
    }
  });

  function fromHash() {
    var hash = decodeURIComponent(location.hash.slice(1));
    if (hash.indexOf("m-") !== 0) return;
    var ref = hash.slice(2);
    var mark = document.getElementById(hash);
    if (show(ref, false) && mark) {
      opener = mark;
      mark.scrollIntoView({ block: "center" });
      mark.focus({ preventScroll: true });
    }
  }

  window.addEventListener("hashchange", fromHash);
  fromHash();
  document.body.dataset.ready = "1";
})();
