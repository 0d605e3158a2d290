// Keyboard shortcuts (templates/fragments/shortcuts.html lists them): "?" opens the list (Escape closes
// it), "/" goes to the page's search box, "n" opens the page's "New" form, and on a list "j"/"k" move to
// the next/previous row (Enter opens it, as its link has the focus). The agent queue keeps its own j/k/x
// (service-queue.js) and the board its arrow keys (board.js). Never while typing in a field. Escape in
// a quick edit cancels it.
(function () {
  if (window.crmShortcuts) {
    return;
  }
  window.crmShortcuts = true;
  var current = -1;

  function typing(target) {
    var tag = (target.tagName || '').toLowerCase();
    return tag === 'input' || tag === 'textarea' || tag === 'select' || target.isContentEditable;
  }

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll('main table tbody tr'))
      .filter(function (row) { return row.querySelector('a[href]'); });
  }

  function moveRow(step) {
    var all = rows();
    if (all.length === 0) {
      return false;
    }
    current = Math.max(0, Math.min(all.length - 1, current + step));
    all.forEach(function (row, i) { row.classList.toggle('row-current', i === current); });
    all[current].querySelector('a[href]').focus();
    return true;
  }

  function search() {
    var box = document.querySelector('main input[type=search], main input[name=q]') ||
      document.getElementById('global-search');
    if (box) {
      box.focus();
      box.select();
    }
    return !!box;
  }

  function newRecord() {
    var link = document.querySelector('main a[href$="/new"]');
    if (link) {
      window.location.href = link.href;
    }
    return !!link;
  }

  function openHelp() {
    var dialog = document.getElementById('shortcuts');
    if (!dialog || dialog.open) {
      return false;
    }
    dialog.querySelectorAll('[data-shortcuts-when]').forEach(function (section) {
      section.hidden = !document.querySelector(section.dataset.shortcutsWhen);
    });
    dialog.showModal();
    return true;
  }

  document.addEventListener('keydown', function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target) || event.defaultPrevented) {
      return;
    }
    var dialog = document.getElementById('shortcuts');
    if (dialog && dialog.open) {
      return;
    }
    var queue = document.getElementById('queue-board');
    var done;
    if (event.key === '?') {
      done = openHelp();
    } else if (event.key === '/') {
      done = search();
    } else if (event.key === 'n') {
      done = newRecord();
    } else if ((event.key === 'j' || event.key === 'k') && !queue) {
      done = moveRow(event.key === 'j' ? 1 : -1);
    }
    if (done) {
      event.preventDefault();
    }
  });

  // A quick edit's form (fragments/inline.html): Escape brings the value back.
  document.addEventListener('keydown', function (event) {
    var form = event.key === 'Escape' && event.target.closest ? event.target.closest('form[data-inline]') : null;
    var cancel = form && form.querySelector('[data-inline-cancel]');
    if (cancel) {
      event.preventDefault();
      cancel.click();
    }
  });

  document.addEventListener('click', function (event) {
    if (event.target.closest && event.target.closest('[data-shortcuts-open]')) {
      openHelp();
    }
  });

  document.querySelectorAll('[data-shortcuts-open]').forEach(function (button) {
    button.hidden = false;
  });

  document.addEventListener('htmx:afterSwap', function () {
    current = -1;
  });

  // A quick edit's form just swapped in: its field takes the focus (once).
  document.addEventListener('htmx:afterSettle', function () {
    document.querySelectorAll('form[data-inline] [autofocus]:not([data-focused])').forEach(function (field) {
      field.setAttribute('data-focused', '');
      field.focus();
    });
  });
}());
