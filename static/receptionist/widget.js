/*
 * The receptionist's chat widget. One script tag, no framework, no build step:
 *   <script src="https://…/static/receptionist/widget.js" data-endpoint="https://…" defer></script>
 * WebSocket first, then Server-Sent Events, then plain POST. Text is always inserted as text.
 * data-title (optional): the business's name, shown in the panel's header.
 * Stable hooks: #receptionist-widget, [data-rw="launcher|panel|log|input|send|message|slot|typing"],
 * and on a confirmation [data-rw="appointment"] with its [data-rw="ics"] link (« Ajouter à mon agenda »).
 */
(function () {
  "use strict";
  if (document.getElementById("receptionist-widget")) return;

  var script = document.currentScript || document.querySelector('script[src*="receptionist/widget.js"]');
  // The server the script came from, unless data-endpoint says otherwise: the snippet pasted on
  // another site still talks to the receptionist, not to that site.
  function scriptOrigin() {
    try { return new URL(script.src, window.location.href).origin; } catch (error) { return ""; }
  }
  var endpoint = ((script && script.getAttribute("data-endpoint")) || (script && script.src && scriptOrigin())
                  || window.location.origin).replace(/\/$/, "");
  var STORAGE_KEY = "receptionist:conversation_id";
  var THREAD_KEY = "receptionist:thread";
  var THREAD_MAX = 80;
  var state = { id: sessionStorage.getItem(STORAGE_KEY), socket: null, transport: null, busy: false, typing: null,
                resuming: false, pending: null };

  // The messages shown, kept for this tab: a reload shows the whole thread again.
  function storedThread() {
    try { return JSON.parse(sessionStorage.getItem(THREAD_KEY) || "[]"); } catch (error) { return []; }
  }
  function remember(role, text, source, appointment) {
    var thread = storedThread();
    thread.push({ role: role, text: text, source: source || "", appointment: appointment || null });
    try { sessionStorage.setItem(THREAD_KEY, JSON.stringify(thread.slice(-THREAD_MAX))); } catch (error) { /* full: shown, not kept */ }
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  var css = [
    "#receptionist-widget{position:fixed;right:16px;bottom:16px;z-index:2147483000;font:15px/1.4 system-ui,sans-serif}",
    "#receptionist-widget [data-rw=launcher]{border:0;border-radius:24px;padding:12px 18px;background:#1f6feb;color:#fff;cursor:pointer;box-shadow:0 2px 8px #0003}",
    "#receptionist-widget [data-rw=panel]{display:none;flex-direction:column;width:min(380px,calc(100vw - 32px));height:min(560px,calc(100vh - 96px));background:#fff;color:#111;border-radius:12px;box-shadow:0 4px 24px #0004;overflow:hidden;margin-bottom:8px}",
    "#receptionist-widget.rw-open [data-rw=panel]{display:flex}",
    "#receptionist-widget header{display:flex;justify-content:space-between;align-items:center;padding:10px 14px;background:#1f6feb;color:#fff}",
    "#receptionist-widget header button{background:none;border:0;color:#fff;font-size:20px;cursor:pointer}",
    "#receptionist-widget [data-rw=log]{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px}",
    "#receptionist-widget [data-rw=message]{max-width:85%;padding:8px 12px;border-radius:12px;white-space:pre-wrap;word-wrap:break-word}",
    "#receptionist-widget [data-role=agent]{align-self:flex-start;background:#f1f3f5}",
    "#receptionist-widget [data-role=user]{align-self:flex-end;background:#1f6feb;color:#fff}",
    "#receptionist-widget .rw-source{display:block;font-size:12px;opacity:.7;margin-top:4px}",
    "#receptionist-widget .rw-slots{display:flex;flex-wrap:wrap;gap:6px}",
    "#receptionist-widget [data-rw=slot]{border:1px solid #1f6feb;background:#fff;color:#1f6feb;border-radius:16px;padding:6px 10px;cursor:pointer}",
    // Focus rings for the keyboard only: a click or a tap shows none.
    "#receptionist-widget [data-rw=slot]:focus-visible,#receptionist-widget button:focus-visible{outline:2px solid #ffbf00}",
    "#receptionist-widget button:focus:not(:focus-visible){outline:none}",
    "#receptionist-widget form{display:flex;border-top:1px solid #e5e7eb}",
    "#receptionist-widget [data-rw=input]{flex:1;border:0;padding:12px;font:inherit}",
    "#receptionist-widget [data-rw=send]{border:0;background:#1f6feb;color:#fff;padding:0 16px;cursor:pointer}",
    "#receptionist-widget [data-rw=typing]{align-self:flex-start;font-size:13px;opacity:.7}",
    "#receptionist-widget [data-rw=appointment]{align-self:stretch;border:1px solid #1f6feb;border-radius:12px;padding:10px 12px;background:#f5f9ff}",
    "#receptionist-widget [data-rw=appointment] dl{display:grid;grid-template-columns:auto 1fr;gap:2px 10px;margin:6px 0 8px}",
    "#receptionist-widget [data-rw=appointment] dt{font-weight:600}",
    "#receptionist-widget [data-rw=appointment] dd{margin:0}",
    "#receptionist-widget [data-rw=ics]{display:inline-block;background:#1f6feb;color:#fff;border-radius:16px;padding:6px 12px;text-decoration:none}",
    "#receptionist-widget [data-rw=ics]:focus-visible{outline:2px solid #ffbf00;outline-offset:2px}",
    // On a phone the open panel takes the screen and its header closes it: no launcher under it.
    "@media (max-width:480px){#receptionist-widget.rw-open [data-rw=launcher]{display:none}#receptionist-widget [data-rw=panel]{height:calc(100vh - 32px);margin-bottom:0}}"
  ].join("");

  var root = el("div", { id: "receptionist-widget" });
  root.appendChild(el("style", {}, css));
  var title = ((script && script.getAttribute("data-title")) || "").trim();
  var panel = el("div", { "data-rw": "panel", role: "dialog",
                          "aria-label": "Assistant de rendez-vous" + (title ? " — " + title : "") });
  var header = el("header");
  header.appendChild(el("strong", { "data-rw": "title" }, title || "Assistant"));
  var close = el("button", { type: "button", "aria-label": "Fermer", "data-rw": "close" }, "×");
  header.appendChild(close);
  var log = el("div", { "data-rw": "log", role: "log", "aria-live": "polite", "aria-relevant": "additions", tabindex: "0" });
  var form = el("form", { "data-rw": "form" });
  var input = el("input", { "data-rw": "input", type: "text", maxlength: "500", autocomplete: "off",
                            "aria-label": "Votre message", placeholder: "Écrivez votre message…" });
  var send = el("button", { "data-rw": "send", type: "submit" }, "Envoyer");
  form.appendChild(input);
  form.appendChild(send);
  panel.appendChild(header);
  panel.appendChild(log);
  panel.appendChild(form);
  var launcher = el("button", { "data-rw": "launcher", type: "button", "aria-expanded": "false",
                                "aria-controls": "receptionist-panel" }, "Prendre rendez-vous");
  panel.id = "receptionist-panel";
  root.appendChild(panel);
  root.appendChild(launcher);

  function scroll() { log.scrollTop = log.scrollHeight; }

  function addMessage(role, text, source, transient) {
    if (!transient) remember(role, text, source);
    var bubble = el("div", { "data-rw": "message", "data-role": role });
    bubble.appendChild(document.createTextNode(text));
    if (source) {
      bubble.appendChild(el("span", { class: "rw-source" }, "Source : " + source));
    }
    log.appendChild(bubble);
    scroll();
    return bubble;
  }

  // The confirmation card: date, time, duration, address, and the appointment's calendar file.
  var DAYS = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];
  var MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                "septembre", "octobre", "novembre", "décembre"];
  // The business's wall-clock time, as the server wrote it (ISO 8601 with its offset).
  function wallClock(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso || "");
    return m ? { year: +m[1], month: +m[2], day: +m[3], time: m[4] + ":" + m[5] } : null;
  }
  function dayLabel(t) {
    var weekday = new Date(Date.UTC(t.year, t.month - 1, t.day)).getUTCDay();
    return DAYS[weekday] + " " + (t.day === 1 ? "1er" : t.day) + " " + MONTHS[t.month - 1] + " " + t.year;
  }
  function durationLabel(minutes) {
    var hours = Math.floor(minutes / 60), rest = minutes % 60;
    if (!hours) return rest + " min";
    return hours + " h" + (rest ? " " + (rest < 10 ? "0" : "") + rest : "");
  }
  function addAppointment(appointment, transient) {
    var start = wallClock(appointment.start);
    if (!start) return;
    if (!transient) remember("appointment", "", "", appointment);
    var card = el("div", { "data-rw": "appointment", role: "group", "aria-label": "Votre rendez-vous" });
    card.appendChild(el("strong", {}, "Votre rendez-vous"));
    var list = el("dl");
    [["Date", dayLabel(start)], ["Heure", start.time],
     ["Durée", appointment.duration_minutes ? durationLabel(appointment.duration_minutes) : ""],
     ["Adresse", appointment.address || ""]].forEach(function (row) {
      if (!row[1]) return;
      list.appendChild(el("dt", {}, row[0]));
      list.appendChild(el("dd", {}, row[1]));
    });
    card.appendChild(list);
    if (appointment.calendar_url) {
      card.appendChild(el("a", { "data-rw": "ics", href: endpoint + appointment.calendar_url,
                                 download: "rendez-vous.ics" }, "Ajouter à mon agenda"));
    }
    log.appendChild(card);
    scroll();
  }

  function showTyping(on) {
    if (on && !state.typing) {
      state.typing = el("div", { "data-rw": "typing", "aria-hidden": "true" }, "…");
      log.appendChild(state.typing);
      scroll();
    } else if (!on && state.typing) {
      state.typing.remove();
      state.typing = null;
    }
  }

  function clearSlots() {
    Array.prototype.forEach.call(log.querySelectorAll(".rw-slots"), function (node) { node.remove(); });
  }

  function showReply(payload) {
    showTyping(false);
    state.pending = null;
    if (payload.conversation_id) {
      state.id = payload.conversation_id;
      sessionStorage.setItem(STORAGE_KEY, state.id);
    }
    clearSlots();
    var reply = payload.reply || "";
    // The reply cites its FAQ entry by id, wherever the answer stands in it (a question may
    // follow): the citations leave the text, and the source is shown once, as its question.
    var cited = /\(Source : [^)]*\)/.test(reply);
    var text = reply.replace(/\s*\(Source : [^)]*\)/g, "").replace(/\s{2,}/g, " ").trim();
    var source = cited ? (payload.faq_question ? "« " + payload.faq_question + " »" : "FAQ") : "";
    var thread = storedThread(), last = thread[thread.length - 1];
    // Resumed after a reload: the pending question is already in the restored thread.
    if (!(state.resuming && last && last.role === "agent" && last.text === text)) addMessage("agent", text, source);
    state.resuming = false;
    var booked = payload.appointment;
    var shown = storedThread().some(function (m) { return m.appointment && booked && m.appointment.id === booked.id; });
    if (payload.state === "CONFIRMED" && booked && booked.status === "confirmed" && booked.calendar_url && !shown) {
      addAppointment(booked);
    }
    if (payload.slots && payload.slots.length) {
      var row = el("div", { class: "rw-slots", role: "group", "aria-label": "Créneaux proposés" });
      payload.slots.forEach(function (slot) {
        var button = el("button", { "data-rw": "slot", type: "button", "data-index": String(slot.index) }, slot.label);
        button.addEventListener("click", function () { submit("le numéro " + slot.index, slot.label); });
        row.appendChild(button);
      });
      log.appendChild(row);
      scroll();
    }
    state.busy = false;
  }

  function postJSON(path, body) {
    return fetch(endpoint + path, { method: "POST", headers: { "Content-Type": "application/json" },
                                   body: JSON.stringify(body) });
  }

  // Each message carries an id of its own: a retry re-sends it, and the server answers a
  // repeated id with the stored reply instead of taking the message twice.
  function newMessageId() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 12);
  }

  function messageBody(text, messageId) {
    var body = { message: text, message_id: messageId };
    if (state.id) body.conversation_id = state.id;
    return body;
  }

  function viaPost(text, messageId, retried) {
    return postJSON("/api/chat", messageBody(text, messageId)).then(function (response) {
      if (response.status === 404) { state.id = null; sessionStorage.removeItem(STORAGE_KEY); sessionStorage.removeItem(THREAD_KEY); return viaPost(text, messageId); }
      return response.json().then(showReply);
    }, function (error) {
      // The request may have reached the server before the connection dropped: same id again.
      if (retried) throw error;
      return new Promise(function (resolve) { setTimeout(resolve, 1000); })
        .then(function () { return viaPost(text, messageId, true); });
    });
  }

  function viaStream(text, messageId) {
    var body = messageBody(text, messageId);
    return postJSON("/api/chat/stream", body).then(function (response) {
      if (!response.ok || !response.body) return viaPost(text, messageId);
      var reader = response.body.getReader(), decoder = new TextDecoder(), buffer = "";
      function pump() {
        return reader.read().then(function (chunk) {
          if (chunk.done) return;
          buffer += decoder.decode(chunk.value, { stream: true });
          var events = buffer.split("\n\n");
          buffer = events.pop();
          events.forEach(function (block) {
            var kind = (block.match(/^event: (.*)$/m) || [])[1];
            var data = (block.match(/^data: (.*)$/m) || [])[1];
            if (kind === "reply" && data) showReply(JSON.parse(data));
            else if (kind === "token") showTyping(true);
          });
          return pump();
        });
      }
      return pump();
    });
  }

  function connectSocket() {
    if (!("WebSocket" in window)) return Promise.reject(new Error("no websocket"));
    return new Promise(function (resolve, reject) {
      var url = endpoint.replace(/^http/, "ws") + "/ws/chat/" + (state.id ? "?conversation_id=" + encodeURIComponent(state.id) : "");
      var socket = new WebSocket(url), opened = false;
      socket.onopen = function () { opened = true; state.socket = socket; state.transport = "websocket"; resolve(); };
      socket.onerror = function () { if (!opened) reject(new Error("websocket refused")); };
      socket.onclose = function () {
        state.socket = null;
        if (state.transport === "websocket") state.transport = "stream";
        // The socket dropped before the reply came: the same message (same id) over HTTP; the
        // server answers a message it already took with the reply it stored.
        var pending = state.pending;
        state.pending = null;
        if (pending) viaPost(pending.text, pending.messageId).catch(connectionLost);
      };
      socket.onmessage = function (event) {
        var frame = JSON.parse(event.data);
        if (frame.type === "token") showTyping(true);
        else if (frame.type === "reply") showReply(frame);
        else if (frame.type === "error") {
          state.pending = null;
          showTyping(false); state.busy = false;
          addMessage("agent", frame.error && frame.error.code === "rate_limited"
            ? "Trop de messages d'un coup : patientez un instant, puis réessayez."
            : "Message non compris, réessayez.", "", true);
        }
      };
    });
  }

  function submit(text, shown) {
    text = (text || "").trim();
    if (!text || state.busy) return;
    state.busy = true;
    addMessage("user", shown || text);
    showTyping(true);
    var messageId = newMessageId();
    if (state.transport === "websocket" && state.socket && state.socket.readyState === 1) {
      state.pending = { text: text, messageId: messageId };
      state.socket.send(JSON.stringify({ type: "message", text: text, message_id: messageId }));
      return;
    }
    var attempt = state.transport === "post" ? viaPost(text, messageId) : viaStream(text, messageId).catch(function () {
      state.transport = "post";
      return viaPost(text, messageId);
    });
    attempt.catch(connectionLost);
  }

  function connectionLost() {
    showTyping(false); state.busy = false; addMessage("agent", "Connexion impossible, réessayez.", "", true);
  }

  function start() {
    connectSocket().catch(function () {
      state.transport = "stream";
      // No socket: greet (or resume) over HTTP instead.
      var body = state.id ? { conversation_id: state.id, message: "" } : { message: "" };
      if (state.id) return;  // a resumed conversation waits for the visitor's next message
      postJSON("/api/chat", body).then(function (r) { return r.json(); }).then(showReply);
    });
  }

  function open() {
    root.classList.add("rw-open");
    launcher.setAttribute("aria-expanded", "true");
    if (!state.transport) start();
    input.focus();
  }

  function closePanel() {
    root.classList.remove("rw-open");
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  }

  launcher.addEventListener("click", function () {
    if (root.classList.contains("rw-open")) closePanel(); else open();
  });
  close.addEventListener("click", closePanel);
  root.addEventListener("keydown", function (event) { if (event.key === "Escape") closePanel(); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value;
    input.value = "";
    submit(text);
  });

  function mount() {
    document.body.appendChild(root);
    if (state.id) {
      // After a reload mid-conversation: the thread as it was, then pick it up again.
      storedThread().forEach(function (message) {
        if (message.role === "appointment") addAppointment(message.appointment, true);
        else addMessage(message.role, message.text, message.source, true);
      });
      state.resuming = true;
      open();
    } else {
      sessionStorage.removeItem(THREAD_KEY);
    }
  }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
