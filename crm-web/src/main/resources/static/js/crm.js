// Small progressive enhancements; every page works without them.
document.addEventListener('submit', function (event) {
  var form = event.target;
  if (form.classList.contains('confirm-delete') && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});

// Working lists: "all on this page" ticks every row box too (without script the server
// takes the page's rows from the form's hidden pageRows).
document.addEventListener('change', function (event) {
  var box = event.target;
  if (box.classList && box.classList.contains('select-page') && box.form) {
    box.form.querySelectorAll('.row-pick').forEach(function (row) { row.checked = box.checked; });
  }
});
