// The article reader: clicking an event highlights its evidence sentence and shows why it was coded.
"use strict";
(function () {
  const items = document.querySelectorAll(".event-item");

  function choose(item) {
    const index = item.dataset.event;
    document.querySelectorAll(".seg.evidence").forEach((el) => el.classList.remove("evidence"));
    document.querySelectorAll(".event-item.active").forEach((el) => el.classList.remove("active"));
    document.querySelectorAll(".why").forEach((el) => { el.hidden = true; });
    item.classList.add("active");
    const why = document.getElementById("why-" + index);
    if (why) why.hidden = false;
    // data-ev lists the events whose evidence covers a piece of text, separated by spaces.
    const pieces = document.querySelectorAll('[data-ev~="' + CSS.escape(index) + '"]');
    pieces.forEach((el) => el.classList.add("evidence"));
    if (pieces.length) pieces[0].scrollIntoView({ block: "center", behavior: "smooth" });
    document.body.dataset.selectedEvent = index;
  }

  items.forEach((item) => {
    item.addEventListener("click", (event) => {
      if (event.target.closest("a")) return; // a link to an actor goes there
      choose(item);
    });
    item.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); choose(item); }
    });
  });
})();
