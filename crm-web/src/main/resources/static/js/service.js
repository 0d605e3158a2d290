// Knowledge-base suggestions on a ticket: "Insert link" puts the article's public address into the reply
// (textarea #reply-body; on the new-ticket form, #description) at the cursor. Registered once, however often the suggestion list is loaded.
(function () {
  if (window.crmServiceKb) {
    return;
  }
  window.crmServiceKb = true;
  document.addEventListener('click', function (event) {
    var button = event.target.closest('.kb-insert-link');
    if (!button) {
      return;
    }
    // The ticket page's reply, else the new-ticket form's description.
    var reply = document.getElementById('reply-body') || document.getElementById('description');
    var url = new URL(button.dataset.path, window.location.origin).href;
    if (!reply) {
      window.prompt('', url);
      return;
    }
    var start = reply.selectionStart || 0;
    var end = reply.selectionEnd || 0;
    var before = reply.value.substring(0, start);
    var gap = before.length > 0 && !/\s$/.test(before) ? ' ' : '';
    reply.value = before + gap + url + reply.value.substring(end);
    reply.focus();
    reply.selectionStart = reply.selectionEnd = start + gap.length + url.length;
  });
}());
