// Progressive enhancement only: pages work without it. Hovering a quotation card on an
// article page outlines that quotation's marks in the text. No HTML is ever built here.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const body = document.getElementById("article-body");
  if (!body) return;
  const marks = Array.from(body.querySelectorAll("span[data-quotations]"));
  const toggle = (id, on) => {
    for (const mark of marks) {
      if (mark.dataset.quotations.split(" ").includes(id)) mark.classList.toggle("active", on);
    }
  };
  for (const card of document.querySelectorAll(".card[data-quotation]")) {
    const id = card.dataset.quotation;
    card.addEventListener("mouseenter", () => toggle(id, true));
    card.addEventListener("mouseleave", () => toggle(id, false));
  }
});
