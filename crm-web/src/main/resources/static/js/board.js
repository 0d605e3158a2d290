// The pipeline board's drag and drop and keyboard moves. Both submit the board's one move form
// (#board-move) as if the card's radio were picked and the target column's button pressed, so the
// stale-version check and its message are the same as without script. A focused card moves one
// column with the left/right arrow keys (up/down go to the previous/next card); #board-live tells
// screen readers what happened, and focus comes back to the moved card after htmx swaps the board.
(function () {
  var live = document.getElementById('board-live');
  var pending = null;

  function columnOf(el) {
    return el.closest('.board-column');
  }

  function say(pattern, deal, stage) {
    if (live && pattern) {
      live.textContent = pattern.replace('{0}', deal).replace('{1}', stage);
    }
  }

  function prepare() {
    document.querySelectorAll('#board .board-card').forEach(function (card) {
      if (card.querySelector('input[name=card]')) {
        card.tabIndex = 0;
        card.draggable = true;
        card.setAttribute('aria-describedby', 'board-hint');
      }
    });
  }

  function move(card, column) {
    if (!card || !column || column === columnOf(card)) {
      return;
    }
    var radio = card.querySelector('input[name=card]');
    var button = column.querySelector('button.board-drop');
    if (!radio || !button) {
      return;
    }
    radio.checked = true;
    var deal = card.querySelector('a').textContent;
    pending = { id: card.id, deal: deal };
    say(live.dataset.moving, deal, column.dataset.stageName);
    // A click, not requestSubmit(button): htmx learns which button submitted from the click.
    button.click();
  }

  document.addEventListener('keydown', function (event) {
    var card = event.target;
    if (!card.classList || !card.classList.contains('board-card') || !card.draggable) {
      return;
    }
    var column = columnOf(card);
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault();
      move(card, event.key === 'ArrowRight' ? column.nextElementSibling : column.previousElementSibling);
    }
    else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      var sibling = event.key === 'ArrowDown' ? card.nextElementSibling : card.previousElementSibling;
      if (sibling && sibling.classList.contains('board-card')) {
        event.preventDefault();
        sibling.focus();
      }
    }
  });

  document.addEventListener('dragstart', function (event) {
    var card = event.target.closest && event.target.closest('#board .board-card');
    if (card) {
      event.dataTransfer.setData('text/plain', card.id);
      event.dataTransfer.effectAllowed = 'move';
    }
  });

  function dropColumn(event) {
    return event.target.closest && event.target.closest('#board .board-column');
  }

  document.addEventListener('dragover', function (event) {
    var column = dropColumn(event);
    if (column) {
      event.preventDefault();
      column.classList.add('board-drop-target');
    }
  });

  document.addEventListener('dragleave', function (event) {
    var column = dropColumn(event);
    if (column && !column.contains(event.relatedTarget)) {
      column.classList.remove('board-drop-target');
    }
  });

  document.addEventListener('drop', function (event) {
    var column = dropColumn(event);
    if (column) {
      event.preventDefault();
      column.classList.remove('board-drop-target');
      move(document.getElementById(event.dataTransfer.getData('text/plain')), column);
    }
  });

  document.addEventListener('htmx:afterSettle', function () {
    prepare();
    if (!pending) {
      return;
    }
    var card = document.getElementById(pending.id);
    var error = document.querySelector('#flash #rule-error');
    if (error) {
      live.textContent = error.textContent;
    }
    else if (card) {
      say(live.dataset.moved, pending.deal, columnOf(card).dataset.stageName);
    }
    if (card) {
      card.focus();
    }
    pending = null;
  });

  prepare();
})();
