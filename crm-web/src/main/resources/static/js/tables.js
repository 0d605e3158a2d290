// Lists on a narrow screen (layout.css): every cell of a .table-stack gets its column's name as
// data-label, so a row shown as a card still says what each value is. The names are the table head's
// own texts (the page's messages); cells spanning columns get none. Runs on load and on every part
// htmx brings in.
(function () {
  function label(table) {
    if (!table.tHead || !table.tHead.rows.length) {
      return;
    }
    var names = [];
    Array.prototype.forEach.call(table.tHead.rows[table.tHead.rows.length - 1].cells, function (th) {
      var text = th.textContent.replace(/\s+/g, ' ').trim();
      for (var i = 0; i < th.colSpan; i++) {
        names.push(th.colSpan === 1 ? text : '');
      }
    });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          var name = cell.colSpan === 1 ? names[column] : '';
          if (name && !cell.hasAttribute('data-label')) {
            cell.setAttribute('data-label', name);
          }
          column += cell.colSpan;
        });
      });
    });
  }
  function labelAll(root) {
    var scope = root && root.querySelectorAll ? root : document;
    if (scope.matches && scope.matches('table.table-stack')) {
      label(scope);
    }
    Array.prototype.forEach.call(scope.querySelectorAll('table.table-stack'), label);
    var owner = scope.closest && scope.closest('table.table-stack');
    if (owner) {
      label(owner);
    }
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { labelAll(document); });
  } else {
    labelAll(document);
  }
  document.addEventListener('htmx:load', function (event) { labelAll(event.target); });
})();
