/* The time left of a promotion, counted in the browser: a page may be cached or opened
   long after the build, so "还剩 3 天" cannot be written into the HTML. Every element
   with data-promo-end (ISO 8601 with its offset: the exclusive end) shows 「还剩 N 天」,
   「还剩 N 小时」 in the last day, or 「活动已结束」; its [data-promo] box gets
   .dealer-promo--ended. Without script the element keeps the last day (截止 …). */
(function () {
  "use strict";
  var HOUR = 3600000, DAY = 24 * HOUR;

  function left(ms) {
    if (ms <= 0) return "活动已结束";
    if (ms >= DAY) return "还剩 " + Math.floor(ms / DAY) + " 天";
    return "还剩 " + Math.ceil(ms / HOUR) + " 小时";
  }

  function update() {
    var now = Date.now();
    var items = document.querySelectorAll("[data-promo-end]");
    for (var i = 0; i < items.length; i++) {
      var el = items[i], end = Date.parse(el.getAttribute("data-promo-end"));
      if (isNaN(end)) continue;
      el.textContent = left(end - now);
      var box = el.closest("[data-promo]");
      if (box) box.classList.toggle("dealer-promo--ended", end <= now);
    }
  }

  update();
  setInterval(update, 60000);
  // Material's instant navigation swaps pages without loading scripts again.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(update);
})();
