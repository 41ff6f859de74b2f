// A control marked data-autosubmit sends its form when changed (filters that apply at once).
document.querySelectorAll('[data-autosubmit]').forEach(function (control) {
    control.addEventListener('change', function () { control.form.submit(); });
});
