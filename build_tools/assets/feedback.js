/* 「这条回答有帮助吗？」 (templates/partials/helpful.html): the vote is sent in the background to the dealer's
 * form service (fetch, keepalive: it arrives even when the reader leaves the page; no cookies are sent).
 * 没帮助 first opens 「哪里没说清楚」, then 提交 sends the vote with the comment. A sessionStorage flag
 * keeps the thank-you for this tab, so one reader does not vote twice on a reload. */
(function () {
  "use strict";
  var box = document.querySelector("[data-helpful]");
  if (!box) return;
  var form = box.querySelector("[data-helpful-form]");
  var more = box.querySelector("[data-helpful-more]");
  var comment = form.elements.namedItem("comment");
  var thanks = box.querySelector("[data-helpful-thanks]");
  var key = "dealer-helpful:" + form.elements.namedItem("slug").value;

  function done() {
    form.hidden = true;
    thanks.hidden = false;
  }
  try {
    if (window.sessionStorage.getItem(key)) { done(); return; }
  } catch (e) { /* storage switched off: the widget still works */ }
  more.hidden = true;

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var button = event.submitter;
    var vote = button ? button.value : "no";
    if (button && button.hasAttribute("data-helpful-no") && more.hidden) {
      more.hidden = false;
      button.setAttribute("aria-pressed", "true");  // the choice stays visible while the comment is written
      comment.focus();
      return;
    }
    var body = new URLSearchParams();
    body.append("url", form.elements.namedItem("url").value);
    body.append("slug", form.elements.namedItem("slug").value);
    body.append("vote", vote);
    body.append("comment", vote === "no" ? comment.value : "");
    var method = (form.getAttribute("method") || "post").toUpperCase();
    var url = form.action;
    var init = { method: method, mode: "no-cors", credentials: "omit", keepalive: true };
    if (method === "GET") url += (url.indexOf("?") >= 0 ? "&" : "?") + body.toString();
    else init.body = body;
    fetch(url, init).catch(function () { /* a lost vote is not worth bothering the reader */ });
    try { window.sessionStorage.setItem(key, vote); } catch (e) { /* see above */ }
    done();
    thanks.focus();
  });
})();
