// Small progressive enhancements; every page works without them.
document.addEventListener('submit', function (event) {
  var form = event.target;
  if (form.classList.contains('confirm-delete') && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});
