/*
 * Switchboard web-chat loader.
 *   <script src="https://your-switchboard/widget.js" data-channel="<channel id>" async></script>
 * Adds a launcher button and opens the chat in an iframe served by Switchboard, so the host page's
 * styles and scripts never touch it (and it never touches theirs).
 */
(function () {
  var script = document.currentScript;
  if (!script || window.__switchboardWidget) return;
  var channel = script.getAttribute("data-channel");
  if (!channel) {
    console.error("Switchboard widget: data-channel is missing on the script tag.");
    return;
  }
  window.__switchboardWidget = true;
  var origin = new URL(script.src, document.baseURI).origin;
  var color = script.getAttribute("data-color") || "#4f46e5";
  var open = false;

  var frame = document.createElement("iframe");
  frame.src = origin + "/widget/" + encodeURIComponent(channel);
  frame.title = script.getAttribute("data-title") || "Chat with us";
  frame.setAttribute("allow", "clipboard-write");
  frame.style.cssText =
    "position:fixed;bottom:88px;right:20px;width:min(380px,calc(100vw - 40px));height:min(600px,calc(100vh - 120px));" +
    "border:0;border-radius:16px;box-shadow:0 12px 40px rgba(0,0,0,.25);z-index:2147483646;display:none;background:#fff";

  var button = document.createElement("button");
  button.type = "button";
  button.setAttribute("aria-label", "Open chat");
  button.setAttribute("aria-expanded", "false");
  button.style.cssText =
    "position:fixed;bottom:20px;right:20px;width:56px;height:56px;border-radius:50%;border:0;cursor:pointer;" +
    "background:" + color + ";color:#fff;box-shadow:0 6px 20px rgba(0,0,0,.25);z-index:2147483647;display:flex;align-items:center;justify-content:center";
  var chatIcon =
    '<svg width="26" height="26" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"/></svg>';
  var closeIcon =
    '<svg width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" aria-hidden="true"><path d="M18 6 6 18M6 6l12 12"/></svg>';
  button.innerHTML = chatIcon;

  function setOpen(next) {
    open = next;
    frame.style.display = open ? "block" : "none";
    button.innerHTML = open ? closeIcon : chatIcon;
    button.setAttribute("aria-label", open ? "Close chat" : "Open chat");
    button.setAttribute("aria-expanded", String(open));
    if (open) frame.focus();
  }
  button.addEventListener("click", function () {
    setOpen(!open);
  });
  window.addEventListener("message", function (event) {
    if (event.origin === origin && event.data && event.data.type === "switchboard:close") {
      setOpen(false);
      button.focus();
    }
  });

  function mount() {
    document.body.appendChild(frame);
    document.body.appendChild(button);
    if (script.hasAttribute("data-open")) setOpen(true);
  }
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
