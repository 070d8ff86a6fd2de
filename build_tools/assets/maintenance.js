/* 保养提醒 on a model page (templates/models/maintenance.html): from the purchase date (and, optionally,
   today's mileage and km per month) list the next services and offer an iCalendar file (RFC 5545) with
   one all-day event two weeks before each due date. Everything happens here: nothing the owner types is
   sent, stored or put in the page's address. The plan comes from <script type="application/json">.

   The plan: each service is due km or months after the previous one (the first: after the purchase),
   whichever comes first; after the last, the services after the first repeat in order (catalog/pages.py
   plan_cycle). Earlier services are taken as done on time, except
   one that fell due in the last 30 days: it is listed as 已到期, in case it has not been done yet. */
(function () {
  "use strict";
  var root = document.querySelector("[data-maintenance]");
  if (!root) return;
  var plan = JSON.parse(root.querySelector("[data-maintenance-plan]").textContent);
  var form = root.querySelector("[data-maintenance-form]");
  var result = root.querySelector("[data-maintenance-result]");
  var error = root.querySelector("[data-maintenance-error]");
  var UPCOMING = 4; // services listed and put in the calendar
  var LEAD_DAYS = 14; // the reminder: two weeks before the due date
  var LATE_DAYS = 30; // a service due this recently is still listed
  var DAY = 86400000, MONTH_DAYS = 30.4375;

  root.querySelector("[data-maintenance-nojs]").hidden = true;
  form.hidden = false;

  // Dates are calendar days in UTC arithmetic (no time zone can shift a day).
  function today() { var d = new Date(); return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()); }
  function parseDay(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
    if (!m) return null;
    var t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
    return new Date(t).getUTCDate() === +m[3] ? t : null;
  }
  function addMonths(t, n) {
    var d = new Date(t), y = d.getUTCFullYear(), m = d.getUTCMonth() + n;
    var last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate(); // 1 月 31 日 + 1 个月 = 2 月最后一天
    return Date.UTC(y, m, Math.min(d.getUTCDate(), last));
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function iso(t) { var d = new Date(t); return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()); }
  function cn(t) { var d = new Date(t); return d.getUTCFullYear() + " 年 " + (d.getUTCMonth() + 1) + " 月 " + d.getUTCDate() + " 日"; }
  function km(n) { return Math.round(n).toLocaleString("en-US") + " 公里"; }
  function price(p) { return p === null || p === undefined ? "到店报价" : p === 0 ? "免费" : "参考价 ¥" + p.toLocaleString("en-US"); }
  function number(input) { var v = input.value.trim(); return v === "" ? null : Number(v); }

  /* The next services after ``now``: [{n, due, by, odometer, service}], or a message. */
  function schedule(purchase, now, mileage, rate) {
    var elapsed = (now - purchase) / DAY / MONTH_DAYS;
    // Driven so far; a car under a month old counts as a month, so a short time cannot blow the rate up,
    // and an odometer already past a service's km still makes that service due (shown as 已到期).
    if (rate === null && mileage !== null && mileage > 0) rate = mileage / Math.max(elapsed, 1);
    if (mileage === null && rate !== null) mileage = rate * elapsed;
    var useKm = rate !== null && rate > 0 && mileage !== null;
    // When the odometer reads ``x`` (mileage today, ``rate`` a month).
    function reaches(x) { return now + Math.round((x - mileage) / rate * MONTH_DAYS) * DAY; }
    function odometer(t) { return mileage + (t - now) / DAY / MONTH_DAYS * rate; }
    var list = [], at = purchase, odo = 0, services = plan.services;
    for (var n = 1; n < 1000 && list.length < UPCOMING; n++) {
      var s = n === 1 || services.length === 1 ? services[0] : services[1 + (n - 2) % (services.length - 1)];
      var byMonths = s.months ? addMonths(at, s.months) : null;
      var byKm = useKm && s.km ? reaches(odo + s.km) : null;
      if (byMonths === null && byKm === null) {
        return { list: list, stop: "第 " + n + " 次保养只按里程计算：行驶到约 " + km(odo + s.km) + "时。填写当前里程或每月行驶里程后可算出日期。" };
      }
      var due = byKm !== null && (byMonths === null || byKm < byMonths) ? byKm : byMonths;
      var byWhat = due === byKm ? "预计行驶到约 " + km(odo + s.km) : (n === 1 ? "购车后 " : "上次保养后 ") + s.months + " 个月";
      odo = useKm ? Math.max(odometer(due), odo) : odo + (s.km || 0);
      at = due;
      if (due >= now - LATE_DAYS * DAY) list.push({ n: n, due: due, by: byWhat, service: s, late: due < now });
    }
    return { list: list };
  }

  /* RFC 5545 text: backslash, semicolon, comma and line breaks escaped (3.3.11). */
  function text(value) {
    return String(value).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
  }
  var encoder = new TextEncoder();
  /* Lines of at most 75 octets, continued with CRLF and a space (3.1); never inside a UTF-8 character. */
  function fold(line) {
    var out = "", size = 0;
    for (var ch of line) {
      var bytes = encoder.encode(ch).length;
      if (size + bytes > 75) { out += "\r\n "; size = 1; }
      out += ch; size += bytes;
    }
    return out;
  }
  function stamp(d) { return d.toISOString().replace(/[-:]/g, "").replace(/\.\d+/, ""); }
  function day(t) { return iso(t).replace(/-/g, ""); }

  function calendar(list, purchase, now) {
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//" + plan.host + "//maintenance reminder//ZH", "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH", "X-WR-CALNAME:" + text(plan.name + " 保养提醒")];
    var dtstamp = stamp(new Date());
    list.forEach(function (x) {
      // Two weeks before; a service due sooner is reminded of today.
      var start = Math.max(x.due - LEAD_DAYS * DAY, now);
      var summary = "保养提醒：" + plan.name + " 第 " + x.n + " 次保养（" + iso(x.due) + " 前）";
      var description = plan.name + " 第 " + x.n + " 次保养，建议在 " + cn(x.due) + "前完成（" + x.by + "）。\n" +
        "保养项目：" + x.service.items.join("、") + "\n" + price(x.service.price) + "\n" +
        "预约保养：" + plan.booking + "\n" + plan.dealer;
      lines.push("BEGIN:VEVENT",
        "UID:maintenance-" + plan.slug + "-" + day(purchase) + "-" + x.n + "@" + plan.host,
        "DTSTAMP:" + dtstamp,
        "DTSTART;VALUE=DATE:" + day(start),
        "DTEND;VALUE=DATE:" + day(start + DAY),
        "SUMMARY:" + text(summary),
        "DESCRIPTION:" + text(description),
        "URL:" + plan.booking,
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + text(summary), "TRIGGER:PT9H", "END:VALARM",
        "END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  var download = null;
  function show(purchase, now, found) {
    result.textContent = "";
    var list = found.list;
    if (list.length) {
      var title = document.createElement("p");
      title.className = "dealer-reminder__title";
      title.textContent = "接下来的 " + list.length + " 次保养";
      var ol = document.createElement("ol");
      ol.className = "dealer-reminder__list";
      list.forEach(function (x) {
        var li = document.createElement("li");
        var head = document.createElement("strong");
        head.textContent = x.late ? "已于 " + cn(x.due) + "到期，如还没有保养请尽快预约" : cn(x.due) + "前";
        head.setAttribute("data-due", iso(x.due));
        var what = document.createElement("span");
        var cost = document.createElement("span");
        cost.className = "dealer-nowrap"; // 「参考价 ¥820」 never breaks
        cost.textContent = price(x.service.price);
        what.append("第 " + x.n + " 次保养 · " + x.by + " · ", cost);
        var items = document.createElement("span");
        items.className = "dealer-reminder__items";
        items.textContent = x.service.items.join("、");
        li.append(head, what, items);
        ol.append(li);
      });
      if (download) URL.revokeObjectURL(download);
      download = URL.createObjectURL(new Blob([calendar(list, purchase, now)], { type: "text/calendar;charset=utf-8" }));
      var actions = document.createElement("p");
      actions.className = "dealer-leads";
      var file = document.createElement("a");
      file.className = "md-button md-button--primary";
      file.href = download;
      file.download = plan.slug + "-maintenance.ics";
      file.textContent = "下载日历提醒";
      file.setAttribute("data-maintenance-ics", "");
      var book = document.createElement("a");
      book.className = "md-button";
      book.href = plan.book; // the page's 预约保养 (the calendar's own link is counted apart)
      book.textContent = "预约保养";
      actions.append(file, book);
      var hint = document.createElement("p");
      hint.className = "dealer-reminder__hint";
      hint.textContent = "日历文件（.ics）里每次保养一个日程，在到期前两周；打开文件即可导入手机或电脑的日历。";
      // The buttons right under the title: on a phone they are in view without scrolling past the list.
      result.append(title, actions, hint, ol);
    }
    if (found.stop) {
      var stop = document.createElement("p");
      stop.textContent = found.stop;
      result.append(stop);
    }
    result.hidden = false;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault(); // nothing is submitted anywhere
    var now = today();
    var purchase = parseDay(form.elements.purchase.value);
    var mileage = number(form.elements.km), rate = number(form.elements.rate);
    var problem = purchase === null ? "请填写购车日期。"
      : purchase > now ? "购车日期不能晚于今天。"
      : mileage !== null && !(mileage >= 0) ? "当前里程请填写 0 或更大的数字。"
      : rate !== null && !(rate > 0) ? "每月行驶里程请填写大于 0 的数字。" : "";
    error.textContent = problem;
    error.hidden = !problem;
    if (problem) { result.hidden = true; return; }
    show(purchase, now, schedule(purchase, now, mileage, rate));
    result.scrollIntoView({ block: "start" });
  });
  form.elements.purchase.max = iso(today());
})();
