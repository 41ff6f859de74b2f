// The notice form's 评分标准: keeps the shown 合计 up to date while weights are typed. The form works
// without it (the server shows the total of what was last submitted and refuses a sum other than 100).
(function () {
    document.querySelectorAll('fieldset[data-criteria]').forEach(function (set) {
        var output = set.querySelector('[data-criteria-total]');
        if (!output) { return; }
        function update() {
            var sum = 0;
            set.querySelectorAll('input[data-weight]').forEach(function (i) {
                var v = Number(i.value.trim());
                if (i.value.trim() !== '' && isFinite(v)) { sum += Math.round(v * 100); }
            });
            output.textContent = String(sum / 100);
            output.classList.toggle('text-danger', sum !== 10000);
        }
        set.addEventListener('input', update);
        update();
    });
})();
