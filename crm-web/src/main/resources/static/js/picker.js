// Pickers (templates/fragments/picker.html): htmx fills the suggestions while one types; choosing one
// puts its id into the hidden field and its name into the text field; typing again clears the id.
// Arrow keys move between the suggestions, Escape closes them. Without this script the typed name is
// resolved by the server when the form is sent.
(function () {
  if (window.crmPicker) {
    return;
  }
  window.crmPicker = true;

  function pickerOf(element) {
    return element.closest ? element.closest('[data-picker]') : null;
  }

  function close(picker) {
    var options = picker.querySelector('.picker-options');
    options.innerHTML = '';
  }

  function choose(picker, option) {
    var hidden = picker.querySelector('[data-picker-id]');
    if (!hidden) {
      hidden = document.createElement('input');
      hidden.type = 'hidden';
      hidden.name = picker.dataset.field;
      hidden.setAttribute('data-picker-id', '');
      picker.appendChild(hidden);
    }
    hidden.value = option.dataset.pickId;
    var input = picker.querySelector('[data-picker-input]');
    input.value = option.dataset.pickName;
    input.classList.remove('is-invalid');
    var choices = picker.querySelector('.picker-choices');
    if (choices) {
      choices.remove();
    }
    var error = picker.querySelector('.invalid-feedback');
    if (error) {
      error.remove();
    }
    close(picker);
    input.focus();
    picker.dispatchEvent(new CustomEvent('crm:picked', { bubbles: true,
      detail: { id: option.dataset.pickId, name: option.dataset.pickName } }));
  }

  document.addEventListener('click', function (event) {
    var option = event.target.closest ? event.target.closest('[data-pick-id]') : null;
    var picker = option && pickerOf(option);
    if (picker) {
      event.preventDefault();
      choose(picker, option);
    }
  });

  document.addEventListener('input', function (event) {
    if (event.target.matches && event.target.matches('[data-picker-input]')) {
      var hidden = pickerOf(event.target).querySelector('[data-picker-id]');
      if (hidden) {
        hidden.value = '';
      }
    }
  });

  document.addEventListener('keydown', function (event) {
    var picker = pickerOf(event.target);
    if (!picker) {
      return;
    }
    var options = Array.prototype.slice.call(picker.querySelectorAll('.picker-option'));
    var at = options.indexOf(event.target);
    if (event.key === 'ArrowDown' && options.length > 0) {
      options[Math.min(options.length - 1, at + 1)].focus();
    } else if (event.key === 'ArrowUp' && at >= 0) {
      (at === 0 ? picker.querySelector('[data-picker-input]') : options[at - 1]).focus();
    } else if (event.key === 'Escape' && options.length > 0) {
      close(picker);
      picker.querySelector('[data-picker-input]').focus();
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  });

  // "Add step" next to a picker (the sequence form): appends "<prefix><chosen name>" as a line of the
  // target text area. Hidden without this script; there one types the line.
  document.querySelectorAll('[data-append-line]').forEach(function (box) {
    box.hidden = false;
  });
  document.addEventListener('click', function (event) {
    var button = event.target.closest ? event.target.closest('[data-append-line-button]') : null;
    if (!button) {
      return;
    }
    var box = button.closest('[data-append-line]');
    var name = box.querySelector('[data-picker-input]').value.trim();
    var target = document.getElementById(box.dataset.target);
    if (!name || !target) {
      return;
    }
    var text = target.value.replace(/\s+$/, '');
    target.value = (text ? text + '\n' : '') + box.dataset.prefix + name;
  });
}());
