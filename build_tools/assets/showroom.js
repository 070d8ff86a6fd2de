/* Model page showroom (templates/models/model.html): colour buttons switch the big picture;
   gallery pictures and the big picture open in a full-screen lightbox (a native <dialog>:
   Esc and the back gesture close it). Without JavaScript the gallery links open the picture. */
(function () {
  "use strict";
  var stage = document.querySelector("[data-dealer-stage] img");
  var caption = document.querySelector("[data-dealer-color-name]");
  var colors = document.querySelectorAll(".dealer-color[data-image]");
  colors.forEach(function (button) {
    button.addEventListener("click", function () {
      if (stage) { stage.src = button.dataset.image; stage.alt = stage.alt.split("（")[0] + "（" + button.dataset.name + "）"; }
      if (caption) caption.textContent = button.dataset.name;
      colors.forEach(function (b) { b.setAttribute("aria-pressed", String(b === button)); });
    });
  });

  var links = Array.prototype.slice.call(document.querySelectorAll("a[data-lightbox]"));
  if (!links.length && !stage) return;
  var dialog = document.createElement("dialog");
  dialog.className = "dealer-lightbox";
  dialog.setAttribute("aria-label", "查看大图");
  dialog.innerHTML = '<img alt=""><p class="dealer-lightbox__bar">' +
    '<button type="button" data-go="-1" aria-label="上一张">‹</button><span></span>' +
    '<button type="button" data-go="1" aria-label="下一张">›</button>' +
    '<button type="button" data-close aria-label="关闭">关闭 ×</button></p>';
  document.body.appendChild(dialog);
  var big = dialog.querySelector("img"), count = dialog.querySelector("span");
  var pictures = [], index = 0, startX = null;

  function show(i) {
    index = (i + pictures.length) % pictures.length;
    big.src = pictures[index].src;
    big.alt = pictures[index].alt;
    count.textContent = pictures.length > 1 ? (index + 1) + " / " + pictures.length : "";
    dialog.querySelectorAll("[data-go]").forEach(function (b) { b.hidden = pictures.length < 2; });
  }
  function open(list, i) {
    pictures = list;
    show(i);
    if (!dialog.open) dialog.showModal();
  }
  function gallery() { return links.map(function (a) { return { src: a.href, alt: a.querySelector("img").alt }; }); }

  links.forEach(function (a, i) {
    a.addEventListener("click", function (event) { event.preventDefault(); open(gallery(), i); });
  });
  if (stage) {
    stage.addEventListener("click", function () { open([{ src: stage.src, alt: stage.alt }].concat(gallery()), 0); });
  }
  dialog.addEventListener("click", function (event) {
    var go = event.target.closest("[data-go]");
    if (go) { show(index + Number(go.dataset.go)); return; }
    dialog.close(); // a tap anywhere else (the picture, the dark area, 关闭) closes, as photo viewers on phones do
  });
  dialog.addEventListener("touchstart", function (event) { startX = event.touches[0].clientX; }, { passive: true });
  dialog.addEventListener("touchend", function (event) {
    if (startX === null || pictures.length < 2) return;
    var dx = event.changedTouches[0].clientX - startX;
    startX = null;
    if (Math.abs(dx) > 40) show(index + (dx < 0 ? 1 : -1)); // swipe to the next or previous picture
  });
  dialog.addEventListener("keydown", function (event) {
    if (event.key === "ArrowRight") show(index + 1);
    if (event.key === "ArrowLeft") show(index - 1);
  });
})();
