/* Satisfaction survey (templates/aftersales/survey.html): the visit from the link, then the answers sent with fetch.
 * Only the keys of the page's rules are read from the address (store, service, date, visit), each checked:
 * a store of dealers.yml, a service the survey lists, a real date, a visit code of the documented shape.
 * Anything else in the address is neither shown nor sent. Without this script the form posts by itself. */
(function () {
  "use strict";
  var form = document.querySelector("[data-survey-form]");
  var rulesNode = document.getElementById("dealer-survey-rules");
  if (!form || !rulesNode) return;
  var rules = JSON.parse(rulesNode.textContent);
  var visitCode = new RegExp(rules.visit);
  var has = function (object, key) { return Object.prototype.hasOwnProperty.call(object, key); };
  var checks = {
    store: function (v) { return has(rules.stores, v); },
    service: function (v) { return rules.services.indexOf(v) >= 0; },
    date: function (v) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
      var day = new Date(v + "T00:00:00Z");
      return !isNaN(day.getTime()) && day.toISOString().slice(0, 10) === v;
    },
    visit: function (v) { return visitCode.test(v); }
  };
  var params = new URLSearchParams(window.location.search);
  var shown = [];
  rules.keys.forEach(function (key) {
    var value = params.get(key);
    var input = form.querySelector('[data-survey-context="' + key + '"]');
    if (value === null || !input || !checks[key](value)) return;
    input.value = value;
    input.disabled = false;
    if (key === "store") shown.push(rules.stores[value]);
    else if (key !== "visit") shown.push(value);  // the code is for the dealer's records, not to read
  });
  var visitLine = document.querySelector("[data-survey-visit]");
  if (visitLine && shown.length) {
    shown.forEach(function (text, i) {  // each part kept whole when the line wraps on a phone
      if (i) visitLine.appendChild(document.createTextNode(" · "));
      var part = document.createElement("span");
      part.textContent = text;
      visitLine.appendChild(part);
    });
    visitLine.hidden = false;
  }

  var button = form.querySelector("button[type=submit]");
  var error = document.querySelector("[data-survey-error]");
  var thanks = document.querySelector("[data-survey-thanks]");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var body = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (key !== "redirect") body.append(key, value);  // the thank-you page is for the form's own submission
    });
    var method = (form.getAttribute("method") || "post").toUpperCase();
    var url = form.action;
    // no-cors: a form service need not send CORS headers; the answer is not read, only that it arrived.
    var init = { method: method, mode: "no-cors", credentials: "omit", keepalive: true };
    if (method === "GET") url += (url.indexOf("?") >= 0 ? "&" : "?") + body.toString();
    else init.body = body;
    button.disabled = true;
    error.hidden = true;
    fetch(url, init).then(function () {
      form.hidden = true;
      if (visitLine) visitLine.hidden = true;
      thanks.hidden = false;
      thanks.focus();
      window.scrollTo(0, 0);
    }, function () {
      button.disabled = false;
      error.hidden = false;
    });
  });
})();
