// Agent queue: keyboard moves (j/k, x to tick, Enter to open), "tick all", and no refresh while
// tickets are ticked (the 30 s poll would otherwise drop the agent's selection).
(function () {
  var current = -1;

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll('#queue-table .queue-row'));
  }

  function focusRow(index) {
    var all = rows();
    if (all.length === 0) {
      return;
    }
    current = Math.max(0, Math.min(all.length - 1, index));
    all.forEach(function (row, i) { row.classList.toggle('queue-row-current', i === current); });
    var link = all[current].querySelector('.queue-link');
    if (link) {
      link.focus();
    }
  }

  document.addEventListener('keydown', function (event) {
    var tag = (event.target.tagName || '').toLowerCase();
    if (tag === 'input' || tag === 'textarea' || tag === 'select' || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    if (!document.getElementById('queue-board')) {
      return;
    }
    if (event.key === 'j') {
      focusRow(current + 1);
    } else if (event.key === 'k') {
      focusRow(current - 1);
    } else if (event.key === 'x' && current >= 0) {
      var box = rows()[current] && rows()[current].querySelector('.bulk-tick');
      if (box) {
        box.checked = !box.checked;
      }
    } else {
      return;
    }
    event.preventDefault();
  });

  document.addEventListener('change', function (event) {
    if (event.target.id === 'tick-all') {
      document.querySelectorAll('#queue-table .bulk-tick').forEach(function (box) {
        box.checked = event.target.checked;
      });
    }
  });

  document.addEventListener('htmx:beforeRequest', function (event) {
    var board = document.getElementById('queue-board');
    if (board && event.detail.elt === board && board.querySelector('.bulk-tick:checked, form[data-inline]')) {
      event.preventDefault();
    }
  });

  document.addEventListener('htmx:afterSwap', function () {
    current = -1;
  });
})();
