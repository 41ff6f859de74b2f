// Staff menu groups (<details>): opening one closes the others; Escape or a click elsewhere closes it.
(function () {
    var groups = document.querySelectorAll('.nav-group details');
    groups.forEach(function (d) {
        d.addEventListener('toggle', function () {
            if (d.open) { groups.forEach(function (o) { if (o !== d) { o.open = false; } }); }
        });
    });
    document.addEventListener('click', function (e) {
        groups.forEach(function (d) { if (!d.contains(e.target)) { d.open = false; } });
    });
    document.addEventListener('keydown', function (e) {
        if (e.key === 'Escape') {
            groups.forEach(function (d) { if (d.open) { d.open = false; d.querySelector('summary').focus(); } });
        }
    });
})();
